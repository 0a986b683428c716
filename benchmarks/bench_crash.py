"""Crash test (issue 13): SIGKILL a `twdesk import roster`, a `twdesk restore` and a
`twdesk merge` at random moments, N times each; after every kill `twdesk check` must be healthy
and the operation must be entirely there or entirely absent.

    python -m benchmarks.bench_crash [--runs 100] [--seed 1]

Each run starts from the same file; the kill time is drawn between a quarter of an undisturbed
run's time (before that the interpreter is still starting and nothing is touched) and a tenth
past its end, so some runs finish before the kill.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
Row = tuple[str, float, str, str]
ROSTER_ROWS = 2000


@dataclass
class Tally:
    operation: str
    runs: int = 0
    healthy: int = 0
    outcomes: Counter[str] = field(default_factory=Counter)
    hot_journals: int = 0
    leftovers: int = 0
    seconds: float = 0.0
    failures: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures and self.healthy == self.runs

    def row(self) -> Row:
        o = self.outcomes
        note = (
            f"{self.healthy}/{self.runs} healthy; absent {o['absent']}, complete {o['complete']}, "
            f"partial {o['partial']}; hot journal rolled back {self.hot_journals}; "
            f"half-written copies beside the file {self.leftovers} (the next restore removes them)"
        )
        return (f"SIGKILL during {self.operation} ×{self.runs}", self.seconds, "all whole", note)


def _env(data: Path) -> dict[str, str]:
    return {**os.environ, "TWDESK_DATA_DIR": str(data), "PYTHONIOENCODING": "utf-8"}


def _twdesk(*args: str, env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "twdesk", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _people(path: Path) -> int:
    uri = f"file:{path}?mode=ro"
    with contextlib.closing(sqlite3.connect(uri, uri=True)) as con:
        return con.execute("SELECT count(*) FROM person").fetchone()[0]


def _fresh(pristine: Path, db: Path) -> None:
    for suffix in ("", "-journal", ".lock"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    for left in db.parent.glob(f".{db.name}.*"):
        left.unlink()
    shutil.copy(pristine, db)


def _timed_run(args: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    proc = _twdesk(*args, env=env)
    out, err = proc.communicate(timeout=300)
    if proc.returncode != 0:
        raise RuntimeError(f"twdesk {' '.join(args)} failed: {err or out}")
    return time.perf_counter() - started


def _kill_runs(
    tally: Tally,
    pristine: Path,
    db: Path,
    args: list[str],
    env: dict[str, str],
    outcome: dict[int, str],
    rng: random.Random,
) -> Tally:
    """`outcome` maps a person count to 'absent' or 'complete'; anything else is partial."""
    _fresh(pristine, db)
    full = _timed_run(args, env)
    started = time.perf_counter()
    for _ in range(tally.runs):
        _fresh(pristine, db)
        proc = _twdesk(*args, env=env)
        time.sleep(rng.uniform(0.25 * full, 1.1 * full))
        with contextlib.suppress(ProcessLookupError):
            os.kill(proc.pid, signal.SIGKILL)
        proc.communicate(timeout=60)
        journal = Path(str(db) + "-journal")
        if journal.exists() and journal.stat().st_size > 0:
            tally.hot_journals += 1
        check = _twdesk("check", "--db", str(db), "--take-over", env=env)
        out, err = check.communicate(timeout=120)
        if check.returncode == 0:
            tally.healthy += 1
        else:
            tally.failures.append(f"check failed: {err.strip() or out.strip()}")
        count = _people(db)
        result = outcome.get(count, "partial")
        tally.outcomes[result] += 1
        if result == "partial":
            tally.failures.append(f"{count} people: neither before nor after")
        tally.leftovers += len(list(db.parent.glob(f".{db.name}.*")))
    tally.seconds = time.perf_counter() - started
    return tally


def prepare(work: Path) -> tuple[Path, Path, Path, int]:
    """A small demo file, a roster sheet of ROSTER_ROWS new people, and a backup of the demo
    file with that roster imported (what the restore puts in place)."""
    from benchmarks.bench_roster import write_sheet
    from twdesk.db.dbfile import open_database
    from twdesk.db.demo_file import create_demo_database
    from twdesk.services.roster_import import import_roster

    pristine = work / "pristine.sqlite"
    if not pristine.exists():
        create_demo_database(pristine, stations=4, delegates=40, years=1, seed=4)
    sheet = work / "roster.xlsx"
    if not sheet.exists():
        write_sheet(sheet, ROSTER_ROWS)
    backup = work / "backup-with-roster.sqlite"
    if not backup.exists():
        shutil.copy(pristine, backup)
        db = open_database(backup)
        try:
            with db.transaction() as s:
                import_roster(s, sheet)
        finally:
            db.close()
        Path(str(backup) + ".lock").unlink(missing_ok=True)
    return pristine, sheet, backup, _people(pristine)


def bench_crash(out_dir: Path, runs: int = 100, seed: int = 1) -> tuple[list[Row], list[Tally]]:
    work = out_dir / "crash"
    work.mkdir(parents=True, exist_ok=True)
    env = _env(work / "data")
    rng = random.Random(seed)
    pristine, sheet, backup, base = prepare(work)
    with_roster = base + ROSTER_ROWS
    db = work / "target.sqlite"
    imports = _kill_runs(
        Tally("import roster", runs),
        pristine,
        db,
        ["import", "roster", str(sheet), "--db", str(db), "--take-over"],
        env,
        {base: "absent", with_roster: "complete"},
        rng,
    )
    restores = _kill_runs(
        Tally("restore", runs),
        pristine,
        db,
        ["restore", "--db", str(db), "--from", str(backup), "--take-over"],
        env,
        {base: "absent", with_roster: "complete"},
        rng,
    )
    # the other file: the same office's file with the roster imported (2,000 people new here)
    merges = _kill_runs(
        Tally("merge", runs),
        pristine,
        db,
        ["merge", "--db", str(db), "--from", str(backup), "--take-over"],
        env,
        {base: "absent", with_roster: "complete"},
        rng,
    )
    tallies = [imports, restores, merges]
    return [t.row() for t in tallies], tallies


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=100, help="kills per operation (default 100)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=None, help="work folder (default: a temp one)")
    args = parser.parse_args(argv)
    out = args.out or Path(tempfile.mkdtemp(prefix="twdesk-crash-"))
    rows, tallies = bench_crash(out, args.runs, args.seed)
    width = max(len(r[0]) for r in rows)
    print(f"\n{'benchmark':<{width}}  {'seconds':>8}  {'goal':>9}  note")
    print("-" * (width + 40))
    for name, seconds, goal, note in rows:
        print(f"{name:<{width}}  {seconds:>8.1f}  {goal:>9}  {note}")
    for t in tallies:
        for failure in t.failures[:10]:
            print(f"  {t.operation}: {failure}")
    return 0 if all(t.ok for t in tallies) else 1


if __name__ == "__main__":
    raise SystemExit(main())
