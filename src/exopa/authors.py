"""Authors as persons: one PROV-O qualified attribution per author position of a reference.

OWL 2 DL reserves rdf:List, so the order of an author list is not an rdf:List (BIBO's bibo:authorList) but one
``prov:Attribution`` per position, with ``exopa:authorPosition`` (1, 2, ...) and ``prov:agent`` the person:

    exopa:ref-15 prov:qualifiedAttribution exopa:ref-15-author-1 .
    exopa:ref-15-author-1 a prov:Attribution ; exopa:authorPosition 1 ; prov:agent exopa:person-fisher-g-j .

A person is one node per name string (``person-<slug of the name>``), so identical names across references share a
node; a name repeated inside one reference (two people, e.g. two "Lin, S." in ref 30) gets a second node.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterator

from rdflib import Literal, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS

from .namespaces import EXOPA

CJK = re.compile(r"[\u3400-\u9fff]")
Triple = tuple[URIRef, URIRef, URIRef | Literal]


def person_slug(name: str) -> str:
    """``Fisher, G.J.`` -> ``person-fisher-g-j``; a name in another script is slugged from its romanisation."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    return f"person-{slug}" if slug else f"person-{hashlib.sha1(name.encode()).hexdigest()[:10]}"


def authorships(reference: URIRef, number: int, names: list[str], romanised: list[str]) -> Iterator[Triple]:
    """The triples of a reference's ordered authors; ``romanised[i]`` is the Latin form of a name in another script."""
    seen: set[str] = set()
    for position, name in enumerate(names, start=1):
        latin = romanised[position - 1] if position <= len(romanised) and romanised[position - 1] else name
        slug = person_slug(latin)
        label = latin
        if slug in seen:  # the same name twice in one reference: two people
            slug, label = f"{slug}-ref-{number}-{position}", f"{latin} (ref {number}, author {position})"
        seen.add(slug)
        person = EXOPA[slug]
        yield person, RDF.type, OWL.NamedIndividual
        yield person, RDF.type, PROV.Person
        yield person, RDFS.label, Literal(label, lang="en")
        if CJK.search(name):
            yield person, RDFS.label, Literal(name, lang="zh")
        node = EXOPA[f"ref-{number}-author-{position}"]
        yield reference, PROV.qualifiedAttribution, node
        yield node, RDF.type, OWL.NamedIndividual
        yield node, RDF.type, PROV.Attribution
        yield node, RDFS.label, Literal(f"ref {number}, author {position}: {latin}", lang="en")
        yield node, PROV.agent, person
        yield node, EXOPA.authorPosition, Literal(position)
