"""Real triple store servers for tests and benchmarks: Oxigraph and Virtuoso Open Source 7, each on free loopback
ports with its data in a private directory, started and stopped (or killed) on demand.

``VirtuosoServer`` runs ``virtuoso-t`` from Debian's ``virtuoso-opensource-7-bin`` with its own ``virtuoso.ini``,
never the package's system service. On first start it secures the fresh database through ``isql-vt``: a new ``dba``
password and a ``loader`` user holding only the ``SPARQL_UPDATE`` role, which is what the Graph Store
(``/sparql-graph-crud-auth``) and SPARQL Update (``/sparql-auth``) endpoints need; the anonymous ``/sparql`` user keeps
read-only access.
"""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_up(url: str, process: subprocess.Popen | None = None, seconds: float = 120) -> None:
    """Wait until ``url`` answers a SPARQL ``ASK {}`` over HTTP (any status), or fail if the process died."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"the server for {url} exited with status {process.returncode}")
        try:
            requests.get(url, params={"query": "ASK {}"}, timeout=2)
            return
        except requests.ConnectionError:
            time.sleep(0.1)
    raise RuntimeError(f"no server answered at {url}")


def oxigraph_binary() -> str:
    beside = Path(sys.executable).with_name("oxigraph")
    exe = str(beside) if beside.exists() else shutil.which("oxigraph")
    assert exe, "the Oxigraph server (pip install oxigraph) is needed for these tests"
    return exe


class OxigraphServer:
    """An Oxigraph server on a free loopback port; its Graph Store is ``base/store``."""

    def __init__(self, location: Path) -> None:
        self.location, self.port, self.process = location, free_port(), None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def store(self) -> str:
        return self.base + "/store"

    def start(self, *options: str) -> None:
        """Start ``oxigraph serve`` (or ``serve-read-only`` with its options) and wait until it answers."""
        command = options[0] if options else "serve"
        self.process = subprocess.Popen(
            [oxigraph_binary(), command, "--location", str(self.location), *options[1:],
             "--bind", f"127.0.0.1:{self.port}"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        wait_until_up(self.base + "/query", self.process)

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=60)
            self.process = None

    def kill(self) -> None:
        """Stop the server abruptly (SIGKILL), as a crash or a power cut would."""
        if self.process is not None:
            self.process.kill()
            self.process.wait(timeout=60)
            self.process = None


VIRTUOSO_INI = """\
[Database]
DatabaseFile = {db}/virtuoso.db
ErrorLogFile = {db}/virtuoso.log
LockFile = {db}/virtuoso.lck
TransactionFile = {db}/virtuoso.trx
xa_persistent_file = {db}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {db}/virtuoso-temp.db
TransactionFile = {db}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
MaxClientConnections = 10
CheckpointInterval = 60
CaseMode = 2
DirsAllowed = {db}
NumberOfBuffers = {buffers}
MaxDirtyBuffers = {dirty_buffers}
ThreadsPerQuery = 2
TransactionAfterImageLimit = 1000000000

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {db}
MaxClientConnections = 10
ServerThreads = 10
Charset = UTF-8

[SPARQL]
ResultSetMaxRows = {max_rows}
MaxQueryCostEstimationTime = 0
MaxQueryExecutionTime = 0
"""


def virtuoso_binaries() -> tuple[str, str]:
    """``virtuoso-t`` and ``isql-vt`` (Debian's name for Virtuoso's isql), or an AssertionError naming the package."""
    server, isql = shutil.which("virtuoso-t"), shutil.which("isql-vt") or shutil.which("isql")
    assert server and isql, "Virtuoso is needed: apt-get install virtuoso-opensource-7-bin (scripts/test.sh does)"
    return server, isql


class VirtuosoServer:
    """Virtuoso Open Source 7 on free loopback ports, with a private database in ``directory``."""

    LOADER = "loader"
    MAX_ROWS = 1_000_000

    def __init__(self, directory: Path, buffers: int = 20_000) -> None:
        self.directory = directory
        self.port, self.sql_port = free_port(), free_port()
        self.dba_password = secrets.token_hex(12)
        self.loader_password = secrets.token_hex(12)
        self.buffers = buffers
        self.process: subprocess.Popen | None = None
        self.log = None
        self.secured = False

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def store(self) -> str:
        """The Graph Store Protocol endpoint with digest authentication."""
        return self.base + "/sparql-graph-crud-auth"

    @property
    def ini(self) -> Path:
        return self.directory / "virtuoso.ini"

    @property
    def credentials(self) -> dict[str, str]:
        """Environment variables with which ``exopa load`` writes as the least-privileged loader user."""
        return {"EXOPA_USER": self.LOADER, "EXOPA_PASSWORD": self.loader_password}

    def write_ini(self, max_rows: int | None = None) -> None:
        """Write the private ``virtuoso.ini``. Virtuoso rereads ``[SPARQL]`` on every request, so this also changes
        ``ResultSetMaxRows`` of a running server."""
        self.directory.mkdir(parents=True, exist_ok=True)
        text = VIRTUOSO_INI.format(
            db=self.directory, sql_port=self.sql_port, http_port=self.port, buffers=self.buffers,
            dirty_buffers=self.buffers * 3 // 4, max_rows=max_rows or self.MAX_ROWS,
        )  # fmt: skip
        temporary = self.ini.with_suffix(".tmp")
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, self.ini)

    def start(self) -> None:
        """Start ``virtuoso-t`` in the foreground, wait until HTTP answers, and secure the database on first start."""
        server, _ = virtuoso_binaries()
        if not self.ini.exists():
            self.write_ini()
        self.log = (self.directory / "server.out").open("ab")
        self.process = subprocess.Popen(
            [server, "+foreground", "+configfile", str(self.ini)], cwd=self.directory,
            stdout=self.log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        try:
            wait_until_up(self.base + "/sparql", self.process, seconds=300)
            if not self.secured:
                self.secure()
        except BaseException:
            self.kill()
            raise

    def isql(self, script: str, password: str | None = None) -> str:
        """Run an SQL script as ``dba`` through ``isql-vt``; fail with its output on any SQL error."""
        _, isql = virtuoso_binaries()
        done = subprocess.run(
            [isql, f"127.0.0.1:{self.sql_port}", "dba", password or self.dba_password],
            input=script + "\nEXIT;\n", capture_output=True, text=True, timeout=300,
        )  # fmt: skip
        if done.returncode != 0 or "*** Error" in done.stdout + done.stderr:
            raise RuntimeError(f"isql-vt failed: {done.stdout}{done.stderr}")
        return done.stdout

    def secure(self) -> None:
        """Create the loader user with only ``SPARQL_UPDATE``, disable the ``dav`` account and replace the default
        ``dba``/``dba`` password."""
        self.isql(
            f"DB.DBA.USER_CREATE ('{self.LOADER}', '{self.loader_password}');\n"
            f'GRANT SPARQL_UPDATE TO "{self.LOADER}";\n'
            "USER_SET_OPTION ('dav', 'DISABLED', 1);\n"  # the WebDAV account of a fresh database is dav/dav
            f'SET PASSWORD "dba" "{self.dba_password}";\n'
            "CHECKPOINT;",
            password="dba",
        )
        self.secured = True

    def stop(self) -> None:
        """Shut down cleanly (SIGTERM makes Virtuoso checkpoint and exit)."""
        if self.process is not None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=120)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=60)
            self._closed()

    def kill(self) -> None:
        """Stop the server abruptly (SIGKILL); the next start rolls the transaction log forward."""
        if self.process is not None:
            self.process.kill()
            self.process.wait(timeout=60)
            self._closed()
            (self.directory / "virtuoso.lck").unlink(missing_ok=True)  # a killed server leaves its lock file

    def _closed(self) -> None:
        self.process = None
        if self.log is not None:
            self.log.close()
            self.log = None


def replicated_ntriples(path: Path, triples: int) -> int:
    """Write exactly ``triples`` distinct triples to ``path`` as N-Triples, deterministically: the release, then copies
    of it whose subject IRIs (``IRI/copy-N``) and blank nodes are renamed, as many as needed."""
    import pyoxigraph as ox

    import exopa

    release = list(ox.parse(path=str(exopa.release_path("nt")), format=ox.RdfFormat.N_TRIPLES))

    def renamed(term, copy: int):
        if isinstance(term, ox.BlankNode):
            return ox.BlankNode(f"{term.value}c{copy}")
        return ox.NamedNode(f"{term.value}/copy-{copy}")

    def generate():
        written, copy = 0, 0
        while True:
            for quad in release:
                if written == triples:
                    return
                if copy == 0:
                    yield ox.Triple(quad.subject, quad.predicate, quad.object)
                else:
                    obj = renamed(quad.object, copy) if isinstance(quad.object, ox.BlankNode) else quad.object
                    yield ox.Triple(renamed(quad.subject, copy), quad.predicate, obj)
                written += 1
            copy += 1

    ox.serialize(generate(), output=str(path), format=ox.RdfFormat.N_TRIPLES)
    return triples


APACHE = Path("/usr/sbin/apache2")
APACHE_MODULES = Path("/usr/lib/apache2/modules")


class ApacheServer:
    """Apache httpd (Debian's apache2) on a free loopback port with a private configuration: ServerRoot in
    ``root``, mod_rewrite, mod_headers, mod_mime, mod_alias, and ``AllowOverride All`` in the ``aliases`` (URL path
    -> folder), the way w3id.org serves each project folder with its ``.htaccess``. It runs in the foreground
    (``-X``, one process), so stopping it is terminating one process."""

    MODULES = ("mpm_event", "authz_core", "rewrite", "headers", "mime", "alias", "dir")

    def __init__(self, root: Path, aliases: dict[str, Path]) -> None:
        self.root, self.aliases, self.port, self.process = root, aliases, free_port(), None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def config(self) -> str:
        (self.root / "htdocs").mkdir(parents=True, exist_ok=True)
        lines = [f'ServerRoot "{self.root}"', f"PidFile {self.root}/httpd.pid", f"Listen 127.0.0.1:{self.port}",
                 "ServerName 127.0.0.1", f"ErrorLog {self.root}/error.log", "LogLevel warn rewrite:info",
                 "TypesConfig /etc/mime.types", f'DocumentRoot "{self.root}/htdocs"']  # fmt: skip
        lines += [f"LoadModule {m}_module {APACHE_MODULES}/mod_{m}.so" for m in self.MODULES]
        # the media types a static host (GitHub Pages) gives these extensions
        lines += ["AddType text/turtle .ttl", "AddType application/ld+json .jsonld",
                  "AddType application/rdf+xml .rdf .owl", "AddType application/n-triples .nt",
                  "AddType text/tab-separated-values .tsv", "AddDefaultCharset utf-8"]  # fmt: skip
        for url, folder in self.aliases.items():
            lines += [f'Alias "{url}" "{folder}"', f'<Directory "{folder}">', "  AllowOverride All",
                      "  Options +FollowSymLinks", "  Require all granted", "</Directory>"]  # fmt: skip
        return "\n".join(lines) + "\n"

    def start(self, seconds: float = 10) -> float:
        """Start the server; return how long it took to answer."""
        assert APACHE.exists(), "apache2 is not installed (bash scripts/test.sh installs it)"
        conf = self.root / "httpd.conf"
        conf.write_text(self.config(), encoding="utf-8")
        started = time.monotonic()
        self.process = subprocess.Popen([str(APACHE), "-f", str(conf), "-X"], stdout=subprocess.DEVNULL,
                                        stderr=subprocess.PIPE, cwd=self.root)  # fmt: skip
        while time.monotonic() - started < seconds:
            if self.process.poll() is not None:
                raise RuntimeError(f"apache2 exited: {self.process.stderr.read().decode()} {self.log()}")
            try:
                requests.get(self.base + "/", timeout=1)
                return time.monotonic() - started
            except requests.ConnectionError:
                time.sleep(0.05)
        raise RuntimeError(f"apache2 did not answer within {seconds} s: {self.log()}")

    def log(self) -> str:
        path = self.root / "error.log"
        return path.read_text(encoding="utf-8", errors="replace")[-2000:] if path.exists() else ""

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
