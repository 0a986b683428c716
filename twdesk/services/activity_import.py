"""Activity registers to and from spreadsheets (same rules as the roster import: header found,
names matched, everything checked before anything is written; projects named in the file that
do not exist yet are created, as stations are by the roster import)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from twdesk.core.normalize import clean_name, clean_prose, clean_text, parse_date
from twdesk.db.models import Person, Project, Station
from twdesk.excel.activity_columns import ALIASES, HEADER_OF, SEPARATORS
from twdesk.excel.reader import data_rows, find_header, read_rows
from twdesk.services.ledger import activity_types, save_activity, save_project
from twdesk.services.roster_import import ImportProblems, Problem


def split_names(text: str) -> list[str]:
    for sep in SEPARATORS:
        text = text.replace(sep, "、")
    return [clean_name(n) for n in text.split("、") if clean_name(n)]


@dataclass
class ActivityImportSummary:
    activities: int = 0
    new_projects: list[str] = field(default_factory=list)

    def one_line(self) -> str:
        text = f"导入完成：履职记录 {self.activities} 条"
        if self.new_projects:
            text += f"；新建项目 {len(self.new_projects)} 个（{'、'.join(self.new_projects)}）"
        return text + "。"


def import_activities(
    session: Session, path: Path, *, today: date | None = None
) -> ActivityImportSummary:
    today = today or date.today()
    sheet = read_rows(Path(path))
    header = find_header(sheet.rows, ALIASES)
    if header is None or not {"activity_date", "activity_type", "title"} <= set(header.columns):
        raise ImportProblems(
            [Problem(0, "", "", "找不到“日期”“活动类型”“活动名称”列", "确认选择的是履职记录表")]
        )
    columns, headers = header.columns, header.headers
    problems: list[Problem] = []

    def raw(cells: list[object], name: str) -> object:
        index = columns.get(name)
        return cells[index] if index is not None and index < len(cells) else None

    def problem(row: int, name: str, value: object, message: str, hint: str) -> None:
        column = headers[columns[name]] if name in columns else HEADER_OF[name]
        problems.append(Problem(row, column, clean_text(value), message, hint))

    types = activity_types(session)
    people: dict[str, list[str]] = {}
    for pid, name in session.execute(
        select(Person.id, Person.name).where(Person.deleted_at.is_(None))
    ):
        people.setdefault(name, []).append(pid)
    stations = dict(
        session.execute(select(Station.name, Station.id).where(Station.deleted_at.is_(None))).all()
    )
    projects = dict(
        session.execute(select(Project.name, Project.id).where(Project.deleted_at.is_(None))).all()
    )
    rows: list[tuple[int, dict[str, Any], list[str], str]] = []
    for row, cells in data_rows(sheet, header):
        before = len(problems)
        values: dict[str, Any] = {}
        try:
            values["activity_date"] = parse_date(raw(cells, "activity_date"))
            if values["activity_date"] is None:
                problem(row, "activity_date", "", "日期为空", "填写活动日期")
            elif values["activity_date"] > today:
                problem(
                    row, "activity_date", raw(cells, "activity_date"), "日期在今天之后", "核对日期"
                )
        except ValueError as exc:
            problem(row, "activity_date", raw(cells, "activity_date"), str(exc), "写成 2026-03-04")
        kind = clean_text(raw(cells, "activity_type"))
        if kind not in types:
            problem(row, "activity_type", kind, "活动类型不在列表中", f"改为{'、'.join(types)}之一")
        values["activity_type"] = kind
        values["title"] = clean_text(raw(cells, "title"))
        if not values["title"]:
            problem(row, "title", "", "活动名称为空", "填写活动名称")
        values["place"] = clean_text(raw(cells, "place"))
        count = clean_text(raw(cells, "youth_count")) or "0"
        try:
            values["youth_count"] = int(float(count))
            if values["youth_count"] < 0:
                raise ValueError
        except ValueError:
            problem(row, "youth_count", count, "覆盖人次应为 0 或正整数", "填写数字，如 35")
        ids: list[str] = []
        names = split_names(clean_text(raw(cells, "participants")))
        if not names:
            problem(row, "participants", "", "没有参与代表", "填写参与代表姓名，多人用顿号分隔")
        for name in names:
            found = people.get(name, [])
            if not found:
                problem(
                    row, "participants", name, f"找不到代表“{name}”", "核对姓名，或先登记这位代表"
                )
            elif len(found) > 1:
                problem(
                    row, "participants", name, f"有多位同名的“{name}”", "导入后在界面中手工指定"
                )
            else:
                ids.append(found[0])
        station = clean_name(raw(cells, "station"))
        if station and station not in stations:
            problem(row, "station", station, "没有这个联络站", "改成已有的联络站名称或留空")
        values["station_id"] = stations.get(station)
        values["notes"] = clean_prose(raw(cells, "notes"))
        if len(problems) == before:
            rows.append((row, values, ids, clean_text(raw(cells, "project"))))
    if problems:
        raise ImportProblems(sorted(problems, key=lambda p: (p.row, p.column)))
    summary = ActivityImportSummary()
    for _row, values, ids, project in rows:
        if project and project not in projects:
            projects[project] = save_project(session, project, station_id=values["station_id"]).id
            summary.new_projects.append(project)
        values["project_id"] = projects.get(project) if project else None
        save_activity(session, values, ids)
        summary.activities += 1
    return summary
