"""The topic taxonomy (content/topics.yaml) and the rules that assign topics.

Editors maintain the taxonomy: topics.schema.json says what it may hold, and a
mistake is refused with the file and line.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from . import schema
from .model import Topic


def load_topics(path: Path) -> tuple[Topic, ...]:
    """topics.yaml, checked against its schema, then: each slug once, one fallback at most."""
    document = schema.load(path, "topics")
    topics, seen = [], set()
    for index, entry in enumerate(document.data):
        slug = entry["slug"]
        if slug in seen:
            raise document.error((index,), "defined twice: a slug names one topic", document.line((index, "slug")))
        seen.add(slug)
        fallback = entry.get("fallback", False)
        if fallback and any(t.fallback for t in topics):
            raise document.error((index,), "only one topic can be the fallback", document.line((index, "fallback")))
        topics.append(Topic(
            slug=slug, name=dict(entry["name"]), description=dict(entry["description"]),
            keywords=tuple(entry["keywords"]), exclude=tuple(entry.get("exclude", ())),
            headline=bool(entry.get("headline")), fallback=fallback,
        ))
    return tuple(topics)


def matching_topics(text: str, topics: tuple[Topic, ...]) -> tuple[str, ...]:
    found = []
    for topic in topics:
        cleaned = text
        for word in topic.exclude:
            cleaned = cleaned.replace(word, "")
        keywords = _any_of(topic.keywords)
        if keywords is not None and keywords.search(cleaned):
            found.append(topic.slug)
    return tuple(found)


@lru_cache(maxsize=1024)
def _any_of(keywords: tuple[str, ...]) -> re.Pattern | None:
    """One pattern finding any of ``keywords`` in a text (None: there are none): a
    build tries every topic's keywords on every sentence of every report, and one
    search is a tenth of the time of a test per keyword."""
    return re.compile("|".join(map(re.escape, keywords))) if keywords else None


def assign_topics(sentence: str, context: list[str], topics: tuple[Topic, ...]) -> tuple[str, ...]:
    """Topics of the sentence itself, else of its context (item title, section heading),
    else the fallback topic, so every commitment has one."""
    for text in (sentence, *context):
        found = matching_topics(text, topics)
        if found:
            return found
    return tuple(t.slug for t in topics if t.fallback)
