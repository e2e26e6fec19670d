"""What follows the closing address: appendices (附件) and explanations of terms.

An appendix starts at 附件N (or 附表, 附：) with its title on the same line or the
next; one that lists the year's work (十件民生实事) is built like a section. An
explanation of terms (名词解释, as an appendix or under its own title) becomes
glossary entries: ``1.“四上”企业：…`` or ``[1]“双碳”：…``, term before the colon.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .clean import Line
from .markers import APPENDIX_RE, GLOSSARY_HEAD_RE, GLOSSARY_TITLE_RE, marker

ENTRY_RE = re.compile(r"^(?:\[\d{1,3}\]|［\d{1,3}］|【\d{1,3}】|〔\d{1,3}〕|\d{1,3}\s*[.．、](?!\d)|[（(]\d{1,3}[）)]"
                      r"|[①-⑳])\s*(\S.*)$")
# “双碳”：… the term before a colon; or [三个收官]即… the term in brackets, glued to what it means.
TERM_RE = re.compile(r"^(?:[\[［【]([^\]］】]{1,40})[\]］】]\s*[:：]?|([^，。；,;]{1,40}?)[:：])\s*(.*)$")
# （见第3页） after a term or its explanation: where the printed report used the term.
PAGE_REFERENCE_RE = re.compile(r"\s*[（(]\s*见\s*第?\s*\d{1,4}\s*页\s*[）)]\s*(?=[。.]?$)")


@dataclass
class Appendix:
    label: str
    title: str | None
    line: int
    paragraphs: list[Line] = field(default_factory=list)

    @property
    def glossary(self) -> bool:
        return bool(GLOSSARY_TITLE_RE.match(self.title or "") or GLOSSARY_TITLE_RE.match(self.label))

    @property
    def name(self) -> str:
        """Label and title as printed: 附件1 2026年省十件民生实事."""
        return " ".join(part for part in (self.label, self.title) if part)


def starts_appendix(text: str) -> bool:
    return bool(APPENDIX_RE.match(text) or GLOSSARY_TITLE_RE.match(text) or _titled_entry(text))


def _titled_entry(text: str) -> str | None:
    """The first entry, when it follows 名词解释： on the same line."""
    head = GLOSSARY_HEAD_RE.match(text)
    rest = text[head.end():] if head else ""
    return rest if rest and entry(rest) else None


def split_appendices(paragraphs: list[Line]) -> list[Appendix]:
    """Paragraphs that begin with an appendix label → one `Appendix` per label."""
    appendices: list[Appendix] = []
    for p in paragraphs:
        label = APPENDIX_RE.match(p.text)
        untitled = appendices and appendices[-1].title is None and not appendices[-1].paragraphs
        if untitled and not label and _title(p.text):
            appendices[-1].title = p.text.strip(" ：:")  # 附件1 / 2026年省十件民生实事
        elif label or GLOSSARY_TITLE_RE.match(p.text):
            title = label.group(2).strip() if label else ""
            name = p.text[: label.start(2)].strip(" ：:") if label else p.text.strip(" ：:*＊")
            appendices.append(Appendix(name, title or None, p.number))
        elif first := _titled_entry(p.text):
            name = p.text[: len(p.text) - len(first)].strip(" ：:*＊")
            appendices.append(Appendix(name, None, p.number, [Line(p.number, first, p.page_break)]))
        elif appendices:
            appendices[-1].paragraphs.append(p)
    return appendices


def _title(text: str) -> bool:
    return len(text) <= 60 and not re.search(r"[。！？!?；;]", text) and not marker(text) and not entry(text)


def entry(text: str) -> bool:
    """A numbered explanation of a term: [1]“双碳”：… / 1.“四上”企业：…"""
    numbered = ENTRY_RE.match(text)
    return bool(numbered and TERM_RE.match(numbered.group(1)))


def _due(text: str, number: int) -> re.Match | None:
    """3.5G基站：… is entry 3 when entry 3 is due, though 3.5 reads like a number."""
    return re.match(rf"^{number}\s*[.．、]\s*(\S.*)$", text) if number > 1 else None


def glossary_entries(paragraphs: list[Line], notes: list[str]) -> list[tuple[str, str]]:
    entries: list[list[str]] = []
    # When entries are numbered, only a number starts one: an explanation may well
    # have a colon of its own (包括：…).
    numbered_style = any(ENTRY_RE.match(p.text) for p in paragraphs)
    for p in paragraphs:
        numbered = ENTRY_RE.match(p.text) or _due(p.text, len(entries) + 1)
        text = numbered.group(1) if numbered else p.text
        term = TERM_RE.match(text)
        if numbered or (term and not numbered_style and not (entries and entries[-1][1] == "")):
            entries.append([(term.group(1) or term.group(2)).strip(), term.group(3).strip()] if term else [text, ""])
        elif entries:
            # The explanation of the last term, on lines of its own.
            entries[-1][1] = (entries[-1][1] + text) if entries[-1][1] else text
        else:
            notes.append(f"line {p.number}: text before the first term of the glossary was left out")
    return [(PAGE_REFERENCE_RE.sub("", term), PAGE_REFERENCE_RE.sub("", explanation))
            for term, explanation in entries]
