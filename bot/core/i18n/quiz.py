"""Quizzes the way students answer them (console letters, /batal, topic names)."""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "quiz.start_console": {
        "id": "📝 Kuis dimulai: {count} soal. Jawab dengan huruf (A, B, …) atau nomor; ketik /batal untuk berhenti.",
        "en": "📝 Quiz started: {count} questions. Answer with a letter (A, B, …) or a number; type /batal to stop.",
    },
    "quiz.pick_letter": {
        "id": "Jawab dengan huruf A–{last} (atau nomor 1–{count}).",
        "en": "Answer with a letter A–{last} (or a number 1–{count}).",
    },
    "quiz.cancelled_quit": {
        "id": "Kuis dibatalkan. Ketik /keluar sekali lagi untuk menutup tutor, atau tanya apa saja.",
        "en": "Quiz cancelled. Type /keluar again to close the tutor, or ask anything.",
    },
    "quiz.replaced": {
        "id": "Kuis tadi kuhentikan; kita mulai kuis yang baru.",
        "en": "I stopped that quiz; here comes the new one.",
    },
    "quiz.still_running": {
        "id": "Kuisnya masih menunggu jawabanmu (atau /batal untuk berhenti):",
        "en": "The quiz is still waiting for your answer (or /batal to stop):",
    },
    "quiz.help_console": {
        "id": "Kamu sedang mengerjakan kuis. Jawab dengan huruf atau nomor pilihan, /batal untuk berhenti, "
              "/kuis [topik] untuk kuis lain, /topik untuk daftar topik.",
        "en": "You are in a quiz. Answer with the option's letter or number, /batal to stop, "
              "/kuis [topic] for another quiz, /topik for the topics.",
    },
    "quiz.unknown_command": {
        "id": "Perintah itu tidak ada di konsol. Kuisnya masih berjalan; /batal untuk berhenti.",
        "en": "The console has no such command. The quiz is still running; /batal stops it.",
    },
    "quiz.not_a_choice": {
        "id": "Kuisnya masih berjalan. Mau bertanya dulu? Ketik /batal untuk berhenti, lalu tanya.",
        "en": "The quiz is still running. Want to ask something first? Type /batal to stop, then ask.",
    },
    "quiz.nothing_to_cancel": {
        "id": "Tidak ada kuis yang sedang berjalan. Mulai dengan /kuis, ya.",
        "en": "There is no quiz running. Start one with /kuis.",
    },
    "quiz.unknown_topic": {
        "id": "Aku belum kenal topik «{typed}». Pilih salah satu topik ini:",
        "en": "I don't know the topic «{typed}». Pick one of these:",
    },
    "quiz.which_topic": {
        "id": "«{typed}» cocok dengan beberapa topik. Yang mana?",
        "en": "«{typed}» fits several topics. Which one?",
    },
    "quiz.topic_buttons_hint": {
        "id": "Bisa juga diketik, misalnya <code>/kuis asean</code> atau <code>/kuis kaa</code>; "
              "salah ketik sedikit tidak apa-apa.",
        "en": "You can also type it, e.g. <code>/kuis asean</code> or <code>/kuis kaa</code>; small typos are fine.",
    },
    "quiz.cancelled_telegram": {
        "id": "🛑 Kuis dihentikan. Sejauh ini kamu menjawab {answered} soal, {correct} benar. "
              "Mulai lagi kapan saja dengan /kuis.",
        "en": "🛑 Quiz stopped. So far you answered {answered} questions, {correct} correct. "
              "Start again any time with /kuis.",
    },
    "group.cancel_admins_only": {
        "id": "Maaf, hanya admin grup yang bisa menghentikan kuis grup.",
        "en": "Sorry, only the group's admins can stop the group quiz.",
    },
    "group.round_cancelled": {
        "id": "🛑 Kuis grup dihentikan oleh admin.",
        "en": "🛑 An admin stopped the group quiz.",
    },
    "topics.quiz_names": {
        "id": "Kuis satu topik: tekan topiknya lalu «📝 Kuis topik ini», atau ketik salah satu ini: {names}",
        "en": "A quiz on one topic: open the topic and press «📝 Quiz on this topic», or type one of these: {names}",
    },
    "topics.quiz_hint": {
        "id": "Salah ketik sedikit tidak apa-apa; singkatan seperti KAA, GNB atau KMB juga kukenal.",
        "en": "Small typos are fine; I also know abbreviations such as KAA, GNB or KMB.",
    },
    "quiz.perfect": {"id": "Sempurna! 🎉", "en": "Perfect! 🎉"},
}
