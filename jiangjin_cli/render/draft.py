"""A draft fact base as TOML text: one source, its sections, entity candidates and facts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from jiangjin_cli.draft import Draft
from jiangjin_cli.model import SCHEMA_VERSION


@dataclass(frozen=True)
class SourceFields:
    """What the command line says of the source; None is left for a person to write."""

    id: str
    title: str | None = None
    publisher: str | None = None
    url: str | None = None
    published: dt.date | None = None


_ESCAPES = {
    '"': '\\"',
    "\\": "\\\\",
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\f": "\\f",
    "\r": "\\r",
}


def toml_string(text: str) -> str:
    """``text`` as a TOML basic string, Chinese kept as it is."""
    out = []
    for char in text:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


LEFT_TO_DO = """\
# DRAFT fact base written by `jiangjin draft` from {article}: not a fact base yet.
#
# Left to do, by a person:
#   1. Write every empty English field: title_en, publisher_en, each section's title_en,
#      each entity's name_en, each fact's statement_en and unit_en.
#   2. Read each fact against its quote: keep real quantities only; check value (base
#      units: 2.5万 is 25000), unit, qualifier and period; give it a telling id and tags.
#      Add the facts worth keeping that state no number (the draft proposes none).
#   3. Keep or drop each entity candidate; fix its kind; give it a telling id.
#{missing}
# Meanwhile `jiangjin validate --draft FILE` reports everything but the empty English;
# when done, `jiangjin validate FILE --source {source}=ARTICLE.txt` must pass.
"""


def draft_toml(draft: Draft, source: SourceFields, article: str) -> str:
    """The draft as a TOML document, with what is left to do at its top."""
    missing = [
        name
        for name, given in (
            ("publisher", source.publisher),
            ("url", source.url),
            ("published", source.published),
        )
        if given is None
    ]
    note = (
        f"   4. Fill in the source's {', '.join(missing)} (not given on the command line).\n#"
        if missing
        else ""
    )
    lines = [LEFT_TO_DO.format(article=article, missing=note, source=source.id)]
    lines.append(f"schema_version = {SCHEMA_VERSION}\n")
    lines.append("[[sources]]")
    lines.append(f"id = {toml_string(source.id)}")
    lines.append(f"title = {toml_string(source.title or draft.title)}")
    lines.append('title_en = ""')
    lines.append(f"publisher = {toml_string(source.publisher or '')}")
    lines.append('publisher_en = ""')
    lines.append(f"url = {toml_string(source.url or '')}")
    if source.published is not None:
        lines.append(f"published = {source.published.isoformat()}")
    else:
        lines.append("# published = YYYY-MM-DD")
    lines.append('language = "zh"\n')
    for section in draft.sections:
        lines.append("[[sections]]")
        lines.append(f"id = {toml_string(section.id)}")
        lines.append(f"title = {toml_string(section.title)}")
        lines.append('title_en = ""')
        if section.parent is not None:
            lines.append(f"parent = {toml_string(section.parent)}")
        lines.append("")
    if draft.entities:
        lines.append("# Entity candidates: keep or drop each.\n")
    for entity in draft.entities:
        lines.append("[[entities]]")
        lines.append(f"id = {toml_string(entity.id)}")
        lines.append(f"name = {toml_string(entity.name)}")
        lines.append('name_en = ""')
        lines.append(f"kind = {toml_string(entity.kind)}\n")
    if not draft.facts:
        lines.append("# No quantity was found in the article: write its facts by hand.\n")
    for fact in draft.facts:
        lines.append(f"[[facts]]  # {fact.written}")
        lines.append(f"id = {toml_string(fact.id)}")
        lines.append(f"section = {toml_string(fact.section)}")
        lines.append(f"quote = {toml_string(fact.quote)}")
        lines.append('statement_en = ""')
        lines.append(f"value = {_number(fact.value)}")
        lines.append(f"unit = {toml_string(fact.unit)}")
        lines.append('unit_en = ""')
        lines.append(f"qualifier = {toml_string(fact.qualifier)}")
        if fact.period is not None:
            lines.append(f"period = {toml_string(fact.period)}")
        if fact.entities:
            lines.append("entities = [" + ", ".join(toml_string(e) for e in fact.entities) + "]")
        lines.append(f"source = {toml_string(source.id)}\n")
    return "\n".join(lines)
