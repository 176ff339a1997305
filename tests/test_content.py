"""The release holds the whole review: every reference, section, Table 1 cell and claim, with provenance.

Expected values are computed from the review text and the curation tables, never typed in by hand.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest
from conftest import squash, table_rows
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS

from exopa.namespaces import DEFINITION, EXOPA

SCHEMA = Namespace("https://schema.org/")


def reference_entries(review: str) -> dict[int, str]:
    """The review's reference list, entry number -> entry text."""
    listing = review[review.index("参考文献") :]
    parts = re.split(r"^- \[(\d+)\]", listing, flags=re.M)
    return {int(number): text for number, text in zip(parts[1::2], parts[2::2], strict=True)}


def body(review: str) -> str:
    return review[review.index("1. 前言") : review.index("参考文献")]


def instances(graph: Graph, cls: URIRef) -> set[URIRef]:
    return set(graph.subjects(RDF.type, cls))


def test_every_reference_of_the_review_is_in_the_graph(review_text: str, release_graph: Graph) -> None:
    entries = reference_entries(review_text)
    assert sorted(entries) == list(range(1, len(entries) + 1))
    references = instances(release_graph, EXOPA.Reference) - {EXOPA.review}
    assert len(references) == len(entries)
    for number, entry in entries.items():
        node = EXOPA[f"ref-{number}"]
        assert release_graph.value(node, EXOPA.referenceNumber) == Literal(number)
        found = re.search(r"https://doi\.org/([^\s<>\]]+)", entry)
        if found:
            assert str(release_graph.value(node, EXOPA.doi)) == found.group(1).replace("\\", ""), number
        else:
            assert release_graph.value(node, EXOPA.doi) is None
            assert release_graph.value(node, EXOPA.noDoiReason) is not None, number


def test_reference_years_and_titles_match_the_review(review_text: str, release_graph: Graph) -> None:
    for number, entry in reference_entries(review_text).items():
        node = EXOPA[f"ref-{number}"]
        year = release_graph.value(node, EXOPA.year).toPython()
        assert str(year) in entry, number
        title = str(release_graph.value(node, URIRef("http://purl.org/dc/terms/title")))
        assert squash(title)[:20].lower() in squash(entry.replace("*", "")).lower(), number


def test_every_finding_is_complete(release_graph: Graph) -> None:
    findings = instances(release_graph, EXOPA.Finding)
    assert len(findings) == len(table_rows("findings*.tsv"))
    for finding in findings:
        for prop in (EXOPA.subject, EXOPA.predicate, EXOPA.object, EXOPA.evidenceType, EXOPA.inSection):
            assert release_graph.value(finding, prop) is not None, (finding, prop)
        quotes = [q for q in release_graph.objects(finding, EXOPA.quote) if q.language == "zh"]
        assert len(quotes) == 1, finding
        cited = set(release_graph.objects(finding, EXOPA.supportedBy))
        uncited = release_graph.value(finding, EXOPA.uncited).toPython()
        assert bool(cited) != uncited, finding


def test_every_quote_is_verbatim_from_the_review(review_text: str, release_graph: Graph) -> None:
    review = squash(review_text)
    for finding, quote in release_graph.subject_objects(EXOPA.quote):
        assert squash(str(quote)) in review, (finding, str(quote))


def test_plain_edges_are_materialised(release_graph: Graph) -> None:
    for finding in instances(release_graph, EXOPA.Finding):
        s, p, o = (release_graph.value(finding, prop) for prop in (EXOPA.subject, EXOPA.predicate, EXOPA.object))
        assert (s, p, o) in release_graph


def test_every_section_without_parts_has_findings(release_graph: Graph) -> None:
    rows = table_rows("sections.tsv")
    parents = {row["part_of"] for row in rows}
    leaves = {row["slug"] for row in rows if row["slug"] not in parents}
    used = {str(o)[len(str(EXOPA)) :] for o in release_graph.objects(None, EXOPA.inSection)}
    assert leaves <= used


def section_texts(review: str) -> dict[str, str]:
    """Section number -> text, for the numbered sections of the body (Table 1 included in section 4)."""
    text = body(review)
    heads = list(re.finditer(r"^(\d(?:\.\d)?)\. \S", text, flags=re.M))
    return {
        m.group(1): text[m.start() : (heads[i + 1].start() if i + 1 < len(heads) else len(text))]
        for i, m in enumerate(heads)
    }


def test_every_citation_of_a_section_supports_a_finding_of_that_section(review_text: str, release_graph: Graph) -> None:
    for number, text in section_texts(review_text).items():
        if number == "4":
            text = text[: text.find("Table 1.")]
        cited = {int(n) for n in re.findall(r"\[(\d+)\]", text)}
        section = EXOPA[f"section-{number.replace('.', '-')}"]
        supported = {
            int(release_graph.value(ref, EXOPA.referenceNumber))
            for finding in release_graph.subjects(EXOPA.inSection, section)
            for ref in release_graph.objects(finding, EXOPA.supportedBy)
        }
        assert cited == supported, (number, cited ^ supported)


def table1_items(review: str) -> list[str]:
    """The numbered items of every cell of Table 1."""
    table = review[review.index("表 1. 不同干细胞") : review.index("5. 外泌体的应用局限与挑战")]
    items: list[str] = []
    for line in table.splitlines():
        for cell in line.split("\t")[1:]:
            cell = re.sub(r"<[^>]+>", " ", cell)
            items.extend(part.strip() for part in re.split(r"\d\)\s", cell)[1:] if part.strip())
    return items


def test_every_table1_item_is_a_finding(review_text: str, release_graph: Graph) -> None:
    items = table1_items(review_text)
    assert len(items) >= 36
    quotes = [
        squash(str(q))
        for part in release_graph.subjects(URIRef("http://purl.org/dc/terms/isPartOf"), EXOPA["section-table1"])
        for f in release_graph.subjects(EXOPA.inSection, part)
        for q in release_graph.objects(f, EXOPA.quote)
    ]
    for item in items:
        item = squash(item)
        assert any(q in item or item in q for q in quotes), item


def test_every_english_abstract_sentence_is_a_finding(review_text: str, release_graph: Graph) -> None:
    abstract = review_text[review_text.index("Abstract\n") : review_text.index("Keywords")]
    sentences = [s for s in re.split(r"(?<=\.)\s+", " ".join(abstract.split()[1:])) if len(s) > 20]
    quotes = {squash(str(q)) for q in release_graph.objects(None, EXOPA.quote) if q.language == "en"}
    for sentence in sentences:
        assert any(q in squash(sentence) or squash(sentence) in q for q in quotes), sentence


def labelled_terms(graph: Graph) -> set[URIRef]:
    return {s for s in graph.subjects(RDFS.label, None) if isinstance(s, URIRef) and str(s).startswith(str(EXOPA))}


def test_one_unique_english_label_per_term(release_graph: Graph) -> None:
    english: Counter[str] = Counter()
    for term in labelled_terms(release_graph):
        labels = [label for label in release_graph.objects(term, RDFS.label) if label.language == "en"]
        assert len(labels) == 1, term
        english[str(labels[0])] += 1
    assert [label for label, n in english.items() if n > 1] == []


@pytest.mark.parametrize("kind", [OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty])
def test_every_ontology_term_has_a_definition(release_graph: Graph, kind: URIRef) -> None:
    for term in release_graph.subjects(RDF.type, kind):
        if str(term).startswith(str(EXOPA)):
            assert release_graph.value(term, DEFINITION) is not None, term


def test_every_entity_has_a_definition_and_a_class(release_graph: Graph) -> None:
    rows = table_rows("entities*.tsv")
    for row in rows:
        node = EXOPA[row["slug"]]
        assert (node, RDF.type, EXOPA[row["class"]]) in release_graph
        assert release_graph.value(node, DEFINITION) is not None


def test_curation_notes_are_attached(release_graph: Graph) -> None:
    notes = instances(release_graph, EXOPA.CurationNote)
    assert len(notes) == len(table_rows("notes*.tsv")) > 0
    for note in notes:
        assert list(release_graph.subjects(EXOPA.hasCurationNote, note)), note
        assert release_graph.value(note, EXOPA.noteKind) is not None


def test_uv_bands_carry_their_wavelength_ranges(review_text: str, release_graph: Graph) -> None:
    stated = re.findall(r"(UV[ABC]) \((\d+)~(\d+) nm\)", review_text)
    assert len(stated) == 3
    for band, low, high in stated:
        query = f"""
            PREFIX exopa: <https://w3id.org/exopa/>
            SELECT ?lo ?hi WHERE {{
              ?f exopa:subject exopa:{band.lower()} ; exopa:object exopa:wavelength ; exopa:hasQuantity ?q .
              ?q exopa:lowerBound ?lo ; exopa:upperBound ?hi }}"""
        assert [(int(float(r.lo)), int(float(r.hi))) for r in release_graph.query(query)] == [(int(low), int(high))]


def family_links() -> dict[str, set[str]]:
    """Family slug -> the slugs the entity table declares its members (``memberOf:`` relations)."""
    families: dict[str, set[str]] = {}
    for row in table_rows("entities*.tsv"):
        for relation in filter(None, row["relations"].split("|")):
            predicate, _, target = relation.partition(":")
            if predicate == "memberOf":
                families.setdefault(target, set()).add(row["slug"])
    return families


def top_category(graph: Graph, class_name: str) -> URIRef:
    """The top (pairwise disjoint) exopa category above a class: its last exopa ancestor."""
    ancestors = [
        c for c in graph.transitive_objects(EXOPA[class_name], RDFS.subClassOf) if str(c).startswith(str(EXOPA))
    ]
    return ancestors[-1]


def test_family_membership_is_acyclic_and_within_one_top_category(release_graph: Graph) -> None:
    families = family_links()
    assert families
    classes = {row["slug"]: row["class"] for row in table_rows("entities*.tsv")}
    for family, members in families.items():
        for member in members:
            assert top_category(release_graph, classes[member]) == top_category(release_graph, classes[family])
            assert (EXOPA[member], EXOPA.memberOf, EXOPA[family]) in release_graph
            assert EXOPA[member] not in set(release_graph.transitive_objects(EXOPA[family], EXOPA.memberOf)), member


def test_members_a_family_definition_names_are_linked(release_graph: Graph) -> None:
    """A family defined as "..., such as A, B and C" has every entity of its category labelled A, B or C as a member."""
    rows = table_rows("entities*.tsv")
    top = {row["slug"]: top_category(release_graph, row["class"]) for row in rows}
    names = {row["slug"]: [row["label_en"], *filter(None, row["alt_labels"].split("|"))] for row in rows}
    families = family_links()
    checked = 0
    for row in rows:
        if row["slug"] not in families or ", such as" not in row["definition"]:
            continue
        listing = row["definition"].split(", such as", 1)[1].split(".")[0]
        named = {
            slug
            for slug, labels in names.items()
            if slug != row["slug"]
            and top[slug] == top[row["slug"]]
            and any(re.search(rf"(?<![\w-]){re.escape(n)}(?![\w-])", listing) for n in labels)
        }
        assert named <= families[row["slug"]], (row["slug"], named - families[row["slug"]])
        checked += bool(named)
    assert checked > 0


def test_every_entity_a_reference_title_names_is_a_topic() -> None:
    """An entity whose label or synonym occurs in a reference's title is a topic of it, or a family of one of its
    topics (``umsc-exos`` covers "exosomes"). The generic ``cell`` ("any cell") is left out: it matches every
    "Stem Cell" and "HaCaT Cell"; so are the quality values ("moderate", "high"), which are levels, not topics."""
    entities = [row for row in table_rows("entities*.tsv") if row["slug"] != "cell" and row["class"] != "QualityValue"]
    families = {row["slug"]: set() for row in table_rows("entities*.tsv")}
    for row in table_rows("entities*.tsv"):
        families[row["slug"]] = {r.split(":", 1)[1] for r in row["relations"].split("|") if r.startswith("memberOf:")}

    def covered(topic: str) -> set[str]:
        seen, todo = {topic}, [topic]
        while todo:
            for family in families.get(todo.pop(), set()) - seen:
                seen.add(family)
                todo.append(family)
        return seen

    for reference in table_rows("references.tsv"):
        topics = set().union(*(covered(t) for t in reference["topics"].split("|") if t))
        for entity in entities:
            names = [entity["label_en"], *filter(None, entity["alt_labels"].split("|"))]
            if any(
                len(name) >= 3 and re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", reference["title"], re.I)
                for name in names
            ):
                assert entity["slug"] in topics, (reference["slug"], entity["slug"])


def ordered_authors(graph: Graph, reference: URIRef) -> list[str]:
    """The English names of a reference's authors, in the order of their exopa:authorPosition."""
    rows = graph.query(
        """PREFIX exopa: <https://w3id.org/exopa/>
           PREFIX prov: <http://www.w3.org/ns/prov#>
           PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
           SELECT ?position ?name WHERE {
             ?reference prov:qualifiedAttribution ?a . ?a exopa:authorPosition ?position ; prov:agent ?person .
             ?person rdfs:label ?name FILTER(lang(?name) = "en") } ORDER BY ?position""",
        initBindings={"reference": reference},
    )
    return [str(row.name).split(" (ref ")[0] for row in rows]


def test_every_reference_has_its_authors_in_order_as_persons(release_graph: Graph) -> None:
    persons: set[URIRef] = set()
    for row in table_rows("references.tsv"):
        names = row["authors"].split("|")
        latin = row["authors_latin"].split("|") if row["authors_latin"] else names
        assert ordered_authors(release_graph, EXOPA[row["slug"]]) == latin, row["slug"]
        for a in release_graph.objects(EXOPA[row["slug"]], PROV.qualifiedAttribution):
            persons.add(release_graph.value(a, PROV.agent))
    # one node per distinct name, except a name repeated inside one reference (two people)
    distinct = {name for row in table_rows("references.tsv") for name in row["authors"].split("|")}
    repeated = sum(
        len(n.split("|")) - len(set(n.split("|"))) for n in (r["authors"] for r in table_rows("references.tsv"))
    )
    assert len(persons) == len(distinct) + repeated
    for person in persons:
        assert (person, RDF.type, PROV.Person) in release_graph


def test_the_review_has_its_own_metadata(review_text: str, release_graph: Graph) -> None:
    review = EXOPA.review
    stated = re.findall(r"(收稿日期|录用日期|发布日期): (\d{4})年(\d{1,2})月(\d{1,2})日", review_text)
    dates = {kind: f"{y}-{int(m):02d}-{int(d):02d}" for kind, y, m, d in stated}
    assert str(release_graph.value(review, DCTERMS.dateSubmitted)) == dates["收稿日期"]
    assert str(release_graph.value(review, DCTERMS.dateAccepted)) == dates["录用日期"]
    assert str(release_graph.value(review, DCTERMS.issued)) == dates["发布日期"]
    keywords_zh = [k.strip() for k in review_text.split("关键词", 1)[1].strip().splitlines()[0].split(",")]
    keywords_en = [k.strip() for k in review_text.split("Keywords", 1)[1].strip().splitlines()[0].split(",")]
    stored = {(str(k), k.language) for k in release_graph.objects(review, SCHEMA.keywords)}
    assert stored == {(k, "zh") for k in keywords_zh} | {(k, "en") for k in keywords_en}
    publisher = release_graph.value(review, DCTERMS.publisher)
    assert (publisher, RDF.type, PROV.Organization) in release_graph
    assert str(release_graph.value(publisher, RDFS.label)) in review_text
    assert release_graph.value(review, EXOPA.journal) is None
    (author,) = ordered_authors(release_graph, review)
    person = release_graph.value(release_graph.value(review, PROV.qualifiedAttribution), PROV.agent)
    affiliation = release_graph.value(person, SCHEMA.affiliation)
    assert (affiliation, RDF.type, PROV.Organization) in release_graph
    names = {str(label) for label in release_graph.objects(affiliation, RDFS.label)}
    assert names and all(name in review_text for name in names)
    assert author
