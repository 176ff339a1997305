"""The release parses everywhere and is logically consistent."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph
import pytest
from conftest import FIXTURES, ROOT
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

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


def source_copy(tmp_path: Path) -> Path:
    """A throw-away copy of the build's sources: the TBox, the review, the curation tables, mappings and imports."""
    for part in ("exopa.ttl", "source", "curation", "mappings", "imports"):
        source, target = ROOT / "ontology" / part, tmp_path / "ontology" / part
        if source.is_dir():
            shutil.copytree(source, target)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(source, target)
    return tmp_path


def hermit_instances(path: Path, class_iri: str) -> set[str]:
    """The individuals HermiT classifies under ``class_iri`` in the N-Triples file at ``path``."""
    owlready2 = pytest.importorskip("owlready2")
    world = owlready2.World()
    ontology = world.get_ontology(path.as_uri()).load(format="ntriples")
    with ontology:
        owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
    return {individual.iri for individual in world[class_iri].instances()}


def test_hermit_follows_an_entity_to_the_ancestors_of_its_upstream_class(tmp_path: Path) -> None:
    """A mapping by skos:broadMatch to a fibroblast subtype types the entity with it, and HermiT classifies the entity
    as a CL:0000057 fibroblast through the imported is_a hierarchy. The real mapping of dermal-fibroblast is a
    closeMatch (cultured cells); a copy of the sources makes it a broadMatch to CL:0002551 fibroblast of dermis."""
    from exopa.compile import compile_graph
    from exopa.namespaces import EXOPA, curie_to_iri

    root = source_copy(tmp_path)
    sssom = root / "ontology" / "mappings" / "exopa.sssom.tsv"
    text = sssom.read_text(encoding="utf-8")
    row = "exopa:dermal-fibroblast\thuman dermal fibroblast\tskos:closeMatch\tCL:0002551"
    assert row in text
    sssom.write_text(text.replace(row, row.replace("closeMatch", "broadMatch")), encoding="utf-8")
    graph = compile_graph(root, strict=False)
    entity, subtype, fibroblast = EXOPA["dermal-fibroblast"], curie_to_iri("CL:0002551"), curie_to_iri("CL:0000057")
    assert (entity, RDF.type, subtype) in graph and (entity, RDF.type, fibroblast) not in graph
    graph.serialize(tmp_path / "typed.nt", format="nt", encoding="utf-8")
    instances = hermit_instances(tmp_path / "typed.nt", str(fibroblast))
    assert {str(entity), str(EXOPA["fibroblast"])} <= instances


def test_hermit_classifies_released_entities_under_the_ancestors_of_their_upstream_class(tmp_path: Path) -> None:
    """In the release, every entity typed with CL:0000134 mesenchymal stem cell or a subtype (adipose, bone marrow,
    umbilical cord) is one for HermiT; the expected set is derived from the release's types and the import module."""
    from rdflib.namespace import RDFS

    from exopa.namespaces import curie_to_iri

    graph = Graph().parse(release_path("nt"), format="nt")
    msc = curie_to_iri("CL:0000134")
    expected = {str(e) for c in graph.transitive_subjects(RDFS.subClassOf, msc) for e in graph.subjects(RDF.type, c)
                if str(e).startswith("https://w3id.org/exopa/")}  # fmt: skip
    copy = tmp_path / "exopa.nt"
    shutil.copy(release_path("nt"), copy)
    assert len(expected) > 1 and hermit_instances(copy, str(msc)) == expected
