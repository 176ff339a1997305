"""Namespace IRIs as plain strings, for the modules on the ``exopa query`` path, which do not import rdflib.

:mod:`exopa.namespaces` holds the same namespaces as rdflib objects (a test checks that the two agree).
"""

EXOPA = "https://w3id.org/exopa/"
OBO = "http://purl.obolibrary.org/obo/"

#: The prefixes bound in every serialisation (see :data:`exopa.namespaces.PREFIXES`).
PREFIXES = {
    "exopa": EXOPA,
    "obo": OBO,
    "owl": "http://www.w3.org/2002/07/owl#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "schema": "https://schema.org/",
}

#: OBO ontologies whose terms the release uses, as SPARQL prefixes for their PURLs (``GO:0070062``).
OBO_PREFIXES = ("BFO", "CHEBI", "CL", "ECO", "ENVO", "GO", "HP", "IAO", "MONDO", "NCBITaxon", "NCIT", "PATO", "RO",
                "UBERON", "UO")  # fmt: skip

#: The prefixes ``exopa sparql`` and :func:`exopa.query` declare for every query (``exopa sparql --prefixes``); a
#: query's own ``PREFIX`` lines take precedence.
SPARQL_PREFIXES = {
    **PREFIXES,
    "oboInOwl": "http://www.geneontology.org/formats/oboInOwl#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcat": "http://www.w3.org/ns/dcat#",
    "void": "http://rdfs.org/ns/void#",
    "sh": "http://www.w3.org/ns/shacl#",
    **{prefix: f"{OBO}{prefix}_" for prefix in OBO_PREFIXES},
}
