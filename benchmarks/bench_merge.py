"""合并其他文件 at county scale: a township station's file with 20,000 changed rows merged into the
10,000-delegate / 200,000-visit county file (goal ≤ 20 s), dry run and merge.

The station's file is a copy of the county file (its own office id) in which 12,000 visits were
edited, 4,000 visits recorded and 4,000 opinion items added; the merge runs on a copy of the
county file, so the kept demo file does not change.

    python -m benchmarks.bench_merge [PATH]
"""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

Row = tuple[str, float, str, str]

EDITED, NEW_VISITS, NEW_ITEMS = 12_000, 4_000, 4_000


def make_station_file(county: Path, station: Path) -> int:
    """The station's copy with its changes, written straight into the file (fast); returns the
    rows changed."""
    from twdesk.db.base import new_id, now

    shutil.copy(county, station)
    office = "5a5a5a5a-0000-4000-8000-00000000beef"
    with contextlib.closing(sqlite3.connect(station)) as con:
        # the station's changes come after everything in the county file (the demo dates its
        # rows at 9:00 on the day it was built)
        latest = datetime.fromisoformat(
            con.execute("SELECT max(updated_at) FROM visit").fetchone()[0]
        )
        stamp = (max(now(), latest) + timedelta(minutes=1)).isoformat(" ", "microseconds")
        con.execute("UPDATE setting SET value = ? WHERE key = 'office_id'", (office,))
        con.execute("UPDATE setting SET value = '乔庄镇联络站' WHERE key = 'office_name'")
        ids = [r[0] for r in con.execute("SELECT id FROM visit ORDER BY id LIMIT ?", (EDITED,))]
        con.executemany(
            "UPDATE visit SET content = content || '（站里补充）', updated_at = ? WHERE id = ?",
            [(stamp, i) for i in ids],
        )
        columns = [r[1] for r in con.execute("PRAGMA table_info(visit)")]
        template = dict(
            zip(
                columns,
                con.execute("SELECT * FROM visit WHERE id = ?", (ids[0],)).fetchone(),
                strict=True,
            )
        )
        new_visits = []
        for n in range(NEW_VISITS):
            row = dict(template, id=new_id(), created_at=stamp, updated_at=stamp)
            row.update(origin_office_id=office, content=f"站里新登记的来访 {n}")
            new_visits.append(tuple(row[c] for c in columns))
        marks = ", ".join("?" for _ in columns)
        con.executemany(f"INSERT INTO visit ({', '.join(columns)}) VALUES ({marks})", new_visits)
        item_cols = [r[1] for r in con.execute("PRAGMA table_info(opinion_item)")]
        item = dict(
            zip(
                item_cols, con.execute("SELECT * FROM opinion_item LIMIT 1").fetchone(), strict=True
            )
        )
        last = con.execute("SELECT max(number) FROM opinion_item WHERE number LIKE '2026-%'")
        start = int((last.fetchone()[0] or "2026-00000").split("-")[1]) + 1
        rows = []
        for n in range(NEW_ITEMS):
            row = dict(item, id=new_id(), created_at=stamp, updated_at=stamp)
            row.update(
                visit_id=new_visits[n][columns.index("id")],
                number=f"2026-{start + n:05d}",
                origin_office_id=office,
                content=f"站里新收集的意见 {n}",
            )
            rows.append(tuple(row[c] for c in item_cols))
        marks = ", ".join("?" for _ in item_cols)
        con.executemany(f"INSERT INTO opinion_item ({', '.join(item_cols)}) VALUES ({marks})", rows)
        con.commit()
    return EDITED + NEW_VISITS + NEW_ITEMS


def bench_merge(county: Path) -> list[Row]:
    from twdesk.db.dbfile import open_database
    from twdesk.services.merge import apply_merge, plan_merge

    work = county.parent / "merge-work"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    try:
        station = work / "station.sqlite"
        changed = make_station_file(county, station)
        target = work / "county.sqlite"
        shutil.copy(county, target)
        db = open_database(target)
        try:
            started = time.perf_counter()
            preview = plan_merge(db, station)
            dry = time.perf_counter() - started
            started = time.perf_counter()
            report = apply_merge(db, station)
            seconds = time.perf_counter() - started
        finally:
            db.close()
        written = report.total("inserted") + report.total("updated")
        assert preview.total("updated") == report.total("updated")
        return [
            (
                f"merge dry run (station file, {changed:,} changed rows)",
                dry,
                "-",
                f"{preview.total('inserted'):,} new, {preview.total('updated'):,} changed",
            ),
            (
                f"merge a station file ({changed:,} changed rows) into the county file",
                seconds,
                "≤ 20 s",
                f"{written:,} rows written, {report.total('conflicts')} conflicts, one transaction",
            ),
        ]
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    root = Path(__file__).resolve().parent
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else root / "out" / "demo-10000-200000.sqlite"
    for name, seconds, goal, note in bench_merge(path):
        print(f"{name:<70}  {seconds:>8.3f}  {goal:>7}  {note}")
