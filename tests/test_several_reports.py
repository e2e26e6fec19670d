"""Several real reports in one site: the bundled one plus every report of ../shared/corpus."""
import shutil
from pathlib import Path

import pytest

from commitments.build import build_site
from commitments.errors import ContentError
from commitments.importer import add_report, import_reports
from commitments.library import load_library

from .conftest import CONTENT, SHARED

CORPUS = SHARED / "corpus"


def corpus_reports():
    return sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else []


def slug_for(path: Path) -> str:
    parts = path.stem.split("_")  # e.g. guangdong_province_2026, state_council_2021_wikisource
    year = next(p for p in parts if p.isdigit() and len(p) == 4)
    place = "state-council" if parts[0] == "state" else parts[0]
    return f"{year}-{place}"


# The static build of every report takes minutes on a small machine; the suite builds
# three of them (enough for every multi-report feature) and checks that all import and
# load together.
BUILT = ("anguo_city_2022.txt", "guangdong_province_2026.txt")


@pytest.fixture(scope="module")
def corpus_content(tmp_path_factory):
    if not corpus_reports():
        pytest.skip("../shared/corpus is not beside the project")
    content = tmp_path_factory.mktemp("all") / "content"
    shutil.copytree(CONTENT, content)
    for path in corpus_reports():
        add_report(content, path, slug_for(path))
    return content


@pytest.fixture(scope="module")
def corpus_site(tmp_path_factory):
    if not corpus_reports():
        pytest.skip("../shared/corpus is not beside the project")
    root = tmp_path_factory.mktemp("several")
    content = root / "content"
    shutil.copytree(CONTENT, content)
    for name in BUILT:
        add_report(content, CORPUS / name, slug_for(CORPUS / name))
    site = root / "site"
    result = build_site(content, site)
    return content, site, result


def test_all_reports_import_and_load_together(corpus_content):
    result = import_reports(corpus_content)
    library = load_library(corpus_content)
    reports = len(corpus_reports()) + 1  # and the bundled one
    assert result.reports == reports and len(library.editions) == reports
    assert result.commitments == sum(len(e.entries) for e in library.editions) > 4000
    assert all(e.commitment.topics for e in library.entries())


def test_add_report_writes_detected_metadata_and_refuses_nonsense(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    if not corpus_reports():
        pytest.skip("../shared/corpus is not beside the project")
    folder = add_report(content, CORPUS / "anguo_city_2022.txt", "2022-anguo", "https://example.org/anguo")
    meta = (folder / "report.yaml").read_text(encoding="utf-8")
    assert "zh: 安国市" in meta and "year: 2022" in meta and "level: 市" in meta and "2022-01-27" in meta
    assert (folder / "report.txt").read_bytes() == (CORPUS / "anguo_city_2022.txt").read_bytes()
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(ContentError, match="empty"):
        add_report(content, empty, "2023-nowhere")
    assert not (content / "reports" / "2023-nowhere").exists()
    with pytest.raises(ContentError, match="already exists"):
        add_report(content, CORPUS / "anguo_city_2022.txt", "2022-anguo")


def test_several_reports_build_into_one_site(corpus_site):
    content, site, result = corpus_site
    library = load_library(content)
    assert result.reports == 3 and len(library.editions) == 3
    for edition in library.editions:
        assert (site / "zh" / "reports" / edition.slug / "index.html").is_file()


def test_bundled_report_urls_keep_working(corpus_site):
    _, site, _ = corpus_site
    for path in ("zh/report/index.html", "en/report/index.html",
                 "zh/commitments/2021-changshu-5-3-1/index.html", "en/topics/education/index.html"):
        assert (site / path).is_file(), path
    assert "2021年常熟市政府工作报告" in (site / "zh/report/index.html").read_text(encoding="utf-8")


def test_report_chooser_and_each_reports_own_source(corpus_site):
    _, site, _ = corpus_site
    chooser = (site / "zh" / "reports" / "index.html").read_text(encoding="utf-8")
    assert chooser.count('class="card"') == 3
    changshu = (site / "en/reports/2021-changshu/index.html").read_text(encoding="utf-8")
    assert "guanshanwenku.com" in changshu
    anguo = (site / "zh/reports/2022-anguo/index.html").read_text(encoding="utf-8")
    assert "2022年安国市政府工作报告" in anguo and "guanshanwenku.com" not in anguo


def report_text(folder) -> str:
    """A report's text as the site shows it: its first page and its parts, in order
    (a long report is in parts, web/report_text.py)."""
    parts = sorted(folder.glob("part/*/index.html"), key=lambda p: int(p.parent.name))
    return "".join(p.read_text(encoding="utf-8") for p in [folder / "index.html", *parts])


def test_review_is_labelled_and_not_commitments(corpus_site):
    content, site, _ = corpus_site
    html = report_text(site / "en/reports/2022-anguo")
    assert 'id="part-review">Review of the past year</h2>' in html
    assert 'id="part-plan">Plan for the year ahead</h2>' in html
    library = load_library(content)
    anguo = library.edition("2022-anguo")
    review = {s.number for s in anguo.report.sections if s.part == "review"}
    assert review and not any(e.commitment.section in review for e in anguo.entries)


def test_appendix_and_report_glossary_are_shown(corpus_site):
    _, site, _ = corpus_site
    html = report_text(site / "zh/reports/2026-guangdong")
    assert 'id="part-appendix"' in html and "十件民生实事" in html
    assert 'id="report-glossary"' in html


def test_topic_pages_filter_by_report(corpus_site):
    _, site, _ = corpus_site
    html = (site / "en/topics/education/index.html").read_text(encoding="utf-8")
    assert 'href="reports/index.html">This topic in each report</a>' in html
    html = (site / "en/topics/education/reports/index.html").read_text(encoding="utf-8")
    assert 'href="../../../reports/2022-anguo/topics/education/index.html"' in html
    filtered = (site / "en/reports/2022-anguo/topics/education/index.html").read_text(encoding="utf-8")
    assert "2022-anguo-" in filtered and "2021-changshu-" not in filtered


@pytest.fixture(scope="module")
def province_alone(tmp_path_factory):
    """A site of one corpus report alone, as a publisher would set it up: the general
    topics and synonyms, its own site.yaml, and the report added with add-report."""
    if not corpus_reports():
        pytest.skip("../shared/corpus is not beside the project")
    root = tmp_path_factory.mktemp("province")
    content = root / "content"
    content.mkdir()
    for name in ("topics.yaml", "synonyms.yaml"):
        shutil.copy(CONTENT / name, content / name)
    (content / "site.yaml").write_text(
        "base_url: https://example.org/guangdong/\n"
        "licence: {name: CC BY 4.0, url: https://creativecommons.org/licenses/by/4.0/}\n"
        "first_published: 2026-02-01\n"
        "name: {zh: 广东省2026年政府承诺, en: Guangdong 2026 commitments}\n"
        "headline: {zh: 广东省政府2026年作出了哪些承诺, en: What Guangdong's government promised for 2026}\n"
        "description: {zh: 广东省人民政府在2026年政府工作报告中作出的承诺。, "
        "en: What the Guangdong provincial government promised in its 2026 work report.}\n"
        "default_report: 2026-guangdong\n", encoding="utf-8")
    add_report(content, CORPUS / "guangdong_province_2026.txt", "2026-guangdong")
    build_site(content, root / "site")
    return content, root / "site"


def test_a_province_alone_reads_as_its_own_site(province_alone):
    # (Not the bundled report's year: another report may well speak of 2021.)
    from .test_any_report import bundled_words
    content, site = province_alone
    words = bundled_words()
    leaks = []
    for path in (p for p in site.rglob("*") if p.suffix in (".html", ".json", ".xml", ".csv", ".txt")):
        text = path.read_text(encoding="utf-8")
        leaks += [f"{path.relative_to(site)}: {w}" for w in words if w.casefold() in text.casefold()]
    assert leaks == []
    for lang in ("zh", "en"):
        home = (site / lang / "index.html").read_text(encoding="utf-8")
        assert "广东" in home or "Guangdong" in home
        report = report_text(site / lang / "report")
        assert 'id="part-review"' in report and 'id="part-plan"' in report and 'id="part-appendix"' in report
        # its own 名词解释, thirteen terms, in its own glossary
        glossary = (site / lang / "glossary" / "index.html").read_text(encoding="utf-8")
        assert glossary.count("<dt") == 13 and "四好农村路" in glossary
        # its headline targets lead the key numbers
        targets = (site / lang / "targets" / "index.html").read_text(encoding="utf-8")
        assert 'aria-labelledby="headline"' in targets and "2026-guangdong-3-0-" in targets


def test_a_report_titled_only_by_its_kind_is_named_by_its_year_and_place(tmp_path):
    if not corpus_reports():
        pytest.skip("../shared/corpus is not beside the project")
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    # Hailar's reports are printed under a bare 政府工作报告: two of them would read alike.
    folder = add_report(content, CORPUS / "hailar_district_2016.txt", "2016-hailar")
    assert "title:" not in (folder / "report.yaml").read_text(encoding="utf-8")
    import_reports(content)
    meta = load_library(content).edition("2016-hailar").report.meta
    assert meta.title["zh"] == "2016年海拉尔区政府工作报告"
