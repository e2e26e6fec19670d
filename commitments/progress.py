"""Progress on commitments, recorded by editors in content/reports/<report>/progress.yaml.

The scale follows the best promise trackers: a named status per commitment and dated
updates, each with a source a resident can check.

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
import re
from dataclasses import dataclass
from pathlib import Path

from .errors import ContentError
from .yamlio import entries_by_commitment

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
URL_RE = re.compile(r"^https?://[^\s/$.?#].[^\s]*$")


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
    result = {}
    for cid, line, entry, value_node in entries_by_commitment(
            path, known_ids, "<commitment id>: {status: …, updates: […]}", "status and updates", {"status", "updates"}):
        status_node = _child(value_node, "status")
        status_line = status_node.start_mark.line + 1 if status_node is not None else line
        status = _status(entry.get("status", DEFAULT_STATUS), path, status_line)
        updates = []
        raw_updates = entry.get("updates") or []
        if not isinstance(raw_updates, list):
            raise ContentError(f"{cid}: updates must be a list", path, line)
        update_nodes = _child(value_node, "updates")
        for index, raw in enumerate(raw_updates):
            at = update_nodes.value[index].start_mark.line + 1 if update_nodes is not None else line
            updates.append(_update(raw, cid, path, at))
        result[cid] = Progress(status, tuple(sorted(updates, key=lambda u: u.date, reverse=True)))
    return result


def _child(mapping_node, key):
    for k, v in getattr(mapping_node, "value", []):
        if getattr(k, "value", None) == key:
            return v
    return None


def _status(value, path, line) -> str:
    if value not in STATUSES:
        raise ContentError(f"status {value!r} is not on the scale: {', '.join(STATUSES)}", path, line)
    return value


def parse_date(value, cid: str, path: Path, line: int) -> dt.date:
    """An editor's YYYY-MM-DD date (progress.yaml, outcomes.yaml), or one clear line."""
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise ContentError(f"{cid}: date {value!r} is not a date written YYYY-MM-DD", path, line) from None


def _update(raw, cid, path, line) -> Update:
    if not isinstance(raw, dict):
        raise ContentError(f"{cid}: each update needs date, source and note", path, line)
    unknown = set(raw) - {"date", "status", "source", "note"}
    if unknown:
        raise ContentError(f"{cid}: unknown key {sorted(unknown)[0]!r} in an update", path, line)
    date = parse_date(raw.get("date"), cid, path, line)
    source = raw.get("source")
    if not isinstance(source, str) or not URL_RE.match(source):
        raise ContentError(f"{cid}: every update needs a source: the web address (https://…) of the evidence", path, line)
    note = raw.get("note")
    if isinstance(note, str):
        note = {"zh": note, "en": note}
    if not isinstance(note, dict) or not all(isinstance(note.get(k), str) and note[k] for k in ("zh", "en")):
        raise ContentError(f"{cid}: each update needs a short note, {{zh: …, en: …}}", path, line)
    return Update(date, _status(raw.get("status", DEFAULT_STATUS), path, line), source, dict(note))
