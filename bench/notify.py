"""Notification benchmark: planning a day for every account, and sender throughput.

On a database holding a dataset (bench/generate.py: files, sync, updates), this
adds accounts with addresses (one secretariat per party, 2 admins, 20 viewers
who chose the digest; skipped if they exist), then:

1. plans a Monday (reminders, digests for everyone, expiry) and a Thursday
   (reminders only) in a fresh process each time: catalog and latest updates
   loaded from cold, as `tracker notify` from cron does, and reports the time
   of `plan(day)` alone and of the whole run;
2. sends the planned outbox to a local SMTP server (aiosmtpd in this process,
   in its own thread) and reports messages per second.

    TRACKER_DATABASE=sqlite:////tmp/L.sqlite3 .venv/bin/python bench/notify.py
    TRACKER_DATABASE=postgresql://... .venv/bin/python bench/notify.py --monday 2026-11-16
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def add_accounts() -> int:
    from tracker import db
    from tracker.accounts.tables import User, UserParty
    from tracker.agreements.tables import Party

    await db.ensure_migrated()
    if await User.exists().where(User.username == "bench-admin-0").run():
        return await User.count().run()
    now = dt.datetime.now(dt.UTC)
    parties = await Party.select(Party.id, Party.key).run()
    rows = [
        User(
            username=f"sek-{p['key']}"[:64],
            display_name=f"Sekretariat {p['key']}",
            role="secretariat",
            password_hash="x",
            created_at=now,
            email=f"sek-{p['key']}@example.org",
        )
        for p in parties
    ]
    rows += [
        User(
            username=f"bench-admin-{i}",
            display_name=f"Admin {i}",
            role="admin",
            password_hash="x",
            created_at=now,
            email=f"admin{i}@example.org",
            notify_choices='{"digest": true}',
        )
        for i in range(2)
    ]
    rows += [
        User(
            username=f"bench-viewer-{i}",
            display_name=f"Peninjau {i}",
            role="viewer",
            password_hash="x",
            created_at=now,
            email=f"viewer{i}@example.org",
            notify_choices='{"digest": true}',
        )
        for i in range(20)
    ]
    async with db.writing():
        ids = await db.insert_all(rows)
        links = [UserParty(user=ids[i]["id"], party=p["id"]) for i, p in enumerate(parties)]
        await db.insert_all(links)
    return len(rows)


PLAN = """
import asyncio, datetime as dt, time, sys
from tracker.notifications import planner
day = dt.date.fromisoformat(sys.argv[1])
async def main():
    t0 = time.perf_counter()
    report = await planner.plan(day)
    t1 = time.perf_counter()
    print(f"{t1 - t0:.2f} {report.decided} {report.notifications} {report.mails} "
          + ",".join(f"{k}={n}" for k, n in sorted(report.by_kind.items())))
t = time.perf_counter()
asyncio.run(main())
print(f"{time.perf_counter() - t:.2f}")
"""


def plan_in_fresh_process(day: dt.date) -> None:
    start = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-c", PLAN, day.isoformat()],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split("\n")
    total = time.perf_counter() - start
    plan_s, decided, notes, mails, kinds = out[0].split(" ")
    print(
        f"plan {day} ({day:%A}): plan() {plan_s} s, in-process {out[1]} s, process total {total:.2f} s; "
        f"{decided} decided, {notes} new notifications, {mails} new mails ({kinds})"
    )


def send_all(limit: int) -> None:
    from aiosmtpd.controller import Controller

    class Sink:
        count = 0

        async def handle_DATA(self, server, session, envelope):
            Sink.count += 1
            return "250 OK"

    port = free_port()
    controller = Controller(Sink(), hostname="127.0.0.1", port=port)
    controller.start()
    os.environ["TRACKER_SMTP_URL"] = f"smtp://127.0.0.1:{port}"
    os.environ["TRACKER_MAIL_FROM"] = "Pemantau <pemantau@example.org>"
    from tracker import db
    from tracker.notifications import mailer

    async def send() -> mailer.SendReport:
        async with db.pooled():  # as `tracker notify` does
            return await mailer.Sender(mailer.SmtpConfig.from_settings()).send_pending(limit=limit)

    try:
        start = time.perf_counter()
        report = asyncio.run(send())
        elapsed = time.perf_counter() - start
    finally:
        controller.stop()
    print(
        f"send: {report.sent} messages in {elapsed:.2f} s = {report.sent / elapsed:.0f} messages/s "
        f"(server received {Sink.count}, failed {report.failed}, retried {report.retried})"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--monday", default="2026-11-16", help="the Monday to plan (digest day)")
    parser.add_argument("--send", type=int, default=1000, help="messages to send (at most)")
    args = parser.parse_args()
    monday = dt.date.fromisoformat(args.monday)
    print(f"database: {os.environ.get('TRACKER_DATABASE')}")
    print(f"accounts: {asyncio.run(add_accounts())}")
    plan_in_fresh_process(monday)
    plan_in_fresh_process(monday + dt.timedelta(days=3))
    plan_in_fresh_process(monday)  # again: everything already stored
    send_all(args.send)


if __name__ == "__main__":
    main()
