"""Importing the visit registers offices kept in Excel. Same rules as the roster: header found
below title rows, columns matched by their usual names, everything normalised and checked before
anything is written; any problem → nothing imported, every problem listed with its row and
column. Consecutive rows describing the same visit (date, station, visitor, content) become one
visit with several items."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from twdesk.core.normalize import clean_name, clean_prose, clean_text, parse_date
from twdesk.core.phone import normalize_phone, validate_phone
from twdesk.core.vocab import AgeGroup, Channel, OpinionStatus, Satisfaction, VisitorIdentity
from twdesk.db.base import now
from twdesk.db.models import OpinionItem, OpinionStep, Person, Station, Visit
from twdesk.excel.reader import data_rows, find_header, guess_header, read_rows
from twdesk.excel.visit_columns import ALIASES, HEADER_OF
from twdesk.services.roster_import import ImportCancelled, ImportProblems, Problem
from twdesk.services.visit_export import Progress
from twdesk.services.visits import RANK, categories, default_deadline, next_numbers


@dataclass
class VisitImportSummary:
    visits: int = 0
    items: int = 0

    def one_line(self) -> str:
        return f"导入完成：来访登记 {self.visits} 条，意见建议 {self.items} 条。"


@dataclass
class _ItemRow:
    row: int
    values: dict[str, Any]


@dataclass
class _VisitRow:
    row: int
    key: tuple[Any, ...]
    values: dict[str, Any]
    items: list[_ItemRow] = field(default_factory=list)


def import_visits(
    session: Session,
    path: Path,
    *,
    progress: Progress | None = None,
    cancel: Callable[[], bool] | None = None,
    today: date | None = None,
) -> VisitImportSummary:
    """Check the whole file, then write it in the caller's transaction; or raise ImportProblems."""
    today = today or date.today()
    sheet = read_rows(Path(path))
    header = find_header(sheet.rows, ALIASES) or guess_header(sheet.rows)
    problems: list[Problem] = []
    if header is None or not {"visit_date", "station"} <= set(header.columns):
        missing = [
            HEADER_OF[f] for f in ("visit_date", "station") if not header or f not in header.columns
        ]
        raise ImportProblems(
            [
                Problem(
                    0,
                    "",
                    "",
                    f"找不到“{'”“'.join(missing)}”列",
                    "确认选择的是来访登记表，表头应包含“日期”“联络站”等列名",
                )
            ]
        )
    columns, headers = header.columns, header.headers

    def raw(cells: list[object], name: str) -> object:
        index = columns.get(name)
        return cells[index] if index is not None and index < len(cells) else None

    def problem(row: int, name: str, value: object, message: str, hint: str) -> None:
        column = headers[columns[name]] if name in columns else HEADER_OF[name]
        problems.append(Problem(row, column, clean_text(value), message, hint))

    stations = dict(
        session.execute(select(Station.name, Station.id).where(Station.deleted_at.is_(None))).all()
    )
    people: dict[str, list[str]] = {}
    for pid, name in session.execute(
        select(Person.id, Person.name).where(Person.deleted_at.is_(None))
    ):
        people.setdefault(name, []).append(pid)
    known_categories = categories(session)
    used_numbers = set(session.scalars(select(OpinionItem.number)))
    visits_out: list[_VisitRow] = []
    body = list(data_rows(sheet, header))
    for i, (row, cells) in enumerate(body):
        if cancel and i % 1000 == 0 and cancel():
            raise ImportCancelled
        if progress and i % 1000 == 0:
            progress(i, len(body))
        before = len(problems)
        v: dict[str, Any] = {}
        try:
            v["visit_date"] = parse_date(raw(cells, "visit_date"))
        except ValueError as exc:
            problem(
                row, "visit_date", raw(cells, "visit_date"), str(exc), "写成 2026-03-04 这样的日期"
            )
            v["visit_date"] = None
        if v["visit_date"] is None and len(problems) == before:
            problem(row, "visit_date", "", "日期为空", "填写来访日期")
        elif v["visit_date"] and v["visit_date"] > today:
            problem(row, "visit_date", raw(cells, "visit_date"), "日期在今天之后", "核对日期")
        station = clean_name(raw(cells, "station"))
        v["station_id"] = stations.get(station)
        if not station:
            problem(row, "station", "", "联络站为空", "填写联络站名称")
        elif v["station_id"] is None:
            problem(
                row,
                "station",
                station,
                "数据库中没有这个联络站",
                f"改成已有的联络站名称（{'、'.join(sorted(stations)) or '请先建立联络站'}）",
            )
        receiver = clean_name(raw(cells, "receiver"))
        v["received_by_id"] = None
        if receiver:
            matches = people.get(receiver, [])
            if not matches:
                problem(
                    row,
                    "receiver",
                    receiver,
                    "找不到这位代表",
                    "核对姓名，或先在“联络站与代表”中登记",
                )
            elif len(matches) > 1:
                problem(
                    row,
                    "receiver",
                    receiver,
                    "有多位同名人员，无法确定是哪一位",
                    "在备注中区分后手工登记",
                )
            else:
                v["received_by_id"] = matches[0]
        name = clean_name(raw(cells, "visitor_name"))
        v["anonymous"] = name in ("", "匿名")
        v["visitor_name"] = "" if v["anonymous"] else name
        for key, allowed in (
            ("gender", ("男", "女")),
            ("age_group", tuple(str(a) for a in AgeGroup)),
            ("identity", tuple(str(x) for x in VisitorIdentity)),
            ("channel", tuple(str(c) for c in Channel)),
        ):
            value = clean_text(raw(cells, key))
            if value and value not in allowed:
                problem(row, key, value, "无法识别", f"填写{'、'.join(allowed)}之一，或留空")
            v[key] = value or ("来访" if key == "channel" else "")
        phone = normalize_phone(clean_text(raw(cells, "phone")))
        if phone and validate_phone(phone):
            problem(
                row, "phone", raw(cells, "phone"), "；".join(validate_phone(phone)), "改正或留空"
            )
            phone = ""
        v["phone"] = phone
        v["unit_or_village"] = clean_text(raw(cells, "unit_or_village"))
        category = clean_text(raw(cells, "category")) or "其他"
        if category not in known_categories:
            problem(
                row,
                "category",
                category,
                "类别不在本单位的类别列表中",
                f"改为{'、'.join(known_categories)}之一，或先在设置中增加这个类别",
            )
        v["category"] = category
        v["content"] = clean_prose(raw(cells, "content"))
        count_raw = raw(cells, "people_count")
        try:
            v["people_count"] = int(float(clean_text(count_raw) or 1))
            if v["people_count"] < 1:
                raise ValueError
        except ValueError:
            problem(
                row, "people_count", count_raw, "人数应为正整数", "填写 1、2、3 这样的数字，或留空"
            )
            v["people_count"] = 1
        item = _check_item(row, cells, raw, problem, used_numbers, v, today)
        if not v["content"] and item is None:
            problem(
                row, "content", "", "来访事由和意见建议都为空", "至少填写其中一项；多余的行请删除"
            )
        if len(problems) > before:
            continue
        key = tuple(v[k] for k in ("visit_date", "station_id", "visitor_name", "content", "phone"))
        if visits_out and visits_out[-1].key == key and item is not None:
            visits_out[-1].items.append(item)
        else:
            visits_out.append(_VisitRow(row, key, v, [item] if item else []))
    if problems:
        raise ImportProblems(sorted(problems, key=lambda p: (p.row, p.column)))
    return _write(session, visits_out, progress, cancel)


def _check_item(
    row: int,
    cells: list[object],
    raw: Callable[[list[object], str], object],
    problem: Callable[[int, str, object, str, str], None],
    used_numbers: set[str],
    visit: dict[str, Any],
    today: date,
) -> _ItemRow | None:
    content = clean_prose(raw(cells, "item"))
    if not content:
        return None
    values: dict[str, Any] = {"content": content}
    status = clean_text(raw(cells, "status")) or str(OpinionStatus.REGISTERED)
    if status not in RANK:
        problem(row, "status", status, "办理状态无法识别", f"填写{'、'.join(RANK)}之一")
        status = str(OpinionStatus.REGISTERED)
    values["status"] = status
    number = clean_text(raw(cells, "number"))
    if number and number in used_numbers:
        problem(
            row, "number", number, "意见编号已经用过", "删去编号由系统重新编号，或改成未用过的编号"
        )
    if number:
        used_numbers.add(number)
    values["number"] = number
    rank = RANK[status]
    values["department"] = clean_text(raw(cells, "department"))
    values["responsible"] = clean_text(raw(cells, "responsible"))
    if rank >= RANK[str(OpinionStatus.ASSIGNED)] and not values["department"]:
        problem(row, "department", "", f"状态为“{status}”但没有交办部门", "填写交办部门")
    for key in ("deadline", "handled_on"):
        try:
            values[key] = parse_date(raw(cells, key))
        except ValueError as exc:
            problem(row, key, raw(cells, key), str(exc), "写成 2026-03-04 这样的日期")
            values[key] = None
    if rank >= RANK[str(OpinionStatus.HANDLED)] and values["handled_on"] is None:
        problem(row, "handled_on", "", f"状态为“{status}”但没有办结日期", "填写办结日期")
    if (
        values["handled_on"]
        and visit.get("visit_date")
        and values["handled_on"] < visit["visit_date"]
    ):
        problem(row, "handled_on", raw(cells, "handled_on"), "办结日期早于来访日期", "核对日期")
    values["result"] = clean_prose(raw(cells, "result"))
    values["feedback"] = clean_text(raw(cells, "feedback"))
    satisfaction = clean_text(raw(cells, "satisfaction"))
    if satisfaction and satisfaction not in {str(s) for s in Satisfaction}:
        problem(row, "satisfaction", satisfaction, "满意度无法识别", "填写满意、基本满意或不满意")
    values["satisfaction"] = satisfaction
    if rank >= RANK[str(OpinionStatus.FED_BACK)] and not values["feedback"]:
        problem(
            row, "feedback", "", "状态为“已反馈”但没有反馈情况", "填写如何告知青年（如：电话告知）"
        )
    return _ItemRow(row, values)


def _write(
    session: Session,
    rows: list[_VisitRow],
    progress: Progress | None,
    cancel: Callable[[], bool] | None,
) -> VisitImportSummary:
    summary = VisitImportSummary()
    user = session.info.get("user", "")
    by_year: dict[int, list[_ItemRow]] = {}
    for r in rows:
        for item in r.items:
            if not item.values["number"]:
                by_year.setdefault(r.values["visit_date"].year, []).append(item)
    for year, items in by_year.items():
        for item, number in zip(items, next_numbers(session, year, len(items)), strict=True):
            item.values["number"] = number
    for i, r in enumerate(rows):
        if cancel and i % 1000 == 0 and cancel():
            raise ImportCancelled
        visit = Visit(recorded_by=user, **r.values)
        session.add(visit)
        session.flush()
        summary.visits += 1
        for item in r.items:
            iv = item.values
            status = iv["status"]
            rank = RANK[status]
            assigned_on = (
                r.values["visit_date"] if rank >= RANK[str(OpinionStatus.ASSIGNED)] else None
            )
            deadline = iv["deadline"] or (
                default_deadline(session, assigned_on) if assigned_on else None
            )
            opinion = OpinionItem(
                visit_id=visit.id,
                number=iv["number"],
                category=r.values["category"],
                content=iv["content"],
                status=status,
                department=iv["department"],
                responsible=iv["responsible"],
                assigned_on=assigned_on,
                deadline=deadline,
                handled_on=iv["handled_on"],
                result=iv["result"],
                fed_back_on=iv["handled_on"] if rank >= RANK[str(OpinionStatus.FED_BACK)] else None,
                feedback_method=iv["feedback"],
                satisfaction=iv["satisfaction"],
            )
            session.add(opinion)
            session.flush()
            if rank > 0:
                session.add(
                    OpinionStep(
                        item_id=opinion.id,
                        from_status=str(OpinionStatus.REGISTERED),
                        to_status=status,
                        done_on=iv["handled_on"] or r.values["visit_date"],
                        done_at=now(),
                        done_by=user,
                        note=f"从登记表导入（第{item.row}行）",
                    )
                )
            summary.items += 1
        if progress and i % 1000 == 0:
            progress(i, len(rows))
    session.flush()
    return summary
