"""SHACL shapes: the release conforms, every broken fixture is caught by the rule meant for it."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FIXTURES, run_exopa

from exopa.graph import graph as release_graph
from exopa.validation import read_rdf, validate

INVALID = FIXTURES / "invalid"

# fixture -> (focus node, path, source shape, constraint component) of the violation it must produce
EXPECTED = {
    "label-missing-english": ("exopa:fx-entity", "rdfs:label", "shape:LabelledTerm", "QualifiedMinCountConstraintComponent"),
    "label-two-chinese": ("exopa:fx-entity", "rdfs:label", "shape:LabelledTerm", "QualifiedMaxCountConstraintComponent"),
    "label-whitespace": ("exopa:fx-entity", "rdfs:label", "shape:LabelledTerm", "PatternConstraintComponent"),
    "label-duplicate": ("MMP-1", "", "shape:UniqueEnglishLabel", "OrConstraintComponent"),
    "definition-missing": ("exopa:fx-entity", "obo:IAO_0000115", "shape:DefinedEntity", "MinCountConstraintComponent"),
    "class-definition-missing": ("exopa:TestClass", "", "shape:DefinedTerm", "OrConstraintComponent"),
    "ontology-header-incomplete": ("exopa:extension", "dcterms:license", "shape:OntologyHeader", "MinCountConstraintComponent"),
    "finding-no-subject": ("exopa:fx-finding", "exopa:subject", "shape:Finding", "MinCountConstraintComponent"),
    "finding-two-objects": ("exopa:fx-finding", "exopa:object", "shape:Finding", "MaxCountConstraintComponent"),
    "finding-unknown-predicate": ("exopa:cures", "", "shape:AssociationPredicate", "InConstraintComponent"),
    "finding-bad-evidence": ("exopa:fx-finding", "exopa:evidenceType", "shape:Finding", "ClassConstraintComponent"),
    "finding-neither-cited-nor-uncited": ("exopa:fx-finding", "", "shape:Finding", "XoneConstraintComponent"),
    "finding-cited-and-uncited": ("exopa:fx-finding", "", "shape:Finding", "XoneConstraintComponent"),
    "finding-quote-not-chinese": ("exopa:fx-finding", "exopa:quote", "shape:Finding", "QualifiedMinCountConstraintComponent"),
    "finding-no-section": ("exopa:fx-finding", "exopa:inSection", "shape:Finding", "MinCountConstraintComponent"),
    "finding-direction-contradicts-predicate": ("exopa:fx-finding", "", "shape:ImpliedDirection-down", "OrConstraintComponent"),
    "finding-model-not-a-model": ("exopa:fx-finding", "exopa:inModel", "shape:Finding", "ClassConstraintComponent"),
    "reference-bad-doi": ("exopa:ref-99", "exopa:doi", "shape:Reference", "PatternConstraintComponent"),
    "reference-year-out-of-range": ("exopa:ref-99", "exopa:year", "shape:Reference", "MaxInclusiveConstraintComponent"),
    "reference-year-not-integer": ("exopa:ref-99", "exopa:year", "shape:Reference", "OrConstraintComponent"),
    "reference-no-doi-no-marker": ("exopa:ref-99", "", "shape:Reference", "OrConstraintComponent"),
    "reference-no-title": ("exopa:ref-99", "dcterms:title", "shape:Reference", "MinCountConstraintComponent"),
    "reference-no-authors": (
        "exopa:ref-99", "prov:qualifiedAttribution", "shape:ReferenceAuthors", "MinCountConstraintComponent"
    ),
    "quantity-lower-above-upper": (
        "exopa:fx-finding-quantity", "exopa:lowerBound", "shape:QuantityValue", "LessThanOrEqualsConstraintComponent"
    ),
    "quantity-not-numeric": ("exopa:fx-finding-quantity", "exopa:numericValue", "shape:QuantityValue", "DatatypeConstraintComponent"),
    "quantity-no-unit": ("exopa:fx-finding-quantity", "exopa:unit", "shape:QuantityValue", "MinCountConstraintComponent"),
    "mapping-unknown-prefix": ("http://example.org/MMP1", "", "shape:ExternalIdentifier", "OrConstraintComponent"),
    "mapping-bad-local-id": ("obo:CL_12", "", "shape:ExternalIdentifier", "OrConstraintComponent"),
    "dangling-link": ("exopa:no-such-disease", "", "shape:DeclaredLinkTarget", "OrConstraintComponent"),
    "edge-wrong-subject": ("exopa:il6", "", "shape:Edge-hasCargo", "ClassConstraintComponent"),
    "edge-wrong-object": ("exopa:adsc-exos", "exopa:hasCargo", "shape:Edge-hasCargo", "ClassConstraintComponent"),
    "finding-translation-not-english": ("exopa:fx-finding", "exopa:translation", "shape:Finding", "LanguageInConstraintComponent"),
    "finding-two-modalities": ("exopa:fx-finding", "exopa:modality", "shape:Finding", "MaxCountConstraintComponent"),
    "finding-modality-not-a-modality": ("exopa:fx-finding", "exopa:modality", "shape:Finding", "InConstraintComponent"),
    "finding-quality-value-not-a-value": ("exopa:fx-finding", "exopa:qualityValue", "shape:Finding", "ClassConstraintComponent"),
    "finding-location-not-anatomical": ("exopa:fx-finding", "exopa:inLocation", "shape:Finding", "OrConstraintComponent"),
    "finding-timing-not-english": ("exopa:fx-finding", "exopa:timing", "shape:Finding", "LanguageInConstraintComponent"),
    "finding-dose-not-an-intervention": ("exopa:fx-finding", "exopa:withDose", "shape:Finding", "ClassConstraintComponent"),
    "finding-table-item-not-an-item": ("exopa:fx-finding", "exopa:tableItem", "shape:Finding", "ClassConstraintComponent"),
    "table-item-no-position": ("exopa:t1-fx-pathways-1", "exopa:tablePosition", "shape:TableItem", "MinCountConstraintComponent"),
    "model-without-kind": ("exopa:fx-model", "", "shape:ExperimentalModelKind", "OrConstraintComponent"),
}  # fmt: skip


def test_release_conforms() -> None:
    result = validate()
    assert result.conforms, [p for p in result.violations][:5]
    assert result.violations == []


def test_every_fixture_has_an_expectation() -> None:
    assert sorted(p.stem for p in INVALID.glob("*.ttl")) == sorted(EXPECTED)
    assert len(EXPECTED) >= 20


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_broken_fixture_is_caught_by_both_engines_alike(name: str) -> None:
    data = release_graph() + read_rdf(INVALID / f"{name}.ttl")
    results = {engine: validate(data, engine=engine) for engine in ("turbo", "pyshacl")}
    for result in results.values():
        assert not result.conforms
        found = {(p.focus, p.path, p.shape, p.component) for p in result.violations}
        assert EXPECTED[name] in found, sorted(found)
    assert same_results(results["turbo"]) == same_results(results["pyshacl"])


def same_results(result) -> list[tuple]:
    """What two engines must agree on (their default messages are worded slightly differently)."""
    return sorted((p.severity, p.focus, p.shape, p.component, p.path, p.value) for p in result.problems)


def test_both_engines_agree_on_the_release() -> None:
    turbo, reference = validate(engine="turbo"), validate(engine="pyshacl")
    assert same_results(turbo) == same_results(reference)
    assert sorted(p.message for p in turbo.problems) == sorted(p.message for p in reference.problems)


def test_finding_without_translation_or_modality_is_a_violation() -> None:
    data = release_graph() + read_rdf(INVALID / "finding-model-not-a-model.ttl")  # a finding without either
    violations = {(p.focus, p.path) for p in validate(data).problems if p.severity == "Violation"}
    assert {("exopa:fx-finding", "exopa:translation"), ("exopa:fx-finding", "exopa:modality")} <= violations


def test_ev_reporting_gaps_are_warnings_and_infos_not_failures() -> None:
    result = validate()
    warnings = {p.focus for p in result.problems if p.severity == "Warning"}
    assert warnings == {"exopa:extracellular-vesicles", "exopa:healthy-tissue-exos"}
    infos = [p for p in result.problems if p.severity == "Info"]
    assert {p.path for p in infos} == {"exopa:isolatedBy", "exopa:hasMarker", "(complex path)"}
    assert not validate(strict=True).conforms


def test_cli_exit_codes_and_text_report(tmp_path: Path) -> None:
    ok = run_exopa("validate")
    assert ok.returncode == 0, ok.stdout
    assert ok.stdout.strip().splitlines()[-1].startswith("conforms: 0 violation(s)")
    bad = run_exopa("validate", str(INVALID / "label-two-chinese.ttl"))
    assert bad.returncode == 1
    assert "exopa:fx-entity  (test factor)" in bad.stdout
    assert "has more than one rdfs:label in Chinese (@zh)" in bad.stdout
    broken = tmp_path / "broken.ttl"
    broken.write_text('@prefix exopa: <https://w3id.org/exopa/> .\nexopa:a exopa:b "unterminated .\n')
    unparsable = run_exopa("validate", str(broken))
    assert unparsable.returncode == 2
    assert f"{broken}:2:" in unparsable.stderr
    missing = run_exopa("validate", str(tmp_path / "nope.ttl"))
    assert missing.returncode == 2 and "cannot read" in missing.stderr


def test_cli_json_and_turtle_reports() -> None:
    import json

    from rdflib import Graph

    done = run_exopa("validate", str(INVALID / "reference-bad-doi.ttl"), "--format", "json")
    report = json.loads(done.stdout)
    assert report["conforms"] is False
    assert any(r["focus"] == "exopa:ref-99" and r["path"] == "exopa:doi" for r in report["results"])
    turtle = run_exopa("validate", str(INVALID / "reference-bad-doi.ttl"), "--format", "turtle")
    graph = Graph().parse(data=turtle.stdout, format="turtle")
    assert len(graph) > 0


def test_python_api_validates_a_graph() -> None:
    import exopa

    result = exopa.validate(release_graph() + read_rdf(INVALID / "reference-no-title.ttl"))
    assert not result.conforms
    assert [(p.focus, p.path) for p in result.violations] == [("exopa:ref-99", "dcterms:title")]
    assert len(result.report_graph) > 0
