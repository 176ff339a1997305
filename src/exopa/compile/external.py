"""The links out of the graph that a build copies in: the SSSOM mapping set and the import module."""

from __future__ import annotations

from ..namespaces import EXOPA
from ..tables import CurationError
from .base import TableReader, parse_turtle, with_context


class ExternalLinks(TableReader):
    """Reads ``ontology/mappings/*.sssom.tsv`` and ``ontology/imports/*.ttl``."""

    def read_mappings(self) -> None:
        from ..mappings import read_sssom

        for path in self.sources.mappings:
            try:
                _, mappings = read_sssom(path)
            except CurationError as error:
                self.fail(error)
                continue
            for mapping in mappings:
                if mapping.subject not in self.slugs:
                    self.fail(CurationError(path, mapping.line, 1, f"unknown slug '{mapping.subject}'"))
                    continue
                self.add(EXOPA[mapping.subject], mapping.predicate, mapping.object_iri)

    def read_imports(self) -> None:
        """The import module (``ontology/imports/*.ttl``): official labels and mapped categories of external terms."""
        for path in self.sources.imports:
            try:
                self.graph += parse_turtle(path)
            except CurationError as error:
                self.fail(with_context(error, "cannot parse the import module"))
