"""Preparing and holding a Rakor: create, read, and edit a draft meeting.

Every edit is one short write transaction that first checks the meeting is
still a draft. Text typed during the meeting is saved field by field
(`save_field`): the client sends a hash of the value its text was based on,
and a field changed by someone else in between is a `Conflict` (shown to the
user), never a silent overwrite. Two people editing different fields of the
same meeting never conflict.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from piccolo.table import Table

from tracker import db, i18n
from tracker.accounts import audit, submissions
from tracker.accounts.tables import User
from tracker.accounts.users import CurrentUser
from tracker.agreements.format import AMBIGUOUS_NUMBER_RE, TARGET_RE, parse_target, slugify
from tracker.agreements.tables import Document, Party
from tracker.i18n import N_
from tracker.minutes import agenda
from tracker.minutes.tables import (
    AgendaItem,
    Attendee,
    Decision,
    FollowUp,
    Meeting,
    MinutesSubmission,
    MinutesVersion,
)
from tracker.notifications import ics, rakor

PRESENCE = ("hadir", "tidak_hadir", "diwakili", "tamu")  # tamu: a walk-in guest, not invited
UNDISCUSSED = ("mark", "omit")
LINE = 300
SHORT = 100  # a letter's number, attachment and town
TEXT = 20_000
# A letter's sifat, as Indonesian official correspondence names it.
NATURES = ("biasa", "penting", "segera", "sangat_segera", "rahasia")
MAX_ATTENDEES = 300
MAX_ITEMS = 200


class MeetingError(ValueError):
    """A mistake the user can correct: an English msgid (marked with `N_`) with values.

    `field` names the form field it is about, when there is one.
    """

    def __init__(self, key: str, field: str | None = None, **values: object) -> None:
        super().__init__(i18n.translator("en")._(key, **values))
        self.key, self.field, self.values = key, field, values


class FormErrors(MeetingError):
    """Every problem of a form at once, per field (`errors`: field -> (msgid,
    values)); read as a MeetingError, the first."""

    def __init__(self, errors: list[MeetingError]) -> None:
        first = errors[0]
        super().__init__(first.key, first.field, **first.values)
        self.errors: dict[str, tuple[str, dict]] = {}
        for error in errors:
            self.errors.setdefault(error.field or "_form", (error.key, error.values))


class Conflict(Exception):
    """Someone saved this field since the client read it."""

    def __init__(self, value: Any, base: str) -> None:
        super().__init__("changed by someone else")
        self.value, self.base = value, base


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


# ----------------------------------------------------------------- values


def _line(value: Any) -> str:
    text = " ".join(str(value or "").split())
    if len(text) > LINE:
        raise MeetingError(N_("Text too long (at most %(limit)s characters)."), limit=LINE)
    return text


def _text(value: Any) -> str:
    text = str(value or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    if len(text) > TEXT:
        raise MeetingError(N_("Text too long (at most %(limit)s characters)."), limit=TEXT)
    return text


def _short(value: Any) -> str:
    text = _line(value)
    if len(text) > SHORT:
        raise MeetingError(N_("Text too long (at most %(limit)s characters)."), limit=SHORT)
    return text


def _nature(value: Any) -> str:
    text = str(value or "").strip() or NATURES[0]
    if text not in NATURES:
        raise MeetingError(N_("Unknown classification of the letter: %(value)s."), value=text[:40])
    return text


def _nip(value: Any) -> str:
    text = _line(value)
    if text and not re.fullmatch(r"[0-9 .]{1,32}", text):
        raise MeetingError(N_("A NIP holds digits only."))
    return text


def _date(value: Any) -> dt.date | None:
    text = str(value or "").strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise MeetingError(N_("A date must be YYYY-MM-DD, not %(value)s."), value=text) from None


def _presence(value: Any) -> str:
    if value not in PRESENCE:
        raise MeetingError(N_("Unknown presence: %(value)s."), value=value)
    return value


def _target(value: Any) -> str:
    """A follow-up's target as typed (`40 pelatihan`), checked as the agreement
    format checks one, refused in the interface's words (the format's own
    messages are for the people who write agreement files, in English)."""
    text = _line(value)
    if not text:
        return text
    try:
        parse_target(text)
    except ValueError:
        found = TARGET_RE.match(text)
        number = found["num"] if found else ""
        if AMBIGUOUS_NUMBER_RE.match(number):
            raise MeetingError(
                N_(
                    "%(value)s is ambiguous (a decimal, or a thousands separator?): write %(whole)s for the whole number, or %(decimal)s for the decimal."
                ),
                value=number,
                whole=str(int(re.sub(r"[.,]", "", number))),
                decimal=f"{number}0",
            ) from None
        raise MeetingError(
            N_("Not a target: %(value)s. Write a number and a unit, e.g. 40 trainings or 100 %%."),
            value=text,
        ) from None
    return text


def _parties(value: Any) -> list[str]:
    keys = value if isinstance(value, list) else str(value or "").split(",")
    return list(dict.fromkeys(k.strip() for k in keys if k and k.strip()))


def _owners(value: Any) -> list[str]:
    """A follow-up's owners: at least one, wherever they are changed."""
    owners = _parties(value)
    if not owners:
        raise MeetingError(N_("Every follow-up needs an owner%(code)s."), field="owner", code="")
    return owners


# The invitation letter's fields (templates/rakor_letter.html), saved like
# every field of the meeting: autosave, or all at once without JavaScript.
LETTER_FIELDS: dict[str, Callable[[Any], Any]] = {
    "letter_number": _short,
    "letter_nature": _nature,
    "letter_attachment": _short,
    "letter_subject": _line,
    "letter_place": _short,
    "letter_date": _date,
    "signer_name": _line,
    "signer_title": _line,
    "signer_nip": _nip,
}


@dataclass(frozen=True)
class Editable:
    table: type[Table]
    fields: dict[str, Callable[[Any], Any]] = field(default_factory=dict)
    columns: dict[str, str] = field(default_factory=dict)  # field name -> column name


# What the draft page's fields save, one at a time or all at once, by any
# notulis. A meeting's title and place are not here: they are its details, which
# only its creator or an admin changes, on *Ubah* (`change_basics`: the id follows
# the place, the change is audited); saved here they bypassed all three.
EDITABLE = {
    "meeting": Editable(
        Meeting,
        {
            "kop": _text,
            "chair_name": _line,
            "chair_title": _line,
            "chair_nip": _nip,
            "notulis_name": _line,
            "notulis_title": _line,
            "notulis_nip": _nip,
            "opening": _text,
            "closing": _text,
            "next_meeting": _date,
            **LETTER_FIELDS,
        },
    ),
    "item": Editable(AgendaItem, {"title": _line, "notes": _text}),
    "decision": Editable(Decision, {"text": _text}),
    "follow_up": Editable(
        FollowUp,
        {
            "title": _line,
            "due": _date,
            "indicator": _line,
            "target": _target,
            "owner": _owners,
            "with": _parties,
        },
        {"with": "with_"},
    ),
    "attendee": Editable(
        Attendee,
        {"name": _line, "title": _line, "presence": _presence, "represented_by": _line},
    ),
}


# ----------------------------------------------------------------- create


@dataclass
class Basics:
    """What `/rakor/baru` asks first and `/rakor/{id}/ubah` may change while a draft."""

    title: str
    starts_at: dt.datetime
    place: str
    follows: list[str]
    invited: list[str]


@dataclass
class NewMeeting:
    title: str
    starts_at: dt.datetime
    place: str
    follows: list[str]
    invited: list[str]
    attendees: list[tuple[str, str, str | None]]
    people: dict[str, str]  # chair_name, chair_title, ..., kop


async def parse_basics(form: Mapping[str, Any]) -> Basics:
    """Title, date and time, place, followed documents and invited parties of a
    meeting form (new or edit), checked against the documents and parties we
    know; FormErrors names every problem at once."""
    problems: list[MeetingError] = []
    basics = await _basics(form, problems)
    if problems:
        raise FormErrors(problems)
    return basics


def _checked(problems: list[MeetingError], field: str, check: Callable[[], Any]) -> Any:
    """`check()`, or None with its MeetingError (about `field`) kept in `problems`."""
    try:
        return check()
    except MeetingError as exc:
        exc.field = exc.field or field
        problems.append(exc)
        return None


async def _basics(form: Mapping[str, Any], problems: list[MeetingError]) -> Basics:
    title = _checked(problems, "title", lambda: _line(form.get("title")))
    if title == "":
        problems.append(MeetingError(N_("Enter the meeting's title."), field="title"))
    day = _checked(problems, "date", lambda: _date(form.get("date")))
    if day is None and not any(p.field == "date" for p in problems):
        problems.append(MeetingError(N_("Enter the meeting's date."), field="date"))
    clock = str(form.get("time") or "09:00").strip()
    if not re.fullmatch(r"([01]\d|2[0-3])[:.][0-5]\d", clock):
        problems.append(
            MeetingError(N_("The time must be HH:MM, not %(value)s."), field="time", value=clock)
        )
        clock = "09:00"
    follows = _parties(_many(form, "follows"))
    invited = _parties(_many(form, "invited"))
    known_docs, known_parties = await _known()
    if not follows:
        problems.append(
            MeetingError(
                N_("Choose at least one document the meeting follows up."), field="follows"
            )
        )
    for slug in follows:
        if slug not in known_docs:
            problems.append(
                MeetingError(N_("Unknown document: %(value)s"), field="follows", value=slug)
            )
    for key in invited:
        if key not in known_parties:
            problems.append(
                MeetingError(N_("Unknown party: %(value)s"), field="invited", value=key)
            )
    local = dt.datetime.combine(
        day or dt.date.today(), dt.time(int(clock[:2]), int(clock[3:])), tzinfo=i18n.WITA
    )  # (a stand-in when the date was refused: never returned then)
    return Basics(
        title=title or "",
        starts_at=local.astimezone(dt.UTC),
        place=_checked(problems, "place", lambda: _line(form.get("place"))) or "",
        follows=follows,
        invited=invited,
    )


async def parse_new(form: Mapping[str, Any]) -> NewMeeting:
    """The new-meeting form, checked against the documents and parties we know;
    FormErrors names every problem at once."""
    problems: list[MeetingError] = []
    basics = await _basics(form, problems)
    async with db.reading():
        known_parties = {
            spelling.casefold(): row["key"]
            for row in await Party.select(Party.key, Party.name).run()
            for spelling in (row["key"], row["name"])
        }
    people = {}
    for name in EDITABLE["meeting"].fields:
        if name.startswith(("chair_", "notulis_")):
            check = _nip if name.endswith("_nip") else _line
            people[name] = _checked(
                problems, name, lambda check=check, name=name: check(form.get(name))
            )
    people["kop"] = _checked(problems, "kop", lambda: _text(form.get("kop")))
    attendees = _checked(
        problems,
        "attendees",
        lambda: _attendee_lines(str(form.get("attendees") or ""), known_parties),
    )
    if problems:
        raise FormErrors(problems)
    return NewMeeting(
        title=basics.title,
        starts_at=basics.starts_at,
        place=basics.place,
        follows=basics.follows,
        invited=basics.invited,
        attendees=attendees,
        people=people,
    )


def _many(form: Mapping[str, Any], name: str) -> list[str]:
    getall = getattr(form, "getall", None)
    values = getall(name, []) if getall else form.get(name) or []
    return [values] if isinstance(values, str) else list(values)


def _attendee_lines(text: str, parties: Mapping[str, str]) -> list[tuple[str, str, str | None]]:
    """ "Nama — Jabatan" or "Nama — Jabatan — Pihak", one person per line; the
    party by its full name as people write it (its key is accepted too).
    `parties` maps each casefolded name and key to the key."""
    result = []
    for line in text.splitlines():
        parts = [p.strip() for p in re.split(r"\s+[—–-]\s+|\s*;\s*", line) if p.strip()]
        if not parts:
            continue
        party = parties.get(parts[-1].casefold()) if len(parts) >= 3 else None
        name = _line(parts[0])
        title = _line(" — ".join(parts[1:-1] if party else parts[1:]))
        result.append((name, title, party))
    if len(result) > MAX_ATTENDEES:
        raise MeetingError(
            N_("Too many (at most %(limit)s)."), field="attendees", limit=MAX_ATTENDEES
        )
    return result


async def _known() -> tuple[set[str], set[str]]:
    async with db.reading():
        docs = await Document.select(Document.slug).where(Document.withdrawn_at.is_null()).run()
        parties = await Party.select(Party.key).run()
    return {d["slug"] for d in docs}, {p["key"] for p in parties}


async def create(
    user: CurrentUser, new: NewMeeting, address: str, submission: str | None = None
) -> str:
    """A new draft meeting with its agenda drafted from the tracker; its slug.

    The same form sent twice (its `submission` key) creates one meeting: the
    repeat raises `submissions.AlreadySubmitted` naming the first."""
    day = new.starts_at.astimezone(i18n.WITA).date()
    drafted = await agenda.draft(new.follows, day)  # reads only: before the write lock
    async with db.writing():
        await submissions.check(submission, user.id)
        await db.serialize_writers("meeting:new")
        slug = await _free_slug(day, new.place or new.title)
        stamp = now()
        meeting = Meeting(
            slug=slug,
            title=new.title,
            starts_at=new.starts_at,
            place=new.place,
            follows=json.dumps(new.follows),
            invited=json.dumps(new.invited),
            since=drafted["since"],
            created_by=user.id,
            created_at=stamp,
            updated_at=stamp,
            **new.people,
        )
        await meeting.save().run()
        for position, (name, title, party) in enumerate(new.attendees, 1):
            await (
                Attendee(meeting=meeting.id, position=position, name=name, title=title, party=party)
                .save()
                .run()
            )
        await _insert_items(meeting.id, drafted["items"], start=1)
        await audit.record(
            "meeting.create",
            slug,
            user_id=user.id,
            username=user.username,
            address=address,
            detail={"items": len(drafted["items"]), "since": str(drafted["since"] or "")},
        )
        await submissions.claim(submission, user.id, f"meeting:{meeting.id}")
    return slug


async def _insert_items(meeting_id: int, items: list[dict[str, Any]], start: int) -> None:
    for position, item in enumerate(items[:MAX_ITEMS], start):
        await (
            AgendaItem(
                meeting=meeting_id,
                position=position,
                title=item["title"],
                kind=item["kind"],
                source=json.dumps(item["source"]),
                briefing=json.dumps(item["briefing"], default=str),
            )
            .save()
            .run()
        )


async def _free_slug(day: dt.date, hint: str, own: str | None = None) -> str:
    """`rakor-<date>-<first words of the place>`, with `-2`, `-3`... when taken
    (by another meeting or a document; `own`, the meeting's current id, is free)."""
    base = f"rakor-{day.isoformat()}"
    words = slugify(hint.split(",")[0])[:40].strip("-")
    base = f"{base}-{words}" if words else base
    taken = {
        r["slug"]
        for r in await Meeting.raw(
            'SELECT slug FROM "meeting" WHERE slug LIKE {} UNION SELECT slug FROM "document" WHERE slug LIKE {}',
            base + "%",
            base + "%",
        ).run()
    }
    taken.discard(own)
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


# ------------------------------------------------------------------- read


# What `load` reads, in plain SQL: Piccolo's query builder cost more than the
# queries themselves (a meeting page reads seven).
MEETING_SQL = 'SELECT * FROM "meeting" WHERE "slug" = {}'
CONTENTS_SQL = (  # attendees, agenda items, decisions, follow-ups, versions
    'SELECT * FROM "attendee" WHERE "meeting" = {} ORDER BY "position"',
    'SELECT * FROM "agenda_item" WHERE "meeting" = {} ORDER BY "position"',
    'SELECT * FROM "decision" WHERE "meeting" = {} ORDER BY "id"',
    'SELECT * FROM "follow_up" WHERE "meeting" = {} ORDER BY "id"',
    'SELECT v."version", v."finalized_at", u."username" AS "finalized_by" '
    f'FROM "minutes_version" v LEFT JOIN "{User._meta.tablename}" u ON u."id" = v."finalized_by" '
    'WHERE v."meeting" = {} ORDER BY v."version" DESC',
)
PARTIES_SQL = 'SELECT "key", "name" FROM "party"'


async def load(slug: str) -> dict[str, Any] | None:
    """The whole meeting: header, attendees, agenda with decisions and follow-ups.
    Each item's briefing stays as stored (JSON text): only the draft page
    shows briefings, rendered once per `briefing_digest` (`briefing_rows`
    reads one), and parsing those of hundreds of reviewed actions on every
    request was a quarter of a meeting page's cost."""
    async with db.reading():
        found = await Meeting.raw(MEETING_SQL, slug).run()
        if not found:
            return None
        meeting, mid = found[0], found[0]["id"]
        attendees, items, decisions, follow_ups, versions = [
            await Meeting.raw(sql, mid).run() for sql in CONTENTS_SQL
        ]
        parties = {p["key"]: p["name"] for p in await Party.raw(PARTIES_SQL).run()}
    for name in ("follows", "invited"):
        meeting[name] = _json(meeting[name])
    by_item: dict[int, dict[str, list]] = {
        i["id"]: {"decisions": [], "follow_ups": []} for i in items
    }
    for d in decisions:
        by_item[d["item"]]["decisions"].append(d)
    for f in follow_ups:
        f["owner"], f["with"] = (
            _json(f["owner"]),
            _json(f.pop("with_parties", None) or f.pop("with_", "[]")),
        )
        by_item[f["item"]]["follow_ups"].append(f)
    number = 0
    for item in items:
        item["source"] = _json(item["source"])
        item.update(by_item[item["id"]])
        for d in item["decisions"]:  # Keputusan 1, 2, ... in agenda order
            number += 1
            d["display_number"] = number
    meeting.update(attendees=attendees, items=items, versions=versions, parties=parties)
    return meeting


def briefing_rows(item: dict[str, Any]) -> list[dict[str, Any]]:
    """An agenda item's briefing (the open actions it reviews), as `load` left it."""
    return _json(item["briefing"]) or []


def briefing_digest(item: dict[str, Any]) -> str:
    """What an agenda item's briefing says, as a short digest (its table is
    rendered once per digest)."""
    raw = item["briefing"]
    text = raw if isinstance(raw, str) else json.dumps(raw, sort_keys=True, default=str)
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def _json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


async def slug_of(result: str | None) -> str | None:
    """The current id of the meeting a submission created (`meeting:<row id>`),
    if it still exists: its id follows later changes of date and place."""
    if not result or not result.startswith("meeting:"):
        return None
    row_id = db.as_id(result.removeprefix("meeting:"))
    if row_id is None:
        return None
    row = await Meeting.select(Meeting.slug).where(Meeting.id == row_id).first().run()
    return row["slug"] if row else None


async def list_meetings(include_drafts: bool) -> list[dict[str, Any]]:
    """Every meeting for those who edit them; for readers, only finalized minutes,
    with the title, time and place of their latest version: a correction being
    drafted is not shown until it is finalized."""
    async with db.reading():
        if include_drafts:
            return (
                await Meeting.select(
                    Meeting.slug,
                    Meeting.title,
                    Meeting.starts_at,
                    Meeting.place,
                    Meeting.state,
                    Meeting.version,
                )
                .order_by(Meeting.starts_at, ascending=False)
                .run()
            )
        rows = (
            await MinutesVersion.select(
                MinutesVersion.meeting.slug.as_alias("slug"),
                MinutesVersion.version,
                MinutesVersion.record,
            )
            .where(MinutesVersion.version == MinutesVersion.meeting.version)  # the latest
            .run()
        )
    shown = []
    for row in rows:
        record = row["record"]
        record = json.loads(record) if isinstance(record, str) else record
        shown.append(
            {
                "slug": row["slug"],
                "title": record["title"],
                "starts_at": dt.datetime.fromisoformat(record["starts_at"]),
                "place": record["place"],
                "state": "final",
                "version": row["version"],
            }
        )
    return sorted(shown, key=lambda m: m["starts_at"], reverse=True)


# ------------------------------------------------------------------- edit


def require_draft(state: str) -> None:
    """Only drafts are edited: minutes awaiting their chair's approval are
    frozen until approved or returned, issued ones until reopened."""
    if state == "review":
        raise MeetingError(
            N_(
                "These minutes are waiting for the chair's approval and cannot be changed until approved or returned."
            )
        )
    if state != "draft":
        raise MeetingError(N_("These minutes are final; open a correction to change them."))


async def _draft_meeting(slug: str) -> dict[str, Any]:
    """The meeting row, inside the caller's write transaction; only drafts are edited."""
    await db.serialize_writers(f"meeting:{slug}")
    meeting = (
        await Meeting.select(Meeting.id, Meeting.state, Meeting.next_code, Meeting.starts_at)
        .where(Meeting.slug == slug)
        .first()
        .run()
    )
    if meeting is None:
        raise MeetingError(N_("There is no meeting %(value)s."), value=slug)
    require_draft(meeting["state"])
    return meeting


def _check_due(meeting: Mapping[str, Any], due: dt.date | None) -> None:
    """A follow-up is decided at the meeting: it falls due on its day or later
    (a year typed wrong would otherwise make an action late from its birth)."""
    day = db.timestamp(meeting["starts_at"]).astimezone(i18n.WITA).date()
    if due is not None and due < day:
        raise MeetingError(
            N_(
                "The due date %(value)s is before the meeting (%(date)s): a follow-up falls due after it is decided."
            ),
            field="due",
            value=due,
            date=day,
        )


async def _touch(meeting_id: int) -> None:
    await Meeting.update({Meeting.updated_at: now()}).where(Meeting.id == meeting_id).run()


def fingerprint(value: Any) -> str:
    """A short hash of a field's value: what the client's text was based on."""
    if isinstance(value, list):
        text = json.dumps(value)
    elif isinstance(value, dt.date):
        text = value.isoformat()
    else:
        text = "" if value is None else str(value)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


async def save_field(
    slug: str, kind: str, row_id: int, name: str, value: Any, base: str
) -> dict[str, Any]:
    """Autosave one field whose text was based on the value hashed as `base`.

    If someone saved a different value into this same field since, that is a
    `Conflict` (carrying their value); edits of other fields never conflict.
    """
    editable = EDITABLE.get(kind)
    if editable is None or name not in editable.fields:
        raise MeetingError(N_("Unknown field: %(value)s"), value=f"{kind}.{name}")
    clean = editable.fields[name](value)
    if kind == "follow_up" and name in ("owner", "with"):
        _, known_parties = await _known()
        for key in clean:
            if key not in known_parties:
                raise MeetingError(N_("Unknown party: %(value)s"), value=key)
    table = editable.table
    column = table._meta.get_column_by_name(editable.columns.get(name, name))
    async with db.writing():
        meeting = await _draft_meeting(slug)
        if kind == "follow_up" and name == "due":
            _check_due(meeting, clean)
        owner = table.id if table is Meeting else table._meta.get_column_by_name("meeting")
        row = (
            await table.select(column.as_alias("value"))
            .where((table.id == row_id) & (owner == meeting["id"]))
            .first()
            .run()
        )
        if row is None:
            raise MeetingError(
                N_("This part is no longer in the meeting (someone may have removed it).")
            )
        stored = _json(row["value"]) if isinstance(clean, list) else row["value"]
        if fingerprint(stored) == fingerprint(clean):
            return {"value": stored, "base": fingerprint(stored)}
        if fingerprint(stored) != base:
            raise Conflict(stored, fingerprint(stored))
        stored_value = json.dumps(clean) if isinstance(clean, list) else clean
        await table.update({column: stored_value}).where(table.id == row_id).run()
        await _touch(meeting["id"])
    return {"value": clean, "base": fingerprint(clean)}


async def add_item(slug: str, title: str) -> int:
    title = _line(title)
    if not title:
        raise MeetingError(N_("Enter the meeting's title."), field="title")
    async with db.writing():
        meeting = await _draft_meeting(slug)
        rows = await AgendaItem.raw(
            'SELECT COUNT(*) AS n, MAX(position) AS p FROM "agenda_item" WHERE meeting = {}',
            meeting["id"],
        ).run()
        if rows[0]["n"] >= MAX_ITEMS:
            raise MeetingError(N_("Too many (at most %(limit)s)."), limit=MAX_ITEMS)
        item = AgendaItem(
            meeting=meeting["id"],
            position=(rows[0]["p"] or 0) + 1,
            title=title,
            kind="custom",
            source="{}",
            briefing="[]",
        )
        await item.save().run()
        await _touch(meeting["id"])
    return item.id


async def remove(slug: str, kind: str, row_id: int) -> None:
    """Remove an agenda item (with its decisions and follow-ups), a decision,
    a follow-up or an attendee from a draft."""
    table = {
        "item": AgendaItem,
        "decision": Decision,
        "follow_up": FollowUp,
        "attendee": Attendee,
    }.get(kind)
    if table is None:
        raise MeetingError(N_("Unknown field: %(value)s"), value=kind)
    async with db.writing():
        meeting = await _draft_meeting(slug)
        owner = table._meta.get_column_by_name("meeting")
        if table is AgendaItem:
            await (
                Decision.delete()
                .where((Decision.item == row_id) & (Decision.meeting == meeting["id"]))
                .run()
            )
            await (
                FollowUp.delete()
                .where((FollowUp.item == row_id) & (FollowUp.meeting == meeting["id"]))
                .run()
            )
        await table.delete().where((table.id == row_id) & (owner == meeting["id"])).run()
        await _touch(meeting["id"])


async def move_item(slug: str, item_id: int, direction: int) -> None:
    """Swap an agenda item with its neighbour above (-1) or below (+1)."""
    async with db.writing():
        meeting = await _draft_meeting(slug)
        items = (
            await AgendaItem.select(AgendaItem.id, AgendaItem.position)
            .where(AgendaItem.meeting == meeting["id"])
            .order_by(AgendaItem.position)
            .run()
        )
        ids = [i["id"] for i in items]
        if item_id not in ids:
            raise MeetingError(
                N_("This part is no longer in the meeting (someone may have removed it).")
            )
        index = ids.index(item_id)
        other = index + (1 if direction > 0 else -1)
        if not 0 <= other < len(ids):
            return
        ids[index], ids[other] = ids[other], ids[index]
        for position, row in enumerate(ids, 1):
            await (
                AgendaItem.update({AgendaItem.position: position}).where(AgendaItem.id == row).run()
            )
        await _touch(meeting["id"])


async def add_decision(slug: str, item_id: int, text: str) -> int:
    text = _text(text)
    if not text:
        raise MeetingError(N_("Enter the decision's text."), field="text")
    async with db.writing():
        meeting = await _draft_meeting(slug)
        await _own_item(meeting["id"], item_id)
        decision = Decision(meeting=meeting["id"], item=item_id, text=text)
        await decision.save().run()
        await _touch(meeting["id"])
    return decision.id


async def add_follow_up(slug: str, item_id: int, form: Mapping[str, Any]) -> str:
    """A new follow-up action (code TL-01, TL-02, ...: never reused in a meeting)."""
    fields = EDITABLE["follow_up"].fields
    title = fields["title"](form.get("title"))
    if not title:
        raise MeetingError(N_("Every follow-up needs a title%(code)s."), field="title", code="")
    owner = fields["owner"](_many(form, "owner"))
    with_ = fields["with"](_many(form, "with"))
    _, known_parties = await _known()
    for key in owner + with_:
        if key not in known_parties:
            raise MeetingError(N_("Unknown party: %(value)s"), field="owner", value=key)
    due = fields["due"](form.get("due"))
    indicator = fields["indicator"](form.get("indicator"))
    target = fields["target"](form.get("target"))
    async with db.writing():
        meeting = await _draft_meeting(slug)
        _check_due(meeting, due)
        await _own_item(meeting["id"], item_id)
        code = f"TL-{meeting['next_code']:02d}"
        await (
            FollowUp(
                meeting=meeting["id"],
                item=item_id,
                code=code,
                title=title,
                owner=json.dumps(owner),
                with_=json.dumps(with_),
                due=due,
                indicator=indicator,
                target=target,
            )
            .save()
            .run()
        )
        await (
            Meeting.update({Meeting.next_code: meeting["next_code"] + 1, Meeting.updated_at: now()})
            .where(Meeting.id == meeting["id"])
            .run()
        )
    return code


async def add_attendee(slug: str, name: str, title: str, party: str | None) -> int:
    name = _line(name)
    if not name:
        raise MeetingError(N_("Enter the attendee's name."), field="name")
    party = (party or "").strip() or None
    if party:
        _, known_parties = await _known()
        if party not in known_parties:
            raise MeetingError(N_("Unknown party: %(value)s"), field="party", value=party)
    async with db.writing():
        meeting = await _draft_meeting(slug)
        rows = await Attendee.raw(
            'SELECT COUNT(*) AS n, MAX(position) AS p FROM "attendee" WHERE meeting = {}',
            meeting["id"],
        ).run()
        if rows[0]["n"] >= MAX_ATTENDEES:
            raise MeetingError(N_("Too many (at most %(limit)s)."), limit=MAX_ATTENDEES)
        attendee = Attendee(
            meeting=meeting["id"],
            position=(rows[0]["p"] or 0) + 1,
            name=name,
            title=_line(title),
            party=party,
        )
        await attendee.save().run()
        await _touch(meeting["id"])
    return attendee.id


async def _own_item(meeting_id: int, item_id: int) -> None:
    exists = (
        await AgendaItem.exists()
        .where((AgendaItem.id == item_id) & (AgendaItem.meeting == meeting_id))
        .run()
    )
    if not exists:
        raise MeetingError(
            N_("This part is no longer in the meeting (someone may have removed it).")
        )


# ------------------------------------------------- save many fields at once


@dataclass
class FieldEdit:
    """One field of the no-JavaScript meeting form: where it goes, what was typed,
    and the hash of the value the page showed (`base`)."""

    kind: str
    row_id: int
    name: str
    value: Any
    base: str

    @property
    def key(self) -> str:
        return f"{self.kind}-{self.row_id}-{self.name}"


def field_edits(form: Mapping[str, Any]) -> list[FieldEdit]:
    """Every field the meeting form carries: `b:<kind>-<id>-<name>` holds its base
    (always sent, so an emptied checkbox list still counts), `v:...` its value."""
    edits = []
    for key in list(form.keys()):
        if not key.startswith("b:"):
            continue
        match = re.fullmatch(r"b:([a-z_]+)-(\d+)-([a-z_]+)", key)
        if match is None:
            raise MeetingError(N_("Unknown field: %(value)s"), value=key[:60])
        kind, row_id, name = match.group(1), int(match.group(2)), match.group(3)
        if kind == "follow_up" and name in ("owner", "with"):
            value: Any = _many(form, "v:" + key[2:])
        else:
            value = form.get("v:" + key[2:], "")
        edits.append(FieldEdit(kind, row_id, name, value, str(form.get(key) or "")))
    return edits


async def save_fields(
    slug: str, edits: list[FieldEdit]
) -> tuple[dict[str, tuple[str, dict]], dict[str, Conflict]]:
    """Save every field of the meeting form in one write transaction.

    Returns (errors, conflicts), each keyed by the field's key. If any value is
    invalid, nothing is saved (the page shows the messages with what was typed).
    Otherwise every field is saved except those someone else changed since the
    page was shown: those are returned as conflicts, their value untouched.
    A field typed into whose entry someone removed meanwhile is an error (its
    text quoted): saved nowhere, it would otherwise vanish without a word.
    """
    errors: dict[str, tuple[str, dict]] = {}
    clean: list[tuple[FieldEdit, Any]] = []
    _, known_parties = await _known()
    for edit in edits:
        editable = EDITABLE.get(edit.kind)
        try:
            if editable is None or edit.name not in editable.fields:
                raise MeetingError(N_("Unknown field: %(value)s"), value=f"{edit.kind}.{edit.name}")
            value = editable.fields[edit.name](edit.value)
            if isinstance(value, list):
                for key in value:
                    if key not in known_parties:
                        raise MeetingError(N_("Unknown party: %(value)s"), value=key)
        except MeetingError as exc:
            errors[edit.key] = (exc.key, exc.values)
            continue
        clean.append((edit, value))
    if errors:
        return errors, {}
    conflicts: dict[str, Conflict] = {}
    async with db.writing():
        meeting = await _draft_meeting(slug)
        stored = {edit.key: await _stored_value(meeting["id"], edit) for edit, _ in clean}
        for edit, value in clean:  # before anything is written
            if edit.kind == "follow_up" and edit.name == "due":
                try:
                    _check_due(meeting, value)
                except MeetingError as exc:
                    errors[edit.key] = (exc.key, exc.values)
            if stored[edit.key] is _REMOVED and fingerprint(value) != edit.base:
                errors[edit.key] = (REMOVED_MEANWHILE, {"value": _shown(value)})
        if errors:
            return errors, {}
        changed = False
        for edit, value in clean:
            now_stored = stored[edit.key]
            if now_stored is _REMOVED or fingerprint(now_stored) == fingerprint(value):
                continue  # (removed, and left as it was shown: nothing typed is lost)
            if fingerprint(now_stored) != edit.base:
                conflicts[edit.key] = Conflict(now_stored, fingerprint(now_stored))
                continue
            editable = EDITABLE[edit.kind]
            column = editable.table._meta.get_column_by_name(
                editable.columns.get(edit.name, edit.name)
            )
            stored_value = json.dumps(value) if isinstance(value, list) else value
            await (
                editable.table.update({column: stored_value})
                .where(editable.table.id == edit.row_id)
                .run()
            )
            changed = True
        if changed:
            await _touch(meeting["id"])
    return {}, conflicts


# A field of an entry someone removed while the page was open, typed into.
REMOVED_MEANWHILE = N_(
    "Someone removed this entry from the draft meanwhile, so what you typed in it was not saved: %(value)s"
)
_REMOVED = object()


async def _stored_value(meeting_id: int, edit: FieldEdit) -> Any:
    """A field's value as stored now (a party list decoded), or _REMOVED when
    its row is no longer in the meeting."""
    editable = EDITABLE[edit.kind]
    table = editable.table
    column = table._meta.get_column_by_name(editable.columns.get(edit.name, edit.name))
    owner = table.id if table is Meeting else table._meta.get_column_by_name("meeting")
    row = (
        await table.select(column.as_alias("value"))
        .where((table.id == edit.row_id) & (owner == meeting_id))
        .first()
        .run()
    )
    if row is None:
        return _REMOVED
    return (
        _json(row["value"])
        if edit.kind == "follow_up" and edit.name in ("owner", "with")
        else row["value"]
    )


def _shown(value: Any) -> str:
    """What was typed, as the message quotes it."""
    return ", ".join(value) if isinstance(value, list) else "" if value is None else str(value)


# ------------------------------------- change, re-draft or cancel a draft


def may_manage(user: CurrentUser, meeting: Mapping[str, Any]) -> bool:
    """Date, place, documents and invitations of a draft, its re-drafting and its
    cancelling belong to the notulis who created it, and to admins."""
    return user.is_admin or meeting.get("created_by") == user.id


async def managed_draft(user: CurrentUser, slug: str) -> dict[str, Any]:
    """The whole meeting row, inside the caller's write transaction: a draft this
    user may manage (else `MeetingError`: not found, final, or not theirs)."""
    await db.serialize_writers(f"meeting:{slug}")
    meeting = await Meeting.select().where(Meeting.slug == slug).first().run()
    if meeting is None:
        raise MeetingError(N_("There is no meeting %(value)s."), value=slug)
    require_draft(meeting["state"])
    if not may_manage(user, meeting):
        raise MeetingError(
            N_(
                "Only the minute-taker who created this meeting, or an admin, may change its details, re-draft its agenda or cancel it."
            )
        )
    return meeting


class DetailsChanged(MeetingError):
    """The details form was based on values someone else has changed since;
    `base` is the hash of the details as they now are."""

    def __init__(self, meeting: Mapping[str, Any]) -> None:
        when = db.timestamp(meeting["starts_at"]).astimezone(i18n.WITA)
        super().__init__(
            N_(
                "Someone else changed this meeting's details while you were editing them; they now read: %(title)s, %(date)s at %(time)s WITA, %(place)s. The form shows what you typed: check it, and save again to keep it."
            ),
            title=meeting["title"],
            date=when.date(),  # written the reader's way (`Translator._days`)
            time=when.strftime("%H.%M"),
            place=meeting["place"] or "-",
        )
        self.base = details_base(meeting)


def details_base(meeting: Mapping[str, Any]) -> str:
    """A hash of the details the change form shows (title, date and time, place,
    documents, invited parties, chair account): what a form was based on."""
    starts_at = db.timestamp(meeting["starts_at"]).astimezone(dt.UTC).isoformat()
    shown = [meeting["title"], starts_at, meeting["place"], _json(meeting["follows"])]
    return fingerprint([*shown, _json(meeting["invited"]), meeting["chair_user"]])


async def change_basics(
    user: CurrentUser, slug: str, basics: Basics, address: str, base: str = ""
) -> str:
    """Change a draft's title, date and time, place, documents and invited parties.

    A meeting never finalized takes the id its new date and place make (its old
    id is free again); a correction keeps the id its minutes were issued under.
    Returns the (new) id. The agenda stays as it is until `redraft`. A form
    whose `base` (`details_base` when it was shown) is no longer the meeting's
    is refused with `DetailsChanged`: saved, it would undo the other change.
    """
    day = basics.starts_at.astimezone(i18n.WITA).date()
    async with db.writing():
        await db.serialize_writers("meeting:new")
        meeting = await managed_draft(user, slug)
        if base and base != details_base(meeting):
            raise DetailsChanged(meeting)
        new_slug = slug
        if meeting["version"] == 0:
            new_slug = await _free_slug(day, basics.place or basics.title, own=slug)
        before = {
            "slug": slug,
            "title": meeting["title"],
            "starts_at": db.timestamp(meeting["starts_at"]).isoformat(),
            "place": meeting["place"],
            "follows": _json(meeting["follows"]),
            "invited": _json(meeting["invited"]),
        }
        after = {
            "slug": new_slug,
            "title": basics.title,
            "starts_at": basics.starts_at.isoformat(),
            "place": basics.place,
            "follows": basics.follows,
            "invited": basics.invited,
        }
        changes = {k: [before[k], after[k]] for k in before if before[k] != after[k]}
        if not changes:
            return slug
        await (
            Meeting.update(
                {
                    Meeting.slug: new_slug,
                    Meeting.title: basics.title,
                    Meeting.starts_at: basics.starts_at,
                    Meeting.place: basics.place,
                    Meeting.follows: json.dumps(basics.follows),
                    Meeting.invited: json.dumps(basics.invited),
                    Meeting.updated_at: now(),
                }
            )
            .where(Meeting.id == meeting["id"])
            .run()
        )
        await audit.record(
            "meeting.edit",
            new_slug,
            user_id=user.id,
            username=user.username,
            address=address,
            detail=changes,
        )
    return new_slug


def _item_key(kind: str, source: Mapping[str, Any], title: str) -> tuple | None:
    """What a drafted agenda item stands for, to find it again in a new draft."""
    if kind == "commitment":
        return ("commitment", source.get("document"), source.get("commitment"))
    if kind == "carryover" and source.get("undecided"):
        return ("undecided", title)
    if kind == "carryover":
        return ("carryover", source.get("document"))
    return None  # added by hand: always kept


async def redraft(user: CurrentUser, slug: str, address: str) -> dict[str, int]:
    """Draft the agenda again from the tracker, for the meeting's current date
    and documents, keeping everything typed.

    Items drafted before that the new draft has again keep their title, notes,
    decisions and follow-ups; only their briefing (the open actions, then → now)
    is refreshed. New items are added. Items the new draft no longer has are
    removed if nothing was typed in them (no notes, decisions or follow-ups),
    else kept. Items added by hand are kept. Order: the new draft's, then the
    kept ones in their previous order.
    """
    async with db.reading():
        row = await Meeting.select().where(Meeting.slug == slug).first().run()
    if row is None:
        raise MeetingError(N_("There is no meeting %(value)s."), value=slug)
    day = db.timestamp(row["starts_at"]).astimezone(i18n.WITA).date()
    drafted = await agenda.draft(_json(row["follows"]), day, exclude=slug)  # before the lock
    counts = {"kept": 0, "added": 0, "removed": 0}
    async with db.writing():
        meeting = await managed_draft(user, slug)
        mid = meeting["id"]
        items = (
            await AgendaItem.select()
            .where(AgendaItem.meeting == mid)
            .order_by(AgendaItem.position)
            .run()
        )
        typed = {
            r["item"]
            for table in (Decision, FollowUp)
            for r in await table.select(table.item).where(table.meeting == mid).run()
        }
        existing: dict[tuple, dict] = {}
        for item in items:
            key = _item_key(item["kind"], _json(item["source"]), item["title"])
            if key is not None and key not in existing:
                existing[key] = item
        order: list[int] = []
        matched: set[int] = set()
        for new in drafted["items"][:MAX_ITEMS]:
            old = existing.get(_item_key(new["kind"], new["source"], new["title"]))
            if old is not None:
                await (
                    AgendaItem.update(
                        {
                            AgendaItem.source: json.dumps(new["source"]),
                            AgendaItem.briefing: json.dumps(new["briefing"], default=str),
                        }
                    )
                    .where(AgendaItem.id == old["id"])
                    .run()
                )
                matched.add(old["id"])
                order.append(old["id"])
                counts["kept"] += 1
                continue
            added = AgendaItem(
                meeting=mid,
                position=0,
                title=new["title"],
                kind=new["kind"],
                source=json.dumps(new["source"]),
                briefing=json.dumps(new["briefing"], default=str),
            )
            await added.save().run()
            order.append(added.id)
            counts["added"] += 1
        for item in items:
            if item["id"] in matched:
                continue
            drafted_before = item["kind"] != "custom"
            if drafted_before and not (item["notes"].strip() or item["id"] in typed):
                await AgendaItem.delete().where(AgendaItem.id == item["id"]).run()
                counts["removed"] += 1
                continue
            order.append(item["id"])
        for position, item_id in enumerate(order, 1):
            await (
                AgendaItem.update({AgendaItem.position: position})
                .where(AgendaItem.id == item_id)
                .run()
            )
        await (
            Meeting.update({Meeting.since: drafted["since"], Meeting.updated_at: now()})
            .where(Meeting.id == mid)
            .run()
        )
        await audit.record(
            "meeting.redraft",
            slug,
            user_id=user.id,
            username=user.username,
            address=address,
            detail={**counts, "since": str(drafted["since"] or "")},
        )
    return counts


async def cancel(user: CurrentUser, slug: str, address: str) -> None:
    """Cancel a draft that was never finalized: it is deleted, its id is free
    again, and the audit log keeps a snapshot of all of it. Minutes that were
    finalized once (even while being corrected) are never deleted."""
    snapshot = await load(slug)
    async with db.writing():
        meeting = await managed_draft(user, slug)
        if meeting["version"] > 0:
            raise MeetingError(
                N_(
                    "These minutes were finalized once and are never deleted; finalize the correction as a new version instead."
                )
            )
        mid = meeting["id"]
        if snapshot:  # an invitation sent is withdrawn from every calendar
            await rakor.invite(snapshot, user.username, ics.CANCEL)
        # A draft submitted and returned, never approved, takes its steps along.
        for table in (MinutesSubmission, FollowUp, Decision, AgendaItem, Attendee):
            await table.delete().where(table._meta.get_column_by_name("meeting") == mid).run()
        await Meeting.delete().where(Meeting.id == mid).run()
        snapshot = snapshot or {}
        snapshot.pop("parties", None)
        snapshot.pop("versions", None)
        for item in snapshot.get("items", []):  # kept as what it says, not JSON text
            item["briefing"] = briefing_rows(item)
        await audit.record(
            "meeting.cancel",
            slug,
            user_id=user.id,
            username=user.username,
            address=address,
            detail={"snapshot": snapshot},
        )


async def set_undiscussed(user: CurrentUser, slug: str, mode: str, address: str) -> None:
    """What the notulen do with agenda items nobody discussed: mark them
    "tidak dibahas" (`mark`) or leave them out (`omit`). Drafts only; audited."""
    if mode not in UNDISCUSSED:
        raise MeetingError(
            N_("Unknown choice: %(value)s (mark or omit)."),
            field="undiscussed",
            value=str(mode)[:40],
        )
    async with db.writing():
        meeting = await _draft_meeting(slug)
        await (
            Meeting.update({Meeting.undiscussed: mode, Meeting.updated_at: now()})
            .where(Meeting.id == meeting["id"])
            .run()
        )
        await audit.record(
            "meeting.undiscussed",
            slug,
            user_id=user.id,
            username=user.username,
            address=address,
            detail={"undiscussed": mode},
        )
