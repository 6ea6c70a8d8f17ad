"""What /kelas, the weekly recap, /skor's progress card and the owners' picture say and show.

Reads the aggregates from the Store, names topics and questions from the content bank, and builds the
plain records `bot.charts` draws plus the words beside them (Telegram HTML). No Telegram objects here,
so the handlers, the scheduler and `python -m bot stats` share it.

The group text carries class aggregates only (counts, per-topic accuracy, the questions the class
missed most with their right answers): never a student's name next to a mistake. The per-student
CSV is for the admin's private chat.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

from bot.charts import (
    BotPicture,
    ClassPicture,
    DayCount,
    MissedQuestion,
    ReviewBoxes,
    StudentPicture,
    TopicScore,
)
from bot.core.content import ContentBank
from bot.core.i18n import t
from bot.core.markup import escape
from bot.storage import Store
from bot.storage.insights import ClassStats, ReviewStages, StudentRow, TopicRow

CLASS_DAYS = 7
CARD_DAYS = 30
BOT_DAYS = 30
MISSED_IN_TEXT = 3


def window_start(now: datetime, zone: tzinfo, days: int) -> datetime:
    """Local midnight `days - 1` days before today: a window of `days` local days ending today."""
    first = now.astimezone(zone).date() - timedelta(days=days - 1)
    return datetime(first.year, first.month, first.day, tzinfo=zone)


def pct(correct: int, answered: int) -> int:
    return round(100 * correct / answered) if answered else 0


def topic_name(bank: ContentBank | None, topic_id: str, lang: str) -> str:
    topic = bank.topics.get(topic_id) if bank else None
    if topic is None:
        return topic_id
    return topic.name_en if lang == "en" else topic.name


def _scores(rows: list[TopicRow], bank: ContentBank | None, lang: str) -> tuple[TopicScore, ...]:
    return tuple(TopicScore(topic_name(bank, row.topic, lang), row.answered, row.correct) for row in rows)


def _boxes(stages: ReviewStages) -> ReviewBoxes:
    return ReviewBoxes(new=stages.new, learning=stages.learning, learned=stages.learned)


def _days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


# ------------------------------------------------------------------------------------------- a class


@dataclass(frozen=True)
class ClassReport:
    chat_id: int
    stats: ClassStats
    picture: ClassPicture
    text: str  # aggregates only: safe for the group


async def class_report(store: Store, bank: ContentBank | None, chat_id: int, title: str, now: datetime,
                       zone: tzinfo, lang: str, *, since: datetime | None = None,
                       until: datetime | None = None) -> ClassReport:
    """The class in [since, until) (default: the last CLASS_DAYS local days up to now) and all time."""
    since = since or window_start(now, zone, CLASS_DAYS)
    stats = await store.class_stats(chat_id, since, now, zone, until=until)
    first = since.astimezone(zone).date()
    last = (until - timedelta(microseconds=1)).astimezone(zone).date() if until else now.astimezone(zone).date()
    per_day = {day: students for day, students, _ in stats.participation}
    missed = []
    for row in stats.missed_week:
        question = bank.quiz.get(row.question_id) if bank else None
        label = question.question if question else row.question_id
        answer = question.options[question.answer] if question else "?"
        missed.append(MissedQuestion(row.question_id, label, answer, row.wrong, row.answered))
    picture = ClassPicture(
        title=title,
        participation=tuple(DayCount(day, per_day.get(day, 0)) for day in _days(first, last)),
        topics=_scores(stats.topics_week or stats.topics_all, bank, lang),
        missed=tuple(missed),
        backlog=_boxes(stats.backlog),
        students=stats.students_all,
    )
    return ClassReport(chat_id, stats, picture, _class_text(stats, picture, title, lang))


def _class_text(stats: ClassStats, picture: ClassPicture, title: str, lang: str) -> str:
    lines = [
        t("kelas.header", lang, title=escape(title), days=CLASS_DAYS),
        t("kelas.week", lang, students=stats.students_week, total=stats.students_all, answers=stats.answers_week,
          accuracy=pct(stats.correct_week, stats.answers_week)),
        t("kelas.all_time", lang, answers=stats.answers_all, accuracy=pct(stats.correct_all, stats.answers_all)),
        t("kelas.per_day", lang, days=" · ".join(f"{d.day:%d/%m} {d.count}" for d in picture.participation)),
        "",
        t("kelas.topics", lang) if stats.topics_week else t("kelas.topics_all", lang),
    ]
    lines += [t("score.topic_row", lang, topic=escape(topic.name), correct=topic.correct, answered=topic.answered,
                accuracy=topic.accuracy) for topic in picture.topics]
    if picture.missed:
        lines += ["", t("kelas.missed", lang)]
        for question in picture.missed[:MISSED_IN_TEXT]:
            lines.append(t("kelas.missed_row", lang, question=escape(question.label), answer=escape(question.answer),
                           wrong=question.wrong, answered=question.answered))
    backlog = stats.backlog
    lines += ["", t("kelas.backlog", lang, new=backlog.new, learning=backlog.learning, learned=backlog.learned,
                    due=backlog.due)]
    return "\n".join(lines)


def class_csv(rows: list[StudentRow], bank: ContentBank | None, lang: str) -> bytes:
    """One line per student: name, answers, right, accuracy, accuracy per topic, streak (UTF-8 with BOM for
    spreadsheets). Formula-like names are quoted so a spreadsheet never runs them."""
    topics = sorted({topic for row in rows for topic in row.per_topic})
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([t("csv.name", lang), t("csv.answers", lang), t("csv.correct", lang), t("csv.accuracy", lang),
                     *(f"{topic_name(bank, topic, lang)} (%)" for topic in topics), t("csv.streak", lang)])
    for row in rows:
        name = "'" + row.name if row.name[:1] in ("=", "+", "-", "@") else row.name
        per_topic = [str(pct(row.per_topic[topic][1], row.per_topic[topic][0])) if topic in row.per_topic else ""
                     for topic in topics]
        writer.writerow([name, row.answered, row.correct, pct(row.correct, row.answered), *per_topic, row.streak])
    return out.getvalue().encode("utf-8-sig")


# ------------------------------------------------------------------------------------------- a student


async def student_picture(store: Store, bank: ContentBank | None, user_id: int, name: str,
                          per_topic: dict[str, tuple[int, int]], streak: int, now: datetime, zone: tzinfo,
                          lang: str) -> StudentPicture:
    """The progress card: accuracy per topic (most answered first), the last CARD_DAYS days, review boxes."""
    rows = sorted(per_topic.items(), key=lambda item: (-item[1][0], item[0]))
    days = await store.answer_days(user_id, window_start(now, zone, CARD_DAYS), now, zone)
    stages = await store.review_stages(user_id, now)
    return StudentPicture(
        name=name,
        topics=tuple(TopicScore(topic_name(bank, topic, lang), n, ok) for topic, (n, ok) in rows),
        active_days=frozenset(days),
        last_day=now.astimezone(zone).date(),
        window_days=CARD_DAYS,
        boxes=_boxes(stages),
        streak=streak,
    )


def review_boxes_line(picture: StudentPicture, lang: str) -> str:
    boxes = picture.boxes
    return t("score.boxes", lang, new=boxes.new, learning=boxes.learning, learned=boxes.learned)


# ------------------------------------------------------------------------------------------- the bot


async def bot_picture(store: Store, now: datetime, zone: tzinfo, stale: int | None) -> BotPicture:
    """The whole bot per local day over the last BOT_DAYS days (days without activity show as zero)."""
    rows = {row.day: row for row in await store.bot_days(window_start(now, zone, BOT_DAYS), now, zone)}
    today = now.astimezone(zone).date()
    days = _days(today - timedelta(days=BOT_DAYS - 1), today)
    return BotPicture(
        days=tuple(days),
        active_chats=tuple(rows[d].active_chats if d in rows else 0 for d in days),
        answers=tuple(rows[d].answers if d in rows else 0 for d in days),
        unanswered=tuple(rows[d].unanswered if d in rows else 0 for d in days),
        stale_facts=stale,
    )
