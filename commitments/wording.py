"""How alike two Chinese texts are in their rare words: the character bigrams both
have, each weighted by how few of a set of texts have it (idf), compared by cosine.

Shared by the stages that match sentences of two reports: a plan with the next year's
review (outcomes.py) and a plan with the next year's plan (continuity.py).
"""
from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable

from .parse.markers import HAN_RE

# Common words of plans and reviews, which say nothing about what a sentence is about.
COMMON = set("推进 加快 加强 实施 完善 深化 提升 提高 推动 促进 建设 发展 全面 坚持 持续 积极 大力 做好 抓好 "
             "落实 开展 着力 强化 优化 健全 构建 打造 扎实 稳步 有序 不断 继续 确保 力争 全年 工作 重点 新增 完成 实现 "
             "我们 今年 新的 一年 经济 社会 服务 体系 机制 水平 能力 质量 全市 全区 全县 全省".split())


def bigrams(text: str) -> Counter:
    """The text's Chinese character bigrams, the common words of reports left out."""
    han = "".join(HAN_RE.findall(text))
    return Counter(b for b in (han[i:i + 2] for i in range(len(han) - 1)) if b not in COMMON)


def idf(texts: Iterable[Counter]) -> dict[str, float]:
    """How rare each bigram is among the texts: log((n + 1) / (df + 0.5))."""
    texts = list(texts)
    df = Counter(b for words in texts for b in words)
    return {b: math.log((len(texts) + 1) / (d + 0.5)) for b, d in df.items()}


def weighted(words: Counter, idf: dict[str, float]) -> dict[str, float]:
    return {b: count * idf.get(b, 0.0) for b, count in words.items()}


def length(a: dict[str, float]) -> float:
    """The length of a weighted text as a vector (see `cosine`)."""
    return math.sqrt(sum(w * w for w in a.values()))


def cosine(a: dict[str, float], b: dict[str, float], lengths: tuple[float, float] | None = None) -> float:
    """Of two weighted texts (see `weighted`); ``lengths``: theirs, when one text is
    compared with many and they were worked out once."""
    # Only the words both have, in a's order: the others would add 0.0, which changes no
    # sum of weights (none is negative), so the result is the same to the bit.
    dot = sum(w * b[k] for k, w in a.items() if k in b)
    norm = lengths[0] * lengths[1] if lengths else length(a) * length(b)
    return dot / norm if norm else 0.0
