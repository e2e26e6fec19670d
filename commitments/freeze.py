"""Stage 5: freeze the Flask site into static files.

URLs are relative (FREEZER_RELATIVE_URLS), so the output works at a domain root,
under any sub-path and opened from disk. The site is frozen into a fresh folder
beside the destination and swapped in only when complete: a failed build leaves
the previous site untouched.
"""
from __future__ import annotations

import shutil
import tempfile
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from flask import Flask
from flask_frozen import Freezer, MissingURLGeneratorWarning

from .web.assets import fingerprint

from .web.next_report import compare_pages
from .web.views import glossary_pages, topic_report_pages, topic_status_pages


@dataclass(frozen=True)
class FreezeResult:
    pages: int
    files: int


def make_freezer(app: Flask, destination: Path) -> Freezer:
    app.config.update(
        FREEZER_DESTINATION=str(destination),
        FREEZER_RELATIVE_URLS=True,
        FREEZER_REMOVE_EXTRA_FILES=True,
        # Every page is registered below; following links as well only finds them again.
        FREEZER_SKIP_EXISTING=False,
        # Atom feeds end in .xml, which hosts serve as XML: fine for feed readers.
        FREEZER_IGNORE_MIMETYPE_WARNINGS=True,
        # The search page is frozen without a query; static/js/search.js answers it.
        SEARCH_STATIC=True,
    )
    # Every URL is generated below, explicitly: replaying the url_for calls that pages
    # made (log_url_for) would rebuild them outside their page, without its language.
    freezer = Freezer(app, with_static_files=True, with_no_argument_rules=True, log_url_for=False)
    library = app.extensions["library"]

    @freezer.register_generator
    def pages():
        yield "pages.root", {}
        static = Path(app.static_folder)
        for path in sorted([*static.glob("css/*.css"), *static.glob("js/*.js")]):
            yield "asset", {"filename": fingerprint(path.relative_to(static).as_posix())}
        yield "pages.not_found_page", {}
        yield "data.commitments_json", {}
        yield "data.commitments_csv", {}
        yield "data.schema", {}
        yield "data.sitemap", {}
        yield "data.robots", {}
        for lang in ("zh", "en"):
            yield "pages.home", {"lang": lang}
            yield "pages.topics", {"lang": lang}
            yield "pages.report", {"lang": lang}
            yield "pages.glossary", {"lang": lang}
            yield "pages.data_page", {"lang": lang}
            yield "data.feed_all", {"lang": lang}
            yield "pages.targets", {"lang": lang}
            yield "search.search", {"lang": lang}
            for topic in library.used_topics:
                yield "pages.topic", {"lang": lang, "slug": topic.slug}
                yield "data.feed_topic", {"lang": lang, "slug": topic.slug}
            yield "pages.reports", {"lang": lang}
            for edition in library.editions:
                yield "pages.report", {"lang": lang, "report_slug": edition.slug}
            for report_slug in glossary_pages(library):
                yield "pages.glossary", {"lang": lang, "report_slug": report_slug}
            for report_slug, slug in topic_report_pages(library):
                yield "pages.topic", {"lang": lang, "slug": slug, "report_slug": report_slug}
            for slug, status in topic_status_pages(library):
                yield "pages.topic", {"lang": lang, "slug": slug, "status": status}
            for entry in library.entries():
                yield "pages.commitment", {"lang": lang, "commitment_id": entry.commitment.id}
            for endpoint, values in compare_pages(library):
                yield endpoint, {"lang": lang, **values}

    return freezer


def freeze(app: Flask, destination: Path, extra: Callable[[Path], None] | None = None) -> FreezeResult:
    """Freeze ``app``; ``extra(folder)`` may add files (the search index) before the swap."""
    destination = destination.resolve()
    staging = Path(tempfile.mkdtemp(prefix=".site-", dir=destination.parent))
    try:
        with warnings.catch_warnings():
            # A comparison whose lists all fit on its page has no list pages: nothing to freeze.
            warnings.filterwarnings("ignore", r"Nothing frozen for endpoints next\.compare_list\.",
                                    MissingURLGeneratorWarning)
            make_freezer(app, staging).freeze()
        staging.chmod(0o755)  # mkdtemp makes it private; a web server must read it
        if extra is not None:
            extra(staging)
        files = sum(1 for p in staging.rglob("*") if p.is_file())
        pages = sum(1 for p in staging.rglob("*.html"))
        old = destination.with_name(destination.name + ".old")
        if old.exists():
            shutil.rmtree(old)
        if destination.exists():
            destination.rename(old)
        staging.rename(destination)
        shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return FreezeResult(pages=pages, files=files)
