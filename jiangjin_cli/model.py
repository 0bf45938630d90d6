"""The records of a fact base: plain frozen dataclasses, no I/O.

A fact follows the Wikidata/SDMX habit: an amount in base units, its unit, a
status flag for hedged figures (以上 "at least", 余 "more than"), an optional
period, and a reference: the source and the verbatim clause it came from.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field

SCHEMA_VERSION = 1

# The hedge of a figure. 以上 right after a quantity means "at least" (2.5万以上),
# 余 means "more than" (450余家); anything else is stated as exact.
QUALIFIERS: tuple[str, ...] = ("exact", "at_least", "more_than")

# Periods the article gives for a figure: 年 / 每年 (each year), 近三年 (the past
# three years), 连续N年 (N years in a row).
PERIODS: dict[str, tuple[str, str]] = {
    "per_year": ("每年", "per year"),
    "past_three_years": ("近三年", "in the past three years"),
    "consecutive_years": ("连续", "consecutive years"),
}

# The fields of a fact, as export and every machine format name them, in that order.
FACT_FIELDS: tuple[str, ...] = (
    "id",
    "section",
    "quote",
    "statement_en",
    "value",
    "unit",
    "unit_en",
    "qualifier",
    "period",
    "entities",
    "tags",
    "source",
)

ENTITY_KINDS: tuple[str, ...] = (
    "place",
    "government",
    "organisation",
    "school",
    "company",
    "group",
    "programme",
    "model",
    "policy",
    "award",
    "qualification",
    "brand",
    "event",
    "platform",
)


@dataclass(frozen=True, slots=True)
class Source:
    id: str
    title: str
    title_en: str
    publisher: str
    publisher_en: str
    url: str
    published: _dt.date
    language: str
    line: int = 0


@dataclass(frozen=True, slots=True)
class Section:
    """A part (``1``) or point (``1.2``) of the article; ``0`` is the title and lead."""

    id: str
    title: str
    title_en: str
    parent: str | None = None
    line: int = 0

    @property
    def depth(self) -> int:
        return self.id.count(".")


@dataclass(frozen=True, slots=True)
class Entity:
    id: str
    name: str
    name_en: str
    kind: str
    aliases: tuple[str, ...] = ()
    line: int = 0


@dataclass(frozen=True, slots=True)
class Fact:
    id: str
    section: str
    quote: str
    statement_en: str
    source: str
    value: int | float | None = None
    unit: str | None = None
    unit_en: str | None = None
    qualifier: str | None = None
    period: str | None = None
    entities: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    line: int = 0

    @property
    def is_numeric(self) -> bool:
        return self.value is not None


@dataclass(frozen=True, slots=True)
class FactBase:
    """A loaded, validated fact base with its indexes."""

    path: str
    sources: tuple[Source, ...]
    sections: tuple[Section, ...]
    entities: tuple[Entity, ...]
    facts: tuple[Fact, ...]
    schema_version: int = SCHEMA_VERSION
    source_by_id: dict[str, Source] = field(default_factory=dict, compare=False, repr=False)
    section_by_id: dict[str, Section] = field(default_factory=dict, compare=False, repr=False)
    entity_by_id: dict[str, Entity] = field(default_factory=dict, compare=False, repr=False)
    fact_by_id: dict[str, Fact] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def build(
        cls,
        path: str,
        sources: tuple[Source, ...],
        sections: tuple[Section, ...],
        entities: tuple[Entity, ...],
        facts: tuple[Fact, ...],
    ) -> FactBase:
        return cls(
            path=path,
            sources=sources,
            sections=sections,
            entities=entities,
            facts=facts,
            source_by_id={s.id: s for s in sources},
            section_by_id={s.id: s for s in sections},
            entity_by_id={e.id: e for e in entities},
            fact_by_id={f.id: f for f in facts},
        )

    def section_path(self, section_id: str) -> tuple[Section, ...]:
        """The chain of sections from the part down to ``section_id``."""
        chain: list[Section] = []
        current = self.section_by_id.get(section_id)
        while current is not None and len(chain) < 16:
            chain.append(current)
            current = self.section_by_id.get(current.parent) if current.parent else None
        return tuple(reversed(chain))


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a fact base, located as precisely as we can."""

    path: str
    message: str
    line: int | None = None
    column: int | None = None
    record: str | None = None
    field: str | None = None

    def __str__(self) -> str:
        where = self.path
        if self.line:
            where += f":{self.line}"
            if self.column:
                where += f":{self.column}"
        what = ""
        if self.record:
            what = f" {self.record}"
            if self.field:
                what += f".{self.field}"
            what += ":"
        return f"{where}:{what} {self.message}"
