"""Write the import module ``ontology/imports/external.ttl`` from the offline extracts and ``verification.tsv``.

Run after ``scripts/extract_external_terms.py`` or after changing the mappings, then ``exopa build``.
"""

from __future__ import annotations

from pathlib import Path

from exopa.imports import import_module_turtle
from exopa.release import write_atomically

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    target = ROOT / "ontology" / "imports" / "external.ttl"
    write_atomically({target: import_module_turtle(ROOT)})
    print(target.relative_to(ROOT))


if __name__ == "__main__":
    main()
