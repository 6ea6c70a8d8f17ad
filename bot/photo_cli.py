"""`python -m bot ask --image FILE`: the photo path of the tutor from the command line.

The same reading (bot/ocr.py) and the same decisions and text (bot/core/photo_text.py) as a photo
sent on Telegram, so a teacher can try a worksheet photo, and the evaluation can measure photos,
without a bot token.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from bot.core.markup import strip_tags
from bot.core.photo_text import answer_photo, read_photo_text
from bot.settings import Settings
from bot.tutor_cache import tutor_for


def cmd_ask_image(settings: Settings, path: str, as_json: bool, lang: str) -> int:
    """Print the reply to one image; exit 1 when it cannot be read at all."""
    from bot.ocr import NotAnImage, recognize, tesseract_problem

    problem = tesseract_problem(settings.tesseract_cmd)
    if problem is not None:
        print(f"cannot read photos here: {problem}", file=sys.stderr)
        return 1
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        print(f"cannot read {path}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    if len(data) > settings.photo_max_bytes:
        print(f"{path} is larger than PHOTO_MAX_BYTES ({settings.photo_max_bytes} bytes)", file=sys.stderr)
        return 1
    try:
        text = recognize(data, settings.tesseract_cmd)
    except NotAnImage:
        print(f"{path} is not an image this tutor can read", file=sys.stderr)
        return 1
    read = read_photo_text(text)
    answer = answer_photo(read, tutor_for(settings), lang)
    out = sys.stdout.buffer
    if as_json:
        report = {
            "image": path,
            "read": read.text,
            "photo": read.kind,
            "questions": [{"number": n, "question": q} for n, q in read.questions],
            "answers": [{"number": number, **reply.as_json()} for number, reply in answer.replies],
        }
        out.write((json.dumps(report, ensure_ascii=False) + "\n").encode("utf-8"))
    else:
        out.write((strip_tags(answer.text) + "\n").encode("utf-8"))
    out.flush()
    return 0
