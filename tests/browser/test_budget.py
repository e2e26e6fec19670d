"""Performance budget: page weight, uncompressed. Needs no browser."""
from __future__ import annotations

HTML_BUDGET = 50 * 1024
CSS_BUDGET = 20 * 1024


def _over(site, pattern, budget):
    sizes = {p.relative_to(site).as_posix(): p.stat().st_size for p in site.rglob(pattern)}
    assert sizes, f"no {pattern} files in site/"
    return sizes, {path: size for path, size in sorted(sizes.items()) if size > budget}


def _explain(over, budget):
    return "\n".join(f"  {path}: {size / 1024:.1f} KB (budget {budget / 1024:.0f} KB)" for path, size in over.items())


def test_html_pages_within_budget(site_dir):
    sizes, over = _over(site_dir, "*.html", HTML_BUDGET)
    largest = max(sizes, key=sizes.get)
    print(f"{len(sizes)} HTML pages; largest {largest} {sizes[largest] / 1024:.1f} KB")
    assert not over, f"{len(over)} HTML page(s) over {HTML_BUDGET // 1024} KB:\n" + _explain(over, HTML_BUDGET)


def test_css_within_budget(site_dir):
    sizes, over = _over(site_dir, "*.css", CSS_BUDGET)
    assert not over, f"{len(over)} CSS file(s) over {CSS_BUDGET // 1024} KB:\n" + _explain(over, CSS_BUDGET)

