"""Synthetic photos of homework questions, made by the tests themselves.

Each image is drawn from a question's text with a seed that fixes everything about it: a DejaVu
font (Debian's fonts-dejavu-core, installed by scripts/ocr.sh) and size, a paper page or a chat
screenshot (light or dark mode), options A–D for multiple-choice questions, a rotation within ±5°,
blur, uneven lighting and JPEG quality 40–90. The same seed always gives the same bytes, so a test
or a benchmark run can be repeated exactly without committing hundreds of binary files.
"""

from __future__ import annotations

import io
import random
import textwrap
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONTS = ("DejaVuSans.ttf", "DejaVuSerif.ttf", "DejaVuSansCondensed.ttf", "DejaVuSans-Bold.ttf",
         "DejaVuSerifCondensed.ttf", "DejaVuSansMono.ttf")
BACKGROUNDS = ("paper", "lined-paper", "chat-light", "chat-dark")


@dataclass(frozen=True)
class Photo:
    """One synthetic photo and what it shows."""

    text: str  # the text drawn, as a student would have typed it
    data: bytes  # JPEG bytes
    width: int
    height: int
    style: str  # "<background>/<font>/<size>px/<angle>°/q<quality>"


def _font(name: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT_DIR / name), size)


def _wrap(text: str, font: ImageFont.FreeTypeFont, width_px: int) -> list[str]:
    """Lines that fit `width_px`, keeping the text's own line breaks (options stay one a line)."""
    average = max(1.0, font.getlength("abcdefghijklmnopqrstuvwxyz") / 26)
    chars = max(10, int(width_px / average))
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines.extend(textwrap.wrap(paragraph, chars) or [""])
    return lines


def _background(kind: str, size: tuple[int, int], rng: random.Random) -> tuple[Image.Image, tuple[int, int, int]]:
    width, height = size
    if kind == "chat-dark":
        return Image.new("RGB", size, (rng.randint(14, 30), rng.randint(20, 34), rng.randint(28, 44))), (235, 235, 235)
    if kind == "chat-light":
        base = Image.new("RGB", size, (rng.randint(200, 225), rng.randint(215, 235), rng.randint(200, 220)))
        bubble = ImageDraw.Draw(base)
        bubble.rounded_rectangle((16, 16, width - 16, height - 16), radius=28, fill=(220, 248, 198))
        return base, (20, 20, 20)
    noise = np.random.default_rng(rng.randint(0, 2**31)).normal(0, 6, (height, width, 1))
    paper = np.clip(np.array([246, 241, 228], dtype=np.float32) + noise, 0, 255).astype(np.uint8)
    image = Image.fromarray(paper, "RGB")
    if kind == "lined-paper":
        draw = ImageDraw.Draw(image)
        for y in range(60, height, 44):
            draw.line((0, y, width, y), fill=(190, 205, 230), width=1)
    return image, (rng.randint(10, 50),) * 3  # type: ignore[return-value]


def _uneven_light(image: Image.Image, rng: random.Random) -> Image.Image:
    """A shadow across the page, as from a hand or a lamp to one side."""
    width, height = image.size
    strength = rng.uniform(0.15, 0.45)
    xs = np.linspace(0, 1, width, dtype=np.float32)
    ys = np.linspace(0, 1, height, dtype=np.float32)[:, None]
    angle = rng.uniform(0, np.pi)
    gradient = (np.cos(angle) * xs + np.sin(angle) * ys)
    gradient = (gradient - gradient.min()) / max(1e-6, float(gradient.max() - gradient.min()))
    shade = 1.0 - strength * gradient
    pixels = np.asarray(image, dtype=np.float32) * shade[..., None]
    return Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8), "RGB")


def with_options(question: str, options: list[str]) -> str:
    """A multiple-choice question as a worksheet prints it."""
    return question + "\n" + "\n".join(f"{'ABCDE'[i]}. {option}" for i, option in enumerate(options))


def make_photo(text: str, seed: int, *, tilt: bool = True) -> Photo:
    """A photo of `text`, fully determined by `seed`."""
    rng = random.Random(seed)
    kind = BACKGROUNDS[rng.randrange(len(BACKGROUNDS))]
    font_name = FONTS[rng.randrange(len(FONTS))]
    size = rng.randint(22, 36)
    font = _font(font_name, size)
    width = rng.randint(900, 1200)
    lines = _wrap(text, font, width - 120)
    line_height = int(size * 1.5)
    height = max(360, 120 + line_height * len(lines))
    image, ink = _background(kind, (width, height), rng)
    draw = ImageDraw.Draw(image)
    y = 60
    for line in lines:
        draw.text((60, y), line, font=font, fill=ink)
        y += line_height
    if kind in ("paper", "lined-paper"):
        image = _uneven_light(image, rng)
    angle = rng.uniform(-5, 5) if tilt else 0.0
    fill = image.getpixel((2, 2))
    image = image.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=fill)
    blur = rng.choice((0.0, 0.0, 0.6, 1.0, 1.3))
    if blur:
        image = image.filter(ImageFilter.GaussianBlur(blur))
    quality = rng.randint(40, 90)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=quality)
    style = f"{kind}/{font_name.removesuffix('.ttf')}/{size}px/{angle:+.1f}°/q{quality}"
    return Photo(text, out.getvalue(), image.width, image.height, style)


def make_blank(seed: int, size: tuple[int, int] = (900, 700)) -> bytes:
    """A photo without text: smooth colour blobs, like a selfie's background or a landscape."""
    rng = random.Random(seed)
    image = Image.new("RGB", size, (rng.randint(0, 255), rng.randint(0, 255), rng.randint(0, 255)))
    draw = ImageDraw.Draw(image)
    for _ in range(12):
        x, y = rng.randint(0, size[0]), rng.randint(0, size[1])
        r = rng.randint(40, 220)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=(rng.randint(0, 255), rng.randint(0, 255), rng.randint(0, 255)))
    image = image.filter(ImageFilter.GaussianBlur(18))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=80)
    return out.getvalue()
