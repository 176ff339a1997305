"""The import module ontology/imports/external.ttl: a fresh build of its sources, official labels, in the release."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT
from rdflib import Graph, Literal
from rdflib.namespace import OWL, RDF, RDFS
from test_build import source_tree

from exopa.compile import CurationErrors, compile_graph
from exopa.imports import (
    EXTRACT_COLUMNS,
    VERIFICATION_COLUMNS,
    alignment_curies,
    import_module_turtle,
    is_a_hierarchy,
    read_tsv,
)
from exopa.mappings import read_sssom
from exopa.namespaces import EXOPA, curie_to_iri

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
    for curie in alignment_curies(ROOT):
        assert list(module.objects(curie_to_iri(curie), RDFS.label)) == [Literal(official[curie])]
    # every other labelled term is an is_a ancestor, labelled as its extract gives it
    hierarchy = is_a_hierarchy(ROOT)
    used = {mapping.object_curie for mapping in mappings} | set(alignment_curies(ROOT))
    for curie, (label, _) in hierarchy.items():
        if curie not in used and curie_to_iri(curie) in set(module.subjects(RDFS.label, None)):
            assert list(module.objects(curie_to_iri(curie), RDFS.label)) == [Literal(label)]


def test_every_term_is_a_class_with_its_ancestors_up_to_the_root(module: Graph) -> None:
    """Each used term and its is_a ancestors are classes; the direct edges are the extracts' parents, and following
    them reaches every ancestor the extract's closure gives (the transitive reduction keeps the closure)."""
    hierarchy = is_a_hierarchy(ROOT)
    labelled = set(module.subjects(RDFS.label, None))
    assert labelled == set(module.subjects(RDF.type, OWL.Class))
    edges = {(s, o) for s, o in module.subject_objects(RDFS.subClassOf)}
    expected = {(curie_to_iri(c), curie_to_iri(p)) for c, (_, parents) in hierarchy.items() for p in parents
                if curie_to_iri(c) in labelled}  # fmt: skip
    assert edges == expected and edges
    for _, parent in edges:
        assert parent in labelled, parent  # no dangling parent: every ancestor is declared
    # no edge is implied by two others: the transitive reduction
    ancestors = {c: set(module.transitive_objects(c, RDFS.subClassOf)) - {c} for c in labelled}
    for child, parent in edges:
        others = {p for c, p in edges if c == child and p != parent}
        assert not any(parent in ancestors[o] for o in others), (child, parent)


def test_fibroblast_of_dermis_reaches_fibroblast_but_dermis_not_skin(module: Graph) -> None:
    """is_a only: CL's fibroblast of dermis is a fibroblast; UBERON's dermis is part of the skin, not a kind of it."""
    def up(curie: str) -> set:
        return set(module.transitive_objects(curie_to_iri(curie), RDFS.subClassOf))

    assert curie_to_iri("CL:0000057") in up("CL:0002551")
    assert curie_to_iri("UBERON:0001062") in up("UBERON:0002067")
    assert curie_to_iri("UBERON:0002097") not in up("UBERON:0002067")
    assert curie_to_iri("GO:0006954") in up("GO:0002544")
    assert curie_to_iri("fplx:MMP") in up("hgnc:7155")


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
