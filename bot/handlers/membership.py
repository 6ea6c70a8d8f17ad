"""The bot's own membership (my_chat_member) and group → supergroup migration."""

from __future__ import annotations

import logging

from telegram import ChatMember, Update

from bot.core.i18n import t
from bot.core.markup import escape
from bot.handlers.common import chat_language_by_id, is_private, send_html
from bot.handlers.memory import memory_of
from bot.services import TutorContext

log = logging.getLogger(__name__)

PRESENT = (ChatMember.MEMBER, ChatMember.ADMINISTRATOR, ChatMember.OWNER, ChatMember.RESTRICTED)
GONE = (ChatMember.LEFT, ChatMember.BANNED)
INTRO_DELAY_S = 5.0
INTRO_JOB_PREFIX = "intro:"


def _present(member: ChatMember) -> bool:
    if member.status == ChatMember.RESTRICTED:
        return bool(getattr(member, "is_member", False))
    return member.status in PRESENT


async def my_chat_member(update: Update, context: TutorContext) -> None:
    """Added to a group: introduce once. Removed, kicked or blocked: mark the chat inactive."""
    change = update.my_chat_member
    if change is None:
        return
    store = context.services.store
    chat = change.chat
    was, now = _present(change.old_chat_member), _present(change.new_chat_member)
    if was == now:
        return  # e.g. promoted to admin: nothing to say
    await store.upsert_chat(chat.id, chat.type, chat.title)
    await store.set_chat_active(chat.id, now)
    if not now:
        log.info("bot removed from chat %s (%s)", chat.id, change.new_chat_member.status)
        return
    if not is_private(chat):
        # Upgrading a group to a supergroup also "adds" the bot to the new supergroup, sometimes before
        # the migration messages arrive; wait for them so the class is not greeted twice.
        assert context.job_queue is not None, "python-telegram-bot[job-queue] is required"
        context.job_queue.run_once(introduce, when=INTRO_DELAY_S, chat_id=chat.id, name=f"{INTRO_JOB_PREFIX}{chat.id}")


async def introduce(context: TutorContext) -> None:
    """Introduce the bot to a group it was added to, unless the group is an upgraded one."""
    job = context.job
    assert job is not None and job.chat_id is not None
    store = context.services.store
    if await store.is_migration_target(job.chat_id):
        log.info("chat %s is an upgraded group: no second introduction", job.chat_id)
        return
    record = await store.get_chat(job.chat_id)
    if record is not None and not record.active:
        return  # removed again before the introduction was due
    lang = await chat_language_by_id(context.application, job.chat_id)
    await send_html(context.bot, job.chat_id, t("group.intro", lang, username=escape(context.bot.username or "")))


async def migrated(update: Update, context: TutorContext) -> None:
    """A group became a supergroup: move everything of the old id to the new one (idempotent)."""
    message = update.effective_message
    if message is None:
        return
    if message.migrate_to_chat_id:
        old_id, new_id = message.chat.id, message.migrate_to_chat_id
    elif message.migrate_from_chat_id:
        old_id, new_id = message.migrate_from_chat_id, message.chat.id
    else:
        return
    store = context.services.store
    if message.migrate_from_chat_id:
        await store.upsert_chat(new_id, message.chat.type, message.chat.title)
    await store.migrate_chat(old_id, new_id)
    memory_of(context.services).migrate_chat(old_id, new_id)
    log.info("chat %s migrated to %s", old_id, new_id)
