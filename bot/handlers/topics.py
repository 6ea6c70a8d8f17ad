"""/topik: browse topics, then a topic's questions, in one message edited in place (paged)."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Message, Update

from bot.core.content import ContentBank
from bot.core.i18n import t
from bot.core.markup import escape
from bot.core.topic_names import typing_name
from bot.handlers.callbacks import Action, ShowAnswer, StartQuiz, TopicPage
from bot.handlers.common import edit_html, keyboard, language_for, reply_html
from bot.services import TutorContext

TOPICS_PER_PAGE = 8
QUESTIONS_PER_PAGE = 6


def _pages(count: int, size: int) -> int:
    return max(1, -(-count // size))


def _nav(page: int, pages: int, topic: str | None, lang: str) -> list[tuple[str, Action]]:
    row: list[tuple[str, Action]] = []
    if page > 0:
        row.append((t("button.prev", lang), TopicPage(topic, page - 1)))
    if page < pages - 1:
        row.append((t("button.next", lang), TopicPage(topic, page + 1)))
    return row


def topic_list(bank: ContentBank, page: int, lang: str) -> tuple[str, InlineKeyboardMarkup | None]:
    """The topic picker at `page` (clamped into range)."""
    topics = list(bank.topics.values())
    pages = _pages(len(topics), TOPICS_PER_PAGE)
    page = min(max(page, 0), pages - 1)
    shown = topics[page * TOPICS_PER_PAGE:(page + 1) * TOPICS_PER_PAGE]
    rows: list[list[tuple[str, Action]]] = [
        [(tp.name_en if lang == "en" else tp.name, TopicPage(tp.id, 0))] for tp in shown
    ]
    rows.append(_nav(page, pages, None, lang))
    names = " · ".join(f"<code>/kuis {escape(typing_name(bank, tp.id))}</code>" for tp in topics)
    return f"{t('topics.pick', lang)}\n\n{t('topics.quiz_names', lang, names=names)}", keyboard(rows)


def topic_questions(bank: ContentBank, topic_id: str, page: int, lang: str) -> tuple[str, InlineKeyboardMarkup | None]:
    """One topic's questions at `page`, with paging, a quiz button and the way back."""
    topic = bank.topics[topic_id]
    entries = bank.faq_in_topic(topic_id)
    pages = _pages(len(entries), QUESTIONS_PER_PAGE)
    page = min(max(page, 0), pages - 1)
    shown = entries[page * QUESTIONS_PER_PAGE:(page + 1) * QUESTIONS_PER_PAGE]
    rows: list[list[tuple[str, Action]]] = [[(e.question, ShowAnswer(e.id))] for e in shown]
    rows.append(_nav(page, pages, topic_id, lang))
    quiz_row: list[tuple[str, Action]] = []
    if bank.quiz_in_topic(topic_id):
        quiz_row.append((t("button.quiz_topic", lang), StartQuiz(topic_id)))
    quiz_row.append((t("button.back_topics", lang), TopicPage(None, 0)))
    rows.append(quiz_row)
    name = topic.name_en if lang == "en" else topic.name
    text = t("topics.questions", lang, topic=escape(name), description=escape(topic.description),
             page=page + 1, pages=pages)
    return text, keyboard(rows)


async def topik(update: Update, context: TutorContext) -> None:
    """/topik: send the topic picker."""
    lang = await language_for(update, context)
    text, markup = topic_list(context.services.tutor.bank, 0, lang)
    await reply_html(update, context, text, markup)


async def show_page(update: Update, context: TutorContext, action: TopicPage) -> None:
    """A paging or topic button: edit the browsing message in place (or send one if it is gone)."""
    lang = await language_for(update, context)
    bank = context.services.tutor.bank
    if action.topic is None:
        text, markup = topic_list(bank, action.page, lang)
    else:
        text, markup = topic_questions(bank, action.topic, action.page, lang)
    query = update.callback_query
    message = query.message if query is not None else None
    if isinstance(message, Message):  # accessible (an old one is an InaccessibleMessage)
        await edit_html(message, text, markup)
    else:
        await reply_html(update, context, text, markup)
