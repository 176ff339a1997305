"""What a new release adds, removes and changes compared with an old one: entities, findings and mappings."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, SKOS

from .namespaces import EXOPA
from .terms import shorten

MAPPING_PREDICATES = (SKOS.exactMatch, SKOS.closeMatch, SKOS.broadMatch, SKOS.narrowMatch)
#: Classes whose individuals are reported as findings; every other exopa individual is an entity.
FINDING = EXOPA.Finding
SKIPPED = {EXOPA.QuantityValue}


@dataclass
class Section:
    """Added, removed and changed items of one kind."""

    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class ReleaseDiff:
    entities: Section
    findings: Section
    mappings: Section

    def as_dict(self) -> dict:
        return {name: vars(getattr(self, name)) for name in ("entities", "findings", "mappings")}


def load(path: Path) -> Graph:
    """A release file in any RDF format; :class:`~exopa.rdf_input.InputError` names the file and line of a problem."""
    from .rdf_input import read_rdf

    return read_rdf(path)


def individuals(graph: Graph) -> dict[URIRef, set[URIRef]]:
    """exopa individuals and their exopa classes."""
    result: dict[URIRef, set[URIRef]] = {}
    for node in graph.subjects(RDF.type, OWL.NamedIndividual):
        if isinstance(node, URIRef) and str(node).startswith(str(EXOPA)):
            result[node] = {c for c in graph.objects(node, RDF.type) if c != OWL.NamedIndividual}
    return result


def description(graph: Graph, node: URIRef) -> set[tuple[str, str]]:
    """The (property, value) pairs that describe a node, IRIs shortened; quantity nodes are inlined."""
    pairs = set()
    for prop, value in graph.predicate_objects(node):
        if prop in MAPPING_PREDICATES:
            continue
        if isinstance(value, URIRef) and (value, RDF.type, EXOPA.QuantityValue) in graph:
            for qp, qv in graph.predicate_objects(value):
                pairs.add((f"{shorten(str(prop))}/{shorten(str(qp))}", shorten(str(qv))))
            continue
        pairs.add((shorten(str(prop)), shorten(str(value)) if isinstance(value, URIRef) else value.n3()))
    return pairs


def compare(old: Graph, new: Graph) -> ReleaseDiff:
    """Compare two releases."""
    old_nodes, new_nodes = individuals(old), individuals(new)
    entities, findings = Section(), Section()
    for node in sorted(set(old_nodes) | set(new_nodes)):
        classes = old_nodes.get(node, set()) | new_nodes.get(node, set())
        if classes & SKIPPED:
            continue
        section = findings if FINDING in classes else entities
        name = shorten(str(node))
        if node not in old_nodes:
            section.added.append(name)
        elif node not in new_nodes:
            section.removed.append(name)
        else:
            before, after = description(old, node), description(new, node)
            if before != after:
                changes = [f"- {p} {v}" for p, v in sorted(before - after)]
                changes += [f"+ {p} {v}" for p, v in sorted(after - before)]
                section.changed[name] = changes
    mappings = Section()
    old_maps = {(s, p, o) for p in MAPPING_PREDICATES for s, o in old.subject_objects(p)}
    new_maps = {(s, p, o) for p in MAPPING_PREDICATES for s, o in new.subject_objects(p)}

    def text(triple) -> str:
        return " ".join(shorten(str(term)) for term in triple)

    mappings.added = sorted(text(t) for t in new_maps - old_maps)
    mappings.removed = sorted(text(t) for t in old_maps - new_maps)
    return ReleaseDiff(entities, findings, mappings)


def render(diff: ReleaseDiff, fmt: str = "text") -> str:
    """Release notes as text or JSON."""
    if fmt == "json":
        return json.dumps(diff.as_dict(), ensure_ascii=False, indent=2)
    lines: list[str] = []
    for name in ("entities", "findings", "mappings"):
        section: Section = getattr(diff, name)
        lines.append(
            f"{name}: {len(section.added)} added, {len(section.removed)} removed, {len(section.changed)} changed"
        )
        lines += [f"  + {item}" for item in section.added]
        lines += [f"  - {item}" for item in section.removed]
        for item, changes in section.changed.items():
            lines.append(f"  ~ {item}")
            lines += [f"      {change}" for change in changes]
    return "\n".join(lines)
