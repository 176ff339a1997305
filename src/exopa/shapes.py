"""Shapes generated from the TBox and from Bioregistry, written by ``exopa build`` to ``shapes/generated.ttl``.

Hand-written shapes (labels, findings, references, quantities, edges, EV reporting) live beside it in ``shapes/``.
Generated here: one shape per class, the allowed association predicates, direction-versus-predicate rules, the
"no dangling link" targets and the IRI patterns of external identifiers (from the ``bioregistry`` package).
"""

from __future__ import annotations

import re

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SH, SKOS

from .namespaces import DEFINITION_SOURCE, EXOPA

SHAPE = "https://w3id.org/exopa/shapes/"

#: Bioregistry prefixes that mappings may use; the IRI of a mapping must match one of their patterns.
MAPPING_PREFIXES = (
    "cellosaurus", "chebi", "cl", "eco", "efo", "envo", "fplx", "go", "hgnc", "hgnc.genegroup", "hp",
    "kegg.pathway", "mesh", "mirbase", "mirbase.mature", "mondo", "ncbigene", "ncbitaxon", "ncit", "obi", "pato",
    "pr", "reactome", "uberon", "uniprot", "uo", "wikipathways",
)  # fmt: skip

#: Classes whose individuals carry no definition of their own (they have dedicated shapes).
UNDEFINED_CLASSES = {"Finding", "Reference", "ReviewSection", "CurationNote", "QuantityValue"}

SKOS_MAPPINGS = (SKOS.exactMatch, SKOS.closeMatch, SKOS.broadMatch, SKOS.narrowMatch)


def shape(name: str) -> URIRef:
    return URIRef(SHAPE + name)


def rdf_list(graph: Graph, items: list) -> BNode:
    head = BNode()
    Collection(graph, head, items)
    return head


def mapping_iri_patterns() -> dict[str, str]:
    """Regular expressions for the IRIs of each mapping prefix: its Bioregistry URI prefix and local-ID pattern."""
    import bioregistry

    patterns: dict[str, str] = {}
    for prefix in MAPPING_PREFIXES:
        uri_prefix = bioregistry.get_uri_prefix(prefix)
        local = bioregistry.get_pattern(prefix)
        if uri_prefix is None or local is None:
            raise ValueError(f"Bioregistry has no URI prefix or pattern for {prefix!r}")
        local = local.removeprefix("^").removesuffix("$")
        patterns[prefix] = f"^{re.escape(uri_prefix)}(?:{local})$"
    return patterns


def generated_shapes(tbox: Graph) -> Graph:
    """The shapes derived from the TBox and Bioregistry."""
    g = Graph()
    g.bind("sh", SH)
    g.bind("exopa", EXOPA)
    g.bind("shape", SHAPE)

    # One shape per exopa class.
    for cls in sorted(c for c in tbox.subjects(RDF.type, OWL.Class) if str(c).startswith(str(EXOPA))):
        name = str(cls)[len(str(EXOPA)) :]
        node = shape(f"Class-{name}")
        g.add((node, RDF.type, SH.NodeShape))
        g.add((node, SH.targetClass, cls))
        base = "LabelledTerm" if name in UNDEFINED_CLASSES else "DefinedEntity"
        g.add((node, SH.node, shape(base)))

    # Schema terms of exopa are labelled; terms reused from elsewhere are exempt.
    schema = shape("LabelledSchemaTerm")
    g.add((schema, RDF.type, SH.NodeShape))
    for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty):
        g.add((schema, SH.targetClass, kind))
    exempt = BNode()
    g.add((exempt, SH["not"], _pattern(g, "^https://w3id\\.org/exopa/")))
    g.add((schema, SH["or"], rdf_list(g, [exempt, shape("LabelledTerm")])))

    # The predicates a finding may assert.
    predicates = sorted(p for p in tbox.transitive_subjects(RDFS.subPropertyOf, EXOPA.relatedTo))
    g.add((shape("AssociationPredicate"), SH["in"], rdf_list(g, predicates)))

    # A predicate that implies a direction requires that direction.
    implied: dict[URIRef, list[URIRef]] = {}
    for predicate, direction in tbox.subject_objects(EXOPA.impliedDirection):
        implied.setdefault(direction, []).append(predicate)
    for direction, preds in sorted(implied.items()):
        node = shape(f"ImpliedDirection-{str(direction)[len(str(EXOPA)) :]}")
        g.add((node, RDF.type, SH.NodeShape))
        g.add((node, SH.targetClass, EXOPA.Finding))
        has_pred = BNode()
        g.add((has_pred, SH.path, EXOPA.predicate))
        g.add((has_pred, SH["in"], rdf_list(g, sorted(preds))))
        other = BNode()
        negated = BNode()
        g.add((negated, SH.property, has_pred))
        g.add((other, SH["not"], negated))
        agrees = BNode()
        direction_prop = BNode()
        g.add((direction_prop, SH.path, EXOPA.direction))
        g.add((direction_prop, SH.hasValue, direction))
        g.add((agrees, SH.property, direction_prop))
        g.add((node, SH["or"], rdf_list(g, [other, agrees])))
        names = ", ".join(sorted(str(p)[len(str(EXOPA)) :] for p in preds))
        g.add((node, SH.message, Literal(f"a finding whose predicate is {names} must have direction {direction}")))

    # No dangling links: every exopa IRI used as an object is declared with a type and a label.
    declared = shape("DeclaredLinkTarget")
    g.add((declared, RDF.type, SH.NodeShape))
    linking = {
        p
        for p in tbox.subjects(RDF.type, None)
        if str(p).startswith(str(EXOPA))
        and (p, RDF.type, OWL.Class) not in tbox
        and (p, RDF.type, OWL.DatatypeProperty) not in tbox
        and (p, RDF.type, OWL.NamedIndividual) not in tbox
    }
    for prop in sorted(linking | {DEFINITION_SOURCE}):
        g.add((declared, SH.targetObjectsOf, prop))
    typed = BNode()
    type_prop, label_prop = BNode(), BNode()
    g.add((type_prop, SH.path, RDF.type))
    g.add((type_prop, SH.minCount, Literal(1)))
    g.add((label_prop, SH.path, RDFS.label))
    g.add((label_prop, SH.minCount, Literal(1)))
    g.add((typed, SH.property, type_prop))
    g.add((typed, SH.property, label_prop))
    literal = BNode()
    g.add((literal, SH.nodeKind, SH.Literal))
    outside = BNode()
    g.add((outside, SH["not"], _pattern(g, "^https://w3id\\.org/exopa/")))
    g.add((declared, SH["or"], rdf_list(g, [literal, outside, typed])))
    message = "this exopa IRI is used as an object but is not declared with a type and a label"
    g.add((declared, SH.message, Literal(message)))

    # External identifiers: a known Bioregistry prefix and that prefix's local-ID pattern.
    external = shape("ExternalIdentifier")
    g.add((external, RDF.type, SH.NodeShape))
    alternatives = [_pattern(g, pattern) for _, pattern in sorted(mapping_iri_patterns().items())]
    for mapping in SKOS_MAPPINGS:
        g.add((external, SH.targetObjectsOf, mapping))
    g.add((external, SH.nodeKind, SH.IRI))
    g.add((external, SH["or"], rdf_list(g, alternatives)))
    g.add((external, SH.message, Literal("not an IRI of a known prefix with a valid local identifier (Bioregistry)")))
    return g


def _pattern(graph: Graph, regex: str) -> BNode:
    node = BNode()
    graph.add((node, SH.pattern, Literal(regex)))
    return node
