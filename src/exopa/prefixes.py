"""CURIE <-> IRI conversion for the whole package: one ``curies`` converter built from the Bioregistry.

At build time, :func:`release_prefix_records` takes the Bioregistry's record (preferred prefix, URI prefix and prefix
synonyms) of every prefix the release uses, plus exopa's own, and the build writes them as a curies
extended prefix map (``exopa-prefixes.json``). At query time, :func:`converter` loads that file, so ``hgnc:7155``,
``HGNC:7155``, ``UniProtKB:P03956``, ``REACT:R-HSA-166016`` or ``CVCL:0038`` expand to the IRIs the graph uses
without loading the Bioregistry itself (which takes seconds).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache

import curies

from .iris import EXOPA

#: Prefixes the release uses besides those of the mapping sets: evidence types, units, DOIs.
BUILT_IN = ("ECO", "UO", "doi")


@cache
def bioregistry_converter() -> curies.Converter:
    """The Bioregistry's converter, preferring its preferred prefixes (``GO``, ``NCBIGene``; ``hgnc``, ``mesh``)."""
    import bioregistry

    return bioregistry.manager.get_converter(prefix_priority=["preferred", "default"])


def bioregistry_record(prefix: str) -> curies.Record:
    """The Bioregistry's record for a prefix or any of its synonyms; ``KeyError`` if it knows none."""
    registry = bioregistry_converter()
    standard = registry.standardize_prefix(prefix)
    if standard is None:
        raise KeyError(f"the Bioregistry has no prefix {prefix!r}")
    return registry.get_record(standard)


def release_prefix_records(prefixes: Iterable[str]) -> bytes:
    """The curies extended prefix map of the given prefixes (and :data:`BUILT_IN`), with exopa's own record first."""
    records = [curies.Record(prefix="exopa", uri_prefix=EXOPA)]
    seen = {"exopa"}
    for prefix in sorted({*prefixes, *BUILT_IN} - {"exopa"}, key=str.lower):
        record = bioregistry_record(prefix)
        if record.prefix in seen:
            continue
        seen.add(record.prefix)
        records.append(record)
    data = [
        {
            "prefix": record.prefix,
            "uri_prefix": record.uri_prefix,
            "prefix_synonyms": sorted(set(record.prefix_synonyms) - {record.prefix}),
        }
        for record in records
    ]
    return (json.dumps(data, indent=1, ensure_ascii=False) + "\n").encode("utf-8")


@cache
def converter() -> curies.Converter:
    """The converter of the release's prefixes (``exopa-prefixes.json``)."""
    from .resources import release_path

    data = json.loads(release_path("prefixes").read_text(encoding="utf-8"))
    return curies.Converter.from_extended_prefix_map(data)
