"""Every page and file of the site, listed once: the static build freezes this list, the
sitemap lists its pages for readers and the feeds are among its files, so a page cannot
be built without being in the sitemap, or the other way round (tests/test_site_pages.py).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from .. import schema as content_schemas
from ..model import LANGUAGES
from .assets import fingerprint
from .next_report import compare_pages
from .report_text import report_parts
from .urls import X_DEFAULT
from .views import glossary_pages, report_list_pages, target_pages, topic_pages, topic_report_list_pages


@dataclass(frozen=True)
class Page:
    endpoint: str
    values: dict = field(default_factory=dict)
    #: at /<lang>/… once per language, or at one address in no language
    in_languages: bool = True
    #: a page for readers (in the sitemap), not a data file, feed, asset or error page
    in_sitemap: bool = True

    def addresses(self) -> Iterator[tuple[str, dict]]:
        """(endpoint, values) of each file this page is built into: one per language,
        and the page in no language that stands for it (the root for the home page)."""
        if not self.in_languages:
            yield self.endpoint, dict(self.values)
            return
        for lang in LANGUAGES:
            yield self.endpoint, {"lang": lang, **self.values}
        if self.endpoint in X_DEFAULT:
            yield X_DEFAULT[self.endpoint], {}


#: What one sitemap file may list (sitemaps.org): past it, sitemap.xml is an index of parts.
SITEMAP_LIMIT = 50_000


def sitemap_parts(pages: list[Page]) -> list[list[Page]]:
    """The sitemap's pages in files of at most SITEMAP_LIMIT addresses (one <url> per
    address; each carries its page's alternates, a few hundred bytes: far from the
    50 MB a file may hold). One part is sitemap.xml itself."""
    parts: list[list[Page]] = [[]]
    count = 0
    for page in pages:
        size = sum(1 for _ in page.addresses())
        if count + size > SITEMAP_LIMIT and parts[-1]:
            parts.append([])
            count = 0
        parts[-1].append(page)
        count += size
    return parts


def site_pages(library, static_folder: Path) -> Iterator[Page]:
    """The pages of a site over `library`, then its files (assets, data, feeds)."""
    pages = list(_reader_pages(library))
    yield from pages
    yield from _files(library, static_folder, len(sitemap_parts(pages)))


def _reader_pages(library) -> Iterator[Page]:
    yield Page("pages.home")
    yield Page("pages.topics")
    yield Page("pages.targets")
    for values in target_pages(library):  # a long list's pages after its first
        yield Page("pages.targets", values)
    yield Page("pages.reports")
    for values in report_list_pages(library):
        yield Page("pages.reports", values)
    yield Page("pages.report")
    for edition in library.editions:
        yield Page("pages.report", {"report_slug": edition.slug})
    for values in report_parts(library):  # a long report's parts after its first
        yield Page("pages.report", values)
    yield Page("pages.glossary")
    for report_slug in glossary_pages(library):
        yield Page("pages.glossary", {"report_slug": report_slug})
    yield Page("pages.data_page")
    yield Page("search.search")
    for values in topic_pages(library):
        yield Page("pages.topic", values)
    for values in topic_report_list_pages(library):
        yield Page("pages.topic_reports", values)
    for entry in library.entries():
        yield Page("pages.commitment", {"commitment_id": entry.commitment.id})
    for endpoint, values in compare_pages(library):
        yield Page(endpoint, values)


def _files(library, static_folder: Path, sitemap_files: int) -> Iterator[Page]:
    yield Page("pages.not_found_page", in_languages=False, in_sitemap=False)
    yield Page("data.feed_all", in_sitemap=False)
    for topic in library.used_topics:
        yield Page("data.feed_topic", {"slug": topic.slug}, in_sitemap=False)
    for endpoint in ("data.commitments_json", "data.commitments_csv", "data.schema", "data.sitemap", "data.robots"):
        yield Page(endpoint, in_languages=False, in_sitemap=False)
    for name in content_schemas.names():  # what each content file may hold, for editors' tools
        yield Page("data.content_schema", {"name": name}, in_languages=False, in_sitemap=False)
    if sitemap_files > 1:
        for number in range(1, sitemap_files + 1):
            yield Page("data.sitemap_part", {"number": number}, in_languages=False, in_sitemap=False)
    for path in sorted(p for p in static_folder.rglob("*") if p.is_file()):
        filename = path.relative_to(static_folder).as_posix()
        if path.suffix in (".css", ".js"):  # under a name with their hash (web/assets.py)
            yield Page("asset", {"filename": fingerprint(filename)}, in_languages=False, in_sitemap=False)
        else:  # the favicon
            yield Page("static", {"filename": filename}, in_languages=False, in_sitemap=False)
