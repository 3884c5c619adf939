"""Piccolo app for the register of issued PDFs (verification codes)."""

import os

from piccolo.conf.apps import AppConfig

from tracker.verification.tables import IssuedDocument

APP_CONFIG = AppConfig(
    app_name="verification",
    migrations_folder_path=os.path.join(os.path.dirname(__file__), "piccolo_migrations"),
    table_classes=[IssuedDocument],
    migration_dependencies=["tracker.minutes.piccolo_app"],
    commands=[],
)
