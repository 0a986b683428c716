#!/usr/bin/env python3
"""Draw the app icon: resources/icons/twdesk.ico (16–256 px) and twdesk-<size>.png.

An original, simple mark — a red rounded square with a thin white inner frame and the character
团 in the bundled LXGW WenKai Bold — not any real emblem. Each size is drawn on its own at 8×
and scaled down, so the small icons stay crisp instead of being shrunk from the 256 px one.

    python scripts/make_icon.py            regenerate the files (commit them)

Pillow comes with reportlab (a dependency), so nothing extra is installed.
"""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "resources" / "icons"
FONT = ROOT / "resources" / "fonts" / "LXGWWenKai-Bold.ttf"
SIZES = (16, 24, 32, 48, 64, 128, 256)
PNG_SIZES = (16, 32, 48, 64, 128, 256)
RED = (196, 30, 40, 255)
DARK_RED = (150, 18, 28, 255)
WHITE = (255, 255, 255, 255)
SCALE = 8


def draw(size: int) -> Image.Image:
    """The icon at `size` × `size` pixels (RGBA)."""
    big = size * SCALE
    img = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    margin = round(big * (0.03 if size >= 32 else 0.0))
    radius = round(big * 0.2)
    box = (margin, margin, big - 1 - margin, big - 1 - margin)
    d.rounded_rectangle(box, radius=radius, fill=RED)
    # a darker lower edge gives the square some depth without a gradient
    shade = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    ImageDraw.Draw(shade).rounded_rectangle(box, radius=radius, fill=DARK_RED)
    mask = Image.new("L", (big, big), 0)
    ImageDraw.Draw(mask).rectangle((0, round(big * 0.72), big, big), fill=255)
    inner = Image.new("L", (big, big), 0)
    ImageDraw.Draw(inner).rounded_rectangle(box, radius=radius, fill=255)
    img.paste(shade, (0, 0), Image.composite(mask, Image.new("L", (big, big), 0), inner))
    if size >= 48:  # the thin frame only where it can be seen
        inset = round(big * 0.1)
        width = max(SCALE, round(big * 0.025))
        d.rounded_rectangle(
            (inset, inset, big - 1 - inset, big - 1 - inset),
            radius=round(radius * 0.6),
            outline=WHITE,
            width=width,
        )
    text = "团"
    font = ImageFont.truetype(str(FONT), round(big * (0.62 if size >= 48 else 0.8)))
    left, top, right, bottom = d.textbbox((0, 0), text, font=font)
    x = (big - (right - left)) / 2 - left
    y = (big - (bottom - top)) / 2 - top
    d.text((x, y), text, font=font, fill=WHITE)
    return img.resize((size, size), Image.Resampling.LANCZOS)


def render() -> dict[str, bytes]:
    """File name → bytes of every icon file."""
    images = {size: draw(size) for size in SIZES}
    files: dict[str, bytes] = {}
    for size in PNG_SIZES:
        buf = io.BytesIO()
        images[size].save(buf, format="PNG", optimize=True)
        files[f"twdesk-{size}.png"] = buf.getvalue()
    buf = io.BytesIO()
    largest = images[max(SIZES)]
    largest.save(
        buf,
        format="ICO",
        sizes=[(s, s) for s in SIZES],
        append_images=[images[s] for s in SIZES if s != max(SIZES)],
    )
    files["twdesk.ico"] = buf.getvalue()
    return files


def main() -> int:
    files = render()
    OUT.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (OUT / name).write_bytes(data)
        print(f"wrote {OUT / name} ({len(data):,} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
