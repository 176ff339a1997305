"""Each term's machine-readable description, in the four RDF formats the w3id rules negotiate.

A description holds the term's own statements with the blank nodes they lead to (a concise bounded description),
the statements that point at it from named subjects (findings, members, sub-sections), and the labels of every IRI
it mentions, so that it can be read on its own. Blank nodes get canonical labels, so the bytes are stable.
"""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import to_canonical_graph
from rdflib.namespace import RDFS

from ...namespaces import PREFIXES

FORMATS = {
    "ttl": ox.RdfFormat.TURTLE,
    "jsonld": ox.RdfFormat.JSON_LD,
    "rdf": ox.RdfFormat.RDF_XML,
    "nt": ox.RdfFormat.N_TRIPLES,
}


def description(graph: Graph, term: URIRef, labels: dict | None = None) -> Graph:
    """The triples that describe ``term`` (see the module docstring); ``labels`` maps IRIs to their rdfs:label
    literals (read from ``graph`` when not given)."""
    result = Graph()
    pending, seen = [term], set()
    while pending:
        node = pending.pop()
        if node in seen:
            continue
        seen.add(node)
        for p, o in graph.predicate_objects(node):
            result.add((node, p, o))
            if isinstance(o, BNode):
                pending.append(o)
    for s, p in graph.subject_predicates(term):
        if isinstance(s, URIRef):
            result.add((s, p, term))
    mentioned = {t for triple in list(result) for t in triple if isinstance(t, URIRef)}
    for iri in mentioned:
        for label in labels.get(iri, ()) if labels is not None else graph.objects(iri, RDFS.label):
            result.add((iri, RDFS.label, label))
    if any(isinstance(t, BNode) for triple in result for t in triple):
        result = to_canonical_graph(result)
    return result


def to_oxigraph(term):
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    assert isinstance(term, Literal)
    if term.language:
        return ox.Literal(str(term), language=term.language)
    return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype))) if term.datatype else ox.Literal(str(term))


def serializations(graph: Graph, term: URIRef, labels: dict | None = None) -> dict[str, bytes]:
    """The description of ``term`` as Turtle, JSON-LD, RDF/XML and N-Triples (keyed by file extension)."""
    triples = sorted(description(graph, term, labels), key=lambda t: (t[0] != term, *(n3(x) for x in t)))
    converted = [ox.Triple(*(to_oxigraph(x) for x in triple)) for triple in triples]
    prefixes = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}
    result = {}
    for ext, fmt in FORMATS.items():
        data = ox.serialize(converted, format=fmt, prefixes=prefixes) if ext in ("ttl", "rdf") else ox.serialize(
            converted, format=fmt)  # fmt: skip
        result[ext] = data if data.endswith(b"\n") else data + b"\n"
    return result


def n3(term) -> str:
    return term.n3()
