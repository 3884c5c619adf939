"""The notulen PDF as issued: one verification code per version and language;
and the letters around a Rakor, issued under a new code each time.

A finalized version is frozen, so its PDF is issued once: the first download
(web or command line) renders it with a new code, and the register keeps those
bytes; every later download of that version in that language is the same
file, byte for byte, under the same code, so its SHA-256 on the /v page is
always the file people hold. The DOCX and Markdown are not issued documents.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from tracker import i18n
from tracker.i18n import N_
from tracker.minutes.finalize import version
from tracker.minutes.outputs import record_for
from tracker.minutes.pdf import letter_html, minutes_html
from tracker.pdf_process import render_pdf_isolated
from tracker.verification import register
from tracker.verification.tables import LETTER, NOTULEN


async def notulen_pdf(
    slug: str,
    found: dict[str, Any],
    lang: str | None,
    base_url: str,
    issued_by: str | None,
    to_pdf: Callable[[str], Awaitable[bytes]],
) -> bytes:
    """The issued PDF of version `found` in `lang` (None: the minutes' own);
    `to_pdf` turns the print HTML into a PDF (a child process on the web)."""
    record = record_for(found, lang)
    doc = register.Issue(
        kind=NOTULEN,
        title=str(record.get("title") or slug),
        subject=slug,
        version=found["version"],
        language=record.get("language") or "id",
        issued_by=issued_by,
    )
    issued = await register.issue_once(
        doc, base_url, lambda stamp: to_pdf(minutes_html(record, stamp))
    )
    return issued.pdf


async def for_mail(slug: str, number: int, lang: str | None, base_url: str) -> bytes:
    """The issued PDF of version `number`, for the mail that announces it: the
    same bytes (and code) as every download of that version in that language."""
    found = await version(slug, number)
    if found is None:
        raise LookupError(f"no version {number} of the minutes {slug}")
    return await notulen_pdf(slug, found, lang, base_url, register.MAIL, render_pdf_isolated)


async def letter_pdf(
    kind: str,
    record: dict[str, Any],
    base_url: str,
    issued_by: str | None,
    to_pdf: Callable[[str], Awaitable[bytes]],
) -> bytes:
    """The invitation or the attendance sheet (`letters.KINDS`), issued: a new
    code at every download, since a letter follows the meeting as it stands
    (its date, place or agenda may still change), like a status report."""
    names = {"undangan": N_("Letter of invitation"), "daftar-hadir": N_("Attendance list")}
    lang = record.get("language") or "id"
    doc = register.Issue(
        kind=LETTER,
        title=f"{i18n.translator(lang)._(names[kind])}: {record.get('title') or record['id']}",
        subject=record["id"],
        language=lang,
        issued_by=issued_by,
    )
    issued = await register.issue(
        doc, base_url, lambda stamp: to_pdf(letter_html(kind, record, stamp))
    )
    return issued.pdf
