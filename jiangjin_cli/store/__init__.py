"""The store: a fact base read from TOML, validated, and compiled into one SQLite database.

``load(path)`` gives the whole base: ``path`` is one file, a directory (its
``*.toml`` files in name order) or several of them, read as one base. The first call
reads and parses the files (:mod:`.read`), checks every rule across them
(:mod:`.validate`) and, when they are valid, compiles them (:mod:`.compile`) into the
one database that later calls open read-only (:mod:`.database`) until any file
changes. ``open_searchable`` gives the text index
(:mod:`.index`) and the records a search needs; the ranking is the query layer's.

No rich and no typer here: this package is the library under the CLI.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TextIO, TypeVar

from jiangjin_cli.errors import FactBaseError
from jiangjin_cli.model import FactBase, Problem
from jiangjin_cli.store import database
from jiangjin_cli.store.read import (
    ENV_VAR,
    FILE_NAME,
    MAX_BYTES,
    Paths,
    build,
    default_path,
    files_of,
    join,
    read_document,
    resolve_paths,
    shown_paths,
)

if TYPE_CHECKING:
    import threading

    from jiangjin_cli.store.index import Index, MemoryIndex

T = TypeVar("T")

__all__ = [
    "ENV_VAR",
    "FILE_NAME",
    "MAX_BYTES",
    "READ_ERRORS",
    "Paths",
    "Searchable",
    "build",
    "check_draft",
    "default_path",
    "export_database",
    "fact_ids",
    "files_of",
    "in_their_files",
    "index_of",
    "load",
    "load_facts",
    "load_with_warnings",
    "open_searchable",
    "read_document",
    "resolve_paths",
    "shown_paths",
]


def load(path: Paths) -> FactBase:
    """Read, check and build the fact base at ``path``; raise FactBaseError if it is unusable."""
    return load_with_warnings(path)[0]


def load_with_warnings(path: Paths) -> tuple[FactBase, list[Problem]]:
    """Like :func:`load`, also returning the warnings (problems that do not block use)."""
    files = files_of(path)
    shown = shown_paths(files)
    found = _compiled(files, lambda db: (db.base(shown), db.warnings(shown)))
    return found or _parse(files)[:2]


def check_draft(path: str | os.PathLike[str]) -> tuple[FactBase, list[Problem]]:
    """Like :func:`load_with_warnings` for a draft: empty English fields are allowed.

    A draft is never compiled, so no later command can take it for a fact base.
    """
    return _checked([os.fspath(path)], draft=True)[:2]


def _compiled(files: Sequence[str], read: Callable[[database.Database], T]) -> T | None:
    """What ``read`` gives from the current database of ``files``; None when there is
    none or it turns out damaged (the caller then reads the files, which rewrites it)."""
    compiled = database.open_database(files)
    if compiled is not None:
        try:
            with compiled:
                return read(compiled)
        except database.READ_ERRORS:
            pass
    return None


def _checked(
    files: Sequence[str], *, draft: bool = False
) -> tuple[FactBase, list[Problem], list[str]]:
    """The base of ``files`` read and checked as one, its warnings, and the files' texts."""
    from jiangjin_cli.store import validate as rules
    from jiangjin_cli.store.locate import Locator
    from jiangjin_cli.store.warnings import warnings as warnings_of

    parts = []
    texts = []
    for file in files:
        doc, text = read_document(file)
        parts.append((doc, Locator(file, text)))
        texts.append(text)
    warnings = [problem for doc, loc in parts for problem in warnings_of(doc, loc)]
    errors = rules.validate_base(parts, draft=draft)
    if errors:
        raise FactBaseError(errors, unreadable=False, warnings=warnings)
    return join([build(doc, loc) for doc, loc in parts]), warnings, texts


def _parse(
    files: Sequence[str], *, indexed: bool = False
) -> tuple[FactBase, list[Problem], MemoryIndex | None]:
    """Parse, validate and build the base of ``files`` as one, and compile it when the
    cache is on, with its text index when ``indexed`` (a search; other commands leave
    it out)."""
    read_ns = time.time_ns()
    before = [database.identity(file) for file in files] if database.enabled() else None
    with Progress("reading and indexing the fact base"):
        base, warnings, texts = _checked(files)
        index = None
        if before is not None and None not in before:
            index = index_of(base) if indexed else None
            idents = [ident for ident in before if ident is not None]
            database.save(files, idents, read_ns, texts, base, warnings, index)
    return base, warnings, index


def load_facts(path: Paths, ids: Sequence[str], *, context: bool = True) -> FactBase:
    """A base for a command that names its facts (``get``, ``show``).

    From the compiled database it holds only the facts ``ids`` (in file order) and,
    with ``context``, every source, section and entity, so its cost does not grow
    with the base. Otherwise, and whenever one of the ids is not a fact (so that the
    error can suggest close ids), it is the whole base of :func:`load`.
    """
    files = files_of(path)
    shown = shown_paths(files)
    return _compiled(files, lambda db: db.subset(shown, ids, context)) or load(files)


def fact_ids(path: Paths) -> list[str]:
    """Every fact id in file order; from the database without reading the facts."""
    files = files_of(path)
    ids = _compiled(files, lambda db: db.fact_ids())
    return ids if ids is not None else list(load(files).fact_by_id)


def in_their_files(path: Paths, problems: Sequence[Problem]) -> list[Problem]:
    """``problems`` about facts of a base of several files, each named by the file that
    holds its fact (a base read from the database knows lines, not files)."""
    from dataclasses import replace

    holder: dict[str, str] = {}
    for file in files_of(path):
        doc, _text = read_document(file)
        for raw in doc.get("facts", []):
            if isinstance(raw, dict) and isinstance(raw.get("id"), str):
                holder.setdefault(raw["id"], file)
    return [
        replace(problem, path=holder[problem.record]) if problem.record in holder else problem
        for problem in problems
    ]


def index_of(base: FactBase) -> MemoryIndex:
    """The text index of ``base``, built in memory."""
    from jiangjin_cli.store.index import MemoryIndex

    return MemoryIndex(base)


class Searchable:
    """A base's text index, and the records of the facts a search found.

    From the compiled database it reads only what a query touches; otherwise it
    holds the whole base and an index built in memory. Close it when done.
    """

    def __init__(
        self,
        shown: str,
        index: Index,
        compiled: database.Database | None = None,
        base: FactBase | None = None,
    ) -> None:
        self.shown = shown
        self.index = index
        self._compiled = compiled
        self._base = base

    def base_with(self, fact_ids: Sequence[str]) -> FactBase | None:
        """A base holding every source, section and entity and the facts ``fact_ids``;
        None when one of them is not a fact."""
        if self._base is not None:
            return self._base
        assert self._compiled is not None
        return self._compiled.subset(self.shown, fact_ids)  # may raise READ_ERRORS

    def close(self) -> None:
        if self._compiled is not None:
            self._compiled.close()

    def __enter__(self) -> Searchable:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


READ_ERRORS = database.READ_ERRORS


def export_database(path: Paths, target: str | os.PathLike[str]) -> None:
    """Write the compiled database of the base at ``path`` to the file ``target``, as
    sqlite3, Datasette and sqlite-utils open it. FactBaseError when the base is
    unusable; OSError (or sqlite3.Error) when ``target`` cannot be written."""
    base, warnings = load_with_warnings(path)
    from jiangjin_cli.store.compile import compile_base

    meta = {"format": database.FORMAT, "path": base.path}
    index = index_of(base)
    try:
        database.write(
            os.path.abspath(target),
            lambda db: compile_base(db, base, warnings, meta, index),
            sweep=False,
        )
    except database.WRITE_ERRORS as error:
        raise OSError(getattr(error, "strerror", None) or str(error)) from None


def open_searchable(path: Paths, *, reparse: bool = False) -> Searchable:
    """The index of the base at ``path``; FactBaseError when the base is unusable.

    ``reparse`` reads the file even when a database is current, and rewrites the
    database: for a caller that found it damaged.
    """
    files = files_of(path)
    shown = shown_paths(files)
    compiled = None if reparse else database.open_database(files)
    if compiled is not None:
        try:
            if compiled.indexed:
                return Searchable(shown, compiled.index(), compiled)
            with compiled:  # compiled by another command: add the index
                base = compiled.base(shown)
                with Progress("indexing the fact base"):
                    memory = index_of(base)
                    compiled.add_index(memory)
                return Searchable(shown, memory, base=base)
        except database.READ_ERRORS:
            compiled.close()
    base, _warnings, index = _parse(files, indexed=True)
    return Searchable(shown, index or index_of(base), base=base)


#: Seconds a build runs before a terminal is told about it.
PROGRESS_AFTER = 1.0


class Progress:
    """One line on stderr, when it is a terminal, while a build runs longer than
    ``PROGRESS_AFTER`` seconds; erased when the build ends. On a pipe, nothing."""

    def __init__(self, label: str, stream: TextIO | None = None) -> None:
        self.label = label
        self.stream = stream if stream is not None else sys.stderr
        self._timer: threading.Timer | None = None
        self._shown = False

    def __enter__(self) -> Progress:
        with contextlib.suppress(AttributeError, ValueError, OSError):
            if self.stream.isatty():
                import threading

                line = f"jiangjin: {self.label}\u2026"
                self._timer = threading.Timer(PROGRESS_AFTER, self._write, (line,))
                self._timer.daemon = True
                self._timer.start()
        return self

    def _write(self, text: str) -> None:
        with contextlib.suppress(OSError, ValueError):
            self.stream.write(text)
            self.stream.flush()
            self._shown = True

    def __exit__(self, *_: object) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer.join()  # a line being written is written whole, then erased
            if self._shown:
                self._write("\r\x1b[K")
