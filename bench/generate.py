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
gets) and writes the paths of those actions, `/d/<doc>/<action>` one a line,
to `<out>/secretariat-actions.txt`: what the posting load cycles over.
`--count-updates` prints the number of rows in table "update" (to check that
every accepted post was stored, and nothing else); `--count-notifications
USER` the number of that user's notifications (the Notifikasi page's length).

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


def document(rng: random.Random, number: int, n_actions: int) -> str:
    """One agreement file: front matter, 5 `##` commitments, n_actions task items."""
    slug = f"bench-{number:03d}"
    signed = random_date(rng, dt.date(2025, 10, 1), dt.date(2026, 1, 31))
    parties = dict(rng.sample(sorted(PARTIES.items()), rng.randint(4, len(PARTIES))))
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
            lines += action(rng, f"C{c}-{a:03d}", keys, signed)
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


def write_files(name: str, out: Path, seed: int) -> None:
    n_docs, n_actions, _ = DATASETS[name]
    folder = out / "agreements"
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("bench-*.md"):
        old.unlink()
    rng = random.Random(seed)
    for number in range(1, n_docs + 1):
        text = document(rng, number, n_actions)
        (folder / f"bench-{number:03d}.md").write_text(text, encoding="utf-8")
    print(BENCH_DOC)


# --- step 3: progress updates, bulk-loaded ----------------------------------

STATUSES = ("not_started", "in_progress", "at_risk", "done", "cancelled")


def updates_for(rng: random.Random, action_id: int, target: float | None, n: int) -> list[tuple]:
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
                     rng.choice(AUTHORS), "web", created))  # fmt: skip
    return rows


def all_updates(actions: list[tuple], n: int, seed: int) -> list[tuple]:
    """Updates for every action, in time order across all actions, so that ids
    grow with created_at as they would in real use (latest = greatest id)."""
    rng = random.Random(seed + 1)
    rows = [row for a in actions for row in updates_for(rng, a[0], a[1], n)]
    rows.sort(key=lambda r: r[-1])
    return rows


# Which actions to fill, in a deterministic order independent of the ids.
ACTIONS_SQL = (
    'SELECT a.id, a.target_value FROM "action" a JOIN document d ON d.id = a.document '
    "WHERE d.slug LIKE 'bench-%' ORDER BY d.slug, a.position"
)
COLUMNS = ("action", "status", "percent", "note", "value", "author", "source", "created_at")


def load_sqlite(path: str, n: int, seed: int) -> int:
    import sqlite3

    conn = sqlite3.connect(path, isolation_level=None)
    try:
        actions = conn.execute(ACTIONS_SQL).fetchall()
        check_empty(conn.execute('SELECT COUNT(*) FROM "update"').fetchone()[0], actions)
        rows = all_updates(actions, n, seed)
        # Piccolo's Timestamptz on SQLite is text like '2026-11-28 07:57:25.874747+00:00'.
        rows = [r[:-1] + (r[-1].isoformat(sep=" ", timespec="microseconds"),) for r in rows]
        sql = f'INSERT INTO "update" ({", ".join(COLUMNS)}) VALUES ({", ".join("?" * 8)})'
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
        rows = all_updates(actions, n, seed)
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
# DISTINCT: an action lists a party once, but be safe; order as on the page files.
PATHS_SQL = (
    f"SELECT DISTINCT d.slug, a.code, a.position {PARTY_ACTIONS} AND p.key = ? "
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
    out.mkdir(parents=True, exist_ok=True)
    (out / "secretariat-actions.txt").write_text("\n".join(paths) + "\n", encoding="utf-8")
    print(f"party {key}: {count} actions", file=sys.stderr)
    print(key)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dataset", choices=sorted(DATASETS), nargs="?", default="M")
    parser.add_argument("--out", type=Path, help="output folder (default bench/out/<dataset>)")
    parser.add_argument("--seed", type=int, default=42)
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
    else:
        write_files(args.dataset, out, args.seed)


if __name__ == "__main__":
    main()
