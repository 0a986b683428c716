"""Add or edit a station (联络站) and its public board (五公开)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from twdesk.core.errors import UserError
from twdesk.core.vocab import StationKind
from twdesk.services import stations
from twdesk.services.files import Database
from twdesk.ui.actions import PEOPLE, STATIONS, run_action
from twdesk.ui.i18n import tr

LINE_FIELDS = (
    ("name", tr("名称")),
    ("address", tr("地址")),
    ("hours", tr("开放时间")),
    ("leader_name", tr("负责人")),
    ("leader_phone", tr("负责人电话")),
    ("contact_phone", tr("联系电话")),
)
TEXT_FIELDS = (
    ("duties", tr("工作职责")),
    ("rules", tr("工作制度")),
    ("pledges", tr("服务承诺")),
    ("yearly_plan", tr("年度计划")),
    ("notes", tr("备注")),
)


class StationDialog(QDialog):
    def __init__(
        self,
        db: Database,
        station_id: str | None = None,
        *,
        parent_id: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.station_id = station_id
        self.saved_id: str | None = None
        with db.session() as s:
            values = stations.load_station(s, station_id) if station_id else {}
            nodes = stations.station_tree(s)
        self.loaded_version: int | None = values.get("row_version")  # type: ignore[assignment]
        self.setWindowTitle(self.tr("编辑联络站") if station_id else self.tr("新增联络站"))
        self.edits: dict[str, QLineEdit | QPlainTextEdit] = {}
        form = QFormLayout()
        for key, label in LINE_FIELDS:
            edit = QLineEdit(str(values.get(key) or ""))
            self.edits[key] = edit
            form.addRow(self.tr(label), edit)
            if key == "name":
                self.kind = QComboBox()
                self.kind.addItems([str(k) for k in StationKind])
                default_kind = StationKind.TOWNSHIP if parent_id else StationKind.COUNTY
                self.kind.setCurrentText(str(values.get("kind") or default_kind))
                form.addRow(self.tr("类型"), self.kind)
                self.parent_combo = QComboBox()
                self.parent_combo.addItem(self.tr("（无，最上级）"), None)
                for n in nodes:
                    if n.id != station_id:
                        self.parent_combo.addItem(n.name, n.id)
                wanted = values.get("parent_id", parent_id)
                self.parent_combo.setCurrentIndex(max(self.parent_combo.findData(wanted), 0))
                form.addRow(self.tr("上级联络站"), self.parent_combo)
        self.edits["hours"].setPlaceholderText(self.tr("如：每周三 9:00-12:00"))
        for key, label in TEXT_FIELDS:
            edit = QPlainTextEdit(str(values.get(key) or ""))
            edit.setMaximumHeight(60)
            self.edits[key] = edit
            form.addRow(self.tr(label), edit)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b3261e;")
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("保存"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        note = QLabel(
            self.tr("负责人、电话、职责、开放时间和年度计划即“五公开”内容，会印在公示材料上。")
        )
        note.setWordWrap(True)
        note.setStyleSheet("color: #666;")
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(520, 640)

    def values(self) -> dict[str, object]:
        values: dict[str, object] = {
            key: (edit.text() if isinstance(edit, QLineEdit) else edit.toPlainText()).strip()
            for key, edit in self.edits.items()
        }
        values["kind"] = self.kind.currentText()
        values["parent_id"] = self.parent_combo.currentData()
        return values

    def reload(self) -> None:
        """重新载入: the station as saved now replaces what was typed here."""
        assert self.station_id is not None
        try:
            with self.db.session() as s:
                values = stations.load_station(s, self.station_id)
        except UserError as exc:  # deleted meanwhile: said here, nothing left to save
            self.error.setText(str(exc))
            return
        for key, edit in self.edits.items():
            text = str(values.get(key) or "")
            if isinstance(edit, QLineEdit):
                edit.setText(text)
            else:
                edit.setPlainText(text)
        self.kind.setCurrentText(str(values.get("kind") or ""))
        self.parent_combo.setCurrentIndex(max(self.parent_combo.findData(values["parent_id"]), 0))
        self.loaded_version = values["row_version"]  # type: ignore[assignment]
        self.error.setText("")

    def save(self) -> bool:
        values = self.values()
        saved = run_action(
            self,
            self.db,
            lambda s: (
                stations.save_station(
                    s, values, self.station_id, expected_version=self.loaded_version
                ).id
            ),
            changes=[STATIONS, PEOPLE],
            on_error=lambda exc: self.error.setText(str(exc)),
            on_reload=self.reload,
        )
        if saved is None:
            return False
        self.saved_id = saved
        self.accept()
        return True
