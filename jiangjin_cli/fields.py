"""A fact's fields by name, as ``get --field`` takes them: the names ``export`` writes.

Apart from :mod:`jiangjin_cli.query` (which re-exports them) so that ``get`` runs
without the query layer; only a mistyped name loads it, for its suggestions.
"""

from __future__ import annotations

from jiangjin_cli.model import FACT_FIELDS, Fact
from jiangjin_cli.text import plain_value

__all__ = ["UnknownFieldError", "fact_field", "get_field"]


class UnknownFieldError(ValueError):
    """A field name that is not one of ``FACT_FIELDS``."""

    def __init__(self, name: str) -> None:
        from jiangjin_cli.query.filters import suggest  # only a mistyped name needs it

        self.name = name
        self.suggestions = tuple(suggest(name, FACT_FIELDS))
        message = f"unknown field {name!r}; valid fields: {', '.join(FACT_FIELDS)}"
        super().__init__(message)


def fact_field(name: str) -> str:
    """The field ``name`` means (case-insensitive, ``-`` for ``_``); UnknownFieldError if none."""
    field_name = name.strip().lower().replace("-", "_")
    if field_name not in FACT_FIELDS:
        raise UnknownFieldError(name)
    return field_name


def get_field(fact: Fact, name: str) -> str:
    """The bare text of one field of ``fact`` for scripts (lists joined by ``,``).

    ``name`` is one of ``FACT_FIELDS`` (case-insensitive, ``-`` accepted for ``_``);
    raises UnknownFieldError otherwise.
    """
    field_name = fact_field(name)
    if field_name == "value":
        return plain_value(fact.value)
    raw: object = getattr(fact, field_name)
    if raw is None:
        return ""
    if isinstance(raw, tuple):
        return ",".join(str(item) for item in raw)
    return str(raw)
