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
    "smalltalk.about_me": {
        "id": "Aku bot, jadi aku \"tinggal\" di Telegram dan selalu siap menemani kamu belajar kerja sama "
              "internasional dan diplomasi Indonesia. 😊 Ada yang mau kamu tanyakan?",
        "en": "I'm a bot, so I \"live\" on Telegram and I'm always ready to help you learn about international "
              "cooperation and Indonesian diplomacy. 😊 What would you like to ask?",
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
    "smalltalk.praise": {
        "id": "Makasih! 😊 Kamu juga hebat karena rajin belajar. Mau coba /kuis?",
        "en": "Thank you! 😊 You're doing great too. Want to try /kuis?",
    },
    "smalltalk.confused": {
        "id": (
            "Gapapa, pelan-pelan aja. 🙂 Coba tanya lagi dengan kata-kata lain, misalnya "
            "<i>apa itu kerja sama bilateral?</i>, atau ketik /topik untuk memilih pertanyaan."
        ),
        "en": (
            "No worries, step by step. 🙂 Try asking in other words, for example "
            "<i>apa itu kerja sama bilateral?</i>, or type /topik to pick a question."
        ),
    },
    "smalltalk.more": {
        "id": "Mau lanjut? Tanya hal lain yang ingin kamu tahu, ketik /topik untuk melihat pertanyaan, atau /kuis untuk latihan.",
        "en": "Want more? Ask something else, type /topik to see questions, or /kuis to practise.",
    },
    # ---- tone: religious greetings, feelings, frustration, rudeness ----
    "smalltalk.salam": {
        "id": "Wa'alaikumsalam! 😊 Ada yang mau ditanyakan soal kerja sama internasional atau diplomasi? Atau ketik /kuis untuk latihan.",
        "en": "Wa'alaikumsalam! 😊 Anything you'd like to ask about international cooperation or diplomacy? Or type /kuis to practise.",
    },
    "smalltalk.shalom": {"id": "Shalom! 😊 Ada yang mau ditanyakan soal kerja sama internasional atau diplomasi? Atau ketik /kuis untuk latihan.", "en": "Shalom! 😊 Anything you'd like to ask about international cooperation or diplomacy? Or type /kuis to practise."},
    "smalltalk.sejahtera": {"id": "Salam sejahtera juga! 😊 Ada yang mau ditanyakan soal kerja sama internasional atau diplomasi? Atau ketik /kuis untuk latihan.", "en": "Salam sejahtera to you too! 😊 Anything you'd like to ask about international cooperation or diplomacy? Or type /kuis to practise."},
    "smalltalk.swastiastu": {"id": "Om Swastiastu! 🙏 Ada yang mau ditanyakan soal kerja sama internasional atau diplomasi? Atau ketik /kuis untuk latihan.", "en": "Om Swastiastu! 🙏 Anything you'd like to ask about international cooperation or diplomacy? Or type /kuis to practise."},
    "smalltalk.buddhaya": {"id": "Namo Buddhaya! 🙏 Ada yang mau ditanyakan soal kerja sama internasional atau diplomasi? Atau ketik /kuis untuk latihan.", "en": "Namo Buddhaya! 🙏 Anything you'd like to ask about international cooperation or diplomacy? Or type /kuis to practise."},
    "smalltalk.kebajikan": {"id": "Salam kebajikan! 🙏 Ada yang mau ditanyakan soal kerja sama internasional atau diplomasi? Atau ketik /kuis untuk latihan.", "en": "Salam kebajikan! 🙏 Anything you'd like to ask about international cooperation or diplomacy? Or type /kuis to practise."},
    "smalltalk.return.salam": {"id": "Wa'alaikumsalam! 😊", "en": "Wa'alaikumsalam! 😊"},
    "smalltalk.return.shalom": {"id": "Shalom! 😊", "en": "Shalom! 😊"},
    "smalltalk.return.sejahtera": {"id": "Salam sejahtera juga! 😊", "en": "Salam sejahtera to you too! 😊"},
    "smalltalk.return.swastiastu": {"id": "Om Swastiastu! 🙏", "en": "Om Swastiastu! 🙏"},
    "smalltalk.return.buddhaya": {"id": "Namo Buddhaya! 🙏", "en": "Namo Buddhaya! 🙏"},
    "smalltalk.return.kebajikan": {"id": "Salam kebajikan! 🙏", "en": "Salam kebajikan! 🙏"},
    "smalltalk.sad": {
        "id": "Peluk dari jauh 🤗 Maaf ya, kamu lagi merasa berat. Cerita ke orang yang kamu percaya juga bisa "
              "membantu. Kalau nanti mau belajar pelan-pelan, aku di sini: tanya apa saja atau ketik /topik.",
        "en": "Sending a hug 🤗 Sorry you're having a hard time. Talking to someone you trust can help too. "
              "Whenever you want to study, slowly, I'm here: ask anything or type /topik.",
    },
    "smalltalk.tired": {
        "id": "Kamu sudah berusaha keras, hebat! 😊 Istirahat sebentar dulu juga penting: minum, regangkan badan. "
              "Kalau sudah segar, kita lanjut pelan-pelan, ya.",
        "en": "You've been working hard, well done! 😊 A short break matters too: drink some water, stretch. "
              "When you feel fresh, we'll go on step by step.",
    },
    "smalltalk.frustrated": {
        "id": "Wajar kok kalau terasa susah, semua juga pernah begitu. 💪 Yuk kita pecah jadi bagian kecil: bagian "
              "mana yang bikin bingung? Tulis pertanyaannya, atau ketik /topik untuk mulai dari dasar.",
        "en": "It's normal to find this hard, everyone does at times. 💪 Let's take it in small pieces: which part "
              "is confusing? Write the question, or type /topik to start from the basics.",
    },
    "smalltalk.insult": {
        "id": "Maaf kalau aku belum membantu. 🙏 Aku tetap mau bantu: coba tulis pertanyaanmu dengan kata lain, "
              "atau ketik /topik untuk memilih pertanyaan.",
        "en": "Sorry if I haven't been helpful. 🙏 I still want to help: try your question in other words, "
              "or type /topik to pick a question.",
    },
    "smalltalk.bye": {
        "id": "Sampai jumpa! Semangat belajarnya ya. 👋",
        "en": "See you! Keep it up. 👋",
    },
    "answer.source": {"id": "Sumber: {source}", "en": "Source: {source}"},
    "intent.miss": {
        "id": "Aku belum punya jawaban tentang <b>{what}</b> {subject}. Ini yang aku tahu tentang {subject}:\n\n{entries}",
        "en": "I don't have an answer about <b>{what}</b> {subject} yet. Here is what I know about {subject}:\n\n{entries}",
    },
    "intent.definition": {"id": "pengertian", "en": "the meaning of"},
    "intent.list": {"id": "contoh atau daftar", "en": "examples or a list of"},
    "intent.when": {"id": "kapan", "en": "when (the date of)"},
    "intent.where": {"id": "tempat", "en": "where (the place of)"},
    "intent.who": {"id": "siapa (tokoh)", "en": "who (the people of)"},
    "intent.why": {"id": "latar belakang", "en": "the background of"},
    "intent.how": {"id": "peran atau cara kerja", "en": "the role or workings of"},
    "intent.purpose": {"id": "tujuan", "en": "the purpose of"},
    "intent.function": {"id": "fungsi atau tugas", "en": "the functions of"},
    "intent.benefit": {"id": "manfaat", "en": "the benefits of"},
    "intent.impact": {"id": "dampak", "en": "the impact of"},
    "intent.count": {"id": "jumlah", "en": "how many (the number of)"},
    "intent.difference": {"id": "perbedaan", "en": "the differences of"},
    "intent.abbreviation": {"id": "kepanjangan", "en": "the full name of"},
    "intent.other": {"id": "hal itu", "en": "that about"},
    "mc.answer": {"id": "Jawabannya <b>{option}</b>", "en": "The answer is <b>{option}</b>"},
    "kind.bilateral": {
        "id": "Kerja sama {a} dan {b} termasuk <b>kerja sama bilateral</b>, karena hanya melibatkan dua negara.",
        "en": "Cooperation between {a} and {b} is <b>bilateral cooperation</b>: it involves exactly two countries.",
    },
    "kind.field_other": {
        "id": "<b>{option}</b> termasuk kerja sama bidang {field}, bukan bidang {asked}.",
        "en": "<b>{option}</b> belongs to cooperation in {field}, not in {asked}.",
    },
    "kind.field_same": {
        "id": "<b>{option}</b> termasuk kerja sama bidang {asked}; pilihan lainnya termasuk bidang lain.",
        "en": "<b>{option}</b> belongs to cooperation in {asked}; the other options belong to other fields.",
    },
    "field.pendidikan": {"id": "pendidikan", "en": "education"},
    "field.pertahanan keamanan": {"id": "pertahanan dan keamanan", "en": "defence and security"},
    "field.ekonomi": {"id": "ekonomi", "en": "the economy"},
    "field.sosial budaya": {"id": "sosial budaya", "en": "society and culture"},
    "field.kesehatan": {"id": "kesehatan", "en": "health"},
    "field.lingkungan": {"id": "lingkungan hidup", "en": "the environment"},
    "mc.unsure": {
        "id": "Aku belum bisa memastikan jawabannya. Menurut materiku, pilihan <b>{ruled_out}</b> tidak cocok; "
              "yang mungkin tinggal <b>{remaining}</b>.",
        "en": "I can't decide this one. From what I know, option(s) <b>{ruled_out}</b> do not fit; "
              "<b>{remaining}</b> remain possible.",
    },
    "mc.unknown": {
        "id": "Maaf, aku belum tahu jawaban soal pilihan ganda ini, jadi aku tidak mau menebak. 🙏",
        "en": "Sorry, I don't know the answer to this multiple-choice question, and I won't guess. 🙏",
    },
    "mc.read": {"id": "Mungkin ini membantu:", "en": "This may help:"},
    "answer.as_of": {"id": "Fakta per {date}", "en": "Facts as of {date}"},
    "month.1": {"id": "Januari", "en": "January"},
    "month.2": {"id": "Februari", "en": "February"},
    "month.3": {"id": "Maret", "en": "March"},
    "month.4": {"id": "April", "en": "April"},
    "month.5": {"id": "Mei", "en": "May"},
    "month.6": {"id": "Juni", "en": "June"},
    "month.7": {"id": "Juli", "en": "July"},
    "month.8": {"id": "Agustus", "en": "August"},
    "month.9": {"id": "September", "en": "September"},
    "month.10": {"id": "Oktober", "en": "October"},
    "month.11": {"id": "November", "en": "November"},
    "month.12": {"id": "Desember", "en": "December"},
    "answer.related": {"id": "Pertanyaan terkait:", "en": "Related questions:"},
    "topics.header": {"id": "Topik yang bisa kamu pelajari:", "en": "Topics you can study:"},
    # ---- daily quiz, broadcasts and owner tools (bot/broadcast, bot/handlers/daily.py, owner.py) ----
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
    # ---- quizzes the way students answer them (console letters, /batal, topic names) ----
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
    # ---- Telegram bot interface (bot/handlers) ----
    "start.greeting": {
        "id": (
            "Halo, {name}! 👋 Aku <b>Tutor Diplomasi</b>.\n"
            "Tanya apa saja soal kerja sama internasional dan diplomasi Indonesia, "
            "atau latihan dengan kuis dan lihat skormu."
        ),
        "en": (
            "Hi, {name}! 👋 I'm <b>Tutor Diplomasi</b>.\n"
            "Ask me anything about international cooperation and Indonesian diplomacy, "
            "or practise with quizzes and track your score."
        ),
    },
    "button.ask": {"id": "❓ Tanya", "en": "❓ Ask"},
    "button.quiz": {"id": "📝 Kuis", "en": "📝 Quiz"},
    "button.topics": {"id": "📚 Topik", "en": "📚 Topics"},
    "button.quiz_topic": {"id": "📝 Kuis topik ini", "en": "📝 Quiz on this topic"},
    "button.back_topics": {"id": "« Daftar topik", "en": "« All topics"},
    "button.prev": {"id": "‹ Sebelumnya", "en": "‹ Previous"},
    "button.next": {"id": "Berikutnya ›", "en": "Next ›"},
    "ask.prompt": {
        "id": "Tulis saja pertanyaanmu, ya. Contoh: <i>apa itu ASEAN?</i>",
        "en": "Just type your question. For example: <i>apa itu ASEAN?</i>",
    },
    "ask.prompt_group": {
        "id": "Tulis pertanyaanmu setelah perintahnya, ya. Contoh: <code>/tanya apa itu ASEAN?</code>",
        "en": "Put your question after the command. For example: <code>/tanya apa itu ASEAN?</code>",
    },
    "help": {
        "id": (
            "<b>Perintah Tutor Diplomasi</b>\n"
            "/tanya &lt;pertanyaan&gt; – tanya soal diplomasi (di chat pribadi cukup ketik saja)\n"
            "/topik – jelajahi topik dan pertanyaannya\n"
            "/kuis [topik] [jumlah] – latihan kuis, contoh: <code>/kuis asean 5</code>, <code>/kuis kaa</code> "
            "(nama topik ada di /topik; singkatan dan salah ketik kecil juga bisa)\n"
            "/batal – hentikan kuis yang sedang berjalan\n"
            "/ulang – ulangi soal yang pernah salah\n"
            "/skor – skor, ketepatan per topik, dan runtutan harianmu\n"
            "/peringkat – peringkat grup (minggu ini dan sepanjang waktu)\n"
            "/harian – kuis harian untuk chat ini\n"
            "/kelas, /rekap – admin grup: gambaran kelas dan rekap mingguan\n"
            "/bahasa – ganti bahasa (Indonesia/English)\n"
            "/help – daftar perintah ini\n\n"
            "Di grup, aku menjawab kalau kamu memakai /tanya, menyebut @{username}, atau membalas pesanku."
        ),
        "en": (
            "<b>Tutor Diplomasi commands</b>\n"
            "/tanya &lt;question&gt; – ask about diplomacy (in a private chat just type it)\n"
            "/topik – browse topics and their questions\n"
            "/kuis [topic] [count] – practise with a quiz, e.g. <code>/kuis asean 5</code>, <code>/kuis kaa</code> "
            "(topic names are in /topik; abbreviations and small typos work too)\n"
            "/batal – stop the running quiz\n"
            "/ulang – review questions you got wrong\n"
            "/skor – your score, accuracy per topic and daily streak\n"
            "/peringkat – the group leaderboard (this week and all time)\n"
            "/harian – the daily quiz for this chat\n"
            "/kelas, /rekap – group admins: class insight and the weekly recap\n"
            "/bahasa – change the language (Indonesia/English)\n"
            "/help – this list\n\n"
            "In groups I answer when you use /tanya, mention @{username}, or reply to my message."
        ),
    },
    "media.private": {
        "id": "Aku baru bisa membaca pesan teks. Tulis pertanyaanmu dengan kata-kata, ya. 🙂",
        "en": "I can only read text messages for now. Please type your question. 🙂",
    },
    "photo.read": {
        "id": "📷 Aku membaca: «{text}»",
        "en": "📷 I read: «{text}»",
    },
    "photo.unavailable": {
        "id": "Maaf, di server ini aku belum bisa membaca foto. Ketik pertanyaanmu, ya. 🙂",
        "en": "Sorry, I cannot read photos on this server. Please type your question. 🙂",
    },
    "photo.unreadable": {
        "id": "Aku tidak menemukan tulisan yang bisa kubaca di foto ini. 📷 Coba foto soalnya lebih dekat, "
              "di tempat terang dan tidak miring, atau ketik pertanyaannya, ya.",
        "en": "I could not find any text I can read in this photo. 📷 Try a closer, brighter, straight photo "
              "of the question, or type it.",
    },
    "photo.busy": {
        "id": "Aku masih membaca foto-foto sebelumnya. ⏳ Tunggu sebentar, lalu kirim lagi, ya.",
        "en": "I am still reading earlier photos. ⏳ Please wait a moment and send it again.",
    },
    "photo.too_big": {
        "id": "Gambarnya terlalu besar untukku. Kirim sebagai foto biasa (bukan file), ya.",
        "en": "That image is too large for me. Please send it as a normal photo, not as a file.",
    },
    "photo.not_image": {
        "id": "File ini bukan gambar yang bisa kubaca. Kirim foto soalnya, ya.",
        "en": "That file is not an image I can read. Please send a photo of the question.",
    },
    "photo.download_failed": {
        "id": "Aku tidak bisa mengambil fotonya dari Telegram. Coba kirim lagi, ya.",
        "en": "I could not fetch the photo from Telegram. Please send it again.",
    },
    "photo.several": {
        "id": "Ada {count} soal di fotomu. Ini jawaban singkatnya:",
        "en": "Your photo has {count} questions. Here are short answers:",
    },
    "photo.brief_unknown": {
        "id": "<i>belum bisa kujawab dengan yakin. Ketik soal ini saja supaya aku bisa memberi saran.</i>",
        "en": "<i>I cannot answer this one for sure. Type it and I will suggest what I know.</i>",
    },
    "photo.choose": {
        "id": "Ada {count} soal di fotomu. Soal nomor berapa yang mau kamu tanyakan?",
        "en": "Your photo has {count} questions. Which number do you want to ask about?",
    },
    "photo.expired": {
        "id": "Soal dari foto itu sudah tidak kusimpan. Kirim lagi fotonya, ya.",
        "en": "I no longer have the questions from that photo. Please send it again.",
    },
    "photo.type_instead": {
        "id": "Oke! Ketik saja pertanyaanmu, nanti aku jawab. ✍️",
        "en": "Okay! Just type your question and I will answer it. ✍️",
    },
    "button.type_instead": {
        "id": "✏️ Bukan itu, aku ketik saja",
        "en": "✏️ Not that, I'll type it",
    },
    "button.question_number": {
        "id": "Soal {number}",
        "en": "Question {number}",
    },
    # "Laporkan kesalahan": reports about an answer, a fact card or a quiz question
    "button.report": {"id": "⚠️ Laporkan kesalahan", "en": "⚠️ Report a mistake"},
    "button.report_question": {"id": "⚠️ Soal {number}", "en": "⚠️ Q{number}"},
    "button.report_cancel": {"id": "✖️ Batal", "en": "✖️ Cancel"},
    "report.quiz_hint": {
        "id": "Ada soal yang menurutmu salah? Tekan nomornya untuk melapor.",
        "en": "Think a question was wrong? Press its number to report it.",
    },
    "report.prompt": {
        "id": "Terima kasih sudah teliti! 🙏 Apa yang salah dari <i>{what}</i>? Tulis dalam <b>satu pesan</b>, ya.",
        "en": "Thanks for checking! 🙏 What is wrong with <i>{what}</i>? Tell me in <b>one message</b>.",
    },
    "report.prompt_group": {
        "id": "{name}, terima kasih sudah teliti! 🙏 Apa yang salah dari <i>{what}</i>? "
              "<b>Balas pesan ini</b> dengan penjelasanmu dalam satu pesan.",
        "en": "{name}, thanks for checking! 🙏 What is wrong with <i>{what}</i>? "
              "<b>Reply to this message</b> with your explanation in one message.",
    },
    "report.thanks": {
        "id": "Laporanmu sudah aku catat (nomor {id}) dan akan diperiksa pengelola bot. Terima kasih! ✅",
        "en": "Your report is saved (number {id}) and the bot's maintainers will check it. Thank you! ✅",
    },
    "report.cancelled": {"id": "Oke, laporan dibatalkan.", "en": "Okay, report cancelled."},
    "report.empty": {
        "id": "Laporannya kosong. Tulis apa yang salah dengan kata-kata, ya.",
        "en": "The report is empty. Please describe the mistake in words.",
    },
    "report.quiz_what": {"id": "soal kuis «{question}»", "en": "the quiz question «{question}»"},
    "report.answer_what": {"id": "jawaban «{question}»", "en": "the answer «{question}»"},
    "report.card_what": {"id": "fakta tentang {subject}", "en": "the fact about {subject}"},
    "reports.header": {"id": "<b>Laporan kesalahan terbuka</b>: {count}", "en": "<b>Open mistake reports</b>: {count}"},
    "reports.row": {"id": "#{id} · {kind} <code>{ref}</code> ({day}): {text}",
                    "en": "#{id} · {kind} <code>{ref}</code> ({day}): {text}"},
    "reports.usage": {
        "id": "Tutup laporan yang sudah ditangani dengan <code>/laporan selesai NOMOR</code>.",
        "en": "Close a handled report with <code>/laporan selesai NUMBER</code>.",
    },
    "reports.closed": {"id": "Laporan #{id} ditutup. ✅", "en": "Report #{id} closed. ✅"},
    "reports.not_found": {"id": "Tidak ada laporan terbuka bernomor {id}.", "en": "There is no open report number {id}."},
    "command.unknown": {
        "id": "Perintah itu belum aku kenal. Ketik /help untuk daftar perintah, atau langsung tulis pertanyaanmu.",
        "en": "I don't know that command. Type /help for the list, or just type your question.",
    },
    "callback.expired": {"id": "Tombol ini sudah kedaluwarsa.", "en": "This button has expired."},
    "error.generic": {
        "id": "Maaf, ada yang salah di sisiku. 🙏 Coba lagi sebentar lagi, ya.",
        "en": "Sorry, something went wrong on my side. 🙏 Please try again in a moment.",
    },
    "topics.pick": {"id": "📚 Pilih topik yang ingin kamu pelajari:", "en": "📚 Pick a topic to study:"},
    "topics.questions": {
        "id": "<b>{topic}</b>\n{description}\n\nPilih pertanyaan (halaman {page}/{pages}):",
        "en": "<b>{topic}</b>\n{description}\n\nPick a question (page {page}/{pages}):",
    },
    "quiz.bad_topic": {
        "id": "Topik itu belum ada. Pilih salah satu ini, lalu coba lagi, contoh <code>/kuis asean</code>:\n{topics}",
        "en": "I don't know that topic. Pick one of these and try again, e.g. <code>/kuis asean</code>:\n{topics}",
    },
    "quiz.bad_count": {
        "id": "Jumlah soal harus 1 sampai {max}. Contoh: <code>/kuis asean 5</code>",
        "en": "The number of questions must be 1 to {max}. For example: <code>/kuis asean 5</code>",
    },
    "quiz.start": {
        "id": "📝 Kuis dimulai: {count} soal{topic}. Pilih jawabanmu di setiap soal, ya! "
              "Soalnya menunggu kalau kamu bertanya dulu; ketik /batal untuk berhenti.",
        "en": "📝 Quiz started: {count} questions{topic}. Choose your answer for each question! "
              "The question waits if you ask something first; type /batal to stop.",
    },
    "quiz.topic_suffix": {"id": " tentang <b>{topic}</b>", "en": " on <b>{topic}</b>"},
    "quiz.review_start": {
        "id": "🔁 Waktunya mengulang: {count} soal yang pernah kamu jawab salah. Ketik /batal untuk berhenti.",
        "en": "🔁 Review time: {count} questions you got wrong before. Type /batal to stop.",
    },
    "quiz.review_none": {
        "id": "Belum ada soal yang perlu diulang sekarang. 🎉 Coba /kuis untuk latihan baru.",
        "en": "Nothing to review right now. 🎉 Try /kuis for new practice.",
    },
    "quiz.review_later": {
        "id": "Belum ada yang jatuh tempo sekarang; {total} soal masih dalam antrean ulang dan akan muncul lagi nanti.",
        "en": "Nothing is due right now; {total} questions are still in your review queue and will come back later.",
    },
    "quiz.review_private": {
        "id": "🔁 Soal ulangan itu milik masing-masing siswa, jadi /ulang hanya di chat pribadi. "
              "Kirim /ulang ke aku langsung, ya!",
        "en": "🔁 Reviews are personal, so /ulang works only in a private chat. Send /ulang to me directly!",
    },
    "quiz.summary": {
        "id": "🏁 Kuis selesai! Skor kamu <b>{correct}/{total}</b>.",
        "en": "🏁 Quiz finished! Your score: <b>{correct}/{total}</b>.",
    },
    "quiz.summary_review": {
        "id": "Yang perlu dipelajari lagi:\n{items}\n\nKetik /ulang nanti untuk mengulang soal yang salah.",
        "en": "Worth studying again:\n{items}\n\nType /ulang later to retry the questions you missed.",
    },
    "group.round_start": {
        "id": "🎯 Kuis grup dimulai: {count} soal{topic}, {seconds} detik per soal. Siapa paling jago? "
              "(Admin bisa menghentikannya dengan /batal.)",
        "en": "🎯 Group quiz started: {count} questions{topic}, {seconds} seconds each. Who's the best? "
              "(Admins can stop it with /batal.)",
    },
    "group.batch_header": {
        "id": "Banyak yang bertanya sekaligus, jadi jawabannya kukumpulkan di sini 👇",
        "en": "Lots of questions at once, so here are the answers together 👇",
    },
    "group.batch_heard": {
        "id": "{names}: pertanyaanmu sudah kuterima ✅ Jawabannya menyusul sebentar lagi, ya.",
        "en": "{names}: got your question ✅ The answer follows in a moment.",
    },
    "group.busy": {
        "id": "Sabar, ya 🙂 Kuis grup masih berjalan. Selesaikan dulu yang ini, lalu mulai lagi.",
        "en": "Hold on 🙂 a group quiz is still running. Finish this one first, then start another.",
    },
    "group.round_end": {
        "id": "🏆 Kuis grup selesai! Peringkat ronde ini:\n{ranking}",
        "en": "🏆 Group quiz finished! This round's ranking:\n{ranking}",
    },
    "group.round_empty": {
        "id": "🏁 Kuis grup selesai, tapi belum ada yang menjawab. Coba lagi dengan /kuis!",
        "en": "🏁 Group quiz finished, but nobody answered. Try again with /kuis!",
    },
    "rank.row": {"id": "{n}. {name} – {correct}/{answered} benar", "en": "{n}. {name} – {correct}/{answered} correct"},
    "rank.header": {"id": "🏆 <b>Peringkat grup</b>", "en": "🏆 <b>Group leaderboard</b>"},
    "rank.week": {"id": "<b>Minggu ini</b>", "en": "<b>This week</b>"},
    "rank.all": {"id": "<b>Sepanjang waktu</b>", "en": "<b>All time</b>"},
    "rank.nobody": {"id": "Belum ada yang menjawab kuis.", "en": "No quiz answers yet."},
    "rank.private": {
        "id": "Peringkat ada di grup kelas. Di sini kamu bisa lihat skormu sendiri dengan /skor.",
        "en": "Leaderboards live in class groups. Here you can see your own score with /skor.",
    },
    "score.none": {
        "id": "Kamu belum menjawab kuis. Mulai dengan /kuis, ya!",
        "en": "You haven't answered any quiz yet. Start with /kuis!",
    },
    "score.summary": {
        "id": (
            "📊 <b>Skor {name}</b>\n"
            "Dijawab: {answered} · Benar: {correct} · Ketepatan: {accuracy}%\n"
            "🔥 Runtutan harian: {streak} hari (terbaik {best} hari)"
        ),
        "en": (
            "📊 <b>{name}'s score</b>\n"
            "Answered: {answered} · Correct: {correct} · Accuracy: {accuracy}%\n"
            "🔥 Daily streak: {streak} days (best {best} days)"
        ),
    },
    "score.topics": {"id": "<b>Per topik</b>", "en": "<b>Per topic</b>"},
    "score.topic_row": {"id": "• {topic}: {correct}/{answered} ({accuracy}%)", "en": "• {topic}: {correct}/{answered} ({accuracy}%)"},
    "score.reviews": {
        "id": "🔁 Soal untuk diulang sekarang: {due} (ketik /ulang)",
        "en": "🔁 Questions to review now: {due} (type /ulang)",
    },
    "lang.pick": {
        "id": "Pilih bahasa untuk {target}: bahasa menu dan pesan. Jawaban dan soal kuis tetap berbahasa Indonesia.",
        "en": "Choose the language for {target}: it sets menus and messages. Answers and quiz questions stay in "
              "Indonesian.",
    },
    "lang.target_user": {"id": "kamu", "en": "you"},
    "lang.target_group": {"id": "grup ini", "en": "this group"},
    "lang.set": {
        "id": "Oke, aku akan memakai Bahasa Indonesia. Materi pelajaran tetap berbahasa Indonesia.",
        "en": "OK, I'll use English for menus and messages. Answers and quiz questions stay in Indonesian, "
              "the language of the lessons.",
    },
    "lang.admins_only": {
        "id": "Maaf, hanya admin grup yang bisa mengubah bahasa grup.",
        "en": "Sorry, only the group's admins can change the group language.",
    },
    "group.intro": {
        "id": (
            "Halo semuanya! 👋 Aku <b>Tutor Diplomasi</b>, teman belajar soal kerja sama internasional "
            "dan diplomasi Indonesia.\n\n"
            "• Tanya dengan <code>/tanya apa itu ASEAN?</code>, sebut @{username}, atau balas pesanku.\n"
            "• Main kuis bareng dengan /kuis, lihat peringkat dengan /peringkat.\n"
            "• Admin grup bisa menyalakan kuis harian dengan <code>/harian 07:00</code>."
        ),
        "en": (
            "Hello everyone! 👋 I'm <b>Tutor Diplomasi</b>, a study buddy for international cooperation "
            "and Indonesian diplomacy.\n\n"
            "• Ask with <code>/tanya apa itu ASEAN?</code>, mention @{username}, or reply to my message.\n"
            "• Play a quiz together with /kuis and see the leaderboard with /peringkat.\n"
            "• Group admins can turn on the daily quiz with <code>/harian 07:00</code>."
        ),
    },
    "inline.empty_hint": {"id": "Ketik pertanyaanmu…", "en": "Type your question…"},
}

# ---- pictures: /kelas, /rekap, the progress card on /skor, the owners' picture (issue 17)
TEXTS.update({
    "chart.no_data": {"id": "belum ada data", "en": "no data yet"},
    "chart.topic_accuracy": {"id": "Ketepatan per topik", "en": "Accuracy per topic"},
    "chart.participation": {"id": "Siswa yang menjawab per hari", "en": "Students answering per day"},
    "chart.missed": {"id": "Paling sering salah (% salah)", "en": "Most missed (% wrong)"},
    "chart.backlog": {"id": "Antrean ulangan", "en": "Review backlog"},
    "chart.review_boxes": {"id": "Kotak ulangan", "en": "Review boxes"},
    "chart.box_new": {"id": "baru", "en": "new"},
    "chart.box_learning": {"id": "sedang\ndipelajari", "en": "learning"},
    "chart.box_learned": {"id": "sudah\nhafal", "en": "learned"},
    "chart.class_title": {"id": "{title} · 7 hari terakhir · {students} siswa",
                          "en": "{title} · last 7 days · {students} students"},
    "chart.student_title": {"id": "Kemajuan {name}", "en": "{name}'s progress"},
    "chart.calendar": {"id": "{days} hari terakhir (runtutan {streak})", "en": "Last {days} days (streak {streak})"},
    "chart.weekdays": {"id": "Sn Sl Rb Km Jm Sb Mg", "en": "Mo Tu We Th Fr Sa Su"},
    "chart.bot_title": {"id": "Tutor Diplomasi · {days} hari terakhir", "en": "Tutor Diplomasi · last {days} days"},
    "chart.stale": {"id": "fakta lewat tinjau: {count}", "en": "facts past review: {count}"},
    "chart.active_chats": {"id": "Chat aktif per hari", "en": "Active chats per day"},
    "chart.answers": {"id": "Jawaban kuis per hari", "en": "Quiz answers per day"},
    "chart.unanswered": {"id": "Pertanyaan tak terjawab per hari", "en": "Unanswered questions per day"},
    "kelas.header": {"id": "📊 <b>{title}</b> · {days} hari terakhir", "en": "📊 <b>{title}</b> · last {days} days"},
    "kelas.week": {
        "id": "Siswa aktif: <b>{students}</b> dari {total} · Jawaban: {answers}, benar {accuracy}%",
        "en": "Active students: <b>{students}</b> of {total} · Answers: {answers}, {accuracy}% right",
    },
    "kelas.all_time": {"id": "Sepanjang waktu: {answers} jawaban, benar {accuracy}%",
                       "en": "All time: {answers} answers, {accuracy}% right"},
    "kelas.per_day": {"id": "Siswa per hari: {days}", "en": "Students per day: {days}"},
    "kelas.topics": {"id": "<b>Ketepatan per topik</b> (terlemah dulu)", "en": "<b>Accuracy per topic</b> (weakest first)"},
    "kelas.topics_all": {"id": "<b>Ketepatan per topik, sepanjang waktu</b> (terlemah dulu)",
                         "en": "<b>Accuracy per topic, all time</b> (weakest first)"},
    "kelas.missed": {"id": "<b>Perlu diulang di kelas</b> (paling sering salah)",
                     "en": "<b>To reteach</b> (most often missed)"},
    "kelas.missed_row": {"id": "• {question}\n  ✅ {answer} · salah {wrong} dari {answered}",
                         "en": "• {question}\n  ✅ {answer} · wrong {wrong} of {answered}"},
    "kelas.backlog": {
        "id": "🔁 Antrean ulangan kelas: {new} baru, {learning} sedang dipelajari, {learned} sudah hafal "
              "({due} menunggu diulang)",
        "en": "🔁 Class review backlog: {new} new, {learning} learning, {learned} learned ({due} due now)",
    },
    "kelas.sent_private": {"id": "📬 Gambar kelas dan CSV per siswa sudah kukirim ke chat pribadi {name}.",
                           "en": "📬 I sent the class picture and the per-student CSV to {name} privately."},
    "kelas.start_me": {
        "id": "📬 Gambar kelas dan CSV per siswa hanya kukirim lewat chat pribadi, tapi aku belum bisa "
              "mengirim pesan ke {name}. Buka <a href=\"{link}\">chat denganku</a>, tekan Mulai, lalu "
              "ketik /kelas lagi di sini.",
        "en": "📬 The class picture and per-student CSV go to a private chat, but I can't message {name} yet. "
              "Open <a href=\"{link}\">a chat with me</a>, press Start, then type /kelas here again.",
    },
    "kelas.anonymous": {
        "id": "📬 Kamu menulis sebagai admin anonim, jadi aku tidak tahu ke mana mengirim gambar dan CSV. "
              "Ketik /kelas tanpa mode anonim untuk menerimanya di chat pribadi.",
        "en": "📬 You wrote as an anonymous admin, so I don't know where to send the picture and CSV. "
              "Type /kelas without anonymity to get them privately.",
    },
    "kelas.admins_only": {"id": "Maaf, ringkasan kelas hanya untuk admin grup. 🙏",
                          "en": "Sorry, the class summary is for the group's admins only. 🙏"},
    "kelas.private": {"id": "Ketik /kelas di grup kelasmu (kamu harus admin di sana), ya.",
                      "en": "Type /kelas in your class group (you need to be an admin there)."},
    "kelas.no_data": {
        "id": "Belum ada jawaban kuis di grup ini. Mulai dengan /kuis atau nyalakan kuis harian dengan /harian 07:00.",
        "en": "No quiz answers in this group yet. Start with /kuis or turn on the daily quiz with /harian 07:00.",
    },
    "kelas.one_student": {
        "id": "Baru satu siswa yang menjawab kuis di grup ini, jadi angka kelas belum kutampilkan di grup "
              "(nanti terlihat jawaban satu orang). Ajak yang lain ikut /kuis, ya!",
        "en": "Only one student has answered quizzes in this group, so I won't show class figures here "
              "(they would show one person's answers). Invite the others to /kuis!",
    },
    "kelas.photo_caption": {"id": "📊 {title}: gambar kelas, 7 hari terakhir", "en": "📊 {title}: class picture, last 7 days"},
    "kelas.csv_caption": {"id": "Hasil per siswa (jawaban, ketepatan per topik, runtutan)",
                          "en": "Results per student (answers, accuracy per topic, streak)"},
    "kelas.started": {"id": "Siap! Sekarang ketik /kelas lagi di grup kelasmu, gambar dan CSV-nya kukirim ke sini.",
                      "en": "Ready! Now type /kelas again in your class group and I'll send the picture and CSV here."},
    "csv.name": {"id": "nama", "en": "name"},
    "csv.answers": {"id": "jawaban", "en": "answers"},
    "csv.correct": {"id": "benar", "en": "right"},
    "csv.accuracy": {"id": "ketepatan (%)", "en": "accuracy (%)"},
    "csv.streak": {"id": "runtutan (hari)", "en": "streak (days)"},
    "rekap.on": {"id": "✅ Rekap mingguan aktif: tiap Senin pukul {time} {zone}, bersama gambar kelas.",
                 "en": "✅ Weekly recap on: every Monday at {time} {zone}, with the class picture."},
    "rekap.off": {"id": "Rekap mingguan dimatikan.", "en": "Weekly recap turned off."},
    "rekap.status_on": {"id": "Rekap mingguan aktif: tiap Senin pukul {time} {zone}. Matikan dengan <code>/rekap off</code>.",
                        "en": "Weekly recap is on: every Monday at {time} {zone}. Turn it off with <code>/rekap off</code>."},
    "rekap.status_off": {"id": "Rekap mingguan belum aktif. Admin bisa menyalakannya dengan <code>/rekap on</code>.",
                         "en": "The weekly recap is off. Admins can turn it on with <code>/rekap on</code>."},
    "rekap.needs_time": {"id": "Rekap mingguan dikirim pada jam kuis harian. Atur dulu jamnya dengan <code>/harian 07:00</code>.",
                         "en": "The weekly recap goes out at the daily-quiz time. Set it first with <code>/harian 07:00</code>."},
    "rekap.usage": {"id": "Pakai <code>/rekap on</code> atau <code>/rekap off</code>.",
                    "en": "Use <code>/rekap on</code> or <code>/rekap off</code>."},
    "rekap.groups_only": {"id": "Rekap mingguan untuk grup kelas. Tambahkan aku ke grup, lalu ketik /rekap on di sana.",
                          "en": "The weekly recap is for class groups. Add me to a group and type /rekap on there."},
    "rekap.admins_only": {"id": "Maaf, hanya admin grup yang bisa mengatur rekap mingguan.",
                          "en": "Sorry, only the group's admins can set the weekly recap."},
    "rekap.header": {"id": "🗓️ <b>Rekap minggu lalu</b> ({start} – {end})", "en": "🗓️ <b>Last week's recap</b> ({start} – {end})"},
    "rekap.figures": {"id": "Siswa aktif: <b>{students}</b> · Jawaban: {answers}, benar {accuracy}%",
                      "en": "Active students: <b>{students}</b> · Answers: {answers}, {accuracy}% right"},
    "rekap.weakest": {"id": "Topik yang perlu dilatih: {topics}", "en": "Topics to practise: {topics}"},
    "rekap.top": {"id": "🏆 <b>Tiga teratas minggu ini</b>", "en": "🏆 <b>This week's top three</b>"},
    "rekap.quiet": {"id": "Minggu lalu belum ada yang menjawab kuis. Yuk mulai lagi dengan /kuis!",
                    "en": "Nobody answered a quiz last week. Let's start again with /kuis!"},
    "score.boxes": {"id": "📦 Kotak ulangan: {new} baru, {learning} sedang dipelajari, {learned} sudah hafal",
                    "en": "📦 Review boxes: {new} new, {learning} learning, {learned} learned"},
    "owner.picture_caption": {"id": "📈 Tutor Diplomasi, 30 hari terakhir", "en": "📈 Tutor Diplomasi, last 30 days"},
})


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
