"""One error type for every mistake an editor can make in content/.

The build catches it at the top and prints its one line; nothing below the top
prints tracebacks for bad input.
"""
from __future__ import annotations

from pathlib import Path


class ContentError(Exception):
    """Bad input, reported as ``path:line: message``."""

    def __init__(self, message: str, path: str | Path | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = Path(path) if path is not None else None
        self.line = line

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = display_path(self.path)
            if self.line is not None:
                where += f":{self.line}"
            where += ": "
        return where + self.message


def display_path(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
