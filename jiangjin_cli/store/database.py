"""The compiled database of a base, kept as a cache and opened read-only.

One file per base under ``$XDG_CACHE_HOME/jiangjin`` (else ``~/.cache/jiangjin``),
named after the base's resolved path. It is used only when its ``meta`` table
records the file as it is now: resolved path, device, inode, size, mtime_ns and
ctime_ns (no program can set ctime back, so an edit that restores the size and
mtime is seen), and the code's own stamp (version and the package's modules). A
file changed less than ``RACY_SECONDS`` before it was read could change again
within one clock tick: such a database is marked racy and checked against the
SHA-256 of the text until a run finds the file old enough and rewrites the mark.

A database is built in a temporary file in one transaction and moved into place
with ``os.replace``, so readers see a whole old one or a whole new one; it is opened
``immutable``. A missing, damaged or foreign database reads as none (and the next
run that parses the file rewrites it). Nothing writable: nothing cached, silently.
``JIANGJIN_NO_CACHE=1`` turns the cache off, and so does a Python without SQLite.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import time
import zlib
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from jiangjin_cli import __version__
from jiangjin_cli.model import Entity, Fact, FactBase, Problem, Section, Source

try:
    import sqlite3
except ImportError:  # a Python built without SQLite: no cache, and nothing else changes
    sqlite3 = None  # type: ignore[assignment]

if TYPE_CHECKING:
    from jiangjin_cli.store.index import DatabaseIndex, MemoryIndex

#: Layout of the database; bump it whenever the tables or their meaning change.
FORMAT = 2
DISABLE_ENV = "JIANGJIN_NO_CACHE"
RACY_SECONDS = 2
_SUFFIX = ".sqlite3"
_TEMP_PREFIX = ".tmp-"
_IDENTITY_KEYS = ("dev", "ino", "size", "mtime_ns", "ctime_ns")
Identity = tuple[int, int, int, int, int]


class Damaged(Exception):
    """A database that cannot be used: stale, damaged or of another layout."""


#: What reading a damaged database may raise; callers then read the file instead.
READ_ERRORS: tuple[type[Exception], ...] = (
    Damaged,
    *((sqlite3.Error,) if sqlite3 is not None else ()),
    OSError,
    LookupError,
    TypeError,
    ValueError,
)


#: What writing a database may raise besides the errors of compiling.
WRITE_ERRORS: tuple[type[Exception], ...] = (
    OSError,
    *((sqlite3.Error,) if sqlite3 is not None else ()),
)


def enabled() -> bool:
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
    return _identity(info) if stat.S_ISREG(info.st_mode) else None


def _identity(info: os.stat_result) -> Identity:
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


def _is_racy(ident: Identity, now_ns: int) -> bool:
    return now_ns - max(ident[3], ident[4]) < RACY_SECONDS * 1_000_000_000


def _code_stamp() -> str:
    """The jiangjin and Python versions and the package's modules (name, size, mtime)."""
    parts = [__version__, str(FORMAT), sys.version]
    package = Path(__file__).resolve().parent.parent
    try:
        for module in sorted(package.rglob("*.py")):
            info = module.stat()
            parts.append(f"{module.relative_to(package)}:{info.st_size}:{info.st_mtime_ns}")
    except OSError:
        parts.append("?")
    return "|".join(parts)


def digest(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data.removeprefix(b"\xef\xbb\xbf")).hexdigest()


def database_path(path: str | os.PathLike[str]) -> Path | None:
    """Where the database of the base at ``path`` is kept; None when the cache is off."""
    root = directory()
    if root is None:
        return None
    data = os.path.realpath(path).encode("utf-8", "surrogateescape")
    return root / f"{zlib.crc32(data):08x}{zlib.adler32(data):08x}{_SUFFIX}"


def _connect(path: Path) -> sqlite3.Connection:
    uri = path.absolute().as_uri() + "?mode=ro&immutable=1"
    return sqlite3.connect(uri, uri=True, check_same_thread=False)


# --- reading ---------------------------------------------------------------------------------


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise Damaged("text expected")
    return value


def _opt(value: object) -> str | None:
    return None if value is None else _text(value)


def _int(value: object) -> int:
    if type(value) is not int:
        raise Damaged("integer expected")
    return value


# Lists are JSON arrays in the database (for sqlite3 and Datasette users); SQLite's
# json_each reads them, items joined by US (compile refuses items holding it), so that
# ``get`` need not import json. A non-text item reads as NUL, which is refused.
_SEP = "\x1f"


def _list(column: str) -> str:
    return (
        "(SELECT group_concat(iif(type = 'text', value, char(0)), char(31))"
        f" FROM json_each({column}))"
    )


def _items(value: object) -> tuple[str, ...]:
    if value is None:
        return ()
    items = tuple(_text(value).split(_SEP))
    if any(not item or "\x00" in item for item in items):
        raise Damaged("a list of texts expected")
    return items


def _number(value: object) -> int | float | None:
    if value is None or type(value) in (int, float):
        return value  # type: ignore[return-value]
    raise Damaged("number expected")


_FACT_COLUMNS = (
    "id, section, quote, statement_en, source, value, unit, unit_en, qualifier, period, "
    f"{_list('entities')}, {_list('tags')}, line"
)


def _fact(row: Sequence[object]) -> Fact:
    t, o = _text, _opt
    return Fact(
        t(row[0]), t(row[1]), t(row[2]), t(row[3]), t(row[4]), _number(row[5]),
        o(row[6]), o(row[7]), o(row[8]), o(row[9]), _items(row[10]), _items(row[11]),
        _int(row[12]),
    )  # fmt: skip


class Database:
    """A current compiled database of one base, open read-only.

    Every method raises one of ``READ_ERRORS`` when the database turns out damaged.
    """

    def __init__(self, connection: sqlite3.Connection, meta: dict[str, object]) -> None:
        self._db = connection
        self._meta = meta
        self.counts = {
            kind: _int(meta[f"count_{kind}"])
            for kind in ("sources", "sections", "entities", "facts", "warnings")
        }

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def _rows(self, kind: str, columns: str) -> list[tuple[object, ...]]:
        rows = self._db.execute(f"SELECT {columns} FROM {kind} ORDER BY position").fetchall()
        if len(rows) != self.counts[kind]:
            raise Damaged(f"{kind}: {len(rows)} rows, expected {self.counts[kind]}")
        return rows

    def context(self) -> tuple[tuple[Source, ...], tuple[Section, ...], tuple[Entity, ...]]:
        """Every source, section and entity, in file order."""
        columns = "id, title, title_en, publisher, publisher_en, url, published, language, line"
        t = _text
        sources = tuple(
            Source(
                t(r[0]),
                t(r[1]),
                t(r[2]),
                t(r[3]),
                t(r[4]),
                t(r[5]),
                date.fromisoformat(t(r[6])),
                t(r[7]),
                _int(r[8]),
            )
            for r in self._rows("sources", columns)
        )
        sections = tuple(
            Section(t(r[0]), t(r[1]), t(r[2]), _opt(r[3]), _int(r[4]))
            for r in self._rows("sections", "id, title, title_en, parent, line")
        )
        entities = tuple(
            Entity(t(r[0]), t(r[1]), t(r[2]), t(r[3]), _items(r[4]), _int(r[5]))
            for r in self._rows("entities", f"id, name, name_en, kind, {_list('aliases')}, line")
        )
        return sources, sections, entities

    def base(self, shown: str) -> FactBase:
        """The whole base, records in file order, as parsing the file builds it."""
        facts = tuple(map(_fact, self._rows("facts", _FACT_COLUMNS)))
        return FactBase.build(shown, *self.context(), facts)

    def warnings(self, shown: str) -> list[Problem]:
        rows = self._rows("warnings", "message, line, col, record, field")
        return [
            Problem(
                shown,
                _text(m),
                _int(li) if li is not None else None,
                _int(c) if c is not None else None,
                _opt(r),
                _opt(f),
            )
            for m, li, c, r, f in rows
        ]

    def subset(self, shown: str, ids: Sequence[str], context: bool = True) -> FactBase | None:
        """A base of only the facts ``ids`` (in file order), with every source, section
        and entity when ``context``; None when one of the ids is not a fact."""
        found: dict[int, Fact] = {}
        for ident in dict.fromkeys(ids):
            row = self._db.execute(
                f"SELECT position, {_FACT_COLUMNS} FROM facts WHERE id = ?", (ident,)
            ).fetchone()
            if row is None:
                return None
            found[_int(row[0])] = _fact(row[1:])
        facts = tuple(found[pos] for pos in sorted(found))
        context_records = self.context() if context else ((), (), ())
        return FactBase.build(shown, *context_records, facts)

    def fact_ids(self) -> list[str]:
        return [_text(row[0]) for row in self._rows("facts", "id")]

    @property
    def indexed(self) -> bool:
        """Whether the text index has been compiled in (the first search adds it)."""
        return "documents" in self._meta

    def add_index(self, shown: str, index: MemoryIndex) -> None:
        """Rewrite this database, keyed as it is, with the text index of its base."""
        target = Path(self._db.execute("PRAGMA database_list").fetchone()[2])
        base, warnings = self.base(shown), self.warnings(shown)
        keep = ("format", "stamp", "path", "racy", "digest", *_IDENTITY_KEYS)
        meta = {key: self._meta[key] for key in keep}
        from jiangjin_cli.store.compile import compile_base

        with contextlib.suppress(*WRITE_ERRORS, UnicodeError, ValueError, OverflowError):
            write(target, lambda db: compile_base(db, base, warnings, meta, index))

    def index(self) -> DatabaseIndex:
        from jiangjin_cli.store.index import DatabaseIndex

        return DatabaseIndex(self._db, self._meta)


def open_database(path: str | os.PathLike[str]) -> Database | None:
    """The compiled database of the base at ``path`` when it is current; None otherwise."""
    target = database_path(path)
    if target is None:
        return None
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            return None
        connection = _connect(target)
    except (OSError, ValueError, sqlite3.Error):
        return None
    ident = _identity(info)
    try:
        meta = dict(connection.execute("SELECT key, value FROM meta").fetchall())
        if (
            meta.get("format") != FORMAT
            or meta.get("stamp") != _code_stamp()
            or meta.get("path") != os.path.realpath(path)
            or tuple(meta.get(key) for key in _IDENTITY_KEYS) != ident
        ):
            raise Damaged("another file, version or layout")
        if meta.get("racy") != 0:
            with open(path, "rb") as stream:
                if meta.get("digest") != digest(stream.read()):
                    raise Damaged("the text changed within the clock tick")
            if not _is_racy(ident, time.time_ns()):
                _unmark_racy(target)
        return Database(connection, meta)
    except READ_ERRORS:
        connection.close()
        return None


def _unmark_racy(target: Path) -> None:
    """Rewrite a racy database whose file is now old enough as an ordinary one."""

    def fill(db: sqlite3.Connection) -> None:
        source = _connect(target)
        try:
            source.backup(db)
        finally:
            source.close()
        db.execute("UPDATE meta SET value = 0 WHERE key = 'racy'")

    with contextlib.suppress(OSError, sqlite3.Error):
        write(target, fill, transaction=False)


# --- writing ---------------------------------------------------------------------------------


def write(
    target: str | os.PathLike[str],
    fill: Callable[[sqlite3.Connection], None],
    *,
    transaction: bool = True,
    sweep: bool = True,
) -> None:
    """Build a database with ``fill`` in a temporary file beside ``target``, then move it
    in; ``sweep`` (in the cache directory) also removes what crashed runs left there."""
    if sqlite3 is None:
        raise OSError("this Python has no SQLite")
    root = Path(target).parent
    if sweep:
        root.mkdir(mode=0o700, parents=True, exist_ok=True)
    temp = root / f"{_TEMP_PREFIX}{os.getpid()}-{os.urandom(6).hex()}"
    os.close(os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    try:
        db = sqlite3.connect(temp, isolation_level=None)
        try:
            db.execute("PRAGMA journal_mode = OFF")
            db.execute("PRAGMA synchronous = OFF")
            if transaction:
                db.execute("BEGIN")
            fill(db)
            if transaction:
                db.execute("COMMIT")
        finally:
            db.close()
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    if sweep:
        _sweep(root)


def _sweep(root: Path) -> None:
    """Remove temporary files that crashed runs left behind (older than an hour)."""
    limit = time.time() - 3600
    with contextlib.suppress(OSError), os.scandir(root) as entries:
        for entry in entries:
            if entry.name.startswith(_TEMP_PREFIX) and entry.stat().st_mtime < limit:
                os.unlink(entry.path)


def save(
    path: str | os.PathLike[str],
    before: Identity,
    read_ns: int,
    text: str,
    base: FactBase,
    warnings: Sequence[Problem],
    index: MemoryIndex | None = None,
) -> None:
    """Compile the valid ``base`` parsed from ``text`` (read from ``path`` at ``read_ns``)
    into its database, unless the file no longer has the identity ``before``. Silent."""
    target = database_path(path)
    if target is None:
        return
    with contextlib.suppress(OSError, sqlite3.Error, UnicodeError, ValueError, OverflowError):
        if identity(path) != before:
            return
        meta: dict[str, object] = {
            "format": FORMAT,
            "stamp": _code_stamp(),
            "path": os.path.realpath(path),
            "racy": int(_is_racy(before, read_ns)),
            "digest": digest(text.encode("utf-8")),
            **dict(zip(_IDENTITY_KEYS, before, strict=True)),
        }
        from jiangjin_cli.store.compile import compile_base

        write(target, lambda db: compile_base(db, base, warnings, meta, index))
