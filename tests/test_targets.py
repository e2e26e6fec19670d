"""Quantified targets, checked sentence by sentence against what the report says."""
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from commitments.extract import extract_commitments
from commitments.quantities import english
from commitments.targets import CLAUSE_WINDOW, _quoted_spans, extract_targets


def targets(sentence):
    return [(t.indicator, t.comparator, t.value, t.amount, t.unit, t.change) for t in extract_targets(sentence)]


@pytest.mark.parametrize("sentence, expected", [
    ("新增就业2.1万人,城镇登记失业率控制在2%以内,本市籍高校毕业生就业率95%以上。", [
        ("新增就业", "=", 2.1, 21000, "人", None),
        ("城镇登记失业率", "<=", 2, 2, "%", None),
        ("本市籍高校毕业生就业率", ">=", 95, 95, "%", None),
    ]),
    ("落实\"点位长\"制度,优化重污染天气应急管控措施,全年空气质量优良率超81%,PM2.5均值低于35微克/立方米。", [
        ("空气质量优良率", ">", 81, 81, "%", None),
        ("PM2.5均值", "<", 35, 35, "微克/立方米", None),
    ]),
    ("竣工学校20所、开工6所,持续推动新市民子弟学校提档升级。", [
        ("竣工学校", "=", 20, 20, "所", None),
        ("开工", "=", 6, 6, "所", None),
    ]),
    ("启动老旧小区改造17万平方米,扩面推进既有多层住宅增设电梯。", [
        ("启动老旧小区改造", "=", 17, 170000, "平方米", None),
    ]),
    ("新能源公交车占比提高16个百分点。", [("新能源公交车占比", "=", 16, 16, "个百分点", "increase")]),
    ("城乡居民最低生活保障标准提高5%左右。", [("城乡居民最低生活保障标准", "~", 5, 5, "%", "increase")]),
    ("确保工业用地亩均税收收入增长5%以上。", [("工业用地亩均税收收入", ">=", 5, 5, "%", "increase")]),
    ("力争盘活存量建设用地1万亩。", [("盘活存量建设用地", "=", 1, 10000, "亩", None)]),
    ("稳步推进\"千村美居\"工程,开工建设800个、完成600个村(组)优化提升。", [
        ("开工建设村(组)优化提升", "=", 800, 800, "个", None),
        ("完成村(组)优化提升", "=", 600, 600, "个", None),
    ]),
    ("完成全部垃圾处置终端和30%以上\"定时定点定人督导\"小区运行数据接入。", [
        ("\"定时定点定人督导\"小区运行数据接入", ">=", 30, 30, "%", None),
    ]),
    ("国省考断面水质达标率和优Ⅲ率超90%。", [("国省考断面水质达标率和优Ⅲ率", ">", 90, 90, "%", None)]),
    ("实施13条城区道路、40条农村公路修缮。", [
        ("实施城区道路", "=", 13, 13, "条", None), ("农村公路修缮", "=", 40, 40, "条", None),
    ]),
])
def test_targets_of_report_sentences(sentence, expected):
    assert targets(sentence) == expected


@pytest.mark.parametrize("sentence", [
    "推进国土空间总体规划(2020-2035)编制。",             # a period
    "完成常台高速东互通移位和524国道改扩建主线通车。",     # a road's name
    "持续推进\"八个一\"专项行动。",                       # a slogan
    "推动互联网、政务外网、指挥信息网\"三网合一\"。",
    "启动\"八五\"普法工作。",
    "打造24小时智慧政务连锁店,常态化开展\"服务民企360\"等活动。",
    "启动第二批老旧工业区改造。",
    "精心办好市第八届体育运动会。",
    "建设\"15分钟养老服务圈\"。",
])
def test_names_periods_and_slogans_are_not_targets(sentence):
    assert extract_targets(sentence) == ()


def test_every_quantity_in_the_report_is_a_target(report, library):
    """Every Arabic number in a commitment is a target, or one of the known non-targets."""
    import re
    not_targets = {"2020", "2035", "524", "24", "360", "15", "2.5"}
    commitments = extract_commitments(report, library.topics)
    for c in commitments:
        numbers = re.findall(r"\d+(?:\.\d+)?", c.text)
        captured = [str(int(t.value)) if t.value.is_integer() else str(t.value) for t in c.targets]
        for n in numbers:
            if n in captured:
                captured.remove(n)
            else:
                assert n in not_targets or (n == "15" and "15条" not in c.text), (c.id, n)
    assert sum(len(c.targets) for c in commitments) == 34


@pytest.mark.parametrize("sentence, bottom, top", [
    ("地区生产总值增长4.5%—5%，在实际工作中全力争取更好结果。", 4.5, 5.0),
    ("国内生产总值增长6.5%－7%。", 6.5, 7.0),
    ("全省生产总值增长5%-5.5%。", 5.0, 5.5),
])
def test_a_range_is_its_bottom_and_its_top(sentence, bottom, top):
    low, high = extract_targets(sentence)
    assert (low.comparator, low.value, high.comparator, high.value) == (">=", bottom, "<=", top)
    assert low.indicator == high.indicator == sentence[: sentence.index("生产总值") + 4]
    assert low.change == high.change == "increase" and low.text == high.text


def test_a_unit_of_grain_with_a_multiplier():
    (target,) = extract_targets("粮食产量继续保持500亿斤以上。")
    assert (target.comparator, target.amount, target.unit) == (">=", 50_000_000_000, "斤")
    assert english(target) == "at least 50,000,000,000 jin (about 25,000,000 tonnes)"


def test_more_than_a_figure():
    (target,) = extract_targets("棚户区住房改造2600多万套。")
    assert (target.indicator, target.comparator, target.amount, target.unit) == ("棚户区住房改造", ">", 26_000_000, "套")


def test_a_number_too_large_for_a_float_is_no_target():
    huge = "9" * 400
    targets = extract_targets(f"力争盘活存量建设用地{huge}万亩，新增就业2.1万人。")
    assert [(t.indicator, t.value, t.multiplier) for t in targets] == [("新增就业", 2.1, 10000)]


# What the quotation spans were read with, one regular expression: it was quadratic on a
# text of unclosed marks (each mark scanned to the end), the scan that replaced it is not.
QUOTATIONS_AS_BEFORE = re.compile(r"\"[^\"]*\"|“[^”]*”|「[^」]*」|『[^』]*』")


@given(st.text(alphabet="\"“”「」『』增5%，a", max_size=40))
@settings(deadline=None, database=None, max_examples=300)
def test_quotations_are_read_as_the_regular_expression_read_them(text):
    assert _quoted_spans(text) == [m.span() for m in QUOTATIONS_AS_BEFORE.finditer(text)]


def test_a_long_clause_is_read_near_its_number():
    filler = "的" * 1000
    (target,) = extract_targets(f"{filler}新增就业2.1万人{filler}")
    assert "新增就业" in target.indicator and target.value == 2.1
    assert len(target.indicator) <= 2 * CLAUSE_WINDOW  # not the thousand characters either side
