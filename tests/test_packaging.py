"""The package's metadata: one version everywhere, licenses for the code and the data, citation, no unexplained pins."""

from __future__ import annotations

import re
import tomllib
from importlib import resources

import yaml
from conftest import ROOT, run_exopa
from rdflib import Graph
from rdflib.namespace import OWL

import exopa
from exopa.namespaces import ONTOLOGY_IRI

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_version_command_prints_the_package_version() -> None:
    done = run_exopa("--version")
    assert done.returncode == 0
    assert done.stdout.strip() == f"exopa {exopa.__version__}"


def test_changelog_top_entry_is_the_package_and_release_version() -> None:
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    versions = re.findall(r"^## \[(\d+\.\d+\.\d+)\]", changelog, re.MULTILINE)
    assert versions, "CHANGELOG.md has no '## [X.Y.Z]' entry"
    tbox = Graph().parse(ROOT / "ontology" / "exopa.ttl", format="turtle")
    release = Graph().parse(exopa.release_path("ttl"), format="turtle")
    for header in (tbox, release):
        assert str(header.value(ONTOLOGY_IRI, OWL.versionInfo)) == versions[0]
        assert f"/releases/{versions[0]}/" in str(header.value(ONTOLOGY_IRI, OWL.versionIRI))
    assert exopa.__version__ == versions[0]
    assert versions == sorted(set(versions), key=lambda v: tuple(map(int, v.split("."))), reverse=True)


def test_the_version_has_one_source() -> None:
    assert "version" in PYPROJECT["project"]["dynamic"] and "version" not in PYPROJECT["project"]
    assert PYPROJECT["tool"]["hatch"]["version"]["path"] == "src/exopa/__init__.py"


def test_the_package_is_typed() -> None:
    assert resources.files("exopa").joinpath("py.typed").is_file()


def test_licenses_of_the_code_and_the_data() -> None:
    project = PYPROJECT["project"]
    licensed = set(re.split(r"\s+AND\s+", project["license"]))
    assert licensed == {"MIT", "CC-BY-4.0"}
    assert project["license-files"] == ["LICENSE", "LICENSE-DATA"]
    code = (ROOT / "LICENSE").read_text(encoding="utf-8")
    data = (ROOT / "LICENSE-DATA").read_text(encoding="utf-8")
    assert code.startswith("MIT License\n") and "Permission is hereby granted, free of charge" in code
    assert "Creative Commons Attribution 4.0 International Public License" in data
    tbox = (ROOT / "ontology" / "exopa.ttl").read_text(encoding="utf-8")
    assert "dcterms:license <http://creativecommons.org/licenses/by/4.0/>" in tbox  # the data's own header agrees
    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert set(citation["license"]) == licensed


def test_citation_file_names_the_version_and_the_review() -> None:
    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert citation["cff-version"] == "1.2.0"
    assert str(citation["version"]) == exopa.__version__
    assert all(key in citation for key in ("message", "title", "authors"))
    review = (ROOT / "ontology" / "source" / "review.txt").read_text(encoding="utf-8")
    [source] = citation["references"]
    assert (
        source["title"] in review
        and f"{source['authors'][0]['given-names']} {source['authors'][0]['family-names']}" in review
    )


def test_every_exact_pin_has_its_reason_written_beside_it() -> None:
    """A ``==`` pin needs a comment on its line, above it, or above the list of pins it belongs to."""
    lines = (ROOT / "pyproject.toml").read_text(encoding="utf-8").splitlines()
    pin = re.compile(r'^\s*"[A-Za-z0-9_.\-\[\]]+==[^"]+",?\s*(#.*)?$')
    unexplained = []
    for number, line in enumerate(lines):
        if not pin.match(line) or "#" in line:
            continue
        above = number - 1
        while above >= 0 and pin.match(lines[above]) and "#" not in lines[above]:
            above -= 1  # a block of pins shares the comment above it
        if lines[above].rstrip().endswith("[") and not lines[above].lstrip().startswith("#"):
            above -= 1  # or the comment above the list's name
        if above < 0 or not lines[above].lstrip().startswith("#"):
            unexplained.append(line.strip())
    assert unexplained == []
    assert sum(bool(pin.match(line)) for line in lines) > 0  # the check sees the pins it is about
