"""Accounts: the `tracker user` commands, logins and their limits, sessions."""

from __future__ import annotations

import os
import subprocess
import sys

import httpx
from conftest import DATABASE_URL, PASSWORD, ROOT, SEED_DIR, csrf, login, rows, serve


def tracker(*args: str, password: str | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "TRACKER_DATABASE": DATABASE_URL, "TRACKER_AGREEMENTS": str(SEED_DIR)}
    return subprocess.run(
        [sys.executable, "-m", "tracker", *args],
        cwd=ROOT,
        env=env,
        input=None if password is None else password + "\n",
        capture_output=True,
        text=True,
    )


def test_user_commands(seeded):
    added = tracker(
        "user",
        "add",
        "sek-ntt",
        "--role",
        "secretariat",
        "--party",
        "ntt",
        password="sandi-yang-panjang",
    )
    assert added.returncode == 0, added.stderr
    listed = tracker("user", "list").stdout
    assert "sek-ntt\tsecretariat\tntt\tactive" in listed
    assert tracker("user", "passwd", "sek-ntt", password="sandi-baru-panjang").returncode == 0
    assert tracker("user", "disable", "sek-ntt").returncode == 0
    assert "sek-ntt\tsecretariat\tntt\tdisabled" in tracker("user", "list").stdout
    assert tracker("user", "enable", "sek-ntt").returncode == 0
    assert "sek-ntt\tsecretariat\tntt\tactive" in tracker("user", "list").stdout
    actions = [a["action"] for a in rows("audit_entry") if a["action"].startswith("user.")]
    assert actions == ["user.add", "user.passwd", "user.disable", "user.enable"]


def test_user_add_refuses_bad_input_with_a_message(seeded):
    cases = [
        (["--role", "secretariat"], "needs at least one --party"),
        (["--role", "secretariat", "--party", "atlantis"], "unknown party atlantis"),
        (["--role", "viewer", "--party", "ntt"], "only secretariat accounts"),
        (["--role", "viewer", "--display-name", "Nama\tdengan\ntab"], "is one line"),
        (["--role", "viewer", "--display-name", "x" * 101], "at most 100 characters"),
    ]
    for extra, message in cases:
        result = tracker("user", "add", "orang", *extra, password="sandi-yang-panjang")
        assert result.returncode == 1 and message in result.stderr, result.stderr
    short = tracker("user", "add", "orang", "--role", "viewer", password="pendek")
    assert short.returncode == 1 and "at least 8 characters" in short.stderr
    assert tracker("user", "add", "orang", "--role", "kepala").returncode == 2  # not a role
    tracker("user", "add", "orang", "--role", "viewer", password="sandi-yang-panjang")
    again = tracker("user", "add", "orang", "--role", "viewer", password="sandi-yang-panjang")
    assert again.returncode == 1 and "already exists" in again.stderr
    assert [u["username"] for u in rows("tracker_user")] == ["orang"]


def test_wrong_password_and_disabled_account(client, accounts):
    wrong = login(client, "ntt", "bukan-sandinya")
    assert wrong.status_code == 401 and "Nama pengguna atau kata sandi salah." in wrong.text
    assert login(client, "tidak-ada").status_code == 401


def test_more_than_five_failures_lock_the_account_for_a_while(client, accounts):
    for _ in range(5):
        assert login(client, "ntt", "salah-salah-salah").status_code == 401
    refused = login(client, "ntt")  # even the right password
    assert refused.status_code == 429
    assert "Terlalu banyak percobaan masuk yang gagal" in refused.text and "WITA" in refused.text
    assert login(client, "bali").status_code == 429  # and the address, after five failures
    assert [a["success"] for a in rows("login_attempt")] == [False] * 5
    # Refusals are audited, once per account and lockout however many come.
    assert login(client, "ntt").status_code == 429
    refusals = [a["target"] for a in rows("audit_entry") if a["action"] == "login.refused"]
    assert sorted(refusals) == ["bali", "ntt"]


def test_logout_ends_the_session(as_user):
    client = as_user("ntt")
    assert client.get("/aksi").status_code == 200
    out = client.post("/logout", data={"_csrf_token": csrf(client)}, follow_redirects=False)
    assert out.status_code in (302, 303)
    assert client.get("/aksi", follow_redirects=False).status_code == 303
    assert rows("login_session") == []


def test_session_cookie_flags(client, accounts):
    response = login(client, "ntt")
    cookie = response.headers["set-cookie"].lower()
    assert "tracker_session=" in cookie and "httponly" in cookie and "samesite=lax" in cookie
    assert "secure" not in cookie  # plain http here; set when the request came over https


def test_sessions_survive_a_restart_and_work_on_every_worker(seeded, accounts):
    with httpx.Client() as http:
        server = serve(workers=2)
        url = next(server)
        http.base_url = url
        assert login(http, "ntt").status_code in (302, 303)
        for _ in range(6):
            assert http.get("/aksi").status_code == 200
        server.close()  # stops the server
        server = serve(workers=2)
        http.base_url = next(server)
        assert http.get("/aksi", follow_redirects=False).status_code == 200
        server.close()


def test_demo_accounts_only_on_a_fresh_sqlite_database():
    import asyncio

    from tracker.accounts import demo
    from tracker.db import is_sqlite

    lines = asyncio.run(demo.create_demo_accounts())
    if is_sqlite():
        assert "Demo accounts" in lines[0]
        assert asyncio.run(demo.create_demo_accounts()) == []  # only once
    else:
        assert rows("tracker_user") == [] and "only" in lines[0]


def test_password_stays_hashed(accounts):
    stored = {u["username"]: u["password_hash"] for u in rows("tracker_user")}
    assert all(h.startswith("scrypt$") and PASSWORD not in h for h in stored.values())


def test_an_expired_session_is_refused(as_user):
    import datetime as dt

    from conftest import run

    from tracker.accounts.tables import Session

    client = as_user("ntt")
    assert client.get("/aksi").status_code == 200
    past = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=1)
    run(Session.update({Session.expires_at: past}, force=True).run())
    assert client.get("/aksi", follow_redirects=False).status_code == 303


def test_every_cookie_is_secure_behind_https(accounts):
    from litestar.testing import TestClient

    from tracker.web.app import create_app

    with TestClient(app=create_app(pool=False), base_url="https://tracker.example") as client:
        response = client.get("/login")
        assert "secure" in response.headers["set-cookie"].lower()  # the CSRF cookie
        logged_in = login(client, "ntt")
        cookies = logged_in.headers.get_list("set-cookie")
        assert cookies and all("secure" in c.lower() for c in cookies)


def test_passwd_for_an_unknown_user_names_the_user_before_asking_a_password(seeded):
    result = tracker("user", "passwd", "nobody", password="")
    assert result.returncode == 1
    assert result.stderr == "tracker user passwd: no user `nobody`\n"
