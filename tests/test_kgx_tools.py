"""exopa's KGX files in KGX itself: ``kgx validate`` against the local Biolink Model, and a merge with another
Biolink graph that joins on shared ids.

KGX pins versions of linkml and friends that clash with the project's, so it runs in the tests' own venv, created
once under a cache folder (``$EXOPA_TEST_CACHE``, default ``~/.cache/exopa-tests``) and reused while it imports. The
runner ``tests/kgx_offline.py`` points KGX at the Biolink Model YAML of the biolink-model package: no network.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import venv
from importlib import resources
from pathlib import Path

import pytest
import yaml
from conftest import FIXTURES

from exopa import release_path
from exopa.iris import EXOPA

KGX = ["kgx==2.6.0", "biolink-model==4.4.6"]  # the KGX release validated against, with the Biolink release we map to
RUNNER = Path(__file__).with_name("kgx_offline.py")
#: KGX 2.6.0 tests categories with the regex ^([A-Z][a-z\d]+)+$, which rejects Biolink class names holding an
#: acronym (MicroRNA, RNAProduct); the test checks that each such category is a real Biolink class.
CAMELCASE_FALSE_POSITIVE = "is not in CamelCase form"


@pytest.fixture(scope="session")
def kgx_python() -> Path:
    cache = Path(os.environ.get("EXOPA_TEST_CACHE", Path.home() / ".cache" / "exopa-tests"))
    folder = cache / ("kgx-" + KGX[0].split("==")[1])
    python = folder / "bin" / "python"
    if python.exists() and subprocess.run([python, "-c", "import kgx"], capture_output=True).returncode == 0:
        return python
    venv.EnvBuilder(with_pip=True, clear=True).create(folder)
    done = subprocess.run([python, "-m", "pip", "install", "-q", *KGX], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.fail(f"cannot install {' '.join(KGX)} into {folder}: {done.stderr.strip()[-2000:]}")
    return python


def run(python: Path, *args: str | Path) -> None:
    done = subprocess.run([python, RUNNER, *map(str, args)], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]


def biolink_class_names() -> set[str]:
    schema = yaml.safe_load(resources.files("biolink_model").joinpath("schema/biolink_model.yaml").read_text())
    return {"".join(word[0].upper() + word[1:] for word in name.split()) for name in schema["classes"]}


@pytest.mark.parametrize("fmt", ["tsv", "jsonl"])
def test_kgx_validate_finds_no_error(kgx_python: Path, tmp_path: Path, fmt: str) -> None:
    report = tmp_path / "report.json"
    suffix = "" if fmt == "tsv" else "_jsonl"
    files = [release_path(f"kgx_nodes{suffix}"), release_path(f"kgx_edges{suffix}")]
    run(kgx_python, "validate", report, f"exopa={EXOPA}", *files)
    errors = json.loads(report.read_text(encoding="utf-8")).get("ERROR", {})
    false_positives = errors.pop("INVALID_CATEGORY", {})
    assert errors == {}
    classes = biolink_class_names()
    for message in false_positives:
        assert CAMELCASE_FALSE_POSITIVE in message, message
        assert message.split("'")[1] in classes, message


def read_tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream, delimiter="\t", quoting=csv.QUOTE_NONE))


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_kgx_merge_joins_exopa_and_another_biolink_graph_on_shared_ids(kgx_python: Path, tmp_path: Path) -> None:
    other_nodes = FIXTURES / "kgx" / "biolink_graph_nodes.tsv"
    other_edges = FIXTURES / "kgx" / "biolink_graph_edges.tsv"
    run(kgx_python, "merge", tmp_path / "merged", release_path("kgx_nodes_jsonl"), release_path("kgx_edges_jsonl"),
        other_nodes, other_edges)  # fmt: skip
    ours = {node["id"] for node in read_jsonl(release_path("kgx_nodes_jsonl"))}
    theirs = {node["id"] for node in read_tsv(other_nodes)}
    shared = ours & theirs
    assert shared, "the fixture must share ids with exopa"
    merged_nodes = {node["id"]: node for node in read_jsonl(tmp_path / "merged_nodes.jsonl")}
    assert set(merged_nodes) == ours | theirs  # shared ids became one node each
    for node_id in shared:
        assert {"infores:exopa", "infores:exopa-test-fixture"} <= set(merged_nodes[node_id]["provided_by"]), node_id
    merged_edges = read_jsonl(tmp_path / "merged_edges.jsonl")
    into = {(edge["subject"], edge["object"]) for edge in merged_edges if edge["object"] in shared
            and edge.get("primary_knowledge_source") == "infores:exopa"}  # fmt: skip
    onward = {(edge["subject"], edge["object"]) for edge in merged_edges
              if edge.get("primary_knowledge_source") == "infores:exopa-test-fixture"}  # fmt: skip
    joined = {(start, middle, end) for start, middle in into for other, end in onward if other == middle}
    expected_into = {(e["subject"], e["object"]) for e in read_jsonl(release_path("kgx_edges_jsonl"))
                     if e["object"] in shared}  # fmt: skip
    expected_onward = {(e["subject"], e["object"]) for e in read_tsv(other_edges)}
    assert into == expected_into and onward == expected_onward
    assert joined == {(s, m, e) for s, m in expected_into for o, e in expected_onward if o == m}
    assert joined, "no exopa finding reaches the other graph's knowledge through a shared node"
    assert any(end not in ours for _, _, end in joined), "the join should reach knowledge exopa does not have"


if __name__ == "__main__":  # pragma: no cover
    sys.exit(pytest.main([__file__]))
