"""The static search index of a build: the export's tables made from the documents,
and on a rebuild from the previous build's tables.

The static site needs the postings, not a Whoosh index (the live server builds its
own): so the build analyses each document with the very analyzers Whoosh indexes
with and gathers the postings itself (``tables_of_documents``), the same tables as
reading every posting back out of a Whoosh index of them (``export.tables_of``, the
reference the tests compare with) for a fraction of the time.

An edit changes one document or a few. So the build keeps the export's tables
(search/export.py ``Tables``) and the documents they were made from in a state file
beside the site; the next build compares its documents with those, one by one,
analyses only the ones that changed, the old and the new version, and rewrites the
entries of the terms and words they had or have. The files are then made from the
tables exactly as a full export makes them, so they are the same bytes.

The state is trusted only for the same code (the analyzers, the pinyin readings)
and the same documents in the same order: anything else (a commitment added,
removed or moved, no state, another format) analyses every document.
"""
from __future__ import annotations

import gc
import os
import pickle
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from . import engine
from .export import Tables, decode_entry, entries, entries_of, export_files, reading_keys
from .index import Documents, SearchDoc, document_words, is_bigram
from .tokenize import term_positions

STATE_FORMAT = 3


@dataclass
class ExportState:
    #: the code the tables were made with: another code analyses differently
    code: str
    docs: list[SearchDoc]
    tables: Tables


def load_state(path: Path, code: str) -> ExportState | None:
    """The previous build's state, when it was made by this code."""
    try:
        with open(path, "rb") as f:
            fmt, state = pickle.load(f)
    except Exception:  # none, cut short or from another version: build in full
        return None
    if fmt != STATE_FORMAT or not isinstance(state, ExportState) or state.code != code:
        return None
    return state


def save_state(path: Path, state: ExportState) -> None:
    """Written beside and then renamed: a build cut short leaves the old state or none."""
    temporary = path.with_name(path.name + ".tmp")
    with open(temporary, "wb") as f:
        pickle.dump((STATE_FORMAT, state), f, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(temporary, path)


def _terms(text: str, known: dict) -> dict[str, list[int]]:
    """term → positions of ``text`` as a searched field indexes it, analysed once a text:
    the commitments of an item share its context (title, heading, topics), most of the words.
    Every searched field is indexed by the search tokenizer, with positions (index.schema):
    its postings are the text's tokens by term (tokenize.term_positions), which is what
    Whoosh's Positions format gathers of the tokens the analyzer yields, without a token
    object each. The tests compare the tables with those of a Whoosh index."""
    found = known.get(text)
    if found is None:
        found = known[text] = term_positions(text)
    return found


def analyse(doc: SearchDoc) -> tuple[list[dict[str, tuple[int, list[int]]]], set[str]]:
    """Per searched field, term → (frequency, positions) as Whoosh indexes the
    document, and its vocabulary words."""
    fields = [{term: (len(positions), positions) for term, positions in term_positions(text).items()}
              for text in (doc.zh, doc.en, doc.ctx)]
    return fields, document_words(doc)


def updated_tables(state: ExportState, docs: list[SearchDoc]) -> Tables | None:
    """The previous tables with the documents of ``docs`` that changed in place of
    their old versions; None when the documents are not the same ones in the same order."""
    if len(state.docs) != len(docs) or any(a.id != b.id for a, b in zip(state.docs, docs)):
        return None
    tables = state.tables
    postings, positions, words = tables.postings, tables.positions, tables.words
    bigrams, readings = tables.bigrams, tables.readings
    touched: dict[str, list[dict]] = {}  # term → per field {doc: (tf, positions)}
    for number, (old, new) in enumerate(zip(state.docs, docs)):
        if old == new:
            continue
        (old_fields, old_words), (new_fields, new_words) = analyse(old), analyse(new)
        for k, (before, after) in enumerate(zip(old_fields, new_fields)):
            for term in before.keys() | after.keys():
                plists = touched.get(term)
                if plists is None:
                    plists = touched[term] = decode_entry(term, (positions if is_bigram(term) else postings).get(term))
                plists[k].pop(number, None)
                if term in after:
                    plists[k][number] = after[term]
        for word in old_words - new_words:
            words[word] -= 1
            if not words[word]:
                del words[word]
        for word in new_words - old_words:
            words[word] = words.get(word, 0) + 1
    added = False
    for term, plists in touched.items():
        bigram = is_bigram(term)
        if any(plists):
            added = added or term not in postings
            postings[term], found = entries(term, [dict(sorted(p.items())) for p in plists])
            if found is not None:
                positions[term] = found
        else:
            postings.pop(term, None)
            positions.pop(term, None)
        if bigram and plists[0]:
            if bigrams.get(term) != len(plists[0]):  # the pinyin table orders a key's bigrams by documents
                bigrams[term] = len(plists[0])
                tables.pinyin = None
            if term not in readings:
                readings[term] = reading_keys(term)
        elif bigram and term in bigrams:
            del bigrams[term]
            readings.pop(term, None)
            tables.pinyin = None
    if added:  # the export writes the terms in order
        tables.postings = dict(sorted(postings.items()))
        tables.positions = dict(sorted(positions.items()))
    return tables


def tables_of_documents(docs: list[SearchDoc], readings: dict[str, tuple[str, ...]] | None = None) -> Tables:
    """The export's tables of ``docs``, each analysed as Whoosh indexes it: what
    ``export.tables_of`` reads out of a Whoosh index of them, without that index.
    ``readings``: bigrams' pinyin keys already known (the same code reads them the same)."""
    # Per field, term → (its documents, ascending; the term's positions in each):
    # columns, so a posting is two appends and no object of its own.
    fields: list[dict[str, tuple[list[int], list[list[int]]]]] = [{} for _ in engine.FIELDS]
    words: dict[str, int] = {}
    terms: dict[str, dict[str, list[int]]] = {}
    surface: dict[str, frozenset[str]] = {}
    for number, doc in enumerate(docs):
        for postings, text in zip(fields, (doc.zh, doc.en, doc.ctx)):
            for term, positions in _terms(text, terms).items():
                columns = postings.get(term)
                if columns is None:
                    postings[term] = ([number], [positions])
                else:
                    columns[0].append(number)
                    columns[1].append(positions)
        for word in document_words(doc, surface):
            words[word] = words.get(word, 0) + 1
    empty = ((), (), ())
    postings, positions, bigrams = {}, {}, {}
    # In code-point order, which is Whoosh's (the UTF-8 bytes' order); postings in document order.
    for term in sorted(fields[0].keys() | fields[1].keys() | fields[2].keys()):
        columns = [empty if found is None else (found[0], map(len, found[1]), found[1])
                   for found in (field.get(term) for field in fields)]
        postings[term], found = entries_of(term, columns)
        if found is not None:  # a bigram
            positions[term] = found
            if columns[0][0]:  # the pinyin table's: of the Chinese sentences, with their documents
                bigrams[term] = len(columns[0][0])
    readings = readings or {}
    return Tables(postings, positions, dict(sorted(words.items())), bigrams,
                  {term: readings[term] if term in readings else reading_keys(term) for term in bigrams})


@contextmanager
def _collector_paused():
    """The cyclic garbage collector held off while the export is made. Its tables are
    a million small lists and dicts, none in a cycle, so reference counting frees them,
    but every 700 new ones would start a collection, and some of those a walk over all
    the build holds (the loaded site too): a third of the export's time at 32 reports."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def export_search(docs: list[SearchDoc], topics, synonyms, reports, state_path: Path, code: str,
                  reuse: bool = True) -> dict[str, bytes]:
    """The static search index of ``docs`` (file name → bytes), made from the previous
    build's tables, updated, when ``reuse`` and its state at ``state_path`` allow, else
    from all the documents analysed; the state is then saved for the next build."""
    with _collector_paused():
        state = load_state(state_path, code) if reuse else None
        tables = updated_tables(state, docs) if state is not None else None
        # All analysed when there are no tables; the pinyin of the bigrams known before is kept (a report added).
        files, tables = export_of(docs, topics, synonyms, reports, tables,
                                  state.tables.readings if state is not None else None)
        save_state(state_path, ExportState(code, docs, tables))  # with what the export made of them
    return files


def export_of(docs: list[SearchDoc], topics, synonyms, reports, tables: Tables | None = None,
              readings: dict[str, tuple[str, ...]] | None = None) -> tuple[dict[str, bytes], Tables]:
    """The static search index of ``docs`` (file name → bytes) made from ``tables``, or
    from all the documents analysed (``readings``: bigrams' pinyin keys already known),
    with the tables it was made from; the collector paused, as for any export."""
    with _collector_paused():
        if tables is None:
            tables = tables_of_documents(docs, readings)
        return export_files(Documents(docs, topics, synonyms, reports), tables), tables
