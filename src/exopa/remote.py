"""Remote triple stores through the standards: SPARQL 1.1 Graph Store Protocol for loading, SPARQL 1.1 Query
and Update for counting, moving graphs and running the canned queries.

Loading is all-or-nothing for readers of the target graph: the data is uploaded into a fresh temporary named graph,
its triple count is checked, and one SPARQL Update request puts it in place: for ``--append``, or an empty target,
an ``ADD``; for ``--replace`` a ``DELETE`` of the target's triples that are not in the upload followed by an
``INSERT`` of the upload's triples that are not in the target. Oxigraph and Virtuoso run an update request as one
transaction, so readers see the old or the complete new content; a store whose update requests are not
transactional gives no such guarantee. If anything fails, the temporary graph is dropped and the target is left as
it was; only a server that dies mid-load can leave a temporary graph (named ``...-exopa-upload-<hex>``) behind.

On Oxigraph the temporary graph is uploaded with the bulk loader (``no_transaction``): only that private graph can
be left partly written, and the count check catches it. ``bulk=True`` (``exopa load --bulk``) skips the temporary
graph: it loads straight into an empty target and drops it on failure, fast but not atomic for readers.

Why not ``MOVE`` (or ``CLEAR`` + ``INSERT``)? On Virtuoso 7.2 both are atomic while the server runs, but a triple
deleted and re-inserted in one transaction is lost when the transaction log is replayed after a crash: killed
before its next checkpoint, the server comes back with a fraction of the graph (tests/test_virtuoso.py reproduces
it). The difference update never deletes and inserts the same triple, and survives the same crash intact; it is
plain SPARQL 1.1 and works on any store. Upload bodies are seekable files, so retries and HTTP digest challenges
resend the whole file.

Virtuoso (7.2) is recognised by its paths: ``.../sparql-graph-crud-auth`` implies ``.../sparql-auth`` for query and
update and HTTP digest authentication. Its ``/sparql`` endpoint silently cuts results at ``ResultSetMaxRows``; it
says so only in an ``X-SPARQL-MaxRows`` header, which :func:`select` turns into an error.

Credentials come from ``EXOPA_USER`` / ``EXOPA_PASSWORD`` or, failing those, from ``~/.netrc`` (requests reads it);
they are never taken from the command line and never printed.
"""

from __future__ import annotations

import contextlib
import os
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

RETRY_STATUS = (502, 503, 504)


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
    timeout: float = 60.0  # seconds to wait for an answer (connecting: at most 30)
    upload_options: tuple[str, ...] = ()  # server-specific Graph Store parameters for the temporary graph

    @classmethod
    def from_url(
        cls, url: str, query: str | None = None, update: str | None = None, auth: str | None = None, **options
    ) -> Endpoint:
        """From a Graph Store (or SPARQL) URL, deriving the others from well-known layouts: Oxigraph's ``.../store``
        gives ``.../query`` and ``.../update``; Virtuoso's ``.../sparql-graph-crud-auth`` gives ``.../sparql-auth``
        for both, with digest authentication, and ``.../sparql-graph-crud`` gives ``.../sparql``."""
        derived, default_auth, upload_options = (url, url), "basic", ()
        for suffix, query_path, update_path, bulk in LAYOUTS:
            if url.endswith(suffix):
                base = url.removesuffix(suffix)
                derived, upload_options = (base + query_path, base + update_path), bulk
                break
        if url.endswith(DIGEST_ONLY):
            default_auth = "digest"
        return cls(store=url, query=query or derived[0], update=update or derived[1], auth=auth or default_auth,
                   upload_options=upload_options, **options)  # fmt: skip


LAYOUTS: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    # Graph Store path suffix, query path, update path, parameters of the upload into the temporary graph.
    # Oxigraph: ``no_transaction`` uploads with its bulk loader (about 6x faster than one transaction); safe here,
    # since only the private temporary graph can be left partly written, and the count check catches that.
    ("/store", "/query", "/update", ("no_transaction",)),
    ("/sparql-graph-crud-auth", "/sparql-auth", "/sparql-auth", ()),  # Virtuoso, authenticated
    ("/sparql-graph-crud", "/sparql", "/sparql", ()),  # Virtuoso, anonymous (needs SPARQL_UPDATE for the SPARQL user)
)
DIGEST_ONLY = ("/sparql-graph-crud-auth", "/sparql-auth")  # Virtuoso answers only digest challenges there


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
        response = http.request(method, url, timeout=(min(endpoint.timeout, 30.0), endpoint.timeout), **kwargs)
    except requests.exceptions.SSLError as error:
        raise RemoteError(f"{url}: TLS certificate verification failed ({type(error).__name__})") from None
    except requests.exceptions.ConnectionError as error:
        reason = "name or service not known" if "Name or service not known" in str(error) else "connection failed"
        raise RemoteError(f"{url}: {reason} (is the server running?)") from None
    except requests.exceptions.Timeout:
        raise RemoteError(f"{url}: timed out after {endpoint.timeout:g} s") from None
    if response.status_code >= 400:
        text = " ".join(response.text.split())[:300]
        if response.status_code == 401:
            text = text or "check EXOPA_USER / EXOPA_PASSWORD (or ~/.netrc) and --auth"
        raise RemoteError(f"{url}: HTTP {response.status_code} {response.reason}: {text}")
    return response


def count(http, endpoint: Endpoint, graph: str) -> int:
    """Triples in a named graph, counted through SPARQL."""
    import pyoxigraph as ox

    query = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {ox.NamedNode(graph)} {{ ?s ?p ?o }} }}"
    response = call(
        http, "POST", endpoint.query, endpoint,
        data={"query": query}, headers={"Accept": "application/sparql-results+json"},
    )  # fmt: skip
    bindings = response.json()["results"]["bindings"]
    return int(bindings[0]["n"]["value"]) if bindings else 0


def update(http, endpoint: Endpoint, text: str) -> None:
    call(http, "POST", endpoint.update, endpoint, data={"update": text})


class Upload:
    """A file as a request body: sent with a Content-Length, seekable so that requests can resend it after a retry
    or a digest challenge (a generator would be sent empty the second time), and reporting progress."""

    def __init__(self, stream: BinaryIO, advance: Callable[[int], object]) -> None:
        self.stream, self.advance = stream, advance

    def read(self, size: int = -1) -> bytes:
        block = self.stream.read(size)
        self.advance(len(block))
        return block

    def seek(self, offset: int, whence: int = 0) -> int:
        return self.stream.seek(offset, whence)

    def tell(self) -> int:
        return self.stream.tell()


def load(
    endpoint: Endpoint, files: list[Path], graph: str, replace: bool = True, bulk: bool = False,
    show_progress: bool = False,
) -> int:  # fmt: skip
    """Upload N-Triples ``files`` into ``graph`` atomically (or, with ``bulk``, straight into an empty graph);
    return the triple count of the target graph."""
    import pyoxigraph as ox

    temporary = f"{graph}-exopa-upload-{uuid.uuid4().hex}"
    try:  # IRIs checked and serialised for SPARQL
        target, new = str(ox.NamedNode(graph)), str(ox.NamedNode(temporary))
    except ValueError:
        raise RemoteError(f"{graph!r} is not a valid IRI for a graph") from None
    from .rdf_input import count_triples

    expected = count_triples(files)  # every file parsed before the server is contacted; InputError names the line
    http = session(endpoint)
    before = count(http, endpoint, graph)
    if bulk:
        if before:
            raise RemoteError(f"{endpoint.store}: --bulk loads only into an empty graph; <{graph}> holds {before}")
        return _bulk(http, endpoint, files, graph, expected, show_progress)
    try:
        _upload(http, endpoint, files, temporary, show_progress)
        uploaded = count(http, endpoint, temporary)
        if uploaded != expected:
            raise RemoteError(f"{endpoint.store}: uploaded {uploaded} triples but the files hold {expected}")
        if replace and before > 0:
            update(http, endpoint, replacement(new, target))
        else:  # appending, or replacing an empty graph: only inserts
            update(http, endpoint, f"ADD SILENT GRAPH {new} TO GRAPH {target}")
    finally:
        with contextlib.suppress(RemoteError):  # the temporary graph may not exist; the target is untouched
            update(http, endpoint, f"DROP SILENT GRAPH {new}")
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


def _upload(http, endpoint: Endpoint, files: list[Path], graph: str, show_progress: bool) -> None:
    """PUT the first file into ``graph`` and POST the others, with the server's bulk-upload options."""
    total = sum(path.stat().st_size for path in files)
    with _progress(total, show_progress) as advance:
        for index, path in enumerate(files):
            with path.open("rb") as stream:
                call(
                    http, "PUT" if index == 0 else "POST", endpoint.store, endpoint,
                    params={"graph": graph, **dict.fromkeys(endpoint.upload_options, "")},
                    data=Upload(stream, advance), headers={"Content-Type": "application/n-triples"},
                )  # fmt: skip


def _bulk(http, endpoint: Endpoint, files: list[Path], graph: str, expected: int, show_progress: bool) -> int:
    """The non-atomic load: straight into the (empty) target graph; on any failure the graph is dropped again."""
    import pyoxigraph as ox

    try:
        _upload(http, endpoint, files, graph, show_progress)
        after = count(http, endpoint, graph)
        if after != expected:
            raise RemoteError(f"{endpoint.store}: uploaded {after} triples but the files hold {expected}")
    except BaseException:
        with contextlib.suppress(RemoteError):
            update(http, endpoint, f"DROP SILENT GRAPH {ox.NamedNode(graph)}")
        raise
    return after


def replacement(new: str, target: str) -> str:
    """SPARQL Update giving graph ``target`` the triples of graph ``new`` (both ``<IRI>``) without deleting and
    re-inserting the triples they share."""
    return (
        f"DELETE {{ GRAPH {target} {{ ?s ?p ?o }} }}\n"
        f"WHERE {{ GRAPH {target} {{ ?s ?p ?o }} FILTER NOT EXISTS {{ GRAPH {new} {{ ?s ?p ?o }} }} }} ;\n"
        f"INSERT {{ GRAPH {target} {{ ?s ?p ?o }} }}\n"
        f"WHERE {{ GRAPH {new} {{ ?s ?p ?o }} FILTER NOT EXISTS {{ GRAPH {target} {{ ?s ?p ?o }} }} }}"
    )


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


#: Query URL endings of servers that take a ``timeout`` parameter in milliseconds (Virtuoso). It is sent only there:
#: the Oxigraph server refuses unknown parameters (it has its own ``--timeout-s``, which ``exopa serve`` sets).
SERVER_TIMEOUT_PATHS = ("/sparql", "/sparql-auth")
PREFIX_DECLARED = re.compile(r"\bPREFIX\s+([^\s:]*):", re.IGNORECASE)


def with_prefixes(text: str, prefixes: dict[str, str] | None) -> str:
    """The query with a ``PREFIX`` line for each of ``prefixes`` it does not declare itself (for endpoints, which
    know nothing of exopa's predeclared prefixes)."""
    if not prefixes:
        return text
    declared = set(PREFIX_DECLARED.findall(text))
    lines = [f"PREFIX {p}: <{ns}>" for p, ns in prefixes.items() if p not in declared]
    return "\n".join([*lines, text]) if lines else text


def select(endpoint: Endpoint, text: str, default_graph: str | None = None, limit: int | None = None):
    """Run a SELECT query on a remote endpoint with SPARQLWrapper, over ``default_graph`` if given (else the
    server's default graph), waiting at most ``endpoint.timeout`` seconds (also sent as the server's own query
    timeout where the server is known to take one); at most ``limit`` rows, as a :class:`~exopa.queries.Result`."""
    import pyoxigraph as ox
    from SPARQLWrapper import JSON, POST, SPARQLWrapper
    from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

    from .queries import Result

    client = SPARQLWrapper(endpoint.query)
    client.setMethod(POST)
    client.setReturnFormat(JSON)
    client.setQuery(text)
    if default_graph:
        client.addParameter("default-graph-uri", default_graph)
    client.setTimeout(int(endpoint.timeout))
    if endpoint.query.endswith(SERVER_TIMEOUT_PATHS):
        client.addParameter("timeout", str(int(endpoint.timeout * 1000)))
    user, password = os.environ.get("EXOPA_USER"), os.environ.get("EXOPA_PASSWORD")
    if user and password:
        client.setHTTPAuth("DIGEST" if endpoint.auth == "digest" else "BASIC")
        client.setCredentials(user, password)
    try:
        answer = client.query()
        data = answer.convert()
    except SPARQLWrapperException as error:
        raise RemoteError(f"{endpoint.query}: {' '.join(str(error).split())[:300]}") from None
    except OSError as error:
        raise RemoteError(f"{endpoint.query}: {type(error).__name__}: {error}") from None
    headers = answer.info()
    maximum = headers.get("x-sparql-maxrows")
    if maximum is not None and len(data["results"]["bindings"]) >= int(maximum):
        raise RemoteError(
            f"{endpoint.query}: the server cut the results at {maximum} rows (Virtuoso: raise ResultSetMaxRows)"
        )
    if headers.get("x-sql-state") == "S1TAT":  # Virtuoso's "anytime query": a partial answer at its timeout
        raise RemoteError(
            f"{endpoint.query}: the server stopped the query at its timeout and sent a partial answer "
            f"(--timeout {endpoint.timeout:g}; raise it, and MaxQueryExecutionTime in virtuoso.ini)"
        )

    blank_nodes: dict[str, ox.BlankNode] = {}  # server labels (Virtuoso: nodeID://b123) are not all valid ids

    def term(value: dict | None):
        if value is None:
            return None
        if value["type"] == "uri":
            return ox.NamedNode(value["value"])
        if value["type"] == "bnode":
            return blank_nodes.setdefault(value["value"], ox.BlankNode(f"b{len(blank_nodes)}"))
        if "xml:lang" in value:
            return ox.Literal(value["value"], language=value["xml:lang"])
        if "datatype" in value:
            return ox.Literal(value["value"], datatype=ox.NamedNode(value["datatype"]))
        return ox.Literal(value["value"])

    columns = data["head"]["vars"]
    bindings = data["results"]["bindings"]
    truncated = limit is not None and len(bindings) > limit
    rows = [tuple(term(binding.get(c)) for c in columns) for binding in bindings[:limit]]
    return Result(columns, rows, truncated)
