"""Options, completions and selections shared by the lookup commands."""

import math
from collections.abc import Callable, Iterable, Sequence
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer

from jiangjin_cli import store
from jiangjin_cli.cli.core import _paths, _unknown, error
from jiangjin_cli.errors import Exit, FactBaseError
from jiangjin_cli.model import PERIODS, QUALIFIERS, Fact, FactBase
from jiangjin_cli.render.output import Format, Lang

# --- options shared by the lookup commands -----------------------------------------------------


def _completion_path(ctx: typer.Context) -> list[Path]:
    """The fact base a TAB press should complete from."""
    option: Any = None
    current: Any = ctx
    while current is not None and not option:
        option = current.params.get("facts") if hasattr(current, "params") else None
        current = getattr(current, "parent", None)
    return store.resolve_paths(option)


def _completer(
    keys: Callable[[FactBase], Iterable[str]],
    read: Callable[[list[Path]], FactBase] = store.load,
) -> Callable[..., list[str]]:
    def complete(ctx: typer.Context, incomplete: str) -> list[str]:
        try:
            base = read(_completion_path(ctx))
        except (FactBaseError, OSError, ValueError):
            return []
        return [key for key in keys(base) if key.startswith(incomplete)]

    return complete


def _without_facts(path: list[Path]) -> FactBase:
    # Sections and entities need no facts: from the cache, none are read.
    return store.load_facts(path, ())


def complete_fact(ctx: typer.Context, incomplete: str) -> list[str]:
    """Fact ids for a TAB press: from the cache, only the ids are read."""
    try:
        ids = store.fact_ids(_completion_path(ctx))
    except (FactBaseError, OSError, ValueError):
        return []
    return [ident for ident in ids if ident.startswith(incomplete)]


complete_section = _completer(
    lambda base: dict.fromkeys(s.id for s in base.sections), _without_facts
)
complete_source = _completer(lambda base: base.source_by_id, _without_facts)


def _entity_keys(base: FactBase) -> list[str]:
    # Ids and the names as written (Chinese), with aliases: whatever --entity accepts
    # that a shell can take as one word.
    keys = [key for e in base.entities for key in (e.id, e.name, *e.aliases)]
    return [key for key in dict.fromkeys(keys) if key.strip() and " " not in key]


complete_entity = _completer(_entity_keys, _without_facts)


def _all_tags(base: FactBase) -> list[str]:
    from jiangjin_cli import query

    return query.all_tags(base)


complete_tag = _completer(_all_tags)


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
    list[str] | None,
    typer.Option(
        "--facts",
        metavar="PATH",
        show_default=False,
        callback=_paths,
        help="Fact base to read: a TOML file or a directory of them; repeatable, read as "
        "one base (default: $JIANGJIN_FACTS or the shipped one).",
    ),
]
SourceOption = Annotated[
    list[str] | None,
    typer.Option(
        "--source",
        metavar="ID",
        show_default=False,
        autocompletion=complete_source,
        help="Only the article with this source id (see `jiangjin sources`)." + _REPEAT + " "
        "A --section is looked up in these articles; without --source, in every article, "
        "and each article that has the section is selected.",
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


def _known_facts(base: FactBase, ids: Sequence[str]) -> tuple[list[Fact], bool]:
    """The facts for ``ids`` that exist, and whether all did; each unknown id is named
    on stderr with its close matches."""
    for ident in ids:
        if ident not in base.fact_by_id:
            from jiangjin_cli import query  # for the close ids it suggests

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
    from jiangjin_cli import query

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
