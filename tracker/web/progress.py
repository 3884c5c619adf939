"""Posting progress: the update form, "Aksi saya", CSV in and out, evidence files."""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Request, Response, get, post
from litestar.datastructures import UploadFile
from litestar.exceptions import HTTPException, NotFoundException, PermissionDeniedException
from litestar.params import FromPath, FromQuery, QueryParameter
from litestar.response import Redirect, Template

from tracker import i18n
from tracker.accounts import submissions
from tracker.agreements import queries
from tracker.i18n import N_
from tracker.progress import bulk, status, updates, worklist
from tracker.web.auth import client_address, current_user, role_required
from tracker.web.errors import handle_error
from tracker.web.ui import Later, language, page, redirect_with_flash

MAX_REQUEST_BYTES = updates.MAX_FILES * updates.MAX_FILE_BYTES + 1024 * 1024
POSTER_ROLES = ("admin", "secretariat")
POSTERS = role_required(*POSTER_ROLES)


async def action_or_404(
    request: Request, slug: str, code: str, all_updates: bool = False
) -> dict[str, Any]:
    """The document and action, or a 404 that says which of the two is missing."""
    found = await queries.get_action(slug, code, all_updates=all_updates)
    lang = language(request)
    if found is None:
        raise NotFoundException(
            i18n.translator(lang)._("Document `%(id)s` was not found.", id=slug)
        )
    if found["action"] is None:
        raise NotFoundException(
            i18n.translator(lang)._(
                "Action `%(action)s` is not in document `%(id)s`.", id=slug, action=code
            )
        )
    return found


async def action_context(request: Request, slug: str, code: str, **extra: Any) -> dict[str, Any]:
    """Everything the action page and its update area need."""
    found = await action_or_404(
        request, slug, code, all_updates=request.query_params.get("updates") == "all"
    )
    action = found["action"]
    user = current_user(request)
    choices = _part_choices(user, action)
    chosen = _chosen_part(choices, request.query_params.get("part", ""))
    values = {
        "doc": found["document"],
        "action": action,
        "can_post": bool(choices) and action["withdrawn_at"] is None,
        "part_choices": choices,
        "statuses": status.STATUSES,
        "form": {
            "status": (chosen or action)["status"],
            "percent": (chosen or action)["percent"],
            "value": _plain((chosen or action).get("value")),
            "seen": action["latest_update_id"],
            "part": chosen["key"] if chosen else "",
        },
        "errors": {},
        "newer": None,
        "amendment_labels": await queries.amendment_labels(
            found["document"]["id"], action["amendments"]
        ),
        "max_file_bytes": updates.MAX_FILE_BYTES,
        "max_files": updates.MAX_FILES,
    }
    values.update(extra)
    return values


def _plain(value: Any) -> str:
    """A stored number as the form shows it: `20`, not `20.0`; none: empty."""
    if value is None:
        return ""
    number = float(value)
    return str(int(number)) if number.is_integer() else str(number)


def _part_choices(user: Any, action: dict[str, Any]) -> list[dict[str, Any] | None]:
    """What `user` may report on: its parties' parts, and None for the whole action
    (a `with` party of an action with parts; an owner or `with` party of one without)."""
    if user is None:
        return []
    owners = {p["key"] for p in action["owner"]}
    supporters = {p["key"] for p in action["with"]}
    if not action["parts"]:
        return [None] if user.may_post_on(owners | supporters) else []
    mine: list[dict[str, Any] | None] = [
        p for p in action["parts"] if user.may_post_on({p["owner"]["key"]})
    ]
    return mine + [None] if user.may_post_on(supporters) else mine


def _chosen_part(choices: list, key: str) -> dict[str, Any] | None:
    """The part the form starts on: the one asked for (`?part=`), else the first."""
    parts = [c for c in choices if c is not None]
    return next((p for p in parts if p["key"] == key), parts[0] if parts and choices[0] else None)


def _may_post(request: Request) -> bool:
    """Whether the request's user has a role that reports progress (POSTERS).
    The 413 handlers below answer before any guard has run: they must not
    show a page its asker may not see."""
    user = current_user(request)
    return user is not None and user.role in POSTER_ROLES


def _update_too_large(request: Request, exc: HTTPException) -> Response:
    """A report over the size limit (files too many or too big, sent without
    the browser's own check): the action's form again, saying what the limit
    is and that nothing arrived, rather than a bare error page. Only for those
    who may report: the body is refused before the login is checked, and the
    action's page (its reports, notes, evidence) was shown to anyone who sent
    a large enough body, logged in or not."""
    if not _may_post(request):
        return handle_error(request, exc)
    slug, code = request.path_params["slug"], request.path_params["code"]
    htmx = bool(request.headers.get("hx-request"))
    error = {
        "files": (
            N_(
                "Nothing was saved: the files sent were larger than allowed (up to 10 MB each, at most 5 files). Choose fewer or smaller files, and type the note again."
            ),
            {},
        )
    }
    return Later(lambda: _form_again(request, slug, code, None, htmx, 413, errors=error))


@post(
    "/d/{slug:str}/{code:str}/updates",
    name="post_update",
    guards=[POSTERS],
    request_max_body_size=MAX_REQUEST_BYTES,
    exception_handlers={413: _update_too_large},
)
async def post_update(request: Request, slug: FromPath[str], code: FromPath[str]) -> Response:
    user = current_user(request)
    data = await request.form()
    form = updates.UpdateForm(
        status=str(data.get("status", "")),
        percent=str(data.get("percent", "")),
        note=str(data.get("note", "")),
        value=str(data.get("value", "")),
        links=str(data.get("links", "")),
        corrects=str(data.get("corrects", "")),
        seen=str(data.get("seen", "")),
        confirm=data.get("confirm") == "1",
        submission=str(data.get("_submission", "")),
        part=str(data.get("part", "")),
    )
    files = [
        updates.UploadedFile(f.filename or "", await f.read())
        for f in data.getall("files", [])
        if isinstance(f, UploadFile)
    ]
    htmx = bool(request.headers.get("hx-request"))
    try:
        await updates.post_update(user, slug, code, form, files, client_address(request))
    except updates.ActionNotFound as exc:
        raise NotFoundException(
            i18n.translator(language(request))._(
                "Action `%(action)s` is not in document `%(id)s`.", id=slug, action=code
            )
        ) from exc
    except updates.NotAllowed as exc:
        raise PermissionDeniedException(
            i18n.translator(language(request))._(exc.key, **exc.values)
        ) from exc
    except updates.UpdateRejected as exc:
        return await _form_again(
            request, slug, code, form, htmx, exc.status_code, errors=exc.errors
        )
    except updates.NewerUpdate as exc:
        return await _form_again(request, slug, code, form, htmx, 409, newer=exc.newer)
    except submissions.AlreadySubmitted:
        return await _saved(
            request, slug, code, htmx, N_("This update was already saved; it was not stored twice.")
        )
    return await _saved(request, slug, code, htmx, N_("Progress update saved."))


async def _saved(request: Request, slug: str, code: str, htmx: bool, message: str) -> Response:
    """The action as it now is, with a message: the update area and the state
    above it for htmx, else a redirect to the whole page."""
    if htmx:
        ctx = await action_context(request, slug, code, saved=message, oob=True)
        return page(request, "_update_area.html", **ctx)
    return redirect_with_flash(f"/d/{slug}/{code}#updates", message)


async def _form_again(
    request: Request,
    slug: str,
    code: str,
    form: updates.UpdateForm | None,
    htmx: bool,
    status_code: int,
    **extra: Any,
) -> Template:
    """The form with what was typed (None: nothing arrived, the form as it
    starts) and what is wrong (or what arrived meanwhile)."""
    typed = None if form is None else {**form.__dict__, "seen": form.seen}
    if typed is not None and extra.get("newer"):
        typed["seen"] = extra["newer"][0]["id"]
    if typed is not None:
        extra["form"] = typed
    ctx = await action_context(request, slug, code, oob=htmx, **extra)
    return page(
        request, "_update_area.html" if htmx else "action.html", status_code=status_code, **ctx
    )


@get("/aksi", name="my_actions")
async def my_actions(
    request: Request,
    page_number: Annotated[int, QueryParameter(name="page", ge=1, le=1_000_000)] = 1,
    all: FromQuery[bool] = False,
) -> Template:
    user = current_user(request)
    if user.role not in ("admin", "secretariat"):
        return page(request, "my_actions.html", result=None, show_all=all)
    day = queries.today()
    result = await worklist.my_actions(user, day, page=page_number, include_closed=all)
    return page(request, "my_actions.html", result=result, show_all=all, today=day)


@get("/aksi.csv", name="my_actions_csv", guards=[POSTERS])
async def my_actions_csv(request: Request) -> Response:
    text = await bulk.export(current_user(request), language(request), queries.today())
    return Response(
        text.encode("utf-8"),
        media_type="text/csv",
        headers={"Content-Disposition": 'attachment; filename="aksi-saya.csv"'},
    )


def _csv_too_large(request: Request, exc: HTTPException) -> Response:
    """A CSV over its limit: the import page, saying the CSV's own limit (to
    those who may import; as for a report, the guard has not run yet)."""
    if not _may_post(request):
        return handle_error(request, exc)
    error = (N_("The CSV file is larger than %(max_mb)s MB."), {"max_mb": bulk.MAX_BYTES // 2**20})
    response = _import_page(request, file_error=error)
    response.status_code = 413
    return response


@post(
    "/aksi/import",
    name="import_preview",
    guards=[POSTERS],
    request_max_body_size=bulk.MAX_BYTES + 64 * 1024,
    exception_handlers={413: _csv_too_large},
)
async def import_preview(request: Request) -> Template:
    """Step 1: show what the uploaded CSV would record (nothing is written)."""
    data = await request.form()
    upload = data.get("file")
    raw = await upload.read() if isinstance(upload, UploadFile) else b""
    if not raw:  # no file chosen: the CSV text typed (or fixed) on the page
        raw = str(data.get("csv", "")).encode("utf-8")
    try:
        plans = await bulk.plan(current_user(request), raw)
    except bulk.BulkError as exc:
        return _import_page(request, raw=raw, file_error=(exc.key, exc.values))
    return _import_page(request, plans=plans, raw=raw)


@post(
    "/aksi/import/confirm",
    name="import_confirm",
    guards=[POSTERS],
    request_max_body_size=2 * bulk.MAX_BYTES,
    exception_handlers={413: _csv_too_large},
)
async def import_confirm(request: Request) -> Template | Response:
    """Step 2: record every row in one transaction, or none."""
    data = await request.form()
    raw = str(data.get("csv", "")).encode("utf-8")
    try:
        plans = await bulk.apply(
            current_user(request),
            raw,
            client_address(request),
            submission=str(data.get("_submission", "")),
        )
    except bulk.BulkError as exc:
        return _import_page(request, raw=raw, file_error=(exc.key, exc.values))
    except submissions.AlreadySubmitted:
        return redirect_with_flash(
            "/aksi", N_("This import was already saved; nothing was recorded twice.")
        )
    if any(p.error for p in plans):
        return _import_page(request, plans=plans, raw=raw)
    # The flash carries no numbers: it says what happened to changed and unchanged rows.
    return redirect_with_flash(
        "/aksi",
        N_("The CSV's changes were recorded; rows without a change were left as they were."),
    )


def _import_page(
    request: Request,
    plans: list[bulk.RowPlan] | None = None,
    raw: bytes = b"",
    file_error: tuple[str, dict[str, Any]] | None = None,
) -> Template:
    """The preview (422 when any row, or the file itself, is wrong)."""
    has_errors = file_error is not None or any(p.error for p in plans or [])
    return page(
        request,
        "import.html",
        status_code=422 if has_errors else 200,
        plans=plans,
        file_error=file_error,
        # Too large a file is not shown back (it would only fill the page).
        csv_text=bulk.decode(raw) if len(raw) <= bulk.MAX_BYTES else "",
        has_errors=has_errors,
    )


@get("/evidence/{evidence_id:int}", name="evidence")
async def evidence(request: Request, evidence_id: FromPath[int]) -> Response:
    row = await updates.evidence_file(evidence_id)
    if row is None:
        raise NotFoundException(
            i18n.translator(language(request))._("The evidence file was not found.")
        )
    return file_response(row["data"], row["content_type"], row["filename"])


def file_response(data: bytes, content_type: str, filename: str) -> Response:
    """An uploaded file served back: never sniffed, never run, never kept in
    shared caches. Images open in the browser, sandboxed; a PDF is downloaded
    (a browser's PDF viewer will not run inside a sandbox)."""
    name = filename.encode("ascii", "replace").decode().replace("?", "_")
    disposition = "attachment" if content_type == "application/pdf" else "inline"
    return Response(
        data,
        media_type=content_type,
        headers={
            "Content-Disposition": f'{disposition}; filename="{name}"',
            "X-Content-Type-Options": "nosniff",
            "Content-Security-Policy": "default-src 'none'; img-src 'self'; sandbox",
            "Cache-Control": "private, no-store",
        },
    )


@get("/d/{slug:str}/{code:str}/updates", name="update_posted", opt={"auth": "read"})
async def update_posted(slug: FromPath[str], code: FromPath[str]) -> Redirect:
    """Where the update form posts, opened as a page (a refused post without
    JavaScript leaves this address in the bar): the action's page."""
    return Redirect(f"/d/{slug}/{code}", status_code=303)


@get(["/aksi/import", "/aksi/import/confirm"], name="import_posted")
async def import_posted() -> Redirect:
    """Where the CSV is uploaded and confirmed, opened as a page: the preview
    leaves this address in the bar, and the header's language switch (or a
    reload) opens it again: back to Aksi saya, where the upload starts, rather
    than "does not accept a GET request"."""
    return Redirect("/aksi", status_code=303)


ROUTES = [
    post_update,
    update_posted,
    import_posted,
    my_actions,
    my_actions_csv,
    import_preview,
    import_confirm,
    evidence,
]
