"""The Rakor benchmark (issue 5), over HTTP against a running server:

    python bench/meeting.py BASE_URL "COOKIE HEADER" [RUNS]

As a notulis (the cookie of a logged-in `notulis` account), on a database
loaded with a bench dataset (bench/run.sh does all of it):

1. a previous meeting is created on 30 June over enough bench documents to
   hold 200 open actions, and finalized: it is the "previous meeting" whose
   date the next agenda compares with;
2. a meeting reviewing those 200+ actions is created RUNS times (`POST /rakor`
   drafts its agenda: carry-over, open actions late first, status then → now,
   the updates in between), timed, then its page is opened, timed;
3. one of them gets decisions and follow-ups on every item and 40 attendees,
   is finalized, and its notulen are downloaded as PDF and DOCX, RUNS times each.

Prints one line per measure: `name median_seconds run,run,...`, then the
meetings left behind (`meetings: draft SLUG final SLUG`: the first one made,
still a draft, and the finalized one; bench/run.sh measures their pages), then
facts.
"""

from __future__ import annotations

import statistics
import sys
import time
from datetime import date

import httpx

TODAY = date.today().isoformat()


def main() -> None:
    base, cookie = sys.argv[1], sys.argv[2]
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    csrf = dict(part.strip().split("=", 1) for part in cookie.split(";"))["csrftoken"]
    with httpx.Client(base_url=base, headers={"Cookie": cookie}, timeout=120) as client:
        docs, reviewed = documents_with_open_actions(client, 200)
        previous = create(client, csrf, docs, "2026-06-30", "Rakor sebelumnya")
        finalize(client, csrf, previous, add_follow_ups=1)
        created, seconds = [], []
        for n in range(runs):
            started = time.perf_counter()
            created.append(create(client, csrf, docs, TODAY, f"Rakor bench {n + 1}"))
            seconds.append(time.perf_counter() - started)
        report("create + draft agenda (POST /rakor)", seconds)
        pages = [timed(lambda: get(client, f"/rakor/{created[0]}")) for _ in range(runs)]
        report("meeting page with the drafted agenda (GET)", pages)
        slug = created[-1]
        page_html = get(client, f"/rakor/{slug}").text
        items = page_html.count('class="agenda-item"')
        finalize(client, csrf, slug, add_follow_ups=3, attendees=40)
        for fmt in ("pdf", "docx"):
            body = get(client, f"/rakor/{slug}/notulen.{fmt}").content  # warm-up
            times = [
                timed(lambda f=fmt: get(client, f"/rakor/{slug}/notulen.{f}")) for _ in range(runs)
            ]
            report(f"notulen.{fmt} download", times, f"{len(body)} bytes")
        print(f"meetings: draft {created[0]} final {slug}")
        print(
            f"facts: documents {','.join(docs)}; open actions reviewed {reviewed}; agenda items {items}"
        )


def documents_with_open_actions(client: httpx.Client, wanted: int) -> tuple[list[str], int]:
    docs, total, n = [], 0, 1
    while total < wanted:
        slug = f"bench-{n:03d}"
        counts = get(client, f"/api/status/d/{slug}").json()["totals"]["by_status"]
        docs.append(slug)
        total += counts["not_started"] + counts["in_progress"] + counts["at_risk"]
        n += 1
    return docs, total


def create(client: httpx.Client, csrf: str, docs: list[str], day: str, title: str) -> str:
    data = {
        "_csrf_token": csrf,
        "title": title,
        "date": day,
        "time": "09:00",
        "place": "Denpasar",
        "follows": docs,
        "chair_name": "Pimpinan Bench",
        "notulis_name": "Notulis Bench",
    }
    response = client.post("/rakor", data=data)
    if response.status_code != 303:
        raise SystemExit(f"POST /rakor: HTTP {response.status_code}: {response.text[:500]}")
    return response.headers["location"].removeprefix("/rakor/")


def finalize(
    client: httpx.Client, csrf: str, slug: str, add_follow_ups: int, attendees: int = 0
) -> None:
    """Decisions and follow-ups on every agenda item, attendees, then finalize."""
    import re

    html = get(client, f"/rakor/{slug}").text
    # Each agenda item's field for a new decision (the page is one form).
    items = re.findall(r'name="new_decision-(\d+)"', html)
    if not items:  # the page changed: finalizing without decisions would measure too little
        raise SystemExit(f"/rakor/{slug}: no agenda item found to decide on")
    for item in dict.fromkeys(items):
        post(
            client, slug, "keputusan", csrf, item=item, text=f"Keputusan untuk pokok bahasan {item}"
        )
        for k in range(add_follow_ups):
            post(
                client,
                slug,
                "tindak-lanjut",
                csrf,
                item=item,
                title=f"Tindak lanjut {k + 1} pokok bahasan {item}",
                owner="bali",
                due="2027-03-31",
                target="10 kegiatan",
            )
    for k in range(attendees):
        post(
            client, slug, "peserta", csrf, name=f"Peserta {k + 1}", title="Kepala Bidang", party=""
        )
    post(client, slug, "final", csrf)


def post(client: httpx.Client, slug: str, path: str, csrf: str, **data: str) -> None:
    response = client.post(f"/rakor/{slug}/{path}", data={"_csrf_token": csrf, **data})
    if response.status_code != 303:
        raise SystemExit(
            f"POST /rakor/{slug}/{path}: HTTP {response.status_code}: {response.text[:500]}"
        )


def get(client: httpx.Client, path: str) -> httpx.Response:
    response = client.get(path)
    if response.status_code != 200:
        raise SystemExit(f"GET {path}: HTTP {response.status_code}: {response.text[:300]}")
    return response


def timed(call) -> float:
    started = time.perf_counter()
    call()
    return time.perf_counter() - started


def report(name: str, seconds: list[float], extra: str = "") -> None:
    runs = ",".join(f"{s:.3f}" for s in seconds)
    print(f"{name}\t{statistics.median(seconds):.3f}\t{runs}\t{extra}")


if __name__ == "__main__":
    main()
