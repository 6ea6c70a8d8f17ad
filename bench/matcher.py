"""Matcher quality and latency, against a naive rapidfuzz baseline on the same questions.

The baseline is `rapidfuzz.process.extractOne` with `WRatio` over every question and variant,
answering when its score reaches one threshold; the best single threshold is searched, so the
comparison is fair to it.
"""

from __future__ import annotations

import random
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, replace
from pathlib import Path

import yaml
from rapidfuzz import fuzz, process, utils

from bot.core.content import ContentBank, FaqEntry, load_bank
from bot.core.matcher import Matcher

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT / "tests" / "data" / "eval.yaml"


@dataclass
class Quality:
    top1: float
    top3: float
    mrr: float
    answered: float
    confident_wrong: float
    abstention: float

    def line(self) -> str:
        return (f"top-1 {self.top1:6.1%}  top-3 {self.top3:6.1%}  MRR {self.mrr:.3f}  answered {self.answered:6.1%}  "
                f"confident-wrong {self.confident_wrong:5.1%}  off-topic abstention {self.abstention:6.1%}")


WARM_PASSES = 5


def load_eval(bank: ContentBank, path: Path = EVAL) -> tuple[list[tuple[str, str]], list[str]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    on = [(x["q"], x["faq"]) for x in data["on_topic"] if x["faq"] in bank.faq]
    return on, list(data["off_topic"])


def evaluate(matcher: Matcher, on: list[tuple[str, str]], off: list[str]) -> tuple[Quality, list[float]]:
    """Quality figures and per-question latencies (ms)."""
    top1 = top3 = answered = wrong = 0
    rr = 0.0
    lat: list[float] = []
    for q, expected in on:
        start = time.perf_counter()
        result = matcher.match(q)
        lat.append((time.perf_counter() - start) * 1000)
        ids = [c.faq_id for c in result.candidates]
        if ids[:1] == [expected]:
            top1 += 1
        if expected in ids[:3]:
            top3 += 1
        if expected in ids:
            rr += 1 / (ids.index(expected) + 1)
        if result.decision == "answer":
            answered += 1
            if ids[0] != expected:
                wrong += 1
    abstained = 0
    for q in off:
        start = time.perf_counter()
        result = matcher.match(q)
        lat.append((time.perf_counter() - start) * 1000)
        if result.decision != "answer":
            abstained += 1
    n = len(on)
    return Quality(top1 / n, top3 / n, rr / n, answered / n, wrong / n, abstained / max(len(off), 1)), lat


def baseline(bank: ContentBank, on: list[tuple[str, str]], off: list[str]) -> tuple[Quality, float, list[float]]:
    """extractOne + WRatio at its best single threshold (maximizing correct answers + abstentions)."""
    choices: list[str] = []
    owners: list[str] = []
    for entry in bank.faq.values():
        for text in (entry.question, *entry.variants):
            choices.append(text)
            owners.append(entry.id)
    lat: list[float] = []

    def best(q: str) -> tuple[str, float, list[str]]:
        start = time.perf_counter()
        hits = process.extract(q, choices, scorer=fuzz.WRatio, processor=utils.default_process, limit=15)
        lat.append((time.perf_counter() - start) * 1000)
        ranked: list[str] = []
        for _, _, idx in hits:
            if owners[idx] not in ranked:
                ranked.append(owners[idx])
        return (ranked[0] if ranked else ""), (hits[0][1] if hits else 0.0), ranked

    on_res = [(best(q), exp) for q, exp in on]
    off_res = [best(q)[1] for q in off]
    best_t, best_obj = 0.0, -1.0
    for threshold in range(0, 101):
        good = sum(1 for (top, score, _), exp in on_res if score >= threshold and top == exp)
        abst = sum(1 for score in off_res if score < threshold)
        obj = good / len(on_res) + abst / max(len(off_res), 1)
        if obj > best_obj:
            best_t, best_obj = float(threshold), obj
    n = len(on_res)
    top1 = sum(1 for (top, _, _), exp in on_res if top == exp) / n
    top3 = sum(1 for (_, _, ranked), exp in on_res if exp in ranked[:3]) / n
    mrr = sum(1 / (ranked.index(exp) + 1) for (_, _, ranked), exp in on_res if exp in ranked) / n
    answered = sum(1 for (_, score, _), _ in on_res if score >= best_t) / n
    wrong = sum(1 for (top, score, _), exp in on_res if score >= best_t and top != exp) / n
    abst = sum(1 for s in off_res if s < best_t) / max(len(off_res), 1)
    return Quality(top1, top3, mrr, answered, wrong, abst), best_t, lat


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    k = min(len(ordered) - 1, max(0, round(pct / 100 * (len(ordered) - 1))))
    return ordered[k]


def synthetic_bank(bank: ContentBank, size: int, seed: int = 7) -> ContentBank:
    """A bank of `size` entries made from the real ones with shuffled and substituted words."""
    rng = random.Random(seed)
    real = list(bank.faq.values())
    words = sorted({w for e in real for text in (e.question, *e.variants) for w in text.lower().split()})
    faq: dict[str, FaqEntry] = dict(bank.faq)
    i = 0
    while len(faq) < size:
        base = real[i % len(real)]
        i += 1

        fid = f"syn-{i}"
        faq[fid] = replace(base, id=fid, question=_mutate(base.question, rng, words, i),
                           variants=tuple(_mutate(v, rng, words, i) for v in base.variants), related=())
    return ContentBank(bank.topics, faq, bank.quiz, bank.lexicon)


def _mutate(text: str, rng: random.Random, words: list[str], salt: int) -> str:
    toks = text.split()
    for _ in range(max(1, len(toks) // 3)):
        toks[rng.randrange(len(toks))] = rng.choice(words) + rng.choice(["", "x", "an", str(salt)])
    return " ".join(toks)


def ask_startup_seconds(runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "bot", "ask", "apa itu kerja sama bilateral"], check=True,
                       capture_output=True, cwd=ROOT)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> dict[str, object]:
    bank = load_bank(ROOT / "content")
    on, off = load_eval(bank)
    t0 = time.perf_counter()
    matcher = Matcher(bank)
    build_ms = (time.perf_counter() - t0) * 1000
    matcher_q, cold = evaluate(matcher, on, off)  # first sight of every word: typo and stem caches empty
    lat: list[float] = []
    for _ in range(WARM_PASSES):  # warm caches, as in a running bot; several passes steady the p99
        lat += evaluate(matcher, on, off)[1]
    base_q, base_t, base_lat = baseline(bank, on, off)
    print(f"Matcher on {len(bank.faq)} entries, {len(on)} on-topic and {len(off)} off-topic questions "
          f"(index built in {build_ms:.0f} ms)")
    print(f"  ours     {matcher_q.line()}")
    print(f"  baseline {base_q.line()}  (WRatio threshold {base_t:.0f})")
    print(f"  latency ours p50 {percentile(lat, 50):.3f} ms  p99 {percentile(lat, 99):.3f} ms "
          f"(first sight of each word: p99 {percentile(cold, 99):.3f} ms);"
          f" baseline p50 {percentile(base_lat, 50):.3f} ms  p99 {percentile(base_lat, 99):.3f} ms")
    print(f"  gain: top-1 x{matcher_q.top1 / max(base_q.top1, 1e-9):.2f}, confident-wrong "
          f"{base_q.confident_wrong:.1%} -> {matcher_q.confident_wrong:.1%}, abstention "
          f"{base_q.abstention:.1%} -> {matcher_q.abstention:.1%}")
    big = synthetic_bank(bank, 5000)
    t0 = time.perf_counter()
    big_matcher = Matcher(big)
    big_build = time.perf_counter() - t0
    _, big_cold = evaluate(big_matcher, on, off)
    _, big_lat = evaluate(big_matcher, on, off)
    print(f"  synthetic 5,000 entries: p50 {percentile(big_lat, 50):.3f} ms  p99 {percentile(big_lat, 99):.3f} ms "
          f"(first sight p99 {percentile(big_cold, 99):.3f} ms; index built in {big_build:.1f} s)")
    startup = ask_startup_seconds()
    print(f"  `python -m bot ask` start-up (median of 5): {startup:.2f} s")
    return {"quality": matcher_q, "baseline": base_q, "p99_ms": percentile(lat, 99), "p99_cold_ms": percentile(cold, 99),
            "p99_5000_ms": percentile(big_lat, 99), "ask_startup_s": startup}
