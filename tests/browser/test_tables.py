"""The key-numbers tables: complete without JavaScript, sortable and filterable with it."""
from __future__ import annotations

import pytest

from .conftest import watch


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_sort_and_filter(root_server, new_context, lang):
    page = new_context().new_page()
    problems = watch(page)
    page.goto(root_server.url + f"{lang}/targets/")
    table = page.locator("table.targets-table").first
    table.locator("th button").nth(2).click()  # the value column
    values = [float(v) for v in table.locator("td.num").evaluate_all("cells => cells.map(c => c.dataset.value)")]
    assert values == sorted(values) and len(values) > 1
    table.locator("th button").nth(2).click()
    values = [float(v) for v in table.locator("td.num").evaluate_all("cells => cells.map(c => c.dataset.value)")]
    assert values == sorted(values, reverse=True)
    total = page.locator("table.targets-table tbody tr").count()
    page.locator("label.filter input").fill("21,000")
    visible = page.locator("table.targets-table tbody tr:not([hidden])").count()
    assert 0 < visible < total
    assert page.locator("p.filter-status").inner_text().startswith(str(visible))
    assert not problems.all()


def test_tables_are_complete_without_javascript(root_server, new_context):
    page = new_context(java_script_enabled=False).new_page()
    page.goto(root_server.url + "en/targets/")
    assert page.locator("table.targets-table tbody tr").count() >= 34
    assert page.locator("label.filter").count() == 0
