"""The unit: the measure word (or %) the quote writes with the figure."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from jiangjin_cli.model import Problem
from jiangjin_cli.store.meaning.qualifier import HEDGES_AFTER, MORE_THAN_MARKS
from jiangjin_cli.store.meaning.quotes import (
    CLAUSE_BREAK,
    COMPOUND_UNITS,
    measure_length,
    numeric_facts,
    occurrences,
    quoted,
    usable,
)
from jiangjin_cli.store.once import once

if TYPE_CHECKING:
    from jiangjin_cli.store.locate import Locator

# The high end of a range (3至5年 after the 3; 30万至50万元 after the 30万, its scale
# included): the low end's unit is written after it.
_RANGE_HIGH = re.compile(r"(?:至|到|~|～|—|-)[0-9]+(?:\.[0-9]+)?(?:万亿|万|亿)?[余多]?")


def unit_problem(quote: str, value: float, unit: str) -> str | None:
    """Why ``unit`` is not the unit the quote writes with ``value``; None when it is.

    The unit is the measure word right after the number (past its scale and any
    余/多: 2729名, 450余家, 3000万元 is 元), or %; when only a hedge or nothing follows
    (人次达2.5万以上) it must be written before the number in the same clause.
    """
    found = occurrences(quote, value)
    if not found:
        return None
    written = ""
    for quantity in found:
        at = quantity.end
        while at < len(quote) and quote[at] in MORE_THAN_MARKS:
            at += 1
        high_end = _RANGE_HIGH.match(quote, at)
        if high_end:
            at = high_end.end()  # 3至5年: the low end's unit is written after the high end
        rest = quote[at:]
        if unit in ("%", "％"):
            if rest[:1] in ("%", "％") or quote.endswith("百分之", 0, quantity.start):
                return None
        elif rest.startswith(unit) and not any(
            rest.startswith(longer) and longer.startswith(unit) and longer != unit
            for longer in COMPOUND_UNITS
        ):
            return None
        measure = measure_length(quote, at)
        if not measure or rest.startswith(tuple(HEDGES_AFTER)) or rest.startswith("及"):
            clause_start = max(
                (m.end() for m in CLAUSE_BREAK.finditer(quote, 0, quantity.start)), default=0
            )
            if unit in quote[clause_start : quantity.start]:
                return None
            written = written or quote[quantity.start : at] + " with no unit after it"
        else:
            written = written or quote[quantity.start : at + measure]
    return f'unit "{unit}" disagrees with the quote, which writes {written}'


def check_unit(doc: Mapping[str, Any], loc: Locator) -> list[Problem]:
    """``unit`` is the measure word or % the quote writes with the figure."""
    problems: list[Problem] = []
    for index, record, quote, value in numeric_facts(doc):
        unit = usable(record, "unit")
        if isinstance(unit, str):
            message = once(unit_problem, quote, value, unit)
            if message:
                problems.append(loc.at("facts", index, record, "unit", message + quoted(quote)))
    return problems
