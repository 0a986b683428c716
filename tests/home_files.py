"""A small office file with known counts for the home page and the station assessment
(issue 16): two stations, their duty days, visits and opinion items, ledger entries, a cadre,
rectification problems. Dates are fixed around TODAY; every count in the tests is hand-made."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from twdesk.db.dbfile import Database, create_database, open_database
from twdesk.db.models import (
    Activity,
    ActivityParticipant,
    DutyAssignment,
    DutyDay,
    OpinionItem,
    Setting,
    Station,
    Visit,
)
from twdesk.services import people, rectification, stations

TODAY = date(2026, 11, 24)  # a Tuesday; pro rata 1+100: 100 × 328 // 365 = 89


@dataclass
class HomeFile:
    db: Database
    path: Path | None  # None on a server
    a: str  # 乔庄镇联络站
    b: str  # 青溪镇联络站
    people: dict[str, str]
    problems: dict[str, str]


def _day(s, station: str, day: date, seats: list[tuple[str, str]]) -> str:
    row = DutyDay(station_id=station, day=day)
    s.add(row)
    s.flush()
    for person, attendance in seats:
        s.add(DutyAssignment(duty_day_id=row.id, person_id=person, attendance=attendance))
    return row.id


def _visit(s, station: str, day: date, items: list[tuple[str, date | None]], n: list[int]) -> str:
    visit = Visit(station_id=station, visit_date=day, visitor_name="来访青年", content="咨询")
    s.add(visit)
    s.flush()
    for status, deadline in items:
        n[0] += 1
        s.add(
            OpinionItem(
                visit_id=visit.id,
                number=f"2026-{n[0]:05d}",
                content=f"意见{n[0]}",
                status=status,
                deadline=deadline,
                department="县人社局" if deadline else "",
            )
        )
    return visit.id


def _activity(s, station: str | None, day: date, kind: str, youth: int, who: list[str], state: str):
    row = Activity(
        station_id=station,
        activity_type=kind,
        activity_date=day,
        title=f"{kind}{day:%m%d}",
        youth_count=youth,
        source="分账本" if state == "待确认" else "总账本",
        confirmation=state,
    )
    s.add(row)
    s.flush()
    for pid in who:
        s.add(ActivityParticipant(activity_id=row.id, person_id=pid))
    return row.id


def build_home_file(tmp_path: Path, server: str | None = None) -> HomeFile:
    """In a file in tmp_path, or in the server database `server` (a copy of the seeded
    template: path is then None)."""
    path: Path | None = tmp_path / "home.sqlite"
    if server is None:
        create_database(path, office_name="青川团县委")
        db = open_database(path)
    else:
        path = None
        db = open_database(server)
        with db.transaction() as s:
            s.get(Setting, "office_name").value = "青川团县委"
        db.close()
        db = open_database(server)
    with db.transaction() as s:
        a = stations.save_station(s, {"name": "乔庄镇联络站", "kind": "乡镇街道联络站"}).id
        b = stations.save_station(s, {"name": "青溪镇联络站", "kind": "乡镇街道联络站"}).id
        st = s.get(Station, a)
        st.leader_name, st.leader_phone = "王站长", "13800000000"
        st.duties, st.rules = "接待青年", "每周三坐班"
        p = {
            "a1": people.save_person(s, {"name": "曾䶮", "is_delegate": True}, station_id=a).id,
            "a2": people.save_person(s, {"name": "王㛃", "is_delegate": True}, station_id=a).id,
            "b1": people.save_person(s, {"name": "单淼", "is_delegate": True}, station_id=b).id,
            "c1": people.save_person(
                s, {"name": "蒋静平", "is_delegate": False, "is_cadre": True}
            ).id,
        }
        # duty: A past 09-02 到岗, 09-09 未登记, 09-16 缺席; coming 11-25, 12-02; 12-16 too far
        _day(s, a, date(2026, 9, 2), [(p["a1"], "到岗")])
        _day(s, a, date(2026, 9, 9), [(p["a2"], "未登记")])
        _day(s, a, date(2026, 9, 16), [(p["a1"], "缺席")])
        _day(s, a, date(2026, 11, 25), [(p["a2"], "未登记")])
        _day(s, a, date(2026, 12, 2), [(p["a1"], "未登记")])
        _day(s, a, date(2026, 12, 16), [(p["a2"], "未登记")])
        # B past 10-14 未登记 (first), 10-21 替班; coming 11-24 (today)
        _day(s, b, date(2026, 10, 14), [(p["b1"], "未登记")])
        _day(s, b, date(2026, 10, 21), [(p["b1"], "替班")])
        _day(s, b, TODAY, [(p["b1"], "未登记")])
        n = [0]
        # A: a visit on its opened duty day; items: overdue, due in 4 days, due later, handled
        _visit(
            s,
            a,
            date(2026, 9, 2),
            [
                ("已交办", date(2026, 11, 20)),  # 2026-00001 overdue
                ("办理中", date(2026, 11, 28)),  # 2026-00002 due this week
                ("已交办", date(2026, 12, 10)),  # 2026-00003 later
                ("已办结", date(2026, 11, 1)),  # 2026-00004 handled: not overdue
            ],
            n,
        )
        # B: two overdue items, visits not on a duty day
        _visit(s, b, date(2026, 10, 1), [("已交办", date(2026, 10, 15))], n)  # 00005
        _visit(s, b, date(2026, 10, 2), [("办理中", date(2026, 11, 23))], n)  # 00006
        # ledger: confirmed contacts (a1 100 on pace; a2 10 behind; b1 none), pending entries
        _activity(s, a, date(2026, 3, 10), "联系青年", 100, [p["a1"]], "已确认")
        _activity(s, a, date(2026, 3, 15), "联系青年", 10, [p["a2"]], "已确认")
        _activity(s, a, date(2026, 11, 2), "志愿服务", 5, [p["a1"]], "待确认")
        _activity(s, a, date(2026, 11, 3), "志愿服务", 5, [p["a2"]], "待确认")
        _activity(s, b, date(2026, 11, 4), "宣讲", 30, [p["b1"]], "待确认")
        _activity(s, b, date(2026, 11, 5), "联系青年", 500, [p["b1"]], "已退回")
        problems = {
            "late": rectification.save_problem(
                s,
                {
                    "station_id": b,
                    "item": "五公开上墙",
                    "description": "五公开栏未更新",
                    "found_on": date(2026, 9, 1),
                    "deadline": date(2026, 11, 1),
                    "responsible": "单淼",
                },
                today=TODAY,
            ).id,
            "open": rectification.save_problem(
                s,
                {
                    "station_id": a,
                    "item": "来访登记规范",
                    "description": "来访登记缺联系方式",
                    "found_on": date(2026, 10, 8),
                    "deadline": date(2026, 12, 31),
                    "responsible": "王站长",
                },
                today=TODAY,
            ).id,
            "done": rectification.save_problem(
                s,
                {
                    "station_id": a,
                    "item": "按时开放坐班",
                    "description": "9月16日未开放",
                    "found_on": date(2026, 9, 20),
                    "deadline": date(2026, 10, 20),
                    "responsible": "曾䶮",
                },
                today=TODAY,
            ).id,
        }
        rectification.close_problem(s, problems["done"], on=date(2026, 10, 10), note="已补排坐班")
    return HomeFile(db, path, a, b, p, problems)
