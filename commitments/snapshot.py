"""content/ as one static build reads it: every file once, each hashed once.

A build hashes content/ three ways (the whole of it, to tell whether anything changed
since the previous build; each report folder, to skip checking the folders that did
not; each page's inputs, to freeze again only the pages that changed) and reads the
commitment files to check and load them. Walking the folders and reading and hashing
the same ten thousand small files for each was a second of a 32-report build; here
they are read and hashed once, and every hash is made from those. The check and the
library read the commitment files from here too (content.read_once), so what a build
checks, loads and records is the same bytes, even if an editor saves a file meanwhile.

Hidden files and folders (an editor's backups, add-report's staging folder) are not
content: no stage reads them, and no hash takes them.
"""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path


@dataclass(frozen=True)
class ContentSnapshot:
    root: Path
    #: every visible file under root, by its path relative to root ("reports/x/zh/a.md"), in path order
    data: dict[str, bytes]

    @classmethod
    def read(cls, root: Path) -> ContentSnapshot:
        found: list[tuple[tuple[str, ...], str]] = []
        _walk(str(root), (), found)
        found.sort()  # by path segments, as sorted(Path) orders them
        data = {}
        for parts, full in found:
            with open(full, "rb") as f:
                data["/".join(parts)] = f.read()
        return cls(root, data)

    @cached_property
    def hashes(self) -> dict[str, bytes]:
        """Each file's SHA-256."""
        return {name: hashlib.sha256(data).digest() for name, data in self.data.items()}

    def digest(self, names) -> str:
        """One hash of the files ``names`` (relative paths, in the order given): their
        names and contents. A name that is not a file of content/ counts as missing."""
        h = hashlib.sha256()
        hashes = self.hashes
        for name in names:
            h.update(name.encode() + b"\0" + hashes.get(name, b"missing") + b"\0")
        return h.hexdigest()

    def under(self, folder: str) -> list[str]:
        """The files under ``folder`` (a relative path), in path order."""
        return list(self._by_folder.get(folder.rstrip("/"), ()))

    @cached_property
    def _by_folder(self) -> dict[str, list[str]]:
        """Each folder's files, at any depth below it: a build asks for each report's
        files several times, and a scan of every file each time was a tenth of a second."""
        found: dict[str, list[str]] = {}
        for name in self.data:
            folder = name
            while "/" in folder:
                folder = folder.rpartition("/")[0]
                found.setdefault(folder, []).append(name)
        return found

    def top_level(self) -> list[str]:
        """The files directly in content/ (site.yaml, topics.yaml, …)."""
        return [name for name in self.data if "/" not in name]

    def report_folders(self) -> list[str]:
        """The names of the folders in reports/ that hold a file, in order."""
        return sorted({name.split("/", 2)[1] for name in self.data
                       if name.startswith("reports/") and name.count("/") >= 2})

    @cached_property
    def by_path(self) -> dict[str, bytes]:
        """The files by their full path as a string (how a reader asks for one)."""
        root = str(self.root)
        prefix = "" if root == "." else root.rstrip("/") + "/"  # as str(Path) joins them
        return {prefix + name: data for name, data in self.data.items()}

    def get(self, path: Path) -> bytes | None:
        """The bytes of ``path`` as read, or None when it is not a file read here."""
        return self.by_path.get(str(path))


def _walk(folder: str, parts: tuple[str, ...], found: list) -> None:
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if entry.is_dir():  # symbolic links followed, as Path.rglob does
                _walk(entry.path, (*parts, entry.name), found)
            elif entry.is_file():
                found.append(((*parts, entry.name), entry.path))
