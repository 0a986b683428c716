"""履职考核 tab driven offscreen on a real file the way a user does: opening the year by its
button, the table with suggestions, stage entry by keyboard (an override refused without a
reason, saved and highlighted with one), the records behind a number, lock / unlock, a quota tie
decided through its dialog, the scheme editor refusing a bad sum."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QInputDialog,
    QMessageBox,
    QProgressDialog,
)
from sqlalchemy import select

from twdesk.core.evaluation_view import Stage
from twdesk.db.dbfile import Database
from twdesk.db.models import (
    Activity,
    ActivityParticipant,
    DutyAssignment,
    DutyDay,
    EvaluationUnlock,
    Person,
    Station,
    StationMembership,
)
from twdesk.services import evaluation as ev
from twdesk.services.evaluation import StageEntry
from twdesk.ui import actions
from twdesk.ui.tabs.evaluation.common import OVERRIDE_BG, TIE_FG
from twdesk.ui.tabs.evaluation.records_dialog import RecordsDialog
from twdesk.ui.tabs.evaluation.scheme_dialog import SchemeDialog
from twdesk.ui.tabs.evaluation.stage_dialog import StageEntryDialog
from twdesk.ui.tabs.evaluation.tie_dialog import TieDialog
from twdesk.ui.tabs.evaluation_tab import EvaluationTab

YEAR = 2026
TODAY = date(2026, 11, 20)
LEFT = Qt.MouseButton.LeftButton
D = Decimal
NAME, MEETINGS, DUTY = 1, 2, 4  # columns: 名次, 姓名, 1.参加会议, 2.学习培训, 3.驻站坐班 …


def _station(s, name: str) -> str:
    row = Station(name=name, kind="乡镇")
    s.add(row)
    s.flush()
    return row.id


def _delegate(s, name: str, station_id: str) -> str:
    person = Person(name=name, name_pinyin=name, political_status="共青团员")
    s.add(person)
    s.flush()
    s.add(StationMembership(station_id=station_id, person_id=person.id))
    return person.id


def _activity(s, kind: str, day: date, people: list[str]) -> None:
    act = Activity(
        activity_type=kind, activity_date=day, title=f"{kind}{day:%m%d}", confirmation="已确认"
    )
    s.add(act)
    s.flush()
    for pid in people:
        s.add(ActivityParticipant(activity_id=act.id, person_id=pid))


def _duty(s, station_id: str, day: date, person: str, state: str) -> None:
    d = DutyDay(station_id=station_id, day=day)
    s.add(d)
    s.flush()
    s.add(DutyAssignment(duty_day_id=d.id, person_id=person, attendance=state))


@pytest.fixture
def records(office_db: Database) -> tuple[Database, dict[str, str]]:
    """城关镇: 张三 with three meetings and two duty days, 李四 with one meeting, 王五 nothing."""
    ids: dict[str, str] = {}
    with office_db.transaction() as s:
        st = ids["station"] = _station(s, "城关镇团代表联络站")
        a = ids["张三"] = _delegate(s, "张三", st)
        b = ids["李四"] = _delegate(s, "李四", st)
        ids["王五"] = _delegate(s, "王五", st)
        for month in (3, 5, 7):
            _activity(s, "会议", date(YEAR, month, 1), [a])
        _activity(s, "会议", date(YEAR, 8, 1), [b])
        _duty(s, st, date(YEAR, 1, 7), a, "到岗")
        _duty(s, st, date(YEAR, 2, 4), a, "请假")
        _duty(s, st, date(YEAR, 3, 4), b, "到岗")
    return office_db, ids


@pytest.fixture
def opened(records) -> tuple[Database, dict[str, str]]:
    db, ids = records
    with db.transaction() as s:
        ev.open_year(s, YEAR, today=TODAY)
    return db, ids


def make_tab(qtbot, db: Database) -> EvaluationTab:
    from twdesk.ui.app import make_application

    make_application()
    tab = EvaluationTab(db, today=TODAY)
    qtbot.addWidget(tab)
    tab.resize(1280, 700)
    tab.show()
    qtbot.waitExposed(tab)
    return tab


class Recorder:
    """Stands in for a QMessageBox static call and remembers what it showed."""

    def __init__(self, answer: object = QMessageBox.StandardButton.Ok) -> None:
        self.calls: list[tuple[str, str]] = []
        self.answer = answer

    def __call__(self, _parent, title: str = "", text: str = "", *_a, **_k) -> object:
        self.calls.append((title, text))
        return self.answer


def cell(tab: EvaluationTab, name: str, column: int) -> QModelIndex:
    row = next(r for r in range(tab.model.rowCount()) if tab.model.delegate(r).name == name)
    return tab.model.index(row, column)


def double_click(qtbot, tab: EvaluationTab, index: QModelIndex) -> None:
    tab.view.scrollTo(index)
    rect = tab.view.visualRect(index)
    qtbot.mouseClick(tab.view.viewport(), LEFT, pos=rect.center())
    qtbot.mouseDClick(tab.view.viewport(), LEFT, pos=rect.center())


def opened_dialog(tab: EvaluationTab, kind: type[QDialog]) -> QDialog:
    dialogs = [d for d in tab.findChildren(kind) if d.isVisible()]
    assert len(dialogs) == 1, dialogs
    return dialogs[0]


def type_text(widget, text: str) -> None:
    widget.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def test_opening_the_year_by_its_button_shows_every_delegate_with_suggestions(
    qtbot, records
) -> None:
    db, _ids = records
    tab = make_tab(qtbot, db)
    assert tab.empty.isVisible() and "还没有开启" in tab.empty.text()
    assert tab.model.rowCount() == 0 and not tab.entry_button.isEnabled()
    qtbot.mouseClick(tab.open_button, LEFT)
    qtbot.waitUntil(lambda: tab.model.rowCount() == 3, timeout=10000)
    qtbot.waitUntil(lambda: not actions._RUNNING, timeout=10000)
    assert "新建 3 人" in tab.last_message
    qtbot.wait(600)  # the progress dialog's own show-timer (300 ms) must not bring it back
    assert not [d for d in tab.findChildren(QProgressDialog) if d.isVisible()]
    assert tab.station.currentText() == "城关镇团代表联络站"
    assert not tab.empty.isVisible()
    assert sorted(d.name for d in tab.model.delegates()) == ["张三", "李四", "王五"]
    # nobody has entered anything: every indicator shows its suggestion, greyed
    meetings = cell(tab, "张三", MEETINGS)
    assert meetings.data() == "6"  # 3 meetings × 2
    assert "建议分：6" in meetings.data(Qt.ItemDataRole.ToolTipRole)
    assert meetings.data(Qt.ItemDataRole.ForegroundRole) is not None
    assert cell(tab, "李四", MEETINGS).data() == "2"
    assert cell(tab, "王五", DUTY).data() == "无排班"
    assert cell(tab, "张三", DUTY).data() == "15"  # 到岗 1 ÷ (2 − 请假 1) × 15
    assert "1.参加会议" in tab.model.headerData(MEETINGS, Qt.Orientation.Horizontal)
    assert tab.chart.title.startswith("等次分布")


def test_stage_entry_by_keyboard_needs_a_reason_only_for_an_override(
    qtbot, opened, monkeypatch
) -> None:
    db, ids = opened
    tab = make_tab(qtbot, db)
    assert tab.stage == Stage.SELF
    double_click(qtbot, tab, cell(tab, "张三", NAME))
    dialog = opened_dialog(tab, StageEntryDialog)
    assert dialog.delegate.name == "张三"
    first = dialog.rows[0]
    assert first.score.text() == "6" and not first.reason.isVisibleTo(dialog)
    assert dialog.focusWidget() is first.score
    # Tab walks the score fields in order while they agree with the suggestion
    qtbot.keyClick(first.score, Qt.Key.Key_Tab)
    assert dialog.focusWidget() is dialog.rows[1].score
    # an override: the reason field appears, and saving without one is refused
    first.score.setFocus()
    first.score.selectAll()
    qtbot.keyClicks(first.score, "8")
    assert first.reason.isVisibleTo(dialog)
    warning = Recorder()
    monkeypatch.setattr(QMessageBox, "warning", warning)
    qtbot.mouseClick(dialog.save_button, LEFT)
    assert warning.calls and "请填写调整理由" in warning.calls[0][1]
    assert "指标1" in warning.calls[0][1]
    assert dialog.isVisible() and dialog.focusWidget() is first.reason
    with db.session() as s:
        assert ev.delegate_result(s, YEAR, ids["张三"]).indicators[0].self_score is None
    # with the reason it is saved, and 保存并下一位 moves on to the next delegate
    type_text(first.reason, "手册另有一次会议记录")
    qtbot.keyClick(first.reason, Qt.Key.Key_Tab)
    assert dialog.focusWidget() is dialog.rows[1].score
    qtbot.mouseClick(dialog.save_next, LEFT)
    assert len(warning.calls) == 1
    assert dialog.delegate.name != "张三" and dialog.position == 1
    with db.session() as s:
        meeting = ev.delegate_result(s, YEAR, ids["张三"]).indicators[0]
    assert meeting.self_score == D(8) and meeting.reason(Stage.SELF) == "手册另有一次会议记录"
    dialog.reject()
    # the tab reloaded from the change announcement: the override is highlighted with its reason
    index = cell(tab, "张三", MEETINGS)
    assert index.data() == "8"
    assert index.data(Qt.ItemDataRole.BackgroundRole).color() == OVERRIDE_BG
    assert "手册另有一次会议记录" in index.data(Qt.ItemDataRole.ToolTipRole)
    assert cell(tab, "张三", len(tab.model.headers) - 1).data() == "自评"
    assert "自评已录入 1 人" in tab.status.text()


def test_records_behind_a_number_open_from_its_cell(qtbot, opened) -> None:
    db, _ids = opened
    tab = make_tab(qtbot, db)
    double_click(qtbot, tab, cell(tab, "张三", MEETINGS))
    dialog = opened_dialog(tab, RecordsDialog)
    assert dialog.table.rowCount() == 3
    texts = {dialog.table.item(r, c).text() for r in range(3) for c in range(3)}
    assert {"2026-03-01", "2026-05-01", "2026-07-01"} <= texts
    assert "6" in dialog.basis.text()
    dialog.reject()
    # Enter on a cell does the same: 驻站坐班 lists the duty days
    index = cell(tab, "张三", DUTY)
    tab.view.setCurrentIndex(index)
    tab.view.setFocus()
    qtbot.keyClick(tab.view, Qt.Key.Key_Return)
    dialog = opened_dialog(tab, RecordsDialog)
    days = {dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())}
    assert days == {"2026-01-07", "2026-02-04"}
    dialog.reject()


def _score_everyone(db: Database, ids: dict[str, str]) -> None:
    with db.transaction() as s:
        for name in ("张三", "李四", "王五"):
            ev.save_stage(s, YEAR, ids[name], Stage.SELF, StageEntry(scores={10: D(8)}))


def test_lock_by_clicking_disables_editing_and_unlock_asks_a_reason(
    qtbot, opened, monkeypatch
) -> None:
    db, ids = opened
    _score_everyone(db, ids)
    tab = make_tab(qtbot, db)
    assert not tab.banner.isVisible() and tab.lock_button.text() == "锁定本年度"
    question = Recorder(QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "question", question)
    qtbot.mouseClick(tab.lock_button, LEFT)
    assert question.calls and "确定锁定" in question.calls[0][1]
    assert tab.banner.isVisible() and "已锁定" in tab.banner.text()
    assert not tab.entry_button.isEnabled() and tab.lock_button.text() == "解锁…"
    assert tab.last_message == "已锁定 3 份考核"
    # a double-click on a name says why nothing can be entered
    info = Recorder()
    monkeypatch.setattr(QMessageBox, "information", info)
    double_click(qtbot, tab, cell(tab, "李四", NAME))
    assert info.calls and "已锁定" in info.calls[0][1]
    assert not [d for d in tab.findChildren(StageEntryDialog) if d.isVisible()]
    # unlocking asks for the reason and keeps it
    asked: list[str] = []

    def get_text(_parent, _title, label, *_a, **_k):
        asked.append(label)
        return "复核时发现录入错误", True

    monkeypatch.setattr(QInputDialog, "getText", staticmethod(get_text))
    qtbot.mouseClick(tab.lock_button, LEFT)
    assert asked and "理由" in asked[0]
    assert not tab.banner.isVisible() and tab.entry_button.isEnabled()
    with db.session() as s:
        reasons = set(s.scalars(select(EvaluationUnlock.reason)))
    assert reasons == {"复核时发现录入错误"}


def test_a_quota_tie_is_decided_through_its_dialog(qtbot, office_db: Database, monkeypatch) -> None:
    db = office_db
    with db.transaction() as s:
        st = _station(s, "十人站")
        people = [_delegate(s, f"代表{i}", st) for i in range(10)]
        ev.open_year(s, YEAR, today=TODAY)
    points = {1: 10, 2: 10, 3: 15, 4: 15, 5: 5, 6: 10, 7: 10, 8: 10, 9: 5, 10: 10}
    totals = [95, 93, 93, 93, 80, 80, 70, 60, 50, 91]
    with db.transaction() as s:
        for pid, total in zip(people, totals, strict=True):
            scores, left = {}, D(total)
            for seq, p in points.items():
                scores[seq], left = min(D(p), left), left - min(D(p), left)
            reasons = {seq: "纸质评分" for seq in points}
            ev.save_stage(s, YEAR, pid, Stage.STATION, StageEntry(scores=scores, reasons=reasons))
    tab = make_tab(qtbot, db)
    tab.stage_box.setCurrentIndex(1)
    assert tab.model.quota_row == 1  # 2 places: the line under the second row
    grade_column = len(tab.model.headers) - 3
    tied = [
        tab.model.delegate(r).name
        for r in range(tab.model.rowCount())
        if tab.model.index(r, grade_column).data() == "并列待定"
    ]
    assert sorted(tied) == ["代表1", "代表2", "代表3"]
    tie_cell = cell(tab, "代表1", grade_column)
    assert tie_cell.data(Qt.ItemDataRole.ForegroundRole).color() == TIE_FG
    assert "并列待定 3 人" in tab.status.text()
    assert tab.tie_button.isEnabled()
    qtbot.mouseClick(tab.tie_button, LEFT)
    dialog = opened_dialog(tab, TieDialog)
    assert [d.name for d in dialog.tied] == ["代表1", "代表2", "代表3"]
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    warning = Recorder()
    monkeypatch.setattr(QMessageBox, "warning", warning)
    dialog.choices[1].setCurrentIndex(dialog.choices[1].findData("优秀"))
    qtbot.mouseClick(ok, LEFT)  # no reason yet
    assert warning.calls and "理由" in warning.calls[0][1] and dialog.isVisible()
    type_text(dialog.reason, "经站务会研究，按全年坐班到岗情况确定")
    qtbot.mouseClick(ok, LEFT)
    assert not dialog.isVisible()
    with db.session() as s:
        grades = {d.name: (d.grade, d.decided) for d in ev.station_year(s, YEAR, st).delegates}
    assert grades["代表2"] == ("优秀", True)
    assert grades["代表1"][0] == "称职" and grades["代表3"][0] == "称职"
    assert cell(tab, "代表2", grade_column).data() == "优秀"
    assert "经站务会研究" in cell(tab, "代表2", grade_column).data(Qt.ItemDataRole.ToolTipRole)
    assert not tab.tie_button.isEnabled()


def test_scheme_editor_shows_the_sum_and_refuses_a_bad_one(qtbot, opened, monkeypatch) -> None:
    db, _ids = opened
    tab = make_tab(qtbot, db)
    qtbot.mouseClick(tab.scheme_button, LEFT)
    dialog = opened_dialog(tab, SchemeDialog)
    assert dialog.sum_label.text() == "分值合计：100 分"
    assert dialog.problems.text() == "方案检查通过。"
    assert dialog.list.rowCount() == 10
    # 参加会议 from 10 to 12 points: the sum and the problem show at once
    points = dialog.form.points
    points.setFocus()
    points.selectAll()
    qtbot.keyClicks(points, "12")
    assert dialog.sum_label.text() == "分值合计：102 分"
    assert "应为 100 分" in dialog.problems.text()
    assert dialog.list.item(0, 2).text() == "12"
    warning = Recorder()
    monkeypatch.setattr(QMessageBox, "warning", warning)
    qtbot.mouseClick(dialog.save_button, LEFT)
    assert warning.calls and "102" in warning.calls[0][1]
    assert dialog.isVisible()
    with db.session() as s:
        assert ev.current_scheme(s).indicators[0].points == D(10)
    # back to 10, a new veto situation: saved
    points.selectAll()
    qtbot.keyClicks(points, "10")
    assert dialog.sum_label.text() == "分值合计：100 分"
    dialog.pages.setCurrentIndex(1)
    dialog.vetoes.moveCursor(dialog.vetoes.textCursor().MoveOperation.End)
    dialog.vetoes.insertPlainText("\n")
    type_text(dialog.vetoes, "弄虚作假")
    qtbot.mouseClick(dialog.save_button, LEFT)
    assert not dialog.isVisible() and len(warning.calls) == 1
    with db.session() as s:
        assert ev.current_scheme(s).veto_items[-1] == "弄虚作假"


def test_results_model_passes_the_qt_model_tester(qtmodeltester, opened) -> None:
    from twdesk.ui.tabs.evaluation.results_model import ResultsModel

    db, ids = opened
    model = ResultsModel()
    with db.session() as s:
        year = ev.station_year(s, YEAR, ids["station"])
    model.set_year(year, Stage.SELF)
    qtmodeltester.check(model)
    model.set_year(None, Stage.SELF)
    qtmodeltester.check(model)


def test_paper_buttons_without_an_opened_year_say_what_to_do(qtbot, records, monkeypatch) -> None:
    db, _ids = records
    tab = make_tab(qtbot, db)
    info = Recorder()
    monkeypatch.setattr(QMessageBox, "information", info)
    for button in (tab.export_button, tab.form_button, tab.print_button, tab.sheet_button):
        qtbot.mouseClick(button, LEFT)
    assert len(info.calls) == 4
    assert all("开启" in text or "选中一位代表" in text for _t, text in info.calls)


class SavePaths:
    """Stands in for the save dialog: each call answers the next path."""

    def __init__(self, folder: Path) -> None:
        self.folder, self.asked = folder, []

    def __call__(self, _parent=None, _caption="", suggested="", *_a, **_k):
        self.asked.append(Path(suggested).name)
        return str(self.folder / Path(suggested).name), ""


def test_printouts_and_results_saved_from_their_buttons(
    qtbot, opened, tmp_path: Path, monkeypatch
) -> None:
    pytest.importorskip("twdesk.services.evaluation_outputs")
    from PySide6.QtWidgets import QFileDialog

    db, ids = opened
    _score_everyone(db, ids)
    tab = make_tab(qtbot, db)
    saves = SavePaths(tmp_path)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(saves))
    shown: list[str] = []
    monkeypatch.setattr(
        "twdesk.ui.tabs.evaluation.files.show_saved", lambda _p, _path, text: shown.append(text)
    )
    tab.view.setCurrentIndex(cell(tab, "张三", NAME))
    for button in (tab.print_button, tab.consequence_button, tab.sheet_button):
        qtbot.mouseClick(button, LEFT)
    assert saves.asked == [
        "城关镇团代表联络站2026年履职考核结果表.pdf",
        "城关镇团代表联络站2026年考核后续处理名单.pdf",
        "张三2026年履职考核表.pdf",
    ]
    for name in saves.asked:
        assert (tmp_path / name).read_bytes().startswith(b"%PDF"), name
    assert shown[1].startswith("后续处理名单已保存") and "人）" in shown[1]
    qtbot.mouseClick(tab.export_button, LEFT)
    qtbot.waitUntil(lambda: len(shown) == 4, timeout=20000)
    results = tmp_path / saves.asked[-1]
    assert results.suffix == ".xlsx" and results.read_bytes().startswith(b"PK")
    assert "考核结果已导出" in tab.last_message


def test_blank_sheet_exported_filled_and_imported_through_the_buttons(
    qtbot, opened, tmp_path: Path, monkeypatch
) -> None:
    pytest.importorskip("twdesk.services.evaluation_import")
    import openpyxl
    from PySide6.QtWidgets import QFileDialog

    db, ids = opened
    tab = make_tab(qtbot, db)
    saves = SavePaths(tmp_path)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(saves))
    monkeypatch.setattr("twdesk.ui.tabs.evaluation.files.show_saved", lambda *_a: None)
    qtbot.mouseClick(tab.form_button, LEFT)
    form = tmp_path / saves.asked[0]
    assert "3 位代表" in tab.last_message
    # the office fills in 组织评价 on paper: 10 for 张三's 组织评价 / 青年满意度
    book = openpyxl.load_workbook(form)
    sheet = book.active
    rows = list(sheet.iter_rows())
    header = next(r for r in rows if any(c.value == "姓名" for c in r))
    column = next(c.column for c in header if str(c.value or "").startswith("10"))
    name_column = next(c.column for c in header if c.value == "姓名")
    row = next(r for r in rows if r[name_column - 1].value == "张三")
    sheet.cell(row=row[0].row, column=column, value=10)
    book.save(form)
    asked: list[list[str]] = []

    def get_item(_parent, _title, _label, items, current=0, *_a, **_k):
        asked.append(list(items))
        return "组织评价", True

    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(get_item))
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *_a, **_k: (str(form), ""))
    )
    info = Recorder()
    monkeypatch.setattr(QMessageBox, "information", info)
    qtbot.mouseClick(tab.import_button, LEFT)
    qtbot.waitUntil(lambda: bool(info.calls), timeout=20000)
    assert asked == [["自评", "组织评价", "复核"]]
    assert "导入完成" in info.calls[0][1]
    with db.session() as s:
        result = ev.delegate_result(s, YEAR, ids["张三"])
    assert result.indicators[9].station_score == D(10)
    assert Stage.STATION in result.stages_done


def test_the_term_years_are_typed_in_the_scheme_editor(qtbot, opened) -> None:
    db, _ids = opened
    tab = make_tab(qtbot, db)
    qtbot.mouseClick(tab.scheme_button, LEFT)
    dialog = opened_dialog(tab, SchemeDialog)
    dialog.pages.setCurrentIndex(2)
    assert dialog.term_first.text() == "未设置" and dialog.term() is None
    for spin, year in ((dialog.term_first, YEAR - 1), (dialog.term_last, YEAR + 3)):
        spin.setFocus()
        spin.selectAll()
        qtbot.keyClicks(spin, str(year))
    qtbot.mouseClick(dialog.save_button, LEFT)
    assert not dialog.isVisible()
    with db.session() as s:
        assert ev.term_years(s) == (YEAR - 1, YEAR + 3)
    qtbot.mouseClick(tab.scheme_button, LEFT)
    again = opened_dialog(tab, SchemeDialog)
    assert again.term() == (YEAR - 1, YEAR + 3)
