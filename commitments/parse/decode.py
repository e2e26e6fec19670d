"""Report bytes → text: UTF-8 (with or without BOM) or GB18030, nothing else.

Reports downloaded from Chinese government sites are often GB18030 (GBK, GB2312);
everything else the importer sees is UTF-8. Anything that is neither is refused with
a message naming the file, rather than guessed at: a wrong guess yields mojibake
that parses into nonsense.
"""
from __future__ import annotations

import re
from pathlib import Path

from ..errors import ContentError

# A real report is under 200 KB of text; a file past this is another kind of file,
# and parsing it would take memory out of proportion with any report.
MAX_REPORT_BYTES = 5 * 1024 * 1024
HAN_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def han_share(text: str) -> float:
    """The share of letters (of any script) that are Chinese characters."""
    letters = sum(1 for c in text if c.isalpha())
    return len(HAN_RE.findall(text)) / letters if letters else 0.0


def decode_report(data: bytes, path: str | Path = "<report>") -> str:
    if not data.strip():
        raise ContentError("the report is empty", path)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ContentError("UTF-16 text; save it as UTF-8", path, 1)
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise ContentError("NUL bytes: a binary file or UTF-16 text, not a report; "
                           "save it as UTF-8 text", path, line)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        utf8_error = error
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        line = data[: utf8_error.start].count(b"\n") + 1
        raise ContentError("neither UTF-8 nor GB18030 text (a byte that fits neither "
                           "encoding); save it as UTF-8", path, line) from None
    # GB18030 maps almost any byte sequence to some character: only accept the
    # reading if it is what a report is, Chinese text.
    if han_share(text) < 0.5:
        raise ContentError("not UTF-8, and read as GB18030 it is not Chinese text; "
                           "save it as UTF-8", path)
    return text


def read_report_text(path: str | Path) -> str:
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_REPORT_BYTES:
            raise ContentError(f"{size / 1024 / 1024:.1f} MB is too large for a work report (they are under "
                               f"200 KB; the limit is {MAX_REPORT_BYTES // 1024 // 1024} MB): is this the right file?", path)
        data = path.read_bytes()
    except FileNotFoundError:
        raise ContentError("file not found", path) from None
    except IsADirectoryError:
        raise ContentError("a folder, not a report file", path) from None
    return decode_report(data, path)
