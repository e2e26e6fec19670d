"""Stage 3: commitments ⇄ Markdown files in content/.

Each commitment has one file per language, ``content/reports/<report>/<lang>/<id>.md``:
YAML front matter, then the commitment's text in that language as the body.

Every field has one owner:
- the import owns the Chinese file's place in the report (id, report, section, item,
  sentence), the report's sentence (``source`` and the Chinese body, which an editor
  cannot change: the report's words are the report's), ``topics_from_rules`` (what
  content/topics.yaml gives) and, until an editor corrects them, ``targets``;
- editors own the English body (the translation), ``note`` in either language,
  ``indicators`` (English names of the targets), topics they set (``topics_by: editor``)
  and targets they corrected (``targets_by: editor``);
- ``translation`` records the Chinese text a translation was made from, so a changed
  report marks the translation outdated instead of silently keeping a wrong one.

Topics are kept once, in the Chinese file. Planning an import reads every file, keeps
what editors own, and says why each file changes (`Change`); nothing is written until
the whole plan is checked. Generation is deterministic: the same report and the same
edits give the same bytes.
"""
from __future__ import annotations

import hashlib
import math
import os
import re
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path

from . import schema
from .errors import ContentError, display_path
from .model import Commitment, Report, Target, Topic, sentence_anchor
from .snapshot import ContentSnapshot
from .yamlio import compose_yaml, dump_yaml, parse_yaml, read_text

FRONT_MATTER_RE = re.compile(r"\A---\n(.*?\n)---\n?(.*)\Z", re.S)
# What each file's front matter may hold: commitments/schemas/commitment-zh|en.schema.json.
# Copies of the Chinese file's fields that English files held before topics were kept once.
FORMER_EN_KEYS = ("report", "section", "item", "sentence", "topics", "targets", "source")
EDITOR = "editor"
ID_RE = re.compile(r"^[0-9]{4}-[a-z0-9-]+-[0-9]+-[0-9]+-[0-9]+$")
ARCHIVE_FILE = "archive.yaml"
IMPORTED_FILE = "imported.yaml"


@dataclass(frozen=True)
class ContentFile:
    path: Path
    front: dict
    body: str
    front_text: str
    #: the whole file as read, to tell whether an import changes it.
    text: str = ""

    @property
    def body_line(self) -> int:
        return self.front_text.count("\n") + 3

    @cached_property
    def document(self) -> schema.Document:
        """The front matter with its YAML nodes, for the schema's messages (parsed only when needed)."""
        return schema.Document(self.path, self.front, compose_yaml(self.front_text), first_line=2)

    @cached_property
    def lines(self) -> dict:
        """The line of each front-matter key, for error messages."""
        return {key.value: key.start_mark.line + 2 for key, _ in self.document.node.value}

    def check(self, lang: str, former: tuple[str, ...] = ()) -> None:
        """Check the front matter against its schema; `former` keys (an old layout the
        import migrates) are let through. A front matter found valid is remembered by its
        text: a build checks every file as the import check reads it, then as the library
        loads it, and the schema check is most of reading a file."""
        # Keys of the old layout that the file does not have change nothing of what is checked.
        present = tuple(k for k in former if k in self.front) if former else ()
        key = (self.front_text, lang, present)
        if key in _VALID_FRONT:
            return
        data = {k: v for k, v in self.front.items() if k not in former} if present else self.front
        if not schema.valid(data, f"commitment-{lang}"):  # the YAML nodes, for the line, only then
            schema.check(replace(self.document, data=data), f"commitment-{lang}")
        _VALID_FRONT.add(key)


#: (front matter text, language, former keys let through) found valid: the same text
#: parses to the same data, so it is valid again.
_VALID_FRONT: set[tuple[str, str, tuple[str, ...]]] = set()


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
    #: the targets are an editor's correction of what the sentence gives.
    edited_targets: bool = False


# ---------------------------------------------------------------- reading


@dataclass
class _Reading:
    """What a build has read of content/ so far (read_once)."""

    #: content/ as the build read it at its start: files are taken from there
    snapshot: ContentSnapshot | None
    #: each commitment file read, by path, with the text it was made from
    files: dict[Path, ContentFile] = field(default_factory=dict)
    #: each en.yaml read, by path: (its bytes, its checked data)
    translations: dict[Path, tuple[bytes, dict]] = field(default_factory=dict)


#: While a build checks content/ against the reports and then loads it (read_once).
_READ: _Reading | None = None


@contextmanager
def read_once(snapshot: ContentSnapshot | None = None):
    """Within this, a commitment file is read from ``snapshot`` (the bytes the build
    hashed) when it is there, and a commitment file or en.yaml read again with the same
    text is what was made of it the first time: a build's import check and its library
    read the same files, and parsing their YAML is most of reading them. Nothing
    changes a ContentFile once it is made."""
    global _READ
    previous, _READ = _READ, _Reading(snapshot)
    try:
        yield
    finally:
        _READ = previous


def _snapshot_bytes(path: Path) -> bytes | None:
    """Within read_once, the bytes of ``path`` the build hashed, when its snapshot holds them."""
    return _READ.snapshot.get(path) if _READ is not None and _READ.snapshot is not None else None


def _read_text(path: Path) -> str:
    return read_text(path, _snapshot_bytes(path))


def read_content_file(path: Path) -> ContentFile:
    text = _read_text(path)
    if _READ is None:
        return content_file(path, text)
    known = _READ.files.get(path)
    if known is None or known.text != text:
        known = _READ.files[path] = content_file(path, text)
    return known


def content_file(path: Path, text: str) -> ContentFile:
    original = text
    # Some editors (older Notepad) start a UTF-8 file with a byte order mark.
    text = text.removeprefix("\ufeff").replace("\r\n", "\n")
    match = FRONT_MATTER_RE.match(text)
    if not match:
        raise ContentError("front matter must start and end with a line '---'", path, 1)
    front = parse_yaml(match.group(1), path, first_line=2)
    if not isinstance(front, dict):
        raise ContentError("front matter must be 'key: value' lines", path, 2)
    return ContentFile(path, front, match.group(2).strip(), match.group(1), original)


def commitment_paths(folder: Path, lang: str) -> list[Path]:
    """A report's commitment files in one language; a hidden file (an editor's backup or
    lock file) is none, as it is no content for the build (snapshot.py)."""
    return sorted(p for p in (folder / lang).glob("*.md") if not p.name.startswith("."))


# ---------------------------------------------------------------- planning an import


@dataclass(frozen=True)
class Change:
    """What an import does to one file, and why."""

    path: Path
    action: str  # "add", "change", "remove" or "archive"
    reasons: tuple[str, ...] = ()


@dataclass
class Plan:
    """Every file an import would write (None: delete it) and why."""

    files: dict[Path, str | None] = field(default_factory=dict)
    changes: list[Change] = field(default_factory=list)

    def set(self, path: Path, text: str | None, old: str | None, reasons=(), archived: bool = False) -> None:
        """Plan `path` to hold `text` (None: to be deleted); a change only when it differs from `old`."""
        self.files[path] = text
        self.changes = [c for c in self.changes if c.path != path]
        if text == old:
            return
        if text is None:
            action = "archive" if archived else "remove"
        else:
            action = "add" if old is None else "change"
        self.changes.append(Change(path, action, tuple(reasons) or ("file format",)))


def target_to_data(target: Target) -> dict:
    value = int(target.value) if target.value.is_integer() else target.value
    return {
        "indicator": target.indicator, "comparator": target.comparator, "value": value,
        "multiplier": target.multiplier, "unit": target.unit, "change": target.change,
        "text": target.text,
    }


def render(front: dict, body: str) -> str:
    return "---\n" + dump_yaml(front) + "---\n" + (body.strip() + "\n" if body.strip() else "")


@dataclass(frozen=True)
class PlannedReport:
    """A report folder's commitment files as an import would leave them, and the ids it moves."""

    #: by language, then file name: each file's content after the import, read once.
    files: dict[str, dict[str, ContentFile]]
    #: ids that moved with their sentence, {old: new}
    moved: dict[str, str]
    #: ids whose sentence left the report, with that sentence
    gone: dict[str, str]


def plan_commitment_files(plan: Plan, folder: Path, commitments: tuple[Commitment, ...]) -> PlannedReport:
    """Plan every commitment file of a report folder, keeping what editors own.

    Reads (and checks) every existing file first, so a mistake in any of them stops
    the import before anything is written. What editors wrote follows its sentence:
    when a sentence is removed or added before it, the ids after it move (they count
    sentences), and the translation and notes move with the sentence.
    """
    existing = {lang: _read_all(folder, lang) for lang in ("zh", "en")}
    sources = _match_sentences(commitments, existing["zh"])
    # Whether the import reads the same sentences as when it last wrote these files: then a
    # source: that differs from its sentence was edited by hand (and is refused), not
    # changed by a corrected report.txt or a newer reading of it.
    digest = sentences_digest(commitments)
    same_reading = _recorded_digest(folder / IMPORTED_FILE) == digest
    taken = set()
    planned: dict[str, dict[str, ContentFile]] = {"zh": {}, "en": {}}
    for commitment in commitments:
        name = f"{commitment.id}.md"
        origin = sources.get(name)
        taken.add(origin)
        zh_old, en_old = existing["zh"].get(origin), existing["en"].get(origin)
        reasons = {"zh": [], "en": []}
        if origin is None:
            reasons = {"zh": ["new in the report"], "en": ["new in the report"]}
        elif origin != name:
            moved = f"moved from {Path(origin).stem} with its sentence (sentences before it changed)"
            reasons["zh"].append(moved)
            reasons["en"].append(moved)
        if zh_old is not None:
            _check_chinese_body(zh_old)
            if zh_old.front.get("source") != commitment.text:
                if same_reading and origin == name:
                    raise ContentError("source: differs from the report's sentence, though report.txt has not "
                                       "changed since the last import: the report's words cannot be edited here; "
                                       "undo the edit and write a remark in note:, or correct report.txt",
                                       zh_old.path, zh_old.lines.get("source"))
                reasons["zh"].append("the report's sentence changed")
        topics, topics_by = _topics(commitment, zh_old, en_old, reasons["zh"])
        targets, targets_by = _targets(commitment, zh_old, reasons["zh"])

        zh_front = {
            "id": commitment.id, "report": commitment.report, "section": commitment.section,
            "item": commitment.item, "sentence": commitment.sentence, "topics": topics,
            "topics_by": topics_by, "topics_from_rules": list(commitment.topics),
            "targets": targets, "targets_by": targets_by, "source": commitment.text,
            "note": zh_old.front.get("note") if zh_old else None,
        }
        planned["zh"][name] = _plan_file(plan, folder / "zh" / name, _present(zh_front), commitment.text,
                                         existing["zh"], reasons["zh"])

        body = en_old.body if en_old is not None else ""
        old_translation = (en_old.front.get("translation") or {}) if en_old is not None else {}
        made_from = old_translation.get("made_from") if isinstance(old_translation, dict) else None
        if body and not made_from:
            # A new translation: record the Chinese it was made from.
            made_from = commitment.text
            reasons["en"].append("records the Chinese the translation was made from (made_from)")
        translation = Translation(body, made_from or "", commitment.text)
        if isinstance(old_translation, dict) and old_translation.get("status") not in (None, translation.status):
            reasons["en"].append(f"translation now {translation.status}")
        en_front = {"id": commitment.id, "translation": {"status": translation.status, "made_from": made_from or ""},
                    **{key: en_old.front.get(key) for key in ("indicators", "note") if en_old is not None}}
        if en_old is not None and any(key in en_old.front for key in FORMER_EN_KEYS):
            reasons["en"].append("topics and the report's fields are now kept only in the Chinese file")
        planned["en"][name] = _plan_file(plan, folder / "en" / name, _present(en_front), body, existing["en"],
                                         reasons["en"])

    # A file no sentence came from is no longer in the report: what editors wrote for
    # it is archived (even when another sentence's file now takes its name).
    names = {f"{c.id}.md" for c in commitments}
    archive = []
    for name in sorted({*existing["zh"], *existing["en"]}):
        zh_old, en_old = existing["zh"].get(name), existing["en"].get(name)
        record = {} if name in taken else _archive_record(zh_old, en_old)
        if record:
            archive.append(record)
        if name in names:
            continue
        reasons = ("moved with its sentence",) if name in taken else (
            "no longer in the report", *(("what editors wrote is kept in " + ARCHIVE_FILE,) if record else ()))
        for old in (zh_old, en_old):
            if old is not None:
                plan.set(old.path, None, old.text, reasons, archived=bool(record))
    if archive:
        add_to_archive(plan, folder / ARCHIVE_FILE, archive)
    record = folder / IMPORTED_FILE
    old_record = _read_text(record) if record.exists() else None
    text = ("# Written by 'python3 build.py import': a digest of the sentences it read, to tell a\n"
            "# corrected report.txt from an edited source:. Do not edit.\n" + dump_yaml({"sentences": digest}))
    plan.set(record, text, old_record, ("records what the import read",))
    moved = {Path(origin).stem: Path(name).stem for name, origin in sources.items() if origin != name}
    gone = {Path(name).stem: (existing["zh"][name].front.get("source") if name in existing["zh"] else "")
            for name in {*existing["zh"], *existing["en"]} if name not in taken}
    return PlannedReport(planned, moved, gone)


def plan_renamed_ids(plan: Plan, path: Path, moved: dict[str, str], gone: dict[str, str]) -> None:
    """Follow moved ids in an editor's file keyed by commitment id (progress.yaml,
    outcomes.yaml), line by line so that comments and layout stay; the entries of
    commitments that left the report go to the archive."""
    if not path.exists() or not (moved or gone):
        return
    old_text = _read_text(path)
    data = parse_yaml(old_text, path)  # a mistake is named at its line in the file, before anything is planned
    if data is None:
        return
    root = compose_yaml(old_text)
    if not isinstance(data, dict):
        raise ContentError("expected entries keyed by commitment id: '<id>:' at the start of a line, then a space "
                           "or a new line", path, root.start_mark.line + 1)
    # Where each entry starts, as YAML reads the file: a line may look like a key
    # inside a flow mapping or a block of text.
    keys = [key for key, _ in root.value]
    lines = old_text.splitlines(keepends=True)
    starts = [key.start_mark.line for key in keys]
    archived = [{"id": str(k), "source": gone[str(k)], path.stem: v} for k, v in data.items() if str(k) in gone]
    renamed = sum(1 for k in data if str(k) in moved)
    if len(set(starts)) < len(starts):  # entries on one line ({a: …, b: …}): no layout to keep
        kept_data = {moved.get(str(k), str(k)): v for k, v in data.items() if str(k) not in gone}
        text = dump_yaml(kept_data) if kept_data else ""
    else:
        kept = lines[:starts[0]] if starts else lines  # what comes before the first entry
        for key, a, b in zip(keys, starts, [*starts[1:], len(lines)]):
            cid = str(key.value)
            if cid in gone:
                continue
            if cid in moved:
                first = lines[a]
                kept.append(first[:key.start_mark.column] + moved[cid] + first[key.end_mark.column:])
                a += 1
            kept += lines[a:b]
        text = "".join(kept)
    reasons = [f"{renamed} id(s) moved with their sentences"] if renamed else []
    if archived:
        reasons.append(f"{len(archived)} entr{'y' if len(archived) == 1 else 'ies'} of commitments no longer in "
                       f"the report kept in {ARCHIVE_FILE}")
        add_to_archive(plan, path.with_name(ARCHIVE_FILE), archived)
    plan.set(path, text, old_text, reasons)


def sentences_digest(commitments: tuple[Commitment, ...]) -> str:
    return hashlib.sha256("\n".join(f"{c.id}\t{c.text}" for c in commitments).encode()).hexdigest()


def _recorded_digest(path: Path) -> str | None:
    if not path.exists():
        return None
    data = parse_yaml(_read_text(path), path)
    return data.get("sentences") if isinstance(data, dict) else None


def _match_sentences(commitments: tuple[Commitment, ...], files: dict[str, ContentFile]) -> dict[str, str]:
    """For each commitment's file name, the name of the existing file that holds its sentence.

    A file stays with its id when its sentence is still there, or when no other file
    holds the new sentence (the sentence was edited in place: its translation becomes
    outdated). Otherwise the file whose source is this very sentence moves here.
    """
    wanted = {f"{c.id}.md": c.text for c in commitments}
    matched = {name: name for name, text in wanted.items() if name in files and files[name].front.get("source") == text}
    free = {}
    for name, file in files.items():
        if name not in matched.values():
            free.setdefault(file.front.get("source"), name)
    for name, text in wanted.items():
        if name not in matched and text in free:
            matched[name] = free.pop(text)
    for name in wanted:
        if name not in matched and name in files and name not in matched.values():
            matched[name] = name
    return matched


def _plan_file(plan: Plan, path: Path, front: dict, body: str, existing: dict[str, ContentFile],
               reasons: list[str]) -> ContentFile:
    """Plan one file; return it as it will be (the file already read, when it stays)."""
    old = existing.get(path.name)
    if old is not None and old.front == front and old.body == body.strip():
        # The same data: the file stays as its editor laid it out (key order, quoting).
        plan.set(path, old.text, old.text)
        return old
    text = render(front, body)
    plan.set(path, text, old.text if old else None, reasons or (("new in the report",) if old is None else ()))
    return content_file(path, text)


def _present(front: dict) -> dict:
    return {key: value for key, value in front.items() if value is not None}


def _read_all(folder: Path, lang: str) -> dict[str, ContentFile]:
    """Every commitment file of a language, by file name; a copied or renamed file is refused."""
    files = {p.name: read_content_file(p) for p in commitment_paths(folder, lang)}
    for file in files.values():
        file.check(lang, former=FORMER_EN_KEYS if lang == "en" else ())
    _check_ids(files.values())
    return files


def _check_ids(files) -> None:
    """Ids are given by the import and name the file: a copied or changed id is refused."""
    files = list(files)
    for file in files:
        # A file named like an id whose id: was changed (a copy saved as "… copy.md" is below).
        if ID_RE.match(file.path.stem) and file.front.get("id") != file.path.stem:
            raise ContentError(f"id must be {file.path.stem!r}, the file's name (ids come from the import "
                               "and never change)", file.path, file.lines.get("id", 2))
    by_id: dict = {}
    for file in files:
        by_id.setdefault(file.front.get("id"), []).append(file)
    for cid, same in by_id.items():
        if len(same) > 1:
            # Name the file that is not the id's own: the copy.
            copy = next((f for f in same if f.path.stem != cid), same[-1])
            other = next(f for f in same if f is not copy)
            raise ContentError(f"duplicate id {cid!r}: also in {display_path(other.path)}; "
                               "each commitment has one file per language", copy.path, copy.lines.get("id", 2))
    for file in files:
        if file.front.get("id") != file.path.stem:
            raise ContentError(f"the file's name must be '{file.front.get('id')}.md', its commitment's id "
                               "(a renamed file: give it its name back)", file.path, file.lines.get("id", 2))


def _check_chinese_body(file: ContentFile) -> None:
    """The Chinese body is the report's sentence: an edit there would be lost, so it is refused."""
    if file.body != file.front.get("source"):
        raise ContentError("the Chinese text differs from the report's sentence (source:); the report's words "
                           "cannot be edited here: undo the edit and write a remark in note:, "
                           "or correct report.txt", file.path, file.body_line)


def _topics(commitment: Commitment, zh_old: ContentFile | None, en_old: ContentFile | None,
            reasons: list[str]) -> tuple[list, str | None]:
    """The topics to write and who set them: an editor's stay; the rules' follow topics.yaml."""
    rules = list(commitment.topics)
    if zh_old is None:
        return rules, None
    # What the rules gave when the file was written (files written before this was
    # recorded: what they give now); topics that differ from it were set by an editor.
    basis = zh_old.front.get("topics_from_rules", rules)
    hand = []
    if zh_old.front.get("topics_by") == EDITOR or zh_old.front.get("topics") != basis:
        hand.append((zh_old.front.get("topics"), zh_old))
    if en_old is not None and "topics" in en_old.front and en_old.front["topics"] not in (basis, zh_old.front.get("topics")):
        hand.append((en_old.front["topics"], en_old))
    if len(hand) == 2:
        raise ContentError(f"topics differ from those in {display_path(zh_old.path)}; topics are kept once, in the "
                           "Chinese file: set them there and delete these", en_old.path, en_old.lines.get("topics"))
    if "topics_from_rules" not in zh_old.front:
        reasons.append("records what topics.yaml gives (topics_from_rules)")
    elif zh_old.front["topics_from_rules"] != rules and hand:
        reasons.append(f"topics.yaml now gives {', '.join(rules) or 'no topic'}; the editor's topics are kept")
    if hand:
        topics, file = hand[0]
        if file is en_old:
            reasons.append("topics set in the English file moved here (topics_by: editor)")
        elif zh_old.front.get("topics_by") != EDITOR:
            reasons.append("topics set by an editor, now marked topics_by: editor")
        return topics, EDITOR
    if zh_old.front.get("topics") != rules:
        reasons.append(f"topics from topics.yaml: {', '.join(map(str, zh_old.front.get('topics') or []))} → "
                       f"{', '.join(rules)}")
    return rules, None


def _targets(commitment: Commitment, zh_old: ContentFile | None, reasons: list[str]) -> tuple[list, str | None]:
    """The targets to write and who set them: read from the sentence, or an editor's correction."""
    read = [target_to_data(t) for t in commitment.targets]
    if zh_old is None or "targets" not in zh_old.front:
        return read, None
    old = zh_old.front["targets"]
    if zh_old.front.get("targets_by") == EDITOR:
        if old != read and zh_old.front.get("source") != commitment.text:
            reasons.append("the targets an editor corrected are kept: check them against the new sentence")
        return old, EDITOR
    if old == read:
        return read, None
    if zh_old.front.get("source") != commitment.text:
        reasons.append("targets read again from the new sentence")
        return read, None
    # Same sentence, other targets: an editor's correction (or a reading the importer
    # no longer makes). Either way it is kept and marked, never silently replaced.
    reasons.append("targets differ from what the sentence gives; kept and marked targets_by: editor "
                   "(delete the targets lines to have them read again)")
    return old, EDITOR


def _archive_record(zh_old: ContentFile | None, en_old: ContentFile | None) -> dict:
    """What editors wrote for a commitment that left the report; empty when nothing."""
    record = {}
    if en_old is not None and en_old.body:
        record["translation"] = en_old.body
    for file, lang in ((zh_old, "zh"), (en_old, "en")):
        if file is not None and file.front.get("note"):
            record.setdefault("note", {})[lang] = file.front["note"]
    if en_old is not None and en_old.front.get("indicators"):
        record["indicators"] = en_old.front["indicators"]
    if zh_old is not None:
        if zh_old.front.get("topics_by") == EDITOR:
            record["topics"] = zh_old.front.get("topics")
        if zh_old.front.get("targets_by") == EDITOR:
            record["targets"] = zh_old.front.get("targets")
    if not record:
        return {}
    either = zh_old or en_old
    return {"id": either.front.get("id", either.path.stem),
            "source": (zh_old or en_old).front.get("source") or (zh_old.body if zh_old else ""), **record}


def add_to_archive(plan: Plan, path: Path, records: list[dict]) -> None:
    """Append records to a report's archive.yaml (read once, so earlier ones stay)."""
    on_disk = _read_text(path) if path.exists() else None
    before = _archived(on_disk, path)
    kept = _archived(plan.files.get(path) or on_disk, path)
    kept += [r for r in records if r not in kept]
    text = ("# What editors wrote for commitments and headings that are no longer in report.txt,\n"
            "# with the sentence it was for (its id may now be another sentence's). The import keeps\n"
            "# it here; copy back what still applies.\n" + dump_yaml(kept))
    added = list(dict.fromkeys(str(r.get("id") or r.get("anchor")) for r in kept[len(before):]))
    named = ", ".join(added[:5]) + (", …" if len(added) > 5 else "")
    plan.set(path, text, on_disk, (f"what editors wrote for {named}, no longer in the report, is kept here",))


def _archived(text: str | None, path: Path) -> list:
    kept = parse_yaml(text, path) if text else None
    if kept is None:
        return []
    if not isinstance(kept, list):
        raise ContentError("expected a list of archived entries (- id: …)", path, 1)
    return kept


def write_plan(plan: Plan) -> tuple[int, int]:
    """Write a checked plan; return (written, removed).

    Every new file is written beside its destination first and only then are they all
    moved into place, so a failure while writing leaves content/ as it was.
    """
    staged = []
    try:
        for path, text in sorted(plan.files.items()):
            if text is None or (path.exists() and read_text(path) == text):  # as it was read: any line breaks
                continue
            path.parent.mkdir(parents=True, exist_ok=True)
            temporary = path.with_name(path.name + ".tmp")
            temporary.write_text(text, encoding="utf-8")
            staged.append((temporary, path))
    except BaseException as error:
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)
        if isinstance(error, OSError) and error.filename:  # a file where a folder must be, a read-only folder
            where = Path(error.filename)
            problem = ("is a file; a folder is expected here" if isinstance(error, FileExistsError)
                       and where.is_file() else f"cannot be written: {error.strerror}")
            raise ContentError(problem, where) from None
        raise
    for temporary, path in staged:
        os.replace(temporary, path)
    removed = 0
    for path, text in sorted(plan.files.items()):
        if text is None and path.exists():
            path.unlink()
            removed += 1
    return len(staged), removed


# ---------------------------------------------------------------- loading for the site


def load_entries(folder: Path, report: Report, topics: tuple[Topic, ...]) -> tuple[Entry, ...]:
    """Read and check every commitment file of a report."""
    return entries_from({lang: {p.name: read_content_file(p) for p in commitment_paths(folder, lang)}
                         for lang in ("zh", "en")}, report, topics)


def entries_from(files: dict[str, dict[str, ContentFile]], report: Report, topics: tuple[Topic, ...]) -> tuple[Entry, ...]:
    known_topics = {t.slug for t in topics}
    sentences = {s.anchor: s.text for s in report.sentences()}
    entries = []
    en_files = dict(files["en"])
    for lang in ("zh", "en"):
        _check_ids(files[lang].values())
    for name, zh in sorted(files["zh"].items()):
        commitment = _commitment_from(zh, report, known_topics, sentences)
        en = en_files.pop(name, None)
        if en is None:
            raise ContentError(f"no English file {name} beside this one; run 'python3 build.py import'", zh.path, 1)
        former = sorted(set(en.front) & set(FORMER_EN_KEYS))
        if former:
            raise ContentError(f"{former[0]!r} is kept in the Chinese file now; run 'python3 build.py import' "
                               "to move it there", en.path, en.lines.get(former[0]))
        en.check("en")
        translation = en.front["translation"]
        indicators = en.front.get("indicators") or []
        if indicators and len(indicators) != len(commitment.targets):
            raise ContentError(
                f"indicators has {len(indicators)} names but the commitment has {len(commitment.targets)} targets",
                en.path, en.lines.get("indicators"))
        entries.append(Entry(
            commitment=commitment,
            translation=Translation(en.body, str(translation.get("made_from") or ""), commitment.text),
            indicators=tuple(indicators),
            notes={"zh": str(zh.front.get("note") or ""), "en": str(en.front.get("note") or "")},
            edited_targets=zh.front.get("targets_by") == EDITOR,
        ))
    if en_files:
        stray = next(iter(en_files.values()))
        raise ContentError("no Chinese file beside this English one", stray.path, 1)
    # In reading order: an item's number is not always its place (a list of 民生实事
    # between （九） and （十） is numbered after the section's own items).
    order = {anchor: n for n, anchor in enumerate(sentences)}
    return tuple(sorted(entries, key=lambda e: order[e.commitment.anchor]))


def _commitment_from(file: ContentFile, report: Report, known_topics, sentences) -> Commitment:
    """A Chinese file's commitment: its front matter checked against its schema, then
    against the report (its place, its sentence) and topics.yaml."""
    file.check("zh")
    front, path = file.front, file.path
    if front["report"] != report.meta.slug:
        raise file.document.error(("report",), f"{front['report']!r} must be {report.meta.slug!r}, the report's folder")
    anchor = sentence_anchor(front["section"], front["item"], front["sentence"])
    if sentences.get(anchor) != front["source"]:
        raise ContentError(
            "source does not match the report's sentence at this place; run 'python3 build.py import'",
            path, file.lines.get("source"))
    _check_chinese_body(file)
    for slug in front["topics"]:
        if slug not in known_topics:
            raise ContentError(f"unknown topic {slug!r}; known topics: {', '.join(sorted(known_topics))}",
                               path, file.lines.get("topics"))
    for index, target in enumerate(front["targets"]):
        # YAML reads .nan and .inf as numbers; no target is either (and JSON has neither),
        # nor a number past what a float holds, alone or times its multiplier.
        if not _finite(target["value"], target["multiplier"]):  # .nan and .inf stay so times any multiplier
            raise ContentError(f"targets[{index}].value: {target['value']!r} is not a number a target can have",
                               path, file.lines.get("targets"))
    targets = tuple(Target(indicator=t["indicator"], comparator=t["comparator"], value=float(t["value"]),
                           multiplier=t["multiplier"], unit=t["unit"], change=t["change"], text=t["text"])
                    for t in front["targets"])
    return Commitment(
        id=front["id"], report=report.meta.slug, section=front["section"], item=front["item"],
        sentence=front["sentence"], text=front["source"], topics=tuple(front["topics"]), targets=targets,
    )


# ---------------------------------------------------------------- report-page translations


def translatable_sentences(report: Report, commitments: tuple[Commitment, ...]):
    """The sentences translated outside commitment files: headings, intros, titles, closing."""
    committed = {c.anchor for c in commitments}
    return [s for s in report.sentences() if s.anchor not in committed]


def plan_translations(plan: Plan, path: Path, report: Report, commitments: tuple[Commitment, ...]) -> None:
    """The English file for headings and other non-commitment sentences, merged.

    The English of a heading that left the report goes to the archive, with its Chinese.
    """
    old_text = _read_text(path) if path.exists() else None
    before = _translation_map(path) if old_text else {}
    old = dict(before)
    merged, reasons = {}, set()
    for sentence in translatable_sentences(report, commitments):
        previous = old.pop(sentence.anchor, {})
        english = previous.get("en") or ""
        made_from = previous.get("zh") if english else sentence.text
        merged[sentence.anchor] = {"zh": made_from or sentence.text, "en": english}
        if not previous:
            reasons.add("new headings or sentences in the report")
        elif not english and previous.get("zh") != sentence.text:
            reasons.add("the report's text changed")
    gone = [{"anchor": anchor, "zh": entry.get("zh") or "", "en": entry["en"]}
            for anchor, entry in old.items() if entry.get("en")]
    if old:
        reasons.add("sentences no longer in the report" + (f" (their English is kept in {ARCHIVE_FILE})" if gone else ""))
    if gone:
        add_to_archive(plan, path.with_name(ARCHIVE_FILE), gone)
    if old_text and before == merged:
        plan.set(path, old_text, old_text)  # the same data, laid out as its editor left it
        return
    plan.set(path, "# English for the report's headings, introductions, item titles and closing.\n"
                   "# zh: the Chinese the English was made from; en: the English. See README.\n"
                   + dump_yaml(merged), old_text, sorted(reasons))


def load_translations(path: Path, report: Report, commitments) -> dict[str, Translation]:
    if not path.exists():
        raise ContentError("missing; run 'python3 build.py import'", path)
    data = _translation_map(path)
    current = {s.anchor: s.text for s in translatable_sentences(report, commitments)}
    return {
        anchor: Translation(entry.get("en") or "", entry.get("zh") or "", current[anchor])
        for anchor, entry in data.items() if anchor in current
    }


def _finite(*factors) -> bool:
    """Whether the product of ``factors`` is a finite float."""
    product = 1.0
    try:
        for factor in factors:
            product *= factor
    except OverflowError:  # an integer too large for a float
        return False
    return math.isfinite(product)


def _translation_map(path: Path) -> dict:
    """en.yaml, checked against its schema: anchor → {zh, en}. A build reads it twice
    (the import check, then the library): within read_once, from the snapshot's bytes
    when it holds the file, as the commitment files, and parsed once for the same bytes."""
    if _READ is None:
        return {k: dict(v) for k, v in (schema.load(path, "en").data or {}).items()}
    data = _snapshot_bytes(path)
    if data is None:
        data = read_text(path).encode("utf-8")
    known = _READ.translations.get(path)
    if known is None or known[0] != data:
        known = _READ.translations[path] = (data, schema.load(path, "en", data).data or {})
    return {k: dict(v) for k, v in known[1].items()}
