"""SPARQL on the embedded store that cannot hurt: predeclared prefixes, syntax errors with line, column and token,
updates refused unless asked for, a cap on the rows and a timeout.

pyoxigraph has no query timeout and evaluates most of a query inside one call that Python cannot interrupt, so a
query with a timeout runs in a forked worker process (the loaded store is shared copy-on-write): the worker writes
the solutions in the SPARQL TSV results format (pyoxigraph's serialiser) into a pipe, and the parent reads it until
the end, the row cap or the deadline, whichever comes first, then stops the worker and parses what it kept
(pyoxigraph's parser). A runaway query therefore ends with :class:`QueryTimeout` in the parent, which carries on; a
worker that runs out of memory dies alone. Without fork (Windows) or with ``timeout=None`` the query runs in-process.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Mapping

from .iris import SPARQL_PREFIXES
from .queries import QueryError, Result

#: Defaults of ``exopa query`` and ``exopa sparql`` (``--timeout``, ``--limit``; 0 turns either off).
DEFAULT_TIMEOUT = 60.0
DEFAULT_LIMIT = 10_000

UPDATE_KEYWORD = re.compile(
    r"^(?:\s|#[^\n]*\n)*(?:(?:PREFIX\s+[^\s:]*:\s*<[^>]*>|BASE\s*<[^>]*>)(?:\s|#[^\n]*\n)*)*"
    r"(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b",
    re.IGNORECASE,
)
POSITION = re.compile(r"error at (\d+):(\d+): (.*)", re.DOTALL)


class QueryTimeout(Exception):
    """A query stopped at its deadline; the message says how to raise it."""


class QueryFailed(Exception):
    """A query that failed while running (not a syntax error), or whose worker died."""


def is_update(text: str) -> bool:
    """Whether ``text`` is a SPARQL Update request (its first keyword after the prologue)."""
    return UPDATE_KEYWORD.match(text) is not None


def syntax_message(error: SyntaxError, text: str, source: str = "query") -> str:
    """``source:line:column: syntax error at 'token': expected ...`` from pyoxigraph's message."""
    message = str(error)
    match = POSITION.match(message)
    if match is None:
        return f"{source}: SPARQL syntax error: {' '.join(message.split())[:200]}"
    line, column, expected = int(match[1]), int(match[2]), " ".join(match[3].split())
    lines = text.splitlines() or [""]
    current = lines[line - 1] if line <= len(lines) else ""
    # pyoxigraph reports where its longest match failed: at the offending token, or just after it
    token = re.match(r"[^\s{}()\[\].,;]+|\S", current[column - 1 :])
    if token is None:
        token = re.search(r"([^\s{}()\[\].,;]+|\S)\s*$", current[: column - 1])
    where = f"at '{token[0].strip()}'" if token else "at the end"
    if "Prefix not found" in expected:
        start = lines[line - 1][: column - 1] if line <= len(lines) else ""
        name = re.search(r"([A-Za-z_][\w.-]*)?:?[\w.-]*$", start)
        prefix = (name[1] or "") if name else ""
        return (f"{source}:{line}:{column}: SPARQL syntax error: unknown prefix '{prefix}:' "
                "(declare it with PREFIX; `exopa sparql --prefixes` lists the predeclared ones)")  # fmt: skip
    if len(expected) > 160:
        expected = expected[:157] + "..."
    return f"{source}:{line}:{column}: SPARQL syntax error {where}: {expected}"


def _evaluate(store, text: str, terms: Mapping[str, object] | None, prefixes: Mapping[str, str] | None):
    import pyoxigraph as ox

    substitutions = {ox.Variable(name): term for name, term in (terms or {}).items()}
    solutions = store.query(text, substitutions=substitutions, prefixes=dict(prefixes) if prefixes else None)
    if not isinstance(solutions, ox.QuerySolutions):
        kind = "an ASK" if isinstance(solutions, ox.QueryBoolean) else "a CONSTRUCT or DESCRIBE"
        del solutions  # dropped here: pyoxigraph's results may not be freed by another thread
        raise QueryError(f"only SELECT queries are supported here; this is {kind} query")
    return solutions


def run(
    store, text: str, terms: Mapping[str, object] | None = None, *, limit: int | None = DEFAULT_LIMIT,
    timeout: float | None = DEFAULT_TIMEOUT, prefixes: Mapping[str, str] | None = SPARQL_PREFIXES,
    source: str = "query", worker: str = "process",
) -> Result:  # fmt: skip
    """Run a SELECT query on a pyoxigraph store: at most ``limit`` rows (``Result.truncated`` says whether there were
    more), stopped after ``timeout`` seconds (:class:`QueryTimeout`). A syntax error raises :class:`QueryError`
    with ``source:line:column``.

    ``worker="process"`` runs a query with a timeout in a forked process, which is stopped at the deadline (the fork and
    the pipe cost 18 ms more than in-process for ``uv-bands`` on the release, measured under a load average of 9).
    ``worker="thread"`` runs it in a thread (pyoxigraph releases the GIL while it evaluates) and gives up waiting at the
    deadline, but the thread cannot be stopped: only for a caller that exits right after a :class:`QueryTimeout`, as the
    command line does.
    """
    if is_update(text):
        raise QueryError(f"{source}: this is a SPARQL Update; exopa sparql runs it only with --update")
    if timeout and worker == "thread":
        return _run_in_thread(store, text, terms, limit, timeout, prefixes, source)
    if timeout and hasattr(os, "fork"):
        return _run_forked(store, text, terms, limit, timeout, prefixes, source)
    return _run_here(store, text, terms, limit, prefixes, source)


def _timeout_message(source: str, timeout: float) -> str:
    return (f"{source}: stopped after {timeout:g} s (--timeout {timeout:g}); raise it with --timeout SECONDS, or "
            "--timeout 0 for none")  # fmt: skip


def _run_in_thread(store, text, terms, limit, timeout, prefixes, source) -> Result:
    import threading

    outcome: dict[str, object] = {}

    def work() -> None:
        try:
            outcome["result"] = _run_here(store, text, terms, limit, prefixes, source)
        except QueryError as error:  # handed to the caller's thread, without the frames that hold pyoxigraph's
            outcome["error"] = error.with_traceback(None)  # results, which must be freed in this thread
        except Exception as error:  # e.g. a SERVICE that cannot be reached
            outcome["error"] = QueryFailed(f"{source}: {type(error).__name__}: {error}")

    thread = threading.Thread(target=work, name="exopa-query", daemon=True)
    thread.start()
    thread.join(timeout)
    if thread.is_alive():
        raise QueryTimeout(_timeout_message(source, timeout))
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome["result"]  # type: ignore[return-value]


def _run_here(store, text, terms, limit, prefixes, source) -> Result:
    from itertools import islice

    try:
        solutions = _evaluate(store, text, terms, prefixes)
    except SyntaxError as error:
        raise QueryError(syntax_message(error, text, source)) from None
    columns = [v.value for v in solutions.variables]
    rows = [tuple(s) for s in (islice(solutions, limit + 1) if limit else solutions)]
    truncated = bool(limit) and len(rows) > limit
    return Result(columns, rows[:limit] if truncated else rows, truncated)


def _run_forked(store, text, terms, limit, timeout, prefixes, source) -> Result:
    import select
    import signal

    import pyoxigraph as ox

    data_read, data_write = os.pipe()
    error_read, error_write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the worker: evaluate, write TSV results or an error, never return
        code = 0
        try:
            os.close(data_read)
            os.close(error_read)
            try:
                solutions = _evaluate(store, text, terms, prefixes)
                with os.fdopen(data_write, "wb", buffering=1 << 16) as out:
                    solutions.serialize(out, format=ox.QueryResultsFormat.TSV)
            except SyntaxError as error:
                os.write(error_write, syntax_message(error, text, source).encode("utf-8"))
                code = 2
            except QueryError as error:
                os.write(error_write, str(error).encode("utf-8"))
                code = 2
            except (BrokenPipeError, OSError) as error:  # the parent stopped reading (row cap reached)
                if not isinstance(error, BrokenPipeError) and "Broken pipe" not in str(error):
                    os.write(error_write, f"{source}: {error}".encode())
                    code = 1
            except BaseException as error:
                os.write(error_write, f"{source}: {type(error).__name__}: {error}".encode())
                code = 1
        finally:
            os._exit(code)
    os.close(data_write)
    os.close(error_write)
    chunks: list[bytes] = []
    lines, truncated, deadline = 0, False, time.monotonic() + timeout
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([data_read], [], [], left)[0]:
                os.kill(pid, signal.SIGKILL)
                raise QueryTimeout(_timeout_message(source, timeout))
            chunk = os.read(data_read, 1 << 16)
            if not chunk:
                break
            chunks.append(chunk)
            lines += chunk.count(b"\n")
            if limit and lines > limit + 1:  # the header, limit rows and one more: cut, stop the worker
                truncated = True
                os.kill(pid, signal.SIGKILL)
                break
    finally:
        os.close(data_read)
        _, status = os.waitpid(pid, 0)
        with os.fdopen(error_read, "rb") as errors:
            message = errors.read().decode("utf-8", "replace")
    code = os.waitstatus_to_exitcode(status)
    if not truncated and code != 0:
        if code == 2:
            raise QueryError(message)
        if code < 0:
            raise QueryFailed(f"{source}: the query's worker died ({signal.Signals(-code).name}; out of memory?)")
        raise QueryFailed(message or f"{source}: the query failed (exit status {code})")
    data = b"".join(chunks)
    if truncated:
        data = b"\n".join(data.split(b"\n", limit + 1)[: limit + 1]) + b"\n"
    solutions = ox.parse_query_results(data, format=ox.QueryResultsFormat.TSV)
    columns = [v.value for v in solutions.variables]
    return Result(columns, [tuple(s) for s in solutions], truncated)


def update(store, text: str, prefixes: Mapping[str, str] | None = SPARQL_PREFIXES, source: str = "update") -> None:
    """Apply a SPARQL Update to ``store`` (a private in-memory copy: the release files are never written)."""
    try:
        store.update(text, prefixes=dict(prefixes) if prefixes else None)
    except SyntaxError as error:
        raise QueryError(syntax_message(error, text, source)) from None
