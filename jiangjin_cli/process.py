"""The process around the command line: entry point, Ctrl-C, broken pipes, stdout.

Everything here is about the process, not about facts: how a run ends (exit codes
of :class:`jiangjin_cli.errors.Exit`), what happens when the reader of stdout goes
away or the disk is full, and a stdout that cannot write Chinese. The commands
themselves live in :mod:`jiangjin_cli.cli`, imported only inside :func:`main` so a
Ctrl-C during that import still ends in one line and exit 130.
"""

from __future__ import annotations

import contextlib
import os
import sys

from jiangjin_cli.errors import Exit

PROG = "jiangjin"


class Interrupted(BaseException):
    """Ctrl-C inside a command, carried past Typer's own handler to :func:`main`."""


class BrokenPipe(BaseException):
    """The reader of stdout went away (``| head``), carried to :func:`main`."""


def _say(message: str) -> None:
    with contextlib.suppress(OSError, ValueError):
        sys.stderr.write(f"{PROG}: {message}\n")
        sys.stderr.flush()


def _silence_stdout() -> None:
    """Point stdout at the null device so no later flush reports the broken pipe."""
    stream = sys.__stdout__
    if stream is None:
        return
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
    except (OSError, ValueError):
        pass


def _flush_stdout() -> bool:
    """Flush stdout; False when its reader has gone away."""
    for stream in (sys.stdout, sys.__stdout__):
        try:
            if stream is not None:
                stream.flush()
        except BrokenPipeError:
            return False
        except (OSError, ValueError):
            pass
    return True


def _tolerate_narrow_stdout() -> None:
    """On a stdout that cannot write Chinese (``PYTHONIOENCODING=ascii``), write ``?`` instead.

    JSON stays lossless there (see :func:`machine.write_json`); the rest degrades
    rather than ending in a UnicodeEncodeError.
    """
    stream = sys.stdout
    encoding = getattr(stream, "encoding", None) or "ascii"
    try:
        "江津—“”".encode(encoding)
    except (UnicodeEncodeError, LookupError):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(OSError, ValueError):
                reconfigure(errors="replace")


def _ignore_zero_columns() -> None:
    """COLUMNS=0 (or negative) would make rich print nothing at all; use the real width."""
    columns = os.environ.get("COLUMNS", "").strip()
    if columns.lstrip("-").isdigit() and int(columns) < 1:
        del os.environ["COLUMNS"]


def _run() -> int:
    """Run the app; the exit code it ends with."""
    try:
        from jiangjin_cli.cli import app

        app(prog_name=PROG)
        return Exit.OK
    except SystemExit as stop:
        if stop.code is None:
            return Exit.OK
        if isinstance(stop.code, int):
            return stop.code
        from jiangjin_cli.text import visible

        _say(visible(str(stop.code)).replace("\n", "\\n"))
        return Exit.NO_MATCH
    except (Interrupted, KeyboardInterrupt):
        return Exit.INTERRUPTED
    except BrokenPipe:
        return Exit.BROKEN_PIPE
    except OSError as problem:  # a full disk (`> /dev/full`), an I/O error
        _say(f"cannot write the output: {problem.strerror or problem}")
        return Exit.CANNOT_WRITE


def main() -> None:
    """Run the command line (the ``jiangjin`` console script) and exit with its code."""
    if sys.stdout is None:  # started with stdout closed (`>&-`): write nowhere, as print() does
        sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
    _tolerate_narrow_stdout()
    _ignore_zero_columns()
    code = _run()
    if code == Exit.INTERRUPTED:
        # Typer turns a Ctrl-C while parsing into a silent exit 130; say it once either way.
        _say("interrupted")
    if not _flush_stdout():
        code = Exit.BROKEN_PIPE
    if code in (Exit.BROKEN_PIPE, Exit.CANNOT_WRITE):
        _silence_stdout()
    sys.exit(code)
