"""One section's paragraphs → introduction, items and sentences.

A section's items are its paragraphs that start with the highest-level marker it
uses (see `markers.RANK`): in 一、 → （一） → 1. the items are the （一）s, and a 1.
paragraph inside one is simply more of its text, so item numbers stay unique in the
section. What comes before the first item is the introduction. An item's title is its
heading line, or the first sentence when the heading runs into the paragraph
(``1.优化城市功能。推进…``); its other sentences follow.

Sections without markers: a flattened table whose rows are numbered 1, 2, 3 on lines
of their own makes one item per row; otherwise the first paragraph is the
introduction and each later paragraph an item. After the last item, a paragraph
addressed to the deputies (各位代表！…) and what follows it are the section's outro;
so is what follows the last —— bullet, since a bullet is one paragraph.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .clean import Line
from .markers import RANK, SALUTATION_RE, marker, structural
from ..model import Item, Section, Sentence

# A sentence ends at 。！？ (or ASCII !?), taking any closing quotes or brackets with it.
SENTENCE_RE = re.compile(r"[^。！？!?]+(?:[。！？!?]+[”’\"'」』）)]*)?")
BARE_NUMBER_RE = re.compile(r"^\d{1,3}$")
CELL_RE = re.compile(r"^[^。！？!?；;]{1,15}$")


def split_sentences(text: str) -> list[str]:
    return [s.strip() for s in SENTENCE_RE.findall(text) if s.strip()]


@dataclass
class Block:
    """A section before it is built: its number, heading and paragraphs."""

    number: int
    heading: str | None
    line: int
    paragraphs: list[Line]
    part: str = "plan"
    appendix: str | None = None


def build_section(block: Block, notes: list[str]) -> Section:
    s = block.number
    paragraphs = _merge_cells(block.paragraphs)
    intro, groups, outro = _group(paragraphs, block.part == "appendix")
    items = []
    top = 0
    for printed, group in groups:
        sentences = [t for p in group for t in split_sentences(p.text)]
        if not sentences:
            notes.append(f"line {group[0].number if group else block.line}: an item with no text "
                         f"in section {s} was left out")
            continue
        number = printed if printed is not None and printed > top else top + 1
        if printed is not None and printed <= top:
            notes.append(f"line {group[0].number}: item {printed} in section {s} comes after item "
                         f"{top}; numbered {number} here")
        top = number
        items.append(Item(
            number=number,
            title=Sentence(f"s{s}-i{number}-0", sentences[0]),
            sentences=tuple(Sentence(f"s{s}-i{number}-{n}", t) for n, t in enumerate(sentences[1:], 1)),
        ))
    return Section(
        number=s,
        heading=Sentence(f"s{s}-h", block.heading) if block.heading else None,
        intro=numbered_sentences(f"s{s}-intro", intro),
        items=tuple(items),
        part=block.part,
        appendix=block.appendix,
        outro=numbered_sentences(f"s{s}-outro", outro),
    )


def numbered_sentences(prefix: str, paragraphs: list[Line]) -> tuple[Sentence, ...]:
    """The sentences of paragraphs, anchored prefix-1, prefix-2…"""
    texts = [t for p in paragraphs for t in split_sentences(p.text)]
    return tuple(Sentence(f"{prefix}-{n}", t) for n, t in enumerate(texts, start=1))


Group = tuple[int | None, list[Line]]


def _group(paragraphs: list[Line], appendix: bool) -> tuple[list[Line], list[Group], list[Line]]:
    """(introduction, items as (printed number, paragraphs), outro)."""
    kinds = {found.kind for p in paragraphs if (found := marker(p.text))}
    # In the body 一、 is a section heading, never an item; in an appendix it numbers items.
    kind = next((k for k in RANK if k in kinds and (appendix or k != "section")), None)
    rows = _table_rows(paragraphs)
    marked = sum(1 for p in paragraphs if (m := marker(p.text)) and m.kind == kind)
    if rows and len(rows) >= 3 and len(rows) > marked:
        starts = rows + [len(paragraphs)]
        groups = [(int(paragraphs[a].text), paragraphs[a + 1:b]) for a, b in zip(starts, starts[1:])]
        return paragraphs[: rows[0]], groups, []
    if kind is None:
        intro, rest = paragraphs[:1], paragraphs[1:]
        cut = next((i for i, p in enumerate(rest) if SALUTATION_RE.match(p.text)), len(rest))
        return intro, [(None, [p]) for p in rest[:cut]], rest[cut:]
    intro: list[Line] = []
    groups: list[Group] = []
    for p in paragraphs:
        found = marker(p.text)
        if found and found.kind == kind:
            groups.append((found.number, [Line(p.number, found.rest, p.page_break)]))
        elif groups:
            groups[-1][1].append(p)
        else:
            intro.append(p)
    outro: list[Line] = []
    if groups:
        last = groups[-1][1]
        cut = 1 if kind == "bullet" else next(
            (i for i, p in enumerate(last) if i and SALUTATION_RE.match(p.text)), len(last))
        outro, last[cut:] = last[cut:], []
    if kind == "bullet":  # bullets are not numbered: number them in order
        groups = [(n, g) for n, (_, g) in enumerate(groups, start=1)]
    return intro, groups, outro


def _table_rows(paragraphs: list[Line]) -> list[int]:
    """Indexes of the lines 1, 2, 3… that start the rows of a flattened table."""
    rows, expected = [], 1
    for index, p in enumerate(paragraphs):
        if BARE_NUMBER_RE.match(p.text) and int(p.text) == expected:
            rows.append(index)
            expected += 1
    return rows


def _merge_cells(paragraphs: list[Line]) -> list[Line]:
    """Runs of three or more table cells (short, no sentence in them) → one line.

    A flattened table puts each cell on a line of its own (总投资 / 6.77亿元 / 2022年):
    kept as lines they would read as sentences, or a figure as a numbered item.
    """
    merged: list[Line] = []
    run: list[Line] = []
    for p in [*paragraphs, None]:
        if p is not None and CELL_RE.match(p.text) and not BARE_NUMBER_RE.match(p.text) \
                and not structural(p.text):
            run.append(p)
            continue
        if len(run) >= 3:
            merged.append(Line(run[0].number, " ".join(c.text for c in run), run[0].page_break))
        else:
            merged.extend(run)
        run = []
        if p is not None:
            merged.append(p)
    return merged
