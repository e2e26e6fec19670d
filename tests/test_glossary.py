"""Each report has its own glossary; a site-wide term reaches a report only when it says so."""
import pytest

from commitments.errors import ContentError
from commitments.glossary import load_site_glossary
from commitments.library import load_library

from .conftest import CONTENT

TERM = """- term: 亩
  en: mu
  {declaration}
  explanation:
    zh: {zh}
    en: A traditional Chinese unit of land area.
"""


def site_glossary(content, declaration, zh="中国传统土地面积单位。"):
    (content / "glossary.yaml").write_text(TERM.format(declaration=declaration, zh=zh), encoding="utf-8")


def without_own_mu(content):
    """The bundled report explains 亩 itself; drop that so a site-wide 亩 may apply to it."""
    path = content / "reports/2021-changshu/glossary.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("- term: 亩\n")
    end = text.index("- term:", start + 1)
    path.write_text(text[:start] + text[end:], encoding="utf-8")


def test_the_bundled_reports_terms_are_its_own_and_none_is_site_wide(library):
    assert load_site_glossary(CONTENT / "glossary.yaml") == ()
    terms = {t.term: t for t in library.edition("2021-changshu").glossary}
    assert terms["水域银行"].en == "Water Area Bank"
    assert "Changshu" in terms["服务民企360"].explanation["en"]  # fine in the report's own glossary


@pytest.mark.parametrize("declaration", ["reports: [2021-changshu]", "applies_to: all"])
def test_a_declared_site_wide_term_applies(content_copy, declaration):
    without_own_mu(content_copy)
    site_glossary(content_copy, declaration)
    terms = {t.term: t for t in load_library(content_copy).edition("2021-changshu").glossary}
    assert terms["亩"].explanation["zh"] == "中国传统土地面积单位。"


def test_a_site_wide_term_names_existing_reports(content_copy):
    without_own_mu(content_copy)
    site_glossary(content_copy, "reports: [2022-elsewhere]")
    with pytest.raises(ContentError, match="no report '2022-elsewhere'"):
        load_library(content_copy)


def test_a_site_wide_term_must_say_which_reports_it_applies_to(content_copy):
    site_glossary(content_copy, "")
    with pytest.raises(ContentError, match=r"glossary.yaml:1: term '亩': say which reports it applies to"):
        load_library(content_copy)
    site_glossary(content_copy, "applies_to: some")
    with pytest.raises(ContentError, match="applies_to can only be 'all'"):
        load_library(content_copy)


def test_a_site_wide_explanation_names_no_place(content_copy):
    without_own_mu(content_copy)
    site_glossary(content_copy, "applies_to: all", zh="常熟常用的土地面积单位。")
    with pytest.raises(ContentError, match=r"names 常熟市 \(report 2021-changshu\).*reports/2021-changshu/glossary.yaml"):
        load_library(content_copy)


def test_a_term_is_explained_once_per_report(content_copy):
    site_glossary(content_copy, "applies_to: all")  # the bundled report explains 亩 itself
    with pytest.raises(ContentError, match="term '亩' applies to 2021-changshu, which defines it in .* too"):
        load_library(content_copy)


def test_a_reports_glossary_cannot_declare_other_reports(content_copy):
    path = content_copy / "reports/2021-changshu/glossary.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("- term: 亩\n", "- term: 亩\n  applies_to: all\n"),
                    encoding="utf-8")
    with pytest.raises(ContentError, match="reports and applies_to belong in the site-wide glossary.yaml"):
        load_library(content_copy)
