"""`exopa build`: deterministic, up to date, and strict about bad curation cells."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT

from exopa.cli import main
from exopa.compile import CurationErrors, compile_graph
from exopa.export.biolink_table import TABLE
from exopa.release import build

MINIMAL = FIXTURES / "build" / "minimal"
BROKEN = FIXTURES / "build" / "broken"


def source_tree(tmp_path: Path, tables: Path = ROOT / "ontology" / "curation") -> Path:
    """A throw-away source checkout with the real TBox, its Biolink table and the given curation tables."""
    (tmp_path / "ontology" / "curation").mkdir(parents=True)
    (tmp_path / "ontology" / "mappings").mkdir()
    shutil.copy(ROOT / "ontology" / "exopa.ttl", tmp_path / "ontology" / "exopa.ttl")
    shutil.copy(ROOT / TABLE, tmp_path / TABLE)
    for table in tables.glob("*.tsv"):
        shutil.copy(table, tmp_path / "ontology" / "curation" / table.name)
    return tmp_path


def test_build_is_byte_identical_twice(tmp_path: Path) -> None:
    first = build(ROOT, tmp_path / "a")
    second = build(ROOT, tmp_path / "b")
    for fmt in first:
        assert first[fmt].read_bytes() == second[fmt].read_bytes(), fmt


def test_committed_release_equals_fresh_build(tmp_path: Path) -> None:
    fresh = build(ROOT, tmp_path)
    for path in fresh.values():
        committed = ROOT / "ontology" / "release" / path.name
        assert committed.read_bytes() == path.read_bytes(), f"{committed} is stale: run `exopa build`"


def test_minimal_fixture_builds(tmp_path: Path) -> None:
    graph = compile_graph(source_tree(tmp_path, MINIMAL))
    assert len(graph) > 0


# (broken file, table it replaces, row, column, message fragment)
CASES = [
    ("findings--unknown-slug.tsv", 2, 3, "unknown slug 'no-such-entity'"),
    ("findings--unknown-predicate.tsv", 2, 4, "unknown predicate 'cures'"),
    ("findings--not-a-number.tsv", 3, 10, "'about 280' in column 'lower' is not a number"),
    ("findings--direction-conflict.tsv", 2, 6, "direction 'up' contradicts predicate 'inhibits'"),
    ("findings--cited-and-uncited.tsv", 2, 17, "references or uncited=true, not both"),
    ("findings--bad-evidence.tsv", 2, 15, "'ECO:9999999' is not one of the ECO evidence types"),
    ("findings--wrong-model-class.tsv", 2, 7, "'mmp1' is of kind Enzyme, expected ExperimentalModel"),
    ("findings--bad-unit.tsv", 3, 12, "unit must be one of"),
    ("findings--missing-cell-count.tsv", 3, 18, "expected 27 tab-separated cells, found 17"),
    ("references--bad-doi.tsv", 2, 10, "'doi.org/10.1111/php.13370' is not a DOI"),
    ("references--missing-doi-and-reason.tsv", 3, 10, "needs a DOI or a reason"),
    ("entities--missing-label.tsv", 3, 3, "missing required value in column 'label_en'"),
    ("entities--missing-definition.tsv", 4, 6, "missing required value in column 'definition'"),
    ("entities--unknown-class.tsv", 2, 2, "unknown class 'Organ'"),
    ("entities--bad-relation.tsv", 4, 8, "unknown slug 'nobody'"),
    ("entities--duplicate-slug.tsv", 5, 1, "duplicate slug 'adsc'"),
    ("entities--bad-slug.tsv", 2, 1, "'Skin' is not a valid slug"),
    ("notes--unknown-note-kind.tsv", 2, 2, "unknown slug 'rant'"),
]


def test_every_broken_fixture_has_a_case() -> None:
    assert sorted(p.name for p in BROKEN.glob("*.tsv")) == sorted(case[0] for case in CASES)


@pytest.mark.parametrize(("broken", "row", "column", "message"), CASES, ids=[c[0] for c in CASES])
def test_broken_table_is_reported_with_file_row_column(
    tmp_path: Path, broken: str, row: int, column: int, message: str
) -> None:
    root = source_tree(tmp_path, MINIMAL)
    table = broken.split("--")[0] + ".tsv"
    shutil.copy(BROKEN / broken, root / "ontology" / "curation" / table)
    with pytest.raises(CurationErrors) as raised:
        compile_graph(root)
    located = [str(e) for e in raised.value.errors if e.path.endswith(table) and (e.row, e.column) == (row, column)]
    assert any(message in text for text in located), [str(e) for e in raised.value.errors]


def test_failed_build_leaves_release_untouched_and_exits_nonzero(tmp_path: Path, capsys) -> None:
    root = source_tree(tmp_path, MINIMAL)
    assert main(["build", "--root", str(root)]) == 0
    release = root / "ontology" / "release"
    before = {p.name: p.read_bytes() for p in release.iterdir()}
    shutil.copy(BROKEN / "findings--unknown-slug.tsv", root / "ontology" / "curation" / "findings.tsv")
    assert main(["build", "--root", str(root)]) == 1
    err = capsys.readouterr().err
    assert f"{root / 'ontology' / 'curation' / 'findings.tsv'}:2:3: unknown slug 'no-such-entity'" in err
    assert {p.name: p.read_bytes() for p in release.iterdir()} == before
