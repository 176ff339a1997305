"""Strict reading of the curation tables: every problem is reported as ``file:row:column: message``."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
#: Crossref's recommended DOI pattern (ASCII digits and letters, ``-._;()/:``): no quotes, markup or spaces, so
#: that ``https://doi.org/{doi}`` is always a valid IRI.
DOI = re.compile(r"^10\.[0-9]{4,9}/[-._;()/:A-Za-z0-9]+$")
#: A decimal number in ASCII digits, at most 9 digits before the point and 6 after (quantities of a review).
NUMBER = re.compile(r"^[+-]?(?:[0-9]{1,9}(?:\.[0-9]{0,6})?|\.[0-9]{1,6})$")
#: A language tag pasted into a text cell: at its end (``MMP-1@en``) or closing a quoted literal (``skin"@en ; ...``).
LANGUAGE_TAG = re.compile(r'"@[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*|@[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*"?$')
INVISIBLE = {"Cc": "control character", "Cf": "format character", "Cs": "lone surrogate", "Co": "private-use character",
             "Cn": "unassigned code point", "Zl": "line separator", "Zp": "paragraph separator"}  # fmt: skip


def squash(text: str) -> str:
    """Text without any whitespace: quotes are compared with the review regardless of line breaks and spacing."""
    return re.sub(r"\s+", "", text)


class CurationError(Exception):
    """A bad cell in a curation table, located by file, row (line number) and column (1-based)."""

    def __init__(self, path: Path | str, row: int, column: int, message: str) -> None:
        self.path, self.row, self.column, self.message = str(path), row, column, message
        super().__init__(f"{self.path}:{row}:{column}: {message}" if row else f"{self.path}: {message}")


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
        """A decimal number cell as its text, or None when empty; ASCII digits and a bounded magnitude only."""
        value = self[column]
        if not value:
            return None
        if not NUMBER.match(value):
            if re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)", value) and not value.isascii():
                raise self.error(column, f"'{value}' in column '{column}' is not written in ASCII digits 0-9")
            if re.fullmatch(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)", value):
                limits = "at most 9 digits before the point and 6 after"
                raise self.error(column, f"'{value}' in column '{column}' is out of range ({limits})")
            raise self.error(column, f"'{value}' in column '{column}' is not a number")
        return value

    def text(self, column: str, value: str | None = None) -> str:
        """A label or title cell (or one ``|``-separated ``value`` of it), refused if it holds a language tag."""
        value = self[column] if value is None else value
        tag = LANGUAGE_TAG.search(value)
        if tag:
            found = tag.group().lstrip('"').rstrip('"')
            message = f"'{value}' holds a language tag ({found}): the column gives the language, write the text alone"
            raise self.error(column, message)
        return value

    def slug(self, column: str) -> str:
        value = self.required(column)
        if not SLUG.match(value):
            raise self.error(column, f"'{value}' is not a valid slug (lower-case letters, digits and hyphens)")
        return value


def read_text(path: Path) -> str:
    """A table's text, strictly UTF-8 (a leading byte-order mark is allowed); unreadable files, bytes that are not
    UTF-8 (a Latin-1 file, a stray 0xFF, an encoded lone surrogate) raise :class:`CurationError` with their place."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise CurationError(path, 0, 0, f"cannot read: {error.strerror or error}") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        start = data.rfind(b"\n", 0, error.start) + 1
        line = data.count(b"\n", 0, error.start) + 1
        column = data.count(b"\t", start, error.start) + 1
        byte = data[error.start]
        reason = error.reason
        if byte == 0xED and data[error.start + 1 : error.start + 2] >= b"\xa0":
            reason = "an encoded lone surrogate U+D800-U+DFFF"
        message = f"not UTF-8: byte 0x{byte:02x} ({reason}); save the file as UTF-8"
        raise CurationError(path, line, column, message) from None


def unprintable(cell: str) -> str | None:
    """A description of the first control, format, private-use, unassigned or surrogate character of a cell, or of a
    line separator or U+FFFD (text decoded wrongly before it was saved); None if there is none. Spaces are allowed."""
    if cell.isprintable() and "\ufffd" not in cell:
        return None
    for char in cell:
        if char == "\ufffd" or (not char.isprintable() and unicodedata.category(char) != "Zs"):
            category = unicodedata.category(char)
            name = unicodedata.name(char, "") or INVISIBLE.get(category, category)
            return f"U+{ord(char):04X} ({name})"
    return None


def read_table(path: Path, columns: list[str]) -> Iterator[Row]:
    """Yield the rows of a TSV file whose header must be exactly ``columns``."""
    text = read_text(path)
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
            bad = unprintable(cell)
            if bad:
                raise CurationError(path, number, index, f"invisible character {bad} in cell")
        yield Row(path, number, header, tuple(cells))
