"""report.txt → content files: parse, extract, merge with what people wrote, write.

Every file is planned (and every existing one read) before any is written, so a
mistake stops the import with nothing changed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .content import planned_files, planned_translations, write_files
from .extract import extract_commitments
from .errors import ContentError
from .library import meta_from, read_report, report_folders, specific_title
from .parse import parse_report
from .parse.decode import read_report_text
from .parse.detect import detect_meta
from .yamlio import dump_yaml
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


SLUG_RE = re.compile(r"^[0-9]{4}-[a-z0-9]+(-[a-z0-9]+)*$")


def add_report(content_dir: Path, source: Path, slug: str, source_url: str = "") -> Path:
    """Copy a report into content/reports/<slug>/ with a report.yaml of what its text says.

    The report is read and parsed first: a file the importer cannot make sense of
    is refused and nothing is written.
    """
    if not SLUG_RE.match(slug):
        raise ContentError(f"report name {slug!r} must look like 2022-anguo: year, hyphen, place in "
                           "lower-case letters", source)
    folder = content_dir / "reports" / slug
    if folder.exists():
        raise ContentError(f"{folder} already exists; choose another name or remove it first", source)
    data = source.read_bytes() if source.is_file() else None
    text = read_report_text(source)
    detected = detect_meta(text)
    missing = [key for key in ("place", "title", "year") if key not in detected]
    meta = {"slug": slug, **({"source_url": source_url} if source_url else {})}
    if "place" in detected:
        meta["place"] = {"zh": detected["place"]}
    if title := specific_title(detected):
        meta["title"] = {"zh": title}
    for key in ("year", "level", "date"):
        if key in detected:
            meta[key] = detected[key]
    header = ("# Metadata for report.txt beside this file. Values below were read from the\n"
              "# report's text; correct them, and add the English (en:) of place and title.\n")
    if missing:
        header += f"# Not found in the text, please add: {', '.join(missing)}.\n"
    if not source_url:
        header += "# Add source_url: the web address the report was copied from.\n"
    body = header + dump_yaml(meta)
    if not missing:
        parse_report(text, meta_from(meta, {}, folder / "report.yaml", detected), source)
    folder.mkdir(parents=True)
    # Keep the file exactly as published when it is UTF-8; GB18030 is stored as UTF-8.
    if data is not None and data.decode("utf-8-sig", errors="replace") == text:
        (folder / "report.txt").write_bytes(data)
    else:
        (folder / "report.txt").write_text(text, encoding="utf-8")
    (folder / "report.yaml").write_text(body, encoding="utf-8")
    return folder
