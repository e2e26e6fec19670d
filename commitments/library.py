"""Everything in content/, loaded and checked: what the site and the build read.

``content/`` holds the taxonomy (topics.yaml), the site's settings (site.yaml), the
site-wide glossary (glossary.yaml) and one folder per report:
``reports/<slug>/report.txt`` (the text as published), ``report.yaml`` (metadata),
``zh/`` and ``en/`` (commitment files), ``en.yaml`` (the English of headings and
other sentences that are not commitments) and ``glossary.yaml`` (the report's terms).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path

from . import schema
from .content import Entry, Translation, load_entries, load_translations
from .errors import ContentError
from .glossary import Term, check_site_glossary, glossary_for, load_glossary, load_site_glossary
from .continuity import Continuity, compare_plans
from .model import Report, ReportMeta, Topic
from .next_report import DECISIONS_FILE, Decision, FollowUp, consecutive, follow_ups, load_decisions
from .parse import parse_report
from .parse.decode import read_report_text
from .parse.detect import detect_meta
from .progress import PROGRESS_FILE, Progress, load_progress
from .publish import check_base_url
from .topics import load_topics
from .yamlio import load_yaml_text


class EnglishReads:
    """The sentences whose English a page reads (Edition.translation), recorded while
    the static build renders it: a page is made again when one of those changes, not
    when any English of its report does (commitments/page_inputs.py)."""
    #: (report slug, anchor) of each English read since recording began; None: not recording
    current: set[tuple[str, str]] | None = None


@dataclass(frozen=True)
class Edition:
    """One report with its commitments and translations."""

    report: Report
    entries: tuple[Entry, ...]
    translations: dict[str, Translation]
    folder: Path
    progress: dict[str, Progress] = field(default_factory=dict)
    #: the report's own terms, the site-wide ones declared for it and its 名词解释.
    glossary: tuple[Term, ...] = ()
    #: editors' decisions on what the next year's report says (outcomes.yaml).
    decisions: dict[str, Decision] = field(default_factory=dict)

    @property
    def slug(self) -> str:
        return self.report.meta.slug

    def entry_at(self, anchor: str) -> Entry | None:
        return self._by_anchor.get(anchor)

    def position(self, entry: Entry) -> int:
        """Where a commitment of this report stands in its order (a commitment page
        links the one before and after): looked up, not searched for on every page."""
        return self._positions[entry.commitment.id]

    @cached_property
    def _positions(self) -> dict[str, int]:
        return {e.commitment.id: i for i, e in enumerate(self.entries)}

    def translation(self, anchor: str) -> Translation | None:
        """The English of any sentence of the report, from wherever it is kept."""
        if EnglishReads.current is not None:
            EnglishReads.current.add((self.slug, anchor))
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
    name: dict[str, str]
    headline: dict[str, str]
    default_report: str
    #: what the site is, in a sentence: every page's default description.
    description: dict[str, str] = field(default_factory=dict)


def load_site_config(path: Path) -> SiteConfig:
    """site.yaml, checked against its schema; then the address as --base-url is checked
    (publish.py), and first_published not after today."""
    document = schema.load(path, "site")
    data = document.data
    try:
        base_url = check_base_url(data["base_url"])
    except ValueError as error:
        raise document.error(("base_url",), str(error)) from None
    return SiteConfig(base_url, data["licence"]["name"], data["licence"]["url"],
                      document.past_date(("first_published",)), dict(data["name"]), dict(data["headline"]),
                      data["default_report"], dict(data["description"]))


@dataclass(frozen=True)
class Library:
    topics: tuple[Topic, ...]
    editions: tuple[Edition, ...]
    site: SiteConfig | None = None

    @cached_property
    def used_topics(self) -> tuple[Topic, ...]:
        """The topics that have commitments: the only ones with pages."""
        used = {slug for e in self.entries() for slug in e.commitment.topics}
        return tuple(t for t in self.topics if t.slug in used)

    def topic(self, slug: str) -> Topic | None:
        return self._topics_by_slug.get(slug)

    @cached_property
    def _topics_by_slug(self) -> dict[str, Topic]:
        # Every page looks topics and reports up by name, many times: a dict, not a scan.
        found: dict[str, Topic] = {}
        for t in self.topics:
            found.setdefault(t.slug, t)  # the first, as a scan would find
        return found

    def entries(self):
        for edition in self.editions:
            yield from edition.entries

    def progress(self, commitment_id: str) -> Progress:
        return self._progress.get(commitment_id) or Progress()

    @cached_property
    def _progress(self) -> dict[str, Progress]:
        found = {}
        for edition in reversed(self.editions):  # the first report that records it, as pages list them
            found.update(edition.progress)
        return found

    def topic_entries(self, slug: str) -> tuple[Entry, ...]:
        """The commitments of a topic, in the order of the site: indexed once, not scanned per page."""
        return self._by_topic.get(slug, ())

    @cached_property
    def _by_topic(self) -> dict[str, tuple[Entry, ...]]:
        found: dict[str, list[Entry]] = {}
        for entry in self.entries():
            for slug in dict.fromkeys(entry.commitment.topics):
                found.setdefault(slug, []).append(entry)
        return {slug: tuple(entries) for slug, entries in found.items()}

    def listing(self, slug: str, report: str | None = None, status: str | None = None) -> tuple[Entry, ...]:
        """A topic's commitments as its pages list them, by report and then by the report's
        sections; of one report, of one status or both. Indexed once for the site, so that
        each page of a long list reads its share instead of sorting out the whole topic."""
        return self._listings.get((slug, report, status), ())

    @cached_property
    def _listings(self) -> dict[tuple, tuple[Entry, ...]]:
        found: dict[tuple, list[Entry]] = {}
        for edition in self.editions:
            order = {section.number: i for i, section in enumerate(edition.report.sections)}
            in_sections = sorted((e for e in edition.entries if e.commitment.section in order),
                                 key=lambda e: order[e.commitment.section])  # stable: the report's order within
            for entry in in_sections:
                status = self.progress(entry.commitment.id).status
                for slug in dict.fromkeys(entry.commitment.topics):
                    for key in ((slug, None, None), (slug, edition.slug, None), (slug, None, status),
                                (slug, edition.slug, status)):
                        found.setdefault(key, []).append(entry)
        return {key: tuple(entries) for key, entries in found.items()}

    def entry(self, commitment_id: str) -> Entry | None:
        return self._by_id.get(commitment_id)

    @cached_property
    def _by_id(self) -> dict[str, Entry]:
        return {e.commitment.id: e for e in self.entries()}

    def edition(self, slug: str) -> Edition | None:
        return self._editions_by_slug.get(slug)

    @cached_property
    def _editions_by_slug(self) -> dict[str, Edition]:
        found: dict[str, Edition] = {}
        for e in self.editions:
            found.setdefault(e.slug, e)
        return found

    @property
    def default_edition(self) -> Edition:
        return self.edition(self.site.default_report) if self.site else self.editions[0]

    # What the next year's report says: reports of one place for consecutive years.

    @cached_property
    def _next(self) -> dict[str, str]:
        return consecutive([e.report.meta for e in self.editions])

    def next_edition(self, slug: str) -> Edition | None:
        """The report of the same place for the year after, when the site holds it."""
        return self.edition(self._next[slug]) if slug in self._next else None

    def previous_edition(self, slug: str) -> Edition | None:
        earlier = next((e for e, later in self._next.items() if later == slug), None)
        return self.edition(earlier) if earlier else None

    @cached_property
    def _follow_ups(self) -> dict[str, FollowUp]:
        # Linked on first use, once for the whole site: a pair takes well under a second.
        found = {}
        for earlier_slug, later_slug in self._next.items():
            earlier = self.edition(earlier_slug)
            found.update(follow_ups(tuple(e.commitment for e in earlier.entries), self.edition(later_slug).report,
                                    earlier.decisions))
        return found

    def follow_up(self, commitment_id: str) -> FollowUp | None:
        """What the next year's report says of a commitment; None when there is no next report."""
        return self._follow_ups.get(commitment_id)

    def all_follow_ups(self) -> tuple[FollowUp, ...]:
        """Every commitment's follow-up, for the pages that count them."""
        return tuple(self._follow_ups.values())

    def continuity(self, slug: str) -> Continuity | None:
        """The report's plan against the next year's: promises carried over, new, dropped."""
        return self._continuities.get(slug)

    @cached_property
    def _continuities(self) -> dict[str, Continuity]:
        # Compared on first use, once for the whole site, like the follow-ups.
        return {earlier: compare_plans(tuple(e.commitment for e in self.edition(earlier).entries),
                                       tuple(e.commitment for e in self.edition(later).entries))
                for earlier, later in self._next.items()}


BILINGUAL_KEYS = ("place", "title", "source_site", "page", "publisher", "missing")


def specific_title(detected: dict) -> str | None:
    """The title the text gives, when it tells this report from another: not a bare
    政府工作报告, which names neither year nor place (the site then calls the report
    2015年海拉尔区政府工作报告, from its year and place)."""
    title, place = detected.get("title"), detected.get("place")
    if title and (re.search(r"\d{4}", title) or place and place in title):
        return title
    return None


def load_meta(path: Path, detected: dict | None = None) -> ReportMeta:
    """report.yaml, over what `detect_meta` read from the report text.

    Every bilingual field takes {zh, en}; a missing en shows the Chinese until an
    editor adds it. Only the slug is required: the text usually gives the rest.
    """
    data, text = load_yaml_text(path)
    return meta_from(schema.Document(path, data, text=text), detected or {})


def meta_from(document: schema.Document, detected: dict) -> ReportMeta:
    """Metadata (report.yaml's, as read or as add-report would write it), checked against
    its schema, and filled in from what the text says."""
    schema.check(document, "report")
    data, path = document.data, document.path
    if data["slug"] != path.parent.name:
        raise document.error(("slug",), f"{data['slug']!r} must be {path.parent.name!r}, the folder's name")
    bilingual = {}
    for key in BILINGUAL_KEYS:
        value = data.get(key)
        if value is None and key == "place" and detected.get(key):
            value = {"zh": detected[key]}
        if value is None and key == "title" and specific_title(detected):
            value = {"zh": specific_title(detected)}
        bilingual[key] = {"zh": value["zh"], "en": value.get("en") or value["zh"]} if value else {}
    year = data.get("year", detected.get("year"))
    if isinstance(year, float):  # the schema's integer is any whole number; a page would show "2021.0"
        raise document.error(("year",), f"{year!r} must be a whole number like 2021, with no decimal point")
    if not bilingual["title"] and bilingual["place"] and year:
        # Every work report is titled this way when the text does not say otherwise.
        bilingual["title"] = {"zh": f"{year}年{bilingual['place']['zh']}政府工作报告",
                              "en": f"{bilingual['place']['en']} Government Work Report {year}"}
    for key in ("place", "title"):
        if not bilingual[key]:
            raise document.error((), f"{key!r} is not in the report text: add it here as {{zh: …, en: …}}", 1)
    if not year:
        raise document.error((), "'year' is not in the report text: add it here as 'year: ' and the four-digit year", 1)
    if "date" in data:  # what an editor wrote; a date read from the text is the text's
        document.past_date(("date",))
    return ReportMeta(
        slug=data["slug"], place=bilingual["place"], year=year, title=bilingual["title"],
        source_url=data.get("source_url", ""), source_site=bilingual["source_site"], page=bilingual["page"],
        language=data.get("language", "zh-Hans"), publisher=bilingual["publisher"],
        missing=bilingual["missing"], level=str(data.get("level") or detected.get("level") or ""),
        date=str(data.get("date") or detected.get("date") or ""),
    )


def report_folders(content_dir: Path) -> list[Path]:
    folders = sorted(p for p in (content_dir / "reports").glob("*") if (p / "report.yaml").exists())
    if not folders:
        raise ContentError("no reports: expected reports/<slug>/report.yaml", content_dir)
    return folders


def read_report(folder: Path) -> Report:
    """The parsed report of a folder. A build reads each report twice (the import plan
    that checks content/, then the library): the second time is remembered, by the
    folder and the exact bytes of report.txt and report.yaml (a Report is immutable)."""
    path = folder / "report.txt"
    try:
        key = (folder.resolve(), (folder / "report.yaml").read_bytes(), path.read_bytes())
    except OSError:
        key = None  # reading the text below says what is wrong
    if key in _PARSED:
        return _PARSED[key]
    text = read_report_text(path)
    meta = load_meta(folder / "report.yaml", detect_meta(text))
    report = parse_report(text, meta, path)
    if key is not None:
        if len(_PARSED) >= 1000:  # a long-running process (the tests) reads many folders
            _PARSED.clear()
        _PARSED[key] = report
    return report


_PARSED: dict = {}


def load_library(content_dir: Path, read_entries=load_entries) -> Library:
    """The site's content; ``read_entries`` reads a report's commitments (content.load_entries,
    or the static build's cache of them: entry_cache.py)."""
    topics = load_topics(content_dir / "topics.yaml")
    site_glossary = content_dir / "glossary.yaml"
    site_terms = load_site_glossary(site_glossary)
    editions = []
    for folder in report_folders(content_dir):
        report = read_report(folder)
        entries = read_entries(folder, report, topics)
        commitments = tuple(e.commitment for e in entries)
        own = folder / "glossary.yaml"
        editions.append(Edition(
            report, entries, load_translations(folder / "en.yaml", report, commitments), folder,
            load_progress(folder / PROGRESS_FILE, {c.id for c in commitments}),
            glossary_for(report.meta.slug, report.glossary, load_glossary(own), site_terms, own, site_glossary),
            load_decisions(folder / DECISIONS_FILE, {c.id for c in commitments}),
        ))
    check_site_glossary(site_terms, {e.slug: e.report.meta.place for e in editions}, site_glossary)
    site = load_site_config(content_dir / "site.yaml")
    if not any(e.slug == site.default_report for e in editions):
        raise ContentError(f"default_report {site.default_report!r} is not a folder in reports/", content_dir / "site.yaml")
    return Library(topics, tuple(editions), site)
