"""Fixtures for the browser tests: the built site, two static servers and a
Chromium driven by Playwright.

Install what these need with `bash scripts/install-browser-deps.sh`. Tests that
need Chromium (or Node, Java) are skipped with the reason when it is missing;
set REQUIRE_BROWSER_TESTS=1 (as CI should) to make that a failure instead. The
budget and link checks need nothing but the built site and always run.

The site is built once a run with `python build.py --site <temporary folder>`, so
the tests never look at a stale site/; BROWSER_TESTS_SITE=DIR tests a site built
elsewhere instead (built there if missing).
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from .static_server import StaticServer

ROOT = Path(__file__).resolve().parents[2]
# BROWSER_TESTS_SITE tests a site built elsewhere (`python build.py --site DIR`).
GIVEN_SITE = os.environ.get("BROWSER_TESTS_SITE")
SITE = (Path(GIVEN_SITE) if GIVEN_SITE else Path(tempfile.mkdtemp(prefix="browser-tests-")) / "site").resolve()
ARTIFACTS = ROOT / "build-artifacts"
NODE_MODULES = ROOT / "node_modules"
CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
SUBPATH = "/commitments/"
LANGS = ("zh", "en")
HTML_LANG = {"zh": "zh-Hans", "en": "en"}
BROWSER_LOCALE = {"zh": "zh-CN", "en": "en-US"}

# The closed network here floods Chromium's logs with errors from background
# services without these.
CHROMIUM_ARGS = [
    "--no-sandbox",  # root
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]

# Filled in by test_lighthouse and printed at the end of the run.
LIGHTHOUSE_SCORES: dict[str, dict] = {}


def _required() -> bool:
    return os.environ.get("REQUIRE_BROWSER_TESTS", "") not in ("", "0", "false")


def skip_or_fail(reason: str):
    """Skip with `reason`, or fail where the browser tests are required."""
    if _required():
        pytest.fail(f"REQUIRE_BROWSER_TESTS is set but {reason}", pytrace=False)
    pytest.skip(reason)


# ---------------------------------------------------------------- the site


def _build_site() -> None:
    """Build the site with the project's own command, `python build.py build`."""
    command = [sys.executable, str(ROOT / "build.py")]
    command += ["--site", str(SITE)]
    result = subprocess.run([*command, "build"], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, f"{' '.join(command)} build failed:\n{result.stdout[-2000:]}{result.stderr[-4000:]}"


_built = False


def ensure_site() -> Path:
    """The site under test, built once a run (a given BROWSER_TESTS_SITE only if missing)."""
    global _built
    if not _built and not (GIVEN_SITE and (SITE / "index.html").is_file()):
        _build_site()
        _built = True
    assert (SITE / "index.html").is_file(), "site/ was not built"
    return SITE


@pytest.fixture(scope="session")
def site_dir() -> Path:
    return ensure_site()


@dataclass(frozen=True)
class PageKind:
    """One page of each type the site has, as paths relative to the site root."""

    name: str
    path: str  # "" is the root; folders end with "/"
    lang: str | None

    @property
    def id(self) -> str:
        return f"{self.lang}-{self.name}" if self.lang else self.name


def _first_topic(site: Path, lang: str) -> str:
    topics = sorted(p.parent.name for p in (site / lang / "topics").glob("*/index.html"))
    assert topics, f"no topic pages in site/{lang}/topics/"
    return topics[0]


def _sample_commitment(site: Path, lang: str) -> str:
    """A commitment page with a targets table if there is one (more to test)."""
    pages = sorted((site / lang / "commitments").glob("*/index.html"))
    assert pages, f"no commitment pages in site/{lang}/commitments/"
    with_table = [p for p in pages if "<table" in p.read_text(encoding="utf-8")]
    return (with_table or pages)[0].parent.name


def page_kinds(site: Path) -> list[PageKind]:
    """Every page type in both languages, plus the root chooser and the 404 page.

    Section pages (topics, report, and whatever new folder with an index.html
    appears under site/<lang>/, search included) are found, not listed.
    """
    kinds = [PageKind("root", "", None)]
    for lang in LANGS:
        kinds.append(PageKind("home", f"{lang}/", lang))
        for section in sorted(p.parent.name for p in (site / lang).glob("*/index.html")):
            kinds.append(PageKind(section, f"{lang}/{section}/", lang))
        kinds += [
            PageKind("topic", f"{lang}/topics/{_first_topic(site, 'zh')}/", lang),
            PageKind("commitment", f"{lang}/commitments/{_sample_commitment(site, 'zh')}/", lang),
            # A missing page at a realistic depth, answered with 404.html.
            PageKind("404", f"{lang}/no-such-page/", lang),
        ]
    return kinds


@pytest.fixture(scope="session")
def kinds(site_dir) -> list[PageKind]:
    return page_kinds(site_dir)


def for_kinds(*names):
    """Limit a test parametrized by `kind` to these page types."""
    def mark(function):
        function.page_kinds = names
        return function
    return mark


def pytest_generate_tests(metafunc):
    """`kind` parametrizes a test over every page type (ids like en-topic)."""
    if "kind" in metafunc.fixturenames:
        site = ensure_site()
        wanted = getattr(metafunc.function, "page_kinds", None)
        found = [k for k in page_kinds(site) if wanted is None or k.name in wanted]
        metafunc.parametrize("kind", found, ids=[k.id for k in found])


# ---------------------------------------------------------------- servers


@pytest.fixture(scope="session")
def root_server(site_dir):
    """site/ at the domain root: http://127.0.0.1:PORT/."""
    with StaticServer(site_dir, "/") as server:
        yield server


@pytest.fixture(scope="session")
def subpath_server(site_dir):
    """site/ under a sub-path: http://127.0.0.1:PORT/commitments/; nothing else on the host."""
    with StaticServer(site_dir, SUBPATH) as server:
        yield server


@pytest.fixture(params=["root", "subpath"])
def server(request) -> StaticServer:
    """Each server in turn, for tests that must pass wherever the site is hosted."""
    return request.getfixturevalue(f"{request.param}_server")


# ---------------------------------------------------------------- browser


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.is_file():
        skip_or_fail(f"{CHROMIUM} not found: run `bash scripts/install-browser-deps.sh` (Debian's chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        skip_or_fail("playwright is not installed: run `bash scripts/install-browser-deps.sh`")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@dataclass
class PageProblems:
    """What went wrong in a page while a test used it."""

    csp: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    def all(self) -> list[str]:
        return ([f"CSP: {m}" for m in self.csp] + [f"page error: {m}" for m in self.errors]
                + [f"failed: {m}" for m in self.failed])


def watch(page) -> PageProblems:
    """Record CSP violations, script errors and failed sub-resources of `page`.

    A navigation to a missing page is expected to be a 404 and is not recorded;
    every other response of 400 or more is.
    """
    problems = PageProblems()

    def on_console(message):
        text = message.text
        if "Content Security Policy" in text:
            problems.csp.append(text)
        elif message.type == "error" and "Failed to load resource" not in text:
            problems.errors.append(f"console: {text}")

    def on_response(response):
        request = response.request
        if response.status >= 400 and not (request.is_navigation_request() and response.status == 404):
            problems.failed.append(f"{response.status} {request.resource_type} {response.url}")

    page.on("console", on_console)
    page.on("pageerror", lambda error: problems.errors.append(str(error)))
    page.on("response", on_response)
    page.on("requestfailed", lambda request: problems.failed.append(
        f"{request.failure} {request.resource_type} {request.url}"))
    return problems


@pytest.fixture
def new_context(browser):
    """A factory for browser contexts, closed after the test."""
    contexts = []

    def make(**options):
        options.setdefault("viewport", {"width": 1280, "height": 900})
        context = browser.new_context(**options)
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


# ---------------------------------------------------------------- tools


def node_tool(*parts: str) -> Path:
    path = NODE_MODULES.joinpath(*parts)
    if not path.exists():
        skip_or_fail(f"{path.relative_to(ROOT)} not found: run `bash scripts/install-browser-deps.sh` (npm ci)")
    return path


def need_java() -> str:
    java = shutil.which("java")
    if not java:
        skip_or_fail("java not found: run `bash scripts/install-browser-deps.sh` (default-jre-headless)")
    return java


def pytest_terminal_summary(terminalreporter):
    if not LIGHTHOUSE_SCORES:
        return
    from .test_lighthouse import CATEGORIES, scores_table

    terminalreporter.section("Lighthouse scores")
    terminalreporter.write_line(scores_table(LIGHTHOUSE_SCORES, CATEGORIES))


def pytest_sessionfinish(session, exitstatus):
    if not GIVEN_SITE:
        shutil.rmtree(SITE.parent, ignore_errors=True)
