"""The top of the page: where the report begins, and its masthead.

A report begins at its salutation (各位代表：) or, without one, at its first heading
or first paragraph of prose. Above that there is the report's own masthead — title
(政府工作报告, perhaps broken over two lines or spaced out), date line (——2024年3月5日
在…会议上) and speaker (国务院总理 李克强) — amid whatever the page put there: a site
title, breadcrumbs, view counts, a photo caption. The masthead is the last title
before the date line with the lines that go with it; the rest is furniture.
"""
from __future__ import annotations

import re

from .clean import Line
from .markers import DATE_LINE_RE, HAN_RE, SALUTATION_RE, marker

TITLE_RE = re.compile(r"工作报告")
OFFICE = r"(?:总理|主席|省长|市长|县长|区长|州长|旗长|盟长|镇长|乡长)"
# 广东省省长 孟凡利 / 保定市人民政府市长 郭建英 / 国务院总理 / 代市长
# 上海市市长 龚 正: a name may be spaced out too.
SPEAKER_RE = re.compile(r"^\S{0,20}?" + OFFICE + r"\s*(?:[\u4e00-\u9fff·](?:\s?[\u4e00-\u9fff·]){1,4})?$")
NAME_RE = re.compile(r"^[\u4e00-\u9fff·]{2,5}$")
# 湖南日报, 新华网: a source's name, not the speaker's.
MEDIA_RE = re.compile(r"(报|网|社|台|刊|站|号|端)$")
# The date line ends where the session is named: …会议上 / …（草案） / a closing bracket.
DATE_LINE_END_RE = re.compile(r"(上|讲话|报告|[)）])$")


def front_end(paragraphs: list[Line]) -> int:
    """The index of the first paragraph of the report proper."""
    first_prose = None
    for index, paragraph in enumerate(paragraphs):
        text = paragraph.text
        if SALUTATION_RE.match(text):
            return index
        found = marker(text)
        if found and found.kind != "bullet":
            return index if first_prose is None else first_prose
        if first_prose is None and _sentence(text):
            first_prose = index
    return first_prose if first_prose is not None else len(paragraphs)


def _sentence(text: str) -> bool:
    """A finished sentence: no title, date line or speaker line is one."""
    return len(text) >= 8 and bool(re.search(r"[。！？!?][”’」』）)]*$", text)) and not DATE_LINE_RE.match(text)


def read_front(paragraphs: list[Line]) -> tuple[list[str], list[tuple[int, str]]]:
    """(masthead lines, furniture) of what comes before the report proper."""
    lines = _mend(paragraphs)
    dates = [i for i, line in enumerate(lines) if DATE_LINE_RE.match(line.text)]
    titles = [i for i, line in enumerate(lines) if _title(line.text)]
    date = dates[-1] if dates else None
    # The report's own title is the last one above its date line; titles further up
    # belong to the page (site title, breadcrumbs, a summary's heading).
    above = [i for i in titles if date is None or i < date]
    title = above[-1] if above else None
    masthead: set[int] = {i for i in (title, date) if i is not None}
    after = date if date is not None else title
    if after is not None:
        speakers = [i for i, line in enumerate(lines) if i > after and SPEAKER_RE.match(line.text)]
        # Without an office, the speaker's name alone on the first such line (毛伟明).
        names = [i for i, line in enumerate(lines) if i > after and NAME_RE.match(line.text)
                 and not MEDIA_RE.search(line.text)]
        masthead.update(speakers or names[:1])
    furniture = [(line.number, line.text) for i, line in enumerate(lines) if i not in masthead]
    return [lines[i].text for i in sorted(masthead)], furniture


def _title(text: str) -> bool:
    return bool(TITLE_RE.search(text)) and len(text) <= 40 and not re.search(r"[。！？；，]", text)


def _mend(paragraphs: list[Line]) -> list[Line]:
    """Put back together a title, date line or speaker broken over lines."""
    lines: list[Line] = []
    for line in paragraphs:
        if lines and _broken(lines[-1].text, line.text):
            last = lines[-1]
            glue = " " if re.search(OFFICE + "$", last.text) else ""
            lines[-1] = Line(last.number, last.text + glue + line.text, last.page_break)
        else:
            lines.append(line)
    return lines


def _broken(previous: str, text: str) -> bool:
    if not TITLE_RE.search(previous) and not TITLE_RE.search(text) and TITLE_RE.search(previous + text):
        return True  # 政府工作报 / 告
    if DATE_LINE_RE.match(previous) and not DATE_LINE_END_RE.search(previous) \
            and len(text) <= 40 and HAN_RE.search(text) and not SPEAKER_RE.match(text):
        return True  # ——2026年1月26日在广东省第十四届 / 人民代表大会第五次会议上
    return bool(re.search(OFFICE + "$", previous)) and bool(NAME_RE.match(text))  # 国务院总理 / 李克强
