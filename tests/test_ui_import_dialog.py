"""The roster import dialog on the import engine, driven by its real buttons: a web system's
HTML ".xls" previews and imports, a file that is not a table is explained, and 保存问题清单…
asks where (in the last folder used), writes the list and shows where it went."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox
from sqlalchemy import select

from tests.helpers import digest
from twdesk.core.idcard import make_id_number
from twdesk.db.dbfile import Database, open_database
from twdesk.db.demo_file import create_demo_database
from twdesk.db.models import Person
from twdesk.ui.dialogs.import_dialog import RosterImportDialog

ID_A = make_id_number("511825", date(1995, 3, 7), 1, "男")


@pytest.fixture
def demo_db(tmp_path: Path) -> Database:
    path = tmp_path / "demo.sqlite"
    create_demo_database(path, stations=2, delegates=6, years=1, seed=3, today=date(2026, 11, 24))
    db = open_database(path)
    yield db
    db.close()


@pytest.fixture
def app(qtbot) -> None:
    from twdesk.ui.app import make_application

    make_application()


def open_dialog(qtbot, db: Database, path: Path) -> RosterImportDialog:
    dialog = RosterImportDialog(db, path, ask=lambda *_: True)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=30000)
    return dialog


def click(qtbot, dialog: RosterImportDialog, button) -> None:
    assert button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=30000)


def test_html_xls_previews_and_imports_with_the_id_number_whole(
    qtbot, app: None, demo_db: Database, tmp_path: Path
) -> None:
    path = tmp_path / "系统导出.xls"
    path.write_bytes(
        (
            '<html><head><meta charset="gbk"></head><body><table>'
            "<tr><td>姓名</td><td>身份证号</td><td>所属联络站</td></tr>"
            f"<tr><td>王小明</td><td>{ID_A}</td><td>新建镇联络站</td></tr>"
            "</table></body></html>"
        ).encode("gbk")
    )
    dialog = open_dialog(qtbot, demo_db, path)
    assert dialog.preview.ok, dialog.preview.problems
    model = dialog.preview_model
    assert model.data(model.index(0, 1)) == ID_A  # shown as text, not 5.1e17
    click(qtbot, dialog, dialog.import_button)
    assert dialog.summary is not None and dialog.summary.added == 1
    with demo_db.session() as s:
        assert s.scalar(select(Person.name).where(Person.id_number == ID_A)) == "王小明"


def test_a_pdf_named_xlsx_is_explained_and_nothing_is_written(
    qtbot, app: None, demo_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        QMessageBox, "warning", lambda _p, title, text, *_a: shown.append((title, text))
    )
    path = tmp_path / "名册.xlsx"
    path.write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\n")
    before = digest(demo_db.path)
    dialog = open_dialog(qtbot, demo_db, path)
    [(title, text)] = shown
    assert title == "无法导入" and "PDF 文件" in text and "另存为 .xlsx" in text
    assert "PDF 文件" in dialog.status.text()
    assert not dialog.import_button.isEnabled()
    assert digest(demo_db.path) == before


def test_save_problem_list_button_asks_writes_and_shows_where(
    qtbot, app: None, demo_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["姓名", "身份证号", "性别"])
    ws.append(["", ID_A, "男"])
    ws.append(["张" * 51, "", "未知"])
    path = tmp_path / "名册.xlsx"
    wb.save(path)
    dialog = open_dialog(qtbot, demo_db, path)
    assert [(p.row, p.column) for p in dialog.preview.problems] == [
        (2, "姓名"),
        (3, "姓名"),
        (3, "性别"),
    ]
    out = tmp_path / "清单" / "名册-问题清单.xlsx"
    out.parent.mkdir()
    asked: list[str] = []

    def get_save(_parent, _title, suggested, _filter, **_kw):
        asked.append(suggested)
        return str(out), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", get_save)
    saved: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: saved.append(box.informativeText()))
    click(qtbot, dialog, dialog.save_problems_button)
    assert asked and asked[0].endswith("名册-问题清单.xlsx")
    assert saved == [str(out)]
    rows = list(openpyxl.load_workbook(out).active.iter_rows(min_row=2, values_only=True))
    assert [r[:2] for r in rows] == [("第2行", "姓名"), ("第3行", "姓名"), ("第3行", "性别")]
    assert "最多 50 个字" in rows[1][3]
    # the next list is offered in the folder used last time; replacing it is asked first
    questions: list[str] = []
    monkeypatch.setattr(
        QMessageBox,
        "question",
        lambda _p, _t, text, *_a: questions.append(text) or QMessageBox.StandardButton.No,
    )
    click(qtbot, dialog, dialog.save_problems_button)
    assert Path(asked[1]).parent == out.parent
    assert questions and "已经存在" in questions[0]
    assert len(saved) == 1  # declined: nothing written, nothing shown
