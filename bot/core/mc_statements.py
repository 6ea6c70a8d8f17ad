"""Choosing among combinations of numbered statements ("Pernyataan yang sesuai ditunjukkan nomor …").

Each statement is judged against the evidence the way `bot.core.mc` scores an option: stated by a
sentence about what the question asks, or not. The option whose combination is exactly the statements
the evidence supports (or, for "yang tidak sesuai", those it does not) is chosen, and only when every
statement the options disagree on is clearly one or the other; otherwise the options the judgements
rule out are named, and the rest stay open.
"""

from __future__ import annotations

import re

from bot.core import mc
from bot.core.i18n import t
from bot.core.normalize import Normalizer
from bot.core.numbered import Listed, combination
from bot.core.pasted import Option, Pasted

TRUE_AT = 0.45  # a statement the evidence supports at least this much is true (dev and tuning sets)
FALSE_BELOW = 0.15  # and one it supports less than this is not; in between, a statement is left undecided
# "yang tidak sesuai", "salah", "incorrect": the statements asked for are the ones the evidence does not support
_ASKS_UNTRUE = re.compile(r"\b(?:tidak (?:sesuai|benar|tepat|termasuk)|bukan|salah|kecuali|incorrect|not correct|"
                          r"except|wrong|false)\b", re.IGNORECASE)
_UNORDERED = frozenset({"urutan", "kronologi", "kronologis", "order", "sequence", "chronological"})


def asks_order(listed: Listed, pasted: Pasted) -> bool:
    """Options that all name the same statements ask for their order, which these judgements cannot give."""
    sets = {combination(o.text) for o in pasted.options}
    return len(sets) == 1 or bool(set(listed.question.casefold().split()) & _UNORDERED)


def asks_untrue(listed: Listed) -> bool:
    """The question asks for the statements that do not fit ("yang tidak sesuai", "incorrect")."""
    return bool(_ASKS_UNTRUE.search(listed.question))


def judge(listed: Listed, evidence: list[mc.Evidence], normalizer: Normalizer,
          stem_weights: dict[str, float] | None = None) -> list[tuple[float, int]]:
    """How much the evidence supports each statement (0..1), in order, with the evidence that does."""
    question = _ASKS_UNTRUE.sub(" ", listed.question)
    as_options = Pasted(question, tuple(Option(str(i + 1), item) for i, item in enumerate(listed.items)))
    return mc.option_scores(as_options, evidence, normalizer, stem_weights)


def choose(listed: Listed, pasted: Pasted, judged: list[tuple[float, int]]) -> mc.Choice:
    """The option naming exactly the statements asked for, or the options the judgements rule out."""
    untrue = asks_untrue(listed)
    support = [value for value, _ in judged]
    asked = {i + 1 for i, value in enumerate(support) if (value < FALSE_BELOW if untrue else value >= TRUE_AT)}
    not_asked = {i + 1 for i, value in enumerate(support) if (value >= TRUE_AT if untrue else value < FALSE_BELOW)}
    if max(support, default=0.0) < TRUE_AT:
        return mc.Choice(None)  # the bank states none of them: what it does not say is not thereby false
    fitting = []
    ruled_out = []
    for option in pasted.options:
        numbers = combination(option.text) or frozenset()
        if numbers & not_asked or not asked <= numbers:
            ruled_out.append(option)
        else:
            fitting.append(option)
    if len(fitting) == 1:  # every other option names a statement judged wrong, or leaves out one judged right
        return mc.Choice(fitting[0], max(judged, key=lambda row: row[0])[1])  # the text that judged them best
    if not fitting or not ruled_out:
        return mc.Choice(None)
    return mc.Choice(None, ruled_out=tuple(ruled_out), remaining=tuple(fitting))



def explain(option: Option, listed: Listed, lang: str) -> str:
    """Why the option (HTML): "Pernyataan yang sesuai: nomor 2 dan 3." """
    numbers = [str(n) for n in sorted(combination(option.text) or ())]
    said = (", ".join(numbers[:-1]) + f" {t('mc.statements.and', lang)} " + numbers[-1] if len(numbers) > 1
            else "".join(numbers))
    which = t("mc.statements.unfit" if asks_untrue(listed) else "mc.statements.fit", lang)
    return t("mc.statements", lang, which=which, numbers=said) if numbers else t("mc.statements.none", lang, which=which)
