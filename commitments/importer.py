"""report.txt → content files: parse, extract, merge with what people wrote, write.

Every file is planned (and every existing one read) before any is written, so a
mistake stops the import with nothing changed.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .content import planned_files, planned_translations, write_files
from .extract import extract_commitments
from .library import read_report, report_folders
from .topics import load_topics


@dataclass(frozen=True)
class ImportResult:
    reports: int
    commitments: int
    written: int
    removed: int


def import_reports(content_dir: Path, retopic: bool = False) -> ImportResult:
    topics = load_topics(content_dir / "topics.yaml")
    planned: dict[Path, str] = {}
    count = 0
    folders = report_folders(content_dir)
    for folder in folders:
        report = read_report(folder)
        commitments = extract_commitments(report, topics)
        count += len(commitments)
        planned.update(planned_files(folder, commitments, retopic=retopic))
        planned[folder / "en.yaml"] = planned_translations(folder / "en.yaml", report, commitments)
    written, removed = write_files(planned)
    return ImportResult(len(folders), count, written, removed)
