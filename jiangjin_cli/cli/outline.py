"""`sections`, `entities`, `tags`, `sources` and `chart`: what a base holds."""

from enum import Enum
from typing import Annotated

import typer

from jiangjin_cli import query
from jiangjin_cli.cli.core import _nothing, _unknown, command, load_base
from jiangjin_cli.cli.options import (
    EntityOption,
    FactsOption,
    FormatOption,
    LangOption,
    LimitOption,
    MaxOption,
    MinOption,
    PeriodOption,
    QualifierOption,
    SectionOption,
    Sort,
    SortOption,
    SourceOption,
    TagOption,
    _choices,
    _select,
    complete_entity,
    complete_section,
)
from jiangjin_cli.model import ENTITY_KINDS
from jiangjin_cli.render.output import Format, Lang, emit

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
    source: SourceOption = None,
    facts: FactsOption = None,
) -> None:
    """The article's outline with fact counts; with an ID, that part's or point's facts.

    With several articles, one outline each. An ID is looked up in the --source
    articles; without --source, every article that has a section ID is listed.

    Example: jiangjin sections 3.1
    """
    from jiangjin_cli.render import answers

    base = load_base(ctx, facts, source or ())
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
    source: SourceOption = None,
    facts: FactsOption = None,
) -> None:
    """The named schools, bodies, places, programmes...; with one, its card and its facts.

    Example: jiangjin entities 重庆工商学校
    """
    if kind is not None and kind.strip().lower() not in ENTITY_KINDS:
        message = f"unknown kind {kind!r}; valid kinds: {', '.join(ENTITY_KINDS)}"
        raise typer.BadParameter(message, param_hint="'--kind'")
    from jiangjin_cli.render import answers

    # With --source: the entities its facts mention, and only those facts.
    base = load_base(ctx, facts, source or ())
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
    source: SourceOption = None,
    facts: FactsOption = None,
) -> None:
    """Every tag with the number of facts carrying it, most used first.

    Example: jiangjin tags --format plain
    """
    from jiangjin_cli.render import answers

    base = load_base(ctx, facts, source or ())
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
    source: SourceOption = None,
    facts: FactsOption = None,
) -> None:
    """Horizontal bars for numeric facts, one chart per unit; takes the filters of `facts`.

    Repeat --section, --entity, --tag, --period or --qualifier to allow several values:
    a fact passes with any of them. Different filters must all hold.

    Example: jiangjin chart --section 2.3
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
        numeric=True,
        min_value=min_value,
        max_value=max_value,
        sort=sort,
    )
    if not found:
        _nothing("no numeric facts match")
    emit(answers.chart(base, found[:limit], lang.value, total=len(found)), fmt)
