"""The findings tables: one :class:`~exopa` Finding per row, with its qualifiers, evidence rule and completeness."""

from __future__ import annotations

import re

from rdflib import Literal, URIRef
from rdflib.namespace import PROV, RDFS, XSD

from ..namespaces import EXOPA, UNITS, curie_to_iri
from ..tables import CurationError, Row, squash
from .base import CJK, REVIEW
from .entities import EntityTables

FINDING_COLUMNS = [
    "id", "section", "subject", "predicate", "object", "direction", "model", "uv_band", "quantity", "lower", "upper",
    "unit", "compared_to", "compared_quality", "evidence", "references", "uncited", "quote_zh", "quote_en",
    "translation_en", "modality", "quality_value", "location", "timing", "dose", "table_item", "notes",
]  # fmt: skip

#: Whether a build refuses findings without translation_en or modality, rows that break the evidence rule and
#: experimental models without a kind (else they are warnings, e.g. for a table being filled in: `exopa build
#: --strict` then makes them errors for one build). On: every finding of the review is complete.
REQUIRE_COMPLETE = True

CITED = curie_to_iri("ECO:0000304")  # author statement supported by traceable reference used in manual assertion
UNCITED = curie_to_iri("ECO:0000303")  # author statement without traceable support used in manual assertion
LOCATION_KINDS = {"AnatomicalEntity", "CellularComponent", "CellType"}


def short_eco(iri: URIRef) -> str:
    return str(iri).rsplit("/", 1)[-1].replace("_", ":")


class FindingTables(EntityTables):
    """Reads findings*.tsv."""

    def read_findings(self) -> None:
        for path in self.sources.findings:
            for row, fid in self.declared(path, FINDING_COLUMNS, "id", "finding"):
                self.read_finding(row, fid)

    def read_finding(self, row: Row, fid: str) -> None:
        node = EXOPA[fid]
        vocab = self.vocabulary
        self.individual(node, EXOPA.Finding)
        cells = self.cells(lambda: (
            self.refer_slug(row, "subject"), self.refer_slug(row, "object"),
            row.required("predicate"), row.required("quote_zh"), row.required("section")))  # fmt: skip
        if cells is None:
            return
        subject, obj, predicate_name, quote, section_number = cells
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
        self.read_direction(row, node, predicate_name)
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
        self.read_evidence(row, node)
        self.add(node, EXOPA.quote, Literal(quote, lang="zh"))
        if row["quote_en"]:
            self.add(node, EXOPA.quote, Literal(row["quote_en"], lang="en"))
        self.read_translation(row, node, quote)
        self.read_qualifiers(row, node)
        for note in row.items("notes"):
            self.add(node, EXOPA.hasCurationNote, self.refer(row, "notes", note, {"note"}))
        self.add(node, PROV.wasDerivedFrom, REVIEW)
        self.finding_rows[fid] = row

    def read_direction(self, row: Row, node: URIRef, predicate_name: str) -> None:
        direction = row["direction"]
        implied = self.vocabulary.implied_direction.get(predicate_name)
        if direction and direction not in ("up", "down", "no-change"):
            self.fail(row.error("direction", f"direction must be up, down or no-change, not '{direction}'"))
        elif implied and direction and direction != implied:
            self.fail(
                row.error("direction", f"direction '{direction}' contradicts predicate '{predicate_name}' ({implied})")
            )
        direction = direction or implied
        if direction:
            self.add(node, EXOPA.direction, EXOPA[direction])

    def read_evidence(self, row: Row, node: URIRef) -> None:
        """ECO evidence types, references and the uncited flag, then the evidence rule of the curation README."""
        evidence = row.items("evidence")
        if not evidence:
            self.fail(row.error("evidence", "missing required value in column 'evidence'"))
        codes: set[URIRef] = set()
        for curie in evidence:
            iri = curie_to_iri(curie) if re.fullmatch(r"ECO:\d{7}", curie) else None
            if iri not in self.vocabulary.evidence_types:
                self.fail(
                    row.error("evidence", f"'{curie}' is not one of the ECO evidence types the ontology declares")
                )
                continue
            codes.add(iri)
            self.add(node, EXOPA.evidenceType, iri)
        references = row.items("references")
        for reference in references:
            self.add(node, EXOPA.supportedBy, self.refer(row, "references", reference, {"reference"}))
        uncited = row["uncited"] or "false"
        if uncited not in ("true", "false"):
            self.fail(row.error("uncited", "uncited must be 'true' or 'false'"))
            return
        if (uncited == "true") == bool(references):
            self.fail(row.error("uncited", "a finding has references or uncited=true, not both and not neither"))
            return
        self.add(node, EXOPA.uncited, Literal(uncited == "true"))
        if evidence and len(codes) == len(evidence):
            self.check_evidence_rule(row, codes, cited=bool(references))

    def check_evidence_rule(self, row: Row, codes: set[URIRef], cited: bool) -> None:
        """Author-statement code from cited/uncited; experimental-kind codes exactly those the models imply."""
        author, other = (CITED, UNCITED) if cited else (UNCITED, CITED)
        if author not in codes or other in codes:
            state = "cites a reference" if cited else "is uncited"
            self.incomplete(row.error("evidence", f"the finding {state}: its author-statement code must be "
                                                  f"{short_eco(author)}, not {short_eco(other)}"))  # fmt: skip
        kinds = set(self.vocabulary.implied_evidence.values())
        implied: dict[URIRef, list[str]] = {}
        for model in row.items("model"):
            kind = self.slugs.get(model, "")
            code = self.vocabulary.evidence_of_model_kind(kind) if kind in self.vocabulary.classes else None
            if code is not None:
                implied.setdefault(code, []).append(model)
        stated = codes & kinds
        if stated != set(implied):
            said = "|".join(sorted(short_eco(c) for c in stated)) or "none"
            want = ", ".join(f"{short_eco(c)} ({'|'.join(m)})" for c, m in sorted(implied.items())) or "none (no model)"
            self.incomplete(row.error("evidence", f"experimental evidence codes {said} differ from those the "
                                                  f"models imply: {want}"))  # fmt: skip

    def read_translation(self, row: Row, node: URIRef, quote: str) -> None:
        translation = row["translation_en"]
        if not translation:
            self.incomplete(row.error("translation_en", "missing curator translation of quote_zh"))
            return
        if translation == quote:
            self.fail(row.error("translation_en", "the translation equals quote_zh"))
            return
        if CJK.search(translation):
            self.incomplete(row.error("translation_en", "the English translation contains Chinese characters"))
        self.add(node, EXOPA.translation, Literal(translation, lang="en"))

    def read_qualifiers(self, row: Row, node: URIRef) -> None:
        modality = row["modality"]
        if not modality:
            self.incomplete(row.error("modality", "missing modality (asserted, hypothesis or scope)"))
        elif modality not in self.vocabulary.modalities:
            allowed = ", ".join(sorted(self.vocabulary.modalities))
            self.fail(row.error("modality", f"modality must be one of {allowed}, not '{modality}'"))
        else:
            self.add(node, EXOPA.modality, EXOPA[modality])
        for value in row.items("quality_value"):
            self.add(node, EXOPA.qualityValue, self.refer(row, "quality_value", value, {"QualityValue"}))
        for place in row.items("location"):
            self.add(node, EXOPA.inLocation, self.refer(row, "location", place, LOCATION_KINDS))
        timing = row["timing"]
        if timing:
            if CJK.search(timing):
                self.fail(row.error("timing", "timing is a short English phrase, not Chinese text"))
            else:
                self.add(node, EXOPA.timing, Literal(timing, lang="en"))
        for dose in row.items("dose"):
            self.add(node, EXOPA.withDose, self.refer(row, "dose", dose, {"Intervention"}))
        for item in row.items("table_item"):
            self.add(node, EXOPA.tableItem, self.refer(row, "table_item", item, {"TableItem"}))

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
        self.individual(node, EXOPA.QuantityValue)
        text = f"{value}" if value is not None else f"{lower or ''}-{upper or ''}"
        self.add(node, RDFS.label, Literal(f"{text} {unit} ({row['id']})", lang="en"))
        for prop, number in ((EXOPA.numericValue, value), (EXOPA.lowerBound, lower), (EXOPA.upperBound, upper)):
            if number is not None:
                self.add(node, prop, Literal(canonical_decimal(number), datatype=XSD.decimal))
        self.add(node, EXOPA.unit, UNITS[unit])


def canonical_decimal(text: str) -> str:
    """The canonical xsd:decimal lexical form (``80`` -> ``80.0``), so that every serialisation writes the same term."""
    return text if "." in text else f"{text}.0"
