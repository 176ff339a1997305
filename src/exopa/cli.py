"""The ``exopa`` command line: build the release, describe it and query it."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path


class UsageError(Exception):
    """A user mistake reported in one line with exit status 2."""


def cmd_build(args: argparse.Namespace) -> int:
    from .compile import CurationErrors
    from .release import build
    from .resources import source_root

    root = Path(args.root) if args.root else source_root(Path.cwd())
    if root is None:
        raise UsageError("exopa build: no ontology/exopa.ttl here or above; pass --root")
    warnings: list = []
    try:
        paths = build(root, Path(args.out) if args.out else None, True if args.strict else None, warnings)
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
    from .resources import source_root

    root = source_root(Path.cwd())
    if root is None:
        raise UsageError("exopa docs: no ontology/exopa.ttl here or above; run it in a source checkout")
    try:
        from .docs import build_docs

        paths = build_docs(root, Path(args.out) if args.out else root / "docs")
    except ImportError as error:
        raise UsageError(f"exopa docs: {error.name} is not installed; pip install 'exopa[docs]'") from None
    except Exception as error:  # graphviz.ExecutableNotFound, without importing graphviz here
        if type(error).__name__ != "ExecutableNotFound":
            raise
        raise UsageError("exopa docs: Graphviz's dot program is not installed (apt-get install graphviz)") from None
    for path in paths.values():
        print(path)
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
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
    from rdflib import Graph

    from .graph import graph as release_graph
    from .validation import InputError, read_rdf, render, validate

    data: Graph | None = None
    if args.files:
        data = release_graph()
        try:
            for name in args.files:
                data += read_rdf(Path(name))
        except InputError as error:
            raise UsageError(f"exopa validate: {error}") from None
    result = validate(data, engine=args.engine, inference=args.inference, strict=args.strict)
    print(render(result, args.format, show_info=args.show_info))
    return 0 if result.conforms else 1


def cmd_load(args: argparse.Namespace) -> int:
    from .remote import RemoteError, load
    from .resources import release_path

    files = [Path(f) for f in args.files] or [release_path("nt")]
    for path in files:
        if not path.is_file():
            raise UsageError(f"exopa load: {path}: no such file")
        if path.suffix != ".nt":
            raise UsageError(f"exopa load: {path}: give N-Triples files (.nt)")
    graph = args.graph or default_graph()
    try:
        count = load(endpoint_of(args, args.endpoint), files, graph, replace=not args.append, bulk=args.bulk,
                     show_progress=sys.stderr.isatty())  # fmt: skip
    except RemoteError as error:
        print(f"exopa load: {error}", file=sys.stderr)
        return 1
    print(f"loaded {count} triples into <{graph}> at {args.endpoint}")
    return 0


def default_graph() -> str:
    """The release's version IRI, the default named graph for loads."""
    from rdflib import Graph
    from rdflib.namespace import OWL

    from .namespaces import ONTOLOGY_IRI
    from .resources import release_path

    header = Graph().parse(release_path("ttl"), format="turtle")
    return str(header.value(ONTOLOGY_IRI, OWL.versionIRI))


def cmd_serve(args: argparse.Namespace) -> int:
    import shutil
    import subprocess
    import tempfile

    from .resources import release_path

    beside = Path(sys.executable).with_name("oxigraph")
    exe = str(beside) if beside.exists() else shutil.which("oxigraph")
    if exe is None:
        raise UsageError("exopa serve: the Oxigraph server is not installed (pip install oxigraph)")
    location = tempfile.mkdtemp(prefix="exopa-serve-")
    subprocess.run([exe, "load", "--location", location, "--file", str(release_path("nt"))], check=True)
    print(f"serving the release read-only at http://{args.bind}:{args.port}/query", file=sys.stderr)
    os.execv(exe, [exe, "serve-read-only", "--location", location, "--bind", f"{args.bind}:{args.port}"])
    return 0


def cmd_diff(args: argparse.Namespace) -> int:
    from .diff import compare, load, render

    graphs = []
    for name in (args.old, args.new):
        try:
            graphs.append(load(Path(name)))
        except FileNotFoundError:
            raise UsageError(f"exopa diff: {name}: no such file") from None
        except Exception as error:  # rdflib raises a parser-specific exception type per format
            raise UsageError(f"exopa diff: {name}: {error}".splitlines()[0]) from None
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
        for query in catalogue().values():
            params = " ".join(
                f"{p.name}:{p.type}" + ("" if p.required else f"={p.default if p.default else '(optional)'}")
                for p in query.params
            )
            print(f"{query.name:28s} {query.title}" + (f"  [{params}]" if params else ""))
        return 0
    try:
        query = get(args.name)
        from .queries import bindings

        terms = bindings(query, parse_params(args.param))
    except QueryError as error:
        raise UsageError(f"exopa query: {error}") from None
    return show(query.text, terms, args)


def cmd_sparql(args: argparse.Namespace) -> int:
    source = Path(args.query)
    is_file = source.suffix in (".rq", ".sparql") and source.is_file()
    text = source.read_text(encoding="utf-8") if is_file else args.query
    return show(text, {}, args)


def endpoint_of(args: argparse.Namespace, url: str):
    from .remote import Endpoint

    return Endpoint.from_url(
        url, query=getattr(args, "query_endpoint", None), update=getattr(args, "update_endpoint", None),
        auth=args.auth, verify=not args.insecure, timeout=getattr(args, "timeout", 60.0),
    )  # fmt: skip


def show(text: str, terms: dict, args: argparse.Namespace) -> int:
    from .output import render
    from .queries import QueryError, run_on_store, with_values

    if args.graph and not args.endpoint:
        raise UsageError("exopa: --graph is for remote queries; give --endpoint too")
    try:
        if args.endpoint:
            from .remote import RemoteError, select

            try:
                result = select(endpoint_of(args, args.endpoint), with_values(text, terms), default_graph=args.graph)
            except RemoteError as error:
                print(f"exopa: {error}", file=sys.stderr)
                return 1
        else:
            from .graph import store

            result = run_on_store(store(), text, terms)
    except SyntaxError as error:
        raise UsageError(f"exopa: SPARQL syntax {error}") from None
    except QueryError as error:
        raise UsageError(f"exopa: {error}") from None
    print(render(result, args.format))
    return 0


def remote_options(command: argparse.ArgumentParser, required: bool = False) -> None:
    help_text = (
        "Graph Store URL (e.g. Oxigraph's http://127.0.0.1:7878/store or Virtuoso's "
        "http://127.0.0.1:8890/sparql-graph-crud-auth)"
        if required
        else "SPARQL endpoint URL to query"
    )
    command.add_argument("--endpoint", required=required, help=help_text)
    if required:
        command.add_argument("--query-endpoint", help="SPARQL query URL (default: derived from --endpoint)")
    else:
        command.add_argument("--graph", help="with --endpoint: the graph to query as default graph (default-graph-uri)")
    command.add_argument("--auth", choices=["basic", "digest"],
                         help="HTTP authentication, with EXOPA_USER/EXOPA_PASSWORD or ~/.netrc "
                              "(default: digest for Virtuoso's .../sparql-graph-crud-auth and .../sparql-auth, "
                              "else basic)")  # fmt: skip
    command.add_argument("--insecure", action="store_true", help="do not verify HTTPS certificates")


def parser() -> argparse.ArgumentParser:
    from .output import FORMATS

    main = argparse.ArgumentParser(prog="exopa", description="The Exosome-PhotoAging knowledge graph.")
    commands = main.add_subparsers(dest="command", required=True)
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
    stats = commands.add_parser("stats", help="count instances per class and triples per predicate")
    stats.add_argument("--format", choices=["text", "json"], default="text")
    stats.set_defaults(run=cmd_stats)
    query = commands.add_parser("query", help="run a canned query (see --list)")
    query.add_argument("name", nargs="?", help="query name")
    query.add_argument("--list", action="store_true", help="list the canned queries and their parameters")
    query.add_argument("--param", action="append", default=[], metavar="NAME=VALUE", help="a query parameter")
    query.add_argument("--format", choices=FORMATS, default="table")
    remote_options(query)
    query.set_defaults(run=cmd_query)
    sparql = commands.add_parser("sparql", help="run an ad-hoc SPARQL SELECT query (text or a .rq file)")
    sparql.add_argument("query", help="the query text, or the path of a .rq/.sparql file")
    sparql.add_argument("--format", choices=FORMATS, default="table")
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
    load.add_argument("--update-endpoint", help="SPARQL Update URL (default: derived from --endpoint)")
    load.add_argument("--timeout", type=float, default=3600.0,
                      help="seconds to wait for the server to take an upload or an update (default 3600)")  # fmt: skip
    load.set_defaults(run=cmd_load)
    serve = commands.add_parser("serve", help="serve the release read-only with the Oxigraph server")
    serve.add_argument("--port", type=int, default=7878)
    serve.add_argument("--bind", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
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


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except UsageError as error:
        print(error, file=sys.stderr)
        return 2
    except BrokenPipeError:  # output piped into head or less that closed early
        sys.stderr.close()
        return 0


if __name__ == "__main__":
    sys.exit(main())
