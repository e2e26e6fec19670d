"""Stage 2: `Report` → commitments, each with a stable id, topics and targets.

Every sentence of an item of the plan after its title commits the government to an
action, so it becomes a commitment; so does every sentence of an appendix that lists
the year's work (十件民生实事). The review of past work reports achievements, not
commitments. Section introductions summarise their items and the closing address
commits to nothing measurable; all of these stay on the report page.
Ids come from the sentence's place in the report (section, item, sentence), so
they survive rebuilds and stay put when a sentence's wording is corrected.
"""
from __future__ import annotations

from .model import Commitment, Report, Topic
from .parse.parts import commits
from .targets import extract_targets
from .topics import assign_topics


def commitment_id(report_slug: str, section: int, item: int, sentence: int) -> str:
    return f"{report_slug}-{section}-{item}-{sentence}"


def extract_commitments(report: Report, topics: tuple[Topic, ...]) -> tuple[Commitment, ...]:
    found = []
    for section in report.sections:
        if not commits(section, report.meta.year):
            continue
        context = [section.heading.text] if section.heading else []
        for item in section.items:
            for number, sentence in enumerate(item.sentences, start=1):
                found.append(Commitment(
                    id=commitment_id(report.meta.slug, section.number, item.number, number),
                    report=report.meta.slug,
                    section=section.number,
                    item=item.number,
                    sentence=number,
                    text=sentence.text,
                    topics=assign_topics(sentence.text, [item.title.text, *context], topics),
                    targets=extract_targets(sentence.text),
                ))
    return tuple(found)
