"""Every handler, registered here and nowhere else, in the order PTB tries them (`register_handlers`).

Group -2 drops updates the tutor never answers (edits, channel posts); group -1 remembers users
and chats; group 0 holds the commands, then the free-text, button, poll, membership and inline
handlers. The error handler comes last. A new handler is added to this list, not by its module.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import (
    ApplicationHandlerStop,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    InlineQueryHandler,
    MessageHandler,
    PollAnswerHandler,
    TypeHandler,
    filters,
)

from bot.handlers import (
    buttons,
    daily,
    errors,
    inline,
    insight,
    language,
    membership,
    owner,
    photos,
    questions,
    quiz,
    scores,
    start,
    topics,
)
from bot.handlers.common import remember
from bot.services import TutorApplication, TutorContext

PRIVATE = filters.ChatType.PRIVATE
GROUPS = filters.ChatType.GROUPS


async def drop_unanswered_kinds(update: Update, context: TutorContext) -> None:
    """Edited messages and channel posts get no reply: answering an edit twice would confuse.

    An update with nothing but its id is the stand-in for one the library could not read
    (bot/transport.py): nothing to handle either.
    """
    if update.edited_message or update.edited_channel_post or update.channel_post:
        raise ApplicationHandlerStop
    if not any(getattr(update, kind, None) for kind in Update.ALL_TYPES):
        raise ApplicationHandlerStop


def register_handlers(application: TutorApplication) -> None:
    """Add every handler and the error handler to the application."""
    application.add_handler(TypeHandler(Update, drop_unanswered_kinds), group=-2)
    application.add_handler(TypeHandler(Update, remember), group=-1)

    # /tanya in reply to a photo reads that photo; every other /tanya is a typed question
    application.add_handler(CommandHandler(["tanya", "ask"], photos.tanya_photo, filters=photos.REPLIES_TO_IMAGE))
    commands = [
        (("start",), start.start),
        (("help", "bantuan"), start.help_command),
        (("tanya", "ask"), questions.tanya),
        (("topik", "topics"), topics.topik),
        (("kuis", "quiz"), quiz.kuis),
        (("batal", "cancel"), quiz.batal),
        (("ulang", "review"), quiz.ulang),
        (("skor", "score"), scores.skor),
        (("peringkat", "leaderboard"), scores.peringkat),
        (("bahasa", "language"), language.bahasa),
        (("harian", "daily"), daily.harian),
        (("zona", "timezone"), daily.zona),
        (("siarkan", "broadcast"), owner.siarkan),
        (("statistik", "stats"), owner.statistik),
        (("laporan", "reports"), owner.laporan),
        (("kelas", "class"), insight.kelas),
        (("rekap", "recap"), insight.rekap),
    ]
    for names, callback in commands:
        application.add_handler(CommandHandler(list(names), callback))

    application.add_handler(MessageHandler(filters.StatusUpdate.MIGRATE, membership.migrated))
    application.add_handler(MessageHandler(PRIVATE & filters.TEXT & ~filters.COMMAND, questions.private_text))
    application.add_handler(
        MessageHandler(GROUPS & filters.TEXT & ~filters.COMMAND & questions.ADDRESSED, questions.addressed_text)
    )
    application.add_handler(MessageHandler(PRIVATE & photos.IMAGE, photos.photo_question))
    application.add_handler(MessageHandler(GROUPS & photos.IMAGE & photos.CAPTION_ADDRESSED, photos.photo_question))
    application.add_handler(
        MessageHandler(PRIVATE & ~filters.TEXT & ~filters.StatusUpdate.ALL, questions.private_media)
    )
    application.add_handler(MessageHandler(PRIVATE & filters.COMMAND, start.unknown_command))
    application.add_handler(CallbackQueryHandler(buttons.on_button))
    application.add_handler(PollAnswerHandler(quiz.poll_answer))
    application.add_handler(ChatMemberHandler(membership.my_chat_member, ChatMemberHandler.MY_CHAT_MEMBER))
    application.add_handler(InlineQueryHandler(inline.inline_query))

    application.add_error_handler(errors.on_error)
