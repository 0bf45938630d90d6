"""A Markdown fact sheet to paste into a report (``export --format markdown``).

Layout: a heading (the source's title), an introduction line, the source with its
GB/T 7714-2015 and APA 7 citations, then every section in the article's order,
parts as ``##`` and their points as ``###``, each headed by its title in the chosen
language with the other language under it in italics, and followed by a table of
its facts in file order: id, value (``text.hedged_value`` and the period),
statement and verbatim quote. Facts whose section is not in the base come last.

Everything taken from the fact base is escaped so that it renders literally in
CommonMark and GitHub Flavored Markdown: control and bidirectional characters are
spelt out first (``text.visible``), then ``\\ ` * _ { } [ ] < > # | ~ ^ $ @`` get
a backslash, ``&`` gets one where it would start an entity, and line breaks become
``<br>`` in a table cell and spaces elsewhere. No text from the base ever starts a
line, so list, heading and quote markers at line start need no escaping. URLs are
written as ``<autolinks>`` when they are valid ones, and as escaped text otherwise.

Standard library only.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from jiangjin_cli.model import Fact, FactBase, Section, Source
from jiangjin_cli.render.cite import Line, citation_lines
from jiangjin_cli.text import hedged_value, period_label, visible

__all__ = ["cell", "escape", "render_markdown"]

_SPECIAL = frozenset("\\`*_{}[]<>#|~^$@")
_ENTITY = re.compile(r"&(?=#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{0,31};)")
_LINE_BREAK = re.compile(r"\r\n|[\n\r\u2028\u2029]")
# An absolute URI as CommonMark autolinks accept it: scheme, colon, no space, < or >.
_AUTOLINK = re.compile(r"[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>\x00-\x1f\x7f]*")
_SAFE_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:+/-]*")

_LABELS: dict[str, dict[str, str]] = {
    "zh": {
        "sheet": "事实清单",
        "intro": ("事实清单：共 {count}，按原文顺序排列。数值中“以上”表示不少于，“余”表示多于。"),
        "source": "来源",
        "publisher": "发布者",
        "published": "发布日期",
        "url": "网址",
        "gbt7714": "GB/T 7714-2015",
        "apa": "APA 第 7 版",
        "other": "其他",
        "colon": "：",
    },
    "en": {
        "sheet": "Fact sheet",
        "intro": (
            "Fact sheet: {count} in the article's order. "
            "“≥” means at least (以上), “+” means more than (余)."
        ),
        "source": "Source",
        "publisher": "Publisher",
        "published": "Published",
        "url": "URL",
        "gbt7714": "GB/T 7714-2015",
        "apa": "APA 7",
        "other": "Other",
        "colon": ": ",
    },
}

_HEADERS = {
    "zh": ("编号", "数值", "原文", "英文陈述"),
    "en": ("ID", "Value", "Statement", "Quote"),
}


# --- escaping ------------------------------------------------------------------------------


def _escape_line(text: str) -> str:
    escaped = "".join("\\" + char if char in _SPECIAL else char for char in text)
    return _ENTITY.sub(r"\\&", escaped)


def _inline(text: str) -> str:
    return " ".join(_escape_line(part) for part in _LINE_BREAK.split(visible(text)))


def escape(text: str) -> str:
    """Text from the base for a heading, paragraph or list item: renders literally, one line."""
    return _inline(text).strip()


def cell(text: str) -> str:
    """Text for a table cell: like :func:`escape` (``|`` included), line breaks as ``<br>``."""
    return "<br>".join(_escape_line(part) for part in _LINE_BREAK.split(visible(text))).strip()


def _url(url: str) -> str:
    shown = visible(url).strip()
    if _AUTOLINK.fullmatch(shown):
        return f"<{shown}>"
    return escape(shown)


def _italic(text: str) -> str:
    escaped = escape(text)
    return f"*{escaped}*" if escaped else ""


def _code(text: str) -> str:
    """An id as inline code when it is plain enough, else as escaped text."""
    return f"`{text}`" if _SAFE_CODE.fullmatch(text) else cell(text)


def _citation(lines: Iterable[Line]) -> str:
    """A citation's lines in Markdown: titles in italics, URLs as autolinks, hard line breaks."""
    rendered = []
    for line in lines:
        parts = []
        for segment in line:
            if segment.kind == "url":
                parts.append(_url(segment.text))
            elif segment.kind == "title":
                parts.append(_italic(segment.text))
            else:
                parts.append(_inline(segment.text))
        rendered.append("".join(parts).strip())
    # A backslash at the end of a line is a hard break; the indent keeps the list item going.
    return "\\\n  ".join(rendered)


# --- the sheet -----------------------------------------------------------------------------


def _pair(chinese: str, english: str, lang: str) -> tuple[str, str]:
    """The text in ``lang`` first, the other language second."""
    return (chinese, english) if lang == "zh" else (english, chinese)


def _titles(primary: str, other: str) -> tuple[str, str]:
    """The heading text and the other-language line (empty when it would repeat the heading)."""
    shown, second = escape(primary), escape(other)
    if not shown:
        shown, second = second, ""
    return shown, ("" if second == shown else second)


def _source_block(source: Source, accessed: dt.date, lang: str) -> list[str]:
    words = _LABELS[lang]
    colon = words["colon"]
    name, other_name = _titles(*_pair(source.publisher, source.publisher_en, lang))
    if other_name:
        name += f"（{other_name}）" if lang == "zh" else f" ({other_name})"
    return [
        f"- {words['publisher']}{colon}{name}",
        f"- {words['published']}{colon}{source.published.isoformat()}",
        f"- {words['url']}{colon}{_url(source.url)}",
        f"- {words['gbt7714']}{colon}"
        + _citation(citation_lines(source, "gbt7714", lang, accessed)),
        f"- {words['apa']}{colon}" + _citation(citation_lines(source, "apa", lang, accessed)),
    ]


def _value(fact: Fact, lang: str) -> str:
    shown = hedged_value(fact, lang)
    period = period_label(fact.period, lang)
    if fact.value is not None and period:
        shown += f"（{period}）" if lang == "zh" else f" ({period})"
    return cell(shown)


def _fact_table(facts: list[Fact], lang: str) -> list[str]:
    headers = _HEADERS[lang]
    rows = [
        "| " + " | ".join(headers) + " |",
        "| " + " | ".join("---" for _ in headers) + " |",
    ]
    for fact in facts:
        if lang == "zh":
            texts = (cell(fact.quote), cell(fact.statement_en))
        else:
            texts = (cell(fact.statement_en), cell(fact.quote))
        rows.append(f"| {_code(fact.id)} | {_value(fact, lang)} | {texts[0]} | {texts[1]} |")
    return rows


def _section_block(section: Section, facts: list[Fact], lang: str) -> list[str]:
    heading, second = _titles(*_pair(section.title, section.title_en, lang))
    level = "#" * min(2 + section.depth, 6)
    block = [f"{level} {escape(section.id)} {heading}".rstrip(), ""]
    if second:
        block += [f"*{second}*", ""]
    if facts:
        block += [*_fact_table(facts, lang), ""]
    return block


def render_markdown(base: FactBase, accessed: dt.date, lang: str = "zh") -> str:
    """The whole base as a Markdown fact sheet in ``lang`` (``zh`` or ``en``), ending in a newline.

    ``accessed`` is the access date of the GB/T 7714 citation. Facts appear in
    file order within each section; their values are the base's own numbers
    (``hedged_value``) and their quotes are verbatim, escaped only for Markdown.
    """
    if lang not in _LABELS:
        raise ValueError(f"unknown language {lang!r}; expected one of {', '.join(_LABELS)}")
    words = _LABELS[lang]

    if len(base.sources) == 1:
        only = base.sources[0]
        title, subtitle = _titles(*_pair(only.title, only.title_en, lang))
    else:
        title, subtitle = words["sheet"], ""
    out = [f"# {title or words['sheet']}", ""]
    if subtitle:
        out += [f"*{subtitle}*", ""]
    count = len(base.facts)
    if lang == "zh":
        counted = f"{count} 条事实"
    else:
        counted = f"{count} fact" if count == 1 else f"{count} facts"
    out += [words["intro"].format(count=counted), ""]

    out += [f"## {words['source']}", ""]
    for source in base.sources:
        if len(base.sources) > 1:
            out += [f"### {_titles(*_pair(source.title, source.title_en, lang))[0]}", ""]
        out += [*_source_block(source, accessed, lang), ""]

    # Each article numbers its own sections: facts go under those of their source.
    by_section: dict[tuple[str, str], list[Fact]] = {}
    for fact in base.facts:
        by_section.setdefault((fact.source, fact.section), []).append(fact)
    current: str | None = None
    for section in base.sections:
        if base.several_sources and section.source != current:
            # Each article's outline under its own title: their numbers repeat.
            current = section.source
            own = base.source_by_id.get(current)
            heading = _titles(*_pair(own.title, own.title_en, lang))[0] if own else current
            out += [f"# {heading}", ""]
        out += _section_block(section, by_section.pop((section.source, section.id), []), lang)
    orphans = [fact for facts in by_section.values() for fact in facts]
    if orphans:
        out += [f"## {words['other']}", "", *_fact_table(orphans, lang), ""]

    while out and out[-1] == "":
        out.pop()
    return "\n".join(out) + "\n"
