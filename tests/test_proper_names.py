"""Every proper name of the bundled report (roads, railways, rivers, plants, institutions,
places) with the English the site uses for it and what that English rests on, as glossary
explanations say theirs (content/reports/2021-changshu/glossary.yaml):

  report         the name translated word for word, places in Hanyu Pinyin: nothing added
  public-source  an official English name; `source` is the address of the official page
  inferred       the English adds what the report does not say (the full names behind an
                 abbreviation, which province 省 is, a reading we have not confirmed);
                 `why` says what

A name whose English we could not confirm (`unconfirmed`) is a term of the report's
glossary, so that its pages show the Chinese beside the English, and its English says
that the English is ours. Every word of the report that looks like a name (…路, …铁路,
…湖, …厂, …中心, …院, …馆, …委) is either listed here or in NOT_NAMES: a new name in the
report's English fails this test until someone says what its English rests on.
"""
from __future__ import annotations

import re
from typing import NamedTuple

import pytest

from commitments.glossary import BASES

REPORT = "2021-changshu"


class Name(NamedTuple):
    zh: str
    en: str
    basis: str
    why: str = ""
    source: str | None = None
    unconfirmed: bool = False


PROVINCE = "省 read as Jiangsu, the province Changshu is in; the report writes only 省"

NAMES = [
    # places
    Name("常熟", "Changshu", "report"),
    Name("苏州", "Suzhou", "report"),
    Name("上海", "Shanghai", "report"),
    Name("海虞镇", "Haiyu Town", "report"),
    Name("虞城", "Yucheng", "report"),
    Name("美丽常熟", "Beautiful Changshu", "report"),
    Name("高新区", "Hi-tech Zone", "report"),
    Name("西站片区", "West Station area", "report"),
    # roads and railways
    Name("常台高速", "Changshu–Taizhou Expressway", "inferred",
         "常台 abbreviates the two ends, 常 Changshu and 台 Taizhou (台州); the report writes only 常台"),
    Name("524国道", "National Highway 524", "report"),
    Name("南沿江铁路", "South Yangtze River Railway", "inferred",
         "沿江, 'along the river', read as along the Yangtze, south of it; the line's official English name is not cited"),
    Name("通苏嘉甬铁路", "Nantong–Suzhou–Jiaxing–Ningbo Railway", "inferred",
         "通苏嘉甬 abbreviates four cities: 通 Nantong, 苏 Suzhou, 嘉 Jiaxing, 甬 Ningbo"),
    Name("新世纪大道", "New Century Avenue", "report"),
    Name("常昭路", "Changzhao Road", "report"),
    Name("青墩塘路", "Qingduntang Road", "report"),
    Name("常熟西站", "Changshu West Station", "report"),
    # rivers and lakes
    Name("长江", "Yangtze", "report"),
    Name("太湖", "Lake Tai", "report"),
    Name("昆承湖", "Kuncheng Lake", "report"),
    Name("沈家市", "Shenjiashi", "report"),
    Name("蛇泾河", "Shejing River", "report"),
    Name("辛安塘", "Xin'antang River", "inferred",
         "塘 read as a watercourse, as the report repairs it with the 蛇泾河 river in flood works; 'River' is our word"),
    Name("七浦塘", "Qiputang River", "report"),  # the report counts it among rivers and lakes (河湖)
    Name("海洋泾", "Haiyangjing River", "report"),
    # plants and facilities
    Name("中电国际常熟燃气热电厂", "China Power International Changshu gas-fired combined heat and power plant",
         "inferred", "中电国际 read as the company China Power International; no official English name of the plant is cited"),
    Name("洪洞净水厂", "Hongdong Water Purification Plant", "inferred",
         "Hongdong is our romanisation of 洪洞, whose local reading we have not confirmed; 净水厂 is literally "
         "'water purification plant' (the report does not say whether it treats drinking water or wastewater)",
         unconfirmed=True),
    Name("琴湖文化中心", "Qinhu Cultural Centre", "report"),
    # institutions
    Name("哈佛医学创新中心", "Harvard Medical Innovation Centre", "inferred",
         "哈佛 is the usual Chinese for Harvard, but the report does not say the centre has any link with "
         "Harvard University", unconfirmed=True),
    Name("市医学中心", "the city's medical centre", "report"),
    Name("工人文化宫", "Workers' Cultural Palace", "report"),
    Name("市图书馆", "city library", "report"),
    Name("评弹馆", "Pingtan Hall", "report"),
    Name("市第八届体育运动会", "8th Sports Games", "report"),
    Name("生态环境部", "Ministry of Ecology and Environment", "report"),
    Name("环境规划院", "Chinese Academy of Environmental Planning", "inferred",
         "院 is literally an institute; the name it goes by in English is not checked against an official page"),
    Name("省环保集团", "Jiangsu provincial environmental protection group", "inferred", PROVINCE),
    Name("省委", "Jiangsu Provincial Party Committee", "inferred", PROVINCE),
    Name("中共常熟市委", "Changshu Municipal Committee of the Communist Party of China", "report"),
    Name("中国共产党", "Communist Party of China", "report"),
    Name("党中央", "Party Central Committee", "report"),
    Name("人大", "People's Congress", "report"),
    Name("市人大", "Municipal People's Congress", "report"),
    Name("常委会", "Standing Committee", "report"),
    Name("政协", "CPPCC", "report"),
    Name("市政协", "Municipal CPPCC", "report"),
]

# Words the scan below finds that are no names: kinds of thing, not one of them.
NOT_NAMES = [
    "城区道路", "农村公路", "重点道路", "共走振兴路", "路径依赖",
    "站南区域", "站北区域", "一站式", "公交首末站", "转运站", "电子站牌",
    "城镇开发边界", "城镇登记失业率", "镇(街道)", "市镇村",
    "河(湖)长制", "入河排污口", "河道", "美丽河湖",
    "企业学院", "三甲医院",
    "区域性养老服务中心", "文化片区邻里中心", "建筑材料再生资源利用中心", "综治中心", "联动指挥中心",
    "民政综合服务中心",
]

NAME_LIKE = re.compile(r"高速|国道|铁路|大道|路|站|镇|湖|河|塘|泾|厂|院|集团|馆|宫|中心|省委|市委|人大|政协|生态环境部")


@pytest.fixture(scope="module")
def edition(library):
    return library.edition(REPORT)


@pytest.fixture(scope="module")
def pairs(edition):
    """(Chinese, English) of every sentence of the report."""
    return [(s.text, edition.translation(s.anchor).text) for s in edition.report.sentences()]


@pytest.mark.parametrize("name", NAMES, ids=[n.zh for n in NAMES])
def test_every_name_says_what_its_english_rests_on(name):
    assert name.basis in BASES
    if name.basis == "public-source":
        assert name.source and re.match(r"https?://", name.source), "an official page's address"
    else:
        assert name.source is None
    if name.basis == "inferred":
        assert name.why, "say what the English adds to the report"


@pytest.mark.parametrize("name", NAMES, ids=[n.zh for n in NAMES])
def test_every_name_is_in_the_report_and_written_the_same_in_every_translation(name, pairs):
    uses = [(zh, en) for zh, en in pairs if name.zh in zh]
    assert uses, f"{name.zh} is not in the report"
    assert [en for _, en in uses if name.en not in en] == []


def test_every_name_of_the_report_is_listed(pairs):
    text = "\n".join(zh for zh, _ in pairs)
    covered = [(m.start(), m.end()) for listed in [n.zh for n in NAMES] + NOT_NAMES
               for m in re.finditer(re.escape(listed), text)]
    unlisted = sorted({text[max(0, m.start() - 6):m.end()] for m in NAME_LIKE.finditer(text)
                       if not any(a <= m.start() and m.end() <= b for a, b in covered)})
    assert unlisted == [], "add these to NAMES (with their English and its basis) or NOT_NAMES"


def test_names_we_could_not_confirm_show_the_chinese_and_say_the_english_is_ours(edition, pairs):
    terms = {t.term: t for t in edition.glossary}
    for name in (n for n in NAMES if n.unconfirmed):
        assert name.basis == "inferred"
        assert name.zh in terms and terms[name.zh].en == name.en, "a glossary term shows the Chinese beside the English"
        assert "our" in terms[name.zh].explanation["en"]
        assert all(re.search(r"\bour\b", en) for zh, en in pairs if name.zh in zh), "the translation says so too"


def test_the_commitment_page_shows_an_unconfirmed_names_chinese(client):
    html = client.get("/en/commitments/2021-changshu-4-2-2/").get_data(as_text=True)
    assert 'Hongdong Water Purification Plant</a> <span lang="zh-Hans">洪洞净水厂</span>' in html
