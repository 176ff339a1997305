"""exopa: the Exosome-PhotoAging knowledge graph.

The public surface is small:

- :func:`graph` — the release as an rdflib Graph;
- :func:`store` — the release in an embedded pyoxigraph Store (SPARQL 1.1);
- :func:`release_path` — the path of a release file (``"ttl"`` or ``"nt"``);
- :func:`build` — compile curation tables into release files.
"""

from .graph import graph, store
from .release import build
from .resources import release_path

__all__ = ["build", "graph", "release_path", "store"]
__version__ = "0.1.0"
