"""Meeting.undiscussed: what the notulen do with agenda items nobody discussed.

Additive (ALTER TABLE ... ADD COLUMN with a default), so it runs on SQLite as
on PostgreSQL; existing meetings get "mark" (printed as "tidak dibahas").
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import Varchar
from piccolo.columns.indexes import IndexMethod

ID = "2026-12-04T19:15:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "undiscussed agenda items"


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="minutes", description=DESCRIPTION)

    manager.add_column(
        table_class_name="Meeting",
        tablename="meeting",
        column_name="undiscussed",
        db_column_name="undiscussed",
        column_class_name="Varchar",
        column_class=Varchar,
        params={
            "length": 8,
            "default": "mark",
            "null": False,
            "primary_key": False,
            "unique": False,
            "index": False,
            "index_method": IndexMethod.btree,
            "choices": None,
            "db_column_name": None,
            "secret": False,
        },
        schema=None,
    )

    return manager
