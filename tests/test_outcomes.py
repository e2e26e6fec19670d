"""What became of each promise: an earlier report's commitments against the next
year's review, on small reports written for the tests (the real pairs are in
test_outcomes_corpus.py)."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from commitments.extract import extract_commitments
from commitments.model import ReportMeta
from commitments.outcomes import STATUSES, link_outcomes
from commitments.parse import parse_report

from .conftest import ROOT

EARLIER = """政府工作报告
——2024年1月20日在青山市第五届人民代表大会第三次会议上
各位代表：
现在，我代表市人民政府，向大会报告工作，请予审议。
一、2023年工作回顾
过去一年，我们攻坚克难，经济稳中有进。
二、2024年工作安排
今年经济社会发展的主要预期目标是：地区生产总值增长6%左右，城镇新增就业2.1万人以上，城镇登记失业率控制在3%以内。
（一）扩大有效投资。建成青山大道快速路。启动白水河综合治理工程。建成东湖大桥工程。
（二）办好民生实事。新建幼儿园10所。改造老旧小区30个。
（三）推进城市更新。深化放管服改革，优化营商环境。建设智慧城市大脑。
各位代表，让我们团结奋斗，为建设美好青山而努力奋斗！
"""

LATER = """政府工作报告
——2025年1月18日在青山市第五届人民代表大会第四次会议上
各位代表：
现在，我代表市人民政府，向大会报告工作，请予审议。
一、2024年工作回顾
过去一年，全市地区生产总值增长6.3%，新增城镇就业2.3万人，城镇登记失业率为2.8%。
（一）项目建设成效明显。青山大道快速路建成通车。白水河综合治理工程开工建设。东湖大桥工程加快推进。
（二）民生福祉持续改善。新建幼儿园8所。五年来累计改造老旧小区150个。
各位代表！成绩来之不易。
二、2025年工作安排
今年要继续稳中求进。
（一）扩大有效投资。建设青山大道二期。
各位代表，让我们团结奋斗，为建设美好青山而努力奋斗！
"""


def parse(text: str, slug: str, year: int):
    meta = ReportMeta(slug=slug, place={"zh": "青山市"}, year=year, title={}, source_url="", source_site={}, page={})
    return parse_report(text, meta)


@pytest.fixture(scope="module")
def outcomes():
    earlier, later = parse(EARLIER, "2024-qingshan", 2024), parse(LATER, "2025-qingshan", 2025)
    found = link_outcomes(extract_commitments(earlier, ()), later)
    return {o.commitment.text: o for o in found}


def outcome(outcomes, words):
    (found,) = [o for text, o in outcomes.items() if words in text]
    return found


def test_the_years_targets_against_the_reported_figures(outcomes):
    headline = outcome(outcomes, "主要预期目标")
    # 6.3% ≥ about 6%, 2.3万 ≥ 2.1万 (新增城镇就业 is 城镇新增就业 in other words), 2.8% ≤ 3%
    assert [(c.target.text, c.reported.text, c.status) for c in headline.comparisons] == [
        ("增长6%左右", "增长6.3%", "achieved"), ("2.1万人以上", "2.3万人", "achieved"),
        ("控制在3%以内", "2.8%", "achieved")]
    assert headline.status == "achieved"
    assert headline.evidence[0].sentence.text.startswith("过去一年，全市地区生产总值增长6.3%")
    assert headline.evidence[0].sentence.anchor.startswith("s1-")  # in the later report's review


def test_short_of_the_target_is_partly(outcomes):
    kindergartens = outcome(outcomes, "新建幼儿园10所")
    assert (kindergartens.status, kindergartens.comparisons[0].reported.text) == ("partly", "8所")


def test_a_named_project_reported_done_or_under_way(outcomes):
    assert outcome(outcomes, "建成青山大道快速路").status == "achieved"
    # to start it was the promise, and it was started; to finish it, and it is only under way
    assert outcome(outcomes, "启动白水河综合治理工程").status == "achieved"
    assert outcome(outcomes, "建成东湖大桥工程").status == "partly"


def test_a_five_year_total_is_no_evidence_for_one_years_target(outcomes):
    found = outcome(outcomes, "改造老旧小区30个")
    assert found.status == "unclear" and not found.comparisons


def test_nothing_found_is_not_mentioned_never_failed(outcomes):
    for words in ("建设智慧城市大脑", "深化放管服改革"):
        found = outcome(outcomes, words)
        assert (found.status, found.evidence) == ("not_mentioned", ())
    assert {o.status for o in outcomes.values()} <= set(STATUSES)


def test_the_command_prints_one_json_object_per_commitment(tmp_path):
    earlier, later = tmp_path / "earlier.txt", tmp_path / "later.txt"
    earlier.write_text(EARLIER, encoding="utf-8")
    later.write_text(LATER, encoding="utf-8")
    result = subprocess.run([sys.executable, str(ROOT / "build.py"), "outcomes", str(earlier), str(later), "--json"],
                            capture_output=True, text=True, check=True, cwd=ROOT)
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 8  # the headline targets and the sentences under three headings
    for record in records:
        assert {"commitment", "evidence", "status"} <= set(record)
        assert isinstance(record["evidence"], list) and record["status"] in STATUSES
    (road,) = [r for r in records if "青山大道" in r["commitment"]]
    assert road["evidence"] == ["青山大道快速路建成通车。"] and road["status"] == "achieved"


def test_a_figure_of_another_measure_is_no_evidence():
    earlier = parse(EARLIER.replace("城镇登记失业率控制在3%以内。", "城镇登记失业率控制在3%以内，单位地区生产总值能耗下降3%。"),
                    "2024-qingshan", 2024)
    later = parse(LATER.replace("城镇登记失业率为2.8%。", "城镇登记失业率为2.8%，单位地区生产总值能耗下降2%。")
                  .replace("全市地区生产总值增长6.3%", "全市实现地区生产总值1200亿元"), "2025-qingshan", 2025)
    (headline,) = [o for o in link_outcomes(extract_commitments(earlier, ()), later) if o.commitment.headline]
    # 增长6% is not compared with 能耗下降2% (another measure, the other way), nor with an amount
    assert [(c.target.text, c.reported.text) for c in headline.comparisons] == [
        ("2.1万人以上", "2.3万人"), ("控制在3%以内", "2.8%"), ("下降3%", "下降2%")]
    assert headline.comparisons[-1].status == "partly"  # fell less than it was to fall


def test_a_project_named_with_a_figure_inside_and_reported_under_its_proper_name():
    earlier = parse(EARLIER.replace("建设智慧城市大脑。", "确保华联5.7万平方米购物中心正式运营。"), "2024-qingshan", 2024)
    later = parse(LATER.replace("东湖大桥工程加快推进。", "东湖大桥工程加快推进。华联购物中心主体工程完工。"), "2025-qingshan", 2025)
    (mall,) = [o for o in link_outcomes(extract_commitments(earlier, ()), later) if "华联" in o.commitment.text]
    # 华联购物中心 read without its area; only its shell is finished: partly
    assert (mall.status, mall.evidence[0].sentence.text) == ("partly", "华联购物中心主体工程完工。")


def linked(earlier_text: str, later_text: str, words: str):
    earlier, later = parse(earlier_text, "2024-qingshan", 2024), parse(later_text, "2025-qingshan", 2025)
    (found,) = [o for o in link_outcomes(extract_commitments(earlier, ()), later) if words in o.commitment.text]
    return found


def test_two_figures_of_one_sentence_for_the_towns_and_the_countryside():
    # 城镇…、农村…均增长8%: a target for each; 城乡…分别增长7%和8.5%: the towns' and the
    # countryside's, in that order, both rises; the old name 农民人均纯收入 is the new one.
    earlier = EARLIER.replace("城镇登记失业率控制在3%以内。",
                              "城镇居民人均可支配收入、农村居民人均可支配收入均增长8%，农民人均纯收入增长9%。")
    later = LATER.replace("城镇登记失业率为2.8%。", "城乡居民人均可支配收入分别增长7%和8.5%。")
    headline = linked(earlier, later, "主要预期目标")
    assert [(c.target.text, c.reported.text, c.reported.change, c.status) for c in headline.comparisons][2:] == [
        ("增长8%", "增长7%", "increase", "partly"), ("增长8%", "8.5%", "increase", "achieved"),
        ("增长9%", "8.5%", "increase", "partly")]
    assert "城镇" in headline.comparisons[2].reported.indicator
    assert "农村" in headline.comparisons[3].reported.indicator


def test_the_towns_figure_is_not_the_countrysides():
    earlier = EARLIER.replace("城镇登记失业率控制在3%以内。", "城镇居民人均可支配收入增长8%。")
    later = LATER.replace("城镇登记失业率为2.8%。", "农村居民人均可支配收入增长8.5%。")
    assert [c.target.text for c in linked(earlier, later, "主要预期目标").comparisons] == ["增长6%左右", "2.1万人以上"]


def test_a_rise_of_prices_is_a_ceiling():
    earlier = EARLIER.replace("城镇登记失业率控制在3%以内。", "居民消费价格涨幅3%左右。")
    later = LATER.replace("城镇登记失业率为2.8%。", "居民消费价格上涨2%。")
    headline = linked(earlier, later, "主要预期目标")
    assert [(c.reported.text, c.status) for c in headline.comparisons][-1] == ("2%", "achieved")


def test_what_is_counted_follows_the_examples_before_deng():
    earlier = EARLIER.replace("改造老旧小区30个。", "完成青山路、白水路等12条道路的改造。")
    later = LATER.replace("五年来累计改造老旧小区150个。", "完成了老城区8条道路提升改造。")
    roads = linked(earlier, later, "白水路")
    assert [(c.reported.text, c.status) for c in roads.comparisons] == [("8条", "partly")]


def test_a_programme_quoted_in_other_words_and_a_reform_by_its_name():
    earlier = EARLIER.replace("深化放管服改革，优化营商环境。", "决不允许增加“三公”经费。推进医药卫生体制改革。")
    later = LATER.replace("新建幼儿园8所。", "新建幼儿园8所。“三公”经费大幅压减。医药卫生体制改革全面推开。")
    assert linked(earlier, later, "三公").evidence[0].sentence.text == "“三公”经费大幅压减。"
    reform = linked(earlier, later, "医药卫生体制改革")
    assert (reform.evidence[0].sentence.text, reform.status) == ("医药卫生体制改革全面推开。", "achieved")


def test_common_words_of_some_length_name_nothing():
    # 城市建设 and 切实解决 are words of every report, not the name of anything: the link
    # (in a review this short, every word is rare) is by words, with no status
    earlier = EARLIER.replace("建设智慧城市大脑。", "加强城市建设，切实解决群众反映的问题。")
    later = LATER.replace("新建幼儿园8所。", "新建幼儿园8所。城市建设取得新进展，一批问题得到切实解决。")
    found = linked(earlier, later, "切实解决")
    assert found.status == "unclear" and [e.reason for e in found.evidence] == ["same words"]


def test_a_figure_in_other_words_near_the_target():
    # the same three words running (节水灌溉) and nearly the amount: compared
    earlier = EARLIER.replace("改造老旧小区30个。", "实施1万亩节水灌溉工程。")
    later = LATER.replace("五年来累计改造老旧小区150个。", "新增节水灌溉面积1.2万亩。")
    irrigation = linked(earlier, later, "节水灌溉")
    assert [(c.reported.text, c.status) for c in irrigation.comparisons] == [("1.2万亩", "achieved")]
    # the sum a project costs, nearly the plan's, beside a rare word of it: evidence, with
    # what the review says of the project (started, not finished: partly), not compared
    earlier = EARLIER.replace("改造老旧小区30个。", "确保投资5500万元的污泥处置工程年内完工。")
    later = LATER.replace("五年来累计改造老旧小区150个。", "投资5642万元的污泥焚烧厂开工建设。")
    sludge = linked(earlier, later, "污泥")
    assert (sludge.status, sludge.comparisons, sludge.evidence[0].sentence.text) == (
        "partly", (), "投资5642万元的污泥焚烧厂开工建设。")


def test_a_figure_near_the_target_in_no_words_of_it_is_no_evidence():
    earlier = EARLIER.replace("改造老旧小区30个。", "完成露地蔬菜种植1.4万亩。")
    later = LATER.replace("五年来累计改造老旧小区150个。", "新增节水灌溉面积1.2万亩。")
    assert linked(earlier, later, "露地蔬菜").status == "not_mentioned"


def test_part_of_a_quoted_name_or_a_modifier_of_what_is_measured_links_nothing():
    # 草原音乐 is part of “草原音乐之城”, another name; 地区生产总值 only qualifies the share
    earlier = EARLIER.replace("建设智慧城市大脑。", "打造“国际草原音乐节”品牌，丰富冬季旅游产品，提升城市知名度和美誉度。").replace(
        "改造老旧小区30个。", "非公经济增加值占地区生产总值的比重达到70%以上。")
    later = LATER.replace("新建幼儿园8所。", "新建幼儿园8所。“草原音乐之城”完成商标注册。")
    # (a review this short has every word rare: only a link by words, without a name)
    assert [e.reason for e in linked(earlier, later, "草原音乐").evidence] == ["same words"]
    assert linked(earlier, later, "非公经济").status == "not_mentioned"


def test_the_same_indicator_in_another_unit_is_evidence_without_a_comparison():
    earlier = EARLIER.replace("改造老旧小区30个。", "中央财政专项扶贫资金增长30%以上。")
    later = LATER.replace("五年来累计改造老旧小区150个。", "中央财政投入专项扶贫资金860亿元。")
    funds = linked(earlier, later, "专项扶贫资金")
    assert (funds.status, funds.comparisons, funds.evidence[0].sentence.text) == (
        "unclear", (), "中央财政投入专项扶贫资金860亿元。")


def test_one_sectors_figure_is_not_anothers_and_a_quotation_stands_apart():
    earlier = EARLIER.replace("改造老旧小区30个。", "全年计划投资3.7亿元，实施重点农牧业项目33个。").replace(
        "建设智慧城市大脑。", "全力抓好“菜篮子”工程建设。")
    later = LATER.replace("五年来累计改造老旧小区150个。", "全年实施重点工业项目34个。").replace(
        "新建幼儿园8所。", "新建幼儿园8所。全力抓好安全生产、城市消防等工作，社会大局和谐稳定。")
    assert linked(earlier, later, "农牧业项目").comparisons == ()
    # 全力抓好“菜篮子”工程 names no project “全力抓好”
    assert "全力抓好" not in [e.reason for e in linked(earlier, later, "菜篮子").evidence]


def test_a_figure_of_another_size_altogether_is_no_evidence():
    # 产值2亿元 of a few firms is not the district's 工业总产值207.2亿元, though both are 产值
    earlier = EARLIER.replace("改造老旧小区30个。", "年内入园企业达到7家，实现产值2亿元。")
    later = LATER.replace("五年来累计改造老旧小区150个。", "规模以上工业总产值完成207.2亿元。")
    assert linked(earlier, later, "入园企业").comparisons == ()


def test_a_school_by_its_four_characters_and_no_thanks_as_evidence():
    earlier = EARLIER.replace("改造老旧小区30个。", "完成桃李中学扩建。").replace(
        "建设智慧城市大脑。", "支持香港特别行政区发展经济。")
    later = LATER.replace("五年来累计改造老旧小区150个。", "桃李中学等公共服务项目前期工作进展顺利。").replace(
        "过去一年，全市地区生产总值", "我们向香港特别行政区同胞表示诚挚感谢。过去一年，全市地区生产总值")
    school = linked(earlier, later, "桃李中学")
    assert (school.evidence[0].sentence.text, school.status) == ("桃李中学等公共服务项目前期工作进展顺利。", "partly")
    assert linked(earlier, later, "香港").status == "not_mentioned"
