"""--mask hides ID and phone numbers wherever they were typed, in every format people use."""

from __future__ import annotations

import logging
import re
from datetime import date
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook
from sqlalchemy import select

from tests.helpers import run_twdesk
from twdesk.core.idcard import make_id_number
from twdesk.core.masking import mask_text
from twdesk.crashlog import MaskingFormatter
from twdesk.db.dbfile import create_database, open_database
from twdesk.db.models import OpinionItem
from twdesk.services import people, stations, visits
from twdesk.services.visits import ItemInput

ID = make_id_number("511825", date(1995, 3, 7), 1, "男")  # 18 digits
FULL = str.maketrans({str(i): chr(0xFF10 + i) for i in range(10)})
SPACED_ID = f"{ID[:6]} {ID[6:14]} {ID[14:]}"


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        (f"身份证{ID}号", f"身份证{ID[:6]}********{ID[-4:]}号"),
        (SPACED_ID, f"{ID[:6]}********{ID[-4:]}"),
        (ID.translate(FULL), f"{ID[:6]}********{ID[-4:]}"),
        ("旧证511825950307201", "旧证511825*****7201"),
        ("51182519950307201x", "511825********201X"),
        ("电话13812345678。", "电话138****5678。"),
        ("+86 138 1234 5678", "+86 138****5678"),
        ("+8613812345678", "+86138****5678"),
        ("86 13812345678", "86 138****5678"),
        ("0086-138-1234-5678", "0086-138****5678"),
        ("138-1234-5678", "138****5678"),
        ("138 1234 5678", "138****5678"),
        ("１３８１２３４５６７８", "138****5678"),
        ("座机0839-7202201", "座机0839-*****01"),
        ("（0839）7202201", "0839-*****01"),
        ("010 1234 5678", "010-******78"),
    ],
)
def test_mask_text_finds_every_format(text: str, masked: str) -> None:
    assert mask_text(text) == masked


@pytest.mark.parametrize(
    "text", ["2026-05-06 接待", "金额 1000 元", "编号 2026-00012", "第 3 组 12 人", ""]
)
def test_mask_text_leaves_other_numbers(text: str) -> None:
    assert mask_text(text) == text


def test_the_log_uses_the_same_masker() -> None:
    record = logging.LogRecord(
        "x", logging.INFO, __file__, 1, f"来电 +86 138-1234-5678，证件 {SPACED_ID}", None, None
    )
    line = MaskingFormatter("%(message)s").format(record)
    assert line == f"来电 +86 138****5678，证件 {ID[:6]}********{ID[-4:]}"


def digits_runs(rows: list[list[object]]) -> set[str]:
    """Every run of 10+ digits (full-width folded, separators dropped): IDs, mobiles, landlines."""
    text = " | ".join(str(c) for row in rows for c in row).translate(
        {0xFF10 + i: str(i) for i in range(10)}
    )
    text = re.sub(r"(?<=\d)[ \-](?=\d)", "", text)
    return set(re.findall(r"\d{10,}", text))


@pytest.fixture
def office(tmp_path: Path) -> Path:
    path = tmp_path / "office.sqlite"
    create_database(path)
    db = open_database(path)
    with db.transaction() as s:
        sid = stations.save_station(s, {"name": "乔庄镇联络站", "kind": "乡镇街道联络站"}).id
        people.save_person(
            s,
            {
                "name": "李晓梅",
                "is_delegate": True,
                "id_number": ID,
                "phone": "13812345678",
                "unit": "县医院（办公室电话 0839-7202201）",
                "notes": f"备用手机 +86 139 8765 4321；身份证 {SPACED_ID}",
                "wechat": "13987654321",
            },
            station_id=sid,
        )
        visits.save_visit(
            s,
            {
                "visit_date": date(2026, 5, 6),
                "station_id": sid,
                "visitor_name": "王小明",
                "phone": "13612345678",
                "unit_or_village": "新街村，村委电话（0839）7202202",
                "category": "就业创业",
                "content": f"来访人身份证 {ID.translate(FULL)}，回电 136-1234-5678",
            },
            [ItemInput("希望联系 8613612345678 反馈")],
        )
        item = s.scalar(select(OpinionItem.id))
        visits.assign(s, item, "县人社局", on=date(2026, 5, 7))
        visits.handle(s, item, "已电话 136 1234 5678 告知", on=date(2026, 5, 9))
    db.close()
    return path


def test_masked_roster_export_masks_free_text_too(office: Path, tmp_path: Path) -> None:
    out = tmp_path / "roster.xlsx"
    r = run_twdesk("export", "roster", "--db", str(office), "--mask", "--out", str(out))
    assert r.returncode == 0, r.stderr
    rows = CalamineWorkbook.from_path(str(out)).get_sheet_by_index(0).to_python()
    header, person = rows[1], dict(zip(rows[1], rows[2], strict=True))
    assert "身份证号" in header
    assert digits_runs(rows) == set(), digits_runs(rows)
    assert person["身份证号"] == f"{ID[:6]}********{ID[-4:]}"
    assert person["手机号码"] == "138****5678"
    assert person["工作单位"] == "县医院（办公室电话 0839-*****01）"
    assert person["备注"] == f"备用手机 +86 139****4321；身份证 {ID[:6]}********{ID[-4:]}"
    assert person["微信号"] == "139****4321"
    assert person["姓名"] == "李晓梅"  # a delegate's name is public (posters)
    full = tmp_path / "full.xlsx"
    assert run_twdesk("export", "roster", "--db", str(office), "--out", str(full)).returncode == 0
    assert {ID, "13812345678", "13987654321"} <= digits_runs(
        CalamineWorkbook.from_path(str(full)).get_sheet_by_index(0).to_python()
    )


def test_masked_visit_export_masks_free_text_too(office: Path, tmp_path: Path) -> None:
    out = tmp_path / "visits.xlsx"
    r = run_twdesk("export", "visits", "--db", str(office), "--mask", "--out", str(out))
    assert r.returncode == 0, r.stderr
    rows = CalamineWorkbook.from_path(str(out)).get_sheet_by_index(0).to_python()
    assert digits_runs(rows) == set(), digits_runs(rows)
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["来访人"] == "王某" and row["联系电话"] == "136****5678"
    assert row["单位或村"] == "新街村,村委电话0839-*****02"  # saved half-width
    assert row["来访事由"] == f"来访人身份证 {ID[:6]}********{ID[-4:]}，回电 136****5678"
    assert row["意见建议"] == "希望联系 86136****5678 反馈"
    assert row["办理结果"] == "已电话 136****5678 告知"
