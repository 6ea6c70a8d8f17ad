"""The console tutor: the same conversation and quiz logic as Telegram, in a terminal.

It reads standard input until its end, so `echo "apa itu bilateral" | make run` answers and
exits, which is how scripts and tests drive it.
"""

from __future__ import annotations

import random
import sys
from collections.abc import Awaitable, Callable
from typing import TextIO

from bot.console_input import LineReader, on_interrupt
from bot.core.conversation import Reply, Tutor
from bot.core.i18n import t
from bot.core.markup import escape, strip_tags
from bot.core.quiz import (
    DEFAULT_COUNT,
    MAX_COUNT,
    QuizRequest,
    is_correct,
    parse_quiz_args,
    pick_questions,
    prepare_poll,
)
from bot.core.render import topic_lines

UnansweredLog = Callable[[Reply], Awaitable[None]]
ReadLine = Callable[[], Awaitable[str | None]]
QUIT_WORDS = {"/keluar", "/exit", "/quit", "keluar", "exit", "quit"}
CANCEL_WORDS = {"/batal", "/stop", "/cancel"}


class Console:
    """A line-based session; one instance per terminal."""

    def __init__(self, tutor: Tutor, out: TextIO, lang: str = "id", rng: random.Random | None = None,
                 log_unanswered: UnansweredLog | None = None, quiz_length: int = DEFAULT_COUNT) -> None:
        self.tutor = tutor
        self.out = out
        self.lang = lang
        self.rng = rng or random.Random()
        self.log_unanswered = log_unanswered
        self.quiz_length = quiz_length  # QUIZ_LENGTH, the same default /kuis has on Telegram
        self.pending: list[str] = []  # faq ids offered as numbered suggestions
        self.done = False  # /keluar typed inside a quiz ends the whole session too

    def say(self, html_text: str) -> None:
        print(strip_tags(html_text), file=self.out, flush=True)

    async def run(self, read_line: ReadLine) -> None:
        self.say(t("console.welcome", self.lang))
        while not self.done and (line := await read_line()) is not None:
            text = line.strip()
            if not text:
                continue
            if text.lower() in QUIT_WORDS:
                break
            await self.handle(text, read_line)
        self.say(t("console.bye", self.lang))

    async def handle(self, text: str, read_line: ReadLine) -> None:
        if text.isdecimal():  # a choice, never a question: the matcher would only guess at a bare number
            self.choose(int(text))
            return
        self.pending = []
        if text.startswith("/"):
            await self.command(text, read_line)
            return
        reply = self.tutor.reply(text, self.lang)
        if reply.kind == "suggest":
            self.pending = [s.faq_id for s in reply.suggestions]
            self.say(reply.text + "\n" + t("suggest.footer.console", self.lang))
        else:
            self.say(reply.text)
        if reply.unanswered and self.log_unanswered is not None:
            await self.log_unanswered(reply)

    def choose(self, choice: int) -> None:
        """Show the numbered suggestion the student picked, or say which numbers there are."""
        if not self.pending:
            self.say(t("console.number_hint", self.lang))
        elif 1 <= choice <= len(self.pending):
            faq_id = self.pending[choice - 1]
            self.pending = []
            self.say(self.tutor.answer(faq_id, self.lang).text)
        else:  # keep the list: the student only mistyped the number
            self.say(t("console.number_range", self.lang, count=len(self.pending)))

    async def command(self, text: str, read_line: ReadLine) -> None:
        command, *args = text.split()
        command = command.lower()
        if command in {"/kuis", "/quiz"}:
            await self.quiz(args, read_line)
        elif command in {"/topik", "/topics"}:
            self.say(t("topics.header", self.lang) + "\n" + topic_lines(list(self.tutor.bank.topics.values()),
                                                                         self.lang))
        elif command in {"/start", "/help", "/bantuan"}:
            self.say(t("console.welcome", self.lang))
        else:  # not a question either: the teacher's unanswered list is for real questions
            self.say(t("console.unknown_command", self.lang))

    async def quiz(self, args: list[str], read_line: ReadLine) -> None:
        request = parse_quiz_args(args, self.tutor.bank, self.quiz_length)
        if request == "bad_topic":
            self.say(t("quiz.bad_topic", self.lang, topics=topic_lines(list(self.tutor.bank.topics.values()),
                                                                        self.lang)))
            return
        if request == "bad_count":
            self.say(t("quiz.bad_count", self.lang, max=MAX_COUNT))
            return
        assert isinstance(request, QuizRequest)
        questions = pick_questions(self.tutor.bank, request.topic, request.count, self.rng)
        if not questions:
            self.say(t("quiz.none", self.lang))
            return
        correct = 0
        missed: list[str] = []
        for n, question in enumerate(questions, 1):
            poll = prepare_poll(question, self.rng)
            lines = [f"{t('quiz.question_header', self.lang, n=n, total=len(questions))}: {poll.question}"]
            lines += [f"  {i}. {opt}" for i, opt in enumerate(poll.options, 1)]
            lines.append(t("quiz.pick_number", self.lang, count=len(poll.options)))
            print("\n".join(lines), file=self.out, flush=True)
            chosen = await self._read_choice(read_line, len(poll.options))
            if chosen is None:
                self.say(t("quiz.cancelled", self.lang))
                return
            if is_correct(poll.option_order, chosen, question.answer):
                correct += 1
                self.say(t("quiz.correct", self.lang) + " " + escape(poll.explanation))
            else:
                if question.faq in self.tutor.bank.faq and question.faq not in missed:
                    missed.append(question.faq)
                answer = poll.options[poll.correct_option]
                self.say(t("quiz.wrong", self.lang, answer=escape(answer)) + "\n" + escape(poll.explanation))
        summary = t("quiz.finished", self.lang, correct=correct, total=len(questions))
        if correct == len(questions):
            summary += " " + t("quiz.perfect", self.lang)
        elif missed:  # numbered like suggestions: typing a number shows that answer again
            items = "\n".join(f"{i}. {escape(self.tutor.bank.faq[f].question)}" for i, f in enumerate(missed, 1))
            summary += "\n" + t("quiz.review_console", self.lang, items=items)
            self.pending = missed
        self.say(summary)

    async def _read_choice(self, read_line: ReadLine, count: int) -> int | None:
        """The option index, or None when the quiz stops (/batal, /keluar, end of input)."""
        while (line := await read_line()) is not None:
            text = line.strip()
            if text.isdecimal() and 1 <= int(text) <= count:
                return int(text) - 1
            if text.lower() in CANCEL_WORDS:
                return None
            if text.lower() in QUIT_WORDS:
                self.done = True
                return None
            if text:
                self.say(t("quiz.pick_number", self.lang, count=count))
        self.done = True
        return None


async def run_console(tutor: Tutor, lang: str = "id", stdin: TextIO | None = None, out: TextIO | None = None,
                      log_unanswered: UnansweredLog | None = None, quiz_length: int = DEFAULT_COUNT) -> None:
    """Run the console tutor until end of input or Ctrl-C, which both end it with the same goodbye."""
    source = stdin or sys.stdin
    console = Console(tutor, out or sys.stdout, lang, log_unanswered=log_unanswered, quiz_length=quiz_length)
    reader = LineReader(source)
    on_terminal = source.isatty()

    async def read_line() -> str | None:
        if on_terminal:
            print("> ", end="", file=console.out, flush=True)
        line = await reader.readline()
        if line is None and on_terminal:  # after "^C" or Ctrl-D the cursor still stands behind the prompt
            print(file=console.out, flush=True)
        return line

    with on_interrupt(reader.interrupt):
        await console.run(read_line)
