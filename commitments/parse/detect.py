"""Who, where and when, read from a report's own text: a first draft of report.yaml.

The masthead says it most reliably: the date line names the session (——2024年1月31日
在保定市第十五届人民代表大会第六次会议上) and the speaker line the office (广东省省长).
Failing those, the page title (2026年甘肃省政府工作报告) or the opening (我代表顺平县
人民政府) name the place. Only the top of the report is read, so that the titles of
other reports listed in a page's footer cannot be mistaken for this one's.
report.yaml stays the authority; this only proposes.
"""
from __future__ import annotations

import re

from .clean import clean
from .front import SPEAKER_RE, front_end, read_front
from .furniture import strip_furniture
from .markers import DATE_LINE_RE, DATE_RE, SALUTATION_RE, chinese_number, marker
from .parts import heading_part
from .unwrap import paragraphs

PLACE = r"([\u4e00-\u9fff]{1,12}?(?:自治区|自治州|自治县|省|市|州|盟|县|旗|区))"
# Where the place is named, most reliable first.
PLACE_RES = (
    re.compile(r"在" + PLACE + r"第?[一二三四五六七八九十]+届人民代表大会"),
    re.compile(r"^" + PLACE + r"(?:人民政府)?(?:代理)?(?:代)?(?:省长|市长|县长|区长|州长|旗长|盟长|主席)"),
    re.compile(r"(?:\d{4}年)?" + PLACE + r"(?:人民)?政府工作报告"),
    re.compile(PLACE + r"\d{4}\s*年(?:人民)?政府工作报告"),  # 保定市清苑区2023年政府工作报告
    re.compile(r"代表" + PLACE + r"人民政府"),
)
NATIONAL_RE = re.compile(r"全国人民代表大会|国务院总理|我代表国务院")
LEVELS = (("自治区", "省"), ("省", "省"), ("自治州", "市"), ("州", "市"), ("盟", "市"), ("市", "市"),
          ("自治县", "县"), ("县", "县"), ("旗", "县"), ("区", "区"))
TITLE_RE = re.compile(r"(?:标题[:：]\s*)?(\S{0,30}政府工作报告)")
YEAR_TITLE_RE = re.compile(r"((?:19|20)\d\d)\s*年")
OPENING_PARAGRAPHS = 3


def detect_meta(text: str) -> dict:
    """{"place", "level", "year", "title", "date"}: whatever the text tells, nothing guessed.

    `level` is 国家 (the State Council's report), 省, 市, 县 or 区; `date` is the day
    the report was delivered, as YYYY-MM-DD. Keys the text says nothing about are absent.
    """
    head, headings = _read(text)
    found: dict = {}
    date = _date(head)
    if date:
        found["date"] = date
    if any(NATIONAL_RE.search(line) for line in head):
        found["place"], found["level"] = "中国", "国家"
    else:
        place = _place(head)
        if place:
            found["place"] = place
            found["level"] = next(level for suffix, level in LEVELS if place.endswith(suffix))
    title = _title(head)
    if title:
        found["title"] = title
    year = _year(title, date, headings)
    if year:
        found["year"] = year
    return found


def _read(text: str) -> tuple[list[str], list[str]]:
    """(the top of the report: masthead, page header and first paragraphs; its section headings)."""
    lines, furniture = strip_furniture(clean(text).lines)
    paras = paragraphs(lines)
    start = front_end(paras)
    masthead, page_header = read_front(paras[:start])
    first = paras[start].number if start < len(paras) else float("inf")
    # 标题：… of a scraper, the page's title; not the titles listed in its footer.
    header = [t for n, t in sorted(furniture + page_header) if n < first]
    opening = [p.text for p in paras[start: start + OPENING_PARAGRAPHS]]
    headings = [m.rest for p in paras[start:] if (m := marker(p.text)) and m.kind == "section"]
    return masthead + header + opening, headings


def _date(head: list[str]) -> str | None:
    for line in head:
        if DATE_LINE_RE.match(line) or SALUTATION_RE.match(line):
            match = re.search(DATE_RE, line)
            if match:
                year, month, day = (_number(g) for g in match.groups())
                if year and month and day and 1 <= month <= 12 and 1 <= day <= 31:
                    return f"{year:04d}-{month:02d}-{day:02d}"
    return None


def _number(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    if len(text) == 4:  # 二〇二六: digit by digit
        digits = [{"〇": 0, "零": 0, "○": 0, "Ｏ": 0}.get(c, chinese_number(c)) for c in text]
        return None if None in digits else int("".join(map(str, digits)))
    return chinese_number(text)


def _place(head: list[str]) -> str | None:
    for regex in PLACE_RES:
        for line in head:
            match = regex.search(line)
            # 市长 is only an office in a speaker line, not in 发文单位：保定市人民政府.
            if match and (regex is not PLACE_RES[1] or SPEAKER_RE.match(line)):
                return match.group(1)
    return None


def _title(head: list[str]) -> str | None:
    # A title line, not a sentence that mentions the report (现在，我代表…作政府工作报告).
    titles = [m.group(1) for line in head if len(line) <= 50 and (m := TITLE_RE.search(line))
              and not re.search(r"[，,。；;！!？?]|作政府工作报告|代表", m.group(1))]
    # The most specific title: one that names the year or the place.
    return max(titles, key=len) if titles else None


def _year(title: str | None, date: str | None, headings: list[str]) -> int | None:
    if title and (match := YEAR_TITLE_RE.search(title)):
        return int(match.group(1))
    if date:
        return int(date[:4])  # reports are delivered early in the year they plan
    for heading in headings:  # 二、2023年工作安排 / 一、2022年工作回顾
        if match := YEAR_TITLE_RE.search(heading):
            year = int(match.group(1))
            return year + 1 if heading_part(heading, None, None) == "review" else year
    return None
