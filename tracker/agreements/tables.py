"""What was agreed, as rows: documents, parties, commitments, actions, parts, amendments.

Composite unique indexes ((document, slug), (document, code)) are created by
raw SQL in the migrations: Piccolo's constraint DDL does not run on SQLite.

The Markdown files are the truth; `sync.py` writes these tables from them and
never deletes a row (withdrawn actions and documents keep their history).
"""

from piccolo.columns import (
    JSON,
    Boolean,
    Date,
    Float,
    ForeignKey,
    Integer,
    Text,
    Timestamptz,
    Varchar,
)
from piccolo.columns.base import OnDelete
from piccolo.table import Table

from tracker.db import DB


class Party(Table, db=DB):
    """A province, regency or agency; `key` is the slug used by `owner`/`with`."""

    key = Varchar(length=64, unique=True)
    name = Text()


class Document(Table, db=DB):
    """One agreement or minutes file; `slug` is its front-matter `id`."""

    slug = Varchar(length=128, unique=True)
    kind = Varchar(length=16)  # agreement | minutes
    title = Text()
    path = Text()
    content_hash = Varchar(length=64)
    source = Text()
    signed = Date(null=True, default=None)
    date = Date(null=True, default=None)
    meta = JSON()
    synced_at = Timestamptz()
    withdrawn_at = Timestamptz(null=True, default=None)


class Commitment(Table, db=DB):
    """A `##` pillar or agenda item, or a `###` inside one (`parent`)."""

    document = ForeignKey(Document, index=True, on_delete=OnDelete.restrict)
    slug = Varchar(length=128)
    title = Text()
    parent = Varchar(length=128, null=True, default=None)
    description = Text()
    position = Integer()
    line = Integer()
    withdrawn = Boolean(default=False)


class Action(Table, db=DB):
    """One tracked deliverable; `code` is its ID in the file (`PM-01`)."""

    document = ForeignKey(Document, index=True, on_delete=OnDelete.restrict)
    commitment = ForeignKey(Commitment, on_delete=OnDelete.restrict)
    code = Varchar(length=64)
    title = Text()
    description = Text()
    due = Date(null=True, default=None)
    start = Date(null=True, default=None)
    indicator = Text(null=True, default=None)
    target_value = Float(null=True, default=None)
    target_unit = Varchar(length=64, null=True, default=None)
    depends = JSON()
    position = Integer()
    line = Integer()
    done_in_file = Boolean(default=False)
    created_at = Timestamptz()
    withdrawn_at = Timestamptz(null=True, default=None)


class ActionParty(Table, db=DB):
    """Who owns (`owner`) or supports (`with`) an action."""

    action = ForeignKey(Action, index=True)
    party = ForeignKey(Party, index=True)
    role = Varchar(length=8)  # owner | with
    position = Integer()


class Part(Table, db=DB):
    """One part of a shared action, reported on by its own owner.

    An action with several owners has one part per owner (kind `owner`, key
    the party key); an action broken down by region has one part per region
    (kind `region`, key the region's code). Parts are written by sync only and
    never deleted: a part that leaves the file is withdrawn, its reports kept.
    """

    action = ForeignKey(Action, index=True, on_delete=OnDelete.restrict)
    key = Varchar(length=128)
    label = Text()
    owner = ForeignKey(Party, on_delete=OnDelete.restrict)
    kind = Varchar(length=8)  # owner | region
    target_value = Float(null=True, default=None)
    target_unit = Varchar(length=64, null=True, default=None)
    position = Integer()
    created_at = Timestamptz()
    withdrawn_at = Timestamptz(null=True, default=None)


class Amendment(Table, db=DB):
    """A change of an action's text in its file: old -> new, when, which revision."""

    action = ForeignKey(Action, index=True, on_delete=OnDelete.restrict)
    field = Varchar(length=32)
    old = Text(null=True, default=None)
    new = Text(null=True, default=None)
    at = Timestamptz()
    revision = Varchar(length=64)
