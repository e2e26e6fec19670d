"""The data model shared by every stage: plain dataclasses, no behaviour beyond naming.

A report is parsed into sections, items and sentences (`Report`); the sentences that
commit the government become `Commitment`s with `Target`s; content files add the
people's part (translations, notes) and the site reads a `Library` of reports.
"""
from __future__ import annotations

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
    """A numbered item (``1.优化城市功能。…``): its first sentence is its title."""

    number: int
    title: Sentence
    sentences: tuple[Sentence, ...]

    @property
    def paragraph(self) -> tuple[Sentence, ...]:
        return (self.title, *self.sentences)


@dataclass(frozen=True)
class Section:
    """A top-level section (``三、…``).

    `heading` is None when the heading is not in the text we have (the report was
    published in pages and the section began on an earlier one).
    """

    number: int
    heading: Sentence | None
    intro: tuple[Sentence, ...]
    items: tuple[Item, ...]

    @property
    def anchor(self) -> str:
        return f"s{self.number}"


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


@dataclass(frozen=True)
class Report:
    meta: ReportMeta
    sections: tuple[Section, ...]
    closing: tuple[Sentence, ...]
    #: lines recognised as page furniture (page title, navigation), kept for `inspect`.
    furniture: tuple[str, ...] = ()

    def sentences(self):
        """Every sentence in reading order."""
        for section in self.sections:
            if section.heading:
                yield section.heading
            yield from section.intro
            for item in section.items:
                yield from item.paragraph
        yield from self.closing


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
        return f"s{self.section}-i{self.item}-{self.sentence}"


@dataclass(frozen=True)
class Topic:
    slug: str
    name: dict[str, str]
    description: dict[str, str]
    keywords: tuple[str, ...]
    exclude: tuple[str, ...] = ()
    headline: bool = False
