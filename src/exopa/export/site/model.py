"""The graph as the pages see it: labels in both languages, terms by kind, findings as table rows.

Everything is read generically from the triples (labels, definitions, every property of a term, the findings that
point at a term through any property), so new properties and new kinds of terms appear on the pages without code.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, OWL, RDF, RDFS, SKOS

from ...iris import PREFIXES
from ...namespaces import DEFINITION, DEFINITION_SOURCE, EXOPA, OBO
from .layout import local_name

FINDING = EXOPA["Finding"]
MATCHES = (SKOS.exactMatch, SKOS.closeMatch, SKOS.broadMatch, SKOS.narrowMatch, SKOS.relatedMatch)
#: Properties shown in a page's header rather than in its table of statements.
HEADER_PROPERTIES = (RDF.type, RDFS.label, SKOS.altLabel, DEFINITION, DEFINITION_SOURCE, *MATCHES)
#: The finding's own columns, in the order of the findings tables (role properties are shown as the statement).
FINDING_COLUMNS = (
    ("direction", EXOPA["direction"]),
    ("model", EXOPA["inModel"]),
    ("UV band", EXOPA["underUVBand"]),
    ("quantity", EXOPA["hasQuantity"]),
    ("compared to", EXOPA["comparedTo"]),
    ("compared quality", EXOPA["comparedQuality"]),
    ("evidence", EXOPA["evidenceType"]),
    ("references", EXOPA["supportedBy"]),
    ("section", EXOPA["inSection"]),
    ("notes", EXOPA["hasCurationNote"]),
)
ROLE_ORDER = (EXOPA["subject"], EXOPA["object"])


@dataclass
class FindingRow:
    """One finding as a row of a findings table."""

    iri: URIRef
    subject: URIRef | None
    predicate: URIRef | None
    object: URIRef | None
    english: list[Literal]  # English text of the claim: any @en literal but the label (quote@en, translations)
    chinese: list[Literal]  # the review's sentence(s), @zh
    columns: dict[str, list] = field(default_factory=dict)  # column name -> sorted values (IRIs or literals)


class SiteGraph:
    """The release (plus its VoID description) with the lookups the pages need."""

    def __init__(self, graph: Graph, prefixes: dict[str, str]) -> None:
        self.graph = graph
        known = {**PREFIXES, "dcat": str(DCAT), "void": "http://rdfs.org/ns/void#", **prefixes}
        self.prefixes = dict(sorted(known.items(), key=lambda item: (-len(item[1]), item[0])))
        self._english: dict = {}
        self.links: dict = {}  # rendered links by (page folder, term), filled by the pages

    # -- labels ------------------------------------------------------------------------------------------------

    @cached_property
    def label_literals(self) -> dict:
        """Every term's rdfs:label literals, read once (the pages ask for labels tens of thousands of times)."""
        result: dict = defaultdict(list)
        for s, o in self.graph.subject_objects(RDFS.label):
            if isinstance(o, Literal):
                result[s].append(o)
        return {s: sorted(v, key=sort_key) for s, v in result.items()}

    def labels(self, term, lang: str) -> list[str]:
        return [str(o) for o in self.label_literals.get(term, ()) if (o.language or "") == lang]

    def english(self, term) -> str:
        """The English (or untagged) label, else the English title (the ontology), else the CURIE."""
        if term not in self._english:
            found = self.labels(term, "en") or self.labels(term, "")
            found = found or sorted(str(t) for t in self.graph.objects(term, DCTERMS.title) if t.language == "en")
            self._english[term] = found[0] if found else self.curie(term)
        return self._english[term]

    def chinese(self, term) -> str:
        return "; ".join(self.labels(term, "zh"))

    def curie(self, term) -> str:
        text = str(term)
        for prefix, namespace in self.prefixes.items():
            if text.startswith(namespace) and len(text) > len(namespace):
                return f"{prefix}:{text[len(namespace) :]}"
        if text.startswith(str(OBO)) and "_" in text:
            prefix, _, number = text[len(str(OBO)) :].partition("_")
            return f"{prefix}:{number}"
        return text

    # -- terms -------------------------------------------------------------------------------------------------

    @cached_property
    def terms(self) -> list[URIRef]:
        """Every exopa term that gets a page: each IRI of the namespace that the graph describes, sorted."""
        return sorted({s for s in self.graph.subjects() if isinstance(s, URIRef) and local_name(str(s))})

    @cached_property
    def pages(self) -> set[URIRef]:
        return set(self.terms)

    def types(self, term) -> list[URIRef]:
        return sorted(
            o for o in self.graph.objects(term, RDF.type) if isinstance(o, URIRef) and o != OWL.NamedIndividual
        )

    def kind(self, term) -> str:
        """class, property, ontology, finding, reference, section, note or entity (for page layout and counts)."""
        types = set(self.graph.objects(term, RDF.type))
        if types & {OWL.Class, RDFS.Class}:
            return "class"
        if types & {OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, RDF.Property}:
            return "property"
        if OWL.Ontology in types:
            return "ontology"
        named = {"Finding": "finding", "Reference": "reference", "ReviewSection": "section", "CurationNote": "note"}
        for local, kind in named.items():
            if EXOPA[local] in types:
                return kind
        return "dataset" if term == EXOPA["dataset"] else "entity"

    def is_finding(self, term) -> bool:
        return (term, RDF.type, FINDING) in self.graph

    def outbound(self, term, skip=HEADER_PROPERTIES) -> dict[URIRef, list]:
        """The term's statements (predicate -> sorted objects), without those shown in the header."""
        result: dict[URIRef, list] = defaultdict(list)
        for p, o in self.graph.predicate_objects(term):
            if p not in skip:
                result[p].append(o)
        return {p: sorted(v, key=sort_key) for p, v in sorted(result.items())}

    def inbound(self, term, findings: bool) -> dict[URIRef, list]:
        """Who points at the term (predicate -> sorted subjects): findings only, or everything but findings."""
        result: dict[URIRef, list] = defaultdict(list)
        for s, p in self.graph.subject_predicates(term):
            if isinstance(s, URIRef) and self.is_finding(s) == findings:
                result[p].append(s)
        ordered = sorted(result, key=lambda p: (ROLE_ORDER.index(p) if p in ROLE_ORDER else len(ROLE_ORDER), str(p)))
        return {p: sorted(set(result[p]), key=sort_key) for p in ordered}

    def matches(self, term) -> list[tuple[URIRef, URIRef]]:
        """(SKOS predicate, external IRI) pairs, exact matches first."""
        return [(p, o) for p in MATCHES for o in sorted(self.graph.objects(term, p))]

    # -- findings ----------------------------------------------------------------------------------------------

    @cached_property
    def finding_rows(self) -> dict[URIRef, FindingRow]:
        rows = {}
        for f in sorted(set(self.graph.subjects(RDF.type, FINDING))):
            texts = [o for p, o in self.graph.predicate_objects(f) if isinstance(o, Literal) and p != RDFS.label]
            rows[f] = FindingRow(
                f, self.graph.value(f, EXOPA["subject"]), self.graph.value(f, EXOPA["predicate"]),
                self.graph.value(f, EXOPA["object"]),
                english=sorted(o for o in texts if o.language == "en"),
                chinese=sorted(o for o in texts if o.language == "zh"),
                columns={name: sorted(self.graph.objects(f, p), key=sort_key) for name, p in FINDING_COLUMNS},
            )  # fmt: skip
        return rows

    def doi(self, reference) -> str | None:
        value = self.graph.value(reference, EXOPA["doi"])
        return str(value) if value is not None else None


def sort_key(term) -> tuple:
    """A total, stable order over IRIs, literals and blank nodes (findings by id, so in the review's order)."""
    if isinstance(term, Literal):
        return (1, str(term), term.language or "", str(term.datatype or ""))
    return (2 if isinstance(term, BNode) else 0, str(term), "", "")


def load(nt: bytes, void: bytes, prefixes: bytes) -> SiteGraph:
    """The site graph from the release N-Triples, its VoID/DCAT Turtle and its prefix map (a curies extended
    prefix map, JSON)."""
    graph = Graph()
    graph.parse(data=nt, format="nt")
    graph.parse(data=void, format="turtle")
    records = json.loads(prefixes)
    return SiteGraph(graph, {record["prefix"]: record["uri_prefix"] for record in records})
