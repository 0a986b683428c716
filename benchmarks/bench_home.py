"""The home page (首页, issue 16) on the large demo file (10,000 delegates / 200,000 visits):

- process start → window painted: still ≤ 1 s (the home page must not delay it);
- window painted → the home page's first lines shown: ≤ 300 ms;
- window painted → all its lines shown (the rest counted in a worker thread): ≤ 1 s;
- and, for the record, the services alone: first_lines, more_lines, the overview charts
  (read when the 全县概况 page is opened) and the station assessment.

    python -m benchmarks.bench_home [--runs 3] [PATH]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

Row = tuple[str, float, str, str]
ROOT = Path(__file__).resolve().parent.parent
MARKS = ("TWDESK_SHOWN", "TWDESK_TABS", "TWDESK_HOME_FIRST", "TWDESK_HOME_REST")


def _one_start(path: Path, env: dict[str, str]) -> dict[str, float]:
    started = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "benchmarks.home_window", str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )
    assert proc.stdout is not None
    seen: dict[str, float] = {}
    for line in proc.stdout:
        mark = line.strip()
        if mark in MARKS:
            seen[mark] = time.perf_counter() - started
        if mark == MARKS[-1]:
            break
    _out, err = proc.communicate(timeout=120)
    if len(seen) < len(MARKS) and err.strip():
        print(err.strip().splitlines()[-1], file=sys.stderr)
    return seen


def _timed(fn) -> float:  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def bench_home(path: Path, runs: int = 3) -> list[Row]:
    from twdesk.db.dbfile import open_database
    from twdesk.services import home
    from twdesk.services import station_assessment as sa

    db = open_database(path)  # upgrades the file once if it is older (not timed below)
    today = date.today()
    try:
        with db.session() as s:
            first = min(_timed(lambda: home.first_lines(s, today=today)) for _ in range(3))
            more = min(_timed(lambda: home.more_lines(s, path, today=today)) for _ in range(3))
            charts = _timed(lambda: home.overview(s, today.year, today=today))
            assess = _timed(lambda: sa.assess(s, today.year, today=today))
            lines = len(home.all_lines(s, path, today=today))
    finally:
        db.close()
    env = {**os.environ}
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    results = [_one_start(path, env) for _ in range(runs)]
    complete = [r for r in results if len(r) == len(MARKS)]
    if not complete:
        return [("home page start-up", float("nan"), "-", "the window did not report")]
    shown_at, tabs_at, first_at, rest_at = MARKS

    def best(end: str, start: str | None = None) -> float:
        return min(r[end] - (r[start] if start else 0.0) for r in complete)

    note = f"best of {len(complete)}/{runs}, {env['QT_QPA_PLATFORM']}"
    return [
        ("home: process start → window painted", best(shown_at), "≤ 1 s", note),
        ("home: window → first lines shown", best(first_at, shown_at), "≤ 0.3 s", note),
        ("home: window → all lines shown", best(rest_at, shown_at), "≤ 1 s", f"{lines} lines"),
        (
            "home: window → file open, tabs created",
            best(tabs_at, shown_at),
            "-",
            "database layer import + open: paid by any first tab",
        ),
        ("home: tabs created → first lines shown", best(first_at, tabs_at), "-", "home's own part"),
        ("home: tabs created → all lines shown", best(rest_at, tabs_at), "-", "home's own part"),
        ("home service: first_lines (cheap lines)", first, "-", "best of 3"),
        ("home service: more_lines (1+100, stages, backups)", more, "-", "best of 3"),
        ("home service: overview charts (全县概况 page)", charts, "-", "worker, when shown"),
        ("station assessment: all stations", assess, "-", ""),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "path", nargs="?", default=str(ROOT / "benchmarks/out/demo-10000-200000.sqlite")
    )
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    os.environ.setdefault("TWDESK_DATA_DIR", str(ROOT / "benchmarks/out/data"))
    rows = bench_home(Path(args.path), runs=args.runs)
    width = max(len(r[0]) for r in rows)
    for name, seconds, goal, note in rows:
        print(f"{name:<{width}}  {seconds:>8.3f}  {goal:>7}  {note}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
