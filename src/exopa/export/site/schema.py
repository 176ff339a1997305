"""schema.org metadata (JSON-LD in each page's head): a Dataset on the index, DefinedTerm, ScholarlyArticle and
Claim on term pages."""

from __future__ import annotations

from rdflib import URIRef
from rdflib.namespace import DCAT, DCTERMS, SKOS

from ...namespaces import DEFINITION, EXOPA, ONTOLOGY_IRI
from .model import SiteGraph

SCHEMA = "https://schema.org"


def dataset_jsonld(site: SiteGraph, base_url: str, version: str) -> dict:
    graph = site.graph
    dataset = EXOPA["dataset"]
    downloads = []
    for distribution in sorted(graph.objects(dataset, DCAT.distribution)):
        media = graph.value(distribution, DCAT.mediaType)
        downloads.append({"@type": "DataDownload", "contentUrl": str(graph.value(distribution, DCAT.downloadURL)),
                          "encodingFormat": str(media).rsplit("/media-types/", 1)[-1] if media else None})  # fmt: skip
    return {
        "@context": SCHEMA, "@type": "Dataset", "@id": str(dataset), "url": base_url,
        "name": next((str(t) for t in sorted(graph.objects(ONTOLOGY_IRI, DCTERMS.title)) if t.language == "en"), ""),
        "alternateName": [str(t) for t in sorted(graph.objects(ONTOLOGY_IRI, DCTERMS.title)) if t.language == "zh"],
        "description": text(graph.value(ONTOLOGY_IRI, DCTERMS.description)),
        "license": str(graph.value(ONTOLOGY_IRI, DCTERMS.license)), "version": version,
        "identifier": str(ONTOLOGY_IRI),
        "creator": {"@type": "Organization", "name": text(graph.value(ONTOLOGY_IRI, DCTERMS.creator))},
        "isBasedOn": {"@type": "ScholarlyArticle", "@id": str(EXOPA["review"]),
                      "name": site.english(EXOPA["review"])},
        "keywords": ["exosomes", "skin photoaging", "knowledge graph", "ontology"],
        "distribution": downloads,
    }  # fmt: skip


def term_jsonld(site: SiteGraph, page, term: URIRef, kind: str) -> dict:
    graph = site.graph
    data: dict = {"@context": SCHEMA, "@id": str(term), "url": page.url(page.path), "name": site.english(term),
                  "identifier": site.curie(term)}  # fmt: skip
    if kind == "reference":
        data["@type"] = "ScholarlyArticle"
        if title := graph.value(term, DCTERMS.title):
            data["headline"] = str(title)
        if doi := site.doi(term):
            data["sameAs"] = f"https://doi.org/{doi}"
        if year := graph.value(term, EXOPA["year"]):
            data["datePublished"] = str(year)
        return data
    if kind == "finding":
        row = site.finding_rows[term]
        data["@type"] = "Claim"
        data["text"] = [str(t) for t in row.chinese + row.english]
        data["citation"] = [str(r) for r in row.columns.get("references", [])]
        return data
    data["@type"] = "DefinedTerm"
    data["termCode"] = site.curie(term)
    data["inDefinedTermSet"] = str(ONTOLOGY_IRI)
    if definition := graph.value(term, DEFINITION):
        data["description"] = str(definition)
    alternates = [str(o) for o in sorted(graph.objects(term, SKOS.altLabel))] + site.labels(term, "zh")
    if alternates:
        data["alternateName"] = alternates
    if exact := sorted(str(o) for o in graph.objects(term, SKOS.exactMatch)):
        data["sameAs"] = exact
    return data


def text(value) -> str:
    return str(value) if value is not None else ""
