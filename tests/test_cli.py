"""The installed `exopa` command works from any directory."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import run_exopa
from rdflib import Graph
from rdflib.namespace import RDF

from exopa.namespaces import EXOPA


def test_stats_from_another_directory(tmp_path: Path, release_graph: Graph) -> None:
    done = run_exopa("stats", "--format", "json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    stats = json.loads(done.stdout)
    assert stats["triples"] == len(release_graph)
    findings = len(set(release_graph.subjects(RDF.type, EXOPA.Finding)))
    assert stats["classes"][str(EXOPA.Finding)] == findings
    assert stats["predicates"][str(EXOPA.subject)] == findings


def test_build_outside_a_checkout_explains_itself(tmp_path: Path) -> None:
    done = run_exopa("build", cwd=tmp_path)
    assert done.returncode == 2
    assert "no ontology/exopa.ttl" in done.stderr


@pytest.mark.parametrize(
    ("command", "expected", "allowed"),
    [
        (["query", "exosome-pathways", "--param", "exosomes=ipsc-exos", "--format", "tsv"], "ERK1/2", set()),
        # the release's prefix map, read to expand the CURIE, is JSON
        (["query", "lookup-external-id", "--param", "id=CL:0000312", "--format", "tsv"], "keratinocyte", {"json"}),
    ],
)
def test_query_cold_path_imports_no_heavy_module(command: list[str], expected: str, allowed: set[str]) -> None:
    """`exopa query NAME` imports only what a query needs: no rdflib, reasoner, SHACL engine or HTTP client, and no
    curies for a CURIE parameter."""
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "exopa", *command], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert expected in done.stdout
    imported = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines() if line.startswith("import time:")}
    assert "pyoxigraph" in imported and "exopa.queries" in imported
    heavy = {"rdflib", "pyshacl", "pyshacl_turbo", "owlready2", "requests", "urllib3", "SPARQLWrapper", "yaml",
             "bioregistry", "curies", "exopa.compile", "exopa.release", "exopa.validation", "exopa.remote",
             # costly at start-up for what they give here (issue 15: within 1.5x of a minimal pyoxigraph script)
             "pathlib", "typing", "dataclasses", "importlib.resources", "shutil", "rich", "json"}  # fmt: skip
    assert imported & (heavy - allowed) == set()


def test_plain_namespace_strings_agree_with_rdflib_namespaces() -> None:
    from exopa import iris, namespaces

    assert {prefix: str(namespace) for prefix, namespace in namespaces.PREFIXES.items()} == iris.PREFIXES
    assert (str(namespaces.EXOPA), str(namespaces.OBO)) == (iris.EXOPA, iris.OBO)
