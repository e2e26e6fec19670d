"""Which part of the report a section is: the review of past work or the plan.

A work report first looks back (2023年工作回顾: what was achieved) and then ahead
(2024年重点工作: what the government will do). Only the plan commits the
government. A heading says which by its words (回顾, 成就 / 目标, 任务, 安排) or by its
year: a year before the report's is the past. A heading with no such sign belongs to
the part before it. An appendix commits when it lists the year's work (十件民生实事),
not when it reports progress (进展情况).
"""
from __future__ import annotations

import re

from ..model import Section
from .markers import chinese_number

REVIEW_RE = re.compile(r"回顾|总结|成就|成绩|进展情况|完成情况|执行情况|落实情况")
PLAN_RE = re.compile(r"目标|任务|重点工作|工作安排|安排|部署|思路|打算|建议|计划|自身建设|展望|重点|考虑|总体要求|纲要")
# The first words of a paragraph that looks back: 过去一年 / 五年来 / 2020年，
REVIEW_START_RE = re.compile(r"^(过去的?一年|过去的?五年|一年来|五年来|这一年|这五年|刚刚过去的)")
YEAR_RE = re.compile(r"((?:19|20)\d\d)\s*年")
# “十四五” / 十五五: the N-th five-year plan.
FIVE_YEAR_PLAN_RE = re.compile(r"(十[一二三四五六七八九]?|[九])五(?:”|\"|规划|时期|期间|开局|发展)")
# A sentence that looks ahead: 今年… / 在新的一年里… / 我们要… / 要…
AHEAD_RE = re.compile(r"^(在?新的一年|今年|明年|今后|下一步|未来|面向未来|展望|我们要|我们将|要|将)")


def heading_part(heading: str | None, first_paragraph: str | None, year: int | None) -> str | None:
    """"review", "plan", or None when nothing tells."""
    if heading:
        # A heading that looks both ways (…发展成就和…主要目标任务, 重点工作完成情况)
        # is about what it names last.
        review = [m.end() for m in REVIEW_RE.finditer(heading)]
        plan = [m.end() for m in PLAN_RE.finditer(heading)]
        if review or plan:
            return "review" if max(review, default=-1) > max(plan, default=-1) else "plan"
        years = [int(y) for y in YEAR_RE.findall(heading)]
        if year and years:
            return "review" if max(years) < year else "plan"
        if kind := _five_year_plan(heading, year):
            return kind
    if not first_paragraph:
        return None
    if REVIEW_START_RE.match(first_paragraph):
        return "review"
    # 2023年，全市上下… / 2026年是“十五五”开局之年: a section that starts with a year.
    if year and (match := re.match(r"((?:19|20)\d\d)\s*年[，,是]", first_paragraph)):
        return "review" if int(match.group(1)) < year else "plan"
    first = re.split(r"[。！？]", first_paragraph, maxsplit=1)[0]
    if AHEAD_RE.match(first) or re.search(r"我们将|我们要", first):
        return "plan"  # 作风建设永远没有休止符，我们将继续加强…
    return _five_year_plan(first, year)


def _five_year_plan(text: str, year: int | None) -> str | None:
    """“十五五”时期…: the review of a five-year plan that ended before the report's year,
    or a plan that runs from it on (the N-th plan runs from 1951 + 5N: 十四五 2021–2025)."""
    plans = [chinese_number(m.group(1)) for m in FIVE_YEAR_PLAN_RE.finditer(text)]
    if not year or not plans or None in plans:
        return None
    return "review" if 1951 + 5 * plans[-1] + 4 < year else "plan"


def appendix_commits(title: str | None, year: int | None) -> bool:
    if not title:
        return True
    if REVIEW_RE.search(title):
        return False
    years = [int(y) for y in YEAR_RE.findall(title)]
    return not (year and years and max(years) < year)


def commits(section: Section, year: int | None) -> bool:
    """Whether the sentences of this section's items are commitments."""
    if section.part == "appendix":
        return appendix_commits(section.appendix, year)
    return section.part == "plan"
