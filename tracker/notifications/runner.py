"""One notify run: plan the day, then send, in exactly one process at a time.

`tracker notify` (cron, a systemd timer) and `tracker serve`'s own runner both
come here. The run lock makes sure that only one run is alive across every
worker and every server of one database: a PostgreSQL session advisory lock
(held by a connection of its own, released by the server when the process
dies), or on SQLite an exclusive `flock` on `<database>.notify.lock` (released
by the kernel when the process dies). Because its holder knows no other run is
alive, it may put back the claims a killed run left behind (`Sender.recover`).
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import fcntl
import hashlib
import os
from collections.abc import AsyncIterator
from dataclasses import dataclass, field

from tracker import db
from tracker.notifications import calendar, mailer, planner

LOCK_NAME = "tracker notify"


@contextlib.asynccontextmanager
async def run_lock(wait: bool = False) -> AsyncIterator[bool]:
    """Yields True while this process holds the run lock; False if another run
    holds it and `wait` is off."""
    engine = db.engine()
    if db.is_sqlite(engine):
        path = f"{engine.path}.notify.lock"
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if not wait:
                    yield False
                    return
                await asyncio.to_thread(fcntl.flock, fd, fcntl.LOCK_EX)
            yield True
        finally:
            os.close(fd)  # releases the lock
        return
    digest = hashlib.blake2b(LOCK_NAME.encode(), digest_size=8).digest()
    key = int.from_bytes(digest, "big") & 0x7FFFFFFFFFFFFFFF
    conn = await engine.get_new_connection()
    try:
        if wait:
            await conn.execute(f"SELECT pg_advisory_lock({key})")
        elif not await conn.fetchval(f"SELECT pg_try_advisory_lock({key})"):
            yield False
            return
        yield True
    finally:
        await conn.close()  # ends the session: the lock goes with it


@dataclass
class RunReport:
    ran: bool = True  # False: another run held the lock
    planned: planner.PlanReport | None = None
    sent: mailer.SendReport | None = None
    mail: str = "off"  # on | off | the configuration error
    notes: list[str] = field(default_factory=list)


def planning_day(now: dt.datetime | None = None) -> dt.date | None:
    """Today in WITA once messages may go out (07:00), else None."""
    local = calendar.wita_now(now)
    return local.date() if local.hour >= calendar.SEND_HOUR else None


async def run_once(
    today: dt.date | None = None,
    *,
    send: bool = True,
    wait: bool = False,
    clock: mailer.Clock = mailer.utcnow,
) -> RunReport:
    """Plan `today` (default: today in WITA, from 07:00), then send what is due."""
    report = RunReport()
    async with run_lock(wait) as held, db.pooled():
        if not held:
            return RunReport(ran=False)
        day = today or planning_day(clock())
        if day is not None:
            report.planned = await planner.plan(day)
        else:
            report.notes.append("before 07:00 WITA: nothing planned yet")
        config, problem = mailer.mail_config()
        if problem:
            report.mail = problem
        elif config is not None:
            report.mail = "on"
            if send:
                sender = mailer.Sender(config, clock=clock)
                recovered = await sender.recover(everything=True)
                report.sent = await sender.send_pending()
                report.sent.recovered += recovered
    return report
