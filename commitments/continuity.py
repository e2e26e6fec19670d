"""Promises carried over from one year's plan to the next, new ones, and dropped ones.

Two commitments are the same promise when they share enough of their rare words:
the cosine of their Chinese character bigrams, each weighted by how rare it is among
both plans' commitments (wording.py, as outcomes.py uses it to link a plan to a
review). The threshold is high on purpose: a promise wrongly called "carried over"
says more than the reports do, a missed one only leaves it among the new and the
dropped.
"""
from __future__ import annotations

from dataclasses import dataclass

from .model import Commitment
from .wording import bigrams, cosine, idf, weighted

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
    words = {c.id: bigrams(c.text) for c in (*earlier, *later)}
    rare = idf(words.values())
    vectors = {cid: weighted(each, rare) for cid, each in words.items()}
    similar = {}  # (earlier id, later id) → cosine, for the pairs similar enough
    for before in earlier:
        for after in later:
            if len(words[before.id].keys() & words[after.id].keys()) >= SHARED_MIN:
                score = cosine(vectors[before.id], vectors[after.id])
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
