"""Piccolo app for what was agreed (documents, parties, commitments, actions)."""

import os

from piccolo.conf.apps import AppConfig

from tracker.agreements.tables import (
    Action,
    ActionParty,
    Amendment,
    Commitment,
    Document,
    Part,
    Party,
)

APP_CONFIG = AppConfig(
    app_name="agreements",
    migrations_folder_path=os.path.join(os.path.dirname(__file__), "piccolo_migrations"),
    table_classes=[Party, Document, Commitment, Action, ActionParty, Part, Amendment],
    migration_dependencies=[],
    commands=[],
)
