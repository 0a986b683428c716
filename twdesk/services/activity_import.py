"""Activity registers from spreadsheets, on the import engine: each row checked by
`check_activity` (the entry dialog's own check), participants and stations found by name, any
problem → nothing imported. Projects and youth-league branches (团支部, the branch a 联系团支部
activity contacted) named in the file that do not exist yet are created, as stations are by the
roster import; the branch is stored on the activity, so it counts for the branch target."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from twdesk.core.normalize import clean_name, clean_text, parse_date
from twdesk.db.models import Person, Project, Station, YouthBranch
from twdesk.excel.activity_columns import ALIASES, SEPARATORS
from twdesk.importing.engine import Progress, Row, Spec, check_file
from twdesk.importing.problems import ImportCancelled
from twdesk.services.backups import backup_before_import
from twdesk.services.ledger import (
    LedgerError,
    activity_types,
    check_activity,
    save_activity,
    save_project,
)
from twdesk.services.limits import max_length, too_long
from twdesk.services.links import add_branch

SPEC = Spec(
    ALIASES,
    required=("activity_date", "activity_type", "title"),
    hints={
        "activity_date": "写成 2026-03-04 这样的日期",
        "activity_type": "改为活动类型列表中的一项",
        "title": "填写活动名称",
        "youth_count": "填写数字，如 35",
        "participants": "填写参与代表姓名，多人用顿号分隔；不在库中的代表请先登记",
        "absent": "填写无故缺席的代表姓名，多人用顿号分隔，或留空",
        "station": "改成已有的联络站名称或留空",
        "project": "删减项目名称",
        "branch": "删减团支部名称",
    },
    what="履职记录表",
)


def split_names(text: str) -> list[str]:
    for sep in SEPARATORS:
        text = text.replace(sep, "、")
    return [clean_name(n) for n in text.split("、") if clean_name(n)]


@dataclass
class ActivityImportSummary:
    activities: int = 0
    new_projects: list[str] = field(default_factory=list)
    new_branches: list[str] = field(default_factory=list)

    def one_line(self) -> str:
        text = f"导入完成：履职记录 {self.activities} 条"
        if self.new_projects:
            text += f"；新建项目 {len(self.new_projects)} 个（{'、'.join(self.new_projects)}）"
        if self.new_branches:
            text += f"；新建团支部：{'、'.join(self.new_branches)}"
        return text + "。"


@dataclass
class _ActivityRow:
    values: dict[str, Any]
    participant_ids: list[str]
    project: str
    branch: str
    absent_ids: list[str]


class _RowChecker:
    def __init__(self, session: Session, today: date) -> None:
        self.today = today
        self.types = activity_types(session)
        self.people: dict[str, list[str]] = {}
        for pid, name in session.execute(
            select(Person.id, Person.name).where(Person.deleted_at.is_(None))
        ):
            self.people.setdefault(name, []).append(pid)
        self.stations = dict(
            session.execute(
                select(Station.name, Station.id).where(Station.deleted_at.is_(None))
            ).all()
        )
        self.project_limit = max_length(Project, "name")
        self.branch_limit = max_length(YouthBranch, "name")

    def __call__(self, row: Row) -> _ActivityRow | None:
        values: dict[str, Any] = {
            key: row.raw(key) for key in ("activity_type", "title", "place", "youth_count", "notes")
        }
        try:
            values["activity_date"] = parse_date(row.raw("activity_date"))
        except ValueError as exc:
            row.problem("activity_date", str(exc))
        ids = self._people(row, "participants")
        absent = self._people(row, "absent")
        station = clean_name(row.raw("station"))
        if station and station not in self.stations:
            row.problem("station", "没有这个联络站")
        values["station_id"] = self.stations.get(station)
        project = clean_text(row.raw("project"))
        long = too_long(project, self.project_limit)
        if long:
            row.problem("project", f"项目名称{long}")
        branch = clean_text(row.raw("branch"))
        long = too_long(branch, self.branch_limit)
        if long:
            row.problem("branch", f"团支部名称{long}")
        try:
            clean = check_activity(
                values, set(ids), self.types, today=self.today, absent_ids=set(absent)
            )
        except LedgerError as exc:
            row.report(exc)
            return None
        return _ActivityRow(clean, ids, project, branch, absent)

    def _people(self, row: Row, column: str) -> list[str]:
        """The delegates a cell names (顿号 between names), each found exactly once."""
        ids: list[str] = []
        for name in split_names(row.text(column)):
            found = self.people.get(name, [])
            if not found:
                row.problem(column, f"找不到代表“{name}”", value=name)
            elif len(found) > 1:
                row.problem(column, f"有多位同名的“{name}”", "导入后在界面中手工指定", value=name)
            else:
                ids.append(found[0])
        return ids


def import_activities(
    session: Session,
    path: Path,
    *,
    progress: Progress | None = None,
    cancel: Callable[[], bool] | None = None,
    today: date | None = None,
) -> ActivityImportSummary:
    """Check the whole file, then write it in the caller's transaction; or raise ImportProblems."""
    today = today or date.today()
    preview = check_file(
        Path(path), SPEC, _RowChecker(session, today), progress=progress, cancel=cancel
    )
    preview.raise_problems()
    backup_before_import(session)  # 导入前: the file as it was, kept in the backups
    projects = dict(
        session.execute(select(Project.name, Project.id).where(Project.deleted_at.is_(None))).all()
    )
    branches = dict(
        session.execute(
            select(YouthBranch.name, YouthBranch.id).where(YouthBranch.deleted_at.is_(None))
        ).all()
    )
    summary = ActivityImportSummary()
    for i, row in enumerate(preview.rows):
        if cancel and i % 500 == 0 and cancel():
            raise ImportCancelled
        values, project, branch = row.values, row.project, row.branch
        if project and project not in projects:
            projects[project] = save_project(session, project, station_id=values["station_id"]).id
            summary.new_projects.append(project)
        values["project_id"] = projects.get(project) if project else None
        if branch and branch not in branches:
            branches[branch] = add_branch(session, branch, station_id=values["station_id"]).id
            summary.new_branches.append(branch)
        values["branch_id"] = branches.get(branch) if branch else None
        save_activity(session, values, row.participant_ids, today=today, absent_ids=row.absent_ids)
        summary.activities += 1
    return summary
