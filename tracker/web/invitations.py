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
SHOWN = "shown-"  # shown-<attendee id>: the address the form showed


async def _page(
    request: Request,
    meeting: dict[str, Any],
    status_code: int = 200,
    wrong: dict[int, str] | None = None,
    typed: dict[int, str] | None = None,
    shown: dict[int, str] | None = None,
    changed: dict[int, str] | None = None,
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
    for i, stored in (changed or {}).items():
        errors[f"{FIELD}{i}"] = (
            N_(
                "Meanwhile someone else saved %(email)s as the address of %(name)s. The address you typed is below: save or send again to keep it."
            ),
            {"email": stored or "—", "name": names.get(i, "")},
        )
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
        shown={**(shown or {}), **(changed or {})},
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
    typed, shown = _per_attendee(data, FIELD, ids), _per_attendee(data, SHOWN, ids)
    try:
        await invitation.save_addresses(user, slug, typed, address, shown)
    except invitation.AddressErrors as exc:
        status_code = 409 if exc.changed else 422
        return await _page(
            request, meeting, status_code, exc.wrong, typed, shown, changed=exc.changed
        )
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


def _per_attendee(data: Any, prefix: str, ids: set[int]) -> dict[int, str]:
    """The form's `<prefix><attendee id>` fields of this meeting's attendees."""
    found = {}
    for key, value in data.items():
        number = key[len(prefix) :]
        if key.startswith(prefix) and number.isdigit() and int(number) in ids:
            found[int(number)] = str(value)
    return found


ROUTES = [
    Router(
        path="/",
        route_handlers=[invitation_page, invitation_post],
        exception_handlers={MeetingError: _meeting_error},
    )
]
