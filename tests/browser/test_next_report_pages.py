"""The pages of what the next report says, in a real browser and the validators: a site
of two consecutive reports of one place (the invented Songling reports, tests/songling.py),
with one suggestion accepted and one rejected, so every state shows. The bundled site has
one report and none of these pages, so this module builds its own (a few seconds). Its
lists are given short pages, so that the pages of a long list show too (topics, key
numbers, reports, the comparison lists), and its report text a small budget, so that
the earlier report's text is in parts (web/report_text.py).

Checked on each new page type in both languages: valid HTML (vnu), every link and
#fragment resolves, nothing inline, axe-core's WCAG 2.2 A/AA rules, text in the
language its lang says, the page budget.
"""
from __future__ import annotations

import json
import subprocess

import pytest

from commitments.build import build_site
from commitments.library import load_library
from commitments.review import accept, reject
from commitments.web import next_report, report_text, views

from ..conftest import today_is
from ..songling import EARLIER, HEADLINE, KINDERGARTENS, ROAD, SEWAGE, TODAY, songling_content
from .conftest import need_java, node_tool
from .static_server import StaticServer
from .test_accessibility import AXE_TAGS, describe_violations
from .test_budget import HTML_BUDGET
from .test_html_valid import SCHEME, parse, resolve

LANGS = ("zh", "en")
in_2029 = today_is(TODAY)


@pytest.fixture(scope="module")
def pair_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("songling-browser")
    content = songling_content(root / "content")
    accept(load_library(content), HEADLINE, today=TODAY)
    reject(load_library(content), ROAD, today=TODAY)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(next_report, "PREVIEW", 2)  # so the lists have pages of their own
        patch.setattr(next_report, "PER_PAGE", 3)
        patch.setattr(views, "COMMITMENTS_PER_PAGE", 3)  # and topics and key numbers several pages
        patch.setattr(views, "TARGETS_PER_PAGE", 5)
        patch.setattr(views, "REPORTS_PER_PAGE", 1)
        patch.setattr(report_text, "TEXT_BUDGET", 2500)  # and the report text several parts
        build_site(content, root / "site")
    return root / "site"


def new_pages(site) -> list[str]:
    topic = sorted(p.parent.name for p in (site / "en" / "topics").glob("*/index.html"))[0]
    paged = sorted(p.parents[2].name for p in (site / "en" / "topics").glob("*/page/2/index.html"))[0]
    paths = []
    for lang in LANGS:
        paths += [f"{lang}/topics/{paged}/page/2/", f"{lang}/targets/", f"{lang}/targets/page/2/",
                  f"{lang}/reports/", f"{lang}/reports/page/2/"]
        paths += [f"{lang}/", f"{lang}/topics/{topic}/", f"{lang}/reports/{EARLIER}/",
                  f"{lang}/reports/{EARLIER}/next/", f"{lang}/reports/{EARLIER}/next/dropped/",
                  f"{lang}/reports/{EARLIER}/next/dropped/2/"]
        paths += [f"{lang}/commitments/{cid}/" for cid in (HEADLINE, KINDERGARTENS, SEWAGE, ROAD)]
        paths += [f"{lang}/reports/{EARLIER}/part/2/", f"{lang}/report/part/2/"]
        paths += [f"{lang}/topics/{topic}/reports/", f"{lang}/glossary/"]
    missing = [p for p in paths if not (site / p / "index.html").is_file()]
    assert not missing, f"not built: {missing}"
    return paths


def test_the_new_pages_are_valid_html(pair_site):
    java = need_java()
    jar = node_tool("vnu-jar", "build", "dist", "vnu.jar")
    files = [str(pair_site / p / "index.html") for p in new_pages(pair_site)]
    result = subprocess.run([java, "-Xss4m", "-jar", str(jar), "--errors-only", "--format", "json", *files],
                            capture_output=True, text=True, timeout=240)
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = [f"{m.get('url', '').rsplit('/site/', 1)[-1]}:{m.get('lastLine')}: {m.get('message')}"
              for m in messages if m.get("type") in ("error", "non-document-error")]
    assert not errors, "\n".join(errors)


def test_links_and_fragments_resolve_and_nothing_is_inline(pair_site):
    pages = {p.path: p for p in (parse(pair_site, f) for f in sorted(pair_site.rglob("*.html")))}
    problems = []
    for path in new_pages(pair_site):
        page = pages[f"{path}index.html"]
        problems += [f"{page.path} {item}" for item in page.inline]
        for line, tag, attribute, url in page.refs:
            if SCHEME.match(url) or url.startswith("//"):
                continue
            target, fragment, problem = resolve(pair_site, page.path, url)
            if problem is None and fragment and fragment not in pages[target].ids:
                problem = f"no id=\"{fragment}\" in {target}"
            if problem:
                problems.append(f"{page.path}:{line} <{tag} {attribute}=\"{url}\">: {problem}")
    assert not problems, "\n".join(problems)


def test_the_new_pages_fit_the_budget(pair_site):
    sizes = {p: (pair_site / p / "index.html").stat().st_size for p in new_pages(pair_site)}
    assert all(size <= HTML_BUDGET for size in sizes.values()), sizes


LANG_CHECK = """() => {
    // Text in Han characters whose nearest lang is not Chinese: an English page must mark its quotes.
    const bad = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
        const node = walker.currentNode;
        if (!/[\\u4e00-\\u9fff]/.test(node.textContent)) continue;
        const owner = node.parentElement.closest('[lang]');
        if (!owner || !owner.lang.startsWith('zh')) bad.push(node.textContent.trim().slice(0, 40));
    }
    return bad;
}"""


def test_axe_finds_no_violation_and_chinese_is_marked(pair_site, browser):
    axe = node_tool("axe-core", "axe.min.js")
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    context.add_init_script(path=str(axe))
    page = context.new_page()
    failures = []
    with StaticServer(pair_site, "/") as server:
        for path in new_pages(pair_site):
            assert page.goto(server.url + path).status == 200
            result = page.evaluate("""async tags => {
                const r = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
                return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                    nodes: v.nodes.map(n => ({target: n.target.map(String), html: n.html, failureSummary: n.failureSummary}))}));
            }""", AXE_TAGS)
            if result:
                failures.append(f"{path}:\n{describe_violations(result)}")
            unmarked = page.evaluate(LANG_CHECK) if path.startswith("en/") else []
            if unmarked:
                failures.append(f"{path}: Chinese outside lang=zh-Hans: {unmarked[:5]}")
    context.close()
    assert not failures, "\n".join(failures)


def _focused(page) -> dict:
    return page.evaluate("""() => {
        const a = document.activeElement, style = getComputedStyle(a);
        return {text: a.textContent.trim(), href: a.href || '', current: a.getAttribute('aria-current'),
                outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2 || style.boxShadow !== 'none'};
    }""")


@pytest.mark.parametrize("width", [320, 1280])
def test_a_reports_parts_are_reached_by_keyboard_alone(pair_site, browser, width):
    """At a phone's width and a desktop's, at a sub-path, without a mouse: the list of
    parts leads to each part, which marks itself current and links the next part."""
    context = browser.new_context(locale="en-US", viewport={"width": width, "height": 800}, java_script_enabled=False)
    page = context.new_page()
    with StaticServer(pair_site, "/commitments/") as server:
        assert page.goto(server.url + f"en/reports/{EARLIER}/").status == 200
        labels = page.locator(".contents-list a").all_inner_texts()
        assert len(labels) > 2 and page.locator('.contents-list a[aria-current="page"]').inner_text() == labels[0]
        for _ in range(200):  # Tab to the second part in the list, then Enter
            page.keyboard.press("Tab")
            focused = _focused(page)
            if focused["text"] == labels[1] and focused["href"] and "part/2/" in focused["href"]:
                break
        else:
            pytest.fail("the list of parts cannot be reached with Tab")
        assert focused["outline"], "focus is not visible"
        page.keyboard.press("Enter")
        page.wait_for_url("**/part/2/index.html")
        assert page.locator('.contents-list a[aria-current="page"]').inner_text() == labels[1]
        assert page.title().startswith(labels[1].split(" (")[0])
        assert page.locator("main h1").count() == 1
        overflow = page.evaluate("document.documentElement.scrollWidth > document.documentElement.clientWidth")
        assert not overflow, f"the page scrolls sideways at {width} px"
        for _ in range(400):  # on to the next part's link at the end
            page.keyboard.press("Tab")
            focused = _focused(page)
            if focused["href"] and focused["href"].endswith("part/3/index.html") and focused["text"].startswith("Next part"):
                break
        else:
            pytest.fail("no Next part link reached with Tab")
        page.keyboard.press("Enter")
        page.wait_for_url("**/part/3/index.html")
        assert page.locator('.contents-list a[aria-current="page"]').inner_text() == labels[2]
        assert page.eval_on_selector('a[rel="prev"]', "a => a.href").endswith("part/2/index.html")
    context.close()
