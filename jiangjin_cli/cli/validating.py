"""`validate`: check a fact base against every rule."""

import os
from pathlib import Path
from typing import Annotated

import typer

from jiangjin_cli import store
from jiangjin_cli.cli.core import (
    _plural,
    _state,
    base_path,
    command,
    fail,
    full_path,
    note,
    print_problems,
    shown,
)
from jiangjin_cli.errors import Exit, FactBaseError
from jiangjin_cli.model import Problem
from jiangjin_cli.process import PROG
from jiangjin_cli.text import visible

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
        list[Path] | None,
        typer.Argument(
            metavar="PATH...",
            show_default=False,
            help="Fact base to check: files or directories of *.toml, checked as one base "
            "(default: --facts, $JIANGJIN_FACTS or the shipped one).",
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
    draft: Annotated[
        bool,
        typer.Option(
            "--draft",
            help="Check a draft from `jiangjin draft`: empty English fields are allowed, "
            "every other rule holds.",
        ),
    ] = False,
) -> None:
    """Check a fact base against every rule and report all problems at once.

    Several files (or a directory) are checked as one base: ids must not clash across
    them, and each problem names its own file and line.
    Exit 0 when valid, 1 when it has problems, 2 when it cannot be read.

    Example: jiangjin validate my-facts.toml --source cqjw-2024-09-09-jiangjin=article.txt
    """
    specs = _source_specs(source or [])
    paths = [full_path(given) for given in path] if path else base_path(ctx)
    target = shown(paths)
    from_env = os.environ.get(store.ENV_VAR, "").strip(os.pathsep)
    packaged = not path and _state(ctx).facts is None and not from_env
    chosen = ""
    if path is None:
        chosen = " (the packaged fact base)" if packaged else " (from --facts or $JIANGJIN_FACTS)"
    if packaged:
        _note_local_base(paths[0])
    try:
        if draft and len(paths) != 1:
            fail("--draft checks one draft file at a time")
        base, warnings = store.check_draft(paths[0]) if draft else store.load_with_warnings(paths)
    except FactBaseError as problem:
        print_problems(problem.problems, problem.warnings)
        if problem.unreadable:
            raise typer.Exit(Exit.USAGE) from None
        count = _plural(len(problem.problems), "problem")
        fail(f"{target}{chosen}: invalid: {count}", Exit.NO_MATCH)
    print_problems([], warnings)

    from jiangjin_cli.store.against import validate_against_text

    checked: list[str] = []
    mismatches: list[Problem] = []
    for ident, given in specs:
        text_path = full_path(given)
        if ident not in base.source_by_id:
            known = ", ".join(base.source_by_id) or "none"
            raise typer.BadParameter(
                f"no source {ident!r} in {visible(target)} (sources: {known})",
                param_hint="'--source'",
            )
        mismatches += validate_against_text(base, ident, _read_text(text_path))
        quotes = sum(1 for fact in base.facts if fact.source == ident)
        checked.append(f"{_plural(quotes, 'quote')} of {ident} found in {text_path}")
    if mismatches and len(paths) > 1:
        mismatches = store.in_their_files(paths, mismatches)
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
    valid = "valid as a draft (the English is left to write)" if draft else "valid"
    typer.echo(f"{target}{chosen}: {valid}: {summary}" + "".join(f"; {done}" for done in checked))


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
