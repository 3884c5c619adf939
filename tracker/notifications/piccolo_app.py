"""Piccolo app for notifications: the mail outbox and in-tracker notifications."""

import os

from piccolo.conf.apps import AppConfig

from tracker.notifications.tables import (
    Notification,
    OptOut,
    Outbox,
    RakorInvitation,
)

APP_CONFIG = AppConfig(
    app_name="notifications",
    migrations_folder_path=os.path.join(os.path.dirname(__file__), "piccolo_migrations"),
    table_classes=[Outbox, Notification, RakorInvitation, OptOut],
    migration_dependencies=["tracker.accounts.piccolo_app"],
    commands=[],
)
