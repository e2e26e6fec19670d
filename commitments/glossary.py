"""Official terms: the English the site always uses for each, and a one-line
explanation shown wherever the term appears.

Every report has its own glossary, because the same words mean different programmes
in different places and years:

- ``reports/<slug>/glossary.yaml``: the terms an editor explains for that report;
- the report's own explanation of terms (名词解释, `Report.glossary`): Chinese only,
  shown as such until an editor gives the term an entry in the report's file;
- ``glossary.yaml`` beside reports/: site-wide terms, each saying which reports it
  applies to (``reports: [slug, …]`` or ``applies_to: all``), so that a term explained
  for one place never turns up in another place's pages unasked.

Every explanation an editor writes says what it rests on (``basis``), shown beside it:
``report`` (the report itself says it), ``public-source`` (an official page, whose
address is ``source``) or ``inferred`` (our own reading of the term, which the report
does not explain and no cited page confirms). The report's own 名词解释 rests on the report.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from . import schema
from .errors import ContentError


@dataclass(frozen=True, eq=False)  # compared by identity, so a tuple of terms can be a cache key
class Term:
    term: str
    #: the fixed English name; None while nobody has translated the term (an entry of
    #: the report's 名词解释 without an editor's entry).
    en: str | None
    #: zh always; en once translated.
    explanation: dict[str, str]
    #: what the explanation rests on: one of BASES.
    basis: str
    #: the address of the official page, for basis public-source.
    source: str | None = None

    @property
    def anchor(self) -> str:
        if self.en:
            return "term-" + re.sub(r"[^a-z0-9]+", "-", self.en.lower()).strip("-")
        # Without English the id comes from the Chinese, which has no ASCII to keep.
        return "term-" + hashlib.sha1(self.term.encode()).hexdigest()[:8]

    def name(self, lang: str) -> str:
        """The name to show: the English when there is one, else the Chinese."""
        return self.en if lang == "en" and self.en else self.term

    def written(self, lang: str) -> str | None:
        """How a text in `lang` writes the term, for finding it; None when unknown."""
        return self.en if lang == "en" else self.term


@dataclass(frozen=True)
class SiteTerm:
    """An entry of the site-wide glossary and the reports it is declared for."""

    term: Term
    #: report slugs, or None for every report (applies_to: all).
    reports: tuple[str, ...] | None
    line: int | None

    def applies_to(self, slug: str) -> bool:
        return self.reports is None or slug in self.reports


#: what an explanation may rest on (glossary.schema.json lists the same).
BASES = ("report", "public-source", "inferred")


def _entries(path: Path, name: str):
    """(entry, line, Term) of a glossary file, checked against the schema `name`; a missing
    file has none."""
    if not path.exists():
        return
    document = schema.load(path, name)
    seen = set()
    for index, entry in enumerate(document.data or ()):
        if entry["term"] in seen:
            raise document.error((index,), "defined twice: explain a term once")
        seen.add(entry["term"])
        yield entry, document.line((index,)), Term(entry["term"], entry["en"], dict(entry["explanation"]),
                                                   entry["basis"], entry.get("source"))


def load_glossary(path: Path) -> tuple[Term, ...]:
    """A report's own glossary.yaml."""
    return tuple(term for _, _, term in _entries(path, "glossary"))


def load_site_glossary(path: Path) -> tuple[SiteTerm, ...]:
    """The site-wide glossary.yaml: every entry says which reports it applies to."""
    return tuple(SiteTerm(term, tuple(entry["reports"]) if "reports" in entry else None, line)
                 for entry, line, term in _entries(path, "site-glossary"))


def check_site_glossary(terms: tuple[SiteTerm, ...], places: dict[str, dict[str, str]], path: Path) -> None:
    """Site-wide entries name existing reports and no report's place: an explanation about
    one place belongs in that report's glossary.yaml, where it cannot reach other places.

    `places` maps each report's slug to its place ({zh, en}); the country's name is no
    place of one report (中国 is in explanations of national units and programmes)."""
    for site_term in terms:
        for slug in site_term.reports or ():
            if slug not in places:
                raise ContentError(f"term {site_term.term.term!r}: no report {slug!r} in reports/; known: "
                                   f"{', '.join(sorted(places))}", path, site_term.line)
        for slug, place in places.items():
            for lang, name in place.items():
                stem = _place_stem(name) if lang == "zh" else name
                if stem and stem not in ("中国", "China") and stem in site_term.term.explanation.get(lang, ""):
                    raise ContentError(
                        f"term {site_term.term.term!r}: the explanation names {name} (report {slug}); explain "
                        f"it in reports/{slug}/glossary.yaml instead", path, site_term.line)


def _place_stem(name: str) -> str:
    """安国市 → 安国, 广东省 → 广东: explanations often drop the level."""
    stem = re.sub(r"(?:特别行政区|自治区|自治州|自治县|地区|省|市|县|区|盟|旗)$", "", name)
    return stem if len(stem) >= 2 else name


def _key(term: str) -> str:
    """A term as compared between glossaries: 名词解释 often quotes it (“四上”企业)."""
    return re.sub(r"[\s“”‘’\"'「」『』]", "", term)


def glossary_for(slug: str, report_terms: tuple[tuple[str, str], ...], own: tuple[Term, ...],
                 site_terms: tuple[SiteTerm, ...], own_path: Path, site_path: Path) -> tuple[Term, ...]:
    """A report's glossary: its editor's terms, the site-wide terms declared for it, then
    the entries of its own 名词解释 that no editor has given an entry (Chinese only)."""
    terms = list(own)
    seen = {_key(t.term) for t in own}
    for site_term in site_terms:
        if not site_term.applies_to(slug):
            continue
        if _key(site_term.term.term) in seen:
            raise ContentError(f"term {site_term.term.term!r} applies to {slug}, which defines it in "
                               f"{own_path} too: keep one", site_path, site_term.line)
        terms.append(site_term.term)
        seen.add(_key(site_term.term.term))
    for term, explanation in report_terms:
        if _key(term) not in seen:
            terms.append(Term(term, None, {"zh": explanation}, "report"))
            seen.add(_key(term))
    return tuple(terms)


def terms_in(text: str, terms: tuple[Term, ...], lang: str) -> list[Term]:
    """The glossary terms that a text (in `lang`) uses, in glossary order."""
    return [t for t in terms if t.written(lang) and _word(t.written(lang), lang).search(text)]


@lru_cache(maxsize=8192)  # every commitment page looks for each of its report's terms
def _word(name: str, lang: str) -> re.Pattern:
    """A term as a pattern: in English whole words, in the singular or the plural ("mu",
    the area unit, is not the "mu" of "municipal"; "red lines" is the term "red line");
    Chinese has no spaces between words, so any place it is written."""
    escaped = re.escape(name)
    return re.compile(rf"(?<!\w){escaped}(?:e?s)?(?!\w)" if lang == "en" else escaped)


def _term_named(written: str, by_name: dict[str, Term]) -> Term:
    """The term a match is: as written, or its singular."""
    for name in (written, written.removesuffix("s"), written.removesuffix("es")):
        if name in by_name:
            return by_name[name]
    raise KeyError(written)


@lru_cache(maxsize=32)
def _matcher(terms: tuple[Term, ...], lang: str):
    names = sorted({t.written(lang): t for t in terms if t.written(lang)}.items(), key=lambda kv: -len(kv[0]))
    if not names:
        return None, {}
    return re.compile("|".join(_word(n, lang).pattern for n, _ in names)), dict(names)


def segments(text: str, terms: tuple[Term, ...], lang: str) -> list[tuple[str, Term | None]]:
    """Split text into plain runs and glossary terms, longest term first, for linking;
    in English whole words only (or their plural)."""
    pattern, by_name = _matcher(terms, lang)
    if pattern is None or not text:
        return [(text, None)]
    out, position = [], 0
    for match in pattern.finditer(text):
        if match.start() > position:
            out.append((text[position:match.start()], None))
        out.append((match.group(0), _term_named(match.group(0), by_name)))
        position = match.end()
    if position < len(text):
        out.append((text[position:], None))
    return out
