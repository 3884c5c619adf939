"""Who is told what on a day: deadline reminders, the weekly digest, expiry notices.

`plan(today)` reads the catalog of `tracker.reports` (what sync wrote) and the
latest update of every action, decides the messages of that day, and writes
them in one transaction: a row per user in `notification` (their Notifikasi
page) and, for users with an address who want that kind, a row in `outbox`.
Both tables have a unique key (kind, subject, recipient, the date it is for),
so planning the same day twice, or two planners at once, stores each once.

The rules (days in WITA; working days per `calendar`):

- **Deadline reminders** to the secretariat accounts of an action's owner and
  `with` parties (for a shared action, only the owners whose own parts are
  open), while the action is open (not done, not cancelled): 7 days
  before the due date and 1 day before (each moved to the working day before
  when it falls on a weekend or holiday), and on the first working day after the
  due date (late). A reminder before the due date goes out on its day only: a
  day missed (the tracker was off) is not caught up, the next reminder or the
  late one will come. The late reminder is sent once, on the first run from its
  day until LATE_CATCH_UP days after the due date; actions late for longer
  appear in the digest's "still late" section instead.
- **Weekly digest** on Mondays (from 07:00 WITA; caught up on Tuesday or
  Wednesday if Monday's run was missed) to secretariats (their parties'
  actions) and to admins, viewers and notulis who chose it (all actions).
- **Expiry notices** 90 and 30 days before an agreement's `valid_until` (the
  working day before if that is not one), to its parties' secretariats and to
  the admins.
- **Rakor reminders** 3 working days before an invited meeting, to the
  secretariats of parties with open actions on its agenda (`rakor`).

The `for_date` of a reminder is the action's due date, of a digest its Monday,
of an expiry notice the expiry date: a deadline moved by an amendment gets its
reminders again, a repeated run does not.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from tracker import db
from tracker.accounts.secrets import shared_secret
from tracker.accounts.tables import User, UserParty
from tracker.notifications import calendar, compose, rakor
from tracker.notifications.profile import (
    DIGEST,
    REMINDER,
    Profile,
    category,
    profile_from_row,
    unsubscribe_token,
)
from tracker.notifications.store import Message, store
from tracker.progress import status
from tracker.progress.latest import LATEST
from tracker.reports import catalog as catalogs
from tracker.reports import summary
from tracker.reports.catalog import Catalog
from tracker.settings import Settings

BEFORE = {"reminder.before7": 7, "reminder.before1": 1}
LATE = "reminder.late"
LATE_CATCH_UP = 14  # days after the due date a missed late reminder is still sent
DIGEST_CATCH_UP = 2  # days after Monday a missed digest is still sent
EXPIRY_DAYS = (90, 30)
WEEK = 7


@dataclass
class PlanReport:
    day: dt.date
    decided: int = 0  # messages decided for this day (before de-duplication)
    notifications: int = 0  # new rows on Notifikasi pages
    mails: int = 0  # new rows in the outbox
    by_kind: dict[str, int] = field(default_factory=dict)


@dataclass
class Context:
    """What one plan reads, shared by the three kinds of message."""

    today: dt.date
    catalog: Catalog
    states: dict[int, dict[str, Any]]
    facts: list[summary.Fact]
    users: list[Profile]
    parties_of: dict[int, set[int]]  # user id -> party ids (secretariats)
    secretariats_of: dict[int, list[Profile]]  # party id -> secretariat profiles
    base_url: str
    secret: str


async def plan(today: dt.date) -> PlanReport:
    """Decide and store the messages of `today` (a WITA date)."""
    secret = await shared_secret()
    async with db.reading():
        ctx = await _read(today, secret)
        meetings = await rakor.meetings_to_remind(today)
    messages = [
        *reminders(ctx),
        *digests(ctx),
        *expiry_notices(ctx),
        *rakor_reminders(ctx, meetings),
    ]
    return await _store(today, messages, ctx)


async def _read(today: dt.date, secret: str) -> Context:
    catalog = await catalogs.current()
    states = await LATEST.states()
    facts = summary.facts(catalog, states, today, None, summary.Filters())
    rows = (
        await User.select(
            User.id,
            User.username,
            User.display_name,
            User.role,
            User.email,
            User.language,
            User.notify_choices,
        )
        .where(User.disabled.eq(False))
        .order_by(User.id)
        .run()
    )
    users = [profile_from_row(r) for r in rows]
    by_id = {u.user_id: u for u in users}
    parties_of: dict[int, set[int]] = defaultdict(set)
    secretariats_of: dict[int, list[Profile]] = defaultdict(list)
    for link in await UserParty.select(UserParty.user, UserParty.party).run():
        user = by_id.get(link["user"])
        if user is not None and user.role == "secretariat":
            parties_of[user.user_id].add(link["party"])
            secretariats_of[link["party"]].append(user)
    base = Settings.from_env().base_url or compose.FALLBACK_BASE_URL
    return Context(today, catalog, states, facts, users, parties_of, secretariats_of, base, secret)


def _secretariats(ctx: Context, party_ids: list[int] | set[int]) -> list[Profile]:
    seen: dict[int, Profile] = {}
    for party in party_ids:
        for user in ctx.secretariats_of.get(party, ()):
            seen.setdefault(user.user_id, user)
    return list(seen.values())


def _unsubscribe(ctx: Context, user: Profile, kind: str) -> str:
    token = unsubscribe_token(ctx.secret, user.user_id, category(kind))
    return f"{ctx.base_url}/berhenti/{token}"


# ------------------------------------------------------------------ reminders


def reminder_kind(due: dt.date, today: dt.date) -> str | None:
    """Which deadline reminder (if any) an open action due on `due` gets on `today`."""
    for kind, days in BEFORE.items():
        if calendar.before(due, days) == today and today < due:
            return kind
    late_day = calendar.first_working_day_after(due)
    if late_day <= today <= due + dt.timedelta(days=LATE_CATCH_UP):
        return LATE
    return None


def reminders(ctx: Context) -> list[Message]:
    result = []
    for fact in ctx.facts:
        if fact.due is None or fact.status not in summary.OPEN:
            continue
        kind = reminder_kind(fact.due, ctx.today)
        if kind is None:
            continue
        action = fact.action
        for user in _secretariats(ctx, reminded_parties(fact)):
            build = partial(
                compose.reminder,
                kind,
                action=_action_view(ctx, fact),
                today=ctx.today,
                unsubscribe_url=_unsubscribe(ctx, user, kind),
                base_url=ctx.base_url,
            )
            result.append(
                Message(kind, f"action:{action.id}", user, fact.due, build(user), recompose=build)
            )
    return result


def reminded_parties(fact: summary.Fact) -> list[int]:
    """Who a reminder goes to: the owners and `with` parties; for a shared
    action, only the owners whose own parts are still open (a party that has
    done its part is not reminded of the others')."""
    action = fact.action
    if not fact.parts:
        return [*action.owners, *action.supporters]
    found = fact.part_states or {}
    open_owners = {
        p.owner
        for p in fact.parts
        if found.get(p.id) is None or found[p.id]["status"] not in (status.DONE, status.CANCELLED)
    }
    return [*(o for o in action.owners if o in open_owners), *action.supporters]


def _action_view(ctx: Context, fact: summary.Fact) -> dict[str, Any]:
    action = fact.action
    doc = ctx.catalog.documents[action.document]
    state = ctx.states.get(action.id)
    return {
        "id": action.id,
        "code": action.code,
        "title": action.title,
        "document": doc["title"],
        "document_path": f"/d/{doc['slug']}",
        "path": f"/d/{doc['slug']}/{action.code}",
        # The latest update, with its evidence, on the action's page.
        "evidence_path": f"/d/{doc['slug']}/{action.code}#update-{state['id']}"
        if state
        else f"/d/{doc['slug']}/{action.code}#updates",
        "due": fact.due,
        "status": fact.status,
        "percent": fact.percent,
        "updated_at": fact.updated_at,
        "owners": [ctx.catalog.parties[p]["name"] for p in action.owners],
        "supporters": [ctx.catalog.parties[p]["name"] for p in action.supporters],
    }


# ------------------------------------------------------------------ digest


def digest_monday(today: dt.date) -> dt.date | None:
    """The Monday whose digest is due on `today`, if any."""
    monday = calendar.monday_of(today)
    return monday if (today - monday).days <= DIGEST_CATCH_UP else None


def digests(ctx: Context) -> list[Message]:
    monday = digest_monday(ctx.today)
    if monday is None:
        return []
    result = []
    everything: dict[str, Any] | None = None
    for user in ctx.users:
        if not user.wants(DIGEST):
            continue
        if user.role == "secretariat":
            scope = ctx.parties_of.get(user.user_id, set())
            data = digest_data(ctx, scope)
        else:
            everything = everything or digest_data(ctx, None)
            data = everything
        if not data["total"]:
            continue  # nothing to report: no empty digest
        build = partial(
            compose.digest,
            data=data,
            monday=monday,
            unsubscribe_url=_unsubscribe(ctx, user, DIGEST),
            base_url=ctx.base_url,
        )
        result.append(Message(DIGEST, "digest", user, monday, build(user), recompose=build))
    return result


SECTIONS = ("became_late", "still_late", "done", "due_soon", "stale")


def digest_data(ctx: Context, scope: set[int] | None) -> dict[str, Any]:
    """The digest's sections for the actions of the parties in `scope` (None: all).

    - became late: due during the past week and still open (late since then);
    - still late: late for longer than a week;
    - done: reported done during the past week (the update with its evidence);
    - due soon: open and due in the next 30 days;
    - stale: open and not updated for 60 days.
    """
    today = ctx.today
    week_ago = today - dt.timedelta(days=WEEK)
    since = dt.datetime.combine(week_ago, dt.time(), tzinfo=calendar.WITA).astimezone(dt.UTC)
    until = dt.datetime.combine(today + dt.timedelta(days=1), dt.time(), tzinfo=calendar.WITA)
    sections: dict[str, list[dict[str, Any]]] = {name: [] for name in SECTIONS}
    parties: dict[int, dict[str, int]] = {}
    for fact in ctx.facts:
        action = fact.action
        involved = [*action.owners, *action.supporters]
        if scope is not None and not scope.intersection(involved):
            continue
        names = []
        if fact.late:
            names.append("became_late" if fact.due >= week_ago else "still_late")
        if fact.status == status.DONE and fact.updated_at and since <= fact.updated_at < until:
            names.append("done")
        if fact.due_soon:
            names.append("due_soon")
        if fact.stale:
            names.append("stale")
        if not names:
            continue
        view = _action_view(ctx, fact)
        for name in names:
            sections[name].append(view)
        for party in involved:
            if scope is None or party in scope:
                counts = parties.setdefault(party, dict.fromkeys(SECTIONS, 0))
                for name in names:
                    counts[name] += 1
    for rows in sections.values():
        rows.sort(key=lambda v: (v["due"] or dt.date.max, v["document"], v["code"]))
    party_rows = sorted(
        (
            {"key": ctx.catalog.parties[p]["key"], "name": ctx.catalog.parties[p]["name"], **c}
            for p, c in parties.items()
        ),
        key=lambda r: r["name"],
    )
    return {
        "today": today,
        "week_ago": week_ago,
        "sections": sections,
        "parties": party_rows,
        "total": sum(len(rows) for rows in sections.values()),
    }


# ------------------------------------------------------------------ expiry


def expiry_kind(valid_until: dt.date, today: dt.date) -> str | None:
    for days in EXPIRY_DAYS:
        if calendar.before(valid_until, days) == today and today < valid_until:
            return f"expiry.{days}"
    return None


def expiry_notices(ctx: Context) -> list[Message]:
    result = []
    admins = [u for u in ctx.users if u.role == "admin"]
    involved: dict[int, set[int]] = defaultdict(set)
    for action in ctx.catalog.actions:
        if action.withdrawn_at is None:
            involved[action.document].update(action.owners, action.supporters)
    for doc_id, doc in ctx.catalog.documents.items():
        meta = doc["meta"] or {}
        if (
            doc["kind"] != "agreement"
            or doc["withdrawn_at"] is not None
            or not meta.get("valid_until")
        ):
            continue
        valid_until = dt.date.fromisoformat(meta["valid_until"])
        kind = expiry_kind(valid_until, ctx.today)
        if kind is None:
            continue
        parties = involved[doc_id] | {
            ctx.catalog.party_ids[k] for k in meta.get("parties", {}) if k in ctx.catalog.party_ids
        }
        recipients = {u.user_id: u for u in _secretariats(ctx, parties)}
        recipients.update((u.user_id, u) for u in admins)
        view = {
            "title": doc["title"],
            "path": f"/d/{doc['slug']}",
            "valid_until": valid_until,
            "days": (valid_until - ctx.today).days,
            "parties": sorted(ctx.catalog.parties[p]["name"] for p in parties),
        }
        for user in recipients.values():
            build = partial(
                compose.expiry,
                doc=view,
                unsubscribe_url=_unsubscribe(ctx, user, kind),
                base_url=ctx.base_url,
            )
            key = f"document:{doc_id}"
            result.append(Message(kind, key, user, valid_until, build(user), recompose=build))
    return result


# ------------------------------------------------------------------ Rakor


def rakor_reminders(ctx: Context, meetings: list[dict[str, Any]]) -> list[Message]:
    """3 working days before an invited Rakor: each secretariat whose parties
    own or support an open action on its agenda is asked to report first (for
    a shared action, the owners whose own parts are open)."""
    if not meetings:
        return []
    slugs = {doc_id: doc["slug"] for doc_id, doc in ctx.catalog.documents.items()}
    facts = {(slugs[f.action.document], f.action.code): f for f in ctx.facts}
    result = []
    for meeting in meetings:
        per_user: dict[int, tuple[Profile, list[dict[str, Any]]]] = {}
        for key in dict.fromkeys(meeting["actions"]):
            fact = facts.get(tuple(key))
            if fact is None or fact.status not in summary.OPEN:
                continue
            for user in _secretariats(ctx, reminded_parties(fact)):
                per_user.setdefault(user.user_id, (user, []))[1].append(_action_view(ctx, fact))
        day = rakor.meeting_day(meeting)
        for user, actions in per_user.values():
            view = rakor.reminder_view(meeting, actions)
            build = partial(
                compose.rakor_reminder,
                meeting=view,
                unsubscribe_url=_unsubscribe(ctx, user, rakor.REMINDER),
                base_url=ctx.base_url,
            )
            key = f"meeting:{meeting['id']}"
            result.append(Message(rakor.REMINDER, key, user, day, build(user), recompose=build))
    return result


# ------------------------------------------------------------------ storing


async def _store(today: dt.date, messages: list[Message], ctx: Context) -> PlanReport:
    """One transaction: re-check the actions' states, then notification and outbox rows."""
    report = PlanReport(day=today, decided=len(messages))
    async with db.writing():
        await db.serialize_writers("notify.plan")
        messages = await _still_open(messages)
        stored = await store(messages)
    report.notifications, report.mails = stored.notifications, stored.mails
    for m in messages:
        report.by_kind[m.kind] = report.by_kind.get(m.kind, 0) + 1
    return report


async def _still_open(messages: list[Message]) -> list[Message]:
    """Drop reminders for actions reported done or cancelled since they were read."""
    ids = {int(m.subject_key.split(":")[1]) for m in messages if category(m.kind) == REMINDER}
    if not ids:
        return messages
    latest = await status.latest_updates(ids)
    closed = {
        f"action:{a}"
        for a, row in latest.items()
        if row["status"] in (status.DONE, status.CANCELLED)
    }
    return [m for m in messages if not (category(m.kind) == REMINDER and m.subject_key in closed)]
