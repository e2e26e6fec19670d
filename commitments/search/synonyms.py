"""content/synonyms.yaml: the words residents type, and the words the report uses.

The file has two lists (see its own comments, written for editors):

- ``same``: lines of words that mean the same thing in a search; each finds all;
- ``also``: one-way entries, ``what a resident types: what the report says``.

Every word is analysed with the search tokenizer into *atoms*, the strings the
search core works with: ``w:<stem>`` (an English word or a number), ``u:<char>``
(one Chinese character) and ``p:<run>`` (two or more Chinese characters, found as
a substring).  An entry maps a *key* (a tuple of atoms) to its *alternatives*
(tuples of atoms).  The static site receives the same table (see
:func:`Synonyms.to_json`), so both searches expand a query identically.

A mistake in the file raises :class:`ContentError` naming the file and line.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .. import schema
from ..errors import ContentError
from ..yamlio import _Loader, parse_yaml, read_text
from . import tokenize as tk

FILENAME = "synonyms.yaml"
SEPARATORS = re.compile("[,，、]")
_ATOM_PREFIX = {"word": "w:", "uni": "u:", "phrase": "p:"}
_ASCII_WORD = re.compile("[a-z]+")


def atoms_of(text: str) -> tuple[str, ...]:
    """The atoms of a word or phrase (also used for queries): clause → ``kind:text``."""
    return tuple(_ATOM_PREFIX[c["type"]] + c["text"] for c in tk.query_clauses(text))


def surface_words(text: str) -> list[str]:
    """The English words of ``text`` as written (normalised, not stemmed)."""
    stripped, _ = tk._strip(tk.normalize(text))
    if not _ASCII_WORD.search(stripped):  # most Chinese text: no segment to look at
        return []
    return [seg for is_han, seg, _, _ in tk._segments(stripped) if not is_han and _ASCII_WORD.fullmatch(seg)]


@dataclass(frozen=True)
class Synonyms:
    #: key atoms → alternative atom tuples (the key itself not included), sorted by key.
    entries: dict[tuple[str, ...], tuple[tuple[str, ...], ...]] = field(default_factory=dict)
    #: English words written in the file, for "did you mean".
    words: tuple[str, ...] = ()
    #: atoms → the word as the file writes it, to say which synonym found a result.
    labels: dict[tuple[str, ...], str] = field(default_factory=dict)

    def to_json(self) -> list:
        return [[list(key), [list(alt) for alt in alts]] for key, alts in self.entries.items()]

    def labels_json(self) -> list:
        return [[list(atoms), label] for atoms, label in self.labels.items()]

    @classmethod
    def from_json(cls, data, labels=()) -> "Synonyms":
        return cls({tuple(k): tuple(tuple(a) for a in alts) for k, alts in data},
                   labels={tuple(atoms): label for atoms, label in labels})


EMPTY = Synonyms()


def load_synonyms(path: Path) -> Synonyms:
    """Read and check the synonyms file; a missing file means no synonyms."""
    path = Path(path)
    if not path.exists():
        return EMPTY
    return parse_synonyms(read_text(path), path)


def parse_synonyms(text: str, path: Path) -> Synonyms:
    data = parse_yaml(text, path)  # a YAML syntax error stops here, with its line
    if data is None:
        return EMPTY
    root = yaml.compose(text, Loader=_Loader)
    schema.check(schema.Document(path, data, root), "synonyms")
    table: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
    words: list[str] = []
    labels: dict[tuple[str, ...], str] = {}

    def add(key, alternatives):
        targets = table.setdefault(key, [])
        for alt in alternatives:
            if alt != key and alt not in targets:
                targets.append(alt)

    lists = {key_node.value: value for key_node, value in root.value}
    for line in _items(lists.get("same")):
        group = _terms(line, path, "a 'same' line", labels=labels)
        if _count_words(line) < 2:
            raise ContentError("a 'same' line needs at least two words, separated by commas", path, _line(line))
        for term, atoms in group:
            words.extend(surface_words(term))
        for _, atoms in group:
            add(atoms, [other for _, other in group])
    for left, right in _items(lists.get("also")):
        ((term, atoms),) = _terms(left, path, "the word before ':'", single=True, labels=labels)
        targets = _terms(right, path, f"the words after '{term}:'", labels=labels)
        words.extend(surface_words(term))
        for target, _ in targets:
            words.extend(surface_words(target))
        add(atoms, [t for _, t in targets])
    entries = {key: tuple(alts) for key, alts in sorted(table.items()) if alts}
    return Synonyms(entries, tuple(sorted(set(words))), dict(sorted(labels.items())))


def _items(node) -> list:
    """The lines of a list or mapping node; none for an empty one (or none at all)."""
    return node.value if isinstance(node, (yaml.SequenceNode, yaml.MappingNode)) else []


def _count_words(node) -> int:
    if isinstance(node, yaml.SequenceNode):
        return len(node.value)
    return len(SEPARATORS.split(node.value))


def _line(node) -> int:
    return node.start_mark.line + 1


def _terms(node, path: Path, what: str, single: bool = False,
           labels: dict | None = None) -> list[tuple[str, tuple[str, ...]]]:
    """The words of a line: comma-separated text or a [list]; each with its atoms
    (and, into ``labels``, each word as written for its atoms)."""
    # The schema allows a scalar or a [list] of scalars here.
    if isinstance(node, yaml.ScalarNode):
        pieces = [p.strip() for p in SEPARATORS.split(node.value)] if not single else [node.value.strip()]
    else:
        pieces = [n.value.strip() for n in node.value]
    terms = []
    for piece in pieces:
        if not piece:
            raise ContentError(f"{what} has an empty word (two commas in a row, or a comma at the end)",
                               path, _line(node))
        atoms = atoms_of(piece)
        if not atoms:
            raise ContentError(f"{piece!r} has no letters, digits or Chinese characters to search for",
                               path, _line(node))
        if len(piece) > tk.QUERY_MAX_CHARS:
            raise ContentError(f"{piece[:20]!r}… is too long for a search word", path, _line(node))
        if all(atoms != a for _, a in terms):
            terms.append((piece, atoms))
    for piece, atoms in terms:
        if labels is not None:
            labels.setdefault(atoms, piece)
    return terms
