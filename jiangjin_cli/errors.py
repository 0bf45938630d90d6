"""Exit codes and the one exception the lower layers raise about a fact base."""

from __future__ import annotations

from collections.abc import Iterable
from enum import IntEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the process imports Exit before anything else: no records yet
    from jiangjin_cli.model import Problem


class Exit(IntEnum):
    """Process exit codes, shared by every command."""

    OK = 0
    # Nothing matched the question; also `validate` on a readable base that has problems.
    NO_MATCH = 1
    # A usage error, or a fact base that cannot be used at all.
    USAGE = 2
    # The output could not be written: a full disk, an I/O error (EX_IOERR of sysexits.h).
    CANNOT_WRITE = 74
    # Interrupted with Ctrl-C (128 + SIGINT).
    INTERRUPTED = 130
    # The reader of our output went away, as with `| head` (128 + SIGPIPE).
    BROKEN_PIPE = 141


class FactBaseError(Exception):
    """A fact base that cannot be used, with every problem found.

    ``unreadable`` is true when the file could not be read or parsed as TOML
    (every command exits 2); false when it parsed but broke the schema rules
    (``validate`` exits 1, every other command 2).
    """

    def __init__(
        self,
        problems: Iterable[Problem],
        *,
        unreadable: bool,
        warnings: Iterable[Problem] = (),
    ) -> None:
        self.problems: list[Problem] = list(problems)
        self.unreadable = unreadable
        self.warnings: list[Problem] = list(warnings)
        first = str(self.problems[0]) if self.problems else "unusable fact base"
        more = len(self.problems) - 1
        super().__init__(first + (f" (and {more} more)" if more > 0 else ""))
