"""Issue 13: gettext catalogs, CLDR formats, and a third language without code.

The catalogs must hold exactly what the code and the templates ask for (the
extraction runs here, in memory, with the settings of `babel.cfg`), every
entry translated and none fuzzy, placeholders matching. The formats come from
CLDR through Babel. A third language is one more catalog, nothing else.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import sys
import textwrap

import httpx
import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po, write_po
from conftest import ROOT, serve

from tracker import i18n

LOCALE = ROOT / "tracker" / "locale"
FIX = "run `scripts/i18n extract`, then translate (docs/translating.md)"


def extracted() -> dict[tuple[str | None, str], list[str]]:
    """Every (context, msgid) of the code and templates, with where it is used."""
    with (ROOT / "babel.cfg").open(encoding="utf-8") as f:
        method_map, options_map = parse_mapping_cfg(f, "babel.cfg")
    found: dict[tuple[str | None, str], list[str]] = {}
    for filename, lineno, message, _comments, context in extract_from_dir(
        ROOT, method_map, options_map, keywords=DEFAULT_KEYWORDS
    ):
        msgid = message if isinstance(message, str) else message[0]
        found.setdefault((context, msgid), []).append(f"{filename}:{lineno}")
    return found


def catalog(lang: str) -> Catalog:
    with (LOCALE / lang / "LC_MESSAGES" / "messages.po").open("rb") as f:
        return read_po(f, locale=lang)


@pytest.fixture(scope="module")
def used() -> dict[tuple[str | None, str], list[str]]:
    return extracted()


def test_the_extraction_finds_the_code_and_the_templates(used):
    places = {place.split(":")[0] for where in used.values() for place in where}
    assert any(p.startswith("tracker/") and p.endswith(".py") for p in places)
    assert any(p.startswith("templates/mail/") and p.endswith(".txt") for p in places)
    assert any(p.startswith("templates/") and p.endswith(".html") for p in places)
    assert len(used) > 700


@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_string_is_in_the_catalog_translated(used, lang):
    messages = catalog(lang)
    have = {(m.context, m.id if isinstance(m.id, str) else m.id[0]): m for m in messages if m.id}
    missing = sorted(
        f"{msgid!r} (context {ctx!r}) at {where[0]}"
        for (ctx, msgid), where in used.items()
        if (ctx, msgid) not in have
    )
    assert not missing, f"not in the {lang} catalog ({FIX}):\n" + "\n".join(missing)
    stale = sorted(repr(key[1]) for key in have if key not in used)
    assert not stale, f"in the {lang} catalog but used nowhere ({FIX}):\n" + "\n".join(stale)
    untranslated = sorted(
        repr(m.id)
        for m in have.values()
        if not (m.string if isinstance(m.string, str) else all(m.string))
    )
    assert not untranslated, f"untranslated in {lang}:\n" + "\n".join(untranslated)
    fuzzy = sorted(repr(m.id) for m in have.values() if m.fuzzy)
    assert not fuzzy and not messages.fuzzy, f"fuzzy in {lang}: {fuzzy}"
    # Placeholders: the same names in msgid and msgstr (Babel's python-format checker).
    problems = [f"{m.id!r}: {errors}" for m, errors in messages.check()]
    assert not problems, "\n".join(problems)


def test_no_message_hides_in_an_f_string():
    """Python 3.11's tokenizer gives Babel an f-string as one string: a message
    written inside one would never reach the catalogs."""
    call = re.compile(
        r"""f["'][^\n]*\{[^}\n]*\b(_|gettext|ngettext|pgettext|npgettext|N_)\(\s*["']"""
    )
    hidden = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in (ROOT / "tracker").rglob("*.py")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if call.search(line)
    ]
    assert not hidden, hidden


def test_plural_forms_follow_the_language():
    assert catalog("id").num_plurals == 1 and catalog("en").num_plurals == 2
    en, id_ = i18n.translator("en"), i18n.translator("id")
    assert en.ngettext("%(n)s guest", "%(n)s guests", 1, n=1) == "1 guest"
    assert en.ngettext("%(n)s guest", "%(n)s guests", 3, n=3) == "3 guests"
    assert id_.ngettext("%(n)s guest", "%(n)s guests", 3, n=3) == "3 tamu"


def test_catalogs_are_loaded_once_per_process():
    assert i18n.translator("id") is i18n.translator("id")
    assert i18n.translator("xx") is i18n.translator("id")  # unknown: the default


def test_messages_carried_by_exceptions_work_in_both_languages():
    from tracker.minutes.meetings import MeetingError
    from tracker.reports.summary import FilterError

    error = MeetingError(i18n.N_("There is no meeting %(value)s."), value="rakor-x")
    assert str(error) == "There is no meeting rakor-x."
    assert i18n.translator("id")._(error.key, **error.values) == "Rakor rakor-x tidak ada."
    problem = FilterError(i18n.N_("Unknown party: %(value)s"), value="bali")
    assert "bali" in str(problem)
    assert i18n.translator("id")._(problem.key, **problem.values) == "Pihak tidak dikenal: bali"


# ---------------------------------------------------------------- formats (CLDR)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("id", ["30 Januari 2026", "Kamis, 9 April 2026", "30 Januari 2026 pukul 14.05 WITA"]),
        ("en", ["30 January 2026", "Thursday, 9 April 2026", "30 January 2026 at 14:05 WITA"]),
    ],
)
def test_dates_and_times_are_cldr_in_wita(lang, expected):
    t = i18n.translator(lang)
    moment = dt.datetime(2026, 1, 30, 6, 5, tzinfo=dt.UTC)  # 14.05 WITA
    assert [
        t.date(dt.date(2026, 1, 30)),
        t.date(dt.date(2026, 4, 9), True),
        t.datetime(moment),
    ] == (expected)
    # A moment late in the UTC day is the next day in WITA.
    assert t.date(dt.datetime(2026, 3, 31, 23, 30, tzinfo=dt.UTC)).startswith("1 ")


def test_numbers_and_percentages_are_cldr():
    id_, en = i18n.translator("id"), i18n.translator("en")
    assert id_.number(1234567) == "1.234.567" and en.number(1234567) == "1,234,567"
    assert id_.number(20.5, 1) == "20,5" and en.number(20.5, 1) == "20.5"
    # The slip of issue 13: Indonesian writes a decimal comma, CLDR no space.
    assert id_.percent(20.5) == "20,5%" and en.percent(20.5) == "20.5%"
    assert id_.percent(100, 0) == "100%"
    assert id_.month_abbr(8) == "Agu" and en.month_abbr(5) == "May"


def test_the_indonesian_chart_writes_percentages_the_indonesian_way():
    from tracker.reports import chart
    from tracker.web.ui import UI

    ui = UI("id")
    points = [
        chart.Point(day=dt.date(2026, 2, 2), percent=20.5, late=1, total=4),
        chart.Point(day=dt.date(2026, 2, 9), percent=37.25, late=0, total=4),
    ]
    labels = {"title": "t", "percent": "persen selesai", "late": "terlambat", "months": ["x"] * 12}
    svg = chart.svg(points, labels, ui.date, ui.percent)
    assert "20,5%" in svg and "20.5%" not in svg and "20,5 %" not in svg


def test_translations_are_escaped_like_any_text():
    from jinja2 import Environment

    env = i18n.install(Environment(autoescape=True))
    html = env.from_string("{{ _('\"Since\" must be before the as-of date.') }}").render(lang="id")
    assert html == "Tanggal &#34;sejak&#34; harus sebelum tanggal &#34;per&#34;."
    html = env.from_string("{{ _('Unknown party: %(value)s', value=v) }}").render(
        lang="en", v="<b>"
    )
    assert html == "Unknown party: &lt;b&gt;"
    text = Environment(autoescape=False)
    i18n.install(text)
    assert text.from_string("{{ _('Unknown party: %(value)s', value='<b>') }}").render() == (
        "Pihak tidak dikenal: <b>"
    )


# ------------------------------------------------------------ compile and a third language


def test_a_catalog_is_compiled_when_its_mo_is_missing_or_older(tmp_path):
    shutil.copytree(LOCALE / "id", tmp_path / "id", ignore=shutil.ignore_patterns("*.mo"))
    script = textwrap.dedent(
        """
        from tracker import i18n
        print(i18n.LANGUAGES, i18n.translator("id")._("Log in"))
        """
    )
    env = {"TRACKER_LOCALES": str(tmp_path), "PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "('id',) Masuk"
    mo = tmp_path / "id" / "LC_MESSAGES" / "messages.mo"
    assert mo.is_file()
    # An edited .po (newer than its .mo) is compiled again at the next start.
    po = mo.with_suffix(".po")
    po.write_text(po.read_text(encoding="utf-8").replace('msgstr "Masuk"', 'msgstr "MASUK"'))
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, cwd=ROOT, capture_output=True, text=True
    )
    assert done.stdout.strip() == "('id',) MASUK"


# A Balinese catalog as a translator would write it (a few entries: what it
# lacks falls back to Indonesian). Nothing else is added: no code, no setting.
BALINESE_PO = """\
msgid ""
msgstr ""
"Project-Id-Version: tracker 1\\n"
"Language: ban\\n"
"Plural-Forms: nplurals=1; plural=0;\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=utf-8\\n"
"Content-Transfer-Encoding: 8bit\\n"

msgctxt "the name of this language, in this language"
msgid "English"
msgstr "Basa Bali"

msgid "Log in"
msgstr "Macelep"

msgid "Password"
msgstr "Kruna sandi"

msgid "Not started"
msgstr "Durung kakawitin"
"""


def test_a_third_language_is_only_a_catalog(tmp_path, accounts):
    from test_interface_details import session

    locales = tmp_path / "locale"
    shutil.copytree(LOCALE, locales, ignore=shutil.ignore_patterns("*.mo", "*.pot"))
    (locales / "ban" / "LC_MESSAGES").mkdir(parents=True)
    (locales / "ban" / "LC_MESSAGES" / "messages.po").write_text(BALINESE_PO, encoding="utf-8")
    for url in serve(workers=1, TRACKER_LOCALES=str(locales)):
        page = httpx.get(f"{url}/login", timeout=30).text
        # The switch offers both other languages, each by its own name.
        assert 'href="/lang/en?next=/login"' in page and ">English</a>" in page
        assert 'href="/lang/ban?next=/login"' in page and ">Basa Bali</a>" in page
        anonymous = httpx.Client(base_url=url, timeout=30, cookies={"lang": "ban"})
        page = anonymous.get("/login").text
        assert '<html lang="ban"' in page
        assert "Macelep" in page and "Kruna sandi" in page
        assert "Nama pengguna" in page  # not in the Balinese catalog: Indonesian
        assert ">Bahasa Indonesia</a>" in page and ">English</a>" in page
        # A logged-in page: Balinese words, Indonesian dates (CLDR has no Balinese).
        client = session(url, "viewer", lang="ban")
        page = client.get("/d/harmoni-bali-ntt").text
        assert "Durung kakawitin" in page and "Belum mulai" not in page
        assert "28 Januari 2026" in page
        client.get("/lang/en?next=/")
        assert "Not started" in client.get("/d/harmoni-bali-ntt").text


def test_init_starts_a_catalog_for_a_language_cldr_does_not_know(tmp_path):
    """docs/translating.md adds Balinese with `scripts/i18n init ban`: pybabel
    refused it (`unknown locale 'ban'`), though the tracker serves it."""
    (tmp_path / "scripts").mkdir()
    shutil.copy(ROOT / "scripts" / "i18n", tmp_path / "scripts" / "i18n")
    (tmp_path / ".venv").symlink_to(sys.prefix)
    pot = Catalog(project="tracker")
    pot.add("Log in")
    (tmp_path / "tracker" / "locale").mkdir(parents=True)
    with (tmp_path / "tracker" / "locale" / "messages.pot").open("wb") as f:
        write_po(f, pot)
    done = subprocess.run(
        ["scripts/i18n", "init", "ban"], cwd=tmp_path, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    po = tmp_path / "tracker" / "locale" / "ban" / "LC_MESSAGES" / "messages.po"
    with po.open("rb") as f:
        catalog = read_po(f)
    assert catalog.get("Log in") is not None
    assert '"Language: ban\\n"' in po.read_text(encoding="utf-8")
    refused = subprocess.run(
        ["scripts/i18n", "init", "../x"], cwd=tmp_path, capture_output=True, text=True
    )
    assert refused.returncode == 2 and "not a language code" in refused.stderr


def test_compiling_the_catalogs_quietly_prints_nothing():
    """`scripts/setup` (and so every `scripts/run`) compiles them this way:
    pybabel's `compiling catalog ...` lines went to stderr on every start."""
    import subprocess

    done = subprocess.run(
        ["scripts/i18n", "compile", "--quiet"], cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 0 and done.stdout == "" and done.stderr == ""
    assert "scripts/i18n compile --quiet" in (ROOT / "scripts" / "setup").read_text()


def test_indonesian_says_email_with_one_word():
    """The interface says "email" (Alamat email, Kotak keluar email): the audit
    log said "surel" for the same thing in two entries."""
    said = [m.id for m in catalog("id") if m.id and "surel" in " ".join(_strings(m.string)).lower()]
    assert not said, said


def _strings(value) -> list[str]:
    return list(value) if isinstance(value, tuple | list) else [value or ""]
