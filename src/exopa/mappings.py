"""SSSOM mappings to external ontologies, read, validated and written with sssom-py.

``read_sssom`` parses a mapping set with sssom-py (any valid SSSOM/TSV: extra standard columns such as
``author_id`` or ``mapping_date`` are fine), runs sssom-py's validators, and returns the rows exopa turns into
``skos:*Match`` triples, each object expanded to its IRI by the set's own ``curie_map`` (a ``curies`` converter).
Problems are :class:`CurationError` with the file, line and column of the cell at fault.
``canonical_sssom`` writes the set back as sssom-py does, for the release.
"""

from __future__ import annotations

import copy
import io
import warnings
from dataclasses import dataclass
from functools import cache
from pathlib import Path

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
#: The columns exopa needs; any other SSSOM column may be present too.
REQUIRED = ["subject_id", "predicate_id", "object_id", "object_label", "mapping_justification"]
JUSTIFICATION = "semapv:ManualMappingCuration"


@dataclass(frozen=True)
class Mapping:
    """One row of the mapping set, with its object expanded to an IRI."""

    subject: str  # exopa slug
    predicate: URIRef
    object_curie: str
    object_iri: URIRef
    object_label: str
    line: int


def _layout(path: Path) -> tuple[list[str], dict[tuple[str, str, str], int], int]:
    """The column header, the line of every (subject, predicate, object) row, and the header's line number: only
    to point errors at file lines (sssom-py reads the content)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    header_line = next((n for n, line in enumerate(lines, start=1) if line and not line.startswith("#")), 0)
    if not header_line:
        raise CurationError(path, 1, 1, "no column header after the metadata block")
    columns = lines[header_line - 1].rstrip("\r").split("\t")
    missing = [column for column in REQUIRED if column not in columns]
    if missing:
        raise CurationError(path, header_line, 1, f"missing SSSOM column(s): {', '.join(missing)}")
    where = {}
    for number, line in enumerate(lines[header_line:], start=header_line + 1):
        cells = line.rstrip("\r").split("\t")
        if len(cells) == len(columns):
            row = dict(zip(columns, cells, strict=True))
            where.setdefault((row["subject_id"], row["predicate_id"], row["object_id"]), number)
    return columns, where, header_line


@cache
def _parsed(path: Path, stamp: tuple[int, int]):
    from sssom.parsers import parse_sssom_table
    from sssom.validators import validate

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # sssom-py's pandas deprecation warnings
        try:
            mapping_set = parse_sssom_table(str(path))
        except Exception as error:  # sssom-py raises several exception types for invalid input
            raise CurationError(path, 1, 1, f"not a valid SSSOM/TSV mapping set: {error}") from None
        reports = validate(mapping_set, fail_on_error=False)
    problems = [str(result) for report in reports.values() for result in report.results]
    return mapping_set, problems


def mapping_set(path: Path):
    """The mapping set as sssom-py's ``MappingSetDataFrame`` (parsed once per file version)."""
    return _parsed_and_checked(path)[0]


def _parsed_and_checked(path: Path):
    stat = path.stat()
    return _parsed(path.resolve(), (stat.st_mtime_ns, stat.st_size))


def read_sssom(path: Path) -> tuple[dict, list[Mapping]]:
    """The metadata and the mappings of an SSSOM/TSV file; bad rows raise :class:`CurationError`."""
    lines = read_text(path).split("\n")  # UTF-8, or a located error
    read_metadata(path, "\n".join(line[1:] for line in lines if line.startswith("#")))  # safe YAML first
    columns, where, header_line = _layout(path)
    _check_cells(path, lines, columns, header_line)
    parsed, problems = _parsed_and_checked(path)
    converter = parsed.converter
    used = {curie.split(":", 1)[0] for column in ("subject_id", "object_id") for curie in parsed.df[column]}
    metadata = {**parsed.metadata, "curie_map": {p: uri for p, uri in converter.bimap.items() if p in used}}
    mappings: list[Mapping] = []
    for row in parsed.df.to_dict("records"):
        number = where.get((row["subject_id"], row["predicate_id"], row["object_id"]), header_line)

        def fail(column: str, message: str, line: int = number) -> CurationError:
            return CurationError(path, line, columns.index(column) + 1, message)

        if not row["subject_id"].startswith("exopa:"):
            raise fail("subject_id", f"subject {row['subject_id']!r} is not an exopa: CURIE")
        if row["predicate_id"] not in PREDICATES:
            raise fail("predicate_id", f"predicate {row['predicate_id']!r} is not a SKOS mapping predicate")
        if row["mapping_justification"] != JUSTIFICATION:
            raise fail("mapping_justification", f"mapping_justification must be {JUSTIFICATION}")
        iri = converter.expand(row["object_id"])
        if iri is None:
            raise fail("object_id", f"object {row['object_id']!r} has a prefix missing from the curie_map")
        label = row.get("object_label")
        mappings.append(Mapping(row["subject_id"].removeprefix("exopa:"), PREDICATES[row["predicate_id"]],
                                row["object_id"], URIRef(iri), label if isinstance(label, str) else "",
                                number))  # fmt: skip
    if problems:  # the row checks above name the cell; what sssom-py's validators find besides is reported here
        raise CurationError(path, 1, 1, f"sssom-py validation: {problems[0]}")
    mappings.sort(key=lambda mapping: mapping.line)
    return metadata, mappings


def _check_cells(path: Path, lines: list[str], columns: list[str], header_line: int) -> None:
    """Every row has one cell per column and no invisible characters (before sssom-py reads the table)."""
    for number, line in enumerate(lines[header_line:], start=header_line + 1):
        if not line.strip():
            continue
        cells = line.rstrip("\r").split("\t")
        if len(cells) != len(columns):
            raise CurationError(path, number, min(len(cells), len(columns)) + 1,
                                f"expected {len(columns)} tab-separated cells, found {len(cells)}")  # fmt: skip
        for index, cell in enumerate(cells, start=1):
            if unprintable(cell):
                raise CurationError(path, number, index, f"invisible character {unprintable(cell)} in cell")


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


def canonical_sssom(path: Path) -> bytes:
    """The mapping set as sssom-py writes it (SSSOM/TSV), for the release."""
    from sssom.writers import write_table

    stream = io.StringIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        write_table(copy.deepcopy(mapping_set(path)), stream)  # sssom-py's writer condenses the frame in place
    return stream.getvalue().encode("utf-8")
