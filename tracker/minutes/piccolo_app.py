"""Piccolo app for Rakor meetings and their minutes."""

import os

from piccolo.conf.apps import AppConfig

from tracker.minutes.tables import (
    AgendaItem,
    Attendee,
    Decision,
    FollowUp,
    Meeting,
    MinutesSubmission,
    MinutesVersion,
    SignedCopy,
)

APP_CONFIG = AppConfig(
    app_name="minutes",
    migrations_folder_path=os.path.join(os.path.dirname(__file__), "piccolo_migrations"),
    table_classes=[
        Meeting,
        Attendee,
        AgendaItem,
        Decision,
        FollowUp,
        MinutesVersion,
        MinutesSubmission,
        SignedCopy,
    ],
    migration_dependencies=["tracker.accounts.piccolo_app"],
    commands=[],
)
