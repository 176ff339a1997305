"""What every table reader of the compiler shares: the sources, the TBox vocabulary, errors and slug bookkeeping."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from ..namespaces import EXOPA
from ..tables import CurationError, Row, read_table

CJK = re.compile(r"[\u3400-\u9fff]")
REVIEW = EXOPA["review"]
T = TypeVar("T")


class CurationErrors(Exception):
    """All the problems found in the curation tables, each a :class:`CurationError`."""

    def __init__(self, errors: list[CurationError]) -> None:
        self.errors = errors
        super().__init__("\n".join(str(error) for error in errors))


@dataclass
class Sources:
    """The files a build reads, found under a source root (``table_items`` may be absent)."""

    tbox: Path
    review: Path
    sections: Path
    references: Path
    entities: list[Path]
    findings: list[Path]
    notes: list[Path]
    mappings: list[Path]
    imports: list[Path]
    table_items: Path | None = None

    @classmethod
    def under(cls, root: Path) -> Sources:
        curation = root / "ontology" / "curation"
        items = curation / "table-items.tsv"
        return cls(
            tbox=root / "ontology" / "exopa.ttl",
            review=root / "ontology" / "source" / "review.txt",
            sections=curation / "sections.tsv",
            references=curation / "references.tsv",
            entities=sorted(curation.glob("entities*.tsv")),
            findings=sorted(curation.glob("findings*.tsv")),
            notes=sorted(curation.glob("notes*.tsv")),
            mappings=sorted((root / "ontology" / "mappings").glob("*.sssom.tsv")),
            imports=sorted((root / "ontology" / "imports").glob("*.ttl")),
            table_items=items if items.is_file() else None,
        )


def local_name(iri: URIRef | str) -> str:
    """The part of an exopa IRI after the namespace."""
    return str(iri)[len(str(EXOPA)) :]


@dataclass
class Vocabulary:
    """What the TBox allows: classes, association predicates, directions, evidence types, modalities, model kinds."""

    classes: dict[str, URIRef]
    predicates: dict[str, URIRef]
    implied_direction: dict[str, str]
    evidence_types: set[URIRef]
    subclasses: dict[str, set[str]] = field(default_factory=dict)
    implied_evidence: dict[str, URIRef] = field(default_factory=dict)  # model kind class -> ECO evidence type
    modalities: set[str] = field(default_factory=set)

    @classmethod
    def from_tbox(cls, tbox: Graph) -> Vocabulary:
        classes = {local_name(c): c for c in tbox.subjects(RDF.type, OWL.Class) if str(c).startswith(str(EXOPA))}
        predicates = {
            local_name(p): p
            for p in tbox.transitive_subjects(RDFS.subPropertyOf, EXOPA.relatedTo)
            if str(p).startswith(str(EXOPA))
        }
        implied = {local_name(p): local_name(d) for p, d in tbox.subject_objects(EXOPA.impliedDirection)}
        evidence = {URIRef(e) for e in tbox.subjects(RDF.type, EXOPA.EvidenceType)}
        subclasses = {
            name: {local_name(s) for s in tbox.transitive_subjects(RDFS.subClassOf, iri)}
            for name, iri in classes.items()
        }
        kinds = {local_name(c): URIRef(e) for c, e in tbox.subject_objects(EXOPA.impliedEvidenceType)}
        modalities = {local_name(m) for m in tbox.subjects(RDF.type, EXOPA.Modality)}
        return cls(classes, predicates, implied, evidence, subclasses, kinds, modalities)

    def is_a(self, class_name: str, ancestor: str) -> bool:
        return class_name in self.subclasses.get(ancestor, {ancestor})

    def evidence_of_model_kind(self, class_name: str) -> URIRef | None:
        """The ECO evidence type that a model of this class implies, or None for a model without a kind."""
        for kind, evidence in self.implied_evidence.items():
            if self.is_a(class_name, kind):
                return evidence
        return None


class TableReader:
    """Slug bookkeeping and triple writing shared by the table readers; collects errors instead of stopping."""

    graph: Graph
    vocabulary: Vocabulary

    def __init__(self, sources: Sources, strict: bool) -> None:
        self.sources = sources
        self.strict = strict
        self.graph = Graph()
        self.errors: list[CurationError] = []
        self.warnings: list[CurationError] = []
        self.slugs: dict[str, str] = {}  # slug -> kind ('section', 'reference', class name, 'finding', 'note')
        self.pending: list[tuple[Row, str, str, set[str] | None]] = []  # (row, column, slug, allowed classes)
        self.review = ""  # the review's text without whitespace, for checking that quotes are verbatim
        self.person_labels: dict[URIRef, Literal] = {}  # person node -> its English label, one per name

    def fail(self, error: CurationError) -> None:
        self.errors.append(error)

    def incomplete(self, error: CurationError) -> None:
        """A breach of the completeness or evidence rules: an error in a strict build, else a warning."""
        (self.errors if self.strict else self.warnings).append(error)

    def rows(self, path: Path, columns: list[str]) -> Iterable[Row]:
        try:
            yield from read_table(path, columns)
        except CurationError as error:  # also a missing or unreadable file
            self.fail(error)

    def declared(
        self, path: Path, columns: list[str], column: str, kind: str | Callable[[Row], str]
    ) -> Iterator[tuple[Row, str]]:
        """The rows of a table whose slug in ``column`` is new, each declared as ``kind`` (or ``kind(row)``)."""
        for row in self.rows(path, columns):
            slug = self.declare(row, column, kind(row) if callable(kind) else kind)
            if slug is not None:
                yield row, slug

    def cells(self, read: Callable[[], T]) -> T | None:
        """What ``read`` takes from a row's required cells, or None once the CurationError it raised is recorded."""
        try:
            return read()
        except CurationError as error:
            self.fail(error)
            return None

    def declare(self, row: Row, column: str, kind: str) -> str | None:
        try:
            slug = row.slug(column)
        except CurationError as error:
            self.fail(error)
            return None
        if slug in self.slugs:
            self.fail(row.error(column, f"duplicate slug '{slug}' (already defined as a {self.slugs[slug]})"))
            return None
        self.slugs[slug] = kind
        return slug

    def refer(self, row: Row, column: str, slug: str, allowed: set[str] | None = None) -> URIRef:
        """Record a reference to a slug, checked once every table has been read."""
        self.pending.append((row, column, slug, allowed))
        return EXOPA[slug]

    def refer_slug(self, row: Row, column: str, allowed: set[str] | None = None) -> URIRef:
        """:meth:`refer` to the slug a required cell holds (raises its CurationError when the cell is empty)."""
        return self.refer(row, column, row.slug(column), allowed)

    def add(self, s: URIRef, p: URIRef, o) -> None:
        self.graph.add((s, p, o))

    def individual(self, node: URIRef, cls: URIRef) -> None:
        self.add(node, RDF.type, OWL.NamedIndividual)
        self.add(node, RDF.type, cls)

    def labels(self, node: URIRef, english: str, chinese: str = "", alternatives: Iterable[str] = ()) -> None:
        self.add(node, RDFS.label, Literal(english, lang="en"))
        if chinese:
            self.add(node, RDFS.label, Literal(chinese, lang="zh"))
        for alt in alternatives:
            self.add(node, SKOS.altLabel, Literal(alt, lang="zh" if CJK.search(alt) else "en"))

    def check_references(self) -> None:
        for row, column, slug, allowed in self.pending:
            kind = self.slugs.get(slug)
            if kind is None:
                self.fail(row.error(column, f"unknown slug '{slug}'"))
            elif allowed is not None and not any(
                kind == name or (kind in self.vocabulary.classes and self.vocabulary.is_a(kind, name))
                for name in allowed
            ):
                self.fail(row.error(column, f"'{slug}' is of kind {kind}, expected {' or '.join(sorted(allowed))}"))


def parse_turtle(path: Path) -> Graph:
    """A Turtle source file, its syntax checked first by pyoxigraph so that an error is one located line."""
    from ..rdf_input import InputError, parse

    try:
        parse(path)
    except InputError as error:
        raise CurationError(path, error.line or 0, error.column or 0, error.message) from None
    return Graph().parse(path, format="turtle")


def with_context(error: CurationError, context: str) -> CurationError:
    return CurationError(error.path, error.row, error.column, f"{context}: {error.message}")
