"""The duty-day intake form: keyboard first (Tab moves on; Enter in a one-line field saves and
starts the next; in the two text boxes Enter starts a new line; Ctrl+Enter saves from anywhere),
station and on-duty delegate pre-filled from the duty calendar, recent choices remembered."""

from __future__ import annotations

import itertools
from datetime import date, datetime, time
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QEvent, QObject, Qt, QTime
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from twdesk.core.errors import UserError
from twdesk.core.vocab import AgeGroup, Channel, VisitorIdentity
from twdesk.services import visits
from twdesk.services.people import station_choices
from twdesk.services.visits import FIELD_LABELS, ItemInput, VisitError
from twdesk.ui.actions import VISITS, run_action, show_error
from twdesk.ui.readonly import mark_editing
from twdesk.ui.settings import app_settings

if TYPE_CHECKING:
    from twdesk.db.dbfile import Database

ERROR_STYLE = "border: 2px solid #b3261e; border-radius: 3px;"
REMEMBERED = ("channel", "category", "identity", "age_group")


class IntakeForm(QWidget):
    def __init__(
        self,
        db: Database,
        parent: QWidget | None = None,
        *,
        today: date | None = None,
        load: bool = True,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self._today = today
        self.settings = app_settings()
        self.widgets: dict[str, QWidget] = {}
        self.date = QDateEdit()
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.time = QTimeEdit()
        self.time.setDisplayFormat("HH:mm")
        self.station = QComboBox()
        self.station.currentIndexChanged.connect(lambda _i: self._fill_receivers())
        self.receiver = QComboBox()
        self.channel = self._combo("channel", [str(c) for c in Channel])
        self.visitor = QLineEdit()
        self.visitor.setPlaceholderText(self.tr("姓名"))
        self.anonymous = QCheckBox(self.tr("匿名"))
        self.anonymous.toggled.connect(lambda on: self.visitor.setEnabled(not on))
        self.gender = self._combo("gender", ["", "男", "女"])
        self.age_group = self._combo("age_group", ["", *(str(a) for a in AgeGroup)])
        self.identity = self._combo("identity", ["", *(str(i) for i in VisitorIdentity)])
        self.phone = QLineEdit()
        self.phone.setPlaceholderText(self.tr("可不填"))
        self.unit = QLineEdit()
        self.unit.setPlaceholderText(self.tr("单位或村（社区）"))
        self.people = QSpinBox()
        self.people.setRange(1, 999)
        self.people.setSuffix(self.tr(" 人"))
        self.category = self._combo("category", [])
        self.content = QPlainTextEdit()
        self.content.setPlaceholderText(self.tr("来访事由（Enter 换行，Ctrl+Enter 保存）"))
        self.content.setTabChangesFocus(True)
        self.items = QPlainTextEdit()
        self.items.setPlaceholderText(
            self.tr("意见建议：每行一条，会分别编号、交办（Enter 另起一条，Ctrl+Enter 保存）")
        )
        self.items.setTabChangesFocus(True)
        for key, widget in (
            ("visit_date", self.date),
            ("station_id", self.station),
            ("received_by_id", self.receiver),
            ("visitor_name", self.visitor),
            ("phone", self.phone),
            ("people_count", self.people),
            ("content", self.content),
            ("items", self.items),
        ):
            self.widgets[key] = widget
        self.editing_id: str | None = None
        self.editing_version: int | None = None  # of the visit being corrected, as loaded
        self.editing_label = QLabel()
        self.editing_label.setWordWrap(True)
        self.editing_label.setStyleSheet(
            "background: #e3f0fb; padding: 6px; border-radius: 4px; color: #1f4e8c;"
        )
        self.editing_label.hide()
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b3261e;")
        self.status = QLabel()
        self.status.setStyleSheet("color: #1b5e20;")
        self.hint = QLabel(
            self.tr(
                "键盘操作：Tab 到下一栏；在单行栏内按 Enter 保存；"
                "在来访事由、意见建议框内 Enter 换行（意见建议每行一条）；Ctrl+Enter 随处保存。"
            )
        )
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #5f6368;")
        self.save_button = save = QPushButton(self.tr("保存（Ctrl+Enter）"))
        save.setDefault(True)
        save.clicked.connect(lambda: self.save())
        mark_editing(save)
        clear = QPushButton(self.tr("清空"))
        clear.clicked.connect(lambda: self.start_next())

        grid = QGridLayout()
        left, right = QFormLayout(), QFormLayout()
        when = QHBoxLayout()
        when.addWidget(self.date)
        when.addWidget(self.time)
        left.addRow(self.tr("日期"), when)
        left.addRow(self.tr("联络站"), self.station)
        left.addRow(self.tr("接待代表"), self.receiver)
        left.addRow(self.tr("渠道"), self.channel)
        left.addRow(self.tr("类别"), self.category)
        who = QHBoxLayout()
        who.addWidget(self.visitor)
        who.addWidget(self.anonymous)
        right.addRow(self.tr("来访人"), who)
        sex_age = QHBoxLayout()
        sex_age.addWidget(self.gender)
        sex_age.addWidget(self.age_group)
        right.addRow(self.tr("性别 / 年龄段"), sex_age)
        right.addRow(self.tr("身份"), self.identity)
        right.addRow(self.tr("联系电话"), self.phone)
        right.addRow(self.tr("单位或村"), self.unit)
        right.addRow(self.tr("人数"), self.people)
        grid.addLayout(left, 0, 0)
        grid.addLayout(right, 0, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(clear)
        buttons.addWidget(save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.editing_label)
        layout.addLayout(grid)
        layout.addWidget(QLabel(self.tr("来访事由")))
        layout.addWidget(self.content, 1)
        layout.addWidget(QLabel(self.tr("意见建议（每行一条）")))
        layout.addWidget(self.items, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.hint)
        layout.addLayout(buttons)

        order = [
            self.date,
            self.time,
            self.station,
            self.receiver,
            self.channel,
            self.category,
            self.visitor,
            self.anonymous,
            self.gender,
            self.age_group,
            self.identity,
            self.phone,
            self.unit,
            self.people,
            self.content,
            self.items,
            save,
        ]
        for a, b in itertools.pairwise(order):
            QWidget.setTabOrder(a, b)
        for widget in order[:-1]:
            widget.installEventFilter(self)
        if load:
            self.reload()

    @property
    def today(self) -> date:
        return self._today or date.today()

    def _combo(self, key: str, items: list[str]) -> QComboBox:
        combo = QComboBox()
        combo.addItems(items)
        self.widgets[key] = combo
        return combo

    # --- filling ------------------------------------------------------------------------------

    def reload(self) -> None:
        with self.db.session() as s:
            stations = station_choices(s)
            names = visits.categories(s)
            defaults = visits.intake_defaults(s, self.today)
        self.category.clear()
        self.category.addItems(names)
        self.station.blockSignals(True)
        self.station.clear()
        for sid, name in stations:
            self.station.addItem(name, sid)
        station = defaults.station_id or self.settings.value("intake/station_id")
        self.station.setCurrentIndex(max(self.station.findData(station), 0))
        self.station.blockSignals(False)
        self._fill_receivers(defaults.received_by_id)
        self.date.setDate(QDate(self.today.year, self.today.month, self.today.day))
        now = datetime.now().time()
        self.time.setTime(QTime(now.hour, now.minute))
        for key in REMEMBERED:
            value = self.settings.value(f"intake/{key}")
            combo = self.widgets[key]
            if value and isinstance(combo, QComboBox) and combo.findText(str(value)) >= 0:
                combo.setCurrentText(str(value))
        self.visitor.setFocus()

    def _fill_receivers(self, select_id: str | None = None) -> None:
        station_id = self.station.currentData()
        with self.db.session() as s:
            people = visits.receiver_choices(s, station_id)
        current = select_id or self.receiver.currentData()
        self.receiver.clear()
        self.receiver.addItem(self.tr("（未指定）"), None)
        for pid, name in people:
            self.receiver.addItem(name, pid)
        self.receiver.setCurrentIndex(max(self.receiver.findData(current), 0))

    # --- keyboard -----------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        enter = (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        )
        if enter and self.save_button.isEnabled():  # not on a read-only file
            assert isinstance(event, QKeyEvent)
            if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
                self.save()  # Ctrl+Enter saves from anywhere
                return True
            if isinstance(watched, QPlainTextEdit) or (
                event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            ):
                return False  # a new line (a new item in the one-per-line box)
            if isinstance(watched, QComboBox) and watched.view().isVisible():
                return False  # choosing from an open list
            self.save()
            return True
        return super().eventFilter(watched, event)

    # --- saving -------------------------------------------------------------------------------

    def values(self) -> dict[str, object]:
        t = self.time.time()
        return {
            "visit_date": self.date.date().toPython(),
            "visit_time": time(t.hour(), t.minute()),
            "station_id": self.station.currentData(),
            "received_by_id": self.receiver.currentData(),
            "channel": self.channel.currentText(),
            "visitor_name": self.visitor.text(),
            "anonymous": self.anonymous.isChecked(),
            "gender": self.gender.currentText(),
            "age_group": self.age_group.currentText(),
            "identity": self.identity.currentText(),
            "phone": self.phone.text(),
            "unit_or_village": self.unit.text(),
            "people_count": self.people.value(),
            "category": self.category.currentText(),
            "content": self.content.toPlainText(),
        }

    def item_inputs(self) -> list[ItemInput]:
        return [ItemInput(line) for line in self.items.toPlainText().splitlines() if line.strip()]

    def save(self) -> str | None:
        for widget in self.widgets.values():
            widget.setStyleSheet("")
        values, items, editing = self.values(), self.item_inputs(), self.editing_id
        expected = self.editing_version if editing else None
        visit = run_action(
            self,
            self.db,
            lambda s: visits.save_visit(
                s, values, items, visit_id=editing, expected_version=expected
            ),
            changes=[VISITS],
            on_error=self._show_problems,
            on_reload=(lambda: self.load_visit(editing)) if editing else None,
        )
        if visit is None:
            return None
        for key in REMEMBERED:
            combo = self.widgets[key]
            assert isinstance(combo, QComboBox)
            self.settings.setValue(f"intake/{key}", combo.currentText())
        self.settings.setValue("intake/station_id", self.station.currentData())
        who = self.tr("匿名") if self.anonymous.isChecked() else self.visitor.text().strip()
        text = self.tr("已保存：{0}").format(who)
        if visit.items:
            text += self.tr("，意见建议编号 {0}").format("、".join(i.number for i in visit.items))
        self.status.setText(text)
        self.error.setText("")
        self.start_next()
        return visit.id

    def _show_problems(self, exc: UserError) -> None:
        """Mark the fields to fix and say why, next to the form (no message box)."""
        if not isinstance(exc, VisitError):
            show_error(self, exc)
            return
        for key in exc.problems:
            if key in self.widgets:
                self.widgets[key].setStyleSheet(ERROR_STYLE)
        self.error.setText(
            self.tr("未保存：")
            + "；".join(f"{FIELD_LABELS.get(k, k)}{v}" for k, v in exc.problems.items())
        )
        first = next((k for k in exc.problems if k in self.widgets), None)
        if first:
            self.widgets[first].setFocus()

    def load_visit(self, visit_id: str) -> None:
        """Correct a recorded visit: its values in the form; new item lines are added to it."""
        with self.db.session() as s:
            visit = visits.visit_detail(s, visit_id)
        self.editing_id = visit_id
        self.editing_version = visit.row_version
        d = visit.visit_date
        self.date.setDate(QDate(d.year, d.month, d.day))
        if visit.visit_time:
            self.time.setTime(QTime(visit.visit_time.hour, visit.visit_time.minute))
        self.station.blockSignals(True)
        self.station.setCurrentIndex(max(self.station.findData(visit.station_id), 0))
        self.station.blockSignals(False)
        self._fill_receivers(visit.received_by_id)
        for combo, value in (
            (self.channel, visit.channel),
            (self.gender, visit.gender),
            (self.age_group, visit.age_group),
            (self.identity, visit.identity),
            (self.category, visit.category),
        ):
            combo.setCurrentIndex(max(combo.findText(value), 0))
        self.anonymous.setChecked(visit.anonymous)
        self.visitor.setText(visit.visitor_name)
        self.phone.setText(visit.phone)
        self.unit.setText(visit.unit_or_village)
        self.people.setValue(visit.people_count)
        self.content.setPlainText(visit.content)
        self.items.clear()
        numbers = "、".join(f"{i.number}（{i.status}）" for i in visit.items) or self.tr("无")
        self.editing_label.setText(
            self.tr(
                "正在修改 {0} 的来访登记。已有意见建议：{1}；在下面新写的每一行会作为新的意见建议加入。"
            ).format(f"{d:%Y-%m-%d}", numbers)
        )
        self.editing_label.show()
        self.visitor.setFocus()

    def start_next(self) -> None:
        """Clear the visitor's fields; keep date, station, delegate, channel and category."""
        self.editing_id = None
        self.editing_label.hide()
        for edit in (self.visitor, self.phone, self.unit):
            edit.clear()
        self.anonymous.setChecked(False)
        self.gender.setCurrentIndex(0)
        self.people.setValue(1)
        self.content.clear()
        self.items.clear()
        self.visitor.setFocus()
