"""Index tokens: what the store indexes and a query looks up (standard library only).

Text is cut into runs. A run of Chinese (CJK) characters yields its character
bigrams and its single characters; a Latin run yields one word, lightly stemmed so
that forms share a stem (``teachers`` -> ``teacher``, ``won`` -> ``win``); a number
yields itself without thousands separators (``2,729`` -> ``2729``); ``%`` yields
``percent``. English stop words never become tokens. In a query, Chinese question
words and particles (多少, 几, 有, 吗 ...) cut the run they sit in.
"""

from __future__ import annotations

import re
from functools import lru_cache

from jiangjin_cli.numbers import NUMERAL_CHARACTERS
from jiangjin_cli.text import lazy_pattern, normalize

CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0003134f"
TOKEN_RE = re.compile(
    rf"(?P<cjk>[{CJK}]+)|(?P<num>\d+(?:,\d{{3}})*(?:\.\d+)?)|(?P<word>[^\W\d_{CJK}]+)"
    r"|(?P<pct>%)"
)
#: A run of Chinese characters, compiled at first use (a class of CJK ranges costs ~2 ms).
CJK_RUN = lazy_pattern(rf"[{CJK}]+")
#: The token a per-cent sign stands for (``80%`` gives ``80`` and ``percent``).
PERCENT = "percent"


def word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


EN_STOP = word_set(
    """a an the of in on at to for by with from into about as and or but nor so than then
    is are was were be been being am do does did done doing has have had having
    how many much what which who whom whose when where why whether there here
    it its this that these those they them their he she his her we our us you your i me my
    can could will would shall should may might must any some all each every
    tell please give show list number numbers total totals count counts get got gets getting
    between among behind beyond beneath besides across along during
    upon via onto through throughout despite except whereas whilst
    not no yes if also just only very more most up out off like such other others etc both either
    else"""
)

_EN_IRREGULAR: dict[str, str] = {
    "won": "win",
    "taught": "teach",
    "built": "build",
    "led": "lead",
    "men": "man",
    "women": "woman",
    "children": "child",
    "made": "make",
    "held": "hold",
    "given": "give",
    "grew": "grow",
    "grown": "grow",
    "spent": "spend",
    "bought": "buy",
    "sold": "sell",
    "people": "person",
    "persons": "person",
    "programs": "programme",
    "program": "programme",
    "programmes": "programme",
    "taken": "take",
    "took": "take",
    "got": "get",
    "gotten": "get",
    "paid": "pay",
    "went": "go",
    "came": "come",
    "gone": "go",
}

_NO_UNDOUBLE = frozenset("lszaeiouy")


# American spellings folded to the article's British ones (on the stem).
_EN_SPELLING: dict[str, str] = {
    "honor": "honour",
    "labor": "labour",
    "center": "centr",
    "enroll": "enrol",
}

_IZE_RE = re.compile(r"iz(e|es|ed|ing|ation|ations)$")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light English stemmer, consistent rather than linguistic.

    Inflections (plurals, -ed, -ing, -ly, a few irregular forms), then three
    derivations (-ation, -ment, -al), then a final silent ``e``, so that ``create``,
    ``creates``, ``created`` and ``creating`` share ``creat`` and ``agriculture`` and
    ``agricultural`` share ``agricultur``; -ize is spelt -ise first. A final double l
    after two vowels or more is one (British trialled, travelling, enrol: trial, travel,
    enrol), after one it stays (call, skill).
    """
    if not word.isascii():
        return word
    word = _IZE_RE.sub(r"is\1", word)
    stem = _EN_IRREGULAR.get(word)
    if stem is None:
        stem = _derive(_inflect(word))
    if len(stem) > 3 and stem.endswith("e") and not stem.endswith("ee"):
        stem = stem[:-1]
    if stem.endswith("ll") and sum(ch in "aeiouy" for ch in stem) > 1:
        stem = stem[:-1]  # travelled, trialling, enroll: British travel, trial, enrol
    return _EN_SPELLING.get(stem, stem)


def _inflect(word: str) -> str:
    n = len(word)
    if n <= 3:
        return word
    if word.endswith(("ies", "ied")) and n > 4:
        return word[:-3] + "y"
    if word.endswith("sses"):
        return word[:-2]
    if word.endswith(("ches", "shes", "xes", "zes")):
        return word[:-2]
    if word.endswith("ing") and n > 5:
        return _undouble(word[:-3])
    if word.endswith("ed") and n > 4 and not word.endswith("eed"):
        return _undouble(word[:-2])
    if word.endswith("ly") and n > 5 and not word.endswith(("ily", "ply", "bly")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _derive(word: str) -> str:
    n = len(word)
    if word.endswith("ification") and n > 11:
        return word[:-9] + "ify"
    if word.endswith("ation") and n > 7:
        return word[:-5] + "ate"
    if word.endswith("ment") and n > 8:
        return word[:-4]
    if word.endswith("al") and n > 7:
        return word[:-2]
    return word


def _undouble(stem: str) -> str:
    if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in _NO_UNDOUBLE:
        return stem[:-1]
    return stem


# Chinese question words and particles; they cut a query run and carry no weight.
_ZH_STOP = word_set(
    """多少 几 几个 第几 有 吗 呢 吧 啊 呀 么 嘛 什么 哪些 哪个 哪里 哪儿 哪 一共 总共 共计 合计
    总计 了 的 地 得 是 请问 请 告诉 我 你 他 她 它 们 我们 怎么 怎样 如何 为什么 为何 是否 是不是
    有没有 没有 都 在 和 还是 就是 正在 到底 大概 大约 这 那 这些 那些 这个 那个 呢 啦 过 谁
    数量 总数 拿 拿到 跟 与 叫 叫做 一下 怎么样 怎么回事 咋 咋样 咋回事 什么样 一个 啥 来着
    多长时间 多少时间 多长 多久 多大 多远 方面 关于"""
)
# Words that contain a stop word but are content.
_ZH_PROTECTED = word_set(
    """有限 有效 有关 有力 有序 具有 拥有 所有 共有 了解 目的 的确 在校 现在 存在 实在 所在
    总和 和谐 成都 首都 都市 几何 地区 地方 基地 园地 土地 场地
    是非 他们 我们 人们 那么 这么 过程 通过 超过 经过 它们 拿证 参与"""
)
_ZH_MAXLEN = max(len(w) for w in _ZH_STOP | _ZH_PROTECTED)
#: Measure words: the unit a Chinese number or question word counts in (36个, 几所, 哪类).
MEASURE_WORDS: frozenset[str] = frozenset(
    "所名个家项位次人元块枚座种类批届门支条期份张本台场间处套"
)
# 哪 ("which") with its measure word, 一 between or not (哪一类, 哪所, 哪一年), asks as 哪
# alone does: the measure word is part of the question word, not content.
_WHICH = lazy_pattern(rf"哪一?[{''.join(sorted(MEASURE_WORDS | set('年级')))}]")


def _is_one_of(run: str, i: int) -> bool:
    """Whether ``run`` holds at ``i`` a count of one with its measure word (一种, 一所), which
    describes (是一种什么样的模式) and asks nothing; an ordinal (第一批) counts."""
    return (
        run[i] == "一"
        and run[i + 1 : i + 2] in MEASURE_WORDS
        and not (i and (run[i - 1] == "第" or run[i - 1] in NUMERAL_CHARACTERS))
    )


def is_stop_word(word: str) -> bool:
    """Whether ``word`` is one Chinese question word or particle (来着, 多少)."""
    return word in _ZH_STOP


def longest_text_at(run: str, i: int, words: frozenset[str]) -> int:
    for length in range(min(_ZH_MAXLEN, len(run) - i), 0, -1):
        if run[i : i + length] in words:
            return length
    return 0


def split_stops(run: str) -> list[str]:
    """Cut a Chinese query run at its question words and particles."""
    parts: list[str] = []
    current: list[str] = []
    i = 0
    while i < len(run):
        protected = longest_text_at(run, i, _ZH_PROTECTED)
        stop = longest_text_at(run, i, _ZH_STOP)
        which = _WHICH().match(run, i) if run[i] == "哪" else None
        if which:
            stop = max(stop, which.end() - i)
        elif _is_one_of(run, i):
            stop = max(stop, 2)
        if protected and protected >= stop:
            current.append(run[i : i + protected])
            i += protected
        elif stop:
            if current:
                parts.append("".join(current))
                current = []
            i += stop
        else:
            current.append(run[i])
            i += 1
    if current:
        parts.append("".join(current))
    return parts


def is_cjk(ch: str) -> bool:
    """Whether ``ch`` (its first character) is in ``CJK``.

    By code point rather than by ``re``: a class of these ranges takes about 2 ms to
    compile, paid by every run that asks (tests/test_tokens.py checks both agree).
    """
    if not ch:
        return False
    code = ord(ch[0])
    return code >= 0x3040 and (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or code <= 0x30FF
        or 0xAC00 <= code <= 0xD7AF
        or 0xF900 <= code <= 0xFAFF
        or 0x20000 <= code <= 0x3134F
    )


def has_cjk(text: str) -> bool:
    """Whether any character of ``text`` is in ``CJK``."""
    return any(map(is_cjk, text))


def _number(text: str) -> str:
    return text.replace(",", "")


def tokenize(text: str) -> list[str]:
    """The index tokens of a text: Chinese bigrams and characters, stemmed words, numbers."""
    return tokens_of_folded(normalize(text))


def tokens_of_folded(folded: str) -> list[str]:
    tokens: list[str] = []
    for match in TOKEN_RE.finditer(folded):
        kind = match.lastgroup
        piece = match.group()
        if kind == "cjk":
            tokens.extend(piece)
            tokens.extend(piece[k : k + 2] for k in range(len(piece) - 1))
        elif kind == "num":
            tokens.append(_number(piece))
        elif kind == "pct":
            tokens.append(PERCENT)
        elif piece not in EN_STOP:
            tokens.append(stem(piece))
    return tokens


def query_tokens(text: str) -> list[str]:
    """The content tokens of a query text (stop words removed, runs cut at particles)."""
    tokens: list[str] = []
    for run, words in query_segments(normalize(text)):
        if run:
            tokens.extend(run)
            tokens.extend(run[k : k + 2] for k in range(len(run) - 1))
        tokens.extend(words)
    return tokens


def query_segments(text: str) -> list[tuple[str, tuple[str, ...]]]:
    """Split folded query text into (chinese run, ()) and ("", (stemmed words...))."""
    out: list[tuple[str, tuple[str, ...]]] = []
    number_end = -1
    for match in TOKEN_RE.finditer(text):
        kind = match.lastgroup
        piece = match.group()
        if kind == "cjk":
            if match.start() == number_end:
                # The measure word belongs to its number (36个 | 指的是, 100多家 | 规上):
                # no pair across it.
                hedge = 1 if piece[:1] in "多余" else 0
                if len(piece) > hedge and piece[hedge] in MEASURE_WORDS:
                    out.append((piece[hedge], ()))
                    piece = piece[hedge + 1 :]
                elif piece == piece[:hedge]:
                    piece = ""  # 2700多: the hedge of its number
            out.extend((_strip_count(part), ()) for part in split_stops(piece))
        elif kind == "num":
            out.append(("", (_number(piece),)))
            number_end = match.end()
        elif kind == "pct":
            out.append(("", (PERCENT,)))
        elif piece not in EN_STOP:
            out.append(("", (stem(piece),)))
    return out


def _strip_count(run: str) -> str:
    """``金牌数`` asks for the number of 金牌: a final 数 after a word is a question word."""
    return run[:-1] if len(run) >= 3 and run.endswith("数") else run
