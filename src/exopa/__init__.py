"""exopa: the Exosome-PhotoAging knowledge graph.

The public surface is small:

- :func:`graph` — the release as an rdflib Graph;
- :func:`store` — the release in an embedded pyoxigraph Store (SPARQL 1.1); ``entailed=True`` adds its RDFS
  entailment (superclasses, super-properties);
- :func:`release_path` — the path of a release file (``"ttl"`` or ``"nt"``);
- :func:`build` — compile curation tables into release files;
- :func:`query` — run a canned SPARQL query by name and get its rows as dictionaries;
- :func:`validate` — SHACL-validate the release or a graph; the result has ``conforms``, ``violations``,
  ``problems`` and ``report_graph``.
"""

from __future__ import annotations

from .graph import graph, store  # light: rdflib and pyoxigraph are imported when called
from .resources import release_path


def build(root, out=None) -> dict:
    """Compile the curation tables and the TBox under ``root`` (a source checkout) into the release files, written
    atomically into ``out`` (default ``root/ontology/release``); the paths written, by format. The compiler is
    imported on first use, so that ``exopa query`` does not load it."""
    from pathlib import Path

    from .release import build as compile_release

    return compile_release(Path(root), Path(out) if out is not None else None)


def query(name: str, store=None, *, entailed: bool = False, **params: str) -> list[dict[str, object]]:
    """Run the canned query ``name`` (see ``exopa query --list``) with typed parameters; rows as plain values.

    Without ``store`` it runs on the release, loaded once per process and kept read-only (with ``entailed``, the
    release plus its RDFS entailment, ``exopa-entailed.nt``)."""
    import pyoxigraph as ox

    from .graph import shared_store
    from .queries import QueryError, plain_rows, prepared

    text, substitutions = prepared(name, tuple(sorted(params.items())))
    solutions = (shared_store(entailed) if store is None else store).query(text, substitutions=substitutions)
    if not isinstance(solutions, ox.QuerySolutions):
        raise QueryError(f"query '{name}' is not a SELECT query")
    return plain_rows([variable.value for variable in solutions.variables], solutions)


def validate(data=None, engine: str = "turbo", inference: str = "none", strict: bool = False):
    """Validate ``data`` (an rdflib Graph; default: the release) against the exopa SHACL shapes."""
    from .validation import validate as run_validation

    return run_validation(data, engine=engine, inference=inference, strict=strict)


__all__ = ["build", "graph", "query", "release_path", "store", "validate"]
__version__ = "0.1.0"
