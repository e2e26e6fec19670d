"""Editors write Markdown (commitments/richtext.py): bodies, notes and progress notes are
rendered with links, emphasis and lists, raw HTML escaped, only http(s) and relative
links; glossary terms linked on whole English words and never inside another link;
feeds, open data and search carry plain text."""
import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from commitments.build import build_site
from commitments.glossary import Term
from commitments.richtext import _render, _rendered, allowed_link, block, inline, plain

from .test_corpus import CORPUS, parsed

MU = Term("亩", "mu", {"zh": "面积单位。", "en": "A unit of land area."}, "report")
ZONE = Term("高新区", "High-tech Zone", {"zh": "开发区。", "en": "A development zone."}, "report")
PARK = Term("高新区产业园", "High-tech Zone Park", {"zh": "园区。", "en": "A park."}, "report")
TERMS = (MU, ZONE, PARK)

NOTE = """The school opened: see [the notice](https://example.gov.cn/notice.html), *early* and **on budget**.

- 8 schools completed
- <script>alert("x")</script> in a list

[a trap](javascript:alert(1)), [data](data:text/html,x), [mail](mailto:a@example.org),
[obfuscated](jav&#x61;script:alert(1)), [elsewhere](//example.com/x) and [the report](../../report/)."""


def hrefs(html: str) -> list[str]:
    return re.findall(r'href="([^"]*)"', html)


def test_a_note_shows_links_emphasis_and_lists_and_escapes_raw_html():
    html = str(block(NOTE, "en"))
    assert '<a href="https://example.gov.cn/notice.html">the notice</a>' in html
    assert "<em>early</em>" in html and "<strong>on budget</strong>" in html
    assert "<ul>\n<li>8 schools completed</li>" in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html or "&lt;script&gt;alert(\"x\")&lt;/script&gt;" in html
    assert "<script" not in html
    # Only http(s) and relative links are links; the others keep their words.
    assert hrefs(html) == ["https://example.gov.cn/notice.html", "../../report/"]
    for words in ("a trap", "data", "mail", "obfuscated", "elsewhere"):
        assert f">{words}<" not in html and words in html


@pytest.mark.parametrize("href, allowed", [
    ("https://example.gov.cn/a.html", True), ("http://example.gov.cn/", True), ("../report/#s1", True),
    ("#term-mu", True), ("/en/", True), ("javascript:alert(1)", False), (" JavaScript:alert(1)", False),
    ("java\tscript:alert(1)", False), ("jav&#x61;script:alert(1)", False), ("data:text/html,x", False),
    ("mailto:a@example.org", False), ("//example.com/", False), ("https:///nohost", False),
])
def test_only_http_and_relative_addresses_are_links(href, allowed):
    assert allowed_link(href) is allowed


def test_headings_rules_images_and_indented_code_are_not_markdown_in_a_note():
    html = str(block("# Not a heading\n\n---\n\n![a chart](https://example.org/c.png)\n\n    indented", "en"))
    assert "<h1" not in html and "<hr" not in html and "<img" not in html and "<pre" not in html
    assert "# Not a heading" in html


def test_no_line_an_editor_writes_vanishes():
    """Markdown hides reference definitions and HTML comments; here they are text."""
    text = "见通知。\n\n[注]: 以公告为准\n\n[1]: https://example.org/\n\n<!-- 待核实 -->"
    html = str(block(text, "zh"))
    for words in ("见通知。", "[注]: 以公告为准", "[1]: https://example.org/", "&lt;!-- 待核实 --&gt;"):
        assert words in html


def test_a_body_is_inline_where_a_sentence_goes():
    html = str(inline("We will *build* [schools](https://example.org/).\n\nAnd more.\n\n- not a list", "en"))
    assert html == 'We will <em>build</em> <a href="https://example.org/">schools</a>. And more. - not a list'
    # Inside another link: no link at all, the words stay.
    assert str(inline("We will *build* [schools](https://example.org/).", "en", TERMS, "g", links=False)) \
        == "We will <em>build</em> schools."


def test_english_terms_are_linked_as_whole_words_only():
    html = str(inline("Communities must use 15 mu of municipal land; the minimum is 2 mu.", "en", TERMS, "g/"))
    assert html.count('class="term"') == 2
    assert 'of municipal' in html and "Communities must" in html and "minimum" in html
    assert '15 <a class="term" href="g/#term-mu">mu</a> of' in html
    # A plural is the term too, linked as the whole word.
    assert str(inline("Two High-tech Zones and a High-tech Zoned area.", "en", TERMS, "g/")) == (
        'Two <a class="term" href="g/#term-high-tech-zone">High-tech Zones</a> and a High-tech Zoned area.')


def test_terms_are_never_linked_inside_an_editors_link_or_code():
    html = str(inline("[15 mu of land](https://example.org/) and `mu` and 5 mu.", "en", TERMS, "g/"))
    assert html == ('<a href="https://example.org/">15 mu of land</a> and <code>mu</code> and '
                    '5 <a class="term" href="g/#term-mu">mu</a>.')


def test_chinese_terms_are_matched_anywhere_longest_first():
    html = str(inline("建设高新区产业园，新增用地100亩，**高新区**扩容。", "zh", TERMS, "g/"))
    assert '<a class="term" href="g/#term-high-tech-zone-park">高新区产业园</a>' in html
    assert '100<a class="term" href="g/#term-mu">亩</a>' in html
    assert '<strong><a class="term" href="g/#term-high-tech-zone">高新区</a></strong>' in html


def test_plain_text_keeps_the_words_and_the_addresses_of_links():
    assert plain(NOTE) == (
        'The school opened: see the notice (https://example.gov.cn/notice.html), early and on budget. '
        '8 schools completed <script>alert("x")</script> in a list a trap, data, mail, obfuscated, '
        'elsewhere and the report.')


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not beside the project")
def test_markdown_changes_no_sentence_of_a_real_report():
    """The Chinese body is the report's sentence: read as Markdown, its words are the same
    (the footnote marks [1] and the like stay text), in all the corpus's reports."""
    for path in sorted(CORPUS.glob("*.txt")):
        for sentence in parsed(path.name).sentences():
            rendered = inline(sentence.text, "zh")
            assert rendered.striptags() == " ".join(sentence.text.split()), (path.name, sentence.anchor)


def _same_without_markdown(text: str, forms=((True, True, False), (True, False, False), (False, True, False),
                                             (False, True, True)), langs=("zh", "en")) -> None:
    """Each form of ``text`` the same whether or not Markdown is skipped for it."""
    for inline_, links, plain_ in forms:
        for lang in langs:
            assert _rendered(text, lang, inline_, links, plain_, (), "") == \
                _render.__wrapped__(text, lang, inline_, links, plain_, (), ""), (text, inline_, links, plain_)


@settings(max_examples=400, deadline=None)
@example("- a")  # a list item in a note, not a paragraph
@example("+ a")
@example("12. a")
@given(st.text(alphabet=st.sampled_from("ab 1.。，（）%“”'\"#-+=:/|~^$@()[]{}`\\!<>&*_\n\r\t\x02\x03\u3000\xa0\u2028"),
               max_size=12))
def test_text_that_markdown_leaves_alone_is_not_given_to_it(text):
    """A text with nothing for Markdown to do is shown without it (richtext._rendered):
    the same bytes as Markdown gives, for any mix of text and Markdown's characters."""
    _same_without_markdown(text)


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not beside the project")
def test_no_sentence_of_a_real_report_reads_differently_without_markdown():
    for path in sorted(CORPUS.glob("*.txt")):
        for sentence in parsed(path.name).sentences():  # a sentence, inline and as a paragraph
            _same_without_markdown(sentence.text, ((True, True, False), (False, True, True)), ("zh",))


# ---------------------------------------------------------------- as an editor does it

CID = "2021-changshu-5-2-1"
TRANSLATION = ("We will complete *20 schools* and start building 6 more "
               "([plan](https://example.gov.cn/plan.html)).")
PROGRESS = """
{cid}:
  status: in-progress
  updates:
    - date: 2021-09-01
      status: in-progress
      source: https://example.gov.cn/news/123.html
      note:
        zh: 已竣工学校8所，见[通知](https://example.gov.cn/n.html)。
        en: "8 schools *completed*: [notice](https://example.gov.cn/n.html) <script>x()</script>"
"""


class _Links(HTMLParser):
    """Every link's address, and whether a link was opened inside another."""

    def __init__(self):
        super().__init__()
        self.depth, self.nested, self.hrefs = 0, False, []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.nested |= self.depth > 0
            self.depth += 1
            self.hrefs.append(dict(attrs).get("href") or "")

    def handle_endtag(self, tag):
        if tag == "a":
            self.depth -= 1


def links_of(html: str) -> _Links:
    parser = _Links()
    parser.feed(html)
    return parser


def _edit(path, before: str, after: str):
    text = path.read_text(encoding="utf-8")
    assert before in text
    path.write_text(text.replace(before, after, 1), encoding="utf-8")


def build_edited_site(root):
    """The bundled content with an editor's notes, progress note and translation, built
    into root/site (tests/browser/test_html_valid.py checks these pages too)."""
    import shutil

    from .conftest import CONTENT
    content = root / "content"
    shutil.copytree(CONTENT, content)
    folder = content / "reports" / "2021-changshu"
    note = "\n".join("  " + line for line in NOTE.splitlines())
    for lang, key in (("zh", "source"), ("en", "translation")):
        _edit(folder / lang / f"{CID}.md", f"\n{key}:", f"\nnote: |\n{note}\n{key}:")
    en = folder / "en" / f"{CID}.md"
    _edit(en, "\nWe will complete 20 schools and start building 6 more.", "\n" + TRANSLATION)
    with (folder / "progress.yaml").open("a", encoding="utf-8") as progress:
        progress.write(PROGRESS.format(cid=CID))
    build_site(content, root / "site")
    return root / "site"


#: the pages where the edited texts show: the commitment, and where it is a link.
EDITED_PAGES = (f"zh/commitments/{CID}/index.html", f"en/commitments/{CID}/index.html", "en/report/index.html",
                "en/topics/education/index.html")


@pytest.fixture(scope="module")
def edited_site(tmp_path_factory):
    return build_edited_site(tmp_path_factory.mktemp("edited"))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_an_editors_note_is_shown_as_markdown(edited_site, lang):
    html = (edited_site / lang / "commitments" / CID / "index.html").read_text(encoding="utf-8")
    note = html[html.index('<div class="note">', html.index("<h2>" + ("编者按" if lang == "zh" else "Editor"))):]
    note = note[:note.index("</div>")]
    assert '<a href="https://example.gov.cn/notice.html">the notice</a>' in note
    assert "<em>early</em>" in note and "<li>8 schools completed</li>" in note
    assert "&lt;script&gt;" in note and "<script" not in html.replace('<script src=', '')
    assert not any(href.lower().startswith(("javascript", "data", "mailto", "//")) for href in links_of(html).hrefs)


def test_a_progress_note_and_a_translation_are_shown_as_markdown(edited_site):
    html = (edited_site / "en" / "commitments" / CID / "index.html").read_text(encoding="utf-8")
    assert '<h1 class="commitment-text">We will complete <em>20 schools</em> and start building 6 more ' \
           '(<a href="https://example.gov.cn/plan.html">plan</a>).' in html
    assert "8 schools <em>completed</em>: <a href=\"https://example.gov.cn/n.html\">notice</a> &lt;script&gt;x()" in html
    assert "<title>We will complete 20 schools and start building" in html  # the title is plain text
    zh = (edited_site / "zh" / "commitments" / CID / "index.html").read_text(encoding="utf-8")
    assert '已竣工学校8所，见<a href="https://example.gov.cn/n.html">通知</a>。' in zh


def test_feeds_and_open_data_carry_plain_text(edited_site):
    feed = ET.parse(edited_site / "en" / "feeds" / "all.xml").getroot()
    entry = next(e for e in feed.iter("{http://www.w3.org/2005/Atom}entry")
                 if e.find("{http://www.w3.org/2005/Atom}id").text.endswith(f"/{CID}/"))
    summary = entry.find("{http://www.w3.org/2005/Atom}summary").text
    assert summary == ("In progress: We will complete 20 schools and start building 6 more "
                       "(plan (https://example.gov.cn/plan.html)). We will keep upgrading schools for the children "
                       "of new residents (people who have moved to Changshu from other parts of China). We will work "
                       "faster to make good-quality education available evenly across the city.")
    records = json.loads((edited_site / "data" / "commitments.json").read_text(encoding="utf-8"))["commitments"]
    record = next(r for r in records if r["id"] == CID)
    assert record["text"]["en"].startswith("We will complete 20 schools and start building 6 more (plan (https://")
    assert record["updates"][0]["note"]["en"] == "8 schools completed: notice (https://example.gov.cn/n.html) <script>x()</script>"
    csv = (edited_site / "data" / "commitments.csv").read_text(encoding="utf-8")
    assert "*20 schools*" not in csv and "<em>" not in csv


def test_the_translation_inside_other_links_is_no_link(edited_site):
    """A commitment is a link on the report page and on topic pages: the editor's link in
    its body stays words there."""
    for page in EDITED_PAGES:
        html = (edited_site / page).read_text(encoding="utf-8")
        assert not links_of(html).nested, page
    report = (edited_site / "en" / "report" / "index.html").read_text(encoding="utf-8")
    assert "We will complete <em>20 schools</em> and start building 6 more (plan)." in report


def test_no_built_page_has_a_link_in_a_link_or_a_term_inside_a_word(built_site):
    """Every page of the bundled report; on English pages a glossary link is a whole word."""
    term_in_word = re.compile(r'\w<a class="term"[^>]*>[^<]*</a>|<a class="term"[^>]*>[^<]*</a>\w')
    english = 0
    for path in built_site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert not links_of(html).nested, path
        if path.relative_to(built_site).parts[0] == "en":
            english += 1
            assert not term_in_word.search(html), (path, term_in_word.search(html).group(0))
    assert english > 100
    page = (built_site / "en" / "commitments" / "2021-changshu-2-3-3" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'\d <a class="term" href="[^"]*#term-mu">mu</a> ', page)  # whole words still linked
