"""Filters, lookups by id or name, and close-match suggestions over a fact base.

Plain functions over ``jiangjin_cli.model`` records: no I/O, no printing. Names are
compared after ``search.fold`` (NFKC, case folding, quotation marks dropped), so
``重庆工商学校``, ``“重庆工商学校”`` and ``CHONGQING-INDUSTRY-AND-COMMERCE-SCHOOL``
all find the same entity.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from jiangjin_cli.fields import UnknownFieldError, fact_field, get_field
from jiangjin_cli.model import FACT_FIELDS, Entity, Fact, FactBase
from jiangjin_cli.text import fold

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
    "section_fact_counts",
    "sort_entities",
    "suggest",
    "tag_counts",
    "unknown_entity",
    "unknown_fact",
]

SortKey = Literal["section", "value", "id"]
#: ``section``: file (article) order. ``value``: largest value first, facts without a
#: value last, ties in file order.
SORT_KEYS: tuple[str, ...] = ("section", "value", "id")

#: Lowest similarity (0..1) for ``suggest`` to offer a candidate.
SUGGEST_CUTOFF = 0.6


class UnknownKeyError(LookupError):
    """A section, entity or tag that the fact base does not have.

    ``what`` is ``"section"``, ``"entity"`` or ``"tag"``; ``suggestions`` are close
    existing keys, best first (maybe empty).
    """

    def __init__(self, what: str, key: str, suggestions: Sequence[str] = ()) -> None:
        self.what = what
        self.key = key
        self.suggestions = tuple(suggestions)
        super().__init__(did_you_mean(f"unknown {what} {key!r}", self.suggestions))

    def __str__(self) -> str:
        return str(self.args[0])


def did_you_mean(message: str, suggestions: Sequence[str]) -> str:
    """The one way every command offers close matches: ``MESSAGE; did you mean: a, b``."""
    return f"{message}; did you mean: {', '.join(suggestions)}" if suggestions else message


def unknown_entity(base: FactBase, key: str) -> UnknownKeyError:
    """The error for an entity key the base lacks, with the same suggestions everywhere."""
    return UnknownKeyError("entity", key, suggest(key, _entity_keys(base)))


def unknown_fact(base: FactBase, key: str) -> UnknownKeyError:
    return UnknownKeyError("fact id", key, suggest(key, base.fact_by_id))


@dataclass(frozen=True)
class FactFilter:
    """What ``filter_facts`` keeps; every criterion left at its default keeps all.

    ``section``, ``entity``, ``tag``, ``period`` and ``qualifier`` each take one key
    or several: a fact passes a criterion when it matches any of its keys (OR), and
    must pass every criterion given (AND). ``section``: a part (``"2"``) keeps the
    part and all its points, a point (``"2.2"``) only itself, ``"0"`` the title and
    lead. ``entity``: id, name, English name or alias. ``tag``: a tag,
    case-insensitive. ``period``, ``qualifier``: keys of ``model.PERIODS`` and
    ``model.QUALIFIERS`` (a figure without a qualifier counts as exact). ``numeric``:
    only facts with a value. ``min_value``/``max_value``: inclusive bounds on the
    value (facts without a value are dropped when either is given). ``sort``: see
    ``SORT_KEYS``.
    """

    section: str | Sequence[str] | None = None
    entity: str | Sequence[str] | None = None
    tag: str | Sequence[str] | None = None
    period: str | Sequence[str] | None = None
    qualifier: str | Sequence[str] | None = None
    numeric: bool = False
    min_value: float | None = None
    max_value: float | None = None
    sort: SortKey = "section"


def _key(text: str) -> str:
    return " ".join(fold(text).split())


def in_section(section_id: str, wanted: str) -> bool:
    """Whether a fact in ``section_id`` belongs to section ``wanted`` (a part holds its points)."""
    return section_id == wanted or section_id.startswith(wanted + ".")


def _section_key(base: FactBase, key: str) -> str:
    """A section id of any source of ``base`` (a number found in several sources
    stands for each of them)."""
    wanted = _key(key).rstrip(".")
    ids = list(dict.fromkeys(s.id for s in base.sections))
    if wanted not in ids:
        raise UnknownKeyError("section", key, suggest(key, ids))
    return wanted


def restrict(base: FactBase, sources: Sequence[str]) -> FactBase:
    """The part of ``base`` from the sources ``sources`` (ids, case-insensitive): their
    sections and facts, and the entities those facts mention. ``base`` itself when
    ``sources`` is empty; UnknownKeyError for a source it does not have."""
    if not sources:
        return base
    chosen: set[str] = set()
    for key in sources:
        wanted = _key(key)
        found = [s.id for s in base.sources if _key(s.id) == wanted]
        if not found:
            raise UnknownKeyError("source", key, suggest(key, base.source_by_id))
        chosen.update(found)
    facts = tuple(f for f in base.facts if f.source in chosen)
    mentioned = {entity_id for fact in facts for entity_id in fact.entities}
    return FactBase.build(
        base.path,
        tuple(s for s in base.sources if s.id in chosen),
        tuple(s for s in base.sections if s.source in chosen),
        tuple(e for e in base.entities if e.id in mentioned),
        facts,
    )


def filter_facts(base: FactBase, flt: FactFilter) -> list[Fact]:
    """The facts of ``base`` that pass ``flt``, sorted as it says.

    Raises UnknownKeyError for a section, entity or tag the base does not have,
    ValueError for an unknown sort key.
    """
    if flt.sort not in SORT_KEYS:
        raise ValueError(f"unknown sort {flt.sort!r}; valid: {', '.join(SORT_KEYS)}")
    facts: Iterable[Fact] = base.facts
    sections = [_section_key(base, key) for key in _keys(flt.section)]
    if sections:
        facts = [f for f in facts if any(in_section(f.section, s) for s in sections)]
    entities = [_entity_id(base, key) for key in _keys(flt.entity)]
    if entities:
        facts = [f for f in facts if any(e in f.entities for e in entities)]
    tags = [_tag_key(base, key) for key in _keys(flt.tag)]
    if tags:
        facts = [f for f in facts if any(_key(t) in tags for t in f.tags)]
    periods = _keys(flt.period)
    if periods:
        facts = [f for f in facts if f.period in periods]
    qualifiers = _keys(flt.qualifier)
    if qualifiers:
        # A fact with a value and no qualifier is stated as exact.
        facts = [f for f in facts if f.value is not None and (f.qualifier or "exact") in qualifiers]
    if flt.numeric or flt.min_value is not None or flt.max_value is not None:
        facts = [f for f in facts if f.value is not None]
    if flt.min_value is not None:
        low = flt.min_value
        facts = [f for f in facts if f.value is not None and f.value >= low]
    if flt.max_value is not None:
        high = flt.max_value
        facts = [f for f in facts if f.value is not None and f.value <= high]
    result = list(facts)
    if flt.sort == "value":
        # sorted() is stable: equal values keep file order.
        result.sort(key=lambda f: (f.value is None, -(f.value or 0)))
    elif flt.sort == "id":
        result.sort(key=lambda f: f.id)
    return result


def _keys(given: str | Sequence[str] | None) -> tuple[str, ...]:
    if given is None:
        return ()
    return (given,) if isinstance(given, str) else tuple(given)


def _entity_id(base: FactBase, key: str) -> str:
    entity = find_entity(base, key)
    if entity is None:
        raise unknown_entity(base, key)
    return entity.id


def _tag_key(base: FactBase, key: str) -> str:
    tags = all_tags(base)
    if _key(key) not in {_key(t) for t in tags}:
        raise UnknownKeyError("tag", key, suggest(key, tags))
    return _key(key)


def _entity_keys(base: FactBase) -> list[str]:
    keys: list[str] = []
    for entity in base.entities:
        keys.extend((entity.id, entity.name, entity.name_en, *entity.aliases))
    return keys


def find_entity(base: FactBase, key: str) -> Entity | None:
    """The entity whose id, name, English name or alias equals ``key`` after folding.

    Ids win over names, names over English names, English names over aliases.
    """
    wanted = _key(key)
    if not wanted:
        return None
    for pick in (
        lambda e: (e.id,),
        lambda e: (e.name,),
        lambda e: (e.name_en,),
        lambda e: e.aliases,
    ):
        for entity in base.entities:
            if any(_key(text) == wanted for text in pick(entity)):
                return entity
    return None


def facts_mentioning(base: FactBase, entity_id: str) -> list[Fact]:
    """The facts linked to entity ``entity_id``, in file order."""
    return [f for f in base.facts if entity_id in f.entities]


def section_fact_counts(base: FactBase) -> dict[tuple[str, str], tuple[int, int]]:
    """For every section, by (source, id) in file order: (facts of its own, facts
    including its points)."""
    own: dict[tuple[str, str], int] = {(s.source, s.id): 0 for s in base.sections}
    for fact in base.facts:
        key = (fact.source, fact.section)
        own[key] = own.get(key, 0) + 1
    counts: dict[tuple[str, str], tuple[int, int]] = {}
    for section in base.sections:
        total = sum(
            n
            for (source, sid), n in own.items()
            if source == section.source and in_section(sid, section.id)
        )
        counts[(section.source, section.id)] = (own[(section.source, section.id)], total)
    return counts


def _words(text: str) -> set[str]:
    return {w for w in text.replace("_", "-").replace(" ", "-").split("-") if w}


def suggest(key: str, candidates: Iterable[str], n: int = 3) -> list[str]:
    """Up to ``n`` candidates close to ``key``, best first (difflib + containment).

    Comparison is on folded text; a candidate containing the key (or contained in
    it) or sharing its kebab-case words scores higher than its spelling alone gives.
    """
    wanted = _key(key)
    if n <= 0 or not wanted:
        return []
    wanted_words = _words(wanted)
    scored: dict[str, float] = {}
    order: dict[str, int] = {}
    for position, candidate in enumerate(candidates):
        if candidate in scored:
            continue
        folded = _key(candidate)
        if not folded:
            continue
        score = difflib.SequenceMatcher(None, wanted, folded, autojunk=False).ratio()
        if len(wanted) >= 2 and (wanted in folded or folded in wanted):
            score += 0.4
        words = _words(folded)
        if wanted_words and words:
            score += 0.3 * len(wanted_words & words) / len(wanted_words | words)
        if score >= SUGGEST_CUTOFF:
            scored[candidate] = score
            order[candidate] = position
    ranked = sorted(scored, key=lambda c: (-scored[c], order[c]))
    return ranked[:n]


def all_tags(base: FactBase) -> list[str]:
    """Every tag used by a fact, sorted."""
    return sorted({tag for fact in base.facts for tag in fact.tags})


def tag_counts(base: FactBase) -> list[tuple[str, int]]:
    """Every tag with the number of facts carrying it, most used first, then by name."""
    counts: dict[str, int] = {}
    for fact in base.facts:
        for tag in set(fact.tags):
            counts[tag] = counts.get(tag, 0) + 1
    return sorted(counts.items(), key=lambda pair: (-pair[1], pair[0]))


def mention_counts(base: FactBase) -> dict[str, int]:
    """For every entity, the number of facts that mention it."""
    counts = dict.fromkeys(base.entity_by_id, 0)
    for fact in base.facts:
        for entity_id in set(fact.entities):
            if entity_id in counts:
                counts[entity_id] += 1
    return counts


#: ``file``: the base's order; ``facts``: most mentioned first; ``id``, ``name``: alphabetical.
ENTITY_SORT_KEYS: tuple[str, ...] = ("file", "facts", "id", "name")


def sort_entities(base: FactBase, chosen: Sequence[Entity], key: str) -> list[Entity]:
    """``chosen`` ordered by one of ``ENTITY_SORT_KEYS`` (ties keep the base's order)."""
    result = list(chosen)
    if key == "facts":
        counts = mention_counts(base)
        result.sort(key=lambda e: -counts.get(e.id, 0))
    elif key == "id":
        result.sort(key=lambda e: e.id)
    elif key == "name":
        result.sort(key=lambda e: _key(e.name))
    elif key != "file":
        raise ValueError(f"unknown sort {key!r}; valid: {', '.join(ENTITY_SORT_KEYS)}")
    return result
