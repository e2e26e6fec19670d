"""Progress on commitments, recorded by editors in content/reports/<report>/progress.yaml.

The scale follows the best promise trackers: a named status per commitment and dated
updates, newest first, each with a source a resident can check. The file's shape is
progress.schema.json's; a date after today or out of order is refused here.

    <report>-5-2-1:            (a commitment's id)
      status: in-progress
      updates:
        - date: YYYY-MM-DD
          status: in-progress
          source: https://example.gov.cn/news/123.html
          note: {zh: 已竣工学校8所。, en: 8 schools completed so far.}
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from . import schema

#: the scale (progress.schema.json lists the same statuses), with each status's name.
STATUSES = {
    "not-yet-rated": {"zh": "未评估", "en": "Not yet rated"},
    "in-progress": {"zh": "推进中", "en": "In progress"},
    "stalled": {"zh": "停滞", "en": "Stalled"},
    "achieved": {"zh": "已实现", "en": "Achieved"},
    "partly-achieved": {"zh": "部分实现", "en": "Partly achieved"},
    "not-achieved": {"zh": "未实现", "en": "Not achieved"},
}
DEFAULT_STATUS = "not-yet-rated"
PROGRESS_FILE = "progress.yaml"


@dataclass(frozen=True)
class Update:
    date: dt.date
    status: str
    source: str
    note: dict[str, str]


@dataclass(frozen=True)
class Progress:
    status: str = DEFAULT_STATUS
    updates: tuple[Update, ...] = ()

    @property
    def updated(self) -> dt.date | None:
        return max((u.date for u in self.updates), default=None)


def load_progress(path: Path, known_ids: set[str]) -> dict[str, Progress]:
    """progress.yaml, checked against its schema, then: known ids, dates not after today,
    updates newest first."""
    if not path.exists():
        return {}
    document = schema.load(path, "progress")
    result = {}
    for cid, entry in by_commitment(document, known_ids, "no commitment has the id"):
        updates = []
        for index, raw in enumerate(entry.get("updates") or []):
            at = (cid, "updates", index, "date")
            date = document.past_date(at)
            if updates and date > updates[-1].date:
                raise document.error(at, f"{raw['date']!r} is after the update above it ({updates[-1].date}): "
                                         "updates go newest first")
            note = raw["note"] if isinstance(raw["note"], dict) else {"zh": raw["note"], "en": raw["note"]}
            updates.append(Update(date, raw.get("status", DEFAULT_STATUS), raw["source"], dict(note)))
        result[cid] = Progress(entry.get("status", DEFAULT_STATUS), tuple(updates))
    return result


def by_commitment(document: schema.Document, known_ids: set[str], unknown: str):
    """(id, entry) of an editor's file keyed by commitment id (progress.yaml, outcomes.yaml),
    its shape checked by its schema: each id must be one of the report's."""
    for cid, entry in (document.data or {}).items():
        if cid not in known_ids:
            raise document.error((), f"{unknown} {cid!r}", document.key_line((cid,)))
        yield cid, entry
