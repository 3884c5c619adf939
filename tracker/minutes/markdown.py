"""The minutes as a file in the agreement format, so their follow-ups are tracked.

The output is a `type: minutes` file (docs/agreement-format.md) that
`tracker.agreements.format.parse_document` reads without errors: one
`## n. title {#item-n}` commitment per agenda item, its notes as the
description, its decisions as a plain list, and each follow-up as an action
with `owner`, `with`, `due`, `indicator` and `target` fields.

User text must never change the file's structure. Front-matter values go
through `yaml.safe_dump` (which quotes whatever needs quoting) after being
flattened to one line, so nothing can close the front matter early. Free text
(opening, notes, closing) keeps its paragraphs and line breaks, but a line
that would open a block (`- [ ]`, `## `, `---`, a fence, an HTML block, a
quote, a list) gets a backslash in front, which Markdown shows as the
character itself. Titles, decisions and field values are flattened to one
line: after `**CODE** ` or `Keputusan 1: ` they can only be inline text.

Decisions are written as a `*` list and actions as a `-` list: a different
bullet starts a new list, so the decisions stay free text (the commitment's
description) instead of joining the list of actions.

The closing (penutup) comes last under a `#### Penutup` line: `####` is only
text to the format, so it adds no commitment, but the parser files it in the
last agenda item's description (there is nowhere else after the last `##`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

import yaml

from tracker import i18n
from tracker.minutes import labels as L

# A line that, at the start of a paragraph or after one, would open a block.
_ATX = re.compile(r"#{1,6}(\s|$)")
_BULLET = re.compile(r"[-*+](\s|$)")
_ORDERED = re.compile(r"(\d{1,9})([.)])(\s|$)")
_RULE_OR_UNDERLINE = re.compile(r"[-*_=\s]+")
_FENCE = re.compile(r"(```|~~~)")
_LINK_DEFINITION = re.compile(r"\[[^\]]*\]:")
_CLOSING_HASHES = re.compile(r"(\s)(#+)$")


def minutes_markdown(record: Mapping[str, Any]) -> str:
    """The minutes record as a minutes file for the `agreements/` folder."""
    lang = L.language(record)
    parts = [_front_matter(record), f"# {_h1(record.get('title'))}"]
    parts += _blocks(record.get("opening"))
    for number, item in L.shown_items(record):
        parts += _item(item, number, lang)
    closing = _blocks(record.get("closing"))
    if sentence := L.next_meeting(record):
        closing.append(sentence)
    if closing:
        parts += ["#### " + i18n.translator(lang)._("Closing"), *closing]
    return "\n\n".join(parts) + "\n"


def front_matter_values(record: Mapping[str, Any]) -> dict[str, Any]:
    """The front-matter keys, in the format's order; empty optional ones left out.

    `attendees` lists those who were there in person or through a
    representative (named in brackets); the absent stay in the PDF's
    attendance list only. `parties` lists just the parties the follow-ups
    name, so the file is self-contained while inherited ones stay with the
    agreement.
    """
    lang = L.language(record)
    values: dict[str, Any] = {
        "id": L.one_line(record.get("id")),
        "type": "minutes",
        "title": L.one_line(record.get("title")),
        "date": L.meeting_date(record),
        "place": L.one_line(record.get("place")),
        "follows": [L.one_line(f.get("id")) for f in record.get("follows") or []],
        "chair": L.person_line(record.get("chair")),
        "attendees": [_attendee(a, lang) for a in L.attended(record.get("attendees") or [])],
        "language": lang,
        "parties": _parties(record),
    }
    optional = ("place", "chair", "attendees", "parties")
    return {k: v for k, v in values.items() if v or k not in optional}


def _front_matter(record: Mapping[str, Any]) -> str:
    dumped = yaml.safe_dump(
        front_matter_values(record),
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=1_000_000,  # never fold a value onto a second line
    )
    return f"---\n{dumped}---"


def _attendee(attendee: Mapping[str, Any], lang: str) -> str:
    """'Name — Title', with '(diwakili oleh X)' for someone represented and
    '(tamu …)' for a guest who came uninvited."""
    line = L.person_line(attendee)
    if attendee.get("presence") in ("diwakili", L.GUEST):
        line += f" ({L.presence(attendee, lang)})"
    return line


def _parties(record: Mapping[str, Any]) -> dict[str, str]:
    """The parties the follow-ups name, in the record's order, with their full names."""
    named = {key for f in L.follow_ups(record) for key in _party_keys(f)}
    parties = record.get("parties") or {}
    return {key: L.one_line(name) for key, name in parties.items() if key in named}


def _party_keys(follow_up: Mapping[str, Any]) -> list[str]:
    return [*(follow_up.get("owner") or []), *(follow_up.get("with") or [])]


def _item(item: Mapping[str, Any], number: int, lang: str) -> list[str]:
    """One agenda item: its heading, notes, decisions and follow-up actions."""
    parts = [f"## {number}. {L.one_line(item.get('title'))} {{#item-{number}}}"]
    parts += _blocks(item.get("notes"))
    if not L.discussed(item):
        parts.append(i18n.translator(lang)._("Not discussed."))
    decisions = [L.decision_line(d, lang) for d in item.get("decisions") or []]
    if decisions:
        parts.append("\n".join(f"* {name}: {text}" for name, text in decisions))
    parts += [_action(f) for f in item.get("follow_ups") or []]
    return parts


def _action(follow_up: Mapping[str, Any]) -> str:
    """`- [ ] **CODE** title` and its fields, leaving out the empty ones."""
    lines = [f"- [ ] **{L.one_line(follow_up.get('code'))}** {L.one_line(follow_up.get('title'))}"]
    fields = {
        "owner": ", ".join(map(L.one_line, follow_up.get("owner") or [])),
        "with": ", ".join(map(L.one_line, follow_up.get("with") or [])),
        "due": _iso(follow_up.get("due")),
        "indicator": L.one_line(follow_up.get("indicator")),
        "target": L.one_line(follow_up.get("target")),
    }
    lines += [f"  - {key}: {value}" for key, value in fields.items() if value]
    return "\n".join(lines)


def _iso(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


def _h1(title: object) -> str:
    """The title on one line; trailing `#`s would otherwise be read as the heading's end."""
    return _CLOSING_HASHES.sub(lambda m: m[1] + "\\" + m[2], L.one_line(title))


def _blocks(text: object) -> list[str]:
    """Free text as escaped paragraphs, one string per paragraph."""
    return ["\n".join(map(escape_line, p.split("\n"))) for p in L.paragraphs(text)]


def escape_line(line: str) -> str:
    """One line of user text that cannot open a block: no item, heading or rule.

    Leading spaces are dropped (four would make code, fewer can still open a
    block); then a backslash goes before the character that would open one.
    """
    line = line.strip()
    if m := _ORDERED.match(line):
        return f"{m[1]}\\{line[len(m[1]) :]}"
    if (
        line.startswith((">", "<"))
        or _ATX.match(line)
        or _BULLET.match(line)
        or _RULE_OR_UNDERLINE.fullmatch(line)
        or _FENCE.match(line)
        or _LINK_DEFINITION.match(line)
    ):
        return "\\" + line
    return line
