"""Quiz sessions, their polls and answers, and the review boxes the answers move."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core import srs
from bot.storage.base import StoreBase, _aware, _to_record
from bot.storage.models import (
    Answer,
    QuizPoll,
    QuizSession,
    ReviewBox,
)
from bot.storage.records import (
    AnswerResult,
    PollRecord,
    PollResults,
    SessionBusy,
    SessionRecord,
)


class SessionsMixin(StoreBase):
    """Quiz sessions, polls and answers (part of `Store`)."""

    async def create_session(
        self, chat_id: int, user_id: int | None, kind: str, question_ids: list[str]
    ) -> SessionRecord:
        """Start a quiz session.

        kind 'group': raises SessionBusy if the chat already runs one (a partial unique index makes
        this race-free). Private kinds ('private', 'review'): the user's older active private/review
        session is finished first, so a new /kuis replaces the old one.
        """
        if kind not in {"private", "review", "group"}:
            raise ValueError(f"unknown session kind {kind!r}")
        for _attempt in range(3):
            now = self._clock()
            try:
                async with self._write.begin() as session:
                    await self._ensure_chat(session, chat_id, now)
                    if kind == "group":
                        busy = await session.scalar(
                            select(QuizSession.id).where(
                                QuizSession.chat_id == chat_id,
                                QuizSession.active.is_(True),
                                QuizSession.kind == "group",
                            )
                        )
                        if busy is not None:
                            raise SessionBusy(chat_id, busy)
                    elif user_id is not None:
                        await session.execute(
                            update(QuizSession)
                            .where(
                                QuizSession.user_id == user_id,
                                QuizSession.active.is_(True),
                                QuizSession.kind != "group",
                            )
                            .values(active=False, finished_at=now)
                        )
                    row = QuizSession(
                        chat_id=chat_id,
                        user_id=user_id,
                        kind=kind,
                        question_ids=list(question_ids),
                        position=0,
                        correct=0,
                        answered=0,
                        active=True,
                        started_at=now,
                    )
                    session.add(row)
                    await session.flush()
                    return _to_record(SessionRecord, row)
            except IntegrityError:
                # A concurrent create won the unique index; re-check (group → SessionBusy, private → retry).
                continue
        raise RuntimeError(f"could not create a {kind} session for chat {chat_id}")

    async def get_session(self, session_id: int) -> SessionRecord | None:
        """Session by id, active or not."""
        async with self._read.begin() as session:
            row = await session.get(QuizSession, session_id)
            return _to_record(SessionRecord, row) if row else None

    async def active_session(self, chat_id: int, kind: str | None = None) -> SessionRecord | None:
        """The newest active session in the chat (optionally of one kind)."""
        query = select(QuizSession).where(QuizSession.chat_id == chat_id, QuizSession.active.is_(True))
        if kind is not None:
            query = query.where(QuizSession.kind == kind)
        async with self._read.begin() as session:
            row = await session.scalar(query.order_by(QuizSession.id.desc()).limit(1))
            return _to_record(SessionRecord, row) if row else None

    async def advance_session(self, session_id: int, *, expected_position: int) -> SessionRecord | None:
        """position += 1 only if it is still `expected_position` and the session is active (a
        compare-and-set, so a poll-closed timer and an answer cannot both advance). None otherwise.
        Does not finish the session when it runs past the last question; call finish_session."""
        async with self._write.begin() as session:
            result = await session.execute(
                update(QuizSession)
                .where(
                    QuizSession.id == session_id,
                    QuizSession.position == expected_position,
                    QuizSession.active.is_(True),
                )
                .values(position=QuizSession.position + 1)
            )
            if result.rowcount != 1:  # type: ignore[attr-defined]
                return None
            row = await session.get_one(QuizSession, session_id, populate_existing=True)
            return _to_record(SessionRecord, row)

    async def finish_session(self, session_id: int) -> SessionRecord:
        """Mark finished (idempotent: finished_at keeps the first value). LookupError if unknown."""
        now = self._clock()
        async with self._write.begin() as session:
            await session.execute(
                update(QuizSession)
                .where(QuizSession.id == session_id, QuizSession.active.is_(True))
                .values(active=False, finished_at=now)
            )
            row = await session.get(QuizSession, session_id, populate_existing=True)
            if row is None:
                raise LookupError(f"no quiz session {session_id}")
            return _to_record(SessionRecord, row)

    async def active_sessions(self) -> list[SessionRecord]:
        """All active sessions, oldest first, to resume after a restart."""
        async with self._read.begin() as session:
            rows = await session.scalars(
                select(QuizSession).where(QuizSession.active.is_(True)).order_by(QuizSession.id)
            )
            return [_to_record(SessionRecord, r) for r in rows]

    async def record_poll(
        self,
        poll_id: str,
        chat_id: int,
        message_id: int,
        question_id: str,
        topic: str,
        correct_option: int,
        option_order: list[int],
        kind: str,
        session_id: int | None = None,
        delivery_id: int | None = None,
        closes_at: datetime | None = None,
        *,
        sent_at: datetime | None = None,
    ) -> None:
        """Remember a sent quiz poll. `correct_option` is the index as shown in the poll;
        option_order[i] is the content's index of shown option i. Re-recording the same poll_id is a
        no-op (safe for retries)."""
        now = _aware(sent_at, "sent_at") if sent_at else self._clock()
        async with self._write.begin() as session:
            await self._insert_poll(
                session, poll_id=poll_id, chat_id=chat_id, message_id=message_id, question_id=question_id,
                topic=topic, correct_option=correct_option, option_order=list(option_order), kind=kind,
                session_id=session_id, delivery_id=delivery_id, sent_at=now, closes_at=closes_at,
            )

    async def get_poll(self, poll_id: str) -> PollRecord | None:
        """Poll by Telegram poll id."""
        async with self._read.begin() as session:
            row = await session.get(QuizPoll, poll_id)
            return _to_record(PollRecord, row) if row else None

    async def open_polls(self) -> list[PollRecord]:
        """Polls not closed yet, oldest first, for restart recovery."""
        async with self._read.begin() as session:
            rows = await session.scalars(
                select(QuizPoll).where(QuizPoll.closed_at.is_(None)).order_by(QuizPoll.sent_at)
            )
            return [_to_record(PollRecord, r) for r in rows]

    async def session_poll(self, session_id: int, question_id: str) -> PollRecord | None:
        """The latest poll a session sent for one of its questions, None if it never went out."""
        async with self._read.begin() as session:
            row = await session.scalar(
                select(QuizPoll)
                .where(QuizPoll.session_id == session_id, QuizPoll.question_id == question_id)
                .order_by(QuizPoll.sent_at.desc())
                .limit(1)
            )
            return _to_record(PollRecord, row) if row else None

    async def close_poll(self, poll_id: str, now: datetime | None = None) -> bool:
        """Mark closed; True only for the call that actually closed it (timer vs. update race)."""
        async with self._write.begin() as session:
            result = await session.execute(
                update(QuizPoll)
                .where(QuizPoll.poll_id == poll_id, QuizPoll.closed_at.is_(None))
                .values(closed_at=now or self._clock())
            )
            return result.rowcount == 1  # type: ignore[attr-defined]

    async def record_answer(self, poll_id: str, user_id: int, option: int | None, now: datetime) -> AnswerResult | None:
        """Record a quiz answer; None for an unknown poll, a retracted vote (option None) or an option
        the poll does not have (a forged update: Telegram only sends the poll's own options).

        The first answer per (poll, user) counts; later ones return first=False with the stored
        correctness. In the same transaction: the session counters (session's own user, or anyone in a
        group session) and the user's review box (see bot.core.srs: only questions answered wrong at
        least once enter review; right answers move an existing box up).
        """
        if option is None:
            return None
        _aware(now, "now")
        async with self._write.begin() as session:
            poll = await session.get(QuizPoll, poll_id)
            if poll is None or not 0 <= option < len(poll.option_order):
                return None
            record = _to_record(PollRecord, poll)
            correct = option == poll.correct_option
            inserted = (
                await session.execute(
                    self._insert(Answer)
                    .values(poll_id=poll_id, user_id=user_id, option=option, correct=correct, answered_at=now)
                    .on_conflict_do_nothing(index_elements=[Answer.poll_id, Answer.user_id])
                    .returning(Answer.id)
                )
            ).first()
            if inserted is None:
                earlier = await session.scalar(
                    select(Answer.correct).where(Answer.poll_id == poll_id, Answer.user_id == user_id)
                )
                return AnswerResult(poll=record, correct=bool(earlier), first=False)

            if poll.session_id is not None:
                await session.execute(
                    update(QuizSession)
                    .where(
                        QuizSession.id == poll.session_id,
                        or_(QuizSession.kind == "group", QuizSession.user_id == user_id),
                    )
                    .values(
                        answered=QuizSession.answered + 1,
                        correct=QuizSession.correct + (1 if correct else 0),
                    )
                )
            await self._update_review_box(session, user_id, poll.question_id, correct, now)
            return AnswerResult(poll=record, correct=correct, first=True)

    async def _update_review_box(
        self, session: AsyncSession, user_id: int, question_id: str, correct: bool, now: datetime
    ) -> None:
        if not correct:
            due = srs.due_at(srs.MIN_BOX, now)
            await session.execute(
                self._insert(ReviewBox)
                .values(user_id=user_id, question_id=question_id, box=srs.MIN_BOX, due_at=due, updated_at=now)
                .on_conflict_do_update(
                    index_elements=[ReviewBox.user_id, ReviewBox.question_id],
                    set_={"box": srs.MIN_BOX, "due_at": due, "updated_at": now},
                )
            )
            return
        row = await session.scalar(
            select(ReviewBox)
            .where(ReviewBox.user_id == user_id, ReviewBox.question_id == question_id)
            .with_for_update()
        )
        if row is None or srs.is_learned(row.box):
            return  # never missed, or already learned: nothing to review
        row.box = srs.next_box(row.box, True)
        row.due_at = None if srs.is_learned(row.box) else srs.due_at(row.box, now)
        row.updated_at = now

    async def poll_results(self, poll_id: str) -> PollResults:
        """Counts for a poll plus the users who answered right, fastest first."""
        async with self._read.begin() as session:
            rows = (
                await session.execute(
                    select(Answer.user_id, Answer.correct)
                    .where(Answer.poll_id == poll_id)
                    .order_by(Answer.answered_at, Answer.id)
                )
            ).all()
        return PollResults(
            poll_id=poll_id,
            answered=len(rows),
            correct=sum(1 for _, ok in rows if ok),
            correct_user_ids=[uid for uid, ok in rows if ok],
        )

    async def session_answers(self, session_id: int, user_id: int | None = None) -> list[tuple[str, bool]]:
        """(question id, correct) of each answer to this session's polls, in answer order; only
        `user_id`'s when given. The end-of-quiz summary uses it to say what to review."""
        query = (
            select(QuizPoll.question_id, Answer.correct)
            .join(QuizPoll, QuizPoll.poll_id == Answer.poll_id)
            .where(QuizPoll.session_id == session_id)
            .order_by(Answer.answered_at, Answer.id)
        )
        if user_id is not None:
            query = query.where(Answer.user_id == user_id)
        async with self._read.begin() as session:
            return [(qid, bool(ok)) for qid, ok in (await session.execute(query)).all()]
