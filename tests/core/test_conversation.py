"""The shared conversation logic: answer, suggest, unknown, small talk."""

import pytest

from bot.core.content import load_bank
from bot.core.conversation import Tutor
from bot.core.markup import html_problem, visible_length
from bot.settings import REPO_CONTENT


@pytest.fixture(scope="module")
def tutor() -> Tutor:
    return Tutor(load_bank(REPO_CONTENT))


def test_confident_answer_has_related_questions(tutor: Tutor) -> None:
    reply = tutor.reply("bilatral artinya")
    assert reply.kind == "answer" and reply.faq_id == "bilateral-pengertian"
    assert "<b>" in reply.text and html_problem(reply.text) is None
    assert 0 < len(reply.related) <= 2
    assert reply.as_json()["faq_id"] == "bilateral-pengertian"


def test_unknown_lists_topics_and_is_logged(tutor: Tutor) -> None:
    reply = tutor.reply("rumus luas lingkaran")
    assert reply.kind in ("unknown", "suggest")
    assert reply.unanswered
    assert reply.as_json()["faq_id"] is None
    unknown = tutor.unknown("rumus luas lingkaran")
    assert "belum tahu" in unknown.text and "ASEAN" in unknown.text


@pytest.mark.parametrize("text", ["3/4 + 2/5 berapa kak", "15% dari 200 berapa", "hasil dari 3/4 + 1/2 brp kak",
                                  "5 x 4 = berapa"])
def test_a_sum_is_declined_not_offered_diplomacy_counts(tutor: Tutor, text: str) -> None:
    reply = tutor.reply(text)
    assert reply.kind == "unknown" and not reply.suggestions


def test_small_talk_never_answers_from_faq(tutor: Tutor) -> None:
    for text in ("halo", "makasih", "ok", "wkwk", "siapa kamu"):
        reply = tutor.reply(text)
        assert reply.kind == "smalltalk" and reply.faq_id is None and not reply.unanswered


def test_more_small_talk_kinds_never_answer_or_log(tutor: Tutor) -> None:
    for text in ("thank u", "okk", "kamu pinter", "terus?", "gk ngerti", "lanjut", "ngga tau"):
        reply = tutor.reply(text)
        assert reply.kind == "smalltalk" and not reply.unanswered, text
        assert html_problem(reply.text) is None


@pytest.mark.parametrize(("text", "faq_id"), [
    ("halo kak apa itu pbb", "pbb-pengertian"),
    ("makasih kak, terus apa itu oki", "oki-pengertian"),
    ("wkwkwk apa itu asean", "asean-pengertian"),
    ("permisi kak mau tanya, kerjasama regional itu apa", "regional-pengertian"),
])
def test_a_greeting_or_thanks_around_a_question_does_not_hide_it(tutor: Tutor, text: str, faq_id: str) -> None:
    reply = tutor.reply(text)
    assert (reply.kind, reply.faq_id) == ("answer", faq_id)
    assert reply.question == text  # the student's own words are kept for the reply and the logs


def test_english_interface(tutor: Tutor) -> None:
    assert "Hi" in tutor.reply("halo", "en").text
    assert "don't know" in tutor.unknown("xyz", "en").text


def test_every_answer_is_sendable(tutor: Tutor) -> None:
    for faq_id in tutor.bank.faq:
        for lang in ("id", "en"):
            text = tutor.answer(faq_id, lang).text
            assert html_problem(text) is None
            assert 1 <= visible_length(text) <= 4096


def test_empty_and_huge_messages(tutor: Tutor) -> None:
    assert tutor.reply("   ").kind == "empty"
    assert tutor.reply("a" * 4000).kind == "empty"


def test_suggestions_are_at_most_three(tutor: Tutor) -> None:
    reply = tutor.reply("kerja sama negara")
    if reply.kind == "suggest":
        assert 1 <= len(reply.suggestions) <= 3
        assert html_problem(reply.text) is None


@pytest.mark.parametrize("text", ["tugas mahkamah konstitusi apa", "ketua osis tugasnya apa", "kenapa langit berwarna biru",
                                  "siapa menteri pendidikan sekarang", "ibu kota jepang itu apa"])
def test_off_topic_near_misses_are_declined_without_suggestions(tutor: Tutor, text: str) -> None:
    reply = tutor.reply(text)
    assert reply.kind == "unknown" and reply.suggestions == () and reply.unanswered


def test_vague_question_on_the_syllabus_still_gets_suggestions(tutor: Tutor) -> None:
    reply = tutor.reply("kerja sama negara")
    assert reply.kind == "suggest" and reply.suggestions


@pytest.mark.parametrize(("text", "intent", "fact"), [
    ("kak aku ada tugas dari bu guru, apa tujuan asean?", "purpose", "perdamaian"),
    ("Mengapa negara-negara perlu bekerja sama? Jelaskan!", "why", "kebutuhan"),
    ("kpn asean berdiri", "when", "8 Agustus 1967"),
    ("siapa saja pendiri asean", "who", "Adam Malik"),
    ("gerakan non blok dibentuk gara-gara apa", "why", "Perang Dingin"),  # "gara-gara" is "karena"
])
def test_homework_wrappers_and_intents(tutor: Tutor, text: str, intent: str, fact: str) -> None:
    reply = tutor.reply(text)  # from an FAQ entry or a fact card, whichever holds the fact
    assert (reply.kind, reply.intent) == ("answer", intent) and fact in reply.text
    assert reply.as_json()["intent"] == intent and "choice" not in reply.as_json()


def test_a_kindred_intent_answers_when_no_entry_declares_the_asked_one(tutor: Tutor) -> None:
    # no entry declares the *impact* of the G20 presidency; its benefits are its good impact
    reply = tutor.reply("dampak presidensi G20 tahun 2022 bagi Indonesia apa aja")
    assert (reply.kind, reply.intent, reply.faq_id) == ("answer", "impact", "g20-manfaat-presidensi")


def test_the_difference_of_two_meanings_is_answered_by_the_entry_defining_both(tutor: Tutor) -> None:
    # no entry declares the *difference* between "bebas" and "aktif"; the one defining both tells them apart
    reply = tutor.reply("apa beda makna bebas sama makna aktif di politik luar negeri kita")
    assert (reply.kind, reply.intent, reply.faq_id) == ("answer", "difference", "bebas-aktif-pengertian")


@pytest.mark.parametrize(("text", "faq_id"), [
    ("ratifikasi itu apaan sih dah lupa", "ratifikasi"),
    ("kak kontingen garuda itu apa, tadi dijelasin bu guru tapi aku ga ngerti", "kontingen-garuda"),
])
def test_chat_around_the_question_does_not_hide_it(tutor: Tutor, text: str, faq_id: str) -> None:
    reply = tutor.reply(text)
    assert (reply.kind, reply.faq_id) == ("answer", faq_id)


@pytest.mark.parametrize("text", ["asem banget kak", "tugas P5 ku belum selesai nih", "aku dk tau mau ngapain"])
def test_chat_with_a_word_that_is_also_an_acronym_is_not_answered(tutor: Tutor, text: str) -> None:
    assert tutor.reply(text).kind != "answer"


def test_english_now_is_sekarang(tutor: Tutor) -> None:
    reply = tutor.reply("how many member countries does the UN have now")
    assert reply.kind == "answer" and "193" in reply.text


def test_a_when_question_is_not_answered_with_a_who_entry(tutor: Tutor) -> None:
    for text in ("kapan asean didirikan", "tahun berapa asean berdiri"):
        reply = tutor.reply(text)
        assert reply.faq_id != "asean-pendiri" and "1967" in reply.text


@pytest.mark.parametrize(("text", "starts"), [
    ("assalamualaikum", "Wa'alaikumsalam"), ("Assalamu'alaikum kak", "Wa'alaikumsalam"), ("shalom", "Shalom"),
    ("om swastiastu", "Om Swastiastu"), ("namo buddhaya", "Namo Buddhaya"), ("salam kebajikan", "Salam kebajikan"),
    ("salam sejahtera", "Salam sejahtera"), ("kak aku sedih", "Peluk"), ("capek bgt", "Kamu sudah berusaha"),
    ("anjir susah bgt", "Wajar kok"), ("pusing", "Wajar kok"), ("makasih kak jawabannya membantu bgt", "Sama-sama"),
    ("kamu pinter", "Makasih"), ("bot bodoh", "Maaf kalau aku belum membantu"),
])
def test_tone_gets_a_fitting_reply_never_belum_tahu(tutor: Tutor, text: str, starts: str) -> None:
    reply = tutor.reply(text)
    assert reply.kind == "smalltalk" and not reply.unanswered, text
    assert reply.text.startswith(starts), reply.text
    assert "belum tahu" not in reply.text and "Tulis pertanyaanmu" not in reply.text and "Halo!" not in reply.text
    for lang in ("id", "en"):
        assert html_problem(tutor.reply(text, lang).text) is None


@pytest.mark.parametrize(("text", "faq", "card"), [
    ("assalamualaikum kak, apa itu ASEAN?", "asean-pengertian", None),
    ("makasih, terus kapan KAA?", None, "kaa"),
    ("shalom kak, apa itu diplomasi", "diplomasi-pengertian", None),
    ("om swastiastu, kapan asean berdiri", "asean-berdiri", None),
])
def test_questions_wrapped_in_greetings_or_thanks_are_answered(tutor: Tutor, text: str, faq: str | None,
                                                               card: str | None) -> None:
    reply = tutor.reply(text)
    assert reply.kind == "answer" and reply.faq_id == faq and reply.card_id == card, text


@pytest.mark.parametrize(("text", "starts"), [
    ("assalamualaikum kak, apa itu ASEAN?", "Wa'alaikumsalam"), ("shalom kak, apa itu diplomasi", "Shalom"),
    ("om swastiastu, kapan asean berdiri", "Om Swastiastu"), ("namo buddhaya, apa itu PBB", "Namo Buddhaya"),
])
def test_a_greeting_before_a_question_is_returned_before_the_answer(tutor: Tutor, text: str, starts: str) -> None:
    reply = tutor.reply(text)
    assert reply.kind == "answer" and reply.text.startswith(starts) and html_problem(reply.text) is None
    plain = tutor.reply(text.split(",", 1)[1])
    assert reply.text.endswith(plain.text) and not plain.text.startswith(starts)


def test_a_division_into_kinds_is_not_arithmetic(tutor: Tutor) -> None:
    reply = tutor.reply("kerja sama berdasarkan jumlah negaranya dibagi jadi apa aja")
    assert reply.kind == "answer" and "bilateral" in reply.text


def test_a_bare_subject_name_gets_its_main_entry_among_many_that_mention_it(tutor: Tutor) -> None:
    """Dozens of entries mention PBB: the shortlist keeps the one whose own question is "Apa itu PBB?"."""
    reply = tutor.reply("PBB tuh apaan kak")
    assert reply.kind == "answer" and reply.faq_id == "pbb-pengertian"


@pytest.mark.parametrize(("text", "faq_id"), [
    ("badan pbb yg menangani masalah pengungsi perang apa namanya", "unhcr"),  # "menangani" is "mengurus", not "tangan"
    ("which UN organ is responsible for maintaining international peace", "dewan-keamanan"),
])
def test_words_for_handling_and_responsibility_are_read(tutor: Tutor, text: str, faq_id: str) -> None:
    reply = tutor.reply(text)
    assert (reply.kind, reply.faq_id) == ("answer", faq_id)


@pytest.mark.parametrize(("question", "faq_id"), [
    ("sijori tu apa ya kak, ada di buku ips kelas 9 tp aku ga ngerti", "fo-bilateral-singapura"),
    ("kak fungsi konsul tu apa sih sebenernya", "fungsi-konsuler"),
    ("tolong bantu pr ku kak 🙏 apa tujuan OPEC", "opec"),
    ("coba tuliskan isi dari Trikora", "sd-trikora"),  # "tuliskan" is a homework verb like "sebutkan"
    ("pulau sipadan akhirnya jatuh ke tangan negara mana", "sengketa-sipadan-ligitan"),  # whose it became
    ("what does UNICEF really do", "unicef"),
    ("siapa yg ngangkat duta besar", "pengangkatan-duta-presiden"),  # "ngangkat" is "mengangkat"
])
def test_where_the_student_met_it_and_chatter_do_not_hide_the_question(tutor: Tutor, question: str,
                                                                       faq_id: str) -> None:
    """The book, the subject and "sebenernya" say nothing about what is asked."""
    reply = tutor.reply(question)
    assert reply.kind == "answer" and reply.faq_id == faq_id


@pytest.mark.parametrize(("question", "facts"), [
    ("apa kepanjangan KTN dan UNCI", ("Komisi Tiga Negara", "United Nations Commission for Indonesia")),
    ("kapan ASEAN dan APEC didirikan?", ("8 Agustus 1967", "1989")),
    ("markas PBB dan ASEAN ada di mana", ("New York", "Jakarta")),
])
def test_one_attribute_of_two_subjects_is_answered_for_both(tutor: Tutor, question: str, facts: tuple[str, str]) -> None:
    reply = tutor.reply(question)
    assert reply.kind == "answer" and reply.card_id is not None
    assert all(fact in reply.text for fact in facts), reply.text


def test_two_asks_joined_by_dan_are_not_two_subjects(tutor: Tutor) -> None:
    reply = tutor.reply("When was ASEAN founded, and who signed the Bangkok Declaration for Indonesia?")
    assert "APEC" not in reply.text and not (reply.card_id and "Deklarasi Bangkok ditandatangani pada" in reply.text
                                              and "ASEAN berdiri pada" in reply.text)
