"""Approval before publication: a meeting's chair account and the submissions.

`meeting.chair_user` is a nullable foreign key added with ALTER TABLE ... ADD
COLUMN (allowed on SQLite because its default is NULL); `minutes_submission`
is a new table, append-only. Its unique (meeting, step) index is the next
migration's (Piccolo runs raw steps before the tables of the same migration).
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.base import OnDelete, OnUpdate
from piccolo.columns.column_types import (
    JSON,
    ForeignKey,
    Integer,
    Serial,
    Text,
    Timestamptz,
    Varchar,
)
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.columns.indexes import IndexMethod
from piccolo.table import Table

ID = "2026-12-04T21:40:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "minutes approval"


class User(Table, tablename="tracker_user", schema=None):
    id = Serial(null=False, primary_key=True, db_column_name="id")


class Meeting(Table, tablename="meeting", schema=None):
    id = Serial(null=False, primary_key=True, db_column_name="id")


def _params(**given):
    return {
        "null": False,
        "primary_key": False,
        "unique": False,
        "index": False,
        "index_method": IndexMethod.btree,
        "choices": None,
        "db_column_name": None,
        "secret": False,
        **given,
    }


def _foreign(references, index=False):
    return _params(
        references=references,
        on_delete=OnDelete.restrict,
        on_update=OnUpdate.cascade,
        target_column=None,
        null=True,
        index=index,
    )


COLUMNS = [
    ("meeting", ForeignKey, _foreign(Meeting, index=True)),
    ("step", Integer, _params(default=0)),
    ("state", Varchar, _params(length=12, default="")),
    ("version", Integer, _params(default=0)),
    ("note", Text, _params(default="")),
    ("record", JSON, _params(default="{}")),
    ("markdown", Text, _params(default="")),
    ("user", ForeignKey, _foreign(User)),
    ("on_behalf_of", ForeignKey, _foreign(User)),
    ("at", Timestamptz, _params(default=TimestamptzNow())),
]


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="minutes", description=DESCRIPTION)
    manager.add_column(
        table_class_name="Meeting",
        tablename="meeting",
        column_name="chair_user",
        db_column_name="chair_user",
        column_class_name="ForeignKey",
        column_class=ForeignKey,
        params=_foreign(User),
        schema=None,
    )
    manager.add_table(
        class_name="MinutesSubmission", tablename="minutes_submission", schema=None, columns=None
    )
    for name, column_class, params in COLUMNS:
        manager.add_column(
            table_class_name="MinutesSubmission",
            tablename="minutes_submission",
            column_name=name,
            db_column_name=name,
            column_class_name=column_class.__name__,
            column_class=column_class,
            params=params,
            schema=None,
        )
    return manager
