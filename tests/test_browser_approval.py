"""Approval before publication in a real browser (Debian's Chromium through
Playwright): the notulis names the chair and submits; the chair, without
JavaScript, returns the minutes with a note; the notulis fixes and resubmits;
the chair sees what changed and approves; the follow-ups are tracked actions.
Screenshots at 390 and 1280 px are kept under SHOTS."""

from __future__ import annotations

from conftest import PASSWORD, rows
from playwright.sync_api import expect
from test_approval import add_chair, as_
from test_browser_rakor import shots
from test_meetings import prepared
from test_verification import qr_texts


def log_in(context, base: str, username: str, next_path: str):
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{base}/login?next={next_path}")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("form.login button")
    return page


def test_submit_return_fix_resubmit_approve(live_server, client, accounts, chromium):
    add_chair()
    slug, _ = prepared(as_(client, "notulis"))
    notulis = log_in(
        chromium.new_context(viewport={"width": 390, "height": 900}),
        live_server,
        "notulis",
        f"/rakor/{slug}/ubah",
    )
    notulis.on("dialog", lambda dialog: dialog.accept())
    notulis.get_by_label("Akun pimpinan rapat (persetujuan notulen)").select_option(
        label="Ketua Ketua (ketua)"
    )
    notulis.click("form.meeting-change button[type=submit]")
    expect(notulis.locator(".flash")).to_contain_text("Data rapat diubah")
    finalize = notulis.locator("section.finalize")
    expect(finalize).to_contain_text("Ketua Ketua (pimpinan rapat) membaca notulen")
    finalize.get_by_role("button", name="Ajukan versi 1 untuk persetujuan").click()
    expect(notulis.locator(".flash")).to_contain_text("Notulen diajukan")
    expect(notulis.locator("p.notice").first).to_contain_text("tidak dapat diubah")
    shots(notulis, "approval-submitted")

    # The chair, with JavaScript off, finds it among their notifications.
    chair_context = chromium.new_context(
        viewport={"width": 390, "height": 900}, java_script_enabled=False
    )
    chair = log_in(chair_context, live_server, "ketua", "/notifikasi")
    chair.get_by_role("link", name="Notulen menunggu persetujuan Anda").first.click()
    expect(chair.locator("h1")).to_contain_text("Persetujuan notulen")
    expect(chair.locator("#changes + p")).to_contain_text("Pengajuan pertama")
    chair.get_by_role("button", name="Kembalikan kepada notulis").click()
    expect(chair.locator(".error-summary")).to_contain_text("Tulis catatan untuk notulis")
    shots(chair, "approval-return-refused")
    chair.get_by_label("Catatan untuk notulis").fill("Tambahkan waktu penutupan rapat.")
    chair.get_by_role("button", name="Kembalikan kepada notulis").click()
    expect(chair.locator(".flash")).to_contain_text("Notulen dikembalikan")

    # The notulis reads the note, fixes the closing, resubmits.
    notulis.goto(f"{live_server}/rakor/{slug}")
    expect(notulis.locator("section.finalize .notice")).to_contain_text(
        "Tambahkan waktu penutupan rapat."
    )
    notulis.wait_for_function("() => window.rakorAutosave === true")
    closing = notulis.locator("textarea[name$='-closing']")
    closing.fill("Rapat ditutup pukul 12.00 WITA.")
    expect(notulis.locator("#closing .save-state.saved")).to_be_visible()
    shots(notulis, "approval-returned")
    notulis.locator("section.finalize").get_by_role("button").click()
    expect(notulis.locator(".flash")).to_contain_text("Notulen diajukan")

    # The chair sees exactly what changed, and approves.
    chair.goto(f"{live_server}/rakor")
    chair.locator("section.awaiting").get_by_role("link").first.click()
    expect(chair.locator("ol.diff")).to_contain_text("Rapat ditutup pukul 12.00 WITA.")
    shots(chair, "approval-review")
    chair.get_by_role("button", name="Setujui dan terbitkan").click()
    expect(chair.locator(".flash")).to_contain_text("Notulen disetujui dan diterbitkan")
    expect(chair.locator("h1")).to_contain_text("Rapat Koordinasi")
    shots(chair, "approval-approved")

    # The follow-ups are tracked actions now.
    chair.goto(f"{live_server}/d/{slug}")
    expect(chair.locator("body")).to_contain_text("TL-01")
    expect(chair.locator("body")).to_contain_text("Pendataan pekerja asal Sumba di Badung")
    assert [v["version"] for v in rows("minutes_version")] == [1]
    assert [s["state"] for s in rows("minutes_submission")] == [
        "submitted",
        "returned",
        "submitted",
        "approved",
    ]

    # A viewer holding the printed notulen scans its QR code: the public page
    # (no login) says what it is and that it is the current version.
    pdf = chair.context.request.get(f"{live_server}/rakor/{slug}/notulen.pdf").body()
    [url] = qr_texts(pdf)
    assert url.startswith(live_server + "/v/")
    viewer = chromium.new_context(viewport={"width": 390, "height": 900}).new_page()
    viewer.goto(url)
    expect(viewer.locator("main")).to_contain_text("Notulen Rakor")
    expect(viewer.locator("main")).to_contain_text("Ini versi terbaru.")
    shots(viewer, "verification-scanned")
