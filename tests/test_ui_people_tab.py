"""联络站与代表 tab, driven offscreen on real database files: search, filters, editor, import."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QInputMethodEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QMessageBox,
    QPushButton,
    QWidget,
)
from sqlalchemy import func, select

from tests.helpers import digest
from twdesk.core.idcard import make_id_number
from twdesk.db.dbfile import Database, open_database
from twdesk.db.demo_file import create_demo_database
from twdesk.db.models import CommitteeLink, Person, PersonPhoto, Station, StatusChange
from twdesk.services import people, stations
from twdesk.services.people_search import PeopleIndex
from twdesk.ui.actions import PEOPLE, run_action
from twdesk.ui.dialogs.import_dialog import RosterImportDialog
from twdesk.ui.dialogs.person_dialog import PendingStatus, PersonDialog
from twdesk.ui.models.people_model import PeopleModel
from twdesk.ui.tabs.people_tab import PeopleTab

ID_A = make_id_number("511825", date(1995, 3, 7), 1, "男")
ID_B = make_id_number("511825", date(1998, 11, 20), 2, "女")


@pytest.fixture
def demo_db(tmp_path: Path) -> Database:
    path = tmp_path / "demo.sqlite"
    create_demo_database(path, stations=4, delegates=30, years=1, seed=3, today=date(2026, 11, 24))
    db = open_database(path)
    yield db
    db.close()


@pytest.fixture
def tab(qtbot, demo_db: Database) -> PeopleTab:
    from twdesk.ui.app import make_application

    make_application()
    widget = PeopleTab(demo_db)
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    return widget


@pytest.fixture
def no_popups(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """Modal message boxes answer Yes and are recorded instead of blocking the test."""
    seen: list[tuple[str, str]] = []

    def record(answer):
        def show(_parent, title, text, *_args, **_kwargs):
            seen.append((title, text))
            return answer

        return show

    monkeypatch.setattr(QMessageBox, "question", record(QMessageBox.StandardButton.Yes))
    monkeypatch.setattr(QMessageBox, "information", record(QMessageBox.StandardButton.Ok))
    monkeypatch.setattr(QMessageBox, "warning", record(QMessageBox.StandardButton.Ok))
    return seen


def type_chinese(widget, text: str) -> None:
    """What an input method does: commit the composed text (keyClicks cannot type Chinese)."""
    widget.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def shown_rows(tab: PeopleTab) -> list[list[str]]:
    m = tab.model
    return [[m.data(m.index(r, c)) for c in range(m.columnCount())] for r in range(m.rowCount())]


def test_people_model_passes_the_qt_model_tester(qtmodeltester, demo_db: Database) -> None:
    with demo_db.session() as s:
        index = PeopleIndex.load(s)
    model = PeopleModel()
    model.set_entries(index.entries)
    qtmodeltester.check(model)
    model.sort(2, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(model)


def test_list_masks_id_numbers_and_shows_everyone(tab: PeopleTab, demo_db: Database) -> None:
    with demo_db.session() as s:
        total = s.scalar(
            select(func.count()).select_from(Person).where(Person.deleted_at.is_(None))
        )
        full_ids = set(s.scalars(select(Person.id_number)))
    rows = shown_rows(tab)
    assert len(rows) == total and tab.count_label.text() == f"共 {total} 人"
    for row in rows:
        assert row[2] == "" or (len(row[2]) == 18 and row[2][6:14] == "********")
        assert row[2] not in full_ids


def test_search_as_you_type_by_pinyin_name_phone_and_id_tail(qtbot, tab: PeopleTab) -> None:
    target = tab.index.entries[5]
    everyone = tab.index.entries

    def shown_ids() -> set[str]:
        return {r.id for r in tab.model._rows}

    def only(match) -> set[str]:
        """Exactly these people, the target among them, and not everyone."""
        wanted = {e.id for e in everyone if match(e)}
        assert target.id in wanted and len(wanted) < len(everyone)
        return wanted

    qtbot.keyClicks(tab.search, target.initials)
    assert shown_ids() == only(
        lambda e: e.initials.startswith(target.initials) or e.pinyin.startswith(target.initials)
    )
    tab.search.clear()
    qtbot.keyClicks(tab.search, target.pinyin)
    assert shown_ids() == only(lambda e: e.pinyin.startswith(target.pinyin))
    tab.search.clear()
    type_chinese(tab.search, target.name)
    assert tab.search.text() == target.name
    assert shown_ids() == only(lambda e: target.name in e.name)
    tab.search.clear()
    qtbot.keyClicks(tab.search, target.phone[-8:])
    assert [r.id for r in tab.model._rows] == [target.id]
    tab.search.clear()
    qtbot.keyClicks(tab.search, target.id_tail)
    assert shown_ids() == only(lambda e: e.id_tail == target.id_tail or target.id_tail in e.phone)
    assert tab.count_label.text() == f"共 {len(shown_ids())} 人"
    tab.search.clear()
    qtbot.keyClicks(tab.search, "qqqqzzzz")
    assert tab.model.rowCount() == 0 and tab.count_label.text() == "共 0 人"


def test_filters_by_station_level_status_role_and_group(tab: PeopleTab) -> None:
    station_item = tab.tree.topLevelItem(1).child(0)
    station_name = station_item.text(0)
    tab.tree.setCurrentItem(station_item)
    rows = tab.model._rows
    assert rows and all(station_name in r.stations for r in rows)
    assert int(station_item.text(1)) == sum(
        1 for r in rows if r.status == "在任" and "团代表" in r.roles
    )
    assert station_name in tab.board.text()
    tab.tree.setCurrentItem(tab.tree.topLevelItem(0))
    tab.level.setCurrentIndex(tab.level.findData("县"))
    assert tab.model._rows and all(r.level == "县" for r in tab.model._rows)
    tab.level.setCurrentIndex(0)
    tab.status.setCurrentIndex(tab.status.findData("在任"))
    assert all(r.status == "在任" for r in tab.model._rows)
    tab.status.setCurrentIndex(0)
    tab.role.setCurrentIndex(tab.role.findData("委员"))
    assert tab.model._rows and all("委员" in r.roles for r in tab.model._rows)
    tab.role.setCurrentIndex(0)
    # a station's special group narrows to its members
    for i in range(tab.tree.topLevelItem(1).childCount()):
        tab.tree.setCurrentItem(tab.tree.topLevelItem(1).child(i))
        if tab.groups.count():
            break
    group = tab.groups.item(0)
    tab.groups.setCurrentItem(group)
    name = group.data(Qt.ItemDataRole.UserRole + 1)
    assert all(name in r.groups for r in tab.model._rows)
    assert f"（{tab.model.rowCount()} 人）" in group.text()


def test_sorting_by_a_column_keeps_rows_consistent(tab: PeopleTab) -> None:
    tab.table.sortByColumn(5, Qt.SortOrder.AscendingOrder)
    levels = [r[5] for r in shown_rows(tab)]
    rank = {"市": 0, "县": 1, "乡镇": 2, "": 3}
    assert [rank[v] for v in levels] == sorted(rank[v] for v in levels)
    tab.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    pinyins = [r.pinyin for r in tab.model._rows]
    assert pinyins == sorted(pinyins, reverse=True)


def test_new_person_saved_with_station_groups_photo_and_links(
    qtbot, tab: PeopleTab, demo_db: Database, tmp_path: Path
) -> None:
    station_item = tab.tree.topLevelItem(1).child(0)
    tab.tree.setCurrentItem(station_item)
    station_id = tab.selected_station_id()
    with demo_db.transaction() as s:
        group_id = stations.save_group(s, station_id, "测试小组").id
    committee = next(e for e in tab.index.entries if "委员" in e.roles)
    dialog = tab.person_dialog()
    qtbot.addWidget(dialog)
    assert dialog.station_combo.currentData() == station_id  # pre-filled from the tree
    type_chinese(dialog.widgets["name"], "曾䶮")
    qtbot.keyClicks(dialog.widgets["id_number"], ID_A.lower())
    assert "校验通过" in dialog.id_hint.text()
    assert dialog.widgets["birth_date"].text() == "1995-03-07"  # derived from the number
    assert dialog.widgets["gender"].currentText() == "男"
    qtbot.keyClicks(dialog.widgets["phone"], "139-1234-5678")
    dialog.widgets["level"].setCurrentText("县")
    dialog._fill_groups()
    for i in range(dialog.group_list.count()):
        item = dialog.group_list.item(i)
        if item.text() == "测试小组":
            item.setCheckState(Qt.CheckState.Checked)
    photo = tmp_path / "wide.png"
    image = QImage(800, 400, QImage.Format.Format_RGB32)
    image.fill(QColor("#3366cc"))
    assert image.save(str(photo))
    assert dialog.load_photo_file(photo)
    dialog.link_lists[("两联", "right")].add_item(committee.id, committee.name)
    assert dialog.save()
    person_id = dialog.saved_id
    assert tab.select_person(person_id)  # the bus reloaded the tab: the new person is listed
    assert tab.selected_person_id() == person_id
    with demo_db.session() as s:
        p = s.get(Person, person_id)
        assert (p.name, p.phone, p.gender, p.level) == ("曾䶮", "13912345678", "男", "县")
        assert p.name_initials == "zy"
        detail = people.load_person(s, person_id)
        assert detail.station_id == station_id and detail.group_ids == [group_id]
        stored = QImage.fromData(s.scalar(select(PersonPhoto.data)))
        assert (stored.width(), stored.height()) == (360, 480)  # cropped to 3:4, downscaled
        assert s.scalar(
            select(func.count())
            .select_from(CommitteeLink)
            .where(
                CommitteeLink.delegate_id == person_id,
                CommitteeLink.committee_id == committee.id,
            )
        )
    # the committee member's own editor shows the link from the other side
    other = PersonDialog(demo_db, tab.index, committee.id)
    qtbot.addWidget(other)
    assert person_id in other.link_lists[("两联", "left")].ids()


def test_editor_refuses_bad_fields_and_writes_nothing(
    qtbot, tab: PeopleTab, demo_db: Database
) -> None:
    before = digest(demo_db.path)
    dialog = tab.person_dialog()
    qtbot.addWidget(dialog)
    bad = ID_B[:-1] + ("0" if ID_B[-1] != "0" else "1")
    qtbot.keyClicks(dialog.widgets["id_number"], bad)
    assert "校验" in dialog.id_hint.text() or "末位" in dialog.id_hint.text()
    qtbot.keyClicks(dialog.widgets["phone"], "12345")
    assert not dialog.save()
    message = dialog.error_label.text()
    assert "姓名" in message and "身份证号" in message and "手机号码" in message
    assert "border" in dialog.widgets["phone"].styleSheet()
    assert digest(demo_db.path) == before


def test_status_change_is_appended_on_save(qtbot, tab: PeopleTab, demo_db: Database) -> None:
    entry = next(e for e in tab.index.entries if e.status == "在任")
    dialog = PersonDialog(demo_db, tab.index, entry.id)
    qtbot.addWidget(dialog)
    history_before = dialog.history.rowCount()
    dialog.pending_status = PendingStatus("辞职", date(2026, 11, 20), "工作调动")
    dialog._show_status()
    assert "保存后生效" in dialog.status_label.text()
    assert dialog.save()
    with demo_db.session() as s:
        changes = s.scalars(
            select(StatusChange)
            .where(StatusChange.person_id == entry.id)
            .order_by(StatusChange.changed_on)
        ).all()
        assert len(changes) == history_before + 1
        assert (changes[-1].status, changes[-1].reason) == ("辞职", "工作调动")
        assert s.get(Person, entry.id).status == "辞职"


def test_station_add_edit_retire_and_groups(
    qtbot, tab: PeopleTab, demo_db: Database, no_popups
) -> None:
    from twdesk.ui.dialogs.station_dialog import StationDialog

    dialog = StationDialog(demo_db, parent_id=None)
    qtbot.addWidget(dialog)
    type_chinese(dialog.edits["name"], "竹园镇新联络站")
    dialog.kind.setCurrentText("乡镇街道联络站")
    type_chinese(dialog.edits["leader_name"], "李站长")
    assert dialog.save()
    tab.stations._stations_changed(dialog.saved_id)
    assert tab.selected_station_id() == dialog.saved_id
    assert "李站长" in tab.board.text()
    assert tab.add_group("志愿服务小组")
    assert tab.groups.count() == 1
    assert not tab.add_group("志愿服务小组")  # the same name twice is refused with a message
    assert "已有" in no_popups[-1][1]
    tab.retire_station()
    with demo_db.session() as s:
        assert s.get(Station, dialog.saved_id).retired_on == date.today()
    assert all(
        tab.tree.topLevelItem(1).child(i).text(0) != "竹园镇新联络站"
        for i in range(tab.tree.topLevelItem(1).childCount())
    )


def write_roster(path: Path, rows: list[list[object]]) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["青川县团代表名册"])
    ws.merge_cells("A1:F1")
    ws.append(["序号", "姓 名", "性别", "身份证号码", "联系电话", "联络站"])
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def wait_idle(qtbot, dialog: RosterImportDialog) -> None:
    qtbot.waitUntil(lambda: not dialog.busy, timeout=30000)


def test_import_preview_marks_bad_cells_and_saves_problem_list(
    qtbot, tab: PeopleTab, demo_db: Database, tmp_path: Path
) -> None:
    before = digest(demo_db.path)
    path = write_roster(
        tmp_path / "名册.xlsx",
        [
            [1, "张　三", "女", ID_A, "138 1234 5678", "乔庄镇联络站"],
            [2, "李四", "女", 5.11825199503071e17, "1391234567", "乔庄镇联络站"],
        ],
    )
    dialog = RosterImportDialog(demo_db, path, tab)
    qtbot.addWidget(dialog)
    wait_idle(qtbot, dialog)
    assert not dialog.import_button.isEnabled()
    texts = [dialog.problem_list.item(i).text() for i in range(dialog.problem_list.count())]
    assert any(t.startswith("第3行［性别］") for t in texts)
    assert any(t.startswith("第4行［身份证号码］") and "文本" in t for t in texts)
    assert any(t.startswith("第4行［联系电话］") for t in texts)
    model = dialog.preview_model
    id_col = model.headers.index("身份证号码")
    bad = model.data(model.index(1, id_col), Qt.ItemDataRole.BackgroundRole)
    good = model.data(model.index(0, id_col), Qt.ItemDataRole.BackgroundRole)
    assert bad is not None and bad.color().name() == "#f4c7c3"
    assert good is None or good.color().name() != "#f4c7c3"
    assert model.headerData(1, Qt.Orientation.Vertical) == "第4行"
    dialog.only_bad.setChecked(True)
    assert model.rowCount() == 2
    saved = dialog.save_problem_list(tmp_path / "问题清单.xlsx")
    sheet = openpyxl.load_workbook(saved).active
    rows = [r for r in sheet.iter_rows(min_row=2, values_only=True) if r[0]]
    assert len(rows) == len(texts)
    assert digest(demo_db.path) == before  # checking writes nothing


def test_import_with_mapping_correction_new_station_question_and_progress(
    qtbot, tab: PeopleTab, demo_db: Database, tmp_path: Path
) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["名单", "号码", "手机号码", "站点"])  # 名单/号码/站点 are not names we know
    ws.append(["王小明", ID_A, "13812345678", "新建镇联络站"])
    ws.append(["赵小红", ID_B, "0839-7202201", "新建镇联络站"])
    path = tmp_path / "非标准名册.xlsx"
    wb.save(path)
    asked: list[str] = []
    dialog = RosterImportDialog(
        demo_db, path, tab, ask=lambda _title, text: asked.append(text) or True
    )
    qtbot.addWidget(dialog)
    wait_idle(qtbot, dialog)
    # no 姓名 column was recognised; the user points the mapping at the right columns
    assert not dialog.import_button.isEnabled()
    combos = dialog.mapping_combos
    combos["name"].setCurrentIndex(combos["name"].findText("名单"))
    combos["id_number"].setCurrentIndex(combos["id_number"].findText("号码"))
    combos["station"].setCurrentIndex(combos["station"].findText("站点"))
    assert dialog.recheck_button.isEnabled()
    dialog.recheck_button.click()
    wait_idle(qtbot, dialog)
    assert dialog.preview.ok, dialog.preview.problems
    assert "新建镇联络站" in dialog.summary_label.text()
    progress: list[tuple[int, int]] = []
    bar = dialog.progress
    bar.valueChanged.connect(lambda value: progress.append((value, bar.maximum())))
    dialog.import_button.click()
    wait_idle(qtbot, dialog)
    assert asked and "新建镇联络站" in asked[0]
    assert dialog.summary is not None and dialog.summary.added == 2
    assert progress and progress[-1] == (4, 4)  # the bar reached the end: 2 rows checked, 2 written
    assert [v for v, _m in progress] == sorted(v for v, _m in progress)  # and never went back
    with demo_db.session() as s:
        names = set(s.scalars(select(Person.name).where(Person.id_number.in_([ID_A, ID_B]))))
        assert names == {"王小明", "赵小红"}
        assert s.scalar(
            select(func.count()).select_from(Station).where(Station.name == "新建镇联络站")
        )


def test_import_declined_new_stations_writes_nothing(
    qtbot, tab: PeopleTab, demo_db: Database, tmp_path: Path
) -> None:
    path = write_roster(tmp_path / "名册.xlsx", [[1, "王小明", "男", ID_A, "", "没有的联络站"]])
    dialog = RosterImportDialog(demo_db, path, tab, ask=lambda *_: False)
    qtbot.addWidget(dialog)
    wait_idle(qtbot, dialog)
    before = digest(demo_db.path)
    dialog.import_button.click()
    assert "未导入" in dialog.status.text()
    assert digest(demo_db.path) == before


def test_import_cancel_leaves_database_unchanged(
    qtbot, tab: PeopleTab, demo_db: Database, tmp_path: Path
) -> None:
    rows = [
        [
            i,
            f"代表{i}",
            "",
            make_id_number("511825", date(1980, 1, 1) + timedelta(i), 1, "男"),
            "",
            "",
        ]
        for i in range(1, 3001)
    ]
    path = write_roster(tmp_path / "大名册.xlsx", rows)
    dialog = RosterImportDialog(demo_db, path, tab)
    qtbot.addWidget(dialog)
    wait_idle(qtbot, dialog)
    assert dialog.preview.ok
    before = digest(demo_db.path)
    # cancel as soon as the import starts: the cancel flag is checked before each batch
    dialog.import_button.click()
    assert dialog.busy and dialog.cancel_button.isEnabled()
    dialog.cancel_work()
    wait_idle(qtbot, dialog)
    assert "已取消" in dialog.status.text()
    assert dialog.summary is None
    assert digest(demo_db.path) == before
    assert dialog.import_button.isEnabled()  # can be started again


def tab_button(tab: QWidget, text: str) -> QPushButton:
    return next(b for b in tab.findChildren(QPushButton) if b.text() == text)


def test_tab_export_and_template_buttons_write_real_files(
    qtbot, tab: PeopleTab, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Clicked as a user does (these two buttons crashed on clicked(bool) before); the file
    dialog opens in the folder last used for the same kind of output; 已保存 says where."""
    saved: list[str] = []
    asked_in: list[str] = []
    out = tmp_path / "导出"
    out.mkdir()

    def answer(box: QMessageBox) -> int:
        masked = [b for b in box.buttons() if b.text() == "隐去证件号和电话"]
        if masked:
            masked[0].click()
        else:  # 已保存 with 打开 / 打开所在文件夹 / 关闭
            saved.append(f"{box.text()}|{box.informativeText()}")
            assert {"打开", "打开所在文件夹"} <= {b.text() for b in box.buttons()}
        return 0

    def get_save(_parent, _title, suggested, *_a, **_k):
        asked_in.append(suggested)
        return str(out / Path(suggested).name), ""

    replace: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", answer)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", get_save)
    monkeypatch.setattr(
        QMessageBox,
        "question",
        lambda _p, _t, text, *_a: replace.append(text) or QMessageBox.StandardButton.No,
    )
    station_item = tab.tree.topLevelItem(1).child(0)
    tab.tree.setCurrentItem(station_item)
    qtbot.mouseClick(tab_button(tab, "导出名册…"), Qt.MouseButton.LeftButton)
    station = station_item.text(0)
    target = out / f"{station}名册（脱敏）.xlsx"
    delegates = sum(1 for e in tab.model._rows if "团代表" in e.roles)
    assert delegates > 0
    sheet = openpyxl.load_workbook(target).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) - 2 == delegates  # a title row, the header row, one row each
    values = [c for row in rows for c in row if isinstance(c, str)]
    assert any("********" in v for v in values)
    assert saved == [f"已导出 {delegates} 人到 {target.name}|{target}"]
    qtbot.mouseClick(tab_button(tab, "下载导入模板…"), Qt.MouseButton.LeftButton)
    template = out / "团代表名册导入模板.xlsx"
    headers = list(openpyxl.load_workbook(template).active.iter_rows(values_only=True))[1]
    assert "姓名" in headers and "身份证号" in headers
    assert saved[1] == f"模板已保存：{template.name}|{template}"
    # the template dialog opened in the folder the roster went to? no: each kind remembers its own
    assert Path(asked_in[1]).parent != out
    qtbot.mouseClick(tab_button(tab, "导出名册…"), Qt.MouseButton.LeftButton)
    assert Path(asked_in[2]).parent == out  # the roster's own last folder
    assert replace == [f"「{target.name}」已经存在，要替换它吗？"]
    assert len(saved) == 2  # declined: nothing written, nothing announced
    template = openpyxl.load_workbook(out / "团代表名册导入模板.xlsx")
    ws, lists = template["团代表名册"], template["下拉选项"]
    header = [c.value for c in ws[2]]
    assert header[:4] == ["姓名", "性别", "出生年月", "身份证号"] and "所属联络站" in header
    for column in ("身份证号", "手机号码"):  # typed numbers stay text: no 5.11825E+17
        col = header.index(column) + 1
        cells = ws.iter_rows(min_row=3, max_row=2002, min_col=col, max_col=col)
        assert {c.number_format for (c,) in cells} == {"@"}, column
    drop_downs = {}
    for dv in ws.data_validations.dataValidation:
        first, last = (ws[ref] for ref in str(dv.sqref).split(":"))
        assert dv.type == "list" and (first.row, last.row) == (3, 2002)  # 2,000 rows to fill
        assert first.column == last.column
        column = header[first.column - 1]
        source = dv.formula1.split("!")[1].replace("$", "")
        drop_downs[column] = [c.value for (c,) in lists[source]]
    station_names = [tab.tree.topLevelItem(1).text(0)] + [
        tab.tree.topLevelItem(1).child(i).text(0)
        for i in range(tab.tree.topLevelItem(1).childCount())
    ]
    assert drop_downs["性别"] == ["男", "女"]
    assert drop_downs["代表层级"] == ["市", "县", "乡镇"]
    assert drop_downs["状态"] == ["在任", "免职", "辞职", "届满"]
    assert sorted(drop_downs["所属联络站"]) == sorted(station_names)
    assert "志愿服务小组" in drop_downs["专项小组"]
    assert lists.sheet_state == "hidden"


def test_main_window_counts_follow_edits(qtbot, tmp_path: Path, no_popups) -> None:
    from twdesk.ui.app import make_application
    from twdesk.ui.main_window import MainWindow

    make_application()
    path = tmp_path / "demo.sqlite"
    create_demo_database(path, stations=3, delegates=10, years=1, seed=4, today=date(2026, 11, 24))
    window = MainWindow(open_database(path))
    qtbot.addWidget(window)
    with window.db.session() as s:
        delegates = people_count(s)
    assert f"在任团代表 {delegates} ·" in window.counts_label.text()
    run_action(
        window,
        window.db,
        lambda s: people.save_person(s, {"name": "新代表", "is_delegate": True}),
        changes=[PEOPLE],
    )  # what every editor does: the status bar follows on the change bus
    assert f"在任团代表 {delegates + 1} ·" in window.counts_label.text()
    window.close()


def people_count(session) -> int:
    from twdesk.services.overview import record_counts

    return record_counts(session)["delegates"]


def test_duplicate_choice_turns_a_refused_file_into_skip_or_update(
    qtbot, tab: PeopleTab, demo_db: Database, tmp_path: Path, qtmodeltester
) -> None:
    with demo_db.transaction() as s:
        existing = people.save_person(s, {"name": "张三", "id_number": ID_A, "is_delegate": True})
        existing_id = existing.id
    path = write_roster(
        tmp_path / "名册.xlsx",
        [
            [1, "张三", "男", ID_A, "13812345678", ""],
            [2, "赵小红", "女", ID_B, "", ""],
        ],
    )
    dialog = RosterImportDialog(demo_db, path, tab)
    qtbot.addWidget(dialog)
    wait_idle(qtbot, dialog)
    qtmodeltester.check(dialog.preview_model)
    assert not dialog.import_button.isEnabled()
    assert "数据库中已有" in dialog.problem_list.item(0).text()
    dialog.duplicates.setCurrentIndex(dialog.duplicates.findData("update"))
    wait_idle(qtbot, dialog)
    assert dialog.import_button.isEnabled()
    assert "库中已有" in dialog.summary_label.text()
    dialog.import_button.click()
    wait_idle(qtbot, dialog)
    assert (dialog.summary.added, dialog.summary.updated) == (1, 1)
    with demo_db.session() as s:
        assert s.get(Person, existing_id).phone == "13812345678"


def test_the_table_fills_its_width_after_reloads(qtbot, tab: PeopleTab) -> None:
    """Defect 10: after a reload the columns shrank and left a gap on the right."""
    header = tab.table.horizontalHeader()
    for text in ("", "zzzzzz", ""):
        tab.search.setText(text)
        tab.reload()
        qtbot.wait(10)
        assert header.length() >= tab.table.viewport().width()  # no gap on the right
    tab.resize(1800, 700)  # wider than the columns need: the last one takes the rest
    qtbot.waitUntil(lambda: header.length() == tab.table.viewport().width())
    tab.reload()
    assert header.length() == tab.table.viewport().width()


def test_person_editor_asks_before_discarding_typed_data(
    qtbot, tab: PeopleTab, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Defect 10: 取消, Esc or closing the window threw typed data away without a word."""
    asked: list[str] = []
    answer = [QMessageBox.StandardButton.No]
    monkeypatch.setattr(
        QMessageBox, "question", lambda _p, title, *_a: asked.append(title) or answer[0]
    )
    station_item = tab.tree.topLevelItem(1).child(0)
    tab.tree.setCurrentItem(station_item)
    dialog = tab.person_dialog()
    qtbot.addWidget(dialog)
    dialog.show()
    # a new person starts in the station selected in the tree
    assert dialog.station_combo.currentData() == tab.selected_station_id() is not None
    # nothing typed: closes without a question
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and asked == []

    dialog = tab.person_dialog()
    qtbot.addWidget(dialog)
    dialog.show()
    type_chinese(dialog.widgets["name"], "曾䶮")
    cancel = next(b for b in dialog.findChildren(QPushButton) if b.text() == "取消")
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)  # 取消: asked, kept
    assert asked == ["放弃修改？"] and dialog.isVisible()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # Esc: asked, kept
    assert asked == ["放弃修改？"] * 2 and dialog.isVisible()
    dialog.close()  # the window's close button: asked, kept
    assert asked == ["放弃修改？"] * 3 and dialog.isVisible()
    assert dialog.widgets["name"].text() == "曾䶮"
    answer[0] = QMessageBox.StandardButton.Yes  # 放弃
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible() and dialog.result() == QDialog.DialogCode.Rejected
