"""Benchmarks at scale: the release and graphs of the same shape up to millions of triples (see BENCHMARKS.md).

Run: python benchmarks/run.py [--sizes 10k,100k,1M,5M] [--repeats 5] [--quick]

Every measurement runs in a fresh worker process (this script with ``--worker``), so that peak memory (the
worker's maximum resident set size, from ``wait4``) belongs to that measurement alone; the two engines of a
comparison run one after the other in the same invocation, so their ratio is fair. Canned queries run in a child
forked after the graph is loaded (copy-on-write) and are killed after ``--timeout`` seconds. Results go to
``benchmarks/results.json``; BENCHMARKS.md and ``benchmarks/scaling.png`` are written from them.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shlex
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import scale  # noqa: E402

RESULTS = HERE / "results.json"
REPORT = ROOT / "BENCHMARKS.md"
PLOT = HERE / "scaling.png"
DEFAULT_SIZES = "10k,100k,1M,5M"
BUDGET = 20.0  # seconds of repeats per measurement, after the first run
OVERHEAD_SPAN = 1.0  # seconds that the rounds of one query's in-process overhead fill at least
#: Canned queries also measured with other parameters than their first example's, each named ``NAME (PARAM=VALUE)``:
#: the network of one preparation, the paged form of the whole-graph ``mechanism-network`` (issue 15). The scaled
#: graphs keep the release's own entities, so ``adsc-exos`` names the release's preparation at every size (its
#: copies are ``adsc-exos-r1``, ``adsc-exos-r2``, ...).
VARIANTS = ("mechanism-network (preparation=adsc-exos)",)
VARIANT = re.compile(r"^(?P<name>[\w-]+) \((?P<params>[^()]*)\)$")


# --- helpers shared by the workers ------------------------------------------------------------------------------


def repeat(action, repeats: int, budget: float = BUDGET) -> list[float]:
    """Time ``action`` up to ``repeats`` times, stopping early once ``budget`` seconds have been spent."""
    times: list[float] = []
    while len(times) < repeats and (not times or sum(times) < budget):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return times


def peak_rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def example_params(query) -> dict[str, str]:
    """The parameters of a canned query's first ``# example:`` line (``--param NAME=VALUE`` pairs)."""
    words = shlex.split(query.examples[0]) if query.examples else []
    return dict(w.partition("=")[::2] for prev, w in zip(words, words[1:], strict=False) if prev == "--param")


def query_params(label: str) -> tuple[str, dict[str, str]]:
    """The canned query and the parameters a measured row names: ``NAME`` (its first example's parameters) or
    ``NAME (PARAM=VALUE, ...)``."""
    from exopa.queries import get

    match = VARIANT.match(label)
    if match is None:
        return label, example_params(get(label))
    return match["name"], dict(pair.strip().partition("=")[::2] for pair in match["params"].split(","))


def query_names(argument: str | None) -> list[str]:
    """``--queries``: names or ``NAME (PARAM=VALUE, ...)`` rows, separated by commas outside parentheses."""
    return [name.strip() for name in re.split(r",(?![^()]*\))", argument)] if argument else []


def load_graph(engine: str, path: str):
    if engine == "pyoxigraph":
        import pyoxigraph as ox

        store = ox.Store()
        store.bulk_load(path=path, format=ox.RdfFormat.N_TRIPLES)
        return store
    from rdflib import Graph

    graph = Graph()
    graph.parse(path, format="nt")
    return graph


def triples_of(data) -> int:
    return len(data)


# --- workers: one measurement each, printing one JSON line ------------------------------------------------------


def available_gib() -> float:
    """MemAvailable from /proc/meminfo, in GiB."""
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemAvailable:"):
            return int(line.split()[1]) / 2**20
    return float("inf")


def work_load(engine: str, path: str, repeats: int) -> dict:
    sizes: list[int] = []
    if engine == "rdflib":  # rdflib needs about 10 bytes of memory per byte of N-Triples; do not starve the machine
        need, free = 12 * Path(path).stat().st_size / 2**30, available_gib()
        if need > free:
            return {"status": f"skipped: needs ~{need:.0f} GiB, {free:.0f} GiB free", "times": []}

    def once() -> None:
        sizes.append(triples_of(load_graph(engine, path)))

    return {"times": repeat(once, repeats), "triples": sizes[-1]}


def query_child(engine: str, data, name: str, repeats: int, conn) -> None:
    """In a forked child: run one canned query repeatedly, sending each time (and the row count) to the parent."""
    from exopa.queries import bound, get, run_on_store
    from exopa.terms import to_rdflib

    query_name, params = query_params(name)
    text, terms = bound(get(query_name), params)
    if engine == "pyoxigraph":

        def once() -> int:
            return len(run_on_store(data, text, terms).rows)
    else:
        init = {key: to_rdflib(term) for key, term in terms.items()}

        def once() -> int:
            return len(list(data.query(text, initBindings=init)))

    spent = 0.0
    for index in range(repeats + 1):
        start = time.perf_counter()
        rows = once()
        elapsed = time.perf_counter() - start
        conn.send(("run", elapsed, rows, peak_rss_mb()))
        spent += elapsed
        if index == 0 and elapsed < 1.0:  # the first run of a fast query is a warm-up, dropped by the parent
            continue
        if spent > BUDGET or index == repeats - 1 and elapsed >= 1.0:
            break
    conn.send(("done", 0.0, 0, peak_rss_mb()))


def work_queries(engine: str, path: str, repeats: int, timeout: float, names: list[str]) -> dict:
    import multiprocessing

    from exopa.queries import catalogue

    data = load_graph(engine, path)
    context = multiprocessing.get_context("fork")
    results: dict[str, dict] = {}
    for name in names or [*sorted(catalogue()), *VARIANTS]:
        parent, child = context.Pipe()
        process = context.Process(target=query_child, args=(engine, data, name, repeats, child))
        process.start()
        times: list[float] = []
        rows, rss, status = None, 0.0, "ok"
        while True:
            if not parent.poll(timeout):
                status = "timeout"
                process.kill()
                break
            try:
                kind, elapsed, count, rss = parent.recv()
            except EOFError:
                status = "error"
                break
            if kind == "done":
                break
            times.append(elapsed)
            rows = count
        process.join()
        if len(times) > 1 and times[0] < 1.0:
            times = times[1:]  # drop the warm-up run
        results[name] = {"times": times, "rows": rows, "status": status, "rss_mb": round(rss, 1)}
    return {"queries": results}


def work_validate(engine: str, path: str, repeats: int) -> dict:
    from exopa.validation import shapes_graph, validate

    start = time.perf_counter()
    graph = load_graph("rdflib", path)
    parse = time.perf_counter() - start
    shapes_graph()
    outcome: list = []

    def once() -> None:
        outcome.append(validate(graph, engine=engine))

    times = repeat(once, repeats)
    result = outcome[-1]
    return {"times": times, "parse": parse, "violations": len(result.violations), "results": len(result.problems)}


def work_hermit(path: str, repeats: int) -> dict:
    import owlready2

    consistent: list[bool] = []

    def once() -> None:
        world = owlready2.World()
        ontology = world.get_ontology(Path(path).as_uri()).load(format="ntriples")
        try:
            with ontology:
                owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
            consistent.append(True)
        except owlready2.OwlReadyInconsistentOntologyError:
            consistent.append(False)

    return {"times": repeat(once, repeats), "consistent": consistent[-1]}


def work_export(path: str, repeats: int) -> dict:
    """Every release format from the graph, step by step as :func:`exopa.release.serialize` does it."""
    from rdflib import Graph
    from rdflib.compare import to_canonical_graph

    from exopa.namespaces import PREFIXES
    from exopa.release import jsonld, rdf_xml

    graph = load_graph("rdflib", path)
    steps: dict[str, list[float]] = {}
    state: dict = {}

    def canonical() -> None:
        result = Graph()
        for triple in to_canonical_graph(graph):
            result.add(triple)
        for prefix, namespace in PREFIXES.items():
            result.bind(prefix, namespace, override=True)
        state["canonical"] = result

    def nt() -> None:
        lines = state["canonical"].serialize(format="nt", encoding="utf-8").decode("utf-8").splitlines()
        state["nt"] = "".join(line + "\n" for line in sorted(set(lines)) if line.strip()).encode("utf-8")

    actions = {
        "canonical": canonical,
        "ttl": lambda: state["canonical"].serialize(format="turtle", encoding="utf-8"),
        "nt": nt,
        "jsonld": lambda: jsonld(state["canonical"]),
        "owl": lambda: rdf_xml(state["nt"]),
    }
    for name, action in actions.items():
        steps[name] = repeat(action, repeats)
    totals = [sum(values) for values in zip(*steps.values(), strict=False)]
    return {"steps": steps, "times": totals}


def exopa_command() -> str:
    beside = Path(sys.executable).with_name("exopa")
    return str(beside) if beside.exists() else "exopa"


def timed_process(command: list[str], timeout: float | None = None, **options) -> tuple[float, float, int]:
    """Wall time (s), peak RSS (MB) and exit status of a command run as a new process."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **options)
    timer = threading.Timer(timeout, process.kill) if timeout else None
    if timer:
        timer.start()
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if timer:
        timer.cancel()
    process.returncode = os.waitstatus_to_exitcode(status)
    return elapsed, usage.ru_maxrss / 1024, process.returncode


def work_build(repeats: int) -> dict:
    rss: list[float] = []

    def once() -> None:
        with tempfile.TemporaryDirectory() as out:
            _, peak, status = timed_process([exopa_command(), "build", "--root", str(ROOT), "--out", out])
            assert status == 0, "exopa build failed"
            rss.append(peak)

    times = repeat(once, repeats)
    return {"times": times, "rss_mb": max(rss)}


def work_cold(repeats: int) -> dict:
    from exopa.queries import catalogue

    results: dict[str, dict] = {}
    for name, query in sorted(catalogue().items()):
        params = [a for k, v in example_params(query).items() for a in ("--param", f"{k}={v}")]
        runs = [timed_process([exopa_command(), "query", name, *params]) for _ in range(repeats)]
        assert all(status == 0 for *_, status in runs), f"exopa query {name} failed"
        results[name] = {"times": [t for t, _, _ in runs], "rss_mb": round(max(r for _, r, _ in runs), 1)}
    runs = [timed_process([exopa_command(), "validate"]) for _ in range(repeats)]
    assert all(status == 0 for *_, status in runs), "exopa validate failed"
    validate = {"times": [t for t, _, _ in runs], "rss_mb": round(max(r for _, r, _ in runs), 1)}
    return {"queries": results, "validate": validate}


def oxigraph_binary() -> str:
    import shutil

    beside = Path(sys.executable).with_name("oxigraph")
    exe = str(beside) if beside.exists() else shutil.which("oxigraph")
    if exe is None:
        raise RuntimeError("the Oxigraph server is not installed (pip install oxigraph)")
    return exe


def work_server(path: str, repeats: int, max_triples: int = 1_100_000, bulk: bool = False) -> dict:
    """``exopa.remote.load`` of the file into a fresh ``oxigraph serve`` on a free loopback port: atomic (temporary
    graph, count check, one update), or with ``bulk`` straight into a new graph (``exopa load --bulk``)."""
    import socket

    with open(path, "rb") as lines:
        if sum(1 for _ in lines) > max_triples:
            return {"status": "skipped (see --server-max)", "times": []}

    import requests

    from exopa.remote import Endpoint, load

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    base = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory() as location:
        server = subprocess.Popen(
            [oxigraph_binary(), "serve", "--location", location, "--bind", f"127.0.0.1:{port}"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            for _ in range(300):
                try:
                    requests.get(base + "/query", params={"query": "ASK {}"}, timeout=1)
                    break
                except requests.ConnectionError:
                    time.sleep(0.1)
            endpoint = Endpoint.from_url(base + "/store", timeout=600)
            counts: list[int] = []
            graphs = iter(range(repeats * 2))

            def once() -> None:
                graph = f"https://example.org/bench/{next(graphs)}" if bulk else "https://example.org/bench"
                counts.append(load(endpoint, [Path(path)], graph, bulk=bulk))

            times = repeat(once, repeats)
        finally:
            server.terminate()
            _, _, usage = os.wait4(server.pid, 0)
    return {"times": times, "triples": counts[-1], "server_rss_mb": round(usage.ru_maxrss / 1024, 1)}


def work_overhead(path: str, repeats: int, names: list[str]) -> dict:
    """exopa's cost over raw pyoxigraph in-process, per canned query: ``exopa.query(name, store, **params)`` (rows
    as dictionaries of plain values) against the same SPARQL on the same store with pyoxigraph alone, its answer
    read (``raw_read``: every term's value, as the cold minimal script reads it) and not read (``raw``: the
    solutions listed, no term decoded), the three run alternately so that all see the same load; every time."""
    import pyoxigraph as ox

    import exopa
    from exopa.queries import bound, catalogue

    store = load_graph("pyoxigraph", path)
    load = [os.getloadavg()[0]]
    results: dict[str, dict] = {}
    for name in names or sorted(catalogue()):
        query_name, params = query_params(name)
        text, terms = bound(catalogue()[query_name], params)
        substitutions = {ox.Variable(k): v for k, v in terms.items()} or None
        raw, read, ours = [], [], []
        exopa.query(query_name, store, **params)  # warm-up
        # at least `repeats` rounds and, for a query of a fraction of a millisecond, enough rounds to fill
        # OVERHEAD_SPAN: the minimum of 20 such runs moves by a fifth from one run of the benchmark to the next
        while (len(raw) < repeats or sum(raw) + sum(read) + sum(ours) < OVERHEAD_SPAN) and (
            not raw or sum(raw) + sum(read) + sum(ours) < BUDGET
        ):
            start = time.perf_counter()
            list(store.query(text, substitutions=substitutions))
            raw.append(time.perf_counter() - start)
            start = time.perf_counter()
            solutions = store.query(text, substitutions=substitutions)
            [[None if term is None else term.value for term in row] for row in solutions]
            read.append(time.perf_counter() - start)
            start = time.perf_counter()
            exopa.query(query_name, store, **params)
            ours.append(time.perf_counter() - start)
        results[name] = {"raw": raw, "raw_read": read, "exopa": ours}
    load.append(os.getloadavg()[0])
    return {"queries": results, "loadavg": load}


MINIMAL = """import pyoxigraph as ox
store = ox.Store()
store.bulk_load(path={path!r}, format=ox.RdfFormat.N_TRIPLES)
solutions = store.query(open({query!r}, encoding="utf-8").read(), substitutions={{{substitutions}}})
lines = ["\\t".join(v.value for v in solutions.variables)]
lines += ["\\t".join("" if t is None else t.value for t in row) for row in solutions]
print("\\n".join(lines))
"""


def minimal_script(query, params: dict[str, str]) -> str:
    """The smallest pyoxigraph program doing what ``exopa query NAME --format tsv`` does: load the release, run the
    query with the same bound terms, print the values tab-separated."""
    import pyoxigraph as ox

    from exopa.queries import bindings, queries_dir

    def code(term) -> str:
        if isinstance(term, ox.NamedNode):
            return f"ox.NamedNode({term.value!r})"
        if term.language:
            return f"ox.Literal({term.value!r}, language={term.language!r})"
        return f"ox.Literal({term.value!r}, datatype=ox.NamedNode({term.datatype.value!r}))"

    substitutions = ", ".join(f"ox.Variable({k!r}): {code(v)}" for k, v in bindings(query, params).items())
    return MINIMAL.format(path=str(scale.release_path("nt")), query=str(queries_dir() / f"{query.name}.rq"),
                          substitutions=substitutions)  # fmt: skip


def work_cold_overhead(repeats: int, names: list[str]) -> dict:
    """Per canned query, a new process each time: ``exopa query NAME --format tsv`` against the minimal pyoxigraph
    script doing the same load and query (:func:`minimal_script`), run alternately; wall times."""
    import compileall

    import exopa
    from exopa.queries import catalogue

    # as pip does at install time: with PYTHONDONTWRITEBYTECODE set, every run would compile exopa's modules again
    compileall.compile_dir(str(Path(exopa.__file__).parent), quiet=1)
    load = [os.getloadavg()[0]]
    results: dict[str, dict] = {}
    with tempfile.TemporaryDirectory() as folder:
        for name in names or sorted(catalogue()):
            query = catalogue()[name]
            params = example_params(query)
            script = Path(folder) / f"{name}.py"
            script.write_text(minimal_script(query, params), encoding="utf-8")
            arguments = [a for k, v in params.items() for a in ("--param", f"{k}={v}")]
            minimal, ours = [], []
            for _ in range(repeats):
                elapsed, _, status = timed_process([sys.executable, str(script)])
                assert status == 0, f"the minimal script for {name} failed"
                minimal.append(elapsed)
                elapsed, _, status = timed_process([exopa_command(), "query", name, *arguments, "--format", "tsv"])
                assert status == 0, f"exopa query {name} failed"
                ours.append(elapsed)
            results[name] = {"minimal": minimal, "exopa": ours}
    load.append(os.getloadavg()[0])
    return {"queries": results, "loadavg": load}


WORKERS = {
    "load": work_load,
    "queries": work_queries,
    "validate": work_validate,
    "hermit": work_hermit,
    "export": work_export,
    "build": work_build,
    "cold": work_cold,
    "server": work_server,
    "overhead": work_overhead,
    "cold_overhead": work_cold_overhead,
}


def worker_main(task: str, arguments: str) -> int:
    result = WORKERS[task](**json.loads(arguments))
    import resource

    result["rss_mb"] = round(max(result.get("rss_mb", 0.0), peak_rss_mb()), 1)
    result["children_rss_mb"] = round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1)
    print(json.dumps(result))
    return 0


# --- the parent: run workers, collect, report -------------------------------------------------------------------


def measure(task: str, limit: float | None = None, **arguments) -> dict:
    """Run one worker as a new process; its JSON result, with ``status`` timeout/error where it failed."""
    command = [sys.executable, __file__, "--worker", task, json.dumps(arguments)]
    label = " ".join(f"{k}={Path(v).name if k == 'path' else v}" for k, v in arguments.items() if k != "names")
    print(f"  {task} {label} ...", end="", flush=True, file=sys.stderr)
    start = time.perf_counter()
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=limit)
    except subprocess.TimeoutExpired:
        print(f" timeout after {limit:g} s", file=sys.stderr)
        return {"status": "timeout", "limit": limit}
    if done.returncode != 0:
        message = (done.stderr.strip().splitlines() or ["?"])[-1]
        print(f" error: {message}", file=sys.stderr)
        return {"status": "error", "message": message}
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result.setdefault("status", "ok")
    print(f" {time.perf_counter() - start:.1f} s", file=sys.stderr)
    return result


def summary(times: list[float]) -> dict:
    return {"median": statistics.median(times), "min": min(times), "max": max(times), "n": len(times)}


GROUPS = ("load", "queries", "rdflib", "validate", "export", "server", "release", "overhead", "cold-overhead")


def run_size(label: str, n: int, args: argparse.Namespace) -> dict:
    """Every measurement of one graph that ``--only`` asks for (default: all)."""
    path = scale.dataset(n)
    triples = sum(1 for _ in path.open("rb"))
    release = n <= scale.template().release_triples
    print(f"{label}: {path.name}, {triples} triples", file=sys.stderr)
    repeats, only = args.repeats, args.only
    entry: dict = {"label": label, "n": n, "triples": triples, "bytes": path.stat().st_size, "path": path.name}
    file = str(path)
    names = query_names(args.queries)
    rdflib_ok = n <= args.rdflib_max and "rdflib" in only
    if "load" in only:
        entry["load"] = {
            "pyoxigraph": measure("load", engine="pyoxigraph", path=file, repeats=repeats),
            "rdflib": measure(
                "load", engine="rdflib", path=file, repeats=repeats if n < 1_000_000 else 1, limit=args.validate_limit
            )
            if n <= args.rdflib_load_max and "rdflib" in only
            else {"status": "skipped"},
        }
    if "queries" in only:
        entry["queries"] = {
            "pyoxigraph": measure(
                "queries", engine="pyoxigraph", path=file, repeats=repeats, timeout=args.timeout, names=names
            ),
            "rdflib": measure("queries", engine="rdflib", path=file, repeats=repeats, timeout=args.timeout, names=names)
            if rdflib_ok
            else {"status": "skipped"},
        }
    if "overhead" in only:
        entry["overhead"] = measure("overhead", path=file, repeats=max(repeats, 20), names=names)
    if "validate" in only:
        entry["validate"] = {
            "turbo": measure("validate", engine="turbo", path=file, repeats=repeats, limit=args.validate_limit)
            if n <= args.validate_max
            else {"status": "skipped"},
            "pyshacl": measure("validate", engine="pyshacl", path=file, repeats=repeats, limit=args.validate_limit)
            if n <= args.pyshacl_max
            else {"status": "skipped"},
        }
    if not args.quick and "export" in only:
        entry["export"] = (
            measure("export", path=file, repeats=repeats, limit=args.validate_limit)
            if (n <= args.export_max)
            else {"status": "skipped"}
        )
    if not args.quick and "server" in only:
        for key, bulk in (("server", False), ("server_bulk", True)):
            entry[key] = measure(
                "server", path=file, repeats=min(repeats, 3), max_triples=args.server_max, bulk=bulk,
                limit=args.validate_limit,
            )  # fmt: skip
    if release and "release" in only:
        entry["hermit"] = measure("hermit", path=str(scale.release_path("nt")), repeats=min(repeats, 3))
        entry["build"] = measure("build", repeats=min(repeats, 5))
        entry["cold"] = measure("cold", repeats=min(repeats, 5))
    if release and "cold-overhead" in only:
        entry["cold_overhead"] = measure("cold_overhead", repeats=max(repeats, 10), names=names)
    return entry


#: What a size's entry says of its graph; a merged partial run keeps the full run's and gives the size of the graph it
#: measured (which differs once the release has changed) with each of its rows.
GRAPH_KEYS = ("triples", "bytes", "path")


def merge(old: dict, new: dict) -> dict:
    """``old`` results with the measurements of ``new`` put in (per size; per query where a subset was run, each
    such query marked ``remeasured`` with the date, the load average and the graph's triples, so that the report
    can say so)."""
    for size in new["sizes"]:
        for result in size.get("queries", {}).values():
            for entry in result.get("queries", {}).values():
                entry["remeasured"] = {"date": new["date"], "loadavg": new["loadavg"][0], "triples": size["triples"]}
        for key in ("overhead", "cold_overhead"):
            if key in size:
                size[key]["triples"] = size["triples"]
    sizes = {size["label"]: size for size in old["sizes"]}
    for size in new["sizes"]:
        target = sizes.setdefault(size["label"], size)
        for key, value in size.items():
            if key in GRAPH_KEYS and target is not size:
                continue  # the graph of the full run, which the rows not measured again describe
            if key == "queries" and "queries" in target:
                for engine, result in value.items():
                    kept = target["queries"].setdefault(engine, result)
                    if result.get("queries") and kept.get("queries") is not None and kept is not result:
                        kept["queries"].update(result["queries"])
                    elif result.get("status") != "skipped":
                        target["queries"][engine] = result
            else:
                target[key] = value
    merged = {**old, "sizes": sorted(sizes.values(), key=lambda s: s["n"])}
    merged.setdefault("partial_runs", []).append({"command": new["command"], "date": new["date"],
                                                   "loadavg": new.get("loadavg")})  # fmt: skip
    return merged


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Benchmarks at scale; writes benchmarks/results.json and BENCHMARKS.md"
    )
    parser.add_argument("--sizes", default=DEFAULT_SIZES, help=f"comma-separated sizes (default {DEFAULT_SIZES})")
    parser.add_argument("--repeats", type=int, default=5, help="runs per measurement (fewer past a 20 s budget)")
    parser.add_argument("--quick", action="store_true", help="skip export and server loads; 2 repeats")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds before a query is stopped")
    parser.add_argument(
        "--queries", help="only these canned queries (comma-separated; NAME (PARAM=VALUE) for other parameters)"
    )
    parser.add_argument(
        "--rdflib-max",
        type=scale.parse_size,
        default=scale.parse_size("1M"),
        help="largest size for rdflib queries (default 1M)",
    )
    parser.add_argument(
        "--rdflib-load-max",
        type=scale.parse_size,
        default=scale.parse_size("5M"),
        help="largest size for rdflib loads (default 5M)",
    )
    parser.add_argument(
        "--pyshacl-max",
        type=scale.parse_size,
        default=scale.parse_size("100k"),
        help="largest size for pySHACL (default 100k)",
    )
    parser.add_argument(
        "--validate-max",
        type=scale.parse_size,
        default=scale.parse_size("1M"),
        help="largest size for SHACL validation with pyshacl-turbo (default 1M)",
    )
    parser.add_argument(
        "--export-max",
        type=scale.parse_size,
        default=scale.parse_size("1M"),
        help="largest size for the export of the release formats (default 1M)",
    )
    parser.add_argument(
        "--server-max",
        type=scale.parse_size,
        default=scale.parse_size("1.1M"),
        help="largest graph loaded into the Oxigraph server (default 1.1M triples: 5M takes over 10 min here)",
    )
    parser.add_argument("--validate-limit", type=float, default=900.0, help="seconds before a worker is stopped")
    parser.add_argument("--no-report", action="store_true", help="only write benchmarks/results.json")
    parser.add_argument(
        "--only",
        default=",".join(GROUPS),
        help=f"measurement groups to run (comma-separated; default all: {','.join(GROUPS)})",
    )
    parser.add_argument(
        "--merge",
        action="store_true",
        help="put the measurements into the existing benchmarks/results.json instead of replacing it",
    )
    parser.add_argument("--worker", nargs=2, metavar=("TASK", "JSON"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.quick:
        args.repeats = min(args.repeats, 2)
    args.only = set(args.only.split(","))
    unknown = args.only - set(GROUPS)
    if unknown:
        parser.error(f"unknown groups: {', '.join(sorted(unknown))}")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.worker:
        return worker_main(*args.worker)
    import pyoxigraph
    import pyshacl
    import rdflib

    from exopa import __version__

    started = time.time()
    sizes = [s.strip() for s in args.sizes.split(",") if s.strip()]
    results = {
        "command": "python benchmarks/run.py " + " ".join(argv if argv is not None else sys.argv[1:]),
        "machine": {
            "cpus": os.cpu_count(),
            "memory_gib": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
        "versions": {
            "exopa": __version__,
            "pyoxigraph": pyoxigraph.__version__,
            "rdflib": rdflib.__version__,
            "pyshacl": pyshacl.__version__,
        },
        "date": time.strftime("%Y-%m-%d", time.gmtime()),
        "settings": {"repeats": args.repeats, "timeout": args.timeout, "budget": BUDGET, "quick": args.quick},
        "sizes": [run_size(label, scale.parse_size(label), args) for label in sizes],
    }
    results["wall_seconds"] = round(time.time() - started)
    results["loadavg"] = [round(x, 2) for x in os.getloadavg()]
    if args.merge and RESULTS.exists():
        results = merge(json.loads(RESULTS.read_text(encoding="utf-8")), results)
    RESULTS.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {RESULTS}", file=sys.stderr)
    if not args.no_report:
        from report import write_report

        write_report(results, REPORT, PLOT)
        print(f"wrote {REPORT} and {PLOT}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
