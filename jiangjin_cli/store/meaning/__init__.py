"""Rules of meaning: a fact's qualifier, unit, period and English say what its quote says.

The rules of :mod:`jiangjin_cli.store.validate` check structure; these check that the
fields of a numeric fact agree with the clause it quotes. Each reading is a small
pure function (``qualifiers_at``, ``unit_problem``, ``periods_at``,
``statement_problems``) with a rule around it that reports like the others:
file:line, record.field, what disagrees with what, and the clause quoted.

The figure a fact is about is found in its quote by value (``2.5万`` is 25000);
when the quote writes the value more than once, a field agrees if it fits any of
them. Every word list below holds for the genre (government news about
education and training), not for one article; the README's fact-base section
lists them too.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from jiangjin_cli.model import PAST_YEARS, PERIODS, QUALIFIERS, FactBase, Problem
from jiangjin_cli.numbers import (
    Quantity,
    english_quantities,
    quantities_in,
    same_number,
)
from jiangjin_cli.store.once import once, once_for, one_pass
from jiangjin_cli.text import plain_number

if TYPE_CHECKING:
    from jiangjin_cli.store.locate import Locator

# --- qualifier: the hedge written with the figure ---------------------------------------------

# Written right before the number, longest first (不超过 before 超过).
HEDGES_BEFORE: tuple[tuple[str, str], ...] = (
    ("不少于", "at_least"),
    ("不超过", "at_most"),
    ("至少", "at_least"),
    ("最多", "at_most"),
    ("超过", "more_than"),
    ("大约", "about"),
    ("不足", "less_than"),
    ("不到", "less_than"),
    ("未满", "less_than"),
    ("约", "about"),
    ("近", "about"),
)
# 约 and 近 are single characters that end many words: after these they are part of
# the word, not a hedge (签约 "signed", 节约 "saved", 附近 "nearby", 最近 "recently").
NOT_HEDGE_BEFORE: dict[str, frozenset[str]] = {
    "约": frozenset("签节公合条契预相制违履邀特简婚誓协规盟纽隐践赴失缔解毁守负租聘"),
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
_AFTER = re.compile(r"(?P<unit>[%％]|[\u4e00-\u9fff]{0,3}?)及?(?P<hedge>以上|以下|以内|左右)")
# 余 and 多 right after the number, before or after its scale (450余家, 12万余人次,
# 100多家, 2万多人) mean "more than"; 多 elsewhere (多家, 多元) is no hedge.
MORE_THAN_MARKS = "余多"


# A range written 3至5年 / 3到5年 / 3-5年: its low end is at_least, its high end at_most.
RANGE = re.compile(r"[\u4e00-\u9fff]?(?:至|到|-|~|～|—)")
_RANGE_HIGH = re.compile(r"(?:至|到|~|～|—|-)[0-9]+(?:\.[0-9]+)?[余多]?")
RANGE_END = re.compile(r"[0-9](?:[\u4e00-\u9fff])?(?:至|到|-|~|～|—)$")


def _lead_in_ok(text: str, index: int) -> bool:
    words = NOT_HEDGE_BEFORE.get(text[index], frozenset())
    return index == 0 or text[index - 1] not in words


def _is_han(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff"


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
        if at >= 0 and text.startswith(marker, at):
            if len(marker) == 1 and not _lead_in_ok(text, at):
                continue
            if marker == "近" and text.startswith("年", end):
                continue  # 近三年 is a period, not "nearly three"
            found.add(qualifier)
            start = at
            break
    range_mark = RANGE.match(text, end)
    if range_mark and text[range_mark.end() : range_mark.end() + 1].isdigit():
        found.add("at_least")  # 3至5年: the low end of a range
    if RANGE_END.search(text[max(0, start - 3) : start]):
        found.add("at_most")  # 3至5年: the high end
    if any(mark in text[quantity.start : quantity.end] for mark in MORE_THAN_MARKS):
        found.add("more_than")
    if end < len(text) and text[end] in MORE_THAN_MARKS:
        found.add("more_than")
        end += 1
    after = _AFTER.match(text, end)
    if after:
        found.add(HEDGES_AFTER[after["hedge"]])
        end = after.end()
    else:
        end += _measure_length(text, end)
    return found, text[start:end]


def _measure_length(text: str, at: int) -> int:
    """How many characters after a figure to show with it: its % or a measure word."""
    if at < len(text) and text[at] in "%％":
        return 1
    for compound in COMPOUND_UNITS:
        if text.startswith(compound, at):
            return len(compound)
    return 1 if at < len(text) and _is_han(text[at]) else 0


def qualifier_problem(quote: str, value: float, qualifier: str) -> str | None:
    """Why ``qualifier`` disagrees with how the quote writes ``value``; None when it agrees."""
    readings = [qualifiers_at(quote, q) for q in _occurrences(quote, value)]
    if not readings:
        return None  # check_value_in_quote reports a value the quote does not write
    for found, _ in readings:
        if qualifier in found or (qualifier == "exact" and not found):
            return None
    found, written = readings[0]
    says = " or ".join(sorted(found)) if found else "exact (no hedge with the number)"
    return f'qualifier "{qualifier}" disagrees with the quote, which writes {written}: {says}'


# --- unit: the measure word written with the figure ----------------------------------------

# Units that begin with a shorter one: a fact in 人 is not one in 人次.
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
)
_CLAUSE_BREAK = re.compile(r"[,，;；:：。!！?？]")


def unit_problem(quote: str, value: float, unit: str) -> str | None:
    """Why ``unit`` is not the unit the quote writes with ``value``; None when it is.

    The unit is the measure word right after the number (past its scale and any
    余/多: 2729名, 450余家, 3000万元 is 元), or %; when only a hedge or nothing follows
    (人次达2.5万以上) it must be written before the number in the same clause.
    """
    occurrences = _occurrences(quote, value)
    if not occurrences:
        return None
    written = ""
    for quantity in occurrences:
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
        measure = _measure_length(quote, at)
        if not measure or rest.startswith(tuple(HEDGES_AFTER)) or rest.startswith("及"):
            clause_start = max(
                (m.end() for m in _CLAUSE_BREAK.finditer(quote, 0, quantity.start)), default=0
            )
            if unit in quote[clause_start : quantity.start]:
                return None
            written = written or quote[quantity.start : at] + " with no unit after it"
        else:
            written = written or quote[quantity.start : at + measure]
    return f'unit "{unit}" disagrees with the quote, which writes {written}'


# --- period ------------------------------------------------------------------------------------

_CHINESE_SMALL = {
    "一": 1,
    "两": 2,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "十": 10,
}
# 近N年 (N of one to ten, in characters or digits, 来 after or not): the past N years.
_PAST = re.compile(r"近([一两二三四五六七八九十]|[0-9]{1,2})年")
_CONSECUTIVE = re.compile(r"连续([0-9]{1,3}|[一二两三四五六七八九十百]+)年")
# 年 heading a clause (年培训…, 年接收…) is "a year"; these words starting with 年 are not.
_NOT_YEARLY = frozenset("底初末内中来前后龄轻级会鉴份代限终假货画糕华")
# Words that break a sentence, and those that break a clause within it (、 lists, not breaks).
_SENTENCE_BREAK = re.compile(r"[。!！?？;；]")


def _clauses(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _CLAUSE_BREAK.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return spans


def clause_periods(clause: str) -> set[str]:
    """The periods a clause writes: 每年 or 年 at its head (per_year), 近N年, 连续N年."""
    found: set[str] = set()
    stripped = clause.lstrip(' \u3000“"')
    if "每年" in clause or (
        stripped.startswith("年") and stripped[1:2] and stripped[1] not in _NOT_YEARLY
    ):
        found.add("per_year")
    for match in _PAST.finditer(clause):
        number = match.group(1)
        years = int(number) if number.isdigit() else _CHINESE_SMALL.get(number, 0)
        if years in PAST_YEARS:
            found.add(PAST_YEARS[years])
    if _CONSECUTIVE.search(clause):
        found.add("consecutive_years")
    return found


def _heads_the_text(clause: str) -> set[str]:
    """Periods that a text's first clause sets for all its clauses.

    近N年 or 每年 at the head (近三年,共开展… / 每年,…) governs the sentence; bare 年
    heading a clause (年培训…) and 连续N年 govern only their own clause.
    """
    stripped = clause.strip()
    found = clause_periods(stripped)
    found.discard("consecutive_years")
    if "per_year" in found and not stripped.startswith("每年"):
        found.discard("per_year")
    past = _PAST.match(stripped)
    if past is None and not stripped.startswith("每年"):
        found -= set(PAST_YEARS.values())
    return found


def periods_at(text: str, position: int) -> set[str]:
    """The periods that govern the figure at ``position`` of ``text`` (a quote or a sentence)."""
    spans = _clauses(text)
    governing: set[str] = set()
    if spans:
        first_start, first_end = spans[0]
        if position >= first_end:
            governing |= _heads_the_text(text[first_start:first_end])
    for start, end in spans:
        if start <= position <= end:
            governing |= clause_periods(text[start:end])
            break
    return governing


def _maybe_yearly(text: str) -> bool:
    """Whether ``text`` has a 年 that is not a date or duration (2023年, 3年) or 近年来.

    A per_year period that no marker above confirms is let through on such a 年
    (学校年培训…), so that an unlisted wording is not refused.
    """
    for match in re.finditer("年", text):
        before = text[match.start() - 1 : match.start()]
        after = text[match.end() : match.end() + 1]
        if before.isdigit() or before in _CHINESE_SMALL or before in "一〇零百千" or after == "来":
            continue
        if after and after in _NOT_YEARLY:
            continue
        return True
    return False


def period_problem(quote: str, value: float | None, period: str | None) -> str | None:
    """Why ``period`` disagrees with the quote; None when it agrees.

    A period must be written in the quote (quote from the sentence head when the
    article writes it there once); a quote that writes a period needs it.
    """
    positions = [q.start for q in _occurrences(quote, value)] if value is not None else []
    readings = [periods_at(quote, position) for position in positions] or [
        set().union(*(clause_periods(quote[s:e]) for s, e in _clauses(quote)))
    ]
    if period is None:
        if all(reading for reading in readings):
            written = ", ".join(sorted(readings[0]))
            return f"no period, but the quote gives one ({written}): add period = ..."
        return None
    if any(period in reading for reading in readings):
        return None
    written = ", ".join(sorted(set().union(*readings)))
    if written:
        return f'period "{period}" disagrees with the quote, which gives {written}'
    if period == "per_year" and _maybe_yearly(quote):
        return None
    label = PERIODS.get(period, (period,))[0]
    return (
        f'period "{period}" is not written in the quote (no {label}); quote the clause or '
        "the sentence head that gives it, or remove the period"
    )


def sentence_of(text: str, quote: str) -> tuple[str, int] | None:
    """The sentence of ``text`` that holds ``quote``, and where the quote starts in it."""
    at = text.find(quote)
    if at < 0:
        return None
    start = max((m.end() for m in _SENTENCE_BREAK.finditer(text, 0, at)), default=0)
    start = max(start, text.rfind("\n", 0, at) + 1)
    stop = _SENTENCE_BREAK.search(text, at + len(quote))
    newline = text.find("\n", at + len(quote))
    end = min(
        x for x in (stop.start() if stop else len(text), newline if newline >= 0 else len(text))
    )
    return text[start:end], at - start


def period_problem_in_sentence(
    sentence: str, offset: int, quote: str, value: float | None, period: str | None
) -> str | None:
    """Like :func:`period_problem`, reading the whole sentence around the quote."""
    if value is None:
        return None
    readings = [periods_at(sentence, offset + q.start) for q in _occurrences(quote, value)]
    if not readings:
        return None
    if period is None:
        if all(readings):
            written = ", ".join(sorted(readings[0]))
            return f"no period, but its sentence gives one ({written}) in “{sentence}”"
        return None
    if any(period in reading for reading in readings):
        return None
    written = ", ".join(sorted(set().union(*readings)))
    if written:
        return f'period "{period}" disagrees with its sentence, which gives {written}: “{sentence}”'
    return None  # nothing read in the sentence: period_problem has judged the quote


# --- statement_en ----------------------------------------------------------------------------

EN_HEDGES_BEFORE: tuple[tuple[str, str], ...] = (
    ("no fewer than", "at_least"),
    ("not fewer than", "at_least"),
    ("no less than", "at_least"),
    ("not less than", "at_least"),
    ("a minimum of", "at_least"),
    ("at least", "at_least"),
    ("no more than", "at_most"),
    ("not more than", "at_most"),
    ("a maximum of", "at_most"),
    ("at most", "at_most"),
    ("up to", "at_most"),
    ("more than", "more_than"),
    ("in excess of", "more_than"),
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
)
_EN_BEFORE = re.compile(
    r"\b(" + "|".join(phrase for phrase, _ in EN_HEDGES_BEFORE) + r")\s+$", re.IGNORECASE
)
_EN_AFTER = re.compile(
    r"\s*[%]?\s*(?:[A-Za-z-]+\s+){0,3}?(" + "|".join(p for p, _ in EN_HEDGES_AFTER) + r")\b",
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


# --- the rules ---------------------------------------------------------------------------------


def _quantities(quote: str) -> list[Quantity]:
    return once(quantities_in, quote)


def quote_numbers(quote: str) -> list[float]:
    """:func:`~jiangjin_cli.numbers.numbers_in` of a quote, read once per pass."""
    return [quantity.value for quantity in _quantities(quote)]


def _occurrences(quote: str, value: float | None) -> list[Quantity]:
    if value is None:
        return []
    return [q for q in _quantities(quote) if same_number(q.value, value)]


def _usable(record: Mapping[str, Any], name: str) -> Any:
    """The field when it is non-blank text or a finite number, else None."""
    value = record.get(name)
    if isinstance(value, str):
        return value if value.strip() else None
    if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value):
        return value
    return None


def _numeric_facts(doc: Mapping[str, Any]) -> list[tuple[int, dict[str, Any], str, float]]:
    return once_for(doc, _read_numeric_facts)


def _read_numeric_facts(doc: Mapping[str, Any]) -> list[tuple[int, dict[str, Any], str, float]]:
    from jiangjin_cli.store.validate import records

    found = []
    for index, record in records(doc, "facts"):
        quote, value = _usable(record, "quote"), _usable(record, "value")
        # A value the quote does not write is check_value_in_quote's to report, once.
        if (
            isinstance(quote, str)
            and isinstance(value, (int, float))
            and _occurrences(quote, value)
        ):
            found.append((index, record, quote, float(value)))
    return found


def _clause(quote: str) -> str:
    return f"; the quote: “{quote}”"


def check_qualifier(doc: Mapping[str, Any], loc: Locator) -> list[Problem]:
    """``qualifier`` is the hedge written with the figure: 以上, 余, 约, 不足 ... or none."""
    problems: list[Problem] = []
    for index, record, quote, value in _numeric_facts(doc):
        qualifier = _usable(record, "qualifier")
        if qualifier in QUALIFIERS:  # an unknown one is check_vocabularies' to report
            message = once(qualifier_problem, quote, value, qualifier)
            if message:
                problems.append(
                    loc.at("facts", index, record, "qualifier", message + _clause(quote))
                )
    return problems


def check_unit(doc: Mapping[str, Any], loc: Locator) -> list[Problem]:
    """``unit`` is the measure word or % the quote writes with the figure."""
    problems: list[Problem] = []
    for index, record, quote, value in _numeric_facts(doc):
        unit = _usable(record, "unit")
        if isinstance(unit, str):
            message = once(unit_problem, quote, value, unit)
            if message:
                problems.append(loc.at("facts", index, record, "unit", message + _clause(quote)))
    return problems


def check_period(doc: Mapping[str, Any], loc: Locator) -> list[Problem]:
    """``period`` is the one the quote writes (每年/年, 近N年, 连续N年), or none."""
    from jiangjin_cli.store.validate import records

    problems: list[Problem] = []
    for index, record in records(doc, "facts"):
        quote, value, period = (_usable(record, name) for name in ("quote", "value", "period"))
        if isinstance(value, str) or ("value" in record and value is None):
            continue  # check_fields reports a value of the wrong type
        if not isinstance(quote, str) or (period is None and value is None):
            continue
        if period is not None and period not in PERIODS:
            continue  # check_vocabularies reports it
        if value is not None and not _occurrences(quote, value):
            continue  # check_value_in_quote reports it
        number = float(value) if isinstance(value, (int, float)) else None
        message = once(period_problem, quote, number, period if isinstance(period, str) else None)
        if message:
            field = "period" if "period" in record else None
            problems.append(loc.at("facts", index, record, field, message + _clause(quote)))
    return problems


def check_statement(doc: Mapping[str, Any], loc: Locator) -> list[Problem]:
    """``statement_en`` writes the value, no other number, and the qualifier's hedge words."""
    problems: list[Problem] = []
    for index, record, quote, value in _numeric_facts(doc):
        statement, qualifier = _usable(record, "statement_en"), _usable(record, "qualifier")
        if not isinstance(statement, str) or qualifier not in QUALIFIERS:
            continue
        period = _usable(record, "period")
        period = period if isinstance(period, str) and period in PERIODS else None
        for message in once(statement_problems, statement, quote, value, qualifier, period):
            problems.append(
                loc.at("facts", index, record, "statement_en", f"{message}: “{statement}”")
            )
    return problems


MEANING_RULES = (check_qualifier, check_unit, check_period, check_statement)


def check_meaning(doc: Mapping[str, Any], loc: Locator) -> list[Problem]:
    """Every rule of meaning, in one pass (:func:`one_pass`) for all of them."""
    with one_pass():
        return [problem for rule in MEANING_RULES for problem in rule(doc, loc)]


def periods_against_text(base: FactBase, source_id: str, text: str) -> list[Problem]:
    """Each fact of one source whose period disagrees with the whole sentence it is from."""
    problems: list[Problem] = []
    for fact in base.facts:
        if fact.source != source_id:
            continue
        found = sentence_of(text, fact.quote)
        if found is None:
            continue  # validate_against_text reports the missing quote
        sentence, offset = found
        value = float(fact.value) if fact.value is not None else None
        message = period_problem_in_sentence(sentence, offset, fact.quote, value, fact.period)
        if message:
            problems.append(
                Problem(base.path, message, fact.line or None, record=fact.id, field="period")
            )
    return problems
