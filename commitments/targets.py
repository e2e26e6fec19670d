"""Read quantified targets out of a sentence: 新增就业2.1万人 → (新增就业, =, 2.1万, 人).

A target is an Arabic number with a unit of measure. What looks numeric but is not
a target is left alone: periods (2020-2035), ordinals (第二批), names (524国道,
PM2.5, 24小时智慧政务连锁店) and slogans in quotation marks ("八个一", "服务民企360").
"""
from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right

from .model import Target

MULTIPLIERS = {"万": 10_000, "亿": 100_000_000, "千": 1_000, "百": 100}

# Units of measure and classifiers, longest first so 个百分点 wins over 个.
UNITS = sorted([
    "%", "个百分点", "微克/立方米", "立方米", "平方米", "平方公里", "公里", "千米", "米",
    "亩", "公顷", "人次", "人", "户", "所", "个", "家", "条", "台", "头", "座", "项", "处",
    "辆", "张", "套", "间", "吨", "元", "次", "名", "支", "场", "种", "只", "棵", "株", "艘",
    "千瓦", "兆瓦", "千瓦时", "标箱", "倍", "床", "张床位", "间", "部", "批", "片", "公斤", "斤",
], key=len, reverse=True)

BEFORE = {  # words right before the number: comparator, change
    "不低于": (">=", None), "不少于": (">=", None), "超过": (">", None), "超": (">", None),
    "高于": (">", None), "低于": ("<", None), "少于": ("<", None), "控制在": ("=", None),
    "达到": ("=", None), "达": ("=", None),
    "提高": ("=", "increase"), "提升": ("=", "increase"), "增长": ("=", "increase"),
    "增加": ("=", "increase"), "下降": ("=", "decrease"), "降低": ("=", "decrease"),
    "减少": ("=", "decrease"),
}
AFTER = {"以上": ">=", "以内": "<=", "以下": "<=", "左右": "~"}

TARGET_RE = re.compile(
    r"(?P<before>" + "|".join(sorted(BEFORE, key=len, reverse=True)) + r")?"
    r"(?P<value>\d+(?:\.\d+)?)"
    r"(?P<more>多|余)?"  # 2600多万套: more than 26 million
    r"(?P<mult>[万亿千百](?![米瓦克]))?"
    r"(?P<unit>" + "|".join(re.escape(u) for u in UNITS) + r")"
    r"(?P<after>" + "|".join(AFTER) + r")?"
)
# Between the bottom and the top of a range: 4.5%—5%, 6.5%－7%, 5%～6%, 3%至4%.
RANGE_RE = re.compile(r"\s*(?:—{1,2}|－|～|~|-|–|至|到)\s*")
# Clause boundaries: the indicator of a target never crosses them.
CLAUSE_RE = re.compile(r"[，,；;：:。！？、]")
# A quotation's closing mark, by its opening one.
CLOSING = {"\"": "\"", "“": "”", "「": "」", "『": "』"}
# How far the words of a target's clause reach from its number: an indicator is a few
# words, and a clause of tens of thousands of characters would be read once a number.
CLAUSE_WINDOW = 300
# Words that frame a target without naming what is measured.
LEAD_WORDS = ("力争", "确保", "争取", "实现", "全年", "累计", "每年", "年内", "全市")
CONJUNCTIONS = ("和", "及", "与", "以及")


def extract_targets(sentence: str) -> tuple[Target, ...]:
    quoted = _quoted_spans(sentence)
    quoted_starts = [a for a, _ in quoted]
    bounds = [m.start() for m in CLAUSE_RE.finditer(sentence)]
    found: list[tuple[re.Match, str, str]] = []
    for match in TARGET_RE.finditer(sentence):
        start = match.start("value")
        inside = bisect_right(quoted_starts, start) - 1
        if inside >= 0 and start < quoted[inside][1]:
            continue
        previous = sentence[start - 1] if start else ""
        if found and RANGE_RE.fullmatch(sentence[found[-1][0].end():match.start()]) \
                and found[-1][0].group("unit") == match.group("unit"):
            found.append((match, "", ""))  # 4.5%—5%: the top of a range, read with its bottom below
            continue
        if previous.isascii() and (previous.isalpha() or previous in ".-–"):
            continue  # PM2.5, a range of years 2020-2035
        if previous == "第":
            continue
        before, after = _clause_around(sentence, match, bounds)
        found.append((match, before, after))

    targets = []
    for index, (match, before, after) in enumerate(found):
        bottom = index and RANGE_RE.fullmatch(sentence[found[index - 1][0].end():match.start()]) \
            and not before and not after
        if bottom:
            # 增长4.5%—5%: at least the bottom and at most the top, both of what the bottom measures.
            low = targets[-1]
            text = sentence[found[index - 1][0].start():match.end()]
            targets[-1] = Target(low.indicator, ">=", low.value, low.multiplier, low.unit, low.change, text)
            targets.append(Target(low.indicator, "<=", float(match.group("value")),
                                  MULTIPLIERS.get(match.group("mult") or "", 1), match.group("unit"), low.change,
                                  text))
            continue
        # 开工建设800个、完成600个村(组)优化提升: the first number shares the second's object.
        if not after and index + 1 < len(found) and _listed_together(sentence, match, found[index + 1][0]):
            after = found[index + 1][2]
        indicator = (before + after).strip()
        comparator, change = BEFORE.get(match.group("before") or "", ("=", None))
        if match.group("after"):
            comparator = AFTER[match.group("after")]
        if match.group("before") == "控制在" and not match.group("after"):
            comparator = "<="
        if match.group("more") and comparator in ("=", "~"):
            comparator = ">"
        multiplier = MULTIPLIERS.get(match.group("mult") or "", 1)
        targets.append(Target(
            indicator=indicator,
            comparator=comparator,
            value=float(match.group("value")),
            multiplier=multiplier,
            unit=match.group("unit"),
            change=change,
            text=match.group(0),
        ))
    # A number past what a float holds (hundreds of digits) is no figure a report means:
    # it stays in the sentence, not among the targets.
    return tuple(t for t in targets if math.isfinite(t.amount))


def _quoted_spans(sentence: str) -> list[tuple[int, int]]:
    """The spans of the quotations ("…", “…”, 「…」, 『…』), from each opening mark to the
    next closing one, left to right. A mark with no closing one after it opens nothing,
    nor does any later one of its kind: so a text of unclosed marks is read once."""
    spans, unclosed, at = [], set(), 0
    while at < len(sentence):
        closing = CLOSING.get(sentence[at])
        end = sentence.find(closing, at + 1) if closing is not None and closing not in unclosed else -1
        if end < 0:
            if closing is not None:
                unclosed.add(closing)
            at += 1
            continue
        spans.append((at, end + 1))
        at = end + 1
    return spans


def _clause_around(sentence: str, match: re.Match, bounds: list[int]) -> tuple[str, str]:
    """The words of the clause before and after the number: what is being measured.
    ``bounds``: where the sentence's clause boundaries are (CLAUSE_RE), in order."""
    start, end = match.start(), match.end()
    before_bound = bisect_left(bounds, start)
    clause_start = max(bounds[before_bound - 1] + 1 if before_bound else 0, start - CLAUSE_WINDOW)
    after_bound = bisect_left(bounds, end)
    clause_end = min(bounds[after_bound] if after_bound < len(bounds) else len(sentence), end + CLAUSE_WINDOW)
    before = sentence[clause_start:start]
    after = sentence[end:clause_end]
    # 完成全部垃圾处置终端和30%以上…: what precedes "和" is another object.
    for conjunction in CONJUNCTIONS:
        if before.endswith(conjunction):
            before = ""
    changed = True
    while changed:
        changed = False
        for word in LEAD_WORDS:
            if before.startswith(word) and len(before) > len(word):
                before, changed = before[len(word):], True
    # Another number in the same clause belongs to another target.
    before = TARGET_RE.split(before)[-1] if TARGET_RE.search(before) else before
    after = after[: m.start()] if (m := TARGET_RE.search(after)) else after
    if RANGE_RE.fullmatch(after):
        after = ""  # 4.5%—5%: the dash joins the range's two numbers
    return before.strip(), after.strip()


def _listed_together(sentence: str, first: re.Match, second: re.Match) -> bool:
    between = sentence[first.end():second.start()]
    return between.startswith("、") and not CLAUSE_RE.search(between[1:])
