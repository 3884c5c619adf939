"""How fast the status pages show what just changed (issue 15), in process.

    .venv/bin/python bench/freshness.py [DATASET | FOLDER]

Run after `bench/run.sh DATASET` (SQLite), on what it left in bench/out/DATASET
(or in FOLDER, such a folder of another checkout):
it adds progress updates to that database and changes one agreement file
there (three deadlines of bench-050.md), as a secretariat and a sync would.
It drives the app in this process (no HTTP server, one worker's view) and
prints, in milliseconds:

- the first /status and /status/d/bench-002 of a fresh worker;
- /status right after 1, then 10 new updates (the kept report takes them in);
- /status, a document's status page and / right after a sync of that file;
- the first /status as of a day never asked for before (the last day of each
  of the last three months).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import random
import re
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


async def main(dataset: str) -> None:
    out = Path(dataset) if "/" in dataset else ROOT / "bench" / "out" / dataset
    database, folder = out / "db.sqlite3", out / "agreements"
    if not database.exists():
        sys.exit(f"bench/freshness.py: no {database}: run bench/run.sh first")
    os.environ.update(
        TRACKER_DATABASE=f"sqlite:///{database}",
        TRACKER_AGREEMENTS=str(folder),
        TRACKER_PUBLIC_READ="1",
    )
    import logging

    logging.disable(logging.INFO)
    import httpx

    from tracker.agreements.sync import sync_paths
    from tracker.web.app import create_app

    app = create_app()
    received: asyncio.Queue = asyncio.Queue()
    sent: asyncio.Queue = asyncio.Queue()
    await received.put({"type": "lifespan.startup"})
    scope = {"type": "lifespan", "asgi": {"version": "3.0"}, "state": {}}
    lifespan = asyncio.create_task(app(scope, received.get, sent.put))
    await sent.get()
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:

        async def timed(label: str, path: str) -> None:
            start = time.perf_counter()
            reply = await client.get(path)
            took = (time.perf_counter() - start) * 1000
            if reply.status_code != 200:
                sys.exit(f"{path}: {reply.status_code}")
            print(f"| {label} | {took:.1f} ms |")

        print("| what | time |\n|---|---|")
        await timed("first `/status` of a fresh worker", "/status")
        await timed("first `/status/d/bench-002`", "/status/d/bench-002")
        await timed("`/`", "/")
        for count in (1, 10):
            _add_updates(database, count)
            await timed(f"`/status` after {count} new update(s)", "/status")
            await timed("`/status` again", "/status")
        # The file as the bench's sync recorded it (run.sh gives a relative folder).
        with sqlite3.connect(database) as conn:
            (stored,) = conn.execute(
                "SELECT path FROM document WHERE slug = 'bench-050'"
            ).fetchone()
        # Paths are kept relative to the folder sync ran in when inside it.
        os.chdir(tempfile.gettempdir() if Path(stored).is_absolute() else out.parents[2])
        path = Path(stored)
        path.write_text(_move_deadlines(path.read_text(encoding="utf-8")), encoding="utf-8")
        start = time.perf_counter()
        report = await sync_paths([stored], folder)
        took = (time.perf_counter() - start) * 1000
        print(f"| sync of bench-050.md ({report.files[0].result}) | {took:.1f} ms |")
        if not report.ok:
            sys.exit(f"sync refused: {[e.message for e in report.errors]}")
        await timed("`/status` after that sync", "/status")
        await timed("`/status/d/bench-002` after that sync", "/status/d/bench-002")
        await timed("`/` after that sync", "/")
        today = dt.date.today()
        month_end = today.replace(day=1) - dt.timedelta(days=1)
        for _ in range(3):
            await timed(f"first `/status?asof={month_end}`", f"/status?asof={month_end}")
            month_end = month_end.replace(day=1) - dt.timedelta(days=1)
    await received.put({"type": "lifespan.shutdown"})
    await sent.get()
    await lifespan


def _add_updates(database: Path, count: int) -> None:
    """`count` updates on random live actions, as the update form stores them."""
    rng = random.Random(count)
    with sqlite3.connect(database) as conn:
        actions = [r[0] for r in conn.execute('SELECT id FROM "action" WHERE withdrawn_at IS NULL')]
        for action in rng.sample(actions, count):
            percent = rng.randint(1, 99)
            conn.execute(
                'INSERT INTO "update" (action, status, percent, note, source, created_at) '
                "VALUES (?, 'in_progress', ?, 'bench', 'web', ?)",
                (action, percent, str(dt.datetime.now(dt.UTC))),
            )


def _move_deadlines(text: str) -> str:
    """The first three deadlines of a file, a day later (wrapping within the month)."""

    def later(match: re.Match) -> str:
        day = int(match.group(2)) % 27 + 1
        return f"due: {match.group(1)}-{day:02d}"

    return re.sub(r"due: (\d{4}-\d\d)-(\d\d)", later, text, count=3)


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1] if len(sys.argv) > 1 else "M"))
