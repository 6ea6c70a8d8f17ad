"""The daily quiz, broadcasts and the owners' tools (bot/broadcast, bot/handlers/daily.py, owner.py)."""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "daily.poll_prefix": {"id": "🗓 Kuis harian: ", "en": "🗓 Daily quiz: "},
    "daily.recap_header": {"id": "📋 <b>Pembahasan kuis harian</b>", "en": "📋 <b>Daily quiz recap</b>"},
    "daily.recap_answer": {"id": "✅ Jawaban: <b>{answer}</b>", "en": "✅ Answer: <b>{answer}</b>"},
    "daily.recap_counts": {
        "id": "👥 {answered} orang menjawab, {correct} benar.",
        "en": "👥 {answered} answered, {correct} correct.",
    },
    "daily.recap_nobody": {
        "id": "Belum ada yang menjawab kuis ini. Besok coba, ya! 💪",
        "en": "Nobody answered this one. Give tomorrow's a go! 💪",
    },
    "daily.recap_fastest": {"id": "🏅 Tercepat menjawab benar:", "en": "🏅 Fastest correct answers:"},
    "daily.status_on": {
        "id": "🗓 Kuis harian aktif setiap hari pukul <b>{time} {zone}</b>.\nKiriman berikutnya: {next}.\n"
              "Ubah jam dengan <code>/harian 19:30</code>, matikan dengan <code>/harian off</code>.",
        "en": "🗓 The daily quiz is on, every day at <b>{time} {zone}</b>.\nNext one: {next}.\n"
              "Change the time with <code>/harian 19:30</code>, turn it off with <code>/harian off</code>.",
    },
    "daily.status_off": {
        "id": "🗓 Kuis harian belum aktif di sini. Nyalakan dengan <code>/harian 07:00</code> (jam berapa saja, "
              "format JJ:MM).",
        "en": "🗓 The daily quiz is off here. Turn it on with <code>/harian 07:00</code> (any time, HH:MM).",
    },
    "daily.turned_on": {
        "id": "✅ Siap! Kuis harian akan dikirim setiap hari pukul <b>{time} {zone}</b>.\nKiriman pertama: {next}.",
        "en": "✅ Done! The daily quiz will arrive every day at <b>{time} {zone}</b>.\nFirst one: {next}.",
    },
    "daily.turned_off": {
        "id": "🔕 Kuis harian dimatikan. Nyalakan lagi kapan saja dengan <code>/harian 07:00</code>.",
        "en": "🔕 The daily quiz is off. Turn it back on any time with <code>/harian 07:00</code>.",
    },
    "daily.bad_time.format": {
        "id": "Format jamnya belum pas. Tulis jam dan menit dengan titik dua, contoh: <code>/harian 07:00</code>",
        "en": "I can't read that time. Write hours and minutes with a colon, e.g. <code>/harian 07:00</code>",
    },
    "daily.bad_time.hour": {
        "id": "Jamnya harus 00 sampai 23. Contoh: <code>/harian 19:30</code>",
        "en": "The hour must be 00 to 23. For example: <code>/harian 19:30</code>",
    },
    "daily.bad_time.minute": {
        "id": "Menitnya harus 00 sampai 59. Contoh: <code>/harian 07:45</code>",
        "en": "The minutes must be 00 to 59. For example: <code>/harian 07:45</code>",
    },
    "daily.admins_only": {
        "id": "Maaf, hanya admin grup yang bisa mengatur kuis harian dan zona waktu grup ini.",
        "en": "Sorry, only the group's admins can set the daily quiz and the time zone.",
    },
    "daily.zone_show": {
        "id": "🕰 Zona waktu chat ini: <b>{zone}</b>. Ganti dengan <code>/zona WIB</code>, <code>/zona WITA</code>, "
              "<code>/zona WIT</code>, atau nama IANA seperti <code>/zona Asia/Makassar</code>.",
        "en": "🕰 This chat's time zone: <b>{zone}</b>. Change it with <code>/zona WIB</code>, <code>/zona WITA</code>, "
              "<code>/zona WIT</code>, or an IANA name such as <code>/zona Asia/Makassar</code>.",
    },
    "daily.zone_set": {"id": "✅ Zona waktu sekarang <b>{zone}</b>.", "en": "✅ The time zone is now <b>{zone}</b>."},
    "daily.zone_next": {"id": "Kuis harian berikutnya: {next}.", "en": "Next daily quiz: {next}."},
    "daily.bad_zone": {
        "id": "Zona waktu itu tidak kukenal. Pakai WIB, WITA, WIT, atau nama IANA, contoh: <code>/zona WITA</code>",
        "en": "I don't know that time zone. Use WIB, WITA, WIT or an IANA name, e.g. <code>/zona WITA</code>",
    },
    "stats.header": {"id": "📊 <b>Statistik Tutor Diplomasi</b> ({day})", "en": "📊 <b>Tutor Diplomasi statistics</b> ({day})"},
    "stats.chats": {"id": "<b>Chat aktif</b>: {items}", "en": "<b>Active chats</b>: {items}"},
    "stats.subscriptions": {"id": "<b>Langganan kuis harian</b>: {items}", "en": "<b>Daily quiz subscriptions</b>: {items}"},
    "stats.deliveries": {"id": "<b>Kiriman kuis harian hari ini</b>: {items}", "en": "<b>Daily quiz deliveries today</b>: {items}"},
    "stats.answers": {"id": "<b>Jawaban kuis hari ini</b>: {count}", "en": "<b>Quiz answers today</b>: {count}"},
    "stats.topics": {"id": "<b>Ketepatan per topik</b>", "en": "<b>Accuracy per topic</b>"},
    "stats.missed": {"id": "<b>Soal paling sering salah</b>", "en": "<b>Most missed questions</b>"},
    "stats.missed_row": {"id": "• {question} – salah {wrong} dari {answered}", "en": "• {question} – wrong {wrong} of {answered}"},
    "stats.unanswered": {"id": "<b>Pertanyaan tanpa jawaban terbanyak</b>", "en": "<b>Most frequent unanswered questions</b>"},
    "stats.unanswered_origins": {"id": "Asalnya: {items}", "en": "Where they were asked: {items}"},
    "stats.stale": {"id": "<b>Fakta lewat tanggal tinjau</b>: {count}", "en": "<b>Facts past their review date</b>: {count}"},
    "stats.none": {"id": "belum ada", "en": "none yet"},
    "owner.only": {
        "id": "Perintah ini khusus pengelola bot.",
        "en": "This command is for the bot's owners only.",
    },
    "owner.broadcast_start": {
        "id": "📣 Mengirim kuis hari ini ke semua chat yang belum menerimanya…",
        "en": "📣 Sending today's quiz to every chat that has not had it yet…",
    },
    "owner.broadcast_done": {
        "id": "📣 Selesai: {sent} terkirim, {skipped} dilewati (sudah menerima), {failed} gagal"
              "{extra}.",
        "en": "📣 Done: {sent} sent, {skipped} skipped (already had it), {failed} failed{extra}.",
    },
    "owner.broadcast_extra": {
        "id": "; {deactivated} chat nonaktif (bot diblokir/dikeluarkan), {migrated} grup pindah ke supergrup",
        "en": "; {deactivated} chats gone (blocked/removed), {migrated} groups moved to supergroups",
    },
    "owner.broadcast_stopped": {
        "id": "⏸ Siaran terhenti karena bot sedang dimatikan. Setelah bot menyala lagi, kirim /siarkan sekali "
              "lagi untuk chat yang belum kebagian.",
        "en": "⏸ The broadcast stopped because the bot is shutting down. After the restart, send /siarkan again "
              "for the chats still waiting.",
    },
    "owner.broadcast_elsewhere": {
        "id": "Siaran sedang dipegang proses lain ({holder}). Coba lagi sebentar lagi.",
        "en": "Another process ({holder}) holds the broadcast lease. Try again in a moment.",
    },
    "console.hint_token": {
        "id": "Tanpa TELEGRAM_BOT_TOKEN: membuka tutor di terminal. Atur token di .env untuk menjalankan bot Telegram.",
        "en": "No TELEGRAM_BOT_TOKEN: starting the console tutor. Set the token in .env to run the Telegram bot.",
    },
    "console.welcome": {
        "id": (
            "Tutor Diplomasi (konsol). Ketik pertanyaan, /kuis [topik] [jumlah] untuk kuis (misalnya /kuis kaa 5), "
            "/topik untuk daftar topik dan namanya, /keluar untuk selesai."
        ),
        "en": (
            "Tutor Diplomasi (console). Type a question, /kuis [topic] [count] for a quiz (e.g. /kuis kaa 5), "
            "/topik for the topics and their names, /keluar to quit.\n"
            "The interface is in English; answers and quiz questions stay in Indonesian."
        ),
    },
    "console.bye": {"id": "Sampai jumpa! 👋", "en": "Bye! 👋"},
    "console.number_hint": {
        "id": "Ketik pertanyaanmu, atau nomor dari pilihan yang ada.",
        "en": "Type your question, or the number of one of the choices shown.",
    },
    "console.number_range": {
        "id": "Pilih nomor 1–{count}, atau ketik pertanyaanmu.",
        "en": "Pick a number from 1 to {count}, or type your question.",
    },
    "console.unknown_command": {
        "id": "Perintah itu tidak ada di konsol. Coba /kuis [topik] [jumlah], /topik, /bantuan, atau /keluar.",
        "en": "The console has no such command. Try /kuis [topic] [count], /topik, /bantuan or /keluar.",
    },
    "quiz.none": {
        "id": "Belum ada soal kuis untuk topik itu. Ketik /topik untuk melihat daftar topik.",
        "en": "There are no quiz questions for that topic yet. Type /topik to see the topics.",
    },
    "quiz.already_started": {  # the same quiz asked for again seconds after it started (a double tap)
        "id": "Kuisnya sudah dimulai, jawab soal di atas, ya. 🙂",
        "en": "Your quiz has already started: answer the question above. 🙂",
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
    "quiz.review_console": {
        "id": "Yang perlu dipelajari lagi:\n{items}\nKetik nomornya untuk membaca jawabannya.",
        "en": "Worth studying again:\n{items}\nType a number to read its answer.",
    },
    "quiz.cancelled": {"id": "Kuis dibatalkan.", "en": "Quiz cancelled."},
}
