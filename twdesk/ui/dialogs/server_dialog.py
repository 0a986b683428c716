"""文件 → 连接服务器数据库…: server, port, database, user and password of a PostgreSQL database.

The password is asked each time, or — 记住密码 — kept in the operating system's keyring (when
this PC has one; otherwise the box is off and says why). It goes to the connection in memory
only (services.server_login.use_password): never into the settings file, the recent list, a log
or the title bar. Left empty, PGPASSWORD or .pgpass still apply.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from twdesk.services import server_login
from twdesk.services.server_login import LocationError, ServerLocation

DEFAULT_PORT = 5432


class ServerDialog(QDialog):
    """Asks where the server database is; `location` is set once 连接 is pressed with valid
    fields (the password then already handed to the connection, and kept or forgotten in the
    keyring as ticked)."""

    def __init__(
        self, parent: QWidget | None = None, initial: ServerLocation | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("连接服务器数据库"))
        self.location: ServerLocation | None = None
        self.host = QLineEdit()
        self.host.setPlaceholderText(self.tr("计算机名或 IP 地址，如 192.168.1.10"))
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(DEFAULT_PORT)
        self.port.setGroupSeparatorShown(False)
        self.port.setMaximumWidth(110)
        self.dbname = QLineEdit()
        self.dbname.setPlaceholderText(self.tr("如 twdesk"))
        self.user = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(
            self.tr("不填则使用 PGPASSWORD 环境变量或 .pgpass 文件中的密码")
        )
        self.remember = QCheckBox(self.tr("记住密码（保存在本机系统的密码保管服务中）"))
        self.keyring_note = QLabel()
        self.keyring_note.setWordWrap(True)
        self.keyring_note.setStyleSheet("color: #666;")
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b3261e;")
        self.error.hide()

        problem = server_login.keyring_problem()
        self.keyring_usable = problem is None
        if problem is not None:
            self.remember.setEnabled(False)
            self.remember.setToolTip(self.tr(problem))
            self.keyring_note.setText(self.tr(problem))
        else:
            self.keyring_note.setText(self.tr("密码不会写进设置文件、最近打开列表或日志。"))

        form = QFormLayout()
        form.addRow(self.tr("服务器(&H)："), self.host)
        form.addRow(self.tr("端口(&P)："), self.port)
        form.addRow(self.tr("数据库(&D)："), self.dbname)
        form.addRow(self.tr("用户名(&U)："), self.user)
        form.addRow(self.tr("密码(&W)："), self.password)
        form.addRow("", self.remember)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.connect_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.connect_button.setText(self.tr("连接"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.keyring_note)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)

        if initial is not None:
            self.host.setText(initial.host)
            if initial.port:
                self.port.setValue(initial.port)
            self.dbname.setText(initial.dbname)
            self.user.setText(initial.user)
        for field in (self.host, self.user):
            field.editingFinished.connect(self._look_up_saved)
        self.port.valueChanged.connect(lambda _v: self._look_up_saved())
        self._look_up_saved()
        first_empty = next(
            (f for f in (self.host, self.dbname, self.user, self.password) if not f.text()),
            self.password,
        )
        first_empty.setFocus(Qt.FocusReason.OtherFocusReason)

    def _fields(self) -> ServerLocation:
        return server_login.location_from_parts(
            self.host.text(), self.port.value(), self.dbname.text(), self.user.text()
        )

    @Slot()
    def _look_up_saved(self) -> None:
        """A password kept for this account fills the (hidden) field and ticks 记住密码."""
        if not self.keyring_usable or not self.host.text().strip():
            return
        try:
            location = self._fields()
        except LocationError:
            return
        saved = server_login.saved_password(location)
        if saved:
            self.password.setText(saved)
            self.remember.setChecked(True)

    def accept(self) -> None:  # 连接
        try:
            location = self._fields()
        except LocationError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        password = self.password.text()
        server_login.use_password(location, password or None)
        if self.keyring_usable:
            if self.remember.isChecked() and password:
                problem = server_login.remember_password(location, password)
                if problem:
                    self.keyring_note.setText(self.tr(problem))
            elif not self.remember.isChecked():
                server_login.forget_password(location)
        self.location = location
        super().accept()
