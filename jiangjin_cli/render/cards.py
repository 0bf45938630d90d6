"""Cards for people: one fact or one entity in full, in a panel of label/value rows.

On a console narrower than ``NARROW`` cells the labels stand above their values.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich import box
from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ..model import Entity, Fact, FactBase, Source
from ..text import NO_VALUE, period_label, visible
from .human import (
    DIM_STYLE,
    LABEL_STYLE,
    NARROW,
    _entity_name,
    _joiner,
    _label,
    _t,
    _url,
    _wrapped,
    section_path_label,
    shown_value,
)
from .layout import cell_len
from .tables import facts_table

__all__ = ["entity_card", "fact_card"]


def _source_lines(source: Source, lang: str) -> str:
    """Title, then publisher and date (the URL is added by the caller, whole)."""
    if lang == "zh":
        title, publisher = source.title, source.publisher
    else:
        title, publisher = source.title_en, source.publisher_en
    return f"{title}\n{publisher} · {source.published.isoformat()}"


_CARD_FRAME = 4  # a panel's two borders and its padding of one cell on each side
_CARD_GAP = 2  # between a card's labels and its values


def _card_value_width(rows: Sequence[tuple[str, Text]], width: int) -> int:
    """Cells a card's values get: the panel's inside less the labels, or all of it when
    the console is narrow and labels stand above their values."""
    inside = max(1, width - _CARD_FRAME)
    if width < NARROW:
        return inside
    labels = max((cell_len(label) for label, _ in rows), default=0)
    # The source's own label ("来源"/"Source") is the last row and may be the widest.
    labels = max(labels, cell_len(_label("source", "en")), cell_len(_label("source", "zh")))
    return max(1, inside - labels - _CARD_GAP)


def _card_body(rows: Sequence[tuple[str, Text]], width: int) -> RenderableType:
    """Label/value rows: a two-column grid, or stacked when the console is narrow.

    Values are broken into lines here (render.layout), so numbers stay whole and no
    line starts with a closing mark.
    """
    room = _card_value_width(rows, width)
    if width < NARROW:
        parts: list[RenderableType] = []
        for label, value in rows:
            parts.append(Text(label, style=LABEL_STYLE))
            parts.append(_wrapped(value, room))
        return Group(*parts)
    grid = Table.grid(padding=(0, _CARD_GAP))
    grid.add_column(style=LABEL_STYLE, no_wrap=True)
    grid.add_column(overflow="fold")
    for label, value in rows:
        grid.add_row(Text(label), _wrapped(value, room))
    return grid


def _print_card(console: Console, title: Text, rows: Sequence[tuple[str, Text]]) -> None:
    panel = Panel(_card_body(rows, console.width), title=title, title_align="left", box=box.ROUNDED)
    console.print(panel)


def fact_card(console: Console, fact: Fact, base: FactBase, lang: str) -> None:
    """One fact in full: value, period, quote, statement, section path, entities, tags, source."""
    rows: list[tuple[str, Text]] = []
    value = shown_value(fact, lang)
    rows.append((_label("value", lang), _t(value, "bold" if value != NO_VALUE else DIM_STYLE)))
    if fact.period:
        rows.append((_label("period", lang), _t(period_label(fact.period, lang))))
    quote_row = (_label("quote", lang), _t(fact.quote))
    statement_row = (_label("statement", lang), _t(fact.statement_en))
    rows.extend([quote_row, statement_row] if lang == "zh" else [statement_row, quote_row])
    label = section_path_label(base, fact.section, lang, fact.source)
    rows.append((_label("section", lang), _t(label)))
    if fact.entities:
        names = []
        for entity_id in fact.entities:
            entity = base.entity_by_id.get(entity_id)
            names.append(_entity_name(entity, lang) if entity else entity_id)
        rows.append((_label("entities", lang), _t(_joiner(lang).join(names))))
    if fact.tags:
        rows.append((_label("tags", lang), _t(", ".join(fact.tags))))
    source = base.source_by_id.get(fact.source)
    source_text = _t(_source_lines(source, lang) if source else fact.source)
    room = _card_value_width(rows, console.width)
    url_below = source is not None and cell_len(visible(source.url)) > room
    if source is not None and not url_below:
        source_text.append("\n").append_text(_url(console, source.url))
    rows.append((_label("source", lang), source_text))
    _print_card(console, _t(fact.id, "bold"), rows)
    if source is not None and url_below:
        # Too long for the card: one line the terminal wraps, so it copies and links whole.
        line = Text.assemble((_label("url", lang), LABEL_STYLE), " ", _url(console, source.url))
        console.print(line, soft_wrap=True)


def entity_card(
    console: Console,
    entity: Entity,
    facts: Sequence[Fact],
    base: FactBase,
    lang: str,
) -> None:
    """One entity in full (names, kind, aliases), then the facts that mention it."""
    primary, secondary = ("name", "name_en") if lang == "zh" else ("name_en", "name")
    rows: list[tuple[str, Text]] = [
        (_label(primary, lang), _t(getattr(entity, primary), "bold")),
        (_label(secondary, lang), _t(getattr(entity, secondary))),
        (_label("kind", lang), _t(entity.kind)),
    ]
    if entity.aliases:
        rows.append((_label("aliases", lang), _t(_joiner(lang).join(entity.aliases))))
    rows.append((_label("facts", lang), Text(str(len(facts)))))
    _print_card(console, _t(entity.id, "bold"), rows)
    if facts:
        facts_table(console, facts, base, lang)
