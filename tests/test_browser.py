"""Journeys in a real browser: Debian's Chromium, driven by Playwright."""

from __future__ import annotations

import pytest
from conftest import PASSWORD, SHOTS, rows
from playwright.sync_api import expect

from tracker.agreements.queries import today

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def browser_page(chromium, request):
    context = chromium.new_context()
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    for n, open_page in enumerate(context.pages):  # the journey's last screens
        open_page.screenshot(path=SHOTS / f"{request.node.name[:100]}-{n}.png", full_page=True)


def test_ntt_secretariat_posts_an_update_with_a_file(live_server, accounts, browser_page, tmp_path):
    page = browser_page
    evidence = tmp_path / "undangan-rapat.png"
    evidence.write_bytes(PNG)

    # PM-03 has one owner, ntt (PM-01 is shared: see test_browser_parts.py).
    page.goto(f"{live_server}/d/harmoni-bali-ntt/PM-03")
    expect(page).to_have_url(f"{live_server}/login?next=/d/harmoni-bali-ntt/PM-03")
    page.fill("input[name=username]", "ntt")
    page.fill("input[name=password]", PASSWORD)
    page.click("form.login button")
    expect(page.locator("h1")).to_contain_text("PM-03")

    page.select_option("select[name=status]", "in_progress")
    page.fill("input[name=percent]", "35")
    page.fill("textarea[name=note]", "Sosialisasi di **Waingapu** sudah berjalan")
    page.set_input_files("input[name=files]", str(evidence))
    page.click("form.update-form button[type=submit]")

    # htmx swaps the new update in without a page load.
    expect(page.locator("#update-area .flash")).to_contain_text("Laporan kemajuan tersimpan.")
    item = page.locator("ol.updates li").first
    expect(item).to_contain_text("Berjalan")
    expect(item).to_contain_text("35 %")
    expect(item.locator("strong")).to_have_text("Waingapu")
    expect(item.locator("a", has_text="undangan-rapat.png")).to_be_visible()
    # The state under the title is current too, without a reload.
    state = page.locator("#action-state")
    expect(state).to_contain_text("Berjalan")
    expect(state).to_contain_text("35 %")
    expect(state).not_to_contain_text("Belum ada laporan")
    assert [(u["status"], u["percent"]) for u in rows("update")] == [("in_progress", 35)]
    assert [e["filename"] for e in rows("evidence")] == ["undangan-rapat.png"]

    page.click("form.logout button")
    expect(page).to_have_url(f"{live_server}/login")
    page.goto(f"{live_server}/aksi")
    expect(page).to_have_url(f"{live_server}/login?next=/aksi")


def test_viewer_filters_status_by_party_opens_an_action_and_downloads_the_pdf(
    live_server, accounts, browser_page
):
    page = browser_page
    page.goto(f"{live_server}/login?next=/status")
    page.fill("input[name=username]", "viewer")
    page.fill("input[name=password]", PASSWORD)
    page.click("form.login button")
    expect(page.locator("h1")).to_have_text("Status kesepakatan")

    # Choosing a party applies the filter through htmx: the URL follows, no reload.
    page.evaluate("window.notReloaded = true")
    page.select_option("select[name=party]", "bali")
    expect(page).to_have_url(f"{live_server}/status?party=bali")
    expect(page.locator("#status-results table.actions")).to_contain_text("PM-02")
    expect(page.locator("#status-results table.actions")).not_to_contain_text("PM-01 ")
    assert page.evaluate("window.notReloaded") is True

    page.locator("#status-results table.actions a", has_text="PM-02").first.click()
    expect(page.locator("h1")).to_contain_text("PM-02")

    page.goto(f"{live_server}/status/d/harmoni-bali-ntt?party=bali")
    with page.expect_download() as download:
        page.click("text=Laporan A4 (PDF)")
    path = download.value.path()
    with open(path, "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    assert download.value.suggested_filename == "status-harmoni-bali-ntt-bali.pdf"


def test_notulis_typing_survives_a_reload_and_a_dropped_connection(
    live_server, accounts, browser_page
):
    page = browser_page
    page.goto(f"{live_server}/login?next=/rakor/baru")
    page.fill("input[name=username]", "notulis")
    page.fill("input[name=password]", PASSWORD)
    page.click("form.login button")
    page.fill("input[name=title]", "Rakor tindak lanjut di Kupang")
    page.fill("input[name=date]", "2026-11-20")
    page.fill("input[name=place]", "Kupang")
    page.check("input[name=follows][value=harmoni-bali-ntt]")
    page.click("form.meeting-new button[type=submit]")
    expect(page.locator("h1")).to_have_text("Rakor tindak lanjut di Kupang")
    page.wait_for_function("window.rakorAutosave === true")  # the page is wired up

    notes = page.locator("section.agenda-item textarea[name$='-notes']").nth(0)
    notes.fill("Peserta sepakat mempercepat pendataan.")
    expect(page.locator("section.agenda-item .save-state.saved").first).to_be_visible()
    page.reload()
    page.wait_for_function("window.rakorAutosave === true")
    notes = page.locator("section.agenda-item textarea[name$='-notes']").nth(0)
    expect(notes).to_have_value("Peserta sepakat mempercepat pendataan.")

    # The connection drops while typing, and the tab is closed: the text waits in the browser...
    url = page.url
    page.context.set_offline(True)
    notes.fill("Peserta sepakat mempercepat pendataan. Anggaran dari APBD 2027.")
    expect(page.locator("section.agenda-item .autosave.offline").first).to_be_visible()
    assert rows("agenda_item")[0]["notes"] == "Peserta sepakat mempercepat pendataan."
    later = page.context.new_page()
    page.close()
    later.context.set_offline(False)
    # ...and when the meeting is opened again, it comes back and saves itself.
    later.goto(url)
    notes = later.locator("section.agenda-item textarea[name$='-notes']").nth(0)
    expect(notes).to_have_value("Peserta sepakat mempercepat pendataan. Anggaran dari APBD 2027.")
    expect(later.locator("section.agenda-item .save-state.saved").first).to_be_visible()
    assert rows("agenda_item")[0]["notes"].endswith("Anggaran dari APBD 2027.")


def _log_in_on(page, live_server: str, path: str) -> None:
    page.goto(f"{live_server}/login?next={path}")
    page.fill("input[name=username]", "ntt")
    page.fill("input[name=password]", PASSWORD)
    page.click("form.login button")
    expect(page.locator("h1")).to_contain_text(path.rsplit("/", 1)[-1])


def test_a_report_whose_answer_is_lost_says_so_and_is_stored_once_when_sent_again(
    live_server, accounts, browser_page
):
    """On a bad connection the report reaches the server but its answer never
    comes back: the page says there was no answer (htmx alone would leave it
    as it was, silent), keeps what was typed, and the report sent again is
    answered as already saved, stored once."""
    page = browser_page
    page.set_viewport_size({"width": 360, "height": 800})
    _log_in_on(page, live_server, "/d/harmoni-bali-ntt/PM-03")
    page.select_option("select[name=status]", "at_risk")
    page.fill("textarea[name=note]", "Anggaran pembinaan belum turun")

    def answer_lost(route):
        route.fetch()  # the server stores the report...
        route.abort("connectionreset")  # ...and its answer is lost

    page.route("**/updates", answer_lost)
    page.click("form.update-form button[type=submit]")
    expect(page.locator("#send-error")).to_be_visible()
    expect(page.locator("#send-error")).to_contain_text("Tidak ada jawaban dari server")
    expect(page.locator("textarea[name=note]")).to_have_value("Anggaran pembinaan belum turun")
    assert len(rows("update")) == 1

    page.unroute("**/updates")
    page.click("form.update-form button[type=submit]")
    expect(page.locator("#update-area .flash")).to_contain_text("tidak disimpan dua kali")
    expect(page.locator("#send-error")).to_be_hidden()
    assert [u["note"] for u in rows("update")] == ["Anggaran pembinaan belum turun"]


def test_a_long_note_survives_an_expired_session_and_an_expired_form(
    live_server, accounts, browser_page
):
    """The session ends while a long note is typed: the login page comes
    between, and the form, opened again, brings the note back and says so.
    The same after the form is refused as expired (logged in again in another
    tab) and the page reloaded. Saved, the note is not brought back again."""
    page = browser_page
    page.set_viewport_size({"width": 360, "height": 800})
    path = "/d/harmoni-bali-ntt/PM-03"
    _log_in_on(page, live_server, path)
    note = "Sosialisasi di tiga kecamatan. " * 20
    page.select_option("select[name=status]", "in_progress")
    page.fill("textarea[name=note]", note)

    kept = [c for c in page.context.cookies() if c["name"] != "tracker_session"]
    page.context.clear_cookies()  # the session has expired
    page.context.add_cookies(kept)
    page.click("form.update-form button[type=submit]")
    expect(page).to_have_url(f"{live_server}/login?next={path}&unsaved=1")
    expect(page.locator("form.login [role=alert]")).to_contain_text("tidak tersimpan")
    page.fill("input[name=username]", "ntt")
    page.fill("input[name=password]", PASSWORD)
    page.click("form.login button")
    expect(page.locator("textarea[name=note]")).to_have_value(note.strip() + " ")
    expect(page.locator("select[name=status]")).to_have_value("in_progress")
    expect(page.locator("form.update-form .draft-restored")).to_contain_text("dikembalikan")
    assert rows("update") == []

    # The session ends again, and the user logs in again in another tab:
    # this tab's form carries the old session's token.
    kept = [c for c in page.context.cookies() if c["name"] != "tracker_session"]
    page.context.clear_cookies()
    page.context.add_cookies(kept)
    other = page.context.new_page()
    other.goto(f"{live_server}/login")
    other.fill("input[name=username]", "ntt")
    other.fill("input[name=password]", PASSWORD)
    other.click("form.login button")
    other.wait_for_url(f"{live_server}/aksi")
    other.close()
    page.click("form.update-form button[type=submit]")
    expect(page.locator("main")).to_contain_text("Formulir kedaluwarsa")
    page.reload()
    expect(page.locator("textarea[name=note]")).to_have_value(note.strip() + " ")
    page.click("form.update-form button[type=submit]")
    expect(page.locator("#update-area .flash")).to_contain_text("Laporan kemajuan tersimpan.")
    assert [u["note"] for u in rows("update")] == [note.strip()]
    page.reload()
    expect(page.locator("textarea[name=note]")).to_have_value("")
    expect(page.locator(".draft-restored")).to_have_count(0)
    # Logging out on purpose leaves nothing typed behind on the phone.
    page.fill("textarea[name=note]", "Belum selesai diketik")
    page.click("form.logout button")
    expect(page).to_have_url(f"{live_server}/login")
    assert page.evaluate("Object.keys(localStorage)") == []


def test_a_report_on_its_way_says_it_is_being_sent(live_server, accounts, browser_page, tmp_path):
    """A photo takes minutes to send on a slow link: while it goes, the form
    says so (and how much has gone) beside the disabled button, instead of
    looking stuck; the answer takes the sign away."""
    page = browser_page
    page.set_viewport_size({"width": 360, "height": 800})
    photo = tmp_path / "foto-kegiatan.png"
    photo.write_bytes(PNG)
    _log_in_on(page, live_server, "/d/harmoni-bali-ntt/PM-03")
    page.select_option("select[name=status]", "in_progress")
    page.fill("textarea[name=note]", "Foto kegiatan sosialisasi")
    page.set_input_files("input[name=files]", str(photo))
    held = []
    page.route("**/updates", lambda route: held.append(route))  # a slow link: no answer yet
    page.click("form.update-form button[type=submit]")
    expect(page.locator("form.update-form .sending")).to_contain_text("Mengirim…")
    expect(page.locator("form.update-form button[type=submit]")).to_be_disabled()
    held[0].continue_()
    expect(page.locator("#update-area .flash")).to_contain_text("Laporan kemajuan tersimpan.")
    expect(page.locator(".sending")).to_have_count(0)


def test_a_proxys_error_page_does_not_replace_the_form(live_server, accounts, browser_page):
    """Behind nginx, a report sent while the tracker restarts gets nginx's
    "502 Bad Gateway" page. Swapped into the page it replaced the form, and
    what was typed, with nginx's two lines; it is no answer from the tracker:
    the form stays and the page says there was no answer."""
    page = browser_page
    page.set_viewport_size({"width": 360, "height": 800})
    _log_in_on(page, live_server, "/d/harmoni-bali-ntt/PM-03")
    page.select_option("select[name=status]", "at_risk")
    page.fill("textarea[name=note]", "Dana belum cair")
    gateway = "<html><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>"
    page.route(
        "**/updates",
        lambda route: route.fulfill(status=502, body=gateway, content_type="text/html"),
    )
    page.click("form.update-form button[type=submit]")
    expect(page.locator("#send-error")).to_be_visible()
    expect(page.locator("textarea[name=note]")).to_have_value("Dana belum cair")
    expect(page.locator("main")).not_to_contain_text("Bad Gateway")
    page.unroute("**/updates")
    page.click("form.update-form button[type=submit]")
    expect(page.locator("#update-area .flash")).to_contain_text("Laporan kemajuan tersimpan.")
    expect(page.locator("#send-error")).to_be_hidden()
    assert [u["note"] for u in rows("update")] == ["Dana belum cair"]


def test_a_printed_document_lists_its_parties_and_attendees(live_server, accounts, browser_page):
    """On screen a document's parties and attendees are folded under their
    count; on paper, where nothing unfolds, they are printed in full rather
    than as "Pihak (10)" with nothing under it."""
    page = browser_page
    page.goto(f"{live_server}/login?next=/d/rakor-denpasar-2026-01-30")
    page.fill("input[name=username]", "viewer")
    page.fill("input[name=password]", PASSWORD)
    page.click("form.login button")
    expect(page.locator("details.parties")).to_be_visible()
    expect(page.locator("details.parties li").first).to_be_hidden()  # folded on screen
    page.emulate_media(media="print")
    for folded in ("details.parties li", "details.attendees li"):
        for item in page.locator(folded).all():
            expect(item).to_be_visible()
    expect(page.locator("details.attendees")).to_contain_text("Wayan Koster")


def test_printed_aksi_saya_says_whose_and_when_without_its_links(
    live_server, accounts, browser_page
):
    """Aksi saya on paper: whose list and on which day (the header naming the
    account is not printed), without the links and the upload that paper
    cannot use."""
    page = browser_page
    page.goto(f"{live_server}/login?next=/aksi")
    page.fill("input[name=username]", "ntt")
    page.fill("input[name=password]", PASSWORD)
    page.click("form.login button")
    expect(page.locator("h1")).to_have_text("Aksi saya")
    page.emulate_media(media="print")
    stamp = page.locator("main .print-only")
    expect(stamp).to_be_visible()
    expect(stamp).to_contain_text(str(today().year))
    name = next(u["display_name"] for u in rows("tracker_user") if u["username"] == "ntt")
    expect(stamp).to_contain_text(name)
    expect(page.locator("main p.tools")).to_be_hidden()
    expect(page.locator("details.import")).to_be_hidden()
    page.emulate_media(media="screen")
    expect(stamp).to_be_hidden()


def test_without_javascript_a_note_survives_an_expired_session(chromium, live_server, accounts):
    """On a phone without JavaScript, the session ends while a long note is
    typed: the login page holds the report, and logging in brings back the
    form filled in (status, percent, note), nothing stored until it is sent."""
    context = chromium.new_context(
        viewport={"width": 360, "height": 800}, java_script_enabled=False
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    path = "/d/harmoni-bali-ntt/PM-03"
    _log_in_on(page, live_server, path)
    note = "Sosialisasi di tiga kecamatan, dua desa menunggu anggaran. " * 10
    page.select_option("select[name=status]", "at_risk")
    page.fill("input[name=percent]", "35")
    page.fill("textarea[name=note]", note)
    kept = [c for c in context.cookies() if c["name"] != "tracker_session"]
    context.clear_cookies()  # the session has expired
    context.add_cookies(kept)
    page.click("form.update-form button[type=submit]")
    expect(page.locator("form.login [role=alert]")).to_contain_text("formulir laporan kembali")
    page.fill("input[name=username]", "ntt")
    page.fill("input[name=password]", PASSWORD)
    page.click("form.login button")
    expect(page.locator("form.update-form [role=alert]")).to_contain_text("belum tersimpan")
    expect(page.locator("textarea[name=note]")).to_have_value(note)
    expect(page.locator("select[name=status]")).to_have_value("at_risk")
    expect(page.locator("input[name=percent]")).to_have_value("35")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert rows("update") == []
    page.screenshot(path=SHOTS / "no-js-report-after-login-360.png", full_page=True)
    page.click("form.update-form button[type=submit]")
    expect(page.locator(".flash")).to_contain_text("Laporan kemajuan tersimpan.")
    assert [(u["status"], u["percent"], u["note"]) for u in rows("update")] == [
        ("at_risk", 35, note.strip())
    ]


def test_the_back_button_after_a_report_shows_the_page_as_it_is_now(
    live_server, accounts, browser_page
):
    """htmx kept a copy of every boosted page in sessionStorage and put it back
    on Back without asking the server: the document page showed PM-03 as not
    started right after it was reported on. Back now loads the page afresh."""
    page = browser_page
    page.goto(f"{live_server}/login?next=/d/harmoni-bali-ntt")
    page.fill("input[name=username]", "ntt")
    page.fill("input[name=password]", PASSWORD)
    page.click("form.login button")
    expect(page.locator("h1")).to_contain_text("Harmoni")
    page.click("a[href='/d/harmoni-bali-ntt/PM-03']")  # boosted: a history entry of htmx
    expect(page.locator("h1")).to_contain_text("PM-03")
    page.select_option("select[name=status]", "in_progress")
    page.fill("input[name=percent]", "55")
    page.fill("textarea[name=note]", "Pembinaan dimulai")
    page.click("form.update-form button[type=submit]")
    expect(page.locator("#update-area .flash")).to_contain_text("Laporan kemajuan tersimpan.")

    page.go_back()
    expect(page).to_have_url(f"{live_server}/d/harmoni-bali-ntt")
    expect(page.locator("#action-PM-03 .action-summary")).to_contain_text("Berjalan")
    expect(page.locator("#action-PM-03 .percent")).to_have_text("55 %")
    assert page.evaluate("sessionStorage.getItem('htmx-history-cache')") is None
