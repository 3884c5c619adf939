"""Headers on every response, HEAD like GET, and what may be cached."""

from __future__ import annotations


def test_pages_carry_security_headers_and_are_not_cached(as_user):
    client = as_user("viewer")
    for path in ("/", "/status", "/d/harmoni-bali-ntt", "/api/documents", "/d/tidak-ada"):
        response = client.get(path)
        headers = response.headers
        assert "frame-ancestors 'none'" in headers["content-security-policy"], path
        assert "script-src 'self'" in headers["content-security-policy"], path
        assert headers["x-frame-options"] == "DENY", path
        assert headers["x-content-type-options"] == "nosniff", path
        assert headers["referrer-policy"] == "same-origin", path
        assert headers["cache-control"] == "private, no-store", path


def test_static_files_keep_their_long_public_cache(client):
    response = client.get("/static/tracker.css")
    assert response.status_code == 200
    assert "public" in response.headers["cache-control"]
    assert response.headers["x-content-type-options"] == "nosniff"


def test_head_answers_like_get_without_a_body(as_user):
    client = as_user("viewer")
    get = client.get("/status")
    head = client.head("/status")
    assert head.status_code == 200 and head.content == b""
    assert head.headers["content-type"] == get.headers["content-type"]
    assert client.head("/d/tidak-ada").status_code == 404


def test_evidence_keeps_its_own_sandbox_policy(as_user):
    from test_progress import PM01, PNG, post

    client = as_user("ntt")
    post(client, PM01, files=[("files", ("foto.png", PNG, "image/png"))])
    page = client.get(PM01).text
    href = page.split('href="/evidence/')[1].split('"')[0]
    response = client.get(f"/evidence/{href}")
    assert "sandbox" in response.headers["content-security-policy"]
    assert response.headers["cache-control"] == "private, no-store"


def test_nul_in_a_url_or_a_form_is_refused_with_a_message(as_user, client):
    from conftest import csrf, rows
    from test_progress import PM01, post

    for path in (
        "/d/%00",
        "/d/harmoni-bali-ntt/PM%0001",
        "/status?party=%00",
        "/api/documents/%00",
    ):
        response = client.get(path)
        assert response.status_code == 400, path
        assert "NUL" in response.text, path
    login = client.post(
        "/login", data={"username": "ntt\x00", "password": "x", "_csrf_token": csrf(client)}
    )
    assert login.status_code == 400 and "karakter NUL" in login.text
    ntt = as_user("ntt")
    # Logged in, with the CSRF token in the header (htmx): the form is not read
    # by the CSRF check, and the login form still refuses a NUL (found by the fuzzer).
    again = ntt.post(
        "/login",
        data={"username": "\x00", "password": "x"},
        headers={"x-csrftoken": csrf(ntt)},
    )
    assert again.status_code == 400 and "karakter NUL" in again.text
    for field in ({"note": "Mulai\x00"}, {"links": "https://a.id/\x00"}, {"percent": "3\x000"}):
        response = post(ntt, PM01, **field)
        assert response.status_code == 400 and "karakter NUL" in response.text, field
    assert rows("update") == []


def _jar(client, **cookies: str) -> None:
    """Replace the client's cookies (one jar entry per name)."""
    client.cookies.clear()
    for name, value in cookies.items():
        client.cookies.set(name, value)


def test_csrf_token_is_new_at_login_and_logout_and_bound_to_the_session(client, accounts):
    from conftest import csrf, login
    from litestar.testing import TestClient

    from tracker.web.app import create_app

    before = csrf(client)
    assert login(client, "ntt").status_code in (302, 303)
    session = client.cookies.get("tracker_session")
    after_login = client.cookies.get("csrftoken")
    assert after_login and after_login != before  # a new token for the new session
    client.get("/aksi")
    assert client.cookies.get("csrftoken") == after_login
    form = {"status": "in_progress", "percent": "5", "note": "x"}

    # The token from before the login no longer writes.
    _jar(client, tracker_session=session, csrftoken=before)
    stale = client.post("/d/harmoni-bali-ntt/PM-01/updates", data={**form, "_csrf_token": before})
    assert stale.status_code == 403

    # A valid pair from another session is refused in this one.
    with TestClient(app=create_app(pool=False, secret=client.app.state["secret"])) as other:
        login(other, "bali")
        pair = other.cookies.get("csrftoken")
    _jar(client, tracker_session=session, csrftoken=pair)
    swapped = client.post("/d/harmoni-bali-ntt/PM-01/updates", data={**form, "_csrf_token": pair})
    assert swapped.status_code == 403 and "Formulir kedaluwarsa" in swapped.text

    _jar(client, tracker_session=session, csrftoken=after_login)
    out = client.post("/logout", data={"_csrf_token": after_login}, follow_redirects=False)
    dropped = [c for c in out.headers.get_list("set-cookie") if c.startswith("csrftoken=")]
    assert dropped and "Max-Age=0" in dropped[0]
    client.cookies.clear()
    client.get("/login")
    assert client.cookies.get("csrftoken") not in (None, after_login)


def test_a_page_opened_with_an_unbound_token_gets_this_sessions_token(client, accounts):
    from conftest import login

    login(client, "viewer")
    session, bound = client.cookies.get("tracker_session"), client.cookies.get("csrftoken")
    _jar(client, tracker_session=session, csrftoken="0" * 64 + "f" * 64)
    response = client.get("/status?party=ntt", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/status?party=ntt"
    assert response.cookies.get("csrftoken") == bound


def test_the_schema_describes_forms_redirects_and_files(as_user):
    schema = as_user("viewer").get("/schema/openapi.json").json()
    post = schema["paths"]["/d/{slug}/{code}/updates"]["post"]
    form = post["requestBody"]["content"]["multipart/form-data"]["schema"]
    assert {"status", "percent", "note", "files", "_csrf_token"} <= set(form["properties"])
    assert "303" in post["responses"] and "201" not in post["responses"]
    assert "422" in post["responses"] and "text/html" in post["responses"]["422"]["content"]
    xlsx = schema["paths"]["/status.xlsx"]["get"]["responses"]["200"]["content"]
    assert list(xlsx) == ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"]
    pdf = schema["paths"]["/status/d/{slug}/laporan.pdf"]["get"]["responses"]["200"]["content"]
    assert list(pdf) == ["application/pdf"]
    api_404 = schema["paths"]["/api/documents/{slug}"]["get"]["responses"]["404"]["content"]
    assert "application/json" in api_404
    paged = schema["paths"]["/api/documents"]["get"]["responses"]["200"]["headers"]
    assert set(paged) == {"Link", "X-Total-Count"}


def test_every_form_post_has_its_body_described(as_user):
    """A client generated from /schema can send every form the pages send."""
    from tracker.web.openapi import FORMS

    schema = as_user("viewer").get("/schema/openapi.json").json()
    posts = {
        path
        for path, operations in schema["paths"].items()
        if "post" in operations and not path.startswith("/api/")
    }
    undescribed = {p for p in posts if "requestBody" not in schema["paths"][p]["post"]}
    assert undescribed == set(), undescribed
    assert {path for _, path in FORMS} <= set(schema["paths"])  # no stale entry
    create = schema["paths"]["/rakor"]["post"]["requestBody"]["content"]
    fields = create["application/x-www-form-urlencoded"]["schema"]["properties"]
    assert {"title", "date", "follows", "invited", "chair_nip", "_submission"} <= set(fields)
