"""The rules a fact base follows, checked on the parsed TOML before any record is built.

Each rule is a small function ``rule(doc, where) -> list[Problem]``: ``doc`` is
the document as tomli returns it (plain dicts and lists) and ``where`` a
:class:`~jiangjin_cli.store.locate.Locator`, which knows the file's path and the
line of each record and field. A rule looks only at values of the right type, so that one mistake is
reported once, by the rule about it. Every rule runs and every problem is
reported, sorted by line.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any, NamedTuple

from jiangjin_cli.model import ENTITY_KINDS, PERIODS, QUALIFIERS, SCHEMA_VERSION, Problem
from jiangjin_cli.numbers import same_number
from jiangjin_cli.store.compile import FIELDS, FieldType
from jiangjin_cli.store.locate import Locator
from jiangjin_cli.store.meaning import check_meaning, quote_numbers
from jiangjin_cli.store.once import one_pass
from jiangjin_cli.store.tables import (
    close_hint,
    describe,
    ids_of,
    is_number,
    number_of,
    records,
    text_of,
    texts_of,
)
from jiangjin_cli.text import plain_number

KINDS: tuple[str, ...] = tuple(FIELDS)
TOP_LEVEL_KEYS: tuple[str, ...] = ("schema_version", *KINDS)

# The singular, for messages: "no [[sections]] has this id" reads better with it.
_SINGULAR = {"sources": "source", "sections": "section", "entities": "entity", "facts": "fact"}

KEBAB_CASE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
SECTION_ID = re.compile(r"[0-9]+(?:\.[0-9]+)*")

# The fields whose presence goes with a value: all three, or none.
VALUE_COMPANIONS: tuple[str, ...] = ("unit", "unit_en", "qualifier")


# --- rules ----------------------------------------------------------------------------------------

Rule = Callable[[Mapping[str, Any], Locator], list[Problem]]


def check_top_level(doc: Mapping[str, Any], loc: Locator) -> list[Problem]:
    """Known top-level keys only; ``schema_version = 1``; each kind an array of tables."""
    problems: list[Problem] = []
    allowed = ", ".join(TOP_LEVEL_KEYS)
    for key in doc:
        if key not in TOP_LEVEL_KEYS:
            hint = close_hint(key, TOP_LEVEL_KEYS)
            problems.append(loc.top(key, f"unknown top-level key{hint}; allowed: {allowed}"))
    version = doc.get("schema_version")
    if "schema_version" not in doc:
        message = f"missing schema_version; expected schema_version = {SCHEMA_VERSION} "
        problems.append(Problem(loc.path, message + "before the first table", line=1))
    elif not isinstance(version, int) or isinstance(version, bool):
        message = f"must be the integer {SCHEMA_VERSION}, found {describe(version)}"
        problems.append(loc.top("schema_version", message))
    elif version != SCHEMA_VERSION:
        message = f"unsupported schema_version {version}; "
        message += f"this jiangjin reads schema_version = {SCHEMA_VERSION}"
        problems.append(loc.top("schema_version", message))
    for kind in KINDS:
        value = doc.get(kind, [])
        if not isinstance(value, list):
            message = f"must be an array of tables, each written [[{kind}]], found "
            problems.append(loc.top(kind, message + describe(value)))
            continue
        for index, item in enumerate(value):
            if not isinstance(item, dict):
                message = f"must be a table written [[{kind}]], found {describe(item)}"
                line = loc.record_line(kind, index)
                problems.append(Problem(loc.path, message, line, record=f"{kind}[{index}]"))
    return problems


# The English a person writes into a draft (`jiangjin draft` leaves them empty).
ENGLISH_FIELDS: dict[str, tuple[str, ...]] = {
    "sources": ("title_en", "publisher_en"),
    "sections": ("title_en",),
    "entities": ("name_en",),
    "facts": ("statement_en", "unit_en"),
}
_DRAFT_HINT = " (a draft? write the English, or check the rest with `validate --draft`)"


def check_fields(doc: Mapping[str, Any], loc: Locator, *, draft: bool = False) -> list[Problem]:
    """Known fields only, every required field present, each of its type and not blank.

    In a ``draft`` the English fields may be empty strings."""
    problems: list[Problem] = []
    for kind, specs in FIELDS.items():
        names = [spec.name for spec in specs]
        known = frozenset(names)
        allowed = ", ".join(names)
        english = ENGLISH_FIELDS.get(kind, ())
        for index, record in records(doc, kind):
            if not known.issuperset(record):
                for name in record:
                    if name not in known:
                        message = f"unknown field{close_hint(name, names)}; allowed: {allowed}"
                        problems.append(loc.at(kind, index, record, name, message))
            for spec in specs:
                value = record.get(spec.name, _ABSENT)
                if spec.type == "text" and isinstance(value, str) and value.strip():
                    continue  # the usual case, fine as it is
                if value is _ABSENT:
                    if spec.required:
                        message = f'missing required field "{spec.name}"'
                        problems.append(loc.at(kind, index, record, None, message))
                    continue
                error = _type_error(spec.type, value)
                if spec.name in english and value == "":
                    if draft:
                        continue
                    error = f"{error}{_DRAFT_HINT}"
                if error:
                    problems.append(loc.at(kind, index, record, spec.name, error))
    return problems


_ABSENT = object()


def _type_error(kind: FieldType, value: object) -> str | None:
    if kind == "text":
        if not isinstance(value, str):
            return f"must be a string, found {describe(value)}"
        if not value.strip():
            return "must not be empty or only whitespace"
        return None
    if kind == "texts":
        if not isinstance(value, list):
            return f'must be an array of strings like ["a", "b"], found {describe(value)}'
        for position, item in enumerate(value):
            if not isinstance(item, str):
                return f"item {position} must be a string, found {describe(item)}"
            if not item.strip():
                return f"item {position} must not be empty or only whitespace"
        return None
    if kind == "number":
        if not is_number(value):
            return f"must be a number (an integer or a float), found {describe(value)}"
        if not math.isfinite(value):  # type: ignore[arg-type]
            return f"must be a finite number, found {value}"
        return None
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        return f"must be a date written without quotes, like 2024-09-09, found {describe(value)}"
    return None


def check_ids(doc: Mapping[str, Any], loc: Locator) -> list[Problem]:
    """Ids well formed (kebab-case; sections dotted numbers) and unique within their kind."""
    problems: list[Problem] = []
    for kind in KINDS:
        seen: dict[str, int] = {}  # id -> index of its first record
        for index, record in records(doc, kind):
            ident = text_of(record, "id")
            if ident is None:
                continue
            if kind == "sections":
                if not SECTION_ID.fullmatch(ident):
                    message = (
                        f'"{ident}" is not a section number; expected numbers joined by dots, '
                        'like "2" or "2.2"'
                    )
                    problems.append(loc.at(kind, index, record, "id", message))
            elif not KEBAB_CASE.fullmatch(ident):
                message = (
                    f'"{ident}" is not kebab-case; expected lowercase letters and digits '
                    'joined by single hyphens, like "dual-qualified-teachers"'
                )
                problems.append(loc.at(kind, index, record, "id", message))
            # A section's number is unique within its article only.
            key = ident if kind != "sections" else f"{section_source(doc, record)}\n{ident}"
            if key in seen:
                first = loc.record_line(kind, seen[key])  # located only when reported
                where = f" (first at line {first})" if first else ""
                message = f'duplicate id "{ident}": another [[{kind}]] has it{where}'
                if kind == "sections":
                    message += "; a section id is unique within its source"
                problems.append(loc.at(kind, index, record, "id", message))
            else:
                seen[key] = index
    return problems


def file_sources(doc: Mapping[str, Any]) -> list[str]:
    return list(ids_of("sources", doc))


def section_source(doc: Mapping[str, Any], record: Mapping[str, Any]) -> str | None:
    """The source a section belongs to: the one it names, else its file's only source."""
    named = text_of(record, "source")
    if named is not None:
        return named
    sources = doc.get("sources")
    if not isinstance(sources, list) or len(sources) != 1:
        return None  # cheap: no list of ids for each of many sections
    own = file_sources(doc)
    return own[0] if len(own) == 1 else None


def check_section_sources(doc: Mapping[str, Any], loc: Locator) -> list[Problem]:
    """In a file without exactly one source, each section names the source it is part of."""
    problems: list[Problem] = []
    own = file_sources(doc)
    if len(own) == 1:
        return problems
    has = f"has {len(own)} sources" if own else "has no [[sources]]"
    for index, record in records(doc, "sections"):
        if "source" not in record:
            message = f'missing "source": this file {has}, so each section names its source'
            problems.append(loc.at("sections", index, record, None, message))
    return problems


class KnownIds(NamedTuple):
    """The ids of a whole base, for checking references across its files."""

    sources: dict[str, None]
    sections: dict[tuple[str, str], None]
    entities: dict[str, None]


def known_ids(docs: Sequence[Mapping[str, Any]]) -> KnownIds:
    sections: dict[tuple[str, str], None] = {}
    for doc in docs:
        for _index, record in records(doc, "sections"):
            ident, source = text_of(record, "id"), section_source(doc, record)
            if ident is not None and source is not None:
                sections.setdefault((source, ident))
    return KnownIds(
        sources={ident: None for doc in docs for ident in ids_of("sources", doc)},
        sections=sections,
        entities={ident: None for doc in docs for ident in ids_of("entities", doc)},
    )


def check_across_files(parts: Sequence[tuple[Mapping[str, Any], Locator]]) -> list[Problem]:
    """A source, entity or fact id, or a section of one source, defined in two files:
    each later one is reported with the file (and line) of the first."""
    problems: list[Problem] = []
    for kind in KINDS:
        first: dict[str, tuple[Locator, int]] = {}
        for doc, loc in parts:
            here: dict[str, tuple[int, dict[str, Any]]] = {}
            for index, record in records(doc, kind):
                ident = text_of(record, "id")
                if ident is None:
                    continue
                key = ident if kind != "sections" else f"{section_source(doc, record)}\n{ident}"
                here.setdefault(key, (index, record))
            for key, (index, record) in here.items():
                if key not in first:
                    first[key] = (loc, index)
                    continue
                other, other_index = first[key]
                line = other.field_line(kind, other_index, "id")
                where = f"{other.path}:{line}" if line else other.path
                ident = key.rpartition("\n")[2]
                message = f'duplicate id "{ident}": {where} has a [[{kind}]] with it too'
                problems.append(loc.at(kind, index, record, "id", message))
    return problems


def check_vocabularies(doc: Mapping[str, Any], loc: Locator) -> list[Problem]:
    """``qualifier``, ``period`` and entity ``kind`` come from the model's vocabularies."""
    problems: list[Problem] = []
    checks: tuple[tuple[str, str, Sequence[str]], ...] = (
        ("facts", "qualifier", QUALIFIERS),
        ("facts", "period", tuple(PERIODS)),
        ("entities", "kind", ENTITY_KINDS),
    )
    for kind, name, vocabulary in checks:
        for index, record in records(doc, kind):
            value = text_of(record, name)
            if value is not None and value not in vocabulary:
                message = (
                    f'unknown {name} "{value}"{close_hint(value, vocabulary)}; '
                    f"expected one of: {', '.join(vocabulary)}"
                )
                problems.append(loc.at(kind, index, record, name, message))
    return problems


def check_value_companions(doc: Mapping[str, Any], loc: Locator) -> list[Problem]:
    """A value comes with unit, unit_en and qualifier; without a value, none of them."""
    problems: list[Problem] = []
    together = ", ".join(VALUE_COMPANIONS)
    for index, record in records(doc, "facts"):
        has_value = "value" in record
        for name in VALUE_COMPANIONS:
            if has_value and name not in record:
                message = f'missing "{name}": a fact with a value needs {together}'
                problems.append(loc.at("facts", index, record, None, message))
            elif not has_value and name in record:
                message = f"{name} without a value: add value = ... or remove {name}"
                problems.append(loc.at("facts", index, record, name, message))
    return problems


def check_references(doc: Mapping[str, Any], loc: Locator) -> list[Problem]:
    """fact.section, fact.source, fact.entities and section.parent name existing records."""
    problems: list[Problem] = []
    known = loc.known if loc.known is not None else known_ids([doc])
    by_kind: dict[str, dict[str, None]] = {
        "sources": known.sources,
        "entities": known.entities,
        "sections": dict.fromkeys(ident for _source, ident in known.sections),
    }
    links: tuple[tuple[str, str, str], ...] = (
        ("facts", "section", "sections"),
        ("facts", "source", "sources"),
        ("facts", "entities", "entities"),
        ("sections", "parent", "sections"),
        ("sections", "source", "sources"),
    )
    for kind, name, target in links:
        ids = by_kind[target]
        for index, record in records(doc, kind):
            wanted = texts_of(record, name) if name == "entities" else [text_of(record, name)]
            for ident in wanted:
                if ident is None:
                    continue
                if ident not in ids:
                    message = (
                        f'unknown {_SINGULAR[target]} "{ident}"{close_hint(ident, list(ids))}; '
                        f"no [[{target}]] has this id"
                    )
                    problems.append(loc.at(kind, index, record, name, message))
                elif target == "sections":
                    # A section is one of its own article: look in the record's source.
                    source = (
                        text_of(record, "source")
                        if kind == "facts"
                        else section_source(doc, record)
                    )
                    if source is not None and (source, ident) not in known.sections:
                        message = f'source "{source}" has no section "{ident}"'
                        problems.append(loc.at(kind, index, record, name, message))
    return problems


def check_section_parents(doc: Mapping[str, Any], loc: Locator) -> list[Problem]:
    """A point's parent is the section its number extends: 2.2 sits under 2."""
    problems: list[Problem] = []
    for index, record in records(doc, "sections"):
        ident = text_of(record, "id")
        if ident is None or not SECTION_ID.fullmatch(ident):
            continue
        expected = ident.rpartition(".")[0] or None
        parent = record.get("parent")
        if not isinstance(parent, str) and parent is not None:
            continue  # check_fields reports it
        if expected is None and parent is not None:
            message = f'top-level section "{ident}" must not have a parent (found "{parent}")'
            problems.append(loc.at("sections", index, record, "parent", message))
        elif expected is not None and parent is None:
            message = f'missing parent: section "{ident}" sits under "{expected}"; '
            message += f'add parent = "{expected}"'
            problems.append(loc.at("sections", index, record, None, message))
        elif expected is not None and parent != expected:
            message = f'parent "{parent}" does not fit the number: "{ident}" sits under '
            message += f'"{expected}"'
            problems.append(loc.at("sections", index, record, "parent", message))
    return problems


def check_value_in_quote(doc: Mapping[str, Any], loc: Locator) -> list[Problem]:
    """A fact's value is one of the numbers its quote writes (in base units: 2.5万 is 25000)."""
    problems: list[Problem] = []
    for index, record in records(doc, "facts"):
        value = number_of(record, "value")
        quote = text_of(record, "quote")
        if value is None or quote is None:
            continue
        found = quote_numbers(quote)
        if any(same_number(value, number) for number in found):
            continue
        shown = ", ".join(dict.fromkeys(plain_number(number) for number in found))
        has = f"the quote has {shown}" if shown else "the quote has no number"
        message = (
            f"value {plain_number(value)} is not a number the quote writes ({has}); "
            "values are in base units, so 2.5万 is 25000"
        )
        problems.append(loc.at("facts", index, record, "value", message))
    return problems


def check_lists(doc: Mapping[str, Any], loc: Locator) -> list[Problem]:
    """Tags are kebab-case; no list names the same thing twice."""
    problems: list[Problem] = []
    kebab: set[str] = set()  # tags found well formed (a base repeats its tags)
    for kind, names in (("facts", ("entities", "tags")), ("entities", ("aliases",))):
        for index, record in records(doc, kind):
            for name in names:
                items = texts_of(record, name)
                if len(set(items)) < len(items):
                    for item in sorted({item for item in items if items.count(item) > 1}):
                        message = f'"{item}" is listed more than once'
                        problems.append(loc.at(kind, index, record, name, message))
                if name == "tags":
                    for item in items:
                        if item in kebab:
                            continue
                        if KEBAB_CASE.fullmatch(item):
                            kebab.add(item)
                            continue
                        message = (
                            f'tag "{item}" is not kebab-case; expected lowercase letters '
                            'and digits joined by single hyphens, like "teachers"'
                        )
                        problems.append(loc.at(kind, index, record, name, message))
    return problems


def check_urls(doc: Mapping[str, Any], loc: Locator) -> list[Problem]:
    """A source's url is a web address."""
    problems: list[Problem] = []
    for index, record in records(doc, "sources"):
        url = text_of(record, "url")
        if url is not None and not re.match(r"https?://[^\s/]+", url):
            message = f'"{url}" is not a web address; expected one starting http:// or https://'
            problems.append(loc.at("sources", index, record, "url", message))
    return problems


RULES: tuple[Rule, ...] = (
    check_top_level,
    check_fields,
    check_ids,
    check_vocabularies,
    check_value_companions,
    check_references,
    check_section_sources,
    check_section_parents,
    check_value_in_quote,
    check_lists,
    check_urls,
    check_meaning,
)


def run_rules(rules: Sequence[Rule], doc: Mapping[str, Any], loc: Locator) -> list[Problem]:
    problems = [problem for rule in rules for problem in rule(doc, loc)]
    return sorted(problems, key=lambda problem: problem.line or 0)


def validate(doc: Mapping[str, Any], loc: Locator, *, draft: bool = False) -> list[Problem]:
    """Every error in a parsed fact base, sorted by line; empty when it is valid.

    A ``draft`` may leave its English fields empty; every other rule holds."""
    fields = functools.partial(check_fields, draft=True) if draft else check_fields
    with one_pass():
        return run_rules([fields if rule is check_fields else rule for rule in RULES], doc, loc)


def validate_base(
    parts: Sequence[tuple[Mapping[str, Any], Locator]], *, draft: bool = False
) -> list[Problem]:
    """Every error in a base of several files, checked as one: each file's problems
    sorted by line, in the order of the files, then ids defined in two files."""
    if len(parts) == 1:
        return validate(*parts[0], draft=draft)
    known = known_ids([doc for doc, _loc in parts])
    problems: list[Problem] = []
    with one_pass():
        for doc, loc in parts:
            loc.known = known
            problems += validate(doc, loc, draft=draft)
    return problems + check_across_files(parts)
