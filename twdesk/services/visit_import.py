"""Importing the visit registers offices kept in Excel, on the import engine: header found below
title rows, columns matched by their usual names, each row checked by `check_visit` (the intake
form's own check) and its opinion item by `check_item_record`; any problem → nothing imported,
every problem listed with its row and column. Consecutive rows describing the same visit (date,
station, visitor, content) become one visit with several items."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from twdesk.core.normalize import clean_name, parse_date
from twdesk.core.vocab import OpinionStatus
from twdesk.db.base import now
from twdesk.db.models import OpinionItem, OpinionStep, Person, Station, Visit
from twdesk.excel.visit_columns import ALIASES
from twdesk.importing.engine import Row, Spec, check_file
from twdesk.importing.problems import ImportCancelled
from twdesk.services.backups import backup_before_import
from twdesk.services.visit_export import Progress
from twdesk.services.visits import (
    RANK,
    ItemInput,
    VisitError,
    categories,
    check_item_record,
    check_visit,
    default_deadline,
    next_numbers,
)

SPEC = Spec(
    ALIASES,
    required=("visit_date", "station"),
    hints={
        "visit_date": "写成 2026-03-04 这样的日期",
        "deadline": "写成 2026-03-04 这样的日期",
        "handled_on": "写成 2026-03-04 这样的日期",
        "station": "填写已有联络站的全称",
        "receiver": "核对姓名，或先在“联络站与代表”中登记",
        "phone": "改正或留空",
        "category": "改为类别列表中的一项，或先在设置中增加这个类别",
        "people_count": "填写 1、2、3 这样的数字，或留空",
        "number": "删去编号由系统重新编号，或改成未用过的编号",
        "status": "填写办理状态，或留空（已登记）",
        "content": "填写来访事由或意见建议；多余的行请删除",
        "item": "填写意见建议，或留空",
    },
    what="来访登记表",
)
# check_visit's and check_item_record's fields → the register's columns
VISIT_COLUMNS = {"station_id": "station", "received_by_id": "receiver", "items": "item"}
ITEM_COLUMNS = {"content": "item", "feedback_method": "feedback"}


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


class _RowChecker:
    """One register row → a visit (and its item) as the intake form would save it."""

    def __init__(self, session: Session, today: date) -> None:
        self.today = today
        self.stations = dict(
            session.execute(
                select(Station.name, Station.id).where(Station.deleted_at.is_(None))
            ).all()
        )
        self.people: dict[str, list[str]] = {}
        for pid, name in session.execute(
            select(Person.id, Person.name).where(Person.deleted_at.is_(None))
        ):
            self.people.setdefault(name, []).append(pid)
        self.categories = categories(session)
        self.used_numbers = set(session.scalars(select(OpinionItem.number)))

    def date(self, row: Row, name: str) -> date | None:
        try:
            return parse_date(row.raw(name))
        except ValueError as exc:
            row.problem(name, str(exc))
            return None

    def __call__(self, row: Row) -> tuple[_VisitRow, _ItemRow | None] | None:
        values: dict[str, Any] = {
            key: row.raw(key)
            for key in ("gender", "age_group", "identity", "channel", "phone", "unit_or_village")
        }
        values["visit_date"] = self.date(row, "visit_date")
        station = clean_name(row.raw("station"))
        values["station_id"] = self.stations.get(station)
        if station and values["station_id"] is None:
            row.problem(
                "station",
                "数据库中没有这个联络站",
                f"改成已有的联络站名称（{'、'.join(sorted(self.stations)) or '请先建立联络站'}）",
            )
        values["received_by_id"] = self.receiver(row)
        name = clean_name(row.raw("visitor_name"))
        values["anonymous"] = name in ("", "匿名")
        values["visitor_name"] = "" if values["anonymous"] else name
        values["category"] = row.raw("category") or "其他"
        values["content"] = row.raw("content")
        values["people_count"] = row.raw("people_count")
        item = self.item(row, values["visit_date"]) if row.text("item") else None
        items = [ItemInput(item.values["content"])] if item else []
        try:
            clean = check_visit(values, items, self.categories, today=self.today)
        except VisitError as exc:
            row.report(exc, VISIT_COLUMNS)
            return None
        if not row.ok:
            return None
        key = tuple(clean[k] for k in ("visit_date", "station_id", "visitor_name", "content"))
        return _VisitRow(row.number, (*key, clean["phone"]), clean), item

    def receiver(self, row: Row) -> str | None:
        receiver = clean_name(row.raw("receiver"))
        if not receiver:
            return None
        matches = self.people.get(receiver, [])
        if not matches:
            row.problem("receiver", "找不到这位代表")
        elif len(matches) > 1:
            row.problem(
                "receiver", "有多位同名人员，无法确定是哪一位", "导入后在界面中手工指定接待代表"
            )
        else:
            return matches[0]
        return None

    def item(self, row: Row, visit_date: date | None) -> _ItemRow | None:
        values = {
            "content": row.raw("item"),
            "status": row.raw("status"),
            "number": row.raw("number"),
            "department": row.raw("department"),
            "responsible": row.raw("responsible"),
            "result": row.raw("result"),
            "feedback_method": row.raw("feedback"),
            "satisfaction": row.raw("satisfaction"),
            "deadline": self.date(row, "deadline"),
            "handled_on": self.date(row, "handled_on"),
        }
        try:
            clean = check_item_record(values, visit_date)
        except VisitError as exc:
            row.report(exc, ITEM_COLUMNS)
            return None
        number = clean["number"]
        if number and number in self.used_numbers:
            row.problem("number", "意见编号已经用过")
        if number:
            self.used_numbers.add(number)
        return _ItemRow(row.number, clean)


def import_visits(
    session: Session,
    path: Path,
    *,
    progress: Progress | None = None,
    cancel: Callable[[], bool] | None = None,
    today: date | None = None,
) -> VisitImportSummary:
    """Check the whole file, then write it in the caller's transaction; or raise ImportProblems."""
    preview = check_file(
        Path(path),
        SPEC,
        _RowChecker(session, today or date.today()),
        progress=progress,
        cancel=cancel,
        every=1000,
    )
    preview.raise_problems()
    backup_before_import(session)  # 导入前: the file as it was, kept in the backups
    visits_out: list[_VisitRow] = []
    for visit, item in preview.rows:
        if visits_out and visits_out[-1].key == visit.key and item is not None:
            visits_out[-1].items.append(item)
        else:
            visit.items = [item] if item else []
            visits_out.append(visit)
    return _write(session, visits_out, progress, cancel)


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
                feedback_method=iv["feedback_method"],
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
