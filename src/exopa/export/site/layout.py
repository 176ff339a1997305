"""Where each term of the graph lives on the static site, and the media types of its files.

A term ``https://w3id.org/exopa/{local}`` has its page at ``{local}.html`` and its description at ``{local}.ttl``,
``.jsonld``, ``.rdf`` and ``.nt``; classes (local names starting with a capital) go in ``class/``, because a class and
a property may differ only by case (``exopa:EvidenceType``, ``exopa:evidenceType``) and two files must never differ
only by case (macOS and Windows file systems fold case). The rule looks only at the local name, so the w3id rules
(:mod:`exopa.export.w3id`) can apply it with one regular expression and need no list of terms.
"""

from __future__ import annotations

import posixpath
import re

from ...iris import EXOPA

#: File extension -> media type of a term's representations (the extensions static hosts map to those types).
MEDIA_TYPES = {
    "html": "text/html",
    "ttl": "text/turtle",
    "jsonld": "application/ld+json",
    "rdf": "application/rdf+xml",
    "nt": "application/n-triples",
}
RDF_EXTENSIONS = ("ttl", "jsonld", "rdf", "nt")
#: Names of a term's page: a local name of the exopa namespace without slashes (slugs, classes, properties).
LOCAL_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]*$")
CLASS_NAME = re.compile(r"^[A-Z]")
CLASS_FOLDER = "class"
#: Site files that are not term pages; their names cannot be a term's (underscore) or are reserved (index).
ASSETS = "_assets"
INDEX = "index.html"
RELEASE = "release"  # the current release files, what the ontology IRI resolves to
FIGURE_PAGE = "mechanism-network.html"


def local_name(iri: str) -> str | None:
    """The local name of an exopa term that gets a page, or None (other namespaces, paths with slashes)."""
    if not iri.startswith(EXOPA):
        return None
    local = iri[len(EXOPA) :]
    return local if LOCAL_NAME.match(local) else None


def term_path(local: str, ext: str = "html") -> str:
    """The site-relative path of a term's page (``ext="html"``) or of its description in another format."""
    return f"{CLASS_FOLDER}/{local}.{ext}" if CLASS_NAME.match(local) else f"{local}.{ext}"


def relative(source: str, target: str) -> str:
    """The relative URL of site path ``target`` from the page at site path ``source``."""
    return posixpath.relpath(target, posixpath.dirname(source) or ".")
