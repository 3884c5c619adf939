"""Status pages: as-of correctness, counting rules, filters, exports, print."""

from __future__ import annotations

import csv
import datetime as dt
import io

import icalendar
import openpyxl
import pypdf
import pytest
from conftest import rows, run, sync
from test_sync import write

from tracker import db
from tracker.agreements.queries import today

# Signed in January; PM-03 was due in mid-February, PM-04 in mid-March.
STATUS_DOC = """\
---
id: uji-status
title: "Kesepakatan uji – pendataan warga ē"
signed: 2026-01-28
parties:
  bali: Pemerintah Provinsi Bali
  ntt: Pemerintah Provinsi Nusa Tenggara Timur
---

## Pendataan {{#pendataan}}

- [ ] **PM-01** Rekomendasi resmi dari daerah asal
  - owner: ntt
  - due: 2026-06-30
- [ ] **PM-02** Sosialisasi syarat masuk di pelabuhan Benoa
  - owner: bali
  - with: ntt
- [ ] **PM-03** Pakta integritas calon pekerja
  - owner: ntt
  - due: 2026-02-15

## Pembinaan {{#pembinaan}}

- [ ] **PB-01** Pelatihan adat dan budaya Bali bagi perantau – Sumba, Flores, Timor (ē)
  - owner: bali
  - due: 2026-03-15
- [ ] **PB-02** Kunjungan kerja bersama
  - owner: ntt
  - with: bali
  - due: {soon}
"""

WITA = dt.timezone(dt.timedelta(hours=8))


def at(day: str, hour: int = 10) -> dt.datetime:
    """A moment on a day in WITA, as stored (UTC)."""
    return dt.datetime.combine(dt.date.fromisoformat(day), dt.time(hour), tzinfo=WITA).astimezone(
        dt.UTC
    )


def record(code: str, status: str, percent: int | None, when: dt.datetime) -> None:
    """An update stamped in the past: the crafted history the tests read back."""
    document = next(d for d in rows("document") if d["slug"] == "uji-status")
    action = next(
        a for a in rows("action") if a["code"] == code and a["document"] == document["id"]
    )
    stamp = str(when) if db.is_sqlite() else when

    async def insert():
        async with db.writing():
            await db.engine().run_querystring(
                _qs(
                    'INSERT INTO "update" (action, status, percent, note, value, author, source, created_at, "user", corrects) '
                    "VALUES ({}, {}, {}, {}, NULL, {}, 'web', {}, NULL, NULL)",
                    action["id"],
                    status,
                    percent,
                    f"catatan {code}",
                    "uji",
                    stamp,
                )
            )

    run(insert())


def _qs(sql, *args):
    from piccolo.querystring import QueryString

    return QueryString(sql, *args)


@pytest.fixture
def history(agreements, accounts):
    """The status document with a history from January to March."""
    soon = today() + dt.timedelta(days=10)
    write(agreements, STATUS_DOC.format(soon=soon.isoformat()), "uji-status.md")
    report = sync(agreements / "uji-status.md")
    assert report.ok, report.as_dict()
    record("PM-01", "in_progress", 40, at("2026-02-10"))
    record("PM-01", "done", 100, at("2026-03-10"))
    record("PM-02", "cancelled", None, at("2026-02-01"))
    record("PB-01", "in_progress", 20, at("2026-02-20"))
    return agreements


def actions_of(data) -> dict[str, dict]:
    return {a["code"]: a for a in data["actions"]}


def test_an_action_done_in_march_is_in_progress_as_of_the_end_of_february(history, as_user):
    client = as_user("viewer")
    february = client.get("/api/status/d/uji-status?asof=2026-02-28").json()
    assert actions_of(february)["PM-01"]["status"] == "in_progress"
    assert actions_of(february)["PM-01"]["percent"] == 40
    assert actions_of(february)["PM-03"]["late"] is True  # due 15 February, never done
    assert actions_of(february)["PB-01"]["late"] is False  # due 15 March: not yet
    march = client.get("/api/status/d/uji-status?asof=2026-03-31").json()
    assert actions_of(march)["PM-01"]["status"] == "done"
    assert actions_of(march)["PB-01"]["late"] is True
    # The end of a day in WITA is the bound: an update at 23:30 WITA counts for that day.
    record("PM-03", "in_progress", 10, at("2026-02-28", 23) + dt.timedelta(minutes=30))
    from tracker.reports import service

    service.forget()
    again = client.get("/api/status/d/uji-status?asof=2026-02-28").json()
    assert actions_of(again)["PM-03"]["status"] == "in_progress"
    page = client.get("/status/d/uji-status?asof=2026-02-28").text
    assert "Keadaan per Sabtu, 28 Februari 2026" in page


def test_actions_count_from_the_signing_day_not_from_the_first_sync(history, as_user):
    january = as_user("viewer").get("/api/status/d/uji-status?asof=2026-01-27").json()
    assert january["totals"]["total"] == 0  # signed on the 28th
    signed = as_user("viewer").get("/api/status/d/uji-status?asof=2026-01-28").json()
    assert signed["totals"]["total"] == 5


def test_counting_rules(history, as_user):
    data = as_user("viewer").get("/api/status/d/uji-status").json()
    totals = data["totals"]
    assert totals["total"] == 5
    assert totals["by_status"] == {
        "not_started": 2,
        "in_progress": 1,
        "at_risk": 0,
        "done": 1,
        "cancelled": 1,
    }
    # Mean of PM-01 100, PM-03 0, PB-01 20, PB-02 0; cancelled PM-02 left out.
    assert totals["percent"] == 30.0
    assert totals["late"] == 2  # PM-03 and PB-01
    assert totals["due_soon"] == 1  # PB-02, due in 10 days
    assert totals["no_due"] == 0  # PM-02 has none, but it is cancelled
    # Open and silent for 60 days: PM-03 and PB-02 (never updated since signing), PB-01.
    assert totals["stale"] == 3
    commitments = {c["slug"]: c["counts"] for c in data["commitments"]}
    assert commitments["pendataan"]["total"] == 3
    assert commitments["pembinaan"]["late"] == 1
    parties = {p["key"]: p["counts"] for p in data["parties"]}
    assert parties["ntt"]["total"] == 4  # owner of PM-01, PM-03, PB-02; with on PM-02
    assert parties["bali"]["total"] == 3


def test_withdrawn_actions_are_not_counted(history, as_user):
    text = (history / "uji-status.md").read_text(encoding="utf-8")
    start = text.index("- [ ] **PM-03**")
    end = text.index("## Pembinaan")
    write(history, text[:start] + text[end:], "uji-status.md")
    assert sync(history / "uji-status.md").ok
    data = as_user("viewer").get("/api/status/d/uji-status").json()
    assert data["totals"]["total"] == 4
    assert "PM-03" not in actions_of(data)
    # ...but as of February it was still tracked.
    february = as_user("viewer").get("/api/status/d/uji-status?asof=2026-02-28").json()
    assert "PM-03" in actions_of(february)


def test_filters_round_trip_through_the_url(history, as_user):
    client = as_user("viewer")
    url = "/status?document=uji-status&party=ntt&status=not_started&status=in_progress&late=1"
    page = client.get(url).text
    assert '<option value="uji-status" selected>' in page
    assert '<option value="ntt" selected>' in page
    assert 'value="not_started" checked' in page and 'value="in_progress" checked' in page
    assert 'name="late" value="1" checked' in page
    # The download links carry the same filters.
    assert (
        "/status.csv?document=uji-status&amp;party=ntt&amp;status=in_progress&amp;status=not_started&amp;late=1"
        in page
    )
    data = client.get(url.replace("/status", "/api/status")).json()
    assert [a["code"] for a in data["actions"]] == ["PM-03"]
    assert data["filters"] == {
        "document": "uji-status",
        "party": "ntt",
        "status": ["in_progress", "not_started"],
        "late": "1",
    }


def test_htmx_gets_only_the_results(history, as_user):
    client = as_user("viewer")
    part = client.get(
        "/status?party=bali", headers={"HX-Request": "true", "HX-Target": "status-results"}
    ).text
    assert "<html" not in part and 'class="totals"' in part
    assert "PB-01" in part and "PM-03" not in part
    full = client.get("/status?party=bali").text
    assert "<html" in full and 'id="status-results"' in full


@pytest.mark.parametrize(
    "query, message",
    [
        ("asof=2026-13-01", "asof harus berupa tanggal"),
        ("asof=2999-01-01", "tidak boleh di masa depan"),
        ("party=nowhere", "Pihak tidak dikenal: nowhere"),
        ("status=lost", "Status tidak dikenal: lost"),
        ("window=12", "Rentang tenggat tidak dikenal"),
        ("commitment=pendataan", "memerlukan dokumen"),
        ("since=2026-03-01&asof=2026-02-01", "harus sebelum"),
        ("page=two", "nomor halaman"),
    ],
)
def test_bad_filters_get_a_clear_message(history, as_user, query, message):
    client = as_user("viewer")
    response = client.get(f"/status?{query}")
    assert response.status_code == 400
    assert message in response.text
    api = client.get(f"/api/status?{query}")
    assert api.status_code == 400 and api.json()["status_code"] == 400


def test_since_the_last_rakor(history, as_user):
    data = as_user("viewer").get("/api/status/d/uji-status?since=2026-02-28&asof=2026-03-31")
    changes = data.json()["changes"]
    assert changes["since"] == "2026-02-28"
    assert [r["code"] for r in changes["newly_done"]] == ["PM-01"]
    assert [r["code"] for r in changes["newly_late"]] == ["PB-01"]
    moved = {r["code"]: r for r in changes["moved"]}
    assert set(moved) == {"PM-01"}
    assert (moved["PM-01"]["status_then"], moved["PM-01"]["status_now"]) == ("in_progress", "done")


def test_the_last_rakor_is_found_by_itself(seeded, as_user):
    data = as_user("viewer").get("/api/status/d/harmoni-bali-ntt").json()
    assert data["changes"]["since"] == "2026-01-30"  # rakor-denpasar follows this agreement
    page = as_user("viewer").get("/status/d/harmoni-bali-ntt").text
    assert "Sejak Rakor terakhir (30 Januari 2026)" in page


def test_weekly_chart_is_inline_svg(history, as_user):
    page = as_user("viewer").get("/status/d/uji-status?asof=2026-03-31").text
    assert '<svg class="chart"' in page and "<polyline" in page
    data = as_user("viewer").get("/api/status/d/uji-status?asof=2026-03-31").json()
    points = data["chart"]
    assert points[-1]["day"] == "2026-03-31"
    assert points[-1]["late"] == 2 and points[-1]["total"] == 5
    assert points[0]["day"] >= "2026-01-28"


def test_pdf_report_holds_title_and_counts(history, as_user):
    response = as_user("viewer").get("/status/d/uji-status/laporan.pdf?asof=2026-03-31")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 1
    text = " ".join(reader.pages[0].extract_text().split())
    assert "Kesepakatan uji – pendataan warga ē" in text
    assert "Keadaan per Selasa, 31 Maret 2026" in text
    assert "5 Jumlah" in text and "2 Terlambat" in text
    assert "PB-01" in text  # among the late actions


def test_a_moved_deadline_is_in_the_next_read_of_the_feed(history, as_user):
    """The feed said `private, max-age=300`: a browser (or a calendar that
    honours HTTP caching) showed the old deadline for five minutes after a
    sync moved it. Like every page, it may now not be kept at all."""
    feed = as_user("viewer").get("/ical/ntt.ics")
    assert feed.status_code == 200
    cache = [part.strip() for part in feed.headers["cache-control"].split(",")]
    assert "no-store" in cache and not any(p.startswith("max-age") for p in cache)


def test_ics_feed_of_a_party(history, as_user, client):
    anonymous = client.get("/ical/ntt.ics")
    assert anonymous.status_code == 403
    page = as_user("viewer").get("/status").text
    token = page.split("/ical/ntt.ics?token=")[1].split('"')[0]
    client.cookies.clear()
    feed = client.get(f"/ical/ntt.ics?token={token}")
    assert feed.status_code == 200 and feed.headers["content-type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(feed.content)
    events = {str(e["uid"]): e for e in calendar.walk("VEVENT")}
    assert set(events) == {
        "uji-status/PM-01@bali-ntt-tracker",
        "uji-status/PM-03@bali-ntt-tracker",
        "uji-status/PB-02@bali-ntt-tracker",
    }
    assert events["uji-status/PM-01@bali-ntt-tracker"].decoded("dtstart") == dt.date(2026, 6, 30)
    assert str(events["uji-status/PM-01@bali-ntt-tracker"]["url"]).endswith("/d/uji-status/PM-01")
    assert client.get(f"/ical/bali.ics?token={token}").status_code == 403  # ntt's token
    assert client.get("/ical/nowhere.ics").status_code == 403
    # Typed without its ".ics": the same feed, not "unknown party".
    bare = client.get(f"/ical/ntt?token={token}")
    assert bare.status_code == 200 and bare.headers["content-type"].startswith("text/calendar")
    assert {str(e["uid"]) for e in icalendar.Calendar.from_ical(bare.content).walk("VEVENT")} == (
        set(events)
    )
    assert 'filename="ntt.ics"' in bare.headers["content-disposition"]
    assert client.get("/ical/ntt").status_code == 403  # still needs the token


def test_csv_keeps_indonesian_characters(history, as_user):
    response = as_user("viewer").get("/status.csv?document=uji-status")
    assert response.headers["content-type"].startswith("text/csv")
    assert response.content.startswith(b"\xef\xbb\xbf")
    table = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert table[0][:3] == ["dokumen", "rencana_aksi", "judul"]
    by_code = {r[1]: r for r in table[1:]}
    assert set(by_code) == {
        f"uji-status/{c}" for c in ("PM-01", "PM-02", "PM-03", "PB-01", "PB-02")
    }
    assert (
        by_code["uji-status/PB-01"][2]
        == "Pelatihan adat dan budaya Bali bagi perantau – Sumba, Flores, Timor (ē)"
    )
    assert by_code["uji-status/PM-03"][7] == "Belum mulai"


def test_xlsx_export_opens(history, as_user):
    response = as_user("viewer").get("/status.xlsx?document=uji-status&party=bali")
    book = openpyxl.load_workbook(io.BytesIO(response.content), read_only=True)
    sheet = book.worksheets[0]
    values = list(sheet.iter_rows(values_only=True))
    assert values[0][0] == "dokumen"
    codes = {row[1] for row in values[1:]}
    assert codes == {"uji-status/PM-02", "uji-status/PB-01", "uji-status/PB-02"}
    due = {row[1]: row[6] for row in values[1:]}
    assert due["uji-status/PB-01"].date() == dt.date(2026, 3, 15)


def test_status_needs_a_login_and_english_switch(history, client, as_user):
    assert client.get("/status", follow_redirects=False).status_code in (302, 303)
    client = as_user("viewer")
    client.get("/lang/en")
    page = client.get("/status/d/uji-status").text
    assert "Percent complete" in page and "By commitment" in page
    assert "30.0%" in page  # English decimals (CLDR: no space before the sign)


def test_status_page_is_light(seeded, as_user):
    response = as_user("viewer").get("/status")
    assert len(response.content) < 60_000
    assert response.headers.get("content-encoding") in (None, "gzip")


def test_since_with_a_late_filter_lists_newly_late_not_new(history, as_user):
    data = (
        as_user("viewer")
        .get("/api/status/d/uji-status?since=2026-02-28&asof=2026-03-31&late=1")
        .json()
    )
    changes = data["changes"]
    assert [r["code"] for r in changes["newly_late"]] == ["PB-01"]
    moved = {r["code"]: r for r in changes["moved"]}
    assert "PM-03" not in moved  # late then and now, unchanged: not "new"
    assert all(r["status_then"] is not None for r in changes["moved"])


def test_a_bad_filter_typed_with_htmx_keeps_the_page(history, as_user):
    response = as_user("viewer").get(
        "/status?asof=0002-01-01", headers={"HX-Request": "true", "HX-Target": "status-results"}
    )
    assert response.status_code == 400
    assert response.headers["HX-Retarget"] == "#status-results"
    assert "<html" not in response.text and "terlalu awal" in response.text
    # The address bar says what was asked (empty fields left out): reloading it
    # shows the same message.
    response = as_user("viewer").get(
        "/status?party=&since=2999-01-01",
        headers={"HX-Request": "true", "HX-Target": "status-view"},
    )
    assert response.status_code == 400
    assert response.headers["HX-Push-Url"] == "/status?since=2999-01-01"


def test_dates_of_moments_are_wita_days():
    from tracker.i18n import format_date

    # 23:30 UTC on 31 March is 07:30 WITA on 1 April.
    assert format_date(dt.datetime(2026, 3, 31, 23, 30, tzinfo=dt.UTC)) == "1 April 2026"
    assert format_date(dt.date(2026, 3, 31)) == "31 Maret 2026"


def test_a_feed_token_that_is_not_ascii_is_refused(history, client):
    assert client.get("/ical/ntt.ics?token=%C3%A9%C3%A9").status_code == 403


# --- The filter form, the URL and the results agree (issue 9, item 2) ---------------

VIEW = {"HX-Request": "true", "HX-Target": "status-view"}


def _form(page: str) -> str:
    """The filter form of a page or fragment."""
    return page.split('<form id="filters"')[1].split("</form>")[0]


def test_htmx_filtering_swaps_the_form_and_the_results_together(history, as_user):
    client = as_user("viewer")
    response = client.get("/status?party=ntt&late=1&document=", headers=VIEW)
    assert response.status_code == 200
    assert response.headers["HX-Push-Url"] == "/status?party=ntt&late=1"  # empty fields dropped
    part = response.text
    assert "<html" not in part
    form = _form(part)
    assert '<option value="ntt" selected>' in form
    assert 'name="late" value="1" checked' in form
    assert 'hx-target="#status-view"' in form
    results = part.split('id="status-results"')[1]
    assert "PM-03" in results and "PB-01" not in results  # ntt's late action only
    # The header's language switch follows the new address (out of band).
    assert 'id="lang-switch"' in part and 'hx-swap-oob="true"' in part
    assert "next=/status%3Fparty%3Dntt%26late%3D1" in part


def test_clearing_the_filters_clears_the_form_too(history, as_user):
    client = as_user("viewer")
    page = client.get("/status?party=ntt&late=1").text
    clear = _form(page).split('class="reset"')[1].split(">")[0]
    assert 'href="/status"' in clear and 'hx-get="/status"' in clear
    assert 'hx-target="#status-view"' in clear
    # What the link brings (with htmx and without): a form with nothing chosen.
    for headers in (VIEW, {}):
        response = client.get("/status", headers=headers)
        form = _form(response.text)
        assert " selected>" not in form.replace('<option value="">', "")
        assert " checked" not in form
        assert 'name="asof" value=""' in form
        assert "PB-01" in response.text and "PM-03" in response.text
    assert client.get("/status", headers=VIEW).headers["HX-Push-Url"] == "/status"


def test_quarter_presets_fill_the_date_and_start_at_the_first_signing(history, as_user):
    from tracker.reports.service import quarter_ends

    client = as_user("viewer")
    page = client.get("/status/d/uji-status?party=ntt").text
    presets = page.split('<nav class="presets"')[1].split("</nav>")[0]
    offered = [
        dt.date.fromisoformat(href.split("asof=")[1][:10])
        for href in presets.split('href="')[1:]
        if "asof=" in href.split('"')[0]
    ]
    signed = dt.date(2026, 1, 28)  # the earliest signing of any document here
    assert offered == quarter_ends(today(), start=signed)
    assert all(q >= signed for q in offered)
    assert dt.date(2025, 12, 31) not in offered
    # A preset keeps the other filters and fills "Per tanggal" in the form.
    href = f"/status/d/uji-status?party=ntt&asof={offered[-1].isoformat()}"
    assert f'href="{href.replace("&", "&amp;")}"' in presets
    for headers in (VIEW, {}):
        response = client.get(href, headers=headers)
        form = _form(response.text)
        assert f'name="asof" value="{offered[-1].isoformat()}"' in form
        assert '<option value="ntt" selected>' in form
        assert "Keadaan per" in response.text


def test_quarter_ends_never_precede_the_start():
    from tracker.reports.service import quarter_ends

    day = dt.date(2026, 12, 4)
    assert quarter_ends(day) == [
        dt.date(2026, 9, 30),
        dt.date(2026, 6, 30),
        dt.date(2026, 3, 31),
        dt.date(2025, 12, 31),
        dt.date(2025, 9, 30),
        dt.date(2025, 6, 30),
    ]
    assert quarter_ends(day, start=dt.date(2026, 1, 28)) == [
        dt.date(2026, 9, 30),
        dt.date(2026, 6, 30),
        dt.date(2026, 3, 31),
    ]
    assert quarter_ends(day, start=dt.date(2026, 11, 1)) == []


def test_the_language_switch_keeps_the_whole_url(history, as_user):
    client = as_user("viewer")
    page = client.get("/status?party=ntt&late=1").text
    link = page.split('id="lang-switch"')[1].split(">")[0]
    assert 'href="/lang/en?next=/status%3Fparty%3Dntt%26late%3D1"' in link
    response = client.get("/lang/en?next=/status%3Fparty%3Dntt%26late%3D1", follow_redirects=False)
    assert response.headers["location"] == "/status?party=ntt&late=1"
    english = client.get(response.headers["location"]).text
    assert '<html lang="en">' in english
    form = _form(english)
    assert '<option value="ntt" selected>' in form and 'name="late" value="1" checked' in form
    assert 'href="/lang/id?next=/status%3Fparty%3Dntt%26late%3D1"' in english


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example/",
        "/\\evil.example/",
        "/%5Cevil.example/",
        "/%09/evil.example/",
        "/%0A/evil.example/",
        "javascript:alert(1)",
        "status",
    ],
)
def test_the_language_switch_goes_only_to_local_paths(client, target):
    response = client.get(f"/lang/en?next={target}", follow_redirects=False)
    assert response.status_code in (302, 303, 307)
    assert response.headers["location"] == "/"


def test_owners_and_parties_show_names_not_codes(history, as_user):
    page = as_user("viewer").get("/status/d/uji-status").text
    owners = [
        cell.split(">", 1)[1].split("</td>")[0]
        for cell in page.split('data-label="Penanggung jawab"')[1:]
    ]
    assert owners and "Pemerintah Provinsi Nusa Tenggara Timur" in owners
    assert "ntt" not in owners and "bali" not in owners
    party_rows = page.split("Per pihak")[1].split("</table>")[0]
    assert "Pemerintah Provinsi Bali</a>" in party_rows and "<abbr" not in party_rows
    # Phones: each row is a card whose cells name their figures.
    assert '<table class="counts reflow"' in page and '<table class="actions reflow"' in page
    assert 'class="num key" data-label="Jumlah"' in page


@pytest.mark.parametrize("lang, percent", [("id", "30,0%"), ("en", "30.0%")])
def test_chart_text_writes_numbers_in_the_interface_language(history, as_user, lang, percent):
    client = as_user("viewer")
    client.get(f"/lang/{lang}")
    page = client.get("/status/d/uji-status?asof=2026-03-31").text
    desc = page.split('<desc id="chart-desc">')[1].split("</desc>")[0]
    assert desc.endswith(
        f"{percent} {'persen selesai' if lang == 'id' else 'percent complete'}, 2 {'terlambat' if lang == 'id' else 'late'}."
    )
    other = "30.0%" if lang == "id" else "30,0%"
    assert other not in desc


def test_month_labels_sit_in_the_week_the_month_starts():
    from tracker.reports import chart

    start = dt.date(2026, 1, 28)
    points = [chart.Point(start + dt.timedelta(days=7 * i), 0.0, 0, 1) for i in range(20)]
    labels = {"title": "t", "percent": "p", "late": "l", "months": [f"M{m}" for m in range(1, 13)]}
    svg = chart.svg(points, labels, str)
    found = [
        (float(part.split('x="')[1].split('"')[0]), part.split(">")[1].split("<")[0])
        for part in svg.split('<text class="axis month')[1:]
    ]
    starts = [i for i, p in enumerate(points) if p.day.day <= 7]  # weeks holding a 1st
    assert [name for _, name in found] == [f"M{points[i].day.month}" for i in starts]
    step = (640 - 84 - 44) / (len(points) - 1)
    assert [round(x_, 1) for x_, _ in found] == [round(84 + i * step, 1) for i in starts]
    for i in starts:  # each labelled week really holds the 1st of its month
        assert (points[i].day - dt.timedelta(days=points[i].day.day - 1)) > points[
            i
        ].day - dt.timedelta(days=7)


def test_ics_content_type_names_its_charset_once(history, as_user):
    feed = as_user("viewer").get("/ical/ntt.ics")
    assert feed.status_code == 200
    assert feed.headers["content-type"] == "text/calendar; charset=utf-8"


def test_agreements_ending_within_90_days_are_marked(agreements, accounts, as_user):
    """Renewal is prepared in time: the status page marks an agreement whose
    `valid_until` is within 90 days (or already past)."""
    from test_sync import AGREEMENT

    ends = {
        "segera": today() + dt.timedelta(days=60),
        "nanti": today() + dt.timedelta(days=200),
        "lewat": today() - dt.timedelta(days=10),
    }
    for slug, until in ends.items():
        text = AGREEMENT.replace("id: uji", f"id: {slug}").replace(
            "title: Kesepakatan uji", f"title: Kesepakatan {slug}\nvalid_until: {until}"
        )
        write(agreements, text, f"{slug}.md")
    assert sync(folder=agreements).ok
    html = as_user("viewer").get("/status").text

    def row(slug: str) -> str:
        return html.split(f'href="/status/d/{slug}?')[1].split("</th>")[0]

    assert "Berakhir" in row("segera") and "sejak" not in row("segera")
    assert "Berakhir" not in row("nanti")
    assert "Berakhir sejak" in row("lewat")
    # The agreement's own status page and its A4 report say so too.
    viewer = as_user("viewer")
    own = viewer.get("/status/d/segera").text
    assert 'class="badge expiry">Berakhir' in own.split("</h1>")[1].split("</p>")[0]
    assert "Berakhir" not in viewer.get("/status/d/nanti").text.split("</h1>")[1].split("</p>")[0]
    pdf = viewer.get("/status/d/lewat/laporan.pdf")
    text = " ".join(pypdf.PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text().split())
    assert "Berakhir sejak" in text


def test_a_documents_own_page_filters_by_its_commitments(history, as_user):
    """The commitment filter of `/status/d/{slug}` (its form, its "By
    commitment" links, its API and its A4 PDF): the document is the path's."""
    client = as_user("viewer")
    page = client.get("/status/d/uji-status").text
    link = "/status/d/uji-status?commitment=pembinaan"
    assert f'href="{link}"' in page  # the "By commitment" table's link, without ?document=
    filtered = client.get(link)
    assert filtered.status_code == 200
    assert '<option value="pembinaan" selected>' in filtered.text
    data = client.get("/api/status/d/uji-status?commitment=pembinaan").json()
    assert sorted(a["code"] for a in data["actions"]) == ["PB-01", "PB-02"]
    assert data["totals"]["total"] == 2
    pdf = client.get("/status/d/uji-status/laporan.pdf?commitment=pembinaan")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert 'filename="status-uji-status.pdf"' in pdf.headers["content-disposition"]
    # Another document named in the query does not replace the path's.
    other = client.get("/api/status/d/uji-status?document=harmoni-bali-ntt&commitment=pembinaan")
    assert other.status_code == 200 and other.json()["totals"]["total"] == 2
    wrong = client.get("/status/d/uji-status?commitment=nope")
    assert wrong.status_code == 400
    assert "Komitmen nope tidak ada di dokumen uji-status" in wrong.text
    assert client.get("/status/d/no-such-document?commitment=pembinaan").status_code == 404


def test_a_quarter_preset_drops_a_since_day_that_is_not_before_it(history, as_user):
    client = as_user("viewer")
    page = client.get("/status/d/uji-status?since=2026-03-01").text
    presets = page.split('<nav class="presets"')[1].split("</nav>")[0]
    hrefs = [h.split('"')[0].replace("&amp;", "&") for h in presets.split('href="')[1:]]
    march = next(h for h in hrefs if "asof=2026-03-31" in h)
    assert "since=2026-03-01" in march  # before the quarter's end: kept
    later = client.get("/status/d/uji-status?since=2026-04-15").text
    presets = later.split('<nav class="presets"')[1].split("</nav>")[0]
    hrefs = [h.split('"')[0].replace("&amp;", "&") for h in presets.split('href="')[1:]]
    march = next(h for h in hrefs if "asof=2026-03-31" in h)
    assert "since" not in march  # 15 April is not before 31 March: dropped
    for href in hrefs:
        assert client.get(href).status_code == 200, href


def test_the_printed_report_names_its_filters_in_words(history, as_user):
    """A printed page is read without the form: its filters by label and name."""
    url = (
        "/status/d/uji-status/laporan.pdf?party=ntt&late=1&status=in_progress&commitment=pendataan"
    )
    response = as_user("viewer").get(url)
    assert response.status_code == 200
    text = " ".join(pypdf.PdfReader(io.BytesIO(response.content)).pages[0].extract_text().split())
    assert "Pihak: Pemerintah Provinsi Nusa Tenggara Timur" in text
    assert "Status: Berjalan" in text and "Hanya yang terlambat" in text
    assert "Komitmen: Pendataan" in text
    assert "party:" not in text and "late:" not in text and "in_progress" not in text


def test_the_status_page_names_its_filters_in_words_for_print(history, as_user):
    """The form is not printed: the page itself says, next to its day, what it
    was filtered on, by label and name, so that a paper copy says what it counts."""
    client = as_user("viewer")
    page = client.get("/status?document=uji-status&party=ntt&late=1&status=in_progress").text
    asof = page.split('class="asof"')[1].split("</p>")[0]
    assert "Dokumen: Kesepakatan uji – pendataan warga ē" in asof
    assert "Pihak: Pemerintah Provinsi Nusa Tenggara Timur" in asof
    assert "Status: Berjalan" in asof and "Hanya yang terlambat" in asof
    client.get("/lang/en")
    own = client.get("/status/d/uji-status?commitment=pendataan&window=30").text
    asof = own.split('class="asof"')[1].split("</p>")[0]
    assert "Commitment: Pendataan" in asof and "Due: Next 30 days" in asof
    assert "Document:" not in asof  # its own page names it in the title
    unfiltered = client.get("/status").text.split('class="asof"')[1].split("</p>")[0]
    assert "filters-shown" not in unfiltered


def test_a_calendar_feed_speaks_one_language(history, as_user):
    """The feed's name and its events' words come in the same language: the
    name was always Indonesian ("Tenggat …") while the statuses followed the
    interface ("Not started")."""
    client = as_user("viewer")
    indonesian = icalendar.Calendar.from_ical(client.get("/ical/ntt.ics").content)
    assert str(indonesian["x-wr-calname"]) == "Tenggat Pemerintah Provinsi Nusa Tenggara Timur"
    client.get("/lang/en")
    english = icalendar.Calendar.from_ical(client.get("/ical/ntt.ics").content)
    name = str(english["x-wr-calname"])
    assert name == "Deadlines of Pemerintah Provinsi Nusa Tenggara Timur"
    descriptions = " ".join(str(e["description"]) for e in english.walk("VEVENT"))
    assert "Not started" in descriptions and "Belum mulai" not in descriptions


def test_a_refused_filter_offers_the_page_without_filters(history, as_user):
    """A bad filter (a mistyped link, an old bookmark) is refused with its
    message and a link to the same status page without filters, not only back
    to the list of documents."""
    client = as_user("viewer")
    for url, page in (
        ("/status?party=ntb", "/status"),
        ("/status/d/uji-status?commitment=zzz", "/status/d/uji-status"),
    ):
        refused = client.get(url)
        assert refused.status_code == 400
        assert f'<a href="{page}">Hapus saringan</a>' in refused.text
    missing = client.get("/d/nope")
    assert missing.status_code == 404 and "Hapus saringan" not in missing.text


def test_a_calendar_feed_reads_back_exactly_whatever_the_titles_hold():
    """The feed is written line by line: commas, semicolons, backslashes, line
    breaks and long titles in any script come back from a calendar reader as
    they were, every line at most 75 octets."""
    from tracker.reports.exports import to_ical

    title = "Pendataan pendatang; desa, desa adat \\ banjar\nLanjutan — " + "Ā" * 60
    rows = [
        {
            "document": "harmoni-bali-ntt",
            "code": "RK-03",
            "title": title,
            "document_title": "Kesepakatan, Harmoni",
            "status": "at_risk",
            "percent": 40,
            "due": dt.date(2026, 12, 31),
        }
    ]
    stamp = dt.datetime(2026, 12, 6, 9, 30, tzinfo=dt.UTC)
    body = to_ical("Tenggat Bali", rows, "https://tracker.example", str.upper, stamp)
    assert all(len(line) <= 75 for line in body.split(b"\r\n"))
    assert body.endswith(b"END:VCALENDAR\r\n")
    (event,) = icalendar.Calendar.from_ical(body).walk("VEVENT")
    assert str(event["summary"]) == f"[RK-03] {title}"
    assert str(event["description"]) == "Kesepakatan, Harmoni\nAT_RISK, 40 %"
    assert event["dtstart"].dt == dt.date(2026, 12, 31)
    assert event["dtend"].dt == dt.date(2027, 1, 1)
    assert event["dtstamp"].dt == stamp
    assert str(event["uid"]) == "harmoni-bali-ntt/RK-03@bali-ntt-tracker"
    assert str(event["url"]) == "https://tracker.example/d/harmoni-bali-ntt/RK-03"
