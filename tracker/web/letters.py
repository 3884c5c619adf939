"""The letters around a Rakor: the invitation's page and downloads, the
attendance sheet, and the scans of signed notulen.

Thin handlers over `tracker.minutes.letters` (the words), `.pdf`/`.docx` (the
files) and `.signed` (the scans). Who sees what follows the meeting page: a
draft never finalized exists only for notulis and admins; minutes finalized
once are read by everyone logged in. Only notulis and admins fill in the
letter or attach a scan.
"""

from __future__ import annotations

from typing import Any

import anyio
from litestar import Request, Response, Router, get, post
from litestar.datastructures import UploadFile
from litestar.exceptions import NotFoundException
from litestar.params import FromPath
from litestar.response import Redirect, Template

from tracker import i18n
from tracker.i18n import N_
from tracker.minutes import finalize, issued, letters, meetings, signed
from tracker.minutes.meetings import MeetingError
from tracker.pdf_process import render_pdf_isolated
from tracker.progress.updates import MAX_FILE_BYTES
from tracker.web.auth import client_address, current_user
from tracker.web.meetings import (
    EDIT,
    MAX_FORM,
    _meeting_error,
    _meeting_or_404,
    _pending,
    minutes_page,
)
from tracker.web.progress import file_response
from tracker.web.status import within_pdf_limit
from tracker.web.ui import language, page, public_base, redirect_with_flash

MEDIA = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
DOCX = {"undangan": "invitation_docx", "daftar-hadir": "attendance_docx"}  # in minutes.docx
# A little over the file limit, so a file just too big gets our message, not a 413.
MAX_UPLOAD = MAX_FILE_BYTES + 1024 * 1024


async def _draft(request: Request, slug: str) -> dict[str, Any]:
    meeting = await _meeting_or_404(request, slug)
    if meeting["state"] != "draft":
        raise MeetingError(N_("These minutes are final; open a correction to change them."))
    return meeting


def _letter_page(
    request: Request,
    meeting: dict[str, Any],
    pending: dict[str, dict[str, Any]] | None = None,
    status_code: int = 200,
) -> Template:
    lang = language(request)
    pending = pending or {}
    return page(
        request,
        "rakor_letter.html",
        status_code=status_code,
        m=meeting,
        pending=pending,
        errors={key: p["error"] for key, p in pending.items() if p.get("error")},
        conflicts=sum(1 for p in pending.values() if p.get("theirs") is not None),
        natures=[(k, i18n.translator(lang)._(letters.NATURES[k])) for k in meetings.NATURES],
    )


@get("/rakor/{slug:str}/surat", name="meeting_letter", guards=[EDIT])
async def meeting_letter(request: Request, slug: FromPath[str]) -> Template:
    """The invitation's own fields (number, sifat, subject, signer...) and its downloads."""
    return _letter_page(request, await _draft(request, slug))


@post(
    "/rakor/{slug:str}/surat",
    name="meeting_letter_save",
    guards=[EDIT],
    request_max_body_size=MAX_FORM,
)
async def meeting_letter_save(request: Request, slug: FromPath[str]) -> Response:
    """Save the letter's fields like every field of the meeting: a refused value
    keeps what was typed (422), someone else's change is shown, not overwritten (409)."""
    meeting = await _draft(request, slug)
    data = await request.form()
    edits = [
        e
        for e in meetings.field_edits(data)
        if e.kind == "meeting" and e.row_id == meeting["id"] and e.name in meetings.LETTER_FIELDS
    ]
    errors, conflicts = await meetings.save_fields(slug, edits)
    if errors or conflicts:
        pending = _pending(edits, errors, conflicts)
        return _letter_page(request, meeting, pending, 422 if errors else 409)
    return redirect_with_flash(f"/rakor/{slug}/surat", N_("The invitation's details are saved."))


@get("/rakor/{slug:str}/surat/{filename:str}", name="meeting_letter_download")
async def meeting_letter_download(
    request: Request, slug: FromPath[str], filename: FromPath[str]
) -> Response:
    """`undangan.pdf|docx` or `daftar-hadir.pdf|docx`, from the meeting as it is
    now; in Indonesian, or English labels with `?lang=en`."""
    kind, _, fmt = filename.partition(".")
    if kind not in letters.KINDS or fmt not in MEDIA:
        raise NotFoundException(
            i18n.translator(language(request))._(
                "Unknown format: %(value)s (pdf, docx or md).", value=fmt
            )
        )
    lang = request.query_params.get("lang")
    if lang not in (None, "id", "en"):
        raise MeetingError(N_("Unknown language: %(value)s (id or en)"), value=lang[:20])
    meeting = await _meeting_or_404(request, slug)
    user = current_user(request)
    if fmt == "pdf":  # each one rendered in turn and registered: counted like a report
        within_pdf_limit(request, user)
    titles = await finalize.document_titles(meeting["follows"])
    record = letters.letter_record(meeting, titles, lang)
    if fmt == "pdf":  # off the event loop: PDFs in a child process, DOCX in a thread
        data = await issued.letter_pdf(
            kind, record, public_base(request), user.username if user else None, render_pdf_isolated
        )
    else:
        from tracker.minutes import docx  # python-docx loaded on the first download

        data = await anyio.to_thread.run_sync(getattr(docx, DOCX[kind]), record)
    name = letters.filename(meeting["slug"], kind, fmt, lang)
    return Response(
        data,
        media_type=MEDIA[fmt],
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@post(
    "/rakor/{slug:str}/v/{number:int}/pindaian",
    name="signed_copy_attach",
    guards=[EDIT],
    request_max_body_size=MAX_UPLOAD,
)
async def signed_copy_attach(
    request: Request, slug: FromPath[str], number: FromPath[int]
) -> Response:
    """Attach a scan of signed notulen to the version it signs (appended, audited)."""
    meeting = await _meeting_or_404(request, slug)
    data = await request.form()
    upload = data.get("file")
    scan = signed.Scan("", b"")
    if isinstance(upload, UploadFile):
        scan = signed.Scan(upload.filename or "", await upload.read())
    latest = meeting["state"] == "final" and number == meeting["version"]
    try:
        await signed.attach(current_user(request), slug, number, scan, client_address(request))
    except MeetingError as exc:
        found = await finalize.version(slug, number)
        if exc.field != "file" or found is None:
            raise
        errors = {"file": (exc.key, exc.values)}
        return await minutes_page(request, meeting, found, latest, 422, errors)
    path = f"/rakor/{slug}" if latest else f"/rakor/{slug}/v/{number}"
    return redirect_with_flash(
        f"{path}#signed-copies", N_("The scan of the signed minutes is attached.")
    )


@get("/rakor/{slug:str}/v/{number:int}/pindaian", name="signed_copy_posted")
async def signed_copy_posted(slug: FromPath[str], number: FromPath[int]) -> Redirect:
    """Where a scan is uploaded, opened as a page (a refused scan leaves this
    address in the bar; the language switch opens it again): the version's page."""
    return Redirect(f"/rakor/{slug}/v/{number}", status_code=303)


@get("/rakor/{slug:str}/pindaian/{copy_id:int}", name="signed_copy")
async def signed_copy(request: Request, slug: FromPath[str], copy_id: FromPath[int]) -> Response:
    """A scan, for whoever may read the minutes it signs."""
    await _meeting_or_404(request, slug)
    found = await signed.copy_file(slug, copy_id)
    if found is None:
        raise NotFoundException(i18n.translator(language(request))._("No such scan."))
    return file_response(found["data"], signed.PDF, found["filename"])


ROUTES = [
    Router(
        path="/",
        route_handlers=[
            meeting_letter,
            meeting_letter_save,
            meeting_letter_download,
            signed_copy_attach,
            signed_copy_posted,
            signed_copy,
        ],
        exception_handlers={MeetingError: _meeting_error},
    )
]
