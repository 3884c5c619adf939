"""Secretariats post progress: permissions, the update flow, bad input, conflicts."""

from __future__ import annotations

import html
import json
import re

import pytest
from conftest import PASSWORD, csrf, rows, run, sync
from test_sync import AGREEMENT, write

PM01 = "/d/harmoni-bali-ntt/PM-01"  # owner: ntt and the Sumba regencies; no Bali
PM02 = "/d/harmoni-bali-ntt/PM-02"  # owner: ntt, ...; with: bali; target 100 %
PM03 = "/d/harmoni-bali-ntt/PM-03"  # owner: ntt alone (no parts)
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.7\n% surat keputusan\n"


def post(client, path, files=None, headers=None, **fields):
    data = {
        "_csrf_token": csrf(client),
        "status": "in_progress",
        "percent": "30",
        "note": "Mulai berjalan",
        **fields,
    }
    return client.post(
        f"{path}/updates",
        data=data,
        files=files or [],
        headers=headers or {},
        follow_redirects=False,
    )


def updates_of(code: str) -> list[dict]:
    action = next(a for a in rows("action") if a["code"] == code)
    return [u for u in rows("update") if u["action"] == action["id"]]


def test_secretariat_posts_an_update_with_a_file(as_user):
    client = as_user("ntt")
    response = post(client, PM01, files=[("files", ("surat undangan.png", PNG, "image/png"))])
    assert response.status_code == 303 and response.headers["location"] == f"{PM01}#updates"
    page = client.get(PM01).text
    assert "Laporan kemajuan tersimpan." in page
    assert "Mulai berjalan" in page and "Berjalan" in page and "Pengguna ntt" in page
    evidence = re.search(r'href="(/evidence/\d+)"', page)[1]
    file = client.get(evidence)
    assert file.content == PNG and file.headers["content-type"] == "image/png"
    assert file.headers["x-content-type-options"] == "nosniff"
    [update] = updates_of("PM-01")
    assert (update["status"], update["percent"], update["source"]) == ("in_progress", 30, "web")
    assert "Laporan kemajuan tersimpan." not in client.get(PM01).text  # the flash shows once


def test_htmx_post_answers_the_fragment_at_once(as_user):
    client = as_user("ntt")
    response = post(client, PM01, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert '<section id="update-area">' in response.text
    assert "Mulai berjalan" in response.text and "<html" not in response.text


def test_after_a_post_every_part_of_the_page_shows_the_new_state(as_user):
    """The state under the title is swapped out of band with the update area, so
    a secretariat never reads "Belum mulai" under "Laporan kemajuan tersimpan."
    (PM-03 has one owner: PM-01's owners each report a part, see test_parts.py)."""
    client = as_user("ntt")
    response = post(
        client,
        PM03,
        headers={"HX-Request": "true"},
        status="done",
        percent="100",
        links="https://ntt.go.id/laporan",
    )
    state = re.search(r'<div class="state" id="action-state"[^>]*>(.*?)</div>', response.text, re.S)
    assert 'hx-swap-oob="true"' in state[0]
    assert "Selesai" in state[1] and "100 %" in state[1]
    assert "Belum ada laporan" not in state[1] and "Belum mulai" not in state[1]
    # Without JavaScript the redirect lands on the whole page, equally current.
    seen = str(updates_of("PM-03")[-1]["id"])
    plain = post(client, PM03, status="at_risk", percent="60", note="Tertunda", seen=seen)
    page = client.get(plain.headers["location"].split("#")[0]).text
    state = re.search(r'id="action-state"[^>]*>(.*?)</div>', page, re.S)[1]
    assert "Berisiko" in state and "60 %" in state


def test_a_refused_htmx_post_keeps_what_was_typed_and_lists_the_problems(as_user):
    client = as_user("ntt")
    response = post(
        client, PM01, headers={"HX-Request": "true"}, percent="150", note="Catatan panjang saya"
    )
    assert response.status_code == 422
    summary = re.search(r'<div class="error-summary".*?</div>', response.text, re.S)[0]
    assert 'href="#f-percent"' in summary and "Persentase harus" in summary
    assert ">Catatan panjang saya</textarea>" in response.text
    assert (
        'id="f-percent" class="short" name="percent" inputmode="numeric" value="150"'
        in response.text
    )


def test_bali_cannot_post_on_an_ntt_only_action(as_user):
    client = as_user("bali")
    assert post(client, PM01).status_code == 403
    assert 'name="status"' not in client.get(PM01).text  # no form offered either
    assert post(client, PM02).status_code == 303  # Bali supports PM-02
    assert updates_of("PM-01") == []


def test_viewer_and_notulis_cannot_post(as_user):
    for name in ("viewer", "notulis"):
        assert post(as_user(name), PM01).status_code == 403
    assert updates_of("PM-01") == []


def test_logged_out_post_goes_to_login(client, accounts):
    response = post(client, PM01)  # the login page, holding the report (sent again after it)
    assert response.status_code == 401 and 'action="/login"' in response.text
    assert _hidden(response.text)["next"] == PM01
    assert updates_of("PM-01") == []


def test_post_without_csrf_token_is_refused(as_user):
    client = as_user("ntt")
    response = client.post(
        f"{PM01}/updates", data={"status": "in_progress", "percent": "5", "note": "x"}
    )
    assert response.status_code == 403
    assert updates_of("PM-01") == []


@pytest.mark.parametrize(
    ("fields", "field_message"),
    [
        ({"note": ""}, "Tulis catatan bila status berubah."),
        ({"percent": "150"}, "Persentase harus bilangan bulat 0–100"),
        ({"percent": "lima"}, "Persentase harus bilangan bulat 0–100"),
        ({"status": "hampir"}, "Status “hampir” tidak dikenal."),
        ({"status": "done", "percent": "40"}, "lampirkan bukti"),
        ({"links": "javascript:alert(1)"}, "Tautan harus diawali http://"),
        ({"value": "12"}, "Aksi ini tidak punya target."),
    ],
)
def test_bad_input_is_refused_beside_its_field(as_user, fields, field_message):
    client = as_user("ntt")
    response = post(client, PM01, **fields)
    assert response.status_code == 422
    assert field_message in response.text
    assert 'class="error-message"' in response.text and 'class="error-summary"' in response.text
    assert updates_of("PM-01") == []
    # Without JavaScript the answer opens at its messages, and its title says so.
    assert "<title>Ada masalah: PM-01" in response.text
    assert 'action="/d/harmoni-bali-ntt/PM-01/updates#update-area"' in response.text


def test_files_are_checked_by_content_and_size(as_user):
    client = as_user("ntt")
    fake = post(
        client, PM01, files=[("files", ("surat.pdf", b"MZ\x90\x00 not a pdf", "application/pdf"))]
    )
    assert fake.status_code == 422 and "bukan PDF, JPEG atau PNG" in fake.text
    big = PDF + b"0" * (10 * 1024 * 1024)
    too_large = post(client, PM01, files=[("files", ("besar.pdf", big, "application/pdf"))])
    assert too_large.status_code == 422 and "lebih dari 10 MB" in too_large.text
    assert updates_of("PM-01") == [] and rows("evidence") == [] and rows("evidence_file") == []


def test_done_with_evidence_and_value_against_target(as_user):
    client = as_user("ntt")
    response = post(
        client, PM02, status="done", percent="", note="Pakta ditandatangani", value="100",
        links="https://jdih.nttprov.go.id/pakta-integritas", files=[("files", ("pakta.pdf", PDF, "application/pdf"))],
    )  # fmt: skip
    assert response.status_code == 303
    [update] = updates_of("PM-02")
    assert (update["status"], update["percent"], update["value"]) == ("done", 100, 100.0)
    assert sorted(e["kind"] for e in rows("evidence")) == ["file", "link"]
    # PM-02 is shared by five owners: ntt's part is done, the action is not yet.
    parts = client.get(PM02).text.split('id="action-parts"')[1].split("</section>")[0]
    assert re.search(r"Nusa Tenggara Timur.*?Selesai", parts, re.S)


def test_update_on_a_withdrawn_action_is_refused(as_user, agreements):
    path = write(agreements, AGREEMENT)
    sync(path)
    write(agreements, AGREEMENT.split("- [ ] **PM-02**")[0])
    sync(path)
    client = as_user("ntt")
    # its owner was typing when the sync withdrew it: refused, saying why,
    # and what was typed is given back (no form is left to hold it)
    for headers in ({}, {"HX-Request": "true"}):
        response = post(client, "/d/uji/PM-02", headers=headers, note="Sosialisasi di 5 desa")
        assert response.status_code == 409
        assert "Laporan Anda tidak tersimpan" in response.text
        assert "rencana aksi ini sudah ditarik" in response.text
        assert "Sosialisasi di 5 desa</textarea>" in response.text
    assert updates_of("PM-02") == []


def test_a_correction_is_a_new_update_naming_the_old(as_user):
    client = as_user("ntt")
    post(client, PM01, percent="60")
    [first] = updates_of("PM-01")
    post(
        client,
        PM01,
        percent="40",
        note="Koreksi: persentase salah ketik",
        corrects=str(first["id"]),
        seen=str(first["id"]),
    )
    first_again, correction = updates_of("PM-01")
    assert first_again == first  # nothing edited in place
    assert correction["corrects"] == first["id"] and correction["percent"] == 40
    assert f'href="#update-{first["id"]}"' in client.get(PM01).text


def test_second_author_is_told_of_the_newer_update_and_may_post_anyway(as_user):
    client = as_user("ntt")
    post(client, PM01, note="Laporan pertama", seen="0")
    stale = post(client, PM01, note="Laporan kedua", percent="45", seen="0")
    assert stale.status_code == 409
    assert "Laporan pertama" in stale.text and "Laporan kedua" in stale.text
    assert "Tetap kirim laporan saya" in stale.text
    assert len(updates_of("PM-01")) == 1
    seen = re.search(r'name="seen" value="(\d+)"', stale.text)[1]
    assert seen == str(updates_of("PM-01")[0]["id"])  # the form now knows the newer one
    anyway = post(client, PM01, note="Laporan kedua", percent="45", seen=seen)
    assert anyway.status_code == 303
    assert [u["note"] for u in updates_of("PM-01")] == ["Laporan pertama", "Laporan kedua"]


@pytest.mark.parametrize(
    "fields",
    [
        {"corrects": "9" * 30},
        {"seen": "-" + "9" * 30},
        {"value": "9" * 400},
    ],
)
def test_absurd_numbers_are_refused_not_crashed_on(as_user, fields):
    response = post(as_user("ntt"), PM02, **fields)
    assert response.status_code in (303, 409, 422)
    assert all(u["value"] is None or u["value"] < 1e18 for u in rows("update"))


def test_odd_requests_get_clear_answers(as_user):
    client = as_user("admin")
    assert client.get("/evidence/" + "9" * 25).status_code == 404
    assert client.get("/admin/audit?page=" + "9" * 25).status_code == 400


def test_notes_are_markdown_rendered_safely(as_user):
    client = as_user("ntt")
    note = (
        "**Rapat** selesai <script>alert(1)</script> [klik](javascript:alert(2)) "
        "![foto rapat](http://luar.example/x.png)"
    )
    post(client, PM01, note=note)
    page = client.get(PM01).text
    assert "<strong>Rapat</strong>" in page
    assert "<script>alert(1)" not in page and "&lt;script&gt;" in page
    assert 'href="javascript:' not in page
    # An image is a link to it: nothing is loaded from another site.
    assert '<a href="http://luar.example/x.png">foto rapat</a>' in page
    assert "<img" not in page.split('id="updates"')[-1]


def test_aksi_saya_lists_own_actions_late_first(as_user, agreements):
    late = AGREEMENT.replace("due: 2026-06-30", "due: 2026-02-01").replace(
        "- [ ] **PM-02** Syarat masuk\n  - owner: bali\n",
        "- [ ] **PM-02** Syarat masuk\n  - owner: bali\n  - due: 2027-03-31\n",
    )
    sync(write(agreements, late))
    client = as_user("ntt")
    page = client.get("/aksi").text
    codes = re.findall(r'href="/d/([\w-]+/[A-Z0-9-]+)"', page)
    assert codes[0] == "uji/PM-01"  # late first
    assert "uji/PM-02" in codes  # ntt supports it
    assert "harmoni-bali-ntt/HW-02" not in codes  # Bali's, with the diaspora: not ntt's
    assert "harmoni-bali-ntt/PM-01" in codes
    assert "Terlambat" in page
    bali = as_user("bali").get("/aksi").text
    assert "harmoni-bali-ntt/HW-02" in bali and "harmoni-bali-ntt/PM-01" not in bali


def test_aksi_saya_flags_actions_not_updated_in_60_days(as_user):
    import datetime as dt

    from conftest import run

    from tracker.agreements.tables import Action

    old = dt.datetime.now(dt.UTC) - dt.timedelta(days=61)
    run(Action.update({Action.created_at: old}).where(Action.code == "PM-03").run())
    page = as_user("ntt").get("/aksi").text
    row = page[page.index("PM-03") :].split("</tr>")[0]
    assert "Belum diperbarui 60 hari" in row
    fresh = page[page.index("PM-01") :].split("</tr>")[0]
    assert "Belum diperbarui 60 hari" not in fresh


def test_public_read_opens_read_only_pages(client, seeded, monkeypatch):
    assert client.get("/", follow_redirects=False).status_code == 303
    monkeypatch.setenv("TRACKER_PUBLIC_READ", "1")
    assert client.get("/").status_code == 200
    assert client.get(PM01).status_code == 200
    assert client.get("/aksi", follow_redirects=False).status_code == 303  # not a read-only page


def test_audit_log_records_writes_for_admins_only(as_user):
    post(as_user("ntt"), PM01)
    assert as_user("bali").get("/admin/audit").status_code == 403
    page = as_user("admin").get("/admin/audit").text
    assert "Laporan kemajuan ditambahkan" in page and "update.add" not in page
    assert "harmoni-bali-ntt/PM-01" in page and "testclient" in page
    assert '<td data-label="Tindakan">Masuk</td>' in page and "Pengguna ditambahkan" in page
    assert "Tidak ada entri" not in page
    past = as_user("admin").get("/admin/audit?page=40").text  # past the last page
    assert "Tidak ada entri di halaman ini." in past and 'href="/admin/audit">' in past


def test_audit_log_shortens_long_details_and_shows_them_whole_on_the_entry(as_user, monkeypatch):
    """A sync lists every action it wrote: the log shows the first few with a
    link, the entry's own page all of them; pages go on while entries do,
    without counting the whole log."""
    from tracker.web import admin

    created = [
        json.loads(r["detail"])["created"]
        for r in rows("audit_entry")
        if r["action"] == "document.sync" and r["target"] == "harmoni-bali-ntt"
    ][0]
    assert len(created) > admin.LISTED
    entry = next(r["id"] for r in rows("audit_entry") if r["target"] == "harmoni-bali-ntt")
    client = as_user("admin")
    log = client.get("/admin/audit").text
    more = len(created) - admin.LISTED
    assert f'<a href="/admin/audit/{entry}">dan {more} lainnya</a>' in log
    assert "created=" + ", ".join(created[: admin.LISTED]) in log
    assert created[admin.LISTED] not in log.split(f"/admin/audit/{entry}")[0].rsplit("<tr>", 1)[1]

    whole = client.get(f"/admin/audit/{entry}")
    assert whole.status_code == 200
    assert f"<dt>created</dt><dd>{', '.join(created)}</dd>" in whole.text
    assert "Dokumen disinkronkan" in whole.text and "harmoni-bali-ntt" in whole.text
    missing = client.get("/admin/audit/999999")
    assert missing.status_code == 404 and "Entri log audit 999999 tidak ditemukan" in missing.text
    assert client.get("/admin/audit/abc").status_code in (400, 404)

    monkeypatch.setattr(admin, "PER_PAGE", 2)
    total = len(rows("audit_entry"))
    last = -(-total // 2)
    first, final = client.get("/admin/audit").text, client.get(f"/admin/audit?page={last}").text
    assert "Halaman 1" in first and 'href="/admin/audit?page=2"' in first
    assert f"Halaman {last}" in final and f'href="/admin/audit?page={last + 1}"' not in final
    assert f'href="/admin/audit?page={last - 1}"' in final
    assert "Tidak ada entri di halaman ini." in client.get(f"/admin/audit?page={last + 1}").text
    assert as_user("bali").get(f"/admin/audit/{entry}").status_code == 403


def test_audit_rows_are_kept_by_what_the_entry_holds_not_its_id():
    """A database emptied or restored under a running server reuses ids: a
    kept row must never show another entry's content."""
    import datetime as dt

    from tracker.web import admin

    entry = {"id": 7, "at": dt.datetime(2026, 1, 30, 2, tzinfo=dt.UTC), "username": "ntt",
             "address": "10.0.0.1", "action": "login", "target": "ntt", "detail": "{}"}  # fmt: skip
    first = admin.audit_rows([entry], "id")
    assert "ntt" in first and "Masuk" in first
    again = admin.audit_rows([{**entry, "username": "bali", "target": "bali"}], "id")
    assert "bali" in again and "ntt" not in again
    assert admin.audit_rows([entry], "en") != first  # per language: "Logged in"
    assert "Logged in" in admin.audit_rows([entry], "en")


def test_a_kept_document_is_built_again_when_its_own_actions_move(as_user, monkeypatch):
    """A document is kept per process: an update on another document's action
    leaves it as it is, one on its own action or a new day (lateness) builds it
    again, and its page shows the new state at once."""
    import datetime as dt

    from tracker.agreements import queries

    def kept():
        return run(queries.get_document("harmoni-bali-ntt"))

    client = as_user("bali")
    first = kept()
    assert kept() is first  # nothing moved: the same kept document
    assert post(client, "/d/rakor-denpasar-2026-01-30/RK-02").status_code == 303
    assert kept() is first  # another document's action moved
    assert post(as_user("ntt"), PM03, percent="60").status_code == 303
    again = kept()
    assert again is not first and again["revision"] != first["revision"]
    pm03 = next(a for a in again["actions"] if a["code"] == "PM-03")
    assert pm03["status"] == "in_progress" and pm03["percent"] == 60
    page = client.get("/d/harmoni-bali-ntt").text
    line = re.search(r'href="/d/harmoni-bali-ntt/PM-03".*?</div>', page, re.S)[0]
    assert "status-in_progress" in line and "60 %" in line

    tomorrow = queries.today() + dt.timedelta(days=1)
    monkeypatch.setattr(queries, "today", lambda: tomorrow)
    assert kept() is not again  # a new day: lateness is counted again


def test_done_counts_as_100_percent_whatever_the_form_still_shows(as_user):
    client = as_user("ntt")
    response = post(
        client,
        PM01,
        status="done",
        percent="30",
        note="Selesai",
        links="https://example.org/sk.pdf",
    )
    assert response.status_code == 303
    assert [(u["status"], u["percent"]) for u in updates_of("PM-01")] == [("done", 100)]


def test_api_schema_is_as_open_as_the_api(client, seeded, monkeypatch):
    assert client.get("/schema/openapi.json").status_code == 401
    assert (
        client.get("/schema", follow_redirects=False).status_code == 303
    )  # a browser: to the login page
    monkeypatch.setenv("TRACKER_PUBLIC_READ", "1")
    assert client.get("/schema/openapi.json").status_code == 200
    # /schema is the description itself, under the site's content security
    # policy: no viewer page running code from another site.
    root = client.get("/schema")
    assert root.status_code == 200 and root.json()["openapi"].startswith("3.")
    assert "default-src 'self'" in root.headers["content-security-policy"]
    assert "openapi:" in client.get("/schema/openapi.yaml").text


def test_action_page_shows_the_latest_twenty_updates_and_links_to_all(as_user):
    client = as_user("ntt")
    for i in range(22):
        post(client, PM01, percent=str(i), note=f"laporan nomor {i}", confirm="1")
    page = client.get(PM01).text
    assert "laporan nomor 21" in page and "laporan nomor 1<" not in page
    assert "Menampilkan 20 laporan terbaru." in page
    everything = client.get(f"{PM01}?updates=all").text
    assert "laporan nomor 0" in everything and "laporan nomor 21" in everything


def test_each_update_keeps_its_own_evidence_on_the_page_and_in_the_api(as_user):
    """An action's updates and their evidence are read in one statement (an
    update once per piece of evidence): each update still lists only its own
    links, in the order given, and the newest twenty are twenty updates."""
    client = as_user("ntt")
    for i in range(22):
        links = "\n".join(f"https://example.org/{i}/{n}" for n in range(i % 3))
        post(client, PM03, percent=str(i), note=f"laporan {i}", links=links, confirm="1")
    api = client.get("/api/documents/harmoni-bali-ntt/actions/PM-03").json()["action"]
    assert len(api["updates"]) == 20 and api["more_updates"]
    assert [u["percent"] for u in api["updates"]] == list(range(21, 1, -1))
    for update in api["updates"]:
        i = update["percent"]
        assert [e["url"] for e in update["evidence"]] == [
            f"https://example.org/{i}/{n}" for n in range(i % 3)
        ]
    everything = client.get(f"{PM03}?updates=all").text
    shown = re.findall(r'href="(https://example\.org/[^"]+)"', everything)
    assert sorted(set(shown)) == sorted(
        f"https://example.org/{i}/{n}" for i in range(22) for n in range(i % 3)
    )


def test_the_action_page_shows_what_a_sync_changed_at_once(as_user, agreements):
    """Owners, amendments and parts of an action are kept per process until a
    sync of its document: right after that sync its page shows the new ones."""
    client = as_user("viewer")
    path = write(agreements, AGREEMENT, "uji.md")
    assert sync(path).ok
    api = "/api/documents/uji/actions/PM-01"
    before = client.get(api).json()["action"]
    assert [p["key"] for p in before["owner"]] == ["ntt"]
    assert before["amendments"] == [] and before["parts"] == []
    client.get("/d/uji/PM-01")  # kept now

    moved = AGREEMENT.replace(
        "  - owner: ntt\n  - due: 2026-06-30\n",
        "  - owner: bali\n  - with: ntt\n  - due: 2026-07-31\n"
        "  - regions: kabupaten/kota di Bali\n",
    )
    assert moved != AGREEMENT
    write(agreements, moved, "uji.md")
    assert sync(path).ok
    after = client.get(api).json()["action"]
    assert [p["key"] for p in after["owner"]] == ["bali"]
    assert [p["key"] for p in after["with"]] == ["ntt"]
    assert {(a["field"], a["old"], a["new"]) for a in after["amendments"]} >= {
        ("due", "2026-06-30", "2026-07-31")
    }
    assert len(after["parts"]) == 9  # Bali's nine kabupaten/kota
    page = client.get("/d/uji/PM-01").text
    assert "Kabupaten Badung" in page and "31 Juli 2026" in page


def test_a_party_renamed_by_another_documents_sync_shows_at_once(as_user, agreements):
    """A party's name is shared by every document that names it: a sync of
    another document that renames it shows on this document's and this
    action's pages at once."""
    client = as_user("viewer")
    assert sync(write(agreements, AGREEMENT, "uji.md")).ok
    api = "/api/documents/uji/actions/PM-01"
    assert [p["name"] for p in client.get(api).json()["action"]["owner"]] == [
        "Pemerintah Provinsi Nusa Tenggara Timur"
    ]
    assert "Pemprov NTT" not in client.get("/d/uji").text  # the document's page kept too
    other = AGREEMENT.replace("id: uji", "id: uji-lain").replace(
        "ntt: Pemerintah Provinsi Nusa Tenggara Timur", "ntt: Pemprov NTT"
    )
    assert sync(write(agreements, other, "uji-lain.md")).ok
    assert [p["name"] for p in client.get(api).json()["action"]["owner"]] == ["Pemprov NTT"]
    assert "Pemprov NTT" in client.get("/d/uji/PM-01").text
    assert "Pemprov NTT" in client.get("/d/uji").text


def test_an_update_committed_out_of_order_still_shows_on_its_page(as_user):
    """The action page takes states from the latest updates kept per process,
    which on PostgreSQL may miss an update whose lower id commits after a
    higher one was seen (here written so on SQLite too): the page reads that
    action's state exactly then, and shows the update it lists."""
    from tracker import db

    client = as_user("ntt")
    post(client, PM03, status="in_progress", percent="10", note="pertama")
    assert "10 %" in client.get(PM03).text  # the kept states know it now
    [first] = updates_of("PM-03")
    pm01 = next(a["id"] for a in rows("action") if a["code"] == "PM-01")
    insert = (
        'INSERT INTO "update" (id, action, status, percent, note, source, created_at) '
        "VALUES ({}, {}, '{}', {}, '{}', 'web', '2026-12-01 00:00:00+00:00')"
    )
    run(db.engine().run_ddl(insert.format(first["id"] + 10, pm01, "in_progress", 5, "lain")))
    client.get("/")  # caught up past the gap
    action = first["action"]
    run(db.engine().run_ddl(insert.format(first["id"] + 5, action, "at_risk", 40, "terlambat")))
    page = client.get(PM03).text
    assert "terlambat" in page  # listed...
    badge = re.search(r'class="badge status[^"]*"[^>]*>([^<]+)<', page)
    assert badge and badge.group(1).strip() == "Berisiko", badge  # ...and its state shown
    api = client.get("/api/documents/harmoni-bali-ntt/actions/PM-03").json()["action"]
    assert (api["status"], api["percent"], api["latest_update_id"]) == (
        "at_risk",
        40,
        first["id"] + 5,
    )


def test_htmx_errors_replace_the_page_and_logins_return_to_the_form_page(as_user, client):
    bali = as_user("bali")
    refused = post(bali, PM01, headers={"HX-Request": "true"})
    assert refused.status_code == 403 and refused.headers["hx-retarget"] == "body"
    bali.cookies.delete("tracker_session")
    expired = post(
        bali,
        PM01,
        headers={"HX-Request": "true", "HX-Current-URL": f"http://testserver.local{PM01}"},
    )
    assert expired.status_code == 401
    assert expired.headers["hx-redirect"] == f"/login?next={PM01}&unsaved=1"
    # Without JavaScript, the login page answers at once, holding the report
    # (test_a_report_sent_after_the_session_ended_comes_back_after_login);
    # other forms are sent to it, and it says that what was sent is not saved.
    no_js = post(bali, PM01, headers={"Referer": f"http://testserver.local{PM01}"})
    assert no_js.status_code == 401 and 'name="carry.note"' in no_js.text
    told = "Sesi Anda sudah berakhir, jadi yang Anda kirim tidak tersimpan."
    assert told in bali.get(f"/login?next={PM01}&unsaved=1").text
    assert told not in bali.get(f"/login?next={PM01}").text
    assert bali.get(PM01, follow_redirects=False).headers["location"] == f"/login?next={PM01}"


def _hidden(page: str) -> dict[str, str]:
    return {
        name: html.unescape(value)
        for name, value in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page)
    }


def test_a_report_sent_after_the_session_ended_comes_back_after_login(as_user):
    """Without JavaScript, a report sent once the session had ended: the
    login page holds what it said (escaped), and logging in brings back the
    action's form filled in, nothing stored; sent then, it is stored once.
    Before, the login page came by a redirect and the note was lost."""
    client = as_user("ntt")
    client.cookies.delete("tracker_session")
    note = 'Pelatihan <b>tiga</b> kabupaten "selesai"'
    photo = [("files", ("foto.jpg", b"\xff\xd8\xff", "image/jpeg"))]
    sent = post(client, PM03, files=photo, note=note, percent="45", status="at_risk")
    assert sent.status_code == 401
    assert "<b>tiga</b>" not in sent.text  # escaped
    carried = _hidden(sent.text)
    assert carried["carry.note"] == note and carried["next"] == PM03
    assert "Berkas lampiran harus dipilih lagi." in sent.text
    assert updates_of("PM-03") == []

    wrong = client.post("/login", data={**carried, "username": "ntt", "password": "salah"})
    assert wrong.status_code == 401 and _hidden(wrong.text)["carry.note"] == note  # still held
    back = client.post("/login", data={**carried, "username": "ntt", "password": PASSWORD})
    assert back.status_code == 200
    assert "Laporan Anda belum tersimpan" in back.text
    # Answered at /login, its language switch leads to the action, not to the login.
    assert f'href="/lang/en?next={PM03}"' in back.text
    form = re.search(r'<textarea id="f-note" name="note"[^>]*>([^<]*)</textarea>', back.text)
    assert form and html.unescape(form.group(1)) == note
    assert re.search(r'<option value="at_risk" selected>', back.text)
    assert 'id="f-percent" class="short" name="percent" inputmode="numeric" value="45"' in back.text
    assert updates_of("PM-03") == []

    token = _hidden(back.text)["_csrf_token"]
    saved = post(client, PM03, note=note, percent="45", status="at_risk", _csrf_token=token)
    assert saved.status_code == 303
    assert [(u["status"], u["percent"], u["note"]) for u in updates_of("PM-03")] == [
        ("at_risk", 45, note)
    ]


def test_a_carried_report_on_an_action_the_user_may_not_report_lands_as_usual(as_user):
    """Logged in as someone who may not report there, the login lands as
    any login does: no form is offered to them."""
    client = as_user("bali")
    client.cookies.delete("tracker_session")
    sent = post(client, PM03, note="Catatan")
    back = client.post(
        "/login",
        data={**_hidden(sent.text), "username": "bali", "password": PASSWORD},
        follow_redirects=False,
    )
    assert back.status_code in (302, 303) and back.headers["location"] == PM03


def test_a_mangled_unsaved_flag_shows_the_plain_login_page(client):
    """The login page never answers with an error: `unsaved` other than 1 is
    no notice (it was a 400 page when read as a boolean)."""
    page = client.get("/login?unsaved=zzz")
    assert page.status_code == 200 and 'name="username"' in page.text
    assert "tidak tersimpan" not in page.text


def test_an_untouched_form_sent_records_nothing(as_user):
    """Kirim on a form left as it came (same status and percent, no note, no
    evidence) is refused: a copy of the last report would only reset "stale"."""
    client = as_user("ntt")
    untouched = post(client, PM01, status="not_started", percent="0", note="")
    assert untouched.status_code == 422
    assert "Tidak ada yang baru untuk dilaporkan" in untouched.text
    assert updates_of("PM-01") == []
    assert post(client, PM01).status_code == 303  # a change: recorded
    seen = str(updates_of("PM-01")[-1]["id"])
    again = post(client, PM01, note="", seen=seen)  # the same again, nothing said
    assert again.status_code == 422 and len(updates_of("PM-01")) == 1
    same_with_a_note = post(client, PM01, note="Masih berjalan sesuai rencana", seen=seen)
    assert same_with_a_note.status_code == 303 and len(updates_of("PM-01")) == 2


def test_a_report_over_the_size_limit_shows_the_form_again_with_the_limit(as_user):
    """Without the browser's own check (no JavaScript), six big files: the
    action's page and its form, saying the limit and that nothing was saved,
    not a bare error page."""
    from tracker.progress.updates import MAX_FILE_BYTES

    client = as_user("ntt")
    big = b"%PDF-1.4\n" + b"0" * (MAX_FILE_BYTES - 100)
    files = [("files", (f"b{i}.pdf", big, "application/pdf")) for i in range(6)]
    response = post(client, PM03, files=files)
    assert response.status_code == 413
    page = response.text
    assert "Tidak ada yang disimpan: berkas yang dikirim lebih besar" in page
    assert 'id="f-files"' in page and "<title>Ada masalah:" in page
    assert not [u for u in rows("update") if u["note"] == "Mulai berjalan"]
    # With htmx: the update area alone, its message in place.
    swapped = post(client, PM03, files=files, headers={"HX-Request": "true"})
    assert swapped.status_code == 413 and "<html" not in swapped.text
    assert "Tidak ada yang disimpan" in swapped.text


def test_a_body_over_the_size_limit_shows_no_action_page_to_whom_may_not_report(client, accounts):
    """The size limit is checked before the login: its answer, the action's page
    with the form, was given to anyone, so a stranger read every report, note
    and evidence name of an action by sending a large enough body (only its
    length mattered). Those who may not report now get the plain 413 page."""
    from conftest import login

    from tracker.web.progress import MAX_REQUEST_BYTES

    login(client, "ntt")
    assert post(client, PM03, note="Catatan rahasia NTT").status_code == 303
    client.cookies.clear()
    body = b"0" * (MAX_REQUEST_BYTES + 1)
    multipart = {"content-type": "multipart/form-data; boundary=zz"}
    for who in (None, "viewer"):
        if who:
            login(client, who)
        refused = client.post(f"{PM03}/updates", content=body, headers=multipart)
        assert refused.status_code == 413, who
        assert (
            "Catatan rahasia NTT" not in refused.text and "Peningkatan kualitas" not in refused.text
        )
        assert "lebih besar" in refused.text
    csv = client.post("/aksi/import", content=body[: 3 * 2**20], headers=multipart)
    assert csv.status_code == 413 and "Unggah CSV" not in csv.text


def test_audit_details_read_as_words_not_python(as_user):
    """A chair set where there was none, the addresses typed for attendees:
    the log says "—" and "name: address", never None or Python's braces."""
    from tracker import db
    from tracker.accounts import audit

    async def write():
        async with db.writing():
            await audit.record(
                "meeting.chair",
                "rakor-uji",
                user_id=None,
                username="notulis",
                address="t",
                detail={"chair": [None, "peninjau"], "changed": {"Yosef Contoh": "y@ntt.go.id"}},
            )

    run(write())
    page = as_user("admin").get("/admin/audit").text
    row = page.split("rakor-uji")[1].split("</tr>")[0]
    assert "chair=—, peninjau" in row and "changed=Yosef Contoh: y@ntt.go.id" in row
    assert "None" not in row and "{" not in row and "&#39;" not in row
