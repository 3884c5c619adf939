"""Keyboard, screen reader and high-contrast journeys in a real browser (Debian's
Chromium through Playwright), beyond what axe-core sees in tests/test_pages.py:
where focus lands after a refused or accepted form, what the page title says,
what Windows high contrast (forced colours) still shows."""

from __future__ import annotations

import re

import pytest
from conftest import PASSWORD, csrf, login
from playwright.sync_api import expect


@pytest.fixture
def browse(chromium):
    """A new page in its own context: `browse(java_script_enabled=False, ...)`."""

    def page(**options):
        context = chromium.new_context(viewport={"width": 1280, "height": 800}, **options)
        opened = context.new_page()
        opened.set_default_timeout(15_000)
        opened.on("dialog", lambda dialog: dialog.accept())  # hx-confirm
        return opened

    yield page


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


def title_of(html: str) -> str:
    return re.search(r"<title>(.*?)</title>", html, re.S)[1]


PROBLEM = "Ada masalah: "


def test_a_refused_form_says_so_in_the_page_title(client, accounts):
    """GOV.UK: the title is the first thing a screen reader reads of a page;
    a refused form's page said only its name (the login, a new Rakor, the
    profile), the same as the form before it was sent."""
    token = csrf(client)
    wrong = client.post("/login", data={"username": "ntt", "password": "x", "_csrf_token": token})
    assert title_of(wrong.text).startswith(PROBLEM)
    assert not title_of(client.get("/login").text).startswith(PROBLEM)
    login(client, "notulis")
    refused = client.post("/rakor", data={"_csrf_token": csrf(client)})
    assert refused.status_code == 422 and title_of(refused.text).startswith(PROBLEM)
    assert not title_of(client.get("/rakor/baru").text).startswith(PROBLEM)
    bad = {"email": "bukan alamat", "language": "id", "_csrf_token": csrf(client)}
    assert title_of(client.post("/profil", data=bad).text).startswith(PROBLEM)


def test_the_report_forms_htmx_answer_carries_the_pages_title(as_user):
    """htmx swaps only the form's area, and sets the page's title from a
    <title> in the answer: refused, it says so; saved, it no longer does."""
    from test_progress import PM01, post

    client = as_user("ntt")
    htmx = {"HX-Request": "true"}
    refused = post(client, PM01, headers=htmx, percent="150")
    assert refused.status_code == 422
    assert title_of(refused.text).startswith(PROBLEM + "PM-01 · ")
    saved = post(client, PM01, headers=htmx)
    assert saved.status_code == 200 and title_of(saved.text).startswith("PM-01 · ")
    assert title_of(client.get(PM01).text).count(PROBLEM) == 0
    again = client.post(
        f"{PM01}/updates", data={"_csrf_token": csrf(client), "percent": "150"}
    )  # without JavaScript: the whole page, its title said once
    assert title_of(again.text).count(PROBLEM) == 1


def test_a_saved_report_puts_focus_on_its_message(live_server, accounts, browse):
    """htmx replaces the report form, and the button that had focus with it:
    focus fell to the page, the next Tab went to its last link (API), and the
    message came in a live region inserted with it (often not read out)."""
    page = browse()
    log_in(page, live_server, "ntt")
    page.goto(f"{live_server}/d/harmoni-bali-ntt/PM-03")
    page.select_option("#f-status", "in_progress")
    page.fill("#f-percent", "20")
    page.fill("#f-note", "Sosialisasi dimulai")
    page.focus("form.update-form button[type=submit]")
    page.keyboard.press("Enter")
    flash = page.locator("#update-area .flash")
    expect(flash).to_have_text("Laporan kemajuan tersimpan.")
    expect(flash).to_be_focused()
    page.wait_for_load_state("networkidle")  # settled
    page.keyboard.press("Tab")
    expect(page.locator("#f-status")).to_be_focused()


def test_a_flash_after_a_redirect_takes_focus_with_and_without_javascript(
    live_server, accounts, browse
):
    for javascript in (True, False):
        page = browse(java_script_enabled=javascript)
        log_in(page, live_server, "ntt")
        page.goto(f"{live_server}/profil")
        page.locator("form.profile-form button[type=submit]").click()
        page.wait_for_load_state("networkidle")
        expect(page.locator("main > .flash")).to_be_focused()


def test_focus_and_progress_bars_show_in_windows_high_contrast(live_server, accounts, browse):
    """Forced colours drop backgrounds and shadows: a focused link (shown by
    its yellow background, `outline: none`) showed nothing, and a progress
    bar's fill vanished."""
    page = browse(forced_colors="active")
    log_in(page, live_server, "viewer")
    page.goto(f"{live_server}/status")
    page.locator(".skip-link").focus()
    page.keyboard.press("Tab")
    outline = page.evaluate(
        "(() => { const s = getComputedStyle(document.activeElement);"
        " return [document.activeElement.tagName, s.outlineStyle, s.outlineWidth]; })()"
    )
    assert outline == ["A", "solid", "3px"]
    fill, ground = page.evaluate(
        "[getComputedStyle(document.querySelector('.bar > span')).backgroundColor,"
        " getComputedStyle(document.body).backgroundColor]"
    )
    assert fill != ground


def test_the_status_and_action_tables_are_named_and_read_each_percent_once(
    live_server, accounts, browse
):
    """A screen reader lists a page's tables by name: the status page's
    (by document, by party, the actions) had none. The progress bar, an
    image named with the percent beside it, had each cell read it twice."""
    page = browse()
    log_in(page, live_server, "viewer")
    for path, names in (
        ("/status", ["Per dokumen", "Per pihak (penanggung jawab atau pendukung)"]),
        ("/status/d/harmoni-bali-ntt", ["Per komitmen", re.compile(r"^Rencana aksi \(\d+\)$")]),
        ("/d/harmoni-bali-ntt/PM-01", ["Bagian"]),
    ):
        page.goto(f"{live_server}{path}")
        tables = page.locator("main table")
        assert tables.count() >= len(names)
        for n in range(tables.count()):
            expect(tables.nth(n)).not_to_have_accessible_name("")
        for name in names:
            expect(page.get_by_role("table", name=name, exact=True)).to_have_count(1)
    page.goto(f"{live_server}/status")
    cell = page.get_by_role("table", name="Per dokumen").get_by_role("cell").nth(6)
    assert cell.aria_snapshot().count("%") == 1, cell.aria_snapshot()


def test_filtering_the_status_page_says_how_many_actions_match(live_server, accounts, browse):
    """The filters swap the form and results by htmx. The results' own live
    region was swapped in with them (a new region is not read out, and a read
    one would read every table): a screen reader user heard nothing. A live
    region outside the swap now gets one sentence."""
    page = browse()
    log_in(page, live_server, "viewer")
    page.goto(f"{live_server}/status")
    announce = page.locator("#status-announce")
    expect(announce).to_have_attribute("role", "status")
    announce.evaluate("e => { e.dataset.first = 'yes'; }")  # the same element after the swap
    page.focus("#f-party")
    page.keyboard.press("ArrowDown")
    expect(announce).to_have_text(re.compile(r"^\d+ rencana aksi sesuai saringan\.$"))
    expect(announce).to_have_attribute("data-first", "yes")
    expect(page.locator("#f-party")).to_be_focused()
    assert page.locator("#status-results[aria-live]").count() == 0  # no re-reading the tables


def test_a_page_opened_by_htmx_puts_focus_on_its_heading(live_server, accounts, browse):
    """hx-boost replaces the page without loading one: focus fell to the page
    and a screen reader announced nothing. The new page's h1 takes focus
    (unless a message or an error summary took it), so it is read out."""
    page = browse()
    log_in(page, live_server, "viewer")
    page.goto(f"{live_server}/")
    page.focus("nav a[href='/status']")
    page.keyboard.press("Enter")
    heading = page.locator("main h1")
    expect(heading).to_have_text("Status kesepakatan")
    expect(heading).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.locator("#f-document")).to_be_focused()  # on from the heading


def test_an_autosave_without_a_connection_says_not_saved_in_words(
    live_server, client, accounts, browse
):
    """Offline, a field's state went on saying "tersimpan" (saved) with a ⟳
    added by CSS, the only sign that the text had not reached the server."""
    from test_meetings import create

    login(client, "notulis")
    slug = create(client)
    page = browse()
    log_in(page, live_server, "notulis")
    page.goto(f"{live_server}/rakor/{slug}")
    field = page.locator("textarea[id$='-notes']").first
    state = page.locator(f"#state-{field.get_attribute('id').removeprefix('f-')}")
    field.click()
    page.keyboard.type("Dibuka oleh Sekda")
    expect(state).to_have_text("tersimpan")
    page.context.set_offline(True)
    page.keyboard.type(", dihadiri bupati")
    expect(state).to_have_text(re.compile(r"^Belum tersimpan: tidak ada koneksi\."))
    expect(state).to_have_attribute("role", "status")
    page.context.set_offline(False)
    expect(state).to_have_text("tersimpan", timeout=10_000)  # sent again by itself


def test_each_report_link_of_a_shared_action_names_its_part(live_server, accounts, browse):
    """An admin may report every part of PM-01: five links all named
    "Laporkan" in a screen reader's list of links, none saying which part."""
    page = browse()
    log_in(page, live_server, "admin")
    page.goto(f"{live_server}/d/harmoni-bali-ntt/PM-01")
    parts = page.locator("#parts")
    expect(parts.get_by_role("link", name="Laporkan", exact=True)).to_have_count(0)
    link = parts.get_by_role("link", name="Laporkan (Pemerintah Kabupaten Sumba Barat)", exact=True)
    expect(link).to_have_count(1)


def test_clearing_the_filters_or_choosing_a_quarter_keeps_focus_on_the_link(
    live_server, accounts, browse
):
    """These links are swapped with the form: focus fell to the page and the
    next Tab went to its last link (API)."""
    page = browse()
    log_in(page, live_server, "viewer")
    page.goto(f"{live_server}/status?party=bali")
    page.locator("a.reset").focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{live_server}/status")
    expect(page.locator("a.reset")).to_be_focused()
    quarter = page.locator("nav.presets a").first
    quarter.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"asof="))
    expect(page.locator("nav.presets a").first).to_be_focused()


def test_the_whatsapp_link_says_it_opens_a_new_tab(as_user):
    """GOV.UK: a link that opens a new tab says so, or a screen reader user
    is left in a new tab without its Back."""
    page = as_user("viewer").get("/status").text
    link = re.search(r'<a class="wa-share".*?</a>', page, re.S)[0]
    assert 'target="_blank"' in link and "(terbuka di tab baru)" in link


def test_a_part_report_link_puts_focus_on_the_report_form(live_server, accounts, browse):
    """ "Laporkan" on a part opens the page again at #update-area (boosted):
    focus must land there, so that the next Tab is the form's first field,
    not the page's heading or its top."""
    page = browse()
    log_in(page, live_server, "admin")
    page.goto(f"{live_server}/d/harmoni-bali-ntt/PM-01")
    page.locator("#parts a").nth(1).focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"\?part=.+#update-area$"))
    expect(page.locator("#update-area")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.locator("#f-part")).to_be_focused()


def test_each_agenda_items_fields_and_buttons_are_heard_within_the_item(
    live_server, client, accounts, browse
):
    """Every agenda item has a "Keputusan baru" field and a "Tambah keputusan"
    button: six alike on a screen reader's lists, none saying which item.
    Each item is now a region named by its heading."""
    from test_meetings import create

    login(client, "notulis")
    slug = create(client)
    page = browse()
    log_in(page, live_server, "notulis")
    page.goto(f"{live_server}/rakor/{slug}")
    items = page.locator("section.agenda-item")
    assert items.count() > 1
    second = page.get_by_role("region", name=re.compile(r"^2\. "))
    expect(second).to_have_count(1)
    expect(second.get_by_role("button", name="Tambah keputusan")).to_have_count(1)
    expect(second.get_by_role("textbox", name="Keputusan baru")).to_have_count(1)
