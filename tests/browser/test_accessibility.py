"""axe-core on every page type in both languages (WCAG 2.0/2.1/2.2 A and AA
rules), and reflow: no horizontal scrolling at 320 px, nor at 1280 px zoomed
to 200 % (a 640 px wide viewport).

axe is injected with an init script, which the page's Content-Security-Policy
does not govern, so the pages are tested with the CSP they are served with.
"""
from __future__ import annotations

import pytest

from .conftest import node_tool

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
REFLOW_WIDTHS = {"320px": 320, "1280px-at-200%": 640}


@pytest.fixture(scope="module")
def axe_page(browser):
    axe = node_tool("axe-core", "axe.min.js")
    # zh-CN: the root chooser sends English-language browsers on to /en/.
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    context.add_init_script(path=str(axe))
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="module")
def reflow_page(browser):
    context = browser.new_context(locale="zh-CN", viewport={"width": 320, "height": 640})
    page = context.new_page()
    yield page
    context.close()


def describe_violations(violations) -> str:
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']}  {v['helpUrl']}")
        for node in v["nodes"][:8]:
            lines.append(f"    at {' '.join(node['target'])}")
            lines.append(f"       {node['html'][:160]}")
            for summary in (node.get("failureSummary") or "").splitlines()[:4]:
                lines.append(f"       {summary.strip()}")
        if len(v["nodes"]) > 8:
            lines.append(f"    … and {len(v['nodes']) - 8} more elements")
    return "\n".join(lines)


def test_axe(axe_page, root_server, kind):
    response = axe_page.goto(root_server.url + kind.path)
    assert response.status == (404 if kind.name == "404" else 200)
    violations = run_axe(axe_page)
    assert not violations, (f"{kind.path or '/'}: {len(violations)} axe violation(s):\n"
                            + describe_violations(violations))


def test_axe_with_an_editors_markdown(axe_page, tmp_path_factory):
    """The pages where notes, a progress note and a translation in Markdown show
    (tests/test_richtext.py): their links, emphasis and lists pass too."""
    from ..test_richtext import EDITED_PAGES, build_edited_site
    from .static_server import StaticServer

    site = build_edited_site(tmp_path_factory.mktemp("edited"))
    with StaticServer(site, "/") as server:
        for path in EDITED_PAGES:
            response = axe_page.goto(server.url + path)
            assert response.status == 200
            violations = run_axe(axe_page)
            assert not violations, f"{path}: {len(violations)} axe violation(s):\n" + describe_violations(violations)


def run_axe(page) -> list[dict]:
    """axe's violations of AXE_TAGS on the page open in `page`."""
    result = page.evaluate("""async tags => {
        const r = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
        return {
            rules: r.passes.length + r.violations.length + r.incomplete.length + r.inapplicable.length,
            violations: r.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                nodes: v.nodes.map(n => ({target: n.target.map(String), html: n.html,
                                          failureSummary: n.failureSummary})),
            })),
        };
    }""", AXE_TAGS)
    assert result["rules"] > 0, "axe ran no rules"
    return result["violations"]


OVERFLOW = """() => {
    const doc = document.documentElement;
    const width = doc.clientWidth;
    const wide = [...document.body.querySelectorAll('*')].filter(el => {
        const r = el.getBoundingClientRect();
        return r.width > 0 && (r.right > width + 0.5 || r.left < -0.5)
               && getComputedStyle(el).position !== 'fixed' && !el.closest('.skip-link');
    });
    // The innermost offenders say most.
    const innermost = wide.filter(el => !wide.some(other => other !== el && el.contains(other)));
    return {
        scrollWidth: doc.scrollWidth, clientWidth: width,
        offenders: innermost.slice(0, 6).map(el => {
            const r = el.getBoundingClientRect();
            const name = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
                + [...el.classList].map(c => '.' + c).join('');
            return `${name} [${Math.round(r.left)}..${Math.round(r.right)}px] `
                + JSON.stringify((el.textContent || '').trim().slice(0, 50));
        }),
    };
}"""


@pytest.mark.parametrize("zoom", REFLOW_WIDTHS)
def test_no_horizontal_scroll(reflow_page, root_server, kind, zoom):
    page = reflow_page
    page.set_viewport_size({"width": REFLOW_WIDTHS[zoom], "height": 640})
    page.goto(root_server.url + kind.path)
    state = page.evaluate(OVERFLOW)
    assert state["scrollWidth"] <= state["clientWidth"], (
        f"{kind.path or '/'} at {zoom}: the page scrolls sideways "
        f"(scrollWidth {state['scrollWidth']} > clientWidth {state['clientWidth']}); wider than the viewport:\n  "
        + "\n  ".join(state["offenders"]))


LANGUAGE_OF_PARTS = r"""() => {
    // Each text is in the language of its closest lang attribute (WCAG 3.1.1, 3.1.2).
    const han = /[\u3400-\u9fff\uf900-\ufaff]/;
    const englishRun = /[A-Za-z]{2,}(?:[ ,'’-]+[A-Za-z]{2,}){2,}/;
    const problems = [];
    const check = (text, lang, where) => {
        text = text.replace(/\s+/g, ' ').trim();
        if (!text) return;
        if (lang.startsWith('en') && han.test(text)) problems.push(`Chinese text in lang="${lang}" ${where}: ${JSON.stringify(text.slice(0, 80))}`);
        if (lang.startsWith('zh') && englishRun.test(text)) problems.push(`English text in lang="${lang}" ${where}: ${JSON.stringify(text.slice(0, 80))}`);
    };
    check(document.title, document.documentElement.lang, '<title>');
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const el = node.parentElement;
        if (!el || el.closest('script, style, code, kbd, samp, pre, [hidden], [aria-hidden="true"]')) continue;
        const owner = el.closest('[lang]');
        const tag = el.tagName.toLowerCase() + (el.className && typeof el.className === 'string' ? '.' + el.className.split(' ')[0] : '');
        check(node.textContent, owner ? owner.lang : '', `<${tag}>`);
    }
    for (const el of document.querySelectorAll('[aria-label], img[alt], [title]')) {
        const owner = el.closest('[lang]');
        for (const attr of ['aria-label', 'alt', 'title']) {
            if (el.hasAttribute(attr)) check(el.getAttribute(attr), owner ? owner.lang : '', `${el.tagName.toLowerCase()}[${attr}]`);
        }
    }
    return [...new Set(problems)];
}"""


def test_language_of_parts(reflow_page, root_server, kind):
    """Text is marked up in the language it is written in: no Chinese in an
    English context, no English phrase of three words or more in a Chinese one
    without lang="en" (an untranslated interface string, usually)."""
    page = reflow_page
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(root_server.url + kind.path)
    problems = page.evaluate(LANGUAGE_OF_PARTS)
    assert not problems, (f"{kind.path or '/'}: {len(problems)} text(s) in another language than their lang:\n  "
                          + "\n  ".join(problems[:25]) + ("\n  …" if len(problems) > 25 else ""))
