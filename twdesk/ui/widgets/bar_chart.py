"""A plain bar chart painted with QPainter (QtCharts is not part of PySide6-Essentials)."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget


class BarChart(QWidget):
    def __init__(self, title: str, color: str = "#b3261e", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.color = QColor(color)
        self.values: list[tuple[str, int]] = []
        self.setMinimumHeight(220)

    def set_values(self, values: list[tuple[str, int]]) -> None:
        self.values = list(values)
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(480, 260)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("#ffffff"))
        metrics = painter.fontMetrics()
        painter.setPen(QColor("#222222"))
        painter.drawText(8, metrics.height(), self.title)
        if not self.values:
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("没有数据"))
            return
        top = metrics.height() * 3 + 4  # the title, then the tallest bar's value above it
        bottom = self.height() - metrics.height() * 2
        left, right = 8, self.width() - 8
        slot = (right - left) / len(self.values)
        biggest = max(v for _l, v in self.values) or 1
        label_font = QFont(painter.font())
        widest = max(
            (
                metrics.horizontalAdvance(word)
                for label, _v in self.values
                for word in label.split()
            ),
            default=0,
        )
        if widest > slot and label_font.pointSizeF() > 0:  # long labels (English): smaller
            label_font.setPointSizeF(max(6.0, label_font.pointSizeF() * slot / widest))
        for i, (label, value) in enumerate(self.values):
            h = (bottom - top) * value / biggest
            x = left + i * slot + slot * 0.15
            bar = QRectF(x, bottom - h, slot * 0.7, h)
            painter.fillRect(bar, self.color)
            painter.setPen(QColor("#222222"))
            painter.drawText(
                QRectF(x - slot * 0.15, bottom - h - metrics.height() - 2, slot, metrics.height()),
                Qt.AlignmentFlag.AlignCenter,
                str(value),
            )
            painter.save()
            painter.setFont(label_font)
            painter.drawText(
                QRectF(left + i * slot, bottom + 2, slot, metrics.height() * 2),
                Qt.AlignmentFlag.AlignHCenter
                | Qt.AlignmentFlag.AlignTop
                | Qt.TextFlag.TextWordWrap,
                label,
            )
            painter.restore()
        painter.setPen(QColor("#999999"))
        painter.drawLine(left, int(bottom), right, int(bottom))
