"""`facts`, `show`, `get` and `search`: facts by filter, by id and by words."""

from enum import Enum
from typing import Annotated

import typer

from jiangjin_cli import store
from jiangjin_cli.cli.core import _nothing, _unknown, command, load_base, with_base
from jiangjin_cli.cli.options import (
    EntityOption,
    FactsOption,
    FormatOption,
    LangOption,
    LimitOption,
    MaxOption,
    MinOption,
    NumericOption,
    PeriodOption,
    QualifierOption,
    SectionOption,
    Sort,
    SortOption,
    SourceOption,
    TagOption,
    _check_ids,
    _choices,
    _known_facts,
    _select,
    complete_fact,
)
from jiangjin_cli.errors import Exit
from jiangjin_cli.fields import UnknownFieldError, fact_field, get_field
from jiangjin_cli.model import FACT_FIELDS
from jiangjin_cli.render.output import Format, Lang, emit, emit_lines

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
    source: SourceOption = None,
    facts: FactsOption = None,
) -> None:
    """List facts: id, value with its hedge and unit, statement, section. Filters combine.

    Repeat --section, --entity, --tag, --period or --qualifier to allow several values:
    a fact passes with any of them. Different filters must all hold.

    Example: jiangjin facts --section 2.3 --numeric --sort value
    """
    from jiangjin_cli.render import answers

    base = load_base(ctx, facts, source or ())
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
            autocompletion=_choices(FACT_FIELDS),
            help=f"Field to print: {', '.join(FACT_FIELDS)}.",
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
        field = fact_field(field)
    except UnknownFieldError as unknown:
        raise typer.BadParameter(str(unknown), param_hint="'--field'") from None
    found, complete = _known_facts(base, ids)
    emit_lines([get_field(fact, field) for fact in found])
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
    source: SourceOption = None,
    facts: FactsOption = None,
) -> None:
    """Find facts, entities and sections by words or a question, in Chinese or English.

    Example: jiangjin search 江津区有多少双师型教师
    """
    from jiangjin_cli import query
    from jiangjin_cli.render import answers

    words = [term for term in terms if term.strip()]
    if not words:
        raise typer.BadParameter("give at least one word to search for", param_hint="'TEXT...'")
    # Plain output feeds `get` and `show`, which take fact ids.
    wanted = kind.value if kind is not None else "fact" if fmt is Format.plain else None
    # Through the cached index when there is one: only the postings the query needs,
    # and only the records shown.
    try:
        base, hits, total = with_base(
            ctx,
            facts,
            lambda path: query.search_base(path, words, source or (), kind=wanted, limit=limit),
        )
    except query.UnknownKeyError as unknown:
        _unknown(unknown)
    if not hits:
        _nothing(answers.refusal(with_base(ctx, facts, lambda p: query.why_refused(p, words))))
    emit(answers.hits(base, hits, lang.value, words, total=total), fmt)
