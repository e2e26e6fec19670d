"""A visitor's journeys in Chromium, with the mouse and with the keyboard alone,
at the domain root and under a sub-path, under `Content-Security-Policy:
default-src 'self'`. No page may log a CSP violation or a script error, and
no resource may fail to load.

Also saves screenshots of every page type at 375 and 1280 px wide into
build-artifacts/screenshots/.
"""
from __future__ import annotations

import re
import time
import urllib.parse

import pytest

from .conftest import ARTIFACTS, BROWSER_LOCALE, HTML_LANG, LANGS, node_tool, watch

TOPIC = re.compile(r"/topics/[^/]+/(index\.html)?$")
COMMITMENT = re.compile(r"/commitments/[^/]+/(index\.html)?$")
SEARCH_QUERIES = {"zh": "教育", "en": "school"}
SCREENSHOTS = ARTIFACTS / "screenshots"
SCREENSHOT_MAX_HEIGHT = 4000
SCREENSHOT_KINDS = ("root", "home", "topics", "topic", "commitment", "report", "search", "404")


def other(lang: str) -> str:
    return "en" if lang == "zh" else "zh"


def path_of(url: str) -> str:
    """The URL's path with a trailing index.html dropped: /zh/topics/x/."""
    path = urllib.parse.urlsplit(url).path
    return path[: -len("index.html")] if path.endswith("/index.html") else path


def assert_clean(problems):
    found = problems.all()
    assert not found, "problems in the browser:\n  " + "\n  ".join(found)


def assert_styled(page):
    """The page's stylesheet loaded and applies (a 404 page at depth loses it with relative URLs)."""
    state = page.evaluate("""() => {
        const sheets = [...document.styleSheets].filter(s => s.href);
        let rules = 0;
        for (const s of sheets) { try { rules += s.cssRules.length; } catch (e) {} }
        return {sheets: sheets.map(s => s.href), rules};
    }""")
    assert state["sheets"], f"{page.url}: no stylesheet linked"
    assert state["rules"] > 0, f"{page.url}: stylesheet {state['sheets']} did not load or is empty"


def assert_language(page, lang):
    assert page.get_attribute("html", "lang") == HTML_LANG[lang], f"{page.url}: <html lang> is not {HTML_LANG[lang]}"


def link_index(page, pattern: re.Pattern, scope: str = "main") -> int:
    """The index among `scope a[href]` of the first link whose resolved path matches."""
    hrefs = page.eval_on_selector_all(f"{scope} a[href]", "links => links.map(a => a.href)")
    for i, href in enumerate(hrefs):
        if pattern.search(urllib.parse.urlsplit(href).path):
            return i
    raise AssertionError(f"{page.url}: no link matching {pattern.pattern} in <{scope}>")


def click_link(page, pattern: re.Pattern, scope: str = "main"):
    link = page.locator(f"{scope} a[href]").nth(link_index(page, pattern, scope))
    with page.expect_navigation() as navigation:
        link.click()
    response = navigation.value
    assert response is not None and response.status == 200, f"{page.url}: status {response and response.status}"
    return response


def language_switch(page, lang: str):
    """The header's link to this page in the other language."""
    return page.locator(f'header a[hreflang="{HTML_LANG[other(lang)]}"]').first


def open_start(context, server, lang):
    """The root language chooser, then the home page in `lang`."""
    page = context.new_page()
    problems = watch(page)
    response = page.goto(server.url)
    assert response.status == 200
    if lang == "en":
        # language.js sends an English-language browser on to the English pages.
        page.wait_for_url(re.compile(r"/en/(index\.html)?$"))
    else:
        with page.expect_navigation():
            page.locator('a[hreflang="zh-Hans"]').first.click()
    assert path_of(page.url) == server.mount + f"{lang}/"
    return page, problems


# ---------------------------------------------------------------- with the mouse


@pytest.mark.parametrize("lang", LANGS)
def test_browse_topic_commitment_and_switch_language(server, lang, new_context):
    context = new_context(locale=BROWSER_LOCALE[lang])
    page, problems = open_start(context, server, lang)
    assert_language(page, lang)
    assert_styled(page)
    assert page.locator("h1").count() == 1

    # Home → a topic.
    click_link(page, TOPIC)
    assert TOPIC.search(path_of(page.url) + "index.html")
    assert page.locator("h1").inner_text().strip()

    # Topic → a commitment.
    click_link(page, COMMITMENT)
    commitment_path = path_of(page.url)
    assert COMMITMENT.search(commitment_path + "index.html")
    assert page.locator("h1").inner_text().strip()

    # Switch language: the same commitment in the other language.
    switch = language_switch(page, lang)
    with page.expect_navigation() as navigation:
        switch.click()
    assert navigation.value.status == 200
    expected = commitment_path.replace(f"{server.mount}{lang}/", f"{server.mount}{other(lang)}/", 1)
    assert path_of(page.url) == expected, f"language switch went to {page.url}, not {expected}"
    assert_language(page, other(lang))
    assert_styled(page)
    assert_clean(problems)


def base_path_of_404(site) -> str | None:
    """The path of 404.html's <base href>, if it has one."""
    match = re.search(r'<base\s[^>]*href="([^"]*)"', (site / "404.html").read_text(encoding="utf-8"))
    return urllib.parse.urlsplit(match.group(1)).path if match else None


@pytest.mark.parametrize("lang", LANGS)
def test_missing_page_is_the_404_page(server, lang, new_context, site_dir):
    """A missing URL at any depth answers 404 with a styled 404 page whose links work.

    The 404 page is served at the missing URL, so URLs relative to the site
    root break in it; a <base href> with the site's path fixes that, for the
    one path the site was built for: a server mounted elsewhere is skipped.
    """
    base = base_path_of_404(site_dir)
    if base is not None and base != server.mount:
        pytest.skip(f"404.html is built for the path {base} (its <base href>), not {server.mount}")
    context = new_context(locale=BROWSER_LOCALE[lang])
    page = context.new_page()
    problems = watch(page)
    missing = server.url + f"{lang}/no-such-page/"
    response = page.goto(missing)
    assert response.status == 404
    assert page.locator("h1").count() == 1
    assert page.locator("h1").inner_text().strip()
    # The 404 page is served at any depth: its stylesheet and links must work there too.
    assert_styled(page)
    home = re.compile(rf"^{re.escape(server.mount)}{lang}/(index\.html)?$")
    try:
        click_link(page, home)
    except AssertionError as error:
        raise AssertionError(f"from the 404 page at {missing}: {error}") from None
    assert_clean(problems)


# ---------------------------------------------------------------- with the keyboard


FOCUS_STYLE = """el => {
    const s = getComputedStyle(el);
    return {outline: `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}`,
            outlineStyle: s.outlineStyle, outlineWidth: parseFloat(s.outlineWidth) || 0,
            boxShadow: s.boxShadow, background: s.backgroundColor, color: s.color,
            textDecoration: s.textDecorationLine + ' ' + s.textDecorationThickness};
}"""


def active(page) -> dict:
    return page.evaluate("""() => {
        const a = document.activeElement;
        const r = a.getBoundingClientRect();
        return {tag: a.tagName, id: a.id, href: a.href || null, attr: a.getAttribute('href'),
                text: (a.textContent || '').trim().slice(0, 60),
                left: r.left, top: r.top, right: r.right, bottom: r.bottom,
                width: innerWidth, height: innerHeight};
    }""")


def tab_to(page, predicate, what: str, limit: int = 120) -> dict:
    """Press Tab until the focused element satisfies `predicate`."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        element = active(page)
        if predicate(element):
            return element
    raise AssertionError(f"{page.url}: {limit} presses of Tab never reached {what}")


def assert_focus_visible(page):
    """The focused element looks different from the same element unfocused:
    an outline of 2px or more, or a changed box-shadow/background."""
    page.evaluate("() => { window.__focused = document.activeElement; }")
    focused = page.evaluate(f"() => ({FOCUS_STYLE})(window.__focused)")
    page.keyboard.press("Shift+Tab")
    unfocused = page.evaluate(f"() => ({FOCUS_STYLE})(window.__focused)")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement === window.__focused"), "Shift+Tab, Tab did not come back"
    element = active(page)
    outline = focused["outlineStyle"] != "none" and focused["outlineWidth"] >= 2
    shadow = focused["boxShadow"] != "none" and focused["boxShadow"] != unfocused["boxShadow"]
    background = focused["background"] != unfocused["background"]
    assert (outline or shadow or background) and focused != unfocused, (
        f"{page.url}: no visible focus indicator on <{element['tag'].lower()} href={element['attr']!r}> "
        f"{element['text']!r}: focused {focused}, unfocused {unfocused}")


def in_viewport(element) -> bool:
    return (element["right"] > element["left"] and element["bottom"] > element["top"]
            and element["left"] >= 0 and element["top"] >= 0
            and element["right"] <= element["width"] and element["bottom"] <= element["height"])


def skip_to_main(page):
    """First Tab: the skip link, visible; Enter: focus in <main>."""
    page.keyboard.press("Tab")
    skip = active(page)
    assert skip["tag"] == "A" and (skip["attr"] or "").startswith("#"), (
        f"{page.url}: the first focusable element is <{skip['tag'].lower()} href={skip['attr']!r}> "
        f"{skip['text']!r}, not a skip link")
    assert in_viewport(skip), f"{page.url}: the focused skip link is not visible on screen: {skip}"
    assert_focus_visible(page)
    page.keyboard.press("Enter")
    target = skip["attr"][1:]
    focus = page.evaluate("""id => {
        const a = document.activeElement;
        return {tag: a.tagName, id: a.id, inMain: !!a.closest('main'), main: document.getElementById(id)?.tagName};
    }""", target)
    assert focus["main"] == "MAIN", f"{page.url}: the skip link's target #{target} is not <main>"
    assert focus["inMain"], f"{page.url}: after Enter on the skip link focus is on <{focus['tag'].lower()}>, not in main"


def press_enter_and_wait(page):
    with page.expect_navigation() as navigation:
        page.keyboard.press("Enter")
    assert navigation.value.status == 200, f"{page.url}: status {navigation.value.status}"


@pytest.mark.parametrize("lang", LANGS)
def test_keyboard_only(server, lang, new_context):
    context = new_context(locale=BROWSER_LOCALE[lang])
    page = context.new_page()
    problems = watch(page)
    page.goto(server.url + f"{lang}/")

    # Home: skip link, then Tab to a topic and open it with Enter.
    skip_to_main(page)
    tab_to(page, lambda e: e["href"] and TOPIC.search(urllib.parse.urlsplit(e["href"]).path), "a topic link")
    assert_focus_visible(page)
    press_enter_and_wait(page)
    assert TOPIC.search(path_of(page.url) + "index.html"), page.url

    # Topic: skip link again, Tab to a commitment, Enter.
    skip_to_main(page)
    tab_to(page, lambda e: e["href"] and COMMITMENT.search(urllib.parse.urlsplit(e["href"]).path),
           "a commitment link")
    assert_focus_visible(page)
    press_enter_and_wait(page)
    commitment_path = path_of(page.url)
    assert COMMITMENT.search(commitment_path + "index.html"), page.url

    # Commitment: Tab from the top to the language switch, Enter.
    other_tag = HTML_LANG[other(lang)]
    switch_href = page.locator(f'header a[hreflang="{other_tag}"]').first.evaluate("a => a.href")
    tab_to(page, lambda e: e["href"] == switch_href, "the language switch", limit=20)
    assert_focus_visible(page)
    press_enter_and_wait(page)
    expected = commitment_path.replace(f"{server.mount}{lang}/", f"{server.mount}{other(lang)}/", 1)
    assert path_of(page.url) == expected
    assert_language(page, other(lang))
    assert_clean(problems)


# ---------------------------------------------------------------- search


SEARCH_BOX = "main input[type=search], main input[name=q], form[role=search] input, search input"


def result_links(page) -> list[str]:
    """The commitment pages linked from <main> (the search results)."""
    try:
        hrefs = page.eval_on_selector_all("main a[href]", "links => links.map(a => a.href)")
    except Exception:  # the page is navigating: no results yet
        return []
    return [h for h in hrefs if COMMITMENT.search(urllib.parse.urlsplit(h).path)]


@pytest.mark.parametrize("lang", LANGS)
def test_search(server, lang, new_context, site_dir):
    if not (site_dir / lang / "search" / "index.html").is_file():
        pytest.skip("search page not built yet")
    context = new_context(locale=BROWSER_LOCALE[lang])
    page = context.new_page()
    problems = watch(page)
    page.goto(server.url + f"{lang}/search/")
    before = result_links(page)
    for query_lang in LANGS:  # a query in each language on each language's page
        query = SEARCH_QUERIES[query_lang]
        box = page.locator(SEARCH_BOX).first
        box.fill(query)
        box.press("Enter")
        deadline = time.monotonic() + 5
        results = result_links(page)
        while (not results or results == before) and time.monotonic() < deadline:
            page.wait_for_timeout(100)
            results = result_links(page)
        assert results, f"{page.url}: no links to commitments after searching for {query!r}"
        assert results != before, f"{page.url}: the results did not change after searching for {query!r}"
        before = results
    assert_clean(problems)


# ---------------------------------------------------------------- screenshots


@pytest.mark.parametrize("width", [375, 1280])
def test_screenshots(root_server, kinds, new_context, width):
    """Full-page screenshots of the main page types, for a person to look at."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for old in SCREENSHOTS.glob(f"*-{width}.png"):
        old.unlink()
    saved = []
    for locale in ("zh-CN", "en-US"):
        context = new_context(locale=locale, viewport={"width": width, "height": 800})
        page = context.new_page()
        for kind in kinds:
            if (kind.lang or "zh") != locale[:2] or kind.name not in SCREENSHOT_KINDS:
                continue
            page.goto(root_server.url + kind.path)
            page.wait_for_load_state("load")
            path = SCREENSHOTS / f"{kind.id}-{width}.png"
            # The whole page, up to a length worth looking at (the report runs to 25,000 px at 375).
            height = min(page.evaluate("document.documentElement.scrollHeight"), SCREENSHOT_MAX_HEIGHT)
            page.screenshot(path=str(path), full_page=True, clip={"x": 0, "y": 0, "width": width, "height": height})
            saved.append(path)
    assert saved
    print(f"saved {len(saved)} screenshots in {SCREENSHOTS}")


FORGIVING = [  # (query, what the answer must say)
    ("養老", ".search-why"),
    ("yanglao", ".search-why"),
    ("kindergarden", ".search-suggestion a[href*='exact=1']"),
    ("digital economy", ".search-partial"),
]


@pytest.mark.parametrize("lang", LANGS)
def test_search_forgives_in_the_browser(server, lang, new_context, site_dir):
    """Traditional characters, pinyin, a misspelling and a partial match find commitments in the
    static search, which says how; the way back to the words as typed works; axe finds nothing."""
    if not (site_dir / lang / "search" / "index.html").is_file():
        pytest.skip("search page not built yet")
    context = new_context(locale=BROWSER_LOCALE[lang])
    context.add_init_script(path=str(node_tool("axe-core", "axe.min.js")))
    page = context.new_page()
    problems = watch(page)
    for query, selector in FORGIVING:
        page.goto(server.url + f"{lang}/search/?q=" + urllib.parse.quote(query))
        page.wait_for_selector(selector, timeout=5000)
        assert result_links(page), (lang, query)
        violations = page.evaluate("""async () => (await axe.run(document, {runOnly: {type: 'tag',
            values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}})).violations.map(v => v.id)""")
        assert not violations, (lang, query, violations)
    page.goto(server.url + f"{lang}/search/?q=kindergarden")
    page.locator(".search-suggestion a[href*='exact=1']").click()
    page.wait_for_selector(".search-empty", timeout=5000)
    assert "exact=1" in page.url and page.locator(".search-result").count() == 0
    assert_clean(problems)
