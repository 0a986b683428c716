"""文件 → 导出交换包…: where to save, an optional password typed twice, then the package is
written off the GUI thread with progress and Cancel, and 已保存 says where it went.
Opening a .twpkg with 打开 asks for its password and says that packages are merged, not opened."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from twdesk.services.packages import (
    PackageInfo,
    write_package_of,
)
from twdesk.ui.actions import ask_save_path, run_long, show_saved
from twdesk.ui.i18n import tr

PACKAGE_FILTER = tr("twdesk 交换包 (*.twpkg)")
KIND = "package"


class PasswordDialog(QDialog):
    """The package's password, typed twice; both empty = not encrypted (said plainly)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("交换包密码"))
        intro = QLabel(
            self.tr(
                "交换包里有团代表和来访青年的姓名、电话。设置密码后，U 盘丢失也不会泄露；"
                "密码请另行告诉对方（不要写在 U 盘上）。不设密码请两栏都留空。"
            )
        )
        intro.setWordWrap(True)
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.again = QLineEdit()
        self.again.setObjectName("passwordAgain")
        self.again.setEchoMode(QLineEdit.EchoMode.Password)
        self.status = QLabel()
        self.status.setObjectName("passwordStatus")
        self.status.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("密码："), self.password)
        form.addRow(self.tr("再输一次："), self.again)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("导出"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.password.textChanged.connect(lambda _t: self._check())
        self.again.textChanged.connect(lambda _t: self._check())
        self.setMinimumWidth(460)
        self._check()

    def _check(self) -> None:
        first, second = self.password.text(), self.again.text()
        ok = first == second
        if not first and not second:
            self.status.setText(self.tr("不加密：任何拿到 U 盘的人都能读出其中的数据。"))
            self.status.setStyleSheet("color: #7a4b00;")
        elif not ok:
            self.status.setText(self.tr("两次输入的密码不一致。"))
            self.status.setStyleSheet("color: #b3261e;")
        else:
            self.status.setText(self.tr("交换包将用这个密码加密（AES-256）。"))
            self.status.setStyleSheet("color: #1b5e20;")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)

    def value(self) -> str | None:
        return self.password.text() or None


def export_package(parent: QWidget | None, location: Any) -> Any:
    """The whole 导出交换包… flow, for a file or a server database (`db.location`); returns the
    worker (None when the user gave up)."""
    stem = location.stem if isinstance(location, Path) else location.name
    title = tr("导出交换包")
    out = ask_save_path(parent, KIND, title, f"{stem}-{date.today():%Y%m%d}.twpkg", PACKAGE_FILTER)
    if out is None:
        return None
    dialog = PasswordDialog(parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    password = dialog.value()

    def job(progress: Callable[[int, int], None], cancelled: Callable[[], bool]) -> PackageInfo:
        return write_package_of(location, out, password, progress=progress, cancel=cancelled)

    def done(info: PackageInfo) -> None:
        lock = tr("已用密码加密") if info.encrypted else tr("未加密")
        show_saved(
            parent,
            info.path,
            tr("已导出交换包（{0}，{1} MB）。").format(lock, f"{info.size / 1024 / 1024:.1f}")
            + "\n"
            + info.manifest.summary(),
        )

    label = tr("正在导出交换包…")
    return run_long(parent, label, job, done)
