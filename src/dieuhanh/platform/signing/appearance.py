"""Generated signature images, drawn with Pillow (no downloaded art).

A person without an uploaded image gets a blue ink-style flourish; a unit gets a red round
seal with its name around the rim. Both are RGBA PNGs with a transparent background, so the
seal can overlap the signature as on paper.
"""

from __future__ import annotations

import io
import math
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFont

INK_BLUE = (22, 58, 160, 255)
SEAL_RED = (200, 24, 32, 235)
FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
    "DejaVuSans-Bold.ttf",
)
MAX_IMAGE_PIXELS = 4000 * 4000
MAX_IMAGE_BYTES = 2 * 1024 * 1024


def _font(size: int):
    for candidate in FONT_CANDIDATES:
        try:
            return ImageFont.truetype(candidate, size)
        except OSError:
            continue
    return ImageFont.load_default(size)


def _png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


@lru_cache(maxsize=256)
def personal_image(name: str) -> bytes:
    """A blue, hand-written-looking flourish derived from the name (same name, same image)."""
    width, height = 640, 260
    scale = 3  # draw large, then shrink: smooth strokes without anti-aliasing support
    image = Image.new("RGBA", (width * scale, height * scale), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    seed = sum(ord(c) * (i + 1) for i, c in enumerate(name or "?"))
    loops = 3 + seed % 3
    points = []
    steps = 600
    for i in range(steps + 1):
        t = i / steps
        x = 40 + t * (width - 120)
        wobble = math.sin(t * math.pi * 2 * loops + seed % 7) * (55 - 25 * t)
        loop = math.cos(t * math.pi * 2 * loops * 1.5) * 18
        y = height * 0.52 + wobble + loop * (1 - t)
        points.append((x * scale + loop * scale * 1.2, y * scale))
    draw.line(points, fill=INK_BLUE, width=7 * scale, joint="curve")
    # the final stroke under the name
    tail = [
        ((width * 0.18 + t * width * 0.72) * scale, (height * 0.80 - math.sin(t * math.pi) * 14) * scale)
        for t in (i / 80 for i in range(81))
    ]
    draw.line(tail, fill=INK_BLUE, width=5 * scale, joint="curve")
    return _png(image.resize((width, height), Image.LANCZOS))


def _draw_arc_text(image: Image.Image, text: str, *, centre: float, radius: float, font, top: bool) -> None:
    """Letters along a circle: the unit's name on the upper rim, the place on the lower one."""
    if not text:
        return
    advances = [font.getlength(ch) for ch in text]
    total = sum(advances)
    span = total / radius  # radians used by the text
    angle = (-math.pi / 2 - span / 2) if top else (math.pi / 2 + span / 2)
    for ch, advance in zip(text, advances, strict=True):
        step = advance / radius
        mid = angle + (step / 2 if top else -step / 2)
        x = centre + radius * math.cos(mid)
        y = centre + radius * math.sin(mid)
        glyph = Image.new("RGBA", (int(advance * 2 + 20), int(font.size * 2)), (0, 0, 0, 0))
        ImageDraw.Draw(glyph).text((glyph.width / 2, glyph.height / 2), ch, font=font, fill=SEAL_RED, anchor="mm")
        rotation = -math.degrees(mid) - 90 if top else -math.degrees(mid) + 90
        glyph = glyph.rotate(rotation, resample=Image.BICUBIC, expand=True)
        image.alpha_composite(glyph, (int(x - glyph.width / 2), int(y - glyph.height / 2)))
        angle += step if top else -step


@lru_cache(maxsize=256)
def seal_image(unit_name: str, place: str = "") -> bytes:
    """A red round seal: two rims, the unit's name around, a star in the middle."""
    size = 600
    centre = size / 2
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((8, 8, size - 8, size - 8), outline=SEAL_RED, width=14)
    draw.ellipse((150, 150, size - 150, size - 150), outline=SEAL_RED, width=6)
    # a five-pointed star
    star = []
    for i in range(10):
        r = 110 if i % 2 == 0 else 44
        a = -math.pi / 2 + i * math.pi / 5
        star.append((centre + r * math.cos(a), centre + r * math.sin(a)))
    draw.polygon(star, fill=SEAL_RED)
    text = (unit_name or "").upper()
    font_size = 44 if len(text) <= 26 else max(26, int(44 * 26 / len(text)))
    _draw_arc_text(image, text, centre=centre, radius=centre - 70, font=_font(font_size), top=True)
    if place:
        _draw_arc_text(image, place.upper(), centre=centre, radius=centre - 70, font=_font(36), top=False)
    return _png(image)


def load_image(data: bytes) -> Image.Image:
    """Open an uploaded signature image, checked by content (PNG or JPEG, size-limited).

    Raises ValueError with a reason the caller turns into a Vietnamese message."""
    if len(data) > MAX_IMAGE_BYTES:
        raise ValueError("too large")
    Image.MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS
    image = Image.open(io.BytesIO(data))
    if image.format not in ("PNG", "JPEG"):
        raise ValueError("format")
    image.load()
    return image.convert("RGBA")
