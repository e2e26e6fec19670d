"""A report's text in parts (commitments/web/report_text.py): every part within the
budget, every sentence in one part and in reading order, on real reports, and on a
real report's text stripped of all its headings and paragraphs (one untitled paragraph
as long as the report), which must still be cut into parts that fit."""
from __future__ import annotations

from dataclasses import replace

import pytest

from commitments.inspect import read
from commitments.library import read_report
from commitments.model import Item, Section
from commitments.web import report_text
from commitments.web.report_text import TEXT_BUDGET, Piece, split

from .conftest import BUNDLED, SHARED

CORPUS = SHARED / "corpus"


def corpus(name: str):
    path = CORPUS / name
    if not path.is_file():
        pytest.skip("../shared/corpus is not beside the project")
    return read(path)


def shown(piece: Piece, report):
    """The sentences a piece shows, in order."""
    if piece.kind == "opening":
        return list(report.opening)
    if piece.kind == "closing":
        return list(report.closing)
    if piece.kind == "glossary":
        return []
    heading = [piece.section.heading] if piece.section.heading and piece.number == 1 else []
    return heading + [s for block in piece.blocks
                      for s in ((block.item.title,) if block.item else block.sentences)]


def size(piece: Piece, report) -> int:
    if piece.kind == "glossary":
        return sum(len(t.encode()) + len(x.encode()) + 20 for t, x in report.glossary)
    return report_text._size(shown(piece, report))


def check(report) -> list:
    parts = split(report).parts
    in_order = [s.anchor for part in parts for piece in part.pieces for s in shown(piece, report)]
    assert in_order == [s.anchor for s in report.sentences()]
    if len(parts) > 1:
        for part in parts:
            assert sum(size(piece, report) for piece in part.pieces) <= TEXT_BUDGET, part.number
    return parts


def test_the_bundled_report_fits_one_page():
    report = read_report(BUNDLED)
    assert len(check(report)) == 1


def test_a_provinces_report_is_in_parts_by_section_each_within_the_budget():
    report = corpus("guangdong_province_2026.txt")
    parts = check(report)
    assert len(parts) > 3
    assert parts[0].pieces[0].kind == "opening" and parts[-1].pieces[-1].kind == "glossary"
    # A section too long for one part runs over several, numbered; each part starts a section or a piece of one.
    long = [p for part in parts for p in part.pieces if p.count > 1]
    assert long and all(part.title_piece.kind == "section" for part in parts)
    text = split(report)
    for part in text.parts:
        for piece in part.pieces:
            for sentence in shown(piece, report):
                assert text.part_of(sentence.anchor) == part.number
    assert text.part_of("report-glossary") == len(parts) and text.part_of(None) == 1


def test_a_report_without_headings_is_cut_between_its_sentences():
    report = corpus("guangdong_province_2026.txt")
    sentences = [s for s in report.sentences()]
    flat = replace(report, opening=(), closing=(), glossary=(),
                   sections=(Section(1, None, (), (Item(1, sentences[0], tuple(sentences[1:]), titled=False),)),))
    parts = check(flat)
    assert len(parts) > 3
    assert all(len(part.pieces) == 1 and part.pieces[0].section.number == 1 for part in parts)
