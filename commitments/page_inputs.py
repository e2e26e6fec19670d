"""What each file of the static build is made from, as one content hash: the incremental
build rebuilds a file when its hash changes, never because of a file's time.

The model is coarse where that is cheap, and exact for English, which editors change most:

- Everything that can change any page is in every hash: the code, templates, message
  catalogs and static assets, the installed requirements and Python, base_url, the
  site-wide content files (site.yaml, topics.yaml, glossary.yaml, synonyms.yaml) and
  each report's text and metadata (report.txt, report.yaml: titles, places and years
  appear in navigation, lists and comparisons everywhere).
- A report's other files (commitment files, its glossary, progress, outcome decisions;
  of its English files, the indicator names and notes) change the pages of that report
  alone: its report and glossary pages, its commitments, its comparison pages and its
  page of each topic, and those of the reports a year before and after it (which show
  its outcomes and continuity). Every other page shows all reports (home, topics, key
  numbers, feeds, data, sitemap, search) and takes them all.
- English (a commitment's translation in en/, the other sentences' in en.yaml) is read
  through Edition.translation, which records each sentence a page reads while the
  build renders it (library.EnglishReads, kept in the build's record). A page's hash
  takes the English of exactly those sentences, as they are now: an edit to one
  commitment's English makes again the pages that show it, not every page of its
  report. The data files read every entry's English directly and take it all. Whatever
  keeps English between pages must keep it by what Edition.translation returned, or
  a page would show English it did not read.
- Stylesheets, scripts and the favicon depend on the code hash only.
"""
from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

from .snapshot import ContentSnapshot

ROOT = Path(__file__).resolve().parents[1]
#: What the code of the build is: change any of these and every file is rebuilt.
CODE = ("commitments", "templates", "static", "requirements.txt")
#: A report's files that every page may show (titles, places, years, the text itself).
SHARED_REPORT_FILES = ("report.txt", "report.yaml")
#: Pages of one report (the report named by their values, or a commitment's report).
REPORT_ENDPOINTS = {"pages.report", "pages.glossary", "pages.commitment", "next.compare", "next.compare_list"}
#: Files that show no content at all.
CODE_ONLY_ENDPOINTS = {"asset", "static"}
#: A report's files holding English, read through Edition.translation (library.EnglishReads).
ENGLISH_FILES = ("en", "en.yaml")
#: Data files read every commitment's English from its entry: they take it all.
EVERY_ENGLISH = {"data.commitments_json", "data.commitments_csv"}


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


def import_digest(snapshot: ContentSnapshot, code: str) -> str:
    """What checking a report folder against its report reads besides the folder: the
    code, the site-wide content files (topics.yaml) and the date content is checked against."""
    return _digest(code, os.environ.get("SOURCE_DATE_EPOCH", ""), snapshot.digest(snapshot.top_level()))


def folder_digests(snapshot: ContentSnapshot) -> dict[str, str]:
    """Each report folder's files, as one hash a folder."""
    return {name: snapshot.digest(snapshot.under(f"reports/{name}")) for name in snapshot.report_folders()}


def inputs_digest(snapshot: ContentSnapshot, base_url: str | None, code: str) -> str:
    """Everything a build reads: when this is the hash the previous build recorded,
    that build's site is this build's, to the byte."""
    # The date content is checked against (commitments/schema.py) may be set for a build.
    return _digest(code, base_url or "", os.environ.get("SOURCE_DATE_EPOCH", ""), snapshot.digest(snapshot.data))


class PageInputs:
    """Hashes of the inputs of each page of one build."""

    def __init__(self, library, snapshot: ContentSnapshot, base_url: str, code: str):
        """``snapshot``: content/ as this build read it; ``code``: code_digest()."""
        self.library = library
        folders = {e.slug: f"reports/{e.folder.name}" for e in library.editions}
        shared = snapshot.top_level()
        for slug in sorted(folders):
            shared += [f"{folders[slug]}/{name}" for name in SHARED_REPORT_FILES]
        self.code = code
        self.site = _digest(self.code, base_url, snapshot.digest(shared), *sorted(folders))
        own, english = {}, {}
        for edition in library.editions:
            folder = folders[edition.slug]
            files = [name for name in snapshot.under(folder) if name.rpartition("/")[2] not in SHARED_REPORT_FILES]
            # A report's English files: its commitments' (en/) and its other sentences' (en.yaml).
            is_english = [name[len(folder) + 1:].split("/", 1)[0] in ENGLISH_FILES for name in files]
            # An English file's translation is hashed where a page reads it (english_digest);
            # its other fields (indicator names, the English note) are its report's pages'.
            others = repr([(e.commitment.id, e.indicators, e.notes.get("en", "")) for e in edition.entries])
            own[edition.slug] = _digest(snapshot.digest([n for n, en in zip(files, is_english) if not en]), others)
            english[edition.slug] = snapshot.digest([n for n, en in zip(files, is_english) if en])
        self.own = own
        self.everything = _digest(self.site, *(own[slug] for slug in sorted(own)))
        #: pages that show every English as it is (feeds, data files): every English file
        self.all_english = _digest(self.everything, *(english[slug] for slug in sorted(english)))
        self._editions = {e.slug: e for e in library.editions}
        self._read: dict[tuple[str, str], str] = {}

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

    def digest(self, endpoint: str, values: dict, reads: list | None = None) -> str | None:
        """The hash of what the page (endpoint, values) is made from, given the English
        it read when last rendered (``reads``: (report, anchor) pairs, library.EnglishReads);
        None when a page that reads English has no such record (it must be rendered)."""
        if endpoint in CODE_ONLY_ENDPOINTS:
            return self.code
        if endpoint in EVERY_ENGLISH:  # the English of every commitment, read from the entries
            return self.all_english
        if reads is None:  # (a full build asks first for every page: no hash to make)
            return None
        reports = self.reports_of(endpoint, values)
        if reports is None:
            static = self.everything
        else:
            static = _digest(self.site, *(f"{slug}:{self.own[slug]}" for slug in reports))
        return _digest(static, *(self._english(slug, anchor) for slug, anchor in sorted(set(map(tuple, reads)))))

    def _english(self, slug: str, anchor: str) -> str:
        """A read English as it is now: its report, anchor and translation."""
        key = (slug, anchor)
        found = self._read.get(key)
        if found is None:
            edition = self._editions.get(slug)
            found = self._read[key] = _digest(slug, anchor, repr(edition.translation(anchor) if edition else None))
        return found

