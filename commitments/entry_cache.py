"""Each report's checked commitments, kept between static builds.

Reading a report's commitment files (YAML front matter, each checked against its
schema and the report) is most of loading a site: at 8 reports, a second of a rebuild
that changed one file. The build keeps what ``content.load_entries`` returned for each
report beside the site, under a hash of everything it read and checked against: the
folder's zh/ and en/ files and report files, topics.yaml, the code and the day dates are
checked against. A report whose hash is the same is taken from there; any other is
taken from the build's import check when it checked that report (importer.CheckedReport:
the same files, read and checked as load_entries does), or read and checked again. A
state that cannot be read is no state: everything is read.
"""
from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path

from .content import Entry, load_entries
from .schema import today
from .snapshot import ContentSnapshot

FORMAT = 1


class EntryCache:
    def __init__(self, path: Path, code: str, snapshot: ContentSnapshot, checked: dict | None = None,
                 reuse: bool = True):
        """The state at ``path`` (``reuse``: else none is read, and every report is read);
        ``snapshot``: content/ as the build read it; ``checked``: the import check's
        reports (importer.CheckedReport), by folder name."""
        self.path, self.code, self.snapshot, self.checked = path, code, snapshot, checked or {}
        try:
            if not reuse:
                raise FileNotFoundError(path)
            with open(path, "rb") as f:
                fmt, stored = pickle.load(f)
        except Exception:  # none, cut short or from another version: read every report
            fmt, stored = None, {}
        self.stored: dict = stored if fmt == FORMAT and isinstance(stored, dict) else {}
        self.used: dict = {}

    def _key(self, folder: Path) -> str:
        h = hashlib.sha256()
        h.update(f"{self.code}\0{today().isoformat()}\0".encode())
        name = f"reports/{folder.name}"
        commitments = [f for lang in ("zh", "en") for f in self.snapshot.under(f"{name}/{lang}")
                       if f.endswith(".md") and f.count("/") == 3]  # as content.commitment_paths lists them
        h.update(self.snapshot.digest(["topics.yaml", f"{name}/report.yaml", f"{name}/report.txt", *commitments])
                 .encode())
        return h.hexdigest()

    def load_entries(self, folder: Path, report, topics) -> tuple[Entry, ...]:
        """content.load_entries, or what it returned for the same bytes before, or what
        the import check made of the same report and topics."""
        key = self._key(folder)
        stored = self.stored.get(folder.name)
        checked = self.checked.get(folder.name)
        if stored and stored[0] == key:
            entries = stored[1]
        elif checked is not None and checked.report is report and checked.topics == topics:
            entries = checked.entries
        else:
            entries = load_entries(folder, report, topics)
        self.used[folder.name] = (key, entries)
        return entries

    def save(self) -> None:
        """The reports read by this build, for the next (written beside, then renamed)."""
        temporary = self.path.with_name(self.path.name + ".tmp")
        self.path.parent.mkdir(parents=True, exist_ok=True)  # beside a site not made yet
        with open(temporary, "wb") as f:
            pickle.dump((FORMAT, self.used), f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, self.path)
