"""Bar charts for people: numeric facts as horizontal bars, one chart per unit."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..model import Fact
from ..text import visible
from .human import BAR_STYLE, DIM_STYLE, LABEL_STYLE, _label, _t, _wrapped, shown_value

__all__ = ["bar", "chart"]

# Partial blocks by eighths: index n draws n/8 of a cell.
_PARTIALS = ("", "▏", "▎", "▍", "▌", "▋", "▊", "▉")
_FULL = "█"


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
