"""An answer names its publications to the student and keeps the reviewers' pointers out."""

import pytest

from bot.core.content import load_bank
from bot.core.markup import escape
from bot.core.render import format_answer, public_source
from bot.settings import REPO_CONTENT


@pytest.mark.parametrize(("source", "shown"), [
    ("Bobo.id, 'Kerja Sama Internasional' (24 Maret 2022), shared seed; un.org (facts.md §1, §14)",
     "Bobo.id, 'Kerja Sama Internasional' (24 Maret 2022); un.org"),
    ("Wikipedia 'Hubungan bilateral' (oldid 20993554), shared seed", "Wikipedia 'Hubungan bilateral'"),
    ("Artikel diplomasi, shared seed; PBB 193 anggota: facts.md §1; WTO: UU No. 7 Tahun 1994, facts.md §12",
     "Artikel diplomasi; WTO: UU No. 7 Tahun 1994"),
    ("WHO Solidarity Trial 2020: Artikel diplomasi, shared seed, dan facts.md §13",
     "WHO Solidarity Trial 2020: Artikel diplomasi"),
    ("bantuan bencana: pengetahuan umum IPS, tidak ada di seed/facts.md", "bantuan bencana: pengetahuan umum IPS"),
    ("Kompas (18-19 Des 2020; Medcom 20 Jan 2023); asean.org", "Kompas (18-19 Des 2020; Medcom 20 Jan 2023); asean.org"),
])
def test_public_source_drops_reviewer_pointers_and_keeps_publications(source: str, shown: str) -> None:
    assert public_source(source) == shown


def test_every_shipped_answer_shows_a_source_without_reviewer_pointers() -> None:
    bank = load_bank(REPO_CONTENT)
    for entry in bank.faq.values():
        shown = public_source(entry.source)
        assert shown, entry.id
        assert not any(word in shown for word in ("facts.md", "seed", "oldid")), (entry.id, shown)
        assert format_answer(entry).endswith(f"<i>Sumber: {escape(shown)}</i>"), entry.id
