"""The data model shared by every stage: plain dataclasses, no behaviour beyond naming.

A report is parsed into sections, items and sentences (`Report`); the sentences that
commit the government become `Commitment`s with `Target`s; content files add the
people's part (translations, notes) and the site reads a `Library` of reports.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

LANGUAGES = ("zh", "en")
#: BCP 47 tags for <html lang> and hreflang.
LANGUAGE_TAGS = {"zh": "zh-Hans", "en": "en"}


@dataclass(frozen=True)
class Sentence:
    """One sentence of the report as published; `anchor` is its id on the report page."""

    anchor: str
    text: str


@dataclass(frozen=True)
class Item:
    """A numbered item (``1.优化城市功能。…``, ``（一）…``, ``一是…``, a —— bullet, a row of
    an appendix table) or an unnumbered paragraph of a section: its heading, or its first
    sentence, is its title.

    `titled` says whether the title is a heading (``强化法治思维。``, a heading line): then it
    only names the item. When the paragraph has no heading its first sentence is the title
    and still says what the item says, so it is a commitment like the sentences after it.
    `lead` is what comes before the item and belongs to no commitment: an address to the
    deputies (各位代表！) or the words that announce a new list of items (五年来主要做了以下工作。).
    """

    number: int
    title: Sentence
    sentences: tuple[Sentence, ...]
    titled: bool = True
    lead: tuple[Sentence, ...] = ()

    @property
    def paragraph(self) -> tuple[Sentence, ...]:
        return (self.title, *self.sentences)


@dataclass(frozen=True)
class Section:
    """A top-level section (``三、…`` or an unnumbered title line), or an appendix.

    `heading` is None when the heading is not in the text we have (the report was
    published in pages and the section began on an earlier one). Appendices are
    numbered on after the last section of the body, so ids never collide.
    """

    number: int
    heading: Sentence | None
    intro: tuple[Sentence, ...]
    items: tuple[Item, ...]
    #: "review" (the past year's work: achievements, not commitments), "plan"
    #: (the coming year's work: commitments) or "appendix" (附件 after the closing).
    part: str = "plan"
    #: for an appendix, its label and title as printed (``附件1 2026年省十件民生实事``).
    appendix: str | None = None

    @property
    def anchor(self) -> str:
        return f"s{self.number}"

    def sentences(self):
        """Every sentence of the section in reading order."""
        if self.heading:
            yield self.heading
        yield from self.intro
        for item in self.items:
            yield from item.lead
            yield from item.paragraph


@dataclass(frozen=True)
class ReportMeta:
    """Who published what, where: read from the report's metadata file."""

    slug: str
    place: dict[str, str]
    year: int
    title: dict[str, str]
    source_url: str
    source_site: dict[str, str]
    page: dict[str, str]
    language: str = "zh-Hans"
    publisher: dict[str, str] = field(default_factory=dict)
    missing: dict[str, str] = field(default_factory=dict)
    #: 国家, 省, 市, 县 or 区, and the date the report was delivered (YYYY-MM-DD), when known.
    level: str = ""
    date: str = ""


@dataclass(frozen=True)
class Report:
    meta: ReportMeta
    sections: tuple[Section, ...]
    closing: tuple[Sentence, ...]
    #: lines recognised as page furniture (page title, navigation), kept for `inspect`.
    furniture: tuple[str, ...] = ()
    #: the salutation and first words before the first section (``各位代表：现在，我代表…``).
    opening: tuple[Sentence, ...] = ()
    #: the report's own title, date and speaker lines, as printed.
    masthead: tuple[str, ...] = ()
    #: (term, explanation) pairs of an appendix of terms (名词解释); not commitments.
    glossary: tuple[tuple[str, str], ...] = ()
    #: what the parser had to guess or repair, one line each, for `inspect`.
    notes: tuple[str, ...] = ()

    def sentences(self):
        """Every sentence in reading order."""
        yield from self.opening
        for section in self.sections:
            if section.part != "appendix":
                yield from section.sentences()
        yield from self.closing
        for section in self.sections:
            if section.part == "appendix":  # after the closing, as printed
                yield from section.sentences()


# 主要预期目标是：… / 预期目标为：… : the sentence that lists the year's headline targets.
HEADLINE_RE = re.compile(r"预期目标(?:是|为|如下)\s*[:：]")


def sentence_anchor(section: int, item: int, sentence: int) -> str:
    """The report-page anchor of the sentence a commitment is: item 0 is the section's
    introduction, where the year's headline targets stand."""
    if item == 0:
        return f"s{section}-intro-{sentence}"
    return f"s{section}-i{item}-{sentence}"


COMPARATORS = ("=", ">", ">=", "<", "<=", "~")


@dataclass(frozen=True)
class Target:
    """A quantified target: 新增就业2.1万人 → indicator 新增就业, = 2.1 × 10 000 人."""

    indicator: str
    comparator: str
    value: float
    multiplier: int
    unit: str
    #: "increase" or "decrease" when the number is a change (提高5%), else None.
    change: str | None
    #: the words of the sentence the target was read from.
    text: str

    @property
    def amount(self) -> float:
        return self.value * self.multiplier


@dataclass(frozen=True)
class Commitment:
    id: str
    report: str
    section: int
    item: int
    sentence: int
    text: str
    topics: tuple[str, ...]
    targets: tuple[Target, ...]

    @property
    def anchor(self) -> str:
        return sentence_anchor(self.section, self.item, self.sentence)

    @property
    def headline(self) -> bool:
        """Sets the year's main expected targets (主要预期目标是：GDP增长…)."""
        return bool(self.targets) and bool(HEADLINE_RE.search(self.text))


@dataclass(frozen=True)
class Topic:
    slug: str
    name: dict[str, str]
    description: dict[str, str]
    keywords: tuple[str, ...]
    exclude: tuple[str, ...] = ()
    headline: bool = False
    #: takes the commitments that no rule matches
    fallback: bool = False
