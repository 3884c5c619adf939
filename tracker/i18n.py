"""The one translation layer: gettext catalogs for words, CLDR (Babel) for formats.

Every string a user reads is an English `msgid` in the code or a template,
translated through the catalogs in `tracker/locale/<lang>/LC_MESSAGES/messages.po`
(docs/translating.md). Bahasa Indonesia is the default; English is a switch
away; any other folder with a catalog is one more language, with no code to
change. Each `.po` is compiled to `.mo` at install (`scripts/setup`), and
again on first use when the `.mo` is missing or older; catalogs are loaded
once per process.

In Python: `i18n.translator(lang)._("Wrong username or password.")`; placeholders
are named, `%(name)s`, filled from keyword arguments; a literal percent sign is
written `%%` (every message is formatted, with or without values). Messages
chosen at run time (a status, a role, an error carried by an exception) are
marked where they are written with `N_("...")`, which only marks them for
extraction, and translated where they are shown.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import os
from collections.abc import Callable
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markupsafe import Markup, escape

if TYPE_CHECKING:  # Babel is imported when a language is first loaded: a CLI
    # command that prints no translated text (a sync) does not pay for it.
    from babel import Locale
    from babel.support import NullTranslations

DEFAULT_LANGUAGE = "id"
DOMAIN = "messages"
WITA = dt.timezone(dt.timedelta(hours=8), "WITA")
# Dates and numbers follow CLDR for the language of the same code; English
# writes the day before the month, as Indonesia does (British English). A
# language CLDR does not know (Balinese, `ban`) uses the Indonesian formats.
CLDR_LOCALES = {"en": "en_GB"}


def locale_dir() -> Path:
    """The catalogs' folder: `tracker/locale`, or `TRACKER_LOCALES` when set."""
    return Path(os.environ.get("TRACKER_LOCALES") or Path(__file__).with_name("locale"))


def _discover() -> tuple[str, ...]:
    """Indonesian first, then English, then every other language with a catalog."""
    try:
        found = {
            p.name for p in locale_dir().iterdir() if (p / "LC_MESSAGES" / f"{DOMAIN}.po").is_file()
        }
    except OSError:
        found = set()
    first = [lang for lang in (DEFAULT_LANGUAGE, "en") if lang in found or lang == DEFAULT_LANGUAGE]
    return (*first, *sorted(found - set(first)))


LANGUAGES = _discover()


def N_(message: str) -> str:
    """Marks a message for extraction without translating it (it is translated where shown)."""
    return message


def pick_language(value: str | None) -> str:
    return value if value in LANGUAGES else DEFAULT_LANGUAGE


def compile_catalog(po: Path) -> bytes:
    """A `.po` catalog as `.mo` bytes (fuzzy entries left out, as `pybabel compile` does)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as f:
        catalog = read_po(f, domain=DOMAIN)
    out = io.BytesIO()
    write_mo(out, catalog)
    return out.getvalue()


def _load(lang: str) -> NullTranslations:
    """One language's compiled catalog, compiled first if missing or older than the `.po`."""
    from babel.support import NullTranslations, Translations

    po = locale_dir() / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    mo = po.with_suffix(".mo")
    if not po.is_file():
        return NullTranslations()
    if not mo.is_file() or mo.stat().st_mtime < po.stat().st_mtime:
        data = compile_catalog(po)
        try:  # other workers may compile it at the same moment: replace atomically
            tmp = mo.with_name(f".{DOMAIN}.{os.getpid()}.mo")
            tmp.write_bytes(data)
            os.replace(tmp, mo)
        except OSError:  # a read-only install: keep it in memory only
            return Translations(io.BytesIO(data), domain=DOMAIN)
    with mo.open("rb") as f:
        return Translations(f, domain=DOMAIN)


def _cldr_locale(lang: str) -> Locale:
    from babel import Locale, UnknownLocaleError

    for name in (CLDR_LOCALES.get(lang, lang), DEFAULT_LANGUAGE):
        try:
            return Locale.parse(name)
        except (ValueError, UnknownLocaleError):
            continue
    raise AssertionError("CLDR has Indonesian")


def _as_local_day(value: Any) -> dt.date:
    if isinstance(value, str):
        value = (
            dt.datetime.fromisoformat(value) if len(value) > 10 else dt.date.fromisoformat(value)
        )
    if isinstance(value, dt.datetime):  # a moment: its day in WITA, not in UTC
        value = (value if value.tzinfo else value.replace(tzinfo=dt.UTC)).astimezone(WITA).date()
    return value


def _as_wita(value: Any) -> dt.datetime:
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    if value.tzinfo is None:  # stored times are UTC
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(WITA)


class Translator:
    """One language: its catalog (with fallbacks) and its CLDR formats."""

    def __init__(self, lang: str, translations: NullTranslations, locale: Locale) -> None:
        from babel.dates import format_date, format_time
        from babel.numbers import parse_pattern

        self._cldr_date, self._cldr_time = format_date, format_time
        self.lang = lang
        self.translations = translations
        self.locale = locale
        # The weekday form is CLDR's full date, with the day unpadded as everywhere
        # else in the tracker ("Kamis, 9 April 2026"; CLDR's Indonesian writes "09").
        self._full = locale.date_formats["full"].pattern.replace("dd", "d")
        self._long = locale.date_formats["long"].pattern
        self._at = locale._data["datetime_formats_relative"]["long"]  # "{1} 'pukul' {0}"
        self._percent = parse_pattern(locale.percent_formats[None].pattern)
        self._percents: dict[int, Any] = {}
        self._html: dict[str, Markup] = {}
        self._formatted: dict[tuple, str] = {}  # see `_remembered`

    # -- words
    def _(self, message: str, /, **values: Any) -> str:
        return self.translations.gettext(message) % self._days(values)

    gettext = _

    def ngettext(self, singular: str, plural: str, n: int, /, **values: Any) -> str:
        values.setdefault("num", n)
        return self.translations.ngettext(singular, plural, n) % self._days(values)

    def _days(self, values: dict[str, Any]) -> dict[str, Any]:
        """`values` with each day (a `datetime.date`) written the way this
        language writes one: a message raised far from any request ("due
        before the meeting (%(date)s)") carries the day, not its ISO text."""
        if not any(type(v) is dt.date for v in values.values()):
            return values
        return {k: self.date(v) if type(v) is dt.date else v for k, v in values.items()}

    def html(self, message: str) -> Markup:
        """The translation of `message`, escaped (placeholders still to fill), remembered."""
        html = self._html.get(message)
        if html is None:
            html = escape(self.translations.gettext(message))
            if len(self._html) < 10_000:  # msgids only, in practice; never unbounded
                self._html[message] = html
        return html

    def pgettext(self, context: str, message: str, /, **values: Any) -> str:
        return self.translations.pgettext(context, message) % self._days(values)

    def npgettext(self, context: str, singular: str, plural: str, n: int, /, **values: Any) -> str:
        values.setdefault("num", n)
        return self.translations.npgettext(context, singular, plural, n) % self._days(values)

    # -- formats
    def date(self, value: Any, weekday: bool = False) -> str:
        """'Jumat, 30 Januari 2026' (id) or 'Friday, 30 January 2026' (en); a moment's day in WITA."""
        if value is None or value == "":
            return ""
        return self._remembered(
            ("date", value, weekday),
            lambda: self._cldr_date(
                _as_local_day(value), self._full if weekday else self._long, locale=self.locale
            ),
        )

    def time(self, value: Any) -> str:
        """'14.05' (id) or '14:05' (en), in WITA."""
        return self._cldr_time(_as_wita(value), "short", locale=self.locale)

    def datetime(self, value: Any) -> str:
        """'30 Januari 2026 pukul 14.05 WITA': a stored UTC time shown in WITA."""
        if value is None or value == "":
            return ""
        local = _as_wita(value)
        date = self.date(local.date())
        return (
            self._at.replace("{1}", date).replace("{0}", self.time(local)).replace("'", "")
            + " WITA"
        )

    def number(self, value: Any, digits: int = 0) -> str:
        """'1.234,5' (id) or '1,234.5' (en), with exactly `digits` decimals."""
        if value is None:
            return ""
        return self._remembered(
            ("number", value, digits),
            lambda: _decimal_pattern(digits).apply(Decimal(str(value)), self.locale),
        )

    def quantity(self, value: Any) -> str:
        """A target as the agreement wrote it, with as many decimals as it
        has, in this language's marks: `2,5` (id) or `2.5` (en) for 2.5."""
        if value is None:
            return ""
        exact = Decimal(str(value))
        digits = 0 if exact == exact.to_integral_value() else -exact.normalize().as_tuple().exponent
        return self.number(value, digits)

    def percent(self, value: Any, digits: int = 1) -> str:
        """`value` percent the CLDR way: '20,5%' (id), '20.5%' (en)."""
        if value is None:
            return ""
        return self._remembered(
            ("percent", value, digits),
            lambda: self._percent_pattern(digits).apply(Decimal(str(value)) / 100, self.locale),
        )

    def _percent_pattern(self, digits: int) -> Any:
        pattern = self._percents.get(digits)
        if pattern is None:
            pattern = self._percents[digits] = copy.copy(self._percent)
            pattern.frac_prec = (digits, digits)
        return pattern

    def _remembered(self, key: tuple, format_: Callable[[], str]) -> str:
        """A formatted number or date, formatted once: CLDR formatting costs
        tens of microseconds, and a status page formats hundreds of the same
        few values."""
        found = self._formatted.get(key)
        if found is None:
            if len(self._formatted) >= 20_000:
                self._formatted.clear()
            found = self._formatted[key] = format_()
        return found

    def month_abbr(self, month: int) -> str:
        """'Agu' (id) or 'Aug' (en)."""
        return self.locale.months["stand-alone"]["abbreviated"][month]


@cache
def _decimal_pattern(digits: int) -> Any:
    """'#,##0.0': grouped, exactly `digits` decimals; the symbols come from the locale."""
    from babel.numbers import parse_pattern

    return parse_pattern("#,##0" + ("." + "0" * digits if digits else ""))


def translator(lang: str | None) -> Translator:
    """The translator of `lang` (an unknown language is Indonesian), loaded once per process.

    A language other than Indonesian and English falls back to Indonesian for
    what its catalog lacks; every language falls back to the English msgid.
    """
    return _translator(pick_language(lang))


@cache
def _translator(lang: str) -> Translator:
    translations = _load(lang)
    if lang not in (DEFAULT_LANGUAGE, "en"):
        translations.add_fallback(_load(DEFAULT_LANGUAGE))
    return Translator(lang, translations, _cldr_locale(lang))


def msgids() -> frozenset[str]:
    """Every singular msgid of the default catalog (without context)."""
    catalog = getattr(translator(DEFAULT_LANGUAGE).translations, "_catalog", {})
    return frozenset(k for k in catalog if isinstance(k, str) and k and "\x04" not in k)


def language_name(lang: str) -> str:
    """A language's name in itself ('Bahasa Indonesia', 'English'), from its own catalog."""
    # TRANSLATORS: the name of your language in itself, for the language switch
    # ("Bahasa Indonesia", "English", "Basa Bali").
    return translator(lang).pgettext("the name of this language, in this language", "English")


# Module-level shortcuts for the formats, used by code that has a language code.
def format_date(value: Any, lang: str = DEFAULT_LANGUAGE, weekday: bool = False) -> str:
    return translator(lang).date(value, weekday)


def format_datetime(value: Any, lang: str = DEFAULT_LANGUAGE) -> str:
    return translator(lang).datetime(value)


def format_number(value: Any, lang: str = DEFAULT_LANGUAGE, digits: int = 0) -> str:
    return translator(lang).number(value, digits)


def format_percent(value: Any, lang: str = DEFAULT_LANGUAGE, digits: int = 1) -> str:
    return translator(lang).percent(value, digits)


# -- Jinja2: `_`, `gettext`, `ngettext`, `pgettext`, `npgettext` and `N_` in every
# template, in the language of the context's `lang`. The translation is text,
# never markup: with autoescaping on it is escaped like any value, and so are
# the values put into it, so the HTML is what `{{ text }}` would give.


def _finish(context: Any, text: str, values: dict[str, Any]) -> str:
    values = translator(context.get("lang"))._days(values)
    if context.eval_ctx.autoescape:
        return escape(text) % values
    return text % values


def _translations(context: Any) -> NullTranslations:
    return translator(context.get("lang")).translations


def install(env: Any) -> Any:
    """Adds the i18n extension and the gettext functions to a Jinja environment."""
    from jinja2 import pass_context

    @pass_context
    def _gettext(context: Any, message: str, /, **values: Any) -> str:
        language = translator(context.get("lang"))
        if context.eval_ctx.autoescape:  # the common case, kept fast: pages call it often
            html = language.html(message)
            if values:
                return html % language._days(values)
            return html.replace("%%", "%") if "%" in html else html
        return language.translations.gettext(message) % language._days(values)

    @pass_context
    def _ngettext(context: Any, singular: str, plural: str, n: int, /, **values: Any) -> str:
        values.setdefault("num", n)
        return _finish(context, _translations(context).ngettext(singular, plural, n), values)

    @pass_context
    def _pgettext(context: Any, ctx: str, message: str, /, **values: Any) -> str:
        return _finish(context, _translations(context).pgettext(ctx, message), values)

    @pass_context
    def _npgettext(
        context: Any, ctx: str, singular: str, plural: str, n: int, /, **values: Any
    ) -> str:
        values.setdefault("num", n)
        text = _translations(context).npgettext(ctx, singular, plural, n)
        return _finish(context, text, values)

    env.add_extension("jinja2.ext.i18n")
    env.globals.update(
        _=_gettext,
        gettext=_gettext,
        ngettext=_ngettext,
        pgettext=_pgettext,
        npgettext=_npgettext,
        N_=N_,
    )
    env.newstyle_gettext = True
    from tracker import words

    env.globals["words"] = words
    return env
