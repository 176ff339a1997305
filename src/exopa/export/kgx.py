"""KGX export: one node per exopa entity, one edge per finding, as KGX TSV and KGX JSON Lines.

The Biolink category of every exopa class and the Biolink predicate and qualifiers of every association predicate are
data (``ontology/mappings/biolink.tsv``, read by :mod:`.biolink_table`); node ids are the entities' exact external
matches in Biolink's prefix spelling where there is one (rule in :mod:`.biolink_ids`), so that exopa joins other
Biolink graphs on shared ids. This module applies them to the compiled release graph and writes the files.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from pathlib import Path

import curies
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from ..compile import CurationErrors, Vocabulary
from ..namespaces import DEFINITION, EXOPA
from ..tables import CurationError
from .biolink_ids import BiolinkPrefixes, biolink_prefixes
from .biolink_table import TABLE, BiolinkTable, read_biolink_table

CURATION = Path("ontology") / "curation"
#: Our own information-resource CURIE: the review has no infores entry (nor a DOI), so exopa is the primary source.
SOURCE = "infores:exopa"
NODE_COLUMNS = ["id", "category", "name", "description", "xref", "provided_by", "synonym", "iri"]
EDGE_COLUMNS = [
    "id", "subject", "predicate", "object", "category", "agent_type", "anatomical_context_qualifier", "description",
    "has_evidence", "knowledge_level", "negated", "object_aspect_qualifier", "object_direction_qualifier",
    "original_predicate", "primary_knowledge_source", "publications", "qualified_predicate", "supporting_text",
]  # fmt: skip
#: The knowledge level of an edge whose finding has no modality (Biolink: "cannot be determined").
UNKNOWN_LEVEL = "not_provided"
LIST_SEPARATOR = "|"
FORBIDDEN = ("\t", "\n", "\r")

__all__ = ["EDGE_COLUMNS", "NODE_COLUMNS", "TABLE", "kgx_export", "kgx_files", "read_biolink_table"]


def _local(node: URIRef | str) -> str:
    return str(node)[len(str(EXOPA)) :]


def _one(values: Iterable, what: str) -> str:
    found = sorted(str(value) for value in values)
    if len(found) != 1:
        raise ValueError(f"expected one {what}, found {len(found)}: {found}")
    return found[0]


Record = dict[str, str | list[str] | bool]


class _Rows:
    """Collects records, refusing values that would break the KGX TSV format (tabs, newlines, ``|`` in a value)."""

    def __init__(self, columns: list[str]) -> None:
        self.columns = columns
        self.records: list[Record] = []
        self.errors: list[CurationError] = []

    def add(self, record: Record, name: str) -> None:
        """Add a record; ``name`` (the exopa CURIE it comes from) names it in error messages."""
        for column in self.columns:
            value = record.get(column, "")
            items = value if isinstance(value, list) else [str(value)]
            for item in items:
                if any(mark in item for mark in FORBIDDEN) or (isinstance(value, list) and LIST_SEPARATOR in item):
                    message = f"{name}: {column} {item!r} holds a tab, a line break or the list separator '|'"
                    self.errors.append(CurationError(CURATION, 0, 0, message))
        self.records.append(record)

    def sorted(self) -> list[Record]:
        return sorted(self.records, key=lambda record: str(record["id"]))

    def tsv(self) -> bytes:
        stream = io.StringIO()
        writer = csv.writer(stream, delimiter="\t", quoting=csv.QUOTE_NONE, quotechar=None, lineterminator="\n")
        writer.writerow(self.columns)
        for record in self.sorted():
            cells = []
            for column in self.columns:
                value = record.get(column, "")
                if isinstance(value, bool):
                    value = "True" if value else ""
                cells.append(LIST_SEPARATOR.join(value) if isinstance(value, list) else value)
            writer.writerow(cells)
        return stream.getvalue().encode("utf-8")

    def jsonl(self) -> bytes:
        """KGX JSON Lines: one object per record, lists as arrays, empty values left out."""
        lines = []
        for record in self.sorted():
            kept = {column: record[column] for column in self.columns
                    if record.get(column) not in (None, "", [], False)}  # fmt: skip
            lines.append(json.dumps(kept, ensure_ascii=False, separators=(",", ":")))
        return ("\n".join(lines) + "\n").encode("utf-8")


def _node_rows(graph: Graph, table: BiolinkTable, converter: curies.Converter, biolink: BiolinkPrefixes
               ) -> tuple[_Rows, dict[str, str]]:  # fmt: skip
    """One record per individual of a class whose ``kgx_role`` is ``node``, and the node id of every slug."""
    nodes = _Rows(NODE_COLUMNS)
    categories: dict[str, set[str]] = {}
    for class_name, category in table.categories.items():
        for entity in graph.subjects(RDF.type, EXOPA[class_name]):
            categories.setdefault(_local(entity), set()).add(category)
    ids: dict[str, str] = {}
    owners: dict[str, str] = {}
    for slug, category in sorted(categories.items()):
        entity = EXOPA[slug]
        labels = list(graph.objects(entity, RDFS.label))
        synonyms = {str(label) for label in labels if label.language != "en"}
        synonyms |= {str(alt) for alt in graph.objects(entity, SKOS.altLabel)}
        matches = sorted(biolink.to_biolink(converter.compress(str(iri), strict=True))
                         for iri in graph.objects(entity, SKOS.exactMatch))  # fmt: skip
        canonical = biolink.canonical(sorted(category)[0], matches)
        if canonical in owners:
            message = f"exopa:{slug} and exopa:{owners[canonical]} are both exact matches of {canonical}"
            nodes.errors.append(CurationError(CURATION, 0, 0, message))
        node_id = canonical or f"exopa:{slug}"
        owners[node_id], ids[slug] = slug, node_id
        prefix, _, local = node_id.partition(":")
        nodes.add({
            "id": node_id,
            "category": sorted(category),
            "name": _one((label for label in labels if label.language == "en"), f"English label of {slug}"),
            "description": " ".join(sorted(str(d) for d in graph.objects(entity, DEFINITION) if d.language == "en")),
            "xref": sorted({f"exopa:{slug}", *matches} - {node_id}),
            "provided_by": [SOURCE],
            "synonym": sorted(synonyms),
            "iri": str(entity) if canonical is None else biolink.prefix_map[prefix] + local,
        }, f"exopa:{slug}")  # fmt: skip
    return nodes, ids


def _edge_rows(graph: Graph, table: BiolinkTable, converter: curies.Converter, ids: dict[str, str]) -> _Rows:
    """One record per finding, its predicate, qualifiers and orientation taken from the table."""
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
        subject = _local(_one(graph.objects(finding, EXOPA.subject), f"subject of {fid}"))
        obj = _local(_one(graph.objects(finding, EXOPA.object), f"object of {fid}"))
        if mapping.inverse:
            subject, obj = obj, subject
        missing = [end for end in (subject, obj) if end not in ids]
        for end in missing:
            message = f"{fid}: exopa:{end} is not of a class with kgx_role 'node'"
            edges.errors.append(CurationError(TABLE, 0, 0, message))
        if missing:
            continue
        aspect = ""
        if mapping.qualifier:
            classes = {_local(c) for c in graph.objects(EXOPA[obj], RDF.type) if str(c).startswith(str(EXOPA))}
            aspect = " ".join(sorted({table.aspects[c] for c in classes if c in table.aspects}))
        publications = []
        for reference in graph.objects(finding, EXOPA.supportedBy):
            doi = graph.value(reference, EXOPA.doi)
            publications.append(f"doi:{doi}" if doi is not None else f"exopa:{_local(reference)}")
        evidence = graph.objects(finding, EXOPA.evidenceType)
        quote = _one((q for q in graph.objects(finding, EXOPA.quote) if q.language == "zh"), f"Chinese quote of {fid}")
        review_english = sorted(str(q) for q in graph.objects(finding, EXOPA.quote) if q.language == "en")
        modality = graph.value(finding, EXOPA.modality)
        level = graph.value(modality, EXOPA.knowledgeLevel) if modality is not None else None
        places = [ids.get(_local(p), f"exopa:{_local(p)}") for p in graph.objects(finding, EXOPA.inLocation)]
        edges.add({
            "id": fid,
            "subject": ids[subject],
            "predicate": mapping.predicate,
            "object": ids[obj],
            "category": [table.edge_category],
            "agent_type": "manual_agent",
            "anatomical_context_qualifier": sorted(places),
            "description": _description(graph, finding),
            "has_evidence": sorted(converter.compress(str(e), strict=True) for e in evidence),
            "knowledge_level": str(level) if level is not None else UNKNOWN_LEVEL,
            "negated": mapping.negated,
            "object_aspect_qualifier": aspect,
            "object_direction_qualifier": mapping.qualifier,
            "original_predicate": f"exopa:{predicate}",
            "primary_knowledge_source": SOURCE,
            "publications": sorted(publications),
            "qualified_predicate": mapping.qualified_predicate,
            "supporting_text": [quote, *review_english],
        }, fid)  # fmt: skip
    return edges


def _description(graph: Graph, finding: URIRef) -> str:
    """The finding's English statement and, marked as such, the curators' translation of the supporting text."""
    label = _one((lb for lb in graph.objects(finding, RDFS.label) if lb.language == "en"), "English label")
    translation = sorted(str(t) for t in graph.objects(finding, EXOPA.translation))
    if not translation:
        return label
    return f"{label}. Curator translation of the supporting text (not the review's words): {translation[0]}"


def kgx_export(graph: Graph, table: BiolinkTable, prefixes: list[dict]) -> dict[str, bytes]:
    """The KGX files of the release graph: node and edge TSV (``|`` between list values) and JSON Lines;
    ``prefixes`` is the release's extended prefix map (Bioregistry records, see :mod:`exopa.prefixes`)."""
    converter = curies.Converter.from_extended_prefix_map(prefixes)
    biolink = biolink_prefixes()
    nodes, ids = _node_rows(graph, table, converter, biolink)
    edges = _edge_rows(graph, table, converter, ids)
    errors = nodes.errors + edges.errors
    if errors:
        raise CurationErrors(errors)
    return {"kgx_nodes": nodes.tsv(), "kgx_edges": edges.tsv(),
            "kgx_nodes_jsonl": nodes.jsonl(), "kgx_edges_jsonl": edges.jsonl()}  # fmt: skip


def kgx_files(root: Path, graph: Graph, prefixes: list[dict]) -> dict[str, bytes]:
    """Read ``ontology/mappings/biolink.tsv`` under ``root`` and export the graph as KGX files."""
    table = read_biolink_table(root / TABLE, Vocabulary.from_tbox(graph))
    return kgx_export(graph, table, prefixes)
