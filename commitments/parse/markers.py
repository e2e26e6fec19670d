"""What the start of a paragraph says about its place in the report.

Chinese official documents number their levels in a fixed order: 一、 for parts,
（一） for sections of a part, 1. for items, （1） for sub-items; work reports add
run-in enumerations (一是…二是…, 第一，…, 一要…) and —— bullets. `marker` reads whichever a
paragraph starts with; `RANK` is that order, highest first. The helpers below
describe lines by shape only (a title, an unfinished sentence), never by wording
particular to one report.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

CHINESE_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
                  "六": 6, "七": 7, "八": 8, "九": 9}
NUMERAL_RE = re.compile(r"([一二两三四五六七八九])?(十)?([一二三四五六七八九])?")


def chinese_number(numeral: str) -> int | None:
    """一 → 1, 十 → 10, 十二 → 12, 二十三 → 23; None for what is not a numeral (一二)."""
    match = NUMERAL_RE.fullmatch(numeral)
    if not numeral or not match:
        return None
    tens, ten, units = match.groups()
    if ten:
        return (CHINESE_DIGITS[tens] if tens else 1) * 10 + (CHINESE_DIGITS[units] if units else 0)
    return CHINESE_DIGITS[tens] if tens and not units else None


#: marker kinds, highest level first.
RANK = ("section", "sub", "item", "paren", "circled", "runin", "bullet")

_N = r"([一二三四五六七八九十]{1,3})"
MARKER_RES = (
    ("section", re.compile(_N + r"[、.．]\s*(\S.*)$")),
    ("sub", re.compile(r"[（(]" + _N + r"[）)]\s*(.*)$")),
    # 1.优化城市功能 but not 6.77亿元 or 2.5: the number is followed by a non-digit.
    ("item", re.compile(r"([0-9]{1,2})[.．、]\s*([^0-9].*)$")),
    ("paren", re.compile(r"[（(]([0-9]{1,2})[）)]\s*(\S.*)$")),
    ("circled", re.compile(r"([①-⑳])\s*(\S.*)$")),
    ("runin", re.compile(_N + r"是\s*(\S.*)$")),
    # 第一，… / 一要… : other run-in enumerations of the same level.
    ("runin", re.compile("第" + _N + r"[，,]\s*(\S.*)$")),
    ("runin", re.compile(_N + r"要(?![求点素闻])\s*(\S.*)$")),
    ("bullet", re.compile(r"(?:[—―]{1,2}|--|－－)(?![—―-])\s*(\S.*)$")),
)


@dataclass(frozen=True)
class Marker:
    kind: str
    #: the printed number; None for bullets, which are not numbered.
    number: int | None
    #: the paragraph after the marker.
    rest: str


def marker(text: str) -> Marker | None:
    for kind, regex in MARKER_RES:
        match = regex.match(text)
        if not match:
            continue
        if kind == "bullet":
            if DATE_LINE_RE.match(text):
                return None  # ——2024年3月5日在…会议上 is the date line, not a bullet
            return Marker(kind, None, match.group(1).strip())
        raw = match.group(1)
        if kind == "circled":
            number = ord(raw) - ord("①") + 1
        elif raw.isascii() and raw.isdigit():
            number = int(raw)
        else:
            number = chinese_number(raw)
        if number:
            return Marker(kind, number, match.group(2).strip())
    return None


SALUTATION_RE = re.compile(r"^(各位代表|各位委员|各位人大代表|同志们)\s*[，,：:！!、]?")
# The closing address opens with the salutation or goes straight to its call (让我们…).
CLOSING_RE = re.compile(SALUTATION_RE.pattern + r"|^让我们")
# 附件1 / 附件：… / 附表2 … : an appendix. A number, a colon or nothing after 附件
# tells it from a sentence that happens to begin with the word.
APPENDIX_RE = re.compile(r"^附\s*[件表]\s*(?:([0-9０-９一二三四五六七八九十]{1,3})\s*[:：]?|[:：]|$)\s*(.*)$")
GLOSSARY_HEAD = (r"^[*＊]?\s*(?:(?:有关|相关|本报告)?(?:名词|术语|词语)(?:解释|注释|说明)(?:和注释|及说明)?"
                 r"|注\s*释)\s*[:：]?")
GLOSSARY_TITLE_RE = re.compile(GLOSSARY_HEAD + "$")
# 名词解释：1.“四上”企业：… : the first entry on the title's line.
GLOSSARY_HEAD_RE = re.compile(GLOSSARY_HEAD + r"\s*(?=\S)")
# The number of a note on a term, at the start of a line: [1] ［2］ 【3】 〔4〕.
NOTE_NUMBER_RE = re.compile(r"^(?:\[\d{1,3}\]|［\d{1,3}］|【\d{1,3}】|〔\d{1,3}〕)\s*\S")
DATE_RE = (r"([0-9０-９〇零○Ｏ一二三四五六七八九]{4})\s*年\s*([0-9０-９一二三四五六七八九十]{1,2})\s*月"
           r"\s*([0-9０-９一二三四五六七八九十]{1,3})\s*日")
# ——2024年3月5日在第十四届全国人民代表大会第二次会议上 / （2024年1月20日） / ----2012年2月29日…
DATE_LINE_RE = re.compile(r"^[（(]?\s*(?:[—―-]{1,4}|－{1,2})?\s*" + DATE_RE)
HAN_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")

# A sentence or a list's lead-in ends here (closing quotes and brackets may follow).
CLOSED_RE = re.compile(r"[。！？!?：:…][”’\"'」』）)】]*$")
SENTENCE_END_RE = re.compile(r"[。！？!?][”’\"'」』）)】]*$")
# A line ending like this stops mid-phrase: the next line continues it.
CONTINUES_RE = re.compile(r"([，,、《“‘「『（(的和与及—]|[A-Za-z])$")
# A line starting like this cannot start a paragraph: it continues the previous one.
CONTINUATION_START_RE = re.compile(r"^[，,。、；;：:！!？?）)》”’」』…%％]")
SENTENCE_INSIDE_RE = re.compile(r"[。！？!?；;]")


def closed(text: str) -> bool:
    return bool(CLOSED_RE.search(text))


def structural(text: str) -> bool:
    """A line that starts something: a numbered heading or item, a salutation, an appendix."""
    return bool(marker(text) or SALUTATION_RE.match(text) or APPENDIX_RE.match(text)
                or GLOSSARY_TITLE_RE.match(text) or NOTE_NUMBER_RE.match(text))


def title_like(text: str) -> bool:
    """A short line with no punctuation of a sentence: a title, not prose."""
    return (2 <= len(text) <= 40 and bool(HAN_RE.search(text))
            and not re.search(r"[。！？!?；;：:，,]", text) and not CONTINUES_RE.search(text)
            and not marker(text))


def prose(text: str) -> bool:
    """A line of running text rather than a heading: long, or more than one clause."""
    if len(text) > 60 or SENTENCE_INSIDE_RE.search(text[:-1]):
        return True
    return not marker(text) and bool(re.search(r"[，,、]", text))
