"""The smaller things users noticed (issue 9, item 9), over real HTTP against
`tracker serve` and on real HTML: where a login lands, whose part an action is
in Aksi saya, error pages in the interface language, the audit log in words,
the favicon, the viewer's header, refused posts keeping what was typed, the
CSV import's error summary, and a clear message for a port already taken."""

from __future__ import annotations

import html
import re
import socket
import subprocess
import sys

import httpx
import pytest
from conftest import PASSWORD, ROOT, rows, run, sync
from test_sync import AGREEMENT, write


def session(base: str, username: str | None = None, lang: str = "id") -> httpx.Client:
    """An HTTP client of the live server, logged in as `username` if given."""
    client = httpx.Client(base_url=base, timeout=30, cookies={"lang": lang})
    client.get("/login")
    if username:
        response = log_in(client, username)
        assert response.status_code in (302, 303), response.text
    return client


def log_in(client: httpx.Client, username: str, next_: str | None = None) -> httpx.Response:
    data = {"username": username, "password": PASSWORD, "_csrf_token": token(client)}
    if next_ is not None:
        data["next"] = next_
    return client.post("/login", data=data)


def token(client: httpx.Client) -> str:
    return client.cookies.get("csrftoken") or ""


def who(page: str) -> str:
    """The header's account part: who is logged in, or the login link."""
    return page.split('<div class="account">', 1)[1].split("</div>", 1)[0]


# --- where a login lands ---------------------------------------------------------


@pytest.mark.parametrize(
    ("username", "landing"), [("ntt", "/aksi"), ("admin", "/aksi"), ("viewer", "/")]
)
def test_logging_in_from_the_sites_address_lands_on_aksi_saya(
    live_server, accounts, username, landing
):
    client = session(live_server)
    first = client.get("/")
    assert first.status_code == 303 and first.headers["location"] == "/login?next=/"
    form = client.get(first.headers["location"]).text
    assert 'name="next" value="/"' in form  # the login form carries it
    assert log_in(client, username, "/").headers["location"] == landing
    # A deeper page asked for is still where the login goes.
    again = session(live_server)
    assert log_in(again, username, "/status?party=ntt").headers["location"] == "/status?party=ntt"
    # Opening the login page while logged in, from the site's address, too.
    assert client.get("/login?next=/").headers["location"] == landing


# --- Aksi saya: owner or supporting, names not codes --------------------------------


def test_aksi_saya_tags_each_row_owner_or_supporting_with_party_names(
    live_server, accounts, agreements
):
    assert sync(write(agreements, AGREEMENT)).ok  # ntt owns uji PM-01, supports PM-02
    for lang, owner, supporting in (
        ("id", "Penanggung jawab", "Pendukung"),
        ("en", "Owner", "Supporting"),
    ):
        page = session(live_server, "ntt", lang).get("/aksi").text
        rows_ = {
            m.group(1): m.group(0)
            for m in re.finditer(
                r'<tr>\s*<td class="primary"><a href="/d/([^"]+)".*?</tr>', page, re.S
            )
        }
        pm01, pm02 = rows_["uji/PM-01"], rows_["uji/PM-02"]
        assert f'<span class="badge role role-owner">{owner}</span>' in pm01
        assert f'<span class="badge role role-with">{supporting}</span>' in pm02
        assert "Pemerintah Provinsi Bali" in pm02  # the owner of PM-02, by name
        assert "Pemerintah Provinsi Nusa Tenggara Timur" in pm02  # ...and its supporter
        assert not re.search(r"[:,] (bali|ntt)\b", pm02)  # no party codes
    # An admin is no party: the rows name the parties without a tag.
    admin = session(live_server, "admin").get("/aksi").text
    assert "role-owner" not in admin and "Pemerintah Provinsi" in admin


# --- error pages ---------------------------------------------------------------


ENGLISH_DEFAULTS = ("Not Found", "Method Not Allowed", "Validation failed", "Bad Request")


@pytest.mark.parametrize("lang", ["id", "en"])
def test_error_pages_speak_the_interface_language(live_server, accounts, lang):
    client = session(live_server, "ntt", lang)
    texts = {
        "id": {
            404: "Halaman tidak ditemukan.",
            405: "Alamat ini tidak menerima permintaan DELETE. Yang diterima: GET",
            400: "page harus berupa nomor halaman, bukan 0",
            403: "Peran Anda (peninjau)",
            413: "Berkas CSV lebih dari 2 MB",
        },
        "en": {
            404: "Page not found.",
            405: "This address does not accept a DELETE request. Accepted: GET",
            400: "page must be a page number, not 0",
            403: "Your role (viewer)",
            413: "The CSV file is larger than 2 MB",
        },
    }[lang]
    answers = {
        404: client.get("/tidak/ada/di/sini"),
        405: client.delete("/aksi", headers={"x-csrftoken": token(client)}),
        400: client.get("/aksi?page=0"),
        403: session(live_server, "viewer", lang).get("/admin/audit"),
        413: client.post(
            "/aksi/import",
            data={"_csrf_token": token(client)},
            files=[("file", ("besar.csv", b"a" * (3 * 1024 * 1024), "text/csv"))],
        ),
    }
    for status, response in answers.items():
        assert response.status_code == status, (status, response.text[:300])
        page = html.unescape(response.text)
        assert f'<html lang="{lang}">' in page
        assert texts[status].lower() in page.lower(), (status, page)
        main = page.split('<main id="main">', 1)[1]
        for english in ENGLISH_DEFAULTS:
            assert english not in main, (status, english)
    # A form without files, over the size limit: said without a file's limits.
    form = client.post(
        "/profil", data={"_csrf_token": token(client), "email": "a" * (11 * 1024 * 1024)}
    )
    assert form.status_code == 413
    said = {"id": "lebih besar daripada yang diterima", "en": "larger than this page accepts"}
    assert said[lang] in html.unescape(form.text) and "5 " not in said[lang]
    allow = answers[405].headers["allow"]
    assert "GET" in allow.split(", ")
    # The header of a 404 for an unknown address still shows who is logged in.
    header = who(answers[404].text)
    assert "Pengguna ntt" in header and 'action="/logout"' in header
    assert ">Masuk<" not in header and ">Log in<" not in header
    # ...and its logout form carries this session's token: logging out works.
    logout_token = re.search(r'name="_csrf_token" value="([^"]*)"', header).group(1)
    assert logout_token == token(client)
    out = client.post("/logout", data={"_csrf_token": logout_token})
    assert out.status_code in (302, 303) and out.headers["location"] == "/login"


def test_an_unknown_address_without_login_is_still_a_translated_404(live_server, seeded):
    client = httpx.Client(base_url=live_server, timeout=30)
    response = client.get("/tidak/ada")
    assert response.status_code == 404
    assert "Halaman tidak ditemukan." in response.text and "Not Found" not in response.text
    assert ">Masuk<" in who(response.text)
    api = client.get("/api/tidak-ada")  # the API keeps answering JSON
    assert api.status_code == 404 and api.json()["status_code"] == 404
    # ...in the interface's words, never Litestar's English defaults.
    assert api.json()["detail"] == "Halaman tidak ditemukan."
    anonymous = client.get("/api/documents")
    assert anonymous.status_code == 401 and "login" not in anonymous.json()["detail"].lower()
    wrong = client.post("/api/documents")
    assert wrong.status_code in (401, 405) and "Method Not Allowed" not in wrong.text
    static = client.get("/static/tidak-ada.css")
    assert static.status_code == 404 and "no file or directory" not in static.text
    assert "Halaman tidak ditemukan." in static.text


@pytest.mark.parametrize("status", [400, 401, 403, 404, 405, 409, 413, 422, 429, 500, 503])
def test_every_error_status_has_a_message_in_both_languages(status):
    from tracker import i18n, words

    message = words.ERROR_STATUS[str(status)]
    indonesian = i18n.translator("id")._(message, method="POST", allowed="GET")
    english = i18n.translator("en")._(message, method="POST", allowed="GET")
    assert indonesian and english and indonesian != english


# --- audit log, favicon, the viewer's header -------------------------------------


def test_audit_log_shows_kinds_in_words(live_server, accounts):
    from tracker import i18n
    from tracker.accounts import audit

    admin = session(live_server, "admin")
    admin.get("/lang/en")
    page = admin.get("/admin/audit").text
    assert "Logged in" in page and "User added" in page
    body = page.split("<tbody>", 1)[1]
    assert not re.search(r">(login|user\.add|update\.add|document\.sync)<", body)
    # Every kind the code records has words in both languages.
    recorded = set()
    for path in (ROOT / "tracker").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for call in re.findall(
            r'(?:audit\.record|_record)\(\s*("[a-z_.]+"(?:\s+if ok else\s+"[a-z_.]+")?)', text
        ):
            recorded |= set(re.findall(r'"([a-z_.]+)"', call))
    assert recorded >= {"update.add", "document.sync", "meeting.create", "meeting.finalize"}
    assert recorded <= set(audit.KINDS), recorded - set(audit.KINDS)
    for message in audit.KINDS.values():  # translated in both catalogs (tests/test_i18n.py)
        assert i18n.translator("id")._(message) != message
        assert i18n.translator("en")._(message)


def test_favicon_is_served_and_linked(live_server, accounts):
    anonymous = httpx.Client(base_url=live_server, timeout=30)
    icon = anonymous.get("/favicon.ico")
    assert icon.status_code == 200
    assert icon.headers["content-type"].startswith("image/svg+xml")
    assert icon.content.startswith(b"<svg")
    page = session(live_server, "viewer").get("/").text
    href = re.search(r'<link rel="icon" href="([^"]+)" type="image/svg\+xml">', page).group(1)
    linked = anonymous.get(href)
    assert linked.status_code == 200 and linked.content == icon.content


def test_the_viewers_header_names_the_role_once(live_server, accounts):
    from tracker.accounts.users import add_user

    run(add_user("peninjau", "viewer", PASSWORD, [], "peninjau"))
    run(add_user("tamu", "viewer", PASSWORD, [], "Tamu (peninjau)"))
    for username, expected in (
        ("viewer", "Pengguna viewer · peninjau"),
        ("peninjau", "peninjau"),
        ("tamu", "Tamu (peninjau)"),
    ):
        header = who(session(live_server, username).get("/").text)
        shown = re.search(r'<a class="who"[^>]*>(.*?)</a>', header).group(1)
        assert shown == expected
        assert shown.count("peninjau") == 1


# --- refused posts keep what was typed; the import's error summary ---------------


def test_a_refused_update_keeps_what_was_typed(live_server, accounts):
    client = session(live_server, "ntt")
    response = client.post(
        "/d/harmoni-bali-ntt/PM-02/updates",
        data={
            "_csrf_token": token(client),
            "status": "in_progress",
            "percent": "150",
            "value": "12",
            "note": "Surat edaran sudah <dikirim> ke kabupaten",
            "links": "https://ntt.example/surat\nbukan tautan",
        },
    )
    assert response.status_code == 422
    page = response.text
    assert 'class="error-summary"' in page
    assert 'value="150"' in page and 'value="12"' in page
    assert "Surat edaran sudah &lt;dikirim&gt; ke kabupaten</textarea>" in page
    assert "https://ntt.example/surat\nbukan tautan</textarea>" in page
    assert '<option value="in_progress" selected>' in page
    assert rows("update") == []


def test_a_refused_import_keeps_the_file_text_under_an_error_summary(live_server, accounts):
    client = session(live_server, "ntt")
    bad = (
        "Dokumen,Rencana aksi,Status,Persentase,Catatan\r\n"
        "harmoni-bali-ntt,harmoni-bali-ntt/PM-01,Berjalan,150,terlalu tinggi\r\n"
        "harmoni-bali-ntt,harmoni-bali-ntt/XX-99,Berjalan,10,tidak ada\r\n"
    )
    response = client.post(
        "/aksi/import",
        data={"_csrf_token": token(client)},
        files=[("file", ("aksi.csv", bad.encode(), "text/csv"))],
    )
    assert response.status_code == 422
    page = response.text
    summary = page.split('<div class="error-summary"', 1)[1].split("</div>", 1)[0]
    assert page.index('class="error-summary"') < page.index('<table class="import-plan')
    assert '<a href="#line-2">Baris 2: Persentase harus bilangan bulat 0–100' in summary
    assert '<a href="#line-3">Baris 3: Aksi harmoni-bali-ntt/XX-99 tidak dikenal.' in summary
    assert 'id="line-2"' in page and 'id="line-3"' in page
    kept = page.split('<textarea id="csv-text" name="csv"', 1)[1].split(">", 1)[1]
    assert html.unescape(kept.split("</textarea>", 1)[0]) == bad
    # Fixed in the page's own form (no file chosen): previewed again.
    fixed = bad.replace(",150,", ",40,").replace(
        "harmoni-bali-ntt,harmoni-bali-ntt/XX-99,Berjalan,10,tidak ada\r\n", ""
    )
    again = client.post(
        "/aksi/import",
        data={"_csrf_token": token(client), "csv": fixed},
        files=[("file", ("", b"", "application/octet-stream"))],
    )
    assert again.status_code == 200, again.text
    assert ">akan dicatat</td>" in again.text and "error-summary" not in again.text
    # A file that cannot be read at all: the summary links to the kept text.
    unreadable = client.post(
        "/aksi/import",
        data={"_csrf_token": token(client)},
        files=[("file", ("x.csv", b"nama,umur\r\nBudi,30\r\n", "text/csv"))],
    )
    assert unreadable.status_code == 422
    assert '<li><a href="#csv-text">Baris pertama CSV harus memuat judul kolom' in unreadable.text
    assert "nama,umur" in unreadable.text.split('id="csv-text"', 1)[1]


# --- scripts/run and tracker serve on a port already taken ------------------------


def test_serving_on_a_taken_port_says_which_and_how_to_choose_another(seeded):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        for command in (
            [sys.executable, "-m", "tracker", "serve", "--port", str(port), "--no-sync"],
            [sys.executable, "-m", "tracker.web.supervisor", "--port", str(port)],
        ):
            result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=60)
            assert result.returncode == 1, result
            assert "Traceback" not in result.stderr + result.stdout
            assert f"port {port} on 127.0.0.1 is already taken" in result.stderr
            assert "--port" in result.stderr and "scripts/run --port" in result.stderr
        # The port is still ours: nothing else was started on it.
        assert taken.getsockname()[1] == port
