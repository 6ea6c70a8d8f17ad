"""Answers, suggestions, small talk and tone: what the tutor says around an answer."""

from __future__ import annotations

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
    "mc.statements": {"id": "Pernyataan yang {which}: nomor <b>{numbers}</b>.", "en": "The statements that {which}: <b>{numbers}</b>."},
    "mc.order": {"id": "Urutannya menurut tanggal peristiwanya:", "en": "In the order of their dates:"},
    "mc.statements.and": {"id": "dan", "en": "and"},
    "mc.statements.none": {"id": "Tidak ada pernyataan yang {which}.", "en": "None of the statements {which}."},
    "mc.statements.fit": {"id": "sesuai", "en": "fit"},
    "mc.statements.unfit": {"id": "tidak sesuai", "en": "do not fit"},
    "mc.elsewhere": {
        "id": "Pilihan <b>{others}</b> menurut materiku membicarakan hal lain, bukan {subject}.",
        "en": "From what I know, option(s) <b>{others}</b> are about something else, not {subject}.",
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
}
