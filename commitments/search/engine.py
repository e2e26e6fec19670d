"""The search core: query → plan → matches → integer scores → a page of results.

This module is the reference; ``static/js/search.js`` implements the same steps
function by function (same names in camelCase) for the static site, and
``tests/test_search_parity.py`` checks that both give the same results, in the
same order, with the same snippets, for every query of
``tests/data/search_queries.json``.  Change both together.

Both read the same data: the postings of the Whoosh index (live, through
:class:`commitments.search.index.SearchIndex`) or the same postings exported as
JSON shards (static, :mod:`commitments.search.export`).

Specification
=============

Documents are commitments, numbered in report order (``doc`` 0, 1, …).  Each
has three fields, all analysed by :mod:`commitments.search.tokenize`:
``zh`` (the Chinese sentence), ``en`` (its English translation) and ``ctx``
(item title and section heading, topic names, target names, both languages).

1. **Plan.**  The query's clauses become *atoms*: ``w:<stem>``, ``u:<char>``,
   ``p:<run>`` (see :func:`commitments.search.synonyms.atoms_of`).  Synonyms
   turn the atoms into *groups*; a group is a list of *alternatives*, an
   alternative a tuple of atoms:

   * left to right, the longest synonym key that is a sequence of atoms (any
     key but a single Chinese atom) and equals the next atoms makes one group:
     those atoms, then the key's alternatives;
   * otherwise a Chinese atom's run is searched, left to right, for the
     longest single-Chinese-atom keys (non-overlapping); each occurrence may be
     kept or replaced by one of its alternatives.  The combinations, in order
     (the first occurrence varies slowest; the original first), at most
     ``MAX_ALTERNATIVES``, each rebuilt as atoms: the Chinese pieces joined
     into one run, an alternative with English words splitting it;
   * any other atom is a group of one alternative, itself.

   Duplicate alternatives (same atoms) are dropped, keeping the first.

2. **Match.**  An atom's *hits* give, per document, its term frequency in each
   field: for ``w`` and ``u`` atoms and two-character runs, the postings of the
   term; for longer runs, the number of positions where the run's bigrams occur
   at consecutive positions (a substring of one Han run).  A ``w`` atom matches
   a document when it occurs in any field; a ``u`` or ``p`` atom only when it
   occurs in ``zh``: a Chinese query finds exactly the commitments whose
   Chinese sentence contains it (synonyms aside).  An alternative matches when
   all its atoms do, a group when any alternative does, the query when every
   group does.

3. **Score** (integers only, so both sides agree exactly)::

       idf(atom)     = 1 + max k ≥ 0 with df² · 2^k ≤ (N+1)²    (≈ 1 + 2·log2((N+1)/df))
       atom(d)       = idf · Σ_fields WEIGHT[f] · min(tf_f, TF_CAP)     WEIGHTS zh 3, en 3, ctx 1
       alternative   = Σ atom(d) over its atoms
       group         = max over its matching alternatives
       score(d)      = Σ group scores

   where df counts the documents in which the atom occurs in any field.
   Results are sorted by score, highest first, then by report order.

4. **Filter and page.**  Topic counts are over all matches (highest count first,
   then topic order); report counts too (in report order, the library's); both
   ignore the filters.  A known ``topic`` keeps only its matches, a known
   ``report`` only the matches from that report; both together combine with
   AND; an unknown value is ignored.  Pages of ``PAGE_SIZE``.

5. **Snippet.**  The text shown (the page's language; the Chinese while a
   translation is pending) is marked where the query's atoms, of every
   alternative, occur (:func:`highlight`), and cut to ``SNIPPET_CHARS`` code
   points around the first mark.

6. **Did you mean.**  Only when nothing matches: each English query word of
   three or more letters that is in no document is replaced by the indexed or
   synonym word with the same first letter at the smallest edit distance
   (Levenshtein, at most 1 for words of up to 4 letters, else 2), then most
   documents, then alphabetical.

7. **Stop words.**  A group that is one English stop word alone (Whoosh's
   list, stemmed: ``STOP``) is dropped from the plan: ``the`` finds nothing,
   ``the school`` what ``school`` finds.

8. **Forgiving** (``mode``), only when the query as typed finds nothing:

   * ``pinyin``: a query of ASCII letters only is read as toneless pinyin.
     Its pieces are its words if each splits into two or more syllables, else
     all its letters together (``yang lao`` = ``yanglao``).  A piece splits into
     syllables in every way (longest syllable first, at most
     ``MAX_SPLITS``); consecutive syllables give the index's bigrams with
     that reading (``pinyin(key)``, most documents first), chained where they
     share a character, into runs of one character per syllable: the piece's
     group, at most ``MAX_ALTERNATIVES`` runs.  Used if it finds something.
   * ``corrected``: unless the request is ``exact``, the did-you-mean text (6)
     is searched instead, if it finds something.
   * ``partial``: a query of two or more groups finds the documents matching
     any group, ranked by the number of groups matched, then the score:
     ``score = matched · PARTIAL_WEIGHT + Σ scores of the matched groups``.

9. **Why** a result matched (``why``, for the results shown), per group of the
   plan, from the group's own atoms if they match the document, else the
   alternative that scored best for it (the first on a tie): ``["pinyin", typed, run]`` in pinyin mode; else
   ``["synonym", typed, found]`` when it is not the group's own atoms, and
   ``["traditional", typed, folded]`` when the group was typed in traditional
   characters; and ``["topic", slug]`` when some of its words occur only in
   the context field and all of those are words of one of the document's
   topic names (first such topic), else ``["context"]``.  Texts are shown as
   the synonyms file writes them, or as typed; duplicates are dropped.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from itertools import chain, compress, repeat
from functools import lru_cache
from operator import add, contains, eq, itemgetter, mod, mul

from whoosh.analysis import STOP_WORDS

from . import tokenize as tk

FIELDS = ("zh", "en", "ctx")
WEIGHTS = (3, 3, 1)
TF_CAP = 3
PAGE_SIZE = 10
MAX_ALTERNATIVES = 16
SNIPPET_CHARS = 160
SNIPPET_LEAD = 40
SNIPPET_SOFT = 20
SUGGEST_MIN_LETTERS = 3
ELLIPSIS = "…"
MAX_SPLITS = 8
MAX_CHAIN = 64
PARTIAL_WEIGHT = 1000000
SYLLABLE_MAX = 6
#: atoms whose hits a source with an ``atom_cache`` keeps between queries
ATOM_CACHE = 4096
#: English stop words, stemmed as the tokenizer stems words.
STOP = tuple(sorted({tk.stem(w) for w in STOP_WORDS}))

_ASCII_WORD = re.compile("[a-z]+")


# ---------------------------------------------------------------- 1. plan


@dataclass(frozen=True)
class Plan:
    atoms: tuple[str, ...]
    groups: tuple[tuple[tuple[str, ...], ...], ...]
    #: per group: the words as typed (normalised), and as typed before folding
    typed: tuple[str, ...] = ()
    unfolded: tuple[str, ...] = ()

    def all_atoms(self) -> list[str]:
        """Every atom of every alternative, first occurrence order."""
        seen: dict[str, None] = {}
        for group in self.groups:
            for alt in group:
                for atom in alt:
                    seen.setdefault(atom, None)
        return list(seen)


def is_han(atom: str) -> bool:
    return atom[0] in "up"


def query_atoms(query) -> tuple[list[str], dict[str, str], dict[str, str]]:
    """The query's atoms; each word atom's text as typed; each Han atom's
    text before folding (when folding changed it)."""
    text = "" if query is None else str(query)
    clauses = tk.query_clauses(text)
    atoms = [{"word": "w:", "uni": "u:", "phrase": "p:"}[c["type"]] + c["text"] for c in clauses]
    unfolded = {a: c["typed"] for a, c in zip(atoms, clauses) if "typed" in c}
    norm = tk.normalize(text)[: tk.QUERY_MAX_CHARS]
    words: dict[str, str] = {}
    for kind, tok, _, start, end in tk.token_spans(norm) or []:
        if kind == "word":
            words.setdefault(tok, norm[start:end])
    return atoms, words, unfolded


def label(alt, labels: dict, words: dict) -> str:
    """An alternative as a resident reads it: as the synonyms file or the query writes it."""
    alt = tuple(alt)
    if alt in labels:
        return labels[alt]
    return " ".join(words.get(a[2:], a[2:]) for a in alt)


def make_plan(query: str, synonyms: dict, labels: dict | None = None) -> Plan:
    atoms, words, unfolded = query_atoms(query)
    atoms = tuple(atoms)
    labels = labels or {}
    seq_keys: dict[tuple[str, ...], tuple] = {}
    han_keys: dict[str, tuple] = {}
    for key, alts in synonyms.items():
        if len(key) == 1 and is_han(key[0]):
            han_keys[key[0][2:]] = alts
        else:
            seq_keys[key] = alts
    longest = max((len(k) for k in seq_keys), default=0)
    groups, typed, before = [], [], []
    i = 0
    while i < len(atoms):
        for length in range(min(longest, len(atoms) - i), 0, -1):
            key = atoms[i:i + length]
            if key in seq_keys:
                groups.append(_dedupe([key, *seq_keys[key]]))
                i += length
                break
        else:
            key = atoms[i:i + 1]
            atom = atoms[i]
            if not is_han(atom) and atom[2:] in STOP:
                i += 1
                continue
            groups.append(_han_alternatives(atom[2:], han_keys) if is_han(atom) else ((atom,),))
            i += 1
        typed.append(label(key, {}, words))
        before.append(label(key, {}, {**words, **{a[2:]: t for a, t in unfolded.items()}}))
    return Plan(atoms, tuple(groups), tuple(typed), tuple(before))


def _han_alternatives(run: str, han_keys: dict) -> tuple:
    occurrences = []  # (start, end, key)
    longest = max((len(k) for k in han_keys), default=0)
    j = 0
    while j < len(run):
        for length in range(min(longest, len(run) - j), 0, -1):
            key = run[j:j + length]
            if key in han_keys:
                occurrences.append((j, j + length, key))
                j += length
                break
        else:
            j += 1
    if not occurrences:
        return ((_han_atom(run),),)
    options = [[("p:" + key,), *han_keys[key]] for _, _, key in occurrences]
    combos = [[]]
    for opts in options:  # the first occurrence varies slowest
        combos = [combo + [opt] for combo in combos for opt in opts][:MAX_ALTERNATIVES]
    alternatives = []
    for combo in combos:
        atoms: list[str] = []
        buffer = ""
        last = 0
        for (start, end, _), choice in zip(occurrences, combo):
            buffer += run[last:start]
            if len(choice) == 1 and is_han(choice[0]):
                buffer += choice[0][2:]
            else:
                if buffer:
                    atoms.append(_han_atom(buffer))
                buffer = ""
                atoms.extend(choice)
            last = end
        buffer += run[last:]
        if buffer:
            atoms.append(_han_atom(buffer))
        alternatives.append(tuple(dict.fromkeys(atoms)))
    return _dedupe(alternatives)


def _han_atom(run: str) -> str:
    return ("u:" if len(run) == 1 else "p:") + run


def _dedupe(alternatives) -> tuple:
    return tuple(dict.fromkeys(tuple(dict.fromkeys(alt)) for alt in alternatives))


def atom_terms(atom: str) -> list[str]:
    """The index terms an atom needs: itself, or a run's bigrams."""
    text = atom[2:]
    if atom[0] == "p" and len(text) > 2:
        return [text[i:i + 2] for i in range(len(text) - 1)]
    return [text]


# ---------------------------------------------------------------- 8. pinyin


def latin_words(query) -> list[str] | None:
    """The query's words as typed, if it is made of ASCII letters only."""
    norm = tk.normalize("" if query is None else str(query))[: tk.QUERY_MAX_CHARS]
    spans = tk.token_spans(norm) or []
    words = [norm[start:end] for kind, _, _, start, end in spans if kind == "word"]
    if not words or len(words) != len(spans) or not all(_ASCII_WORD.fullmatch(w) for w in words):
        return None
    return words


def syllable_splits(letters: str, syllables) -> list[list[str]]:
    """Every way to cut ``letters`` into syllables, longest syllable first, at most MAX_SPLITS."""
    n = len(letters)
    ends = [False] * n + [True]  # ends[i]: letters[i:] can be cut
    for i in range(n - 1, -1, -1):
        ends[i] = any(ends[i + k] and letters[i:i + k] in syllables for k in range(1, min(SYLLABLE_MAX, n - i) + 1))
    out: list[list[str]] = []

    def walk(i, acc):
        if len(out) >= MAX_SPLITS:
            return
        if i == n:
            out.append(acc)
            return
        for k in range(min(SYLLABLE_MAX, n - i), 0, -1):
            if ends[i + k] and letters[i:i + k] in syllables:
                walk(i + k, acc + [letters[i:i + k]])

    if n and ends[0]:
        walk(0, [])
    return out


def pinyin_pieces(words: list[str], syllables) -> list[str]:
    """The words, if each reads as two or more syllables; else all of them as one."""
    if len(words) > 1 and all(len((syllable_splits(w, syllables) or [[]])[0]) >= 2 for w in words):
        return list(words)
    return ["".join(words)]


def pinyin_keys(piece: str, syllables) -> list[str]:
    """The keys (two syllables) a piece needs from the pinyin table."""
    keys: dict[str, None] = {}
    for split in syllable_splits(piece, syllables):
        for a, b in zip(split, split[1:]):
            keys.setdefault(a + " " + b, None)
    return list(keys)


def pinyin_runs(piece: str, syllables, pinyin) -> list[str]:
    """Han runs of the index that read as ``piece``, at most MAX_ALTERNATIVES."""
    runs: dict[str, None] = {}
    for split in syllable_splits(piece, syllables):
        if len(split) < 2:
            continue
        chain = list(pinyin(split[0] + " " + split[1]))[:MAX_CHAIN]
        for a, b in zip(split[1:], split[2:]):
            following = pinyin(a + " " + b)
            chain = [run + bigram[1] for run in chain for bigram in following if bigram[0] == run[-1]][:MAX_CHAIN]
        for run in chain:
            runs.setdefault(run, None)
    return list(runs)[:MAX_ALTERNATIVES]


def pinyin_plan(words: list[str], syllables, pinyin) -> Plan | None:
    """The query read as pinyin: one group of runs per piece, or None."""
    groups, typed = [], []
    pieces = pinyin_pieces(words, syllables)
    for piece in pieces:
        runs = pinyin_runs(piece, syllables, pinyin)
        if not runs:
            return None
        groups.append(tuple(("p:" + run,) for run in runs))
        typed.append(piece if len(pieces) > 1 else " ".join(words))
    return Plan(tuple(a for g in groups for alt in g for a in alt), tuple(groups), tuple(typed), tuple(typed))


# ---------------------------------------------------------------- 2. match


def atom_hits(atom: str, postings, memory=None) -> dict[int, tuple[int, int, int]]:
    """doc → (tf in zh, tf in en, tf in ctx). ``postings(term)`` gives, per field,
    a dict doc → (tf, positions). ``memory`` (search/memory.py), if given, holds every
    term's frequencies and each document's Han runs: an atom of one term reads its
    frequencies there, and a longer run is counted as a substring of the Han runs
    (``run_hits``) instead of through its bigrams' positions."""
    terms = atom_terms(atom)
    if memory is not None:
        return memory.hits(terms[0]) if len(terms) == 1 else run_hits(atom[2:], memory)
    if len(terms) == 1:
        return by_doc(*({doc: tf for doc, (tf, _) in plist.items()} for plist in postings(terms[0])))
    hits: dict[int, list[int]] = {}
    lists = [postings(term) for term in terms]
    for f in range(len(FIELDS)):
        first, *later = (plist[f] for plist in lists)
        both = first.keys()
        for other in later:
            both = both & other.keys()
        for doc in sorted(both):
            # The first bigram's positions that the next ones follow, bigram by bigram
            # (a common bigram's positions are read only where still needed).
            starts = first[doc][1]
            for k, other in enumerate(later, 1):
                following = set(other[doc][1])
                starts = [p for p in starts if p + k in following]
                if not starts:
                    break
            if starts:
                hits.setdefault(doc, [0] * len(FIELDS))[f] = len(starts)
    return {doc: tuple(tfs) for doc, tfs in hits.items()}


def by_doc(z: dict[int, int], e: dict[int, int], c: dict[int, int]) -> dict[int, tuple[int, int, int]]:
    """doc → (z, e, c) for the documents in any of the three (0 where absent), put
    together by map and zip in C: a common word is in thousands of documents.
    Tuples: a source may keep the hits of a common word between queries, and the
    garbage collector stops walking tuples of numbers."""
    docs = z.keys() | e.keys() | c.keys()
    return dict(zip(docs, zip(map(z.get, docs, repeat(0)), map(e.get, docs, repeat(0)), map(c.get, docs, repeat(0)))))


def run_hits(run: str, memory) -> dict[int, tuple[int, int, int]]:
    """``atom_hits`` of a Chinese run of three or more characters: per field, in each
    document with its rarest bigram in that field (``memory.documents``), the number of places
    where it is a substring of one of the document's Han runs (``memory.han_texts``),
    overlapping ones included, which is what its bigrams at consecutive positions count."""
    rarest = min(atom_terms("p:" + run), key=memory.document_count)
    found = []
    for texts, docs in zip(memory.han_texts, memory.documents(rarest)):
        texts_of = map(texts.__getitem__, docs)
        # str.count counts occurrences that do not overlap: a run that begins as it ends
        # (学校学校) is counted one place at a time.
        counts = map(occurrences, texts_of, repeat(run)) if overlaps(run) else map(str.count, texts_of, repeat(run))
        found.append(dict(filter(itemgetter(1), zip(docs, counts))))
    return by_doc(*found)


def overlaps(part: str) -> bool:
    """Whether two occurrences of ``part`` can overlap (it begins as it ends)."""
    return any(part[:k] == part[-k:] for k in range(1, len(part)))


def occurrences(text: str, part: str) -> int:
    """How many times ``part`` occurs in ``text``, overlapping occurrences included."""
    count, at = 0, text.find(part)
    while at >= 0:
        count += 1
        at = text.find(part, at + 1)
    return count


# ---------------------------------------------------------------- 3. score


def idf(df: int, n: int) -> int:
    if df <= 0:
        return 0
    limit = (n + 1) * (n + 1)
    value = df * df
    k = 0
    while value * 2 <= limit:
        value *= 2
        k += 1
    return 1 + k


def atom_points(atom: str, hits_of, n: int) -> dict[int, int]:
    """doc → the atom's score, for the documents it matches (step 2: a ``u`` or ``p``
    atom where it occurs in ``zh``, a ``w`` atom where it occurs at all; search.js
    checks this with ``atomMatches``)."""
    known = getattr(hits_of, "points", None)
    if known is not None and atom in known:
        return known[atom]
    hits = hits_of(atom)
    weight = idf(len(hits), n)
    (wz, we, wc), cap = WEIGHTS, TF_CAP
    han = is_han(atom)
    # The points of each distinct (z, e, c), 0 where the atom does not match: a common
    # word has thousands of hits but only a few distinct frequencies, so each
    # document's points are a look-up, and map, zip and filter walk them in C.
    value = {}
    for tfs in set(hits.values()):
        z, e, c = tfs
        matched = z > 0 if han else z or e or c
        value[tfs] = weight * (wz * min(z, cap) + we * min(e, cap) + wc * min(c, cap)) if matched else 0
    points = dict(filter(itemgetter(1), zip(hits.keys(), map(value.__getitem__, hits.values()))))
    if known is not None:
        known[atom] = points
    return points


def _both(a: dict[int, int], b: dict[int, int]) -> dict[int, int]:
    """doc → a + b, for the documents in both (a set intersection, then sums in C)."""
    docs = a.keys() & b.keys()
    return dict(zip(docs, map(add, map(a.__getitem__, docs), map(b.__getitem__, docs))))


def group_scores(group, hits_of, n: int) -> tuple[dict[int, int], dict[int, int]]:
    """doc → the group's score (its best alternative's), and doc → the alternative that
    explains it: the group's own atoms when they match, else the best-scoring one."""
    best: dict[int, int] = {}
    choice: dict[int, int] = {}
    own: dict[int, int] = {}  # documents the group's own words match: no synonym to explain
    for k, alt in enumerate(group):
        total: dict[int, int] | None = None
        for atom in alt:
            points = atom_points(atom, hits_of, n)
            total = points if total is None else _both(total, points)
        if not total:
            continue
        if k == 0:
            own = total
            best = dict(total)
            choice = dict.fromkeys(total, 0)
            continue
        # Documents no earlier alternative matched take this one (they cannot be the
        # group's own); the others, where it scores higher than the best so far.
        fresh = total.keys() - best.keys()
        better = [doc for doc in total.keys() & best.keys() if total[doc] > best[doc]]
        best.update(zip(fresh, map(total.__getitem__, fresh)))
        choice.update(dict.fromkeys(fresh, k))
        best.update(zip(better, map(total.__getitem__, better)))
        choice.update(dict.fromkeys([doc for doc in better if doc not in own], k))
    return best, choice


def score(plan: Plan, hits_of, n: int) -> tuple[dict[int, int], list[dict[int, int]]]:
    """doc → score for every document matching every group; per group, doc → best alternative."""
    scores: dict[int, int] | None = None
    choices = []
    for group in plan.groups:
        best, choice = group_scores(group, hits_of, n)
        choices.append(choice)
        scores = best if scores is None else _both(scores, best)
    return scores or {}, choices


def partial_score(plan: Plan, hits_of, n: int) -> tuple[dict[int, int], list[dict[int, int]]]:
    """doc → matched groups · PARTIAL_WEIGHT + their scores, for documents matching any group."""
    scores: dict[int, int] = {}
    choices = []
    for group in plan.groups:
        best, choice = group_scores(group, hits_of, n)
        choices.append(choice)
        for doc, value in best.items():
            scores[doc] = scores.get(doc, 0) + PARTIAL_WEIGHT + value
    return scores, choices


def ranked(scores: dict[int, int]) -> list[int]:
    """Highest score first, then report order: one sort of integers, a common word
    matching thousands of documents."""
    if not scores:
        return []
    span = max(scores) + 1
    keys = sorted(map(add, map(mul, scores.values(), repeat(-span)), scores.keys()))
    return list(map(mod, keys, repeat(span)))


# ---------------------------------------------------------------- 5. snippet


def highlight(text: str, atoms) -> list[list]:
    """``[[text, marked], …]``: the snippet of ``text`` with the atoms marked."""
    chars = list(text)
    marks = _marks(text, atoms)
    n = len(chars)
    start, end = 0, n
    if n > SNIPPET_CHARS:
        anchor = marks[0][0] if marks else 0
        start = min(max(0, anchor - SNIPPET_LEAD), n - SNIPPET_CHARS)
        end = start + SNIPPET_CHARS
        if start > 0:
            window = chars[start:start + SNIPPET_SOFT]
            if " " in window:
                start += window.index(" ") + 1
        if end < n:
            window = chars[end - SNIPPET_SOFT:end]
            if " " in window:
                end = end - SNIPPET_SOFT + (len(window) - 1 - window[::-1].index(" "))
    out: list[list] = []

    def put(piece, marked):
        if not piece:
            return
        if out and out[-1][1] == marked:
            out[-1][0] += piece
        else:
            out.append([piece, marked])

    if start > 0:
        put(ELLIPSIS, False)
    at = start
    for a, b in marks:
        a, b = max(a, start), min(b, end)
        if a >= b:
            continue
        put("".join(chars[at:a]), False)
        put("".join(chars[a:b]), True)
        at = b
    put("".join(chars[at:end]), False)
    if end < n:
        put(ELLIPSIS, False)
    return out


@lru_cache(maxsize=16384)
def _spans_of(text: str) -> tuple:
    """token_spans of a document's text: the same few thousand texts are highlighted
    search after search, and finding their tokens was a seventh of a live search."""
    return tuple(tk.token_spans(text) or ())


def _marks(text: str, atoms) -> list[tuple[int, int]]:
    spans = _spans_of(text)
    if not spans:
        return []
    words = {a[2:] for a in atoms if a[0] == "w"}
    unis = {a[2:] for a in atoms if a[0] == "u"}
    runs = [a[2:] for a in atoms if a[0] == "p"]
    marks = []
    chars_at: dict[int, tuple[int, int]] = {}
    bigram_at: dict[int, str] = {}
    starts: dict[str, list[int]] = {}  # bigram → its positions, in order
    for kind, tok, pos, a, b in spans:
        if kind == "word":
            if tok in words:
                marks.append((a, b))
        elif kind == "uni":
            chars_at[pos] = (a, b)
            if tok in unis:
                marks.append((a, b))
        else:
            bigram_at[pos] = tok
            starts.setdefault(tok, []).append(pos)
    for run in runs:
        # Only where the run's first bigram is can it begin.
        for pos in starts.get(run[:2], ()):
            if all(bigram_at.get(pos + k) == run[k:k + 2] for k in range(1, len(run) - 1)):
                marks.append((chars_at[pos][0], chars_at[pos + len(run) - 1][1]))
    marks.sort()
    merged: list[list[int]] = []
    for a, b in marks:
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    return [(a, b) for a, b in merged]


# ---------------------------------------------------------------- 6. did you mean


def levenshtein(a: str, b: str) -> int:
    """The edit distance (insertions, deletions, substitutions), search.js's twin.
    Computed a column at a time with bit vectors (Myers 1999, as Hyyrö 2001 writes it
    for the edit distance): the vocabulary has thousands of words to compare with, and
    one comparison is then a few integer operations per letter of ``b``."""
    if not a:
        return len(b)
    match: dict[str, int] = {}
    for i, ch in enumerate(a):
        match[ch] = match.get(ch, 0) | 1 << i
    mask = (1 << len(a)) - 1
    last = 1 << (len(a) - 1)
    plus, minus, distance = mask, 0, len(a)  # vertical deltas of the column: +1 and -1
    for ch in b:
        eq = match.get(ch, 0)
        vertical = eq | minus
        diagonal = (((eq & plus) + plus) ^ plus) | eq
        up = minus | (~(diagonal | plus) & mask)  # horizontal deltas: +1 and -1
        down = plus & diagonal
        if up & last:
            distance += 1
        elif down & last:
            distance -= 1
        up = (up << 1 | 1) & mask  # the first row grows by one each letter
        down = (down << 1) & mask
        plus = down | (~(vertical | up) & mask)
        minus = up & vertical
    return distance


def unknown_words(norm: str, hits_of) -> list[tuple[int, int, str]]:
    """(start, end, word) of the query's English words found in no document."""
    out = []
    for kind, tok, _, start, end in tk.token_spans(norm) or []:
        word = norm[start:end]
        if (kind == "word" and _ASCII_WORD.fullmatch(word) and len(word) >= SUGGEST_MIN_LETTERS
                and not hits_of("w:" + tok)):
            out.append((start, end, word))
    return out


def best_word(word: str, vocabulary: dict[str, int]) -> str | None:
    limit = 1 if len(word) <= 4 else 2
    best = None
    for candidate, df in vocabulary.items():
        if candidate == word or abs(len(candidate) - len(word)) > limit:
            continue
        distance = levenshtein(word, candidate)
        if distance <= limit:
            key = (distance, -df, candidate)
            if best is None or key < best:
                best = key
    return best[2] if best else None


def suggestion(norm: str, unknown, vocabulary_of) -> str | None:
    text, changed, last = "", False, 0
    for start, end, word in unknown:
        better = best_word(word, vocabulary_of(word[0]))
        text += norm[last:start] + (better or word)
        changed = changed or better is not None
        last = end
    return text + norm[last:] if changed else None


# ---------------------------------------------------------------- the whole search


def query_text(query) -> str:
    """The part of the query that is searched, safe to show: the first
    QUERY_MAX_CHARS code points, control characters as spaces."""
    text = "" if query is None else str(query)
    text = text[: tk.QUERY_MAX_CHARS]
    return "".join(" " if (ord(c) < 32 or 127 <= ord(c) < 160 or 0xD800 <= ord(c) <= 0xDFFF) else c
                   for c in text)


class _Hits:
    """``hits_of(atom)``, and each atom's points (step 3), computed once per atom.

    A source that keeps ``atom_cache`` (the live index: its postings never change)
    keeps them between queries: a common word's thousands of hits are read once.
    """

    def __init__(self, source):
        self.source = source
        cache = getattr(source, "atom_cache", None)
        self.hits, self.points = ({}, {}) if cache is None else cache

    def __call__(self, atom):
        found = self.hits.get(atom)
        if found is None:
            if len(self.hits) >= ATOM_CACHE:
                self.hits.clear()
                self.points.clear()
            memory = getattr(self.source, "memory", None)
            found = self.hits[atom] = atom_hits(atom, self.source.postings, memory() if memory else None)
        return found


def _hits_cache(source):
    return _Hits(source)


def matches(source, query) -> list[tuple[int, int]]:
    """Every document matching the query as typed, as (doc, score), best first (steps 1-3)."""
    plan = make_plan(query, source.synonyms)
    scores = score(plan, _hits_cache(source), source.n)[0] if plan.groups else {}
    return [(doc, scores[doc]) for doc in ranked(scores)]


def forgive(source, query, plan: Plan, hits_of, exact: bool):
    """Steps 1-3 and 8: (plan, scores, choices, mode, corrected, did-you-mean)."""
    scores, choices = score(plan, hits_of, source.n) if plan.groups else ({}, [])
    if scores or not plan.groups:
        return plan, scores, choices, "exact", None, None
    words = latin_words(query)
    if words is not None:
        syllables = source.syllables()
        pinyin = pinyin_plan(words, syllables, source.pinyin)
        if pinyin is not None:
            found, chosen = score(pinyin, hits_of, source.n)
            if found:
                return pinyin, found, chosen, "pinyin", None, None
    norm = tk.normalize(query)[: tk.QUERY_MAX_CHARS]
    unknown = unknown_words(norm, hits_of)
    suggested = suggestion(norm, unknown, source.vocabulary) if unknown else None
    if suggested and not exact:
        better = make_plan(suggested, source.synonyms, source.labels)
        found, chosen = score(better, hits_of, source.n) if better.groups else ({}, [])
        if found:
            return better, found, chosen, "corrected", suggested, None
    if len(plan.groups) > 1:
        found, chosen = partial_score(plan, hits_of, source.n)
        if found:
            return plan, found, chosen, "partial", None, None
    return plan, {}, choices, "exact", None, suggested


def why(plan: Plan, choices, hits_of, doc: int, mode: str, labels: dict, topic_words, doc_topics, topic_slugs):
    """How ``doc`` matched (step 9)."""
    words = {}
    for kind, tok, _, start, end in tk.token_spans(" ".join(plan.typed)) or []:
        if kind == "word":
            words.setdefault(tok, " ".join(plan.typed)[start:end])
    out: list[list[str]] = []

    def add(reason):
        if reason not in out:
            out.append(reason)

    for g, group in enumerate(plan.groups):
        k = choices[g].get(doc)
        if k is None:
            continue
        alt = group[k]
        if mode == "pinyin":
            add(["pinyin", plan.typed[g], label(alt, labels, words)])
            continue
        if plan.unfolded[g] != plan.typed[g]:
            add(["traditional", plan.unfolded[g], plan.typed[g]])
        if k > 0:
            add(["synonym", plan.typed[g], label(alt, labels, words)])
        context = set()
        for atom in alt:
            tfs = hits_of(atom).get(doc)
            if tfs and not tfs[0] and not tfs[1]:
                context.add(atom[2:])
        if context:
            home = next((t for t in doc_topics if context <= topic_words[t]), None)
            add(["topic", topic_slugs[home]] if home is not None else ["context"])
    return out


def topic_words(names) -> list[frozenset[str]]:
    """Per topic, the words (stemmed) of its names in both languages."""
    return _topic_words(tuple(tuple(pair) for pair in names))


@lru_cache(maxsize=16)
def _topic_words(names) -> list[frozenset[str]]:
    return [frozenset(tok for name in pair for kind, tok, _ in tk.index_tokens(name) if kind == "word")
            for pair in names]


def search(source, query, topic=None, page=1, lang="zh", report=None, exact=False) -> dict:
    """Answer one query from ``source`` (see :class:`commitments.search.index.SearchIndex`)."""
    typed_plan = make_plan(query, source.synonyms, source.labels)
    hits_of = _hits_cache(source)
    plan, scores, choices, mode, corrected, suggested = forgive(source, query, typed_plan, hits_of, bool(exact))
    order = ranked(scores)
    topics = source.topic_slugs
    counts = Counter(chain.from_iterable(map(source.doc_topics, order)))
    topic_counts = sorted(((i, c) for i, c in counts.items() if c), key=lambda ic: (-ic[1], ic[0]))
    chosen = topics.index(topic) if topic in topics else None
    reports = source.report_slugs
    per_report = Counter(map(source.doc_report, order))
    report_counts = [[reports[i], per_report[i]] for i in range(len(reports)) if per_report[i]]
    chosen_report = reports.index(report) if report in reports else None
    shown = order
    if chosen is not None:
        shown = list(compress(shown, map(contains, map(source.doc_topics, shown), repeat(chosen))))
    if chosen_report is not None:
        shown = list(compress(shown, map(eq, map(source.doc_report, shown), repeat(chosen_report))))
    pages = max(1, -(-len(shown) // PAGE_SIZE))
    page = min(max(1, page if isinstance(page, int) else 1), pages)
    atoms = plan.all_atoms()
    results = []
    names = topic_words(source.topic_names)
    for doc in shown[(page - 1) * PAGE_SIZE: page * PAGE_SIZE]:
        info = source.doc_text(doc, lang)
        results.append({
            "doc": doc,
            "id": info["id"],
            "score": scores[doc],
            "topics": [topics[t] for t in source.doc_topics(doc)],
            "title": info["title"],
            "fallback": info["fallback"],
            "snippet": highlight(info["text"], atoms),
            "why": why(plan, choices, hits_of, doc, mode, source.labels, names, source.doc_topics(doc), topics),
        })
    return {
        "query": query_text(query),
        "searched": bool(typed_plan.atoms),
        "mode": mode,
        "corrected": corrected,
        "total": len(order),
        "topic": topics[chosen] if chosen is not None else None,
        "count": len(shown),
        "topics": [[topics[i], c] for i, c in topic_counts],
        "report": reports[chosen_report] if chosen_report is not None else None,
        "reports": report_counts,
        "page": page,
        "pages": pages,
        "results": results,
        "suggestion": suggested,
    }
