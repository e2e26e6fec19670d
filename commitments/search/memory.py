"""What the live search holds in memory, read from the Whoosh index once, in bulk.

Whoosh hands a term's postings out one at a time (about a microsecond each in
Python), so a query that reads a common term for the first time spent most of its
time there, and a Chinese run of three or more characters also decoded the
positions of its bigrams in every document that has them all, each a small pickle.
The live index instead reads, once (``SearchIndex.settle``, or its first query):

* every term's documents and frequencies, per searched field, as two compact
  arrays (``Memory.frequencies`` turns them into the dicts the search core reads);
* each document's Han runs, per field, as the tokenizer cuts them: a run of
  Chinese characters occurs at consecutive bigram positions exactly where it is a
  substring of one of them, so ``engine.run_hits`` counts its occurrences in the
  text of the documents that have its rarest bigram instead of decoding positions.

The static export still reads Whoosh itself (positions included): this is only the
live search's copy of the same postings.
"""
from __future__ import annotations

from array import array
from itertools import compress, repeat

from . import tokenize as tk

#: what joins a document's Han runs in ``Memory.han_texts`` (never part of a run)
RUN_SEPARATOR = "\n"


def posting_blocks(matcher):
    """(docnums, encoded values) of a term's postings, a block at a time, as
    ``matcher.all_items()`` gives them one by one (four method calls a posting)."""
    if not all(hasattr(matcher, name) for name in ("_read_ids", "_read_values", "_next_block", "_ids", "_i")):
        items = list(matcher.all_items())  # another codec: its own walk
        yield [d for d, _ in items], [v for _, v in items]
        return
    while matcher.is_active():
        if matcher._ids is None:
            matcher._read_ids()
        if matcher._values is None:
            matcher._read_values()
        start = matcher._i
        yield matcher._ids[start:], matcher._values[start:]
        matcher._next_block()


def field_frequencies(reader, field: str, num: dict[int, int] | None):
    """term → (docs, frequencies) of every term of ``field``: two arrays, docs in
    order. ``num`` maps Whoosh's document numbers to ours (None: they are the same)."""
    frequency = reader.schema[field].format.decode_frequency
    found = {}
    for raw in reader.field_terms(field):
        docs, tfs = array("i"), array("i")
        for ids, values in posting_blocks(reader.postings(field, raw)):
            docs.extend(ids if num is None else map(num.__getitem__, ids))
            tfs.extend(map(frequency, values))
        if num is not None:
            pairs = sorted(zip(docs, tfs))
            docs, tfs = array("i", (d for d, _ in pairs)), array("i", (t for _, t in pairs))
        found[raw.decode("utf-8") if isinstance(raw, bytes) else raw] = (docs, tfs)
    return found


def han_text(text: str) -> str:
    """A field's Han runs (``tokenize.han_runs``), joined by ``RUN_SEPARATOR``."""
    return RUN_SEPARATOR.join(tk.han_runs(text)) if text else ""


class Memory:
    """Every term's postings without positions, and every document's Han runs."""

    def __init__(self, reader, fields, texts, num: dict[int, int] | None = None):
        """``texts``: per document, the text of each of ``fields``; ``num``: Whoosh's
        document numbers → the documents' (None: the same)."""
        indexed = set(reader.indexed_field_names())
        self.fields = tuple(fields)
        per_field: dict[str, list] = {}
        for f, field in enumerate(self.fields):
            if field not in indexed:
                continue
            for term, postings in field_frequencies(reader, field, num).items():
                per_field.setdefault(term, [None] * len(self.fields))[f] = postings
        #: term → its documents in order, then per field each one's frequency (0: not there)
        self._terms = {term: _aligned(postings) for term, postings in per_field.items()}
        #: per field, per document: its Han runs joined by RUN_SEPARATOR
        self.han_texts = tuple([han_text(fields_of[f]) for fields_of in texts] for f in range(len(self.fields)))

    def hits(self, term: str) -> dict[int, tuple[int, ...]]:
        """doc → the term's frequency in each field, for the documents that have it."""
        entry = self._terms.get(term)
        if entry is None:
            return {}
        docs, *frequencies = entry
        return dict(zip(docs, zip(*frequencies)))

    def frequencies(self, term: str) -> tuple[dict[int, int], ...]:
        """Per field, doc → term frequency."""
        entry = self._terms.get(term)
        if entry is None:
            return tuple({} for _ in self.fields)
        docs, *frequencies = entry
        return tuple(dict(zip(compress(docs, tfs), filter(None, tfs))) for tfs in frequencies)

    def document_count(self, term: str) -> int:
        """How many documents have the term, in any field."""
        entry = self._terms.get(term)
        return 0 if entry is None else len(entry[0])

    def documents(self, term: str) -> tuple[list[int], ...]:
        """Per field, the documents that have the term, in order."""
        entry = self._terms.get(term)
        if entry is None:
            return ([],) * len(self.fields)
        docs, *frequencies = entry
        return tuple(list(compress(docs, tfs)) for tfs in frequencies)


def _aligned(per_field) -> tuple[array, ...]:
    """One term's (docs, frequencies) per field (None: not in that field) as its documents
    in any field, then each field's frequencies aligned with them: a term's hits are
    then one zip, in C."""
    present = [postings for postings in per_field if postings is not None]
    if len(present) == 1:
        docs = present[0][0]
        none = array("B", bytes(len(docs)))
        return (docs, *(none if postings is None else postings[1] for postings in per_field))
    tables = [{} if postings is None else dict(zip(*postings)) for postings in per_field]
    docs = sorted(set().union(*tables))
    return (array("i", docs), *(_small(list(map(table.get, docs, repeat(0)))) for table in tables))


def _small(numbers: list[int]) -> array:
    return array("B" if max(numbers, default=0) < 256 else "i", numbers)
