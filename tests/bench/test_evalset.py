"""The blind/real evaluation: a deterministic split, honest scoring, and floors on the test half.

The floors sit a little under what the test half measured when they were set (see README, "Quality");
the issue's targets are higher where the bank does not reach them yet.
"""

from __future__ import annotations

import pytest

from bench import evalset
from bot.core.content import load_bank
from bot.core.conversation import Tutor
from bot.settings import REPO_CONTENT

ITEMS = evalset.load_items()
needs_sets = pytest.mark.skipif(not ITEMS, reason="no blind/real evaluation sets in tests/data yet")


def test_split_is_fixed_and_balanced() -> None:
    assert evalset.half_of("kpn asean berdiri kak") == evalset.half_of("kpn asean berdiri kak ")
    frozen = [i for i in ITEMS if i.half != "tuning"]
    if frozen:
        dev = sum(1 for i in frozen if i.half == "dev")
        assert 0.4 < dev / len(frozen) < 0.6


def test_tuning_sets_never_enter_the_reported_halves(tmp_path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "tuning").mkdir()
    (tmp_path / "tuning" / "extra.yaml").write_text(
        "set: real\non_topic:\n- q: kapan asean berdiri\n  expect: ['1967']\noff_topic:\n- q: resep rendang\n",
        encoding="utf-8")
    items = evalset.load_items(tmp_path)
    assert [(i.set, i.half, i.on_topic) for i in items] == [("real", "tuning", True), ("real", "tuning", False)]
    tutor = Tutor(load_bank(REPO_CONTENT))
    for half in ("dev", "test", "all"):
        assert evalset.run(half, tutor, data=tmp_path, with_baseline=False).outcomes == []
    assert len(evalset.run("tuning", tutor, data=tmp_path, with_baseline=False).outcomes) == 2


def test_a_numbered_key_is_the_option_letter_by_position(tmp_path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "blind").mkdir()
    (tmp_path / "blind" / "set.yaml").write_text("on_topic:\n- {q: 'Q? 1. x 2. y 3. z', choice: '2', expect: [y]}\n"
                                       "- {q: 'Q? a. x b. y c. z', choice: b, expect: [y]}\n")
    assert [item.choice for item in evalset.load_items(tmp_path)] == ["B", "B"]


def test_expect_matching() -> None:
    assert evalset.contains_all("ASEAN berdiri pada <b>8 Agustus 1967</b> di Bangkok.", ("1967", "Bangkok | Jakarta"))
    assert not evalset.contains_all("ASEAN berdiri tahun 1967.", ("1967", "Bangkok"))
    assert evalset.contains_all("Anggotanya  dua   negara", ("dua negara | 2 negara",))


# Short, common phrasings that the bank held before the blind sets were written (content history ends
# 2026-11-29, the sets were frozen 2026-12-04): coincidences, not copies. Anything else is a copy.
PRE_EXISTING = {
    "mea singkatan dari apa", "pbb singkatan dari apa", "sekretariat pbb dipimpin oleh seorang ...",
    "unesco singkatan dari apa", "badan khusus pbb ada brp", "semboyan asean apa", "which countries founded asean",
    "apa peran indonesia di oki", "siapa ketua konferensi asia afrika 1955?", "g20 itu apa sih",
    "persona non grata artinya apa", "jelaskan pengertian perjanjian internasional!",
    "sebutkan tahap-tahap pembuatan perjanjian internasional!", "apa tujuan kerja sama internasional?",
    "apa perbedaan kerja sama bilateral dan multilateral?", "piagam pbb ditandatangani di kota ...",
    "kapan indonesia kembali menjadi anggota pbb?", "jelaskan makna lambang asean!", "apa manfaat asean bagi indonesia?",
    "markas besar pbb terletak di",
}


@needs_sets
def test_no_eval_question_is_copied_into_content() -> None:
    bank = load_bank(REPO_CONTENT)
    phrases = {" ".join(p.lower().split()) for e in bank.faq.values() for p in e.variants}  # questions are titles
    copied = {" ".join(i.q.lower().split()) for i in ITEMS} & phrases
    assert copied <= PRE_EXISTING, sorted(copied - PRE_EXISTING)


@pytest.fixture(scope="module")
def report() -> evalset.Report:
    return evalset.run("test", Tutor(load_bank(REPO_CONTENT)), with_baseline=False)


# Floors on the test half, a little under what it measured at the end of stop 23 (2026-12-06, 8eb709f:
# blind 86.6 %, real 53.9 %, pasted multiple choice 55.6 %, off-topic declined 94.9 %, confident-wrong
# 3.5 %). The targets (95 %, 85 %, 90 %, 95 %, <= 2 %) are not reached yet: most misses are
# questions the bank has no content for. Raise these as content grows.
FLOORS = {"blind_correct": 0.84, "real_correct": 0.51, "mc_accuracy": 0.52, "off_declined": 0.93}
CEILINGS = {"confident_wrong": 0.04}


@needs_sets
def test_test_half_floors(report: evalset.Report) -> None:
    figures = report.figures()
    for name, floor in FLOORS.items():
        assert figures[name] >= floor, (name, figures)
    for name, ceiling in CEILINGS.items():
        assert figures[name] <= ceiling, (name, figures)
