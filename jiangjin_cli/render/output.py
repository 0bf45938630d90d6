"""Where a command's answer meets the terminal: one format decision per call.

A command describes its answer once as an :class:`~jiangjin_cli.render.answers.Answer`
(the records for scripts, the plain lines, and how to draw it for people); :func:`emit`
writes it in the format asked for. Commands never branch on the format themselves.

rich is imported only on the human path, inside :func:`emit`.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from enum import Enum
from typing import TYPE_CHECKING, TextIO

from jiangjin_cli.render import machine
from jiangjin_cli.text import visible

if TYPE_CHECKING:
    from jiangjin_cli.render.answers import Answer


class Format(str, Enum):
    """Output formats every listing command takes (``--format``)."""

    auto = "auto"
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    csv_excel = "csv-excel"
    tsv = "tsv"
    plain = "plain"


class Lang(str, Enum):
    """Language of tables and cards; machine formats always carry both."""

    zh = "zh"
    en = "en"


def resolve(fmt: Format, out: TextIO | None = None) -> Format:
    """``auto`` is a table on a terminal and tab-separated lines on a pipe."""
    if fmt is not Format.auto:
        return fmt
    stream = out if out is not None else sys.stdout
    try:
        return Format.table if stream.isatty() else Format.tsv
    except (AttributeError, ValueError):
        return Format.tsv


def _is_terminal(out: TextIO) -> bool:
    try:
        return out.isatty()
    except (AttributeError, ValueError):
        return False


def emit(answer: Answer, fmt: Format, out: TextIO | None = None) -> None:
    """Write ``answer`` to ``out`` (stdout) as ``fmt``."""
    stream = out if out is not None else sys.stdout
    if fmt is Format.auto and answer.piped is not None and not _is_terminal(stream):
        machine.write_plain(answer.piped(), stream)
        return
    fmt = resolve(fmt, stream)
    if fmt is Format.table:
        from jiangjin_cli.render.human import make_console

        answer.draw(make_console(file=stream))
        return
    if fmt is Format.json:
        document = answer.document if answer.document is not None else list(answer.records)
        machine.write_json(document, stream)
    elif fmt is Format.jsonl:
        rows = answer.document if isinstance(answer.document, list) else answer.records
        machine.write_jsonl(rows, stream)
    elif fmt is Format.csv_excel:
        # Excel reads a CSV as UTF-8 only after a byte-order mark, whatever the locale.
        import io

        text = io.StringIO()
        machine.write_csv(answer.records, answer.columns, text, ",", lineterminator="\r\n")
        emit_bytes(("\ufeff" + text.getvalue()).encode("utf-8"), stream)
    elif fmt in (Format.csv, Format.tsv):
        # A terminal gets control characters escaped; a file or pipe gets the data as is.
        clean = visible if _is_terminal(stream) else None
        delimiter = "," if fmt is Format.csv else "\t"
        machine.write_csv(answer.records, answer.columns, stream, delimiter, clean=clean)
    else:
        lines = answer.plain()
        if _is_terminal(stream):
            lines = [visible(line) for line in lines]
        machine.write_plain(lines, stream)


def emit_lines(lines: Sequence[str], out: TextIO | None = None) -> None:
    """Bare lines for scripts (``get``); control characters escaped on a terminal."""
    stream = out if out is not None else sys.stdout
    if _is_terminal(stream):
        lines = [visible(line) for line in lines]
    machine.write_plain(lines, stream)


def emit_text(text: str, out: TextIO | None = None) -> None:
    """A finished text (a citation, a Markdown sheet); control characters escaped on a terminal."""
    stream = out if out is not None else sys.stdout
    stream.write(visible(text) if _is_terminal(stream) else text)


def emit_bytes(data: bytes, out: TextIO | None = None) -> None:
    """Bytes written as they are (a fact base file, a CSV with its byte-order mark)."""
    stream = out if out is not None else sys.stdout
    stream.flush()
    binary = getattr(stream, "buffer", None)
    if binary is not None:
        binary.write(data)
        binary.flush()
    else:
        stream.write(data.decode("utf-8", errors="replace"))
