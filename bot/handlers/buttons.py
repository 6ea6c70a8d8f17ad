"""One CallbackQueryHandler for every inline button: decode, answer the query, dispatch."""

from __future__ import annotations

from telegram import Update

from bot.core.i18n import t
from bot.core.quiz import QuizRequest
from bot.handlers import language, photos, questions, quiz, reports, start, topics
from bot.handlers.callbacks import (
    CancelReport,
    ChooseLanguage,
    MenuItem,
    PhotoQuestion,
    ReportMistake,
    ShowAnswer,
    StartQuiz,
    TopicPage,
    TypeInstead,
    decode,
)
from bot.handlers.common import language_for
from bot.services import TutorContext


def start_request(context: TutorContext, action: StartQuiz) -> QuizRequest:
    """The quiz a "start quiz" button asks for: its topic, and its count or else the usual length."""
    return QuizRequest(action.topic, action.count or context.services.settings.quiz_length)


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
    if isinstance(action, StartQuiz) and quiz.repeated_start(update, context, start_request(context, action)):
        await query.answer(t("quiz.already_started", await language_for(update, context)))
        return
    await query.answer()
    match action:
        case ShowAnswer(faq_id):
            await questions.show_answer(update, context, faq_id)
        case TopicPage():
            await topics.show_page(update, context, action)
        case StartQuiz():
            await quiz.start_quiz(update, context, start_request(context, action))
        case MenuItem():
            await start.menu(update, context, action)
        case ChooseLanguage(code):
            await language.set_language(update, context, code)
        case TypeInstead():
            await photos.type_instead(update, context)
        case PhotoQuestion(number):
            await photos.answer_number(update, context, number)
        case ReportMistake():
            await reports.start_report(update, context, action)
        case CancelReport():
            await reports.cancel_report(update, context)
