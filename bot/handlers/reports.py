"""Mistake reports ("Laporkan kesalahan"): a button under every answer and after every quiz, then one
message from the student saying what is wrong, stored with the entry's, card's or question's id.

A report never changes content by itself: owners read open reports in /statistik, /laporan and
`python -m bot stats`, `check --json` lists the ids they concern, and an owner closes them.
The waiting for the student's message is a draft row in the database (bot/storage/reports.py),
so it survives a restart and works with several bot processes.
"""

from __future__ import annotations

from collections.abc import Sequence

from telegram import ForceReply, InlineKeyboardMarkup, Update
from telegram.constants import ParseMode

from bot.core.content import ContentBank, QuizQuestion
from bot.core.conversation import Reply
from bot.core.i18n import t
from bot.core.markup import escape
from bot.handlers.callbacks import Action, CancelReport, ReportMistake, encode
from bot.handlers.common import bookkeeping, is_private, keyboard, language_for, reply_html
from bot.services import TutorContext
from bot.storage import ReportRecord

QUESTION_BUTTONS_PER_ROW = 5
WHAT_CHARS = 80  # how much of a question the prompt quotes
LIST_LIMIT = 10  # open reports shown by /laporan


def fits(action: Action) -> bool:
    """Whether the action's callback_data fits Telegram's 64 bytes (an id too long gets no button)."""
    try:
        encode(action)
    except ValueError:
        return False
    return True


def answer_report(reply: Reply) -> ReportMistake | None:
    """The report action for an answer: the fact card it came from, else its FAQ entry."""
    if reply.kind != "answer":
        return None
    if reply.card_id is not None:
        action = ReportMistake("card", reply.card_id)
    elif reply.faq_id is not None:
        action = ReportMistake("answer", reply.faq_id)
    else:
        return None
    return action if fits(action) else None


def report_row(reply: Reply, lang: str) -> list[tuple[str, Action]]:
    """The "⚠️ Laporkan kesalahan" row under an answer (empty when there is nothing to report)."""
    action = answer_report(reply)
    return [(t("button.report", lang), action)] if action is not None else []


def question_rows(question_ids: Sequence[str], lang: str) -> list[list[tuple[str, Action]]]:
    """"⚠️ Soal 1 … n" buttons after a quiz, in the order the questions were asked."""
    buttons: list[tuple[str, Action]] = []
    for number, qid in enumerate(question_ids, 1):
        action = ReportMistake("quiz", qid)
        if fits(action):
            buttons.append((t("button.report_question", lang, number=number), action))
    return [buttons[i:i + QUESTION_BUTTONS_PER_ROW] for i in range(0, len(buttons), QUESTION_BUTTONS_PER_ROW)]


def recap_markup(question: QuizQuestion, lang: str) -> InlineKeyboardMarkup | None:
    """The button under a daily quiz's recap (the poll's explanation, in full)."""
    action = ReportMistake("quiz", question.id)
    return keyboard([[(t("button.report", lang), action)]]) if fits(action) else None


def describe(action: ReportMistake, bank: ContentBank, lang: str) -> str:
    """What the report is about, in the student's words ("jawaban «Apa itu ASEAN?»"), as HTML."""
    if action.kind == "quiz" and action.ref in bank.quiz:
        text = bank.quiz[action.ref].question
        return t("report.quiz_what", lang, question=escape(_short(text)))
    if action.kind == "card" and action.ref in bank.cards:
        return t("report.card_what", lang, subject=escape(bank.cards[action.ref].name))
    entry = bank.faq.get(action.ref)
    return t("report.answer_what", lang, question=escape(_short(entry.question if entry else action.ref)))


def _short(text: str) -> str:
    return text if len(text) <= WHAT_CHARS else text[: WHAT_CHARS - 1].rstrip() + "…"


async def start_report(update: Update, context: TutorContext, action: ReportMistake) -> None:
    """The button was pressed: keep a draft and ask what is wrong, in one message."""
    chat, user = update.effective_chat, update.effective_user
    if chat is None or user is None:
        return
    svc = context.services
    lang = await language_for(update, context)
    await svc.store.start_report(chat.id, user.id, action.kind, action.ref, svc.clock())
    what = describe(action, svc.tutor.bank, lang)
    if is_private(chat):
        await context.bot.send_message(
            chat.id, t("report.prompt", lang, what=what), parse_mode=ParseMode.HTML,
            reply_markup=keyboard([[(t("button.report_cancel", lang), CancelReport())]]))
        return
    # In a group the bot sees only messages addressed to it: ask for a reply to this prompt, shown
    # (selective) to the reporter alone, whom the prompt mentions.
    name = f'<a href="tg://user?id={user.id}">{escape(user.first_name or "?")}</a>'
    await context.bot.send_message(
        chat.id, t("report.prompt_group", lang, name=name, what=what), parse_mode=ParseMode.HTML,
        reply_markup=ForceReply(selective=True, input_field_placeholder=t("button.report", lang)[:64]))


async def cancel_report(update: Update, context: TutorContext) -> None:
    """"Batal" under the prompt: drop the draft."""
    chat, user = update.effective_chat, update.effective_user
    if chat is None or user is None:
        return
    await context.services.store.cancel_report(chat.id, user.id)
    await reply_html(update, context, t("report.cancelled", await language_for(update, context)))


async def take_report(update: Update, context: TutorContext, text: str) -> bool:
    """When the sender has a report waiting for its description, this message is it: store it, thank
    them and return True; otherwise False (the message is a question as usual)."""
    chat, user = update.effective_chat, update.effective_user
    if chat is None or user is None:
        return False
    svc = context.services
    now = svc.clock()
    found: list[ReportRecord | None] = []

    async def look_up() -> None:
        found.append(await svc.store.pending_report(chat.id, user.id, now))

    # a failing database costs the report, never the answer: the message is then taken as a question
    if not await bookkeeping(context, "a pending mistake report", look_up()):
        return False
    draft = found[0]
    if draft is None:
        return False
    lang = await language_for(update, context)
    if not text.strip():
        await reply_html(update, context, t("report.empty", lang))
        return True
    if await svc.store.submit_report(draft.id, text, now):
        await reply_html(update, context, t("report.thanks", lang, id=draft.id))
        return True
    return False  # the draft was taken meanwhile (a double send): this one is a question again
