"""Strict reading of the curation tables: every problem is reported as ``file:row:column: message``."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DOI = re.compile(r"^10\.\d{4,9}/\S+$")


class CurationError(Exception):
    """A bad cell in a curation table, located by file, row (line number) and column (1-based)."""

    def __init__(self, path: Path | str, row: int, column: int, message: str) -> None:
        self.path, self.row, self.column, self.message = str(path), row, column, message
        super().__init__(f"{self.path}:{row}:{column}: {message}")


@dataclass(frozen=True)
class Row:
    """One data row of a table, remembering where each cell came from."""

    path: Path
    line: int
    header: tuple[str, ...]
    cells: tuple[str, ...]

    def __getitem__(self, column: str) -> str:
        return self.cells[self.header.index(column)]

    def error(self, column: str, message: str) -> CurationError:
        return CurationError(self.path, self.line, self.header.index(column) + 1, message)

    def required(self, column: str) -> str:
        value = self[column]
        if not value:
            raise self.error(column, f"missing required value in column '{column}'")
        return value

    def items(self, column: str) -> list[str]:
        """The ``|``-separated values of a cell, without empty ones."""
        return [item.strip() for item in self[column].split("|") if item.strip()]

    def number(self, column: str) -> str | None:
        """A decimal number cell as its canonical text, or None when empty."""
        value = self[column]
        if not value:
            return None
        if not re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)", value):
            raise self.error(column, f"'{value}' in column '{column}' is not a number")
        return value

    def slug(self, column: str) -> str:
        value = self.required(column)
        if not SLUG.match(value):
            raise self.error(column, f"'{value}' is not a valid slug (lower-case letters, digits and hyphens)")
        return value


def read_table(path: Path, columns: list[str]) -> Iterator[Row]:
    """Yield the rows of a TSV file whose header must be exactly ``columns``."""
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if not lines:
        raise CurationError(path, 1, 1, "empty table: a header row is required")
    header = tuple(lines[0].rstrip("\r").split("\t"))
    if list(header) != columns:
        raise CurationError(path, 1, 1, f"header must be: {' | '.join(columns)}; found: {' | '.join(header)}")
    for number, raw in enumerate(lines[1:], start=2):
        line = raw.rstrip("\r")
        if not line.strip():
            continue
        cells = line.split("\t")
        if len(cells) != len(columns):
            column = min(len(cells), len(columns)) + 1 if len(cells) < len(columns) else len(columns) + 1
            raise CurationError(
                path, number, column, f"expected {len(columns)} tab-separated cells, found {len(cells)}"
            )
        for index, cell in enumerate(cells, start=1):
            if cell != cell.strip():
                raise CurationError(path, number, index, "leading or trailing whitespace in cell")
        yield Row(path, number, header, tuple(cells))
