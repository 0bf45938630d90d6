"""Folding and ranked search over a fact base. Pure functions, no I/O, no printing.

Folding
    ``fold`` applies NFKC (full-width ``ＡＢＣ１２３`` becomes ``abc123``), case folding,
    drops quotation marks (“”‘’「」『』"' and their kin) and invisible format characters,
    and turns every whitespace character into a plain space. Query terms and indexed
    text also lose a possessive ``'s`` (``Jiangjin's`` -> ``jiangjin``).
    ``highlight_spans`` folds text cluster by cluster and keeps an index map, so spans
    point into the original text even where folding changed its length.

Tokens
    Text is cut into runs. A run of Chinese (CJK) characters yields its character
    bigrams and its single characters; a Latin run yields one word, lightly stemmed so
    that forms share a stem (``teachers`` -> ``teacher``, ``won`` -> ``win``, ``create``
    and ``created`` -> ``creat``, ``agriculture`` and ``agricultural`` ->
    ``agricultur``, -ize spelt -ise); a number yields itself without thousands
    separators (``2,729`` -> ``2729``); ``%`` yields ``percent``. English stop words,
    question words included (how, many, what, which, the ...), never become tokens. In
    a query, Chinese question words and particles (多少, 几, 有, 吗, 什么, 一共, 了, 的,
    数量 ...) cut the run they sit in and carry no weight, as does a final 数 after a
    word (金牌数); a few words that merely contain one of them (有限, 了解 ...) are
    protected.

Related words (``CONCEPTS``)
    A small bilingual map bridges everyday words to the article's: company ~
    enterprise ~ 企业 ~ 公司, teacher ~ staff ~ 老师, farmer | agriculture, poor ~
    poverty, apprentice ~ apprenticeship, Germany ~ German ~ 德国, percent ~ share ~
    比例 ~ 占比 ... A query token also looks for its related tokens: each scores with
    ``SYNONYM_WEIGHT`` and an IDF no higher than the token's own (a rare synonym
    must not outscore the word asked), a token and its related tokens count once per
    document (the best of them), and a related token covers the unit with
    ``SYNONYM_CREDIT``.

Scoring (BM25F)
    Every fact, entity and section is one document with the fields of ``FIELD_NAMES``.
    A query token's weighted term frequency is
    ``tf~ = sum_f FIELD_WEIGHTS[f] * tf_f / (1 - B + B * len_f / avglen_f)`` and it adds
    ``qw * idf ** IDF_POWER * tf~ / (K1 + tf~)`` to the document, with
    ``idf = ln(1 + (N - df + 0.5) / (df + 0.5))`` (``IDF_POWER`` 1 is plain BM25; 1.5
    keeps a rare word ahead of a common three-character name, whose two overlapping
    bigrams would otherwise outweigh it). ``qw`` is 1 for bigrams, words and
    numbers and ``UNIGRAM_WEIGHT`` for single Chinese characters (1 for the characters
    of ``MEANINGFUL_UNIGRAMS`` and for the only Chinese character of a term). A query
    term of several tokens that occurs verbatim in the document adds
    ``TERM_MATCH_BONUS``. The sum is multiplied by ``KIND_WEIGHTS[kind]`` (a question
    is answered by a fact), by the coverage (below) to ``COVERAGE_POWER``, and:

    - by ``QUANTITY_BOOST`` for a fact with a value when the query asks for a quantity
      (多少, 几, 数量, how many, number of ...), except a share (unit %) when it asks
      "how many" of something other than a share;
    - by ``FOCUS_BOOST`` when the fact's unit field (unit, unit_en, period) holds what
      the question counts: the words after "how many" (``how many villages`` ->
      ``villages``), the word after 多少 / 几 or, when none follows, before it, with
      the unit its characters name (``科普示范园有多少个`` -> 园 -> ``parks``), a share
      word (share, 比例 -> ``%``); and once more by ``FOCUS_BOOST`` when the Chinese
      measure word after the cue is the fact's unit (``几所`` -> 所, ``多少家`` -> 家).
      This is what tells apart facts that share one quote (28金64银41铜; 128家 / 132个;
      52个村 / 81个园; 6个市县 / 14所学校).

Refusal (coverage)
    The query's content is a set of units, each weighted by its IDF: its words and
    numbers, its Chinese bigrams that occur somewhere in the base (or have a related
    token there), and its "orphan" Chinese characters, those in no such bigram.
    Bigrams the base never contains are dropped as units: in unsegmented Chinese they
    are mostly word-boundary artefacts (江津区的中职学校在全国 -> 校在, 在全), and their
    characters stand for them instead; but a two-character run between question words
    is a word (上海有多少所大学 -> 上海, 大学) and stays a unit. The known bigrams of a
    run weigh together as much as the words its characters make, two characters to a
    word (中职学校: three bigrams, two words), so a long Chinese phrase does not drown a
    missing name. A unit absent from the whole base (and without a related token
    there) weighs the maximum IDF times ``ABSENT_WEIGHT``, so content the base lacks
    counts against every document. A document covers a unit when it contains the
    token or a related one (an orphan character found only as a single character
    counts ``UNIGRAM_WEIGHT`` unless it is meaningful or the only Chinese character of
    its term), or when the query term holding the unit occurs verbatim in it. A
    document is a hit only when the covered share of the query's weight is at least
    ``MIN_COVERAGE``, or when it is an exact match. Measure words (所, 名, 个 ...) left
    as orphans carry no content. A question naming a Chinese province or city of
    ``PLACES`` that the base does not mention (or mentions only inside a longer name
    the question lacks: Chengdu in Chengdu-Chongqing) is about somewhere else and gets
    no hits.

    ``MIN_COVERAGE`` and ``ABSENT_WEIGHT`` come from tests/questions.toml (270
    answerable questions, 38 unanswerable ones). With ``ABSENT_WEIGHT`` 1.5 the right
    fact covers 0.48 to 1 of its question (lowest: "bronze medal tally", whose
    "tally" the base lacks), and no unanswerable question reaches more than 0.36
    ("how many medals did China win at the Olympics"), except "when was Huawei
    founded", whose every word the base has (0.53; refusal is by words, not meaning).
    The threshold sits between them, at 0.42. The gap between the two groups is 0.09
    with ``ABSENT_WEIGHT`` 1, 0.12 with 1.25 and 1.5, 0.09 with 2 (filler words a
    person adds, like "tally" or "row", then weigh too much).

Order
    Exact matches come first: the whole query (or, when every term is one, each term)
    equal to a record id, then to an entity name, English name or alias or a section
    title, then the whole query found verbatim (after folding) in a quote, statement,
    name or title. A name inside a longer question ("... does Jiangjin have") is not an
    exact match. Then the score. The final ``Hit.score`` adds ``EXACT_BONUS`` per
    exactness rank so it sorts the same way in practice; the order itself never depends
    on that. Words given as separate terms rank as the same words given as one.

Latin terms match only at the start of a word (``school`` finds ``schools``, ``art``
does not find ``start``); Chinese terms match anywhere.

Cost
    ``build_index`` is linear in the base; a query reads the postings of its tokens,
    of their related tokens and of the unit words it counts, and nothing else.
"""

from __future__ import annotations

import math
import re
import unicodedata
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import Any, Literal, cast

from jiangjin_cli.model import PERIODS, Entity, Fact, FactBase, Section

__all__ = [
    "CONCEPTS",
    "COVERAGE_POWER",
    "EXACT_BONUS",
    "FIELD_NAMES",
    "FIELD_WEIGHTS",
    "FOCUS_BOOST",
    "IDF_POWER",
    "INDEX_FORMAT",
    "K1",
    "KIND_WEIGHTS",
    "MEANINGFUL_UNIGRAMS",
    "MEASURE_WORDS",
    "MIN_COVERAGE",
    "QUANTITY_BOOST",
    "SYNONYM_CREDIT",
    "SYNONYM_WEIGHT",
    "TERM_MATCH_BONUS",
    "UNIGRAM_WEIGHT",
    "B",
    "Hit",
    "HitKind",
    "SearchIndex",
    "build_index",
    "fold",
    "highlight_spans",
    "query_tokens",
    "search",
    "tokenize",
]

# --------------------------------------------------------------------------- constants

#: BM25 term-frequency saturation and length normalisation.
K1 = 1.2
B = 0.75

#: The fields of every document and their weights in BM25F.
FIELD_NAMES: tuple[str, ...] = (
    "id",  # record id, split into words
    "name",  # entity name, English name, aliases; section title and English title
    "quote",  # fact quote (Chinese, verbatim)
    "statement",  # fact English statement
    "unit",  # fact unit, English unit, value, period words
    "tags",  # fact tags; entity kind
    "entities",  # names of the entities a fact links to
    "section",  # titles of the fact's section path; a section's parent title
)
#: Measured one weight at a time (0 to 5) on the 270 questions of tests/questions.toml
#: (269 first with these): quote below 2 loses one to five, statement below 1 or at
#: 3 and more one to two, id below 1 one to three; name, unit, tags and section
#: change nothing there. Before ``FOCUS_BOOST`` read it, a unit weight under 0.5
#: mixed up the gold, silver and bronze facts.
FIELD_WEIGHTS: tuple[float, ...] = (3.0, 3.0, 2.0, 1.5, 1.0, 1.5, 0.8, 0.5)

_F_ID, _F_NAME, _F_QUOTE, _F_STATEMENT, _F_UNIT, _F_TAGS, _F_ENTITIES, _F_SECTION = range(8)

#: Query weight of a single Chinese character, and the share of a unit it covers.
UNIGRAM_WEIGHT = 0.25
#: Single characters that carry a meaning of their own in this article (medals).
MEANINGFUL_UNIGRAMS: frozenset[str] = frozenset("金银铜")
#: Measure words: as orphan characters of a query they carry no content.
MEASURE_WORDS: frozenset[str] = frozenset("所名个家项位次人元块枚座种类批届门支条期份张本台场间处")

#: Exponent on IDF in the score: 1 is plain BM25; above 1 favours rare terms more (a
#: three-character name makes two overlapping bigrams and would otherwise outweigh a
#: rarer two-character word).
IDF_POWER = 1.5
#: Multiplier on the weight of query content the base lacks altogether, and the share
#: of the query's weighted content a hit must cover: both measured on
#: tests/questions.toml (see Refusal in the module docstring).
ABSENT_WEIGHT = 1.5
MIN_COVERAGE = 0.42
#: Relevance is multiplied by coverage to this power: a record that answers more of
#: the question ranks above one that matches a part of it more strongly (0 and 2 or
#: more each lose one question; 0.5 to 1.5 none).
COVERAGE_POWER = 1.0
#: Added to the relevance for each query term of several tokens found verbatim.
TERM_MATCH_BONUS = 1.0
#: Added to ``Hit.score`` per exactness rank (id 3, name 2, phrase 1).
EXACT_BONUS = 1000.0
#: Relevance multipliers per kind of record. A question is answered by a fact; at 0.9
#: an entity whose name matched outranked the fact about it ("德国5G国际学院是谁建的"),
#: and 0.5 to 0.8 gave the same ranking. Exact names come first whatever the weight.
KIND_WEIGHTS: dict[str, float] = {"fact": 1.0, "entity": 0.7, "section": 0.7}
#: Multiplier for records whose unit field holds what a quantity question counts
#: (``how many villages`` -> unit_en ``villages``; ``几所`` -> unit ``所``). At 1 six
#: of the 270 questions lose their first place, at 1.1 or 1.2 one; 1.3 to 2 alike.
FOCUS_BOOST = 1.5
#: Share of a token's score that a related token of ``CONCEPTS`` earns in its stead
#: (0.7 and 0.85 rank the questions alike; 1 loses one, 0.5 two, 0.3 five).
SYNONYM_WEIGHT = 0.7
#: Share of a query unit that a related token covers (see Refusal; 0.85 loses two).
SYNONYM_CREDIT = 1.0
#: Multiplier for facts with a value when the query asks "how many / how much" (1.15
#: to 2 rank the questions alike; 1 loses two).
QUANTITY_BOOST = 1.3

EXACT_ID = 3
EXACT_NAME = 2
EXACT_PHRASE = 1

#: Version of ``SearchIndex.to_dict`` output; bump when the layout or tokens change.
INDEX_FORMAT = 2

HitKind = Literal["fact", "entity", "section"]

# --------------------------------------------------------------------------- folding

_QUOTES = "\"'“”‘’「」『』〝〞〟„‟‚‛«»‹›＂＇﹁﹂﹃﹄"
_FORMAT_CHARS = (
    "\u00ad\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
    "\u2060\u2061\u2062\u2063\u2064\ufeff"
)


def _make_table() -> dict[int, str | None]:
    table: dict[int, str | None] = {}
    for code in list(range(0x20)) + list(range(0x7F, 0xA0)):
        table[code] = " " if chr(code).isspace() else None
    for ch in _QUOTES + _FORMAT_CHARS:
        table[ord(ch)] = None
    for ch in "\u2028\u2029\u3000\u00a0":
        table[ord(ch)] = " "
    return table


_FOLD_TABLE = _make_table()


def fold(text: str) -> str:
    """Fold ``text`` for matching: NFKC, casefold, no quotation marks, spaces for blanks."""
    if text.isascii():
        return text.casefold().translate(_FOLD_TABLE)
    return unicodedata.normalize("NFKC", text).casefold().translate(_FOLD_TABLE)


_SPACES_RE = re.compile(r" {2,}")


_POSSESSIVE_RE = re.compile(r"(?<=[^\W\d_])['’]s\b")


def _norm(text: str) -> str:
    """Fold, drop possessive 's, collapse spaces: the form of query terms and indexed text."""
    return _SPACES_RE.sub(" ", fold(_POSSESSIVE_RE.sub("", text))).strip()


def _fold_with_map(text: str) -> tuple[str, list[int], list[int]]:
    """Fold cluster by cluster; for each folded char, the original span it came from."""
    pieces: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    i = 0
    n = len(text)
    while i < n:
        j = i + 1
        while j < n and unicodedata.category(text[j]).startswith("M"):
            j += 1
        piece = fold(text[i:j])
        pieces.append(piece)
        starts.extend([i] * len(piece))
        ends.extend([j] * len(piece))
        i = j
    return "".join(pieces), starts, ends


# --------------------------------------------------------------------------- tokens

_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0003134f"
_TOKEN_RE = re.compile(
    rf"(?P<cjk>[{_CJK}]+)|(?P<num>\d+(?:,\d{{3}})*(?:\.\d+)?)|(?P<word>[^\W\d_{_CJK}]+)"
    r"|(?P<pct>%)"
)
#: The token a per-cent sign stands for (``80%`` gives ``80`` and ``percent``).
_PERCENT = "percent"
_CJK_RE = re.compile(rf"[{_CJK}]")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_EN_STOP = _words(
    """a an the of in on at to for by with from into about as and or but nor so than then
    is are was were be been being am do does did done doing has have had having
    how many much what which who whom whose when where why whether there here
    it its this that these those they them their he she his her we our us you your i me my
    can could will would shall should may might must any some all each every
    tell please give show list number numbers total totals count counts get got gets getting
    between among
    not no yes if also just only very more most up out off like such other others etc both either"""
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
def _stem(word: str) -> str:
    """A light English stemmer, consistent rather than linguistic.

    Inflections (plurals, -ed, -ing, -ly, a few irregular forms), then three
    derivations (-ation, -ment, -al), then a final silent ``e``, so that ``create``,
    ``creates``, ``created`` and ``creating`` share ``creat`` and ``agriculture`` and
    ``agricultural`` share ``agricultur``; -ize is spelt -ise first.
    """
    if not word.isascii():
        return word
    word = _IZE_RE.sub(r"is\1", word)
    stem = _EN_IRREGULAR.get(word)
    if stem is None:
        stem = _derive(_inflect(word))
    if len(stem) > 3 and stem.endswith("e") and not stem.endswith("ee"):
        stem = stem[:-1]
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


#: Words a person may ask with for the article's own words. Each line is one concept:
#: a query token of a line also looks for the other tokens of its line (scored with
#: ``SYNONYM_WEIGHT``, covering with ``SYNONYM_CREDIT``). ``|`` parts a line into
#: related senses (farmer | agriculture): what a quantity question counts is matched
#: with its own part only. English words are stemmed; Chinese words have one or two
#: characters (one index token each). The lines bridge everyday words to the
#: article's vocabulary; none names an answer.
CONCEPTS: tuple[str, ...] = (
    # people
    "teacher teaching staff educator instructor faculty lecturer 教师 老师 师资 教员",
    "student pupil learner trainee 学生 同学 学员",
    "farmer grower peasant 农民 农户 种植 | agriculture agricultural farm farming 涉农 农业",
    "graduate graduation alumni 毕业",
    "cadre administrator official 干部",
    "craftsman artisan 工匠",
    "people person individual 人员",
    # bodies
    "company firm business enterprise corporation employer 企业 公司",
    "school college institution institute 学校 院校 学院 职校",
    "group alliance consortium association 集团 联盟",
    "member membership 成员",
    "village 村 村社 村庄",
    "rural countryside 乡村 农村",
    "county 区县",
    "city municipal municipality 城市",
    # actions
    "cooperate cooperation collaborate collaboration partner partnership work 合作 协作",
    "pair twin 结对 帮扶",
    "build establish found set construct 共建 建成 组建 建立",
    "train training educate 培训 培养",
    "together jointly joint 联合 共同",
    "obtain receive gain earn hold 获取 获得 取得",
    "win award 获奖 获得",
    "admit accept enrol recruit take 接收 招收 录取",
    "help assist support aid 助力 帮助 支持",
    "pilot trial experiment 试点",
    "participate join attend part 参加 参与",
    "project programme 项目",
    "team 团队",
    "issue publish release introduce 出台 发布 印发",
    "exchange send dispatch 互派 交流",
    # things
    "percent percentage share proportion ratio fraction 占比 比例 比重",
    "poverty poor impoverish needy disadvantaged 贫困 扶贫 贫穷 穷人",
    "apprentice apprenticeship 学徒",
    "medal 奖牌",
    "gold 金牌",
    "silver 银牌",
    "bronze 铜牌",
    "honour honorary 荣誉",
    "certificate certification credential diploma 证书 拿证 考证",
    "specialty speciality major discipline 专业",
    "document file paper 文件",
    "studio workshop",
    "base site 基地",
    "park garden 园区 公园",
    "money yuan rmb renminbi 万元 资金 钱",
    "output revenue production 产值",
    "year annual 每年",
    "past last recent previous",
    "level tier 层级",
    "overseas abroad foreign international 海外 国外 境外 国际",
    "ecommerce commerce online 电商",
    "competition contest 竞赛 比赛 大赛",
    # places
    "germany german 德国 中德",
    "laos lao 老挝 中老",
    "africa african 非洲 中非",
    "china chinese 中国",
    "chongqing 重庆",
    "sichuan 四川",
)


# Chinese question words and particles; they cut a query run and carry no weight.
_ZH_STOP = _words(
    """多少 几 几个 有 吗 呢 吧 啊 呀 么 嘛 什么 哪些 哪个 哪里 哪儿 哪 一共 总共 共计 合计 总计
    了 的 地 得 是 请问 请 告诉 我 你 他 她 它 们 我们 怎么 怎样 如何 为什么 为何 是否 是不是
    有没有 没有 都 在 和 还是 就是 正在 到底 大概 大约 这 那 这些 那些 这个 那个 呢 啦 过 谁
    数量 总数 拿 拿到 跟 与 叫 叫做"""
)
# Words that contain a stop word but are content.
_ZH_PROTECTED = _words(
    """有限 有效 有关 有力 有序 具有 拥有 所有 共有 了解 目的 的确 在校 现在 存在 实在 所在
    总和 和谐 成都 首都 都市 几何 地区 地方 基地 园地 土地 场地
    是非 他们 我们 人们 那么 这么 怎么 过程 通过 超过 经过 它们 拿证 参与"""
)
_ZH_MAXLEN = max(len(w) for w in _ZH_STOP | _ZH_PROTECTED)


def longest_text_at(run: str, i: int, words: frozenset[str]) -> int:
    for length in range(min(_ZH_MAXLEN, len(run) - i), 0, -1):
        if run[i : i + length] in words:
            return length
    return 0


def _split_stops(run: str) -> list[str]:
    """Cut a Chinese query run at its question words and particles."""
    parts: list[str] = []
    current: list[str] = []
    i = 0
    while i < len(run):
        protected = longest_text_at(run, i, _ZH_PROTECTED)
        stop = longest_text_at(run, i, _ZH_STOP)
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


def _is_cjk(ch: str) -> bool:
    return _CJK_RE.match(ch) is not None


def _number(text: str) -> str:
    return text.replace(",", "")


def tokenize(text: str) -> list[str]:
    """The index tokens of a text: Chinese bigrams and characters, stemmed words, numbers."""
    return _tokens_of_folded(_norm(text))


def _tokens_of_folded(folded: str) -> list[str]:
    tokens: list[str] = []
    for match in _TOKEN_RE.finditer(folded):
        kind = match.lastgroup
        piece = match.group()
        if kind == "cjk":
            tokens.extend(piece)
            tokens.extend(piece[k : k + 2] for k in range(len(piece) - 1))
        elif kind == "num":
            tokens.append(_number(piece))
        elif kind == "pct":
            tokens.append(_PERCENT)
        elif piece not in _EN_STOP:
            tokens.append(_stem(piece))
    return tokens


def query_tokens(text: str) -> list[str]:
    """The content tokens of a query text (stop words removed, runs cut at particles)."""
    tokens: list[str] = []
    for run, words in _query_segments(_norm(text)):
        if run:
            tokens.extend(run)
            tokens.extend(run[k : k + 2] for k in range(len(run) - 1))
        tokens.extend(words)
    return tokens


def _query_segments(text: str) -> list[tuple[str, tuple[str, ...]]]:
    """Split folded query text into (chinese run, ()) and ("", (stemmed words...))."""
    out: list[tuple[str, tuple[str, ...]]] = []
    for match in _TOKEN_RE.finditer(text):
        kind = match.lastgroup
        piece = match.group()
        if kind == "cjk":
            out.extend((_strip_count(part), ()) for part in _split_stops(piece))
        elif kind == "num":
            out.append(("", (_number(piece),)))
        elif kind == "pct":
            out.append(("", (_PERCENT,)))
        elif piece not in _EN_STOP:
            out.append(("", (_stem(piece),)))
    return out


def _strip_count(run: str) -> str:
    """``金牌数`` asks for the number of 金牌: a final 数 after a word is a question word."""
    return run[:-1] if len(run) >= 3 and run.endswith("数") else run


#: Last characters of a Chinese noun phrase and the English unit words they name; a
#: question's counted thing is matched against a fact's ``unit_en`` through them.
_HEAD_CHARS: dict[str, str] = {
    "园": "park",
    "校": "school",
    "师": "teacher",
    "村": "village",
    "县": "county",
    "市": "city",
    "牌": "medal",
    "室": "studio",
    "队": "team",
    "件": "document",
}
#: Chinese provinces and large cities (Chinese and pinyin). A question naming one
#: that the base does not mention (or mentions only inside a longer name the question
#: lacks, as Chengdu in Chengdu-Chongqing) is about somewhere else and is refused.
PLACES: frozenset[str] = _words(
    """北京 上海 天津 重庆 广州 深圳 成都 武汉 西安 南京 杭州 苏州 长沙 郑州 济南 青岛
    沈阳 大连 哈尔滨 长春 石家庄 太原 合肥 南昌 福州 厦门 南宁 昆明 拉萨 兰州 西宁 银川
    乌鲁木齐 呼和浩特 海口 三亚 宁波 无锡 东莞 佛山 珠海 香港 澳门 台北 河北 山西 辽宁
    吉林 黑龙江 江苏 浙江 安徽 福建 江西 山东 河南 湖北 湖南 广东 广西 海南 四川 贵州
    云南 陕西 甘肃 青海 台湾 内蒙古 新疆 西藏 宁夏
    beijing shanghai tianjin chongqing guangzhou shenzhen chengdu wuhan xian nanjing
    hangzhou suzhou changsha zhengzhou jinan qingdao shenyang dalian harbin changchun
    shijiazhuang taiyuan hefei nanchang fuzhou xiamen nanning kunming lhasa lanzhou xining
    yinchuan urumqi hohhot haikou sanya ningbo wuxi dongguan foshan zhuhai macau macao
    taipei hebei shanxi liaoning jilin heilongjiang jiangsu zhejiang anhui fujian jiangxi
    shandong henan hubei hunan guangdong guangxi hainan sichuan guizhou yunnan shaanxi
    gansu qinghai taiwan xinjiang tibet ningxia"""
)
_PLACES_RE = re.compile(
    "|".join(
        rf"\b{re.escape(p)}\b" if p.isascii() else re.escape(p)
        for p in sorted(PLACES, key=len, reverse=True)
    )
)


_QUANTITY_CUE_EN = re.compile(r"\b(?:how (?:many|much)|(?:number|count|amount) of)\b")
_COUNT_EN = re.compile(r"\bhow many\b|\b(?:number|count) of\b")
_QUANTITY_CUE_ZH = re.compile(
    rf"(多少|几|数量|总数|(?<=[{_CJK}]{{2}})数(?![{_CJK}]))"
    rf"(人次|[{''.join(sorted(MEASURE_WORDS | {'级', '年'}))}])?"
)
_MAX_FOCUS_WORDS = 3


def _focus_tokens(text: str) -> tuple[set[str], set[str]]:
    """Tokens naming what a quantity question counts (``how many X``, ``多少家X``, ``X有几个``).

    Returns the measure words (Chinese: the one right after the cue) and the words.
    English words: up to three content words after the cue. Chinese words: the
    bigrams of the run after the cue (or, if none, of the run before it) and the unit
    words its characters name (``_HEAD_CHARS``).
    """
    focus: set[str] = set()
    measures: set[str] = set()
    for cue in _QUANTITY_CUE_EN.finditer(text):
        words = [m.group() for m in _TOKEN_RE.finditer(text, cue.end()) if m.lastgroup != "cjk"]
        while words and words[0] in _EN_STOP:
            words.pop(0)
        for word in words[:_MAX_FOCUS_WORDS]:
            if word in _EN_STOP:
                break
            focus.add(_PERCENT if word == "%" else _stem(word))
    for cue in _QUANTITY_CUE_ZH.finditer(text):
        if cue.group(2):
            measures.add(cue.group(2))
        after = _CJK_RUN_RE.match(text, cue.end())
        runs = _split_stops(after.group()) if after else []
        run = runs[0] if runs and after and text.startswith(runs[0], cue.end()) else ""
        if not run:
            before = _CJK_TAIL_RE.search(text, 0, cue.start())
            parts = _split_stops(before.group()) if before else []
            run = parts[-1] if parts else ""
        focus.update(run[k : k + 2] for k in range(len(run) - 1))
        focus.update(ch for ch in run if ch in MEANINGFUL_UNIGRAMS)
        focus.update(_stem(_HEAD_CHARS[ch]) for ch in run if ch in _HEAD_CHARS)
    return measures, focus


_CJK_RUN_RE = re.compile(rf"[{_CJK}]+")
_CJK_TAIL_RE = re.compile(rf"[{_CJK}]+$")


def _concept_map() -> tuple[
    dict[str, tuple[str, ...]], dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]
]:
    """Token -> related tokens (its lines), synonyms (its segments), forms to highlight."""
    related: defaultdict[str, dict[str, None]] = defaultdict(dict)
    same: defaultdict[str, dict[str, None]] = defaultdict(dict)
    forms: defaultdict[str, dict[str, None]] = defaultdict(dict)
    for line in CONCEPTS:
        segments: list[list[str]] = []
        for segment in line.split("|"):
            tokens: list[str] = []
            for word in segment.split():
                folded = fold(word)
                found = _tokens_of_folded(folded)
                if _is_cjk(folded[0]) and len(folded) <= 2:
                    token = folded
                elif len(found) == 1:
                    token = found[0]
                else:
                    raise ValueError(f"concept word {word!r} is not one index token")
                tokens.append(token)
                forms[token].update(dict.fromkeys((folded, token)))
            segments.append(tokens)
        everything = [t for tokens in segments for t in tokens]
        for tokens in segments:
            for token in tokens:
                related[token].update(dict.fromkeys(t for t in everything if t != token))
                same[token].update(dict.fromkeys(t for t in tokens if t != token))

    def frozen(table: defaultdict[str, dict[str, None]]) -> dict[str, tuple[str, ...]]:
        return {k: tuple(v) for k, v in table.items()}

    return frozen(related), frozen(same), frozen(forms)


_ALTERNATIVES, _SYNONYMS, _ALT_FORMS = _concept_map()
_PERCENT_WORDS = frozenset({_PERCENT, *_ALTERNATIVES.get(_PERCENT, ())})


# --------------------------------------------------------------------------- index


@dataclass(frozen=True)
class SearchIndex:
    """Pre-folded text and token statistics of a fact base; plain data only.

    Documents are numbered: facts first, then entities, then sections, each in file
    order. ``postings`` maps a token to flat ``(doc, field, tf)`` triples sorted by
    doc. ``blob`` is the folded text of every document joined by ``\\x00`` (fields
    joined by ``\\n``), ``blob_starts`` where each document starts; ``phrases`` and
    ``phrase_starts`` do the same for the text an exact phrase may match.
    """

    kinds: tuple[str, ...]
    ids: tuple[str, ...]
    numeric: tuple[int, ...]
    field_lengths: tuple[tuple[int, ...], ...]
    avg_field_lengths: tuple[float, ...]
    postings: dict[str, tuple[int, ...]]
    doc_freq: dict[str, int]
    blob: str
    blob_starts: tuple[int, ...]
    phrases: str
    phrase_starts: tuple[int, ...]
    id_keys: dict[str, tuple[int, ...]]
    name_keys: dict[str, tuple[int, ...]]
    #: Each place of ``PLACES`` the base mentions -> the names that hold it (or []).
    places: dict[str, tuple[str, ...]] = field(default_factory=dict)
    format: int = INDEX_FORMAT
    longest_text: int = field(default=0, compare=False)

    @property
    def size(self) -> int:
        return len(self.ids)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (lists instead of tuples)."""
        return {
            "format": self.format,
            "kinds": list(self.kinds),
            "ids": list(self.ids),
            "numeric": list(self.numeric),
            "field_lengths": [list(row) for row in self.field_lengths],
            "avg_field_lengths": list(self.avg_field_lengths),
            "postings": {k: list(v) for k, v in self.postings.items()},
            "doc_freq": dict(self.doc_freq),
            "blob": self.blob,
            "blob_starts": list(self.blob_starts),
            "phrases": self.phrases,
            "phrase_starts": list(self.phrase_starts),
            "id_keys": {k: list(v) for k, v in self.id_keys.items()},
            "name_keys": {k: list(v) for k, v in self.name_keys.items()},
            "places": {k: list(v) for k, v in self.places.items()},
            "longest": self.longest_text,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SearchIndex:
        """Rebuild an index from ``to_dict`` output; ValueError on another format."""
        if data.get("format") != INDEX_FORMAT:
            raise ValueError(f"search index format {data.get('format')!r} is not {INDEX_FORMAT}")
        return cls(
            kinds=tuple(data["kinds"]),
            ids=tuple(data["ids"]),
            numeric=tuple(data["numeric"]),
            field_lengths=tuple(tuple(row) for row in data["field_lengths"]),
            avg_field_lengths=tuple(float(x) for x in data["avg_field_lengths"]),
            postings={k: tuple(v) for k, v in data["postings"].items()},
            doc_freq=dict(data["doc_freq"]),
            blob=data["blob"],
            blob_starts=tuple(data["blob_starts"]),
            phrases=data["phrases"],
            phrase_starts=tuple(data["phrase_starts"]),
            id_keys={k: tuple(v) for k, v in data["id_keys"].items()},
            name_keys={k: tuple(v) for k, v in data["name_keys"].items()},
            places={k: tuple(v) for k, v in data["places"].items()},
            longest_text=int(data["longest"]),
        )


def _value_text(value: float | None) -> str:
    if value is None or isinstance(value, bool):
        return ""
    if isinstance(value, int):
        return str(value)
    if value.is_integer():
        return str(int(value))
    return format(Decimal(repr(value)), "f")


def _fact_fields(base: FactBase, fact: Fact) -> list[list[str]]:
    fields: list[list[str]] = [[] for _ in FIELD_NAMES]
    fields[_F_ID].append(fact.id)
    fields[_F_QUOTE].append(fact.quote)
    fields[_F_STATEMENT].append(fact.statement_en)
    unit = fields[_F_UNIT]
    unit.extend(x for x in (fact.unit, fact.unit_en, _value_text(fact.value)) if x)
    if fact.period in PERIODS:
        unit.extend(PERIODS[fact.period])
    fields[_F_TAGS].extend(fact.tags)
    for entity_id in fact.entities:
        entity = base.entity_by_id.get(entity_id)
        if entity is not None:
            fields[_F_ENTITIES].extend((entity.name, entity.name_en, *entity.aliases))
    for section in base.section_path(fact.section):
        fields[_F_SECTION].extend((section.title, section.title_en))
    return fields


def _entity_fields(entity: Entity) -> list[list[str]]:
    fields: list[list[str]] = [[] for _ in FIELD_NAMES]
    fields[_F_ID].append(entity.id)
    fields[_F_NAME].extend((entity.name, entity.name_en, *entity.aliases))
    fields[_F_TAGS].append(entity.kind)
    return fields


def _section_fields(base: FactBase, section: Section) -> list[list[str]]:
    fields: list[list[str]] = [[] for _ in FIELD_NAMES]
    fields[_F_ID].append(section.id)
    fields[_F_NAME].extend((section.title, section.title_en))
    parent = base.section_by_id.get(section.parent) if section.parent else None
    if parent is not None:
        fields[_F_SECTION].extend((parent.title, parent.title_en))
    return fields


def build_index(base: FactBase) -> SearchIndex:
    """Index every fact, entity and section of ``base``; linear in the size of the base."""
    kinds: list[str] = []
    ids: list[str] = []
    numeric: list[int] = []
    field_lengths: list[tuple[int, ...]] = []
    postings: defaultdict[str, list[int]] = defaultdict(list)
    doc_freq: Counter[str] = Counter()
    doc_texts: list[str] = []
    phrase_texts: list[str] = []
    id_keys: dict[str, list[int]] = {}
    name_keys: dict[str, list[int]] = {}

    records: list[tuple[str, str, list[list[str]], list[str], list[str], bool]] = []
    for fact in base.facts:
        texts = [fact.quote, fact.statement_en]
        records.append(("fact", fact.id, _fact_fields(base, fact), texts, [], fact.is_numeric))
    for entity in base.entities:
        names = [entity.name, entity.name_en, *entity.aliases]
        records.append(("entity", entity.id, _entity_fields(entity), names, names, False))
    for section in base.sections:
        titles = [section.title, section.title_en]
        records.append(
            ("section", section.id, _section_fields(base, section), titles, titles, False)
        )

    # Entity names and section titles recur in many facts: fold and cut each text once.
    norm_cache: dict[str, str] = {}
    token_cache: dict[str, list[str]] = {}

    def norm_of(text: str) -> str:
        folded = norm_cache.get(text)
        if folded is None:
            folded = norm_cache[text] = _norm(text)
        return folded

    def tokens_of(text: str) -> list[str]:
        tokens = token_cache.get(text)
        if tokens is None:
            tokens = token_cache[text] = _tokens_of_folded(norm_of(text))
        return tokens

    _Counts = tuple[int, tuple[tuple[str, int], ...], frozenset[str]]
    counts_cache: dict[tuple[str, ...], _Counts] = {}

    def counts_of(texts: tuple[str, ...]) -> _Counts:
        cached = counts_cache.get(texts)
        if cached is None:
            tokens = [token for text in texts for token in tokens_of(text)]
            counts = Counter(tokens)
            cached = (len(tokens), tuple(counts.items()), frozenset(counts))
            counts_cache[texts] = cached
        return cached

    for doc, (kind, rid, fields, phrase_parts, names, is_numeric) in enumerate(records):
        kinds.append(kind)
        ids.append(rid)
        numeric.append(1 if is_numeric else 0)
        id_keys.setdefault(norm_of(rid), []).append(doc)
        for name in names:
            key = norm_of(name)
            if key:
                bucket = name_keys.setdefault(key, [])
                if not bucket or bucket[-1] != doc:
                    bucket.append(doc)
        lengths: list[int] = []
        seen: set[str] = set()
        for field_no, texts in enumerate(fields):
            length, counts, keys = counts_of(tuple(texts))
            lengths.append(length)
            for token, tf in counts:
                postings[token].extend((doc, field_no, tf))
            seen.update(keys)
        doc_freq.update(seen)
        field_lengths.append(tuple(lengths))
        doc_texts.append("\n".join(norm_of(t) for texts in fields for t in texts if t))
        phrase_texts.append("\n".join(norm_of(t) for t in phrase_parts if t))

    avg: list[float] = []
    for field_no in range(len(FIELD_NAMES)):
        used = [row[field_no] for row in field_lengths if row[field_no]]
        avg.append(sum(used) / len(used) if used else 1.0)

    blob, blob_starts = _join(doc_texts)
    phrases, phrase_starts = _join(phrase_texts)
    return SearchIndex(
        kinds=tuple(kinds),
        ids=tuple(ids),
        numeric=tuple(numeric),
        field_lengths=tuple(field_lengths),
        avg_field_lengths=tuple(avg),
        postings={k: tuple(v) for k, v in postings.items()},
        doc_freq=dict(doc_freq),
        blob=blob,
        blob_starts=blob_starts,
        phrases=phrases,
        phrase_starts=phrase_starts,
        id_keys={k: tuple(v) for k, v in id_keys.items()},
        name_keys={k: tuple(v) for k, v in name_keys.items()},
        places=_places(blob, name_keys, doc_freq),
        longest_text=max((len(t) for t in doc_texts), default=0),
    )


def _places(
    blob: str, name_keys: dict[str, list[int]], doc_freq: Counter[str]
) -> dict[str, tuple[str, ...]]:
    """The places of ``PLACES`` in the base, each with the longer names that hold it."""
    out: dict[str, tuple[str, ...]] = {}
    for place in sorted(PLACES):
        # Token look-ups first: the text itself is read only for a likely place.
        tokens = _tokens_of_folded(place)
        if not all(t in doc_freq for t in tokens):
            continue
        if not place.isascii() and place not in blob:
            continue
        if place in name_keys:
            out[place] = ()
        else:
            out[place] = tuple(sorted(k for k in name_keys if place in k))
    return out


def _foreign_place(index: SearchIndex, text: str) -> bool:
    """Whether folded query ``text`` names a place the base does not cover."""
    for match in _PLACES_RE.finditer(text):
        holders = index.places.get(match.group())
        if holders is None or (holders and not any(h in text for h in holders)):
            return True
    return False


def _join(texts: list[str]) -> tuple[str, tuple[int, ...]]:
    starts: list[int] = []
    pos = 0
    for text in texts:
        starts.append(pos)
        pos += len(text) + 1
    return "\x00".join(texts), tuple(starts)


# --------------------------------------------------------------------------- matching


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() and not _is_cjk(ch)


def _needs_boundary(term: str) -> bool:
    return bool(term) and _is_word_char(term[0])


def _docs_containing(text: str, starts: tuple[int, ...], needle: str) -> list[int]:
    """Documents of a joined text that contain ``needle`` (at a word start if Latin)."""
    docs: list[int] = []
    if not needle or "\x00" in needle:
        return docs
    boundary = _needs_boundary(needle)
    pos = text.find(needle)
    while pos != -1:
        if boundary and pos > 0 and _is_word_char(text[pos - 1]):
            pos = text.find(needle, pos + 1)
            continue
        doc = bisect_right(starts, pos) - 1
        docs.append(doc)
        if doc + 1 >= len(starts):
            break
        pos = text.find(needle, starts[doc + 1])
    return docs


def highlight_spans(text: str, terms: Iterable[str]) -> list[tuple[int, int]]:
    """Sorted, merged ``(start, end)`` spans of ``text`` (original indices) matching terms.

    Terms are folded like the text; Latin terms match at word starts and their span
    runs to the end of the word; runs of spaces in a term match runs of blanks.
    """
    folded, starts, ends = _fold_with_map(text)
    spans: list[tuple[int, int]] = []
    for raw in terms:
        term = _norm(raw)
        if not term:
            continue
        boundary = _needs_boundary(term)
        if " " in term:
            pattern = re.compile(" +".join(re.escape(part) for part in term.split(" ")))
            found = [(m.start(), m.end()) for m in pattern.finditer(folded)]
        else:
            found = []
            pos = folded.find(term)
            while pos != -1:
                found.append((pos, pos + len(term)))
                pos = folded.find(term, pos + len(term))
        for a, z in found:
            if boundary and a > 0 and _is_word_char(folded[a - 1]):
                continue
            if boundary and _is_word_char(folded[z - 1]):
                while z < len(folded) and _is_word_char(folded[z]):
                    z += 1
            spans.append((starts[a], ends[z - 1]))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for a, z in spans:
        if merged and a <= merged[-1][1]:
            if z > merged[-1][1]:
                merged[-1] = (merged[-1][0], z)
        else:
            merged.append((a, z))
    return merged


# --------------------------------------------------------------------------- search


@dataclass(frozen=True)
class Hit:
    """One search result: the record, its score, the folded terms to highlight."""

    kind: HitKind
    record: Fact | Entity | Section
    score: float
    matched_terms: tuple[str, ...]
    exact: bool
    #: Share of the query's IDF-weighted content units the record covers (0..1).
    coverage: float = 0.0


@dataclass
class _Term:
    text: str
    units: list[str]


@dataclass
class _Query:
    whole: str
    terms: list[_Term]
    content_terms: list[int]
    score_tokens: dict[str, float]  # token -> query weight
    alternatives: dict[str, tuple[str, ...]]  # token -> related tokens of the base
    unit_weight: dict[str, float]  # unit -> IDF weight
    unit_credit: dict[str, float]  # unit -> share covered when found as a token
    surfaces: dict[str, list[str]]  # token -> folded forms to highlight
    quantity: bool
    focus: tuple[str, ...] = ()  # tokens naming the counted thing (with alternatives)
    measures: tuple[str, ...] = ()  # Chinese measure words after 多少 / 几
    count: bool = False  # asks "how many" of something other than a share


_QUANTITY_EN = re.compile(r"\bhow (?:many|much|big|large)\b|\b(?:number|amount|count) of\b")
_QUANTITY_ZH = re.compile(rf"多少|几|数量|总数|(?<=[{_CJK}]{{2}})数(?![{_CJK}])")


def _idf(index: SearchIndex, df: int) -> float:
    n = index.size
    return math.log(1.0 + (n - df + 0.5) / (df + 0.5))


def _analyse(index: SearchIndex, raw_terms: Sequence[str]) -> _Query:
    terms = [t for t in (_norm(raw) for raw in raw_terms) if t]
    whole = " ".join(terms)
    segmented = [_query_segments(t) for t in terms]

    score_tokens: dict[str, float] = {}
    alternatives: dict[str, tuple[str, ...]] = {}
    unit_weight: dict[str, float] = {}
    unit_credit: dict[str, float] = {}
    surfaces: dict[str, list[str]] = {}
    out_terms: list[_Term] = []
    share: dict[str, float] = {}

    def alternatives_of(token: str) -> tuple[str, ...]:
        return tuple(a for a in _ALTERNATIVES.get(token, ()) if a in index.doc_freq)

    def known(token: str) -> bool:
        return token in index.doc_freq or bool(alternatives_of(token))

    def weight(token: str) -> float:
        # A token the base lacks weighs as its rarest alternative, or the most of all.
        df = index.doc_freq.get(token, 0)
        if not df:
            df = min((index.doc_freq[a] for a in alternatives_of(token)), default=0)
        return _idf(index, df) * (ABSENT_WEIGHT if not df else 1.0)

    def add_alternatives(token: str) -> None:
        alts = alternatives_of(token)
        if alts:
            alternatives[token] = alts
            for alt in alts:
                surfaces.setdefault(alt, list(_ALT_FORMS.get(alt, (alt,))))

    for text, segments in zip(terms, segmented, strict=True):
        units: list[str] = []
        measure_orphans: list[str] = []
        known_chars: set[str] = set()
        cjk_total = sum(len(run) for run, _ws in segments)
        for run, _ws in segments:
            for k in range(len(run) - 1):
                if known(run[k : k + 2]):
                    known_chars.update(run[k : k + 2])
        surface_words = [m.group() for m in _TOKEN_RE.finditer(text) if m.lastgroup != "cjk"]
        for run, words in segments:
            for word in words:
                units.append(word)
                score_tokens[word] = 1.0
                add_alternatives(word)
                forms = surfaces.setdefault(word, [word])
                forms.extend(s for s in surface_words if _stem(s) == word and s not in forms)
                if word == _PERCENT and "%" not in forms:
                    forms.append("%")
            alone = len(run) == 1 and cjk_total == 1
            if len(run) == 2 and not known(run):
                # A two-character run between question words is a word, not a
                # boundary artefact: the base lacks it, and it counts as missing.
                units.append(run)
                for ch in run:
                    score_tokens[ch] = max(score_tokens.get(ch, 0.0), UNIGRAM_WEIGHT)
                continue
            for ch in run:
                full = alone or ch in MEANINGFUL_UNIGRAMS
                qw = 1.0 if full else UNIGRAM_WEIGHT
                score_tokens[ch] = max(score_tokens.get(ch, 0.0), qw)
                if full:
                    surfaces.setdefault(ch, [ch])
                if ch in known_chars:
                    continue
                if ch in MEASURE_WORDS and not alone:
                    measure_orphans.append(ch)
                    continue
                units.append(ch)
                unit_credit[ch] = max(unit_credit.get(ch, 0.0), qw)
                add_alternatives(ch)
            found = [k for k in range(len(run) - 1) if known(run[k : k + 2])]
            # Overlapping bigrams share their characters: a run's known bigrams weigh
            # as many words as the characters they cover make (two to a word).
            spread = len({k + d for k in found for d in (0, 1)}) / (2 * len(found) or 1)
            for k in found:
                bigram = run[k : k + 2]
                units.append(bigram)
                share[bigram] = max(share.get(bigram, 0.0), spread)
                score_tokens[bigram] = 1.0
                surfaces.setdefault(bigram, [bigram])
                add_alternatives(bigram)
        if not units and measure_orphans:
            for ch in measure_orphans:
                units.append(ch)
                unit_credit[ch] = max(unit_credit.get(ch, 0.0), UNIGRAM_WEIGHT)
        unique = list(dict.fromkeys(units))
        for unit in unique:
            unit_weight[unit] = weight(unit) * share.get(unit, 1.0)
            unit_credit.setdefault(unit, 1.0)
        out_terms.append(_Term(text=text, units=unique))

    quantity = bool(_QUANTITY_ZH.search(whole) or _QUANTITY_EN.search(whole))
    measures, focus = _focus_tokens(whole)
    asks_share = any(t in _PERCENT_WORDS for t in score_tokens)
    count = not asks_share and bool(measures or _COUNT_EN.search(whole))
    focus.update(t for t in score_tokens if t == _PERCENT or _PERCENT in _ALTERNATIVES.get(t, ()))
    if focus & _PERCENT_WORDS:
        focus.add(_PERCENT)
    focus.update(a for t in list(focus) for a in _SYNONYMS.get(t, ()))
    return _Query(
        whole=whole,
        terms=out_terms,
        content_terms=[k for k, t in enumerate(out_terms) if t.units],
        score_tokens=score_tokens,
        alternatives=alternatives,
        unit_weight=unit_weight,
        unit_credit=unit_credit,
        surfaces=surfaces,
        quantity=quantity,
        focus=tuple(sorted(t for t in focus if t in index.doc_freq)),
        measures=tuple(sorted(t for t in measures if t in index.doc_freq)),
        count=count,
    )


def _is_key(index: SearchIndex, key: str) -> bool:
    return key in index.id_keys or key in index.name_keys


def _record(base: FactBase, kind: str, rid: str) -> Fact | Entity | Section | None:
    if kind == "fact":
        return base.fact_by_id.get(rid)
    if kind == "entity":
        return base.entity_by_id.get(rid)
    return base.section_by_id.get(rid)


def _unit_docs(index: SearchIndex, tokens: Iterable[str]) -> set[int]:
    """Documents whose unit field holds one of ``tokens``."""
    docs: set[int] = set()
    for token in tokens:
        flat = index.postings.get(token, ())
        docs.update(flat[k] for k in range(0, len(flat), 3) if flat[k + 1] == _F_UNIT)
    return docs


def search(
    base: FactBase,
    index: SearchIndex,
    query_terms: Sequence[str],
    limit: int | None = None,
) -> list[Hit]:
    """Records of ``base`` relevant to the query terms, best first; [] for an empty query.

    ``index`` must come from ``build_index`` on the same base (records it does not
    find in ``base`` are skipped). ``limit`` None means all hits.
    """
    if isinstance(query_terms, str):
        query_terms = [query_terms]
    query = _analyse(index, query_terms)
    if not query.terms or (limit is not None and limit <= 0):
        return []
    if _foreign_place(index, query.whole):
        return []

    scores: dict[int, float] = {}
    credits: dict[int, dict[str, float]] = {}
    found: dict[int, set[str]] = {}
    avg = index.avg_field_lengths
    lengths = index.field_lengths
    for token, qw in query.score_tokens.items():
        # A token and its alternatives count once per document: the best of them.
        best: dict[int, float] = {}
        is_unit = token in query.unit_weight
        base_credit = query.unit_credit.get(token, 1.0)
        own_df = index.doc_freq.get(token, 0)
        own_idf = _idf(index, own_df) if own_df else None
        for alt, factor in (
            (token, 1.0),
            *((a, SYNONYM_WEIGHT) for a in query.alternatives.get(token, ())),
        ):
            flat = index.postings.get(alt)
            if not flat:
                continue
            # A related token is worth no more than the query's own token would be.
            idf = _idf(index, index.doc_freq.get(alt, 0))
            if alt != token and own_idf is not None:
                idf = min(idf, own_idf)
            idf_w = idf**IDF_POWER
            credit = base_credit * (1.0 if alt == token else SYNONYM_CREDIT)
            k = 0
            while k < len(flat):
                doc = flat[k]
                tf_w = 0.0
                while k < len(flat) and flat[k] == doc:
                    f, tf = flat[k + 1], flat[k + 2]
                    norm = 1.0 - B + B * lengths[doc][f] / avg[f]
                    tf_w += FIELD_WEIGHTS[f] * tf / norm
                    k += 3
                value = factor * qw * idf_w * tf_w / (K1 + tf_w)
                if value > best.get(doc, 0.0):
                    best[doc] = value
                found.setdefault(doc, set()).add(alt)
                if is_unit:
                    doc_credit = credits.setdefault(doc, {})
                    if credit > doc_credit.get(token, 0.0):
                        doc_credit[token] = credit
        for doc, value in best.items():
            scores[doc] = scores.get(doc, 0.0) + value

    # Records whose unit names what the question counts.
    focused = _unit_docs(index, query.focus)
    measured = _unit_docs(index, query.measures)
    shares = _unit_docs(index, (_PERCENT,)) if query.count else set()

    # Query terms found verbatim: they cover all their units.
    verbatim: dict[int, list[int]] = {}
    seen_terms: set[str] = set()
    for t_no in query.content_terms:
        text = query.terms[t_no].text
        if text in seen_terms or len(text) > index.longest_text:
            continue
        seen_terms.add(text)
        for doc in _docs_containing(index.blob, index.blob_starts, text):
            verbatim.setdefault(doc, []).append(t_no)
    for doc, t_nos in verbatim.items():
        doc_credit = credits.setdefault(doc, {})
        for t_no in t_nos:
            for unit in query.terms[t_no].units:
                doc_credit[unit] = 1.0

    exact: dict[int, int] = {}
    # Each term is an exact key only when every term is one (a list of names or ids);
    # otherwise a name inside a question ("... does Jiangjin have") would outrank it.
    term_keys = {query.terms[t].text for t in query.content_terms}
    if all(_is_key(index, key) for key in term_keys):
        keys = {query.whole, *term_keys}
    else:
        keys = {query.whole}
    for key in keys:
        for doc in index.id_keys.get(key, ()):
            exact[doc] = EXACT_ID
        for doc in index.name_keys.get(key, ()):
            exact[doc] = max(exact.get(doc, 0), EXACT_NAME)
    if query.content_terms and len(query.whole) <= index.longest_text:
        for doc in _docs_containing(index.phrases, index.phrase_starts, query.whole):
            exact[doc] = max(exact.get(doc, 0), EXACT_PHRASE)

    total = sum(query.unit_weight.values())
    ranked: list[tuple[int, float, int, Hit]] = []
    for doc in set(credits) | set(exact):
        doc_credit = credits.get(doc, {})
        rank = exact.get(doc, 0)
        covered = sum(query.unit_weight[u] * c for u, c in doc_credit.items())
        coverage = covered / total if total > 0 else 0.0
        if not rank and coverage < MIN_COVERAGE:
            continue
        kind = index.kinds[doc]
        record = _record(base, kind, index.ids[doc])
        if record is None:
            continue
        t_verbatim = verbatim.get(doc, [])
        phrases = sum(1 for t in t_verbatim if len(query.terms[t].units) > 1)
        relevance = scores.get(doc, 0.0) + TERM_MATCH_BONUS * phrases
        relevance *= KIND_WEIGHTS.get(kind, 1.0) * coverage**COVERAGE_POWER
        if query.quantity and index.numeric[doc] and not (query.count and doc in shares):
            # A share does not answer "how many" (of people, schools ...).
            relevance *= QUANTITY_BOOST
        if doc in focused:
            relevance *= FOCUS_BOOST
        if doc in measured:
            relevance *= FOCUS_BOOST
        matched: list[str] = []
        if rank == EXACT_PHRASE or (rank and query.whole in keys):
            matched.append(query.whole)
        matched.extend(query.terms[t].text for t in t_verbatim)
        doc_found = found.get(doc, set())
        for token in query.score_tokens:
            if token in doc_found or token in doc_credit:
                matched.extend(query.surfaces.get(token, ()))
            for alt in query.alternatives.get(token, ()):
                if alt in doc_found:
                    matched.extend(query.surfaces.get(alt, ()))
        hit = Hit(
            kind=cast(HitKind, kind),
            record=record,
            score=relevance + EXACT_BONUS * rank,
            matched_terms=tuple(dict.fromkeys(m for m in matched if m)),
            exact=rank > 0,
            coverage=coverage,
        )
        ranked.append((rank, relevance, doc, hit))

    ranked.sort(key=lambda r: (-r[0], -r[1], r[2]))
    hits = [r[3] for r in ranked]
    return hits if limit is None else hits[:limit]
