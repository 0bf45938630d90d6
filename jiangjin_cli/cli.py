"""The command line: a Typer app over the store, the query layer and the renderers.

Conventions every command keeps:

- errors go to stderr as ``jiangjin: ...`` lines, never as a traceback;
- exit codes come from :class:`jiangjin_cli.errors.Exit`;
- a command gets its fact base from :func:`load_base`, which prints the
  problems and exits 2 when the base cannot be used;
- rich is imported only by the human renderers, inside functions, so the
  machine formats start fast and never load it.
"""

import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from jiangjin_cli import __version__, store
from jiangjin_cli.errors import Exit, FactBaseError
from jiangjin_cli.model import FactBase, Problem
from jiangjin_cli.render import machine

PROG = "jiangjin"


class _Interrupted(BaseException):
    """Ctrl-C inside a command, carried past Typer's own handler to :func:`main`."""


class _BrokenPipe(BaseException):
    """The reader of stdout went away (``| head``), carried to :func:`main`."""


class _Group(TyperGroup):
    # ``ctx`` is Typer's vendored click Context, which Typer does not export by name.
    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            raise _Interrupted from None
        except BrokenPipeError:
            raise _BrokenPipe from None


app = typer.Typer(
    name=PROG,
    cls=_Group,
    help="Ask questions of a fact base about one Chinese news article.",
    pretty_exceptions_enable=False,
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    add_completion=True,
)


# --- shared helpers for commands ------------------------------------------------------------------


@dataclass
class State:
    """What the global options say, kept on the Typer context for every command."""

    facts: Path | None = None


def error(message: str) -> None:
    """One ``jiangjin: ...`` line on stderr."""
    typer.echo(f"{PROG}: {message}", err=True)


def warning(message: str) -> None:
    typer.echo(f"{PROG}: warning: {message}", err=True)


def fail(message: str, code: Exit = Exit.USAGE) -> NoReturn:
    """Print one error line and exit with ``code``."""
    error(message)
    raise typer.Exit(code)


def _state(ctx: typer.Context) -> State:
    state = ctx.find_object(State)
    return state if state is not None else State()


def display_path(path: Path) -> Path:
    """The path relative to the working directory when it lies below it, for messages."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve())
    except (OSError, ValueError):
        return path


def base_path(ctx: typer.Context) -> Path:
    """The fact base to use: --facts, else $JIANGJIN_FACTS, else the shipped one."""
    option = _state(ctx).facts
    path = store.resolve_path(option)
    return path if option is not None else display_path(path)


def print_problems(problems: Sequence[Problem], warnings: Sequence[Problem] = ()) -> None:
    """Warnings, then errors, one ``jiangjin: ...`` line each on stderr."""
    for problem in warnings:
        warning(str(problem))
    for problem in problems:
        error(str(problem))


def load_base(ctx: typer.Context) -> FactBase:
    """The fact base for a command; on any problem, print them all and exit 2."""
    path = base_path(ctx)
    try:
        return store.load(path)
    except FactBaseError as problem:
        print_problems(problem.problems)
        if not problem.unreadable:
            count = _plural(len(problem.problems), "problem")
            error(f"{path}: cannot use an invalid fact base ({count}); see `{PROG} validate`")
        raise typer.Exit(Exit.USAGE) from None


def _plural(count: int, singular: str, plural: str | None = None) -> str:
    return f"{count} {singular if count == 1 else plural or singular + 's'}"


# --- global options -------------------------------------------------------------------------------


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"{PROG} {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    ctx: typer.Context,
    facts: Annotated[
        Path | None,
        typer.Option(
            "--facts",
            envvar=store.ENV_VAR,
            metavar="PATH",
            show_default=False,
            help="Fact base to read (default: the one shipped with jiangjin).",
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            callback=_show_version,
            is_eager=True,
            help="Show the version and exit.",
        ),
    ] = False,
) -> None:
    """Ask questions of a fact base about one Chinese news article."""
    ctx.obj = State(facts=facts)


# --- validate -------------------------------------------------------------------------------------


def _source_specs(specs: list[str]) -> list[tuple[str, Path]]:
    pairs: list[tuple[str, Path]] = []
    for spec in specs:
        ident, equals, file = spec.partition("=")
        if not equals or not ident.strip() or not file.strip():
            raise typer.BadParameter(
                f"expected ID=TEXTFILE, like cqjw-2024-09-09-jiangjin=article.txt; got {spec!r}",
                param_hint="'--source'",
            )
        pairs.append((ident.strip(), Path(file)))
    return pairs


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        fail(f"{path}: no such file")
    except IsADirectoryError:
        fail(f"{path}: is a directory, not a text file")
    except UnicodeDecodeError as problem:
        fail(f"{path}: not UTF-8 text (byte offset {problem.start})")
    except OSError as problem:
        fail(f"{path}: cannot read the file: {problem.strerror or problem}")


@app.command()
def validate(
    ctx: typer.Context,
    path: Annotated[
        Path | None,
        typer.Argument(
            metavar="PATH",
            show_default=False,
            help="Fact base to check (default: --facts, $JIANGJIN_FACTS or the shipped one).",
        ),
    ] = None,
    source: Annotated[
        list[str] | None,
        typer.Option(
            "--source",
            metavar="ID=TEXTFILE",
            show_default=False,
            help="Also check that every quote of source ID appears verbatim in TEXTFILE "
            "(UTF-8). Repeatable.",
        ),
    ] = None,
) -> None:
    """Check a fact base against every rule and report all problems at once.

    Exit 0 when valid, 1 when it has problems, 2 when it cannot be read.
    """
    specs = _source_specs(source or [])
    target = path if path is not None else base_path(ctx)
    try:
        base, warnings = store.load_with_warnings(target)
    except FactBaseError as problem:
        print_problems(problem.problems, problem.warnings)
        if problem.unreadable:
            raise typer.Exit(Exit.USAGE) from None
        fail(f"{target}: invalid: {_plural(len(problem.problems), 'problem')}", Exit.NO_MATCH)
    print_problems([], warnings)

    from jiangjin_cli.validate import validate_against_text

    checked: list[str] = []
    mismatches: list[Problem] = []
    for ident, text_path in specs:
        if ident not in base.source_by_id:
            known = ", ".join(base.source_by_id) or "none"
            raise typer.BadParameter(
                f"no source {ident!r} in {target} (sources: {known})", param_hint="'--source'"
            )
        mismatches += validate_against_text(base, ident, _read_text(text_path))
        quotes = sum(1 for fact in base.facts if fact.source == ident)
        checked.append(f"{_plural(quotes, 'quote')} of {ident} found in {text_path}")
    if mismatches:
        print_problems(mismatches)
        count = _plural(len(mismatches), "quote")
        fail(f"{target}: {count} not found verbatim in the source text", Exit.NO_MATCH)

    summary = ", ".join(
        [
            _plural(len(base.facts), "fact"),
            _plural(len(base.entities), "entity", "entities"),
            _plural(len(base.sections), "section"),
            _plural(len(base.sources), "source"),
        ]
    )
    typer.echo(f"{target}: valid: {summary}" + "".join(f"; {done}" for done in checked))


# --- export ---------------------------------------------------------------------------------------


class ExportFormat(str, Enum):
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    tsv = "tsv"


@app.command()
def export(
    ctx: typer.Context,
    fmt: Annotated[
        ExportFormat,
        typer.Option(
            "--format",
            "-f",
            case_sensitive=False,
            help="json: the whole base as one document; jsonl, csv, tsv: one fact a line.",
        ),
    ] = ExportFormat.json,
) -> None:
    """Write the whole fact base in a machine-readable format to stdout."""
    base = load_base(ctx)
    out = sys.stdout
    if fmt is ExportFormat.json:
        machine.write_json(machine.export_document(base), out)
        return
    facts = [machine.fact_record(fact) for fact in base.facts]
    if fmt is ExportFormat.jsonl:
        machine.write_jsonl(facts, out)
    else:
        delimiter = "\t" if fmt is ExportFormat.tsv else ","
        machine.write_csv(facts, machine.FACT_FIELDS, out, delimiter)


# --- entry point ----------------------------------------------------------------------------------


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


def main() -> None:
    """Run the command line (the ``jiangjin`` console script)."""
    code: int
    try:
        app(prog_name=PROG)
        code = Exit.OK
    except SystemExit as stop:
        if stop.code is None:
            code = Exit.OK
        elif isinstance(stop.code, int):
            code = stop.code
        else:
            error(str(stop.code))
            code = Exit.NO_MATCH
    except (_Interrupted, KeyboardInterrupt):
        code = Exit.INTERRUPTED
    except _BrokenPipe:
        code = Exit.BROKEN_PIPE
    if code == Exit.INTERRUPTED:
        # Typer turns a Ctrl-C while parsing into a silent exit 130; say it once either way.
        error("interrupted")
    if not _flush_stdout():
        code = Exit.BROKEN_PIPE
    if code == Exit.BROKEN_PIPE:
        _silence_stdout()
    sys.exit(code)
