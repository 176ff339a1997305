"""The release parses everywhere and is logically consistent."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph
import pytest
from conftest import FIXTURES
from rdflib import Graph

from exopa import release_path


def test_rdflib_and_pyoxigraph_agree_on_triple_count(release_graph: Graph) -> None:
    turtle = Graph().parse(release_path("ttl"), format="turtle")
    store = pyoxigraph.Store()
    store.bulk_load(path=str(release_path("ttl")), format=pyoxigraph.RdfFormat.TURTLE)
    nt_store = pyoxigraph.Store()
    nt_store.bulk_load(path=str(release_path("nt")), format=pyoxigraph.RdfFormat.N_TRIPLES)
    assert len(turtle) == len(release_graph) == len(store) == len(nt_store) > 0


def hermit_consistent(path: Path) -> bool:
    owlready2 = pytest.importorskip("owlready2")
    world = owlready2.World()
    ontology = world.get_ontology(path.as_uri()).load(format="ntriples")
    try:
        with ontology:
            owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
    except owlready2.OwlReadyInconsistentOntologyError:
        return False
    return True


def test_hermit_finds_release_consistent(tmp_path: Path) -> None:
    copy = tmp_path / "exopa.nt"
    shutil.copy(release_path("nt"), copy)
    assert hermit_consistent(copy)


def test_hermit_rejects_a_mistyped_individual(tmp_path: Path) -> None:
    broken = tmp_path / "broken.nt"
    broken.write_bytes(release_path("nt").read_bytes() + (FIXTURES / "owl" / "mistyped-individual.nt").read_bytes())
    assert not hermit_consistent(broken)
