"""Table 1 items (ontology/curation/table-items.tsv): one row per numbered item of every cell of Table 1, and every
Table 1 finding grouped under the item it comes from, its effects hanging on the row's exosome preparation.

Expected values are computed from the review text and the curation tables, never typed in by hand.
"""

from __future__ import annotations

import re

import pytest
from conftest import squash, table_rows
from test_content import table1_items

EFFECTS = {"increases", "decreases", "activates", "inhibits", "regulates", "causesOrContributesTo"}


@pytest.fixture(scope="module")
def items() -> list[dict[str, str]]:
    return table_rows("table-items.tsv")


@pytest.fixture(scope="module")
def table1_findings() -> list[dict[str, str]]:
    return [row for row in table_rows("findings*.tsv") if row["section"].startswith("table1")]


def test_every_item_of_table1_is_one_row_in_reading_order(review_text: str, items: list[dict[str, str]]) -> None:
    # The review lists the cells row by row (advantages, disadvantages, pathways, targets), each row ADSC, UMSC, iPSC.
    assert [squash(item["text_zh"]) for item in items] == [squash(text) for text in table1_items(review_text)]
    assert len({item["slug"] for item in items}) == len(items)


def test_items_name_their_row_column_and_position(items: list[dict[str, str]]) -> None:
    sections = {row["slug"] for row in table_rows("sections.tsv") if row["part_of"] == "section-table1"}
    preparations = {row["slug"] for row in table_rows("entities.tsv") if row["class"] == "ExosomePreparation"}
    cells: dict[tuple[str, str], list[int]] = {}
    for item in items:
        assert item["table"] == "section-table1"
        assert item["column"] in sections and item["row"] in preparations, item["slug"]
        column = item["column"].removeprefix("section-table1-")
        assert item["slug"] == f"t1-{item['row'].removesuffix('-exos')}-{column}-{item['position']}"
        cells.setdefault((item["row"], item["column"]), []).append(int(item["position"]))
        assert item["text_en"] and not re.search(r"[\u3400-\u9fff]", item["text_en"]), item["slug"]
    assert all(positions == list(range(1, len(positions) + 1)) for positions in cells.values())
    assert {column for _, column in cells} == sections


def test_every_table1_finding_belongs_to_the_item_it_quotes(
    items: list[dict[str, str]], table1_findings: list[dict[str, str]]
) -> None:
    by_slug = {item["slug"]: item for item in items}
    for finding in table1_findings:
        item = by_slug[finding["table_item"]]
        assert squash(finding["quote_zh"]) in squash(item["text_zh"]), finding["id"]
        assert item["column"] == "section-" + finding["section"].replace(".", "-"), finding["id"]
        assert finding["id"].startswith(f"finding-table1-{item['row'].removesuffix('-exos')}-"), finding["id"]
    assert {finding["table_item"] for finding in table1_findings} == set(by_slug)


def test_effects_of_an_item_hang_on_the_row_preparation(
    items: list[dict[str, str]], table1_findings: list[dict[str, str]]
) -> None:
    """An effect's subject is the row's exosome preparation, never a pathway; another subject only where the item
    names it as the actor (miR-1246 inhibits GSK3β, liposuction, residual undifferentiated cells)."""
    entities = {row["slug"]: row for row in table_rows("entities.tsv")}
    by_slug = {item["slug"]: item for item in items}
    for finding in table1_findings:
        if finding["predicate"] not in EFFECTS:
            continue
        item, subject = by_slug[finding["table_item"]], entities[finding["subject"]]
        names = {subject["label_en"], subject["label_zh"], *subject["alt_labels"].split("|")} - {""}
        named = any(squash(name) in squash(item["text_zh"]) for name in names)
        assert subject["class"] != "SignalingPathway", finding["id"]
        assert finding["subject"] == item["row"] or named, finding["id"]
    on_row = {
        finding["table_item"]
        for finding in table1_findings
        if finding["subject"] == by_slug[finding["table_item"]]["row"]
    }
    assert on_row == set(by_slug)
