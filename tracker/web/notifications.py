"""Notifications on the web: a user's Notifikasi page and profile, the
unsubscribe link of every mail, and the admins' outbox."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from litestar import Request, get, post
from litestar.exceptions import ClientException, NotFoundException
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Template
from markupsafe import Markup

from tracker import db, i18n
from tracker.i18n import N_
from tracker.notifications import compose, inbox, mailer, profile
from tracker.settings import Settings
from tracker.web.auth import client_address, current_user, role_required
from tracker.web.ui import (
    LANG_COOKIE,
    UI,
    PageNumber,
    Rendered,
    environment,
    language,
    page,
    redirect_with_flash,
)

PER_PAGE = 25


@get("/notifikasi", name="notifications")
async def notifications_page(request: Request, page_number: PageNumber = 1) -> Template:
    user = current_user(request)
    async with db.reading():
        rows, total, page_number = await inbox.page_for(
            user.id, page_number, PER_PAGE, language(request)
        )
    # Shown, so read, and the header of this very page counts them so.
    newly = [r["id"] for r in rows if r["read_at"] is None]
    await inbox.mark_read(user.id, newly)
    if newly:
        request.scope["user"] = replace(user, unread=max(0, user.unread - len(newly)))
    pages = max(1, -(-total // PER_PAGE))
    return page(
        request,
        "notifications.html",
        rows=rows,
        shown=shown_notifications(rows, language(request)),
        total=total,
        page_number=page_number,
        pages=pages,
    )


_SHOWN = Rendered(1_000)  # a few users' pages, two languages


def shown_notifications(rows: list[dict[str, Any]], lang: str) -> Markup:
    """The page's list items, each rendered once per language and read state:
    a notification never changes once written (its read time aside). Keyed by
    all it shows, not its id alone (an emptied or restored database reuses ids)."""
    template = environment().get_template("_notification.html")
    return _SHOWN.joined(
        rows,
        lambda n: (*(v for k, v in n.items() if k != "read_at"), n["read_at"] is None, lang),
        lambda n: template.render(lang=lang, ui=UI(lang), n=n),
    )


def _form(p: profile.Profile) -> dict[str, Any]:
    return {
        "email": p.email,
        "language": p.language,
        "choices": {c: p.wants(c) for c in p.available()},
    }


def _profile_page(
    request: Request, p: profile.Profile, form: dict[str, Any], errors: dict, status_code: int = 200
) -> Template:
    config, problem = mailer.mail_config()
    return page(
        request,
        "profile.html",
        status_code=status_code,
        profile=p,
        form=form,
        errors=errors,
        mail_on=config is not None,
    )


@get("/profil", name="profile")
async def profile_page(request: Request) -> Template:
    async with db.reading():
        p = await profile.load(current_user(request).id)
    return _profile_page(request, p, _form(p), {})


@post("/profil", name="profile_save")
async def profile_save(request: Request) -> Template | Redirect:
    user = current_user(request)
    data = await request.form()
    async with db.reading():
        p = await profile.load(user.id)
    email = str(data.get("email", "")).strip()
    lang = str(data.get("language", ""))
    chosen = set(data.getall("choice", []))
    form = {
        "email": email,
        "language": lang,
        "choices": {c: c in chosen for c in p.available()},
    }
    errors: dict[str, tuple[str, dict]] = {}
    try:
        profile.clean_email(email)
    except profile.InvalidEmail:
        errors["email"] = (
            N_("Enter a valid email address, like name@baliprov.go.id, without spaces."),
            {},
        )
    if lang not in profile.LANGUAGES:
        errors["language"] = (N_("Choose a language."), {})
    if errors:
        return _profile_page(request, p, form, errors, status_code=422)
    await profile.save(
        user.id,
        email=email,
        language=lang,
        choices=form["choices"],
        actor=user.username,
        address=client_address(request),
    )
    return redirect_with_flash("/profil", N_("Profile saved."))


@get("/berhenti/{token:str}", name="unsubscribe", opt={"auth": "none"})
async def unsubscribe_page(request: Request, token: FromPath[str]) -> Template:
    found = profile.read_token(await _secret(), token)
    if found is None:
        return page(request, "unsubscribe.html", status_code=404, state="invalid", token=token)
    async with db.reading():
        owner = await profile.owner(found[0])
        receives = owner is not None and await profile.receives(*found)
    if owner is None:
        return page(request, "unsubscribe.html", status_code=404, state="invalid", token=token)
    return _unsubscribe_page(request, "ask" if receives else "off", token, owner, found[1])


@post(
    "/berhenti/{token:str}",
    name="unsubscribe_post",
    opt={"auth": "none", "exclude_from_csrf": True},
    status_code=200,
)
async def unsubscribe_post(request: Request, token: FromPath[str]) -> Template:
    """The button on the page, or a mail program's one-click POST (RFC 8058):
    the signed token is the authority, so no CSRF token and no login."""
    done = await profile.unsubscribe(token, client_address(request))
    if done is None:
        return page(request, "unsubscribe.html", status_code=404, state="invalid", token=token)
    return _unsubscribe_page(request, "done", token, *done)


@post(
    "/berhenti/{token:str}/lagi",
    name="resubscribe_post",
    opt={"auth": "none", "exclude_from_csrf": True},
    status_code=200,
)
async def resubscribe_post(request: Request, token: FromPath[str]) -> Template:
    """The undo button after unsubscribing: the same signed token is the
    authority, as for unsubscribing, so no CSRF token and no login."""
    done = await profile.resubscribe(token, client_address(request))
    if done is None:
        return page(request, "unsubscribe.html", status_code=404, state="invalid", token=token)
    return _unsubscribe_page(request, "again", token, *done)


def _unsubscribe_page(
    request: Request, state: str, token: str, owner: profile.Owner, choice: str
) -> Template:
    """In the language the reader chose with the switch, else in that of the
    mail the link came in (a reader who clicks it is usually not logged in)."""
    lang = i18n.pick_language(request.cookies.get(LANG_COOKIE) or owner.language)
    return page(
        request,
        "unsubscribe.html",
        state=state,
        token=token,
        who=owner.name,
        guest=owner.guest,
        choice=choice,
        lang=lang,
        ui=UI(lang),
    )


async def _secret() -> str:
    from tracker.accounts.secrets import shared_secret

    return await shared_secret()


ADMIN = role_required("admin")


@get("/admin/outbox", name="outbox", guards=[ADMIN])
async def outbox_page(
    request: Request, page_number: PageNumber = 1, status: FromQuery[str | None] = None
) -> Template:
    status = (status or "").strip() or None
    if status is not None and status not in inbox.STATUSES:
        raise ClientException(  # a mistyped link: say so, rather than show every message
            i18n.translator(language(request))._(
                "Unknown status: %(value)s (one of %(allowed)s)",
                value=status,
                allowed=", ".join(inbox.STATUSES),
            )
        )
    async with db.reading():
        rows, total, counts, page_number = await inbox.outbox_page(status, page_number, PER_PAGE)
    config, problem = mailer.mail_config()
    return page(
        request,
        "outbox.html",
        rows=rows,
        total=total,
        counts=counts,
        status=status,
        statuses=inbox.STATUSES,
        page_number=page_number,
        pages=max(1, -(-total // PER_PAGE)),
        config=config,
        problem=problem,
        base_url=Settings.from_env().base_url,
        fallback_url=compose.FALLBACK_BASE_URL,
    )


@post("/admin/outbox/{outbox_id:int}/retry", name="outbox_retry", guards=[ADMIN])
async def outbox_retry(request: Request, outbox_id: FromPath[int]) -> Redirect:
    user = current_user(request)
    if not await inbox.retry(outbox_id, user.username, client_address(request)):
        raise NotFoundException(
            i18n.translator(language(request))._(
                "Message %(id)s does not exist or has not failed.", id=outbox_id
            )
        )
    return redirect_with_flash(
        "/admin/outbox?status=pending", N_("The message is queued to be sent again.")
    )


ROUTES = [
    notifications_page,
    profile_page,
    profile_save,
    unsubscribe_page,
    unsubscribe_post,
    resubscribe_post,
    outbox_page,
    outbox_retry,
]
