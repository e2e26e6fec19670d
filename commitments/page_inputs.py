"""What each file of the static build is made from, as one content hash: the incremental
build rebuilds a file when its hash changes, never because of a file's time.

The model is deliberately coarse, so that it is right rather than clever:

- Everything that can change any page is in every hash: the code, templates, message
  catalogs and static assets, the installed requirements and Python, base_url, the
  site-wide content files (site.yaml, topics.yaml, glossary.yaml, synonyms.yaml) and
  each report's text and metadata (report.txt, report.yaml: titles, places and years
  appear in navigation, lists and comparisons everywhere).
- A report's other files (commitment files, en.yaml, its glossary, progress, outcome
  decisions) change the pages of that report alone: its report and glossary pages, its
  commitments, its comparison pages and its page of each topic, and those of the
  reports a year before and after it (which show its outcomes and continuity). Every
  other page shows all reports (home, topics, key numbers, feeds, data, sitemap,
  search) and takes them all.
- Stylesheets, scripts and the favicon depend on the code hash only.
"""
from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: What the code of the build is: change any of these and every file is rebuilt.
CODE = ("commitments", "templates", "static", "requirements.txt")
#: A report's files that every page may show (titles, places, years, the text itself).
SHARED_REPORT_FILES = ("report.txt", "report.yaml")
#: Pages of one report (the report named by their values, or a commitment's report).
REPORT_ENDPOINTS = {"pages.report", "pages.glossary", "pages.commitment", "next.compare", "next.compare_list"}
#: Files that show no content at all.
CODE_ONLY_ENDPOINTS = {"asset", "static"}


def _digest(*parts: bytes | str) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode() if isinstance(part, str) else part)
        h.update(b"\0")
    return h.hexdigest()


def _files_digest(paths, root: Path) -> str:
    h = hashlib.sha256()
    for path in paths:
        if path.is_file() and "__pycache__" not in path.parts and path.suffix not in (".pyc", ".mo"):
            h.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def code_digest(root: Path = ROOT) -> str:
    """The build's code: Python, templates, catalogs (.po; the .mo is made from it), assets."""
    paths = []
    for name in CODE:
        top = root / name
        paths += sorted(top.rglob("*")) if top.is_dir() else [top]
    return _digest(_files_digest(paths, root), sys.version)


def _visible(paths, root: Path) -> list[Path]:
    return sorted(p for p in paths if not any(part.startswith(".") for part in p.relative_to(root).parts))


def import_digest(content_dir: Path) -> str:
    """What checking a report folder against its report reads besides the folder: the
    code, the site-wide content files (topics.yaml) and the date content is checked against."""
    return _digest(code_digest(), os.environ.get("SOURCE_DATE_EPOCH", ""),
                   _files_digest(sorted(p for p in content_dir.iterdir() if p.is_file()), content_dir))


def folder_digests(content_dir: Path) -> dict[str, str]:
    """Each report folder's files, as one hash a folder."""
    reports = content_dir / "reports"
    return {folder.name: _files_digest(_visible(folder.rglob("*"), folder), reports)
            for folder in sorted(reports.iterdir()) if folder.is_dir() and not folder.name.startswith(".")}


def inputs_digest(content_dir: Path, base_url: str | None) -> str:
    """Everything a build reads, before reading any of it: when this is the hash the
    previous build recorded, that build's site is this build's, to the byte."""
    paths = _visible(content_dir.rglob("*"), content_dir)
    # The date content is checked against (commitments/schema.py) may be set for a build.
    return _digest(code_digest(), base_url or "", os.environ.get("SOURCE_DATE_EPOCH", ""),
                   _files_digest(paths, content_dir))


class PageInputs:
    """Hashes of the inputs of each page of one build."""

    def __init__(self, library, content_dir: Path, base_url: str):
        self.library = library
        reports = content_dir / "reports"
        folders = {e.slug: e.folder for e in library.editions}
        shared = [content_dir / name for name in sorted(p.name for p in content_dir.iterdir() if p.is_file())]
        for slug in sorted(folders):
            shared += [folders[slug] / name for name in SHARED_REPORT_FILES]
        self.code = code_digest()
        self.site = _digest(self.code, base_url, _files_digest(shared, content_dir), *sorted(folders))
        self.own = {slug: _files_digest(sorted(p for p in folder.rglob("*") if p.name not in SHARED_REPORT_FILES
                                               and not p.name.startswith(".")), reports)
                    for slug, folder in folders.items()}
        self.everything = _digest(self.site, *(self.own[slug] for slug in sorted(self.own)))

    def reports_of(self, endpoint: str, values: dict) -> list[str] | None:
        """The reports a page shows, with the years before and after; None: all of them."""
        if endpoint not in REPORT_ENDPOINTS and not (endpoint == "pages.topic" and "report_slug" in values):
            return None
        if endpoint == "pages.commitment":
            slug = self.library.entry(values["commitment_id"]).commitment.report
        elif "report_slug" in values:
            slug = values["report_slug"]
        else:  # the default report's page and glossary
            slug = self.library.default_edition.slug
        around = [slug]
        for edition in (self.library.previous_edition(slug), self.library.next_edition(slug)):
            if edition is not None:
                around.append(edition.slug)
        return sorted(around)

    def digest(self, endpoint: str, values: dict) -> str:
        """The hash of what the page (endpoint, values) is made from."""
        if endpoint in CODE_ONLY_ENDPOINTS:
            return self.code
        reports = self.reports_of(endpoint, values)
        if reports is None:
            return self.everything
        return _digest(self.site, *(f"{slug}:{self.own[slug]}" for slug in reports))
