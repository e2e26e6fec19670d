"""A report's full text in parts, each page within the page budget (issue 16).

A report's text on one page weighs what the report weighs: up to 165 KB for a province's
report, against 50 KB a page. A report over the budget is shown in parts, as a GOV.UK
guide of several parts: one part a top-level section (the opening with the first; the
closing and the terms explained with the part before them when they fit), a section
too long for one part cut between its items, and an item too long for one part
between its sentences, so that it holds for any report, even one with no headings.
The first part keeps the report's address (old links still land); the others are
…/part/2/, …/part/3/. A report within the budget is one page, as it always was.

How long a part is comes from the report's Chinese text alone (report.txt): never from
its English, which an editor may change without the pages that link into the text
(a commitment's "this sentence in the report") being made again (commitments/page_inputs.py).
The estimate allows for the English, which is about twice the bytes of the Chinese,
and for each sentence's anchor and link.
"""
from __future__ import annotations

import weakref
from dataclasses import dataclass
from math import ceil

from ..model import Item, Section, Sentence

#: Estimated bytes of text in one part: a page is at most 50 KB, of which the page's
#: header, navigation and footer take 5 KB and the list of parts and the links to
#: the parts before and after a few more.
TEXT_BUDGET = 40_000
#: English bytes for one byte of Chinese: 2.0 in the bundled report's translation.
ENGLISH_RATIO = 2.1
#: A sentence's markup: its anchor, a link to its commitment, a language mark (55 to
#: 60 bytes a sentence on the bundled report's pages).
SENTENCE_MARKUP = 80


@dataclass(frozen=True)
class Block:
    """A heading or a paragraph of a section, in the order the page shows them.

    `kind`: "heading" (an item's numbered heading, `item`), "lead" (a paragraph that
    follows the heading before it: the section's introduction, an item's lead, the
    sentences under an item's heading) or "paragraph" (an item without a heading)."""

    kind: str
    sentences: tuple[Sentence, ...] = ()
    item: Item | None = None

    @property
    def anchors(self) -> tuple[str, ...]:
        if self.item is not None:
            return (self.item.title.anchor,)
        return tuple(s.anchor for s in self.sentences)


@dataclass(frozen=True)
class Piece:
    """What one part shows of the report: its opening, a section (or `number` of
    `count` pieces of a long one), the closing or the terms explained."""

    kind: str  # "opening", "section", "closing", "glossary"
    section: Section | None = None
    blocks: tuple[Block, ...] = ()
    number: int = 1
    count: int = 1

    @property
    def group(self) -> str:
        """The heading this piece stands under: the review, the plan, the appendices."""
        return self.section.part if self.section is not None else self.kind

    @property
    def heading_id(self) -> str:
        """The id of the piece's heading: a section's own for its first piece."""
        section = self.section
        own = section.heading.anchor if section.heading else section.anchor
        return own if self.number == 1 else f"{own}-{self.number}"


@dataclass(frozen=True)
class Part:
    number: int
    pieces: tuple[Piece, ...]

    @property
    def title_piece(self) -> Piece:
        """The piece that names the part in the list of parts: its first section."""
        return next((p for p in self.pieces if p.kind == "section"), self.pieces[0])


@dataclass(frozen=True)
class ReportText:
    parts: tuple[Part, ...]
    #: the part (its number) of each anchor of the text: sentences and headings
    where: dict

    def part_of(self, anchor: str | None) -> int:
        return self.where.get(anchor, 1) if anchor else 1

    def part(self, number: int) -> Part | None:
        return self.parts[number - 1] if 1 <= number <= len(self.parts) else None


def _size(sentences) -> int:
    return sum(ceil(ENGLISH_RATIO * len(s.text.encode())) + SENTENCE_MARKUP for s in sentences)


def _blocks(section: Section) -> list[Block]:
    blocks = [Block("lead", section.intro)] if section.intro else []
    for item in section.items:
        if item.lead:
            blocks.append(Block("lead", item.lead))
        if item.titled:
            blocks.append(Block("heading", item=item))
            if item.sentences:
                blocks.append(Block("lead", item.sentences))
        else:
            blocks.append(Block("paragraph", item.paragraph))
    return blocks


def _block_size(block: Block) -> int:
    return _size((block.item.title,) if block.item else block.sentences)


def _runs(blocks: list[Block]) -> list[list[Block]]:
    """Blocks that stay on one page: a heading with the paragraph under it; a paragraph
    over the budget cut between its sentences."""
    runs: list[list[Block]] = []
    for block in blocks:
        if block.kind != "heading" and _block_size(block) > TEXT_BUDGET:
            chunks, size = [[]], 0
            for sentence in block.sentences:
                if chunks[-1] and size + _size((sentence,)) > TEXT_BUDGET:
                    chunks.append([])
                    size = 0
                chunks[-1].append(sentence)
                size += _size((sentence,))
            cut = [Block(block.kind if n == 0 else "paragraph", tuple(c)) for n, c in enumerate(chunks)]
        else:
            cut = [block]
        for piece in cut:
            if runs and runs[-1][-1].kind == "heading":
                runs[-1].append(piece)
            else:
                runs.append([piece])
    return runs


def _section_pieces(section: Section, used: int = 0) -> list[Piece]:
    """A section as one piece, or as several that each fit the budget; the first in
    what is left of it (`used`: by the opening before it on the same page)."""
    blocks = _blocks(section)
    heading = _size((section.heading,)) if section.heading else 0
    if used + heading + sum(map(_block_size, blocks)) <= TEXT_BUDGET:
        return [Piece("section", section, tuple(blocks))]
    chunks: list[list[Block]] = [[]]
    size = used + heading
    for run in _runs(blocks):
        run_size = sum(map(_block_size, run))
        if chunks[-1] and size + run_size > TEXT_BUDGET:
            chunks.append([])
            size = heading
        chunks[-1] += run
        size += run_size
    return [Piece("section", section, tuple(chunk), n, len(chunks)) for n, chunk in enumerate(chunks, 1)]


def split(report) -> ReportText:
    """The report's text in parts (one when it fits the budget)."""
    sections = {part: [s for s in report.sections if s.part == part] for part in ("review", "plan", "appendix")}
    opening = [Piece("opening")] if report.opening else []
    closing = [Piece("closing")] if report.closing else []
    glossary = [Piece("glossary")] if report.glossary else []
    sizes = {"opening": _size(report.opening), "closing": _size(report.closing),
             "glossary": sum(len(t.encode()) + len(x.encode()) + 20 for t, x in report.glossary)}
    whole = [*opening, *(Piece("section", s, tuple(_blocks(s))) for s in sections["review"] + sections["plan"]),
             *closing, *(Piece("section", s, tuple(_blocks(s))) for s in sections["appendix"]), *glossary]
    pieces_size = sum(sizes[p.kind] if p.section is None else
                      _size(p.section.sentences()) for p in whole)
    if pieces_size <= TEXT_BUDGET:
        parts = [whole]
    else:
        parts = [[]]
        size = 0
        body = sections["review"] + sections["plan"]
        first = _section_pieces(body[0], sizes["opening"]) if body else []
        for piece in [*opening, *first, *(p for s in body[1:] for p in _section_pieces(s)),
                      *closing, *(p for s in sections["appendix"] for p in _section_pieces(s)), *glossary]:
            piece_size = sizes[piece.kind] if piece.section is None else (
                _size((piece.section.heading,) if piece.section.heading else ()) + sum(map(_block_size, piece.blocks)))
            # A section starts a part, unless the part holds only the opening and it
            # fits; the closing and the terms join the part before them when they fit.
            if parts[-1] and (size + piece_size > TEXT_BUDGET or (
                    piece.kind == "section" and any(p.kind == "section" for p in parts[-1]))):
                parts.append([])
                size = 0
            parts[-1].append(piece)
            size += piece_size
    return _text(parts, report)


def _text(parts: list[list[Piece]], report) -> ReportText:
    where: dict[str, int] = {}
    made = []
    for number, pieces in enumerate(parts, 1):
        made.append(Part(number, tuple(pieces)))
        for piece in pieces:
            for anchor in _anchors(piece, report):
                where.setdefault(anchor, number)
    return ReportText(tuple(made), where)


def _anchors(piece: Piece, report):
    """The ids a piece's page holds, for links into the text."""
    if piece.kind == "opening":
        yield from (s.anchor for s in report.opening)
    elif piece.kind == "closing":
        yield "closing"
        yield from (s.anchor for s in report.closing)
    elif piece.kind == "glossary":
        yield "report-glossary"
    elif piece.section is not None:
        yield "part-" + piece.section.part
        yield piece.heading_id
        yield piece.section.anchor
        if piece.number == 1 and piece.section.heading:
            yield piece.section.heading.anchor
        for block in piece.blocks:
            yield from block.anchors


#: Each report's parts, made once per process (the split reads only the report's text),
#: by the report object: held weakly, so a reloaded library's reports are not kept.
_made: dict[int, tuple[weakref.ref, ReportText]] = {}


def report_text(edition) -> ReportText:
    """The edition's text in parts."""
    report = edition.report
    ref, text = _made.get(id(report), (None, None))
    if ref is None or ref() is not report:
        text = split(report)
        _made[id(report)] = (weakref.ref(report, lambda _, key=id(report): _made.pop(key, None)), text)
    return text


def report_parts(library):
    """The values of every part of a report's text after its first: each report's at
    /reports/<name>/part/<n>/, and the default report's at /report/part/<n>/ too."""
    for edition in library.editions:
        numbers = range(2, len(report_text(edition).parts) + 1)
        if edition is library.default_edition:
            for number in numbers:
                yield {"part": number}
        for number in numbers:
            yield {"report_slug": edition.slug, "part": number}
