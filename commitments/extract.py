"""Stage 2: `Report` → commitments, each with a stable id, topics and targets.

Every sentence of an item of the plan commits the government to an action, so it
becomes a commitment: all but the title when the item has a heading (the heading only
names it), all of them when it has none; so does every sentence of an appendix that
lists the year's work (十件民生实事). The year's headline targets (主要预期目标是：GDP
增长6%左右，城镇新增就业…) usually stand in a section's introduction: that sentence is a
commitment too, numbered as item 0 of its section. The review of past work reports
achievements, not commitments. The rest of an introduction, an address to the deputies
and the closing commit to nothing measurable; all of these stay on the report page.
Ids come from the sentence's place in the report (section, item, sentence), so
they survive rebuilds and stay put when a sentence's wording is corrected.
"""
from __future__ import annotations

from .model import HEADLINE_RE, Commitment, Report, Sentence, Topic
from .parse.parts import AHEAD_RE, REVIEW_START_RE, commits
from .targets import extract_targets
from .topics import assign_topics


def commitment_id(report_slug: str, section: int, item: int, sentence: int) -> str:
    return f"{report_slug}-{section}-{item}-{sentence}"




def extract_commitments(report: Report, topics: tuple[Topic, ...]) -> tuple[Commitment, ...]:
    slug = report.meta.slug
    found = []

    def add(section: int, item: int, number: int, sentence: Sentence, context: list[str]):
        found.append(Commitment(
            id=commitment_id(slug, section, item, number), report=slug, section=section, item=item,
            sentence=number, text=sentence.text,
            topics=assign_topics(sentence.text, context, topics),
            targets=extract_targets(sentence.text),
        ))

    for section in report.sections:
        if not commits(section, report.meta.year):
            continue
        context = [section.heading.text] if section.heading else []
        for number, sentence in enumerate(section.intro, start=1):
            if headline(sentence):
                add(section.number, 0, number, sentence, context)
        for item in section.items:
            sentences = list(enumerate(item.paragraph))[1 if item.titled else 0:]
            if REVIEW_START_RE.match(item.title.text):
                # A plan section can look back first (这五年，我们…取得…): what a paragraph
                # reports of the past commits to nothing, what it then says of the future
                # (过去一年，国防…取得… / 新的一年，要…) does.
                ahead = next((i for i, (_, s) in enumerate(sentences) if AHEAD_RE.match(s.text)), len(sentences))
                sentences = sentences[ahead:]
            for number, sentence in sentences:
                add(section.number, item.number, number, sentence, [item.title.text, *context])
    return tuple(found)


def headline(sentence: Sentence) -> bool:
    """The sentence of a plan's introduction that sets the year's main expected targets."""
    return bool(HEADLINE_RE.search(sentence.text) and extract_targets(sentence.text))
