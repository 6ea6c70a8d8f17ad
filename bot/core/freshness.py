"""Dated facts: the optional `as_of` / `review_by` fields of FAQ entries and quiz questions.

A fact that can change (a count, an office holder, a term, a ranking) carries the day it was
checked (`as_of`) and the day a teacher should check it again (`review_by`). Past its
`review_by` a fact is *stale*: `python -m bot check` warns about it (a warning, never an error,
so the calendar alone cannot break a test) and the owners' statistics count it. Answers show
the date as "per <bulan tahun>".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Protocol

from bot.core.i18n import t


class Dated(Protocol):
    """What stale_facts reads (read-only, so frozen dataclasses such as FaqEntry qualify)."""

    @property
    def id(self) -> str: ...
    @property
    def as_of(self) -> dt.date | None: ...
    @property
    def review_by(self) -> dt.date | None: ...


@dataclass(frozen=True)
class StaleFact:
    kind: str  # "faq" or "quiz"
    id: str
    as_of: dt.date
    review_by: dt.date

    def as_dict(self) -> dict[str, str]:
        return {"kind": self.kind, "id": self.id, "as_of": self.as_of.isoformat(),
                "review_by": self.review_by.isoformat()}


def _as_date(value: Any) -> dt.date | None:
    """A date from YAML (which already reads 2026-12-04 as a date) or from ISO text."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def parse_dates(item: dict[str, Any]) -> tuple[dt.date | None, dt.date | None, list[tuple[str, str]]]:
    """(as_of, review_by, problems as (field, message)) for one YAML entry."""
    raw_as_of, raw_review = item.get("as_of"), item.get("review_by")
    problems: list[tuple[str, str]] = []
    as_of = _as_date(raw_as_of) if raw_as_of is not None else None
    review_by = _as_date(raw_review) if raw_review is not None else None
    if raw_as_of is not None and as_of is None:
        problems.append(("as_of", "must be a date written YYYY-MM-DD"))
    if raw_review is not None and review_by is None:
        problems.append(("review_by", "must be a date written YYYY-MM-DD"))
    if (raw_as_of is None) != (raw_review is None):
        missing = "review_by" if raw_review is None else "as_of"
        problems.append((missing, "as_of and review_by go together: give both or neither"))
    if as_of and review_by and review_by <= as_of:
        problems.append(("review_by", "must be later than as_of"))
    if problems:
        return None, None, problems
    return as_of, review_by, []


def stale_facts(faq: Iterable[Dated], quiz: Iterable[Dated], today: dt.date) -> list[StaleFact]:
    """Every dated entry and question whose `review_by` is today or earlier."""
    out: list[StaleFact] = []
    for kind, items in (("faq", faq), ("quiz", quiz)):
        for item in items:
            if item.as_of and item.review_by and item.review_by <= today:
                out.append(StaleFact(kind, item.id, item.as_of, item.review_by))
    return out


def month_year(day: dt.date, lang: str = "id") -> str:
    """'Desember 2026' / 'December 2026'."""
    return f"{t(f'month.{day.month}', lang)} {day.year}"
