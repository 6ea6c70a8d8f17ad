"""Daily-quiz time maths: parsing, zones, next runs, the missed-run policy, recaps, minute slots."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest

from bot.core import schedule as S

JKT = "Asia/Jakarta"  # UTC+7, no DST


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


@pytest.mark.parametrize(("text", "expected"), [("07:00", time(7)), ("7:05", time(7, 5)), ("07.30", time(7, 30)),
                                                 (" 23:59 ", time(23, 59)), ("0:00", time(0))])
def test_parse_good_times(text: str, expected: time) -> None:
    assert S.parse_local_time(text) == expected


@pytest.mark.parametrize(("text", "reason"), [("25:61", "hour"), ("24:00", "hour"), ("07:60", "minute"),
                                              ("jam 7", "format"), ("7", "format"), ("", "format"),
                                              ("07:5", "format"), ("pagi", "format")])
def test_parse_bad_times_give_a_reason(text: str, reason: str) -> None:
    with pytest.raises(S.ScheduleInputError) as info:
        S.parse_local_time(text)
    assert info.value.reason == reason


def test_zone_aliases_and_iana_names() -> None:
    assert S.resolve_zone("WIB") == "Asia/Jakarta"
    assert S.resolve_zone("wita") == "Asia/Makassar"
    assert S.resolve_zone("WIT") == "Asia/Jayapura"
    assert S.resolve_zone("asia/pontianak") == "Asia/Pontianak"
    assert S.resolve_zone("Europe/Amsterdam") == "Europe/Amsterdam"
    for bad in ("Mars/Olympus", "", "EST", "jakarta"):
        with pytest.raises(S.ScheduleInputError):
            S.resolve_zone(bad)
    assert S.zone_label("Asia/Makassar") == "WITA"
    assert S.zone_label("Europe/Amsterdam") == "Europe/Amsterdam"


def test_next_run_and_local_day() -> None:
    # 06:59 WIB → today 07:00 WIB = 00:00 UTC
    assert S.next_run(time(7), JKT, utc(2025, 3, 2, 23, 59)) == utc(2025, 3, 3, 0, 0)
    # exactly at the run → the next day's
    assert S.next_run(time(7), JKT, utc(2025, 3, 3, 0, 0)) == utc(2025, 3, 4, 0, 0)
    assert S.local_day(utc(2025, 3, 2, 17, 0), JKT) == date(2025, 3, 3)  # 00:00 WIB
    assert S.local_day(utc(2025, 3, 2, 16, 59), JKT) == date(2025, 3, 2)
    assert S.day_start(date(2025, 3, 3), JKT) == utc(2025, 3, 2, 17, 0)


def test_next_run_across_dst() -> None:
    # Amsterdam springs forward on 2025-03-30 at 02:00 → 03:00; 02:30 does not exist that day.
    run = S.next_run(time(2, 30), "Europe/Amsterdam", utc(2025, 3, 29, 12, 0))
    assert run == utc(2025, 3, 30, 1, 30)
    assert S.next_run(time(7), "Europe/Amsterdam", utc(2025, 3, 30, 4, 0)) == utc(2025, 3, 30, 5, 0)


@pytest.mark.parametrize(
    ("now", "status", "day"),
    [
        (utc(2025, 3, 2, 23, 0), "upcoming", date(2025, 3, 3)),  # 06:00 WIB
        (utc(2025, 3, 3, 0, 0), "due", date(2025, 3, 3)),  # on time
        (utc(2025, 3, 3, 1, 59), "due", date(2025, 3, 3)),  # 1h59 late → still sent
        (utc(2025, 3, 3, 2, 0), "missed", date(2025, 3, 3)),  # 2h late → skipped
        (utc(2025, 3, 3, 12, 0), "missed", date(2025, 3, 3)),
    ],
)
def test_missed_run_policy(now: datetime, status: str, day: date) -> None:
    decision = S.latest_run(time(7), JKT, now)
    assert (decision.status, decision.day) == (status, day)


def test_missed_run_across_midnight_belongs_to_yesterday() -> None:
    # 23:30 WIB run, bot back at 00:30 WIB the next day: one hour late → yesterday's quiz is sent.
    decision = S.latest_run(time(23, 30), JKT, utc(2025, 3, 3, 17, 30))
    assert decision == S.RunDecision(date(2025, 3, 3), utc(2025, 3, 3, 16, 30), "due")


def test_recap_time_is_delay_or_next_quiz_at_the_latest() -> None:
    sent = utc(2025, 3, 3, 0, 0)
    assert S.recap_at(sent, 12) == utc(2025, 3, 3, 12, 0)
    assert S.recap_at(sent, 24, next_quiz_at=utc(2025, 3, 3, 22, 0)) == utc(2025, 3, 3, 22, 0)


def test_slots_between_minutes_and_midnight() -> None:
    slots = S.slots_between(JKT, utc(2025, 3, 2, 23, 59), utc(2025, 3, 3, 0, 0))
    assert slots == [S.Slot(JKT, date(2025, 3, 3), "06:59", "07:00")]
    assert S.slots_between(JKT, utc(2025, 3, 3, 0, 0, 30), utc(2025, 3, 3, 0, 0, 59)) == []
    # 22:00 → 01:00 WIB crosses local midnight: two days
    crossing = S.slots_between(JKT, utc(2025, 3, 3, 15, 0), utc(2025, 3, 3, 18, 0))
    assert crossing == [S.Slot(JKT, date(2025, 3, 3), "22:00", "23:59"), S.Slot(JKT, date(2025, 3, 4), None, "01:00")]
    assert S.slots_between(JKT, utc(2025, 3, 3), utc(2025, 3, 3) - timedelta(minutes=1)) == []
