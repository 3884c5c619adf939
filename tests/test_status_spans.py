"""The stored status history (issue 15): the spans always equal what replaying
the updates gives, whatever wrote them, on both engines, even after a sync
killed with SIGKILL half way."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from itertools import groupby

from conftest import DATABASE_URL, ROOT, _raw, csrf, rows, run, sync
from test_bulk import as_csv, confirm, download, upload
from test_sync import write

from tracker import db

PM01 = "/d/harmoni-bali-ntt/PM-01"  # five owners: one part each
PM03 = "/d/harmoni-bali-ntt/PM-03"  # one owner: reported as a whole
LINK = "https://ntt.go.id/laporan"


def replay() -> list[tuple]:
    """The spans the updates give: per action and part, in the order written
    (id), each from its update's time to the next one's."""
    found = []
    updates = sorted(rows("update"), key=lambda u: (u["action"], u["part"] or 0, u["id"]))
    for _, group in groupby(updates, key=lambda u: (u["action"], u["part"])):
        group = list(group)
        for update, following in zip(group, [*group[1:], None], strict=True):
            found.append(
                (
                    update["action"],
                    update["part"],
                    update["id"],
                    update["status"],
                    update["percent"],
                    update["value"],
                    db.timestamp(update["created_at"]),
                    db.timestamp(following["created_at"]) if following else None,
                )
            )
    return sorted(found, key=lambda s: s[2])


def stored() -> list[tuple]:
    return sorted(
        (
            (
                s["action"],
                s["part"],
                s["update_id"],
                s["status"],
                s["percent"],
                s["value"],
                db.timestamp(s["started_at"]),
                db.timestamp(s["ended_at"]),
            )
            for s in rows("status_span")
        ),
        key=lambda s: s[2],
    )


def post(client, path: str, **fields):
    data = {"_csrf_token": csrf(client), "status": "in_progress", "percent": "30", "note": "x"}
    reply = client.post(f"{path}/updates", data={**data, **fields}, follow_redirects=False)
    assert reply.status_code == 303, reply.text
    return reply


def test_spans_follow_posts_parts_corrections_and_imports(as_user):
    client = as_user("ntt")
    post(client, PM03, percent="20")
    post(client, PM03, percent="60", confirm="1")
    first = max(u["id"] for u in rows("update"))
    post(client, PM03, percent="40", note="Koreksi", corrects=str(first), confirm="1")
    post(client, PM01, part="ntt", percent="50")
    post(client, PM01, part="ntt", status="done", percent="", links=LINK, confirm="1")
    _, table = download(client)
    for row in table[:3]:
        row.update(status="Berjalan", percent="70", note="Impor")
    preview = upload(client, as_csv(table).encode("utf-8"))
    confirmed = confirm(client, preview)
    assert confirmed.status_code == 303, confirmed.text
    assert len(rows("update")) >= 8
    assert stored() == replay()
    open_spans = [s for s in stored() if s[7] is None]
    assert len(open_spans) == len({(s[0], s[1]) for s in stored()})  # one open per key


SPAN_DOC = """---
id: uji-rentang
title: Uji rentang
signed: 2026-01-28
parties:
  bali: Pemerintah Provinsi Bali
  ntt: Pemerintah Provinsi Nusa Tenggara Timur
---

## Komitmen {{#komitmen}}

- [{mark}] **UR-01** Pendataan bersama
  - owner: bali, ntt
  - due: 2026-06-30
{more}"""
MORE = """
- [ ] **UR-02** Sosialisasi
  - owner: bali
"""


def test_spans_follow_sync_amendments_withdrawals_restores_and_ticks(agreements, as_user):
    path = write(agreements, SPAN_DOC.format(mark=" ", more=MORE))
    assert sync(path).ok
    client = as_user("bali")
    post(client, "/d/uji-rentang/UR-02", percent="10")
    post(client, "/d/uji-rentang/UR-01", part="bali", percent="10")
    write(agreements, SPAN_DOC.format(mark=" ", more="").replace("2026-06-30", "2026-09-30"))
    assert sync(path).ok  # UR-02 withdrawn, UR-01's due amended
    write(agreements, SPAN_DOC.format(mark="x", more=MORE))
    report = sync(path)  # UR-02 restored, UR-01 ticked: sync writes "done" on each open part
    assert report.ok and report.files[0].marked_done == ["UR-01"]
    post(client, "/d/uji-rentang/UR-02", percent="90", confirm="1")
    assert len(rows("update")) == 5
    assert stored() == replay()


def test_a_back_dated_update_moves_its_span(as_user):
    """A hand correction in the database (the tests' own back-dating) still
    leaves the spans equal to the replay."""
    import datetime as dt

    from tracker.progress.tables import Update

    client = as_user("ntt")
    post(client, PM03, percent="20")
    post(client, PM03, percent="60", confirm="1")
    first, second = sorted(u["id"] for u in rows("update"))

    async def back_date():
        async with db.writing():
            for update_id, day in ((first, 10), (second, 20)):
                moment = dt.datetime(2026, 3, day, 2, tzinfo=dt.UTC)
                await Update.update({Update.created_at: moment}).where(Update.id == update_id).run()

    run(back_date())
    assert stored() == replay()


def test_the_migration_backfill_equals_the_replay(as_user):
    """The spans of a database that had updates before spans existed."""
    from importlib import import_module

    migration = import_module(
        "tracker.progress.piccolo_migrations.progress_2026_12_05t00_46_50_000000"
    )
    client = as_user("ntt")
    post(client, PM03, percent="20")
    post(client, PM01, part="ntt", percent="40")
    post(client, PM03, percent="60", confirm="1")

    async def refill():
        async with db.writing():
            await db.engine().run_ddl("DELETE FROM status_span")
            await db.engine().run_ddl(migration.BACKFILL)

    run(refill())
    assert stored() == replay()


def test_a_sync_killed_half_way_leaves_spans_equal_to_the_updates(agreements, accounts):
    """Forty documents whose actions are all ticked done: sync writes a "done"
    update per action; SIGKILL it once some documents are in. What was
    committed has its spans, what was not has neither."""
    for n in range(40):
        actions = "\n".join(
            f"- [x] **KS-{i:02d}** Aksi {i}\n  - owner: bali, ntt\n" for i in range(1, 41)
        )
        (agreements / f"uji-{n:02d}.md").write_text(
            f"---\nid: uji-{n:02d}\ntitle: Uji {n}\nsigned: 2026-01-28\nparties:\n"
            "  bali: Pemerintah Provinsi Bali\n  ntt: Pemerintah Provinsi NTT\n---\n\n"
            f"## Komitmen {{#komitmen}}\n\n{actions}"
        )
    process = subprocess.Popen(
        [sys.executable, "-m", "tracker", "sync", str(agreements)],
        cwd=ROOT,
        env={**os.environ, "TRACKER_DATABASE": DATABASE_URL},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        if len([d for d in rows("document") if d["slug"].startswith("uji-")]) >= 3:
            break
        time.sleep(0.02)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    synced = [d for d in rows("document") if d["slug"].startswith("uji-")]
    assert 3 <= len(synced) < 40, "the sync was not stopped half way"
    assert len(rows("update")) >= 3 * 40 * 2
    assert stored() == replay()
    assert sync(folder=agreements).ok  # the rest goes in afterwards
    assert stored() == replay()


def test_spans_are_what_as_of_reads(as_user):
    """The status pages' as-of state comes from the spans: a span edited by
    hand (never done by the tracker) is what the page then shows."""
    import datetime as dt

    from tracker.progress.tables import Update
    from tracker.reports import service

    client = as_user("ntt")
    post(client, PM03, percent="20")
    [update] = rows("update")

    async def back_date_then_tamper():
        async with db.writing():
            moment = dt.datetime(2026, 3, 10, 2, tzinfo=dt.UTC)
            await Update.update({Update.created_at: moment}).where(Update.id == update["id"]).run()
            await db.engine().run_ddl("UPDATE status_span SET percent = 77")

    run(back_date_then_tamper())
    service.forget()
    found = client.get("/api/status/d/harmoni-bali-ntt?asof=2026-03-31").json()
    row = next(a for a in found["actions"] if a["code"] == "PM-03")
    assert (row["status"], row["percent"]) == ("in_progress", 77)


def query(sql: str) -> list[dict]:
    return run(db.engine().run_querystring(_raw(sql)))


def test_the_triggers_find_the_open_span_by_its_index(seeded):
    """A bulk insert into a fresh database must not scan every span per row
    (it did on PostgreSQL, planned from an empty table's statistics: six
    minutes for 100,000 updates). PostgreSQL: the trigger functions run with
    sequential scans off. SQLite: its plan of the trigger's lookup uses the
    index without statistics."""
    if db.is_sqlite():
        plan = query(
            "EXPLAIN QUERY PLAN UPDATE status_span SET ended_at = '2026-01-01' "
            "WHERE action = 1 AND ended_at IS NULL AND part IS NULL"
        )
        assert any("status_span_open" in str(step["detail"]) for step in plan), plan
        return
    found = query(
        "SELECT proname, proconfig FROM pg_proc "
        "WHERE proname IN ('update_status_span', 'update_status_span_edit')"
    )
    assert {r["proname"]: r["proconfig"] for r in found} == {
        "update_status_span": ["enable_seqscan=off"],
        "update_status_span_edit": ["enable_seqscan=off"],
    }
