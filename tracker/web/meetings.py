"""Rakor pages: prepare, hold and close a meeting; read and download its minutes.

Notulis and admins edit drafts; everyone logged in reads finalized minutes.
Every form works without JavaScript (redirect-after-POST with a flash); with
htmx, autosave answers a small fragment and structural edits re-render the page.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from typing import Any

import anyio
from litestar import Request, Response, Router, get, post
from litestar.exceptions import HTTPException, NotFoundException, PermissionDeniedException
from litestar.params import FromPath
from litestar.response import Redirect, Template

from tracker import db, i18n, words
from tracker.accounts import submissions
from tracker.i18n import N_
from tracker.kept import Kept
from tracker.minutes import approval, finalize, issued, meetings, outputs, signed
from tracker.minutes.meetings import Conflict, MeetingError
from tracker.pdf_process import render_pdf_isolated
from tracker.progress.updates import MAX_FILE_BYTES
from tracker.reports import catalog as catalogs
from tracker.reports import service, whatsapp
from tracker.reports.summary import Filters
from tracker.web import compression
from tracker.web.auth import client_address, current_user, role_required
from tracker.web.errors import handle_error
from tracker.web.inputs import MAX_FORM_BYTES
from tracker.web.ui import (
    UI,
    context,
    environment,
    language,
    page,
    public_base,
    redirect_with_flash,
)

EDITORS = ("admin", "notulis")
EDIT = role_required(*EDITORS)
MAX_FORM = MAX_FORM_BYTES  # the app's default, said on each route of a form


def _may_edit(request: Request) -> bool:
    user = current_user(request)
    return bool(user and user.role in EDITORS)


STATUS = {
    N_("These minutes are final; open a correction to change them."): 409,
    N_(
        "These minutes were finalized once and are never deleted; finalize the correction as a new version instead."
    ): 409,
    N_(
        "Only the minute-taker who created this meeting, or an admin, may change its details, re-draft its agenda or cancel it."
    ): 403,
    N_(
        "These minutes are waiting for the chair's approval and cannot be changed until approved or returned."
    ): 409,
    N_(
        "This meeting has a chair account: submit the minutes for approval instead of finalizing them."
    ): 409,
    N_("Only this meeting's chair (or an admin) may approve or return its minutes."): 403,
    N_(
        "This submission is no longer waiting for approval (approved, returned or replaced). Open the approval page again."
    ): 409,
}


def _fail(request: Request, exc: MeetingError, status: int = 422) -> HTTPException:
    message = i18n.translator(language(request))._(exc.key, **exc.values)
    if exc.key == N_("There is no meeting %(value)s."):
        return NotFoundException(message)
    return HTTPException(status_code=STATUS.get(exc.key, status), detail=message)


def _reviews(request: Request, meeting: dict[str, Any]) -> bool:
    """Minutes awaiting approval, for those who see them as such: their notulis
    and admins, and the chair (who may not edit, but reads the draft)."""
    user = current_user(request)
    return meeting["state"] == "review" and (
        _may_edit(request) or approval.may_decide(user, meeting)
    )


async def _meeting_or_404(request: Request, slug: str) -> dict[str, Any]:
    meeting = await meetings.load(slug)
    hidden = meeting is not None and meeting["version"] == 0 and not _may_edit(request)
    if meeting is None or (hidden and not _reviews(request, meeting)):
        # Drafts never finalized are the notulis's working papers: not shown to readers.
        raise NotFoundException(
            i18n.translator(language(request))._("There is no meeting %(value)s.", value=slug)
        )
    return meeting


@get("/rakor", name="meetings")
async def meeting_list(request: Request) -> Template:
    rows = await meetings.list_meetings(include_drafts=_may_edit(request))
    awaiting = await approval.awaiting(current_user(request)) if current_user(request) else []
    return page(
        request, "rakor_list.html", meetings=rows, may_edit=_may_edit(request), awaiting=awaiting
    )


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
    parties = sorted(((p["key"], p["name"]) for p in catalog.parties.values()), key=_by_name)
    return {
        "documents": [(d["slug"], d["title"]) for d in documents],
        "parties": parties,
        "form": form,
        "errors": _errors_of(error),
    }


def _errors_of(error: MeetingError | None) -> dict[str, tuple[str, dict]]:
    """A refused form's messages per field: every one (FormErrors), or the one."""
    if isinstance(error, meetings.FormErrors):
        return error.errors
    return {(error.field or "_form"): (error.key, error.values)} if error else {}


def _by_name(pair: tuple[str, str]) -> tuple[str, str]:
    return (pair[1].casefold(), pair[0])


def _form_values(data: Any) -> dict[str, Any]:
    """What was typed, to show again with the messages (nothing is lost on a refusal)."""
    return {k: data.getall(k) if k in ("follows", "invited") else data.get(k) for k in data}


@post("/rakor", name="meeting_create", guards=[EDIT], request_max_body_size=MAX_FORM)
async def meeting_create(request: Request) -> Response:
    data = await request.form()
    try:
        new = await meetings.parse_new(data)
        slug = await meetings.create(
            current_user(request),
            new,
            client_address(request),
            submission=str(data.get("_submission", "")),
        )
    except MeetingError as exc:
        values = await _new_form_values(request, _form_values(data), exc)
        return page(request, "rakor_new.html", status_code=422, **values)
    except submissions.AlreadySubmitted as repeat:
        first = await meetings.slug_of(repeat.result)
        return redirect_with_flash(
            f"/rakor/{first}" if first else "/rakor",
            N_("This meeting was already created from the same form; it was not created twice."),
        )
    return redirect_with_flash(
        f"/rakor/{slug}", N_("Meeting created; its agenda is drafted from the tracker.")
    )


@get("/rakor/{slug:str}", name="meeting", **compression.spliced({}))
async def meeting_page(request: Request, slug: FromPath[str]) -> Response:
    meeting = await _meeting_or_404(request, slug)
    if _reviews(request, meeting):  # frozen until approved or returned: its own page
        return Redirect(f"/rakor/{slug}/persetujuan", status_code=303)
    if meeting["state"] == "draft" and _may_edit(request):
        return await _edit_page(request, meeting, follow_up_item=request.query_params.get("tl"))
    return await minutes_page(request, meeting, await finalize.version(slug), latest=True)


async def minutes_page(
    request: Request,
    meeting: dict[str, Any],
    found: dict[str, Any],
    latest: bool = False,
    status_code: int = 200,
    errors: dict[str, tuple[str, dict]] | None = None,
) -> Template:
    """A finalized version's page: the minutes, their downloads, "Salin
    ringkasan", and the scans of signed copies (with, for notulis and admins,
    the form that adds one; `errors` when a scan was refused)."""
    slug, shown = meeting["slug"], found["version"]
    path = f"/rakor/{slug}" if latest else f"/rakor/{slug}/v/{shown}"
    return page(
        request,
        "rakor_minutes.html",
        status_code=status_code,
        m=meeting,
        record=found["record"],
        body=_minutes_body(meeting, found, language(request)),
        shown=shown,
        may_edit=_may_edit(request),
        wa=await _whatsapp(request, meeting, found["record"], path),
        copies=await signed.copies(slug),
        errors=errors or {},
        max_mb=MAX_FILE_BYTES // 2**20,
    )


async def _whatsapp(
    request: Request, meeting: dict[str, Any], record: dict[str, Any], path: str
) -> dict[str, str]:
    """The minutes' "Salin ringkasan": every follow-up with its live status (the
    status page's rows for the minutes' document), then the minutes' link."""
    ui = UI(language(request))
    live = {
        r["code"]: r
        for r in await service.all_rows(service.View(filters=Filters(document=record["id"])))
    }
    follow_ups = [
        {**f, **{k: live[f["code"]][k] for k in ("status", "late") if f["code"] in live}}
        for item in record["items"]
        for f in item["follow_ups"]
    ]
    text = whatsapp.summary(
        ui._("Rakor follow-ups") + f": {record['title']}",
        whatsapp.lines_from_rows(follow_ups, meeting["parties"]),
        whatsapp.absolute(public_base(request), path),
        ui.lang,
        subtitle=ui.datetime(record["starts_at"]),
    )
    return {"text": text, "share": whatsapp.share_url(text)}


async def _edit_page(
    request: Request,
    meeting: dict[str, Any],
    pending: dict[str, dict[str, Any]] | None = None,
    status_code: int = 200,
    typed: Any = None,
    error: tuple[str, MeetingError] | None = None,
    follow_up_item: str | None = None,
    gaps: list[tuple[str | None, MeetingError]] | None = None,
) -> Response:
    """The draft meeting page: one form (see rakor_edit.html). `pending` holds, per
    field, what was typed but not saved (a refused value, or a conflict); `typed`
    the form as sent (the "new ..." fields are filled in again); `error` a refused
    addition (the id of its field, the error); `gaps` what the minutes still
    need to be issued (the key of its field, or None, and the error)."""
    lang = language(request)
    user = current_user(request)
    pending = pending or {}
    errors = {key: (p["error"][0], p["error"][1]) for key, p in pending.items() if p.get("error")}
    if error:  # the summary links to #f-<key>
        errors[error[0].removeprefix("f-")] = (error[1].key, error[1].values)
    for field, gap in gaps or []:
        errors.setdefault(field or "_form", (gap.key, gap.values))
    async with db.reading():
        catalog = await catalogs.current()
    briefings = _briefings(meeting, lang)
    return page(
        request,
        "rakor_edit.html",
        briefings=briefings,
        fragments=[table for _, table in briefings.values()],
        status_code=status_code,
        m=meeting,
        pending=pending,
        errors=errors,
        typed={k: typed.getall(k) for k in typed} if typed else {},
        conflicts=sum(1 for p in pending.values() if p.get("theirs") is not None),
        doc_titles={d["slug"]: d["title"] for d in catalog.documents.values()},
        may_manage=bool(user and meetings.may_manage(user, meeting)),
        presence_options=[
            (p, i18n.translator(lang)._(words.MEETING_PRESENCE[p])) for p in meetings.PRESENCE
        ],
        party_options=sorted(meeting["parties"].items(), key=_by_name),
        follow_up_item=follow_up_item,
        approval=await approval.draft_status(meeting),
    )


# The text of the minutes versions last read, per party names and language.
_MINUTES: Kept[compression.Fragment] = Kept(64)


def _minutes_body(
    meeting: dict[str, Any], found: dict[str, Any], lang: str
) -> compression.Fragment:
    """A finalized version's text (`_minutes_body.html`), rendered once per
    version, party names and language as a `Fragment`: a version never
    changes, and with decisions and follow-ups on twenty agenda items it was
    a third of the minutes page's cost on every request."""

    def made() -> compression.Fragment:
        template = environment().get_template("_minutes_body.html")
        html = template.render(
            lang=lang, ui=UI(lang), words=words, record=found["record"], m=meeting
        )
        return compression.keep_compressed(html)

    record = found["record"]
    return _MINUTES.get(
        (meeting["slug"], found["version"], str(record.get("finalized_at")), _names(meeting), lang),
        made,
    )


def _names(meeting: dict[str, Any]) -> bytes:
    """A digest of the party names a meeting's kept fragments show."""
    parties = sorted(meeting["parties"].items())
    return hashlib.blake2b(repr(parties).encode(), digest_size=8).digest()


# A few meetings' agendas: per briefing, its number of actions and its table.
_BRIEFINGS: Kept[tuple[int, compression.Fragment | None]] = Kept(200)


def _briefings(meeting: dict[str, Any], lang: str) -> dict[int, tuple[int, compression.Fragment]]:
    """Each agenda item's briefing (the open actions it reviews, then -> now):
    how many actions, and its table, in agenda order. Made once per
    briefing, party names and language, as a `Fragment` (encoded and
    deflated once): with hundreds of actions reviewed, reading, rendering and
    encoding them were most of a draft page's cost, and they change only
    when the agenda is drafted again."""
    parties = meeting["parties"]
    names = _names(meeting)
    template = environment().get_template("_briefing.html")

    def made(item: dict[str, Any]) -> tuple[int, compression.Fragment | None]:
        rows = meetings.briefing_rows(item)
        if not rows:
            return 0, None
        html = template.render(lang=lang, ui=UI(lang), briefing=rows, parties=parties)
        return len(rows), compression.keep_compressed(html)

    found = {
        item["id"]: _BRIEFINGS.get(
            (meetings.briefing_digest(item), names, lang), lambda item=item: made(item)
        )
        for item in meeting["items"]
    }
    return {item_id: brief for item_id, brief in found.items() if brief[1] is not None}


async def _save_form(request: Request, slug: str, data: Any) -> tuple[Response | None, str]:
    """Save everything the meeting page's one form sends (every button of the page
    sends it all): every field, and every "new ..." entry typed (an attendee, a
    decision, a follow-up, an agenda item), in one transaction. Returns (None,
    anchor) when all was saved; else the page again with what was typed: 422
    when a value or an entry was refused (nothing saved: the fields and the
    entries typed with it neither, so sending it again after a fix adds each
    entry once), 409 when someone else changed a field meanwhile (the others
    saved)."""
    edits = meetings.field_edits(data)
    outcome: tuple[dict, dict] | None = None
    anchor = ""
    try:
        async with db.writing():
            if edits:
                errors, conflicts = await meetings.save_fields(slug, edits)
                if errors or conflicts:
                    outcome = errors, conflicts
            if outcome is None:
                anchor = await _add_typed(slug, data)
    except _Refused as refused:  # rolled back, what came before it too
        meeting = await _meeting_or_404(request, slug)
        pending = {edit.key: {"value": edit.value, "base": edit.base} for edit in edits}
        return await _edit_page(
            request,
            meeting,
            pending,
            status_code=422,
            typed=data,
            error=(refused.field_id, refused.error),
        ), ""
    if outcome is not None:
        errors, conflicts = outcome
        meeting = await _meeting_or_404(request, slug)
        pending = _pending(edits, errors, conflicts)
        return await _edit_page(request, meeting, pending, 422 if errors else 409, typed=data), ""
    return None, anchor


def _pending(
    edits: list[meetings.FieldEdit],
    errors: dict[str, tuple[str, dict]],
    conflicts: dict[str, meetings.Conflict],
) -> dict[str, dict[str, Any]]:
    """What was typed but not saved, per field: with a refused value nothing was
    saved, so every field keeps what was typed; after a conflict only the fields
    someone else changed (shown with their text), the others were saved."""
    pending: dict[str, dict[str, Any]] = {}
    for edit in edits:
        if edit.key in errors:
            pending[edit.key] = {"value": edit.value, "base": edit.base, "error": errors[edit.key]}
        elif errors:
            pending[edit.key] = {"value": edit.value, "base": edit.base}
        elif edit.key in conflicts:
            theirs = conflicts[edit.key]
            pending[edit.key] = {"value": edit.value, "base": theirs.base, "theirs": theirs.value}
    return pending


class _Refused(Exception):
    def __init__(self, field_id: str, error: MeetingError) -> None:
        super().__init__(error.key)
        self.field_id, self.error = field_id, error


async def _add_typed(slug: str, data: Any) -> str:
    """Add what was typed into the page's "new ..." fields; the button pressed
    (`add`) adds its entry even if empty, to say what is missing. Returns the
    anchor to go back to."""
    wanted = str(data.get("add") or "")
    anchor = ""

    async def attempt(name: str, field_id: str, typed: bool, add: Any) -> Any:
        """`field_id` ends with `{}`: the field the error is about (default: `title`)."""
        if not typed and wanted != name:
            return None
        try:
            return await add()
        except MeetingError as exc:
            raise _Refused(field_id.format(exc.field or "title"), exc) from None

    name = str(data.get("new_attendee_name") or "")
    if await attempt(
        "attendee",
        "f-new_attendee_{}",
        bool(name.strip()),
        lambda: meetings.add_attendee(
            slug,
            name,
            str(data.get("new_attendee_title") or ""),
            str(data.get("new_attendee_party") or ""),
        ),
    ):
        anchor = "#attendance"
    for key in list(data.keys()):
        if key.startswith("new_decision-"):
            item = _int(key.removeprefix("new_decision-"))
            text = str(data.get(key) or "")
            if await attempt(
                f"decision-{item}",
                f"f-new_decision-{item}",
                bool(text.strip()),
                lambda item=item, text=text: meetings.add_decision(slug, item, text),
            ):
                anchor = f"#item-{item}"
        elif key == "new_follow_up-title":
            prefix = "new_follow_up-"
            item = db.as_id(data.get(prefix + "item")) or 0  # 0: no such item, said on adding
            fields = {
                name: data.getall(prefix + name, [])
                if name in ("owner", "with")
                else data.get(prefix + name, "")
                for name in ("title", "owner", "with", "due", "indicator", "target")
            }
            filled = any(
                str(fields[n]).strip() for n in ("title", "due", "indicator", "target")
            ) or bool(fields["owner"] or fields["with"])
            if await attempt(
                "follow_up",
                f"f-{prefix}{{}}",
                filled,
                lambda item=item, fields=fields: meetings.add_follow_up(slug, item, fields),
            ):
                anchor = f"#item-{item}"
    title = str(data.get("new_item") or "")
    item_id = await attempt(
        "item", "f-new_item", bool(title.strip()), lambda: meetings.add_item(slug, title)
    )
    if item_id:
        anchor = f"#item-{item_id}"
    at = str(data.get("at") or "")
    return anchor or (f"#{at}" if re.fullmatch(r"[a-z0-9-]{1,40}", at) else "")


@post(
    "/rakor/{slug:str}/simpan-semua",
    name="meeting_save_all",
    guards=[EDIT],
    request_max_body_size=MAX_FORM,
)
async def meeting_save_all(request: Request, slug: FromPath[str]) -> Response:
    """The meeting page's one form without JavaScript: every Simpan saves every field."""
    meetings.require_draft((await _meeting_or_404(request, slug))["state"])
    data = await request.form()
    key, user_id = str(data.get("_submission", "")), current_user(request).id
    try:  # the same page sent twice (a double tap, a retry) is applied once
        await submissions.claim_first(key, user_id, f"meeting-form:{slug}")
    except submissions.AlreadySubmitted:
        return _back(request, slug, N_("This form was already saved; nothing was saved twice."))
    refused, anchor = await _save_form(request, slug, data)
    if refused:
        await submissions.release(key, user_id)
        return refused
    # Buttons that lead on, once everything typed is saved: a follow-up's parties,
    # or the box that adds a follow-up, with this agenda item chosen.
    if data.get("parties"):
        return redirect_with_flash(
            f"/rakor/{slug}/tindak-lanjut/{_int(data.get('parties'))}", N_("Every field saved.")
        )
    if data.get("follow_up_for"):
        item = _int(data.get("follow_up_for"))
        return redirect_with_flash(
            f"/rakor/{slug}?tl={item}#add-follow-up", N_("Every field saved.")
        )
    added = str(data.get("add") or "").split("-")[0]
    message = ADDED.get(added, N_("Every field saved."))
    return _back(request, slug, message, anchor)


# ------------------------------------------------- a follow-up's parties


def _follow_up(meeting: dict[str, Any], follow_up_id: int) -> dict[str, Any]:
    for item in meeting["items"]:
        for follow_up in item["follow_ups"]:
            if follow_up["id"] == follow_up_id:
                return follow_up
    raise MeetingError(N_("This part is no longer in the meeting (someone may have removed it)."))


async def _parties_page(
    request: Request,
    meeting: dict[str, Any],
    follow_up: dict[str, Any],
    pending: dict[str, dict[str, Any]] | None = None,
    status_code: int = 200,
) -> Template:
    pending = pending or {}
    return page(
        request,
        "rakor_parties.html",
        status_code=status_code,
        m=meeting,
        f=follow_up,
        pending=pending,
        errors={key: p["error"] for key, p in pending.items() if p.get("error")},
        conflicts=sum(1 for p in pending.values() if p.get("theirs") is not None),
        party_options=sorted(meeting["parties"].items(), key=_by_name),
    )


@get("/rakor/{slug:str}/tindak-lanjut/{follow_up_id:int}", name="meeting_parties", guards=[EDIT])
async def meeting_parties(
    request: Request, slug: FromPath[str], follow_up_id: FromPath[int]
) -> Template:
    """Owners and supporters of one follow-up, on their own page."""
    meeting = await _meeting_or_404(request, slug)
    meetings.require_draft(meeting["state"])
    return await _parties_page(request, meeting, _follow_up(meeting, follow_up_id))


@post(
    "/rakor/{slug:str}/tindak-lanjut/{follow_up_id:int}",
    name="meeting_parties_save",
    guards=[EDIT],
    request_max_body_size=MAX_FORM,
)
async def meeting_parties_save(
    request: Request, slug: FromPath[str], follow_up_id: FromPath[int]
) -> Response:
    """Save a follow-up's owners and supporters: like every field of the meeting,
    refused values keep what was chosen (422) and a change made meanwhile by
    someone else is shown rather than overwritten (409)."""
    meeting = await _meeting_or_404(request, slug)
    follow_up = _follow_up(meeting, follow_up_id)
    data = await request.form()
    edits = [
        e
        for e in meetings.field_edits(data)
        if (e.kind, e.row_id, e.name) in {("follow_up", follow_up_id, n) for n in ("owner", "with")}
    ]
    errors, conflicts = await meetings.save_fields(slug, edits)
    if errors or conflicts:
        pending = _pending(edits, errors, conflicts)
        return await _parties_page(request, meeting, follow_up, pending, 422 if errors else 409)
    return _back(request, slug, N_("Every field saved."), f"#follow-up-{follow_up_id}")


ADDED = {
    "attendee": N_("Attendee added."),
    "decision": N_("Decision added."),
    "follow_up": N_("Follow-up added."),
    "item": N_("Agenda item added."),
}


# -------------------------------------------- change, re-draft, cancel a draft


async def _managed(request: Request, slug: str) -> dict[str, Any]:
    """A draft the user may manage (its creator, or an admin): else 404, 409 or 403."""
    meeting = await _meeting_or_404(request, slug)
    meetings.require_draft(meeting["state"])
    if not meetings.may_manage(current_user(request), meeting):
        raise MeetingError(
            N_(
                "Only the minute-taker who created this meeting, or an admin, may change its details, re-draft its agenda or cancel it."
            )
        )
    return meeting


def _basics_form(meeting: dict[str, Any]) -> dict[str, Any]:
    local = db.timestamp(meeting["starts_at"]).astimezone(i18n.WITA)
    return {
        "title": meeting["title"],
        "date": local.date().isoformat(),
        "time": local.strftime("%H:%M"),
        "place": meeting["place"],
        "follows": meeting["follows"],
        "invited": meeting["invited"],
        "chair_user": str(meeting["chair_user"] or ""),
        "base": meetings.details_base(meeting),
    }


@get("/rakor/{slug:str}/ubah", name="meeting_change", guards=[EDIT])
async def meeting_change(request: Request, slug: FromPath[str]) -> Template:
    meeting = await _managed(request, slug)
    values = await _new_form_values(request, _basics_form(meeting), None)
    return page(
        request, "rakor_change.html", m=meeting, chairs=await approval.chair_options(), **values
    )


@post(
    "/rakor/{slug:str}/ubah",
    name="meeting_change_save",
    guards=[EDIT],
    request_max_body_size=MAX_FORM,
)
async def meeting_change_save(request: Request, slug: FromPath[str]) -> Response:
    meeting = await _managed(request, slug)
    data = await request.form()
    user = current_user(request)
    try:
        basics = await meetings.parse_basics(data)
        chair = await approval.parse_chair(data.get("chair_user"))
        slug = await meetings.change_basics(
            user, slug, basics, client_address(request), str(data.get("base") or "")
        )
        await approval.set_chair(user, slug, chair, client_address(request))
    except MeetingError as exc:
        changed = isinstance(exc, meetings.DetailsChanged)
        if exc.field is None and not changed:
            raise
        typed = _form_values(data)
        if changed:  # saved again, what was typed goes over what is there now
            typed["base"] = exc.base
        values = await _new_form_values(request, typed, exc)
        chairs = await approval.chair_options()
        status_code = 409 if changed else 422
        return page(
            request,
            "rakor_change.html",
            status_code=status_code,
            m=meeting,
            chairs=chairs,
            **values,
        )
    if data.get("redraft"):
        await meetings.redraft(user, slug, client_address(request))
        return _back(
            request,
            slug,
            N_("Meeting details changed and the agenda re-drafted; everything typed was kept."),
        )
    return _back(
        request,
        slug,
        N_(
            "Meeting details changed. The agenda was not re-drafted: press “Re-draft the agenda” if needed."
        ),
    )


@post(
    "/rakor/{slug:str}/susun-ulang",
    name="meeting_redraft",
    guards=[EDIT],
    request_max_body_size=MAX_FORM,
)
async def meeting_redraft(request: Request, slug: FromPath[str]) -> Response:
    await _managed(request, slug)
    data = await request.form()
    refused, _ = await _save_form(request, slug, data)
    if refused:
        return refused
    await meetings.redraft(current_user(request), slug, client_address(request))
    return _back(
        request,
        slug,
        N_("Agenda re-drafted from the latest data; everything typed was kept."),
        "#agenda",
    )


@get("/rakor/{slug:str}/batal", name="meeting_cancel_confirm", guards=[EDIT])
async def meeting_cancel_confirm(request: Request, slug: FromPath[str]) -> Template:
    meeting = await _managed(request, slug)
    if meeting["version"] > 0:
        raise MeetingError(
            N_(
                "These minutes were finalized once and are never deleted; finalize the correction as a new version instead."
            )
        )
    return page(request, "rakor_cancel.html", m=meeting)


@post("/rakor/{slug:str}/batal", name="meeting_cancel", guards=[EDIT])
async def meeting_cancel(request: Request, slug: FromPath[str]) -> Response:
    await meetings.cancel(current_user(request), slug, client_address(request))
    return redirect_with_flash(
        "/rakor", N_("Draft meeting cancelled. Its content stays in the audit log.")
    )


@get("/rakor/{slug:str}/v/{number:int}", name="meeting_version")
async def meeting_version(request: Request, slug: FromPath[str], number: FromPath[int]) -> Template:
    meeting = await _meeting_or_404(request, slug)
    found = await finalize.version(slug, number)
    if found is None:
        raise NotFoundException(
            i18n.translator(language(request))._("There is no version %(value)s.", value=number)
        )
    return await minutes_page(request, meeting, found)


# ------------------------------------------------------------------ edits


def _int(value: Any) -> int:
    """An id or version number from a form or query: 422 if no row can have it."""
    number = db.as_id(value)
    if number is None:
        raise MeetingError(N_("Not a number: %(value)s"), value=str(value)[:40])
    return number


def _back(request: Request, slug: str, message: str, anchor: str = "") -> Response:
    return redirect_with_flash(f"/rakor/{slug}{anchor}", message)


@post(
    "/rakor/{slug:str}/simpan", name="meeting_save", guards=[EDIT], request_max_body_size=MAX_FORM
)
async def meeting_save(request: Request, slug: FromPath[str]) -> Response:
    """Autosave one field. htmx gets the field's save state (200, or 409 with
    the other person's text); a plain form goes back to the page."""
    data = await request.form()
    kind, name, base = str(data.get("kind", "")), str(data.get("field", "")), ""
    if kind:
        row_id, base = _int(data.get("id")), str(data.get("base", ""))
    else:  # the page's autosave sends the field's own names only
        kind, row_id, name = _field_of(data.keys())
    many = name in ("owner", "with")
    value: Any = data.getall("value", []) if many else data.get("value", "")
    key = f"{kind}-{row_id}-{name}"
    if f"b:{key}" in data:  # the page's own names (see _autosave.html)
        base = str(data.get(f"b:{key}"))
        value = data.getall(f"v:{key}", []) if many else data.get(f"v:{key}", "")
    values = {"m_slug": slug, "kind": kind, "row_id": row_id, "name": name}
    try:
        saved = await meetings.save_field(slug, kind, row_id, name, value, base)
    except Conflict as exc:
        values.update(conflict=True, value=exc.value, base=exc.base, mine=value)
        return _save_state(request, values, 409)
    except MeetingError as exc:
        if not request.headers.get("hx-request"):
            raise _fail(request, exc) from None
        values.update(error=i18n.translator(language(request))._(exc.key, **exc.values), base=base)
        return _save_state(request, values, 422)
    if not request.headers.get("hx-request"):
        return _back(request, slug, N_("Saved."))
    values.update(saved=True, base=saved["base"])
    return _save_state(request, values, 200)


def _field_of(names: Iterable[str]) -> tuple[str, int, str]:
    """(kind, row id, field) from the `b:<kind>-<id>-<field>` name an autosave
    field sends (_autosave.html): the key says all three, so the page does not
    repeat them on each of its fields (a draft has dozens)."""
    for name in names:
        if name.startswith("b:"):
            kind, _, rest = name[2:].partition("-")
            row, _, field = rest.partition("-")
            return kind, _int(row), field
    return "", 0, ""  # no field named: refused as an unknown one


def _text_of(value: Any) -> str:
    return ", ".join(value) if isinstance(value, list) else str(value or "")


def _save_state(request: Request, values: dict[str, Any], status: int) -> Response:
    if not request.headers.get("hx-request"):  # no JavaScript: both texts, to copy from
        lang = language(request)
        detail = " ".join(
            (
                i18n.translator(lang)._(
                    "Someone else changed this field to: %(value)s. Reload the page and type your change again.",
                    value=_text_of(values["value"]),
                ),
                i18n.translator(lang)._(
                    "Your text (not saved): %(value)s", value=_text_of(values["mine"])
                ),
            )
        )
        raise HTTPException(status_code=status, detail=detail)
    return Template(
        template_name="_save_state.html", context=context(request, **values), status_code=status
    )


# Each button below sits in the meeting page's one form (`formaction`), so it
# sends every field: those are saved first, then the button does its part. The
# plain names (`title`, `item`, `id`, `direction`...) still work on their own.


def _pick(data: Any, *names: str) -> str:
    for name in names:
        value = data.get(name)
        if value is not None:
            return str(value)
    return ""


@post(
    "/rakor/{slug:str}/agenda",
    name="meeting_add_item",
    guards=[EDIT],
    request_max_body_size=MAX_FORM,
)
async def meeting_add_item(request: Request, slug: FromPath[str]) -> Response:
    data = await request.form()
    if (refused := (await _save_form(request, slug, data))[0]) is not None:
        return refused
    item = await meetings.add_item(slug, str(data.get("title", "")))
    return _back(request, slug, N_("Agenda item added."), f"#item-{item}")


@post(
    "/rakor/{slug:str}/pindah", name="meeting_move", guards=[EDIT], request_max_body_size=MAX_FORM
)
async def meeting_move(request: Request, slug: FromPath[str]) -> Response:
    data = await request.form()
    if (refused := (await _save_form(request, slug, data))[0]) is not None:
        return refused
    row, _, direction = _pick(data, "move").partition(":")  # "12:up" from the page
    item = _int(row or data.get("id"))
    await meetings.move_item(slug, item, -1 if (direction or data.get("direction")) == "up" else 1)
    return _back(request, slug, N_("Agenda reordered."), f"#item-{item}")


@post(
    "/rakor/{slug:str}/hapus", name="meeting_remove", guards=[EDIT], request_max_body_size=MAX_FORM
)
async def meeting_remove(request: Request, slug: FromPath[str]) -> Response:
    data = await request.form()
    if (refused := (await _save_form(request, slug, data))[0]) is not None:
        return refused
    kind, _, row = _pick(data, "remove").partition(":")  # "item:12" from the page
    await meetings.remove(slug, kind or str(data.get("kind", "")), _int(row or data.get("id")))
    return _back(request, slug, N_("Removed from the draft."))


@post(
    "/rakor/{slug:str}/keputusan",
    name="meeting_add_decision",
    guards=[EDIT],
    request_max_body_size=MAX_FORM,
)
async def meeting_add_decision(request: Request, slug: FromPath[str]) -> Response:
    data = await request.form()
    if (refused := (await _save_form(request, slug, data))[0]) is not None:
        return refused
    item = _int(data.get("item"))
    await meetings.add_decision(slug, item, str(data.get("text", "")))
    return _back(request, slug, N_("Decision added."), f"#item-{item}")


@post(
    "/rakor/{slug:str}/tindak-lanjut",
    name="meeting_add_follow_up",
    guards=[EDIT],
    request_max_body_size=MAX_FORM,
)
async def meeting_add_follow_up(request: Request, slug: FromPath[str]) -> Response:
    data = await request.form()
    if (refused := (await _save_form(request, slug, data))[0]) is not None:
        return refused
    item = _int(data.get("item"))
    await meetings.add_follow_up(slug, item, data)
    return _back(request, slug, N_("Follow-up added."), f"#item-{item}")


@post(
    "/rakor/{slug:str}/peserta",
    name="meeting_add_attendee",
    guards=[EDIT],
    request_max_body_size=MAX_FORM,
)
async def meeting_add_attendee(request: Request, slug: FromPath[str]) -> Response:
    data = await request.form()
    if (refused := (await _save_form(request, slug, data))[0]) is not None:
        return refused
    await meetings.add_attendee(
        slug,
        str(data.get("name", "")),
        str(data.get("title", "")),
        str(data.get("party", "")),
    )
    return _back(request, slug, N_("Attendee added."), "#attendance")


async def incomplete_page(request: Request, slug: str, exc: finalize.Incomplete) -> Response:
    """Minutes refused for what they still lack: the draft page again (422),
    every gap in the summary and beside its field, as any refused value."""
    meeting = await _meeting_or_404(request, slug)
    response = await _edit_page(request, meeting, status_code=422, gaps=exc.gaps)
    response.headers["HX-Push-Url"] = f"/rakor/{slug}"  # reloading shows the draft
    return response


@post("/rakor/{slug:str}/final", name="meeting_finalize", guards=[EDIT])
async def meeting_finalize(request: Request, slug: FromPath[str]) -> Response:
    try:
        version = await finalize.finalize(current_user(request), slug, client_address(request))
    except finalize.Incomplete as exc:
        return await incomplete_page(request, slug, exc)
    return _back(
        request,
        slug,
        N_("Minutes finalized; the follow-ups are now tracked.")
        if version == 1
        else N_("The correction is finalized as a new version."),
    )


# Every address a form of the meeting's pages posts to (and has no page of its own).
POSTED = [
    f"/rakor/{{slug:str}}/{action}"
    for action in (
        "simpan-semua", "final", "simpan", "susun-ulang", "agenda", "pindah", "hapus",
        "keputusan", "tindak-lanjut", "peserta", "koreksi", "tidak-dibahas",
    )
]  # fmt: skip


@get(POSTED, name="meeting_posted")
async def meeting_posted(slug: FromPath[str]) -> Redirect:
    """Where a form of the draft page posts, opened as a page: a page that came
    back with a message without JavaScript leaves this address in the bar, and
    reloading it later, or switching the language there (the header's switch
    opens the same address), should show the meeting, not an error."""
    return Redirect(f"/rakor/{slug}", status_code=303)


@post("/rakor/{slug:str}/koreksi", name="meeting_reopen", guards=[EDIT])
async def meeting_reopen(request: Request, slug: FromPath[str]) -> Response:
    await finalize.reopen(current_user(request), slug, client_address(request))
    return _back(request, slug, N_("Correction opened; the versions issued are kept."))


# -------------------------------------------------------------- downloads


@get("/rakor/{slug:str}/{filename:str}", name="meeting_download")
async def meeting_download(
    request: Request, slug: FromPath[str], filename: FromPath[str]
) -> Response:
    """`notulen.pdf|docx|md`: the latest (or `?v=`) version, in Indonesian or `?lang=en`."""
    stem, _, fmt = filename.partition(".")
    if stem != "notulen" or fmt not in outputs.FORMATS:
        raise NotFoundException(
            i18n.translator(language(request))._(
                "Unknown format: %(value)s (pdf, docx or md).", value=fmt
            )
        )
    number = request.query_params.get("v")
    found = await finalize.version(slug, _int(number) if number else None)
    if found is None:
        raise NotFoundException(
            i18n.translator(language(request))._(
                "The minutes of %(value)s are not finalized yet.", value=slug
            )
        )
    lang = request.query_params.get("lang")
    if lang not in (None, "id", "en"):
        raise MeetingError(N_("Unknown language: %(value)s (id or en)"), value=lang[:20])
    name = outputs.filename(slug, found, fmt, lang)
    return Response(
        await render(request, slug, found, fmt, lang),
        media_type=outputs.FORMATS[fmt],
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


async def render(
    request: Request, slug: str, found: dict[str, Any], fmt: str, lang: str | None
) -> bytes:
    """Off the event loop: PDFs in a child process (once per version and
    language: the issued file, see tracker.minutes.issued), DOCX in a thread."""
    if fmt == "pdf":
        user = current_user(request)
        return await issued.notulen_pdf(
            slug,
            found,
            lang,
            public_base(request),
            user.username if user else None,
            render_pdf_isolated,
        )
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


def _too_much_text(request: Request, exc: HTTPException) -> Response:
    """A meeting form over its size limit (a huge paste) holds text, not files:
    said so; a field saving itself gets it at its save state, as a refused
    value, so the page and what is typed in it stay."""
    message = i18n.translator(language(request))._(
        "Too much text was sent at once; nothing of it was saved. Shorten the text (at most 20,000 characters per field)."
    )
    target = request.headers.get("hx-target") or ""
    if request.headers.get("hx-request") and target.startswith("state-"):
        key = target.removeprefix("state-")
        return Template(
            template_name="_save_state.html",
            context=context(request, error=message, key=key),
            status_code=413,
        )
    return handle_error(request, HTTPException(status_code=413, detail=message))


@post("/rakor/{slug:str}/tidak-dibahas", name="meeting_undiscussed", guards=[EDIT])
async def meeting_undiscussed(request: Request, slug: FromPath[str]) -> Response:
    """The notulis's choice for undiscussed agenda items: marked or left out
    of the notulen (templates/_undiscussed.html). Drafts only; audited."""
    data = await request.form()
    await meetings.set_undiscussed(
        current_user(request), slug, str(data.get("undiscussed", "")), client_address(request)
    )
    return _back(
        request, slug, N_("The choice for agenda items not discussed is saved."), "#undiscussed"
    )


HANDLERS = [
    meeting_parties,
    meeting_parties_save,
    meeting_undiscussed,
    meeting_list,
    meeting_new,
    meeting_create,
    meeting_page,
    meeting_version,
    meeting_save,
    meeting_save_all,
    meeting_posted,
    meeting_change,
    meeting_change_save,
    meeting_redraft,
    meeting_cancel_confirm,
    meeting_cancel,
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
    Router(
        path="/",
        route_handlers=HANDLERS,
        exception_handlers={MeetingError: _meeting_error, 413: _too_much_text},
    )
]


# ------------------------------------------------ agenda items not discussed
