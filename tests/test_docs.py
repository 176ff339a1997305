"""exopa docs: the committed docs/ is a fresh build, the figure draws the query's network, the pages render."""

from __future__ import annotations

import functools
import http.server
import struct
import subprocess
import sys
import threading
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest
from conftest import ROOT, run_exopa
from rdflib import Graph, Literal
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from exopa.docs import (
    EFFECTS,
    FIGURE,
    INDEX_PAGE,
    ONTDOC,
    ONTOLOGY_PAGE,
    STAGES,
    Edge,
    bilingual_title,
    documentation_graph,
    network_edges,
    node_id,
)
from exopa.namespaces import DEFINITION, EXOPA

DOCS = ROOT / "docs"
TBOX = ROOT / "ontology" / "exopa.ttl"
OUTPUTS = (ONTOLOGY_PAGE, f"{FIGURE}.svg", f"{FIGURE}.png", INDEX_PAGE)
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("docs")
    result = run_exopa("docs", "--out", str(out), cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [str(out / name) for name in OUTPUTS]
    return out


@pytest.fixture(scope="module")
def tbox() -> Graph:
    return Graph().parse(TBOX, format="turtle")


@pytest.fixture(scope="module")
def network(release_store) -> list[Edge]:
    return network_edges(release_store)


def test_committed_docs_equal_a_fresh_build(built: Path) -> None:
    def fresh(name: str) -> bool:
        return (DOCS / name).is_file() and (DOCS / name).read_bytes() == (built / name).read_bytes()

    stale = [name for name in OUTPUTS if not fresh(name)]
    assert not stale, f"docs/ is stale ({', '.join(stale)}): run `exopa docs` and commit docs/"


def test_docs_outside_a_checkout_is_a_one_line_error(tmp_path: Path) -> None:
    result = run_exopa("docs", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == "exopa docs: no ontology/exopa.ttl here or above; run it in a source checkout\n"


def test_query_does_not_import_the_docs_libraries() -> None:
    code = (
        "import sys, exopa.cli; exopa.cli.main(['query', '--list']); "
        "print([m for m in ('pylode', 'graphviz', 'dominate', 'selenium') if m in sys.modules])"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120)
    assert result.stdout.splitlines()[-1] == "[]"


# --- the ontology page's input --------------------------------------------------------------------------------


def test_each_term_gets_one_bilingual_title_and_its_definition(tbox: Graph) -> None:
    doc = documentation_graph(tbox)
    assert not set(doc.triples((None, RDFS.label, None)))
    for term in set(tbox.subjects(RDFS.label)):
        labels = {label.language: str(label) for label in tbox.objects(term, RDFS.label)}
        expected = f"{labels['en']} \u00b7 {labels['zh']}" if "zh" in labels else labels["en"]
        assert list(doc.objects(term, DCTERMS.title)) == [Literal(expected)], term
    assert set(doc.subject_objects(SKOS.definition)) == set(tbox.subject_objects(DEFINITION))


def test_individuals_of_the_tbox_are_listed_under_their_class(tbox: Graph) -> None:
    doc = documentation_graph(tbox)
    evidence_types = set(tbox.subjects(RDF.type, EXOPA.EvidenceType))
    assert evidence_types and set(doc.objects(EXOPA.EvidenceType, ONTDOC.hasInstance)) == evidence_types


def test_bilingual_title_without_chinese_is_the_english_label() -> None:
    assert bilingual_title([Literal("percent", lang="en")]) == Literal("percent")
    assert bilingual_title([Literal("表型", lang="zh"), Literal("phenotype", lang="en")]) == Literal("phenotype · 表型")


# --- the mechanism network ------------------------------------------------------------------------------------


def test_network_runs_from_source_cells_to_phenotypes(network: list[Edge]) -> None:
    edges = {(e.source_label, e.predicate_label, e.target_label, e.effect) for e in network}
    assert ("adipose-derived stem cell", "produced by", "adipose-derived stem cell exosomes", "") in edges
    assert ("adipose-derived stem cell exosomes", "activates", "PINK1/Parkin pathway", "up") in edges
    assert ("induced pluripotent stem cell exosomes", "inhibits", "NF-κB signalling pathway", "down") in edges
    assert ("adipose-derived stem cell exosomes", "has cargo", "miR-1246", "") in edges
    assert ("miR-1246", "inhibits", "GSK3β", "down") in edges
    assert ("oxidative stress", "causes or contributes to", "skin photoaging", "") in edges
    assert {e.source_stage for e in network} | {e.target_stage for e in network} == set(range(len(STAGES)))
    assert all(e.target_stage >= e.source_stage for e in network)
    assert all(e.target_stage > e.source_stage for e in network if e.source_stage < 2)


def test_every_node_after_the_preparations_is_reached_by_a_drawn_edge(network: list[Edge]) -> None:
    reached = {e.target for e in network if e.source != e.target}
    assert {e.source for e in network if e.source_stage >= 2} <= reached


def svg_groups(svg: ET.Element, kind: str) -> list[ET.Element]:
    return [g for g in svg.iter(f"{SVG}g") if g.get("class") == kind]


def test_svg_draws_the_network_and_its_legend(built: Path, network: list[Edge]) -> None:
    svg = ET.parse(built / f"{FIGURE}.svg").getroot()
    nodes = {
        g.find(f"{SVG}title").text: " ".join(t.text or "" for t in g.iter(f"{SVG}text"))
        for g in svg_groups(svg, "node")
    }
    expected_nodes = {node_id(e.source): e.source_label for e in network} | {
        node_id(e.target): e.target_label for e in network
    }
    assert nodes == {node: " ".join(label.split()) for node, label in expected_nodes.items()}
    edges = Counter(
        (g.find(f"{SVG}title").text, next(p for p in g.iter(f"{SVG}path")).get("stroke"))
        for g in svg_groups(svg, "edge")
    )
    expected_edges = Counter({(f"{node_id(e.source)}->{node_id(e.target)}", EFFECTS[e.effect][0]) for e in network})
    assert edges == expected_edges
    graph_texts = {(t.text or "").strip() for t in svg_groups(svg, "graph")[0].findall(f"{SVG}text")}
    assert set(STAGES) | {text for _, _, _, text in EFFECTS.values()} <= graph_texts


def test_png_is_the_figure(built: Path) -> None:
    data = (built / f"{FIGURE}.png").read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    svg = ET.parse(built / f"{FIGURE}.svg").getroot()
    points = [float(svg.get(side).removesuffix("pt")) for side in ("width", "height")]
    assert [abs(n - p * 96 / 72) <= 1 for n, p in zip((width, height), points, strict=True)] == [True, True]  # 96 dpi


# --- the pages in a browser -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def served(built: Path):
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(built)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_ontology_page_shows_terms_with_english_and_chinese_labels(browser, served: str, tbox: Graph) -> None:
    from selenium.webdriver.common.by import By

    browser.get(f"{served}/{ONTOLOGY_PAGE}")
    text = browser.find_element(By.TAG_NAME, "body").text
    terms = {
        term
        for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
        for term in tbox.subjects(RDF.type, kind)
        if str(term).startswith(str(EXOPA))
    }
    missing = {str(label) for term in terms for label in tbox.objects(term, RDFS.label) if str(label) not in text}
    assert not missing
    heading = browser.find_element(By.ID, "exosomepreparation").find_element(By.TAG_NAME, "h3").text
    assert heading.startswith("exosome preparation · 外泌体制剂")
    assert str(tbox.value(EXOPA.ExosomePreparation, DEFINITION)) in text
    assert str(tbox.value(EXOPA.inhibits, DEFINITION)) in text


def test_index_page_shows_the_figure(browser, served: str, built: Path, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(f"{served}/{INDEX_PAGE}")
    figure = browser.find_element(By.ID, "mechanism-network")
    WebDriverWait(browser, 30).until(lambda b: b.execute_script("return arguments[0].complete", figure))
    natural = browser.execute_script("return [arguments[0].naturalWidth, arguments[0].naturalHeight]", figure)
    svg = ET.parse(built / f"{FIGURE}.svg").getroot()
    points = [float(svg.get(side).removesuffix("pt")) for side in ("width", "height")]
    assert natural[0] > 0
    assert [abs(n - p * 96 / 72) <= 1 for n, p in zip(natural, points, strict=True)] == [True, True]

    screenshot = tmp_path / "index.png"
    assert browser.save_screenshot(str(screenshot))
    data = screenshot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    viewport = browser.execute_script(
        "return [window.innerWidth * devicePixelRatio, window.innerHeight * devicePixelRatio]"
    )
    assert list(struct.unpack(">II", data[16:24])) == [round(v) for v in viewport]

    browser.find_element(By.LINK_TEXT, "Ontology documentation").click()
    WebDriverWait(browser, 30).until(lambda b: b.current_url.endswith(ONTOLOGY_PAGE))
    assert browser.find_element(By.ID, "metadata").text.startswith("exopa: the Exosome-PhotoAging knowledge graph")


def test_index_page_shows_table1_items_with_both_texts() -> None:
    from exopa.docs import index_html

    items = [{"preparation": "adipose-derived stem cell exosomes", "column": "Table 1, core signalling pathways",
              "position": 1, "text": "介导线粒体自噬", "translation": "mediates mitophagy"}]  # fmt: skip
    page = index_html("exopa", [], items).decode("utf-8")
    assert "Table 1, item by item" in page
    assert '<td lang="zh">介导线粒体自噬</td>' in page and '<td lang="en">mediates mitophagy</td>' in page
    assert "Table 1, item by item" not in index_html("exopa", [], []).decode("utf-8")
