"""Renderers for people: rich tables, cards, trees and bar charts.

This is the only module that imports rich; the CLI imports it only when a
human format is wanted, so scripted output never pays for it.

Everything that comes from a fact base is data, never markup: it goes through
`visible` and into `rich.text.Text` objects, so ``[bold]`` or ``[link=...]`` in
a quote is printed as written and control characters are shown escaped.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import IO, Any, Protocol

from rich import box
from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.style import Style
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from ..model import Entity, Fact, FactBase, Section, Source
from ..numbers import written_quantity
from ..text import NO_VALUE, hedged_value, period_label, visible
from .layout import break_spans, cell_len, fit_widths, measure

__all__ = [
    "HitLike",
    "bar",
    "chart",
    "entities_table",
    "entity_card",
    "fact_card",
    "facts_table",
    "highlight",
    "make_console",
    "search_table",
    "section_path_label",
    "sections_tree",
    "sources_table",
    "tags_table",
]

HIGHLIGHT_STYLE = "bold reverse"
LABEL_STYLE = "bold"
DIM_STYLE = "dim"
BAR_STYLE = "cyan"
NARROW = 50  # below this width cards put labels above values

# Partial blocks by eighths: index n draws n/8 of a cell.
_PARTIALS = ("", "▏", "▎", "▍", "▌", "▋", "▊", "▉")
_FULL = "█"

_LABELS: dict[str, tuple[str, str]] = {
    "id": ("编号", "ID"),
    "value": ("数值", "Value"),
    "quote": ("原文", "Quote"),
    "statement": ("陈述", "Statement"),
    "section": ("章节", "Section"),
    "period": ("时期", "Period"),
    "entities": ("实体", "Entities"),
    "tags": ("标签", "Tags"),
    "tag": ("标签", "Tag"),
    "source": ("来源", "Source"),
    "name": ("名称", "Name"),
    "name_en": ("英文名", "English name"),
    "kind": ("类别", "Kind"),
    "aliases": ("别名", "Aliases"),
    "facts": ("事实数", "Facts"),
    "title": ("标题", "Title"),
    "publisher": ("发布者", "Publisher"),
    "published": ("日期", "Published"),
    "language": ("语言", "Language"),
    "url": ("网址", "URL"),
    "text": ("内容", "Text"),
    "score": ("得分", "Score"),
    "outline": ("章节目录", "Outline"),
    "no_unit": ("无单位", "no unit"),
}


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


class _Console(Console):
    """rich's Console, but a closed pipe (``| head``) ends like every other output.

    rich answers a BrokenPipeError with ``SystemExit(1)``, which reads as "no
    match"; re-raised, the CLI ends it quietly with exit 141 as for the machine formats.
    """

    def on_broken_pipe(self) -> None:
        self.quiet = True
        raise BrokenPipeError


def make_console(stderr: bool = False, file: IO[str] | None = None) -> Console:
    """A Console for people: no auto-highlighting of numbers/URLs, no soft wrap, no emoji.

    Colour follows the environment (NO_COLOR, FORCE_COLOR, whether it is a terminal).
    """
    return _Console(stderr=stderr, file=file, highlight=False, soft_wrap=False, emoji=False)


# ---------------------------------------------------------------- helpers


def _label(key: str, lang: str) -> str:
    zh, en = _LABELS[key]
    return zh if lang == "zh" else en


def _t(text: str, style: str = "") -> Text:
    """Data as a Text: escaped, never parsed as markup."""
    return Text(visible(text), style=style)


def _header(key: str, lang: str) -> Text:
    return Text(_label(key, lang))


def highlight(text: Text, terms: Iterable[str], style: str = HIGHLIGHT_STYLE) -> Text:
    """Style every case-insensitive occurrence of each term in ``text`` (in place, returned)."""
    plain = text.plain
    for term in terms:
        shown = visible(term)
        if not shown.strip():
            continue
        for match in re.finditer(re.escape(shown), plain, flags=re.IGNORECASE):
            text.stylize(style, match.start(), match.end())
    return text


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


def _section_title(section: Section, lang: str) -> str:
    return section.title if lang == "zh" else section.title_en


def _entity_name(entity: Entity, lang: str) -> str:
    return entity.name if lang == "zh" else entity.name_en


def section_path_label(base: FactBase, section_id: str, lang: str, source: str) -> str:
    """``2 聚焦重点… › 2.2 强化师资队伍建设`` in ``source``; the bare id when it is unknown."""
    chain = base.section_path(section_id, source)
    if not chain:
        return section_id
    return " › ".join(f"{s.id} {_section_title(s, lang)}" for s in chain)


def _joiner(lang: str) -> str:
    return "、" if lang == "zh" else ", "


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


def shown_value(fact: Fact, lang: str) -> str:
    """The figure for people: in Chinese as the quote writes it (3000万元以上, 450余家),
    else (and in English) formatted with its hedge and unit."""
    if lang == "zh" and fact.value is not None:
        written = written_quantity(fact.quote, fact.value, fact.unit)
        if written is not None:
            return written
    return hedged_value(fact, lang)


def _wrapped(text: Text, width: int) -> Text:
    """``text`` broken into lines of at most ``width`` cells (see render.layout), styles kept."""
    lines = [text[start:end] for start, end in break_spans(text.plain, width)]
    return Text("\n").join(lines)


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


def links_allowed(console: Console) -> bool:
    """Hyperlinks (OSC 8) only on a terminal that takes escape codes and wants colour."""
    return console.is_terminal and console.color_system is not None and not console.no_color


def _url(console: Console, url: str) -> Text:
    text = _t(url)
    if links_allowed(console) and url == visible(url):
        text.stylize(Style(link=url))
    return text


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


# ---------------------------------------------------------------- sections


def sections_tree(
    console: Console,
    base: FactBase,
    counts: Mapping[tuple[str, str], tuple[int, int]],
    lang: str,
) -> None:
    """The outline of each article as a tree under its title, each section with its
    fact counts (own, total); ``counts`` is keyed by (source, section id)."""
    sources = [s.id for s in base.sources]
    sources += [s.source for s in base.sections if s.source not in sources]
    for position, source in enumerate(dict.fromkeys(sources)):
        if position:
            console.print()
        _outline(console, base, source, counts, lang)


def _outline(
    console: Console,
    base: FactBase,
    source_id: str,
    counts: Mapping[tuple[str, str], tuple[int, int]],
    lang: str,
) -> None:
    sections = [s for s in base.sections if s.source == source_id]
    known = {s.id for s in sections}
    children: dict[str | None, list[Section]] = {}
    for section in sections:
        parent = section.parent if section.parent in known else None
        children.setdefault(parent, []).append(section)

    root_title = _label("outline", lang)
    source = base.source_by_id.get(source_id)
    if source is not None:
        root_title = (source.title if lang == "zh" else source.title_en) or root_title
    tree = Tree(_t(root_title, "bold"), highlight=False)

    seen: set[str] = set()

    # Each level of the tree is indented by four cells of guide lines.
    def label(section: Section, depth: int) -> Text:
        own, total = counts.get((section.source, section.id), (0, 0))
        if lang == "zh":
            count = f"{total} 条" if own == total else f"本节 {own} 条，合计 {total} 条"
        else:
            noun = "fact" if total == 1 else "facts"
            count = f"{total} {noun}" if own == total else f"{own} own, {total} in all"
        text = Text.assemble(
            _t(section.id, "bold"),
            " ",
            _t(_section_title(section, lang)),
            "  ",
            Text(f"({count})", style=DIM_STYLE),
        )
        return _wrapped(text, console.width - 4 * depth)

    def add(node: Tree, parent: str | None, depth: int) -> None:
        for section in children.get(parent, []):
            if section.id in seen:
                continue
            seen.add(section.id)
            add(node.add(label(section, depth)), section.id, depth + 1)

    add(tree, None, 1)
    # Sections caught in a parent cycle are never reached from a root; show them flat.
    for section in sections:
        if section.id not in seen:
            seen.add(section.id)
            tree.add(label(section, 1))
    console.print(tree)


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


# ---------------------------------------------------------------- charts


def bar(value: float, largest: float, width: int) -> str:
    """A bar of block characters ``width`` cells long at ``largest``, in eighths of a cell.

    A non-zero value too small to draw still gets the thinnest partial block.
    """
    if width <= 0 or largest <= 0 or value <= 0:
        return ""
    eighths = round(min(value / largest, 1.0) * width * 8)
    if eighths == 0:
        return _PARTIALS[1]
    full, rest = divmod(eighths, 8)
    return _FULL * full + _PARTIALS[rest]


def _unit_heading(units: Sequence[str], unit_en: str | None, lang: str) -> Text:
    written = "、".join(units) if lang == "zh" else ", ".join(units)
    first, second = (written, unit_en) if lang == "zh" else (unit_en, written)
    first = first or second
    if not first:
        name = _label("no_unit", lang)
    elif second and second != first:
        name = f"{first} ({second})" if lang != "zh" else f"{first}（{second}）"
    else:
        name = first
    prefix = "单位：" if lang == "zh" else "Unit: "
    return Text.assemble((prefix, LABEL_STYLE), _t(name, LABEL_STYLE))


def _measure(unit_en: str | None) -> str | None:
    """The head noun of an English unit: ``medals`` of "gold medals", ``villages`` of
    "villages (communities)"; None for none."""
    words = re.sub(r"\([^)]*\)", " ", unit_en or "").split()
    return words[-1] if words else None


def _shared_unit_en(members: Sequence[Fact]) -> str | None:
    """The English unit every fact of a chart writes, less its notes in brackets
    (``member units``); None when they differ (gold medals, silver medals)."""
    shown = {re.sub(r"\s*\([^)]*\)", "", f.unit_en or "").strip() for f in members}
    return shown.pop() if len(shown) == 1 and "" not in shown else None


def _bar_labels(groups: Mapping[str | None, Sequence[Fact]]) -> tuple[dict[int, str], list[str]]:
    """Each bar's label: its fact id, with ``[n]`` for its source when the bars of its
    chart come from several sources (kept short: the legend names them); and the
    sources so numbered, in order."""
    numbered: dict[str, int] = {}
    labels: dict[int, str] = {}
    for members in groups.values():
        mixed = len({f.source for f in members}) > 1
        for fact in members:
            if mixed:
                number = numbered.setdefault(fact.source, len(numbered) + 1)
                labels[id(fact)] = f"{fact.id} [{number}]"
            else:
                labels[id(fact)] = fact.id
    return labels, list(numbered)


def chart(console: Console, facts: Sequence[Fact], lang: str) -> None:
    """Horizontal bars for numeric facts, one chart per unit, each scaled to its own largest value.

    Facts in different units are never drawn on one scale. The measure is the head noun
    of the English unit (its last word): gold medals, silver medals and bronze medals
    (金, 银, 铜) share a chart of medals, enterprises and agricultural enterprises one
    of enterprises.
    """
    groups: dict[str | None, list[Fact]] = {}
    for fact in facts:
        if fact.value is None:
            continue
        groups.setdefault(_measure(fact.unit_en) or fact.unit, []).append(fact)

    if not groups:
        return
    numeric = [f for members in groups.values() for f in members]
    width = console.width
    # One layout for every group, so full-length bars line up from chart to chart.
    labels, legend = _bar_labels(groups)
    label_width = min(max(len(label) for label in labels.values()), max(8, width // 3))
    value_width = max(Text(visible(shown_value(f, lang))).cell_len for f in numeric)
    bar_width = max(1, width - label_width - value_width - 2)
    for index, (unit_en, members) in enumerate(groups.items()):
        if index:
            console.print()
        units = list(dict.fromkeys(f.unit for f in members if f.unit))
        console.print(_unit_heading(units, _shared_unit_en(members) or unit_en, lang))
        largest = max(abs(float(f.value)) for f in members if f.value is not None)
        grid = Table.grid(padding=(0, 1))
        grid.add_column(overflow="fold", width=label_width)
        grid.add_column(no_wrap=True, overflow="crop", width=bar_width)
        grid.add_column(overflow="fold", justify="right", width=value_width)
        for fact in members:
            amount = abs(float(fact.value)) if fact.value is not None else 0.0
            grid.add_row(
                _wrapped(_t(labels[id(fact)]), label_width),
                Text(bar(amount, largest, bar_width), style=BAR_STYLE),
                _t(shown_value(fact, lang)),
            )
        console.print(grid)
    if legend:
        console.print()
        for number, source in enumerate(legend, start=1):
            console.print(Text.assemble((f"[{number}]", DIM_STYLE), " ", _t(source)))
