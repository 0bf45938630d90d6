"""The query layer: filters and lookups over a base, and ranked search over its index.

No printing here; :mod:`jiangjin_cli.render` writes what this layer selects.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from jiangjin_cli.query.filters import (
    FACT_FIELDS,
    SORT_KEYS,
    FactFilter,
    UnknownFieldError,
    UnknownKeyError,
    all_tags,
    did_you_mean,
    fact_field,
    facts_mentioning,
    filter_facts,
    find_entity,
    get_field,
    in_section,
    mention_counts,
    restrict,
    section_fact_counts,
    sort_entities,
    suggest,
    tag_counts,
    unknown_entity,
    unknown_fact,
)

if TYPE_CHECKING:
    from jiangjin_cli import store
    from jiangjin_cli.model import FactBase
    from jiangjin_cli.query.refusal import Refusal
    from jiangjin_cli.query.search import Hit

__all__ = [
    "FACT_FIELDS",
    "SORT_KEYS",
    "FactFilter",
    "UnknownFieldError",
    "UnknownKeyError",
    "all_tags",
    "did_you_mean",
    "fact_field",
    "facts_mentioning",
    "filter_facts",
    "find_entity",
    "get_field",
    "in_section",
    "mention_counts",
    "restrict",
    "search_base",
    "section_fact_counts",
    "sort_entities",
    "suggest",
    "tag_counts",
    "unknown_entity",
    "unknown_fact",
    "why_refused",
]


def search_base(
    path: store.Paths,
    terms: Sequence[str],
    sources: Sequence[str] = (),
    *,
    kind: str | None = None,
    limit: int | None = None,
) -> tuple[FactBase, list[Hit], int]:
    """The first ``limit`` hits of ``terms`` in the base at ``path`` (only records of
    ``kind`` when given), a base holding their records, and how many hits there are;
    with ``sources``, only the records of those sources (UnknownKeyError for one the
    base lacks).

    Ranks over the base's compiled index, then fetches only the facts it shows (all
    of them with ``sources``, which decide which entities belong and which hits
    count); FactBaseError when the base is unusable.
    """
    from jiangjin_cli import store
    from jiangjin_cli.query import search as searching

    for reparse in (False, True):
        with store.open_searchable(path, reparse=reparse) as searchable:
            try:
                ranked = searching.rank(searchable.index, terms)
                if kind is not None:
                    ranked = [r for r in ranked if r.kind == kind]
                # The index was built from the base: it holds every record ranked.
                shown = ranked if sources else ranked[:limit]
                wanted = [r.id for r in shown if r.kind == "fact"]
                base = searchable.base_with(store.fact_ids(path) if sources else wanted)
            except store.READ_ERRORS:
                if reparse:
                    raise  # read from the file, in memory: a fault of the code, not of a cache
                base = None  # a damaged database: read the file, which rewrites it
            if base is not None:
                base = restrict(base, sources)
                hits = searching.hits_of(base, shown)
                total = len(hits) if sources else len(ranked)
                return base, hits[:limit], total
    raise AssertionError("a base read from its file always has its records")


def why_refused(path: store.Paths, terms: Sequence[str]) -> Refusal:
    """Why a search of ``terms`` in the base at ``path`` found nothing: the first rule
    that explains it (:func:`jiangjin_cli.query.refusal.why_refused`), the base opened
    once."""
    from jiangjin_cli import store
    from jiangjin_cli.query import refusal

    with store.open_searchable(path) as searchable:
        return refusal.why_refused(searchable.index, terms)
