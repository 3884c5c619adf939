"""The printed notulen: the minutes record as an A4 PDF, ready to sign.

The record becomes HTML through `templates/minutes_print.html` (autoescaped:
every string in the record is user text) and then a PDF through
`tracker.pdf.render_pdf`, which may read only `static/` (the stylesheet).
All wording comes from `tracker.minutes.labels`, so the PDF says exactly what
the DOCX and the Markdown file say. An issued PDF also carries its
verification stamp (`tracker.verification`) at the foot of every page.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import Environment, FileSystemLoader, select_autoescape

from tracker.minutes import labels as L

if TYPE_CHECKING:
    from tracker.verification.stamp import Stamp

# The same folder as `tracker.web.ui.TEMPLATES_DIR`, without importing the web layer.
TEMPLATES_DIR = Path(__file__).resolve().parents[2] / "templates"
TEMPLATE = "minutes_print.html"


@cache
def environment() -> Environment:
    """One Jinja environment per process; templates are read once, like the web's."""
    return Environment(
        loader=FileSystemLoader(TEMPLATES_DIR),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )


def context(record: Mapping[str, Any], stamp: Stamp | None = None) -> dict[str, Any]:
    """Everything the template shows, already worded and formatted."""
    lang = L.language(record)
    return {
        "lang": lang,
        "t": lambda key, **values: L.label(key, lang, **values),
        "section": lambda name: L.section_title(name, lang),
        "kop": [line for line in map(L.one_line, record.get("kop") or []) if line],
        "title": L.one_line(record.get("title")),
        "header_rows": L.header_rows(record),
        "opening": L.paragraphs(record.get("opening")),
        "items": L.agenda_items(record),
        "decisions": [L.decision_line(d, lang) for d in L.decisions(record)],
        "follow_ups": L.follow_up_rows(record),
        "closing": L.paragraphs(record.get("closing")),
        "next_meeting": L.next_meeting(record),
        "signatures": L.signatures(record),
        "annex_of": L.day_and_place(record),
        "attendees": L.attendance_rows(record),
        "footer": L.footer_line(record),
        "stamp": stamp,
    }


def minutes_html(record: Mapping[str, Any], stamp: Stamp | None = None) -> str:
    """The print HTML (separate from the PDF step so it can be checked on its own)."""
    return environment().get_template(TEMPLATE).render(context(record, stamp))


def minutes_pdf(record: Mapping[str, Any], stamp: Stamp | None = None) -> bytes:
    """The notulen as a PDF: kop, header table, sections I–V, signatures, attendance annex."""
    from tracker.pdf import render_pdf  # WeasyPrint only where a PDF is made

    return render_pdf(minutes_html(record, stamp))
