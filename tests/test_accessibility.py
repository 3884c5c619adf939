"""Keyboard, screen reader and high-contrast journeys in a real browser (Debian's
Chromium through Playwright), beyond what axe-core sees in tests/test_pages.py:
where focus lands after a refused or accepted form, what the page title says,
what Windows high contrast (forced colours) still shows."""

from __future__ import annotations

import pytest
from conftest import PASSWORD, csrf
from playwright.sync_api import expect, sync_playwright
from test_browser import CHROMIUM


@pytest.fixture
def browse():
    """A new page in its own context: `browse(java_script_enabled=False, ...)`."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )

        def page(**options):
            context = browser.new_context(viewport={"width": 1280, "height": 800}, **options)
            opened = context.new_page()
            opened.set_default_timeout(15_000)
            opened.on("dialog", lambda dialog: dialog.accept())  # hx-confirm
            return opened

        yield page
        browser.close()


def log_in(page, base: str, username: str) -> None:
    page.goto(f"{base}/login")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("form.login button")
    page.wait_for_load_state("networkidle")


def focused(page) -> str:
    """The focused element, as `tag#id.class`."""
    return page.evaluate(
        "(() => { const e = document.activeElement;"
        " return e.tagName.toLowerCase() + '#' + e.id + '.' + e.className; })()"
    )


@pytest.mark.parametrize("javascript", [True, False])
def test_a_refused_login_puts_focus_on_its_error_summary(live_server, accounts, browse, javascript):
    """The username's own autofocus used to win: the summary was skipped, and
    with it the reason the login was refused."""
    page = browse(java_script_enabled=javascript)
    page.goto(f"{live_server}/login")
    page.fill("input[name=username]", "ntt")
    page.fill("input[name=password]", "salah")
    page.click("form.login button")
    page.wait_for_load_state()
    expect(page.locator(".error-summary")).to_be_focused()


def test_a_refused_form_without_javascript_puts_focus_on_its_error_summary(
    live_server, accounts, browse
):
    page = browse(java_script_enabled=False)
    log_in(page, live_server, "notulis")
    page.goto(f"{live_server}/rakor/baru")
    page.click("form.meeting-new button[type=submit]")
    page.wait_for_load_state()
    expect(page.locator(".error-summary")).to_be_focused()


def test_an_autosave_leaves_the_cursor_in_the_field_not_on_the_error_summary(
    live_server, client, accounts, browse
):
    """Finalizing refused (an agenda item without a title): the summary takes
    focus once; the notulis follows its link and types the title. Each autosave
    used to pull focus back to the summary, and what was typed next was lost."""
    from test_meetings import base_of, create, ids, page_of, save

    client.post(
        "/login", data={"username": "notulis", "password": PASSWORD, "_csrf_token": csrf(client)}
    )
    slug = create(client)
    html = page_of(client, slug)
    item = ids(html, "item")[0]
    base = base_of(html, f"item-{item}-title")
    assert save(client, slug, "item", item, "title", "", base).status_code == 200

    page = browse()
    log_in(page, live_server, "notulis")
    page.goto(f"{live_server}/rakor/{slug}")
    page.locator("form[action$='/final'] button").click()
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # the summary's link to the field
    field = page.locator(f"#f-item-{item}-title")
    expect(field).to_be_focused()
    with page.expect_response(lambda r: r.url.endswith("/simpan")):
        page.keyboard.type("Pembukaan")  # saved 800 ms after the last key
    page.wait_for_load_state("networkidle")  # swapped and settled
    page.keyboard.type(" rapat")
    expect(field).to_be_focused()
    expect(field).to_have_value("Pembukaan rapat")
