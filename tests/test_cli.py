"""The installed `exopa` command works from any directory."""

from __future__ import annotations

import json
from pathlib import Path

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
