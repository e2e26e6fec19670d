"""Promises carried over from one year's plan to the next, new ones, and dropped ones.

Two commitments are the same promise when they share enough of their rare words:
the cosine of their Chinese character bigrams, each weighted by how rare it is among
both plans' commitments (the idea outcomes.py uses to link a plan to a review, and
with its list of words every plan uses). The threshold is high on purpose: a promise
wrongly called "carried over" says more than the reports do, a missed one only
leaves it among the new and the dropped.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

from .model import Commitment
from .outcomes import COMMON

HAN_RE = re.compile(r"[\u4e00-\u9fff]")
SIMILAR_MIN = 0.5   # cosine of rare bigrams
SHARED_MIN = 3      # and at least this many shared bigrams: short sentences share few by chance


@dataclass(frozen=True)
class CarriedOver:
    earlier: Commitment
    later: Commitment
    similarity: float


@dataclass(frozen=True)
class Continuity:
    """How the later plan follows the earlier one, each list in report order."""

    carried_over: tuple[CarriedOver, ...]
    #: later commitments like none of the earlier plan.
    new: tuple[Commitment, ...]
    #: earlier commitments like none of the later plan.
    dropped: tuple[Commitment, ...]


def compare_plans(earlier: tuple[Commitment, ...], later: tuple[Commitment, ...]) -> Continuity:
    """Each earlier commitment with the most similar later one, when similar enough; the
    later ones similar to none, the earlier ones similar to none."""
    words = {c.id: Counter(_bigrams(c.text)) for c in (*earlier, *later)}
    df = Counter(b for bigrams in words.values() for b in bigrams)
    idf = {b: math.log((len(words) + 1) / (d + 0.5)) for b, d in df.items()}
    vectors = {cid: _weighted(bigrams, idf) for cid, bigrams in words.items()}
    similar = {}  # (earlier id, later id) → cosine, for the pairs similar enough
    for before in earlier:
        for after in later:
            if len(words[before.id].keys() & words[after.id].keys()) >= SHARED_MIN:
                score = _cosine(vectors[before.id], vectors[after.id])
                if score >= SIMILAR_MIN:
                    similar[before.id, after.id] = score
    carried = []
    for before in earlier:
        scores = [(similar[before.id, after.id], after) for after in later if (before.id, after.id) in similar]
        if scores:
            score, after = max(scores, key=lambda pair: pair[0])
            carried.append(CarriedOver(before, after, round(score, 2)))
    kept = {c.earlier.id for c in carried}
    followed = {later_id for _, later_id in similar}
    return Continuity(tuple(carried), tuple(c for c in later if c.id not in followed),
                      tuple(c for c in earlier if c.id not in kept))


def _bigrams(text: str) -> list[str]:
    han = "".join(HAN_RE.findall(text))
    return [han[i:i + 2] for i in range(len(han) - 1) if han[i:i + 2] not in COMMON]


def _weighted(bigrams: Counter, idf: dict[str, float]) -> dict[str, float]:
    return {b: count * idf[b] for b, count in bigrams.items()}


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    dot = sum(w * b.get(k, 0.0) for k, w in a.items())
    norm = math.sqrt(sum(w * w for w in a.values())) * math.sqrt(sum(w * w for w in b.values()))
    return dot / norm if norm else 0.0
