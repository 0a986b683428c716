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


def _until_shown(command: list[str], env: dict[str, str]) -> float | None:
    """Seconds from starting `command` until it prints TWDESK_SHOWN (its window painted)."""
    started = time.perf_counter()
    proc = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT
    )
    assert proc.stdout is not None
    shown = None
    for line in proc.stdout:
        if line.startswith("TWDESK_SHOWN"):
            shown = time.perf_counter() - started
            break
    _out, err = proc.communicate(timeout=60)
    if shown is None and err.strip():
        print(err.strip().splitlines()[-1], file=sys.stderr)
    return shown


START_GOAL = 4.0  # the main window may take at most this many times the empty window's start


def bench_start(path: Path, runs: int = 5) -> list[Row]:
    """Process start → window painted, for the app on `path` and for an empty PySide6 window
    (the floor no Qt app can beat), measured alternately in the same run; the ratio is the
    figure to watch."""
    env = {**os.environ, "TWDESK_EXIT_WHEN_SHOWN": "1"}
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    ready_env = {**env, "TWDESK_EXIT_WHEN_SHOWN": "ready"}
    app = [sys.executable, "-m", "twdesk", "--db", str(path)]
    empty = [sys.executable, str(ROOT / "benchmarks" / "empty_window.py")]
    times: dict[str, list[float]] = {"app": [], "empty": [], "ready": []}
    for _ in range(runs):
        for key, command, environment in (
            ("empty", empty, env),
            ("app", app, env),
            ("ready", app, ready_env),
        ):
            seconds = _until_shown(command, environment)
            if seconds is not None:
                times[key].append(seconds)
    best = {key: min(values) if values else float("nan") for key, values in times.items()}
    ratio = best["app"] / best["empty"]
    platform = env["QT_QPA_PLATFORM"]
    return [
        (
            "process start → main window painted",
            best["app"],
            "< 1 s",
            f"best of {len(times['app'])}/{runs}, {platform}; "
            f"{ratio:.1f}× the empty window (goal ≤ {START_GOAL:.0f}×)",
        ),
        (
            "process start → file open, first tab filled",
            best["ready"],
            "-",
            f"best of {len(times['ready'])}/{runs}: checked, locked, the tab's rows painted",
        ),
        (
            "process start → empty PySide6 window painted",
            best["empty"],
            "floor",
            f"best of {len(times['empty'])}/{runs}, {platform}",
        ),
    ]


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
    parser.add_argument(
        "--skip-contacts", action="store_true", help="skip the 联系青年 figures (issue 14)"
    )
    parser.add_argument(
        "--skip-dossier", action="store_true", help="skip the dossier batch figures (issue 12)"
    )
    parser.add_argument(
        "--crash-runs",
        type=int,
        default=100,
        help="SIGKILLs per operation in the crash test (issue 13; 0 skips it)",
    )
    parser.add_argument(
        "--skip-merge", action="store_true", help="skip the merge figures (issue 13)"
    )
    parser.add_argument(
        "--skip-engines",
        action="store_true",
        help="skip SQLite vs PostgreSQL side by side (issue 15; needs a PostgreSQL server binary)",
    )
    args = parser.parse_args(argv)
    os.environ.setdefault("TWDESK_DATA_DIR", str(OUT / "data"))
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"demo-{args.delegates}-{args.visits}.sqlite"

    rows: list[Row] = []
    from twdesk.db.dbfile import SCHEMA_VERSION, read_header

    if path.exists() and read_header(path).user_version != SCHEMA_VERSION:
        args.rebuild = True  # built by an older twdesk: built again, not migrated
    if args.rebuild or not path.exists():
        rows.append(bench_build(path, args.delegates, args.visits))
    rows.append(bench_open(path))
    rows.append(bench_counts(path))
    start_rows = bench_start(path)
    rows += start_rows
    from benchmarks.bench_home import bench_home

    rows += bench_home(path)
    from benchmarks.bench_visits import bench_visits

    rows += bench_visits(path)
    from benchmarks.bench_evaluation import bench_evaluation

    rows += bench_evaluation(path)
    from benchmarks.bench_package import bench_package

    rows += bench_package(path)
    if args.crash_runs > 0:
        from benchmarks.bench_crash import bench_crash

        rows += bench_crash(OUT, runs=args.crash_runs)[0]
    if not args.skip_contacts:
        from benchmarks.bench_contacts import bench_contacts

        rows += bench_contacts(OUT, rebuild=args.rebuild)
    if not args.skip_merge:
        from benchmarks.bench_merge import bench_merge

        rows += bench_merge(path)
    if not args.skip_dossier:
        from benchmarks.bench_dossier import bench_dossier

        rows += bench_dossier(OUT, county=path)
    if not args.skip_roster:
        from benchmarks.bench_roster import bench_roster

        rows += bench_roster(OUT)
    if not args.skip_engines:
        from benchmarks.bench_engines import bench_engines

        rows += bench_engines(path)

    width = max(len(r[0]) for r in rows)
    print(f"\n{'benchmark':<{width}}  {'seconds':>8}  {'goal':>7}  note")
    print("-" * (width + 40))
    for name, seconds, goal, note in rows:
        print(f"{name:<{width}}  {seconds:>8.3f}  {goal:>7}  {note}")
    ratio = start_rows[0][1] / start_rows[-1][1]
    verdict = "达标" if ratio <= START_GOAL else "未达标"
    print(
        f"\nstart-up ratio (main window / empty PySide6 window): {ratio:.1f}× "
        f"(goal ≤ {START_GOAL:.0f}×, {verdict})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
