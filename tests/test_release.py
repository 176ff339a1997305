"""The release parses everywhere and is logically consistent."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph
import pytest
from conftest import FIXTURES
from rdflib import Graph, URIRef

from exopa import release_path


def test_rdflib_and_pyoxigraph_agree_on_triple_count(release_graph: Graph) -> None:
    turtle = Graph().parse(release_path("ttl"), format="turtle")
    store = pyoxigraph.Store()
    store.bulk_load(path=str(release_path("ttl")), format=pyoxigraph.RdfFormat.TURTLE)
    nt_store = pyoxigraph.Store()
    nt_store.bulk_load(path=str(release_path("nt")), format=pyoxigraph.RdfFormat.N_TRIPLES)
    assert len(turtle) == len(release_graph) == len(store) == len(nt_store) > 0


@pytest.mark.parametrize(
    ("fmt", "rdflib_format", "oxigraph_format"),
    [
        ("jsonld", "json-ld", pyoxigraph.RdfFormat.JSON_LD),
        ("owl", "xml", pyoxigraph.RdfFormat.RDF_XML),
        ("ttl", "turtle", pyoxigraph.RdfFormat.TURTLE),
    ],
)
def test_every_format_holds_the_same_graph(fmt: str, rdflib_format: str, oxigraph_format, release_graph: Graph) -> None:
    from rdflib.compare import isomorphic

    parsed = Graph().parse(release_path(fmt), format=rdflib_format)
    assert isomorphic(parsed, release_graph)
    store = pyoxigraph.Store()
    store.bulk_load(path=str(release_path(fmt)), format=oxigraph_format)
    assert len(store) == len(release_graph)


def test_void_numbers_are_those_of_the_graph(release_graph: Graph) -> None:
    from collections import Counter

    from rdflib import Namespace
    from rdflib.namespace import RDF

    void_ns = Namespace("http://rdfs.org/ns/void#")
    void = Graph().parse(release_path("void"), format="turtle")
    dataset = URIRef("https://w3id.org/exopa/dataset")
    assert int(void.value(dataset, void_ns.triples)) == len(release_graph)
    classes = Counter(o for _, o in release_graph.subject_objects(RDF.type))
    partitions = {void.value(p, void_ns["class"]): int(void.value(p, void_ns.entities))
                  for p in void.objects(dataset, void_ns.classPartition)}  # fmt: skip
    assert partitions == dict(classes)
    sizes = {str(d).rsplit("/", 1)[1]: int(void.value(d, URIRef("http://www.w3.org/ns/dcat#byteSize")))
             for d in void.objects(dataset, URIRef("http://www.w3.org/ns/dcat#distribution"))}  # fmt: skip
    for name, size in sizes.items():
        assert (release_path("ttl").parent / name).stat().st_size == size, name


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
