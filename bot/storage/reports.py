"""Mistake reports: a student presses "Laporkan kesalahan", then writes what is wrong in one message.

The press stores a draft; the next message of that user in that chat (within DRAFT_MINUTES) becomes
the report's text. Drafts live in the database, not in one process's memory, so the message may
reach any of several bot processes, and a restart loses nothing.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, func, select, update

from bot.storage.base import StoreBase, _aware, _to_record
from bot.storage.models import MistakeReport
from bot.storage.records import ReportRecord

DRAFT_MINUTES = 15  # a student who pressed the button and went away is not waited for longer
MAX_REPORT_CHARS = 1000
REPORT_KINDS = ("answer", "card", "quiz")


def clean_report_text(text: str) -> str:
    """What is kept of a report: no NUL (PostgreSQL refuses it), trimmed, at most MAX_REPORT_CHARS."""
    return text.replace("\x00", "").strip()[:MAX_REPORT_CHARS]


class ReportsMixin(StoreBase):
    """Mistake reports (part of `Store`)."""

    async def start_report(self, chat_id: int, user_id: int, kind: str, ref: str, now: datetime) -> int:
        """A draft waiting for the reporter's description; replaces the user's earlier draft in the chat."""
        if kind not in REPORT_KINDS:
            raise ValueError(f"unknown report kind {kind!r}")
        _aware(now, "now")
        async with self._write.begin() as session:
            await session.execute(delete(MistakeReport).where(
                MistakeReport.state == "draft", MistakeReport.chat_id == chat_id, MistakeReport.user_id == user_id))
            row = MistakeReport(kind=kind, ref=ref, chat_id=chat_id, user_id=user_id, text="", state="draft",
                                created_at=now, updated_at=now)
            session.add(row)
            await session.flush()
            return int(row.id)

    async def pending_report(self, chat_id: int, user_id: int, now: datetime) -> ReportRecord | None:
        """The user's draft in this chat, if it is recent enough to take their next message as its text."""
        since = _aware(now, "now") - timedelta(minutes=DRAFT_MINUTES)
        async with self._read.begin() as session:
            row = await session.scalar(
                select(MistakeReport)
                .where(MistakeReport.state == "draft", MistakeReport.chat_id == chat_id,
                       MistakeReport.user_id == user_id, MistakeReport.created_at >= since)
                .order_by(MistakeReport.id.desc()).limit(1))
            return _to_record(ReportRecord, row) if row is not None else None

    async def submit_report(self, report_id: int, text: str, now: datetime) -> bool:
        """Give a draft its text and open it; False when the draft is gone (cancelled, already sent)."""
        cleaned = clean_report_text(text)
        if not cleaned:
            return False
        async with self._write.begin() as session:
            result = await session.execute(
                update(MistakeReport).where(MistakeReport.id == report_id, MistakeReport.state == "draft")
                .values(text=cleaned, state="open", updated_at=_aware(now, "now")))
            return bool(getattr(result, "rowcount", 0))

    async def cancel_report(self, chat_id: int, user_id: int) -> bool:
        """Drop the user's draft in this chat (/batal); True when there was one."""
        async with self._write.begin() as session:
            result = await session.execute(delete(MistakeReport).where(
                MistakeReport.state == "draft", MistakeReport.chat_id == chat_id, MistakeReport.user_id == user_id))
            return bool(getattr(result, "rowcount", 0))

    async def open_reports(self, limit: int = 10) -> list[ReportRecord]:
        """The oldest open reports first: they have waited longest."""
        async with self._read.begin() as session:
            rows = await session.scalars(
                select(MistakeReport).where(MistakeReport.state == "open").order_by(MistakeReport.id).limit(limit))
            return [_to_record(ReportRecord, row) for row in rows]

    async def count_open_reports(self) -> int:
        async with self._read.begin() as session:
            return int(await session.scalar(
                select(func.count()).select_from(MistakeReport).where(MistakeReport.state == "open")) or 0)

    async def open_report_refs(self) -> dict[str, list[str]]:
        """Per kind, the ids with open reports (sorted): what `check --json` lists for the content writers."""
        async with self._read.begin() as session:
            rows = await session.execute(
                select(MistakeReport.kind, MistakeReport.ref).where(MistakeReport.state == "open")
                .group_by(MistakeReport.kind, MistakeReport.ref))
            refs: dict[str, list[str]] = {kind: [] for kind in REPORT_KINDS}
            for kind, ref in rows:
                refs.setdefault(kind, []).append(ref)
            return {kind: sorted(ids) for kind, ids in refs.items()}

    async def close_report(self, report_id: int, now: datetime) -> bool:
        """Mark an open report dealt with; False when there is no such open report."""
        async with self._write.begin() as session:
            result = await session.execute(
                update(MistakeReport).where(MistakeReport.id == report_id, MistakeReport.state == "open")
                .values(state="closed", updated_at=_aware(now, "now")))
            return bool(getattr(result, "rowcount", 0))
