"""The filtered status table as CSV and XLSX, and a party's deadlines as iCalendar.

Rows are `service.action_row` dicts; labels come translated from the caller.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from typing import Any

from tracker import spreadsheets
from tracker.i18n import WITA

COLUMNS = (
    "document",
    "action",
    "title",
    "commitment",
    "owner",
    "with",
    "due",
    "status",
    "percent",
    "late",
    "stale",
    "last_update",
    "target",
    "parts_done",
    "parts_total",
    "holding",
)


def _cells(row: dict[str, Any], status_label: Callable[[str], str], yes: str) -> list[Any]:
    updated = row["updated_at"]
    return [
        row["document"],
        f"{row['document']}/{row['code']}",
        row["title"],
        row["commitment"],
        ", ".join(row["owner"]),
        ", ".join(row["with"]),
        row["due"],
        status_label(row["status"]),
        row["percent"],
        yes if row["late"] else "",
        yes if row["stale"] else "",
        updated.astimezone(WITA).replace(tzinfo=None) if updated else None,
        row["target"] or "",
        # two numbers, not "3/9", which a spreadsheet would read as a date
        row["parts_done"] if row["parts_total"] else None,
        row["parts_total"] or None,
        "; ".join(row["holding"]),
    ]


def to_csv(rows: list[dict[str, Any]], headers: list[str], status_label, yes: str) -> bytes:
    """UTF-8 with a byte-order mark, so Excel shows Indonesian names right."""
    out = io.StringIO()
    writer = spreadsheets.writer(out)
    writer.writerow(headers)
    for row in rows:
        cells = _cells(row, status_label, yes)
        writer.writerow(
            [
                c.isoformat(sep=" ", timespec="minutes") if isinstance(c, dt.datetime) else c
                for c in cells
            ]
        )
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def to_xlsx(
    rows: list[dict[str, Any]], headers: list[str], status_label, yes: str, title: str
) -> bytes:
    """One sheet, dates as dates, percent as numbers: ready to sort and filter."""
    from openpyxl import Workbook  # imported on first export: most workers never need it

    book = Workbook(write_only=True)
    sheet = book.create_sheet(title=title[:31] or "status")
    sheet.append(spreadsheets.xlsx_row(sheet, headers))
    for row in rows:
        sheet.append(spreadsheets.xlsx_row(sheet, _cells(row, status_label, yes)))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def to_ical(
    name: str,
    rows: list[dict[str, Any]],
    base_url: str,
    status_label,
    stamp: dt.datetime,
) -> bytes:
    """One all-day event per deadline; the UID stays the same as the action's due moves.
    `name`: the calendar's name, in the same language as `status_label`'s words.

    Written line by line (RFC 5545: escaped text, lines folded at 75 octets)
    rather than through `icalendar`'s objects, which took 5 s for the 16,000
    deadlines of one party on dataset L; `icalendar` reads it back in the tests."""
    now = stamp.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "PRODID:-//Bali-NTT Agreement Tracker//tracker//ID",
        "VERSION:2.0",
        f"X-WR-CALNAME:{_ical_text(name)}",
        "X-WR-TIMEZONE:Asia/Makassar",
    ]
    for row in rows:
        due, code, slug = row["due"], row["code"], row["document"]
        summary = _ical_text(f"[{code}] {row['title']}")
        lines += [
            "BEGIN:VEVENT",
            f"SUMMARY:{summary}",
            f"DTSTART;VALUE=DATE:{due:%Y%m%d}",
            f"DTEND;VALUE=DATE:{due + dt.timedelta(days=1):%Y%m%d}",
            f"DTSTAMP:{now}",
            f"UID:{slug}/{code}@bali-ntt-tracker",
            "DESCRIPTION:"
            + _ical_text(
                f"{row['document_title']}\n{status_label(row['status'])}, {row['percent']} %"
            ),
            "TRANSP:TRANSPARENT",
            f"URL:{base_url}/d/{slug}/{code}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(_folded(line) + "\r\n" for line in lines).encode("utf-8")


def _ical_text(value: str) -> str:
    """A TEXT value: backslash, semicolon, comma and line breaks escaped."""
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def _folded(line: str) -> str:
    """A content line cut into lines of at most 75 octets, each continued with
    CRLF and a space, never inside a UTF-8 character."""
    if len(line.encode("utf-8")) <= 75:
        return line
    parts, current, size = [], [], 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > (75 if not parts else 74):
            parts.append("".join(current))
            current, size = [], 0
        current.append(char)
        size += width
    parts.append("".join(current))
    return "\r\n ".join(parts)
