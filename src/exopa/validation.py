"""SHACL validation of the release or of user data merged with it, with readable reports.

The default engine is ``pyshacl-turbo`` (pySHACL's API, compiled; about 20 times faster here), which reports the
same results as pySHACL on the release and on every fixture under ``tests/fixtures/invalid`` (a test checks this);
pySHACL stays available as the reference with ``engine="pyshacl"``. See BENCHMARKS.md.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from functools import cache

from rdflib import Graph, URIRef
from rdflib.namespace import RDFS, SH

from .rdf_input import InputError, read_rdf
from .resources import release_path, shapes_dir
from .terms import shorten

__all__ = ["InputError", "Problem", "ValidationResult", "read_rdf", "render", "validate"]

ENGINES = ("pyshacl", "turbo")
SEVERITIES = {SH.Violation: "Violation", SH.Warning: "Warning", SH.Info: "Info"}


@dataclass(frozen=True)
class Problem:
    """One result of the SHACL validation report."""

    severity: str
    focus: str
    focus_label: str
    shape: str
    component: str
    path: str
    value: str
    message: str


@dataclass(frozen=True)
class ValidationResult:
    """``conforms`` is False when any result has severity Violation (or Warning, when strict)."""

    conforms: bool
    problems: list[Problem]
    report_graph: Graph

    @property
    def violations(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "Violation"]


@cache
def shapes_graph() -> Graph:
    """All shapes: the hand-written ``shapes/*.ttl`` and those generated into the release (parsed once)."""
    graph = Graph()
    for path in sorted(shapes_dir().glob("*.ttl")):
        graph.parse(path, format="turtle")
    graph.parse(release_path("shapes"), format="turtle")
    return graph


def validate(
    data: Graph | None = None, engine: str = "turbo", inference: str = "none", strict: bool = False
) -> ValidationResult:
    """Validate ``data`` (default: the release) against the exopa shapes."""
    from .graph import graph as release_graph

    data = release_graph() if data is None else data
    shapes = shapes_graph()
    if engine == "turbo":
        import pyshacl_turbo as engine_module
    elif engine == "pyshacl":
        import pyshacl as engine_module
    else:
        raise ValueError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")
    _, report, _ = engine_module.validate(
        data, shacl_graph=shapes, inference=inference, allow_warnings=True, allow_infos=True, advanced=False
    )
    problems = sorted(extract(report, data, shapes), key=lambda p: (p.focus, p.shape, p.path, p.value, p.message))
    failing = {"Violation", "Warning"} if strict else {"Violation"}
    return ValidationResult(not any(p.severity in failing for p in problems), problems, report)


def shape_name(node, shapes: Graph) -> str:
    """A readable name for a source shape: its CURIE, or for a property shape its node shape and path."""
    if isinstance(node, URIRef):
        return shorten(str(node))
    parent = shapes.value(None, SH.property, node)
    if parent is not None:
        return shape_name(parent, shapes)
    return "(anonymous shape)"


def extract(report: Graph, data: Graph, shapes: Graph) -> Iterable[Problem]:
    def text(node) -> str:
        if node is None:
            return ""
        return shorten(str(node)) if isinstance(node, URIRef) else str(node)

    for result in report.subjects(SH.resultSeverity, None):
        focus = report.value(result, SH.focusNode)
        labels = [label for label in data.objects(focus, RDFS.label) if getattr(label, "language", None) == "en"]
        path = report.value(result, SH.resultPath)
        yield Problem(
            severity=SEVERITIES.get(report.value(result, SH.resultSeverity), "Violation"),
            focus=text(focus),
            focus_label=str(labels[0]) if labels else "",
            shape=shape_name(report.value(result, SH.sourceShape), shapes),
            component=text(report.value(result, SH.sourceConstraintComponent)).replace("sh:", ""),
            path=text(path) if isinstance(path, URIRef) else ("(complex path)" if path is not None else ""),
            value=text(report.value(result, SH.value)),
            message=str(report.value(result, SH.resultMessage) or ""),
        )


def render(result: ValidationResult, fmt: str = "text", show_info: bool = False) -> str:
    """The report as text (grouped by focus node), JSON, or the SHACL report graph in Turtle."""
    if fmt == "turtle":
        return result.report_graph.serialize(format="turtle")
    if fmt == "json":
        return json.dumps(
            {"conforms": result.conforms, "results": [asdict(p) for p in result.problems]},
            ensure_ascii=False,
            indent=2,
        )
    shown = [p for p in result.problems if show_info or p.severity != "Info"]
    lines: list[str] = []
    focus = None
    for problem in sorted(shown, key=lambda p: (p.focus, p.severity, p.path, p.message)):
        if problem.focus != focus:
            focus = problem.focus
            lines.append(f"{focus}" + (f"  ({problem.focus_label})" if problem.focus_label else ""))
        where = f" {problem.path}" if problem.path else ""
        value = f" = {problem.value}" if problem.value else ""
        lines.append(f"  {problem.severity}{where}{value}: {problem.message or problem.component}")
        lines.append(f"      shape {problem.shape}, constraint {problem.component}")
    counts = {s: sum(p.severity == s for p in result.problems) for s in ("Violation", "Warning", "Info")}
    summary = ", ".join(f"{n} {s.lower()}(s)" for s, n in counts.items())
    lines.append(("conforms" if result.conforms else "does not conform") + f": {summary}")
    return "\n".join(lines)
