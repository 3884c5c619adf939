"""A secretariat's journey in a real browser (issue 11): a refused address is
said in an error summary with what was typed kept, a good one is saved with one
kind of mail switched off, and the unsubscribe link of a message works without
logging in. Screenshots at 390 px are kept under SHOTS for a reviewer."""

from __future__ import annotations

import datetime as dt
import json

from conftest import SHOTS, log_in_browser, rows, run
from playwright.sync_api import expect


def _unsubscribe_path(username: str, choice: str) -> str:
    from tracker.accounts.secrets import shared_secret
    from tracker.notifications import profile

    user = next(u for u in rows("tracker_user") if u["username"] == username)

    async def token() -> str:
        return profile.unsubscribe_token(await shared_secret(), user["id"], choice)

    return "/berhenti/" + run(token())


def test_a_secretariat_sets_an_address_and_unsubscribes_from_one_kind(
    chromium, live_server, accounts
):
    page = chromium.new_page(viewport={"width": 390, "height": 800})
    page.set_default_timeout(15_000)
    log_in_browser(page, live_server, "ntt")
    page.click("a.who")  # the name in the header opens the profile
    expect(page.locator("h1")).to_have_text("Profil dan pemberitahuan")
    page.fill("#f-email", "sekretariat ntt@nttprov.go.id")
    page.click("form.profile-form button[type=submit]")
    summary = page.locator(".error-summary")
    expect(summary).to_contain_text("Alamat email tidak valid")
    expect(page.locator("#f-email")).to_have_value("sekretariat ntt@nttprov.go.id")
    page.screenshot(path=SHOTS / "notify-journey-refused-390.png", full_page=True)
    page.fill("#f-email", "sekretariat@nttprov.go.id")
    page.uncheck("#f-choice-digest")
    page.click("form.profile-form button[type=submit]")
    expect(page.locator(".flash")).to_contain_text("Profil tersimpan")
    [user] = [u for u in rows("tracker_user") if u["username"] == "ntt"]
    assert user["email"] == "sekretariat@nttprov.go.id"
    choices = json.loads(user["notify_choices"])
    assert choices.get("digest") is False and choices.get("reminder", True) is True

    # The link at the foot of a reminder, opened in a browser without a login.
    page.context.clear_cookies()
    page.goto(live_server + _unsubscribe_path("ntt", "reminder"))
    expect(page.locator("main")).to_contain_text("pengingat tenggat")
    page.get_by_role("button", name="Berhenti berlangganan").click()
    expect(page.locator("main")).to_contain_text("tidak akan lagi menerima")
    page.screenshot(path=SHOTS / "notify-journey-unsubscribed-390.png", full_page=True)
    [user] = [u for u in rows("tracker_user") if u["username"] == "ntt"]
    choices = json.loads(user["notify_choices"])
    assert choices.get("reminder") is False and choices.get("digest") is False


def test_the_weekly_digest_fits_a_360_px_phone(chromium, agreements, seeded, monkeypatch):
    """The digest's HTML, as a phone's mail app shows it: no sideways
    scrolling at 360 px, in either language (its party table's Indonesian
    headers, "60 hari tanpa laporan", made it 385 px wide)."""
    from test_notifications import add_user, agreement, notify, this_monday

    monkeypatch.delenv("TRACKER_SMTP_URL", raising=False)  # planned, kept in the outbox
    monday = this_monday()
    day = lambda n: (monday + dt.timedelta(days=n)).isoformat()  # noqa: E731
    agreement(agreements, {"W-01": (day(-3), "ntt", "kupang"), "W-02": (day(9), "kupang", None)})
    add_user("sek-ntt", "secretariat", ["ntt", "kupang"], "ntt@example.org")
    add_user("sek-en", "secretariat", ["ntt", "kupang"], "en@example.org", language="en")
    notify(monday, send=False)
    bodies = {r["language"]: r["body_html"] for r in rows("outbox") if r["kind"] == "digest"}
    assert set(bodies) == {"id", "en"}
    assert "60 hari tanpa laporan" in bodies["id"]
    page = chromium.new_page(viewport={"width": 360, "height": 800})
    for lang, html in bodies.items():
        page.set_content(html)
        page.screenshot(path=SHOTS / f"mail-digest-{lang}-360.png", full_page=True)
        width = page.evaluate("document.scrollingElement.scrollWidth")
        assert width <= 360, (lang, width)
