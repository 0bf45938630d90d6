"""Small text helpers shared by the renderers and the CLI (standard library only).

Everything here turns records into the strings a reader sees: hedged figures
("≥ 25,000", "450余"), labels for qualifiers and periods, and `visible`, which
makes control and bidirectional-formatting characters harmless before any
text from a fact base reaches a terminal. Besides: folding for matching, and
`lazy_pattern`, a regular expression compiled when a run first uses it.
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from collections.abc import Callable

from .model import PERIODS, Fact

NO_VALUE = "—"


def lazy_pattern(pattern: str, flags: int = 0) -> Callable[[], re.Pattern[str]]:
    """``re.compile(pattern, flags)`` done at the first call, the same pattern after: a
    run pays only for the expressions it uses (a class of CJK ranges takes about 2 ms
    to compile, and a module's expressions are not all used by every command)."""
    return functools.cache(lambda: re.compile(pattern, flags))


# How a hedged figure is written. zh: before the number, after the number (余), after
# the unit; en: a sign before the figure, or a suffix after the number (450+).
_ZH_HEDGE: dict[str, tuple[str, str, str]] = {
    "more_than": ("", "余", ""),
    "at_least": ("", "", "以上"),
    "about": ("约", "", ""),
    "at_most": ("", "", "以下"),
    "less_than": ("不足", "", ""),
}
_EN_HEDGE: dict[str, tuple[str, str]] = {
    "more_than": ("", "+"),
    "at_least": ("≥ ", ""),
    "about": ("≈ ", ""),
    "at_most": ("≤ ", ""),
    "less_than": ("< ", ""),
}

_PERCENT_WORDS = frozenset({"%", "％", "percent", "per cent"})

# Bidirectional formatting characters: embeddings/overrides, isolates, marks.
_BIDI = [0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)]


def _build_visible_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in [*range(0x20), 0x7F, *range(0x80, 0xA0)]:
        table[code] = f"\\x{code:02x}"
    for code in _BIDI:
        table[code] = f"\\u{code:04x}"
    del table[ord("\n")]
    table[ord("\t")] = " "
    return table


_VISIBLE = _build_visible_table()


def visible(text: str) -> str:
    """Spell out control and bidi characters (ESC -> ``\\x1b``, RLO -> ``\\u202e``).

    Newlines are kept and tabs become a space; everything else in C0, DEL, C1
    and the bidirectional formatting characters is written as an escape, so
    nothing from a fact base can move the cursor, recolour the terminal or
    reorder the text around it.
    """
    return text.translate(_VISIBLE)


def _lang_index(lang: str) -> int:
    return 0 if lang == "zh" else 1


def plain_number(value: float) -> str:
    """A number as scripts want it: 2729, 2.5, 25000 (never 25000.0 or 2.5e4)."""
    if isinstance(value, bool):
        raise TypeError("a boolean is not a number here")
    if isinstance(value, int):
        return str(value)
    if math.isfinite(value) and value.is_integer() and abs(value) < 1e18:
        return str(int(value))
    text = repr(value)
    if "e" in text and math.isfinite(value):
        from decimal import Decimal  # only for tiny or huge floats: keeps start-up light

        text = format(Decimal(text), "f")
    return text


def plain_value(value: float | None) -> str:
    """A fact's value for scripts: :func:`plain_number`, or ``""`` when it has none."""
    return "" if value is None else plain_number(value)


def format_number(value: float) -> str:
    """Digits with thousands separators; floats as short as they can be (2.5)."""
    if isinstance(value, int):
        return f"{value:,}"
    if not math.isfinite(value):
        return str(value)
    if value.is_integer() and abs(value) < 1e16:
        return f"{int(value):,}"
    return format(value, ",")


def _is_percent(unit: str | None) -> bool:
    return unit is not None and unit.strip().lower() in _PERCENT_WORDS


def hedged_value(fact: Fact, lang: str) -> str:
    """The fact's figure as a reader expects it, with hedge and unit.

    zh: ``2,729名``, ``25,000人以上``, ``450余家``, ``80%以上``, ``约2,000人``,
    ``2,000人以下``, ``不足2,000人``;
    en: ``2,729 teachers``, ``≥ 25,000 people``, ``450+ enterprises``, ``≥ 80%``,
    ``≈ 2,000 people``, ``≤ 2,000 people``, ``< 2,000 people``.
    A fact without a value gives ``—``.
    """
    if fact.value is None:
        return NO_VALUE
    number = format_number(fact.value)
    unit = fact.unit if lang == "zh" else fact.unit_en
    if not unit:
        unit = fact.unit or fact.unit_en
    percent = _is_percent(fact.unit) or _is_percent(fact.unit_en)
    qualifier = fact.qualifier or "exact"
    if lang == "zh":
        before, after_number, after_unit = _ZH_HEDGE.get(qualifier, ("", "", ""))
        number += after_number
        # Chinese writes the measure word against the number: 2,729名, 20余名.
        shown = number + "%" if percent else number + (unit or "")
        return before + shown + after_unit
    sign, suffix = _EN_HEDGE.get(qualifier, ("", ""))
    number += suffix
    if percent:
        shown = number + "%"
    elif unit:
        shown = f"{number} {unit}"
    else:
        shown = number
    return sign + shown


def period_label(period: str | None, lang: str) -> str:
    """The period in words from `model.PERIODS` (``per year`` / 每年); unknown keys as given."""
    if not period:
        return ""
    labels = PERIODS.get(period)
    if labels is None:
        return period
    return labels[_lang_index(lang)]


# Folding: the form in which query terms and indexed text are compared.

_QUOTES = "\"'“”‘’「」『』〝〞〟„‟‚‛«»‹›＂＇﹁﹂﹃﹄"
_FORMAT_CHARS = (
    "\u00ad\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
    "\u2060\u2061\u2062\u2063\u2064\ufeff"
)


def _make_table() -> dict[int, str | None]:
    table: dict[int, str | None] = {}
    for code in list(range(0x20)) + list(range(0x7F, 0xA0)):
        table[code] = " " if chr(code).isspace() else None
    for ch in _QUOTES + _FORMAT_CHARS:
        table[ord(ch)] = None
    for ch in "\u2028\u2029\u3000\u00a0":
        table[ord(ch)] = " "
    return table


_FOLD_TABLE = _make_table()


def fold(text: str) -> str:
    """Fold ``text`` for matching: NFKC, casefold, no quotation marks, spaces for blanks."""
    if text.isascii():
        return text.casefold().translate(_FOLD_TABLE)
    return unicodedata.normalize("NFKC", text).casefold().translate(_FOLD_TABLE)


_SPACES_RE = re.compile(r" {2,}")


_POSSESSIVE_RE = re.compile(r"(?<=[^\W\d_])['’]s\b")


def normalize(text: str) -> str:
    """Fold, drop possessive 's, collapse spaces: the form of query terms and indexed text."""
    return _SPACES_RE.sub(" ", fold(_POSSESSIVE_RE.sub("", text))).strip()
