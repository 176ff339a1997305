"""Readable labels of findings, made from the labels of the entities they relate."""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS

from ..namespaces import EXOPA
from .base import local_name


def finding_labels(graph: Graph, finding: URIRef) -> list[Literal]:
    """The labels of a finding (``finding-1-01: skin participatesIn skin-barrier-function``)."""
    subject = graph.value(finding, EXOPA.subject)
    predicate = graph.value(finding, EXOPA.predicate)
    obj = graph.value(finding, EXOPA.object)
    text = f"{local_name(finding)}: {local_name(subject)} {local_name(predicate)} {local_name(obj)}"
    return [Literal(text, lang="en")]


def label_findings(graph: Graph) -> None:
    for finding in sorted(graph.subjects(EXOPA.subject, None)):
        for label in finding_labels(graph, finding):
            graph.add((finding, RDFS.label, label))
