"""Deterministic serialisation of the release graph and atomic writing of the release files."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from rdflib import Graph
from rdflib.compare import to_canonical_graph

from .compile import compile_graph
from .namespaces import PREFIXES
from .resources import FORMATS


def canonical_turtle(graph: Graph) -> bytes:
    """Turtle with canonical blank-node labels, so that equal graphs give equal bytes."""
    canonical = Graph()
    for triple in to_canonical_graph(graph):
        canonical.add(triple)
    for prefix, namespace in graph.namespaces():
        canonical.bind(prefix, namespace, override=True)
    return canonical.serialize(format="turtle", encoding="utf-8")


def serialize(graph: Graph) -> dict[str, bytes]:
    """The release files' bytes, keyed by format: blank nodes canonicalised, N-Triples lines sorted."""
    canonical = Graph()
    for triple in to_canonical_graph(graph):
        canonical.add(triple)
    for prefix, namespace in PREFIXES.items():
        canonical.bind(prefix, namespace, override=True)
    turtle = canonical.serialize(format="turtle", encoding="utf-8")
    lines = canonical.serialize(format="nt", encoding="utf-8").decode("utf-8").splitlines()
    ntriples = "".join(line + "\n" for line in sorted(set(lines)) if line.strip())
    return {"ttl": turtle, "nt": ntriples.encode("utf-8")}


def write_atomically(files: dict[Path, bytes]) -> None:
    """Write every file to a temporary sibling first, then rename them all into place."""
    staged: list[tuple[Path, Path]] = []
    try:
        for target, data in files.items():
            target.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            os.chmod(temporary, 0o644)
            staged.append((Path(temporary), target))
    except BaseException:
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)
        raise
    for temporary, target in staged:
        os.replace(temporary, target)


def build(root: Path, out: Path | None = None) -> dict[str, Path]:
    """Compile the sources under ``root`` and write the release files (default ``root/ontology/release``)."""
    from .shapes import generated_shapes

    out = out or root / "ontology" / "release"
    data = serialize(compile_graph(root))
    tbox = Graph().parse(root / "ontology" / "exopa.ttl", format="turtle")
    data["shapes"] = canonical_turtle(generated_shapes(tbox))
    paths = {fmt: out / FORMATS[fmt] for fmt in data}
    write_atomically({paths[fmt]: data[fmt] for fmt in data})
    return paths
