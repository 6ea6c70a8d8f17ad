"""The frozen photo test set (tests/data/photos.yaml) is what issue 18 asks for, and draws the same again."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from bot.core.content import load_bank
from bot.settings import REPO_CONTENT
from tests.fakes.photos import BACKGROUNDS, FONT_DIR, FONTS, make_photo

PHOTOS = yaml.safe_load((Path(__file__).resolve().parents[1] / "data/photos.yaml").read_text(encoding="utf-8"))["photos"]
STYLE = re.compile(r"(?P<background>[a-z-]+)/(?P<font>[\w-]+)/(?P<size>\d+)px/(?P<angle>[+-]\d+\.\d)°/q(?P<quality>\d+)")


def test_the_set_is_large_and_varied() -> None:
    styles = [STYLE.fullmatch(p["style"]) for p in PHOTOS]
    assert all(styles) and len(PHOTOS) >= 200 and len({p["seed"] for p in PHOTOS}) == len(PHOTOS)
    matches = [m for m in styles if m]
    assert {m["background"] for m in matches} == set(BACKGROUNDS)
    assert {f"{m['font']}.ttf" for m in matches} == set(FONTS)
    assert all(abs(float(m["angle"])) <= 5 and 40 <= int(m["quality"]) <= 90 for m in matches)
    assert len({m["size"] for m in matches}) >= 8
    choices = [p for p in PHOTOS if "choice" in p]
    assert len(choices) >= 30 and all(re.search(r"(^|\s|\()[bB][.)] ", p["q"]) for p in choices)


def test_every_plain_photo_names_an_answer_the_bank_holds() -> None:
    bank = load_bank(REPO_CONTENT)
    assert [p["faq"] for p in PHOTOS if "faq" in p and p["faq"] not in bank.faq] == []


@pytest.mark.skipif(not (FONT_DIR / "DejaVuSans.ttf").exists(), reason="needs fonts-dejavu-core")
def test_drawing_a_photo_again_gives_its_recorded_style_and_the_same_bytes() -> None:
    for photo in PHOTOS[::25]:
        drawn = make_photo(photo["q"], photo["seed"])
        assert drawn.style == photo["style"]
        assert make_photo(photo["q"], photo["seed"]).data == drawn.data
