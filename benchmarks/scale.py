"""Scale the release to about N triples by replicating its shape (a deterministic N-Triples generator).

Scheme: the output starts with the release itself (TBox, external terms and all instances, unchanged, so that
canned-query parameters such as ``exosomes=ipsc-exos`` still match), followed by ``k = 1, 2, ...`` replicas of its
instance data. Replica ``k`` copies every triple whose subject is an exopa instance (an IRI typed with an exopa
class), renaming each such instance ``exopa:slug`` to ``exopa:slug-r{k}`` wherever it occurs, and suffixing its
``rdfs:label`` / ``skos:altLabel`` literals with `` (r{k})`` (English and Chinese alike). A replica's findings,
references, curation notes and mappings therefore point to the replica's own entities; shared vocabulary (the
TBox, directions, evidence types, units, note kinds, review sections, therapeutic mechanisms, anatomy and external
terms) is not copied, so replicas add findings to the same sections and organs and map to the same external IDs.
Every replica has the release's class and predicate mix, anatomy aside.

The number of replicas is ``round((N - release) / replica)``, so the triple count is within half a replica
(about 5,300 triples) of N, and never below the release: N smaller than the release gives the release itself.
The same N gives byte-identical output.

Run: python benchmarks/scale.py 1M [-o benchmarks/data/exopa-1M.nt]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from exopa.resources import release_path

EXOPA = "https://w3id.org/exopa/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
LABELS = ("http://www.w3.org/2000/01/rdf-schema#label", "http://www.w3.org/2004/02/skos/core#altLabel")
SUBCLASS_OF = "http://www.w3.org/2000/01/rdf-schema#subClassOf"
#: Classes whose instances (and their subclasses' instances) are shared vocabulary, not replicated: the controlled
#: values of a finding (modality, quality level) and anatomy. The literature at large studies the same few organs and
#: tissues, and a canned query that names one (``other-organ-findings`` tells skin from other organs by
#: ``exopa:skin``) must see every replica's references to it.
SHARED_CLASSES = {
    EXOPA + name
    for name in (
        "Direction", "EvidenceType", "Unit", "CurationNoteKind", "ReviewSection", "TherapeuticMechanism",
        "AnatomicalEntity", "Modality", "QualityValue",
    )
}  # fmt: skip
MARK = "@replica@"  # stands for the replica number in the replica template (valid in IRIs and literals)
DATA_DIR = Path(__file__).resolve().parent / "data"


def parse_size(text: str) -> int:
    """``10k``, ``1M``, ``5M`` or a plain number of triples."""
    text = text.strip()
    factor = {"k": 1_000, "K": 1_000, "m": 1_000_000, "M": 1_000_000}.get(text[-1:], 1)
    return int(float(text[:-1] if factor > 1 else text) * factor)


def size_name(n: int) -> str:
    """The inverse of :func:`parse_size` for round sizes."""
    if n % 1_000_000 == 0:
        return f"{n // 1_000_000}M"
    if n % 1_000 == 0:
        return f"{n // 1_000}k"
    return str(n)


@dataclass(frozen=True)
class Template:
    """The release's N-Triples text and one replica's text with :data:`MARK` where the replica number goes."""

    release: str
    replica: str
    release_triples: int
    replica_triples: int

    def replicas_for(self, n: int) -> int:
        return max(0, round((n - self.release_triples) / self.replica_triples))

    def chunks(self, n: int):
        yield self.release
        for k in range(1, self.replicas_for(n) + 1):
            yield self.replica.replace(MARK, f"r{k}")


def with_subclasses(classes: set[str], triples) -> set[str]:
    """``classes`` and every class below them by the ``rdfs:subClassOf`` triples."""
    children: dict[str, set[str]] = {}
    for t in triples:
        if t.predicate.value == SUBCLASS_OF:
            children.setdefault(t.object.value, set()).add(t.subject.value)
    found, todo = set(classes), list(classes)
    while todo:
        for child in children.get(todo.pop(), ()):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def template(source: Path | None = None) -> Template:
    """Read the release N-Triples and build the replica template."""
    import pyoxigraph as ox

    path = source or release_path("nt")
    text = path.read_text(encoding="utf-8")
    if MARK in text:
        raise ValueError(f"{path} contains the replica marker {MARK!r}")
    triples = list(ox.parse(path=str(path), format=ox.RdfFormat.N_TRIPLES))
    shared_classes = with_subclasses(SHARED_CLASSES, triples)
    instances = {
        t.subject.value
        for t in triples
        if t.predicate.value == RDF_TYPE
        and isinstance(t.subject, ox.NamedNode)
        and t.subject.value.startswith(EXOPA)
        and t.object.value.startswith(EXOPA)
        and t.object.value not in shared_classes
    }
    shared = {t.subject.value for t in triples if t.predicate.value == RDF_TYPE and t.object.value in shared_classes}
    instances -= shared

    def rename(term):
        if isinstance(term, ox.NamedNode) and term.value in instances:
            return f"<{term.value}-{MARK}>"
        return str(term)

    lines = []
    for t in triples:
        if not (isinstance(t.subject, ox.NamedNode) and t.subject.value in instances):
            continue
        obj = t.object
        if t.predicate.value in LABELS and isinstance(obj, ox.Literal):
            obj_text = str(ox.Literal(f"{obj.value} ({MARK})", language=obj.language or None))
        else:
            obj_text = rename(obj)
        lines.append(f"{rename(t.subject)} <{t.predicate.value}> {obj_text} .\n")
    return Template(text, "".join(lines), len(triples), len(lines))


def generate(n: int, out: Path, source: Path | None = None) -> int:
    """Write about ``n`` triples to ``out`` (N-Triples, atomically, streamed); return the number written."""
    shape = template(source)
    out.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{out.name}.", dir=out.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            for chunk in shape.chunks(n):
                stream.write(chunk)
        os.chmod(temporary, 0o644)
        os.replace(temporary, out)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return shape.release_triples + shape.replicas_for(n) * shape.replica_triples


def dataset(n: int, folder: Path = DATA_DIR) -> Path:
    """The generated file for size ``n`` in ``folder`` (created on first use, then reused until the release's
    N-Triples file is newer, since a graph made from an older release would measure something else)."""
    out = folder / f"exopa-{size_name(n)}.nt"
    if not out.exists() or out.stat().st_mtime < release_path("nt").stat().st_mtime:
        generate(n, out)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("size", help="target number of triples: 10k, 100k, 1M, 5M or a number")
    parser.add_argument("-o", "--out", help="output file (default: benchmarks/data/exopa-SIZE.nt)")
    args = parser.parse_args(argv)
    n = parse_size(args.size)
    out = Path(args.out) if args.out else DATA_DIR / f"exopa-{size_name(n)}.nt"
    print(f"{out}: {generate(n, out)} triples", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
