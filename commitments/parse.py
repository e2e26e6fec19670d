"""Stage 1: report text → `Report` (sections, items, sentences).

A work report is a wall of prose with a simple skeleton: top-level sections
numbered 一、二、三…, each an introduction paragraph then numbered items
(``1.优化城市功能。…``) whose first sentence is the item's title, and a closing
address (``各位代表，…``). Web copies add page furniture: the page title, 上一篇/下一篇
links. Nothing here knows which city wrote the report.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .errors import ContentError
from .model import Item, Report, ReportMeta, Section, Sentence

CHINESE_DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
                  "六": 6, "七": 7, "八": 8, "九": 9}

SECTION_RE = re.compile(r"^([一二三四五六七八九十]{1,3})[、.．]\s*(\S.*)$")
ITEM_RE = re.compile(r"^(\d{1,2})[.．、]\s*(\D.*)$")
FURNITURE_RES = (
    re.compile(r"^(上一篇|下一篇)\s*[:：]"),
    re.compile(r"[(（]第\s*\d+\s*/\s*\d+\s*页[)）]\s*$"),
)
CLOSING_RE = re.compile(r"^(各位代表|同志们)")
# A sentence ends at 。！？ (or ASCII !?), taking any closing quotes or brackets with it.
SENTENCE_RE = re.compile(r"[^。！？!?]+(?:[。！？!?]+[”’\"'」』）)]*)?")
# Whitespace web pages leave behind: ideographic space, no-break space, zero-width marks.
INVISIBLE_RE = re.compile(r"[\s\u3000\u00a0\u200b\u200c\u200d\ufeff]+")


def chinese_number(numeral: str) -> int:
    """一 → 1, 十 → 10, 十二 → 12, 二十三 → 23."""
    if "十" not in numeral:
        return CHINESE_DIGITS[numeral]
    tens, _, units = numeral.partition("十")
    return (CHINESE_DIGITS[tens] if tens else 1) * 10 + (CHINESE_DIGITS[units] if units else 0)


def split_sentences(text: str) -> list[str]:
    return [s.strip() for s in SENTENCE_RE.findall(text) if s.strip()]


@dataclass
class _Line:
    number: int
    text: str


@dataclass
class _SectionDraft:
    number: int
    heading: str | None
    line: int
    intro: list[str]
    items: list[tuple[int, list[str]]]


def parse_report(text: str, meta: ReportMeta, path: str | Path = "<report>") -> Report:
    """Parse a report; raise `ContentError` naming the file and line when it makes no sense."""
    lines = [
        _Line(n, INVISIBLE_RE.sub(" ", raw).strip())
        for n, raw in enumerate(text.splitlines(), start=1)
    ]
    lines = [ln for ln in lines if ln.text]
    if not lines:
        raise ContentError("the report is empty", path)

    furniture: list[str] = []
    drafts: list[_SectionDraft] = []
    orphans: list[tuple[int, list[str]]] = []  # items before the first heading we have
    closing: list[str] = []
    for index, line in enumerate(lines):
        if _is_furniture(line.text, first=index == 0):
            furniture.append(line.text)
            continue
        if closing or CLOSING_RE.match(line.text):
            closing.append(line.text)
            continue
        if match := SECTION_RE.match(line.text):
            number = chinese_number(match.group(1))
            if drafts and number <= drafts[-1].number:
                raise ContentError(
                    f"section {match.group(1)}、 comes after section {drafts[-1].number}; "
                    "sections must be numbered in order", path, line.number)
            drafts.append(_SectionDraft(number, match.group(2), line.number, [], []))
            continue
        item = ITEM_RE.match(line.text)
        current_items = drafts[-1].items if drafts else orphans
        if item:
            current_items.append((int(item.group(1)), [item.group(2)]))
        elif current_items:
            # A paragraph after an item continues that item.
            current_items[-1][1].append(line.text)
        elif drafts:
            drafts[-1].intro.append(line.text)
        else:
            raise ContentError(
                "text before the first section or numbered item: expected a heading like "
                "'一、…' or an item like '1.…'", path, line.number)

    if not drafts:
        raise ContentError(
            "no recognisable section: expected headings like '一、…' at the start of a line", path)
    if orphans:
        # The report was published in pages: these items belong to the section whose
        # heading is on an earlier page. Keep them, with an honest empty heading.
        drafts.insert(0, _SectionDraft(drafts[0].number - 1, None, 0, [], orphans))
        if drafts[0].number < 1:
            raise ContentError("numbered items come before the first section '一、'", path)

    return Report(
        meta=meta,
        sections=tuple(_build_section(d, path) for d in drafts),
        closing=tuple(
            Sentence(f"closing-{n}", s)
            for n, s in enumerate(split_sentences(" ".join(closing)), start=1)
        ),
        furniture=tuple(furniture),
    )


def _is_furniture(text: str, first: bool) -> bool:
    if any(r.search(text) for r in FURNITURE_RES):
        return True
    # The page title: the first line, a title rather than a sentence.
    return first and "报告" in text and not re.search(r"[。！？]", text) and len(text) <= 60


def _build_section(draft: _SectionDraft, path) -> Section:
    s = draft.number
    seen: set[int] = set()
    items = []
    for number, paragraphs in draft.items:
        if number in seen:
            raise ContentError(f"item {number}. appears twice in section {s}", path, draft.line or None)
        seen.add(number)
        sentences = split_sentences(" ".join(paragraphs))
        items.append(Item(
            number=number,
            title=Sentence(f"s{s}-i{number}-0", sentences[0]),
            sentences=tuple(
                Sentence(f"s{s}-i{number}-{n}", text)
                for n, text in enumerate(sentences[1:], start=1)
            ),
        ))
    return Section(
        number=s,
        heading=Sentence(f"s{s}-h", draft.heading) if draft.heading else None,
        intro=tuple(
            Sentence(f"s{s}-intro-{n}", text)
            for n, text in enumerate(split_sentences(" ".join(draft.intro)), start=1)
        ),
        items=tuple(items),
    )
