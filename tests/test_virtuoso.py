"""Loading into and querying Virtuoso Open Source 7 (Debian's 7.2) through the standard protocols: the Graph Store
at ``/sparql-graph-crud-auth`` with digest authentication, queries at ``/sparql``, updates at ``/sparql-auth``."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pyoxigraph as ox
import pytest
import requests
from conftest import run_exopa
from servers import VirtuosoServer, replicated_ntriples
from test_queries import normalise
from test_remote import GRAPH, canned_queries_answering_differently, load_killing_the_server, release_triples

import exopa
from exopa.iris import EXOPA

pytestmark = pytest.mark.virtuoso


def a_graph() -> str:
    return f"https://example.org/exopa-test/{uuid.uuid4().hex}"


def load(server: VirtuosoServer, *args: str, env: dict[str, str] | None = None):
    return run_exopa("load", *args, "--endpoint", server.store, env=server.credentials if env is None else env)


def ask(server: VirtuosoServer, query: str) -> list[dict]:
    """An anonymous query on ``/sparql``, as any reader would send it."""
    answer = requests.post(server.base + "/sparql", data={"query": query}, timeout=60,
                           headers={"Accept": "application/sparql-results+json"})  # fmt: skip
    answer.raise_for_status()
    return answer.json()["results"]["bindings"]


def triples_in(server: VirtuosoServer, graph: str = GRAPH) -> int:
    return int(ask(server, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")[0]["n"]["value"])


def upload_graphs(server: VirtuosoServer) -> set[str]:
    """Temporary upload graphs still in the store."""
    rows = ask(server, 'SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } FILTER(CONTAINS(STR(?g), "-exopa-upload-")) }')
    return {row["g"]["value"] for row in rows}


# Canned queries that Virtuoso 7.2.5 answers differently from Oxigraph and rdflib (which agree, see test_queries),
# each with the deviation of Virtuoso from SPARQL 1.1 reproduced by a minimal query. None is left: portable rewrites
# removed them all. finding: IF(BOUND(...)), since CONCAT with an unbound argument gives a string. uncited-findings:
# COALESCE(?section, ...), since a comparison with an unbound variable is false inside COALESCE. lookup-label: no
# STR() around the text, since STR of a non-ASCII plain literal from VALUES gives "??". target-sources and
# mechanism-network: class paths end in a variable compared by name through BIND, since a path ending in a constant
# drops rows (mechanism-network's producedBy rows were missing: { ?to exopa:producedBy ?from . ?from rdfs:label ?fl .
# ?to rdfs:label ?tl . FILTER EXISTS { ?to rdf:type/rdfs:subClassOf* exopa:ExtracellularVesiclePreparation } } has
# no solution there).
VIRTUOSO_DEVIATIONS: dict[str, str] = {
    # VALUES (?term) { (obo:CL_0000057) } ?matched rdfs:subClassOf* ?term . ?entity skos:exactMatch ?matched gives
    # only the strict descendants there (CL_0002551's entity), never the zero-length match ?matched = ?term, and
    # the rest of the query then drops rows; rewrites with the entity first, a sub-select, FILTER(?top = ?term) or
    # a constant path end gave no row on Virtuoso 7.2.5 either (tried 2026-12-07)
    "findings-under": "the zero-length step of rdfs:subClassOf* to a bound term is missing, and rows are dropped",
}
# Deviations that depend on the plan Virtuoso 7.2 picks when it starts, not on the query: mechanism-network loses
# every row of its first branch (only the producedBy edges are left) on some starts and none on others (reproduced
# 2026-12-07: 4 of 6 starts, then 1 of 6, then 3 of 8, with the same data and text; each of its parts alone always
# answers in full). A rewrite without VALUES for the stages (the class tops compared in a FILTER) answered in full on
# 6 of 6 starts but made one preparation's network 20 times slower on the embedded store (5 ms to 0.1 s at 100k),
# so the query keeps its form and these tests accept either answer, and only these two.
VIRTUOSO_PLAN_DEPENDENT = {"mechanism-network": "the first branch is dropped on some server starts"}


def only_produced_by(rows: list[tuple]) -> bool:
    """The answer Virtuoso gives when it drops mechanism-network's first branch: the producedBy edges alone."""
    return bool(rows) and all(EXOPA + "producedBy" in row for row in rows)


def test_canned_queries_answer_like_the_embedded_store(virtuoso: VirtuosoServer, release_store) -> None:
    """Every canned query runs on Virtuoso and gives the embedded answers, except the known deviations: when one is
    fixed (in Virtuoso or by a portable rewrite of the query) this test says so."""
    done = load(virtuoso)
    assert done.returncode == 0, done.stderr
    # Virtuoso's default graph is the union of all graphs, its own system graphs included: query the release graph
    differ = canned_queries_answering_differently(virtuoso.base + "/sparql", release_store, "--graph", GRAPH)
    assert differ - set(VIRTUOSO_PLAN_DEPENDENT) == set(VIRTUOSO_DEVIATIONS)


def test_mechanism_network_of_one_preparation_like_the_embedded_store(virtuoso: VirtuosoServer, release_store) -> None:
    """mechanism-network with its preparation, a parameter written into the text (inside the sub-select too)."""
    assert load(virtuoso).returncode == 0
    done = run_exopa("query", "mechanism-network", "--param", "preparation=adsc-exos", "--endpoint",
                     virtuoso.base + "/sparql", "--graph", GRAPH, "--format", "json")  # fmt: skip
    assert done.returncode == 0, done.stderr
    local = exopa.query("mechanism-network", release_store, preparation="adsc-exos")

    def rows(items: list[dict]) -> list[tuple]:
        return sorted((tuple(normalise(v) for v in row.values()) for row in items), key=repr)

    remote = rows(json.loads(done.stdout))
    if remote != rows(local) and only_produced_by(remote):
        pytest.xfail(f"Virtuoso 7.2: {VIRTUOSO_PLAN_DEPENDENT['mechanism-network']}")
    assert local and remote == rows(local)


def test_queries_through_the_authenticated_endpoint_use_digest(virtuoso: VirtuosoServer, release_store) -> None:
    assert load(virtuoso).returncode == 0
    done = run_exopa("query", "uv-bands", "--endpoint", virtuoso.base + "/sparql-auth", "--graph", GRAPH,
                     "--format", "json", env=virtuoso.credentials)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == json.loads(run_exopa("query", "uv-bands", "--format", "json").stdout)


def test_load_replace_twice_gives_the_same_count(virtuoso: VirtuosoServer) -> None:
    graph = a_graph()
    for _ in range(2):
        done = load(virtuoso, "--graph", graph)
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip() == f"loaded {release_triples()} triples into <{graph}> at {virtuoso.store}"
        assert triples_in(virtuoso, graph) == release_triples()
    assert upload_graphs(virtuoso) == set()


def test_append_adds_and_replace_replaces(virtuoso: VirtuosoServer, tmp_path: Path) -> None:
    graph = a_graph()
    assert load(virtuoso, "--graph", graph).returncode == 0
    more = tmp_path / "more.nt"
    replicated_ntriples(more, 2 * release_triples())  # the release again and one renamed copy
    done = load(virtuoso, str(more), "--graph", graph, "--append")
    assert done.returncode == 0, done.stderr
    # the release's ground triples are there already; its blank nodes are new ones in a new document
    with_blank_nodes = sum(
        isinstance(t.subject, ox.BlankNode) or isinstance(t.object, ox.BlankNode)
        for t in ox.parse(path=str(exopa.release_path("nt")), format=ox.RdfFormat.N_TRIPLES)
    )
    assert with_blank_nodes > 0
    assert triples_in(virtuoso, graph) == 2 * release_triples() + with_blank_nodes
    assert load(virtuoso, "--graph", graph, "--replace").returncode == 0
    assert triples_in(virtuoso, graph) == release_triples()
    assert upload_graphs(virtuoso) == set()


@pytest.mark.parametrize("credentials", [{"EXOPA_PASSWORD": "wrong"}, {"EXOPA_USER": "", "EXOPA_PASSWORD": ""}])
def test_wrong_or_missing_credentials_are_refused(virtuoso: VirtuosoServer, credentials: dict[str, str]) -> None:
    graph = a_graph()
    assert load(virtuoso, "--graph", graph).returncode == 0
    done = load(virtuoso, "--graph", graph, env={**virtuoso.credentials, **credentials})
    assert done.returncode == 1
    assert done.stderr.strip() == (
        f"exopa load: {virtuoso.base}/sparql-auth: HTTP 401 Unauthorized: "
        "check EXOPA_USER / EXOPA_PASSWORD (or ~/.netrc) and --auth"
    )
    assert triples_in(virtuoso, graph) == release_triples()


def test_the_anonymous_sparql_user_cannot_write(virtuoso: VirtuosoServer) -> None:
    graph = a_graph()
    assert load(virtuoso, "--graph", graph).returncode == 0
    done = run_exopa("load", "--graph", graph, "--endpoint", virtuoso.base + "/sparql-graph-crud")
    assert done.returncode == 1
    assert f"{virtuoso.base}/sparql-graph-crud: HTTP 403 Forbidden" in done.stderr
    refused = requests.post(virtuoso.base + "/sparql", data={"update": f"CLEAR GRAPH <{graph}>"}, timeout=60)
    assert refused.status_code >= 400 and "SECURITY" in refused.text
    assert triples_in(virtuoso, graph) == release_triples()


def test_wrong_path_names_endpoint_and_status(virtuoso: VirtuosoServer) -> None:
    url = virtuoso.base + "/sparql-graph-crud-nope"
    done = run_exopa("load", "--endpoint", url, env=virtuoso.credentials)
    assert done.returncode == 1
    assert done.stderr.startswith(f"exopa load: {url}: HTTP 404 File not found")
    assert len(done.stderr.strip().splitlines()) == 1


def test_server_stopped_before_the_load(virtuoso: VirtuosoServer) -> None:
    virtuoso.stop()
    try:
        done = load(virtuoso)
    finally:
        virtuoso.start()
    assert done.returncode == 1
    assert done.stderr.strip() == (
        f"exopa load: {virtuoso.base}/sparql-auth: connection failed (is the server running?)"
    )


def test_server_killed_during_a_load_leaves_the_graph_as_it_was(virtuoso: VirtuosoServer, tmp_path: Path) -> None:
    assert load(virtuoso).returncode == 0
    data = tmp_path / "large.nt"
    replicated_ntriples(data, 25 * release_triples())
    try:
        done = load_killing_the_server(virtuoso, data, env=virtuoso.credentials)
    finally:
        virtuoso.start()  # rolls the transaction log forward
    assert done.returncode == 1
    assert f"{virtuoso.store}: connection failed" in done.stderr, done.stderr
    assert triples_in(virtuoso) == release_triples()


def test_a_replaced_graph_survives_a_crash_before_the_next_checkpoint(virtuoso: VirtuosoServer, tmp_path: Path) -> None:
    """Virtuoso 7.2 loses part of a graph replaced by MOVE (or CLEAR + INSERT) when it is killed before its next
    checkpoint and replays its transaction log; the difference update that exopa load uses does not."""
    graph = a_graph()
    bigger = tmp_path / "bigger.nt"
    replicated_ntriples(bigger, 3 * release_triples())
    assert load(virtuoso, str(bigger), "--graph", graph).returncode == 0
    assert load(virtuoso, "--graph", graph).returncode == 0
    assert load(virtuoso, "--graph", graph).returncode == 0
    virtuoso.kill()
    virtuoso.start()
    assert triples_in(virtuoso, graph) == release_triples()


def test_result_set_max_rows_cannot_cut_results_silently(virtuoso: VirtuosoServer) -> None:
    """Virtuoso's /sparql returns at most ResultSetMaxRows rows (10000 in the packaged virtuoso.ini) and says so
    only in a header; our server allows more, and a cut result is an error, never a short answer."""
    assert load(virtuoso).returncode == 0
    dump = ["sparql", "SELECT ?s ?p ?o WHERE { ?s ?p ?o }", "--endpoint", virtuoso.base + "/sparql", "--graph", GRAPH,
            "--limit", "0"]  # no client-side cap: the server's cut is what is tested
    done = run_exopa(*dump, "--format", "json")
    assert done.returncode == 0, done.stderr
    rows = {tuple(row.values()) for row in json.loads(done.stdout)}
    assert len(rows) == release_triples()
    limit = release_triples() - 1
    virtuoso.write_ini(max_rows=limit)  # Virtuoso rereads [SPARQL] on every request
    try:
        cut = run_exopa(*dump, "--format", "json")
    finally:
        virtuoso.write_ini()
    assert cut.returncode == 1
    assert cut.stderr.strip() == (
        f"exopa: {virtuoso.base}/sparql: the server cut the results at {limit} rows (Virtuoso: raise ResultSetMaxRows)"
    )
