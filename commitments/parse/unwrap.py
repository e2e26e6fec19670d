"""Lines → paragraphs: put back together what a page broke mid-sentence.

Copies of reports break lines where the author did not: at page breaks (a line of
zero-width spaces), at a fixed width (PDF or e-mail text), around an HTML fragment,
before a word the page styled (PM / 2.5 / 年平均浓度). A line continues the previous
one when the previous one is an unfinished sentence and this one is not something
that starts on its own line (a heading, a salutation) or a title. Blank lines do
not count: they are as often layout as paragraph breaks.
"""
from __future__ import annotations

from collections import Counter

from .clean import Line
from .markers import (CONTINUATION_START_RE, CONTINUES_RE, SENTENCE_END_RE, closed, marker, prose,
                      structural, title_like)


def paragraphs(lines: list[Line]) -> list[Line]:
    width = wrap_width(lines)
    result: list[Line] = []
    chain = False  # the last paragraph was glued together and is still unfinished
    previous: Line | None = None
    for line in lines:
        # The previous line ran to the wrap width: the text goes on, unless that
        # line was a heading that happens to be as long and a new paragraph (as
        # long again) starts here.
        wrapped = previous is not None and _at(width, previous.text) \
            and not (heading(previous.text) and _at(width, line.text))
        previous = line
        if result and _continues(result[-1].text, line, chain, wrapped):
            last = result[-1]
            # No space between: Chinese has none between words, and a hard wrap
            # splits Latin words (P / M2.5) as readily as Chinese ones.
            result[-1] = Line(last.number, last.text + line.text, last.page_break)
            # Lines glued after an unfinished one go on gluing until the sentence
            # ends; a heading does not (its paragraph starts on the next line).
            chain = not closed(result[-1].text) and not heading(result[-1].text)
        else:
            result.append(line)
            chain = False
    return result


def _at(width: int | None, text: str) -> bool:
    return bool(width) and len(text) >= width - 1


def wrap_width(lines: list[Line]) -> int | None:
    """The width text was hard-wrapped at, if most long lines share one length."""
    lengths = [len(line.text) for line in lines if len(line.text) >= 15]
    if len(lengths) < 10:
        return None
    width, _ = Counter(lengths).most_common(1)[0]
    near = sum(1 for n in lengths if abs(n - width) <= 1)
    # Wrapped text has all but the last line of each paragraph at the width; prose
    # written with line breaks only rarely has even a few lines of one length.
    return width if near >= 10 and near >= 0.6 * len(lengths) else None


def _continues(previous: str, line: Line, chain: bool, wrapped: bool) -> bool:
    text = line.text
    if CONTINUATION_START_RE.match(text):
        return True  # 》，国务院编制了《 — no paragraph starts with a closing mark
    if structural(text):
        return False
    if wrapped and not SENTENCE_END_RE.search(previous):
        return True  # hard-wrapped mid-sentence, even after a ：
    if closed(previous):
        return False
    if line.page_break or CONTINUES_RE.search(previous):
        return True  # broken at a page end, or after 的 / ， / 《
    if title_like(text):
        return False  # a title line after an unfinished one is more likely a heading
    return chain or prose(previous)


def heading(text: str) -> bool:
    return bool(marker(text)) and not prose(text)
