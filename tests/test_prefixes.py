"""CURIE <-> IRI through one curies converter from the Bioregistry: the mapping set's prefixes are the Bioregistry's,
the release ships their records, and query parameters expand by them (``hgnc:7155`` is HGNC's IRI, not an OBO PURL)."""

from __future__ import annotations

import pytest
from conftest import ROOT
from rdflib.namespace import SKOS

from exopa.mappings import read_sssom
from exopa.namespaces import EXOPA
from exopa.prefixes import bioregistry_record, converter, expand, release_prefix_map
from exopa.queries import Param, QueryError, to_term

SSSOM = ROOT / "ontology" / "mappings" / "exopa.sssom.tsv"


def test_curie_map_of_the_mapping_set_is_the_bioregistry_spelling_and_uri() -> None:
    curie_map = read_sssom(SSSOM)[0]["curie_map"]
    assert curie_map
    for prefix, uri in curie_map.items():
        if prefix == "exopa":
            continue
        record = bioregistry_record(prefix)
        assert (record.prefix, record.uri_prefix) == (prefix, uri), prefix


def test_release_converter_expands_every_mapped_curie_to_the_iri_in_the_graph(release_graph) -> None:
    for mapping in read_sssom(SSSOM)[1]:
        assert converter().expand(mapping.object_curie) == str(mapping.object_iri), mapping.object_curie
        assert converter().compress(str(mapping.object_iri)) == mapping.object_curie


def test_expand_without_curies_is_the_converter() -> None:
    records = release_prefix_map()
    assert sorted(r["prefix"] for r in records) == sorted(r.prefix for r in converter().records)
    names = {name for r in records for name in (r["prefix"], *r["prefix_synonyms"])}
    for curie in [f"{name}:0000312" for name in sorted(names)] + ["NOPE:1", "cl:x:y", "CL:"]:
        assert expand(curie) == converter().expand(curie), curie


@pytest.mark.parametrize("curie", ["hgnc:7155", "HGNC:7155", "UniProtKB:P03956", "uniprot:P03956"])
def test_iri_and_curie_parameters_take_any_bioregistry_spelling(release_graph, curie: str) -> None:
    targets = {str(o) for p in (SKOS.exactMatch, SKOS.closeMatch) for o in release_graph.objects(EXOPA["mmp1"], p)}
    for kind in ("iri", "curie"):
        term = to_term(Param("id", kind, None, True), curie)
        assert term.value in targets, (kind, curie)
        assert "purl.obolibrary.org" not in term.value


def test_unknown_prefix_is_a_one_line_error() -> None:
    with pytest.raises(QueryError, match="expects a CURIE with a known prefix"):
        to_term(Param("id", "iri", None, True), "NOPE:123")
    assert to_term(Param("id", "iri", None, True), "exopa:mmp1").value == str(EXOPA["mmp1"])
