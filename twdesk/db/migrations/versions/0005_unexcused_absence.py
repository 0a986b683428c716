"""An activity's participant may be recorded as absent without leave (无故缺席): the evaluation's
参加会议 rule takes points off for each one, as the office's scheme says.

Revision ID: 0005_unexcused_absence
Revises: 0004_evaluation_decisions
Create Date: 2026-11-26
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005_unexcused_absence"
down_revision: str | None = "0004_evaluation_decisions"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("activity_participant") as batch:
        batch.add_column(sa.Column("absent", sa.Boolean(), nullable=False, server_default="0"))


def downgrade() -> None:
    with op.batch_alter_table("activity_participant") as batch:
        batch.drop_column("absent")
