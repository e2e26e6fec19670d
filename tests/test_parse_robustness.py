"""The parser on small made-up reports, each damaged the way real copies are.

Most tests take one clean report (REPORT) and spoil it one way — page furniture
around it, broken lines, another numbering style — then check that it reads the
same as the clean one: same sentences with the same anchors, furniture set aside.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from commitments.parse.decode import decode_report, read_report_text
from commitments.parse.detect import detect_meta
from commitments.errors import ContentError
from commitments.extract import extract_commitments
from commitments.inspect import main as inspect_main
from commitments.inspect import outline
from commitments.inspect import read as inspect_read
from commitments.model import ReportMeta
from commitments.parse import parse_report
from commitments.topics import load_topics

from .conftest import BUNDLED, CONTENT, ROOT

META = ReportMeta(slug="2024-qingshan", place={"zh": "青山市", "en": "Qingshan"}, year=2024,
                  title={}, source_url="", source_site={}, page={})

MASTHEAD = """政府工作报告
——2024年1月20日在青山市第五届人民代表大会第三次会议上
青山市市长 张明
"""
BODY = """各位代表：
现在，我代表市人民政府，向大会报告工作，请予审议。
一、2023年工作回顾
过去一年，我们攻坚克难，经济稳中有进。
（一）经济运行稳中向好。地区生产总值增长6%。
（二）民生持续改善。新增就业1万人。
二、2024年重点工作
今年要坚持稳中求进，重点做好以下工作。
（一）扩大有效投资。实施重点项目100个，完成投资50亿元。开工建设学校5所。
（二）推进城市更新。改造老旧小区20个。
各位代表，让我们团结奋斗，为建设美好青山而努力奋斗！
"""
REPORT = MASTHEAD + BODY


def parse(text: str, path: str = "report.txt"):
    return parse_report(text, META, Path(path))


def sentences(report):
    return [(s.anchor, s.text) for s in report.sentences()]


CLEAN = parse(REPORT)
CLEAN_SENTENCES = sentences(CLEAN)


def reads_like_the_clean_report(report) -> None:
    assert sentences(report) == CLEAN_SENTENCES
    assert [s.part for s in report.sections] == ["review", "plan"]


# ---------------------------------------------------------------- the clean report


def test_the_clean_report():
    report = CLEAN
    assert report.masthead == ("政府工作报告", "——2024年1月20日在青山市第五届人民代表大会第三次会议上",
                               "青山市市长 张明")
    assert [s.text for s in report.opening] == ["各位代表：", "现在，我代表市人民政府，向大会报告工作，请予审议。"]
    review, plan = report.sections
    assert (review.number, review.heading.text, review.part) == (1, "2023年工作回顾", "review")
    assert (plan.number, plan.heading.text, plan.part) == (2, "2024年重点工作", "plan")
    assert [i.title.text for i in plan.items] == ["扩大有效投资。", "推进城市更新。"]
    assert [s.anchor for s in plan.items[0].sentences] == ["s2-i1-1", "s2-i1-2"]
    assert [s.text for s in report.closing] == ["各位代表，让我们团结奋斗，为建设美好青山而努力奋斗！"]
    assert report.furniture == ()


def test_only_the_plan_commits():
    found = extract_commitments(CLEAN, load_topics(CONTENT / "topics.yaml"))
    assert [c.id for c in found] == ["2024-qingshan-2-1-1", "2024-qingshan-2-1-2", "2024-qingshan-2-2-1"]
    assert found[0].targets[0].amount == 100


# ---------------------------------------------------------------- page furniture


@pytest.mark.parametrize("before, after, furniture", [
    ("标题：2024年青山市政府工作报告\n来源URL：http://www.example.gov.cn/a.html\n正文：\n", "",
     ["标题：2024年青山市政府工作报告", "来源URL：http://www.example.gov.cn/a.html", "正文："]),
    ("下载\n打印\n全屏\n【字号：\n加大\n还原\n减小\n】\n", "", ["下载", "打印", "全屏", "【字号：", "】"]),
    ("【字号：大 中 小】 【打印】 【关闭】\n", "", ["【字号：大 中 小】 【打印】 【关闭】"]),
    ("时间：2024-02-01 作者：办公室 来源：青山日报 阅读：\n661\n评论：\n0\n", "", ["661", "评论：", "0"]),
    ("", "（责任编辑：李四）\n", ["（责任编辑：李四）"]),
    ("", "相关报道：\n2023年青山市政府工作报告\n2022年青山市政府工作报告\n",
     ["相关报道：", "2023年青山市政府工作报告"]),
    ("", "分享到：\nQQ空间\n新浪微博\n", ["分享到：", "QQ空间", "新浪微博"]),
    ("", "上一篇：\n2023年青山市政府工作报告\n下一篇：\n2024年白水县政府工作报告\n",
     ["上一篇：", "2023年青山市政府工作报告", "下一篇：", "2024年白水县政府工作报告"]),
    ("", "上一篇:2023年青山市政府工作报告\n下一篇:2024年白水县政府工作报告\n",
     ["上一篇:2023年青山市政府工作报告"]),
    # Titles of other reports after the closing, with nothing to announce them.
    ("", "2023年青山市政府工作报告\n2022年白水县政府工作报告\n", ["2022年白水县政府工作报告"]),
    # The report's title repeated at the end of the page.
    ("", "2024年青山市政府工作报告\n", ["2024年青山市政府工作报告"]),
    # A scraper's summary that repeats the opening, and the page's own title above the masthead.
    ("工作报告\n2024年青山市政府工作报告\n内容摘要：\n政府工作报告——2024年1月20日在青山市第五届人民代表大会"
     "第三次会议上各位代表：现在，我代表市人民政府，向大会报告工作......\n", "",
     ["工作报告", "2024年青山市政府工作报告", "内容摘要："]),
    ("2024年青山市政府工作报告(第1/1页)\n", "", ["2024年青山市政府工作报告(第1/1页)"]),
    ("张明作政府工作报告。青山日报记者 王强 摄\n", "", ["张明作政府工作报告。青山日报记者 王强 摄"]),
    ("", "本作品是公有领域作品。\nPublic domain\nfalse\n", ["本作品是公有领域作品。", "Public domain", "false"]),
])
def test_page_furniture_is_set_aside(before, after, furniture):
    report = parse(before + REPORT + after)
    reads_like_the_clean_report(report)
    assert [line for line in furniture if line not in report.furniture] == []


def test_a_summary_block_is_furniture_whole():
    text = "内容摘要：\n各位代表：现在，我代表市人民政府，向大会报告工作......\n" + REPORT
    report = parse(text)
    reads_like_the_clean_report(report)
    assert "各位代表：现在，我代表市人民政府，向大会报告工作......" in report.furniture


def test_a_watermark_glued_to_the_last_line_is_cut():
    report = parse(REPORT.rstrip("\n") + "    搜索青 山 资 料 网\n")
    reads_like_the_clean_report(report)
    assert report.furniture == ("搜索青 山 资 料 网",)


def test_a_watermark_line_between_paragraphs_is_furniture():
    text = REPORT.replace("二、2024年重点工作", "青 山 资 料 网\n二、2024年重点工作")
    report = parse(text)
    reads_like_the_clean_report(report)
    assert report.furniture == ("青 山 资 料 网",)


def test_a_web_link_is_furniture():
    report = parse(REPORT + "http://www.example.com/report/2024.html\n")
    reads_like_the_clean_report(report)


def test_the_title_repeated_after_a_report_without_a_closing_address():
    text = REPORT.replace("各位代表，让我们团结奋斗，为建设美好青山而努力奋斗！\n", "2024年青山市政府工作报告\n")
    report = parse(text)
    assert report.furniture == ("2024年青山市政府工作报告",)
    assert report.closing == ()


def test_page_numbers_of_a_printed_copy_are_furniture():
    text = REPORT.replace("二、2024年重点工作", "— 2 —\n第 3 页\n二、2024年重点工作")
    report = parse(text)
    reads_like_the_clean_report(report)
    assert report.furniture == ("— 2 —", "第 3 页")


def test_a_pages_timestamp_and_source_on_lines_of_their_own_are_furniture():
    page = "2026年02月10日 07时41分\n来源:\n青山日报\n"
    report = parse(page + REPORT)
    assert report.furniture == ("2026年02月10日 07时41分", "来源:", "青山日报")
    assert detect_meta(page + REPORT)["date"] == "2024-01-20"  # the day of the session, not the page's


# ---------------------------------------------------------------- characters and line breaks


@pytest.mark.parametrize("spoil", [
    lambda t: t.replace("\n", "\r\n"),  # CRLF
    lambda t: t.replace("\n", "\\r\\n"),  # one physical line, breaks written as the letters \r\n
    lambda t: t.replace("\n", "\\n"),
    lambda t: t.replace("\n", "\n\u3000\u3000"),  # ideographic-space indents
    lambda t: t.replace("\n", "\n&nbsp;\n"),  # &nbsp; lines between paragraphs
    lambda t: t.replace("\n", "\n\n\n"),  # runs of blank lines
    lambda t: "\ufeff" + t,  # a byte-order mark
    lambda t: t.replace("政府工作报告", "政 府 工 作 报 告"),  # spaced-out title
    lambda t: t.replace("政府工作报告", "政府工作报\n告"),  # title broken over lines
    lambda t: t.replace("青山市市长 张明", "青山市市长\n\u3000张明"),  # speaker's name on its own line
    lambda t: t.replace("人民代表大会第三次", "人民代表大会\n第三次"),  # date line broken
    lambda t: t.replace("——2024年", "--2024年"),
    lambda t: t.replace("——2024年", "――2024年"),
    lambda t: "<html><body>" + "".join(f"<p>{line}</p>" for line in t.splitlines()) + "</body></html>",
    lambda t: t.replace("\n", "<br/>"),
])
def test_text_damaged_in_transit_reads_the_same(spoil):
    reads_like_the_clean_report(parse(spoil(REPORT)))


@pytest.mark.parametrize("broken", [
    "实施重点项目100个，完成投资\n50亿元。",  # hard break mid-sentence
    "实施重点项目100个，完成投资\n\u200b\n50亿元。",  # a page-break line of zero-width spaces
    "实施重点项目100个，完成投资\u200b\n50亿元。",
    "实施重点项目100个，完成\n投资50亿元。",
    "实施重点项目100个，完成投资50亿\n元。",
    "实施重点项目100个\n，完成投资50亿元。",  # the next line starts with a comma
    "实施重点项目100个，完成投资</p><p>50亿元。",  # an HTML fragment
])
def test_lines_broken_mid_sentence_are_joined(broken):
    text = REPORT.replace("实施重点项目100个，完成投资50亿元。", broken)
    if "<p>" in broken:
        text = "<p>" + text.replace("\n", "</p><p>") + "</p>"
    reads_like_the_clean_report(parse(text))


def test_a_page_break_joins_even_a_short_unfinished_line():
    text = REPORT.replace("今年要坚持稳中求进，重点做好以下工作。", "今年要坚持\n\u200b\n稳中求进，重点做好以下工作。")
    reads_like_the_clean_report(parse(text))


def test_a_hard_wrapped_report_reads_the_same():
    text = (BUNDLED / "report.txt").read_text(encoding="utf-8")
    meta = ReportMeta("x", {}, 2021, {}, "", {}, {})
    clean = parse_report(text, meta)
    for width in (17, 24, 33, 41):
        wrapped = "\n".join(line[i:i + width] for line in text.splitlines()[1:-2]
                            for i in range(0, len(line), width))
        assert sentences(parse_report(wrapped, meta)) == sentences(clean), width


def test_latin_letters_broken_over_lines_are_joined():
    text = REPORT.replace("开工建设学校5所。", "PM\n2.5\n年平均浓度下降5%。")
    report = parse(text)
    assert report.sections[1].items[0].sentences[-1].text == "PM2.5年平均浓度下降5%。"


@pytest.mark.parametrize("mark", ["[1]", " [2]", "^[3]", "［4］", "【5】"])
def test_footnote_marks_are_removed(mark):
    text = REPORT.replace("完成投资50亿元。", f"完成投资50亿元{mark}。")
    reads_like_the_clean_report(parse(text))


def test_question_marks_standing_for_lost_characters_are_removed():
    text = REPORT.replace("青山市市长 张明", "青山市市长?? 张明")
    assert parse(text).masthead[-1] == "青山市市长 张明"


def test_a_few_unreadable_characters_are_kept_and_noted():
    report = parse(REPORT.replace("改造老旧小区20个", "改造老\ufffd小区20个"))
    assert report.sections[1].items[1].sentences[0].text == "改造老\ufffd小区20个。"
    assert report.notes == ("line 13: 1 unreadable character(s) (U+FFFD) kept as they are",)


# ---------------------------------------------------------------- headings and items


@pytest.mark.parametrize("first, second", [
    ("(一)", "(二)"), ("1.", "2."), ("1、", "2、"), ("1．", "2．"), ("（1）", "（2）"), ("①", "②"),
    ("一是", "二是"), ("——", "——"),
])
def test_every_item_numbering_style(first, second):
    text = REPORT.replace("（一）", first).replace("（二）", second)
    reads_like_the_clean_report(parse(text))


def test_run_in_headings_on_their_own_line():
    text = REPORT.replace("（一）扩大有效投资。", "（一）扩大有效投资\n").replace("（二）推进城市更新。", "（二）推进城市更新\n")
    plan = parse(text).sections[1]
    assert [i.title.text for i in plan.items] == ["扩大有效投资", "推进城市更新"]
    assert [s.text for s in plan.items[0].sentences] == ["实施重点项目100个，完成投资50亿元。", "开工建设学校5所。"]


def test_paragraphs_under_a_sub_heading_are_its_sentences():
    text = REPORT.replace("（一）扩大有效投资。实施重点项目100个，完成投资50亿元。开工建设学校5所。",
                          "（一）扩大有效投资\n稳定投资。实施重点项目100个。\n促进消费。开展促消费活动10场。")
    item = parse(text).sections[1].items[0]
    assert item.title.text == "扩大有效投资"
    assert [s.text for s in item.sentences] == ["稳定投资。", "实施重点项目100个。", "促进消费。", "开展促消费活动10场。"]


def test_three_levels_make_the_middle_one_the_items():
    text = REPORT.replace("（一）扩大有效投资。实施重点项目100个，完成投资50亿元。开工建设学校5所。",
                          "（一）扩大有效投资\n1.稳定投资。实施重点项目100个。\n2.促进消费。开展促消费活动10场。")
    plan = parse(text).sections[1]
    assert [i.number for i in plan.items] == [1, 2]
    assert [s.text for s in plan.items[0].sentences] == ["1.稳定投资。", "实施重点项目100个。", "2.促进消费。",
                                                         "开展促消费活动10场。"]


def test_bullets_are_items_with_their_paragraphs_and_another_period_starts_another_list():
    text = REPORT.replace("（一）经济运行稳中向好。地区生产总值增长6%。\n（二）民生持续改善。新增就业1万人。",
                          "——经济运行稳中向好。地区生产总值增长6%。\n工业增加值增长8%。\n"
                          "——民生持续改善。新增就业1万人。\n一年来的成绩来之不易。\n"
                          "五年来，我们砥砺奋进。生产总值翻了一番。")
    review = parse(text).sections[0]
    assert [i.number for i in review.items] == [1, 2, 3]
    assert review.items[0].sentences[-1].text == "工业增加值增长8%。"  # the bullet's own paragraph
    assert review.items[1].sentences[-1].text == "一年来的成绩来之不易。"  # the same year
    assert review.items[2].title.text == "五年来，我们砥砺奋进。"  # another period


def test_an_address_to_the_deputies_leads_a_new_list_of_items():
    text = REPORT.replace("新增就业1万人。", "新增就业1万人。\n各位代表！成绩来之不易。\n我们也清醒看到困难。")
    report = parse(text)
    items = report.sections[0].items
    assert report.sections[0].items[1].sentences[-1].text == "新增就业1万人。"
    assert [s.text for s in items[2].lead] == ["各位代表！"]
    assert [(i.number, i.title.text, i.titled) for i in items[2:]] == [
        (3, "成绩来之不易。", False), (4, "我们也清醒看到困难。", False)]
    new = {"各位代表！", "成绩来之不易。", "我们也清醒看到困难。"}
    assert [a for a in sentences(report) if a[1] not in new] == CLEAN_SENTENCES


def test_plan_text_after_the_last_item_is_plan_and_only_the_final_address_closes():
    text = REPORT.replace("各位代表，让我们", "各位代表！\n我们要加强国防教育，支持国防建设。\n"
                                              "各位代表！\n我们要坚持依法行政。建设法治政府。\n各位代表，让我们")
    report = parse(text)
    plan = report.sections[-1]
    assert [([s.text for s in i.lead], i.title.text, i.titled) for i in plan.items[-2:]] == [
        (["各位代表！"], "我们要加强国防教育，支持国防建设。", False), (["各位代表！"], "我们要坚持依法行政。", False)]
    assert [s.text for s in report.closing] == ["各位代表，让我们团结奋斗，为建设美好青山而努力奋斗！"]


@pytest.mark.parametrize("lead", ["今年将继续办好十件民生实事：", "各位代表！今年我们要继续办好民生实事。"])
def test_a_list_of_projects_between_plan_items_is_a_list_of_its_own(lead):
    text = REPORT.replace("（二）推进城市更新。", f"{lead}\n1.教育方面。新建幼儿园10所。\n"
                                                   "2.养老方面。新建养老院3所。\n（二）推进城市更新。")
    plan = parse(text).sections[1]
    assert [(i.number, i.title.text) for i in plan.items] == [
        (1, "扩大有效投资。"), (3, "教育方面。"), (4, "养老方面。"), (2, "推进城市更新。")]
    assert plan.items[0].sentences[-1].text == "开工建设学校5所。"  # nothing of the list in （一）
    assert "".join(s.text for s in plan.items[1].lead) == lead
    ids = [c.id for c in extract_commitments(parse(text), load_topics(CONTENT / "topics.yaml"))]
    assert "2024-qingshan-2-3-1" in ids and "2024-qingshan-2-2-1" in ids


def test_a_numbered_item_that_opens_with_a_figure_has_no_heading():
    text = REPORT.replace("（二）推进城市更新。改造老旧小区20个。", "（二）改造老旧小区20个。增设电梯100部。")
    plan = parse(text).sections[1]
    assert [(i.title.text, i.titled) for i in plan.items] == [("扩大有效投资。", True), ("改造老旧小区20个。", False)]
    found = extract_commitments(parse(text), load_topics(CONTENT / "topics.yaml"))
    assert [c.text for c in found if c.item == 2] == ["改造老旧小区20个。", "增设电梯100部。"]


def test_sub_items_announced_inside_an_item_stay_in_it():
    text = REPORT.replace("（一）扩大有效投资。实施重点项目100个，完成投资50亿元。开工建设学校5所。",
                          "（一）扩大有效投资。重点抓好以下工作：\n1.稳定投资。实施重点项目100个。\n2.促进消费。开展活动10场。")
    plan = parse(text).sections[1]
    assert [i.number for i in plan.items] == [1, 2]
    assert plan.items[0].sentences[-1].text == "开展活动10场。"


def test_a_review_of_five_years_by_fields_before_the_years_list_is_items():
    text = REPORT.replace("过去一年，我们攻坚克难，经济稳中有进。\n",
                          "过去五年极不寻常。\n综合实力稳步提升。生产总值增长6%。\n产业转型提质增效。新兴产业占比25%。\n"
                          "生态环境持续改善。水质达标。\n刚刚过去的一年很不平凡。一年来，主要做了以下工作。\n")
    review = parse(text).sections[0]
    assert [s.text for s in review.intro] == ["过去五年极不寻常。"]
    assert [(i.number, i.title.text) for i in review.items] == [
        (3, "综合实力稳步提升。"), (4, "产业转型提质增效。"), (5, "生态环境持续改善。"),
        (1, "经济运行稳中向好。"), (2, "民生持续改善。")]
    assert [s.text for s in review.items[3].lead] == ["刚刚过去的一年很不平凡。", "一年来，主要做了以下工作。"]


def test_paragraphs_under_a_heading_line_go_with_it():
    text = REPORT.replace("（一）扩大有效投资。实施重点项目100个，完成投资50亿元。开工建设学校5所。\n（二）推进城市更新。改造老旧小区20个。",
                          "加快推进农业现代化。\n今年粮食产量要稳定在5.5亿吨以上，保障粮食安全和主要农产品供给。\n"
                          "新农村建设要惠及广大农民，今年再解决6000万农村人口饮水安全问题。\n"
                          "推进新型城镇化。\n今年要完成棚户区改造580万套，增加城镇基础设施和公共服务设施。")
    plan = parse(text).sections[1]
    assert [(i.title.text, i.titled, len(i.sentences)) for i in plan.items] == [
        ("加快推进农业现代化。", True, 2), ("推进新型城镇化。", True, 1)]


def test_a_heading_glued_to_the_end_of_the_paragraph_before_goes_with_its_own():
    text = REPORT.replace("（一）扩大有效投资。实施重点项目100个，完成投资50亿元。开工建设学校5所。\n（二）推进城市更新。改造老旧小区20个。",
                          "扩大有效投资。实施重点项目100个，完成投资50亿元。推进城市更新。\n"
                          "改造老旧小区20个，增设电梯100部。\n优化营商环境。深化放管服改革，推行一网通办。")
    plan = parse(text).sections[1]
    assert [(i.title.text, i.titled, [s.text for s in i.sentences]) for i in plan.items] == [
        ("扩大有效投资。", True, ["实施重点项目100个，完成投资50亿元。"]),
        ("推进城市更新。", True, ["改造老旧小区20个，增设电梯100部。"]),
        ("优化营商环境。", True, ["深化放管服改革，推行一网通办。"])]


def test_what_follows_the_last_item_and_is_not_like_its_text_is_items_of_its_own():
    topics = "\n".join(f"推进{field}工作。完成任务{n}项。" for n, field in enumerate("甲乙", 1))
    items = "".join(f"（{numeral}）抓好领域{n}\n{topics}\n" for n, numeral in enumerate("一二三", 1))
    text = REPORT.replace("（一）扩大有效投资。实施重点项目100个，完成投资50亿元。开工建设学校5所。\n（二）推进城市更新。改造老旧小区20个。\n",
                          items + "大力支持国防和军队现代化建设，深化全民国防教育。\n"
                                  "铸牢中华民族共同体意识，促进民族团结进步。\n")
    plan = parse(text).sections[1]
    assert [(i.number, i.title.text) for i in plan.items][-3:] == [
        (3, "抓好领域3"), (4, "大力支持国防和军队现代化建设，深化全民国防教育。"), (5, "铸牢中华民族共同体意识，促进民族团结进步。")]
    assert len(plan.items[2].sentences) == 4  # its own two headed paragraphs


def test_a_plan_sections_first_paragraph_that_says_what_will_be_done():
    text = REPORT.replace("（一）扩大有效投资。实施重点项目100个，完成投资50亿元。开工建设学校5所。\n（二）推进城市更新。改造老旧小区20个。\n",
                          "").replace("今年要坚持稳中求进，重点做好以下工作。",
                                      "新使命对政府建设提出了更高要求。我们要坚决做到对党忠诚。坚决做到依法行政。")
    plan = parse(text).sections[1]
    assert [s.text for s in plan.intro] == ["新使命对政府建设提出了更高要求。"]
    assert [s.text for s in plan.items[0].paragraph] == ["我们要坚决做到对党忠诚。", "坚决做到依法行政。"]


@pytest.mark.parametrize("first, second", [("第一，扩大有效投资。", "第二，推进城市更新。"),
                                           ("一要扩大有效投资。", "二要推进城市更新。")])
def test_other_run_in_enumerations(first, second):
    text = REPORT.replace("（一）扩大有效投资。", first).replace("（二）推进城市更新。", second)
    plan = parse(text).sections[1]
    assert [(i.number, i.title.text) for i in plan.items] == [(1, "扩大有效投资。"), (2, "推进城市更新。")]


def test_a_paragraph_that_opens_with_the_year_stays_in_its_item():
    text = REPORT.replace("（二）推进城市更新。改造老旧小区20个。",
                          "（二）推进城市更新。改造老旧小区20个。\n一年来，我们改造了老旧小区。新的一年，要加快改造。")
    plan = parse(text).sections[1]
    assert [i.number for i in plan.items] == [1, 2]
    found = extract_commitments(parse(text), load_topics(CONTENT / "topics.yaml"))
    assert "新的一年，要加快改造。" in [c.text for c in found]


def test_a_closing_address_without_the_salutation():
    text = REPORT.replace("各位代表，让我们", "让我们")
    report = parse(text)
    assert [s.text for s in report.closing] == ["让我们团结奋斗，为建设美好青山而努力奋斗！"]


@pytest.mark.parametrize("heading, first, part", [
    ("一、2023年工作情况", "过去一年，经济稳中有进。", "review"),  # by its year, before the report's
    ("一、砥砺奋进的一年", "2023年，全市上下团结奋斗。", "review"),  # by the year its text starts with
    ("一、砥砺奋进的一年", "过去一年，经济稳中有进。", "review"),
    ("一、过去五年工作回顾和今后五年目标任务", "过去五年，经济稳中有进。", "plan"),  # named last
    ("一、重点工作完成情况", "今年，经济稳中有进。", "review"),
    ("一、总体要求", "今年，坚持稳中求进。", "plan"),
    # headings that say it only by their five-year plan, or not at all
    ("一、一鼓作气勇争先，全力推动“十五五”开好局", "坚持稳中求进。", "plan"),
    ("一、砥砺奋进谱新篇", "“十三五”时期是极不平凡的五年。", "review"),
    ("一、一张蓝图绘到底", "2024年是关键之年。", "plan"),
    ("一、一以贯之转作风", "作风建设永远在路上，我们将继续加强政府自身建设。", "plan"),
])
def test_the_part_a_section_belongs_to(heading, first, part):
    text = REPORT.replace("一、2023年工作回顾\n过去一年，我们攻坚克难，经济稳中有进。", f"{heading}\n{first}")
    assert parse(text).sections[0].part == part


def test_the_bundled_report_is_all_plan_with_nothing_new(report):
    assert {s.part for s in report.sections} == {"plan"}
    assert (report.opening, report.masthead, report.glossary, report.notes) == ((), (), (), ())
    assert all(s.appendix is None for s in report.sections)
    assert all(i.titled and not i.lead for s in report.sections for i in s.items)


def test_a_report_flattened_into_one_line():
    long_intro = "今年要坚持稳中求进，重点做好以下工作。" + "坚持高质量发展。" * 300
    report = parse(REPORT.replace("今年要坚持稳中求进，重点做好以下工作。", long_intro).replace("\n", ""))
    assert [i.title.text for i in report.sections[1].items] == ["扩大有效投资。", "推进城市更新。"]
    assert report.closing[0].text.startswith("各位代表")


def test_unnumbered_section_titles():
    text = REPORT.replace("一、2023年工作回顾", "2023年工作回顾").replace("二、2024年重点工作", "2024年重点工作")
    reads_like_the_clean_report(parse(text))


def test_sections_of_paragraphs_without_markers():
    text = REPORT.replace("（一）扩大有效投资。", "扩大有效投资。").replace("（二）推进城市更新。", "推进城市更新。")
    plan = parse(text).sections[1]
    assert [i.title.text for i in plan.items] == ["扩大有效投资。", "推进城市更新。"]
    assert plan.intro[0].text == "今年要坚持稳中求进，重点做好以下工作。"


def test_items_before_the_first_heading_belong_to_a_section_on_an_earlier_page():
    report = parse("3.优化环境。推进改革。\n三、加强建设\n坚持实干。\n1.强化法治。依法行政。\n")
    assert [(s.number, s.heading) for s in report.sections][0] == (2, None)
    assert report.sections[0].items[0].sentences[0].anchor == "s2-i3-1"


def test_item_numbering_that_restarts_is_numbered_on():
    text = REPORT.replace("（二）推进城市更新。改造老旧小区20个。", "（二）推进城市更新。改造老旧小区20个。\n（一）加强治理。建设平安青山。")
    plan = parse(text).sections[1]
    assert [i.number for i in plan.items] == [1, 2, 3]
    assert parse(text).notes == ("line 14: item 1 in section 2 comes after item 2; numbered 3 here",)


def test_section_numbering_that_restarts_in_the_body_is_numbered_on():
    text = REPORT.replace("各位代表，让我们", "一、加强政府自身建设\n坚持依法行政，建设法治政府。\n各位代表，让我们")
    report = parse(text)
    assert [s.number for s in report.sections] == [1, 2, 3]
    assert report.sections[2].heading.text == "加强政府自身建设"
    assert report.notes == ("line 14: section numbering starts again at 一、; numbered 3 here",)


TWO_PARTS = MASTHEAD + """各位代表：
现在，我代表市人民政府，向大会报告工作，请予审议。
2023年工作回顾
过去一年，我们攻坚克难，经济稳中有进。
一、经济运行稳中向好
地区生产总值增长6%。工业增加值增长8%。
二、重点任务圆满完成
新增就业1万人。
各位代表！成绩来之不易。
2024年工作安排
今年经济社会发展主要预期目标是：地区生产总值增长6%左右，城镇新增就业1万人以上。
一、扩大有效投资
实施重点项目100个。开工建设学校5所。
二、推进城市更新
改造老旧小区20个。增设电梯100部。
各位代表，让我们团结奋斗，为建设美好青山而努力奋斗！
"""


def test_unnumbered_part_titles_over_sections_numbered_again():
    report = parse(TWO_PARTS)
    assert [(s.number, s.heading.text, s.part) for s in report.sections] == [
        (1, "2023年工作回顾", "review"), (2, "经济运行稳中向好", "review"), (3, "重点任务圆满完成", "review"),
        (4, "2024年工作安排", "plan"), (5, "扩大有效投资", "plan"), (6, "推进城市更新", "plan")]
    assert report.notes == ()
    # The part's title and its targets paragraph are kept; the targets are a commitment.
    assert report.sections[3].intro[0].text.startswith("今年经济社会发展主要预期目标是")
    found = extract_commitments(report, load_topics(CONTENT / "topics.yaml"))
    assert [c.id for c in found if c.headline] == ["2024-qingshan-4-0-1"]
    assert [s.text for s in report.opening][-1] == "现在，我代表市人民政府，向大会报告工作，请予审议。"
    assert report.closing[0].text.startswith("各位代表，让我们")


def test_unnumbered_parts_before_the_first_numbered_section():
    # The review has no numbered sections; the plan's part title stands over 一、二、
    text = TWO_PARTS.replace("一、经济运行稳中向好\n地区生产总值增长6%。工业增加值增长8%。\n二、重点任务圆满完成\n新增就业1万人。\n",
                             "——经济运行稳中向好。地区生产总值增长6%。\n——民生持续改善。新增就业1万人。\n")
    report = parse(text)
    assert [(s.number, s.heading.text, s.part, len(s.items)) for s in report.sections] == [
        (1, "2023年工作回顾", "review", 3), (2, "2024年工作安排", "plan", 0),
        (3, "扩大有效投资", "plan", 1), (4, "推进城市更新", "plan", 1)]
    found = extract_commitments(report, load_topics(CONTENT / "topics.yaml"))
    assert [c.id for c in found if c.headline] == ["2024-qingshan-2-0-1"]


# ---------------------------------------------------------------- appendices


LIST = """附件1
2024年十件民生实事
一、提高城乡低保标准。城市低保标准提高5%。
二、新建公办幼儿园。新建幼儿园10所，新增学位3000个。
"""
GLOSSARY = """附件2
名词解释
1.“四上”企业：
达到一定规模的法人单位的习惯称谓。
2.“双碳”：碳达峰与碳中和的简称。包括：两个目标。
"""


def test_an_appendix_list_is_its_own_part_numbered_after_the_body():
    report = parse(REPORT + LIST)
    assert sentences(report)[: len(CLEAN_SENTENCES)] == CLEAN_SENTENCES  # the body keeps its anchors
    appendix = report.sections[-1]
    assert (appendix.number, appendix.part, appendix.appendix) == (3, "appendix", "附件1 2024年十件民生实事")
    assert appendix.heading.text == "2024年十件民生实事"
    assert [i.title.text for i in appendix.items] == ["提高城乡低保标准。", "新建公办幼儿园。"]
    ids = [c.id for c in extract_commitments(report, load_topics(CONTENT / "topics.yaml"))]
    assert ids[-2:] == ["2024-qingshan-3-1-1", "2024-qingshan-3-2-1"]
    assert len(ids) == len(set(ids))


def test_a_glossary_is_entries_not_commitments():
    report = parse(REPORT + LIST + GLOSSARY)
    assert report.glossary == (("“四上”企业", "达到一定规模的法人单位的习惯称谓。"),
                               ("“双碳”", "碳达峰与碳中和的简称。包括：两个目标。"))
    assert [s.part for s in report.sections] == ["review", "plan", "appendix"]
    assert not [s for s in report.sentences() if "碳达峰" in s.text]


@pytest.mark.parametrize("header", ["名词解释：", "名词解释", "附件：名词解释", "附件3 名词解释"])
def test_glossary_headers_and_bracketed_numbers(header):
    report = parse(REPORT + f"{header}\n[1]“四上”企业：规模以上企业。\n[2]“双碳”：碳达峰与碳中和。\n")
    assert [term for term, _ in report.glossary] == ["“四上”企业", "“双碳”"]
    reads_like_the_clean_report(report)


@pytest.mark.parametrize("first, second", [
    ("1.“四上”企业：规模以上企业。", "2.“双碳”：碳达峰与碳中和。"),
    ("[1]“四上”企业：规模以上企业。", "[2]“双碳”：碳达峰与碳中和。"),
    ("［1］“四上”企业：规模以上企业。", "［2］“双碳”：碳达峰与碳中和。"),
    ("〔1〕“四上”企业：规模以上企业。", "〔2〕“双碳”：碳达峰与碳中和。"),
    ("（1）“四上”企业：规模以上企业。", "（2）“双碳”：碳达峰与碳中和。"),
    ("1.“四上”企业：规模以上企业（见第3页）", "2.“双碳”：碳达峰与碳中和。（见第12页）"),
    # an entry with no full stop does not swallow the next one
    ("[1]“四上”企业：规模以上企业", "[2]“双碳”：碳达峰与碳中和"),
])
def test_glossary_numbering_styles_and_page_references(first, second):
    report = parse(REPORT + f"名词解释\n{first}\n{second}\n")
    assert [term for term, _ in report.glossary] == ["“四上”企业", "“双碳”"]
    assert [text.rstrip("。") for _, text in report.glossary] == ["规模以上企业", "碳达峰与碳中和"]
    reads_like_the_clean_report(report)


def test_glossary_terms_in_brackets_glued_to_their_explanation():
    report = parse(REPORT + "名词解释\n1.[三个收官]即三项工作收官。\n2.[“双碳”]：碳达峰与碳中和。\n")
    assert report.glossary == (("三个收官", "即三项工作收官。"), ("“双碳”", "碳达峰与碳中和。"))


def test_glossary_terms_in_latin_letters_and_the_first_entry_on_the_heading_line():
    report = parse(REPORT + "名词解释：1.GDP：地区生产总值。\n2.PM2.5：细颗粒物。\n3.5G基站：第五代移动通信基站。\n")
    assert [term for term, _ in report.glossary] == ["GDP", "PM2.5", "5G基站"]
    reads_like_the_clean_report(report)


def test_an_appendix_without_a_label_starts_where_numbering_restarts_after_the_closing():
    report = parse(REPORT + "2024年十件民生实事\n一、提高城乡低保标准。城市低保标准提高5%。\n")
    appendix = report.sections[-1]
    assert (appendix.number, appendix.part, appendix.heading.text) == (3, "appendix", "2024年十件民生实事")
    assert [s.text for s in appendix.items[0].sentences] == ["城市低保标准提高5%。"]


def test_notes_on_terms_after_the_closing_without_a_title_are_a_glossary():
    report = parse(REPORT + "[1]“四上”企业：规模以上企业。\n[2]“双碳”：碳达峰与碳中和。\n")
    assert [term for term, _ in report.glossary] == ["“四上”企业", "“双碳”"]
    reads_like_the_clean_report(report)


def test_a_progress_report_appendix_commits_to_nothing():
    text = REPORT + "附件\n2023年十件民生实事完成情况\n一、提高城乡低保标准。已完成。\n"
    report = parse(text)
    assert report.sections[-1].part == "appendix"
    assert not [c for c in extract_commitments(report, load_topics(CONTENT / "topics.yaml")) if c.section == 3]


def test_a_flattened_table_is_one_item_per_row():
    table = ("附件1\n2024年重点项目\n序\n号\n项目名称\n项目内容\n总投资\n"
             "1\n青山大道改造\n改造道路5公里，新建桥梁2座。\n总投资\n6.77亿元\n2024年\n住建局\n"
             "2\n城北污水厂\n日处理污水5万吨。\n总投资\n1.8亿元\n2024年底\n水利局\n"
             "3\n市民中心\n建筑面积2万平方米。\n总投资\n3亿元\n2025年\n文旅局\n")
    appendix = parse(REPORT + table).sections[-1]
    assert [i.number for i in appendix.items] == [1, 2, 3]
    assert appendix.items[0].title.text == "青山大道改造"
    assert [s.text for s in appendix.items[0].sentences] == ["改造道路5公里，新建桥梁2座。", "总投资 6.77亿元 2024年 住建局"]
    assert appendix.intro[0].text == "序 号 项目名称 项目内容 总投资"


# ---------------------------------------------------------------- refusals


@pytest.mark.parametrize("text, message", [
    ("", "the report is empty"),
    ("  \n\u3000\n\u200b\n", "the report is empty"),
    ("一、总则\x00推进工作。", "NUL characters"),
    ("Hello world.\nThis is not a report at all.\n", "not Chinese text"),
    ("Õþ¸®¹¤×÷±¨¸æ\nÒ»¡¢×ÜÌåÒªÇó\n", "not Chinese text"),  # GB18030 bytes read as Latin-1
    (REPORT.encode("gb18030").decode("utf-8", "replace"), r"U\+FFFD"),  # GB18030 read as UTF-8
    ("这是一段没有任何标题的文字。\n还有一段。\n", "no recognisable structure"),
    ("下载\n打印\n政府工作报告\n", "no recognisable structure"),
    ("1.只有编号项。推进工作。\n", "no recognisable section"),
    ("三、第三部分\n1.甲。乙。\n二、第二部分\n", "sections must be numbered in order"),
])
def test_what_cannot_be_read_is_refused_in_one_line_naming_the_file(text, message):
    with pytest.raises(ContentError, match=message) as error:
        parse(text, "bad.txt")
    assert str(error.value).startswith("bad.txt")
    assert "\n" not in str(error.value)


def test_decoding_utf8_and_gb18030():
    assert decode_report(REPORT.encode("utf-8")) == REPORT
    assert decode_report(b"\xef\xbb\xbf" + REPORT.encode("utf-8")) == REPORT
    assert decode_report(REPORT.encode("gb18030")) == REPORT
    assert decode_report(REPORT.encode("gbk")) == REPORT


@pytest.mark.parametrize("data, message", [
    (b"", "empty"),
    (b"\x00\x01\x02binary", "NUL bytes"),
    ("政府工作报告".encode("utf-16"), "UTF-16"),
    ("1.政府工作报告".encode("utf-16-le"), "NUL bytes"),
    ("caf\u00e9 cr\u00e8me br\u00fbl\u00e9e, na\u00efve".encode("latin-1"), "not Chinese|neither UTF-8"),
    (bytes(range(0x80, 0x100)) * 4, "neither UTF-8 nor GB18030|not Chinese"),
])
def test_undecodable_bytes_are_refused(data, message):
    with pytest.raises(ContentError, match=message) as error:
        decode_report(data, "bad.txt")
    assert str(error.value).startswith("bad.txt")


def test_reading_a_file_that_is_not_there(tmp_path):
    with pytest.raises(ContentError, match="file not found"):
        read_report_text(tmp_path / "missing.txt")


# ---------------------------------------------------------------- metadata


def test_metadata_from_the_masthead():
    assert detect_meta(REPORT) == {"place": "青山市", "level": "市", "year": 2024, "date": "2024-01-20",
                                   "title": "政府工作报告"}


@pytest.mark.parametrize("text, expected", [
    ("2024年白水县政府工作报告\n各位代表：\n一、工作回顾\n", {"place": "白水县", "level": "县", "year": 2024,
                                                         "title": "2024年白水县政府工作报告"}),
    ("——二〇二四年一月二十七日在某某自治区第十四届人民代表大会第二次会议上\n",
     {"place": "某某自治区", "level": "省", "year": 2024, "date": "2024-01-27"}),
    ("绿水旗人民政府旗长 王刚\n各位代表：\n", {"place": "绿水旗", "level": "县"}),
    ("各位代表：\n现在，我代表东湖区人民政府向大会作工作报告。\n一、2023年工作回顾\n过去一年。\n二、2024年工作安排\n",
     {"place": "东湖区", "level": "区", "year": 2024}),
    ("各位代表：\n现在，我代表国务院，向大会报告政府工作。\n", {"place": "中国", "level": "国家"}),
    ("一段没有任何线索的文字。", {}),
])
def test_metadata_found_wherever_the_text_gives_it(text, expected):
    assert detect_meta(text) == expected


@pytest.mark.parametrize("masthead, date, speaker", [
    ("政府工作报告\n----2024年1月20日在青山市第五届人民代表大会第三次会议上\n青山市市长 张明\n",
     "2024-01-20", "青山市市长 张明"),
    ("政府工作报告\n——２０２４年１月２０日在青山市第五届人民代表大会第三次会议上\n青山市市长 张明\n",
     "2024-01-20", "青山市市长 张明"),
    ("政府工作报告\n——2024年1月20日在青山市第五届人民代表大会第三次会议上\n青山市市长 张 明\n",
     "2024-01-20", "青山市市长 张 明"),
    # a name without its office, after the page's source line; ? where a space was lost
    ("政府工作报告\n——2024年1月20日在青山市第五届人民代表大会第三次会议上\n来源：青山日报\n张明\n",
     "2024-01-20", "张明"),
    ("政府工作报告\n——2024年1月20日在青山市第五届人民代表大会第三次会议上\n青山市市长?张明\n",
     "2024-01-20", "青山市市长 张明"),
])
def test_mastheads_as_pages_damage_them(masthead, date, speaker):
    text = masthead + BODY
    assert detect_meta(text)["date"] == date
    report = parse(text)
    assert report.masthead[-1] == speaker
    reads_like_the_clean_report(report)


def test_a_lost_character_is_not_a_question_mark():
    report = parse(REPORT.replace("各位代表：\n", "各位代表：?\n").replace("经济稳中有进。", "经济稳中有进。?"))
    reads_like_the_clean_report(report)
    assert "呢?" in "".join(s.text for s in parse(REPORT.replace("经济稳中有进。", "经济稳中有进呢?")).sentences())


# ---------------------------------------------------------------- inspect


def test_the_outline_shows_parts_furniture_and_glossary():
    text = outline(parse("下载\n" + REPORT.replace("重点做好以下工作。", "主要预期目标是：地区生产总值增长6%左右。")
                         + LIST + GLOSSARY))
    for words in ("REVIEW", "PLAN", "APPENDIX", "§1 (review) 2023年工作回顾", "§2 (plan) 2024年重点工作",
                  "§3 (appendix) 附件1 2024年十件民生实事", "glossary: 2 term(s)",
                  "headline targets: 今年要坚持稳中求进，主要预期目标是：地区生产总值增长6%左右。",
                  "furniture removed: 1 line(s)", "1. 扩大有效投资。 · 2 sentence(s), 2 commitment(s)",
                  "1. 经济运行稳中向好。 · 1 sentence(s), 0 commitment(s)"):
        assert words in text, words


def test_the_outline_says_the_level_and_date_detected(tmp_path):
    path = tmp_path / "report.txt"
    path.write_text(REPORT, encoding="utf-8")
    text = outline(inspect_read(path))
    assert "level: 市 · delivered: 2024-01-20 · glossary: 0 term(s)" in text


def test_inspect_prints_one_line_on_a_bad_file(tmp_path, capsys):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01")
    assert inspect_main(bad) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "bad.txt:1: NUL bytes" in err and err.count("\n") == 1


def test_inspect_as_a_command(tmp_path):
    good = tmp_path / "report.txt"
    good.write_text(REPORT, encoding="gb18030")
    bad = tmp_path / "empty.txt"
    bad.write_text("")
    ok = subprocess.run([sys.executable, "-m", "commitments.inspect", str(good)], cwd=ROOT,
                        capture_output=True, text=True)
    assert ok.returncode == 0 and "PLAN" in ok.stdout
    failed = subprocess.run([sys.executable, "-m", "commitments.inspect", str(bad)], cwd=ROOT,
                            capture_output=True, text=True)
    assert failed.returncode == 1 and failed.stdout == ""
    assert failed.stderr.startswith("error: ") and "empty" in failed.stderr and "Traceback" not in failed.stderr


# ---------------------------------------------------------------- anything at all


PIECES = st.sampled_from([
    "一、", "二、", "十、", "（一）", "(二)", "1.", "2、", "（1）", "①", "一是", "——", "--", "各位代表：", "各位代表！",
    "附件1", "附件：", "名词解释", "[1]", "［2］", "\u200b", "\u3000", "&nbsp;", "\\r\\n", "\r\n", "\n", "\n\n", "。",
    "！", "，", "：", "推进城市更新", "2023年工作回顾", "2024年重点工作", "政府工作报告", "上一篇：", "相关报道",
    "下载", "6.77亿元", "1", "2", "\ufffd", "??", "<p>", "PM", "2.5", "的", "十十", "——2024年1月20日在青山市会议上",
])
TEXTS = st.one_of(st.text(), st.lists(st.one_of(PIECES, st.text(max_size=4)), max_size=40).map("".join))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_parse_raises_nothing_but_content_errors(text):
    try:
        report = parse(text)
    except ContentError as error:
        assert "\n" not in str(error)
        return
    anchors = [s.anchor for s in report.sentences()]
    assert len(anchors) == len(set(anchors))
    outline(report)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200))
def test_decoding_raises_nothing_but_content_errors(data):
    try:
        decode_report(data)
    except ContentError:
        pass


@settings(max_examples=200, deadline=None)
@given(TEXTS)
def test_detecting_metadata_never_fails(text):
    assert set(detect_meta(text)) <= {"place", "level", "year", "title", "date"}
