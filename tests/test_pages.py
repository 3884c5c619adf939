"""Every page of every role, in both languages, in a real browser at phone and
desk widths: no sideways scroll, and no serious or critical axe-core violation.

axe-core is vendored under tests/vendor (from the npm registry) and injected into
Debian's Chromium through Playwright. Screenshots of every page are kept in
test-artifacts/screenshots (or TRACKER_SCREENSHOTS) for a reviewer to look at.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import PASSWORD, SHOTS, csrf, login, run
from playwright.sync_api import sync_playwright
from test_browser import CHROMIUM

AXE = (Path(__file__).parent / "vendor" / "axe-core.min.js").read_text()
WIDTHS = (360, 390, 1280)
AXE_WIDTHS = (390, 1280)

DOC = "/d/harmoni-bali-ntt"
READ_PAGES = [
    "/",
    DOC,
    f"{DOC}/PM-01",
    "/status",
    "/status/d/harmoni-bali-ntt",
    "/status?party=ntt&late=1",
    "/rakor",
    "/rakor/{final}/v/1",
    "/d/tidak-ada",  # the error page
]
OWN_PAGES = ["/notifikasi", "/profil", "profile-error"]
PAGES = {
    "admin": [
        *READ_PAGES,
        *OWN_PAGES,
        "/aksi",
        "/rakor/baru",
        "/rakor/{draft}",
        "/admin/audit",
        "/admin/outbox",
        "/admin/outbox?status=failed",
        "import",
    ],
    "ntt": [*READ_PAGES, *OWN_PAGES, "/aksi", "import"],
    "viewer": [*READ_PAGES, *OWN_PAGES],
    "notulis": [*READ_PAGES, *OWN_PAGES, "/rakor/baru", "/rakor/{draft}"],
    None: ["/login", "/login?next=/status", "{unsubscribe}", "/berhenti/1.digest.rusak"],
}
CSV_ROW = "document,action,status,percent,note\nharmoni-bali-ntt,PM-01,in_progress,40,Pelatihan di Waingapu\n"


@pytest.fixture
def meetings(client, accounts) -> dict[str, str]:
    """A finalized meeting (its minutes) and a draft, made through the web forms."""
    from test_meetings import MEETING, create

    login(client, "notulis")
    final = create(client)
    response = client.post(
        f"/rakor/{final}/final", data={"_csrf_token": csrf(client)}, follow_redirects=False
    )
    assert response.status_code == 303, response.text
    draft = create(client, title="Rapat persiapan", date="2026-12-10", **_no_conflict(MEETING))
    return {"final": final, "draft": draft, "unsubscribe": run(_notifications())}


async def _notifications() -> str:
    """Something on every Notifikasi page and in the outbox (one failed, with a
    long reason); the path of an unsubscribe link."""
    import datetime as dt

    from tracker.accounts.secrets import shared_secret
    from tracker.accounts.tables import User
    from tracker.notifications import profile
    from tracker.notifications.tables import Notification, Outbox

    now = dt.datetime.now(dt.UTC)
    users = await User.select(User.id, User.username).run()
    for u in users:
        await Notification.insert(
            *(
                Notification(
                    recipient=u["id"],
                    kind=kind,
                    subject_key="action:1",
                    for_date=dt.date(2026, 8, 24),
                    title="PM-01 jatuh tempo dalam 7 hari: Pembinaan calon perantau agar mampu beradaptasi serta menaati hukum",
                    body="Dengan hormat, kami mengingatkan bahwa rencana aksi berikut jatuh tempo dalam 7 hari.",
                    link="/d/harmoni-bali-ntt/PM-01",
                    created_at=now,
                )
                for kind in ("reminder.before7", "reminder.late")
            )
        ).run()
        await Outbox.insert(
            Outbox(
                kind="reminder.late",
                subject_key="action:1",
                recipient=u["id"],
                for_date=dt.date(2026, 8, 24),
                to_address=f"{u['username']}.dengan.alamat.yang.cukup.panjang@pemerintah-provinsi.example.go.id",
                language="id",
                subject="[Terlambat] PM-01 melewati tenggat Senin, 24 Agustus 2026",
                body_text="-",
                body_html="-",
                unsubscribe_url="-",
                status="failed",
                attempts=10,
                next_attempt_at=now,
                created_at=now,
                last_error="550 5.1.1 <x@example.go.id>: Recipient address rejected: User unknown in virtual mailbox table",
            )
        ).run()
    viewer = next(u["id"] for u in users if u["username"] == "viewer")
    return "/berhenti/" + profile.unsubscribe_token(await shared_secret(), viewer, "digest")


def _no_conflict(meeting: dict) -> dict:
    return {"place": meeting["place"] + " (persiapan)"}


def _audit(page, url: str) -> list[str]:
    """Problems on the loaded page at each width: sideways scroll, axe violations."""
    problems = []
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        scroll = page.evaluate("document.scrollingElement.scrollWidth")
        if scroll > width:
            problems.append(f"{url} at {width} px is {scroll} px wide")
        if width in AXE_WIDTHS:
            if not page.evaluate("typeof axe !== 'undefined'"):
                page.evaluate(AXE)
            violations = page.evaluate(
                "axe.run(document, {resultTypes: ['violations']}).then(r => r.violations"
                ".filter(v => ['serious', 'critical'].includes(v.impact))"
                ".map(v => v.id + ': ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')))"
            )
            problems += [f"{url} at {width} px: {v}" for v in violations]
    return problems


def _open(page, base: str, path: str, tmp_path: Path) -> None:
    if path == "profile-error":  # the profile form with its error summary
        page.goto(f"{base}/profil")
        page.fill("input[name=email]", "bukan alamat")
        page.locator("form.profile-form button[type=submit]").click()
        page.wait_for_load_state()
    elif path == "import":  # the CSV preview exists only after an upload
        page.goto(f"{base}/aksi")
        page.click("details.import summary")
        upload = tmp_path / "aksi.csv"
        upload.write_text(CSV_ROW, encoding="utf-8")
        page.set_input_files("input[type=file][name=file]", str(upload))
        page.locator("form[action='/aksi/import'] button[type=submit]").click()
        page.wait_for_load_state()
    else:
        page.goto(base + path)
    page.wait_for_load_state("networkidle")


@pytest.mark.parametrize("role", ["admin", "ntt", "viewer", "notulis", None])
def test_every_page_fits_a_phone_and_passes_axe(live_server, meetings, role, tmp_path) -> None:
    problems: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        context = browser.new_context(viewport={"width": 390, "height": 800})
        page = context.new_page()
        page.set_default_timeout(15_000)
        if role:
            page.goto(f"{live_server}/login")
            page.fill("input[name=username]", role)
            page.fill("input[name=password]", PASSWORD)
            page.click("form.login button")
            page.wait_for_load_state()
        for lang in ("id", "en"):
            context.add_cookies([{"name": "lang", "value": lang, "url": live_server}])
            for template in PAGES[role]:
                path = template.format(**meetings)
                _open(page, live_server, path, tmp_path)
                assert page.locator("html").get_attribute("lang") == lang
                problems += _audit(page, f"{path} ({lang})")
                name = f"{role or 'anon'}-{lang}-{path.strip('/').replace('/', '_') or 'index'}"
                page.set_viewport_size({"width": 390, "height": 800})
                page.screenshot(path=SHOTS / f"{name[:120]}-390.png", full_page=True)
        browser.close()
    assert problems == [], "\n".join(problems)
