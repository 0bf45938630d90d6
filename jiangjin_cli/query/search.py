"""Ranked search over a base's text index: relevance, coverage and refusal. No I/O.

The index (:mod:`jiangjin_cli.store.index`) knows tokens; this module knows what they
are worth. Every fact, entity and section is a document; a query token scores it
with BM25F over its fields (``FIELD_WEIGHTS``), IDF raised to ``IDF_POWER``, and
related words of ``CONCEPTS`` (vocabulary.txt) stand in at ``SYNONYM_WEIGHT``. The score is then
multiplied by the record's kind, by the share of the query it covers, and for a
quantity question by ``QUANTITY_BOOST`` and ``FOCUS_BOOST``. A record covering less
than ``MIN_COVERAGE`` of the query's IDF-weighted content is no hit (refusal); so is
every record when the question names a place the base does not mention. A question
holding a Chinese noun the base lacks is refused (:func:`unknown_topics`); one that
would be refused is ranked again without the talk around it (:func:`without_talk`:
clauses, Chinese words by part of speech, the English frame of an embedded question);
"how many" needs a number about what it counts and "when" a year. Exact matches (id,
then name, then the whole query verbatim) come first.

docs/search.md explains each step and the measurements behind every constant.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Literal, cast

from jiangjin_cli.model import Entity, Fact, FactBase, Section
from jiangjin_cli.pinyin import query_tokens as pinyin_query_tokens
from jiangjin_cli.query.language import prepare, tagged_words
from jiangjin_cli.query.vocabulary import vocabulary
from jiangjin_cli.store.index import F_UNIT, FIELD_NAMES, Index
from jiangjin_cli.text import fold, normalize
from jiangjin_cli.tokens import (
    CJK,
    EN_STOP,
    PERCENT,
    TOKEN_RE,
    is_cjk,
    query_segments,
    query_tokens,
    split_stops,
    stem,
    tokenize,
    tokens_of_folded,
)

__all__ = [
    "CONCEPTS",
    "COVERAGE_POWER",
    "FIELD_NAMES",
    "FIELD_WEIGHTS",
    "FOCUS_BOOST",
    "IDF_POWER",
    "K1",
    "KIND_WEIGHTS",
    "LONE_SHARE",
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
    "Ranked",
    "fold",
    "hits_of",
    "query_tokens",
    "rank",
    "search",
    "tokenize",
    "unknown_words",
    "without_talk",
]

# --------------------------------------------------------------------------- constants

#: BM25 term-frequency saturation and length normalisation (the usual values).
K1 = 1.2
B = 0.75
#: Weights of the fields of ``FIELD_NAMES`` in BM25F: quote and statement carry answers.
FIELD_WEIGHTS: tuple[float, ...] = (3.0, 3.0, 2.0, 1.5, 1.0, 1.5, 0.8, 0.5)
#: Query weight of a single Chinese character: bigrams carry the meaning.
UNIGRAM_WEIGHT = 0.25
#: Single characters that carry a meaning of their own (vocabulary.txt).
MEANINGFUL_UNIGRAMS: frozenset[str] = frozenset(vocabulary().meaningful_characters)
#: Measure words: as orphan characters of a query they carry no content.
MEASURE_WORDS: frozenset[str] = frozenset("所名个家项位次人元块枚座种类批届门支条期份张本台场间处")
#: Exponent on IDF: above 1 keeps a rare word ahead of a three-character name's two bigrams.
IDF_POWER = 1.5
#: Weight of query content the base lacks: it counts against every record.
ABSENT_WEIGHT = 1.5
#: Weight of a Chinese character the base never writes, outside every known pair.
LONE_SHARE = 0.5
#: Share of the query's weighted content a hit must cover: below it, refuse.
MIN_COVERAGE = 0.42
#: Relevance times coverage to this power: answering more of the question ranks higher.
COVERAGE_POWER = 1.0
#: Added for each query term of several tokens found verbatim.
TERM_MATCH_BONUS = 1.0
#: Relevance multipliers per kind of record: a question is answered by a fact.
KIND_WEIGHTS: dict[str, float] = {"fact": 1.0, "entity": 0.7, "section": 0.7}
#: Multiplier for records whose unit holds what a quantity question counts.
FOCUS_BOOST = 1.5
#: Share of a token's score a related token of ``CONCEPTS`` earns in its stead.
SYNONYM_WEIGHT = 0.7
#: Share of a query unit a related token covers.
SYNONYM_CREDIT = 1.0
#: Multiplier for facts with a value when the query asks "how many / how much".
QUANTITY_BOOST = 1.3

EXACT_ID = 3
EXACT_NAME = 2
EXACT_PHRASE = 1

HitKind = Literal["fact", "entity", "section"]

_VOCABULARY = vocabulary()
#: Lines of related words (vocabulary.txt explains them).
CONCEPTS: tuple[str, ...] = _VOCABULARY.concepts


#: Last characters of a Chinese noun phrase and the English unit words they name.
_HEAD_CHARS: dict[str, str] = _VOCABULARY.head_characters
#: Chinese provinces and large cities: a question naming one the base lacks is refused.
PLACES: frozenset[str] = _VOCABULARY.places
_PLACES_RE = re.compile(
    "|".join(
        rf"\b{re.escape(p)}\b" if p.isascii() else re.escape(p)
        for p in sorted(PLACES, key=len, reverse=True)
    )
)


_QUANTITY_CUE_EN = re.compile(r"\b(?:how (?:many|much)|(?:number|count|amount) of)\b")
_COUNT_EN = re.compile(r"\bhow many\b|\b(?:number|count) of\b")
_QUANTITY_CUE_ZH = re.compile(
    rf"(多少|几|数量|总数|(?<=[{CJK}]{{2}})数(?![{CJK}]))"
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
        words = [m.group() for m in TOKEN_RE.finditer(text, cue.end()) if m.lastgroup != "cjk"]
        while words and words[0] in EN_STOP:
            words.pop(0)
        for word in words[:_MAX_FOCUS_WORDS]:
            if word in EN_STOP:
                break
            focus.add(PERCENT if word == "%" else stem(word))
    for cue in _QUANTITY_CUE_ZH.finditer(text):
        if cue.group(2):
            measures.add(cue.group(2))
        after = _CJK_RUN_RE.match(text, cue.end())
        runs = split_stops(after.group()) if after else []
        run = runs[0] if runs and after and text.startswith(runs[0], cue.end()) else ""
        if not run:
            before = _CJK_TAIL_RE.search(text, 0, cue.start())
            parts = split_stops(before.group()) if before else []
            run = parts[-1] if parts else ""
        focus.update(run[k : k + 2] for k in range(len(run) - 1))
        focus.update(ch for ch in run if ch in MEANINGFUL_UNIGRAMS)
        focus.update(stem(_HEAD_CHARS[ch]) for ch in run if ch in _HEAD_CHARS)
    return measures, focus


_CJK_RUN_RE = re.compile(rf"[{CJK}]+")
_CJK_TAIL_RE = re.compile(rf"[{CJK}]+$")


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
                found = tokens_of_folded(folded)
                if is_cjk(folded[0]) and len(folded) <= 2:
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
_PERCENT_WORDS = frozenset({PERCENT, *_ALTERNATIVES.get(PERCENT, ())})


def _place_holders(index: Index, place: str) -> tuple[str, ...] | None:
    """None when the base never mentions ``place``; else the longer names holding it
    (empty when the place is a name of its own)."""
    if not all(index.doc_freq(t) for t in tokens_of_folded(place)):
        return None
    if not place.isascii() and not index.containing(place):
        return None
    if index.name_docs(place):
        return ()
    return tuple(index.names_containing(place))


def _foreign_place(index: Index, text: str) -> bool:
    """Whether folded query ``text`` names a place the base does not cover."""
    for match in _PLACES_RE.finditer(text):
        holders = _place_holders(index, match.group())
        if holders is None or (holders and not any(h in text for h in holders)):
            return True
    return False


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
    content_terms: list[int]  # words and phrases with content, for verbatim matches
    given_terms: list[int]  # the terms as given, for exact matches of names and ids
    score_tokens: dict[str, float]  # token -> query weight
    alternatives: dict[str, tuple[str, ...]]  # token -> related tokens of the base
    unit_weight: dict[str, float]  # unit -> IDF weight
    unit_credit: dict[str, float]  # unit -> share covered when found as a token
    surfaces: dict[str, list[str]]  # token -> folded forms to highlight
    quantity: bool
    when: bool = False  # asks when (a date or a year)
    focus: tuple[str, ...] = ()  # tokens naming the counted thing (with alternatives)
    measures: tuple[str, ...] = ()  # Chinese measure words after 多少 / 几
    count: bool = False  # asks "how many" of something other than a share


_WHEN = re.compile(r"什么时候|哪一?年|何时|\bwhen\b|\b(?:what|which) year\b")
_QUANTITY_EN = re.compile(r"\bhow (?:many|much|big|large)\b|\b(?:number|amount|count) of\b")
_QUANTITY_ZH = re.compile(rf"多少|几|数量|总数|(?<=[{CJK}]{{2}})数(?![{CJK}])")


def _idf(index: Index, df: int) -> float:
    n = index.size
    return math.log(1.0 + (n - df + 0.5) / (df + 0.5))


def _analyse(index: Index, raw_terms: Sequence[str]) -> _Query:
    terms = [
        t
        for t in (normalize(prepare(raw, lambda ch: bool(index.doc_freq(ch)))) for raw in raw_terms)
        if t
    ]
    whole = " ".join(terms)
    # Units are read word by word, so `search how many field schools` (words given
    # apart) and `search "how many field schools"` ask the same question; a term of
    # several words stays a phrase for verbatim and exact matches.
    given_words = [word for t in terms for word in t.split()]
    segmented = [query_segments(w) for w in given_words]
    spelled = _pinyin_of(index, whole)
    if spelled:
        # Pinyin for the article's Chinese: one term of pair tokens, as an index holds.
        terms, given_words, segmented = [whole], [whole], [[("", tuple(spelled))]]

    score_tokens: dict[str, float] = {}
    alternatives: dict[str, tuple[str, ...]] = {}
    unit_weight: dict[str, float] = {}
    unit_credit: dict[str, float] = {}
    surfaces: dict[str, list[str]] = {}
    out_terms: list[_Term] = []
    share: dict[str, float] = {}

    def alternatives_of(token: str) -> tuple[str, ...]:
        found = tuple(a for a in _ALTERNATIVES.get(token, ()) if index.doc_freq(a))
        if found or index.doc_freq(token):
            return found
        return _near_spellings(index, token)

    def known(token: str) -> bool:
        return bool(index.doc_freq(token)) or bool(alternatives_of(token))

    def weight(token: str) -> float:
        # A token the base lacks weighs as its rarest alternative, or the most of all.
        df = index.doc_freq(token)
        if not df:
            df = min((index.doc_freq(a) for a in alternatives_of(token)), default=0)
        return _idf(index, df) * (ABSENT_WEIGHT if not df else 1.0)

    def add_alternatives(token: str) -> None:
        alts = alternatives_of(token)
        if alts:
            alternatives[token] = alts
            for alt in alts:
                surfaces.setdefault(alt, list(_ALT_FORMS.get(alt, (alt,))))

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
            # A character the base never writes is half of an unknown word (two
            # characters to a word, as with pairs): talk around a question (麻烦, 哈)
            # costs less, and a two-character word the base lacks weighs in full.
            lone = len(unit) == 1 and is_cjk(unit) and not index.doc_freq(unit)
            unit_weight[unit] = weight(unit) * share.get(unit, 1.0) * (LONE_SHARE if lone else 1.0)
            unit_credit.setdefault(unit, 1.0)
        out_terms.append(_Term(text=text, units=unique))
    units_of = {t.text: t.units for t in out_terms}
    out_terms.extend(
        _Term(text=t, units=list(dict.fromkeys(u for w in t.split() for u in units_of[w])))
        for t in dict.fromkeys(terms)
        if t not in units_of
    )
    given = set(terms)

    # 哪几项 asks which, not how many.
    quantity = bool(_QUANTITY_ZH.search(whole.replace("哪几", "")) or _QUANTITY_EN.search(whole))
    measures, focus = _focus_tokens(whole)
    asks_share = any(t in _PERCENT_WORDS for t in score_tokens)
    count = not asks_share and bool(measures or _COUNT_EN.search(whole))
    focus.update(t for t in score_tokens if t == PERCENT or PERCENT in _ALTERNATIVES.get(t, ()))
    if focus & _PERCENT_WORDS:
        focus.add(PERCENT)
    focus.update(a for t in list(focus) for a in _SYNONYMS.get(t, ()))
    return _Query(
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
        when=bool(_WHEN.search(whole)),
        focus=tuple(sorted(t for t in focus if index.doc_freq(t))),
        measures=tuple(sorted(t for t in measures if index.doc_freq(t))),
        count=count,
    )


#: Shortest English stem that typo tolerance corrects: shorter ones have too many
#: neighbours one edit away.
MIN_TYPO_LENGTH = 6
#: Longest: a word has about 54 * length neighbours one edit away, each as long as it
#: (a 20,000-letter "word" made a million of them, 18 GB).
MAX_TYPO_LENGTH = 40
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def _near_spellings(index: Index, token: str) -> tuple[str, ...]:
    """Tokens of ``index`` one edit (a letter deleted, inserted, replaced or two swapped)
    from an English ``token`` the index lacks: ``teachres`` finds ``teacher``."""
    if not MIN_TYPO_LENGTH <= len(token) <= MAX_TYPO_LENGTH:
        return ()
    if not (token.isascii() and token.isalpha()):
        return ()
    splits = [(token[:k], token[k:]) for k in range(len(token) + 1)]
    edits = {a + b[1:] for a, b in splits if b}
    edits |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    edits |= {a + c + b[1:] for a, b in splits if b for c in _LETTERS}
    edits |= {a + c + b for a, b in splits for c in _LETTERS}
    edits.discard(token)
    return tuple(sorted(e for e in edits if index.doc_freq(e)))


_LATIN_WORD = re.compile(r"[^\W\d_]+")


def _pinyin_of(index: Index, whole: str) -> list[str]:
    """The pinyin pair tokens of a query written all in pinyin whose pairs the base
    holds; [] for any other query (English, Chinese, digits)."""
    if any(is_cjk(ch) or ch.isdigit() for ch in whole):
        return []
    words = _LATIN_WORD.findall(whole)
    pairs = pinyin_query_tokens(words)
    if not pairs or not any(index.doc_freq(p) for p in pairs):
        return []
    return list(dict.fromkeys(pairs))


def _is_key(index: Index, key: str) -> bool:
    return bool(index.id_docs(key)) or bool(index.name_docs(key))


def _record(base: FactBase, kind: str, rid: str) -> Fact | Entity | Section | None:
    if kind == "fact":
        return base.fact_by_id.get(rid)
    if kind == "entity":
        return base.entity_by_id.get(rid)
    source, _, section_id = rid.rpartition("/")  # Section.key
    return base.section(source, section_id)


def _unit_docs(index: Index, tokens: Iterable[str]) -> set[int]:
    """Documents whose unit field holds one of ``tokens``."""
    docs: set[int] = set()
    for token in tokens:
        flat = index.postings(token)
        docs.update(flat[k] for k in range(0, len(flat), 3) if flat[k + 1] == F_UNIT)
    return docs


def _docs(index: Index, tokens: Iterable[str]) -> set[int]:
    """Documents holding one of ``tokens`` in any field."""
    docs: set[int] = set()
    for token in tokens:
        flat = index.postings(token)
        docs.update(flat[k] for k in range(0, len(flat), 3))
    return docs


@dataclass(frozen=True)
class Ranked:
    """A record the query matched, before its record is fetched: what a Hit says of it."""

    kind: HitKind
    id: str
    score: float
    matched_terms: tuple[str, ...]
    exact: bool
    coverage: float


def search(
    base: FactBase,
    index: Index,
    query_terms: Sequence[str],
    limit: int | None = None,
) -> list[Hit]:
    """Records of ``base`` relevant to the query terms, best first; [] for an empty query.

    ``index`` must index ``base`` (records it does not find in ``base`` are skipped).
    ``limit`` None means all hits.
    """
    if limit is not None and limit <= 0:
        return []
    return hits_of(base, rank(index, query_terms), limit)


def hits_of(base: FactBase, ranked: Sequence[Ranked], limit: int | None = None) -> list[Hit]:
    """The hits of ``ranked`` whose records ``base`` holds, at most ``limit`` of them."""
    hits: list[Hit] = []
    for r in ranked:
        if limit is not None and len(hits) >= limit:
            break
        record = _record(base, r.kind, r.id)
        if record is not None:
            hits.append(Hit(r.kind, record, r.score, r.matched_terms, r.exact, r.coverage))
    return hits


def rank(index: Index, query_terms: Sequence[str]) -> list[Ranked]:
    """The records of ``index`` relevant to the query terms, best first.

    A question that would be refused is asked again without the talk around it
    (:func:`without_talk`): 麻烦问一下，... 来着 is ranked on its question.
    """
    if isinstance(query_terms, str):
        query_terms = [query_terms]
    query = _analyse(index, query_terms)
    if not query.terms:
        return []
    if _foreign_place(index, query.whole):
        return []
    counted = _counted_word(query.whole)
    if counted and _lacking(index, counted) and not _near_spellings(index, counted):
        return []  # how many hectares: the base counts no such thing
    talk_read = False
    plain: str | None = None
    if _may_lack_words(index, query.whole):
        plain, talk_read = without_talk(index, query.whole), True
        if unknown_topics(index, plain or query.whole):
            return []
    ranked = _rank(index, query)
    if not ranked:
        if not talk_read:
            plain = without_talk(index, query.whole)
        if plain is not None:
            ranked = _rank(index, _analyse(index, [plain]))
    return ranked


def _rank(index: Index, query: _Query) -> list[Ranked]:
    scores: dict[int, float] = {}
    credits: dict[int, dict[str, float]] = {}
    found: dict[int, set[str]] = {}
    avg = index.avg_field_lengths
    lengths = index.field_lengths()
    width = len(FIELD_NAMES)
    for token, qw in query.score_tokens.items():
        # A token and its alternatives count once per document: the best of them.
        best: dict[int, float] = {}
        is_unit = token in query.unit_weight
        base_credit = query.unit_credit.get(token, 1.0)
        own_df = index.doc_freq(token)
        own_idf = _idf(index, own_df) if own_df else None
        for alt, factor in (
            (token, 1.0),
            *((a, SYNONYM_WEIGHT) for a in query.alternatives.get(token, ())),
        ):
            flat = index.postings(alt)
            if not flat:
                continue
            # A related token is worth no more than the query's own token would be.
            idf = _idf(index, index.doc_freq(alt))
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
                    norm = 1.0 - B + B * lengths[doc * width + f] / avg[f]
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

    # Records whose unit names what the question counts; records that name it anywhere.
    focused = _unit_docs(index, query.focus)
    # "When" is answered by a record that writes a year.
    dated = _docs(index, (str(y) for y in range(1900, 2100))) if query.when else set()
    counted = (
        _docs(index, {a for t in query.focus for a in (t, *_ALTERNATIVES.get(t, ()))})
        if query.quantity
        else set()
    )
    measured = _unit_docs(index, query.measures)
    shares = _unit_docs(index, (PERCENT,)) if query.count else set()

    # Query terms found verbatim: they cover all their units.
    verbatim: dict[int, list[int]] = {}
    seen_terms: set[str] = set()
    for t_no in query.content_terms:
        text = query.terms[t_no].text
        if text in seen_terms or len(text) > index.longest_text:
            continue
        seen_terms.add(text)
        for doc in index.containing(text):
            verbatim.setdefault(doc, []).append(t_no)
    for doc, t_nos in verbatim.items():
        doc_credit = credits.setdefault(doc, {})
        for t_no in t_nos:
            for unit in query.terms[t_no].units:
                doc_credit[unit] = 1.0

    exact: dict[int, int] = {}
    # Each term is an exact key only when every term is one (a list of names or ids);
    # otherwise a name inside a question ("... does Jiangjin have") would outrank it.
    term_keys = {query.terms[t].text for t in query.given_terms}
    if all(_is_key(index, key) for key in term_keys):
        keys = {query.whole, *term_keys}
    else:
        keys = {query.whole}
    for key in keys:
        for doc in index.id_docs(key):
            exact[doc] = EXACT_ID
        for doc in index.name_docs(key):
            exact[doc] = max(exact.get(doc, 0), EXACT_NAME)
    if query.content_terms and len(query.whole) <= index.longest_text:
        for doc in index.containing(query.whole, phrases=True):
            exact[doc] = max(exact.get(doc, 0), EXACT_PHRASE)

    total = sum(query.unit_weight.values())
    ranked: list[tuple[int, float, int, Ranked]] = []
    candidates: dict[int, float] = {}
    for doc in set(credits) | set(exact):
        covered = sum(query.unit_weight[u] * c for u, c in credits.get(doc, {}).items())
        coverage = covered / total if total > 0 else 0.0
        if exact.get(doc, 0) or coverage >= MIN_COVERAGE:
            candidates[doc] = coverage
    records = index.records(candidates)
    for doc, coverage in candidates.items():
        doc_credit = credits.get(doc, {})
        rank = exact.get(doc, 0)
        kind, rid, numeric = records[doc]
        if query.quantity and not rank and (not numeric or (counted and doc not in counted)):
            # "How many X" is answered by a number, and by a record that names X when
            # some record does (学生 in 青溪第一中学有多少名学生).
            continue
        if query.when and not rank and doc not in dated:
            continue  # "when" is answered by a record that writes a year
        t_verbatim = verbatim.get(doc, [])
        phrases = sum(1 for t in t_verbatim if len(query.terms[t].units) > 1)
        relevance = scores.get(doc, 0.0) + TERM_MATCH_BONUS * phrases
        relevance *= KIND_WEIGHTS.get(kind, 1.0) * coverage**COVERAGE_POWER
        if query.quantity and numeric and not (query.count and doc in shares):
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
        hit = Ranked(
            kind=cast(HitKind, kind),
            id=rid,
            score=relevance,
            matched_terms=tuple(dict.fromkeys(m for m in matched if m)),
            exact=rank > 0,
            coverage=coverage,
        )
        ranked.append((rank, relevance, doc, hit))

    ranked.sort(key=lambda r: (-r[0], -r[1], r[2]))
    return [r[3] for r in ranked]


# ----------------------------------------------------------------------------- talk

#: Where a question's clauses part.
_CLAUSE_RE = re.compile(r"[,;:!?。…]+")
#: Interrogatives: a clause holding one asks something (grammar, not vocabulary).
_ASKS_RE = re.compile(
    r"多少|几|什么|啥|哪|谁|怎|如何|为何|何时|多大|多久|多长"
    r"|\b(?:how|what|which|who|whom|whose|when|where|why)\b"
)
#: First letters of jieba's tags for words that name nothing: pronouns (r), adverbs (d),
#: conjunctions (c), prepositions (p), particles (u, y), interjections (e), onomatopoeia
#: (o), locatives (f), times (t), adjectives (a), verbs (v), prefixes and suffixes (h, k)
#: and bound morphemes (z). Verbal nouns (vn) name things.
_FUNCTION_TAGS = frozenset("rdcpuyeoftavhkz")


def _names_nothing(word: str, flag: str) -> bool:
    # A verb of two characters or more may be what is asked (下雪, 成立): it stays.
    if flag[:1] == "v" and (flag == "vn" or len(word) > 1):
        return False
    return flag[:1] in _FUNCTION_TAGS


def _counted_word(text: str) -> str:
    """The stem of the word an English quantity question counts (``how many hectares``
    -> hectare), or "" when it asks no quantity or counts no word."""
    cue = _QUANTITY_CUE_EN.search(text)
    if cue is None:
        return ""
    for match in TOKEN_RE.finditer(text, cue.end()):
        if match.lastgroup != "word" or match.group() not in EN_STOP:
            return stem(match.group()) if match.lastgroup == "word" else ""
    return ""


#: jieba's tags for people's names: its dictionary gives them to greetings and thanks
#: too (谢谢, 多谢, 劳驾), so they name no thing here.
_PERSON_TAGS = frozenset({"nr", "nrt", "nrfg"})


def _names_a_thing(flag: str) -> bool:
    """Whether jieba's tag ``flag`` is of a word that names a thing: nouns, places,
    organisations (n, ns, nt, nz ...), verbal nouns (vn), abbreviations (j). Set
    phrases (l, i) are mostly greetings and sayings (你好)."""
    return (flag[:1] == "n" and flag not in _PERSON_TAGS) or flag in ("vn", "j")


#: jieba's tags of names that a clause is about: places, organisations, other proper
#: names (not people's: see ``_PERSON_TAGS``).
_NAME_TAGS = frozenset({"ns", "nt", "nz"})


def _may_lack_words(index: Index, text: str) -> bool:
    """Whether folded ``text`` has Chinese the base may lack (a pair of characters it
    never writes): only then is the question read word by word."""
    for match in TOKEN_RE.finditer(text):
        if match.lastgroup == "cjk":
            for run in split_stops(match.group()):
                if any(_lacking(index, run[k : k + 2]) for k in range(len(run) - 1)):
                    return True
    return False


def _lacking(index: Index, token: str) -> bool:
    if index.doc_freq(token):
        return False
    return not any(index.doc_freq(a) for a in _ALTERNATIVES.get(token, ()))


def _composed(index: Index, word: str) -> bool:
    """Whether the base holds ``word`` verbatim, through a related word, or as pieces
    of two characters or more that it holds (网络覆盖: 网络 + 覆盖)."""
    if index.containing(word) or not _lacking(index, word):
        return True
    return any(
        _composed(index, word[:k]) and _composed(index, word[k:]) for k in range(2, len(word) - 1)
    )


def _held(index: Index, word: str) -> bool:
    """Whether the base holds a Chinese word of two characters or more (see
    :func:`_composed`), with one more character at an end allowed (年产值: 产值)."""
    if _composed(index, word):
        return True
    return len(word) > 2 and (_composed(index, word[1:]) or _composed(index, word[:-1]))


def unknown_topics(index: Index, text: str) -> list[str]:
    """The Chinese words of folded ``text`` that name a thing (by their part of speech)
    and that no record holds (区长, 在校生): a question asking about one is unanswerable.
    Question words and particles (一共, 数量) name nothing."""
    if not any(is_cjk(ch) for ch in text):
        return []
    found: list[str] = []
    position = 0
    for word, flag in tagged_words(text):
        after_number = text[position - 1 : position].isdigit() if position else False
        position += len(word)
        if after_number and word[0] in MEASURE_WORDS:
            # A measure word belongs to its number: 2729名指的 is 2729名 + 指的, not 名指.
            word = word[1:]
        if len(word) < 2 or not is_cjk(word[0]) or not _names_a_thing(flag):
            continue
        for part in split_stops(word):
            if len(part) > 1 and not _held(index, part):
                found.append(part)
    return list(dict.fromkeys(found))


#: English talk of the generic vocabulary (um, again, by the way), longest first.
_TALK_EN_RE = re.compile(
    "|".join(rf"\b{re.escape(t)}\b" for t in sorted(_VOCABULARY.talk, key=len, reverse=True))
    or "(?!)"
)
#: Where an English question, or a statement, embedded in talk starts: its question
#: word, or "that" (I read that ...).
_ASKS_EN_RE = re.compile(r"\b(?:how|what|which|who|whom|whose|when|where|why|whether|that)\b")
#: The speaker and the listener: a stretch naming one frames a question, it asks nothing.
_SPEAKER_EN_RE = re.compile(r"\b(?:i|me|my|you|your|we|us)\b")
#: Words that start a noun phrase (the mayor, their school).
_DETERMINERS = frozenset(
    {"the", "a", "an", "this", "that", "these", "those", "my", "your", "his", "her", "its"}
    | {"our", "their"}
)


def _english_talk(index: Index, known: Callable[[str], bool], clause: str) -> str:
    """An English ``clause`` (folded) without its talk: entries of the vocabulary's talk
    (um, again; a phrase such as "by the way" unless the base writes it verbatim) that
    the base does not know, and the frame before an embedded question.

    A question embedded in talk starts at its question word (do you happen to know |
    how many ...), a statement at "that" (I think I read | that Jiangjin trained ...,
    how many?); the words before it, when they name the speaker or the listener (I,
    you, we ...), are the speaker's frame, and those of them the base does not know go
    (a word it knows stays). The question must still ask about something: its question
    word is followed by a word that is no stop word, and does not follow a noun (do you
    know the mayor who ...: a relative clause).
    """

    def word_known(word: str) -> bool:
        return word not in EN_STOP and known(stem(word))

    def talk(match: re.Match[str]) -> str:
        entry = match.group()
        held = bool(index.containing(entry)) if " " in entry else word_known(entry)
        return entry if held else " "

    clause = _TALK_EN_RE.sub(talk, clause)
    ask = _ASKS_EN_RE.search(clause)
    if ask is None or not _SPEAKER_EN_RE.search(clause, 0, ask.start()):
        return " ".join(clause.split())
    rest = clause[ask.end() :]
    if not any(m.lastgroup != "word" or m.group() not in EN_STOP for m in TOKEN_RE.finditer(rest)):
        return " ".join(clause.split())
    before = list(TOKEN_RE.finditer(clause, 0, ask.start()))
    if (
        len(before) > 1
        and before[-2].group() in _DETERMINERS
        and before[-1].lastgroup == "word"
        and not word_known(before[-1].group())
        and before[-1].group() not in EN_STOP
    ):
        # A question word right after a noun (the mayor who ...) starts a relative
        # clause: the noun is what is asked about.
        return " ".join(clause.split())
    frame = [m.group() for m in before if m.lastgroup != "word" or word_known(m.group())]
    return " ".join([*frame, *clause[ask.start() :].split()])


def without_talk(index: Index, text: str) -> str | None:
    """``text`` (folded) without the talk around its question; None when it has none.

    A clause (between commas, colons ...; 、 lists, it does not part clauses) that holds
    no word the base knows, no name and no question word is talk (麻烦问一下, sorry if this is a
    dumb question), unless every clause is. An English clause loses the frame before an
    embedded question and its interjections (:func:`_english_talk`). In the clauses
    kept, a Chinese word that names nothing by its part of speech (pronoun, adverb,
    particle, verb ...: 那边, 大概, 来着) is talk when the base holds neither it nor a
    pair of characters it shares with its neighbours. Words that name things (nouns,
    places, organisations) always stay: a question about something the base lacks must
    still be refused.
    """
    clauses = [c.strip() for c in _CLAUSE_RE.split(text)]
    clauses = [c for c in clauses if c]

    def known(token: str) -> bool:
        return bool(index.doc_freq(token)) or any(
            index.doc_freq(a) for a in _ALTERNATIVES.get(token, ())
        )

    kept: list[str] = []
    for clause in clauses:
        if not any(is_cjk(ch) for ch in clause):
            clause = _english_talk(index, known, clause)
            if not clause:
                continue
        asks = bool(_ASKS_RE.search(clause))
        knows = False
        words = tagged_words(clause) if any(is_cjk(ch) for ch in clause) else [(clause, "x")]
        out: list[str] = []
        start = 0
        for word, flag in words:
            end = start + len(word)
            if is_cjk(word[0]):
                pairs = [
                    clause[k : k + 2]
                    for k in range(max(start - 1, 0), min(end, len(clause) - 1))
                    if is_cjk(clause[k]) and is_cjk(clause[k + 1])
                ]
                whole = len(word) > 1 and bool(index.containing(word))
                held = whole or any(known(p) for p in pairs)
                if _names_nothing(word, flag) and not _ASKS_RE.search(word):
                    out.append(word if held else " ")
                else:
                    out.append(word)
                    # A name (place, organisation) is a topic, known or not:
                    # 关于永川区，... is about 永川区.
                    knows = knows or (
                        len(word) > 1 and (whole or known(word) or flag in _NAME_TAGS)
                    )
            else:
                out.append(word)
                for match in TOKEN_RE.finditer(word):
                    piece = match.group()
                    if match.lastgroup == "word" and piece not in EN_STOP:
                        knows = knows or known(stem(piece))
                    elif match.lastgroup == "num":
                        knows = knows or known(piece.replace(",", ""))
            start = end
        if asks or knows:
            kept.append(" ".join("".join(out).split()))
    plain = " ".join(c for c in kept if c)
    if not plain or plain == text:
        return None
    return plain


def unknown_words(index: Index, query_terms: Sequence[str]) -> list[str]:
    """The words of a query that no record of ``index`` holds, as the query writes them.

    A Chinese word naming a thing the base lacks (:func:`unknown_topics`, outside the
    talk around the question) is named alone. Otherwise a Chinese word is a stretch of
    pairs of characters the index lacks (江津区区长 gives 区长); an English word one
    whose stem and related words the index lacks. Question words and particles are
    not words here. What a refusal names.
    """
    if isinstance(query_terms, str):
        query_terms = [query_terms]
    terms = [
        t
        for t in (
            normalize(prepare(raw, lambda ch: bool(index.doc_freq(ch)))) for raw in query_terms
        )
        if t
    ]
    whole = " ".join(terms)
    if _pinyin_of(index, whole):
        return []
    if _may_lack_words(index, whole):
        # The things a question asks about that the base lacks, not the talk around it.
        topics = unknown_topics(index, without_talk(index, whole) or whole)
        if topics:
            return topics
    # An English question names what it asks about, not the talk around it (um, do you
    # know): the words :func:`_english_talk` keeps.
    asked: set[str] | None = None
    if not any(is_cjk(ch) for ch in whole):

        def known(token: str) -> bool:
            return not _lacking(index, token)

        asked = {
            m.group()
            for clause in _CLAUSE_RE.split(whole)
            for m in TOKEN_RE.finditer(_english_talk(index, known, clause))
        }
    found: list[str] = []

    def lacking(token: str) -> bool:
        if index.doc_freq(token):
            return False
        return not any(index.doc_freq(a) for a in _ALTERNATIVES.get(token, ()))

    for text in terms:
        for match in TOKEN_RE.finditer(text):
            piece = match.group()
            if match.lastgroup == "cjk":
                for part in split_stops(piece):
                    found.extend(_lacking_stretches(part, lacking))
            elif (
                match.lastgroup == "word"
                and piece not in EN_STOP
                and lacking(stem(piece))
                and (asked is None or piece in asked)
            ) or (match.lastgroup == "num" and lacking(piece.replace(",", ""))):
                found.append(piece)
    return list(dict.fromkeys(found))


def _lacking_stretches(run: str, lacking: Callable[[str], bool]) -> list[str]:
    """Stretches of ``run`` made of character pairs the index lacks, less an edge
    character that a pair the index holds accounts for."""
    if len(run) == 1:
        return [run] if lacking(run) else []
    known = [not lacking(run[k : k + 2]) for k in range(len(run) - 1)]
    stretches: list[str] = []
    k = 0
    while k < len(known):
        if known[k]:
            k += 1
            continue
        end = k
        while end < len(known) and not known[end]:
            end += 1
        start, stop = k, end + 1  # characters run[start:stop]
        if start > 0 and stop - start > 2:
            start += 1  # its first character ends a known pair
        if end < len(known) and stop - start > 2:
            stop -= 1  # its last character starts one
        stretches.append(run[start:stop])
        k = end
    return stretches
