"""The fields of each kind of record, and a valid fact base compiled into one SQLite
database.

``FIELDS`` names each kind's fields with their types: validation checks them, a
record is built from them, and a table's columns are named after them.

Tables ``sources``, ``sections``, ``entities`` and ``facts`` hold the records in file
order (``position``), their columns named as ``export`` names the fields; lists
(aliases, a fact's entities and tags) are JSON arrays. ``warnings`` holds what
validation warned about, ``meta`` what the database was built from, and
``documents``, ``tokens`` and ``keys`` the text index of :mod:`.index`. The same
database is the cache of a base and the file ``export --format sqlite`` writes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import date
from operator import attrgetter
from typing import TYPE_CHECKING, Any, Literal, NamedTuple, cast

from jiangjin_cli.model import Entity, Fact, FactBase, Problem, Section, Source

if TYPE_CHECKING:
    import sqlite3

    from jiangjin_cli.store.index import MemoryIndex

# Integers SQLite stores exactly.
_INT_MIN, _INT_MAX = -(2**63), 2**63 - 1

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value) WITHOUT ROWID;
CREATE TABLE sources (position INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, title TEXT,
    title_en TEXT, publisher TEXT, publisher_en TEXT, url TEXT, published TEXT,
    language TEXT, line INTEGER);
CREATE TABLE sections (position INTEGER PRIMARY KEY, id TEXT NOT NULL, title TEXT,
    title_en TEXT, parent TEXT, line INTEGER, source TEXT NOT NULL, UNIQUE (source, id));
CREATE TABLE entities (position INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, name TEXT,
    name_en TEXT, kind TEXT, aliases TEXT, line INTEGER);
CREATE TABLE facts (position INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, section TEXT,
    quote TEXT, statement_en TEXT, value, unit TEXT, unit_en TEXT, qualifier TEXT,
    period TEXT, entities TEXT, tags TEXT, source TEXT, line INTEGER);
CREATE TABLE warnings (position INTEGER PRIMARY KEY, message TEXT, line INTEGER,
    col INTEGER, record TEXT, field TEXT);
"""


FieldType = Literal["text", "texts", "number", "date"]


class FieldSpec(NamedTuple):
    name: str
    type: FieldType
    required: bool = True


def _field(word: str) -> FieldSpec:
    """``name``, ``name:type`` (text unless a type is given), ``?`` at the end when the
    field may be left out."""
    name, _, kind = word.rstrip("?").partition(":")
    return FieldSpec(name, cast("FieldType", kind or "text"), not word.endswith("?"))


#: The fields of each kind of record, as the TOML writes them and the tables keep them.
FIELDS: dict[str, tuple[FieldSpec, ...]] = {
    kind: tuple(map(_field, words.split()))
    for kind, words in {
        "sources": "id title title_en publisher publisher_en url published:date language",
        "sections": "id title title_en parent? source?",
        "entities": "id name name_en kind aliases:texts?",
        "facts": "id section quote statement_en value:number? unit? unit_en? qualifier? "
        "period? entities:texts? tags:texts? source",
    }.items()
}

#: The columns of each record table, after ``position``: the fields ``export`` writes.
COLUMNS = {kind: (*(spec.name for spec in specs), "line") for kind, specs in FIELDS.items()}
#: The record each table holds, in the order of a base's tuples.
RECORDS: dict[str, type[Source | Section | Entity | Fact]] = {
    "sources": Source,
    "sections": Section,
    "entities": Entity,
    "facts": Fact,
}


class Uncompilable(ValueError):
    """A base whose values would not come back exactly from SQLite (it stays uncached)."""


def _list(items: tuple[str, ...]) -> str:
    if any(not item or "\x1f" in item or "\x00" in item for item in items):
        raise Uncompilable("a list item the database could not give back")  # see database._SEP
    import json

    return json.dumps(list(items), ensure_ascii=False)


def _number(value: object) -> object:
    if isinstance(value, bool) or (isinstance(value, float) and value != value):
        raise Uncompilable("a value SQLite cannot keep")
    if isinstance(value, int) and not _INT_MIN <= value <= _INT_MAX:
        raise Uncompilable("an integer too large for SQLite")
    return value


def _cell(value: object) -> object:
    """A field as SQLite keeps it: lists as JSON arrays, dates as ISO text."""
    if isinstance(value, tuple):
        return _list(value)
    if isinstance(value, date):
        return value.isoformat()
    return _number(value)


def _rows(kind: str, records: Sequence[object]) -> Iterator[list[object]]:
    """The rows of a record table: ``position``, then ``COLUMNS[kind]``, each cell as
    :func:`_cell` makes it. Only the columns whose type needs it are converted, and
    each distinct list is encoded once (copies of an article repeat their tags)."""
    columns = COLUMNS[kind]
    read = attrgetter(*columns)
    types = {spec.name: spec.type for spec in FIELDS[kind]}
    lists: dict[tuple[str, ...], str] = {}

    def listed(items: tuple[str, ...]) -> str:
        found = lists.get(items)
        if found is None:
            found = lists[items] = _list(items)
        return found

    by_type: dict[str, Callable[[Any], object]] = {"texts": listed, "number": _number}
    convert = [
        (place, by_type.get(types.get(column, ""), _cell))
        for place, column in enumerate(columns, 1)
        if types.get(column) != "text"
    ]
    for position, record in enumerate(records):
        row = [position, *read(record)]
        for place, cell in convert:
            row[place] = cell(row[place])
        yield row


def compile_base(
    db: sqlite3.Connection,
    base: FactBase,
    warnings: Sequence[Problem],
    meta: Mapping[str, object],
    index: MemoryIndex | None = None,
) -> None:
    """Create the tables in the empty ``db`` and fill them with ``base`` (one transaction
    is the caller's), and with ``index`` when given: the first search adds it."""
    for statement in SCHEMA.split(";"):
        if statement.strip():
            db.execute(statement)
    for table, columns in COLUMNS.items():
        marks = ", ".join("?" * (len(columns) + 1))
        db.executemany(
            f"INSERT INTO {table} (position, {', '.join(columns)}) VALUES ({marks})",
            _rows(table, getattr(base, table)),
        )
    db.executemany(
        "INSERT INTO warnings VALUES (?, ?, ?, ?, ?, ?)",
        ((i, w.message, w.line, w.column, w.record, w.field) for i, w in enumerate(warnings)),
    )
    summary = {}
    if index is not None:
        from jiangjin_cli.store.index import write

        summary = write(db, index)
    counts = {f"count_{kind}": len(getattr(base, kind)) for kind in COLUMNS}
    counts["count_warnings"] = len(warnings)
    rows = {**meta, **counts, **summary}
    db.executemany("INSERT INTO meta VALUES (?, ?)", rows.items())
