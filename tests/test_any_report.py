"""The report is input: what the site says about a place, a year or a government comes
from content (site.yaml, each report.yaml), never from the interface."""
import re
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from commitments.build import build_site
from commitments.importer import import_reports
from commitments.library import load_library, load_meta
from commitments.web import create_app

from .conftest import BUNDLED, CONTENT


def page(app, url):
    response = app.test_client().get(url)
    assert response.status_code == 200, url
    return response.get_data(as_text=True)


def lead(html):
    return re.search(r'<p class="lead">(.*?)</p>', html, re.S).group(1)


def edit_yaml(path, change):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def test_home_counts_only_the_available_part_of_an_incomplete_report(client):
    # The bundled report is page 2 of 2 (report.yaml `missing:`): the count is not the whole report's.
    assert lead(client.get("/en/").get_data(as_text=True)).startswith(
        "In the part of its 2021 work report that is available, the Changshu Municipal People&#39;s Government "
        "made 96 commitments.")
    assert lead(client.get("/zh/").get_data(as_text=True)).startswith(
        "在2021年政府工作报告可获取的部分中，常熟市人民政府共作出96项承诺。")
    assert "96 commitments in the part that is available" in client.get("/en/reports/").get_data(as_text=True)


def test_a_complete_report_is_counted_whole_and_the_government_comes_from_its_metadata(content_copy):
    meta = content_copy / "reports/2021-changshu/report.yaml"

    def renamed(data):
        del data["missing"]
        data["publisher"] = {"zh": "某某人民政府", "en": "Someplace People's Government"}

    edit_yaml(meta, renamed)
    app = create_app(content_copy)
    assert lead(page(app, "/en/")).startswith(
        "In its 2021 work report, the Someplace People&#39;s Government made 96 commitments.")
    assert lead(page(app, "/zh/")).startswith("在2021年政府工作报告中，某某人民政府共作出96项承诺。")
    assert "official document of the Someplace People&#39;s Government." in page(app, "/en/data/")
    assert "报告原文为某某人民政府的正式文件。" in page(app, "/zh/data/")
    feed = page(app, "/en/feeds/all.xml")
    assert "<author><name>Someplace People&#39;s Government</name></author>" in feed
    assert "in the part that is available" not in page(app, "/en/reports/")


def test_without_a_publisher_the_government_of_the_place_is_named(content_copy):
    edit_yaml(content_copy / "reports/2021-changshu/report.yaml", lambda data: data.pop("publisher"))
    app = create_app(content_copy)
    assert "the Government of Changshu made 96 commitments." in lead(page(app, "/en/"))
    assert "常熟市政府共作出96项承诺" in lead(page(app, "/zh/"))
    assert "<author><name>常熟市政府</name></author>" in page(app, "/zh/feeds/all.xml")


def test_titles_and_descriptions_come_from_site_yaml(content_copy):
    def retitled(data):
        data["headline"] = {"zh": "某地承诺了什么", "en": "What Someplace promised"}
        data["description"] = {"zh": "某地的承诺。", "en": "Someplace's promises."}

    edit_yaml(content_copy / "site.yaml", retitled)
    app = create_app(content_copy)
    home = page(app, "/en/")
    assert "<title>What Someplace promised – " in home
    assert '<meta name="description" content="Someplace&#39;s promises.">' in home
    assert '<meta name="description" content="某地的承诺。">' in page(app, "/zh/topics/")
    assert '<meta name="description" content="某地的承诺。 Someplace&#39;s promises.">' in page(app, "/")


# ---------------------------------------------------------------- another report alone

FIXTURE = Path(__file__).parent / "fixtures" / "lanjiang-2027"


def fixture_content(destination: Path) -> Path:
    """The invented Lanjiang 2027 report as a content folder, with content/'s general
    topics and synonyms (they must be general: nothing of the bundled report in them)."""
    shutil.copytree(FIXTURE, destination)
    for name in ("topics.yaml", "synonyms.yaml"):
        shutil.copy(CONTENT / name, destination / name)
    import_reports(destination)
    return destination


@pytest.fixture(scope="module")
def lanjiang_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("lanjiang")
    content = fixture_content(root / "content")
    build_site(content, root / "site")
    return content, root / "site"


def bundled_words() -> list[str]:
    """What names the bundled report's place, year, publisher and source, from its own
    report.yaml, and the words the brief lists (in case report.yaml changes)."""
    meta = load_meta(BUNDLED / "report.yaml")
    words = {"常熟", "Changshu", "常熟市人民政府", "Changshu Municipal People's Government", "观山文库", "Guanshan",
             "guanshanwenku", meta.slug}
    for field in (meta.place, meta.publisher, meta.title, meta.source_site):
        words.update(field.values())
    words.add(urlsplit(meta.source_url).hostname)
    # 苏州 (Suzhou) is not the bundled report's place, but its glossary names it: a
    # leak of that glossary shows here first.
    words.update({"苏州", "Suzhou"})
    return sorted(words)


# A year is a number on its own: the hex fingerprints in asset names (site.0123abcdef.css)
# may contain the digits without naming a year.
BUNDLED_YEAR = re.compile(r"(?<![0-9A-Za-z])2021(?![0-9A-Za-z])")


def test_nothing_of_the_bundled_report_is_in_another_reports_site(lanjiang_site):
    _, site = lanjiang_site
    assert load_meta(BUNDLED / "report.yaml").year == 2021
    files = [p for p in site.rglob("*") if p.is_file()]
    kinds = {p.suffix for p in files}
    assert {".html", ".json", ".csv", ".xml", ".js", ".css", ".txt"} <= kinds and len(files) > 100
    words = bundled_words()
    found = []
    # Every file, the site's own scripts and the search index included: the site has no
    # third-party files, so there is nothing to leave out.
    for path in files:
        text = path.read_bytes().decode("utf-8", errors="replace")
        lower = text.casefold()
        found += [f"{path.relative_to(site)}: {w}" for w in words if w.casefold() in lower]
        found += [f"{path.relative_to(site)}: {m.group(0)}" for m in BUNDLED_YEAR.finditer(text)]
    assert found == []


def test_another_reports_site_names_its_own_place_year_and_government(lanjiang_site):
    _, site = lanjiang_site
    for lang, place, government in (("zh", "岚江", "岚江省人民政府"), ("en", "Lanjiang", "Lanjiang Provincial People&#39;s Government")):
        home = (site / lang / "index.html").read_text(encoding="utf-8")
        title = re.search(r"<title>(.*?)</title>", home).group(1)
        description = re.search(r'<meta name="description" content="([^"]*)">', home).group(1)
        assert place in title and place in description, lang
        assert "2027" in lead(home) and government in lead(home) and "available" not in lead(home)
        assert government in (site / lang / "data" / "index.html").read_text(encoding="utf-8")
    english = lead((site / "en" / "index.html").read_text(encoding="utf-8"))
    assert re.match(r"In its 2027 work report, the Lanjiang Provincial People&#39;s Government made \d+ commitments\.",
                    english)
    root = (site / "index.html").read_text(encoding="utf-8")
    assert "岚江省人民政府在2027年" in root and "Lanjiang provincial government" in root


def test_another_reports_glossary_is_its_editors_terms_and_its_own_explanations(lanjiang_site):
    _, site = lanjiang_site
    english = (site / "en" / "glossary" / "index.html").read_text(encoding="utf-8")
    assert english.count("<dt ") == 3
    assert 'Specialised, Refined, Distinctive and Innovative <span lang="zh-Hans">专精特新</span>' in english
    # The report's 名词解释 is in Chinese: shown as it is, its English said to be missing.
    assert re.search(r'<dt id="term-[0-9a-f]{8}"><span lang="zh-Hans">“链长制”</span></dt>\s*'
                     r'<dd><span class="untranslated">Not yet translated:</span> <span lang="zh-Hans">由省领导担任', english)
    assert english.count("Not yet translated:") == 2
    chinese = (site / "zh" / "glossary" / "index.html").read_text(encoding="utf-8")
    assert "岚江干流沿线水环境综合治理工程的统称" in chinese and "尚未翻译" not in chinese


def test_an_editors_entry_takes_the_place_of_the_reports_explanation(tmp_path):
    content = fixture_content(tmp_path / "content")
    glossary = content / "reports/2027-lanjiang/glossary.yaml"
    glossary.write_text(glossary.read_text(encoding="utf-8") + """- term: 链长制
  en: Chain Leader System
  basis: report
  explanation:
    zh: 由省领导担任重点产业链链长的工作机制。
    en: Each key industrial chain has a provincial leader in charge of it.
""", encoding="utf-8")
    import_reports(content)
    terms = load_library(content).edition("2027-lanjiang").glossary
    assert [(t.term, t.en) for t in terms] == [
        ("专精特新", "Specialised, Refined, Distinctive and Innovative"), ("链长制", "Chain Leader System"),
        ("“清水廊道”", None)]


# ---------------------------------------------------------------- both in one site


@pytest.fixture(scope="module")
def two_places(tmp_path_factory):
    root = tmp_path_factory.mktemp("two-places")
    content = root / "content"
    shutil.copytree(CONTENT, content)
    shutil.copytree(FIXTURE / "reports" / "2027-lanjiang", content / "reports" / "2027-lanjiang")
    import_reports(content)
    return create_app(content, TESTING=True)


def test_several_reports_are_counted_together_and_each_says_where_it_is_from(two_places):
    library = two_places.extensions["library"]
    count = sum(len(e.entries) for e in library.editions)
    assert lead(page(two_places, "/en/")).startswith(
        f"The 2 government work reports on this site make {count} commitments. Some reports are incomplete: "
        "for those, only the part that is available is counted.")
    assert lead(page(two_places, "/zh/")).startswith(f"本站收录的2份政府工作报告共作出{count}项承诺。部分报告不完整")
    data = page(two_places, "/en/data/")
    assert "Each report's text is an official document of the government that published it" in data
    assert '"temporalCoverage": "2021/2027"' in data and '"spatialCoverage": ["Changshu", "Lanjiang Province"]' in data
    feed = page(two_places, "/en/feeds/all.xml")
    assert ("<author><name>Changshu Municipal People&#39;s Government</name></author>\n"
            "  <author><name>Lanjiang Provincial People&#39;s Government</name></author>") in feed


def test_each_report_has_its_own_glossary_page_and_its_pages_link_to_it(two_places):
    library = two_places.extensions["library"]
    default = page(two_places, "/en/glossary/")
    assert "Water Area Bank" in default and "专精特新" not in default and "链长制" not in default
    lanjiang = page(two_places, "/en/reports/2027-lanjiang/glossary/")
    terms = re.search(r'<dl class="terms">.*?</dl>', lanjiang, re.S).group(0)
    assert "专精特新" in terms and "Water Area Bank" not in terms and "Changshu" not in terms
    assert "Terms of Lanjiang Provincial Government Work Report 2027." in lanjiang
    # The other reports' glossaries, from the list of reports (paged, so that no glossary
    # page lists every report).
    assert '<a href="/en/reports/">Each report has its own glossary, linked from the list of reports.</a>' in lanjiang
    reports = page(two_places, "/en/reports/")
    assert '<a href="/en/glossary/">Glossary</a>' in reports
    assert '<a href="/en/reports/2027-lanjiang/glossary/">Glossary</a>' in reports
    entry = next(e for e in library.edition("2027-lanjiang").entries if "专精特新" in e.commitment.text)
    html = page(two_places, f"/zh/commitments/{entry.commitment.id}/")
    assert 'href="/zh/reports/2027-lanjiang/glossary/#term-specialised-refined-distinctive-and-innovative"' in html
    assert 'href="/zh/reports/2027-lanjiang/glossary/">术语解释</a>' in html  # the footer: this report's glossary
    sitemap = page(two_places, "/sitemap.xml")
    assert "/en/reports/2027-lanjiang/glossary/" in sitemap


def test_the_years_main_targets_lead_the_key_numbers_page(lanjiang_site):
    content, site = lanjiang_site
    for lang, heading in (("zh", "年度主要预期目标"), ("en", "The year's main targets")):
        html = (site / lang / "targets" / "index.html").read_text(encoding="utf-8")
        section = re.search(r'<section aria-labelledby="headline">(.*?)</section>', html, re.S).group(1)
        assert heading in section
        # 主要预期目标是：地区生产总值增长5.5%左右，城镇新增就业50万人以上，…: one row a target,
        # each linking to the one commitment that sets them (section 2, item 0: its introduction).
        rows = re.findall(r"<tr><td>.*?</tr>", section)
        assert len(rows) >= 5
        assert {re.search(r'commitments/([^/]+)/', row).group(1) for row in rows} == {"2027-lanjiang-2-0-3"}
        assert html.index('aria-labelledby="headline"') < html.index("<svg")  # before the topics
