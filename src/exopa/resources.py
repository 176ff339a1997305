"""Where the packaged release files are, for an installed wheel and for a source checkout alike."""

from __future__ import annotations

import os
from functools import cache

TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path

#: Release formats and their file names.
FORMATS = {
    "ttl": "exopa.ttl",
    "nt": "exopa.nt",
    "entailed": "exopa-entailed.nt",
    "jsonld": "exopa.jsonld",
    "owl": "exopa.owl",
    "void": "exopa-void.ttl",
    "shapes": "exopa-shapes.ttl",
    "prefixes": "exopa-prefixes.json",
    "kgx_nodes": "exopa_kgx_nodes.tsv",
    "kgx_edges": "exopa_kgx_edges.tsv",
    "kgx_nodes_jsonl": "exopa_kgx_nodes.jsonl",
    "kgx_edges_jsonl": "exopa_kgx_edges.jsonl",
    "sssom": "exopa.sssom.tsv",
    # the OBO edition (src/exopa/export/obo.py): same IRIs, one English label per term, oboInOwl synonyms
    "obo_owl": "exopa-obo.owl",
    "obo_obo": "exopa-obo.obo",
    "obo_json": "exopa-obo.json",
    "obo_import": "exopa-obo-import.owl",
    "obo_babelon": "exopa-obo-zh.babelon.tsv",
    "obo_zh_owl": "exopa-obo-zh.owl",
}


# Paths are found with os.path and turned into pathlib.Path objects only when handed out: `exopa query` does not
# import pathlib (about as costly at start-up as argparse).


def _packaged(folder: str) -> str | None:
    """The data folder inside an installed wheel (``exopa/_data/``; a plain directory, not importlib.resources,
    which would cost ``exopa query`` about 10 ms of imports)."""
    candidate = os.path.join(os.path.dirname(os.path.abspath(__file__)), "_data", folder)
    return candidate if os.path.isdir(candidate) else None


def _source_root(start: str | None = None) -> str | None:
    folder = os.path.realpath(start or __file__)
    while True:
        if os.path.isfile(os.path.join(folder, "ontology", "exopa.ttl")):
            return folder
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def source_root(start: Path | None = None) -> Path | None:
    """The nearest folder at or above ``start`` (default: this module) that holds ``ontology/exopa.ttl``."""
    from pathlib import Path

    found = _source_root(str(start) if start is not None else None)
    return Path(found) if found is not None else None


@cache
def _data_dir(folder: str, in_checkout: str) -> str:
    packaged = _packaged(folder)
    if packaged is not None:
        return packaged
    root = _source_root()
    if root is not None and os.path.isdir(os.path.join(root, in_checkout)):
        return os.path.join(root, in_checkout)
    raise FileNotFoundError(f"no exopa {folder} found: reinstall exopa or run it from a source checkout")


def release_dir() -> Path:
    """The folder holding the release files: inside the installed package, else in the source checkout."""
    from pathlib import Path

    return Path(_data_dir("release", "ontology/release"))


def shapes_dir() -> Path:
    """The folder holding the hand-written SHACL shapes (``*.ttl``)."""
    from pathlib import Path

    return Path(_data_dir("shapes", "shapes"))


def queries_dir() -> Path:
    """The folder holding the canned SPARQL queries (``*.rq``)."""
    from pathlib import Path

    return Path(_data_dir("queries", "queries"))


def release_file(fmt: str) -> str:
    """:func:`release_path` as a string, without importing pathlib."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown release format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return os.path.join(_data_dir("release", "ontology/release"), FORMATS[fmt])


def query_file(name: str) -> str:
    """The path of the canned query ``name`` (``queries/NAME.rq``) as a string, without importing pathlib."""
    return os.path.join(_data_dir("queries", "queries"), f"{name}.rq")


def release_path(fmt: str = "ttl") -> Path:
    """Path of the release file in format ``fmt`` (one of :data:`FORMATS`; ``shapes`` is the generated SHACL)."""
    from pathlib import Path

    return Path(release_file(fmt))
