"""CURIE <-> IRI conversion for the whole package: one ``curies`` converter built from the Bioregistry.

At build time, :func:`release_prefix_records` takes the Bioregistry's record (preferred prefix, URI prefix and prefix
synonyms) of every prefix the release uses, plus exopa's own, and the build writes them as a curies
extended prefix map (``exopa-prefixes.json``). At query time, :func:`converter` loads that file, so ``hgnc:7155``,
``HGNC:7155``, ``UniProtKB:P03956``, ``REACT:R-HSA-166016`` or ``CVCL:0038`` expand to the IRIs the graph uses
without loading the Bioregistry itself (which takes seconds). A canned query's CURIE parameter is expanded with
:func:`expand`, a lookup in the same file that does not import curies (and pydantic: 0.3 s at start-up).
"""

from __future__ import annotations

from functools import cache

from .iris import EXOPA

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable

    import curies

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
    import json

    import curies

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
def release_prefix_map() -> list[dict]:
    """The release's extended prefix map (``exopa-prefixes.json``), as read from the file."""
    import json

    from .resources import release_file

    with open(release_file("prefixes"), encoding="utf-8") as stream:
        return json.load(stream)


@cache
def converter() -> curies.Converter:
    """The converter of the release's prefixes (``exopa-prefixes.json``)."""
    import curies

    return curies.Converter.from_extended_prefix_map(release_prefix_map())


@cache
def uri_prefixes() -> dict[str, str]:
    """Every prefix of the release's extended prefix map and each of its synonyms, with the record's URI prefix."""
    records = release_prefix_map()
    return {name: r["uri_prefix"] for r in records for name in (r["prefix"], *r.get("prefix_synonyms", ()))}


def expand(curie: str) -> str | None:
    """The IRI of a CURIE by the release's prefixes, or None for an unknown prefix: what ``converter().expand``
    returns (``tests/test_prefixes.py`` checks it for every prefix and synonym), without importing curies."""
    prefix, _, local = curie.partition(":")
    uri_prefix = uri_prefixes().get(prefix)
    return None if uri_prefix is None else uri_prefix + local
