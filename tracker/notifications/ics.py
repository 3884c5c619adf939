"""The iCalendar invitation of a Rakor (RFC 5545/5546): REQUEST, or CANCEL.

One file per recipient, naming only that recipient as ATTENDEE, so nobody's
address reaches another invitee. Times are in Asia/Makassar (WITA), with its
VTIMEZONE, so a calendar anywhere shows the meeting at the right hour. The
UID stays the same for a meeting's life and SEQUENCE grows with each change,
so a calendar updates its entry instead of adding a second one.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

WITA_ZONE = ZoneInfo("Asia/Makassar")
DEFAULT_LENGTH = dt.timedelta(hours=2)  # a meeting without an end time
REQUEST, CANCEL = "REQUEST", "CANCEL"


def invitation(
    *,
    method: str,
    uid: str,
    sequence: int,
    title: str,
    starts_at: dt.datetime,
    ends_at: dt.datetime | None,
    place: str,
    description: str,
    url: str,
    organizer: tuple[str, str],
    attendee: tuple[str, str],
    stamp: dt.datetime,
) -> str:
    """The .ics text; `organizer` and `attendee` are (name, address)."""
    import icalendar  # loaded when mail is composed, not by every web worker

    cal = icalendar.Calendar()
    cal.add("prodid", "-//Pemantau Kesepakatan Bali-NTT//Rakor//ID")
    cal.add("version", "2.0")
    cal.add("method", method)
    event = icalendar.Event()
    event.add("uid", uid)
    event.add("sequence", sequence)
    event.add("dtstamp", stamp.astimezone(dt.UTC))
    start = starts_at.astimezone(WITA_ZONE)
    event.add("dtstart", start)
    event.add("dtend", (ends_at or starts_at + DEFAULT_LENGTH).astimezone(WITA_ZONE))
    event.add("summary", title)
    if place:
        event.add("location", place)
    event.add("description", description)
    if url:
        event.add("url", url)
    event.add("status", "CANCELLED" if method == CANCEL else "CONFIRMED")
    event.add("transp", "OPAQUE")
    event.add("organizer", _address(*organizer))
    person = _address(*attendee)
    person.params["ROLE"] = "REQ-PARTICIPANT"
    person.params["PARTSTAT"] = "NEEDS-ACTION"
    person.params["RSVP"] = "FALSE"
    event.add("attendee", person)
    cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical().decode("utf-8")


def _address(name: str, address: str) -> Any:
    import icalendar

    value = icalendar.vCalAddress(f"mailto:{address}")
    if name:
        value.params["CN"] = name
    return value
