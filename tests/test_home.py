"""The landing page's numbers (issue 15): kept between requests, and still right
after an update, a part's update, a sync and a withdrawal; in one process and
across the workers of a live server."""

from __future__ import annotations

import re

import httpx
from conftest import PASSWORD, csrf, login, run, sync
from test_sync import write

from tracker.accounts.users import add_user

LINK = "https://baliprov.go.id/laporan"
DOCUMENT = """---
id: uji-beranda
title: Uji beranda
signed: 2026-01-28
parties:
  bali: Pemerintah Provinsi Bali
  ntt: Pemerintah Provinsi Nusa Tenggara Timur
  kota-denpasar: Pemerintah Kota Denpasar
---

## Komitmen {#komitmen}

- [ ] **UB-01** Rekomendasi resmi
  - owner: bali
  - due: 2026-01-31
- [ ] **UB-02** Syarat masuk bersama
  - owner: bali, ntt
  - due: 2099-12-31
- [ ] **UB-03** Pendataan di setiap kabupaten/kota
  - owner: bali, kota-denpasar
  - regions: kabupaten/kota di Bali
  - due: 2099-12-31
- [ ] **UB-04** Forum komunikasi
  - owner: ntt
"""


def numbers(page: str, slug: str = "uji-beranda") -> dict[str, object]:
    """A document's row of the landing page: actions, done, late, percent (as shown)."""
    row = re.search(rf'<tr[^>]*>\s*<td class="primary"><a href="/d/{slug}">.*?</tr>', page, re.S)
    assert row, f"no row for {slug}"
    cells = re.findall(r'<td class="num"[^>]*>(.*?)</td>', row.group(0), re.S)
    actions, done, late = (re.sub(r"<[^>]+>", "", c).strip() for c in cells)
    percent = re.search(r'class="bar"[^>]*>.*?</span></span>\s*([^<]+?) ?%', row.group(0), re.S)[1]
    return {
        "actions": actions,
        "done": done,
        "late": late,
        "percent": percent,
        "withdrawn": 'class="withdrawn"' in row.group(0),
    }


def post(client, path: str, **fields: str):
    data = {"_csrf_token": csrf(client), "status": "in_progress", "percent": "30", "note": "Jalan"}
    response = client.post(f"{path}/updates", data={**data, **fields}, follow_redirects=False)
    assert response.status_code == 303, response.text
    return response


def switch(client, username: str):
    client.post("/logout", data={"_csrf_token": csrf(client)})
    assert login(client, username).status_code in (302, 303)
    return client


def test_numbers_follow_updates_parts_syncs_and_withdrawals(client, agreements, accounts):
    path = write(agreements, DOCUMENT, "uji-beranda.md")
    assert sync(path).ok
    run(add_user("denpasar", "secretariat", PASSWORD, ["kota-denpasar"], "Sek. Kota Denpasar"))
    switch(client, "viewer")
    # UB-01 is past due; nothing reported yet.
    assert numbers(client.get("/").text) == {
        "actions": "4", "done": "0", "late": "1", "percent": "0,0", "withdrawn": False,
    }  # fmt: skip
    assert numbers(client.get("/").text)["late"] == "1"  # kept: the same again

    # An update on a whole action: UB-01 done, no longer late.
    switch(client, "bali")
    post(client, "/d/uji-beranda/UB-01", status="done", percent="100", links=LINK)
    switch(client, "viewer")
    assert numbers(client.get("/").text) == {
        "actions": "4", "done": "1", "late": "0", "percent": "25,0", "withdrawn": False,
    }  # fmt: skip

    # Parts: Bali's part of UB-02 done (half of it); Kota Denpasar's region of
    # UB-03 done (one of nine: 11 %, in whole percents). (100 + 50 + 11 + 0) / 4.
    switch(client, "bali")
    post(client, "/d/uji-beranda/UB-02", part="bali", status="done", percent="100", links=LINK)
    switch(client, "denpasar")
    post(client, "/d/uji-beranda/UB-03", part="51.71", status="done", percent="100", links=LINK)
    switch(client, "viewer")
    page = client.get("/").text
    assert numbers(page) == {
        "actions": "4", "done": "1", "late": "0", "percent": "40,2", "withdrawn": False,
    }  # fmt: skip
    api = next(d for d in client.get("/api/documents").json() if d["slug"] == "uji-beranda")
    assert api["progress"]["by_status"] == {
        "not_started": 1, "in_progress": 2, "at_risk": 0, "done": 1, "cancelled": 0,
    }  # fmt: skip
    assert api["progress"]["percent"] == 40.2

    # A sync: UB-04 leaves the file (withdrawn), UB-05 arrives, past due.
    text = DOCUMENT.replace(
        "- [ ] **UB-04** Forum komunikasi\n  - owner: ntt\n",
        "- [ ] **UB-05** Posko terpadu\n  - owner: ntt\n  - due: 2026-02-28\n",
    )
    write(agreements, text, "uji-beranda.md")
    assert sync(path).ok
    assert numbers(client.get("/").text) == {
        "actions": "4", "done": "1", "late": "1", "percent": "40,2", "withdrawn": False,
    }  # fmt: skip

    # The document withdrawn (its file gone): still listed, marked, its numbers kept.
    path.unlink()
    assert sync(folder=agreements).ok
    assert numbers(client.get("/").text) == {
        "actions": "4", "done": "1", "late": "1", "percent": "40,2", "withdrawn": True,
    }  # fmt: skip
    # ...and the seed documents beside it are as they were.
    assert numbers(client.get("/").text, "harmoni-bali-ntt")["done"] == "0"


def test_the_table_follows_the_language(client, agreements, accounts):
    assert sync(write(agreements, DOCUMENT, "uji-beranda.md")).ok
    switch(client, "viewer")
    assert numbers(client.get("/").text)["percent"] == "0,0"
    client.cookies.set("lang", "en")
    page = client.get("/").text
    assert ">Actions<" in page or "Actions" in page
    assert numbers(page)["percent"] == "0.0"  # English formatting, not the Indonesian table


def test_every_worker_shows_an_update_made_through_another(live_server, accounts):
    """Two workers each keep their own numbers: each must see an update posted
    through the other (what they are kept under is read from the database).
    A new connection per request lets either worker answer."""
    fresh = {"Connection": "close"}
    viewer = httpx.Client(base_url=live_server, timeout=30, headers=fresh)
    ntt = httpx.Client(base_url=live_server, timeout=30, headers=fresh)
    for client, name in ((viewer, "viewer"), (ntt, "ntt")):
        client.get("/login")
        data = {"username": name, "password": PASSWORD, "_csrf_token": client.cookies["csrftoken"]}
        assert client.post("/login", data=data).status_code in (200, 302, 303)
    before = {numbers(viewer.get("/").text, "harmoni-bali-ntt")["done"] for _ in range(12)}
    assert before == {"0"}
    shown = {shown_status(viewer.get("/d/harmoni-bali-ntt").text, "PM-03") for _ in range(12)}
    assert shown == {"not_started"}  # the document's page is kept per worker too
    form = {"_csrf_token": ntt.cookies["csrftoken"], "status": "done", "percent": "100",
            "note": "Selesai", "links": LINK}  # fmt: skip
    response = ntt.post("/d/harmoni-bali-ntt/PM-03/updates", data=form)
    assert response.status_code in (200, 303), response.text
    after = {numbers(viewer.get("/").text, "harmoni-bali-ntt")["done"] for _ in range(12)}
    assert after == {"1"}
    shown = {shown_status(viewer.get("/d/harmoni-bali-ntt").text, "PM-03") for _ in range(12)}
    assert shown == {"done"}


def shown_status(page: str, code: str) -> str:
    """The status an action's live line shows on its document's page."""
    found = re.search(
        rf'href="/d/[^"]+/{code}".*?<div class="action-summary"><span class="badge status-(\w+)"',
        page,
        re.S,
    )
    assert found, f"no live line for {code}"
    return found[1]


def test_the_documents_come_a_page_at_a_time(client, agreements, accounts, monkeypatch):
    """A province keeps years of agreements: `/` shows DOCUMENTS_PER_PAGE of them
    per page, with Previous and Next, and every document is on exactly one page."""
    from tracker.web import documents

    monkeypatch.setattr(documents, "DOCUMENTS_PER_PAGE", 2)
    for n in range(1, 4):
        text = DOCUMENT.replace("uji-beranda", f"uji-halaman-{n}").replace("UB-", f"H{n}-")
        write(agreements, text, f"uji-halaman-{n}.md")
    assert sync(folder=agreements).ok
    switch(client, "viewer")
    listed = set(re.findall(r'<td class="primary"><a href="/d/([^"]+)"', client.get("/").text))
    slugs = [row["slug"] for row in api_pages(client)]
    assert len(slugs) >= 3

    seen: list[str] = []
    pages = -(-len(slugs) // 2)
    for number in range(1, pages + 1):
        page = client.get(f"/?page={number}").text
        shown = re.findall(r'<td class="primary"><a href="/d/([^"]+)"', page)
        assert 1 <= len(shown) <= 2
        seen += shown
        assert f"Halaman {number} dari {pages}" in page
        assert (f'href="/?page={number - 1}"' in page) == (number > 1)
        assert (f'href="/?page={number + 1}"' in page) == (number < pages)
    assert sorted(seen) == sorted(slugs)  # each once, none left out
    assert set(seen[:2]) == listed  # `/` is the first page

    # Past the last page: the last page; not a number: a 400 that says so.
    assert re.findall(r'href="/d/([^"]+)"', client.get("/?page=99").text)[-1] == seen[-1]
    bad = client.get("/?page=dua")
    assert bad.status_code == 400
    assert "page harus berupa nomor halaman, bukan dua" in bad.text
    assert "nomor halaman, bukan 0" in client.get("/notifikasi?page=0").text
    assert "page harus berupa nomor halaman, bukan" in client.get("/?page=").text


def api_pages(client) -> list[dict]:
    """Every document of `/api/documents`, read the way a client would: page
    after page, following the `Link` header's rel="next"."""
    found, path = [], "/api/documents"
    while path:
        response = client.get(path)
        assert response.status_code == 200, response.text
        found += response.json()
        path = dict(
            (rel, url)
            for url, rel in re.findall(r'<([^>]+)>; rel="(\w+)"', response.headers["link"])
        ).get("next")
    return found


def test_the_api_lists_the_documents_a_page_at_a_time(client, agreements, accounts, monkeypatch):
    """`/api/documents` sends DOCUMENTS_PER_PAGE documents per request, in the
    order of `/`, with the other pages in `Link` and the count in X-Total-Count."""
    from tracker.web import documents

    switch(client, "viewer")
    whole = client.get("/api/documents")  # two documents: one page, as before
    assert len(whole.json()) == int(whole.headers["x-total-count"]) >= 2
    assert 'rel="next"' not in whole.headers["link"]

    for n in range(1, 4):
        text = DOCUMENT.replace("uji-beranda", f"uji-api-{n}").replace("UB-", f"A{n}-")
        write(agreements, text, f"uji-api-{n}.md")
    assert sync(folder=agreements).ok
    monkeypatch.setattr(documents, "DOCUMENTS_PER_PAGE", 2)
    first = client.get("/api/documents")
    total = int(first.headers["x-total-count"])
    pages = -(-total // 2)
    assert total >= 5 and len(first.json()) == 2
    assert first.headers["link"] == (
        f'</api/documents?page=1>; rel="first", </api/documents?page={pages}>; rel="last", '
        '</api/documents?page=2>; rel="next"'
    )
    listed = api_pages(client)
    home = []
    for number in range(1, pages + 1):
        home += re.findall(
            r'<td class="primary"><a href="/d/([^"]+)"', client.get(f"/?page={number}").text
        )
    assert [d["slug"] for d in listed] == home  # every document once, in the order of `/`
    assert {f"uji-api-{n}" for n in range(1, 4)} <= set(home)

    past = client.get(f"/api/documents?page={pages + 5}")
    assert past.status_code == 200 and past.json() == []
    assert f'</api/documents?page={pages}>; rel="prev"' in past.headers["link"]
    bad = client.get("/api/documents?page=0")
    assert bad.status_code == 400 and "page" in bad.json()["detail"]
