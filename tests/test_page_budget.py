"""The page budget at scale (issue 16): on a site of several real reports, no page that
lists commitments or targets across reports (topics, their statuses, a report's part
of a topic, key numbers, comparison lists) passes 50 KB of HTML, because such lists are
split into numbered pages (commitments/web/pagination.py) instead of growing with each
report added. A topic page listed every report's commitments: 765 KB at 16 reports.

The site is made as `build.py bench --build` makes it: the bundled report and renamed
copies of ../shared/corpus reports, built with two workers. Six reports keep the test
to a few tens of seconds while the longer topics run over several pages (the key
numbers too, and a province's part of its economy topic).

A report's full text was one page as long as the report (most corpus reports over
50 KB, up to 165 KB): a long report is now in parts (commitments/web/report_text.py),
held to the budget like every other page, and every link into its text lands on the
part that holds the sentence.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from commitments.build import build_site
from commitments.build_bench import CORPUS, synthetic_content
from commitments.web import create_app
from commitments.web.pagination import COMMITMENTS_PER_PAGE, TARGETS_PER_PAGE
from commitments.web.report_text import report_text
from commitments.web.views import target_tables

from .browser.test_budget import HTML_BUDGET

ROOT = Path(__file__).resolve().parents[1]
REPORTS = 6


@pytest.fixture(scope="module")
def many_reports(tmp_path_factory):
    if len(list(CORPUS.glob("*.txt"))) < REPORTS - 1:
        pytest.skip("../shared/corpus is not beside the project")
    root = tmp_path_factory.mktemp("many-reports")
    content = synthetic_content(ROOT / "content", REPORTS, root / "content")
    build_site(content, root / "site", workers=2)
    return content, root / "site"


@pytest.fixture(scope="module")
def few_reports(tmp_path_factory):
    """The same kind of site with two reports, to see what grows with the reports."""
    if not list(CORPUS.glob("*.txt")):
        pytest.skip("../shared/corpus is not beside the project")
    root = tmp_path_factory.mktemp("few-reports")
    content = synthetic_content(ROOT / "content", 2, root / "content")
    build_site(content, root / "site", workers=2)
    return content, root / "site"


def test_every_page_stays_within_the_budget(many_reports):
    _, site = many_reports
    sizes = {p.relative_to(site).as_posix(): p.stat().st_size for p in site.rglob("*.html")}
    largest = max(sizes, key=sizes.get)
    texts = [size for path, size in sizes.items() if re.match(r"(zh|en)/reports?/([^/]+/)?(part/\d+/)?index\.html$", path)]
    print(f"{len(sizes)} HTML pages; largest {largest} {sizes[largest] / 1024:.1f} KB; "
          f"largest part of a report's text {max(texts) / 1024:.1f} KB")
    over = {path: size for path, size in sorted(sizes.items()) if size > HTML_BUDGET}
    assert not over, f"{len(over)} page(s) over {HTML_BUDGET // 1024} KB: " + ", ".join(
        f"{path} {size / 1024:.0f} KB" for path, size in list(over.items())[:10])


def test_long_lists_are_split_into_numbered_pages_that_are_all_built(many_reports):
    content, site = many_reports
    library = create_app(content).extensions["library"]
    economy = library.listing("economy")
    pages = -(-len(economy) // COMMITMENTS_PER_PAGE)
    assert pages > 2  # the test's site is large enough to paginate
    topic = site / "en" / "topics" / "economy"
    built = sorted(int(p.parent.name) for p in topic.glob("page/*/index.html"))
    assert built == list(range(2, pages + 1))
    # Page 1 keeps the topic's address; each page shows its share, and links to the others.
    first = (topic / "index.html").read_text(encoding="utf-8")
    assert f"<p>Page 1 of {pages}</p>" in first and 'href="page/2/index.html" rel="next"' in first
    last = (topic / "page" / str(pages) / "index.html").read_text(encoding="utf-8")
    assert f"<title>Economy and industry – Page {pages} of {pages} – " in last
    assert 'rel="next"' not in last and 'href="../../index.html" aria-label="Page 1"' in last
    listed = [re.findall(r'<li class="card">.*?href="[./]*commitments/([^/]+)/', (topic / "page" / str(n) / "index.html")
                         .read_text(encoding="utf-8"), re.S) for n in range(2, pages + 1)]
    on_first = re.findall(r'<li class="card">.*?href="[./]*commitments/([^/]+)/', first, re.S)
    assert on_first + [cid for page in listed for cid in page] == [e.commitment.id for e in economy]
    # The key numbers likewise, every target once on some page of its table.
    rows = sum(len(rows) for _, _, rows in target_tables(library))
    targets = sorted(int(p.parent.name) for p in (site / "zh" / "targets").glob("page/*/index.html"))
    assert targets == list(range(2, -(-rows // TARGETS_PER_PAGE) + 1))


def test_a_reports_part_of_a_topic_does_not_list_every_report(many_reports):
    """Only the topic's own first page counts the topic's commitments in each report: the
    pages of each report's part (reports × topics of them) would each grow with the site."""
    _, site = many_reports
    topic = site / "en" / "topics" / "economy"
    reports = re.findall(r'href="../../../reports/([^/]+)/topics/economy/index.html"',
                         (topic / "reports" / "index.html").read_text(encoding="utf-8"))
    assert len(reports) > 2  # the reports with commitments in the topic
    part = (site / "en" / "reports" / reports[0] / "topics" / "economy" / "index.html").read_text(encoding="utf-8")
    assert f"{reports[0]}-" in part and not any(f"reports/{slug}/topics/economy/" in part for slug in reports[1:])
    later = (topic / "page" / "2" / "index.html").read_text(encoding="utf-8")
    assert not any(f"reports/{slug}/topics/economy/" in later for slug in reports)


def test_a_long_reports_text_is_in_parts_and_every_link_into_it_lands(many_reports):
    """Each part lists every part (its own marked), links the parts before and after,
    and holds each sentence once; a commitment's "in the report" link, in either
    language, goes to the part with the sentence's anchor."""
    content, site = many_reports
    library = create_app(content).extensions["library"]
    split = [e for e in library.editions if len(report_text(e).parts) > 1]
    assert split  # the corpus reports are over the budget on one page
    edition = max(split, key=lambda e: len(report_text(e).parts))
    parts = report_text(edition).parts
    folder = site / "en" / "reports" / edition.slug
    pages = [folder / "index.html"] + [folder / "part" / str(n) / "index.html" for n in range(2, len(parts) + 1)]
    assert not (folder / "part" / "1").exists() and not (folder / "part" / str(len(parts) + 1)).exists()
    ids, headings = [], set()
    for number, path in enumerate(pages, 1):
        html = path.read_text(encoding="utf-8")
        contents = re.search(r'<nav class="contents-list".*?</nav>', html, re.S).group(0)
        assert len(re.findall(r"<li>", contents)) == len(parts)
        assert re.findall(r'aria-current="page">', contents) == ['aria-current="page">']
        assert ('rel="prev"' in html) == (number > 1) and ('rel="next"' in html) == (number < len(parts))
        ids += re.findall(r'<span id="([^"]+)">', html)
        headings.update(re.findall(r'<h[34] id="([^"]+)">', html))
    sections = edition.report.sections
    titles = {s.heading.anchor for s in sections if s.heading} | {
        i.title.anchor for s in sections for i in s.items if i.titled}
    anchors = [s.anchor for s in edition.report.sentences()]
    assert titles <= headings
    # Every other sentence once, in order.
    assert [i for i in ids if i in set(anchors)] == [a for a in anchors if a not in titles]

    where = {}  # the ids of each report text page
    for path in site.glob("*/report*/**/index.html"):
        where[path] = set(re.findall(r' id="([^"]+)"', path.read_text(encoding="utf-8")))
    links = 0
    for page in site.glob("*/commitments/*/index.html"):
        html = page.read_text(encoding="utf-8")
        for href, anchor in re.findall(r'href="([^"#]*/reports?/[^"#]*)#([^"]+)"', html):
            target = (page.parent / href).resolve()
            assert anchor in where[target if target.suffix else target / "index.html"], (page, href, anchor)
            links += 1
    assert links > len(library.editions) * 100


#: What a page shows of its list (at most a page of it, whatever the number of reports),
#: and which of the reports' commitments it is, which differs from one site to another:
#: the cards, tables and pager of a topic, the headline numbers of the home page.
SHOWN = re.compile(r'<h2 class="report-heading">.*?(?=<p><a href="[^"]*feeds/)|<ul class="highlights">.*?</ul>', re.S)


def test_no_page_grows_with_the_number_of_reports(few_reports, many_reports):
    """The pages that once listed every report (a topic's first page: each report's count;
    the home page: each comparison of two reports; each glossary: every other glossary)
    weigh the same, what they show of their own list aside, with 2 reports as with 6:
    those lists are pages of their own, split into pages (about 130 bytes a report
    before, so 500 more bytes at 6 reports)."""
    (_, few), (_, many) = few_reports, many_reports
    pages = [f"{lang}/index.html" for lang in ("zh", "en")] + [f"{lang}/glossary/index.html" for lang in ("zh", "en")]
    pages += sorted(p.relative_to(few).as_posix() for p in few.glob("*/topics/*/index.html")
                    if (many / p.relative_to(few)).is_file())
    assert len(pages) > 10
    growth = {}
    for path in pages:
        sizes = [len(SHOWN.sub("", (site / path).read_text(encoding="utf-8")).encode()) for site in (few, many)]
        growth[path] = sizes[1] - sizes[0]
    print("largest growth from 2 to 6 reports:", sorted(growth.items(), key=lambda kv: -kv[1])[:5])
    # Counts have more digits with more reports; a list of the reports would add 500 bytes.
    assert max(growth.values()) < 200, growth
