"""Station management assessment (联络站考评): the checklist per year, the scores entered per
station and item, the rectification ledger (整改台账), and an index for the home page's
count of ledger entries waiting for confirmation (issue 16).

Revision ID: 0008_station_assessment
Revises: 0007_youth_contacts
Create Date: 2026-11-26
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008_station_assessment"
down_revision: str | None = "0007_youth_contacts"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _common(table: str, *, soft: bool = False) -> list[sa.SchemaItem]:
    columns: list[sa.SchemaItem] = [
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
    ]
    if soft:
        columns += [
            sa.Column("deleted_at", sa.DateTime(), nullable=True),
            sa.Column("deleted_by", sa.String(length=64), nullable=True),
        ]
    columns.append(sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{table}")))
    return columns


def upgrade() -> None:
    op.create_table(
        "station_check_item",
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("points", sa.Float(), nullable=False),
        sa.Column("measure", sa.String(length=24), nullable=False),
        sa.Column("param", sa.Float(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        *_common("station_check_item"),
        sa.UniqueConstraint("year", "seq", name=op.f("uq_station_check_item_year_seq")),
    )
    with op.batch_alter_table("station_check_item", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_station_check_item_year"), ["year"], unique=False)
    op.create_table(
        "station_check_score",
        sa.Column("item_id", sa.String(length=36), nullable=False),
        sa.Column("station_id", sa.String(length=36), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        *_common("station_check_score"),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["station_check_item.id"],
            name=op.f("fk_station_check_score_item_id_station_check_item"),
        ),
        sa.ForeignKeyConstraint(
            ["station_id"],
            ["station.id"],
            name=op.f("fk_station_check_score_station_id_station"),
        ),
        sa.UniqueConstraint(
            "item_id", "station_id", name=op.f("uq_station_check_score_item_id_station_id")
        ),
    )
    with op.batch_alter_table("station_check_score", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_station_check_score_item_id"), ["item_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_station_check_score_station_id"), ["station_id"], unique=False
        )
    op.create_table(
        "rectification",
        sa.Column("station_id", sa.String(length=36), nullable=False),
        sa.Column("item", sa.String(length=100), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("found_on", sa.Date(), nullable=False),
        sa.Column("deadline", sa.Date(), nullable=True),
        sa.Column("responsible", sa.String(length=50), nullable=False),
        sa.Column("follow_up", sa.Text(), nullable=False),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column("closing_note", sa.Text(), nullable=False),
        *_common("rectification", soft=True),
        sa.ForeignKeyConstraint(
            ["station_id"], ["station.id"], name=op.f("fk_rectification_station_id_station")
        ),
    )
    with op.batch_alter_table("rectification", schema=None) as batch_op:
        batch_op.create_index(
            "ix_rectification_station_closed", ["station_id", "closed_on"], unique=False
        )
    with op.batch_alter_table("activity", schema=None) as batch_op:
        batch_op.create_index(
            "ix_activity_confirmation", ["confirmation", "station_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("activity", schema=None) as batch_op:
        batch_op.drop_index("ix_activity_confirmation")
    with op.batch_alter_table("rectification", schema=None) as batch_op:
        batch_op.drop_index("ix_rectification_station_closed")
    op.drop_table("rectification")
    with op.batch_alter_table("station_check_score", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_station_check_score_station_id"))
        batch_op.drop_index(batch_op.f("ix_station_check_score_item_id"))
    op.drop_table("station_check_score")
    with op.batch_alter_table("station_check_item", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_station_check_item_year"))
    op.drop_table("station_check_item")
