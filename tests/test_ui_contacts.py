"""The 联系青年 tab driven as a user does: real buttons clicked with qtbot, Chinese typed through
input-method events, only modal dialogs answered by patches."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QMessageBox, QProgressBar

from twdesk.db.dbfile import Database
from twdesk.services import contacts, ledger, people
from twdesk.ui.tabs.contacts.dialogs import LogDialog, YoungPersonDialog
from twdesk.ui.tabs.contacts_tab import ContactsTab

TODAY = date(2026, 11, 20)


def type_text(widget, text: str) -> None:
    widget.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


@pytest.fixture
def tab(qtbot, office_db: Database) -> ContactsTab:
    with office_db.transaction() as s:
        people.save_person(s, {"name": "李团干", "is_delegate": False, "is_cadre": True})
        people.save_person(s, {"name": "曾䶮", "is_delegate": True})
    widget = ContactsTab(office_db, today=TODAY)
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    return widget


def choose(combo, text: str) -> None:
    index = next(i for i in range(combo.count()) if combo.itemText(i).startswith(text))
    combo.setCurrentIndex(index)


def click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def quick_add(qtbot, page, name: str, field: str, org: str = "", phone: str = "") -> None:
    type_text(page.new_name, name)
    page.new_field.setCurrentText(field)
    if org:
        type_text(page.new_org, org)
    if phone:
        qtbot.keyClicks(page.new_phone, phone)
    click(qtbot, page.add_button)


def test_quick_add_search_and_masked_phone(qtbot, tab: ContactsTab) -> None:
    page = tab.book_page
    tab.pages.setCurrentWidget(page)
    choose(page.contactor, "李团干")
    quick_add(qtbot, page, "张小芳", "农村青年", "乔庄村", "13812345678")
    quick_add(qtbot, page, "赵一", "学生", "乔庄中学")
    assert page.add_error.text() == ""
    assert page.book.rowCount() == 2
    texts = [page.book.item(r, 5).text() for r in range(2)]
    assert "138****5678" in texts and all("13812345678" not in t for t in texts)
    assert page.new_name.text() == ""  # ready for the next one
    # search as you type: pinyin initials, then a Chinese fragment of the organisation
    qtbot.keyClicks(page.search, "zxf")
    assert page.book.rowCount() == 1 and page.book.item(0, 0).text() == "张小芳"
    page.search.clear()
    type_text(page.search, "中学")
    assert page.book.rowCount() == 1 and page.book.item(0, 0).text() == "赵一"
    page.search.clear()
    # the progress page shows the contactor's bar
    bar = tab.progress_page.table.cellWidget(0, 2)
    assert isinstance(bar, QProgressBar) and bar.text() == "2 / 100"
    # a name missing: said next to the form, nothing added
    click(qtbot, page.add_button)
    assert "姓名" in page.add_error.text() and page.book.rowCount() == 2


def test_unsure_match_asks_and_the_same_person_becomes_shared(
    qtbot, tab: ContactsTab, monkeypatch
) -> None:
    page = tab.book_page
    choose(page.contactor, "李团干")
    quick_add(qtbot, page, "张小芳", "农村青年", "乔庄村", "13812345678")
    asked: list[str] = []

    def answer(box: QMessageBox) -> int:
        asked.append(box.informativeText())
        next(b for b in box.buttons() if b.text() == "是同一人").click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", answer)
    choose(page.contactor, "曾䶮")
    quick_add(qtbot, page, "张小芳", "农村青年")  # no organisation, no phone: unsure
    assert asked and "138****5678" in asked[0] and "李团干" in asked[0]
    assert page.book.rowCount() == 1 and page.book.item(0, 10).text() == "李团干"
    tab.pages.setCurrentWidget(tab.shared_page)
    assert tab.shared_page.table.rowCount() == 1
    assert tab.shared_page.table.item(0, 3).text() in ("李团干、曾䶮", "曾䶮、李团干")


def test_log_a_contact_edit_with_full_phone_and_remove(
    qtbot, tab: ContactsTab, monkeypatch
) -> None:
    page = tab.book_page
    choose(page.contactor, "李团干")
    quick_add(qtbot, page, "张小芳", "农村青年", "乔庄村", "13812345678")
    page.book.selectRow(0)
    seen: dict[str, str] = {}

    def run(dialog: QDialog) -> int:
        if isinstance(dialog, LogDialog):
            type_text(dialog.discussed, "就业岗位")
            dialog.way.setCurrentText("电话")
        if isinstance(dialog, YoungPersonDialog):
            seen["phone"] = dialog.phone.text()
            dialog.wechat.setText("wx_zxf")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QDialog, "exec", run)
    click(qtbot, page.log_button)
    page.book.selectRow(0)
    assert page.log.rowCount() == 2  # the first contact and this one
    assert {page.log.item(r, 3).text() for r in range(2)} == {"", "就业岗位"}
    click(qtbot, page.edit_button)
    assert seen["phone"] == "13812345678"  # in full only in the editor
    page.book.selectRow(0)
    assert page.book.item(0, 6).text() == "w****f"  # a short ID keeps one character each end
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Yes)
    click(qtbot, page.remove_button)
    assert page.book.rowCount() == 0


def test_grassroots_open_days_and_ballots_by_their_buttons(qtbot, tab: ContactsTab) -> None:
    g = tab.grassroots_page
    tab.pages.setCurrentWidget(g)
    choose(g.cadre, "李团干")
    type_text(g.place, "乔庄村")
    type_text(g.what, "走访留守青年")
    click(qtbot, g.add_button)
    assert g.table.rowCount() == 1 and g.table.item(0, 1).text() == "乔庄村"
    assert "已到 1 周" in g.rule.text()
    click(qtbot, g.add_button)  # no place: refused, said why
    assert "地点" in g.error.text() and g.table.rowCount() == 1

    o = tab.open_days_page
    tab.pages.setCurrentWidget(o)
    type_text(o.theme, "青年议事")
    o.youth.setValue(60)
    click(qtbot, o.add_button)
    assert o.table.rowCount() == 1 and "第4季度已达标" in o.rule.text()

    b = tab.ballots_page
    tab.pages.setCurrentWidget(b)
    type_text(b.new_name, "2026年满意度测评")
    click(qtbot, b.new_button)
    assert b.round.count() == 1
    choose(b.person, "李团干")
    b.satisfied.setValue(17)
    b.basic.setValue(0)
    b.dissatisfied.setValue(3)
    click(qtbot, b.enter_button)
    assert b.table.rowCount() == 1
    assert [b.table.item(0, c).text() for c in (4, 5, 6)] == ["20", "85.0%", "8.5"]
    assert "总体满意率 85.0%" in b.overall.text()
    row = next(r for r in tab.ctx.rows if r.name == "李团干")
    assert row.satisfaction is not None and float(row.satisfaction) == 0.85


def test_bulletin_export_off_the_gui_thread_and_settings(
    qtbot, tab: ContactsTab, tmp_path: Path, monkeypatch
) -> None:
    page = tab.book_page
    choose(page.contactor, "曾䶮")
    quick_add(qtbot, page, "秘密青年", "学生", "秘密村", "13900001111")
    target = tmp_path / "通报.pdf"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *_a, **_k: (str(target), ""))
    )
    shown: list[str] = []
    monkeypatch.setattr(
        "twdesk.ui.tabs.contacts.bulletin_page.show_saved", lambda _p, path, _t: shown.append(path)
    )
    bp = tab.bulletin_page
    tab.pages.setCurrentWidget(bp)
    bp.quarter.setValue(4)
    click(qtbot, bp.pdf_button)
    qtbot.waitUntil(lambda: bool(shown), timeout=20000)
    text = "".join(p.extract_text() for p in PdfReader(target).pages)
    assert "曾䶮" in text and "秘密青年" not in text and "13900001111" not in text
    # the count method: the ledger now counts distinct people from the book
    bp.method.setCurrentIndex(bp.method.findData("book"))
    bp.target.setValue(1)
    click(qtbot, bp.save_button)
    assert bp.error.text() == "已保存。"
    with tab.db.session() as s:
        assert contacts.settings(s).target == 1
        rows = {r.name: r.youth_contacts for r in ledger.ledger(s, 2026, today=TODAY)}
    assert rows["曾䶮"] == 1
    assert next(r for r in tab.ctx.rows if r.name == "曾䶮").target_met
