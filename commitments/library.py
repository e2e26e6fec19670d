"""Everything in content/, loaded and checked: what the site and the build read.

``content/`` holds the taxonomy (topics.yaml) and one folder per report:
``reports/<slug>/report.txt`` (the text as published), ``report.yaml`` (metadata),
``zh/`` and ``en/`` (commitment files) and ``en.yaml`` (the English of headings and
other sentences that are not commitments).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path

from .content import Entry, Translation, load_entries, load_translations
from .errors import ContentError
from .glossary import Term, load_glossary
from .model import Report, ReportMeta, Topic
from .parse import parse_report
from .parse.decode import read_report_text
from .progress import Progress, load_progress
from .topics import load_topics
from .yamlio import load_yaml_with_lines


@dataclass(frozen=True)
class Edition:
    """One report with its commitments and translations."""

    report: Report
    entries: tuple[Entry, ...]
    translations: dict[str, Translation]
    folder: Path
    progress: dict[str, Progress] = field(default_factory=dict)

    @property
    def slug(self) -> str:
        return self.report.meta.slug

    def entry_at(self, anchor: str) -> Entry | None:
        return self._by_anchor.get(anchor)

    def translation(self, anchor: str) -> Translation | None:
        """The English of any sentence of the report, from wherever it is kept."""
        entry = self.entry_at(anchor)
        return entry.translation if entry else self.translations.get(anchor)

    @cached_property
    def _by_anchor(self) -> dict[str, Entry]:
        return {e.commitment.anchor: e for e in self.entries}


@dataclass(frozen=True)
class SiteConfig:
    base_url: str
    licence_name: str
    licence_url: str
    first_published: date


def load_site_config(path: Path) -> SiteConfig:
    data, lines = load_yaml_with_lines(path)
    if not isinstance(data, dict):
        raise ContentError("expected base_url, licence and first_published", path, 1)
    base_url = data.get("base_url")
    if not isinstance(base_url, str) or not re.match(r"^https?://[^\s]+/$", base_url):
        raise ContentError("base_url must be a full address ending in '/', like https://example.org/changshu/",
                           path, lines.get("base_url", 1))
    licence = data.get("licence")
    if not isinstance(licence, dict) or not all(isinstance(licence.get(k), str) for k in ("name", "url")):
        raise ContentError("licence needs name and url", path, lines.get("licence", 1))
    try:
        first = date.fromisoformat(str(data.get("first_published")))
    except ValueError:
        raise ContentError("first_published must be a date like 2026-11-26", path, lines.get("first_published", 1)) from None
    return SiteConfig(base_url, licence["name"], licence["url"], first)


@dataclass(frozen=True)
class Library:
    topics: tuple[Topic, ...]
    editions: tuple[Edition, ...]
    glossary: tuple[Term, ...] = ()
    site: SiteConfig | None = None

    def topic(self, slug: str) -> Topic | None:
        return next((t for t in self.topics if t.slug == slug), None)

    def entries(self):
        for edition in self.editions:
            yield from edition.entries

    def progress(self, commitment_id: str) -> Progress:
        for edition in self.editions:
            if commitment_id in edition.progress:
                return edition.progress[commitment_id]
        return Progress()

    def entry(self, commitment_id: str) -> Entry | None:
        return next((e for e in self.entries() if e.commitment.id == commitment_id), None)

    def edition(self, slug: str) -> Edition | None:
        return next((e for e in self.editions if e.slug == slug), None)


REQUIRED_META = {"slug": str, "year": int, "place": dict, "title": dict, "source_url": str,
                 "source_site": dict, "page": dict}


def load_meta(path: Path) -> ReportMeta:
    data, lines = load_yaml_with_lines(path)
    if not isinstance(data, dict):
        raise ContentError("expected 'key: value' lines (slug, year, place, title, ...)", path, 1)
    for key, kind in REQUIRED_META.items():
        if not isinstance(data.get(key), kind):
            raise ContentError(f"{key!r} is missing or not a {kind.__name__}", path, lines.get(key, 1))
    for key in ("place", "title", "source_site", "page", "publisher", "missing"):
        value = data.get(key, {})
        if not isinstance(value, dict) or not all(isinstance(value.get(lang), str) for lang in ("zh", "en")) and value:
            raise ContentError(f"{key!r} needs zh and en text", path, lines.get(key, 1))
    if data["slug"] != path.parent.name:
        raise ContentError(f"slug {data['slug']!r} must match the folder name {path.parent.name!r}", path, lines.get("slug"))
    unknown = set(data) - set(REQUIRED_META) - {"language", "publisher", "missing"}
    if unknown:
        key = sorted(unknown)[0]
        raise ContentError(f"unknown key {key!r}", path, lines.get(key))
    return ReportMeta(
        slug=data["slug"], place=data["place"], year=data["year"], title=data["title"],
        source_url=data["source_url"], source_site=data["source_site"], page=data["page"],
        language=data.get("language", "zh-Hans"), publisher=data.get("publisher", {}),
        missing=data.get("missing", {}),
    )


def report_folders(content_dir: Path) -> list[Path]:
    folders = sorted(p for p in (content_dir / "reports").glob("*") if (p / "report.yaml").exists())
    if not folders:
        raise ContentError("no reports: expected reports/<slug>/report.yaml", content_dir)
    return folders


def read_report(folder: Path) -> Report:
    meta = load_meta(folder / "report.yaml")
    path = folder / "report.txt"
    return parse_report(read_report_text(path), meta, path)


def load_library(content_dir: Path) -> Library:
    topics = load_topics(content_dir / "topics.yaml")
    editions = []
    for folder in report_folders(content_dir):
        report = read_report(folder)
        entries = load_entries(folder, report, topics)
        commitments = tuple(e.commitment for e in entries)
        editions.append(Edition(
            report, entries, load_translations(folder / "en.yaml", report, commitments), folder,
            load_progress(folder / "progress.yaml", {c.id for c in commitments}),
        ))
    return Library(topics, tuple(editions), load_glossary(content_dir / "glossary.yaml"),
                   load_site_config(content_dir / "site.yaml"))
