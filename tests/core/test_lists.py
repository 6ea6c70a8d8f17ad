"""Counting listed items, and the check warning for entries asked for more items than they list."""

from dataclasses import replace

from bot.core.content import load_bank
from bot.core.lists import asked_count, count_items, short_lists
from bot.settings import REPO_CONTENT


def test_count_items() -> None:
    assert count_items("Tiga bentuk:\n1. <b>bilateral</b>\n2. regional\n3. multilateral") == 3
    assert count_items("Manfaatnya:\n• pasar\n• modal\n• teknologi\n• beasiswa") == 4
    assert count_items("Anggotanya Indonesia, Malaysia, Filipina, Singapura dan Thailand.") == 5
    assert count_items("Kerja sama bilateral adalah kerja sama dua negara.") == 0


def test_asked_count() -> None:
    assert asked_count("Sebutkan 3 manfaat kerja sama!") == 3
    assert asked_count("tuliskan lima contoh kerja sama regional") == 5
    assert asked_count("kerja sama antar 2 negara disebut apa") is None


def test_shipped_bank_lists_enough_items() -> None:
    assert short_lists(load_bank(REPO_CONTENT)) == []


def test_short_list_is_flagged() -> None:
    bank = load_bank(REPO_CONTENT)
    entry = bank.faq["kerja-sama-bentuk"]
    short = replace(entry, variants=(*entry.variants, "Sebutkan 5 bentuk kerja sama internasional"),
                    answer="Ada <b>bilateral</b> dan <b>multilateral</b>.")
    bank.faq[entry.id] = short
    flagged = short_lists(bank)
    assert [(p.id, p.field) for p in flagged] == [("kerja-sama-bentuk", "answer")]
