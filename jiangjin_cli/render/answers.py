"""Each command's answer described once for every format (see :mod:`.output`).

The machine side is built here from :mod:`.machine` records; the human side is a
closure that imports its renderer (:mod:`.tables`, :mod:`.cards`, :mod:`.tree` or
:mod:`.charts`, and so rich) only when it is drawn.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from jiangjin_cli import query
from jiangjin_cli.model import Entity, Fact, FactBase, Section
from jiangjin_cli.render import machine

if TYPE_CHECKING:
    from rich.console import Console

    from jiangjin_cli.query.refusal import Refusal
    from jiangjin_cli.query.search import Hit


@dataclass
class Answer:
    """One command's answer, ready for any format (:func:`.output.emit` writes it).

    ``records`` are the machine rows (export field names); ``document`` replaces
    them as the JSON output when the answer is not a plain list; ``plain`` gives
    one line per record; ``draw`` renders for people on a rich console;
    ``piped``, when given, replaces the TSV rows on a pipe when no format was asked for
    (a card's ``field<TAB>value`` lines).
    """

    records: Sequence[Mapping[str, Any]]
    columns: Sequence[str]
    draw: Callable[[Console], None]
    plain: Callable[[], list[str]]
    document: object = None
    piped: Callable[[], list[str]] | None = None


SEARCH_COLUMNS = ("kind", "id", "score", "text", "text_en")


def _ids(records: Sequence[Fact | Entity | Section]) -> list[str]:
    return [record.id for record in records]


def facts(
    base: FactBase,
    found: Sequence[Fact],
    lang: str,
    total: int | None = None,
) -> Answer:
    def draw(console: Console) -> None:
        from jiangjin_cli.render import tables

        tables.facts_table(console, found, base, lang, total=total)

    return Answer(
        records=[machine.fact_record(fact) for fact in found],
        columns=machine.FACT_FIELDS,
        draw=draw,
        plain=lambda: _ids(found),
    )


def document(base: FactBase) -> Answer:
    """The whole base: one JSON document, or one fact a row."""
    answer = facts(base, base.facts, "zh")
    answer.document = machine.export_document(base)
    return answer


def cards(base: FactBase, found: Sequence[Fact], lang: str) -> Answer:
    def draw(console: Console) -> None:
        from jiangjin_cli.render.cards import fact_card

        for fact in found:
            fact_card(console, fact, base, lang)

    def piped() -> list[str]:
        lines: list[str] = []
        for index, fact in enumerate(found):
            lines.extend([""] * (index > 0) + machine.fact_card_lines(fact, base))
        return lines

    answer = facts(base, found, lang)
    answer.draw = draw
    answer.piped = piped
    return answer


def section_facts(base: FactBase, section_id: str, found: Sequence[Fact], lang: str) -> Answer:
    def draw(console: Console) -> None:
        from jiangjin_cli.render import human, tables

        sources = dict.fromkeys(fact.source for fact in found)
        title = " | ".join(
            human.section_path_label(base, section_id, lang, source)
            + (f" ({source})" if base.several_sources else "")
            for source in sources
        )
        tables.facts_table(console, found, base, lang, title=title)

    answer = facts(base, found, lang)
    answer.draw = draw
    return answer


def outline(base: FactBase, lang: str) -> Answer:
    counts = query.section_fact_counts(base)

    def draw(console: Console) -> None:
        from jiangjin_cli.render import tree

        tree.sections_tree(console, base, counts, lang)

    records = [
        {
            **machine.section_record(section),
            "facts": counts.get((section.source, section.id), (0, 0))[1],
        }
        for section in base.sections
    ]
    return Answer(
        records=records,
        columns=(*machine.SECTION_FIELDS, "facts"),
        draw=draw,
        plain=lambda: _ids(base.sections),
    )


def tags(base: FactBase, lang: str) -> Answer:
    counted = query.tag_counts(base)

    def draw(console: Console) -> None:
        from jiangjin_cli.render import tables

        tables.tags_table(console, counted, lang)

    return Answer(
        records=[{"tag": tag, "facts": count} for tag, count in counted],
        columns=("tag", "facts"),
        draw=draw,
        plain=lambda: [tag for tag, _ in counted],
    )


def entities(
    base: FactBase, chosen: Sequence[Entity], lang: str, total: int | None = None
) -> Answer:
    counts = query.mention_counts(base)

    def draw(console: Console) -> None:
        from jiangjin_cli.render import tables

        tables.entities_table(console, chosen, base, lang, counts, total=total)

    return Answer(
        records=[
            {**machine.entity_record(entity), "facts": counts[entity.id]} for entity in chosen
        ],
        columns=(*machine.ENTITY_FIELDS, "facts"),
        draw=draw,
        plain=lambda: _ids(chosen),
    )


def entity(base: FactBase, chosen: Entity, lang: str) -> Answer:
    """One entity: its card and every fact that mentions it.

    JSON gives the entity with a ``facts`` list; the row formats give the facts.
    """
    mentioned = query.facts_mentioning(base, chosen.id)

    def draw(console: Console) -> None:
        from jiangjin_cli.render.cards import entity_card

        entity_card(console, chosen, mentioned, base, lang)

    answer = facts(base, mentioned, lang)
    answer.draw = draw
    answer.document = {
        **machine.entity_record(chosen),
        "facts": [machine.fact_record(fact) for fact in mentioned],
    }
    return answer


def sources(base: FactBase, lang: str) -> Answer:
    counts = {source.id: 0 for source in base.sources}
    for fact in base.facts:
        counts[fact.source] = counts.get(fact.source, 0) + 1

    def draw(console: Console) -> None:
        from jiangjin_cli.render import tables

        tables.sources_table(console, base.sources, counts, lang)

    return Answer(
        records=[
            {**machine.source_record(source), "facts": counts[source.id]} for source in base.sources
        ],
        columns=(*machine.SOURCE_FIELDS, "facts"),
        draw=draw,
        plain=lambda: [source.id for source in base.sources],
    )


def _hit_record(hit: Hit) -> dict[str, Any]:
    record = hit.record
    if isinstance(record, Fact):
        fields = machine.fact_record(record)
        texts = (record.quote, record.statement_en)
    elif isinstance(record, Entity):
        # `kind` says what the hit is; the entity's own kind moves to `entity_kind`.
        fields = machine.entity_record(record)
        fields["entity_kind"] = fields.pop("kind")
        texts = (record.name, record.name_en)
    else:
        fields = machine.section_record(record)
        texts = (record.title, record.title_en)
    return {
        "kind": hit.kind,
        "score": round(hit.score, 4),
        **fields,
        "text": texts[0],
        "text_en": texts[1],
    }


def hits(
    base: FactBase, found: Sequence[Hit], lang: str, terms: Sequence[str], total: int
) -> Answer:
    def draw(console: Console) -> None:
        from jiangjin_cli.render import tables

        tables.search_table(console, found, base, lang, terms, total=total)

    records = [_hit_record(hit) for hit in found]
    if base.several_sources:
        for record in records:
            record.setdefault("source", None)  # an entity is shared by the articles
        columns: tuple[str, ...] = (*SEARCH_COLUMNS[:2], "source", *SEARCH_COLUMNS[2:])
    else:
        columns = SEARCH_COLUMNS
    # JSON keeps each record's own fields as `export` names them, plus kind and score.
    document = [{k: v for k, v in r.items() if k not in ("text", "text_en")} for r in records]
    return Answer(
        records=records,
        columns=columns,
        draw=draw,
        plain=lambda: [hit.record.id for hit in found],
        document=document,
    )


def chart(base: FactBase, found: Sequence[Fact], lang: str, total: int) -> Answer:
    def draw(console: Console) -> None:
        from jiangjin_cli.render import charts

        charts.chart(console, found, lang)

    answer = facts(base, found, lang, total=total)
    answer.draw = draw
    return answer


#: The line of each reason a search finds nothing (:data:`jiangjin_cli.query.refusal.Reason`):
#: ``{all}`` is every name, ``{0}``, ``{1}`` one name, ``{rest}`` the names after the first.
_REFUSAL_LINES = {
    "figure-parts": "no fact spells out the parts of {all}",
    "breakdown": "no fact breaks down {all}",
    "unnamed": "no fact names the {all}",
    "grade": "no fact gives {all}",
    "words": "no fact mentions {all}",
    "area": "no fact gives the area asked about (in mu or square metres)",
    "distance": "no fact gives the distance asked about (in kilometres or minutes)",
    "order": "no fact gives a place in an order (第几)",
    "when": "no fact gives the year asked about",
    "change": "no fact gives how much it changed against an earlier year",
    "ratio": "no fact gives a ratio of {0} to {1}",
    "about": "no fact about {0} mentions {rest}",
    "per-unit": "no fact gives a figure for each one ({all}\u2026)",
}


def refusal(why: Refusal) -> str:
    """The line that tells why a search found nothing (``jiangjin: <line>`` on stderr)."""
    names = why.names
    if why.reason == "people":  # a place and its people, or the people alone
        place, who = names
        if place:
            return f"no fact gives how many {who} {place} has"
        return f"no fact gives how many {who} there are"
    if why.reason == "no-match":
        return f"no match for {names[0]!r}"
    return _REFUSAL_LINES[why.reason].format(
        *names, all=", ".join(names), rest=", ".join(names[1:])
    )
