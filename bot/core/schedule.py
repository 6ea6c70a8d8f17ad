"""Daily-quiz time maths, free of Telegram: parsing "HH:MM" and zones, next runs, missed runs, recaps.

Every function takes and returns timezone-aware datetimes (UTC in, UTC out) so the engine, the
handlers and the tests agree on one notion of "now"; local times exist only inside these functions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

DEFAULT_TIME = time(7, 0)
MISSED_GRACE = timedelta(hours=2)
"""A run missed while the bot was down is still sent when the bot is back less than this late."""

ZONE_ALIASES: dict[str, str] = {
    "WIB": "Asia/Jakarta",
    "WITA": "Asia/Makassar",
    "WIT": "Asia/Jayapura",
}
_ALIAS_OF = {zone: alias for alias, zone in ZONE_ALIASES.items()}
_TIME_RE = re.compile(r"^\s*(\d{1,2})\s*[:.]\s*(\d{2})\s*$")


class ScheduleInputError(ValueError):
    """Bad user input; `reason` is a short machine key ("format", "hour", "minute", "zone")."""

    def __init__(self, reason: str, value: str) -> None:
        super().__init__(f"{reason}: {value!r}")
        self.reason = reason
        self.value = value


def parse_local_time(text: str) -> time:
    """"07:00", "7:05" or the Indonesian "07.00" → time; anything else raises ScheduleInputError.

    "jam 7" is refused (reason "format") rather than guessed, so the chat always gets the minute it asked for.
    """
    match = _TIME_RE.match(text or "")
    if not match:
        raise ScheduleInputError("format", text)
    hour, minute = int(match.group(1)), int(match.group(2))
    if hour > 23:
        raise ScheduleInputError("hour", text)
    if minute > 59:
        raise ScheduleInputError("minute", text)
    return time(hour, minute)


def format_local_time(value: time) -> str:
    """The "HH:MM" form stored and shown everywhere."""
    return f"{value.hour:02d}:{value.minute:02d}"


@lru_cache(maxsize=1)
def _zones_by_lower_name() -> dict[str, str]:
    return {name.lower(): name for name in available_timezones()}


def expand_zone_alias(text: str) -> str:
    """WIB/WITA/WIT (any case) → Asia/Jakarta, Asia/Makassar, Asia/Jayapura; anything else stripped, as given.

    The one place these Indonesian names are read, for /zona and BOT_TIMEZONE alike.
    """
    wanted = (text or "").strip()
    return ZONE_ALIASES.get(wanted.upper(), wanted)


def resolve_zone(text: str) -> str:
    """WIB/WITA/WIT (any case) or an IANA name (any case) → the canonical IANA name."""
    wanted = expand_zone_alias(text)
    if wanted in _ALIAS_OF:
        return wanted
    name = _zones_by_lower_name().get(wanted.lower())
    if name is None or ("/" not in name and name != "UTC"):
        raise ScheduleInputError("zone", text)
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ScheduleInputError("zone", text) from exc
    return name


def zone_label(zone: str) -> str:
    """"WIB" for Asia/Jakarta and so on; other zones by their IANA name."""
    return _ALIAS_OF.get(zone, zone)


@lru_cache(maxsize=256)
def _zone(name: str) -> tzinfo:
    return ZoneInfo(name)


def _utc(moment: datetime) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"expected an aware datetime, got {moment!r}")
    return moment.astimezone(UTC)


def to_local(moment: datetime, zone: str) -> datetime:
    """`moment` as wall-clock time in `zone` (for showing the next run)."""
    return _utc(moment).astimezone(_zone(zone))


def local_day(moment: datetime, zone: str) -> date:
    """The calendar day `moment` falls on in `zone` (a daily delivery is keyed by it)."""
    return _utc(moment).astimezone(_zone(zone)).date()


def day_start(day: date, zone: str) -> datetime:
    """Midnight at the start of `day` in `zone`, as UTC."""
    return datetime.combine(day, time(0, 0), tzinfo=_zone(zone)).astimezone(UTC)


def run_at(day: date, local_time: time, zone: str) -> datetime:
    """The UTC moment of the chat's run on local `day` (a wall time skipped by DST moves forward)."""
    naive = datetime.combine(day, local_time)
    aware = naive.replace(tzinfo=_zone(zone))
    # Round-trip through UTC normalises non-existent wall times (spring-forward gaps).
    return aware.astimezone(UTC)


def next_run(local_time: time, zone: str, after: datetime) -> datetime:
    """The first run strictly after `after` (UTC)."""
    after = _utc(after)
    day = local_day(after, zone)
    for offset in range(3):
        candidate = run_at(day + timedelta(days=offset), local_time, zone)
        if candidate > after:
            return candidate
    raise AssertionError("a daily run always exists within three days")


@dataclass(frozen=True, slots=True)
class RunDecision:
    """Today's (or the latest) run for a chat at `now`: what to do about it.

    status: "upcoming" (not yet), "due" (send now, possibly late but within the grace), "missed" (skip).
    """

    day: date
    scheduled_at: datetime
    status: str


def latest_run(local_time: time, zone: str, now: datetime, grace: timedelta = MISSED_GRACE) -> RunDecision:
    """Decide about the most recent run at or before `now` (the missed-run policy).

    Late by less than `grace` → "due" (sent on return); later → "missed" (skipped, the next one is
    tomorrow). When no run happened yet today, the decision is about today's run and says "upcoming".
    """
    now = _utc(now)
    today = local_day(now, zone)
    scheduled = run_at(today, local_time, zone)
    if scheduled > now:
        yesterday = run_at(today - timedelta(days=1), local_time, zone)
        if now - yesterday < grace:
            return RunDecision(today - timedelta(days=1), yesterday, "due")
        return RunDecision(today, scheduled, "upcoming")
    status = "due" if now - scheduled < grace else "missed"
    return RunDecision(today, scheduled, status)


def recap_at(sent_at: datetime, delay_hours: float, next_quiz_at: datetime | None = None) -> datetime:
    """When the recap of a daily quiz is due: `delay_hours` after it, or the next quiz at the latest."""
    due = _utc(sent_at) + timedelta(hours=delay_hours)
    if next_quiz_at is not None:
        due = min(due, _utc(next_quiz_at))
    return due


@dataclass(frozen=True, slots=True)
class Slot:
    """Subscriptions whose wall time is in (after, upto] ("HH:MM" strings; after None = from 00:00) on `day`."""

    zone: str
    day: date
    after: str | None
    upto: str


def slots_between(zone: str, start: datetime, end: datetime) -> list[Slot]:
    """The wall-time ranges of `zone` that fall in the UTC window (start, end], split at local midnight.

    Runs are on whole minutes, so "HH:MM" strings compare like the times; a chat whose time is in a
    slot has its run for `slot.day` inside the window. Windows longer than a day are clipped to the
    last 24 hours (the missed-run grace is far shorter).
    """
    start, end = _utc(start), _utc(end)
    if end <= start:
        return []
    start = max(start, end - timedelta(hours=24) + timedelta(minutes=1))
    tz = _zone(zone)
    lo = start.astimezone(tz)
    hi = end.astimezone(tz)
    lo_key = format_local_time(lo.time())
    hi_key = format_local_time(hi.time())
    if lo.date() == hi.date():
        return [Slot(zone, lo.date(), lo_key, hi_key)] if lo_key < hi_key else []
    slots = []
    if lo_key < "23:59":
        slots.append(Slot(zone, lo.date(), lo_key, "23:59"))
    slots.append(Slot(zone, hi.date(), None, hi_key))
    return slots
