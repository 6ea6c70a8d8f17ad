"""Quizzes as native quiz polls: private sessions (/kuis, /ulang) and group rounds.

Everything a restart must not lose lives in the database: the session (questions, position,
counters) and every sent poll (poll id → chat, session, shuffled option order), because a
poll_answer carries no chat. Private sessions move on when the answer arrives; group rounds move
on when a JobQueue timer fires after the poll's open_period, and `resume_rounds` re-arms those
timers at start-up.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from telegram import Bot, InlineKeyboardMarkup, Message, Update
from telegram.error import ChatMigrated, Forbidden, TelegramError

from bot.core.i18n import t
from bot.core.markup import escape
from bot.core.quiz import (
    MAX_COUNT,
    QuizRequest,
    TopicChoice,
    parse_quiz_args,
    pick_questions,
    prepare_poll,
    without_giveaways,
)
from bot.handlers.callbacks import Action, ShowAnswer, StartQuiz
from bot.handlers.common import (
    chat_language_by_id,
    is_chat_admin,
    is_private,
    keyboard,
    language_for,
    reply_html,
    send_html,
    user_language_by_id,
)
from bot.handlers.memory import memory_of
from bot.handlers.reports import question_rows
from bot.players import NOT_PLAYERS
from bot.polls import send_quiz_poll
from bot.services import Services, TutorApplication, TutorContext, services_of
from bot.storage import PollRecord, SessionBusy, SessionRecord

log = logging.getLogger(__name__)

ROUND_JOB_PREFIX = "round:"
MAX_REVIEW_ITEMS = 3
ROUND_SWEEP_GRACE = timedelta(seconds=30)  # past a question's end: its own timer had its chance
# A question not sent yet may still be on its way (a busy group waits for its Telegram budget), and
# sending it is not a compare-and-set: the sweep waits much longer before it sends it itself.
ROUND_UNSENT_GRACE = timedelta(minutes=5)
PRIVATE_RESUME_WINDOW = timedelta(hours=1)  # older interrupted sessions wait for the student's next /kuis


def round_job_name(session_id: int) -> str:
    return f"{ROUND_JOB_PREFIX}{session_id}"


def _topic_suffix(svc: Services, topic: str | None, lang: str) -> str:
    if topic is None:
        return ""
    tp = svc.tutor.bank.topics[topic]
    return t("quiz.topic_suffix", lang, topic=escape(tp.name_en if lang == "en" else tp.name))


async def kuis(update: Update, context: TutorContext) -> None:
    """/kuis [topik] [jumlah]: a private session, or a round in a group."""
    svc = context.services
    lang = await language_for(update, context)
    request = parse_quiz_args(list(context.args or []), svc.tutor.bank, svc.settings.quiz_length)
    if isinstance(request, TopicChoice):
        text, markup = topic_choice(svc, request, lang)
        await reply_html(update, context, text, markup)
        return
    if request == "bad_count":
        await reply_html(update, context, t("quiz.bad_count", lang, max=MAX_COUNT))
        return
    assert isinstance(request, QuizRequest)
    await start_quiz(update, context, request)


def repeated_start(update: Update, context: TutorContext, request: QuizRequest) -> bool:
    """Whether this user started this same private quiz moments ago: pressing "start quiz" (or
    replaying the button's update) 15 times starts one session, not 15 that replace each other."""
    user = update.effective_user
    if not is_private(update.effective_chat) or user is None:
        return False
    return bool(memory_of(context.services).quiz_starts.get(user.id) == request)  # kept QUIZ_START_TTL


def topic_choice(svc: Services, choice: TopicChoice, lang: str) -> tuple[str, InlineKeyboardMarkup | None]:
    """`/kuis <name>` named no single topic: the candidates (or every topic) as quiz buttons."""
    bank = svc.tutor.bank
    topics = choice.candidates or tuple(bank.topics)
    count = None if choice.count == svc.settings.quiz_length else choice.count
    rows = [[(bank.topics[tp].name_en if lang == "en" else bank.topics[tp].name, StartQuiz(tp, count))]
            for tp in topics]
    key = "quiz.which_topic" if choice.candidates else "quiz.unknown_topic"
    text = t(key, lang, typed=escape(choice.typed)) + "\n\n" + t("quiz.topic_buttons_hint", lang)
    return text, keyboard(rows)


async def batal(update: Update, context: TutorContext) -> None:
    """/batal: stop your own quiz in a private chat; in a group, an admin stops the round."""
    svc = context.services
    chat = update.effective_chat
    if chat is None:
        return
    lang = await language_for(update, context)
    private = is_private(chat)
    session = await svc.store.active_session(chat.id, None if private else "group")
    if session is None or (private and session.kind == "group"):
        await reply_html(update, context, t("quiz.nothing_to_cancel", lang))
        return
    if not private and not await is_chat_admin(update, context):
        await reply_html(update, context, t("group.cancel_admins_only", lang))
        return
    session = await svc.store.finish_session(session.id)
    await _close_current_poll(context, session)
    if private:
        await reply_html(update, context, t("quiz.cancelled_telegram", lang, correct=session.correct,
                                            answered=session.answered))
        return
    await reply_html(update, context, t("group.round_cancelled", lang))
    await _finish_round(context.application, svc, session)


async def _close_current_poll(context: TutorContext, session: SessionRecord) -> None:
    """Close the poll a stopped session was waiting on, so nobody answers a quiz that is over."""
    svc = context.services
    if context.job_queue is not None:
        for job in context.job_queue.get_jobs_by_name(round_job_name(session.id)):
            job.schedule_removal()
    poll = await svc.store.session_poll(session.id, session.current_question_id or "")
    now = svc.clock()
    if poll is None or not await svc.store.close_poll(poll.poll_id, now) or not still_open(poll, now):
        return
    try:
        await context.bot.stop_poll(poll.chat_id, poll.message_id)
    except TelegramError:  # already closed or deleted: nothing left to answer anyway
        pass


async def start_quiz(update: Update, context: TutorContext, request: QuizRequest) -> None:
    """Pick the questions and start a session (private) or a round (group)."""
    svc = context.services
    chat, user = update.effective_chat, update.effective_user
    if chat is None:
        return
    lang = await language_for(update, context)
    if repeated_start(update, context, request):
        await reply_html(update, context, t("quiz.already_started", lang))
        return
    questions = pick_questions(svc.tutor.bank, request.topic, request.count, svc.rng)
    if not questions:
        await reply_html(update, context, t("quiz.none", lang))
        return
    ids = [q.id for q in questions]
    suffix = _topic_suffix(svc, request.topic, lang)
    if is_private(chat):
        if user is None:
            return
        session = await svc.store.create_session(chat.id, user.id, "private", ids)
        await reply_html(update, context, t("quiz.start", lang, count=len(ids), topic=suffix))
    else:
        try:
            session = await svc.store.create_session(chat.id, None, "group", ids)
        except SessionBusy:
            await reply_html(update, context, t("group.busy", lang))
            return
        try:
            await reply_html(update, context, t("group.round_start", lang, count=len(ids), topic=suffix,
                                                seconds=svc.settings.group_quiz_open_period))
        except TelegramError:  # not even the announcement went out: no round, the group stays free
            await svc.store.finish_session(session.id)
            raise
    await send_question(context.application, session)
    if is_private(chat) and user is not None:  # a chat's updates run one at a time
        memory_of(svc).quiz_starts.put(user.id, request)


async def ulang(update: Update, context: TutorContext) -> None:
    """/ulang: a private session of the user's questions that are due for review (Leitner boxes)."""
    svc = context.services
    chat, user = update.effective_chat, update.effective_user
    if chat is None or user is None:
        return
    lang = await language_for(update, context)
    if not is_private(chat):  # a review in a group would mix everyone's votes into one student's boxes
        await reply_html(update, context, t("quiz.review_private", lang))
        return
    now = svc.clock()
    due = await svc.store.due_reviews(user.id, now, svc.settings.quiz_length)
    ids = without_giveaways(svc.tutor.bank, [qid for qid in due if qid in svc.tutor.bank.quiz])
    if not ids:
        _, waiting = await svc.store.review_count(user.id, now)
        key = "quiz.review_later" if waiting else "quiz.review_none"
        await reply_html(update, context, t(key, lang, total=waiting))
        return
    session = await svc.store.create_session(chat.id, user.id, "review", ids)
    await reply_html(update, context, t("quiz.review_start", lang, count=len(ids)))
    await send_question(context.application, session)


async def send_question(application: TutorApplication, session: SessionRecord) -> None:
    """Send the session's current question as a quiz poll and record it before any answer counts;
    a session with no question left is finished instead.

    Questions removed from the content since the session started are skipped.
    """
    svc = services_of(application)
    bot: Bot = application.bot
    while not session.done:
        question = svc.tutor.bank.quiz.get(session.current_question_id or "")
        if question is not None:
            break
        moved = await svc.store.advance_session(session.id, expected_position=session.position)
        if moved is None:
            return
        session = moved
    if session.done:
        await finish(application, session)
        return
    assert question is not None  # the loop above left only when it found the current question
    total = len(session.question_ids)
    prepared = prepare_poll(question, svc.rng, prefix=f"[{session.position + 1}/{total}] ")
    group = session.kind == "group"
    open_period = svc.settings.group_quiz_open_period if group else None

    async def send(chat_id: int) -> Message:
        return await send_quiz_poll(bot, chat_id, prepared, open_period=open_period)

    try:
        try:
            message = await send(session.chat_id)
        except ChatMigrated as exc:  # the group became a supergroup: move it and ask there
            await svc.store.migrate_chat(session.chat_id, exc.new_chat_id)
            memory_of(svc).migrate_chat(session.chat_id, exc.new_chat_id)
            session = await svc.store.get_session(session.id) or session
            message = await send(session.chat_id)
    except TelegramError as exc:
        # Nothing was asked, so nobody can answer: end the session rather than leave the chat "busy"
        # (a group could start no new round). The error handler logs it and tells whoever asked.
        await svc.store.finish_session(session.id)
        if isinstance(exc, Forbidden):  # blocked or kicked, as the broadcasts treat it
            await svc.store.set_chat_active(session.chat_id, False)
        raise
    assert message.poll is not None
    closes_at = svc.clock() + timedelta(seconds=open_period) if open_period else None
    await svc.store.record_poll(
        message.poll.id, session.chat_id, message.message_id, question.id, question.topic,
        prepared.correct_option, list(prepared.option_order), session.kind,
        session_id=session.id, closes_at=closes_at,
    )
    if group and open_period:
        schedule_round_tick(application, session.id, message.poll.id, session.position, open_period)


def schedule_round_tick(application: TutorApplication, session_id: int, poll_id: str | None,
                        position: int, delay: float) -> None:
    """Move the group round on after `delay` seconds (the poll's open period)."""
    assert application.job_queue is not None, "python-telegram-bot[job-queue] is required"
    application.job_queue.run_once(
        round_tick, when=max(0.0, delay), name=round_job_name(session_id),
        data={"session_id": session_id, "poll_id": poll_id, "position": position},
    )


async def round_tick(context: TutorContext) -> None:
    """A group question's time is up: close its poll, then ask the next one or end the round."""
    job = context.job
    assert job is not None
    data = job.data
    assert isinstance(data, dict)  # as schedule_round_tick made it
    session = await context.services.store.get_session(data["session_id"])
    if session is None or not session.active or session.position != data["position"]:
        return
    await _move_round_on(context.application, session, data.get("poll_id"))


def still_open(poll: PollRecord, now: datetime) -> bool:
    """Whether Telegram still takes answers. A poll sent with an open period closes by itself at its
    end (`closes_at` is recorded just after sending, so never before Telegram's own close), and a
    stopPoll after it is a request Telegram rejects ("poll has already been closed")."""
    return poll.closes_at is None or now < poll.closes_at


async def _move_round_on(application: TutorApplication, session: SessionRecord, poll_id: str | None) -> None:
    """Close the current question's poll (`poll_id`), then ask the next one or end the round. With no
    poll (the bot stopped between advancing and sending), send the current question. Every step is
    a compare-and-set in the database, so a timer and a sweep (of another process) never both act."""
    svc = services_of(application)
    if poll_id is None:
        await send_question(application, session)
        return
    poll = await svc.store.get_poll(poll_id)
    if poll is not None and await svc.store.close_poll(poll_id) and still_open(poll, svc.clock()):
        try:
            await application.bot.stop_poll(poll.chat_id, poll.message_id)
        except TelegramError:  # closed meanwhile (its open period ended at Telegram first), or deleted
            pass
    advanced = await svc.store.advance_session(session.id, expected_position=session.position)
    if advanced is not None:
        await send_question(application, advanced)  # ends the session when it was the last


async def sweep_overdue_rounds(application: TutorApplication) -> int:
    """Move on every group round whose question is `ROUND_SWEEP_GRACE` past its end, whichever
    process started it; returns how many. The scheduler-lease holder runs this every minute: a
    round's timer lives in the JobQueue of the process that asked the question, and if that process
    died (and none restarted), the round would stay active and the group "busy" forever."""
    svc = services_of(application)
    now = svc.clock()
    swept = 0
    for session in await svc.store.active_sessions():
        if session.kind != "group":
            continue
        overdue, poll_id = await _round_overdue(svc, session, now)
        if not overdue:
            continue
        try:
            await _move_round_on(application, session, poll_id)
        except TelegramError as exc:  # this group's trouble (send_question ended its round); go on
            log.warning("overdue quiz round %s in chat %s: %s", session.id, session.chat_id, type(exc).__name__)
        swept += 1
    if swept:
        log.info("moved on %d overdue quiz round(s)", swept)
    return swept


async def _round_overdue(svc: Services, session: SessionRecord, now: datetime) -> tuple[bool, str | None]:
    """Whether a group round waits longer than its question's time plus the grace, and the poll of
    its current question (None when that question was never sent)."""
    current = await svc.store.session_poll(session.id, session.current_question_id or "")
    if current is not None:
        due = current.closed_at or current.closes_at
        return due is not None and now - due >= ROUND_SWEEP_GRACE, current.poll_id
    # Advanced but never sent (or past the last question but not finished): since the last poll closed.
    previous_id = session.question_ids[session.position - 1] if 0 < session.position <= len(session.question_ids) else None
    previous = await svc.store.session_poll(session.id, previous_id) if previous_id else None
    since = (previous.closed_at or previous.closes_at) if previous is not None else session.started_at
    return since is not None and now - since >= ROUND_UNSENT_GRACE, None


async def poll_answer(update: Update, context: TutorContext) -> None:
    """Record a quiz answer; in a private session the next question follows it."""
    answer = update.poll_answer
    if answer is None or answer.user is None or answer.voter_chat is not None or answer.user.id in NOT_PLAYERS:
        return  # an anonymous admin or a channel voted: nobody's score to keep
    if len(answer.option_ids) > 1:  # quiz polls take one answer: a forged update, not a vote
        return
    svc = context.services
    option = answer.option_ids[0] if answer.option_ids else None
    result = await svc.store.record_answer(answer.poll_id, answer.user.id, option, svc.clock())
    if result is None or not result.first:
        return  # unknown poll, retracted vote, or a repeat
    poll = result.poll
    if poll.kind not in ("private", "review") or poll.session_id is None:
        return
    session = await svc.store.get_session(poll.session_id)
    if (session is None or not session.active or session.user_id != answer.user.id
            or session.current_question_id != poll.question_id):
        return
    await svc.store.close_poll(poll.poll_id, svc.clock())  # answered: nothing left to recover after a restart
    advanced = await svc.store.advance_session(session.id, expected_position=session.position)
    if advanced is not None:
        await send_question(context.application, advanced)  # ends the session when it was the last


async def finish(application: TutorApplication, session: SessionRecord) -> None:
    """End a session: the student's score and what to review, or the group round's ranking."""
    svc = services_of(application)
    session = await svc.store.finish_session(session.id)
    if session.kind == "group":
        await _finish_round(application, svc, session)
        return
    lang = await user_language_by_id(application, session.user_id)
    total = len(session.question_ids)
    text = t("quiz.summary", lang, correct=session.correct, total=total)
    answers = await svc.store.session_answers(session.id, session.user_id)
    missed: list[str] = []
    for qid, correct in answers:
        question = svc.tutor.bank.quiz.get(qid)
        if not correct and question is not None and question.faq in svc.tutor.bank.faq and question.faq not in missed:
            missed.append(question.faq)
    rows: list[list[tuple[str, Action]]] = []
    if missed:
        items = "\n".join(f"• {escape(svc.tutor.bank.faq[f].question)}" for f in missed)
        text += "\n\n" + t("quiz.summary_review", lang, items=items)
        rows = [[(svc.tutor.bank.faq[f].question, ShowAnswer(f))] for f in missed[:MAX_REVIEW_ITEMS]]
    elif total and session.correct == total:
        text += " " + t("quiz.perfect", lang)
    text += "\n\n" + t("report.quiz_hint", lang)
    rows += question_rows(session.question_ids, lang)
    await send_html(application.bot, session.chat_id, text, reply_markup=keyboard(rows))


async def _finish_round(application: TutorApplication, svc: Services, session: SessionRecord) -> None:
    lang = await chat_language_by_id(application, session.chat_id)
    rows = [r for r in await svc.store.session_ranking(session.id) if r.user_id not in NOT_PLAYERS]
    if not rows:
        text = t("group.round_empty", lang)
    else:
        medals = ("🥇", "🥈", "🥉")
        lines = [
            t("rank.row", lang, n=medals[i] if i < len(medals) else i + 1, name=escape(r.name),
              correct=r.correct, answered=r.answered)
            for i, r in enumerate(rows[:10])
        ]
        text = t("group.round_end", lang, ranking="\n".join(lines))
    text += "\n\n" + t("report.quiz_hint", lang)
    markup = keyboard(question_rows(session.question_ids, lang))
    await send_html(application.bot, session.chat_id, text, reply_markup=markup)


async def resume_rounds(application: TutorApplication) -> int:
    """After a restart, re-arm the timers of running group rounds, and finish the step a private
    session was in the middle of; returns how many sessions were resumed.

    A private session waiting for an answer needs nothing: the poll_answer maps back to it through
    the database. One the bot stopped inside (its current question was answered but the session not
    advanced, or advanced but the next poll never sent) is moved on now, if it started recently
    enough that a new poll is still welcome.
    """
    svc = services_of(application)
    open_polls = {(p.session_id, p.question_id): p for p in await svc.store.open_polls() if p.session_id}
    now = svc.clock()
    resumed = 0
    for session in await svc.store.active_sessions():
        if session.kind != "group":
            resumed += await _resume_private(application, session, now)
            continue
        poll = open_polls.get((session.id, session.current_question_id or ""))
        if poll is not None:
            delay = (poll.closes_at - now).total_seconds() if poll.closes_at else 0.0
            schedule_round_tick(application, session.id, poll.poll_id, session.position, delay)
        else:
            schedule_round_tick(application, session.id, None, session.position, 0.0)
        resumed += 1
    if resumed:
        log.info("resumed %d quiz session(s)", resumed)
    return resumed


async def _resume_private(application: TutorApplication, session: SessionRecord, now: datetime) -> int:
    """1 when a private session interrupted between steps was moved on, else 0."""
    svc = services_of(application)
    if session.done or now - session.started_at > PRIVATE_RESUME_WINDOW:
        return 0
    poll = await svc.store.session_poll(session.id, session.current_question_id or "")
    answered = poll is not None and (poll.closed_at is not None or (await svc.store.poll_results(poll.poll_id)).answered)
    if poll is not None and not answered:
        return 0  # waiting for the student's answer
    if poll is not None:  # answered but not advanced
        moved = await svc.store.advance_session(session.id, expected_position=session.position)
        if moved is None:
            return 0
        session = moved
    try:
        await send_question(application, session)
    except TelegramError as exc:  # blocked meanwhile: send_question already ended the session
        log.warning("could not resume quiz session %s: %s", session.id, exc)
        return 0
    return 1
