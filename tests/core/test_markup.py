"""Telegram HTML checks and message splitting."""

import pytest

from bot.core.markup import escape, html_problem, split_message, strip_tags, visible_length


@pytest.mark.parametrize("text", [
    "plain text", "<b>bold</b> and <i>italic</i>", "<b>nested <i>tags</i></b>", "a &lt; b &amp; c &gt; d",
    '<a href="https://un.org">PBB</a>', "&#65;&#x42;", '<span class="tg-spoiler">x</span>', "<code>x</code>",
])
def test_valid_html_passes(text: str) -> None:
    assert html_problem(text) is None


@pytest.mark.parametrize("text", [
    "<div>x</div>", "<b>unclosed", "<b><i>crossed</b></i>", "a < b", "AT&T", "</b>", "<a>no href</a>",
    "<span>x</span>", "<br>",
])
def test_invalid_html_is_reported(text: str) -> None:
    assert html_problem(text) is not None


def test_escape_makes_user_text_safe() -> None:
    nasty = "<b>hack</b> & <script>"
    assert html_problem(escape(nasty)) is None
    assert strip_tags(escape(nasty)) == nasty


def test_visible_length_counts_text_not_markup() -> None:
    assert visible_length("<b>abc</b> &amp;") == 5


def test_split_keeps_parts_under_limit_and_valid() -> None:
    paragraph = "<b>Judul</b> " + "kata " * 300
    text = "\n\n".join([paragraph] * 8)
    parts = split_message(text, limit=4096)
    assert len(parts) > 1
    for part in parts:
        assert visible_length(part) <= 4096
        assert html_problem(part) is None
    assert "".join(strip_tags(p) for p in parts).count("kata") == 8 * 300


def test_split_cuts_one_giant_line() -> None:
    text = "x&amp;y " * 2000
    parts = split_message(text, limit=4096)
    assert all(visible_length(p) <= 4096 and html_problem(p) is None for p in parts)
    assert sum(strip_tags(p).count("x&y") for p in parts) == 2000


def test_short_message_is_untouched() -> None:
    assert split_message("<b>halo</b>") == ["<b>halo</b>"]
