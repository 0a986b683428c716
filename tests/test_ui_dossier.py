"""生成档案… from the GUI, clicked as a user does: the people table (selected delegates), a
station in the tree, the 履职考核 tab (the whole station); the folder dialog patched; the batch
runs behind the progress bar; 打开文件夹; 打印… paints the pages into Qt's print preview."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog, QPrintPreviewWidget
from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton, QWidget

from tests import dossier_fakes
from tests.test_dossier_batch import YEAR, fake_dossier, make_file
from twdesk.db.dbfile import open_database
from twdesk.ui.dialogs.dossier_dialog import DossierDialog

__all__ = ["fake_dossier"]  # the autouse fixture, shared with the batch tests


@pytest.fixture
def office(tmp_path: Path):
    path = tmp_path / "office.sqlite"
    made = make_file(path)
    db = open_database(path)  # the GUI holds the file (locked); the workers read it anyway
    yield db, made
    db.close()


@pytest.fixture
def answers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, list]:
    """The folder dialog answers tmp/out; message boxes and opened URLs are recorded."""
    from twdesk.ui.app import make_application

    make_application()
    out = tmp_path / "out"
    out.mkdir()
    seen: dict[str, list] = {"boxes": [], "urls": [], "previews": []}
    monkeypatch.setattr(
        QFileDialog, "getExistingDirectory", staticmethod(lambda *_a, **_k: str(out))
    )

    def box_exec(box: QMessageBox) -> int:
        seen["boxes"].append(box.text())
        for button in box.buttons():
            if button.text() == "打开文件夹":
                button.click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", box_exec)
    monkeypatch.setattr(
        QDesktopServices, "openUrl", staticmethod(lambda url: seen["urls"].append(url) or True)
    )

    def preview_exec(dialog: QPrintPreviewDialog) -> int:
        widget = dialog.findChild(QPrintPreviewWidget)
        widget.updatePreview()  # paints every page, as showing the preview does
        seen["previews"].append((dialog.windowTitle(), widget.pageCount()))
        return 0

    monkeypatch.setattr(QPrintPreviewDialog, "exec", preview_exec)
    return seen


def button(root: QWidget, text: str) -> QPushButton:
    (found,) = [b for b in root.findChildren(QPushButton) if b.text() == text]
    return found


def click(qtbot, root: QWidget, text: str) -> None:
    qtbot.mouseClick(button(root, text), Qt.MouseButton.LeftButton)


def the_dialog(root: QWidget) -> DossierDialog:
    (dialog,) = [d for d in root.findChildren(DossierDialog) if d.isVisible()]
    return dialog


def finish(qtbot, dialog: DossierDialog) -> None:
    qtbot.waitUntil(lambda: dialog.result_ is not None, timeout=60000)
    from twdesk.ui import actions

    qtbot.waitUntil(lambda: not actions._RUNNING, timeout=10000)


def test_people_table_selected_delegates(qtbot, office, answers, tmp_path: Path) -> None:
    from twdesk.ui.tabs.people_tab import PeopleTab

    db, made = office
    tab = PeopleTab(db)
    qtbot.addWidget(tab)
    tab.resize(1200, 700)
    tab.show()
    selection = tab.table.selectionModel()
    for pid in (made["东站"][0][0], made["西站"][0][0]):  # 甲一, 曾䶮
        selection.select(
            tab.model.index(tab.model.row_of(pid), 0),
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )
    click(qtbot, tab, "生成档案…")
    dialog = the_dialog(tab)
    assert dialog.what == "选中的 2 位代表"
    click(qtbot, dialog, "选择…")
    assert dialog.folder.text() == str(tmp_path / "out")
    dialog.year.setValue(YEAR)
    dialog.merged.setChecked(True)
    click(qtbot, dialog, "生成")
    finish(qtbot, dialog)
    result = dialog.result_
    assert result is not None and not result.failures
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert len(names) == 3 and any("甲一" in n for n in names) and any("曾䶮" in n for n in names)
    merged = result.merged
    assert merged is not None and len(PdfReader(merged).outline) == 2
    assert answers["boxes"] == [result.one_line()]
    assert [u.toLocalFile() for u in answers["urls"]] == [str(tmp_path / "out")]


def test_station_in_the_tree_prints_through_the_preview(
    qtbot, office, answers, tmp_path: Path
) -> None:
    from twdesk.ui.tabs.people_tab import PeopleTab

    db, _made = office
    tab = PeopleTab(db)
    qtbot.addWidget(tab)
    tab.show()
    assert not button(tab, "生成本站档案…").isEnabled()  # 全部人员
    assert tab.select_station("西站")
    click(qtbot, tab, "生成本站档案…")
    dialog = the_dialog(tab)
    dialog.year.setValue(YEAR)
    click(qtbot, dialog, "打印…")
    finish(qtbot, dialog)
    assert answers["previews"] == [
        ("打印预览 — 团代表履职档案_西站_2026年度.pdf", 2 * dossier_fakes.PAGES)
    ]
    assert dialog.isVisible()  # back in the dialog after the preview
    assert not dialog.result_.merged.exists()  # the temporary folder is gone
    assert list((tmp_path / "out").iterdir()) == []


def test_evaluation_tab_whole_station(
    qtbot, office, answers, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from twdesk.services import evaluation
    from twdesk.ui.tabs.evaluation_tab import EvaluationTab

    db, made = office
    with db.transaction() as s:
        evaluation.open_year(s, YEAR, today=date(YEAR, 11, 24))
    monkeypatch.setenv(dossier_fakes.FAIL_IDS, made["东站"][3][0])  # 乙二 fails
    tab = EvaluationTab(db, today=date(YEAR, 11, 24))
    qtbot.addWidget(tab)
    tab.show()
    tab.station.setCurrentIndex(tab.station.findText("东站"))
    click(qtbot, tab, "生成本站档案…")
    dialog = the_dialog(tab)
    assert dialog.year.value() == YEAR
    click(qtbot, dialog, "选择…")
    click(qtbot, dialog, "生成")
    finish(qtbot, dialog)
    assert len(list((tmp_path / "out").iterdir())) == 3
    assert answers["boxes"] == [dialog.result_.one_line()]
    assert "1 份失败" in answers["boxes"][0]


def test_paint_pdf_prints_every_page(qtbot, tmp_path: Path) -> None:
    """What the printer receives: every page of the PDF, rendered by PDFium."""
    from reportlab.pdfgen.canvas import Canvas

    from twdesk.ui.app import make_application
    from twdesk.ui.print_pdf import a4_printer, paint_pdf

    make_application()
    source = tmp_path / "in.pdf"
    canvas = Canvas(str(source))
    for n in range(3):
        canvas.drawString(72, 720, f"page {n + 1}")
        canvas.showPage()
    canvas.save()
    printer = a4_printer("in")
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    printer.setResolution(72)
    assert paint_pdf(printer, source) == 3
    assert len(PdfReader(tmp_path / "printed.pdf").pages) == 3


def test_cancel_in_the_progress_dialog_leaves_no_partial_file(
    qtbot, office, answers, tmp_path: Path
) -> None:
    from PySide6.QtWidgets import QProgressDialog

    from twdesk.ui import actions
    from twdesk.ui.tabs.people_tab import PeopleTab

    db, _made = office
    tab = PeopleTab(db)
    qtbot.addWidget(tab)
    tab.show()
    assert tab.select_station("东站")
    click(qtbot, tab, "生成本站档案…")
    dialog = the_dialog(tab)
    dialog.year.setValue(YEAR)
    click(qtbot, dialog, "选择…")
    click(qtbot, dialog, "生成")

    def progress() -> QProgressDialog | None:
        shown = [d for d in tab.findChildren(QProgressDialog) if d.isVisible()]
        return shown[0] if shown else None

    qtbot.waitUntil(lambda: progress() is not None, timeout=10000)
    click(qtbot, progress(), "取消")
    qtbot.waitUntil(lambda: not actions._RUNNING, timeout=60000)
    assert answers["boxes"] == []  # cancelled: no summary
    out = tmp_path / "out"
    assert not [p.name for p in out.iterdir() if p.name.startswith(".") or ".part" in p.name]
    written = list(out.iterdir())
    assert len(written) < 4  # stopped: the workers take longer to start than the bar to show
    for file in written:
        assert len(PdfReader(file).pages) == dossier_fakes.PAGES
