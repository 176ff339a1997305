"""``exopa docs``: the ontology's HTML documentation (pyLODE) and the mechanism network figure (Graphviz).

The heavy libraries (pylode, graphviz) are imported inside the functions that need them, so that importing
:mod:`exopa` or running ``exopa query`` never loads them.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Literal, Namespace
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS, VANN

from .namespaces import DEFINITION, DEFINITION_SOURCE, EXOPA, ONTOLOGY_IRI

#: pyLODE's own OntDoc profile vocabulary (``ontdoc:hasInstance`` lists a class's individuals).
ONTDOC = Namespace("https://w3id.org/profile/ontdoc/")

#: The output files, relative to the docs folder.
ONTOLOGY_PAGE = "ontology.html"
INDEX_PAGE = "index.html"
FIGURE = "mechanism-network"

#: The stages of the network, indexed by the ``?fromStage``/``?toStage`` numbers of queries/mechanism-network.rq.
STAGES = ("source cell", "exosome or EV preparation", "pathway, molecule or cargo", "biological process",
          "phenotype or disease")  # fmt: skip
STAGE_COLOURS = ("#f0f0f0", "#fde0c5", "#d9ecd0", "#dbe6f4", "#eadcf0")

#: Edge styles by the effect a predicate implies (``exopa:impliedDirection``): colour, arrowhead, the arrow drawn
#: in the legend, legend text.
EFFECTS = {
    "up": ("#2166ac", "normal", "\u2501\u2501\u25b6", "activates / increases"),
    "down": ("#b2182b", "tee", "\u2501\u2501\u2503", "inhibits / decreases"),
    "": (
        "#808080",
        "vee",
        "\u2500\u2500>",
        "other: has cargo, regulates, participates in, causes or contributes to, produced by",
    ),
}
FONT = "DejaVu Sans"


# ---------------------------------------------------------------------------
# Ontology documentation
# ---------------------------------------------------------------------------


def bilingual_title(labels: Iterable[Literal]) -> Literal:
    """One display title from English and Chinese labels: ``exosome preparation · 外泌体制剂``.

    The separator is not ASCII, so pyLODE's fragment ids (the ASCII letters of the title) stay ``exosomepreparation``.
    """
    by_language: dict[str, list[str]] = {}
    for label in sorted(labels):
        by_language.setdefault(label.language or "", []).append(str(label))
    english = by_language.pop("en", []) + by_language.pop("", [])
    chinese = by_language.pop("zh", [])
    others = [text for language in sorted(by_language) for text in by_language[language]]
    main = "; ".join(english + others) or "; ".join(chinese)
    return Literal(f"{main} \u00b7 {'; '.join(chinese)}" if chinese and english + others else main)


def documentation_graph(tbox: Graph) -> Graph:
    """The TBox in the vocabulary pyLODE reads, for display only.

    pyLODE takes ``dcterms:title`` (inferred from every ``rdfs:label``) as a term's heading and prints all of them
    run together, and it does not know IAO's annotation properties. So each term gets one bilingual
    ``dcterms:title`` instead of its labels, its IAO definition as ``skos:definition`` and its definition source as
    ``dcterms:source``; the individuals of a class (the ECO evidence types, punned as individuals, and the UO
    units) are listed with pyLODE's ``ontdoc:hasInstance``, since its OntPub profile has no section for them; and
    the ontology declares its namespace with VANN, which pyLODE needs to link terms within the page.
    """
    result = Graph(bind_namespaces="core")
    for prefix, namespace in tbox.namespaces():
        result.bind(prefix, namespace, override=True)
    titled = set(tbox.subjects(RDFS.label)) | set(tbox.subjects(DCTERMS.title))
    for triple in tbox:
        if triple[1] not in (RDFS.label, DCTERMS.title):
            result.add(triple)
    for subject in titled:
        labels = [*tbox.objects(subject, RDFS.label)] or [*tbox.objects(subject, DCTERMS.title)]
        result.add((subject, DCTERMS.title, bilingual_title(o for o in labels if isinstance(o, Literal))))
    for subject, definition in tbox.subject_objects(DEFINITION):
        result.add((subject, SKOS.definition, definition))
    for subject, source in tbox.subject_objects(DEFINITION_SOURCE):
        result.add((subject, DCTERMS.source, source))
    for ontology in tbox.subjects(RDF.type, OWL.Ontology):
        result.add((ontology, VANN.preferredNamespacePrefix, Literal("exopa")))
        result.add((ontology, VANN.preferredNamespaceUri, Literal(str(EXOPA))))
    for individual in tbox.subjects(RDF.type, OWL.NamedIndividual):
        for cls in tbox.objects(individual, RDF.type):
            if (cls, RDF.type, OWL.Class) in tbox:
                result.add((cls, ONTDOC.hasInstance, individual))
    return result


def ontology_html(tbox_path: Path) -> bytes:
    """The pyLODE (OntPub profile) HTML page of the TBox, with its subjects sorted for a stable order."""
    import logging

    level = logging.getLogger().level
    from pylode import OntPub

    logging.getLogger().setLevel(level)  # pylode.profiles.supermodel calls logging.basicConfig(level=DEBUG) on import
    tbox = Graph().parse(tbox_path, format="turtle")
    page = OntPub(ontology=documentation_graph(tbox), sort_subjects=True).make_html()
    return page.encode("utf-8") if page.endswith("\n") else (page + "\n").encode("utf-8")


# ---------------------------------------------------------------------------
# Mechanism network
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Edge:
    """One row of queries/mechanism-network.rq."""

    source: str
    source_label: str
    source_stage: int
    predicate_label: str
    effect: str
    target: str
    target_label: str
    target_stage: int
    findings: int


def network_edges(store=None) -> list[Edge]:
    """The edges of the mechanism network, from the canned query ``mechanism-network`` (default: the release)."""
    from .queries import plain, run

    result = run("mechanism-network", store)
    rows = [dict(zip(result.columns, (plain(v) for v in row), strict=True)) for row in result.rows]
    return [
        Edge(str(r["from"]), str(r["fromLabel"]), int(r["fromStage"]), str(r["predicateLabel"]), str(r["effect"] or ""),
             str(r["to"]), str(r["toLabel"]), int(r["toStage"]), int(r["findings"]))  # fmt: skip
        for r in rows
    ]


def wrap(label: str, width: int = 26) -> str:
    """A node label broken into lines at spaces."""
    return "\n".join(textwrap.wrap(label, width, break_long_words=False, break_on_hyphens=False)) or label


def node_id(iri: str) -> str:
    """The Graphviz node id of an entity: its exopa slug."""
    return iri.removeprefix(str(EXOPA))


def network_dot(edges: list[Edge], href: Callable[[str], str] = str):
    """A ``graphviz.Digraph`` of the network, left to right: source cells in the first column, preparations in the
    second, phenotypes and diseases in the last; nodes filled by stage, edges coloured by effect. Nodes and edges
    are added in a fixed (sorted) order, so that the same graph gives the same layout. Each node links to
    ``href(iri)``: by default the entity's IRI, which resolves to its page (the site passes relative page links)."""
    import graphviz

    dot = graphviz.Digraph("mechanism_network", engine="dot")
    dot.attr("graph", rankdir="LR", newrank="true", nodesep="0.1", ranksep="0.9", fontname=FONT, labelloc="t",
             label=legend_label())  # fmt: skip
    dot.attr("node", shape="box", style="rounded,filled", fontname=FONT, fontsize="11", margin="0.08,0.03",
             height="0.3", penwidth="0.6")  # fmt: skip
    dot.attr("edge", penwidth="0.8", arrowsize="0.6")
    nodes: dict[str, tuple[str, int]] = {}
    for edge in edges:
        nodes[edge.source] = (edge.source_label, edge.source_stage)
        nodes[edge.target] = (edge.target_label, edge.target_stage)
    for stage in range(len(STAGES)):
        members = sorted((label.lower(), iri) for iri, (label, s) in nodes.items() if s == stage)
        with dot.subgraph(name=f"stage_{stage}") as column:  # one column per stage
            column.attr(rank="min" if stage == 0 else "max" if stage == len(STAGES) - 1 else "same")
            for _, iri in members:
                column.node(node_id(iri), wrap(nodes[iri][0]), fillcolor=STAGE_COLOURS[stage], tooltip=nodes[iri][0],
                            URL=href(iri), target="_top")  # fmt: skip
    merged: dict[tuple[str, str, str], list[Edge]] = {}
    for edge in edges:
        merged.setdefault((edge.source, edge.target, edge.effect), []).append(edge)
    for (source, target, effect), group in sorted(merged.items()):
        colour, arrowhead, _, _ = EFFECTS.get(effect, EFFECTS[""])
        predicates = ", ".join(sorted({edge.predicate_label for edge in group}))
        count = sum(edge.findings for edge in group)
        tooltip = f"{nodes[source][0]} \u2192 {nodes[target][0]}: {predicates}"
        tooltip += f" ({count} findings)" if count else ""
        dot.edge(node_id(source), node_id(target), color=colour, arrowhead=arrowhead, tooltip=tooltip,
                 penwidth=f"{min(0.8 + 0.4 * (count - 1), 2.4):.1f}")  # fmt: skip
    return dot


def legend_label() -> str:
    """The graph's title and legend, as a Graphviz HTML-like label: node fill per stage, edge colour per effect."""
    from html import escape

    stages = "".join(
        f'<TD BGCOLOR="{colour}" STYLE="rounded" BORDER="1" COLOR="#999999">{escape(name)}</TD>'
        for colour, name in zip(STAGE_COLOURS, STAGES, strict=True)
    )
    effects = "".join(
        f'<TD><FONT COLOR="{colour}" POINT-SIZE="16">{escape(arrow)}</FONT> {escape(text)}</TD>'
        for colour, _, arrow, text in EFFECTS.values()
    )
    return (
        '<<TABLE BORDER="0" CELLSPACING="6" CELLPADDING="4">'
        '<TR><TD COLSPAN="5"><FONT POINT-SIZE="22">exopa: mechanism network of stem-cell exosomes in skin photoaging'
        "</FONT></TD></TR>"
        f"<TR>{stages}</TR>"
        f'<TR><TD COLSPAN="5"><TABLE BORDER="0" CELLSPACING="12"><TR>{effects}</TR></TABLE></TD></TR>'
        "</TABLE>>"
    )


def render(dot, fmt: str) -> bytes:
    """The figure as ``svg`` or ``png`` bytes, drawn by the Graphviz ``dot`` program."""
    return dot.pipe(format=fmt)


# ---------------------------------------------------------------------------
# The docs folder
# ---------------------------------------------------------------------------


def table1_items(store) -> list[dict]:
    """Table 1 item by item (the canned query ``table1-items``): preparation, column, position, both texts."""
    from .queries import get, plain, run_on_store

    result = run_on_store(store, get("table1-items").text)
    return [{c: plain(v) for c, v in zip(result.columns, row, strict=True)} for row in result.rows]


def index_html(title: str, edges: list[Edge], items: list[dict] | None = None) -> bytes:
    """The landing page: what the folder holds, the figure, links to the ontology page and the image files, and
    Table 1 item by item, the review's Chinese beside the curators' English."""
    import dominate
    from dominate import tags

    nodes = {edge.source for edge in edges} | {edge.target for edge in edges}
    page = dominate.document(title=f"{title}: documentation")
    with page.head:
        tags.meta(charset="utf-8")
        tags.style("body{font-family:'DejaVu Sans',Arial,sans-serif;max-width:100em;margin:1em auto;padding:0 1em}"
                   "img{max-width:100%;height:auto;border:1px solid #ddd}")  # fmt: skip
    with page:
        tags.h1(title)
        with tags.ul():
            tags.li(tags.a("Ontology documentation", href=ONTOLOGY_PAGE),
                    ": classes and properties, their English and Chinese labels and definitions (pyLODE)")  # fmt: skip
            tags.li(tags.a("Mechanism network (SVG)", href=f"{FIGURE}.svg"), " and ",
                    tags.a("(PNG)", href=f"{FIGURE}.png"))  # fmt: skip
        tags.h2("Mechanism network")
        tags.p(
            f"{len(nodes)} entities and {len({(e.source, e.target, e.effect) for e in edges})} edges from the "
            "findings of the review: source cell, exosome or EV preparation, pathway, molecule or cargo, "
            "biological process, phenotype or disease. Blue arrows activate or increase, red bars inhibit or "
            "decrease, grey arrows are other relations. The edges are the answer of the canned query "
            "mechanism-network (exopa query mechanism-network); hover over an edge in the SVG for its predicate."
        )
        tags.a(tags.img(src=f"{FIGURE}.svg", alt="Mechanism network", id="mechanism-network"), href=f"{FIGURE}.svg")
        if items:
            tags.h2("Table 1, item by item")
            tags.p("Each numbered item of Table 1 of the review: its Chinese text and the exopa curators' English "
                   "translation (not the review's words), from exopa query table1-items.")  # fmt: skip
            with tags.table(border="1", cellpadding="4", style="border-collapse:collapse"):
                tags.tr(*(tags.th(h) for h in ("preparation", "column", "item", "Chinese (review)",
                                               "English (curator translation)")))  # fmt: skip
                for item in items:
                    tags.tr(tags.td(item["preparation"]), tags.td(item["column"]), tags.td(str(item["position"])),
                            tags.td(item["text"], lang="zh"), tags.td(item["translation"], lang="en"))  # fmt: skip
        tags.p("Regenerate this folder with ", tags.code("exopa docs"), ".")
    return (page.render() + "\n").encode("utf-8")


def build_docs(root: Path, out: Path) -> dict[str, Path]:
    """Write the ontology page, the figure (SVG, PNG) and the landing page into ``out``, atomically."""
    import pyoxigraph

    from .release import write_atomically

    tbox_path = root / "ontology" / "exopa.ttl"
    store = pyoxigraph.Store()
    store.bulk_load(path=str(root / "ontology" / "release" / "exopa.nt"), format=pyoxigraph.RdfFormat.N_TRIPLES)
    edges = network_edges(store)
    dot = network_dot(edges)
    title = str(bilingual_title(Graph().parse(tbox_path, format="turtle").objects(ONTOLOGY_IRI, DCTERMS.title)))
    files = {
        out / ONTOLOGY_PAGE: ontology_html(tbox_path),
        out / f"{FIGURE}.svg": render(dot, "svg"),
        out / f"{FIGURE}.png": render(dot, "png"),
        out / INDEX_PAGE: index_html(title, edges, table1_items(store)),
    }
    write_atomically(files)
    return {path.name: path for path in files}
