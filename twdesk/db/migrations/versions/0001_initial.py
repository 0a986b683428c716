"""Initial schema: every table of the twdesk data model.

Revision ID: 0001_initial
Revises: -
Create Date: 2026-11-24 03:32:44.175879
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001_initial"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "audit_log",
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("user", sa.String(length=64), nullable=False),
        sa.Column("action", sa.String(length=12), nullable=False),
        sa.Column("table_name", sa.String(length=40), nullable=False),
        sa.Column("row_id", sa.String(length=36), nullable=False),
        sa.Column("field", sa.String(length=40), nullable=False),
        sa.Column("old_value", sa.Text(), nullable=True),
        sa.Column("new_value", sa.Text(), nullable=True),
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
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
    )
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_log_at"), ["at"], unique=False)
        batch_op.create_index("ix_audit_log_row", ["table_name", "row_id"], unique=False)

    op.create_table(
        "eval_scheme",
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("year_from", sa.Integer(), nullable=True),
        sa.Column("excellent_cap", sa.Float(), nullable=False),
        sa.Column("bonus_cap", sa.Float(), nullable=False),
        sa.Column("grade_excellent", sa.Float(), nullable=False),
        sa.Column("grade_competent", sa.Float(), nullable=False),
        sa.Column("grade_basic", sa.Float(), nullable=False),
        sa.Column("youth_target", sa.Integer(), nullable=False),
        sa.Column("branch_target", sa.Integer(), nullable=False),
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
        sa.PrimaryKeyConstraint("id", name=op.f("pk_eval_scheme")),
    )
    op.create_table(
        "holiday",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=2), nullable=False),
        sa.Column("name", sa.String(length=50), nullable=False),
        sa.Column("source", sa.String(length=20), nullable=False),
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
        sa.PrimaryKeyConstraint("id", name=op.f("pk_holiday")),
        sa.UniqueConstraint("day", name=op.f("uq_holiday_day")),
    )
    op.create_table(
        "holiday_year",
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.Column("confirmed_by", sa.String(length=64), nullable=False),
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
        sa.PrimaryKeyConstraint("id", name=op.f("pk_holiday_year")),
        sa.UniqueConstraint("year", name=op.f("uq_holiday_year_year")),
    )
    op.create_table(
        "lookup_value",
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
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
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lookup_value")),
        sa.UniqueConstraint("kind", "name", name=op.f("uq_lookup_value_kind_name")),
    )
    op.create_table(
        "person",
        sa.Column("name", sa.String(length=50), nullable=False),
        sa.Column("name_pinyin", sa.String(length=200), nullable=False),
        sa.Column("name_initials", sa.String(length=50), nullable=False),
        sa.Column("gender", sa.String(length=2), nullable=False),
        sa.Column("birth_date", sa.Date(), nullable=True),
        sa.Column("ethnicity", sa.String(length=20), nullable=False),
        sa.Column("political_status", sa.String(length=20), nullable=False),
        sa.Column("education", sa.String(length=20), nullable=False),
        sa.Column("id_number", sa.String(length=18), nullable=False),
        sa.Column("phone", sa.String(length=30), nullable=False),
        sa.Column("wechat", sa.String(length=50), nullable=False),
        sa.Column("unit", sa.String(length=100), nullable=False),
        sa.Column("position", sa.String(length=100), nullable=False),
        sa.Column("address", sa.String(length=200), nullable=False),
        sa.Column("is_delegate", sa.Boolean(), nullable=False),
        sa.Column("is_committee", sa.Boolean(), nullable=False),
        sa.Column("is_past_delegate", sa.Boolean(), nullable=False),
        sa.Column("is_cadre", sa.Boolean(), nullable=False),
        sa.Column("level", sa.String(length=8), nullable=False),
        sa.Column("sector", sa.String(length=32), nullable=False),
        sa.Column("term", sa.String(length=32), nullable=False),
        sa.Column("status", sa.String(length=8), nullable=False),
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
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person")),
    )
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.create_index("ix_person_id_number", ["id_number"], unique=False)
        batch_op.create_index(batch_op.f("ix_person_name"), ["name"], unique=False)
        batch_op.create_index("ix_person_name_pinyin", ["name_pinyin"], unique=False)
        batch_op.create_index(batch_op.f("ix_person_status"), ["status"], unique=False)

    op.create_table(
        "setting",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_setting")),
    )
    op.create_table(
        "station",
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("parent_id", sa.String(length=36), nullable=True),
        sa.Column("address", sa.String(length=200), nullable=False),
        sa.Column("hours", sa.String(length=100), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("established_on", sa.Date(), nullable=True),
        sa.Column("retired_on", sa.Date(), nullable=True),
        sa.Column("leader_name", sa.String(length=50), nullable=False),
        sa.Column("leader_phone", sa.String(length=30), nullable=False),
        sa.Column("leader_photo", sa.LargeBinary(), nullable=True),
        sa.Column("contact_phone", sa.String(length=30), nullable=False),
        sa.Column("duties", sa.Text(), nullable=False),
        sa.Column("rules", sa.Text(), nullable=False),
        sa.Column("pledges", sa.Text(), nullable=False),
        sa.Column("yearly_plan", sa.Text(), nullable=False),
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
        sa.ForeignKeyConstraint(
            ["parent_id"], ["station.id"], name=op.f("fk_station_parent_id_station")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_station")),
    )
    with op.batch_alter_table("station", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_station_name"), ["name"], unique=False)
        batch_op.create_index(batch_op.f("ix_station_parent_id"), ["parent_id"], unique=False)

    op.create_table(
        "commendation",
        sa.Column("person_id", sa.String(length=36), nullable=False),
        sa.Column("level", sa.String(length=8), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("awarded_on", sa.Date(), nullable=False),
        sa.Column("issuer", sa.String(length=100), nullable=False),
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
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_commendation_person_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_commendation")),
    )
    with op.batch_alter_table("commendation", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_commendation_person_id"), ["person_id"], unique=False)

    op.create_table(
        "committee_link",
        sa.Column("committee_id", sa.String(length=36), nullable=False),
        sa.Column("delegate_id", sa.String(length=36), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("end_date", sa.Date(), nullable=True),
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
        sa.ForeignKeyConstraint(
            ["committee_id"], ["person.id"], name=op.f("fk_committee_link_committee_id_person")
        ),
        sa.ForeignKeyConstraint(
            ["delegate_id"], ["person.id"], name=op.f("fk_committee_link_delegate_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_committee_link")),
    )
    with op.batch_alter_table("committee_link", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_committee_link_committee_id"), ["committee_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_committee_link_delegate_id"), ["delegate_id"], unique=False
        )

    op.create_table(
        "duty_rule",
        sa.Column("station_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("weekday", sa.Integer(), nullable=True),
        sa.Column("month_day", sa.Integer(), nullable=True),
        sa.Column("nth", sa.Integer(), nullable=True),
        sa.Column("start_time", sa.Time(), nullable=True),
        sa.Column("end_time", sa.Time(), nullable=True),
        sa.Column("per_day", sa.Integer(), nullable=False),
        sa.Column("mix_levels", sa.Boolean(), nullable=False),
        sa.Column("on_holiday", sa.String(length=8), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=True),
        sa.Column("valid_to", sa.Date(), nullable=True),
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
        sa.ForeignKeyConstraint(
            ["station_id"], ["station.id"], name=op.f("fk_duty_rule_station_id_station")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_duty_rule")),
    )
    with op.batch_alter_table("duty_rule", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_duty_rule_station_id"), ["station_id"], unique=False)

    op.create_table(
        "eval_bonus_item",
        sa.Column("scheme_id", sa.String(length=36), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("points", sa.Float(), nullable=False),
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
        sa.ForeignKeyConstraint(
            ["scheme_id"], ["eval_scheme.id"], name=op.f("fk_eval_bonus_item_scheme_id_eval_scheme")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_eval_bonus_item")),
    )
    with op.batch_alter_table("eval_bonus_item", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_eval_bonus_item_scheme_id"), ["scheme_id"], unique=False
        )

    op.create_table(
        "eval_indicator",
        sa.Column("scheme_id", sa.String(length=36), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("points", sa.Float(), nullable=False),
        sa.Column("rule_key", sa.String(length=32), nullable=False),
        sa.Column("rule_params", sa.Text(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
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
        sa.ForeignKeyConstraint(
            ["scheme_id"], ["eval_scheme.id"], name=op.f("fk_eval_indicator_scheme_id_eval_scheme")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_eval_indicator")),
    )
    with op.batch_alter_table("eval_indicator", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_eval_indicator_scheme_id"), ["scheme_id"], unique=False
        )

    op.create_table(
        "eval_veto_item",
        sa.Column("scheme_id", sa.String(length=36), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
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
        sa.ForeignKeyConstraint(
            ["scheme_id"], ["eval_scheme.id"], name=op.f("fk_eval_veto_item_scheme_id_eval_scheme")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_eval_veto_item")),
    )
    with op.batch_alter_table("eval_veto_item", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_eval_veto_item_scheme_id"), ["scheme_id"], unique=False
        )

    op.create_table(
        "evaluation",
        sa.Column("person_id", sa.String(length=36), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("scheme_id", sa.String(length=36), nullable=False),
        sa.Column("station_id", sa.String(length=36), nullable=True),
        sa.Column("self_total", sa.Float(), nullable=True),
        sa.Column("station_total", sa.Float(), nullable=True),
        sa.Column("review_total", sa.Float(), nullable=True),
        sa.Column("bonus", sa.Float(), nullable=False),
        sa.Column("vetoed", sa.Boolean(), nullable=False),
        sa.Column("final_score", sa.Float(), nullable=True),
        sa.Column("grade", sa.String(length=8), nullable=False),
        sa.Column("consequence", sa.String(length=32), nullable=False),
        sa.Column("stage", sa.String(length=8), nullable=False),
        sa.Column("locked", sa.Boolean(), nullable=False),
        sa.Column("locked_at", sa.DateTime(), nullable=True),
        sa.Column("locked_by", sa.String(length=64), nullable=False),
        sa.Column("scheme_snapshot", sa.Text(), nullable=False),
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
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_evaluation_person_id_person")
        ),
        sa.ForeignKeyConstraint(
            ["scheme_id"], ["eval_scheme.id"], name=op.f("fk_evaluation_scheme_id_eval_scheme")
        ),
        sa.ForeignKeyConstraint(
            ["station_id"], ["station.id"], name=op.f("fk_evaluation_station_id_station")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evaluation")),
        sa.UniqueConstraint("person_id", "year", name=op.f("uq_evaluation_person_id_year")),
    )
    with op.batch_alter_table("evaluation", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_evaluation_person_id"), ["person_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_evaluation_year"), ["year"], unique=False)

    op.create_table(
        "mentorship",
        sa.Column("mentor_id", sa.String(length=36), nullable=False),
        sa.Column("mentee_id", sa.String(length=36), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("end_date", sa.Date(), nullable=True),
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
        sa.ForeignKeyConstraint(
            ["mentee_id"], ["person.id"], name=op.f("fk_mentorship_mentee_id_person")
        ),
        sa.ForeignKeyConstraint(
            ["mentor_id"], ["person.id"], name=op.f("fk_mentorship_mentor_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mentorship")),
    )
    with op.batch_alter_table("mentorship", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_mentorship_mentee_id"), ["mentee_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_mentorship_mentor_id"), ["mentor_id"], unique=False)

    op.create_table(
        "person_photo",
        sa.Column("person_id", sa.String(length=36), nullable=False),
        sa.Column("mime", sa.String(length=20), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
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
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_person_photo_person_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person_photo")),
        sa.UniqueConstraint("person_id", name=op.f("uq_person_photo_person_id")),
    )
    op.create_table(
        "project",
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("station_id", sa.String(length=36), nullable=True),
        sa.Column("leader_id", sa.String(length=36), nullable=True),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("youth_served", sa.Integer(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
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
            ["leader_id"], ["person.id"], name=op.f("fk_project_leader_id_person")
        ),
        sa.ForeignKeyConstraint(
            ["station_id"], ["station.id"], name=op.f("fk_project_station_id_station")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_project")),
    )
    with op.batch_alter_table("project", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_project_name"), ["name"], unique=False)

    op.create_table(
        "special_group",
        sa.Column("station_id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("leader_id", sa.String(length=36), nullable=True),
        sa.Column("description", sa.Text(), nullable=False),
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
            ["leader_id"], ["person.id"], name=op.f("fk_special_group_leader_id_person")
        ),
        sa.ForeignKeyConstraint(
            ["station_id"], ["station.id"], name=op.f("fk_special_group_station_id_station")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_special_group")),
    )
    with op.batch_alter_table("special_group", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_special_group_station_id"), ["station_id"], unique=False
        )

    op.create_table(
        "station_membership",
        sa.Column("station_id", sa.String(length=36), nullable=False),
        sa.Column("person_id", sa.String(length=36), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("end_date", sa.Date(), nullable=True),
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
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_station_membership_person_id_person")
        ),
        sa.ForeignKeyConstraint(
            ["station_id"], ["station.id"], name=op.f("fk_station_membership_station_id_station")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_station_membership")),
    )
    with op.batch_alter_table("station_membership", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_station_membership_person_id"), ["person_id"], unique=False
        )
        batch_op.create_index(
            "ix_station_membership_station_person", ["station_id", "person_id"], unique=False
        )

    op.create_table(
        "status_change",
        sa.Column("person_id", sa.String(length=36), nullable=False),
        sa.Column("status", sa.String(length=8), nullable=False),
        sa.Column("changed_on", sa.Date(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("recorded_by", sa.String(length=64), nullable=False),
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
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_status_change_person_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_status_change")),
    )
    with op.batch_alter_table("status_change", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_status_change_person_id"), ["person_id"], unique=False)

    op.create_table(
        "unavailability",
        sa.Column("person_id", sa.String(length=36), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
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
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_unavailability_person_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_unavailability")),
    )
    with op.batch_alter_table("unavailability", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_unavailability_person_id"), ["person_id"], unique=False
        )

    op.create_table(
        "youth_branch",
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("unit", sa.String(length=100), nullable=False),
        sa.Column("station_id", sa.String(length=36), nullable=True),
        sa.Column("secretary", sa.String(length=50), nullable=False),
        sa.Column("phone", sa.String(length=30), nullable=False),
        sa.Column("member_count", sa.Integer(), nullable=True),
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
            ["station_id"], ["station.id"], name=op.f("fk_youth_branch_station_id_station")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_youth_branch")),
    )
    with op.batch_alter_table("youth_branch", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_youth_branch_name"), ["name"], unique=False)

    op.create_table(
        "activity",
        sa.Column("station_id", sa.String(length=36), nullable=True),
        sa.Column("activity_type", sa.String(length=32), nullable=False),
        sa.Column("activity_date", sa.Date(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("place", sa.String(length=200), nullable=False),
        sa.Column("youth_count", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.String(length=36), nullable=True),
        sa.Column("group_id", sa.String(length=36), nullable=True),
        sa.Column("branch_id", sa.String(length=36), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("source", sa.String(length=4), nullable=False),
        sa.Column("recorded_by_id", sa.String(length=36), nullable=True),
        sa.Column("confirmation", sa.String(length=4), nullable=False),
        sa.Column("confirmation_note", sa.Text(), nullable=False),
        sa.Column("confirmed_at", sa.DateTime(), nullable=True),
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
            ["branch_id"], ["youth_branch.id"], name=op.f("fk_activity_branch_id_youth_branch")
        ),
        sa.ForeignKeyConstraint(
            ["group_id"], ["special_group.id"], name=op.f("fk_activity_group_id_special_group")
        ),
        sa.ForeignKeyConstraint(
            ["project_id"], ["project.id"], name=op.f("fk_activity_project_id_project")
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_id"], ["person.id"], name=op.f("fk_activity_recorded_by_id_person")
        ),
        sa.ForeignKeyConstraint(
            ["station_id"], ["station.id"], name=op.f("fk_activity_station_id_station")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_activity")),
    )
    with op.batch_alter_table("activity", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_activity_activity_date"), ["activity_date"], unique=False
        )

    op.create_table(
        "branch_contact",
        sa.Column("delegate_id", sa.String(length=36), nullable=False),
        sa.Column("branch_id", sa.String(length=36), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("end_date", sa.Date(), nullable=True),
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
        sa.ForeignKeyConstraint(
            ["branch_id"],
            ["youth_branch.id"],
            name=op.f("fk_branch_contact_branch_id_youth_branch"),
        ),
        sa.ForeignKeyConstraint(
            ["delegate_id"], ["person.id"], name=op.f("fk_branch_contact_delegate_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_branch_contact")),
    )
    with op.batch_alter_table("branch_contact", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_branch_contact_branch_id"), ["branch_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_branch_contact_delegate_id"), ["delegate_id"], unique=False
        )

    op.create_table(
        "duty_day",
        sa.Column("station_id", sa.String(length=36), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("rule_id", sa.String(length=36), nullable=True),
        sa.Column("start_time", sa.Time(), nullable=True),
        sa.Column("end_time", sa.Time(), nullable=True),
        sa.Column("moved_from", sa.Date(), nullable=True),
        sa.Column("cancelled", sa.Boolean(), nullable=False),
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
        sa.ForeignKeyConstraint(
            ["rule_id"], ["duty_rule.id"], name=op.f("fk_duty_day_rule_id_duty_rule")
        ),
        sa.ForeignKeyConstraint(
            ["station_id"], ["station.id"], name=op.f("fk_duty_day_station_id_station")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_duty_day")),
        sa.UniqueConstraint("station_id", "day", name=op.f("uq_duty_day_station_id_day")),
    )
    with op.batch_alter_table("duty_day", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_duty_day_day"), ["day"], unique=False)

    op.create_table(
        "evaluation_bonus",
        sa.Column("evaluation_id", sa.String(length=36), nullable=False),
        sa.Column("bonus_item_id", sa.String(length=36), nullable=True),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("points", sa.Float(), nullable=False),
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
        sa.ForeignKeyConstraint(
            ["bonus_item_id"],
            ["eval_bonus_item.id"],
            name=op.f("fk_evaluation_bonus_bonus_item_id_eval_bonus_item"),
        ),
        sa.ForeignKeyConstraint(
            ["evaluation_id"],
            ["evaluation.id"],
            name=op.f("fk_evaluation_bonus_evaluation_id_evaluation"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evaluation_bonus")),
    )
    with op.batch_alter_table("evaluation_bonus", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_evaluation_bonus_evaluation_id"), ["evaluation_id"], unique=False
        )

    op.create_table(
        "evaluation_score",
        sa.Column("evaluation_id", sa.String(length=36), nullable=False),
        sa.Column("indicator_id", sa.String(length=36), nullable=False),
        sa.Column("suggested", sa.Float(), nullable=True),
        sa.Column("self_score", sa.Float(), nullable=True),
        sa.Column("self_reason", sa.Text(), nullable=False),
        sa.Column("station_score", sa.Float(), nullable=True),
        sa.Column("station_reason", sa.Text(), nullable=False),
        sa.Column("review_score", sa.Float(), nullable=True),
        sa.Column("review_reason", sa.Text(), nullable=False),
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
        sa.ForeignKeyConstraint(
            ["evaluation_id"],
            ["evaluation.id"],
            name=op.f("fk_evaluation_score_evaluation_id_evaluation"),
        ),
        sa.ForeignKeyConstraint(
            ["indicator_id"],
            ["eval_indicator.id"],
            name=op.f("fk_evaluation_score_indicator_id_eval_indicator"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evaluation_score")),
        sa.UniqueConstraint(
            "evaluation_id",
            "indicator_id",
            name=op.f("uq_evaluation_score_evaluation_id_indicator_id"),
        ),
    )
    op.create_table(
        "evaluation_unlock",
        sa.Column("evaluation_id", sa.String(length=36), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("done_at", sa.DateTime(), nullable=False),
        sa.Column("done_by", sa.String(length=64), nullable=False),
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
        sa.ForeignKeyConstraint(
            ["evaluation_id"],
            ["evaluation.id"],
            name=op.f("fk_evaluation_unlock_evaluation_id_evaluation"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evaluation_unlock")),
    )
    with op.batch_alter_table("evaluation_unlock", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_evaluation_unlock_evaluation_id"), ["evaluation_id"], unique=False
        )

    op.create_table(
        "evaluation_veto",
        sa.Column("evaluation_id", sa.String(length=36), nullable=False),
        sa.Column("veto_item_id", sa.String(length=36), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
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
        sa.ForeignKeyConstraint(
            ["evaluation_id"],
            ["evaluation.id"],
            name=op.f("fk_evaluation_veto_evaluation_id_evaluation"),
        ),
        sa.ForeignKeyConstraint(
            ["veto_item_id"],
            ["eval_veto_item.id"],
            name=op.f("fk_evaluation_veto_veto_item_id_eval_veto_item"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evaluation_veto")),
    )
    with op.batch_alter_table("evaluation_veto", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_evaluation_veto_evaluation_id"), ["evaluation_id"], unique=False
        )

    op.create_table(
        "group_membership",
        sa.Column("group_id", sa.String(length=36), nullable=False),
        sa.Column("person_id", sa.String(length=36), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("end_date", sa.Date(), nullable=True),
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
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["special_group.id"],
            name=op.f("fk_group_membership_group_id_special_group"),
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_group_membership_person_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_group_membership")),
    )
    with op.batch_alter_table("group_membership", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_group_membership_group_id"), ["group_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_group_membership_person_id"), ["person_id"], unique=False
        )

    op.create_table(
        "project_member",
        sa.Column("project_id", sa.String(length=36), nullable=False),
        sa.Column("person_id", sa.String(length=36), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
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
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_project_member_person_id_person")
        ),
        sa.ForeignKeyConstraint(
            ["project_id"], ["project.id"], name=op.f("fk_project_member_project_id_project")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_project_member")),
        sa.UniqueConstraint(
            "project_id", "person_id", name=op.f("uq_project_member_project_id_person_id")
        ),
    )
    with op.batch_alter_table("project_member", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_project_member_person_id"), ["person_id"], unique=False
        )

    op.create_table(
        "activity_participant",
        sa.Column("activity_id", sa.String(length=36), nullable=False),
        sa.Column("person_id", sa.String(length=36), nullable=False),
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
        sa.ForeignKeyConstraint(
            ["activity_id"],
            ["activity.id"],
            name=op.f("fk_activity_participant_activity_id_activity"),
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_activity_participant_person_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_activity_participant")),
        sa.UniqueConstraint(
            "activity_id", "person_id", name=op.f("uq_activity_participant_activity_id_person_id")
        ),
    )
    with op.batch_alter_table("activity_participant", schema=None) as batch_op:
        batch_op.create_index("ix_activity_participant_person", ["person_id"], unique=False)

    op.create_table(
        "attachment",
        sa.Column("activity_id", sa.String(length=36), nullable=False),
        sa.Column("filename", sa.String(length=200), nullable=False),
        sa.Column("mime", sa.String(length=50), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("thumbnail", sa.LargeBinary(), nullable=True),
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
        sa.ForeignKeyConstraint(
            ["activity_id"], ["activity.id"], name=op.f("fk_attachment_activity_id_activity")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attachment")),
    )
    with op.batch_alter_table("attachment", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_attachment_activity_id"), ["activity_id"], unique=False
        )

    op.create_table(
        "duty_assignment",
        sa.Column("duty_day_id", sa.String(length=36), nullable=False),
        sa.Column("person_id", sa.String(length=36), nullable=False),
        sa.Column("attendance", sa.String(length=4), nullable=False),
        sa.Column("substitute_id", sa.String(length=36), nullable=True),
        sa.Column("attendance_note", sa.Text(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=True),
        sa.Column("recorded_by", sa.String(length=64), nullable=False),
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
        sa.ForeignKeyConstraint(
            ["duty_day_id"], ["duty_day.id"], name=op.f("fk_duty_assignment_duty_day_id_duty_day")
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_duty_assignment_person_id_person")
        ),
        sa.ForeignKeyConstraint(
            ["substitute_id"], ["person.id"], name=op.f("fk_duty_assignment_substitute_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_duty_assignment")),
        sa.UniqueConstraint(
            "duty_day_id", "person_id", name=op.f("uq_duty_assignment_duty_day_id_person_id")
        ),
    )
    with op.batch_alter_table("duty_assignment", schema=None) as batch_op:
        batch_op.create_index("ix_duty_assignment_person", ["person_id"], unique=False)

    op.create_table(
        "visit",
        sa.Column("station_id", sa.String(length=36), nullable=False),
        sa.Column("duty_day_id", sa.String(length=36), nullable=True),
        sa.Column("received_by_id", sa.String(length=36), nullable=True),
        sa.Column("visit_date", sa.Date(), nullable=False),
        sa.Column("visit_time", sa.Time(), nullable=True),
        sa.Column("visitor_name", sa.String(length=50), nullable=False),
        sa.Column("anonymous", sa.Boolean(), nullable=False),
        sa.Column("gender", sa.String(length=2), nullable=False),
        sa.Column("age_group", sa.String(length=16), nullable=False),
        sa.Column("identity", sa.String(length=8), nullable=False),
        sa.Column("phone", sa.String(length=30), nullable=False),
        sa.Column("unit_or_village", sa.String(length=100), nullable=False),
        sa.Column("channel", sa.String(length=8), nullable=False),
        sa.Column("category", sa.String(length=32), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("people_count", sa.Integer(), nullable=False),
        sa.Column("recorded_by", sa.String(length=64), nullable=False),
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
            ["duty_day_id"], ["duty_day.id"], name=op.f("fk_visit_duty_day_id_duty_day")
        ),
        sa.ForeignKeyConstraint(
            ["received_by_id"], ["person.id"], name=op.f("fk_visit_received_by_id_person")
        ),
        sa.ForeignKeyConstraint(
            ["station_id"], ["station.id"], name=op.f("fk_visit_station_id_station")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_visit")),
    )

    op.create_table(
        "duty_swap",
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("assignment_id", sa.String(length=36), nullable=False),
        sa.Column("other_assignment_id", sa.String(length=36), nullable=True),
        sa.Column("from_person_id", sa.String(length=36), nullable=False),
        sa.Column("to_person_id", sa.String(length=36), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("done_at", sa.DateTime(), nullable=False),
        sa.Column("done_by", sa.String(length=64), nullable=False),
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
        sa.ForeignKeyConstraint(
            ["assignment_id"],
            ["duty_assignment.id"],
            name=op.f("fk_duty_swap_assignment_id_duty_assignment"),
        ),
        sa.ForeignKeyConstraint(
            ["from_person_id"], ["person.id"], name=op.f("fk_duty_swap_from_person_id_person")
        ),
        sa.ForeignKeyConstraint(
            ["other_assignment_id"],
            ["duty_assignment.id"],
            name=op.f("fk_duty_swap_other_assignment_id_duty_assignment"),
        ),
        sa.ForeignKeyConstraint(
            ["to_person_id"], ["person.id"], name=op.f("fk_duty_swap_to_person_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_duty_swap")),
    )
    with op.batch_alter_table("duty_swap", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_duty_swap_assignment_id"), ["assignment_id"], unique=False
        )

    op.create_table(
        "opinion_item",
        sa.Column("visit_id", sa.String(length=36), nullable=False),
        sa.Column("number", sa.String(length=32), nullable=False),
        sa.Column("category", sa.String(length=32), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=8), nullable=False),
        sa.Column("department", sa.String(length=100), nullable=False),
        sa.Column("responsible", sa.String(length=50), nullable=False),
        sa.Column("assigned_on", sa.Date(), nullable=True),
        sa.Column("deadline", sa.Date(), nullable=True),
        sa.Column("handled_on", sa.Date(), nullable=True),
        sa.Column("result", sa.Text(), nullable=False),
        sa.Column("fed_back_on", sa.Date(), nullable=True),
        sa.Column("feedback_method", sa.String(length=50), nullable=False),
        sa.Column("satisfaction", sa.String(length=8), nullable=False),
        sa.Column("adopted", sa.Boolean(), nullable=False),
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
            ["visit_id"], ["visit.id"], name=op.f("fk_opinion_item_visit_id_visit")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_opinion_item")),
    )
    with op.batch_alter_table("opinion_item", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_opinion_item_number"), ["number"], unique=False)
        batch_op.create_index(batch_op.f("ix_opinion_item_visit_id"), ["visit_id"], unique=False)

    op.create_table(
        "opinion_step",
        sa.Column("item_id", sa.String(length=36), nullable=False),
        sa.Column("from_status", sa.String(length=8), nullable=False),
        sa.Column("to_status", sa.String(length=8), nullable=False),
        sa.Column("done_on", sa.Date(), nullable=False),
        sa.Column("done_at", sa.DateTime(), nullable=False),
        sa.Column("done_by", sa.String(length=64), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
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
        sa.ForeignKeyConstraint(
            ["item_id"], ["opinion_item.id"], name=op.f("fk_opinion_step_item_id_opinion_item")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_opinion_step")),
    )
    with op.batch_alter_table("opinion_step", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_opinion_step_item_id"), ["item_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("opinion_step", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_opinion_step_item_id"))

    op.drop_table("opinion_step")
    with op.batch_alter_table("opinion_item", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_opinion_item_visit_id"))
        batch_op.drop_index(batch_op.f("ix_opinion_item_number"))

    op.drop_table("opinion_item")
    with op.batch_alter_table("duty_swap", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_duty_swap_assignment_id"))

    op.drop_table("duty_swap")

    op.drop_table("visit")
    with op.batch_alter_table("duty_assignment", schema=None) as batch_op:
        batch_op.drop_index("ix_duty_assignment_person")

    op.drop_table("duty_assignment")
    with op.batch_alter_table("attachment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_attachment_activity_id"))

    op.drop_table("attachment")
    with op.batch_alter_table("activity_participant", schema=None) as batch_op:
        batch_op.drop_index("ix_activity_participant_person")

    op.drop_table("activity_participant")
    with op.batch_alter_table("project_member", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_project_member_person_id"))

    op.drop_table("project_member")
    with op.batch_alter_table("group_membership", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_group_membership_person_id"))
        batch_op.drop_index(batch_op.f("ix_group_membership_group_id"))

    op.drop_table("group_membership")
    with op.batch_alter_table("evaluation_veto", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_evaluation_veto_evaluation_id"))

    op.drop_table("evaluation_veto")
    with op.batch_alter_table("evaluation_unlock", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_evaluation_unlock_evaluation_id"))

    op.drop_table("evaluation_unlock")
    op.drop_table("evaluation_score")
    with op.batch_alter_table("evaluation_bonus", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_evaluation_bonus_evaluation_id"))

    op.drop_table("evaluation_bonus")
    with op.batch_alter_table("duty_day", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_duty_day_day"))

    op.drop_table("duty_day")
    with op.batch_alter_table("branch_contact", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_branch_contact_delegate_id"))
        batch_op.drop_index(batch_op.f("ix_branch_contact_branch_id"))

    op.drop_table("branch_contact")
    with op.batch_alter_table("activity", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_activity_activity_date"))

    op.drop_table("activity")
    with op.batch_alter_table("youth_branch", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_youth_branch_name"))

    op.drop_table("youth_branch")
    with op.batch_alter_table("unavailability", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_unavailability_person_id"))

    op.drop_table("unavailability")
    with op.batch_alter_table("status_change", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_status_change_person_id"))

    op.drop_table("status_change")
    with op.batch_alter_table("station_membership", schema=None) as batch_op:
        batch_op.drop_index("ix_station_membership_station_person")
        batch_op.drop_index(batch_op.f("ix_station_membership_person_id"))

    op.drop_table("station_membership")
    with op.batch_alter_table("special_group", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_special_group_station_id"))

    op.drop_table("special_group")
    with op.batch_alter_table("project", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_project_name"))

    op.drop_table("project")
    op.drop_table("person_photo")
    with op.batch_alter_table("mentorship", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_mentorship_mentor_id"))
        batch_op.drop_index(batch_op.f("ix_mentorship_mentee_id"))

    op.drop_table("mentorship")
    with op.batch_alter_table("evaluation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_evaluation_year"))
        batch_op.drop_index(batch_op.f("ix_evaluation_person_id"))

    op.drop_table("evaluation")
    with op.batch_alter_table("eval_veto_item", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_eval_veto_item_scheme_id"))

    op.drop_table("eval_veto_item")
    with op.batch_alter_table("eval_indicator", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_eval_indicator_scheme_id"))

    op.drop_table("eval_indicator")
    with op.batch_alter_table("eval_bonus_item", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_eval_bonus_item_scheme_id"))

    op.drop_table("eval_bonus_item")
    with op.batch_alter_table("duty_rule", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_duty_rule_station_id"))

    op.drop_table("duty_rule")
    with op.batch_alter_table("committee_link", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_committee_link_delegate_id"))
        batch_op.drop_index(batch_op.f("ix_committee_link_committee_id"))

    op.drop_table("committee_link")
    with op.batch_alter_table("commendation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_commendation_person_id"))

    op.drop_table("commendation")
    with op.batch_alter_table("station", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_station_parent_id"))
        batch_op.drop_index(batch_op.f("ix_station_name"))

    op.drop_table("station")
    op.drop_table("setting")
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_person_status"))
        batch_op.drop_index("ix_person_name_pinyin")
        batch_op.drop_index(batch_op.f("ix_person_name"))
        batch_op.drop_index("ix_person_id_number")

    op.drop_table("person")
    op.drop_table("lookup_value")
    op.drop_table("holiday_year")
    op.drop_table("holiday")
    op.drop_table("eval_scheme")
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_index("ix_audit_log_row")
        batch_op.drop_index(batch_op.f("ix_audit_log_at"))

    op.drop_table("audit_log")
