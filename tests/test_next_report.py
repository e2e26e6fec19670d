"""What the next year's report says, as residents see it: on a commitment's page, in
the counts of the home and topic pages, and on the comparison page of two reports of
one place (the invented Songling reports of 2028 and 2029, tests/songling.py)."""
from __future__ import annotations

import re

import pytest

from commitments.continuity import compare_plans
from commitments.errors import ContentError
from commitments.library import load_library
from commitments.model import Commitment
from commitments.web import create_app
from commitments.web import next_report as pages

from .conftest import today_is
from .songling import CITY_BRAIN, EARLIER, HEADLINE, KINDERGARTENS, LATER, SEWAGE, TODAY, songling_content

in_2029 = today_is(TODAY)


@pytest.fixture(scope="module")
def content(tmp_path_factory):
    return songling_content(tmp_path_factory.mktemp("songling") / "content")


@pytest.fixture(scope="module")
def app(content):
    return create_app(content, TESTING=True)


def page(app, url, status=200):
    response = app.test_client().get(url)
    assert response.status_code == status, url
    return response.get_data(as_text=True)


def section(html: str) -> str:
    return re.search(r'<section class="next-report".*?</section>', html, re.S).group(0)


def totals(html: str, heading: str) -> dict[str, int]:
    """The counts under a heading: {label: number}."""
    block = html[html.index(f">{heading}</h2>"):]
    block = block[:block.index("</ul>")]
    return {label: int(n) for label, n in
            re.findall(r'<span class="status [^"]+">([^<]+)</span> <span class="n">(\d+)</span>', block)}


def test_the_library_pairs_consecutive_reports_of_one_place(app):
    library = app.extensions["library"]
    assert library.next_edition(EARLIER).slug == LATER and library.next_edition(LATER) is None
    assert library.previous_edition(LATER).slug == EARLIER and library.previous_edition(EARLIER) is None
    assert library.follow_up(HEADLINE).later == LATER
    assert library.follow_up(f"{LATER}-2-0-1") is None  # no report of 2030


def test_no_pair_without_the_same_place_and_the_next_year(tmp_path):
    content = songling_content(tmp_path / "content")
    meta = content / "reports" / LATER / "report.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("year: 2029", "year: 2030"), encoding="utf-8")
    assert load_library(content).next_edition(EARLIER) is None


def test_a_commitment_page_quotes_the_next_report_with_a_link_a_comparison_and_the_label(app):
    html = section(page(app, f"/en/commitments/{HEADLINE}/"))
    assert '<h2 id="next-report">What the next report says</h2>' in html
    assert "The next report says (Chinese):" in html
    assert '<blockquote lang="zh-Hans"><p>过去一年，全市地区生产总值增长6.3%，城镇新增就业2.3万人，城镇登记失业率为2.8%。</p></blockquote>' in html
    link = re.search(r'<a href="(/en/reports/2029-songling/)#([^"]+)">This sentence in Songling Municipal Government '
                     r'Work Report 2029</a>', html)
    assert link and f'id="{link.group(2)}"' in page(app, link.group(1))  # the sentence's anchor on the later report
    assert "Target: at least 21,000 people · Reported: 23,000 people · Achieved" in html
    assert "Suggested automatically, not yet checked" in html
    assert 'Suggested status: <span class="status status-suggested">Achieved</span>' in html

    zh = section(page(app, f"/zh/commitments/{HEADLINE}/"))
    assert '<h2 id="next-report">下一年的报告怎么说</h2>' in zh and "自动推荐，尚未核实" in zh
    assert "下一年的报告写道：" in zh and 'lang="zh-Hans"' not in zh  # the page is Chinese already
    assert "目标：2.1万人以上 · 报告值：2.3万人 · 已实现" in zh


def test_a_figure_short_of_its_target_is_suggested_partly(app):
    html = section(page(app, f"/en/commitments/{KINDERGARTENS}/"))
    assert "新建幼儿园8所。" in html and "Target: 10 · Reported: 8 · Partly achieved" in html


def test_nothing_found_is_not_mentioned_never_failed(app):
    html = section(page(app, f"/en/commitments/{SEWAGE}/"))
    assert "Not mentioned in the next report" in html and "That does not mean it failed." in html
    assert "blockquote" not in html and "Not achieved" not in html
    assert '<a href="/en/reports/2029-songling/#part-review">Read the review</a>' in html
    assert "下一年的报告未提及" in section(page(app, f"/zh/commitments/{SEWAGE}/"))


def test_a_commitment_without_a_next_report_says_nothing_of_one(app):
    assert 'class="next-report"' not in page(app, f"/en/commitments/{LATER}-2-1-1/")


def test_home_and_topic_pages_count_what_the_next_report_says(app):
    library = app.extensions["library"]
    follow_ups = [library.follow_up(e.commitment.id) for e in library.edition(EARLIER).entries]
    suggested = sum(1 for f in follow_ups if f.evidence)
    assert suggested >= 5 and len(follow_ups) - suggested >= 3
    home = page(app, "/en/")
    assert "12 commitments can be checked against the next year's report on this site." in home
    assert totals(home, "What the next report says") == {
        "Achieved": 0, "Partly achieved": 0, "Not mentioned in the next report": len(follow_ups) - suggested,
        "Suggested automatically, not yet checked": suggested}
    assert totals(page(app, "/zh/"), "下一年的报告怎么说")["自动推荐，尚未核实"] == suggested
    # Each comparison is linked from its report in the list of reports (which is paged).
    assert '<p><a href="/en/reports/">Each report\'s plan and the next year\'s report, from the list of reports</a></p>' in home
    assert '<a href="/en/reports/2028-songling/next/">' in page(app, "/en/reports/")

    topic = library.entry(KINDERGARTENS).commitment.topics[0]
    in_topic = [f for f in follow_ups if topic in f.outcome.commitment.topics]
    counts = totals(page(app, f"/en/topics/{topic}/"), "What the next report says")
    assert counts["Suggested automatically, not yet checked"] == sum(1 for f in in_topic if f.evidence) >= 1
    assert sum(counts.values()) == len(in_topic)


def test_the_comparison_page_lists_promises_carried_over_new_and_dropped(app):
    html = page(app, f"/en/reports/{EARLIER}/next/")
    assert "<h1>Songling City: the 2028 plan and the 2029 report</h1>" in html

    def listed(kind):
        block = re.search(rf'<section aria-labelledby="{kind}">.*?</section>', html, re.S).group(0)
        return re.findall(r'href="/en/commitments/([^/]+)/"', block)

    carried = listed("carried-over")
    # 改造老旧小区30个，加装电梯50部 → 改造老旧小区40个，加装电梯100部; the same words again.
    assert [EARLIER + "-2-2-2", LATER + "-2-2-1"] == carried[carried.index(EARLIER + "-2-2-2"):][:2]
    assert [EARLIER + "-2-3-3", LATER + "-2-3-1"] == carried[carried.index(EARLIER + "-2-3-3"):][:2]
    assert f"{LATER}-2-4-1" in listed("new")  # the museum, new in 2029
    assert CITY_BRAIN in listed("dropped") and CITY_BRAIN not in carried
    assert not set(listed("new")) & set(carried) and not set(listed("dropped")) & set(carried)
    assert "<h2 id=\"carried-over\">延续的承诺（" in page(app, f"/zh/reports/{EARLIER}/next/")
    # Linked from both reports' pages; only the earlier report has one.
    for slug in (EARLIER, LATER):
        assert f'href="/en/reports/{EARLIER}/next/"' in page(app, f"/en/reports/{slug}/")
    page(app, f"/en/reports/{LATER}/next/", 404)


def test_long_lists_have_pages_of_their_own(app, monkeypatch):
    monkeypatch.setattr(pages, "PREVIEW", 2)
    monkeypatch.setattr(pages, "PER_PAGE", 3)
    dropped = app.extensions["library"].continuity(EARLIER).dropped
    assert len(dropped) > 6
    overview = page(app, f"/en/reports/{EARLIER}/next/")
    assert f'<a href="/en/reports/{EARLIER}/next/dropped/">All {len(dropped)}' in overview
    first = page(app, f"/en/reports/{EARLIER}/next/dropped/")
    assert first.count("<li><a href=\"/en/commitments/") == 3 and 'rel="next"' in first
    assert '<ol class="next-list" start="4">' in page(app, f"/en/reports/{EARLIER}/next/dropped/2/")
    page(app, f"/en/reports/{EARLIER}/next/dropped/1/", 404)  # page 1 has one address only
    page(app, f"/en/reports/{EARLIER}/next/dropped/9/", 404)
    page(app, f"/en/reports/{EARLIER}/next/nothing/", 404)
    assert ("next.compare_list", {"report_slug": EARLIER, "kind": "dropped", "page": 2}) in \
        list(pages.compare_pages(app.extensions["library"]))


def test_the_static_build_and_the_sitemap_hold_the_comparison_page(app, tmp_path):
    from commitments.freeze import site_files

    urls = {f.url for f in site_files(app)}
    assert {f"/zh/reports/{EARLIER}/next/", f"/en/reports/{EARLIER}/next/"} <= urls
    assert f"https://example.org/songling/en/reports/{EARLIER}/next/" in page(app, "/sitemap.xml")


def test_similar_commitments_are_carried_over_and_the_rest_new_or_dropped():
    def c(cid, text):
        return Commitment(cid, cid[:6], 1, 1, 1, text, (), ())

    earlier = (c("2028-a", "新建城北污水处理厂，日处理能力达到5万吨。"), c("2028-b", "举办国际龙舟邀请赛。"),
               c("2028-c", "推进智慧交通信号灯改造。"))
    later = (c("2029-a", "建成城北污水处理厂，日处理能力5万吨。"), c("2029-b", "开展全民健身运动会。"))
    found = compare_plans(earlier, later)
    assert [(x.earlier.id, x.later.id) for x in found.carried_over] == [("2028-a", "2029-a")]
    assert [x.id for x in found.new] == ["2029-b"]
    assert [x.id for x in found.dropped] == ["2028-b", "2028-c"]


def test_a_mistake_in_outcomes_yaml_stops_the_build_with_file_and_line(tmp_path):
    content = songling_content(tmp_path / "content")
    path = content / "reports" / EARLIER / "outcomes.yaml"
    path.write_text(f"# decisions\n{HEADLINE}:\n  decision: maybe\n  date: 2029-03-01\n  next_report: {LATER}\n",
                    encoding="utf-8")
    with pytest.raises(ContentError, match=f"{HEADLINE}.decision: 'maybe' is not accepted or rejected") as error:
        load_library(content)
    assert error.value.path == path and error.value.line == 3
    path.write_text(f"{EARLIER}-9-9-9:\n  decision: rejected\n  date: 2029-03-01\n  next_report: {LATER}\n",
                    encoding="utf-8")
    with pytest.raises(ContentError, match="no commitment of this report has the id"):
        load_library(content)
