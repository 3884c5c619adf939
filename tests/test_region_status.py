"""Status pages broken down by region (issue 14): the per-region table, the
breakdown under a region-level action, the region filter, the exports and the
planner's reminders, over real HTTP on a real database."""

from __future__ import annotations

import csv
import datetime as dt
import html
import io

import pytest
from conftest import PASSWORD, csrf, login, rows, run, sync
from test_bulk import as_csv, confirm, download, upload
from test_sync import write

LINK = "https://baliprov.go.id/laporan"
FILE = """---
id: uji-wilayah
title: Uji wilayah
signed: 2026-01-28
parties:
  bali: Pemerintah Provinsi Bali
  kota-denpasar: Pemerintah Kota Denpasar
---

## Komitmen {#komitmen}

- [ ] **PD-01** Pendataan warga pendatang di setiap kabupaten/kota
  - owner: bali, kota-denpasar
  - regions: kabupaten/kota di Bali
  - due: 2026-06-30

- [ ] **PD-02** Sosialisasi di Kota Denpasar
  - owner: kota-denpasar
  - due: 2027-06-30
"""
DENPASAR, BADUNG = "51.71", "51.03"


def post(client, code: str, **fields):
    data = {"_csrf_token": csrf(client), "note": "Laporan", "links": LINK, **fields}
    return client.post(f"/d/uji-wilayah/{code}/updates", data=data, follow_redirects=False)


@pytest.fixture
def reported(client, agreements, accounts):
    """PD-01 broken down into Bali's nine kabupaten/kota, past due: Denpasar
    done, Badung half way, the other seven not started."""
    from tracker.accounts.users import add_user

    assert sync(write(agreements, FILE)).ok
    run(add_user("denpasar", "secretariat", PASSWORD, ["kota-denpasar"], "Sek. Kota Denpasar"))
    login(client, "denpasar")
    assert post(client, "PD-01", status="done", part=DENPASAR).status_code == 303
    login(client, "bali")
    reply = post(client, "PD-01", status="in_progress", percent="50", part=BADUNG)
    assert reply.status_code == 303, reply.text
    return client


def region_rows(client, query: str = "") -> list[dict]:
    found = client.get(f"/api/status/d/uji-wilayah{query}").json()["regions"]
    return found["rows"] if found else []


def test_the_per_region_table_puts_the_regions_furthest_behind_first(reported):
    table = region_rows(reported)
    assert len(table) == 9
    by_key = {r["key"]: r["counts"] for r in table}
    assert by_key[DENPASAR]["by_status"]["done"] == 1 and by_key[DENPASAR]["late"] == 0
    assert by_key[BADUNG]["by_status"]["in_progress"] == 1 and by_key[BADUNG]["late"] == 1
    # late first (the seven not started at 0 %, then Badung at 50 %), Denpasar last
    assert [r["key"] for r in table][-2:] == [BADUNG, DENPASAR]
    late_keys = [r["key"] for r in table][:7]
    assert late_keys == sorted(late_keys)  # ties in code order
    page = reported.get("/status/d/uji-wilayah").text
    assert 'id="regions"' in page and "Per wilayah" in page
    assert page.index("Kabupaten Jembrana") < page.index(
        "Kota Denpasar", page.index('id="regions"')
    )
    assert f"region={BADUNG}" in page  # each region links to its filter


def test_a_region_level_action_shows_how_many_regions_are_where(reported):
    api = reported.get("/api/status/d/uji-wilayah").json()
    row = next(a for a in api["actions"] if a["code"] == "PD-01")
    breakdown = row["regions"]
    assert breakdown["total"] == 9
    assert breakdown["counts"]["done"] == 1
    assert breakdown["counts"]["in_progress"] == 1
    assert breakdown["counts"]["not_started"] == 7
    assert breakdown["counts"]["late"] == 8
    assert breakdown["list"][-1]["key"] == DENPASAR  # done comes last
    assert (row["parts_done"], row["parts_total"]) == (1, 9)
    assert next(a for a in api["actions"] if a["code"] == "PD-02")["regions"] is None
    page = reported.get("/status/d/uji-wilayah").text
    assert "Wilayah: 1 dari 9 selesai" in page
    assert '<details class="regions">' in page and "Kabupaten Badung: Berjalan" in page


def test_the_region_filter_counts_that_regions_parts(reported):
    api = reported.get(f"/api/status/d/uji-wilayah?region={BADUNG}").json()
    assert api["filters"]["region"] == BADUNG
    [row] = api["actions"]  # PD-02 has no regions: left out
    assert (row["code"], row["status"], row["percent"], row["late"]) == (
        "PD-01", "in_progress", 50, True,
    )  # fmt: skip
    assert row["holding"] == ["Kabupaten Badung"]
    assert [r["key"] for r in api["regions"]["rows"]] == [BADUNG]
    done = reported.get(f"/api/status?region={DENPASAR}").json()
    assert [(a["code"], a["status"], a["late"]) for a in done["actions"]] == [
        ("PD-01", "done", False)
    ]
    # Bali, the province, holds all nine
    assert len(region_rows(reported, "?region=51")) == 9
    page = reported.get(f"/status?region={BADUNG}").text
    assert f'<option value="{BADUNG}" selected>' in page


def test_an_unknown_region_is_a_clear_error(reported):
    page = reported.get("/status?region=99.99")
    assert page.status_code == 400
    assert "Wilayah tidak dikenal di sini: 99.99" in page.text
    api = reported.get("/api/status?region=adat:tidak-ada")
    assert api.status_code == 400 and "adat:tidak-ada" in api.text


def test_the_exports_carry_the_parts_done_and_who_holds_the_action_back(reported):
    body = reported.get("/status.csv?document=uji-wilayah").content.decode("utf-8-sig")
    table = list(csv.DictReader(io.StringIO(body)))
    row = next(r for r in table if r["rencana_aksi"] == "uji-wilayah/PD-01")
    assert (row["bagian_selesai"], row["bagian_jumlah"]) == ("1", "9")
    assert (
        "Kabupaten Badung" in row["tertahan_oleh"] and "Kota Denpasar" not in row["tertahan_oleh"]
    )
    other = next(r for r in table if r["rencana_aksi"] == "uji-wilayah/PD-02")
    assert other["bagian_selesai"] == other["bagian_jumlah"] == other["tertahan_oleh"] == ""
    filtered = reported.get(f"/status.csv?document=uji-wilayah&region={BADUNG}")
    assert filtered.content.decode("utf-8-sig").count("uji-wilayah/PD-") == 1


def test_the_action_page_counts_its_regions(reported):
    page = reported.get("/d/uji-wilayah/PD-01").text
    assert "Wilayah: 1 dari 9 selesai" in page and "Terlambat 8" in page


def test_a_late_shared_action_reminds_only_the_owners_of_open_parts(client, agreements, accounts):
    """Kota Denpasar has done its part of a late two-owner action: only Bali,
    whose part is open, is reminded."""
    from tracker.accounts.users import add_user
    from tracker.notifications import planner
    from tracker.notifications.tables import Notification

    two_owners = FILE.replace(
        "  - regions: kabupaten/kota di Bali\n", ""
    )  # PD-01: one part per owner
    assert sync(write(agreements, two_owners)).ok
    run(add_user("denpasar", "secretariat", PASSWORD, ["kota-denpasar"], "Sek. Kota Denpasar"))
    login(client, "denpasar")
    assert post(client, "PD-01", status="done", part="kota-denpasar").status_code == 303
    day = next(
        d for d in _days_after("2026-06-30") if planner.reminder_kind(_date("2026-06-30"), d)
    )
    run(planner.plan(day))
    users = {u["id"]: u["username"] for u in rows("tracker_user")}
    reminded = {
        users[n["recipient"]]
        for n in run(Notification.select().run())
        if n["subject_key"] == f"action:{_action_id('PD-01')}"
    }
    assert "bali" in reminded
    assert "denpasar" not in reminded


def _date(text: str):
    import datetime as dt

    return dt.date.fromisoformat(text)


def _days_after(text: str):
    import datetime as dt

    start = _date(text)
    return [start + dt.timedelta(days=n) for n in range(1, 10)]


def _action_id(code: str) -> int:
    return next(a["id"] for a in rows("action") if a["code"] == code)


def test_a_region_as_of_a_past_day_counts_its_parts_as_they_stood(reported):
    import datetime as dt

    from tracker.agreements.queries import today

    yesterday = (today() - dt.timedelta(days=1)).isoformat()
    then = reported.get(f"/api/status/d/uji-wilayah?region={BADUNG}&asof={yesterday}").json()
    [row] = then["actions"]
    assert (row["status"], row["percent"], row["late"]) == ("not_started", 0, True)
    assert then["regions"]["rows"][0]["counts"]["by_status"]["not_started"] == 1
    now = reported.get(f"/api/status/d/uji-wilayah?region={BADUNG}").json()
    assert now["actions"][0]["status"] == "in_progress"


def test_a_region_counts_its_share_of_a_count_target(client, agreements, accounts):
    """Nine regions of 10 desa each, 90 in all: Badung's 10 of 10 is 100 % of
    Badung (not 11 % of the whole action)."""
    text = FILE.replace(
        "  - regions: kabupaten/kota di Bali\n",
        "  - regions: kabupaten/kota di Bali\n  - region target: 10 desa\n  - target: 90 desa\n",
    )
    assert sync(write(agreements, text)).ok
    login(client, "bali")
    reply = post(client, "PD-01", status="in_progress", value="10", part=BADUNG)
    assert reply.status_code == 303, reply.text
    [row] = client.get(f"/api/status/d/uji-wilayah?region={BADUNG}").json()["actions"]
    assert row["percent"] == 100
    whole = client.get("/api/status/d/uji-wilayah").json()["actions"]
    assert next(a for a in whole if a["code"] == "PD-01")["percent"] == 11  # 10 of 90


def test_parts_are_stale_and_due_soon_by_the_rules_of_actions(client, agreements, accounts):
    """A part not reported on for 60 days is stale, one due within 30 days is
    due soon (while open), in the per-region and per-party tables as in the
    region-filtered tiles: the same rule everywhere."""
    from tracker.agreements.queries import today

    soon = (today() + dt.timedelta(days=10)).isoformat()
    assert sync(write(agreements, FILE.replace("due: 2026-06-30", f"due: {soon}"))).ok
    login(client, "bali")
    assert post(client, "PD-01", status="in_progress", percent="50", part=BADUNG).status_code == 303
    api = client.get("/api/status/d/uji-wilayah").json()
    by_key = {r["key"]: r["counts"] for r in api["regions"]["rows"]}
    # Signed in January, never reported: stale; Badung reported now: not stale.
    assert by_key[BADUNG]["stale"] == 0 and by_key[BADUNG]["due_soon"] == 1
    assert all(by_key[k]["stale"] == 1 for k in by_key if k != BADUNG)
    assert all(by_key[k]["due_soon"] == 1 for k in by_key)
    bali = next(p for p in api["party_parts"] if p["key"] == "bali")["counts"]
    denpasar = next(p for p in api["party_parts"] if p["key"] == "kota-denpasar")["counts"]
    assert (bali["stale"], bali["due_soon"]) == (7, 8)  # eight parts, Badung reported
    assert (denpasar["stale"], denpasar["due_soon"]) == (1, 1)
    jembrana = client.get("/api/status?region=51.01").json()
    assert jembrana["totals"]["stale"] == 1 == jembrana["regions"]["rows"][0]["counts"]["stale"]
    # A part done is neither.
    seen = max(u["id"] for u in rows("update"))
    assert post(client, "PD-01", status="done", part=BADUNG, seen=seen).status_code == 303
    after = client.get("/api/status/d/uji-wilayah").json()
    badung = next(r for r in after["regions"]["rows"] if r["key"] == BADUNG)["counts"]
    assert (badung["stale"], badung["due_soon"]) == (0, 0)


def test_a_report_without_a_value_keeps_the_value_reached(client, agreements, accounts):
    """A count target: Badung's 10 desa stay counted when its next report only
    adds a note (the form starts with 10; left empty, 10 is kept), in the form
    and in a CSV upload alike."""
    text = FILE.replace(
        "  - regions: kabupaten/kota di Bali\n",
        "  - regions: kabupaten/kota di Bali\n  - region target: 10 desa\n  - target: 90 desa\n",
    )
    assert sync(write(agreements, text)).ok
    login(client, "bali")
    assert post(client, "PD-01", status="in_progress", value="10", part=BADUNG).status_code == 303

    def badung():
        page = client.get(f"/d/uji-wilayah/PD-01?part={BADUNG}").text
        [part] = [p for p in rows("update") if p["part"]][-1:]
        return page, part

    page, latest = badung()
    assert 'name="value" inputmode="decimal" value="10"' in page
    seen = max(u["id"] for u in rows("update"))
    reply = post(client, "PD-01", status="in_progress", value="", part=BADUNG, seen=seen)
    assert reply.status_code == 303, reply.text
    _, latest = badung()
    assert float(latest["value"]) == 10
    [row] = client.get(f"/api/status/d/uji-wilayah?region={BADUNG}").json()["actions"]
    assert row["percent"] == 100
    # A CSV row that only adds a note keeps it too.
    _, table = download(client)
    [mine] = [r for r in table if r["action"] == "uji-wilayah/PD-01" and r["part"] == BADUNG]
    assert mine["value"] == ""  # empty: the value so far is kept
    mine.update(note="Laporan lewat CSV")
    preview = upload(client, as_csv([mine]).encode())
    assert preview.status_code == 200 and "Simpan 1 laporan" in preview.text
    confirmed = confirm(client, preview)
    assert confirmed.status_code == 303
    _, latest = badung()
    assert latest["note"] == "Laporan lewat CSV" and float(latest["value"]) == 10


def test_the_whatsapp_summary_of_a_region_names_it(reported):
    """Filtered to a region, each line is that region's part: the title says which."""
    page = reported.get(f"/status?region={BADUNG}").text
    summary = html.unescape(
        page.split('id="wa-status-text"')[1].split(">", 1)[1].split("</textarea>")[0]
    )
    assert "Kabupaten Badung" in summary.splitlines()[0]
