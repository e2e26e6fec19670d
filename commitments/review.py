"""Editors confirm what the next year's report says: `python3 build.py outcomes-review`.

Nothing the linking suggests reaches progress.yaml without an editor: `list_suggestions`
prints them, best first; `accept` turns one into an ordinary dated, sourced progress
update (appended to the earlier report's progress.yaml, which keeps every line editors
wrote) and `reject` remembers that it was wrong. Both record the decision in the
earlier report's outcomes.yaml (see next_report.py), so it is not suggested again.

Every mistake raises a ContentError of one line before anything is written; each file
is written whole to a temporary file, checked by the loader the build uses, and moved
into place (os.replace), so an interrupted command leaves the old file.
"""
from __future__ import annotations

import datetime as dt
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

from . import schema
from .errors import ContentError
from .library import Edition, Library
from .next_report import ACCEPTABLE, DECISIONS_FILE, PROGRESS_STATUS, FollowUp, load_decisions
from .progress import STATUSES as PROGRESS_STATUSES, load_progress
from .yamlio import dump_yaml, read_text

DECISIONS_HEADER = """\
# Editors' decisions on what the next year's report says of this report's commitments.
# Written by 'python3 build.py outcomes-review --accept ID' or '--reject ID'; see README.
#
# <commitment id>:
#   decision: accepted       # accepted: also a dated, sourced update in progress.yaml
#                            # rejected: the suggestion was wrong; it is not suggested again
#   date: YYYY-MM-DD         # when the editor decided
#   next_report: <slug>      # the report the suggestion came from
#   status: achieved         # accepted only: the status recorded in progress.yaml
#   evidence: [s1-i2-3]      # the sentences of the next report that were quoted
#
# Delete an entry to have its suggestion shown again (and, for an accepted one, remove
# its update from progress.yaml by hand).
"""


@dataclass(frozen=True)
class Suggestion:
    earlier: Edition
    later: Edition
    follow_up: FollowUp


def pairs(library: Library, report: str | None = None) -> list[tuple[Edition, Edition]]:
    """(earlier, later) editions; with `report`, the pair it is the earlier or later of."""
    found = [(e, later) for e in library.editions if (later := library.next_edition(e.slug))]
    if report is None:
        return found
    if library.edition(report) is None:
        raise ContentError(f"no report {report!r}; reports: {', '.join(e.slug for e in library.editions)}")
    chosen = [(e, later) for e, later in found if report in (e.slug, later.slug)]
    if not chosen:
        raise ContentError(f"{report} has no report of the same place for the year before or after on this site")
    return chosen


def suggestions(library: Library, earlier: Edition, later: Edition) -> list[Suggestion]:
    """The suggestions no editor has decided on, most confident first."""
    found = [Suggestion(earlier, later, f) for entry in earlier.entries
             if (f := library.follow_up(entry.commitment.id)) and f.suggested]
    return sorted(found, key=lambda s: -s.follow_up.outcome.confidence)


def list_suggestions(library: Library, report: str | None = None) -> str:
    found_pairs = pairs(library, report)
    if not found_pairs:
        return "No report on this site has the next year's report of the same place beside it: nothing to check."
    out = []
    for earlier, later in found_pairs:
        found = suggestions(library, earlier, later)
        follow_ups = [library.follow_up(e.commitment.id) for e in earlier.entries]
        decided = sum(1 for f in follow_ups if f.decision)
        silent = sum(1 for f in follow_ups if not f.decision and not f.evidence)
        out.append(f"{earlier.slug} → {later.slug}: {len(found)} suggestion(s) to check, {decided} decided, "
                   f"{silent} commitment(s) not mentioned in the next report")
        for s in found:
            outcome = s.follow_up.outcome
            out.append(f"\n{outcome.commitment.id}  suggested: {outcome.status}  confidence {outcome.confidence:.2f}")
            out.append(f"    promised:  {outcome.commitment.text}")
            for evidence in s.follow_up.evidence:
                out.append(f"    next report ({evidence.sentence.anchor}): {evidence.sentence.text}")
            if outcome.comparisons:
                out.append("    compared:  " + "; ".join(f"{c.target.text} → {c.reported.text} ({c.status})"
                                                          for c in outcome.comparisons))
        out.append("")
    out.append("Accept one with --accept ID (add --status S when it is unclear), reject one with --reject ID.")
    return "\n".join(out)


def accept(library: Library, commitment_id: str, status: str | None = None,
           date: dt.date | None = None, today: dt.date | None = None) -> str:
    s = _suggestion(library, commitment_id)
    outcome = s.follow_up.outcome
    chosen = _status(status) if status else PROGRESS_STATUS.get(outcome.status)
    if chosen is None:
        raise ContentError(f"{commitment_id}: the suggested status is {outcome.status}: say which it is with "
                           f"--status ({', '.join(ACCEPTABLE)})")
    meta = s.later.report.meta
    if not meta.source_url:
        raise ContentError(f"{s.later.slug} has no source_url in its report.yaml: add the address it was "
                           "published at, so residents can check the update")
    if date is None:
        try:
            date = dt.date.fromisoformat(meta.date)
        except ValueError:
            raise ContentError(f"{s.later.slug}'s report.yaml gives no date: say when it was delivered with "
                               "--date YYYY-MM-DD") from None
    quoted = "".join(f"“{e.sentence.text}”" for e in s.follow_up.evidence)
    note = {"zh": f"下一年的《{meta.title['zh']}》：{quoted}", "en": _english_note(meta, chosen)}
    update = {"date": date.isoformat(), "status": chosen, "source": meta.source_url, "note": note}
    progress = s.earlier.folder / "progress.yaml"
    decisions = s.earlier.folder / DECISIONS_FILE
    decision = {"decision": "accepted", "date": today or schema.today(), "next_report": s.later.slug,
                "status": chosen, "evidence": [e.sentence.anchor for e in s.follow_up.evidence]}
    ids = {e.commitment.id for e in s.earlier.entries}
    _write_checked({progress: _with_update(progress, commitment_id, chosen, update),
                    decisions: _with_decision(decisions, commitment_id, decision)}, ids)
    return (f"Accepted {commitment_id} as {chosen}: an update dated {date.isoformat()} is in {_shown(progress)}; "
            f"the decision is in {_shown(decisions)}.")


def reject(library: Library, commitment_id: str, today: dt.date | None = None) -> str:
    s = _suggestion(library, commitment_id)
    decisions = s.earlier.folder / DECISIONS_FILE
    decision = {"decision": "rejected", "date": today or schema.today(), "next_report": s.later.slug,
                "evidence": [e.sentence.anchor for e in s.follow_up.evidence]}
    _write_checked({decisions: _with_decision(decisions, commitment_id, decision)},
                   {e.commitment.id for e in s.earlier.entries})
    return f"Rejected {commitment_id}: it will not be suggested again ({_shown(decisions)})."


# ---------------------------------------------------------------- checks


def _suggestion(library: Library, commitment_id: str) -> Suggestion:
    entry = library.entry(commitment_id)
    if entry is None:
        raise ContentError(f"no commitment has the id {commitment_id!r}")
    earlier = library.edition(entry.commitment.report)
    later = library.next_edition(earlier.slug)
    if later is None:
        raise ContentError(f"{commitment_id}: its report, {earlier.slug}, has no next year's report on this site")
    follow_up = library.follow_up(commitment_id)
    if follow_up.decision:
        d = follow_up.decision
        raise ContentError(f"{commitment_id}: already {d.decision} on {d.date.isoformat()} "
                           f"({_shown(earlier.folder / DECISIONS_FILE)})")
    if not follow_up.suggested:
        raise ContentError(f"{commitment_id}: no suggestion: the next report ({later.slug}) was not found to mention it")
    return Suggestion(earlier, later, follow_up)


def _status(given: str) -> str:
    """A progress status, or a suggested one written as `outcomes` prints it (partly)."""
    status = PROGRESS_STATUS.get(given, given)
    if status not in ACCEPTABLE:
        raise ContentError(f"status {given!r} is not on the scale: {', '.join(ACCEPTABLE)}")
    return status


def _english_note(meta, status: str) -> str:
    # Never a machine translation of the quote: the English says where the words are.
    report = (f"the next year's report, {meta.title['en']},"
              if meta.title["en"] != meta.title["zh"] else "the next year's work report")
    return (f"Checked by an editor against {report} which reports on this "
            f"({PROGRESS_STATUSES[status]['en'].lower()}). Its words are quoted in Chinese "
            "under “What the next report says”.")


def _shown(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


# ---------------------------------------------------------------- writing


def _with_update(path: Path, commitment_id: str, status: str, update: dict) -> str:
    """progress.yaml with the update added and the entry's status set; every other line,
    comments included, kept as it was."""
    text = read_text(path) if path.exists() else ""
    if text and not text.endswith("\n"):
        text += "\n"
    root = yaml.compose(text, Loader=yaml.SafeLoader) if text.strip() else None
    entry = _value_of(root, commitment_id)
    if entry is None:
        block = f"{commitment_id}:\n  status: {status}\n  updates:\n{_update_lines(update, 4)}"
        return _append(text, block)
    if not isinstance(entry, yaml.MappingNode) or entry.flow_style:
        raise ContentError(f"{commitment_id}: its entry is not written as 'key: value' lines; add the update by hand",
                           path, entry.start_mark.line + 1)
    column = entry.start_mark.column
    edits = []  # (index, characters replaced, new text), applied from the end
    updates = _value_of(entry, "updates")
    if updates is None:
        at = _line_after(text, _last_index(entry))
        edits.append((at, 0, " " * column + "updates:\n" + _update_lines(update, column + 2)))
    elif isinstance(updates, yaml.SequenceNode) and not updates.flow_style and updates.value:
        # Where its date puts it (updates go newest first), at the first update's indentation.
        first = updates.value[0].start_mark
        indent = text[text.rfind("\n", 0, first.index) + 1:first.index].rfind("-")
        older = next((item for item in updates.value if _date_of(item) <= update["date"]), None)
        at = (text.rfind("\n", 0, older.start_mark.index) + 1 if older is not None
              else _line_after(text, _last_index(updates.value[-1])))
        edits.append((at, 0, _update_lines(update, indent)))
    else:
        raise ContentError(f"{commitment_id}: its updates are not a list of '- date: …' entries; add the update "
                           "by hand", path, updates.start_mark.line + 1)
    current = _value_of(entry, "status")
    if isinstance(current, yaml.ScalarNode) and current.style is None:
        edits.append((current.start_mark.index, current.end_mark.index - current.start_mark.index, status))
    elif current is None:
        edits.append((text.rfind("\n", 0, entry.start_mark.index) + 1, 0, " " * column + f"status: {status}\n"))
    else:
        raise ContentError(f"{commitment_id}: write its status as 'status: …' to add an update", path,
                           current.start_mark.line + 1)
    for at, removed, inserted in sorted(edits, key=lambda edit: -edit[0]):
        text = text[:at] + inserted + text[at + removed:]
    return text


def _update_lines(update: dict, indent: int) -> str:
    """One update as a list item, in the style of the file's own example."""
    pad = " " * indent
    return (f"{pad}- date: {update['date']}\n{pad}  status: {update['status']}\n"
            f"{pad}  source: {_scalar(update['source'])}\n{pad}  note:\n"
            f"{pad}    zh: {_scalar(update['note']['zh'])}\n{pad}    en: {_scalar(update['note']['en'])}\n")


def _scalar(value: str) -> str:
    """A string as one line of YAML, quoted only when it must be."""
    return dump_yaml(value).removesuffix("\n...\n").removesuffix("\n")


def _with_decision(path: Path, commitment_id: str, decision: dict) -> str:
    text = read_text(path) if path.exists() else DECISIONS_HEADER
    return _append(text, dump_yaml({commitment_id: decision}))


def _value_of(mapping, key: str):
    if not isinstance(mapping, yaml.MappingNode):
        return None
    return next((v for k, v in mapping.value if getattr(k, "value", None) == key), None)


def _date_of(update) -> str:
    """An update's date as written (YYYY-MM-DD, so that dates compare as text)."""
    date = _value_of(update, "date")
    return date.value if isinstance(date, yaml.ScalarNode) else ""


def _last_index(node) -> int:
    """Where the last scalar of a node ends (a collection's own end mark may lie past the
    comments that follow it)."""
    if isinstance(node, yaml.ScalarNode):
        if node.style in ("|", ">") and node.end_mark.column == 0:
            return node.end_mark.index - 1  # a block of text ends at its last line break, not on the next line
        return node.end_mark.index
    children = [child for pair in node.value for child in (pair if isinstance(pair, tuple) else (pair,))]
    return max((_last_index(child) for child in children), default=node.start_mark.index)


def _line_after(text: str, index: int) -> int:
    end = text.find("\n", index)
    return len(text) if end < 0 else end + 1


def _append(text: str, block: str) -> str:
    """``text`` with ``block``, entries of the top-level mapping, after its own."""
    root = yaml.compose(text, Loader=yaml.SafeLoader) if text.strip() else None
    if isinstance(root, yaml.MappingNode) and root.flow_style and not root.value:  # "{}": no entries yet
        text = text[:root.start_mark.index] + text[root.end_mark.index:]
    # A document end marker ("...") last: what follows it would be another document.
    text = re.sub(r"(?m)^\.\.\.[ \t]*(#.*)?\n?(?=\s*\Z)", "", text)
    if text and not text.endswith("\n"):
        text += "\n"
    return text + ("\n" if text.strip() else "") + block


def _write_checked(files: dict[Path, str], ids: set[str]) -> None:
    """Write every file through a temporary one, each checked by the build's own loader
    first; nothing is replaced unless all are good."""
    staged = []
    try:
        for path, text in files.items():
            handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(text)
            staged.append((Path(temporary), path))
            loader = load_progress if path.name == "progress.yaml" else load_decisions
            try:
                loader(Path(temporary), ids)
            except ContentError as error:  # name the file the editor knows, not the temporary one
                raise ContentError(error.message, path, error.line) from None
        for temporary, path in staged:
            if path.exists():
                os.chmod(temporary, path.stat().st_mode & 0o777)
            else:
                os.chmod(temporary, 0o644)
            os.replace(temporary, path)
    finally:
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)
