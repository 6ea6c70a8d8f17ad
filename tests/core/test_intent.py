"""Question intent from question words, homework stems and slang; homework wrappers come off."""

import pytest

from bot.core.intent import INTENTS, answer_signs, detect, requested_count, strip_homework


@pytest.mark.parametrize(("question", "intent"), [
    ("jumlah negara peserta KAA adalah ....", "count"),
    ("What is the purpose of a diplomatic mission?", "purpose"),  # "what is" only opens the question
    ("what are the benefits of APEC for Indonesia", "benefit"),
    ("what is ASEAN", "definition"),
    ("kerja sama regional itu yg kayak gmn", "definition"),
    ("OKI dibentuk gara2 apa sih", "why"),
    ("apa tugas sekjen pbb", "function"),
    ("WHO tuh kantornya di Jenewa ya?", "where"),
    ("Sebutkan tiga kelas kepala misi diplomatik!", "list"),  # a mission sent abroad, not a purpose
    ("apa misi ASEAN", "purpose"),  # a role asked of an office, not who holds it
    ("What is the job of the ASEAN Secretary-General?", "who"),  # "job" is no role word: who
    ("peran menlu dalam diplomasi", "how"),
    ("Tokoh yang berperan dalam pendirian ASEAN adalah", "who"),
    ("WHO itu ngurusin apa aja", "function"),
    ("kak aku ada PR sejarah, disuruh sebutin isi Dasasila Bandung", "list"),  # the school subject asks nothing  # "what is it like", not "how is it done"
    ("kerjasama bilateral tuh kyk gimana sih kak?", "definition"),
    ("seperti apa peran indonesia di asean", "how"),
    ("peserta KAA berjumlah ...", "count"),
    ("the number of UN members", "count"),
    ("bentuk kerja sama berdasarkan jumlah negaranya apa saja", "list"),  # a way of sorting, not a count
    ("What are the forms of cooperation based on the number of countries?", "list"),
    ("siapa saja peserta KAA", "who"),
    ("kpn asean berdiri kak", "when"),
    ("ASEAN didirikan tahun berapa?", "when"),
    ("OKI didirikan pada tanggal ...", "when"),
    ("Organisasi ASEAN didirikan di kota ...", "where"),
    ("markas pbb dmn", "where"),
    ("siapa pendiri oki", "who"),
    ("Negara mana saja yang mendirikan ASEAN?", "who"),
    ("knp oki dibentuk", "why"),
    ("latar belakang berdirinya GNB", "why"),
    ("Mengapa Indonesia keluar dari PBB? Jelaskan!", "why"),
    ("bagaimana peran indonesia di asean", "how"),
    ("apa tujuan asean", "purpose"),
    ("fungsi dk pbb apa", "function"),
    ("Apa tugas Sekretariat PBB?", "function"),
    ("Sebutkan 3 manfaat kerja sama internasional!", "benefit"),
    ("dampak negatif globalisasi", "impact"),
    ("Jelaskan dampak positif KAA bagi Indonesia!", "benefit"),
    ("kak indonesia dapet apa dari ikut OKI", "benefit"),  # "dapet apa": what it gets
    ("emang indonesia dapat untung apa kirim pasukan perdamaian", "benefit"),
    ("brp anggota pbb", "count"),
    ("beda bilateral dan multilateral", "difference"),
    ("kepanjangan apec apa", "abbreviation"),
    ("sebutkan contoh kerja sama regional", "list"),
    ("Berdasarkan letak wilayahnya, kerja sama antarnegara dibedakan menjadi ...", "list"),
    ("Salah satu bentuk kerja sama yang dilakukan oleh dua negara dinamakan dengan", "definition"),
    ("apa itu WHO?", "definition"),
    ("who founded ASEAN", "who"),
    ("when was the OIC founded", "when"),
    ("ASEAN didirikan oleh ....", "who"),
    ("diplomat yg nyuri di luar negeri emang boleh dihukum", "definition"),  # "boleh" ends in "oleh", asks no one
    ("Cuma dipunyai lima negara, apa fungsi hak veto itu?", "function"),  # the comma ends "negara": no "negara apa"
    ("Perdana menteri yang memimpin delegasi RI di Linggarjati adalah ....", "who"),  # a person described
    ("presiden itu apa", "definition"),
])
def test_intents(question: str, intent: str) -> None:
    assert intent in INTENTS
    assert detect(question).name == intent


def test_no_question_word_is_a_default_reading() -> None:
    assert detect("kerja sama negara").explicit is False
    assert detect("apa itu asean").explicit is True


@pytest.mark.parametrize(("text", "n"), [("Sebutkan 3 bentuk kerja sama!", 3), ("sebutkan tiga manfaat", 3),
                                         ("name three founders of ASEAN", 3), ("apa itu asean", None)])
def test_requested_count(text: str, n: int | None) -> None:
    assert requested_count(text) == n


@pytest.mark.parametrize(("text", "core"), [
    ("kak aku ada tugas dari bu guru, apa tujuan asean?", "apa tujuan asean?"),
    ("Mengapa Indonesia keluar dari PBB? Jelaskan!", "Mengapa Indonesia keluar dari PBB"),
    ("tolong bantu jawab ya kak: kapan oki berdiri", "kapan oki berdiri"),
    ("Apa tugas Dewan Keamanan PBB?", "Apa tugas Dewan Keamanan PBB?"),  # "tugas" here is the question
    ("3. kapan asean berdiri", "kapan asean berdiri"),  # a question number is a lead-in
    ("3/4 + 2/5 berapa", "3/4 + 2/5 berapa"),  # a sum is the question, not a lead-in
    ("15% dari 200 berapa", "15% dari 200 berapa"),
    # a closing "ya" or "kak" comes off, but not the end of a word that ends in those letters
    ("fungsi konsul itu apa sih sebenernya", "fungsi konsul itu apa sih sebenernya"),
    ("hak veto tu gmn cara kerjanya", "hak veto tu gmn cara kerjanya"),
    ("apa itu hak veto ya kak", "apa itu hak veto"),
    ("tolong bantu pr ku kak 🙏 Sebutkan 3 tujuan ASEAN!", "Sebutkan 3 tujuan ASEAN!"),
    ("apa itu asean kelas 8 smp", "apa itu asean"),  # where the student met it, not what is asked
    ("apa saja kelas kepala perwakilan", "apa saja kelas kepala perwakilan"),
])
def test_homework_wrappers_come_off(text: str, core: str) -> None:
    assert strip_homework(text) == core


def test_answer_signs() -> None:
    signs = answer_signs("OKI didirikan pada 25 September 1969 di Rabat, Maroko, karena pembakaran Masjid Al-Aqsa.")
    assert {"when", "where", "why"} <= signs
    assert "when" not in answer_signs("Kerja sama bilateral adalah kerja sama antara dua negara.")


def test_a_chatty_first_line_asking_which_is_right_is_cut() -> None:
    pasted = "kak ini yg bener yg mana ya\nContoh kerja sama multilateral adalah ..."
    assert strip_homework(pasted) == "Contoh kerja sama multilateral adalah ..."
    assert strip_homework("Yang mana negara pendiri ASEAN?") == "Yang mana negara pendiri ASEAN?"


def test_dapat_as_can_asks_no_benefit() -> None:
    assert detect("apa yang dapat dilakukan indonesia untuk ASEAN").name != "benefit"
