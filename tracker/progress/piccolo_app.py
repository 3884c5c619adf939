"""Piccolo app for what was done (progress updates)."""

import os

from piccolo.conf.apps import AppConfig

from tracker.progress.tables import Update

APP_CONFIG = AppConfig(
    app_name="progress",
    migrations_folder_path=os.path.join(os.path.dirname(__file__), "piccolo_migrations"),
    table_classes=[Update],
    migration_dependencies=["tracker.agreements.piccolo_app"],
    commands=[],
)
