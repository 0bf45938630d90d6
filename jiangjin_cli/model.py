"""The records of a fact base: plain frozen dataclasses, no I/O.

Each class has a docstring: without one, ``dataclass`` makes one from the class's
signature (``inspect.signature``), a cost every run would pay at import.

A fact follows the Wikidata/SDMX habit: an amount in base units, its unit, a
status flag for hedged figures (以上 "at least", 余 "more than"), an optional
period, and a reference: the source and the verbatim clause it came from.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field

SCHEMA_VERSION = 1

# The hedge of a figure, as the quote writes it with the quantity (jiangjin_cli.meaning
# reads the markers and holds the full lists):
#   exact      no hedge (2729名)
#   at_least   以上 right after the quantity (2.5万以上, 80%以上, 2000人以上), 不少于 / 至少
#              before it; 以上 elsewhere (市级以上, 以上3个集团) is no hedge
#   more_than  余 or 多 right after the number (450余家, 12万余人次, 100多家), 超过 before
#              it; 多 not after a number (多家) is no hedge
#   about      约 / 大约 / 近 before the number (近2000人; but 近三年 is a period),
#              左右 after the quantity
#   at_most    以下 / 以内 after the quantity, 最多 / 不超过 before it
#   (a range 3至5年: the low end at_least, the high end at_most)
#   less_than  不足 / 不到 / 未满 before the number
QUALIFIERS: tuple[str, ...] = (
    "exact",
    "at_least",
    "more_than",
    "about",
    "at_most",
    "less_than",
)

# Periods the quote gives for a figure: 每年 anywhere in its clause, or 年 heading the
# clause (年培训…) (per year); 近一年 … 近十年 (the past N years); 连续N年 (N years in a
# row). 近年来 ("in recent years") is no period, and 2023年 is a date. 近N年 or 每年 at the
# head of a sentence governs all its clauses; 年 heading one clause only that one.
_YEAR_COUNTS = ("一", "两", "三", "四", "五", "六", "七", "八", "九", "十")
_YEAR_WORDS = ("", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
#: The key of 近N年 for N from 1 to 10: past_year, past_two_years ... past_ten_years.
PAST_YEARS: dict[int, str] = {
    n: f"past_{word}_years" if word else "past_year" for n, word in enumerate(_YEAR_WORDS, start=1)
}
PERIODS: dict[str, tuple[str, str]] = {
    "per_year": ("每年", "per year"),
    **{
        PAST_YEARS[n]: (f"近{zh}年", f"in the past {en} years" if en else "in the past year")
        for n, (zh, en) in enumerate(zip(_YEAR_COUNTS, _YEAR_WORDS, strict=True), start=1)
    },
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
    """An article the facts are quoted from."""

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
    """A part (``1``) or point (``1.2``) of an article; ``0`` is the title and lead.

    Its id is unique within its ``source`` (each article numbers its own parts).
    """

    id: str
    title: str
    title_en: str
    parent: str | None = None
    line: int = 0
    source: str = ""

    @property
    def depth(self) -> int:
        return self.id.count(".")

    @property
    def key(self) -> str:
        """Its source and id in one word (``source/2.2``), unique in a base."""
        return f"{self.source}/{self.id}"


@dataclass(frozen=True, slots=True)
class Entity:
    """A named thing that facts mention; ``kind`` is one of ``ENTITY_KINDS``."""

    id: str
    name: str
    name_en: str
    kind: str
    aliases: tuple[str, ...] = ()
    line: int = 0


@dataclass(frozen=True, slots=True)
class Fact:
    """One statement of an article, with its figure when it gives one."""

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
    """A loaded, validated fact base with its indexes.

    ``path`` names the base in messages: its file, or its files joined by the system's
    path separator. A section is found by its source and id (``section_by_key``).
    """

    path: str
    sources: tuple[Source, ...]
    sections: tuple[Section, ...]
    entities: tuple[Entity, ...]
    facts: tuple[Fact, ...]
    schema_version: int = SCHEMA_VERSION
    source_by_id: dict[str, Source] = field(default_factory=dict, compare=False, repr=False)
    section_by_key: dict[tuple[str, str], Section] = field(
        default_factory=dict, compare=False, repr=False
    )
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
            section_by_key={(s.source, s.id): s for s in sections},
            entity_by_id={e.id: e for e in entities},
            fact_by_id={f.id: f for f in facts},
        )

    def section(self, source: str, section_id: str) -> Section | None:
        """The section ``section_id`` of the article ``source``."""
        return self.section_by_key.get((source, section_id))

    def section_path(self, section_id: str, source: str) -> tuple[Section, ...]:
        """The chain of sections of ``source`` from the part down to ``section_id``."""
        chain: list[Section] = []
        current = self.section(source, section_id)
        while current is not None and len(chain) < 16:
            chain.append(current)
            current = self.section(source, current.parent) if current.parent else None
        return tuple(reversed(chain))

    @property
    def several_sources(self) -> bool:
        """Whether output must say which article each record comes from."""
        return len(self.sources) > 1


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
