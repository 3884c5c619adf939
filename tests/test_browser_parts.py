"""A Sumba regency's secretariat reports its part of a shared action on a phone."""

from __future__ import annotations

from conftest import PASSWORD, rows, run
from playwright.sync_api import expect
from test_browser import browser_page  # noqa: F401 - the fixture

PHONE = {"width": 390, "height": 844}


def test_sumba_timur_reports_its_part_on_a_phone(live_server, accounts, browser_page):  # noqa: F811
    from tracker.accounts.users import add_user

    run(add_user("sumba-timur", "secretariat", PASSWORD, ["sumba-timur"], "Sek. Sumba Timur"))
    page = browser_page
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server}/login")
    page.fill("input[name=username]", "sumba-timur")
    page.fill("input[name=password]", PASSWORD)
    page.click("form.login button")
    expect(page).to_have_url(f"{live_server}/aksi")
    # Aksi saya lists its part of PM-01, not the whole action shared with four others.
    part_link = page.locator("a.part-tag", has_text="Sumba Timur").first
    expect(part_link).to_be_visible()
    part_link.click()
    expect(page.locator("h1")).to_contain_text("PM-01")
    expect(page.locator("#parts table")).to_be_visible()
    expect(page.locator(".part-chosen")).to_contain_text("Sumba Timur")

    page.select_option("select[name=status]", "in_progress")
    page.fill("input[name=percent]", "60")
    page.fill("textarea[name=note]", "Pembinaan calon perantau di Waingapu")
    page.click("form.update-form button[type=submit]")

    expect(page.locator("#update-area .flash")).to_contain_text("Laporan kemajuan tersimpan.")
    row = page.locator("#part-sumba-timur")
    expect(row).to_contain_text("Berjalan")
    expect(row).to_contain_text("60 %")
    expect(page.locator("#action-state")).to_contain_text("12 %")  # 60 / 5 parts
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"sideways scroll: {width}px"
    [update] = rows("update")
    part = next(p for p in rows("part") if p["id"] == update["part"])
    assert (part["key"], update["percent"]) == ("sumba-timur", 60)
