"""The pipeline, stage after stage: reports → content files → site → static build."""
from __future__ import annotations

import time
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from .content import read_once
from .coverage import summary
from .freeze import freeze, previous_build
from .importer import check_up_to_date
from .entry_cache import EntryCache
from .page_inputs import PageInputs, code_digest, folder_digests, import_digest, inputs_digest
from .snapshot import ContentSnapshot
from .search.export import FOLDER as EXPORT_FOLDER
from .search.incremental import export_search
from .search.index import documents, library_reports
from .search.synonyms import FILENAME as SYNONYMS, load_synonyms
from .web import create_app


def state_path(destination: Path, name: str) -> Path:
    """What the last build kept for the next beside the site: its search export's tables
    (search/incremental.py), its reports' commitments (entry_cache.py)."""
    destination = destination.resolve()
    return destination.with_name(f".{destination.name}.{name}.pickle")


def search_files(library, content_dir: Path, state: Path, code: str, reuse: bool) -> dict[str, bytes]:
    """The static search index (path in the site → bytes): Library → search documents →
    the previous build's tables, updated by the documents that changed (``reuse``), or
    a Whoosh index of them all → the export's files."""
    files = export_search(documents(library), library.topics, load_synonyms(content_dir / SYNONYMS),
                          library_reports(library), state, code, reuse)
    return {f"{EXPORT_FOLDER}/{name}": data for name, data in files.items()}


@dataclass(frozen=True)
class BuildResult:
    reports: int
    commitments: int
    pages: int
    files: int
    seconds: float
    warnings: tuple[str, ...] = ()
    #: files made by this build; the others were kept from the previous one (incremental)
    written: int = 0


def build_site(content_dir: Path, destination: Path, base_url: str | None = None, workers: int | None = None,
               incremental: bool = True) -> BuildResult:
    """``base_url`` (checked by commitments.publish) replaces site.yaml's; ``workers``
    processes freeze the pages (default: one a core); ``incremental`` freezes again only
    the pages whose inputs changed since the previous build into ``destination``."""
    started = time.perf_counter()
    # content/ read and hashed once: every hash below and every commitment file the
    # check and the library read come from these bytes.
    snapshot, code = ContentSnapshot.read(content_dir), code_digest()
    inputs_hash = inputs_digest(snapshot, base_url, code)  # code, content/ and base_url, as bytes
    previous = previous_build(destination.resolve()) if incremental else {}
    if previous.get("inputs") == inputs_hash:  # the site there is this build's, to the byte
        return BuildResult(**previous["result"], warnings=tuple(previous["warnings"]), **previous["site"],
                           seconds=time.perf_counter() - started, written=0)
    # content/ as report.txt and topics.yaml give it; a report folder the previous build
    # checked, with the same bytes and code, is as it was then: up to date.
    importing, folders = import_digest(snapshot, code), folder_digests(snapshot)
    checked = previous.get("reports", {}) if previous.get("import") == importing else {}
    # content/ → Library → Flask app. A report's commitments come from the previous
    # build when it read the same bytes with the same code, else from the check, which
    # has just read and checked them (the check and the library share the files both
    # read: read_once).
    with read_once(snapshot):
        planned = check_up_to_date(content_dir, {name for name, digest in folders.items() if checked.get(name) == digest})
        entries = EntryCache(state_path(destination, "entries"), code, snapshot, planned, incremental)
        app = create_app(content_dir, read_entries=entries.load_entries, BASE_URL=base_url)
    entries.save()
    library = app.extensions["library"]
    inputs = PageInputs(library, snapshot, library.site.base_url, code)  # what each page is made from
    warnings = tuple(
        f"{c.lang}: {len(c.missing)} missing and {len(c.outdated)} outdated translation(s); "
        "run 'python3 build.py translations' for the list"
        for c in summary(library) if c.missing or c.outdated
    )
    counts = {"reports": len(library.editions), "commitments": sum(len(e.entries) for e in library.editions)}
    search = partial(search_files, library, content_dir, state_path(destination, "search"), inputs.code, incremental)
    frozen = freeze(app, destination, extra=search, workers=workers,  # Flask app → static files
                    digest=inputs.digest, incremental=incremental,
                    record={"inputs": inputs_hash, "result": counts, "warnings": warnings,
                            "import": importing, "reports": folders})
    return BuildResult(**counts, pages=frozen.pages, files=frozen.files, seconds=time.perf_counter() - started,
                       warnings=warnings, written=frozen.written)
