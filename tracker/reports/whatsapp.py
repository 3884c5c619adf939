"""WhatsApp-ready text: a short plain-text summary of some actions, to paste in a group.

Formatted for WhatsApp: a `*bold*` title line, one line per action (code,
title, owner names, due date and status in the interface language), at most
`LIMIT` action lines then "… dan N lainnya", and the page's link at the end.
Plain text only (it goes into a textarea and a wa.me link): no HTML, no HTTP.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from tracker import i18n, words

LIMIT = 30  # action lines; the rest is counted
TITLE_CHARS = 80
OWNERS_SHOWN = 2  # then "+N": a line should fit a phone's screen
SHARE = "https://wa.me/?text="


@dataclass(frozen=True, slots=True)
class Line:
    code: str
    title: str
    owners: tuple[str, ...]  # names, not party keys
    due: dt.date | None
    status: str | None = None  # None: not shown (e.g. a Rakor's follow-up as decided)
    late: bool = False
    holding: tuple[str, ...] = ()  # a late shared action: the parts not yet done


def _one_line(text: str, limit: int) -> str:
    """Collapse whitespace (a newline would break the one-line-per-action shape)."""
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def lines_from_rows(rows: Iterable[Mapping[str, Any]], names: Mapping[str, str]) -> list[Line]:
    """Status-table rows (`service.action_row`) or a Rakor's follow-ups as lines."""
    return [
        Line(
            code=r["code"],
            title=r["title"],
            owners=tuple(names.get(k, k) for k in r.get("owner") or ()),
            due=r.get("due"),
            status=r.get("status"),
            late=bool(r.get("late")),
            holding=tuple(r.get("holding") or ()),
        )
        for r in rows
    ]


def action_line(line: Line, lang: str) -> str:
    parts = [f"{line.code} {_one_line(line.title, TITLE_CHARS)}"]
    if line.owners:
        owners = ", ".join(_one_line(n, 60) for n in line.owners[:OWNERS_SHOWN])
        if len(line.owners) > OWNERS_SHOWN:
            owners += f" +{len(line.owners) - OWNERS_SHOWN}"
        parts.append(owners)
    if line.due:
        parts.append(i18n.translator(lang)._("due %(date)s", date=i18n.format_date(line.due, lang)))
    else:
        parts.append(i18n.translator(lang)._("No deadline"))
    if line.status:
        state = i18n.translator(lang)._(words.STATUS[line.status])
        if line.late:
            state += " (" + i18n.translator(lang)._("late") + ")"
        if line.late and line.holding:
            held = ", ".join(_one_line(n, 60) for n in line.holding[:OWNERS_SHOWN])
            if len(line.holding) > OWNERS_SHOWN:
                held += f" +{len(line.holding) - OWNERS_SHOWN}"
            held_back = i18n.translator(lang)._("Held back by").lower()
            state += f"; {held_back}: {held}"
        parts.append(state)
    return "• " + " — ".join(parts)


def summary(
    title: str,
    lines: list[Line],
    link: str,
    lang: str,
    total: int | None = None,
    subtitle: str | None = None,
    limit: int = LIMIT,
) -> str:
    """The whole text. `total` counts every matching action when `lines` holds only
    the first ones (the status page passes its first `LIMIT` rows)."""
    total = len(lines) if total is None else total
    head = _one_line(title, 200).replace("*", "")
    out = [f"*{head}*"]
    if subtitle:
        out.append(_one_line(subtitle, 200))
    out.append("")
    if not lines:
        out.append(i18n.translator(lang)._("No actions."))
    out.extend(action_line(line, lang) for line in lines[:limit])
    if total > min(limit, len(lines)):
        n = total - min(limit, len(lines))
        out.append(i18n.translator(lang)._("… and %(n)s more", n=i18n.format_number(n, lang)))
    out.append("")
    out.append(link)
    return "\n".join(out)


def share_url(text: str) -> str:
    """The wa.me link that opens WhatsApp with `text` ready to send (no API, no account)."""
    return SHARE + quote(text, safe="")


def absolute(base_url: str, path: str) -> str:
    """`path` (with its query) on the tracker's public address."""
    return base_url.rstrip("/") + path
