"""Rendering query results as a terminal table, CSV, TSV, JSON or Markdown."""

from __future__ import annotations

import csv
import io
import json

from .queries import Result, plain
from .terms import display

FORMATS = ("table", "csv", "tsv", "json", "markdown")


def render(result: Result, fmt: str = "table") -> str:
    """The result in format ``fmt``; IRIs are shown as CURIEs in table and markdown output."""
    if fmt == "json":
        rows = [{c: plain(v) for c, v in zip(result.columns, row, strict=True)} for row in result.rows]
        return json.dumps(rows, ensure_ascii=False, indent=2)
    if fmt in ("csv", "tsv"):
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
    from rich.console import Console
    from rich.table import Table

    table = Table(*result.columns, show_lines=False, header_style="bold")
    for row in cells:
        table.add_row(*row)
    console = Console(record=True, width=200, force_terminal=False, color_system=None)
    with console.capture() as captured:
        console.print(table)
        console.print(f"{len(result.rows)} row(s)")
    return captured.get().rstrip("\n")
