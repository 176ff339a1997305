"""Canned queries: the answers the review gives, the same on pyoxigraph and rdflib, and safe parameters.

Expected answers are written in the review's own terms (the labels of its entities), not computed from the graph.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import ROOT, run_exopa, table_rows

import exopa
from exopa.namespaces import EXOPA
from exopa.queries import bindings, bound, catalogue, get
from exopa.terms import to_rdflib

# Parameters needed by queries whose parameters are all required.
REQUIRED = {"lookup-label": {"text": "胶原"}}


@pytest.fixture(scope="module")
def ask(release_store):
    def run(name: str, **params: str) -> list[dict]:
        return exopa.query(name, release_store, **params)

    return run


def column(rows: list[dict], name: str) -> set:
    return {row[name] for row in rows}


def items(cell: str | None) -> set[str]:
    return set(cell.split("; ")) if cell else set()


def test_there_are_at_least_25_documented_queries() -> None:
    queries = catalogue()
    assert len(queries) >= 25
    for query in queries.values():
        assert query.title and query.description and query.examples, query.name
        assert query.examples[0].startswith(f"exopa query {query.name}")


def test_table1_is_rebuilt(ask) -> None:
    rows = {row["row"]: row for row in ask("table1")}
    assert list(rows) == [
        "Table 1, core advantages",
        "Table 1, main disadvantages",
        "Table 1, core signalling pathways",
        "Table 1, core photoaging targets",
    ]
    pathways, targets = rows["Table 1, core signalling pathways"], rows["Table 1, core photoaging targets"]
    # Every effect of a Table 1 item hangs on the row's exosome preparation, beside the pathway it acts through.
    assert items(pathways["adscExos"]) == {
        "activates PINK1/Parkin pathway",
        "increases mitophagy",
        "decreases UVB-induced cell damage",
        "regulates GSK3β autophagy pathway",
        "has cargo miR-1246",
        "activates autophagy",
        "activates Wnt/β-catenin signalling pathway",
        "increases fibroblast proliferation",
        "increases collagen synthesis",
        "activates NRF2-KEAP1 pathway",
        "activates antioxidant defence",
        "decreases reactive oxygen species",
    }
    assert items(pathways["umscExos"]) == {
        "activates GATA2/PZP/GRP75 axis",
        "decreases mitochondrial calcium overload",
        "decreases mitochondrial dysfunction",
        "activates TGF-β1/Smad signalling pathway",
        "increases type I collagen",
        "increases type III collagen",
        "inhibits matrix metalloproteinases",
        "activates PI3K/Akt signalling pathway",
        "increases cell survival",
        "increases cell migration",
        "decreases apoptosis",
        "regulates TIMP1/Notch1 axis",
        "inhibits Notch1",
        "decreases p16",
        "decreases p21",
        "decreases p53",
    }
    assert items(pathways["ipscExos"]) == {
        "activates ERK1/2 signalling pathway",
        "increases cell proliferation",
        "decreases UVB-induced cell damage",
        "activates NRF2-KEAP1 pathway",
        "decreases reactive oxygen species",
        "activates Wnt/β-catenin signalling pathway",
        "increases extracellular matrix synthesis",
        "increases skin elasticity",
        "inhibits MAPK/AP-1 signalling pathway",
        "inhibits NF-κB signalling pathway",
        "decreases inflammatory response",
        "decreases collagen degradation",
    }
    assert items(targets["adscExos"]) == {
        "inhibits MMP-1",
        "inhibits MMP-2",
        "inhibits MMP-3",
        "increases type I collagen",
        "increases type III collagen",
        "decreases SA-β-gal",
        "decreases p53",
        "decreases p21",
        "decreases senescent cell",
        "activates mitophagy",
        "decreases mitochondrial DNA damage",
    }
    assert items(targets["umscExos"]) == {
        "decreases reactive oxygen species",
        "decreases γ-H2AX",
        "decreases DNA damage",
        "increases PZP",
        "decreases mitochondrial dysfunction",
        "inhibits IL-6",
        "inhibits TNF-α",
        "decreases chronic inflammatory response",
    }
    assert items(targets["ipscExos"]) == {
        "decreases reactive oxygen species",
        "increases PRDX1",
        "increases PRDX2",
        "inhibits MMP-1",
        "inhibits MMP-3",
        "increases collagen synthesis",
        "decreases premature senescence phenotype",
    }
    advantages = rows["Table 1, core advantages"]
    assert {i for i in items(advantages["ipscExos"]) if i.startswith("has advantage")} == {
        "has advantage very high exosome yield suited to large-scale production",
        "has advantage marked cellular rejuvenation and strongest anti-photoaging activity",
        "has advantage outstanding ROS scavenging and MMP inhibition",
    }
    disadvantages = rows["Table 1, main disadvantages"]
    assert {i for i in items(disadvantages["adscExos"]) if i.startswith("has disadvantage")} == {
        "has disadvantage invasive harvesting by liposuction",
        "has disadvantage large individual variation in adipose quality",
        "has disadvantage high cost of long-term large-scale production",
    }


def test_exosome_pathways_of_ipsc_exosomes(ask) -> None:
    rows = ask("exosome-pathways")
    assert {(r["pathway"], r["direction"]) for r in rows} == {
        ("ERK1/2 signalling pathway", "increase"),
        ("NRF2-KEAP1 pathway", "increase"),
        ("Wnt/β-catenin signalling pathway", "increase"),
        ("MAPK/AP-1 signalling pathway", "decrease"),
        ("NF-κB signalling pathway", "decrease"),
    }
    assert column(rows, "section") == {"table1.pathways"}
    umsc = ask("exosome-pathways", exosomes="umsc-exos")
    assert {r["pathway"] for r in umsc} == {
        "GATA2/PZP/GRP75 axis",
        "TGF-β1/Smad signalling pathway",
        "PI3K/Akt signalling pathway",
        "TIMP1/Notch1 axis",
    }


def test_exosome_targets_of_adsc_exosomes(ask) -> None:
    rows = ask("exosome-targets")
    assert {(r["target"], r["direction"], r["section"]) for r in rows} == {
        ("MMP-1", "decrease", "3.4"),
        ("MMP-3", "decrease", "3.4"),
        ("type III collagen", "decrease", "3.4"),
        ("reactive oxygen species", "decrease", "3.4"),
        ("MMP-1", "decrease", "table1.targets"),
        ("MMP-2", "decrease", "table1.targets"),
        ("MMP-3", "decrease", "table1.targets"),
        ("type I collagen", "increase", "table1.targets"),
        ("type III collagen", "increase", "table1.targets"),
        ("SA-β-gal", "decrease", "table1.targets"),
        ("p53", "decrease", "table1.targets"),
        ("p21", "decrease", "table1.targets"),
        ("reactive oxygen species", "decrease", "table1.pathways"),  # NRF2-KEAP1 item: effect on the preparation
    }
    assert {r["references"] for r in rows if r["section"] == "3.4"} == {"37"}


def test_exosome_cargo(ask) -> None:
    assert column(ask("exosome-cargo"), "cargo") == {
        "proteins (exosome cargo)",
        "lipids (exosome cargo)",
        "nucleic acids (exosome cargo)",
        "messenger RNA",
        "microRNAs (exosome cargo)",
        "exosomal long non-coding RNAs",
        "antioxidant-related bioactive substances",
    }
    assert column(ask("exosome-cargo", exosomes="sc-exos"), "cargo") == {
        "superoxide dismutase",
        "glutathione peroxidase",
        "antioxidant enzymes",
        "miR-181c",
        "miR-146a",
        "microRNAs (exosome cargo)",
        "antioxidant-related bioactive substances",
    }


def test_mechanism_chains_of_adsc_exosomes(ask) -> None:
    chains = {(r["sourceCell"], r["step1"], r["node1"], r["step2"], r["node2"]) for r in ask("mechanism-chains")}
    cell = "adipose-derived stem cell"
    assert (cell, "has cargo", "miR-1246", "inhibits", "GSK3β") in chains
    # Table 1 effects hang on the exosome preparation (grouped with their pathway by the Table 1 item), not on the
    # pathway, whose node is shared by the rows of several exosome types.
    assert not any(node1 == "PINK1/Parkin pathway" for _, _, node1, _, _ in chains)


#: The predicates of mechanism-network's edges, and the stage of a node by the class it falls under.
MECHANISM = [EXOPA[p] for p in ("hasCargo", "activates", "inhibits", "increases", "decreases", "regulates",
                                "participatesIn", "causesOrContributesTo")]  # fmt: skip
FROM_STAGES = {EXOPA.ExtracellularVesiclePreparation: 1, EXOPA.SignalingPathway: 2, EXOPA.MolecularEntity: 2,
               EXOPA.BiologicalProcess: 3, EXOPA.Phenotype: 4, EXOPA.Disease: 4}  # fmt: skip
TO_STAGES = {c: s for c, s in FROM_STAGES.items() if c != EXOPA.ExtracellularVesiclePreparation}


def network_of(graph, preparation) -> set[tuple]:
    """mechanism-network's rows for one preparation, computed with rdflib's graph API from the findings: (from,
    fromStage, predicate, to, toStage, findings) for each finding's edge whose subject is reachable from the
    preparation and whose object is at a stage not before its subject's, and the producedBy edge of its cell."""
    from rdflib import RDF, RDFS

    def classes(node) -> set:
        return {c for t in graph.objects(node, RDF.type) for c in graph.transitive_objects(t, RDFS.subClassOf)}

    def stages(node, table) -> set[int]:
        return {table[c] for c in classes(node) if c in table}

    def english(node) -> bool:
        return any(label.language == "en" for label in graph.objects(node, RDFS.label))

    reachable, todo = {preparation}, [preparation]
    while todo:
        node = todo.pop()
        for following in {o for p in MECHANISM for o in graph.objects(node, p)} - reachable:
            reachable.add(following)
            todo.append(following)
    findings: dict[tuple, set] = {}
    for predicate in MECHANISM:
        for finding in graph.subjects(EXOPA.predicate, predicate):
            for source in set(graph.objects(finding, EXOPA.subject)) & reachable:
                for target in graph.objects(finding, EXOPA.object):
                    if not (english(source) and english(target) and english(predicate)):
                        continue
                    for a in stages(source, FROM_STAGES):
                        for b in (b for b in stages(target, TO_STAGES) if b >= a):
                            findings.setdefault((str(source), a, str(predicate), str(target), b), set()).add(finding)
    rows = {(*edge, len(found)) for edge, found in findings.items()}
    if any(graph.objects(preparation, p) for p in MECHANISM) and english(preparation):
        cells = [c for c in graph.objects(preparation, EXOPA.producedBy) if EXOPA.CellType in classes(c)]
        if EXOPA.ExtracellularVesiclePreparation in classes(preparation):
            rows |= {(str(c), 0, str(EXOPA.producedBy), str(preparation), 1, 0) for c in cells if english(c)}
    return rows


def edges(rows: list[dict]) -> set[tuple]:
    return {(r["from"], r["fromStage"], r["predicate"], r["to"], r["toStage"], r["findings"]) for r in rows}


@pytest.mark.parametrize("slug", ["adsc-exos", "ipsc-exos", "umsc-exos"])
def test_mechanism_network_of_one_preparation(ask, release_graph, slug: str) -> None:
    """The network of one preparation is what the findings give from it, and part of the whole network."""
    rows = ask("mechanism-network", preparation=slug)
    expected = network_of(release_graph, EXOPA[slug])
    assert edges(rows) == expected
    assert any(r["fromStage"] == 0 for r in rows) and any(r["toStage"] == 4 for r in rows)
    assert edges(rows) < edges(ask("mechanism-network"))


def test_mechanism_network_of_an_entity_that_is_no_preparation_is_empty(ask) -> None:
    assert ask("mechanism-network", preparation="mmp1") == []


def test_a_parameter_the_select_clause_does_not_list_is_written_into_the_text() -> None:
    query = get("mechanism-network")
    text, terms = bound(query, {"preparation": "adsc-exos"})
    assert terms == {} and "?preparation" not in text and f"<{EXOPA['adsc-exos']}>" in text
    assert bound(query, {}) == (query.text, {})
    text, terms = bound(get("curation-notes"), {"kind": "typo"})
    assert text == get("curation-notes").text and set(terms) == {"kind"}


def test_evidence_behind_adsc_exosomes_and_mmp1(ask) -> None:
    rows = ask("evidence")
    cited = [r for r in rows if r["doi"]]
    assert [(r["doi"], r["year"], r["section"]) for r in cited] == [("10.1111/php.13370", 2021, "3.4")]
    assert "抑制 MMP-1" in cited[0]["quote"]
    assert "traceable reference" in cited[0]["evidence"]
    uncited = [r for r in rows if not r["doi"]]
    assert [(r["section"], r["evidence"]) for r in uncited] == [
        ("table1.targets", "author statement without traceable support used in manual assertion")
    ]


def test_one_finding_in_full(ask) -> None:
    values = {(r["property"], r["value"]) for r in ask("finding")}
    assert ("subject", "adipose-derived stem cell exosomes") in values
    assert ("object", "MMP-1") in values
    assert ("supported by", "ref 37: Gao et al. (2021) (doi:10.1111/php.13370)") in values
    assert ("direction", "decrease") in values


def test_findings_supported_by_ref_37(ask) -> None:
    rows = ask("reference-findings")
    assert column(rows, "section") == {"3.4"}
    triples = {(r["subject"], r["predicate"], r["object"]) for r in rows}
    assert {
        ("adipose-derived stem cell exosomes", "decreases", "MMP-1"),
        ("adipose-derived stem cell exosomes", "decreases", "MMP-3"),
        ("adipose-derived stem cell exosomes", "decreases", "type III collagen"),
        ("adipose-derived stem cell exosomes", "decreases", "reactive oxygen species"),
        ("adipose-derived stem cell exosomes", "decreases", "DNA damage"),
    } <= triples


def test_references_per_mechanism(ask) -> None:
    rows = {r["section"]: r for r in ask("mechanism-references")}
    expected = {
        "3.1": {22, 23, 24, 25},
        "3.2": {23, 26, 27, 28, 29, 30},
        "3.3": {31, 32, 33, 34},
        "3.4": {30, 35, 36, 37},
    }
    assert set(rows) == set(expected)
    for section, refs in expected.items():
        assert {int(n) for n in rows[section]["referenceNumbers"].split(", ")} == refs
        assert rows[section]["references"] == len(refs)


def test_uv_bands(ask) -> None:
    assert {(r["band"], r["lower"], r["upper"], r["unit"]) for r in ask("uv-bands")} == {
        ("ultraviolet A", 320, 400, "nanometer"),
        ("ultraviolet B", 280, 320, "nanometer"),
        ("ultraviolet C", 100, 280, "nanometer"),
    }


def test_cytokines(ask) -> None:
    rows = ask("cytokines")
    assert column(rows, "cytokine") == {
        "IL-1α",
        "IL-1β",
        "IL-6",
        "TNF-α",
        "IFN-γ",
        "TGF-β1",
        "IL-10",
        "pro-inflammatory cytokines",
        "anti-inflammatory cytokines",
    }
    facts = {(r["cytokine"], r["role"], r["predicate"], r["other"]) for r in rows}
    assert ("IL-6", "acts", "increases", "cellular senescence") in facts
    assert ("IL-6", "acts", "increases", "matrix metalloproteinases") in facts
    assert ("IL-10", "is acted on", "increases", "exosomes") in facts
    assert ("TNF-α", "is acted on", "inhibits", "umbilical cord mesenchymal stem cell exosomes") in facts


def test_enzymes(ask) -> None:
    rows = ask("enzymes")
    assert {"MMP-1", "MMP-2", "MMP-3", "PRDX1", "PRDX2", "SA-β-gal", "GSK3β"} <= column(rows, "enzyme")
    facts = {(r["enzyme"], r["role"], r["predicate"], r["other"]) for r in rows}
    assert ("GSK3β", "is acted on", "inhibits", "miR-1246") in facts
    assert ("matrix metalloproteinases", "is acted on", "increases", "UV radiation") in facts


def test_uncited_findings_of_section_3_3(ask, review_text: str) -> None:
    rows = ask("uncited-findings", section="3.3")
    assert rows and column(rows, "sectionNumber") == {"3.3"}
    heading = "清除过量 ROS, 降低机体的氧化应激水平"
    sentence = (
        "外泌体可通过携带与抗氧化作用相关的生物活性物质, 有效抑制 UV 照射所诱导的氧化应激反应, "
        "恢复皮肤细胞内氧化与抗氧化系统的动态平衡, 进而减轻皮肤光老化损伤。"
    )
    assert column(rows, "quote") == {heading, sentence}
    assert sentence in review_text
    everything = ask("uncited-findings")
    assert len(everything) > len(rows)


def test_findings_supported_only_by_other_organs(ask) -> None:
    rows = ask("other-organ-findings")
    assert {n for r in rows for n in r["references"].split(", ")} == {"8", "19", "23", "28", "29", "32"}
    assert {o for r in rows for o in r["organs"].split(", ")} == {
        "skeletal muscle",
        "blood",
        "lung",
        "heart",
        "colon",
        "spinal cord",
    }


def test_curation_notes_of_kind_contradiction(ask) -> None:
    rows = ask("curation-notes", kind="contradiction")
    assert len(rows) == len([note for note in table_rows("notes*.tsv") if note["kind"] == "contradiction"]) >= 3
    texts = " ".join(r["text"] for r in rows)
    assert "UVC" in texts and "COL-3" in texts and "临床前阶段" in texts
    assert len(ask("curation-notes")) == len(table_rows("notes*.tsv"))


def test_challenges(ask) -> None:
    assert column(ask("challenges"), "challenge") == {
        "low yield and purity of exosomes",
        "lack of unified quality control standards",
        "insufficient delivery efficiency",
        "poor stability of exosomes",
        "fragmented global regulatory framework",
        "ambiguous regulatory classification",
        "lack of unified quality control and characterisation standards",
        "batch heterogeneity",
        "difficulty of large-scale production",
        "standardisation and compliance bottleneck",
        "research mostly at the preclinical stage",
    }


def test_delivery_technologies(ask) -> None:
    facts = {(r["technology"], r["predicate"], r["other"]) for r in ask("delivery-technologies")}
    assert ("microneedle delivery", "increases", "transdermal absorption efficiency") in facts


def test_regulatory_events(ask) -> None:
    rows = {r["event"]: r for r in ask("regulatory-events")}
    china = rows["inclusion of exosomes in China's ATMP system"]
    assert (china["year"], china["month"], china["jurisdiction"], china["category"]) == (
        2025,
        6,
        "China",
        "advanced therapy medicinal product",
    )
    fda_ema = rows["FDA and EMA improvement of regulatory pathways for exosomes"]
    assert set(fda_ema["participants"].split(", ")) == {
        "US Food and Drug Administration",
        "European Medicines Agency",
    }


def test_lookup_by_label_in_english_and_chinese(ask) -> None:
    assert column(ask("lookup-label", text="MMP-", lang="en"), "label") == {"MMP-1", "MMP-2", "MMP-3"}
    collagen = column(ask("lookup-label", text="胶原蛋白", lang="zh"), "label")
    assert {
        "collagen",
        "type I collagen",
        "type III collagen",
        "collagen synthesis",
        "collagen degradation",
    } <= collagen


def test_lookup_by_external_id(ask) -> None:
    assert [(r["match"], r["label"], r["externalLabel"]) for r in ask("lookup-external-id")] == [
        ("exactMatch", "keratinocyte", "keratinocyte")
    ]
    assert [(r["match"], r["label"]) for r in ask("lookup-external-id", id="hgnc:7155")] == [("closeMatch", "MMP-1")]
    exosome = {(r["match"], r["label"]) for r in ask("lookup-external-id", id="GO:0070062")}
    assert ("closeMatch", "exosomes") in exosome
    assert ("broadMatch", "adipose-derived stem cell exosomes") in exosome
    assert [r["label"] for r in ask("lookup-external-id", id="CVCL:0038")] == ["HaCaT"]
    assert ask("lookup-external-id", id="CL:9999999") == []


def test_statistics(ask) -> None:
    counts = {r["label"]: r["instances"] for r in ask("class-counts")}
    assert counts["finding"] == len(table_rows("findings*.tsv"))
    assert counts["bibliographic reference"] == len(table_rows("references.tsv")) + 1  # plus the review itself
    predicates = ask("predicate-counts")
    assert sum(r["findings"] for r in predicates) == counts["finding"]


def test_findings_per_section(ask) -> None:
    rows = {r["number"]: r for r in ask("section-findings")}
    for uncited_part in ("abstract", "4", "table1.advantages", "table1.disadvantages", "table1.pathways"):
        assert rows[uncited_part]["citedFindings"] == 0, uncited_part
    for cited in ("1", "2", "3.1", "3.2", "3.3", "3.4", "5"):
        assert rows[cited]["citedFindings"] > 0, cited


def test_exosome_preparations(ask) -> None:
    rows = {r["preparation"]: r for r in ask("exosome-preparations")}
    assert rows["adipose-derived stem cell exosomes"]["tissues"] == "adipose tissue"
    assert rows["umbilical cord mesenchymal stem cell exosomes"]["tissues"] == "umbilical cord"
    assert rows["bone marrow mesenchymal stem cell exosomes"]["tissues"] == "bone marrow"
    assert rows["iPSC-derived mesenchymal stem cell exosomes"]["parentCells"] == "iPSC-derived mesenchymal stem cell"


def test_experimental_models(ask) -> None:
    rows = {r["model"]: r for r in ask("experimental-models")}
    rat = rows["UV-induced rat skin photoaging model"]
    assert (rat["taxon"], rat["exposure"], rat["modelOf"]) == ("rat", "UV radiation", "skin photoaging")
    assert rows["HaCaT cells in vitro"]["system"] == "HaCaT"
    assert rat["kind"] == "animal model"
    assert rat["evidence"] == "animal model system study evidence used in manual assertion"
    assert rows["HaCaT cells in vitro"]["kind"] == "in vitro model"
    assert rows["clinical studies in humans"]["kind"] == "human study model"
    aged = rows["epidermal stem cells from skin of increasing age (transcriptome sequencing)"]
    assert (aged["system"], aged["method"], aged["modelOf"]) == ("epidermal stem cell", "transcriptome sequencing",
                                                                "intrinsic skin aging")  # fmt: skip
    assert {r["model"] for r in rows.values() if r["method"]} == {aged["model"]}


def test_references_since_2024(ask) -> None:
    assert column(ask("references", since="2024"), "number") == {30, 33, 34, 36, 39, 40, 42, 43, 44, 45}
    assert len(ask("references")) == 45


def test_entity_findings_for_mmp1(ask) -> None:
    assert {(r["subject"], r["predicate"], r["section"]) for r in ask("entity-findings")} == {
        ("adipose-derived stem cell exosomes", "decreases", "3.4"),
        ("adipose-derived stem cell exosomes", "inhibits", "table1.targets"),
        ("induced pluripotent stem cell exosomes", "inhibits", "table1.targets"),
    }


def test_photoaging_pathogenesis(ask) -> None:
    rows = ask("photoaging-pathogenesis")
    causes = {r["entity"] for r in rows if r["relation"] == "causes or contributes to photoaging"}
    assert {
        "UV radiation",
        "ultraviolet A",
        "ultraviolet B",
        "oxidative stress",
        "chronic inflammatory response",
        "cellular senescence",
        "extracellular matrix degradation",
    } <= causes
    phenotypes = {r["entity"] for r in rows if r["relation"] == "phenotype of photoaging"}
    assert {
        "telangiectasia",
        "uneven pigmentation",
        "increased skin roughness",
        "deep wrinkle formation",
        "skin dryness",
        "precancerous lesions",
    } <= phenotypes


def test_quantities(ask) -> None:
    assert {(r["subject"], r["object"], r["value"], r["lower"], r["upper"], r["unit"]) for r in ask("quantities")} == {
        ("ultraviolet A", "wavelength", None, 320, 400, "nanometer"),
        ("ultraviolet B", "wavelength", None, 280, 320, "nanometer"),
        ("ultraviolet C", "wavelength", None, 100, 280, "nanometer"),
        ("exosomes", "vesicle diameter", None, 40, 100, "nanometer"),
        (
            "induced pluripotent stem cell exosomes",
            "mesenchymal stem cell-derived exosomes",
            16,
            None,
            None,
            "ratio unit",
        ),
        ("umbilical cord mesenchymal stem cell exosomes", "cell migration speed", 80, None, None, "percent"),
    }


def test_target_sources_for_mmp1(ask) -> None:
    assert {(r["preparation"], r["section"]) for r in ask("target-sources")} == {
        ("adipose-derived stem cell exosomes", "3.4"),
        ("adipose-derived stem cell exosomes", "table1.targets"),
        ("induced pluripotent stem cell exosomes", "table1.targets"),
    }


def test_contradictions(ask) -> None:
    rows = ask("contradictions")
    assert [(r["subject"], r["object"], r["sectionUp"], r["sectionDown"]) for r in rows] == [
        ("adipose-derived stem cell exosomes", "type III collagen", "table1.targets", "3.4")
    ]
    assert rows[0]["note"]


# --- the same answers on rdflib's engine --------------------------------------------------------------------


def normalise(value) -> object:
    """A cell compared across engines: lists built by GROUP_CONCAT are compared as sets."""
    if value is None:
        return None
    text = str(value)
    if re.fullmatch(r"-?\d+(\.0+)?", text):
        return int(float(text))
    for separator in ("; ", ", "):
        if separator in text:
            return tuple(sorted(text.split(separator)))
    return text


#: Queries rdflib's engine no longer answers in minutes on the grown release (finding labels, persons, table items
#: multiply the label joins inside its OPTIONAL); their exact answers are asserted on pyoxigraph and Virtuoso.
SLOW_ON_RDFLIB = {"delivery-technologies"}


@pytest.mark.parametrize("name", sorted(set(catalogue()) - SLOW_ON_RDFLIB))
def test_pyoxigraph_and_rdflib_agree(name: str, release_store, release_graph) -> None:
    query = get(name)
    terms = bindings(query, REQUIRED.get(name, {}))
    oxigraph = exopa.query(name, release_store, **REQUIRED.get(name, {}))
    init = {key: to_rdflib(term) for key, term in terms.items()}
    result = release_graph.query(query.text, initBindings=init)
    columns = [str(v) for v in result.vars]
    rdflib_rows = sorted(
        (tuple(normalise(row[i]) for i in range(len(columns))) for row in result), key=lambda row: repr(row)
    )
    oxigraph_rows = sorted((tuple(normalise(r[c]) for c in columns) for r in oxigraph), key=lambda row: repr(row))
    assert oxigraph_rows == rdflib_rows


def test_pyoxigraph_and_rdflib_agree_on_one_preparations_network(release_store, release_graph) -> None:
    text, terms = bound(get("mechanism-network"), {"preparation": "adsc-exos"})
    result = release_graph.query(text)
    columns = [str(v) for v in result.vars]
    rdflib_rows = sorted((tuple(normalise(row[i]) for i in range(len(columns))) for row in result), key=repr)
    oxigraph = exopa.query("mechanism-network", release_store, preparation="adsc-exos")
    assert rdflib_rows == sorted((tuple(normalise(r[c]) for c in columns) for r in oxigraph), key=repr)
    assert rdflib_rows


# --- safe parameters -------------------------------------------------------------------------------------------

INJECTIONS = ['x" } ; DROP ALL ; #', "<http://evil>", "') } DELETE WHERE { ?s ?p ?o } #", "\\u0022 } #"]


@pytest.mark.parametrize("value", INJECTIONS)
def test_injection_is_a_plain_value(value: str, release_store) -> None:
    before = len(release_store)
    assert exopa.query("lookup-label", release_store, text=value) == []
    assert exopa.query("uncited-findings", release_store, section=value) == []
    assert len(release_store) == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["query", "no-such-query"], "unknown query 'no-such-query'"),
        (["query", "uv-bands", "--param", "colour=blue"], "has no parameter 'colour'"),
        (["query", "lookup-label"], "needs --param text="),
        (["query", "references", "--param", "since=last-year"], "expects an integer"),
        (["query", "exosome-pathways", "--param", 'exosomes=x" } ; DROP ALL ; #'], "expects an exopa slug"),
        (["query", "uv-bands", "--param", "novalue"], "--param expects NAME=VALUE"),
        (["query", "lookup-external-id", "--param", "id=FOO:1"], "expects a CURIE with a known prefix"),
        (["sparql", "SELECT ?x WHERE {\n ?x ?y \n}}"], "3:2"),
    ],
)
def test_cli_errors_are_one_line_with_exit_2(args: list[str], message: str) -> None:
    done = run_exopa(*args)
    assert done.returncode == 2
    assert message in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_cli_query_formats() -> None:
    table = run_exopa("query", "uv-bands")
    assert table.returncode == 0 and "ultraviolet B" in table.stdout and "3 row(s)" in table.stdout
    csv_out = run_exopa("query", "uv-bands", "--format", "csv").stdout.splitlines()
    assert csv_out[0] == "band,lower,upper,unit,quote,translation"
    assert any(line.startswith("ultraviolet B,280,320,nanometer,UVB (280~320 nm),") for line in csv_out)
    markdown = run_exopa("query", "uv-bands", "--format", "markdown").stdout
    assert markdown.startswith("| band | lower |")
    listing = run_exopa("query", "--list").stdout
    assert all(name in listing for name in catalogue())
    import json

    listed = json.loads(run_exopa("query", "--list", "--format", "json").stdout)
    assert [entry["name"] for entry in listed] == list(catalogue())
    assert next(e for e in listed if e["name"] == "findings-under")["parameters"].startswith("term:curie=CL:0000057")


def test_cli_sparql_runs_ad_hoc_queries(tmp_path: Path) -> None:
    text = "PREFIX exopa: <https://w3id.org/exopa/> SELECT (COUNT(*) AS ?n) WHERE { ?f a exopa:Finding }"
    done = run_exopa("sparql", text, "--format", "json")
    assert done.returncode == 0
    assert f'"n": {len(table_rows("findings*.tsv"))}' in done.stdout
    path = tmp_path / "count.rq"
    path.write_text(text)
    assert run_exopa("sparql", str(path), "--format", "tsv").stdout.splitlines()[1] == str(
        len(table_rows("findings*.tsv"))
    )
    piped = run_exopa("sparql", "-", "--format", "tsv", stdin=text)
    assert piped.stdout.splitlines() == ["n", str(len(table_rows("findings*.tsv")))]
    empty = run_exopa("sparql", "-", stdin="")
    assert (empty.returncode, empty.stderr.strip()) == (2, "exopa sparql: stdin: no SPARQL query on standard input")


def test_family_findings_walk_every_member_of_the_mmps(ask) -> None:
    members = {"mmps"}
    for _ in range(3):
        members |= {
            row["slug"]
            for row in table_rows("entities*.tsv")
            if any(f"memberOf:{family}" in row["relations"].split("|") for family in members)
        }
    assert members > {"mmps"}
    expected = {
        row["id"] for row in table_rows("findings*.tsv") if row["subject"] in members or row["object"] in members
    }
    rows = ask("family-findings")
    assert column(rows, "finding") == {str(EXOPA[fid]) for fid in expected}
    assert len(column(rows, "member")) > 1


# -- issue 12: modality filter, English beside Chinese, Table 1 items -------------------------------------------
EX = "https://w3id.org/exopa/"
#: The "what does X do" queries, each with parameters that give it answers on the release.
HEDGEABLE = {
    "exosome-pathways": {"exosomes": "ipsc-exos"},
    "exosome-targets": {"exosomes": "adsc-exos"},
    "exosome-cargo": {"exosomes": "exosomes"},
    "target-sources": {"target": "mmp1"},
    "evidence": {"subject": "uv", "object": "mmps"},
    "entity-findings": {"entity": "mmp1"},
    "findings-under": {"term": "GO:0006954"},
    "mechanism-chains": {"exosomes": "adsc-exos"},
    "photoaging-pathogenesis": {},
}


@pytest.fixture()
def hedged_store():
    """A private copy of the release, which a test may change."""
    import pyoxigraph as ox

    store = ox.Store()
    store.bulk_load(path=str(exopa.release_path("nt")), format=ox.RdfFormat.N_TRIPLES)
    return store


def hedged_findings(store) -> set[str]:
    import pyoxigraph as ox

    quads = store.quads_for_pattern(None, ox.NamedNode(EX + "modality"), None)
    return {q.subject.value.removeprefix(EX) for q in quads if q.object.value != EX + "asserted"}


@pytest.mark.parametrize("name", sorted(HEDGEABLE))
def test_hedged_findings_are_left_out_unless_asked_for(hedged_store, name: str) -> None:
    import pyoxigraph as ox

    params = HEDGEABLE[name]
    assert get(name).param("include_hedged").default == "false"
    everything = exopa.query(name, hedged_store, include_hedged="true", **params)
    assert everything
    if "finding" in everything[0]:
        # hedge one more finding of the answer, then the default answer is exactly the rows of asserted findings
        target = sorted(row["finding"] for row in everything)[0]
        hedged_store.add(ox.Quad(ox.NamedNode(target), ox.NamedNode(EX + "modality"), ox.NamedNode(EX + "hypothesis")))
        hedged = hedged_findings(hedged_store)
        everything = exopa.query(name, hedged_store, include_hedged="true", **params)
        expected = [row | {"include_hedged": "false"} for row in everything
                    if row["finding"].removeprefix(EX) not in hedged]  # fmt: skip
        assert exopa.query(name, hedged_store, **params) == expected
        assert target.removeprefix(EX) in hedged and len(expected) < len(everything)
    else:  # answers joining several findings: hedging every finding leaves nothing by default
        for quad in list(hedged_store.quads_for_pattern(None, ox.NamedNode(EX + "subject"), None)):
            hedged_store.add(ox.Quad(quad.subject, ox.NamedNode(EX + "modality"), ox.NamedNode(EX + "hypothesis")))
        assert exopa.query(name, hedged_store, **params) == []
        assert len(exopa.query(name, hedged_store, include_hedged="true", **params)) == len(everything)


#: Not done: with the translation in its nested OPTIONAL, rdflib's engine did not finish this query in minutes.
WITHOUT_TRANSLATION = {"delivery-technologies"}


def test_queries_showing_a_quote_show_the_translation_beside_it() -> None:
    for query in (q for q in catalogue().values() if q.name not in WITHOUT_TRANSLATION):
        select = re.search(r"^SELECT[^\n]*", query.text, re.M)
        if select and "?quote" in select.group(0):
            assert "?quote ?translation" in select.group(0), query.name


def test_finding_query_shows_both_texts_modality_qualifiers_and_quality_value(hedged_store) -> None:
    import pyoxigraph as ox

    finding = ox.NamedNode(EX + "finding-5-02")
    extra = {
        "translation": ox.Literal("numerous studies have confirmed the efficacy and safety of exosome therapy",
                                  language="en"),
        "modality": ox.NamedNode(EX + "asserted"),
        "qualityValue": ox.NamedNode(EX + "status-confirmed"),
        "inLocation": ox.NamedNode(EX + "dermis"),
        "timing": ox.Literal("within minutes", language="en"),
        "withDose": ox.NamedNode(EX + "single-injection"),
    }  # fmt: skip
    for prop, value in extra.items():
        hedged_store.add(ox.Quad(finding, ox.NamedNode(EX + prop), value))
    rows = {(r["property"], r["value"]) for r in exopa.query("finding", hedged_store, finding="finding-5-02")}
    quote = next(q.object.value for q in hedged_store.quads_for_pattern(finding, ox.NamedNode(EX + "quote"), None))
    assert ("supporting text", quote) in rows
    assert ("curator translation", extra["translation"].value) in rows
    assert ("has modality", "asserted") in rows
    assert ("has quality value", "confirmed") in rows
    assert ("in location", "dermis") in rows
    assert ("timing", "within minutes") in rows
    assert ("with dosing", "single injection") in rows


def test_table1_items_query_prints_each_item_with_its_english(tmp_path: Path) -> None:
    import shutil

    import pyoxigraph as ox
    from conftest import FIXTURES, ROOT
    from test_build import source_tree

    from exopa.compile import compile_graph

    root = source_tree(tmp_path, FIXTURES / "build" / "minimal")
    for table in ("table-items.tsv", "sections.tsv"):
        shutil.copy(FIXTURES / "build" / "table-items" / table, root / "ontology" / "curation" / table)
    findings = root / "ontology" / "curation" / "findings.tsv"
    text = findings.read_text(encoding="utf-8")
    findings.write_text(text.replace("\t\t\t\t\tnote-1", "\t\t\t\tt1-adsc-pathways-1\tnote-1"), encoding="utf-8")
    store = ox.Store()
    store.load(compile_graph(root).serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES)
    rows = exopa.query("table1-items", store)
    items = [line.split("\t") for line in (FIXTURES / "build" / "table-items" / "table-items.tsv").read_text(
        encoding="utf-8").splitlines()[1:]]  # fmt: skip
    assert [(r["position"], r["text"], r["translation"]) for r in rows] == [(int(i[4]), i[5], i[6]) for i in items]
    assert rows[0]["findings"] == "finding-3-4-01" and rows[1]["findings"] is None
    assert ROOT.is_dir()


# -- issue 14: findings about an upstream term and its descendants ----------------------------------------------
def expected_findings_under(curie: str) -> tuple[set[str], set[str]]:
    """The findings about entities mapped (exact, broad or close) to the term or a descendant, and those entities,
    derived from the import module, the mapping set and the curation tables."""
    from rdflib import Graph
    from rdflib.namespace import RDFS

    from exopa.mappings import read_sssom
    from exopa.namespaces import curie_to_iri

    module = Graph().parse(ROOT / "ontology" / "imports" / "external.ttl", format="turtle")
    under = set(module.transitive_subjects(RDFS.subClassOf, curie_to_iri(curie)))
    predicates = {"exactMatch", "broadMatch", "closeMatch"}
    entities = {m.subject for m in read_sssom(ROOT / "ontology" / "mappings" / "exopa.sssom.tsv")[1]
                if m.object_iri in under and m.predicate.split("#")[1] in predicates}  # fmt: skip
    systems = {row["slug"]: {r.removeprefix("usesSystem:") for r in row["relations"].split("|")
                             if r.startswith("usesSystem:")} for row in table_rows("entities*.tsv")}  # fmt: skip
    findings = {row["id"] for row in table_rows("findings*.tsv")
                if {row["subject"], row["object"], *row["location"].split("|")} & entities
                or any(systems.get(model, set()) & entities for model in row["model"].split("|"))}  # fmt: skip
    return findings, entities


@pytest.mark.parametrize(("curie", "descendant"), [
    ("GO:0006954", "chronic-inflammation"),  # GO:0002544 chronic inflammatory response is_a inflammatory response
    ("CL:0000057", "dermal-fibroblast"),  # CL:0002551 fibroblast of dermis is_a skin fibroblast is_a fibroblast
    ("fplx:MMP", "mmp1"),  # HGNC:7155 MMP1 isa FamPlex MMP
])  # fmt: skip
def test_findings_under_an_upstream_term_include_its_descendants(ask, curie: str, descendant: str) -> None:
    findings, entities = expected_findings_under(curie)
    rows = ask("findings-under", term=curie, include_hedged="true")
    assert column(rows, "finding") == {str(EXOPA[f]) for f in findings} and findings
    assert column(rows, "entity") == {str(EXOPA[e]) for e in entities}
    assert str(EXOPA[descendant]) in column(rows, "entity")
    from exopa.namespaces import curie_to_iri

    assert str(curie_to_iri(curie)) not in {row["matched"] for row in rows if row["entity"] == str(EXOPA[descendant])}
    asserted = ask("findings-under", term=curie)
    assert column(asserted, "finding") <= column(rows, "finding")


TYPE_PATH = """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?entity ?term WHERE {
  ?entity a/rdfs:subClassOf* ?term . FILTER(STRSTARTS(STR(?entity), "https://w3id.org/exopa/")) }"""
SKOS_PATH = """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?entity ?term WHERE { ?entity (skos:exactMatch|skos:broadMatch)/rdfs:subClassOf* ?term }"""


def test_a_type_path_reaches_an_entity_from_its_upstream_ancestors(release_store) -> None:
    """`?e rdf:type/rdfs:subClassOf* CL:0000057` finds the fibroblast entity, and from each upstream root the type
    path reaches every entity that an exact or broad match reaches (and, through the class alignments, more)."""
    import pyoxigraph as ox

    from exopa.namespaces import curie_to_iri
    from exopa.queries import run_on_store

    def entities(text: str, curie: str) -> set[str]:
        terms = {"term": ox.NamedNode(str(curie_to_iri(curie)))}
        return {row[0].value for row in run_on_store(release_store, text, terms).rows}

    assert str(EXOPA["fibroblast"]) in entities(TYPE_PATH, "CL:0000057")
    for curie in ("CL:0000000", "UBERON:0001062", "GO:0008150", "GO:0005575", "HP:0000118", "MONDO:0000001",
                  "PATO:0000001", "CHEBI:24431"):
        by_skos = entities(SKOS_PATH, curie)
        assert by_skos and by_skos <= entities(TYPE_PATH, curie), curie
    # activities are no types: the enzymes mapped to GO molecular functions are reached only through SKOS
    assert not entities(TYPE_PATH, "GO:0003674") and entities(SKOS_PATH, "GO:0003674")
    # taxa are no organisms: the taxon entities are reached only through SKOS
    assert not entities(TYPE_PATH, "NCBITaxon:40674") and entities(SKOS_PATH, "NCBITaxon:40674")


def test_gene_product_ids_count_the_mapped_ids_of_every_gene_and_protein_class(ask) -> None:
    """The coverage table agrees with the curation tables and the mapping set: per class under Gene or Protein, the
    entities, how many have an HGNC, NCBI Gene and UniProtKB mapping, and the labels of those without UniProtKB."""
    from rdflib import Graph
    from rdflib.namespace import RDFS

    from exopa.mappings import read_sssom

    tbox = Graph().parse(ROOT / "ontology" / "exopa.ttl", format="turtle")
    classes = {str(c).removeprefix(str(EXOPA)) for top in ("Gene", "Protein")
               for c in tbox.transitive_subjects(RDFS.subClassOf, EXOPA[top])}  # fmt: skip
    prefixes: dict[str, set[str]] = {}
    for m in read_sssom(ROOT / "ontology" / "mappings" / "exopa.sssom.tsv")[1]:
        prefixes.setdefault(m.subject, set()).add(m.object_curie.split(":")[0])
    expected = {}
    for row in table_rows("entities*.tsv"):
        if row["class"] in classes:
            label = next(str(x) for x in tbox.objects(EXOPA[row["class"]], RDFS.label) if x.language == "en")
            counts = expected.setdefault(label, [0, 0, 0, 0, set()])
            have = prefixes.get(row["slug"], set())
            counts[0] += 1
            for index, prefix in enumerate(("hgnc", "NCBIGene", "uniprot"), start=1):
                counts[index] += prefix in have
            if "uniprot" not in have:
                counts[4].add(row["label_en"])
    rows = ask("gene-product-ids")
    found = {row["class"]: [row["entities"], row["hgnc"], row["ncbigene"], row["uniprot"],
                            {cell.rsplit(" (", 1)[0] for cell in items(row["withoutUniprot"])}]
             for row in rows}  # fmt: skip
    assert found == expected


def test_rows_convert_numbers_and_booleans_and_keep_ill_typed_literals_as_written() -> None:
    import pyoxigraph as ox

    from exopa.queries import plain, plain_rows

    xsd = "http://www.w3.org/2001/XMLSchema#"

    def typed(value: str, kind: str) -> ox.Literal:
        return ox.Literal(value, datatype=ox.NamedNode(xsd + kind))

    row = (
        typed("12", "integer"), typed("0.5", "decimal"), typed("1", "boolean"), typed("false", "boolean"),
        typed("many", "integer"), ox.Literal("12"), ox.Literal("12", language="en"), ox.NamedNode(EXOPA + "adsc-exos"),
        None,
    )  # fmt: skip
    columns = [f"c{index}" for index in range(len(row))]
    expected = [12, 0.5, True, False, "many", "12", "12", EXOPA + "adsc-exos", None]
    assert plain_rows(columns, [row]) == [dict(zip(columns, expected, strict=True))]
    assert [plain(term) for term in row] == expected


def test_a_curie_parameter_also_takes_the_iri_of_a_known_prefix(ask) -> None:
    by_curie = ask("lookup-external-id", id="GO:0070062")
    assert by_curie and ask("lookup-external-id", id="http://purl.obolibrary.org/obo/GO_0070062") == by_curie
    with pytest.raises(exopa.queries.QueryError, match="expects a CURIE with a known prefix .*, or its IRI"):
        ask("lookup-external-id", id="http://example.org/GO_0070062")
