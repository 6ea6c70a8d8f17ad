"""Everything the tutor says, in Indonesian (default) and English.

Content (answers, quizzes) stays Indonesian; only the interface text is translated.
Handlers and the console look texts up here so both speak the same words.
"""

from __future__ import annotations

LANGUAGES = ("id", "en")
DEFAULT_LANGUAGE = "id"

TEXTS: dict[str, dict[str, str]] = {
    "suggest.header": {
        "id": "Hmm, aku belum yakin. Maksud kamu salah satu ini?",
        "en": "Hmm, I'm not sure yet. Did you mean one of these?",
    },
    "suggest.footer.console": {
        "id": "Ketik nomornya untuk memilih, atau tulis pertanyaanmu dengan kata lain.",
        "en": "Type a number to choose, or ask again in other words.",
    },
    "unknown": {
        "id": (
            "Maaf, aku <b>belum tahu</b> jawaban pertanyaan itu. 🙏\n"
            "Aku bisa bantu soal kerja sama internasional dan diplomasi Indonesia, misalnya:\n{topics}\n\n"
            "Coba tanya dengan kata lain, contohnya: <i>apa itu kerja sama bilateral?</i>"
        ),
        "en": (
            "Sorry, I <b>don't know</b> the answer to that yet. 🙏\n"
            "I can help with international cooperation and Indonesian diplomacy, for example:\n{topics}\n\n"
            "Try asking in other words, e.g. <i>apa itu kerja sama bilateral?</i>"
        ),
    },
    "empty": {
        "id": "Tulis pertanyaanmu, ya. Contoh: <i>apa itu kerja sama bilateral?</i>",
        "en": "Type your question. For example: <i>apa itu kerja sama bilateral?</i>",
    },
    "too_long": {
        "id": "Pertanyaanmu panjang sekali. Coba tulis intinya saja dalam satu atau dua kalimat, ya.",
        "en": "That's a very long message. Please ask the main question in a sentence or two.",
    },
    "smalltalk.greeting": {
        "id": "Halo! 👋 Aku Tutor Diplomasi. Tanya aja soal kerja sama internasional, PBB, ASEAN, atau ketik /kuis untuk latihan.",
        "en": "Hi! 👋 I'm Tutor Diplomasi. Ask me about international cooperation, the UN, ASEAN, or type /kuis to practise.",
    },
    "smalltalk.thanks": {
        "id": "Sama-sama! 😊 Kalau masih ada yang bingung, tanya lagi aja.",
        "en": "You're welcome! 😊 Ask again whenever something is unclear.",
    },
    "smalltalk.ack": {
        "id": "Oke! 👍 Mau tanya apa lagi? Atau coba /kuis.",
        "en": "OK! 👍 Anything else? Or try /kuis.",
    },
    "smalltalk.laugh": {
        "id": "Hehe 😄 Yuk lanjut belajar! Tanya apa saja soal diplomasi, atau ketik /kuis.",
        "en": "Hehe 😄 Let's keep learning! Ask anything about diplomacy, or type /kuis.",
    },
    "smalltalk.who": {
        "id": (
            "Aku <b>Tutor Diplomasi</b>, bot belajar IPS/PPKn tentang kerja sama internasional dan "
            "diplomasi Indonesia. Aku bisa menjawab pertanyaan dan memberi kuis."
        ),
        "en": (
            "I'm <b>Tutor Diplomasi</b>, a study bot for international cooperation and Indonesian "
            "diplomacy. I answer questions and run quizzes."
        ),
    },
    "smalltalk.bye": {
        "id": "Sampai jumpa! Semangat belajarnya ya. 👋",
        "en": "See you! Keep it up. 👋",
    },
    "answer.source": {"id": "Sumber: {source}", "en": "Source: {source}"},
    "answer.related": {"id": "Pertanyaan terkait:", "en": "Related questions:"},
    "topics.header": {"id": "Topik yang bisa kamu pelajari:", "en": "Topics you can study:"},
    "console.hint_token": {
        "id": "Tanpa TELEGRAM_BOT_TOKEN: membuka tutor di terminal. Atur token di .env untuk menjalankan bot Telegram.",
        "en": "No TELEGRAM_BOT_TOKEN: starting the console tutor. Set the token in .env to run the Telegram bot.",
    },
    "console.welcome": {
        "id": (
            "Tutor Diplomasi (konsol). Ketik pertanyaan, /kuis [topik] [jumlah] untuk kuis, "
            "/topik untuk daftar topik, /keluar untuk selesai."
        ),
        "en": "Tutor Diplomasi (console). Type a question, /kuis [topic] [count] for a quiz, /topik for topics, /keluar to quit.",
    },
    "console.bye": {"id": "Sampai jumpa! 👋", "en": "Bye! 👋"},
    "quiz.none": {
        "id": "Belum ada soal kuis untuk topik itu. Ketik /topik untuk melihat daftar topik.",
        "en": "There are no quiz questions for that topic yet. Type /topik to see the topics.",
    },
    "quiz.question_header": {"id": "Soal {n}/{total}", "en": "Question {n}/{total}"},
    "quiz.pick_number": {
        "id": "Jawab dengan nomor pilihan (1–{count}).",
        "en": "Answer with the option number (1–{count}).",
    },
    "quiz.correct": {"id": "✅ Benar!", "en": "✅ Correct!"},
    "quiz.wrong": {"id": "❌ Kurang tepat. Jawabannya: {answer}", "en": "❌ Not quite. The answer: {answer}"},
    "quiz.finished": {
        "id": "Selesai! Skor kamu {correct}/{total}.",
        "en": "Done! Your score: {correct}/{total}.",
    },
    "quiz.review_hint": {
        "id": "Yang perlu diulang: {items}. Ketik /ulang kapan saja untuk mengulang soal yang salah.",
        "en": "To review: {items}. Type /ulang any time to retry the questions you missed.",
    },
    "quiz.perfect": {"id": "Sempurna! 🎉", "en": "Perfect! 🎉"},
}


def t(key: str, lang: str | None = None, **kwargs: object) -> str:
    """The text for `key` in `lang` (falls back to Indonesian), formatted with kwargs."""
    entry = TEXTS[key]
    text = entry.get(lang or DEFAULT_LANGUAGE) or entry[DEFAULT_LANGUAGE]
    return text.format(**kwargs) if kwargs else text


def pick_language(choice: str | None, telegram_code: str | None) -> str:
    """Explicit /bahasa choice wins; else English for English Telegram clients; else Indonesian."""
    if choice in LANGUAGES:
        return choice
    if telegram_code and telegram_code.lower().startswith("en"):
        return "en"
    return DEFAULT_LANGUAGE
