"""Where a first *as of* and a worker's heap go (issue 15), in process.

    .venv/bin/python bench/asof_parts.py [DATASET | FOLDER] [DAY ...]

Run after `bench/run.sh DATASET` (SQLite), on what it left in
bench/out/DATASET (or in FOLDER, such a folder of another checkout, with
BENCH_PASSWORD naming its accounts' password). For each DAY (default: the last three quarter ends) it prints the CPU seconds
(`time.process_time`, so a busy machine moves them less than wall time) of
the two parts of a first *as of*: reading every action's and part's state
at the end of that day (rolled up), and counting them into a report.
Before that, it opens once each, as the benchmark's accounts, the pages
`bench/run.sh` loads (with the first two days *as of*) and prints the Python
heap they left (`tracemalloc`, started after the app was made: imports
are not counted), largest first, by the tracker line that allocated it.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import gc
import logging
import os
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = {
    "bench-viewer": [
        "/",
        "/api/documents",
        "/d/bench-001",
        "/d/bench-001/C1-001",
        "/status",
        "/status/d/bench-001",
        "/rakor",
    ],
    "bench-sekretariat": ["/aksi", "/notifikasi", "/profil"],
    "bench-admin": ["/admin/audit"],
}


def folder_of(arg: str) -> tuple[Path, str]:
    path = Path(arg) if "/" in arg else ROOT / "bench" / "out" / arg
    return path, (arg if "/" not in arg else path.name)


async def parts_of_a_first_asof(days: list[dt.date]) -> None:
    from tracker import db, heap
    from tracker.reports import catalog as catalogs
    from tracker.reports import history, summary
    from tracker.reports.report import OVERVIEW, Report

    async with db.reading():
        catalog = await catalogs.current()
        await history.states(None)
    for day in days:
        moment = history.end_of_day(day)
        start = time.process_time()
        async with db.reading():
            with heap.paused():
                states = await history._read(moment)
        read = time.process_time() - start
        start = time.process_time()
        with heap.paused():
            Report.count(catalog, OVERVIEW, summary.Filters(), day, moment, states, None)
        counted = time.process_time() - start
        print(f"as of {day}: states read and rolled up {read:.2f} s, counted {counted:.2f} s (CPU)")


async def heap_after_pages(app, password: str, days: list[dt.date]) -> None:
    import httpx

    tracemalloc.start(10)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
        for user, pages in PAGES.items():
            client.cookies.clear()
            await client.get("/login")
            token = client.cookies.get("csrftoken")
            form = {"username": user, "password": password, "_csrf_token": token}
            await client.post("/login", data=form)
            if user == "bench-viewer":
                pages = [*pages, *(f"/status?asof={d}" for d in days[:2])]
            for path in pages:
                response = await client.get(path)
                if response.status_code != 200:
                    raise SystemExit(f"{path} as {user}: HTTP {response.status_code}")
    gc.collect()
    snapshot = tracemalloc.take_snapshot()
    by_line: dict[str, int] = {}
    for stat in snapshot.statistics("traceback"):
        frames = [f for f in stat.traceback if "/tracker/" in f.filename]
        where = frames[-1] if frames else stat.traceback[-1]
        key = f"{where.filename.rsplit('site-packages/', 1)[-1]}:{where.lineno}"
        by_line[key] = by_line.get(key, 0) + stat.size
    total = sum(by_line.values())
    print(f"heap left by the pages: {total / 2**20:.1f} MB; largest:")
    for key, size in sorted(by_line.items(), key=lambda kv: -kv[1])[:12]:
        print(f"  {size / 2**20:6.2f} MB  {key}")


def main() -> None:
    folder, dataset = folder_of(sys.argv[1] if len(sys.argv) > 1 else "M")
    os.environ["TRACKER_DATABASE"] = f"sqlite:///{folder / 'db.sqlite3'}"
    os.environ["TRACKER_AGREEMENTS"] = str(folder / "agreements")
    logging.disable(logging.INFO)
    sys.path.insert(0, str(ROOT))
    from tracker import db
    from tracker.agreements.queries import today
    from tracker.reports.service import quarter_ends
    from tracker.web.app import create_app

    days = [dt.date.fromisoformat(d) for d in sys.argv[2:]] or quarter_ends(today())[:3]
    asyncio.run(db.ensure_migrated())
    app = create_app(pool=False)
    password = os.environ.get("BENCH_PASSWORD", f"bench-password-{dataset}")
    asyncio.run(heap_after_pages(app, password, days))
    tracemalloc.stop()
    asyncio.run(parts_of_a_first_asof(days))


if __name__ == "__main__":
    main()
