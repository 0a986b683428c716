"""联系青年 at county scale (issue 14): 60 cadres and 500 delegates holding 60,000 young people
(about 5 % shared between two books) and 300,000 contact log entries, built with Core bulk
inserts into benchmarks/out/contacts-county.sqlite (kept between runs; --rebuild to redo).

- opening one contactor's book (the largest): the service, and the tab's book page filling its
  table: goal ≤ 200 ms;
- the year's counts for everyone (distinct, new, fields, log entries, repeated, branches,
  grassroots weeks, open days, satisfaction): goal ≤ 2 s.

    python -m benchmarks.bench_contacts [--rebuild]
"""

from __future__ import annotations

import argparse
import os
import random
import time
from datetime import date, datetime, timedelta
from pathlib import Path

Row = tuple[str, float, str, str]
YEAR = 2026
TODAY = date(YEAR, 11, 24)
CADRES, DELEGATES = 60, 500
YOUNG, LOGS = 60_000, 300_000


def build(path: Path) -> float:
    from sqlalchemy import insert

    from twdesk.core.pinyin import name_keys
    from twdesk.core.vocab import DEFAULT_YOUTH_FIELDS
    from twdesk.db.base import Base, new_id
    from twdesk.db.dbfile import create_database, open_database

    for suffix in ("", "-journal", ".lock"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    started = time.perf_counter()
    create_database(path, office_name="联系青年基准县")
    db = open_database(path)
    rng = random.Random(14)
    stamp = datetime(YEAR, 11, 24, 9)
    common = {"origin_office_id": db.office_id, "created_at": stamp, "updated_at": stamp}
    surnames, given = (
        "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗",
        "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚",
    )
    tables = Base.metadata.tables

    def name() -> str:
        return (
            rng.choice(surnames)
            + rng.choice(given)
            + (rng.choice(given) if rng.random() < 0.7 else "")
        )

    people = []
    for i in range(CADRES + DELEGATES):
        n = name()
        pinyin, initials = name_keys(n)
        people.append(
            {
                "id": new_id(),
                "name": f"{n}{i}",
                "name_pinyin": pinyin,
                "name_initials": initials,
                "is_delegate": i >= CADRES,
                "is_cadre": i < CADRES,
                "status": "在任",
                **common,
            }
        )
    contactor_ids = [p["id"] for p in people]
    young, entries, logs = [], [], []
    start = date(YEAR, 1, 1)
    for _ in range(YOUNG):
        n = name()
        pinyin, initials = name_keys(n)
        young.append(
            {
                "id": new_id(),
                "name": n,
                "name_pinyin": pinyin,
                "name_initials": initials,
                "gender": rng.choice("男女"),
                "birth_year": rng.randint(1991, 2008),
                "field": rng.choice(DEFAULT_YOUTH_FIELDS),
                "organisation": f"{rng.randint(1, 300)}号村",
                "phone": f"13{rng.randrange(10**9):09d}",
                "wechat": "",
                **common,
            }
        )
    # cadres hold bigger books than delegates
    weights = [3 if i < CADRES else 1 for i in range(len(contactor_ids))]
    for y in young:
        owners = {rng.choices(contactor_ids, weights)[0]}
        if rng.random() < 0.05:
            owners.add(rng.choice(contactor_ids))
        for owner in owners:
            first = start + timedelta(days=rng.randrange(320))
            entries.append(
                {
                    "id": new_id(),
                    "contactor_id": owner,
                    "young_person_id": y["id"],
                    "first_contact_date": first,
                    "first_contact_way": "走访",
                    **common,
                }
            )
    per_entry, extra = divmod(LOGS, len(entries))
    for k, e in enumerate(entries):
        for n in range(per_entry + (1 if k < extra else 0)):
            day = e["first_contact_date"] + timedelta(days=n * rng.randint(1, 9))
            logs.append(
                {
                    "id": new_id(),
                    "book_entry_id": e["id"],
                    "contactor_id": e["contactor_id"],
                    "young_person_id": e["young_person_id"],
                    "contact_date": min(day, TODAY),
                    "way": "电话",
                    "discussed": "就业",
                    "help_given": "",
                    "follow_up": "",
                    **common,
                }
            )
    days = [
        {
            "id": new_id(),
            "cadre_id": cid,
            "day": start + timedelta(days=7 * w + rng.randrange(5)),
            "place": "村委会",
            "what": "座谈",
            **common,
        }
        for cid in contactor_ids[:CADRES]
        for w in range(46)
        if rng.random() < 0.8
    ]
    round_id = new_id()
    ballots = [
        {
            "id": new_id(),
            "round_id": round_id,
            "person_id": cid,
            "result": rng.choice(("满意", "满意", "满意", "基本满意", "不满意")),
            **common,
        }
        for cid in contactor_ids
        for _ in range(15)
    ]
    with db.engine.begin() as conn:
        for table, rows in (
            ("person", people),
            ("young_person", young),
            ("contact_book_entry", entries),
            ("contact_log_entry", logs),
            ("grassroots_day", days),
        ):
            for i in range(0, len(rows), 20_000):
                conn.execute(insert(tables[table]), rows[i : i + 20_000])
        conn.execute(
            insert(tables["satisfaction_round"]),
            [
                {
                    "id": round_id,
                    "name": "基准测评",
                    "held_on": date(YEAR, 6, 30),
                    "covers_contactors": True,
                    "covers_delegates": True,
                    **common,
                }
            ],
        )
        conn.execute(insert(tables["satisfaction_ballot"]), ballots)
        conn.execute(
            insert(tables["open_day"]),
            [
                {
                    "id": new_id(),
                    "day": date(YEAR, 3 * q - 1, 15),
                    "theme": "开放日",
                    "youth_count": 60,
                    "fields": "",
                    **common,
                }
                for q in (1, 2, 3, 4)
            ],
        )
    db.close()
    return time.perf_counter() - started


def bench_contacts(out: Path, *, rebuild: bool = False) -> list[Row]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from sqlalchemy import func, select

    from twdesk.db.dbfile import open_database
    from twdesk.db.models import ContactBookEntry
    from twdesk.services import contacts

    path = out / "contacts-county.sqlite"
    rows: list[Row] = []
    if rebuild or not path.exists():
        seconds = build(path)
        rows.append(
            (
                f"build contacts county ({CADRES} cadres, {DELEGATES} delegates)",
                seconds,
                "-",
                f"{YOUNG:,} young people, {LOGS:,} log entries, Core bulk inserts",
            )
        )
    db = open_database(path)
    try:
        with db.session() as s:
            largest, size = s.execute(
                select(ContactBookEntry.contactor_id, func.count())
                .group_by(ContactBookEntry.contactor_id)
                .order_by(func.count().desc())
                .limit(1)
            ).one()
        runs = []
        for _ in range(3):
            started = time.perf_counter()
            with db.session() as s:
                book = contacts.book(s, largest, year=YEAR)
            runs.append(time.perf_counter() - started)
        rows.append(
            (
                f"open the largest book ({size} young people)",
                min(runs),
                "≤ 0.2 s",
                f"service, best of 3; {sum(r.contacts for r in book):,} contacts this year",
            )
        )
        from PySide6.QtWidgets import QApplication

        from twdesk.ui.tabs.contacts_tab import ContactsTab

        app = QApplication.instance() or QApplication([])
        tab = ContactsTab(db, today=TODAY)
        tab.resize(1200, 700)
        page = tab.book_page
        runs = []
        for _ in range(3):
            page.contactor.setCurrentIndex(0)
            app.processEvents()
            started = time.perf_counter()
            page.select_contactor(largest)
            app.processEvents()
            runs.append(time.perf_counter() - started)
        rows.append(
            (
                "the tab opens that book (table filled)",
                min(runs),
                "≤ 0.2 s",
                f"{page.book.rowCount()} rows, best of 3",
            )
        )
        tab.deleteLater()
        runs = []
        for _ in range(3):
            started = time.perf_counter()
            with db.session() as s:
                counts = contacts.year_counts(s, YEAR, today=TODAY)
            runs.append(time.perf_counter() - started)
        met = sum(1 for c in counts if c.target_met)
        rows.append(
            (
                f"year's counts for everyone ({len(counts)} contactors)",
                min(runs),
                "≤ 2 s",
                f"best of 3; {met} met the target",
            )
        )
    finally:
        db.close()
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args(argv)
    root = Path(__file__).resolve().parent / "out"
    root.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("TWDESK_DATA_DIR", str(root / "data"))
    rows = bench_contacts(root, rebuild=args.rebuild)
    width = max(len(r[0]) for r in rows)
    print(f"\n{'benchmark':<{width}}  {'seconds':>8}  {'goal':>7}  note")
    for name, seconds, goal, note in rows:
        print(f"{name:<{width}}  {seconds:>8.3f}  {goal:>7}  {note}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
