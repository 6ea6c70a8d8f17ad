"""The quiz checks warn about questions that give their answer away, and the shipped bank has none."""

from __future__ import annotations

import random

from bot.core.content import ContentBank, FaqEntry, Lexicon, QuizQuestion, Topic, load_bank
from bot.core.lint import conflicts, lint_quiz
from bot.core.quiz import pick_questions, without_giveaways
from bot.settings import REPO_CONTENT

TOPIC = Topic("asean", "ASEAN", "ASEAN", "ASEAN", "Asia Tenggara.")
FAQ = FaqEntry("asean-pengertian", "asean", "Apa itu ASEAN?", ("v",) * 6, (), "<b>ASEAN</b>.", (), "asean.org")
LEVELS = ("mudah", "sedang", "sulit")


def q(id_: str, question: str, options: list[str], answer: int = 0, difficulty: str = "mudah") -> QuizQuestion:
    return QuizQuestion(id_, "asean", "asean-pengertian", question, tuple(options), answer, "Penjelasan.",
                        difficulty, "asean.org")


CAPITALS = [("Filipina", "Manila"), ("Vietnam", "Hanoi"), ("Thailand", "Bangkok"), ("Laos", "Vientiane"),
            ("Kamboja", "Phnom Penh"), ("Myanmar", "Naypyidaw"), ("Malaysia", "Kuala Lumpur"), ("Brunei", "Bandar Seri Begawan"),
            ("Pakistan", "Islamabad"), ("Jepang", "Tokyo"), ("Korea Selatan", "Seoul"), ("India", "New Delhi")]


def filler(n: int) -> list[QuizQuestion]:
    """Harmless, parallel questions on unrelated facts, spread over difficulties and positions."""
    out = []
    for i, (country, capital) in enumerate(CAPITALS[:n]):
        others = [c for _, c in CAPITALS if c != capital][i % 5:i % 5 + 3]
        options = [*others[:i % 4], capital, *others[i % 4:]]
        out.append(q(f"q-filler-{i}", f"Ibu kota {country} adalah …", options, answer=i % 4, difficulty=LEVELS[i % 3]))
    return out


def bank_of(*questions: QuizQuestion) -> ContentBank:
    quiz = {x.id: x for x in questions}
    origin = {f"quiz:{x.id}": "quiz/asean.yaml" for x in questions}
    return ContentBank({"asean": TOPIC}, {FAQ.id: FAQ}, quiz, Lexicon(), origin)


def warned(bank: ContentBank, check: str) -> set[str]:
    return {w.id for w in lint_quiz(bank) if w.field == check}


def test_shipped_bank_has_no_warnings() -> None:
    assert [str(w) for w in lint_quiz(load_bank(REPO_CONTENT))] == []


def test_warnings_name_file_id_and_check() -> None:
    bad = q("q-long", "Tujuan ASEAN adalah …",
            ["mempercepat pertumbuhan ekonomi, kemajuan sosial dan budaya di kawasan", "perang", "monopoli", "isolasi"])
    warning = next(w for w in lint_quiz(bank_of(bad, *filler(9))) if w.field == "key-length")
    assert (warning.file, warning.id) == ("quiz/asean.yaml", "q-long")
    assert str(warning).startswith("quiz/asean.yaml [q-long] key-length:")


def test_key_much_longer_or_shorter_than_every_distractor() -> None:
    long_key = q("q-long", "Tujuan ASEAN adalah …",
                 ["mempercepat pertumbuhan ekonomi, kemajuan sosial dan budaya di kawasan", "perang", "monopoli", "isolasi"])
    short_key = q("q-short", "Cara ASEAN mengambil keputusan adalah …",
                  ["mufakat", "suara terbanyak dalam pemungutan suara", "ditentukan oleh Sekjen ASEAN sendiri",
                   "ditentukan negara anggota yang terbesar"])
    parallel = q("q-fair", "Cara ASEAN mengambil keputusan adalah …",
                 ["musyawarah dan mufakat", "suara terbanyak", "keputusan Sekjen", "negara terbesar"])
    assert warned(bank_of(long_key, short_key, parallel, *filler(9)), "key-length") == {"q-long", "q-short"}


def test_distinctive_word_of_the_key_in_the_stem() -> None:
    giveaway = q("q-padi", "Batang padi yang terikat pada lambang ASEAN melambangkan negara yang …",
                 ["terikat dalam persahabatan", "kaya hasil panen", "kuat militernya", "luas wilayahnya"])
    shared = q("q-fair", "Batang padi pada lambang ASEAN melambangkan negara yang …",
               ["bersatu dalam persahabatan", "kaya hasil panen", "kuat militernya", "luas wilayahnya"])
    assert warned(bank_of(giveaway, shared, *filler(9)), "key-in-stem") == {"q-padi"}


def test_only_the_key_has_a_form_of_its_own() -> None:
    acronym = q("q-acr", "Berikut ini yang termasuk organ utama PBB adalah …",
                ["Dewan Perwalian", "UNESCO", "WHO", "UNICEF"])
    number = q("q-num", "Landasan konstitusional politik luar negeri adalah …",
               ["Pembukaan UUD 1945", "Dasasila Bandung", "Deklarasi Bangkok", "Piagam PBB"])
    fair = q("q-fair", "Landasan konstitusional politik luar negeri adalah …",
             ["Pembukaan UUD 1945", "Dasasila Bandung 1955", "Deklarasi Bangkok 1967", "Piagam PBB 1945"])
    assert warned(bank_of(acronym, number, fair, *filler(9)), "mixed-form") == {"q-acr", "q-num"}


def test_options_after_an_ellipsis_continue_the_sentence() -> None:
    capital = q("q-cap", "AFTA adalah kerja sama ASEAN di bidang …",
                ["Perdagangan bebas", "Pertahanan dan keamanan", "Pendidikan", "Kesehatan"])
    full_stop = q("q-stop", "Kerja sama regional bertujuan …",
                  ["memajukan satu kawasan.", "menguasai kawasan lain.", "menutup perbatasan.", "memecah kawasan."])
    proper_names = q("q-names", "Markas besar PBB terletak di kota …",
                     ["New York", "Washington, D.C.", "London", "Jenewa"])
    # the bank itself writes these words in lower case inside sentences, so a capital is a mistake here
    context = q("q-context", "Ada kerja sama perdagangan, pertahanan, pendidikan dan kesehatan di ASEAN, dan "
                             "juga perdagangan, pertahanan, pendidikan dan kesehatan di PBB. Benar …",
                ["ya", "tidak", "kadang", "entah"])
    bank = bank_of(capital, full_stop, proper_names, context, *filler(9))
    messages = {(w.id, w.message.split(";")[0]) for w in lint_quiz(bank) if w.field == "mixed-form"}
    assert ("q-cap", "options[0] starts with a capital ('Perdagangan')") in messages
    assert ("q-stop", "options[0] ends with a full stop") in messages
    assert not any(id_ == "q-names" for id_, _ in messages)


def test_near_duplicate_questions() -> None:
    first = q("q-a", "KTT ASEAN yang pertama diadakan pada tahun 1976 di kota …", ["Bali", "Bangkok", "Manila", "Hanoi"])
    second = q("q-b", "KTT ASEAN pertama diadakan pada tahun 1976 di kota …", ["Bali", "Jakarta", "Manila", "Yangon"])
    other = q("q-c", "Sekretariat ASEAN berada di kota …", ["Jakarta", "Bali", "Manila", "Hanoi"])
    assert warned(bank_of(first, second, other, *filler(9)), "duplicate") == {"q-b"}


def test_a_stem_naming_another_questions_answer_with_its_clue() -> None:
    who = q("q-who", "Negara yang menjadi anggota ke-11 ASEAN pada 2025 adalah …",
            ["Timor-Leste", "Papua Nugini", "Sri Lanka", "Bangladesh"])
    where = q("q-where", "Timor-Leste diterima sebagai anggota ke-11 ASEAN pada KTT di kota …",
              ["Kuala Lumpur", "Jakarta", "Dili", "Bangkok"])
    unrelated = q("q-other", "Timor-Leste beribu kota di …", ["Dili", "Suai", "Baucau", "Maliana"])
    bank = bank_of(who, where, unrelated, *filler(9))
    assert warned(bank, "gives-away") == {"q-where"}
    clash = conflicts(bank)
    assert clash["q-who"] == {"q-where", "q-other"}  # the builder keeps even a bare mention apart


def test_sessions_never_pair_a_question_with_its_give_away() -> None:
    who = q("q-who", "Negara yang menjadi anggota ke-11 ASEAN pada 2025 adalah …",
            ["Timor-Leste", "Papua Nugini", "Sri Lanka", "Bangladesh"])
    where = q("q-where", "Timor-Leste diterima sebagai anggota ke-11 ASEAN pada KTT di kota …",
              ["Kuala Lumpur", "Jakarta", "Dili", "Bangkok"])
    bank = bank_of(who, where, *filler(4))
    for seed in range(60):
        chosen = {x.id for x in pick_questions(bank, "asean", 6, random.Random(seed))}
        assert not {"q-who", "q-where"} <= chosen
        assert len(chosen) == 5  # one of the pair is left out, everything else is asked


def test_review_list_leaves_out_the_give_away_and_keeps_the_order() -> None:
    who = q("q-who", "Negara yang menjadi anggota ke-11 ASEAN pada 2025 adalah …",
            ["Timor-Leste", "Papua Nugini", "Sri Lanka", "Bangladesh"])
    where = q("q-where", "Timor-Leste diterima sebagai anggota ke-11 ASEAN pada KTT di kota …",
              ["Kuala Lumpur", "Jakarta", "Dili", "Bangkok"])
    bank = bank_of(who, where, *filler(3))
    assert without_giveaways(bank, ["q-filler-2", "q-where", "q-filler-0", "q-who"]) == [
        "q-filler-2", "q-where", "q-filler-0"]


def test_shipped_sessions_never_pair_conflicting_questions() -> None:
    bank = load_bank(REPO_CONTENT)
    clash = conflicts(bank)
    for seed in range(40):
        chosen = [x.id for x in pick_questions(bank, None, 20, random.Random(seed))]
        assert len(chosen) == 20
        assert not any(clash.get(a, set()) & set(chosen) for a in chosen)


def test_topic_coverage_of_difficulties_and_answer_positions() -> None:
    easy_only = [q(f"q-e{i}", f"Soal mudah {i} tentang kota …", ["Jakarta", "Bangkok", "Manila", "Hanoi"], answer=0)
                 for i in range(8)]
    warnings = [w for w in lint_quiz(bank_of(*easy_only)) if w.field == "coverage"]
    assert {w.message for w in warnings} == {
        "no 'sedang' question in this topic", "no 'sulit' question in this topic",
        "8 of 8 correct options are at index 0; spread them"}
    assert not [w for w in lint_quiz(bank_of(*filler(12))) if w.field == "coverage"]
