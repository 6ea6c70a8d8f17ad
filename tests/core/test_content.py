"""The content loader reports every problem with file, id and field; the shipped bank is valid."""

from pathlib import Path

import pytest
import yaml

from bot.core.content import ContentInvalid, load_bank, load_content
from bot.settings import REPO_CONTENT

TOPICS = {"topics": [{"id": "bilateral", "name": "Bilateral", "name_en": "Bilateral", "short": "Bilateral",
                      "description": "Dua negara."}]}


def good_faq(**over: object) -> dict:
    entry = {
        "id": "bilateral-pengertian", "topic": "bilateral", "question": "Apa itu kerja sama bilateral?",
        "variants": ["v1 bilateral", "v2 dua negara", "v3 bilatral", "v4 kerjasama 2 negara", "v5 apa sih",
                     "what is bilateral"],
        "answer": "<b>Bilateral</b> berarti dua negara.", "related": [], "source": "seed", "asks": "definition",
    }
    entry.update(over)
    return entry


def good_quiz(**over: object) -> dict:
    q = {"id": "q-1", "topic": "bilateral", "faq": "bilateral-pengertian", "question": "Dua negara disebut?",
         "options": ["bilateral", "regional", "multilateral", "unilateral"], "answer": 0,
         "explanation": "Bi = dua.", "difficulty": "mudah", "source": "seed"}
    q.update(over)
    return q


def write(tmp: Path, faq: list, quiz: list, topics: dict = TOPICS) -> Path:
    (tmp / "faq").mkdir()
    (tmp / "quiz").mkdir()
    (tmp / "topics.yaml").write_text(yaml.safe_dump(topics), encoding="utf-8")
    (tmp / "faq" / "a.yaml").write_text(yaml.safe_dump({"faq": faq}, allow_unicode=True), encoding="utf-8")
    (tmp / "quiz" / "a.yaml").write_text(yaml.safe_dump({"quiz": quiz}, allow_unicode=True), encoding="utf-8")
    return tmp


def test_valid_minimal_bank_loads(tmp_path: Path) -> None:
    bank = load_bank(write(tmp_path, [good_faq()], [good_quiz()]))
    assert list(bank.faq) == ["bilateral-pengertian"]
    assert bank.quiz["q-1"].options[0] == "bilateral"


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    faq = [
        good_faq(),
        good_faq(),  # duplicate id
        good_faq(id="x-2", topic="nope", related=["missing"], answer="<div>bad</div>", variants=["one"]),
        good_faq(id="x-3", answer="AT&T < 5", source=""),
        good_faq(id="x-4", answer="kata " * 300),
    ]
    quiz = [
        good_quiz(question="x" * 301),
        good_quiz(id="q-2", options=["a"], answer=3),
        good_quiz(id="q-3", options=["a", "a", "b", "c"], explanation="e" * 201),
        good_quiz(id="q-4", explanation="a\nb\nc\nd", difficulty="gampang", faq="unknown-faq"),
        good_quiz(id="q-5", options=["a" * 101, "b", "c", "d"]),
    ]
    _, problems = load_content(write(tmp_path, faq, quiz))
    found = {(p.id, p.field) for p in problems}
    expected = {
        ("bilateral-pengertian", "id"), ("x-2", "topic"), ("x-2", "related"), ("x-2", "answer"),
        ("x-2", "variants"), ("x-3", "answer"), ("x-3", "source"), ("x-4", "answer"),
        ("q-1", "question"), ("q-2", "options"), ("q-2", "answer"), ("q-3", "options"), ("q-3", "explanation"),
        ("q-4", "explanation"), ("q-4", "difficulty"), ("q-4", "faq"), ("q-5", "options[0]"),
    }
    assert expected <= found, expected - found
    assert all(p.file.endswith(".yaml") for p in problems)
    with pytest.raises(ContentInvalid):
        load_bank(tmp_path)


def test_yaml_syntax_error_names_the_file(tmp_path: Path) -> None:
    write(tmp_path, [good_faq()], [])
    (tmp_path / "quiz" / "broken.yaml").write_text("quiz:\n  - id: x\n    question: a: b\n", encoding="utf-8")
    _, problems = load_content(tmp_path)
    assert any(p.file == "quiz/broken.yaml" and "YAML" in p.message for p in problems)


def test_an_unreadable_file_comes_first_and_hides_only_its_knock_on_errors(tmp_path: Path) -> None:
    write(tmp_path, [good_faq(related=["kerja-sama-pengertian"])], [good_quiz(faq="kerja-sama-pengertian", id="q-2"),
                                                                  good_quiz(difficulty="susah sekali")])
    (tmp_path / "faq" / "b.yaml").write_text("faq:\n  - id: kerja-sama-pengertian\n    variants: [a\n",
                                             encoding="utf-8")
    _, problems = load_content(tmp_path)
    assert [(p.file, p.field) for p in problems] == [("faq/b.yaml", None), ("quiz/a.yaml", "difficulty")]
    assert problems[0].message.startswith("YAML syntax error (line 4): ")
    # Without the broken file the same references are reported: the list above held back exactly those.
    (tmp_path / "faq" / "b.yaml").unlink()
    _, problems = load_content(tmp_path)
    assert {(p.file, p.id, p.field) for p in problems} == {
        ("faq/a.yaml", "bilateral-pengertian", "related"), ("quiz/a.yaml", "q-2", "faq"),
        ("quiz/a.yaml", "q-1", "difficulty")}


def test_unknown_field_is_a_typo(tmp_path: Path) -> None:
    _, problems = load_content(write(tmp_path, [good_faq(anwser="x")], []))
    assert any(p.field == "anwser" for p in problems)


def test_shipped_content_is_valid() -> None:
    bank, problems = load_content(REPO_CONTENT)
    assert problems == []
    assert len(bank.faq) >= 90
    assert len(bank.quiz) >= 180
    assert {q.topic for q in bank.quiz.values()} == set(bank.topics)
    assert {f.topic for f in bank.faq.values()} == set(bank.topics)


def test_lexicon_type_mistakes_are_reported_with_key_and_field(tmp_path: Path) -> None:
    write(tmp_path, [good_faq()], [good_quiz()])
    (tmp_path / "lexicon.yaml").write_text(
        "slang:\n  gaada:\n  yg: [yang]\n  salah satu: ''\nnumbers:\n  satu: 1\n  dua: ''\n"
        "protected:\n  - pbb\n  - null\n  - [a]\n  - {b: c}\n", encoding="utf-8")
    bank, problems = load_content(tmp_path)
    assert {(p.file, p.id, p.field) for p in problems} == {
        ("lexicon.yaml", "gaada", "slang"), ("lexicon.yaml", "yg", "slang"), ("lexicon.yaml", "dua", "numbers"),
        ("lexicon.yaml", None, "protected[1]"), ("lexicon.yaml", None, "protected[2]"),
        ("lexicon.yaml", None, "protected[3]"),
    }
    assert "none" not in bank.lexicon.slang.values()
    assert bank.lexicon.slang == {"salah satu": ""}  # an explicit "" drops filler words
    assert bank.lexicon.numbers == {"satu": "1"} and bank.lexicon.protected == {"pbb"}


def test_undecodable_file_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    write(tmp_path, [good_faq()], [good_quiz()])
    (tmp_path / "quiz" / "b.yaml").write_bytes(b"quiz:\n  - id: q\xe9\n")
    (tmp_path / "lexicon.yaml").write_bytes(b"\xff\xfe")
    _, problems = load_content(tmp_path)
    assert [(p.file, "UTF-8" in p.message) for p in problems] == [("quiz/b.yaml", True), ("lexicon.yaml", True)]


def test_problem_without_file_has_no_stray_prefix(tmp_path: Path) -> None:
    _, problems = load_content(tmp_path / "missing")
    assert str(problems[0]) == f"content directory {tmp_path / 'missing'} does not exist"
    assert str(problems[0].__class__("a.yaml", "x", "id", "bad")) == "a.yaml [x] id: bad"
