"""Memory follows the active users and chats, not all ever seen: what the handlers remember between
updates lives in the bounded ChatMemory, and PTB's unbounded user_data/chat_data stay empty."""

from __future__ import annotations

import pytest

from bot.handlers.memory import MEMORY_KEY, ChatMemory
from bot.services import services_of
from tests.e2e.harness import Bot
from tests.fakes import updates as U

pytestmark = pytest.mark.e2e


async def test_many_users_and_groups_leave_bounded_memory(tutor_bot: Bot) -> None:
    memory = ChatMemory(maxsize=5)
    services_of(tutor_bot.app).extras[MEMORY_KEY] = memory
    for i in range(12):
        student = U.user(20_000 + i, f"Siswa {i}")
        await tutor_bot.say(student, "/help")
        await tutor_bot.say(student, "/help", chat=U.group_chat(-60_000 - i, f"Kelas {i}"))
    app = tutor_bot.app
    assert len(app.user_data) == 0 and len(app.chat_data) == 0
    sizes = {name: len(cache) for name, cache in memory.caches().items()}
    assert sizes["profiles"] == 5 and sizes["chats_seen"] == 5
    assert all(size <= 5 for size in sizes.values()), sizes
    # The latest are remembered: the next message of the last student costs no database write.
    assert 20_011 in memory.profiles and -60_011 in memory.chats_seen


def test_migration_moves_a_groups_photo_questions() -> None:
    memory = ChatMemory()
    memory.photo_questions.put(-5001, [(1, "apa itu ASEAN?")])
    memory.chat_language.put(-5001, "en")
    memory.migrate_chat(-5001, -1_005_001)
    assert memory.photo_questions.get(-1_005_001) == [(1, "apa itu ASEAN?")]
    assert -5001 not in memory.photo_questions and -5001 not in memory.chat_language
