"""联系青年 files: the roster and ballot imports (all or nothing, problems by row and column, file
and database unchanged), `twdesk contacts` JSON, and the quarterly bulletin as PDF and .xlsx
with nothing personal about the young people in it."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from tests.helpers import digest, run_twdesk
from twdesk.db.dbfile import Database
from twdesk.db.models import ContactBookEntry, SatisfactionBallot, YoungPerson
from twdesk.importing.problems import ImportProblems
from twdesk.services import contact_ballots, contacts, people
from twdesk.services.contact_bulletin import bulletin, write_bulletin
from twdesk.services.contact_import import import_ballots, import_contacts

TODAY = date(2026, 11, 20)
JSON_KEYS = {
    "name",
    "role",
    "distinct",
    "new",
    "fields",
    "log_entries",
    "repeated",
    "grassroots_weeks",
    "open_days",
    "satisfaction",
    "target_met",
}


@pytest.fixture
def db(any_office_db: Database) -> Database:
    office_db = any_office_db  # once on a file, once on a PostgreSQL server
    with office_db.transaction() as s:
        people.save_person(s, {"name": "李团干", "is_delegate": False, "is_cadre": True})
        people.save_person(s, {"name": "曾䶮", "is_delegate": True})
    return office_db


def sheet(path: Path, headers: list[str], rows: list[list[object]], title: str = "") -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    if title:
        ws.append([title])
    ws.append(headers)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


ROSTER_HEADERS = [
    "联系人",
    "青年姓名",
    "性别",
    "出生年月",
    "类别",
    "工作单位",
    "手机号",
    "微信",
    "联系日期",
    "联系途径",
]


def test_roster_import_keeps_shared_people_one_person(db: Database, tmp_path: Path) -> None:
    path = sheet(
        tmp_path / "花名册.xlsx",
        ROSTER_HEADERS,
        [
            [
                "李团干",
                "张小芳",
                "女",
                date(2001, 3, 4),
                "农村青年",
                "乔庄村",
                "13812345678",
                "wx1",
                date(2026, 3, 1),
                "走访",
            ],
            [
                "曾䶮",
                "张小芳",
                "女",
                "2001",
                "农村青年",
                "乔庄村",
                13812345678.0,
                "",
                "2026-04-02",
                "微信",
            ],
            [
                "李团干",
                "赵一",
                "男",
                "2003年5月",
                "学生",
                "乔庄中学",
                "",
                "",
                date(2026, 5, 1),
                "电话",
            ],
        ],
        title="2026年联系青年花名册",
    )
    with db.transaction() as s:
        summary = import_contacts(s, path, today=TODAY)
    assert (summary.added, summary.new_people, summary.shared) == (3, 2, 1)
    assert "名册记录 3 条" in summary.one_line()
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(YoungPerson)) == 2
        young = s.scalar(select(YoungPerson).where(YoungPerson.name == "张小芳"))
        assert young.birth_year == 2001 and young.phone == "13812345678"
        (shared,) = contacts.shared_people(s)
    assert set(shared.contactors) == {"李团干", "曾䶮"}


@pytest.mark.file_only  # looks at the file's bytes
def test_roster_import_problems_leave_file_and_database_unchanged(
    db: Database, tmp_path: Path
) -> None:
    path = sheet(
        tmp_path / "错误.xlsx",
        ROSTER_HEADERS,
        [
            [
                "李团干",
                "张小芳",
                "女",
                "2001",
                "农村青年",
                "乔庄村",
                "13812345678",
                "",
                "2026-03-01",
                "走访",
            ],
            ["无名氏", "赵一", "男", "", "火星青年", "", "12345", "", "2026-03-01", "飞鸽"],
            [
                "李团干",
                "张小芳",
                "女",
                "2001",
                "农村青年",
                "乔庄村",
                "13812345678",
                "",
                "2026-03-02",
                "走访",
            ],
            ["曾䶮", "钱二", "男", "", "学生", "", "", "", "", "走访"],
        ],
    )
    file_before, db_before = digest(path), digest(db.path)
    with pytest.raises(ImportProblems) as caught, db.transaction() as s:
        import_contacts(s, path, today=TODAY)
    found = {(p.row, p.column) for p in caught.value.problems}
    assert (3, "联系人") in found and (3, "类别") in found and (3, "手机号") in found
    assert (3, "联系途径") in found
    assert (4, "青年姓名") in found  # the same person twice for 李团干
    assert (5, "联系日期") in found  # a first contact date is needed
    text = str(caught.value)
    assert "未导入任何数据" in text and "第3行［联系人］「无名氏」" in text
    assert digest(path) == file_before and digest(db.path) == db_before
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(ContactBookEntry)) == 0


@pytest.mark.file_only  # looks at the file's bytes
def test_ballot_import_and_errors(db: Database, tmp_path: Path) -> None:
    good = sheet(
        tmp_path / "测评票.xlsx",
        ["被测评人", "测评结果"],
        [["李团干", "满意"]] * 8 + [["李团干", "基本满意"], ["李团干", "不满意"], ["曾䶮", "满意"]],
    )
    with db.transaction() as s:
        summary = import_ballots(s, good, round_name="2026年满意度测评", held_on=date(2026, 6, 30))
    assert (summary.ballots, summary.people, summary.new_round) == (11, 2, True)
    with db.session() as s:
        rid = contact_ballots.round_by_name(s, "2026年满意度测评").id
        tally = contact_ballots.round_tally(s, rid)
    by_name = {p.name: p.tally for p in tally.people}
    assert by_name["李团干"].rate_text() == "90.0%" and tally.overall.total == 11
    bad = sheet(
        tmp_path / "坏票.xlsx", ["姓名", "结果"], [["李团干", "很好"], ["查无此人", "满意"]]
    )
    file_before, db_before = digest(bad), digest(db.path)
    with pytest.raises(ImportProblems) as caught, db.transaction() as s:
        import_ballots(s, bad, round_name="2026年满意度测评")
    assert {(p.row, p.column) for p in caught.value.problems} == {(2, "结果"), (3, "姓名")}
    assert digest(bad) == file_before and digest(db.path) == db_before
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(SatisfactionBallot)) == 11


def _fill(db: Database, contactors: int = 0) -> None:
    with db.transaction() as s:
        (cadre,) = [c.id for c in contacts.contactors(s) if c.name == "李团干"]
        for i in range(3):
            contacts.add_to_book(
                s,
                cadre,
                {
                    "name": f"青年甲{i}",
                    "phone": f"1391234567{i}",
                    "wechat": f"wxsecret{i}",
                    "organisation": "保密村",
                    "field": "学生",
                    "first_contact_date": date(2026, 8, 1),
                },
                today=TODAY,
            )
        contacts.add_grassroots_day(s, cadre, date(2026, 8, 5), "乔庄村", today=TODAY)
        contacts.save_open_day(
            s, {"day": date(2026, 8, 8), "theme": "青春议事", "youth_count": 66}, today=TODAY
        )
        for i in range(contactors):
            pid = people.save_person(
                s, {"name": f'=HYPERLINK("x")代表{i:02d}', "is_delegate": True}
            ).id
            contacts.add_to_book(
                s,
                pid,
                {
                    "name": f"青年乙{i}",
                    "organisation": f"{i}村",
                    "first_contact_date": date(2026, 7, 2),
                },
                today=TODAY,
            )


def test_bulletin_pdf_pages_and_nothing_personal(db: Database, tmp_path: Path) -> None:
    _fill(db, contactors=45)
    out = tmp_path / "通报.pdf"
    with db.session() as s:
        data = bulletin(s, 2026, 3, today=TODAY)
        write_bulletin(s, out, 2026, 3, today=TODAY)
    assert len(data.rows) == 46  # 李团干 + 45 delegates with a book (曾䶮 has none: left out)
    reader = PdfReader(out)
    # 46 contactors → 2 table pages of at most 40, then the summary page
    assert len(reader.pages) == 3
    texts = [p.extract_text() for p in reader.pages]
    assert all(f"第{n}页 共3页" in t for n, t in enumerate(texts, 1))
    whole = "".join(texts)
    assert "2026年第3季度直接联系青年工作情况通报" in whole and "李团干" in whole
    assert "曾䶮" not in whole
    for secret in ("青年甲", "青年乙", "1391234567", "wxsecret", "保密村"):
        assert secret not in whole
    fonts = {
        str(font.get_object()["/BaseFont"])
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert any("LXGWWenKai" in f for f in fonts)  # the bundled font, embedded as a subset
    assert texts[0].count("达到进度") + texts[0].count("滞后") == 40
    assert "青春议事" in texts[-1] and "第3季度已达标" in texts[-1]


def test_bulletin_xlsx_is_text_and_nothing_personal(db: Database, tmp_path: Path) -> None:
    _fill(db, contactors=2)
    out = tmp_path / "通报.xlsx"
    with db.session() as s:
        write_bulletin(s, out, 2026, 3, today=TODAY)
    ws = openpyxl.load_workbook(out).active
    values = [c.value for row in ws.iter_rows() for c in row if c.value is not None]
    cells = [c for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert any(v == "李团干" for v in values)
    assert all(c.data_type == "s" for c in cells)  # =HYPERLINK names stay text
    joined = "".join(str(v) for v in values)
    for secret in ("青年甲", "青年乙", "1391234567", "wxsecret", "保密村"):
        assert secret not in joined


def test_bulletin_refuses_other_suffixes(db: Database, tmp_path: Path) -> None:
    from twdesk.output import OutputError

    with db.session() as s, pytest.raises(OutputError, match=r"\.pdf 或 \.xlsx"):
        write_bulletin(s, tmp_path / "x.docx", 2026, 1)


@pytest.mark.file_only  # looks at the file's bytes
def test_cli_contacts_json_import_and_bulletin(db: Database, tmp_path: Path) -> None:
    _fill(db)
    db.close()
    path = db.path
    bad = sheet(tmp_path / "坏.xlsx", ROSTER_HEADERS, [["谁", "", "", "", "", "", "", "", "", ""]])
    before = digest(path)
    result = run_twdesk("import", "contacts", str(bad), "--db", str(path))
    assert result.returncode == 1 and "没有导入任何数据" in result.stderr
    assert "第2行［联系人］" in result.stderr and digest(path) == before
    votes = sheet(tmp_path / "票.xlsx", ["被测评人", "测评结果"], [["李团干", "满意"]] * 3)
    result = run_twdesk("import", "ballots", str(votes), "--db", str(path), "--round", "上半年测评")
    assert result.returncode == 0, result.stderr
    assert "测评票 3 张" in result.stdout
    result = run_twdesk("contacts", "--db", str(path), "--year", "2026", "--format", "json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert rows and all(set(r) == JSON_KEYS for r in rows)
    (li,) = [r for r in rows if r["name"] == "李团干"]
    assert li["distinct"] == 3 and li["fields"] == {"学生": 3} and li["role"] == "团干部"
    assert li["satisfaction"] == 1.0 and li["target_met"] is False
    assert "/" in li["grassroots_weeks"]
    result = run_twdesk("contacts", "--db", str(path), "--year", "2026", "--contactor", "李团干")
    assert result.returncode == 0 and "李团干" in result.stdout and "曾䶮" not in result.stdout
    out = tmp_path / "通报.pdf"
    result = run_twdesk(
        "bulletin", "--db", str(path), "--year", "2026", "--quarter", "3", "--out", str(out)
    )
    assert result.returncode == 0, result.stderr
    assert out.read_bytes().startswith(b"%PDF")
    result = run_twdesk(
        "bulletin", "--db", str(path), "--year", "2026", "--quarter", "3", "--out", str(out)
    )
    assert result.returncode == 1 and "已经存在" in result.stderr
