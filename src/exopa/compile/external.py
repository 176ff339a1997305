"""The links out of the graph that a build copies in: the SSSOM mapping set, the import module, and the types that
let a reasoner follow an entity to its upstream class."""

from __future__ import annotations

from rdflib import URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from ..namespaces import EXOPA, curie_to_iri
from ..tables import CurationError
from .base import TableReader, parse_turtle, with_context

#: OBO ontologies (and EFO) whose terms are classes of things, imported with their is_a ancestors: an entity mapped
#: to one of their terms by an exact or broad match is asserted an instance of it. Left out: records of genes,
#: proteins, pathways and sequences (hgnc, NCBIGene, uniprot, fplx, reactome, kegg.pathway, mirbase), the MeSH
#: thesaurus, cell line records (cellosaurus), ENVO and NCIT, which no offline release gives ancestors for, and
#: NCBITaxon: exopa's taxon entities are taxa (exopa:OrganismTaxon), and an NCBITaxon class is a class of organisms.
TYPED_PREFIXES = frozenset({"CHEBI", "CL", "EFO", "GO", "HP", "MONDO", "PATO", "UBERON"})
#: The SKOS predicates that make the entity a member of the term: equal to it, or narrower (skos:broadMatch).
TYPING_PREDICATES = (SKOS.exactMatch, SKOS.broadMatch)
#: Branches whose classes no exopa entity is an instance of: an enzyme is not its activity (GO molecular_function)
#: and a pollutant is not its role (ChEBI role); such mappings stay SKOS links only.
NOT_TYPES = ("GO:0003674", "CHEBI:50906")


class ExternalLinks(TableReader):
    """Reads ``ontology/mappings/*.sssom.tsv`` and ``ontology/imports/*.ttl``."""

    def read_mappings(self) -> None:
        from ..mappings import read_sssom

        self.typing: list[tuple[URIRef, str, URIRef]] = []  # (entity, object CURIE, object IRI) to type
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
                if mapping.predicate in TYPING_PREDICATES:
                    self.typing.append((EXOPA[mapping.subject], mapping.object_curie, mapping.object_iri))

    def read_imports(self) -> None:
        """The import module (``ontology/imports/*.ttl``): official labels and mapped categories of external terms."""
        for path in self.sources.imports:
            try:
                self.graph += parse_turtle(path)
            except CurationError as error:
                self.fail(with_context(error, "cannot parse the import module"))

    def type_mapped_entities(self) -> None:
        """Assert ``rdf:type`` of the upstream class on every entity mapped to it by an exact or broad match, where
        the class is one of :data:`TYPED_PREFIXES` declared in the import module and outside :data:`NOT_TYPES`, so
        that a reasoner and ``rdf:type/rdfs:subClassOf*`` reach the entity from every ancestor of the class."""
        excluded = {curie_to_iri(curie) for curie in NOT_TYPES}
        for entity, curie, iri in self.typing:
            if curie.split(":", 1)[0] not in TYPED_PREFIXES or (iri, RDF.type, OWL.Class) not in self.graph:
                continue
            if excluded.isdisjoint(self.graph.transitive_objects(iri, RDFS.subClassOf)):
                self.add(entity, RDF.type, iri)
