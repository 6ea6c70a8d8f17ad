"""What the handlers remember per user and per chat between updates, bounded and short-lived.

Not PTB's user_data/chat_data: those are plain dicts that keep an entry for every user and chat
ever seen, so a bot that strangers write to grows for months. Everything here is a `BoundedCache`
(least recently used dropped first), and the database stays the source of truth:

- language choices live 30 s (`LANGUAGE_TTL`): with several processes behind one webhook, a
  /bahasa in one is seen by the others within that time, for one cheap read per chat per 30 s;
- the profile and chat names last written to the database (so an ordinary message costs no
  write) live 10 minutes: another process may have written other names meanwhile;
- the numbered questions of a chat's last photo (the number buttons under it) live a day;
- the last private quiz a user started lives 30 s (`QUIZ_START_TTL`), so a double tap starts one quiz.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from bot.core.lru import BoundedCache
from bot.services import Services

MEMORY_KEY = "chat_memory"  # Services.extras
MAX_ENTRIES = 10_000  # users or chats per cache; the active ones, not all ever seen
LANGUAGE_TTL = 30.0
WRITTEN_TTL = 600.0
PHOTO_TTL = 86_400.0
QUIZ_START_TTL = 30.0  # a private quiz asked for again this soon is a double tap or a replayed button

Profile = tuple[str, str | None, str | None]  # first_name, username, language_code
ChatSeen = tuple[str, str | None]  # type, title


class ChatMemory:
    """The per-user and per-chat caches of one process (see the module doc)."""

    def __init__(self, *, maxsize: int = MAX_ENTRIES, clock: Callable[[], float] = time.monotonic) -> None:
        self.user_language: BoundedCache[int, str | None] = BoundedCache(maxsize, ttl=LANGUAGE_TTL, clock=clock)
        self.chat_language: BoundedCache[int, str | None] = BoundedCache(maxsize, ttl=LANGUAGE_TTL, clock=clock)
        self.profiles: BoundedCache[int, Profile] = BoundedCache(maxsize, ttl=WRITTEN_TTL, clock=clock)
        self.chats_seen: BoundedCache[int, ChatSeen] = BoundedCache(maxsize, ttl=WRITTEN_TTL, clock=clock)
        self.photo_questions: BoundedCache[int, list[Any]] = BoundedCache(maxsize, ttl=PHOTO_TTL, clock=clock)
        self.quiz_starts: BoundedCache[int, Any] = BoundedCache(maxsize, ttl=QUIZ_START_TTL, clock=clock)

    def caches(self) -> dict[str, BoundedCache[int, Any]]:
        """Every cache by name (the health of memory is their sizes)."""
        return {"user_language": self.user_language, "chat_language": self.chat_language,
                "profiles": self.profiles, "chats_seen": self.chats_seen, "photo_questions": self.photo_questions,
                "quiz_starts": self.quiz_starts}

    def migrate_chat(self, old_id: int, new_id: int) -> None:
        """A group became a supergroup: what was kept for the old id now belongs to the new one."""
        questions = self.photo_questions.get(old_id)
        if questions is not None and new_id not in self.photo_questions:
            self.photo_questions.put(new_id, questions)
        for cache in (self.chat_language, self.chats_seen, self.photo_questions):
            cache.pop(old_id)


def memory_of(services: Services) -> ChatMemory:
    """The process's ChatMemory, made on first use."""
    memory = services.extras.get(MEMORY_KEY)
    if memory is None:
        memory = services.extras[MEMORY_KEY] = ChatMemory()
    assert isinstance(memory, ChatMemory)
    return memory
