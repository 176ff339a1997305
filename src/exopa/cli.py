"""The ``exopa`` command line: build the release and describe it."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .namespaces import PREFIXES


def shorten(iri: str) -> str:
    """Write an IRI as a CURIE when one of the release prefixes covers it."""
    for prefix, namespace in sorted(PREFIXES.items(), key=lambda item: -len(str(item[1]))):
        if iri.startswith(str(namespace)):
            return f"{prefix}:{iri[len(str(namespace)) :]}"
    return iri


def cmd_build(args: argparse.Namespace) -> int:
    from .compile import CurationErrors
    from .release import build
    from .resources import source_root

    root = Path(args.root) if args.root else source_root(Path.cwd())
    if root is None:
        print("exopa build: no ontology/exopa.ttl here or above; pass --root", file=sys.stderr)
        return 2
    try:
        paths = build(root, Path(args.out) if args.out else None)
    except CurationErrors as errors:
        for error in errors.errors:
            print(error, file=sys.stderr)
        print(f"exopa build: {len(errors.errors)} error(s); release files left unchanged", file=sys.stderr)
        return 1
    for path in paths.values():
        print(path)
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    from .graph import store
    from .stats import compute

    stats = compute(store())
    if args.format == "json":
        print(
            json.dumps(
                {"triples": stats.triples, "classes": dict(stats.classes), "predicates": dict(stats.predicates)},
                indent=2,
                ensure_ascii=False,
            )
        )
        return 0
    print(f"triples: {stats.triples}\n\ninstances per class:")
    for iri, n in stats.classes:
        print(f"  {n:6d}  {shorten(iri)}")
    print("\ntriples per predicate:")
    for iri, n in stats.predicates:
        print(f"  {n:6d}  {shorten(iri)}")
    return 0


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="exopa", description="The Exosome-PhotoAging knowledge graph.")
    commands = main.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help="compile ontology/curation/*.tsv and the TBox into ontology/release/")
    build.add_argument("--root", help="source checkout (default: the one containing the current directory)")
    build.add_argument("--out", help="output folder (default: ROOT/ontology/release)")
    build.set_defaults(run=cmd_build)
    stats = commands.add_parser("stats", help="count instances per class and triples per predicate")
    stats.add_argument("--format", choices=["text", "json"], default="text")
    stats.set_defaults(run=cmd_stats)
    return main


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
