"""The import module ontology/imports/external.ttl: a fresh build of its sources, official labels, in the release."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT
from rdflib import Graph, Literal
from rdflib.namespace import RDF, RDFS
from test_build import source_tree

from exopa.compile import CurationErrors, compile_graph
from exopa.imports import EXTRACT_COLUMNS, VERIFICATION_COLUMNS, import_module_turtle, read_tsv
from exopa.mappings import read_sssom
from exopa.namespaces import EXOPA

MODULE = ROOT / "ontology" / "imports" / "external.ttl"


@pytest.fixture(scope="module")
def module() -> Graph:
    return Graph().parse(MODULE, format="turtle")


def test_import_module_is_a_fresh_build_of_the_extracts() -> None:
    assert MODULE.read_bytes() == import_module_turtle(ROOT)


def test_every_mapped_term_has_exactly_its_official_label(module: Graph) -> None:
    official = {row["id"]: row["label"] for path in (ROOT / "ontology" / "imports" / "sources").glob("*.tsv")
                if path.name != "manifest.tsv" for row in read_tsv(path, EXTRACT_COLUMNS)}  # fmt: skip
    # verification.tsv gives the IDs no offline release covers, and the current label of terms renamed since.
    verification = ROOT / "ontology" / "mappings" / "verification.tsv"
    official |= {row["object_id"]: row["object_label"] for row in read_tsv(verification, VERIFICATION_COLUMNS)}
    mappings = read_sssom(ROOT / "ontology" / "mappings" / "exopa.sssom.tsv")[1]
    for mapping in mappings:
        assert list(module.objects(mapping.object_iri, RDFS.label)) == [Literal(official[mapping.object_curie])]
    assert set(module.subjects(RDFS.label, None)) == {mapping.object_iri for mapping in mappings}


def test_mapped_category_is_the_class_of_the_mapped_entities(module: Graph, release_graph: Graph) -> None:
    expected: dict = {}
    for mapping in read_sssom(ROOT / "ontology" / "mappings" / "exopa.sssom.tsv")[1]:
        classes = {c for c in release_graph.objects(EXOPA[mapping.subject], RDF.type) if str(c).startswith(EXOPA)}
        expected.setdefault(mapping.object_iri, set()).update(classes)
    assert {iri: set(module.objects(iri, EXOPA.mappedCategory)) for iri in expected} == expected


def test_release_holds_the_import_module(module: Graph, release_graph: Graph) -> None:
    assert len(module) > 0
    assert [triple for triple in module if triple not in release_graph] == []


def test_broken_import_module_is_reported_with_its_file(tmp_path: Path) -> None:
    root = source_tree(tmp_path)
    broken = root / "ontology" / "imports" / "external.ttl"
    broken.parent.mkdir(parents=True)
    broken.write_text("<http://example.org/a> rdfs:label .\n", encoding="utf-8")
    with pytest.raises(CurationErrors) as raised:
        compile_graph(root)
    assert [(error.path, error.message.split(":")[0]) for error in raised.value.errors] == [
        (str(broken), "cannot parse the import module")
    ]
