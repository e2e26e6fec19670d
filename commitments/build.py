"""The pipeline, stage after stage: reports → content files → site → static build."""
from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from .coverage import summary
from .freeze import freeze
from .importer import check_up_to_date
from .search.export import FOLDER as EXPORT_FOLDER, export_index
from .search.index import build_search_index
from .web import create_app


@dataclass(frozen=True)
class BuildResult:
    reports: int
    commitments: int
    pages: int
    files: int
    seconds: float
    warnings: tuple[str, ...] = ()


def build_site(content_dir: Path, destination: Path, base_url: str | None = None) -> BuildResult:
    """``base_url`` (checked by commitments.publish) replaces site.yaml's."""
    started = time.perf_counter()
    check_up_to_date(content_dir)                    # content/ as report.txt and topics.yaml give it
    app = create_app(content_dir, BASE_URL=base_url)  # content/ → Library → Flask app
    index = build_search_index(app.extensions["library"], content_dir)  # Library → Whoosh index
    frozen = freeze(app, destination,                # Flask app → static files,
                    extra=lambda folder: export_index(index, folder / EXPORT_FOLDER))  # + search index
    warnings = tuple(
        f"{c.lang}: {len(c.missing)} missing and {len(c.outdated)} outdated translation(s); "
        "run 'python3 build.py translations' for the list"
        for c in summary(app.extensions["library"]) if c.missing or c.outdated
    )
    library = app.extensions["library"]
    return BuildResult(len(library.editions), sum(len(e.entries) for e in library.editions), frozen.pages, frozen.files,
                       time.perf_counter() - started, warnings)
