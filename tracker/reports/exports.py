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
    `name`: the calendar's name, in the same language as `status_label`'s words."""
    import icalendar  # loaded by the first feed only: most workers never serve one

    cal = icalendar.Calendar()
    cal.add("prodid", "-//Bali-NTT Agreement Tracker//tracker//ID")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Asia/Makassar")
    for row in rows:
        event = icalendar.Event()
        event.add("uid", f"{row['document']}/{row['code']}@bali-ntt-tracker")
        event.add("dtstamp", stamp)
        event.add("dtstart", row["due"])
        event.add("dtend", row["due"] + dt.timedelta(days=1))
        event.add("summary", f"[{row['code']}] {row['title']}")
        event.add(
            "description",
            f"{row['document_title']}\n{status_label(row['status'])}, {row['percent']} %",
        )
        event.add("url", f"{base_url}/d/{row['document']}/{row['code']}")
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    return cal.to_ical()
