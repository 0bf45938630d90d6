"""Where things are in the TOML text of a base, which tomli does not report.

A :class:`Locator` gives the line of each record (from its ``[[kind]]`` header) and,
only for a problem that is reported, the line of a field (from a scan of the text
with its strings and comments blanked out), and makes the located
:class:`~jiangjin_cli.model.Problem` a rule reports.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from jiangjin_cli.model import Problem

if TYPE_CHECKING:
    from jiangjin_cli.store.validate import KnownIds

# Strings and comments, whose text may look like TOML: blanked out (each character but
# newlines an x) before lines are read for headers, keys and brackets. The text is
# valid TOML (tomli parsed it), so every string ends.
_OPAQUE = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^']|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'[^'\n]*'|#[^\n]*",
    re.S,
)
# What starts a statement in a blanked line: an [[array]] or a [table] header, or a
# key (a quoted one is x's there: its name is read from the text as written).
_STATEMENT = re.compile(
    r"\s*(?:\[\[\s*([^\[\]]+?)\s*\]\]|\[\s*([^\[\]]+?)\s*\]|([A-Za-z0-9_-]+)\s*[=.])"
)
# An array-of-tables header; one counts when only blanks come before it on its line (one
# inside a multi-line string too: Locator.record_lines checks the count against the
# document's). Starting with its literal [[, it is searched for quickly.
_HEADER = re.compile(r"""\[\[[ \t]*("[^"\n]*"|'[^'\n]*'|[A-Za-z0-9_-]+)[ \t]*\]\]""")


class Locator:
    """Lines of records and fields in a TOML text, which tomli does not report.

    A valid base needs only the line of each record: :meth:`record_lines` finds the
    ``[[kind]]`` headers with one regular expression and checks their count against
    the document's. Locating a problem reads the text line by line, noting the line
    of each header and of each ``key =`` below it; that scan, the slow part of
    reading a large base, runs only when a problem is reported.
    """

    def __init__(self, path: str, text: str = "") -> None:
        self.path = path
        self.text = text
        # The ids of the whole base when it has several files (set by validate_base);
        # None: this file is the base.
        self.known: KnownIds | None = None
        self._headers: dict[str, list[int]] | None = None
        self._top: dict[str, int] = {}
        # kind -> each record's header line and the lines of its keys
        self._records: dict[str, list[tuple[int, dict[str, int]]]] | None = None

    def _scan(self) -> dict[str, list[tuple[int, dict[str, int]]]]:
        if self._records is not None:
            return self._records
        records: dict[str, list[tuple[int, dict[str, int]]]] = {}
        self._records = records
        current: dict[str, int] | None = self._top
        for number, blanked, line in _statement_lines(self.text):
            match = _STATEMENT.match(blanked)
            if match is None:
                continue
            which = match.lastindex or 3
            name = _unquote(line[match.start(which) : match.end(which)])
            if which == 3:
                if current is not None:
                    current.setdefault(name, number)
                continue
            head, _, rest = name.partition(".")
            head, current = _unquote(head), None
            if rest:  # a sub-table of the last record, e.g. [facts.extra]: one field of it
                if records.get(head):
                    records[head][-1][1].setdefault(_unquote(rest.partition(".")[0]), number)
            elif which == 1:
                current = {}
                records.setdefault(head, []).append((number, current))
            else:
                self._top.setdefault(head, number)
        return records

    def record_lines(self, kind: str, count: int) -> list[int]:
        """The header line of each of the ``count`` records of ``kind``, in order."""
        if self._records is None:
            if self._headers is None:
                self._headers = {}
                line, position = 1, 0
                for match in _HEADER.finditer(self.text):
                    start = self.text.rfind("\n", 0, match.start()) + 1
                    if self.text[start : match.start()].strip(" \t"):
                        continue  # not at the start of its line
                    line += self.text.count("\n", position, start)
                    position = start
                    self._headers.setdefault(_unquote(match.group(1)), []).append(line)
            lines = self._headers.get(kind, [])
            if len(lines) == count:
                return lines
        return [self.record_line(kind, index) or 0 for index in range(count)]

    def key_line(self, key: str) -> int | None:
        """The line of a top-level key, or of the first ``[[key]]`` header."""
        records = self._scan().get(key)
        return self._top.get(key, records[0][0] if records else None)

    def record_line(self, kind: str, index: int) -> int | None:
        records = self._scan().get(kind, [])
        return records[index][0] if 0 <= index < len(records) else self._top.get(kind)

    def field_line(self, kind: str, index: int, name: str) -> int | None:
        records = self._scan().get(kind, [])
        if 0 <= index < len(records) and name in records[index][1]:
            return records[index][1][name]
        return self.record_line(kind, index)

    # Problems, located.

    def top(self, key: str | None, message: str) -> Problem:
        line = self.key_line(key) if key else None
        return Problem(path=self.path, message=message, line=line, record=key)

    def at(
        self,
        kind: str,
        index: int,
        record: Mapping[str, Any],
        name: str | None,
        message: str,
    ) -> Problem:
        line = self.field_line(kind, index, name) if name else self.record_line(kind, index)
        return Problem(
            path=self.path,
            message=message,
            line=line,
            record=record_label(kind, index, record),
            field=name,
        )


def _unquote(name: str) -> str:
    name = name.strip()
    if len(name) >= 2 and name[0] == name[-1] and name[0] in "\"'":
        return name[1:-1]
    return name


def _blank(match: re.Match[str]) -> str:
    return "\n".join("x" * len(part) for part in match.group().split("\n"))


def _statement_lines(text: str) -> Iterator[tuple[int, str, str]]:
    """Lines (1-based) that may start a TOML statement (not inside an array), each
    with its strings and comments blanked, and as written."""
    depth = 0
    blanked = _OPAQUE.sub(_blank, text).split("\n")
    for number, (bare, line) in enumerate(zip(blanked, text.split("\n"), strict=True), 1):
        if depth == 0:
            yield number, bare, line
        opened = bare.count("[") + bare.count("{")
        depth = max(0, depth + opened - bare.count("]") - bare.count("}"))


def record_label(kind: str, index: int, record: Mapping[str, Any]) -> str:
    """A record's id when it has a usable one, else its place: ``facts[3]`` (from 0)."""
    ident = record.get("id")
    if isinstance(ident, str) and ident.strip():
        return ident
    return f"{kind}[{index}]"
