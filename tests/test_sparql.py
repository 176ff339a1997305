"""Queries that cannot hurt: predeclared prefixes, syntax errors with their place, a row cap and a timeout that end
a runaway query cleanly, updates only when asked for (never written to the release), a read-only loopback server,
and the RDFS entailment (exopa-entailed.nt) that lets simple queries see the class and property hierarchy."""

from __future__ import annotations

import hashlib
import http.server
import json
import subprocess
import threading
import time
from pathlib import Path

import psutil
import pytest
import requests
from conftest import exopa_command, run_exopa
from servers import free_port, wait_until_up

import exopa
from exopa.iris import EXOPA, SPARQL_PREFIXES
from exopa.resources import FORMATS, release_dir

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"  # 12,000^3 rows to count


def checksums() -> dict[str, str]:
    return {name: hashlib.sha256((release_dir() / name).read_bytes()).hexdigest() for name in FORMATS.values()
            if (release_dir() / name).is_file()}  # fmt: skip


def test_prefixes_are_listed_and_predeclared() -> None:
    listed = run_exopa("sparql", "--prefixes")
    assert listed.returncode == 0
    lines = listed.stdout.splitlines()
    assert len(lines) == len(SPARQL_PREFIXES)
    for prefix in ("exopa", "rdfs", "rdf", "owl", "xsd", "skos", "obo", "dcterms", "prov", "oboInOwl", "IAO", "RO"):
        assert any(line.split()[1] == f"{prefix}:" for line in lines), prefix
    done = run_exopa("sparql", "SELECT ?label WHERE { GO:0070062 rdfs:label ?label }", "--format", "tsv")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[1:] == ["extracellular exosome"]


def test_a_syntax_error_gives_line_column_and_token(tmp_path: Path) -> None:
    path = tmp_path / "broken.rq"
    path.write_text("SELECT ?x WHERE {\n  ?x rdfs:label ?label ;\n  ORDER BY ?x\n}\n")
    done = run_exopa("sparql", str(path))
    assert done.returncode == 2
    assert done.stderr.startswith(f"exopa: {path}:3:11: SPARQL syntax error at 'BY': expected")
    assert len(done.stderr.strip().splitlines()) == 1
    unknown = run_exopa("sparql", "SELECT * WHERE { ?x nope:thing ?y }")
    assert unknown.returncode == 2 and "unknown prefix 'nope:'" in unknown.stderr


def test_a_runaway_query_stops_at_its_timeout_and_the_command_carries_on() -> None:
    start = time.monotonic()
    done = run_exopa("sparql", RUNAWAY, "--timeout", "1")
    elapsed = time.monotonic() - start
    assert done.returncode == 1
    assert done.stderr.strip() == (
        "exopa: query: stopped after 1 s (--timeout 1); raise it with --timeout SECONDS, or --timeout 0 for none"
    )
    assert elapsed < 15


def test_the_worker_of_a_stopped_query_is_gone(release_store) -> None:
    from exopa.sparql import QueryTimeout, run

    before = {child.pid for child in psutil.Process().children()}
    with pytest.raises(QueryTimeout):
        run(release_store, RUNAWAY, timeout=0.5)
    assert {child.pid for child in psutil.Process().children()} == before
    assert len(run(release_store, "SELECT * WHERE { ?s ?p ?o }", limit=0).rows) == len(release_store)


def test_the_row_cap_cuts_and_says_so(release_store) -> None:
    triples = len(release_store)
    done = run_exopa("sparql", "SELECT ?s ?p ?o WHERE { ?s ?p ?o }", "--limit", "7", "--format", "tsv",
                     "--no-entailed")  # fmt: skip
    assert done.returncode == 3
    assert len(done.stdout.splitlines()) == 1 + 7
    assert "cut at 7 rows" in done.stderr and "--limit 0" in done.stderr
    everything = run_exopa("sparql", "SELECT ?s ?p ?o WHERE { ?s ?p ?o }", "--limit", "0", "--format", "tsv",
                           "--no-entailed")  # fmt: skip
    assert everything.returncode == 0 and len(everything.stdout.splitlines()) == 1 + triples


def test_updates_need_update_and_never_touch_the_release() -> None:
    before = checksums()
    refused = run_exopa("sparql", "DELETE WHERE { ?s ?p ?o }")
    assert refused.returncode == 2 and "give --update" in refused.stderr
    refused_with_prefix = run_exopa("sparql", "PREFIX ex: <http://example.org/>\nINSERT DATA { ex:a ex:b ex:c }")
    assert refused_with_prefix.returncode == 2
    applied = run_exopa("sparql", "--update", "--no-entailed", "DELETE WHERE { ?s ?p ?o }")
    assert applied.returncode == 0, applied.stderr
    assert f"{len(exopa.store())} triples before, 0 after" in applied.stdout
    assert checksums() == before


def test_every_canned_query_runs_through_the_worker_like_in_process(release_store) -> None:
    from test_queries import REQUIRED

    from exopa.queries import bindings, catalogue, run_on_store
    from exopa.sparql import run

    for name, query in catalogue().items():
        terms = bindings(query, REQUIRED.get(name, {}))
        direct = run_on_store(release_store, query.text, terms)
        forked = run(release_store, query.text, terms, limit=0, timeout=60, prefixes=None)
        assert (forked.columns, forked.rows) == (direct.columns, direct.rows), name


def test_tables_fit_the_terminal() -> None:
    for width in (80, 100, 140):
        done = run_exopa("query", "uncited-findings", env={"COLUMNS": str(width)})
        assert done.returncode == 0
        assert max(len(line) for line in done.stdout.splitlines()) <= width
    narrow = run_exopa("query", "evidence", env={"COLUMNS": "100"}).stdout
    assert "10.1111/php.13370" in narrow  # a short value is never wrapped
    assert "row 2" in narrow  # too many columns for 100 characters: one block per row
    wide = run_exopa("query", "evidence", env={"COLUMNS": "400"}).stdout
    assert "row 2" not in wide and "2 row(s)" in wide


def test_sparql_results_formats_are_pyoxigraph_s(release_store) -> None:
    import pyoxigraph as ox

    done = run_exopa("query", "uv-bands", "--format", "sparql-json")
    assert done.returncode == 0
    data = json.loads(done.stdout)
    expected = ox.parse_query_results(
        release_store.query(exopa.queries.get("uv-bands").text).serialize(format=ox.QueryResultsFormat.JSON),
        format=ox.QueryResultsFormat.JSON,
    )
    assert data["head"]["vars"] == [v.value for v in expected.variables]
    assert sorted(json.dumps(b, sort_keys=True) for b in data["results"]["bindings"]) == sorted(
        json.dumps(b, sort_keys=True) for b in json.loads(
            release_store.query(exopa.queries.get("uv-bands").text).serialize(format=ox.QueryResultsFormat.JSON)
        )["results"]["bindings"]
    )  # fmt: skip
    xml = run_exopa("query", "uv-bands", "--format", "sparql-xml").stdout
    assert xml.startswith('<?xml version="1.0"?><sparql xmlns="http://www.w3.org/2005/sparql-results#">')


# --- the server ---------------------------------------------------------------------------------------------------


def test_serve_is_read_only_and_on_loopback() -> None:
    port = free_port()
    server = subprocess.Popen([exopa_command(), "serve", "--port", str(port)], stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, text=True)  # fmt: skip
    try:
        wait_until_up(f"http://127.0.0.1:{port}/query", server)
        answer = requests.get(f"http://127.0.0.1:{port}/query", timeout=10,
                              params={"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"},
                              headers={"Accept": "application/sparql-results+json"})  # fmt: skip
        assert int(answer.json()["results"]["bindings"][0]["n"]["value"]) == len(exopa.store())
        for url in (f"http://127.0.0.1:{port}/update", f"http://127.0.0.1:{port}/store"):
            refused = requests.post(url, data={"update": "DELETE WHERE { ?s ?p ?o }"}, timeout=10)
            assert refused.status_code >= 400, url
        listening = {
            c.laddr.ip for p in [psutil.Process(server.pid), *psutil.Process(server.pid).children(recursive=True)]
            for c in p.net_connections("inet") if c.status == psutil.CONN_LISTEN
        }  # fmt: skip
        assert listening == {"127.0.0.1"}
        answer = requests.get(f"http://127.0.0.1:{port}/query", timeout=10,
                              params={"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"},
                              headers={"Accept": "application/sparql-results+json"})  # fmt: skip
        assert int(answer.json()["results"]["bindings"][0]["n"]["value"]) == len(exopa.store())
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert "read-only" in server.stderr.read()


# --- endpoints ----------------------------------------------------------------------------------------------------


class Partial(http.server.BaseHTTPRequestHandler):
    """An endpoint answering like Virtuoso at its timeout: a partial answer flagged by X-SQL-State S1TAT."""

    seen: list[str] = []

    def do_POST(self) -> None:  # noqa: N802
        Partial.seen.append(self.rfile.read(int(self.headers["Content-Length"])).decode())
        answer = {"head": {"vars": ["n"]}, "results": {"bindings": [{"n": {"type": "literal", "value": "1"}}]}}
        body = json.dumps(answer)
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("X-SQL-State", "S1TAT")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body.encode())

    def log_message(self, *args) -> None:
        pass


def test_an_endpoint_gets_the_timeout_and_a_partial_answer_is_an_error() -> None:
    from urllib.parse import parse_qs

    port = free_port()
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), Partial)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        done = run_exopa("sparql", "SELECT ?n WHERE { ?n a exopa:Finding }", "--endpoint",
                         f"http://127.0.0.1:{port}/sparql", "--timeout", "7")  # fmt: skip
    finally:
        httpd.shutdown()
    assert done.returncode == 1
    assert "partial answer" in done.stderr
    sent = parse_qs(Partial.seen[-1])
    assert sent["timeout"] == ["7000"]
    assert f"PREFIX exopa: <{EXOPA}>" in sent["query"][0]


# --- entailment ---------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def entailed_store():
    return exopa.store(entailed=True)


def pairs(store, text: str) -> set[tuple[str, ...]]:
    return {tuple(t.value for t in row) for row in store.query(text, prefixes=SPARQL_PREFIXES)}


def test_decreases_finds_the_inhibits_findings(release_store, entailed_store) -> None:
    inhibits = pairs(release_store, "SELECT ?s ?o WHERE { ?f exopa:predicate exopa:inhibits ; exopa:subject ?s ; "
                                    "exopa:object ?o }")  # fmt: skip
    assert inhibits
    assert not inhibits <= pairs(release_store, "SELECT ?s ?o WHERE { ?s exopa:decreases ?o }")
    assert inhibits <= pairs(entailed_store, "SELECT ?s ?o WHERE { ?s exopa:decreases ?o }")
    assert exopa.query("uv-bands", entailed=True) == exopa.query("uv-bands")


def test_related_to_returns_every_edge(release_store, entailed_store) -> None:
    assert pairs(release_store, "SELECT ?s ?o WHERE { ?s exopa:relatedTo ?o }") == set()
    expected = pairs(release_store, "SELECT ?s ?o WHERE { ?p rdfs:subPropertyOf+ exopa:relatedTo . ?s ?p ?o }")
    assert expected
    assert pairs(entailed_store, "SELECT ?s ?o WHERE { ?s exopa:relatedTo ?o }") == expected


def test_the_extracellular_vesicle_class_has_every_exosome_preparation(release_store, entailed_store) -> None:
    preparations = pairs(release_store, "SELECT ?x WHERE { ?x a exopa:ExosomePreparation }")
    asserted = pairs(release_store, "SELECT ?x WHERE { ?x a exopa:ExtracellularVesiclePreparation }")
    assert preparations and not preparations & asserted
    by_path = pairs(release_store, "SELECT ?x WHERE { ?x a/rdfs:subClassOf* exopa:ExtracellularVesiclePreparation }")
    assert pairs(entailed_store, "SELECT ?x WHERE { ?x a exopa:ExtracellularVesiclePreparation }") == by_path
    assert preparations <= by_path
    done = run_exopa("sparql", "SELECT ?x WHERE { ?x a exopa:ExtracellularVesiclePreparation }", "--format", "tsv")
    assert len(done.stdout.splitlines()) - 1 == len(by_path)
    plain = run_exopa("sparql", "--no-entailed", "SELECT ?x WHERE { ?x a exopa:ExtracellularVesiclePreparation }",
                      "--format", "tsv")  # fmt: skip
    assert len(plain.stdout.splitlines()) - 1 == len(asserted)


def test_the_entailment_types_no_node_with_disjoint_classes_and_no_literal(release_graph) -> None:
    from rdflib import Literal
    from rdflib.namespace import RDF, RDFS

    from exopa.entailment import closure, disjoint_pairs, entailed

    added = entailed(release_graph)
    assert len(added) == sum(1 for line in exopa.release_path("entailed").read_text().splitlines() if line)
    everything = release_graph + added
    disjoint = disjoint_pairs(release_graph)
    assert disjoint
    for node in set(everything.subjects(RDF.type, None)):
        types = set(everything.objects(node, RDF.type))
        assert not any(frozenset((a, b)) in disjoint for a in types for b in types), node
    assert not any(isinstance(s, Literal) for s, _, _ in added)
    hierarchy = closure(everything.subject_objects(RDFS.subClassOf))
    for node, cls in added.subject_objects(RDF.type):
        asserted = set(release_graph.objects(node, RDF.type))
        assert asserted, f"{node} got a type without having one"
        assert any(cls in hierarchy[t] for t in asserted) or not (str(cls).startswith(EXOPA)), (node, cls)
