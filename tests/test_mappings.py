"""Mappings to external ontologies: valid SSSOM, in the release, every ID checked against an offline release."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, SKOS

from exopa.imports import (
    EXTRACT_COLUMNS,
    MANIFEST_COLUMNS,
    VERIFICATION_COLUMNS,
    alignment_curies,
    extracted_terms,
    read_tsv,
    verified_elsewhere,
)
from exopa.mappings import read_sssom
from exopa.namespaces import EXOPA

SSSOM = ROOT / "ontology" / "mappings" / "exopa.sssom.tsv"
VERIFICATION = ROOT / "ontology" / "mappings" / "verification.tsv"
SOURCES = ROOT / "ontology" / "imports" / "sources"


def test_sssom_file_passes_the_sssom_validator() -> None:
    from sssom.parsers import parse_sssom_table
    from sssom.validators import validate

    mapping_set = parse_sssom_table(str(SSSOM))
    reports = validate(mapping_set, fail_on_error=False)
    assert all(not report.results for report in reports.values()), reports
    metadata = mapping_set.metadata
    assert metadata["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert metadata["mapping_set_id"] == "https://w3id.org/exopa/mappings/exopa.sssom.tsv"


def test_every_mapping_is_a_skos_triple_of_the_release(release_graph: Graph) -> None:
    _, mappings = read_sssom(SSSOM)
    assert mappings
    for mapping in mappings:
        assert (EXOPA[mapping.subject], mapping.predicate, mapping.object_iri) in release_graph
    # the TBox's class alignments (skos:closeMatch between an exopa class and an upstream class) are not mappings
    in_graph = sum(1 for p in (SKOS.exactMatch, SKOS.closeMatch, SKOS.broadMatch, SKOS.narrowMatch)
                   for s, _ in release_graph.subject_objects(p)
                   if (s, RDF.type, OWL.Class) not in release_graph)  # fmt: skip
    assert in_graph == len(mappings)


def test_obo_iris_are_canonical_purls() -> None:
    _, mappings = read_sssom(SSSOM)
    for mapping in mappings:
        prefix = mapping.object_curie.split(":")[0]
        if prefix in {"CL", "UBERON", "GO", "CHEBI", "PATO", "HP", "MONDO", "NCBITaxon", "NCIT", "ENVO"}:
            assert mapping.object_iri == URIRef(
                "http://purl.obolibrary.org/obo/" + mapping.object_curie.replace(":", "_")
            ), mapping


def test_each_external_id_has_one_label_in_the_mapping_set() -> None:
    _, mappings = read_sssom(SSSOM)
    labels: dict[str, set[str]] = {}
    for mapping in mappings:
        labels.setdefault(mapping.object_curie, set()).add(mapping.object_label)
    assert {curie: found for curie, found in labels.items() if len(found) > 1} == {}


def mapped_labels() -> dict[str, str]:
    return {mapping.object_curie: mapping.object_label for mapping in read_sssom(SSSOM)[1]}


def extract_files() -> dict[str, Path]:
    return {path.stem: path for path in sorted(SOURCES.glob("*.tsv")) if path.name != "manifest.tsv"}


def test_every_mapped_id_is_checked_offline_or_listed_with_its_source() -> None:
    mapped, extracted, elsewhere = set(mapped_labels()), set(extracted_terms(ROOT)), verified_elsewhere(ROOT)
    assert mapped - extracted - set(elsewhere) == set()
    assert set(elsewhere) - mapped == set(), "verification.tsv lists IDs that are not mapped"
    for curie in set(elsewhere) - extracted:  # only where no offline release covers the prefix at all
        assert curie.split(":")[0] not in extract_files(), curie


def test_each_extract_lists_exactly_the_mapped_ids_of_its_prefix() -> None:
    mapped = set(mapped_labels())
    files = extract_files()
    assert files
    for prefix, path in files.items():
        ids = [row["id"] for row in read_tsv(path, EXTRACT_COLUMNS)]
        assert ids == sorted(ids)
        used = mapped | set(alignment_curies(ROOT))  # and the upstream classes the TBox aligns to
        assert set(ids) == {curie for curie in used if curie.split(":")[0] == prefix}, prefix


def test_manifest_names_the_source_of_every_extract() -> None:
    rows = read_tsv(SOURCES / "manifest.tsv", MANIFEST_COLUMNS)
    assert [row["prefix"] for row in rows] == sorted(extract_files())
    for row in rows:
        assert row["package"].split(":")[0] in {"pypi", "debian"}, row
        assert all(row[column] for column in MANIFEST_COLUMNS), row


def test_mapped_ids_are_current_and_carry_the_official_label() -> None:
    labels, elsewhere = mapped_labels(), verified_elsewhere(ROOT)
    for curie, term in extracted_terms(ROOT).items():
        assert not term.obsolete, curie
        if curie in elsewhere:  # renamed after the offline release: the current label is recorded with its source
            assert f"former label '{term.label}'" in verification_rows()[curie]["verified_in"], curie
            assert elsewhere[curie].label == labels[curie], curie
        elif curie in labels:  # the others are class-alignment targets, labelled from their extract
            assert term.label == labels[curie], curie


def verification_rows() -> dict[str, dict[str, str]]:
    return {row["object_id"]: row for row in read_tsv(VERIFICATION, VERIFICATION_COLUMNS)}


def test_ids_no_offline_release_covers_name_their_source_and_label() -> None:
    labels = mapped_labels()
    rows = verification_rows()
    assert rows
    for curie, row in rows.items():
        assert row["object_label"] == labels[curie], curie
        assert len(row["verified_in"]) > 40, curie


@pytest.fixture(scope="module")
def ontologies():
    from cellxgene_ontology_guide.ontology_parser import OntologyParser

    return OntologyParser()


def test_cellxgene_extracts_equal_the_official_releases_in_the_package(ontologies) -> None:
    from importlib import metadata

    rows = [row for row in read_tsv(SOURCES / "manifest.tsv", MANIFEST_COLUMNS)
            if row["package"] == "pypi:cellxgene-ontology-guide"]  # fmt: skip
    assert {row["prefix"] for row in rows} == {"CL", "UBERON", "EFO", "PATO", "CHEBI", "NCBITaxon", "cellosaurus",
                                               "MONDO"}  # fmt: skip
    for row in rows:
        assert row["package_version"] == metadata.version("cellxgene-ontology-guide")
        assert Path(str(metadata.distribution("cellxgene-ontology-guide").locate_file(row["file"]))).is_file(), row
        for term in read_tsv(SOURCES / f"{row['prefix']}.tsv", EXTRACT_COLUMNS):
            local = term["id"].split(":", 1)[1]
            term_id = f"CVCL_{local}" if row["prefix"] == "cellosaurus" else term["id"]
            assert ontologies.is_valid_term_id(term_id), term_id
            assert ontologies.is_term_deprecated(term_id) == (term["obsolete"] == "true"), term_id
            assert ontologies.get_term_label(term_id) == term["label"], term_id


def test_bad_mapping_rows_are_reported_with_file_row_column(tmp_path: Path) -> None:
    from exopa.tables import CurationError

    lines = SSSOM.read_text(encoding="utf-8").split("\n")
    first_data = next(i for i, line in enumerate(lines) if line.startswith("exopa:"))
    cells = lines[first_data].split("\t")
    cells[3] = "NOPE:123"
    lines[first_data] = "\t".join(cells)
    broken = tmp_path / "broken.sssom.tsv"
    broken.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(CurationError) as raised:
        read_sssom(broken)
    assert (raised.value.row, raised.value.column) == (first_data + 1, 4)
    assert "missing from the curie_map" in raised.value.message


GENE_PRODUCT_CLASSES = {"Protein", "Enzyme", "Cytokine", "TranscriptionFactor", "ExtracellularMatrixProtein"}


def by_subject() -> dict[str, dict[str, list]]:
    """For each mapped exopa slug, its mappings grouped by object prefix."""
    grouped: dict[str, dict[str, list]] = {}
    for mapping in read_sssom(SSSOM)[1]:
        grouped.setdefault(mapping.subject, {}).setdefault(mapping.object_curie.split(":")[0], []).append(mapping)
    return grouped


def test_each_uniprot_entry_is_the_product_of_the_gene_mapped_with_it() -> None:
    """A UniProtKB accession's gene (HGNC complete set, as UniProt supplies it) is the HGNC gene mapped to the same
    entity with the same predicate: protein and gene mappings cannot drift apart."""
    grouped = by_subject()
    uniprot = [m for prefixes in grouped.values() for m in prefixes.get("uniprot", [])]
    assert uniprot
    terms = extracted_terms(ROOT)
    for mapping in uniprot:
        genes = {(terms[m.object_curie].label, m.predicate) for m in grouped[mapping.subject].get("hgnc", [])}
        # the exact protein's gene is close (or broad where the gene has other products, as CDKN2A for p16)
        allowed = {SKOS.closeMatch, SKOS.broadMatch} if mapping.predicate == SKOS.exactMatch else {mapping.predicate}
        assert any((terms[mapping.object_curie].label, p) in genes for p in allowed), mapping


def test_every_gene_product_with_a_human_gene_has_its_uniprot_entry_and_every_family_a_family_term() -> None:
    from conftest import table_rows

    grouped = by_subject()
    classes = {row["slug"]: row["class"] for row in table_rows("entities*.tsv")}
    products = [slug for slug, cls in classes.items() if cls in GENE_PRODUCT_CLASSES]
    assert products
    for slug in products:
        prefixes = grouped.get(slug, {})
        if "hgnc" in prefixes:
            assert "uniprot" in prefixes, slug
            assert "NCBIGene" in prefixes, slug
        if "fplx" in prefixes:
            assert "mesh" in prefixes, slug  # FamPlex gives the MeSH descriptor as equivalent


def with_extra_columns(tmp_path: Path, columns: dict[str, str]) -> Path:
    """The mapping set with standard SSSOM columns added before ``comment`` (same value on every row)."""
    lines = SSSOM.read_text(encoding="utf-8").split("\n")
    header = next(i for i, line in enumerate(lines) if line.startswith("subject_id"))
    out = []
    for number, line in enumerate(lines):
        if number < header or not line:
            out.append(line)
            continue
        cells = line.split("\t")
        added = list(columns) if number == header else list(columns.values())
        out.append("\t".join(cells[:-1] + added + cells[-1:]))
    path = tmp_path / "exopa.sssom.tsv"
    path.write_text("\n".join(out), encoding="utf-8")
    return path


def test_valid_sssom_with_more_standard_columns_still_builds(tmp_path: Path) -> None:
    """exopa reads any valid SSSOM/TSV: author_id, reviewer_label, match_string ... do not break ``exopa build``."""
    import shutil

    from test_build import source_tree

    from exopa.release import build

    root = source_tree(tmp_path / "tree")
    extra = {"author_id": "exopa:curators", "reviewer_label": "exopa reviewers", "match_string": "x"}
    edited = with_extra_columns(tmp_path, extra)
    shutil.copy(edited, root / "ontology" / "mappings" / "exopa.sssom.tsv")
    paths = build(root, tmp_path / "release")
    graph = Graph().parse(paths["ttl"], format="turtle")
    for mapping in read_sssom(SSSOM)[1]:
        assert (EXOPA[mapping.subject], mapping.predicate, mapping.object_iri) in graph
    released = (tmp_path / "release" / "exopa.sssom.tsv").read_text(encoding="utf-8")
    assert "author_id" in released and "exopa:curators" in released


def test_mapping_set_carries_dates_authors_types_and_source_versions() -> None:
    from exopa.mappings import mapping_set

    parsed = mapping_set(SSSOM)
    frame = parsed.df
    # set-level values (subject_type, subject_source_version) are propagated to every row by sssom-py
    assert set(frame["subject_type"]) == {"owl named individual"}
    assert set(frame["subject_source_version"]) == {"0.1.0"}
    for column in ("mapping_date", "author_label", "object_type", "object_source"):
        assert frame[column].notna().all() and (frame[column] != "").all(), column
    manifest = {row["prefix"]: row["release"] for row in read_tsv(SOURCES / "manifest.tsv", MANIFEST_COLUMNS)}
    extracted, elsewhere = extracted_terms(ROOT), verified_elsewhere(ROOT)
    for row in frame.to_dict("records"):
        curie, version = row["object_id"], row.get("object_source_version")
        if curie in extracted and curie not in elsewhere:  # checked in that offline release: its version is named
            assert version == manifest[extracted[curie].source.removesuffix(".tsv")], curie
        else:
            assert not isinstance(version, str) or not version, curie
        prefix = curie.split(":")[0]
        assert row["object_source"] in (f"obo:{prefix.lower()}", f"bioregistry:{prefix.lower()}"), curie


def test_entities_are_instances_of_the_obo_classes_they_match_exactly_or_broadly(release_graph: Graph) -> None:
    """The release types an entity with every upstream class it is mapped to by skos:exactMatch or skos:broadMatch,
    for the OBO prefixes the import module gives ancestors for, except activities and roles; no other external type."""
    from rdflib.namespace import RDFS

    from exopa.compile.external import NOT_TYPES, TYPED_PREFIXES, TYPING_PREDICATES
    from exopa.namespaces import curie_to_iri

    module = Graph().parse(ROOT / "ontology" / "imports" / "external.ttl", format="turtle")
    excluded = {c for curie in NOT_TYPES for c in module.transitive_subjects(RDFS.subClassOf, curie_to_iri(curie))}
    candidates = {(EXOPA[m.subject], m.object_iri)
                  for m in read_sssom(ROOT / "ontology" / "mappings" / "exopa.sssom.tsv")[1]
                  if m.predicate in TYPING_PREDICATES and m.object_curie.split(":")[0] in TYPED_PREFIXES}  # fmt: skip
    expected = {(entity, term) for entity, term in candidates if term not in excluded}
    external = {(s, o) for s, o in release_graph.subject_objects(RDF.type)
                if str(s).startswith(str(EXOPA)) and (o, RDF.type, OWL.Class) in module}  # fmt: skip
    assert external == expected
    assert candidates - expected  # the enzymes mapped to GO activities and the substances mapped to ChEBI roles
    assert {str(term).rsplit("/", 1)[1].split("_")[0] for _, term in external} == TYPED_PREFIXES


def test_every_uniprot_mapping_is_a_reviewed_human_entry() -> None:
    """Every UniProtKB ID of the mapping set is in UniProtKB/Swiss-Prot (``reviewed/uniprot.tsv``, extracted from the
    release cellxgene-ontology-guide ships) and its entry name is a human one (``*_HUMAN``)."""
    from exopa.imports import reviewed_uniprot

    reviewed = reviewed_uniprot(ROOT)
    mapped = {m.object_curie for m in read_sssom(ROOT / "ontology" / "mappings" / "exopa.sssom.tsv")[1]
              if m.object_curie.startswith("uniprot:")}  # fmt: skip
    assert mapped and mapped == reviewed.keys()
    assert {curie: entry for curie, entry in reviewed.items() if not entry[1] or not entry[0].endswith("_HUMAN")} == {}
