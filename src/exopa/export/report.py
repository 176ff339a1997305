"""ROBOT-style quality report: the SPARQL rules of ``queries/qc/`` (ERROR and WARN levels) run on an RDF file."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from ..resources import queries_dir

LEVELS = ("ERROR", "WARN", "INFO")


@dataclass(frozen=True)
class Rule:
    """A report rule: its name, level (ERROR, WARN or INFO) and SPARQL text selecting ?entity ?property ?value."""

    name: str
    level: str
    sparql: str


def rules(folder: Path | None = None) -> list[Rule]:
    """The rules in ``folder`` (default ``queries/qc``), read from each file's ``# rule:`` and ``# level:`` lines."""
    found = []
    for path in sorted((folder or queries_dir() / "qc").glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        level = re.search(r"^# level: (\w+)$", text, re.MULTILINE)
        if level is None or level.group(1) not in LEVELS:
            raise ValueError(f"{path}:1: a '# level: ERROR|WARN|INFO' line is required")
        found.append(Rule(path.stem, level.group(1), text))
    return found


def load(path: Path) -> ox.Store:
    """A store holding the RDF file at ``path`` (format from its extension: .owl is RDF/XML)."""
    formats = {".owl": ox.RdfFormat.RDF_XML, ".ttl": ox.RdfFormat.TURTLE, ".nt": ox.RdfFormat.N_TRIPLES}
    store = ox.Store()
    store.bulk_load(path=str(path), format=formats[path.suffix])
    return store


def run(store: ox.Store, selected: list[Rule] | None = None) -> dict[str, list[tuple[str, str, str]]]:
    """The problems each rule finds, by rule name: (entity, property, value) as strings, sorted."""
    results = {}
    for rule in selected if selected is not None else rules():
        rows = store.query(rule.sparql)
        found = {tuple("" if row[name] is None else row[name].value for name in ("entity", "property", "value"))
                 for row in rows}  # fmt: skip
        results[rule.name] = sorted(found)
    return results
