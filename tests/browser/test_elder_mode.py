"""The elder-friendly mode: larger text, line spacing of at least 1.5, switched by a
plain link (so it works with JavaScript off) and remembered across pages with it on."""
from __future__ import annotations

import pytest

from .conftest import watch

pytestmark = pytest.mark.parametrize("lang", ["zh", "en"])


def metrics(page):
    return page.evaluate("""() => {
      const body = getComputedStyle(document.body);
      const link = document.querySelector('.site-nav a');
      return {root: parseFloat(getComputedStyle(document.documentElement).fontSize),
              line: parseFloat(body.lineHeight) / parseFloat(body.fontSize),
              target: link.getBoundingClientRect().height};
    }""")


@pytest.mark.parametrize("javascript", [True, False])
def test_larger_text_link(root_server, new_context, lang, javascript):
    context = new_context(java_script_enabled=javascript)
    page = context.new_page()
    problems = watch(page)
    page.goto(root_server.url + f"{lang}/")
    before = metrics(page)
    assert page.locator("a.elder-on").is_visible() and not page.locator("a.elder-off").is_visible()
    page.locator("a.elder-on").click()
    assert page.locator("a.elder-off").is_visible() and not page.locator("a.elder-on").is_visible()
    after = metrics(page)
    assert after["root"] >= before["root"] * 1.2
    assert after["line"] >= 1.5 and after["target"] >= 48
    page.locator("a.elder-off").click()
    assert metrics(page)["root"] == before["root"]
    assert not problems.all()


def test_mode_is_remembered_across_pages_with_javascript(root_server, new_context, lang):
    page = new_context().new_page()
    page.goto(root_server.url + f"{lang}/")
    normal = metrics(page)["root"]
    page.locator("a.elder-on").click()
    page.goto(root_server.url + f"{lang}/topics/index.html")
    assert metrics(page)["root"] >= normal * 1.2
    page.locator("a.elder-off").click()
    page.goto(root_server.url + f"{lang}/report/index.html")
    assert metrics(page)["root"] == normal
