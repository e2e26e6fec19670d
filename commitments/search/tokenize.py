"""The one tokenizer used everywhere in search.

This module is the reference implementation.  ``static/js/tokenize.js``
implements the same specification for the browser, and both are checked
against ``tests/data/tokenizer_vectors.json``.  Change the spec here, in the
JS file and in the vectors together, or search results will diverge.

Specification
=============

1. Normalise
   ``normalize(t) = NFKC(casefold(NFKC(t)))``: Unicode NFKC, full case
   folding (Python ``str.casefold``), then NFKC again so that the result is
   composed (the case folding of e.g. Greek letters with iota subscript
   yields decomposed sequences).  Full-width ``ＡＢＣ１２`` becomes ``abc12``,
   ``Ⅲ`` becomes ``iii``, ``ß`` becomes ``ss``, ``㎡`` becomes ``m2``.
   Then traditional characters are folded to simplified ones, character for
   character, with OpenCC's table (:func:`commitments.search.hanzi.fold_table`):
   ``養老`` becomes ``养老``.  The browser gets the part of the table its index
   needs and installs it with ``setFold``.

2. Classify every code point of the normalised text (explicit code-point
   ranges, identical in both implementations, no ``\\p{..}``):

   * **Han**: U+2E80-2FDF (radicals), U+3005-3007 (々〆〇), U+3021-3029,
     U+3038-303B, U+3400-4DBF (Ext A), U+4E00-9FFF, U+F900-FAFF
     (compatibility ideographs), U+20000-3FFFF (Ext B and later, planes 2-3).
   * **word characters**: ASCII digits ``0-9`` and letters ``a-z``; Latin
     letters U+00C0-024F (except × ÷); Greek U+0370-03FF (except U+0375,
     U+03F6) ; Cyrillic U+0400-052F (except U+0482-0489); Latin/Greek
     Extended U+1E00-1FFF.  Other scripts are *not* indexed.
   * **ignorable** (deleted before tokenizing, they join rather than split):
     soft hyphen U+00AD, combining marks U+0300-036F, U+0483-0489,
     U+1AB0-1AFF, U+1DC0-1DFF, U+20D0-20FF, U+FE20-FE2F, zero-width and
     bidi controls U+200B-200F, U+202A-202E, U+2060-206F, U+FEFF, variation
     selectors U+FE00-FE0F and plane 14 (U+E0000-E0FFF).
   * everything else is a **separator**: spaces, ASCII and full-width
     punctuation (，。、“”"" etc.), control characters, symbols, emoji, and
     all other scripts, including Japanese kana and Hangul.

3. Tokens, left to right:

   * a maximal run of Han characters is a **Han run**;
   * a **word** is a maximal run of word characters, which also keeps
     numbers together: a ``.`` between two ASCII digits stays inside the
     word (``2.1``, ``pm2.5``, ``1.2.3``), so does a ``,`` after a digit and
     before exactly three digits (``21,000``), and a ``%`` directly after an
     ASCII digit ends the word and is part of it (``5%``).  Any other
     ``.``/``,``/``%`` and every ``/`` is a separator (``微克/立方米`` → two runs).
   * A word that is a **number** (``NUMBER_RE``: digits, thousands commas, a
     decimal part, a final ``%``) is written in one way: commas dropped, leading
     zeros of the whole part and trailing zeros of the decimal part dropped
     (``21,000`` → ``21000``, ``2.50`` → ``2.5``).  A number without ``%``
     followed (after spaces, if any) by a Han run that starts with ``万亿``,
     ``亿``, ``万`` or ``千`` takes that multiplier (``2.1万`` and ``2.1 万`` →
     ``21000``), its span ending after the multiplier; the Han run itself is
     tokenized as usual in documents, while a query drops the multiplier from
     it (so ``2.1万`` is the one clause ``21000``).
     Letters and digits do not split (``pm2.5``, ``g20``, ``5g``), but word
     characters and Han characters do (``PM2.5均值`` → ``pm2.5`` + ``均值``,
     ``2.1万人`` → ``2.1`` + ``万人``).
   * A word made only of ASCII letters ``a-z`` is stemmed with Porter2
     (Snowball English, exactly as ``whoosh.lang.porter2.stem``, words of
     one or two letters are unchanged).  Words containing digits, ``.``,
     ``%`` or non-ASCII letters are kept as they are.
   * No stop words here: ``and``, ``or``, ``not``, ``the`` are words like any
     other (the search core ignores stop words on its own, see
     :mod:`commitments.search.engine`).  There is no query syntax at all.

4. Index tokens (``index_tokens``) are ``(kind, text, position)`` triples in
   textual order.  One running position counter: each Han character and
   each word advances it by one.  For a Han run starting at position ``p``,
   the character at offset ``i`` yields ``("uni", char, p+i)`` and, if it is
   not the last of its run, ``("bi", char+next_char, p+i)``.  A word yields
   ``("word", stem, p)``.  The three kinds never share a text (one Han
   character / two Han characters / no Han character), so they can live in
   one index field without prefixes.  Bigrams never cross a run, so a phrase
   of consecutive bigrams matches exactly where its characters are a
   substring of one Han run.

5. Query clauses (``query_clauses``): the query is normalised, truncated to
   its first 200 code points (``QUERY_MAX_CHARS``), tokenized as above and
   turned into clauses in textual order, keeping only the first of identical
   clauses:

   * a Han run right after a number loses the number's multiplier (step 3);
   * Han run of one character → ``{"type": "uni", "text": c}``;
   * Han run of n ≥ 2 characters → ``{"type": "phrase", "text": run,
     "bigrams": [the n-1 overlapping bigrams]}``, to be matched as bigrams at
     consecutive positions (i.e. the run is a substring of the document);
   * word → ``{"type": "word", "text": stem}``.

   A Han clause whose characters were folded (step 1) also has ``"typed"``,
   the run as typed (normalised but not folded), so the search can say
   ``养老 ← 養老``.

   A document matches a query when it matches every clause.  Hostile input
   never raises; output is bounded by the 200 code-point limit.

6. Token spans (``token_spans``), for highlighting: the index tokens as
   ``(kind, text, position, start, end)``, where ``start``/``end`` are
   code-point offsets into the *original* text (a Han token covers its one or
   two characters; a word covers its characters, ignorables inside it
   included).  Offsets exist only when the text maps character by character:
   normalising each code point alone and joining the results gives
   ``normalize(text)``.  Otherwise the result is ``None`` (null), never
   offsets that point at the wrong characters.

Compatibility note: both sides rely on the platform's Unicode data for NFKC
and case mapping; results are identical for code points assigned in
Unicode 14.0 (Python 3.11), which the tests check exhaustively.
"""

import re
import unicodedata
from functools import lru_cache

from whoosh.analysis import Token, Tokenizer
from whoosh.lang.porter2 import stem as _porter2

from .hanzi import fold as _fold

__all__ = [
    "QUERY_MAX_CHARS",
    "normalize",
    "normalize_unfolded",
    "index_tokens",
    "term_positions",
    "han_runs",
    "query_clauses",
    "stem",
    "token_spans",
    "analyzer",
    "CommitmentTokenizer",
    "to_whoosh_query",
]

QUERY_MAX_CHARS = 200

# (lo, hi) inclusive code-point ranges; keep identical to tokenize.js.
HAN_RANGES = (
    (0x2E80, 0x2FDF), (0x3005, 0x3007), (0x3021, 0x3029), (0x3038, 0x303B),
    (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x3FFFF),
)
WORD_RANGES = (
    (0x30, 0x39), (0x61, 0x7A), (0xC0, 0xD6), (0xD8, 0xF6), (0xF8, 0x24F),
    (0x370, 0x374), (0x376, 0x3F5), (0x3F7, 0x481), (0x48A, 0x52F),
    (0x1E00, 0x1FFF),
)
IGNORABLE_RANGES = (
    (0xAD, 0xAD), (0x300, 0x36F), (0x483, 0x489), (0x1AB0, 0x1AFF),
    (0x1DC0, 0x1DFF), (0x200B, 0x200F), (0x202A, 0x202E), (0x2060, 0x206F),
    (0x20D0, 0x20FF), (0xFE00, 0xFE0F), (0xFE20, 0xFE2F), (0xFEFF, 0xFEFF),
    (0xE0000, 0xE0FFF),
)


def _char_class(ranges):
    return "".join("\\U%08x-\\U%08x" % r for r in ranges)


_HAN = _char_class(HAN_RANGES)
_WORD = _char_class(WORD_RANGES)
_IGNORABLE_RE = re.compile("[%s]+" % _char_class(IGNORABLE_RANGES))
# A Han run, or a word: word characters, "." between digits, final "%" after
# a digit.  Lookbehinds keep this linear.
_TOKEN_RE = re.compile(
    "(?P<han>[{h}]+)|(?P<word>[{w}](?:[{w}]|(?<=[0-9])\\.(?=[0-9])|(?<=[0-9]),(?=[0-9]{{3}}(?![0-9])))*"
    "(?:(?<=[0-9])%)?)".format(h=_HAN, w=_WORD)
)
_ASCII_WORD_RE = re.compile("[a-z]+")
# The Han runs of _TOKEN_RE's matches: word characters are never Han.
_HAN_RUN_RE = re.compile("[%s]+" % _HAN)
NUMBER_RE = re.compile("(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\\.[0-9]+)?%?")
# Longest first.
MULTIPLIERS = (("万亿", 12), ("亿", 8), ("万", 4), ("千", 3))


def normalize_unfolded(text):
    """NFKC, full case folding, NFKC again (spec step 1 without the folding)."""
    if text is None:
        return ""
    text = str(text)
    if text.isascii():
        return text.lower()
    nfkc = unicodedata.normalize
    return nfkc("NFKC", nfkc("NFKC", text).casefold())


def normalize(text):
    """Spec step 1: :func:`normalize_unfolded`, then traditional → simplified."""
    norm = normalize_unfolded(text)
    return norm if norm.isascii() else _fold(norm)


def number_text(word, shift=0):
    """A number written the one way (spec step 3), times ten to the ``shift``."""
    percent = "%" if word.endswith("%") else ""
    whole, _, decimals = word.rstrip("%").replace(",", "").partition(".")
    if shift:
        decimals += "0" * max(0, shift - len(decimals))
        whole, decimals = whole + decimals[:shift], decimals[shift:]
    whole = whole.lstrip("0") or "0"
    decimals = decimals.rstrip("0")
    return whole + ("." + decimals if decimals else "") + percent


@lru_cache(maxsize=65536)
def _stem_normalized(word):
    if _ASCII_WORD_RE.fullmatch(word):
        return _porter2(word)
    return word


@lru_cache(maxsize=65536)
def _word_token(word):
    """A word's token, or None if it is a number (written the one way in context)."""
    return None if NUMBER_RE.fullmatch(word) else _stem_normalized(word)


def stem(word):
    """Normalise ``word`` and stem it if it consists of ASCII letters only."""
    return _stem_normalized(normalize(word))


def _segments(norm):
    """Yield ``(is_han, text, start, end)`` over ``norm`` with ignorables removed.

    ``start``/``end`` index the ignorable-free string; see ``_strip``.
    """
    for m in _TOKEN_RE.finditer(norm):
        han = m.group("han")
        if han is not None:
            yield True, han, m.start(), m.end()
        else:
            yield False, m.group("word"), m.start(), m.end()


def _units(stripped):
    """Segments with numbers written the one way: ``(is_han, text, start, end,
    lead)``; a word's text is its token (stemmed, or the number), a Han run's
    ``lead`` is the length of the multiplier a number before it took."""
    # what _segments yields, as one list: a long English text has hundreds of words
    segs = [(m.lastgroup == "han", m.group(), m.start(), m.end()) for m in _TOKEN_RE.finditer(stripped)]
    lead = 0
    for k, (is_han, seg, start, end) in enumerate(segs):
        if is_han:
            yield True, seg, start, end, lead
            lead = 0
            continue
        token = _word_token(seg)
        if token is not None:
            yield False, token, start, end, 0
            continue
        shift = 0
        if not seg.endswith("%") and k + 1 < len(segs) and segs[k + 1][0]:
            _, run, run_start, _ = segs[k + 1]
            if not stripped[end:run_start].strip(" "):
                for mult, power in MULTIPLIERS:
                    if run.startswith(mult):
                        shift, lead, end = power, len(mult), run_start + len(mult)
                        break
        yield False, number_text(seg, shift), start, end, 0


def _strip(norm):
    """Remove ignorables; return (stripped, index map or None for identity)."""
    if not _IGNORABLE_RE.search(norm):
        return norm, None
    keep = [i for i, ch in enumerate(norm) if not _IGNORABLE_RE.match(ch)]
    return "".join(norm[i] for i in keep), keep


def _tokens(text):
    """Yield ``(kind, token, position, start, end)``; offsets in the stripped text."""
    stripped, _ = _strip(normalize(text))
    yield from _tokens_of_stripped(stripped)


def _tokens_of_stripped(stripped):
    pos = 0
    for is_han, seg, start, end, _ in _units(stripped):
        if is_han:
            last = len(seg) - 1
            for i, ch in enumerate(seg):
                yield "uni", ch, pos + i, start + i, start + i + 1
                if i < last:
                    yield "bi", seg[i:i + 2], pos + i, start + i, start + i + 2
            pos += len(seg)
        else:
            yield "word", seg, pos, start, end
            pos += 1


def index_tokens(text):
    """Index tokens of ``text`` as ``(kind, token, position)`` (spec step 4)."""
    return [(kind, tok, pos) for kind, tok, pos, _, _ in _tokens(text)]


def term_positions(text):
    """The index tokens of ``text`` by term: token → its positions, ascending (what an
    index with positions stores of a text; spec step 4). Made straight from the Han
    runs and words, without a tuple a token: the static export analyses every
    document of the site."""
    stripped, _ = _strip(normalize(text))
    found = {}
    get = found.get
    pos = 0
    for is_han, seg, _, _, _ in _units(stripped):
        if is_han:
            # a character at each position of the run, a bigram at each but the last
            for tokens in (seg, map(str.__add__, seg, seg[1:])):
                for p, tok in enumerate(tokens, pos):
                    positions = get(tok)
                    if positions is None:
                        found[tok] = [p]
                    else:
                        positions.append(p)
            pos += len(seg)
        else:
            positions = get(seg)
            if positions is None:
                found[seg] = [pos]
            else:
                positions.append(pos)
            pos += 1
    return found


def han_runs(text):
    """The Han runs of ``text`` whose characters and bigrams ``index_tokens`` gives, in
    order: a run of Chinese characters matches at consecutive positions exactly where
    it is a substring of one of them (spec step 4)."""
    return _HAN_RUN_RE.findall(_strip(normalize(text))[0])


def query_clauses(query):
    """Analyse a search query into JSON-serialisable clauses (spec step 5)."""
    unfolded = normalize_unfolded("" if query is None else query)[:QUERY_MAX_CHARS]
    stripped, _ = _strip(unfolded if unfolded.isascii() else _fold(unfolded))
    typed, _ = _strip(unfolded)
    clauses = []
    seen = set()
    for is_han, seg, start, end, lead in _units(stripped):
        if is_han:
            seg, start = seg[lead:], start + lead
            if not seg:
                continue
            if len(seg) == 1:
                clause = {"type": "uni", "text": seg}
            else:
                clause = {
                    "type": "phrase",
                    "text": seg,
                    "bigrams": [seg[i:i + 2] for i in range(len(seg) - 1)],
                }
            if typed[start:end] != seg:
                clause["typed"] = typed[start:end]
        else:
            clause = {"type": "word", "text": seg}
        key = (clause["type"], clause["text"])
        if key not in seen:
            seen.add(key)
            clauses.append(clause)
    return clauses


# --------------------------------------------------------------------------
# Whoosh integration


@lru_cache(maxsize=4096)
def _normalize_char(ch):
    return normalize(ch)


def _offset_map(text, norm):
    """Map each index of ``norm`` (plus its end) to an index of ``text``.

    Exact when normalising character by character gives the same string as
    normalising the whole text (almost always); otherwise None, and offsets
    refer to the normalised text.
    """
    if text.isascii():  # lowercased, one character for one (most English text)
        return range(len(text) + 1)
    pieces = list(map(_normalize_char, text))
    if "".join(pieces) != norm:
        return None
    if len(norm) == len(text) and "" not in pieces:  # one character for one
        return range(len(text) + 1)
    origin = [i for i, piece in enumerate(pieces) for _ in piece]
    origin.append(len(text))
    return origin


def token_spans(text):
    """Index tokens with their place in ``text`` (spec step 6), or None."""
    text = "" if text is None else str(text)
    norm = normalize(text)
    origin = _offset_map(text, norm)
    if origin is None:
        return None
    stripped, keep = _strip(norm)
    if keep is None and isinstance(origin, range):  # offsets are the tokens' own
        return list(_tokens_of_stripped(stripped))
    spans = []
    for kind, tok, pos, start, end in _tokens_of_stripped(stripped):
        if keep is not None:
            start, end = keep[start], keep[end - 1] + 1
        spans.append((kind, tok, pos, origin[start], origin[end - 1] + 1))
    return spans


class CommitmentTokenizer(Tokenizer):
    """Whoosh tokenizer producing exactly :func:`index_tokens`.

    Token text is the char (uni), the two chars (bi) or the stem (word);
    positions are those of :func:`index_tokens`, so
    ``whoosh.query.Phrase(field, clause["bigrams"])`` matches substrings.
    With ``chars=True`` start/end offsets refer to the original text when it
    can be mapped character by character, else to the normalised text.
    """

    def __call__(self, value, positions=False, chars=False, keeporiginal=False,
                 removestops=True, start_pos=0, start_char=0, tokenize=True,
                 mode="", **kwargs):
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if not tokenize:
            t.original = t.text = normalize(value)
            t.boost = 1.0
            if positions:
                t.pos = start_pos
            if chars:
                t.startchar = start_char
                t.endchar = start_char + len(value)
            yield t
            return

        norm = normalize(value)
        stripped, keep = _strip(norm)
        origin = _offset_map(value, norm) if chars else None
        for kind, tok, pos, start, end in _tokens_of_stripped(stripped):
            t.text = tok
            t.boost = 1.0
            t.stopped = False
            if keeporiginal:
                t.original = tok
            if positions:
                t.pos = start_pos + pos
            if chars:
                if keep is not None:
                    start, end = keep[start], keep[end - 1] + 1
                if origin is not None:
                    start, end = origin[start], origin[end - 1] + 1
                t.startchar = start_char + start
                t.endchar = start_char + end
            yield t


def analyzer():
    """The Whoosh analyzer for search fields: ``TEXT(analyzer=analyzer(), phrase=True)``."""
    return CommitmentTokenizer()


def to_whoosh_query(fieldname, clauses):
    """AND of the clauses: Term for uni/word/one-bigram phrase, else Phrase."""
    from whoosh import query as wq

    parts = []
    for c in clauses:
        if c["type"] == "phrase":
            bigrams = c["bigrams"]
            if len(bigrams) == 1:
                parts.append(wq.Term(fieldname, bigrams[0]))
            else:
                parts.append(wq.Phrase(fieldname, list(bigrams)))
        else:
            parts.append(wq.Term(fieldname, c["text"]))
    if not parts:
        return wq.NullQuery
    if len(parts) == 1:
        return parts[0]
    return wq.And(parts)
