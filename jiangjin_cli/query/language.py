"""A query's text put in the form the index holds: simplified characters, numbers in digits.

Each step loads its library only when the text needs it (``get`` and the other commands
never come here): OpenCC's traditional -> simplified tables when a query has Chinese
characters; nothing but :mod:`jiangjin_cli.numbers` for numbers written in words
(十二万 -> 120000, 百分之八十 -> 80%, one hundred and sixteen -> 116). Chinese words
and their parts of speech (:func:`tagged_words`, jieba's dictionary through rjieba)
only for a question the search would otherwise refuse.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from functools import lru_cache
from typing import Protocol

from jiangjin_cli.numbers import quantities_in
from jiangjin_cli.text import lazy_pattern
from jiangjin_cli.tokens import MEASURE_WORDS, has_cjk, is_cjk, is_stop_word

__all__ = [
    "prepare",
    "spell_out_clitics",
    "tagged_words",
    "to_simplified",
    "written_numbers_to_digits",
]

_SURROGATES = lazy_pattern("([\ud800-\udfff]+)")


class _Converter(Protocol):
    def convert(self, text: str) -> str: ...


@lru_cache(maxsize=1)
def _opencc() -> _Converter:
    import opencc  # about 0.1 s with its tables: only a Chinese query pays it

    converter: _Converter = opencc.OpenCC("t2s")
    return converter


def to_simplified(text: str, known: Callable[[str], bool] | None = None) -> str:
    """``text`` in simplified characters (phrase-level, so 乾隆 stays 乾隆).

    With ``known`` (whether a base writes a character), text whose every Chinese
    character is known is left as it is, without loading OpenCC's tables.
    """
    if not has_cjk(text):
        return text
    if known is not None and all(known(ch) for ch in text if is_cjk(ch)):
        return text
    # OpenCC takes UTF-8: text holding lone surrogates (bytes a C locale could not
    # decode) is converted between them, and they stay as they are.
    return "".join(
        _opencc().convert(piece) if has_cjk(piece) else piece for piece in _SURROGATES().split(text)
    )


# A Chinese numeral worth reading: a digit or 十 with a place (十, 百, 千, 万, 亿), a
# decimal (十二点六亿), a year digit by digit (二〇二一年), or any digit but 一 before a
# measure word (九所, 三届). A lone 一 is too often
# part of a word (一共, 统一, 一体化) to be read as 1.
_NUMERAL = "零〇一二两三四五六七八九十百千万亿"
_MEASURE = "".join(sorted(MEASURE_WORDS)) + "年级"
_DIGIT = "零〇一二两三四五六七八九"
_ZH_SPAN = lazy_pattern(
    rf"(?P<pct>百分之)?"
    rf"(?:(?P<num>[{_NUMERAL}]+)点(?P<decimals>[{_DIGIT}]+)(?P<scale>[万亿]?)"
    rf"|(?P<year>[{_DIGIT}]{{2,}})(?=年)"
    rf"|(?P<whole>[{_NUMERAL}]*[十百千万亿][{_NUMERAL}]*|[二两三四五六七八九](?=[{_MEASURE}])))"
)
_NUMERALS = frozenset(_NUMERAL)
_DIGIT_VALUE = {
    ch: str(v)
    for ch, v in zip("零〇一二两三四五六七八九", (0, 0, 1, 2, 2, 3, 4, 5, 6, 7, 8, 9), strict=True)
}
_EN_NUMBER_WORDS = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
    "eighteen", "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy",
    "eighty", "ninety",
)  # fmt: skip
_EN_VALUES = {w: (i if i < 20 else 10 * (i - 18)) for i, w in enumerate(_EN_NUMBER_WORDS)}
_EN_SCALE = {"hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9}
_EN_RUN = lazy_pattern(
    r"\b(?:(?:" + "|".join([*_EN_VALUES, *_EN_SCALE]) + r")(?:[\s-]+(?:and[\s-]+)?|\b))+",
    re.IGNORECASE,
)


# A formula of the genre's model names said in words: one-plus-X, three plus two (the
# “1+X” certificate, the “3+2” programme): its parts are numbers or single letters.
_PLUS_PART = r"(?:[0-9]+|[a-z]|" + "|".join(_EN_NUMBER_WORDS) + r")"
_PLUS_RUN = lazy_pattern(
    rf"\b{_PLUS_PART}(?:(?:\s*-\s*|\s+)plus(?:\s*-\s*|\s+){_PLUS_PART})+\b", re.IGNORECASE
)


def _plus_formula(match: re.Match[str]) -> str:
    parts = re.split(r"(?:\s*-\s*|\s+)plus(?:\s*-\s*|\s+)", match.group(), flags=re.IGNORECASE)
    if all(len(part) == 1 and part.isalpha() for part in parts):
        return match.group()  # a plus b: no number, no formula
    return "+".join(str(_EN_VALUES.get(part.lower(), part)) for part in parts)


def _digits(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(value)


def _zh_value(text: str) -> float | None:
    found = quantities_in(text)
    if len(found) != 1 or found[0].end - found[0].start != len(text):
        return None
    return found[0].value


def _zh_number(match: re.Match[str]) -> str:
    from decimal import Decimal  # only a number written in Chinese loads it

    if match["year"]:  # 二〇二一年: digit by digit
        return "".join(_DIGIT_VALUE[ch] for ch in match["year"])
    if match["num"]:  # 十二点六亿: a whole part, decimals digit by digit, a scale
        whole = _zh_value(match["num"])
        if whole is None:
            return match.group()
        fraction = "".join(_DIGIT_VALUE[ch] for ch in match["decimals"])
        value = Decimal(f"{_digits(whole)}.{fraction}")
        value *= {"万": 10**4, "亿": 10**8}.get(match["scale"], 1)
        number = _digits(float(value))
    else:
        found = _zh_value(match["whole"])
        if found is None or not re.search(f"[{_DIGIT}十]", match["whole"]):
            # A place word alone (百分点, 千万, 万元) is no number.
            return match.group()
        number = _digits(found)
    return f"{number}%" if match["pct"] else number


def _en_number(match: re.Match[str]) -> str:
    words = [w for w in re.split(r"[\s-]+", match.group().lower()) if w and w != "and"]
    if len(words) < 2 and not (words and words[0] in _EN_VALUES and _EN_VALUES[words[0]] > 9):
        return match.group()  # "one", "two": too often not an amount ("one of", "two-way")
    total = group = 0
    for word in words:
        if word in _EN_VALUES:
            group += _EN_VALUES[word]
        elif word == "hundred":
            group = (group or 1) * 100
        else:
            total += (group or 1) * _EN_SCALE[word]
            group = 0
    trail = " " if match.group()[-1:].isspace() else ""
    return f"{total + group}{trail}"


def written_numbers_to_digits(text: str) -> str:
    """Numbers written in Chinese or English words, in digits; other text unchanged."""
    # Every span holds a numeral: a text without one is left as it is, uncompiled.
    if has_cjk(text) and not _NUMERALS.isdisjoint(text):
        text = _ZH_SPAN().sub(_zh_number, text)
    if text.isascii() or re.search(r"[a-z]", text, re.IGNORECASE):
        if "plus" in text.lower():
            text = _PLUS_RUN().sub(_plus_formula, text)
        text = _EN_RUN().sub(_en_number, text)
    return text


# English clitics, spelt out so that they are the stop words they stand for ("they're"
# would otherwise fold to one word, "theyre", that no base holds).
_CLITICS = {"re": "are", "ve": "have", "ll": "will", "d": "would", "m": "am"}
_CLITIC_RE = lazy_pattern(r"(?i)\b([a-z]+)['’](re|ve|ll|d|m)\b")
_NOT_RE = lazy_pattern(r"(?i)\b([a-z]+)n['’]t\b")


def spell_out_clitics(text: str) -> str:
    """English contractions written out: they're -> they are, didn't -> did not."""
    if "'" not in text and "’" not in text:
        return text
    text = _NOT_RE().sub(r"\1 not", text)
    return _CLITIC_RE().sub(lambda m: f"{m[1]} {_CLITICS[m[2].lower()]}", text)


def prepare(text: str, known: Callable[[str], bool] | None = None) -> str:
    """A query text as the index would hold it: simplified, numbers in digits, English
    contractions spelt out."""
    # OpenCC turns 甚麼 (Hong Kong and Taiwan) into 甚么, a variant of 什么 with no other sense.
    simplified = to_simplified(text, known).replace("甚么", "什么")
    return spell_out_clitics(written_numbers_to_digits(simplified))


@lru_cache(maxsize=1)
def _tagger() -> Callable[[str], list[tuple[str, str]]]:
    # rjieba (jieba's dictionary and tag set, in Rust): 4.6 MB installed, about 0.3 s to
    # import with its dictionary, so only a question that would otherwise be refused pays.
    module = importlib.import_module("rjieba")
    tag: Callable[[str], list[tuple[str, str]]] = module.tag
    return tag


def is_dictionary_word(word: str) -> bool:
    """Whether jieba's dictionary holds ``word`` (only a caller that needs it loads it)."""
    return bool(importlib.import_module("rjieba").has_word(word))


def dictionary_pieces(word: str) -> list[tuple[str, str]] | None:
    """The words of jieba's dictionary that ``word`` is made of, with their parts of
    speech, when jieba's guesser (its HMM) joined them into a word its dictionary lacks
    (能领 is 能 + 领, 能装下 能 + 装 + 下); None for a word of the dictionary."""
    if is_dictionary_word(word):
        return None
    pieces: list[str] = importlib.import_module("rjieba").cut(word, False)
    if len(pieces) < 2:
        return None
    return [(piece, flag) for piece in pieces for _, flag in _tagger()(piece)[:1]]


#: Characters naming a place that 里 after them puts something in (县里, 省里, 校里).
_PLACE_CHARACTERS = frozenset("国省市县区乡镇村校园")


def tagged_words(text: str) -> list[tuple[str, str]]:
    """The words of ``text`` with their part of speech in jieba's tag set (``n`` noun,
    ``ns`` place, ``r`` pronoun, ``d`` adverb, ``y`` modal particle, ``x`` punctuation
    and spaces ...), in order: joined, the words give back ``text``.

    A word whose last character starts a particle with the next word (钱来 + 着 of
    多少钱来着) is cut there: the particle is one word (钱 + 来着); a place character before
    里 (县里, 省里) is the place, 里 the locative after it."""
    words = [(word, flag) for word, flag in _tagger()(text)]
    for k in range(len(words) - 2, -1, -1):
        word, after = words[k][0], words[k + 1][0]
        if len(word) > 1 and is_cjk(word[-1]) and is_stop_word(word[-1] + after):
            words[k : k + 2] = [*_tagger()(word[:-1]), (word[-1] + after, "y")]
    for k in range(len(words) - 1, -1, -1):
        word = words[k][0]
        if len(word) == 2 and word[1] == "里" and word[0] in _PLACE_CHARACTERS:
            words[k : k + 1] = [(word[0], "n"), ("里", "f")]  # 县里: in the county
    return words
