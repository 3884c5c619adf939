"""The read-only web: pages assert on real HTML, the API on real JSON."""

from __future__ import annotations

import re

import httpx
import pytest
from conftest import login, rows, sync
from test_sync import AGREEMENT, write


@pytest.fixture
def reader(as_user):
    """A client logged in as a governor's office (viewer)."""
    return as_user("viewer")


def test_home_lists_the_seed_documents(reader):
    page = reader.get("/")
    assert page.status_code == 200
    assert 'lang="id"' in page.text
    assert "Kesepakatan Harmoni Kehidupan Bali–NTT" in page.text
    assert 'href="/d/harmoni-bali-ntt"' in page.text
    assert 'href="/d/rakor-denpasar-2026-01-30"' in page.text
    assert "Notulen" in page.text and "Kesepakatan" in page.text


def test_logged_out_user_is_sent_to_the_login_page(client, seeded):
    response = client.get("/d/harmoni-bali-ntt", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/login?next=/d/harmoni-bali-ntt"
    assert client.get("/api/documents").status_code == 401


def test_document_page_renders_markdown_with_live_status(reader):
    page = reader.get("/d/harmoni-bali-ntt")
    assert page.status_code == 200
    html = page.text
    assert '<h2 id="1-penguatan-komunikasi-budaya">' in html
    assert "Labuan Bajo" in html and "Rabu, 28 Januari 2026" in html
    actions = re.findall(r'<li class="task-list-item action" id="action-([A-Z0-9-]+)"', html)
    assert len(actions) == len(
        [a for a in rows("action") if a["document"] == rows("document")[0]["id"]]
    )
    assert '<a href="/d/harmoni-bali-ntt/PM-02"><strong>PM-02</strong></a>' in html
    assert html.count("Belum mulai") >= len(actions)
    assert html.count("Tenggat belum ditetapkan") == len(actions)  # no deadlines in the seed
    assert "owner:" not in html  # the raw field list is replaced by the live summary


def test_minutes_page_shows_meeting_details(reader):
    html = reader.get("/d/rakor-denpasar-2026-01-30").text
    assert "Jumat, 30 Januari 2026" in html
    assert "Kertha Sabha" in html
    assert 'href="/d/harmoni-bali-ntt"' in html
    # the agreement it follows is named by its title, not its id
    assert '<a href="/d/harmoni-bali-ntt">Kesepakatan' in html


def test_action_page_shows_fields_amendments_and_updates(reader, agreements):
    path = write(agreements, AGREEMENT)
    sync(path)
    write(
        agreements,
        AGREEMENT.replace("due: 2026-06-30", "due: 2026-07-31").replace(
            "- [ ] **PM-01**", "- [x] **PM-01**"
        ),
    )
    sync(path)
    html = reader.get("/d/uji/PM-01").text
    assert "Rekomendasi resmi" in html
    assert "Pemerintah Provinsi Nusa Tenggara Timur" in html
    assert "Jumat, 31 Juli 2026" in html
    assert "30 Juni 2026" in html.split(">Perubahan</h2>")[1]  # the amendment, old -> new
    assert "Selesai" in html and "ditandai selesai di berkas kesepakatan" in html


def test_late_action_is_flagged_in_text(reader, agreements):
    sync(write(agreements, AGREEMENT.replace("due: 2026-06-30", "due: 2026-02-01")))
    html = reader.get("/d/uji").text
    assert html.count(">Terlambat<") == 1
    assert reader.get("/api/documents/uji").json()["progress"]["late"] == 1


def test_withdrawn_action_page_says_so(reader, agreements):
    path = write(agreements, AGREEMENT)
    sync(path)
    write(agreements, AGREEMENT.split("- [ ] **PM-02**")[0])
    sync(path)
    assert "ditarik" in reader.get("/d/uji/PM-02").text
    assert 'href="/d/uji/PM-02"' in reader.get("/d/uji").text  # listed under withdrawn


def test_amendments_name_parties_commitments_and_dates_as_the_page_does(reader, agreements):
    """The page says *Pemerintah Provinsi Bali* and *30 Juni 2026*; its
    amendments said `bali, ntt`, `2026-06-30` and a heading's slug. The JSON
    keeps the recorded values."""
    path = write(agreements, AGREEMENT)
    sync(path)
    moved = AGREEMENT.split("## Pembinaan")[0] + (
        "## Pembinaan\n\n- [ ] **PM-02** Syarat masuk\n  - owner: bali\n  - with: ntt\n\n"
        "## Penegakan hukum\n\n- [ ] **PM-01** Rekomendasi resmi\n"
        "  - owner: ntt, bali\n  - due: 2026-07-31\n"
    )
    write(agreements, moved)
    assert sync(path).ok
    html = reader.get("/d/uji/PM-01").text
    table = html.split(">Perubahan</h2>")[1]
    assert "Pemerintah Provinsi Nusa Tenggara Timur; Pemerintah Provinsi Bali" in table
    assert "30 Juni 2026" in table and "31 Juli 2026" in table
    assert ">Pembinaan<" in table and ">Penegakan hukum<" in table
    assert "2026-06-30" not in table and "ntt, bali" not in table
    recorded = reader.get("/api/documents/uji/actions/PM-01").json()["action"]["amendments"]
    assert {(a["field"], a["new"]) for a in recorded} >= {
        ("owner", "ntt, bali"),
        ("due", "2026-07-31"),
    }


def test_a_document_without_a_hash_title_still_has_its_title(reader, agreements):
    """The body's `# title` is the page's heading; a file without one (as the
    minutes example in agreement-format.md) had no heading at all, on screen
    or on paper. Its front-matter title stands in; never two headings."""
    sync(write(agreements, AGREEMENT))
    html = reader.get("/d/uji").text
    assert html.count("<h1") == 1 and "<h1>Kesepakatan uji</h1>" in html
    titled = AGREEMENT.replace("## Pembinaan", "# Judul di berkas\n\n## Pembinaan")
    sync(write(agreements, titled))
    html = reader.get("/d/uji").text
    assert html.count("<h1") == 1 and "Judul di berkas</h1>" in html


def test_unknown_document_and_action_are_404_in_html_and_json(reader):
    page = reader.get("/d/tidak-ada")
    assert page.status_code == 404 and "text/html" in page.headers["content-type"]
    assert "tidak-ada" in page.text
    assert reader.get("/d/harmoni-bali-ntt/XX-99").status_code == 404
    api = reader.get("/api/documents/tidak-ada")
    assert api.status_code == 404 and api.json()["status_code"] == 404


def test_api_twins(reader):
    docs = reader.get("/api/documents").json()
    assert {d["slug"] for d in docs} == {"harmoni-bali-ntt", "rakor-denpasar-2026-01-30"}
    doc = reader.get("/api/documents/harmoni-bali-ntt").json()
    assert doc["actions"][0]["status"] == "not_started"
    assert doc["actions"][0]["owner"][0]["key"]
    action = reader.get("/api/documents/harmoni-bali-ntt/actions/PM-02").json()["action"]
    assert action["code"] == "PM-02" and action["updates"] == [] and action["amendments"] == []
    schema = reader.get("/schema/openapi.json").json()
    assert "/api/documents/{slug}" in schema["paths"]


def test_english_switch(reader):
    switched = reader.get("/lang/en?next=/d/harmoni-bali-ntt", follow_redirects=False)
    assert (
        switched.status_code in (302, 303) and switched.headers["location"] == "/d/harmoni-bali-ntt"
    )
    reader.cookies.set("lang", "en")
    html = reader.get("/d/harmoni-bali-ntt").text
    assert 'lang="en"' in html and "Not started" in html and "Wednesday, 28 January 2026" in html
    assert "Belum mulai" not in html


def test_language_switch_refuses_offsite_redirects(client):
    assert (
        client.get("/lang/en?next=//evil.example", follow_redirects=False).headers["location"]
        == "/"
    )


def test_user_text_is_escaped(reader, agreements):
    hostile = AGREEMENT.replace(
        "title: Kesepakatan uji", 'title: "<script>alert(1)</script>"'
    ).replace("## Pembinaan\n", "## Pembinaan\n\n<img src=x onerror=alert(1)>\n")
    sync(write(agreements, hostile))
    html = reader.get("/d/uji").text + reader.get("/").text
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html


def test_static_assets_are_versioned_and_cached(client):
    html = client.get("/").text
    htmx = re.search(r'src="(/static/htmx-2\.0\.\d+\.min\.js\?v=\w+)"', html)[1]
    response = client.get(htmx)
    assert response.status_code == 200 and "max-age=31536000" in response.headers["cache-control"]


def test_pages_over_real_http_with_two_workers(live_server, accounts):
    with httpx.Client(base_url=live_server) as http:
        assert login(http, "viewer").status_code in (302, 303)
        home = http.get("/", headers={"accept-encoding": "gzip"})
        assert home.status_code == 200 and home.headers.get("content-encoding") == "gzip"
        assert "Kesepakatan Harmoni Kehidupan Bali–NTT" in home.text
        for _ in range(4):  # several requests, so both workers answer
            assert "PM-02" in http.get("/d/harmoni-bali-ntt").text
        assert http.get("/d/harmoni-bali-ntt/PM-02").status_code == 200
