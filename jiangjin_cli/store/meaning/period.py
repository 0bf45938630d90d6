"""The period: 每年 or 年 at a clause's head (per_year), 近N年, 连续N年.

A period must be written in the quote; one written at the head of a sentence governs
all its clauses, so a fact quotes from the head. Against the article's text
(``validate --source``) each period is read again in the whole sentence of its quote.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from jiangjin_cli.model import PAST_YEARS, PERIODS, FactBase, Problem
from jiangjin_cli.store.meaning.quotes import CLAUSE_BREAK, occurrences, quoted, usable
from jiangjin_cli.store.once import once
from jiangjin_cli.store.tables import records

if TYPE_CHECKING:
    from jiangjin_cli.store.locate import Locator

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
# What ends a sentence (CLAUSE_BREAK ends a clause within it).
_SENTENCE_BREAK = re.compile(r"[。!！?？;；]")


def _clauses(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    for match in CLAUSE_BREAK.finditer(text):
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
    positions = [q.start for q in occurrences(quote, value)] if value is not None else []
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


def check_period(doc: Mapping[str, Any], loc: Locator) -> list[Problem]:
    """``period`` is the one the quote writes (每年/年, 近N年, 连续N年), or none."""

    problems: list[Problem] = []
    # Every fact, not only the numeric ones: a fact without a value may still give a
    # period, which its quote must write.
    for index, record in records(doc, "facts"):
        quote, value, period = (usable(record, name) for name in ("quote", "value", "period"))
        if isinstance(value, str) or ("value" in record and value is None):
            continue  # check_fields reports a value of the wrong type
        if not isinstance(quote, str) or (period is None and value is None):
            continue
        if period is not None and period not in PERIODS:
            continue  # check_vocabularies reports it
        if value is not None and not occurrences(quote, value):
            continue  # check_value_in_quote reports it
        number = float(value) if isinstance(value, (int, float)) else None
        message = once(period_problem, quote, number, period if isinstance(period, str) else None)
        if message:
            field = "period" if "period" in record else None
            problems.append(loc.at("facts", index, record, field, message + quoted(quote)))
    return problems


# --- against the article's text -------------------------------------------------------------


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
    readings = [periods_at(sentence, offset + q.start) for q in occurrences(quote, value)]
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
