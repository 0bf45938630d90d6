"""The qualifier: the hedge written with the figure (以上, 余, 约, 不足 ... or none).

:func:`qualifiers_at` reads the hedges around one figure of a text (the draft uses it
on an article's clauses); :func:`qualifier_problem` and :func:`check_qualifier` judge
a fact's ``qualifier`` against its quote. The words hold for the genre (government
news about education and training), not for one article.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from jiangjin_cli.model import QUALIFIERS, Problem
from jiangjin_cli.numbers import Quantity
from jiangjin_cli.store.meaning.quotes import (
    SYMBOL_UNITS,
    measure_length,
    numeric_facts,
    occurrences,
    quoted,
    usable,
)
from jiangjin_cli.store.once import once

if TYPE_CHECKING:
    from jiangjin_cli.store.locate import Locator

# Written right before the number, longest first (不超过 before 超过).
HEDGES_BEFORE: tuple[tuple[str, str], ...] = (
    ("不少于", "at_least"),
    ("不低于", "at_least"),
    ("不超过", "at_most"),
    ("不高于", "at_most"),
    ("至少", "at_least"),
    ("最多", "at_most"),
    ("超过", "more_than"),
    ("突破", "more_than"),
    ("大约", "about"),
    ("不足", "less_than"),
    ("不到", "less_than"),
    ("未满", "less_than"),
    ("约", "about"),
    ("近", "about"),
)
# A hedge of several characters may govern a share of something named between them
# (不少于教师总数的15%, 超过全区学生的30%), or the figure of its verb (至少掌握2项).
SHARE_OF = re.compile(r"[\u4e00-\u9fff]{1,15}的|(?:(?!的)[\u4e00-\u9fff]){1,2}")
# 约 and 近 are single characters that end many words: after these they are part of
# the word, not a hedge (签约 "signed", 节约 "saved", 附近 "nearby", 最近 "recently").
# Not 失: 失约 takes no number, and 损失约930万元 is "a loss of about".
NOT_HEDGE_BEFORE: dict[str, frozenset[str]] = {
    "约": frozenset("签节公合条契预相制违履邀特简婚誓协规盟纽隐践赴缔解毁守负租聘"),
    "近": frozenset("附最邻就靠亲贴临逼浅远"),
}
# Written right after the quantity and its unit or %: 以上 "at least" (2.5万以上,
# 80%以上, 2000人以上; also 及以上), 以下/以内 "at most", 左右 "about". Only here are
# they hedges: in 市级以上 or 以上3个集团 no quantity comes before them.
HEDGES_AFTER: dict[str, str] = {
    "以上": "at_least",
    "以下": "at_most",
    "以内": "at_most",
    "左右": "about",
}
_AFTER = re.compile(
    rf"(?P<unit>[{SYMBOL_UNITS}]|[\u4e00-\u9fff]{{0,3}}?)及?(?P<hedge>以上|以下|以内|左右)"
)
_HEDGE_AFTER = re.compile(r"及?(?P<hedge>以上|以下|以内|左右)")
# 余 and 多 right after the number, before or after its scale (450余家, 12万余人次,
# 100多家, 2万多人) mean "more than"; 多 elsewhere (多家, 多元) is no hedge.
MORE_THAN_MARKS = "余多"


# A range written 3至5年 / 3到5年 / 3-5年, or with each end's unit (200万元至1500万元,
# 5万人次到8万人次): its low end is at_least, its high end at_most. Words between the
# low end and 至 make a range only when they follow the high end too (由12个增加到15个
# is no range).
_RANGE_LOW = re.compile(r"([\u4e00-\u9fff]{0,3}?)(?:至|到|-|~|～|—)(?=[0-9])")
_RANGE_HIGH = re.compile(r"(?<=[0-9])([\u4e00-\u9fff]{0,3})(?:至|到|-|~|～|—)$")
_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?")
_SCALE = re.compile(r"万亿|万|亿")


def _written_after(text: str, words: str, number_end: int) -> bool:
    """Whether ``words`` (a range's unit) follow the number ending at ``number_end``, also
    past its scale (200万元至1500万元: 元 after 1500万)."""
    scale = _SCALE.match(text, number_end)
    return text.startswith(words, number_end) or (
        scale is not None and text.startswith(words, scale.end())
    )


def _low_end(text: str, end: int) -> bool:
    """Whether the figure ending at ``end`` is the low end of a range."""
    mark = _RANGE_LOW.match(text, end)
    if mark is None:
        return False
    high = _NUMBER.match(text, mark.end())
    return high is not None and _written_after(text, mark[1], high.end())


def _high_end(text: str, start: int) -> bool:
    """Whether the figure written from ``start`` is the high end of a range."""
    mark = _RANGE_HIGH.search(text[max(0, start - 5) : start])
    number = _NUMBER.match(text, start)
    return mark is not None and number is not None and _written_after(text, mark[1], number.end())


def _lead_in_ok(text: str, index: int) -> bool:
    words = NOT_HEDGE_BEFORE.get(text[index], frozenset())
    return index == 0 or text[index - 1] not in words


def qualifiers_at(text: str, quantity: Quantity) -> tuple[set[str], str]:
    """The hedges written with one figure of ``text``, and the figure as written with them.

    An empty set means the figure is stated as exact.
    """
    found: set[str] = set()
    start, end = quantity.start, quantity.end
    if text.endswith("百分之", 0, start):
        start -= 3  # 不足百分之十: the hedge comes before 百分之
    for marker, qualifier in HEDGES_BEFORE:
        at = start - len(marker)
        if len(marker) > 1 and not text.startswith(marker, at):
            at = text.rfind(marker, max(0, start - 16 - len(marker)), start)
            if at < 0 or not SHARE_OF.fullmatch(text, at + len(marker), start):
                continue
        if at >= 0 and text.startswith(marker, at):
            if len(marker) == 1 and not _lead_in_ok(text, at):
                continue
            if marker == "近" and text.startswith("年", end):
                continue  # 近三年 is a period, not "nearly three"
            found.add(qualifier)
            start = at
            break
    if _low_end(text, end):
        found.add("at_least")  # 3至5年: the low end of a range
    if _high_end(text, quantity.start):
        found.add("at_most")  # 3至5年: the high end
    if any(mark in text[quantity.start : quantity.end] for mark in MORE_THAN_MARKS):
        found.add("more_than")
    if end < len(text) and text[end] in MORE_THAN_MARKS:
        found.add("more_than")
        end += 1
    # 以上 after a unit of several characters (1个百分点以上)
    after = _AFTER.match(text, end) or _HEDGE_AFTER.match(text, end + measure_length(text, end))
    if after:
        found.add(HEDGES_AFTER[after["hedge"]])
        end = after.end()
    else:
        end += measure_length(text, end)
    return found, text[start:end]


def qualifier_problem(quote: str, value: float, qualifier: str) -> str | None:
    """Why ``qualifier`` disagrees with how the quote writes ``value``; None when it agrees."""
    readings = [qualifiers_at(quote, q) for q in occurrences(quote, value)]
    if not readings:
        return None  # check_value_in_quote reports a value the quote does not write
    for found, _ in readings:
        if qualifier in found or (qualifier == "exact" and not found):
            return None
    found, written = readings[0]
    says = " or ".join(sorted(found)) if found else "exact (no hedge with the number)"
    return f'qualifier "{qualifier}" disagrees with the quote, which writes {written}: {says}'


def check_qualifier(doc: Mapping[str, Any], loc: Locator) -> list[Problem]:
    """``qualifier`` is the hedge written with the figure: 以上, 余, 约, 不足 ... or none."""
    problems: list[Problem] = []
    for index, record, quote, value in numeric_facts(doc):
        qualifier = usable(record, "qualifier")
        if qualifier in QUALIFIERS:  # an unknown one is check_vocabularies' to report
            message = once(qualifier_problem, quote, value, qualifier)
            if message:
                problems.append(
                    loc.at("facts", index, record, "qualifier", message + quoted(quote))
                )
    return problems
