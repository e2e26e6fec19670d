"""How a target reads to a person: 2.1万人 → "21,000 people" in English.

Computed from the extracted target, never typed per sentence, so every target in
every report reads the same way.
"""
from __future__ import annotations

from functools import lru_cache

from babel.numbers import format_decimal

from .model import Target

COMPARATOR_EN = {"=": "", ">": "more than ", ">=": "at least ", "<": "less than ",
                 "<=": "no more than ", "~": "about "}
CHANGE_EN = {"increase": "up ", "decrease": "down "}
# Units with an English name; classifiers (个, 所, 家, 条 …) count things and need none.
UNIT_EN = {
    "%": "%", "个百分点": " percentage points", "人": " people", "人次": " visits",
    "户": " households", "亩": " mu", "公顷": " ha", "平方米": " m²", "平方公里": " km²",
    "立方米": " m³", "微克/立方米": " µg/m³", "公里": " km", "千米": " km", "米": " m",
    "吨": " tonnes", "元": " yuan", "头": " head", "千瓦": " kW", "兆瓦": " MW",
    "千瓦时": " kWh", "倍": " times", "公斤": " kg", "名": " people", "床": " beds",
    "张床位": " beds", "斤": " jin",
}
MU_IN_HECTARES = 1 / 15
JIN_IN_TONNES = 1 / 2000


def number(amount: float, lang: str) -> str:
    if amount == 0:  # 0 and -0.0 are one key to a cache, but Babel may write them apart
        return format_decimal(amount, locale=lang, decimal_quantization=False)
    return _formatted(amount, lang)


@lru_cache(maxsize=16384, typed=True)  # typed: 2 and 2.0 are kept apart, as Babel may write them apart
def _formatted(amount: float, lang: str) -> str:
    # Babel's formatting is most of a table of targets; the same amounts recur on many pages.
    return format_decimal(amount, locale=lang, decimal_quantization=False)


def english(target: Target) -> str:
    """2.1万人 → '21,000 people'; 超81% → 'more than 81%'; 提高16个百分点 → 'up 16 percentage points'."""
    amount = number(target.amount, "en")
    unit = UNIT_EN.get(target.unit, "")
    phrase = f"{amount}{unit}"
    if target.unit == "个百分点" and target.amount == 1:
        phrase = "1 percentage point"
    if target.unit == "亩":
        phrase += f" (about {number(round(target.amount * MU_IN_HECTARES), 'en')} ha)"
    if target.unit == "斤":
        phrase += f" (about {number(round(target.amount * JIN_IN_TONNES), 'en')} tonnes)"
    return CHANGE_EN.get(target.change or "", "") + COMPARATOR_EN[target.comparator] + phrase


def chinese(target: Target) -> str:
    """The words of the report: 2.1万人, 超81%, 控制在2%以内."""
    return target.text


def describe(target: Target, lang: str) -> str:
    return english(target) if lang == "en" else chinese(target)


COMPARATOR_WORDS = {
    "en": {"=": "", ">": "more than", ">=": "at least", "<": "less than", "<=": "no more than", "~": "about"},
    "zh": {"=": "", ">": "超过", ">=": "不低于", "<": "低于", "<=": "不超过", "~": "约"},
}
CHANGE_WORDS = {"en": {"increase": "up", "decrease": "down"}, "zh": {"increase": "提高", "decrease": "降低"}}


def comparator_word(target: Target, lang: str) -> str:
    words = [CHANGE_WORDS[lang].get(target.change or "", ""), COMPARATOR_WORDS[lang][target.comparator]]
    return " ".join(w for w in words if w) if lang == "en" else "".join(words)


def reading(target: Target, lang: str) -> str:
    """The target as its own words, not the sentence's: 'more than 81%'; 超过81%, 20所.
    Chinese joins comparator, number and unit without spaces, as Chinese is written."""
    if lang == "en":
        return english(target)
    return f"{comparator_word(target, 'zh')}{number(target.amount, 'zh')}{target.unit}"


def unit_word(target: Target, lang: str) -> str:
    if lang == "zh":
        return target.unit
    return UNIT_EN.get(target.unit, "").strip()
