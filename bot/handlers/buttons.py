"""One CallbackQueryHandler for every inline button: decode, answer the query, dispatch."""

from __future__ import annotations

from telegram import Update

from bot.core.i18n import t
from bot.core.quiz import QuizRequest
from bot.handlers import language, photos, questions, quiz, start, topics
from bot.handlers.callbacks import (
    ChooseLanguage,
    MenuItem,
    PhotoQuestion,
    ShowAnswer,
    StartQuiz,
    TopicPage,
    TypeInstead,
    decode,
)
from bot.handlers.common import language_for
from bot.services import TutorContext


async def on_button(update: Update, context: TutorContext) -> None:
    """Stale or tampered data gets "tombol ini sudah kedaluwarsa"; valid buttons do their thing."""
    query = update.callback_query
    if query is None:
        return
    svc = context.services
    action = decode(query.data, svc.tutor.bank)
    if action is None or query.message is None:  # buttons only live on our own chat messages
        await query.answer(t("callback.expired", await language_for(update, context)), show_alert=False)
        return
    await query.answer()
    match action:
        case ShowAnswer(faq_id):
            await questions.show_answer(update, context, faq_id)
        case TopicPage():
            await topics.show_page(update, context, action)
        case StartQuiz(topic, count):
            await quiz.start_quiz(update, context, QuizRequest(topic, count or svc.settings.quiz_length))
        case MenuItem():
            await start.menu(update, context, action)
        case ChooseLanguage(code):
            await language.set_language(update, context, code)
        case TypeInstead():
            await photos.type_instead(update, context)
        case PhotoQuestion(number):
            await photos.answer_number(update, context, number)
