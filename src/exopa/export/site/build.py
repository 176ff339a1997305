"""Generate the static site from the release files into a folder (see :mod:`exopa.export.site`)."""

from __future__ import annotations

import json
import time
from collections import Counter
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from markupsafe import Markup
from rdflib import URIRef
from rdflib.namespace import DCAT, DCTERMS, OWL, RDF, RDFS, SKOS

from ...namespaces import DEFINITION, DEFINITION_SOURCE, EXOPA, ONTOLOGY_IRI
from ...resources import FORMATS
from . import rdf
from .layout import ASSETS, FIGURE_PAGE, INDEX, RELEASE, local_name, term_path
from .model import SiteGraph, load
from .pages import Page, environment, finding_columns
from .schema import dataset_jsonld, term_jsonld

TABLE1 = EXOPA["section-table1"]
PREPARATIONS = {EXOPA["ExosomePreparation"], EXOPA["ExtracellularVesiclePreparation"]}
#: Section titles for the findings that point at a term through a property, by property (others: generic).
ROLE_TITLES = {
    EXOPA["subject"]: "subject",
    EXOPA["object"]: "object",
    EXOPA["supportedBy"]: "cited reference",
    EXOPA["inSection"]: "section",
    EXOPA["hasCurationNote"]: "curation note",
    EXOPA["inModel"]: "experimental model",
    EXOPA["underUVBand"]: "UV band",
    EXOPA["evidenceType"]: "evidence type",
    EXOPA["predicate"]: "predicate",
    EXOPA["direction"]: "direction",
    EXOPA["comparedTo"]: "comparator",
    EXOPA["comparedQuality"]: "compared quality",
    EXOPA["hasQuantity"]: "quantity",
}
ROLE_HEADINGS = {EXOPA["subject"]: "Findings about it (as {})", EXOPA["object"]: "Findings on it (as {})"}
INBOUND_TITLES = {
    RDF.type: "Members",
    RDFS.subClassOf: "Subclasses",
    RDFS.subPropertyOf: "Sub-properties",
    DCTERMS.isPartOf: "Parts",
    DEFINITION_SOURCE: "Terms whose definition comes from here",
    EXOPA["hasCurationNote"]: "Other terms this curation note is about",
    EXOPA["hasTopic"]: "References on this topic",
}


@dataclass
class SiteReport:
    """What a build wrote: files by path, pages by kind, bytes and seconds."""

    files: dict[str, bytes] = field(default_factory=dict)
    pages: Counter = field(default_factory=Counter)
    seconds: float = 0.0

    @property
    def size(self) -> int:
        return sum(len(data) for data in self.files.values())


def build_site(release: Path, out: Path, base_url: str, figure_svg: bytes | None = None) -> SiteReport:
    """Write the site for the release folder ``release`` into ``out`` (atomically, file by file)."""
    from ...release import write_atomically

    start = time.perf_counter()
    report = generate(release, base_url.rstrip("/") + "/", figure_svg)
    write_atomically({out / path: data for path, data in sorted(report.files.items())})
    report.seconds = time.perf_counter() - start
    return report


def generate(release: Path, base_url: str, figure_svg: bytes | None) -> SiteReport:
    """Every file of the site, keyed by its site-relative path."""
    site = load(*(release.joinpath(FORMATS[f]).read_bytes() for f in ("nt", "void", "prefixes")))
    env = environment()
    version = str(site.graph.value(ONTOLOGY_IRI, OWL.versionInfo))
    report = SiteReport()
    template = env.get_template("term.html")
    for term in site.terms:
        local = local_name(str(term))
        assert local is not None
        path = term_path(local)
        page = Page(site, path, base_url)
        report.files[path] = template.render(**term_context(site, page, term, local, version)).encode("utf-8")
        for ext, data in rdf.serializations(site.graph, term, site.label_literals).items():
            report.files[term_path(local, ext)] = data
        report.pages[site.kind(term)] += 1
    index = Page(site, INDEX, base_url)
    counts = dict(sorted(report.pages.items()))
    report.files[INDEX] = env.get_template("index.html").render(
        page=index, title="exopa", version=version, alternates=index.alternates("dataset"),
        jsonld=dataset_jsonld(site, base_url, version), counts=counts, classes=class_list(site),
        dataset=EXOPA["dataset"], description=str(site.graph.value(ONTOLOGY_IRI, DCTERMS.description)),
    ).encode("utf-8")  # fmt: skip
    if figure_svg is not None:
        figure = Page(site, FIGURE_PAGE, base_url)
        report.files[FIGURE_PAGE] = env.get_template("figure.html").render(
            page=figure, title="Mechanism network", version=version, alternates=[], jsonld=None,
            svg=Markup(inline_svg(figure_svg)),
        ).encode("utf-8")  # fmt: skip
    report.files[f"{ASSETS}/search-data.js"] = search_data(site)
    for name in ("site.css", "search.js"):
        report.files[f"{ASSETS}/{name}"] = resources.files("exopa.export.site").joinpath("assets", name).read_bytes()
    for fmt in sorted(FORMATS):  # every release file there is: what the namespace and ontology IRIs resolve to
        if (release / FORMATS[fmt]).is_file():
            report.files[f"{RELEASE}/{FORMATS[fmt]}"] = (release / FORMATS[fmt]).read_bytes()
    report.files[".nojekyll"] = b""  # GitHub Pages must not run Jekyll, which drops _assets/
    report.files["sitemap.txt"] = "".join(
        f"{base_url}{path}\n" for path in sorted(report.files) if path.endswith(".html")
    ).encode("utf-8")
    check_case(report.files)
    return report


def term_context(site: SiteGraph, page: Page, term: URIRef, local: str, version: str) -> dict:
    """What term.html needs for one term."""
    graph = site.graph
    rows = site.finding_rows
    groups = [
        (p, [rows[f] for f in findings if f in rows]) for p, findings in site.inbound(term, findings=True).items()
    ]
    kind = site.kind(term)
    heading = site.english(term)
    if term in rows:  # a finding is headed by its statement, in labels rather than slugs
        row = rows[term]
        heading = " ".join(site.english(t) for t in (row.subject, row.predicate, row.object) if t is not None)
    context = {
        "page": page, "version": version, "kind": kind, "iri": str(term), "curie": site.curie(term),
        "title": heading, "english": heading, "chinese": site.chinese(term),
        "alternates": page.alternates(local), "jsonld": term_jsonld(site, page, term, kind),
        "types": site.types(term), "synonyms": sorted(graph.objects(term, SKOS.altLabel)),
        "definitions": sorted(graph.objects(term, DEFINITION)),
        "sources": sorted(graph.objects(term, DEFINITION_SOURCE)),
        "matches": site.matches(term), "outbound": site.outbound(term), "supported_by": EXOPA["supportedBy"],
        "finding_groups": [(p, group) for p, group in groups if group],
        "inbound": site.inbound(term, findings=False), "columns_of": finding_columns, "Markup": Markup,
        "role_heading": lambda p: ROLE_HEADINGS.get(p, "Findings with this {}").format(
            ROLE_TITLES.get(p) or f"\u2018{site.english(p)}\u2019"),
        "role_title": lambda p: INBOUND_TITLES.get(p) or f"Referenced through \u2018{site.english(p)}\u2019",
        "table1": table1(site) if term == TABLE1 else None,
        "row": rows.get(term),
        "doi": site.doi(term),
        "downloads": downloads(site, page, version) if term == ONTOLOGY_IRI else None,
    }  # fmt: skip
    return context


def downloads(site: SiteGraph, page: Page, version: str) -> list[tuple[str, str, str, int]]:
    """The release files: (file name, link to the copy in the site, versioned IRI, bytes), from the DCAT
    distributions of the VoID description."""
    graph = site.graph
    result = []
    for distribution in sorted(graph.objects(EXOPA["dataset"], DCAT.distribution)):
        name = str(distribution).rsplit("/", 1)[1]
        size = int(graph.value(distribution, DCAT.byteSize) or 0)
        result.append((name, page.href(f"{RELEASE}/{name}"), str(graph.value(distribution, DCAT.downloadURL)), size))
    return result


def table1(site: SiteGraph) -> dict:
    """Table 1 of the review: its parts (rows, by section number), one column per exosome or EV preparation that is
    the subject of findings in it, and a last column for the part's other findings (statements about what a cell
    names, such as "miR-1246 inhibits GSK3β"), each cell listing its findings."""
    graph = site.graph
    parts = sorted(graph.subjects(DCTERMS.isPartOf, TABLE1), key=lambda s: str(graph.value(s, EXOPA["sectionNumber"])))
    cells: dict[tuple, list] = {}
    for part in parts:
        for f in sorted(graph.subjects(EXOPA["inSection"], part)):
            row = site.finding_rows[f]
            column = row.subject if set(graph.objects(row.subject, RDF.type)) & PREPARATIONS else None
            cells.setdefault((part, column), []).append(row)
    columns = sorted({c for _, c in cells if c is not None}, key=lambda s: site.english(s).lower())
    return {"parts": parts, "columns": columns, "cells": cells}


def class_list(site: SiteGraph) -> list[tuple[URIRef, int]]:
    """Every exopa class with its number of direct members, for browsing from the index."""
    graph = site.graph
    classes = [t for t in site.terms if site.kind(t) == "class"]
    return sorted(
        ((c, len(set(graph.subjects(RDF.type, c)))) for c in classes), key=lambda x: site.english(x[0]).lower()
    )


def search_data(site: SiteGraph) -> bytes:
    """The search index as a script (``window.EXOPA_SEARCH``), loaded with <script> so that it works from file://:
    one entry per page: path, CURIE, English labels, Chinese labels, synonyms, kind."""
    entries = []
    for term in site.terms:
        local = local_name(str(term))
        assert local is not None
        synonyms = sorted(str(o) for o in site.graph.objects(term, SKOS.altLabel))
        entries.append([term_path(local), site.curie(term), site.english(term), site.chinese(term),
                        " | ".join(synonyms), site.kind(term)])  # fmt: skip
    text = json.dumps(entries, ensure_ascii=False, separators=(",", ":"))
    return f"window.EXOPA_SEARCH = {text};\n".encode()


def inline_svg(svg: bytes) -> str:
    """Graphviz SVG without its XML declaration and DOCTYPE, for inlining in HTML."""
    text = svg.decode("utf-8")
    return text[text.index("<svg") :].strip()


def check_case(files: dict[str, bytes]) -> None:
    """No two files may differ only by case (case-insensitive file systems would merge them)."""
    seen: dict[str, str] = {}
    for path in files:
        other = seen.setdefault(path.lower(), path)
        if other != path:
            raise ValueError(f"site files {other} and {path} differ only by case")


def figure(release: Path) -> bytes:
    """The mechanism network (as in ``exopa docs``) with each node linked to its page on the site."""
    import pyoxigraph

    from ...docs import network_dot, network_edges, render

    store = pyoxigraph.Store()
    store.bulk_load(path=str(release / FORMATS["nt"]), format=pyoxigraph.RdfFormat.N_TRIPLES)
    return render(network_dot(network_edges(store), href=lambda iri: term_path(local_name(iri) or "index")), "svg")
