"""Rakor pages: prepare, hold and close a meeting; read and download its minutes.

Notulis and admins edit drafts; everyone logged in reads finalized minutes.
Every form works without JavaScript (redirect-after-POST with a flash); with
htmx, autosave answers a small fragment and structural edits re-render the page.
"""

from __future__ import annotations

from typing import Any

import anyio
from litestar import Request, Response, Router, get, post
from litestar.exceptions import HTTPException, NotFoundException, PermissionDeniedException
from litestar.params import FromPath
from litestar.response import Template

from tracker import db, i18n
from tracker.minutes import finalize, meetings, outputs
from tracker.minutes.meetings import Conflict, MeetingError
from tracker.minutes.pdf import minutes_html
from tracker.pdf_process import render_pdf_isolated
from tracker.reports import catalog as catalogs
from tracker.web.auth import client_address, current_user, role_required
from tracker.web.errors import handle_error
from tracker.web.ui import context, language, page, redirect_with_flash

EDITORS = ("admin", "notulis")
EDIT = role_required(*EDITORS)
MAX_FORM = 256 * 1024


def _may_edit(request: Request) -> bool:
    user = current_user(request)
    return bool(user and user.role in EDITORS)


def _fail(request: Request, exc: MeetingError, status: int = 422) -> HTTPException:
    message = i18n.translate(exc.key, language(request), **exc.values)
    if exc.key == "meeting.not_found":
        return NotFoundException(message)
    return HTTPException(
        status_code=409 if exc.key == "meeting.is_final" else status, detail=message
    )


async def _meeting_or_404(request: Request, slug: str) -> dict[str, Any]:
    meeting = await meetings.load(slug)
    if meeting is None or (meeting["version"] == 0 and not _may_edit(request)):
        # Drafts never finalized are the notulis's working papers: not shown to readers.
        raise NotFoundException(i18n.translate("meeting.not_found", language(request), value=slug))
    return meeting


@get("/rakor", name="meetings")
async def meeting_list(request: Request) -> Template:
    rows = await meetings.list_meetings(include_drafts=_may_edit(request))
    return page(request, "rakor_list.html", meetings=rows, may_edit=_may_edit(request))


@get("/rakor/baru", name="meeting_new", guards=[EDIT])
async def meeting_new(request: Request) -> Template:
    return page(request, "rakor_new.html", **await _new_form_values(request, {}, None))


async def _new_form_values(
    request: Request, form: dict, error: MeetingError | None
) -> dict[str, Any]:
    async with db.reading():
        catalog = await catalogs.current()
    documents = sorted(
        (d for d in catalog.documents.values() if d["withdrawn_at"] is None),
        key=lambda d: (d["kind"], d["slug"]),
    )
    parties = sorted((p["key"], p["name"]) for p in catalog.parties.values())
    message = i18n.translate(error.key, language(request), **error.values) if error else None
    return {
        "documents": documents,
        "parties": parties,
        "form": form,
        "error": message,
        "error_field": error.field if error else None,
    }


@post("/rakor", name="meeting_create", guards=[EDIT], request_max_body_size=MAX_FORM)
async def meeting_create(request: Request) -> Response:
    data = await request.form()
    try:
        new = await meetings.parse_new(data)
        slug = await meetings.create(current_user(request), new, client_address(request))
    except MeetingError as exc:
        form = {k: data.getall(k) if k in ("follows", "invited") else data.get(k) for k in data}
        values = await _new_form_values(request, form, exc)
        return page(request, "rakor_new.html", status_code=422, **values)
    return redirect_with_flash(f"/rakor/{slug}", "meeting.created")


@get("/rakor/{slug:str}", name="meeting")
async def meeting_page(request: Request, slug: FromPath[str]) -> Template:
    meeting = await _meeting_or_404(request, slug)
    if meeting["state"] == "draft" and _may_edit(request):
        lang = language(request)
        return page(
            request,
            "rakor_edit.html",
            m=meeting,
            presence_options=[
                (p, i18n.translate(f"rakor.presence.{p}", lang)) for p in meetings.PRESENCE
            ],
            party_options=sorted(meeting["parties"].items()),
        )
    found = await finalize.version(slug)
    return page(
        request,
        "rakor_minutes.html",
        m=meeting,
        record=found["record"],
        shown=found["version"],
        may_edit=_may_edit(request),
    )


@get("/rakor/{slug:str}/v/{number:int}", name="meeting_version")
async def meeting_version(request: Request, slug: FromPath[str], number: FromPath[int]) -> Template:
    meeting = await _meeting_or_404(request, slug)
    found = await finalize.version(slug, number)
    if found is None:
        raise NotFoundException(
            i18n.translate("meeting.no_version", language(request), value=number)
        )
    return page(
        request,
        "rakor_minutes.html",
        m=meeting,
        record=found["record"],
        shown=number,
        may_edit=_may_edit(request),
    )


# ------------------------------------------------------------------ edits


def _int(value: Any) -> int:
    try:
        return int(str(value))
    except ValueError:
        raise MeetingError("meeting.bad_number", value=str(value)[:40]) from None


def _back(request: Request, slug: str, message: str, anchor: str = "") -> Response:
    return redirect_with_flash(f"/rakor/{slug}{anchor}", message)


@post(
    "/rakor/{slug:str}/simpan", name="meeting_save", guards=[EDIT], request_max_body_size=MAX_FORM
)
async def meeting_save(request: Request, slug: FromPath[str]) -> Response:
    """Autosave one field. htmx gets the field's save state (200, or 409 with
    the other person's text); a plain form goes back to the page."""
    data = await request.form()
    kind, name = str(data.get("kind", "")), str(data.get("field", ""))
    row_id, base = _int(data.get("id")), str(data.get("base", ""))
    value: Any = data.getall("value", []) if name in ("owner", "with") else data.get("value", "")
    values = {"m_slug": slug, "kind": kind, "row_id": row_id, "name": name}
    try:
        saved = await meetings.save_field(slug, kind, row_id, name, value, base)
    except Conflict as exc:
        values.update(conflict=True, value=exc.value, base=exc.base, mine=value)
        return _save_state(request, values, 409)
    except MeetingError as exc:
        if not request.headers.get("hx-request"):
            raise _fail(request, exc) from None
        values.update(error=i18n.translate(exc.key, language(request), **exc.values), base=base)
        return _save_state(request, values, 422)
    if not request.headers.get("hx-request"):
        return _back(request, slug, "meeting.saved")
    values.update(saved=True, base=saved["base"])
    return _save_state(request, values, 200)


def _text_of(value: Any) -> str:
    return ", ".join(value) if isinstance(value, list) else str(value or "")


def _save_state(request: Request, values: dict[str, Any], status: int) -> Response:
    if not request.headers.get("hx-request"):  # no JavaScript: both texts, to copy from
        lang = language(request)
        detail = " ".join(
            (
                i18n.translate("meeting.conflict_plain", lang, value=_text_of(values["value"])),
                i18n.translate("meeting.conflict_mine", lang, value=_text_of(values["mine"])),
            )
        )
        raise HTTPException(status_code=status, detail=detail)
    return Template(
        template_name="_save_state.html", context=context(request, **values), status_code=status
    )


@post(
    "/rakor/{slug:str}/agenda",
    name="meeting_add_item",
    guards=[EDIT],
    request_max_body_size=MAX_FORM,
)
async def meeting_add_item(request: Request, slug: FromPath[str]) -> Response:
    data = await request.form()
    item = await meetings.add_item(slug, str(data.get("title", "")))
    return _back(request, slug, "meeting.item_added", f"#item-{item}")


@post("/rakor/{slug:str}/pindah", name="meeting_move", guards=[EDIT])
async def meeting_move(request: Request, slug: FromPath[str]) -> Response:
    data = await request.form()
    item = _int(data.get("id"))
    await meetings.move_item(slug, item, -1 if data.get("direction") == "up" else 1)
    return _back(request, slug, "meeting.moved", f"#item-{item}")


@post("/rakor/{slug:str}/hapus", name="meeting_remove", guards=[EDIT])
async def meeting_remove(request: Request, slug: FromPath[str]) -> Response:
    data = await request.form()
    await meetings.remove(slug, str(data.get("kind", "")), _int(data.get("id")))
    return _back(request, slug, "meeting.removed")


@post(
    "/rakor/{slug:str}/keputusan",
    name="meeting_add_decision",
    guards=[EDIT],
    request_max_body_size=MAX_FORM,
)
async def meeting_add_decision(request: Request, slug: FromPath[str]) -> Response:
    data = await request.form()
    item = _int(data.get("item"))
    await meetings.add_decision(slug, item, str(data.get("text", "")))
    return _back(request, slug, "meeting.decision_added", f"#item-{item}")


@post(
    "/rakor/{slug:str}/tindak-lanjut",
    name="meeting_add_follow_up",
    guards=[EDIT],
    request_max_body_size=MAX_FORM,
)
async def meeting_add_follow_up(request: Request, slug: FromPath[str]) -> Response:
    data = await request.form()
    item = _int(data.get("item"))
    await meetings.add_follow_up(slug, item, data)
    return _back(request, slug, "meeting.follow_up_added", f"#item-{item}")


@post(
    "/rakor/{slug:str}/peserta",
    name="meeting_add_attendee",
    guards=[EDIT],
    request_max_body_size=MAX_FORM,
)
async def meeting_add_attendee(request: Request, slug: FromPath[str]) -> Response:
    data = await request.form()
    await meetings.add_attendee(
        slug, str(data.get("name", "")), str(data.get("title", "")), str(data.get("party", ""))
    )
    return _back(request, slug, "meeting.attendee_added", "#attendance")


@post("/rakor/{slug:str}/final", name="meeting_finalize", guards=[EDIT])
async def meeting_finalize(request: Request, slug: FromPath[str]) -> Response:
    version = await finalize.finalize(current_user(request), slug, client_address(request))
    return _back(request, slug, "meeting.finalized" if version == 1 else "meeting.corrected")


@post("/rakor/{slug:str}/koreksi", name="meeting_reopen", guards=[EDIT])
async def meeting_reopen(request: Request, slug: FromPath[str]) -> Response:
    await finalize.reopen(current_user(request), slug, client_address(request))
    return _back(request, slug, "meeting.reopened")


# -------------------------------------------------------------- downloads


@get("/rakor/{slug:str}/{filename:str}", name="meeting_download")
async def meeting_download(
    request: Request, slug: FromPath[str], filename: FromPath[str]
) -> Response:
    """`notulen.pdf|docx|md`: the latest (or `?v=`) version, in Indonesian or `?lang=en`."""
    stem, _, fmt = filename.partition(".")
    if stem != "notulen" or fmt not in outputs.FORMATS:
        raise NotFoundException(i18n.translate("meeting.bad_format", language(request), value=fmt))
    number = request.query_params.get("v")
    found = await finalize.version(slug, _int(number) if number else None)
    if found is None:
        raise NotFoundException(
            i18n.translate("meeting.not_finalized", language(request), value=slug)
        )
    lang = request.query_params.get("lang")
    if lang not in (None, "id", "en"):
        raise MeetingError("meeting.bad_lang", value=lang[:20])
    name = outputs.filename(slug, found, fmt, lang)
    return Response(
        await render(found, fmt, lang),
        media_type=outputs.FORMATS[fmt],
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


async def render(found: dict[str, Any], fmt: str, lang: str | None) -> bytes:
    """Off the event loop: PDFs in a child process, DOCX in a thread."""
    if fmt == "pdf":
        return await render_pdf_isolated(minutes_html(outputs.record_for(found, lang)))
    if fmt == "docx":
        return await anyio.to_thread.run_sync(outputs.render, found, fmt, lang)
    return outputs.markdown(found, lang)


@get("/api/rakor/{slug:str}", name="api_meeting")
async def api_meeting(request: Request, slug: FromPath[str]) -> dict[str, Any]:
    """The latest finalized minutes record (drafts: only for notulis and admins)."""
    meeting = await _meeting_or_404(request, slug)
    found = await finalize.version(slug)
    if found is None:
        if not _may_edit(request):
            raise PermissionDeniedException()
        return {"state": meeting["state"], "version": 0, "record": None}
    return {"state": meeting["state"], "version": found["version"], "record": found["record"]}


def _meeting_error(request: Request, exc: MeetingError) -> Response:
    """Every MeetingError a handler lets through: a 4xx with its message, on the one error path."""
    return handle_error(request, _fail(request, exc))


HANDLERS = [
    meeting_list,
    meeting_new,
    meeting_create,
    meeting_page,
    meeting_version,
    meeting_save,
    meeting_add_item,
    meeting_move,
    meeting_remove,
    meeting_add_decision,
    meeting_add_follow_up,
    meeting_add_attendee,
    meeting_finalize,
    meeting_reopen,
    meeting_download,
    api_meeting,
]
ROUTES = [
    Router(path="/", route_handlers=HANDLERS, exception_handlers={MeetingError: _meeting_error})
]


# ------------------------------------------------ agenda items not discussed


@post("/rakor/{slug:str}/tidak-dibahas", name="meeting_undiscussed", guards=[EDIT])
async def meeting_undiscussed(request: Request, slug: FromPath[str]) -> Response:
    """The notulis's choice for undiscussed agenda items: marked or left out
    of the notulen (templates/_undiscussed.html). Drafts only; audited."""
    data = await request.form()
    await meetings.set_undiscussed(
        current_user(request), slug, str(data.get("undiscussed", "")), client_address(request)
    )
    return _back(request, slug, "meeting.undiscussed_saved", "#undiscussed")


ROUTES[0].register(meeting_undiscussed)
