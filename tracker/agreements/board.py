"""The landing page's numbers: every document with its progress, kept per process.

Counting them needs the state of every live action (50,000 on dataset L); the
page is the first every user sees, so a request must not pay for that. What a
request costs instead is two checks against the database, both of which every
worker (and every server) reads the same way:

- the documents' fingerprint (`queries.documents_fingerprint`): the documents
  and their live actions (id, due date) change only when a sync or a
  withdrawal moves it, and are then read again;
- the latest updates (`progress.latest.LATEST`), caught up by id: only the
  documents holding the actions it reports as changed are counted again, so
  a new update costs the count of one document, not of all of them.

Late depends on the day (in WITA), so a new day counts everything again.
`version` moves whenever the numbers may have: the web layer keeps the
rendered table under it. What is kept is bounded by the documents: one row per
document and two machine integers per live action.
"""

from __future__ import annotations

import datetime as dt
import itertools
from array import array
from bisect import bisect_left
from dataclasses import dataclass, field
from typing import Any

from tracker.agreements.tables import Action, Document
from tracker.progress import status
from tracker.progress.latest import LATEST

ACTIONS_SQL = (
    'SELECT a."id" AS "id", a."document" AS "document", a."due" AS "due" FROM "action" a '
    'WHERE a."withdrawn_at" IS NULL ORDER BY a."id"'
)
NO_DUE = 0  # ordinal of a missing due date (date.fromordinal starts at 1)
_VERSIONS = itertools.count(1)


@dataclass(slots=True)
class Board:
    """The documents in page order, each with its `progress`; what they count."""

    fingerprint: tuple
    day: dt.date
    generation: int  # LATEST's, when the numbers were last brought up to date
    documents: list[dict[str, Any]]
    action_ids: array  # every live action id, ascending
    action_documents: array  # ... and the document each belongs to
    by_document: dict[int, tuple[array, array]]  # document id -> (action ids, due ordinals)
    version: int = field(default_factory=lambda: next(_VERSIONS))


_CACHE: list[Board] = []


async def current(fingerprint: tuple, today: dt.date) -> Board:
    """The board, current as of this transaction (call inside `db.reading()`,
    with the documents' fingerprint read in it)."""
    states = await LATEST.states()
    board = _CACHE[0] if _CACHE else None
    if board is None or board.fingerprint != fingerprint:
        board = await _load(fingerprint, today, states)
    elif board.day != today:
        board = _counted(board, today, states, None)
    elif board.generation != LATEST.generation:
        board = _counted(board, today, states, LATEST.changed_since(board.generation))
    _CACHE[:] = [board]
    return board


async def _load(fingerprint: tuple, today: dt.date, states: dict[int, Any]) -> Board:
    from tracker.agreements.queries import DOCUMENT_COLUMNS, document_row

    docs = [document_row(row) for row in await Document.select(*DOCUMENT_COLUMNS).run()]
    docs.sort(
        key=lambda d: (
            d["withdrawn_at"] is not None,
            d["signed"] or d["date"] or dt.date.min,
            d["slug"],
        )
    )
    ids, owners = array("q"), array("q")
    by_document: dict[int, tuple[array, array]] = {d["id"]: (array("q"), array("l")) for d in docs}
    for row in await Action.raw(ACTIONS_SQL).run():
        ids.append(row["id"])
        owners.append(row["document"])
        found = by_document.get(row["document"])
        if found is not None:
            found[0].append(row["id"])
            found[1].append(_ordinal(row["due"]))
    board = Board(fingerprint, today, 0, docs, ids, owners, by_document)
    return _counted(board, today, states, None)


def _counted(
    board: Board, today: dt.date, states: dict[int, Any], changed: set[int] | None
) -> Board:
    """A new board whose documents holding `changed` actions (None: all) are
    counted again. A new list of new dicts: a page still rendering the old one
    keeps what it read."""
    again = None if changed is None else _documents_of(board, changed)
    documents = [
        {**doc, "progress": _progress(board.by_document[doc["id"]], states, today)}
        if again is None or doc["id"] in again
        else doc
        for doc in board.documents
    ]
    return Board(
        board.fingerprint,
        today,
        LATEST.generation,
        documents,
        board.action_ids,
        board.action_documents,
        board.by_document,
    )


def _documents_of(board: Board, action_ids: set[int]) -> set[int]:
    found = set()
    ids = board.action_ids
    for action_id in action_ids:
        i = bisect_left(ids, action_id)
        if i < len(ids) and ids[i] == action_id:
            found.add(board.action_documents[i])
    return found


def _progress(actions: tuple[array, array], states: dict[int, Any], today: dt.date) -> dict:
    """One document's counts, by the rules of `status.summarize`."""
    rows = []
    for action_id, due in zip(*actions, strict=True):
        state = states.get(action_id) or {}
        rows.append(
            {
                "status": state.get("status"),
                "percent": state.get("percent"),
                "due": dt.date.fromordinal(due) if due != NO_DUE else None,
            }
        )
    return status.summarize(rows, today)


def _ordinal(value: Any) -> int:
    if value is None:
        return NO_DUE
    if isinstance(value, str):
        value = dt.date.fromisoformat(value[:10])
    return value.toordinal()


def forget() -> None:
    """Drop what is kept (tests empty the tables between runs)."""
    _CACHE.clear()
