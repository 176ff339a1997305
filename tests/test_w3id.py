"""The w3id.org rules (w3id/.htaccess) in a real Apache httpd: every kind of IRI, every Accept header, the right
status, Location and media type, and the target describes the term."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
import requests
from conftest import ROOT
from rdflib import Graph, URIRef
from servers import APACHE, ApacheServer

from exopa.export.site.layout import term_path
from exopa.export.w3id import Hosting, htaccess, readme
from exopa.resources import release_dir

EXOPA = "https://w3id.org/exopa/"
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"
#: Accept header -> (term file extension, media type of the answer, rdflib parser)
ACCEPTS = {
    "text/turtle": ("ttl", "text/turtle", "turtle"),
    "application/ld+json": ("jsonld", "application/ld+json", "json-ld"),
    "application/rdf+xml": ("rdf", "application/rdf+xml", "xml"),
    "application/n-triples": ("nt", "application/n-triples", "nt"),
    BROWSER: ("html", "text/html", None),
    "*/*": ("html", "text/html", None),
}
#: One IRI of each kind: class, class differing from a property only by case, property, entity, finding,
#: reference, section (Table 1), curation note, quantity, the VoID dataset.
TERMS = ("ExosomePreparation", "EvidenceType", "evidenceType", "adsc-exos", "finding-3-4-05", "ref-35",
         "section-table1", "note-intro-01", "finding-1-14-quantity", "dataset")  # fmt: skip


def test_committed_w3id_folder_is_fresh() -> None:
    folder = ROOT / "w3id"
    assert (folder / ".htaccess").read_text(encoding="utf-8") == htaccess(Hosting()), "run scripts/build_w3id.py"
    assert (folder / "README.md").read_text(encoding="utf-8") == readme(Hosting()), "run scripts/build_w3id.py"


@pytest.fixture(scope="session")
def apache(tmp_path_factory, site: Path):
    """Apache with the w3id folder at /exopa/ (as w3id.org mounts it), the site at /site/ (GitHub Pages) and the
    release folder at /raw/v{version}/ontology/release/ (the repository's tag on raw.githubusercontent.com)."""
    if not APACHE.exists():
        message = "apache2 is not installed (bash scripts/test.sh installs it)"
        pytest.fail(message) if os.environ.get("CI") else pytest.skip(message)
    root = tmp_path_factory.mktemp("apache")
    version = Graph().parse(release_dir() / "exopa.ttl").value(URIRef(EXOPA + "ontology"), URIRef(
        "http://www.w3.org/2002/07/owl#versionInfo"))  # fmt: skip
    server = ApacheServer(root, {})
    hosting = Hosting(f"{server.base}/site/", f"{server.base}/raw/v{{version}}/ontology/release/{{file}}")
    w3id = root / "w3id-exopa"
    w3id.mkdir()
    (w3id / ".htaccess").write_text(htaccess(hosting), encoding="utf-8")
    server.aliases.update({"/exopa": w3id, "/site": site, f"/raw/v{version}/ontology/release": release_dir()})
    seconds = server.start()
    assert seconds < 5, f"apache2 took {seconds:.1f} s to start"
    yield server, hosting, str(version)
    server.stop()


def get(url: str, accept: str) -> requests.Response:
    return requests.get(url, headers={"Accept": accept}, allow_redirects=False, timeout=10)


@pytest.mark.parametrize("accept", ACCEPTS)
@pytest.mark.parametrize("local", TERMS)
def test_term_iri_redirects_to_its_page_or_description(apache, accept: str, local: str, release_graph) -> None:
    server, hosting, _ = apache
    ext, media_type, parser = ACCEPTS[accept]
    response = get(f"{server.base}/exopa/{local}", accept)
    assert response.status_code == 303, server.log()
    assert response.headers["Location"] == hosting.site + term_path(local, ext)
    assert "Accept" in response.headers.get("Vary", "")
    target = requests.get(response.headers["Location"], timeout=10)
    assert target.status_code == 200
    assert target.headers["Content-Type"].split(";")[0] == media_type
    term = URIRef(EXOPA + local)
    if parser is None:
        assert f'href="{EXOPA}{local}"' in target.text and 'rel="alternate"' in target.text
        return
    graph = Graph().parse(data=target.content, format=parser)
    own = set(graph.triples((term, None, None)))
    assert own, f"{local}: the description says nothing about the term"
    assert set(release_graph.triples((term, None, None))) <= own


@pytest.mark.parametrize("path", ["", "ontology"])
@pytest.mark.parametrize("accept", ACCEPTS)
def test_namespace_and_ontology_iri_give_the_current_release(apache, path: str, accept: str, release_graph) -> None:
    server, hosting, _ = apache
    ext, media_type, parser = ACCEPTS[accept]
    response = get(f"{server.base}/exopa/{path}", accept)
    assert response.status_code == 303
    if parser is None:
        assert response.headers["Location"] == hosting.site + ("ontology.html" if path else "index.html")
    else:
        release_file = {"ttl": "exopa.ttl", "jsonld": "exopa.jsonld", "rdf": "exopa.owl", "nt": "exopa.nt"}[ext]
        assert response.headers["Location"] == f"{hosting.site}release/{release_file}"
    target = requests.get(response.headers["Location"], timeout=30)
    assert target.status_code == 200 and target.headers["Content-Type"].split(";")[0] == media_type
    if parser is not None:
        assert len(Graph().parse(data=target.content, format=parser)) == len(release_graph)


@pytest.mark.parametrize("name", ["exopa.ttl", "exopa.nt", "exopa.jsonld", "exopa.owl", "exopa-void.ttl"])
def test_versioned_release_iris_give_that_versions_file(apache, name: str) -> None:
    server, _, version = apache
    response = get(f"{server.base}/exopa/releases/{version}/{name}", "text/turtle")
    assert response.status_code == 302
    assert response.headers["Location"] == f"{server.base}/raw/v{version}/ontology/release/{name}"
    target = requests.get(response.headers["Location"], timeout=30)
    assert target.status_code == 200 and target.content == (release_dir() / name).read_bytes()


def test_version_iri_of_the_release_resolves(apache, release_graph) -> None:
    server, _, _ = apache
    version_iri = release_graph.value(URIRef(EXOPA + "ontology"), URIRef("http://www.w3.org/2002/07/owl#versionIRI"))
    response = requests.get(str(version_iri).replace(EXOPA, f"{server.base}/exopa/"), timeout=30)
    assert response.status_code == 200
    assert len(Graph().parse(data=response.content, format="turtle")) == len(release_graph)


def test_the_mapping_set_id_resolves_to_the_mapping_set(apache) -> None:
    server, _, _ = apache
    header = (release_dir() / "exopa.sssom.tsv").read_text(encoding="utf-8")
    # the SSSOM metadata is a commented YAML block; sssom-py writes "# mapping_set_id: ..." (with a space)
    ids = [match[1] for line in header.splitlines() if (match := re.fullmatch(r"#\s*mapping_set_id:\s*(\S+)", line))]
    assert ids, "the mapping set has no mapping_set_id"
    response = requests.get(ids[0].replace(EXOPA, f"{server.base}/exopa/"), timeout=30)
    assert response.history[0].status_code == 302 and response.status_code == 200
    assert response.content == (release_dir() / "exopa.sssom.tsv").read_bytes()


def test_a_term_file_iri_redirects_to_the_file(apache) -> None:
    server, hosting, _ = apache
    for local, ext in (("adsc-exos", "ttl"), ("Finding", "jsonld"), ("ref-35", "html")):
        response = get(f"{server.base}/exopa/{local}.{ext}", "*/*")
        assert (response.status_code, response.headers["Location"]) == (302, hosting.site + term_path(local, ext))


# --- exopa serve dereferences the same IRIs on its own port ---------------------------------------------------


@pytest.fixture(scope="module")
def served(site: Path):
    """``exopa serve`` on a free port with the session's site: SPARQL at /query, term IRIs at /{local}."""
    import subprocess

    from conftest import exopa_command
    from servers import free_port, wait_until_up

    port = free_port()
    process = subprocess.Popen([exopa_command(), "serve", "--port", str(port), "--site", str(site)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base + "/query", process)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=20)


def test_serve_answers_sparql_through_the_same_port(served: str, release_graph) -> None:
    answer = requests.post(served + "/query", data={"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"},
                           headers={"Accept": "application/sparql-results+json"}, timeout=30)  # fmt: skip
    assert int(answer.json()["results"]["bindings"][0]["n"]["value"]) == len(release_graph)
    assert requests.post(served + "/update", data={"update": "CLEAR ALL"}, timeout=30).status_code >= 400


@pytest.mark.parametrize("accept", ACCEPTS)
@pytest.mark.parametrize("local", TERMS)
def test_serve_dereferences_term_iris(served: str, accept: str, local: str, release_graph) -> None:
    ext, media_type, parser = ACCEPTS[accept]
    response = get(f"{served}/{local}", accept)
    assert response.status_code == 303
    assert response.headers["Location"] == "/" + term_path(local, ext)
    target = requests.get(served + response.headers["Location"], timeout=10)
    assert target.status_code == 200 and target.headers["Content-Type"].split(";")[0] == media_type
    if parser is not None:
        term = URIRef(EXOPA + local)
        graph = Graph().parse(data=target.content, format=parser)
        assert set(release_graph.triples((term, None, None))) <= set(graph.triples((term, None, None)))


def test_serve_gives_the_release_for_the_ontology_iri_and_versioned_files(served: str, release_graph) -> None:
    response = requests.get(served + "/ontology", headers={"Accept": "text/turtle"}, timeout=30)
    assert response.history[0].status_code == 303 and response.url.endswith("/release/exopa.ttl")
    assert len(Graph().parse(data=response.content, format="turtle")) == len(release_graph)
    version = str(release_graph.value(URIRef(EXOPA + "ontology"), URIRef("http://www.w3.org/2002/07/owl#versionInfo")))
    response = requests.get(f"{served}/releases/{version}/exopa.nt", timeout=30)
    assert response.history[0].status_code == 302
    assert response.content == (release_dir() / "exopa.nt").read_bytes()
    assert requests.get(f"{served}/releases/0.0.0-none/exopa.nt", timeout=30).status_code == 404
    page = requests.get(served + "/", headers={"Accept": BROWSER}, timeout=30)
    assert page.url.endswith("/index.html") and 'id="search-box"' in page.text


# --- the DCAT/VoID description points at IRIs that resolve --------------------------------------------------------

DCAT = "http://www.w3.org/ns/dcat#"
DCTERMS = "http://purl.org/dc/terms/"


@pytest.fixture(scope="module")
def void() -> Graph:
    return Graph().parse(release_dir() / "exopa-void.ttl")


def test_dcat_dates_and_agents_come_from_the_release_metadata(void: Graph, release_graph) -> None:
    dataset, ontology = URIRef(EXOPA + "dataset"), URIRef(EXOPA + "ontology")
    for prop in ("issued", "modified"):
        value = void.value(dataset, URIRef(DCTERMS + prop))
        assert value is not None and value == release_graph.value(ontology, URIRef(DCTERMS + prop)), prop
        assert str(value.datatype) == "http://www.w3.org/2001/XMLSchema#date"
    publisher = void.value(dataset, URIRef(DCTERMS + "publisher"))
    assert void.value(publisher, URIRef("http://xmlns.com/foaf/0.1/name")) is not None
    contact = void.value(dataset, URIRef(DCAT + "contactPoint"))
    assert str(void.value(contact, URIRef("http://www.w3.org/2006/vcard/ns#hasURL"))).startswith("https://github.com/")
    assert void.value(dataset, URIRef(DCAT + "landingPage")) == URIRef(EXOPA)


def test_every_dcat_download_url_resolves_to_its_file(apache, void: Graph) -> None:
    server, _, _ = apache
    dataset = URIRef(EXOPA + "dataset")
    distributions = sorted(void.objects(dataset, URIRef(DCAT + "distribution")))
    assert len(distributions) >= 8
    for distribution in distributions:
        url = str(void.value(distribution, URIRef(DCAT + "downloadURL")))
        response = requests.get(url.replace(EXOPA, f"{server.base}/exopa/"), timeout=30)
        assert response.history and response.history[0].status_code == 302, url
        assert response.status_code == 200
        assert response.content == (release_dir() / url.rsplit("/", 1)[1]).read_bytes(), url
        assert len(response.content) == int(void.value(distribution, URIRef(DCAT + "byteSize")))


def test_landing_page_resolves_to_the_index(apache, void: Graph) -> None:
    server, hosting, _ = apache
    landing = str(void.value(URIRef(EXOPA + "dataset"), URIRef(DCAT + "landingPage")))
    response = requests.get(landing.replace(EXOPA, f"{server.base}/exopa/"), headers={"Accept": BROWSER}, timeout=30)
    assert response.url == hosting.site + "index.html" and 'id="search-box"' in response.text
