"""The search index for the browser: small JSON files a query fetches a few of.

Written into ``site/search-index/`` by the build (``static/js/search.js`` reads
it), from the postings of the documents as Whoosh indexes them, so the static
search sees exactly the data the live search sees::

    meta.json            N, shard counts, topic and report names, each report's
                         documents (``reportRuns``: [[report index, documents], …] in
                         document order), the synonym table
    p/<k>.json           postings, sharded by term hash: {term: [zh, en, ctx]}, documents
                         and frequencies: all a query's words, characters and bigrams need;
                         also the hits of each of meta's ``phrases`` (the Chinese runs of
                         three or more characters of the topics' names and the synonyms),
                         as if they were terms, so such a run needs no positions
    q/<k>.json           the bigrams' postings with their positions, sharded the same way
                         (``positionShards``): only a Chinese run of three or more
                         characters needs them
    d/<k>.json           each document's topics, DOC_SHARD documents a file: one string,
                         a document's topics as letters (topic i: ``topic_letter(i)``),
                         the documents separated by spaces ("ab c  d"): what the topic
                         counts of a query matching thousands of documents need, small
    t/<lang>/<k>.json    each document's id, item title and text in that language
                         (TEXT_SHARD documents a file: what a page of results shows)
    v/<letter>.json      English words and their document counts ("did you mean")
    f/<k>.json           traditional → simplified pairs ("養养…") for the characters of
                         code point ≡ k (mod foldShards) whose simplified form is in
                         the index: all a query can need (meta's "fold": those in the texts)
    y/s.json             the syllables of the pinyin table
    y/<k>.json           the pinyin table, sharded by key hash: {"yang lao": [bigram, …]}

A term goes to shard ``fnv1a(term) mod shards``, where fnv1a is 32-bit FNV-1a
over the term's code points (``h ^= cp; h *= 16777619``); the number of shards
is the power of two that keeps a shard near TARGET_SHARD_BYTES, so a shard stays
small as the corpus grows.  A field's postings are one flat list of integers:
for each document, the gap from the previous document number and the term
frequency, then, in ``q/`` (bigrams: two Han characters), the term's positions
(the first as is, the rest as gaps).  An empty field is ``[]``.
"""
from __future__ import annotations

import gzip
import hashlib
import json
import shutil
from dataclasses import dataclass
from itertools import accumulate, chain
from json.encoder import encode_basestring
from operator import sub
from pathlib import Path

from . import engine, hanzi
from .index import Documents, SearchIndex, is_bigram, pinyin_table, vocabularies
from .synonyms import Synonyms

FOLDER = "search-index"
TARGET_SHARD_BYTES = 2048
# A long Chinese query fetches the positions of each of its bigrams, most of them rare.
TARGET_POSITION_BYTES = 1024
# A query's Chinese characters each fetch their folding shard, common ones too.
TARGET_FOLD_BYTES = 128
# A query matching most of a large corpus needs every d/ file (its topic counts); 1024
# documents a file keeps that under the later-query budget at 32 reports, about 0.7 KB a file.
DOC_SHARD = 1024
# A page of results fetches the texts of its ten documents, scattered over the corpus.
TEXT_SHARD = 2
LANGS = ("zh", "en")


def fnv1a(term: str) -> int:
    h = 0x811C9DC5
    for ch in term:
        h ^= ord(ch)
        h = (h * 16777619) & 0xFFFFFFFF
    return h


def encode_postings(plist: dict, bigram: bool) -> list[int]:
    """A postings list (doc → (tf, positions)) as a shard holds it: each document's gap
    and frequency, then a bigram's positions, the first as is and the others as gaps.
    The reference of the export's own writers (entries_of), which the tests hold to it."""
    flat: list[int] = []
    last = 0
    for doc, (tf, positions) in plist.items():
        flat += [doc - last, tf]
        last = doc
        if bigram:
            previous = 0
            for p in positions:
                flat.append(p - previous)
                previous = p
    return flat


def decode_postings(flat: list[int], bigram: bool) -> dict:
    out = {}
    if not bigram:  # pairs of gap and frequency
        for doc, tf in zip(accumulate(flat[::2]), flat[1::2]):
            out[doc] = (tf, ())
        return out
    i = doc = 0
    while i < len(flat):
        doc += flat[i]
        tf = flat[i + 1]
        i += 2
        out[doc] = (tf, tuple(accumulate(flat[i:i + tf])))
        i += tf
    return out


def decode_entry(term: str, pair: bytes | None) -> list[dict]:
    """A term's postings, per field, from its entry as written (a bigram's: its ``q/``
    entry, with the positions); none for a term without one."""
    return decode_record(term, None if pair is None else json.loads(b"{" + pair + b"}")[term])


def decode_record(term: str, record: list | None) -> list[dict]:
    """A term's postings, per field, from its record as read from its shard (None: it
    has none there)."""
    if record is None:
        return [{} for _ in engine.FIELDS]
    bigram = is_bigram(term)
    return [decode_postings(flat, bigram) for flat in record]


@dataclass(frozen=True)
class ExportResult:
    files: int
    bytes: int
    gzip_bytes: int
    shards: int


def _dump(data) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


@dataclass
class Tables:
    """What the export reads of the postings: each term's entry as written in its shard
    (``"term":[zh, en, ctx]``, in term order; ``positions``: the bigrams' with their
    positions), the documents of each English word and
    of each bigram of the Chinese sentences, and each bigram's pinyin keys. Made from
    the documents (search/incremental.py ``tables_of_documents``), from a Whoosh index
    (``tables_of``) or from the previous build's, updated by the documents that changed."""
    postings: dict[str, bytes]
    positions: dict[str, bytes]
    words: dict[str, int]
    bigrams: dict[str, int]
    readings: dict[str, tuple[str, ...]]
    #: the pinyin table's entries as written in its shards, made from bigrams and readings
    #: by the first export (None: not yet, or they changed)
    pinyin: dict[str, bytes] | None = None


def reading_keys(bigram: str) -> tuple[str, ...]:
    """The pinyin table's keys of a bigram ("yang lao"), as pinyin_table files it."""
    return tuple(" ".join(reading) for reading in hanzi.readings(bigram))


def entries(term: str, plists) -> tuple[bytes, bytes | None]:
    """A term's entries (``plists``: per field, doc → (tf, positions)): its ``p/`` entry,
    and its ``q/`` entry if it is a bigram."""
    bigram = is_bigram(term)
    return entries_of(term, [(list(plist), [tf for tf, _ in plist.values()],
                              [tuple(ps) for _, ps in plist.values()] if bigram else ()) for plist in plists])


def entries_of(term: str, fields) -> tuple[bytes, bytes | None]:
    """``entries`` of the postings as columns: per field, (documents ascending, their
    term frequencies, their positions; a bigram's are what ``q/`` needs, its frequency
    the number of its positions, as in Whoosh's Positions format).

    Written as ``_dump`` would write ``"term":[…]``, a list of integers joined by commas
    (``json.dumps`` writes an int as ``int.__repr__``, a term as
    ``encode_basestring``), the gaps and the interleaving done by C iterators: a site
    has about a million postings and the export writes each once or twice."""
    key = encode_basestring(term)
    frequencies = (key + ":[" + ",".join([_frequencies(docs, tfs) if docs else "[]" for docs, tfs, _ in fields])
                   + "]").encode()
    if not is_bigram(term):
        return frequencies, None
    flats = [_positions(docs, found) if docs else "[]" for docs, _, found in fields]
    return frequencies, (key + ":[" + ",".join(flats) + "]").encode()


def _frequencies(docs, tfs) -> str:
    """``encode_postings(…, False)`` as JSON: each document's gap and frequency."""
    return "[" + ",".join(map(_DECIMAL, chain.from_iterable(zip(map(sub, docs, chain((0,), docs)), tfs)))) + "]"


def _positions(docs, positions) -> str:
    """``encode_postings(…, True)`` as JSON: each document's gap and frequency, then
    its positions, the first as is and the others as gaps."""
    flat: list[int] = []
    last = 0
    for doc, found in zip(docs, positions):
        if len(found) == 1:  # most of them
            flat += (doc - last, 1, found[0])
        else:
            flat += (doc - last, len(found))
            flat += map(sub, found, chain((0,), found))
        last = doc
    return "[" + ",".join(map(_DECIMAL, flat)) + "]"


class _Decimals(dict):
    """int → its decimal digits, as ``str`` (and json) write it, each made once: the
    postings are a few million small numbers, mostly the same few hundred."""

    def __missing__(self, number: int) -> str:
        text = self[number] = str(number)
        return text


_DECIMAL = _Decimals().__getitem__


def tables_of(index: SearchIndex) -> Tables:
    """The export's tables, read from the Whoosh index."""
    postings, positions = {}, {}
    for term in index.terms():
        postings[term], found = entries(term, index.postings(term))
        if found is not None:
            positions[term] = found
    bigrams = index.bigram_frequencies()
    return Tables(postings, positions, index.word_frequencies(), bigrams,
                  {term: reading_keys(term) for term in bigrams})


def export_index(index: SearchIndex, folder: Path) -> ExportResult:
    """Write the browser's index into ``folder`` (replacing what was there)."""
    return write_files(export_files(index, tables_of(index)), folder)


def write_files(files: dict[str, bytes], folder: Path) -> ExportResult:
    """``files`` (name → bytes) into ``folder``, which holds nothing else afterwards."""
    folder = Path(folder)
    if folder.exists():
        shutil.rmtree(folder)
    size = gz = 0
    for name, data in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        size += len(data)
        gz += gzip_size(data)
    meta = json.loads(files["meta.json"])
    return ExportResult(files=len(files), bytes=size, gzip_bytes=gz, shards=meta["shards"])


def export_files(index: Documents, tables: Tables) -> dict[str, bytes]:
    """The browser's index, file name → bytes, for the documents of ``index`` with
    the postings, words and bigrams of ``tables``."""
    files: dict[str, bytes] = {}

    held = phrases(index)
    encoded = tables.postings
    whole = phrase_entries(held, tables.positions)
    if whole:
        encoded = dict(sorted({**encoded, **whole}.items()))
    shards = _shard_count(sum(len(pair) + 2 for pair in encoded.values()), TARGET_SHARD_BYTES)
    files.update(_sharded("p", encoded, shards))
    position_shards = _shard_count(sum(len(pair) + 2 for pair in tables.positions.values()), TARGET_POSITION_BYTES)
    files.update(_sharded("q", tables.positions, position_shards))

    for start in range(0, index.n, DOC_SHARD):
        files[f"d/{start // DOC_SHARD}.json"] = _dump(" ".join(
            "".join(map(topic_letter, index.doc_topics(doc))) for doc in range(start, min(index.n, start + DOC_SHARD))))
    runs: list[list[int]] = []
    for doc in range(index.n):
        report = index.doc_report(doc)
        if runs and runs[-1][0] == report:
            runs[-1][1] += 1
        else:
            runs.append([report, 1])
    for lang in LANGS:
        for start in range(0, index.n, TEXT_SHARD):
            rows = []
            for doc in range(start, min(index.n, start + TEXT_SHARD)):
                info = index.doc_text(doc, lang)
                rows.append([info["id"], info["title"], info["text"], 1 if info["fallback"] else 0])
            files[f"t/{lang}/{start // TEXT_SHARD}.json"] = _dump(rows)
    words = vocabularies(tables.words, index.synonym_table)
    for letter, found in words.items():
        files[f"v/{letter}.json"] = _dump(found)

    # Folding: only the pairs whose simplified side the index has (others find nothing either way).
    chars = {term for term in encoded if len(term) == 1 and is_bigram(term + term)}
    pairs = {t: simple for t, simple in hanzi.fold_table().items() if simple in chars}
    fold_shards = _shard_count(sum(len(_dump(t + s)) - 2 for t, s in pairs.items()), TARGET_FOLD_BYTES)
    folds: list[list[str]] = [[] for _ in range(fold_shards)]
    for t, simple in pairs.items():
        folds[ord(t) % fold_shards].append(t + simple)
    for k, fold in enumerate(folds):
        files[f"f/{k}.json"] = _dump("".join(fold))
    texts = set("".join(index.doc_text(doc, lang)[field] for doc in range(index.n) for lang in LANGS
                        for field in ("text", "title")))
    in_texts = "".join(t + s for t, s in pairs.items() if t in texts)

    if tables.pinyin is None:
        table = pinyin_table(tables.bigrams, tables.readings.__getitem__)
        tables.pinyin = {key: _dump_strings(key, bigrams) for key, bigrams in table.items()}
    readings = tables.pinyin
    pinyin_shards = _shard_count(sum(len(pair) + 2 for pair in readings.values()), TARGET_SHARD_BYTES)
    files.update(_sharded("y", readings, pinyin_shards))
    files["y/s.json"] = _dump(sorted({s for key in readings for s in key.split(" ")}))

    meta = {
        "n": index.n,
        "shards": shards,
        "positionShards": position_shards,
        "docShard": DOC_SHARD,
        "textShard": TEXT_SHARD,
        "letters": "".join(sorted(words)),
        "topics": [[t.slug, t.name["zh"], t.name["en"]] for t in index.topics],
        "browse": index.browse,
        "reports": [[slug, names.get("zh", slug), names.get("en", slug)] for slug, names in index.reports],
        "reportRuns": runs,
        "phrases": held,
        "synonyms": index.synonym_table.to_json(),
        "labels": index.synonym_table.labels_json(),
        "stop": list(engine.STOP),
        "fold": in_texts,
        "foldShards": fold_shards,
        "pinyinShards": pinyin_shards,
    }
    digest = hashlib.sha256()
    for name in sorted(files):
        digest.update(name.encode() + b"\0" + files[name])
    meta["version"] = digest.hexdigest()[:12]
    files["meta.json"] = _dump(meta)
    return files


def phrases(index: Documents) -> list[str]:
    """The Chinese runs of three or more characters that a query is likely to hold whole
    (营商环境): those of the topics' names and of the synonyms. A topic's name is in the
    context of every commitment of the topic, so its bigrams' positions are among the
    largest postings; the browser reads these runs' hits instead (``phrase_entries``)."""
    found: set[str] = set()
    for zh, _ in index.topic_names:
        found.update(atom[2:] for atom in engine.query_atoms(zh)[0] if atom[0] == "p")
    for key, alternatives in index.synonyms.items():
        for alternative in (key, *alternatives):
            found.update(atom[2:] for atom in alternative if atom[0] == "p")
    return sorted(run for run in found if len(run) >= 3)


def phrase_entries(runs: list[str], positions: dict[str, bytes]) -> dict[str, bytes]:
    """Each run's ``p/`` entry: its hits (engine.atom_hits, from its bigrams' positions)
    as frequencies, keyed by the run (no term has three Han characters); none if it has none."""
    decoded: dict[str, tuple[dict, ...]] = {}

    def postings(term):
        if term not in decoded:
            decoded[term] = decode_entry(term, positions.get(term))
        return decoded[term]

    out = {}
    for run in runs:
        hits = sorted(engine.atom_hits("p:" + run, postings).items())
        if hits:  # a run is no bigram: only its p/ entry
            fields = [([doc for doc, tfs in hits if tfs[f]], [tfs[f] for _, tfs in hits if tfs[f]], ())
                      for f in range(len(engine.FIELDS))]
            out[run] = entries_of(run, fields)[0]
    return out


def topic_letter(topic: int) -> str:
    """Topic ``topic``'s letter in ``d/``: a-z, A-Z, then from U+00C0 on (never a space,
    a quote or a backslash)."""
    if topic < 26:
        return chr(0x61 + topic)
    return chr(0x41 + topic - 26) if topic < 52 else chr(0xC0 + topic - 52)


def topic_of_letter(letter: str) -> int:
    code = ord(letter)
    return code - 0xC0 + 52 if code >= 0xC0 else code - 0x61 if code >= 0x61 else code - 0x41 + 26


def _dump_strings(key: str, strings) -> bytes:
    """``"key":[strings]`` as ``_dump`` writes it inside an object, without the encoder's
    setting up each time (a site has tens of thousands of pinyin keys)."""
    return (encode_basestring(key) + ":[" + ",".join(map(encode_basestring, strings)) + "]").encode()


def _sharded(kind: str, pairs: dict[str, bytes], shards: int) -> dict[str, bytes]:
    """``kind/<k>.json``: the object of the entries whose key hashes to ``k`` (in the
    order of ``pairs``), every shard written, empty ones too (no 404s)."""
    buckets: list[list[bytes]] = [[] for _ in range(shards)]
    for key, pair in pairs.items():
        buckets[fnv1a(key) % shards].append(pair)
    return {f"{kind}/{k}.json": b"{" + b",".join(bucket) + b"}" for k, bucket in enumerate(buckets)}


def _shard_count(total: int, target: int) -> int:
    """The power of two that keeps a shard near ``target`` bytes."""
    shards = 1
    while shards * target < total:
        shards *= 2
    return shards


def gzip_size(data: bytes) -> int:
    """Bytes on the wire when a host gzips the file (level 6, the usual default)."""
    return len(gzip.compress(data, compresslevel=6, mtime=0))


class ShardSource:
    """The exported files read back in Python: the same source the browser reads.

    Used by the tests (the export loses nothing) and the benchmark.
    """

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.fetched: list[str] = []
        self._cache: dict[str, object] = {}
        self.meta = self._load("meta.json")
        self.n = self.meta["n"]
        self.topic_slugs = [t[0] for t in self.meta["topics"]]
        self.report_slugs = [r[0] for r in self.meta["reports"]]
        table = Synonyms.from_json(self.meta["synonyms"], self.meta["labels"])
        self.synonyms = table.entries
        self.labels = table.labels
        self.topic_names = [(t[1], t[2]) for t in self.meta["topics"]]
        self._topics: dict[int, list[str]] = {}
        self._reports = [report for report, count in self.meta["reportRuns"] for _ in range(count)]

    def _load(self, name):
        if name not in self._cache:
            path = self.folder / name
            self._cache[name] = json.loads(path.read_text(encoding="utf-8")) if path.exists() else None
            self.fetched.append(name)
        return self._cache[name]

    def postings(self, term):
        """Per field, doc → (tf, positions): a bigram's from ``q/``, with its positions."""
        if is_bigram(term):
            shard = self._load(f"q/{fnv1a(term) % self.meta['positionShards']}.json") or {}
        else:  # from ``p/``, frequencies alone: all an atom of one word needs
            shard = self._load(f"p/{fnv1a(term) % self.meta['shards']}.json") or {}
        return tuple(decode_record(term, shard.get(term)))

    def doc_topics(self, doc):
        k = doc // self.meta["docShard"]
        if k not in self._topics:
            self._topics[k] = self._load(f"d/{k}.json").split(" ")
        return tuple(map(topic_of_letter, self._topics[k][doc % self.meta["docShard"]]))

    def doc_report(self, doc):
        return self._reports[doc]

    def doc_text(self, doc, lang):
        row = self._load(f"t/{lang}/{doc // self.meta['textShard']}.json")[doc % self.meta["textShard"]]
        return {"id": row[0], "title": row[1], "text": row[2], "fallback": bool(row[3])}

    def syllables(self):
        return frozenset(self._load("y/s.json") or ())

    def pinyin(self, key):
        return tuple((self._load(f"y/{fnv1a(key) % self.meta['pinyinShards']}.json") or {}).get(key, ()))

    def vocabulary(self, letter):
        return self._load(f"v/{letter}.json") or {} if letter in self.meta["letters"] else {}
