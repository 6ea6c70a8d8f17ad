"""Reading a photographed or screenshotted question: image preparation with Pillow, Tesseract 5
through pytesseract, in a bounded pool outside the event loop.

pytesseract runs the `tesseract` program as a child process. That costs a process start and a
load of the language models per photo, which tesserocr (Tesseract's C API, models loaded once)
would save; we chose pytesseract anyway because the recognition then runs outside this process, so
it never holds the GIL the event loop needs and a Tesseract crash on a hostile image costs one reply,
not the bot; and because it uses Debian's tesseract as installed, where tesserocr must be compiled
against matching Tesseract headers. The preparation below (Pillow, NumPy) runs in spawned worker
processes for the same reason. `make bench` (part `photos`) shows the whole path still answers a
photo within the 2.5 s target on two cores.

Preparation, in order: EXIF rotation; greyscale; flattening uneven light (the image divided by a
blurred copy of itself, which also turns coloured chat bubbles and paper into white); dark-mode
screenshots inverted; small text scaled up and huge images down; the page straightened (the angle
within ±6° whose row profile is sharpest); and a crop to the text with a margin.
"""

from __future__ import annotations

import asyncio
import io
import logging
import multiprocessing
import shutil
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field

import numpy as np
from PIL import Image, ImageFilter, ImageOps, UnidentifiedImageError

log = logging.getLogger(__name__)

LANGUAGES = ("ind", "eng")
TARGET_LONG_SIDE = 1000  # smaller photos are scaled up to this; text in them is then large enough
MAX_LONG_SIDE = 2400
MAX_UPSCALE = 2.5
MAX_PIXELS = 40_000_000  # refuse decompression bombs before decoding them
TESSERACT_TIMEOUT_S = 20
SKEW_RANGE_DEG = 6.0
PAPER_LEVEL = 190  # after flattening the page sits near 245 and ink far below
MIN_WORD_CONFIDENCE = 30.0  # Tesseract's 0-100 per word; noise scraps score far lower
MIN_LINE_CONFIDENCE = 55.0


class OcrUnavailable(Exception):
    """Tesseract or its Indonesian/English data is not installed here."""


class OcrBusy(Exception):
    """Too many photos waiting, for this chat or overall: the student is asked to wait a moment."""


class NotAnImage(Exception):
    """The bytes are not an image Pillow can read (or one too large to decode safely)."""


def tesseract_problem(command: str = "tesseract") -> str | None:
    """Why photos cannot be read here (None when they can): the program or a language is missing."""
    path = shutil.which(command)
    if path is None:
        return f"the Tesseract program ({command!r}) is not installed"
    import pytesseract

    pytesseract.pytesseract.tesseract_cmd = path
    try:
        have = set(pytesseract.get_languages(config=""))
    except (pytesseract.TesseractError, OSError) as exc:
        return f"Tesseract does not run: {exc}"
    missing = [lang for lang in LANGUAGES if lang not in have]
    if missing:
        return f"Tesseract lacks the language data {', '.join(missing)} (tesseract-ocr-{missing[0]})"
    return None


def open_image(data: bytes) -> Image.Image:
    """Decode an upload, refusing anything that is not an image or would be huge once decoded."""
    try:
        image = Image.open(io.BytesIO(data))
        if image.width * image.height > MAX_PIXELS:
            raise NotAnImage(f"{image.width}x{image.height} pixels is more than a photo of a page")
        image.load()
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, ValueError) as exc:
        raise NotAnImage(str(exc)) from exc
    return ImageOps.exif_transpose(image) or image


def _flatten_light(grey: Image.Image) -> Image.Image:
    """Divide by the background: shadows, gradients and tinted bubbles become white.

    The background is the page without its ink: a maximum filter on a quarter-size copy removes
    the (dark, thin) strokes, a blur smooths what is left, and the result is scaled back up."""
    small = grey.resize((max(1, grey.width // 4), max(1, grey.height // 4)), Image.Resampling.BILINEAR)
    background = small.filter(ImageFilter.MaxFilter(9)).filter(ImageFilter.GaussianBlur(6))
    background = background.resize(grey.size, Image.Resampling.BILINEAR)
    flat = np.asarray(grey, dtype=np.float32) / (np.asarray(background, dtype=np.float32) + 1.0) * 245.0
    return Image.fromarray(np.clip(flat, 0, 255).astype(np.uint8))


def _scaled(image: Image.Image) -> Image.Image:
    long_side = max(image.size)
    factor = TARGET_LONG_SIDE / long_side
    if long_side > MAX_LONG_SIDE:
        factor = MAX_LONG_SIDE / long_side
    elif factor <= 1.0:
        return image
    factor = min(factor, MAX_UPSCALE)
    size = (max(1, round(image.width * factor)), max(1, round(image.height * factor)))
    return image.resize(size, Image.Resampling.LANCZOS)


def _ink(grey: Image.Image) -> np.ndarray:
    """A boolean ink mask (dark pixels) by Otsu's threshold."""
    pixels = np.asarray(grey, dtype=np.uint8)
    hist = np.bincount(pixels.ravel(), minlength=256).astype(np.float64)
    total = hist.sum()
    weights = np.cumsum(hist)
    means = np.cumsum(hist * np.arange(256))
    with np.errstate(divide="ignore", invalid="ignore"):
        between = (means[-1] * weights / total - means) ** 2 / (weights * (total - weights))
    threshold = int(np.nanargmax(between)) if np.isfinite(between).any() else 128
    return pixels <= threshold


def _skew_angle(grey: Image.Image) -> float:
    """The rotation (degrees) that makes text lines horizontal: the sharpest row profile wins."""
    small = grey.copy()
    small.thumbnail((700, 700))
    ink = Image.fromarray((_ink(small) * 255).astype(np.uint8))

    def sharpness(angle: float) -> float:
        rows = np.asarray(ink.rotate(angle, resample=Image.Resampling.NEAREST, expand=False), dtype=np.float32)
        profile = rows.sum(axis=1)
        return float(np.var(np.diff(profile)))

    coarse = max((a / 2 for a in range(-int(SKEW_RANGE_DEG * 2), int(SKEW_RANGE_DEG * 2) + 1)), key=sharpness)
    fine = max((coarse + a / 10 for a in range(-4, 5)), key=sharpness)
    return fine


def _crop_to_text(grey: Image.Image, margin: int = 24) -> Image.Image:
    ink = _ink(grey)
    rows = np.where(ink.mean(axis=1) > 0.002)[0]
    cols = np.where(ink.mean(axis=0) > 0.002)[0]
    if rows.size == 0 or cols.size == 0:
        return grey
    top, bottom = max(0, rows[0] - margin), min(grey.height, rows[-1] + margin)
    left, right = max(0, cols[0] - margin), min(grey.width, cols[-1] + margin)
    return grey.crop((int(left), int(top), int(right), int(bottom)))


def prepare(image: Image.Image) -> Image.Image:
    """A clean, straight, black-on-white greyscale image of the text, at a size Tesseract reads well."""
    grey = ImageOps.grayscale(image.convert("RGB"))
    if np.asarray(grey).mean() < 110:  # dark-mode screenshot: light text on a dark background
        grey = ImageOps.invert(grey)
    grey = _scaled(grey)
    grey = _flatten_light(grey).filter(ImageFilter.MedianFilter(3))  # paper grain and JPEG speckle out
    # what is near the paper's own brightness (grain, ruled lines, faint show-through) becomes paper
    grey = ImageOps.autocontrast(grey.point(lambda v: 255 if v > PAPER_LEVEL else v), cutoff=1)
    angle = _skew_angle(grey)
    if abs(angle) >= 0.3:
        grey = grey.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)
    return _crop_to_text(grey)


def _confident_lines(data: dict[str, list[object]]) -> str:
    """Tesseract's words regrouped into lines, without the low-confidence scraps that paper edges,
    bubble borders and shadows turn into ("PA ea aa Sa …")."""
    lines: dict[tuple[int, int, int], list[tuple[str, float]]] = {}
    for text, conf, block, par, line in zip(data["text"], data["conf"], data["block_num"], data["par_num"],
                                            data["line_num"], strict=True):
        word = str(text).strip()
        if word:
            lines.setdefault((int(str(block)), int(str(par)), int(str(line))), []).append((word, float(str(conf))))
    kept = []
    for words in lines.values():
        mean = sum(conf for _, conf in words) / len(words)
        good = [word for word, conf in words if conf >= MIN_WORD_CONFIDENCE]
        if mean >= MIN_LINE_CONFIDENCE and good:
            kept.append(" ".join(good))
    return "\n".join(kept)


def recognize(data: bytes, command: str = "tesseract") -> str:
    """The text in an image (blocking: run it in the pool)."""
    import pytesseract

    pytesseract.pytesseract.tesseract_cmd = command
    image = prepare(open_image(data))
    # psm 6: one uniform block of text, which a cropped worksheet question is; oem 1: the LSTM engine
    found = pytesseract.image_to_data(image, lang="+".join(LANGUAGES), config="--oem 1 --psm 6",
                                      timeout=TESSERACT_TIMEOUT_S, output_type=pytesseract.Output.DICT)
    return _confident_lines(found)


@dataclass
class OcrService:
    """Photos are read here, a few at a time, with a queue limit per chat and overall.

    `available` is decided once at start-up; without Tesseract every read raises OcrUnavailable
    and the bot says so politely instead of failing."""

    command: str = "tesseract"
    workers: int = 1
    per_chat: int = 2
    total: int = 12
    problem: str | None = None
    reader: Callable[[bytes, str], str] = recognize  # what runs in the pool (tests hold it on an event)
    # Preparing an image (Pillow, NumPy) is Python-level work that would hold the GIL the event loop
    # needs, so by default it runs in worker processes; threads only for readers that cannot be
    # pickled (tests that hold a reader on an event).
    in_processes: bool = True
    _pool: Executor | None = field(default=None, repr=False)
    _waiting: dict[int, int] = field(default_factory=dict, repr=False)
    _in_flight: int = field(default=0, repr=False)

    @classmethod
    def detect(cls, command: str = "tesseract", *, workers: int = 1, per_chat: int = 2, total: int = 12) -> OcrService:
        """An OcrService for this machine; logs once when photos cannot be read here."""
        problem = tesseract_problem(command)
        if problem is not None:
            log.warning("photo questions are off: %s (install tesseract-ocr, tesseract-ocr-ind, "
                        "tesseract-ocr-eng)", problem)
        return cls(command=shutil.which(command) or command, problem=problem, workers=workers, per_chat=per_chat,
                   total=total)

    @property
    def available(self) -> bool:
        return self.problem is None

    @contextmanager
    def _slot(self, chat_id: int) -> Iterator[None]:
        if self._in_flight >= self.total or self._waiting.get(chat_id, 0) >= self.per_chat:
            raise OcrBusy
        self._in_flight += 1
        self._waiting[chat_id] = self._waiting.get(chat_id, 0) + 1
        try:
            yield
        finally:
            self._in_flight -= 1
            left = self._waiting[chat_id] - 1
            if left:
                self._waiting[chat_id] = left
            else:
                del self._waiting[chat_id]  # the dict holds only chats with photos in flight

    async def read(self, chat_id: int, data: bytes) -> str:
        """The text of one image; OcrUnavailable, OcrBusy or NotAnImage when it cannot be read."""
        if not self.available:
            raise OcrUnavailable(self.problem)
        with self._slot(chat_id):
            pool = self._pool
            if pool is None:
                pool = self._pool = self._new_pool()
            loop = asyncio.get_running_loop()
            try:
                return await loop.run_in_executor(pool, self.reader, data, self.command)
            except BrokenProcessPool:
                # a worker died on this image (out of memory, a crash in a decoder): this photo is
                # lost, the next one gets fresh workers
                log.error("an OCR worker died; starting new ones")
                if self._pool is pool:
                    self._pool = None
                pool.shutdown(wait=False, cancel_futures=True)
                raise NotAnImage("the image could not be read") from None

    def _new_pool(self) -> Executor:
        if self.in_processes:
            # spawn, not fork: forking a process that runs an event loop and threads is unsafe
            return ProcessPoolExecutor(max_workers=self.workers, mp_context=multiprocessing.get_context("spawn"))
        return ThreadPoolExecutor(max_workers=self.workers, thread_name_prefix="ocr")

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None
