"""Shared actions reported part by part (issue 14), over real HTTP on a real database."""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import re
from pathlib import Path

import pytest
from conftest import csrf, rows, run, sync
from test_sync import write

from tracker.agreements.format import (
    ParsedAction,
    ParsedCommitment,
    ParsedDocument,
    RegionPart,
    Target,
)
from tracker.progress import parts as parts_module

PM01 = "/d/harmoni-bali-ntt/PM-01"  # owner: ntt and four Sumba regencies
PM03 = "/d/harmoni-bali-ntt/PM-03"  # owner: ntt alone
LINK = "https://ntt.go.id/laporan"


def post(client, path, **fields):
    data = {"_csrf_token": csrf(client), "status": "in_progress", "percent": "30", "note": "Jalan"}
    return client.post(f"{path}/updates", data={**data, **fields}, follow_redirects=False)


@pytest.fixture
def regencies(accounts):
    """Secretariats of two Sumba regencies."""
    from tracker.accounts.users import add_user

    async def create():
        await add_user(
            "sumba-timur", "secretariat", accounts["ntt"], ["sumba-timur"], "Sek. Sumba Timur"
        )
        await add_user(
            "sumba-barat", "secretariat", accounts["ntt"], ["sumba-barat"], "Sek. Sumba Barat"
        )

    run(create())
    return accounts


def action_row(code: str) -> dict:
    return next(a for a in rows("action") if a["code"] == code)


def parts_of(code: str) -> list[dict]:
    action = action_row(code)
    return sorted(
        (p for p in rows("part") if p["action"] == action["id"]), key=lambda p: p["position"]
    )


def api_action(client, code: str) -> dict:
    return client.get(f"/api/documents/harmoni-bali-ntt/actions/{code}").json()["action"]


def test_seed_documents_sync_to_the_same_actions_plus_parts(seeded):
    actions = rows("action")
    assert len(actions) == len({(a["document"], a["code"]) for a in actions})
    assert [p["key"] for p in parts_of("PM-01")] == [
        "ntt",
        "sumba-barat",
        "sumba-barat-daya",
        "sumba-tengah",
        "sumba-timur",
    ]
    assert {p["kind"] for p in parts_of("PM-01")} == {"owner"}
    assert parts_of("PM-03") == []  # one owner: no parts, as before
    before = rows("part"), rows("action"), rows("amendment"), rows("update")
    assert all(f.result == "unchanged" for f in sync().files)
    assert (rows("part"), rows("action"), rows("amendment"), rows("update")) == before


def test_two_of_five_owners_report_and_the_action_rolls_up(client, regencies):
    from conftest import login

    login(client, "sumba-timur")
    assert (
        post(client, PM01, part="sumba-timur", status="done", percent="100", links=LINK).status_code
        == 303
    )
    client.post("/logout", data={"_csrf_token": csrf(client)})
    login(client, "ntt")
    assert post(client, PM01, part="ntt", percent="50").status_code == 303
    action = api_action(client, "PM-01")
    # (100 + 50 + 0 + 0 + 0) / 5 = 30 %, not done: three parts not started.
    assert (action["status"], action["percent"]) == ("in_progress", 30)
    by_key = {p["key"]: p for p in action["parts"]}
    assert (by_key["sumba-timur"]["status"], by_key["ntt"]["percent"]) == ("done", 50)
    assert by_key["sumba-barat"]["status"] == "not_started"
    page = client.get(PM01).text
    assert 'id="parts"' in page and "Sumba Timur" in page
    # the status page counts PM-01 once, with its roll-up
    status = client.get("/api/status?document=harmoni-bali-ntt&party=sumba-timur").json()
    pm01 = next(a for a in status["actions"] if a["code"] == "PM-01")
    assert (pm01["status"], pm01["percent"]) == ("in_progress", 30)


def test_each_secretariat_is_refused_on_the_others_part(client, regencies):
    from conftest import login

    login(client, "sumba-timur")
    refused = post(client, PM01, part="sumba-barat")
    assert refused.status_code == 403
    assert "Sumba Barat" in refused.text and "bagian" in refused.text.lower()
    client.post("/logout", data={"_csrf_token": csrf(client)})
    login(client, "sumba-barat")
    assert post(client, PM01, part="sumba-timur").status_code == 403
    assert post(client, PM01, part="sumba-barat").status_code == 303
    # no part named: its one part is meant
    seen = str(rows("update")[-1]["id"])
    assert post(client, PM01, percent="40", note="lanjut", seen=seen).status_code == 303
    assert [u["part"] is not None for u in rows("update")] == [True, True]
    # a with party (bali on PM-02) reports on the whole; an owner's part is not its own
    client.post("/logout", data={"_csrf_token": csrf(client)})
    login(client, "bali")
    assert post(client, "/d/harmoni-bali-ntt/PM-02", note="dukungan").status_code == 303
    assert post(client, "/d/harmoni-bali-ntt/PM-02", part="ntt").status_code == 403
    assert rows("update")[-1]["part"] is None


def test_a_supporting_partys_report_on_the_whole_does_not_close_the_owners_action(as_user):
    """PM-02 is owned by NTT and the four Sumba regencies, part by part; Bali
    supports it. Bali's report on the whole said *Selesai 100 %*, and until an
    owner reported, the action showed done everywhere (its page, the status
    pages, the counts) while every part said *Belum mulai*."""
    bali = as_user("bali")
    done = post(bali, "/d/harmoni-bali-ntt/PM-02", status="done", percent="100", links=LINK)
    assert done.status_code == 303
    action = api_action(bali, "PM-02")
    assert (action["status"], action["percent"]) == ("not_started", 0)
    assert action["updates"][0]["status"] == "done"  # kept in the history, marked whole
    status = bali.get("/api/status?document=harmoni-bali-ntt").json()
    pm02 = next(a for a in status["actions"] if a["code"] == "PM-02")
    assert pm02["status"] == "not_started"
    # An owner's part then counts as before: the whole report still sets nothing.
    bali.post("/logout", data={"_csrf_token": csrf(bali)})
    ntt = as_user("ntt")
    assert post(ntt, "/d/harmoni-bali-ntt/PM-02", part="ntt", percent="50").status_code == 303
    assert (api_action(ntt, "PM-02")["status"], api_action(ntt, "PM-02")["percent"]) == (
        "in_progress",
        10,
    )


def test_a_secretariat_corrects_only_its_own_parts_reports(client, regencies):
    """The correction list offers the reports on the part being reported on;
    the server refuses a correction of another owner's report."""
    from conftest import login

    login(client, "sumba-timur")
    assert post(client, PM01, part="sumba-timur").status_code == 303
    timur = rows("update")[-1]["id"]
    client.post("/logout", data={"_csrf_token": csrf(client)})
    login(client, "sumba-barat")
    assert post(client, PM01, part="sumba-barat").status_code == 303
    barat = rows("update")[-1]["id"]
    page = client.get(f"{PM01}?part=sumba-barat").text
    offered = page.split('id="f-corrects"')[1].split("</select>")[0]
    assert f'value="{barat}"' in offered and f'value="{timur}"' not in offered
    refused = post(client, PM01, part="sumba-barat", corrects=str(timur), seen=str(barat))
    assert refused.status_code == 422
    assert "laporan pada bagian lain" in html.unescape(refused.text)
    assert rows("update")[-1]["id"] == barat  # nothing written
    fixed = post(client, PM01, part="sumba-barat", corrects=str(barat), seen=str(barat))
    assert fixed.status_code == 303 and rows("update")[-1]["corrects"] == barat


def test_late_names_the_part_holding_it_back(client, agreements, regencies):
    path = write(
        agreements,
        """---
id: uji-bagian
title: Uji bagian
signed: 2026-01-28
parties:
  ntt: Pemerintah Provinsi Nusa Tenggara Timur
  sumba-timur: Pemerintah Kabupaten Sumba Timur
  sumba-barat: Pemerintah Kabupaten Sumba Barat
---

## Komitmen {#komitmen}

- [ ] **UB-01** Pendataan perantau
  - owner: sumba-timur, sumba-barat
  - due: 2026-02-01
""",
    )
    sync(path)
    from conftest import login

    login(client, "sumba-timur")
    assert (
        post(client, "/d/uji-bagian/UB-01", status="done", percent="", links=LINK).status_code
        == 303
    )
    action = api_action_doc(client, "uji-bagian", "UB-01")
    assert action["late"] and action["status"] == "in_progress" and action["percent"] == 50
    assert [p["label"] for p in action["holding"]] == ["Pemerintah Kabupaten Sumba Barat"]
    page = client.get("/d/uji-bagian/UB-01").text
    assert re.search(r"Tertahan oleh: Pemerintah Kabupaten Sumba Barat", page)
    status = client.get("/status/d/uji-bagian").text
    assert "Tertahan oleh" in status and "Sumba Barat" in status
    assert "tertahan oleh: Pemerintah Kabupaten Sumba Barat" in status  # the WhatsApp summary
    # the per-party view counts each party on its own part, and lists the filtered party's
    found = client.get("/api/status/d/uji-bagian?party=sumba-barat").json()["party_parts"]
    by_key = {p["key"]: p for p in found}
    assert (
        by_key["sumba-timur"]["counts"]["by_status"]["done"] == 1
        and by_key["sumba-timur"]["counts"]["late"] == 0
    )
    assert by_key["sumba-barat"]["counts"]["late"] == 1
    [listed] = by_key["sumba-barat"]["parts"]
    assert (listed["code"], listed["status"], listed["late"]) == ("UB-01", "not_started", True)
    assert "parts" not in by_key["sumba-timur"]


def api_action_doc(client, slug: str, code: str) -> dict:
    return client.get(f"/api/documents/{slug}/actions/{code}").json()["action"]


def test_a_single_owner_action_is_as_before(as_user):
    client = as_user("ntt")
    assert post(client, PM03, percent="60").status_code == 303
    [update] = rows("update")
    assert update["part"] is None and update["percent"] == 60
    action = api_action(client, "PM-03")
    assert (action["status"], action["percent"], action["parts"]) == ("in_progress", 60, [])
    assert 'id="parts"' not in client.get(PM03).text


def test_as_of_counts_parts_as_they_stood(client, regencies):
    from conftest import login

    login(client, "sumba-timur")
    post(client, PM01, part="sumba-timur", status="done", percent="", links=LINK)
    client.post("/logout", data={"_csrf_token": csrf(client)})
    login(client, "ntt")
    post(client, PM01, part="ntt", percent="50")
    # Move the first report back in time: as of a day before the second, only it counts.
    first, second = rows("update")
    run(_stamp(first["id"], dt.datetime(2026, 3, 10, 2, tzinfo=dt.UTC)))
    run(_stamp(second["id"], dt.datetime(2026, 4, 10, 2, tzinfo=dt.UTC)))
    march = _pm01(client, "2026-03-31")
    assert (march["status"], march["percent"]) == ("in_progress", 20)  # 100 / 5
    april = _pm01(client, "2026-04-30")
    assert (april["status"], april["percent"]) == ("in_progress", 30)
    february = _pm01(client, "2026-02-28")
    assert (february["status"], february["percent"]) == ("not_started", 0)


async def _stamp(update_id: int, at: dt.datetime) -> None:
    from tracker import db
    from tracker.progress.tables import Update

    async with db.writing():
        await Update.update({Update.created_at: at}).where(Update.id == update_id).run()


def _pm01(client, asof: str) -> dict:
    found = client.get(f"/api/status/d/harmoni-bali-ntt?asof={asof}&party=sumba-timur").json()
    return next(a for a in found["actions"] if a["code"] == "PM-01")


def test_csv_round_trip_carries_the_part(client, regencies):
    from conftest import login

    login(client, "sumba-timur")
    download = client.get("/aksi.csv").content.decode("utf-8-sig")
    header, *lines = download.splitlines()
    assert "Bagian" in header.split(",")
    pm01 = [line for line in lines if "PM-01" in line]
    assert len(pm01) == 1 and "sumba-timur" in pm01[0]  # its part only, not the other four
    edited = download.replace(
        pm01[0], _set(header, pm01[0], status="Berjalan", percent="45", note="CSV")
    )
    preview = client.post(
        "/aksi/import",
        data={"_csrf_token": csrf(client)},
        files=[("file", ("aksi.csv", edited.encode("utf-8"), "text/csv"))],
    )
    assert preview.status_code == 200, preview.text
    key = re.search(r'name="_submission" value="([^"]+)"', preview.text)[1]
    csv_text = preview.text.split('<textarea name="csv" hidden>')[1].split("</textarea>")[0]
    form = {"_csrf_token": csrf(client), "_submission": key, "csv": html.unescape(csv_text)}
    saved = client.post("/aksi/import/confirm", data=form, follow_redirects=False)
    assert saved.status_code in (200, 303), saved.text
    [update] = rows("update")
    part = next(p for p in parts_of("PM-01") if p["key"] == "sumba-timur")
    assert (update["part"], update["percent"], update["source"]) == (part["id"], 45, "csv")
    again = client.get("/aksi.csv").content.decode("utf-8-sig")
    assert any("PM-01" in line and "45" in line for line in again.splitlines())


def test_refusals_say_why_for_a_party_not_on_the_action_or_on_anothers_part(client, regencies):
    from conftest import login

    login(client, "bali")  # on none of PM-01: the plain refusal, not "choose your part"
    refused = post(client, PM01)
    assert refused.status_code == 403
    assert "pilih bagian" not in html.unescape(refused.text)
    assert "Anda hanya dapat melapor pada aksi" in html.unescape(refused.text)
    client.post("/logout", data={"_csrf_token": csrf(client)})
    login(client, "sumba-timur")  # a CSV row naming another owner's part: that reason
    download = client.get("/aksi.csv").content.decode("utf-8-sig")
    header, *lines = download.splitlines()
    [pm01] = [line for line in lines if "PM-01" in line]
    edited = _set(header, pm01, percent="45", note="CSV").replace("sumba-timur", "sumba-barat", 1)
    preview = client.post(
        "/aksi/import",
        data={"_csrf_token": csrf(client)},
        files=[("file", ("aksi.csv", f"{header}\n{edited}".encode(), "text/csv"))],
    )
    assert preview.status_code == 422
    assert "dilaporkan oleh pihak pemiliknya" in html.unescape(preview.text)
    assert rows("update") == []


def _set(header: str, line: str, **values: str) -> str:
    import csv
    import io

    names = next(csv.reader([header]))
    cells = next(csv.reader([line]))
    labels = {"status": "Status", "percent": "Persentase", "note": "Catatan"}
    for key, value in values.items():
        cells[names.index(labels[key])] = value
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow(cells)
    return out.getvalue()


def test_aksi_saya_lists_a_secretariats_parts(client, regencies):
    from conftest import login

    login(client, "sumba-timur")
    page = client.get("/aksi").text
    assert "PM-01" in page and "Sumba Timur" in page
    # ntt owns PM-01's ntt part: it sees its part, tagged as such
    client.post("/logout", data={"_csrf_token": csrf(client)})
    login(client, "ntt")
    assert "PM-01" in client.get("/aksi").text


def test_an_amendment_that_removes_an_owner_withdraws_its_part(agreements, regencies, client):
    text = """---
id: uji-amandemen
title: Uji amandemen
signed: 2026-01-28
parties:
  ntt: Pemerintah Provinsi Nusa Tenggara Timur
  sumba-timur: Pemerintah Kabupaten Sumba Timur
  sumba-barat: Pemerintah Kabupaten Sumba Barat
---

## Komitmen {#komitmen}

- [ ] **UA-01** Pendataan perantau
  - owner: ntt, sumba-timur, sumba-barat
"""
    path = write(agreements, text)
    sync(path)
    from conftest import login

    login(client, "sumba-barat")
    assert post(client, "/d/uji-amandemen/UA-01", part="sumba-barat").status_code == 303
    write(agreements, text.replace("ntt, sumba-timur, sumba-barat", "ntt, sumba-timur"))
    sync(path)
    by_key = {p["key"]: p for p in parts_of("UA-01")}
    assert by_key["sumba-barat"]["withdrawn_at"] is not None  # withdrawn, not deleted
    assert len(rows("update")) == 1  # its history stays
    # no longer an owner: refused, saying why, with the typed note given back
    # (with and without htmx: its owner was typing when the amendment came)
    for headers in ({}, {"HX-Request": "true"}):
        refused = client.post(
            "/d/uji-amandemen/UA-01/updates",
            data={
                "_csrf_token": csrf(client),
                "part": "sumba-barat",
                "status": "in_progress",
                "note": "Pelatihan <b>gelombang</b> kedua",
            },
            headers=headers,
        )
        assert refused.status_code == 409
        page = html.unescape(refused.text)
        assert "Laporan Anda tidak tersimpan" in page
        assert "Sumba Barat dikeluarkan dari rencana aksi ini pada" in page
        assert "Pelatihan <b>gelombang</b> kedua" in page  # given back, escaped
        assert "<b>gelombang" not in refused.text
    assert len(rows("update")) == 1
    # another owner naming that part: no such part to report on
    login(client, "sumba-timur")
    assert post(client, "/d/uji-amandemen/UA-01", part="sumba-barat").status_code == 422
    assert len(rows("update")) == 1
    write(agreements, text)
    sync(path)
    assert {p["key"]: p for p in parts_of("UA-01")}["sumba-barat"]["withdrawn_at"] is None


def test_the_owner_left_alone_on_a_shared_action_keeps_its_reports(agreements, regencies, client):
    """Taking all owners but one off a shared action must not wipe its state:
    the one left reported on its part, and that part goes on counting."""
    text = """---
id: uji-sisa
title: Uji pemilik tersisa
signed: 2026-01-28
parties:
  sumba-timur: Pemerintah Kabupaten Sumba Timur
  sumba-barat: Pemerintah Kabupaten Sumba Barat
---

## Komitmen {#komitmen}

- [ ] **US-01** Layanan pengaduan pekerja
  - owner: sumba-timur, sumba-barat
"""
    path = write(agreements, text)
    sync(path)
    from conftest import login

    login(client, "sumba-timur")
    assert post(client, "/d/uji-sisa/US-01", part="sumba-timur", percent="60").status_code == 303
    write(agreements, text.replace("sumba-timur, sumba-barat", "sumba-timur"))
    sync(path)
    action = client.get("/api/documents/uji-sisa/actions/US-01").json()["action"]
    assert (action["status"], action["percent"]) == ("in_progress", 60)
    assert [p["key"] for p in action["parts"]] == ["sumba-timur"]
    header = client.get("/d/uji-sisa/US-01").text.split('class="state')[1].split("</div>")[0]
    assert "60 %" in header and "Belum ada laporan" not in header, header
    # the owner left reports on as before, naming no part
    seen = str(rows("update")[-1]["id"])
    assert (
        post(client, "/d/uji-sisa/US-01", percent="80", note="Lanjut", seen=seen).status_code == 303
    )
    action = client.get("/api/documents/uji-sisa/actions/US-01").json()["action"]
    assert action["percent"] == 80


def test_a_withdrawn_action_offers_no_report_link_on_its_parts(agreements, regencies, client):
    """The form is gone from a withdrawn action; its parts table kept a
    *Laporkan* link per part of the reader's that led to no form."""
    text = """---
id: uji-tarik
title: Uji tarik
signed: 2026-01-28
parties:
  sumba-timur: Pemerintah Kabupaten Sumba Timur
  sumba-barat: Pemerintah Kabupaten Sumba Barat
---

## Komitmen {#komitmen}

- [ ] **UT-01** Pendataan perantau
  - owner: sumba-timur, sumba-barat
- [ ] **UT-02** Tetap
  - owner: sumba-timur
"""
    path = write(agreements, text)
    sync(path)
    from conftest import login

    login(client, "sumba-timur")
    assert "?part=sumba-timur" in client.get("/d/uji-tarik/UT-01").text
    write(
        agreements,
        text.split("- [ ] **UT-01**")[0] + "- [ ] **UT-02**" + text.split("**UT-02**")[1],
    )
    sync(path)
    page = client.get("/d/uji-tarik/UT-01").text
    assert "ditarik" in page and "?part=" not in page


def test_sync_makes_region_parts_from_parsed_regions(agreements):
    """Until the parser reads regions (branch `regions`), a parsed document is built here."""
    from tracker import db
    from tracker.agreements import sync as sync_module

    doc = ParsedDocument(
        path=str(agreements / "wilayah.md"),
        text="(built in the test)",
        id="uji-wilayah",
        title="Uji wilayah",
        signed=dt.date(2026, 1, 28),
        parties={"bali": "Pemerintah Provinsi Bali", "denpasar": "Pemerintah Kota Denpasar"},
        commitments=[ParsedCommitment("komitmen", "Komitmen", 5)],
        actions=[
            ParsedAction(
                id="UW-01",
                title="Pendataan pendatang",
                commitment="komitmen",
                line=7,
                owner=["bali", "denpasar"],
                target=Target(40, "desa"),
                regions=[
                    RegionPart(
                        "51.71", "Kota Denpasar", "kabupaten", "denpasar", Target(30, "desa")
                    ),
                    RegionPart(
                        "adat:kesiman", "Desa Adat Kesiman", "desa_adat", "bali", Target(10, "desa")
                    ),
                ],
            )
        ],
    )

    async def write_it():
        writer = sync_module._DocumentWriter(doc, "0" * 64)
        async with db.writing():
            return await writer.write()

    run(write_it())
    found = parts_of("UW-01")
    assert [(p["key"], p["label"], p["kind"], p["target_value"]) for p in found] == [
        ("51.71", "Kota Denpasar", "region", 30.0),
        ("adat:kesiman", "Desa Adat Kesiman", "region", 10.0),
    ]
    run(write_it())  # idempotent
    assert parts_of("UW-01") == found


def test_roll_up_rules():
    def part(i, target=None):
        return parts_module.PartInfo(
            i, 1, f"p{i}", f"P{i}", 1, "owner", None, i, None, None, target
        )

    at = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)

    def st(i, status, percent=None, value=None):
        return {"id": i, "status": status, "percent": percent, "value": value, "created_at": at}

    three = [part(1), part(2), part(3)]
    assert parts_module.roll_up(three, {}, None) is None
    done = parts_module.roll_up(
        three, {1: st(1, "done"), 2: st(2, "done"), 3: st(3, "cancelled")}, None
    )
    assert done["status"] == "done" and done["percent"] == 100 and done["holding"] == []
    risk = parts_module.roll_up(three, {1: st(1, "at_risk", 20)}, None)
    assert risk["status"] == "at_risk" and risk["percent"] == 7 and risk["holding"] == [1, 2, 3]
    counted = [part(1, 40.0), part(2, 40.0)]
    count = parts_module.roll_up(
        counted, {1: st(1, "in_progress", 10, 12), 2: st(2, "in_progress", 90, 8)}, None
    )
    assert count["percent"] == 50  # (12 + 8) / 40, not the mean of 10 and 90
    # a whole-action report made before the action was split stands only until
    # a part is reported; one made after the split (parts as old as their
    # action, or newer than the report) never sets the action's state
    whole = st(9, "at_risk", 40)
    split_later = [dataclasses.replace(p, since=at + dt.timedelta(days=1)) for p in three]
    assert parts_module.roll_up(split_later, {}, whole)["status"] == "at_risk"
    assert parts_module.roll_up(split_later, {1: st(10, "in_progress", 30)}, whole)["percent"] == 10
    for after in (three, [dataclasses.replace(p, since=at - dt.timedelta(days=1)) for p in three]):
        state = parts_module.roll_up(after, {}, whole)
        assert (state["status"], state["percent"], state["id"]) == ("not_started", 0, 9)


def test_a_file_broken_down_by_region_reports_region_by_region(client, agreements, accounts):
    """From the file to the form: `regions: kabupaten/kota di Bali` gives the nine
    official kabupaten/kota as parts; Kota Denpasar reports its own and is
    refused on Badung's, which the province reports."""
    from conftest import PASSWORD, login

    from tracker.accounts.users import add_user

    path = write(
        agreements,
        """---
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
  - region target: 10 desa
  - due: 2027-06-30
""",
    )
    report = sync(path)
    assert report.ok, report.as_dict()
    parts = parts_of("PD-01")
    assert [p["key"] for p in parts] == [
        "51.01", "51.02", "51.03", "51.04", "51.05", "51.06", "51.07", "51.08", "51.71",
    ]  # fmt: skip
    assert all(p["kind"] == "region" for p in parts)
    assert "Denpasar" in parts[-1]["label"] and "Badung" in parts[2]["label"]
    run(add_user("denpasar", "secretariat", PASSWORD, ["kota-denpasar"], "Sek. Kota Denpasar"))
    login(client, "denpasar")
    page = client.get("/d/uji-wilayah/PD-01").text
    assert page.count("<tr") >= 10  # the parts table: a row per region
    mine = post(client, "/d/uji-wilayah/PD-01", status="in_progress", value="4", links=LINK,
                part=parts[-1]["key"])  # fmt: skip
    assert mine.status_code == 303, mine.text
    refused = post(client, "/d/uji-wilayah/PD-01", status="done", links=LINK,
                   part=parts[2]["key"])  # fmt: skip
    assert refused.status_code == 403
    assert sync(path).ok and len(parts_of("PD-01")) == 9  # re-sync: nothing twice


# A document broken down by the desa adat of Badung (the list beside it).
DESA_ADAT_DOC = """---
id: uji-adat
title: Uji desa adat
signed: 2026-01-28
parties:
  bali: Pemerintah Provinsi Bali
---

## Komitmen {#komitmen}

- [ ] **DA-01** Pendataan di setiap desa adat Badung
  - owner: bali
  - regions: desa adat di Badung
"""


def test_a_desa_adat_added_to_the_list_alone_reaches_the_breakdown(agreements):
    """The list changes, the agreement's file does not: the next sync adds the
    new desa adat as a part (and a file that names no desa adat stays unchanged)."""
    (agreements / "desa-adat-bali.csv").write_text("name,kabupaten\nDesa Adat Kuta,51.03\n")
    path = write(agreements, DESA_ADAT_DOC)
    first = sync(folder=agreements)
    assert first.ok, first.as_dict()
    assert [p["key"] for p in parts_of("DA-01")] == ["adat:kuta"]
    with (agreements / "desa-adat-bali.csv").open("a") as f:
        f.write("Kedonganan,Badung\n")
    again = sync(folder=agreements)
    assert again.ok, again.as_dict()
    results = {Path(f["path"]).name: f["result"] for f in again.as_dict()["files"]}
    assert results[path.name] == "synced"
    assert [p["key"] for p in parts_of("DA-01")] == ["adat:kuta", "adat:kedonganan"]
    assert {r for n, r in results.items() if n != path.name} <= {"unchanged"}
    assert sync(folder=agreements).as_dict()["files"][0]["result"] == "unchanged"
    [amended] = [a for a in rows("amendment") if a["field"] == "parts"]
    assert (amended["old"], amended["new"]) == ("adat:kuta", "adat:kuta, adat:kedonganan")


def test_a_typing_mistake_in_the_list_withdraws_no_desa_adat(agreements):
    """A list with a bad line was read as far as it went: the next sync
    withdrew the desa adat of that line from every breakdown. Now the
    documents that name desa adat are rejected and keep their parts."""
    (agreements / "desa-adat-bali.csv").write_text(
        "name,kabupaten\nDesa Adat Kuta,51.03\nKedonganan,Badung\n"
    )
    write(agreements, DESA_ADAT_DOC)
    assert sync(folder=agreements).ok
    (agreements / "desa-adat-bali.csv").write_text(
        "name,kabupaten\nDesa Adat Kuta,51.03\nKedonganan,Badungg\n"
    )
    again = sync(folder=agreements)
    assert not again.ok
    assert "the desa adat list beside this file has errors" in again.errors[0].message
    assert [p["key"] for p in parts_of("DA-01")] == ["adat:kuta", "adat:kedonganan"]
    assert all(p["withdrawn_at"] is None for p in parts_of("DA-01"))
    assert not [a for a in rows("amendment") if a["field"] == "parts"]


def test_a_change_of_regions_is_an_amendment(agreements, client, accounts):
    from test_region_status import FILE

    path = write(agreements, FILE)
    assert sync(path).ok
    write(agreements, FILE.replace("regions: kabupaten/kota di Bali", "regions: 51.03, 51.71"))
    report = sync(path)
    assert report.ok and report.files[0].amended == ["PD-01"]
    [amended] = [a for a in rows("amendment") if a["field"] == "parts"]
    assert amended["old"].startswith("51.01, 51.02, 51.03") and amended["new"] == "51.03, 51.71"
    assert sum(p["withdrawn_at"] is None for p in parts_of("PD-01")) == 2
    from conftest import login

    login(client, "viewer")
    page = client.get("/d/uji-wilayah/PD-01").text
    assert "Bagian (wilayah atau pemilik)" in page and "51.03, 51.71" in page


def test_a_decimal_target_is_written_with_the_interface_languages_mark(agreements, as_user):
    """`target: 2,5 %` showed as `2.5 %` on the Indonesian pages (where the
    progress beside it reads `0,0%`): every target is a number of the
    language shown, on the document, the action, its parts and its form."""
    path = write(
        agreements,
        """---
id: uji-target
title: Uji target
signed: 2026-01-28
parties:
  bali: Pemerintah Provinsi Bali
  kota-denpasar: Pemerintah Kota Denpasar
---

## Komitmen {#komitmen}

- [ ] **TG-01** Data dibagikan
  - owner: bali
  - target: 2,5 %
- [ ] **TG-02** Pelatihan di setiap kabupaten/kota
  - owner: bali, kota-denpasar
  - regions: 51.03, 51.71
  - region target: 12,75 orang
""",
    )
    assert sync(path).ok
    client = as_user("admin")
    document = client.get("/d/uji-target").text
    assert "2,5 %" in document and "2.5 %" not in document
    action = client.get("/d/uji-target/TG-01").text
    assert action.count("2,5 %") >= 2 and "2.5" not in action  # the field and the form's hint
    parts = client.get("/d/uji-target/TG-02").text
    assert "/ 12,75 orang" in parts and "12.75" not in parts
    client.get("/lang/en?next=/")
    assert "2.5 %" in client.get("/d/uji-target").text
