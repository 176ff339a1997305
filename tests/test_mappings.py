"""Mappings to external ontologies: valid SSSOM, present in the release, IDs checked against offline releases."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from conftest import ROOT
from rdflib import Graph, URIRef
from rdflib.namespace import SKOS

from exopa.mappings import read_sssom
from exopa.namespaces import EXOPA

SSSOM = ROOT / "ontology" / "mappings" / "exopa.sssom.tsv"
VERIFICATION = ROOT / "ontology" / "mappings" / "verification.tsv"

#: Prefixes whose official releases ship in the cellxgene-ontology-guide package (read offline in the tests).
OFFLINE = {"CL", "UBERON", "EFO", "PATO", "CHEBI", "NCBITaxon", "cellosaurus", "MONDO"}


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
    in_graph = sum(1 for p in (SKOS.exactMatch, SKOS.closeMatch, SKOS.broadMatch, SKOS.narrowMatch)
                   for _ in release_graph.subject_objects(p))  # fmt: skip
    assert in_graph == len(mappings)


def test_obo_iris_are_canonical_purls() -> None:
    _, mappings = read_sssom(SSSOM)
    for mapping in mappings:
        prefix = mapping.object_curie.split(":")[0]
        if prefix in {"CL", "UBERON", "GO", "CHEBI", "PATO", "HP", "MONDO", "NCBITaxon", "NCIT", "ENVO"}:
            assert mapping.object_iri == URIRef(
                "http://purl.obolibrary.org/obo/" + mapping.object_curie.replace(":", "_")
            ), mapping


@pytest.fixture(scope="module")
def ontologies():
    from cellxgene_ontology_guide.ontology_parser import OntologyParser

    return OntologyParser()


def test_ids_exist_are_current_and_carry_the_recorded_label(ontologies) -> None:
    _, mappings = read_sssom(SSSOM)
    checked = 0
    for mapping in mappings:
        prefix, local = mapping.object_curie.split(":", 1)
        if prefix not in OFFLINE:
            continue
        term = f"CVCL_{local}" if prefix == "cellosaurus" else mapping.object_curie
        assert ontologies.is_valid_term_id(term), term
        assert not ontologies.is_term_deprecated(term), term
        assert ontologies.get_term_label(term) == mapping.object_label, term
        checked += 1
    assert checked > 50


def test_ids_that_cannot_be_checked_offline_name_their_source() -> None:
    with VERIFICATION.open(encoding="utf-8", newline="") as stream:
        sources = {row["object_id"]: row for row in csv.DictReader(stream, delimiter="\t", quoting=csv.QUOTE_NONE)}
    _, mappings = read_sssom(SSSOM)
    for mapping in mappings:
        if mapping.object_curie.split(":")[0] in OFFLINE:
            continue
        row = sources[mapping.object_curie]
        assert row["object_label"] == mapping.object_label
        assert len(row["verified_in"]) > 10, mapping.object_curie


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
