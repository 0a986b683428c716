"""Optimistic locking (issue 15, several PCs on one server database): every record users edit
carries `row_version`, the count of its saves. SQLAlchemy's `version_id_col` compares it on
every UPDATE and DELETE, so a save over a record another PC changed since it was loaded is
refused instead of overwriting it. Existing rows start at 1 (the column's default, which
SQLite and PostgreSQL both fill in without rewriting the table).

Revision ID: 0009_row_versions
Revises: 0008_station_assessment
Create Date: 2026-11-26
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009_row_versions"
down_revision: str | None = "0008_station_assessment"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen here (a migration never imports the models): every table with VersionMixin.
VERSIONED_TABLES = (
    "activity",
    "activity_participant",
    "attachment",
    "branch_contact",
    "commendation",
    "committee_link",
    "contact_book_entry",
    "contact_log_entry",
    "duty_assignment",
    "duty_day",
    "duty_rule",
    "eval_bonus_item",
    "eval_indicator",
    "eval_scheme",
    "eval_veto_item",
    "evaluation",
    "evaluation_bonus",
    "evaluation_score",
    "evaluation_veto",
    "grassroots_day",
    "group_membership",
    "holiday",
    "holiday_year",
    "lookup_value",
    "mentorship",
    "open_day",
    "opinion_item",
    "person",
    "person_photo",
    "project",
    "project_member",
    "rectification",
    "satisfaction_ballot",
    "satisfaction_round",
    "special_group",
    "station",
    "station_check_item",
    "station_check_score",
    "station_membership",
    "unavailability",
    "visit",
    "young_person",
    "youth_branch",
)


def upgrade() -> None:
    for table in VERSIONED_TABLES:
        with op.batch_alter_table(table) as batch:
            batch.add_column(
                sa.Column("row_version", sa.Integer(), nullable=False, server_default=sa.text("1"))
            )


def downgrade() -> None:
    for table in reversed(VERSIONED_TABLES):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("row_version")
