"""Declarative base, naming convention and the columns every row carries."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import DateTime, Integer, MetaData, String, func, text
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

# Alembic batch mode on SQLite needs named constraints to alter them later.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def new_id() -> str:
    """A new primary key: a random UUID as text, unique across every office's file."""
    return str(uuid.uuid4())


def now() -> datetime:
    """Local office time, to the second."""
    return datetime.now().replace(microsecond=0)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class IdMixin:
    """UUID text key, timestamps and the office database the row was created in."""

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    created_at: Mapped[datetime] = mapped_column(
        DateTime, default=now, server_default=func.current_timestamp()
    )
    updated_at: Mapped[datetime] = mapped_column(
        DateTime, default=now, onupdate=now, server_default=func.current_timestamp()
    )
    # Filled from the session's office id by the before_flush hook in db/session.py.
    origin_office_id: Mapped[str] = mapped_column(String(36))


# The column that counts the saves of a record (optimistic locking, issue 15).
VERSION_COLUMN = "row_version"


class VersionMixin:
    """A record users edit: `row_version` counts its saves in this database (1 when made).

    SQLAlchemy's `version_id_col` adds `AND row_version = <as loaded>` to every UPDATE and
    DELETE of the row and raises StaleDataError when another session saved it meanwhile;
    services compare the version an editor loaded (`expected_version`) with the stored one.
    The count is local to the database: a merge never compares it (see services/merge.py).
    """

    row_version: Mapped[int] = mapped_column(Integer, default=1, server_default=text("1"))

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        return {"version_id_col": cls.__table__.c.row_version}  # type: ignore[attr-defined]


class SoftDeleteMixin:
    """Rows moved to the recycle bin (回收站) keep their data until purged."""

    deleted_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)
    deleted_by: Mapped[str | None] = mapped_column(String(64), default=None)
