"""One section's paragraphs → introduction, items and sentences.

A section's items are its paragraphs that start with the highest-level marker it
uses (see `markers.RANK`): in 一、 → （一） → 1. the items are the （一）s, and a 1.
paragraph inside one is simply more of its text, so item numbers stay unique in the
section. What comes before the first item is the introduction. An item's title is its
heading line, or the first sentence when the heading runs into the paragraph
(``1.优化城市功能。推进…``); its other sentences follow. A paragraph without a heading
is titled by its first sentence, which then still says something (`Item.titled`).

A section can hold more than one list. After an address to the deputies (各位代表！),
a paragraph that tells another period (五年来，… / 这五年，…), or the announcement of
the year's projects for the people (今年将办好十件民生实事：) come items of their own:
each paragraph one item (a heading line going with the paragraph after it), or the
members of a list with other markers (1.…10.). A list may also come before the
section's own (—— bullets of five years before the year's （一）). Such items are
numbered after the section's own, so that （十） stays item 10; what announces them is
their `lead`. Plan text after the last item (defence, foreign affairs, the government
itself) is therefore items, never lost to the closing.

Sections without markers: a flattened table whose rows are numbered 1, 2, 3 on lines
of their own makes one item per row; otherwise the first paragraph (and the year's
targets, if they follow) is the introduction and each later paragraph an item.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .clean import Line
from .markers import RANK, SALUTATION_RE, Marker, marker, structural, title_like
from .parts import AHEAD_RE, REVIEW_START_RE
from ..model import Item, Section, Sentence

# A sentence ends at 。！？ (or ASCII !?), taking any closing quotes or brackets with it.
SENTENCE_RE = re.compile(r"[^。！？!?]+(?:[。！？!?]+[”’\"'」』）)]*)?")
BARE_NUMBER_RE = re.compile(r"^\d{1,3}$")
CELL_RE = re.compile(r"^[^。！？!?；;]{1,15}$")
# The year's expected targets (主要预期目标是：…) and what is said of them (上述目标…).
TARGETS_TALK_RE = re.compile(r"预期目标|上述目标")
# A paragraph that turns to another period, after the year's list: 五年来，… / 这五年，…
PERIOD_TURN_RE = re.compile(r"^(过去的?五年|五年来|这五年|刚刚过去的|这一年)")
#: the kind of list of paragraphs under heading lines (这五年，我们… / 加快推进农业现代化。)
HEADED = "headed"
# A figure with its unit: what a heading never has (新建学校20所 / 增长5% / 2.1万人).
QUANTITY_RE = re.compile(r"\d+(?:\.\d+)?\s*(?:%|％|万|亿|千|百|个|所|家|座|条|项|处|公里|千米|米|亩|人|户|套|吨|元|辆|张)")
# 民生实事, 惠民实事, 为民办实事, 民生工程: the year's projects for the people.
PROJECTS_RE = re.compile(r"实事|民生工程|惠民工程")


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
    #: an unnumbered part's title (2023年工作回顾) over sections numbered 一、 again
    part_title: bool = False


def build_section(block: Block, notes: list[str]) -> Section:
    s = block.number
    paragraphs = _merge_cells(block.paragraphs)
    intro, groups = _group(paragraphs, block.part == "appendix")
    if block.part == "plan" and intro and not any(g.marked for g in groups):
        intro, groups = _plan_in_the_introduction(intro, groups)
    items = []
    for number, group in zip(_numbers(groups, s, notes), groups):
        sentences = [t for p in group.paragraphs for t in split_sentences(p.text)]
        if not sentences:
            notes.append(f"line {group.paragraphs[0].number if group.paragraphs else block.line}: "
                         f"an item with no text in section {s} was left out")
            continue
        # A heading names the item; an item that is one sentence says it all in that sentence,
        # and a first sentence with a figure in it (新建学校20所。…) says what will be done.
        run_in = len(split_sentences(group.paragraphs[0].text)) > 1
        titled = group.titled and len(sentences) > 1 and not (run_in and QUANTITY_RE.search(sentences[0]))
        items.append(Item(
            number=number,
            title=Sentence(f"s{s}-i{number}-0", sentences[0]),
            sentences=tuple(Sentence(f"s{s}-i{number}-{n}", t) for n, t in enumerate(sentences[1:], 1)),
            titled=titled,
            lead=numbered_sentences(f"s{s}-i{number}-l", group.lead),
        ))
    return Section(
        number=s,
        heading=Sentence(f"s{s}-h", block.heading) if block.heading else None,
        intro=numbered_sentences(f"s{s}-intro", intro),
        items=tuple(items),
        part=block.part,
        appendix=block.appendix,
    )


def _plan_in_the_introduction(intro: list[Line], groups: list["Group"]) -> tuple[list[Line], list["Group"]]:
    """A plan section without numbered items whose first paragraph, after a sentence
    or two that frame it, says what will be done (新使命…提出了更高要求。我们要坚决做到
    对党忠诚…): what it says from there is the section's first item, not introduction;
    so is the whole of a section's only paragraph."""
    last = intro[-1]
    if TARGETS_TALK_RE.search(last.text):
        return intro, groups
    sentences = split_sentences(last.text)
    turn = next((i for i, t in enumerate(sentences) if i and AHEAD_RE.match(t)), None)
    if turn is None:
        if groups or len(intro) > 1:
            return intro, groups
        turn = 0  # a section of one paragraph: it is the section's one item
    framing = [Line(last.number, "".join(sentences[:turn]), last.page_break)] if turn else []
    said = Line(last.number, "".join(sentences[turn:]), last.page_break)
    return [*intro[:-1], *framing], [Group(None, [said], False, _run_in_heading(said.text)), *groups]


def numbered_sentences(prefix: str, paragraphs: list[Line]) -> tuple[Sentence, ...]:
    """The sentences of paragraphs, anchored prefix-1, prefix-2…"""
    texts = [t for p in paragraphs for t in split_sentences(p.text)]
    return tuple(Sentence(f"{prefix}-{n}", t) for n, t in enumerate(texts, start=1))


@dataclass
class Group:
    """An item before it is built."""

    #: the number printed before it, when it has one of the section's item markers.
    printed: int | None
    paragraphs: list[Line]
    #: whether it carries the section's own item marker (（一）…), or is an unnumbered
    #: paragraph or a member of a list of another kind inside the section.
    marked: bool = True
    #: whether its first sentence is a heading rather than part of what it says.
    titled: bool = True
    lead: list[Line] = field(default_factory=list)


def _numbers(groups: list[Group], s: int, notes: list[str]) -> list[int]:
    """Item numbers: the printed ones of the section's own list, in order; the other
    items (unnumbered paragraphs, another list inside the section) after the highest
    of those, so that （十） stays item 10 wherever the other items stand."""
    numbers: list[int | None] = []
    top = 0
    for group in groups:
        if not group.marked:
            numbers.append(None)
            continue
        printed = group.printed
        number = printed if printed is not None and printed > top else top + 1
        if printed is not None and printed <= top:
            notes.append(f"line {group.paragraphs[0].number}: item {printed} in section {s} comes after "
                         f"item {top}; numbered {number} here")
        numbers.append(number)
        top = number
    free = iter(range(top + 1, top + 1 + numbers.count(None)))
    return [n if n is not None else next(free) for n in numbers]


def _group(paragraphs: list[Line], appendix: bool) -> tuple[list[Line], list[Group]]:
    """(introduction, items).

    The section's items are the paragraphs with its highest marker and what follows each.
    A section can hold more than one list, though: after an address to the deputies
    (各位代表！) or a paragraph that starts to tell another period (五年来，… / 这五年，…)
    come paragraphs that are items of their own (each paragraph one item, a heading line
    going with the paragraph after it), or a list with markers of another kind; the
    section's own markers take up its list again.
    """
    kinds = {found.kind for p in paragraphs if (found := marker(p.text))}
    # In the body 一、 is a section heading, never an item; in an appendix it numbers items.
    kind = next((k for k in RANK if k in kinds and (appendix or k != "section")), None)
    rows = _table_rows(paragraphs)
    marked = sum(1 for p in paragraphs if (m := marker(p.text)) and m.kind == kind)
    if rows and len(rows) >= 3 and len(rows) > marked:
        starts = rows + [len(paragraphs)]
        groups = [Group(int(paragraphs[a].text), paragraphs[a + 1:b]) for a, b in zip(starts, starts[1:])]
        return paragraphs[: rows[0]], groups

    intro: list[Line] = []
    groups: list[Group] = []
    lead: list[Line] = []
    heading: Line | None = None
    # The marker kind of the list being read; None: each paragraph is an item.
    listing = kind
    started = False
    if kind is None:
        # No markers: the first paragraph (after any address) introduces the items.
        first = next((i for i, p in enumerate(paragraphs) if not _address_only(p.text)), len(paragraphs))
        # …and so do the year's targets and what is said of them, a few paragraphs on.
        first = max([first, *(i for i, p in enumerate(paragraphs[:first + 6]) if TARGETS_TALK_RE.search(p.text))])
        intro, paragraphs = paragraphs[: first + 1], paragraphs[first + 1:]
        started = True

    def start(found: Marker | None, p: Line, own: bool, titled: bool = True):
        nonlocal lead, heading
        body = [Line(p.number, found.rest, p.page_break)] if found else [p]
        if heading is not None:
            body.insert(0, heading)
        groups.append(Group(found.number if own and found else None, body, own,
                            titled or heading is not None, lead))
        lead, heading = [], None

    for index, p in enumerate(paragraphs):
        found = marker(p.text)
        if kind and found and found.kind == kind:
            listing, started = kind, True
            start(found, p, own=True)
            continue
        salutation = SALUTATION_RE.match(p.text)
        following = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
        # Just before the section's first item, or before the words that announce it
        # (一年来，主要做了以下工作。), a paragraph still introduces the items.
        before_item = following is not None and (_marked(following.text, kind) or
                                                  not groups and _lead_in(following.text))
        # A list before the section's own (—— bullets of five years before （一） of the
        # year) is items too.
        other_list = bool(found and found.kind != "section" and (found.number or 1) == 1)
        # …and so is a run of paragraphs that each open with a short heading (综合实力稳步
        #提升。… / 产业转型提质增效。…), as a review of five years lists its fields.
        headed_run = all(_run_in_heading(q.text) and not marker(q.text) for q in paragraphs[index:index + 3]) \
            and len(paragraphs[index:index + 3]) == 3
        if not started and (not intro or _lead_in(p.text) or before_item
                            or not (salutation or REVIEW_START_RE.match(p.text) or other_list or headed_run)):
            intro.append(p)
            continue
        if not started:
            listing = None  # the introduction ends in a list other than the section's own
        started = True
        if salutation and before_item and p.text[salutation.end():].strip():
            if listing == kind and groups:
                # 各位代表！环境就是民生…我们要… just before the next （n）: the item's last word.
                groups[-1].paragraphs.append(p)
            else:
                lead.append(p)  # 各位代表！刚刚过去的一年… opening the list that follows
            continue
        if salutation:
            # 各位代表！ before a new list: the address is the list's lead, not an item.
            listing = None
            address, rest = p.text[: salutation.end()], p.text[salutation.end():].strip()
            lead.append(Line(p.number, address, p.page_break))
            if not rest:
                continue
            p = Line(p.number, rest, p.page_break)
            found = marker(p.text)
        elif REVIEW_START_RE.match(p.text) and (listing != kind or PERIOD_TURN_RE.match(p.text) and _has_body(groups)):
            listing = None  # 五年来，… after the year's list: another list begins
        elif listing == kind and _announces_projects(p.text, following):
            listing = None  # 今年将办好十件民生实事： between （九） and （十）: a list of its own
        if listing == HEADED and not found:
            # Paragraphs under a heading line go with it, up to the next heading line.
            if following is not None and _heading_line(p.text, following.text):
                heading = p
            elif heading is not None:
                start(None, p, own=False)
            else:
                groups[-1].paragraphs.append(p)
            continue
        if listing == HEADED:
            listing = None
        if listing is not None:
            if found and found.kind == listing:
                start(found, p, own=False)
            elif groups:
                groups[-1].paragraphs.append(p)
            else:
                intro.append(p)
            continue
        if found and found.kind != "section":
            listing = found.kind  # another list inside the section (1.…10. of 民生实事)
            start(found, p, own=False)
        elif following is not None and (_lead_in(p.text) or _announces_projects(p.text, following)
                                        or REVIEW_START_RE.match(p.text) and _marked(following.text, kind)):
            lead.append(p)  # …or 刚刚过去的2025年… just before the year's （一）
        elif heading is None and following is not None and _heading_line(p.text, following.text):
            heading, listing = p, HEADED
        else:
            start(None, p, own=False, titled=_run_in_heading(p.text))
    groups = _after_the_last_item(groups)
    _mend_glued_headings(groups)
    if heading is not None or lead:
        # Words after the last item that lead nowhere: keep them with the last item.
        if groups:
            groups[-1].paragraphs.extend([*lead, *([heading] if heading else [])])
        else:
            intro.extend([*lead, *([heading] if heading else [])])
    return intro, groups


def _has_body(groups: list[Group]) -> bool:
    """Whether the item being read has more than its heading line."""
    return bool(groups) and (len(groups[-1].paragraphs) > 1 or len(split_sentences(groups[-1].paragraphs[0].text)) > 1)


def _after_the_last_item(groups: list[Group]) -> list[Group]:
    """Paragraphs that follow the section's last item but are not like its items' text
    are items of their own: where every paragraph of the items opens with a short
    heading (加强安全生产管理。…), the paragraphs after the last such one (defence,
    ethnic affairs, foreign affairs after the plan's last （十）)."""
    own = [i for i, g in enumerate(groups) if g.marked]
    if len(own) < 3:
        return groups
    last, others = groups[own[-1]], [groups[i] for i in own[:-1]]
    bodies = [p for g in others for p in g.paragraphs[1:]]
    if len(bodies) < 3 or not all(_run_in_heading(p.text) for p in bodies):
        return groups
    headed = [i for i, p in enumerate(last.paragraphs) if i and _run_in_heading(p.text)]
    cut = max(headed, default=0) + 1
    extra = last.paragraphs[cut:]
    if not extra:
        return groups
    last.paragraphs = last.paragraphs[:cut]
    split = [Group(None, [p], False, _run_in_heading(p.text)) for p in extra]
    return groups[: own[-1] + 1] + split + groups[own[-1] + 1:]


def _mend_glued_headings(groups: list[Group]) -> None:
    """A heading glued to the end of the paragraph before it (…取得新成效。优化营商环境。 /
    深化放管服改革…) goes back to the paragraph it names, where the other paragraphs of
    the list open with a heading of their own."""
    free = [g for g in groups if not g.marked]
    if sum(1 for g in free if g.titled) < 2:
        return
    for before, after in zip(groups, groups[1:]):
        if after.marked or after.titled or before.marked:
            continue
        last = before.paragraphs[-1]
        sentences = split_sentences(last.text)
        if len(sentences) < 2 or not _run_in_heading(sentences[-1] + after.paragraphs[0].text):
            continue
        heading = sentences[-1]
        before.paragraphs[-1] = Line(last.number, "".join(sentences[:-1]), last.page_break)
        first = after.paragraphs[0]
        after.paragraphs[0] = Line(first.number, heading + first.text, first.page_break)
        after.titled = True


def _marked(text: str, kind: str | None) -> bool:
    found = marker(text)
    return bool(found and found.kind == kind)


def _address_only(text: str) -> bool:
    """各位代表！ on its own."""
    found = SALUTATION_RE.match(text)
    return bool(found and not text[found.end():].strip())


def _lead_in(text: str) -> bool:
    """A short paragraph that announces a list: 五年来主要做了以下工作。 / …做到“五个更加注重”："""
    return len(text) <= 60 and (bool(re.search(r"[：:]$", text))
                                or "以下" in text and text.endswith("。"))


def _announces_projects(text: str, following: Line | None) -> bool:
    """今年将继续办好十件民生实事： before a list 1.…: the year's projects for the people,
    which reports often set between two items of the plan."""
    found = following is not None and marker(following.text)
    return bool(found and found.number == 1 and PROJECTS_RE.search(text) and not marker(text))


def _heading_line(text: str, following: str) -> bool:
    """A heading on a line of its own, the paragraph after it its body: a title line, or
    one short sentence (这五年，我们…取得新突破。) before a longer paragraph."""
    if marker(following) or SALUTATION_RE.match(following):
        return False
    if title_like(text):
        return True
    return len(split_sentences(text)) == 1 and len(text) <= 45 and len(following) > 2 * len(text)


def _run_in_heading(text: str) -> bool:
    """A paragraph that opens with a short heading sentence (把牢思想之舵。…): the sentence
    names the paragraph rather than saying part of it."""
    sentences = split_sentences(text)
    if len(sentences) < 2:
        return False
    first = sentences[0]
    if re.match(r"(我们|今年|明年|要|将)", first):
        return False  # 我们要坚持依法行政。 says what will be done: it is not a name
    return len(first) <= 20 and len(re.findall(r"[，,、；;：:]", first)) <= 1 and not re.search(r"\d", first)


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
