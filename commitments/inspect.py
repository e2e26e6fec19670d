"""Print how a report was read, so an editor can check it at a glance.

    python -m commitments.inspect path/to/report.txt      (or a report folder)

shows the detected level and date, the masthead, the opening, each part (review,
plan, appendix) with its sections and items (an item's lead in brackets, "(untitled)"
when its first sentence is not a heading) and how many of their sentences are
commitments, the year's headline targets, the closing, the glossary, the page
furniture that was taken out and what the parser had to repair.
A file that cannot be read prints one line, ``error: file:line: message``.
"""
from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from .parse.decode import read_report_text
from .parse.detect import detect_meta
from .errors import ContentError
from .model import Report, ReportMeta, Section
from .parse import parse_report
from .extract import extract_commitments, headline
from .parse.parts import commits

PART_NAMES = {"review": "REVIEW (past work: no commitments)", "plan": "PLAN (commitments)",
              "appendix": "APPENDIX"}
WIDTH = 48


def outline(report: Report) -> str:
    meta = report.meta
    # Topics do not change what is a commitment: count them without any.
    promised = Counter((c.section, c.item) for c in extract_commitments(report, ()))
    out = [f"{meta.slug}: {meta.title.get('zh') or '(no title)'} · {meta.place.get('zh') or '?'} · "
           f"{meta.year or '?'}",
           f"level: {meta.level or '(not detected)'} · delivered: {meta.date or '(no date in the text)'} · "
           f"glossary: {len(report.glossary)} term(s)"]
    if report.masthead:
        out.append("masthead: " + " | ".join(report.masthead))
    if report.opening:
        out.append(f"opening: {len(report.opening)} sentence(s) · {_short(report.opening[0].text)}")
    part = None
    for section in report.sections:
        if section.part != part:
            part = section.part
            out.append(PART_NAMES.get(part, part.upper()))
        out.extend(_section(section, meta.year, promised))
    if report.closing:
        out.append(f"closing: {len(report.closing)} sentence(s) · {_short(report.closing[0].text)}")
    else:
        out.append("closing: none found")
    if report.glossary:
        out.append(f"glossary: {len(report.glossary)} term(s)")
        out.extend(f"  {term} · {_short(explanation)}" for term, explanation in report.glossary)
    if report.furniture:
        out.append(f"furniture removed: {len(report.furniture)} line(s)")
        out.extend(f"  {_short(line)}" for line in report.furniture)
    if report.notes:
        out.append("notes:")
        out.extend(f"  {note}" for note in report.notes)
    return "\n".join(out) + "\n"


def _section(section: Section, year: int, promised: Counter) -> list[str]:
    counts = f"intro {len(section.intro)}, {len(section.items)} item(s)"
    heading = section.appendix or (section.heading.text if section.heading else "(heading not in the text)")
    committing = commits(section, year)
    lines = [f"  §{section.number} ({section.part}) {_short(heading)} [{counts}]"]
    lines += [f"    headline targets: {_short(s.text)}" for s in section.intro if committing and headline(s)]
    for item in section.items:
        said = len(item.sentences) + (0 if item.titled else 1)
        lead = f"[{_short(' '.join(s.text for s in item.lead), 16)}] " if item.lead else ""
        kind = "" if item.titled else " (untitled)"
        lines.append(f"    {item.number:>2}. {lead}{_short(item.title.text)}{kind} · "
                     f"{said} sentence(s), {promised[section.number, item.number]} commitment(s)")
    return lines


def _short(text: str, width: int = WIDTH) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def read(path: Path) -> Report:
    """A report file (metadata detected from its text) or a report folder (report.yaml)."""
    if path.is_dir():
        from .library import read_report
        return read_report(path)
    text = read_report_text(path)
    found = detect_meta(text)
    meta = ReportMeta(
        slug=path.stem, place={"zh": found.get("place", ""), "en": ""}, year=found.get("year", 0),
        title={"zh": found.get("title", ""), "en": ""}, source_url="", source_site={}, page={},
        level=found.get("level", ""), date=found.get("date", ""))
    return parse_report(text, meta, path)


def main(path: str | Path) -> int:
    try:
        report = read(Path(path))
    except ContentError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    sys.stdout.write(outline(report))
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print("usage: python -m commitments.inspect path/to/report.txt", file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1]))
