"""The importer on real reports as they are published (../shared/corpus), junk included.

Each report was read through by a person before these tests were written: the
counts and spot checks record what the report says (its sections, its items, which
sentence is a commitment under which item), so a parser change that misreads one
of them fails here. The files are third-party data and are read in place.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pytest

from commitments.parse.decode import read_report_text
from commitments.parse.detect import detect_meta
from commitments.extract import extract_commitments
from commitments.inspect import main as inspect_main
from commitments.inspect import outline
from commitments.model import Report, ReportMeta
from commitments.parse import parse_report
from commitments.topics import load_topics

from .conftest import CONTENT

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
pytestmark = pytest.mark.skipif(
    not CORPUS.is_dir(), reason=f"the corpus of real reports is not at {CORPUS} (../shared/corpus)")


@dataclass(frozen=True)
class Expected:
    year: int
    #: part → (sections, items, commitments)
    parts: dict[str, tuple[int, int, int]]
    #: what detect_meta should find
    meta: dict
    glossary: int = 0
    #: whole lines of the page that must be taken out as furniture
    furniture: tuple[str, ...] = ()
    #: (words of a sentence, section, item): that sentence is a commitment there
    commitments: tuple[tuple[str, int, int], ...] = ()
    #: words of sentences that are in the report but commit to nothing
    not_commitments: tuple[str, ...] = ()
    #: section number → title of its first item
    first_items: dict[int, str] = field(default_factory=dict)


NONE = (0, 0, 0)
EXPECTED = {
    "state_council_2021_wikisource.txt": Expected(
        year=2021,
        # 一、2020年工作回顾 with 一是…七是; 二、 with nine —— bullets; 三、 with （一）…（八）.
        parts={"review": (1, 7, 0), "plan": (2, 17, 300), "appendix": NONE},
        meta={"place": "中国", "level": "国家", "year": 2021, "date": "2021-03-05", "title": "政府工作报告"},
        furniture=("Public domain", "false"),
        commitments=(("今年赤字率拟按3.2%左右安排", 3, 1),
                     # split over a page break (a line of U+200B) in the middle of 稳岗
                     ("扩大失业保险返还等阶段性稳岗政策惠及范围", 3, 1),
                     ("发展边境贸易。", 3, 6),
                     ("森林覆盖率达到24.1%", 2, 7)),
        not_commitments=("稳住了经济基本盘", "今年预期目标设定为6%以上", "向全国各族人民"),
        first_items={1: "围绕市场主体的急需制定和实施宏观政策，稳住了经济基本盘。",
                     3: "保持宏观政策连续性稳定性可持续性，促进经济运行在合理区间。"},
    ),
    "guangdong_province_2026.txt": Expected(
        year=2026,
        parts={"review": (1, 6, 0), "plan": (2, 19, 385), "appendix": (1, 10, 47)},
        meta={"place": "广东省", "level": "省", "year": 2026, "date": "2026-01-26"},
        glossary=13,
        commitments=(("城镇新增就业110万人以上", 3, 12),
                     ("加快筹设深圳海洋大学", 3, 9),
                     ("以PM2.5浓度持续下降为主线", 3, 10),  # PM / 2.5 / 浓度… on three lines
                     # 附件1 2026年省十件民生实事, its 十、
                     ("新建和改造提升农村公路2500公里，其中县道", 4, 10)),
        not_commitments=("地区生产总值增长3.9%", "PM2.5年平均浓度保持在20微克"),
        first_items={2: "聚焦经济建设这一中心工作。",
                     3: "久久为功推动粤港澳大湾区建设，打造富有活力和国际竞争力的一流湾区和世界级城市群。",
                     4: "提高低保、特困人员、孤儿基本生活与残疾人两项补贴和重点群体救助保障水平。"},
    ),
    "gansu_province_2026.txt": Expected(
        year=2026,
        # Unnumbered section titles: “十四五”时期工作回顾 / “十五五”时期的主要目标任务 / 2026年重点工作.
        parts={"review": (1, 5, 0), "plan": (2, 16, 275), "appendix": NONE},
        meta={"place": "甘肃省", "level": "省", "year": 2026, "date": "2026-01-27",
              "title": "2026年甘肃省政府工作报告"},
        furniture=("下载", "打印", "全屏", "收藏", "【字号：", "加大", "还原", "减小", "】",
                   "来源：甘肃日报", "时间：2026-02-10", "任振鹤作政府工作报告。新甘肃·甘肃日报记者 盛学卿",
                   "相关报道："),
        commitments=(("落实好更加积极的财政政策、适度宽松的货币政策", 3, 1),
                     ("林草覆盖率达到44.79%", 2, 7)),
        not_commitments=("我们扭住高质量发展首要任务", "地区生产总值增长5.5%左右"),
        first_items={3: "放大促消费扩投资政策效应"},
    ),
    "baoding_city_2021.txt": Expected(
        year=2021,
        parts={"review": (1, 8, 0), "plan": (3, 22, 272), "appendix": NONE},
        meta={"place": "保定市", "level": "市", "year": 2021, "date": "2021-01-31",
              "title": "2021年保定市政府工作报告"},
        furniture=("标题：2021年保定市政府工作报告", "发文单位：保定市人民政府", "发文时间：未知", "正文：",
                   "（责任编辑：杨淼）"),
        commitments=(("安置房12月底封顶", 3, 4),
                     # the footnote mark [37] after “一区三边” is gone
                     ("持续开展市场、环境、“一区三边”专项整治", 3, 4),
                     ("确保新增450家以上", 3, 1),
                     # 四、加强政府自身建设: unnumbered run-in paragraphs are its items
                     ("旗帜鲜明讲政治，忠于党、诚于民、勤于政。", 4, 1)),
        not_commitments=("“十三五”发展目标和小康社会指标圆满实现",),
        first_items={2: "推进协同创新一体化。", 3: "突出扩大内需，在经济发展上开新局。",
                     4: "坚持政治引领，践行人民至上。"},
    ),
    "anguo_city_2022.txt": Expected(
        year=2022,
        # 附件1 is a flattened table of ten projects; 附件2 reports 2021's progress.
        parts={"review": (1, 6, 0), "plan": (2, 11, 124), "appendix": (2, 18, 22)},
        meta={"place": "安国市", "level": "市", "year": 2022, "date": "2022-01-27",
              "title": "2022年安国市政府工作报告"},
        glossary=21,
        furniture=("工作报告", "2022年安国市政府工作报告", "评论：", "661", "内容摘要：", "分享到：", "QQ空间",
                   "上一篇：", "2020年安国市政府工作报告", "下一篇：", "相关文章", "本栏最新",
                   "焦作市解放区2025年政府工作报告", "阅读排行", "标签云", "政府信息公开"),
        commitments=(("完成36个老旧小区改造", 2, 3),
                     ("占地5000亩，包括1个药用植物园", 4, 1),
                     ("总投资 6.77亿元", 4, 3)),
        not_commitments=("全年地区生产总值完成122.2亿元", "预计2022年7月份完成可研报告"),
        first_items={3: "扛起政治建设之责，坚决做到忠诚为政。", 4: "国家药用植物园-华北园项目"},
    ),
    "shunping_county_2023.txt": Expected(
        year=2023,
        parts={"review": (1, 7, 0), "plan": (2, 11, 119), "appendix": NONE},
        meta={"place": "顺平县", "level": "县", "year": 2023},
        furniture=("搜索马 克 数 据 网",),
        commitments=(("林木覆盖率达到45%以上", 2, 7),
                     ("始终坚持党的全面领导", 3, 1)),
        not_commitments=("林木覆盖率达到44.5%",),
        first_items={2: "锚定农业强县，打造和美共富的乡村振兴场景。", 3: "始终把忠诚作为第一要求。"},
    ),
    "hailar_district_2015.txt": Expected(
        year=2015,
        parts={"review": (1, 5, 0), "plan": (1, 10, 117), "appendix": NONE},
        meta={"place": "海拉尔区", "level": "区", "year": 2015, "date": "2015-02-05", "title": "政府工作报告"},
        commitments=(("城镇登记失业率控制在4%以内", 2, 6),),
        not_commitments=("全年投入14.5亿元",),
        first_items={1: "县域经济实力稳步提升", 2: "狠抓投资融资和项目建设，保持经济稳定增长"},
    ),
}
REPORTS = sorted(EXPECTED)


def test_every_corpus_file_has_expectations():
    assert sorted(p.name for p in CORPUS.glob("*.txt")) == REPORTS


@cache
def parsed(name: str) -> Report:
    path = CORPUS / name
    meta = ReportMeta(slug=path.stem, place={}, year=EXPECTED[name].year, title={}, source_url="",
                      source_site={}, page={})
    return parse_report(read_report_text(path), meta, path)


@cache
def commitments(name: str):
    return extract_commitments(parsed(name), load_topics(CONTENT / "topics.yaml"))


def every_text(report: Report) -> list[str]:
    """Everything the parser kept as the report's own words."""
    return [*(s.text for s in report.sentences()), *report.masthead,
            *(f"{term}：{text}" for term, text in report.glossary),
            *(s.appendix for s in report.sections if s.appendix)]


@pytest.mark.parametrize("name", REPORTS)
def test_sections_items_and_commitments_by_part(name):
    report, found = parsed(name), commitments(name)
    counts = {}
    for part in ("review", "plan", "appendix"):
        sections = [s for s in report.sections if s.part == part]
        numbers = {s.number for s in sections}
        counts[part] = (len(sections), sum(len(s.items) for s in sections),
                        sum(1 for c in found if c.section in numbers))
    assert counts == EXPECTED[name].parts
    assert len(report.glossary) == EXPECTED[name].glossary


@pytest.mark.parametrize("name", REPORTS)
def test_spot_checked_sentences_are_commitments_under_their_item(name):
    found = commitments(name)
    for words, section, item in EXPECTED[name].commitments:
        matches = [c for c in found if words in c.text]
        assert len(matches) == 1, words
        assert (matches[0].section, matches[0].item) == (section, item), words
    for words in EXPECTED[name].not_commitments:
        assert any(words in text for text in every_text(parsed(name))), words
        assert not [c for c in found if words in c.text], words


@pytest.mark.parametrize("name", REPORTS)
def test_item_titles(name):
    sections = {s.number: s for s in parsed(name).sections}
    for number, title in EXPECTED[name].first_items.items():
        assert sections[number].items[0].title.text == title


@pytest.mark.parametrize("name", REPORTS)
def test_the_review_comes_first_and_is_labelled_review(name):
    report = parsed(name)
    assert report.sections[0].part == "review"
    assert re.search(r"回顾", report.sections[0].heading.text)
    parts = [s.part for s in report.sections]
    assert parts == sorted(parts, key=["review", "plan", "appendix"].index)
    assert not [c for c in commitments(name) if c.section == report.sections[0].number]


@pytest.mark.parametrize("name", REPORTS)
def test_no_furniture_survives(name):
    report = parsed(name)
    kept = every_text(report)
    for line in EXPECTED[name].furniture:
        assert line in report.furniture
        # Short lines (下载, 661) are also ordinary words; longer ones are the page's own.
        assert not [text for text in kept if (line in text if len(line) > 6 else line == text)], line
    for text in kept:
        assert not re.search(r"(上一篇|下一篇|责任编辑|分享到|相关报道|来源URL|字号)[:：]|&nbsp;|\\r\\n|\?\?", text), text
        assert not re.search(r"\[\d+\]|［\d+］|[\u200b\u3000\u00a0]", text), text
    # The closing address ends the report: nothing of the page follows it in the text.
    assert report.closing and report.closing[-1].text.endswith(("！", "。"))


def test_a_report_without_page_furniture_loses_nothing():
    for name in ("guangdong_province_2026.txt", "hailar_district_2015.txt"):
        assert parsed(name).furniture == ()


def test_appendices_are_separated_and_numbered_after_the_body():
    report = parsed("guangdong_province_2026.txt")
    body = [s for s in report.sections if s.part != "appendix"]
    (appendix,) = [s for s in report.sections if s.part == "appendix"]
    assert appendix.number == body[-1].number + 1
    assert appendix.appendix == "附件1 2026年省十件民生实事"
    assert appendix.heading.text == "2026年省十件民生实事"
    assert [i.number for i in appendix.items] == list(range(1, 11))  # its 一、…十、
    assert appendix.intro[0].text.startswith("坚持民生为大")
    # The closing ends before 附件1: it does not swallow the appendix.
    assert report.closing[-1].text.endswith("为强国建设、民族复兴伟业作出新的更大贡献！")
    # 附件2 名词解释 is a glossary, not a section, and nothing in it is a commitment.
    assert report.glossary[0] == ("“四上”企业", report.glossary[0][1])
    assert report.glossary[0][1].startswith("现阶段统计工作实践中")
    assert ("“四好农村路”", "指建好、管好、护好、运营好农村公路。") in report.glossary
    assert not [c for c in commitments("guangdong_province_2026.txt") if "指建好、管好" in c.text]


def test_a_progress_report_appendix_commits_to_nothing():
    report = parsed("anguo_city_2022.txt")
    table, progress = [s for s in report.sections if s.part == "appendix"]
    assert table.appendix == "附件1 安国市2022年十大工程"
    assert progress.appendix == "附件2 安国市2021年十大工程进展情况说明"
    assert [i.number for i in progress.items] == [1, 3, 4, 5, 7, 8, 9, 10]  # as printed
    assert not [c for c in commitments("anguo_city_2022.txt") if c.section == progress.number]
    assert report.glossary[0][0] == "“1556”战略"
    assert report.glossary[-1][0] == "“七种能力”"


def test_a_flattened_table_makes_one_item_per_row():
    table = [s for s in parsed("anguo_city_2022.txt").sections if s.part == "appendix"][0]
    assert [i.number for i in table.items] == list(range(1, 11))
    titles = [i.title.text for i in table.items]
    assert titles[2] == "河北安国现代中药工业园区配套设施提升工程"
    assert not [t for t in titles if re.match(r"^[\d.]+亿元", t)]
    assert table.items[2].sentences[-1].text == "总投资 6.77亿元 2022年 启动 园区管委会 王 乐"


def test_outro_and_closing_are_told_apart():
    # 各位代表！ inside a section ends its items; the closing is the last one.
    report = parsed("state_council_2021_wikisource.txt")
    assert report.sections[0].outro[0].text == "各位代表！"
    assert report.closing[0].text == "各位代表！"
    assert report.closing[-1].text.endswith("实现中华民族伟大复兴的中国梦不懈奋斗！")
    # 三、全面加强政府自身建设 opens with 各位代表！: that is its introduction.
    shunping = parsed("shunping_county_2023.txt")
    assert shunping.sections[-1].intro[0].text == "各位代表！"
    assert shunping.closing[-1].text.endswith("奋力谱写顺平高质量发展的新篇章！")


@pytest.mark.parametrize("name", REPORTS)
def test_anchors_and_ids_are_unique(name):
    anchors = [s.anchor for s in parsed(name).sentences()]
    assert len(anchors) == len(set(anchors))
    ids = [c.id for c in commitments(name)]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("name", REPORTS)
def test_metadata_is_detected_from_the_text(name):
    found = detect_meta(read_report_text(CORPUS / name))
    expected = EXPECTED[name].meta
    assert {key: found.get(key) for key in expected} == expected


def test_masthead_is_mended_and_kept_apart():
    assert parsed("state_council_2021_wikisource.txt").masthead == (
        "政府工作报告", "——2021年3月5日在第十三届全国人民代表大会第四次会议上", "国务院总理 李克强")
    assert parsed("guangdong_province_2026.txt").masthead[1] == \
        "——2026年1月26日在广东省第十四届人民代表大会第五次会议上"
    assert parsed("anguo_city_2022.txt").masthead[0] == "政府工作报告"  # 政 府 工 作 报 告


def test_damaged_characters_are_kept_and_reported():
    report = parsed("baoding_city_2021.txt")
    assert any("\ufffd" in s.text for s in report.opening)
    assert report.notes == ("line 11: 2 unreadable character(s) (U+FFFD) kept as they are",)


@pytest.mark.parametrize("name", REPORTS)
def test_the_outline_shows_every_part(name, capsys):
    text = outline(parsed(name))
    assert "REVIEW" in text and "PLAN" in text
    assert ("APPENDIX" in text) == (EXPECTED[name].parts["appendix"] != NONE)
    assert inspect_main(CORPUS / name) == 0
    assert "PLAN" in capsys.readouterr().out
