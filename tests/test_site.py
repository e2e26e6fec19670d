"""Every page renders in both languages with what a resident needs on it."""
import re

import pytest

from .conftest import ROOT

LANGS = ["zh", "en"]


def page(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    return response.get_data(as_text=True)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("path", ["", "topics/", "topics/education/", "topics/elder-care/", "topics/jobs/",
                                  "commitments/2021-changshu-5-3-1/", "report/"])
def test_every_page_has_language_title_description_switch_and_source(client, lang, path):
    html = page(client, f"/{lang}/{path}")
    tag = {"zh": "zh-Hans", "en": "en"}[lang]
    other = "en" if lang == "zh" else "zh"
    assert f'<html lang="{tag}">' in html
    assert re.search(r"<title>[^<]+</title>", html)
    assert re.search(r'<meta name="description" content="[^"]+">', html)
    base = "http://127.0.0.1:8000/"  # content/site.yaml base_url: search engines want hreflang absolute
    assert f'hreflang="zh-Hans" href="{base}zh/{path}"' in html and f'hreflang="en" href="{base}en/{path}"' in html
    if lang == "en":
        assert ">Skip to main content</a>" in html  # the interface in English, not the zh catalog
    assert f'class="lang-switch" href="/{other}/{path}"' in html
    assert "guanshanwenku.com/gongzuozongjie/2022/11/21339_2.html" in html
    assert ("第2页（共2页）" if lang == "zh" else "page 2 of 2") in html
    assert 'class="skip-link" href="#main"' in html


def test_home_lists_topics_with_counts_headline_first(client):
    html = page(client, "/zh/")
    names = re.findall(r'<span class="topic-name">([^<]+)</span>', html)
    assert names[:3] == ["教育", "养老", "就业"]
    assert "96" in html and "34" in html  # commitments, targets
    english = page(client, "/en/")
    assert re.findall(r'<span class="topic-name">([^<]+)</span>', english)[:3] == ["Education", "Elder care", "Jobs"]
    assert "21,000 people" in english


def test_topic_page_groups_by_section_and_highlights_targets(client):
    html = page(client, "/zh/topics/education/")
    assert "紧扣民生福祉,以公共服务完善促生活品质改善" in html
    assert "竣工学校20所、开工6所" in html
    assert '<span class="target-value">20所</span>' in html
    english = page(client, "/en/topics/education/")
    assert '<span class="target-value">20</span> <span class="target-indicator">Schools completed</span>' in english


def test_commitment_page(client):
    html = page(client, "/zh/commitments/2021-changshu-5-3-1/")
    assert "<mark>新增就业2.1万人" in html
    assert "完善社会保障。" in html  # the item's title in the source paragraph
    assert 'href="/zh/topics/jobs/"' in html
    assert 'rel="prev"' in html and 'rel="next"' in html
    assert 'href="/zh/reports/2021-changshu/#s5-i3-1"' in html
    # A target in its own words, written as Chinese is: no symbol, no spaces before the unit.
    assert '<td class="target-value">不超过2%</td><td lang="zh-Hans">控制在2%以内</td>' in html
    assert '<td class="target-value">21,000人</td>' in html
    english = page(client, "/en/commitments/2021-changshu-5-3-1/")
    assert "We will create jobs for 21,000 people" in english
    assert "no more than 2%" in english and "New jobs" in english
    assert '<span lang="zh-Hans">新增就业2.1万人' in english  # the original, marked as Chinese


def test_section_without_heading_is_said_plainly(client):
    html = page(client, "/zh/commitments/2021-changshu-2-3-1/")
    assert "第2部分（标题暂缺）" in html
    assert "Part 2 (heading not available)" in page(client, "/en/commitments/2021-changshu-2-3-1/")
    report = page(client, "/en/report/")
    assert "Page 1 (the review of 2020 and the start of part 2) is not available" in report


def test_report_page_anchors_every_sentence_and_links_commitments(client, report):
    html = page(client, "/zh/report/")
    for sentence in report.sentences():
        assert f'id="{sentence.anchor}"' in html
    assert '<span id="s5-i3-1"><a href="/zh/commitments/2021-changshu-5-3-1/">' in html


def test_pending_translation_shows_chinese_with_a_note(tmp_path, content_copy):
    from commitments.web import create_app
    path = content_copy / "reports/2021-changshu/en/2021-changshu-5-3-1.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.rindex("---\n") + 4], encoding="utf-8")  # drop the English body
    client = create_app(content_copy).test_client()
    html = page(client, "/en/commitments/2021-changshu-5-3-1/")
    assert "Translation pending" in html
    assert '<span lang="zh-Hans">新增就业2.1万人' in html


def test_root_offers_both_languages(client):
    html = page(client, "/")
    assert 'href="/zh/"' in html and 'href="/en/"' in html


@pytest.mark.parametrize("url", ["/fr/", "/zh/topics/nothing/", "/en/commitments/nope/", "/zh/missing",
                                 # no page 0 (nor 1: the first is the list's own address)
                                 "/en/targets/page/0/", "/zh/targets/page/00/", "/en/reports/page/0/",
                                 "/en/report/part/0/", "/en/report/part/1/"])
def test_missing_pages_are_404_with_a_way_home(client, url):
    html = page(client, url, status=404)
    assert 'href="/zh/"' in html and 'href="/en/"' in html


def test_404_page_for_static_hosts_returns_200(client):
    assert "Page not found" in page(client, "/404.html") or "页面不存在" in page(client, "/404.html")


def test_no_template_sets_the_page_language():
    """Page helpers (web/templating.page_helper) read the page's language from its own
    context, not from a block's or loop's copy: no template may set another."""
    setting = [p.name for p in (ROOT / "templates").rglob("*.html")
               if re.search(r"{%-?\s*set\s+lang\b|{%-?\s*(for|with)\b[^%]*\blang\s*(=|in)\b"
                            r"|{%-?\s*macro\s+\w+\([^)]*\blang\b",
                            p.read_text(encoding="utf-8"))]
    assert setting == []
