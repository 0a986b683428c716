"""Importing a delegate roster from the spreadsheets offices already keep.

Everything is read and checked before anything is written: any problem and nothing is
imported, and the user gets every problem at once, named by the row number the spreadsheet
shows (第N行), the column header as written in the file, what is wrong and how to fix it.
The write itself is one transaction owned by the caller (`with db.transaction() as s:`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Literal

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from twdesk.core.errors import UserError
from twdesk.core.idcard import (
    birth_date_from_id,
    gender_from_id,
    normalize_id_number,
    validate_id_number,
)
from twdesk.core.normalize import (
    ROUNDED_ID_MESSAGE,
    clean_name,
    clean_text,
    excel_rounded_id,
    parse_date,
)
from twdesk.core.phone import normalize_phone, validate_phone
from twdesk.core.pinyin import name_keys
from twdesk.core.vocab import StationKind
from twdesk.db.base import new_id, now
from twdesk.db.models import (
    AuditEntry,
    GroupMembership,
    Person,
    SpecialGroup,
    Station,
    StationMembership,
    StatusChange,
)
from twdesk.excel.reader import data_rows, find_header, guess_header, read_rows
from twdesk.excel.roster_columns import (
    ALIASES,
    COLUMN_BY_FIELD,
    GENDER_WORDS,
    GROUP_SEPARATORS,
    LEVEL_WORDS,
    STATUS_WORDS,
)

OnDuplicate = Literal["fail", "skip", "update"]
Progress = Callable[[int, int], None]

# Person fields a roster row may set, in the order the importer fills them.
PERSON_FIELDS = (
    "name",
    "gender",
    "birth_date",
    "id_number",
    "phone",
    "ethnicity",
    "political_status",
    "education",
    "unit",
    "position",
    "level",
    "sector",
    "term",
    "wechat",
    "notes",
)


@dataclass(frozen=True)
class Problem:
    row: int  # as the spreadsheet shows it; 0 for the whole file
    column: str  # the header as written in the file
    value: str
    message: str
    hint: str

    def text(self) -> str:
        where = f"第{self.row}行" if self.row else "文件"
        column = f"［{self.column}］" if self.column else ""
        value = f"「{self.value}」" if self.value else ""
        return f"{where}{column}{value}：{self.message} —— {self.hint}"


class ImportProblems(UserError):
    """Nothing was imported; `problems` lists everything to fix."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"发现 {len(problems)} 处问题，未导入任何数据")
        self.problems = problems


class ImportCancelled(Exception):
    pass


@dataclass
class RosterRow:
    row: int
    values: dict[str, Any]
    station: str
    groups: list[str]
    status: str
    existing_id: str | None = None


@dataclass
class RosterPreview:
    path: Path
    headers: list[str]
    mapping: dict[str, int]
    unknown_headers: list[str]
    rows: list[RosterRow]
    problems: list[Problem]
    new_stations: list[str]
    new_groups: list[tuple[str, str]]
    duplicates_in_db: list[RosterRow] = field(default_factory=list)
    # the data rows as read, (row number as the spreadsheet shows it, cells), for the GUI preview
    raw_rows: list[tuple[int, list[object]]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass
class ImportSummary:
    added: int = 0
    updated: int = 0
    skipped: int = 0
    new_stations: list[str] = field(default_factory=list)
    new_groups: list[tuple[str, str]] = field(default_factory=list)

    def one_line(self) -> str:
        text = f"导入完成：新增 {self.added} 人，更新 {self.updated} 人，跳过 {self.skipped} 人"
        if self.new_stations:
            text += f"；新建联络站 {len(self.new_stations)} 个（{'、'.join(self.new_stations)}）"
        if self.new_groups:
            text += f"；新建专项小组 {len(self.new_groups)} 个"
        return text + "。"


def guess_station_kind(name: str) -> StationKind:
    if "分站" in name or "行业" in name:
        return StationKind.SECTOR
    if any(word in name for word in ("乡", "镇", "街道")):
        return StationKind.TOWNSHIP
    if "县" in name or "区" in name:
        return StationKind.COUNTY
    return StationKind.TOWNSHIP


def _split_groups(text: str) -> list[str]:
    parts = [text]
    for sep in GROUP_SEPARATORS:
        parts = [piece for part in parts for piece in part.split(sep)]
    return [p.strip() for p in parts if p.strip()]


class _RowChecker:
    """Turns one spreadsheet row into clean values, collecting problems on the way."""

    def __init__(
        self, headers: list[str], mapping: dict[str, int], problems: list[Problem]
    ) -> None:
        self.headers = headers
        self.mapping = mapping
        self.problems = problems
        self.seen_ids: dict[str, tuple[int, str]] = {}  # ID number → (row, name) first seen

    def raw(self, cells: list[object], name: str) -> object:
        index = self.mapping.get(name)
        if index is None or index >= len(cells):
            return None
        return cells[index]

    def problem(self, row: int, name: str, value: object, message: str, hint: str) -> None:
        index = self.mapping.get(name)
        header = self.headers[index] if index is not None else COLUMN_BY_FIELD[name].header
        self.problems.append(Problem(row, header, clean_text(value), message, hint))

    def check(self, row: int, cells: list[object]) -> RosterRow | None:
        before = len(self.problems)
        text = {name: clean_text(self.raw(cells, name)) for name in self.mapping}
        values: dict[str, Any] = {name: text.get(name, "") for name in PERSON_FIELDS}
        values["name"] = clean_name(self.raw(cells, "name"))
        if not values["name"]:
            self.problem(row, "name", "", "姓名为空", "填写代表姓名；如果这是多余的行，请删除它")

        raw_id = self.raw(cells, "id_number")
        values["id_number"] = ""
        if raw_id not in (None, "") and excel_rounded_id(raw_id):
            self.problem(
                row,
                "id_number",
                raw_id,
                "身份证号被 Excel 当成数字保存，末尾几位已经丢失",
                ROUNDED_ID_MESSAGE,
            )
        elif text.get("id_number"):
            number = normalize_id_number(text["id_number"])
            errors = validate_id_number(number)
            for message in errors:
                self.problem(row, "id_number", raw_id, message, "核对原始证件，改正后重新导入")
            values["id_number"] = number if not errors else ""
            if number in self.seen_ids:
                other_row, other_name = self.seen_ids[number]
                self.problem(
                    row,
                    "id_number",
                    number,
                    f"与第{other_row}行的身份证号重复（{other_name}）",
                    "同一个人只保留一行",
                )
            else:
                self.seen_ids[number] = (row, values["name"])

        gender = text.get("gender", "")
        values["gender"] = ""
        if gender:
            values["gender"] = GENDER_WORDS.get(gender, "")
            if not values["gender"]:
                self.problem(row, "gender", gender, "性别无法识别", "填写“男”或“女”")

        values["birth_date"] = None
        if text.get("birth_date"):
            try:
                values["birth_date"] = parse_date(self.raw(cells, "birth_date"))
            except ValueError as exc:
                self.problem(
                    row,
                    "birth_date",
                    self.raw(cells, "birth_date"),
                    str(exc),
                    "写成 1995-03-12 或 1995.03 这样的日期",
                )

        if values["id_number"]:
            born, sex = birth_date_from_id(values["id_number"]), gender_from_id(values["id_number"])
            entered = values["birth_date"]
            if entered and (entered.year, entered.month) != (born.year, born.month):
                self.problem(
                    row,
                    "birth_date",
                    self.raw(cells, "birth_date"),
                    f"出生年月与身份证号不一致（身份证号中为 {born:%Y-%m-%d}）",
                    "核对出生年月或身份证号，改成一致",
                )
            if values["gender"] and values["gender"] != sex:
                self.problem(
                    row,
                    "gender",
                    values["gender"],
                    f"性别与身份证号不一致（身份证号表明为{sex}）",
                    "核对性别或身份证号",
                )
            values["birth_date"] = born  # the number is exact to the day; a mismatch was reported
            values["gender"] = values["gender"] or sex

        if text.get("phone"):
            phone = normalize_phone(text["phone"])
            errors = validate_phone(phone)
            for message in errors:
                self.problem(
                    row,
                    "phone",
                    self.raw(cells, "phone"),
                    message,
                    "填写 11 位手机号，或带区号的固定电话，如 0839-7202201",
                )
            values["phone"] = phone if not errors else ""

        level = text.get("level", "")
        values["level"] = ""
        if level:
            values["level"] = LEVEL_WORDS.get(level, "")
            if not values["level"]:
                self.problem(row, "level", level, "代表层级无法识别", "填写“市”“县”或“乡镇”")

        status = text.get("status", "") or "在任"
        if status not in STATUS_WORDS:
            self.problem(
                row,
                "status",
                status,
                "状态无法识别",
                "填写“在任”“免职”“辞职”或“届满”，或留空（默认在任）",
            )
        station = clean_name(self.raw(cells, "station")) if "station" in self.mapping else ""
        groups = _split_groups(text.get("groups", ""))
        if len(self.problems) > before:
            return None
        return RosterRow(row, values, station, groups, STATUS_WORDS.get(status, "在任"))


def preview_roster(
    session: Session,
    path: Path,
    *,
    on_duplicate: OnDuplicate = "fail",
    create_stations: bool = True,
    mapping: dict[str, int] | None = None,
    progress: Progress | None = None,
    cancel: Callable[[], bool] | None = None,
) -> RosterPreview:
    """Read and check the whole file against the database; writes nothing."""
    sheet = read_rows(Path(path))
    header = find_header(sheet.rows, ALIASES)
    problems: list[Problem] = []
    if header is None:
        header = guess_header(sheet.rows)
        if header is None or mapping is None:
            problems.append(
                Problem(
                    0,
                    "",
                    "",
                    "找不到表头行（应包含“姓名”“身份证号”等列名）",
                    "确认选择的是名册表格，或在导入界面手动指定各列",
                )
            )
            headers = header.headers if header else []
            return RosterPreview(Path(path), headers, {}, headers, [], problems, [], [])
    headers = header.headers
    columns = dict(mapping if mapping is not None else header.columns)
    if "name" not in columns:
        problems.append(
            Problem(0, "", "", "缺少“姓名”列", "在表头中加上“姓名”列，或在导入界面指定哪一列是姓名")
        )
        return RosterPreview(
            Path(path), headers, columns, header.unknown if header else [], [], problems, [], []
        )

    checker = _RowChecker(headers, columns, problems)
    rows: list[RosterRow] = []
    body = list(data_rows(sheet, header))
    for i, (row_number, cells) in enumerate(body):
        if cancel and i % 500 == 0 and cancel():
            raise ImportCancelled
        checked = checker.check(row_number, cells)
        if checked is not None:
            rows.append(checked)
        if progress and i % 500 == 0:
            progress(i, len(body))

    # already in the database
    existing = dict(
        session.execute(
            select(Person.id_number, Person.id).where(
                Person.id_number != "", Person.deleted_at.is_(None)
            )
        ).all()
    )
    duplicates = []
    for r in rows:
        person_id = existing.get(r.values["id_number"]) if r.values["id_number"] else None
        if person_id:
            r.existing_id = person_id
            duplicates.append(r)
            if on_duplicate == "fail":
                checker.problem(
                    r.row,
                    "id_number",
                    r.values["id_number"],
                    f"数据库中已有此身份证号的人员（{r.values['name']}）",
                    "删除这一行，或导入时选择“跳过重复”或“用文件更新”",
                )

    stations = {
        name
        for (name,) in session.execute(select(Station.name).where(Station.deleted_at.is_(None)))
    }
    new_stations = sorted({r.station for r in rows if r.station and r.station not in stations})
    if new_stations and not create_stations:
        for r in rows:
            if r.station in new_stations:
                checker.problem(
                    r.row,
                    "station",
                    r.station,
                    "联络站不存在",
                    "先在“联络站与代表”中建立这个联络站，或允许导入时自动新建",
                )
    group_rows = session.execute(
        select(Station.name, SpecialGroup.name)
        .join(SpecialGroup, SpecialGroup.station_id == Station.id)
        .where(SpecialGroup.deleted_at.is_(None))
    ).all()
    known_groups = {(s, g) for s, g in group_rows}
    new_groups = sorted(
        {
            (r.station, g)
            for r in rows
            for g in r.groups
            if r.station and (r.station, g) not in known_groups
        }
    )
    for r in rows:
        if r.groups and not r.station:
            checker.problem(
                r.row,
                "groups",
                "、".join(r.groups),
                "填写了专项小组但没有所属联络站",
                "填写所属联络站，小组建在联络站下",
            )
    problems.sort(key=lambda p: (p.row, p.column))
    return RosterPreview(
        Path(path),
        headers,
        columns,
        header.unknown if header else [],
        rows,
        problems,
        new_stations,
        new_groups,
        duplicates,
        body,
    )


def import_roster(
    session: Session,
    path: Path,
    *,
    on_duplicate: OnDuplicate = "fail",
    create_stations: bool = True,
    mapping: dict[str, int] | None = None,
    progress: Progress | None = None,
    cancel: Callable[[], bool] | None = None,
) -> ImportSummary:
    """Check everything, then write everything in the caller's transaction; or raise."""
    preview = preview_roster(
        session,
        path,
        on_duplicate=on_duplicate,
        create_stations=create_stations,
        mapping=mapping,
        progress=progress,
        cancel=cancel,
    )
    if preview.problems:
        raise ImportProblems(preview.problems)
    return write_roster(
        session, preview, on_duplicate=on_duplicate, progress=progress, cancel=cancel
    )


def write_roster(
    session: Session,
    preview: RosterPreview,
    *,
    on_duplicate: OnDuplicate = "fail",
    progress: Progress | None = None,
    cancel: Callable[[], bool] | None = None,
) -> ImportSummary:
    summary = ImportSummary(
        new_stations=list(preview.new_stations), new_groups=list(preview.new_groups)
    )
    office_id = session.info.get("office_id", "")
    user = session.info.get("user", "")
    stamp = now()
    common = {"origin_office_id": office_id, "created_at": stamp, "updated_at": stamp}

    station_ids = dict(
        session.execute(select(Station.name, Station.id).where(Station.deleted_at.is_(None))).all()
    )
    county = session.scalar(
        select(Station.id)
        .where(Station.kind == str(StationKind.COUNTY), Station.deleted_at.is_(None))
        .limit(1)
    )
    for name in preview.new_stations:
        kind = guess_station_kind(name)
        station = Station(
            name=name, kind=str(kind), parent_id=county if kind != StationKind.COUNTY else None
        )
        session.add(station)
        session.flush()
        station_ids[name] = station.id
        county = county or (station.id if kind == StationKind.COUNTY else None)
    group_ids = {
        (s, g): gid
        for s, g, gid in session.execute(
            select(Station.name, SpecialGroup.name, SpecialGroup.id).join(
                SpecialGroup, SpecialGroup.station_id == Station.id
            )
        ).all()
    }
    for station_name, group_name in preview.new_groups:
        group = SpecialGroup(
            station_id=station_ids[station_name],
            name=group_name,
            kind=group_name.removesuffix("小组"),
        )
        session.add(group)
        session.flush()
        group_ids[(station_name, group_name)] = group.id

    people: list[dict[str, Any]] = []
    history: list[dict[str, Any]] = []
    memberships: list[dict[str, Any]] = []
    group_members: list[dict[str, Any]] = []
    audit: list[dict[str, Any]] = []
    today = date.today()
    total = len(preview.rows)
    for i, r in enumerate(preview.rows):
        if cancel and i % 1000 == 0 and cancel():
            raise ImportCancelled
        if r.existing_id:
            if on_duplicate == "skip":
                summary.skipped += 1
                continue
            _update_person(session, r, station_ids, group_ids)
            summary.updated += 1
            continue
        person_id = new_id()
        pinyin, initials = name_keys(r.values["name"])
        people.append(
            {
                **common,
                **{k: v for k, v in r.values.items() if k in PERSON_FIELDS},
                "id": person_id,
                "name_pinyin": pinyin,
                "name_initials": initials,
                "status": r.status,
                "is_delegate": True,
            }
        )
        history.append(
            {
                **common,
                "id": new_id(),
                "person_id": person_id,
                "status": r.status,
                "changed_on": today,
                "reason": "名册导入",
                "recorded_by": user,
            }
        )
        if r.station:
            memberships.append(
                {
                    **common,
                    "id": new_id(),
                    "station_id": station_ids[r.station],
                    "person_id": person_id,
                }
            )
        for g in r.groups:
            group_members.append(
                {
                    **common,
                    "id": new_id(),
                    "group_id": group_ids[(r.station, g)],
                    "person_id": person_id,
                }
            )
        audit.append(
            {
                **common,
                "id": new_id(),
                "at": stamp,
                "user": user,
                "action": "导入新增",
                "table_name": "person",
                "row_id": person_id,
                "field": "",
            }
        )
        summary.added += 1
        if progress and i % 1000 == 0:
            progress(i, total)
    for model, rows in (
        (Person, people),
        (StatusChange, history),
        (StationMembership, memberships),
        (GroupMembership, group_members),
        (AuditEntry, audit),
    ):
        for start in range(0, len(rows), 5000):
            if cancel and cancel():
                raise ImportCancelled
            session.execute(insert(model), rows[start : start + 5000])
    if progress:
        progress(total, total)
    return summary


def _update_person(
    session: Session,
    r: RosterRow,
    station_ids: dict[str, str],
    group_ids: dict[tuple[str, str], str],
) -> None:
    """Fill the existing person from the row (ORM, so every change is audited)."""
    person = session.get(Person, r.existing_id)
    assert person is not None
    for key in PERSON_FIELDS:
        value = r.values.get(key)
        if value not in (None, "") and getattr(person, key) != value:
            setattr(person, key, value)
    person.name_pinyin, person.name_initials = name_keys(person.name)
    if r.status != person.status:
        person.status = r.status
        session.add(
            StatusChange(
                person_id=person.id, status=r.status, changed_on=date.today(), reason="名册导入更新"
            )
        )
    current = set(
        session.scalars(
            select(StationMembership.station_id).where(
                StationMembership.person_id == person.id, StationMembership.end_date.is_(None)
            )
        )
    )
    if r.station and station_ids[r.station] not in current:
        session.add(StationMembership(station_id=station_ids[r.station], person_id=person.id))
    in_groups = set(
        session.scalars(
            select(GroupMembership.group_id).where(
                GroupMembership.person_id == person.id, GroupMembership.end_date.is_(None)
            )
        )
    )
    for g in r.groups:
        gid = group_ids[(r.station, g)]
        if gid not in in_groups:
            session.add(GroupMembership(group_id=gid, person_id=person.id))


def problems_by_row(problems: list[Problem]) -> dict[int, list[Problem]]:
    grouped: dict[int, list[Problem]] = defaultdict(list)
    for p in problems:
        grouped[p.row].append(p)
    return dict(grouped)
