"""``exopa site``: a static website with a page for every term of the release (OLS / Wikidata style), each with
its Turtle, JSON-LD, RDF/XML and N-Triples description, an index with client-side search, Table 1 as a table and
the mechanism network with clickable nodes. Pages link relatively, so the site works from ``file://`` and any host.

The output is deterministic: the same release gives byte-identical files.
"""

from __future__ import annotations

from .build import SiteReport, build_site

__all__ = ["SiteReport", "build_site"]
