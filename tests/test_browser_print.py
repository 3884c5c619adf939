"""Pages printed from Chromium, as a governor's office prints them to file.

The header is not printed, so each sheet must say by itself where it came
from and which moment it shows; and what only works on screen (forms,
download links) stays off the paper.
"""

from __future__ import annotations

import io
import re

import httpx
import pypdf
import pytest
from conftest import PASSWORD, log_in_browser


@pytest.fixture
def viewer_page(chromium, live_server, accounts):
    page = chromium.new_page(viewport={"width": 1280, "height": 900})
    page.set_default_timeout(15_000)
    log_in_browser(page, live_server, "viewer", "/status")
    page.wait_for_url(f"{live_server}/status")
    yield page


def printed(page) -> str:
    """The page as Chromium prints it on A4, as one line of text."""
    page.emulate_media(media="print")
    pdf = pypdf.PdfReader(io.BytesIO(page.pdf(format="A4")))
    return " ".join(" ".join(p.extract_text() for p in pdf.pages).split())


def test_a_printed_page_says_where_it_came_from_and_when(live_server, viewer_page):
    page = viewer_page
    page.goto(f"{live_server}/d/harmoni-bali-ntt/PM-01")
    text = printed(page)
    assert f"Dicetak dari {live_server}/d/harmoni-bali-ntt/PM-01; halaman dimuat " in text
    assert " WITA" in text.rsplit("halaman dimuat", 1)[1]


def test_a_status_page_filtered_without_reloading_prints_its_new_address(live_server, viewer_page):
    page = viewer_page
    page.select_option("select[name=party]", "ntt")  # htmx: no reload, the address follows
    page.wait_for_url(f"{live_server}/status?party=ntt")
    page.wait_for_function("() => !document.querySelector('.htmx-request, .htmx-settling')")
    assert f"Dicetak dari {live_server}/status?party=ntt; " in printed(page)


MEETING = {
    "title": "Rapat Koordinasi Tindak Lanjut Harmoni Bali–NTT",
    "time": "09:30",
    "follows": "harmoni-bali-ntt",
    "invited": ["bali", "ntt"],
    "chair_name": "Wayan Koster",
    "chair_title": "Gubernur Bali",
    "notulis_name": "Ni Made Sari",
    "notulis_title": "Analis Kebijakan",
    "kop": "PEMERINTAH PROVINSI BALI\nSEKRETARIAT DAERAH",
    "attendees": "Wayan Koster — Gubernur Bali — bali\n"
    "Johni Asadoma — Wakil Gubernur NTT — ntt\nKepala Dinas Nakertrans NTT",
}


def _meeting(client: httpx.Client, date: str, place: str, final: bool) -> str:
    """A meeting with a decision and a follow-up under its second item; finalized or not."""
    token = client.cookies["csrftoken"]
    made = client.post(
        "/rakor", data={**MEETING, "date": date, "place": place, "_csrf_token": token}
    )
    assert made.status_code == 303, made.text
    slug = made.headers["location"].removeprefix("/rakor/")
    item = re.findall(r'id="base-item-(\d+)-', client.get(f"/rakor/{slug}").text)
    item = list(dict.fromkeys(item))[1]
    steps = [
        ("keputusan", {"item": item, "text": "Pendataan dimulai Januari 2027"}),
        ("tindak-lanjut", {"item": item, "title": "Pendataan pekerja asal Sumba di Badung",
                           "owner": "ntt", "with": "bali", "due": "2027-03-31"}),
    ] + ([("final", {})] if final else [])  # fmt: skip
    for path, data in steps:
        done = client.post(f"/rakor/{slug}/{path}", data={**data, "_csrf_token": token})
        assert done.status_code == 303, (path, done.text)
    return slug


@pytest.fixture
def notulis(live_server, accounts):
    """An HTTP client logged in as the notulis, and its cookies for a browser."""
    with httpx.Client(base_url=live_server) as client:
        client.get("/login")
        login = {"username": "notulis", "password": PASSWORD}
        client.post("/login", data={**login, "_csrf_token": client.cookies["csrftoken"]})
        yield client


def page_as(chromium, client: httpx.Client, url: str):
    """`url` opened in Chromium with `client`'s login (its cookies)."""
    context = chromium.new_context()
    context.add_cookies(
        [{"name": k, "value": v, "url": str(client.base_url)} for k, v in client.cookies.items()]
    )
    page = context.new_page()
    page.goto(f"{client.base_url}{url}")
    return page


def printed_as(chromium, client: httpx.Client, url: str, headings: str | None = None):
    """The sheets of `url` printed on A4 with `client`'s login, and the texts of
    the elements `headings` selects."""
    page = page_as(chromium, client, url)
    texts = page.locator(headings).all_inner_texts() if headings else []
    page.emulate_media(media="print")
    sheets = pypdf.PdfReader(io.BytesIO(page.pdf(format="A4"))).pages
    return sheets, texts


def test_a_printed_draft_never_ends_a_sheet_with_a_heading(chromium, notulis):
    """The agenda's item titles and their 'Open actions (n)' go over to the next
    sheet with the table they introduce (a meeting that follows a finalized one,
    whose seven items fill three A4 sheets)."""
    _meeting(notulis, "2026-11-20", "Kantor Gubernur NTT, Kupang", final=True)
    slug = _meeting(notulis, "2026-12-15", "Gedung Jaya Sabha, Denpasar", final=False)
    sheets, headings = printed_as(
        chromium, notulis, f"/rakor/{slug}", "#agenda h3, #agenda details > summary"
    )
    assert len(sheets) > 1
    headings = {" ".join(h.split()) for h in headings}
    for number, sheet in enumerate(sheets[:-1], start=1):
        lines = [" ".join(line.split()) for line in sheet.extract_text().splitlines()]
        last = [line for line in lines if line][-1]
        assert not any(len(last) > 3 and h.endswith(last) for h in headings), (number, last)


def test_printed_minutes_say_their_version_and_leave_the_download_links_off(chromium, notulis):
    """The crumbs that say 'versi 1' are not printed: the facts say it; 'Unduh: PDF ·
    DOCX · MD' means nothing on paper."""
    slug = _meeting(notulis, "2026-11-20", "Kantor Gubernur NTT, Kupang", final=True)
    sheets, _ = printed_as(chromium, notulis, f"/rakor/{slug}")
    text = " ".join(" ".join(sheet.extract_text() for sheet in sheets).split())
    text = text.replace("\ufb01", "fi")  # the font's ligature
    assert not text.startswith("Notulen difinalkan")  # the flash of the finalization
    assert re.search(r"Difinalkan \d+ \w+ 2026 pukul [\d.]+ WITA · versi 1 ", text), text[:600]
    assert "Unduh" not in text and "DOCX" not in text


def test_progress_bars_keep_their_fill_on_paper(live_server, viewer_page):
    """The fill is a background, which a browser leaves off paper unless told to."""
    page = viewer_page
    page.goto(f"{live_server}/status/d/harmoni-bali-ntt")
    page.emulate_media(media="print")
    adjust = page.evaluate(
        "getComputedStyle(document.querySelector('.bar > span')).printColorAdjust"
    )
    assert adjust == "exact"


def test_a_documents_actions_are_not_split_between_sheets(live_server, viewer_page):
    """HW-01's title ended one sheet and its status, owners and deadline began the next."""
    page = viewer_page
    page.goto(f"{live_server}/d/harmoni-bali-ntt")
    page.emulate_media(media="print")
    breaks = page.evaluate(
        "[...document.querySelectorAll('li.action')].map(li => getComputedStyle(li).breakInside)"
    )
    assert len(breaks) == 11 and set(breaks) == {"avoid"}
    sheets = pypdf.PdfReader(io.BytesIO(page.pdf(format="A4"))).pages
    for sheet in sheets[:-1]:
        last = [line for line in sheet.extract_text().splitlines() if line.strip()][-1]
        assert not re.match(r"[A-Z]{2}-\d\d ", last), last  # a title, its status on the next


def test_the_meetings_list_prints_without_its_new_meeting_button(chromium, notulis):
    _meeting(notulis, "2026-11-20", "Kantor Gubernur NTT, Kupang", final=True)
    sheets, _ = printed_as(chromium, notulis, "/rakor")
    text = " ".join(" ".join(sheet.extract_text() for sheet in sheets).split())
    assert "Kantor Gubernur NTT, Kupang versi 1" in text
    assert "Rakor baru" not in text


def test_the_chairs_review_prints_the_minutes_without_the_decision_forms(
    chromium, live_server, notulis
):
    """A governor's office reads the minutes waiting for it on paper: 'Keputusan Anda'
    (its forms are not printed) and 'Kembali ke daftar Rakor' stay off it."""
    from test_approval import add_chair

    chair = add_chair()
    slug = _meeting(notulis, "2026-11-20", "Kantor Gubernur NTT, Kupang", final=False)
    token = notulis.cookies["csrftoken"]
    basics = {**MEETING, "date": "2026-11-20", "place": "Kantor Gubernur NTT, Kupang"}
    changed = notulis.post(
        f"/rakor/{slug}/ubah", data={**basics, "chair_user": str(chair), "_csrf_token": token}
    )
    assert changed.status_code == 303
    submitted = notulis.post(
        f"/rakor/{slug}/ajukan", data={"_csrf_token": token, "_submission": "kunci-cetak-0001"}
    )
    assert submitted.status_code == 303
    with httpx.Client(base_url=live_server) as chair_client:
        chair_client.get("/login")
        login = {"username": "ketua", "password": PASSWORD}
        chair_client.post(
            "/login", data={**login, "_csrf_token": chair_client.cookies["csrftoken"]}
        )
        sheets, _ = printed_as(chromium, chair_client, f"/rakor/{slug}/persetujuan")
    text = " ".join(" ".join(sheet.extract_text() for sheet in sheets).split())
    assert "Notulen yang diajukan" in text and "Pendataan dimulai Januari 2027" in text
    assert "Keputusan Anda" not in text and "Kembali ke daftar" not in text


def test_a_printed_verification_keeps_its_verdict_and_leaves_the_upload_off(chromium, notulis):
    """/v/{code} printed to file with the copy it checks: 'Kode ini terdaftar' and
    the comparison's 'Sama persis' are what the sheet is for (they are styled
    like a flash message, which alone stays off paper); the upload form's
    heading and instructions are not printed."""
    slug = _meeting(notulis, "2026-11-20", "Kantor Gubernur NTT, Kupang", final=True)
    issued = notulis.get(f"/rakor/{slug}/notulen.pdf?v=1").content
    first_page = pypdf.PdfReader(io.BytesIO(issued)).pages[0].extract_text()
    code = re.search(r"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}", first_page).group(0)
    page = page_as(chromium, notulis, f"/v/{code}")
    page.set_input_files(
        "input[name=file]", {"name": "n.pdf", "mimeType": "application/pdf", "buffer": issued}
    )
    page.click("form.verify-compare button[type=submit]")
    page.wait_for_selector("#hasil")
    text = printed(page)
    assert "Kode ini terdaftar" in text and "Sama persis." in text
    assert "Bandingkan berkas PDF" not in text and "Periksa kode lain" not in text
