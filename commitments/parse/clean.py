"""Report text as published → clean lines, each with its line number in the file.

What the web did to the text is undone here, before any structure is read: line
breaks written out as the letters \\r\\n, HTML tags and entities, zero-width marks
left by page breaks, ideographic and no-break spaces, footnote marks ([1], ［2］),
question marks that replaced lost characters, titles spaced out letter by letter,
a watermark glued to the end of a line; a report flattened into one line is broken
again before its headings. Nothing here decides what a line means.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass

from .markers import marker

LITERAL_BREAK_RE = re.compile(r"\\r\\n|\\n|\\r")
BLOCK_TAG_RE = re.compile(r"<\s*/?\s*(?:br|p|div|li|tr|h[1-6]|section|article)\b[^<>]{0,300}>", re.I)
TAG_RE = re.compile(r"<\s*/?\s*[a-zA-Z][a-zA-Z0-9]*\b[^<>]{0,300}>")
ENTITY_RE = re.compile(r"&(?:[a-zA-Z]{2,8}|#\d{2,7}|#[xX][0-9a-fA-F]{2,6});")
FLATTENED_BREAK_RE = re.compile(
    r"(?<=[。！？：:])\s*(?=[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)]|[0-9]{1,2}[.．、][^0-9]"
    r"|[一二三四五六七八九十]{1,3}是|各位代表|附件\s*\d|名词解释)")
ZERO_WIDTH_RE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff]")
SPACE_RE = re.compile(r"\s+")  # in Python this includes U+3000 and U+00A0
# Runs of ? where a character the page could not encode used to be (王?? 乐), and a lone
# ? where a space was, after a word or a full stop (国务院总理?李克强, 各位代表：?); not a
# question mark (…呢?).
LOST_RE = re.compile(r"\?{2,}|(?<=[\u4e00-\u9fff。，、：；！”])(?<![吗呢么吧啊乎])\?(?=[\u4e00-\u9fff“]|\s*$)")
# Footnote marks after a word: 战略[1] 目标” [2] 政策^[3] 改革［4］. A mark at the start of
# a line is left alone: there it numbers a note of the glossary.
FOOTNOTE_RE = re.compile(r"(?<=\S)\s?(?:\^?\[\d{1,3}\]|\^?［\d{1,3}］|【\d{1,3}】|〔\d{1,3}〕)")
WATERMARK_RE = re.compile(r"(网|网站|文库|论坛|资料库)$")
SPACED_RE = re.compile(r"^(?:[\u4e00-\u9fff] +){2,}[\u4e00-\u9fff]$")
# 新篇章！    搜索马 克 数 据 网: a short tail after the last sentence, set off by a gap.
GLUED_TAIL_RE = re.compile(r"^(.*[。！？!?][”’」』）)]*)[ \t\u3000\u00a0]{2,}([^。！？!?；;，,：:]{1,24})$")


@dataclass(frozen=True)
class Line:
    number: int
    text: str
    #: a page-break mark (a line of zero-width spaces, a form feed) came just before.
    page_break: bool = False


@dataclass
class Cleaned:
    lines: list[Line]
    #: (line number, text) of what was cut from inside lines (watermarks).
    cut: list[tuple[int, str]]
    #: (line number, count) of unreadable characters (U+FFFD) kept in the text.
    damage: list[tuple[int, int]]


def clean(text: str) -> Cleaned:
    text = _unescape(text)
    lines: list[Line] = []
    cut: list[tuple[int, str]] = []
    damage: list[tuple[int, int]] = []
    page_break = False
    # Split on line feeds only, so line numbers are those an editor shows.
    for number, raw in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), start=1):
        if "\f" in raw or (ZERO_WIDTH_RE.search(raw) and not ZERO_WIDTH_RE.sub("", raw).strip()):
            # A form feed, or a line of zero-width spaces (web copies of paged
            # documents), marks a page break: the next line may continue a sentence.
            page_break = True
        raw = ZERO_WIDTH_RE.sub("", raw)
        if (tail := GLUED_TAIL_RE.match(raw.strip())) and not marker(tail.group(2).strip()):
            raw = tail.group(1)
            cut.append((number, SPACE_RE.sub(" ", tail.group(2)).strip()))
        line = SPACE_RE.sub(" ", LOST_RE.sub(" ", raw)).strip()
        line = FOOTNOTE_RE.sub("", line)
        if SPACED_RE.match(line):
            # Only a title (政 府 工 作 报 告) or a site's watermark (马 克 数 据 网) is
            # spaced out letter by letter; the watermark is cut.
            if WATERMARK_RE.search(line.replace(" ", "")):
                cut.append((number, line))
                continue
            line = line.replace(" ", "")
        if not line:
            continue
        if "\ufffd" in line:
            damage.append((number, line.count("\ufffd")))
        lines.append(Line(number, line, page_break))
        page_break = False
    return Cleaned(lines, cut, damage)


def _unescape(text: str) -> str:
    # A report saved from a database or JSON dump can hold its line breaks as the
    # letters \r\n; when those outnumber real breaks, they are the breaks.
    literal = len(LITERAL_BREAK_RE.findall(text))
    if literal >= 2 and literal > text.count("\n"):
        text = LITERAL_BREAK_RE.sub("\n", text)
    if TAG_RE.search(text):
        text = TAG_RE.sub("", BLOCK_TAG_RE.sub("\n", text))
    if ENTITY_RE.search(text):
        text = html.unescape(text)
    lines = [line for line in text.split("\n") if line.strip()]
    if len(lines) < 5 and len(text) > 2000:
        # A report flattened into a line or two: break it again before each heading
        # that follows the end of a sentence.
        text = FLATTENED_BREAK_RE.sub("\n", text)
    return text
