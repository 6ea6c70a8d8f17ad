"""coalesce: one group message answering as many askers as fit, each under their mention; the others
told (once) that their answer follows. Always valid Telegram HTML within 4096 characters."""

from __future__ import annotations

from bot.handlers.outbox import Pending, coalesce
from tests.fakes.bot_api import parse_telegram_html


def asker(n: int, text: str, *, name: str = "Siswa", told: bool = False) -> Pending:
    return Pending(user_id=100 + n, name=f"{name} {n}", reply_to=n, text=text, markup=None, lang="id", told=told)


def test_short_answers_all_go_in_one_message_under_each_mention() -> None:
    batch = [asker(i, f"<b>Jawaban</b> nomor {i}.") for i in range(5)]
    text, rest = coalesce(batch)
    assert rest == [] and text is not None
    parse_telegram_html(text)  # raises if Telegram would refuse it
    for i in range(5):
        assert f'<a href="tg://user?id={100 + i}">Siswa {i}</a>\n<b>Jawaban</b> nomor {i}.' in text
    assert "menyusul" not in text


def test_what_does_not_fit_waits_and_its_askers_are_told_once() -> None:
    long = "Paragraf panjang. " * 80  # ~1,400 characters each
    batch = [asker(i, long) for i in range(6)]
    text, rest = coalesce(batch)
    assert text is not None and 0 < len(rest) < 6
    plain, _ = parse_telegram_html(text)
    assert len(plain) <= 4096
    for item in rest:
        assert f'tg://user?id={item.user_id}"' in text and "menyusul" in text
    for item in rest:
        item.told = True
    again, still = coalesce(rest)
    assert again is not None and len(still) < len(rest)  # the next slot answers more of them
    for item in still:  # and does not tell anyone a second time
        assert f'tg://user?id={item.user_id}"' not in again


def test_names_are_escaped_and_a_too_long_first_answer_is_left_to_go_alone() -> None:
    text, rest = coalesce([asker(1, "ok", name="<Budi & Ani>"), asker(2, "ok")])
    assert text is not None and "&lt;Budi &amp; Ani&gt;" in text
    parse_telegram_html(text)
    huge = asker(3, "x" * 4000)
    text, rest = coalesce([huge, asker(4, "ok")])
    assert text is None and rest[0] is huge
