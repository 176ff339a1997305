"""The HTML pages: a Jinja2 environment over the templates, and the link helpers each page renders with."""

from __future__ import annotations

import json
import posixpath
from functools import cached_property

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import SKOS, XSD

from ...namespaces import EXOPA, OBO
from .layout import ASSETS, FIGURE_PAGE, INDEX, MEDIA_TYPES, RDF_EXTENSIONS, local_name, relative, term_path
from .model import FINDING_COLUMNS, FindingRow, SiteGraph

BIOREGISTRY = "https://bioregistry.io/"
DOI_RESOLVER = "https://doi.org/"


def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("exopa.export.site", "templates"), autoescape=True, undefined=StrictUndefined,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
    )  # fmt: skip
    env.filters["tojson_ld"] = lambda data: Markup(json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1)
                                                   .replace("</", "<\\/"))  # fmt: skip
    return env


class Page:
    """Rendering helpers bound to one page's path, so that every link is relative (the site works from file://)."""

    def __init__(self, site: SiteGraph, path: str, base_url: str) -> None:
        self.site, self.path, self.base_url = site, path, base_url
        self.folder = posixpath.dirname(path)

    def href(self, target: str) -> str:
        return relative(self.path, target)

    def term_href(self, term) -> str | None:
        local = local_name(str(term)) if isinstance(term, URIRef) else None
        return self.href(term_path(local)) if local and term in self.site.pages else None

    def link(self, term, text: str | None = None) -> Markup:
        """An IRI as a link (exopa terms to their page, others to themselves); a literal as text in its language."""
        if text is None and isinstance(term, URIRef):
            key = (self.folder, term)  # the same term is linked thousands of times
            if key not in self.site.links:
                self.site.links[key] = self._link(term, None)
            return self.site.links[key]
        return self._link(term, text)

    def _link(self, term, text: str | None) -> Markup:
        if isinstance(term, Literal):
            return self.literal(term)
        if isinstance(term, BNode):
            return Markup('<span class="bnode">(anonymous)</span>')
        label = text if text is not None else self.site.english(term)
        if href := self.term_href(term):
            return Markup('<a href="{}">{}</a>').format(href, label)
        return Markup('<a href="{}">{}</a>').format(str(term), label)

    def literal(self, value: Literal) -> Markup:
        text = str(value)
        if value.datatype == XSD.anyURI or text.startswith(("http://", "https://")):
            return Markup('<a href="{}">{}</a>').format(text, text)
        if value.language:
            return Markup('<span lang="{}">{}</span>').format(value.language, text)
        return escape(text)

    def labelled(self, term) -> Markup:
        """A term with its Chinese label after the English one."""
        chinese = self.site.chinese(term) if isinstance(term, URIRef) else ""
        return self.link(term) + (Markup(' <span lang="zh">{}</span>').format(chinese) if chinese else "")

    def external(self, iri: URIRef) -> Markup:
        """An external term: its CURIE linked to its IRI (OBO PURL), plus the Bioregistry resolver for non-OBO IRIs,
        and its official label where the import module gives one."""
        curie = self.site.curie(iri)
        html = Markup('<a href="{}"><code>{}</code></a>').format(str(iri), curie)
        if not str(iri).startswith(str(OBO)) and ":" in curie and not curie.startswith("http"):
            html += Markup(' (<a href="{}{}">Bioregistry</a>)').format(BIOREGISTRY, curie)
        label = self.site.labels(iri, "en") or self.site.labels(iri, "")
        return html + (Markup(" {}").format(label[0]) if label else "")

    def reference(self, term) -> Markup:
        html = self.link(term)
        if doi := self.site.doi(term):
            html += Markup(' <a class="doi" href="{}{}">doi:{}</a>').format(DOI_RESOLVER, doi, doi)
        return html

    def values(self, name: str, values: list) -> Markup:
        render = {"references": self.reference, "evidence": self.evidence, "section": self.section}.get(name, self.link)
        return Markup("<br>").join(render(v) for v in values)

    def evidence(self, term) -> Markup:
        """An ECO term compactly: its CURIE and abbreviation (TAS, NAS), with the label as the link's title."""
        short = sorted(str(o) for o in self.site.graph.objects(term, SKOS.altLabel))
        text = self.site.curie(term) + (f" ({short[0]})" if short else "")
        return Markup('<a href="{}" title="{}">{}</a>').format(str(term), self.site.english(term), text)

    def section(self, term) -> Markup:
        """A section by its number, with its title as the link's title."""
        number = self.site.graph.value(term, EXOPA["sectionNumber"])
        if number is None or not (href := self.term_href(term)):
            return self.link(term)
        return Markup('<a href="{}" title="{}">{}</a>').format(href, self.site.english(term), str(number))

    def alternates(self, local: str) -> list[tuple[str, str]]:
        return [(MEDIA_TYPES[ext], self.href(term_path(local, ext))) for ext in RDF_EXTENSIONS]

    def url(self, path: str) -> str:
        return self.base_url + path

    @cached_property
    def nav(self) -> dict[str, str]:
        return {
            "index": self.href(INDEX),
            "table1": self.href(term_path("section-table1")),
            "figure": self.href(FIGURE_PAGE),
            "ontology": self.href(term_path("ontology")),
            "css": self.href(f"{ASSETS}/site.css"),
        }


def finding_columns(rows: list[FindingRow], role=None) -> list[str]:
    """The qualifier columns of a findings table: those that some row fills, but not the one the table is grouped
    by (the section column on a section's page)."""
    return [name for name, p in FINDING_COLUMNS if p != role and any(row.columns.get(name) for row in rows)]


EXOPA_IRI = str(EXOPA)
