"""A tab whose feature arrives in a later release: it says so, and what it will hold."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget


@dataclass(frozen=True)
class TabPlan:
    title: str
    summary: str
    features: tuple[str, ...]


class PlaceholderTab(QWidget):
    """Shows the tab's plan and, from the open file, what data it will work on."""

    def __init__(self, plan: TabPlan, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plan = plan
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        title = QLabel(plan.title)
        title.setObjectName("tabTitle")
        font = title.font()
        font.setPointSize(font.pointSize() + 6)
        font.setBold(True)
        title.setFont(font)
        layout.addWidget(title)
        summary = QLabel(plan.summary)
        summary.setWordWrap(True)
        layout.addWidget(summary)
        self.data_label = QLabel()
        self.data_label.setObjectName("dataLabel")
        self.data_label.setWordWrap(True)
        layout.addWidget(self.data_label)
        notice = QFrame()
        notice.setObjectName("notice")
        notice.setStyleSheet(
            "#notice { background: #fff8e1; border: 1px solid #f0c36d; border-radius: 6px; }"
        )
        notice_layout = QVBoxLayout(notice)
        heading = QLabel(self.tr("本页功能将在后续版本中提供，届时这里将包括："))
        heading.setStyleSheet("font-weight: bold;")
        notice_layout.addWidget(heading)
        for feature in plan.features:
            item = QLabel(f"•  {feature}")
            item.setWordWrap(True)
            notice_layout.addWidget(item)
        layout.addWidget(notice)
        layout.addStretch(1)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)

    def set_data_summary(self, text: str) -> None:
        self.data_label.setText(text)
