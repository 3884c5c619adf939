"""Requests anyone can send get a clear 4xx, never a 500."""

from __future__ import annotations

import pytest

NO_FEEDS = ["/ical/0", "/ical/ntt", "/ical/unknown.ics", "/ical/%20.ics"]


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

    assert "ntt" in i18n.translate("error.party_not_found", "id", key="ntt")
