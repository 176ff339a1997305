"""Deterministic serialisation of the release graph and atomic writing of the release files."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from rdflib import Graph
from rdflib.compare import to_canonical_graph

from .compile import compile_graph
from .namespaces import PREFIXES
from .resources import FORMATS
from .tables import CurationError


def canonical_turtle(graph: Graph) -> bytes:
    """Turtle with canonical blank-node labels, so that equal graphs give equal bytes."""
    canonical = Graph()
    for triple in to_canonical_graph(graph):
        canonical.add(triple)
    for prefix, namespace in graph.namespaces():
        canonical.bind(prefix, namespace, override=True)
    return canonical.serialize(format="turtle", encoding="utf-8")


def jsonld(graph: Graph) -> bytes:
    """JSON-LD compacted with the release prefixes as @context; nodes and values sorted for stable output."""
    context = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}
    document = json.loads(graph.serialize(format="json-ld", context=context, auto_compact=True))
    nodes = document.get("@graph", [document])
    for node in nodes:
        for key, value in node.items():
            if isinstance(value, list):
                node[key] = sorted(value, key=lambda item: json.dumps(item, sort_keys=True, ensure_ascii=False))
    nodes.sort(key=lambda node: str(node.get("@id", "")))
    text = json.dumps({"@context": context, "@graph": nodes}, sort_keys=True, ensure_ascii=False, indent=1)
    return (text + "\n").encode("utf-8")


def rdf_xml(ntriples: bytes) -> bytes:
    """RDF/XML (exopa.owl) written by pyoxigraph from the sorted N-Triples, so the order is stable."""
    import pyoxigraph as ox

    triples = ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES)
    prefixes = {prefix: str(namespace) for prefix, namespace in PREFIXES.items() if prefix not in ("rdf", "xsd")}
    return ox.serialize(triples, format=ox.RdfFormat.RDF_XML, prefixes=prefixes)


def serialize(graph: Graph) -> dict[str, bytes]:
    """The release files' bytes, keyed by format: blank nodes canonicalised, N-Triples lines sorted."""
    canonical = Graph()
    for triple in to_canonical_graph(graph):
        canonical.add(triple)
    for prefix, namespace in PREFIXES.items():
        canonical.bind(prefix, namespace, override=True)
    turtle = canonical.serialize(format="turtle", encoding="utf-8")
    lines = canonical.serialize(format="nt", encoding="utf-8").decode("utf-8").splitlines()
    ntriples = "".join(line + "\n" for line in sorted(set(lines)) if line.strip()).encode("utf-8")
    return {"ttl": turtle, "nt": ntriples, "jsonld": jsonld(canonical), "owl": rdf_xml(ntriples)}


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


def prefix_map(root: Path) -> bytes:
    """The release's prefixes (those of the mapping sets, the evidence and unit ontologies, DOIs, exopa) with their
    Bioregistry records, as a curies extended prefix map (see :mod:`exopa.prefixes`)."""
    from .mappings import read_sssom
    from .prefixes import release_prefix_records

    prefixes: set[str] = set()
    for path in sorted((root / "ontology" / "mappings").glob("*.sssom.tsv")):
        prefixes.update(read_sssom(path)[0].get("curie_map", {}))
    return release_prefix_records(prefixes)


def build(
    root: Path, out: Path | None = None, strict: bool | None = None, warnings: list[CurationError] | None = None
) -> dict[str, Path]:
    """Compile the sources under ``root`` and write the release files (default ``root/ontology/release``).

    ``strict`` and ``warnings`` are those of :func:`exopa.compile.compile_graph`.
    """
    from .entailment import entailed, ntriples
    from .export.kgx import TABLE, kgx_files
    from .export.obo import edition_files
    from .mappings import canonical_sssom
    from .shapes import generated_shapes
    from .void import describe

    out = out or root / "ontology" / "release"
    graph = compile_graph(root, strict, warnings)
    data = serialize(graph)
    data["entailed"] = ntriples(entailed(graph))
    tbox = Graph().parse(root / "ontology" / "exopa.ttl", format="turtle")
    data["shapes"] = canonical_turtle(generated_shapes(tbox))
    data["prefixes"] = prefix_map(root)
    if (root / TABLE).is_file():  # like the mapping set, the Biolink table is optional in a bare source tree
        data.update(kgx_files(root, graph, json.loads(data["prefixes"])))  # an extended prefix map
    sssom = root / "ontology" / "mappings" / FORMATS["sssom"]
    if sssom.is_file():
        data["sssom"] = canonical_sssom(sssom)
    records = json.loads(data["prefixes"])  # a curies extended prefix map
    data.update(edition_files(graph, {record["prefix"]: record["uri_prefix"] for record in records}))
    data["void"] = canonical_turtle(describe(graph, data))
    paths = {fmt: out / FORMATS[fmt] for fmt in data}
    write_atomically({paths[fmt]: data[fmt] for fmt in data})
    return paths
