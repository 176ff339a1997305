"""Rendering query results: a table that fits the terminal, CSV, TSV, JSON, Markdown, and the SPARQL results
formats (JSON, XML, CSV, TSV) written by pyoxigraph's serialisers."""

from __future__ import annotations

from .queries import Result, plain
from .terms import display

#: The SPARQL 1.1 results formats, by ``--format`` name, and pyoxigraph's name for each.
SPARQL_FORMATS = {"sparql-json": "JSON", "sparql-xml": "XML", "sparql-csv": "CSV", "sparql-tsv": "TSV"}
FORMATS = ("table", "csv", "tsv", "json", "markdown", *SPARQL_FORMATS)
#: Table width when standard output is not a terminal (a file or a pipe) and $COLUMNS is not set.
PIPE_WIDTH = 160
#: A column whose longest cell is at most this wide is never wrapped (IRIs, CURIEs, numbers, short labels).
SHORT = 32


def render(result: Result, fmt: str = "table", width: int | None = None) -> str:
    """The result in format ``fmt``; IRIs are shown as CURIEs in table and markdown output. ``width`` (tables
    only): default the terminal's width, or $COLUMNS, or :data:`PIPE_WIDTH` when not printing to a terminal."""
    if fmt in SPARQL_FORMATS:
        return sparql_results(result, SPARQL_FORMATS[fmt])
    if fmt == "json":
        import json

        columns = result.columns
        rows = [dict(zip(columns, map(plain, row), strict=True)) for row in result.rows]
        return json.dumps(rows, ensure_ascii=False, indent=2)
    if fmt in ("csv", "tsv"):
        import csv
        import io

        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(result.columns)
        writer.writerows([[display(v, curie=False) for v in row] for row in result.rows])
        return buffer.getvalue().rstrip("\n")
    cells = [[display(v) for v in row] for row in result.rows]
    if fmt == "markdown":

        def escape(text: str) -> str:
            return text.replace("|", "\\|").replace("\n", " ")

        lines = ["| " + " | ".join(result.columns) + " |", "|" + "---|" * len(result.columns)]
        lines += ["| " + " | ".join(escape(c) for c in row) + " |" for row in cells]
        return "\n".join(lines)
    if fmt != "table":
        raise ValueError(f"unknown format {fmt!r}")
    return table(result.columns, cells, width or terminal_width())


def terminal_width() -> int:
    """The width of the terminal on standard output; $COLUMNS, or :data:`PIPE_WIDTH`, when it is not one."""
    import os
    import sys

    if "COLUMNS" in os.environ and os.environ["COLUMNS"].isdigit():
        return int(os.environ["COLUMNS"])
    try:
        if sys.stdout.isatty():
            return os.get_terminal_size(sys.stdout.fileno()).columns
    except (OSError, ValueError):
        pass
    return PIPE_WIDTH


def table(columns: list[str], cells: list[list[str]], width: int) -> str:
    """A rich table at most ``width`` characters wide: short columns (IRIs, CURIEs, numbers, short labels) keep their
    width, long text columns share the rest and wrap at word boundaries (anywhere in text without spaces, such as
    Chinese). When even that cannot fit, each row is printed as a block of ``column  value`` lines."""
    from rich.cells import cell_len
    from rich.console import Console
    from rich.table import Table

    widths = [max([cell_len(c), *(cell_len(row[i]) for row in cells)]) for i, c in enumerate(columns)]
    frame = 3 * len(columns) + 1
    is_long = [w > SHORT for w in widths]
    console = Console(width=width, force_terminal=False, color_system=None, highlight=False, soft_wrap=False)
    if sum(widths) + frame <= width:
        grid = Table(header_style="bold")
        for name in columns:
            grid.add_column(name, no_wrap=True)
    elif sum(w for w, long in zip(widths, is_long, strict=True) if not long) + 20 * sum(is_long) + frame <= width:
        grid = Table(header_style="bold")
        for name, longest, long in zip(columns, widths, is_long, strict=True):
            if long:
                grid.add_column(name, overflow="fold", ratio=1, min_width=20)
            else:
                grid.add_column(name, no_wrap=True, min_width=longest)
    else:
        return records(columns, cells, console)
    for row in cells:
        grid.add_row(*row)
    with console.capture() as captured:
        console.print(grid)
        console.print(f"{len(cells)} row(s)")
    return "\n".join(line.rstrip() for line in captured.get().rstrip("\n").splitlines())


def records(columns: list[str], cells: list[list[str]], console) -> str:
    """Rows too wide for the terminal as blocks of ``column  value`` lines, values wrapped to the width."""
    from rich.rule import Rule
    from rich.table import Table

    with console.capture() as captured:
        for number, row in enumerate(cells, 1):
            console.print(Rule(f"row {number}", align="left", characters="─"))
            block = Table.grid(padding=(0, 2))
            block.add_column(no_wrap=True, style="bold")
            block.add_column(overflow="fold")
            for name, value in zip(columns, row, strict=True):
                block.add_row(name, value)
            console.print(block)
        console.print(f"{len(cells)} row(s)")
    return "\n".join(line.rstrip() for line in captured.get().rstrip("\n").splitlines())


def sparql_results(result: Result, name: str) -> str:
    """The result in a SPARQL 1.1 results format, written by pyoxigraph (the rows go through its TSV parser)."""
    import pyoxigraph as ox

    variables = "\t".join(f"?{c}" for c in result.columns)
    lines = [variables, *("\t".join("" if t is None else str(t) for t in row) for row in result.rows)]
    solutions = ox.parse_query_results("\n".join(lines) + "\n", format=ox.QueryResultsFormat.TSV)
    return solutions.serialize(format=getattr(ox.QueryResultsFormat, name)).decode("utf-8").rstrip("\n")
