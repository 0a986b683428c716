"""SQL that has to be written differently for SQLite and PostgreSQL, kept in the persistence
layer: the services use these constructs and stay free of any one engine's dialect."""

from __future__ import annotations

from typing import Any

from sqlalchemy import String
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement


class stamp_text(FunctionElement[str]):
    """A DateTime column as the text SQLite stores for it through SQLAlchemy
    ("2024-05-01 09:30:00.000000"), '' for NULL — the same text on every engine, so that two
    databases' row versions compare as strings (the merge compares files by them)."""

    type = String()
    inherit_cache = True
    name = "stamp_text"


@compiles(stamp_text)
def _stamp_text_sqlite(element: stamp_text, compiler: SQLCompiler, **kw: Any) -> str:
    # SQLite keeps DateTime as that text already
    return f"coalesce({compiler.process(element.clauses, **kw)}, '')"


@compiles(stamp_text, "postgresql")
def _stamp_text_postgresql(element: stamp_text, compiler: SQLCompiler, **kw: Any) -> str:
    column = compiler.process(element.clauses, **kw)
    return f"coalesce(to_char({column}, 'YYYY-MM-DD HH24:MI:SS.US'), '')"
