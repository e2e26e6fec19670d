"""How much of the site has English, and what is missing or out of date.

Chinese is the source, so its coverage is complete by construction; English counts
every sentence of every report, every target's English name, every term of each
report's glossary, and the interface strings of the gettext catalog.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.pofile import read_po

from .library import Library
from .web.i18n import CATALOGS


@dataclass
class Coverage:
    lang: str
    total: int = 0
    done: int = 0
    missing: list[str] = field(default_factory=list)
    outdated: list[str] = field(default_factory=list)

    @property
    def percent(self) -> float:
        return 100.0 * self.done / self.total if self.total else 100.0

    def count(self, name: str, status: str) -> None:
        self.total += 1
        if status == "translated":
            self.done += 1
        elif status == "outdated":
            self.outdated.append(name)
        else:
            self.missing.append(name)


def english_coverage(library: Library) -> Coverage:
    cov = Coverage("en")
    for edition in library.editions:
        folder = edition.folder
        for sentence in edition.report.sentences():
            translation = edition.translation(sentence.anchor)
            entry = edition.entry_at(sentence.anchor)
            where = (f"{folder / 'en' / (entry.commitment.id + '.md')}" if entry
                     else f"{folder / 'en.yaml'} {sentence.anchor}")
            cov.count(where, translation.status if translation else "pending")
        for entry in edition.entries:
            for index, _ in enumerate(entry.commitment.targets):
                name = f"{folder / 'en' / (entry.commitment.id + '.md')} indicators[{index}]"
                cov.count(name, "translated" if len(entry.indicators) > index and entry.indicators[index] else "pending")
        for term in edition.glossary:  # the report's 名词解释 comes in Chinese only
            cov.count(f"{folder / 'glossary.yaml'} term {term.term}",
                      "translated" if term.en and term.explanation.get("en") else "pending")
    return cov


def interface_coverage(lang: str, catalogs: Path = CATALOGS) -> Coverage:
    """The gettext catalog: message ids are English, so only other languages need one."""
    cov = Coverage(lang)
    template = read_po((catalogs / "messages.pot").open("rb"))
    po_path = catalogs / lang / "LC_MESSAGES" / "messages.po"
    catalog = read_po(po_path.open("rb")) if po_path.exists() else None
    for message in template:
        if not message.id:
            continue
        translated = catalog is not None and catalog.get(message.id) is not None and (
            all(catalog.get(message.id).string) if isinstance(message.id, tuple) else bool(catalog.get(message.id).string))
        fuzzy = translated and catalog.get(message.id).fuzzy
        name = f"{po_path} msgid {message.id if isinstance(message.id, str) else message.id[0]!r}"
        cov.count(name, "outdated" if fuzzy else "translated" if translated else "pending")
    return cov


def summary(library: Library) -> list[Coverage]:
    return [english_coverage(library), interface_coverage("zh")]


def format_report(coverages: list[Coverage]) -> str:
    lines = []
    labels = {"en": "English text of the reports", "zh": "Chinese interface strings"}
    for cov in coverages:
        lines.append(f"{labels[cov.lang]}: {cov.done}/{cov.total} translated ({cov.percent:.1f} %), "
                     f"{len(cov.missing)} missing, {len(cov.outdated)} outdated")
        lines += [f"  missing: {name}" for name in cov.missing]
        lines += [f"  outdated: {name}" for name in cov.outdated]
    return "\n".join(lines)
