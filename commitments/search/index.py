"""The Whoosh index of the commitments, and live search over it.

``documents(library)`` turns the Library into search documents (one per
commitment, in report order); ``build_index`` writes them into a Whoosh index
(in memory, or in a folder for the benchmark); ``SearchIndex`` reads the
postings back for the search core (:mod:`commitments.search.engine`) and for the
static export (:mod:`commitments.search.export`), so that the live site and the
static site search the very same data.
"""
from __future__ import annotations

import gc
import tempfile
import threading
from functools import lru_cache
from dataclasses import dataclass
from pathlib import Path

from whoosh.fields import KEYWORD, NUMERIC, TEXT, Schema
from whoosh.filedb.filestore import FileStorage, RamStorage
from whoosh.reading import TermNotFound

from ..richtext import plain
from . import engine, hanzi
from .memory import Memory, posting_blocks
from . import tokenize as tk
from .synonyms import EMPTY, FILENAME, Synonyms, load_synonyms, surface_words


@dataclass(frozen=True)
class SearchDoc:
    """One commitment as search sees it."""

    id: str
    topics: tuple[int, ...]      # indices into the library's topics
    zh: str                      # the Chinese sentence
    en: str                      # its English translation ("" while pending)
    ctx: str                     # titles, topic names and targets, both languages
    title: tuple[str, str]       # the item's title, zh and en (Chinese while pending)
    report: str = ""             # the report's slug

    def text(self, lang: str) -> tuple[str, bool]:
        """The text shown in ``lang``, and whether it is the Chinese fallback."""
        if lang == "en" and self.en:
            return self.en, False
        return self.zh, lang == "en"


def _title(text: str) -> str:
    return text.rstrip("。.").strip()


def _english(edition, anchor: str) -> str:
    """A sentence's English as its words: editors write Markdown (commitments/richtext.py)."""
    tr = edition.translation(anchor)
    return plain(tr.text) if tr and tr.text else ""


def documents(library) -> list[SearchDoc]:
    topic_index = {t.slug: i for i, t in enumerate(library.topics)}
    docs = []
    for edition in library.editions:
        report = edition.report
        for entry in edition.entries:
            c = entry.commitment
            section = next((s for s in report.sections if s.number == c.section), None)
            item = next((i for i in section.items if i.number == c.item), None) if section else None
            ctx = []
            title_zh = title_en = ""
            if item is not None:
                title_zh = _title(item.title.text)
                title_en = _title(_english(edition, item.title.anchor)) or title_zh
                ctx += [item.title.text, _english(edition, item.title.anchor)]
            if section is not None and section.heading is not None:
                ctx += [section.heading.text, _english(edition, section.heading.anchor)]
            for slug in c.topics:
                topic = library.topic(slug)
                if topic is not None:
                    ctx += [topic.name["zh"], topic.name["en"]]
            for target in c.targets:
                ctx += [target.indicator, target.text]
            ctx += list(entry.indicators)
            docs.append(SearchDoc(
                id=c.id,
                topics=tuple(topic_index[s] for s in c.topics if s in topic_index),
                zh=c.text,
                en=plain(entry.translation.text),
                ctx="\n".join(p for p in ctx if p),
                title=(title_zh, title_en),
                report=edition.slug,
            ))
    return docs


def library_reports(library) -> list[tuple[str, dict[str, str]]]:
    """(slug, {lang: title}) of every report, in library order: the report facet's names."""
    return [(e.slug, dict(e.report.meta.title)) for e in library.editions]


def _text_field() -> TEXT:
    field = TEXT(analyzer=tk.analyzer(), phrase=True)
    # Ranking is our own (engine.score), not Whoosh's BM25F: no field lengths needed.
    field.scorable = False
    return field


def schema() -> Schema:
    return Schema(
        num=NUMERIC(stored=True),
        zh=_text_field(),
        en=_text_field(),
        ctx=_text_field(),
        # English words as written (not stemmed): the vocabulary for "did you mean".
        vocab=KEYWORD(lowercase=False),
    )


class MemoryStorage(RamStorage):
    """RamStorage whose temporary files go to a folder of their own.

    Whoosh's RamStorage puts the codec's temporary files in
    ``$TMPDIR/<indexname>.tmp`` (``/tmp/MAIN.tmp`` by default) and deletes
    that directory after each commit, so two processes indexing into
    RamStorage at the same time (two builds) break each other's commits.
    They cannot stay in a RamStorage either: a writer whose postings outgrow
    its memory limit writes sorted runs through raw files, which a RamStorage
    never keeps (a corpus of some thousands of commitments failed to index).
    So each storage has folders of its own (one per name Whoosh asks for, as
    RamStorage would), which Whoosh deletes after the commit.
    """

    def temp_storage(self, name=None):
        folders = self.__dict__.setdefault("_temp_folders", {})
        if name not in folders:
            folders[name] = tempfile.mkdtemp(prefix="whoosh-")
        return FileStorage(folders[name]).create()


def build_index(docs: list[SearchDoc], topics, synonyms: Synonyms = EMPTY,
                folder: Path | None = None, reports=None) -> "SearchIndex":
    """Index ``docs`` with Whoosh, in memory or in ``folder``."""
    if folder is not None:
        Path(folder).mkdir(parents=True, exist_ok=True)
        storage = FileStorage(str(folder))
    else:
        storage = MemoryStorage()
    ix = storage.create_index(schema())
    writer = ix.writer(limitmb=256)
    for num, doc in enumerate(docs):
        writer.add_document(num=num, zh=doc.zh, en=doc.en, ctx=doc.ctx, vocab=" ".join(sorted(document_words(doc))))
    writer.commit()
    return SearchIndex(ix, docs, topics, synonyms, reports)


def document_words(doc: SearchDoc, known: dict | None = None) -> set[str]:
    """The document's English words as written: its ``vocab`` field, which build_index
    fills with them joined by spaces and its analyzer splits on whitespace again (the
    words are runs of a-z, kept as they are). ``known``: the words of texts already read
    (the commitments of an item share its context)."""
    known = {} if known is None else known
    found = set()
    for text in (doc.zh, doc.en, doc.ctx):
        words = known.get(text)
        if words is None:
            words = known[text] = frozenset(surface_words(text))
        found |= words
    return found


class Documents:
    """The documents and what names them (topics, reports, synonyms): all the search
    reads besides the postings, and all the static export needs of a build's
    documents when the postings come from the previous build (search/incremental.py)."""

    def __init__(self, docs: list[SearchDoc], topics, synonyms: Synonyms = EMPTY, reports=None):
        self.docs = docs
        self.n = len(docs)
        self.topics = tuple(topics)
        self.topic_slugs = [t.slug for t in self.topics]
        used = {slug for d in docs for slug in (self.topic_slugs[i] for i in d.topics)}
        #: the topics that have commitments (the others have no page to link to)
        self.browse = [slug for slug in self.topic_slugs if slug in used]
        #: (slug, {lang: name}) of every report, library order (default: the docs' reports, named by slug)
        if reports is None:
            reports = [(slug, {"zh": slug, "en": slug}) for slug in dict.fromkeys(d.report for d in docs)]
        self.reports = tuple((slug, dict(names)) for slug, names in reports)
        self.report_slugs = [slug for slug, _ in self.reports]
        where = {slug: i for i, slug in enumerate(self.report_slugs)}
        self._doc_report = [where.get(d.report, -1) for d in docs]
        self.synonym_table = synonyms
        self.synonyms = synonyms.entries
        self.labels = synonyms.labels
        #: (zh, en) name of every topic, in topic order
        self.topic_names = [(t.name["zh"], t.name["en"]) for t in self.topics]
        #: doc → its topics, and doc → the index of its report in ``report_slugs`` (-1:
        #: none known): list look-ups, which the search core maps over thousands of
        #: matches in C (a method would be a Python call each)
        self.doc_topics = [d.topics for d in docs].__getitem__
        self.doc_report = self._doc_report.__getitem__

    def doc_text(self, doc: int, lang: str) -> dict:
        d = self.docs[doc]
        text, fallback = d.text(lang)
        return {"id": d.id, "text": text, "title": d.title[1 if lang == "en" else 0], "fallback": fallback}


class SearchIndex(Documents):
    """Postings, documents and vocabulary: the source the search core reads."""

    def __init__(self, ix, docs: list[SearchDoc], topics, synonyms: Synonyms = EMPTY, reports=None):
        super().__init__(docs, topics, synonyms, reports)
        self.ix = ix
        self.reader = ix.reader()
        self._pinyin: dict[str, tuple[str, ...]] | None = None
        self._syllables: frozenset[str] | None = None
        self._num = {docnum: fields["num"] for docnum, fields in self.reader.iter_docs()}
        self._in_order = all(docnum == num for docnum, num in self._num.items())
        self._postings: dict[str, tuple] = {}
        self._memory: Memory | None = None
        #: each atom's hits and points, kept between queries by the search core
        self.atom_cache: tuple[dict, dict] = ({}, {})
        self._vocabulary: dict[str, dict[str, int]] | None = None
        self._lock = threading.Lock()

    # -- what the search core reads

    def postings(self, term: str) -> tuple[dict, ...]:
        """Per field, doc → (tf, positions); positions only for bigrams."""
        found = self._postings.get(term)
        if found is None:
            found = tuple(self._field_postings(field, term) for field in engine.FIELDS)
            if len(self._postings) > 20000:
                self._postings.clear()
            self._postings[term] = found
        return found

    def memory(self) -> Memory:
        """Every term's postings without positions, and the documents' Han runs, read
        from Whoosh once, in bulk (search/memory.py)."""
        if self._memory is None:
            self._memory = Memory(self.reader, engine.FIELDS, [(d.zh, d.en, d.ctx) for d in self.docs],
                                  None if self._in_order else self._num)
        return self._memory

    def frequencies(self, term: str) -> tuple[dict, ...]:
        """Per field, doc → tf: what an atom of one term needs (positions are not read)."""
        return self.memory().frequencies(term)

    def _field_postings(self, field: str, term: str) -> dict:
        try:  # one look-up of the term, not two (the export asks for every term of every field)
            items = _all_items(self.reader.postings(field, term))
        except TermNotFound:
            return {}
        fmt = self.reader.schema[field].format
        frequency = fmt.decode_frequency
        num = self._num
        if is_bigram(term):
            # A longer run needs the positions only where all its bigrams occur.
            found = ((num[docnum], (frequency(value), LazyPositions(value, fmt.decode_positions)))
                     for docnum, value in items)
        else:
            found = ((num[docnum], (frequency(value), ())) for docnum, value in items)
        # Whoosh's document numbers in report order (one segment): its postings are in order.
        return dict(found) if self._in_order else dict(sorted(found))

    def vocabulary(self, letter: str) -> dict[str, int]:
        return self.vocabularies().get(letter, {})

    def vocabularies(self) -> dict[str, dict[str, int]]:
        """First letter → {English word: number of documents}; synonym words count 0."""
        if self._vocabulary is None:
            self._vocabulary = vocabularies(self.word_frequencies(), self.synonym_table)
        return self._vocabulary

    def word_frequencies(self) -> dict[str, int]:
        """English word as written → number of documents that have it."""
        words: dict[str, int] = {}
        for raw in self.reader.lexicon("vocab"):
            word = raw.decode("utf-8") if isinstance(raw, bytes) else raw
            words[word] = self.reader.doc_frequency("vocab", word)
        return words

    def bigram_frequencies(self) -> dict[str, int]:
        """Each bigram of the Chinese sentences → number of documents that have it."""
        found = {}
        for raw in self.reader.field_terms("zh") if "zh" in self.reader.indexed_field_names() else ():
            term = raw.decode("utf-8") if isinstance(raw, bytes) else raw
            if is_bigram(term):
                found[term] = self.reader.doc_frequency("zh", term)
        return found

    def pinyin_table(self) -> dict[str, tuple[str, ...]]:
        """Two toneless syllables ("yang lao") → the Chinese sentences' bigrams read so,
        most documents first, then in code-point order (built once, on first use)."""
        if self._pinyin is None:
            self._pinyin = pinyin_table(self.bigram_frequencies())
        return self._pinyin

    def pinyin(self, key: str) -> tuple[str, ...]:
        return self.pinyin_table().get(key, ())

    def syllables(self) -> frozenset[str]:
        """Every syllable the pinyin table knows."""
        if self._syllables is None:
            self._syllables = frozenset(s for key in self.pinyin_table() for s in key.split(" "))
        return self._syllables

    def terms(self) -> list[str]:
        """Every term of the searched fields, sorted."""
        found = set()
        for field in engine.FIELDS:
            if field in self.reader.indexed_field_names():
                found.update(self.reader.field_terms(field))
        return sorted(found)

    def settle(self) -> None:
        """Build the tables a query may need (vocabulary, pinyin, the postings in
        memory), then take what the process holds now, the index first, out of the
        garbage collector's walks (``gc.freeze``): the index lives as long as the process, and a full collection,
        which a query's thousands of new objects set off, would otherwise walk all of
        it (60–90 ms at 100 times the report). Built here, the tables are also shared
        by the server's forked workers and do not fall on a reader's first query."""
        self.vocabularies()
        self.syllables()
        self.memory()
        gc.collect()
        gc.freeze()

    # -- live search

    def search(self, query, topic=None, page=1, lang="zh", report=None, exact=False) -> dict:
        with self._lock:
            return engine.search(self, query, topic=topic, page=page, lang=lang, report=report, exact=exact)


def vocabularies(words: dict[str, int], synonyms: Synonyms) -> dict[str, dict[str, int]]:
    """First letter → {English word: number of documents}, synonym words at 0 unless found."""
    words = dict(words)
    for word in synonyms.words:
        words.setdefault(word, 0)
    by_letter: dict[str, dict[str, int]] = {}
    for word in sorted(words):
        by_letter.setdefault(word[0], {})[word] = words[word]
    return by_letter


def pinyin_table(bigrams: dict[str, int], readings=None) -> dict[str, tuple[str, ...]]:
    """Two toneless syllables → the bigrams (of ``bigrams``: bigram → documents) read so,
    most documents first, then in code-point order. ``readings(bigram)`` gives a
    bigram's keys ("yang lao"; default: hanzi.readings)."""
    found: dict[str, list[tuple[int, str]]] = {}
    for term, df in bigrams.items():
        for key in readings(term) if readings else (" ".join(r) for r in hanzi.readings(term)):
            found.setdefault(key, []).append((-df, term))
    return {key: tuple(term for _, term in sorted(terms)) for key, terms in sorted(found.items())}


def _all_items(matcher):
    """(docnum, encoded value) of every posting, as ``matcher.all_items()`` gives them,
    read a block at a time (the export asks for every posting of every term)."""
    for ids, values in posting_blocks(matcher):
        yield from zip(ids, values)


class LazyPositions:
    """A posting's positions, decoded from Whoosh's bytes on first use."""

    __slots__ = ("_value", "_decode", "_positions")

    def __init__(self, value: bytes, decode):
        self._value, self._decode, self._positions = value, decode, None

    def _get(self) -> tuple[int, ...]:
        if self._positions is None:
            self._positions = tuple(self._decode(self._value))
        return self._positions

    def __iter__(self):
        return iter(self._get())

    def __len__(self):
        return len(self._get())

    def __eq__(self, other):
        try:
            return self._get() == tuple(other)
        except TypeError:
            return NotImplemented

    def __hash__(self):
        return hash(self._get())

    def __repr__(self):
        return repr(self._get())


def is_bigram(term: str) -> bool:
    """Two Han characters (the tokenizer's bigrams are the only such terms)."""
    return len(term) == 2 and _is_han(term[0]) and _is_han(term[1])


@lru_cache(maxsize=None)
def _is_han(ch: str) -> bool:
    # Asked for every term the export writes: the tokenizer once per character, not per term.
    return tk.index_tokens(ch) == [("uni", ch, 0)]


def build_search_index(library, content_dir: Path, folder: Path | None = None) -> SearchIndex:
    """The pipeline stage: the Library and content/synonyms.yaml → the Whoosh index."""
    return build_index(documents(library), library.topics, load_synonyms(Path(content_dir) / FILENAME), folder,
                       library_reports(library))
