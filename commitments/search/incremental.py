"""The static search index of a rebuild, from the previous build's tables.

Building the Whoosh index of every commitment and reading every posting back out of
it is most of what the export costs, and an edit changes one document or a few. So
the build keeps the export's tables (search/export.py ``Tables``) and the documents
they were made from in a state file beside the site; the next build compares its
documents with those, one by one, analyses only the ones that changed, the old and
the new version, with the very analyzers Whoosh indexes with, and rewrites the
entries of the terms and words they had or have. The files are then made from the
tables exactly as a full export makes them, so they are the same bytes.

The state is trusted only for the same code (the analyzers, the pinyin readings)
and the same documents in the same order: anything else (a commitment added,
removed or moved, no state, another format) builds the Whoosh index in full.
"""
from __future__ import annotations

import json
import os
import pickle
from dataclasses import dataclass
from pathlib import Path

from . import engine
from .export import Tables, _dump_pair, decode_postings, encode_postings, export_files, reading_keys, tables_of
from .index import Documents, SearchDoc, build_index, is_bigram, schema
from .synonyms import surface_words

STATE_FORMAT = 2


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


_SCHEMA = schema()


def analyse(doc: SearchDoc) -> tuple[list[dict[str, tuple[int, list[int]]]], set[str]]:
    """Per searched field, term → (frequency, positions) as Whoosh indexes the
    document (its fields' own analyzers and position format), and its vocabulary words."""
    fields = []
    for name, text in zip(engine.FIELDS, (doc.zh, doc.en, doc.ctx)):
        field = _SCHEMA[name]
        decode = field.format.decode_positions
        fields.append({term.decode("utf-8"): (frequency, decode(value))
                       for term, frequency, _, value in field.index(text)} if text else {})
    words = " ".join(sorted(  # as build_index fills the vocab field
       {w for text in (doc.zh, doc.en, doc.ctx) for w in surface_words(text)}))
    vocabulary = {term.decode("utf-8") for term, _, _, _ in _SCHEMA["vocab"].index(words)} if words else set()
    return fields, vocabulary


def updated_tables(state: ExportState, docs: list[SearchDoc]) -> Tables | None:
    """The previous tables with the documents of ``docs`` that changed in place of
    their old versions; None when the documents are not the same ones in the same order."""
    if len(state.docs) != len(docs) or any(a.id != b.id for a, b in zip(state.docs, docs)):
        return None
    tables = state.tables
    postings, words, bigrams, readings = tables.postings, tables.words, tables.bigrams, tables.readings
    touched: dict[str, list[dict]] = {}  # term → per field {doc: (tf, positions)}
    for number, (old, new) in enumerate(zip(state.docs, docs)):
        if old == new:
            continue
        (old_fields, old_words), (new_fields, new_words) = analyse(old), analyse(new)
        for k, (before, after) in enumerate(zip(old_fields, new_fields)):
            for term in before.keys() | after.keys():
                plists = touched.get(term)
                if plists is None:
                    plists = touched[term] = _decoded(term, postings.get(term))
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
            postings[term] = _dump_pair(term, [encode_postings(dict(sorted(p.items())), bigram) for p in plists])
        else:
            postings.pop(term, None)
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
    return tables


def _decoded(term: str, pair: bytes | None) -> list[dict]:
    if pair is None:
        return [{} for _ in engine.FIELDS]
    bigram = is_bigram(term)
    return [decode_postings(flat, bigram) for flat in json.loads(b"{" + pair + b"}")[term]]


def export_search(docs: list[SearchDoc], topics, synonyms, reports, state_path: Path, code: str,
                  reuse: bool = True) -> dict[str, bytes]:
    """The static search index of ``docs`` (file name → bytes), made from the previous
    build's tables, updated, when ``reuse`` and its state at ``state_path`` allow, else
    from a Whoosh index of them all; the state is then saved for the next build."""
    state = load_state(state_path, code) if reuse else None
    tables = updated_tables(state, docs) if state is not None else None
    if tables is None:
        tables = tables_of(build_index(docs, topics, synonyms, reports=reports))
    files = export_files(Documents(docs, topics, synonyms, reports), tables)
    save_state(state_path, ExportState(code, docs, tables))  # with what the export made of them
    return files
