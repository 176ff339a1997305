"""A VoID + DCAT description of the release, with every number computed from the graph and the files."""

from __future__ import annotations

from collections import Counter

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, OWL, RDF, XSD

from .namespaces import EXOPA, ONTOLOGY_IRI, PREFIXES
from .resources import FORMATS

VOID = Namespace("http://rdfs.org/ns/void#")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
MEDIA_TYPES = {
    "ttl": "text/turtle",
    "nt": "application/n-triples",
    "entailed": "application/n-triples",
    "jsonld": "application/ld+json",
    "owl": "application/rdf+xml",
    "shapes": "text/turtle",
    "kgx_nodes": "text/tab-separated-values",
    "kgx_edges": "text/tab-separated-values",
    "kgx_nodes_jsonl": "application/jsonl",
    "kgx_edges_jsonl": "application/jsonl",
    "sssom": "text/tab-separated-values",
    "obo_owl": "application/rdf+xml",
    "obo_json": "application/json",
    "obo_import": "application/rdf+xml",
    "obo_babelon": "text/tab-separated-values",
    "obo_zh_owl": "application/rdf+xml",
}
#: The RDF serialisations of the dataset (its VoID data dumps); the other distributions are tables or shapes.
DATA_DUMPS = ("ttl", "nt", "jsonld", "owl")
KGX_FORMAT = URIRef("https://github.com/biolink/kgx/blob/master/specification/kgx-format.md")
BIOLINK_MODEL = URIRef("https://w3id.org/biolink/vocab/")
SSSOM_SCHEMA = URIRef("https://w3id.org/sssom/schema/")
#: What each non-RDF distribution conforms to (the KGX format with Biolink terms; the SSSOM schema).
CONFORMS_TO = {
    "kgx_nodes": (KGX_FORMAT, BIOLINK_MODEL),
    "kgx_edges": (KGX_FORMAT, BIOLINK_MODEL),
    "kgx_nodes_jsonl": (KGX_FORMAT, BIOLINK_MODEL),
    "kgx_edges_jsonl": (KGX_FORMAT, BIOLINK_MODEL),
    "sssom": (SSSOM_SCHEMA,),
}
DATASET = EXOPA["dataset"]


def publisher(void: Graph) -> None:
    """Who publishes the dataset, where to ask about it and where its landing page is (the namespace IRI, which
    w3id.org sends to the site's index)."""
    from .export.w3id import NAMESPACE, REPOSITORY

    repository = URIRef(f"https://github.com/{REPOSITORY}")
    agent, contact = EXOPA["curators"], BNode("contact")
    void.add((DATASET, DCTERMS.publisher, agent))
    void.add((agent, RDF.type, FOAF.Organization))
    void.add((agent, FOAF.name, Literal("exopa curators")))
    void.add((agent, FOAF.homepage, repository))
    void.add((DATASET, DCAT.landingPage, URIRef(NAMESPACE)))
    void.add((DATASET, DCAT.contactPoint, contact))
    void.add((contact, RDF.type, VCARD.Organization))
    void.add((contact, VCARD.fn, Literal("exopa curators")))
    void.add((contact, VCARD.hasURL, URIRef(f"{repository}/issues")))


def describe(graph: Graph, files: dict[str, bytes]) -> Graph:
    """VoID statistics and DCAT distributions for the release graph and its serialisations."""
    void = Graph()
    for prefix, namespace in PREFIXES.items():
        void.bind(prefix, namespace)
    void.bind("void", VOID)
    void.bind("dcat", DCAT)
    void.bind("foaf", FOAF)
    void.bind("vcard", VCARD)
    version = str(graph.value(ONTOLOGY_IRI, OWL.versionInfo))
    add = void.add
    add((DATASET, RDF.type, VOID.Dataset))
    add((DATASET, RDF.type, DCAT.Dataset))
    for prop in (DCTERMS.title, DCTERMS.description, DCTERMS.license, DCTERMS.creator, DCTERMS.source,
                 DCTERMS.issued, DCTERMS.modified):  # fmt: skip
        for value in graph.objects(ONTOLOGY_IRI, prop):  # the release's dates come from the ontology header
            add((DATASET, prop, value))
    publisher(void)
    add((DATASET, URIRef(str(DCAT) + "version"), Literal(version)))
    add((DATASET, VOID.uriSpace, Literal(str(EXOPA))))
    add((DATASET, VOID.vocabulary, URIRef(str(EXOPA))))
    add((DATASET, DCTERMS.conformsTo, ONTOLOGY_IRI))

    subjects = {s for s in graph.subjects()}
    objects = {o for o in graph.objects()}
    classes = Counter(o for _, o in graph.subject_objects(RDF.type))
    properties = Counter(p for p in graph.predicates())
    add((DATASET, VOID.triples, Literal(len(graph), datatype=XSD.integer)))
    add((DATASET, VOID.entities, Literal(sum(isinstance(s, URIRef) for s in subjects), datatype=XSD.integer)))
    add((DATASET, VOID.distinctSubjects, Literal(len(subjects), datatype=XSD.integer)))
    add((DATASET, VOID.distinctObjects, Literal(len(objects), datatype=XSD.integer)))
    add((DATASET, VOID.classes, Literal(len(classes), datatype=XSD.integer)))
    add((DATASET, VOID.properties, Literal(len(properties), datatype=XSD.integer)))
    for cls, count in sorted(classes.items()):
        partition = BNode()
        add((DATASET, VOID.classPartition, partition))
        add((partition, VOID["class"], cls))
        add((partition, VOID.entities, Literal(count, datatype=XSD.integer)))
    for prop, count in sorted(properties.items()):
        partition = BNode()
        add((DATASET, VOID.propertyPartition, partition))
        add((partition, VOID.property, prop))
        add((partition, VOID.triples, Literal(count, datatype=XSD.integer)))

    base = f"https://w3id.org/exopa/releases/{version}/"
    for fmt, data in sorted(files.items()):
        if fmt not in MEDIA_TYPES:
            continue
        distribution = URIRef(base + FORMATS[fmt])
        add((DATASET, DCAT.distribution, distribution))
        add((distribution, RDF.type, DCAT.Distribution))
        add((distribution, DCAT.downloadURL, distribution))
        add((distribution, DCAT.mediaType, URIRef(f"https://www.iana.org/assignments/media-types/{MEDIA_TYPES[fmt]}")))
        add((distribution, DCAT.byteSize, Literal(len(data), datatype=XSD.nonNegativeInteger)))
        if fmt in DATA_DUMPS:
            add((DATASET, VOID.dataDump, distribution))
        for standard in CONFORMS_TO.get(fmt, ()):
            add((distribution, DCTERMS.conformsTo, standard))
    return void
