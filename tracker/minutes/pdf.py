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

from tracker import i18n
from tracker.minutes import labels as L
from tracker.minutes import letters

if TYPE_CHECKING:
    from tracker.verification.stamp import Stamp

# The same folder as `tracker.web.ui.TEMPLATES_DIR`, without importing the web layer.
TEMPLATES_DIR = Path(__file__).resolve().parents[2] / "templates"
TEMPLATE = "minutes_print.html"


@cache
def environment() -> Environment:
    """One Jinja environment per process; templates are read once, like the web's."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATES_DIR),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )
    return i18n.install(env)


def context(record: Mapping[str, Any], stamp: Stamp | None = None) -> dict[str, Any]:
    """Everything the template shows, already worded and formatted."""
    lang = L.language(record)
    return {
        **_paper(record),
        "section": lambda name: L.section_title(name, lang),
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


def _paper(record: Mapping[str, Any]) -> dict[str, Any]:
    """What every printed paper of a meeting shares: language, labels, kop, title."""
    lang = L.language(record)
    return {
        "lang": lang,
        "kop": [line for line in map(L.one_line, record.get("kop") or []) if line],
        "title": L.one_line(record.get("title")),
    }


def invitation_html(record: Mapping[str, Any], stamp: Stamp | None = None) -> str:
    """The letter of invitation's print HTML, from a `letters.letter_record`."""
    return (
        environment()
        .get_template("letter_print.html")
        .render(
            _paper(record),
            stamp=stamp,
            dateline=letters.dateline(record),
            letter_rows=letters.letter_rows(record),
            addressees=letters.addressees(record),
            addressing=letters.addressing(record),
            intro=letters.intro(record),
            event_rows=letters.event_rows(record),
            agenda=letters.agenda(record),
            signer=letters.signer_block(record),
        )
    )


def attendance_html(record: Mapping[str, Any], stamp: Stamp | None = None) -> str:
    """The attendance sheet's print HTML, from a `letters.letter_record`."""
    return (
        environment()
        .get_template("attendance_print.html")
        .render(
            _paper(record),
            stamp=stamp,
            meta=letters.sheet_meta(record),
            rows=letters.sheet_rows(record),
            footer=letters.sheet_footer(record),
        )
    )


LETTERS = {"undangan": invitation_html, "daftar-hadir": attendance_html}


def letter_html(kind: str, record: Mapping[str, Any], stamp: Stamp | None = None) -> str:
    """The print HTML of one of `letters.KINDS`."""
    return LETTERS[kind](record, stamp)


def minutes_pdf(record: Mapping[str, Any], stamp: Stamp | None = None) -> bytes:
    """The notulen as a PDF: kop, header table, sections I–V, signatures, attendance annex."""
    from tracker.pdf import render_pdf  # WeasyPrint only where a PDF is made

    return render_pdf(minutes_html(record, stamp))


def letter_pdf(kind: str, record: Mapping[str, Any], stamp: Stamp | None = None) -> bytes:
    """The invitation or the attendance sheet as a PDF, in this process."""
    from tracker.pdf import render_pdf

    return render_pdf(letter_html(kind, record, stamp))
