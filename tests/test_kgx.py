"""The KGX TSV pair: real Biolink terms (checked offline against the pinned biolink-model YAML), one edge per finding,
every edge end a node, and the evidence, references and sentence of each finding on its edge."""

from __future__ import annotations

import csv
import json
import shutil
from importlib import resources
from pathlib import Path

import pandas as pd
import pytest
from conftest import FIXTURES, ROOT, table_rows
from linkml_runtime.utils.schemaview import SchemaView
from rdflib import Graph, Literal
from rdflib.namespace import RDF, RDFS, SKOS

from exopa import release_path
from exopa.compile import CurationErrors, Vocabulary
from exopa.export.biolink_ids import biolink_prefixes
from exopa.export.biolink_table import TABLE, TABLE_COLUMNS, read_biolink_table
from exopa.export.kgx import EDGE_COLUMNS, NODE_COLUMNS, kgx_export
from exopa.namespaces import EXOPA
from exopa.release import build

BIOLINK_VERSION = "4.4.6"  # the biolink-model release pinned in the `test` extra


@pytest.fixture(scope="session")
def biolink() -> SchemaView:
    view = SchemaView(str(resources.files("biolink_model").joinpath("schema/biolink_model.yaml")))
    assert view.schema.version == BIOLINK_VERSION
    return view


@pytest.fixture(scope="session")
def classes(biolink: SchemaView) -> dict[str, str]:
    """Biolink class CURIE (``biolink:MicroRNA``) -> class name (``microRNA``)."""
    return {biolink.get_uri(name, expand=False): name for name in biolink.all_classes()}


@pytest.fixture(scope="session")
def slots(biolink: SchemaView) -> dict[str, str]:
    """Biolink slot CURIE (``biolink:has_part``) -> slot name (``has part``)."""
    return {biolink.get_uri(name, expand=False): name for name in biolink.all_slots()}


@pytest.fixture(scope="session")
def table_rows_biolink() -> list[dict[str, str]]:
    with (ROOT / TABLE).open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream, delimiter="\t", quoting=csv.QUOTE_NONE))


def read_kgx(path: Path, biolink: SchemaView) -> list[dict[str, str | list[str]]]:
    """Read a KGX TSV file as KGX's own TsvSource does (pandas, no quoting, strings only), splitting the columns
    of multivalued Biolink slots on ``|``."""
    frame = pd.read_csv(path, sep="\t", dtype=str, quoting=3, keep_default_na=False, lineterminator="\n")
    records = []
    for record in frame.to_dict("records"):
        for column, value in record.items():
            if biolink.get_slot(column.replace("_", " ")).multivalued:
                record[column] = value.split("|") if value else []
        records.append(record)
    return records


@pytest.fixture(scope="session")
def nodes(biolink: SchemaView) -> list[dict]:
    return read_kgx(release_path("kgx_nodes"), biolink)


@pytest.fixture(scope="session")
def edges(biolink: SchemaView) -> list[dict]:
    return read_kgx(release_path("kgx_edges"), biolink)


def node_ids(nodes: list[dict]) -> dict[str, str]:
    """exopa CURIE -> KGX node id (the node's own id, or the canonical external id with the exopa CURIE in xref)."""
    found: dict[str, str] = {}
    for node in nodes:
        for curie in [node["id"], *node["xref"]]:
            if curie.startswith("exopa:"):
                assert curie not in found, curie
                found[curie] = node["id"]
    return found


def usable(element) -> bool:
    """Not deprecated, not abstract, not a mixin: a term a KGX file may use directly."""
    return not element.deprecated and not element.abstract and not element.mixin


def test_columns_are_biolink_slots_and_single_values_hold_no_separator(biolink, nodes, edges) -> None:
    assert list(pd.read_csv(release_path("kgx_nodes"), sep="\t", nrows=0).columns) == NODE_COLUMNS
    assert list(pd.read_csv(release_path("kgx_edges"), sep="\t", nrows=0).columns) == EDGE_COLUMNS
    for column in NODE_COLUMNS + EDGE_COLUMNS:
        slot = biolink.get_slot(column.replace("_", " "))
        assert slot is not None and not slot.deprecated, column
    for record in nodes + edges:
        for column, value in record.items():
            assert isinstance(value, list) or "|" not in value, (record["id"], column)


def test_node_categories_are_usable_named_things(biolink, classes, table_rows_biolink) -> None:
    named_things = set(biolink.class_descendants("named thing"))
    node_rows = [row for row in table_rows_biolink if row["kgx_role"] == "node"]
    assert node_rows
    for row in node_rows:
        name = classes.get(row["biolink_id"])
        assert name in named_things, row["biolink_id"]
        assert usable(biolink.get_class(name)), row["biolink_id"]


def test_other_biolink_classes_of_the_table(biolink, classes, table_rows_biolink) -> None:
    ancestors = {"edge": "association", "publications": "publication", "has_evidence": "evidence type"}
    rows = [row for row in table_rows_biolink if row["kgx_role"] in ancestors]
    assert {row["kgx_role"] for row in rows} == set(ancestors)
    for row in rows:
        name = classes.get(row["biolink_id"])
        assert name in biolink.class_descendants(ancestors[row["kgx_role"]]), row["biolink_id"]
        assert usable(biolink.get_class(name)), row["biolink_id"]


def test_predicates_are_canonical_usable_related_to_slots(biolink, slots, table_rows_biolink) -> None:
    related = set(biolink.slot_descendants("related to"))
    rows = [row for row in table_rows_biolink if row["kgx_role"] == "predicate"]
    assert rows
    for row in rows:
        name = slots.get(row["biolink_id"])
        assert name in related, row["biolink_id"]
        slot = biolink.get_slot(name)
        assert usable(slot), row["biolink_id"]
        canonical = slot.annotations.get("canonical_predicate")
        assert canonical is not None and str(canonical.value).lower() == "true", f"{row['biolink_id']} is not canonical"


def test_edge_values_are_biolink_enum_values(biolink, edges) -> None:
    enums = {
        "knowledge_level": "KnowledgeLevelEnum",
        "agent_type": "AgentTypeEnum",
        "object_direction_qualifier": "DirectionQualifierEnum",
    }
    for column, enum in enums.items():
        allowed = set(biolink.get_enum(enum).permissible_values)
        used = {edge[column] for edge in edges} - {""}
        assert used and used <= allowed, (column, used - allowed)
    assert {edge["negated"] for edge in edges} <= {"", "True"}


def test_table_covers_every_class_and_predicate_of_the_tbox(table_rows_biolink) -> None:
    tbox = Graph().parse(ROOT / "ontology" / "exopa.ttl", format="turtle")
    vocabulary = Vocabulary.from_tbox(tbox)
    table = read_biolink_table(ROOT / TABLE, vocabulary)
    assert set(table.roles) == set(vocabulary.classes)
    assert {name for name, _ in table.predicates} == set(vocabulary.predicates)
    assert len(table_rows_biolink) == len(table.roles) + len(table.predicates)


def findings(graph: Graph) -> dict[str, dict]:
    """Each finding of the release graph with what its edge must carry, read with SPARQL-free rdflib calls."""
    result = {}
    for finding in graph.subjects(RDF.type, EXOPA.Finding):
        references = list(graph.objects(finding, EXOPA.supportedBy))
        dois = {f"doi:{graph.value(ref, EXOPA.doi)}" if graph.value(ref, EXOPA.doi) else f"exopa:{ref.split('/')[-1]}"
                for ref in references}  # fmt: skip
        result[f"exopa:{finding.split('/')[-1]}"] = {
            "subject": f"exopa:{graph.value(finding, EXOPA.subject).split('/')[-1]}",
            "object": f"exopa:{graph.value(finding, EXOPA.object).split('/')[-1]}",
            "predicate": f"exopa:{graph.value(finding, EXOPA.predicate).split('/')[-1]}",
            "publications": dois,
            "uncited": graph.value(finding, EXOPA.uncited).toPython(),
            "quotes": [str(q) for q in graph.objects(finding, EXOPA.quote) if q.language == "zh"]
            + sorted(str(q) for q in graph.objects(finding, EXOPA.quote) if q.language == "en"),
            "translation": [str(q) for q in graph.objects(finding, EXOPA.translation)],
            "label": [str(q) for q in graph.objects(finding, RDFS.label) if q.language == "en"],
            "level": [str(graph.value(m, EXOPA.knowledgeLevel)) for m in graph.objects(finding, EXOPA.modality)],
            "locations": set(graph.objects(finding, EXOPA.inLocation)),
            "evidence": {"ECO:" + str(e).rsplit("_", 1)[1] for e in graph.objects(finding, EXOPA.evidenceType)},
        }
    return result


def test_one_edge_per_finding_with_its_evidence(release_graph: Graph, nodes, edges, table_rows_biolink) -> None:
    expected = findings(release_graph)
    ids = node_ids(nodes)
    assert len(edges) == len(expected) == len({edge["id"] for edge in edges})
    inverse = {row["exopa_id"] for row in table_rows_biolink if row["inverse"] == "true"}
    for edge in edges:
        finding = expected[edge["id"]]
        assert edge["original_predicate"] == finding["predicate"]
        ends = (edge["subject"], edge["object"])
        subject, obj = ids[finding["subject"]], ids[finding["object"]]
        assert ends == ((obj, subject) if finding["predicate"] in inverse else (subject, obj)), edge["id"]
        assert set(edge["publications"]) == finding["publications"], edge["id"]
        assert bool(edge["publications"]) != finding["uncited"], edge["id"]
        assert edge["supporting_text"] == finding["quotes"], edge["id"]
        assert set(edge["has_evidence"]) == finding["evidence"] and edge["has_evidence"], edge["id"]
        assert [edge["knowledge_level"]] == (finding["level"] or ["not_provided"]), edge["id"]
        assert edge["agent_type"] == "manual_agent"
        assert edge["description"].startswith(finding["label"][0]), edge["id"]
        for translation in finding["translation"]:  # the curators' English, marked as theirs, beside the Chinese
            assert edge["description"].endswith(f"Curator translation of the supporting text (not the review's "
                                                f"words): {translation}"), edge["id"]  # fmt: skip
        assert len(edge["anatomical_context_qualifier"]) == len(finding["locations"]), edge["id"]
        assert edge["primary_knowledge_source"] == "infores:exopa"


def test_predicate_and_qualifier_follow_the_table(edges, table_rows_biolink, release_graph: Graph) -> None:
    rows = {(row["exopa_id"], row["direction"]): row for row in table_rows_biolink if row["kgx_role"] == "predicate"}
    for edge in edges:
        direction = release_graph.value(EXOPA[edge["id"].removeprefix("exopa:")], EXOPA.direction)
        row = rows[(edge["original_predicate"], direction.split("/")[-1] if direction else "")]
        assert edge["predicate"] == row["biolink_id"]
        assert edge["object_direction_qualifier"] == row["object_direction_qualifier"]
        assert edge["negated"] == ("True" if row["negated"] == "true" else "")


def test_nodes_are_the_entities_and_every_edge_end_is_one(nodes, edges, table_rows_biolink) -> None:
    roles = {row["exopa_id"][6:]: row for row in table_rows_biolink if row["kgx_role"] != "predicate"}
    entities = [row for row in table_rows("entities*.tsv") if roles[row["class"]]["kgx_role"] == "node"]
    by_id = {node["id"]: node for node in nodes}
    ids = node_ids(nodes)
    assert set(ids) == {f"exopa:{row['slug']}" for row in entities}
    assert len(nodes) == len(entities) == len(by_id)
    for row in entities:
        node = by_id[ids[f"exopa:{row['slug']}"]]
        assert node["category"] == [roles[row["class"]]["biolink_id"]]
        assert node["name"] == row["label_en"]
        assert node["description"] == row["definition"]
        assert node["provided_by"] == ["infores:exopa"]
        expected_synonyms = {row["label_zh"], *(s for s in row["alt_labels"].split("|"))} - {""}
        assert set(node["synonym"]) == expected_synonyms, row["slug"]
    ends = {edge["subject"] for edge in edges} | {edge["object"] for edge in edges}
    assert ends <= set(by_id), ends - set(by_id)


def exact_matches() -> dict[str, set[str]]:
    """exopa CURIE -> its exact matches in the SSSOM file, in Biolink's prefix spelling where Biolink has the prefix."""
    sssom = ROOT / "ontology" / "mappings" / "exopa.sssom.tsv"
    lines = [line for line in sssom.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    expected: dict[str, set[str]] = {}
    for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
        if row["predicate_id"] == "skos:exactMatch":
            expected.setdefault(row["subject_id"], set()).add(biolink_prefixes().to_biolink(row["object_id"]))
    return expected


def test_id_and_xrefs_are_the_exopa_curie_and_the_exact_matches_of_the_sssom_file(nodes) -> None:
    expected = exact_matches()
    for exopa_curie, node_id in node_ids(nodes).items():
        node = next(n for n in nodes if n["id"] == node_id)
        assert {node["id"], *node["xref"]} == {exopa_curie, *expected.get(exopa_curie, set())}, exopa_curie
        assert len(node["xref"]) == len(set(node["xref"])) == len(expected.get(exopa_curie, set()))


def test_node_ids_follow_the_canonical_rule_with_biolink_prefix_spelling(nodes, biolink) -> None:
    """The id is the exact match whose prefix comes first in the category's id_prefixes (then in Biolink's prefix
    map); exopa CURIEs only for entities without an exact match whose prefix Biolink knows."""
    prefixes = biolink_prefixes()
    assert {"HGNC", "NCBIGene", "UniProtKB", "MESH", "REACT", "KEGG.PATHWAY", "GO", "CL"} <= set(prefixes.prefix_map)
    expected = exact_matches()
    used: set[str] = set()
    for exopa_curie, node_id in node_ids(nodes).items():
        node = next(n for n in nodes if n["id"] == node_id)
        known = sorted(c for c in expected.get(exopa_curie, ()) if c.split(":")[0] in prefixes.prefix_map)
        if not known:
            assert node_id == exopa_curie
            continue
        order = prefixes.id_prefixes.get(node["category"][0], [])
        listed = [c for c in known if c.split(":")[0] in order]
        first = min(listed, key=lambda c: (order.index(c.split(":")[0]), c)) if listed else None
        assert node_id == (first or min(known, key=lambda c: (list(prefixes.prefix_map).index(c.split(":")[0]), c)))
        assert node["iri"] == prefixes.prefix_map[node_id.split(":")[0]] + node_id.split(":", 1)[1]
        used.add(node_id.split(":")[0])
    assert {"UniProtKB", "MESH", "GO", "CL", "UBERON"} <= used  # proteins, families, processes, cells, anatomy


def test_direction_qualified_affects_edges_carry_qualified_predicate_and_aspect(edges, nodes, biolink) -> None:
    aspects = set(biolink.get_enum("GeneOrGeneProductOrChemicalEntityAspectEnum").permissible_values)
    categories = {node["id"]: node["category"][0] for node in nodes}
    gene_products = {"biolink:Protein", "biolink:Gene", "biolink:MicroRNA", "biolink:SmallMolecule"}
    qualified = [edge for edge in edges if edge["object_direction_qualifier"]]
    assert qualified
    for edge in qualified:
        assert edge["predicate"] == "biolink:affects" and edge["qualified_predicate"] == "biolink:causes", edge["id"]
        if categories[edge["object"]] in gene_products:
            assert edge["object_aspect_qualifier"] in aspects, edge["id"]
        if edge["object_aspect_qualifier"]:
            assert edge["object_aspect_qualifier"] in aspects, edge["id"]
    assert all(not edge["qualified_predicate"] for edge in edges if not edge["object_direction_qualifier"])


def test_jsonl_files_hold_the_same_records_as_the_tsv_files(nodes, edges) -> None:
    for records, fmt in ((nodes, "kgx_nodes_jsonl"), (edges, "kgx_edges_jsonl")):
        lines = release_path(fmt).read_text(encoding="utf-8").splitlines()
        from_json = [json.loads(line) for line in lines]
        assert len(from_json) == len(records)
        for tsv_record, json_record in zip(records, from_json, strict=True):
            kept = {k: (True if v == "True" and k == "negated" else v) for k, v in tsv_record.items()
                    if v not in ("", [])}  # fmt: skip
            assert json_record == kept, tsv_record["id"]


def test_sssom_release_file_is_the_mapping_set_as_sssom_py_writes_it() -> None:
    from exopa.mappings import canonical_sssom, read_sssom

    source = ROOT / "ontology" / "mappings" / "exopa.sssom.tsv"
    assert release_path("sssom").read_bytes() == canonical_sssom(source)
    released = {(m.subject, m.predicate, m.object_curie, m.object_label) for m in read_sssom(release_path("sssom"))[1]}
    assert released == {(m.subject, m.predicate, m.object_curie, m.object_label) for m in read_sssom(source)[1]}


def release_prefixes() -> dict[str, str]:
    return json.loads(release_path("prefixes").read_text(encoding="utf-8"))


@pytest.fixture()
def vocabulary() -> Vocabulary:
    return Vocabulary.from_tbox(Graph().parse(ROOT / "ontology" / "exopa.ttl", format="turtle"))


def edited_table(tmp_path: Path, edit) -> Path:
    lines = (ROOT / TABLE).read_text(encoding="utf-8").splitlines()
    path = tmp_path / "biolink.tsv"
    path.write_text("\n".join(edit(lines)) + "\n", encoding="utf-8")
    return path


def replace_cell(exopa_id: str, column: str, value: str):
    def edit(lines: list[str]) -> list[str]:
        out = []
        for line in lines:
            cells = line.split("\t")
            if cells[0] == exopa_id:
                cells[TABLE_COLUMNS.index(column)] = value
            out.append("\t".join(cells))
        return out

    return edit


def line_of(exopa_id: str) -> int:
    lines = (ROOT / TABLE).read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, start=1) if line.split("\t")[0] == exopa_id)


@pytest.mark.parametrize(
    ("edit", "where", "message"),
    [
        (replace_cell("exopa:Cytokine", "exopa_id", "exopa:Organ"), ("exopa:Cytokine", 1), "not a class of the TBox"),
        (replace_cell("exopa:Cytokine", "kgx_role", "vertex"), ("exopa:Cytokine", 3), "kgx_role must be one of"),
        (replace_cell("exopa:Cytokine", "biolink_id", "Protein"), ("exopa:Cytokine", 4), "not a biolink: CURIE"),
        (replace_cell("exopa:Cytokine", "match", "related"), ("exopa:Cytokine", 5), "match must be one of"),
        (replace_cell("exopa:Cytokine", "negated", "true"), ("exopa:Cytokine", 7), "only for predicate rows"),
        (replace_cell("exopa:treats", "direction", "sideways"), ("exopa:treats", 2), "direction must be empty"),
        (replace_cell("exopa:treats", "inverse", "yes"), ("exopa:treats", 8), "'inverse' must be empty or 'true'"),
        (replace_cell("exopa:treats", "exopa_id", "exopa:cures"), ("exopa:treats", 1), "not an association predicate"),
        (lambda lines: [line for line in lines if not line.startswith("exopa:Cytokine\t")], None,
         "no row for the class exopa:Cytokine"),
        (lambda lines: [line for line in lines if not line.startswith("exopa:hasCargo\t")], None,
         "no row for the predicate exopa:hasCargo"),
        (lambda lines: [*lines, lines[line_of("exopa:treats") - 1]], None,
         "a second row for exopa:treats with direction ''"),
    ],
)  # fmt: skip
def test_bad_table_rows_are_reported_with_row_and_column(tmp_path, vocabulary, edit, where, message) -> None:
    path = edited_table(tmp_path, edit)
    with pytest.raises(CurationErrors) as raised:
        read_biolink_table(path, vocabulary)
    texts = [str(error) for error in raised.value.errors]
    if where is None:
        assert any(message in text for text in texts), texts
    else:
        exopa_id, column = where
        assert f"{path}:{line_of(exopa_id)}:{column}: " in texts[0] and message in texts[0], texts


def test_a_finding_whose_direction_has_no_row_stops_the_export(release_graph: Graph, vocabulary) -> None:
    graph = Graph()
    graph += release_graph
    finding = next(f for f in graph.subjects(EXOPA.predicate, EXOPA.treats))
    graph.set((finding, EXOPA.direction, EXOPA.up))
    table = read_biolink_table(ROOT / TABLE, vocabulary)
    with pytest.raises(CurationErrors) as raised:
        kgx_export(graph, table, release_prefixes())
    assert f"exopa:{finding.split('/')[-1]}: no row for exopa:treats with direction 'up'" in str(raised.value)


def test_a_list_separator_inside_a_value_stops_the_export(release_graph: Graph, vocabulary) -> None:
    graph = Graph()
    graph += release_graph
    graph.add((EXOPA["mmp1"], SKOS.altLabel, Literal("MMP-1|collagenase", lang="en")))
    table = read_biolink_table(ROOT / TABLE, vocabulary)
    with pytest.raises(CurationErrors) as raised:
        kgx_export(graph, table, release_prefixes())
    assert "exopa:mmp1: synonym 'MMP-1|collagenase' holds" in str(raised.value)


def test_a_bare_source_tree_builds_its_own_kgx_pair(tmp_path: Path) -> None:
    minimal = FIXTURES / "build" / "minimal"
    (tmp_path / "ontology" / "curation").mkdir(parents=True)
    (tmp_path / "ontology" / "mappings").mkdir()
    shutil.copy(ROOT / "ontology" / "exopa.ttl", tmp_path / "ontology" / "exopa.ttl")
    shutil.copytree(ROOT / "ontology" / "source", tmp_path / "ontology" / "source")
    shutil.copy(ROOT / TABLE, tmp_path / TABLE)
    for table in minimal.glob("*.tsv"):
        shutil.copy(table, tmp_path / "ontology" / "curation" / table.name)
    paths = build(tmp_path)
    assert "sssom" not in paths  # no mapping set in this tree, so none in its release
    with (minimal / "findings.tsv").open(encoding="utf-8", newline="") as stream:
        finding_ids = {row["id"] for row in csv.DictReader(stream, delimiter="\t", quoting=csv.QUOTE_NONE)}
    with paths["kgx_edges"].open(encoding="utf-8", newline="") as stream:
        edge_ids = {row["id"] for row in csv.DictReader(stream, delimiter="\t", quoting=csv.QUOTE_NONE)}
    assert edge_ids == {f"exopa:{fid}" for fid in finding_ids}
