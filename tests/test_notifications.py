"""Reminders, digests and expiry notices: planned into the outbox, sent to a
real SMTP server (aiosmtpd in process), exactly once, in the user's language."""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from conftest import DATABASE_URL, PASSWORD, ROOT, csrf, free_port, login, rows, run, sync
from mailserver import MailServer

from tracker.notifications import calendar, planner

D = dt.date
CRAFTED = """\
---
id: uji-pengingat
type: agreement
title: "Kesepakatan Uji Pengingat"
signed: 2026-01-28
valid_until: {valid_until}
parties:
  bali: Pemerintah Provinsi Bali
  ntt: Pemerintah Provinsi Nusa Tenggara Timur
  kupang: Pemerintah Kota Kupang
---

# Kesepakatan Uji Pengingat

## 1. Pilar satu

{actions}
"""


def agreement(
    folder: Path, actions: dict[str, tuple[str, str, str | None]], valid_until="2027-12-31"
) -> Path:
    """A file of actions {code: (due, owner, with)}."""
    lines = []
    for code, (due, owner, with_) in actions.items():
        lines.append(f"- [ ] **{code}** Aksi {code} untuk diuji\n  - owner: {owner}")
        if with_:
            lines.append(f"  - with: {with_}")
        if due:
            lines.append(f"  - due: {due}")
    path = folder / "uji.md"
    path.write_text(CRAFTED.format(actions="\n".join(lines), valid_until=valid_until))
    report = sync(path, folder=folder)
    assert report.ok, report.as_dict()
    return path


def add_user(name, role, parties=(), email=None, language="id", choices=None):
    from tracker.accounts.users import add_user as add
    from tracker.notifications import profile

    async def go():
        user_id = await add(name, role, PASSWORD, list(parties), f"Pengguna {name}")
        await profile.save(
            user_id, email=email or "", language=language, choices=choices, actor="t", address="t"
        )
        return user_id

    return run(go())


@pytest.fixture
def mail(monkeypatch):
    with MailServer(free_port()) as server:
        monkeypatch.setenv("TRACKER_SMTP_URL", server.url)
        monkeypatch.setenv("TRACKER_MAIL_FROM", "Pemantau <pemantau@example.org>")
        monkeypatch.setenv("TRACKER_BASE_URL", "https://pantau.example.org")
        yield server


def unsubscribe_url(message) -> str:
    return "".join(str(message["List-Unsubscribe"]).split()).strip("<>")


def notify(day: D | None = None, **kwargs):
    from tracker.notifications import runner

    return run(runner.run_once(day, **kwargs))


def cli(*args: str, env: dict | None = None, **popen) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "tracker", *args],
        cwd=ROOT,
        env={**os.environ, "TRACKER_DATABASE": DATABASE_URL, **(env or {})},
        capture_output=True,
        text=True,
        timeout=120,
        **popen,
    )


# ---------------------------------------------------------------- the calendar


def test_working_days_come_from_the_indonesian_calendar():
    assert calendar.holiday_name(D(2026, 8, 17))  # Independence Day (a Monday)
    assert not calendar.is_working_day(D(2026, 8, 17))
    assert not calendar.is_working_day(D(2026, 8, 15))  # Saturday
    assert calendar.is_working_day(D(2026, 8, 18))
    # 7 days before Mon 24 Aug is the holiday: the Friday before.
    assert calendar.before(D(2026, 8, 24), 7) == D(2026, 8, 14)
    # 1 day before Mon 4 May is a Sunday; Friday 1 May is Labour Day: Thursday.
    assert calendar.before(D(2026, 5, 4), 1) == D(2026, 4, 30)
    # Late after Friday 14 Aug: Monday 17 is a holiday, so Tuesday.
    assert calendar.first_working_day_after(D(2026, 8, 14)) == D(2026, 8, 18)


def test_reminder_days():
    due = D(2026, 8, 18)  # the Tuesday after Independence Day
    days = {d: planner.reminder_kind(due, d) for d in (D(2026, 8, n) for n in range(9, 31))}
    sent = {d: k for d, k in days.items() if k}
    assert sent[D(2026, 8, 11)] == "reminder.before7"
    assert sent[D(2026, 8, 14)] == "reminder.before1"  # Mon 17 is the holiday
    assert sent[D(2026, 8, 19)] == "reminder.late"
    assert D(2026, 8, 17) not in sent and D(2026, 8, 18) not in sent
    # The late reminder stays due (once, by its key) for a catch-up run...
    assert planner.reminder_kind(due, D(2026, 8, 30)) == "reminder.late"
    # ...but not forever: long-late actions are in the digest instead.
    assert planner.reminder_kind(due, D(2026, 9, 30)) is None


# ---------------------------------------------------------------- reminders


def test_reminders_on_a_crafted_calendar(mail, agreements, seeded):
    agreement(
        agreements,
        {
            "A-01": ("2026-08-24", "ntt", "bali"),  # Monday after the holiday week
            "A-02": ("2026-08-18", "ntt", None),  # the day after Independence Day
            "A-03": ("2026-08-14", "kupang", None),  # a Friday: late on Tuesday 18
        },
    )
    add_user("sek-ntt", "secretariat", ["ntt"], "ntt@example.org")
    add_user("sek-bali", "secretariat", ["bali"], "bali@example.org")
    add_user("sek-kupang", "secretariat", ["kupang"], "kupang@example.org")
    add_user("admin", "admin", email="admin@example.org")
    received: dict[D, list[tuple[str, str]]] = {}
    day = D(2026, 8, 3)
    while day <= D(2026, 8, 28):
        before = len(mail.recorder.messages)
        notify(day)
        notify(day)  # a second run the same day sends nothing more
        received[day] = sorted(
            (str(m["To"]).split("@")[0], str(m["X-Tracker-Kind"]))
            for m in mail.recorder.messages[before:]
            if m["X-Tracker-Kind"] != "digest"
        )
        day += dt.timedelta(days=1)
    got = {d: r for d, r in received.items() if r}
    assert got == {
        D(2026, 8, 7): [("kupang", "reminder.before7")],  # Friday 7 August
        D(2026, 8, 11): [("ntt", "reminder.before7")],
        D(2026, 8, 13): [("kupang", "reminder.before1")],
        D(2026, 8, 14): [
            ("bali", "reminder.before7"),
            ("ntt", "reminder.before1"),
            ("ntt", "reminder.before7"),
        ],
        D(2026, 8, 18): [("kupang", "reminder.late")],
        D(2026, 8, 19): [("ntt", "reminder.late")],
        D(2026, 8, 21): [("bali", "reminder.before1"), ("ntt", "reminder.before1")],
        # Tuesday 25 August is the Prophet's Birthday: late on Wednesday.
        D(2026, 8, 26): [("bali", "reminder.late"), ("ntt", "reminder.late")],
    }, got
    # The admin gets no deadline reminders; every message went out once.
    outbox = rows("outbox")
    assert all(r["status"] == "sent" and r["attempts"] == 1 for r in outbox)
    assert len(mail.recorder.messages) == len(outbox)


def test_catch_up_after_a_gap_sends_the_late_reminder_once(mail, agreements, seeded):
    agreement(agreements, {"A-02": ("2026-08-18", "ntt", None)})
    add_user("sek-ntt", "secretariat", ["ntt"], "ntt@example.org")
    # Nothing ran from 10 to 27 August; the reminders for those days are not sent.
    notify(D(2026, 8, 28))
    notify(D(2026, 8, 29))
    assert mail.recorder.kinds() == [("ntt@example.org", "reminder.late")]
    # A late action reported done gets nothing more (and a done one none at all).
    assert [n["kind"] for n in rows("notification")] == ["reminder.late"]


def test_a_done_action_gets_no_reminder(mail, agreements, seeded):
    agreement(agreements, {"A-01": ("2026-08-24", "ntt", None)})
    ntt = add_user("sek-ntt", "secretariat", ["ntt"], "ntt@example.org")
    post_done(ntt, "A-01")
    notify(D(2026, 8, 14))
    notify(D(2026, 8, 25))
    assert [k for _, k in mail.recorder.kinds() if k.startswith("reminder")] == []


def post_done(user_id: int, code: str, slug: str = "uji-pengingat") -> None:
    from tracker.accounts.users import load
    from tracker.progress import updates

    async def go():
        user = await load(user_id)
        form = updates.UpdateForm(
            status="done", percent="100", note="Selesai", links="https://example.org/bukti.pdf"
        )
        await updates.post_update(user, slug, code, form, [], "test")

    run(go())


def this_monday() -> D:
    """A Monday whose past week includes now (updates are stamped with the real time)."""
    today = calendar.wita_now().date()
    return today + dt.timedelta(days=(7 - today.weekday()) % 7)


def test_weekly_digest(mail, agreements, seeded):
    monday = this_monday()
    day = lambda n: (monday + dt.timedelta(days=n)).isoformat()  # noqa: E731
    agreement(
        agreements,
        {
            "D-01": (day(-3), "ntt", None),  # became late this week
            "D-02": (day(-30), "ntt", "bali"),  # still late
            "D-03": (day(10), "ntt", None),  # due in 30 days
            "D-04": (day(5), "bali", None),  # done this week
            "D-05": (day(60), "kupang", None),  # nothing to say (but stale: never updated)
        },
    )
    add_user("sek-ntt", "secretariat", ["ntt"], "ntt@example.org")
    bali = add_user("sek-bali", "secretariat", ["bali"], "bali@example.org", language="en")
    add_user("gubernur", "viewer", email="gub@example.org", choices={"digest": True})
    add_user("peninjau", "viewer", email="view@example.org")  # has not chosen the digest
    post_done(bali, "D-04")
    notify(monday)
    by_to = {str(m["To"]): m for m in mail.recorder.messages if m["X-Tracker-Kind"] == "digest"}
    assert set(by_to) == {"ntt@example.org", "bali@example.org", "gub@example.org"}

    def text(m):
        return m.get_body(("plain",)).get_content()

    ntt_text = text(by_to["ntt@example.org"])
    assert "Ringkasan mingguan" in str(by_to["ntt@example.org"]["Subject"])
    became, still = ntt_text.index("Menjadi terlambat"), ntt_text.index("Masih terlambat")
    assert "D-01" in ntt_text[became:still] and "D-02" in ntt_text[still:]
    assert "D-03" in ntt_text.split("Jatuh tempo dalam 30 hari")[1]
    assert "D-04" not in ntt_text and "D-05" not in ntt_text  # not NTT's actions
    assert "https://pantau.example.org/d/uji-pengingat/D-01" in ntt_text
    assert "https://pantau.example.org/status?party=ntt" in ntt_text  # per party
    # The secretariat of Bali, in English: its done action with the evidence link.
    bali_text = text(by_to["bali@example.org"])
    assert "Weekly agreement tracking digest" in str(by_to["bali@example.org"]["Subject"])
    done = bali_text.split("Done this week")[1]
    assert "D-04" in done and "/d/uji-pengingat/D-04#update-" in done
    assert "D-02" in bali_text.split("Still late")[1]  # Bali is `with` on D-02
    # The governor's office sees everything, per document, each line a link.
    gub = by_to["gub@example.org"]
    html = gub.get_body(("html",)).get_content()
    for code in ("D-01", "D-02", "D-03", "D-04", "D-05"):
        assert f'href="https://pantau.example.org/d/uji-pengingat/{code}"' in html
    assert "Kesepakatan Uji Pengingat" in html
    # Planned again on Tuesday: the same Monday's digest, stored once.
    notify(monday + dt.timedelta(days=1))
    assert len([m for m in mail.recorder.messages if m["X-Tracker-Kind"] == "digest"]) == 3


def test_digest_line_without_a_deadline_says_so_once(mail, agreements, seeded):
    """An action with no due date: its line says "no deadline" without the
    "Due" label in front of it ("Tenggat Tenggat belum ditetapkan")."""
    agreement(agreements, {"N-01": (None, "ntt", None), "N-02": ("2099-01-01", "ntt", None)})
    add_user("sek-ntt", "secretariat", ["ntt"], "ntt@example.org")
    add_user("sek-ntt-en", "secretariat", ["ntt"], "en@example.org", language="en")
    notify(this_monday())
    digests = {str(m["To"]): m for m in mail.recorder.messages if m["X-Tracker-Kind"] == "digest"}
    for to, label, none, date in (
        ("ntt@example.org", "Tenggat", "Tenggat belum ditetapkan", "1 Januari 2099"),
        ("en@example.org", "Due", "No deadline set yet", "1 January 2099"),
    ):
        for part in ("plain", "html"):
            body = digests[to].get_body((part,)).get_content()
            assert f"N-01 Aksi N-01 untuk diuji</a> · {none} ·" in body or (
                f"N-01 Aksi N-01 untuk diuji · {none} ·" in body
            ), body
            assert f"{label} {none}" not in body
            assert f"{label} {date}" in body  # a dated line keeps its label


def test_expiry_notices(mail, agreements, seeded):
    agreement(agreements, {"E-01": ("2027-01-01", "ntt", None)}, valid_until="2026-12-31")
    add_user("sek-ntt", "secretariat", ["ntt"], "ntt@example.org")
    add_user("sek-bali", "secretariat", ["bali"], "bali@example.org")  # a party of the file
    add_user("admin", "admin", email="admin@example.org")
    add_user("peninjau", "viewer", email="view@example.org")
    # 90 days before 31 December is Friday 2 October; 30 days before is Tuesday 1 December.
    for day in (D(2026, 10, 1), D(2026, 10, 2), D(2026, 10, 3), D(2026, 12, 1)):
        notify(day)
    kinds = [(to, k) for to, k in mail.recorder.kinds() if k.startswith("expiry")]
    assert kinds == sorted(
        (to, k)
        for to in ("admin@example.org", "bali@example.org", "ntt@example.org")
        for k in ("expiry.30", "expiry.90")
    )


def test_message_is_multipart_formal_in_the_users_language_with_unsubscribe_headers(
    mail, agreements, seeded
):
    agreement(agreements, {"A-01": ("2026-08-24", "ntt", "bali")})
    add_user("sek-ntt", "secretariat", ["ntt"], "ntt@example.org")
    add_user("sek-bali", "secretariat", ["bali"], "bali@example.org", language="en")
    notify(D(2026, 8, 26))  # Tuesday 25 is the Prophet's Birthday
    by_to = {str(m["To"]): m for m in mail.recorder.messages if m["X-Tracker-Kind"] != "digest"}
    ntt, bali = by_to["ntt@example.org"], by_to["bali@example.org"]
    assert ntt.get_content_type() == "multipart/alternative"
    assert [p.get_content_type() for p in ntt.iter_parts()] == ["text/plain", "text/html"]
    assert str(ntt["Subject"]) == "[Terlambat] A-01 melewati tenggat Senin, 24 Agustus 2026"
    text = ntt.get_body(("plain",)).get_content()
    assert text.startswith("Yth. Bapak/Ibu Pengguna sek-ntt,")
    assert "Hormat kami," in text
    assert str(bali["Subject"]) == "[Late] A-01 passed its deadline of Monday, 24 August 2026"
    assert bali.get_body(("plain",)).get_content().startswith("Dear Pengguna sek-bali,")
    assert str(ntt["List-Unsubscribe-Post"]) == "List-Unsubscribe=One-Click"
    url = unsubscribe_url(ntt)
    assert url.startswith("https://pantau.example.org/berhenti/") and url in text
    assert str(ntt["From"]) == "Pemantau <pemantau@example.org>"
    assert str(ntt["Message-ID"]).startswith("<outbox-")


def test_late_reminder_names_the_deadline_not_a_day_it_was_late_on(mail, agreements, seeded):
    """Late means the due date has passed (`status.is_late`): due Monday 30
    November, the action is late from 1 December, so the reminder names the
    deadline rather than saying "late since 30 November"."""
    agreement(agreements, {"L-01": ("2026-11-30", "ntt", None)})
    add_user("sek-ntt", "secretariat", ["ntt"], "ntt@example.org")
    add_user("sek-ntt-en", "secretariat", ["ntt"], "en@example.org", language="en")
    notify(D(2026, 12, 1))
    titles = sorted(n["title"] for n in rows("notification") if n["kind"] == "reminder.late")
    assert titles == [
        "L-01 is late (due Monday, 30 November 2026): Aksi L-01 untuk diuji",
        "L-01 terlambat (tenggat Senin, 30 November 2026): Aksi L-01 untuk diuji",
    ]
    by_to = {
        str(m["To"]): m.get_body(("plain",)).get_content()
        for m in mail.recorder.messages
        if m["X-Tracker-Kind"] == "reminder.late"
    }
    assert "terlambat sejak" not in by_to["ntt@example.org"]
    assert "late since" not in by_to["en@example.org"]
    assert "bertenggat Senin, 30 November 2026, kini terlambat" in by_to["ntt@example.org"]
    assert "due on Monday, 30 November 2026, is now late" in by_to["en@example.org"]


def test_unsubscribe_without_login(mail, agreements, seeded, client):
    agreement(
        agreements, {"A-01": ("2026-08-24", "ntt", None), "A-02": ("2026-09-24", "ntt", None)}
    )
    add_user("sek-ntt", "secretariat", ["ntt"], "ntt@example.org")
    notify(D(2026, 8, 14))
    message = mail.recorder.messages[0]
    path = unsubscribe_url(message).removeprefix("https://pantau.example.org")
    page = client.get(path)
    assert page.status_code == 200 and "sek-ntt" in page.text and "pengingat tenggat" in page.text
    # A mail program's one-click POST: no login, no CSRF token.
    response = client.post(
        path,
        content=b"List-Unsubscribe=One-Click",
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    assert response.status_code == 200, response.text
    assert "tidak akan lagi menerima pengingat tenggat" in response.text
    # A forged or mangled token changes nothing.
    assert client.get(path[:-3] + "AAA").status_code == 404
    assert client.post(path.replace("reminder", "digest")).status_code == 404
    # Reminders now only reach the Notifikasi page.
    before = len(mail.recorder.messages)
    notify(D(2026, 9, 17))
    assert len(mail.recorder.messages) == before
    assert [n["kind"] for n in rows("notification")][-1] == "reminder.before7"
    # ...while the digest is still mailed.
    notify(D(2026, 9, 21))
    assert [str(m["X-Tracker-Kind"]) for m in mail.recorder.messages[before:]] == ["digest"]


def test_an_unsubscribe_by_mistake_is_undone_from_the_same_link(mail, agreements, seeded, client):
    """The page after unsubscribing, and the link opened again later, offer
    to receive that kind again: no login, no one else's help."""
    agreement(
        agreements, {"A-01": ("2026-08-24", "ntt", None), "A-02": ("2026-09-24", "ntt", None)}
    )
    add_user("sek-ntt", "secretariat", ["ntt"], "ntt@example.org")
    notify(D(2026, 8, 14))
    path = unsubscribe_url(mail.recorder.messages[0]).removeprefix("https://pantau.example.org")
    done = client.post(path)
    assert "Tidak sengaja berhenti berlangganan?" in done.text
    assert f'action="{path}/lagi"' in done.text
    later = client.get(path)  # the link again: already off, so it offers to undo
    assert later.status_code == 200 and f'action="{path}/lagi"' in later.text
    assert f'action="{path}"' not in later.text
    again = client.post(path + "/lagi")
    assert again.status_code == 200
    assert "Akun sek-ntt akan kembali menerima pengingat tenggat melalui email." in again.text
    assert f'action="{path}"' in client.get(path).text  # on again: the link offers to stop
    assert client.post(path[:-3] + "AAA/lagi").status_code == 404  # a mangled token: nothing
    before = len(mail.recorder.messages)
    notify(D(2026, 9, 17))
    assert [str(m["X-Tracker-Kind"]) for m in mail.recorder.messages[before:]] == [
        "reminder.before7"
    ]


def test_unsubscribe_page_speaks_the_language_of_the_mail(mail, agreements, seeded, client):
    """The link of an English mail opens an English page (the reader's own
    choice of language, the switch's cookie, still wins)."""
    agreement(agreements, {"A-01": ("2026-08-24", "ntt", None)})
    add_user("sek-en", "secretariat", ["ntt"], "en@example.org", language="en")
    notify(D(2026, 8, 14))
    path = unsubscribe_url(mail.recorder.messages[0]).removeprefix("https://pantau.example.org")
    asked = client.get(path)
    assert asked.status_code == 200 and '<html lang="en"' in asked.text
    assert "Stop receiving deadline reminders by email for the account sek-en?" in asked.text
    client.cookies.set("lang", "id")
    assert "Berhenti menerima pengingat tenggat" in client.get(path).text
    client.cookies.clear()
    done = client.post(path)
    assert "The account sek-en will no longer receive deadline reminders" in done.text


def test_profile_page(client, accounts):
    login(client, "ntt")
    page = client.get("/profil")
    assert page.status_code == 200 and 'type="email"' in page.text
    bad = client.post(
        "/profil",
        data={
            "email": "ntt at baliprov",
            "language": "id",
            "choice": ["digest"],
            "_csrf_token": csrf(client),
        },
    )
    assert bad.status_code == 422
    assert 'class="error-summary"' in bad.text and 'href="#f-email"' in bad.text
    assert "Alamat email tidak valid" in bad.text and 'aria-invalid="true"' in bad.text
    good = client.post(
        "/profil",
        data={
            "email": " sek@nttprov.go.id ",
            "language": "en",
            "choice": ["digest"],
            "_csrf_token": csrf(client),
        },
        follow_redirects=False,
    )
    assert good.status_code == 303
    from tracker.notifications import profile

    user = [u for u in rows("tracker_user") if u["username"] == "ntt"][0]
    p = run(profile.load(user["id"]))
    assert (p.email, p.language) == ("sek@nttprov.go.id", "en")
    assert p.wants("digest") and not p.wants("reminder") and not p.wants("expiry")
    # No CSRF token: refused.
    assert client.post("/profil", data={"email": "", "language": "id"}).status_code == 403


def test_notifications_page_counts_and_reads(client, agreements, seeded, monkeypatch):
    monkeypatch.delenv("TRACKER_SMTP_URL", raising=False)
    agreement(agreements, {"A-01": ("2026-08-24", "ntt", None)})
    add_user("sek-ntt", "secretariat", ["ntt"])  # no address: the tracker still tells
    notify(D(2026, 8, 14))
    notify(D(2026, 8, 21))
    login(client, "sek-ntt")
    page = client.get("/profil")
    assert 'class="nav-count"' in page.text and "2 belum dibaca" in page.text
    listing = client.get("/notifikasi")
    assert "A-01 jatuh tempo dalam 10 hari" in listing.text  # 14 Aug to 24 Aug
    assert "A-01 jatuh tempo dalam 3 hari" in listing.text
    assert listing.text.count('class="unread"') == 2
    assert 'href="/d/uji-pengingat/A-01"' in listing.text
    again = client.get("/notifikasi")
    assert 'class="unread"' not in again.text and 'class="nav-count"' not in again.text
    assert rows("outbox") == []  # nothing to mail to


def test_the_page_that_reads_them_counts_none_unread_in_its_header(
    client, agreements, seeded, monkeypatch
):
    """Opening Notifikasi marks what it shows as read, yet its own header still
    said "2 belum dibaca": the count was the one read before the page marked
    them. The header now counts what is left; the rows keep their "Baru"."""
    monkeypatch.delenv("TRACKER_SMTP_URL", raising=False)
    agreement(agreements, {"A-01": ("2026-08-24", "ntt", None)})
    add_user("sek-ntt", "secretariat", ["ntt"])
    notify(D(2026, 8, 14))
    notify(D(2026, 8, 21))
    login(client, "sek-ntt")
    listing = client.get("/notifikasi").text
    assert listing.count('class="unread"') == 2  # new to this reader
    assert 'class="nav-count"' not in listing and "belum dibaca" not in listing


def test_notifications_page_speaks_the_interface_language_not_the_mails(
    client, agreements, seeded, monkeypatch
):
    """A reader whose mail is in Indonesian reads the page in English once
    the interface is English, and back; a row written before notifications
    kept every language shows as it was stored."""
    monkeypatch.delenv("TRACKER_SMTP_URL", raising=False)
    agreement(agreements, {"A-01": ("2026-08-24", "ntt", None)})
    add_user("sek-ntt", "secretariat", ["ntt"], language="id")
    notify(D(2026, 8, 14))
    run(_notifications_and_mail("sek-ntt", 1))  # as rows were written before: no texts
    login(client, "sek-ntt")
    client.get("/lang/en", follow_redirects=False)
    english = client.get("/notifikasi").text
    assert "A-01 is due in 10 days" in english
    assert "This is a reminder that the following action is due in 10 days" in english
    assert "jatuh tempo dalam 10 hari" not in english
    assert "Pesan 00" in english  # an old row: as stored
    client.get("/lang/id", follow_redirects=False)
    indonesian = client.get("/notifikasi").text
    assert "A-01 jatuh tempo dalam 10 hari" in indonesian and "is due in" not in indonesian


async def _notifications_and_mail(username: str, count: int) -> None:
    """`count` notifications for `username` and `count` outbox rows, oldest first."""
    from tracker.accounts.tables import User
    from tracker.notifications.tables import Notification, Outbox

    user_id = (await User.select(User.id).where(User.username == username).first().run())["id"]
    now = dt.datetime.now(dt.UTC)
    common = {"kind": "reminder.before7", "for_date": D(2026, 8, 24), "created_at": now}
    await Notification.insert(
        *(
            Notification(
                recipient=user_id,
                subject_key=f"action:{i}",
                title=f"Pesan {i:02}",
                body="Isi",
                link="/aksi",
                **common,
            )
            for i in range(count)
        )
    ).run()
    await Outbox.insert(
        *(
            Outbox(
                subject_key=f"action:{i}",
                recipient=user_id,
                to_address="ntt@example.org",
                language="id",
                subject=f"Surat {i:02}",
                body_text="Isi",
                body_html="<p>Isi</p>",
                unsubscribe_url="",
                next_attempt_at=now,
                **common,
            )
            for i in range(count)
        )
    ).run()


def test_a_page_past_the_end_shows_the_last_page(as_user):
    """?page=999 of a list with two pages shows the second, as `/` and
    "Aksi saya" do, never "no notifications" to someone who has 35."""
    run(_notifications_and_mail("ntt", 35))
    client = as_user("ntt")
    past = client.get("/notifikasi?page=999")
    assert past.status_code == 200
    assert "Belum ada notifikasi" not in past.text
    assert "Halaman 2 dari 2 (35 pesan)" in past.text
    assert "Pesan 00" in past.text and "Pesan 09" in past.text and "Pesan 10" not in past.text
    assert 'href="/notifikasi?page=1"' in past.text and "page=3" not in past.text
    # What it showed is read (the ten oldest).
    assert sum(1 for n in rows("notification") if n["read_at"] is not None) == 10
    admin = as_user("admin")
    outbox = admin.get("/admin/outbox?page=999&status=pending")
    assert "Tidak ada pesan." not in outbox.text
    assert "Halaman 2 dari 2 (35 pesan)" in outbox.text and "Surat 09" in outbox.text
    assert 'href="/admin/outbox?page=1&amp;status=pending"' in outbox.text


def test_admin_outbox_says_mail_is_off_and_retries_a_failure(
    client, accounts, agreements, monkeypatch
):
    monkeypatch.delenv("TRACKER_SMTP_URL", raising=False)
    agreement(agreements, {"A-01": ("2026-08-24", "ntt", None)})
    add_user("sek-ntt", "secretariat", ["ntt"], "ntt@example.org")
    report = notify(D(2026, 8, 14))
    assert report.mail == "off" and report.planned.mails == 1
    login(client, "admin")
    page = client.get("/admin/outbox")
    assert "Email tidak aktif" in page.text and "ntt@example.org" in page.text
    assert "Menunggu" in page.text
    run(_fail_all())
    failed = client.get("/admin/outbox?status=failed")
    assert "550 no such user" in failed.text
    # A mistyped status is named, not answered with every message as "All".
    mistyped = client.get("/admin/outbox?status=gagal")
    assert mistyped.status_code == 400
    assert "Status tidak dikenal: gagal" in mistyped.text
    assert "550 no such user" not in mistyped.text  # a bare "550" can be in a CSRF token
    assert client.get("/admin/outbox?status=").status_code == 200  # the form's "all"
    outbox_id = rows("outbox")[0]["id"]
    response = client.post(
        f"/admin/outbox/{outbox_id}/retry",
        data={"_csrf_token": csrf(client)},
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert rows("outbox")[0]["status"] == "pending"
    assert (
        client.post("/admin/outbox/99999/retry", data={"_csrf_token": csrf(client)}).status_code
        == 404
    )
    login(client, "viewer")
    assert client.get("/admin/outbox").status_code == 403


async def _fail_all():
    from tracker.notifications.tables import Outbox

    await Outbox.update(
        {Outbox.status: "failed", Outbox.last_error: "550 no such user"}, force=True
    ).run()


# ---------------------------------------------------------------- exactly once
# (A-01 due Monday 24 August: its late reminder is caught up on Thursday 27,
# a day without a digest.)


def test_a_waiting_message_goes_to_its_recipient_as_they_are_now(mail, agreements, seeded):
    """Planned, then changed before it is sent: a new address is used, and a
    recipient who turned reminders off or whose account was disabled is not
    mailed (the reason stays on the row; *Kirim ulang* checks again)."""
    from tracker.accounts import users
    from tracker.notifications import inbox, mailer, profile

    agreement(agreements, {"A-01": ("2026-08-24", "ntt", None)})
    moved = add_user("sek-ntt", "secretariat", ["ntt"], "old@example.org")
    quiet = add_user("sek-2", "secretariat", ["ntt"], "quiet@example.org")
    add_user("sek-3", "secretariat", ["ntt"], "gone@example.org")
    notify(D(2026, 8, 27), send=False)
    assert {r["to_address"] for r in rows("outbox")} == {
        "old@example.org",
        "quiet@example.org",
        "gone@example.org",
    }
    run(profile.save(moved, email="new@example.org", actor="t", address="t"))
    run(profile.save(quiet, choices={"reminder": False}, actor="t", address="t"))
    run(users.disable("sek-3"))
    sender = mailer.Sender(mailer.SmtpConfig.from_settings())
    report = run(sender.send_pending())
    assert report.sent == 1 and report.failed == 2
    assert mail.recorder.kinds() == [("new@example.org", "reminder.late")]
    by_to = {r["to_address"]: r for r in rows("outbox")}
    assert by_to["new@example.org"]["status"] == "sent"
    assert by_to["quiet@example.org"]["status"] == "failed"
    assert "turned off reminder mail" in by_to["quiet@example.org"]["last_error"]
    assert "disabled" in by_to["gone@example.org"]["last_error"]
    # Sent again by hand after the address was fixed: to the fixed address.
    run(
        profile.save(
            quiet, email="fixed@example.org", choices={"reminder": True}, actor="t", address="t"
        )
    )
    assert run(inbox.retry(by_to["quiet@example.org"]["id"], "admin", "t"))
    assert run(sender.send_pending()).sent == 1
    assert ("fixed@example.org", "reminder.late") in mail.recorder.kinds()


def test_tracker_notify_twice_sends_once(mail, agreements, seeded):
    agreement(agreements, {"A-01": ("2026-08-24", "ntt", "bali")})
    add_user("sek-ntt", "secretariat", ["ntt"], "ntt@example.org")
    add_user("sek-bali", "secretariat", ["bali"], "bali@example.org")
    first = cli("notify", "--today", "2026-08-27")
    assert first.returncode == 0, first.stderr
    assert "sent 2," in first.stdout
    second = cli("notify", "--today", "2026-08-27")
    assert second.returncode == 0 and "new: 0 notification(s), 0 mail(s)" in second.stdout
    assert "sent 0," in second.stdout
    assert mail.recorder.kinds() == [
        ("bali@example.org", "reminder.late"),
        ("ntt@example.org", "reminder.late"),
    ]


def _many(agreements, count: int) -> None:
    """`count` late reminders: one action, `count` secretariats of its party."""
    agreement(agreements, {"A-01": ("2026-08-24", "ntt", None)})

    async def users():
        from tracker.accounts.tables import User, UserParty
        from tracker.agreements.tables import Party

        party = (await Party.select(Party.id).where(Party.key == "ntt").first().run())["id"]
        now = dt.datetime.now(dt.UTC)
        ids = await User.insert(
            *(
                User(
                    username=f"s{i:03}",
                    display_name=f"S {i}",
                    role="secretariat",
                    password_hash="x",
                    created_at=now,
                    email=f"s{i:03}@example.org",
                )
                for i in range(count)
            )
        ).run()
        await UserParty.insert(*(UserParty(user=r["id"], party=party) for r in ids)).run()

    run(users())
    report = notify(D(2026, 8, 27), send=False)
    assert report.planned.mails == count


SENDER = textwrap.dedent(
    """
    import asyncio, sys
    from tracker.notifications import mailer
    async def main():
        sender = mailer.Sender(mailer.SmtpConfig.from_settings())
        report = await sender.send_pending()
        print(report.sent)
    asyncio.run(main())
    """
)


def test_two_senders_at_once_send_each_message_once(mail, agreements, seeded):
    _many(agreements, 60)
    env = {**os.environ, "TRACKER_DATABASE": DATABASE_URL}
    # Two senders without the run lock: only the claims keep them apart.
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", SENDER], cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True
        )
        for _ in range(2)
    ]
    counts = [int(p.communicate(timeout=120)[0].strip()) for p in procs]
    assert sum(counts) == 60 and all(counts), counts  # both worked, neither twice
    to = [str(m["To"]) for m in mail.recorder.messages]
    assert len(to) == 60 and len(set(to)) == 60
    assert {r["status"] for r in rows("outbox")} == {"sent"}


def test_two_notify_runs_at_once_send_each_message_once(mail, agreements, seeded):
    _many(agreements, 30)
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "tracker", "notify", "--today", "2026-08-27", *extra],
            cwd=ROOT,
            env={**os.environ, "TRACKER_DATABASE": DATABASE_URL},
            stdout=subprocess.PIPE,
            text=True,
        )
        for extra in ([], ["--wait"], [])
    ]
    for p in procs:
        p.communicate(timeout=120)
        assert p.returncode == 0
    to = [str(m["To"]) for m in mail.recorder.messages]
    assert len(to) == 30 and len(set(to)) == 30


def test_a_server_refusing_at_first_gets_the_message_later(mail, agreements, seeded):
    from tracker.notifications import mailer

    agreement(agreements, {"A-01": ("2026-08-24", "ntt", None)})
    add_user("sek-ntt", "secretariat", ["ntt"], "ntt@example.org")
    add_user("sek-2", "secretariat", ["ntt"], "gone@example.org")
    mail.recorder.refuse_next = 2
    mail.recorder.reject_to["gone@example.org"] = "550 5.1.1 No such mailbox"
    notify(D(2026, 8, 27), send=False)
    now = dt.datetime.now(dt.UTC)
    clock = [now]
    sender = mailer.Sender(mailer.SmtpConfig.from_settings(), clock=lambda: clock[0])
    first = run(sender.send_pending())  # never raises; the refusals are recorded
    by_to = {r["to_address"]: r for r in rows("outbox")}
    assert by_to["gone@example.org"]["status"] == "failed"
    assert "550 5.1.1 No such mailbox" in by_to["gone@example.org"]["last_error"]
    ntt = by_to["ntt@example.org"]
    assert first.failed == 1 and ntt["status"] == "pending" and "451" in ntt["last_error"]
    assert run(sender.send_pending()).sent == 0  # not before its backoff
    for _ in range(3):
        clock[0] += dt.timedelta(hours=1)
        run(sender.send_pending())
    ntt = {r["to_address"]: r for r in rows("outbox")}["ntt@example.org"]
    assert ntt["status"] == "sent" and ntt["attempts"] == 3
    assert mail.recorder.kinds() == [("ntt@example.org", "reminder.late")]


def test_sender_killed_mid_batch_sends_the_rest_after_restart(mail, agreements, seeded):
    _many(agreements, 12)
    mail.recorder.hold_after = 5  # the sixth message hangs in the server
    proc = subprocess.Popen(
        [sys.executable, "-m", "tracker", "notify"],
        cwd=ROOT,
        env={**os.environ, "TRACKER_DATABASE": DATABASE_URL},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    assert mail.recorder.holding.wait(60), "the sender never reached the sixth message"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert len(mail.recorder.messages) == 5
    assert [r["status"] for r in rows("outbox")].count("sending") == 1  # the one in flight
    mail.recorder.hold_after = None
    mail.recorder.release.set()
    again = cli("notify")
    assert again.returncode == 0, again.stderr
    assert "recovered 1 interrupted" in again.stdout
    to = [str(m["To"]) for m in mail.recorder.messages]
    # Every message arrived; at most the one in flight could have come twice
    # (here the server had not accepted it, so none did).
    assert len(set(to)) == 12 and len(to) <= 13
    assert {r["status"] for r in rows("outbox")} == {"sent"}


def test_misconfigured_mail_is_reported(monkeypatch, seeded):
    monkeypatch.setenv("TRACKER_SMTP_URL", "http://mail.example.org")
    result = cli("notify", "--today", "2026-08-27", env={"TRACKER_SMTP_URL": "http://x"})
    assert result.returncode == 1 and "TRACKER_SMTP_URL must look like" in result.stderr


def test_user_add_and_edit_email(seeded):
    result = cli(
        "user",
        "add",
        "sek",
        "--role",
        "secretariat",
        "--party",
        "ntt",
        "--email",
        "bad@",
        input=PASSWORD + "\n",
    )
    assert result.returncode == 1 and "not a valid email address" in result.stderr
    result = cli(
        "user",
        "add",
        "sek",
        "--role",
        "secretariat",
        "--party",
        "ntt",
        "--email",
        "sek@ntt.go.id",
        input=PASSWORD + "\n",
    )
    assert result.returncode == 0, result.stderr
    assert (
        cli("user", "edit", "sek", "--email", "baru@ntt.go.id", "--language", "en").returncode == 0
    )
    listing = cli("user", "list").stdout
    assert "baru@ntt.go.id" in listing
    assert [u["language"] for u in rows("tracker_user")] == ["en"]


# ---------------------------------------------------------------- tracker serve


def test_serve_runs_notify_in_one_process_across_servers(mail, agreements, seeded):
    """Two servers of two workers each on one database, each running notify
    every second: every message is sent, and once."""
    from conftest import serve

    _many(agreements, 40)
    env = {
        "TRACKER_NOTIFY_INTERVAL": "1",
        "TRACKER_SMTP_URL": mail.url,
        "TRACKER_MAIL_FROM": "pemantau@example.org",
    }
    servers = [serve(workers=2, **env), serve(workers=2, **env)]
    try:
        ports = [int(next(server).rsplit(":", 1)[1]) for server in servers]
        deadline = time.monotonic() + 60
        niceness: set[int] = set()
        listening = set().union(*(_sockets(pid) for pid in _supervisors(ports)))
        inherited: set[str] = set()
        while time.monotonic() < deadline and len(mail.recorder.messages) < 40:
            niceness |= _niceness_of_notify_runs()
            inherited |= set().union(*map(_sockets, _notify_runs())) & listening
            time.sleep(0.2)
        time.sleep(3)  # a few more runs: nothing more may go out
        niceness |= _niceness_of_notify_runs()
        # The supervisor starts the runs itself: no loop process of its own
        # (about 10 MB) beside it and its two workers.
        # (Looked at a few times: a notify run is a fork that has not yet
        # exec'd `tracker notify` for a moment, under load long enough to see.)
        for port in ports:
            seen = []
            for _ in range(20):
                seen.append(len(_server_processes(port)))
                time.sleep(0.05)
            assert min(seen) == 3, (seen, _server_processes(port))
    finally:
        for server in servers:
            server.close()
    to = [str(m["To"]) for m in mail.recorder.messages]
    assert len(to) == 40 and len(set(to)) == 40
    assert {r["status"] for r in rows("outbox")} == {"sent"}
    # the runs seen (at least one) ran below the web workers' priority
    assert niceness and min(niceness) >= 10, niceness
    # and none held a server's listening socket (it would keep the port taken)
    assert listening and not inherited


def _server_processes(port: int) -> list[str]:
    """The command lines of the processes serving `port` (the supervisor and
    its forks; a notify run execs `tracker notify` and names no port)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            except OSError:
                continue
            if f"--port {port} " in command:
                found.append(command)
    return found


def _supervisors(ports: list[int]) -> list[int]:
    """The pids of the supervisors serving these ports (a worker's parent is
    another process with the same port on its command line)."""
    found = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except OSError:
                continue
            if any(f"--port {port} " in command for port in ports):
                found[int(entry.name)] = parent
    return [pid for pid, parent in found.items() if parent not in found]


def _notify_runs() -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                command = (entry / "cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            if b"notify" in command and b"--quiet" in command:
                found.append(int(entry.name))
    return found


def _sockets(pid: int) -> set[str]:
    """The sockets a process holds open (`socket:[inode]`)."""
    found = set()
    with contextlib.suppress(OSError):
        for fd in Path(f"/proc/{pid}/fd").iterdir():
            with contextlib.suppress(OSError):
                target = os.readlink(fd)
                if target.startswith("socket:"):
                    found.add(target)
    return found


def _niceness_of_notify_runs() -> set[int]:
    """The nice value of every `tracker notify --quiet` process running now."""
    found = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes().split(b"\0")
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        if command[-3:-1] == [b"notify", b"--quiet"] or command[-2:] == [b"notify", b"--quiet"]:
            found.add(int(stat.rsplit(")", 1)[1].split()[16]))
    return found


def test_a_notify_run_that_cannot_start_is_tried_again_later(monkeypatch, capsys):
    """No fork (memory, process limit) must not end the supervisor: its
    workers would go on serving without anyone to restart or stop them."""
    from tracker.web import supervisor

    runs = supervisor.NotifyRuns(60)
    runs.due = time.monotonic()  # due now

    def no_fork() -> int:
        raise OSError(errno.EAGAIN, "Resource temporarily unavailable")

    monkeypatch.setattr(supervisor.os, "fork", no_fork)
    runs.tick()
    assert runs.running is None
    assert runs.due > time.monotonic() + 50  # the next try, an interval later
    assert "cannot start a notify run" in capsys.readouterr().err
