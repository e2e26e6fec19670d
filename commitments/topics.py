"""The topic taxonomy (content/topics.yaml) and the rules that assign topics.

Editors maintain the taxonomy, so everything here is checked with messages that
name the file and line of the mistake.
"""
from __future__ import annotations

import re
from pathlib import Path

from .errors import ContentError
from .model import Topic
from .yamlio import load_yaml_with_lines

SLUG_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def load_topics(path: Path) -> tuple[Topic, ...]:
    data, lines = load_yaml_with_lines(path)
    if not isinstance(data, list) or not data:
        raise ContentError("expected a list of topics, each starting with '- slug:'", path, 1)
    topics, seen = [], set()
    for index, entry in enumerate(data):
        line = lines.get(index)
        if not isinstance(entry, dict):
            raise ContentError("each topic must be a mapping with slug, name, description, keywords", path, line)
        slug = entry.get("slug")
        if not isinstance(slug, str) or not SLUG_RE.match(slug):
            raise ContentError(f"topic slug {slug!r} must be lower-case letters, digits and hyphens", path, line)
        if slug in seen:
            raise ContentError(f"topic {slug!r} is defined twice", path, line)
        seen.add(slug)
        for key in ("name", "description"):
            value = entry.get(key)
            if not isinstance(value, dict) or not all(isinstance(value.get(lang), str) and value[lang] for lang in ("zh", "en")):
                raise ContentError(f"topic {slug!r}: {key} needs both zh and en text", path, line)
        keywords = entry.get("keywords")
        fallback = entry.get("fallback", False)
        if not isinstance(fallback, bool):
            raise ContentError(f"topic {slug!r}: fallback must be true or false", path, line)
        if fallback and any(t.fallback for t in topics):
            raise ContentError(f"topic {slug!r}: only one topic can be the fallback", path, line)
        if not isinstance(keywords, list) or not (keywords or fallback) or not all(isinstance(k, str) and k for k in keywords):
            raise ContentError(f"topic {slug!r}: keywords must be a non-empty list of words", path, line)
        exclude = entry.get("exclude", [])
        if not isinstance(exclude, list) or not all(isinstance(k, str) and k for k in exclude):
            raise ContentError(f"topic {slug!r}: exclude must be a list of words", path, line)
        unknown = set(entry) - {"slug", "name", "description", "keywords", "exclude", "headline", "fallback"}
        if unknown:
            raise ContentError(f"topic {slug!r}: unknown key {sorted(unknown)[0]!r}", path, line)
        topics.append(Topic(
            slug=slug, name=dict(entry["name"]), description=dict(entry["description"]),
            keywords=tuple(keywords), exclude=tuple(exclude), headline=bool(entry.get("headline")),
            fallback=fallback,
        ))
    return tuple(topics)


def matching_topics(text: str, topics: tuple[Topic, ...]) -> tuple[str, ...]:
    found = []
    for topic in topics:
        cleaned = text
        for word in topic.exclude:
            cleaned = cleaned.replace(word, "")
        if any(k in cleaned for k in topic.keywords):
            found.append(topic.slug)
    return tuple(found)


def assign_topics(sentence: str, context: list[str], topics: tuple[Topic, ...]) -> tuple[str, ...]:
    """Topics of the sentence itself, else of its context (item title, section heading),
    else the fallback topic, so every commitment has one."""
    for text in (sentence, *context):
        found = matching_topics(text, topics)
        if found:
            return found
    return tuple(t.slug for t in topics if t.fallback)
