"""HTML documentation of the Python API, generated from the docstrings by pdoc (``pip install 'exopa[docs]'``).

Run ``python -m exopa.apidocs OUT`` (default ``build/api``); a test builds it into a temporary folder.
"""

from __future__ import annotations

import sys
from pathlib import Path

#: The documented modules: the package's functions and the modules they hand back objects from.
MODULES = ("exopa", "exopa.queries", "exopa.sparql", "exopa.entailment", "exopa.resources", "exopa.iris")


def build_api_docs(out: Path) -> Path:
    """Write the API documentation into ``out``; return the path of its start page."""
    import pdoc
    import pdoc.render

    pdoc.render.configure(docformat="restructuredtext", footer_text="exopa", search=False, show_source=False)
    pdoc.pdoc(*MODULES, output_directory=out)
    return out / "index.html"


if __name__ == "__main__":
    print(build_api_docs(Path(sys.argv[1] if len(sys.argv) > 1 else "build/api")))
