"""What the next year's report says of each commitment, for the site: the outcomes
stage's suggestions (outcomes.py) for every pair of consecutive reports of one place,
with what editors decided about them.

The library finds the pairs and calls `follow_ups` with plain data; nothing here
reads the library. Editors decide with `python3 build.py outcomes-review` (review.py),
which records each decision in the earlier report's outcomes.yaml:

    <report>-2-0-1:                 (a commitment's id)
      decision: accepted            # accepted (then also a dated update in progress.yaml) or rejected
      date: YYYY-MM-DD              # when the editor decided
      next_report: <later report>   # the report the suggestion came from
      status: achieved              # accepted only: the status recorded in progress.yaml
      evidence: [s1-intro-1]        # the later report's sentences the suggestion quoted

A rejected suggestion is not shown again; an accepted one is shown as checked.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from . import schema
from .model import Commitment, Report, ReportMeta
from .outcomes import Evidence, Outcome, link_outcomes
from .progress import STATUSES as PROGRESS_STATUSES
from .progress import by_commitment

DECISIONS_FILE = "outcomes.yaml"
#: a suggested status on the progress scale; "unclear" has none: the editor says which.
PROGRESS_STATUS = {"achieved": "achieved", "partly": "partly-achieved", "not_achieved": "not-achieved"}
#: what an accepted suggestion may record: the scale but "not yet rated", which says nothing.
ACCEPTABLE = tuple(s for s in PROGRESS_STATUSES if s != "not-yet-rated")
#: how the home and topic pages count commitments that have a next report: checked by an
#: editor (the progress status), not mentioned (or the suggestion rejected), suggested.
BUCKETS = (*ACCEPTABLE, "not-mentioned", "suggested")
#: always shown, even at zero: the statuses residents look for first.
MAIN_BUCKETS = ("achieved", "partly-achieved", "not-mentioned", "suggested")


@dataclass(frozen=True)
class Decision:
    decision: str          # "accepted" or "rejected"
    date: dt.date
    next_report: str
    status: str = ""       # accepted only
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True)
class FollowUp:
    """One commitment and what the next year's report says of it."""

    outcome: Outcome
    #: the later report's slug.
    later: str
    decision: Decision | None = None

    @property
    def confirmed(self) -> bool:
        return self.decision is not None and self.decision.decision == "accepted"

    @property
    def rejected(self) -> bool:
        return self.decision is not None and self.decision.decision == "rejected"

    @property
    def evidence(self) -> tuple[Evidence, ...]:
        """The sentences to quote: none once an editor said they are not about it."""
        return () if self.rejected else self.outcome.evidence

    @property
    def suggested(self) -> bool:
        """Evidence that no editor has checked yet."""
        return bool(self.evidence) and self.decision is None

    @property
    def bucket(self) -> str:
        if self.confirmed:
            return self.decision.status
        return "suggested" if self.suggested else "not-mentioned"


def consecutive(metas: list[ReportMeta]) -> dict[str, str]:
    """Earlier report's slug → the next year's report of the same place (by its Chinese
    name), when the site holds both; with two candidates, the first by slug."""
    pairs = {}
    for earlier in metas:
        later = next((m for m in sorted(metas, key=lambda m: m.slug)
                      if m.place.get("zh") == earlier.place.get("zh") and m.year == earlier.year + 1), None)
        if later is not None:
            pairs[earlier.slug] = later.slug
    return pairs


def follow_ups(commitments: tuple[Commitment, ...], later: Report,
               decisions: dict[str, Decision]) -> dict[str, FollowUp]:
    """Every commitment's follow-up in `later`; a decision counts only for the report it was made on."""
    slug = later.meta.slug
    return {o.commitment.id: FollowUp(o, slug, d if (d := decisions.get(o.commitment.id)) and d.next_report == slug
                                      else None)
            for o in link_outcomes(commitments, later)}


def bucket_counts(follow_ups) -> dict[str, int]:
    """Commitments per bucket, the main ones always, the others when there are some."""
    counts = {bucket: 0 for bucket in BUCKETS}
    for follow_up in follow_ups:
        counts[follow_up.bucket] += 1
    return {b: n for b, n in counts.items() if n or b in MAIN_BUCKETS}


def load_decisions(path: Path, known_ids: set[str]) -> dict[str, Decision]:
    """outcomes.yaml, checked against its schema, then: known ids, dates not after today."""
    if not path.exists():
        return {}
    document = schema.load(path, "outcomes")
    decisions = {}
    for cid, entry in by_commitment(document, known_ids, "no commitment of this report has the id"):
        accepted = entry["decision"] == "accepted"
        decisions[cid] = Decision(entry["decision"], document.past_date((cid, "date")), entry["next_report"],
                                  entry["status"] if accepted else "", tuple(entry.get("evidence") or ()))
    return decisions
