"""A viewer's journey through the status filters in a real browser (issue 9, item 2):
filter, clear, pick a quarter, switch language; at every step the form, the
address bar and the results say the same thing. Screenshots of every step at
390 px and 1280 px are kept under SHOTS for a reviewer.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qs, urlsplit

import pytest
from conftest import SHOTS, log_in_browser
from playwright.sync_api import expect

from tracker.agreements.queries import today
from tracker.reports.service import quarter_ends

SIGNED = "2026-01-28"  # the earliest signing of the seeded documents


@pytest.fixture
def viewer_page(chromium, live_server, accounts):
    page = chromium.new_page(viewport={"width": 390, "height": 800})
    page.set_default_timeout(15_000)
    log_in_browser(page, live_server, "viewer", "/status")
    expect(page.locator("h1")).to_have_text("Status kesepakatan")
    yield page


def _settled(page) -> None:
    """htmx wires a swapped-in form when it settles (about 20 ms after the swap):
    a person is never that fast, a test must wait for it."""
    page.wait_for_function(
        "() => !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling')"
    )


def _shots(page, step: str) -> None:
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 800})
        assert page.evaluate("document.scrollingElement.scrollWidth") <= width, (step, width)
        page.screenshot(path=SHOTS / f"status-journey-{step}-{width}.png", full_page=True)
    page.set_viewport_size({"width": 390, "height": 800})


def _agree(page, live_server: str, expected: dict[str, list[str]]) -> None:
    """The URL holds `expected`, the form shows it, the results are the API's for it."""
    query = urlsplit(page.url).query
    assert parse_qs(query) == expected, page.url
    _settled(page)
    form = page.locator("form#filters")
    expect(form.locator("select[name=party]")).to_have_value(expected.get("party", [""])[0])
    late = form.locator("input[name=late]")
    expect(late).to_be_checked() if "late" in expected else expect(late).not_to_be_checked()
    expect(form.locator("input[name=asof]")).to_have_value(expected.get("asof", [""])[0])
    api = page.request.get(f"{live_server}/api/status?{query}").json()
    codes = [f"{a['code']}" for a in api["actions"]]
    shown = page.locator("#status-results table.actions tbody td.primary > a")
    if codes:
        expect(shown).to_have_text(codes)
    else:
        expect(page.locator("#status-results table.actions")).to_have_count(0)
    total = page.locator("#status-results .totals .tile .n").first
    expect(total).to_have_text(str(api["totals"]["total"]))


def test_viewer_filters_clears_picks_a_quarter_and_switches_language(live_server, viewer_page):
    page = viewer_page
    page.evaluate("window.notReloaded = true")

    # Filter: a party, then late only; htmx updates the URL, the form and the results.
    page.select_option("select[name=party]", "ntt")
    expect(page).to_have_url(f"{live_server}/status?party=ntt")
    _settled(page)
    page.check("input[name=late]")
    expect(page).to_have_url(f"{live_server}/status?party=ntt&late=1")
    _settled(page)
    _agree(page, live_server, {"party": ["ntt"], "late": ["1"]})
    expect(page.locator("#lang-switch")).to_have_attribute(
        "href", "/lang/en?next=/status%3Fparty%3Dntt%26late%3D1"
    )
    # The form's button is on screen at 390 px.
    box = page.locator("form#filters button[type=submit]").bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390
    _shots(page, "1-filtered")

    # Clear: the form is empty again, not only the results; a later change starts afresh.
    page.click("form#filters a.reset")
    expect(page).to_have_url(f"{live_server}/status")
    _settled(page)
    _agree(page, live_server, {})
    page.fill("input[name=since]", "2026-02-01")
    page.locator("input[name=since]").dispatch_event("change")
    expect(page).to_have_url(f"{live_server}/status?since=2026-02-01")
    _settled(page)
    _shots(page, "2-cleared")
    page.click("form#filters a.reset")
    expect(page).to_have_url(f"{live_server}/status")
    _settled(page)
    expect(page.locator("input[name=since]")).to_have_value("")

    # A quarter: the presets start at the first signing, and fill "Per tanggal".
    page.select_option("select[name=party]", "bali")
    expect(page).to_have_url(f"{live_server}/status?party=bali")
    _settled(page)
    quarters = quarter_ends(today(), start=dt.date.fromisoformat(SIGNED))
    presets = page.locator("form#filters nav.presets a")
    expect(presets).to_have_count(len(quarters) + 1)  # and "Hari ini"
    first = quarters[-1]
    presets.first.wait_for()
    page.locator(f"form#filters nav.presets a[href*='asof={first.isoformat()}']").click()
    expect(page).to_have_url(f"{live_server}/status?party=bali&asof={first.isoformat()}")
    _settled(page)
    _agree(page, live_server, {"party": ["bali"], "asof": [first.isoformat()]})
    expect(page.locator("#status-results p.asof")).to_contain_text("Keadaan per")
    assert page.evaluate("window.notReloaded") is True  # all of this without a page load
    _shots(page, "3-quarter")

    # The language switch keeps the whole URL; the form and results come back in English.
    page.click("#lang-switch")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page).to_have_url(f"{live_server}/status?party=bali&asof={first.isoformat()}")
    _settled(page)
    _agree(page, live_server, {"party": ["bali"], "asof": [first.isoformat()]})
    expect(page.locator("#status-results p.asof")).to_contain_text("As of")
    expect(page.locator("form#filters a.reset")).to_have_text("Clear filters")
    _shots(page, "4-english")

    # Back in Indonesian from the document view, the query kept as well.
    page.goto(f"{live_server}/status/d/harmoni-bali-ntt?party=ntt")
    page.click("#lang-switch")
    expect(page.locator("html")).to_have_attribute("lang", "id")
    expect(page).to_have_url(f"{live_server}/status/d/harmoni-bali-ntt?party=ntt")
    _settled(page)
    expect(page.locator("select[name=party]")).to_have_value("ntt")
    _shots(page, "5-document")
