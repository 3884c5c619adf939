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


def test_a_governors_office_follows_bali_region_by_region_on_a_phone(
    live_server,
    accounts,
    agreements,
    browser_page,  # noqa: F811
):
    """The status page of an action broken down into Bali's nine kabupaten/kota:
    the per-region table, the breakdown under the action, then one region by
    the filter, all at phone width without sideways scroll."""
    from conftest import sync
    from test_region_status import FILE
    from test_sync import write

    assert sync(write(agreements, FILE)).ok
    page = browser_page
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server}/login")
    page.fill("input[name=username]", "viewer")
    page.fill("input[name=password]", PASSWORD)
    page.click("form.login button")
    page.goto(f"{live_server}/status/d/uji-wilayah")
    regions = page.locator("#regions")
    expect(regions).to_contain_text("Kabupaten Badung")
    expect(regions.locator("tbody tr")).to_have_count(9)
    breakdown = page.locator("details.regions").first
    expect(breakdown).to_contain_text("Wilayah: 0 dari 9 selesai")
    breakdown.locator("summary").click()
    expect(breakdown.locator("li")).to_have_count(9)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"sideways scroll: {width}px"
    page.select_option("select[name=region]", "51.03")
    expect(page).to_have_url(f"{live_server}/status/d/uji-wilayah?region=51.03")
    expect(page.locator("#regions tbody tr")).to_have_count(1)
    expect(page.locator("table.actions tbody tr")).to_have_count(1)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"sideways scroll: {width}px"
