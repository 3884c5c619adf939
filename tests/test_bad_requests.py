"""Requests an anonymous visitor can send get a clear 4xx, never a 500."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("path", ["/ical/0", "/ical/ntt", "/ical/unknown.ics", "/ical/%20.ics"])
def test_calendar_feeds_of_no_party_are_not_found(client, seeded, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "500" not in response.text


def test_messages_may_name_a_key_value():
    from tracker import i18n

    assert "ntt" in i18n.translate("error.party_not_found", "id", key="ntt")
