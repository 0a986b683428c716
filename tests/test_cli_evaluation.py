"""`twdesk evaluate …`, `twdesk import evaluation` and `twdesk export evaluation` on a real file,
run through the command line's own entry point."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from tests.helpers import digest
from twdesk.cli.main import main

YEAR = 2026
JSON_KEYS = {
    "name",
    "station",
    "indicators",
    "bonus",
    "veto",
    "total",
    "grade",
    "quota_tie",
    "consequence",
    "stage",
    "locked",
}
INDICATOR_KEYS = {"seq", "name", "points", "suggested", "self", "station", "review", "final"}
FIVE = ("甲一", "乙二", "丙三", "丁四", "戊五")


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """乔庄镇联络站 with five delegates (one 优秀 slot), 城关联络站 with 曾䶮."""
    from twdesk.db.dbfile import create_database, open_database
    from twdesk.services import people, stations

    path = tmp_path / "office.sqlite"
    create_database(path)
    db = open_database(path)
    joined = date(YEAR - 1, 1, 1)
    with db.transaction() as s:
        a = stations.save_station(s, {"name": "乔庄镇联络站", "kind": "乡镇街道联络站"}).id
        b = stations.save_station(s, {"name": "城关联络站", "kind": "乡镇街道联络站"}).id
        for name in FIVE:
            people.save_person(
                s, {"name": name, "is_delegate": True}, station_id=a, joined_on=joined
            )
        people.save_person(s, {"name": "曾䶮", "is_delegate": True}, station_id=b, joined_on=joined)
    db.close()
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def listing(capsys, db: Path, *more: str) -> list[dict]:
    code, out, err = run(capsys, "evaluate", "--db", db, "--year", YEAR, "--format", "json", *more)
    assert code == 0, err
    return json.loads(out)


def opened_year(capsys, db: Path) -> None:
    code, out, err = run(capsys, "evaluate", "open", "--db", db, "--year", YEAR)
    assert code == 0, err
    assert "2026 年度考核：新建 6 人" in out


def full_marks(path: Path, *names: str) -> Path:
    """A 组织评价 sheet giving ``names`` every indicator's full points."""
    wb = openpyxl.Workbook()
    ws = wb.active
    points = (10, 10, 15, 15, 5, 10, 10, 10, 5, 10)
    ws.append(["姓名", "联络站", *(str(n) for n in range(1, 11)), "备注"])
    for name in names:
        ws.append([name, "乔庄镇联络站", *points, "纸质评分表"])
    wb.save(path)
    return path


def test_open_then_list_as_json_and_table(capsys, db_path: Path) -> None:
    opened_year(capsys, db_path)
    rows = listing(capsys, db_path)
    assert len(rows) == 6
    for row in rows:
        assert set(row) == JSON_KEYS
        assert [i["seq"] for i in row["indicators"]] == list(range(1, 11))
        assert all(set(i) == INDICATOR_KEYS for i in row["indicators"])
        assert row["locked"] is False and row["quota_tie"] is False
    only = listing(capsys, db_path, "--station", "城关联络站")
    assert [r["name"] for r in only] == ["曾䶮"] and only[0]["station"] == "城关联络站"
    code, out, err = run(
        capsys, "evaluate", "--db", db_path, "--year", YEAR, "--station", "乔庄镇联络站"
    )
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == "2026年团代表履职考核（乔庄镇联络站）"
    header = lines[1].split()
    assert header[:3] == ["名次", "姓名", "联络站"]
    assert header[3:13] == [str(n) for n in range(1, 11)]
    assert header[13:] == ["加分", "总分", "等次", "后续处理", "阶段"]
    assert {line.split()[1] for line in lines[2:7]} == set(FIVE)
    # reopening recomputes, creates nothing
    code, out, _ = run(capsys, "evaluate", "open", "--db", db_path, "--year", YEAR)
    assert code == 0 and "新建 0 人，重新计算建议分 6 人" in out


def test_import_a_tie_then_decide_it(capsys, db_path: Path, tmp_path: Path) -> None:
    opened_year(capsys, db_path)
    sheet = full_marks(tmp_path / "评分.xlsx", "甲一", "乙二")
    code, out, err = run(
        capsys,
        "import",
        "evaluation",
        sheet,
        "--db",
        db_path,
        "--year",
        YEAR,
        "--stage",
        "组织评价",
    )
    assert code == 0, err
    assert "2026年组织评价 2 位代表" in out
    rows = {r["name"]: r for r in listing(capsys, db_path, "--station", "乔庄镇联络站")}
    assert rows["甲一"]["total"] == 100 and rows["乙二"]["total"] == 100
    assert rows["甲一"]["quota_tie"] and rows["乙二"]["quota_tie"]  # five delegates, one slot
    assert rows["甲一"]["stage"] == "组织评价"
    assert rows["甲一"]["indicators"][2]["station"] == 15
    code, out, err = run(
        capsys,
        "evaluate",
        "decide",
        "--db",
        db_path,
        "--year",
        YEAR,
        "--delegate",
        "甲一",
        "--grade",
        "优秀",
        "--reason",
        "坐班全勤，群众满意度更高",
    )
    assert code == 0, err
    assert "甲一 2026 年等次为优秀" in out
    rows = {r["name"]: r for r in listing(capsys, db_path, "--station", "乔庄镇联络站")}
    assert rows["甲一"]["grade"] == "优秀" and rows["甲一"]["quota_tie"] is False


def test_decide_needs_its_options_and_a_known_delegate(capsys, db_path: Path) -> None:
    opened_year(capsys, db_path)
    code, _out, err = run(
        capsys, "evaluate", "decide", "--db", db_path, "--year", YEAR, "--delegate", "甲一"
    )
    assert code == 2 and "--grade" in err and "--reason" in err
    code, _out, err = run(
        capsys,
        "evaluate",
        "decide",
        "--db",
        db_path,
        "--year",
        YEAR,
        "--delegate",
        "无此人",
        "--grade",
        "称职",
        "--reason",
        "x",
    )
    assert code == 1 and err.startswith("错误：") and "Traceback" not in err
    with pytest.raises(SystemExit) as exited:
        main(["evaluate", "decide", "--db", str(db_path), "--year", "2026", "--grade", "良好"])
    assert exited.value.code == 2
    assert "参数 --grade 的取值" in capsys.readouterr().err


def test_lock_refuses_imports_and_unlock_needs_a_reason(
    capsys, db_path: Path, tmp_path: Path
) -> None:
    opened_year(capsys, db_path)
    code, _out, err = run(capsys, "evaluate", "lock", "--db", db_path, "--year", YEAR)
    assert code == 2 and "--station" in err
    code, _out, err = run(
        capsys, "evaluate", "lock", "--db", db_path, "--year", YEAR, "--station", "城关联络站"
    )
    assert code == 1 and "还没有完成任何阶段的评分" in err
    code, _out, err = run(
        capsys,
        "evaluate",
        "lock",
        "--db",
        db_path,
        "--year",
        YEAR,
        "--station",
        "城关联络站",
        "--reason",
        "年终",
    )
    assert code == 2 and "锁定不需要理由" in err
    wb = openpyxl.Workbook()
    wb.active.append(["姓名", "联络站", "1"])
    wb.active.append(["曾䶮", "城关联络站", ""])  # blank: the suggestion accepted
    wb.save(tmp_path / "accept.xlsx")
    code, out, err = run(
        capsys,
        "import",
        "evaluation",
        tmp_path / "accept.xlsx",
        "--db",
        db_path,
        "--year",
        YEAR,
        "--stage",
        "组织评价",
    )
    assert code == 0 and "组织评价 1 位代表" in out, err
    code, out, err = run(
        capsys, "evaluate", "lock", "--db", db_path, "--year", YEAR, "--station", "城关联络站"
    )
    assert code == 0, err
    assert "已锁定 城关联络站 2026 年考核" in out
    assert listing(capsys, db_path, "--station", "城关联络站")[0]["locked"] is True
    assert listing(capsys, db_path, "--station", "乔庄镇联络站")[0]["locked"] is False
    wb = openpyxl.Workbook()
    wb.active.append(["姓名", "联络站", "1"])
    wb.active.append(["曾䶮", "城关联络站", 2])
    wb.save(tmp_path / "locked.xlsx")
    before = digest(db_path)
    code, _out, err = run(
        capsys,
        "import",
        "evaluation",
        tmp_path / "locked.xlsx",
        "--db",
        db_path,
        "--year",
        YEAR,
        "--stage",
        "复核",
    )
    assert code == 1 and "第2行［姓名］「曾䶮」" in err and "已锁定" in err
    assert digest(db_path) == before
    code, _out, err = run(
        capsys, "evaluate", "unlock", "--db", db_path, "--year", YEAR, "--station", "城关联络站"
    )
    assert code == 2 and "--reason" in err
    assert digest(db_path) == before
    code, out, err = run(
        capsys,
        "evaluate",
        "unlock",
        "--db",
        db_path,
        "--year",
        YEAR,
        "--station",
        "城关联络站",
        "--reason",
        "复核发现坐班记录漏录",
    )
    assert code == 0, err
    assert "已解锁" in out and "复核发现坐班记录漏录" in out
    assert listing(capsys, db_path, "--station", "城关联络站")[0]["locked"] is False


def test_unknown_station_is_a_chinese_error(capsys, db_path: Path) -> None:
    opened_year(capsys, db_path)
    code, _out, err = run(
        capsys, "evaluate", "--db", db_path, "--year", YEAR, "--station", "火星联络站"
    )
    assert code == 1 and err.startswith("错误：") and "火星联络站" in err


def test_import_problems_are_listed_by_row_and_column(
    capsys, db_path: Path, tmp_path: Path
) -> None:
    opened_year(capsys, db_path)
    wb = openpyxl.Workbook()
    wb.active.append(["姓名", "联络站", "3.驻站坐班"])
    wb.active.append(["甲一", "乔庄镇联络站", 20])
    wb.save(tmp_path / "bad.xlsx")
    before = digest(db_path)
    code, _out, err = run(
        capsys,
        "import",
        "evaluation",
        tmp_path / "bad.xlsx",
        "--db",
        db_path,
        "--year",
        YEAR,
        "--stage",
        "自评",
    )
    assert code == 1
    assert "考核评分表「bad.xlsx」有 1 处问题" in err
    assert "第2行［3.驻站坐班］「20」：超过这一项的满分 15 分" in err
    assert digest(db_path) == before
    code, _out, err = run(
        capsys,
        "import",
        "evaluation",
        tmp_path / "none.xlsx",
        "--db",
        db_path,
        "--year",
        YEAR,
        "--stage",
        "自评",
    )
    assert code == 1 and "找不到考核评分表文件" in err


def test_export_the_form_and_the_results(capsys, db_path: Path, tmp_path: Path) -> None:
    opened_year(capsys, db_path)
    form = tmp_path / "评分表.xlsx"
    code, out, err = run(
        capsys,
        "export",
        "evaluation",
        "--db",
        db_path,
        "--year",
        YEAR,
        "--station",
        "乔庄镇联络站",
        "--out",
        form,
        "--form",
    )
    assert code == 0, err
    assert "空白评分表（5 位代表）" in out
    ws = openpyxl.load_workbook(form)["评分表"]
    names = [r["name"] for r in listing(capsys, db_path, "--station", "乔庄镇联络站")]
    assert [ws.cell(r, 1).value for r in range(3, 8)] == names
    code, _out, err = run(
        capsys, "export", "evaluation", "--db", db_path, "--year", YEAR, "--out", form, "--form"
    )
    assert code == 1 and "已经存在" in err
    # the filled form reads back in
    ws.parent["评分表"].cell(3, 3, 2)
    ws.parent.save(form)
    code, out, err = run(
        capsys, "import", "evaluation", form, "--db", db_path, "--year", YEAR, "--stage", "自评"
    )
    assert code == 0, err
    assert "2026年自评 5 位代表" in out
    pytest.importorskip("twdesk.services.evaluation_outputs")
    results = tmp_path / "结果.xlsx"
    code, out, err = run(
        capsys, "export", "evaluation", "--db", db_path, "--year", YEAR, "--out", results
    )
    assert code == 0, err
    assert results.exists() and "考核结果" in out
