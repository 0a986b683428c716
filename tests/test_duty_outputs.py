"""Duty poster, reminder list, Excel export and the command line, on real files."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader
from PySide6.QtGui import QColor, QImage

from tests.helpers import digest, run_twdesk
from twdesk.core.duty_rules import parse_rule
from twdesk.core.idcard import make_id_number
from twdesk.db.dbfile import Database, create_database, open_database
from twdesk.excel.duty_export import export_duty
from twdesk.reports.duty_poster import draw_poster
from twdesk.reports.duty_reminders import draw_reminders
from twdesk.reports.fonts import uncovered
from twdesk.services import duty, people, stations
from twdesk.services.duty import RuleSettings
from twdesk.services.duty_outputs import export_rows, poster_data, reminder_rows

NAMES = ["曾䶮", "王㛃", "单雪", "李晓梅"]


def jpeg(color: str) -> bytes:
    from twdesk.ui.photo import crop_photo, jpeg_bytes

    image = QImage(300, 400, QImage.Format.Format_RGB32)
    image.fill(QColor(color))
    return jpeg_bytes(crop_photo(image))


@pytest.fixture
def planned(tmp_path: Path) -> Path:
    path = tmp_path / "office.sqlite"
    create_database(path)
    db = open_database(path)
    with db.transaction() as s:
        sid = stations.save_station(
            s,
            {
                "name": "乔庄镇联络站",
                "kind": "乡镇街道联络站",
                "address": "乔庄镇党群服务中心二楼",
                "contact_phone": "0839-7202201",
            },
        ).id
        for i, name in enumerate(NAMES):
            pid = people.save_person(
                s,
                {
                    "name": name,
                    "is_delegate": True,
                    "id_number": make_id_number("511825", date(1995, 1, 1 + i), i, "女"),
                    "phone": f"1381234567{i}",
                    "wechat": f"wx_{i}",
                },
                station_id=sid,
            ).id
            if i < 2:
                people.set_photo(s, pid, jpeg(("#3366cc", "#cc6633")[i]))
        duty.generate_plan(
            s, sid, 2026, RuleSettings(parse_rule("weekly:wed")), today=date(2026, 3, 1)
        )
    db.close()
    return path


def open_db(path: Path) -> Database:
    return open_database(path)


def test_font_covers_rare_name_characters() -> None:
    assert uncovered("".join(NAMES) + "曾䶮王㛃坐班安排（）：，。") == set()


@pytest.mark.parametrize("size", ["A4", "A3"])
def test_poster_has_every_day_name_phone_and_no_id_numbers(
    planned: Path, tmp_path: Path, size: str
) -> None:
    db = open_db(planned)
    with db.session() as s:
        station = stations.station_tree(s)[0]
        data = poster_data(s, station.id, 2026)
        ids = [
            p
            for p in s.execute(
                __import__("sqlalchemy").text("select id_number from person")
            ).scalars()
        ]
    db.close()
    out = tmp_path / f"poster-{size}.pdf"
    pages = draw_poster(data, out, size=size, printed_on=date(2026, 11, 25))
    reader = PdfReader(out)
    assert len(reader.pages) == pages
    width = float(reader.pages[0].mediabox.width)
    assert width == pytest.approx(841.9 if size == "A4" else 1190.55, abs=1)  # landscape
    text = "".join(page.extract_text() for page in reader.pages)
    assert "乔庄镇联络站" in text and "2026年团代表驻站坐班安排" in text
    assert "乔庄镇党群服务中心二楼" in text and "每周三" in text
    for name in NAMES:
        assert name in text
    assert "13812345670" in text and "wx_1" in text
    assert "2月24日" in text  # the Spring Festival Wednesday moved to Tuesday 24 February
    assert sum(text.count(f"{d.month}月{d.day}日 ") for d in {s.day for s in data.seats}) >= 52
    for number in ids:
        assert number not in text and number[-6:] not in text
    fonts = {
        str(f.get_object()["/BaseFont"])
        for page in reader.pages
        for f in page["/Resources"]["/Font"].values()
    }
    assert any("LXGWWenKai" in f for f in fonts)  # the bundled font, embedded
    # photos are embedded (reportlab stores each distinct photo once per document)
    assert sum(len(page.images) for page in reader.pages) >= 1


def test_excel_export_and_reminder_list(planned: Path, tmp_path: Path) -> None:
    db = open_db(planned)
    with db.session() as s:
        rows = export_rows(s, 2026, today=date(2026, 3, 1))
        reminders = reminder_rows(s, date(2026, 2, 16), 14)
    db.close()
    assert export_duty(rows, tmp_path / "duty.xlsx") == 52
    ws = openpyxl.load_workbook(tmp_path / "duty.xlsx").active
    header = [c.value for c in ws[1]]
    assert header[:6] == ["日期", "星期", "时间", "联络站", "坐班代表", "联系电话"]
    assert "状态" in header
    first = [c.value for c in ws[2]]
    assert first[0] == "2026-01-07" and first[1] == "周三" and first[3] == "乔庄镇联络站"
    assert first[7] == "未登记"  # past with nothing recorded
    last = [c.value for c in ws[53]]
    assert last[0] == "2026-12-30" and last[7] == "待坐班"
    moved = next(r for r in ws.iter_rows(min_row=2, values_only=True) if r[0] == "2026-02-24")
    assert "2026-02-18" in moved[9]
    assert [r[0] for r in reminders] == ["02-24", "02-25"]
    out = tmp_path / "reminders.pdf"
    draw_reminders(reminders, out, start=date(2026, 2, 16), end=date(2026, 3, 1))
    text = PdfReader(out).pages[0].extract_text()
    assert "团代表驻站坐班提醒名单" in text and reminders[0][4] in text and reminders[0][5] in text


def test_cli_plan_poster_export_and_missing_holidays(planned: Path, tmp_path: Path) -> None:
    r = run_twdesk(
        "duty",
        "plan",
        "--db",
        str(planned),
        "--station",
        "乔庄镇联络站",
        "--year",
        "2026",
        "--rule",
        "monthly:last-fri",
        "--per-day",
        "2",
        "--from",
        "2026-01-01",
    )
    assert r.returncode == 0, r.stderr
    assert "2026-01-30 周五" in r.stdout and "每月最后一个星期五" in r.stdout
    before = digest(planned)
    r = run_twdesk(
        "duty",
        "plan",
        "--db",
        str(planned),
        "--station",
        "乔庄镇联络站",
        "--year",
        "2099",
        "--rule",
        "weekly:wed",
    )
    assert r.returncode == 3 and "2099年的法定节假日" in r.stderr and "录入" in r.stderr
    assert digest(planned) == before  # refused: nothing written
    r = run_twdesk(
        "duty",
        "plan",
        "--db",
        str(planned),
        "--station",
        "乔庄镇联络站",
        "--year",
        "2026",
        "--rule",
        "weekly:wednesday",
    )
    assert r.returncode == 2 and "weekly:wed" in r.stderr
    r = run_twdesk(
        "duty",
        "poster",
        "--db",
        str(planned),
        "--station",
        "乔庄镇联络站",
        "--year",
        "2026",
        "--size",
        "A3",
        "--out",
        str(tmp_path / "p.pdf"),
    )
    assert r.returncode == 0, r.stderr
    assert "李晓梅" in "".join(p.extract_text() for p in PdfReader(tmp_path / "p.pdf").pages)
    r = run_twdesk(
        "export",
        "duty",
        "--db",
        str(planned),
        "--year",
        "2026",
        "--station",
        "乔庄镇联络站",
        "--out",
        str(tmp_path / "d.xlsx"),
    )
    assert r.returncode == 0, r.stderr
    rows = list(openpyxl.load_workbook(tmp_path / "d.xlsx").active.iter_rows(values_only=True))
    assert len(rows) == 1 + 24  # 12 last Fridays × 2 delegates
    r = run_twdesk(
        "holidays",
        "add",
        "--db",
        str(planned),
        "--date",
        "2099-01-01",
        "--kind",
        "休",
        "--name",
        "元旦",
    )
    assert r.returncode == 0, r.stderr
    r = run_twdesk("holidays", "confirm", "--db", str(planned), "--year", "2099")
    assert r.returncode == 0, r.stderr
    r = run_twdesk(
        "duty",
        "plan",
        "--db",
        str(planned),
        "--station",
        "乔庄镇联络站",
        "--year",
        "2099",
        "--rule",
        "monthly:15",
        "--on-holiday",
        "skip",
    )
    assert r.returncode == 0, r.stderr
    workdays = sum(1 for m in range(1, 13) if date(2099, m, 15).weekday() < 5)
    assert r.stdout.count("2099-") == workdays  # skip: a 15th on a weekend is dropped
