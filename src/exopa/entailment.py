"""The RDFS entailment of the release: the triples that sub-class, sub-property, domain and range axioms add.

The closure is computed by ``reasonable`` (an OWL 2 RL reasoner in Rust) from the release's ``rdfs:subClassOf``,
``rdfs:subPropertyOf``, ``rdfs:domain`` and ``rdfs:range`` axioms and its instance data; the OWL axioms (disjointness,
functional properties, lists) are not given to it, so only the RDFS rules fire. What it adds is filtered to what a
user asks for: ``rdf:type`` to every superclass, every edge repeated under each super-property (``exopa:inhibits`` ->
``exopa:decreases`` -> ``exopa:relatedTo`` and the RO parents), the types given by sound domains and ranges, and the
transitive sub-class and sub-property axioms; not the axiomatic triples (``owl:Thing``, ``rdfs:Resource``, reflexive
``owl:sameAs`` and ``rdfs:subClassOf``).

A domain or range axiom is used only where it is sound on the data: never a range that is a datatype (it would type
literals), and never an axiom that would give a node a class disjoint with one it has (a finding typed as a molecule,
a pathway as a cell). :func:`unsound_axioms` lists the axioms left out and why; ``exopa build`` writes the result as
``exopa-entailed.nt`` (only the added triples, sorted; load it together with ``exopa.nt``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, XSD

SCHEMA = (RDFS.subClassOf, RDFS.subPropertyOf, RDFS.domain, RDFS.range)
NOT_ENTAILED = (str(OWL), str(RDFS) + "Resource", str(RDFS) + "Class", str(RDF) + "Property")


def closure(pairs: Iterable[tuple[URIRef, URIRef]]) -> dict[URIRef, set[URIRef]]:
    """Reflexive-transitive closure of a small relation (the class or property hierarchy): node -> its ancestors."""
    parents: dict[URIRef, set[URIRef]] = defaultdict(set)
    for child, parent in pairs:
        parents[child].add(parent)
    result: dict[URIRef, set[URIRef]] = {}

    def ancestors(node: URIRef, seen: frozenset = frozenset()) -> set[URIRef]:
        if node in result:
            return result[node]
        found = {node}
        for parent in parents.get(node, ()):
            if parent not in seen:
                found |= ancestors(parent, seen | {node})
        result[node] = found
        return found

    for node in list(parents):
        ancestors(node)
    return defaultdict(set, result)


def disjoint_pairs(graph: Graph) -> set[frozenset[URIRef]]:
    """Pairs of classes declared disjoint (``owl:disjointWith`` and ``owl:AllDisjointClasses``)."""
    pairs = {frozenset((a, b)) for a, b in graph.subject_objects(OWL.disjointWith)}
    for group in graph.subjects(RDF.type, OWL.AllDisjointClasses):
        members = list(graph.items(graph.value(group, OWL.members)))
        pairs |= {frozenset((a, b)) for a in members for b in members if a != b}
    return pairs


def unsound_axioms(graph: Graph) -> dict[tuple[URIRef, URIRef, URIRef], str]:
    """The domain and range axioms left out of the entailment, each with the reason."""
    classes = closure((s, o) for s, o in graph.subject_objects(RDFS.subClassOf) if isinstance(o, URIRef))
    properties = closure((s, o) for s, o in graph.subject_objects(RDFS.subPropertyOf) if isinstance(o, URIRef))
    disjoint = disjoint_pairs(graph)
    sub_properties: dict[URIRef, set[URIRef]] = defaultdict(set)
    for prop, supers in properties.items():
        for parent in supers:
            sub_properties[parent].add(prop)

    def types(node) -> set[URIRef]:
        return {c for t in graph.objects(node, RDF.type) if isinstance(t, URIRef) for c in classes[t] | {t}}

    left_out: dict[tuple[URIRef, URIRef, URIRef], str] = {}
    for axiom in (RDFS.domain, RDFS.range):
        for prop, cls in sorted(graph.subject_objects(axiom)):
            if axiom == RDFS.range and (str(cls).startswith(str(XSD)) or cls in (RDFS.Literal, RDF.langString)):
                left_out[(prop, axiom, cls)] = "the range is a datatype: it would type literals"
                continue
            given = classes[cls] | {cls}
            for used in sub_properties[prop] | {prop}:
                for s, o in graph.subject_objects(used):
                    node = s if axiom == RDFS.domain else o
                    if isinstance(node, Literal):
                        left_out[(prop, axiom, cls)] = f"{used.n3()} has literal values"
                        break
                    clash = next((t for t in types(node) for g in given if frozenset((t, g)) in disjoint), None)
                    if clash is not None:
                        left_out[(prop, axiom, cls)] = f"it would type {node.n3()}, a {clash.n3()}, as a {cls.n3()}"
                        break
                if (prop, axiom, cls) in left_out:
                    break
    return left_out


def entailed(graph: Graph) -> Graph:
    """The triples that RDFS entailment adds to ``graph`` (sound axioms only; no blank nodes, no axiomatic triples)."""
    import reasonable

    skip = unsound_axioms(graph)
    given: list[tuple] = []
    for triple in graph:
        s, p, o = triple
        if isinstance(s, BNode) or isinstance(o, BNode) or str(p).startswith(str(OWL)):
            continue
        if p == RDF.type and str(o).startswith(NOT_ENTAILED):
            continue
        if p in SCHEMA and (triple in skip or not isinstance(o, URIRef)):
            continue
        given.append(triple)
    reasoner = reasonable.PyReasoner()
    reasoner.from_graph(given)
    asserted = set(graph)
    result = Graph()
    for s, p, o in reasoner.reason():
        if isinstance(o, Literal) and o.datatype == XSD.string:  # reasonable gives plain literals back typed
            o = Literal(str(o))
        if (s, p, o) in asserted or isinstance(s, BNode) or isinstance(o, BNode) or s == o and p in SCHEMA:
            continue
        if str(p).startswith(NOT_ENTAILED) or (p == RDF.type and str(o).startswith(NOT_ENTAILED)):
            continue
        if isinstance(s, Literal):
            continue
        result.add((s, p, o))
    return result


def ntriples(graph: Graph) -> bytes:
    """Sorted N-Triples lines of ``graph`` (no blank nodes), the same bytes for the same triples."""
    lines = {f"{s.n3()} {p.n3()} {o.n3()} .\n" for s, p, o in graph}
    return "".join(sorted(lines)).encode("utf-8")
