"""Delegate photos: crop to 3:4 (the ID-photo shape the boards use), downscale, JPEG bytes."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QSlider,
    QVBoxLayout,
    QWidget,
)

PHOTO_SIZE = (360, 480)  # width, height stored: sharp on an A4 poster, ~40 KB as JPEG
RATIO = 3 / 4


def crop_rect(width: int, height: int, shift: float = 0.5) -> QRect:
    """The largest 3:4 rectangle; `shift` 0..1 slides it along the axis that has room."""
    shift = min(max(shift, 0.0), 1.0)
    if width / height > RATIO:  # too wide: slide horizontally
        w = round(height * RATIO)
        return QRect(round((width - w) * shift), 0, w, height)
    h = round(width / RATIO)
    return QRect(0, round((height - h) * shift), width, h)


def crop_photo(image: QImage, shift: float = 0.5) -> QImage:
    cropped = image.copy(crop_rect(image.width(), image.height(), shift))
    return cropped.scaled(
        *PHOTO_SIZE,
        Qt.AspectRatioMode.IgnoreAspectRatio,
        Qt.TransformationMode.SmoothTransformation,
    )


def jpeg_bytes(image: QImage, quality: int = 85) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.convertToFormat(QImage.Format.Format_RGB888).save(buffer, "JPG", quality)
    buffer.close()
    return bytes(data.data())


def photo_pixmap(data: bytes | None, width: int = 120) -> QPixmap | None:
    if not data:
        return None
    image = QImage.fromData(data)
    if image.isNull():
        return None
    return QPixmap.fromImage(image).scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)


class PhotoCropDialog(QDialog):
    """Shows the picture with the 3:4 frame; a slider moves the frame where there is room."""

    def __init__(self, image: QImage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("裁剪照片（3:4）"))
        self.image = image
        self.preview = QLabel()
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(0, 100)
        self.slider.setValue(50)
        self.slider.valueChanged.connect(self._draw)
        wide = image.width() / max(image.height(), 1) > RATIO
        hint = QLabel(
            self.tr("拖动滑块左右移动取景框") if wide else self.tr("拖动滑块上下移动取景框")
        )
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.preview)
        layout.addWidget(hint)
        layout.addWidget(self.slider)
        layout.addWidget(buttons)
        self._draw()

    @property
    def shift(self) -> float:
        return self.slider.value() / 100

    def result_image(self) -> QImage:
        return crop_photo(self.image, self.shift)

    def _draw(self) -> None:
        shown = self.image.scaled(
            420, 420, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
        )
        scale = shown.width() / max(self.image.width(), 1)
        rect = crop_rect(self.image.width(), self.image.height(), self.shift)
        frame = QRect(
            round(rect.x() * scale),
            round(rect.y() * scale),
            round(rect.width() * scale),
            round(rect.height() * scale),
        )
        pixmap = QPixmap.fromImage(shown)
        painter = QPainter(pixmap)
        shade = QColor(0, 0, 0, 120)
        full = pixmap.rect()
        painter.fillRect(QRect(0, 0, full.width(), frame.top()), shade)
        painter.fillRect(QRect(0, frame.bottom() + 1, full.width(), full.height()), shade)
        painter.fillRect(QRect(0, frame.top(), frame.left(), frame.height()), shade)
        painter.fillRect(QRect(frame.right() + 1, frame.top(), full.width(), frame.height()), shade)
        painter.setPen(QColor("#ffffff"))
        painter.drawRect(frame.adjusted(0, 0, -1, -1))
        painter.end()
        self.preview.setPixmap(pixmap)


def downscaled(image: QImage, max_side: int) -> QImage:
    """The image no larger than `max_side` on its longer side (never enlarged)."""
    if max(image.width(), image.height()) <= max_side:
        return image
    return image.scaled(
        max_side,
        max_side,
        Qt.AspectRatioMode.KeepAspectRatio,
        Qt.TransformationMode.SmoothTransformation,
    )
