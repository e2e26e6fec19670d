"""Stage 5: freeze the Flask site into static files.

URLs are relative (FREEZER_RELATIVE_URLS), so the output works at a domain root,
under any sub-path and opened from disk. The site is frozen into a fresh folder
beside the destination and swapped in only when complete: a failed build leaves
the previous site untouched.

The page list (web/site_pages.py) is split among worker processes, forked once the
site is loaded, so they share it; each freezes its share with Frozen-Flask into the
same staging folder. An incremental build's staging folder is the spare: the site
the previous build replaced, kept beside it (.<site>.spare) with its record. Only its
files whose inputs' hash differs from this build's (commitments/page_inputs.py) are
touched: linked from the current site where that one is right, frozen otherwise. The
hashes of a build are kept beside the site, in .<site>.build.json, with the English
each page read; a build that cannot trust them (none, another format, a file missing)
freezes everything.
"""
from __future__ import annotations

import gc
import hashlib
import io
import json
import multiprocessing
import os
import posixpath
import shutil
import tempfile
import unicodedata
import warnings
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable
from urllib.parse import unquote, urlsplit

import flask_frozen
from flask import Flask, g, request, request_finished, request_started, request_tearing_down, url_for
from flask.testing import EnvironBuilder
from flask_frozen import Freezer, MissingURLGeneratorWarning

from .library import EnglishReads
from .web.assets import FROZEN_ASSETS
from .web.urls import PATHS, link_key, path_under, remembered
from .web.site_pages import site_pages

MANIFEST_FORMAT = 2


@dataclass(frozen=True)
class FreezeResult:
    pages: int
    files: int
    #: files frozen (or exported) by this build; the rest were kept from the previous one
    written: int = 0


@dataclass(frozen=True)
class SiteFile:
    url: str
    endpoint: str
    values: dict


def configure(app: Flask) -> None:
    app.config.update(
        FREEZER_RELATIVE_URLS=True,
        # Workers share one folder, and an incremental build keeps the previous files:
        # the staging folder is fresh and only ever holds this build's files.
        FREEZER_REMOVE_EXTRA_FILES=False,
        # Every page is registered below; following links as well only finds them again.
        FREEZER_SKIP_EXISTING=False,
        # Atom feeds end in .xml, which hosts serve as XML: fine for feed readers.
        FREEZER_IGNORE_MIMETYPE_WARNINGS=True,
        # The search page is frozen without a query; static/js/search.js answers it.
        SEARCH_STATIC=True,
    )


def site_files(app: Flask) -> list[SiteFile]:
    """Every file of the site in the order of site_pages, each URL once."""
    found: dict[str, SiteFile] = {}
    paths = app.extensions[PATHS]  # kept for the sitemap and the pages' links to each other
    with app.test_request_context():
        for page in site_pages(app.extensions["library"], Path(app.static_folder)):
            for endpoint, values in page.addresses():
                path = remembered(paths, endpoint, values, lambda: url_for(endpoint, **values))
                # As Frozen-Flask reads a generated (endpoint, values): quoted, no query.
                url = urlsplit(unquote(path)).path
                found.setdefault(url, SiteFile(url, endpoint, values))
    return list(found.values())


class SiteFreezer(Freezer):
    """Frozen-Flask's freezer, asking the app for a page the way its test client does
    but without it: the test client builds a WSGI environ with an EnvironBuilder for
    every URL, wraps the response in a TestResponse and finds the request's full URL
    again, a fifth of a small page's time. Here the environ is built once by the same
    builder and only its path is set for each URL (a plain one: anything with quoting,
    a query or a non-ASCII character gets its own builder), the app is called as a WSGI
    app, and the file is written with one open. Whatever this build does not use (a
    status other than 200, redirects, last-modified skipping, mimetype warnings,
    Frozen-Flask's own relative URLs or url_for logging) goes through Frozen-Flask's
    own _build_one."""

    @property
    def root(self) -> Path:
        """Frozen-Flask's root, made once for its destination, not twice a page."""
        key = (self.app.root_path, self.app.config["FREEZER_DESTINATION"])
        known = self.__dict__.get("_root")
        if known is None or known[0] != key:
            known = self._root = (key, super().root)
        return known[1]

    def _build_one(self, url, last_modified=None):
        config = self.app.config
        if (last_modified is not None or config["FREEZER_SKIP_EXISTING"] or config["FREEZER_RELATIVE_URLS"]
                or not config["FREEZER_IGNORE_MIMETYPE_WARNINGS"] or self.log_url_for):
            return super()._build_one(url, last_modified)
        reply: list = []

        def start_response(status, headers, exc_info=None):
            if exc_info:
                raise exc_info[1].with_traceback(exc_info[2])
            reply[:] = [status]
            return body.append

        body: list[bytes] = []
        result = self.app(self._environ(url), start_response)
        try:
            body.extend(result)
        finally:
            close = getattr(result, "close", None)
            if close is not None:
                close()
        if not reply or not reply[0].startswith("200 "):
            return super()._build_one(url, last_modified)  # its warnings, errors and redirects
        path = os.path.join(self.root, unicodedata.normalize("NFC", self.urlpath_to_filepath(url)))
        self._write(path, b"".join(body))
        return Path(path)

    def _environ(self, url: str) -> dict:
        """The WSGI environ of a GET of ``url``, as the test client makes it."""
        base = self.__dict__.get("_base_environ")
        if base is None:
            base = self._base_environ = self._built_environ("/")
        if not url.isascii() or not url.startswith("/") or any(c in url for c in "%?#\\"):
            return self._built_environ(url)
        environ = dict(base)
        environ["PATH_INFO"] = url
        environ["REQUEST_URI"] = environ["RAW_URI"] = environ["SCRIPT_NAME"] + url
        environ["wsgi.input"] = io.BytesIO()
        return environ

    def _built_environ(self, url: str) -> dict:
        client = self.app.test_client()
        return EnvironBuilder(self.app, url, base_url=self.app.config["FREEZER_BASE_URL"],
                              environ_base=client._copy_environ({})).get_environ()

    def _write(self, path: str, content: bytes) -> None:
        """Frozen-Flask's write: the file, unless it is there with the same bytes."""
        folder = os.path.dirname(path)
        made = self.__dict__.setdefault("_folders", set())
        if folder not in made:
            os.makedirs(folder, exist_ok=True)
            made.add(folder)
        try:
            with open(path, "xb") as file:
                file.write(content)
        except FileExistsError:
            with open(path, "rb") as file:
                if file.read() == content:
                    return
            with open(path, "wb") as file:
                file.write(content)


def make_freezer(app: Flask, destination: Path, urls: list[str]) -> Freezer:
    """A Frozen-Flask freezer of ``urls`` into ``destination``."""
    configure(app)
    app.config["FREEZER_DESTINATION"] = str(destination)
    # Every URL is listed, explicitly: replaying the url_for calls that pages made
    # (log_url_for) would rebuild them outside their page, without its language.
    # static/ goes out only as site_pages lists it: stylesheets and scripts under their
    # fingerprinted names (the pages link nothing else), the favicon as it is.
    freezer = SiteFreezer(app, with_static_files=False, with_no_argument_rules=False, log_url_for=False)
    freezer.register_generator(lambda: iter(urls))
    return freezer


def _parts(path: str) -> list[str] | None:
    """The segments of a normalised absolute path as url_for makes it; None for one
    that posixpath must normalise."""
    if "/." in path or "//" in path:
        return None
    return [p for p in path.split("/") if p]


def _relpath(url: str, start: str, base: list[str] | None = None, target: list[str] | None = None) -> str:
    """posixpath.relpath for the normalised absolute paths url_for makes, without its
    normalising (a third of a link's cost); anything else goes to posixpath. ``base``,
    ``target``: the segments of ``start`` and of ``url``, when known."""
    if target is None:
        target = _parts(url)
    if base is None:
        base = _parts(start)
    if target is None or base is None:
        return posixpath.relpath(url, start)
    common = 0
    for a, b in zip(target, base):
        if a != b:
            break
        common += 1
    parts = [".."] * (len(base) - common) + target[common:]
    return "/".join(parts) if parts else "."


def _target_of(url: str) -> tuple:
    """What a link to ``url`` needs on any page: (url, None, None, None) for one that is
    not an absolute path (kept as it is); else (url, the file's path, the query and
    fragment, the path's segments)."""
    if not url.startswith("/"):
        return url, None, None, None
    suffix = ""
    path = url
    if "#" in path or "?" in path:
        path, fragment_sep, fragment = path.partition("#")
        path, query_sep, query = path.partition("?")
        suffix = query_sep + query + fragment_sep + fragment
    if path.endswith("/"):
        path += "index.html"
    return url, path, suffix, _parts(path)


@contextmanager
def remembered_relative_urls(app: Flask):
    """Frozen-Flask's relative url_for, with each absolute URL remembered: pages build
    the same few dozen links (navigation, glossary, topics), and building one is most
    of a small page's time. A link depends only on its endpoint and arguments, the
    page's language (url_defaults add it) and, for a relative endpoint, the blueprint
    (web/urls.py link_key); the relative form, on the page's folder. What a link needs
    of the page being frozen is taken once when its request starts, not through Flask's
    context proxies on every link. Same output as flask_frozen.relative_url_for."""
    absolute: dict = {}  # link key → the URL as _target_of gives it
    paths = app.extensions[PATHS]  # link key → the URL: shared with the full addresses (web/urls.py)
    page: dict = {}  # the request being frozen: its request, its g, its folder and that folder's segments
    links: dict = {}  # link key → the link as this page writes it (a page repeats some links)

    def page_started(sender, **extra) -> None:
        req = request._get_current_object()
        start = req.path if req.path.endswith("/") else posixpath.dirname(req.path)
        page.update(request=req, g=g._get_current_object(), start=start, base=_parts(start))
        links.clear()

    def page_ended(sender, **extra) -> None:
        page.clear()
        links.clear()

    def relative_url_for(endpoint: str, **values) -> str:
        req = page.get("request")
        if req is None:  # a link made outside a page being frozen
            return flask_frozen.relative_url_for(endpoint, **values)
        try:
            key = link_key(endpoint, values, req, page["g"])
        except TypeError:  # an argument that cannot be a key: not remembered
            return _relative(_target_of(url_for(endpoint, **values)))
        link = links.get(key)
        if link is None:
            target = absolute.get(key)
            if target is None:
                path = path_under(paths, key, endpoint, values, lambda: url_for(endpoint, **values), req, page["g"])
                target = absolute[key] = _target_of(path)
            link = links[key] = _relative(target)
        return link

    def _relative(target: tuple) -> str:
        url, path, suffix, parts = target
        if path is None:
            return url
        return _relpath(path, page["start"], page["base"], parts) + suffix

    previous = app.jinja_env.globals["url_for"]
    relative = app.config["FREEZER_RELATIVE_URLS"]
    app.jinja_env.globals["url_for"] = relative_url_for
    app.config["FREEZER_RELATIVE_URLS"] = False  # Frozen-Flask would put its own back on each page
    app.extensions[FROZEN_ASSETS] = {}  # the static files do not change while the site is frozen
    request_started.connect(page_started, app)
    request_tearing_down.connect(page_ended, app)
    try:
        yield
    finally:
        request_started.disconnect(page_started, app)
        request_tearing_down.disconnect(page_ended, app)
        app.jinja_env.globals["url_for"] = previous
        app.config["FREEZER_RELATIVE_URLS"] = relative
        del app.extensions[FROZEN_ASSETS]


def freeze_urls(app: Flask, destination: Path, urls: list[str]) -> dict[str, list]:
    """Freeze ``urls`` of ``app`` into ``destination``, in this process; the English
    each page read (library.EnglishReads), by URL."""
    if not urls:
        return {}
    freezer = make_freezer(app, destination, urls)
    reads: dict[str, list] = {}

    def started(sender, **extra):
        EnglishReads.current = set()

    def finished(sender, **extra):
        if EnglishReads.current is not None:
            reads[request.path] = sorted(EnglishReads.current)
        EnglishReads.current = None

    request_started.connect(started, app)
    request_finished.connect(finished, app)
    try:
        with warnings.catch_warnings(), remembered_relative_urls(app):
            # Each worker freezes a share of the pages: the other endpoints are in other shares.
            warnings.simplefilter("ignore", MissingURLGeneratorWarning)
            freezer.freeze()
    finally:
        request_started.disconnect(started, app)
        request_finished.disconnect(finished, app)
        EnglishReads.current = None
    return reads


_JOB: tuple | None = None  # what forked workers inherit: (app, staging, shares)


def _freeze_share(index: int) -> dict[str, list]:
    app, staging, shares = _JOB
    return freeze_urls(app, staging, shares[index])


def freeze_in_parallel(app: Flask, destination: Path, urls: list[str], workers: int,
                       first: list[str] = ()) -> dict[str, list]:
    """Freeze ``urls`` in ``workers`` forked processes, dealt like cards so each gets
    pages of every kind; one worker freezes in this process. The pages ``first`` are
    frozen here before the fork: what they compute once for the site (templates compiled,
    outcomes linked, Markdown rendered) is then shared instead of done in every worker.
    Returns the English each page read, by URL."""
    global _JOB
    workers = max(1, min(workers, len(urls) // 50 or 1))  # a process costs more than a few pages
    if workers == 1 or "fork" not in multiprocessing.get_all_start_methods():  # Windows: one process
        return freeze_urls(app, destination, urls)
    wanted = set(urls)
    first = [url for url in first if url in wanted]
    reads = freeze_urls(app, destination, first)
    done = set(first)
    urls = [url for url in urls if url not in done]
    _JOB = (app, destination, [urls[i::workers] for i in range(workers)])
    gc.collect()
    gc.freeze()  # the loaded site is shared with the workers: keep the collector off its pages
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            for share in pool.map(_freeze_share, range(workers), chunksize=1):
                reads.update(share)
    finally:
        _JOB = None
        gc.unfreeze()
    return reads


def manifest_path(destination: Path) -> Path:
    return destination.with_name(f".{destination.name.lstrip('.')}.build.json")  # the spare's too


def spare_path(destination: Path) -> Path:
    """The previous site, kept to be made into the next one (its record: manifest_path)."""
    return destination.with_name(f".{destination.name}.spare")


def previous_build(destination: Path) -> dict:
    """The record of the build in ``destination``, when it describes what is there:
    every file it lists is in place."""
    path = manifest_path(destination)
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(manifest, dict) or manifest.get("format") != MANIFEST_FORMAT or not destination.is_dir():
        return {}
    if not all((destination / _file_path(url)).is_file() for url in manifest.get("pages", {})):
        return {}
    return manifest


def _file_path(url: str) -> str:
    """Where Frozen-Flask writes a URL (its urlpath_to_filepath)."""
    return url.lstrip("/") + ("index.html" if url.endswith("/") else "")


def _link_tree(source: Path, target: Path) -> None:
    """``target`` with the files of ``source`` as hard links (copies where links fail).
    Paths as strings: a site has tens of thousands of files, and a Path a file
    took more time than the link."""
    def link(source: str, target: str) -> None:
        os.makedirs(target, exist_ok=True)
        with os.scandir(source) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    link(entry.path, os.path.join(target, entry.name))
                else:
                    _link(entry.path, os.path.join(target, entry.name))

    link(str(source), str(target))


def _link(source: Path | str, target: Path | str) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _unlink(path: Path, emptied: set[Path]) -> None:
    """Remove ``path`` if it is there; its folder may be left empty."""
    try:
        path.unlink()
    except FileNotFoundError:
        return
    emptied.add(path.parent)


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def _swap(staging: Path, destination: Path) -> Path | None:
    """Put ``staging`` in place of ``destination``; the site that was there, if any,
    is returned under the spare's name (what the next build makes its staging)."""
    spare = spare_path(destination)
    if not destination.exists():
        staging.rename(destination)
        return None
    old = destination.with_name(f".{destination.name}.old")
    if old.exists():
        shutil.rmtree(old)
    destination.rename(old)
    staging.rename(destination)
    if spare.exists():  # staging was another folder: the former spare is of no use now
        shutil.rmtree(spare)
    old.rename(spare)
    return spare


def freeze(app: Flask, destination: Path, extra: Callable[[], dict[str, bytes]] | None = None,
           workers: int | None = None, digest: Callable[[str, dict, list | None], str | None] | None = None,
           incremental: bool = False, record: dict | None = None) -> FreezeResult:
    """Freeze ``app`` into ``destination`` with ``workers`` processes (default: the
    machine's cores), with the files ``extra()`` gives (path in the site → bytes).
    ``digest(endpoint, values, reads)`` is the hash of a page's inputs given the
    English it read when rendered (None: unknown, render it), kept beside the site
    with ``record`` (previous_build reads them); ``incremental`` freezes only the
    pages whose hash changed since the previous build, and writes only the extra
    files whose bytes changed.

    The site is made in a staging folder and swapped in whole. An incremental build's
    staging folder is the spare: the site before the previous one, which the previous
    build kept with its record. Only its files whose hash differs from this build's
    are touched: linked from the current site when the current site has them right,
    frozen or written otherwise. So a build after a small edit touches a few files,
    not every file and folder of the site; without a spare, the current site is
    linked file by file into a fresh folder first."""
    destination = destination.resolve()
    destination.parent.mkdir(parents=True, exist_ok=True)
    files = site_files(app)
    current = previous_build(destination) if digest else {}
    previous = current if incremental else {}
    reads = dict(previous.get("reads", {}))  # the English each page read when last rendered
    hashes = {f.url: digest(f.endpoint, f.values, reads.get(f.url)) if digest else "" for f in files}
    extra_files = {"/" + name: data for name, data in (extra() if extra is not None else {}).items()}
    hashes.update({url: hashlib.sha256(data).hexdigest() for url, data in extra_files.items()})
    spare = spare_path(destination)
    spare_record = previous_build(spare) if previous else {}
    manifest_path(spare).unlink(missing_ok=True)  # the spare is changed below: no longer what it records
    written, staging = 0, None
    try:
        fresh = False  # the staging folder is new and empty: nothing there to remove
        if spare_record:
            staging, held = spare, spare_record["pages"]
        else:
            staging = Path(tempfile.mkdtemp(prefix=".site-", dir=destination.parent))
            held = {}
            if previous:
                _link_tree(destination, staging)
                held = previous["pages"]
            else:
                fresh = True
        current_pages = previous.get("pages", {})
        emptied: set[Path] = set()
        stale = []
        for url, value in hashes.items():
            if value is not None and held.get(url) == value:
                continue
            if url not in extra_files and fresh:
                stale.append(url)
                continue
            path = staging / _file_path(url)
            if not fresh:
                _unlink(path, emptied)  # Frozen-Flask writes into the file that is there: never into a link
            if value is not None and staging == spare and current_pages.get(url) == value:
                path.parent.mkdir(parents=True, exist_ok=True)
                _link(destination / _file_path(url), path)
            elif url in extra_files:
                _write(path, extra_files[url])
                written += 1
            else:
                stale.append(url)
        for url in held.keys() - hashes.keys():  # files of pages that are gone
            _unlink(staging / _file_path(url), emptied)
        one_of_each = {f.endpoint: f.url for f in reversed(files)}  # the first of each kind
        read = freeze_in_parallel(app, staging, stale, workers or os.cpu_count() or 1, list(one_of_each.values()))
        written += len(stale)
        if digest:  # a page frozen now is hashed with the English it read now
            by_url = {f.url: f for f in files}
            for url in stale:
                reads[url] = read.get(url)
                hashes[url] = digest(by_url[url].endpoint, by_url[url].values, reads[url])
            reads = {url: reads[url] for url in by_url if reads.get(url) is not None}
        staging.chmod(0o755)  # mkdtemp makes it private; a web server must read it
        _remove_empty_folders(staging, emptied)
        count = len(hashes)
        pages = sum(1 for url in hashes if _file_path(url).endswith(".html"))
        manifest_path(destination).unlink(missing_ok=True)  # a site swapped in half-way has none
        kept = _swap(staging, destination)
        if digest:
            manifest = {**(record or {}), "format": MANIFEST_FORMAT, "pages": hashes, "reads": reads,
                        "site": {"pages": pages, "files": count}}
            written_manifest = json.dumps(manifest, sort_keys=True)
            manifest_path(destination).write_text(written_manifest, encoding="utf-8")
            if kept is not None and current:  # the site just replaced, with its record: the next staging
                manifest_path(kept).write_text(json.dumps(current, sort_keys=True), encoding="utf-8")
            elif kept is None:  # the first build: the next one starts from a copy of this one (links)
                shutil.rmtree(spare, ignore_errors=True)
                copy = Path(tempfile.mkdtemp(prefix=".site-", dir=destination.parent))
                _link_tree(destination, copy)
                copy.rename(spare)
                manifest_path(spare).write_text(written_manifest, encoding="utf-8")
    except BaseException:
        if staging is not None and staging != spare:
            shutil.rmtree(staging, ignore_errors=True)
        raise
    return FreezeResult(pages=pages, files=count, written=written)


def _remove_empty_folders(root: Path, folders: set[Path]) -> None:
    """Remove those of ``folders`` (and then their parents) that are empty: their files' pages are gone."""
    for folder in sorted(folders, key=lambda f: len(f.parts), reverse=True):
        while folder != root and root in folder.parents:
            try:
                os.rmdir(folder)  # only when empty
            except OSError:
                break
            folder = folder.parent
