"""RDF namespaces and the IRIs of reused external terms."""

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

from . import iris

EXOPA = Namespace(iris.EXOPA)
OBO = Namespace(iris.OBO)

ONTOLOGY_IRI = EXOPA["ontology"]
DEFINITION = OBO["IAO_0000115"]
DEFINITION_SOURCE = OBO["IAO_0000119"]

#: Unit codes allowed in findings.tsv and the UO terms they stand for.
UNITS = {
    "nm": OBO["UO_0000018"],
    "percent": OBO["UO_0000187"],
    "degC": OBO["UO_0000027"],
    "fold": OBO["UO_0000190"],
}

#: Prefixes bound in every serialisation (Bioregistry-style lower-case prefixes for OBO terms are not used in
#: Turtle, where OBO PURLs are written in full through the obo: prefix).
PREFIXES = {
    "exopa": EXOPA,
    "obo": OBO,
    "owl": OWL,
    "rdf": RDF,
    "rdfs": RDFS,
    "skos": SKOS,
    "xsd": XSD,
    "dcterms": DCTERMS,
    "prov": PROV,
    "schema": Namespace("https://schema.org/"),
}


def curie_to_iri(curie: str) -> URIRef:
    """Expand a CURIE such as ``ECO:0000304`` with the Bioregistry's converter (see :mod:`exopa.prefixes`)."""
    from .prefixes import bioregistry_converter

    return URIRef(bioregistry_converter().expand(curie, strict=True))
