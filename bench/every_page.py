"""Every page a user can open, measured: each GET address of the app, as the
user who would open it, under the protocol's load (issue 15).

    .venv/bin/python bench/every_page.py [DATASET | FOLDER] [SECONDS]

After `bench/run.sh DATASET` (default M), on what it left in bench/out/DATASET
(or in FOLDER, such a folder of another checkout; BENCH_PASSWORD names its
accounts' password when it is not bench-password-<DATASET>). It serves that
database itself (`tracker serve --workers 2`, port BENCH_PORT or 8124;
TRACKER_DATABASE, if set, serves that database instead, e.g. PostgreSQL).
Before measuring it makes, through the app as its users would, what some
pages need and a bench database may lack: a report with a photo (its
evidence), a finalized Rakor and a draft one with a follow-up
(`bench/meeting.py`), a signed scan, a verification code (the minutes PDF
downloaded). It writes to that database: run it on a copy to keep one as it was.

The app's routes are listed from the app itself: an address with no URL
here is printed as NOT MEASURED and the script exits 1, so a new page cannot
be left out. Pages: `wrk -t2 -c8 -dSECONDSs --latency` (default 5 s, one
run, after a 3 s warm-up as the protocol; the protocol's three 15 s runs are `bench/run.sh`'s
pages). Downloads (CSV, XLSX, PDF, DOCX, the calendar feed: their size grows
with what they list, and a worker makes six PDFs at once at most) are timed
instead, three in a row. Prints a Markdown table; exits 1 if a page did not
answer as expected.
"""

from __future__ import annotations

import asyncio
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import meeting as rakor  # noqa: E402 - bench/meeting.py, beside this file

PNG = b"\x89PNG\r\n\x1a\n" + bytes(64)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
USERS = ("bench-viewer", "bench-sekretariat", "bench-notulis", "bench-admin")
# Addresses that only redirect a form's POST address opened by GET (a page
# reloaded after a refused form): measured like pages, answering 303.
REDIRECTS = {
    "update_posted",
    "import_posted",
    "meeting_posted",
    "approval_posted",
    "signed_copy_posted",
    "language",
}
NOT_PAGES = {"static", "health"}  # a file of static/ (measured by its page weight), the probe


def log_in(base: str, user: str, password: str) -> tuple[httpx.Client, str]:
    client = httpx.Client(base_url=base, timeout=120, follow_redirects=False)
    client.get("/login")
    token = client.cookies.get("csrftoken")
    reply = client.post(
        "/login", data={"username": user, "password": password, "_csrf_token": token}
    )
    if reply.status_code not in (302, 303):
        raise SystemExit(f"login as {user}: HTTP {reply.status_code}")
    return client, client.cookies.get("csrftoken")


def cookie_of(client: httpx.Client) -> str:
    return "; ".join(f"{k}={v}" for k, v in client.cookies.items())


async def lookups() -> dict[str, object]:
    """Ids and tokens read from the database (what a user would have been sent)."""
    from tracker import db
    from tracker.accounts.secrets import shared_secret
    from tracker.accounts.tables import User
    from tracker.notifications import profile

    await db.ensure_migrated()

    async def one(sql: str) -> dict:
        rows = await User.raw(sql).run()
        return rows[0] if rows else {}

    secret = await shared_secret()
    secretariat = await one("SELECT id FROM tracker_user WHERE username = 'bench-sekretariat'")
    party = await one(
        "SELECT p.key FROM party p JOIN user_party up ON up.party = p.id "
        "JOIN tracker_user u ON u.id = up.\"user\" WHERE u.username = 'bench-sekretariat'"
    )
    return {
        "unsubscribe": profile.unsubscribe_token(secret, secretariat["id"], profile.REMINDER),
        "party": party.get("key"),
        "evidence": (await one("SELECT MAX(id) AS id FROM evidence"))["id"],
        "audit": (await one("SELECT MAX(id) AS id FROM audit_entry"))["id"],
        "code": (await one("SELECT code FROM issued_document ORDER BY id DESC LIMIT 1")).get(
            "code"
        ),
        "follow_up": (await one("SELECT MAX(id) AS id FROM follow_up"))["id"],  # the draft's
        "scan": (await one("SELECT MAX(id) AS id FROM signed_copy"))["id"],
    }


def prepare(clients: dict, csrf: dict) -> dict[str, str]:
    """What some pages need, made through the app: meetings, a photo, a scan."""
    notulis = clients["bench-notulis"]
    docs, _ = rakor.documents_with_open_actions(notulis, 20)
    final = rakor.create(notulis, csrf["bench-notulis"], docs[:1], "2026-06-30", "Rakor halaman")
    rakor.finalize(notulis, csrf["bench-notulis"], final, add_follow_ups=1, attendees=3)
    draft = rakor.create(notulis, csrf["bench-notulis"], docs[:1], rakor.TODAY, "Rakor draf")
    item = re.search(r'name="new_decision-(\d+)"', rakor.get(notulis, f"/rakor/{draft}").text)
    rakor.post(
        notulis,
        draft,
        "tindak-lanjut",
        csrf["bench-notulis"],
        item=item.group(1),
        title="Tindak lanjut bench",
        owner="bali",
        due="2027-03-31",
    )
    scan = notulis.post(
        f"/rakor/{final}/v/1/pindaian",
        data={"_csrf_token": csrf["bench-notulis"]},
        files={"file": ("ttd.pdf", PDF, "application/pdf")},
    )
    if scan.status_code != 303:
        raise SystemExit(f"signed scan: HTTP {scan.status_code}: {scan.text[:300]}")
    notulis.get(f"/rakor/{final}/notulen.pdf")  # issues the verification code
    secretariat = clients["bench-sekretariat"]
    action = re.search(r'href="(/d/bench-[^"/]+/[^"/#?]+)"', secretariat.get("/aksi").text)
    if action is None:
        raise SystemExit("no action in the secretariat's Aksi saya")
    reply = secretariat.post(
        f"{action.group(1)}/updates",
        data={
            "_csrf_token": csrf["bench-sekretariat"],
            "status": "in_progress",
            "percent": "40",
            "note": "Foto kegiatan",
            "confirm": "1",
        },
        files={"files": ("foto.png", PNG, "image/png")},
    )
    if reply.status_code != 303:
        raise SystemExit(f"report with a photo: HTTP {reply.status_code}: {reply.text[:300]}")
    slug, code = action.group(1).split("/")[2:4]
    return {
        "final": final,
        "draft": draft,
        "action": action.group(1),
        "doc": docs[0],
        "code": code,
        "slug": slug,
    }


def addresses(made: dict[str, str], found: dict[str, object]) -> dict[str, tuple[str, str, str]]:
    """Route name -> (URL, user, kind): `page` (wrk), `file` (timed), `redirect`."""
    V, S, N, A = USERS
    final, draft, doc = made["final"], made["draft"], made["doc"]
    action = made["action"]
    slug, code = action.split("/")[2:4]
    return {
        "home": ("/", V, "page"),
        "document": (f"/d/{doc}", V, "page"),
        "action": (action, V, "page"),
        "language": (f"/lang/en?next={action}", V, "redirect"),
        "api_documents": ("/api/documents", V, "page"),
        "api_document": (f"/api/documents/{slug}", V, "page"),
        "api_action": (f"/api/documents/{slug}/actions/{code}", V, "page"),
        "favicon": ("/favicon.ico", V, "page"),
        "login": ("/login", "", "page"),
        "update_posted": (f"{action}/updates", S, "redirect"),
        "import_posted": ("/aksi/import", S, "redirect"),
        "my_actions": ("/aksi", S, "page"),
        "my_actions_csv": ("/aksi.csv", S, "file"),
        "evidence": (f"/evidence/{found['evidence']}", S, "page"),
        "status": ("/status", V, "page"),
        "document_status": (f"/status/d/{doc}", V, "page"),
        "status_csv": ("/status.csv", V, "file"),
        "status_xlsx": ("/status.xlsx", V, "file"),
        "document_status_pdf": (f"/status/d/{doc}/laporan.pdf", V, "file"),
        "party_calendar": (f"/ical/{found['party']}.ics", S, "file"),
        "api_status": ("/api/status", V, "page"),
        "api_document_status": (f"/api/status/d/{doc}", V, "page"),
        "meeting_parties": (f"/rakor/{draft}/tindak-lanjut/{found['follow_up']}", N, "page"),
        "meeting_posted": (f"/rakor/{draft}/simpan", N, "redirect"),
        "meetings": ("/rakor", V, "page"),
        "meeting_new": ("/rakor/baru", N, "page"),
        "meeting": (f"/rakor/{draft}", N, "page"),
        "meeting_version": (f"/rakor/{final}/v/1", V, "page"),
        "meeting_change": (f"/rakor/{draft}/ubah", N, "page"),
        "meeting_cancel_confirm": (f"/rakor/{draft}/batal", N, "page"),
        "meeting_download": (f"/rakor/{final}/notulen.docx", V, "file"),
        "api_meeting": (f"/api/rakor/{final}", V, "page"),
        "meeting_letter": (f"/rakor/{draft}/surat", N, "page"),
        "meeting_letter_download": (f"/rakor/{draft}/surat/undangan.pdf", N, "file"),
        "signed_copy_posted": (f"/rakor/{final}/v/1/pindaian", N, "redirect"),
        "signed_copy": (f"/rakor/{final}/pindaian/{found['scan']}", V, "page"),
        "meeting_invitation": (f"/rakor/{draft}/undangan", N, "page"),
        "meeting_review": (f"/rakor/{draft}/persetujuan", N, "page"),
        "approval_posted": (f"/rakor/{draft}/ajukan", N, "redirect"),
        "audit": ("/admin/audit", A, "page"),
        "audit_entry": (f"/admin/audit/{found['audit']}", A, "page"),
        "notifications": ("/notifikasi", S, "page"),
        "profile": ("/profil", S, "page"),
        "unsubscribe": (f"/berhenti/{found['unsubscribe']}", "", "page"),
        "outbox": ("/admin/outbox", A, "page"),
        "verify_start": ("/v", "", "page"),
        "verify": (f"/v/{found['code']}", "", "page"),
    }


def fill(path: str, made: dict[str, str]) -> str:
    """A route's path with its parameters: a Rakor form's on the draft (a
    scan's on the finalized one), an update form's on the action, English."""
    values = {"slug": made["slug"], "code": made["code"], "number": "1"}
    if path.startswith("/rakor/"):
        values["slug"] = made["final"] if "pindaian" in path else made["draft"]
    if path.startswith("/lang/"):
        values["code"] = "en"
    return re.sub(r"\{(\w+)(?::\w+)?\}", lambda m: values[m.group(1)], path)


def routes() -> list[tuple[str, str]]:
    """Every GET route of the app: (name, path), the OpenAPI pages left out."""
    from tracker.web.app import create_app

    app = create_app(pool=False)
    found = []
    for route in app.routes:
        if route.path.startswith("/schema"):
            continue  # Litestar's OpenAPI pages (docs/api.md), not the tracker's
        for handler in route.route_handlers:
            if "GET" in (handler.http_methods or ()):
                found.append((handler.name or handler.fn.__name__, route.path))
    return found


def wrk(base: str, url: str, cookie: str, seconds: int) -> tuple[float, float, float]:
    header = ["-H", f"Cookie: {cookie}"] if cookie else []
    command = ["wrk", "-t2", "-c8", *header, base + url]
    subprocess.run([*command[:3], "-d3s", *command[3:]], capture_output=True, check=True)
    out = subprocess.run(
        [*command[:3], f"-d{seconds}s", "--latency", *command[3:]],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    if "Non-2xx" in out or "Socket errors" in out:
        raise RuntimeError(f"{url}: errors under load: {out}")
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    return rps, _ms(out, "50%"), _ms(out, "99%")


def _ms(out: str, label: str) -> float:
    value = re.search(rf"^\s+{label}\s+([\d.]+)(us|ms|s)$", out, re.M)
    number, unit = float(value.group(1)), value.group(2)
    return number / 1000 if unit == "us" else number * 1000 if unit == "s" else number


def serve(folder: Path) -> tuple[subprocess.Popen, str]:
    """`tracker serve --workers 2` on the folder's database, once it answers."""
    port = os.environ.get("BENCH_PORT", "8124")
    env = {
        "TRACKER_DATABASE": f"sqlite:///{folder / 'db.sqlite3'}",
        **os.environ,
        "TRACKER_AGREEMENTS": str(folder / "agreements"),
        "TRACKER_NOTIFY_INTERVAL": "0",  # no notify run in the middle of a measure
    }
    os.environ["TRACKER_DATABASE"] = env["TRACKER_DATABASE"]  # for `lookups`
    command = [str(ROOT / ".venv/bin/tracker"), "serve", "--workers", "2", "--no-sync"]
    server = subprocess.Popen(
        [*command, "--port", port], env=env, cwd=ROOT, stdout=subprocess.DEVNULL
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                return server, base
        except httpx.TransportError:
            time.sleep(0.1)
    server.terminate()
    raise SystemExit("the server did not answer within 30 s")


def main() -> None:
    arg = sys.argv[1] if len(sys.argv) > 1 else "M"
    folder = Path(arg) if "/" in arg else ROOT / "bench" / "out" / arg
    seconds = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    password = os.environ.get("BENCH_PASSWORD", f"bench-password-{folder.name}")
    server, base = serve(folder)
    try:
        measure(base, seconds, password)
    finally:
        server.terminate()
        server.wait(timeout=30)


def measure(base: str, seconds: int, password: str) -> None:
    clients, csrf = {}, {}
    for user in USERS:
        clients[user], csrf[user] = log_in(base, user, password)
    made = prepare(clients, csrf)
    # Each worker reads the latest states on its first status page (seconds on
    # dataset L): done here, not inside the first page's measure.
    viewer = cookie_of(clients["bench-viewer"])
    for path in ("/", "/status"):
        wrk(base, path, viewer, 5)
    found = asyncio.run(lookups())
    wanted = addresses(made, found)
    rows, failed = [], False
    for name, path in routes():
        if name in NOT_PAGES:
            continue
        if name not in wanted:
            rows.append(f"| {path} | | NOT MEASURED: no URL in bench/every_page.py | | |")
            failed = True
            continue
        url, user, kind = wanted[name]
        if kind == "redirect":  # one name for several form addresses: this route's own
            url = fill(path, made) + url.partition("?")[1] + url.partition("?")[2]
        client = clients[user] if user else httpx.Client(base_url=base, timeout=120)
        first = client.get(url)
        expected = (302, 303) if kind == "redirect" else (200,)
        if first.status_code not in expected:
            rows.append(f"| `{url}` | {user or '-'} | HTTP {first.status_code} | | |")
            failed = True
            continue
        size = f"{len(first.content):,} B" if kind != "redirect" else str(first.status_code)
        if kind == "file":
            times = []
            for _ in range(3):
                started = time.perf_counter()
                client.get(url).raise_for_status()
                times.append(time.perf_counter() - started)
            median = statistics.median(times) * 1000
            rows.append(f"| `{url}` | {user or '-'} | {size} | {median:,.0f} ms each | |")
        else:
            rps, p50, p99 = wrk(base, url, cookie_of(client) if user else "", seconds)
            rows.append(
                f"| `{url}` | {user or '-'} | {size} | {rps:,.0f} req/s | {p50:.1f} / {p99:.1f} |"
            )
        print(rows[-1], file=sys.stderr, flush=True)
    print("| address | as | answer | throughput | p50 / p99 (ms) |")
    print("|---|---|---|---|---|")
    print("\n".join(rows))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
