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
import difflib
import functools
import math
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from typing import Any, NamedTuple

from jiangjin_cli.model import ENTITY_KINDS, PERIODS, QUALIFIERS, SCHEMA_VERSION, FactBase, Problem
from jiangjin_cli.numbers import same_number
from jiangjin_cli.store.compile import FIELDS, FieldType
from jiangjin_cli.store.locate import Locator
from jiangjin_cli.store.meaning import check_meaning, periods_against_text, quote_numbers
from jiangjin_cli.store.once import once_for, one_pass
from jiangjin_cli.text import plain_number

KINDS: tuple[str, ...] = tuple(FIELDS)
TOP_LEVEL_KEYS: tuple[str, ...] = ("schema_version", *KINDS)

# The singular, for messages: "no [[sections]] has this id" reads better with it.
_SINGULAR = {"sources": "source", "sections": "section", "entities": "entity", "facts": "fact"}

KEBAB_CASE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
SECTION_ID = re.compile(r"[0-9]+(?:\.[0-9]+)*")

# The fields whose presence goes with a value: all three, or none.
VALUE_COMPANIONS: tuple[str, ...] = ("unit", "unit_en", "qualifier")


# --- helpers --------------------------------------------------------------------------------------


def records(doc: Mapping[str, Any], kind: str) -> list[tuple[int, dict[str, Any]]]:
    """The records of one kind that are tables, with their index in the array (listed
    once per pass: every rule walks them)."""
    return once_for(doc, _records, kind)


def _records(doc: Mapping[str, Any], kind: str) -> list[tuple[int, dict[str, Any]]]:
    value = doc.get(kind)
    if not isinstance(value, list):
        return []
    return [(i, item) for i, item in enumerate(value) if isinstance(item, dict)]


def _text(record: Mapping[str, Any], name: str) -> str | None:
    """The field when it is usable text, else None (its rule reports why)."""
    value = record.get(name)
    return value if isinstance(value, str) and value.strip() else None


def _texts(record: Mapping[str, Any], name: str) -> list[str]:
    value = record.get(name)
    if not isinstance(value, list):
        return []
    return [item for item in value if isinstance(item, str) and item.strip()]


def _number(record: Mapping[str, Any], name: str) -> int | float | None:
    value = record.get(name)
    if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value):
        return value
    return None


def _is_number(value: object) -> bool:
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


def _suggest(word: str, choices: Sequence[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f' (did you mean "{close[0]}"?)' if close else ""


def _ids(kind: str, doc: Mapping[str, Any]) -> dict[str, None]:
    """Each usable id of a kind, in file order."""
    found: dict[str, None] = {}
    for _index, record in records(doc, kind):
        ident = _text(record, "id")
        if ident is not None:
            found.setdefault(ident)
    return found


# --- rules ----------------------------------------------------------------------------------------

Rule = Callable[[Mapping[str, Any], Locator], list[Problem]]


def check_top_level(doc: Mapping[str, Any], loc: Locator) -> list[Problem]:
    """Known top-level keys only; ``schema_version = 1``; each kind an array of tables."""
    problems: list[Problem] = []
    allowed = ", ".join(TOP_LEVEL_KEYS)
    for key in doc:
        if key not in TOP_LEVEL_KEYS:
            hint = _suggest(key, TOP_LEVEL_KEYS)
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
                        message = f"unknown field{_suggest(name, names)}; allowed: {allowed}"
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
        if not _is_number(value):
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
            ident = _text(record, "id")
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
    return list(_ids("sources", doc))


def section_source(doc: Mapping[str, Any], record: Mapping[str, Any]) -> str | None:
    """The source a section belongs to: the one it names, else its file's only source."""
    named = _text(record, "source")
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
            ident, source = _text(record, "id"), section_source(doc, record)
            if ident is not None and source is not None:
                sections.setdefault((source, ident))
    return KnownIds(
        sources={ident: None for doc in docs for ident in _ids("sources", doc)},
        sections=sections,
        entities={ident: None for doc in docs for ident in _ids("entities", doc)},
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
                ident = _text(record, "id")
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
            value = _text(record, name)
            if value is not None and value not in vocabulary:
                message = (
                    f'unknown {name} "{value}"{_suggest(value, vocabulary)}; '
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
            wanted = _texts(record, name) if name == "entities" else [_text(record, name)]
            for ident in wanted:
                if ident is None:
                    continue
                if ident not in ids:
                    message = (
                        f'unknown {_SINGULAR[target]} "{ident}"{_suggest(ident, list(ids))}; '
                        f"no [[{target}]] has this id"
                    )
                    problems.append(loc.at(kind, index, record, name, message))
                elif target == "sections":
                    # A section is one of its own article: look in the record's source.
                    source = (
                        _text(record, "source") if kind == "facts" else section_source(doc, record)
                    )
                    if source is not None and (source, ident) not in known.sections:
                        message = f'source "{source}" has no section "{ident}"'
                        problems.append(loc.at(kind, index, record, name, message))
    return problems


def check_section_parents(doc: Mapping[str, Any], loc: Locator) -> list[Problem]:
    """A point's parent is the section its number extends: 2.2 sits under 2."""
    problems: list[Problem] = []
    for index, record in records(doc, "sections"):
        ident = _text(record, "id")
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
        value = _number(record, "value")
        quote = _text(record, "quote")
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
                items = _texts(record, name)
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
        url = _text(record, "url")
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


# --- warnings ---------------------------------------------------------------------------------

# C0 controls but tab and newline, DEL and the C1 controls, bidirectional embeddings,
# overrides and isolates.
_SUSPICIOUS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# What a TOML text needs to hold one: the character itself, or an escape (\b, \u202e...).
_MAY_HIDE = re.compile(_SUSPICIOUS.pattern[:-1] + "\\\\]")


def _char_name(char: str) -> str:
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X}" + (f" {name}" if name else "")


def check_control_characters(doc: Mapping[str, Any], loc: Locator) -> list[Problem]:
    """Control characters and bidirectional overrides hide or reorder text: warn about them."""
    problems: list[Problem] = []
    if loc.text and not _MAY_HIDE.search(loc.text):
        return problems  # one scan of the text instead of every string of every record
    for kind in KINDS:
        for index, record in records(doc, kind):
            for name, value in record.items():
                strings = value if isinstance(value, list) else [value]
                for text in strings:
                    if not isinstance(text, str):
                        continue
                    bad = _SUSPICIOUS.findall(text)
                    if bad:
                        more = f" and {len(bad) - 1} more" if len(bad) > 1 else ""
                        message = (
                            f"contains the invisible control character {_char_name(bad[0])}"
                            f"{more}; remove it unless it is meant"
                        )
                        problems.append(loc.at(kind, index, record, name, message))
    return problems


WARNING_RULES: tuple[Rule, ...] = (check_control_characters,)


def _run(rules: Sequence[Rule], doc: Mapping[str, Any], loc: Locator) -> list[Problem]:
    problems = [problem for rule in rules for problem in rule(doc, loc)]
    return sorted(problems, key=lambda problem: problem.line or 0)


def validate(doc: Mapping[str, Any], loc: Locator, *, draft: bool = False) -> list[Problem]:
    """Every error in a parsed fact base, sorted by line; empty when it is valid.

    A ``draft`` may leave its English fields empty; every other rule holds."""
    fields = functools.partial(check_fields, draft=True) if draft else check_fields
    with one_pass():
        return _run([fields if rule is check_fields else rule for rule in RULES], doc, loc)


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


def warnings(doc: Mapping[str, Any], loc: Locator) -> list[Problem]:
    """Things worth a look that do not make the base invalid."""
    return _run(WARNING_RULES, doc, loc)


# --- against the article ------------------------------------------------------------------------


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
