"""The words of each message: subject, plain text and HTML, in the recipient's language.

Mail templates live in `templates/mail/` (`.txt` rendered without escaping,
`.html` with it) and take every string from the one translation table. Links
are absolute (TRACKER_BASE_URL); the in-tracker notification keeps the path.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from tracker import i18n, words
from tracker.notifications.profile import Profile, category
from tracker.settings import ROOT

FALLBACK_BASE_URL = "http://127.0.0.1:8000"
MAX_LINES = 25  # per digest section; the rest is counted, with a link to the status page


@dataclass
class Content:
    title: str  # the notification's title (and the digest's heading)
    summary: str  # the notification's text on the Notifikasi page
    link: str  # path in the tracker
    subject: str
    text: str
    html: str
    unsubscribe_url: str


class Fmt:
    """Formatting in one language, for the templates."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def date(self, value: Any, weekday: bool = False) -> str:
        return i18n.format_date(value, self.lang, weekday)

    def number(self, value: Any) -> str:
        return i18n.format_number(value, self.lang)

    def time(self, value: Any) -> str:
        """'09.00 WITA' (id) or '09:00 WITA' (en)."""
        local = value.astimezone(i18n.WITA)
        return f"{local:%H.%M} WITA" if self.lang == "id" else f"{local:%H:%M} WITA"

    def status(self, value: str) -> str:
        return i18n.translator(self.lang)._(words.STATUS[value]) if value in words.STATUS else value


@cache
def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(ROOT / "templates" / "mail"),
        autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=False),
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )
    return i18n.install(env)


_WORDS_ONLY: ContextVar[bool] = ContextVar("words_only", default=False)


@contextmanager
def words_only() -> Iterator[None]:
    """Compose messages without their mail bodies: a notification written in
    the interface's other languages needs only its title and summary, and
    rendering each mail (a digest's tables) again per language doubled a
    notify run's work."""
    token = _WORDS_ONLY.set(True)
    try:
        yield
    finally:
        _WORDS_ONLY.reset(token)


def _render(name: str, user: Profile, **values: Any) -> tuple[str, str]:
    if _WORDS_ONLY.get():
        return "", ""
    env = _environment()
    lang = user.language
    context = {
        "fmt": Fmt(lang),
        "lang": lang,
        "user": user,
        "max_lines": MAX_LINES,
        **values,
    }
    text = env.get_template(f"{name}.txt").render(context)
    html = env.get_template(f"{name}.html").render(context)
    return text, html


def _common(user: Profile, kind: str, unsubscribe_url: str, base_url: str) -> dict[str, Any]:
    """The footer's values; a guest (no account) has no profile page to link to."""
    return {
        "choice": category(kind),
        "unsubscribe_url": unsubscribe_url,
        "profile_url": "" if user.guest else f"{base_url}/profil",
        "base_url": base_url,
    }


def reminder(
    kind: str,
    user: Profile,
    action: dict[str, Any],
    today: dt.date,
    unsubscribe_url: str,
    base_url: str,
) -> Content:
    lang = user.language
    due = action["due"]
    late = kind.endswith(".late")
    date = i18n.format_date(due, lang, weekday=True)
    days = (due - today).days
    if late:
        # Late from the day after `due` (status.is_late): name the deadline,
        # never "late since" the due date itself.
        subject = i18n.translator(lang)._(
            "[Late] %(code)s passed its deadline of %(date)s", code=action["code"], date=date
        )
        title = i18n.translator(lang)._(
            "%(code)s is late (due %(date)s): %(title)s",
            code=action["code"],
            date=date,
            title=action["title"],
        )
        intro = i18n.translator(lang)._(
            "We would like to inform you that the following action, due on %(date)s, is now late: it has not been reported done.",
            date=date,
        )
    else:
        subject = i18n.translator(lang)._(
            "[Reminder] %(code)s is due on %(date)s", code=action["code"], date=date
        )
        title = i18n.translator(lang).ngettext(
            "%(code)s is due in %(days)s day: %(title)s",
            "%(code)s is due in %(days)s days: %(title)s",
            days,
            code=action["code"],
            days=days,
            title=action["title"],
        )
        intro = i18n.translator(lang).ngettext(
            "This is a reminder that the following action is due in %(days)s day, on %(date)s.",
            "This is a reminder that the following action is due in %(days)s days, on %(date)s.",
            days,
            days=days,
            date=date,
        )
    text, html = _render(
        "reminder",
        user,
        intro=intro,
        action=action,
        url=base_url + action["path"],
        **_common(user, kind, unsubscribe_url, base_url),
    )
    return Content(title, intro, action["path"], subject, text, html, unsubscribe_url)


def digest(
    user: Profile, data: dict[str, Any], monday: dt.date, unsubscribe_url: str, base_url: str
) -> Content:
    lang = user.language
    date = i18n.format_date(data["today"], lang, weekday=True)
    if user.role == "secretariat":
        names = ", ".join(p["name"] for p in data["parties"]) or user.display_name
        intro = i18n.translator(lang)._(
            "Please find below the progress of the actions of %(parties)s as of %(date)s.",
            parties=names,
            date=date,
        )
    else:
        intro = i18n.translator(lang)._(
            "Please find below the progress of every party's actions as of %(date)s.", date=date
        )
    counts = {name: len(rows) for name, rows in data["sections"].items()}
    summary = i18n.translator(lang)._(
        "Became late %(became_late)s, still late %(still_late)s, done this week %(done)s, due in 30 days %(due_soon)s, no update for 60 days %(stale)s.",
        **counts,
    )
    text, html = _render(
        "digest",
        user,
        intro=intro,
        data=data,
        counts=counts,
        **_common(user, "digest", unsubscribe_url, base_url),
    )
    heading = i18n.format_date(monday, lang)
    return Content(
        title=i18n.translator(lang)._("Weekly digest, %(date)s", date=heading),
        summary=summary,
        link="/aksi" if user.role == "secretariat" else "/status",
        subject=i18n.translator(lang)._("Weekly agreement tracking digest, %(date)s", date=heading),
        text=text,
        html=html,
        unsubscribe_url=unsubscribe_url,
    )


def expiry(user: Profile, doc: dict[str, Any], unsubscribe_url: str, base_url: str) -> Content:
    lang = user.language
    date = i18n.format_date(doc["valid_until"], lang, weekday=True)
    intro = i18n.translator(lang)._(
        "We would like to inform you that the following agreement is valid until %(date)s, %(days)s days from now. Please start preparing its renewal or replacement in time.",
        date=date,
        days=doc["days"],
    )
    text, html = _render(
        "expiry",
        user,
        intro=intro,
        doc=doc,
        url=base_url + doc["path"],
        **_common(user, "expiry", unsubscribe_url, base_url),
    )
    return Content(
        title=i18n.translator(lang).ngettext(
            "%(title)s expires in %(days)s day (%(date)s)",
            "%(title)s expires in %(days)s days (%(date)s)",
            doc["days"],
            title=doc["title"],
            days=doc["days"],
            date=date,
        ),
        summary=intro,
        link=doc["path"],
        subject=i18n.translator(lang)._(
            "[Expiry] %(title)s expires on %(date)s", title=doc["title"], date=date
        ),
        text=text,
        html=html,
        unsubscribe_url=unsubscribe_url,
    )


def rakor(
    variant: str, user: Profile, meeting: dict[str, Any], unsubscribe_url: str, base_url: str
) -> Content:
    """A Rakor's invitation, changed invitation, cancellation or notulen
    (`variant`: invitation | update | cancel | minutes)."""
    lang = user.language
    date = i18n.format_date(meeting["starts_at"], lang, weekday=True)
    values = {"title": meeting["title"], "date": date, "version": meeting.get("version", "")}
    intro = i18n.translator(lang)._(words.RAKOR_MAIL_INTRO[variant], **values)
    link = _rakor_link(variant, user, meeting)
    text, html = _render(
        "rakor",
        user,
        variant=variant,
        intro=intro,
        meeting=meeting,
        url=base_url + link if link else "",
        **_common(user, "rakor", unsubscribe_url, base_url),
    )
    return Content(
        title=i18n.translator(lang)._(words.RAKOR_MAIL_TITLE[variant], **values),
        summary=intro,
        link=link,
        subject=i18n.translator(lang)._(words.RAKOR_MAIL_SUBJECT[variant], **values),
        text=text,
        html=html,
        unsubscribe_url=unsubscribe_url,
    )


def _rakor_link(variant: str, user: Profile, meeting: dict[str, Any]) -> str:
    """Where a Rakor mail points in the tracker: none for a guest, who has no
    account to open the meeting, Aksi saya or Notifikasi with."""
    if user.guest:
        return ""
    if variant == "minutes":
        return f"/rakor/{meeting['slug']}"
    return "/aksi" if user.role == "secretariat" else "/notifikasi"


def rakor_reminder(
    user: Profile, meeting: dict[str, Any], unsubscribe_url: str, base_url: str
) -> Content:
    """Report before the Rakor: the open actions of the user's parties on its agenda."""
    lang = user.language
    date = i18n.format_date(meeting["starts_at"], lang, weekday=True)
    count = len(meeting["actions"])
    intro = i18n.translator(lang)._(
        "The coordination meeting “%(title)s” takes place on %(date)s. The following actions, which involve your parties, are on its agenda. Please update their progress reports before the meeting.",
        title=meeting["title"],
        date=date,
    )
    text, html = _render(
        "rakor_reminder",
        user,
        intro=intro,
        meeting=meeting,
        url=base_url + "/aksi",
        **_common(user, "rakor", unsubscribe_url, base_url),
    )
    return Content(
        title=i18n.translator(lang).ngettext(
            "Rakor on %(date)s: %(count)s of your parties' actions is on the agenda; please update it",
            "Rakor on %(date)s: %(count)s of your parties' actions are on the agenda; please update them",
            count,
            date=date,
            count=count,
        ),
        summary=intro,
        link="/aksi",
        subject=i18n.translator(lang)._(
            "[Rakor reminder] Please update your reports before %(date)s", date=date
        ),
        text=text,
        html=html,
        unsubscribe_url=unsubscribe_url,
    )


def approval(
    kind: str, user: Profile, about: dict[str, Any], unsubscribe_url: str, base_url: str
) -> Content:
    """A step of the minutes' approval (`approval.submitted|returned|approved`):
    `about` holds the meeting's `title` and `path`, who acted (`by`) and the
    return `note`, if any."""
    lang = user.language
    step = kind.split(".", 1)[1]
    values = {"title": about["title"], "by": about["by"]}
    title = i18n.translator(lang)._(words.APPROVAL_MAIL_TITLE[step], **values)
    intro = i18n.translator(lang)._(words.APPROVAL_MAIL_INTRO[step], **values)
    text, html = _render(
        "approval",
        user,
        intro=intro,
        heading=title,
        note=about.get("note") or "",
        url=base_url + about["path"],
        **_common(user, kind, unsubscribe_url, base_url),
    )
    return Content(
        title=title,
        summary=intro + (f" {about['note']}" if about.get("note") else ""),
        link=about["path"],
        subject=i18n.translator(lang)._(words.APPROVAL_MAIL_SUBJECT[step], **values),
        text=text,
        html=html,
        unsubscribe_url=unsubscribe_url,
    )
