"""The cached tutor: used when it matches the content, rebuilt when the content changes or the copy is
unreadable or unsafe, and never needed for the tutor to work."""

from __future__ import annotations

import os
import pickle
import shutil
from pathlib import Path

import pytest

from bot.core.content import ContentInvalid, load_bank
from bot.core.conversation import Tutor
from bot.settings import Settings
from bot.tutor_cache import cache_key, load_tutor

CARDBANK = Path(__file__).resolve().parent / "core" / "cardbank"
QUESTION = "kapan orka berdiri"


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A small bank of our own to change."""
    return Path(shutil.copytree(CARDBANK, tmp_path / "content"))


def _copies(folder: Path) -> list[Path]:
    return sorted(folder.glob("tutor-*.pickle"))


def _replace_in(content: Path, old: str, new: str) -> None:
    """Replace `old` in every file of the bank that says it (the FAQ answer and the fact card)."""
    changed = 0
    for path in content.rglob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        if old in text:
            path.write_text(text.replace(old, new), encoding="utf-8")
            changed += 1
    assert changed


def _plant(path: Path, tutor: Tutor, mode: int) -> None:
    path.write_bytes(pickle.dumps(tutor))
    path.chmod(mode)


def _key_path(content: Path, tmp_path: Path) -> Path:
    """Where `content`'s copy goes, in a fresh private cache folder."""
    cache = tmp_path / "cache"
    cache.mkdir(mode=0o700)
    return cache / f"tutor-{cache_key(content)}.pickle"


def _impostor(content: Path, tmp_path: Path) -> Tutor:
    """A tutor of other content (another founding date), to plant under `content`'s key."""
    other = Path(shutil.copytree(content, tmp_path / "other"))
    _replace_in(other, "12 Maret 1971", "1 Januari 1999")
    return Tutor(load_bank(other))


def test_a_copy_is_written_once_and_replies_as_the_built_tutor(content: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = load_tutor(content, cache)
    [copy] = _copies(cache)
    second = load_tutor(content, cache)
    assert _copies(cache) == [copy]
    built = Tutor(load_bank(content))
    for question in (QUESTION, "apa itu orka", "what is orka", "siapa presiden pertama"):
        assert first.reply(question) == second.reply(question) == built.reply(question)


def test_the_copy_is_what_is_loaded_when_it_is_private(content: Path, tmp_path: Path) -> None:
    """A tutor planted under the right key is the one returned: the copy really is read."""
    key_path = _key_path(content, tmp_path)
    _plant(key_path, _impostor(content, tmp_path), 0o600)
    assert "1 Januari 1999" in load_tutor(content, key_path.parent).reply(QUESTION).text


def test_a_copy_others_may_write_is_never_unpickled(content: Path, tmp_path: Path) -> None:
    key_path = _key_path(content, tmp_path)
    cache, impostor = key_path.parent, _impostor(content, tmp_path)
    _plant(key_path, impostor, 0o666)
    assert "12 Maret 1971" in load_tutor(content, cache).reply(QUESTION).text
    cache.chmod(0o777)
    _plant(key_path, impostor, 0o600)
    assert "12 Maret 1971" in load_tutor(content, cache).reply(QUESTION).text


def test_changed_content_gets_its_own_copy(content: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    assert "12 Maret 1971" in load_tutor(content, cache).reply(QUESTION).text
    _replace_in(content, "12 Maret 1971", "13 Maret 1971")
    assert "13 Maret 1971" in load_tutor(content, cache).reply(QUESTION).text
    assert len(_copies(cache)) == 2


def test_an_unreadable_copy_is_rebuilt_and_replaced(content: Path, tmp_path: Path) -> None:
    key_path = _key_path(content, tmp_path)
    cache = key_path.parent
    key_path.write_bytes(b"\x80\x05 half a pickle")
    key_path.chmod(0o600)
    assert "12 Maret 1971" in load_tutor(content, cache).reply(QUESTION).text
    assert isinstance(pickle.loads(key_path.read_bytes()), Tutor)
    assert not list(cache.glob(".tutor-*"))  # no temporary file left behind


def test_invalid_content_raises_and_is_not_cached(content: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    _replace_in(content, "id: orka-berdiri", "id: orka-pengertian")  # a duplicate id
    with pytest.raises(ContentInvalid):
        load_tutor(content, cache)
    assert not _copies(cache)


def test_an_unwritable_folder_costs_only_the_speed(content: Path, tmp_path: Path) -> None:
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("x")
    assert "12 Maret 1971" in load_tutor(content, blocked / "cache").reply(QUESTION).text


def test_the_setting_picks_the_folder_or_turns_the_cache_off(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                              content: Path) -> None:
    def folder(**values: str) -> Path | None:
        return Settings(_env_file=None, **values).content_cache_folder  # type: ignore[call-arg]

    monkeypatch.delenv("CONTENT_CACHE_DIR", raising=False)
    assert folder(content_cache_dir="off") is None
    assert folder(content_cache_dir=str(tmp_path / "mine")) == tmp_path / "mine"
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert folder() == tmp_path / "xdg" / "tutor-diplomasi"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert folder() == tmp_path / "home" / ".cache" / "tutor-diplomasi"
    assert "12 Maret 1971" in load_tutor(content, None).reply(QUESTION).text  # off: built, nothing written


def test_only_the_newest_copies_are_kept(content: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cache.mkdir(mode=0o700)
    for n in range(10):
        old = cache / f"tutor-{n:032d}.pickle"
        old.write_bytes(b"old")
        os.utime(old, (1_000_000 + n, 1_000_000 + n))
    load_tutor(content, cache)
    kept = _copies(cache)
    assert len(kept) == 8
    assert cache / f"tutor-{cache_key(content)}.pickle" in kept
    assert cache / f"tutor-{0:032d}.pickle" not in kept
