"""Shared helpers for tests (no fixtures here: see conftest.py)."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def digest(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def run_twdesk(
    *args: str, env: dict[str, str] | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """Run `python -m twdesk …` in a fresh interpreter, as a user would."""
    full_env = {**os.environ, "PYTHONIOENCODING": "utf-8", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "twdesk", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        env=full_env,
        timeout=timeout,
    )


def crash_mid_write(db_path: Path) -> Path:
    """One committed person, then a process killed in the middle of a big write."""
    from twdesk.db.dbfile import open_database
    from twdesk.db.models import Person

    db = open_database(db_path)
    with db.transaction() as s:
        s.add(Person(name="已保存"))
    db.close()
    code = textwrap.dedent(
        f"""
        import os
        from twdesk.db.dbfile import open_database
        from twdesk.db.models import Person
        db = open_database({str(db_path)!r})
        with db.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA cache_size = 5")  # spill pages into the file early
        s = db.session()
        s.begin()
        for i in range(3000):
            s.add(Person(name=f"未提交{{i}}", notes="x" * 400))
        s.flush()
        print("MIDWRITE", flush=True)
        os._exit(9)
        """
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert "MIDWRITE" in result.stdout, result.stderr
    journal = Path(str(db_path) + "-journal")
    assert journal.exists() and journal.stat().st_size > 0  # a real hot journal
    return journal
