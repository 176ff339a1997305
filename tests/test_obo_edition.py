"""The OBO edition: ROBOT's report rules at ERROR level, pronto, OAK and babelon open it, the translation table is
complete, and the edition says what the release says in the way OBO tools expect."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDFS, SKOS

from exopa import release_path
from exopa.export.obo import ABBREVIATION, EXACT_SYNONYM, HAS_XREF, SYNONYM_TYPE, edition_files, is_abbreviation
from exopa.export.report import load, rules, run

EXOPA = "https://w3id.org/exopa/"


@pytest.fixture(scope="module")
def edition() -> Graph:
    return Graph().parse(release_path("obo_owl"), format="xml")


@pytest.fixture(scope="module")
def report() -> dict[str, dict[str, list]]:
    """Problems per rule on the main release (before) and the OBO edition (after)."""
    selected = rules()
    return {name: run(load(release_path(fmt)), selected) for name, fmt in (("release", "owl"), ("edition", "obo_owl"))}


def test_edition_has_no_error_of_robot_report_rules(report: dict[str, dict[str, list]]) -> None:
    errors = {rule.name for rule in rules() if rule.level == "ERROR"}
    assert len(errors) >= 17
    found = {name: rows for name, rows in report["edition"].items() if name in errors and rows}
    assert found == {}


def test_report_rules_find_what_the_main_release_does_differently(report: dict[str, dict[str, list]]) -> None:
    """The rules can fail: on the main release (English and Chinese labels, HGNC and NCBI Gene records labelled
    with the same gene symbol) they report multiple and duplicate labels."""
    release = report["release"]
    assert release["duplicate_label"]
    graph = Graph().parse(release_path("nt"))
    labelled_twice = {str(s) for s in set(graph.subjects(RDFS.label)) if len(set(graph.objects(s, RDFS.label))) > 1}
    assert labelled_twice and {entity for entity, _, _ in release["multiple_labels"]} == labelled_twice


def test_one_plain_english_label_per_term(edition: Graph, release_graph: Graph) -> None:
    english = {(s, str(o)) for s, o in release_graph.subject_objects(RDFS.label) if o.language == "en"}
    labels = Counter(s for s in edition.subjects(RDFS.label))
    assert max(labels.values()) == 1
    ours = {(s, str(o)) for s, o in edition.subject_objects(RDFS.label) if str(s).startswith(EXOPA)}
    relabelled = {(s, label) for s, label in ours if label.endswith(" (exopa association)")}
    assert {(s, label.removesuffix(" (exopa association)")) for s, label in relabelled} <= english
    assert ours - relabelled <= english
    assert {s for s, _ in english if str(s).startswith(EXOPA)} == {s for s, _ in ours}


def test_alt_labels_are_exact_synonyms_with_abbreviations_typed(edition: Graph, release_graph: Graph) -> None:
    alt = {(s, str(o)) for s, o in release_graph.subject_objects(SKOS.altLabel) if o.language == "en"}
    synonyms = {(s, str(o)) for s, o in edition.subject_objects(EXACT_SYNONYM)}
    assert synonyms == alt
    typed = {(edition.value(a, OWL.annotatedSource), str(edition.value(a, OWL.annotatedTarget)))
             for a in edition.subjects(SYNONYM_TYPE, ABBREVIATION)}  # fmt: skip
    assert typed == {(s, text) for s, text in alt if is_abbreviation(text)}
    assert (URIRef(EXOPA + "uvb"), "UVB") in typed
    assert is_abbreviation("MMPs") and is_abbreviation("ERK1/2") and not is_abbreviation("UV exposure")


def test_exact_matches_are_xrefs(edition: Graph, release_graph: Graph) -> None:
    prefixes = {r["prefix"]: r["uri_prefix"] for r in json.loads(release_path("prefixes").read_text())}
    matches = Counter(s for s, _ in release_graph.subject_objects(SKOS.exactMatch))
    xrefs = Counter(s for s, _ in edition.subject_objects(HAS_XREF))
    assert xrefs == matches
    for xref in edition.objects(None, HAS_XREF):
        assert str(xref).split(":", 1)[0] in prefixes


def test_edition_files_are_a_fresh_build(release_graph: Graph) -> None:
    prefixes = {r["prefix"]: r["uri_prefix"] for r in json.loads(release_path("prefixes").read_text())}
    for fmt, data in edition_files(release_graph, prefixes).items():
        assert release_path(fmt).read_bytes() == data, fmt


def test_pronto_opens_the_owl_and_obo_files() -> None:
    pronto = pytest.importorskip("pronto")
    for fmt in ("obo_owl", "obo_obo", "obo_json"):
        with pytest.warns() if fmt == "obo_owl" else _no_check():
            ontology = pronto.Ontology(str(release_path(fmt)))
        protein = ontology["exopa:Protein"] if fmt != "obo_json" else ontology[f"{EXOPA}Protein"]
        assert protein.name == "protein", fmt
        # the class alignment: exopa's protein is a ChEBI protein
        parents = {parent.id.rsplit("/", 1)[-1].removeprefix("exopa:").replace("_", ":")
                   for parent in protein.superclasses(1)}  # fmt: skip
        assert parents == {"Protein", "MolecularEntity", "CHEBI:36080"}, fmt
    obo = pronto.Ontology(str(release_path("obo_obo")))
    ev = obo["exopa:ExtracellularVesiclePreparation"]
    assert {s.description for s in ev.synonyms} == {"EV preparation"}
    assert obo.metadata.idspaces["exopa"][0] == EXOPA
    imported = pronto.Ontology(str(release_path("obo_import")))
    assert imported["CL:0000057"].name == "fibroblast"


class _no_check:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *args: object) -> None:
        return None


def test_babelon_table_holds_every_chinese_value_and_babelon_reads_it(release_graph: Graph) -> None:
    path = release_path("obo_babelon")
    with path.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream, delimiter="\t"))
    chinese_labels = {str(o) for o in release_graph.objects(None, RDFS.label) if o.language == "zh"}
    assert {r["translation_value"] for r in rows if r["predicate_id"] == "rdfs:label"} == chinese_labels
    assert all(r["source_value"] and r["source_language"] == "en" and r["translation_language"] == "zh" for r in rows)
    babelon_io = pytest.importorskip("babelon.babelon_io")
    graph = _babelon_owl(path, babelon_io)
    zh = Graph().parse(release_path("obo_zh_owl"), format="xml")
    translated = {(s, p, o) for s, p, o in graph if isinstance(o, Literal) and o.language == "zh" and p == RDFS.label}
    assert translated and translated <= set(zh)


def _babelon_owl(path: Path, babelon_io) -> Graph:
    """babelon's OWL export of the table (its validation: the LinkML loader checks required columns and enums)."""
    import curies
    from babelon.utils import BabelonDataFrame, get_converter, parse_babelon

    from exopa.export.obo import converter

    prefixes = {r["prefix"]: r["uri_prefix"] for r in json.loads(release_path("prefixes").read_text())}
    table = parse_babelon(str(path))
    return babelon_io.to_owl_graph(
        BabelonDataFrame(df=table.df, converter=curies.chain([converter(prefixes), get_converter()]))
    )


OAK = shutil.which("runoak", path=str(Path(sys.executable).parent))


@pytest.mark.skipif(OAK is None, reason="oaklib (runoak) is not installed")
def test_oak_reads_the_edition(tmp_path: Path) -> None:
    """runoak info, labels and descendants on the edition, and lexmatch against the import file."""
    edition = f"pronto:{release_path('obo_owl')}"

    def oak(*args: str) -> str:
        done = subprocess.run([OAK, "-i", edition, *args], capture_output=True, text=True, timeout=600, check=True)
        return done.stdout

    assert "exopa:Protein ! protein" in oak("info", "exopa:Protein")
    descendants = oak("descendants", "-p", "i", "exopa:MolecularEntity").split()
    assert {"exopa:Protein", "exopa:Enzyme", "exopa:Lipid"} <= set(descendants)
    matches = tmp_path / "lexmatch.sssom.tsv"
    oak("-a", f"pronto:{release_path('obo_import')}", "lexmatch", "-o", str(matches))
    rows = [line.split("\t") for line in matches.read_text().splitlines() if line and not line.startswith("#")]
    pairs = {frozenset((row[0], row[3])) for row in rows[1:]}
    assert frozenset(("CHEBI:36080", "exopa:Protein")) in pairs


def test_hermit_finds_the_edition_with_its_import_file_consistent(tmp_path: Path) -> None:
    owlready2 = pytest.importorskip("owlready2")
    merged = Graph()
    for fmt in ("obo_owl", "obo_import"):
        merged.parse(release_path(fmt), format="xml")
    path = tmp_path / "exopa-obo-merged.nt"
    merged.serialize(path, format="nt", encoding="utf-8")
    world = owlready2.World()
    ontology = world.get_ontology(path.as_uri()).load(format="ntriples")
    with ontology:
        owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
    assert not list(world.inconsistent_classes())
