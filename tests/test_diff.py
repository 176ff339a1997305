"""`exopa diff`: release notes between two releases."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from conftest import FIXTURES, ROOT, run_exopa

from exopa.release import build


def release_of(tmp_path: Path, name: str, edit=None) -> Path:
    """Build the minimal fixture (optionally edited) and return its N-Triples release."""
    root = tmp_path / name
    (root / "ontology" / "curation").mkdir(parents=True)
    shutil.copy(ROOT / "ontology" / "exopa.ttl", root / "ontology" / "exopa.ttl")
    shutil.copytree(ROOT / "ontology" / "source", root / "ontology" / "source")
    for table in (FIXTURES / "build" / "minimal").glob("*.tsv"):
        shutil.copy(table, root / "ontology" / "curation" / table.name)
    if edit:
        edit(root / "ontology" / "curation")
    return build(root)["nt"]


def edit(curation: Path) -> None:
    entities = curation / "entities.tsv"
    text = entities.read_text(encoding="utf-8").replace("\tMMP-1\t", "\tMMP-1 (interstitial collagenase)\t")
    text += "mmp3\tEnzyme\tMMP-3\t\t\tA matrix metalloproteinase (stromelysin-1).\tsection-3-4\t\t\n"
    entities.write_text(text, encoding="utf-8")
    findings = curation / "findings.tsv"
    lines = findings.read_text(encoding="utf-8").splitlines()
    findings.write_text(
        "\n".join(line for line in lines if not line.startswith("finding-1-01")) + "\n", encoding="utf-8"
    )


def test_diff_reports_added_removed_and_changed(tmp_path: Path) -> None:
    old = release_of(tmp_path, "old")
    new = release_of(tmp_path, "new", edit)
    done = run_exopa("diff", str(old), str(new), "--format", "json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["entities"]["added"] == ["exopa:mmp3"]
    assert report["entities"]["removed"] == []
    assert report["entities"]["changed"]["exopa:mmp1"] == [
        '- rdfs:label "MMP-1"@en',
        '+ rdfs:label "MMP-1 (interstitial collagenase)"@en',
    ]
    # removing a finding also removes the plain edge it materialised
    assert report["entities"]["changed"]["exopa:uvb"] == ["- exopa:hasQuality exopa:wavelength"]
    assert report["findings"]["removed"] == ["exopa:finding-1-01"]
    text = run_exopa("diff", str(old), str(new)).stdout
    assert text.splitlines()[0] == "entities: 1 added, 0 removed, 2 changed"
    # a finding's label is made from its entities' labels, so renaming MMP-1 changes the finding about it
    assert "findings: 0 added, 1 removed, 1 changed" in text
    assert list(report["findings"]["changed"]) == ["exopa:finding-3-4-01"]
