"""A cache derived from a valid fact base, so a large base is not parsed on every call.

The TOML file stays the single source of truth. After a base has been read, parsed
and found valid, its records (and its warnings: validation is part of what is
cached) are written to an SQLite file in the user's cache directory,
``$XDG_CACHE_HOME/jiangjin`` or ``~/.cache/jiangjin``. Later runs read only what they
need from it: ``get`` and ``show`` fetch the facts they name through the index on
fact ids, every other command reads the records in file order. ``search`` keeps its
index (token statistics, postings, folded texts) in a second file next to it, built
the first time a search runs and read token by token afterwards; it belongs to the
SHA-256 of the text it was built from, so it outlives a rewrite of the base's entry.
A search reads it through stand-ins for the index's mappings, columns and joined
texts (see "the search index" below) that answer exactly as the full index would,
or refuse, and then the search runs on the whole base instead.

When an entry is trusted
    An entry records the identity of the file it was built from: device, inode,
    size, modification time and status-change time in nanoseconds, and the SHA-256
    of its text. Any write to the file changes the status-change time (``ctime``),
    which no program can set back, so an edit that keeps the size and restores the
    modification time is seen too. Timestamps have a granularity, though: when the
    file had changed less than ``RACY_SECONDS`` before it was read, a second edit in
    the same clock tick could leave every stamp alone. Such an entry is marked racy
    and each run checks the file's hash instead, until a run finds the stamps old
    enough and rewrites the entry unmarked (the way git treats a "racily clean"
    index). An entry also records the jiangjin version and the sizes and
    modification times of the package's modules, so a changed validator, model or
    tokenizer never reads an entry written by another.

Safety
    Entries are written to a temporary file and moved into place with ``os.replace``,
    so a reader sees a whole old entry or a whole new one, and two runs racing each
    write their own and the last one wins. They are opened read-only and
    ``immutable`` (nothing ever changes an entry in place). They hold data only:
    text, numbers and packed integer arrays, never pickled or marshalled objects. An
    entry that is missing, truncated, not SQLite, of another layout or inconsistent
    is ignored (and rewritten by the next run that parses the file); so is one with
    a value of the wrong type. (An entry edited by hand into other values of the
    right types is not detected: whoever can write the cache directory can as well
    edit the fact base.) When no cache directory can be created or written, the
    cache is skipped without a word. ``JIANGJIN_NO_CACHE=1`` turns it off, and so
    does a Python built without SQLite.

No typer, no rich, and no tomli here; :mod:`jiangjin_cli.store` decides when to use it.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import time
import zlib
from array import array
from bisect import bisect_right
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, SupportsIndex, TypeVar, cast, overload

from jiangjin_cli import __version__
from jiangjin_cli.model import Entity, Fact, FactBase, Problem, Section, Source

try:
    import sqlite3
except ImportError:  # a Python built without SQLite: no cache, and nothing else changes
    sqlite3 = None  # type: ignore[assignment]

if TYPE_CHECKING:
    from jiangjin_cli.search import Hit, SearchIndex

__all__ = [
    "CACHE_FORMAT",
    "DISABLE_ENV",
    "RACY_SECONDS",
    "READ_ERRORS",
    "CacheError",
    "Entry",
    "Identity",
    "directory",
    "enabled",
    "entry_path",
    "identity",
    "lazy_base",
    "open_entry",
    "save",
    "search",
]

#: Layout of the cache files; bump it whenever the tables or their meaning change.
CACHE_FORMAT = 1
#: Set to anything but ``0`` or the empty string to turn the cache off.
DISABLE_ENV = "JIANGJIN_NO_CACHE"
#: A file changed less than this before it was read may change again unseen by its stamps.
RACY_SECONDS = 2

_RACY_NS = RACY_SECONDS * 1_000_000_000
_BASE_SUFFIX = ".base.sqlite3"
_INDEX_SUFFIX = ".search.sqlite3"
_TEMP_PREFIX = ".tmp-"
# Lists are stored as one text, items joined by this separator (a base whose items
# contain it is simply not cached).
_SEP = "\x1f"
# Integers SQLite stores exactly.
_INT_MIN, _INT_MAX = -(2**63), 2**63 - 1

#: The stat fields that identify one version of a file.
Identity = tuple[int, int, int, int, int]


class CacheError(Exception):
    """An entry that cannot be used: missing, stale, damaged or of another layout."""


def _bad(message: str) -> NoReturn:
    raise CacheError(message)


#: What reading a damaged entry may raise; callers catch these and read the file instead.
READ_ERRORS: tuple[type[Exception], ...] = (
    CacheError,
    *((sqlite3.Error,) if sqlite3 is not None else ()),
    OSError,
    LookupError,
    TypeError,
    ValueError,
    OverflowError,
)


def enabled() -> bool:
    """Whether the cache is on: ``$JIANGJIN_NO_CACHE`` unset, empty or ``0``, and SQLite there."""
    return sqlite3 is not None and os.environ.get(DISABLE_ENV, "").strip() in ("", "0")


def directory() -> Path | None:
    """``$XDG_CACHE_HOME/jiangjin``, else ``~/.cache/jiangjin``; None when off or homeless."""
    if not enabled():
        return None
    root = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(root):  # the XDG spec says to ignore a relative path
        home = os.path.expanduser("~")
        if not os.path.isabs(home):
            return None
        root = os.path.join(home, ".cache")
    return Path(root, "jiangjin")


def identity(path: str | os.PathLike[str]) -> Identity | None:
    """The identity of the regular file at ``path``; None when it is not one."""
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    if not stat.S_ISREG(info.st_mode):
        return None
    return _identity(info)


def _identity(info: os.stat_result) -> Identity:
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


def _is_racy(ident: Identity, now_ns: int) -> bool:
    return now_ns - max(ident[3], ident[4]) < _RACY_NS


def _code_stamp() -> str:
    """The jiangjin version, the Python version and the package's modules (name, size, mtime)."""
    parts = [__version__, str(CACHE_FORMAT), sys.version]
    here = os.path.dirname(os.path.abspath(__file__))
    try:
        with os.scandir(here) as entries:
            for entry in sorted(entries, key=lambda e: e.name):
                if entry.name.endswith(".py"):
                    info = entry.stat()
                    parts.append(f"{entry.name}:{info.st_size}:{info.st_mtime_ns}")
    except OSError:
        parts.append("?")
    return "|".join(parts)


def _digest(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest()


def _file_digest(path: str | os.PathLike[str]) -> str:
    with open(path, "rb") as stream:
        data = stream.read()
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    return _digest(data)


def _entry_path(root: Path, real: str, suffix: str) -> Path:
    """The entry of the file at ``real`` (its resolved path, which the entry also records)."""
    data = real.encode("utf-8", "surrogateescape")
    return root / f"{zlib.crc32(data):08x}{zlib.adler32(data):08x}{suffix}"


def _connect(path: Path) -> sqlite3.Connection:
    """A read-only connection; ``immutable``: entries are replaced, never changed in place."""
    uri = path.absolute().as_uri() + "?mode=ro&immutable=1"
    return sqlite3.connect(uri, uri=True, check_same_thread=False)


# --- reading -------------------------------------------------------------------------------------


_T = TypeVar("_T")


def _text(value: object) -> str:
    return value if isinstance(value, str) else _bad("text expected")


def _opt_text(value: object) -> str | None:
    return None if value is None else _text(value)


def _int(value: object) -> int:
    return value if type(value) is int else _bad("integer expected")


def _items(value: object) -> tuple[str, ...]:
    text = _text(value)
    return tuple(text.split(_SEP)) if text else ()


def _number(value: object) -> int | float | None:
    if value is None or type(value) is int or type(value) is float:
        return value
    return _bad("number expected")


_FACT_COLUMNS = (
    "id, section, quote, statement_en, source, value, unit, unit_en, qualifier, period, "
    "entities, tags, line"
)


def _fact(row: Sequence[object]) -> Fact:
    return Fact(
        id=_text(row[0]),
        section=_text(row[1]),
        quote=_text(row[2]),
        statement_en=_text(row[3]),
        source=_text(row[4]),
        value=_number(row[5]),
        unit=_opt_text(row[6]),
        unit_en=_opt_text(row[7]),
        qualifier=_opt_text(row[8]),
        period=_opt_text(row[9]),
        entities=_items(row[10]),
        tags=_items(row[11]),
        line=_int(row[12]),
    )


_FACT_TYPES = " AND ".join(
    [
        *(f"typeof({c}) = 'text'" for c in ("id", "section", "quote", "statement_en", "source")),
        "typeof(value) IN ('integer', 'real', 'null')",
        *(f"typeof({c}) IN ('text', 'null')" for c in ("unit", "unit_en", "qualifier", "period")),
        "typeof(entities) = 'text'",
        "typeof(tags) = 'text'",
        "typeof(line) = 'integer'",
    ]
)


def _checked_fact(row: tuple[Any, ...]) -> Fact:
    """A fact from a row whose types SQLite has checked (``_FACT_TYPES``)."""
    entities, tags = row[10], row[11]
    return Fact(
        id=row[0],
        section=row[1],
        quote=row[2],
        statement_en=row[3],
        source=row[4],
        value=row[5],
        unit=row[6],
        unit_en=row[7],
        qualifier=row[8],
        period=row[9],
        entities=tuple(entities.split(_SEP)) if entities else (),
        tags=tuple(tags.split(_SEP)) if tags else (),
        line=row[12],
    )


def _source(row: Sequence[object]) -> Source:
    import datetime as dt

    return Source(
        id=_text(row[0]),
        title=_text(row[1]),
        title_en=_text(row[2]),
        publisher=_text(row[3]),
        publisher_en=_text(row[4]),
        url=_text(row[5]),
        published=dt.date.fromisoformat(_text(row[6])),
        language=_text(row[7]),
        line=_int(row[8]),
    )


def _section(row: Sequence[object]) -> Section:
    return Section(
        id=_text(row[0]),
        title=_text(row[1]),
        title_en=_text(row[2]),
        parent=_opt_text(row[3]),
        line=_int(row[4]),
    )


def _entity(row: Sequence[object]) -> Entity:
    return Entity(
        id=_text(row[0]),
        name=_text(row[1]),
        name_en=_text(row[2]),
        kind=_text(row[3]),
        aliases=_items(row[4]),
        line=_int(row[5]),
    )


def _problem(shown: str, row: Sequence[object]) -> Problem:
    line, column = row[1], row[2]
    return Problem(
        path=shown,
        message=_text(row[0]),
        line=None if line is None else _int(line),
        column=None if column is None else _int(column),
        record=_opt_text(row[3]),
        field=_opt_text(row[4]),
    )


def _meta(connection: sqlite3.Connection) -> dict[str, object]:
    rows = connection.execute("SELECT key, value FROM meta").fetchall()
    return {_text(key): value for key, value in rows}


class Entry:
    """A verified cache entry of one fact base, open for reading.

    Every method raises :class:`CacheError` (or ``sqlite3.Error``) when the entry
    turns out to be damaged; callers then fall back to the file.
    """

    def __init__(
        self, path: Path, real: str, ident: Identity, connection: sqlite3.Connection
    ) -> None:
        self.path = path
        self.real = real
        self.identity = ident
        self._db = connection
        meta = _meta(connection)
        # The search index belongs to the text the entry was built from, whichever run
        # wrote the entry: the SHA-256 of that text names it.
        self.token = _text(meta.get("digest"))
        self.counts = {
            kind: _int(meta.get(f"count_{kind}"))
            for kind in ("sources", "sections", "entities", "facts", "warnings")
        }

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Entry:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def _rows(self, kind: str, columns: str, decode: Callable[[Sequence[object]], _T]) -> list[_T]:
        rows = self._db.execute(f"SELECT {columns} FROM {kind} ORDER BY pos").fetchall()
        if len(rows) != self.counts[kind]:
            _bad(f"{kind}: {len(rows)} rows, expected {self.counts[kind]}")
        return [decode(row) for row in rows]

    def context(self) -> tuple[tuple[Source, ...], tuple[Section, ...], tuple[Entity, ...]]:
        """Every source, section and entity, in file order."""
        sources = self._rows(
            "sources",
            "id, title, title_en, publisher, publisher_en, url, published, language, line",
            _source,
        )
        sections = self._rows("sections", "id, title, title_en, parent, line", _section)
        entities = self._rows("entities", "id, name, name_en, kind, aliases, line", _entity)
        return tuple(sources), tuple(sections), tuple(entities)

    def base(self, shown: str) -> FactBase:
        """The whole base, records in file order, as :func:`jiangjin_cli.store.load` builds it."""
        sources, sections, entities = self.context()
        # Every fact's types are checked by SQLite in one pass, so that the rows can be
        # built without checking each field in Python (a third of the time at 100,000).
        wrong = self._db.execute(f"SELECT count(*) FROM facts WHERE NOT ({_FACT_TYPES})")
        if wrong.fetchone() != (0,):
            _bad("facts: a field of the wrong type")
        rows = self._db.execute(f"SELECT {_FACT_COLUMNS} FROM facts ORDER BY pos").fetchall()
        if len(rows) != self.counts["facts"]:
            _bad(f"facts: {len(rows)} rows, expected {self.counts['facts']}")
        facts = tuple(map(_checked_fact, rows))
        return FactBase.build(shown, sources, sections, entities, facts)

    def warnings(self, shown: str) -> list[Problem]:
        """The warnings validation gave, located in ``shown``."""
        return self._rows(
            "warnings", "message, line, col, record, field", lambda row: _problem(shown, row)
        )

    def subset(self, shown: str, ids: Sequence[str], context: bool = True) -> FactBase | None:
        """A base holding only the facts ``ids`` (in file order), with every source,
        section and entity when ``context``; None when one of the ids is not a fact."""
        found: dict[int, Fact] = {}
        for ident in dict.fromkeys(ids):
            located = self._fact(ident)
            if located is None:
                return None
            found[located[0]] = located[1]
        facts = tuple(found[pos] for pos in sorted(found))
        if context:
            sources, sections, entities = self.context()
        else:
            sources, sections, entities = (), (), ()
        return FactBase.build(shown, sources, sections, entities, facts)

    def _fact(self, ident: str) -> tuple[int, Fact] | None:
        row = self._db.execute(
            f"SELECT pos, {_FACT_COLUMNS} FROM facts WHERE id = ?", (ident,)
        ).fetchone()
        if row is None:
            return None
        fact = _fact(row[1:])
        if fact.id != ident:
            _bad("the index on fact ids does not match the facts")
        return _int(row[0]), fact

    def fact_ids(self) -> list[str]:
        """Every fact id, in file order."""
        return self._rows("facts", "id", lambda row: _text(row[0]))

    def fact(self, ident: str) -> Fact | None:
        """The fact with id ``ident``, or None."""
        located = self._fact(ident)
        return None if located is None else located[1]

    # --- search ----------------------------------------------------------------------------

    def index_path(self) -> Path:
        return self.path.with_name(self.path.name[: -len(_BASE_SUFFIX)] + _INDEX_SUFFIX)

    def open_index(self) -> SearchReader | None:
        """The search index built from this entry; None when there is none (or a stale one)."""
        try:
            connection = _connect(self.index_path())
        except sqlite3.Error:
            return None
        try:
            reader = SearchReader(connection, self.token)
        except (CacheError, sqlite3.Error, LookupError, TypeError, ValueError):
            connection.close()
            return None
        return reader

    def save_index(self, index: SearchIndex) -> None:
        """Write ``index`` (built from :meth:`base`) next to this entry; quietly skip on failure."""
        with contextlib.suppress(
            OSError, sqlite3.Error, CacheError, ValueError, TypeError, OverflowError
        ):
            _write(self.index_path(), lambda db: _fill_index(db, index, self.token))


def entry_path(path: str | os.PathLike[str]) -> Path | None:
    """Where the entry of the fact base at ``path`` is kept (its search index sits beside
    it); None when the cache is off."""
    root = directory()
    return None if root is None else _entry_path(root, os.path.realpath(path), _BASE_SUFFIX)


def open_entry(path: str | os.PathLike[str]) -> Entry | None:
    """The cache entry of the fact base at ``path`` when it is current; None otherwise."""
    root = directory()
    if root is None:
        return None
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            return None
        real = os.path.realpath(path)
        entry_path = _entry_path(root, real, _BASE_SUFFIX)
        connection = _connect(entry_path)
    except (OSError, ValueError, sqlite3.Error):
        return None
    ident = _identity(info)
    try:
        meta = _meta(connection)
        if (
            meta.get("format") != CACHE_FORMAT
            or meta.get("stamp") != _code_stamp()
            or meta.get("path") != real
            or meta.get("valid") != 1
            or tuple(_int(meta.get(key)) for key in _IDENTITY_KEYS) != ident
        ):
            connection.close()
            return None
        if meta.get("racy") != 0:
            if meta.get("digest") != _file_digest(path):
                connection.close()
                return None
            if not _is_racy(ident, time.time_ns()):
                _unmark_racy(entry_path)
        return Entry(entry_path, real, ident, connection)
    except (OSError, sqlite3.Error, CacheError, LookupError, TypeError, ValueError):
        connection.close()
        return None


_IDENTITY_KEYS = ("dev", "ino", "size", "mtime_ns", "ctime_ns")


def _unmark_racy(entry_path: Path) -> None:
    """Rewrite a racy entry whose file is now old enough as an ordinary one."""

    def fill(db: sqlite3.Connection) -> None:
        source = _connect(entry_path)
        try:
            source.backup(db)
        finally:
            source.close()
        db.execute("UPDATE meta SET value = 0 WHERE key = 'racy'")

    with contextlib.suppress(OSError, sqlite3.Error):
        _write(entry_path, fill)


# --- writing -------------------------------------------------------------------------------------


def _write(target: Path, fill: Callable[[sqlite3.Connection], None]) -> None:
    """Build a database with ``fill`` in a temporary file beside ``target``, then move it in."""
    root = target.parent
    root.mkdir(mode=0o700, parents=True, exist_ok=True)
    temp = root / f"{_TEMP_PREFIX}{os.getpid()}-{os.urandom(6).hex()}"
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.close(fd)
    try:
        db = sqlite3.connect(temp, isolation_level=None)
        try:
            db.execute("PRAGMA journal_mode = OFF")
            db.execute("PRAGMA synchronous = OFF")
            db.execute("BEGIN")
            fill(db)
            db.execute("COMMIT")
        finally:
            db.close()
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    _sweep(root)


def _sweep(root: Path) -> None:
    """Remove temporary files that crashed runs left behind (older than an hour)."""
    limit = time.time() - 3600
    try:
        with os.scandir(root) as entries:
            for entry in entries:
                if entry.name.startswith(_TEMP_PREFIX) and entry.stat().st_mtime < limit:
                    os.unlink(entry.path)
    except OSError:
        pass


class _Uncacheable(Exception):
    """A base whose values would not come back exactly from SQLite: it is not cached."""


def _check_text(value: str | None) -> str | None:
    if value is not None:
        value.encode("utf-8")  # lone surrogates cannot be stored
    return value


def _join(items: tuple[str, ...]) -> str:
    for item in items:
        if not item or _SEP in item:
            raise _Uncacheable("list item empty or holding the separator")
        _check_text(item)
    return _SEP.join(items)


def _check_number(value: int | float | None) -> int | float | None:
    if isinstance(value, bool):
        raise _Uncacheable("boolean value")
    if isinstance(value, int) and not _INT_MIN <= value <= _INT_MAX:
        raise _Uncacheable("integer too large for SQLite")
    if isinstance(value, float) and value != value:
        raise _Uncacheable("NaN")
    return value


_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value) WITHOUT ROWID;
CREATE TABLE sources (
    pos INTEGER PRIMARY KEY, id TEXT NOT NULL, title TEXT, title_en TEXT, publisher TEXT,
    publisher_en TEXT, url TEXT, published TEXT, language TEXT, line INTEGER);
CREATE TABLE sections (
    pos INTEGER PRIMARY KEY, id TEXT NOT NULL, title TEXT, title_en TEXT, parent TEXT,
    line INTEGER);
CREATE TABLE entities (
    pos INTEGER PRIMARY KEY, id TEXT NOT NULL, name TEXT, name_en TEXT, kind TEXT,
    aliases TEXT, line INTEGER);
CREATE TABLE facts (
    pos INTEGER PRIMARY KEY, id TEXT NOT NULL, section TEXT, quote TEXT, statement_en TEXT,
    source TEXT, value, unit TEXT, unit_en TEXT, qualifier TEXT, period TEXT,
    entities TEXT, tags TEXT, line INTEGER);
CREATE TABLE warnings (
    pos INTEGER PRIMARY KEY, message TEXT, line INTEGER, col INTEGER, record TEXT,
    field TEXT);
"""


def save(
    path: str | os.PathLike[str],
    before: Identity,
    read_ns: int,
    text: str,
    base: FactBase,
    warnings: Sequence[Problem],
) -> None:
    """Cache the valid ``base`` parsed from ``text``, read from ``path`` at ``read_ns``.

    ``before`` is the file's identity taken before it was read; when the file no
    longer has it, it changed meanwhile and nothing is written. Failures are silent.
    """
    root = directory()
    if root is None:
        return
    try:
        if identity(path) != before:
            return
        real = os.path.realpath(path)
        digest = _digest(text.encode("utf-8"))
        meta: dict[str, object] = {
            "format": CACHE_FORMAT,
            "stamp": _code_stamp(),
            "path": real,
            "valid": 1,
            "racy": int(_is_racy(before, read_ns)),
            "digest": digest,
        }
        meta.update(zip(_IDENTITY_KEYS, before, strict=True))
        _write(
            _entry_path(root, real, _BASE_SUFFIX), lambda db: _fill_base(db, meta, base, warnings)
        )
    except (OSError, sqlite3.Error, _Uncacheable, UnicodeError, ValueError, OverflowError):
        pass


def _fill_base(
    db: sqlite3.Connection,
    meta: dict[str, object],
    base: FactBase,
    warnings: Sequence[Problem],
) -> None:
    for statement in _SCHEMA.split(";"):
        if statement.strip():
            db.execute(statement)
    db.executemany(
        "INSERT INTO sources VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            (
                pos,
                s.id,
                _check_text(s.title),
                _check_text(s.title_en),
                _check_text(s.publisher),
                _check_text(s.publisher_en),
                _check_text(s.url),
                s.published.isoformat(),
                _check_text(s.language),
                s.line,
            )
            for pos, s in enumerate(base.sources)
        ),
    )
    db.executemany(
        "INSERT INTO sections VALUES (?, ?, ?, ?, ?, ?)",
        (
            (pos, s.id, _check_text(s.title), _check_text(s.title_en), s.parent, s.line)
            for pos, s in enumerate(base.sections)
        ),
    )
    db.executemany(
        "INSERT INTO entities VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            (
                pos,
                e.id,
                _check_text(e.name),
                _check_text(e.name_en),
                e.kind,
                _join(e.aliases),
                e.line,
            )
            for pos, e in enumerate(base.entities)
        ),
    )
    db.executemany(
        "INSERT INTO facts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            (
                pos,
                f.id,
                f.section,
                _check_text(f.quote),
                _check_text(f.statement_en),
                f.source,
                _check_number(f.value),
                _check_text(f.unit),
                _check_text(f.unit_en),
                f.qualifier,
                f.period,
                _join(f.entities),
                _join(f.tags),
                f.line,
            )
            for pos, f in enumerate(base.facts)
        ),
    )
    db.execute("CREATE UNIQUE INDEX facts_id ON facts (id)")
    db.executemany(
        "INSERT INTO warnings VALUES (?, ?, ?, ?, ?, ?)",
        (
            (pos, _check_text(w.message), w.line, w.column, _check_text(w.record), w.field)
            for pos, w in enumerate(warnings)
        ),
    )
    meta["count_sources"] = len(base.sources)
    meta["count_sections"] = len(base.sections)
    meta["count_entities"] = len(base.entities)
    meta["count_facts"] = len(base.facts)
    meta["count_warnings"] = len(warnings)
    db.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())


# --- the search index ----------------------------------------------------------------------------
#
# ``search.search`` reads an index through a handful of operations: ``get`` and ``in``
# on its token and key mappings, indexing into its per-document columns, and ``find``
# and indexing on its two joined texts. The classes below give those operations over
# the cache file, reading only what a query touches, so a search of a large base
# neither loads nor holds the whole index. Anything else (iterating a mapping, a
# slice of a text ...) raises :class:`Unsupported`, and the caller searches the
# whole base instead: an answer from the cache is the answer of the full index or
# none at all.


class Unsupported(CacheError):
    """The search asked the cached index for something only the full index can give."""


def _unsupported(*_: object, **__: object) -> NoReturn:
    raise Unsupported("operation not available on a cached index")


_K = TypeVar("_K")
_V = TypeVar("_V")


class _LazyMap(dict[_K, _V]):
    """A mapping that reads each key from the cache the first time it is asked for."""

    def __init__(self, fetch: Callable[[_K], _V | None]) -> None:
        super().__init__()
        self._fetch = fetch
        self._absent: set[_K] = set()

    def _has(self, key: _K) -> bool:
        if dict.__contains__(self, key):
            return True
        if key in self._absent:
            return False
        value = self._fetch(key)
        if value is None:
            self._absent.add(key)
            return False
        dict.__setitem__(self, key, value)
        return True

    def __contains__(self, key: object) -> bool:
        return self._has(cast(_K, key))

    def __getitem__(self, key: _K) -> _V:
        if self._has(key):
            return dict.__getitem__(self, key)
        raise KeyError(key)

    @overload
    def get(self, key: _K, default: None = None, /) -> _V | None: ...
    @overload
    def get(self, key: _K, default: _V, /) -> _V: ...
    @overload
    def get(self, key: _K, default: _T, /) -> _V | _T: ...
    def get(self, key: _K, default: object = None, /) -> object:
        return dict.__getitem__(self, key) if self._has(key) else default

    __iter__ = __len__ = __reversed__ = keys = values = items = _unsupported
    copy = __eq__ = __ne__ = __or__ = __ror__ = __ior__ = _unsupported
    __setitem__ = __delitem__ = setdefault = pop = popitem = update = clear = _unsupported


class _LazyColumn(tuple[_T, ...]):
    """A per-document column whose items are computed (or read) on demand."""

    def __new__(cls, size: int, item: Callable[[int], _T]) -> _LazyColumn[_T]:
        column = super().__new__(cls)
        column._size = size
        column._item = item
        return column

    _size: int
    _item: Callable[[int], _T]

    def __len__(self) -> int:
        return self._size

    @overload
    def __getitem__(self, key: SupportsIndex, /) -> _T: ...
    @overload
    def __getitem__(self, key: slice, /) -> tuple[_T, ...]: ...
    def __getitem__(self, key: SupportsIndex | slice, /) -> _T | tuple[_T, ...]:
        if isinstance(key, slice):
            _unsupported()
        doc = key.__index__()
        if doc < 0:
            doc += self._size
        if not 0 <= doc < self._size:
            raise IndexError("document number out of range")
        return self._item(doc)

    __iter__ = __contains__ = __reversed__ = index = count = _unsupported
    __add__ = __mul__ = __rmul__ = __eq__ = __ne__ = __lt__ = __le__ = _unsupported
    __gt__ = __ge__ = __hash__ = _unsupported


class _DocColumn(dict[int, _T]):
    """A per-document column read on demand: ``column[doc]`` as for a tuple.

    A dict underneath, so that a document already read costs a plain subscript (the
    ranking loop reads a document's field lengths once per matching token); only the
    first read of a document runs Python code (``__missing__``). Everything but
    subscripts and ``len`` raises :class:`Unsupported`.
    """

    def __init__(self, size: int, item: Callable[[int], _T]) -> None:
        super().__init__()
        self._size = size
        self._item = item

    def __missing__(self, key: int) -> _T:
        if not isinstance(key, int) or isinstance(key, bool):
            _unsupported()
        doc = key + self._size if key < 0 else key
        if not 0 <= doc < self._size:
            raise IndexError("document number out of range")
        value = self._item(doc)
        dict.__setitem__(self, key, value)
        return value

    def __len__(self) -> int:
        return self._size

    __iter__ = __reversed__ = __contains__ = keys = values = items = get = _unsupported
    copy = __eq__ = __ne__ = __or__ = __ror__ = __ior__ = _unsupported
    __setitem__ = __delitem__ = setdefault = pop = popitem = update = clear = _unsupported


# GLOB's special characters: a needle holding one is looked for by a scan instead (the
# trigram index of SQLite 3.40 misses matches of bracketed literals such as "[?]").
_GLOB_SPECIAL = frozenset("*?[]")


class _LazyText(str):
    """The joined text of every document (``"\\x00"`` between them), read document by document.

    ``find`` asks SQLite which documents contain the needle (``instr``, which counts
    characters as Python does) and reads a document's text only to look past its
    first occurrence; indexing reads the one document it falls in.
    """

    def __new__(
        cls,
        db: sqlite3.Connection,
        table: str,
        starts: array[int],
        length: int,
        fts: str | None = None,
    ) -> _LazyText:
        text = super().__new__(cls, "")
        text._db = db
        text._table = table
        text._fts = fts
        text._starts = starts
        text._length = length
        text._texts = {}
        text._found = {}
        return text

    _db: sqlite3.Connection
    _table: str
    _fts: str | None
    _starts: array[int]
    _length: int
    _texts: dict[int, str]
    _found: dict[str, tuple[list[int], list[int]]]

    def _doc(self, doc: int) -> str:
        text = self._texts.get(doc)
        if text is None:
            row = self._db.execute(
                f"SELECT text FROM {self._table} WHERE doc = ?", (doc,)
            ).fetchone()
            if row is None:
                _bad(f"{self._table}: no document {doc}")
            text = self._texts[doc] = _text(row[0])
            end = self._starts[doc + 1] - 1 if doc + 1 < len(self._starts) else self._length
            if len(text) != end - self._starts[doc]:
                _bad(f"{self._table}: document {doc} has the wrong length")
        return text

    def _containing(self, needle: str) -> tuple[list[int], list[int]]:
        """The documents holding ``needle`` and where it first starts in each.

        A needle of three characters or more (and none of GLOB's wildcards) is first
        looked up in the trigram index, when SQLite has FTS5, which names the
        candidates; ``instr`` has the last word.
        """
        found = self._found.get(needle)
        if found is None:
            if self._fts is not None and len(needle) >= 3 and _GLOB_SPECIAL.isdisjoint(needle):
                pattern = f"*{needle}*"
                query = (
                    f"SELECT doc, instr(text, ?1) FROM {self._table} WHERE doc IN "
                    f"(SELECT rowid FROM {self._fts} WHERE {self._fts}.text GLOB ?2) "
                    "AND instr(text, ?1) > 0 ORDER BY doc"
                )
                rows = self._db.execute(query, (needle, pattern)).fetchall()
            else:
                rows = self._db.execute(
                    f"SELECT doc, instr(text, ?1) FROM {self._table} WHERE instr(text, ?1) > 0"
                    " ORDER BY doc",
                    (needle,),
                ).fetchall()
            found = self._found[needle] = (
                [_int(r[0]) for r in rows],
                [_int(r[1]) - 1 for r in rows],
            )
        return found

    def __len__(self) -> int:
        return self._length

    def find(
        self, sub: str, start: SupportsIndex | None = None, end: SupportsIndex | None = None, /
    ) -> int:
        if end is not None or not isinstance(sub, str) or "\x00" in sub:
            _unsupported()
        at = 0 if start is None else start.__index__()
        if at < 0:
            at = max(0, at + self._length)
        if not sub:
            return at if at <= self._length else -1
        if at >= self._length:
            return -1
        starts = self._starts
        first_doc = bisect_right(starts, at) - 1
        offset = at - starts[first_doc]
        docs, firsts = self._containing(sub)
        i = bisect_right(docs, first_doc - 1)
        while i < len(docs):
            doc, first = docs[i], firsts[i]
            if doc == first_doc and first < offset:
                pos = self._doc(doc).find(sub, offset)
                if pos >= 0:
                    return starts[doc] + pos
                i += 1
                continue
            return starts[doc] + first
        return -1

    @overload
    def __getitem__(self, key: SupportsIndex, /) -> str: ...
    @overload
    def __getitem__(self, key: slice, /) -> str: ...
    def __getitem__(self, key: SupportsIndex | slice, /) -> str:
        if isinstance(key, slice):
            _unsupported()
        at = key.__index__()
        if at < 0:
            at += self._length
        if not 0 <= at < self._length:
            raise IndexError("string index out of range")
        doc = bisect_right(self._starts, at) - 1
        text = self._doc(doc)
        offset = at - self._starts[doc]
        return text[offset] if offset < len(text) else "\x00"

    def __contains__(self, key: str) -> bool:  # type: ignore[override]
        return self.find(key) >= 0

    __iter__ = __reversed__ = __add__ = __mul__ = __rmul__ = __mod__ = _unsupported
    __eq__ = __ne__ = __lt__ = __le__ = __gt__ = __ge__ = __hash__ = _unsupported
    rfind = index = rindex = count = split = rsplit = splitlines = _unsupported
    startswith = endswith = partition = rpartition = replace = encode = _unsupported
    strip = lstrip = rstrip = lower = upper = casefold = translate = format = _unsupported


# How each field of a SearchIndex is kept, decided from its value when it is written:
#   scalar  an int, float or str, in the meta table
#   ints    a tuple of ints, packed (served as an array)
#   tuple   a short tuple, or one of few distinct strings, as JSON (served as a tuple)
#   rows    per-document tuples of ints of one width, packed (served row by row)
#   strs    per-document strings, one row each (served by document)
#   map     a dict, one row per key (served key by key); "dict" when small (served whole)
#   text    text joined with "\x00" between documents at the offsets of its starts field
#           (the field named NAME_starts, or NAM_starts for NAMEs), one row per document
_SMALL_SIZE = 64
# Packed integers: 32-bit where they fit, else 64-bit.
_SMALL = "i" if array("i").itemsize == 4 else "l"
_LARGE = "q"


def _pack(typecode: str, values: Sequence[int]) -> bytes:
    return array(typecode, values).tobytes()


def _unpack(typecode: object, data: object) -> array[int]:
    if typecode not in (_SMALL, _LARGE) or not isinstance(data, bytes):
        _bad("packed integers expected")
    values = array(typecode)
    if len(data) % values.itemsize:
        _bad("packed integers of the wrong length")
    values.frombytes(data)
    return values


_FEW_STRINGS = 256
_INT32 = (-(2**31), 2**31 - 1)


def _int_code(values: Sequence[int]) -> str:
    """The narrowest array typecode holding ``values`` (which must all be ints)."""
    for value in values:
        if type(value) is not int:
            raise _Uncacheable("not an int")
    if not values or (_INT32[0] <= min(values) and max(values) <= _INT32[1]):
        return _SMALL
    if min(values) >= _INT_MIN and max(values) <= _INT_MAX:
        return _LARGE
    raise _Uncacheable("integer too large")


def _plain(value: object) -> bool:
    """Whether JSON gives ``value`` back as it is: str, int, finite float, or tuples of them."""
    if isinstance(value, bool):
        return False
    if isinstance(value, (str, int)):
        return True
    if isinstance(value, float):
        return value == value and abs(value) != float("inf")
    if isinstance(value, tuple):
        return all(_plain(item) for item in value)
    return False


def _to_tuples(value: object) -> object:
    return tuple(_to_tuples(item) for item in value) if isinstance(value, list) else value


def _encode(value: object) -> tuple[str, object]:
    """A tag and an SQLite value for one map value."""
    import json

    if isinstance(value, bool):
        raise _Uncacheable("boolean")
    if isinstance(value, (int, float, str)) and _plain(value):
        if isinstance(value, int):
            _int_code([value])
        return "n", _check_text(value) if isinstance(value, str) else value
    if isinstance(value, tuple) and all(type(item) is int for item in value):
        code = _int_code(value)
        return code, _pack(code, value)
    if _plain(value):
        return "j", json.dumps(value, ensure_ascii=False)
    raise _Uncacheable(f"cannot keep a {type(value).__name__}")


def _decode(tag: object, value: object) -> object:
    if tag == "n":
        if value is None or isinstance(value, bytes):
            _bad("plain value expected")
        return value
    if tag in (_SMALL, _LARGE):
        return _unpack(tag, value)
    if tag == "j":
        import json

        return _to_tuples(json.loads(_text(value)))
    return _bad(f"unknown tag {tag!r}")


def _trigrams(db: sqlite3.Connection, table: str) -> str | None:
    """A trigram index (FTS5) over the texts of ``table``; None when SQLite lacks one."""
    fts = f"{table}_trigrams"
    try:
        db.execute(
            f"CREATE VIRTUAL TABLE {fts} USING fts5(text, content='{table}', "
            "content_rowid='doc', tokenize='trigram case_sensitive 1', detail='none')"
        )
        db.execute(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")
    except sqlite3.OperationalError:
        return None
    return fts


def _fill_index(db: sqlite3.Connection, index: SearchIndex, token: str) -> None:
    import json
    from dataclasses import fields

    values = {f.name: getattr(index, f.name) for f in fields(index)}
    size = len(index.ids)
    starts_of: dict[str, str] = {}
    for name, value in values.items():
        if isinstance(value, str):
            for candidate in (f"{name}_starts", f"{name[:-1]}_starts"):
                if isinstance(values.get(candidate), tuple):
                    starts_of[name] = candidate
                    break
    db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value) WITHOUT ROWID")
    db.execute("CREATE TABLE arrays (name TEXT PRIMARY KEY, data NOT NULL) WITHOUT ROWID")
    db.execute(
        "CREATE TABLE entries (field TEXT, key TEXT, tag TEXT NOT NULL, value,"
        " PRIMARY KEY (field, key)) WITHOUT ROWID"
    )
    plan: dict[str, tuple[str, object]] = {}
    meta: dict[str, object] = {}
    for number, (name, value) in enumerate(values.items()):
        if isinstance(value, bool):
            raise _Uncacheable(f"{name}: boolean")
        if name in starts_of:
            starts = values[starts_of[name]]
            ends = [*(start - 1 for start in starts[1:]), len(value)]
            pieces = [value[a:z] for a, z in zip(starts, ends, strict=True)]
            if "\x00".join(pieces) != value or (starts and starts[0] != 0):
                raise _Uncacheable(f"{name} is not its documents joined by NUL")
            table = f"text_{number}"
            db.execute(f"CREATE TABLE {table} (doc INTEGER PRIMARY KEY, text TEXT NOT NULL)")
            db.executemany(
                f"INSERT INTO {table} VALUES (?, ?)",
                ((doc, _check_text(piece)) for doc, piece in enumerate(pieces)),
            )
            plan[name] = ("text", [table, starts_of[name], len(value), _trigrams(db, table)])
        elif isinstance(value, (int, float, str)):
            if not _plain(value):
                raise _Uncacheable(f"{name}: not a plain value")
            meta[f"field:{name}"] = value
            plan[name] = ("scalar", None)
        elif isinstance(value, dict):
            rows = []
            for key, item in value.items():
                if not isinstance(key, str):
                    raise _Uncacheable(f"{name}: a key that is not text")
                rows.append((name, _check_text(key), *_encode(item)))
            db.executemany("INSERT INTO entries VALUES (?, ?, ?, ?)", rows)
            plan[name] = ("dict" if len(rows) <= _SMALL_SIZE else "map", None)
        elif isinstance(value, tuple):
            items: tuple[object, ...] = value
            per_doc = len(items) == size and size > _SMALL_SIZE
            if all(type(item) is int for item in items):
                code = _int_code(cast("tuple[int, ...]", items))
                packed = _pack(code, cast("tuple[int, ...]", items))
                db.execute("INSERT INTO arrays VALUES (?, ?)", (name, packed))
                plan[name] = ("ints", code)
            elif per_doc and all(isinstance(item, tuple) for item in items):
                rows_ = cast("tuple[tuple[int, ...], ...]", items)
                width = len(rows_[0])
                flat = [n for row in rows_ if len(row) == width for n in row]
                if len(flat) != size * width:
                    raise _Uncacheable(f"{name}: rows of different widths")
                code = _int_code(flat)
                db.execute("INSERT INTO arrays VALUES (?, ?)", (name, _pack(code, flat)))
                plan[name] = ("rows", [code, width])
            elif per_doc and all(type(item) is str for item in items):
                texts = cast("tuple[str, ...]", items)
                distinct = list(dict.fromkeys(texts))
                if len(distinct) <= _FEW_STRINGS:
                    code_of = {text: code for code, text in enumerate(distinct)}
                    codes = bytes(code_of[text] for text in texts)
                    db.execute("INSERT INTO arrays VALUES (?, ?)", (name, codes))
                    words = [_check_text(text) for text in distinct]
                    plan[name] = ("codes", json.dumps(words, ensure_ascii=False))
                else:
                    table = f"strs_{number}"
                    db.execute(
                        f"CREATE TABLE {table} (doc INTEGER PRIMARY KEY, text TEXT NOT NULL)"
                    )
                    db.executemany(
                        f"INSERT INTO {table} VALUES (?, ?)",
                        ((doc, _check_text(text)) for doc, text in enumerate(texts)),
                    )
                    plan[name] = ("strs", table)
            elif _plain(items):
                db.execute(
                    "INSERT INTO arrays VALUES (?, ?)",
                    (name, json.dumps(items, ensure_ascii=False)),
                )
                plan[name] = ("tuple", None)
            else:
                raise _Uncacheable(f"{name}: a tuple of mixed values")
        else:
            raise _Uncacheable(f"{name}: cannot keep a {type(value).__name__}")
    meta.update(
        {
            "format": CACHE_FORMAT,
            "stamp": _code_stamp(),
            "token": token,
            "byteorder": sys.byteorder,
            "size": size,
            "plan": json.dumps(plan),
        }
    )
    db.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())


class SearchReader:
    """The cached search index of an entry, read lazily."""

    def __init__(self, db: sqlite3.Connection, token: str) -> None:
        self._db = db
        meta = _meta(db)
        if (
            meta.get("format") != CACHE_FORMAT
            or meta.get("stamp") != _code_stamp()
            or meta.get("token") != token
            or meta.get("byteorder") != sys.byteorder
        ):
            _bad("stale or foreign search index")
        self._meta = meta
        self.size = _int(meta.get("size"))

    def close(self) -> None:
        self._db.close()

    def _stored(self, name: str) -> object:
        row = self._db.execute("SELECT data FROM arrays WHERE name = ?", (name,)).fetchone()
        return row[0] if row is not None else _bad(f"no array {name}")

    def index(self) -> SearchIndex:
        """An index over the cache that answers as the full one would (or raises Unsupported)."""
        import json
        from dataclasses import fields

        from jiangjin_cli.search import SearchIndex

        db, meta, size = self._db, self._meta, self.size
        plan = json.loads(_text(meta.get("plan")))
        if not isinstance(plan, dict) or set(plan) != {f.name for f in fields(SearchIndex)}:
            raise Unsupported("the index has other fields than when it was cached")
        values: dict[str, object] = {}
        later: list[tuple[str, list[object]]] = []
        for name, (kind, arg) in plan.items():
            if kind == "scalar":
                values[name] = meta[f"field:{name}"]
            elif kind == "ints":
                values[name] = _unpack(arg, self._stored(name))
            elif kind == "codes":
                words = json.loads(_text(arg))
                codes = self._stored(name)
                if not isinstance(codes, bytes) or len(codes) != size or not words:
                    _bad(f"{name}: codes missing")
                if max(codes) >= len(words) or not all(isinstance(w, str) for w in words):
                    _bad(f"{name}: codes out of range")
                values[name] = tuple(map(words.__getitem__, codes))
            elif kind == "tuple":
                values[name] = _to_tuples(json.loads(_text(self._stored(name))))
            elif kind == "rows":
                values[name] = _rows_column(_unpack(arg[0], self._stored(name)), size, arg[1])
            elif kind == "strs":
                values[name] = _DocColumn(size, _fetch_text(db, _table(arg)))
            elif kind == "dict":
                rows = db.execute(
                    "SELECT key, tag, value FROM entries WHERE field = ?", (name,)
                ).fetchall()
                values[name] = {_text(k): _decode(tag, v) for k, tag, v in rows}
            elif kind == "map":
                values[name] = _LazyMap(_fetch_entry(db, name))
            elif kind == "text":
                later.append((name, arg))
            else:
                _bad(f"unknown field kind {kind!r}")
        for name, (table, starts_name, length, fts) in later:
            starts = values.get(_text(starts_name))
            if not isinstance(starts, array):
                _bad(f"no starts for {name}")
            trigrams = None if fts is None else _table(fts)
            values[name] = _LazyText(db, _table(table), starts, _int(length), trigrams)
        return SearchIndex(**cast("dict[str, Any]", values))


def _table(name: object) -> str:
    text = _text(name)
    if not text.replace("_", "").isalnum() or not text.isascii():
        _bad("bad table name")
    return text


def _rows_column(flat: array[int], size: int, width: object) -> tuple[tuple[int, ...], ...]:
    """Per-document rows as the tuples they were: the ranking loop reads one per posting,
    so a plain tuple (built in C by ``zip``) beats reading rows on demand."""
    step = _int(width)
    if step <= 0 or len(flat) != size * step:
        _bad("rows of the wrong length")
    return tuple(zip(*[iter(flat)] * step, strict=True))


def _fetch_text(db: sqlite3.Connection, table: str) -> Callable[[int], str]:
    def fetch(doc: int) -> str:
        row = db.execute(f"SELECT text FROM {table} WHERE doc = ?", (doc,)).fetchone()
        return _text(row[0]) if row is not None else _bad(f"{table}: no document {doc}")

    return fetch


def _fetch_entry(db: sqlite3.Connection, name: str) -> Callable[[object], object]:
    def fetch(key: object) -> object:
        if not isinstance(key, str):
            return None
        row = db.execute(
            "SELECT tag, value FROM entries WHERE field = ? AND key = ?", (name, key)
        ).fetchone()
        return None if row is None else _decode(row[0], row[1])

    return fetch


def lazy_base(entry: Entry, shown: str) -> FactBase:
    """A base with every source, section and entity, reading facts by id as they are asked for."""
    sources, sections, entities = entry.context()
    count = entry.counts["facts"]

    return FactBase(
        path=shown,
        sources=sources,
        sections=sections,
        entities=entities,
        facts=_LazyColumn(count, lambda _doc: _unsupported()),
        source_by_id={s.id: s for s in sources},
        section_by_id={s.id: s for s in sections},
        entity_by_id={e.id: e for e in entities},
        fact_by_id=_LazyMap(entry.fact),
    )


def search(entry: Entry, shown: str, terms: Sequence[str]) -> tuple[FactBase, list[Hit]] | None:
    """The hits for ``terms`` from the entry's cached index; None when it has none usable.

    Raises :class:`CacheError` (or ``sqlite3.Error``) when the index turns out unusable
    midway; the caller then searches the whole base.
    """
    reader = entry.open_index()
    if reader is None:
        return None
    from jiangjin_cli import search as searching

    try:
        lazy = lazy_base(entry, shown)
        hits = searching.search(lazy, reader.index(), terms)
    finally:
        reader.close()
    # What the command goes on with is a plain base holding the facts the search read
    # (every hit's among them), in file order: nothing lazy outlives this entry.
    read = cast("dict[str, Fact | None]", lazy.fact_by_id)
    facts = sorted((f for f in dict.values(read) if f is not None), key=lambda f: f.line)
    base = FactBase.build(shown, lazy.sources, lazy.sections, lazy.entities, tuple(facts))
    return base, hits
