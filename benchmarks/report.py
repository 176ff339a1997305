"""BENCHMARKS.md and the log-log scaling plot, written from ``benchmarks/results.json`` (see run.py).

Run on its own to rewrite the report from the last results: python benchmarks/report.py
"""

from __future__ import annotations

import json
import math
import statistics
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
NOTES = HERE / "notes.md"

#: (description, size selector, measurement, limit in seconds)
TARGETS_RELEASE_QUERY = 0.010
TARGETS_COLD = 0.6
TARGETS_VALIDATE = 5.0
TARGETS_BUILD = 10.0
TARGETS_1M = {"load": 5.0, "query": 0.5, "validate": 60.0, "server": 30.0}
# whole-graph answers that grow with the graph (14,040 rows at 1M for mechanism-network) and the page a caller asks
# for instead at that size: the 1M query target judges the page, and the whole answer is shown beside it
PAGED = {"mechanism-network": "mechanism-network (preparation=adsc-exos)"}
LINEAR = 1.15  # a growth exponent above this between 100k and 1M is called worse than linear


def median(entry: dict | None) -> float | None:
    if not entry or entry.get("status", "ok") != "ok" or not entry.get("times"):
        return None
    return statistics.median(entry["times"])


def seconds(value: float | None) -> str:
    if value is None:
        return "–"
    if value < 0.1:
        return f"{value * 1000:.1f} ms"
    return f"{value:.2f} s"


def spread(entry: dict | None) -> str:
    """``median (min–max, n)`` or the reason there is no figure."""
    if not entry:
        return "–"
    status = entry.get("status", "ok")
    if status == "timeout":
        limit = entry.get("limit")
        return f"timeout (> {limit:g} s)" if limit else "timeout"
    if status != "ok":
        return status
    times = entry["times"]
    if len(times) == 1:
        return f"{seconds(times[0])} (1 run)"
    return f"{seconds(statistics.median(times))} ({seconds(min(times))}–{seconds(max(times))}, {len(times)})"


def ratio(slow: float | None, fast: float | None) -> str:
    if slow is None or fast is None or fast == 0:
        return "–"
    return f"{slow / fast:.0f}×" if slow / fast >= 10 else f"{slow / fast:.1f}×"


def rss(entry: dict | None) -> str:
    return f"{entry['rss_mb']:.0f}" if entry and entry.get("rss_mb") else "–"


def mark(ok: bool | None) -> str:
    return {True: "met", False: "**missed**", None: "not measured"}[ok]


def triples(size: dict) -> str:
    return f"{size['triples']:,}"


def measured_on(entry: dict, size: dict) -> str:
    """The triples of the graph an entry was measured on (a partial run's may differ from the size's)."""
    return f"{entry.get('triples', size['triples']):,}"


def remeasured(again: dict | None, size: dict) -> str:
    """The note beside a query measured again by a partial run: date, graph where it differs, load average."""
    if not again:
        return ""
    same = again.get("triples", size["triples"]) == size["triples"]
    graph = "" if same else f" on {measured_on(again, size)} triples"
    return f" (measured again {again['date']}{graph}, load average {again['loadavg']:.1f})"


def query_timeout(entry: dict, name: str, limit: float) -> dict:
    result = entry.get("queries", {}).get(name, {})
    return {**result, "limit": limit} if result.get("status") == "timeout" else result


def slowest_query(size: dict) -> tuple[str | None, float | None]:
    queries = size["queries"]["pyoxigraph"].get("queries", {})
    medians = {name: median(entry) for name, entry in queries.items()}
    medians = {name: value for name, value in medians.items() if value is not None}
    if not medians:
        return None, None
    name = max(medians, key=medians.get)
    return name, medians[name]


def growth(sizes: list[dict], pick) -> float | None:
    """The exponent b of time ~ size^b between the 100k and the 1M graph (None if either is missing)."""
    by_label = {size["label"]: size for size in sizes}
    small, large = by_label.get("100k"), by_label.get("1M")
    if not small or not large:
        return None
    a, b = pick(small), pick(large)
    if not a or not b:
        return None
    return math.log(b / a) / math.log(large["triples"] / small["triples"])


def measurements(sizes: list[dict]) -> dict[str, object]:
    """Per-size scalar pickers for the growth table and the plot."""
    pickers: dict[str, object] = {
        "load, pyoxigraph": lambda s: median(s["load"]["pyoxigraph"]),
        "load, rdflib": lambda s: median(s["load"]["rdflib"]),
        "slowest canned query, pyoxigraph": lambda s: slowest_query(s)[1],
        "validation (parse + SHACL), pyshacl-turbo": lambda s: validation_total(s["validate"]["turbo"]),
        "validation (parse + SHACL), pySHACL": lambda s: validation_total(s["validate"]["pyshacl"]),
        "export of every release format": lambda s: export_total(s.get("export")),
        "load into the Oxigraph server": lambda s: median(s.get("server")),
        "load into the Oxigraph server, --bulk": lambda s: median(s.get("server_bulk")),
    }
    names = sorted({n for s in sizes for n in s["queries"]["pyoxigraph"].get("queries", {})})
    for name in names:
        pickers[f"query {name}, pyoxigraph"] = lambda s, n=name: median(s["queries"]["pyoxigraph"]["queries"].get(n))
    return pickers


def export_total(entry: dict | None) -> float | None:
    """The sum of the median time of each export step."""
    if not entry or entry.get("status", "ok") != "ok":
        return None
    return sum(statistics.median(times) for times in entry["steps"].values())


def validation_total(entry: dict | None) -> float | None:
    value = median(entry)
    return None if value is None else value + entry["parse"]


def plot(sizes: list[dict], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    pickers = measurements(sizes)
    lines = [
        "load, pyoxigraph",
        "load, rdflib",
        "slowest canned query, pyoxigraph",
        "validation (parse + SHACL), pyshacl-turbo",
        "validation (parse + SHACL), pySHACL",
    ]
    figure, axes = plt.subplots(figsize=(6.4, 4.2), dpi=90)
    for name in lines:
        points = [(s["triples"], pickers[name](s)) for s in sizes]
        points = [(x, y) for x, y in points if y]
        if points:
            axes.plot(*zip(*points, strict=True), marker="o", label=name)
    axes.set_xscale("log")
    axes.set_yscale("log")
    axes.set_xlabel("triples")
    axes.set_ylabel("seconds (median)")
    axes.grid(True, which="both", alpha=0.3)
    axes.legend(fontsize=7)
    figure.tight_layout()
    figure.savefig(path, metadata={"Software": None})
    plt.close(figure)


def targets(sizes: list[dict]) -> list[tuple[str, str, str]]:
    """(target, measured, met/missed) rows."""
    rows: list[tuple[str, str, str]] = []
    release = next((s for s in sizes if "cold" in s), None)
    if release:
        queries = release["queries"]["pyoxigraph"].get("queries", {})
        medians = {n: median(e) for n, e in queries.items()}
        worst = max(medians, key=lambda n: medians[n] or math.inf) if medians else None
        ok = all(v is not None and v <= TARGETS_RELEASE_QUERY for v in medians.values()) if medians else None
        rows.append(
            (
                "release: every canned query ≤ 10 ms median (pyoxigraph)",
                f"slowest {worst}: {seconds(medians.get(worst))}" if worst else "–",
                mark(ok),
            )
        )
        cold = {n: median(e) for n, e in release["cold"].get("queries", {}).items()}
        worst = max(cold, key=lambda n: cold[n]) if cold else None
        rows.append(
            (
                "release: `exopa query NAME` cold start ≤ 0.6 s wall",
                f"slowest {worst}: {seconds(cold.get(worst))}" if worst else "–",
                mark(max(cold.values()) <= TARGETS_COLD if cold else None),
            )
        )
        value = median(release["cold"].get("validate"))
        rows.append(
            (
                "release: `exopa validate` ≤ 5 s wall",
                seconds(value),
                mark(None if value is None else value <= TARGETS_VALIDATE),
            )
        )
        value = median(release.get("build"))
        rows.append(
            (
                "release: `exopa build` ≤ 10 s wall",
                seconds(value),
                mark(None if value is None else value <= TARGETS_BUILD),
            )
        )
    large = next((s for s in sizes if s["label"] == "1M"), None)
    if large:
        value = median(large["load"]["pyoxigraph"])
        rows.append(
            (
                "1M: load ≤ 5 s (pyoxigraph)",
                seconds(value),
                mark(None if value is None else value <= TARGETS_1M["load"]),
            )
        )
        queries = large["queries"]["pyoxigraph"].get("queries", {})
        slow = {n: median(e) for n, e in queries.items()}
        paged = {whole: page for whole, page in PAGED.items() if whole in slow and page in slow}
        judged = {n: v for n, v in slow.items() if n not in paged}
        over = sorted(n for n, v in judged.items() if v is None or v > TARGETS_1M["query"])
        name = max(judged, key=lambda n: judged[n] or math.inf) if judged else None
        detail = f"slowest {name}: {seconds(judged.get(name))}" + (f"; over: {', '.join(over)}" if over else "")
        detail += "".join(
            f"; whole-graph {whole}, judged by its page `{page}`: {seconds(slow[whole])} for "
            f"{queries[whole].get('rows', 0):,} rows" for whole, page in sorted(paged.items())
        )
        rows.append((
            "1M: every canned query ≤ 0.5 s median (pyoxigraph); a whole-graph answer that grows with the graph, "
            "per page",
            detail, mark(not over if judged else None),
        ))  # fmt: skip
        value = validation_total(large["validate"]["turbo"])
        rows.append(
            (
                "1M: validation ≤ 60 s (parse + pyshacl-turbo)",
                seconds(value),
                mark(None if value is None else value <= TARGETS_1M["validate"]),
            )
        )
        for key, how in (("server", "atomic"), ("server_bulk", "--bulk")):
            value = median(large.get(key))
            rows.append(
                (
                    f"1M: load into the Oxigraph server ≤ 30 s ({how})",
                    seconds(value),
                    mark(None if value is None else value <= TARGETS_1M["server"]),
                )
            )
    worse = [(n, b) for n, pick in measurements(sizes).items() if (b := growth(sizes, pick)) and b > LINEAR]
    if growth(sizes, lambda s: s["triples"]) is not None:
        rows.append(
            (
                "growth 100k → 1M: no step worse than linear",
                "; ".join(f"{n}: size^{b:.2f}" for n, b in worse) or "all ≤ linear",
                mark(not worse),
            )
        )
    for size in sizes:
        entry = size.get("overhead", {})
        if entry.get("status") == "ok":
            base = in_process_baseline(entry)
            ratios = {n: min(q["exopa"]) / min(q[base]) for n, q in entry["queries"].items()}
            over = sorted(n for n, r in ratios.items() if r > OVERHEAD_IN_PROCESS)
            rows.append((
                f"{size['label']}: `exopa.query` ≤ {OVERHEAD_IN_PROCESS}× raw pyoxigraph"
                + (" (its answer read)" if base == "raw_read" else "") + ", every canned query",
                f"highest {max(ratios.values()):.2f}×, median {statistics.median(ratios.values()):.2f}× "
                f"(load average {entry['loadavg'][0]:.1f})" + (f"; over: {', '.join(over)}" if over else ""),
                mark(not over),
            ))  # fmt: skip
    cold = next((s["cold_overhead"] for s in sizes if s.get("cold_overhead", {}).get("status") == "ok"), None)
    if cold:
        ratios = {n: min(q["exopa"]) / min(q["minimal"]) for n, q in cold["queries"].items()}
        over = sorted(n for n, r in ratios.items() if r > OVERHEAD_COLD)
        rows.append((
            f"release: cold `exopa query NAME --format tsv` ≤ {OVERHEAD_COLD}× a minimal pyoxigraph script",
            f"highest {max(ratios.values()):.2f}×, median {statistics.median(ratios.values()):.2f}× "
            f"(load average {cold['loadavg'][0]:.1f})" + (f"; over: {', '.join(over)}" if over else ""),
            mark(not over),
        ))  # fmt: skip
    return rows


OVERHEAD_IN_PROCESS = 1.25  # target: exopa.query within 1.25x of raw pyoxigraph, row conversion included
OVERHEAD_COLD = 1.5  # target: `exopa query NAME --format tsv` within 1.5x of a minimal pyoxigraph script


def minimum(times: list[float] | None) -> float | None:
    return min(times) if times else None


def fine(value: float) -> str:
    """Seconds, with two decimals below 10 ms (the fastest queries take a tenth of a millisecond)."""
    return f"{value * 1000:.2f} ms" if value < 0.01 else seconds(value)


def ratio_table(
    queries: dict[str, dict], base: tuple[str, str], ours: tuple[str, str], show, target: float,
    also: tuple[str, str] | None = None,
) -> list[str]:
    """A table of one row per query comparing two sides' run times, ``(key in each query's runs, column title)``:
    min (median) of each and the ratio of the mins, then the highest ratio against ``target``; with ``also``, a
    second baseline beside, with its own ratio (for information)."""
    extra = f" {also[1]} min (median) | ratio to it |" if also else ""
    out = [
        f"| query | {base[1]} min (median) | {ours[1]} min (median) | ratio of mins |{extra}",
        "|---|---|---|---|" + ("---|---|" if also else ""),
    ]
    worst = 0.0
    for name, runs in sorted(queries.items()):
        low, high = minimum(runs[base[0]]), minimum(runs[ours[0]])
        worst = max(worst, high / low)
        row = (
            f"| {name} | {show(low)} ({show(statistics.median(runs[base[0]]))}) | {show(high)} "
            f"({show(statistics.median(runs[ours[0]]))}) | {high / low:.2f}× |"
        )
        if also:
            other = minimum(runs[also[0]])
            row += f" {show(other)} ({show(statistics.median(runs[also[0]]))}) | {high / other:.2f}× |"
        out.append(row)
    return [*out, "", f"Highest ratio: {worst:.2f}× (target ≤ {target}×).", ""]


def in_process_baseline(entry: dict) -> str:
    """The key of the raw side the in-process target is judged against: pyoxigraph with its answer read (every
    term's value), where measured; older results only listed the solutions."""
    return "raw_read" if all("raw_read" in runs for runs in entry["queries"].values()) else "raw"


def overhead_section(sizes: list[dict]) -> list[str]:
    """exopa over raw pyoxigraph: in-process per graph size, cold on the release."""
    out: list[str] = []
    measured = [s for s in sizes if s.get("overhead", {}).get("status") == "ok"]
    cold = next((s["cold_overhead"] for s in sizes if s.get("cold_overhead", {}).get("status") == "ok"), None)
    if not measured and not cold:
        return out
    out += [
        "## exopa over raw pyoxigraph",
        "",
        "In-process: `exopa.query(name, store, **params)` (rows as dictionaries of plain Python values) against "
        "the same SPARQL on the same loaded store with pyoxigraph alone, its answer read (every term's `.value`, "
        "as the cold minimal script below reads it: the target's baseline) and, beside it, not read "
        "(`list(store.query(text, substitutions=...))`, no term decoded), run alternately; the ratio is of "
        f"the fastest runs (the least disturbed by other processes; target ≤ {OVERHEAD_IN_PROCESS}×), medians "
        "beside. Load average (1 min) at the start and end of each measurement in the heading: this machine was "
        "shared when these rows were measured.",
        "",
    ]
    for size in measured:
        entry = size["overhead"]
        start, end = entry.get("loadavg", [None, None])
        out += [
            f"### {size['label']} ({measured_on(entry, size)} triples; load average {start:.1f} → {end:.1f})",
            "",
        ]
        if in_process_baseline(entry) == "raw_read":
            out += ratio_table(entry["queries"], ("raw_read", "pyoxigraph, answer read"), ("exopa", "exopa.query"),
                               fine, OVERHEAD_IN_PROCESS, also=("raw", "pyoxigraph, answer not read"))  # fmt: skip
        else:
            out += ratio_table(entry["queries"], ("raw", "raw pyoxigraph"), ("exopa", "exopa.query"), fine,
                               OVERHEAD_IN_PROCESS)  # fmt: skip
    if cold:
        start, end = cold.get("loadavg", [None, None])
        out += [
            f"### Cold, on the release (a new process each time; load average {start:.1f} → {end:.1f})",
            "",
            "`exopa query NAME --format tsv` with the example parameters against the smallest pyoxigraph script "
            "doing the same (load `exopa.nt`, run the query file with the same bound terms, print the values "
            f"tab-separated; `benchmarks/run.py`, `minimal_script`), run alternately (target ≤ {OVERHEAD_COLD}×).",
            "",
        ]
        out += ratio_table(cold["queries"], ("minimal", "minimal script"), ("exopa", "exopa query"), seconds,
                           OVERHEAD_COLD)  # fmt: skip
    return out


def write_report(results: dict, path: Path, plot_path: Path) -> None:
    sizes = results["sizes"]
    plot(sizes, plot_path)
    machine, versions = results["machine"], results["versions"]
    out: list[str] = [
        "# Benchmarks",
        "",
        "<!-- written by benchmarks/run.py from benchmarks/results.json; edit benchmarks/notes.md instead -->",
        "",
        f"Reproduce, after `pip install -e '.[bench]'`: `{results['command'].strip()}` "
        f"(about {results['wall_seconds'] / 60:.0f} min here; "
        "`--sizes 10k,100k --quick` for a short run). It generates the graphs with `benchmarks/scale.py` into "
        "`benchmarks/data/` (git-ignored), writes `benchmarks/results.json`, this file and `benchmarks/scaling.png`.",
        "",
        f"Machine: {machine['cpus']} cores, {machine['memory_gib']} GiB, Python {machine['python']}, "
        + ", ".join(f"{k} {v}" for k, v in versions.items())
        + f"; {results['date']}. Times are medians over up to {results['settings']['repeats']} runs "
        f"(fewer once a measurement has spent {results['settings']['budget']:g} s), shown as "
        "`median (min–max, runs)`; RSS is the peak resident memory in MB of the process doing the measurement.",
        "",
    ]
    if NOTES.exists():
        out += [NOTES.read_text(encoding="utf-8").strip(), ""]
    out += ["## Targets", "", "| target | measured | |", "|---|---|---|"]
    out += [f"| {a} | {b} | {c} |" for a, b, c in targets(sizes)]
    out += ["", "![time against size, log-log](benchmarks/scaling.png)", ""]
    out += ["## Graphs", "", "| size | triples | N-Triples bytes |", "|---|---|---|"]
    out += [f"| {s['label']} | {triples(s)} | {s['bytes']:,} |" for s in sizes]
    out += [
        "",
        "## Parse and load (N-Triples into memory)",
        "",
        "| size | triples | pyoxigraph Store.bulk_load | rdflib Graph.parse | rdflib / pyoxigraph | RSS MB oxigraph | "
        "RSS MB rdflib |",
        "|---|---|---|---|---|---|---|",
    ]
    for s in sizes:
        ox, rd = s["load"]["pyoxigraph"], s["load"]["rdflib"]
        out.append(
            f"| {s['label']} | {triples(s)} | {spread(ox)} | {spread(rd)} | {ratio(median(rd), median(ox))} "
            f"| {rss(ox)} | {rss(rd)} |"
        )
    out += [
        "",
        "## Canned queries",
        "",
        f"Each query with the parameters of its first `# example:` header, or with those its row names "
        f"(`NAME (PARAM=VALUE)`); rdflib's engine is stopped after "
        f"{results['settings']['timeout']:g} s. RSS: the forked child answering the query (graph included).",
        "",
    ]
    for s in sizes:
        ox = s["queries"]["pyoxigraph"].get("queries", {})
        rd_entry = s["queries"]["rdflib"]
        rd = rd_entry.get("queries", {})
        out += [
            f"### {s['label']} ({triples(s)} triples)",
            "",
            "| query | rows | pyoxigraph | rdflib | rdflib / pyoxigraph | RSS MB oxigraph | RSS MB rdflib |",
            "|---|---|---|---|---|---|---|",
        ]
        for name in sorted(ox):
            r = query_timeout(rd_entry, name, results["settings"]["timeout"]) if rd else rd_entry
            note = remeasured(ox[name].get("remeasured"), s)
            out.append(
                f"| {name}{note} | {ox[name].get('rows')} | {spread(ox[name])} | {spread(r)} | "
                f"{ratio(median(r), median(ox[name]))} | {rss(ox[name])} | {rss(r)} |"
            )
        out.append("")
    out += [
        "## Validation (`exopa validate` engines)",
        "",
        "Parse into rdflib, then SHACL with every shape (TBox included, no inference); total = parse + SHACL.",
        "",
        "| size | parse | pyshacl-turbo SHACL | pySHACL SHACL | total turbo | total pySHACL | pySHACL / turbo "
        "| results (violations) | RSS MB turbo | RSS MB pySHACL |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for s in sizes:
        tu, py = s["validate"]["turbo"], s["validate"]["pyshacl"]
        found = f"{tu.get('results')} ({tu.get('violations')})" if tu.get("status") == "ok" else "–"
        out.append(
            f"| {s['label']} | {seconds(tu.get('parse'))} | {spread(tu)} | {spread(py)} | "
            f"{seconds(validation_total(tu))} | {seconds(validation_total(py))} | "
            f"{ratio(median(py), median(tu))} | {found} | {rss(tu)} | {rss(py)} |"
        )
    out.append("")
    release = next((s for s in sizes if "cold" in s), None)
    if release:
        hermit = release.get("hermit", {})
        out += [
            "## The release only: OWL reasoning, build, command-line cold start",
            "",
            "| measurement | time | RSS MB |",
            "|---|---|---|",
            f"| HermiT consistency (owlready2 + Java), consistent: {hermit.get('consistent')} | {spread(hermit)} "
            f"| {rss(hermit)} (Java: {hermit.get('children_rss_mb', 0):.0f}) |",
            f"| `exopa build` (new process, every release file) | {spread(release.get('build'))} "
            f"| {rss(release.get('build'))} |",
            f"| `exopa validate` (new process) | {spread(release['cold'].get('validate'))} "
            f"| {rss(release['cold'].get('validate'))} |",
            "",
            "`exopa query NAME` with its example parameters, a new process each time, as a user runs it:",
            "",
            "| query | wall time | RSS MB |",
            "|---|---|---|",
        ]
        for name, entry in sorted(release["cold"].get("queries", {}).items()):
            out.append(f"| {name} | {spread(entry)} | {rss(entry)} |")
        out.append("")
    out += overhead_section(sizes)
    exports = [s for s in sizes if s.get("export", {}).get("status") == "ok"]
    if exports:
        steps = list(exports[0]["export"]["steps"])
        out += [
            "## Export of every release format (rdflib graph → bytes, as `exopa build` writes them)",
            "",
            "| size | " + " | ".join(steps) + " | total (sum of medians) | RSS MB |",
            "|---" * (len(steps) + 3) + "|",
        ]
        for s in sizes:
            e = s.get("export", {})
            if e.get("status") != "ok":
                out.append(f"| {s['label']} | " + " | ".join([e.get("status", "–")] * len(steps)) + " | – | – |")
                continue
            cells = [seconds(statistics.median(e["steps"][k])) for k in steps]
            out.append(f"| {s['label']} | " + " | ".join(cells) + f" | {seconds(export_total(e))} | {rss(e)} |")
        out.append("")
    servers = [s for s in sizes if "server" in s]
    if servers:
        out += [
            "## `exopa load` into the Oxigraph server (Graph Store Protocol)",
            "",
            "Atomic: bulk upload into a temporary graph, count check, one transactional update into the target, drop "
            "the temporary graph. `--bulk`: straight into a new graph with the server's bulk loader, not atomic.",
            "",
            "| size | triples | atomic | --bulk | ratio | RSS MB client | RSS MB server |",
            "|---|---|---|---|---|---|---|",
        ]
        for s in servers:
            e, b = s["server"], s.get("server_bulk")
            out.append(
                f"| {s['label']} | {triples(s)} | {spread(e)} | {spread(b)} | {ratio(median(e), median(b))} "
                f"| {rss(e)} | {e.get('server_rss_mb', '–')} |"
            )
        out.append("")
    rows = [(n, b) for n, pick in measurements(sizes).items() if (b := growth(sizes, pick)) is not None]
    if rows:
        out += [
            "## Growth from 100k to 1M",
            "",
            f"Exponent b of time ∝ size^b between the two graphs (1 = linear; above {LINEAR} is called worse "
            "than linear; below 1, fixed costs still dominate).",
            "",
            "| measurement | b |",
            "|---|---|",
        ]
        out += [f"| {n} | {b:.2f}{' **worse than linear**' if b > LINEAR else ''} |" for n, b in rows]
        out.append("")
    path.write_text("\n".join(out), encoding="utf-8")


if __name__ == "__main__":
    root = HERE.parent
    write_report(
        json.loads((HERE / "results.json").read_text(encoding="utf-8")), root / "BENCHMARKS.md", HERE / "scaling.png"
    )
    sys.exit(0)
