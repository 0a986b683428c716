"""The USB exchange: a merge keeps every conflict for review (merge_conflict) and remembers when
it last met each other office's file (sync_peer). Both tables stay local to their file.

Revision ID: 0006_exchange
Revises: 0005_unexcused_absence
Create Date: 2026-11-26
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006_exchange"
down_revision: str | None = "0005_unexcused_absence"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "merge_conflict",
        sa.Column("merged_at", sa.DateTime(), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("table_name", sa.String(length=40), nullable=False),
        sa.Column("row_id", sa.String(length=36), nullable=False),
        sa.Column("field", sa.String(length=40), nullable=False),
        sa.Column("kept_value", sa.Text(), nullable=True),
        sa.Column("other_value", sa.Text(), nullable=True),
        sa.Column("kept_time", sa.DateTime(), nullable=True),
        sa.Column("other_time", sa.DateTime(), nullable=True),
        sa.Column("kept_office", sa.String(length=100), nullable=False),
        sa.Column("other_office", sa.String(length=100), nullable=False),
        sa.Column("other_office_id", sa.String(length=36), nullable=False),
        sa.Column("resolved", sa.Boolean(), nullable=False),
        sa.Column("resolution", sa.String(length=12), nullable=False),
        sa.Column("resolved_at", sa.DateTime(), nullable=True),
        sa.Column("resolved_by", sa.String(length=64), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column("origin_office_id", sa.String(length=36), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_merge_conflict")),
    )
    with op.batch_alter_table("merge_conflict", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_merge_conflict_merged_at"), ["merged_at"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_merge_conflict_resolved"), ["resolved"], unique=False)
        batch_op.create_index("ix_merge_conflict_row", ["table_name", "row_id"], unique=False)
    op.create_table(
        "sync_peer",
        sa.Column("peer_office_id", sa.String(length=36), nullable=False),
        sa.Column("peer_office_name", sa.String(length=100), nullable=False),
        sa.Column("last_met", sa.DateTime(), nullable=False),
        sa.Column("last_merged_at", sa.DateTime(), nullable=False),
        sa.Column("merges", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("peer_office_id", name=op.f("pk_sync_peer")),
    )


def downgrade() -> None:
    op.drop_table("sync_peer")
    with op.batch_alter_table("merge_conflict", schema=None) as batch_op:
        batch_op.drop_index("ix_merge_conflict_row")
        batch_op.drop_index(batch_op.f("ix_merge_conflict_resolved"))
        batch_op.drop_index(batch_op.f("ix_merge_conflict_merged_at"))
    op.drop_table("merge_conflict")
