"""/start, /help and the /start menu buttons (Tanya, Kuis, Topik)."""

from __future__ import annotations

from telegram import Update

from bot.core.i18n import t
from bot.core.markup import escape
from bot.core.quiz import QuizRequest
from bot.handlers import quiz, topics
from bot.handlers.callbacks import MenuItem
from bot.handlers.common import is_for_me, keyboard, language_for, reply_html
from bot.handlers.insight import START_PAYLOAD
from bot.services import TutorContext


async def start(update: Update, context: TutorContext) -> None:
    """/start: greet in two lines and offer the three things the tutor does.

    `/start kelas` comes from /kelas's deep link: the admin can now receive the class picture."""
    lang = await language_for(update, context)
    if context.args == [START_PAYLOAD]:
        await reply_html(update, context, t("kelas.started", lang))
        return
    user = update.effective_user
    name = escape(user.first_name) if user else ""
    markup = keyboard([[
        (t("button.ask", lang), MenuItem("ask")),
        (t("button.quiz", lang), MenuItem("quiz")),
        (t("button.topics", lang), MenuItem("topics")),
    ]])
    await reply_html(update, context, t("start.greeting", lang, name=name), markup)


async def help_command(update: Update, context: TutorContext) -> None:
    """/help: the command list."""
    lang = await language_for(update, context)
    await reply_html(update, context, t("help", lang, username=escape(context.bot.username or "")))


async def menu(update: Update, context: TutorContext, action: MenuItem) -> None:
    """A /start button: explain how to ask, start a quiz, or open the topic picker."""
    if action.item == "quiz":
        await quiz.start_quiz(update, context, QuizRequest(None, context.services.settings.quiz_length))
    elif action.item == "topics":
        await topics.topik(update, context)
    else:
        await reply_html(update, context, t("ask.prompt", await language_for(update, context)))


async def unknown_command(update: Update, context: TutorContext) -> None:
    """A command nobody handles (a typo such as /kuiz) in a private chat: point to /help.

    "/kuis@OtherBot" is another bot's command and gets nothing."""
    if not is_for_me(update.effective_message, context.bot):
        return
    await reply_html(update, context, t("command.unknown", await language_for(update, context)))
