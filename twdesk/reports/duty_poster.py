"""The published duty plan (坐班安排公示): a poster of every duty day with the delegate's photo,
name, phone and WeChat (public by design, 五公开), A4 or A3 landscape. ID numbers never appear.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from reportlab.lib.colors import HexColor, white
from reportlab.lib.pagesizes import A3, A4, landscape
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from twdesk.core.duty_rules import WEEKDAY_SHORT_ZH
from twdesk.reports.fonts import register_fonts

RED = HexColor("#b3261e")
DARK = HexColor("#222222")
GREY = HexColor("#666666")
LIGHT = HexColor("#f6efe9")
LINE = HexColor("#d9c9bd")
SIZES = {"A4": landscape(A4), "A3": landscape(A3)}


@dataclass(frozen=True)
class PosterSeat:
    day: date
    moved_from: date | None
    name: str
    phone: str
    wechat: str
    photo: bytes | None


@dataclass(frozen=True)
class PosterData:
    station: str
    year: int
    address: str
    hours: str
    contact_phone: str
    rule: str
    seats: list[PosterSeat]


CARD_W, CARD_H = 94.0, 150.0  # the card's design size in points; drawn larger or smaller
MIN_SCALE = 0.8  # below this the phone numbers get too small to read on the wall


def card_grid(n: int, area_w: float, area_h: float, gap: float) -> tuple[int, int, float, float]:
    """Columns, rows and card size: as few pages as possible, then cards as large as possible."""
    max_cols = max(1, int((area_w + gap) // (CARD_W * MIN_SCALE + gap)))
    max_rows = max(1, int((area_h + gap) // (CARD_H * MIN_SCALE + gap)))
    pages = max(1, -(-n // (max_cols * max_rows)))
    per_page = max(1, -(-n // pages))
    best: tuple[float, int, int] | None = None
    for cols in range(1, max_cols + 1):
        rows = -(-per_page // cols)
        if rows > max_rows:
            continue
        w = (area_w - (cols - 1) * gap) / cols
        h = (area_h - (rows - 1) * gap) / rows
        size = min(w / CARD_W, h / CARD_H, 1.6)
        if best is None or size > best[0]:
            best = (size, cols, rows)
    assert best is not None
    size, cols, rows = best
    w = min((area_w - (cols - 1) * gap) / cols, CARD_W * size * 1.15)
    return cols, rows, w, CARD_H * size


def _fit(canvas: Canvas, text: str, font: str, size: float, width: float) -> float:
    """The largest size ≤ `size` at which `text` fits `width`."""
    while size > 5 and canvas.stringWidth(text, font, size) > width:
        size -= 0.5
    return size


def draw_poster(
    data: PosterData,
    out_path: Path,
    *,
    size: str = "A4",
    printed_on: date | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Write the poster; returns the number of pages."""
    font = register_fonts()
    page_w, page_h = SIZES[size.upper()]
    scale = page_w / SIZES["A4"][0]
    margin = 28 * scale
    canvas = Canvas(str(out_path), pagesize=(page_w, page_h), pageCompression=1)
    canvas.setTitle(f"{data.station}{data.year}年团代表驻站坐班安排")
    canvas.setAuthor("twdesk")
    header_h = 80 * scale
    footer_h = 20 * scale
    gap = 6 * scale
    area_w = page_w - 2 * margin
    area_h = page_h - 2 * margin - header_h - footer_h
    cols, rows, card_w, card_h = card_grid(len(data.seats), area_w, area_h, gap)
    card_scale = min(card_w / CARD_W, card_h / CARD_H)
    per_page = cols * rows
    pages = max(1, -(-len(data.seats) // per_page))
    printed = printed_on or date.today()
    for page in range(pages):
        _header(canvas, data, font, page_w, page_h, margin, scale)
        chunk = data.seats[page * per_page : (page + 1) * per_page]
        top = page_h - margin - header_h
        for i, seat in enumerate(chunk):
            x = margin + (i % cols) * (card_w + gap)
            y = top - (i // cols + 1) * card_h - (i // cols) * gap
            _card(canvas, seat, font, x, y, card_w, card_h, card_scale)
        canvas.setFont(font, 8.5 * scale)
        canvas.setFillColor(GREY)
        canvas.drawString(
            margin,
            margin,
            "遇法定节假日，坐班日按上表顺延或提前；如有调整以联络站通知为准。"
            "欢迎青年朋友来站反映意见建议。",
        )
        canvas.drawRightString(
            page_w - margin,
            margin,
            f"{printed:%Y年%m月%d日}印制　第 {page + 1} / {pages} 页",
        )
        canvas.showPage()
        if progress:
            progress(page + 1, pages)
    canvas.save()
    return pages


def _header(
    canvas: Canvas,
    data: PosterData,
    font: str,
    page_w: float,
    page_h: float,
    margin: float,
    scale: float,
) -> None:
    canvas.setFillColor(RED)
    canvas.rect(0, page_h - 8 * scale, page_w, 8 * scale, stroke=0, fill=1)
    title = f"{data.station}　{data.year}年团代表驻站坐班安排"
    size = _fit(canvas, title, font, 26 * scale, page_w - 2 * margin)
    canvas.setFont(font, size)
    canvas.drawCentredString(page_w / 2, page_h - margin - 26 * scale, title)
    canvas.setFillColor(DARK)
    line = "　　".join(
        part
        for part in (
            f"坐班时间：{data.rule} {data.hours}".strip(),
            f"地址：{data.address}" if data.address else "",
            f"联系电话：{data.contact_phone}" if data.contact_phone else "",
        )
        if part
    )
    size = _fit(canvas, line, font, 12 * scale, page_w - 2 * margin)
    canvas.setFont(font, size)
    canvas.drawCentredString(page_w / 2, page_h - margin - 50 * scale, line)
    canvas.setStrokeColor(RED)
    canvas.setLineWidth(1.2 * scale)
    y = page_h - margin - 62 * scale
    canvas.line(margin, y, page_w - margin, y)


def _card(
    canvas: Canvas,
    seat: PosterSeat,
    font: str,
    x: float,
    y: float,
    w: float,
    h: float,
    scale: float,
) -> None:
    canvas.setFillColor(LIGHT)
    canvas.setStrokeColor(LINE)
    canvas.setLineWidth(0.6)
    canvas.roundRect(x, y, w, h, 4 * scale, stroke=1, fill=1)
    canvas.setFillColor(RED)
    canvas.roundRect(x, y + h - 20 * scale, w, 20 * scale, 4 * scale, stroke=0, fill=1)
    canvas.rect(x, y + h - 20 * scale, w, 8 * scale, stroke=0, fill=1)
    canvas.setFillColor(white)
    label = f"{seat.day.month}月{seat.day.day}日 {WEEKDAY_SHORT_ZH[seat.day.weekday()]}"
    canvas.setFont(font, _fit(canvas, label, font, 11 * scale, w - 6))
    canvas.drawCentredString(x + w / 2, y + h - 15 * scale, label)
    photo_h = 64 * scale
    photo_w = photo_h * 3 / 4
    px, py = x + (w - photo_w) / 2, y + h - 26 * scale - photo_h
    drawn = False
    if seat.photo:
        try:
            canvas.drawImage(ImageReader(io.BytesIO(seat.photo)), px, py, photo_w, photo_h)
            drawn = True
        except Exception:  # a damaged photo must not stop the poster
            drawn = False
    if not drawn:
        canvas.setFillColor(HexColor("#e8dcd3"))
        canvas.rect(px, py, photo_w, photo_h, stroke=0, fill=1)
        canvas.setFillColor(white)
        canvas.setFont(font, 26 * scale)
        canvas.drawCentredString(px + photo_w / 2, py + photo_h / 2 - 9 * scale, seat.name[:1])
    canvas.setFillColor(DARK)
    canvas.setFont(font, _fit(canvas, seat.name, font, 13 * scale, w - 6))
    canvas.drawCentredString(x + w / 2, py - 16 * scale, seat.name)
    canvas.setFillColor(DARK)
    for i, text in enumerate(
        t
        for t in (
            f"电话 {seat.phone}" if seat.phone else "",
            f"微信 {seat.wechat}" if seat.wechat else "",
        )
        if t
    ):
        canvas.setFont(font, _fit(canvas, text, font, 8.5 * scale, w - 6))
        canvas.drawCentredString(x + w / 2, py - (31 + 12 * i) * scale, text)
    if seat.moved_from:
        note = f"原{seat.moved_from.month}月{seat.moved_from.day}日，遇节假日调整"
        canvas.setFillColor(GREY)
        canvas.setFont(font, _fit(canvas, note, font, 7 * scale, w - 6))
        canvas.drawCentredString(x + w / 2, y + 5 * scale, note)
