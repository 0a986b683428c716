"""The same office on both engines, side by side: the 10,000-delegate / 200,000-visit file and a
PostgreSQL copy of it made with `twdesk copy`, on a throwaway cluster this benchmark starts
itself (tests/pgserver.py — test and development tooling, never shipped in the package).

The cluster runs with PostgreSQL's durable defaults (fsync, full_page_writes, synchronous
commit on; the test harness turns them off) and 256 MB of shared buffers, on a Unix socket on
this same machine: the figures leave out the network a real office server adds (≈ 0.2–1 ms per
round trip on a LAN).

    python -m benchmarks.bench_engines [FILE]    # default: benchmarks/out/demo-10000-200000.sqlite
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

Row = tuple[str, float, str, str]
ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT / "benchmarks" / "out" / "demo-10000-200000.sqlite"


def _best(fn: Callable[[], object], runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return min(times)


def _durable(cluster) -> None:  # type: ignore[no-untyped-def]
    """Restart the harness's cluster with PostgreSQL's durable defaults and more buffers (the
    server's output goes to its log: a server holding our pipe would keep run() waiting)."""
    assert cluster.folder is not None and cluster.bin_dir is not None
    sock = cluster.folder / "sock"
    options = f"-k {sock} -c listen_addresses='' -p 5432 -c shared_buffers=256MB -c work_mem=16MB"
    result = subprocess.run(
        [str(cluster.bin_dir / "pg_ctl"), "-D", str(cluster.folder / "data"),
         "-l", str(cluster.folder / "server.log"), "-o", options, "-w", "-t", "60", "restart"],
        preexec_fn=cluster.preexec, capture_output=True, text=True, cwd=cluster.folder,
    )  # fmt: skip
    if result.returncode != 0:
        raise RuntimeError(f"pg_ctl restart failed:\n{result.stdout}{result.stderr}")
    if cluster._admin is not None:  # its connection died with the restart
        cluster._admin = None


def _operations(db, out_dir: Path) -> dict[str, Callable[[], object]]:  # type: ignore[no-untyped-def]
    """name → one run of what a user does, on an open Database."""
    from sqlalchemy import select

    from twdesk.db.models import Evaluation, Person
    from twdesk.services import evaluation, home, ledger, overview, visits
    from twdesk.services import station_assessment as sa
    from twdesk.services.visit_export import export_visits
    from twdesk.services.visits import VisitFilter

    with db.session() as s:
        year = s.scalar(select(Evaluation.year).order_by(Evaluation.year.desc())) or 2026
        station_id = evaluation.station_choices(s, year)[0][0]
        person_id = s.scalar(
            select(Person.id).where(Person.is_delegate.is_(True)).order_by(Person.id).limit(1)
        )
    today = date(year, 11, 24)
    start, end = date(year, 1, 1), date(year, 12, 31)

    def in_session(fn: Callable[..., object]) -> Callable[[], object]:
        def run() -> object:
            with db.session() as s:
                return fn(s)

        return run

    def rolled_back(fn: Callable[..., object]) -> Callable[[], object]:
        def run() -> object:
            s = db.session()
            try:
                s.begin()
                return fn(s)
            finally:
                s.rollback()
                s.close()

        return run

    def export(s) -> object:  # type: ignore[no-untyped-def]
        import uuid

        out = out_dir / f"visits-{uuid.uuid4().hex[:8]}.xlsx"
        try:
            return export_visits(s, out)
        finally:
            out.unlink(missing_ok=True)

    return {
        "open (checks, schema version, settings)": lambda: None,  # measured apart
        "status-bar record counts": in_session(lambda s: overview.record_counts(s, today=today)),
        "visit register: count + first page": in_session(
            lambda s: (
                visits.visit_count(s, VisitFilter(), today=today),
                visits.visit_page(s, VisitFilter(), today=today),
            )
        ),
        "visit register: station + year filter": in_session(
            lambda s: (
                visits.visit_count(
                    s, VisitFilter(station_id=station_id, start=start, end=end), today=today
                ),
                visits.visit_page(
                    s, VisitFilter(station_id=station_id, start=start, end=end), today=today
                ),
            )
        ),
        "visit register: text search": in_session(
            lambda s: (
                visits.visit_count(s, VisitFilter(text="培训"), today=today),
                visits.visit_page(s, VisitFilter(text="培训"), today=today),
            )
        ),
        "visit statistics, one year (all stations)": in_session(
            lambda s: visits.visit_stats(s, start=start, end=end, today=today)
        ),
        "export visits register (.xlsx, all visits)": in_session(export),
        "ledger: one delegate's year": in_session(
            lambda s: ledger.ledger(s, year, person_id=person_id, today=today)
        ),
        "ledger: one station's year + monthly totals": in_session(
            lambda s: (
                ledger.ledger(s, year, station_id=station_id, today=today),
                ledger.period_summary(s, year, station_id=station_id),
            )
        ),
        "evaluation: recompute one station's suggestions": rolled_back(
            lambda s: evaluation.open_year(s, year, station_id=station_id, today=today)
        ),
        "station assessment suggestions (all stations)": in_session(
            lambda s: sa.assess(s, year, today=today)
        ),
        "home page: first lines": in_session(lambda s: home.first_lines(s, today=today)),
        "home page: more lines": in_session(lambda s: home.more_lines(s, db.path, today=today)),
    }


def _open_time(location: object) -> float:
    from twdesk.db.dbfile import open_database

    def once() -> None:
        open_database(location).close()  # type: ignore[arg-type]

    return _best(once)


def bench_engines(path: Path) -> list[Row]:
    """Both engines side by side; prints its own table and returns rows for benchmarks/run.py
    (seconds = SQLite, the note holds PostgreSQL and the ratio)."""
    sys.path.insert(0, str(ROOT))
    from tests.pgserver import PgCluster, find_bin_dir
    from twdesk.db.dbfile import open_database
    from twdesk.services.db_copy import copy_database

    if find_bin_dir() is None and not os.environ.get("TWDESK_PG_URL"):
        print("bench_engines: no PostgreSQL server binary (apt-get install postgresql): skipped")
        return []
    from tests import pgserver

    # on disk like the SQLite file, not in /dev/shm as the tests' cluster prefers
    pgserver._roomy_tmpfs = lambda _folder: False  # type: ignore[assignment]
    cluster = PgCluster.start()
    rows: list[Row] = []
    table: list[tuple[str, float, float]] = []
    out_dir = Path(tempfile.mkdtemp(prefix="twdesk-bench-engines-"))
    try:
        if cluster.folder is not None:
            _durable(cluster)
        url = cluster.url("office")
        cluster.made.append("office")
        started = time.perf_counter()
        report = copy_database(path, url)
        copy_to = time.perf_counter() - started
        back = out_dir / "back.sqlite"
        started = time.perf_counter()
        copy_database(url, back)
        copy_back = time.perf_counter() - started
        size = path.stat().st_size / 2**20
        print(f"twdesk copy: file → PostgreSQL {copy_to:.1f} s, back {copy_back:.1f} s", flush=True)
        rows.append(
            (
                f"twdesk copy file → PostgreSQL ({report.rows:,} rows, {size:.0f} MB)",
                copy_to,
                "-",
                f"back to a file {copy_back:.1f} s; both verified (counts + checksums)",
            )
        )
        times: dict[str, dict[str, float]] = {}
        for engine, location in (("sqlite", path), ("postgresql", url)):
            db = open_database(location)
            try:
                ops = _operations(db, out_dir)
                times[engine] = {}
                for name, fn in ops.items():
                    fn()  # warm: caches, statistics, imports
                    times[engine][name] = _best(fn, 1 if "export" in name else 3)
            finally:
                db.close()
            times[engine]["open (checks, schema version, settings)"] = _open_time(location)
        for name in times["sqlite"]:
            a, b = times["sqlite"][name], times["postgresql"][name]
            table.append((name, a, b))
            rows.append(
                (f"[engines] {name}", a, "-", f"PostgreSQL {b:.3f} s ({b / a:.1f}× SQLite)")
            )
    finally:
        cluster.stop()
        shutil.rmtree(out_dir, ignore_errors=True)
    width = max(len(n) for n, _a, _b in table)
    print(
        f"\n{'SQLite file vs PostgreSQL (same data)':<{width}}  {'SQLite':>8}  {'PgSQL':>8}  ratio"
    )
    print("-" * (width + 32))
    for name, a, b in table:
        print(f"{name:<{width}}  {a:>8.3f}  {b:>8.3f}  {b / a:>5.1f}×")
    print(
        f"{'twdesk copy: file → PostgreSQL / back to a file':<{width}}  {copy_to:>8.1f}  {copy_back:>8.1f}"
    )
    return rows


if __name__ == "__main__":
    os.environ.setdefault("TWDESK_DATA_DIR", str(ROOT / "benchmarks" / "out" / "data"))
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    for name, seconds, _goal, note in bench_engines(target):
        print(f"{name:<72} {seconds:8.3f}  {note}")
