"""The words of each message: subject, plain text and HTML, in the recipient's language.

Mail templates live in `templates/mail/` (`.txt` rendered without escaping,
`.html` with it) and take every string from the one translation table. Links
are absolute (TRACKER_BASE_URL); the in-tracker notification keeps the path.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from tracker import i18n
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
        return i18n.translate(f"status.{value}", self.lang)


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
    return env


def _render(name: str, user: Profile, **values: Any) -> tuple[str, str]:
    env = _environment()
    lang = user.language
    context = {
        "_": i18n.Translator(lang),
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
    return {
        "choice": category(kind),
        "unsubscribe_url": unsubscribe_url,
        "profile_url": f"{base_url}/profil",
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
        subject = i18n.translate("reminder.subject.late", lang, code=action["code"], date=date)
        title = i18n.translate(
            "reminder.title.late", lang, code=action["code"], date=date, title=action["title"]
        )
        intro = i18n.translate("reminder.intro.late", lang, date=date)
    else:
        subject = i18n.translate("reminder.subject.before", lang, code=action["code"], date=date)
        title = i18n.translate(
            "reminder.title.before", lang, code=action["code"], days=days, title=action["title"]
        )
        intro = i18n.translate("reminder.intro.before", lang, days=days, date=date)
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
        intro = i18n.translate("digest.intro.parties", lang, parties=names, date=date)
    else:
        intro = i18n.translate("digest.intro.all", lang, date=date)
    counts = {name: len(rows) for name, rows in data["sections"].items()}
    summary = i18n.translate("digest.summary", lang, **counts)
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
        title=i18n.translate("digest.title", lang, date=heading),
        summary=summary,
        link="/aksi" if user.role == "secretariat" else "/status",
        subject=i18n.translate("digest.subject", lang, date=heading),
        text=text,
        html=html,
        unsubscribe_url=unsubscribe_url,
    )


def expiry(user: Profile, doc: dict[str, Any], unsubscribe_url: str, base_url: str) -> Content:
    lang = user.language
    date = i18n.format_date(doc["valid_until"], lang, weekday=True)
    intro = i18n.translate("expiry.intro", lang, date=date, days=doc["days"])
    text, html = _render(
        "expiry",
        user,
        intro=intro,
        doc=doc,
        url=base_url + doc["path"],
        **_common(user, "expiry", unsubscribe_url, base_url),
    )
    return Content(
        title=i18n.translate("expiry.title", lang, title=doc["title"], days=doc["days"], date=date),
        summary=intro,
        link=doc["path"],
        subject=i18n.translate("expiry.subject", lang, title=doc["title"], date=date),
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
    intro = i18n.translate(f"rakor_mail.intro.{variant}", lang, **values)
    if variant == "minutes":
        link = f"/rakor/{meeting['slug']}"
    else:
        link = "/aksi" if user.role == "secretariat" else "/notifikasi"
    text, html = _render(
        "rakor",
        user,
        variant=variant,
        intro=intro,
        meeting=meeting,
        url=base_url + link,
        **_common(user, "rakor", unsubscribe_url, base_url),
    )
    return Content(
        title=i18n.translate(f"rakor_mail.title.{variant}", lang, **values),
        summary=intro,
        link=link,
        subject=i18n.translate(f"rakor_mail.subject.{variant}", lang, **values),
        text=text,
        html=html,
        unsubscribe_url=unsubscribe_url,
    )


def rakor_reminder(
    user: Profile, meeting: dict[str, Any], unsubscribe_url: str, base_url: str
) -> Content:
    """Report before the Rakor: the open actions of the user's parties on its agenda."""
    lang = user.language
    date = i18n.format_date(meeting["starts_at"], lang, weekday=True)
    count = len(meeting["actions"])
    intro = i18n.translate("rakor_mail.intro.reminder", lang, title=meeting["title"], date=date)
    text, html = _render(
        "rakor_reminder",
        user,
        intro=intro,
        meeting=meeting,
        url=base_url + "/aksi",
        **_common(user, "rakor", unsubscribe_url, base_url),
    )
    return Content(
        title=i18n.translate("rakor_mail.title.reminder", lang, date=date, count=count),
        summary=intro,
        link="/aksi",
        subject=i18n.translate("rakor_mail.subject.reminder", lang, date=date),
        text=text,
        html=html,
        unsubscribe_url=unsubscribe_url,
    )
