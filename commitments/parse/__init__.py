"""Stage 1: report text → `Report` (parts, sections, items, sentences).

A work report is a wall of prose with a simple skeleton:

    masthead     政府工作报告 / ——2024年3月5日在…会议上 / 国务院总理 李强
    opening      各位代表：现在，我代表…
    sections     一、2023年工作回顾 (part "review")  二、2024年重点工作 (part "plan")
                 each an introduction, then items (perhaps several lists of them)
    closing      各位代表，…！
    appendices   附件1 十件民生实事 (part "appendix") / 名词解释 (glossary)

Sections are numbered 一、二、三、 or, in some reports, are unnumbered title lines.
Items and sub-levels are read by `sections`. The highest marker a section uses makes
its items, so a section of （一） sub-headings with paragraphs has one item per （一）
(its title the heading, its sentences the paragraphs), and 一、 → （一） → 1. also
gives one item per （一）, the 1. paragraphs being more of its text: item numbers stay
those printed and unique within the section, and no level is lost. Appendices are
numbered on after the last section, so their 一、 (a new count) gives ids that cannot
collide with the body's; numbering that starts again at 一、 inside the body is
numbered on the same way, with a note, unless unnumbered part titles stand over the
sections (2023年工作回顾 / 一、… / 2024年工作安排 / 一、…): each part title is then a
section of its own, and its kind is the kind of the sections under it. Ids of reports already published do not
change: a section's number is the one printed, an item's the one printed.

Copies of reports come wrapped in web pages and damaged in transit; the stages that
mend them each have a module: `clean` (encodings, HTML, footnote marks), `furniture`
(toolbars, metadata, footers), `unwrap` (broken lines), `front` (masthead), and
`appendix`. Nothing here knows which place wrote the report.

The closing address is the final address only: it begins at the last 各位代表 (or,
without one, the last 让我们…) after the last heading or item, since plan text often
follows an address of its own, and ends at its last exclamation (…而努力奋斗！); what
follows it before any appendix is furniture (a licence, the title repeated, other
reports' titles) unless it explains terms.
"""
from __future__ import annotations

import re
from pathlib import Path

from .appendix import Appendix, entry, glossary_entries, split_appendices, starts_appendix
from .clean import Line, clean
from .decode import han_share
from ..errors import ContentError
from .front import front_end, read_front
from .furniture import strip_furniture
from .markers import CLOSING_RE, SALUTATION_RE, chinese_number, closed, marker, prose, title_like
from ..model import Report, ReportMeta
from .parts import heading_part
from .sections import Block, build_section, numbered_sentences, split_sentences
from .unwrap import paragraphs as unwrap

__all__ = ["chinese_number", "parse_report", "split_sentences"]

NO_STRUCTURE = ("no recognisable structure: text before the first section, and no heading "
                "like '一、…' at the start of a line")
EXCLAIMED_RE = re.compile(r"[！!][”’」』）)]*$")
REPORT_TITLE_RE = re.compile(r"工作报告")


def parse_report(text: str, meta: ReportMeta, path: str | Path = "<report>") -> Report:
    """Parse a report; raise `ContentError` naming the file and line when it makes no sense."""
    if "\x00" in text:
        raise ContentError("NUL characters: a binary file, not a report", path,
                           text[: text.index("\x00")].count("\n") + 1)
    cleaned = clean(text)
    if not cleaned.lines:
        raise ContentError("the report is empty", path)
    _check_readable(cleaned.lines, path)
    notes = [f"line {n}: {c} unreadable character(s) (U+FFFD) kept as they are"
             for n, c in cleaned.damage]

    lines, furniture = strip_furniture(cleaned.lines)
    furniture += cleaned.cut
    paragraphs = unwrap(lines)
    start = front_end(paragraphs)
    masthead, front_furniture = read_front(paragraphs[:start])
    furniture += front_furniture
    body = paragraphs[start:]
    if not body:
        raise ContentError(NO_STRUCTURE, path, paragraphs[0].number if paragraphs else None)

    split = next((i for i, p in enumerate(body) if starts_appendix(p.text)), len(body))
    main, unlabelled = _unlabelled_appendix(body[:split])
    while len(main) > 1 and _repeated_title(main[-1].text):
        furniture.append((main[-1].number, main.pop().text))
    opening, blocks = _sections(main, meta.year, path, notes)
    closing, trailing = _closing(blocks[-1])
    # Notes on terms may follow the closing without a 名词解释 title: [1]“双碳”：…
    first_entry = next((i for i, p in enumerate(trailing) if entry(p.text)), len(trailing))
    if sum(1 for p in trailing if entry(p.text)) >= 2:
        unlabelled.insert(0, Appendix("", "名词解释", trailing[first_entry].number, trailing[first_entry:]))
        trailing = trailing[:first_entry]
    furniture += [(p.number, p.text) for p in trailing]

    appendices = unlabelled + split_appendices(body[split:])
    appendix_blocks, glossary = _appendices(appendices, blocks[-1].number, notes, furniture)
    sections = tuple(build_section(b, notes) for b in [*blocks, *appendix_blocks])
    return Report(
        meta=meta,
        sections=sections,
        closing=numbered_sentences("closing", closing),
        furniture=tuple(text for _, text in sorted(furniture, key=lambda f: f[0])),
        opening=numbered_sentences("opening", opening),
        masthead=tuple(masthead),
        glossary=tuple(glossary),
        notes=tuple(notes),
    )


def _check_readable(lines: list[Line], path) -> None:
    text = "".join(line.text for line in lines)
    damaged = text.count("\ufffd")
    if damaged >= 3 and damaged >= 0.01 * len(text):
        first = next(line.number for line in lines if "\ufffd" in line.text)
        raise ContentError(f"{damaged} unreadable characters (U+FFFD): the file was decoded with "
                           "the wrong encoding (GB18030 read as UTF-8?); save it again as UTF-8",
                           path, first)
    if han_share(text.replace("\ufffd", "")) < 0.3:
        raise ContentError("not Chinese text: a work report is written in Chinese "
                           "(or the file is in an encoding it was not read in)", path, lines[0].number)


# ---------------------------------------------------------------- sections


def _sections(main: list[Line], year: int | None, path, notes: list[str]) -> tuple[list[Line], list[Block]]:
    """(opening, section blocks) of the report body before any appendix."""
    numbered = any(_section_marker(p) for p in main)
    heads = [i for i, p in enumerate(main) if _section_marker(p)] if numbered else _title_lines(main)
    part_titles = _part_titles(main, heads) if numbered else []
    heads = sorted(heads + part_titles)
    if not heads:
        first_marked = next((p for p in main if marker(p.text)), None)
        if first_marked:
            raise ContentError("no recognisable section: numbered items but no heading like "
                               "'一、…' at the start of a line", path, first_marked.number)
        raise ContentError(NO_STRUCTURE, path, main[0].number if main else None)

    blocks: list[Block] = []
    printed: list[int] = []
    for index, end in zip(heads, [*heads[1:], len(main)]):
        head = main[index]
        if index in part_titles:
            number, heading = (blocks[-1].number + 1 if blocks else 1), head.text
        elif numbered:
            found = marker(head.text)
            number, heading = found.number, found.rest
            if printed and number <= printed[-1]:
                if number == 1 and blocks[-1].part_title:
                    pass  # the next part's numbering, under its own title
                elif number != 1:
                    raise ContentError(f"section {_numeral(head.text)}、 comes after section "
                                       f"{printed[-1]}; sections must be numbered in order", path, head.number)
                else:
                    notes.append(f"line {head.number}: section numbering starts again at 一、; "
                                 f"numbered {blocks[-1].number + 1} here")
            printed.append(number)
            number = max(number, blocks[-1].number + 1) if blocks else number
        else:
            number, heading = len(blocks) + 1, head.text
        blocks.append(Block(number, heading, head.number, main[index + 1:end], part_title=index in part_titles))

    # Before the first heading: the opening, then perhaps items of a section whose
    # heading is on an earlier page of a paged copy (kept under an empty heading).
    before = main[: heads[0]]
    first_item = next((i for i, p in enumerate(before) if marker(p.text)), len(before))
    opening, orphans = before[:first_item], before[first_item:]
    if orphans:
        if blocks[0].number <= 1:
            raise ContentError("numbered items come before the first section '一、'", path, orphans[0].number)
        blocks.insert(0, Block(blocks[0].number - 1, None, 0, orphans))

    part, in_part = "plan", False
    for block in blocks:
        first = block.paragraphs[0].text if block.paragraphs else None
        if block.part_title or not in_part:
            part = heading_part(block.heading, first, year) or part
        # Under a part's title (2023年工作回顾), its sections are of its kind whatever
        # their own headings say (民生任务圆满完成 is still the review).
        in_part = in_part or block.part_title
        block.part = part
    return opening, blocks


def _part_titles(main: list[Line], heads: list[int]) -> list[int]:
    """Unnumbered titles of parts above numbered sections.

    Either each part numbers its sections from 一、 again (2023年工作回顾 / 一、… 二、… /
    2024年工作安排 / 一、…), a part's title standing a few paragraphs (its introduction:
    the year's targets, say) before its first 一、; or the parts before the first 一、 are
    unnumbered title lines, the review without numbered sections at all (“十四五”时期发展
    成就和2025年工作回顾 / … / “十五五”时期主要目标和2026年重点工作 / … / 一、…)."""
    titles = _title_lines(main[: heads[0]]) if heads else []
    ones = [i for i, p in enumerate(main) if _section_marker(p) and marker(p.text).number == 1]
    if len(ones) < 2:
        return titles
    for one in ones:
        for j in range(one - 1, max(one - 5, -1), -1):
            text = main[j].text
            if marker(text) or SALUTATION_RE.match(text):
                break
            if title_like(text):
                titles.append(j)
                break
    return sorted(set(titles))


def _section_marker(p: Line) -> bool:
    found = marker(p.text)
    return bool(found and found.kind == "section")


def _numeral(text: str) -> str:
    return re.match(r"[一二三四五六七八九十]+", text).group(0)


def _title_lines(main: list[Line]) -> list[int]:
    """Unnumbered section headings: a title line between finished prose and prose."""
    heads = []
    for i, p in enumerate(main):
        if not title_like(p.text) or i + 1 >= len(main):
            continue
        before, after = main[i - 1].text if i else "。", main[i + 1].text
        if (closed(before) or SALUTATION_RE.match(before)) and prose(after) and not title_like(after):
            heads.append(i)
    return heads


# ---------------------------------------------------------------- closing


def _closing(last: Block) -> tuple[list[Line], list[Line]]:
    """(closing address, what trails it) taken from the end of the last section.

    Only the final address is the closing: plan text after the last numbered item
    (defence, Hong Kong and Macao, foreign affairs, the government's own conduct) often
    follows an address to the deputies of its own, so the closing starts at the last
    address (or, without one, at the last 让我们…) after the last item.
    """
    paragraphs = last.paragraphs
    marked = [i for i, p in enumerate(paragraphs) if marker(p.text)]
    after = marked[-1] if marked else 0
    addresses = [i for i, p in enumerate(paragraphs) if i > after and SALUTATION_RE.match(p.text)]
    calls = [i for i, p in enumerate(paragraphs) if i > after and CLOSING_RE.match(p.text)]
    start = addresses[-1] if addresses else calls[-1] if calls else None
    if start is None:
        return [], []
    closing = paragraphs[start:]
    del paragraphs[start:]
    ends = [i for i, p in enumerate(closing) if EXCLAIMED_RE.search(p.text) and len(p.text) > 8]
    end = ends[-1] + 1 if ends else len(closing)
    return closing[:end], closing[end:]


def _unlabelled_appendix(main: list[Line]) -> tuple[list[Line], list[Appendix]]:
    """Split off an appendix that has no 附件 label: numbering that starts again at 一、
    after the closing address, perhaps under a title line of its own."""
    last_head, last_number = None, 0
    for i, p in enumerate(main):
        found = marker(p.text)
        if not found or found.kind != "section":
            continue
        titled = i > 0 and title_like(main[i - 1].text)
        first = i - 1 if titled else i
        # After the closing address, whose last words are an exclamation (…而努力奋斗！),
        # not after a part of the report that ends with an address of its own.
        closed_before = last_head is not None and first > 0 and bool(EXCLAIMED_RE.search(main[first - 1].text)) \
            and any(SALUTATION_RE.match(q.text) for q in main[last_head + 2: i])
        if found.number == 1 and last_number >= 1 and closed_before:
            return main[:first], [Appendix("", main[first].text if titled else None, main[first].number,
                                           main[i:])]
        last_head, last_number = i, found.number
    return main, []


# ---------------------------------------------------------------- appendices


def _appendices(appendices: list[Appendix], number: int, notes: list[str],
                furniture: list[tuple[int, str]]) -> tuple[list[Block], list[tuple[str, str]]]:
    """Appendix sections, numbered on from `number`, and glossary entries."""
    sections: list[Block] = []
    glossary: list[tuple[str, str]] = []
    for appendix in appendices:
        kept = []
        for p in appendix.paragraphs:
            if _repeated_title(p.text):
                furniture.append((p.number, p.text))
            else:
                kept.append(p)
        if appendix.glossary:
            glossary += glossary_entries(kept, notes)
            continue
        number += 1
        sections.append(Block(number, appendix.title or appendix.label, appendix.line, kept,
                              part="appendix", appendix=appendix.name))
    return sections, glossary


def _repeated_title(text: str) -> bool:
    """A report's title (its own, repeated at the end of the page, or another's) is
    never part of the body or an appendix."""
    return bool(REPORT_TITLE_RE.search(text)) and title_like(text)
