"""The app and what every command shares: the lazy command group, the global
options, messages on stderr, exit codes, and reading the fact base."""

import importlib
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, TypeVar

import typer
from typer.core import TyperGroup
from typer.main import get_command_from_info

from jiangjin_cli import __version__, store
from jiangjin_cli.errors import Exit, FactBaseError
from jiangjin_cli.process import PROG, BrokenPipe, Interrupted
from jiangjin_cli.text import visible

if TYPE_CHECKING:  # the query layer loads when a command filters: `get` never does
    from jiangjin_cli import query
    from jiangjin_cli.model import FactBase, Problem

# click's UsageError and ClickException, whichever click Typer uses (its own vendored
# copy since 0.25).
_UsageError: type[Exception] = next(
    kind for kind in typer.BadParameter.__mro__ if kind.__name__ == "UsageError"
)
_ClickException: type[Exception] = next(
    kind for kind in typer.BadParameter.__mro__ if kind.__name__ == "ClickException"
)


def _tidy_usage_error(problem: Exception, ctx: Any) -> None:
    """Make a usage error safe and complete before Typer prints it.

    Arguments echoed in it (``No such option: --x\\u202e``) get their control and bidi
    characters escaped, which click does only for C0 and C1. And an error raised while
    parsing gets the context Typer's parser leaves out ("Option '--limit' requires an
    argument."), so the usage line is printed with it.
    """
    message = getattr(problem, "message", None)
    if isinstance(message, str):
        problem.message = visible(message)  # type: ignore[attr-defined]
    if getattr(problem, "ctx", None) is None and ctx is not None:
        problem.ctx = ctx  # type: ignore[attr-defined]
        problem.cmd = ctx.command  # type: ignore[attr-defined]


# Commands are declared on this Typer, which is never run itself: the app's group
# (below) turns only the command a run invokes into a click command. Typer would
# convert all of them on every run, reading each signature and option (about 8 ms,
# paid by each `get` of a script's loop and each TAB press).
_commands = typer.Typer()
command = _commands.command

#: Each command and the module of ``jiangjin_cli.cli`` that declares it, in the order
#: `--help` lists them: a run imports only the module of the command it invokes.
COMMAND_MODULES: dict[str, str] = {
    "validate": "validating",
    "facts": "lookup",
    "show": "lookup",
    "get": "lookup",
    "search": "lookup",
    "sections": "outline",
    "entities": "outline",
    "tags": "outline",
    "sources": "outline",
    "chart": "outline",
    "export": "writing",
    "cite": "writing",
    "draft": "writing",
}


def declare(name: str) -> None:
    """Import the module that declares command ``name`` (once), so that it is on ``_commands``."""
    importlib.import_module(f"jiangjin_cli.cli.{COMMAND_MODULES[name]}")


class LazyGroup(TyperGroup):
    """A group that converts a command from ``_commands`` when it is first asked for.

    This is click's "lazy group": ``list_commands`` names every command without
    building any, ``get_command`` imports the module of one and builds it. Help,
    completion and "No such command" go through these two methods, so they see every
    command.
    """

    def list_commands(self, ctx: Any) -> list[str]:
        return list(COMMAND_MODULES)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        built = self.commands.get(cmd_name)
        if built is not None:
            return built
        if cmd_name not in COMMAND_MODULES:
            return None
        declare(cmd_name)
        for info in _commands.registered_commands:
            if _command_name(info) == cmd_name:
                built = get_command_from_info(
                    info, pretty_exceptions_short=True, rich_markup_mode=self.rich_markup_mode
                )
                self.commands[cmd_name] = built
                return built
        return None

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        """Run the app; on a stderr no person reads, a usage error is one ``jiangjin:``
        line (the message and where help is) instead of Typer's box of usage and error."""
        run = (args, prog_name, complete_var)
        if not standalone_mode or _stderr_is_terminal():
            return super().main(*run, standalone_mode, windows_expand_args, **extra)
        try:
            result = super().main(*run, False, windows_expand_args, **extra)
        except _ClickException as problem:
            if type(problem).__name__ != "NoArgsIsHelpError":  # the help is printed
                error(_usage_line(problem))
            sys.exit(getattr(problem, "exit_code", Exit.USAGE))
        # Only an exit code comes back: every command returns None.
        sys.exit(result if isinstance(result, int) else Exit.OK)

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        try:
            return super().resolve_command(ctx, args)
        except _UsageError as problem:
            # "No such command 'serach'": offer the close ones, as unknown keys do.
            if args and args[0] not in COMMAND_MODULES:
                from jiangjin_cli.query.filters import did_you_mean, suggest

                message = str(getattr(problem, "message", "")).rstrip(".")
                problem.message = did_you_mean(message, suggest(args[0], COMMAND_MODULES))  # type: ignore[attr-defined]
            raise

    # ``ctx`` is Typer's vendored click Context, which Typer does not export by name.
    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except _UsageError as problem:
            _tidy_usage_error(problem, ctx)
            raise

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            raise Interrupted from None
        except BrokenPipeError:
            raise BrokenPipe from None
        except _UsageError as problem:
            name = ctx.invoked_subcommand
            command = self.get_command(ctx, name) if name else None
            sub_ctx = None
            if command is not None:
                sub_ctx = command.context_class(command, info_name=name, parent=ctx)
            _tidy_usage_error(problem, sub_ctx)
            raise


def _stderr_is_terminal() -> bool:
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):  # closed or replaced by something without isatty
        return False


def _usage_line(problem: Exception) -> str:
    """A usage error as one line: click's message in lower case, where help is."""
    message = getattr(problem, "format_message", lambda: str(problem))()
    message = " ".join(str(message).split()).rstrip(".")
    message = message[:1].lower() + message[1:]
    ctx = getattr(problem, "ctx", None)
    if ctx is None:
        return message
    return f"{message}; see '{ctx.command_path} -h'"


def _command_name(info: Any) -> str:
    """The name a command is invoked by: its own, or its function's, as Typer names it."""
    name = info.name or info.callback.__name__
    return str(name).lower().replace("_", "-")


app = typer.Typer(
    name=PROG,
    cls=LazyGroup,
    help="Ask questions of a fact base about one Chinese news article.",
    epilog="Examples:\n\n"
    "  jiangjin facts --tag medals --sort value        (a lookup)\n\n"
    "  jiangjin search 江津区有多少双师型教师          (a question)\n\n"
    "  jiangjin search 华为 -f plain | xargs jiangjin get -F quote   (a script line)\n\n"
    "Run `jiangjin COMMAND --help` for a command's options.",
    pretty_exceptions_enable=False,
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    add_completion=True,
)


# --- shared helpers for commands ------------------------------------------------------------------


class State:
    """What the global options say, kept on the Typer context for every command.

    A plain class: a dataclass would cost every run a millisecond to generate its methods.
    """

    __slots__ = ("facts",)

    def __init__(self, facts: list[Path] | None = None) -> None:
        self.facts = facts


def _one_line(message: str) -> str:
    """Data in a message cannot reach the terminal raw, nor start a line of its own."""
    return visible(message).replace("\n", "\\n")


def error(message: str) -> None:
    """One ``jiangjin: ...`` line on stderr; control characters from data shown escaped."""
    typer.echo(f"{PROG}: {_one_line(message)}", err=True)


def warning(message: str) -> None:
    typer.echo(f"{PROG}: warning: {_one_line(message)}", err=True)


def note(message: str) -> None:
    typer.echo(f"{PROG}: note: {_one_line(message)}", err=True)


def fail(message: str, code: Exit = Exit.USAGE) -> NoReturn:
    """Print one error line and exit with ``code``."""
    error(message)
    raise typer.Exit(code)


def _nothing(message: str) -> NoReturn:
    fail(message, Exit.NO_MATCH)


def _unknown(error_: "query.UnknownKeyError") -> NoReturn:
    _nothing(str(error_))


def _state(ctx: typer.Context) -> State:
    state = ctx.find_object(State)
    return state if state is not None else State()


def full_path(path: Path) -> Path:
    """``path`` made absolute (not resolved: a symlink keeps the name it was given), so that
    every message names the file actually used, whatever the working directory."""
    return Path(os.path.abspath(path))


def base_path(ctx: typer.Context, override: Sequence[str] | None = None) -> list[Path]:
    """The fact base to use, as full paths: --facts (repeated), else $JIANGJIN_FACTS,
    else the shipped one."""
    option = [Path(path) for path in override] if override else _state(ctx).facts
    return [full_path(path) for path in store.resolve_paths(option)]


def shown(paths: Sequence[Path]) -> str:
    """A base's paths as messages name it."""
    return os.pathsep.join(map(str, paths))


def print_problems(problems: Sequence["Problem"], warnings: Sequence["Problem"] = ()) -> None:
    """Warnings, then errors, one ``jiangjin: ...`` line each on stderr."""
    for problem in warnings:
        warning(str(problem))
    for problem in problems:
        error(str(problem))


def load_base(
    ctx: typer.Context, override: Sequence[str] | None = None, source: Sequence[str] = ()
) -> "FactBase":
    """The fact base for a command, only the articles ``source`` when given; on any
    problem with the base, print them all and exit 2; exit 1 for an unknown source."""
    return restrict(with_base(ctx, override, store.load), source)


def restrict(base: "FactBase", source: Sequence[str] | None) -> "FactBase":
    from jiangjin_cli import query

    try:
        return query.restrict(base, source or ())
    except query.UnknownKeyError as unknown:
        _unknown(unknown)


_T = TypeVar("_T")


def with_base(
    ctx: typer.Context, override: Sequence[str] | None, read: Callable[[list[Path]], _T]
) -> _T:
    """``read(paths)`` of the command's fact base, printing its problems and exiting 2 as
    :func:`load_base` does (``read`` is ``store.load`` or one that reads less of it)."""
    paths = base_path(ctx, override)
    try:
        return read(paths)
    except FactBaseError as problem:
        print_problems(problem.problems)
        if not problem.unreadable:
            count = _plural(len(problem.problems), "problem")
            where = shown(paths)
            error(f"{where}: cannot use an invalid fact base ({count}); see `{PROG} validate`")
        raise typer.Exit(Exit.USAGE) from None


def _plural(count: int, singular: str, plural: str | None = None) -> str:
    return f"{count} {singular if count == 1 else plural or singular + 's'}"


# --- global options -------------------------------------------------------------------------------


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"{PROG} {__version__}")
        raise typer.Exit()


def _paths(values: list[str] | None) -> list[str] | None:
    """--facts values; an empty one is a mistake (it would name the current directory)."""
    if values and any(not value.strip() for value in values):
        raise typer.BadParameter("expected a path, got an empty string")
    return values


@app.callback()
def _root(
    ctx: typer.Context,
    facts: Annotated[
        list[str] | None,
        typer.Option(
            "--facts",
            metavar="PATH",
            show_default=False,
            callback=_paths,
            help="Fact base to read: a TOML file or a directory of them; repeat it to read "
            f"several files as one base. Else ${store.ENV_VAR}, which lists paths separated "
            f"by {os.pathsep!r}, else the one shipped with jiangjin.",
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
    ctx.obj = State(facts=[Path(path) for path in facts] if facts else None)
