"""The dialog shown for an unexpected error: what happened, a copyable report, the log file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


class CrashDialog(QDialog):
    def __init__(self, report: str, log_path: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("程序出错了"))
        self.resize(640, 420)
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "很抱歉，程序遇到了一个意外错误。已经保存的数据不受影响；"
                "正在进行的这一步操作没有写入数据库。\n"
                "请点击“复制报告”，把报告发给技术支持人员。"
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.report_box = QPlainTextEdit(report)
        self.report_box.setReadOnly(True)
        self.report_box.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        layout.addWidget(self.report_box)
        if log_path is not None:
            log_label = QLabel(self.tr("日志文件：{0}").format(log_path))
            log_label.setWordWrap(True)
            layout.addWidget(log_label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton(self.tr("复制报告"))
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy_report)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def copy_report(self) -> None:
        QGuiApplication.clipboard().setText(self.report_box.toPlainText())
        self.copy_button.setText(self.tr("已复制"))
