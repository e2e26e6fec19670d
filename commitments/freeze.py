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

from .web.site_pages import site_pages


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
    # static/ goes out only as site_pages lists it: stylesheets and scripts under their
    # fingerprinted names (the pages link nothing else), the favicon as it is.
    freezer = Freezer(app, with_static_files=False, with_no_argument_rules=True, log_url_for=False)

    @freezer.register_generator
    def pages():
        for page in site_pages(app.extensions["library"], Path(app.static_folder)):
            yield from page.addresses()

    return freezer


def freeze(app: Flask, destination: Path, extra: Callable[[Path], None] | None = None) -> FreezeResult:
    """Freeze ``app``; ``extra(folder)`` may add files (the search index) before the swap."""
    destination = destination.resolve()
    destination.parent.mkdir(parents=True, exist_ok=True)
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
