"""Stage 3: commitments ⇄ Markdown files in content/.

Each commitment has one file per language, ``content/reports/<report>/<lang>/<id>.md``:
YAML front matter, then the commitment's text in that language as the body.

Who owns what:
- the generator owns the place in the report (id, report, section, item, sentence),
  the Chinese sentence (``source``, and the zh body) and the targets;
- people own the English body (the translation), ``note`` in either language,
  ``indicators`` (English names of the targets) and the topics once a file exists
  (``--retopic`` re-applies content/topics.yaml);
- ``translation`` records the Chinese text a translation was made from, so a changed
  report marks the translation outdated instead of silently keeping a wrong one.

Regenerating rewrites only what the generator owns and keeps the rest; a file the
generator cannot read is refused with a message, never overwritten. Generation is
deterministic: the same report gives the same bytes.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import yaml

from .errors import ContentError
from .model import COMPARATORS, Commitment, Report, Target, Topic, sentence_anchor
from .yamlio import _Loader, dump_yaml, parse_yaml

FRONT_MATTER_RE = re.compile(r"\A---\n(.*?\n)---\n?(.*)\Z", re.S)
GENERATED_KEYS = ("id", "report", "section", "item", "sentence", "topics", "targets", "source")
PEOPLE_KEYS = ("translation", "indicators", "note")
TRANSLATION_STATES = ("pending", "translated", "outdated")


@dataclass(frozen=True)
class ContentFile:
    path: Path
    front: dict
    body: str
    front_text: str

    @cached_property
    def lines(self) -> dict:
        """The line of each front-matter key, for error messages (parsed only when needed)."""
        node = yaml.compose(self.front_text, Loader=_Loader)
        return {key.value: key.start_mark.line + 2 for key, _ in node.value}


@dataclass(frozen=True)
class Translation:
    """A piece of English and the Chinese it was made from."""

    text: str
    made_from: str
    current: str

    @property
    def status(self) -> str:
        if not self.text:
            return "pending"
        return "translated" if self.made_from == self.current else "outdated"


@dataclass(frozen=True)
class Entry:
    """A commitment as the site shows it: generated facts plus what people added."""

    commitment: Commitment
    translation: Translation
    indicators: tuple[str, ...]
    notes: dict


# ---------------------------------------------------------------- reading


def read_content_file(path: Path) -> ContentFile:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ContentError("not UTF-8 text", path) from None
    text = text.replace("\r\n", "\n")
    match = FRONT_MATTER_RE.match(text)
    if not match:
        raise ContentError("front matter must start and end with a line '---'", path, 1)
    front = parse_yaml(match.group(1), path, first_line=2)
    if not isinstance(front, dict):
        raise ContentError("front matter must be 'key: value' lines", path, 2)
    return ContentFile(path, front, match.group(2).strip(), match.group(1))


def commitment_paths(folder: Path, lang: str) -> list[Path]:
    return sorted((folder / lang).glob("*.md"))


# ---------------------------------------------------------------- writing


def target_to_data(target: Target) -> dict:
    value = int(target.value) if target.value.is_integer() else target.value
    return {
        "indicator": target.indicator, "comparator": target.comparator, "value": value,
        "multiplier": target.multiplier, "unit": target.unit, "change": target.change,
        "text": target.text,
    }


def render(front: dict, body: str) -> str:
    return "---\n" + dump_yaml(front) + "---\n" + (body.strip() + "\n" if body.strip() else "")


def _front(commitment: Commitment, topics) -> dict:
    return {
        "id": commitment.id, "report": commitment.report, "section": commitment.section,
        "item": commitment.item, "sentence": commitment.sentence, "topics": list(topics),
        "targets": [target_to_data(t) for t in commitment.targets], "source": commitment.text,
    }


def planned_files(folder: Path, commitments: tuple[Commitment, ...], retopic: bool = False) -> dict[Path, str]:
    """The text every content file should have, merging what people wrote.

    Reads every existing file first, so a broken one stops the import before
    anything is written.
    """
    existing = {p: read_content_file(p) for lang in ("zh", "en") for p in commitment_paths(folder, lang)}
    planned: dict[Path, str] = {}
    for commitment in commitments:
        zh_path = folder / "zh" / f"{commitment.id}.md"
        en_path = folder / "en" / f"{commitment.id}.md"
        zh_old, en_old = existing.get(zh_path), existing.get(en_path)
        topics = commitment.topics
        if zh_old is not None and not retopic and isinstance(zh_old.front.get("topics"), list):
            topics = tuple(zh_old.front["topics"])

        zh_front = _front(commitment, topics)
        if zh_old is not None and zh_old.front.get("note"):
            zh_front["note"] = zh_old.front["note"]
        planned[zh_path] = render(zh_front, commitment.text)

        en_front = _front(commitment, topics)
        body = en_old.body if en_old is not None else ""
        old_translation = (en_old.front.get("translation") or {}) if en_old is not None else {}
        made_from = old_translation.get("made_from") if isinstance(old_translation, dict) else None
        if body and not made_from:
            # A new translation: record the Chinese it was made from.
            made_from = commitment.text
        translation = Translation(body, made_from or "", commitment.text)
        en_front["translation"] = {"status": translation.status, "made_from": made_from or ""}
        if en_old is not None:
            for key in ("indicators", "note"):
                if en_old.front.get(key):
                    en_front[key] = en_old.front[key]
        planned[en_path] = render(en_front, body)

    for path, old in existing.items():
        if path in planned:
            continue
        people_wrote = (path.parent.name == "en" and old.body) or any(old.front.get(k) for k in ("note", "indicators"))
        if people_wrote:
            raise ContentError(
                "this commitment is no longer in the report but holds a translation or a note; "
                "move what you want to keep, then delete the file", path, 1)
        planned[path] = ""  # generated only: safe to remove
    return planned


def write_files(planned: dict[Path, str]) -> tuple[int, int]:
    """Write what changed (atomically, file by file); return (written, removed)."""
    written = removed = 0
    for path, text in sorted(planned.items()):
        if text == "":
            if path.exists():
                path.unlink()
                removed += 1
            continue
        if path.exists() and path.read_text(encoding="utf-8") == text:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(path.name + ".tmp")
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, path)
        written += 1
    return written, removed


# ---------------------------------------------------------------- loading for the site


def load_entries(folder: Path, report: Report, topics: tuple[Topic, ...]) -> tuple[Entry, ...]:
    """Read and check every commitment file of a report."""
    known_topics = {t.slug for t in topics}
    sentences = {s.anchor: s.text for s in report.sentences()}
    entries = []
    en_files = {p.name: p for p in commitment_paths(folder, "en")}
    for zh_path in commitment_paths(folder, "zh"):
        zh = read_content_file(zh_path)
        commitment = _commitment_from(zh, report, known_topics, sentences)
        en_path = en_files.pop(zh_path.name, None)
        if en_path is None:
            raise ContentError(f"no English file {zh_path.name} beside this one; run 'python build.py import'", zh_path, 1)
        en = read_content_file(en_path)
        if en.front.get("id") != commitment.id:
            raise ContentError(f"id must be {commitment.id!r}, as in the Chinese file", en_path, en.lines.get("id", 2))
        _check_topics(en, known_topics)
        translation = en.front.get("translation") or {}
        if not isinstance(translation, dict):
            raise ContentError("translation must be a mapping with made_from", en_path, en.lines.get("translation"))
        indicators = en.front.get("indicators") or []
        if not isinstance(indicators, list) or not all(isinstance(i, str) for i in indicators):
            raise ContentError("indicators must be a list of English names, one per target", en_path, en.lines.get("indicators"))
        if indicators and len(indicators) != len(commitment.targets):
            raise ContentError(
                f"indicators has {len(indicators)} names but the commitment has {len(commitment.targets)} targets",
                en_path, en.lines.get("indicators"))
        entries.append(Entry(
            commitment=commitment,
            translation=Translation(en.body, str(translation.get("made_from") or ""), commitment.text),
            indicators=tuple(indicators),
            notes={"zh": str(zh.front.get("note") or ""), "en": str(en.front.get("note") or "")},
        ))
    if en_files:
        stray = next(iter(en_files.values()))
        raise ContentError("no Chinese file beside this English one", stray, 1)
    # In reading order: an item's number is not always its place (a list of 民生实事
    # between （九） and （十） is numbered after the section's own items).
    order = {anchor: n for n, anchor in enumerate(sentences)}
    return tuple(sorted(entries, key=lambda e: order[e.commitment.anchor]))


def _check_topics(file: ContentFile, known: set[str]) -> list[str]:
    topics = file.front.get("topics")
    line = file.lines.get("topics", 2)
    if not isinstance(topics, list) or not topics:
        raise ContentError("topics must be a non-empty list of topic slugs", file.path, line)
    for slug in topics:
        if slug not in known:
            raise ContentError(f"unknown topic {slug!r}; known topics: {', '.join(sorted(known))}", file.path, line)
    return topics


def _commitment_from(file: ContentFile, report: Report, known_topics, sentences) -> Commitment:
    front, path = file.front, file.path
    for key in GENERATED_KEYS:
        if key not in front:
            raise ContentError(f"missing key {key!r}", path, 2)
    unknown = set(front) - set(GENERATED_KEYS) - set(PEOPLE_KEYS)
    if unknown:
        key = sorted(unknown)[0]
        raise ContentError(f"unknown key {key!r}", path, file.lines.get(key))
    for key in ("section", "item", "sentence"):
        if not isinstance(front[key], int):
            raise ContentError(f"{key} must be a whole number", path, file.lines.get(key))
    if front["report"] != report.meta.slug:
        raise ContentError(f"report must be {report.meta.slug!r}", path, file.lines.get("report"))
    anchor = sentence_anchor(front["section"], front["item"], front["sentence"])
    if sentences.get(anchor) != front["source"]:
        raise ContentError(
            "source does not match the report's sentence at this place; run 'python build.py import'",
            path, file.lines.get("source"))
    topics = _check_topics(file, known_topics)
    targets = front["targets"] or []
    if not isinstance(targets, list):
        raise ContentError("targets must be a list", path, file.lines.get("targets"))
    parsed = []
    for target in targets:
        try:
            parsed.append(Target(
                indicator=str(target["indicator"]), comparator=target["comparator"],
                value=float(target["value"]), multiplier=int(target["multiplier"]),
                unit=str(target["unit"]), change=target.get("change"), text=str(target["text"]),
            ))
        except (KeyError, TypeError, ValueError):
            raise ContentError(
                "each target needs indicator, comparator, value, multiplier, unit, change and text",
                path, file.lines.get("targets")) from None
        if parsed[-1].comparator not in COMPARATORS:
            raise ContentError(f"comparator must be one of {', '.join(COMPARATORS)}", path, file.lines.get("targets"))
    return Commitment(
        id=str(front["id"]), report=report.meta.slug, section=front["section"], item=front["item"],
        sentence=front["sentence"], text=front["source"], topics=tuple(topics), targets=tuple(parsed),
    )


# ---------------------------------------------------------------- report-page translations


def translatable_sentences(report: Report, commitments: tuple[Commitment, ...]):
    """The sentences translated outside commitment files: headings, intros, titles, closing."""
    committed = {c.anchor for c in commitments}
    return [s for s in report.sentences() if s.anchor not in committed]


def planned_translations(path: Path, report: Report, commitments: tuple[Commitment, ...]) -> str:
    """The English file for headings and other non-commitment sentences, merged."""
    old = {}
    if path.exists():
        data = parse_yaml(path.read_text(encoding="utf-8"), path)
        old = _check_translation_map(data, path)
    wanted = translatable_sentences(report, commitments)
    merged = {}
    for sentence in wanted:
        previous = old.pop(sentence.anchor, {})
        english = previous.get("en") or ""
        made_from = previous.get("zh") if english else sentence.text
        merged[sentence.anchor] = {"zh": made_from or sentence.text, "en": english}
    for anchor, entry in old.items():
        if entry.get("en"):
            raise ContentError(
                f"{anchor!r} has an English translation but is no longer in the report; "
                "move what you want to keep, then delete the entry", path)
    return ("# English for the report's headings, introductions, item titles and closing.\n"
            "# zh: the Chinese the English was made from; en: the English. See README.\n"
            + dump_yaml(merged))


def load_translations(path: Path, report: Report, commitments) -> dict[str, Translation]:
    if not path.exists():
        raise ContentError("missing; run 'python build.py import'", path)
    data = _check_translation_map(parse_yaml(path.read_text(encoding="utf-8"), path), path)
    current = {s.anchor: s.text for s in translatable_sentences(report, commitments)}
    return {
        anchor: Translation(entry.get("en") or "", entry.get("zh") or "", current[anchor])
        for anchor, entry in data.items() if anchor in current
    }


def _check_translation_map(data, path: Path) -> dict:
    if data is None:
        return {}
    if not isinstance(data, dict) or not all(
        isinstance(v, dict) and set(v) <= {"zh", "en"} and all(isinstance(x, str) or x is None for x in v.values())
        for v in data.values()
    ):
        raise ContentError("expected entries like 's3-h: {zh: …, en: …}'", path, 1)
    return {k: dict(v) for k, v in data.items()}
