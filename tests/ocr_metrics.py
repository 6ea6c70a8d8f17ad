"""Character error rate, shared by the photo tests and the photo benchmark."""

from __future__ import annotations

from rapidfuzz.distance import Levenshtein


def char_error_rate(expected: str, read: str) -> float:
    """Edits needed to turn what was read into what was written, per character written (spaces and
    line breaks folded, case kept: "PBB" read as "pbb" is an error a student would notice)."""
    want = " ".join(expected.split())
    got = " ".join(read.split())
    return Levenshtein.distance(want, got) / max(1, len(want))
