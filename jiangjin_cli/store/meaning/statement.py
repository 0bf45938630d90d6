"""The English statement: ``statement_en`` writes the value, no number the quote does
not, and the hedge words of the fact's qualifier."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from jiangjin_cli.model import PAST_YEARS, PERIODS, QUALIFIERS, Problem
from jiangjin_cli.numbers import english_compounds, english_quantities, same_number
from jiangjin_cli.store.meaning.quotes import SYMBOL_UNITS, numeric_facts, quote_numbers, usable
from jiangjin_cli.store.once import once
from jiangjin_cli.text import plain_number

if TYPE_CHECKING:
    from jiangjin_cli.store.locate import Locator

EN_HEDGES_BEFORE: tuple[tuple[str, str], ...] = (
    ("no fewer than", "at_least"),
    ("not fewer than", "at_least"),
    ("no less than", "at_least"),
    ("not less than", "at_least"),
    ("no lower than", "at_least"),
    ("not lower than", "at_least"),
    ("a minimum of", "at_least"),
    ("at least", "at_least"),
    ("no more than", "at_most"),
    ("not more than", "at_most"),
    ("no higher than", "at_most"),
    ("not higher than", "at_most"),
    ("a maximum of", "at_most"),
    ("at most", "at_most"),
    ("up to", "at_most"),
    ("more than", "more_than"),
    ("in excess of", "more_than"),
    ("exceeded", "more_than"),
    ("surpassed", "more_than"),
    ("passed the", "more_than"),
    ("over", "more_than"),
    ("fewer than", "less_than"),
    ("less than", "less_than"),
    ("under", "less_than"),
    ("approximately", "about"),
    ("roughly", "about"),
    ("around", "about"),
    ("nearly", "about"),
    ("about", "about"),
)
EN_HEDGES_AFTER: tuple[tuple[str, str], ...] = (
    ("or more", "at_least"),
    ("or above", "at_least"),
    ("and above", "at_least"),
    ("or over", "at_least"),
    ("or so", "about"),
    ("or fewer", "at_most"),
    ("or less", "at_most"),
    ("or under", "at_most"),
    ("and under", "at_most"),
    ("or below", "at_most"),
    ("and below", "at_most"),
    ("or younger", "at_most"),
    ("or older", "at_least"),
)
_EN_BEFORE = re.compile(
    r"\b(" + "|".join(phrase for phrase, _ in EN_HEDGES_BEFORE) + r")\s+$", re.IGNORECASE
)
_EN_AFTER = re.compile(
    rf"\s*(?:[{SYMBOL_UNITS}]|°C)?\s*(?:[A-Za-z-]+\s+){{0,3}}?("
    + "|".join(p for p, _ in EN_HEDGES_AFTER)
    + r")\b",
    re.IGNORECASE,
)
# A year is a four-digit number after one of these words (in 2024, since 2019).
_YEAR_WORDS = re.compile(
    r"\b(?:in|since|by|from|until|till|before|after|during|of|to|and|between|year|"
    r"january|february|march|april|may|june|july|august|september|october|november|"
    r"december)\s+$",
    re.IGNORECASE,
)
# The numbers a period's English implies (in the past three years).
_PERIOD_NUMBERS = {key: float(years) for years, key in PAST_YEARS.items()}


def english_hedges(statement: str, start: int, end: int) -> set[str]:
    """The hedge words written with the number at ``statement[start:end]``."""
    found: set[str] = set()
    before = _EN_BEFORE.search(statement[max(0, start - 20) : start])
    if before:
        found.add(dict(EN_HEDGES_BEFORE)[before.group(1).lower()])
    if statement[end : end + 1] == "+":
        found.add("more_than")
    after = _EN_AFTER.match(statement, end)
    if after:
        found.add(dict(EN_HEDGES_AFTER)[after.group(1).lower()])
    return found


def _is_year(statement: str, start: int, value: float) -> bool:
    text_before = statement[max(0, start - 12) : start]
    return 1900 <= value <= 2100 and value.is_integer() and bool(_YEAR_WORDS.search(text_before))


def statement_problems(
    statement: str, quote: str, value: float, qualifier: str, period: str | None
) -> list[str]:
    """What in ``statement`` disagrees with the value, the quote or the qualifier."""
    problems: list[str] = []
    written = english_quantities(statement)
    allowed = [*quote_numbers(quote), value]
    if period in _PERIOD_NUMBERS:
        allowed.append(_PERIOD_NUMBERS[period])
    mentions = [q for q in written if same_number(q.value, value)]
    for quantity in written:
        if quantity in mentions or any(same_number(quantity.value, a) for a in allowed):
            continue
        if quantity.in_words and quantity.value == 1:
            continue  # "one" is as often a pronoun (one of the first) as a number
        if _is_year(statement, quantity.start, quantity.value):
            continue
        shown = statement[quantity.start : quantity.end]
        problems.append(
            f"statement_en writes {shown}, which is neither the value {plain_number(value)} "
            "nor a number the quote writes"
        )
    if not mentions:
        # A 24-hour duty system, a three-level network: the value joined to its unit.
        mentions = [q for q in english_compounds(statement) if same_number(q.value, value)]
    if not mentions:
        problems.append(f"statement_en does not write the value {plain_number(value)}")
        return problems
    hedges = [english_hedges(statement, q.start, q.end) for q in mentions]
    shown = statement[mentions[0].start : mentions[0].end]
    if qualifier == "exact":
        added = sorted(set().union(*hedges))
        if added:
            problems.append(
                f"statement_en hedges {shown} ({', '.join(added)}) but qualifier is exact"
            )
    elif not any(qualifier in found for found in hedges):
        other = sorted(set().union(*hedges))
        says = f"writes it as {', '.join(other)}" if other else "drops the hedge"
        words = " / ".join(p for p, q in (*EN_HEDGES_BEFORE, *EN_HEDGES_AFTER) if q == qualifier)
        problems.append(
            f'statement_en {says} for {shown}, but qualifier is "{qualifier}" (write: {words})'
        )
    return problems


def check_statement(doc: Mapping[str, Any], loc: Locator) -> list[Problem]:
    """``statement_en`` writes the value, no other number, and the qualifier's hedge words."""
    problems: list[Problem] = []
    for index, record, quote, value in numeric_facts(doc):
        statement, qualifier = usable(record, "statement_en"), usable(record, "qualifier")
        if not isinstance(statement, str) or qualifier not in QUALIFIERS:
            continue
        period = usable(record, "period")
        period = period if isinstance(period, str) and period in PERIODS else None
        for message in once(statement_problems, statement, quote, value, qualifier, period):
            problems.append(
                loc.at("facts", index, record, "statement_en", f"{message}: “{statement}”")
            )
    return problems
