"""The installed `exopa` command works from any directory."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import RDF

from exopa.namespaces import EXOPA


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    beside = Path(sys.executable).with_name("exopa")
    exe = str(beside) if beside.exists() else shutil.which("exopa")
    assert exe, "the exopa console script is not installed"
    return subprocess.run([exe, *args], cwd=cwd, capture_output=True, text=True, timeout=120)


def test_stats_from_another_directory(tmp_path: Path, release_graph: Graph) -> None:
    done = run("stats", "--format", "json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    stats = json.loads(done.stdout)
    assert stats["triples"] == len(release_graph)
    findings = len(set(release_graph.subjects(RDF.type, EXOPA.Finding)))
    assert stats["classes"][str(EXOPA.Finding)] == findings
    assert stats["predicates"][str(EXOPA.subject)] == findings


def test_build_outside_a_checkout_explains_itself(tmp_path: Path) -> None:
    done = run("build", cwd=tmp_path)
    assert done.returncode == 2
    assert "no ontology/exopa.ttl" in done.stderr
