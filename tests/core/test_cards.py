"""Fact cards: loading and validation, one-attribute answers, intent misses, and the card/FAQ comparison.

Uses the fixture bank in tests/core/cardbank (an invented organisation, ORKA), not the shipped content.
"""

import shutil
from pathlib import Path

import pytest
import yaml

from bot.core.cards import compare_with_faq, pick_from
from bot.core.content import load_content
from bot.core.conversation import Tutor
from bot.core.markup import html_problem
from bot.settings import REPO_CONTENT

BANK = Path(__file__).parent / "cardbank"


@pytest.fixture(scope="module")
def tutor() -> Tutor:
    return Tutor.from_dir(BANK)


@pytest.fixture(scope="module")
def shipped() -> Tutor:
    """The shipped content, for the tests that need real cards."""
    return Tutor.from_dir(REPO_CONTENT)


def copy_bank(tmp_path: Path) -> Path:
    target = tmp_path / "bank"
    shutil.copytree(BANK, target)
    return target


def edit_card(bank: Path, change) -> None:  # type: ignore[no-untyped-def]
    path = bank / "cards" / "orga.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data["cards"])
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def test_fixture_bank_loads_with_its_card() -> None:
    bank, problems = load_content(BANK)
    assert problems == []
    card = bank.cards["orka"]
    assert card.faq == "orka-pengertian" and card.fact("members").count == 12
    assert card.fact("founded").date == "1971-03-12"
    assert compare_with_faq(bank) == []


@pytest.mark.parametrize(("change", "field"), [
    (lambda cards: cards[0]["facts"][0].update(attr="birthday"), "facts[0].attr"),
    (lambda cards: cards[0].update(topic="nope"), "topic"),
    (lambda cards: cards[0].update(faq="no-such-entry"), "faq"),
    (lambda cards: cards[0]["facts"][1].pop("source"), "source"),
    (lambda cards: [cards[0]["facts"][4].pop(k) for k in ("as_of", "review_by")], "as_of"),
    (lambda cards: cards[0]["facts"][2].update(say="Pendiri <b>ORKA</b>"), "say"),
    (lambda cards: cards[0].update(colour="red"), "colour"),
    (lambda cards: cards.append({**cards[0], "id": "orka-2"}), "aliases"),
])
def test_card_problems_are_reported(tmp_path: Path, change, field: str) -> None:  # type: ignore[no-untyped-def]
    bank = copy_bank(tmp_path)
    edit_card(bank, change)
    _, problems = load_content(bank)
    assert any(p.field == field and p.file == "cards/orga.yaml" for p in problems), problems


def test_cards_that_contradict_the_faq_are_errors(tmp_path: Path) -> None:
    bank_dir = copy_bank(tmp_path)

    def contradict(cards: list) -> None:
        cards[0]["facts"][0].update(date="1972-03-12", value="12 Maret 1972")
        cards[0]["facts"][4].update(count=13)

    edit_card(bank_dir, contradict)
    bank, problems = load_content(bank_dir)
    assert problems == []
    found = {(p.id, p.field) for p in compare_with_faq(bank)}
    assert found == {("orka", "facts.founded"), ("orka", "facts.members")}


@pytest.mark.parametrize(("question", "intent", "fact"), [
    ("orka didirikan di kota apa", "where", "Kota Rekaan"),
    ("dmn orka didirikan", "where", "didirikan di Kota Rekaan"),  # where it was founded, not its headquarters
    ("siapa pendiri orka", "who", "Negeri Uji"),
    ("markas orka dmn", "where", "Kota Markas"),
    ("Organisasi Rekaan Kawasan berdiri tahun berapa sih", "when", "1971"),
])
def test_one_attribute_questions_get_the_card(tutor: Tutor, question: str, intent: str, fact: str) -> None:
    reply = tutor.reply(question)
    assert reply.kind == "answer" and reply.card_id == "orka" and reply.intent == intent
    assert fact in reply.text and "Sumber: Buku Rekaan" in reply.text
    assert [s.faq_id for s in reply.related] == ["orka-pengertian"]  # the subject's main entry as a button
    assert reply.as_json()["card"] == "orka" and html_problem(reply.text) is None


def test_card_text_is_escaped(tutor: Tutor) -> None:
    reply = tutor.reply("berapa anggota Regional Sample Organisation sekarang")
    assert "12 negara &amp; 2 pengamat" in reply.text and html_problem(reply.text) is None


@pytest.mark.parametrize(("question", "what"), [("knp orka dibentuk", "latar belakang"), ("tujuan orka apa", "tujuan")])
def test_subject_clear_but_intent_not_covered(tutor: Tutor, question: str, what: str) -> None:
    reply = tutor.reply(question)
    assert reply.kind == "suggest" and reply.unanswered  # logged for the teacher
    assert reply.text.startswith(f"Aku belum punya jawaban tentang <b>{what}</b> ORKA.")
    assert {s.faq_id for s in reply.suggestions} <= {"orka-pengertian", "orka-berdiri", "orka-anggota"}
    assert "orka-pengertian" in {s.faq_id for s in reply.suggestions}
    assert tutor.reply(question, "en").text.startswith("I don't have an answer about")


def test_when_question_never_gets_a_who_answer(tutor: Tutor) -> None:
    for question in ("kapan orka didirikan", "orka berdiri tahun berapa"):
        reply = tutor.reply(question)
        assert "1971" in reply.text and "Negeri Uji" not in reply.text


@pytest.mark.parametrize("question", ["tujuan orka ada berapa", "ada berapa negara pendiri orka",
                                      "hasil pertemuan orka ada berapa"])
def test_a_count_of_something_else_is_not_the_member_count(tutor: Tutor, question: str) -> None:
    """"How many aims" names the aims: the member count would be a confident answer to another question."""
    reply = tutor.reply(question)
    assert reply.card_id is None and "12 negara" not in reply.text


@pytest.mark.parametrize(("question", "facts", "not_said"), [
    ("kapan dan di mana orka didirikan", ["1971", "didirikan di Kota Rekaan"], "Kota Markas"),
    ("orka berdiri tahun berapa dan di kota mana", ["1971", "didirikan di Kota Rekaan"], "Kota Markas"),
    ("siapa pendiri orka dan kapan", ["Negeri Uji", "12 Maret 1971"], "Kota Markas"),
])
def test_a_two_part_question_gets_both_facts_once(tutor: Tutor, question: str, facts: list[str], not_said: str) -> None:
    reply = tutor.reply(question)
    assert reply.kind == "answer" and reply.card_id == "orka"
    assert all(fact in reply.text for fact in facts) and not_said not in reply.text, reply.text
    assert reply.text.count("Sumber: Buku Rekaan, hlm. 2") == 1 and html_problem(reply.text) is None



@pytest.mark.parametrize("question", ["Indonesia kembali menjadi anggota PBB pada tahun ....",
                                      "kapan indonesia keluar dari pbb", "kapan indonesia balik lagi ke pbb"])
def test_rejoining_or_leaving_is_not_when_indonesia_first_joined(shipped: Tutor, question: str) -> None:
    reply = shipped.reply(question)
    assert reply.card_id is None and "28 September 1950," not in reply.text.split("\n")[0]


def test_english_function_words_do_not_hide_the_card_subject(shipped: Tutor) -> None:
    reply = shipped.reply("How many member states does the UN have?")
    assert reply.card_id == "pbb" and "193" in reply.text


def test_a_word_the_fact_itself_states_is_not_another_subject(shipped: Tutor) -> None:
    # "hakim" is in no FAQ entry, but the card's member fact is about its 15 judges
    reply = shipped.reply("berapa orang hakim di Mahkamah Internasional")
    assert reply.card_id == "mahkamah-internasional" and "15 hakim" in reply.text


@pytest.mark.parametrize("question", ["In which year was the name United Nations coined?",
                                      "tahun berapa nama PBB pertama kali dipakai", "asal usul nama PBB dari mana"])
def test_where_a_name_comes_from_is_not_the_founding_date(shipped: Tutor, question: str) -> None:
    reply = shipped.reply(question)
    assert reply.card_id is None and not reply.text.startswith("PBB resmi berdiri pada 24 Oktober 1945")


def test_panglima_asks_for_the_leader(shipped: Tutor) -> None:
    card = shipped.bank.cards["komando-mandala"]
    fact = pick_from([card], "who", "siapa panglima komando mandala")
    assert fact is not None and fact.attr == "leader"


@pytest.mark.parametrize(("question", "card", "said"), [
    ("kependekan dari OKI apa", "oki", "Organisasi Kerja Sama Islam"),
    ("GNB itu kependekan dari apa ya", "gnb", "Gerakan Non-Blok"),
    ("di materi sejarah perjuangan, UNCI kepanjangannya apa", "unci", "United Nations Commission for Indonesia"),
])
def test_kependekan_and_where_the_student_met_it_still_ask_the_full_name(shipped: Tutor, question: str, card: str,
                                                                         said: str) -> None:
    reply = shipped.reply(question)
    assert reply.card_id == card and said in reply.text


@pytest.mark.parametrize(("question", "card", "said"), [
    ("KTT ASEAN pertama diadakan di mana", "asean", "Bali"),  # 1976, not the founding in Bangkok (1967)
    ("kapan KTT GNB yang pertama", "gnb", "1961"),
    ("where was the first G20 summit", "g20", "Washington"),
])
def test_the_first_summit_is_its_own_fact(shipped: Tutor, question: str, card: str, said: str) -> None:
    reply = shipped.reply(question)
    assert reply.kind == "answer" and reply.card_id == card and said in reply.text


def test_founding_place_is_still_the_founding_place(shipped: Tutor) -> None:
    reply = shipped.reply("dimana ASEAN didirikan")
    assert reply.card_id == "asean" and "Bangkok" in reply.text and "Bali" not in reply.text


@pytest.mark.parametrize("question", ["How many founding members did the UN have?", "berapa anggota awal PBB"])
def test_founding_members_are_not_todays_members(shipped: Tutor, question: str) -> None:
    reply = shipped.reply(question)
    assert reply.card_id == "pbb" and "51" in reply.text and "193" not in reply.text
