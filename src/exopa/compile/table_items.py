"""``table-items.tsv``: one node per numbered item of a Table 1 cell, grouping the findings taken from it."""

from __future__ import annotations

from rdflib import Literal, URIRef
from rdflib.namespace import RDFS, XSD

from ..namespaces import DEFINITION, DEFINITION_SOURCE, EXOPA
from ..tables import Row
from .base import CJK
from .findings import FindingTables

TABLE_ITEM_COLUMNS = ["slug", "table", "row", "column", "position", "text_zh", "text_en"]


class TableItemTable(FindingTables):
    """Reads the optional ``table-items.tsv`` (absent until Table 1 is itemised: the build works without it)."""

    def read_table_items(self) -> None:
        self.table_item_rows: list[tuple[Row, URIRef]] = []
        if self.sources.table_items is None:
            return
        for row, slug in self.declared(self.sources.table_items, TABLE_ITEM_COLUMNS, "slug", "TableItem"):
            self.read_table_item(row, EXOPA[slug])

    def read_table_item(self, row: Row, node: URIRef) -> None:
        self.individual(node, EXOPA.TableItem)
        cells = self.cells(lambda: (
            self.refer_slug(row, "table", {"section"}), self.refer_slug(row, "row"),
            self.refer_slug(row, "column", {"section"}),
            row.required("position"), row.required("text_zh"), row.required("text_en")))  # fmt: skip
        if cells is None:
            return
        table, entity, column, position, text_zh, text_en = cells
        if not position.isdigit() or int(position) < 1:
            self.fail(row.error("position", f"position must be a whole number from 1, not '{position}'"))
            return
        if not CJK.search(text_zh):
            self.fail(row.error("text_zh", "text_zh is the item's Chinese text, verbatim"))
        if text_en == text_zh or CJK.search(text_en):
            self.fail(row.error("text_en", "text_en is the item's English translation, without Chinese text"))
        self.add(node, EXOPA.inTable, table)
        self.add(node, EXOPA.tableRow, entity)
        self.add(node, EXOPA.tableColumn, column)
        self.add(node, EXOPA.tablePosition, Literal(int(position), datatype=XSD.integer))
        self.add(node, EXOPA.text, Literal(text_zh, lang="zh"))
        self.add(node, EXOPA.translation, Literal(text_en, lang="en"))
        self.add(node, DEFINITION_SOURCE, column)
        self.table_item_rows.append((row, node))

    def label_table_items(self) -> None:
        """Labels from the column's and row's labels, known once every table is read ('Table 1, pathways, ...')."""
        for row, node in self.table_item_rows:
            number = row["position"]
            for lang, text in (("en", row["text_en"]), ("zh", row["text_zh"])):
                column, entity = (self.label_of(EXOPA[row[c]], lang) for c in ("column", "row"))
                if column and entity:
                    label = f"{column}, {entity}, item {number}: {text}" if lang == "en" else (
                        f"{column}，{entity}，第 {number} 项：{text}")
                    self.add(node, RDFS.label, Literal(label, lang=lang))
                    if lang == "en":
                        definition = f"Item {number} of the '{column}' cell of Table 1 for {entity}: {text}"
                        self.add(node, DEFINITION, Literal(definition, lang="en"))

    def label_of(self, node: URIRef, lang: str) -> str:
        for label in self.graph.objects(node, RDFS.label):
            if isinstance(label, Literal) and label.language == lang:
                return str(label)
        return ""

