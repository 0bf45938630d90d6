"""The compiled database of a base, kept as a cache and opened read-only.

One file per base under ``$XDG_CACHE_HOME/jiangjin`` (else ``~/.cache/jiangjin``),
named after the resolved paths of the base's files (in order: a file added to or
removed from a directory base is another set, so another database). It is used only
when its ``meta`` table records every file as it is now: resolved path, device,
inode, size, mtime_ns and ctime_ns (no program can set ctime back, so an edit that
restores the size and mtime is seen), and the code's own stamp (version and the
package's modules). A file changed less than ``RACY_SECONDS`` before it was read
could change again within one clock tick: such a database is marked racy and
checked against the SHA-256 of the texts until a run finds the files old enough and
rewrites the mark. The first file's identity is kept under ``dev``, ``ino``...; the
second's under ``dev.1``, ``ino.1``... and so on.

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
from collections.abc import Callable, Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jiangjin_cli import __version__
from jiangjin_cli.model import Entity, Fact, FactBase, Problem, Section, Source
from jiangjin_cli.store.compile import COLUMNS, FIELDS, RECORDS

try:
    import sqlite3
except ImportError:  # a Python built without SQLite: no cache, and nothing else changes
    sqlite3 = None  # type: ignore[assignment]

if TYPE_CHECKING:
    from jiangjin_cli.store.index import DatabaseIndex, MemoryIndex

#: Layout of the database; bump it whenever the tables or their meaning change.
FORMAT = 7
DISABLE_ENV = "JIANGJIN_NO_CACHE"
RACY_SECONDS = 2
_SUFFIX = ".sqlite3"
_TEMP_PREFIX = ".tmp-"
_IDENTITY_KEYS = ("dev", "ino", "size", "mtime_ns", "ctime_ns")
Identity = tuple[int, int, int, int, int]
#: The files of a base: one path, or several in order.
Files = str | os.PathLike[str] | Sequence[str | os.PathLike[str]]


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
    package = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))
    try:
        for names, size, mtime_ns in sorted(_modules(package)):
            parts.append(f"{os.sep.join(names)}:{size}:{mtime_ns}")
    except OSError:
        parts.append("?")
    return "|".join(parts)


def _modules(
    folder: str, names: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], int, int]]:
    """The ``.py`` files under ``folder``: their path from it as names, size and mtime_ns
    (``os.scandir``, a third of the time ``Path.rglob`` takes: every run pays it)."""
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                yield from _modules(entry.path, (*names, entry.name))
            elif entry.name.endswith(".py"):
                info = entry.stat()
                yield (*names, entry.name), info.st_size, info.st_mtime_ns


def digest(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data.removeprefix(b"\xef\xbb\xbf")).hexdigest()


def digests(datas: Sequence[bytes]) -> str:
    """The digest of one file's text, or of the digests of several, in order."""
    if len(datas) == 1:
        return digest(datas[0])
    return digest("\n".join(map(digest, datas)).encode("ascii"))


def _files(path: Files) -> list[str]:
    if isinstance(path, (str, os.PathLike)):
        return [os.fspath(path)]
    return [os.fspath(p) for p in path]


def _real_paths(files: Sequence[str]) -> str:
    return "\n".join(os.path.realpath(file) for file in files)


def _identity_keys(count: int) -> list[str]:
    """The meta keys of the identities of ``count`` files: dev... then dev.1..."""
    return [key + (f".{i}" if i else "") for i in range(count) for key in _IDENTITY_KEYS]


def database_path(path: Files) -> Path | None:
    """Where the database of the base of the files ``path`` is kept; None when the
    cache is off."""
    root = directory()
    if root is None:
        return None
    data = _real_paths(_files(path)).encode("utf-8", "surrogateescape")
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


def _opt_int(value: object) -> int | None:
    return None if value is None else _int(value)


# Lists are JSON arrays in the database (for sqlite3 and Datasette users); SQLite's
# json_each reads them, items joined by US (compile refuses items holding it), so that
# ``get`` need not import json. A non-text item reads as NUL, which is refused.
_SEP = "\x1f"
_LISTS = {f.name for specs in FIELDS.values() for f in specs if f.type == "texts"}


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


def _date(value: object) -> date:
    return date.fromisoformat(_text(value))


_BY_TYPE: dict[str, Callable[[object], Any]] = {
    "texts": _items,
    "number": _number,
    "date": _date,
}
#: How each column of a record table reads back, checked.
_DECODE: dict[str, tuple[tuple[str, Callable[[object], Any]], ...]] = {
    kind: (
        *((f.name, _BY_TYPE.get(f.type, _text if f.required else _opt)) for f in specs),
        ("line", _int),
    )
    for kind, specs in FIELDS.items()
}


def _select(kind: str) -> str:
    return ", ".join(_list(c) if c in _LISTS else c for c in COLUMNS[kind])


def _record(kind: str, row: Sequence[object]) -> Any:
    """The record of ``kind`` read from ``row``, the values of ``COLUMNS[kind]``."""
    values = zip(_DECODE[kind], row, strict=True)  # ValueError when the row is short
    return RECORDS[kind](**{name: decode(v) for (name, decode), v in values})


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

    def _rows(self, kind: str, columns: str | None = None) -> list[tuple[object, ...]]:
        columns = columns or _select(kind)
        rows = self._db.execute(f"SELECT {columns} FROM {kind} ORDER BY position").fetchall()
        if len(rows) != self.counts[kind]:
            raise Damaged(f"{kind}: {len(rows)} rows, expected {self.counts[kind]}")
        return rows

    def _records(self, kind: str) -> tuple[Any, ...]:
        return tuple(_record(kind, row) for row in self._rows(kind))

    def context(self) -> tuple[tuple[Source, ...], tuple[Section, ...], tuple[Entity, ...]]:
        """Every source, section and entity, in file order."""
        return self._records("sources"), self._records("sections"), self._records("entities")

    def base(self, shown: str) -> FactBase:
        """The whole base, records in file order, as parsing the file builds it."""
        return FactBase.build(shown, *self.context(), self._records("facts"))

    def warnings(self, shown: str) -> list[Problem]:
        rows = self._rows("warnings", "message, line, col, record, field")
        return [
            Problem(shown, _text(m), _opt_int(li), _opt_int(c), _opt(r), _opt(f))
            for m, li, c, r, f in rows
        ]

    def subset(self, shown: str, ids: Sequence[str], context: bool = True) -> FactBase | None:
        """A base of only the facts ``ids`` (in file order), with every source, section
        and entity when ``context``; None when one of the ids is not a fact."""
        found: dict[int, Fact] = {}
        for ident in dict.fromkeys(ids):
            row = self._db.execute(
                f"SELECT position, {_select('facts')} FROM facts WHERE id = ?", (ident,)
            ).fetchone()
            if row is None:
                return None
            found[_int(row[0])] = _record("facts", row[1:])
        facts = tuple(found[pos] for pos in sorted(found))
        context_records = self.context() if context else ((), (), ())
        return FactBase.build(shown, *context_records, facts)

    def fact_ids(self) -> list[str]:
        return [_text(row[0]) for row in self._rows("facts", "id")]

    @property
    def indexed(self) -> bool:
        """Whether the text index has been compiled in (the first search adds it)."""
        return "documents" in self._meta

    def add_index(self, index: MemoryIndex) -> None:
        """Rewrite this database, a copy of it with the text index of its base added."""
        from jiangjin_cli.store.index import write as write_index

        def fill(db: sqlite3.Connection) -> None:
            db.executemany("INSERT INTO meta VALUES (?, ?)", write_index(db, index).items())

        target = Path(self._db.execute("PRAGMA database_list").fetchone()[2])
        with contextlib.suppress(*WRITE_ERRORS, ValueError, OverflowError):
            write(target, fill, copy=self._db)

    def index(self) -> DatabaseIndex:
        from jiangjin_cli.store.index import DatabaseIndex

        return DatabaseIndex(self._db, self._meta)


_UNMARK = "UPDATE meta SET value = 0 WHERE key = 'racy'"


def open_database(path: Files) -> Database | None:
    """The compiled database of the base of the files ``path`` when it is current;
    None otherwise."""
    files = _files(path)
    target = database_path(files)
    if target is None:
        return None
    try:
        infos = [os.stat(file) for file in files]
        if not all(stat.S_ISREG(info.st_mode) for info in infos):
            return None
        connection = _connect(target)
    except (OSError, ValueError, sqlite3.Error):
        return None
    idents = [_identity(info) for info in infos]
    try:
        meta = dict(connection.execute("SELECT key, value FROM meta").fetchall())
        stored = [meta.get(key) for key in _identity_keys(len(files))]
        if (
            meta.get("format") != FORMAT
            or meta.get("stamp") != _code_stamp()
            or meta.get("path") != _real_paths(files)
            or tuple(stored) != tuple(value for ident in idents for value in ident)
        ):
            raise Damaged("another file, version or layout")
        if meta.get("racy") != 0:
            texts = []
            for file in files:
                with open(file, "rb") as stream:
                    texts.append(stream.read())
            if meta.get("digest") != digests(texts):
                raise Damaged("the text changed within the clock tick")
            now = time.time_ns()
            if not any(_is_racy(ident, now) for ident in idents):  # old enough now
                with contextlib.suppress(OSError, sqlite3.Error):
                    write(target, lambda db: db.execute(_UNMARK), copy=connection)
        return Database(connection, meta)
    except READ_ERRORS:
        connection.close()
        return None


# --- writing ---------------------------------------------------------------------------------


def write(
    target: str | os.PathLike[str],
    fill: Callable[[sqlite3.Connection], object],
    *,
    copy: sqlite3.Connection | None = None,
    sweep: bool = True,
) -> None:
    """Build a database with ``fill`` (on a copy of ``copy`` when given) in a temporary
    file beside ``target``, then move it in; ``sweep`` (in the cache directory) also
    removes what crashed runs left there."""
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
            if copy is not None:
                copy.backup(db)
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
    path: Files,
    before: Sequence[Identity],
    read_ns: int,
    texts: Sequence[str],
    base: FactBase,
    warnings: Sequence[Problem],
    index: MemoryIndex | None = None,
) -> None:
    """Compile the valid ``base`` parsed from ``texts`` (read from the files ``path`` at
    ``read_ns``) into its database, unless a file no longer has its identity in
    ``before``. Silent."""
    files = _files(path)
    target = database_path(files)
    if target is None:
        return
    with contextlib.suppress(OSError, sqlite3.Error, UnicodeError, ValueError, OverflowError):
        if [identity(file) for file in files] != list(before):
            return
        meta: dict[str, object] = {
            "format": FORMAT,
            "stamp": _code_stamp(),
            "path": _real_paths(files),
            "racy": int(any(_is_racy(ident, read_ns) for ident in before)),
            "digest": digests([text.encode("utf-8") for text in texts]),
            **dict(
                zip(
                    _identity_keys(len(files)),
                    (value for ident in before for value in ident),
                    strict=True,
                )
            ),
        }
        from jiangjin_cli.store.compile import compile_base

        write(target, lambda db: compile_base(db, base, warnings, meta, index))
