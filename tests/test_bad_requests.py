"""Requests anyone can send get a clear 4xx, never a 500."""

from __future__ import annotations

import pytest

NO_FEEDS = ["/ical/0", "/ical/ntt.txt", "/ical/unknown.ics", "/ical/%20.ics"]


@pytest.mark.parametrize("path", NO_FEEDS)
def test_calendar_feeds_of_no_party_are_not_found(as_user, path):
    response = as_user("viewer").get(path)
    assert response.status_code == 404
    assert "Pihak" in response.text


@pytest.mark.parametrize("path", NO_FEEDS)
def test_calendar_feeds_without_a_token_are_refused_not_crashed_on(client, seeded, path):
    assert client.get(path).status_code in (403, 404)


def test_messages_may_name_a_key_value():
    from tracker import i18n

    assert "ntt" in i18n.translator("id")._("Unknown party `%(key)s`.", key="ntt")


IMPOSSIBLE_IDS = ["0", "-1", "2147483648", "99999999999999999999"]


@pytest.mark.parametrize("number", IMPOSSIBLE_IDS)
def test_numbers_no_row_can_have_are_not_found_in_paths(as_user, number):
    from test_meetings import create

    client = as_user("notulis")
    slug = create(client)
    for path in (f"/rakor/{slug}/v/{number}", f"/evidence/{number}"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert "tidak" in response.text.lower(), path
    assert client.get(f"/rakor/{slug}/notulen.md?v={number}").status_code in (404, 422)


@pytest.mark.parametrize("number", IMPOSSIBLE_IDS)
def test_numbers_no_row_can_have_are_refused_in_meeting_forms(as_user, number):
    from conftest import csrf
    from test_meetings import create

    client = as_user("notulis")
    slug = create(client)
    token = csrf(client)
    for path, data in (
        ("pindah", {"id": number, "direction": "up"}),
        ("hapus", {"kind": "item", "id": number}),
        ("keputusan", {"item": number, "text": "Disepakati"}),
        ("tindak-lanjut", {"item": number, "title": "Langkah", "owner": "ntt"}),
        ("simpan", {"kind": "item", "id": number, "field": "title", "value": "x"}),
    ):
        response = client.post(
            f"/rakor/{slug}/{path}", data={**data, "_csrf_token": token}, follow_redirects=False
        )
        assert response.status_code in (404, 422), (path, response.status_code)


@pytest.mark.parametrize("number", IMPOSSIBLE_IDS[1:])
def test_an_impossible_correction_is_a_message_not_a_crash(as_user, number):
    from conftest import csrf

    client = as_user("ntt")
    response = client.post(
        "/d/harmoni-bali-ntt/PM-01/updates",
        data={
            "status": "in_progress",
            "percent": "10",
            "corrects": number,
            "_csrf_token": csrf(client),
        },
    )
    assert response.status_code == 422


def test_a_huge_form_is_refused_before_it_is_parsed_even_without_a_login(client, seeded):
    """Litestar's CSRF check parses the form of every POST, before the login is
    known, on the event loop: a 10 MB login form of a million fields took
    seconds to parse, the worker answering no one meanwhile. Now a form is at
    most 256 KB unless its route takes files, and has at most 10,000 fields."""
    from conftest import csrf

    from tracker.web.inputs import MAX_FIELDS, MAX_FORM_BYTES

    token = csrf(client)
    big = {"_csrf_token": token, "username": "x", "password": "p" * MAX_FORM_BYTES}
    too_large = client.post("/login", data=big, follow_redirects=False)
    assert too_large.status_code == 413
    assert "lebih besar" in too_large.text
    many = "&".join(f"f{i}=1" for i in range(MAX_FIELDS)) + f"&_csrf_token={token}"
    form = {"content-type": "application/x-www-form-urlencoded"}
    # An update's route takes 51 MB (its files), but not a million fields.
    for path in ("/login", "/logout", "/d/harmoni-bali-ntt/PM-01/updates"):
        refused = client.post(path, content=many, headers=form, follow_redirects=False)
        assert refused.status_code == 400, path
        assert "terlalu banyak isian" in refused.text, path
    # A form of ordinary size still logs in.
    fields = "&".join(f"f{i}=1" for i in range(100))
    assert client.post("/login", content=f"{fields}&_csrf_token={token}&username=x&password=y",
                       headers=form).status_code == 401  # fmt: skip


def test_a_malformed_multipart_form_is_refused_in_the_interface_language(as_user):
    """Litestar's own English words ('multipart boundary missing in Content-Type',
    'Request Entity Too Large' for more than 1,000 parts) stood on the
    Indonesian error page."""
    from conftest import csrf

    client = as_user("ntt")
    path = "/d/harmoni-bali-ntt/PM-03/updates"
    headers = {"x-csrftoken": csrf(client)}
    no_boundary = client.post(
        path, content=b"x", headers={**headers, "content-type": "multipart/form-data"}
    )
    parts = {f"f{i}": "1" for i in range(1001)}
    too_many = client.post(
        path, data=parts, files={"files": ("a.png", b"\x89PNG")}, headers=headers
    )
    for refused in (no_boundary, too_many):
        assert refused.status_code == 400
        assert "Permintaan ini tidak dapat diproses" in refused.text
        assert "boundary" not in refused.text and "Entity" not in refused.text
