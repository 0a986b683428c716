"""Run alembic migrations on a connection, inside the caller's transaction."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, text

if TYPE_CHECKING:
    from alembic.config import Config

# The schema version this twdesk writes: the number of the newest migration (NNNN_name).
# Kept as a constant so opening a file never has to import alembic; a test checks it.
SCHEMA_VERSION = 9

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def revision_number(revision: str) -> int:
    """Our revisions are named NNNN_description: the number is the schema version."""
    return int(revision.split("_", 1)[0])


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    heads = ScriptDirectory.from_config(alembic_config()).get_heads()
    if len(heads) != 1:
        raise RuntimeError(f"migrations must have exactly one head, found {heads}")
    return heads[0]


def current_revision(connection: Connection) -> str | None:
    try:
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except Exception:
        return None


def upgrade(connection: Connection, target: str = "head") -> None:
    """Migrate to `target` within the connection's current transaction."""
    from alembic import command

    command.upgrade(alembic_config(connection), target)
