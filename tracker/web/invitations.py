"""A Rakor's invitation page: who gets it, the attendees' addresses, Kirim undangan."""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, Router, get, post
from litestar.params import FromPath
from litestar.response import Template

from tracker import db
from tracker.accounts import submissions
from tracker.i18n import N_
from tracker.minutes import invitation
from tracker.minutes.meetings import MeetingError
from tracker.notifications import mailer, rakor
from tracker.web.auth import client_address, current_user
from tracker.web.meetings import EDIT, MAX_FORM, _managed, _meeting_error
from tracker.web.ui import page, redirect_with_flash

FIELD = "email-"  # email-<attendee id>


async def _page(
    request: Request,
    meeting: dict[str, Any],
    status_code: int = 200,
    wrong: dict[int, str] | None = None,
    typed: dict[int, str] | None = None,
) -> Template:
    async with db.reading():
        found = await rakor.audience(meeting)
        sent = await rakor.history(meeting["id"])
    config, problem = mailer.mail_config()
    names = {a["id"]: a["name"] for a in meeting["attendees"]}
    errors = {
        f"{FIELD}{i}": (
            N_(
                "The email address of %(name)s is not valid. Write it like name@baliprov.go.id, without spaces."
            ),
            {"name": names.get(i, "")},
        )
        for i in wrong or {}
    }
    return page(
        request,
        "rakor_invitation.html",
        status_code=status_code,
        m=meeting,
        mailed=found.mailed,
        declined=found.declined,
        without=found.without,
        sent=sent,
        mail_on=config is not None,
        mail_problem=problem,
        errors=errors,
        typed=typed or {},
    )


@get("/rakor/{slug:str}/undangan", name="meeting_invitation", guards=[EDIT])
async def invitation_page(request: Request, slug: FromPath[str]) -> Template:
    return await _page(request, await _managed(request, slug))


@post(
    "/rakor/{slug:str}/undangan",
    name="meeting_invitation_send",
    guards=[EDIT],
    request_max_body_size=MAX_FORM,
)
async def invitation_post(request: Request, slug: FromPath[str]) -> Response:
    """Save the typed addresses; with `send`, then send the invitation (once per form)."""
    meeting = await _managed(request, slug)
    data = await request.form()
    user, address = current_user(request), client_address(request)
    ids = {a["id"] for a in meeting["attendees"]}
    typed = {
        int(k[len(FIELD) :]): str(v)
        for k, v in data.items()
        if k.startswith(FIELD) and k[len(FIELD) :].isdigit() and int(k[len(FIELD) :]) in ids
    }
    try:
        await invitation.save_addresses(user, slug, typed, address)
    except invitation.AddressErrors as exc:
        return await _page(request, meeting, 422, wrong=exc.wrong, typed=typed)
    if data.get("action") != "send":
        return redirect_with_flash(f"/rakor/{slug}/undangan", N_("Addresses saved."))
    try:
        await invitation.send(user, slug, address, submission=str(data.get("_submission", "")))
    except submissions.AlreadySubmitted:
        return redirect_with_flash(
            f"/rakor/{slug}/undangan",
            N_("This invitation was sent already; the same form does not send it twice."),
        )
    return redirect_with_flash(
        f"/rakor/{slug}/undangan",
        N_("The invitation is queued; the number of recipients is in the history."),
    )


ROUTES = [
    Router(
        path="/",
        route_handlers=[invitation_page, invitation_post],
        exception_handlers={MeetingError: _meeting_error},
    )
]
