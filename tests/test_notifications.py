"""Reminders, digests and expiry notices: planned into the outbox, sent to a
real SMTP server (aiosmtpd in process), exactly once, in the user's language."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import DATABASE_URL, PASSWORD, ROOT, free_port, rows, run, sync
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
