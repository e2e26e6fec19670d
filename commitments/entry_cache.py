"""Each report's checked commitments, kept between static builds.

Reading a report's commitment files (YAML front matter, each checked against its
schema and the report) is most of loading a site: at 8 reports, a second of a rebuild
that changed one file. The build keeps what ``content.load_entries`` returned for each
report beside the site, under a hash of everything it read and checked against: the
folder's zh/ and en/ files and report files, topics.yaml, the code and the day dates are
checked against. A report whose hash is the same is taken from there; any other is read
and checked again. A state that cannot be read is no state: everything is read.
"""
from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path

from .content import Entry, commitment_paths, load_entries
from .schema import today

FORMAT = 1


class EntryCache:
    def __init__(self, path: Path, code: str, reuse: bool = True):
        """The state at ``path`` (``reuse``: else none is read, and every report is read)."""
        self.path, self.code = path, code
        try:
            if not reuse:
                raise FileNotFoundError(path)
            with open(path, "rb") as f:
                fmt, stored = pickle.load(f)
        except Exception:  # none, cut short or from another version: read every report
            fmt, stored = None, {}
        self.stored: dict = stored if fmt == FORMAT and isinstance(stored, dict) else {}
        self.used: dict = {}

    def _key(self, folder: Path, topics_file: Path) -> str:
        h = hashlib.sha256()
        h.update(f"{self.code}\0{today().isoformat()}\0".encode())
        paths = [topics_file, folder / "report.yaml", folder / "report.txt",
                 *commitment_paths(folder, "zh"), *commitment_paths(folder, "en")]
        for path in paths:
            h.update(str(path.relative_to(folder.parent.parent)).encode() + b"\0")
            try:
                h.update(path.read_bytes() + b"\0")
            except OSError:
                h.update(b"missing\0")
        return h.hexdigest()

    def load_entries(self, folder: Path, report, topics) -> tuple[Entry, ...]:
        """content.load_entries, or what it returned for the same bytes before."""
        key = self._key(folder, folder.parent.parent / "topics.yaml")
        stored = self.stored.get(folder.name)
        entries = stored[1] if stored and stored[0] == key else load_entries(folder, report, topics)
        self.used[folder.name] = (key, entries)
        return entries

    def save(self) -> None:
        """The reports read by this build, for the next (written beside, then renamed)."""
        temporary = self.path.with_name(self.path.name + ".tmp")
        with open(temporary, "wb") as f:
            pickle.dump((FORMAT, self.used), f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, self.path)
