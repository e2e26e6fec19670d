"""The English edition: complete, faithful to the glossary, quantities that read naturally."""
import pytest

from commitments.coverage import english_coverage, interface_coverage
from commitments.quantities import english


def test_english_coverage_of_the_bundled_report_is_complete(library):
    coverage = english_coverage(library)
    assert coverage.missing == [] and coverage.outdated == []
    terms = len(library.edition("2021-changshu").glossary)
    assert coverage.percent == 100.0 and coverage.total == 158 + terms  # 124 sentences + 34 target names


def test_chinese_interface_strings_are_complete():
    coverage = interface_coverage("zh")
    assert coverage.missing == [] and coverage.percent == 100.0


def test_every_glossary_term_is_rendered_with_its_english(library):
    assert len(library.edition("2021-changshu").glossary) >= 40
    problems = []
    for edition in library.editions:
        for sentence in edition.report.sentences():
            english_text = edition.translation(sentence.anchor).text
            for term in edition.glossary:  # each report's own terms: the English fixed for that report
                if term.en and term.term in sentence.text and term.en not in english_text:
                    problems.append(f"{sentence.anchor}: {term.term} → {term.en!r} not in {english_text!r}")
    assert problems == []


def test_glossary_terms_appear_in_their_report_and_have_unique_anchors(library):
    for edition in library.editions:
        text = "".join(s.text for s in edition.report.sentences())
        # An editor's term (it has English) is there to explain the report's words.
        assert [t.term for t in edition.glossary if t.en and t.term not in text] == []
        anchors = [t.anchor for t in edition.glossary]
        assert len(anchors) == len(set(anchors))


EXPECTED_QUANTITIES = [
    "10,000 mu (about 667 ha)", "up at least 5%", "13", "40", "20", "170,000 m²", "189,000 m²", "100",
    "1,000", "at least 30%", "312", "10", "140,000 head", "800", "600", "more than 81%",
    "less than 35 µg/m³", "15", "more than 90%", "5,000 households", "up 16 percentage points", "20", "6",
    "7", "more than 90%", "20", "4", "21,000 people", "no more than 2%", "at least 95%", "14,000 people",
    "up about 5%", "30,000 people", "2",
]


def test_every_target_reads_naturally_in_english(library):
    assert [english(t) for e in library.entries() for t in e.commitment.targets] == EXPECTED_QUANTITIES


def test_every_target_has_an_english_name(library):
    for entry in library.entries():
        assert len(entry.indicators) == len(entry.commitment.targets), entry.commitment.id


@pytest.mark.parametrize("path", ["", "topics/", "topics/jobs/", "commitments/2021-changshu-5-3-1/", "report/", "glossary/"])
def test_english_pages_have_no_pending_translation_and_chinese_pages_no_english_interface(client, path):
    english_page = client.get(f"/en/{path}").get_data(as_text=True)
    assert "Translation pending" not in english_page and "may be out of date" not in english_page
    chinese_page = client.get(f"/zh/{path}").get_data(as_text=True)
    for phrase in ("Skip to main content", "Topics", "Full report", "Glossary", "commitments"):
        assert f">{phrase}<" not in chinese_page


def test_glossary_explanations_appear_where_terms_are_used(client):
    html = client.get("/en/commitments/2021-changshu-4-1-3/").get_data(as_text=True)
    assert "Terms used" in html
    assert 'class="term" href="/en/glossary/#term-' in html
    glossary = client.get("/zh/glossary/").get_data(as_text=True)
    assert "河(湖)长制" in glossary


def test_outdated_translation_is_shown_and_reported(content_copy):
    from commitments.importer import import_reports
    from commitments.library import load_library
    from commitments.web import create_app
    report = content_copy / "reports/2021-changshu/report.txt"
    report.write_text(report.read_text(encoding="utf-8").replace("建成民政综合服务中心。", "建成两个民政综合服务中心。"), encoding="utf-8")
    import_reports(content_copy)
    coverage = english_coverage(load_library(content_copy))
    assert len(coverage.outdated) == 1 and coverage.outdated[0].endswith("2021-changshu-5-3-10.md")
    html = create_app(content_copy).test_client().get("/en/commitments/2021-changshu-5-3-10/").get_data(as_text=True)
    assert "translation may be out of date" in html
