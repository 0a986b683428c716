"""Small pickers used by the editors: people (search as you type) and youth branches."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from twdesk.services.people_search import PeopleIndex

ID_ROLE = Qt.ItemDataRole.UserRole


class PersonPickerDialog(QDialog):
    """Pick one or more people: type a name, pinyin initials, phone or ID tail."""

    def __init__(
        self,
        index: PeopleIndex,
        title: str,
        *,
        role: str | None = None,
        exclude: set[str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.index = index
        self.role = role
        self.exclude = exclude or set()
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("输入姓名、拼音首字母或电话查找"))
        self.search.textChanged.connect(self._fill)
        self.list = QListWidget()
        self.list.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.list)
        layout.addWidget(buttons)
        self.resize(420, 480)
        self._fill()

    def _fill(self) -> None:
        self.list.clear()
        shown = 0
        for e in self.index.search(self.search.text()):
            if e.id in self.exclude or (self.role and self.role not in e.roles):
                continue
            item = QListWidgetItem(f"{e.name}　{'、'.join(e.stations)}　{e.unit}".strip())
            item.setData(ID_ROLE, e.id)
            self.list.addItem(item)
            shown += 1
            if shown >= 300:  # enough to pick from; typing narrows it
                break

    def chosen(self) -> list[tuple[str, str]]:
        return [
            (item.data(ID_ROLE), item.text().split("　")[0]) for item in self.list.selectedItems()
        ]


def people_picker(
    parent: QWidget,
    index: PeopleIndex,
    title: str,
    *,
    role: str | None = None,
    never: set[str] | None = None,
) -> Callable[[set[str]], list[tuple[str, str]]]:
    """The `pick` a LinkList calls: a PersonPickerDialog without those already listed (and
    without `never`, e.g. the person being edited)."""

    def pick(exclude: set[str]) -> list[tuple[str, str]]:
        dialog = PersonPickerDialog(
            index, title, role=role, exclude=exclude | (never or set()), parent=parent
        )
        return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else []

    return pick


class LinkList(QGroupBox):
    """A titled list of linked people or branches with 添加… and 移除."""

    changed = Signal()

    def __init__(
        self,
        title: str,
        pick: Callable[[set[str]], list[tuple[str, str]]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(title, parent)
        self._pick = pick
        self.list = QListWidget()
        self.list.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        self.add_button = QPushButton(self.tr("添加…"))
        self.remove_button = QPushButton(self.tr("移除"))
        self.add_button.clicked.connect(self._add)
        self.remove_button.clicked.connect(self._remove)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addLayout(buttons)

    def set_items(self, items: list[tuple[str, str]]) -> None:
        self.list.clear()
        for item_id, text in items:
            self.add_item(item_id, text)

    def add_item(self, item_id: str, text: str) -> None:
        if item_id in self.ids():
            return
        item = QListWidgetItem(text)
        item.setData(ID_ROLE, item_id)
        self.list.addItem(item)

    def ids(self) -> list[str]:
        return [self.list.item(i).data(ID_ROLE) for i in range(self.list.count())]

    def _add(self) -> None:
        for item_id, text in self._pick(set(self.ids())):
            self.add_item(item_id, text)
        self.changed.emit()

    def _remove(self) -> None:
        for item in self.list.selectedItems():
            self.list.takeItem(self.list.row(item))
        self.changed.emit()


class BranchPickerDialog(QDialog):
    """Pick existing youth branches, or type the name of a new one."""

    def __init__(
        self, branches: list[tuple[str, str]], exclude: set[str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("选择联系的团支部"))
        self.list = QListWidget()
        self.list.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        for branch_id, name in branches:
            if branch_id in exclude:
                continue
            item = QListWidgetItem(name)
            item.setData(ID_ROLE, branch_id)
            self.list.addItem(item)
        self.new_name = QLineEdit()
        self.new_name.setPlaceholderText(self.tr("列表里没有？在这里输入新团支部的名称"))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addWidget(self.new_name)
        layout.addWidget(buttons)
        self.resize(400, 420)

    def chosen(self) -> list[tuple[str, str]]:
        picked = [(item.data(ID_ROLE), item.text()) for item in self.list.selectedItems()]
        name = self.new_name.text().strip()
        if name:
            picked.append((f"new:{name}", self.tr("{0}（新）").format(name)))
        return picked
