"""Compile the curation tables and the TBox into one RDF graph, checking every cell on the way.

One module per kind of table: :mod:`.entities` (sections, references, entities, notes), :mod:`.findings`,
:mod:`.table_items`, :mod:`.external` (mappings and the import module) and :mod:`.labels` (readable finding labels);
:mod:`.base` holds what they share.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph
from rdflib.namespace import OWL, RDF

from ..namespaces import EXOPA
from ..tables import CurationError, Row, read_text, squash
from .base import CurationErrors, Sources, Vocabulary, local_name, parse_turtle, with_context
from .entities import ENTITY_COLUMNS, NOTE_COLUMNS, REFERENCE_COLUMNS, SECTION_COLUMNS
from .external import ExternalLinks
from .findings import FINDING_COLUMNS, REQUIRE_COMPLETE, canonical_decimal
from .labels import label_findings
from .table_items import TABLE_ITEM_COLUMNS, TableItemTable

__all__ = [
    "ENTITY_COLUMNS", "FINDING_COLUMNS", "NOTE_COLUMNS", "REFERENCE_COLUMNS", "REQUIRE_COMPLETE", "SECTION_COLUMNS",
    "TABLE_ITEM_COLUMNS", "Compiler", "CurationErrors", "Sources", "Vocabulary", "canonical_decimal", "compile_graph",
]  # fmt: skip


class Compiler(TableItemTable, ExternalLinks):
    """Turns the tables into triples; collects every error instead of stopping at the first.

    ``strict`` (default :data:`REQUIRE_COMPLETE`) makes missing translations and modalities, breaches of the
    evidence rule and models without a kind errors; otherwise they are collected in :attr:`warnings`.
    """

    def __init__(self, sources: Sources, strict: bool | None = None) -> None:
        super().__init__(sources, REQUIRE_COMPLETE if strict is None else strict)
        self.finding_rows: dict[str, Row] = {}

    def compile(self) -> Graph:
        try:
            tbox = parse_turtle(self.sources.tbox)
        except CurationError as error:
            raise CurationErrors([with_context(error, "cannot parse the TBox")]) from None
        self.graph += tbox
        self.vocabulary = Vocabulary.from_tbox(tbox)
        for node in tbox.subjects(RDF.type, OWL.NamedIndividual):
            if str(node).startswith(str(EXOPA)):
                self.slugs[local_name(node)] = "TBox individual"
        try:
            self.review = squash(read_text(self.sources.review))
        except CurationError as error:
            self.fail(CurationError(error.path, error.row, error.column, f"{error.message} (the review's text, "
                                    "against which every quote is checked)"))  # fmt: skip
        self.read_sections()
        self.read_entities()
        self.read_references()
        self.read_table_items()
        note_rows = [row for path in self.sources.notes for row in self.rows(path, NOTE_COLUMNS)]
        for row in note_rows:
            self.declare(row, "id", "note")
        self.read_findings()
        for row in note_rows:
            self.read_note(row)
        self.read_mappings()
        self.read_imports()
        self.type_mapped_entities()
        self.check_references()
        if self.errors:
            raise CurationErrors(self.errors)
        self.label_table_items()
        label_findings(self.graph)
        return self.graph


def compile_graph(root: Path, strict: bool | None = None, warnings: list[CurationError] | None = None) -> Graph:
    """Compile the sources under ``root`` into the release graph; raise :class:`CurationErrors` on bad input.

    Breaches of the completeness and evidence rules are appended to ``warnings`` unless the build is strict.
    """
    compiler = Compiler(Sources.under(root), strict)
    graph = compiler.compile()
    if warnings is not None:
        warnings.extend(compiler.warnings)
    return graph
