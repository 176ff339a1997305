"""Issue 12's completeness, read from the release graph: every finding readable in English (a curator translation and a
label made from its entities' labels) and with its modality, every quality finding with its stated value, every Table 1
finding with its item, and no entity of the review defined but never used.
"""

from __future__ import annotations

import pytest
from conftest import table_rows
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

from exopa.namespaces import EXOPA


def findings(graph: Graph) -> list[URIRef]:
    return sorted(graph.subjects(RDF.type, EXOPA.Finding))


def texts(graph: Graph, finding: URIRef, prop: URIRef, lang: str) -> list[str]:
    return [str(v) for v in graph.objects(finding, prop) if isinstance(v, Literal) and v.language == lang]


def missing(items: list[URIRef]) -> str:
    return f"{len(items)} findings, e.g. " + ", ".join(str(i).removeprefix(str(EXOPA)) for i in items[:10])


@pytest.fixture(scope="module")
def graph(release_graph: Graph) -> Graph:
    assert findings(release_graph)
    return release_graph


def test_every_finding_has_a_chinese_quote_and_an_english_translation(graph: Graph) -> None:
    lacking = [f for f in findings(graph)
               if len(texts(graph, f, EXOPA.quote, "zh")) != 1 or len(texts(graph, f, EXOPA.translation, "en")) != 1]
    assert not lacking, missing(lacking)  # fmt: skip


def test_every_finding_has_one_readable_english_label_made_from_its_entities(graph: Graph) -> None:
    def english(node: URIRef | None) -> str:
        return next(iter(texts(graph, node, RDFS.label, "en")), "") if node is not None else ""

    unreadable = []
    for f in findings(graph):
        labels = texts(graph, f, RDFS.label, "en")
        subject, obj = english(graph.value(f, EXOPA.subject)), english(graph.value(f, EXOPA.object))
        if len(labels) != 1 or not (subject and obj and labels[0].startswith(subject) and obj in labels[0]):
            unreadable.append(f)
    assert not unreadable, missing(unreadable)


def test_no_translation_equals_its_quote(graph: Graph) -> None:
    same = [f for f in findings(graph)
            if set(texts(graph, f, EXOPA.translation, "en")) & set(texts(graph, f, EXOPA.quote, "zh"))]
    assert not same, missing(same)  # fmt: skip


def test_every_finding_has_one_modality(graph: Graph) -> None:
    modalities = set(graph.subjects(RDF.type, EXOPA.Modality))
    lacking = [f for f in findings(graph) if [m for m in graph.objects(f, EXOPA.modality) if m in modalities] == []]
    assert not lacking, missing(lacking)


def test_every_quality_finding_has_a_stated_value_or_a_quantity(graph: Graph) -> None:
    quality = [f for f in findings(graph) if graph.value(f, EXOPA.predicate) == EXOPA.hasQuality]
    assert quality
    lacking = [f for f in quality
               if graph.value(f, EXOPA.qualityValue) is None and graph.value(f, EXOPA.hasQuantity) is None]
    assert not lacking, missing(lacking)  # fmt: skip


def test_every_table1_finding_has_a_table_item(graph: Graph) -> None:
    table1 = {s for s in graph.subjects(RDF.type, EXOPA.ReviewSection)
              if str(graph.value(s, EXOPA.sectionNumber)).startswith("table1")}  # fmt: skip
    from_table = [f for f in findings(graph) if graph.value(f, EXOPA.inSection) in table1]
    assert from_table
    lacking = [f for f in from_table if (graph.value(f, EXOPA.tableItem), RDF.type, EXOPA.TableItem) not in graph]
    assert not lacking, missing(lacking)


def test_every_entity_of_the_review_is_used(graph: Graph) -> None:
    """Every entity of entities.tsv is the object of a statement about another node: a finding's subject, object,
    model, location, dose or compared quality, another entity's relation, a reference topic or a note. (The
    QualityValue scale of entities-quality-values.tsv is a controlled vocabulary; a level may go unused.)"""
    slugs = [row["slug"] for row in table_rows("entities.tsv")]
    assert slugs
    unused = [EXOPA[slug] for slug in slugs
              if not any(s != EXOPA[slug] and p != RDF.type for s, p, _ in graph.triples((None, None, EXOPA[slug])))]
    assert not unused, missing(unused)  # fmt: skip
