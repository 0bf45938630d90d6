"""Ranked search over a base's text index: relevance, coverage and refusal. No I/O.

The index (:mod:`jiangjin_cli.store.index`) knows tokens; this module knows what they
are worth. Every fact, entity and section is a document; a query token scores it
with BM25F over its fields (:mod:`.scoring`: ``FIELD_WEIGHTS``, IDF raised to
``IDF_POWER``, related words of ``CONCEPTS`` at ``SYNONYM_WEIGHT``). The score is then
multiplied by the record's kind, by the share of the query it covers, and for a
quantity question by ``QUANTITY_BOOST`` and ``FOCUS_BOOST``. A record covering less
than ``MIN_COVERAGE`` of the query's IDF-weighted content is no hit (refusal); so is
every record when the question names a place the base does not mention. A question
holding a Chinese noun the base lacks is refused (:func:`unknown_topics`); one that
would be refused is ranked again without the talk around it (:func:`without_talk`);
"how many" needs a number about what it counts, "when" a year, "how much money" an
amount in yuan (:mod:`.asked` has what else a question names and asks). Exact matches
(id, then name, then the whole query verbatim) come first.

The query is read by :func:`jiangjin_cli.query.analysis.analyse` (its units and their
weights); docs/search.md explains each step and the measurements behind every constant.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Literal, cast

from jiangjin_cli.model import PERIODS, Entity, Fact, FactBase, Section
from jiangjin_cli.query.analysis import (
    LONE_SHARE,
    MEANINGFUL_UNIGRAMS,
    ORDINAL_WRITTEN,
    UNIGRAM_WEIGHT,
    Query,
    analyse,
    english_names,
    listed_numbers,
    part_numbers,
)
from jiangjin_cli.query.asked import answering_docs, lacking_attribute
from jiangjin_cli.query.counted import PERSON_MEASURES
from jiangjin_cli.query.partial import other_grades
from jiangjin_cli.query.places import foreign_place
from jiangjin_cli.query.reading import (
    CONCEPTS,
    MEASURE_WORDS,
    base_lacks,
    docs_in_field,
    near_spellings,
    related_words,
)
from jiangjin_cli.query.scoring import Credits, bm25f, credited
from jiangjin_cli.query.speaker import asked_alone, without_speaker
from jiangjin_cli.query.talk import (
    counted_word,
    may_lack_words,
    unknown_topics,
    without_talk,
)
from jiangjin_cli.store.index import CHANGE_WORDS, F_UNIT, Index
from jiangjin_cli.text import fold, lazy_pattern
from jiangjin_cli.tokens import (
    PERCENT,
    is_cjk,
    query_tokens,
    stem,
    tokenize,
)

__all__ = [
    "CONCEPTS",
    "COVERAGE_POWER",
    "FOCUS_BOOST",
    "KIND_WEIGHTS",
    "LONE_SHARE",
    "MEANINGFUL_UNIGRAMS",
    "MEASURE_WORDS",
    "MIN_COVERAGE",
    "QUANTITY_BOOST",
    "TERM_MATCH_BONUS",
    "UNIGRAM_WEIGHT",
    "UNKNOWN_SHARE",
    "Hit",
    "HitKind",
    "Ranked",
    "fold",
    "hits_of",
    "query_tokens",
    "rank",
    "search",
    "tokenize",
]

# --------------------------------------------------------------------------- constants

#: Units of an amount of money (a fact's unit or unit_en).
MONEY_UNITS = ("元", "yuan")
#: Share of the query's weighted content a hit must cover: below it, refuse.
MIN_COVERAGE = 0.42
#: Share of an English question's weight carried by words the base lacks at which it is
#: refused (docs/search.md: 0.5 gained four refusals of the read sets, one answer lost and
#: one gained; 0.4 lost nine answers).
UNKNOWN_SHARE = 0.5
#: Relevance times coverage to this power: answering more of the question ranks higher.
COVERAGE_POWER = 1.0
#: Added for each query term of several tokens found verbatim.
TERM_MATCH_BONUS = 1.0
#: Relevance multipliers per kind of record: a question is answered by a fact.
KIND_WEIGHTS: dict[str, float] = {"fact": 1.0, "entity": 0.7, "section": 0.7}
#: Multiplier for records whose unit holds what a quantity question counts.
FOCUS_BOOST = 1.5
#: Multiplier for facts with a value when the query asks "how many / how much".
QUANTITY_BOOST = 1.3

EXACT_ID = 3
EXACT_NAME = 2
EXACT_PHRASE = 1

HitKind = Literal["fact", "entity", "section"]


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


#: A total asked for, and a figure asked for each year (which a yearly figure answers).
_TOTAL = lazy_pattern(r"一共|总共|累计|共计|总计|合计|\b(?:in total|overall|altogether|total)\b")
_RATE = lazy_pattern(r"每年|一年|年均|\b(?:annual|annually|yearly|each year|per year|a year)\b")


def _is_key(index: Index, key: str) -> bool:
    return bool(index.id_docs(key)) or bool(index.name_docs(key))


def _record(base: FactBase, kind: str, rid: str) -> Fact | Entity | Section | None:
    if kind == "fact":
        return base.fact_by_id.get(rid)
    if kind == "entity":
        return base.entity_by_id.get(rid)
    source, _, section_id = rid.rpartition("/")  # Section.key
    return base.section(source, section_id)


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
    query = analyse(index, query_terms)
    if not query.terms:
        return []
    spoken = without_speaker(index, query.whole)
    if spoken != query.whole:  # 我是香港做研究的, 想问下...: the speaker's place is no topic
        query = analyse(index, [spoken], english_names(query_terms))
    if foreign_place(index, query.whole):
        return []
    counted = counted_word(query.whole)
    counted_stem = stem(counted)
    if (
        counted
        and base_lacks(index, counted_stem)
        and not near_spellings(index, counted_stem, counted)
    ):
        return []  # how many hectares: the base counts no such thing
    typed = " ".join(query_terms)
    if lacking_attribute(index, query.whole, typed):
        return []  # who is the dean of ...: the base gives no deans
    talk_read = False
    plain: str | None = None
    only_alone = False  # the asking clause alone holds no word the base lacks
    if may_lack_words(index, query.whole):
        plain, talk_read = without_talk(index, query.whole), True
        if unknown_topics(index, plain or query.whole):
            alone = asked_alone(query.whole)
            if alone is None or unknown_topics(index, alone):
                return []
            plain, only_alone = None, True
    # What the question names and asks for is read from the whole question, also when
    # it is ranked again without its talk (which may cut a name: 中—老 loses 中).
    answering = answering_docs(index, query.whole, typed)
    counted_numbers = [*listed_numbers(query.whole), *part_numbers(query.whole)]
    # Facts that only count what the question asks to name, or write another grade of
    # prize than the one asked.
    counting = docs_in_field(index, counted_numbers, F_UNIT) | other_grades(index, query.whole)
    ranked = (
        []
        if only_alone or _mostly_unknown(index, query)
        else _rank(index, query, answering, counting)
    )
    if not ranked:
        if not talk_read:
            plain = without_talk(index, query.whole)
        if plain is not None:
            plain_query = analyse(index, [plain], english_names(query_terms))
            # What it asks for is read from the whole question (最多能贷多少 asks money
            # although the talk reading leaves 贷 多少).
            plain_query = replace(
                plain_query,
                money=plain_query.money or query.money,
                when=plain_query.when or query.when,
                ordinal=plain_query.ordinal or query.ordinal,
            )
            if not _mostly_unknown(index, plain_query):
                answering = answering_docs(index, query.whole, typed, dated=plain)
                ranked = _rank(index, plain_query, answering, counting)
        alone = asked_alone(query.whole)
        if not ranked and alone is not None:
            alone_query = analyse(index, [alone], english_names(query_terms))
            if not _mostly_unknown(index, alone_query):
                answering = answering_docs(index, query.whole, typed, dated=alone)
                ranked = _rank(index, alone_query, answering, counting)
    return ranked


def _mostly_unknown(index: Index, query: Query) -> bool:
    """Whether the words of an English (or pinyin) question that the base lacks, with
    no related word and no near spelling, weigh ``UNKNOWN_SHARE`` of it or more: it asks
    about something else (food allergies). Chinese has its nouns for this
    (:func:`unknown_topics`)."""
    total = sum(query.unit_weight.values())
    if total <= 0 or any(map(is_cjk, query.whole)):
        return False
    unknown = sum(
        weight
        for unit, weight in query.unit_weight.items()
        if not unit.isdigit()
        and base_lacks(index, unit)
        and not near_spellings(index, unit)
        and not index.containing(unit)  # the start of a word it holds (streng)
    )
    return unknown >= UNKNOWN_SHARE * total


def _rank(
    index: Index, query: Query, answering: Sequence[set[int]], counting: set[int]
) -> list[Ranked]:
    """Rank ``query``; a record answers only if it is in every set of ``answering`` and
    not in ``counting`` (facts that only count what the question asks to name).

    Which records answer is known before any is scored (coverage needs only the unit
    tokens' documents): the postings of every token are then read for those records
    alone, not for the many documents that hold a common single character.
    """
    groups = credited(index, query)

    # Records whose unit names what the question counts, with how many of its words;
    # records that name it anywhere.
    focus_hits: dict[int, int] = {}
    for token in query.focus:
        for doc in docs_in_field(index, (token,), F_UNIT):
            focus_hits[doc] = focus_hits.get(doc, 0) + 1
    # "When" is answered by a record that writes a year.
    dated = _docs(index, (str(y) for y in range(1900, 2100))) if query.when else set()
    ordered = _docs(index, ORDINAL_WRITTEN) if query.ordinal else set()
    moneyed = docs_in_field(index, MONEY_UNITS, F_UNIT) if query.money else set()
    # "How many schools" counts things: an amount of money does not answer it.
    counts_things = query.count and not query.money and "元" not in query.measures
    paid = docs_in_field(index, MONEY_UNITS, F_UNIT) if counts_things else set()
    counted = (
        _docs(index, {a for t in query.focus for a in (t, *related_words(t))})
        if query.quantity
        else set()
    )
    measured = docs_in_field(index, query.measures, F_UNIT)
    # A total asked (一共, overall) is given before a figure for each year.
    yearly = (
        docs_in_field(index, PERIODS["per_year"][:1], F_UNIT)  # 每年
        if query.quantity and _TOTAL().search(query.whole) and not _RATE().search(query.whole)
        else set()
    )
    # The figure of a change the question asks (提高到了多少: the one after).
    changed = (
        docs_in_field(index, CHANGE_WORDS[query.change][:1], F_UNIT) if query.change else set()
    )
    shares = docs_in_field(index, (PERCENT,), F_UNIT) if query.count else set()
    parts = part_numbers(query.whole) if shares else ()

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

    def coverage_of(doc_credit: dict[str, float]) -> float:
        covered = sum(query.unit_weight[u] * c for u, c in doc_credit.items())
        return covered / total if total > 0 else 0.0

    # A document found verbatim or exactly is weighed with the terms it holds verbatim;
    # the others by their group.
    credits: dict[int, dict[str, float]] = {}
    candidates: dict[int, float] = {}
    weighed: dict[tuple[Credits, tuple[int, ...]], tuple[dict[str, float], float]] = {}
    for doc in verbatim.keys() | exact.keys():
        group = next((c for c, docs in groups.items() if doc in docs), ())
        shape = (group, tuple(verbatim.get(doc, ())))
        if shape not in weighed:
            doc_credit = dict(group)
            for t_no in shape[1]:
                for unit in query.terms[t_no].units:
                    doc_credit[unit] = 1.0
            weighed[shape] = (doc_credit, coverage_of(doc_credit))
        doc_credit, coverage = weighed[shape]
        if exact.get(doc, 0) or coverage >= MIN_COVERAGE:
            candidates[doc] = coverage
            credits[doc] = doc_credit
    for group, docs in groups.items():
        doc_credit = dict(group)
        coverage = coverage_of(doc_credit)
        if coverage >= MIN_COVERAGE:
            for doc in docs:
                if doc not in verbatim and doc not in exact:
                    candidates[doc] = coverage
                    credits[doc] = doc_credit
    records = index.records(candidates)
    # 多少人 counts people (1286名, 人次), not the things 乡村振兴学院 has.
    counts_people = bool(query.measures) and set(query.measures) <= set(PERSON_MEASURES)
    answers: list[int] = []
    for doc in candidates:
        rank = exact.get(doc, 0)
        _, _, numeric = records[doc]
        if query.quantity and not rank and counts_people and doc not in measured:
            continue
        if query.quantity and not rank and (not numeric or (counted and doc not in counted)):
            # "How many X" is answered by a number, and by a record that names X when
            # some record does (学生 in 青溪第一中学有多少名学生).
            continue
        if not rank and any(doc not in docs for docs in answering):
            # 重庆工商学校有多少学生 is not answered by a fact about other students.
            continue
        if query.when and not rank and doc not in dated:
            continue  # "when" is answered by a record that writes a year
        if query.ordinal and not rank and doc not in ordered:
            continue  # 第几名 is answered by a record that writes a place (首批, 第一)
        if query.money and not rank and doc not in moneyed:
            continue  # "how much did it cost" is answered by an amount in yuan
        if not rank and doc in paid:
            continue  # "how many schools" is not answered by an amount of money
        if not rank and doc in shares and not parts:
            continue  # nor by a share, unless it asks a part (how many of the 486)
        if not rank and doc in counting:
            continue  # 那2所高职叫什么名字: the fact counting the 2 names none of them
        answers.append(doc)
    answers.sort()

    scores, found, bit = bm25f(index, query, answers)
    most_focus = max((focus_hits.get(doc, 0) for doc in answers), default=0) or 1

    ranked: list[tuple[int, float, int, Ranked]] = []
    for doc in answers:
        coverage = candidates[doc]
        doc_credit = credits[doc]
        rank = exact.get(doc, 0)
        kind, rid, numeric = records[doc]
        t_verbatim = verbatim.get(doc, [])
        phrases = sum(1 for t in t_verbatim if len(query.terms[t].units) > 1)
        relevance = scores[doc] + TERM_MATCH_BONUS * phrases
        relevance *= KIND_WEIGHTS.get(kind, 1.0) * coverage**COVERAGE_POWER
        if query.quantity and numeric and not (query.count and doc in shares):
            # A share does not answer "how many" (of people, schools ...).
            relevance *= QUANTITY_BOOST
        if doc in focus_hits:
            relevance *= FOCUS_BOOST ** (focus_hits[doc] / most_focus)
        if doc in measured:
            relevance *= FOCUS_BOOST
        if doc in changed:
            relevance *= FOCUS_BOOST
        if doc in yearly:
            relevance /= FOCUS_BOOST
        matched: list[str] = []
        if rank == EXACT_PHRASE or (rank and query.whole in keys):
            matched.append(query.whole)
        matched.extend(query.terms[t].text for t in t_verbatim)
        doc_found = found[doc]
        for token in query.score_tokens:
            if doc_found & bit[token] or token in doc_credit:
                matched.extend(query.surfaces.get(token, ()))
            for alt in query.alternatives.get(token, ()):
                if doc_found & bit[alt]:
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
