"""An article's text -> the records of a draft fact base (pure functions, no I/O).

The draft has the article's sections (title and lead as ``0``; parts 一、; points
一是 and （一）) and one fact per quantity the article writes, with the clause that
states it, its value in base units, its measure word, and the qualifier and period
that :mod:`jiangjin_cli.store.meaning` reads from that clause: the draft and
``validate`` read the text with the same functions, so they agree by construction.
English fields are left empty for a person to write.

Numbers are found by :func:`jiangjin_cli.numbers.quantities_in`; the rules here
decide which of them are quantities: not one inside “…” or 《…》 (a name: “4599”),
glued to Latin letters or ``+`` (5G, 1+X), after 第 (an ordinal), a date (2023年,
12月5日), the N of a period (近三年), or a Chinese numeral without a measure word
(一体化, 四川, 十四五).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from jiangjin_cli.numbers import Quantity, quantities_in
from jiangjin_cli.store.meaning import (
    COMPOUND_UNITS,
    MORE_THAN_MARKS,
    clause_periods,
    periods_at,
    qualifiers_at,
)

# --- records -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DraftSection:
    id: str
    title: str
    parent: str | None
    start: int  # where the section begins in the text


@dataclass(frozen=True)
class DraftFact:
    id: str
    section: str
    quote: str
    value: float
    unit: str
    qualifier: str
    period: str | None
    written: str  # the figure as written with its hedges, for the reader of the draft
    start: int  # where the figure stands in the text
    entities: tuple[str, ...] = ()


@dataclass(frozen=True)
class DraftEntity:
    id: str
    name: str
    kind: str


@dataclass
class Draft:
    title: str
    sections: list[DraftSection] = field(default_factory=list)
    facts: list[DraftFact] = field(default_factory=list)
    entities: list[DraftEntity] = field(default_factory=list)


class NotAnArticle(ValueError):
    """The bytes are not an article's text: empty, binary or not UTF-8."""


# --- text -----------------------------------------------------------------------------------------


def decode(data: bytes) -> str:
    """UTF-8 text with or without a byte-order mark; line ends as written (CRLF kept)."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if not data.strip():
        raise NotAnArticle("empty file; expected the text of an article")
    if b"\x00" in data:
        raise NotAnArticle("a binary file, not the text of an article")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as problem:
        raise NotAnArticle(f"not UTF-8 text (byte offset {problem.start})") from None
    if not re.search(r"[\u4e00-\u9fff]", text):
        raise NotAnArticle("no Chinese text in the file; expected the text of an article")
    return text


_NUMERALS = "一二三四五六七八九十"


def _numeral(index: int) -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二 (the numbering of parts and points)."""
    if index <= 10:
        return _NUMERALS[index - 1]
    tens, units = divmod(index, 10)
    return (
        ("" if tens == 1 else _NUMERALS[tens - 1]) + "十" + (_NUMERALS[units - 1] if units else "")
    )


_LINE_END = "\r\n"
# Where a point marker may stand: at a line's start or after a full stop.
_POINT_BEFORE = "。；;\n\r"


def _title_at(text: str, start: int) -> str:
    """The title from ``start`` to its full stop or the end of its line."""
    end = start
    while end < len(text) and text[end] not in "。" + _LINE_END:
        end += 1
    return text[start:end].strip(" \u3000\t")


def sections_of(text: str, title: str | None = None) -> tuple[str, list[DraftSection]]:
    """The article's title and its sections: 0 (title and lead), parts, points."""
    lines = text.splitlines()
    first = next((line.strip() for line in lines if line.strip()), "")
    title = title if title is not None else first
    sections = [DraftSection("0", title, None, 0)]
    part = 0
    point = 0
    line_start = 0
    for line in text.splitlines(keepends=True):
        stripped = line.lstrip(" \u3000\t")
        at = line_start + len(line) - len(stripped)
        heading = f"{_numeral(part + 1)}、"
        if stripped.startswith(heading):
            part += 1
            point = 0
            sections.append(DraftSection(str(part), _title_at(text, at + len(heading)), None, at))
        for marker in _point_markers(text, line_start, line_start + len(line), point):
            point += 1
            parent = str(part)
            sections.append(
                DraftSection(f"{parent}.{point}", _title_at(text, marker[1]), parent, marker[0])
            )
        line_start += len(line)
    return title, sections


def _point_markers(text: str, start: int, end: int, done: int) -> list[tuple[int, int]]:
    """Point markers in ``text[start:end]`` numbered from ``done + 1``: (marker, title start)."""
    found: list[tuple[int, int]] = []
    at = start
    while at < end:
        number = _numeral(done + len(found) + 1)
        best: tuple[int, int] | None = None
        for marker in (f"{number}是", f"（{number}）", f"({number})"):
            position = text.find(marker, at, end)
            while position >= 0:
                before = text[start:position].rstrip(" \u3000\t")
                if not before or before[-1] in _POINT_BEFORE or position == start:
                    break
                position = text.find(marker, position + 1, end)
            if position >= 0 and (best is None or position < best[0]):
                best = (position, position + len(marker))
        if best is None:
            break
        found.append(best)
        at = best[1]
    return found


# --- clauses and sentences -----------------------------------------------------------------------

_CLAUSE_BREAKS = set(",，;；。:：!！?？\n\r")
_SENTENCE_BREAKS = set("。!！?？;；\n\r")


def _is_break(text: str, at: int, breaks: set[str]) -> bool:
    char = text[at]
    if char not in breaks:
        return False
    # 2,729: an ASCII comma between digits groups thousands, it ends no clause.
    if char == "," and at > 0 and text[at - 1].isdigit():
        return not re.match(r"[0-9]{3}(?![0-9])", text[at + 1 : at + 5])
    return True


def _span(text: str, at: int, breaks: set[str]) -> tuple[int, int]:
    """The span around ``at`` between two breaks, trimmed of spaces."""
    start = at
    while start > 0 and not _is_break(text, start - 1, breaks):
        start -= 1
    end = at
    while end < len(text) and not _is_break(text, end, breaks):
        end += 1
    while start < end and text[start] in " \u3000\t":
        start += 1
    while end > start and text[end - 1] in " \u3000\t":
        end -= 1
    return start, end


# --- which numbers are quantities ----------------------------------------------------------------

# Measure words a Chinese numeral must stand before to be a count (三级, 两所, 十余个):
# elsewhere a numeral character is part of a word (一体化, 四川, 统一, 十四五).
CHINESE_MEASURES = frozenset(
    "个所家名人项次级档类批支条座场期门种套台件位节篇户届年元岁天周亩辆本册倍"
)
# After an Arabic number these make a date, a time or a generation, not a count.
_NOT_UNITS = frozenset("月日号时后")
# Units that are more than one character (个百分点 before 个).
MULTI_CHAR_UNITS: tuple[str, ...] = COMPOUND_UNITS
# Measure words looked for before a figure that has none after it (人次达2.5万以上).
_UNIT_BEFORE = ("人次", "户次", "课时", "学时", "人", "名", "家", "个", "所", "项", "元", "次")
_OPENERS = {"“": "”", "《": "》", "「": "」", "『": "』", '"': '"'}
_GLUED = re.compile(r"[A-Za-z+＋/_\-.·]")


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Spans of text inside “…”, 《…》, 「…」 on one line, marks included."""
    spans: list[tuple[int, int]] = []
    at = 0
    while at < len(text):
        close = _OPENERS.get(text[at])
        if close is not None:
            end = text.find(close, at + 1)
            newline = text.find("\n", at + 1)
            if end >= 0 and (newline < 0 or end < newline):
                spans.append((at, end + 1))
                at = end + 1
                continue
        at += 1
    return spans


def _unit_after(text: str, at: int, chinese: bool) -> str | None:
    """The measure word written at ``text[at:]``, or None when none is there."""
    for unit in ("%", "％"):
        if text.startswith(unit, at):
            return "%"
    for unit in sorted(MULTI_CHAR_UNITS, key=len, reverse=True):
        if text.startswith(unit, at):
            return unit
    char = text[at : at + 1]
    if not char or not "\u4e00" <= char <= "\u9fff":
        return None
    if chinese:
        return char if char in CHINESE_MEASURES else None
    if char in _NOT_UNITS or text.startswith(("以上", "以下", "以内", "左右", "及以"), at):
        return None
    return char


def _unit_before(clause: str, start: int) -> str:
    """A measure word written earlier in the clause (人次达2.5万以上 gives 人次), or ""."""
    best = ""
    best_end = -1
    for unit in _UNIT_BEFORE:
        at = clause.rfind(unit, 0, start)
        if at >= 0 and at + len(unit) > best_end:
            best, best_end = unit, at + len(unit)
    return best


def _is_chinese(text: str, quantity: Quantity) -> bool:
    return not any(char.isdigit() for char in text[quantity.start : quantity.end])


def quantity_unit(text: str, quantity: Quantity) -> str | None:
    """The unit of a figure of ``text`` if it is a quantity; None when it is not one."""
    start, end = quantity.start, quantity.end
    written = text[start:end]
    chinese = _is_chinese(text, quantity)
    before = text[start - 1] if start else ""
    if before == "第" or (before and _GLUED.match(before)) or _GLUED.match(text[end : end + 1]):
        return None  # an ordinal (第十届), or part of a name (5G, 1+X, 3+4)
    if text[end : end + 1].isdigit():
        return None
    if re.match(r"近([两二三四五六七八九十]|[0-9]{1,2})年", text[start - 1 : end + 1]):
        return None  # 近三年 is a period, not a quantity
    at = end
    while at < len(text) and text[at] in MORE_THAN_MARKS:
        at += 1
    hedged_more = at > end or any(mark in written for mark in MORE_THAN_MARKS)
    year = len(written) == 4 and 1900 <= quantity.value <= 2100
    if year and text.startswith(("年", "届", "级"), at):
        return None  # a year or a cohort: 2023年, 二〇二三年, 2024届
    if text.startswith(("年级", "年度"), at):
        return None
    if chinese:
        if text.endswith("百分之", 0, start):
            return "%"  # 百分之八十
        if quantity.value == 1:
            return None  # 一 with a measure word is "a" more often than "one"
        if written in ("百", "千", "万", "亿") and not hedged_more:
            return None  # 千家万户, 百姓: a bare 百 or 千 counts only as 百余 / 千多
        return _unit_after(text, at, chinese=True)
    if re.match(r"(?:至|到|~|～|—|-)[0-9]", text[at : at + 2]):
        rest = quantities_in(text[at + 1 : at + 12])
        if rest and rest[0].start == 0:  # 3至5年: the low end takes the high end's unit
            return quantity_unit(text, Quantity(rest[0].value, at + 1, at + 1 + rest[0].end))
    unit = _unit_after(text, at, chinese=False)
    if unit is not None:
        return unit
    follows = text[at : at + 1]
    if (
        follows
        and "\u4e00" <= follows <= "\u9fff"
        and not text.startswith(("以上", "以下", "以内", "左右", "及以"), at)
    ):
        return None  # 12月, 3日: a date
    return ""  # a figure with no measure word after it: look before it


# --- facts ----------------------------------------------------------------------------------------

_QUALIFIER_ORDER = ("at_least", "at_most", "more_than", "less_than", "about")


def _qualifier(found: set[str]) -> str:
    return next((q for q in _QUALIFIER_ORDER if q in found), "exact")


# 年 inside a clause, after its subject, before a verb: 冠名班年培养学生…, 名师年均开设….
# (`validate` lets per_year through on such a 年; 青年, 学年, 近年 are no period.)
_YEARLY_INSIDE = re.compile(
    r"(?<![0-9〇零一二两三四五六七八九十百千青老少当学今去明往历近每全])年(?:均|[培招接开产销收完输提实服])"
)


def _period(sentence: str, clause: str, position: int) -> tuple[str | None, bool]:
    """The period of a figure and whether it is written only at the sentence head."""
    governing = periods_at(sentence, position)
    if not governing:
        if _YEARLY_INSIDE.search(clause):
            return "per_year", False
        return None, False
    own = clause_periods(clause)
    for period in ("consecutive_years", "per_year", *sorted(governing)):
        if period in governing:
            return period, period not in own
    return None, False  # pragma: no cover - governing is not empty


def _number_id(value: float) -> str:
    shown = f"{value:.6f}".rstrip("0").rstrip(".")
    return shown.replace(".", "p")


def facts_of(text: str, sections: list[DraftSection]) -> list[DraftFact]:
    """One fact per quantity of ``text``, in the article's order."""
    names = quoted_spans(text)
    facts: list[DraftFact] = []
    ids: set[str] = set()
    for quantity in quantities_in(text):
        if any(start <= quantity.start < end for start, end in names):
            continue
        if quantity.value <= 0:
            continue
        unit = quantity_unit(text, quantity)
        if unit is None:
            continue
        clause_start, clause_end = _span(text, quantity.start, _CLAUSE_BREAKS)
        clause = text[clause_start:clause_end]
        local = Quantity(quantity.value, quantity.start - clause_start, quantity.end - clause_start)
        if not unit:
            unit = _unit_before(clause, local.start)
        found, written = qualifiers_at(clause, local)
        sentence_start, sentence_end = _span(text, quantity.start, _SENTENCE_BREAKS)
        sentence = text[sentence_start:sentence_end]
        period, from_head = _period(sentence, clause, quantity.start - sentence_start)
        quote = text[sentence_start:clause_end] if from_head else clause
        section = _section_at(sections, quantity.start)
        base = f"s{section.replace('.', '-')}-{_number_id(quantity.value)}"
        ident, n = base, 2
        while ident in ids:
            ident, n = f"{base}-{n}", n + 1
        ids.add(ident)
        facts.append(
            DraftFact(
                id=ident,
                section=section,
                quote=quote,
                value=quantity.value,
                unit=unit,
                qualifier=_qualifier(found),
                period=period,
                written=written,
                start=quantity.start,
            )
        )
    return facts


def _section_at(sections: list[DraftSection], position: int) -> str:
    current = "0"
    for section in sections:
        if section.start <= position:
            current = section.id
    return current


def draft_of(text: str, title: str | None = None) -> Draft:
    """The draft records of an article's text."""
    from jiangjin_cli.draft_entities import entities_of, link

    article_title, sections = sections_of(text, title)
    facts = facts_of(text, sections)
    entities = entities_of(text)
    return Draft(article_title, sections, link(facts, entities), entities)
