"""The Telegram interface (bot/handlers): commands, buttons, photos, groups, rankings and reports."""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
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
