"""Reading RDF files and SPARQL text given by users, safely and with located errors.

Every RDF format is parsed by pyoxigraph, whose errors carry the line and column: messages are
``file:line:column: what is wrong``. Nothing is fetched and nothing outside the file is read: pyoxigraph has no
loader for remote JSON-LD contexts, and RDF/XML files declaring entities (external ones such as
``file:///etc/passwd``, or nested internal ones as in the "billion laughs") are refused by a first pass of the
standard library's expat parser before any expansion. Nesting deeper than :data:`MAX_NESTING` levels is refused
too, since pyoxigraph's recursive JSON-LD and SPARQL parsers overflow the stack (a segmentation fault) a few
thousand levels down and take seconds well before that.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rdflib import Graph

#: Deepest nesting of brackets, JSON objects or XML elements accepted in a user's file or query.
MAX_NESTING = 500

#: File name extensions and the pyoxigraph format names they stand for; anything else is read as Turtle.
EXTENSIONS = {
    ".ttl": "TURTLE", ".nt": "N_TRIPLES", ".nq": "N_QUADS", ".trig": "TRIG", ".n3": "N3",
    ".rdf": "RDF_XML", ".owl": "RDF_XML", ".xml": "RDF_XML", ".jsonld": "JSON_LD", ".json": "JSON_LD",
}  # fmt: skip
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
POSITION = re.compile(r"^Parser error at line \d+ (?:column \d+|between columns \d+ and \d+): ")
# Tokens that may hold brackets without nesting anything: strings, IRIs and comments (Turtle, TriG, N3, SPARQL).
TOKENS = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
    r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\s]*>|#[^\n]*|[(\[{]|[)\]}]'
)


class InputError(Exception):
    """A file or text that cannot be read or parsed: one line, ``file:line:column: message`` (or ``file:line:`` or
    ``file:`` where the place is not known), also kept as ``path``, ``line``, ``column`` and ``message``."""

    def __init__(self, path: Path | str, message: str, line: int | None = None, column: int | None = None) -> None:
        self.path, self.message, self.line, self.column = str(path), message, line, column
        where = "".join(f":{number}" for number in (line, column if line else None) if number)
        super().__init__(f"{self.path}{where}: {message}")


def rdf_format(path: Path) -> str:
    """The pyoxigraph format name for a file, from its extension (Turtle if unknown)."""
    return EXTENSIONS.get(path.suffix.lower(), "TURTLE")


def read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise InputError(path, f"cannot read: {error.strerror or error}") from None


def too_deep(text: str, limit: int = MAX_NESTING) -> int | None:
    """The offset of the first bracket nested deeper than ``limit`` in Turtle-like or SPARQL text (strings, IRIs and
    comments skipped), or None."""
    depth = 0
    for token in TOKENS.finditer(text):
        char = token.group()
        if char in "([{":
            depth += 1
            if depth > limit:
                return token.start()
        elif char in ")]}":
            depth -= 1
    return None


def check_nesting(text: str, name: str) -> None:
    """Refuse Turtle-like or SPARQL text nested deeper than :data:`MAX_NESTING` levels."""
    where = too_deep(text)
    if where is not None:
        line = text.count("\n", 0, where) + 1
        column = where - (text.rfind("\n", 0, where) + 1) + 1
        raise InputError(name, f"brackets nested more than {MAX_NESTING} levels deep", line, column)


def check_text(data: bytes, path: Path | str) -> str:
    """The file (or ``stdin``) as UTF-8 text, or an error at the first byte that is not UTF-8."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        message = f"not UTF-8 text (byte 0x{data[error.start]:02x}): a binary or wrongly encoded file"
        raise InputError(path, message, line, column) from None


def check_json(text: str, path: Path) -> None:
    """JSON syntax (with the decoder's position), nesting depth and remote contexts, which are never fetched."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(path, f"not JSON: {error.msg}", error.lineno, error.colno) from None
    except RecursionError:
        raise InputError(path, f"JSON nested more than {MAX_NESTING} levels deep") from None
    stack: list[tuple[object, int]] = [(document, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_NESTING:
            raise InputError(path, f"JSON nested more than {MAX_NESTING} levels deep")
        if isinstance(node, dict):
            for key, value in node.items():
                for context in value if key in ("@context", "@import") and isinstance(value, list) else [value]:
                    if key in ("@context", "@import") and isinstance(context, str):
                        line = text.count("\n", 0, max(text.find(json.dumps(context)), 0)) + 1
                        message = f"remote JSON-LD context {context!r} is never fetched: put the context inline"
                        raise InputError(path, message + " (a JSON object under @context)", line)
                stack.append((value, depth + 1))
        elif isinstance(node, list):
            stack.extend((item, depth + 1) for item in node)


def check_xml(data: bytes, path: Path) -> None:
    """Well-formed XML (expat's position), without external DTDs or entity declarations, and not nested too deep.
    Expat stops at the first ``<!ENTITY``, before any reference to it could be expanded or any external file read."""
    from xml.parsers import expat

    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    depth = 0

    def refuse(message: str) -> InputError:
        return InputError(path, message, parser.CurrentLineNumber, parser.CurrentColumnNumber + 1)

    def entity(name: str, *args) -> None:
        raise refuse(f"XML entity declaration <!ENTITY {name}> refused: entities are never expanded and external "
                     "files never read")  # fmt: skip

    def doctype(name: str, system_id: str | None, public_id: str | None, internal_subset: bool) -> None:
        if system_id or public_id:
            dtd = system_id or public_id
            raise refuse(f"external DTD {dtd!r} refused: external files are never read")

    def start(name: str, attributes) -> None:
        nonlocal depth
        depth += 1
        if depth > MAX_NESTING:
            raise refuse(f"XML elements nested more than {MAX_NESTING} levels deep")

    def end(name: str) -> None:
        nonlocal depth
        depth -= 1

    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = entity
    parser.UnparsedEntityDeclHandler = entity
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    try:
        parser.Parse(data, True)
    except expat.ExpatError as error:
        raise InputError(path, f"not XML: {expat.ErrorString(error.code)}", error.lineno, error.offset + 1) from None


def quads(path: Path) -> Iterator:
    """The triples of an RDF file as pyoxigraph quads, checked as they are read (:class:`InputError` on the first
    problem, or if the file holds no triple at all). Line-based formats stream from disk; the others are checked
    whole first (encoding, nesting, entities, remote contexts) and then parsed."""
    import pyoxigraph as ox

    fmt = rdf_format(path)
    options = {"format": getattr(ox.RdfFormat, fmt), "base_iri": path.resolve().as_uri(), "rename_blank_nodes": True}
    if fmt in ("N_TRIPLES", "N_QUADS"):  # no nesting; pyoxigraph itself locates bytes that are not UTF-8
        if not path.is_file():
            read_bytes(path)  # the reason, as one line
        source, empty = {"path": str(path)}, path.stat().st_size == 0
    else:
        data = read_bytes(path)
        if fmt == "RDF_XML":
            check_xml(data, path)
        else:
            text = check_text(data, path)
            if fmt == "JSON_LD":
                check_json(text, path)
            else:
                check_nesting(text, str(path))
        source, empty = {"input": data}, not data.strip()
    count = 0
    try:
        for quad in ox.parse(**source, **options):
            count += 1
            yield quad
    except SyntaxError as error:
        position = error.args[1] if len(error.args) > 1 and error.args[1] else (None, None, None)
        message = POSITION.sub("", str(error.args[0]))
        if "LoadDocumentCallback" in message:
            message = "a remote JSON-LD context is never fetched: put the context inline"
        elif "Invalid UTF-8" in message:
            message = f"not UTF-8 text: a binary or wrongly encoded file ({message})"
        raise InputError(path, message, position[1], position[2]) from None
    except OSError as error:
        raise InputError(path, f"cannot read: {error.strerror or error}") from None
    if not count:
        raise InputError(path, "no RDF triples in the file" + (" (it is empty)" if empty else ""))


def parse(path: Path) -> list:
    """All the quads of an RDF file (see :func:`quads`)."""
    return list(quads(path))


def count_triples(paths: list[Path]) -> int:
    """The number of distinct triples in RDF files, read as a stream where the format allows (see :func:`quads`)."""
    return len({(quad.subject, quad.predicate, quad.object) for path in paths for quad in quads(path)})


def read_rdf(path: Path) -> Graph:
    """An RDF file (any format pyoxigraph reads, chosen by extension) as an rdflib Graph; blank nodes are renamed so
    that files never share one. :class:`InputError` names the file, line and column of any problem."""
    import pyoxigraph as ox
    from rdflib import BNode, Graph, Literal, URIRef

    def term(node):
        if isinstance(node, ox.NamedNode):
            return URIRef(node.value)
        if isinstance(node, ox.BlankNode):
            return BNode(node.value)
        if isinstance(node, ox.Literal):
            if node.language:
                return Literal(node.value, lang=node.language)
            datatype = node.datatype.value
            return Literal(node.value) if datatype == XSD_STRING else Literal(node.value, datatype=URIRef(datatype))
        raise InputError(path, "RDF 1.2 triple terms are not supported")

    graph = Graph()
    for quad in parse(path):
        graph.add((term(quad.subject), term(quad.predicate), term(quad.object)))
    return graph
