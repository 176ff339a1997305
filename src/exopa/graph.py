"""Loading the release: an rdflib Graph for building and validation, a pyoxigraph Store for querying."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .resources import release_path

if TYPE_CHECKING:
    from rdflib import Graph


def graph() -> Graph:
    """The release as an rdflib :class:`~rdflib.Graph`."""
    from rdflib import Graph

    result = Graph()
    result.parse(release_path("nt"), format="nt")
    return result


def store():
    """The release loaded into an in-memory :class:`pyoxigraph.Store` (the embedded SPARQL 1.1 engine)."""
    import pyoxigraph

    result = pyoxigraph.Store()
    result.bulk_load(path=str(release_path("nt")), format=pyoxigraph.RdfFormat.N_TRIPLES)
    return result
