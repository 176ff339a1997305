"""Canned SPARQL queries: their metadata headers, typed parameters, and running them on an embedded store.

Parameters are converted to RDF terms and passed to the engine as bindings (pyoxigraph ``substitutions``,
rdflib ``initBindings``); a value is never pasted into the query text.
"""

from __future__ import annotations

import re
from collections import namedtuple
from collections.abc import Mapping
from functools import cache, lru_cache

from .iris import EXOPA
from .resources import queries_dir, query_file

TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path

PARAM_TYPES = ("entity", "iri", "curie", "string", "integer", "lang")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
CURIE = re.compile(r"^([A-Za-z][A-Za-z0-9_.]*):([A-Za-z0-9_.\-]+)$")
IRI = re.compile(r"^[a-z][a-z0-9+.\-]*://[^\s<>\"{}|\\^`]+$")


class QueryError(ValueError):
    """A bad query name, parameter or value; its message is one line meant for the user."""


class Param(namedtuple("Param", "name type default required description", defaults=("",))):
    """A declared parameter: ``# param: NAME TYPE DEFAULT`` (DEFAULT ``-`` = required, ``*`` = optional): ``name``,
    ``type`` (one of :data:`PARAM_TYPES`), ``default`` (or None), ``required``, ``description``. A parameter whose
    variable the query's SELECT clause lists is bound as a term (see :func:`bound`); any other is written into the
    text in place of its variable, so that it also restricts sub-selects (an optional one left out stays a
    variable)."""

    __slots__ = ()


class CannedQuery(namedtuple("CannedQuery", "name title description params examples text")):
    """A query file with its header: ``name``, ``title``, ``description``, ``params`` (:class:`Param`),
    ``examples`` and ``text``."""

    __slots__ = ()

    def param(self, name: str) -> Param:
        for param in self.params:
            if param.name == name:
                return param
        known = ", ".join(p.name for p in self.params) or "none"
        raise QueryError(f"query '{self.name}' has no parameter '{name}' (parameters: {known})")


def parse_query_file(path: Path | str) -> CannedQuery:
    """Read a ``.rq`` file and its ``# key: value`` header."""
    import os

    with open(path, encoding="utf-8") as stream:
        text = stream.read()
    name = os.path.splitext(os.path.basename(path))[0]
    title = description = ""
    params: list[Param] = []
    examples: list[str] = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        key, _, value = line[1:].strip().partition(":")
        value = value.strip()
        if key == "title":
            title = value
        elif key == "description":
            description = (description + " " + value).strip()
        elif key == "example":
            examples.append(value)
        elif key == "param":
            parts = value.split(None, 3)
            if len(parts) < 3 or parts[1] not in PARAM_TYPES:
                raise QueryError(f"{path}: bad '# param:' line: {value!r}")
            default = None if parts[2] in ("-", "*") else parts[2]
            params.append(Param(parts[0], parts[1], default, parts[2] == "-", parts[3] if len(parts) > 3 else ""))
    if not title:
        raise QueryError(f"{path}: missing '# title:' header")
    return CannedQuery(name, title, description, tuple(params), tuple(examples), text)


@cache
def catalogue() -> dict[str, CannedQuery]:
    """All canned queries by name."""
    return {path.stem: parse_query_file(path) for path in sorted(queries_dir().glob("*.rq"))}


def get(name: str) -> CannedQuery:
    """The canned query ``name`` (only its file is read, unless the catalogue is loaded already)."""
    loaded = catalogue.cache_info().currsize
    query = catalogue().get(name) if loaded else (_read(name) if SLUG.match(name) else None)
    if query is None:
        raise QueryError(f"unknown query '{name}' (see `exopa query --list`)")
    return query


@cache
def _read(name: str) -> CannedQuery | None:
    import os

    path = query_file(name)
    return parse_query_file(path) if os.path.isfile(path) else None


def to_term(param: Param, value: str):
    """Convert a parameter value to a pyoxigraph term, checking it against the declared type."""
    import pyoxigraph as ox

    if param.type == "entity":
        slug = value.removeprefix("exopa:").removeprefix(EXOPA)
        if not SLUG.match(slug):
            raise QueryError(f"parameter '{param.name}' expects an exopa slug such as adsc-exos, got {value!r}")
        return ox.NamedNode(EXOPA + slug)
    if param.type in ("iri", "curie"):  # both take a full IRI: an iri parameter any, a curie one under a known prefix
        if IRI.match(value) and (param.type == "iri" or known_iri(value)):
            return ox.NamedNode(value)
        if param.type == "iri" and not CURIE.match(value):
            raise QueryError(f"parameter '{param.name}' expects an IRI or CURIE, got {value!r}")
        return ox.NamedNode(expand_curie(param, value))
    if param.type == "integer":
        if not re.fullmatch(r"[+-]?\d+", value):
            raise QueryError(f"parameter '{param.name}' expects an integer, got {value!r}")
        return ox.Literal(value, datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))
    if param.type == "lang":
        if not re.fullmatch(r"[a-zA-Z]{2,3}(-[a-zA-Z0-9]+)*", value):
            raise QueryError(f"parameter '{param.name}' expects a language tag such as en or zh, got {value!r}")
        return ox.Literal(value.lower())
    return ox.Literal(value)


def known_iri(value: str) -> bool:
    """Whether ``value`` is an IRI under one of the release's URI prefixes (``http://purl.obolibrary.org/obo/CL_``
    for CL), with a local part after it."""
    from .prefixes import uri_prefixes

    return any(value.startswith(uri) and len(value) > len(uri) for uri in uri_prefixes().values())


def expand_curie(param: Param, value: str) -> str:
    """Expand a CURIE such as ``CL:0000312``, ``hgnc:7155`` or ``UniProtKB:P03956`` with the release's converter
    (Bioregistry prefixes and their synonyms, see :mod:`exopa.prefixes`)."""
    from .prefixes import expand, release_prefix_map

    iri = expand(value) if CURIE.match(value) else None
    if iri is None:
        known = ", ".join(sorted(record["prefix"] for record in release_prefix_map()))
        raise QueryError(f"parameter '{param.name}' expects a CURIE with a known prefix ({known}), or its IRI, got "
                         f"{value!r}")  # fmt: skip
    return iri


def bindings(query: CannedQuery, values: Mapping[str, str]) -> dict[str, object]:
    """Typed pyoxigraph terms for every parameter given or defaulted; optional ones left out stay unbound."""
    result: dict[str, object] = {}
    for name in values:
        query.param(name)
    for param in query.params:
        value = values.get(param.name, param.default)
        if value is None:
            if param.required:
                raise QueryError(f"query '{query.name}' needs --param {param.name}=... ({param.type})")
            continue
        result[param.name] = to_term(param, str(value))
    return result


SELECT_CLAUSE = re.compile(r"^\s*SELECT\b(.*?)\bWHERE\s*\{", re.IGNORECASE | re.MULTILINE | re.DOTALL)
EXPRESSION_TARGET = re.compile(r"\((?:[^()]|\([^()]*\))*\bAS\s+[?$](\w+)\s*\)", re.IGNORECASE)
VARIABLE = re.compile(r"[?$](\w+)")


def projected(text: str) -> set[str] | None:
    """The variables the query's (first) SELECT clause lists, expressions' targets included; None for ``SELECT *``
    or when there is no SELECT clause."""
    match = SELECT_CLAUSE.search(text)
    if match is None:
        return None
    clause = match.group(1)
    if re.match(r"\s*(?:DISTINCT\s+|REDUCED\s+)?\*", clause, re.IGNORECASE):
        return None
    return set(EXPRESSION_TARGET.findall(clause)) | set(VARIABLE.findall(EXPRESSION_TARGET.sub(" ", clause)))


def bound(query: CannedQuery, values: Mapping[str, str]) -> tuple[str, dict[str, object]]:
    """The text of ``query`` and the terms still to bind for parameter ``values`` (see :func:`bindings`). A term
    whose variable the SELECT clause does not list is written into the text in place of the variable (its SPARQL
    form, escaped), which restricts sub-selects and every branch on any engine: pyoxigraph's substitutions take only
    listed variables, and a VALUES block at the top (remote endpoints) leaves sub-selects unbound."""
    terms = bindings(query, values)
    listed = projected(query.text)
    text = query.text
    for name in [n for n in terms if listed is not None and n not in listed]:
        term = str(terms.pop(name))
        text = re.sub(rf"[?$]{name}\b", lambda _, term=term: term, text)
    return text, terms


@lru_cache(maxsize=512)
def prepared(name: str, params: tuple[tuple[str, str], ...]) -> tuple[str, dict | None]:
    """The text of canned query ``name`` and its pyoxigraph substitutions for ``params`` (sorted name-value
    pairs), as :func:`bound` gives them, kept for the next call with the same parameters (the terms are
    immutable)."""
    import pyoxigraph as ox

    text, terms = bound(get(name), dict(params))
    return text, ({ox.Variable(key): term for key, term in terms.items()} or None)


WHERE_BRACE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)


def with_values(text: str, terms: Mapping[str, object]) -> str:
    """The query with its parameters bound by a VALUES block of typed, escaped RDF terms at the start of the
    outermost WHERE (for remote endpoints, which take no separate bindings)."""
    if not terms:
        return text
    match = WHERE_BRACE.search(text)
    if match is None:
        raise QueryError("cannot bind parameters: the query has no WHERE clause")
    names = " ".join(f"?{name}" for name in terms)
    values = " ".join(str(term) for term in terms.values())
    block = f"\n  VALUES ({names}) {{ ({values}) }}"
    return text[: match.end()] + block + text[match.end() :]


class Result(namedtuple("Result", "columns rows truncated", defaults=(False,))):
    """Column names (``columns``) and ``rows`` of pyoxigraph terms (``None`` where unbound); ``truncated`` when rows
    were cut at a cap."""

    __slots__ = ()


def run_on_store(store, text: str, terms: Mapping[str, object] | None = None) -> Result:
    """Run a SELECT query on a pyoxigraph store with bound terms, in-process, every row."""
    import pyoxigraph as ox

    substitutions = {ox.Variable(name): term for name, term in terms.items()} if terms else None
    solutions = store.query(text, substitutions=substitutions)
    if not isinstance(solutions, ox.QuerySolutions):
        raise QueryError("only SELECT queries are supported here")
    return Result([variable.value for variable in solutions.variables], [tuple(s) for s in solutions])


def run(name: str, store=None, **params: str) -> Result:
    """Run the canned query ``name`` on ``store`` (default: the release, loaded once per process) with typed
    parameters."""
    from .graph import shared_store

    text, terms = bound(get(name), params)
    return run_on_store(store if store is not None else shared_store(), text, terms)


_XSD = "http://www.w3.org/2001/XMLSchema#"
_CONVERT = {
    **dict.fromkeys((f"{_XSD}{t}" for t in ("integer", "int", "long", "nonNegativeInteger")), int),
    **dict.fromkeys((f"{_XSD}{t}" for t in ("decimal", "double", "float")), float),
    f"{_XSD}boolean": lambda value: value in ("true", "1"),
}


def plain(term) -> str | int | float | bool | None:
    """A pyoxigraph term as a plain Python value: IRIs and strings as strings, numeric and boolean literals as
    numbers and booleans (an ill-typed one, such as ``"many"^^xsd:integer``, stays a string)."""
    return plain_rows(["value"], [(term,)])[0]["value"]


def plain_rows(columns: list[str], rows) -> list[dict[str, object]]:
    """Rows (tuples of terms, or pyoxigraph solutions) as dictionaries of plain values, as :func:`plain` does it for
    one term, with the lookups hoisted out of the loop and no function call per term (this conversion is most of
    exopa's cost over pyoxigraph; inlined, it takes two thirds of the time)."""
    from pyoxigraph import Literal

    converters = _CONVERT
    result: list[dict[str, object]] = []
    for row in rows:
        values: dict[str, object] = {}
        for column, term in zip(columns, row, strict=True):
            if term is None:
                values[column] = None
            elif (
                term.__class__ is Literal and term.language is None and (convert := converters.get(term.datatype.value))
            ):
                try:
                    values[column] = convert(term.value)
                except ValueError:  # ill-typed, such as "many"^^xsd:integer: kept as written
                    values[column] = term.value
            else:
                values[column] = term.value
        result.append(values)
    return result
