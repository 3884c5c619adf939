"""What every page needs: the request's language, the translator, formatting."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Awaitable, Callable, Hashable, Iterable
from functools import cache, partial
from pathlib import Path
from typing import Annotated, Any, TypeVar
from urllib.parse import urlencode, urlsplit

from jinja2 import Environment, FileSystemLoader, select_autoescape
from litestar import Request, Response
from litestar.datastructures import Cookie
from litestar.params import QueryParameter
from litestar.response import Redirect, Template
from markupsafe import Markup

from tracker import i18n, words
from tracker.kept import Kept
from tracker.minutes.meetings import fingerprint
from tracker.progress.notes import render_note
from tracker.settings import Settings
from tracker.web import compression

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES_DIR = ROOT / "templates"
STATIC_DIR = ROOT / "static"
HTMX = "htmx-2.0.11.min.js"
LANG_COOKIE = "lang"
T = TypeVar("T")
# `?page=N` of a paged list: a number from 1 (anything else is a 400 that says so)
PageNumber = Annotated[int, QueryParameter(name="page", ge=1, le=1_000_000)]
FLASH_COOKIE = "flash"


class Rendered(Kept[Markup]):
    """HTML fragments kept per worker under a key naming exactly what they
    show (a version or digest of the data, the language...), the least
    recently used dropped past `limit`: for the fragments whose rendering is
    most of a page's cost."""

    def get(self, key: Hashable, render: Callable[[], str]) -> Markup:
        """The fragment kept under `key`, or `render()`'s, kept from now on."""
        return super().get(key, lambda: _markup(render()))

    def joined(
        self, items: Iterable[T], key_of: Callable[[T], Hashable], render: Callable[[T], str]
    ) -> Markup:
        """Each item's fragment (a table row, a list item), kept under
        `key_of(item)`, one after the other."""
        return Markup("".join(self.get(key_of(i), lambda i=i: render(i)) for i in items))


def _markup(html: str) -> Markup:
    """`html` as Markup, itself if it is (a `compression.Fragment` stays one)."""
    return html if isinstance(html, Markup) else Markup(html)


class UI:
    """Formatting bound to one request's language, for templates (`ui.date(...)`)."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.translator = i18n.translator(lang)
        self._ = self.translator._
        self.ngettext = self.translator.ngettext
        self.pgettext = self.translator.pgettext
        # The languages to switch to, each by its own name (the header's switch).
        self.other_languages = [
            (code, i18n.language_name(code)) for code in i18n.LANGUAGES if code != lang
        ]
        self.other_lang = self.other_languages[0][0] if self.other_languages else lang

    def date(self, value: Any, weekday: bool = False) -> str:
        return self.translator.date(value, weekday)

    def datetime(self, value: Any) -> str:
        return self.translator.datetime(value)

    def now(self) -> dt.datetime:
        """This moment, for a page that says on paper when it was loaded."""
        return dt.datetime.now(dt.UTC)

    def number(self, value: Any, digits: int = 0) -> str:
        return self.translator.number(value, digits)

    def percent(self, value: Any, digits: int = 1) -> str:
        return self.translator.percent(value, digits)

    def quantity(self, value: Any) -> str:
        return self.translator.quantity(value)

    def status(self, value: str) -> str:
        return self._(words.STATUS[value]) if value in words.STATUS else value


def local_path(target: object, default: str = "/") -> str:
    r"""`target` if it is a path on this site (with its query), else `default`.

    Refused: anything with a scheme or a host, `//host` and `/\host` (browsers
    read a backslash as a slash), and any control character or space (browsers
    drop tabs and newlines, so `/<TAB>/host` would become `//host`)."""
    if not isinstance(target, str) or not target.startswith("/") or len(target) > 2048:
        return default
    if target.startswith("//") or "\\" in target:
        return default
    if any(ch <= " " or ch == "\x7f" for ch in target):
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return default
    return target


def public_base(request: Request) -> str:
    """The tracker's public address: TRACKER_BASE_URL if set, else this request's."""
    return Settings.from_env().base_url or f"{request.url.scheme}://{request.url.netloc}"


def language(request: Request) -> str:
    return i18n.pick_language(request.cookies.get(LANG_COOKIE))


@cache
def static_url(name: str) -> str:
    """A static file's URL with its content hash, so it can be cached for a year."""
    digest = hashlib.sha256((STATIC_DIR / name).read_bytes()).hexdigest()[:10]
    return f"/static/{name}?v={digest}"


@cache
def environment() -> Environment:
    """The one Jinja environment of a worker (templates parsed once)."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATES_DIR),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
        # Templates are read once per worker: a template newer than the running
        # code (mid-deploy) must not be mixed with it, and no stat() per render.
        auto_reload=False,
    )
    env.globals["static_url"] = static_url
    env.filters["note"] = lambda text: Markup(render_note(text))
    env.globals["HTMX"] = HTMX
    env.globals["public_base"] = public_base
    env.filters["qs"] = lambda params: urlencode(params, doseq=True)
    env.globals["fingerprint"] = fingerprint
    # A write form's one-time key: a second submission of it is stored once.
    env.globals["submission_key"] = lambda: secrets.token_urlsafe(18)
    return i18n.install(env)


def context(request: Request, **values: Any) -> dict[str, Any]:
    lang = language(request)
    flash = request.cookies.get(FLASH_COOKIE)
    return {
        "ui": UI(lang),
        "lang": lang,
        "request": request,
        "user": request.scope.get("user"),
        "flash": _flash_messages().get(flash or ""),
        **values,
    }


def page(
    request: Request,
    template: str,
    status_code: int = 200,
    fragments: list[compression.Fragment] | None = None,
    **values: Any,
) -> Template:
    """A page; a flash message set by the previous redirect is shown once.
    Kept fragments among `values`, and those of `fragments` (held in a value,
    in page order), are encoded once (`compression.FragmentPage`)."""
    fragments = [
        *(v for v in values.values() if isinstance(v, compression.Fragment)),
        *(fragments or ()),
    ]
    kind = partial(compression.FragmentPage, fragments=fragments) if fragments else Template
    response = kind(
        template_name=template, context=context(request, **values), status_code=status_code
    )
    if request.cookies.get(FLASH_COOKIE):
        response.cookies.append(Cookie(key=FLASH_COOKIE, value="", max_age=0, path="/"))
    return response


def _flash_id(message: str) -> str:
    return hashlib.sha256(message.encode()).hexdigest()[:16]


@cache
def _flash_messages() -> dict[str, str]:
    """Every message of the catalogs by its flash id: a cookie can name only those."""
    return {_flash_id(m): m for m in i18n.msgids()}


def redirect_with_flash(path: str, message: str) -> Redirect:
    """Redirect-after-POST, with a message (a msgid, marked with `N_`) for the next page.

    The cookie carries a short digest of the message, so any text stays out of
    it, and only a message of the catalogs can be shown."""
    response = Redirect(path=path, status_code=303)
    response.cookies.append(
        Cookie(
            key=FLASH_COOKIE,
            value=_flash_id(message),
            max_age=60,
            path="/",
            httponly=True,
            samesite="lax",
        )
    )
    return response


class Later(Response):
    """A response made by a coroutine when it is sent. Litestar's exception
    handlers are plain functions; a page that answers an error in its own
    words (the form it came from, read from the database) is made here."""

    def __init__(self, make: Callable[[], Awaitable[Response]]) -> None:
        super().__init__(content=b"")
        self.make = make

    def to_asgi_response(self, app: Any, request: Request, **kwargs: Any) -> Any:
        async def respond(scope: Any, receive: Any, send: Any) -> None:
            response = await self.make()
            await response.to_asgi_response(app, request, **kwargs)(scope, receive, send)

        return respond
