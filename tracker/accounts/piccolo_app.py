"""Piccolo app for accounts: users, sessions, login attempts, audit log, settings."""

import os

from piccolo.conf.apps import AppConfig

from tracker.accounts.tables import (
    AuditEntry,
    LoginAttempt,
    Session,
    Setting,
    Submission,
    User,
    UserParty,
)

APP_CONFIG = AppConfig(
    app_name="accounts",
    migrations_folder_path=os.path.join(os.path.dirname(__file__), "piccolo_migrations"),
    table_classes=[User, UserParty, Session, LoginAttempt, AuditEntry, Setting, Submission],
    migration_dependencies=["tracker.agreements.piccolo_app"],
    commands=[],
)
