"""Telling apart options the evidence supports equally: by position, by the term defined, by own clause."""

from bot.core.mc_ties import by_position, named_term, own_clause_decides
from bot.core.pasted import Option, Pasted


def _pasted(stem: str, *options: str) -> Pasted:
    return Pasted(stem, tuple(Option("ABCD"[i], text) for i, text in enumerate(options)))


def test_the_first_step_is_the_one_the_sentence_names_first() -> None:
    sentence = "Tahap lomba berurutan: pendaftaran, undian, lalu pertandingan."
    pasted = _pasted("Tahap pertama lomba adalah ...", "pertandingan", "undian", "rapat", "pendaftaran")
    scores = [(0.8, 0), (0.8, 0), (0.0, -1), (0.8, 0)]
    said_in = {0: sentence, 1: sentence, 3: sentence}
    assert by_position(pasted, [0, 1, 3, 2], scores, said_in) == 3
    last = _pasted("Tahap terakhir lomba adalah ...", *(o.text for o in pasted.options))
    assert by_position(last, [0, 1, 3, 2], scores, said_in) == 0


def test_a_stem_asking_a_name_gets_the_defined_term_not_a_word_of_its_definition() -> None:
    sentence = "Lapangan Utama adalah lapangan selebar 200 meter yang diukur dari pagar lapangan kecil."
    pasted = _pasted("Lapangan selebar 200 meter dari pagar disebut ....", "lapangan kecil", "taman", "Lapangan Utama")
    scores = [(0.78, 0), (0.0, -1), (0.78, 0)]
    said_in = {0: sentence, 2: sentence}
    assert named_term(pasted, [0, 2, 1], scores, said_in) == 2
    asks_other = _pasted("Lapangan selebar 200 meter dari pagar terletak di ....", *(o.text for o in pasted.options))
    assert named_term(asks_other, [0, 2, 1], scores, said_in) is None


def test_an_own_clause_with_more_of_the_stem_decides_in_the_best_options_sentence() -> None:
    sentence = "Anggota: Budi yang dipilih Indonesia; Sinta yang dipilih Belanda; dan Rina sebagai pihak netral."
    scores = [(0.56, 0), (0.56, 0), (0.61, 1)]
    said_in = {0: sentence, 1: sentence, 2: sentence}
    clause_words = {sentence: {0: frozenset({"pilih", "indonesia"}), 1: frozenset({"pihak"}),
                               2: frozenset({"pilih", "belanda"})}}
    stem = {"pilih": 1.0, "belanda": 4.0, "indonesia": 1.0, "pihak": 1.0}
    assert own_clause_decides([2, 0, 1], scores, said_in, clause_words, stem) == 2
    even = {"pilih": 1.0, "belanda": 1.0, "indonesia": 1.0, "pihak": 1.0}
    assert own_clause_decides([2, 0, 1], scores, said_in, clause_words, even) is None
