"""Chromium journeys on smaller things (issue 9's phone fixes, the WhatsApp
copy button): run once, in the SQLite pass, like every test_browser* file
(`scripts/test`); what they check over HTTP runs in both passes elsewhere."""

from __future__ import annotations

from conftest import log_in_browser, sync
from playwright.sync_api import expect
from test_sync import AGREEMENT, write
from test_whatsapp import server  # noqa: F401 - the fixture


def test_aksi_saya_import_and_audit_fit_a_phone(
    chromium, live_server, accounts, agreements, tmp_path
):
    """The pages of this issue's item 4 at 360 and 390 px, including the import
    page with errors (its fix form) and an audit log with long entries."""
    assert sync(write(agreements, AGREEMENT)).ok
    bad = tmp_path / "aksi.csv"
    bad.write_text(
        "Dokumen,Rencana aksi,Status,Persentase,Catatan\n"
        "harmoni-bali-ntt,harmoni-bali-ntt/PM-01-dengan-kode-yang-sangat-panjang-sekali,"
        "Berjalan,150,terlalu tinggi\n",
        encoding="utf-8",
    )
    problems = []
    page = chromium.new_page(viewport={"width": 360, "height": 800})
    page.set_default_timeout(15_000)
    log_in_browser(page, live_server, "admin")
    page.wait_for_url(f"{live_server}/aksi")
    for lang in ("id", "en"):
        page.context.add_cookies([{"name": "lang", "value": lang, "url": live_server}])
        for name in ("/aksi", "/admin/audit", "import-errors"):
            if name == "import-errors":
                page.goto(f"{live_server}/aksi")
                page.click("details.import summary")
                page.set_input_files("input[type=file][name=file]", str(bad))
                page.locator("form[action='/aksi/import'] button[type=submit]").click()
                page.wait_for_selector(".error-summary")
            else:
                page.goto(live_server + name)
            for width in (360, 390):
                page.set_viewport_size({"width": width, "height": 800})
                scroll = page.evaluate("document.scrollingElement.scrollWidth")
                if scroll > width:
                    problems.append(f"{name} ({lang}) at {width} px is {scroll} px wide")
    assert problems == []


# On a phone, how far left each card value's text reaches, as a share of its
# cell's width, for the cells whose text starts left of the value column.
UNDER_LABEL_JS = """() => [...document.querySelectorAll('table.reflow td[data-label]')].flatMap(td => {
  const range = document.createRange(); range.selectNodeContents(td);
  const box = td.getBoundingClientRect();
  const lefts = [...range.getClientRects()].map(r => (r.left - box.left) / box.width);
  return lefts.length && Math.min(...lefts) < 0.3 ? [td.dataset.label + ': ' + td.innerText] : [];
})"""


def test_a_card_value_that_wraps_stays_beside_its_label(chromium, live_server, accounts):
    """At 360 px a card's value that takes two lines ("Tenggat belum
    ditetapkan") wrapped back under its label, so the label column read
    "Tenggat / ditetapkan" (a deadline is set), the opposite of the value."""
    page = chromium.new_page(viewport={"width": 360, "height": 800})
    log_in_browser(page, live_server, "ntt")
    page.wait_for_url(f"{live_server}/aksi")
    under = {"/aksi": page.evaluate(UNDER_LABEL_JS)}
    page.goto(f"{live_server}/d/harmoni-bali-ntt/PM-01")
    under["PM-01"] = page.evaluate(UNDER_LABEL_JS)
    assert under == {"/aksi": [], "PM-01": []}


def test_the_copy_button_puts_the_text_on_the_clipboard(chromium, server):  # noqa: F811 - the fixture
    context = chromium.new_context(
        viewport={"width": 360, "height": 800},
        permissions=["clipboard-read", "clipboard-write"],
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    log_in_browser(page, server, "viewer", "/status%3Fparty%3Dntt%26late%3D1")
    page.click("#wa-status summary")
    page.click("#wa-status button.wa-copy")
    expect(page.locator("#wa-status .wa-status")).to_have_text("Tersalin")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == page.locator("#wa-status-text").input_value()
    assert copied.startswith("*Rencana aksi terlambat") and "WT-01" in copied
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 360
