"""What every rule of meaning reads: the figures a quote writes, and the facts to judge.

The figure a fact is about is found in its quote by value (``2.5万`` is 25000); when
the quote writes the value more than once, a field agrees if it fits any of them.
Within a validation (:func:`~jiangjin_cli.store.once.one_pass`) each quote is read
once, whichever rule asks first, and the numeric facts are listed once for all rules.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Any

from jiangjin_cli.numbers import Quantity, quantities_in, same_number
from jiangjin_cli.store.once import once, once_for
from jiangjin_cli.store.tables import records

# Units that begin with a shorter one: a fact in 人 is not one in 人次, nor 个 in 个百分点.
# The hedge's rule shows them whole with the figure, the unit's rule tells them from the
# shorter one.
COMPOUND_UNITS: tuple[str, ...] = (
    "平方公里",
    "平方米",
    "人次",
    "户次",
    "课时",
    "学时",
    "小时",
    "公里",
    "万元",
    "亿元",
    "分钟",
    "个百分点",
    "百分点",
    "个月",
    "个工作日",
    "工作日",
    "个学期",
)
# Where a clause of a quote ends (、 lists within a clause, it does not end one).
CLAUSE_BREAK = re.compile(r"[,，;；:：。!！?？]")


def quantities(quote: str) -> list[Quantity]:
    """The quantities a quote writes, read once per pass."""
    return once(quantities_in, quote)


def quote_numbers(quote: str) -> list[float]:
    """:func:`~jiangjin_cli.numbers.numbers_in` of a quote, read once per pass."""
    return [quantity.value for quantity in quantities(quote)]


def occurrences(quote: str, value: float | None) -> list[Quantity]:
    """Each place the quote writes ``value`` (none for no value)."""
    if value is None:
        return []
    return [q for q in quantities(quote) if same_number(q.value, value)]


def _is_han(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff"


#: Units written as one symbol after the figure (80%, 18℃以上).
SYMBOL_UNITS = "%％‰℃"


def measure_length(text: str, at: int) -> int:
    """How many characters after a figure to show with it: its % or a measure word."""
    if at < len(text) and text[at] in SYMBOL_UNITS:
        return 1
    for compound in COMPOUND_UNITS:
        if text.startswith(compound, at):
            return len(compound)
    return 1 if at < len(text) and _is_han(text[at]) else 0


def usable(record: Mapping[str, Any], name: str) -> Any:
    """The field when it is non-blank text or a finite number, else None (the structural
    rules report the rest, so a field of the wrong type is reported once)."""
    value = record.get(name)
    if isinstance(value, str):
        return value if value.strip() else None
    if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value):
        return value
    return None


def numeric_facts(doc: Mapping[str, Any]) -> list[tuple[int, dict[str, Any], str, float]]:
    """Each fact whose quote writes its value: index, record, quote, value (once per pass)."""
    return once_for(doc, _read_numeric_facts)


def _read_numeric_facts(doc: Mapping[str, Any]) -> list[tuple[int, dict[str, Any], str, float]]:

    found = []
    for index, record in records(doc, "facts"):
        quote, value = usable(record, "quote"), usable(record, "value")
        # A value the quote does not write is check_value_in_quote's to report, once.
        if isinstance(quote, str) and isinstance(value, (int, float)) and occurrences(quote, value):
            found.append((index, record, quote, float(value)))
    return found


def quoted(quote: str) -> str:
    """The end of a problem's message: the clause it is about."""
    return f"; the quote: “{quote}”"
