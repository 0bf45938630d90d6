"""What every renderer for people shares: the console, styles, labels, and data as text.

The renderers themselves are in :mod:`.tables`, :mod:`.cards`, :mod:`.tree` and
:mod:`.charts`; these modules, and nothing else, import rich. The CLI imports them only
when a human format is wanted, so scripted output never pays for rich.

Everything that comes from a fact base is data, never markup: it goes through
`visible` and into `rich.text.Text` objects (:func:`_t`), so ``[bold]`` or
``[link=...]`` in a quote is printed as written and control characters are shown escaped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import IO

from rich.console import Console
from rich.style import Style
from rich.text import Text

from ..model import Entity, Fact, FactBase, Section
from ..numbers import written_quantity
from ..text import hedged_value, visible
from .layout import break_spans

__all__ = [
    "highlight",
    "links_allowed",
    "make_console",
    "section_path_label",
    "shown_value",
]

HIGHLIGHT_STYLE = "bold reverse"
LABEL_STYLE = "bold"
DIM_STYLE = "dim"
BAR_STYLE = "cyan"
NARROW = 50  # below this width cards put labels above values

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


# ---------------------------------------------------------------- data as text


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


def links_allowed(console: Console) -> bool:
    """Hyperlinks (OSC 8) only on a terminal that takes escape codes and wants colour."""
    return console.is_terminal and console.color_system is not None and not console.no_color


def _url(console: Console, url: str) -> Text:
    text = _t(url)
    if links_allowed(console) and url == visible(url):
        text.stylize(Style(link=url))
    return text
