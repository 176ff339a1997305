"""The tables of things the findings talk about: review sections, references, entities and curation notes."""

from __future__ import annotations

import re

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDFS

from ..authors import authorships
from ..namespaces import DEFINITION, DEFINITION_SOURCE, EXOPA
from ..tables import DOI, CurationError, Row
from .base import REVIEW, TableReader

SECTION_COLUMNS = ["slug", "number", "title_en", "title_zh", "part_of"]
REFERENCE_COLUMNS = [
    "slug", "number", "authors", "et_al", "year", "title", "journal", "volume", "pages", "doi", "language",
    "no_doi_reason", "study_context", "organ_context", "cited_in_sections", "topics", "authors_latin",
]  # fmt: skip
ENTITY_COLUMNS = [
    "slug", "class", "label_en", "label_zh", "alt_labels", "definition", "definition_source", "relations", "date",
]  # fmt: skip
NOTE_COLUMNS = ["id", "kind", "about", "text"]
DATE = re.compile(r"^([0-9]{4})(?:-(0[1-9]|1[0-2]))?$")  # ASCII digits, months 01-12
SECTION_NUMBER = re.compile(r"^[0-9a-z]+(?:\.[0-9a-z]+)*$")  # 3.4, abstract, table1.pathways


def required_section_number(row: Row) -> str:
    """The row's section number (3.4, abstract, table1.pathways); raises a located error when missing or malformed."""
    number = row.required("number")
    if not SECTION_NUMBER.match(number):
        raise row.error("number", f"'{number}' is not a section number such as 3.4, abstract or table1")
    return number


class EntityTables(TableReader):
    """Reads sections.tsv, references.tsv, entities*.tsv and notes*.tsv."""

    section_by_number: dict[str, str]

    def read_sections(self) -> None:
        self.section_by_number = {}
        for row, slug in self.declared(self.sources.sections, SECTION_COLUMNS, "slug", "section"):
            cells = self.cells(lambda row=row: (
                required_section_number(row), row.text("title_en", row.required("title_en")),
                row.text("title_zh")))  # fmt: skip
            if cells is None:
                continue
            number, *titles = cells
            self.section_by_number[number] = slug
            node = EXOPA[slug]
            self.individual(node, EXOPA.ReviewSection)
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
        for row, slug in self.declared(self.sources.references, REFERENCE_COLUMNS, "slug", "reference"):
            self.read_reference(row, EXOPA[slug])

    def read_reference(self, row: Row, node: URIRef) -> None:
        self.individual(node, EXOPA.Reference)
        try:
            number = int(row.number("number") or "")
            year = int(row.number("year") or "")
        except (CurationError, ValueError) as error:
            self.fail(error if isinstance(error, CurationError) else row.error("year", "number and year required"))
            return
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
            for row, slug in self.declared(path, ENTITY_COLUMNS, "slug", lambda row: row["class"] or "entity"):
                class_name = row["class"]
                if class_name not in self.vocabulary.classes:
                    self.fail(row.error("class", f"unknown class '{class_name}'"))
                    continue
                self.read_entity(row, EXOPA[slug], class_name)

    def read_entity(self, row: Row, node: URIRef, class_name: str) -> None:
        self.individual(node, self.vocabulary.classes[class_name])
        if self.vocabulary.is_a(class_name, "ExperimentalModel") and self.vocabulary.evidence_of_model_kind(
            class_name
        ) is None:
            kinds = ", ".join(sorted(self.vocabulary.implied_evidence))
            self.incomplete(row.error("class", f"an experimental model needs its kind as class: one of {kinds}"))
        cells = self.cells(lambda: (
            row.text("label_en", row.required("label_en")), row.text("label_zh"),
            [row.text("alt_labels", alt) for alt in row.items("alt_labels")],
            row.required("definition"), row.required("definition_source")))  # fmt: skip
        if cells is None:
            return
        english, chinese, alternatives, definition, source = cells
        self.labels(node, english, chinese, alternatives)
        self.add(node, DEFINITION, Literal(definition, lang="en"))
        if source == "curator":
            self.add(node, DEFINITION_SOURCE, Literal("exopa curators"))
        else:
            self.add(node, DEFINITION_SOURCE, self.refer(row, "definition_source", source, {"section", "reference"}))
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
                return
            self.add(node, EXOPA.year, Literal(int(match.group(1))))
            if match.group(2):
                self.add(node, EXOPA.month, Literal(int(match.group(2))))

    def read_note(self, row: Row) -> None:
        slug = row["id"]
        node = EXOPA[slug]
        self.individual(node, EXOPA.CurationNote)
        cells = self.cells(lambda: (row.required("kind"), row.required("text"),
                                    row.items("about") or [row.required("about")]))  # fmt: skip
        if cells is None:
            return
        kind, text, about = cells
        self.add(node, EXOPA.noteKind, self.refer(row, "kind", kind, {"CurationNoteKind"}))
        self.add(node, RDFS.label, Literal(f"{slug}: {kind}", lang="en"))
        self.add(node, RDFS.comment, Literal(text, lang="en"))
        for target in about:
            self.add(self.refer(row, "about", target), EXOPA.hasCurationNote, node)
