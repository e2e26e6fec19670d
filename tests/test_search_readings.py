"""The pinyin of the bigrams (search/hanzi.py ``readings``) is pypinyin's, read as its
``lazy_pinyin`` and ``pinyin(heteronym=True)`` give it, on the bundled report's bigrams,
pypinyin's own words and characters of every range the tokenizer calls Han: the export
reads tens of thousands of bigrams and takes pypinyin's steps itself, once a word."""
from itertools import product
import random

from pypinyin import Style, lazy_pinyin, pinyin
from pypinyin.constants import PHRASES_DICT

from commitments.search import hanzi, tokenize as tk
from commitments.search.index import documents, is_bigram


def reference(run):
    """hanzi.readings as it was written first: pypinyin's calls, one per run and character."""
    context = tuple(lazy_pinyin(run, style=Style.NORMAL, errors=lambda chars: ["?"] * len(chars)))
    if len(context) != len(run) or any(not s.isascii() or not s.isalpha() for s in context):
        return ()
    each = [dict.fromkeys([c, *pinyin(ch, style=Style.NORMAL, heteronym=True)[0]]) for c, ch in zip(context, run)]
    found = [context]
    for combo in product(*each):
        if len(found) >= hanzi.MAX_READINGS:
            break
        if combo not in found and all(s.isascii() and s.isalpha() for s in combo):
            found.append(combo)
    return tuple(found)


def test_readings_are_pypinyins(library):
    bigrams = {term for doc in documents(library) for term in tk.term_positions(doc.zh) if is_bigram(term)}
    rng = random.Random(16)
    words = sorted(PHRASES_DICT)
    runs = sorted(bigrams) + rng.sample([w for w in words if len(w) == 2], 1500) \
        + rng.sample([w[:2] for w in words if len(w) > 2], 500) + rng.sample([w for w in words if len(w) > 2], 200)
    for lo, hi in tk.HAN_RANGES:  # radicals, 々〆〇, extensions: some without a reading
        runs += [chr(rng.randint(lo, hi)) + chr(rng.randint(lo, hi)) for _ in range(60)]
    assert len(bigrams) > 1000
    for run in runs:
        assert hanzi.readings(run) == reference(run), run
