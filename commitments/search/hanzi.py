"""Chinese characters as residents type them: traditional forms and toneless pinyin.

Both tables come from maintained packages, pinned in requirements.txt, and are
built when first needed, never written by hand:

* :func:`fold_table`: traditional → simplified, one character for one
  character, from OpenCC's ``t2s`` conversion (its TSCharacters data) applied to
  every character alone.  Character for character keeps the tokenizer's
  positions and offsets as they are; phrase conversions would not.  The
  tokenizer folds every text with it (documents and queries alike), so 養老
  finds exactly what 养老 finds.  The static site gets the part of the table
  whose simplified side occurs in its index (:mod:`commitments.search.export`).
* :func:`readings`: the toneless pinyin of a run of characters, from pypinyin
  (``ü`` written ``v``, as on phone keyboards: 绿 → ``lv``), the reading in
  context first, then each character's other readings.
"""
from __future__ import annotations

from functools import lru_cache
from itertools import chain, islice, product

# Unified ideographs, extensions A and B onwards; compatibility ideographs are
# already mapped to unified ones by NFKC before folding.
_FOLD_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0x20000, 0x2FFFF))
MAX_READINGS = 4


@lru_cache(maxsize=1)
def fold_table() -> dict[str, str]:
    """Traditional character → simplified character (only those that differ)."""
    import opencc

    convert = opencc.OpenCC("t2s").convert
    table = {}
    for lo, hi in _FOLD_RANGES:
        for cp in range(lo, hi + 1):
            ch = chr(cp)
            simple = convert(ch)
            if simple != ch and len(simple) == 1:
                table[ch] = simple
    # OpenCC has a few chains (薴 → 苧 → 苎); folding must be idempotent.
    for ch, simple in table.items():
        while simple in table and table[simple] != simple:
            simple = table[simple]
        table[ch] = simple
    return table


@lru_cache(maxsize=1)
def _translation() -> dict[int, int]:
    return {ord(k): ord(v) for k, v in fold_table().items()}


def fold(text: str) -> str:
    """``text`` with traditional characters replaced by simplified ones."""
    return text.translate(_translation())


@lru_cache(maxsize=65536)
def readings(run: str) -> tuple[tuple[str, ...], ...]:
    """Toneless readings of ``run``, one syllable per character: the reading in
    context first, then other combinations of each character's readings, at most
    MAX_READINGS in all (syllables of letters a-z only)."""
    context = _in_context(run)
    if len(context) != len(run) or not all(map(_is_syllable, context)):
        return ()
    # Each character's reading in context comes first among its choices, so the first
    # combination is the reading in context; the others follow in the product's order.
    return tuple(islice(product(*map(_choices, context, run)), MAX_READINGS))


def _is_syllable(reading: str) -> bool:
    return reading.isascii() and reading.isalpha()


@lru_cache(maxsize=None)
def _choices(reading: str, ch: str) -> tuple[str, ...]:
    """The readings of ``ch``, ``reading`` (its reading in context) first, once each."""
    return tuple(s for s in dict.fromkeys([reading, *_heteronyms(ch)]) if _is_syllable(s))


def _no_reading(chars: str) -> list[str]:
    return ["?"] * len(chars)


def _in_context(run: str) -> tuple[str, ...]:
    """``lazy_pinyin(run, style=Style.NORMAL, errors=_no_reading)``, step by step as
    pypinyin takes it (its Pinyin.pinyin): the run cut into words by pypinyin's own
    segmenter, then each word's readings. A word's readings depend on the word alone,
    and most words of a bigram are single characters met again and again, so they are
    asked once (``_word_readings``): a build reads tens of thousands of bigrams, and
    this was most of their cost (lazy_pinyin also makes a converter each call)."""
    words = _pinyin().seg(run)
    if len(words) == 1:
        return _word_readings(words[0])
    return tuple(chain.from_iterable(map(_word_readings, words)))


@lru_cache(maxsize=1)
def _pinyin():
    """The Pinyin object lazy_pinyin makes on each call, with its defaults (no ü, no
    neutral tone 5, no tone sandhi): none of it keeps state between calls."""
    from pypinyin.converter import UltimateConverter
    from pypinyin.core import Pinyin

    return Pinyin(UltimateConverter(v_to_u=False, neutral_tone_with_five=False, tone_sandhi=False))


@lru_cache(maxsize=65536)
def _word_readings(word: str) -> tuple[str, ...]:
    """One segmented word's reading in context, a syllable a character (or a "?" for
    one without), as pypinyin's converter gives it (a list of one reading a character)."""
    from pypinyin import Style

    converted = _pinyin()._converter.convert(word, Style.NORMAL, heteronym=False, errors=_no_reading, strict=True)
    return tuple(chain.from_iterable(converted))


@lru_cache(maxsize=None)
def _heteronyms(ch: str) -> tuple[str, ...]:
    """Every toneless reading of one character (asked once per character, not per bigram)."""
    from pypinyin import Style, pinyin

    return tuple(pinyin(ch, style=Style.NORMAL, heteronym=True)[0])
