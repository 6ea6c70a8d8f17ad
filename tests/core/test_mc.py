"""Pasted multiple-choice questions: choosing from evidence, and honesty."""

import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from bot.core.content import load_bank
from bot.core.conversation import Tutor
from bot.core.markup import html_problem
from bot.core.mc import best_sentence, choose, evidence, on_other_side, option_with_count, shared_lead, states
from bot.core.normalize import Normalizer
from bot.core.pasted import Option, Pasted
from bot.settings import REPO_CONTENT

CARDS = Path(__file__).parent / "cardbank"


@pytest.fixture(scope="module")
def tutor() -> Tutor:
    return Tutor.from_dir(REPO_CONTENT)


def test_pasted_question_gets_the_option(tutor: Tutor) -> None:
    reply = tutor.reply("Kapan ASEAN didirikan?\nA. 17 Agustus 1945\nB. 8 Agustus 1967\nC. 24 Oktober 1945\nD. 1 Mei 1970")
    assert reply.kind == "answer" and reply.choice == "B" and reply.pasted
    assert reply.text.startswith("Jawabannya <b>B. 8 Agustus 1967</b>") and "Sumber:" in reply.text
    assert reply.as_json()["choice"] == "B" and html_problem(reply.text) is None


def test_numbered_options_are_answered_with_the_students_own_number(tutor: Tutor) -> None:
    reply = tutor.reply("Kapan ASEAN didirikan?\n1. 17 Agustus 1945\n2. 8 Agustus 1967\n3. 24 Oktober 1945\n4. 1 Mei 1970")
    assert reply.text.startswith("Jawabannya <b>2. 8 Agustus 1967</b>")
    assert reply.as_json()["choice"] == "B"  # `choice` is the option's letter by position, whatever the worksheet's marks


@pytest.mark.parametrize(("question", "letter"), [
    ("Jumlah anggota tetap DK PBB ada ... A. 15 B. 10 C. 5 D. 193", "C"),
    ("Jumlah anggota tidak tetap DK PBB ada ... A. 15 B. 10 C. 5 D. 193", "B"),
    ("Jumlah seluruh anggota DK PBB ada ... A. 15 B. 10 C. 5 D. 193", "A"),
    ("Jumlah negara peserta KAA tahun 1955 adalah ... A. 30 B. 29 C. 25 D. 5", "B"),  # the year is the card's own
])
def test_a_count_of_part_of_a_body_is_that_parts_count(tutor: Tutor, question: str, letter: str) -> None:
    assert tutor.reply(question).choice == letter


def test_negated_stem_picks_the_option_the_list_leaves_out(tutor: Tutor) -> None:
    reply = tutor.reply("Negara berikut yang bukan pendiri ASEAN adalah ... A. Filipina B. Singapura C. Vietnam D. Thailand")
    assert reply.choice == "C"


@pytest.mark.parametrize("question, letter", [
    pytest.param("Anggota DK PBB berikut yang tidak memiliki hak veto adalah ... "
                 "A. Inggris B. India C. Tiongkok D. Prancis", "B", id="which-does-not-have-is-negated"),
    pytest.param("Siapa tokoh yang pidatonya menjadi dasar politik luar negeri bebas aktif?\n"
                 "A. Ir. Soekarno\nB. Drs. Mohammad Hatta\nC. Ali Alatas\nD. Adam Malik", "B",
                 id="academic-title-is-not-part-of-the-name"),
    # the bank writes "Sutan Sjahrir"; worksheets often use the new spelling
    pytest.param("Ketua delegasi Indonesia pada Perundingan Linggarjati adalah ....\n"
                 "A. Amir Syarifudin\nB. Sutan Syahrir\nC. Mohammad Roem\nD. Ali Sastroamidjojo", "B",
                 id="name-in-another-spelling"),
    # the bank also says U Thant was the first *from Asia*; the card's first Secretary-General is Trygve Lie
    pytest.param("Sekjen PBB pertama adalah ... A. U Thant B. Kurt Waldheim C. Trygve Lie D. Kofi Annan", "C",
                 id="card-fact-asked-for-names-one-option"),
    pytest.param("Anggota PBB saat ini berjumlah ... negara. A. 51 B. 60 C. 193 D. 200", "C",
                 id="saat-ini-asks-the-count-now"),
    # "ASEAN adalah contoh kerja sama regional" is about another kind than the bilateral one asked for
    pytest.param("Di bawah ini yang merupakan contoh kerja sama bilateral adalah ....\na. ASEAN\nb. IJEPA\nc. APEC\nd. OKI", "B",
                 id="another-kind-of-cooperation"),
    pytest.param("On what date is UN Day held every year?\na) 1st Oct\nb) 24th Oct\nc) 10th Dec\nd) 26th June", "B",
                 id="english-ordinal-dates"),
    # "Duta" is stated only as the start of "Duta Besar Luar Biasa dan Berkuasa Penuh"
    pytest.param("Perwakilan diplomatik yang tingkatannya tertinggi ialah ...\nA. Kuasa usaha\nB. Duta\n"
                 "C. Menteri residen\nD. Duta Besar Luar Biasa dan Berkuasa Penuh", "D", id="option-inside-a-longer-option"),
])
def test_pasted_question_gets_the_option_the_bank_states(tutor: Tutor, question: str, letter: str) -> None:
    assert tutor.reply(question).choice == letter


def test_unknown_subject_is_not_guessed(tutor: Tutor) -> None:
    reply = tutor.reply("Rumus luas lingkaran adalah ... A. p x l B. pi x r x r C. s x s D. a x t / 2")
    assert reply.choice is None and reply.kind != "answer" and reply.as_json()["choice"] is None
    assert "tidak mau menebak" in reply.text


def test_card_decides_an_option_from_the_fixture_bank() -> None:
    tutor = Tutor.from_dir(CARDS)
    reply = tutor.reply("Markas ORKA terletak di ...\na. Kota Rekaan\nb. Kota Markas\nc. Kota Contoh\nd. Kota Uji")
    assert reply.choice == "B" and reply.card_id == "orka"


@pytest.fixture(scope="module")
def norm() -> Normalizer:
    return Normalizer(load_bank(REPO_CONTENT).lexicon)


def _choose(norm: Normalizer, stem: str, options: list[str], *texts: str) -> str | None:
    return _choose_weighted(norm, stem, options, dict.fromkeys(texts, 1.0))


def _choose_weighted(norm: Normalizer, stem: str, options: list[str], texts: dict[str, float],
                     stem_weights: dict[str, float] | None = None) -> str | None:
    """The letter chosen from texts weighed as the tutor weighs its evidence (every stem word 1.0 unless given)."""
    pasted = Pasted(stem, tuple(Option("ABCDE"[i], text) for i, text in enumerate(options)))
    if stem_weights is None:
        stem_weights = {tok: 1.0 for tok in norm.tokens(stem) if tok not in norm.filler}
    choice = choose(pasted, [evidence(text, weight, norm) for text, weight in texts.items()], norm, stem_weights)
    return choice.option.letter if choice.option else None


def test_an_option_the_evidence_names_only_to_deny_it_is_not_stated(norm: Normalizer) -> None:
    text = "Organ itu satu-satunya yang tidak berkantor di New York. Markasnya di Den Haag."
    assert _choose(norm, "Markas organ itu ada di kota ...", ["New York", "Jenewa", "Den Haag", "Wina"], text) == "C"


def test_a_number_option_needs_its_number_beside_its_word(norm: Normalizer) -> None:
    options = ["6 years", "9 years", "12 years", "15 years"]
    # not D: "15" counts judges, not years
    assert _choose(norm, "For how many years are the judges elected?", options, "15 hakim, dipilih untuk 9 tahun") == "B"


def test_options_named_in_one_sentence_are_told_apart_by_their_own_clause(norm: Normalizer) -> None:
    text = ("Panitia lomba beranggotakan tiga sekolah: SMP Melati yang ditunjuk kecamatan; SMP Mawar yang ditunjuk "
            "kabupaten; dan SMP Kenanga sebagai tuan rumah.")
    options = ["SMP Melati", "SMP Mawar", "SMP Kenanga", "SMP Anggrek"]
    assert _choose(norm, "Sekolah panitia lomba yang ditunjuk kabupaten adalah ...", options, text) == "B"
    assert _choose(norm, "Sekolah panitia lomba yang ditunjuk kecamatan adalah ...", options, text) == "A"


def test_an_honorific_in_the_option_does_not_hide_the_name(norm: Normalizer) -> None:
    text = "Mohammad Hatta dijuluki Bapak Koperasi."
    options = ["Ir. Soekarno", "Sutan Sjahrir", "Haji Mohammad Hatta", "Ki Hajar Dewantara"]
    assert _choose(norm, "Menteri yang dikenal sebagai Bapak Koperasi Indonesia adalah ...", options, text) == "C"


def test_a_long_option_restated_with_one_word_changed_is_stated_but_not_its_negation(norm: Normalizer) -> None:
    text = "Rapat kelas dibatalkan karena ruang aula sedang dipakai untuk ujian nasional kelas sembilan."
    options = ["ruang aula sedang digunakan untuk ujian nasional kelas sembilan", "guru sedang sakit",
               "hujan turun sangat deras", "listrik sekolah padam"]
    assert _choose(norm, "Rapat kelas dibatalkan karena ...", options, text) == "A"
    negated = ["ruang aula tidak dipakai untuk ujian nasional kelas sembilan", "guru sedang sakit",
               "hujan turun sangat deras", "listrik sekolah padam"]
    assert _choose(norm, "Rapat kelas dibatalkan karena ...", negated, text) is None


def test_negated_stem_counts_a_name_spelt_differently_as_listed(norm: Normalizer) -> None:
    text = "Pendiri klub catur ada empat: Budi Santoso, Gamal Abdel Rahman, Siti Aminah dan Joko Susilo."
    options = ["Budi Santoso", "Gamal Abdul Rahman", "Siti Aminah", "Rudi Hartono", "Joko Susilo"]
    assert _choose(norm, "Berikut yang bukan pendiri klub catur adalah ...", options, text) == "D"


def test_a_rare_stem_word_decides_between_options_of_one_sentence_even_when_common(norm: Normalizer) -> None:
    """"Dipilih Indonesia": "Indonesia" is everywhere in the bank (low weight), yet only Australia's clause
    has it; the other clauses say who else chose them."""
    text = ("Anggota panitia lomba: SMP Melati yang ditunjuk kecamatan, diwakili Pak Budi; SMP Mawar yang ditunjuk "
            "kabupaten, diwakili Bu Sri; SMP Kenanga yang ditunjuk kedua sekolah itu.")
    stem = "Anggota panitia lomba yang ditunjuk oleh kecamatan adalah ..."
    pasted = Pasted(stem, tuple(Option(letter, text) for letter, text in zip(
        "ABCD", ["SMP Mawar", "SMP Melati", "SMP Kenanga", "SMP Anggrek"], strict=True)))
    weights = {tok: 2.0 for tok in norm.tokens(stem) if tok not in norm.filler}
    weights.update({tok: 0.5 for tok in norm.tokens("kecamatan")})  # common in the bank: little weight
    choice = choose(pasted, [evidence(text, 1.0, norm)], norm, weights)
    assert choice.option is not None and choice.option.letter == "B"


def test_stem_words_no_evidence_uses_do_not_drown_the_subject(norm: Normalizer) -> None:
    """"mulai … pada akhir tahun": rare words the bank never says cannot tell the options apart, so they must
    not weigh the subject's own words down below what a choice needs."""
    text = ("Klub catur sekolah resmi berdiri pada 12 Desember 2015. Idenya dibahas para guru tahun 2003, "
            "lalu diumumkan di aula.")
    stem = "Klub catur sekolah mulai dibuka pada akhir tahun ..."
    pasted = Pasted(stem, tuple(Option(letter, text) for letter, text in zip(
        "ABCD", ["2003", "2010", "2015", "2020"], strict=True)))
    weights = {tok: 1.0 for tok in norm.tokens(stem) if tok not in norm.filler}
    weights.update({tok: 4.0 for tok in norm.tokens("mulai dibuka akhir")})  # rare in the bank: heavy
    listing = "Panitia lomba untuk Indonesia dan Belanda beranggotakan Budi, Sinta, dan Rina."
    choice = choose(pasted, [evidence(listing, 0.85, norm), evidence(text, 0.9, norm)], norm, weights)
    assert choice.option is not None and choice.option.letter == "C"


def test_the_explanation_is_a_whole_statement_not_a_lead_in_to_a_list(norm: Normalizer) -> None:
    text = ("Sebelum ASEAN, sudah ada dua percobaan kerja sama di Asia Tenggara:\n"
            "• ASA (1961)\n• Maphilindo (1963)\nAkhirnya lima negara mendirikan ASEAN pada 8 Agustus 1967.")
    why = best_sentence(evidence(text, 1.0, norm), Option("B", "ASEAN"), norm)
    assert why == "Akhirnya lima negara mendirikan ASEAN pada 8 Agustus 1967."
    lead_in_only = "Negara pendiri ASEAN ada lima:\n• Indonesia\n• Malaysia"
    assert best_sentence(evidence(lead_in_only, 1.0, norm), Option("A", "ASEAN"), norm).endswith("lima:")


def test_an_undecided_choice_accounts_for_every_option(norm: Normalizer) -> None:
    stem = "Ketua delegasi Kerajaan Rekaan dalam perundingan Kota Contoh adalah"
    options = ["Budi Santosa", "Adi Wirawan", "Citra Lestari", "Dewi Anggraini"]
    pasted = Pasted(stem, tuple(Option("ABCD"[i], text) for i, text in enumerate(options)))
    weights = {tok: 1.0 for tok in norm.tokens(stem) if tok not in norm.filler}
    texts = ["Budi Santosa memimpin perundingan.", "Adi Wirawan hadir dalam perundingan."]  # A weakly, B nearly as well
    choice = choose(pasted, [evidence(text, 0.5, norm) for text in texts], norm, weights)
    assert choice.option is None
    assert [o.letter for o in choice.remaining] == ["A", "B"]  # B is not ruled out, so it is still possible
    assert [o.letter for o in choice.ruled_out] == ["C", "D"]


def test_a_list_item_is_about_the_words_of_its_lead_in(norm: Normalizer) -> None:
    """"• Perbedaan iklim" under "Faktor penghambat perdagangan …:" answers a stem about those factors,
    though the item itself repeats none of the stem's words."""
    text = ("Faktor penghambat perdagangan antarnegara antara lain:\n• Perbedaan mata uang\n• Kebijakan proteksi\n"
            "Selain barang, kerja sama juga berupa pertukaran pelajar.")
    stem = "Salah satu faktor penghambat perdagangan antarnegara adalah ...."
    pasted = Pasted(stem, (Option("A", "pertukaran pelajar"), Option("B", "perbedaan mata uang"),
                           Option("C", "persamaan bahasa"), Option("D", "pemilihan umum")))
    weights = {tok: 1.0 for tok in norm.tokens(stem) if tok not in norm.filler}
    choice = choose(pasted, [evidence(text, 1.0, norm)], norm, weights)
    assert choice.option is not None and choice.option.letter == "B"


def test_a_paraphrased_option_wins_by_a_wide_margin(norm: Normalizer) -> None:
    """No option is stated word for word, but one shares far more with the evidence than the rest."""
    text = "Kejujuran: kesepakatan didasari iktikad baik. Para pihak punya kedudukan yang sama."
    options = ["kedudukan para pihak sederajat", "perjanjian harus didasari iktikad yang baik",
               "para pihak saling menghormati", "perjanjian mengikat seperti undang-undang"]
    assert _choose(norm, "Asas kejujuran dalam perjanjian mengandung arti bahwa ...", options, text) == "B"


def test_a_sentence_about_another_year_or_ordinal_is_about_another_occasion(norm: Normalizer) -> None:
    """The weightier text is about the tenth contest (1992); the stem asks about the first (1961)."""
    texts = {"Lomba cerdas cermat pertama diadakan di Kota Rekaan pada 1961.": 0.6,
             "Kota Contoh menjadi tuan rumah lomba cerdas cermat ke-10 pada 1992, dan memimpinnya sampai 1995.": 0.9}
    options = ["Kota Uji", "Kota Rekaan", "Kota Contoh", "Kota Coba"]
    for stem in ("Lomba cerdas cermat I tahun 1961 diadakan di ....", "Lomba cerdas cermat yang pertama diadakan di kota ...."):
        assert _choose_weighted(norm, stem, options, texts) == "B", stem


def test_an_option_translated_word_for_word_is_stated(norm: Normalizer) -> None:
    """"Security Council" is the evidence's "Dewan Keamanan"; a share of words alone would lose to an
    option the evidence names in its own language."""
    texts = ["Dewan Keamanan bertanggung jawab menjaga perdamaian dan keamanan internasional.",
             "Majelis Umum (General Assembly) adalah organ tempat semua negara anggota bersidang."]
    options = ["General Assembly", "Security Council", "Secretariat", "Trusteeship Council"]
    assert _choose(norm, "Which organ is responsible for maintaining peace and security?", options, *texts) == "B"


def test_non_blok_is_not_a_negation(norm: Normalizer) -> None:
    text = "Gerakan Non-Blok dipelopori tiga tokoh: Budi Santoso, Gamal Abdel Rahman dan Siti Aminah."
    options = ["Budi Santoso", "Gamal Abdul Rahman", "Siti Aminah", "Rudi Hartono"]
    assert _choose(norm, "Berikut yang bukan tokoh pendiri Gerakan Non-Blok adalah ...", options, text) == "D"


def test_a_list_states_options_it_names_in_translation(norm: Normalizer) -> None:
    """"English" is the list's "bahasa Inggris": the option the list leaves out is the answer, though
    another sentence names it."""
    texts = ["Bahasa resmi klub catur ada tiga: bahasa Inggris, bahasa Prancis dan bahasa Arab.",
             "Hindi bukan bahasa resmi, tetapi banyak dipakai anggota klub catur."]
    options = ["English", "French", "Arabic", "Hindi"]
    assert _choose(norm, "Which of the following is not an official language of the chess club?", options, *texts) == "D"


def test_a_card_count_of_other_things_is_not_an_option_counting_years(norm: Normalizer) -> None:
    """The card counts 15 judges; "15 years" counts something else, "15 hakim" would be the count."""
    years = Pasted("For how many years are the judges elected?",
                   tuple(Option("ABCD"[i], text) for i, text in enumerate(["6 years", "9 years", "12 years", "15 years"])))
    assert option_with_count(years, 15, norm, "Mahkamah terdiri atas 15 hakim, dipilih untuk 9 tahun.") is None
    judges = Pasted("Berapa jumlah hakim mahkamah itu?",
                    tuple(Option("ABCD"[i], text) for i, text in enumerate(["9 hakim", "12 hakim", "15 hakim", "21 hakim"])))
    found = option_with_count(judges, 15, norm, "Mahkamah terdiri atas 15 hakim, dipilih untuk 9 tahun.")
    assert found is not None and found.letter == "C"


def test_a_negated_clause_does_not_hide_what_the_rest_of_the_sentence_states(norm: Normalizer) -> None:
    text = "Markasnya di Den Haag, Belanda, bukan di New York."
    options = ["Paris, France", "Geneva (Switzerland)", "Hague (Netherland)", "New York (USA)"]
    assert _choose(norm, "Markas klub catur terletak di ....", options, text) == "C"


def test_a_one_word_option_in_translation_is_stated(norm: Normalizer) -> None:
    """"Rome" is the evidence's "Roma" (the lexicon translates it); nearly as good as word for word."""
    text = "Markas klub catur ada di Roma. Klub catur itu pernah bertanding di Paris."
    assert _choose(norm, "Markas klub catur itu ada di kota ....", ["Paris", "Rome", "Washington", "Madrid"], text) == "B"


def test_options_spelt_with_spaced_dots_are_acronyms(norm: Normalizer) -> None:
    options = ["U. N. E. S. C. O.", "U. N. I. C. E. F.", "W. H. O.", "F. A. O."]
    assert _choose(norm, "Klub catur bekerja sama erat dengan ....", options,
                   "Klub catur bekerja sama erat dengan UNESCO.") == "A"


def test_a_list_items_number_is_not_a_number_the_item_states(norm: Normalizer) -> None:
    text = "Klub catur punya 6 bagian:\n" + "\n".join(
        f"{i}. bagian {name} klub catur" for i, name in enumerate(["ketua", "sekretaris", "bendahara", "pelatih",
                                                                   "wasit", "humas"], 1))
    assert _choose(norm, "Berapa bagian yang dimiliki klub catur?", ["lima", "enam", "tujuh", "empat"], text) == "B"


def test_the_first_or_last_step_is_the_one_a_sentence_in_order_names_first_or_last(norm: Normalizer) -> None:
    text = "Tahap lomba catur berurutan: pendaftaran, undian, pertandingan, lalu penyerahan hadiah."
    options = ["penyerahan hadiah", "pertandingan", "undian", "rapat panitia"]
    assert _choose(norm, "Tahap pertama lomba catur adalah ...", options, text) == "C"
    assert _choose(norm, "Tahap terakhir lomba catur adalah ...", options, text) == "A"


def test_an_options_own_clause_keeps_its_parenthesis(norm: Normalizer) -> None:
    """"2010 (kelas besar) dan 2020 (kelas kecil)": what the parenthesis says belongs to the number before it."""
    text = "Lomba diadakan di Aula: tahun 2010 (kelas besar) dan 2020 (kelas kecil)."
    options = ["2000", "2010", "2015", "2020"]
    assert _choose(norm, "Lomba untuk kelas kecil diadakan di Aula tahun ...", options, text) == "D"
    assert _choose(norm, "Lomba untuk kelas besar diadakan di Aula tahun ...", options, text) == "B"


def test_a_year_mentioned_in_passing_does_not_share_the_main_clause(norm: Normalizer) -> None:
    text = "Perpustakaan dibuka kembali pada 2021, tepat setahun setelah pertama kali ditutup (2020)."
    options = ["2019", "2020", "2021", "2022"]
    assert _choose(norm, "Perpustakaan dibuka kembali pada tahun ...", options, text) == "C"


def test_a_stem_asking_a_name_gets_the_term_the_sentence_defines(norm: Normalizer) -> None:
    """Both options are in the defining sentence; the term is the one before "adalah" (or after "disebut")."""
    options = ["lapangan kecil", "lapangan tambahan", "Lapangan Utama", "taman kota"]
    text = "Lapangan Utama adalah lapangan selebar 200 meter yang diukur dari pagar lapangan kecil."
    assert _choose(norm, "Lapangan selebar 200 meter dari pagar disebut ...", options, text) == "C"
    text = "Lapangan selebar 200 meter yang diukur dari pagar lapangan kecil disebut Lapangan Utama."
    assert _choose(norm, "Lapangan selebar 200 meter dari pagar dinamakan ....", options, text) == "C"


def test_a_semicolon_part_is_judged_by_its_own_words(norm: Normalizer) -> None:
    """The year 1961 belongs to the founder's part, not to the part that names the 1992 host."""
    texts = {"Lomba cerdas cermat diadakan pertama kali di Kota Rekaan pada 1961.": 0.6,
             "Pendiri lomba cerdas cermat (Budi, 1961); tuan rumah lomba cerdas cermat Kota Contoh 1992.": 0.9}
    options = ["Kota Uji", "Kota Rekaan", "Kota Contoh", "Kota Coba"]
    assert _choose_weighted(norm, "Lomba cerdas cermat tahun 1961 diadakan di ....", options, texts) == "B"


def test_own_clauses_decide_in_the_best_options_sentence(norm: Normalizer) -> None:
    """Another sentence names both years without saying which is whose; the sentence that does decides."""
    texts = ["Isi janji klub: perlengkapan baru untuk anggota paling lambat 2010 dan 2020.",
             "Janji klub: perlengkapan baru paling lambat 2010 (anggota senior) dan 2020 (anggota junior)."]
    options = ["2000", "2010", "2015", "2020"]
    assert _choose(norm, "Janji klub adalah perlengkapan baru bagi anggota junior paling lambat tahun ....", options,
                   *texts) == "D"


def test_an_own_clause_with_more_of_the_stems_weight_decides(norm: Normalizer) -> None:
    """Each clause shares a stem word with another ("dipilih", "pihak"); only one holds "Belanda" as well."""
    text = ("Anggota panitia lomba: Budi yang dipilih Indonesia, diwakili Andi; Sinta yang dipilih Belanda, "
            "diwakili Wim; dan Rina sebagai pihak netral, diwakili Tono.")
    options = ["Budi", "Rina", "Sinta", "Dewi"]
    stem = ("Panitia lomba dibentuk untuk membantu Indonesia dan Belanda. Anggota yang dipilih oleh pihak "
            "Belanda adalah ...")
    weights: dict[str, float] = {}
    for tok in norm.tokens(stem):  # a word the stem repeats weighs more, as in the matcher's query
        if tok not in norm.filler:
            weights[tok] = weights.get(tok, 0.0) + 1.0
    listing = "Panitia lomba untuk Indonesia dan Belanda beranggotakan Budi, Sinta, dan Rina."
    assert _choose_weighted(norm, stem, options, {listing: 0.85, text: 0.9}, weights) == "C"


def test_for_a_negated_stem_list_items_are_what_their_lead_in_names(norm: Normalizer) -> None:
    """"Proteksi" is one of the duties the list's lead-in names, though only the lead-in says "tugas panitia"."""
    texts = {"Tugas representasi adalah tugas panitia lomba untuk mewakili sekolah di acara kota.": 1.0,
             "Tugas panitia lomba adalah:\n1. Representasi: mewakili sekolah.\n2. Proteksi: melindungi peserta.\n"
             "3. Negosiasi: berunding dengan sekolah lain.": 0.8,
             "Tugas negosiasi adalah tugas panitia lomba untuk berunding dengan sekolah lain.": 0.6}
    options = ["representasi", "negosiasi", "proteksi", "menghukum peserta sekolah lain"]
    assert _choose_weighted(norm, "Berikut ini yang BUKAN tugas panitia lomba adalah ....", options, texts) == "D"


def test_an_option_in_the_banks_language_must_keep_its_word_order(norm: Normalizer) -> None:
    """"aktif … politik" side by side does not state "politik aktif"; only "bebas aktif" is stated."""
    text = "Kata aktif dalam politik luar negeri bebas aktif berarti Indonesia ikut aktif menjaga perdamaian."
    options = ["bebas bertanggung jawab", "bebas aktif", "politik pasif", "politik aktif"]
    assert _choose(norm, "Indonesia menganut politik luar negeri ....", options, text) == "B"


def test_a_sentence_opening_with_a_pronoun_speaks_of_the_texts_subject(norm: Normalizer) -> None:
    """"Ia jatuh dari sepeda" is about Budi, whom the first sentence names."""
    texts = ["Budi Santoso dari Bandung adalah ketua klub catur kedua. Di masanya klub pindah gedung. "
             "Ia jatuh dari sepeda saat berangkat ke turnamen.",
             "Ketua klub catur pertama adalah Rudi Hartono dari Bogor."]
    options = ["Budi Santoso", "Rudi Hartono", "Siti Aminah", "Andi Wijaya"]
    assert _choose(norm, "Siapa yang jatuh dari sepeda saat berangkat ke turnamen catur?", options, *texts) == "A"


def test_numbers_are_compared_as_read_in_words_and_roman_numerals(norm: Normalizer) -> None:
    """"dalam waktu satu tahun" states "1 tahun"; "Lomba II" does not state "Lomba I"."""
    text = "Menurut hasil rapat, urusan kantin akan diselesaikan dalam waktu satu tahun."
    assert _choose(norm, "Urusan kantin akan diselesaikan dalam waktu ....", ["6 bulan", "1 tahun", "2 tahun", "5 tahun"],
                   text) == "B"
    text = "Klub catur dibentuk sesudah Lomba Dunia II."
    assert _choose(norm, "Klub catur dibentuk sesudah ....", ["Lomba Dunia I", "Lomba Dunia II", "Lomba Kota", "Lomba Desa"],
                   text) == "B"


def test_a_sentence_naming_no_option_speaks_of_the_texts_subject(norm: Normalizer) -> None:
    """"Jasanya yang terbesar: …" names no one; it is Budi's, whom the text names first."""
    texts = ["Budi Santoso (1929–2021) adalah pelatih catur dari Bandung. "
             "Jasanya yang terbesar: menyusun aturan catur cepat sekolah, lalu memperjuangkannya sampai diakui nasional.",
             "Rudi Hartono adalah pelatih catur yang menjadi ketua klub."]
    options = ["Budi Santoso", "Rudi Hartono", "Siti Aminah", "Andi Wijaya"]
    assert _choose(norm, "Pelatih yang memperjuangkan aturan catur cepat sampai diakui nasional adalah ....", options,
                   *texts) == "A"


def test_how_an_event_began_is_not_how_it_ended(norm: Normalizer) -> None:
    """Both sentences name the quarrel and a period; only one says when it began."""
    texts = ["Perselisihan dengan klub tetangga terjadi pada masa pengurus lama.",
             "Perselisihan berakhir pada masa pengurus baru: setelah rapat di aula, klub tetangga berdamai."]
    options = ["pengurus lama", "pengurus baru", "pengurus sementara", "pengurus pertama"]
    assert _choose(norm, "Perselisihan dengan klub tetangga terjadi pada masa ....", options, *texts) == "A"
    assert _choose(norm, "Perselisihan dengan klub tetangga berakhir pada masa ....", options, *texts) == "B"


@pytest.mark.parametrize(("question", "letter"), [
    pytest.param("What is the main aim of the UN?\nA) to build a world army\nB) to keep international peace and security\n"
                 "C) to set oil prices\nD) to run world trade", "B", id="english-paraphrase"),
    pytest.param("Dalam menjalankan politik luar negeri bebas aktif, Indonesia selalu ...\n"
                 "A. memperhatikan kepentingan global\nB. memperhatikan kepentingan regional\n"
                 "C. memperhatikan kepentingan internasional\nD. mempertimbangkan kepentingan nasional", "D",
                 id="options-alike-but-one"),
    # the entry states "pertukaran pelajar" in one sentence and "beasiswa" in the next
    pytest.param("Salah satu manfaat kerja sama di bidang pendidikan antara negara adalah ....\nA. naiknya nilai ekspor\n"
                 "B. adanya pertukaran pelajar dan beasiswa\nC. bertambahnya devisa\nD. turunnya harga minyak", "B",
                 id="long-option-stated-across-sentences"),
])
def test_undecided_options_are_asked_one_by_one(tutor: Tutor, question: str, letter: str,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """The sentence-level reading leaves these open; asked with each option filled in, one option
    finds an entry that states it far better than the others."""
    reply = tutor.reply(question)
    assert reply.choice == letter and reply.kind == "answer" and "Sumber:" in reply.text
    monkeypatch.setattr("bot.core.pasted_reply.HYPOTHESIS_MIN", 99.0)  # the option-by-option reading off
    assert tutor.reply(question).choice is None


def test_blanks_to_fill_in_are_not_options(tutor: Tutor) -> None:
    """A worksheet gives two items and a blank "3. ..." for the student: nothing to choose from."""
    reply = tutor.reply("Tujuan ASEAN menurut Deklarasi Bangkok ada tujuh. Lengkapi:\n"
                        "1. Mempercepat pertumbuhan ekonomi di Asia Tenggara.\n"
                        "2. Memelihara perdamaian dan stabilitas kawasan.\n3. ...")
    assert reply.choice is None


def test_an_option_named_with_a_word_left_out_is_judged_by_its_own_clause(norm: Normalizer) -> None:
    # "ZEE sampai 200 mil" names "200 mil laut" without "laut": the stem's ZEE words are in that clause,
    # not in the clause of "12 mil laut", which must not take them
    text = ("Isi penting konvensi itu: laut teritorial paling lebar 12 mil laut dari garis pangkal (Pasal 3), "
            "dan zona ekonomi eksklusif (ZEE) sampai 200 mil.")
    stem = "Lebar zona ekonomi eksklusif (ZEE) adalah … diukur dari garis pangkal."
    assert _choose(norm, stem, ["3 mil laut", "12 mil laut", "24 mil laut", "200 mil laut"], text) in (None, "D")


def test_a_stem_asking_the_good_side_is_not_answered_from_the_bad_side(norm: Normalizer) -> None:
    text = ("Dampak positif kerja sama di bidang ekonomi: pasar ekspor makin luas sehingga devisa bertambah.\n"
            "Dampak negatif kerja sama di bidang ekonomi: ketergantungan pada barang impor meningkat.")
    options = ["bertambahnya pasukan militer", "terbukanya pasar ekspor bagi produk dalam negeri",
               "hilangnya budaya daerah", "meningkatnya ketergantungan pada barang impor"]
    assert _choose(norm, "Manfaat kerja sama di bidang ekonomi adalah …", options, text) != "D"
    assert _choose(norm, "Dampak negatif kerja sama di bidang ekonomi adalah …", options, text) == "D"


def test_sides_are_read_from_the_stem_words() -> None:
    assert on_other_side(frozenset({"manfaat", "ekonomi"}), frozenset({"dampak", "negatif"}))
    assert not on_other_side(frozenset({"manfaat", "ekonomi"}), frozenset({"dampak", "positif", "negatif"}))
    assert not on_other_side(frozenset({"manfaat", "rugi"}), frozenset({"negatif"}))  # the stem asks both
    assert on_other_side(frozenset({"rugi"}), frozenset({"manfaat"}))


_BAD_SIDE_ENTRY = """
  - id: orka-rugi
    topic: orga
    asks: [impact, why]
    question: Mengapa ikut ORKA bisa merugikan petani kecil?
    variants:
      - kenapa orka bikin petani kecil rugi
      - dampak negatif orka bagi petani
      - Jelaskan kerugian petani kecil karena ORKA!
      - petani kecil kalah karena orka kenapa
      - why does orka hurt small farmers
      - orka merugikan petani sebab
    answer: |
      Karena ORKA menghapus bea masuk, <b>beras impor yang murah membanjiri pasar</b> sehingga petani kecil sulit bersaing.
    related: [orka-pengertian]
    source: "Buku Rekaan, hlm. 4"
"""


@pytest.mark.parametrize(("stem", "letter"), [
    ("Keuntungan bergabung dengan ORKA bagi petani adalah ....", None),
    ("Kerugian ORKA bagi petani kecil adalah ....", "B"),
])
def test_an_answer_about_the_bad_side_does_not_choose_for_a_stem_asking_the_good_side(
        tmp_path: Path, stem: str, letter: str | None) -> None:
    # the entry's sentence names no side; its question ("Mengapa ikut ORKA bisa merugikan …") does
    bank = tmp_path / "bank"
    shutil.copytree(CARDS, bank)
    with (bank / "faq" / "orga.yaml").open("a", encoding="utf-8") as faq:
        faq.write(_BAD_SIDE_ENTRY)
    tutor = Tutor.from_dir(bank)
    options = "\nA. petani dapat pupuk gratis\nB. beras impor yang murah membanjiri pasar\nC. petani menjadi tentara"
    assert tutor.reply(stem + options + "\nD. sawah makin luas").choice == letter


def test_a_count_stem_takes_the_number_that_counts_its_noun(norm: Normalizer) -> None:
    # the "7" of "Pasal 7" is in the sentence too, but only "enam" counts the organs
    text = "Piagam itu (Pasal 7) menetapkan enam organ utama: Majelis Umum, Dewan Keamanan dan lainnya."
    assert _choose(norm, "Jumlah organ utama menurut Piagam adalah ...", ["4", "5", "6", "7"], text) == "C"


def test_a_list_naming_every_option_but_one_answers_a_negated_stem_in_other_words(norm: Normalizer) -> None:
    # "dipelopori" is not "pendiri": the list is only partly about the stem's words, yet it names four of five
    text = "Gerakan itu dipelopori lima tokoh: Soekarno (Indonesia), Josip Broz Tito (Yugoslavia), " \
           "Gamal Abdel Nasser (Mesir), Jawaharlal Nehru (India) dan Kwame Nkrumah (Ghana)."
    options = ["Josip Broz Tito", "Gamal Abdel Nasser", "Soekarno", "John F. Kennedy", "Jawaharlal Nehru"]
    stem = "Tokoh pendiri Gerakan Non-Blok antara lain berikut ini, kecuali …"
    weights = {tok: 4.0 if tok == "pendiri" else 1.0 for tok in norm.tokens(stem) if tok not in norm.filler}
    assert _choose_weighted(norm, stem, options, {text: 0.6}, weights) == "D"


def test_steps_in_different_orders_are_told_apart_by_the_order_the_text_names_them(norm: Normalizer) -> None:
    text = "Pembuatannya melalui 3 tahap:\n1. Perundingan.\n2. Penandatanganan.\n3. Pengesahan (ratification)."
    options = ["ratifikasi – perundingan – penandatanganan", "penandatanganan – perundingan – ratifikasi",
               "perundingan – penandatanganan – ratifikasi", "perundingan – ratifikasi – penandatanganan"]
    assert _choose(norm, "Urutan tahap pembuatan perjanjian yang benar adalah ....", options, text) == "C"


def test_claims_spread_over_a_text_do_not_state_an_option_that_swaps_them(norm: Normalizer) -> None:
    ev = evidence("Duta besar mengurus hubungan politik dan mewakili kepala negara. "
                  "Konsul mengurus paspor, visa dan perdagangan.", 1.0, norm)
    swapped = states(Option("A", "duta besar mengurus visa, konsul mengurus hubungan politik"), ev, norm)
    assert swapped < 0.8  # every word is in the text, but no sentence says it
    assert states(Option("B", "kepala negara, visa, perdagangan"), ev, norm) >= 0.8  # a list of names may spread


def test_a_sentence_about_another_numbered_event_is_another_occasion(norm: Normalizer) -> None:
    ev = evidence("Agresi Militer Belanda I, mulai 21 Juli 1947, melanggar Perjanjian Linggarjati. "
                  "Agresi Militer Belanda II, mulai 19 Desember 1948, melanggar Perjanjian Renville.", 1.0, norm)
    pasted = Pasted("Agresi Militer Belanda I dimulai pada tanggal ...", (
        Option("A", "21 Juli 1947"), Option("B", "17 Januari 1948"), Option("C", "19 Desember 1948"),
        Option("D", "7 Mei 1949")))
    stem_weights = {t: 0.1 if t == "1" else 1.0 for t in norm.tokens(pasted.stem)}  # "I" weighs little
    assert choose(pasted, [ev], norm, stem_weights).option == pasted.options[0]


def test_the_option_by_option_reading_does_not_piece_a_claim_together_from_spread_words(norm: Normalizer) -> None:
    ev = evidence("Perang Dingin membelah dunia menjadi Blok Barat dan Blok Timur. "
                  "Negara baru merdeka tidak mau membantu salah satu blok. Mereka menghadapi penjajahan.", 1.0, norm)
    claim = Option("A", "membantu Blok Timur menghadapi Blok Barat")
    assert states(claim, ev, norm) >= 0.8  # the sentence-level reading may weigh words spread over the text …
    assert states(claim, ev, norm, spread=False) < 0.8  # … the option-by-option reading must not
    names = Option("B", "Perang Dingin, Blok Barat, penjajahan")
    assert states(names, ev, norm, spread=False) >= 0.8  # a list of names may be named across sentences


def test_an_option_the_stem_itself_states_is_the_given_not_the_asked(norm: Normalizer) -> None:
    text = ("Sebelum aturan baru, jarak lomba lari hanya 3 km menurut aturan lama. "
            "Aturan baru menetapkan jarak lomba lari menjadi 12 km dari garis start.")
    stem = "Sebelum aturan baru, jarak lomba lari hanya 3 km. Aturan baru menetapkan jarak lomba lari menjadi ...."
    assert _choose(norm, stem, ["3 km", "12 km", "24 km", "200 km"], text) == "B"


def test_an_option_with_two_names_is_stated_by_either(norm: Normalizer) -> None:
    text = "Bank Sekolah memberi pinjaman modal kepada koperasi siswa untuk membangun usaha."
    options = ["Kantin Sekolah", "Perpustakaan", "Bank Sekolah (BKS)", "Unit Kesehatan Sekolah"]
    stem = "Lembaga sekolah yang memberi pinjaman modal kepada koperasi siswa adalah ...."
    assert _choose(norm, stem, options, text, "Kantin Sekolah menjual makanan untuk koperasi siswa.") == "C"


def test_a_count_is_the_number_before_the_whole_counted_phrase(norm: Normalizer) -> None:
    text = "Dewan kelas punya 15 anggota: 5 anggota tetap dan 10 anggota tidak tetap, yang dipilih dari 193 siswa."
    stem = "Jumlah anggota tidak tetap dewan kelas adalah … siswa yang dipilih untuk satu tahun."
    assert _choose(norm, stem, ["5", "10", "15", "193"], text) == "B"


def test_a_date_said_of_another_meeting_is_another_occasion(norm: Normalizer) -> None:
    stem = "Konferensi Pelajar Nusantara diselenggarakan di Bandung pada tanggal ...."
    pasted = Pasted(stem, tuple(Option(letter, text) for letter, text in zip("ABCD", (
        "18–24 April 2025", "1–6 September 2025", "18–24 April 2026", "28–29 Desember 2024"), strict=True)))
    about = frozenset(norm.tokens("Konferensi Pelajar Nusantara Bandung"))  # a card names its subject in every sentence
    found = [evidence("Konferensi Pelajar Nusantara adalah pertemuan pelajar pada 18–24 April 2025 di Bandung.", 1.0,
                      norm),
             replace(evidence("Persiapannya dibahas di Konferensi Bogor (28–29 Desember 2024).", 0.9, norm), about=about)]
    weights = {tok: 1.0 for tok in norm.tokens(stem) if tok not in norm.filler}
    chosen = choose(pasted, found, norm, weights).option
    assert chosen is not None and chosen.letter == "A"


def test_where_an_organisation_sits_is_not_where_it_was_founded(norm: Normalizer) -> None:
    texts = {"Kantor pusat Koperasi Pelajar ada di Jeddah.": 0.8,
             "Koperasi Pelajar berdiri pada 1969 lewat keputusan rapat di Rabat, Maroko.": 1.0}
    stem = "Markas besar Koperasi Pelajar terletak di kota ...."
    assert _choose_weighted(norm, stem, ["Jeddah", "Riyadh", "Kairo", "Rabat"], texts) == "A"


def test_a_card_facts_bare_value_keeps_the_occasion_of_its_sentence(tutor: Tutor) -> None:
    question = "Markas besar GNB berada di kota ....\nA. Beograd\nB. Jakarta\nC. Kairo\nD. New York"
    assert tutor.reply(question).choice != "A"  # Beograd is where GNB was founded; it has no seat


def test_the_entry_the_stem_is_about_counts_fully_though_the_stem_names_another_subject(tutor: Tutor) -> None:
    question = ("Menurut UNCLOS 1982, lebar Zona Ekonomi Eksklusif (ZEE) yang diukur dari garis pangkal adalah ....\n"
                "A. 3 mil laut\nB. 12 mil laut\nC. 24 mil laut\nD. 200 mil laut")
    assert tutor.reply(question).choice == "D"


def test_a_negated_english_stem_on_specialized_agencies(tutor: Tutor) -> None:
    question = "Which one is NOT a specialized agency of the UN?\nA. WHO\nB. ILO\nC. OPEC\nD. FAO"
    assert tutor.reply(question).choice == "C"  # "specialized" is the bank's "khusus"


def test_a_word_every_option_begins_with_need_not_be_stated(norm: Normalizer) -> None:
    text = "Asas musyawarah dipakai untuk memilih ketua kelas. Gotong royong: kelas dibersihkan bersama tiap Jumat."
    options = ["asas tertib waktu", "asas gotong royong", "asas musyawarah", "asas kekeluargaan"]
    stem = "Asas yang mengatur bahwa kelas dibersihkan bersama tiap Jumat disebut ...."
    assert _choose(norm, stem, options, text) == "B"


def test_a_shared_word_before_numbers_is_kept() -> None:
    def options(*texts: str) -> tuple[Option, ...]:
        return tuple(Option("ABCD"[i], text) for i, text in enumerate(texts))
    assert shared_lead(options("asas tertib", "asas gotong royong", "asas musyawarah")) == len("asas")
    assert shared_lead(options("Article 22", "Article 29", "Article 31")) == 0  # "29" alone is no "Article 29"
    assert shared_lead(options("Jeddah", "Riyadh", "Kairo")) == 0


@pytest.mark.parametrize(("question", "letter"), [
    ("Which UN agency works on public health worldwide?\nA. UNESCO\nB. FAO\nC. WHO\nD. ILO", "C"),
    ("The UN agency for education, science and culture is\nA. UNICEF\nB. UNESCO\nC. UNHCR\nD. WFP", "B"),
])
def test_english_words_for_what_an_agency_does_are_the_banks(tutor: Tutor, question: str, letter: str) -> None:
    assert tutor.reply(question).choice == letter


def test_the_word_year_in_a_when_stem_names_no_subject(norm: Normalizer) -> None:
    texts = ("Sekolah kami resmi menjadi anggota jaringan Adiwiyata pada 28 September 2010.",
             "Jaringan Adiwiyata didirikan tahun 2006 oleh kementerian dengan 120 sekolah anggota awal.")
    stem = "Pada tahun berapa sekolah kami menjadi anggota jaringan Adiwiyata?"
    assert _choose(norm, stem, ["2006", "2008", "2010", "2012"], *texts) == "C"


@pytest.mark.parametrize("question", [
    "Setelah disetujui DPR, perjanjian internasional disahkan oleh Indonesia. Tahap ini disebut … "
    "(a) negotiation (b) signature (c) ratification (d) reservation",
    "Presiden mengesahkan perjanjian internasional dengan persetujuan DPR. Tahap ini dinamakan … "
    "(a) negotiation (b) signature (c) ratification (d) reservation",
])
def test_an_option_stated_by_a_sentence_about_something_else_is_not_chosen(tutor: Tutor, question: str) -> None:
    # "negotiation" is stated by "Yang berunding … adalah Presiden", which says nothing of the DPR's approval
    reply = tutor.reply(question)
    assert reply.choice in (None, "C")


def test_a_place_between_two_others_is_not_where_it_happened(tutor: Tutor) -> None:
    reply = tutor.reply("Tempat berlangsungnya Perundingan Linggarjati terletak di .... A. Kuningan, Jawa Barat "
                        "B. Bandung C. Yogyakarta D. Den Haag")
    assert reply.choice == "A"  # not "Yogyakarta", of "Tempat netral antara Jakarta dan Yogyakarta"


def test_options_the_bank_places_under_other_subjects_are_ruled_out(tutor: Tutor) -> None:
    reply = tutor.reply("Salah satu dampak KAA bagi bangsa Asia Afrika adalah .... A. lahirnya Blok Barat "
                        "B. berakhirnya Perang Dunia II C. berdirinya ASEAN D. mendorong bangsa yang terjajah "
                        "memperjuangkan kemerdekaan")
    assert reply.choice == "D"
    assert "Pilihan <b>A, B, C</b> menurut materiku membicarakan hal lain, bukan Konferensi Asia Afrika." in reply.text
    assert html_problem(reply.text) is None


def test_an_option_of_another_field_is_not_chosen_by_asking_it_alone(tutor: Tutor) -> None:
    reply = tutor.reply("Salah satu contoh kerja sama ASEAN bidang sosial budaya yaitu .... A. latihan militer bersama "
                        "B. ASEAN Regional Forum C. AFTA D. pesta olahraga SEA Games")
    assert reply.choice == "D"


def test_the_year_asked_is_the_year_of_the_act_the_stem_names(norm: Normalizer) -> None:
    """"… disepakati pada tahun": not the deadline years a sentence on the goals' content gives."""
    texts = ("Bogor Goals disepakati dalam KTT APEC di Bogor pada 15 November 1994.",
             "Isi Bogor Goals: perdagangan dan investasi yang bebas dan terbuka di Asia-Pasifik, paling lambat "
             "tahun 2010 untuk ekonomi maju dan 2020 untuk ekonomi berkembang.")
    stem = "Bogor Goals untuk mewujudkan perdagangan dan investasi yang bebas dan terbuka disepakati pada tahun ...."
    assert _choose(norm, stem, ["1989", "1994", "2013", "2020"], *texts) in ("B", None)


def test_nautical_miles_are_the_banks_mil_laut(tutor: Tutor) -> None:
    reply = tutor.reply("The territorial sea of a coastal state extends up to ____. A. 3 nautical miles "
                        "B. 12 nautical miles C. 24 nautical miles D. 200 nautical miles")
    assert reply.choice == "B"
