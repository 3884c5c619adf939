"""Piccolo app for what was done (progress updates)."""

import os

from piccolo.conf.apps import AppConfig

from tracker.progress.tables import Evidence, EvidenceFile, StatusSpan, Update

APP_CONFIG = AppConfig(
    app_name="progress",
    migrations_folder_path=os.path.join(os.path.dirname(__file__), "piccolo_migrations"),
    table_classes=[Update, Evidence, EvidenceFile, StatusSpan],
    migration_dependencies=["tracker.agreements.piccolo_app", "tracker.accounts.piccolo_app"],
    commands=[],
)
