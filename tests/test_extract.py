"""scripts/extract_external_terms.py: its readers on small made-up sources, and a byte-identical re-run on the
official releases that the cellxgene-ontology-guide test dependency ships."""

from __future__ import annotations

import importlib.util
import shutil
import sqlite3
import sys
from pathlib import Path

import pytest
from conftest import ROOT

SOURCES = ROOT / "ontology" / "imports" / "sources"


@pytest.fixture(scope="module")
def script():
    path = ROOT / "scripts" / "extract_external_terms.py"
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[path.stem] = module  # dataclasses look their module up there
    try:
        spec.loader.exec_module(module)
        yield module
    finally:
        del sys.modules[path.stem]


def test_go_reader_reads_current_and_obsolete_terms_and_the_release_date(script, tmp_path: Path) -> None:
    path = tmp_path / "GO.sqlite"
    with sqlite3.connect(path) as db:  # the GO.db schema, with made-up rows
        db.execute("CREATE TABLE go_term (_id INTEGER, go_id TEXT, term TEXT, ontology TEXT, definition TEXT)")
        db.execute("CREATE TABLE go_obsolete (go_id TEXT, term TEXT, ontology TEXT, definition TEXT)")
        db.execute("CREATE TABLE metadata (name TEXT, value TEXT)")
        db.execute("INSERT INTO go_term VALUES (1, 'GO:0000001', 'current term', 'BP', '')")
        db.execute("INSERT INTO go_obsolete VALUES ('GO:0000002', 'obsolete term', 'BP', '')")
        db.execute("INSERT INTO metadata VALUES ('GOSOURCEDATE', '2022-07-01')")
    db.close()
    found = script.read_go(path, {"GO:0000001", "GO:0000002", "GO:0000003"})
    assert found == {"GO:0000001": ("current term", False), "GO:0000002": ("obsolete term", True)}
    assert script.SOURCES["GO"].release(path) == "go-basic.obo 2022-07-01"


def test_hgnc_reader_marks_withdrawn_entries_obsolete(script, tmp_path: Path) -> None:
    path = tmp_path / "hgnc_entries.tsv"
    path.write_text("HGNC ID\tApproved symbol\tStatus\nHGNC:1\tAAA\tApproved\nHGNC:2\tBBB~withdrawn\tEntry Withdrawn\n"
                    "HGNC:3\tCCC\tSymbol Withdrawn\n", encoding="utf-8")  # fmt: skip
    assert script.read_hgnc(path, {"hgnc:1", "hgnc:2", "hgnc:3", "hgnc:4"}) == {
        "hgnc:1": ("AAA", False), "hgnc:2": ("BBB~withdrawn", True), "hgnc:3": ("CCC", True),
    }  # fmt: skip


def test_mesh_reader_takes_descriptors_from_their_iris(script, tmp_path: Path) -> None:
    path = tmp_path / "subjects_mesh.csv"
    path.write_text("id,scheme,subject\nhttps://id.nlm.nih.gov/mesh/D000001,MeSH,Calcimycin\n", encoding="utf-8")
    assert script.read_mesh(path, {"mesh:D000001", "mesh:D000002"}) == {"mesh:D000001": ("Calcimycin", False)}
    assert script.mesh_retrieval("2026.1.27.2") == "2026-01-27"


def test_cellxgene_extracts_are_regenerated_byte_for_byte(script, tmp_path: Path) -> None:
    root = tmp_path / "root"
    shutil.copytree(ROOT / "ontology" / "mappings", root / "ontology" / "mappings")
    shutil.copytree(SOURCES, root / "ontology" / "imports" / "sources")
    shutil.copy(ROOT / "ontology" / "exopa.ttl", root / "ontology" / "exopa.ttl")  # the class alignments
    prefixes = sorted(script.CELLXGENE)
    assert script.extract(root, prefixes) == []
    names = [f"{prefix}.tsv" for prefix in prefixes] + ["manifest.tsv"]
    names += [f"is_a/{prefix}.tsv" for prefix in prefixes] + ["is_a/manifest.tsv"]
    for name in names:
        assert (root / "ontology" / "imports" / "sources" / name).read_bytes() == (SOURCES / name).read_bytes(), name


def test_go_is_a_reader_follows_isa_only_and_skips_the_pseudo_root(script, tmp_path: Path) -> None:
    path = tmp_path / "GO.sqlite"
    with sqlite3.connect(path) as db:  # the GO.db schema, with made-up rows
        db.execute("CREATE TABLE go_term (_id INTEGER, go_id TEXT, term TEXT, ontology TEXT, definition TEXT)")
        for aspect in ("bp", "mf", "cc"):
            db.execute(f"CREATE TABLE go_{aspect}_parents (_id INTEGER, _parent_id INTEGER, relationship_type TEXT)")
        db.executemany("INSERT INTO go_term VALUES (?, ?, ?, 'BP', '')",
                       [(1, "GO:0000001", "root"), (2, "GO:0000002", "middle"), (3, "GO:0000003", "leaf"),
                        (4, "GO:0000004", "whole"), (5, "all", "all")])  # fmt: skip
        db.executemany("INSERT INTO go_bp_parents VALUES (?, ?, ?)",
                       [(3, 2, "isa"), (2, 1, "isa"), (3, 1, "isa"), (3, 4, "part of"), (1, 5, "isa")])  # fmt: skip
    db.close()
    closure = script.go_is_a(path, {"GO:0000003"})
    assert {term: set(ancestors) for term, (_, ancestors) in closure.items()} == {
        "GO:0000003": {"GO:0000002", "GO:0000001"}, "GO:0000002": {"GO:0000001"}, "GO:0000001": set()}  # fmt: skip
    assert script.direct_parents(closure) == {"GO:0000003": ["GO:0000002"], "GO:0000002": ["GO:0000001"],
                                              "GO:0000001": []}  # fmt: skip


def test_reviewed_uniprot_extract_is_regenerated_byte_for_byte(script, tmp_path: Path) -> None:
    root = tmp_path / "root"
    shutil.copytree(ROOT / "ontology" / "mappings", root / "ontology" / "mappings")
    shutil.copy(ROOT / "ontology" / "exopa.ttl", root / "ontology" / "exopa.ttl")
    files = script.extract_reviewed(root)
    assert {path.name for path in files} == {"uniprot.tsv", "manifest.tsv"}
    for path, data in files.items():
        assert (SOURCES / "reviewed" / path.name).read_bytes() == data, path.name


def test_the_packaged_uniprot_release_is_swiss_prot_only() -> None:
    """cellxgene-ontology-guide's UniProt file is read from ``uniprot_sprot.fasta.gz`` (UniProtKB/Swiss-Prot, the
    reviewed entries). TrEMBL entry names are the accession plus the species (``A0A024R161_HUMAN``); Swiss-Prot's are
    mnemonics (``MMP1_HUMAN``), so no entry of a reviewed-only set is named after its own accession."""
    import json
    from importlib.resources import files

    import zstandard
    from cellxgene_ontology_guide.ontology_parser import OntologyParser

    info = OntologyParser().cxg_schema.supported_ontologies["UniProt"]
    assert info["filename"] == "uniprot_sprot.fasta.gz"
    path = files("cellxgene_ontology_guide") / "data" / f"UniProt-ontology-{info['version']}.json.zst"
    with path.open("rb") as stream:
        entries = json.loads(zstandard.ZstdDecompressor().stream_reader(stream).read())
    assert entries["uniprot:P03956"]["label"] == "MMP1_HUMAN"
    assert not [curie for curie, entry in entries.items() if entry["label"].startswith(curie.split(":")[1] + "_")]
