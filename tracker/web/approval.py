"""The minutes' approval on the web: submit to the chair, review, approve, return.

Thin handlers over `tracker.minutes.approval`. The review page is the chair's
(and an admin's); notulis read it too, to see what waits and what was said.
Approve and Return carry the step they answer and a one-time submission key,
so a double click or a second tab never publishes twice.
"""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, Router, get, post
from litestar.exceptions import NotFoundException, PermissionDeniedException
from litestar.params import FromPath
from litestar.response import Redirect, Template

from tracker import i18n
from tracker.accounts import submissions
from tracker.i18n import N_
from tracker.minutes import approval, finalize
from tracker.minutes.meetings import MeetingError
from tracker.web.auth import client_address, current_user
from tracker.web.meetings import EDIT, EDITORS, _int, _meeting_error, incomplete_page
from tracker.web.ui import language, page, redirect_with_flash


def _may_read(request: Request, meeting: dict[str, Any]) -> bool:
    user = current_user(request)
    return bool(user and (user.role in EDITORS or approval.may_decide(user, meeting)))


async def _review_page(
    request: Request, slug: str, errors: dict | None = None, note: str = "", status_code: int = 200
) -> Template:
    found = await approval.review(slug)
    if found is None:
        raise NotFoundException(
            i18n.translator(language(request))._("There is no meeting %(value)s.", value=slug)
        )
    meeting = found["meeting"]
    if not _may_read(request, meeting) and meeting["version"] == 0:
        # A draft never finalized is not shown to readers (`meetings._meeting_or_404`):
        # a 403 here told anyone that a meeting of that (guessable) id was being drafted.
        raise NotFoundException(
            i18n.translator(language(request))._("There is no meeting %(value)s.", value=slug)
        )
    if not _may_read(request, meeting):
        raise PermissionDeniedException(
            i18n.translator(language(request))._(
                "Only this meeting's chair (or an admin) may approve or return its minutes."
            )
        )
    return page(
        request,
        "rakor_review.html",
        status_code=status_code,
        m=meeting,
        r=found,
        record=found["pending"]["record"] if found["pending"] else None,
        may_decide=approval.may_decide(current_user(request), meeting),
        errors=errors or {},
        note=note,
    )


@get("/rakor/{slug:str}/persetujuan", name="meeting_review")
async def meeting_review(request: Request, slug: FromPath[str]) -> Template:
    """The chair's page: the minutes as submitted, what changed, Approve / Return."""
    return await _review_page(request, slug)


@post("/rakor/{slug:str}/ajukan", name="meeting_submit", guards=[EDIT])
async def meeting_submit(request: Request, slug: FromPath[str]) -> Response:
    data = await request.form()
    try:
        await approval.submit(
            current_user(request),
            slug,
            client_address(request),
            key=str(data.get("_submission", "")),
        )
    except submissions.AlreadySubmitted:
        return redirect_with_flash(
            f"/rakor/{slug}/persetujuan",
            N_("This step was already recorded; nothing was done twice."),
        )
    except finalize.Incomplete as exc:
        return await incomplete_page(request, slug, exc)
    return redirect_with_flash(
        f"/rakor/{slug}/persetujuan", N_("The minutes were submitted to the chair for approval.")
    )


@post("/rakor/{slug:str}/setujui", name="meeting_approve")
async def meeting_approve(request: Request, slug: FromPath[str]) -> Response:
    data = await request.form()
    try:
        version = await approval.approve(
            current_user(request),
            slug,
            _int(data.get("step")),
            client_address(request),
            key=str(data.get("_submission", "")),
        )
    except submissions.AlreadySubmitted:
        return redirect_with_flash(
            f"/rakor/{slug}", N_("This step was already recorded; nothing was done twice.")
        )
    message = (
        N_("The minutes were approved and issued; their follow-ups are now tracked.")
        if version == 1
        else N_("The correction was approved and issued as a new version.")
    )
    return redirect_with_flash(f"/rakor/{slug}", message)


@post("/rakor/{slug:str}/kembalikan", name="meeting_return")
async def meeting_return(request: Request, slug: FromPath[str]) -> Response:
    data = await request.form()
    note = str(data.get("note", ""))
    try:
        await approval.return_(
            current_user(request),
            slug,
            _int(data.get("step")),
            note,
            client_address(request),
            key=str(data.get("_submission", "")),
        )
    except submissions.AlreadySubmitted:
        return redirect_with_flash(
            f"/rakor/{slug}/persetujuan",
            N_("This step was already recorded; nothing was done twice."),
        )
    except MeetingError as exc:
        if exc.field != "note":
            raise
        errors = {"note": (exc.key, exc.values)}
        return await _review_page(request, slug, errors, note[: approval.NOTE_MAX * 2], 422)
    return redirect_with_flash(
        f"/rakor/{slug}/persetujuan", N_("The minutes were returned to the notulis with a note.")
    )


@get(
    ["/rakor/{slug:str}/ajukan", "/rakor/{slug:str}/setujui", "/rakor/{slug:str}/kembalikan"],
    name="approval_posted",
)
async def approval_posted(slug: FromPath[str]) -> Redirect:
    """Where the approval forms post, opened as a page: a refused note leaves
    this address in the bar, and reloading it or switching the language there
    shows the approval page again, not "does not accept a GET request"."""
    return Redirect(f"/rakor/{slug}/persetujuan", status_code=303)


ROUTES = [
    Router(
        path="/",
        route_handlers=[
            meeting_review,
            meeting_submit,
            meeting_approve,
            meeting_return,
            approval_posted,
        ],
        exception_handlers={MeetingError: _meeting_error},
    )
]
