"""Federated queries (queries/federated/): headers, kept out of the canned queries, and run through SERVICE against a
local Oxigraph server that stands in for UniProt and Wikidata, loaded with made-up fixtures in their vocabulary."""

from __future__ import annotations

from pathlib import Path

import pytest
import requests
from conftest import FIXTURES, ROOT
from rdflib import Graph
from servers import OxigraphServer

from exopa.mappings import read_sssom
from exopa.queries import catalogue, parse_query_file

FEDERATED = ROOT / "queries" / "federated"
UNIPROT = "<https://sparql.uniprot.org/sparql>"
WIKIDATA = "<https://query.wikidata.org/sparql>"


def test_federated_queries_have_headers_and_are_not_canned_queries() -> None:
    files = sorted(FEDERATED.glob("*.rq"))
    assert [path.stem for path in files] == ["uniprot-proteins", "wikidata-go-terms"]
    for path in files:
        query = parse_query_file(path)
        assert query.title and query.description, path
        assert query.examples == (f"exopa sparql queries/federated/{path.name}",)
        assert query.name not in catalogue()  # `exopa query` runs the embedded store only: no network


@pytest.fixture(scope="module")
def stand_in(tmp_path_factory):
    """One local Oxigraph server holding the UniProt-shaped and the Wikidata-shaped fixture."""
    server = OxigraphServer(tmp_path_factory.mktemp("federated") / "store")
    server.start()
    try:
        for name in ("uniprot.ttl", "wikidata.ttl"):
            data = (FIXTURES / "federated" / name).read_bytes()
            requests.post(f"{server.base}/store?default", data=data, headers={"Content-Type": "text/turtle"},
                          timeout=30).raise_for_status()  # fmt: skip
        yield f"<{server.base}/query>"
    finally:
        server.stop()


def local(path: Path, service: str, url: str) -> str:
    text = path.read_text(encoding="utf-8")
    assert text.count(service) == 1
    return text.replace(service, url)


def answers(rows, columns: list[str]) -> set[tuple]:
    def value(term) -> str | None:
        return None if term is None else str(getattr(term, "value", term))

    return {tuple(value(row[column]) for column in columns) for row in rows}


def run_both(text: str, release_store, release_graph: Graph, columns: list[str]) -> set[tuple]:
    """The answers of pyoxigraph (which sends the SERVICE pattern once) and rdflib (one call per binding) must agree."""
    oxigraph = answers(release_store.query(text), columns)
    rdflib = answers(release_graph.query(text), columns)
    assert oxigraph == rdflib
    return oxigraph


def test_uniprot_join_gives_the_reviewed_human_proteins_of_the_mapped_genes(stand_in, release_store,
                                                                             release_graph) -> None:  # fmt: skip
    text = local(FEDERATED / "uniprot-proteins.rq", UNIPROT, stand_in)
    columns = ["entity", "hgncSymbol", "geneId", "accession", "mnemonic", "proteinName"]
    assert run_both(text, release_store, release_graph, columns) == {
        ("https://w3id.org/exopa/tgfb1", "TGFB1", "7040", "TEST01", "TEST01_HUMAN", "Fixture protein one"),
        ("https://w3id.org/exopa/mmp1", "MMP1", "4312", "TEST05", "TEST05_HUMAN", "Fixture protein five"),
    }


def test_wikidata_join_gives_the_items_of_the_mapped_go_terms(stand_in, release_store, release_graph) -> None:
    text = local(FEDERATED / "wikidata-go-terms.rq", WIKIDATA, stand_in)
    items = {"GO:0070062": ("http://www.wikidata.org/entity/Q900000001", "fixture item one"),
             "GO:0006954": ("http://www.wikidata.org/entity/Q900000002", "fixture item two")}  # fmt: skip
    mappings = read_sssom(ROOT / "ontology" / "mappings" / "exopa.sssom.tsv")[1]
    expected = {(f"https://w3id.org/exopa/{m.subject}", m.object_curie, m.object_label, *items[m.object_curie])
                for m in mappings if m.object_curie in items}  # fmt: skip
    assert len({row[1] for row in expected}) == 2
    columns = ["entity", "goId", "goLabel", "item", "itemLabel"]
    assert run_both(text, release_store, release_graph, columns) == expected
