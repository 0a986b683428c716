"""The evaluation keeps what the tab and the printouts need: the quota-tie decision and its
reason, the consequences' reasons, and the suggestions with what each counted (one JSON column:
opening a year of 10,000 delegates writes 10,000 rows, not 100,000) — so a locked year shows
exactly what it was locked with. Two covering indexes let opening a year count each receiver's
opinion items from the indexes alone (measured at 200,000 visits: 0.54 s → 0.18 s).

Revision ID: 0004_evaluation_decisions
Revises: 0003_visit_list_index
Create Date: 2026-11-26
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004_evaluation_decisions"
down_revision: str | None = "0003_visit_list_index"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("evaluation") as batch:
        batch.add_column(
            sa.Column("decision_grade", sa.String(8), nullable=False, server_default="")
        )
        batch.add_column(sa.Column("decision_reason", sa.Text(), nullable=False, server_default=""))
        batch.add_column(
            sa.Column("consequence_note", sa.Text(), nullable=False, server_default="")
        )
        batch.add_column(sa.Column("suggestions", sa.Text(), nullable=False, server_default=""))
        batch.create_index("ix_evaluation_station_year", ["station_id", "year"])
    op.create_index(
        "ix_visit_live_receiver", "visit", ["deleted_at", "visit_date", "received_by_id", "id"]
    )
    op.drop_index("ix_opinion_item_visit_id", table_name="opinion_item")
    op.create_index("ix_opinion_item_visit_live", "opinion_item", ["visit_id", "deleted_at", "id"])


def downgrade() -> None:
    op.drop_index("ix_opinion_item_visit_live", table_name="opinion_item")
    op.create_index("ix_opinion_item_visit_id", "opinion_item", ["visit_id"])
    op.drop_index("ix_visit_live_receiver", table_name="visit")
    with op.batch_alter_table("evaluation") as batch:
        batch.drop_index("ix_evaluation_station_year")
        batch.drop_column("suggestions")
        batch.drop_column("consequence_note")
        batch.drop_column("decision_reason")
        batch.drop_column("decision_grade")
