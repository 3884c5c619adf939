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
