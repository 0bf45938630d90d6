"""The scores of a search: BM25F over a record's fields, and the units of a question a
record covers (its coverage credit). No I/O.

:mod:`.search` decides which records answer and in what order; this module weighs
tokens: a query token scores a record with BM25F over its fields (``FIELD_WEIGHTS``),
IDF raised to ``IDF_POWER``, a related word of the vocabulary at ``SYNONYM_WEIGHT``.
docs/search.md has the measurements behind each constant.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator, Sequence

from jiangjin_cli.query.analysis import Query, inverse_df
from jiangjin_cli.store.index import FIELD_NAMES, Index

__all__ = [
    "FIELD_WEIGHTS",
    "IDF_POWER",
    "K1",
    "SYNONYM_CREDIT",
    "SYNONYM_WEIGHT",
    "B",
    "Credits",
    "bm25f",
    "credited",
]

#: BM25 term-frequency saturation and length normalisation (the usual values).
K1 = 1.2
B = 0.75
#: Weights of the fields of ``FIELD_NAMES`` in BM25F: quote and statement carry answers;
#: a short quote's context (the clause before it) counts toward coverage, never the score.
FIELD_WEIGHTS: tuple[float, ...] = (3.0, 3.0, 2.0, 1.5, 1.0, 1.5, 0.8, 0.5, 0.0)
#: Exponent on IDF: above 1 keeps a rare word ahead of a three-character name's two bigrams.
IDF_POWER = 1.5
#: Share of a token's score a related token of ``CONCEPTS`` earns in its stead.
SYNONYM_WEIGHT = 0.7
#: Share of a query unit a related token covers.
SYNONYM_CREDIT = 1.0


def _spans(flat: Sequence[int], docs: Sequence[int]) -> Iterator[tuple[int, int, int]]:
    """For each of ``docs`` (sorted) in the postings ``flat``: it and where its
    triples start and end in ``flat``."""
    held = flat[::3]
    size = len(held)
    at = 0
    for doc in docs:
        at = bisect_left(held, doc, at)
        if at == size:
            return
        if held[at] == doc:
            end = at + 1
            while end < size and held[end] == doc:
                end += 1
            yield doc, 3 * at, 3 * end
            at = end


Credits = tuple[tuple[str, float], ...]  # (unit token, credit) in the order found


def credited(index: Index, query: Query) -> dict[Credits, set[int]]:
    """The documents the unit tokens of ``query`` credit, grouped by what they credit.

    A unit token credits a document holding it or one of its related tokens, the best
    of their credits; documents crediting the same units share their coverage, so a
    document is never visited alone here.
    """
    groups: dict[Credits, set[int]] = {}
    seen: set[int] = set()
    for token in query.score_tokens:
        if token not in query.unit_weight:
            continue
        base_credit = query.unit_credit.get(token, 1.0)
        levels: dict[float, set[int]] = {}
        for alt in (token, *query.alternatives.get(token, ())):
            flat = index.postings(alt)
            credit = base_credit * (1.0 if alt == token else SYNONYM_CREDIT)
            if flat and credit > 0.0:
                levels.setdefault(credit, set()).update(flat[::3])
        taken: set[int] = set()
        for credit in sorted(levels, reverse=True):  # the best credit of a document
            levels[credit] -= taken
            taken |= levels[credit]
        if not taken:
            continue
        if taken - seen:
            groups.setdefault((), set()).update(taken - seen)
            seen |= taken
        split: dict[Credits, set[int]] = {}
        for credits, docs in groups.items():
            rest = docs
            for credit, held in levels.items():
                both = docs & held
                if both:
                    more: Credits = (*credits, (token, credit))
                    split[more] = both
                    rest = rest - both
            if rest:
                split[credits] = rest
        groups = split
    return groups


def _alts(query: Query) -> Iterator[str]:
    """The score tokens of ``query`` and their alternatives."""
    for token in query.score_tokens:
        yield token
        yield from query.alternatives.get(token, ())


def bm25f(
    index: Index, query: Query, answers: list[int]
) -> tuple[dict[int, float], dict[int, int], dict[str, int]]:
    """BM25F of ``query`` over the records ``answers`` (sorted) alone: each record's score,
    the tokens found in it (one bit each), and each token's bit. A token and its
    alternatives count once per record: the best of them."""
    scores = dict.fromkeys(answers, 0.0)
    # The tokens found in each record, one bit each.
    bit = {alt: 1 << n for n, alt in enumerate(dict.fromkeys(_alts(query)))}
    found = dict.fromkeys(answers, 0)
    avg = index.avg_field_lengths
    lengths = index.field_lengths()
    width = len(FIELD_NAMES)
    for token, qw in query.score_tokens.items():
        best = dict.fromkeys(answers, 0.0)
        own_df = index.doc_freq(token)
        own_idf = inverse_df(index, own_df) if own_df else None
        for alt, factor in (
            (token, 1.0),
            *((a, SYNONYM_WEIGHT) for a in query.alternatives.get(token, ())),
        ):
            flat = index.postings(alt)
            if not flat:
                continue
            # A related token is worth no more than the query's own token would be.
            idf = inverse_df(index, index.doc_freq(alt))
            if alt != token and own_idf is not None:
                idf = min(idf, own_idf)
            idf_w = idf**IDF_POWER
            for doc, start, end in _spans(flat, answers):
                tf_w = 0.0
                for k in range(start, end, 3):
                    f, tf = flat[k + 1], flat[k + 2]
                    norm = 1.0 - B + B * lengths[doc * width + f] / avg[f]
                    tf_w += FIELD_WEIGHTS[f] * tf / norm
                value = factor * qw * idf_w * tf_w / (K1 + tf_w)
                if value > best[doc]:
                    best[doc] = value
                found[doc] |= bit[alt]
        for doc, value in best.items():
            scores[doc] += value

    return scores, found, bit
