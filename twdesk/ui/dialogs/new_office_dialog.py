"""新建本单位数据库 (the welcome page): the office's name and county, then the file is created —
with the county station as the root of the station tree — where the app keeps its own file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from twdesk.core.errors import UserError
from twdesk.core.office_names import county_from_office
from twdesk.services.files import county_station_name, new_office_file


class NewOfficeDialog(QDialog):
    """Creates the file on 确定; a refusal is shown inside the dialog, which stays open."""

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = Path(path)
        self.created: Path | None = None
        self.setWindowTitle(self.tr("新建本单位数据库"))
        self.office = QLineEdit()
        self.office.setPlaceholderText(self.tr("如：青川县团委"))
        self.county = QLineEdit()
        self.county.setPlaceholderText(self.tr("如：青川县"))
        self.station_hint = QLabel()
        self.station_hint.setStyleSheet("color: #666;")
        self.station_hint.setWordWrap(True)
        self._county_typed = False
        self.office.textChanged.connect(self._office_changed)
        self.county.textEdited.connect(self._county_edited)
        self.county.textChanged.connect(lambda _t: self._show_station())
        form = QFormLayout()
        form.addRow(self.tr("单位名称"), self.office)
        form.addRow(self.tr("所在县（市、区）"), self.county)
        form.addRow("", self.station_hint)
        where = QLabel(self.tr("数据库文件：{0}").format(self.path))
        where.setStyleSheet("color: #666;")
        where.setWordWrap(True)
        self.error = QLabel()
        self.error.setObjectName("newOfficeError")
        self.error.setStyleSheet("#newOfficeError { color: #b3261e; }")
        self.error.setWordWrap(True)
        self.error.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("新建"))
        buttons.accepted.connect(self.create)
        buttons.rejected.connect(self.reject)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(where)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)
        self._show_station()

    def _office_changed(self, text: str) -> None:
        if not self._county_typed:  # the county follows the office's name until typed over
            self.county.setText(county_from_office(text))

    def _county_edited(self, _text: str) -> None:
        self._county_typed = True

    def _show_station(self) -> None:
        county = self.county.text().strip()
        self.station_hint.setText(
            self.tr("将建立县级联络站「{0}」，之后在“联络站与代表”中添加乡镇联络站。").format(
                county_station_name(county)
            )
            if county
            else self.tr("不填县名则先不建联络站，之后在“联络站与代表”中新增。")
        )

    def create(self) -> None:
        try:
            self.created = new_office_file(
                self.path, office_name=self.office.text(), county=self.county.text()
            )
        except UserError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        self.accept()
