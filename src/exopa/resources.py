"""Where the packaged release files are, for an installed wheel and for a source checkout alike."""

from __future__ import annotations

from functools import cache
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
    "sssom": "exopa.sssom.tsv",
}


def _packaged(folder: str) -> Path | None:
    """The data folder inside an installed wheel (``exopa/_data/``; a plain directory, not importlib.resources,
    which would cost ``exopa query`` about 10 ms of imports)."""
    candidate = Path(__file__).parent / "_data" / folder
    return candidate if candidate.is_dir() else None


def source_root(start: Path | None = None) -> Path | None:
    """The nearest folder at or above ``start`` (default: this module) that holds ``ontology/exopa.ttl``."""
    here = (start or Path(__file__)).resolve()
    for folder in [here, *here.parents]:
        if (folder / "ontology" / "exopa.ttl").is_file():
            return folder
    return None


@cache
def _data_dir(folder: str, in_checkout: str) -> Path:
    packaged = _packaged(folder)
    if packaged is not None:
        return packaged
    root = source_root()
    if root is not None and (root / in_checkout).is_dir():
        return root / in_checkout
    raise FileNotFoundError(f"no exopa {folder} found: reinstall exopa or run it from a source checkout")


def release_dir() -> Path:
    """The folder holding the release files: inside the installed package, else in the source checkout."""
    return _data_dir("release", "ontology/release")


def shapes_dir() -> Path:
    """The folder holding the hand-written SHACL shapes (``*.ttl``)."""
    return _data_dir("shapes", "shapes")


def queries_dir() -> Path:
    """The folder holding the canned SPARQL queries (``*.rq``)."""
    return _data_dir("queries", "queries")


def release_path(fmt: str = "ttl") -> Path:
    """Path of the release file in format ``fmt`` (one of :data:`FORMATS`; ``shapes`` is the generated SHACL)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown release format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return release_dir() / FORMATS[fmt]
