"""Rakor: prepare from the tracker, record decisions, finalize into tracked actions."""

from __future__ import annotations

import hashlib
import io
import json
import re

import docx
import pypdf
import pytest
from conftest import csrf, login, rows, run, sync

from tracker.minutes import agenda

MEETING = {
    "title": "Rapat Koordinasi Tindak Lanjut Harmoni Bali–NTT",
    "date": "2026-11-20",
    "time": "09:30",
    "place": "Kantor Gubernur NTT, Kupang",
    "follows": "harmoni-bali-ntt",
    "invited": ["bali", "ntt"],
    "chair_name": "Wayan Koster",
    "chair_title": "Gubernur Bali",
    "chair_nip": "196212311988031001",
    "notulis_name": "Ni Made Sari",
    "notulis_title": "Analis Kebijakan",
    "kop": "PEMERINTAH PROVINSI BALI\nSEKRETARIAT DAERAH",
    "attendees": "Wayan Koster — Gubernur Bali — bali\nJohni Asadoma — Wakil Gubernur NTT — ntt\nKepala Dinas Nakertrans NTT",
}


def create(client, **changes) -> str:
    data = {**MEETING, **changes, "_csrf_token": csrf(client)}
    response = client.post("/rakor", data=data, follow_redirects=False)
    assert response.status_code == 303, response.text
    return response.headers["location"].removeprefix("/rakor/")


def page_of(client, slug) -> str:
    return client.get(f"/rakor/{slug}").text


def ids(html: str, kind: str) -> list[int]:
    """The ids of the rows of one kind on the draft page, in page order."""
    found = re.findall(rf'id="base-{kind}-(\d+)-', html)
    return [int(i) for i in dict.fromkeys(found)]


def base_of(html: str, key: str) -> str:
    return re.search(rf'value="([0-9a-f]+)" id="base-{key}"', html).group(1)


def save(client, slug, kind, row_id, field, value, base, htmx=True):
    data = {
        "_csrf_token": csrf(client),
        "kind": kind,
        "id": row_id,
        "field": field,
        "value": value,
        "base": base,
    }
    headers = {"HX-Request": "true"} if htmx else {}
    return client.post(f"/rakor/{slug}/simpan", data=data, headers=headers, follow_redirects=False)


def post(client, slug, path, **data):
    data["_csrf_token"] = csrf(client)
    return client.post(f"/rakor/{slug}/{path}", data=data, follow_redirects=False)


def test_notulis_creates_a_meeting_with_its_agenda_drafted(as_user):
    client = as_user("notulis")
    slug = create(client)
    assert slug == "rakor-2026-11-20-kantor-gubernur-ntt"
    html = page_of(client, slug)
    # Carry-over first: the Denpasar Rakor's own actions, still open.
    assert html.index("RK-01") < html.index("PM-01")
    assert "perubahan sejak Rakor 30 Januari 2026" in html
    # Commitments become items under their own titles, numbered by the agenda alone.
    assert re.search(r"<h3[^>]*>\d+\. Pembinaan pra-migrasi <span", html)
    assert len(rows("attendee")) == 3
    assert [a["party"] for a in rows("attendee")] == ["bali", "ntt", None]
    # Each item's briefing: its open actions, counted and listed (read only for this page).
    stored = [json.loads(i["briefing"]) if isinstance(i["briefing"], str) else i["briefing"]
              for i in rows("agenda_item")]  # fmt: skip
    counts = [int(n) for n in re.findall(r"Rencana aksi yang masih terbuka \((\d+)\)", html)]
    assert counts == [len(b) for b in stored if b]
    assert all(b[0]["code"] in html for b in stored if b)


def test_a_meeting_following_the_previous_minutes_too_reviews_their_actions_once(seeded):
    """Following the agreement and the Denpasar minutes, before any later
    Rakor: the minutes are the previous meeting, carried over once, not also
    drafted commitment by commitment."""
    import datetime as dt

    drafted = run(
        agenda.draft(["harmoni-bali-ntt", "rakor-denpasar-2026-01-30"], dt.date(2026, 12, 10))
    )
    assert drafted["previous"] == "rakor-denpasar-2026-01-30"
    codes = [b["code"] for item in drafted["items"] for b in item["briefing"]]
    assert codes.count("RK-01") == 1
    assert len(codes) == len(set(codes))


def test_an_item_drafted_from_followed_minutes_says_so(as_user):
    """A point of followed minutes (not the previous meeting) is labelled as
    the minutes', not as the agreement's."""
    client = as_user("notulis")
    slug = create(client, follows="rakor-denpasar-2026-01-30")
    html = page_of(client, slug)
    badges = re.findall(r'<h3[^>]*>\d+\. [^<]*<span class="badge">([^<]*)</span>', html)
    assert badges and set(badges) == {"dari notulen"}
    mixed = page_of(client, create(client, date="2026-11-21"))
    assert "dari kesepakatan" in mixed and "dari notulen" not in mixed


def test_the_draft_pages_briefings_are_kept_tables_sent_whole_plain_and_gzipped(as_user):
    """Each briefing table is rendered, encoded and deflated once (a kept
    fragment of the page), and the page decodes to exactly its plain bytes."""
    from tracker.web import meetings as pages

    client = as_user("notulis")
    slug = create(client)
    client.get(f"/rakor/{slug}")  # shows the flash message of its creation, once
    plain = client.get(f"/rakor/{slug}", headers={"Accept-Encoding": "identity"})
    gzipped = client.get(f"/rakor/{slug}", headers={"Accept-Encoding": "gzip"})
    assert plain.status_code == gzipped.status_code == 200
    assert "content-encoding" not in plain.headers
    assert gzipped.headers["content-encoding"] == "gzip"
    once = re.compile(r'(name="_submission" value=")[^"]*')  # a new key per page
    assert once.sub(r"\1", gzipped.text) == once.sub(r"\1", plain.text)
    tables = [
        table
        for _, table in pages._BRIEFINGS._kept.values()
        if table and table.data in plain.content
    ]
    shown = re.findall(r"Rencana aksi yang masih terbuka \((\d+)\)", plain.text)
    assert len(tables) == len(shown) > 0
    assert all(t._deflated is not None for t in tables)  # spliced into the gzip, not again
    assert plain.text.count("briefing-table") == len(shown)


def test_the_agenda_shows_what_changed_since_the_previous_meeting(as_user):
    ntt = as_user("ntt")
    data = {
        "_csrf_token": csrf(ntt),
        "status": "at_risk",
        "percent": "20",
        "note": "Anggaran belum turun",
    }
    assert (
        ntt.post("/d/harmoni-bali-ntt/PM-01/updates", data=data, follow_redirects=False).status_code
        == 303
    )
    import datetime as dt

    drafted = run(agenda.draft(["harmoni-bali-ntt"], dt.date(2026, 11, 20)))
    assert drafted["since"] == dt.date(2026, 1, 30)
    assert drafted["previous"] == "rakor-denpasar-2026-01-30"
    brief = {b["code"]: b for item in drafted["items"] for b in item["briefing"]}
    assert (brief["PM-01"]["status_then"], brief["PM-01"]["status_now"]) == (
        "not_started",
        "at_risk",
    )
    assert brief["PM-01"]["updates_since"] == 1
    assert brief["PM-01"]["updates"][0]["note"] == "Anggaran belum turun"
    assert drafted["items"][0]["kind"] == "carryover"
    assert {b["code"] for b in drafted["items"][0]["briefing"]} >= {"RK-01", "RK-07"}


def test_autosave_and_conflicts(as_user):
    client = as_user("notulis")
    slug = create(client)
    html = page_of(client, slug)
    item = ids(html, "item")[0]
    base = base_of(html, f"item-{item}-notes")
    first = save(client, slug, "item", item, "notes", "Peserta sepakat <b>mempercepat</b>", base)
    assert first.status_code == 200 and "tersimpan" in first.text
    new_base = re.search(r'value="([0-9a-f]+)" id="base-', first.text).group(1)
    # Someone else, still on the old base, types into the same field: shown, not saved.
    other = save(client, slug, "item", item, "notes", "Versi lain", base)
    assert other.status_code == 409
    assert "Peserta sepakat &lt;b&gt;mempercepat&lt;/b&gt;" in other.text
    assert rows("agenda_item")[0]["notes"] == "Peserta sepakat <b>mempercepat</b>"
    # A different field of the same meeting never conflicts.
    meeting_id = rows("meeting")[0]["id"]
    closing_base = base_of(html, f"meeting-{meeting_id}-closing")
    assert (
        save(client, slug, "meeting", meeting_id, "closing", "Ditutup", closing_base).status_code
        == 200
    )
    # Continuing from the new base saves.
    assert save(client, slug, "item", item, "notes", "Final", new_base).status_code == 200
    assert rows("agenda_item")[0]["notes"] == "Final"
    # Bad values get a message, nothing stored.
    bad = save(
        client,
        slug,
        "meeting",
        meeting_id,
        "next_meeting",
        "besok",
        base_of(html, f"meeting-{meeting_id}-next_meeting"),
    )
    assert bad.status_code == 422 and "TTTT-BB-HH" in bad.text
    assert save(client, slug, "meeting", meeting_id, "state", "final", "x").status_code == 422


def add_follow_up(client, slug, item, **fields):
    data = {
        "item": item,
        "title": "Pendataan pekerja asal Sumba di Badung",
        "owner": "ntt",
        "with": "bali",
        "due": "2027-03-31",
        "target": "500 orang",
        **fields,
    }
    return post(client, slug, "tindak-lanjut", **data)


def prepared(client) -> tuple[str, int]:
    slug = create(client)
    item = ids(page_of(client, slug), "item")[1]
    assert (
        post(
            client, slug, "keputusan", item=item, text="Pendataan dimulai Januari 2027"
        ).status_code
        == 303
    )
    assert add_follow_up(client, slug, item).status_code == 303
    assert (
        add_follow_up(
            client, slug, item, title="Sosialisasi di Waingapu", owner="sumba-timur", **{"with": ""}
        ).status_code
        == 303
    )
    return slug, item


def test_finalizing_what_is_incomplete_shows_every_gap_at_its_field(as_user):
    """Finalize (or submit) refused: the draft page again, every gap in the
    summary and beside its field, nothing issued."""
    client = as_user("notulis")
    slug, item = prepared(client)
    html = page_of(client, slug)
    follow_up = ids(html, "follow_up")[0]
    assert (
        save(
            client, slug, "item", item, "title", "", base_of(html, f"item-{item}-title")
        ).status_code
        == 200
    )
    base = base_of(html, f"follow_up-{follow_up}-title")
    assert save(client, slug, "follow_up", follow_up, "title", "", base).status_code == 200
    # Minutes are signed in the chair's name: issued without it, they were not.
    meeting = ids(html, "meeting")[0]
    base = base_of(html, f"meeting-{meeting}-chair_name")
    assert save(client, slug, "meeting", meeting, "chair_name", " ", base).status_code == 200
    refused = post(client, slug, "final")
    assert refused.status_code == 422
    assert '<form id="meeting-form"' in refused.text  # the draft page, not an error page
    summary = refused.text.split('class="error-summary"')[1].split("</div>")[0]
    assert f'href="#f-item-{item}-title"' in summary
    assert f'href="#f-follow_up-{follow_up}-title"' in summary
    assert f'href="#f-meeting-{meeting}-chair_name"' in summary
    assert "Isikan nama pimpinan rapat" in summary
    assert f'id="f-item-{item}-title-error"' in refused.text
    assert f'id="f-follow_up-{follow_up}-title-error"' in refused.text
    assert refused.headers["HX-Push-Url"] == f"/rakor/{slug}"
    assert rows("minutes_version") == []


def test_a_text_too_large_to_send_is_refused_at_its_field_not_over_the_page(as_user):
    """Over the form's size limit (a huge paste), autosave answers at the
    field's save state: the page, and what is typed in it, stay."""
    client = as_user("notulis")
    slug, item = prepared(client)
    base = base_of(page_of(client, slug), f"item-{item}-notes")
    data = {"_csrf_token": csrf(client), "kind": "item", "id": item, "field": "notes"}
    data.update(value="catatan " * 40_000, base=base)
    headers = {"HX-Request": "true", "HX-Target": f"state-item-{item}-notes"}
    response = client.post(f"/rakor/{slug}/simpan", data=data, headers=headers)
    assert response.status_code == 413
    assert "<html" not in response.text and "HX-Retarget" not in response.headers
    assert f'id="state-item-{item}-notes"' in response.text
    assert "Teks yang dikirim terlalu banyak" in response.text
    assert next(i for i in rows("agenda_item") if i["id"] == item)["notes"] == ""


def test_a_bad_follow_up_target_is_refused_in_the_interfaces_words(as_user):
    client = as_user("notulis")
    slug, _ = prepared(client)
    html = page_of(client, slug)
    follow_up = ids(html, "follow_up")[0]
    base = base_of(html, f"follow_up-{follow_up}-target")
    bad = save(client, slug, "follow_up", follow_up, "target", "banyak sekali", base)
    assert bad.status_code == 422
    assert "Bukan target: banyak sekali" in bad.text and "must be" not in bad.text
    ambiguous = save(client, slug, "follow_up", follow_up, "target", "1.000 orang", base)
    assert "tulis 1000 untuk bilangan bulat, atau 1.0000 untuk pecahan" in ambiguous.text


def test_finalize_creates_each_follow_up_once(as_user, tmp_path):
    client = as_user("notulis")
    slug, item = prepared(client)
    assert post(client, slug, "final").status_code == 303
    doc = next(d for d in rows("document") if d["slug"] == slug)
    assert doc["kind"] == "minutes" and doc["path"] == f"meeting:{slug}"
    codes = sorted(a["code"] for a in rows("action") if a["document"] == doc["id"])
    assert codes == ["TL-01", "TL-02"]
    again = post(client, slug, "final")
    assert again.status_code == 409
    # A correction: reopen, change a follow-up, finalize as version 2.
    assert post(client, slug, "koreksi").status_code == 303
    html = page_of(client, slug)
    follow_up = ids(html, "follow_up")[0]
    assert (
        save(
            client,
            slug,
            "follow_up",
            follow_up,
            "due",
            "2027-06-30",
            base_of(html, f"follow_up-{follow_up}-due"),
        ).status_code
        == 200
    )
    assert post(client, slug, "final").status_code == 303
    actions = [a for a in rows("action") if a["document"] == doc["id"]]
    assert sorted(a["code"] for a in actions) == ["TL-01", "TL-02"]
    assert [a["field"] for a in rows("amendment") if a["action"] == actions[0]["id"]] == ["due"]
    assert [v["version"] for v in rows("minutes_version")] == [1, 2]
    # The exported Markdown, archived in agreements/ and synced: nothing twice.
    markdown = client.get(f"/rakor/{slug}/notulen.md").content
    folder = tmp_path / "agreements"
    folder.mkdir()
    (folder / f"{slug}.md").write_bytes(markdown)
    before = len(rows("action"))
    report = sync(folder / f"{slug}.md")
    assert report.ok, report.as_dict()
    assert len(rows("action")) == before
    moved = next(d for d in rows("document") if d["slug"] == slug)
    assert moved["path"].endswith(f"{slug}.md")
    # Version 1 stays readable.
    assert "2027" in client.get(f"/rakor/{slug}/v/1").text


def test_a_stale_archived_copy_cannot_undo_a_correction(as_user, tmp_path):
    client = as_user("notulis")
    slug, _ = prepared(client)
    post(client, slug, "final")
    old = client.get(f"/rakor/{slug}/notulen.md").content
    post(client, slug, "koreksi")
    html = page_of(client, slug)
    follow_up = ids(html, "follow_up")[0]
    save(
        client,
        slug,
        "follow_up",
        follow_up,
        "title",
        "Judul baru",
        base_of(html, f"follow_up-{follow_up}-title"),
    )
    post(client, slug, "final")
    folder = tmp_path / "agreements"
    folder.mkdir()
    (folder / f"{slug}.md").write_bytes(old)
    report = sync(folder / f"{slug}.md")
    assert not report.ok
    assert "minutes export" in report.as_dict()["errors"][0]["message"]


def test_an_archived_copy_edited_by_hand_is_refused(as_user, tmp_path):
    """Once archived, the file was read as any agreement: a follow-up retitled
    in it was synced as an amendment, so the tracked actions no longer said
    what the issued notulen say (and the next correction in the tracker undid
    the edit). As agreement-format.md says, only the current export is taken."""
    client = as_user("notulis")
    slug, _ = prepared(client)
    post(client, slug, "final")
    exported = client.get(f"/rakor/{slug}/notulen.md").content
    folder = tmp_path / "agreements"
    folder.mkdir()
    archived = folder / f"{slug}.md"
    archived.write_bytes(exported)
    assert sync(archived).ok
    archived.write_bytes(exported.replace(b"**TL-01** ", b"**TL-01** Diubah: ", 1))
    report = sync(archived)
    assert not report.ok and [f.result for f in report.files] == ["rejected"]
    assert "minutes export" in report.as_dict()["errors"][0]["message"]
    assert rows("amendment") == []
    archived.write_bytes(exported)  # the export itself, archived again: fine
    assert sync(archived).ok


def test_follow_ups_are_tracked_for_their_owners(as_user, client):
    notulis = as_user("notulis")
    slug, _ = prepared(notulis)
    post(notulis, slug, "final")
    client.cookies.clear()
    ntt = as_user("ntt")
    assert f"/d/{slug}/TL-01" in ntt.get("/aksi").text
    data = ntt.get(f"/api/status/d/{slug}").json()
    assert data["totals"]["total"] == 2


def test_pdf_and_docx_hold_the_minutes(as_user):
    client = as_user("notulis")
    slug, _ = prepared(client)
    post(client, slug, "final")
    client.cookies.clear()
    viewer = as_user("viewer")
    pdf = viewer.get(f"/rakor/{slug}/notulen.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF-")
    text = " ".join(
        " ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf.content)).pages).split()
    )
    for expected in (
        "PEMERINTAH PROVINSI BALI",
        "NOTULEN",
        "Jumat, 20 November 2026",
        "Kantor Gubernur NTT, Kupang",
        "Wayan Koster",
        "Ni Made Sari",
        "Pendataan dimulai Januari 2027",
        "TL-01",
        "Pemerintah Provinsi Nusa Tenggara Timur",
        "Johni Asadoma",
    ):
        assert expected in text, expected
    document = docx.Document(io.BytesIO(viewer.get(f"/rakor/{slug}/notulen.docx").content))
    cells = " ".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    paragraphs = " ".join(p.text for p in document.paragraphs)
    assert "Pendataan dimulai Januari 2027" in paragraphs + cells
    assert "TL-02" in cells and "Sosialisasi di Waingapu" in cells
    assert "Wayan Koster" in paragraphs + cells
    english = viewer.get(f"/rakor/{slug}/notulen.pdf?lang=en")
    english_text = " ".join(
        p.extract_text() for p in pypdf.PdfReader(io.BytesIO(english.content)).pages
    )
    assert "MINUTES" in english_text


def test_permissions(as_user, client):
    notulis = as_user("notulis")
    slug = create(notulis)
    client.cookies.clear()
    viewer = as_user("viewer")
    assert viewer.get(f"/rakor/{slug}").status_code == 404  # drafts are the notulis's papers
    assert viewer.get("/rakor/baru").status_code == 403
    assert post(viewer, slug, "final").status_code == 403
    client.cookies.clear()
    bali = as_user("bali")
    assert post(bali, slug, "agenda", title="Sisipan").status_code == 403
    client.cookies.clear()
    assert client.get(f"/rakor/{slug}", follow_redirects=False).status_code in (302, 303)


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"title": ""}, "Isi judul"),
        ({"date": "2026-02-30"}, "TTTT-BB-HH"),
        ({"time": "25:00"}, "JJ:MM"),
        ({"follows": "tidak-ada"}, "Dokumen tidak dikenal"),
        ({"invited": ["ntb"]}, "Pihak tidak dikenal: ntb"),
    ],
)
def test_bad_new_meetings_are_refused_with_a_message(as_user, changes, message):
    client = as_user("notulis")
    data = {**MEETING, **changes, "_csrf_token": csrf(client)}
    response = client.post("/rakor", data=data, follow_redirects=False)
    assert response.status_code == 422
    assert message in response.text
    assert rows("meeting") == []


def test_a_new_meeting_form_names_every_problem_at_once(as_user):
    client = as_user("notulis")
    data = {**MEETING, "title": "", "follows": "", "chair_nip": "12ab", "_csrf_token": csrf(client)}
    response = client.post("/rakor", data=data, follow_redirects=False)
    assert response.status_code == 422
    summary = response.text.split('class="error-summary"')[1].split("</div>")[0]
    for field in ("title", "follows", "chair_nip"):
        assert f'href="#f-{field}"' in summary
        assert f'id="f-{field}-error"' in response.text
    assert 'value="Ni Made Sari"' in response.text  # what was typed is kept
    assert rows("meeting") == []


def test_bad_follow_ups_are_refused(as_user):
    client = as_user("notulis")
    slug = create(client)
    item = ids(page_of(client, slug), "item")[0]
    assert add_follow_up(client, slug, item, target="1.000 orang").status_code == 422
    assert add_follow_up(client, slug, item, owner="").status_code == 422
    assert add_follow_up(client, slug, item, owner="ntb").status_code == 422
    assert rows("follow_up") == []


def test_cli_exports_minutes_that_tracker_check_accepts(as_user, tmp_path):
    from test_cli import tracker

    client = as_user("notulis")
    slug, _ = prepared(client)
    missing = tracker("minutes", "export", slug, "--format", "md")
    assert missing.returncode == 1 and "no finalized minutes" in missing.stderr
    post(client, slug, "final")
    listed = tracker("minutes", "list")
    assert listed.returncode == 0 and f"{slug}\tfinal\tv1" in listed.stdout
    target = tmp_path / f"{slug}.md"
    result = tracker("minutes", "export", slug, "--format", "md", "-o", str(target))
    assert result.returncode == 0, result.stderr
    assert target.read_bytes() == client.get(f"/rakor/{slug}/notulen.md").content
    checked = tracker("check", str(target), "--format", "json")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    import json

    report = json.loads(checked.stdout)
    assert report["errors"] == [] and report["files"][0]["type"] == "minutes"
    assert [a["id"] for a in report["files"][0]["actions"]] == ["TL-01", "TL-02"]
    for fmt, magic in (("pdf", b"%PDF-"), ("docx", b"PK")):
        out = tmp_path / f"notulen.{fmt}"
        result = tracker("minutes", "export", slug, "--format", fmt, "--lang", "en", "-o", str(out))
        assert result.returncode == 0, result.stderr
        assert out.read_bytes().startswith(magic)
    assert tracker("minutes", "export", slug, "--format", "odt").returncode == 2


def test_a_conflict_keeps_the_old_base_until_the_user_chooses(as_user):
    client = as_user("notulis")
    slug = create(client)
    html = page_of(client, slug)
    item = ids(html, "item")[0]
    base = base_of(html, f"item-{item}-notes")
    assert save(client, slug, "item", item, "notes", "Teks A", base).status_code == 200
    conflict = save(client, slug, "item", item, "notes", "Teks B", base)
    assert conflict.status_code == 409
    assert 'id="base-' not in conflict.text  # the field's base does not move by itself
    assert "Simpan versi saya" in conflict.text and "Pakai versi itu" in conflict.text
    # Typing on from the old base keeps conflicting: never a silent overwrite.
    assert save(client, slug, "item", item, "notes", "Teks B lagi", base).status_code == 409
    assert rows("agenda_item")[0]["notes"] == "Teks A"
    # "Keep mine" sends the base of their text: now it is saved over theirs.
    theirs = re.search(r'class="keep-mine" data-base="([0-9a-f]+)"', conflict.text).group(1)
    assert save(client, slug, "item", item, "notes", "Teks B", theirs).status_code == 200
    assert rows("agenda_item")[0]["notes"] == "Teks B"


def test_without_javascript_a_conflict_shows_both_texts(as_user):
    client = as_user("notulis")
    slug = create(client)
    html = page_of(client, slug)
    item = ids(html, "item")[0]
    base = base_of(html, f"item-{item}-notes")
    assert save(client, slug, "item", item, "notes", "Teks A", base, htmx=False).status_code == 303
    response = save(client, slug, "item", item, "notes", "Teks saya", base, htmx=False)
    assert response.status_code == 409
    assert "Teks A" in response.text and "Teks saya" in response.text


def test_finalize_never_takes_over_a_document_synced_under_its_id(as_user, tmp_path):
    client = as_user("notulis")
    slug, _ = prepared(client)
    folder = tmp_path / "agreements"
    folder.mkdir()
    text = (
        f"---\nid: {slug}\ntitle: Berkas lain\nsigned: 2026-01-28\nparties:\n  bali: Pemerintah Provinsi Bali\n---\n\n"
        "## Satu\n\n- [ ] **AB-01** Aksi dari berkas\n  - owner: bali\n"
    )
    (folder / "lain.md").write_text(text, encoding="utf-8")
    assert sync(folder / "lain.md").ok
    response = post(client, slug, "final")
    assert response.status_code == 422 and "Sudah ada dokumen" in response.text
    doc = next(d for d in rows("document") if d["slug"] == slug)
    assert [a["code"] for a in rows("action") if a["document"] == doc["id"]] == ["AB-01"]


def test_open_follow_ups_and_undecided_points_carry_over_to_the_next_meeting(as_user):
    client = as_user("notulis")
    first = create(client, date="2026-06-10", place="Labuan Bajo")
    items = ids(page_of(client, first), "item")
    assert post(client, first, "agenda", title="Usulan peraturan bersama").status_code == 303
    assert post(client, first, "keputusan", item=items[0], text="Diputuskan").status_code == 303
    assert add_follow_up(client, first, items[0], title="Rapat teknis pendataan").status_code == 303
    assert post(client, first, "final").status_code == 303

    second = create(client, date="2026-11-20")
    html = page_of(client, second)
    assert "perubahan sejak Rakor 10 Juni 2026" in html
    titles = re.findall(r'<h3[^>]*>\d+\. (.*?) <span class="badge">(.*?)</span>', html)
    carried = [t for t, kind in titles if kind == "lanjutan Rakor sebelumnya"]
    # The first meeting's open follow-up (under its own minutes' title) and its undecided
    # points come first; the item that got a decision does not come back as undecided.
    assert carried[0] == "Rapat Koordinasi Tindak Lanjut Harmoni Bali–NTT"
    assert "Usulan peraturan bersama" in carried
    assert titles[0][1] == "lanjutan Rakor sebelumnya"
    assert "TL-01" in html and "Rapat teknis pendataan" in html
    # Commitment items come back drafted afresh, not as bare "undecided" titles.
    assert len(carried) == 2


def test_bad_download_parameters_get_a_message(as_user):
    client = as_user("notulis")
    slug, _ = prepared(client)
    post(client, slug, "final")
    bad_version = client.get(f"/rakor/{slug}/notulen.pdf?v=dua")
    assert bad_version.status_code == 422 and "Bukan nomor: dua" in bad_version.text
    bad_lang = client.get(f"/rakor/{slug}/notulen.pdf?lang=fr")
    assert bad_lang.status_code == 422 and "Bahasa tidak dikenal: fr" in bad_lang.text
    assert client.get(f"/rakor/{slug}/notulen.odt").status_code == 404


def test_readers_never_see_a_correction_being_drafted(as_user, client):
    """A reopened meeting keeps showing its finalized title to readers (issue 10)."""
    notulis = as_user("notulis")
    slug, _ = prepared(notulis)
    assert post(notulis, slug, "final").status_code == 303
    assert post(notulis, slug, "koreksi").status_code == 303
    assert change(notulis, slug, title="DRAFTSECRET-TITLE").status_code == 303
    assert "DRAFTSECRET-TITLE" in notulis.get("/rakor").text  # the notulis sees the draft
    for role in ("viewer", "ntt"):
        login(client, role)
        listing = client.get("/rakor").text
        assert "DRAFTSECRET-TITLE" not in listing
        assert MEETING["title"] in listing and f"/rakor/{slug}" in listing
        assert "DRAFTSECRET-TITLE" not in client.get(f"/rakor/{slug}").text


# ------------------------------------------ change, re-draft, cancel a draft


def change(client, slug, **changes):
    fields = {k: MEETING[k] for k in ("title", "date", "time", "place", "follows", "invited")}
    return post(client, slug, "ubah", **{**fields, **changes})


def second_notulis(client):
    from conftest import PASSWORD, login

    from tracker.accounts.users import add_user

    run(add_user("notulis2", "notulis", PASSWORD, [], "Notulis Kedua"))
    client.cookies.clear()
    assert login(client, "notulis2").status_code in (302, 303)
    return client


def test_the_notulis_changes_date_place_and_invitations_and_the_id_follows(as_user):
    client = as_user("notulis")
    slug = create(client)
    form = client.get(f"/rakor/{slug}/ubah")
    assert form.status_code == 200
    # One column of labelled fields, parties by name, the current values filled in.
    assert '<label for="f-date">Tanggal</label>' in form.text
    assert 'value="2026-11-20"' in form.text and 'value="09:30"' in form.text
    assert "Pemerintah Provinsi Nusa Tenggara Timur" in form.text
    response = change(client, slug, date="2026-11-27", place="Hotel Sasando, Kupang", invited="ntt")
    assert response.status_code == 303
    new = response.headers["location"].removeprefix("/rakor/")
    assert new == "rakor-2026-11-27-hotel-sasando"
    assert client.get(f"/rakor/{slug}").status_code == 404
    html = page_of(client, new)
    assert "27 November 2026 pukul 09.30" in html and "Hotel Sasando, Kupang" in html
    assert "Pemerintah Provinsi Nusa Tenggara Timur" in html
    [meeting] = rows("meeting")
    assert (meeting["slug"], meeting["place"]) == (new, "Hotel Sasando, Kupang")
    assert json_of(meeting["invited"]) == ["ntt"]
    [entry] = [e for e in rows("audit_entry") if e["action"] == "meeting.edit"]
    detail = json_of(entry["detail"])
    assert entry["target"] == new and detail["slug"] == [slug, new]
    assert detail["invited"] == [["bali", "ntt"], ["ntt"]]
    # A refused value: the form again with a summary, what was typed kept, nothing changed.
    bad = change(client, new, title="Rakor baru sekali", date="", place="Ende")
    assert bad.status_code == 422
    assert 'class="error-summary"' in bad.text and 'href="#f-date"' in bad.text
    assert 'value="Rakor baru sekali"' in bad.text and 'value="Ende"' in bad.text
    assert rows("meeting")[0]["title"] == MEETING["title"]


def test_details_changed_from_two_tabs_are_not_undone_silently(as_user):
    """Two notulis open *Ubah*; one renames the meeting, the other, still on the
    old form, moves its time. The second save put the old title back and said
    the details were changed; now it is refused (409) saying what they read
    now, with what was typed kept, and a second press saves it over them."""
    client = as_user("notulis")
    slug = create(client)
    shown = re.search(r'name="base" value="([0-9a-f]+)"', client.get(f"/rakor/{slug}/ubah").text)
    base = shown.group(1)
    renamed = change(client, slug, title="Rakor Harmoni: judul baru", base=base)
    assert renamed.status_code == 303
    stale = change(client, slug, time="13:00", base=base)
    assert stale.status_code == 409
    assert "orang lain mengubah rincian rapat ini" in stale.text
    assert "Rakor Harmoni: judul baru" in stale.text and 'value="13:00"' in stale.text
    # the day and time they now read, the reader's way (not 2026-11-20 09:30)
    assert "20 November 2026 pukul 09.30 WITA, Kantor Gubernur NTT" in stale.text
    [meeting] = rows("meeting")
    assert meeting["title"] == "Rakor Harmoni: judul baru"
    assert db_time(meeting["starts_at"]) == "09:30"
    again = re.search(r'name="base" value="([0-9a-f]+)"', stale.text).group(1)
    assert change(client, slug, time="13:00", base=again).status_code == 303
    assert db_time(rows("meeting")[0]["starts_at"]) == "13:00"
    # (its own title was the old one: saved over the new one, as the user chose)
    assert rows("meeting")[0]["title"] == MEETING["title"]


def db_time(value) -> str:
    from tracker import db, i18n

    return db.timestamp(value).astimezone(i18n.WITA).strftime("%H:%M")


def json_of(value):
    import json

    return json.loads(value) if isinstance(value, str) else value


def test_redrafting_keeps_what_was_typed(as_user):
    client = as_user("notulis")
    slug = create(client, follows="harmoni-bali-ntt")
    html = page_of(client, slug)
    items = ids(html, "item")
    first, second = items[0], items[1]
    base = base_of(html, f"item-{second}-notes")
    assert save(client, slug, "item", second, "notes", "Dibahas panjang", base).status_code == 200
    assert post(client, slug, "keputusan", item=first, text="Diputuskan").status_code == 303
    assert post(client, slug, "agenda", title="Usulan tambahan").status_code == 303
    before = {i["id"]: i for i in rows("agenda_item")}
    response = post(client, slug, "susun-ulang")
    assert response.status_code == 303
    after = {i["id"]: i for i in rows("agenda_item")}
    assert after[second]["notes"] == "Dibahas panjang"
    assert first in after and [d["item"] for d in rows("decision")] == [first]
    assert any(i["title"] == "Usulan tambahan" for i in after.values())
    assert set(before) == set(after)  # the same items: nothing lost, nothing doubled
    [entry] = [e for e in rows("audit_entry") if e["action"] == "meeting.redraft"]
    assert json_of(entry["detail"])["kept"] == len(before) - 1
    # Changing the documents and re-drafting at once: items untouched and empty go,
    # the typed ones stay.
    response = change(client, slug, follows="rakor-denpasar-2026-01-30", redraft="1")
    assert response.status_code == 303
    after = {i["id"]: i for i in rows("agenda_item")}
    assert second in after and first in after
    assert any(i["title"] == "Usulan tambahan" for i in after.values())
    untouched = (
        set(before)
        - {first, second}
        - {i for i in before if before[i]["title"] == "Usulan tambahan"}
    )
    assert untouched and not (untouched & set(after))


def test_a_stray_draft_is_cancelled_and_frees_its_id(as_user):
    client = as_user("notulis")
    slug = create(client)
    stray = create(client)
    assert stray == slug + "-2"
    confirm = client.get(f"/rakor/{stray}/batal")
    assert confirm.status_code == 200 and "Batalkan draf Rakor ini?" in confirm.text
    response = post(client, stray, "batal")
    assert response.status_code == 303 and response.headers["location"] == "/rakor"
    listing = client.get("/rakor").text
    assert f"/rakor/{stray}" not in listing and f"/rakor/{slug}" in listing
    assert "Draf Rakor dibatalkan" in listing
    assert len(rows("meeting")) == 1
    [entry] = [e for e in rows("audit_entry") if e["action"] == "meeting.cancel"]
    snapshot = json_of(entry["detail"])["snapshot"]
    assert snapshot["slug"] == stray and snapshot["title"] == MEETING["title"]
    assert len(snapshot["attendees"]) == 3 and snapshot["items"]
    # The id is free again: cancel the first one too, and a new meeting takes it.
    assert post(client, slug, "batal").status_code == 303
    assert create(client) == slug


def test_only_its_notulis_or_an_admin_changes_or_cancels_a_draft(client, accounts):
    from conftest import login

    login(client, "notulis")
    slug = create(client)
    other = second_notulis(client)
    assert other.get(f"/rakor/{slug}/ubah").status_code == 403
    assert change(other, slug, place="Ende").status_code == 403
    assert post(other, slug, "susun-ulang").status_code == 403
    assert other.get(f"/rakor/{slug}/batal").status_code == 403
    refused = post(other, slug, "batal")
    assert refused.status_code == 403 and "Hanya notulis yang membuat Rakor ini" in refused.text
    # ...but another notulis may still type into the meeting.
    assert other.get(f"/rakor/{slug}").status_code == 200
    for name in ("viewer", "ntt"):
        client.cookies.clear()
        login(client, name)
        assert client.get(f"/rakor/{slug}/ubah").status_code in (403, 404)
        assert post(client, slug, "batal").status_code == 403
    # Without a form token: refused before anything happens.
    client.cookies.clear()
    login(client, "admin")
    assert client.post(f"/rakor/{slug}/batal", data={}, follow_redirects=False).status_code == 403
    assert len(rows("meeting")) == 1
    assert change(client, slug, place="Ende").status_code == 303  # an admin may
    assert rows("meeting")[0]["slug"] == "rakor-2026-11-20-ende"


def test_another_notulis_cannot_rename_or_move_a_draft_through_its_autosave(client, accounts):
    """The title and place are details (*Ubah*: its creator or an admin). The
    autosave took them too, from any notulis, with a crafted field name: the
    meeting renamed, its id no longer following its place, nothing audited."""
    from conftest import login

    login(client, "notulis")
    slug = create(client)
    [meeting] = rows("meeting")
    other = second_notulis(client)
    for field in ("title", "place"):
        base = hashlib.sha256(meeting[field].encode()).hexdigest()[:16]
        refused = save(other, slug, "meeting", meeting["id"], field, "Diganti", base)
        assert refused.status_code == 422, refused.text
        plain = save(other, slug, "meeting", meeting["id"], field, "Diganti", base, htmx=False)
        assert plain.status_code == 422
        form = {"_csrf_token": csrf(other), f"b:meeting-{meeting['id']}-{field}": base,
                f"v:meeting-{meeting['id']}-{field}": "Diganti"}  # fmt: skip
        assert other.post(f"/rakor/{slug}/simpan-semua", data=form).status_code == 422
    [after] = rows("meeting")
    assert (after["title"], after["place"], after["slug"]) == (
        meeting["title"],
        meeting["place"],
        slug,
    )


def test_finalized_minutes_are_never_changed_or_deleted(as_user):
    client = as_user("admin")
    slug, _ = prepared(client)
    assert post(client, slug, "final").status_code == 303
    for response in (
        client.get(f"/rakor/{slug}/ubah"),
        change(client, slug, place="Ende"),
        post(client, slug, "susun-ulang"),
        client.get(f"/rakor/{slug}/batal"),
        post(client, slug, "batal"),
        post(client, slug, "simpan-semua"),
    ):
        assert response.status_code == 409, response.text
        assert "sudah final" in response.text
    # Reopened for a correction it is a draft again, but still never deleted,
    # and keeps the id its minutes were issued under.
    assert post(client, slug, "koreksi").status_code == 303
    refused = post(client, slug, "batal")
    assert refused.status_code == 409 and "tidak pernah dihapus" in refused.text
    assert change(client, slug, place="Ende").headers["location"] == f"/rakor/{slug}"
    assert len(rows("meeting")) == 1 and rows("meeting")[0]["place"] == "Ende"


def page_form(html: str) -> dict[str, list[str]]:
    """What the page's one form sends as it stands (its fields with their values)."""
    form = html[
        html.index('<form id="meeting-form"') : html.index(
            "</form>", html.index('id="meeting-form"')
        )
    ]
    data: dict[str, list[str]] = {}
    for tag in re.findall(r"<input [^>]*>", form):
        name = re.search(r'name="([^"]+)"', tag)
        if not name or 'type="submit"' in tag:
            continue
        if 'type="checkbox"' in tag and " checked" not in tag:
            continue
        value = re.search(r'value="([^"]*)"', tag)
        data.setdefault(name.group(1), []).append(value.group(1) if value else "")
    for name, text in re.findall(r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', form, re.S):
        data.setdefault(name, []).append(text)
    for name, options in re.findall(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', form, re.S):
        chosen = re.findall(r'<option value="([^"]*)" selected', options)
        data.setdefault(name, []).append(chosen[0] if chosen else "")
    import html as html_module

    return {k: [html_module.unescape(v) for v in vs] for k, vs in data.items()}


def test_without_javascript_one_simpan_saves_every_field(as_user):
    client = as_user("notulis")
    slug, item = prepared(client)
    html = page_of(client, slug)
    assert html.count('<form id="meeting-form"') == 1
    assert "setiap tombol di formulir ini, termasuk setiap “Simpan”" in html
    meeting_id = rows("meeting")[0]["id"]
    follow_up = ids(html, "follow_up")[0]
    data = page_form(html)
    data[f"v:item-{item}-notes"] = ["Catatan yang diketik"]
    data[f"v:meeting-{meeting_id}-closing"] = ["Rapat ditutup pukul 12.00"]
    data[f"v:follow_up-{follow_up}-due"] = ["2027-03-31"]
    data[f"new_decision-{item}"] = ["Keputusan yang belum ditambahkan"]
    data["_csrf_token"] = [csrf(client)]
    response = client.post(f"/rakor/{slug}/simpan-semua", data=data, follow_redirects=False)
    assert response.status_code == 303
    assert (
        next(i for i in rows("agenda_item") if i["id"] == item)["notes"] == "Catatan yang diketik"
    )
    assert rows("meeting")[0]["closing"] == "Rapat ditutup pukul 12.00"
    assert str(rows("follow_up")[0]["due"]) == "2027-03-31"
    assert "Keputusan yang belum ditambahkan" in [d["text"] for d in rows("decision")]
    # Pressing a button that does something else (move an item) saves the fields too.
    html = page_of(client, slug)
    data = page_form(html)
    data[f"v:item-{item}-notes"] = ["Catatan kedua"]
    data["move"] = [f"{item}:up"]
    data["_csrf_token"] = [csrf(client)]
    assert (
        client.post(f"/rakor/{slug}/pindah", data=data, follow_redirects=False).status_code == 303
    )
    items = sorted(rows("agenda_item"), key=lambda i: i["position"])
    assert items[0]["id"] == item and items[0]["notes"] == "Catatan kedua"


def test_without_javascript_a_refused_entry_saves_nothing_typed_with_it(as_user):
    """A follow-up refused (no owner) with a decision and a note typed in the
    same press: nothing is saved, everything typed comes back, and sending it
    again once fixed adds the decision once."""
    client = as_user("notulis")
    slug, item = prepared(client)
    decisions, follow_ups = len(rows("decision")), len(rows("follow_up"))
    data = page_form(page_of(client, slug))
    data[f"v:item-{item}-notes"] = ["Catatan bersama keputusan"]
    data[f"new_decision-{item}"] = ["Keputusan kedua"]
    data["new_follow_up-item"] = [str(item)]
    data["new_follow_up-title"] = ["Tindak lanjut tanpa penanggung jawab"]
    data["new_follow_up-due"] = ["2027-03-31"]
    data["add"] = ["follow_up"]
    data["_csrf_token"] = [csrf(client)]
    refused = client.post(f"/rakor/{slug}/simpan-semua", data=data, follow_redirects=False)
    assert refused.status_code == 422
    assert "penanggung jawab" in refused.text
    assert 'id="f-new_follow_up-owner-error"' in refused.text  # beside the owners too
    assert len(rows("decision")) == decisions and len(rows("follow_up")) == follow_ups
    assert next(i for i in rows("agenda_item") if i["id"] == item)["notes"] != (
        "Catatan bersama keputusan"
    )
    assert "Catatan bersama keputusan" in refused.text and "Keputusan kedua" in refused.text
    fixed = page_form(refused.text)
    fixed["new_follow_up-owner"] = ["ntt"]
    fixed["add"] = ["follow_up"]
    fixed["_csrf_token"] = [csrf(client)]
    saved = client.post(f"/rakor/{slug}/simpan-semua", data=fixed, follow_redirects=False)
    assert saved.status_code == 303, saved.text
    texts = [d["text"] for d in rows("decision")]
    assert texts.count("Keputusan kedua") == 1
    assert len(rows("follow_up")) == follow_ups + 1
    assert next(i for i in rows("agenda_item") if i["id"] == item)["notes"] == (
        "Catatan bersama keputusan"
    )


def test_without_javascript_a_refused_value_or_a_conflict_keeps_every_text(as_user):
    client = as_user("notulis")
    slug, item = prepared(client)
    html = page_of(client, slug)
    meeting_id = rows("meeting")[0]["id"]
    data = page_form(html)
    data[f"v:item-{item}-notes"] = ["Teks saya yang panjang"]
    data[f"v:meeting-{meeting_id}-chair_nip"] = ["bukan angka"]
    data["_csrf_token"] = [csrf(client)]
    refused = client.post(f"/rakor/{slug}/simpan-semua", data=data, follow_redirects=False)
    assert refused.status_code == 422
    assert 'class="error-summary"' in refused.text
    assert f'href="#f-meeting-{meeting_id}-chair_nip"' in refused.text
    assert "Teks saya yang panjang" in refused.text and 'value="bukan angka"' in refused.text
    assert "baru diubah orang lain" not in refused.text  # refused, not changed by anyone
    assert next(i for i in rows("agenda_item") if i["id"] == item)["notes"] == ""
    # Someone else saves the notes meanwhile: mine are shown with theirs, the rest saved.
    base = base_of(html, f"item-{item}-notes")
    assert save(client, slug, "item", item, "notes", "Teks orang lain", base).status_code == 200
    data[f"v:meeting-{meeting_id}-chair_nip"] = ["1962"]
    conflict = client.post(f"/rakor/{slug}/simpan-semua", data=data, follow_redirects=False)
    assert conflict.status_code == 409
    assert "Teks orang lain" in conflict.text and "Teks saya yang panjang" in conflict.text
    assert rows("meeting")[0]["chair_nip"] == "1962"
    # Pressing Simpan again, having seen theirs, saves mine.
    again = page_form(conflict.text)
    again["_csrf_token"] = [csrf(client)]
    assert (
        client.post(f"/rakor/{slug}/simpan-semua", data=again, follow_redirects=False).status_code
        == 303
    )
    assert (
        next(i for i in rows("agenda_item") if i["id"] == item)["notes"] == "Teks saya yang panjang"
    )


def test_without_javascript_text_typed_into_an_entry_removed_meanwhile_is_not_lost(as_user):
    """Two notulis on one draft: one removes a decision while the other, without
    JavaScript, types into it. Pressing Simpan said *Semua isian tersimpan*
    and the text was gone; now the page comes back saying the entry was
    removed, quoting the text, and saves nothing of that press."""
    client = as_user("notulis")
    slug, item = prepared(client)
    html = page_of(client, slug)
    decision = ids(html, "decision")[0]
    meeting_id = rows("meeting")[0]["id"]
    data = page_form(html)
    data[f"v:decision-{decision}-text"] = ["Pendataan dimulai Februari 2027, dengan anggaran"]
    data[f"v:meeting-{meeting_id}-closing"] = ["Rapat ditutup pukul 12.00"]
    data["_csrf_token"] = [csrf(client)]
    assert post(client, slug, "hapus", remove=f"decision:{decision}").status_code == 303
    refused = client.post(f"/rakor/{slug}/simpan-semua", data=data, follow_redirects=False)
    assert refused.status_code == 422
    assert 'class="error-summary"' in refused.text and "dihapus dari draf" in refused.text
    assert "Pendataan dimulai Februari 2027, dengan anggaran" in refused.text
    assert "Rapat ditutup pukul 12.00" in refused.text  # typed, kept on the page
    assert rows("decision") == [] and rows("meeting")[0]["closing"] != "Rapat ditutup pukul 12.00"
    # A removed entry left as it was shown is no loss: the rest is saved.
    data[f"v:decision-{decision}-text"] = ["Pendataan dimulai Januari 2027"]
    saved = client.post(f"/rakor/{slug}/simpan-semua", data=data, follow_redirects=False)
    assert saved.status_code == 303
    assert rows("meeting")[0]["closing"] == "Rapat ditutup pukul 12.00"


def test_rakor_forms_name_parties_and_label_every_field(as_user):
    client = as_user("notulis")
    new = client.get("/rakor/baru").text
    for label in ("Jabatan pimpinan rapat", "Jabatan notulis", "NIP pimpinan rapat", "NIP notulis"):
        assert f">{label}</label>" in new
    assert "<legend>Pihak yang diundang</legend>" in new
    refused = client.post("/rakor", data={**MEETING, "follows": [], "_csrf_token": csrf(client)})
    assert refused.status_code == 422
    assert 'class="error-summary"' in refused.text and 'href="#f-follows"' in refused.text
    assert f'value="{MEETING["chair_name"]}"' in refused.text
    slug, _ = prepared(client)
    html = page_of(client, slug)
    assert "<select" not in re.sub(
        r'<select[^>]*name="(v:attendee-\d+-presence|new_attendee_party|new_follow_up-item)"',
        "",
        html,
    )
    assert " multiple" not in html
    assert "aph-bali" not in re.sub(r'value="[^"]*"', "", html)  # codes only as values


# --- agenda items not discussed, guests (issue 9, item 8) --------------------


def undiscussed(client, slug, mode, token=True):
    data = {"undiscussed": mode}
    if token:
        data["_csrf_token"] = csrf(client)
    return client.post(f"/rakor/{slug}/tidak-dibahas", data=data, follow_redirects=False)


def test_the_notulis_chooses_what_the_notulen_do_with_undiscussed_items(as_user):
    client = as_user("notulis")
    slug, item = prepared(client)
    html = page_of(client, slug)
    assert 'action="/rakor/' + slug + '/tidak-dibahas"' in html
    assert 'value="mark" id="undiscussed-mark" aria-describedby="undiscussed-hint" checked' in html
    assert [m["undiscussed"] for m in rows("meeting")] == ["mark"]
    response = undiscussed(client, slug, "omit")
    assert response.status_code == 303
    assert response.headers["location"] == f"/rakor/{slug}#undiscussed"
    assert [m["undiscussed"] for m in rows("meeting")] == ["omit"]
    assert 'value="omit" id="undiscussed-omit" aria-describedby="undiscussed-hint" checked' in (
        page_of(client, slug)
    )
    entry = [a for a in rows("audit_entry") if a["action"] == "meeting.undiscussed"]
    assert len(entry) == 1 and entry[0]["target"] == slug and "omit" in str(entry[0]["detail"])
    # Only the second item was discussed: the others are left out, the rest renumbered.
    titles = [i["title"] for i in rows("agenda_item")]
    discussed = next(i["title"] for i in rows("agenda_item") if i["id"] == item)
    assert post(client, slug, "final").status_code == 303
    markdown = client.get(f"/rakor/{slug}/notulen.md").text
    assert f"## 1. {discussed} {{#item-1}}" in markdown
    assert all(t not in markdown for t in titles if t != discussed)
    html = client.get(f"/rakor/{slug}").text
    assert f"<h3>1. {discussed}</h3>" in html and "Tidak dibahas" not in html
    # Finalized minutes are not changed this way.
    assert undiscussed(client, slug, "mark").status_code == 409


def test_marked_undiscussed_items_say_so_in_every_output(as_user):
    client = as_user("notulis")
    slug, _ = prepared(client)
    items = len(rows("agenda_item"))
    assert post(client, slug, "final").status_code == 303
    markdown = client.get(f"/rakor/{slug}/notulen.md").text
    assert markdown.count("Tidak dibahas.") == items - 1
    pdf = client.get(f"/rakor/{slug}/notulen.pdf").content
    text = " ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    assert " ".join(text.split()).count("Tidak dibahas.") == items - 1
    assert client.get(f"/rakor/{slug}").text.count("Tidak dibahas.") == items - 1


def test_undiscussed_choice_refusals(as_user, client):
    notulis = as_user("notulis")
    slug = create(notulis)
    bad = undiscussed(notulis, slug, "hide")
    assert bad.status_code == 422 and "mark atau omit" in bad.text
    assert undiscussed(notulis, slug, "omit", token=False).status_code == 403  # no CSRF token
    assert undiscussed(notulis, "rakor-tidak-ada", "omit").status_code == 404
    client.cookies.clear()
    for name in ("viewer", "bali"):
        other = as_user(name)
        assert undiscussed(other, slug, "omit").status_code == 403
        client.cookies.clear()
    assert undiscussed(client, slug, "omit").status_code in (302, 303, 401, 403)
    assert [m["undiscussed"] for m in rows("meeting")] == ["mark"]
    assert not [a for a in rows("audit_entry") if a["action"] == "meeting.undiscussed"]


def test_attendance_line_and_a_walk_in_guest_by_party_name(as_user):
    client = as_user("notulis")
    slug, _ = prepared(client)
    assert (
        post(
            client, slug, "peserta", name="Yohanes Bili", title="Ketua Paguyuban", party="aph-bali"
        ).status_code
        == 303
    )
    html = page_of(client, slug)
    assert '<option value="tamu">tamu (tidak diundang)</option>' in html
    guest = next(a for a in rows("attendee") if a["name"] == "Yohanes Bili")
    key = f"attendee-{guest['id']}-presence"
    assert save(client, slug, "attendee", guest["id"], "presence", "tamu", base_of(html, key))
    represented = next(a for a in rows("attendee") if a["name"] == "Johni Asadoma")
    key = f"attendee-{represented['id']}-presence"
    save(client, slug, "attendee", represented["id"], "presence", "diwakili", base_of(html, key))
    assert post(client, slug, "final").status_code == 303
    pdf = client.get(f"/rakor/{slug}/notulen.pdf").content
    text = " ".join(
        " ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages).split()
    )
    assert "3 undangan: 2 hadir, 1 diwakili; 1 tamu (lihat daftar hadir terlampir)" in text
    assert "Aparat penegak hukum di Bali" in text and "aph-bali" not in text
    document = docx.Document(io.BytesIO(client.get(f"/rakor/{slug}/notulen.docx").content))
    cells = " ".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    assert "Aparat penegak hukum di Bali" in cells and "aph-bali" not in cells
    assert "tamu, tidak diundang" in cells
    page = client.get(f"/rakor/{slug}").text
    assert "Aparat penegak hukum di Bali" in page and "aph-bali" not in page
    assert "(ntt)" not in page and "Pemerintah Provinsi Nusa Tenggara Timur" in page


def test_a_follow_ups_parties_are_chosen_on_their_own_page(as_user):
    """The meeting page names each follow-up's parties; their lists are on a page
    of their own, so the meeting page does not grow with parties x follow-ups."""
    client = as_user("notulis")
    slug, item = prepared(client)
    html = page_of(client, slug)
    follow_up = ids(html, "follow_up")[0]
    assert html.count('name="new_follow_up-owner"') == len(rows("party"))  # one box per page
    assert f'name="v:follow_up-{follow_up}-owner"' not in html
    # The button saves what was typed, then opens the parties page.
    data = page_form(html)
    data[f"v:item-{item}-notes"] = ["Diketik sebelum memilih pihak"]
    data["parties"] = [str(follow_up)]
    data["_csrf_token"] = [csrf(client)]
    response = client.post(f"/rakor/{slug}/simpan-semua", data=data, follow_redirects=False)
    assert response.headers["location"] == f"/rakor/{slug}/tindak-lanjut/{follow_up}"
    assert "Diketik sebelum memilih pihak" in [i["notes"] for i in rows("agenda_item")]
    page = client.get(response.headers["location"]).text
    assert "Pemerintah Provinsi Nusa Tenggara Timur" in page and 'class="checkboxes' in page
    form = {
        f"b:follow_up-{follow_up}-{name}": base_of(page, f"follow_up-{follow_up}-{name}")
        for name in ("owner", "with")
    }
    # No owner at all is refused with a message, the choice kept, nothing changed.
    before = rows("follow_up")[0]["owner"]
    refused = client.post(
        f"/rakor/{slug}/tindak-lanjut/{follow_up}",
        data={**form, f"v:follow_up-{follow_up}-owner": [], "_csrf_token": csrf(client)},
    )
    assert refused.status_code == 422 and 'class="error-summary"' in refused.text
    assert rows("follow_up")[0]["owner"] == before
    saved = client.post(
        f"/rakor/{slug}/tindak-lanjut/{follow_up}",
        data={
            **form,
            f"v:follow_up-{follow_up}-owner": ["bali", "ntt"],
            f"v:follow_up-{follow_up}-with": ["desa-bali"],
            "_csrf_token": csrf(client),
        },
        follow_redirects=False,
    )
    assert saved.status_code == 303
    assert saved.headers["location"] == f"/rakor/{slug}#follow-up-{follow_up}"
    assert json_of(rows("follow_up")[0]["owner"]) == ["bali", "ntt"]
    assert json_of(rows("follow_up")[0]["with_parties"]) == ["desa-bali"]
    assert "Desa dan desa adat di Bali" in page_of(client, slug)
    # The "add a follow-up" button of an item opens the one box with that item chosen.
    data = page_form(page_of(client, slug))
    data["follow_up_for"] = [str(item)]
    data["_csrf_token"] = [csrf(client)]
    response = client.post(f"/rakor/{slug}/simpan-semua", data=data, follow_redirects=False)
    assert response.headers["location"] == f"/rakor/{slug}?tl={item}#add-follow-up"
    box = client.get(response.headers["location"]).text
    assert f'<option value="{item}" selected>' in box


def test_the_same_meeting_form_sent_twice_is_applied_once(as_user):
    """Double taps and browser retries (issue 10): one meeting, one decision."""
    client = as_user("notulis")
    form = client.get("/rakor/baru").text
    key = re.search(r'name="_submission" value="([^"]+)"', form)[1]
    data = {**MEETING, "_submission": key, "_csrf_token": csrf(client)}
    first = client.post("/rakor", data=data, follow_redirects=False)
    again = client.post("/rakor", data=data, follow_redirects=False)
    assert first.status_code == again.status_code == 303
    assert again.headers["location"] == first.headers["location"]
    assert len(rows("meeting")) == 1
    slug = first.headers["location"].removeprefix("/rakor/")
    assert "tidak dibuat dua kali" in page_of(client, slug)
    # The meeting page's one form: a decision typed once is added once.
    html = page_of(client, slug)
    item = ids(html, "item")[0]
    data = page_form(html)
    data[f"new_decision-{item}"] = ["Disepakati satu kali"]
    data["add"] = [f"decision-{item}"]
    data["_csrf_token"] = [csrf(client)]
    for _ in range(2):
        response = client.post(f"/rakor/{slug}/simpan-semua", data=data, follow_redirects=False)
        assert response.status_code == 303
    assert [d["text"] for d in rows("decision")] == ["Disepakati satu kali"]
    assert "tidak ada yang disimpan dua kali" in page_of(client, slug)


def test_attendees_are_typed_with_their_partys_name(as_user):
    """People write a party by its name, not its key (issue 9, item 5)."""
    client = as_user("notulis")
    new = client.get("/rakor/baru").text
    assert "Pemerintah Provinsi Bali”" in new  # the hint's example is a name
    create(
        client,
        attendees="Wayan Koster — Gubernur Bali — Pemerintah Provinsi Bali\n"
        "Johni Asadoma — Wakil Gubernur NTT — pemerintah provinsi nusa tenggara timur\n"
        "Tamu — Pengamat — Pihak yang tidak dikenal",
    )
    attendees = sorted(rows("attendee"), key=lambda a: a["position"])
    assert [(a["name"], a["party"]) for a in attendees] == [
        ("Wayan Koster", "bali"),
        ("Johni Asadoma", "ntt"),
        ("Tamu", None),
    ]
    assert attendees[2]["title"] == "Pengamat — Pihak yang tidak dikenal"


def test_a_redrafted_briefing_shows_the_new_standing_not_the_page_before(as_user):
    """Briefing tables are rendered once per briefing: drafting again after an
    update must show the update, in both languages."""
    from test_status import _qs

    from tracker import db

    client = as_user("notulis")
    slug = create(client, follows="harmoni-bali-ntt")
    html = page_of(client, slug)
    code = re.search(r'briefing-table.*?href="/d/harmoni-bali-ntt/([^"]+)"', html, re.S).group(1)
    assert "Catatan baru untuk briefing" not in html
    client.get(f"/rakor/{slug}?lang=en")  # the English table is kept too
    [action] = [a for a in rows("action") if a["code"] == code and a["withdrawn_at"] is None]

    async def insert():
        async with db.writing():
            await db.engine().run_querystring(
                _qs(
                    'INSERT INTO "update" (action, status, percent, note, source) '
                    "VALUES ({}, 'at_risk', 35, 'Catatan baru untuk briefing', 'web')",
                    action["id"],
                )
            )

    run(insert())
    assert post(client, slug, "susun-ulang").status_code == 303
    again = page_of(client, slug)
    assert "Catatan baru untuk briefing" in again
    assert "Catatan baru untuk briefing" in client.get(f"/rakor/{slug}?lang=en").text


def test_a_form_address_left_in_the_bar_opens_the_page_not_an_error(as_user):
    """Without JavaScript a refused post leaves its address in the bar:
    reopened, it leads back to the page."""
    client = as_user("notulis")
    slug = create(client)
    posted = ("simpan-semua", "final", "simpan", "susun-ulang", "agenda", "pindah", "hapus")
    posted += ("keputusan", "tindak-lanjut", "peserta", "koreksi", "tidak-dibahas")
    for path in (f"/rakor/{slug}/{action}" for action in posted):
        response = client.get(path, follow_redirects=False)
        assert response.status_code == 303 and response.headers["location"] == f"/rakor/{slug}"
    # The chair's forms, and a scan refused: their own pages (the language
    # switch opens the address again, as a reload does).
    for action in ("ajukan", "setujui", "kembalikan"):
        response = client.get(f"/rakor/{slug}/{action}", follow_redirects=False)
        assert response.status_code == 303
        assert response.headers["location"] == f"/rakor/{slug}/persetujuan"
    scan = client.get(f"/rakor/{slug}/v/1/pindaian", follow_redirects=False)
    assert scan.status_code == 303 and scan.headers["location"] == f"/rakor/{slug}/v/1"
    action = client.get("/d/harmoni-bali-ntt/PM-01/updates", follow_redirects=False)
    assert action.status_code == 303
    assert action.headers["location"] == "/d/harmoni-bali-ntt/PM-01"


def test_a_follow_up_cannot_fall_due_before_its_meeting(as_user):
    """Decided on 20 November 2026: due 2020 is a typo, refused wherever typed."""
    client = as_user("notulis")
    slug, item = prepared(client)
    follow_ups = len(rows("follow_up"))
    assert add_follow_up(client, slug, item, due="2020-01-01").status_code == 422
    assert len(rows("follow_up")) == follow_ups
    html = page_of(client, slug)
    follow_up = ids(html, "follow_up")[0]
    base = base_of(html, f"follow_up-{follow_up}-due")
    refused = save(client, slug, "follow_up", follow_up, "due", "2020-01-01", base)
    assert refused.status_code == 422 and "sebelum rapat" in refused.text
    data = page_form(html)
    data[f"v:follow_up-{follow_up}-due"] = ["2020-01-01"]
    data[f"v:item-{item}-notes"] = ["Tidak tersimpan"]
    data["_csrf_token"] = [csrf(client)]
    again = client.post(f"/rakor/{slug}/simpan-semua", data=data, follow_redirects=False)
    assert again.status_code == 422 and "sebelum rapat" in again.text
    assert next(i for i in rows("agenda_item") if i["id"] == item)["notes"] == ""
    # The days written as the interface writes days, not as ISO text.
    assert "1 Januari 2020" in again.text and "20 November 2026" in again.text
    assert "2020-01-01 " not in again.text.split("sebelum rapat")[0][-200:]
    client.get("/lang/en")
    english = save(client, slug, "follow_up", follow_up, "due", "2020-01-01", base).text
    assert "The due date 1 January 2020 is before the meeting (20 November 2026)" in english
    assert save(client, slug, "follow_up", follow_up, "due", "2026-11-20", base).status_code == 200


def test_the_draft_says_its_briefings_stand_as_drafted(as_user):
    """A report posted after the agenda was drafted is not in its "then → now"
    until the agenda is re-drafted: the page says so, rather than letting "now"
    pass for the present."""
    client = as_user("notulis")
    slug = create(client)
    page = page_of(client, slug)
    assert "keadaannya saat agenda disusun" in page
    assert "laporan kemajuan sesudahnya masuk ketika agenda disusun ulang" in page


def test_a_finalized_versions_text_is_rendered_once_per_language(as_user):
    """The minutes page keeps each version's text as a fragment per party
    names and language (it never changes): the same bytes on every read, a
    new one for English, and for the next version."""
    from tracker.web import meetings as pages
    from tracker.web.ui import LANG_COOKIE

    notulis = as_user("notulis")
    slug, _ = prepared(notulis)
    post(notulis, slug, "final")
    before = len(pages._MINUTES._kept)
    first = notulis.get(f"/rakor/{slug}").text
    kept = [f for f in pages._MINUTES._kept.values() if f.data.decode() in first]
    assert len(kept) == 1 and "Keputusan 1" in kept[0]
    again = notulis.get(f"/rakor/{slug}").text
    assert kept[0].data.decode() in again and len(pages._MINUTES._kept) == before + 1
    notulis.cookies.set(LANG_COOKIE, "en")
    english = notulis.get(f"/rakor/{slug}")
    assert "Decision 1" in english.text and len(pages._MINUTES._kept) == before + 2
