"""Pages printed from Chromium, as a governor's office prints them to file.

The header is not printed, so each sheet must say by itself where it came
from and which moment it shows; and what only works on screen (forms,
download links) stays off the paper.
"""

from __future__ import annotations

import io

import pypdf
import pytest
from conftest import PASSWORD
from playwright.sync_api import sync_playwright
from test_browser import CHROMIUM


@pytest.fixture
def viewer_page(live_server, accounts):
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.set_default_timeout(15_000)
        page.goto(f"{live_server}/login?next=/status")
        page.fill("input[name=username]", "viewer")
        page.fill("input[name=password]", PASSWORD)
        page.click("form.login button")
        page.wait_for_url(f"{live_server}/status")
        yield page
        browser.close()


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
