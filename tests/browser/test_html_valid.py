"""Every page of site/ is valid HTML (the Nu Html Checker), every link and
resource in it resolves to a file of the site, every #fragment to an id, and
nothing needs 'unsafe-inline' under the strict Content-Security-Policy.

The vnu check needs Java and node_modules/vnu-jar; the rest needs nothing.
"""
from __future__ import annotations

import json
import posixpath
import re
import subprocess
import urllib.parse
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest

from .conftest import ROOT, need_java, node_tool

URL_ATTRIBUTES = {"href", "src", "action", "poster", "data", "formaction", "cite"}
SCRIPT_TYPES = {"", "text/javascript", "module", "application/javascript"}
SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


@dataclass
class Page:
    path: str  # relative to site/, posix
    ids: set[str] = field(default_factory=set)
    refs: list[tuple[int, str, str, str]] = field(default_factory=list)  # line, tag, attribute, value
    inline: list[str] = field(default_factory=list)  # inline script, style attribute, handler …
    #: <base href>: only 404.html has one, so its links work at any depth (from the site's root).
    base: str | None = None


class _Parser(HTMLParser):
    def __init__(self, page: Page):
        super().__init__(convert_charrefs=True)
        self.page = page
        self._script_line = None
        self._script_body = []

    def handle_starttag(self, tag, attrs):
        self._tag(tag, attrs)

    def handle_startendtag(self, tag, attrs):
        self._tag(tag, attrs)

    def _tag(self, tag, attrs):
        line = self.getpos()[0]
        values = dict(attrs)
        if tag == "base":
            self.page.base = values.get("href")
            return
        for name, value in attrs:
            if name == "id" or (tag == "a" and name == "name"):
                self.page.ids.add(value or "")
            if name in URL_ATTRIBUTES and value is not None:
                if not (tag == "blockquote" and name == "cite") or not SCHEME.match(value):
                    self.page.refs.append((line, tag, name, value))
            if name in ("srcset", "imagesrcset") and value:
                for candidate in value.split(","):
                    url = candidate.strip().split(" ")[0]
                    if url:
                        self.page.refs.append((line, tag, name, url))
            if name == "style":
                self.page.inline.append(f"line {line}: <{tag} style=\"{value}\">")
            if name.startswith("on"):
                self.page.inline.append(f"line {line}: <{tag} {name}=…> event handler attribute")
            if value and value.strip().lower().startswith("javascript:"):
                self.page.inline.append(f"line {line}: <{tag} {name}=\"{value}\"> javascript: URL")
        if tag == "style":
            self.page.inline.append(f"line {line}: <style> element")
        if tag == "script" and "src" not in values and (values.get("type") or "").lower() in SCRIPT_TYPES:
            self._script_line = line
            self._script_body = []

    def handle_data(self, data):
        if self._script_line is not None:
            self._script_body.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._script_line is not None:
            body = "".join(self._script_body).strip()
            if body:
                self.page.inline.append(f"line {self._script_line}: inline <script> {body[:60]!r}")
            self._script_line = None


def parse(site: Path, file: Path) -> Page:
    page = Page(file.relative_to(site).as_posix())
    parser = _Parser(page)
    parser.feed(file.read_text(encoding="utf-8"))
    parser.close()
    return page


@pytest.fixture(scope="module")
def pages(site_dir) -> dict[str, Page]:
    return {p.path: p for p in (parse(site_dir, f) for f in sorted(site_dir.rglob("*.html")))}


def resolve(site: Path, page: str, url: str) -> tuple[str | None, str | None, str | None]:
    """(site-relative file, fragment, problem) for a relative URL found in `page`."""
    parts = urllib.parse.urlsplit(url)
    fragment = urllib.parse.unquote(parts.fragment) if "#" in url else None
    if not parts.path:
        return page, fragment, None  # "#x" or "?q" on the same page
    path = urllib.parse.unquote(parts.path)
    if path.startswith("/"):
        return None, None, "root-relative URL: breaks when the site is hosted under a sub-path"
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
    if joined == ".." or joined.startswith("../"):
        return None, None, "points outside the site"
    if path.endswith("/"):
        joined = posixpath.join(joined, "index.html") if joined != "." else "index.html"
    target = site / joined
    if target.is_dir():
        return None, None, "points to a folder without a trailing slash (no file there when opened from disk)"
    if not target.is_file():
        return None, None, f"no such file: site/{joined}"
    return joined, fragment, None


def test_links_and_fragments_resolve(site_dir, pages):
    problems = []
    checked = 0
    for page in pages.values():
        for line, tag, attribute, url in page.refs:
            if SCHEME.match(url) or url.startswith("//"):
                continue  # external: not checked (no network here)
            checked += 1
            # A page with <base href> (404.html, served at any depth) resolves from the root.
            target, fragment, problem = resolve(site_dir, "index.html" if page.base else page.path, url)
            if problem is None and fragment:
                if target not in pages:
                    problem = f"#{fragment} on a file that is not an HTML page ({target})"
                elif fragment not in pages[target].ids:
                    problem = f"no id=\"{fragment}\" in site/{target}"
            if problem:
                problems.append(f"site/{page.path}:{line} <{tag} {attribute}=\"{url}\">: {problem}")
    print(f"{checked} internal links in {len(pages)} pages")
    assert checked, "no internal links found"
    assert not problems, f"{len(problems)} broken link(s):\n" + "\n".join(problems[:100])


def test_nothing_inline_for_csp(pages):
    """default-src 'self' blocks inline scripts, style attributes, <style> and handlers."""
    problems = [f"site/{page.path} {item}" for page in pages.values() for item in page.inline]
    assert not problems, (f"{len(problems)} inline script/style use(s) that the CSP default-src 'self' blocks:\n"
                          + "\n".join(problems[:100]))


def _vnu_errors(files: list[Path]) -> list[str]:
    """The Nu Html Checker's errors over `files` (HTML and CSS), in one Java run."""
    java = need_java()
    jar = node_tool("vnu-jar", "build", "dist", "vnu.jar")
    html = [str(p) for p in files if p.suffix == ".html"]
    css = [str(p) for p in files if p.suffix == ".css"]
    result = subprocess.run([java, "-Xss4m", "-jar", str(jar), "--errors-only", "--format", "json",
                             *(["--also-check-css"] if css else []), *html, *css],
                            capture_output=True, text=True, timeout=240)
    try:
        messages = json.loads(result.stderr or result.stdout)["messages"]
    except (ValueError, KeyError):
        pytest.fail(f"vnu did not answer in JSON (exit {result.returncode}):\n{result.stderr[-3000:]}")
    errors = [m for m in messages if m.get("type") in ("error", "non-document-error")]
    lines = []
    for m in errors:
        where = Path(urllib.parse.unquote(urllib.parse.urlsplit(m.get("url", "")).path))
        try:
            where = where.relative_to(ROOT)
        except ValueError:
            pass
        extract = (m.get("extract") or "").replace("\n", " ")
        lines.append(f"{where}:{m.get('lastLine', '?')}: {m.get('message')}  [{extract.strip()[:120]}]")
    print(f"vnu checked {len(html)} HTML and {len(css)} CSS file(s)")
    return lines


def test_vnu_valid_html(site_dir):
    """The Nu Html Checker over every page and stylesheet, in one Java run."""
    errors = _vnu_errors(sorted([*site_dir.rglob("*.html"), *site_dir.rglob("*.css")]))
    assert not errors, f"{len(errors)} vnu error(s):\n" + "\n".join(errors[:100])


def test_vnu_valid_html_with_an_editors_markdown(tmp_path):
    """Notes, a progress note and a translation in Markdown (tests/test_richtext.py) keep
    the pages they show on valid, where they are links too."""
    from ..test_richtext import EDITED_PAGES, build_edited_site

    need_java()
    site = build_edited_site(tmp_path)
    errors = _vnu_errors([site / page for page in EDITED_PAGES])
    assert not errors, f"{len(errors)} vnu error(s):\n" + "\n".join(errors[:100])
