"""Tables for people: facts, entities, tags, sources and search hits.

Each table is fitted to the console (:mod:`.layout`): no column is dropped, numbers are
never split, and a caption under it counts what it shows.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import Any, Protocol

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..model import Entity, Fact, FactBase, Section, Source
from ..text import NO_VALUE, visible
from .human import DIM_STYLE, LABEL_STYLE, _header, _t, _url, _wrapped, highlight, shown_value
from .layout import fit_widths, measure

__all__ = [
    "HitLike",
    "entities_table",
    "facts_table",
    "search_table",
    "sources_table",
    "tags_table",
]


class HitLike(Protocol):
    """What `search_table` needs from a search hit (search.Hit fits)."""

    @property
    def kind(self) -> str: ...

    @property
    def record(self) -> Fact | Entity | Section: ...

    @property
    def score(self) -> float: ...

    @property
    def matched_terms(self) -> Collection[str]: ...


def _contains_any(text: str, terms: Iterable[str]) -> bool:
    for term in terms:
        if term.strip() and re.search(re.escape(term), text, flags=re.IGNORECASE):
            return True
    return False


def _count_caption(shown: int, total: int | None, noun: tuple[str, str, str], lang: str) -> Text:
    """The count under a table: ``12 facts`` or ``Showing 5 of 58 facts`` (and zh forms)."""
    zh_noun, en_one, en_many = noun
    total = shown if total is None else total
    if lang == "zh":
        if total > shown:
            return Text(f"显示 {shown:,} 条，共 {total:,} 条{zh_noun}")
        return Text(f"共 {total:,} 条{zh_noun}")
    word = en_one if total == 1 else en_many
    if total > shown:
        return Text(f"Showing {shown:,} of {total:,} {word}")
    return Text(f"{total:,} {word}")


_FACT_NOUN = ("事实", "fact", "facts")
_ENTITY_NOUN = ("实体", "entity", "entities")
_SOURCE_NOUN = ("来源", "source", "sources")
_TAG_NOUN = ("标签", "tag", "tags")
_MATCH_NOUN = ("结果", "match", "matches")


def _table(title: str | None, caption: Text | None) -> Table:
    return Table(
        title=_t(title, LABEL_STYLE) if title is not None else None,
        caption=caption,
        box=box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
        highlight=False,
        title_justify="left",
        caption_justify="left",
    )


def _fact_text(fact: Fact, lang: str) -> str:
    return fact.quote if lang == "zh" else fact.statement_en


def _fitted_table(
    console: Console,
    table: Table,
    headers: Sequence[Text],
    rows: Sequence[Sequence[Text]],
    options: Sequence[dict[str, Any]],
) -> Table:
    """``table`` with one column per header, widths fitted to the console, cells wrapped.

    No column is ever dropped or cut to nothing: the widest text column is narrowed
    first, numbers and units are never split (render.layout). An option ``wrap=False``
    keeps a column on one line (values, counts).
    """
    measured = [
        measure(
            header.plain,
            [row[i].plain for row in rows],
            options[i].get("wrap", True),
            options[i].get("weight", 1),
        )
        for i, header in enumerate(headers)
    ]
    # Between two columns: a cell of padding each side and the box's blank divider.
    widths = fit_widths(measured, console.width, gap=3)
    for header, width, option in zip(headers, widths, options, strict=True):
        extra = {key: value for key, value in option.items() if key not in ("wrap", "weight")}
        table.add_column(header, width=width, no_wrap=True, overflow="fold", **extra)
    for row in rows:
        table.add_row(*(_wrapped(cell, width) for cell, width in zip(row, widths, strict=True)))
    if isinstance(table.title, Text):  # rich wraps a title to the table's width
        table.title = _wrapped(table.title, sum(widths) + 3 * (len(widths) - 1))
    return table


# ---------------------------------------------------------------- facts


def facts_table(
    console: Console,
    facts: Sequence[Fact],
    base: FactBase,
    lang: str,
    title: str | None = None,
    highlight_terms: Iterable[str] | None = None,
    total: int | None = None,
) -> None:
    """Facts as a table: id, hedged value with unit, quote (zh) or statement (en), section.

    ``total`` is how many facts matched before a limit; the caption then says
    "Showing 5 of 58 facts".
    """
    terms = list(highlight_terms or ())
    table = _table(title, _count_caption(len(facts), total, _FACT_NOUN, lang))
    keys = ["id", "value", "quote" if lang == "zh" else "statement", "section"]
    if base.several_sources:
        keys.append("source")
    headers = [_header(key, lang) for key in keys]
    rows = []
    for fact in facts:
        value = shown_value(fact, lang)
        row = [
            highlight(_t(fact.id), terms),
            _t(value, DIM_STYLE if value == NO_VALUE else ""),
            highlight(_t(_fact_text(fact, lang)), terms),
            _t(fact.section),
        ]
        rows.append(row + [_t(fact.source)] * base.several_sources)
    options: list[dict[str, Any]] = [
        {"style": "bold"},
        # A Chinese value is one written quantity (2.5万人次以上); an English one may
        # wrap at its space (≥ 25,000 / person-times).
        {"justify": "right", "wrap": lang != "zh"},
        {"weight": 2},
        {"wrap": False},
        {},
    ]
    options = options[: len(keys)]
    console.print(_fitted_table(console, table, headers, rows, options))


# ---------------------------------------------------------------- entities


def entities_table(
    console: Console,
    entities: Sequence[Entity],
    base: FactBase,
    lang: str,
    counts: Mapping[str, int],
    total: int | None = None,
) -> None:
    """Entities as a table: id, name, English name, kind, number of facts mentioning each."""
    del base  # kept for a uniform signature; names come from the records themselves
    table = _table(None, _count_caption(len(entities), total, _ENTITY_NOUN, lang))
    headers = [_header(key, lang) for key in ("id", "name", "name_en", "kind", "facts")]
    rows = [
        [
            _t(entity.id),
            _t(entity.name),
            _t(entity.name_en),
            _t(entity.kind),
            Text(str(counts.get(entity.id, 0))),
        ]
        for entity in entities
    ]
    options: list[dict[str, Any]] = [
        {"style": "bold"},
        {},
        {},
        {},
        {"justify": "right", "wrap": False},
    ]
    console.print(_fitted_table(console, table, headers, rows, options))


# ---------------------------------------------------------------- tags


def tags_table(console: Console, counted: Sequence[tuple[str, int]], lang: str) -> None:
    """Tags with the number of facts carrying each."""
    table = _table(None, _count_caption(len(counted), None, _TAG_NOUN, lang))
    headers = [_header("tag", lang), _header("facts", lang)]
    rows = [[_t(tag), Text(str(count))] for tag, count in counted]
    options: list[dict[str, Any]] = [{"style": "bold"}, {"justify": "right", "wrap": False}]
    console.print(_fitted_table(console, table, headers, rows, options))


# ---------------------------------------------------------------- sources


def sources_table(
    console: Console,
    sources: Sequence[Source],
    counts: Mapping[str, int],
    lang: str,
) -> None:
    """Sources as a table: id, title, publisher, date, language, number of facts; then
    each source's URL on a line of its own, whole, for the terminal to wrap and link."""
    table = _table(None, _count_caption(len(sources), None, _SOURCE_NOUN, lang))
    keys = ("id", "title", "publisher", "published", "language", "facts")
    headers = [_header(key, lang) for key in keys]
    zh = lang == "zh"
    rows = [
        [
            _t(source.id),
            _t(source.title if zh else source.title_en),
            _t(source.publisher if zh else source.publisher_en),
            Text(source.published.isoformat()),
            _t(source.language),
            Text(str(counts.get(source.id, 0))),
        ]
        for source in sources
    ]
    options: list[dict[str, Any]] = [
        {"style": "bold"},
        {},
        {},
        {"wrap": False},
        {"wrap": False},
        {"justify": "right", "wrap": False},
    ]
    console.print(_fitted_table(console, table, headers, rows, options))
    for source in sources:
        line = Text.assemble((visible(source.id), LABEL_STYLE), "  ", _url(console, source.url))
        console.print(line, soft_wrap=True)


# ---------------------------------------------------------------- search


def _hit_texts(record: Fact | Entity | Section, lang: str) -> list[str]:
    """Texts a hit can be shown by, the one in ``lang`` first."""
    if isinstance(record, Fact):
        texts = [record.quote, record.statement_en]
    elif isinstance(record, Entity):
        texts = [record.name, record.name_en, *record.aliases]
    else:
        texts = [record.title, record.title_en]
    if lang != "zh" and len(texts) > 1:
        texts[0], texts[1] = texts[1], texts[0]
    return texts


def search_table(
    console: Console,
    hits: Sequence[HitLike],
    base: FactBase,
    lang: str,
    terms: Sequence[str],
    total: int | None = None,
) -> None:
    """Search hits: kind, id, the text in ``lang`` (or whichever text matched), score.

    Every case-insensitive occurrence of each term is highlighted in the shown text.
    """
    several = base.several_sources
    table = _table(None, _count_caption(len(hits), total, _MATCH_NOUN, lang))
    keys = ("kind", "id", "text", "source", "score") if several else ("kind", "id", "text", "score")
    headers = [_header(key, lang) for key in keys]
    rows = []
    for hit in hits:
        wanted = [*terms, *(t for t in hit.matched_terms if t not in terms)]
        texts = _hit_texts(hit.record, lang)
        shown = next((t for t in texts if _contains_any(visible(t), wanted)), texts[0])
        row = [
            _t(hit.kind),
            highlight(_t(hit.record.id), wanted),
            highlight(_t(shown), wanted),
            Text(f"{hit.score:.2f}"),
        ]
        if several:  # an entity is shared by the articles: it has no source
            row.insert(3, _t(getattr(hit.record, "source", "") if hit.kind != "entity" else ""))
        rows.append(row)
    options: list[dict[str, Any]] = [
        {"wrap": False},
        {"style": "bold"},
        {"weight": 2},
        *([{"wrap": True}] if several else []),
        {"justify": "right", "wrap": False},
    ]
    console.print(_fitted_table(console, table, headers, rows, options))
