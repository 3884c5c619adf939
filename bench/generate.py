"""Seeded benchmark data for the tracker (design.md, "How we measure speed").

Two steps, because progress updates live only in the database and need the
action ids that `tracker sync` assigns:

    python bench/generate.py M --out bench/out/M            # 1. Markdown files
    TRACKER_AGREEMENTS=bench/out/M/agreements tracker sync  # 2. actions into the DB
    python bench/generate.py M --out bench/out/M --updates  # 3. updates into the DB

Step 1 writes `<out>/agreements/bench-NNN.md` and prints the id of the document
to benchmark. Step 3 bulk-inserts the progress updates into the database named
by TRACKER_DATABASE (sqlite:/// or postgresql://) in one transaction, and
prints `<document id>/<action code>` of an action to benchmark.

Two queries for `bench/run.sh`, on the same database:

    python bench/generate.py M --out bench/out/M --secretariat
    python bench/generate.py --count-updates

`--secretariat` prints the key of the party that owns or supports the most
actions (the bench secretariat acts for it, so "Aksi saya" is as long as it
gets) and writes the paths of those of its actions it may post on without
choosing a part, `/d/<doc>/<action>` one a line, to
`<out>/secretariat-actions.txt`: what the posting load cycles over.
`--count-updates` prints the number of rows in table "update" (to check that
every accepted post was stored, and nothing else); `--count-notifications
USER` the number of that user's notifications (the Notifikasi page's length).

Dataset L (and M or S with `--parts`) breaks one action in ten down by
region into Bali's nine kabupaten/kota (issue 14; each document then has
`bali` among its parties); step 3 spreads such an action's updates over its
region parts, each part reported by its own secretariat. `--count-parts`
prints the rows in table "part" (owner parts of actions with several owners,
and region parts).

Everything derives from `--seed` (default 42): the same seed gives the same
files byte for byte and the same updates row for row.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import random
import sys
from pathlib import Path

# name: (documents, actions per document, updates per action)
DATASETS = {"S": (5, 40, 10), "M": (50, 100, 20), "L": (200, 250, 20)}
COMMITMENTS_PER_DOC = 5
BENCH_DOC = "bench-001"  # the document whose page is benchmarked
BENCH_ACTION = "C1-001"  # ...and the action (it has the full number of updates)

PARTIES = {
    "bali": "Pemerintah Provinsi Bali",
    "ntt": "Pemerintah Provinsi Nusa Tenggara Timur",
    "sumba-barat": "Pemerintah Kabupaten Sumba Barat",
    "sumba-barat-daya": "Pemerintah Kabupaten Sumba Barat Daya",
    "sumba-tengah": "Pemerintah Kabupaten Sumba Tengah",
    "sumba-timur": "Pemerintah Kabupaten Sumba Timur",
    "denpasar": "Pemerintah Kota Denpasar",
    "badung": "Pemerintah Kabupaten Badung",
    "kupang": "Pemerintah Kota Kupang",
    "manggarai-barat": "Pemerintah Kabupaten Manggarai Barat",
    "diaspora-ntt": "Diaspora NTT di Bali",
    "aph-bali": "Aparat penegak hukum di Bali",
    "disnaker-bali": "Dinas Tenaga Kerja dan ESDM Provinsi Bali",
    "disdukcapil-ntt": "Dinas Kependudukan dan Pencatatan Sipil NTT",
}
VERBS = ["Penyusunan", "Pelaksanaan", "Sosialisasi", "Pendataan", "Pelatihan", "Evaluasi",
         "Penguatan", "Pembentukan", "Koordinasi", "Pemantauan", "Penyediaan", "Fasilitasi"]  # fmt: skip
OBJECTS = ["pekerja migran", "forum komunikasi", "kelompok adat", "tenaga kerja terampil",
           "data kependudukan", "posko terpadu", "pelatihan vokasi", "paguyuban warga",
           "pariwisata budaya", "keamanan lingkungan", "layanan pengaduan", "rekomendasi daerah"]  # fmt: skip
PLACES = ["di Denpasar", "di Badung", "di Kupang", "di Sumba", "di Labuan Bajo",
          "antarprovinsi", "tingkat desa", "bagi perantau"]  # fmt: skip
UNITS = ["%", "pelatihan", "orang", "kegiatan", "desa", "dokumen", "km"]
AUTHORS = ["Made Wirawan", "Ni Luh Sari", "Yohanes Bili", "Maria Ndapa", "Ketut Arya",
           "Agustinus Lede", "Komang Dewi", "Fransiskus Kaka"]  # fmt: skip
NOTES = ["Rapat koordinasi dilaksanakan.", "Data awal terkumpul.", "Menunggu anggaran.",
         "Kegiatan berjalan sesuai rencana.", "Ada kendala di lapangan.",
         "Laporan diserahkan ke sekretariat.", "Tindak lanjut dibahas di rakor."]  # fmt: skip


def title(rng: random.Random) -> str:
    return f"{rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(PLACES)}"


def random_date(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randrange((end - start).days + 1))


# --- step 1: Markdown files --------------------------------------------------


def document(rng: random.Random, number: int, n_actions: int, regions: bool = False) -> str:
    """One agreement file: front matter, 5 `##` commitments, n_actions task items.

    With `regions`, every tenth action is broken down by region into Bali's
    nine kabupaten/kota (`region_action`), so the document always has `bali`
    among its parties (the province that governs them).
    """
    slug = f"bench-{number:03d}"
    signed = random_date(rng, dt.date(2025, 10, 1), dt.date(2026, 1, 31))
    parties = dict(rng.sample(sorted(PARTIES.items()), rng.randint(4, len(PARTIES))))
    if regions:
        parties.setdefault("bali", PARTIES["bali"])
    keys = sorted(parties)
    lines = ["---", f"id: {slug}", "type: agreement",
             f'title: "Kesepakatan Bersama Nomor {number} tentang {title(rng)}"',
             f"signed: {signed}", "place: Denpasar", "instrument: kesepakatan-bersama",
             f"number: {number}/KB/2026", "parties:"]  # fmt: skip
    lines += [f"  {k}: {v}" for k, v in parties.items()]
    lines += ["---", "", f"# Kesepakatan Bersama Nomor {number}", "",
              "Dokumen ini dibuat oleh `bench/generate.py` untuk mengukur kecepatan.", ""]  # fmt: skip
    per_commitment = -(-n_actions // COMMITMENTS_PER_DOC)  # ceiling division
    for c in range(1, COMMITMENTS_PER_DOC + 1):
        lines += [f"## {c}. {title(rng)}", "", f"Uraian komitmen {c}.", ""]
        first = (c - 1) * per_commitment
        for a in range(first + 1, min(first + per_commitment, n_actions) + 1):
            make = region_action if regions and a % REGION_EVERY == 0 else action
            lines += make(rng, f"C{c}-{a:03d}", keys, signed)
    return "\n".join(lines) + "\n"


def action(rng: random.Random, code: str, keys: list[str], signed: dt.date) -> list[str]:
    """A task-list item with nested fields; due dates span 2026-2027, so with
    today 2026-11-28 roughly 45 % of them are already past."""
    owners = rng.sample(keys, rng.choice([1, 1, 1, 2, 3]))
    fields = [f"owner: {', '.join(owners)}"]
    others = [k for k in keys if k not in owners]
    if others and rng.random() < 0.5:
        fields.append(f"with: {', '.join(rng.sample(others, min(2, len(others))))}")
    if rng.random() < 0.9:  # some have no deadline yet
        fields.append(f"due: {random_date(rng, dt.date(2026, 2, 1), dt.date(2027, 12, 31))}")
    if rng.random() < 0.6:
        fields.append(f"indicator: {rng.choice(OBJECTS)} terlaksana sesuai rencana")
    if rng.random() < 0.5:
        # integers and one-decimal numbers only: never the ambiguous `1.000` form
        number = rng.choice([str(rng.randint(1, 400)), f"{rng.randint(1, 20)},{rng.randint(1, 9)}"])
        fields.append(f"target: {number} {rng.choice(UNITS)}")
    item = [f"- [ ] **{code}** {title(rng)}"] + [f"  - {f}" for f in fields]
    if rng.random() < 0.3:
        item += ["", f"  Keterangan tambahan untuk {code}: {rng.choice(NOTES).lower()}"]
    return item + [""]


# Issue 14's breakdown: one action in ten, into Bali's 9 kabupaten/kota
# (docs/agreement-format.md, "Regions"). Kota Denpasar and Kabupaten Badung
# report for their own part when they are parties; the province for the rest.
REGION_EVERY = 10
REGION_OWNERS = ("bali", "denpasar", "badung")


def region_action(rng: random.Random, code: str, keys: list[str], signed: dt.date) -> list[str]:
    """A task-list item broken down into Bali's kabupaten/kota, each part with
    its own target of desa; owned by the province and the regencies present."""
    owners = [k for k in REGION_OWNERS if k in keys]
    others = [k for k in keys if k not in owners]
    fields = [f"owner: {', '.join(owners)}", "regions: kabupaten/kota di Bali",
              f"region target: {rng.randint(2, 20)} desa"]  # fmt: skip
    if others and rng.random() < 0.5:
        fields.append(f"with: {', '.join(rng.sample(others, min(2, len(others))))}")
    if rng.random() < 0.9:
        fields.append(f"due: {random_date(rng, dt.date(2026, 2, 1), dt.date(2027, 12, 31))}")
    item = [f"- [ ] **{code}** {title(rng)} di setiap kabupaten/kota"]
    return item + [f"  - {f}" for f in fields] + [""]


def write_files(name: str, out: Path, seed: int, regions: bool = False) -> None:
    n_docs, n_actions, _ = DATASETS[name]
    folder = out / "agreements"
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("bench-*.md"):
        old.unlink()
    rng = random.Random(seed)
    for number in range(1, n_docs + 1):
        text = document(rng, number, n_actions, regions)
        (folder / f"bench-{number:03d}.md").write_text(text, encoding="utf-8")
    print(BENCH_DOC)


# --- step 3: progress updates, bulk-loaded ----------------------------------

STATUSES = ("not_started", "in_progress", "at_risk", "done", "cancelled")


def updates_for(
    rng: random.Random, action_id: int, target: float | None, n: int, part: int | None = None
) -> list[tuple]:
    """n updates telling one plausible story: percent never goes down, times
    increase through 2026, and the story ends done, cancelled or still open."""
    start = dt.datetime(2026, 1, 15, tzinfo=dt.UTC).timestamp()
    end = dt.datetime(2026, 11, 27, tzinfo=dt.UTC).timestamp()
    times = sorted(rng.uniform(start, end) for _ in range(n))
    ending = rng.choices(["done", "cancelled", "open"], weights=[35, 5, 60])[0]
    percent = 0
    rows = []
    for i, t in enumerate(times):
        last = i == n - 1
        if i == 0:
            state = "not_started"
        elif last and ending != "open":
            state = ending
        else:
            state = "at_risk" if rng.random() < 0.15 else "in_progress"
        if state == "done":
            percent = 100
        elif state in ("in_progress", "at_risk"):
            percent = min(95, percent + rng.randint(0, 10))
        value = round(target * percent / 100, 1) if target is not None else None
        created = dt.datetime.fromtimestamp(t, dt.UTC)
        rows.append((action_id, state, percent, rng.choice(NOTES), value,
                     rng.choice(AUTHORS), "web", created, part))  # fmt: skip
    return rows


def all_updates(
    actions: list[tuple], n: int, seed: int, parts: dict[int, list[tuple]] | None = None
) -> list[tuple]:
    """Updates for every action, in time order across all actions, so that ids
    grow with created_at as they would in real use (latest = greatest id).

    An action broken down by region (`parts`: action id -> [(part id, target)])
    has its n updates spread over its parts, each part's own story, as each
    part's secretariat reports only on its part: none on the whole action.
    """
    rng = random.Random(seed + 1)
    parts = parts or {}
    rows = []
    for action_id, target in actions:
        found = parts.get(action_id)
        if not found:
            rows += updates_for(rng, action_id, target, n)
            continue
        for i, (part_id, part_target) in enumerate(found):
            count = n // len(found) + (i < n % len(found))
            rows += updates_for(rng, action_id, part_target, count, part_id) if count else []
    rows.sort(key=lambda r: r[7])
    return rows


# The region parts of bench actions (bench/generate.py writes no owner-part reports).
REGION_PARTS_SQL = (
    'SELECT p.id, p.action, p.target_value FROM "part" p JOIN "action" a ON a.id = p.action '
    "JOIN document d ON d.id = a.document WHERE d.slug LIKE 'bench-%' AND p.kind = 'region' "
    "AND p.withdrawn_at IS NULL ORDER BY p.action, p.position"
)


def by_action(rows: list[tuple]) -> dict[int, list[tuple]]:
    """Region parts, (part id, target) in order, by action id."""
    result: dict[int, list[tuple]] = {}
    for part_id, action_id, target in rows:
        result.setdefault(action_id, []).append((part_id, target))
    return result


# Which actions to fill, in a deterministic order independent of the ids.
ACTIONS_SQL = (
    'SELECT a.id, a.target_value FROM "action" a JOIN document d ON d.id = a.document '
    "WHERE d.slug LIKE 'bench-%' ORDER BY d.slug, a.position"
)
COLUMNS = ("action", "status", "percent", "note", "value", "author", "source", "created_at", "part")


def load_sqlite(path: str, n: int, seed: int) -> int:
    import sqlite3

    conn = sqlite3.connect(path, isolation_level=None)
    try:
        actions = conn.execute(ACTIONS_SQL).fetchall()
        check_empty(conn.execute('SELECT COUNT(*) FROM "update"').fetchone()[0], actions)
        parts = by_action(conn.execute(REGION_PARTS_SQL).fetchall())
        rows = all_updates(actions, n, seed, parts)
        # Piccolo's Timestamptz on SQLite is text like '2026-11-28 07:57:25.874747+00:00'.
        rows = [r[:7] + (r[7].isoformat(sep=" ", timespec="microseconds"), r[8]) for r in rows]
        marks = ", ".join("?" * len(COLUMNS))
        sql = f'INSERT INTO "update" ({", ".join(COLUMNS)}) VALUES ({marks})'
        conn.execute("BEGIN IMMEDIATE")
        for i in range(0, len(rows), 10_000):
            conn.executemany(sql, rows[i : i + 10_000])
        conn.execute("COMMIT")
        return len(rows)
    finally:
        conn.close()


async def load_postgres(url: str, n: int, seed: int) -> int:
    import asyncpg

    conn = await asyncpg.connect(url)
    try:
        actions = [tuple(r) for r in await conn.fetch(ACTIONS_SQL)]
        check_empty(await conn.fetchval('SELECT COUNT(*) FROM "update"'), actions)
        parts = by_action([tuple(r) for r in await conn.fetch(REGION_PARTS_SQL)])
        rows = all_updates(actions, n, seed, parts)
        async with conn.transaction():  # COPY: the fastest bulk path in PostgreSQL
            await conn.copy_records_to_table("update", records=rows, columns=COLUMNS)
        # Statistics for every table, now, for stable plans. Autovacuum would
        # analyze "update" within a minute, but never `document` (50 rows are
        # below its threshold of 50 changes + 10 %), and without statistics the
        # planner guesses 1 document and picks nested loops for "Aksi saya".
        tables = await conn.fetch(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
        )
        for table in tables:
            await conn.execute(f'ANALYZE "{table["tablename"]}"')
        return len(rows)
    finally:
        await conn.close()


def check_empty(existing: int, actions: list) -> None:
    if not actions:
        sys.exit("generate.py: no bench-* actions in the database: run `tracker sync` first")
    if existing:
        sys.exit(f"generate.py: the database already has {existing} updates; use a fresh one")


def database_url() -> str:
    return os.environ.get("TRACKER_DATABASE") or "sqlite:///var/tracker.sqlite3"


def load_updates(name: str, seed: int) -> None:
    url = database_url()
    n = DATASETS[name][2]
    if url.startswith("sqlite:///"):
        count = load_sqlite(url[len("sqlite:///") :], n, seed)
    elif url.startswith(("postgresql://", "postgres://")):
        count = asyncio.run(load_postgres(url, n, seed))
    else:
        sys.exit(f"generate.py: unsupported TRACKER_DATABASE {url!r}")
    print(f"{count} updates loaded", file=sys.stderr)
    print(f"{BENCH_DOC}/{BENCH_ACTION}")


# --- queries for run.sh ------------------------------------------------------

# Live bench actions per party, owner or with (a secretariat may post on both).
PARTY_ACTIONS = """
FROM action_party ap
JOIN party p ON p.id = ap.party
JOIN "action" a ON a.id = ap.action
JOIN document d ON d.id = a.document
WHERE d.slug LIKE 'bench-%' AND a.withdrawn_at IS NULL AND d.withdrawn_at IS NULL
"""
BUSIEST_PARTY_SQL = (
    f"SELECT p.key, COUNT(DISTINCT a.id) AS n {PARTY_ACTIONS} GROUP BY p.key ORDER BY n DESC, p.key"
)
# The actions the party may post on with the form as it comes (no part chosen),
# as `updates.reporting_on` decides: one without parts; the whole of one with
# parts as its `with` party; or its own part, when it owns exactly one (a
# region action's parts belong to the kabupaten/kota, not to the province).
# DISTINCT: an action lists a party once, but be safe; order as on the page files.
LIVE_PARTS = "SELECT COUNT(*) FROM part pt WHERE pt.action = a.id AND pt.withdrawn_at IS NULL"
PATHS_SQL = (
    f"SELECT DISTINCT d.slug, a.code, a.position {PARTY_ACTIONS} AND p.key = ? "
    f"AND (ap.role = 'with' OR ({LIVE_PARTS}) = 0 OR ({LIVE_PARTS} AND pt.owner = p.id) = 1) "
    "ORDER BY d.slug, a.position"
)


def fetch(sql: str, *args: object) -> list[tuple]:
    """Rows of one query on TRACKER_DATABASE (`?` placeholders, both engines)."""
    url = database_url()
    if url.startswith("sqlite:///"):
        import sqlite3

        # mode=rw: a wrong path is an error, not a new empty database file.
        conn = sqlite3.connect(f"file:{url[len('sqlite:///') :]}?mode=rw", uri=True)
        try:
            return conn.execute(sql, args).fetchall()
        finally:
            conn.close()
    if url.startswith(("postgresql://", "postgres://")):
        import asyncpg

        for i in range(1, len(args) + 1):  # asyncpg numbers its placeholders
            sql = sql.replace("?", f"${i}", 1)

        async def run() -> list[tuple]:
            conn = await asyncpg.connect(url)
            try:
                return [tuple(r) for r in await conn.fetch(sql, *args)]
            finally:
                await conn.close()

        return asyncio.run(run())
    sys.exit(f"generate.py: unsupported TRACKER_DATABASE {url!r}")


def secretariat(out: Path) -> None:
    parties = fetch(BUSIEST_PARTY_SQL)
    if not parties:
        sys.exit("generate.py: no bench-* actions in the database: run `tracker sync` first")
    key, count = parties[0]
    paths = [f"/d/{slug}/{code}" for slug, code, _ in fetch(PATHS_SQL, key)]
    if not paths:
        sys.exit(f"generate.py: party {key} may post on none of its actions without a part")
    out.mkdir(parents=True, exist_ok=True)
    (out / "secretariat-actions.txt").write_text("\n".join(paths) + "\n", encoding="utf-8")
    print(f"party {key}: {count} actions", file=sys.stderr)
    print(key)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dataset", choices=sorted(DATASETS), nargs="?", default="M")
    parser.add_argument("--out", type=Path, help="output folder (default bench/out/<dataset>)")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument(
        "--parts",
        action="store_true",
        help="break one action in ten down by region into Bali's 9 kabupaten/kota (always for L)",
    )
    step = parser.add_mutually_exclusive_group()
    step.add_argument(
        "--updates",
        action="store_true",
        help="load progress updates into TRACKER_DATABASE (after `tracker sync`)",
    )
    step.add_argument(
        "--secretariat",
        action="store_true",
        help="print the party with the most actions; write their paths to "
        "<out>/secretariat-actions.txt",
    )
    step.add_argument(
        "--count-updates", action="store_true", help='print the number of rows in "update"'
    )
    step.add_argument("--count-notifications", metavar="USER", help="print USER's notifications")
    step.add_argument(
        "--count-parts", action="store_true", help='print the rows in "part", by kind'
    )
    args = parser.parse_args()
    out = args.out or Path("bench/out") / args.dataset
    if args.updates:
        load_updates(args.dataset, args.seed)
    elif args.secretariat:
        secretariat(out)
    elif args.count_updates:
        print(fetch('SELECT COUNT(*) FROM "update"')[0][0])
    elif args.count_notifications:
        sql = (
            "SELECT COUNT(*) FROM notification n JOIN tracker_user u ON u.id = n.recipient "
            "WHERE u.username = ?"
        )
        print(fetch(sql, args.count_notifications)[0][0])
    elif args.count_parts:
        counts = dict(fetch('SELECT kind, COUNT(*) FROM "part" GROUP BY kind'))
        print(f"{sum(counts.values())} parts ({counts.get('region', 0)} by region)")
    else:
        write_files(args.dataset, out, args.seed, args.parts or args.dataset == "L")


if __name__ == "__main__":
    main()
