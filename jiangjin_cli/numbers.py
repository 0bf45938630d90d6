"""Reading the numbers written in a Chinese clause.

``numbers_in`` returns every candidate quantity in a piece of text, in base
units: Arabic numerals (``2729``, ``2.5``, ``2,729``, full-width ``８０``), scaled
by a following 万 (x10^4), 亿 (x10^8) or 万亿 (x10^12), also across a hedge
(``450余万`` is 4,500,000); percentages (``80%`` gives 80); and Chinese numerals
(``三`` 3, ``十二`` 12, ``两千`` 2000, ``一百零五`` 105, ``二〇二四`` 2024).

It errs on the side of finding too much: digits inside names such as “1+X”
or 5G come back too. That suits its one job, checking that a fact's value is
one of the numbers its quote states.
"""

from __future__ import annotations

import math
import re
from typing import NamedTuple

from jiangjin_cli.text import lazy_pattern

_FULL_WIDTH = str.maketrans("０１２３４５６７８９．％", "0123456789.%")

# Powers of ten of the scales. Amounts are Decimals, imported where a number is read:
# a question without one (most) never loads decimal.
_SCALES = {"万": 4, "亿": 8, "万亿": 12}

# An Arabic number (optionally with thousands separators), then an optional
# hedge (余/多) and scale (万/亿/万亿).
_ARABIC = lazy_pattern(
    r"(?P<num>[0-9]{1,3}(?:,[0-9]{3})+(?![0-9]|,[0-9])(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?)"
    r"(?:[余多]?(?P<scale>万亿|万|亿))?"
)

_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "壹": 1,
    "二": 2,
    "贰": 2,
    "两": 2,
    "三": 3,
    "叁": 3,
    "四": 4,
    "肆": 4,
    "五": 5,
    "伍": 5,
    "六": 6,
    "陆": 6,
    "七": 7,
    "柒": 7,
    "八": 8,
    "捌": 8,
    "九": 9,
    "玖": 9,
}
_SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_BIG_UNITS = {"万": 10**4, "亿": 10**8}
#: The characters of Chinese numerals (两, 十, 万 ...).
NUMERAL_CHARACTERS = frozenset([*_DIGITS, *_SMALL_UNITS, *_BIG_UNITS])
_CHINESE = lazy_pattern("[" + "".join(sorted(NUMERAL_CHARACTERS)) + "]+")
_ZEROS = frozenset("零〇")


class Quantity(NamedTuple):
    """A number written in a text: its amount in base units and where it stands.

    ``text[start:end]`` is the number as written with its scale (``2.5万``,
    ``450余万``, ``十二``); a hedge or unit after it is not part of it.
    """

    value: float
    start: int
    end: int


def numbers_in(text: str) -> list[float]:
    """Every number written in ``text``, in order of appearance, in base units."""
    return [quantity.value for quantity in quantities_in(text)]


def quantities_in(text: str) -> list[Quantity]:
    """Every number written in ``text`` with its place, in order of appearance."""
    from decimal import Decimal

    text = text.translate(_FULL_WIDTH)
    found: list[Quantity] = []
    masked = list(text)
    for match in _ARABIC().finditer(text):
        amount = Decimal(match["num"].replace(",", ""))
        if match["scale"]:
            amount *= Decimal(10) ** _SCALES[match["scale"]]
        found.append(Quantity(float(amount), match.start(), match.end()))
        masked[match.start() : match.end()] = " " * (match.end() - match.start())
    for match in _CHINESE().finditer("".join(masked)):
        if match.group() == "百" and text.startswith("分", match.end()):
            continue  # 百分之, 百分点, 百分比: percent, not a hundred
        found.extend(
            Quantity(value, match.start() + start, match.start() + end)
            for value, start, end in _read_chinese_run(match.group())
        )
    return sorted(found, key=lambda quantity: quantity.start)


def _read_chinese_run(run: str) -> list[tuple[float, int, int]]:
    """The numbers in a run of Chinese numeral characters, each with its span in the run.

    A run made only of digits is read place by place (二〇二四 is 2024) and also
    digit by digit (三四 "three or four"). Elsewhere two non-zero digits side by
    side start a new number (十四五 is 14 and 5).
    """
    if len(run) > 1 and all(char in _DIGITS for char in run):
        whole = float(int("".join(str(_DIGITS[char]) for char in run)))
        return [(whole, 0, len(run))] + [
            (float(_DIGITS[char]), i, i + 1) for i, char in enumerate(run)
        ]
    bounds: list[tuple[int, int]] = []
    start = 0
    for i in range(1, len(run)):
        previous, current = run[i - 1], run[i]
        if (
            previous in _DIGITS
            and current in _DIGITS
            and previous not in _ZEROS
            and current not in _ZEROS
        ):
            bounds.append((start, i))
            start = i
    bounds.append((start, len(run)))
    found: list[tuple[float, int, int]] = []
    for begin, end in bounds:
        value = _read_chinese_number(run[begin:end])
        if value is not None:
            found.append((float(value), begin, end))
    return found


def _read_chinese_number(part: str) -> int | None:
    """Read one Chinese numeral such as 三, 十二, 两千, 一百零五, 三万五千.

    A lone 万 or 亿 (as in 万州) is not a number.
    """
    if not any(char in _DIGITS or char in _SMALL_UNITS for char in part):
        return None
    total = 0  # completed 亿 groups
    section = 0  # completed 万 groups below the current 亿
    group = 0  # below the current 万
    digit = 0
    for char in part:
        if char in _DIGITS:
            digit = _DIGITS[char]
        elif char in _SMALL_UNITS:
            group += (digit or 1) * _SMALL_UNITS[char]
            digit = 0
        elif char == "万":
            section += (group + digit or 1) * _BIG_UNITS["万"]
            group = digit = 0
        else:  # 亿
            total += (section + group + digit or 1) * _BIG_UNITS["亿"]
            section = group = digit = 0
    return total + section + group + digit


def same_number(a: float, b: float, *, rel_tol: float = 1e-9) -> bool:
    """Whether two amounts are equal up to a relative tolerance of ``rel_tol``."""
    return math.isclose(a, b, rel_tol=rel_tol, abs_tol=0.0)


# Hedges as the article writes them around a quantity: before it (约2000人, 近百所,
# 不足10%, 超过300家) and after it (2000人以上, 450余家, 10%以下, 2000人左右).
HEDGES_BEFORE: tuple[str, ...] = ("不足", "不到", "超过", "约", "近", "逾")
HEDGES_AFTER: tuple[str, ...] = ("以上", "以下", "左右", "余", "多")

# An Arabic quantity as written: digits, then 余/多 and a scale in either order
# (450余万, 12万余), or a per cent sign.
_WRITTEN = lazy_pattern(
    r"(?P<num>[0-9]{1,3}(?:,[0-9]{3})+(?![0-9]|,[0-9])(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?)"
    r"(?P<tail>[余多]?(?:万亿|万|亿)[余多]?|%|％)?"
)


def quantity_spans(text: str) -> list[tuple[int, int, float]]:
    """Each Arabic quantity of ``text`` as ``(start, end, value)``: the digits with the
    scale, 余 and per cent sign written with them (2.5万, 12万余, 80%), in base units."""
    from decimal import Decimal

    spans: list[tuple[int, int, float]] = []
    folded = text.translate(_FULL_WIDTH)
    for match in _WRITTEN().finditer(folded):
        if match.start() > 0 and folded[match.start() - 1] in "0123456789.,":
            continue
        amount = Decimal(match["num"].replace(",", ""))
        tail = match["tail"] or ""
        scale = next((s for s in ("万亿", "万", "亿") if s in tail), None)
        if scale is not None:
            amount *= Decimal(10) ** _SCALES[scale]
        spans.append((match.start(), match.end(), float(amount)))
    return spans


#: A change from one figure to another: 由/从 the first, then a verb of change and 到/至
#: before the second (由2021年的18%提高到31%, 从87家压减到3家).
_CHANGE = lazy_pattern(
    r"[由从][^,，。;；]*?(?:提高|提升|增加|增长|上升|下降|降低|减少|压减|缩减|扩大|降|升|增)[到至]"
)


#: A verb of change right before a figure, which is then the amount of the change
#: (较2021年提高9.6个百分点, 同比增长12.5%, 较上年增加320万元).
_CHANGED_BY = lazy_pattern(
    r"(?:提高|提升|增加|增长|上升|下降|降低|减少|缩减|扩大|降|升|增|涨)了?(?:近|约|超过)?$"
)


def change_side(quote: str, value: float) -> str | None:
    """Which figure of a change ``quote`` writes ``value`` as: "before" (written between
    由/从 and the verb's 到), "after" (after it), "by" (right after a verb of change
    without 到: the amount it changed by), or None (no change, or not in it)."""
    change = _CHANGE().search(quote) if ("到" in quote or "至" in quote) else None
    for start, _end, amount in quantity_spans(quote):
        if not same_number(amount, value):
            continue
        if change is not None and start > change.start():
            return "after" if start >= change.end() else "before"
        if _CHANGED_BY().search(quote, max(start - 6, 0), start):
            return "by"
    return None


def written_quantity(quote: str, value: float, unit: str | None) -> str | None:
    """The quantity ``value`` as ``quote`` writes it, hedges and unit included.

    ``3000万元以上``, ``450余家``, ``约2,000人``, ``不足10%``. A unit the quote does not
    write beside the number is put in its place (人次达2.5万以上 gives 2.5万人次以上);
    a bare count of four digits or more gets its thousands separators (2729名: 2,729名).
    None when no number of the quote equals ``value``.
    """
    for start, end, amount in quantity_spans(quote):
        if not same_number(amount, value):
            continue
        before = next((h for h in HEDGES_BEFORE if quote[:start].endswith(h)), "")
        written = quote[start:end]
        if written.isdigit() and len(written) > 3:  # a bare count: 2729 reads as 2,729
            written = f"{int(written):,}"
        shown = before + written
        rest = quote[end:]
        hedge = next((h for h in HEDGES_AFTER if rest.startswith(h)), "")
        if hedge in ("余", "多"):  # 450余家: the hedge comes before the unit
            shown, rest, hedge = shown + hedge, rest[len(hedge) :], ""
        percent = shown.endswith(("%", "％"))
        if unit and not percent:
            if rest.startswith(unit):
                rest = rest[len(unit) :]
            shown += unit
        if not hedge:
            hedge = next((h for h in HEDGES_AFTER if rest.startswith(h)), "")
        return shown + hedge
    return None


# --- English -------------------------------------------------------------------------------

_EN_SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9}
_EN_UNITS = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen",
]  # fmt: skip
_EN_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_EN_WORDS = {word: value for value, word in enumerate(_EN_UNITS)} | {
    word: 10 * (value + 2) for value, word in enumerate(_EN_TENS)
}


def number_words(number: str) -> tuple[str, ...]:
    """The English word of a whole number below twenty in digits ("2" -> ("two",)), as a
    statement may write it; () for any other."""
    return (_EN_UNITS[int(number)],) if number.isdigit() and int(number) < 20 else ()


# A number in digits (2729, 2,729, 2.5) or in words up to ninety-nine, optionally
# followed by a scale word. Digits glued to letters, "+" or a hyphen-word are names
# or compounds (5G, 1+X, 3+4, 10-year), and so are hyphenated words (two-way).
_ENGLISH = lazy_pattern(
    r"(?<![\w.+\-/])(?:"
    r"(?P<digits>[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?)"
    r"|(?P<words>(?:" + "|".join(_EN_TENS) + r")(?:-(?:" + "|".join(_EN_UNITS[1:10]) + r"))?"
    r"|" + "|".join(sorted(_EN_UNITS, key=len, reverse=True)) + r")"
    r")(?:\s+(?P<scale>thousand|million|billion))?"
    r"(?!\w|\+\w|-[A-Za-z]|\.[0-9]|,[0-9]{3})",
    re.IGNORECASE,
)
# Quotation marks enclose names (“1+X”, “6 Ones”, “4599”): their numbers are not amounts;
# nor is the number of a name such as No. 1 Middle School (第一中学).
_QUOTED = lazy_pattern(r"“[^”]*”|\"[^\"]*\"|‘[^’]*’|\bNo\. ?[0-9]+\b")


class EnglishQuantity(NamedTuple):
    """A number written in English, where it stands, and whether it was a word."""

    value: float
    start: int
    end: int
    in_words: bool


# A number joined by a hyphen to the word it measures: 24-hour, three-level, 10-year.
_COMPOUND = lazy_pattern(
    r"(?<![\w.,+\-/])([0-9]{1,3}(?:,[0-9]{3})+|[0-9]+(?:\.[0-9]+)?|"
    + "|".join(sorted(_EN_WORDS, key=len, reverse=True))
    + r")-(?=[A-Za-z])",
    re.IGNORECASE,
)


def english_compounds(text: str) -> list[EnglishQuantity]:
    """The numbers of the compounds an English sentence writes (a 24-hour duty system, a
    three-level network): :func:`english_quantities` leaves them out, as most are no
    amount (a 10-year plan); a statement whose value is one writes it so."""
    blanked = _QUOTED().sub(lambda match: " " * len(match.group()), text)
    found: list[EnglishQuantity] = []
    for match in _COMPOUND().finditer(blanked):
        number = match.group(1)
        in_words = not number[0].isdigit()
        value = float(_EN_WORDS[number.lower()]) if in_words else float(number.replace(",", ""))
        found.append(EnglishQuantity(value, match.start(1), match.end(1), in_words))
    return found


def english_quantities(text: str) -> list[EnglishQuantity]:
    """The numbers an English sentence writes: 2,729, 2729, 2.5, 30 million, two, twenty-five.

    Numbers inside quotation marks and after "No." are names and are skipped; positions
    refer to ``text``.
    """
    from decimal import Decimal

    blanked = _QUOTED().sub(lambda match: " " * len(match.group()), text)
    found: list[EnglishQuantity] = []
    for match in _ENGLISH().finditer(blanked):
        if match["digits"]:
            amount = Decimal(match["digits"].replace(",", ""))
        else:
            head, _, tail = match["words"].lower().partition("-")
            amount = Decimal(_EN_WORDS[head] + (_EN_WORDS[tail] if tail else 0))
        if match["scale"]:
            amount *= _EN_SCALES[match["scale"].lower()]
        found.append(
            EnglishQuantity(float(amount), match.start(), match.end(), match["digits"] is None)
        )
    return found
