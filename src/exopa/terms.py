"""Short display forms of RDF terms for people: CURIEs for IRIs, plain text for literals."""

from __future__ import annotations

from .iris import PREFIXES

DISPLAY_PREFIXES = {
    **PREFIXES,
    "sh": "http://www.w3.org/ns/shacl#",
    "shape": "https://w3id.org/exopa/shapes/",
}


def shorten(iri: str) -> str:
    """Write an IRI as a CURIE when one of the known prefixes covers it."""
    for prefix, namespace in sorted(DISPLAY_PREFIXES.items(), key=lambda item: -len(str(item[1]))):
        if iri.startswith(str(namespace)):
            return f"{prefix}:{iri[len(str(namespace)) :]}"
    return iri


def display(term, curie: bool = True) -> str:
    """A pyoxigraph term (or None) as text for a table cell: its lexical form, IRIs as CURIEs if ``curie``."""
    import pyoxigraph as ox

    if term is None:
        return ""
    if curie and isinstance(term, ox.NamedNode):
        return shorten(term.value)
    return term.value


def to_rdflib(term):
    """The rdflib twin of a pyoxigraph IRI or literal (query parameters bound for rdflib's engine)."""
    import pyoxigraph as ox
    from rdflib import Literal, URIRef

    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if term.datatype.value.endswith("#string"):
        return Literal(term.value)
    return Literal(term.value, datatype=term.datatype.value)
