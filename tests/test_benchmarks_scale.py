"""The benchmark graph generator: deterministic, close to the size asked for, and with the release's shape."""

from __future__ import annotations

import importlib.util
import sys
from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest

import exopa

SCALE = Path(__file__).resolve().parents[1] / "benchmarks" / "scale.py"
N = 50_000  # a few replicas: small enough to stay light


@pytest.fixture(scope="module")
def scale():
    spec = importlib.util.spec_from_file_location("scale", SCALE)
    module = importlib.util.module_from_spec(spec)
    sys.modules["scale"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def generated(scale, tmp_path_factory) -> tuple[Path, Path, int]:
    folder = tmp_path_factory.mktemp("scale")
    first, second = folder / "a.nt", folder / "b.nt"
    written = scale.generate(N, first)
    scale.generate(N, second)
    return first, second, written


@pytest.fixture(scope="module")
def generated_store(generated) -> ox.Store:
    store = ox.Store()
    store.bulk_load(path=str(generated[0]), format=ox.RdfFormat.N_TRIPLES)
    return store


def mix(triples) -> tuple[Counter, Counter]:
    """Instances per class and triples per predicate."""
    rdf_type = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
    classes = Counter(t.object.value for t in triples if t.predicate.value == rdf_type)
    predicates = Counter(t.predicate.value for t in triples)
    return classes, predicates


def test_same_size_gives_identical_bytes(generated) -> None:
    first, second, _ = generated
    assert first.read_bytes() == second.read_bytes()


def test_triple_count_is_within_half_a_replica_of_n(scale, generated) -> None:
    first, _, written = generated
    shape = scale.template()
    triples = list(ox.parse(path=str(first), format=ox.RdfFormat.N_TRIPLES))
    assert len(set(triples)) == len(triples) == written
    assert abs(written - N) <= shape.replica_triples / 2
    assert shape.replicas_for(N) >= 2


def test_small_sizes_give_the_release_itself(scale, tmp_path: Path) -> None:
    out = tmp_path / "small.nt"
    scale.generate(10_000, out)
    assert out.read_bytes() == exopa.release_path("nt").read_bytes()


def test_replicas_keep_the_class_and_predicate_mix(scale, generated) -> None:
    first, _, _ = generated
    shape = scale.template()
    k = shape.replicas_for(N)
    release = list(ox.parse(path=str(exopa.release_path("nt")), format=ox.RdfFormat.N_TRIPLES))
    replica = list(ox.parse(shape.replica.replace(scale.MARK, "r1"), format=ox.RdfFormat.N_TRIPLES))
    everything = list(ox.parse(path=str(first), format=ox.RdfFormat.N_TRIPLES))
    release_classes, release_predicates = mix(release)
    replica_classes, replica_predicates = mix(replica)
    classes, predicates = mix(everything)
    assert classes == release_classes + Counter({c: n * k for c, n in replica_classes.items()})
    assert predicates == release_predicates + Counter({p: n * k for p, n in replica_predicates.items()})
    # every instance class and association predicate of the release is replicated, in the release's proportion, but
    # anatomy (shared: its instances and their mappings are not copied, references to it are)
    findings, anatomy = "https://w3id.org/exopa/Finding", "https://w3id.org/exopa/AnatomicalEntity"
    assert replica_classes[findings] == release_classes[findings]
    assert replica_classes[anatomy] == 0 < release_classes[anatomy]
    for predicate in ("https://w3id.org/exopa/increases", "https://w3id.org/exopa/supportedBy",
                      "https://w3id.org/exopa/studiesOrgan"):  # fmt: skip
        assert replica_predicates[predicate] == release_predicates[predicate]


def test_replicas_have_new_entities_with_labels_in_both_languages(generated_store, release_store) -> None:
    store, release = generated_store, release_store
    labels = {
        (s["l"].value, s["l"].language)
        for s in store.query(
            "SELECT ?l WHERE { <https://w3id.org/exopa/adsc-exos-r2> <http://www.w3.org/2000/01/rdf-schema#label> ?l }"
        )
    }
    expected = {
        (f"{s['l'].value} (r2)", s["l"].language)
        for s in release.query(
            "SELECT ?l WHERE { <https://w3id.org/exopa/adsc-exos> <http://www.w3.org/2000/01/rdf-schema#label> ?l }"
        )
    }
    assert labels == expected and {lang for _, lang in labels} == {"en", "zh"}
    # the canned queries answer on the original entities as on the release, and on the replicas alike
    assert exopa.query("exosome-pathways", store, exosomes="ipsc-exos") == exopa.query(
        "exosome-pathways", release, exosomes="ipsc-exos"
    )
    replica = exopa.query("exosome-pathways", store, exosomes="ipsc-exos-r1")
    assert len(replica) == len(exopa.query("exosome-pathways", release, exosomes="ipsc-exos")) > 0


def test_anatomy_is_shared_so_whole_graph_queries_grow_with_the_replicas(scale, generated_store, release_store) -> None:
    """Replicas cite the release's organs, so a query that names one (``exopa:skin`` in other-organ-findings) finds
    every replica's findings as it finds the release's: k replicas give exactly k + 1 times the release's rows."""
    shape = scale.template()
    rows = exopa.query("other-organ-findings", release_store)
    assert len(rows) > 0
    assert len(exopa.query("other-organ-findings", generated_store)) == (shape.replicas_for(N) + 1) * len(rows)
    replica = shape.replica
    assert "<https://w3id.org/exopa/skin>" in replica and f"<https://w3id.org/exopa/skin-{scale.MARK}>" not in replica
