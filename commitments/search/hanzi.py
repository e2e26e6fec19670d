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
from itertools import product

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
    MAX_READINGS in all."""
    from pypinyin import Style, lazy_pinyin

    context = tuple(lazy_pinyin(run, style=Style.NORMAL, errors=lambda chars: ["?"] * len(chars)))
    if len(context) != len(run) or any(not s.isascii() or not s.isalpha() for s in context):
        return ()
    each = [dict.fromkeys([c, *_heteronyms(ch)]) for c, ch in zip(context, run)]
    found = [context]
    for combo in product(*each):
        if len(found) >= MAX_READINGS:
            break
        if combo not in found and all(s.isascii() and s.isalpha() for s in combo):
            found.append(combo)
    return tuple(found)


@lru_cache(maxsize=None)
def _heteronyms(ch: str) -> tuple[str, ...]:
    """Every toneless reading of one character (asked once per character, not per bigram)."""
    from pypinyin import Style, pinyin

    return tuple(pinyin(ch, style=Style.NORMAL, heteronym=True)[0])
