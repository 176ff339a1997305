"""Compile the curation tables and the TBox into one RDF graph, checking every cell on the way."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

from .authors import authorships
from .namespaces import DEFINITION, DEFINITION_SOURCE, EXOPA, UNITS, curie_to_iri
from .tables import DOI, CurationError, Row, read_table, read_text, squash

SECTION_COLUMNS = ["slug", "number", "title_en", "title_zh", "part_of"]
REFERENCE_COLUMNS = [
    "slug",
    "number",
    "authors",
    "et_al",
    "year",
    "title",
    "journal",
    "volume",
    "pages",
    "doi",
    "language",
    "no_doi_reason",
    "study_context",
    "organ_context",
    "cited_in_sections",
    "topics",
    "authors_latin",
]
ENTITY_COLUMNS = [
    "slug",
    "class",
    "label_en",
    "label_zh",
    "alt_labels",
    "definition",
    "definition_source",
    "relations",
    "date",
]
FINDING_COLUMNS = [
    "id",
    "section",
    "subject",
    "predicate",
    "object",
    "direction",
    "model",
    "uv_band",
    "quantity",
    "lower",
    "upper",
    "unit",
    "compared_to",
    "compared_quality",
    "evidence",
    "references",
    "uncited",
    "quote_zh",
    "quote_en",
    # issue 12: filled by the curators, compiled by a later commit (read and not yet used)
    "translation_en",
    "modality",
    "quality_value",
    "location",
    "timing",
    "dose",
    "table_item",
    "notes",
]
NOTE_COLUMNS = ["id", "kind", "about", "text"]

CJK = re.compile(r"[\u3400-\u9fff]")
DATE = re.compile(r"^([0-9]{4})(?:-(0[1-9]|1[0-2]))?$")  # ASCII digits, months 01-12
SECTION_NUMBER = re.compile(r"^[0-9a-z]+(?:\.[0-9a-z]+)*$")  # 3.4, abstract, table1.pathways
REVIEW = EXOPA["review"]


class CurationErrors(Exception):
    """All the problems found in the curation tables, each a :class:`CurationError`."""

    def __init__(self, errors: list[CurationError]) -> None:
        self.errors = errors
        super().__init__("\n".join(str(error) for error in errors))


@dataclass
class Sources:
    """The files a build reads, found under a source root."""

    tbox: Path
    review: Path
    sections: Path
    references: Path
    entities: list[Path]
    findings: list[Path]
    notes: list[Path]
    mappings: list[Path]
    imports: list[Path]

    @classmethod
    def under(cls, root: Path) -> Sources:
        curation = root / "ontology" / "curation"
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
        )


@dataclass
class Vocabulary:
    """What the TBox allows: classes, association predicates and the directions they imply."""

    classes: dict[str, URIRef]
    predicates: dict[str, URIRef]
    implied_direction: dict[str, str]
    evidence_types: set[URIRef]
    subclasses: dict[str, set[str]] = field(default_factory=dict)

    @classmethod
    def from_tbox(cls, tbox: Graph) -> Vocabulary:
        def local(iri: URIRef) -> str:
            return str(iri)[len(str(EXOPA)) :]

        classes = {local(c): c for c in tbox.subjects(RDF.type, OWL.Class) if str(c).startswith(str(EXOPA))}
        predicates = {
            local(p): p
            for p in tbox.transitive_subjects(RDFS.subPropertyOf, EXOPA.relatedTo)
            if str(p).startswith(str(EXOPA))
        }
        implied = {local(p): local(d) for p, d in tbox.subject_objects(EXOPA.impliedDirection)}
        evidence = set(tbox.subjects(RDF.type, EXOPA.EvidenceType))
        subclasses = {
            name: {local(s) for s in tbox.transitive_subjects(RDFS.subClassOf, iri)} for name, iri in classes.items()
        }
        return cls(classes, predicates, implied, {URIRef(e) for e in evidence}, subclasses)

    def is_a(self, class_name: str, ancestor: str) -> bool:
        return class_name in self.subclasses.get(ancestor, {ancestor})


class Compiler:
    """Turns the tables into triples; collects every error instead of stopping at the first."""

    def __init__(self, sources: Sources) -> None:
        self.sources = sources
        self.graph = Graph()
        self.errors: list[CurationError] = []
        self.slugs: dict[str, str] = {}  # slug -> kind ('section', 'reference', class name, 'finding', 'note')
        self.section_by_number: dict[str, str] = {}
        self.pending: list[tuple[Row, str, str, set[str] | None]] = []  # (row, column, slug, allowed classes)
        self.review = ""  # the review's text without whitespace, for checking that quotes are verbatim
        self.person_labels: dict[URIRef, Literal] = {}  # person node -> its English label, one per name

    # -- helpers ---------------------------------------------------------------------------------------------
    def fail(self, error: CurationError) -> None:
        self.errors.append(error)

    def rows(self, path: Path, columns: list[str]) -> Iterable[Row]:
        try:
            yield from read_table(path, columns)
        except CurationError as error:  # also a missing or unreadable file
            self.fail(error)

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

    def add(self, s: URIRef, p: URIRef, o) -> None:
        self.graph.add((s, p, o))

    def labels(self, node: URIRef, english: str, chinese: str = "", alternatives: Iterable[str] = ()) -> None:
        self.add(node, RDFS.label, Literal(english, lang="en"))
        if chinese:
            self.add(node, RDFS.label, Literal(chinese, lang="zh"))
        for alt in alternatives:
            self.add(node, SKOS.altLabel, Literal(alt, lang="zh" if CJK.search(alt) else "en"))

    # -- tables ----------------------------------------------------------------------------------------------
    def compile(self) -> Graph:
        try:
            tbox = parse_turtle(self.sources.tbox)
        except CurationError as error:
            raise CurationErrors([with_context(error, "cannot parse the TBox")]) from None
        self.graph += tbox
        self.vocabulary = Vocabulary.from_tbox(tbox)
        for node in tbox.subjects(RDF.type, OWL.NamedIndividual):
            if str(node).startswith(str(EXOPA)):
                self.slugs[str(node)[len(str(EXOPA)) :]] = "TBox individual"
        try:
            self.review = squash(read_text(self.sources.review))
        except CurationError as error:
            self.fail(CurationError(error.path, error.row, error.column, f"{error.message} (the review's text, "
                                    "against which every quote is checked)"))  # fmt: skip
        self.read_sections()
        self.read_entities()
        self.read_references()
        note_rows = [row for path in self.sources.notes for row in self.rows(path, NOTE_COLUMNS)]
        for row in note_rows:
            self.declare(row, "id", "note")
        for path in self.sources.findings:
            for row in self.rows(path, FINDING_COLUMNS):
                self.read_finding(row)
        for row in note_rows:
            self.read_note(row)
        self.read_mappings()
        self.read_imports()
        self.check_references()
        if self.errors:
            raise CurationErrors(self.errors)
        return self.graph

    def read_sections(self) -> None:
        for row in self.rows(self.sources.sections, SECTION_COLUMNS):
            slug = self.declare(row, "slug", "section")
            if slug is None:
                continue
            try:
                number = row.required("number")
                if not SECTION_NUMBER.match(number):
                    raise row.error("number", f"'{number}' is not a section number such as 3.4, abstract or table1")
                titles = row.text("title_en", row.required("title_en")), row.text("title_zh")
            except CurationError as error:
                self.fail(error)
                continue
            self.section_by_number[number] = slug
            node = EXOPA[slug]
            self.add(node, RDF.type, OWL.NamedIndividual)
            self.add(node, RDF.type, EXOPA.ReviewSection)
            prefix = "" if not number[0].isdigit() else f"{number} "
            self.labels(node, prefix + titles[0], titles[1])
            self.add(node, EXOPA.sectionNumber, Literal(number))
            parent = row["part_of"]
            self.add(node, DCTERMS.isPartOf, self.refer(row, "part_of", parent, {"section"}) if parent else REVIEW)

    def section(self, row: Row, column: str, number: str) -> URIRef | None:
        slug = self.section_by_number.get(number)
        if slug is None:
            self.fail(row.error(column, f"unknown review section '{number}'"))
            return None
        return EXOPA[slug]

    def read_references(self) -> None:
        for row in self.rows(self.sources.references, REFERENCE_COLUMNS):
            slug = self.declare(row, "slug", "reference")
            if slug is None:
                continue
            node = EXOPA[slug]
            self.add(node, RDF.type, OWL.NamedIndividual)
            self.add(node, RDF.type, EXOPA.Reference)
            try:
                number = int(row.number("number") or "")
                year = int(row.number("year") or "")
            except (CurationError, ValueError) as error:
                self.fail(error if isinstance(error, CurationError) else row.error("year", "number and year required"))
                continue
            if not 1800 <= year <= 2100:
                self.fail(row.error("year", f"year {year} out of range"))
            authors = row.items("authors")
            first = authors[0].split(",")[0] if authors else "anonymous"
            et_al = row["et_al"]
            if et_al not in ("true", "false"):
                self.fail(row.error("et_al", "et_al must be 'true' or 'false'"))
            many = et_al == "true" or len(authors) > 2
            short = f"{first} et al." if many else " and ".join(a.split(",")[0] for a in authors)
            self.labels(node, f"ref {number}: {short} ({year})")
            language = row["language"]
            try:
                title = row.text("title", row.required("title"))
                self.add(node, DCTERMS.title, Literal(title, lang=row.required("language")))
            except CurationError as error:
                self.fail(error)
            except ValueError:  # rdflib checks the tag's syntax (BCP 47)
                self.fail(row.error("language", f"'{language}' is not a language tag such as en or zh"))
            self.add(node, EXOPA.referenceNumber, Literal(number))
            self.add(node, EXOPA.year, Literal(year))
            author_list = "; ".join(authors) + ("; et al." if et_al == "true" else "")
            self.add(node, EXOPA.authorList, Literal(author_list))
            self.read_authors(row, node, number, authors)
            for column, prop in (("journal", EXOPA.journal), ("volume", EXOPA.volume), ("pages", EXOPA.pages)):
                if row[column]:
                    self.add(node, prop, Literal(row[column]))
            self.add(node, DCTERMS.language, Literal(language))
            doi = row["doi"]
            if doi:
                if DOI.match(doi):
                    self.add(node, EXOPA.doi, Literal(doi))
                    self.add(node, RDFS.seeAlso, URIRef(f"https://doi.org/{doi}"))
                else:  # never made into an IRI: markup or quotes would break every serialisation
                    expected = "10.NNNN/suffix of letters, digits and -._;()/:"
                    self.fail(row.error("doi", f"'{doi}' is not a DOI (expected {expected})"))
            elif row["no_doi_reason"]:
                self.add(node, EXOPA.noDoiReason, Literal(row["no_doi_reason"]))
            else:
                self.fail(row.error("doi", "a reference needs a DOI or a reason in no_doi_reason"))
            if row["study_context"]:
                self.add(node, EXOPA.studyContext, Literal(row["study_context"], lang="en"))
            organ = row["organ_context"]
            if organ and organ != "general":
                self.add(node, EXOPA.studiesOrgan, self.refer(row, "organ_context", organ, {"AnatomicalEntity"}))
            for number_cited in row.items("cited_in_sections"):
                section = self.section(row, "cited_in_sections", number_cited)
                if section is not None:
                    self.add(node, EXOPA.citedInSection, section)
            for topic in row.items("topics"):
                self.add(node, EXOPA.hasTopic, self.refer(row, "topics", topic))
            self.add(node, DCTERMS.isReferencedBy, REVIEW)

    def read_authors(self, row: Row, node: URIRef, number: int, authors: list[str]) -> None:
        """The ordered authors of a reference as persons (see :mod:`exopa.authors`)."""
        romanised = row.items("authors_latin")
        if romanised and len(romanised) != len(authors):
            self.fail(row.error("authors_latin", f"{len(romanised)} romanised names for {len(authors)} authors"))
            return
        for s, p, o in authorships(node, number, authors, romanised):
            if (
                p == RDFS.label
                and isinstance(o, Literal)
                and o.language == "en"
                and str(s).startswith(str(EXOPA["person-"]))
            ):
                known = self.person_labels.setdefault(s, o)
                if known != o:
                    self.fail(row.error("authors", f"'{o}' and '{known}' would be the same person ({s})"))
                    continue
            self.add(s, p, o)

    def read_entities(self) -> None:
        for path in self.sources.entities:
            for row in self.rows(path, ENTITY_COLUMNS):
                class_name = row["class"]
                slug = self.declare(row, "slug", class_name or "entity")
                if slug is None:
                    continue
                if class_name not in self.vocabulary.classes:
                    self.fail(row.error("class", f"unknown class '{class_name}'"))
                    continue
                node = EXOPA[slug]
                self.add(node, RDF.type, OWL.NamedIndividual)
                self.add(node, RDF.type, self.vocabulary.classes[class_name])
                try:
                    english, chinese = row.text("label_en", row.required("label_en")), row.text("label_zh")
                    alternatives = [row.text("alt_labels", alt) for alt in row.items("alt_labels")]
                    self.labels(node, english, chinese, alternatives)
                    self.add(node, DEFINITION, Literal(row.required("definition"), lang="en"))
                    source = row.required("definition_source")
                except CurationError as error:
                    self.fail(error)
                    continue
                if source == "curator":
                    self.add(node, DEFINITION_SOURCE, Literal("exopa curators"))
                else:
                    self.add(
                        node, DEFINITION_SOURCE, self.refer(row, "definition_source", source, {"section", "reference"})
                    )
                for relation in row.items("relations"):
                    predicate, _, target = relation.partition(":")
                    if predicate not in self.vocabulary.predicates or not target:
                        self.fail(row.error("relations", f"'{relation}' is not predicate:slug with a known predicate"))
                        continue
                    self.add(node, self.vocabulary.predicates[predicate], self.refer(row, "relations", target))
                if row["date"]:
                    match = DATE.match(row["date"])
                    if not match:
                        message = f"'{row['date']}' is not YYYY or YYYY-MM (ASCII digits, month 01-12)"
                        self.fail(row.error("date", message))
                        continue
                    self.add(node, EXOPA.year, Literal(int(match.group(1))))
                    if match.group(2):
                        self.add(node, EXOPA.month, Literal(int(match.group(2))))

    def read_finding(self, row: Row) -> None:
        fid = self.declare(row, "id", "finding")
        if fid is None:
            return
        node = EXOPA[fid]
        vocab = self.vocabulary
        self.add(node, RDF.type, OWL.NamedIndividual)
        self.add(node, RDF.type, EXOPA.Finding)
        try:
            subject = self.refer(row, "subject", row.slug("subject"))
            obj = self.refer(row, "object", row.slug("object"))
            predicate_name = row.required("predicate")
            quote = row.required("quote_zh")
            section_number = row.required("section")
        except CurationError as error:
            self.fail(error)
            return
        for column in ("quote_zh", "quote_en"):
            if self.review and row[column] and squash(row[column]) not in self.review:
                self.fail(row.error(column, f"{column} is not verbatim from the review (ontology/source/review.txt; "
                                            "whitespace aside)"))  # fmt: skip
        predicate = vocab.predicates.get(predicate_name)
        if predicate is None:
            self.fail(row.error("predicate", f"unknown predicate '{predicate_name}'"))
            return
        self.add(node, EXOPA.subject, subject)
        self.add(node, EXOPA.predicate, predicate)
        self.add(node, EXOPA.object, obj)
        self.add(subject, predicate, obj)
        self.add(node, RDFS.label, Literal(f"{fid}: {row['subject']} {predicate_name} {row['object']}", lang="en"))
        direction = row["direction"]
        implied = vocab.implied_direction.get(predicate_name)
        if direction and direction not in ("up", "down", "no-change"):
            self.fail(row.error("direction", f"direction must be up, down or no-change, not '{direction}'"))
        elif implied and direction and direction != implied:
            self.fail(
                row.error("direction", f"direction '{direction}' contradicts predicate '{predicate_name}' ({implied})")
            )
        direction = direction or implied
        if direction:
            self.add(node, EXOPA.direction, EXOPA[direction])
        section = self.section(row, "section", section_number)
        if section is not None:
            self.add(node, EXOPA.inSection, section)
        for model in row.items("model"):
            self.add(node, EXOPA.inModel, self.refer(row, "model", model, {"ExperimentalModel"}))
        for band in row.items("uv_band"):
            self.add(node, EXOPA.underUVBand, self.refer(row, "uv_band", band, {"UVRadiation"}))
        self.read_quantity(row, node)
        for target in row.items("compared_to"):
            self.add(node, EXOPA.comparedTo, self.refer(row, "compared_to", target))
        for quality in row.items("compared_quality"):
            self.add(node, EXOPA.comparedQuality, self.refer(row, "compared_quality", quality, {"Quality"}))
        evidence = row.items("evidence")
        if not evidence:
            self.fail(row.error("evidence", "missing required value in column 'evidence'"))
        for curie in evidence:
            iri = curie_to_iri(curie) if re.fullmatch(r"ECO:\d{7}", curie) else None
            if iri not in vocab.evidence_types:
                self.fail(
                    row.error("evidence", f"'{curie}' is not one of the ECO evidence types the ontology declares")
                )
                continue
            self.add(node, EXOPA.evidenceType, iri)
        references = row.items("references")
        for reference in references:
            self.add(node, EXOPA.supportedBy, self.refer(row, "references", reference, {"reference"}))
        uncited = row["uncited"] or "false"
        if uncited not in ("true", "false"):
            self.fail(row.error("uncited", "uncited must be 'true' or 'false'"))
        elif (uncited == "true") == bool(references):
            self.fail(row.error("uncited", "a finding has references or uncited=true, not both and not neither"))
        self.add(node, EXOPA.uncited, Literal(uncited == "true"))
        self.add(node, EXOPA.quote, Literal(quote, lang="zh"))
        if row["quote_en"]:
            self.add(node, EXOPA.quote, Literal(row["quote_en"], lang="en"))
        for note in row.items("notes"):
            self.add(node, EXOPA.hasCurationNote, self.refer(row, "notes", note, {"note"}))
        self.add(node, PROV.wasDerivedFrom, REVIEW)

    def read_quantity(self, row: Row, finding: URIRef) -> None:
        try:
            value, lower, upper = row.number("quantity"), row.number("lower"), row.number("upper")
        except CurationError as error:
            self.fail(error)
            return
        if value is None and lower is None and upper is None:
            if row["unit"]:
                self.fail(row.error("unit", "a unit without a quantity"))
            return
        unit = row["unit"]
        if unit not in UNITS:
            self.fail(row.error("unit", f"unit must be one of {', '.join(UNITS)}, not '{unit}'"))
            return
        if lower is not None and upper is not None and float(lower) > float(upper):
            self.fail(row.error("lower", f"lower bound {lower} is greater than upper bound {upper}"))
        node = URIRef(f"{finding}-quantity")
        self.add(finding, EXOPA.hasQuantity, node)
        self.add(node, RDF.type, OWL.NamedIndividual)
        self.add(node, RDF.type, EXOPA.QuantityValue)
        text = f"{value}" if value is not None else f"{lower or ''}-{upper or ''}"
        self.add(node, RDFS.label, Literal(f"{text} {unit} ({row['id']})", lang="en"))
        for prop, number in ((EXOPA.numericValue, value), (EXOPA.lowerBound, lower), (EXOPA.upperBound, upper)):
            if number is not None:
                self.add(node, prop, Literal(canonical_decimal(number), datatype=XSD.decimal))
        self.add(node, EXOPA.unit, UNITS[unit])

    def read_note(self, row: Row) -> None:
        slug = row["id"]
        node = EXOPA[slug]
        self.add(node, RDF.type, OWL.NamedIndividual)
        self.add(node, RDF.type, EXOPA.CurationNote)
        try:
            kind = row.required("kind")
            text = row.required("text")
            about = row.items("about") or [row.required("about")]
        except CurationError as error:
            self.fail(error)
            return
        self.add(node, EXOPA.noteKind, self.refer(row, "kind", kind, {"CurationNoteKind"}))
        self.add(node, RDFS.label, Literal(f"{slug}: {kind}", lang="en"))
        self.add(node, RDFS.comment, Literal(text, lang="en"))
        for target in about:
            self.add(self.refer(row, "about", target), EXOPA.hasCurationNote, node)

    def read_mappings(self) -> None:
        from .mappings import read_sssom

        for path in self.sources.mappings:
            try:
                _, mappings = read_sssom(path)
            except CurationError as error:
                self.fail(error)
                continue
            for mapping in mappings:
                if mapping.subject not in self.slugs:
                    self.fail(CurationError(path, mapping.line, 1, f"unknown slug '{mapping.subject}'"))
                    continue
                self.add(EXOPA[mapping.subject], mapping.predicate, mapping.object_iri)

    def read_imports(self) -> None:
        """The import module (``ontology/imports/*.ttl``): official labels and mapped categories of external terms."""
        for path in self.sources.imports:
            try:
                self.graph += parse_turtle(path)
            except CurationError as error:
                self.fail(with_context(error, "cannot parse the import module"))

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
    from .rdf_input import InputError, parse

    try:
        parse(path)
    except InputError as error:
        raise CurationError(path, error.line or 0, error.column or 0, error.message) from None
    return Graph().parse(path, format="turtle")


def with_context(error: CurationError, context: str) -> CurationError:
    return CurationError(error.path, error.row, error.column, f"{context}: {error.message}")


def canonical_decimal(text: str) -> str:
    """The canonical xsd:decimal lexical form (``80`` -> ``80.0``), so that every serialisation writes the same term."""
    return text if "." in text else f"{text}.0"


def compile_graph(root: Path) -> Graph:
    """Compile the sources under ``root`` into the release graph; raise :class:`CurationErrors` on bad input."""
    return Compiler(Sources.under(root)).compile()
