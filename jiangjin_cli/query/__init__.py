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
    from jiangjin_cli.query.search import Hit

__all__ = [
    "FACT_FIELDS",
    "SORT_KEYS",
    "FactFilter",
    "UnknownFieldError",
    "UnknownKeyError",
    "all_tags",
    "area_asked",
    "did_you_mean",
    "distance_asked",
    "fact_field",
    "facts_mentioning",
    "filter_facts",
    "find_entity",
    "get_field",
    "grades_asked",
    "in_section",
    "mention_counts",
    "parts_asked",
    "people_asked",
    "per_unit_asked",
    "restrict",
    "search_base",
    "section_fact_counts",
    "sort_entities",
    "suggest",
    "tag_counts",
    "unanswered",
    "unknown_entity",
    "unknown_fact",
    "unknown_words",
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


def parts_asked(
    path: store.Paths, terms: Sequence[str]
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """The numbers a refused question asks a part of, those whose things it asks to
    name, and the names of figures whose parts it asks for (what a refusal names first)."""
    from jiangjin_cli import store
    from jiangjin_cli.query import refusal

    with store.open_searchable(path) as searchable:
        return refusal.parts_asked(searchable.index, terms)


def area_asked(terms: Sequence[str]) -> bool:
    """Whether a question asks the size of an area (占地面积多大): what a refusal names
    before the words no record about its place holds."""
    from jiangjin_cli.query.partial import area_asked as asks_area
    from jiangjin_cli.text import normalize

    return asks_area(normalize(" ".join(terms)))


def distance_asked(terms: Sequence[str]) -> bool:
    """Whether a question asks a distance (多远, how far): what a refusal names before the
    words no record about its place holds."""
    from jiangjin_cli.query.partial import distance_asked as asks_distance
    from jiangjin_cli.text import normalize

    return asks_distance(normalize(" ".join(terms)))


def per_unit_asked(terms: Sequence[str]) -> str | None:
    """The words of a question asking a figure for each one (每所, each school): what a
    refusal names when nothing else explains it."""
    from jiangjin_cli.query.partial import per_unit_cue
    from jiangjin_cli.text import normalize

    return per_unit_cue(normalize(" ".join(terms)))


def unknown_words(path: store.Paths, terms: Sequence[str]) -> list[str]:
    """The words of ``terms`` no record of the base at ``path`` holds (what a refusal names)."""
    from jiangjin_cli import store
    from jiangjin_cli.query import refusal

    with store.open_searchable(path) as searchable:
        return refusal.unknown_words(searchable.index, terms)


def grades_asked(path: store.Paths, terms: Sequence[str]) -> list[str]:
    """The grades of prize a refused question asks about that no record writes (二等奖):
    what a refusal names before the words the base lacks."""
    from jiangjin_cli import store
    from jiangjin_cli.query import refusal

    with store.open_searchable(path) as searchable:
        return refusal.grades_asked(searchable.index, terms)


def people_asked(path: store.Paths, terms: Sequence[str]) -> tuple[str, str] | None:
    """For a refused question asking how many people a place has: the place ("" when it
    names none) and the people (what a refusal names after the words the base lacks)."""
    from jiangjin_cli import store
    from jiangjin_cli.query import refusal

    with store.open_searchable(path) as searchable:
        return refusal.people_asked(searchable.index, terms)


def unanswered(path: store.Paths, terms: Sequence[str]) -> tuple[str, list[str]] | None:
    """For a refused question naming an entity: the name, and the words no record about it
    holds (what a refusal names when the base lacks no word)."""
    from jiangjin_cli import store
    from jiangjin_cli.query import refusal

    with store.open_searchable(path) as searchable:
        return refusal.unanswered(searchable.index, terms)
