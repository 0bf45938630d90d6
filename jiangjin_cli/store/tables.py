"""The records and fields of a parsed fact base, read as its rules read them.

``doc`` is the document as tomli returns it (plain dicts and lists). A helper returns a
field only when it has the type its rule wants (else None or nothing): a wrong value is
reported once, by the rule about it.
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
from collections.abc import Mapping, Sequence
from typing import Any

from jiangjin_cli.store.once import once_for

__all__ = [
    "close_hint",
    "describe",
    "ids_of",
    "is_number",
    "number_of",
    "records",
    "text_of",
    "texts_of",
]


def records(doc: Mapping[str, Any], kind: str) -> list[tuple[int, dict[str, Any]]]:
    """The records of one kind that are tables, with their index in the array (listed
    once per pass: every rule walks them)."""
    return once_for(doc, _records, kind)


def _records(doc: Mapping[str, Any], kind: str) -> list[tuple[int, dict[str, Any]]]:
    value = doc.get(kind)
    if not isinstance(value, list):
        return []
    return [(i, item) for i, item in enumerate(value) if isinstance(item, dict)]


def text_of(record: Mapping[str, Any], name: str) -> str | None:
    """The field when it is usable text, else None (its rule reports why)."""
    value = record.get(name)
    return value if isinstance(value, str) and value.strip() else None


def texts_of(record: Mapping[str, Any], name: str) -> list[str]:
    value = record.get(name)
    if not isinstance(value, list):
        return []
    return [item for item in value if isinstance(item, str) and item.strip()]


def number_of(record: Mapping[str, Any], name: str) -> int | float | None:
    value = record.get(name)
    if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value):
        return value
    return None


def is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def describe(value: object) -> str:
    """What a TOML value is, for messages: 'a string "12"', 'an integer 3'."""
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:39] + "…"
        return f'a string ("{shown}")'
    if isinstance(value, bool):
        return f"a boolean ({str(value).lower()})"
    named = (
        (int, "an integer"), (float, "a float"), (dt.datetime, "a date-time"),
        (dt.date, "a date"), (dt.time, "a time"), (list, "an array"), (dict, "a table"),
    )  # fmt: skip
    for kind, name in named:
        if isinstance(value, kind):
            return f"{name} ({value})" if kind in (int, float) else name
    return type(value).__name__


def close_hint(word: str, choices: Sequence[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f' (did you mean "{close[0]}"?)' if close else ""


def ids_of(kind: str, doc: Mapping[str, Any]) -> dict[str, None]:
    """Each usable id of a kind, in file order."""
    found: dict[str, None] = {}
    for _index, record in records(doc, kind):
        ident = text_of(record, "id")
        if ident is not None:
            found.setdefault(ident)
    return found
