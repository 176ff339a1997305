"""Loading the release: an rdflib Graph for building and validation, a pyoxigraph Store for querying."""

from __future__ import annotations

from functools import cache

from .resources import release_file, release_path

TYPE_CHECKING = False  # typing itself is not imported: `exopa query` starts faster
if TYPE_CHECKING:
    import pyoxigraph
    from rdflib import Graph


def graph(entailed: bool = False) -> Graph:
    """The release as an rdflib :class:`~rdflib.Graph`; with ``entailed``, plus its RDFS entailment
    (``exopa-entailed.nt``: superclasses, super-properties, sound domains and ranges)."""
    from rdflib import Graph

    result = Graph()
    result.parse(release_path("nt"), format="nt")
    if entailed:
        result.parse(release_path("entailed"), format="nt")
    return result


def store(entailed: bool = False) -> pyoxigraph.Store:
    """The release loaded into a new in-memory :class:`pyoxigraph.Store` (the embedded SPARQL 1.1 engine); with
    ``entailed``, plus its RDFS entailment, so that ``?s exopa:decreases ?o`` also finds ``exopa:inhibits`` edges
    and ``?x a exopa:ExtracellularVesiclePreparation`` every exosome preparation. The store is yours to change."""
    import pyoxigraph

    result = pyoxigraph.Store()
    for fmt in ("nt", "entailed") if entailed else ("nt",):
        # lenient: the release files were written (and checked) by `exopa build`; skipping pyoxigraph's IRI and
        # language-tag validation loads them about 30% faster
        result.bulk_load(path=release_file(fmt), format=pyoxigraph.RdfFormat.N_TRIPLES, lenient=True)
    return result


@cache
def shared_store(entailed: bool = False) -> pyoxigraph.Store:
    """One store per process for the read-only queries of :func:`exopa.query` and the command line, loaded on first
    use. Never hand it out for writing: :func:`store` gives a private copy."""
    return store(entailed)
