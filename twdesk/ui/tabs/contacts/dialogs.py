"""The contact log entry and the young person's editor (the only place a phone shows in full)."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from twdesk.core.youth_contacts import AGE_GROUPS, CONTACT_WAYS
from twdesk.ui.i18n import tr
from twdesk.ui.tabs.contacts.common import date_edit


def _buttons(dialog: QDialog) -> QDialogButtonBox:
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("保存"))
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("取消"))
    buttons.accepted.connect(lambda: dialog.accept())
    buttons.rejected.connect(lambda: dialog.reject())
    return buttons


class LogDialog(QDialog):
    """记一次联系: date, way, what was discussed, help given, follow-up."""

    def __init__(self, who: str, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("记一次联系：{0}").format(who))
        self.day = date_edit(today)
        self.way = QComboBox()
        self.way.addItems(list(CONTACT_WAYS))
        self.discussed = QLineEdit()
        self.help_given = QLineEdit()
        self.follow_up = QLineEdit()
        form = QFormLayout(self)
        form.addRow(self.tr("联系日期"), self.day)
        form.addRow(self.tr("联系方式"), self.way)
        form.addRow(self.tr("交流内容"), self.discussed)
        form.addRow(self.tr("提供帮助"), self.help_given)
        form.addRow(self.tr("后续跟进"), self.follow_up)
        form.addRow(_buttons(self))

    def values(self) -> dict[str, Any]:
        return {
            "contact_date": self.day.date().toPython(),
            "way": self.way.currentText(),
            "discussed": self.discussed.text(),
            "help_given": self.help_given.text(),
            "follow_up": self.follow_up.text(),
        }


class YoungPersonDialog(QDialog):
    """One young person's details, phone and WeChat/QQ in full (masked everywhere else)."""

    def __init__(
        self, values: dict[str, Any], fields: list[str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("编辑青年信息"))
        self.name = QLineEdit(values.get("name") or "")
        self.gender = QComboBox()
        self.gender.addItems(["", "男", "女"])
        self.gender.setCurrentText(values.get("gender") or "")
        self.birth_year = QSpinBox()
        self.birth_year.setRange(0, 2100)
        self.birth_year.setSpecialValueText(self.tr("（不详）"))
        self.birth_year.setValue(values.get("birth_year") or 0)
        self.age_group = QComboBox()
        self.age_group.addItems(["", *AGE_GROUPS])
        self.age_group.setCurrentText(values.get("age_group") or "")
        self.field = QComboBox()
        current = values.get("field") or ""
        self.field.addItems(
            ["", *fields, *([current] if current and current not in fields else [])]
        )
        self.field.setCurrentText(current)
        self.organisation = QLineEdit(values.get("organisation") or "")
        self.phone = QLineEdit(values.get("phone") or "")
        self.wechat = QLineEdit(values.get("wechat") or "")
        self.notes = QLineEdit(values.get("notes") or "")
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b3261e;")
        form = QFormLayout(self)
        form.addRow(self.tr("姓名"), self.name)
        form.addRow(self.tr("性别"), self.gender)
        form.addRow(self.tr("出生年份"), self.birth_year)
        form.addRow(self.tr("年龄段"), self.age_group)
        form.addRow(self.tr("领域"), self.field)
        form.addRow(self.tr("单位或村"), self.organisation)
        form.addRow(self.tr("联系电话"), self.phone)
        form.addRow(self.tr("微信/QQ"), self.wechat)
        form.addRow(self.tr("备注"), self.notes)
        form.addRow(self.error)
        form.addRow(_buttons(self))

    def values(self) -> dict[str, Any]:
        return {
            "name": self.name.text(),
            "gender": self.gender.currentText(),
            "birth_year": self.birth_year.value() or "",
            "age_group": self.age_group.currentText(),
            "field": self.field.currentText(),
            "organisation": self.organisation.text(),
            "phone": self.phone.text(),
            "wechat": self.wechat.text(),
            "notes": self.notes.text(),
        }
