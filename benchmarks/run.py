"""Build a large demo file and measure what the issues set goals for; print a table.

    python3 dev.py bench                 # 10,000 delegates / 200,000 visits
    python3 dev.py bench --delegates 2000 --visits 40000   # a quicker look

The large file is kept in benchmarks/out/ between runs unless --rebuild is given.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out"

Row = tuple[str, float, str, str]  # name, seconds, goal, note


def timed(fn: Callable[[], object]) -> tuple[float, object]:
    started = time.perf_counter()
    result = fn()
    return time.perf_counter() - started, result


def bench_build(path: Path, delegates: int, visits: int) -> Row:
    from twdesk.db.demo_file import create_demo_database

    for suffix in ("", "-journal", ".lock"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    seconds, counts = timed(
        lambda: create_demo_database(path, stations=40, delegates=delegates, visits=visits, years=3)
    )
    note = (
        f"{counts['person']:,} 人, {counts['visit']:,} 来访, {path.stat().st_size / 2**20:.0f} MB"
    )
    return (f"build demo ({delegates:,} delegates / {visits:,} visits)", seconds, "< 60 s", note)


def bench_open(path: Path) -> Row:
    from twdesk.db.dbfile import open_database

    runs = []
    for _ in range(3):
        seconds, db = timed(lambda: open_database(path))
        db.close()  # type: ignore[union-attr]
        runs.append(seconds)
    return ("open_database (checks + lock)", min(runs), "-", "best of 3")


def bench_counts(path: Path) -> Row:
    from twdesk.db.dbfile import open_database
    from twdesk.services.overview import record_counts

    db = open_database(path)
    try:
        with db.session() as s:
            seconds, _ = timed(lambda: record_counts(s))
    finally:
        db.close()
    return ("status-bar record counts", seconds, "-", "")


def bench_gui_start(path: Path) -> Row:
    """Process start → main window shown, measured from outside the process."""
    env = {**os.environ, "TWDESK_EXIT_WHEN_SHOWN": "1"}
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    runs = []
    for _ in range(3):
        started = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, "-m", "twdesk", "--db", str(path)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            cwd=ROOT,
        )
        assert proc.stdout is not None
        for line in proc.stdout:
            if line.startswith("TWDESK_SHOWN"):
                runs.append(time.perf_counter() - started)
                break
        proc.wait(timeout=60)
    if not runs:
        return (
            "process start → main window shown",
            float("nan"),
            "< 1 s",
            "window never reported shown",
        )
    return (
        "process start → main window shown",
        min(runs),
        "< 1 s",
        f"best of {len(runs)}, {env['QT_QPA_PLATFORM']}",
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--delegates", type=int, default=10_000)
    parser.add_argument("--visits", type=int, default=200_000)
    parser.add_argument("--rebuild", action="store_true", help="rebuild the large demo file")
    parser.add_argument(
        "--skip-roster", action="store_true", help="skip the roster import/search figures"
    )
    args = parser.parse_args(argv)
    os.environ.setdefault("TWDESK_DATA_DIR", str(OUT / "data"))
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"demo-{args.delegates}-{args.visits}.sqlite"

    rows: list[Row] = []
    if args.rebuild or not path.exists():
        rows.append(bench_build(path, args.delegates, args.visits))
    rows.append(bench_open(path))
    rows.append(bench_counts(path))
    rows.append(bench_gui_start(path))
    from benchmarks.bench_visits import bench_visits

    rows += bench_visits(path)
    if not args.skip_roster:
        from benchmarks.bench_roster import bench_roster

        rows += bench_roster(OUT)

    width = max(len(r[0]) for r in rows)
    print(f"\n{'benchmark':<{width}}  {'seconds':>8}  {'goal':>7}  note")
    print("-" * (width + 40))
    for name, seconds, goal, note in rows:
        print(f"{name:<{width}}  {seconds:>8.3f}  {goal:>7}  {note}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
