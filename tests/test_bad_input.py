"""Issue 15: every command meets bad input with one located line and exit status 1 or 2, never a traceback, and
never touches the release files. The fixtures are in tests/fixtures/hostile (RDF and SPARQL files) and
tests/fixtures/build/broken, broken-sssom (curation tables and mapping sets)."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT, run_exopa
from test_build import BROKEN, BROKEN_SSSOM, MINIMAL, source_tree

from exopa.cli import main, parser
from exopa.rdf_input import MAX_NESTING, read_rdf, too_deep
from exopa.validation import InputError

HOSTILE = FIXTURES / "hostile"
RELEASE = ROOT / "ontology" / "release"
NOWHERE = "http://127.0.0.1:9/store"  # nothing listens there: a file must be refused before any connection
#: Commands that read no file given by the user, and why the walk leaves them out.
NO_INPUT_FILE = {
    "stats": "counts the installed release",
    "serve": "serves the installed release",
    "docs": "writes docs/ from the source checkout",
    "site": "writes the site from the installed release",
}
# fixture -> what its one-line message must say, after "file:line:column: " (or "file: " where there is no line)
MESSAGES = {
    "billion-laughs.rdf": (3, "XML entity declaration <!ENTITY lol0> refused"),
    "binary.nt": (1, "not UTF-8 text: a binary or wrongly encoded file (Invalid UTF-8"),
    "binary.ttl": (1, "not UTF-8 text (byte 0xfc)"),
    "deep.jsonld": (None, f"JSON nested more than {MAX_NESTING} levels deep"),
    "deep.rdf": (4, f"XML elements nested more than {MAX_NESTING} levels deep"),
    "deep.rq": (2, f"brackets nested more than {MAX_NESTING} levels deep"),
    "deep.ttl": (3, f"brackets nested more than {MAX_NESTING} levels deep"),
    "empty.nt": (None, "no RDF triples in the file (it is empty)"),
    "empty.rq": (None, "no RDF triples in the file (it is empty)"),
    "empty.ttl": (None, "no RDF triples in the file (it is empty)"),
    "external-dtd.rdf": (2, "external DTD 'file:///etc/passwd' refused"),
    "latin1.ttl": (5, "not UTF-8 text (byte 0xe9)"),
    "malformed.jsonld": (3, "not JSON: Expecting ',' delimiter"),
    "malformed.rdf": (4, "not XML: mismatched tag"),
    "malformed.rq": (2, "SELECT is not a valid subject or graph name"),
    "malformed.ttl": (5, ". is not a valid RDF object"),
    "remote-context.jsonld": (2, "remote JSON-LD context 'https://schema.org/' is never fetched"),
    "truncated.jsonld": (3, "not JSON: Unterminated string"),
    "truncated.nt": (2, "Unexpected end of file"),
    "truncated.owl": (6, "not XML: unclosed token"),
    "truncated.ttl": (5, "Unexpected end of file"),
    "xxe.rdf": (2, "XML entity declaration <!ENTITY secret> refused"),
}


def checksums(folder: Path) -> dict[str, str]:
    return {path.name: hashlib.sha256(path.read_bytes()).hexdigest() for path in sorted(folder.iterdir())}


def test_every_hostile_fixture_has_its_message() -> None:
    assert sorted(p.name for p in HOSTILE.iterdir() if p.name != "README.md") == sorted(MESSAGES)


@pytest.mark.parametrize("name", sorted(MESSAGES))
def test_reading_a_hostile_file_gives_its_located_message(name: str) -> None:
    line, message = MESSAGES[name]
    with pytest.raises(InputError) as raised:
        read_rdf(HOSTILE / name)
    text = str(raised.value)
    where = f"{HOSTILE / name}:{line}:" if line else f"{HOSTILE / name}: "
    assert text.startswith(where) and message in text and "\n" not in text, text


def invocations(path: Path) -> list[list[str]]:
    """Every command that reads a user's file, given ``path``."""
    return [
        ["validate", str(path)],
        ["diff", str(RELEASE / "exopa.nt"), str(path)],
        ["load", str(path), "--endpoint", NOWHERE],
        ["sparql", str(path)],
        ["query", str(path)],
    ]


def test_every_command_is_walked_or_reads_no_file() -> None:
    commands = set(parser()._subparsers._group_actions[0].choices)  # the subcommands argparse knows
    walked = {args[0] for args in invocations(Path("x"))} | {"build"}
    assert commands == walked | set(NO_INPUT_FILE)
    assert walked.isdisjoint(NO_INPUT_FILE)


def test_every_command_on_every_hostile_file(tmp_path: Path, capsys) -> None:
    """No traceback, exit status 1 or 2, one line on stderr naming the file, nothing printed, release unchanged."""
    before = checksums(RELEASE)
    directory = tmp_path / "directory.ttl"
    directory.mkdir()
    paths = sorted(HOSTILE.iterdir()) + [directory]
    failures = []
    for path in paths:
        if path.name == "README.md":
            continue
        for args in invocations(path):
            status = main(args)  # an exception escaping main() would be a traceback: the test fails with it
            out, err = capsys.readouterr()
            if status not in (1, 2) or str(path) not in err or "Traceback" in err or out or err.count("\n") != 1:
                failures.append((args, status, err, out[:200]))
    assert failures == []
    assert checksums(RELEASE) == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["sparql", "deep.rq"], "deep.rq:2:999: brackets nested more than"),
        (["validate", "deep.jsonld"], "deep.jsonld: JSON nested more than"),
        (["diff", "billion-laughs.rdf", "xxe.rdf"], "billion-laughs.rdf:3:15: XML entity declaration"),
        (["load", "truncated.nt", "--endpoint", NOWHERE], "truncated.nt:2:36: Unexpected end of file"),
    ],
)
def test_the_installed_command_neither_crashes_nor_prints_a_traceback(args: list[str], message: str) -> None:
    """The same as the walk, through the real console script: deep nesting used to crash pyoxigraph's parsers with
    a segmentation fault, which no in-process test can survive."""
    done = run_exopa(*args, cwd=HOSTILE)
    assert done.returncode == 2, done.stderr
    assert message in done.stderr and "Traceback" not in done.stderr and done.stdout == ""


@pytest.mark.parametrize(
    ("args", "status", "message"),
    [
        (["query", "uv-bands", "--limit", "-1"], 2, "argument --limit: must be from 0 to 1e+09, not -1"),
        (["query", "uv-bands", "--timeout", "nan"], 2, "argument --timeout: must be from 0 to 1e+09, not nan"),
        (["query", "uv-bands", "--timeout", "1e300"], 2, "argument --timeout: must be from 0 to 1e+09, not 1e300"),
        (["sparql", "SELECT * WHERE {}", "--timeout", "soon"], 2, "argument --timeout: not a number: 'soon'"),
        (["sparql", "SELECT * WHERE {}", "--endpoint", "localhost:7878"], 2,
         "argument --endpoint: not an http:// or https:// URL: 'localhost:7878'"),
        (["load", "--endpoint", "ftp://127.0.0.1/store"], 2,
         "argument --endpoint: not an http:// or https:// URL: 'ftp://127.0.0.1/store'"),
        (["serve", "--port", "99999"], 2, "argument --port: not a TCP port (0-65535): '99999'"),
        (["serve", "--bind", "256.1.1.1", "--port", "0"], 2, "exopa serve: cannot listen on 256.1.1.1:0: "),
        (["sparql", "CONSTRUCT WHERE { ?s ?p ?o }"], 2,
         "only SELECT queries are supported here; this is a CONSTRUCT or DESCRIBE query"),
        (["sparql", "ASK { ?s ?p ?o }"], 2, "only SELECT queries are supported here; this is an ASK query"),
        (["sparql", "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"], 1,
         "exopa: query: OSError: "),
        (["sparql", "LOAD <file:///etc/passwd>", "--update"], 1,
         "exopa sparql: query: the update failed: invalid format (the release files are unchanged)"),
    ],
)  # fmt: skip
def test_bad_options_and_unsupported_queries_are_one_line(args: list[str], status: int, message: str) -> None:
    """Options out of range, endpoints that are not http(s) URLs, an address that cannot be listened on, query forms
    the embedded store does not print, a SERVICE or a LOAD that fails: one line, no traceback (these used to end in
    an OverflowError, a ValueError from urllib, or a RuntimeError of pyoxigraph's results freed by another thread)."""
    done = run_exopa(*args)
    assert done.returncode == status, done.stderr
    last = done.stderr.strip().splitlines()[-1]
    assert message in last and "Traceback" not in done.stderr and "RuntimeError" not in done.stderr


def test_sparql_syntax_errors_in_a_file_name_the_file_line_and_column(capsys) -> None:
    assert main(["sparql", str(HOSTILE / "malformed.rq")]) == 2
    expected = f"exopa: {HOSTILE / 'malformed.rq'}:2:20: SPARQL syntax error at '{{': expected WHERE\n"
    assert capsys.readouterr().err == expected


def test_a_remote_context_is_never_fetched(monkeypatch) -> None:
    """Neither exopa nor the parsers open a connection for a JSON-LD @context."""
    import socket

    def refuse(*args, **kwargs):
        raise AssertionError("a network connection was attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    with pytest.raises(InputError, match="is never fetched"):
        read_rdf(HOSTILE / "remote-context.jsonld")


def test_pyoxigraph_itself_has_no_loader_for_remote_contexts() -> None:
    """Behind exopa's own check, the parser (Rust, out of reach of Python's sockets) refuses rather than fetches."""
    import pyoxigraph as ox

    document = b'{"@context": "http://127.0.0.1:9/context.jsonld", "@id": "http://example.org/a", "name": "x"}'
    with pytest.raises(SyntaxError, match="LoadDocumentCallback"):
        list(ox.parse(document, format=ox.RdfFormat.JSON_LD))


@pytest.mark.parametrize("name", ["xxe.rdf", "external-dtd.rdf", "billion-laughs.rdf"])
def test_xml_entities_are_neither_expanded_nor_read(name: str) -> None:
    with pytest.raises(InputError) as raised:
        read_rdf(HOSTILE / name)
    assert "root:" not in str(raised.value) and "lollol" not in str(raised.value)
    assert "refused" in raised.value.message and raised.value.line is not None


def test_nesting_guard_skips_brackets_in_strings_iris_and_comments() -> None:
    text = 'SELECT * WHERE { ?s ?p "((((" . ?s ?q <http://e/a(b> # (((\n }'
    assert too_deep(text, limit=1) is None
    assert too_deep("{ { } }", limit=1) == 2


def build_cases() -> list[tuple[str, Path, str]]:
    """(id, fixture, the table it replaces) for every broken table and mapping set."""
    cases = [(f.name, f, f.name.split("--")[0] + ".tsv") for f in sorted(BROKEN.glob("*.tsv"))]
    cases += [(f.name, f, "exopa.sssom.tsv") for f in sorted(BROKEN_SSSOM.iterdir())]
    return cases


@pytest.fixture(scope="module")
def built_minimal(tmp_path_factory) -> Path:
    root = source_tree(tmp_path_factory.mktemp("minimal"), MINIMAL)
    assert main(["build", "--root", str(root)]) == 0
    return root


def test_build_on_every_broken_table(built_minimal: Path, tmp_path: Path, capsys) -> None:
    """A failed build names the table (file:row:column) on stderr, exits 1 and leaves the release as it was."""
    failures = []
    for case, fixture, table in build_cases():
        root = tmp_path / case
        shutil.copytree(built_minimal, root)
        folder = "mappings" if table.endswith(".sssom.tsv") else "curation"
        target = root / "ontology" / folder / table
        shutil.copy(fixture, target)
        before = checksums(root / "ontology" / "release")
        capsys.readouterr()
        status = main(["build", "--root", str(root)])
        out, err = capsys.readouterr()
        if status != 1 or f"{target}:" not in err or "Traceback" in err or out:
            failures.append((case, status, err[:300]))
        if checksums(root / "ontology" / "release") != before:
            failures.append((case, "release changed"))
    assert failures == []


def test_build_into_a_path_that_is_a_file_is_one_line(built_minimal: Path, tmp_path: Path, capsys) -> None:
    blocker = tmp_path / "release"
    blocker.write_text("not a folder\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["build", "--root", str(built_minimal), "--out", str(blocker / "sub")]) == 1
    err = capsys.readouterr().err
    assert str(blocker) in err and err.count("\n") == 1 and "Traceback" not in err


@pytest.mark.parametrize(
    ("relative", "context"),
    [
        ("ontology/exopa.ttl", "cannot parse the TBox"),
        ("ontology/imports/external.ttl", "cannot parse the import module"),
    ],
)
def test_a_broken_turtle_source_is_one_located_line(
    built_minimal: Path, tmp_path: Path, capsys, relative: str, context: str
) -> None:
    root = tmp_path / "tree"
    shutil.copytree(built_minimal, root)
    target = root / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("@prefix owl: <http://www.w3.org/2002/07/owl#> .\n<https://w3id.org/exopa/X> a owl:Class ;\n"
                      "    owl:disjointWith ( .\n", encoding="utf-8")  # fmt: skip
    before = checksums(root / "ontology" / "release")
    capsys.readouterr()
    assert main(["build", "--root", str(root)]) == 1
    first, summary = capsys.readouterr().err.splitlines()
    assert first.startswith(f"{target}:3:") and f": {context}: " in first
    assert summary == "exopa build: 1 error(s); release files left unchanged"
    assert checksums(root / "ontology" / "release") == before
