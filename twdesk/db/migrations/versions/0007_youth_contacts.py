"""联系青年: young people, contact books and logs, grassroots days, open days and satisfaction
rounds with their ballots (issue 14). Every table carries the usual id, stamps and origin office.

Revision ID: 0007_youth_contacts
Revises: 0006_exchange
Create Date: 2026-11-26
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007_youth_contacts"
down_revision: str | None = "0006_exchange"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "satisfaction_round",
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("covers_contactors", sa.Boolean(), nullable=False),
        sa.Column("covers_delegates", sa.Boolean(), nullable=False),
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
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column("deleted_by", sa.String(length=64), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_satisfaction_round")),
    )
    op.create_table(
        "young_person",
        sa.Column("name", sa.String(length=50), nullable=False),
        sa.Column("name_pinyin", sa.String(length=200), nullable=False),
        sa.Column("name_initials", sa.String(length=50), nullable=False),
        sa.Column("gender", sa.String(length=2), nullable=False),
        sa.Column("birth_year", sa.Integer(), nullable=True),
        sa.Column("age_group", sa.String(length=20), nullable=False),
        sa.Column("field", sa.String(length=32), nullable=False),
        sa.Column("organisation", sa.String(length=100), nullable=False),
        sa.Column("phone", sa.String(length=30), nullable=False),
        sa.Column("wechat", sa.String(length=50), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
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
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column("deleted_by", sa.String(length=64), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_young_person")),
    )
    with op.batch_alter_table("young_person", schema=None) as batch_op:
        batch_op.create_index("ix_young_person_name_org", ["name", "organisation"], unique=False)
        batch_op.create_index("ix_young_person_phone", ["phone"], unique=False)

    op.create_table(
        "contact_book_entry",
        sa.Column("contactor_id", sa.String(length=36), nullable=False),
        sa.Column("young_person_id", sa.String(length=36), nullable=False),
        sa.Column("first_contact_date", sa.Date(), nullable=False),
        sa.Column("first_contact_way", sa.String(length=8), nullable=False),
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
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column("deleted_by", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(
            ["contactor_id"], ["person.id"], name=op.f("fk_contact_book_entry_contactor_id_person")
        ),
        sa.ForeignKeyConstraint(
            ["young_person_id"],
            ["young_person.id"],
            name=op.f("fk_contact_book_entry_young_person_id_young_person"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contact_book_entry")),
    )
    with op.batch_alter_table("contact_book_entry", schema=None) as batch_op:
        batch_op.create_index(
            "ix_contact_book_entry_contactor", ["contactor_id", "young_person_id"], unique=False
        )
        batch_op.create_index("ix_contact_book_entry_young", ["young_person_id"], unique=False)

    op.create_table(
        "grassroots_day",
        sa.Column("cadre_id", sa.String(length=36), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("place", sa.String(length=200), nullable=False),
        sa.Column("what", sa.Text(), nullable=False),
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
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column("deleted_by", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(
            ["cadre_id"], ["person.id"], name=op.f("fk_grassroots_day_cadre_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_grassroots_day")),
    )
    with op.batch_alter_table("grassroots_day", schema=None) as batch_op:
        batch_op.create_index("ix_grassroots_day_cadre_day", ["cadre_id", "day"], unique=False)

    op.create_table(
        "open_day",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("theme", sa.String(length=200), nullable=False),
        sa.Column("youth_count", sa.Integer(), nullable=False),
        sa.Column("fields", sa.String(length=300), nullable=False),
        sa.Column("host_id", sa.String(length=36), nullable=True),
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
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column("deleted_by", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(
            ["host_id"], ["person.id"], name=op.f("fk_open_day_host_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_open_day")),
    )
    with op.batch_alter_table("open_day", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_open_day_day"), ["day"], unique=False)

    op.create_table(
        "satisfaction_ballot",
        sa.Column("round_id", sa.String(length=36), nullable=False),
        sa.Column("person_id", sa.String(length=36), nullable=False),
        sa.Column("result", sa.String(length=6), nullable=False),
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
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column("deleted_by", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_satisfaction_ballot_person_id_person")
        ),
        sa.ForeignKeyConstraint(
            ["round_id"],
            ["satisfaction_round.id"],
            name=op.f("fk_satisfaction_ballot_round_id_satisfaction_round"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_satisfaction_ballot")),
    )
    with op.batch_alter_table("satisfaction_ballot", schema=None) as batch_op:
        batch_op.create_index("ix_satisfaction_ballot_person", ["person_id"], unique=False)
        batch_op.create_index(
            "ix_satisfaction_ballot_round_person", ["round_id", "person_id"], unique=False
        )

    op.create_table(
        "contact_log_entry",
        sa.Column("book_entry_id", sa.String(length=36), nullable=False),
        sa.Column("contactor_id", sa.String(length=36), nullable=False),
        sa.Column("young_person_id", sa.String(length=36), nullable=False),
        sa.Column("contact_date", sa.Date(), nullable=False),
        sa.Column("way", sa.String(length=8), nullable=False),
        sa.Column("discussed", sa.Text(), nullable=False),
        sa.Column("help_given", sa.Text(), nullable=False),
        sa.Column("follow_up", sa.Text(), nullable=False),
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
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column("deleted_by", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(
            ["book_entry_id"],
            ["contact_book_entry.id"],
            name=op.f("fk_contact_log_entry_book_entry_id_contact_book_entry"),
        ),
        sa.ForeignKeyConstraint(
            ["contactor_id"], ["person.id"], name=op.f("fk_contact_log_entry_contactor_id_person")
        ),
        sa.ForeignKeyConstraint(
            ["young_person_id"],
            ["young_person.id"],
            name=op.f("fk_contact_log_entry_young_person_id_young_person"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contact_log_entry")),
    )
    with op.batch_alter_table("contact_log_entry", schema=None) as batch_op:
        batch_op.create_index(
            "ix_contact_log_entry_book", ["book_entry_id", "contact_date"], unique=False
        )
        batch_op.create_index(
            "ix_contact_log_entry_contactor", ["contactor_id", "contact_date"], unique=False
        )
        batch_op.create_index(
            "ix_contact_log_entry_date",
            ["contact_date", "contactor_id", "young_person_id", "deleted_at"],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("contact_log_entry", schema=None) as batch_op:
        batch_op.drop_index("ix_contact_log_entry_date")
        batch_op.drop_index("ix_contact_log_entry_contactor")
        batch_op.drop_index("ix_contact_log_entry_book")

    op.drop_table("contact_log_entry")
    with op.batch_alter_table("satisfaction_ballot", schema=None) as batch_op:
        batch_op.drop_index("ix_satisfaction_ballot_round_person")
        batch_op.drop_index("ix_satisfaction_ballot_person")

    op.drop_table("satisfaction_ballot")
    with op.batch_alter_table("open_day", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_open_day_day"))

    op.drop_table("open_day")
    with op.batch_alter_table("grassroots_day", schema=None) as batch_op:
        batch_op.drop_index("ix_grassroots_day_cadre_day")

    op.drop_table("grassroots_day")
    with op.batch_alter_table("contact_book_entry", schema=None) as batch_op:
        batch_op.drop_index("ix_contact_book_entry_young")
        batch_op.drop_index("ix_contact_book_entry_contactor")

    op.drop_table("contact_book_entry")
    with op.batch_alter_table("young_person", schema=None) as batch_op:
        batch_op.drop_index("ix_young_person_phone")
        batch_op.drop_index("ix_young_person_name_org")

    op.drop_table("young_person")
    op.drop_table("satisfaction_round")
