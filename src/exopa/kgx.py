"""KGX TSV export: one node per exopa entity, one edge per finding, typed with the Biolink terms of a mapping table.

The Biolink category of every exopa class and the Biolink predicate of every association predicate (with the
direction qualifier, negation or inversion it needs) are data, in ``ontology/mappings/biolink.tsv``; this module only
applies them to the compiled release graph and writes the KGX node and edge files.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import curies
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from .compile import CurationErrors, Vocabulary
from .namespaces import DEFINITION, EXOPA, OBO
from .tables import CurationError, Row, read_table

TABLE = Path("ontology") / "mappings" / "biolink.tsv"
CURATION = Path("ontology") / "curation"
TABLE_COLUMNS = [
    "exopa_id", "direction", "kgx_role", "biolink_id", "match", "object_direction_qualifier", "negated", "inverse",
    "comment",
]  # fmt: skip
ROLES = ("node", "edge", "predicate", "publications", "has_evidence", "none")
MATCHES = ("exact", "close", "broad")
DIRECTIONS = ("up", "down", "no-change")
QUALIFIERS = ("increased", "decreased")

#: Our own information-resource CURIE: the review has no infores entry (nor a DOI), so exopa is the primary source.
SOURCE = "infores:exopa"
NODE_COLUMNS = ["id", "category", "name", "description", "xref", "provided_by", "synonym", "iri"]
EDGE_COLUMNS = [
    "id", "subject", "predicate", "object", "category", "agent_type", "has_evidence", "knowledge_level", "negated",
    "object_direction_qualifier", "anatomical_context_qualifier", "original_predicate", "primary_knowledge_source",
    "publications", "supporting_text", "description",
]  # fmt: skip
#: The knowledge level of an edge whose finding has no modality yet (Biolink: "cannot be determined").
UNKNOWN_LEVEL = "not_provided"
LIST_SEPARATOR = "|"
FORBIDDEN = ("\t", "\n", "\r")


@dataclass(frozen=True)
class PredicateMapping:
    """The Biolink form of one exopa predicate (with a given finding direction)."""

    predicate: str
    qualifier: str
    negated: bool
    inverse: bool


@dataclass
class BiolinkTable:
    """The rows of ``biolink.tsv``: node categories, the edge category and the predicate mappings."""

    categories: dict[str, str]
    roles: dict[str, str]
    edge_category: str
    predicates: dict[tuple[str, str], PredicateMapping]


def read_biolink_table(path: Path, vocabulary: Vocabulary) -> BiolinkTable:
    """Read and check the mapping table against the TBox; every problem is a ``file:row:column`` error."""
    errors: list[CurationError] = []
    categories: dict[str, str] = {}
    roles: dict[str, str] = {}
    edge_categories: list[str] = []
    predicates: dict[tuple[str, str], PredicateMapping] = {}
    try:
        rows = list(read_table(path, TABLE_COLUMNS))
    except CurationError as error:
        raise CurationErrors([error]) from None
    for row in rows:
        problem = _check_row(row, vocabulary)
        if problem is not None:
            errors.append(problem)
            continue
        name, role, biolink = row["exopa_id"].removeprefix("exopa:"), row["kgx_role"], row["biolink_id"]
        if role == "predicate":
            key = (name, row["direction"])
            if key in predicates:
                errors.append(row.error("direction", f"a second row for exopa:{name} with direction '{key[1]}'"))
                continue
            mapping = PredicateMapping(biolink, row["object_direction_qualifier"], row["negated"] == "true",
                                       row["inverse"] == "true")  # fmt: skip
            predicates[key] = mapping
            continue
        if name in roles:
            errors.append(row.error("exopa_id", f"a second row for exopa:{name}"))
            continue
        roles[name] = role
        if role == "node":
            categories[name] = biolink
        elif role == "edge":
            edge_categories.append(biolink)
    for name in sorted(set(vocabulary.classes) - set(roles)):
        errors.append(CurationError(path, 0, 0, f"no row for the class exopa:{name}"))
    for name in sorted(set(vocabulary.predicates) - {key[0] for key in predicates}):
        errors.append(CurationError(path, 0, 0, f"no row for the predicate exopa:{name}"))
    if len(edge_categories) != 1 and not errors:
        errors.append(CurationError(path, 0, 0, "exactly one row must have kgx_role 'edge' (exopa:Finding)"))
    if errors:
        raise CurationErrors(errors)
    return BiolinkTable(categories, roles, edge_categories[0], predicates)


def _check_row(row: Row, vocabulary: Vocabulary) -> CurationError | None:
    exopa_id, role, biolink = row["exopa_id"], row["kgx_role"], row["biolink_id"]
    name = exopa_id.removeprefix("exopa:")
    if role not in ROLES:
        return row.error("kgx_role", f"kgx_role must be one of {', '.join(ROLES)}, not '{role}'")
    if role == "predicate":
        if name not in vocabulary.predicates or not exopa_id.startswith("exopa:"):
            return row.error("exopa_id", f"'{exopa_id}' is not an association predicate of the TBox")
    elif name not in vocabulary.classes or not exopa_id.startswith("exopa:"):
        return row.error("exopa_id", f"'{exopa_id}' is not a class of the TBox")
    if (role == "none") != (biolink == ""):
        return row.error("biolink_id", "biolink_id is required, except (and only) for kgx_role 'none'")
    if biolink and not biolink.startswith("biolink:"):
        return row.error("biolink_id", f"'{biolink}' is not a biolink: CURIE")
    if (role == "none") != (row["match"] == "") or (row["match"] and row["match"] not in MATCHES):
        return row.error("match", f"match must be one of {', '.join(MATCHES)} (empty for kgx_role 'none')")
    extras = ("direction", "object_direction_qualifier", "negated", "inverse")
    if role != "predicate":
        for column in extras:
            if row[column]:
                return row.error(column, f"'{column}' is only for predicate rows")
        return None
    if row["direction"] and row["direction"] not in DIRECTIONS:
        return row.error("direction", f"direction must be empty or one of {', '.join(DIRECTIONS)}")
    if row["object_direction_qualifier"] not in ("", *QUALIFIERS):
        return row.error("object_direction_qualifier", f"must be empty or one of {', '.join(QUALIFIERS)}")
    for column in ("negated", "inverse"):
        if row[column] not in ("", "true"):
            return row.error(column, f"'{column}' must be empty or 'true'")
    if row["inverse"] and row["object_direction_qualifier"]:
        return row.error("inverse", "an inverted edge cannot carry an object direction qualifier")
    return None


def _local(node: URIRef | str) -> str:
    return str(node)[len(str(EXOPA)) :]


def _one(values: Iterable, what: str) -> str:
    found = sorted(str(value) for value in values)
    if len(found) != 1:
        raise ValueError(f"expected one {what}, found {len(found)}: {found}")
    return found[0]


class _Rows:
    """Collects TSV rows, refusing values that would break the KGX TSV format (tabs, newlines, ``|`` in a value)."""

    def __init__(self, columns: list[str]) -> None:
        self.columns = columns
        self.rows: list[list[str]] = []
        self.errors: list[CurationError] = []

    def add(self, record: dict[str, str | list[str]]) -> None:
        cells = []
        for column in self.columns:
            value = record.get(column, "")
            items = value if isinstance(value, list) else [value]
            for item in items:
                if any(mark in item for mark in FORBIDDEN) or (isinstance(value, list) and LIST_SEPARATOR in item):
                    message = f"{record['id']}: {column} {item!r} holds a tab, a line break or the list separator '|'"
                    self.errors.append(CurationError(CURATION, 0, 0, message))
            cells.append(LIST_SEPARATOR.join(items))
        self.rows.append(cells)

    def tsv(self) -> bytes:
        stream = io.StringIO()
        writer = csv.writer(stream, delimiter="\t", quoting=csv.QUOTE_NONE, quotechar=None, lineterminator="\n")
        writer.writerow(self.columns)
        writer.writerows(sorted(self.rows))
        return stream.getvalue().encode("utf-8")


def _node_rows(graph: Graph, table: BiolinkTable, converter: curies.Converter) -> _Rows:
    """One row per individual of a class whose ``kgx_role`` is ``node``; ``xref`` lists its exact matches."""
    nodes = _Rows(NODE_COLUMNS)
    categories: dict[str, set[str]] = {}
    for class_name, category in table.categories.items():
        for entity in graph.subjects(RDF.type, EXOPA[class_name]):
            categories.setdefault(_local(entity), set()).add(category)
    for slug, category in categories.items():
        entity = EXOPA[slug]
        labels = list(graph.objects(entity, RDFS.label))
        synonyms = {str(label) for label in labels if label.language != "en"}
        synonyms |= {str(alt) for alt in graph.objects(entity, SKOS.altLabel)}
        matches = graph.objects(entity, SKOS.exactMatch)
        nodes.add({
            "id": f"exopa:{slug}",
            "category": sorted(category),
            "name": _one((label for label in labels if label.language == "en"), f"English label of {slug}"),
            "description": " ".join(sorted(str(d) for d in graph.objects(entity, DEFINITION) if d.language == "en")),
            "xref": sorted(converter.compress(str(iri), strict=True) for iri in matches),
            "provided_by": [SOURCE],
            "synonym": sorted(synonyms),
            "iri": str(entity),
        })  # fmt: skip
    return nodes


def _edge_rows(graph: Graph, table: BiolinkTable, converter: curies.Converter, nodes: set[str]) -> _Rows:
    """One row per finding, its predicate, qualifier and orientation taken from the table."""
    edges = _Rows(EDGE_COLUMNS)
    for finding in graph.subjects(RDF.type, EXOPA.Finding):
        fid = f"exopa:{_local(finding)}"
        predicate = _local(_one(graph.objects(finding, EXOPA.predicate), f"predicate of {fid}"))
        direction = graph.value(finding, EXOPA.direction)
        key = (predicate, _local(direction) if direction is not None else "")
        mapping = table.predicates.get(key)
        if mapping is None:
            message = f"{fid}: no row for exopa:{key[0]} with direction '{key[1]}'"
            edges.errors.append(CurationError(TABLE, 0, 0, message))
            continue
        subject = "exopa:" + _local(_one(graph.objects(finding, EXOPA.subject), f"subject of {fid}"))
        obj = "exopa:" + _local(_one(graph.objects(finding, EXOPA.object), f"object of {fid}"))
        if mapping.inverse:
            subject, obj = obj, subject
        for end in (subject, obj):
            if end not in nodes:
                edges.errors.append(CurationError(TABLE, 0, 0, f"{fid}: {end} is not of a class with kgx_role 'node'"))
        publications = []
        for reference in graph.objects(finding, EXOPA.supportedBy):
            doi = graph.value(reference, EXOPA.doi)
            publications.append(f"doi:{doi}" if doi is not None else f"exopa:{_local(reference)}")
        evidence = graph.objects(finding, EXOPA.evidenceType)
        quote = _one((q for q in graph.objects(finding, EXOPA.quote) if q.language == "zh"), f"Chinese quote of {fid}")
        review_english = sorted(str(q) for q in graph.objects(finding, EXOPA.quote) if q.language == "en")
        modality = graph.value(finding, EXOPA.modality)
        level = graph.value(modality, EXOPA.knowledgeLevel) if modality is not None else None
        places = [_curie(graph, converter, place) for place in graph.objects(finding, EXOPA.inLocation)]
        edges.add({
            "id": fid,
            "subject": subject,
            "predicate": mapping.predicate,
            "object": obj,
            "category": [table.edge_category],
            "agent_type": "manual_agent",
            "has_evidence": sorted(converter.compress(str(e), strict=True) for e in evidence),
            "knowledge_level": str(level) if level is not None else UNKNOWN_LEVEL,
            "negated": "True" if mapping.negated else "",
            "object_direction_qualifier": mapping.qualifier,
            "anatomical_context_qualifier": sorted(places),
            "original_predicate": f"exopa:{predicate}",
            "primary_knowledge_source": SOURCE,
            "publications": sorted(publications),
            "supporting_text": [quote, *review_english],
            "description": _description(graph, finding),
        })  # fmt: skip
    return edges


def _curie(graph: Graph, converter: curies.Converter, entity: URIRef) -> str:
    """The exact-match external CURIE of an entity (UBERON, GO...) where it has one, else its exopa CURIE."""
    for match in sorted(graph.objects(entity, SKOS.exactMatch)):
        compressed = converter.compress(str(match))
        if compressed:
            return compressed
    return f"exopa:{_local(entity)}"


def _description(graph: Graph, finding: URIRef) -> str:
    """The finding's English statement and, marked as such, the curators' translation of the supporting text."""
    label = _one((lb for lb in graph.objects(finding, RDFS.label) if lb.language == "en"), "English label")
    translation = sorted(str(t) for t in graph.objects(finding, EXOPA.translation))
    if not translation:
        return label
    return f"{label}. Curator translation of the supporting text (not the review's words): {translation[0]}"


def kgx_tsv(graph: Graph, table: BiolinkTable, prefixes: dict[str, str]) -> tuple[bytes, bytes]:
    """The KGX node and edge files (TSV, ``|`` between the values of a list) of the release graph."""
    converter = curies.Converter.from_prefix_map({**prefixes, "ECO": str(OBO) + "ECO_"})
    nodes = _node_rows(graph, table, converter)
    edges = _edge_rows(graph, table, converter, {row[0] for row in nodes.rows})
    errors = nodes.errors + edges.errors
    if errors:
        raise CurationErrors(errors)
    return nodes.tsv(), edges.tsv()


def kgx_files(root: Path, graph: Graph, prefixes: dict[str, str]) -> tuple[bytes, bytes]:
    """Read ``ontology/mappings/biolink.tsv`` under ``root`` and export the graph as a KGX node and edge file."""
    table = read_biolink_table(root / TABLE, Vocabulary.from_tbox(graph))
    return kgx_tsv(graph, table, prefixes)
