"""Locate and parse the TOML file of a base, and build its records once it is valid.

``read_document`` reads the file (bounded, UTF-8, no devices) and parses it with
tomli; whatever goes wrong is one :class:`~jiangjin_cli.errors.FactBaseError` with a
located problem. ``build`` turns a valid document into the frozen records of
:mod:`jiangjin_cli.model`.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jiangjin_cli.errors import FactBaseError
from jiangjin_cli.model import FactBase, Problem

if TYPE_CHECKING:
    import tomli

    from jiangjin_cli.store.locate import Locator

ENV_VAR = "JIANGJIN_FACTS"
FILE_NAME = "facts.toml"
# A hand-edited fact base is kilobytes; 100,000 facts like the shipped ones are about
# 47 MB (benchmarks/run.py builds such a base). Refuse anything past this rather than
# spend minutes and gigabytes on it (or forever on /dev/zero).
MAX_BYTES = 128 * 1024 * 1024


def default_path() -> Path:
    """The fact base that ships with jiangjin.

    An installed wheel carries it inside the package; a source checkout or an
    editable install has it at the repository root, next to the package.
    """
    package = Path(__file__).resolve().parent.parent
    if package.is_dir():
        # What importlib.resources.files() gives for a package in a directory, without
        # the ~10 ms of importing importlib.resources on every run.
        shipped = package / FILE_NAME
    else:  # imported from an archive: ask the loader
        from importlib import resources

        traversable = resources.files("jiangjin_cli") / FILE_NAME
        shipped = traversable if isinstance(traversable, Path) else package / FILE_NAME
    if shipped.is_file():
        return shipped
    return package.parent / FILE_NAME


PathLike = str | os.PathLike[str]
#: A base given as one path or several; a directory stands for its ``*.toml`` files.
Paths = PathLike | Sequence[PathLike]


def resolve_paths(option: Paths | None = None) -> list[Path]:
    """The paths of the base to use: the ``--facts`` options, else ``$JIANGJIN_FACTS``
    (paths separated by ``os.pathsep``), else the shipped file."""
    given = [option] if isinstance(option, (str, os.PathLike)) else list(option or ())
    chosen = [Path(p) for p in given if str(p) != ""]
    if chosen:
        return chosen
    from_env = [part for part in os.environ.get(ENV_VAR, "").split(os.pathsep) if part]
    if from_env:
        return [Path(part) for part in from_env]
    return [default_path()]


def files_of(paths: Paths) -> list[str]:
    """The files of a base: each path given, a directory replaced by its ``*.toml`` files
    in name order; a file named twice is read once. FactBaseError for a directory
    without one."""
    given = [paths] if isinstance(paths, (str, os.PathLike)) else list(paths)
    files: list[str] = []
    for path in (os.fspath(p) for p in given):
        if os.path.isdir(path):
            try:
                names = sorted(name for name in os.listdir(path) if name.endswith(".toml"))
            except OSError as error:
                reason = error.strerror or str(error)
                raise _fail(Problem(path, f"cannot list the directory: {reason}")) from None
            inside = [os.path.join(path, name) for name in names]
            inside = [file for file in inside if not os.path.isdir(file)]
            if not inside:
                raise _fail(
                    Problem(
                        path,
                        "is a directory without *.toml files; "
                        "a fact base is a TOML file or a directory of them",
                    )
                )
            files += inside
        else:
            files.append(path)
    unique: dict[str, str] = {}
    for file in files:
        unique.setdefault(os.path.realpath(file), file)
    return list(unique.values())


def shown_paths(files: Sequence[str]) -> str:
    """How messages name a base: its file, or its files joined by the path separator."""
    return os.pathsep.join(files)


def read_document(path: str | os.PathLike[str]) -> tuple[dict[str, Any], str]:
    """The parsed TOML document and its text; FactBaseError(unreadable) if either fails."""
    shown = os.fspath(path)

    def unreadable(message: str, line: int | None = None, column: int | None = None) -> Problem:
        return Problem(path=shown, message=message, line=line, column=column)

    try:
        data = _read_bounded(Path(path))
    except _TooLarge as large:
        message = f"too large ({large}); a fact base is at most {MAX_BYTES // 2**20} MiB"
        raise _fail(unreadable(message)) from None
    except _NotAFile as device:
        raise _fail(unreadable(f"is {device}, not a TOML file")) from None
    except FileNotFoundError:
        hint = f"; give a fact base with --facts PATH or ${ENV_VAR}"
        raise _fail(unreadable("no such file" + hint)) from None
    except IsADirectoryError:
        raise _fail(unreadable("is a directory, not a TOML file")) from None
    except PermissionError:
        raise _fail(unreadable("permission denied: cannot read the file")) from None
    except OSError as error:
        reason = error.strerror or str(error)
        raise _fail(unreadable(f"cannot read the file: {reason}")) from None

    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]  # a UTF-8 byte order mark, as some editors write
    if not data.strip():
        message = "empty file; expected a TOML fact base starting with schema_version = 1"
        raise _fail(unreadable(message))
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _fail(unreadable("UTF-16 text; save the file as UTF-8", 1, 1))
    nul = data.find(b"\x00")
    if nul >= 0:
        line, column = _position(data, nul)
        message = f"binary data (a NUL byte at offset {nul}); expected UTF-8 TOML text"
        raise _fail(unreadable(message, line, column))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = _position(data, error.start)
        bad = data[error.start]
        message = (
            f"not UTF-8 text (byte 0x{bad:02x} at offset {error.start}); save the file as UTF-8"
        )
        raise _fail(unreadable(message, line, column)) from None

    import tomli

    try:
        doc = tomli.loads(text)
    except tomli.TOMLDecodeError as error:
        reason, at_line, at_column = _decode_error(error, text)
        raise _fail(unreadable(f"invalid TOML: {reason}", at_line, at_column)) from None
    except RecursionError:
        message = "invalid TOML: arrays or inline tables nested too deeply"
        raise _fail(unreadable(message)) from None
    return doc, text


class _TooLarge(Exception):
    """The file is larger than MAX_BYTES; the message says how large."""


class _NotAFile(Exception):
    """A device or socket, which has no end to read to; the message says which."""


def _read_pipe(path: Path) -> bytes:
    """Up to MAX_BYTES + 1 bytes of a named pipe, waking every 0.2 s.

    A blocking read can swallow a Ctrl-C that lands just before it starts (Python
    raises KeyboardInterrupt only between bytecodes, and the signal has then already
    come); waiting in short select() slices lets the interpreter raise it.
    """
    import select

    fd = os.open(path, os.O_RDONLY)
    try:
        os.set_blocking(fd, False)
        chunks: list[bytes] = []
        size = 0
        while size <= MAX_BYTES:
            select.select([fd], [], [], 0.2)
            try:
                chunk = os.read(fd, min(1 << 16, MAX_BYTES + 1 - size))
            except BlockingIOError:
                continue
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def _read_bounded(path: Path) -> bytes:
    """The bytes of a regular file or a pipe, refusing more than MAX_BYTES and devices."""
    info = path.stat()
    mode = info.st_mode
    if stat.S_ISREG(mode):
        if info.st_size > MAX_BYTES:
            raise _TooLarge(f"{info.st_size:,} bytes")
        return path.read_bytes()
    if stat.S_ISFIFO(mode):
        data = _read_pipe(path)
        if len(data) > MAX_BYTES:
            raise _TooLarge(f"more than {MAX_BYTES:,} bytes")
        return data
    if stat.S_ISDIR(mode):
        raise IsADirectoryError(path)
    kind = "a character device" if stat.S_ISCHR(mode) else "a device or socket"
    raise _NotAFile(kind)


def _fail(problem: Problem) -> FactBaseError:
    return FactBaseError([problem], unreadable=True)


def _position(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of a byte offset."""
    start = data.rfind(b"\n", 0, offset) + 1
    column = len(data[start:offset].decode("utf-8", errors="replace")) + 1
    return data.count(b"\n", 0, offset) + 1, column


_AT = re.compile(r"\s*\(at (?:line (\d+), column (\d+)|end of document)\)\s*$")


def _decode_error(error: tomli.TOMLDecodeError, text: str) -> tuple[str, int | None, int | None]:
    """The reason, line and column of a TOML syntax error, from any tomli 2.x."""
    message = str(getattr(error, "msg", None) or error)
    line: int | None = getattr(error, "lineno", None)
    column: int | None = getattr(error, "colno", None)
    match = _AT.search(message)
    if match:
        message = message[: match.start()]
        if line is None and match.group(1):
            line, column = int(match.group(1)), int(match.group(2))
    if line is None and "end of document" in str(error):
        line = text.count("\n") + 1
    return message, line, column


def build(doc: Mapping[str, Any], locator: Locator) -> FactBase:
    """The frozen records of a valid document, in file order, each with its line.

    Validation has refused unknown fields, so a record's table gives its fields."""
    from jiangjin_cli.store.compile import FIELDS, RECORDS
    from jiangjin_cli.store.validate import section_source

    kinds: list[tuple[Any, ...]] = []
    for kind, record in RECORDS.items():
        raws = doc.get(kind, [])
        lists = [spec.name for spec in FIELDS[kind] if spec.type == "texts"]
        built: list[Any] = []
        for raw, line in zip(raws, locator.record_lines(kind, len(raws)), strict=True):
            fields = dict(raw, line=line)
            for name in lists:
                if name in raw:
                    fields[name] = tuple(raw[name])
            if kind == "facts" and "value" in raw:
                fields["value"] = _plain_number(raw["value"])
            elif kind == "sections":
                fields["source"] = section_source(doc, raw) or ""
            built.append(record(**fields))
        kinds.append(tuple(built))
    return FactBase.build(locator.path, *kinds)


def join(bases: Sequence[FactBase]) -> FactBase:
    """One base of the valid bases of several files, their records in file order."""
    if len(bases) == 1:
        return bases[0]
    from jiangjin_cli.store.compile import RECORDS

    return FactBase.build(
        shown_paths([base.path for base in bases]),
        *(tuple(r for base in bases for r in getattr(base, kind)) for kind in RECORDS),
    )


def _plain_number(value: int | float | None) -> int | float | None:
    """Whole amounts as ints (``25000.0`` is 25000), so they print without ``.0``."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value
