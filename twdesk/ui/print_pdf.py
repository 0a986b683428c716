"""打印…: a PDF's pages in Qt's print preview, printed through Qt's print dialog.

The pages are rendered by PDFium (pypdfium2) from the very PDF that was written, so the paper
shows exactly what the file holds — nothing is drawn twice.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPaintEngine, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QWidget

from twdesk.ui.i18n import tr

MAX_DPI = 300  # enough for text on an office printer; a page's bitmap ≈ 26 MB, one at a time
# The preview keeps every page's picture in memory: screen resolution keeps that at ≈ 1.5 MB a
# page (a station's few hundred pages stay well under a gigabyte).
PREVIEW_DPI = 72


def paint_pdf(printer: QPrinter, pdf: Path) -> int:
    """Every page of ``pdf`` onto ``printer`` (a page each, full size); pages painted."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(pdf))
    painter = QPainter()
    if not painter.begin(printer):
        document.close()
        return 0
    try:
        dpi = printer.resolution()
        previewing = painter.paintEngine().type() == QPaintEngine.Type.Picture
        scale = (PREVIEW_DPI if previewing else min(dpi, MAX_DPI)) / 72
        for number in range(len(document)):
            if number:
                printer.newPage()
            page = document[number]
            width, height = page.get_size()  # points
            bitmap = page.render(scale=scale, rev_byteorder=True)  # RGB
            image = QImage(
                bitmap.buffer,
                bitmap.width,
                bitmap.height,
                bitmap.stride,
                QImage.Format.Format_RGB888,
            ).copy()  # the preview keeps the image; PDFium's buffer goes with the bitmap
            painter.drawImage(QRectF(0, 0, width / 72 * dpi, height / 72 * dpi), image)
            page.close()
        return len(document)
    finally:
        painter.end()
        document.close()


def a4_printer(name: str) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    printer.setFullPage(True)  # the PDF carries its own margins
    printer.setDocName(name)
    return printer


def preview_pdf(parent: QWidget | None, pdf: Path) -> QPrintPreviewDialog:
    """The print preview of ``pdf`` (modal); its 打印 button opens Qt's print dialog."""
    printer = a4_printer(pdf.stem)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.printer_ = printer  # the dialog does not own it: it must outlive the dialog
    dialog.setWindowTitle(tr("打印预览 — {0}").format(pdf.name))
    dialog.paintRequested.connect(lambda printer: paint_pdf(printer, pdf))
    dialog.resize(900, 1000)
    dialog.exec()
    return dialog
