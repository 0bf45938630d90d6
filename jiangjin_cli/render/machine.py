"""Machine-readable output: JSON, JSON Lines, CSV, TSV and plain lines.

Standard library only. Field names and their order are fixed (see the Export
section of the spec); scripts may rely on them. Absent optional fields are null
in JSON and empty in CSV/TSV, where lists are joined with ";".

json, csv and the number formatting are imported by the functions that use them:
``get`` and ``--format plain`` write lines and need none of them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, TextIO

from jiangjin_cli.model import FACT_FIELDS as FACT_FIELDS  # re-exported: the row columns
from jiangjin_cli.model import Entity, Fact, FactBase, Section, Source
from jiangjin_cli.text import plain_number

SECTION_FIELDS: tuple[str, ...] = ("id", "title", "title_en", "parent", "source")
ENTITY_FIELDS: tuple[str, ...] = ("id", "name", "name_en", "kind", "aliases")
SOURCE_FIELDS: tuple[str, ...] = (
    "id",
    "title",
    "title_en",
    "publisher",
    "publisher_en",
    "url",
    "published",
    "language",
)

LIST_SEPARATOR = ";"

Record = dict[str, Any]


def _number(value: int | float | None) -> int | float | None:
    """JSON numbers as people write them: whole amounts as ints (25000, not 25000.0)."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def fact_record(fact: Fact) -> Record:
    return {
        "id": fact.id,
        "section": fact.section,
        "quote": fact.quote,
        "statement_en": fact.statement_en,
        "value": _number(fact.value),
        "unit": fact.unit,
        "unit_en": fact.unit_en,
        "qualifier": fact.qualifier,
        "period": fact.period,
        "entities": list(fact.entities),
        "tags": list(fact.tags),
        "source": fact.source,
    }


def section_record(section: Section) -> Record:
    return {
        "id": section.id,
        "title": section.title,
        "title_en": section.title_en,
        "parent": section.parent,
        "source": section.source,
    }


def entity_record(entity: Entity) -> Record:
    return {
        "id": entity.id,
        "name": entity.name,
        "name_en": entity.name_en,
        "kind": entity.kind,
        "aliases": list(entity.aliases),
    }


def source_record(source: Source) -> Record:
    return {
        "id": source.id,
        "title": source.title,
        "title_en": source.title_en,
        "publisher": source.publisher,
        "publisher_en": source.publisher_en,
        "url": source.url,
        "published": source.published.isoformat(),
        "language": source.language,
    }


def export_document(base: FactBase) -> Record:
    """The whole base as one JSON-ready document, records in file order."""
    return {
        "schema_version": base.schema_version,
        "sources": [source_record(source) for source in base.sources],
        "sections": [section_record(section) for section in base.sections],
        "entities": [entity_record(entity) for entity in base.entities],
        "facts": [fact_record(fact) for fact in base.facts],
    }


def cell(value: object) -> str:
    """One CSV/TSV cell: lists joined with ";", null empty, numbers without a stray .0."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return plain_number(value)
    if isinstance(value, (list, tuple)):
        return LIST_SEPARATOR.join(cell(item) for item in value)
    return str(value)


def _ascii_only(out: TextIO) -> bool:
    """True when ``out`` cannot write Chinese (``PYTHONIOENCODING=ascii``, say)."""
    encoding = getattr(out, "encoding", None)
    if not isinstance(encoding, str):
        return False
    try:
        "江".encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return True
    return False


# JSON escapes C0 controls itself but writes DEL, the C1 controls, the bidirectional
# formatting characters and the line and paragraph separators as they are. Escaped, they
# are the same data, harmless on a terminal, and no reader splitting lines with
# str.splitlines() cuts a JSON Lines record in two.
_JSON_ESCAPED = (
    *range(0x7F, 0xA0),
    *(0x061C, 0x200E, 0x200F, 0x2028, 0x2029),
    *range(0x202A, 0x202F),
    *range(0x2066, 0x206A),
)
_JSON_ESCAPES = {code: f"\\u{code:04x}" for code in _JSON_ESCAPED}


def _dumps(obj: object, ascii_only: bool, **layout: Any) -> str:
    import json

    return json.dumps(obj, ensure_ascii=ascii_only, **layout).translate(_JSON_ESCAPES)


def write_json(obj: object, out: TextIO) -> None:
    """One JSON document, indented, with Chinese written as itself.

    A stream that cannot encode Chinese gets ``\\uXXXX`` escapes instead: the same data.
    """
    out.write(_dumps(obj, _ascii_only(out), indent=2))
    out.write("\n")


def write_jsonl(records: Iterable[Mapping[str, Any]], out: TextIO) -> None:
    """One compact JSON object a line (``\\uXXXX`` escapes where Chinese cannot be written)."""
    ascii_only = _ascii_only(out)
    for record in records:
        out.write(_dumps(record, ascii_only, separators=(",", ":")))
        out.write("\n")


def write_csv(
    records: Iterable[Mapping[str, Any]],
    columns: Sequence[str],
    out: TextIO,
    delimiter: str = ",",
    clean: Callable[[str], str] | None = None,
    lineterminator: str = "\n",
) -> None:
    """A header row, then one row a record; ``clean`` rewrites each cell's text if given.

    With ``delimiter=","`` this is RFC 4180 CSV (quoted where needed, a cell may
    hold a newline). With ``"\\t"`` it is TSV: no quoting at all, and tabs and
    line breaks inside a cell become spaces, so each record is exactly one line.
    """

    def text(record: Mapping[str, Any], column: str) -> str:
        value = cell(record.get(column))
        return clean(value) if clean is not None else value

    if delimiter == "\t":
        out.write("\t".join(columns) + "\n")
        for record in records:
            out.write("\t".join(_tsv_cell(text(record, column)) for column in columns) + "\n")
        return
    import csv

    writer = csv.writer(out, delimiter=delimiter, lineterminator=lineterminator)
    writer.writerow(columns)
    for record in records:
        writer.writerow([text(record, column) for column in columns])


# Tabs and everything str.splitlines() breaks on.
_TSV_SPACES = {ord(char): " " for char in "\t\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"}


def _tsv_cell(text: str) -> str:
    return text.replace("\r\n", " ").translate(_TSV_SPACES)


def field_line(name: str, value: object) -> str:
    """``name<TAB>value`` on one line (lists joined by ";"), as a card reads on a pipe."""
    return f"{name}\t{_tsv_cell(cell(value))}"


def fact_card_lines(fact: Fact, base: FactBase) -> list[str]:
    """A fact's card for a pipe: every field, the section titles, entity names and source."""
    fields: list[tuple[str, object]] = list(fact_record(fact).items())
    chain = base.section_path(fact.section, fact.source)
    fields.append(("section_title", " › ".join(f"{s.id} {s.title}" for s in chain)))
    fields.append(("section_title_en", " › ".join(f"{s.id} {s.title_en}" for s in chain)))
    named = [base.entity_by_id[e] for e in fact.entities if e in base.entity_by_id]
    fields.append(("entity_names", [e.name for e in named]))
    fields.append(("entity_names_en", [e.name_en for e in named]))
    source = base.source_by_id.get(fact.source)
    if source is not None:
        record = source_record(source)
        fields.extend((f"source_{key}", record[key]) for key in SOURCE_FIELDS if key != "id")
    return [field_line(name, value) for name, value in fields]


def write_plain(lines: Iterable[str], out: TextIO) -> None:
    """Plain text, one item a line."""
    for line in lines:
        out.write(line)
        out.write("\n")
