"""Node identifiers a Biolink graph can join on: external CURIEs in the Biolink Model's prefix spelling.

The spelling and the preference order of prefixes per category are read from the Biolink Model release that the
``biolink-model`` package ships (its prefix map and ``preferred_prefixes_per_class.json``); a prefix of exopa's
mapping set (Bioregistry spelling, e.g. ``hgnc``, ``mesh``, ``uniprot``) is matched to Biolink's (``HGNC``, ``MESH``,
``UniProtKB``) through its Bioregistry normalisation.

The canonical id of an entity is one of its exact matches (``skos:exactMatch``), chosen by a fixed rule:

1. only exact matches whose prefix Biolink knows;
2. first those whose prefix is in the ``id_prefixes`` of the node's Biolink category, in that list's order;
3. then the others, by Biolink prefix-map order;
4. ties (two exact matches with the same prefix) by the CURIE's text.

An entity with no such match keeps its exopa CURIE. The exopa CURIE is always among the node's ``xref``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

PACKAGE = "biolink_model"
PREFIX_MAP = "prefixmaps/biolink_model_prefix_map.json"
PREFERRED = "prefixmaps/preferred_prefixes_per_class.json"


@dataclass(frozen=True)
class BiolinkPrefixes:
    """Biolink's prefix map (prefix -> URI prefix, in the release's order) and id_prefixes per class."""

    prefix_map: dict[str, str]
    id_prefixes: dict[str, list[str]]

    @classmethod
    def from_package(cls) -> BiolinkPrefixes:
        folder = resources.files(PACKAGE)
        prefix_map = json.loads(folder.joinpath(PREFIX_MAP).read_text(encoding="utf-8"))
        preferred = json.loads(folder.joinpath(PREFERRED).read_text(encoding="utf-8"))
        id_prefixes: dict[str, list[str]] = {}
        for entry in preferred["biolink_class_prefixes"]:
            ordered = sorted(entry["prefix_map"], key=lambda item: item["order"])
            id_prefixes[entry["class_name"]] = list(dict.fromkeys(item["prefix"] for item in ordered))
        return cls(prefix_map, id_prefixes)

    @property
    def by_bioregistry(self) -> dict[str, str]:
        """Bioregistry-normalised prefix -> Biolink's spelling (the first in the prefix map if several)."""
        return _by_bioregistry(tuple(self.prefix_map))

    def spelling(self, prefix: str) -> str | None:
        """Biolink's spelling of a prefix, or None if the Biolink Model does not know it."""
        if prefix in self.prefix_map:
            return prefix
        import bioregistry

        normalized = bioregistry.normalize_prefix(prefix)
        return self.by_bioregistry.get(normalized) if normalized else None

    def to_biolink(self, curie: str) -> str:
        """The CURIE in Biolink's spelling, unchanged if Biolink does not know its prefix."""
        prefix, _, local = curie.partition(":")
        spelled = self.spelling(prefix)
        return f"{spelled}:{local}" if spelled else curie

    def canonical(self, category: str, exact_matches: list[str]) -> str | None:
        """The canonical id among exact matches (already in Biolink spelling), by the rule of this module."""
        order = self.id_prefixes.get(category, [])
        known = list(self.prefix_map)
        candidates = [curie for curie in exact_matches if curie.partition(":")[0] in self.prefix_map]
        if not candidates:
            return None

        def rank(curie: str) -> tuple[int, int, str]:
            prefix = curie.partition(":")[0]
            listed = order.index(prefix) if prefix in order else len(order)
            return (listed, known.index(prefix), curie)

        return min(candidates, key=rank)


@cache
def _by_bioregistry(prefixes: tuple[str, ...]) -> dict[str, str]:
    import bioregistry

    found: dict[str, str] = {}
    for prefix in prefixes:
        normalized = bioregistry.normalize_prefix(prefix)
        if normalized is not None:
            found.setdefault(normalized, prefix)
    return found


@cache
def biolink_prefixes() -> BiolinkPrefixes:
    """The prefixes of the installed Biolink Model release (read once)."""
    return BiolinkPrefixes.from_package()
