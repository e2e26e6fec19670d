"""The static search index of a build, made from the documents analysed without a Whoosh
index, and of a rebuild, made from the previous build's tables and the documents that
changed (commitments/search/incremental.py), is the export of a Whoosh index of the
documents, byte for byte; a rebuild analyses only what changed."""
from dataclasses import replace

import pytest

from commitments.library import load_library
from commitments.search import incremental
from commitments.search.export import export_files, tables_of
from commitments.search.incremental import ExportState, export_search, tables_of_documents, updated_tables
from commitments.search.index import Documents, build_index, documents, library_reports
from commitments.search.synonyms import FILENAME, load_synonyms

from .conftest import CONTENT


@pytest.fixture(scope="module")
def corpus():
    library = load_library(CONTENT)
    synonyms = load_synonyms(CONTENT / FILENAME)
    return library, documents(library), synonyms, library_reports(library)


def full_export(library, docs, synonyms, reports):
    index = build_index(docs, library.topics, synonyms, reports=reports)
    return export_files(Documents(docs, library.topics, synonyms, reports), tables_of(index))


def test_documents_analysed_give_the_tables_of_a_whoosh_index(corpus):
    library, docs, synonyms, reports = corpus
    new = edited(docs)
    for version in (docs, new):
        analysed = tables_of_documents(version)
        read = tables_of(build_index(version, library.topics, synonyms, reports=reports))
        assert analysed.postings == read.postings and list(analysed.postings) == list(read.postings)
        assert analysed.words == read.words and analysed.bigrams == read.bigrams
        assert analysed.readings == read.readings


def edited(docs):
    """The documents with one English rewritten, one Chinese sentence given new words
    (new bigrams: the pinyin table changes) and one English emptied (pending)."""
    docs = list(docs)
    docs[3] = replace(docs[3], en=docs[3].en + " Edited, with an unheard-of word: zyzzyva.")
    docs[10] = replace(docs[10], zh=docs[10].zh.replace("。", "") + "鑫淼犇。")
    docs[20] = replace(docs[20], en="")
    return docs


def test_updated_tables_export_the_full_index_byte_for_byte(corpus):
    library, docs, synonyms, reports = corpus
    state = ExportState("code", docs, tables_of(build_index(docs, library.topics, synonyms, reports=reports)))
    new = edited(docs)
    tables = updated_tables(state, new)
    assert tables is not None
    assert export_files(Documents(new, library.topics, synonyms, reports), tables) == \
        full_export(library, new, synonyms, reports)
    assert "zyzzyva" in tables.words and any("犇" in term for term in tables.postings)


def test_other_documents_are_built_in_full(corpus, tmp_path, monkeypatch):
    library, docs, synonyms, reports = corpus
    path = tmp_path / "state.pickle"
    export_search(docs, library.topics, synonyms, reports, path, "code")
    built = []
    real = incremental.tables_of_documents
    monkeypatch.setattr(incremental, "tables_of_documents", lambda *a, **k: built.append(1) or real(*a, **k))
    new = edited(docs)
    files = export_search(new, library.topics, synonyms, reports, path, "code")
    assert built == []  # the same documents, some changed: updated, not all analysed again
    assert files == full_export(library, new, synonyms, reports)
    assert export_search(docs, library.topics, synonyms, reports, path, "code") == \
        full_export(library, docs, synonyms, reports)  # and back: the pinyin table kept or made again
    assert built == []
    # A document removed, another code, or a state file that is not one: all analysed.
    fewer = new[:-1]
    read = []
    real_keys = incremental.reading_keys
    monkeypatch.setattr(incremental, "reading_keys", lambda term: read.append(term) or real_keys(term))
    assert export_search(fewer, library.topics, synonyms, reports, path, "code") == \
        full_export(library, fewer, synonyms, reports)
    # The bigrams' pinyin kept from the state of the same code: read only for the edit's new words.
    assert built == [1] and read and all(set(term) & set("鑫淼犇") for term in read)
    export_search(fewer, library.topics, synonyms, reports, path, "other code")
    path.write_bytes(b"not a state")
    export_search(fewer, library.topics, synonyms, reports, path, "other code")
    assert built == [1, 1, 1]
