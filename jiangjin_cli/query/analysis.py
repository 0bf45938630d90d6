"""A query read for ranking: its units and their weights, what it asks. No I/O.

:func:`analyse` turns a query's words into units (English stems, Chinese pairs of
characters the base holds, characters outside every known pair), weighs each by its
IDF (a unit the base lacks weighs ``ABSENT_WEIGHT`` times the most), finds its related
words, and reads what the question asks: a quantity (how many, 多少), what it counts
(its focus and measure words, :mod:`.counted`), a date. :mod:`jiangjin_cli.query.search`
ranks with it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from jiangjin_cli.numbers import english_quantities
from jiangjin_cli.pinyin import query_tokens as pinyin_query_tokens
from jiangjin_cli.query.change import change_asked
from jiangjin_cli.query.counted import COUNT_EN, counted_things, pinyin_count, quantity_cues_zh
from jiangjin_cli.query.reading import (
    ALT_FORMS,
    ANSWER_WORDS,
    MEANINGFUL_UNIGRAMS,
    MEASURE_WORDS,
    near_spellings,
    pinyin_of,
    prepared_terms,
    related_words,
    synonyms,
)
from jiangjin_cli.store.index import Index
from jiangjin_cli.text import lazy_pattern
from jiangjin_cli.tokens import (
    CJK,
    EN_STOP,
    PERCENT,
    TOKEN_RE,
    is_cjk,
    query_segments,
    split_stops,
    stem,
)

__all__ = [
    "ABSENT_WEIGHT",
    "COMMON_SHARE",
    "LONE_SHARE",
    "MEANINGFUL_UNIGRAMS",
    "UNIGRAM_WEIGHT",
    "Query",
    "Term",
    "analyse",
    "english_names",
    "inverse_df",
    "listed_numbers",
]

#: Query weight of a single Chinese character: bigrams carry the meaning.
UNIGRAM_WEIGHT = 0.25
#: Weight of query content the base lacks: it counts against every record.
ABSENT_WEIGHT = 1.5
#: Weight of a Chinese character the base never writes, outside every known pair.
LONE_SHARE = 0.5
#: Share of ``ABSENT_WEIGHT`` for an English word the base lacks that is not a name:
#: paraphrase and talk (forward, roughly, bring) are common words; the topics a
#: question can lack are names (Huawei, GDP), or are caught by what it counts or asks.
COMMON_SHARE = 1 / 3

#: English names as written: a capitalised word not opening a sentence, or capitals.
_NAME_EN = lazy_pattern(r"(?<![.?!:]\s)(?<!^)\b[A-Z][A-Za-z]*\b|\b[A-Z]{2,}\b")


def english_names(raw_terms: Sequence[str]) -> frozenset[str]:
    """The stems of the English names of a query as typed (Olympics, GDP)."""
    return frozenset(
        stem(m.group().lower())
        for raw in raw_terms
        if any("A" <= ch <= "Z" for ch in raw)  # compiled only for a query with capitals
        for m in _NAME_EN().finditer(raw.strip())
    )


_PERCENT_WORDS = frozenset({PERCENT, *related_words(PERCENT)})


@dataclass
class Term:
    """A word or phrase of a query and the units it asks the base to cover."""

    text: str
    units: list[str]


@dataclass
class Query:
    """A query read for ranking: its units, their weights, and what it asks."""

    whole: str
    terms: list[Term]
    content_terms: list[int]  # words and phrases with content, for verbatim matches
    given_terms: list[int]  # the terms as given, for exact matches of names and ids
    score_tokens: dict[str, float]  # token -> query weight
    alternatives: dict[str, tuple[str, ...]]  # token -> related tokens of the base
    unit_weight: dict[str, float]  # unit -> IDF weight
    unit_credit: dict[str, float]  # unit -> share covered when found as a token
    surfaces: dict[str, list[str]]  # token -> folded forms to highlight
    quantity: bool
    when: bool = False  # asks when (a date or a year)
    money: bool = False  # asks an amount of money
    focus: tuple[str, ...] = ()  # tokens naming the counted thing (with alternatives)
    measures: tuple[str, ...] = ()  # Chinese measure words after 多少 / 几
    count: bool = False  # asks "how many" of something other than a share
    change: str = ""  # asks a figure of a change: "after", "before" or "by" (CHANGE_WORDS)
    ordinal: bool = False  # asks a place in an order (第几批, 排第几名)


#: Asks when: answered by a record that writes a year.
WHEN_ASKED = re.compile(r"什么时候|哪一?年|何时|\bwhen\b|\b(?:what|which) year\b")
#: Asks a place in an order: answered by a record that writes one (首批, 第一, 第3名).
ORDINAL_ASKED = "第几"
#: How a record writes a place in an order.
ORDINAL_WRITTEN = ("第", "首")
#: A question asking for the names of what it counts: 分别, 叫什么名字 (叫啥), 具体是什么,
#: 都是哪些, the names of, which ones, list the; and 哪些 with the noun it asks to name.
_NAMING = lazy_pattern(
    r"分别|叫什么|叫啥|具体(?:都)?是(?:哪|什么)|都有哪些|都是哪些"
    r"|\bwhich ones\b|\bnames? of\b|\bname them\b|\bby name\b|\bwhich are the\b"
    r"|\bname (?:some|any|all|a few)\b|\blist (?:the|all|some)\b"
)
_WHICH_OF = lazy_pattern(rf"哪些([{CJK}]{{2}})")
#: "Which majors are among the 36 key specialties": the noun "which" asks to name, and a
#: number with the words after it (what it counts).
_WHICH_EN = lazy_pattern(r"\bwhich (?:[0-9]+ )?([a-z]+)")
_COUNTED_EN = lazy_pattern(r"(?<![\w.])([0-9][0-9,]*(?:\.[0-9]+)?)\+?((?: [a-z][a-z'-]*){1,4})")
#: A count and the noun phrase after it: 2所国家双高计划高职, 36个重点(特色)专业.
_COUNTED = lazy_pattern(rf"([0-9]+(?:\.[0-9]+)?)[^{CJK}0-9]*([{CJK}()（）]*)")
#: A question asking how many of a number's things are something: a part of the number,
#: which a fact giving the number does not answer (how many of the 2,729 teachers are
#: women; 116家成员单位里有多少家是企业; 28枚金牌各学校分别拿了几枚).
_PART_OF = lazy_pattern(
    r"\b(?:how many|which|what) of (?:the |these |those |its |their )?([0-9][0-9,]*(?:\.[0-9]+)?)"
    r"(?![0-9])"
    # Of the 450-plus partner companies, how many are ...
    r"|(?<![a-z0-9] )\bof (?:the |these |those |its |their )?([0-9][0-9,]*(?:\.[0-9]+)?)(?![0-9])"
    r"[^,;?]{0,60}?,\s*(?:how many|which|what|who)\b"
    # 450多家合作企业里头有好多家是..., 1万人次里面,种植户和乡村工匠各好多 (好多: 多少 in
    # the south-west); a bare 中 or 里 reaches only four characters (13所中职学校一共有多少学生
    # asks no part).
    rf"|([0-9]+(?:\.[0-9]+)?万?)(?!年|个?月|天|周|日|小时|分钟)[^{CJK}0-9]{{0,2}}[{CJK}]{{1,12}}?"
    rf"(?:(?:之中|当中|里面|里头|里边)[,]?[{CJK}]{{0,10}}?(?:有|是)?"
    rf"|(?:里|中)(?:,[{CJK}]{{0,10}}?|[{CJK}]{{0,4}}?)(?:有|是)?"
    rf"|各[{CJK}]{{1,6}}?分别[{CJK}]{{0,3}}?)"
    rf"(?:多少|几|好多)"
)
#: English words of money: a question asking "how much" with one of them asks an amount.
_MONEY_EN = (
    "(?:money|costs?|costing|spend|spent|spending|invest|invested|investment|fund|funded"
    "|funding|funds|budget|pay|paid|yuan|rmb|earn|earns|earned|salary|salaries|wages?"
    "|income|price|fees?|tuition|charges?|charged)"
)
#: A question asking an amount of money: how much ... cost / spend / invest, 多少钱, 投入多少.
_MONEY = lazy_pattern(
    r"多少(?:钱|资金|经费|万?元|亿元)|(?:投入|投资|花费|花了|拨付|出资|拿出)了?多少"
    # 能贷多少, 奖励多少: money given; 资助了多少名学生 counts who got it.
    r"|(?:贷|借|捐|捐赠|资助|补助|补贴|奖励|奖补|筹集|募集|划拨)了?多少"
    r"(?![所名个家项位次人户批件台套场期份条种类块枚座届门支张本间处])"
    rf"|\bhow much\b(?=.*\b{_MONEY_EN}\b)|\b{_MONEY_EN}\b.*\bhow much\b"
)
_QUANTITY_EN = re.compile(r"\bhow (?:many|much|big|large)\b|\b(?:number|amount|count) of\b")


def _pinyin_name(index: Index, word: str) -> list[tuple[str, tuple[str, ...]]] | None:
    """``word`` as the index's pinyin pairs, when it is a Latin word the base lacks whose
    pairs of syllables (two or more) the base holds; None otherwise."""
    if not word.isascii() or not word.isalpha() or index.doc_freq(stem(word)):
        return None
    pairs = pinyin_query_tokens([word])
    if not pairs or not all(index.doc_freq(p) for p in pairs):
        return None
    return [("", tuple(pairs))]


#: A round number said with "more than": 2700多, 2700余, more than 2,700, over 2,700.
_MORE_THAN = lazy_pattern(r"([0-9]+)(?=[多余])|\b(?:more than|over)\s+([0-9][0-9,]*)\b")
#: The most numbers a hedged one stands for (2700多: 2700 to 2799).
_MOST_IN_RANGE = 100


def more_than_numbers(whole: str) -> dict[str, tuple[str, ...]]:
    """Each round number folded question ``whole`` says with "more than" (2700多, over
    2,700), and the numbers it may stand for: those below its next round step (2700 to
    2799); a number with more than two final zeros (12万余: 120000) stands for itself."""
    found: dict[str, tuple[str, ...]] = {}
    for match in _MORE_THAN().finditer(whole):
        number = (match.group(1) or match.group(2)).replace(",", "")
        step = 10 ** (len(number) - len(number.rstrip("0")))
        if 1 < step <= _MOST_IN_RANGE:
            low = int(number)
            found[number] = tuple(str(n) for n in range(low + 1, low + step))
    return found


def part_numbers(whole: str) -> tuple[str, ...]:
    """The numbers a question asks a part of (how many of the 2,729 teachers are women:
    2729; 1万人次里面 ...: 10000), as the index writes a fact's value. A fact giving the
    number does not answer; a record that answers writes it (of the 2,729 teachers, ...)."""
    return tuple(dict.fromkeys(map(_in_units, parts_written(whole))))


def parts_written(whole: str) -> tuple[str, ...]:
    """The numbers of :func:`part_numbers` as the question writes them (1万), for a
    message."""
    if not any(map(str.isdigit, whole)):
        return ()
    found = (next(g for g in m.groups() if g).replace(",", "") for m in _PART_OF().finditer(whole))
    return tuple(dict.fromkeys(found))


def _in_units(number: str) -> str:
    """A number as the index writes a fact's value: 1.2万 -> 12000."""
    if not number.endswith("万"):
        return number
    value = float(number[:-1]) * 10_000
    return str(int(value)) if value.is_integer() else str(value)


def _noun_phrase(words: list[str]) -> list[str]:
    """The words of a noun phrase at the start of ``words``: up to the first stop word
    but "and" and "or" (36 key or featured specialties | in ...; 1200 people | with which)."""
    phrase: list[str] = []
    for word in words:
        if word in EN_STOP and word not in ("and", "or"):
            break
        phrase.append(word)
    return phrase


def listed_numbers(whole: str) -> tuple[str, ...]:
    """The numbers of the things a question asks to name (那2所高职叫什么名字: 2;
    36个重点专业具体都是哪些专业: 36; not 九所职业院校开展了哪些改革试点, which asks about
    the reforms); () for any other question. A fact that only counts them does not answer."""
    naming = bool(_NAMING().search(whole))
    asked = [m.group(1) for m in _WHICH_OF().finditer(whole)] if "哪些" in whole else []
    which = [stem(m.group(1)) for m in _WHICH_EN().finditer(whole)] if "which" in whole else []
    asked_en = {a for word in which for a in (word, *related_words(word))}
    if not naming and not asked and not asked_en:
        return ()
    numbers = [
        m.group(1)
        for m in _COUNTED().finditer(whole)
        if naming or any(noun in (split_stops(m.group(2)) or [""])[0] for noun in asked)
    ]
    numbers.extend(
        m.group(1).replace(",", "")
        for m in _COUNTED_EN().finditer(whole)
        if asked_en & {stem(word) for word in _noun_phrase(m.group(2).split())}
    )
    if naming:  # the two colleges: English numbers in words stay words in a query
        numbers.extend(
            str(int(q.value)) if q.value.is_integer() else str(q.value)
            for q in english_quantities(whole)
            if q.in_words
        )
    return tuple(dict.fromkeys(numbers))


#: The English words of a folded query (typo tolerance reads them as typed).
_LATIN_WORDS = lazy_pattern(r"[a-z]+")


def inverse_df(index: Index, df: int) -> float:
    """BM25's inverse document frequency of a token held by ``df`` documents."""
    n = index.size
    return math.log(1.0 + (n - df + 0.5) / (df + 0.5))


def analyse(index: Index, raw_terms: Sequence[str], names: frozenset[str] | None = None) -> Query:
    """Read ``raw_terms`` against ``index``: units (words, pairs of characters, characters
    outside known pairs), their weights and related words, and what the question asks.
    ``names`` are its English names (:func:`english_names`), when ``raw_terms`` have lost
    their capitals."""
    if names is None:
        names = english_names(raw_terms)
    terms = prepared_terms(index, raw_terms)
    whole = " ".join(terms)
    # Units are read word by word, so `search how many field schools` (words given
    # apart) and `search "how many field schools"` ask the same question; a term of
    # several words stays a phrase for verbatim and exact matches.
    given_words = [word for t in terms for word in t.split()]
    segmented = [query_segments(w) for w in given_words]
    spelled = pinyin_of(index, whole)
    if spelled:
        # Pinyin for the article's Chinese: one term of pair tokens, as an index holds.
        terms, given_words, segmented = [whole], [whole], [[("", tuple(spelled))]]
    else:
        # A Chinese name written in pinyin inside English (the Wenming Fengcai contest):
        # a word the base lacks that is pinyin of pairs it holds reads as those pairs.
        segmented = [
            _pinyin_name(index, w) or segments
            for w, segments in zip(given_words, segmented, strict=True)
        ]

    score_tokens: dict[str, float] = {}
    alternatives: dict[str, tuple[str, ...]] = {}
    unit_weight: dict[str, float] = {}
    unit_credit: dict[str, float] = {}
    surfaces: dict[str, list[str]] = {}
    out_terms: list[Term] = []
    share: dict[str, float] = {}

    hedged = more_than_numbers(whole) if any(map(str.isdigit, whole)) else {}
    # The English words as typed, by stem: a typo the stemmer cuts (jiangjing -> jiangj)
    # is one edit from a word of the base before it is cut.
    typed = {stem(w): w for w in _LATIN_WORDS().findall(whole)}

    looked_up: dict[str, tuple[str, ...]] = {}

    def alternatives_of(token: str) -> tuple[str, ...]:
        if token not in looked_up:  # asked for each token more than once
            looked_up[token] = _alternatives_of(token)
        return looked_up[token]

    def _alternatives_of(token: str) -> tuple[str, ...]:
        if token in hedged and not index.doc_freq(token):
            return tuple(n for n in hedged[token] if index.doc_freq(n))
        found = tuple(a for a in related_words(token) if index.doc_freq(a))
        if found or index.doc_freq(token) or spelled:
            # Pinyin one letter off is another word (quzhang 区长, quzheng 区政), not a typo.
            return found
        return near_spellings(index, token, typed.get(token, ""))

    def known(token: str) -> bool:
        return bool(index.doc_freq(token)) or bool(alternatives_of(token))

    def weight(token: str) -> float:
        # A token the base lacks weighs as its rarest alternative, or the most of all.
        df = index.doc_freq(token)
        if not df:
            df = min((index.doc_freq(a) for a in alternatives_of(token)), default=0)
        if df:
            return inverse_df(index, df)
        common = token.isascii() and token.isalpha() and token not in names
        return inverse_df(index, df) * ABSENT_WEIGHT * (COMMON_SHARE if common else 1.0)

    def add_alternatives(token: str) -> None:
        alts = alternatives_of(token)
        if alts:
            alternatives[token] = alts
            for alt in alts:
                surfaces.setdefault(alt, list(ALT_FORMS.get(alt, (alt,))))

    for text, segments in zip(given_words, segmented, strict=True):
        units: list[str] = []
        measure_orphans: list[str] = []
        known_chars: set[str] = set()
        cjk_total = sum(len(run) for run, _ws in segments)
        for run, _ws in segments:
            for k in range(len(run) - 1):
                if known(run[k : k + 2]):
                    known_chars.update(run[k : k + 2])
        surface_words = [m.group() for m in TOKEN_RE.finditer(text) if m.lastgroup != "cjk"]
        for run, run_words in segments:
            for word in run_words:
                # A word for the form of the answer (name, figure) that the base does
                # not write is no content it must hold; held, it counts as any word.
                if not (word in ANSWER_WORDS and not known(word)):
                    units.append(word)
                score_tokens[word] = 1.0
                add_alternatives(word)
                forms = surfaces.setdefault(word, [word])
                forms.extend(s for s in surface_words if stem(s) == word and s not in forms)
                if word == PERCENT and "%" not in forms:
                    forms.append("%")
            alone = len(run) == 1 and cjk_total == 1
            if len(run) == 2 and not known(run):
                # A two-character run between question words is a word, not a
                # boundary artefact: the base lacks it, and it counts as missing
                # (unless it names the form of the answer: 叫什么名字).
                if run not in ANSWER_WORDS:
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
            # A character the base never writes is half of an unknown word (two
            # characters to a word, as with pairs): talk around a question (麻烦, 哈)
            # costs less, and a two-character word the base lacks weighs in full.
            lone = len(unit) == 1 and is_cjk(unit) and not index.doc_freq(unit)
            unit_weight[unit] = weight(unit) * share.get(unit, 1.0) * (LONE_SHARE if lone else 1.0)
            unit_credit.setdefault(unit, 1.0)
        out_terms.append(Term(text=text, units=unique))
    units_of = {t.text: t.units for t in out_terms}
    out_terms.extend(
        Term(text=t, units=list(dict.fromkeys(u for w in t.split() for u in units_of[w])))
        for t in dict.fromkeys(terms)
        if t not in units_of
    )
    given = set(terms)

    # 哪几项 asks which, not how many.
    # A pinyin "how many" counts things when it names what (shifanyuan duoshao: parks);
    # zhanbi duoshao, chanzhi duoshao ask a share, an amount.
    asks_pinyin_count = pinyin_count(whole)
    quantity = asks_pinyin_count or bool(
        next(quantity_cues_zh(whole.replace("哪几", "")), None) or _QUANTITY_EN.search(whole)
    )
    measures, focus = counted_things(whole)
    asks_share = any(t in _PERCENT_WORDS for t in score_tokens)
    count = not asks_share and bool(measures or asks_pinyin_count or COUNT_EN.search(whole))
    focus.update(t for t in score_tokens if t == PERCENT or PERCENT in related_words(t))
    if focus & _PERCENT_WORDS:
        focus.add(PERCENT)
    focus.update(a for t in list(focus) for a in synonyms(t))
    return Query(
        whole=whole,
        terms=out_terms,
        content_terms=[k for k, t in enumerate(out_terms) if t.units],
        given_terms=[k for k, t in enumerate(out_terms) if t.units and t.text in given],
        score_tokens=score_tokens,
        alternatives=alternatives,
        unit_weight=unit_weight,
        unit_credit=unit_credit,
        surfaces=surfaces,
        quantity=quantity,
        when=bool(WHEN_ASKED.search(whole)),
        money=("much" in whole or "多少" in whole) and bool(_MONEY().search(whole)),
        focus=tuple(sorted(t for t in focus if index.doc_freq(t))),
        measures=tuple(sorted(t for t in measures if index.doc_freq(t))),
        count=count,
        change=change_asked(whole),
        ordinal=ORDINAL_ASKED in whole,
    )
