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
    (tmp_path / "ontology" / "source").mkdir()
    shutil.copy(ROOT / "ontology" / "source" / "review.txt", tmp_path / "ontology" / "source" / "review.txt")
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
    # issue 15: input the build used to crash on, or to accept
    ("sections--stray-0xff.tsv", 3, 4, "not UTF-8: byte 0xff"),
    ("entities--latin1.tsv", 3, 6, "not UTF-8: byte 0xe9"),
    ("entities--lone-surrogate.tsv", 4, 3, "not UTF-8: byte 0xed (an encoded lone surrogate"),
    ("sections--empty-number.tsv", 3, 2, "missing required value in column 'number'"),
    ("entities--language-tag-in-label.tsv", 5, 3, "'MMP-1@en' holds a language tag (@en)"),
    ("entities--injected-language-tag.tsv", 2, 4, "holds a language tag (@zh)"),
    ("references--bad-language-tag.tsv", 2, 11, "'en_US' is not a language tag"),
    ("references--doi-markup.tsv", 2, 10, "'10.1111/<b>php.13370</b>' is not a DOI"),
    ("references--doi-quotes.tsv", 2, 10, """'"10.1111/php.13370"' is not a DOI"""),
    ("findings--quote-not-in-review.tsv", 2, 18, "quote_zh is not verbatim from the review"),
    ("findings--non-ascii-digits.tsv", 3, 10, "'２８０' in column 'lower' is not written in ASCII digits"),
    ("findings--absurd-magnitude.tsv", 3, 11, "in column 'upper' is out of range"),
    ("entities--control-character.tsv", 3, 3, "invisible character U+0007 (control character)"),
    ("entities--month-13.tsv", 2, 9, "'2025-13' is not YYYY or YYYY-MM"),
    ("entities--date-non-ascii-digits.tsv", 2, 9, "'２０２５-06' is not YYYY or YYYY-MM"),
    ("references--year-non-ascii-digits.tsv", 2, 5, "'٢٠٢١' in column 'year' is not written in ASCII digits"),
    ("findings--bad-modality.tsv", 2, 21, "modality must be one of asserted, hypothesis, scope, not 'certain'"),
    ("findings--translation-equals-quote.tsv", 2, 20, "the translation equals quote_zh"),
    ("findings--quality-value-not-a-value.tsv", 3, 22, "'wavelength' is of kind Quality, expected QualityValue"),
    ("findings--location-not-anatomical.tsv", 2, 23,
     "'mmp1' is of kind Enzyme, expected AnatomicalEntity or CellType or CellularComponent"),
    ("findings--timing-in-chinese.tsv", 2, 24, "timing is a short English phrase"),
    ("findings--unknown-table-item.tsv", 2, 26, "unknown slug 't1-no-such-item'"),
    ("table-items--bad-position.tsv", 3, 5, "position must be a whole number from 1, not 'second'"),
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


RULES = FIXTURES / "build" / "rules"

# Completeness and evidence rules: errors in a strict build, warnings at the same place otherwise.
RULE_CASES = [
    ("findings--missing-translation.tsv", 3, 20, "missing curator translation of quote_zh"),
    ("findings--missing-modality.tsv", 2, 21, "missing modality"),
    ("findings--model-code-missing.tsv", 2, 15,
     "experimental evidence codes none differ from those the models imply: ECO:0007122 (model-uvb-in-vitro)"),
    ("findings--code-without-model.tsv", 3, 15,
     "experimental evidence codes ECO:0007120 differ from those the models imply: none (no model)"),
    ("findings--cited-with-uncited-code.tsv", 2, 15, "its author-statement code must be ECO:0000304, not ECO:0000303"),
    ("entities--model-without-kind.tsv", 6, 2, "an experimental model needs its kind as class"),
]


def test_every_rule_fixture_has_a_case() -> None:
    assert sorted(p.name for p in RULES.glob("*.tsv")) == sorted(case[0] for case in RULE_CASES)


def test_minimal_fixture_builds_strictly_without_warnings(tmp_path: Path) -> None:
    warnings: list = []
    compile_graph(source_tree(tmp_path, MINIMAL), strict=True, warnings=warnings)
    assert warnings == []


@pytest.mark.parametrize(("broken", "row", "column", "message"), RULE_CASES, ids=[c[0] for c in RULE_CASES])
def test_rule_breach_is_an_error_when_strict_and_a_warning_otherwise(
    tmp_path: Path, broken: str, row: int, column: int, message: str
) -> None:
    root = source_tree(tmp_path, MINIMAL)
    table = broken.split("--")[0] + ".tsv"
    shutil.copy(RULES / broken, root / "ontology" / "curation" / table)

    def located(errors) -> list[str]:
        return [str(e) for e in errors if e.path.endswith(table) and (e.row, e.column) == (row, column)]

    with pytest.raises(CurationErrors) as raised:
        compile_graph(root, strict=True)
    assert any(message in text for text in located(raised.value.errors)), [str(e) for e in raised.value.errors]
    warnings: list = []
    compile_graph(root, strict=False, warnings=warnings)
    assert any(message in text for text in located(warnings)), [str(e) for e in warnings]


def test_table_items_are_nodes_with_row_column_position_and_both_texts(tmp_path: Path) -> None:
    from rdflib import Literal
    from rdflib.namespace import RDF, RDFS

    from exopa.namespaces import EXOPA

    root = source_tree(tmp_path, MINIMAL)
    assert not (root / "ontology" / "curation" / "table-items.tsv").exists()  # the build works without the file
    for table in ("table-items.tsv", "sections.tsv"):
        shutil.copy(FIXTURES / "build" / "table-items" / table, root / "ontology" / "curation" / table)
    graph = compile_graph(root)
    item = EXOPA["t1-adsc-pathways-2"]
    assert (item, RDF.type, EXOPA.TableItem) in graph
    assert graph.value(item, EXOPA.tableRow) == EXOPA["adsc-exos"]
    assert graph.value(item, EXOPA.tableColumn) == EXOPA["section-table1-pathways"]
    assert graph.value(item, EXOPA.tablePosition).toPython() == 2
    assert graph.value(item, EXOPA.text) == Literal("上调胶原", lang="zh")
    assert graph.value(item, EXOPA.translation) == Literal("upregulates collagen", lang="en")
    english = [label for label in graph.objects(item, RDFS.label) if label.language == "en"]
    assert english == [Literal("Table 1, pathways, adipose-derived stem cell exosomes, item 2: upregulates collagen",
                               lang="en")]  # fmt: skip


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


def test_the_quote_check_uses_the_content_tests_normalisation(tmp_path: Path) -> None:
    """A quote re-wrapped or re-spaced is still verbatim (as tests/test_content.py checks); one changed word is not."""
    from conftest import squash

    root = source_tree(tmp_path, MINIMAL)
    findings = root / "ontology" / "curation" / "findings.tsv"
    quote = "同时能显著抑制 MMP-1、MMP-3 及胶原蛋白-3 (COL-3)的异常过表达"
    assert squash(quote) in squash((ROOT / "ontology" / "source" / "review.txt").read_text(encoding="utf-8"))
    findings.write_text(findings.read_text(encoding="utf-8").replace(quote, quote.replace(" ", "  ")), encoding="utf-8")
    assert len(compile_graph(root)) > 0
    findings.write_text(findings.read_text(encoding="utf-8").replace("抑制", "促进"), encoding="utf-8")
    with pytest.raises(CurationErrors) as raised:
        compile_graph(root)
    assert [(e.row, e.column) for e in raised.value.errors] == [(2, 18)]


def test_a_build_without_the_review_text_cannot_check_quotes_and_fails(tmp_path: Path) -> None:
    root = source_tree(tmp_path, MINIMAL)
    (root / "ontology" / "source" / "review.txt").unlink()
    with pytest.raises(CurationErrors) as raised:
        compile_graph(root)
    assert [str(e) for e in raised.value.errors] == [
        f"{root / 'ontology' / 'source' / 'review.txt'}: cannot read: No such file or directory (the review's text, "
        "against which every quote is checked)"
    ]


@pytest.mark.parametrize("table", ["sections.tsv", "entities-extra.tsv"])
def test_a_table_path_that_is_a_directory_is_reported(tmp_path: Path, table: str) -> None:
    root = source_tree(tmp_path, MINIMAL)
    path = root / "ontology" / "curation" / table
    path.unlink(missing_ok=True)
    path.mkdir()
    with pytest.raises(CurationErrors) as raised:
        compile_graph(root)
    assert f"{path}: cannot read: Is a directory" in [str(e) for e in raised.value.errors]


BROKEN_SSSOM = FIXTURES / "build" / "broken-sssom"
SSSOM_CASES = [  # (fixture, line, column, message fragment)
    ("malformed-yaml.sssom.tsv", 5, 16, "expected ',' or ']', but got ':' while parsing a flow sequence"),
    ("python-tag.sssom.tsv", 4, 17, "a !!python/... tag; only plain YAML is allowed"),
    ("not-utf8.sssom.tsv", 6, 1, "not UTF-8: byte 0xe0"),
    ("curie-map-not-a-mapping.sssom.tsv", 1, 2, "curie_map must map each prefix to a URI prefix"),
    ("short-row.sssom.tsv", 8, 4, "expected 8 tab-separated cells, found 3"),
    ("control-character.sssom.tsv", 7, 5, "invisible character U+001B (control character)"),
]


def test_every_broken_sssom_fixture_has_a_case() -> None:
    assert sorted(p.name for p in BROKEN_SSSOM.iterdir()) == sorted(case[0] for case in SSSOM_CASES)


@pytest.mark.parametrize(("broken", "line", "column", "message"), SSSOM_CASES, ids=[c[0] for c in SSSOM_CASES])
def test_broken_sssom_metadata_is_reported_with_file_line_column(
    tmp_path: Path, broken: str, line: int, column: int, message: str
) -> None:
    root = source_tree(tmp_path, MINIMAL)
    target = root / "ontology" / "mappings" / "exopa.sssom.tsv"
    shutil.copy(BROKEN_SSSOM / broken, target)
    with pytest.raises(CurationErrors) as raised:
        compile_graph(root)
    located = [str(e) for e in raised.value.errors if e.path == str(target)]
    assert len(located) == 1 and located[0].startswith(f"{target}:{line}:{column}: "), located
    assert message in located[0]


def test_python_tags_in_sssom_metadata_are_never_run(tmp_path: Path, capfd) -> None:
    root = source_tree(tmp_path, MINIMAL)
    shutil.copy(BROKEN_SSSOM / "python-tag.sssom.tsv", root / "ontology" / "mappings" / "exopa.sssom.tsv")
    with pytest.raises(CurationErrors):
        compile_graph(root)
    assert "owned" not in capfd.readouterr().out


def test_finding_labels_are_statements_from_entity_labels(tmp_path: Path) -> None:
    from rdflib import Literal
    from rdflib.namespace import RDFS

    from exopa.namespaces import EXOPA

    root = source_tree(tmp_path, MINIMAL)
    entities = root / "ontology" / "curation" / "entities.tsv"
    text = entities.read_text(encoding="utf-8")
    entities.write_text(text.replace("uvb\tUVBand\tultraviolet B\t\t", "uvb\tUVBand\tultraviolet B\t中波紫外线\t"))
    graph = compile_graph(root)
    labels = set(graph.objects(EXOPA["finding-3-4-01"], RDFS.label))
    assert labels == {
        Literal("adipose-derived stem cell exosomes inhibit MMP-1 (section 3.4, ref 37)", lang="en"),
    }  # MMP-1 has no Chinese label in the fixture, so the finding has none either
    assert set(graph.objects(EXOPA["finding-1-01"], RDFS.label)) == {
        Literal("ultraviolet B has wavelength 280–320 nm (section 1)", lang="en"),
        Literal("中波紫外线具有波长 280–320 nm（第 1 节）", lang="zh"),
    }
    findings = (root / "ontology" / "curation" / "findings.tsv").read_text(encoding="utf-8")
    hedged = findings.replace("\tasserted\t\t\t\t\t\tnote-1", "\thypothesis\t\t\t\t\t\tnote-1")
    (root / "ontology" / "curation" / "findings.tsv").write_text(hedged, encoding="utf-8")
    english = {str(label) for label in compile_graph(root).objects(EXOPA["finding-3-4-01"], RDFS.label)}
    assert english == {"adipose-derived stem cell exosomes may inhibit MMP-1 (section 3.4, ref 37)"}


def test_the_python_build_takes_string_paths_and_names_what_is_missing(tmp_path: Path) -> None:
    import exopa

    with pytest.raises(CurationErrors, match=r"exopa\.ttl: cannot parse the TBox: cannot read"):
        exopa.build(str(tmp_path / "nowhere"), str(tmp_path / "out"))
    assert not (tmp_path / "out").exists()
