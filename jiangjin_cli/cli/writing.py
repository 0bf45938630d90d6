"""`export`, `cite` and `draft`: the base, citations and new bases as text."""

import datetime as _dt
from collections.abc import Sequence
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from jiangjin_cli import store
from jiangjin_cli.cli.core import command, fail, load_base, with_base
from jiangjin_cli.cli.options import (
    FactsOption,
    SourceOption,
    _check_ids,
    _lang_option,
    complete_fact,
)
from jiangjin_cli.errors import Exit
from jiangjin_cli.render.output import Format, Lang, emit, emit_bytes, emit_text
from jiangjin_cli.text import visible

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
    source: SourceOption = None,
    facts: FactsOption = None,
) -> None:
    """Write the whole fact base to stdout, for programs or as a Markdown fact sheet.

    Example: jiangjin export --format csv > facts.csv
    """
    from jiangjin_cli.render import answers

    day = _access_date(accessed)
    if (fmt is ExportFormat.sqlite) != (output is not None):
        fail("--format sqlite writes to a file: give both --format sqlite and --output FILE")
    if source and fmt in (ExportFormat.toml, ExportFormat.sqlite):
        fail(f"--format {fmt.value} writes the whole base; it takes no --source")
    if output is not None:
        _export_sqlite(ctx, facts, output)
        return
    base = load_base(ctx, facts, source or ())
    if fmt is ExportFormat.toml:
        emit_bytes(_read_base_bytes(ctx, facts))
    elif fmt is ExportFormat.markdown:
        from jiangjin_cli.render.markdown import render_markdown

        emit_text(render_markdown(base, day, lang.value))
    elif fmt is ExportFormat.json:
        emit(answers.document(base), Format.json)
    else:
        emit(answers.facts(base, base.facts, lang.value), Format(fmt.value))


def _read_base_bytes(ctx: typer.Context, facts: Sequence[str] | None) -> bytes:
    """The one file of the base, byte for byte; a base of several files is refused, as
    no one TOML file would be it (each file is already its own export)."""
    files = with_base(ctx, facts, store.files_of)
    if len(files) > 1:
        fail(
            f"--format toml prints one file, and this base has {len(files)}: "
            f"{', '.join(files)}; copy the files themselves, or export json"
        )
    path = files[0]
    try:
        return Path(path).read_bytes()
    except OSError as problem:
        fail(f"{path}: cannot read the file: {problem.strerror or problem}")


def _export_sqlite(ctx: typer.Context, facts: Sequence[str] | None, output: Path) -> None:
    def write(path: list[Path]) -> None:
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
    source: SourceOption = None,
    facts: FactsOption = None,
) -> None:
    """Citations ready to paste: of each source, or of facts with their quote and source.

    Example: jiangjin cite dual-qualified-teachers --style gbt7714
    """
    day = _access_date(accessed)
    base = load_base(ctx, facts, source or ())
    from jiangjin_cli.render.cite import cite_many

    found = _check_ids(base, ids or [])
    emit_text(cite_many(base, found, style=style.value, lang=lang.value, accessed=day) + "\n")


# --- draft ----------------------------------------------------------------------------------------


# A news article is a few thousand characters; reading is bounded so that /dev/zero or a
# wrong file does not fill the memory.
_ARTICLE_MAX_BYTES = 8 * 2**20


def _option_text(value: str | None, name: str) -> str | None:
    if value is not None and not value.strip():
        raise typer.BadParameter("must not be empty", param_hint=f"'{name}'")
    return value.strip() if value is not None else None


@command()
def draft(
    article: Annotated[
        Path,
        typer.Argument(metavar="ARTICLE.txt", show_default=False, help="The article (UTF-8)."),
    ],
    source: Annotated[
        str,
        typer.Option(
            "--source", metavar="ID", show_default=False, help="Id of the source (kebab-case)."
        ),
    ],
    title: Annotated[
        str | None,
        typer.Option(metavar="T", show_default=False, help="Title (default: the first line)."),
    ] = None,
    publisher: Annotated[
        str | None, typer.Option(metavar="P", show_default=False, help="Publisher.")
    ] = None,
    url: Annotated[str | None, typer.Option(metavar="U", show_default=False, help="URL.")] = None,
    published: Annotated[
        str | None,
        typer.Option(metavar="DATE", show_default=False, help="Publication date, YYYY-MM-DD."),
    ] = None,
) -> None:
    """Print a draft fact base of one article, its English left for a person to write.

    The draft holds the article's sections, one fact per quantity and the entity
    candidates its clauses name.

    Example: jiangjin draft article.txt --source my-article > my-article.toml
    """
    from jiangjin_cli.draft import NotAnArticle, decode, draft_of
    from jiangjin_cli.render.draft import SourceFields, draft_toml
    from jiangjin_cli.store.validate import KEBAB_CASE

    if not KEBAB_CASE.fullmatch(source):
        raise typer.BadParameter(
            f"{visible(source)!r} is not kebab-case, like cqjw-2024-09-09-jiangjin",
            param_hint="'--source'",
        )
    date = None
    if published is not None:
        try:
            date = _dt.date.fromisoformat(published.strip())
        except ValueError:
            raise typer.BadParameter(
                f"expected a date like 2024-09-09, got {visible(published)!r}",
                param_hint="'--published'",
            ) from None
    try:
        with article.open("rb") as stream:
            data = stream.read(_ARTICLE_MAX_BYTES + 1)
    except FileNotFoundError:
        fail(f"{article}: no such file")
    except IsADirectoryError:
        fail(f"{article}: is a directory, not a text file")
    except OSError as problem:
        fail(f"{article}: cannot read the file: {problem.strerror or problem}")
    if len(data) > _ARTICLE_MAX_BYTES:
        fail(f"{article}: too large for an article (over {_ARTICLE_MAX_BYTES // 2**20} MiB)")
    try:
        text = decode(data)
    except NotAnArticle as problem:
        fail(f"{article}: {problem}")
    fields = SourceFields(
        id=source,
        title=_option_text(title, "--title"),
        publisher=_option_text(publisher, "--publisher"),
        url=_option_text(url, "--url"),
        published=date,
    )
    emit_text(draft_toml(draft_of(text, fields.title), fields, article.name))
