"""The OBO edition: the release as OBO tools expect it (one English label, oboInOwl synonyms, declared properties).

The edition keeps every IRI of the release and is derived from it by :func:`obo_edition`:

- ``rdfs:label``, definitions, titles and comments keep their English value as a plain string; their Chinese
  values leave the edition for the Babelon translation table (:func:`babelon_tsv`) and the translated edition
  (:func:`translated_edition`);
- ``skos:altLabel`` becomes ``oboInOwl:hasExactSynonym`` (abbreviations typed OMO:0003000 by an axiom annotation);
- each ``skos:exactMatch`` is also given as an ``oboInOwl:hasDbXref`` CURIE;
- external terms from OBO Library ontologies are declared classes; their labels and is_a ancestors go to a separate
  import file (``exopa-obo-import.owl``, as an ODK base file leaves them to the imports), and labels of non-OBO
  records (HGNC, NCBI Gene, MeSH, miRBase...), which repeat one another's gene symbols, stay in the main release;
- a local association property whose label repeats that of its RO/BFO parent is labelled "... (exopa association)".

The files are written by libraries: RDF/XML by py-horned-owl (the OWL API's layout: ``owl:Ontology`` first, one
element per entity), OBO format and OBO Graphs JSON by pronto from that RDF/XML.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import tempfile
import warnings
from collections import defaultdict
from pathlib import Path

import curies
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from ..namespaces import DEFINITION, EXOPA, OBO, ONTOLOGY_IRI, PREFIXES

OBOINOWL = "http://www.geneontology.org/formats/oboInOwl#"
EXACT_SYNONYM = URIRef(OBOINOWL + "hasExactSynonym")
HAS_XREF = URIRef(OBOINOWL + "hasDbXref")
OBO_ID = URIRef(OBOINOWL + "id")
SYNONYM_TYPE = URIRef(OBOINOWL + "hasSynonymType")
SYNONYM_TYPE_PROPERTY = URIRef(OBOINOWL + "SynonymTypeProperty")
ABBREVIATION = OBO["OMO_0003000"]
EDITION_IRI = EXOPA["exopa-obo.owl"]
IMPORT_IRI = EXOPA["exopa-obo-import.owl"]
#: Annotation properties whose Chinese values are translations of the English ones (Babelon predicate_id).
TRANSLATED = {
    RDFS.label: RDFS.label,
    DEFINITION: DEFINITION,
    SKOS.altLabel: EXACT_SYNONYM,
    DCTERMS.title: DCTERMS.title,
    DCTERMS.description: DCTERMS.description,
    RDFS.comment: RDFS.comment,
}
#: OBO Library ontologies whose terms the graph uses as classes (others, such as RO and BFO, give properties).
OBO_CLASS_PREFIXES = ("CL", "UBERON", "GO", "CHEBI", "PATO", "HP", "MONDO", "NCBITaxon", "ECO", "UO", "ENVO", "NCIT",
                      "OBI", "UPHENO", "EFO")  # fmt: skip
BABELON_COLUMNS = ["source_language", "translation_language", "subject_id", "predicate_id", "source_value",
                   "translation_value", "translation_type", "translation_status", "source", "comment"]  # fmt: skip
PROPERTY_TYPES = (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
#: What the import module says of an external term: in the import file for OBO Library classes (their labels and
#: is_a ancestors); for other records (HGNC, FamPlex, MeSH...) only their class declaration stays in the edition.
IMPORTED = (RDFS.label, RDF.type, RDFS.subClassOf, EXOPA.mappedCategory)


def converter(prefixes: dict[str, str]) -> curies.Converter:
    """CURIE converter for the edition: OBO PURLs as ``PREFIX:local``, the release prefixes, then the mapping set's."""
    records = {prefix: str(namespace) for prefix, namespace in PREFIXES.items() if prefix != "obo"}
    records.update({prefix: f"{OBO}{prefix}_" for prefix in OBO_CLASS_PREFIXES + ("RO", "BFO", "IAO", "OMO")})
    records.update(prefixes)
    records["oboInOwl"] = OBOINOWL
    return curies.Converter.from_prefix_map(records)


def is_abbreviation(text: str) -> bool:
    """Whether a synonym is written as an abbreviation: one token, mostly capitals (UVB, MMPs, ERK1/2, iPSC-Exos)."""
    letters = [c for c in text if c.isalpha()]
    capitals = sum(c.isupper() for c in letters)
    return " " not in text and capitals >= 2 and capitals * 2 >= len(letters)


def _obo_class(iri: URIRef) -> bool:
    text = str(iri)
    return text.startswith(str(OBO)) and text[len(str(OBO)) :].split("_")[0] in OBO_CLASS_PREFIXES


def _external(iri: object) -> bool:
    return isinstance(iri, URIRef) and not str(iri).startswith(str(EXOPA)) and not str(iri).startswith(str(OBO))


def obo_edition(graph: Graph, prefixes: dict[str, str]) -> tuple[Graph, Graph, list[dict[str, str]]]:
    """The OBO edition of the release ``graph``, its import file (the OBO Library classes it uses, with their
    labels) and its Babelon translation rows (the Chinese values moved out)."""
    curie = converter(prefixes)
    edition, imported = Graph(), Graph()
    # OBO classes that the release describes beyond a label (ECO evidence types, UO units) keep it in the edition
    described = {s for s, p in graph.subject_predicates() if _obo_class(s) and p not in IMPORTED}
    english: dict[tuple[URIRef, URIRef], list[str]] = defaultdict(list)
    chinese: list[tuple[URIRef, URIRef, str]] = []
    for s, p, o in graph:
        if s == ONTOLOGY_IRI:
            s = EDITION_IRI
        if isinstance(o, Literal) and p in TRANSLATED and o.language is not None:
            if o.language == "zh":
                chinese.append((s, TRANSLATED[p], str(o)))
                continue
            o = Literal(str(o))
            english[(s, TRANSLATED[p])].append(str(o))
        if p == SKOS.altLabel:
            p = EXACT_SYNONYM
            if is_abbreviation(str(o)):
                axiom = _axiom_node("synonym", s, p, o)
                for triple in ((RDF.type, OWL.Axiom), (OWL.annotatedSource, s), (OWL.annotatedProperty, p),
                               (OWL.annotatedTarget, o), (SYNONYM_TYPE, ABBREVIATION)):  # fmt: skip
                    edition.add((axiom, *triple))
        if p == SKOS.exactMatch and isinstance(o, URIRef):
            edition.add((s, HAS_XREF, Literal(curie.compress_or_standardize(str(o), strict=True))))
        if (_external(s) and p in IMPORTED and p != RDF.type) or (_obo_class(s) and s not in described
                                                                   and p in IMPORTED):  # fmt: skip
            if isinstance(s, URIRef) and _obo_class(s) and p in (RDFS.label, RDFS.subClassOf):
                imported.add((s, RDF.type, OWL.Class))
                imported.add((s, p, o))
            continue  # external terms are described by their own ontologies (the import file), not by exopa
        edition.add((s, p, o))
    _header(edition, graph)
    _declare(edition)
    _distinct_property_labels(edition)
    _import_header(imported, graph)
    rows = _babelon_rows(chinese, english, curie)
    return edition, imported, rows


def _import_header(imported: Graph, graph: Graph) -> None:
    version = graph.value(ONTOLOGY_IRI, OWL.versionInfo)
    imported.add((IMPORT_IRI, RDF.type, OWL.Ontology))
    imported.add((IMPORT_IRI, OWL.versionIRI, URIRef(f"{EXOPA}releases/{version}/exopa-obo-import.owl")))
    imported.add((IMPORT_IRI, DCTERMS.title, Literal("exopa import module: the OBO Library terms exopa uses")))
    imported.add((IMPORT_IRI, DCTERMS.description, Literal(
        "The classes of OBO Library ontologies (CL, UBERON, GO, ChEBI, PATO, HP, MONDO, NCBITaxon, ECO, UO...) that "
        "exopa terms are mapped to or use, each with its official label, as extracted from the releases listed in "
        "ontology/imports/sources/manifest.tsv.")))  # fmt: skip
    imported.add((IMPORT_IRI, DCTERMS.license, graph.value(ONTOLOGY_IRI, DCTERMS.license)))
    for prop in (DCTERMS.title, DCTERMS.description, DCTERMS.license):
        imported.add((prop, RDF.type, OWL.AnnotationProperty))


def _header(edition: Graph, graph: Graph) -> None:
    version = graph.value(ONTOLOGY_IRI, OWL.versionInfo)
    release_version = graph.value(ONTOLOGY_IRI, OWL.versionIRI)
    edition.remove((EDITION_IRI, OWL.versionIRI, None))
    edition.add((EDITION_IRI, OWL.versionIRI, URIRef(f"{EXOPA}releases/{version}/exopa-obo.owl")))
    edition.add((EDITION_IRI, DCTERMS.source, release_version))
    edition.add((EDITION_IRI, RDFS.comment, Literal(
        "OBO edition of exopa: the same terms and IRIs as the main release, with one English label per term, "
        "oboInOwl synonyms and cross-references, and declared properties; the Chinese labels are in "
        "exopa-obo-zh.babelon.tsv and the translated edition exopa-obo-zh.owl.")))  # fmt: skip


def _declare(edition: Graph) -> None:
    """Declare the oboInOwl and OMO properties used, and every OBO Library term used as a class."""
    for prop in (EXACT_SYNONYM, HAS_XREF, SYNONYM_TYPE, ABBREVIATION, OBO_ID):
        edition.add((prop, RDF.type, OWL.AnnotationProperty))
    edition.add((ABBREVIATION, RDFS.subPropertyOf, SYNONYM_TYPE_PROPERTY))
    edition.add((ABBREVIATION, RDFS.label, Literal("abbreviation")))
    edition.add((SYNONYM_TYPE_PROPERTY, RDF.type, OWL.AnnotationProperty))
    properties = {s for kind in PROPERTY_TYPES for s in edition.subjects(RDF.type, kind)}
    terms = {node for triple in edition for node in (triple[0], triple[2]) if isinstance(node, URIRef)}
    for term in sorted(terms):
        if _obo_class(term) and term not in properties:
            edition.add((term, RDF.type, OWL.Class))
    for kind in (OWL.Class, *PROPERTY_TYPES):  # the OBO id of exopa's own terms, as OBO-to-OWL conversion writes it
        for term in list(edition.subjects(RDF.type, kind)):
            if str(term).startswith(str(EXOPA)):
                edition.add((term, OBO_ID, Literal("exopa:" + str(term)[len(str(EXOPA)) :])))


def _distinct_property_labels(edition: Graph) -> None:
    """Relabel local properties that repeat the label of the RO/BFO property they specialise."""
    for prop, parent in list(edition.subject_objects(RDFS.subPropertyOf)):
        if not str(prop).startswith(str(EXOPA)):
            continue
        label = edition.value(prop, RDFS.label)
        if label is not None and label == edition.value(parent, RDFS.label):
            edition.remove((prop, RDFS.label, label))
            edition.add((prop, RDFS.label, Literal(f"{label} (exopa association)")))


def _babelon_rows(chinese, english, curie: curies.Converter) -> list[dict[str, str]]:
    rows = []
    for subject, predicate, value in sorted(chinese):
        # a Chinese synonym is not paired with an English one: synonyms are added (AUGMENTATION), not translated
        sources = english.get((subject, predicate), []) if predicate != EXACT_SYNONYM else []
        label = english.get((subject, RDFS.label), [""])
        row = {
            "source_language": "en",
            "translation_language": "zh",
            "subject_id": curie.compress_or_standardize(str(subject), strict=True),
            "predicate_id": curie.compress_or_standardize(str(predicate), strict=True),
            "source_value": sources[0] if len(sources) == 1 else label[0],
            "translation_value": value,
            "translation_type": "TRANSLATION" if len(sources) == 1 else "AUGMENTATION",
            "translation_status": "OFFICIAL",
            "source": str(EDITION_IRI),
            "comment": ""
            if len(sources) == 1
            else "Chinese value without a single English counterpart for "
            "this property; source_value is the term's English label",
        }
        rows.append(row)
    return rows


def babelon_tsv(rows: list[dict[str, str]]) -> bytes:
    """The Babelon translation table (TSV with the Babelon schema's column names), rows in a stable order."""
    out = io.StringIO()
    writer = csv.DictWriter(out, BABELON_COLUMNS, delimiter="\t", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def translated_edition(edition: Graph, rows: list[dict[str, str]], prefixes: dict[str, str]) -> Graph:
    """The Chinese (zh) edition: the OBO edition plus each translation as a @zh value, with its Babelon record as
    an axiom annotation (the shape babelon's own OWL export gives)."""
    curie = converter(prefixes)
    babelon = "https://w3id.org/babelon/"
    translated = Graph()
    for triple in edition:
        translated.add(triple)
    for row in rows:
        subject = URIRef(curie.expand(row["subject_id"], strict=True))
        predicate = URIRef(curie.expand(row["predicate_id"], strict=True))
        value = Literal(row["translation_value"], lang=row["translation_language"])
        translated.add((subject, predicate, value))
        axiom = _axiom_node("translation", subject, predicate, value)
        for p, o in ((RDF.type, OWL.Axiom), (OWL.annotatedSource, subject), (OWL.annotatedProperty, predicate),
                     (OWL.annotatedTarget, value)):  # fmt: skip
            translated.add((axiom, p, o))
        for column in ("source_language", "source_value", "translation_language", "translation_status"):
            translated.add((axiom, URIRef(babelon + column), Literal(row[column])))
    for column in ("source_language", "source_value", "translation_language", "translation_status"):
        translated.add((URIRef(babelon + column), RDF.type, OWL.AnnotationProperty))
    translated.remove((EDITION_IRI, OWL.versionIRI, None))
    version = edition.value(EDITION_IRI, OWL.versionInfo)
    translated.add((EDITION_IRI, OWL.versionIRI, URIRef(f"{EXOPA}releases/{version}/exopa-obo-zh.owl")))
    return translated


def _axiom_node(kind: str, *annotated: object) -> BNode:
    """A blank node named after the annotated triple, so that the same edition gives the same bytes."""
    digest = hashlib.sha1("\n".join(map(repr, annotated)).encode("utf-8")).hexdigest()
    return BNode(f"{kind}{digest[:16]}")


def owl_rdf_xml(graph: Graph) -> bytes:
    """RDF/XML in the OWL API's layout (``owl:Ontology`` first, one typed element per entity), written by
    py-horned-owl from the sorted triples of the graph, so that pronto, OAK and ROBOT open it."""
    import pyhornedowl

    from ..release import rdf_xml

    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "in.owl"
        lines = graph.serialize(format="nt", encoding="utf-8").decode("utf-8").splitlines()
        ntriples = "".join(line + "\n" for line in sorted(set(lines)) if line.strip()).encode("utf-8")
        source.write_bytes(rdf_xml(ntriples))
        ontology = pyhornedowl.open_ontology(str(source), "rdf")
        target = Path(folder) / "out.owl"
        ontology.save_to_file(str(target), "owl")
        return target.read_bytes()


def obo_and_obographs(owl: bytes) -> tuple[bytes, bytes]:
    """OBO format and OBO Graphs JSON of the edition, written by pronto from its RDF/XML."""
    import pronto

    with warnings.catch_warnings():  # pronto reads classes and properties only, and warns about the rest
        warnings.simplefilter("ignore")
        ontology = pronto.Ontology(io.BytesIO(owl), encoding="utf-8")
    ontology.metadata.idspaces["exopa"] = (str(EXOPA), "exopa, the Exosome-PhotoAging ontology")
    files = []
    for fmt in ("obo", "json"):
        out = io.BytesIO()
        ontology.dump(out, format=fmt)
        files.append(out.getvalue())
    return _sorted_tag_values(files[0]), _sorted_obographs(files[1])


def _sorted_tag_values(obo: bytes) -> bytes:
    """Sort the values of a repeated tag within a frame (pronto writes sets, whose order varies between runs), as
    the OBO 1.4 serialisation rules ask."""
    lines = obo.decode("utf-8").split("\n")
    out: list[str] = []
    run: list[str] = []
    for line in [*lines, None]:
        tag = line.split(":", 1)[0] if line else None
        if run and tag != run[0].split(":", 1)[0]:
            out.extend(sorted(run))
            run = []
        if line is None:
            break
        if tag and not line.startswith("["):
            run.append(line)
        else:
            out.append(line)
    return "\n".join(out).encode("utf-8")


def _sorted_obographs(document: bytes) -> bytes:
    """OBO Graphs JSON with its lists in a stable order (pronto writes sets, whose order varies between runs)."""

    def stable(value: object) -> object:
        if isinstance(value, dict):
            return {key: stable(item) for key, item in value.items()}
        if isinstance(value, list):
            return sorted((stable(item) for item in value), key=lambda item: json.dumps(item, sort_keys=True))
        return value

    return (json.dumps(stable(json.loads(document)), ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def edition_files(graph: Graph, prefixes: dict[str, str]) -> dict[str, bytes]:
    """The bytes of every OBO edition file, keyed by release format name."""
    edition, imported, rows = obo_edition(graph, prefixes)
    owl = owl_rdf_xml(edition)
    obo, obographs = obo_and_obographs(owl)
    return {
        "obo_owl": owl,
        "obo_obo": obo,
        "obo_json": obographs,
        "obo_import": owl_rdf_xml(imported),
        "obo_babelon": babelon_tsv(rows),
        "obo_zh_owl": owl_rdf_xml(translated_edition(edition, rows, prefixes)),
    }


__all__ = ["edition_files", "obo_edition", "translated_edition", "babelon_tsv", "is_abbreviation"]
