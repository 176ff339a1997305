"""Where a request for an exopa IRI path goes, by content negotiation: the same rules as the w3id.org
``.htaccess`` (:mod:`exopa.export.w3id`), with the site's own paths as targets."""

from __future__ import annotations

import re

from ..export.site.layout import CLASS_FOLDER, INDEX, RELEASE, term_path
from ..export.w3id import CLASS, NEGOTIATED, OTHER

EXTENSIONS = "(html|ttl|jsonld|rdf|nt)"


def negotiated(accept: str) -> tuple[str, str] | None:
    """(term file extension, release file) of the first RDF media type in ``accept`` that the rules know, in the
    order of the rules (Turtle, JSON-LD, RDF/XML, N-Triples); None means HTML."""
    for pattern, ext, release_file in NEGOTIATED:
        if re.search(pattern, accept):
            return ext, release_file
    return None


def resolve(path: str, accept: str, version: str) -> tuple[int, str] | None:
    """(status, site path to redirect to) for an IRI path of the namespace (no leading slash), or None when the
    path is not an IRI the rules know (then it may be a file of the site)."""
    rdf = negotiated(accept)
    if match := re.fullmatch(r"releases/([0-9][^/]*)/([^/]+)", path):
        return (302, f"{RELEASE}/{match[2]}") if match[1] == version else None
    if match := re.fullmatch(r"mappings/([^/]+)", path):
        return 302, f"{RELEASE}/{match[1]}"
    if match := re.fullmatch(f"{CLASS}\\.{EXTENSIONS}", path):
        return 302, term_path(match[1], match[2])
    if path in ("", "ontology"):
        if rdf:
            return 303, f"{RELEASE}/{rdf[1]}"
        return 303, INDEX if path == "" else term_path("ontology")
    if re.fullmatch(r"shapes(/.*)?", path):
        return 303, f"{RELEASE}/exopa-shapes.ttl"
    for pattern in (CLASS, OTHER):
        if re.fullmatch(pattern, path):
            return 303, term_path(path, rdf[0] if rdf else "html")
    return None


__all__ = ["CLASS_FOLDER", "negotiated", "resolve"]
