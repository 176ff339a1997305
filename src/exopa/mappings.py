"""SSSOM mappings to external ontologies: read ``ontology/mappings/exopa.sssom.tsv`` into ``skos:*Match`` triples."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

import curies
import yaml
from rdflib import URIRef
from rdflib.namespace import SKOS

from .tables import CurationError, read_text, unprintable

PREDICATES = {
    "skos:exactMatch": SKOS.exactMatch,
    "skos:closeMatch": SKOS.closeMatch,
    "skos:broadMatch": SKOS.broadMatch,
    "skos:narrowMatch": SKOS.narrowMatch,
}
COLUMNS = [
    "subject_id", "subject_label", "predicate_id", "object_id", "object_label", "mapping_justification",
    "confidence", "comment",
]  # fmt: skip


@dataclass(frozen=True)
class Mapping:
    """One row of the mapping set, with its object expanded to an IRI."""

    subject: str  # exopa slug
    predicate: URIRef
    object_curie: str
    object_iri: URIRef
    object_label: str
    line: int


def read_sssom(path: Path) -> tuple[dict, list[Mapping]]:
    """The metadata block and the mappings of an SSSOM TSV file; bad rows raise :class:`CurationError`."""
    lines = read_text(path).split("\n")
    header_lines = [line[1:] for line in lines if line.startswith("#")]
    metadata = read_metadata(path, "\n".join(header_lines))
    converter = curies.Converter.from_prefix_map(metadata.get("curie_map", {}))
    offset = len(header_lines)
    reader = csv.DictReader(io.StringIO("\n".join(lines[offset:])), delimiter="\t", quoting=csv.QUOTE_NONE)
    if reader.fieldnames != COLUMNS:
        raise CurationError(path, offset + 1, 1, f"header must be: {' | '.join(COLUMNS)}")
    mappings: list[Mapping] = []
    for number, row in enumerate(reader, start=offset + 2):

        def fail(column: str, message: str, line: int = number) -> CurationError:
            return CurationError(path, line, COLUMNS.index(column) + 1, message)

        cells = [value for key, value in row.items() if key is not None and value is not None] + row.get(None, [])
        if len(cells) != len(COLUMNS):
            raise CurationError(path, number, min(len(cells), len(COLUMNS)) + 1,
                                f"expected {len(COLUMNS)} tab-separated cells, found {len(cells)}")  # fmt: skip
        for index, cell in enumerate(cells, start=1):
            if unprintable(cell):
                raise CurationError(path, number, index, f"invisible character {unprintable(cell)} in cell")
        if not row["subject_id"].startswith("exopa:"):
            raise fail("subject_id", f"subject {row['subject_id']!r} is not an exopa: CURIE")
        if row["predicate_id"] not in PREDICATES:
            raise fail("predicate_id", f"predicate {row['predicate_id']!r} is not a SKOS mapping predicate")
        if row["mapping_justification"] != "semapv:ManualMappingCuration":
            raise fail("mapping_justification", "mapping_justification must be semapv:ManualMappingCuration")
        iri = converter.expand(row["object_id"])
        if iri is None:
            raise fail("object_id", f"object {row['object_id']!r} has a prefix missing from the curie_map")
        mappings.append(
            Mapping(
                row["subject_id"].removeprefix("exopa:"),
                PREDICATES[row["predicate_id"]],
                row["object_id"],
                URIRef(iri),
                row["object_label"],
                number,
            )
        )
    return metadata, mappings


def read_metadata(path: Path, header: str) -> dict:
    """The YAML metadata block of an SSSOM file (the ``#`` lines, without the ``#``), loaded safely: no Python tags,
    a mapping at the top, and a ``curie_map`` from prefixes to URI prefixes; errors are located by line and column."""
    try:
        metadata = yaml.safe_load(header)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        line, column = (mark.line + 1, mark.column + 2) if mark else (1, 1)  # + 2: the '#' and 1-based
        if isinstance(error, yaml.constructor.ConstructorError) and "tag:yaml.org,2002:python/" in problem:
            problem = "a !!python/... tag; only plain YAML is allowed (it would create Python objects)"
        context, start = getattr(error, "context", None), getattr(error, "context_mark", None)
        if context and start and start is not mark:
            problem += f" {context} started on line {start.line + 1}"
        raise CurationError(path, line, column, f"bad YAML metadata block: {' '.join(problem.split())}") from None
    if metadata is None:
        return {}
    if not isinstance(metadata, dict):
        raise CurationError(path, 1, 2, "the metadata block (the '#' lines) must be a YAML mapping of keys to values")
    curie_map = metadata.get("curie_map", {})
    if not isinstance(curie_map, dict) or not all(
        isinstance(prefix, str) and isinstance(uri, str) for prefix, uri in curie_map.items()
    ):
        line = next((n for n, text in enumerate(header.split("\n"), 1) if text.startswith("curie_map")), 1)
        raise CurationError(path, line, 2, "curie_map must map each prefix to a URI prefix (prefix: https://...)")
    return metadata
