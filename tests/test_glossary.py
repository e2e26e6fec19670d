"""Each report has its own glossary; a site-wide term reaches a report only when it says so;
every explanation says what it rests on."""
import re

import pytest

from commitments.errors import ContentError
from commitments.glossary import BASES, load_site_glossary
from commitments.library import load_library

from .conftest import CONTENT

TERM = """- term: 亩
  en: mu
  basis: inferred
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
    with pytest.raises(ContentError, match=r"glossary.yaml:4: term '亩': applies_to: 'some' must be 'all'"):
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


# ---------------------------------------------------------------- what an explanation rests on


def set_basis(content, term, lines):
    """Replace the basis line of `term` in the bundled report's glossary.yaml with `lines`."""
    path = content / "reports/2021-changshu/glossary.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index(f"- term: {term}\n")
    basis = text.index("  basis:", start)
    end = text.index("\n", basis) + 1
    path.write_text(text[:basis] + "".join(f"  {line}\n" for line in lines) + text[end:], encoding="utf-8")
    return text[:start].count("\n") + 1  # the entry's line


def test_every_explanation_says_what_it_rests_on(library):
    for edition in library.editions:
        for term in edition.glossary:
            assert term.basis in BASES, term.term
            assert (term.source is not None) == (term.basis == "public-source"), term.term
    terms = {t.term: t for t in library.edition("2021-changshu").glossary}
    assert terms["三网合一"].basis == "report" and terms["亩"].basis == "inferred"


@pytest.mark.parametrize("lines, at, message", [
    ([], None, "term '双百': 'basis' is missing (what the explanation rests on: report (the report itself says it), "
               "public-source"),
    (["basis: suzhou"], "basis:", "term '双百': basis: 'suzhou' is not report, public-source or inferred"),
    (["basis: public-source"], None, "term '双百': basis public-source needs source"),
    (["basis: public-source", "source: www.example.gov.cn"], "source:",
     "term '双百': source: 'www.example.gov.cn' is not an http(s) web address"),
    (["basis: report", "source: https://www.example.gov.cn/a.html"], None,
     "term '双百': source belongs with basis public-source only"),
])
def test_an_explanation_without_a_basis_stops_the_build(content_copy, lines, at, message):
    line = set_basis(content_copy, "双百", lines)
    if at is not None:  # a wrong value is refused at its own line
        rest = (content_copy / "reports/2021-changshu/glossary.yaml").read_text(encoding="utf-8").split("\n")[line - 1:]
        line += next(n for n, text in enumerate(rest) if text.strip().startswith(at))
    with pytest.raises(ContentError, match=rf"glossary.yaml:{line}: {re.escape(message)}"):
        load_library(content_copy)


def test_a_site_wide_explanation_needs_a_basis_too(content_copy):
    without_own_mu(content_copy)
    (content_copy / "glossary.yaml").write_text(TERM.replace("  basis: inferred\n", "").format(
        declaration="applies_to: all", zh="中国传统土地面积单位。"), encoding="utf-8")
    with pytest.raises(ContentError, match="term '亩': 'basis' is missing"):
        load_library(content_copy)


def test_the_glossary_page_shows_what_each_explanation_rests_on(content_copy):
    from commitments.web import create_app
    set_basis(content_copy, "双百", ["basis: public-source", "source: https://www.example.gov.cn/a.html"])
    client = create_app(content_copy, TESTING=True).test_client()
    english = client.get("/en/glossary/").get_data(as_text=True)
    terms = re.findall(r'<dt id="([^"]+)">.*?</dt>\s*<dd>(.*?)</dd>', english, re.S)
    assert len(terms) == len(load_library(content_copy).edition("2021-changshu").glossary)
    bases = dict(terms)
    assert 'Basis: <a href="https://www.example.gov.cn/a.html">an official public source</a>.' in bases["term-double-hundred"]
    assert "Basis: the report itself." in bases["term-three-networks-in-one"]
    assert "Basis: our own explanation; the report does not give it" in bases["term-mu"]
    assert all('<span class="basis">Basis:' in dd for dd in bases.values())
    chinese = client.get("/zh/glossary/").get_data(as_text=True)
    assert chinese.count('<span class="basis">依据：') == len(terms)
    assert "依据：报告原文。" in chinese and "依据：本站自行解释" in chinese
