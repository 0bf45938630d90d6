"""Rules of meaning: a fact's qualifier, unit, period and English say what its quote says.

The rules of :mod:`jiangjin_cli.store.validate` check structure; these check that the
fields of a numeric fact agree with the clause it quotes. Each reading is a small
pure function (``qualifiers_at``, ``unit_problem``, ``periods_at``,
``statement_problems``) with a rule around it that reports like the others:
file:line, record.field, what disagrees with what, and the clause quoted.

One module a family of rules: :mod:`.qualifier` (the hedge written with the figure),
:mod:`.unit` (its measure word), :mod:`.period` (每年, 近N年, 连续N年, in the quote and
in its sentence of the article) and :mod:`.statement` (the English); :mod:`.quotes`
holds what they all read (a quote's figures, the facts to judge). Every word list
holds for the genre (government news about education and training), not for one
article; the README's fact-base section lists them too.

This module runs the rules, and is where the rest of jiangjin imports them from.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from jiangjin_cli.model import Problem
from jiangjin_cli.store.meaning.period import (
    check_period,
    clause_periods,
    period_problem,
    period_problem_in_sentence,
    periods_against_text,
    periods_at,
    sentence_of,
)
from jiangjin_cli.store.meaning.qualifier import (
    MORE_THAN_MARKS,
    check_qualifier,
    qualifier_problem,
    qualifiers_at,
)
from jiangjin_cli.store.meaning.quotes import COMPOUND_UNITS, quote_numbers
from jiangjin_cli.store.meaning.statement import check_statement, statement_problems
from jiangjin_cli.store.meaning.unit import check_unit, unit_problem
from jiangjin_cli.store.once import one_pass

if TYPE_CHECKING:
    from jiangjin_cli.store.locate import Locator

__all__ = [
    "COMPOUND_UNITS",
    "MEANING_RULES",
    "MORE_THAN_MARKS",
    "check_meaning",
    "check_period",
    "check_qualifier",
    "check_statement",
    "check_unit",
    "clause_periods",
    "period_problem",
    "period_problem_in_sentence",
    "periods_against_text",
    "periods_at",
    "qualifier_problem",
    "qualifiers_at",
    "quote_numbers",
    "sentence_of",
    "statement_problems",
    "unit_problem",
]

MEANING_RULES = (check_qualifier, check_unit, check_period, check_statement)


def check_meaning(doc: Mapping[str, Any], loc: Locator) -> list[Problem]:
    """Every rule of meaning, in one pass (:func:`one_pass`) for all of them: the four
    read the same quotes, and each quote's figures are read once."""
    with one_pass():
        return [problem for rule in MEANING_RULES for problem in rule(doc, loc)]
