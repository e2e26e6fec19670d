"""The parser on the bundled report and on small reports written to show one rule each."""
from pathlib import Path

import pytest

from commitments.errors import ContentError
from commitments.parse import chinese_number, parse_report, split_sentences

from .conftest import BUNDLED, SHARED


def test_sections_and_items_of_the_bundled_report(report):
    outline = {s.number: [i.number for i in s.items] for s in report.sections}
    assert outline == {2: [3], 3: [1, 2, 3], 4: [1, 2, 3], 5: [1, 2, 3], 6: [1, 2, 3], 7: [1, 2, 3]}


def test_section_headings_and_introductions(report):
    headings = {s.number: s.heading.text if s.heading else None for s in report.sections}
    assert headings[2] is None  # its heading is on page 1, which we do not have
    assert headings[3] == "紧扣城乡统筹,以功能品质提升促城市能级跃升"
    assert headings[7] == "紧扣作风效能,以自身建设提效促政府履职高效"
    assert all(len(s.intro) == 1 for s in report.sections if s.heading)
    assert report.sections[1].intro[0].text.startswith("坚持更新与建新并重")


def test_item_titles_are_first_sentences(report):
    titles = [i.title.text for s in report.sections for i in s.items]
    assert titles[:3] == ["加速营商环境优化。", "优化城市功能。", "深化精细管理。"]
    assert len(titles) == 16


def test_sentence_count(report):
    assert sum(len(i.sentences) for s in report.sections for i in s.items) == 96
    assert len(list(report.sentences())) == 124


def test_closing_address(report):
    assert [s.text[:4] for s in report.closing] == ["各位代表", "让我们紧"]


def test_page_furniture_is_not_content(report):
    assert report.furniture == (
        "2021年常熟市政府工作报告(第2/2页)",
        "上一篇:2021年诸暨市政府工作报告",
        "下一篇:2021年郎溪县政府工作报告",
    )
    text = "".join(s.text for s in report.sentences())
    assert "上一篇" not in text and "下一篇" not in text and "第2/2页" not in text


def test_report_text_is_kept_unchanged():
    published = SHARED / "reports" / "2021-changshu-page2.txt"
    if not published.exists():
        pytest.skip("../shared is not beside the project")
    assert (BUNDLED / "report.txt").read_bytes() == published.read_bytes()


def test_ascii_and_full_width_punctuation(report_meta):
    text = ("一、总体要求\n坚持稳中求进。\n1.第一项。做好甲，推进乙。完成丙!\n"
            "2．第二项。“建设”丁；推进戊？\n各位代表，谢谢！\n")
    report = parse_report(text, report_meta)
    items = report.sections[0].items
    assert [s.text for s in items[0].sentences] == ["做好甲，推进乙。", "完成丙!"]
    assert [s.text for s in items[1].sentences] == ["“建设”丁；推进戊？"]
    assert report.closing[0].text == "各位代表，谢谢！"


def test_closing_quote_stays_with_its_sentence():
    assert split_sentences("他说“好。”然后走了。") == ["他说“好。”", "然后走了。"]


@pytest.mark.parametrize("numeral, value", [("一", 1), ("七", 7), ("十", 10), ("十二", 12), ("二十三", 23)])
def test_chinese_numbers(numeral, value):
    assert chinese_number(numeral) == value


@pytest.mark.parametrize("text, message", [
    ("", "the report is empty"),
    ("这是一段没有任何标题的文字。\n还有一段。\n", "text before the first section"),
    ("1.只有编号项。推进工作。\n", "no recognisable section"),
    ("三、第三部分\n1.甲。乙。\n二、第二部分\n", "sections must be numbered in order"),
])
def test_reports_without_structure_are_refused(text, message, report_meta):
    with pytest.raises(ContentError, match=message) as error:
        parse_report(text, report_meta, Path("bad.txt"))
    assert str(error.value).startswith("bad.txt")
    assert "\n" not in str(error.value)
