"""Dataset statistics computed from the graph: instances per class and triples per predicate."""

from __future__ import annotations

from dataclasses import dataclass

CLASS_COUNTS = """
SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE {
  ?s a ?class . FILTER(STRSTARTS(STR(?class), "https://w3id.org/exopa/"))
} GROUP BY ?class ORDER BY DESC(?n) ?class
"""
PREDICATE_COUNTS = """
SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p ORDER BY DESC(?n) ?p
"""


@dataclass(frozen=True)
class Stats:
    """Triple count, instance counts per exopa class and triple counts per predicate."""

    triples: int
    classes: list[tuple[str, int]]
    predicates: list[tuple[str, int]]


def compute(store) -> Stats:
    """Compute :class:`Stats` from a pyoxigraph store."""

    def pairs(query: str, key: str) -> list[tuple[str, int]]:
        return [(row[key].value, int(row["n"].value)) for row in store.query(query)]

    return Stats(len(store), pairs(CLASS_COUNTS, "class"), pairs(PREDICATE_COUNTS, "p"))
