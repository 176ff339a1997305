"""Remote triple stores through the standards: SPARQL 1.1 Graph Store Protocol for loading, SPARQL 1.1 Query
and Update for counting, moving graphs and running the canned queries.

Loading is all-or-nothing: the data is uploaded into a fresh temporary named graph, its triple count is checked,
and one SPARQL Update (``MOVE`` for ``--replace``, ``ADD`` for ``--append``) puts it in place. The server applies
an update request as a single transaction, so the target graph holds either the old or the complete new content;
on any failure the temporary graph is dropped and the target is left as it was.

Credentials come from ``EXOPA_USER`` / ``EXOPA_PASSWORD`` or, failing those, from ``~/.netrc`` (requests reads it);
they are never taken from the command line and never printed.
"""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

RETRY_STATUS = (502, 503, 504)
CHUNK = 1 << 20


class RemoteError(Exception):
    """A failure talking to an endpoint; the message is one line naming the endpoint and the HTTP status."""


@dataclass(frozen=True)
class Endpoint:
    """Where a store listens: its Graph Store Protocol URL and its SPARQL query and update URLs."""

    store: str
    query: str
    update: str
    auth: str = "basic"  # or "digest"
    verify: bool = True
    timeout: float = 60.0

    @classmethod
    def from_url(cls, url: str, query: str | None = None, update: str | None = None, **options) -> Endpoint:
        """From a Graph Store URL; an Oxigraph-style ``.../store`` gives ``.../query`` and ``.../update``."""
        base = url.removesuffix("/store") if url.endswith("/store") else None
        return cls(
            store=url,
            query=query or (f"{base}/query" if base else url),
            update=update or (f"{base}/update" if base else url),
            **options,
        )


def session(endpoint: Endpoint):
    """A requests session with bounded retries (with backoff) on transient errors and the user's credentials."""
    import requests
    from requests.adapters import HTTPAdapter
    from urllib3.util.retry import Retry

    http = requests.Session()
    retry = Retry(
        total=4, connect=2, read=2, status=3, backoff_factor=0.5, status_forcelist=RETRY_STATUS,
        allowed_methods=None, raise_on_status=False,
    )  # fmt: skip
    http.mount("http://", HTTPAdapter(max_retries=retry))
    http.mount("https://", HTTPAdapter(max_retries=retry))
    http.verify = endpoint.verify
    user, password = os.environ.get("EXOPA_USER"), os.environ.get("EXOPA_PASSWORD")
    if user and password:
        from requests.auth import HTTPBasicAuth, HTTPDigestAuth

        http.auth = HTTPDigestAuth(user, password) if endpoint.auth == "digest" else HTTPBasicAuth(user, password)
    return http


def call(http, method: str, url: str, endpoint: Endpoint, **kwargs):
    """An HTTP request whose failures become one-line :class:`RemoteError` messages."""
    import requests

    try:
        response = http.request(method, url, timeout=endpoint.timeout, **kwargs)
    except requests.exceptions.SSLError as error:
        raise RemoteError(f"{url}: TLS certificate verification failed ({type(error).__name__})") from None
    except requests.exceptions.ConnectionError as error:
        reason = "name or service not known" if "Name or service not known" in str(error) else "connection failed"
        raise RemoteError(f"{url}: {reason} (is the server running?)") from None
    except requests.exceptions.Timeout:
        raise RemoteError(f"{url}: timed out after {endpoint.timeout:g} s") from None
    if response.status_code >= 400:
        text = " ".join(response.text.split())[:300]
        raise RemoteError(f"{url}: HTTP {response.status_code} {response.reason}: {text}")
    return response


def count(http, endpoint: Endpoint, graph: str) -> int:
    """Triples in a named graph, counted through SPARQL."""
    query = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
    response = call(
        http, "POST", endpoint.query, endpoint,
        data={"query": query}, headers={"Accept": "application/sparql-results+json"},
    )  # fmt: skip
    bindings = response.json()["results"]["bindings"]
    return int(bindings[0]["n"]["value"]) if bindings else 0


def update(http, endpoint: Endpoint, text: str) -> None:
    call(http, "POST", endpoint.update, endpoint, data={"update": text})


def chunks(path: Path, progress=None) -> Iterator[bytes]:
    with path.open("rb") as stream:
        while block := stream.read(CHUNK):
            if progress is not None:
                progress(len(block))
            yield block


def load(endpoint: Endpoint, files: list[Path], graph: str, replace: bool = True, show_progress: bool = False) -> int:
    """Upload N-Triples ``files`` into ``graph`` atomically; return the triple count of the target graph."""
    import pyoxigraph as ox

    expected = len({t for path in files for t in ox.parse(path=str(path), format=ox.RdfFormat.N_TRIPLES)})
    http = session(endpoint)
    temporary = f"{graph}-exopa-upload-{uuid.uuid4().hex}"
    before = count(http, endpoint, graph)
    try:
        total = sum(path.stat().st_size for path in files)
        with _progress(total, show_progress) as advance:
            for index, path in enumerate(files):
                call(
                    http, "PUT" if index == 0 else "POST", endpoint.store, endpoint,
                    params={"graph": temporary}, data=chunks(path, advance),
                    headers={"Content-Type": "application/n-triples"},
                )  # fmt: skip
        uploaded = count(http, endpoint, temporary)
        if uploaded != expected:
            raise RemoteError(f"{endpoint.store}: uploaded {uploaded} triples but the files hold {expected}")
        operation = "MOVE" if replace else "ADD"
        update(http, endpoint, f"{operation} SILENT GRAPH <{temporary}> TO GRAPH <{graph}>")
    finally:
        with contextlib.suppress(RemoteError):  # the temporary graph may not exist; the target is untouched
            update(http, endpoint, f"DROP SILENT GRAPH <{temporary}>")
    after = count(http, endpoint, graph)
    if replace and after != expected:
        raise RemoteError(
            f"{endpoint.store}: graph <{graph}> holds {after} triples after the load, expected {expected}"
        )
    if not replace and after < max(before, expected):
        raise RemoteError(
            f"{endpoint.store}: graph <{graph}> holds {after} triples after appending, fewer than expected"
        )
    return after


class _progress:
    """A rich progress bar for uploads (only when asked for and attached to a terminal)."""

    def __init__(self, total: int, show: bool) -> None:
        self.total, self.show, self.bar = total, show, None

    def __enter__(self):
        if not self.show:
            return lambda n: None
        from rich.progress import Progress

        self.bar = Progress(transient=True)
        self.bar.start()
        task = self.bar.add_task("uploading", total=self.total)
        return lambda n: self.bar.advance(task, n)

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.stop()


def select(endpoint: Endpoint, text: str):
    """Run a SELECT query on a remote endpoint with SPARQLWrapper; results as a :class:`~exopa.queries.Result`."""
    import pyoxigraph as ox
    from SPARQLWrapper import JSON, POST, SPARQLWrapper
    from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

    from .queries import Result

    client = SPARQLWrapper(endpoint.query)
    client.setMethod(POST)
    client.setReturnFormat(JSON)
    client.setQuery(text)
    client.setTimeout(int(endpoint.timeout))
    user, password = os.environ.get("EXOPA_USER"), os.environ.get("EXOPA_PASSWORD")
    if user and password:
        client.setHTTPAuth("DIGEST" if endpoint.auth == "digest" else "BASIC")
        client.setCredentials(user, password)
    try:
        data = client.queryAndConvert()
    except SPARQLWrapperException as error:
        raise RemoteError(f"{endpoint.query}: {' '.join(str(error).split())[:300]}") from None
    except OSError as error:
        raise RemoteError(f"{endpoint.query}: {type(error).__name__}: {error}") from None

    def term(value: dict | None):
        if value is None:
            return None
        if value["type"] == "uri":
            return ox.NamedNode(value["value"])
        if value["type"] == "bnode":
            return ox.BlankNode(value["value"])
        if "xml:lang" in value:
            return ox.Literal(value["value"], language=value["xml:lang"])
        if "datatype" in value:
            return ox.Literal(value["value"], datatype=ox.NamedNode(value["datatype"]))
        return ox.Literal(value["value"])

    columns = data["head"]["vars"]
    rows = [tuple(term(binding.get(c)) for c in columns) for binding in data["results"]["bindings"]]
    return Result(columns, rows)
