"""A fact base against its article's text: every quote verbatim, every period as the
whole sentence gives it (``jiangjin validate --source ID=FILE``)."""

from __future__ import annotations

import unicodedata

from jiangjin_cli.model import FactBase, Problem
from jiangjin_cli.store.meaning import periods_against_text

__all__ = ["validate_against_text"]


def _squash(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def validate_against_text(base: FactBase, source_id: str, text: str) -> list[Problem]:
    """Each quote of one source not found character for character in ``text``, and each
    period that disagrees with the whole sentence of ``text`` its quote is from."""
    text = text.replace("\r\n", "\n")
    squashed = _squash(text)
    problems: list[Problem] = []
    for fact in base.facts:
        if fact.source != source_id or fact.quote in text:
            continue
        message = f"quote not found verbatim in the text of {source_id}: “{fact.quote}”"
        if _squash(fact.quote) in squashed:
            message += " (it is there if whitespace and full-width forms are ignored)"
        problems.append(
            Problem(
                path=base.path,
                message=message,
                line=fact.line or None,
                record=fact.id,
                field="quote",
            )
        )
    return problems + periods_against_text(base, source_id, text)
