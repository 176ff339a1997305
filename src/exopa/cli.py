"""The ``exopa`` command line: build the release, describe it and query it."""

from __future__ import annotations

import argparse
import os
import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path


def at_least_zero(kind: type[int] | type[float], most: float = 1e9):
    """An argparse type: a number of ``kind`` from 0 to ``most`` (a timeout beyond about 30 years overflows the
    clocks it is given to; 0 already means none)."""

    def convert(text: str) -> int | float:
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
        if not 0 <= value <= most:  # also refuses nan and inf
            raise argparse.ArgumentTypeError(f"must be from 0 to {most:g}, not {text}")
        return value

    convert.__name__ = kind.__name__  # argparse names the type in its messages
    return convert


def port_number(text: str) -> int:
    """An argparse type: a TCP port, 0-65535."""
    if not text.isdigit() or int(text) > 65535:
        raise argparse.ArgumentTypeError(f"not a TCP port (0-65535): {text!r}")
    return int(text)


def http_url(text: str) -> str:
    """An argparse type: an http(s) URL with a host."""
    scheme, _, rest = text.partition("://")
    if scheme.lower() not in ("http", "https") or not rest or rest[0] in "/?#" or any(c.isspace() for c in text):
        raise argparse.ArgumentTypeError(f"not an http:// or https:// URL: {text!r}")
    return text


class UsageError(Exception):
    """A user mistake reported in one line with exit status 2."""


def folders(args: argparse.Namespace, default: str | None) -> tuple[Path | None, Path | None]:
    """The source checkout (``--root`` where the command has it, else the one holding the working directory) and
    the output folder: ``--out``, else ``default`` inside the checkout (or the working directory outside one), else
    None (the command's own default)."""
    from pathlib import Path

    from .resources import source_root

    root = Path(args.root) if getattr(args, "root", None) else source_root(Path.cwd())
    if args.out:
        return root, Path(args.out)
    return root, None if default is None else (root or Path.cwd()) / default


def cmd_build(args: argparse.Namespace) -> int:
    from .compile import CurationErrors
    from .release import build

    root, out = folders(args, None)
    if root is None:
        raise UsageError("exopa build: no ontology/exopa.ttl here or above; pass --root")
    warnings: list = []
    try:
        paths = build(root, out, True if args.strict else None, warnings)
    except CurationErrors as errors:
        for error in errors.errors:
            print(error, file=sys.stderr)
        print(f"exopa build: {len(errors.errors)} error(s); release files left unchanged", file=sys.stderr)
        return 1
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if warnings:
        print(f"exopa build: {len(warnings)} warning(s) (incomplete curation or evidence rule; errors with --strict)",
              file=sys.stderr)  # fmt: skip
    for path in paths.values():
        print(path)
    return 0


def cmd_docs(args: argparse.Namespace) -> int:
    root, out = folders(args, "docs")
    if root is None:
        raise UsageError("exopa docs: no ontology/exopa.ttl here or above; run it in a source checkout")
    try:
        from .docs import build_docs

        paths = build_docs(root, out)
    except ImportError as error:
        raise UsageError(f"exopa docs: {error.name} is not installed; pip install 'exopa[docs]'") from None
    except Exception as error:  # graphviz.ExecutableNotFound, without importing graphviz here
        if type(error).__name__ != "ExecutableNotFound":
            raise
        raise UsageError("exopa docs: Graphviz's dot program is not installed (apt-get install graphviz)") from None
    for path in paths.values():
        print(path)
    return 0


def cmd_site(args: argparse.Namespace) -> int:
    from .resources import release_dir

    _, out = folders(args, "build/site")
    try:
        from .export.site.build import build_site, figure
        from .export.w3id import SITE

        release = release_dir()
        report = build_site(release, out, args.base_url or SITE, figure(release))
    except ImportError as error:
        raise UsageError(f"exopa site: {error.name} is not installed; pip install 'exopa[docs]'") from None
    except Exception as error:  # graphviz.ExecutableNotFound, without importing graphviz here
        if type(error).__name__ != "ExecutableNotFound":
            raise
        raise UsageError("exopa site: Graphviz's dot program is not installed (apt-get install graphviz)") from None
    kinds = ", ".join(f"{n} {kind}" for kind, n in sorted(report.pages.items()))
    print(f"{out}: {len(report.files)} files, {report.size / 1e6:.1f} MB in {report.seconds:.1f} s; pages: {kinds}")
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    import json

    from .graph import store
    from .stats import compute
    from .terms import shorten

    stats = compute(store())
    if args.format == "json":
        data = {"triples": stats.triples, "classes": dict(stats.classes), "predicates": dict(stats.predicates)}
        print(json.dumps(data, indent=2, ensure_ascii=False))
        return 0
    print(f"triples: {stats.triples}\n\ninstances per class:")
    for iri, n in stats.classes:
        print(f"  {n:6d}  {shorten(iri)}")
    print("\ntriples per predicate:")
    for iri, n in stats.predicates:
        print(f"  {n:6d}  {shorten(iri)}")
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    from pathlib import Path

    from rdflib import Graph

    from .graph import graph as release_graph
    from .validation import InputError, read_rdf, render, validate

    data: Graph | None = None
    if args.files:
        try:  # every file is read before the release, so that a bad one is reported at once
            extensions = [read_rdf(Path(name)) for name in args.files]
        except InputError as error:
            raise UsageError(f"exopa validate: {error}") from None
        data = release_graph()
        for extension in extensions:
            data += extension
    result = validate(data, engine=args.engine, inference=args.inference, strict=args.strict)
    print(render(result, args.format, show_info=args.show_info))
    return 0 if result.conforms else 1


def cmd_load(args: argparse.Namespace) -> int:
    from pathlib import Path

    from .rdf_input import InputError
    from .remote import RemoteError, load
    from .resources import release_path

    files = [Path(f) for f in args.files] or [release_path("nt")]
    for path in files:
        if not path.is_file():
            raise UsageError(f"exopa load: {path}: " + ("not a file" if path.exists() else "no such file"))
        if path.suffix != ".nt":
            raise UsageError(f"exopa load: {path}: give N-Triples files (.nt)")
    graph = args.graph or default_graph()
    try:
        count = load(endpoint_of(args, args.endpoint), files, graph, replace=not args.append, bulk=args.bulk,
                     show_progress=sys.stderr.isatty())  # fmt: skip
    except InputError as error:  # a file is checked in full before the server is contacted
        raise UsageError(f"exopa load: {error}") from None
    except RemoteError as error:
        print(f"exopa load: {error}", file=sys.stderr)
        return 1
    print(f"loaded {count} triples into <{graph}> at {args.endpoint}")
    return 0


def default_version() -> str:
    """The release's version (owl:versionInfo)."""
    return default_graph().rsplit("/", 2)[-2]


def default_graph() -> str:
    """The release's version IRI, the default named graph for loads."""
    from rdflib import Graph
    from rdflib.namespace import OWL

    from .namespaces import ONTOLOGY_IRI
    from .resources import release_path

    header = Graph().parse(release_path("ttl"), format="turtle")
    return str(header.value(ONTOLOGY_IRI, OWL.versionIRI))


def cmd_serve(args: argparse.Namespace) -> int:
    """Serve the release with ``oxigraph serve-read-only`` (no update endpoint), on loopback unless --bind says
    otherwise, from a temporary store removed when the server stops."""
    import ipaddress
    import shutil
    import subprocess
    import tempfile
    from pathlib import Path

    from .resources import release_path

    beside = Path(sys.executable).with_name("oxigraph")
    exe = str(beside) if beside.exists() else shutil.which("oxigraph")
    if exe is None:
        raise UsageError("exopa serve: the Oxigraph server is not installed (pip install oxigraph)")
    try:
        loopback = args.bind == "localhost" or ipaddress.ip_address(args.bind).is_loopback
    except ValueError:
        loopback = False
    if not loopback:
        print(f"exopa serve: listening on {args.bind}, not only on loopback: other machines can query it",
              file=sys.stderr)  # fmt: skip
    location = tempfile.mkdtemp(prefix="exopa-serve-")
    try:
        files = ("nt", "entailed") if args.entailed else ("nt",)
        for fmt in files:
            subprocess.run([exe, "load", "--location", location, "--file", str(release_path(fmt))], check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
        command = [exe, "serve-read-only", "--location", location]
        if args.timeout:
            command += ["--timeout-s", str(max(1, round(args.timeout)))]
        from .web.gateway import serve, site_for

        site = Path(args.site) if args.site else site_for(release_path("nt").parent)
        if site is None:
            print("exopa serve: jinja2 is not installed (pip install 'exopa[server]'): SPARQL only, no term pages",
                  file=sys.stderr)  # fmt: skip
        return serve(command, args.bind, args.port, site, default_version())
    finally:
        shutil.rmtree(location, ignore_errors=True)


def cmd_diff(args: argparse.Namespace) -> int:
    from pathlib import Path

    from .diff import compare, load, render
    from .rdf_input import InputError

    graphs = []
    for name in (args.old, args.new):
        try:
            graphs.append(load(Path(name)))
        except InputError as error:
            raise UsageError(f"exopa diff: {error}") from None
    print(render(compare(*graphs), args.format))
    return 0


def parse_params(pairs: list[str]) -> dict[str, str]:
    params: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name:
            raise UsageError(f"--param expects NAME=VALUE, got {pair!r}")
        params[name] = value
    return params


def cmd_query(args: argparse.Namespace) -> int:
    from .queries import QueryError, catalogue, get

    if args.list or not args.name:
        listing = []
        for query in catalogue().values():
            params = " ".join(
                f"{p.name}:{p.type}" + ("" if p.required else f"={p.default if p.default else '(optional)'}")
                for p in query.params
            )
            listing.append((query.name, query.title, params, query.description))
        if args.format == "table":
            for name, title, params, _ in listing:
                print(f"{name:28s} {title}" + (f"  [{params}]" if params else ""))
            return 0
        import pyoxigraph as ox

        from .output import render
        from .queries import Result

        rows = [tuple(ox.Literal(value) for value in row) for row in listing]
        print(render(Result(["name", "title", "parameters", "description"], rows), args.format))
        return 0
    try:
        query = get(args.name)
        from .queries import bound

        text, terms = bound(query, parse_params(args.param))
    except QueryError as error:
        raise UsageError(f"exopa query: {error}") from None
    return show(text, terms, args, source=args.name, prefixes=None)


def query_file(argument: str) -> Path | None:
    """The file an ``exopa sparql`` argument names (a ``.rq``/``.sparql`` path, or any existing path), else None."""
    from pathlib import Path

    if "\n" in argument or len(argument) > 1024:
        return None
    path = Path(argument)
    try:
        return path if path.suffix in (".rq", ".sparql") or path.exists() else None
    except (OSError, ValueError):  # e.g. a query text too long for a file name
        return None


def cmd_sparql(args: argparse.Namespace) -> int:
    from .iris import SPARQL_PREFIXES
    from .rdf_input import InputError, check_nesting, check_text, read_bytes

    if args.prefixes:
        for prefix, namespace in SPARQL_PREFIXES.items():
            print(f"PREFIX {prefix + ':':10s} <{namespace}>")
        return 0
    if args.query is None:
        raise UsageError("exopa sparql: give a query (text or a .rq/.sparql file), or --prefixes")
    stdin = args.query == "-"
    source = "stdin" if stdin else query_file(args.query)
    try:
        if stdin:
            text = check_text(sys.stdin.buffer.read(), source)
        else:
            text = args.query if source is None else check_text(read_bytes(source), source)
        if not text.strip():
            empty = " on standard input" if stdin else " (the file is empty)" if source else ""
            raise InputError(source or "query", "no SPARQL query" + empty)
        check_nesting(text, str(source or "query"))
    except InputError as error:
        raise UsageError(f"exopa sparql: {error}") from None
    name = str(source) if source is not None else "query"
    from .sparql import is_update

    if is_update(text):
        if not args.update:
            raise UsageError(f"exopa sparql: {name} is a SPARQL Update; give --update to run it")
        return run_update(text, args, name)
    return show(text, {}, args, source=name, prefixes=SPARQL_PREFIXES)


def run_update(text: str, args: argparse.Namespace, name: str) -> int:
    """``exopa sparql --update``: on an endpoint, through its update URL; else on a private in-memory copy of the
    release (the release files are never written), reporting the triple counts before and after."""
    from .iris import SPARQL_PREFIXES
    from .queries import QueryError

    if args.endpoint:
        from .remote import RemoteError, session, update, with_prefixes

        endpoint = endpoint_of(args, args.endpoint)
        try:
            update(session(endpoint), endpoint, with_prefixes(text, SPARQL_PREFIXES))
        except RemoteError as error:
            print(f"exopa sparql: {error}", file=sys.stderr)
            return 1
        print(f"update applied at {endpoint.update}")
        return 0
    from .graph import store
    from .sparql import update

    copy = store(args.entailed)
    before = len(copy)
    try:
        update(copy, text, source=name)
    except QueryError as error:
        raise UsageError(f"exopa sparql: {error}") from None
    except OSError as error:  # e.g. a LOAD whose source cannot be read (pyoxigraph loads only http and https)
        print(f"exopa sparql: {name}: the update failed: {error} (the release files are unchanged)", file=sys.stderr)
        return 1
    print(f"update applied to an in-memory copy of the release: {before} triples before, {len(copy)} after "
          "(the release files are unchanged)")  # fmt: skip
    return 0


def endpoint_of(args: argparse.Namespace, url: str):
    from .remote import Endpoint

    timeout = getattr(args, "timeout", 60.0) or 86400.0
    return Endpoint.from_url(
        url, query=getattr(args, "query_endpoint", None), update=getattr(args, "update_endpoint", None),
        auth=args.auth, verify=not args.insecure, timeout=timeout,
    )  # fmt: skip


def show(text: str, terms: dict, args: argparse.Namespace, source: str, prefixes) -> int:
    """Run a SELECT query on the embedded store or an endpoint and print it; exit 1 on a failure or timeout, 3 when
    the rows were cut at --limit."""
    from .output import render
    from .queries import QueryError

    if args.graph and not args.endpoint:
        raise UsageError("exopa: --graph is for remote queries; give --endpoint too")
    limit = args.limit or None
    try:
        if args.endpoint:
            from .queries import with_values
            from .remote import RemoteError, select, with_prefixes

            try:
                result = select(endpoint_of(args, args.endpoint), with_prefixes(with_values(text, terms), prefixes),
                                default_graph=args.graph, limit=limit)  # fmt: skip
            except RemoteError as error:
                print(f"exopa: {error}", file=sys.stderr)
                return 1
        else:
            from .graph import shared_store
            from .sparql import QueryFailed, QueryTimeout, run

            try:  # in a thread: a query past its deadline is left behind, and the command exits at once
                result = run(shared_store(args.entailed), text, terms, limit=limit, timeout=args.timeout or None,
                             prefixes=prefixes, source=source, worker="thread")  # fmt: skip
            except QueryTimeout as error:
                print(f"exopa: {error}", file=sys.stderr, flush=True)
                sys.stdout.flush()
                os._exit(1)  # the query's thread cannot be stopped; end the process without waiting for it
            except QueryFailed as error:
                print(f"exopa: {error}", file=sys.stderr)
                return 1
    except QueryError as error:
        raise UsageError(f"exopa: {error}") from None
    print(render(result, args.format))
    if result.truncated:
        print(f"exopa: {source}: the answer was cut at {args.limit} rows (--limit {args.limit}); raise it with "
              "--limit ROWS, or --limit 0 for no cap", file=sys.stderr)  # fmt: skip
        return 3
    return 0


def query_options(command: argparse.ArgumentParser, entailed: bool) -> None:
    if isinstance(command, _Unused):
        return
    from .output import FORMATS
    from .sparql import DEFAULT_LIMIT, DEFAULT_TIMEOUT

    command.add_argument("--format", choices=FORMATS, default="table",
                         help="table (fits the terminal), csv, tsv, json, markdown, or a SPARQL results format "
                              "written by pyoxigraph (sparql-json, sparql-xml, sparql-csv, sparql-tsv)")  # fmt: skip
    command.add_argument("--timeout", type=at_least_zero(float), default=DEFAULT_TIMEOUT, metavar="SECONDS",
                         help=f"stop the query after this long (default {DEFAULT_TIMEOUT:g}; 0: no limit); with "
                              "--endpoint, the HTTP timeout, also sent to Virtuoso as its query timeout")  # fmt: skip
    command.add_argument("--limit", type=at_least_zero(int), default=DEFAULT_LIMIT, metavar="ROWS",
                         help=f"print at most this many rows, exit status 3 if there were more (default "
                              f"{DEFAULT_LIMIT}; 0: no cap)")  # fmt: skip
    command.add_argument(
        "--entailed", action=argparse.BooleanOptionalAction, default=entailed,
        help=f"query the release plus its RDFS entailment, exopa-entailed.nt (default {'on' if entailed else 'off'})",
    )  # fmt: skip


def remote_options(command: argparse.ArgumentParser, required: bool = False) -> None:
    help_text = (
        "Graph Store URL (e.g. Oxigraph's http://127.0.0.1:7878/store or Virtuoso's "
        "http://127.0.0.1:8890/sparql-graph-crud-auth)"
        if required
        else "SPARQL endpoint URL to query"
    )
    command.add_argument("--endpoint", type=http_url, required=required, help=help_text)
    if required:
        command.add_argument("--query-endpoint", type=http_url,
                             help="SPARQL query URL (default: derived from --endpoint)")  # fmt: skip
    else:
        command.add_argument("--graph", help="with --endpoint: the graph to query as default graph (default-graph-uri)")
    command.add_argument("--auth", choices=["basic", "digest"],
                         help="HTTP authentication, with EXOPA_USER/EXOPA_PASSWORD or ~/.netrc "
                              "(default: digest for Virtuoso's .../sparql-graph-crud-auth and .../sparql-auth, "
                              "else basic)")  # fmt: skip
    command.add_argument("--insecure", action="store_true", help="do not verify HTTPS certificates")


class _Unused:
    """Stands in for the parser of a command that is not being run: its arguments are not built (building every
    command's arguments costs `exopa query` about 10 ms at start-up)."""

    def add_argument(self, *args, **kwargs) -> None:
        pass

    def add_mutually_exclusive_group(self, *args, **kwargs) -> _Unused:
        return self

    def set_defaults(self, **kwargs) -> None:
        pass


class _Formatter(argparse.HelpFormatter):
    """argparse's help formatter with the width found without importing shutil (and with it bz2 and lzma), which
    argparse does for every argument added: about 5 ms of `exopa query`'s start."""

    def __init__(self, prog: str, **options) -> None:
        if options.get("width") is None:
            try:
                options["width"] = max(int(os.environ.get("COLUMNS", 0)) or os.get_terminal_size().columns, 40) - 2
            except (OSError, ValueError):
                options["width"] = 78
        super().__init__(prog, **options)


def parser(only: str | None = None) -> argparse.ArgumentParser:
    """The argument parser; with ``only``, the arguments of that command alone (the others are listed, empty)."""
    main = argparse.ArgumentParser(
        prog="exopa", description="The Exosome-PhotoAging knowledge graph.", formatter_class=_Formatter
    )
    from . import __version__

    main.add_argument("--version", action="version", version=f"exopa {__version__}")
    subparsers = main.add_subparsers(dest="command", required=True)

    class commands:  # noqa: N801 - stands in for the subparsers action
        @staticmethod
        def add_parser(name: str, **kwargs):
            command = subparsers.add_parser(name, formatter_class=_Formatter, **kwargs)
            return command if only in (None, name) else _Unused()

    build = commands.add_parser("build", help="compile ontology/curation/*.tsv and the TBox into ontology/release/")
    build.add_argument("--root", help="source checkout (default: the one containing the current directory)")
    build.add_argument("--out", help="output folder (default: ROOT/ontology/release)")
    build.add_argument("--strict", action="store_true",
                       help="refuse findings without translation_en or modality, breaches of the evidence rule and "
                            "experimental models without a kind (warnings otherwise, until the curation is complete)")
    build.set_defaults(run=cmd_build)
    docs = commands.add_parser("docs", help="write the ontology's HTML documentation and the mechanism network figure")
    docs.add_argument("--out", help="output folder (default: docs/ in the source checkout)")
    docs.set_defaults(run=cmd_docs)
    site = commands.add_parser("site", help="write the static website: a page and RDF for every term, search, Table 1")
    site.add_argument("--out", help="output folder (default: build/site in the source checkout)")
    site.add_argument("--base-url", help="where the site will be hosted (default: the repository's GitHub Pages)")
    site.set_defaults(run=cmd_site)
    stats = commands.add_parser("stats", help="count instances per class and triples per predicate")
    stats.add_argument("--format", choices=["text", "json"], default="text")
    stats.set_defaults(run=cmd_stats)
    query = commands.add_parser("query", help="run a canned query (see --list)")
    query.add_argument("name", nargs="?", help="query name")
    query.add_argument("--list", action="store_true", help="list the canned queries and their parameters")
    query.add_argument("--param", action="append", default=[], metavar="NAME=VALUE", help="a query parameter")
    query_options(query, entailed=False)
    remote_options(query)
    query.set_defaults(run=cmd_query)
    sparql = commands.add_parser(
        "sparql", help="run an ad-hoc SPARQL SELECT query (text or a .rq file) with the exopa prefixes declared"
    )
    sparql.add_argument("query", nargs="?", help="the query text, the path of a .rq/.sparql file, or - to read it "
                        "from standard input")
    sparql.add_argument("--prefixes", action="store_true", help="list the predeclared prefixes and exit")
    sparql.add_argument("--update", action="store_true",
                        help="allow a SPARQL Update: on an in-memory copy of the release (never written back), or "
                             "with --endpoint on the server")  # fmt: skip
    query_options(sparql, entailed=True)
    remote_options(sparql)
    sparql.set_defaults(run=cmd_sparql)
    load = commands.add_parser(
        "load", help="upload the release (or N-Triples files) into a store (Graph Store Protocol)"
    )
    load.add_argument("files", nargs="*", help="N-Triples files (default: the release)")
    load.add_argument("--graph", help="target named graph (default: the release's version IRI)")
    mode = load.add_mutually_exclusive_group()
    mode.add_argument("--replace", action="store_true", default=True, help="replace the graph's content (default)")
    mode.add_argument("--append", action="store_true", help="add to the graph's content")
    mode.add_argument(
        "--bulk", action="store_true",
        help="fast, not atomic: upload straight into an empty or new graph with the server's bulk loader; a failed "
        "load is dropped, but readers may see a partial graph meanwhile",
    )  # fmt: skip
    remote_options(load, required=True)
    load.add_argument("--update-endpoint", type=http_url, help="SPARQL Update URL (default: derived from --endpoint)")
    load.add_argument("--timeout", type=at_least_zero(float), default=3600.0,
                      help="seconds to wait for the server to take an upload or an update (default 3600)")  # fmt: skip
    load.set_defaults(run=cmd_load)
    serve = commands.add_parser("serve", help="serve the release read-only: SPARQL at /query, term IRIs as pages or RDF")  # noqa: E501
    serve.add_argument("--port", type=port_number, default=7878)
    serve.add_argument(
        "--bind", default="127.0.0.1",
        help="address to listen on (default 127.0.0.1, this machine only; 0.0.0.0 for every interface)",
    )  # fmt: skip
    serve.add_argument("--entailed", action="store_true", help="also serve the RDFS entailment (exopa-entailed.nt)")
    serve.add_argument("--timeout", type=at_least_zero(float), default=60.0, metavar="SECONDS",
                       help="the server's query timeout (default 60; 0: none)")  # fmt: skip
    serve.add_argument("--site", help="the `exopa site` folder to serve term pages from (default: built once, cached)")
    serve.set_defaults(run=cmd_serve)
    validate = commands.add_parser("validate", help="check the release, or your RDF files merged with it, with SHACL")
    validate.add_argument("files", nargs="*", help="RDF files to validate together with the release (default: none)")
    validate.add_argument("--format", choices=["text", "json", "turtle"], default="text")
    validate.add_argument("--strict", action="store_true", help="warnings also fail (exit 1)")
    validate.add_argument("--show-info", action="store_true", help="also list Info results (MISEV reporting gaps)")
    validate.add_argument("--engine", choices=["turbo", "pyshacl"], default="turbo", help="SHACL engine")
    validate.add_argument("--inference", choices=["none", "rdfs"], default="none")
    validate.set_defaults(run=cmd_validate)
    diff = commands.add_parser("diff", help="what a new release adds, removes and changes (release notes)")
    diff.add_argument("old", help="the old release file (any RDF format)")
    diff.add_argument("new", help="the new release file")
    diff.add_argument("--format", choices=["text", "json"], default="text")
    diff.set_defaults(run=cmd_diff)
    return main


COMMANDS = ("build", "docs", "stats", "query", "sparql", "load", "serve", "validate", "diff")


def main(argv: list[str] | None = None) -> int:
    words = sys.argv[1:] if argv is None else argv
    first = next((word for word in words if not word.startswith("-")), None)
    args = parser(first if first in COMMANDS else None).parse_args(argv)
    try:
        return args.run(args)
    except UsageError as error:
        print(error, file=sys.stderr)
        return 2
    except BrokenPipeError:  # output piped into head or less that closed early
        sys.stderr.close()
        return 0
    except OSError as error:  # a file that cannot be read or written, outside the inputs checked above
        where = f"{error.filename}: " if error.filename else ""
        print(f"exopa: {where}{error.strerror or error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
