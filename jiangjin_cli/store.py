"""Finding, reading and building a fact base.

``load(path)`` reads the file, parses it with tomli, checks every rule in
:mod:`jiangjin_cli.validate` and builds the frozen records of
:mod:`jiangjin_cli.model`. Whatever goes wrong comes back as one
:class:`~jiangjin_cli.errors.FactBaseError` carrying located problems.

No rich and no typer here: this module is the library under the CLI.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import tomli

from jiangjin_cli import validate as rules
from jiangjin_cli.errors import FactBaseError
from jiangjin_cli.model import Entity, Fact, FactBase, Problem, Section, Source

ENV_VAR = "JIANGJIN_FACTS"
FILE_NAME = "facts.toml"


def default_path() -> Path:
    """The fact base that ships with jiangjin.

    An installed wheel carries it inside the package; a source checkout or an
    editable install has it at the repository root, next to the package.
    """
    package = Path(__file__).resolve().parent
    if package.is_dir():
        # What importlib.resources.files() gives for a package in a directory, without
        # the ~10 ms of importing importlib.resources on every run.
        shipped = package / FILE_NAME
    else:  # imported from an archive: ask the loader
        from importlib import resources

        traversable = resources.files(__package__ or "jiangjin_cli") / FILE_NAME
        shipped = traversable if isinstance(traversable, Path) else package / FILE_NAME
    if shipped.is_file():
        return shipped
    return package.parent / FILE_NAME


def resolve_path(option: str | os.PathLike[str] | None = None) -> Path:
    """The base to use: the ``--facts`` option, else ``$JIANGJIN_FACTS``, else the shipped one."""
    if option is not None and str(option) != "":
        return Path(option)
    from_env = os.environ.get(ENV_VAR)
    if from_env:
        return Path(from_env)
    return default_path()


def load(path: str | os.PathLike[str]) -> FactBase:
    """Read, check and build the fact base at ``path``; raise FactBaseError if it is unusable."""
    return load_with_warnings(path)[0]


def load_with_warnings(path: str | os.PathLike[str]) -> tuple[FactBase, list[Problem]]:
    """Like :func:`load`, also returning the warnings (problems that do not block use)."""
    shown = os.fspath(path)
    doc, text = read_document(path)
    locator = rules.Locator(shown, text)
    warnings = rules.warnings(doc, locator)
    errors = rules.validate(doc, locator)
    if errors:
        raise FactBaseError(errors, unreadable=False, warnings=warnings)
    return build(doc, locator), warnings


def read_document(path: str | os.PathLike[str]) -> tuple[dict[str, Any], str]:
    """The parsed TOML document and its text; FactBaseError(unreadable) if either fails."""
    shown = os.fspath(path)

    def unreadable(message: str, line: int | None = None, column: int | None = None) -> Problem:
        return Problem(path=shown, message=message, line=line, column=column)

    try:
        data = Path(path).read_bytes()
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

    try:
        doc = tomli.loads(text)
    except tomli.TOMLDecodeError as error:
        reason, at_line, at_column = _decode_error(error, text)
        raise _fail(unreadable(f"invalid TOML: {reason}", at_line, at_column)) from None
    except RecursionError:
        message = "invalid TOML: arrays or inline tables nested too deeply"
        raise _fail(unreadable(message)) from None
    return doc, text


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


def build(doc: Mapping[str, Any], locator: rules.Locator) -> FactBase:
    """The frozen records of a valid document, in file order, each with its line."""

    def line(kind: str, index: int) -> int:
        return locator.record_line(kind, index) or 0

    sources = tuple(
        Source(
            id=raw["id"],
            title=raw["title"],
            title_en=raw["title_en"],
            publisher=raw["publisher"],
            publisher_en=raw["publisher_en"],
            url=raw["url"],
            published=raw["published"],
            language=raw["language"],
            line=line("sources", i),
        )
        for i, raw in enumerate(doc.get("sources", []))
    )
    sections = tuple(
        Section(
            id=raw["id"],
            title=raw["title"],
            title_en=raw["title_en"],
            parent=raw.get("parent"),
            line=line("sections", i),
        )
        for i, raw in enumerate(doc.get("sections", []))
    )
    entities = tuple(
        Entity(
            id=raw["id"],
            name=raw["name"],
            name_en=raw["name_en"],
            kind=raw["kind"],
            aliases=tuple(raw.get("aliases", ())),
            line=line("entities", i),
        )
        for i, raw in enumerate(doc.get("entities", []))
    )
    facts = tuple(
        Fact(
            id=raw["id"],
            section=raw["section"],
            quote=raw["quote"],
            statement_en=raw["statement_en"],
            source=raw["source"],
            value=_plain_number(raw.get("value")),
            unit=raw.get("unit"),
            unit_en=raw.get("unit_en"),
            qualifier=raw.get("qualifier"),
            period=raw.get("period"),
            entities=tuple(raw.get("entities", ())),
            tags=tuple(raw.get("tags", ())),
            line=line("facts", i),
        )
        for i, raw in enumerate(doc.get("facts", []))
    )
    return FactBase.build(locator.path, sources, sections, entities, facts)


def _plain_number(value: int | float | None) -> int | float | None:
    """Whole amounts as ints (``25000.0`` is 25000), so they print without ``.0``."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value
