"""The person editor: every field, photo, station and groups, links both ways, status history.

Everything in the dialog is saved in one transaction when the user presses 保存; any problem
keeps the dialog open with the fields marked and nothing written.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from twdesk.core.errors import UserError
from twdesk.core.idcard import (
    birth_date_from_id,
    gender_from_id,
    normalize_id_number,
    validate_id_number,
)
from twdesk.core.normalize import parse_date
from twdesk.core.vocab import PersonStatus
from twdesk.services import links, people
from twdesk.services.files import Database
from twdesk.services.links import LinkError, LinkKind
from twdesk.services.people import PersonDetail, PersonError
from twdesk.services.people_search import PeopleIndex
from twdesk.ui.actions import PEOPLE, STATIONS, run_action, show_error
from twdesk.ui.dialogs.pickers import (
    ID_ROLE,
    BranchPickerDialog,
    LinkList,
    people_picker,
)
from twdesk.ui.i18n import tr
from twdesk.ui.photo import PhotoCropDialog, jpeg_bytes, photo_pixmap

ERROR_STYLE = "border: 2px solid #b3261e; border-radius: 3px;"
# services.people.FIELD_LABELS in the interface language (the services' messages stay Chinese)
FIELD_TEXT = {
    "name": tr("姓名"),
    "gender": tr("性别"),
    "birth_date": tr("出生日期"),
    "id_number": tr("身份证号"),
    "ethnicity": tr("民族"),
    "political_status": tr("政治面貌"),
    "education": tr("学历"),
    "phone": tr("手机号码"),
    "wechat": tr("微信号"),
    "unit": tr("工作单位"),
    "position": tr("职务"),
    "address": tr("通讯地址"),
    "level": tr("代表层级"),
    "sector": tr("界别"),
    "term": tr("届次"),
    "notes": tr("备注"),
    "is_delegate": tr("团代表"),
    "is_committee": tr("委员"),
    "is_past_delegate": tr("往届团代表"),
    "is_cadre": tr("团干部"),
}
POLITICAL = ("", "中共党员", "中共预备党员", "共青团员", "群众", "民主党派")
EDUCATION = ("", "研究生", "大学本科", "大学专科", "高中/中专", "初中及以下")


@dataclass
class PendingStatus:
    status: str
    on: date
    reason: str


class StatusDialog(QDialog):
    """免职 / 辞职 / 届满 / 在任 with a date and a reason."""

    def __init__(self, current: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("变更任职状态"))
        self.status = QComboBox()
        self.status.addItems([str(s) for s in PersonStatus if str(s) != current])
        self.on = QDateEdit(QDate.currentDate())
        self.on.setCalendarPopup(True)
        self.on.setDisplayFormat("yyyy-MM-dd")
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("如：工作调动、本人申请、届期届满"))
        form = QFormLayout(self)
        form.addRow(self.tr("当前状态"), QLabel(current))
        form.addRow(self.tr("变更为"), self.status)
        form.addRow(self.tr("日期"), self.on)
        form.addRow(self.tr("原因"), self.reason)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def pending(self) -> PendingStatus:
        return PendingStatus(
            self.status.currentText(), self.on.date().toPython(), self.reason.text().strip()
        )


class PersonDialog(QDialog):
    def __init__(
        self,
        db: Database,
        index: PeopleIndex,
        person_id: str | None = None,
        *,
        station_id: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.index = index
        self.person_id = person_id
        self.saved_id: str | None = None
        self.pending_status: PendingStatus | None = None
        self.photo_data: bytes | None = None
        self.photo_changed = False
        with db.session() as s:
            self.detail = (
                people.load_person(s, person_id)
                if person_id
                else PersonDetail(None, people.blank_values(), station_id=station_id)
            )
            self.stations = people.station_choices(s)
            self.groups = people.group_choices(s)
            self.branches = links.branch_choices(s)
            names, branch_names, linked = self._link_data(s)
        self.setWindowTitle(
            self.tr("编辑人员：{0}").format(self.detail.values["name"])
            if person_id
            else self.tr("新增人员")
        )
        self.widgets: dict[str, QWidget] = {}
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(
            "color: #b3261e; background: #fdecea; padding: 6px; border-radius: 4px;"
        )
        self.error_label.hide()
        self.tabs = QTabWidget()
        self.tabs.addTab(self._basic_page(), self.tr("基本信息"))
        self.tabs.addTab(self._station_page(), self.tr("联络站与专项小组"))
        self.tabs.addTab(self._links_page(names, branch_names, linked), self.tr("联系关系"))
        self.tabs.addTab(self._status_page(), self.tr("任职状态"))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("保存"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.error_label)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)
        self._load_values(self.detail.values)
        self._loaded = self._snapshot()
        self.resize(760, 620)

    def _link_data(
        self, s: Any
    ) -> tuple[dict[str, str], dict[str, str], dict[tuple[LinkKind, str], list[str]]]:
        names = {pid: name for pid, name, _unit in links.people_choices(s)}
        linked = {
            (kind, side): links.linked_ids(s, kind, self.person_id, side=side)
            if self.person_id
            else []
            for kind in LinkKind
            for side in ("left", "right")
        }
        return names, dict(self.branches), linked

    def reload(self) -> None:
        """重新载入: the person as saved now (by whoever saved last) replaces everything typed
        here, pending status change and photo included; a person deleted meanwhile closes."""
        assert self.person_id is not None
        try:
            with self.db.session() as s:
                self.detail = people.load_person(s, self.person_id)
                self.branches = links.branch_choices(s)
                names, branch_names, linked = self._link_data(s)
        except UserError as exc:
            show_error(self, exc)
            super().reject()
            return
        self.pending_status = None
        self.photo_data, self.photo_changed = None, False
        self.group_list.clear()  # the groups checked come from the record again
        for key, widget in self.link_lists.items():
            source = branch_names if key[0] == LinkKind.BRANCH else names
            widget.set_items([(pid, source.get(pid, "?")) for pid in linked[key]])
        self._load_values(self.detail.values)
        self._show_status()
        for widget in self.widgets.values():
            widget.setStyleSheet("")
            widget.setToolTip("")
        self.error_label.hide()
        self.setWindowTitle(self.tr("编辑人员：{0}").format(self.detail.values["name"]))
        self._loaded = self._snapshot()

    def _snapshot(self) -> tuple[object, ...]:
        """Everything the user can change, to tell whether anything was."""
        return (
            self.values(),
            self.station_combo.currentData(),
            sorted(self.group_ids()),
            {key: widget.ids() for key, widget in self.link_lists.items()},
        )

    def has_changes(self) -> bool:
        return (
            self.photo_changed
            or self.pending_status is not None
            or self._snapshot() != self._loaded
        )

    def reject(self) -> None:
        """取消, Esc and the window's close button: ask before throwing typed data away."""
        if self.saved_id is None and self.has_changes():
            answer = QMessageBox.question(
                self,
                self.tr("放弃修改？"),
                self.tr("填写或修改的内容还没有保存。放弃这些修改吗？"),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        super().reject()

    # --- pages --------------------------------------------------------------------------------

    def _line(self, key: str, placeholder: str = "") -> QLineEdit:
        edit = QLineEdit()
        edit.setPlaceholderText(placeholder)
        self.widgets[key] = edit
        return edit

    def _combo(self, key: str, items: tuple[str, ...], editable: bool = False) -> QComboBox:
        combo = QComboBox()
        combo.addItems(list(items))
        combo.setEditable(editable)
        self.widgets[key] = combo
        return combo

    def _basic_page(self) -> QWidget:
        page = QWidget()
        grid = QGridLayout(page)
        left = QFormLayout()
        right = QFormLayout()
        left.addRow(FIELD_TEXT["name"], self._line("name"))
        id_edit = self._line("id_number", self.tr("18 位，末位可为 X"))
        id_edit.setMaxLength(22)
        id_edit.textChanged.connect(self._id_changed)
        left.addRow(FIELD_TEXT["id_number"], id_edit)
        self.id_hint = QLabel()
        self.id_hint.setObjectName("idHint")
        left.addRow("", self.id_hint)
        left.addRow(FIELD_TEXT["gender"], self._combo("gender", ("", "男", "女")))
        left.addRow(FIELD_TEXT["birth_date"], self._line("birth_date", self.tr("如 1995-03-12")))
        left.addRow(FIELD_TEXT["ethnicity"], self._line("ethnicity", self.tr("如 汉族")))
        left.addRow(
            FIELD_TEXT["political_status"], self._combo("political_status", POLITICAL, True)
        )
        left.addRow(FIELD_TEXT["education"], self._combo("education", EDUCATION, True))
        left.addRow(FIELD_TEXT["phone"], self._line("phone", self.tr("11 位手机号或 0839-7202201")))
        left.addRow(FIELD_TEXT["wechat"], self._line("wechat"))
        right.addRow(FIELD_TEXT["unit"], self._line("unit"))
        right.addRow(FIELD_TEXT["position"], self._line("position"))
        right.addRow(FIELD_TEXT["address"], self._line("address"))
        roles = QHBoxLayout()
        for key in people.ROLE_FIELDS:
            box = QCheckBox(FIELD_TEXT[key])
            box.toggled.connect(self._roles_changed)
            self.widgets[key] = box
            roles.addWidget(box)
        right.addRow(self.tr("身份"), roles)
        right.addRow(FIELD_TEXT["level"], self._combo("level", ("", "市", "县", "乡镇")))
        right.addRow(FIELD_TEXT["sector"], self._line("sector", self.tr("如 农业农村")))
        right.addRow(FIELD_TEXT["term"], self._line("term", self.tr("如 第十五届")))
        notes = QPlainTextEdit()
        notes.setMaximumHeight(70)
        self.widgets["notes"] = notes
        right.addRow(FIELD_TEXT["notes"], notes)
        photo_box = QVBoxLayout()
        self.photo_label = QLabel(self.tr("无照片"))
        self.photo_label.setFixedSize(120, 160)
        self.photo_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.photo_label.setStyleSheet("border: 1px solid #c0c0c0; background: #fafafa;")
        photo_button = QPushButton(self.tr("导入照片…"))
        photo_button.clicked.connect(self.choose_photo)
        remove_photo = QPushButton(self.tr("移除照片"))
        remove_photo.clicked.connect(self.remove_photo)
        photo_box.addWidget(self.photo_label)
        photo_box.addWidget(photo_button)
        photo_box.addWidget(remove_photo)
        photo_box.addStretch(1)
        top = Qt.AlignmentFlag.AlignTop
        grid.addLayout(left, 0, 0, top)
        grid.addLayout(right, 0, 1, top)
        grid.addLayout(photo_box, 0, 2, top)
        grid.setRowStretch(1, 1)
        return page

    def _station_page(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.station_combo = QComboBox()
        self.station_combo.addItem(self.tr("（未进站）"), None)
        for sid, name in self.stations:
            self.station_combo.addItem(name, sid)
        self.station_combo.currentIndexChanged.connect(self._fill_groups)
        self.group_list = QListWidget()
        form.addRow(self.tr("所属联络站"), self.station_combo)
        form.addRow(self.tr("专项小组"), self.group_list)
        note = QLabel(self.tr("换站后，原联络站和小组的进站记录保留在历史中。"))
        note.setStyleSheet("color: #666;")
        form.addRow("", note)
        return page

    def _links_page(
        self,
        names: dict[str, str],
        branch_names: dict[str, str],
        linked: dict[tuple[LinkKind, str], list[str]],
    ) -> QWidget:
        never = {self.person_id} if self.person_id else set()

        def pick_people(title: str, role: str) -> Any:
            return people_picker(self, self.index, title, role=role, never=never)

        def pick_branches(exclude: set[str]) -> list[tuple[str, str]]:
            dialog = BranchPickerDialog(self.branches, exclude, self)
            return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else []

        self.link_lists: dict[tuple[LinkKind, str], LinkList] = {
            (LinkKind.COMMITTEE, "left"): LinkList(
                self.tr("两联：我联系的团代表（委员填写）"),
                pick_people(self.tr("选择联系的团代表"), "团代表"),
            ),
            (LinkKind.COMMITTEE, "right"): LinkList(
                self.tr("两联：联系我的委员"), pick_people(self.tr("选择委员"), "委员")
            ),
            (LinkKind.BRANCH, "left"): LinkList(self.tr("我联系的团支部"), pick_branches),
            (LinkKind.MENTOR, "left"): LinkList(
                self.tr("我联系指导的团代表（往届团代表填写）"),
                pick_people(self.tr("选择联系指导的团代表"), "团代表"),
            ),
            (LinkKind.MENTOR, "right"): LinkList(
                self.tr("联系指导我的往届团代表"),
                pick_people(self.tr("选择往届团代表"), "往届团代表"),
            ),
        }
        page = QWidget()
        grid = QGridLayout(page)
        for i, (key, widget) in enumerate(self.link_lists.items()):
            source = branch_names if key[0] == LinkKind.BRANCH else names
            widget.set_items([(pid, source.get(pid, "?")) for pid in linked[key]])
            grid.addWidget(widget, i // 2, i % 2)
        return page

    def _status_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        row = QHBoxLayout()
        self.status_label = QLabel()
        change = QPushButton(self.tr("变更状态…"))
        change.setEnabled(self.person_id is not None)
        change.setToolTip(self.tr("免职、辞职、届满或恢复在任，记入任职历史"))
        change.clicked.connect(self.change_status)
        row.addWidget(self.status_label)
        row.addStretch(1)
        row.addWidget(change)
        self.history = QTableWidget(0, 3)
        self.history.setHorizontalHeaderLabels([self.tr("日期"), self.tr("状态"), self.tr("原因")])
        self.history.horizontalHeader().setStretchLastSection(True)
        self.history.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        layout.addLayout(row)
        layout.addWidget(self.history)
        self._show_status()
        return page

    # --- filling and reading ------------------------------------------------------------------

    def _load_values(self, values: dict[str, Any]) -> None:
        for key, widget in self.widgets.items():
            value = values.get(key)
            if isinstance(widget, QCheckBox):
                widget.setChecked(bool(value))
            elif isinstance(widget, QComboBox):
                text = str(value or "")
                if widget.findText(text) < 0:
                    widget.addItem(text)
                widget.setCurrentText(text)
            elif isinstance(widget, QPlainTextEdit):
                widget.setPlainText(str(value or ""))
            elif isinstance(widget, QLineEdit):
                widget.setText(value.isoformat() if isinstance(value, date) else str(value or ""))
        position = self.station_combo.findData(self.detail.station_id)
        self.station_combo.setCurrentIndex(max(position, 0))
        self._fill_groups()
        self._show_photo(self.detail.photo)
        self._roles_changed()

    def values(self) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for key, widget in self.widgets.items():
            if isinstance(widget, QCheckBox):
                values[key] = widget.isChecked()
            elif isinstance(widget, QComboBox):
                values[key] = widget.currentText()
            elif isinstance(widget, QPlainTextEdit):
                values[key] = widget.toPlainText()
            elif isinstance(widget, QLineEdit):
                values[key] = widget.text()
        return values

    def _fill_groups(self) -> None:
        checked = set(self.group_ids()) if self.group_list.count() else set(self.detail.group_ids)
        station_name = self.station_combo.currentText()
        self.group_list.clear()
        for gid, name, station in self.groups:
            if station != station_name:
                continue
            item = QListWidgetItem(name)
            item.setData(ID_ROLE, gid)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if gid in checked else Qt.CheckState.Unchecked)
            self.group_list.addItem(item)
        if not self.group_list.count():
            item = QListWidgetItem(self.tr("（这个联络站还没有专项小组）"))
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.group_list.addItem(item)

    def group_ids(self) -> list[str]:
        return [
            self.group_list.item(i).data(ID_ROLE)
            for i in range(self.group_list.count())
            if self.group_list.item(i).checkState() == Qt.CheckState.Checked
        ]

    def _roles_changed(self) -> None:
        is_committee = self._checked("is_committee")
        is_delegate = self._checked("is_delegate")
        is_past = self._checked("is_past_delegate")
        self.link_lists[(LinkKind.COMMITTEE, "left")].setEnabled(is_committee)
        self.link_lists[(LinkKind.COMMITTEE, "right")].setEnabled(is_delegate)
        self.link_lists[(LinkKind.BRANCH, "left")].setEnabled(is_delegate)
        self.link_lists[(LinkKind.MENTOR, "left")].setEnabled(is_past)
        self.link_lists[(LinkKind.MENTOR, "right")].setEnabled(is_delegate)

    def _checked(self, key: str) -> bool:
        widget = self.widgets.get(key)
        return isinstance(widget, QCheckBox) and widget.isChecked()

    def _id_changed(self, text: str) -> None:
        number = normalize_id_number(text)
        if len(number) < 18:
            self.id_hint.setText("")
            return
        errors = validate_id_number(number)
        if errors:
            self.id_hint.setText("；".join(errors))
            self.id_hint.setStyleSheet("color: #b3261e;")
            return
        born, sex = birth_date_from_id(number), gender_from_id(number)
        self.id_hint.setText(self.tr("校验通过：出生 {0}，{1}").format(born.isoformat(), sex))
        self.id_hint.setStyleSheet("color: #1b5e20;")
        birth = self.widgets["birth_date"]
        gender = self.widgets["gender"]
        assert isinstance(birth, QLineEdit) and isinstance(gender, QComboBox)
        if not birth.text().strip():
            birth.setText(born.isoformat())
        if not gender.currentText():
            gender.setCurrentText(sex)

    # --- photo --------------------------------------------------------------------------------

    def choose_photo(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("选择照片"), "", self.tr("图片 (*.jpg *.jpeg *.png)")
        )
        if path:
            self.load_photo_file(Path(path), ask_crop=True)

    def load_photo_file(self, path: Path, *, ask_crop: bool = False, shift: float = 0.5) -> bool:
        image = QImage(str(path))
        if image.isNull():
            QMessageBox.warning(
                self,
                self.tr("无法读取照片"),
                self.tr("「{0}」不是可以读取的 JPG 或 PNG 图片。").format(path.name),
            )
            return False
        dialog = PhotoCropDialog(image, self)
        dialog.slider.setValue(round(shift * 100))
        if ask_crop and dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        self.photo_data = jpeg_bytes(dialog.result_image())
        self.photo_changed = True
        self._show_photo(self.photo_data)
        return True

    def remove_photo(self) -> None:
        self.photo_data = None
        self.photo_changed = True
        self._show_photo(None)

    def _show_photo(self, data: bytes | None) -> None:
        pixmap = photo_pixmap(data, 120)
        if pixmap is None:
            self.photo_label.clear()
            self.photo_label.setText(self.tr("无照片"))
        else:
            self.photo_label.setPixmap(pixmap)

    # --- status -------------------------------------------------------------------------------

    def change_status(self) -> None:
        current = self.pending_status.status if self.pending_status else self.detail.status
        dialog = StatusDialog(current, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.pending_status = dialog.pending()
            self._show_status()

    def _show_status(self) -> None:
        rows = [(d.isoformat(), s, r) for d, s, r in self.detail.history]
        text = self.tr("当前状态：{0}").format(self.detail.status)
        if self.pending_status:
            p = self.pending_status
            rows.append((p.on.isoformat(), p.status, p.reason + self.tr("（保存后生效）")))
            text += self.tr(" → {0}（保存后生效）").format(p.status)
        self.status_label.setText(text)
        self.history.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                self.history.setItem(r, c, QTableWidgetItem(value))

    # --- save ---------------------------------------------------------------------------------

    def save(self) -> bool:
        values = self.values()
        try:
            values["birth_date"] = parse_date(values["birth_date"])
        except ValueError as exc:
            self._show_problems({"birth_date": str(exc) + self.tr("，请写成 1995-03-12")})
            return False
        station_id = self.station_combo.currentData()

        def save(s: Any) -> str:
            person = people.save_person(
                s,
                values,
                self.person_id,
                station_id=station_id,
                group_ids=self.group_ids(),
                expected_version=self.detail.row_version,
            )
            if self.photo_changed:
                people.set_photo(s, person.id, self.photo_data)
            for (kind, side), widget in self.link_lists.items():
                ids = []
                for item_id in widget.ids():
                    if item_id.startswith("new:"):
                        item_id = links.add_branch(
                            s, item_id.removeprefix("new:"), station_id=station_id
                        ).id
                    ids.append(item_id)
                links.set_links(s, kind, person.id, ids, side=side)
            if self.pending_status:
                p = self.pending_status
                people.change_status(s, person.id, p.status, p.on, p.reason)
            return person.id

        saved = run_action(
            self,
            self.db,
            save,
            changes=[PEOPLE, STATIONS],
            on_error=self._show_error,
            on_reload=self.reload,
        )
        if saved is None:
            return False
        self.saved_id = saved
        self.accept()
        return True

    def _show_error(self, exc: UserError) -> None:
        if isinstance(exc, PersonError):
            self._show_problems(exc.problems)
        else:
            self._show_problems({"links" if isinstance(exc, LinkError) else tr("保存"): str(exc)})

    def _show_problems(self, problems: dict[str, str]) -> None:
        labels = {
            **FIELD_TEXT,
            "links": tr("联系关系"),
            "reason": tr("状态变更"),
            "status": tr("状态"),
        }
        labels.update(
            {"changed_on": tr("状态变更日期"), "station": tr("联络站"), "groups": tr("专项小组")}
        )
        for key, widget in self.widgets.items():
            widget.setStyleSheet(ERROR_STYLE if key in problems else "")
            widget.setToolTip(problems.get(key, ""))
        self.error_label.setText(
            self.tr("未保存，请修改以下问题：")
            + "\n"
            + "\n".join(f"• {labels.get(k, k)}：{v}" for k, v in problems.items())
        )
        self.error_label.show()
        first = next((k for k in problems if k in self.widgets), None)
        if first:
            self.tabs.setCurrentIndex(0)
            self.widgets[first].setFocus()
