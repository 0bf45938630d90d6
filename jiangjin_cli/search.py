"""Folding and ranked search over a fact base. Pure functions, no I/O, no printing.

Folding
    ``fold`` applies NFKC (full-width ``ＡＢＣ１２３`` becomes ``abc123``), case folding,
    drops quotation marks (“”‘’「」『』"' and their kin) and invisible format characters,
    and turns every whitespace character into a plain space. ``highlight_spans`` folds
    text cluster by cluster and keeps an index map, so spans point into the original
    text even where folding changed its length.

Tokens
    Text is cut into runs. A run of Chinese (CJK) characters yields its character
    bigrams and its single characters; a Latin run yields one word, lightly stemmed
    (``teachers`` -> ``teacher``, ``trained`` -> ``train``, ``won`` -> ``win``); a
    number yields itself without thousands separators (``2,729`` -> ``2729``).
    English stop words never become tokens. In a query, Chinese question words and
    particles (多少, 几, 有, 吗, 什么, 一共, 了, 的 ...) cut the run they sit in and
    carry no weight; a few words that merely contain one of them (有限, 了解, 普及 ...)
    are protected.

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
    term that occurs verbatim in the document adds ``TERM_MATCH_BONUS``; the sum is
    multiplied by ``KIND_WEIGHTS[kind]`` and, for facts with a value when the query
    asks for a quantity (多少, 几, how many ...), by ``QUANTITY_BOOST``.

Refusal (coverage)
    The query's content is a set of units, each weighted by its IDF: its words and
    numbers, its Chinese bigrams that occur somewhere in the base, and its "orphan"
    Chinese characters, those in no such bigram. Bigrams the base never contains are
    dropped as units: in unsegmented Chinese they are mostly word-boundary artefacts
    (江津区的中职学校在全国 -> 校在, 在全), and their characters stand for them instead.
    A unit absent from the whole base weighs the maximum IDF, so content the base lacks
    counts against every document. A document covers a unit when it contains the token
    (an orphan character found only as a single character counts ``UNIGRAM_WEIGHT``
    unless it is meaningful or the only Chinese character of its term), or when the
    query term holding the unit occurs verbatim in it. A document is a hit only when
    the covered share of the query's IDF mass is at least ``MIN_COVERAGE``, or when it
    is an exact match. On the real fact base, 33 answerable questions reach 0.44 to 1
    and 14 unanswerable ones at most 0.32.
    Measure words (所, 名, 个 ...) left as orphans carry no content.

Order
    Exact matches come first: a query term equal to a record id, then to an entity
    name, English name or alias or a section title, then the whole query found
    verbatim (after folding) in a quote, statement, name or title. Then, for a query of
    several content terms, documents matching every term. Then the score. The final
    ``Hit.score`` adds ``EXACT_BONUS`` per exactness rank so it sorts the same way in
    practice; the order itself never depends on that.

Latin terms match only at the start of a word (``school`` finds ``schools``, ``art``
does not find ``start``); Chinese terms match anywhere.
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
    "EXACT_BONUS",
    "FIELD_NAMES",
    "FIELD_WEIGHTS",
    "IDF_POWER",
    "INDEX_FORMAT",
    "K1",
    "KIND_WEIGHTS",
    "MEANINGFUL_UNIGRAMS",
    "MEASURE_WORDS",
    "MIN_COVERAGE",
    "QUANTITY_BOOST",
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
FIELD_WEIGHTS: tuple[float, ...] = (3.0, 3.0, 1.5, 1.5, 1.0, 1.5, 0.8, 0.5)

_F_ID, _F_NAME, _F_QUOTE, _F_STATEMENT, _F_UNIT, _F_TAGS, _F_ENTITIES, _F_SECTION = range(8)

#: Query weight of a single Chinese character, and the share of a unit it covers.
UNIGRAM_WEIGHT = 0.25
#: Single characters that carry a meaning of their own in this article (medals).
MEANINGFUL_UNIGRAMS: frozenset[str] = frozenset("金银铜")
#: Measure words: as orphan characters of a query they carry no content.
MEASURE_WORDS: frozenset[str] = frozenset("所名个家项位次人元块枚座种类批届门支条期")

#: Exponent on IDF in the score: 1 is plain BM25; above 1 favours rare terms more (a
#: three-character name makes two overlapping bigrams and would otherwise outweigh a
#: rarer two-character word).
IDF_POWER = 1.5
#: Share of the query's IDF-weighted content a hit must cover (see module docstring).
MIN_COVERAGE = 0.4
#: Added to the relevance for each query term found verbatim in the document.
TERM_MATCH_BONUS = 1.0
#: Added to ``Hit.score`` per exactness rank (id 3, name 2, phrase 1).
EXACT_BONUS = 1000.0
#: Relevance multipliers per kind of record.
KIND_WEIGHTS: dict[str, float] = {"fact": 1.0, "entity": 0.9, "section": 0.8}
#: Multiplier for facts with a value when the query asks "how many / how much".
QUANTITY_BOOST = 1.15

EXACT_ID = 3
EXACT_NAME = 2
EXACT_PHRASE = 1

#: Version of ``SearchIndex.to_dict`` output; bump when the layout or tokens change.
INDEX_FORMAT = 1

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


def _norm(text: str) -> str:
    """Fold and collapse runs of spaces; the form of query terms and indexed text."""
    return _SPACES_RE.sub(" ", fold(text)).strip()


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
)
_CJK_RE = re.compile(rf"[{_CJK}]")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_EN_STOP = _words(
    """a an the of in on at to for by with from into about as and or but nor so than then
    is are was were be been being am do does did done doing has have had having
    how many much what which who whom whose when where why whether there here
    it its this that these those they them their he she his her we our us you your i me my
    can could will would shall should may might must any some all each every
    tell please give show list number total count get
    not no yes if also just only very more most"""
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
}

_NO_UNDOUBLE = frozenset("lszaeiouy")


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    """A light English stemmer: plurals, -ed, -ing, and a few irregular forms."""
    irregular = _EN_IRREGULAR.get(word)
    if irregular is not None:
        return irregular
    n = len(word)
    if n <= 3 or not word.isascii():
        return word
    if word.endswith(("ies", "ied")) and n > 4:
        return word[:-3] + "y"
    if word.endswith("sses"):
        return word[:-2]
    if word.endswith(("ches", "shes", "xes", "zes")):
        return word[:-2]
    if word.endswith("ation") and n > 7:
        return word[:-5] + "ate"
    if word.endswith("ing") and n > 5:
        return _undouble(word[:-3])
    if word.endswith("ed") and n > 4 and not word.endswith("eed"):
        return _undouble(word[:-2])
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _undouble(stem: str) -> str:
    if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in _NO_UNDOUBLE:
        return stem[:-1]
    return stem


# Chinese question words and particles; they cut a query run and carry no weight.
_ZH_STOP = _words(
    """多少 几 几个 有 吗 呢 吧 啊 呀 么 嘛 什么 哪些 哪个 哪里 哪儿 哪 一共 总共 共计 合计 总计
    了 的 地 得 是 请问 请 告诉 我 你 他 她 它 们 我们 怎么 怎样 如何 为什么 为何 是否 是不是
    有没有 没有 都 在 和 还是 就是 正在 到底 大概 大约 这 那 这些 那些 这个 那个 呢 啦 过"""
)
# Words that contain a stop word but are content.
_ZH_PROTECTED = _words(
    """有限 有效 有关 有力 有序 具有 拥有 所有 共有 了解 目的 的确 在校 现在 存在 实在 所在
    总和 和谐 成都 首都 都市 几何 地区 地方 基地 园地 土地 场地
    是非 他们 我们 人们 那么 这么 怎么 过程 通过 超过 经过 它们"""
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
    return _tokens_of_folded(fold(text))


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
            out.extend((part, ()) for part in _split_stops(piece))
        elif kind == "num":
            out.append(("", (_number(piece),)))
        elif piece not in _EN_STOP:
            out.append(("", (_stem(piece),)))
    return out


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
        longest_text=max((len(t) for t in doc_texts), default=0),
    )


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
    unit_weight: dict[str, float]  # unit -> IDF weight
    unit_credit: dict[str, float]  # unit -> share covered when found as a token
    surfaces: dict[str, list[str]]  # token -> folded forms to highlight
    quantity: bool


_QUANTITY_EN = re.compile(r"\bhow (?:many|much)\b|\bnumber of\b")


def _idf(index: SearchIndex, df: int) -> float:
    n = index.size
    return math.log(1.0 + (n - df + 0.5) / (df + 0.5))


def _analyse(index: SearchIndex, raw_terms: Sequence[str]) -> _Query:
    terms = [t for t in (_norm(raw) for raw in raw_terms) if t]
    whole = " ".join(terms)
    segmented = [_query_segments(t) for t in terms]

    score_tokens: dict[str, float] = {}
    unit_weight: dict[str, float] = {}
    unit_credit: dict[str, float] = {}
    surfaces: dict[str, list[str]] = {}
    out_terms: list[_Term] = []

    def weight(token: str) -> float:
        return _idf(index, index.doc_freq.get(token, 0))

    for text, segments in zip(terms, segmented, strict=True):
        units: list[str] = []
        measure_orphans: list[str] = []
        known_chars: set[str] = set()
        cjk_total = sum(len(run) for run, _ws in segments)
        for run, _ws in segments:
            for k in range(len(run) - 1):
                if run[k : k + 2] in index.doc_freq:
                    known_chars.update(run[k : k + 2])
        surface_words = [m.group() for m in _TOKEN_RE.finditer(text) if m.lastgroup != "cjk"]
        for run, words in segments:
            for word in words:
                units.append(word)
                score_tokens[word] = 1.0
                forms = surfaces.setdefault(word, [word])
                forms.extend(s for s in surface_words if _stem(s) == word and s not in forms)
            alone = len(run) == 1 and cjk_total == 1
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
            for k in range(len(run) - 1):
                bigram = run[k : k + 2]
                if bigram in index.doc_freq:
                    units.append(bigram)
                    score_tokens[bigram] = 1.0
                    surfaces.setdefault(bigram, [bigram])
        if not units and measure_orphans:
            for ch in measure_orphans:
                units.append(ch)
                unit_credit[ch] = max(unit_credit.get(ch, 0.0), UNIGRAM_WEIGHT)
        unique = list(dict.fromkeys(units))
        for unit in unique:
            unit_weight[unit] = weight(unit)
            unit_credit.setdefault(unit, 1.0)
        out_terms.append(_Term(text=text, units=unique))

    quantity = any(m in whole for m in ("多少", "几")) or bool(_QUANTITY_EN.search(whole))
    return _Query(
        whole=whole,
        terms=out_terms,
        content_terms=[k for k, t in enumerate(out_terms) if t.units],
        score_tokens=score_tokens,
        unit_weight=unit_weight,
        unit_credit=unit_credit,
        surfaces=surfaces,
        quantity=quantity,
    )


def _record(base: FactBase, kind: str, rid: str) -> Fact | Entity | Section | None:
    if kind == "fact":
        return base.fact_by_id.get(rid)
    if kind == "entity":
        return base.entity_by_id.get(rid)
    return base.section_by_id.get(rid)


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

    scores: dict[int, float] = {}
    credits: dict[int, dict[str, float]] = {}
    found: dict[int, set[str]] = {}
    avg = index.avg_field_lengths
    lengths = index.field_lengths
    for token, qw in query.score_tokens.items():
        flat = index.postings.get(token)
        if not flat:
            continue
        idf_w = _idf(index, index.doc_freq.get(token, 0)) ** IDF_POWER
        credit = query.unit_credit.get(token) if token in query.unit_weight else None
        k = 0
        while k < len(flat):
            doc = flat[k]
            tf_w = 0.0
            while k < len(flat) and flat[k] == doc:
                f, tf = flat[k + 1], flat[k + 2]
                norm = 1.0 - B + B * lengths[doc][f] / avg[f]
                tf_w += FIELD_WEIGHTS[f] * tf / norm
                k += 3
            scores[doc] = scores.get(doc, 0.0) + qw * idf_w * tf_w / (K1 + tf_w)
            found.setdefault(doc, set()).add(token)
            if credit is not None:
                credits.setdefault(doc, {})[token] = credit

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
    keys = {query.whole, *(t.text for t in query.terms)}
    for key in keys:
        for doc in index.id_keys.get(key, ()):
            exact[doc] = EXACT_ID
        for doc in index.name_keys.get(key, ()):
            exact[doc] = max(exact.get(doc, 0), EXACT_NAME)
    if query.content_terms and len(query.whole) <= index.longest_text:
        for doc in _docs_containing(index.phrases, index.phrase_starts, query.whole):
            exact[doc] = max(exact.get(doc, 0), EXACT_PHRASE)

    total = sum(query.unit_weight.values())
    several = len({query.terms[t].text for t in query.content_terms}) > 1
    ranked: list[tuple[int, int, float, int, Hit]] = []
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
        all_terms = 0
        if several:
            all_terms = int(
                all(
                    t in t_verbatim or all(u in doc_credit for u in query.terms[t].units)
                    for t in query.content_terms
                )
            )
        relevance = scores.get(doc, 0.0) + TERM_MATCH_BONUS * len(t_verbatim)
        relevance *= KIND_WEIGHTS.get(kind, 1.0)
        if query.quantity and index.numeric[doc]:
            relevance *= QUANTITY_BOOST
        matched: list[str] = []
        if rank == EXACT_PHRASE or (rank and query.whole in keys):
            matched.append(query.whole)
        matched.extend(query.terms[t].text for t in t_verbatim)
        doc_found = found.get(doc, set())
        for token in query.score_tokens:
            if token in doc_found or token in doc_credit:
                matched.extend(query.surfaces.get(token, ()))
        hit = Hit(
            kind=cast(HitKind, kind),
            record=record,
            score=relevance + EXACT_BONUS * rank,
            matched_terms=tuple(dict.fromkeys(m for m in matched if m)),
            exact=rank > 0,
            coverage=coverage,
        )
        ranked.append((rank, all_terms, relevance, doc, hit))

    ranked.sort(key=lambda r: (-r[0], -r[1], -r[2], r[3]))
    hits = [r[4] for r in ranked]
    return hits if limit is None else hits[:limit]
