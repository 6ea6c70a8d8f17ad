"""Dated facts: `as_of`/`review_by` are checked, shown as "per <bulan tahun>", and stale ones are found."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import yaml

from bot.core.content import load_bank, load_content
from bot.core.freshness import month_year, parse_dates, stale_facts
from bot.core.render import format_answer
from bot.settings import REPO_CONTENT
from tests.core.test_content import good_faq, good_quiz, write


def test_dates_go_together_and_in_order() -> None:
    assert parse_dates({}) == (None, None, [])
    assert parse_dates({"as_of": dt.date(2026, 12, 4), "review_by": "2027-12-31"}) == (
        dt.date(2026, 12, 4), dt.date(2027, 12, 31), [])
    assert parse_dates({"as_of": dt.date(2026, 12, 4)})[2] == [
        ("review_by", "as_of and review_by go together: give both or neither")]
    assert parse_dates({"as_of": "4 Desember 2026", "review_by": dt.date(2027, 1, 1)})[2] == [
        ("as_of", "must be a date written YYYY-MM-DD")]
    assert parse_dates({"as_of": dt.date(2027, 1, 1), "review_by": dt.date(2026, 1, 1)})[2] == [
        ("review_by", "must be later than as_of")]


def test_loader_reports_bad_dates_with_file_and_id(tmp_path: Path) -> None:
    faq = good_faq(as_of="2026-12-04")
    quiz = good_quiz(as_of="2027-01-01", review_by="2026-01-01")
    _, problems = load_content(write(tmp_path, [faq], [quiz]))
    assert {(p.file, p.id, p.field) for p in problems} == {
        ("faq/a.yaml", "bilateral-pengertian", "review_by"), ("quiz/a.yaml", "q-1", "review_by")}


def test_dated_entry_says_which_month_its_facts_hold_for(tmp_path: Path) -> None:
    faq = good_faq(as_of=dt.date(2026, 12, 4), review_by=dt.date(2027, 12, 31))
    bank = load_bank(write(tmp_path, [faq], [good_quiz()]))
    entry = bank.faq["bilateral-pengertian"]
    assert entry.as_of == dt.date(2026, 12, 4)
    assert "<i>Fakta per Desember 2026</i>\n<i>Sumber: seed</i>" in format_answer(entry, "id")
    assert "<i>Facts as of December 2026</i>" in format_answer(entry, "en")
    assert "Fakta per" not in format_answer(replace(entry, as_of=None, review_by=None))


def test_month_names_in_both_languages() -> None:
    assert month_year(dt.date(2027, 1, 1), "id") == "Januari 2027"
    assert month_year(dt.date(2025, 5, 23), "en") == "May 2025"


def test_stale_once_review_by_is_reached(tmp_path: Path) -> None:
    faq = good_faq(as_of=dt.date(2026, 12, 4), review_by=dt.date(2027, 1, 1))
    quiz = good_quiz(as_of=dt.date(2026, 12, 4), review_by=dt.date(2027, 6, 30))
    bank = load_bank(write(tmp_path, [faq], [quiz]))
    faq_items, quiz_items = bank.faq.values(), bank.quiz.values()
    assert stale_facts(faq_items, quiz_items, dt.date(2026, 12, 31)) == []
    assert [s.id for s in stale_facts(faq_items, quiz_items, dt.date(2027, 1, 1))] == ["bilateral-pengertian"]
    late = stale_facts(faq_items, quiz_items, dt.date(2027, 7, 1))
    assert [s.as_dict() for s in late] == [
        {"kind": "faq", "id": "bilateral-pengertian", "as_of": "2026-12-04", "review_by": "2027-01-01"},
        {"kind": "quiz", "id": "q-1", "as_of": "2026-12-04", "review_by": "2027-06-30"}]


def test_shipped_time_sensitive_entries_are_dated() -> None:
    bank = load_bank(REPO_CONTENT)
    for entry_id in ("sekretariat-pbb", "indonesia-dewan-ham", "indonesia-pasukan-perdamaian", "asean-anggota",
                     "oki-anggota", "pbb-anggota", "g20-pengertian"):
        entry = bank.faq[entry_id]
        assert entry.as_of and entry.review_by and entry.review_by > entry.as_of, entry_id
    # Guterres' term: the answer is written so that it is still right on 1 January 2027, and flagged for review then
    guterres = bank.faq["sekretariat-pbb"]
    assert "31 Desember 2026" in guterres.answer and "1 Januari 2027" in guterres.answer
    assert guterres.review_by <= dt.date(2027, 1, 1)


def test_yaml_dates_round_trip_as_plain_dates(tmp_path: Path) -> None:
    text = yaml.safe_dump({"as_of": dt.date(2026, 12, 4), "review_by": dt.date(2027, 1, 1)})
    assert parse_dates(yaml.safe_load(text))[2] == []
