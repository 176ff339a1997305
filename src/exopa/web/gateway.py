"""``exopa serve``: one HTTP port for the SPARQL endpoint and the term IRIs.

The Oxigraph server answers SPARQL on a private loopback port; this gateway listens on the user's port, passes
``/query`` (and the read-only ``/store``) through to it, and dereferences term IRIs as w3id.org does: ``GET /adsc-exos``
gives 303 See Other to ``/adsc-exos.html`` for a browser, or to ``/adsc-exos.ttl`` (``.jsonld``, ``.rdf``, ``.nt``) for
an RDF client, and those files are served from the generated site. So the graph can be browsed locally the way it
resolves on the web (with ``http://HOST:PORT/`` in place of ``https://w3id.org/exopa/``).
"""

from __future__ import annotations

import http.server
import mimetypes
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from functools import partial
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..export.site.layout import MEDIA_TYPES
from .negotiation import resolve

PROXIED = ("/query", "/store")
TYPES = {f".{ext}": media for ext, media in MEDIA_TYPES.items()} | {".owl": "application/rdf+xml",
         ".tsv": "text/tab-separated-values", ".js": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml",
         ".json": "application/json", ".txt": "text/plain"}  # fmt: skip


class Gateway(http.server.BaseHTTPRequestHandler):
    """Pass SPARQL through to Oxigraph, negotiate term IRIs, serve the site's files."""

    server_version = "exopa"
    site: Path | None
    sparql: str  # base URL of the Oxigraph server
    version: str

    def log_message(self, format: str, *args: object) -> None:  # quiet, like oxigraph
        pass

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        self.handle_request(body=False)

    def do_HEAD(self) -> None:  # noqa: N802
        self.handle_request(body=False, head=True)

    def do_POST(self) -> None:  # noqa: N802
        self.handle_request(body=True)

    def handle_request(self, body: bool, head: bool = False) -> None:
        path = urlsplit(self.path).path
        if path.startswith(PROXIED):
            return self.proxy(body)
        if body:
            return self.send_error(405, "only /query and /store take POST")
        target = resolve(unquote(path).lstrip("/"), self.headers.get("Accept", ""), self.version)
        if target is not None:
            status, location = target
            self.send_response(status)
            self.send_header("Location", "/" + location)
            self.send_header("Vary", "Accept")
            self.send_header("Content-Length", "0")
            return self.end_headers()
        self.static(unquote(path), head)

    def static(self, path: str, head: bool) -> None:
        if self.site is None:
            return self.send_error(404, "no term pages: pip install 'exopa[server]'")
        file = (self.site / path.lstrip("/")).resolve()
        if not file.is_relative_to(self.site.resolve()) or not file.is_file():
            return self.send_error(404, "no such page or term")
        data = file.read_bytes()
        media = TYPES.get(file.suffix) or mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        self.send_response(200)
        self.send_header("Content-Type", media + ("; charset=utf-8" if media.startswith("text/") else ""))
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if not head:
            self.wfile.write(data)

    def proxy(self, body: bool) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        data = self.rfile.read(length) if body and length else None
        headers = {k: v for k, v in self.headers.items() if k.lower() in ("accept", "content-type")}
        request = urllib.request.Request(self.sparql + self.path, data=data, headers=headers, method=self.command)
        try:
            with urllib.request.urlopen(request, timeout=3600) as response:
                status, reply, content = response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            status, reply, content = error.code, error.headers, error.read()
        self.send_response(status)
        for name in ("Content-Type",):
            if reply.get(name):
                self.send_header(name, reply[name])
        self.send_header("Content-Length", str(len(content)))
        self.end_headers()
        self.wfile.write(content)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def stop(*_: object) -> None:
    raise KeyboardInterrupt


def serve(oxigraph: list[str], bind: str, port: int, site: Path | None, version: str) -> int:
    """Run ``oxigraph`` (a ``serve-read-only`` command line without ``--bind``) on a private loopback port and the
    gateway on ``bind:port`` until interrupted; returns the exit status."""
    internal = free_port()
    handler = type("Handler", (Gateway,), {"site": site, "sparql": f"http://127.0.0.1:{internal}", "version": version})
    try:  # bound before the store's server starts, so that a port in use or a bad address leaves nothing running
        httpd = http.server.ThreadingHTTPServer((bind, port), partial(handler))
    except (OSError, OverflowError) as error:
        reason = getattr(error, "strerror", None) or error
        print(f"exopa serve: cannot listen on {bind}:{port}: {reason}", file=sys.stderr)
        return 2
    server = subprocess.Popen([*oxigraph, "--bind", f"127.0.0.1:{internal}"])
    signal.signal(signal.SIGTERM, stop)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and server.poll() is None:
        try:
            socket.create_connection(("127.0.0.1", internal), timeout=1).close()
            break
        except OSError:
            time.sleep(0.05)
    print(f"serving the release read-only at http://{bind}:{port}/ : SPARQL at /query, term pages and RDF at "
          "/{local} "
          "(Ctrl-C stops it)", file=sys.stderr)  # fmt: skip
    try:
        httpd.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        httpd.server_close()
        server.terminate()
        server.wait()
    return 0


def site_for(release: Path) -> Path | None:
    """The site of ``release`` for serving: built once into the user's cache (keyed by the release and the site
    generator's files), so later starts are immediate; None when Jinja2 is not installed."""
    import hashlib
    import os
    import shutil
    import tempfile
    from importlib import resources

    try:
        from ..export.site.build import build_site, figure
    except ImportError:
        return None
    from ..export.w3id import SITE
    from ..resources import FORMATS

    digest = hashlib.sha256()
    generator = Path(str(resources.files("exopa.export.site")))
    for path in [release / FORMATS[f] for f in ("nt", "void", "prefixes")] + sorted(generator.rglob("*.*")):
        if path.suffix != ".pyc":
            digest.update(path.read_bytes())
    cache = (
        Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "exopa" / f"site-{digest.hexdigest()[:16]}"
    )
    if not (cache / "index.html").is_file():
        cache.parent.mkdir(parents=True, exist_ok=True)
        print(f"building the site once into {cache} ...", file=sys.stderr)
        try:
            svg = figure(release)
        except Exception:  # no Graphviz: the site without the figure page
            svg = None
        staging = Path(tempfile.mkdtemp(prefix=".site-", dir=cache.parent))
        build_site(release, staging, SITE, svg)
        shutil.rmtree(cache, ignore_errors=True)
        os.replace(staging, cache)
    return cache
