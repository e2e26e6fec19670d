"""report.txt → content files: parse, extract, merge with what editors wrote, write.

An import is planned in full first (every existing file read, every change given a
reason), then checked as the site would load it, and only then written; a mistake
anywhere stops it with nothing changed. The build plans the same import to tell
whether content/ is up to date, and never writes.
"""
from __future__ import annotations

import re
import shutil
import tempfile
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

from . import schema
from .content import (Change, Entry, Plan, plan_commitment_files, plan_renamed_ids, plan_translations, entries_from,
                      write_plan)
from .errors import ContentError, display_path
from .extract import extract_commitments
from .inspect import read
from .next_report import DECISIONS_FILE
from .progress import PROGRESS_FILE
from .library import meta_from, read_report, report_folders, specific_title
from .parse import parse_report
from .parse.decode import read_report_text
from .parse.detect import detect_meta
from .model import Report, Topic
from .yamlio import dump_yaml
from .topics import load_topics


@dataclass(frozen=True)
class CheckedReport:
    """A report folder as an import plans it: its parsed report, and its commitments
    checked as the site loads them, from the files the import leaves. When the import
    changes nothing, these are the folder's files: the build's library takes them from
    here instead of reading and checking them again (entry_cache.py)."""

    report: Report
    topics: tuple[Topic, ...]
    entries: tuple[Entry, ...]


@dataclass(frozen=True)
class ImportPlan:
    reports: int
    commitments: int
    plan: Plan
    #: each report folder planned, by name
    checked: dict[str, CheckedReport] = field(default_factory=dict)

    @property
    def changes(self) -> list[Change]:
        return self.plan.changes


@dataclass(frozen=True)
class ImportResult:
    reports: int
    commitments: int
    written: int
    removed: int
    changes: tuple[Change, ...] = ()


def plan_import(content_dir: Path, up_to_date: Collection[str] = ()) -> ImportPlan:
    """What an import would write, checked; nothing is written. The report folders named
    in ``up_to_date`` are known to need nothing and are not planned (nor counted)."""
    topics = load_topics(content_dir / "topics.yaml")
    plan = Plan()
    checked = {}
    folders = report_folders(content_dir)
    for folder in folders:
        if folder.name not in up_to_date:
            checked[folder.name] = plan_report(plan, folder, topics)
    return ImportPlan(len(folders), sum(len(c.entries) for c in checked.values()), plan, checked)


def plan_report(plan: Plan, folder: Path, topics) -> CheckedReport:
    """Plan and check one report folder's content files."""
    report = read_report(folder)
    commitments = extract_commitments(report, topics)
    planned = plan_commitment_files(plan, folder, commitments)
    for name in (PROGRESS_FILE, DECISIONS_FILE):
        plan_renamed_ids(plan, folder / name, planned.moved, planned.gone)
    plan_translations(plan, folder / "en.yaml", report, commitments)
    # Checked as the site will load them: one entry a commitment, as extracted.
    return CheckedReport(report, topics, entries_from(planned.files, report, topics))


def import_reports(content_dir: Path) -> ImportResult:
    planned = plan_import(content_dir)
    written, removed = write_plan(planned.plan)
    return ImportResult(planned.reports, planned.commitments, written, removed, tuple(planned.changes))


def check_up_to_date(content_dir: Path, up_to_date: Collection[str] = ()) -> dict[str, CheckedReport]:
    """Stop a build whose content files lag behind the reports or topics.yaml, in one line.
    ``up_to_date``: report folders a previous build checked with the same inputs. Returns
    the other folders as checked: their files, since the import would change none."""
    planned = plan_import(content_dir, up_to_date)
    changes = planned.changes
    if not changes:
        return planned.checked
    folders = Counter(_report_folder(c.path, content_dir) for c in changes)
    where = ", ".join(f"{display_path(folder)} ({n})" for folder, n in folders.items())
    first = changes[0]
    folder = _report_folder(first.path, content_dir)
    name = first.path.relative_to(folder) if first.path.is_relative_to(folder) else display_path(first.path)
    raise ContentError(f"{len(changes)} content file(s) are not up to date with the reports and topics.yaml: "
                       f"{where}, first {name} ({'; '.join(first.reasons)}); "
                       "run 'python3 build.py import' to see and apply the changes")


def _report_folder(path: Path, content_dir: Path) -> Path:
    reports = content_dir / "reports"
    parts = path.relative_to(reports).parts if path.is_relative_to(reports) else ()
    return reports / parts[0] if parts else path.parent


ACTIONS = {"add": "added", "change": "changed", "remove": "removed", "archive": "archived"}


def summary(changes, content_dir: Path, limit: int = 8) -> list[str]:
    """The changes, grouped by report, action and reason, for the import to print."""
    groups: dict[tuple, list[Path]] = {}
    for change in changes:
        key = (_report_folder(change.path, content_dir), change.action, "; ".join(change.reasons))
        groups.setdefault(key, []).append(change.path)
    lines = []
    for (folder, action, reason), paths in sorted(groups.items(), key=lambda g: (str(g[0][0]), g[0][1], g[0][2])):
        lines.append(f"{display_path(folder)}: {ACTIONS[action]} {len(paths)} file(s): {reason}")
        shown = [str(p.relative_to(folder)) if p.is_relative_to(folder) else display_path(p) for p in sorted(paths)]
        lines += [f"  {name}" for name in shown[:limit]]
        if len(shown) > limit:
            lines.append(f"  … and {len(shown) - limit} more")
    return lines


SLUG_RE = re.compile(r"^[0-9]{4}-[a-z0-9]+(-[a-z0-9]+)*$")


def add_report(content_dir: Path, source: Path, slug: str, source_url: str = "",
               given: dict | None = None) -> Path:
    """Copy a report into content/reports/<slug>/ with a report.yaml of what its text says,
    and import it.

    The report is read as `inspect` reads it first: a file that cannot be read, or whose
    place or year is neither in its text nor `given`, is refused and nothing is
    written. The folder is made beside its place and moved there only when complete.
    """
    if not SLUG_RE.match(slug):
        raise ContentError(f"report name {slug!r} must look like 2022-anguo: year, hyphen, place in "
                           "lower-case letters", source)
    folder = content_dir / "reports" / slug
    if folder.exists():
        raise ContentError(f"{folder} already exists; choose another name or remove it first", source)
    read(source)  # what inspect would refuse is refused here, in the same words
    text = read_report_text(source)
    detected = {**detect_meta(text), **{k: v for k, v in (given or {}).items() if v}}
    # Without a title in the text, the report is named by its place and year.
    missing = [key for key in ("place", "year") if key not in detected]
    if missing:
        options = " ".join(f"--{key} …" for key in missing)
        raise ContentError(f"the report's {', '.join(missing)} could not be read from its text; "
                           f"give {'it' if len(missing) == 1 else 'them'} with {options}", source)
    meta = {"slug": slug, **({"source_url": source_url} if source_url else {})}
    meta["place"] = {"zh": detected["place"]}
    if title := specific_title(detected):
        meta["title"] = {"zh": title}
    for key in ("year", "level", "date"):
        if key in detected:
            meta[key] = detected[key]
    header = ("# Metadata for report.txt beside this file. Values below were read from the\n"
              "# report's text; correct them, and add the English (en:) of place and title.\n")
    if not source_url:
        header += "# Add source_url: the web address the report was copied from.\n"
    try:
        checked = meta_from(schema.Document(folder / "report.yaml", meta), detected)
    except ContentError as error:  # about the report.yaml to be written: name the source and the options given
        options = [f"--{key}" for key, value in (given or {}).items() if value]
        raise ContentError(f"its report.yaml would not be valid: {error.message}"
                           + (f" (check {' and '.join(options)})" if options else ""), source) from None
    parse_report(text, checked, source)

    # Made in a hidden folder beside reports/<slug> (under its own name: ids are made of it)
    # and moved into place only when complete; a build does not see hidden folders.
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".add-report-", dir=folder.parent))
    try:
        made = staging / slug
        made.mkdir()
        data = source.read_bytes()
        # Keep the file exactly as published when it is UTF-8; GB18030 is stored as UTF-8.
        if data.decode("utf-8-sig", errors="replace") == text:
            (made / "report.txt").write_bytes(data)
        else:
            (made / "report.txt").write_text(text, encoding="utf-8")
        (made / "report.yaml").write_text(header + dump_yaml(meta), encoding="utf-8")
        plan = Plan()
        plan_report(plan, made, load_topics(content_dir / "topics.yaml"))
        write_plan(plan)
        made.rename(folder)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return folder
