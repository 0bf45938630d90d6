"""Pinyin as index tokens: what lets ``chanjiao ronghe`` find 产教融合.

The index (:mod:`jiangjin_cli.store.index`) adds, for each run of Chinese characters,
the toneless pinyin of each pair of neighbouring characters, read in context by
pypinyin (重庆 is chongqing, 银行 yinhang): ``chanjiao``, ``jiaorong``, ``ronghe``.
pypinyin loads only when an index is built. A query needs no library: a Latin word
that cuts into pinyin syllables (``xiāngcūn`` -> xiang cun) gives the same pair
tokens, and single syllables written apart (``gang ke sai zheng``) join up.
"""

from __future__ import annotations

import itertools
import unicodedata
from functools import lru_cache

from jiangjin_cli.text import lazy_pattern

__all__ = ["index_tokens", "query_tokens", "syllables"]

_CJK_RUN = lazy_pattern(r"[\u3400-\u4dbf\u4e00-\u9fff]+")


@lru_cache(maxsize=65536)
def _readings(run: str) -> tuple[str, ...]:
    from pypinyin import lazy_pinyin  # about 0.7 s: only an index build pays it

    return tuple(lazy_pinyin(run))


def index_tokens(folded: str) -> list[str]:
    """The pinyin pair tokens of the Chinese runs of folded text."""
    tokens: list[str] = []
    for match in _CJK_RUN().finditer(folded):
        readings = _readings(match.group())
        tokens.extend(
            readings[k] + readings[k + 1]
            for k in range(len(readings) - 1)
            if readings[k].isalpha() and readings[k + 1].isalpha()
        )
    return tokens


# Standard Mandarin syllables: an optional initial and a final (ü written v or u).
_INITIAL = "(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
_FINAL = (
    "(?:iang|iong|uang|ueng|ang|eng|ing|ong|ian|iao|uai|uan|van|ai|ei|ao|ou|an|en|in|un|vn"
    "|ia|ie|iu|ua|uo|ui|ue|ve|er|a|o|e|i|u|v)"
)
_SYLLABLE = lazy_pattern(_INITIAL + _FINAL)
_MAX_SYLLABLE = 6


def _plain(word: str) -> str:
    """Tone marks and digits off, ü as v: ``xiāngcūn`` -> ``xiangcun``."""
    word = word.lower().replace("ü", "v").replace("u:", "v")
    decomposed = unicodedata.normalize("NFD", word)
    return "".join(ch for ch in decomposed if "a" <= ch <= "z")


@lru_cache(maxsize=4096)
def syllables(word: str) -> tuple[str, ...] | None:
    """``word`` cut into pinyin syllables (fewest first), None when it is not pinyin."""
    plain = _plain(word)
    best: list[tuple[str, ...] | None] = [None] * (len(plain) + 1)
    best[0] = ()
    for start in range(len(plain)):
        done = best[start]
        if done is None:
            continue
        for end in range(min(len(plain), start + _MAX_SYLLABLE), start, -1):
            piece = plain[start:end]
            if _SYLLABLE().fullmatch(piece):
                candidate = (*done, piece)
                known = best[end]
                if known is None or len(candidate) < len(known):
                    best[end] = candidate
    return best[len(plain)] if plain else None


def query_tokens(words: list[str]) -> list[str] | None:
    """The pair tokens of query words written in pinyin, None unless every word is pinyin.

    Pairs are taken inside each word; words of one syllable join their neighbours of
    one syllable (``gang ke sai zheng`` gives gangke, kesai, saizheng).
    """
    cut = [syllables(word) for word in words]
    if not words or any(c is None for c in cut):
        return None
    tokens: list[str] = []
    singles: list[str] = []
    for parts in cut:
        assert parts is not None
        if len(parts) == 1:
            singles.extend(parts)
            continue
        tokens.extend(a + b for a, b in itertools.pairwise(singles))
        singles = []
        tokens.extend(a + b for a, b in itertools.pairwise(parts))
    tokens.extend(a + b for a, b in itertools.pairwise(singles))
    return tokens
