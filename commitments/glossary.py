"""Official terms (content/glossary.yaml): the English the site always uses for each,
and a one-line explanation shown wherever the term appears."""
from __future__ import annotations

import re
from functools import lru_cache
from dataclasses import dataclass
from pathlib import Path

from .errors import ContentError
from .yamlio import load_yaml_with_lines


@dataclass(frozen=True, eq=False)  # compared by identity, so a tuple of terms can be a cache key
class Term:
    term: str
    en: str
    explanation: dict[str, str]

    @property
    def anchor(self) -> str:
        return "term-" + re.sub(r"[^a-z0-9]+", "-", self.en.lower()).strip("-")

    def name(self, lang: str) -> str:
        return self.en if lang == "en" else self.term


def load_glossary(path: Path) -> tuple[Term, ...]:
    if not path.exists():
        return ()
    data, lines = load_yaml_with_lines(path)
    if not isinstance(data, list):
        raise ContentError("expected a list of terms, each starting with '- term:'", path, 1)
    terms, seen = [], set()
    for index, entry in enumerate(data):
        line = lines.get(index)
        if not isinstance(entry, dict) or not isinstance(entry.get("term"), str) or not isinstance(entry.get("en"), str):
            raise ContentError("each entry needs term (Chinese) and en (English)", path, line)
        explanation = entry.get("explanation")
        if not isinstance(explanation, dict) or not all(isinstance(explanation.get(k), str) for k in ("zh", "en")):
            raise ContentError(f"term {entry['term']!r}: explanation needs zh and en", path, line)
        if entry["term"] in seen:
            raise ContentError(f"term {entry['term']!r} is defined twice", path, line)
        seen.add(entry["term"])
        terms.append(Term(entry["term"], entry["en"], dict(explanation)))
    return tuple(terms)


def terms_in(text: str, terms: tuple[Term, ...], lang: str) -> list[Term]:
    """The glossary terms that a text (in `lang`) uses, in glossary order."""
    return [t for t in terms if t.name(lang) and t.name(lang) in text]


@lru_cache(maxsize=8)
def _matcher(terms: tuple[Term, ...], lang: str):
    names = sorted({t.name(lang): t for t in terms if t.name(lang)}.items(), key=lambda kv: -len(kv[0]))
    if not names:
        return None, {}
    return re.compile("|".join(re.escape(n) for n, _ in names)), dict(names)


def segments(text: str, terms: tuple[Term, ...], lang: str) -> list[tuple[str, Term | None]]:
    """Split text into plain runs and glossary terms, longest term first, for linking."""
    pattern, by_name = _matcher(terms, lang)
    if pattern is None or not text:
        return [(text, None)]
    out, position = [], 0
    for match in pattern.finditer(text):
        if match.start() > position:
            out.append((text[position:match.start()], None))
        out.append((match.group(0), by_name[match.group(0)]))
        position = match.end()
    if position < len(text):
        out.append((text[position:], None))
    return out
