"""The tutor built once per content: a cached copy makes start-up and `ask` take a tenth of a second.

Building the Tutor (reading the YAML, checking it, stemming every phrasing, indexing the matcher and
the fact cards) takes about three seconds; unpickling the result takes about 0.05 s. The copy is keyed
by everything the build reads: the content files' bytes, the source of `bot/core` (the code that
builds it), the Python version and the versions of the libraries that shape it (PyYAML parses the
content, PySastrawi stems it, rapidfuzz scores it). Change any of these and the key changes, so a copy
is never stale; a copy that cannot be read is rebuilt and replaced.

Where: the setting CONTENT_CACHE_DIR, else $XDG_CACHE_HOME/tutor-diplomasi, else
~/.cache/tutor-diplomasi (Settings.content_cache_folder); CONTENT_CACHE_DIR=off builds every time.
Only files this user owns, in a folder only this user may write to, are unpickled (a pickle runs code
when loaded). A folder that cannot be written costs the speed-up only.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import stat
import sys
import tempfile
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import bot.core
from bot.core.content import load_bank
from bot.core.conversation import Tutor
from bot.settings import Settings

log = logging.getLogger(__name__)

FORMAT = 1  # bump when the key's recipe changes
KEEP = 8  # copies kept (several content folders in use at once, e.g. tests); the oldest go first
SHAPING_LIBRARIES = ("PyYAML", "PySastrawi", "rapidfuzz")


def load_tutor(content_dir: Path, cache_dir: Path | None) -> Tutor:
    """The Tutor for `content_dir`, from `cache_dir` when an up-to-date copy is there, else built (and
    cached there; None: always built). Invalid content raises ContentInvalid exactly as `load_bank`
    does: only valid builds are kept."""
    if cache_dir is None:
        return Tutor(load_bank(content_dir))
    path = cache_dir / f"tutor-{cache_key(content_dir)}.pickle"
    cached = _read(path)
    if cached is not None:
        return cached
    tutor = Tutor(load_bank(content_dir))
    _write(path, tutor)
    return tutor


def tutor_for(settings: Settings) -> Tutor:
    """The tutor of the configured content, through the configured cache (what the bot and the CLI use)."""
    return load_tutor(settings.resolved_content_dir, settings.content_cache_folder)


def cache_key(content_dir: Path) -> str:
    """A digest of everything the build depends on (see the module docstring)."""
    digest = hashlib.sha256(f"format {FORMAT}\n{sys.version}\n".encode())
    for name in SHAPING_LIBRARIES:
        try:
            digest.update(f"{name} {version(name)}\n".encode())
        except PackageNotFoundError:
            digest.update(f"{name} -\n".encode())
    for label, root, pattern in (("content", content_dir, "*"), ("code", Path(bot.core.__file__).parent, "*.py")):
        for file in sorted(p for p in root.rglob(pattern) if p.is_file() and "__pycache__" not in p.parts):
            digest.update(f"{label} {file.relative_to(root).as_posix()} {file.stat().st_size}\n".encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()[:32]


def _private(path: Path) -> bool:
    """Owned by this user and writable by nobody else (the file and its folder)."""
    uid = os.getuid() if hasattr(os, "getuid") else None
    for item in (path.parent, path):
        info = item.stat()
        if (uid is not None and info.st_uid != uid) or info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
            return False
    return True


def _read(path: Path) -> Tutor | None:
    try:
        if not path.is_file() or not _private(path):
            return None
        with path.open("rb") as handle:
            tutor = pickle.load(handle)
    except Exception as exc:  # a truncated or foreign file: rebuild and replace it
        log.debug("content cache %s unreadable (%s); rebuilding", path.name, type(exc).__name__)
        return None
    return tutor if isinstance(tutor, Tutor) else None


def _write(path: Path, tutor: Tutor) -> None:
    """Atomically (a reader never sees half a file; two processes writing at once both succeed)."""
    temporary: Path | None = None
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=".tutor-", suffix=".tmp", delete=False) as handle:
            temporary = Path(handle.name)
            pickle.dump(tutor, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
        temporary = None
        _prune(path.parent)
    except OSError as exc:  # a read-only or full disk: the tutor works, start-up is just slower
        log.debug("content cache not written (%s)", type(exc).__name__)
    finally:
        if temporary is not None:
            temporary.unlink(missing_ok=True)


def _prune(folder: Path) -> None:
    copies = sorted(folder.glob("tutor-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in copies[KEEP:]:
        old.unlink(missing_ok=True)
