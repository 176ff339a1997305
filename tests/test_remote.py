"""Loading into and querying a real Oxigraph server over HTTP, and every failure mode we can provoke locally."""

from __future__ import annotations

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
from servers import OxigraphServer, free_port, replicated_ntriples, wait_until_up
from test_queries import REQUIRED, normalise

import exopa
from exopa.queries import catalogue
from exopa.remote import Endpoint, count, session

GRAPH = "https://w3id.org/exopa/releases/0.1.0/exopa.ttl"


@pytest.fixture
def server(tmp_path: Path):
    running = OxigraphServer(tmp_path / "store")
    running.start()
    yield running
    running.stop()


def canned_queries_answering_differently(query_url: str, release_store, *options: str) -> set[str]:
    """The canned queries whose answers through ``exopa query --endpoint`` differ from the embedded store's (every
    query must run)."""
    differ = set()
    for name in sorted(catalogue()):
        args = [f"{k}={v}" for k, v in REQUIRED.get(name, {}).items()]
        params = [p for a in args for p in ("--param", a)]
        done = run_exopa("query", name, *params, "--endpoint", query_url, *options, "--format", "json")
        assert done.returncode == 0, (name, done.stderr)
        remote = json.loads(done.stdout)
        local = exopa.query(name, release_store, **REQUIRED.get(name, {}))

        def rows(items):
            return sorted((tuple(normalise(v) for v in row.values()) for row in items), key=repr)

        if rows(remote) != rows(local):
            differ.add(name)
    return differ


def load_killing_the_server(server, data: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run ``exopa load data`` and kill the server (SIGKILL) while the upload request is in flight: once exopa has
    a connection to the server and the file open for sending (the triple count before it reads the file whole and
    closes it, before any connection)."""
    import os

    process = subprocess.Popen(
        [exopa_command(), "load", str(data), "--endpoint", server.store], stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True, env={**os.environ, **(env or {})},
    )  # fmt: skip
    watched = psutil.Process(process.pid)
    deadline = time.monotonic() + 300
    while process.poll() is None and time.monotonic() < deadline:
        try:
            sending = any(Path(f.path) == data and f.position > 0 for f in watched.open_files())
            connected = any(c.raddr and c.raddr[1] == server.port for c in watched.net_connections("tcp"))
        except psutil.NoSuchProcess:
            break
        if sending and connected:
            server.kill()
            break
        time.sleep(0.005)
    out, err = process.communicate(timeout=600)
    assert server.process is None, f"the load ended before the server could be killed: {out}{err}"
    return subprocess.CompletedProcess(process.args, process.returncode, out, err)


def triples_in(server: OxigraphServer) -> int:
    endpoint = Endpoint.from_url(server.base + "/store")
    return count(session(endpoint), endpoint, GRAPH)


def release_triples() -> int:
    return sum(1 for line in exopa.release_path("nt").read_text(encoding="utf-8").splitlines() if line.strip())


def test_load_replace_twice_gives_the_same_count(server: OxigraphServer) -> None:
    for _ in range(2):
        done = run_exopa("load", "--endpoint", server.base + "/store")
        assert done.returncode == 0, done.stderr
        assert f"loaded {release_triples()} triples" in done.stdout
        assert triples_in(server) == release_triples()


def test_bulk_load_fills_a_new_graph_and_refuses_a_graph_with_content(server: OxigraphServer) -> None:
    done = run_exopa("load", "--bulk", "--endpoint", server.store)
    assert done.returncode == 0, done.stderr
    assert triples_in(server) == release_triples()
    again = run_exopa("load", "--bulk", "--endpoint", server.store)
    assert again.returncode == 1
    assert again.stderr.strip() == (
        f"exopa load: {server.store}: --bulk loads only into an empty graph; <{GRAPH}> holds {release_triples()}"
    )
    assert triples_in(server) == release_triples()


def test_oxigraph_uploads_the_temporary_graph_with_its_bulk_loader() -> None:
    assert Endpoint.from_url("http://localhost:7878/store").upload_options == ("no_transaction",)
    assert Endpoint.from_url("http://localhost:8890/sparql-graph-crud-auth").upload_options == ()


def test_remote_queries_answer_like_the_embedded_store(server: OxigraphServer, release_store) -> None:
    assert run_exopa("load", "--endpoint", server.base + "/store").returncode == 0
    # the default graph of the server is empty: query the loaded named graph through the union default graph
    server.stop()
    server.start("serve-read-only", "--union-default-graph")
    assert canned_queries_answering_differently(server.base + "/query", release_store) == set()
    param = run_exopa("query", "exosome-pathways", "--param", "exosomes=umsc-exos", "--endpoint",
                      server.base + "/query", "--format", "tsv")  # fmt: skip
    assert "TGF-β1/Smad signalling pathway" in param.stdout


def test_a_failed_load_leaves_the_graph_as_it_was(server: OxigraphServer, tmp_path: Path) -> None:
    assert run_exopa("load", "--endpoint", server.base + "/store").returncode == 0
    broken = tmp_path / "broken.nt"
    broken.write_text('<https://w3id.org/exopa/a> <https://w3id.org/exopa/b> "unterminated .\n', encoding="utf-8")
    good = exopa.release_path("nt")
    done = run_exopa("load", str(good), str(broken), "--endpoint", server.base + "/store")
    assert done.returncode != 0
    assert triples_in(server) == release_triples()


def test_server_stopped_before_the_load(server: OxigraphServer) -> None:
    server.stop()
    done = run_exopa("load", "--endpoint", server.base + "/store")
    assert done.returncode == 1
    assert f"{server.base}/query: connection failed" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_wrong_path_names_endpoint_and_status(server: OxigraphServer) -> None:
    done = run_exopa("load", "--endpoint", server.base + "/nope", "--query-endpoint", server.base + "/query",
                     "--update-endpoint", server.base + "/update")  # fmt: skip
    assert done.returncode == 1
    assert f"{server.base}/nope: HTTP 404" in done.stderr
    assert triples_in(server) == 0


class Failing(http.server.BaseHTTPRequestHandler):
    """A tiny endpoint that answers every request with HTTP 500 and a text of its own."""

    calls = 0

    def respond(self) -> None:
        Failing.calls += 1
        body = b"the store is on fire"
        self.send_response(500)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = do_PUT = respond

    def log_message(self, *args) -> None:
        pass


def test_http_500_is_reported_with_the_servers_text() -> None:
    port = free_port()
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), Failing)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        done = run_exopa("load", "--endpoint", f"http://127.0.0.1:{port}/store")
        assert done.returncode == 1
        assert "HTTP 500 Internal Server Error: the store is on fire" in done.stderr
        query = run_exopa("query", "uv-bands", "--endpoint", f"http://127.0.0.1:{port}/query")
        assert query.returncode == 1 and f"http://127.0.0.1:{port}/query" in query.stderr
    finally:
        httpd.shutdown()


def test_transient_errors_are_retried_a_bounded_number_of_times() -> None:
    class Unavailable(Failing):
        def respond(self) -> None:
            Failing.calls += 1
            self.send_response(503)
            self.send_header("Content-Length", "0")
            self.end_headers()

        do_GET = do_POST = do_PUT = respond

    Failing.calls = 0
    port = free_port()
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), Unavailable)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        done = run_exopa("load", "--endpoint", f"http://127.0.0.1:{port}/store")
        assert done.returncode == 1 and "HTTP 503" in done.stderr
        assert 2 <= Failing.calls <= 5
    finally:
        httpd.shutdown()


def test_serve_answers_queries_read_only() -> None:
    port = free_port()
    process = subprocess.Popen([exopa_command(), "serve", "--port", str(port)], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base + "/query", process)
        answer = requests.post(base + "/query", data={"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"},
                               headers={"Accept": "application/sparql-results+json"}, timeout=30)  # fmt: skip
        assert int(answer.json()["results"]["bindings"][0]["n"]["value"]) == release_triples()
        refused = requests.post(base + "/update", data={"update": "CLEAR ALL"}, timeout=30)
        assert refused.status_code >= 400
    finally:
        process.terminate()
        process.wait(timeout=20)


def test_server_killed_during_a_load_leaves_the_graph_as_it_was(server: OxigraphServer, tmp_path: Path) -> None:
    assert run_exopa("load", "--endpoint", server.store).returncode == 0
    data = tmp_path / "large.nt"
    replicated_ntriples(data, 25 * release_triples())
    done = load_killing_the_server(server, data)
    assert done.returncode == 1
    assert f"{server.store}: connection failed" in done.stderr or "timed out" in done.stderr, done.stderr
    server.start()
    assert triples_in(server) == release_triples()


def test_a_replaced_graph_survives_a_crash(server: OxigraphServer) -> None:
    for _ in range(2):
        assert run_exopa("load", "--endpoint", server.store).returncode == 0
    server.kill()
    server.start()
    assert triples_in(server) == release_triples()
