"""`jiangjin export` and the machine renderers: stable shapes that parse back."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from typer.testing import Result

from jiangjin_cli import store
from jiangjin_cli.errors import Exit
from jiangjin_cli.render import machine
from jiangjin_cli.text import plain_value

from conftest import Written, usage_message

Invoke = Callable[..., Result]
WriteBase = Callable[..., Written]

FACT_FIELDS = [
    "id",
    "section",
    "quote",
    "statement_en",
    "value",
    "unit",
    "unit_en",
    "qualifier",
    "period",
    "entities",
    "tags",
    "source",
]


def export(invoke: Invoke, written: Written, *args: str) -> str:
    result = invoke("--facts", written.path, "export", *args)
    assert result.exit_code == Exit.OK, result.stderr
    assert result.stderr == ""
    return result.stdout


def test_json_document_shape(invoke: Invoke, valid_base: Written) -> None:
    document = json.loads(export(invoke, valid_base))
    assert list(document) == ["schema_version", "sources", "sections", "entities", "facts"]
    assert document["schema_version"] == 1
    assert document["sources"] == [
        {
            "id": "demo-source",
            "title": "江津区高标准推进职业教育高质量发展",
            "title_en": "Jiangjin District advances vocational education",
            "publisher": "重庆市教育委员会",
            "publisher_en": "Chongqing Municipal Education Commission",
            "url": "https://example.org/jiangjin",
            "published": "2024-09-09",
            "language": "zh",
        }
    ]
    assert document["sections"][2] == {
        "id": "2.2",
        "title": "强化师资队伍建设",
        "title_en": "Strengthening the teaching staff",
        "parent": "2",
        "source": "demo-source",  # the file's only source, though the section omits it
    }
    assert document["sections"][0]["parent"] is None
    assert list(document["entities"][0]) == ["id", "name", "name_en", "kind", "aliases"]
    assert document["entities"][0]["aliases"] == ["Jiangjin"]
    assert document["entities"][1]["aliases"] == []
    assert [list(fact) for fact in document["facts"]] == [FACT_FIELDS] * 4
    assert document["facts"][0] == {
        "id": "dual-qualified-teachers",
        "section": "2.2",
        "quote": "培养“双师型”教师2729名",
        "statement_en": "The district has trained 2,729 dual-qualified teachers.",
        "value": 2729,
        "unit": "名",
        "unit_en": "teachers",
        "qualifier": "exact",
        "period": None,
        "entities": ["jiangjin-district"],
        "tags": ["teachers"],
        "source": "demo-source",
    }
    plain = document["facts"][3]
    assert (plain["value"], plain["unit"], plain["qualifier"], plain["entities"]) == (
        None,
        None,
        None,
        [],
    )


def test_json_writes_chinese_as_itself_and_whole_numbers_as_ints(
    invoke: Invoke, write_base: WriteBase
) -> None:
    written = write_base({"value = 25000": "value = 25000.0"})
    for args in ((), ("--format", "jsonl")):
        text = export(invoke, written, *args)
        assert "\\u" not in text
        assert "江津区" in text or "双师型" in text
        assert '"value":25000,' in text.replace(" ", "")
        assert "25000.0" not in text


def test_json_is_indented_and_jsonl_compact(invoke: Invoke, valid_base: Written) -> None:
    assert export(invoke, valid_base).startswith('{\n  "schema_version": 1,\n  "sources": [')
    first = export(invoke, valid_base, "--format", "jsonl").splitlines()[0]
    assert first.startswith('{"id":"dual-qualified-teachers","section":"2.2",')


def test_floats_stay_floats(invoke: Invoke, write_base: WriteBase) -> None:
    written = write_base(
        {
            '"每年开展职业培训2.5万人次以上"': '"每年开展职业培训98.5人次以上"',
            "value = 25000": "value = 98.5",
            "At least 25,000 training": "At least 98.5 training",
        }
    )
    facts = json.loads(export(invoke, written))["facts"]
    assert facts[2]["value"] == 98.5


def _from_cells(row: dict[str, str]) -> dict[str, Any]:
    """A CSV/TSV row back into the JSON record it came from."""
    record: dict[str, Any] = {}
    for name in FACT_FIELDS:
        cell = row[name]
        if name in ("entities", "tags"):
            record[name] = cell.split(";") if cell else []
        elif name == "value":
            record[name] = None if cell == "" else (float(cell) if "." in cell else int(cell))
        else:
            record[name] = cell or None
    return record


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "tsv"])
def test_line_formats_parse_back_to_the_json_facts(
    invoke: Invoke, valid_base: Written, fmt: str
) -> None:
    expected = json.loads(export(invoke, valid_base))["facts"]
    text = export(invoke, valid_base, "--format", fmt)
    lines = text.splitlines()
    if fmt == "jsonl":
        assert len(lines) == len(expected)
        assert [json.loads(line) for line in lines] == expected
        return
    assert len(lines) == len(expected) + 1
    delimiter = "\t" if fmt == "tsv" else ","
    assert lines[0] == delimiter.join(FACT_FIELDS)
    rows = csv.DictReader(
        io.StringIO(text), delimiter=delimiter, quoting=csv.QUOTE_NONE if fmt == "tsv" else 0
    )
    assert [_from_cells(row) for row in rows] == expected


def test_format_is_case_insensitive_and_has_a_short_option(
    invoke: Invoke, valid_base: Written
) -> None:
    assert export(invoke, valid_base, "-f", "CSV").startswith("id,section,quote,")


def test_csv_quotes_commas_quotes_and_newlines(invoke: Invoke, write_base: WriteBase) -> None:
    statement = 'Schools work with more than 450 \\"companies\\",\\nsays the article.'
    written = write_base(
        {'"Schools work with more than 450 companies."': f'"{statement}"'},
    )
    text = export(invoke, written, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert (
        rows[1]["statement_en"] == 'Schools work with more than 450 "companies",\nsays the article.'
    )


def test_tsv_keeps_every_record_on_one_line(invoke: Invoke, write_base: WriteBase) -> None:
    written = write_base(
        {
            '"Schools work with more than 450 companies."': (
                '"Schools\\twork\\nwith\\r\\nmore than 450."'
            )
        },
    )
    lines = export(invoke, written, "--format", "tsv").split("\n")
    assert lines[-1] == ""
    assert len(lines[:-1]) == 5
    assert all(line.count("\t") == len(FACT_FIELDS) - 1 for line in lines[:-1])
    assert "\tSchools work with more than 450.\t" in lines[2]


def test_export_with_the_environment_variable(invoke: Invoke, valid_base: Written) -> None:
    result = invoke("export", "--format", "jsonl", env={"JIANGJIN_FACTS": str(valid_base.path)})
    assert result.exit_code == Exit.OK
    assert len(result.stdout.splitlines()) == 4


def test_unknown_format_is_a_usage_error(invoke: Invoke, valid_base: Written) -> None:
    result = invoke("--facts", valid_base.path, "export", "--format", "xml")
    assert result.exit_code == Exit.USAGE
    assert result.stdout == ""
    assert "'xml' is not one of" in usage_message(result.stderr, "export")


# --- the renderers directly -----------------------------------------------------------------------


def test_records_have_the_documented_fields_in_order(valid_base: Written) -> None:
    base = store.load(valid_base.path)
    assert list(machine.fact_record(base.facts[0])) == FACT_FIELDS
    assert tuple(FACT_FIELDS) == machine.FACT_FIELDS
    assert list(machine.section_record(base.sections[0])) == list(machine.SECTION_FIELDS)
    assert list(machine.entity_record(base.entities[0])) == list(machine.ENTITY_FIELDS)
    assert list(machine.source_record(base.sources[0])) == list(machine.SOURCE_FIELDS)
    assert machine.SECTION_FIELDS == ("id", "title", "title_en", "parent", "source")
    assert machine.ENTITY_FIELDS == ("id", "name", "name_en", "kind", "aliases")
    assert machine.SOURCE_FIELDS == (
        "id",
        "title",
        "title_en",
        "publisher",
        "publisher_en",
        "url",
        "published",
        "language",
    )


@pytest.mark.parametrize(
    ("value", "text"), [(None, ""), (2729, "2729"), (25000.0, "25000"), (2.5, "2.5")]
)
def test_format_value(value: float | None, text: str) -> None:
    assert plain_value(value) == text


def test_cells() -> None:
    assert machine.cell(None) == ""
    assert machine.cell(["a", "b"]) == "a;b"
    assert machine.cell([]) == ""
    assert machine.cell(3.0) == "3"
    assert machine.cell(True) == "true"
    assert machine.cell("江津") == "江津"


def test_writers() -> None:
    out = io.StringIO()
    machine.write_plain(["一", "two"], out)
    assert out.getvalue() == "一\ntwo\n"
    out = io.StringIO()
    machine.write_jsonl([{"a": 1, "b": [2.5, None]}], out)
    assert out.getvalue() == '{"a":1,"b":[2.5,null]}\n'
    out = io.StringIO()
    machine.write_json({"名": "江津"}, out)
    assert out.getvalue() == '{\n  "名": "江津"\n}\n'
    out = io.StringIO()
    machine.write_csv([{"a": "x\ty", "b": None}], ["a", "b"], out, "\t")
    assert out.getvalue() == "a\tb\nx y\t\n"
    out = io.StringIO()
    machine.write_csv([{"a": 'say "hi", ok', "b": 1}], ["a", "b"], out)
    assert out.getvalue() == 'a,b\n"say ""hi"", ok",1\n'


# --- export --format sqlite -----------------------------------------------------------------------


def test_sqlite_export_opens_with_the_standard_library(
    invoke: Invoke, valid_base: Written, tmp_path: Path
) -> None:
    target = tmp_path / "facts.sqlite3"
    result = invoke("--facts", valid_base.path, "export", "--format", "sqlite", "--output", target)
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    document = json.loads(export(invoke, valid_base))
    with closing(sqlite3.connect(f"{target.as_uri()}?mode=ro", uri=True)) as db:
        db.row_factory = sqlite3.Row
        rows = db.execute("SELECT * FROM facts ORDER BY position").fetchall()
        facts = [{name: row[name] for name in FACT_FIELDS} for row in rows]
        for fact in facts:
            fact["entities"] = json.loads(fact["entities"])
            fact["tags"] = json.loads(fact["tags"])
        assert facts == document["facts"]
        sources = db.execute("SELECT id, published FROM sources").fetchall()
        assert [tuple(r) for r in sources] == [
            (s["id"], s["published"]) for s in document["sources"]
        ]
        # The query of the README: facts that name an entity, through SQLite's JSON.
        linked = db.execute(
            "SELECT f.id FROM facts f, json_each(f.entities) e WHERE e.value = ?",
            ("jiangjin-district",),
        ).fetchall()
        assert {r[0] for r in linked} == {
            f["id"] for f in document["facts"] if "jiangjin-district" in f["entities"]
        }
        assert linked


def test_sqlite_export_replaces_the_file_and_needs_output(
    invoke: Invoke, valid_base: Written, tmp_path: Path
) -> None:
    target = tmp_path / "out.sqlite3"
    target.write_text("an older export")
    ok = invoke("--facts", valid_base.path, "export", "-f", "sqlite", "-o", target)
    assert ok.exit_code == 0, ok.stderr
    assert target.read_bytes().startswith(b"SQLite format 3\x00")
    for args in (["-f", "sqlite"], ["-f", "json", "-o", str(target)]):
        result = invoke("--facts", valid_base.path, "export", *args)
        assert result.exit_code == Exit.USAGE
        assert result.stderr.startswith("jiangjin: ") and "--output" in result.stderr


def test_sqlite_export_to_an_unwritable_place_exits_74(
    invoke: Invoke, valid_base: Written, tmp_path: Path
) -> None:
    for target in (tmp_path / "no-such-dir" / "x.sqlite3", tmp_path):
        result = invoke("--facts", valid_base.path, "export", "-f", "sqlite", "-o", target)
        assert result.exit_code == Exit.CANNOT_WRITE, result.stderr
        assert result.stderr.startswith("jiangjin: cannot write ")
        assert len(result.stderr.splitlines()) == 1
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".tmp")] == []
