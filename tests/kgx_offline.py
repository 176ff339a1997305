"""Run KGX offline against the Biolink Model YAML of the installed biolink-model package (no network).

Executed by the Python of the isolated venv that holds kgx (see ``tests/test_kgx_tools.py``), never imported by the
tests themselves: ``python kgx_offline.py validate OUT.json [PREFIX=URI...] FILE...`` writes KGX's validation report
as JSON (the ``PREFIX=URI`` arguments add prefixes to Biolink's JSON-LD context: a KG registers its own local prefix);
``python kgx_offline.py merge OUT_PREFIX NODES EDGES [NODES EDGES...]`` loads each node/edge pair (TSV or JSONL) as
one graph, merges them with KGX's ``merge_all_graphs`` (as ``kgx merge`` does) and writes the result as KGX JSONL
(``OUT_PREFIX_nodes.jsonl``, ``OUT_PREFIX_edges.jsonl``).
"""

from __future__ import annotations

import json
import os
import sys
from importlib import resources
from pathlib import Path


def offline(extra: dict[str, str]) -> None:
    """Point bmt and KGX at the local Biolink Model before kgx is imported (its import builds a Toolkit)."""
    import bmt.toolkit

    schema = str(resources.files("biolink_model").joinpath("schema/biolink_model.yaml"))
    prefixes = json.loads(resources.files("biolink_model").joinpath("prefixmaps/biolink_model_prefix_map.json")
                          .read_text(encoding="utf-8"))  # fmt: skip
    bmt.toolkit.Toolkit.__init__.__defaults__ = (schema, {"predicate mappings": []})
    import kgx.config

    context = {**prefixes, "biolink": "https://w3id.org/biolink/vocab/", **extra}
    kgx.config.jsonld_context_map["biolink"] = context


def input_format(path: str) -> str:
    return "jsonl" if path.endswith(".jsonl") else "tsv"


def validate(out: Path, files: list[str]) -> None:
    from kgx.cli.cli_utils import validate as kgx_validate

    formats = {input_format(path) for path in files}
    assert len(formats) == 1, "validate one format at a time"
    errors = kgx_validate(files, formats.pop(), None, os.devnull, None)
    out.write_text(json.dumps(errors, indent=1, sort_keys=True, default=str), encoding="utf-8")


def merge(out: str, files: list[str]) -> None:
    from kgx.graph_operations.graph_merge import merge_all_graphs
    from kgx.transformer import Transformer

    graphs = []
    for nodes, edges in zip(files[::2], files[1::2], strict=True):
        transformer = Transformer()
        transformer.transform({"filename": [nodes, edges], "format": input_format(nodes)})
        graphs.append(transformer.store.graph)
    graph = merge_all_graphs(graphs, preserve=True)
    with open(f"{out}_nodes.jsonl", "w", encoding="utf-8") as stream:
        for node, data in sorted(graph.nodes(data=True)):
            stream.write(json.dumps({**data, "id": node}, sort_keys=True, default=str) + "\n")
    with open(f"{out}_edges.jsonl", "w", encoding="utf-8") as stream:
        for subject, obj, _key, data in sorted(graph.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2])):
            stream.write(json.dumps({**data, "subject": subject, "object": obj}, sort_keys=True, default=str) + "\n")


def main(argv: list[str]) -> None:
    command, out, *rest = argv
    extra = dict(arg.split("=", 1) for arg in rest if "=" in arg)
    files = [arg for arg in rest if "=" not in arg]
    offline(extra)
    if command == "validate":
        validate(Path(out), files)
    elif command == "merge":
        merge(out, files)
    else:
        raise SystemExit(f"unknown command {command!r}")


if __name__ == "__main__":
    main(sys.argv[1:])
