"""One duty record (履职记录): what, when, who, how many young people, project, photos."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from twdesk.core.errors import UserError
from twdesk.core.vocab import ActivitySource
from twdesk.services import ledger
from twdesk.services.ledger import ActivityDetail, LedgerError
from twdesk.services.links import branch_choices
from twdesk.services.people import group_choices, station_choices
from twdesk.services.people_search import PeopleIndex
from twdesk.ui.actions import LEDGER, run_action, run_read, show_error
from twdesk.ui.dialogs.pickers import ID_ROLE, LinkList, people_picker
from twdesk.ui.photo import downscaled, jpeg_bytes

if TYPE_CHECKING:
    from twdesk.db.dbfile import Database

ERROR_STYLE = "border: 2px solid #b3261e; border-radius: 3px;"


class ActivityDialog(QDialog):
    def __init__(
        self,
        db: Database,
        index: PeopleIndex,
        activity_id: str | None = None,
        *,
        source: str = str(ActivitySource.STATION),
        recorded_by_id: str | None = None,
        station_id: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db, self.index, self.activity_id = db, index, activity_id
        self.source, self.recorded_by_id = source, recorded_by_id
        self.saved_id: str | None = None
        self.new_files: list[tuple[str, bytes, bytes]] = []  # filename, jpeg, thumbnail
        with db.session() as s:
            types = ledger.activity_types(s)
            stations = station_choices(s)
            projects = ledger.project_choices(s)
            groups = group_choices(s)
            branches = branch_choices(s)
            activity = ledger.activity_detail(s, activity_id) if activity_id else None
        participants: list[tuple[str, str]] = []
        absent: list[tuple[str, str]] = []
        files: list[tuple[str, str]] = []
        if activity is not None:
            self.source, self.recorded_by_id = activity.source, activity.recorded_by_id
            participants, files = list(activity.participants), list(activity.attachments)
            absent = list(activity.absent)
        elif recorded_by_id:
            name = next((e.name for e in index.entries if e.id == recorded_by_id), "")
            participants = [(recorded_by_id, name)]
        title = (
            self.tr("本人填报履职记录（分账本）")
            if self.source == ActivitySource.SELF
            else self.tr("联络站登记履职记录（总账本）")
        )
        self.setWindowTitle(title if not activity_id else self.tr("编辑履职记录"))
        self.day = QDateEdit(QDate.currentDate())
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.kind = QComboBox()
        self.kind.addItems(types)
        self.title = QLineEdit()
        self.place = QLineEdit()
        self.youth = QSpinBox()
        self.youth.setRange(0, 100000)
        self.youth.setSuffix(self.tr(" 人次"))
        self.station = self._combo(self.tr("（不指定）"), stations)
        self.project = self._combo(self.tr("（无）"), projects)
        self.group = self._combo(self.tr("（无）"), [(g, f"{st}·{n}") for g, n, st in groups])
        self.branch = self._combo(self.tr("（无）"), branches)
        self.notes = QPlainTextEdit()
        self.notes.setMaximumHeight(60)

        self.participants = LinkList(
            self.tr("参与代表（每人都记入本次活动的人次）"),
            people_picker(self, index, self.tr("选择参与代表"), role="团代表"),
        )
        self.participants.set_items(participants)
        # the station's register also records who was expected and stayed away without leave
        self.absent = LinkList(
            self.tr("无故缺席的代表（应到未到、未请假；考核“参加会议”时每次扣分）"),
            people_picker(self, index, self.tr("选择无故缺席的代表"), role="团代表"),
        )
        self.absent.set_items(absent)
        self.absent.setVisible(self.source == ActivitySource.STATION)
        self.files = QListWidget()
        self.files.setMaximumHeight(80)
        for aid, name in files:
            item = QListWidgetItem(name)
            item.setData(ID_ROLE, aid)
            self.files.addItem(item)
        self.files.itemDoubleClicked.connect(self.show_attachment)
        add_file = QPushButton(self.tr("添加照片或扫描件…"))
        add_file.clicked.connect(lambda: self.choose_files())
        self.loaded_version = activity.row_version if activity is not None else None
        if activity is not None:
            self._fill(activity)
        elif station_id:
            self.station.setCurrentIndex(max(self.station.findData(station_id), 0))
        self.widgets = {
            "activity_date": self.day,
            "activity_type": self.kind,
            "title": self.title,
            "youth_count": self.youth,
            "participants": self.participants,
            "absent": self.absent,
        }
        form = QFormLayout()
        form.addRow(self.tr("日期"), self.day)
        form.addRow(self.tr("活动类型"), self.kind)
        form.addRow(self.tr("活动名称"), self.title)
        form.addRow(self.tr("地点"), self.place)
        form.addRow(self.tr("覆盖人次"), self.youth)
        form.addRow(self.tr("联络站"), self.station)
        form.addRow(self.tr("所属项目"), self.project)
        form.addRow(self.tr("专项小组"), self.group)
        form.addRow(self.tr("联系的团支部"), self.branch)
        form.addRow(self.tr("备注"), self.notes)
        files_row = QHBoxLayout()
        files_row.addWidget(self.files, 1)
        files_row.addWidget(add_file)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b3261e;")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("保存"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(lambda: self.save())
        buttons.rejected.connect(lambda: self.reject())
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.participants)
        layout.addWidget(self.absent)
        layout.addWidget(QLabel(self.tr("附件（照片会缩小后存入数据库；双击查看）")))
        layout.addLayout(files_row)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(620, 820)

    def _combo(self, first: str, items: list[tuple[str, str]]) -> QComboBox:
        combo = QComboBox()
        combo.addItem(first, None)
        for value, text in items:
            combo.addItem(text, value)
        return combo

    def values(self) -> dict[str, object]:
        return {
            "activity_date": self.day.date().toPython(),
            "activity_type": self.kind.currentText(),
            "title": self.title.text(),
            "place": self.place.text(),
            "youth_count": self.youth.value(),
            "station_id": self.station.currentData(),
            "project_id": self.project.currentData(),
            "group_id": self.group.currentData(),
            "branch_id": self.branch.currentData(),
            "notes": self.notes.toPlainText(),
        }

    def choose_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(
            self, self.tr("选择照片或扫描件"), "", self.tr("图片 (*.jpg *.jpeg *.png)")
        )
        for name in names:
            self.add_file(Path(name))

    def add_file(self, path: Path) -> bool:
        image = QImage(str(path))
        if image.isNull():
            self.error.setText(self.tr("「{0}」不是可以读取的图片。").format(path.name))
            return False
        data = jpeg_bytes(downscaled(image, 1600), 82)
        thumb = jpeg_bytes(downscaled(image, 240), 80)
        self.new_files.append((path.stem + ".jpg", data, thumb))
        self.files.addItem(QListWidgetItem(self.tr("{0}（新）").format(path.name)))
        return True

    def show_attachment(self, item: QListWidgetItem) -> None:
        aid = item.data(ID_ROLE)
        if not aid:
            return
        data = run_read(self, self.db, lambda s: ledger.attachment_data(s, aid))
        if data is None:
            return
        viewer = QDialog(self)
        viewer.setWindowTitle(item.text())
        label = QLabel()
        pixmap = QPixmap.fromImage(QImage.fromData(data))
        label.setPixmap(pixmap.scaled(900, 700, Qt.AspectRatioMode.KeepAspectRatio))
        QVBoxLayout(viewer).addWidget(label)
        viewer.open()

    def _fill(self, activity: ActivityDetail) -> None:
        d = activity.activity_date
        self.day.setDate(QDate(d.year, d.month, d.day))
        self.kind.setCurrentText(activity.activity_type)
        self.title.setText(activity.title)
        self.place.setText(activity.place)
        self.youth.setValue(activity.youth_count)
        self.notes.setPlainText(activity.notes)
        for combo, value in (
            (self.station, activity.station_id),
            (self.project, activity.project_id),
            (self.group, activity.group_id),
            (self.branch, activity.branch_id),
        ):
            combo.setCurrentIndex(max(combo.findData(value), 0))

    def reload(self) -> None:
        """重新载入: the entry as saved now replaces what was typed here (photos chosen here
        and not saved are dropped too)."""
        assert self.activity_id is not None
        activity = run_read(self, self.db, lambda s: ledger.activity_detail(s, self.activity_id))
        if activity is None:  # deleted meanwhile: the error was shown
            self.reject()
            return
        self._fill(activity)
        self.participants.set_items(list(activity.participants))
        self.absent.set_items(list(activity.absent))
        self.new_files = []
        self.files.clear()
        for aid, name in activity.attachments:
            item = QListWidgetItem(name)
            item.setData(ID_ROLE, aid)
            self.files.addItem(item)
        for widget in self.widgets.values():
            widget.setStyleSheet("")
        self.error.setText("")
        self.loaded_version = activity.row_version

    def save(self) -> bool:
        for widget in self.widgets.values():
            widget.setStyleSheet("")
        values, people, files = self.values(), self.participants.ids(), list(self.new_files)
        absent = self.absent.ids() if self.source == ActivitySource.STATION else []
        source, recorded_by, activity_id = self.source, self.recorded_by_id, self.activity_id
        expected = self.loaded_version

        def write(s) -> ActivityDetail:  # type: ignore[no-untyped-def]
            saved = ledger.save_activity(
                s,
                values,
                people,
                source=source,
                recorded_by_id=recorded_by,
                activity_id=activity_id,
                absent_ids=absent,
                expected_version=expected,
            )
            for name, data, thumb in files:
                ledger.add_attachment(s, saved.id, name, "image/jpeg", data, thumb)
            return saved

        saved = run_action(
            self,
            self.db,
            write,
            changes=[LEDGER],
            on_error=self._show_problems,
            on_reload=self.reload,
        )
        if saved is None:
            return False
        self.saved_id = saved.id
        self.accept()
        return True

    def _show_problems(self, exc: UserError) -> None:
        if not isinstance(exc, LedgerError):
            show_error(self, exc)
            return
        for key in exc.problems:
            if key in self.widgets:
                self.widgets[key].setStyleSheet(ERROR_STYLE)
        self.error.setText(self.tr("未保存：") + str(exc))
