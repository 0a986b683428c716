"""Alembic environment: always runs on a connection handed in by twdesk.db.migrate."""

from __future__ import annotations

from alembic import context

from twdesk.db.models import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - alembic CLI use is not supported
    raise RuntimeError("twdesk migrations run through twdesk.db.migrate, not the alembic CLI")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite cannot ALTER most things: batch mode copies the table
    transaction_per_migration=False,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
