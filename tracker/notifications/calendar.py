"""Days as Bali and NTT count them: WITA dates and Indonesian working days.

Saturdays, Sundays and Indonesia's national holidays (from the `holidays`
package, never a hand-written list) are not working days. A reminder before a
due date that would fall on one goes out on the working day before; the late
reminder goes out on the first working day after the due date.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Any

from tracker.i18n import WITA

SEND_HOUR = 7  # messages of a day go out from 07:00 WITA


def wita_now(now: dt.datetime | None = None) -> dt.datetime:
    return (now or dt.datetime.now(dt.UTC)).astimezone(WITA)


@cache
def _holidays(year: int) -> Any:
    """The year's national holidays (the package is loaded on first use: a web
    worker that never plans notifications does not hold its tables)."""
    import holidays

    return holidays.country_holidays("ID", years=year)


def holiday_name(day: dt.date) -> str | None:
    return _holidays(day.year).get(day)


def is_working_day(day: dt.date) -> bool:
    return day.weekday() < 5 and day not in _holidays(day.year)


def working_day_on_or_before(day: dt.date) -> dt.date:
    while not is_working_day(day):
        day -= dt.timedelta(days=1)
    return day


def first_working_day_after(day: dt.date) -> dt.date:
    day += dt.timedelta(days=1)
    while not is_working_day(day):
        day += dt.timedelta(days=1)
    return day


def before(due: dt.date, days: int) -> dt.date:
    """The day a reminder `days` before `due` goes out: that day, or the working day before."""
    return working_day_on_or_before(due - dt.timedelta(days=days))


def monday_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())
