"""Composite indexes for per-delegate and per-station reports by period.

Revision ID: 0002_report_indexes
Revises: 0001_initial
Create Date: 2026-11-24

Measured in the guide: a composite index visits(delegate, date) turns per-delegate monthly
counts from 21 ms into 0.2 ms, where a lone date index made the yearly report slower.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0002_report_indexes"
down_revision: str | None = "0001_initial"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEXES = (
    ("visit", "ix_visit_receiver_date", ["received_by_id", "visit_date"]),
    ("visit", "ix_visit_station_date", ["station_id", "visit_date"]),
    ("opinion_item", "ix_opinion_item_status_deadline", ["status", "deadline"]),
    ("activity", "ix_activity_station_date", ["station_id", "activity_date"]),
)


def upgrade() -> None:
    for table, name, columns in INDEXES:
        op.create_index(name, table, columns, unique=False)


def downgrade() -> None:
    for table, name, _columns in reversed(INDEXES):
        op.drop_index(name, table_name=table)
