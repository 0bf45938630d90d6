"""What one validation reads once: a memo that lives while a pass is open.

Every rule walks the same records, and copies of an article repeat their quotes.
Within :func:`one_pass` (``validate`` opens one), :func:`once` makes each reading
once per distinct arguments, and :func:`once_for` once per document. A reading is
a pure function of its arguments (a document is known by its id, and is alive for
the whole pass), so what it gives is the same; where a problem is reported stays
each record's own. Outside a pass nothing is kept.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Hashable, Iterator, Mapping
from typing import Any, TypeVar, cast

T = TypeVar("T")

_memo: dict[tuple[Any, ...], Any] | None = None


@contextlib.contextmanager
def one_pass() -> Iterator[None]:
    """Remember readings until the block ends (a nested pass is the outer one)."""
    global _memo
    if _memo is not None:
        yield
        return
    _memo = {}
    try:
        yield
    finally:
        _memo = None


def once(reading: Callable[..., T], *args: Hashable) -> T:
    """``reading(*args)``, made once per distinct ``args`` within a pass."""
    if _memo is None:
        return reading(*args)
    key = (reading, *args)
    if key in _memo:
        return cast("T", _memo[key])
    found = _memo[key] = reading(*args)
    return found


def once_for(doc: Mapping[str, Any], reading: Callable[..., T], *args: Hashable) -> T:
    """``reading(doc, *args)``, made once per document and ``args`` within a pass."""
    if _memo is None:
        return reading(doc, *args)
    key = (reading, id(doc), *args)
    if key in _memo:
        return cast("T", _memo[key])
    found = _memo[key] = reading(doc, *args)
    return found
