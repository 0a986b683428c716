"""The one import engine: spreadsheets that are not what their extension says (defect 11),
files that are not tables at all (defect 5), text longer than its field (defect 9), progress and
Cancel — through the engine, the services and the command line."""

from __future__ import annotations

import os
import zipfile
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from reportlab.pdfgen import canvas
from sqlalchemy import func, insert, select

from tests.helpers import digest, run_twdesk
from twdesk.core.idcard import make_id_number
from twdesk.db.dbfile import Database, create_database, open_database
from twdesk.db.models import Person, Visit
from twdesk.db.session import TextTooLong
from twdesk.excel.reader import SpreadsheetError, read_rows
from twdesk.importing.engine import Row, check_file
from twdesk.importing.problems import ImportCancelled, ImportProblems
from twdesk.services import people, stations, visits
from twdesk.services.people import PersonError
from twdesk.services.roster_import import SPEC as ROSTER_SPEC
from twdesk.services.roster_import import import_roster, preview_roster
from twdesk.services.visit_import import import_visits

# An ID whose last digit is X and one whose value is beyond a float's 15 significant digits.
ID_A = make_id_number("511825", date(1995, 3, 7), 1, "男")
ID_B = make_id_number("511825", date(1998, 11, 20), 2, "女")
LONG = "张" * 32767


@pytest.fixture
def db(tmp_path: Path) -> Database:
    create_database(tmp_path / "office.sqlite")
    database = open_database(tmp_path / "office.sqlite")
    yield database
    database.close()


def html_xls(path: Path, encoding: str = "gbk") -> Path:
    """What web systems save as 名册.xls: an HTML table, GBK with a meta charset, a merged
    title row, a rowspan, &nbsp; cells and ID numbers that must stay text."""
    html = f"""<html xmlns:x="urn:schemas-microsoft-com:office:excel">
<head><meta http-equiv="Content-Type" content="text/html; charset={encoding}">
<style>td {{ mso-number-format:"\\@"; }}</style></head><body>
<table border="1">
<tr><td colspan="5">青川县团代表名册（系统导出）</td></tr>
<tr><th>序号</th><th>姓名</th><th>身份证号</th><th>联系电话</th><th>所属联络站</th></tr>
<tr><td>1</td><td>张三</td><td>{ID_A}</td><td>13812345678</td>
    <td rowspan="2">乔庄镇团代表联络站</td></tr>
<tr><td>2</td><td>曾䶮</td><td>{ID_B}</td><td>&nbsp;</td></tr>
<tr><td>合计</td><td>2人</td><td></td><td></td><td></td></tr>
</table></body></html>"""
    path.write_bytes(html.encode("gb18030" if encoding == "gbk" else encoding))
    return path


def spreadsheet_xml(path: Path) -> Path:
    """An Excel 2003 XML Spreadsheet saved as .xls: a merged title, a skipped row (ss:Index),
    a skipped cell (ss:Index), the ID number stored as a Number of 18 digits."""
    xml = f"""<?xml version="1.0" encoding="UTF-8"?>
<?mso-application progid="Excel.Sheet"?>
<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"
 xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">
 <Worksheet ss:Name="名册"><Table>
  <Row><Cell ss:MergeAcross="3"><Data ss:Type="String">团代表名册</Data></Cell></Row>
  <Row ss:Index="3">
   <Cell><Data ss:Type="String">姓名</Data></Cell><Cell><Data ss:Type="String">身份证号</Data></Cell>
   <Cell><Data ss:Type="String">手机号码</Data></Cell><Cell><Data ss:Type="String">出生年月</Data></Cell>
  </Row>
  <Row><Cell><Data ss:Type="String">张三</Data></Cell>
   <Cell><Data ss:Type="Number">{ID_A}</Data></Cell>
   <Cell><Data ss:Type="Number">13812345678</Data></Cell>
   <Cell><Data ss:Type="DateTime">1995-03-07T00:00:00.000</Data></Cell></Row>
  <Row><Cell><Data ss:Type="String">曾䶮</Data></Cell>
   <Cell><Data ss:Type="String">{ID_B}</Data></Cell>
   <Cell ss:Index="4"><Data ss:Type="String">1998.11</Data></Cell></Row>
 </Table></Worksheet></Workbook>"""
    path.write_text(xml, encoding="utf-8")
    return path


def pdf(path: Path) -> Path:
    c = canvas.Canvas(str(path))
    c.drawString(72, 720, "roster")
    c.save()
    return path


def docx(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<document/>")
    return path


def people_by_name(db: Database) -> dict[str, Person]:
    with db.session() as s:
        return {p.name: p for p in s.scalars(select(Person))}


# --- defect 11: spreadsheets that are not what their extension says ---------------------------


def test_html_table_xls_imports_with_id_numbers_as_text(db: Database, tmp_path: Path) -> None:
    path = html_xls(tmp_path / "名册.xls")
    sheet = read_rows(path)
    assert sheet.rows[2][2] == ID_A and isinstance(sheet.rows[2][2], str)
    assert sheet.rows[3][4] == ""  # under the rowspan: empty, columns not shifted
    with db.transaction() as s:
        summary = import_roster(s, path)
    assert (summary.added, summary.new_stations) == (2, ["乔庄镇团代表联络站"])
    found = people_by_name(db)
    assert found["张三"].id_number == ID_A and found["张三"].phone == "13812345678"
    assert found["曾䶮"].id_number == ID_B and found["曾䶮"].phone == ""


def test_utf8_html_table_without_meta_charset(tmp_path: Path) -> None:
    path = tmp_path / "导出.xls"
    path.write_text(
        f"<table><tr><td>姓名</td><td>身份证号</td></tr><tr><td>王芳</td><td>{ID_B}</td></tr>"
        "</table>",
        encoding="utf-8",
    )
    assert read_rows(path).rows == [["姓名", "身份证号"], ["王芳", ID_B]]


def test_spreadsheet_xml_imports(db: Database, tmp_path: Path) -> None:
    path = spreadsheet_xml(tmp_path / "名册.xls")
    sheet = read_rows(path)
    assert sheet.rows[1] == [] and sheet.rows[2][:2] == ["姓名", "身份证号"]
    assert sheet.rows[3][1] == ID_A  # 18 digits stay whole, as text
    assert sheet.rows[4][3] == "1998.11"  # ss:Index skipped the phone cell
    with db.transaction() as s:
        preview = preview_roster(s, path)
    assert preview.ok and [r.row for r in preview.rows] == [4, 5]  # rows as Excel numbers them
    with db.transaction() as s:
        assert import_roster(s, path).added == 2
    found = people_by_name(db)
    assert found["张三"].id_number == ID_A and found["张三"].birth_date == date(1995, 3, 7)
    assert found["曾䶮"].birth_date == date(1998, 11, 20)


def test_cli_imports_html_and_xml_xls(tmp_path: Path) -> None:
    db_path = tmp_path / "cli.sqlite"
    create_database(db_path)
    result = run_twdesk("import", "roster", str(html_xls(tmp_path / "a.xls")), "--db", str(db_path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("导入完成：新增 2 人")
    other = tmp_path / "b.xls"
    spreadsheet_xml(other)
    result = run_twdesk(
        "import", "roster", str(other), "--db", str(db_path), "--on-duplicate", "skip"
    )
    assert result.returncode == 0, result.stderr
    assert "跳过 2 人" in result.stdout


UNREADABLE = [
    ("空.xlsx", lambda p: p.write_bytes(b""), "空文件（0 字节）"),
    ("乱码.xlsx", lambda p: p.write_bytes(os.urandom(5000)), "无法识别"),
    ("坏的.xlsx", lambda p: p.write_bytes(b"PK\x03\x04" + os.urandom(600)), "已损坏"),
    ("报告.xlsx", pdf, "PDF 文件"),
    ("名册.xlsx", docx, "Word 文档"),
]


@pytest.mark.parametrize(("name", "make", "what"), UNREADABLE)
def test_unreadable_file_is_named_through_the_engine(
    tmp_path: Path, name: str, make: object, what: str
) -> None:
    path = tmp_path / name
    make(path)  # type: ignore[operator]
    with pytest.raises(SpreadsheetError) as info:
        check_file(path, ROSTER_SPEC, lambda row: None)
    message = str(info.value)
    assert what in message and name in message and "另存为 .xlsx" in message


@pytest.mark.parametrize(("name", "make", "what"), UNREADABLE)
def test_unreadable_file_through_the_cli_changes_nothing(
    tmp_path: Path, name: str, make: object, what: str
) -> None:
    db_path = tmp_path / "office.sqlite"
    create_database(db_path)
    before = digest(db_path)
    path = tmp_path / name
    make(path)  # type: ignore[operator]
    result = run_twdesk("import", "roster", str(path), "--db", str(db_path))
    assert result.returncode == 1, result.stderr
    assert what in result.stderr and "另存为 .xlsx" in result.stderr
    assert "内部错误" not in result.stderr and "Traceback" not in result.stderr
    assert digest(db_path) == before


# --- defect 9: text longer than its field ------------------------------------------------------


def test_service_refuses_a_32767_character_name(db: Database) -> None:
    with pytest.raises(PersonError) as info, db.transaction() as s:
        people.save_person(s, {"name": LONG, "is_delegate": True})
    assert "姓名" in str(info.value) and "最多 50 个字" in str(info.value)
    assert set(info.value.problems) == {"name"}
    with pytest.raises(PersonError, match=r"工作单位.*最多 100 个字"), db.transaction() as s:
        people.save_person(s, {"name": "张三", "unit": "单" * 101, "is_delegate": True})
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Person)) == 0


def test_roster_import_names_row_and_column_of_a_long_name(db: Database, tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["姓名", "身份证号", "工作单位"])
    ws.append(["张三", ID_A, "县团委"])
    ws.append([LONG, ID_B, "县团委"])
    path = tmp_path / "长名字.xlsx"
    wb.save(path)
    before = digest(db.path)
    with pytest.raises(ImportProblems) as info, db.transaction() as s:
        import_roster(s, path)
    [problem] = info.value.problems
    assert (problem.row, problem.column) == (3, "姓名")
    assert "最多 50 个字" in problem.message and "32767" in problem.message
    assert len(problem.text()) < 300  # the cell is named, not printed whole
    assert digest(db.path) == before
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Person)) == 0


def test_visit_import_names_row_and_column_of_a_long_visitor(db: Database, tmp_path: Path) -> None:
    with db.transaction() as s:
        stations.save_station(s, {"name": "乔庄镇联络站", "kind": "乡镇街道联络站"})
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["来访登记簿"])
    ws.append(["日期", "联络站", "来访人", "来访事由", "意见建议"])
    ws.append(["2026-03-04", "乔庄镇联络站", "李四", "咨询", ""])
    ws.append(["2026-03-05", "乔庄镇联络站", LONG, "咨询", ""])
    ws.append(["2026-03-06", "乔庄镇联络站", "王五", "咨询", "意" * 2001])
    path = tmp_path / "来访.xlsx"
    wb.save(path)
    before = digest(db.path)
    with pytest.raises(ImportProblems) as info, db.transaction() as s:
        import_visits(s, path, today=date(2026, 11, 25))
    where = {(p.row, p.column): p.message for p in info.value.problems}
    assert "最多 50 个字" in where[(4, "来访人")]
    assert "最多 2000 个字" in where[(5, "意见建议")]
    assert digest(db.path) == before
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Visit)) == 0


def test_visit_service_refuses_long_texts(db: Database) -> None:
    with db.transaction() as s:
        sid = stations.save_station(s, {"name": "乔庄镇联络站", "kind": "乡镇街道联络站"}).id
    values = {"visit_date": date(2026, 3, 4), "station_id": sid, "category": "其他"}
    with pytest.raises(visits.VisitError, match=r"来访人.*最多 50 个字"), db.transaction() as s:
        visits.save_visit(s, {**values, "visitor_name": LONG, "content": "咨询"})
    with pytest.raises(visits.VisitError, match=r"来访事由.*最多 2000 个字"), db.transaction() as s:
        visits.save_visit(s, {**values, "visitor_name": "李四", "content": "事" * 2001})


def test_station_and_group_names_have_limits(db: Database) -> None:
    too_long = {"name": "站" * 101, "kind": "乡镇街道联络站"}
    with (
        pytest.raises(stations.StationError, match=r"联络站名称.*最多 100 个字"),
        db.transaction() as s,
    ):
        stations.save_station(s, too_long)
    with db.transaction() as s:
        sid = stations.save_station(s, {"name": "乔庄镇联络站", "kind": "乡镇街道联络站"}).id
    with pytest.raises(stations.StationError, match=r"专项小组名称.*最多"), db.transaction() as s:
        stations.save_group(s, sid, "组" * 101)


def test_session_refuses_overlong_text_on_every_path(db: Database) -> None:
    before = digest(db.path)
    with pytest.raises(TextTooLong, match=r"person.*name.*50"), db.transaction() as s:
        s.add(Person(name=LONG))
    with pytest.raises(TextTooLong, match=r"person.*name"), db.transaction() as s:
        s.execute(insert(Person), [{"id": "x", "name": LONG, "origin_office_id": "o"}])
    with db.transaction() as s:
        s.add(Person(id="p1", name="张三"))
    with pytest.raises(TextTooLong, match=r"phone.*30"), db.transaction() as s:
        s.get(Person, "p1").phone = "1" * 31
    with db.session() as s:
        assert [p.name for p in s.scalars(select(Person))] == ["张三"]
    assert digest(db.path) != before  # only 张三 was written


# --- the engine itself --------------------------------------------------------------------------


def test_engine_reports_progress_and_cancels(db: Database, tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["姓名", "身份证号"])
    for i in range(1200):
        ws.append([f"代表{i}", ""])
    path = tmp_path / "大.xlsx"
    wb.save(path)
    seen: list[tuple[int, int]] = []
    rows: list[int] = []

    def check(row: Row) -> int:
        if row.number == 7:
            row.problem("name", "测试问题", "测试提示")
        rows.append(row.number)
        return row.number

    preview = check_file(path, ROSTER_SPEC, check, progress=lambda d, t: seen.append((d, t)))
    assert seen == [(0, 1200), (500, 1200), (1000, 1200), (1200, 1200)]
    assert len(rows) == 1200 and 7 not in preview.rows and len(preview.rows) == 1199
    [problem] = preview.problems
    assert problem.text() == "第7行［姓名］「代表5」：测试问题 —— 测试提示"
    calls = iter([False, True])
    with pytest.raises(ImportCancelled):
        check_file(path, ROSTER_SPEC, check, cancel=lambda: next(calls))
    with pytest.raises(ImportCancelled), db.transaction() as s:
        import_roster(s, path, cancel=lambda: True)
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Person)) == 0


def test_missing_header_is_one_problem_for_the_whole_file(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("甲,乙\n1,2\n", encoding="utf-8")
    with pytest.raises(ImportProblems) as info, db.transaction() as s:
        import_visits(s, path)
    [problem] = info.value.problems
    assert problem.row == 0 and "找不到表头行" in problem.message and "来访登记表" in problem.hint


def test_the_engine_knows_neither_the_database_nor_the_services_nor_qt() -> None:
    """twdesk.importing takes plain sheets and the entity's own check: it imports only core,
    excel and itself, so the same engine serves every entity without reaching past them."""
    import ast

    import twdesk.importing

    folder = Path(twdesk.importing.__file__).parent
    for source in folder.glob("*.py"):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                if name.startswith(("twdesk", "PySide6", "sqlalchemy")):
                    assert name.startswith(("twdesk.core", "twdesk.excel", "twdesk.importing")), (
                        f"{source.name} imports {name}"
                    )
