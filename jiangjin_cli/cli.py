"""The command line: a Typer app over the store, the query layer and the renderers.

Conventions every command keeps:

- errors go to stderr as ``jiangjin: ...`` lines, never as a traceback;
- exit codes come from :class:`jiangjin_cli.errors.Exit`;
- a command gets its fact base from :func:`load_base`, which prints the
  problems and exits 2 when the base cannot be used;
- rich is imported only by the human renderers, inside functions, so the
  machine formats start fast and never load it; ``render.answers`` is imported by
  the commands that describe an answer, so `get` never loads it;
- commands are converted to click commands lazily (:class:`LazyGroup`), only the
  one a run invokes.
"""

import datetime as _dt
import math
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, NoReturn, TypeVar

import typer
from typer.core import TyperGroup
from typer.main import get_command_from_info

from jiangjin_cli import __version__, query, store
from jiangjin_cli.errors import Exit, FactBaseError
from jiangjin_cli.model import ENTITY_KINDS, PERIODS, QUALIFIERS, Fact, FactBase, Problem
from jiangjin_cli.process import PROG, BrokenPipe, Interrupted
from jiangjin_cli.render.output import Format, Lang, emit, emit_bytes, emit_lines, emit_text
from jiangjin_cli.text import visible

# click's UsageError, whichever click Typer uses (its own vendored copy since 0.25).
_UsageError: type[Exception] = next(
    kind for kind in typer.BadParameter.__mro__ if kind.__name__ == "UsageError"
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


class LazyGroup(TyperGroup):
    """A group that converts a command from ``_commands`` when it is first asked for.

    This is click's "lazy group": ``list_commands`` names every command without
    building any, ``get_command`` builds one. Help, completion and "No such command"
    go through these two methods, so they see every command.
    """

    def list_commands(self, ctx: Any) -> list[str]:
        return [_command_name(info) for info in _commands.registered_commands]

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        built = self.commands.get(cmd_name)
        if built is not None:
            return built
        for info in _commands.registered_commands:
            if _command_name(info) == cmd_name:
                built = get_command_from_info(
                    info, pretty_exceptions_short=True, rich_markup_mode=self.rich_markup_mode
                )
                self.commands[cmd_name] = built
                return built
        return None

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


@dataclass
class State:
    """What the global options say, kept on the Typer context for every command."""

    facts: Path | None = None


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


def _state(ctx: typer.Context) -> State:
    state = ctx.find_object(State)
    return state if state is not None else State()


def full_path(path: Path) -> Path:
    """``path`` made absolute (not resolved: a symlink keeps the name it was given), so that
    every message names the file actually used, whatever the working directory."""
    return Path(os.path.abspath(path))


def base_path(ctx: typer.Context, override: Path | None = None) -> Path:
    """The fact base to use, as a full path: --facts, else $JIANGJIN_FACTS, else the shipped one."""
    option = override if override is not None else _state(ctx).facts
    return full_path(store.resolve_path(option))


def print_problems(problems: Sequence[Problem], warnings: Sequence[Problem] = ()) -> None:
    """Warnings, then errors, one ``jiangjin: ...`` line each on stderr."""
    for problem in warnings:
        warning(str(problem))
    for problem in problems:
        error(str(problem))


def load_base(ctx: typer.Context, override: Path | None = None) -> FactBase:
    """The fact base for a command; on any problem, print them all and exit 2."""
    return with_base(ctx, override, store.load)


_T = TypeVar("_T")


def with_base(ctx: typer.Context, override: Path | None, read: Callable[[Path], _T]) -> _T:
    """``read(path)`` of the command's fact base, printing its problems and exiting 2 as
    :func:`load_base` does (``read`` is ``store.load`` or one that reads less of it)."""
    path = base_path(ctx, override)
    try:
        return read(path)
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


@command()
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

    Example: jiangjin validate my-facts.toml --source cqjw-2024-09-09-jiangjin=article.txt
    """
    specs = _source_specs(source or [])
    target = full_path(path) if path is not None else base_path(ctx)
    packaged = path is None and _state(ctx).facts is None
    chosen = ""
    if path is None:
        chosen = " (the packaged fact base)" if packaged else " (from --facts or $JIANGJIN_FACTS)"
    if packaged:
        _note_local_base(target)
    try:
        base, warnings = store.load_with_warnings(target)
    except FactBaseError as problem:
        print_problems(problem.problems, problem.warnings)
        if problem.unreadable:
            raise typer.Exit(Exit.USAGE) from None
        count = _plural(len(problem.problems), "problem")
        fail(f"{target}{chosen}: invalid: {count}", Exit.NO_MATCH)
    print_problems([], warnings)

    from jiangjin_cli.store.validate import validate_against_text

    checked: list[str] = []
    mismatches: list[Problem] = []
    for ident, given in specs:
        text_path = full_path(given)
        if ident not in base.source_by_id:
            known = ", ".join(base.source_by_id) or "none"
            raise typer.BadParameter(
                f"no source {ident!r} in {visible(str(target))} (sources: {known})",
                param_hint="'--source'",
            )
        mismatches += validate_against_text(base, ident, _read_text(text_path))
        quotes = sum(1 for fact in base.facts if fact.source == ident)
        checked.append(f"{_plural(quotes, 'quote')} of {ident} found in {text_path}")
    if mismatches:
        print_problems(mismatches)
        count = _plural(len(mismatches), "problem")
        fail(f"{target}{chosen}: {count} against the source text", Exit.NO_MATCH)

    summary = ", ".join(
        [
            _plural(len(base.facts), "fact"),
            _plural(len(base.entities), "entity", "entities"),
            _plural(len(base.sections), "section"),
            _plural(len(base.sources), "source"),
        ]
    )
    typer.echo(f"{target}{chosen}: valid: {summary}" + "".join(f"; {done}" for done in checked))


def _note_local_base(checked: Path) -> None:
    """Say so when a facts.toml in the working directory is not the base being checked.

    jiangjin never picks up ./facts.toml by itself (scripts must get the same answers
    from any directory); a user who edits one must not think it was checked.
    """
    local = Path.cwd() / store.FILE_NAME
    try:
        if not local.is_file() or local.resolve() == checked.resolve():
            return
    except OSError:
        return
    note(
        f"{local} was not checked (jiangjin reads the packaged base unless told); "
        f"check it with `{PROG} validate {store.FILE_NAME}` or --facts {store.FILE_NAME}"
    )


# --- options shared by the lookup commands -----------------------------------------------------


def _completion_path(ctx: typer.Context) -> Path:
    """The fact base a TAB press should complete from."""
    option: Any = None
    current: Any = ctx
    while current is not None and option is None:
        option = current.params.get("facts") if hasattr(current, "params") else None
        current = getattr(current, "parent", None)
    return store.resolve_path(option)


def _completer(
    keys: Callable[[FactBase], Iterable[str]], read: Callable[[Path], FactBase] = store.load
) -> Callable[..., list[str]]:
    def complete(ctx: typer.Context, incomplete: str) -> list[str]:
        try:
            base = read(_completion_path(ctx))
        except (FactBaseError, OSError, ValueError):
            return []
        return [key for key in keys(base) if key.startswith(incomplete)]

    return complete


def _without_facts(path: Path) -> FactBase:
    # Sections and entities need no facts: from the cache, none are read.
    return store.load_facts(path, ())


def complete_fact(ctx: typer.Context, incomplete: str) -> list[str]:
    """Fact ids for a TAB press: from the cache, only the ids are read."""
    try:
        ids = store.fact_ids(_completion_path(ctx))
    except (FactBaseError, OSError, ValueError):
        return []
    return [ident for ident in ids if ident.startswith(incomplete)]


complete_section = _completer(lambda base: base.section_by_id, _without_facts)


def _entity_keys(base: FactBase) -> list[str]:
    # Ids and the names as written (Chinese), with aliases: whatever --entity accepts
    # that a shell can take as one word.
    keys = [key for e in base.entities for key in (e.id, e.name, *e.aliases)]
    return [key for key in dict.fromkeys(keys) if key.strip() and " " not in key]


complete_entity = _completer(_entity_keys, _without_facts)
complete_tag = _completer(query.all_tags)


def _choices(values: Iterable[str]) -> Callable[..., list[str]]:
    """Completion for an option whose values are a fixed vocabulary."""
    words = list(values)

    def complete(incomplete: str) -> list[str]:
        return [word for word in words if word.startswith(incomplete)]

    return complete


# Choices from the model's vocabularies, so a new period or qualifier needs no change here.
Period = Enum("Period", {key: key for key in PERIODS}, type=str)  # type: ignore[misc]
Qualifier = Enum("Qualifier", {key: key for key in QUALIFIERS}, type=str)  # type: ignore[misc]

# How repeats combine is said once, in the help of each command that filters.
_REPEAT = " Repeatable: any of the values."

FormatOption = Annotated[
    Format,
    typer.Option(
        "--format",
        "-f",
        case_sensitive=False,
        help="table for people; json, jsonl, csv, tsv for scripts; csv-excel: CSV with a "
        "byte-order mark and CRLF, for Excel; plain: one id a line. "
        "Default: a table on a terminal, tab-separated lines on a pipe.",
    ),
]


def _lang_option(what: str) -> Any:
    return typer.Option("--lang", "-l", envvar="JIANGJIN_LANG", case_sensitive=False, help=what)


LangOption = Annotated[
    Lang, _lang_option("Language of tables and cards (machine formats carry both).")
]
FactsOption = Annotated[
    Path | None,
    typer.Option(
        "--facts",
        metavar="PATH",
        show_default=False,
        help="Fact base to read (default: $JIANGJIN_FACTS or the shipped one).",
    ),
]
SectionOption = Annotated[
    list[str] | None,
    typer.Option(
        "--section",
        "-s",
        metavar="ID",
        show_default=False,
        autocompletion=complete_section,
        help="Only this part (2) with its points, or this point (2.2); 0 is the lead." + _REPEAT,
    ),
]
EntityOption = Annotated[
    list[str] | None,
    typer.Option(
        "--entity",
        "-e",
        metavar="ID|NAME",
        show_default=False,
        autocompletion=complete_entity,
        help="Only facts that mention this entity (id, name or alias)." + _REPEAT,
    ),
]
TagOption = Annotated[
    list[str] | None,
    typer.Option(
        "--tag",
        "-t",
        metavar="TAG",
        show_default=False,
        autocompletion=complete_tag,
        help="Only facts with this tag (see `jiangjin tags`)." + _REPEAT,
    ),
]
PeriodOption = Annotated[
    list[Period] | None,
    typer.Option(
        "--period",
        metavar="PERIOD",
        case_sensitive=False,
        show_default=False,
        help=f"Only figures given for this period: {', '.join(PERIODS)}." + _REPEAT,
    ),
]
QualifierOption = Annotated[
    list[Qualifier] | None,
    typer.Option(
        "--qualifier",
        metavar="HEDGE",
        case_sensitive=False,
        show_default=False,
        help=f"Only figures with this hedge: {', '.join(QUALIFIERS)}." + _REPEAT,
    ),
]
NumericOption = Annotated[bool, typer.Option("--numeric", help="Only facts with a number.")]


def _finite(value: float | None) -> float | None:
    """--min and --max take real bounds: nan and inf are usage errors, not empty answers."""
    if value is not None and not math.isfinite(value):
        raise typer.BadParameter(f"expected a finite number, got {value}")
    return value


MinOption = Annotated[
    float | None,
    typer.Option("--min", metavar="N", callback=_finite, help="Only values of at least N."),
]
MaxOption = Annotated[
    float | None,
    typer.Option("--max", metavar="N", callback=_finite, help="Only values of at most N."),
]
LimitOption = Annotated[
    int | None, typer.Option("--limit", "-n", min=1, metavar="N", help="At most N results.")
]


class Sort(str, Enum):
    section = "section"
    value = "value"
    id = "id"


SortOption = Annotated[
    Sort,
    typer.Option(
        "--sort",
        case_sensitive=False,
        help="section: the article's order; value: largest first; id: alphabetical.",
    ),
]


def _nothing(message: str) -> NoReturn:
    fail(message, Exit.NO_MATCH)


def _unknown(error_: query.UnknownKeyError) -> NoReturn:
    _nothing(str(error_))


def _known_facts(base: FactBase, ids: Sequence[str]) -> tuple[list[Fact], bool]:
    """The facts for ``ids`` that exist, and whether all did; each unknown id is named
    on stderr with its close matches."""
    for ident in ids:
        if ident not in base.fact_by_id:
            error(str(query.unknown_fact(base, ident)))
    found = [base.fact_by_id[ident] for ident in ids if ident in base.fact_by_id]
    return found, len(found) == len(ids)


def _check_ids(base: FactBase, ids: Sequence[str]) -> list[Fact]:
    """The facts for ``ids``; every unknown id is reported (with suggestions) and exits 1."""
    found, complete = _known_facts(base, ids)
    if not complete:
        raise typer.Exit(Exit.NO_MATCH)
    return found


def _select(
    base: FactBase,
    *,
    section: Sequence[str] | None,
    entity: Sequence[str] | None,
    tag: Sequence[str] | None,
    period: Sequence[Enum] | None = None,
    qualifier: Sequence[Enum] | None = None,
    numeric: bool,
    min_value: float | None,
    max_value: float | None,
    sort: Sort,
) -> list[Fact]:
    flt = query.FactFilter(
        section=section,
        entity=entity,
        tag=tag,
        period=[str(choice.value) for choice in period or ()],
        qualifier=[str(choice.value) for choice in qualifier or ()],
        numeric=numeric,
        min_value=min_value,
        max_value=max_value,
        sort=sort.value,
    )
    try:
        return query.filter_facts(base, flt)
    except query.UnknownKeyError as unknown:
        _unknown(unknown)


# --- facts, show, get -----------------------------------------------------------------------------


@command("facts")
def facts_command(
    ctx: typer.Context,
    section: SectionOption = None,
    entity: EntityOption = None,
    tag: TagOption = None,
    period: PeriodOption = None,
    qualifier: QualifierOption = None,
    numeric: NumericOption = False,
    min_value: MinOption = None,
    max_value: MaxOption = None,
    sort: SortOption = Sort.section,
    limit: LimitOption = None,
    fmt: FormatOption = Format.auto,
    lang: LangOption = Lang.zh,
    facts: FactsOption = None,
) -> None:
    """List facts: id, value with its hedge and unit, statement, section. Filters combine.

    Repeat --section, --entity, --tag, --period or --qualifier to allow several values:
    a fact passes with any of them. Different filters must all hold.

    Example: jiangjin facts --section 2.3 --numeric --sort value
    """
    from jiangjin_cli.render import answers

    base = load_base(ctx, facts)
    found = _select(
        base,
        section=section,
        entity=entity,
        tag=tag,
        period=period,
        qualifier=qualifier,
        numeric=numeric,
        min_value=min_value,
        max_value=max_value,
        sort=sort,
    )
    if not found:
        _nothing("no facts match")
    emit(answers.facts(base, found[:limit], lang.value, total=len(found)), fmt)


@command()
def show(
    ctx: typer.Context,
    ids: Annotated[
        list[str],
        typer.Argument(
            metavar="ID...",
            autocompletion=complete_fact,
            show_default=False,
            help="Fact ids, as `facts` and `search --format plain` print them.",
        ),
    ],
    fmt: FormatOption = Format.auto,
    lang: LangOption = Lang.zh,
    facts: FactsOption = None,
) -> None:
    """Show facts in full: value, period, quote, statement, section, entities, source.

    On a pipe, each fact is printed as field<TAB>value lines (a blank line between
    facts); --format json, csv... print records as elsewhere.

    Example: jiangjin show dual-qualified-teachers
    """
    # Only the facts asked for, read from the cache when it is current.
    from jiangjin_cli.render import answers

    base = with_base(ctx, facts, lambda path: store.load_facts(path, ids))
    emit(answers.cards(base, _check_ids(base, ids), lang.value), fmt)


@command()
def get(
    ctx: typer.Context,
    ids: Annotated[
        list[str],
        typer.Argument(
            metavar="ID...",
            autocompletion=complete_fact,
            show_default=False,
            help="Fact ids; unknown ones are named on stderr and the rest still printed.",
        ),
    ],
    field: Annotated[
        str,
        typer.Option(
            "--field",
            "-F",
            metavar="NAME",
            autocompletion=_choices(query.FACT_FIELDS),
            help=f"Field to print: {', '.join(query.FACT_FIELDS)}.",
        ),
    ] = "value",
    facts: FactsOption = None,
) -> None:
    """Print one field (the value by default) of each fact, one line per id, for scripts.

    Exit 1 when an id is unknown (after printing the others).

    Example: jiangjin get dual-qualified-teachers
    """
    base = with_base(ctx, facts, lambda path: store.load_facts(path, ids, context=False))
    try:
        field = query.fact_field(field)
    except query.UnknownFieldError as unknown:
        raise typer.BadParameter(str(unknown), param_hint="'--field'") from None
    found, complete = _known_facts(base, ids)
    emit_lines([query.get_field(fact, field) for fact in found])
    if not complete:
        raise typer.Exit(Exit.NO_MATCH)


# --- search ---------------------------------------------------------------------------------------


class Kind(str, Enum):
    fact = "fact"
    entity = "entity"
    section = "section"


@command("search")
def search_command(
    ctx: typer.Context,
    terms: Annotated[
        list[str],
        typer.Argument(
            metavar="TEXT...",
            show_default=False,
            help="Words or a question, in Chinese or English.",
        ),
    ],
    kind: Annotated[
        Kind | None,
        typer.Option(
            "--kind",
            "-k",
            help="Only facts, entities or sections. "
            "With --format plain and no --kind, only facts (ids `get` and `show` take).",
        ),
    ] = None,
    limit: LimitOption = None,
    fmt: FormatOption = Format.auto,
    lang: LangOption = Lang.zh,
    facts: FactsOption = None,
) -> None:
    """Find facts, entities and sections by words or a question, in Chinese or English.

    Example: jiangjin search 江津区有多少双师型教师
    """
    from jiangjin_cli.render import answers

    words = [term for term in terms if term.strip()]
    if not words:
        raise typer.BadParameter("give at least one word to search for", param_hint="'TEXT...'")
    # Through the cached index when there is one: only the postings the query needs.
    base, hits = with_base(ctx, facts, lambda path: query.search_base(path, words))
    # Plain output feeds `get` and `show`, which take fact ids.
    wanted = kind.value if kind is not None else "fact" if fmt is Format.plain else None
    if wanted is not None:
        hits = [hit for hit in hits if hit.kind == wanted]
    if not hits:
        # Name what the base lacks: the words that make the question unanswerable here.
        missing = with_base(ctx, facts, lambda path: query.unknown_words(path, words))
        if missing:
            _nothing(f"no fact mentions {', '.join(missing)}")
        _nothing(f"no match for {' '.join(words)!r}")
    emit(answers.hits(base, hits[:limit], lang.value, words, total=len(hits)), fmt)


# --- sections, entities, sources ----------------------------------------------------------------


@command()
def sections(
    ctx: typer.Context,
    section_id: Annotated[
        str | None,
        typer.Argument(
            metavar="[ID]",
            autocompletion=complete_section,
            show_default=False,
            help="A part (2) or point (2.2) whose facts to list.",
        ),
    ] = None,
    fmt: FormatOption = Format.auto,
    lang: LangOption = Lang.zh,
    facts: FactsOption = None,
) -> None:
    """The article's outline with fact counts; with an ID, that part's or point's facts.

    Example: jiangjin sections 3.1
    """
    from jiangjin_cli.render import answers

    base = load_base(ctx, facts)
    if section_id is None:
        emit(answers.outline(base, lang.value), fmt)
        return
    found = _select(
        base,
        section=[section_id],
        entity=None,
        tag=None,
        numeric=False,
        min_value=None,
        max_value=None,
        sort=Sort.section,
    )
    if not found:
        _nothing(f"section {section_id} has no facts")
    wanted = section_id.strip().rstrip(".")
    emit(answers.section_facts(base, wanted, found, lang.value), fmt)


class EntitySort(str, Enum):
    file = "file"
    facts = "facts"
    id = "id"
    name = "name"


@command()
def entities(
    ctx: typer.Context,
    key: Annotated[
        str | None,
        typer.Argument(
            metavar="[ID|NAME]",
            autocompletion=complete_entity,
            show_default=False,
            help="An entity's id, name (Chinese or English) or alias, to show it in full.",
        ),
    ] = None,
    kind: Annotated[
        str | None,
        typer.Option(
            "--kind",
            "-k",
            metavar="KIND",
            autocompletion=_choices(ENTITY_KINDS),
            help=f"Only entities of this kind: {', '.join(ENTITY_KINDS)}.",
        ),
    ] = None,
    sort: Annotated[
        EntitySort,
        typer.Option(
            "--sort",
            case_sensitive=False,
            help="file: the base's order; facts: most mentioned first; id, name: alphabetical.",
        ),
    ] = EntitySort.file,
    limit: LimitOption = None,
    fmt: FormatOption = Format.auto,
    lang: LangOption = Lang.zh,
    facts: FactsOption = None,
) -> None:
    """The named schools, bodies, places, programmes...; with one, its card and its facts.

    Example: jiangjin entities 重庆工商学校
    """
    if kind is not None and kind.strip().lower() not in ENTITY_KINDS:
        message = f"unknown kind {kind!r}; valid kinds: {', '.join(ENTITY_KINDS)}"
        raise typer.BadParameter(message, param_hint="'--kind'")
    from jiangjin_cli.render import answers

    base = load_base(ctx, facts)
    if key is None:
        wanted = kind.strip().lower() if kind else None
        chosen = [e for e in base.entities if wanted is None or e.kind == wanted]
        if not chosen:
            _nothing(f"no entities of kind {wanted!r}")
        chosen = query.sort_entities(base, chosen, sort.value)
        emit(answers.entities(base, chosen[:limit], lang.value, total=len(chosen)), fmt)
        return
    entity = query.find_entity(base, key)
    if entity is None:
        _unknown(query.unknown_entity(base, key))
    emit(answers.entity(base, entity, lang.value), fmt)


@command()
def tags(
    ctx: typer.Context,
    fmt: FormatOption = Format.auto,
    lang: LangOption = Lang.zh,
    facts: FactsOption = None,
) -> None:
    """Every tag with the number of facts carrying it, most used first.

    Example: jiangjin tags --format plain
    """
    from jiangjin_cli.render import answers

    base = load_base(ctx, facts)
    emit(answers.tags(base, lang.value), fmt)


@command()
def sources(
    ctx: typer.Context,
    fmt: FormatOption = Format.auto,
    lang: LangOption = Lang.zh,
    facts: FactsOption = None,
) -> None:
    """Where the facts come from: publisher, date, URL and fact count.

    Example: jiangjin sources --format json
    """
    from jiangjin_cli.render import answers

    base = load_base(ctx, facts)
    emit(answers.sources(base, lang.value), fmt)


# --- chart ----------------------------------------------------------------------------------------


@command()
def chart(
    ctx: typer.Context,
    section: SectionOption = None,
    entity: EntityOption = None,
    tag: TagOption = None,
    period: PeriodOption = None,
    qualifier: QualifierOption = None,
    min_value: MinOption = None,
    max_value: MaxOption = None,
    sort: SortOption = Sort.section,
    limit: LimitOption = None,
    fmt: FormatOption = Format.auto,
    lang: LangOption = Lang.zh,
    facts: FactsOption = None,
) -> None:
    """Horizontal bars for numeric facts, one chart per unit; takes the filters of `facts`.

    Repeat --section, --entity, --tag, --period or --qualifier to allow several values:
    a fact passes with any of them. Different filters must all hold.

    Example: jiangjin chart --section 2.3
    """
    from jiangjin_cli.render import answers

    base = load_base(ctx, facts)
    found = _select(
        base,
        section=section,
        entity=entity,
        tag=tag,
        period=period,
        qualifier=qualifier,
        numeric=True,
        min_value=min_value,
        max_value=max_value,
        sort=sort,
    )
    if not found:
        _nothing("no numeric facts match")
    emit(answers.chart(base, found[:limit], lang.value, total=len(found)), fmt)


# --- export and cite ------------------------------------------------------------------------------


class ExportFormat(str, Enum):
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    tsv = "tsv"
    csv_excel = "csv-excel"
    markdown = "markdown"
    toml = "toml"
    sqlite = "sqlite"


def _access_date(text: str | None) -> _dt.date:
    """The date a reader accessed the source: ``--accessed`` or today."""
    if text is None:
        return _dt.date.today()
    try:
        return _dt.date.fromisoformat(text.strip())
    except ValueError:
        raise typer.BadParameter(
            f"expected a date like 2026-11-29, got {visible(text)!r}", param_hint="'--accessed'"
        ) from None


AccessedOption = Annotated[
    str | None,
    typer.Option(
        "--accessed",
        metavar="DATE",
        show_default=False,
        help="Date you accessed the source, YYYY-MM-DD (default: today).",
    ),
]


@command()
def export(
    ctx: typer.Context,
    fmt: Annotated[
        ExportFormat,
        typer.Option(
            "--format",
            "-f",
            case_sensitive=False,
            help="json: the whole base as one document; jsonl, csv, tsv: one fact a line; "
            "csv-excel: CSV with a byte-order mark and CRLF, which Excel opens with the "
            "Chinese intact; markdown: a fact sheet to paste into a report; toml: the fact "
            "base file itself, byte for byte (to start a base of your own); "
            "sqlite: one database file (needs --output).",
        ),
    ] = ExportFormat.json,
    lang: Annotated[
        Lang,
        _lang_option(
            "markdown: the language the sheet leads with (both are always there); "
            "the other formats carry both languages and ignore it."
        ),
    ] = Lang.zh,
    accessed: AccessedOption = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            show_default=False,
            help="File to write the sqlite database to (replaced if it exists).",
        ),
    ] = None,
    facts: FactsOption = None,
) -> None:
    """Write the whole fact base to stdout, for programs or as a Markdown fact sheet.

    Example: jiangjin export --format csv > facts.csv
    """
    from jiangjin_cli.render import answers

    day = _access_date(accessed)
    if (fmt is ExportFormat.sqlite) != (output is not None):
        fail("--format sqlite writes to a file: give both --format sqlite and --output FILE")
    if output is not None:
        _export_sqlite(ctx, facts, output)
        return
    base = load_base(ctx, facts)
    if fmt is ExportFormat.toml:
        emit_bytes(_read_base_bytes(base_path(ctx, facts)))
    elif fmt is ExportFormat.markdown:
        from jiangjin_cli.render.markdown import render_markdown

        emit_text(render_markdown(base, day, lang.value))
    elif fmt is ExportFormat.json:
        emit(answers.document(base), Format.json)
    else:
        emit(answers.facts(base, base.facts, lang.value), Format(fmt.value))


def _read_base_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as problem:
        fail(f"{path}: cannot read the file: {problem.strerror or problem}")


def _export_sqlite(ctx: typer.Context, facts: Path | None, output: Path) -> None:
    def write(path: Path) -> None:
        try:
            store.export_database(path, output)
        except OSError as error:
            reason = error.strerror or str(error)
            fail(f"cannot write {visible(str(output))}: {reason}", Exit.CANNOT_WRITE)

    with_base(ctx, facts, write)


class Style(str, Enum):
    gbt7714 = "gbt7714"
    apa = "apa"
    bibtex = "bibtex"
    text = "text"


@command()
def cite(
    ctx: typer.Context,
    ids: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[ID...]",
            autocompletion=complete_fact,
            show_default=False,
            help="Fact ids to cite with their quotes (default: cite each source).",
        ),
    ] = None,
    style: Annotated[
        Style,
        typer.Option(
            "--style",
            case_sensitive=False,
            help="gbt7714 (GB/T 7714-2015), apa (APA 7), bibtex (biblatex @online), text.",
        ),
    ] = Style.gbt7714,
    lang: Annotated[
        Lang,
        _lang_option(
            "zh: Chinese publisher and labels, a fact's quote as its statement; "
            "en: English publisher, the title with its translation, the English statement."
        ),
    ] = Lang.zh,
    accessed: AccessedOption = None,
    facts: FactsOption = None,
) -> None:
    """Citations ready to paste: of each source, or of facts with their quote and source.

    Example: jiangjin cite dual-qualified-teachers --style gbt7714
    """
    day = _access_date(accessed)
    base = load_base(ctx, facts)
    from jiangjin_cli.render.cite import cite_many

    found = _check_ids(base, ids or [])
    emit_text(cite_many(base, found, style=style.value, lang=lang.value, accessed=day) + "\n")
