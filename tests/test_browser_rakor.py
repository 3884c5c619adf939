"""A notulis's Rakor in a real browser (Debian's Chromium through Playwright):
create, correct the date and the invitations, re-draft the agenda, cancel a stray
draft, finalize; and, with JavaScript off, type in two fields, press one Simpan,
lose neither. Screenshots at 390 and 1280 px are kept under SHOTS."""

from __future__ import annotations

import json

from conftest import PASSWORD, SHOTS, rows
from playwright.sync_api import expect


def log_in(page, base: str, next_path: str) -> None:
    page.goto(f"{base}/login?next={next_path}")
    page.fill("input[name=username]", "notulis")
    page.fill("input[name=password]", PASSWORD)
    page.click("form.login button")


def shots(page, name: str) -> None:
    """Full-page screenshots at a phone's and a desk's width; no sideways scroll."""
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        assert page.evaluate("document.scrollingElement.scrollWidth") <= width, (name, width)
        page.screenshot(path=SHOTS / f"rakor-{name}-{width}.png", full_page=True)


def new_meeting(page, title: str, date: str, place: str) -> None:
    page.get_by_label("Acara", exact=True).fill(title)
    page.get_by_label("Tanggal", exact=True).fill(date)
    page.get_by_label("Tempat", exact=True).fill(place)
    page.get_by_label("Nama pimpinan rapat", exact=True).fill("Emanuel Melkiades Laka Lena")
    page.get_by_label("Kesepakatan Harmoni Kehidupan Bali–NTT").check()
    page.get_by_label("Pemerintah Provinsi Bali", exact=True).check()
    page.get_by_label("Pemerintah Provinsi Nusa Tenggara Timur", exact=True).check()
    page.click("form.meeting-new button[type=submit]")


def test_notulis_creates_corrects_redrafts_cancels_and_finalizes(live_server, accounts, chromium):
    page = chromium.new_context(viewport={"width": 390, "height": 900}).new_page()
    page.set_default_timeout(15_000)
    log_in(page, live_server, "/rakor/baru")
    expect(page.locator("h1")).to_have_text("Rakor baru")
    # A refusal first: the summary at the top, what was typed kept.
    page.get_by_label("Acara", exact=True).fill("Rakor tindak lanjut di Kupang")
    page.click("form.meeting-new button[type=submit]")
    expect(page.locator(".error-summary")).to_contain_text("Isi tanggal rapat.")
    expect(page.get_by_label("Acara", exact=True)).to_have_value("Rakor tindak lanjut di Kupang")
    shots(page, "new-refused")
    new_meeting(page, "Rakor tindak lanjut di Kupang", "2026-11-20", "Kantor Gubernur NTT, Kupang")
    expect(page.locator("h1")).to_have_text("Rakor tindak lanjut di Kupang")
    page.wait_for_function("() => window.rakorAutosave === true")
    expect(page).to_have_url(f"{live_server}/rakor/rakor-2026-11-20-kantor-gubernur-ntt")
    notes = page.locator("section.agenda-item textarea[name$='-notes']").first
    notes.fill("Pendataan pekerja dibahas.")
    expect(page.locator("section.agenda-item .save-state.saved").first).to_be_visible()
    shots(page, "draft")

    # The date was wrong, and Bali was not invited after all.
    page.click("text=Ubah tanggal, waktu, tempat, dokumen atau undangan")
    expect(page.locator("h1")).to_have_text("Ubah data rapat")
    page.get_by_label("Tanggal", exact=True).fill("2026-11-27")
    page.get_by_label("Pemerintah Provinsi Bali", exact=True).uncheck()
    shots(page, "change")
    page.click("form.meeting-change button[type=submit]")
    expect(page.locator(".flash")).to_contain_text("Data rapat diubah")
    expect(page).to_have_url(f"{live_server}/rakor/rakor-2026-11-27-kantor-gubernur-ntt")
    expect(page.locator(".meeting-facts")).to_contain_text("27 November 2026")
    expect(page.locator(".meeting-facts")).not_to_contain_text("Provinsi Bali")

    # Re-draft the agenda: what was typed stays.
    page.click("#redraft button")
    expect(page.locator(".flash")).to_contain_text("Agenda disusun ulang")
    expect(page.locator("section.agenda-item textarea[name$='-notes']").first).to_have_value(
        "Pendataan pekerja dibahas."
    )

    # A stray second draft, made by mistake, is cancelled.
    page.goto(f"{live_server}/rakor/baru")
    new_meeting(page, "Rakor salah buat", "2026-11-27", "Kantor Gubernur NTT, Kupang")
    expect(page).to_have_url(f"{live_server}/rakor/rakor-2026-11-27-kantor-gubernur-ntt-2")
    page.click("text=Batalkan draf ini")
    expect(page.locator("h1")).to_have_text("Batalkan draf Rakor ini?")
    shots(page, "cancel")
    page.click("form.meeting-cancel button")
    expect(page.locator(".flash")).to_contain_text("Draf Rakor dibatalkan")
    expect(page.locator("table.meetings")).not_to_contain_text("Rakor salah buat")
    shots(page, "list")
    assert [m["title"] for m in rows("meeting")] == ["Rakor tindak lanjut di Kupang"]
    assert "meeting.cancel" in [e["action"] for e in rows("audit_entry")]

    # A follow-up with owners chosen by name, then finalize.
    page.click("text=Rakor tindak lanjut di Kupang")
    page.locator("section.agenda-item").first.get_by_role(
        "button", name="Tambah tindak lanjut"
    ).click()  # saves the page, then opens the one box with this item chosen
    page.wait_for_url("**?tl=*")
    box = page.locator("#add-follow-up")
    expect(box.get_by_label("Pokok bahasan")).to_have_value(
        page.locator("section.agenda-item").first.get_attribute("id").removeprefix("item-")
    )
    box.get_by_label("Rencana aksi").fill("Pendataan pekerja asal Sumba")
    box.locator("fieldset", has_text="Penanggung jawab").get_by_label(
        "Pemerintah Provinsi Nusa Tenggara Timur"
    ).check()
    box.get_by_role("button", name="Tambah tindak lanjut").click()
    expect(page.locator(".flash")).to_contain_text("Tindak lanjut ditambahkan")
    expect(page.locator("fieldset.follow-up legend").first).to_contain_text("TL-01")
    shots(page, "draft-follow-up")
    page.set_viewport_size({"width": 390, "height": 1400})  # the parts a reviewer looks at
    for part in ("#attendance", "fieldset.follow-up", ".save-intro"):
        page.locator(part).first.scroll_into_view_if_needed()
        page.screenshot(path=SHOTS / f"rakor-view-{part.strip('#.').replace('.', '-')}-390.png")
    page.on("dialog", lambda dialog: dialog.accept())
    page.click("section.finalize button")
    expect(page.locator(".flash")).to_contain_text("Notulen difinalkan")
    [follow_up] = rows("follow_up")
    assert json.loads(follow_up["owner"]) == ["ntt"]
    assert rows("meeting")[0]["state"] == "final"
    shots(page, "final")


def test_without_javascript_one_simpan_keeps_two_fields(live_server, accounts, chromium):
    context = chromium.new_context(
        viewport={"width": 390, "height": 900}, java_script_enabled=False
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    log_in(page, live_server, "/rakor/baru")
    new_meeting(page, "Rakor tanpa JavaScript", "2026-11-20", "Kupang")
    expect(page.locator("h1")).to_have_text("Rakor tanpa JavaScript")
    expect(page.locator(".save-intro")).to_contain_text("setiap tombol di formulir ini")
    notes = page.locator("section.agenda-item textarea[name$='-notes']").first
    closing = page.get_by_label("Catatan penutup")
    notes.fill("Catatan pertama yang diketik.")
    closing.fill("Rapat ditutup pukul 12.00.")
    shots(page, "nojs-typed")
    # The Simpan next to the notes: both texts are kept.
    field = page.locator(
        "section.agenda-item .autosave", has=page.locator("textarea[name$='-notes']")
    )
    field.first.get_by_role("button", name="Simpan").click()
    expect(page.locator(".flash")).to_contain_text("Semua isian tersimpan")
    expect(page.locator("section.agenda-item textarea[name$='-notes']").first).to_have_value(
        "Catatan pertama yang diketik."
    )
    expect(page.get_by_label("Catatan penutup")).to_have_value("Rapat ditutup pukul 12.00.")
    assert rows("meeting")[0]["closing"] == "Rapat ditutup pukul 12.00."
    assert "Catatan pertama yang diketik." in [i["notes"] for i in rows("agenda_item")]
    shots(page, "nojs-saved")


def test_notulis_sends_the_invitation(live_server, accounts, chromium):
    """From the draft to the invitation page: a wrong address is refused in an
    error summary with what was typed kept; a good one is saved and the
    invitation goes into the outbox, each copy with its calendar file."""
    import datetime as dt

    day = dt.date.today() + dt.timedelta(days=21)
    page = chromium.new_context(viewport={"width": 390, "height": 900}).new_page()
    page.set_default_timeout(15_000)
    log_in(page, live_server, "/rakor/baru")
    page.get_by_label("Peserta", exact=True).fill(
        "Johni Asadoma — Wakil Gubernur NTT — Pemerintah Provinsi Nusa Tenggara Timur"
    )
    new_meeting(page, "Rakor persiapan musim tanam", day.isoformat(), "Kupang")
    expect(page.locator(".flash")).to_be_visible()
    page.get_by_role("link", name="Kirim undangan melalui email").click()
    expect(page.locator("h1")).to_have_text("Undangan Rakor")
    field = page.get_by_label("Email Johni Asadoma")
    field.fill("wagub nttprov.go.id")
    page.get_by_role("button", name="Kirim undangan").click()
    expect(page.locator(".error-summary")).to_contain_text("Alamat email Johni Asadoma tidak valid")
    expect(field).to_have_value("wagub nttprov.go.id")
    assert not [r for r in rows("outbox") if r["kind"] == "rakor.invitation"]
    field.fill("wagub@nttprov.go.id")
    page.get_by_role("button", name="Kirim undangan").click()
    expect(page.locator(".flash")).to_contain_text("Undangan disimpan untuk dikirim")
    expect(page.locator("ul.history")).to_contain_text("ke 1 alamat")
    expect(page.get_by_role("button", name="Kirim perubahan undangan")).to_be_visible()
    shots(page, "invitation")
    [mail] = [r for r in rows("outbox") if r["kind"] == "rakor.invitation"]
    assert mail["to_address"] == "wagub@nttprov.go.id"
    [ics] = (
        json.loads(mail["attachments"])
        if isinstance(mail["attachments"], str)
        else mail["attachments"]
    )
    assert "METHOD:REQUEST" in ics["text"] and "TZID=Asia/Makassar" in ics["text"]


def test_a_printed_draft_shows_its_agenda_not_its_form(live_server, accounts, chromium):
    """The draft's page prints without its form (nor its links and buttons):
    what is printed is the draft as it stands, read only, to lay on the
    meeting's table: attendance, each agenda item with the open actions it
    reviews (its briefing table, printed once: the page carries it once),
    its notes and decisions."""
    context = chromium.new_context(
        viewport={"width": 1280, "height": 900}, java_script_enabled=False
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    log_in(page, live_server, "/rakor/baru")
    new_meeting(page, "Rakor untuk dicetak", "2026-11-20", "Kupang")
    page.locator("section.agenda-item textarea[name$='-notes']").first.fill(
        "Catatan rapat pertama."
    )
    page.locator("textarea[name^='new_decision-']").first.fill("Keputusan yang dicetak.")
    page.locator("button[name=add][value^='decision-']").first.click()
    expect(page.locator(".flash")).to_be_visible()
    page.emulate_media(media="print")
    printed = page.locator("main")
    expect(printed.locator(".draft-print")).to_be_visible()
    text = printed.inner_text()
    assert "Catatan rapat pertama." in text and "Keputusan yang dicetak." in text
    titles = [item["title"] for item in rows("agenda_item")]
    assert titles and all(title in text for title in titles)
    briefings = page.locator("#meeting-form .briefing-table")
    assert briefings.count() > 3  # folded on screen after the third item, printed all
    for table in briefings.all():
        expect(table).to_be_visible()
    for hidden in (
        "#meeting-form textarea",
        "#meeting-form input:not([type=hidden])",
        "#meeting-form button",
        "#attendance",
        ".letters",
        ".manage-links",
        "#undiscussed",
        "#finalize",
    ):
        for element in page.locator(hidden).all():
            expect(element).to_be_hidden()
    page.emulate_media(media="screen")
    expect(printed.locator(".draft-print")).to_be_hidden()  # on screen, the form only
    expect(printed.locator(".item-print").first).to_be_hidden()
    expect(page.locator("section.agenda-item textarea[name$='-notes']").first).to_be_visible()


# Every "40 %" on the page whose number and sign sit on different lines.
SPLIT_PERCENTS = """() => {
  const split = [];
  const walker = document.createTreeWalker(document.querySelector('main'), NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (const m of node.data.matchAll(/\\d %/g)) {
      const at = (i) => { const r = document.createRange(); r.setStart(node, i); r.setEnd(node, i + 1); return r.getBoundingClientRect(); };
      const digit = at(m.index), sign = at(m.index + 2);
      if (digit.height && Math.abs(digit.top - sign.top) > 2) split.push(node.parentElement.closest('td, li, p, span').innerText);
    }
  }
  return split;
}"""


def test_a_percent_never_breaks_from_its_number(live_server, accounts, chromium):
    """In the agenda's narrow "then → now" column (and everywhere a whole percent
    is shown, "0 %"), the number and its sign stay on one line: a line ending
    in "0" and the next starting with "% →" reads as nonsense, on a phone and on
    paper."""
    context = chromium.new_context(
        viewport={"width": 1280, "height": 900}, java_script_enabled=False
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    log_in(page, live_server, "/rakor/baru")
    new_meeting(page, "Rakor persen", "2026-11-20", "Kupang")
    expect(page.locator("#meeting-form .briefing-table").first).to_be_visible()
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        assert page.evaluate(SPLIT_PERCENTS) == [], width
        page.emulate_media(media="print")
        assert page.evaluate(SPLIT_PERCENTS) == [], (width, "print")
        page.emulate_media(media="screen")
