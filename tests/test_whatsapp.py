"""WhatsApp-ready text (issue 11): "Salin ringkasan" on the status page, a party's
late actions and a Rakor's minutes: a plain-text summary, its copy button and its
wa.me share link."""

from __future__ import annotations

import datetime as dt
import html
import re
from contextlib import closing
from urllib.parse import unquote

import httpx
import pytest
from conftest import PASSWORD, serve, sync
from test_meetings import post, prepared
from test_sync import write

from tracker.reports import whatsapp

BASE = "https://tracker.example.go.id"


def summary_of(page: str) -> tuple[str, str]:
    """The textarea's text (as a browser reads it) and the text of the wa.me link."""
    found = re.search(r'<textarea id="wa-[a-z]+-text"[^>]*>(.*?)</textarea>', page, re.S)
    assert found, "no summary on the page"
    share = re.search(r'<a class="wa-share" href="https://wa\.me/\?text=([^"]*)"', page)
    return html.unescape(found.group(1)), unquote(html.unescape(share.group(1)))


LATE_DOC = """\
---
id: uji-wa-terlambat
title: "Uji ringkasan"
signed: 2026-01-28
parties:
  bali: Pemerintah Provinsi Bali
  ntt: Pemerintah Provinsi Nusa Tenggara Timur
---

## Satu {{#satu}}

- [ ] **WT-01** Pendataan calon pekerja
  - owner: ntt
  - due: 2026-02-15
- [ ] **WT-02** Sosialisasi di pelabuhan
  - owner: ntt
  - with: bali
  - due: 2026-03-01
- [ ] **WT-03** Pelatihan bersama
  - owner: bali
  - due: 2026-03-01
"""


@pytest.fixture
def server(agreements, accounts):
    """A real server whose public address is TRACKER_BASE_URL, with late NTT actions."""
    write(agreements, LATE_DOC, "uji-wa-terlambat.md")
    assert sync(agreements / "uji-wa-terlambat.md").ok
    yield from serve(workers=1, TRACKER_BASE_URL=BASE)


def logged_in(url: str, lang: str = "id") -> httpx.Client:
    client = httpx.Client(base_url=url, timeout=30)
    client.get("/login")
    client.post(
        "/login",
        data={
            "username": "viewer",
            "password": PASSWORD,
            "_csrf_token": client.cookies.get("csrftoken"),
        },
    )
    if lang == "en":
        client.get("/lang/en?next=/status")
    return client


def test_a_partys_late_actions_over_real_http_in_both_languages(server):
    with closing(logged_in(server)) as client:
        page = client.get("/status?party=ntt&late=1").text
    text, shared = summary_of(page)
    lines = text.split("\n")
    assert lines[0] == "*Rencana aksi terlambat · Pemerintah Provinsi Nusa Tenggara Timur*"
    actions = [line for line in lines if line.startswith("• ")]
    assert [line.split()[1] for line in actions] == ["WT-01", "WT-02"], text
    for line in actions:
        assert "Pemerintah Provinsi Nusa Tenggara Timur" in line  # names, not keys
        assert "(terlambat)" in line and "tenggat " in line
        assert " ntt " not in line
    assert lines[-1] == f"{BASE}/status?party=ntt&late=1"  # the link, last
    assert shared == text  # wa.me carries exactly the text
    assert 'target="_blank" rel="noopener noreferrer"' in page

    with closing(logged_in(server, "en")) as client:
        page = client.get("/status?party=ntt&late=1").text
    text, shared = summary_of(page)
    assert text.startswith("*Late actions · Pemerintah Provinsi Nusa Tenggara Timur*\n")
    assert "(late)" in text and "due " in text and "tenggat" not in text
    assert text.endswith(f"\n{BASE}/status?party=ntt&late=1") and shared == text
    assert "Copy summary" in page


def test_the_status_page_summary_follows_its_filters(seeded, as_user):
    client = as_user("viewer")
    text, _ = summary_of(client.get("/status").text)
    assert text.startswith("*Status kesepakatan*\nKeadaan hari ini, ")
    assert text.endswith("\nhttp://testserver.local/status") or text.endswith("/status")
    narrowed, _ = summary_of(client.get("/status?party=bali&status=done").text)
    assert "Pemerintah Provinsi Bali*" in narrowed.split("\n")[0]
    assert narrowed.endswith("/status?party=bali&status=done")
    # htmx fragments carry the summary of the new filters too.
    fragment = client.get(
        "/status?party=bali", headers={"HX-Request": "true", "HX-Target": "status-results"}
    ).text
    assert summary_of(fragment)[0].endswith("/status?party=bali")


def test_the_summary_follows_an_update_at_once(seeded, as_user):
    """The summary is kept per report revision: an update shows in it at once."""
    from test_progress import PM03
    from test_progress import post as post_update

    viewer_page = "/status?status=in_progress"
    client = as_user("viewer")
    before, _ = summary_of(client.get(viewer_page).text)
    assert "PM-03" not in before
    assert post_update(as_user("ntt"), PM03).status_code == 303
    after, shared = summary_of(as_user("viewer").get(viewer_page).text)
    assert "PM-03" in after and shared == after


EMPTY = """---
id: uji-kosong
title: Judul lama
signed: 2026-01-28
parties:
  bali: Pemerintah Provinsi Bali
---

## Komitmen {#komitmen}

Belum ada rencana aksi.
"""


def test_a_documents_new_title_shows_at_once_even_without_actions(agreements, as_user):
    """A sync that renames a document moving no action still makes its status
    page (and the summary kept with it) say the new title."""
    write(agreements, EMPTY, "uji-kosong.md")
    assert sync(agreements / "uji-kosong.md").ok
    client = as_user("viewer")
    before, _ = summary_of(client.get("/status/d/uji-kosong").text)
    assert before.startswith("*Status: Judul lama*")
    write(agreements, EMPTY.replace("Judul lama", "Judul baru"), "uji-kosong.md")
    assert sync(agreements / "uji-kosong.md").ok
    after, _ = summary_of(client.get("/status/d/uji-kosong").text)
    assert after.startswith("*Status: Judul baru*"), after


def test_user_text_stays_text(agreements, as_user):
    write(
        agreements,
        """\
---
id: uji-wa
title: "Uji <b>tebal</b>"
signed: 2026-01-28
parties:
  bali: Pemerintah Provinsi Bali <script>alert(1)</script>
---

## Satu {{#satu}}

- [ ] **WA-01** Judul <script>alert("x")</script> & *tebal*
  - owner: bali
  - due: 2026-02-01
""",
        "uji-wa.md",
    )
    assert sync(agreements / "uji-wa.md").ok
    client = as_user("viewer")
    page = client.get("/status?document=uji-wa").text
    assert "<script>alert" not in page
    text, shared = summary_of(page)
    assert 'WA-01 Judul <script>alert("x")</script> & *tebal*' in text
    assert "Pemerintah Provinsi Bali <script>alert(1)</script>" in text
    assert shared == text


def test_a_rakors_follow_ups(as_user):
    client = as_user("notulis")
    slug, _ = prepared(client)
    assert post(client, slug, "final").status_code == 303
    page = client.get(f"/rakor/{slug}").text
    text, shared = summary_of(page)
    lines = text.split("\n")
    assert lines[0] == "*Tindak lanjut Rakor: Rapat Koordinasi Tindak Lanjut Harmoni Bali–NTT*"
    follow_ups = [line for line in lines if line.startswith("• ")]
    assert len(follow_ups) == 2 and follow_ups[0].startswith("• TL-01 ")
    assert "Pemerintah Kabupaten Sumba Timur" in follow_ups[1]
    assert all(line.endswith(" — Belum mulai") for line in follow_ups)  # live status
    assert lines[-1].endswith(f"/rakor/{slug}") and lines[-1].startswith("http")
    assert shared == text
    # An older version links to itself.
    assert summary_of(client.get(f"/rakor/{slug}/v/1").text)[0].endswith(f"/rakor/{slug}/v/1")


def test_long_lists_are_cut_with_a_count():
    lines = [
        whatsapp.Line(f"A-{i:02}", "Judul\nbaris dua", ("Bali",), dt.date(2027, 1, 2), "done")
        for i in range(40)
    ]
    text = whatsapp.summary("Judul", lines, "https://x/status", "id", total=45)
    assert text.count("\n• ") == whatsapp.LIMIT
    assert "• A-00 Judul baris dua — Bali — tenggat 2 Januari 2027 — Selesai" in text
    assert text.endswith("\n… dan 15 lainnya\n\nhttps://x/status")
    english = whatsapp.summary("Title", lines[:2], "https://x", "en")
    assert "— due 2 January 2027 — Done" in english and "more" not in english
    many = whatsapp.Line("A-99", "Judul", ("Bali", "NTT", "Sumba", "Flores"), None)
    assert whatsapp.action_line(many, "en") == "• A-99 Judul — Bali, NTT +2 — No deadline"
