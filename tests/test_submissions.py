"""A form sent twice is stored once: double taps, browser retries, dead workers."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import socket
import subprocess
import time

import httpx
from conftest import PASSWORD, rows, serve
from test_progress import PM01, post, updates_of

KEY = "kunci-sekali-pakai-0001"


def test_the_form_carries_a_fresh_key_each_time(as_user):
    client = as_user("ntt")
    keys = {
        re.search(r'name="_submission" value="([^"]+)"', client.get(PM01).text)[1] for _ in "ab"
    }
    assert len(keys) == 2 and all(len(k) >= 16 for k in keys)


def test_sending_the_same_form_again_stores_nothing_new(as_user):
    client = as_user("ntt")
    first = post(client, PM01, _submission=KEY)
    assert first.status_code == 303
    again = post(client, PM01, _submission=KEY)  # same key, same stale `seen`
    assert again.status_code == 303 and again.headers["location"] == f"{PM01}#updates"
    assert "tidak disimpan dua kali" in client.get(PM01).text
    htmx = post(client, PM01, _submission=KEY, headers={"HX-Request": "true"})
    assert htmx.status_code == 200 and "tidak disimpan dua kali" in htmx.text
    assert len(updates_of("PM-01")) == 1
    assert len(rows("submission")) == 1
    # A refused post stores no key: the corrected form can be sent with it.
    bad = post(client, PM01, _submission="kunci-sekali-pakai-0002", percent="150")
    assert bad.status_code == 422
    seen = str(updates_of("PM-01")[-1]["id"])
    good = post(client, PM01, _submission="kunci-sekali-pakai-0002", percent="50", seen=seen)
    assert good.status_code == 303 and len(updates_of("PM-01")) == 2


def test_the_same_report_sent_again_from_a_reloaded_page_is_stored_once(as_user):
    """Without JavaScript, the back button after a lost answer reloads the page
    (new key, new `seen`) and the browser puts the typed report back: sent
    again, it is the first one, not a second copy. Without the file, or with
    another note, it is a new report."""
    client = as_user("ntt")
    png = [("files", ("foto.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "image/png"))]
    first = post(client, PM01, _submission=KEY, files=png)
    assert first.status_code == 303
    seen = str(updates_of("PM-01")[-1]["id"])
    again = post(client, PM01, _submission="kunci-halaman-baru-0002", seen=seen, files=png)
    assert again.status_code == 303 and again.headers["location"] == f"{PM01}#updates"
    assert "tidak disimpan dua kali" in client.get(PM01).text
    assert len(updates_of("PM-01")) == 1
    no_file = post(client, PM01, _submission="kunci-halaman-baru-0003", seen=seen)
    assert no_file.status_code == 303 and len(updates_of("PM-01")) == 2
    seen = str(updates_of("PM-01")[-1]["id"])
    other_note = post(client, PM01, note="Pembinaan gelombang dua", seen=seen)
    assert other_note.status_code == 303 and len(updates_of("PM-01")) == 3
    seen = str(updates_of("PM-01")[-1]["id"])
    htmx = post(
        client, PM01, note="Pembinaan gelombang dua", seen=seen, headers={"HX-Request": "true"}
    )
    assert "tidak disimpan dua kali" in htmx.text and len(updates_of("PM-01")) == 3


async def _same_form_at_once(base: str, copies: int) -> list[int]:
    async with httpx.AsyncClient(base_url=base, timeout=60) as http:
        await http.get("/login")
        await http.post(
            "/login",
            data={
                "username": "ntt",
                "password": PASSWORD,
                "_csrf_token": http.cookies["csrftoken"],
            },
        )
        form = {
            "_csrf_token": http.cookies["csrftoken"],
            "_submission": KEY,
            "status": "in_progress",
            "percent": "40",
            "note": "Dikirim berkali-kali oleh peramban",
        }
        sends = [http.post(f"{PM01}/updates", data=form) for _ in range(copies)]
        return [r.status_code for r in await asyncio.gather(*sends)]


def test_twenty_copies_sent_at_once_are_stored_once(accounts):
    server = serve(workers=2)
    base = next(server)
    try:
        codes = asyncio.run(_same_form_at_once(base, 20))
    finally:
        server.close()
    assert set(codes) == {303}, codes  # every copy is sent on to the action page
    assert len(updates_of("PM-01")) == 1


def _worker_pids(port: int) -> list[int]:
    out = subprocess.run(
        ["ps", "-ww", "-eo", "pid=,ppid=,args="], capture_output=True, text=True
    ).stdout
    procs = [line.split(None, 2) for line in out.splitlines()]
    # the exact port: "--port 4123" must not match a server on 41234 (the other pass's)
    ours = {int(pid): int(ppid) for pid, ppid, args in procs if f"--port {port} " in f"{args} "}
    return [pid for pid, ppid in ours.items() if ppid in ours]


def test_a_retry_after_a_worker_died_mid_post_is_stored_once(accounts, client):
    """The first try dies with its worker before it is stored; the browser's
    retry (same key) is stored; a further retry is recognised."""
    server = serve(workers=2)
    base = next(server)
    port = int(base.rsplit(":", 1)[1])
    try:
        http = httpx.Client(base_url=base, timeout=30)
        http.get("/login")
        http.post(
            "/login",
            data={
                "username": "ntt",
                "password": PASSWORD,
                "_csrf_token": http.cookies["csrftoken"],
            },
        )
        token = http.cookies["csrftoken"]
        body = f"_csrf_token={token}&_submission={KEY}&status=in_progress&percent=10&note=Pertama"
        cookie = "; ".join(f"{k}={v}" for k, v in http.cookies.items())
        # Half a request, then the worker that holds it is killed.
        raw = socket.create_connection(("127.0.0.1", port))
        raw.sendall(
            (
                f"POST {PM01}/updates HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: {cookie}\r\n"
                "Content-Type: application/x-www-form-urlencoded\r\n"
                f"Content-Length: {len(body) + 100}\r\n\r\n{body}"
            ).encode()
        )
        workers = _worker_pids(port)
        assert len(workers) == 2
        for worker in workers:  # whichever holds it
            os.kill(worker, signal.SIGKILL)
        raw.close()
        assert updates_of("PM-01") == []
        form = dict(pair.split("=", 1) for pair in body.split("&"))
        for _ in range(30):  # the supervisor starts a new worker
            try:
                retry = http.post(f"{PM01}/updates", data=form, follow_redirects=False)
                break
            except httpx.TransportError:
                time.sleep(0.2)
        assert retry.status_code == 303
        again = http.post(f"{PM01}/updates", data=form, follow_redirects=False)
        assert again.status_code == 303
        http.close()
    finally:
        server.close()
    assert [u["note"] for u in updates_of("PM-01")] == ["Pertama"]
