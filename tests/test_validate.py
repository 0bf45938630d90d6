"""`jiangjin validate`: one test per rule, each with a fact base that breaks it."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

import jiangjin_cli
from jiangjin_cli import store
from jiangjin_cli.errors import Exit, FactBaseError
from jiangjin_cli.model import Problem
from jiangjin_cli.store import locate
from jiangjin_cli.store.against import validate_against_text
from jiangjin_cli.store.locate import Locator

from conftest import ARTICLE, RECORD_COUNTS, VALID_TOML, Written, edit, run_python, usage_message

Invoke = Callable[..., Result]
WriteBase = Callable[..., Written]


def error_lines(result: Result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.strip()]


# --- the valid base -------------------------------------------------------------------------------


def test_valid_base_passes_with_a_one_line_summary(invoke: Invoke, valid_base: Written) -> None:
    result = invoke("validate", valid_base.path)
    assert result.exit_code == Exit.OK, result.stderr
    assert result.stderr == ""
    assert result.stdout == f"{valid_base.path}: valid: 4 facts, 2 entities, 3 sections, 1 source\n"


def test_valid_base_loads_every_record_in_file_order(valid_base: Written) -> None:
    base = store.load(valid_base.path)
    counts = {kind: len(getattr(base, kind)) for kind in RECORD_COUNTS}
    assert counts == RECORD_COUNTS
    assert [fact.id for fact in base.facts] == [
        "dual-qualified-teachers",
        "enterprise-partners",
        "training-attendances",
        "one-plus-x",
    ]
    fact = base.fact_by_id["training-attendances"]
    assert fact.entities == ("jiangjin-district", "chongqing-technology-and-business-school")
    assert fact.line == valid_base.line('id = "training-attendances"') - 1
    assert base.section("demo-source", "2.2").parent == "2"  # type: ignore[union-attr]
    assert base.sources[0].published.isoformat() == "2024-09-09"


def test_whole_float_values_load_as_ints(write_base: WriteBase) -> None:
    written = write_base({"value = 25000\n": "value = 25000.0\n"})
    value = store.load(written.path).fact_by_id["training-attendances"].value
    assert value == 25000
    assert isinstance(value, int)


def test_the_shipped_base_is_valid(invoke: Invoke) -> None:
    """`jiangjin validate` with no arguments checks the shipped fact base."""
    assert store.default_path().is_file(), f"no shipped fact base at {store.default_path()}"
    result = invoke("validate")
    assert result.exit_code == Exit.OK, result.stderr
    assert ": valid: " in result.stdout


def test_facts_option_and_environment_choose_the_base(
    invoke: Invoke, write_base: WriteBase
) -> None:
    broken = write_base({"value = 2729": "value = 2728"})
    assert invoke("--facts", broken.path, "validate").exit_code == Exit.NO_MATCH
    assert invoke("validate", env={"JIANGJIN_FACTS": str(broken.path)}).exit_code == 1
    fine = write_base(name="fine.toml")
    # A path given to validate wins over both.
    result = invoke("--facts", broken.path, "validate", fine.path)
    assert result.exit_code == Exit.OK, result.stderr


# --- one rule, one broken base --------------------------------------------------------------------

# (test id, edits, snippet on the reported line, record, field, words of the message)
RULE_CASES: list[tuple[str, dict[str, str], str, str | None, str | None, str]] = [
    (
        "unknown-top-level-key",
        {"schema_version = 1\n": 'schema_version = 1\ncolour = "red"\n'},
        "colour =",
        "colour",
        None,
        "unknown top-level key; allowed: schema_version, sources, sections, entities, facts",
    ),
    (
        "schema-version-missing",
        {"schema_version = 1\n": "\n"},
        "\n",
        None,
        None,
        "missing schema_version; expected schema_version = 1",
    ),
    (
        "schema-version-unsupported",
        {"schema_version = 1\n": "schema_version = 2\n"},
        "schema_version",
        "schema_version",
        None,
        "unsupported schema_version 2",
    ),
    (
        "schema-version-string",
        {"schema_version = 1\n": 'schema_version = "1"\n'},
        "schema_version",
        "schema_version",
        None,
        'must be the integer 1, found a string ("1")',
    ),
    (
        "schema-version-boolean",
        {"schema_version = 1\n": "schema_version = true\n"},
        "schema_version",
        "schema_version",
        None,
        "must be the integer 1, found a boolean (true)",
    ),
    (
        "unknown-field",
        {'qualifier = "exact"': 'qualifier = "exact"\nqualifer = "exact"'},
        "qualifer =",
        "dual-qualified-teachers",
        "qualifer",
        'unknown field (did you mean "qualifier"?); allowed: id, section, quote, statement_en',
    ),
    (
        "required-field-missing",
        {'statement_en = "Schools work with more than 450 companies."\n': ""},
        '[[facts]]\nid = "enterprise-partners"',
        "enterprise-partners",
        None,
        'missing required field "statement_en"',
    ),
    (
        "text-wrong-type",
        {'title = "坚持内涵发展"': "title = 2"},
        "title = 2",
        "2",
        "title",
        "must be a string, found an integer (2)",
    ),
    (
        "text-empty",
        {'quote = "构建“1+X”课程体系"': 'quote = "   "'},
        'quote = "   "',
        "one-plus-x",
        "quote",
        "must not be empty or only whitespace",
    ),
    (
        "list-not-an-array",
        {'tags = ["curriculum"]': 'tags = "curriculum"'},
        'tags = "curriculum"',
        "one-plus-x",
        "tags",
        'must be an array of strings like ["a", "b"], found a string ("curriculum")',
    ),
    (
        "list-item-not-a-string",
        {'entities = ["jiangjin-district"]': 'entities = ["jiangjin-district", 3]'},
        'entities = ["jiangjin-district", 3]',
        "dual-qualified-teachers",
        "entities",
        "item 1 must be a string, found an integer (3)",
    ),
    (
        "list-item-empty",
        {'aliases = ["Jiangjin"]': 'aliases = ["Jiangjin", " "]'},
        "aliases =",
        "jiangjin-district",
        "aliases",
        "item 1 must not be empty or only whitespace",
    ),
    (
        "value-boolean",
        {"value = 2729": "value = true"},
        "value = true",
        "dual-qualified-teachers",
        "value",
        "must be a number (an integer or a float), found a boolean (true)",
    ),
    (
        "value-string",
        {"value = 2729": 'value = "2729"'},
        'value = "2729"',
        "dual-qualified-teachers",
        "value",
        'must be a number (an integer or a float), found a string ("2729")',
    ),
    (
        "value-not-finite",
        {"value = 2729": "value = nan"},
        "value = nan",
        "dual-qualified-teachers",
        "value",
        "must be a finite number, found nan",
    ),
    (
        "published-string",
        {"published = 2024-09-09": 'published = "2024-09-09"'},
        "published =",
        "demo-source",
        "published",
        "must be a date written without quotes, like 2024-09-09",
    ),
    (
        "published-date-time",
        {"published = 2024-09-09": "published = 2024-09-09T08:00:00"},
        "published =",
        "demo-source",
        "published",
        "found a date-time",
    ),
    (
        "qualifier-unknown",
        {'qualifier = "exact"': 'qualifier = "roughly"'},
        'qualifier = "roughly"',
        "dual-qualified-teachers",
        "qualifier",
        'unknown qualifier "roughly"; expected one of: exact, at_least, more_than',
    ),
    (
        "qualifier-missing-with-value",
        {'qualifier = "more_than"\n': ""},
        '[[facts]]\nid = "enterprise-partners"',
        "enterprise-partners",
        None,
        'missing "qualifier": a fact with a value needs unit, unit_en, qualifier',
    ),
    (
        "unit-missing-with-value",
        {'unit = "名"\n': ""},
        '[[facts]]\nid = "dual-qualified-teachers"',
        "dual-qualified-teachers",
        None,
        'missing "unit": a fact with a value needs unit, unit_en, qualifier',
    ),
    (
        "unit-en-missing-with-value",
        {'unit_en = "companies"\n': ""},
        '[[facts]]\nid = "enterprise-partners"',
        "enterprise-partners",
        None,
        'missing "unit_en"',
    ),
    (
        "unit-without-value",
        {'tags = ["curriculum"]': 'tags = ["curriculum"]\nunit = "门"'},
        'unit = "门"',
        "one-plus-x",
        "unit",
        "unit without a value: add value = ... or remove unit",
    ),
    (
        "qualifier-without-value",
        {'tags = ["curriculum"]': 'tags = ["curriculum"]\nqualifier = "exact"'},
        'qualifier = "exact"\nsource',
        "one-plus-x",
        "qualifier",
        "qualifier without a value",
    ),
    (
        "period-unknown",
        {'period = "per_year"': 'period = "yearly"'},
        'period = "yearly"',
        "training-attendances",
        "period",
        'unknown period "yearly"; expected one of: per_year, past_year, past_two_years, past_three',
    ),
    (
        "entity-kind-unknown",
        {'kind = "school"': 'kind = "schools"'},
        'kind = "schools"',
        "chongqing-technology-and-business-school",
        "kind",
        'unknown kind "schools" (did you mean "school"?); expected one of: place, government',
    ),
    (
        "fact-id-not-kebab-case",
        {'id = "one-plus-x"': 'id = "One_Plus_X"'},
        'id = "One_Plus_X"',
        "One_Plus_X",
        "id",
        '"One_Plus_X" is not kebab-case; expected lowercase letters and digits',
    ),
    (
        "entity-id-not-kebab-case",
        {'id = "jiangjin-district"': 'id = "jiangjin--district"'},
        'id = "jiangjin--district"',
        "jiangjin--district",
        "id",
        "is not kebab-case",
    ),
    (
        "section-id-not-numbers",
        {'id = "0"': 'id = "0.a"'},
        'id = "0.a"',
        "0.a",
        "id",
        '"0.a" is not a section number; expected numbers joined by dots, like "2" or "2.2"',
    ),
    (
        "fact-id-duplicate",
        {'id = "one-plus-x"': 'id = "enterprise-partners"'},
        'id = "enterprise-partners"\nsection = "0"',
        "enterprise-partners",
        "id",
        'duplicate id "enterprise-partners": another [[facts]] has it (first at line',
    ),
    (
        "section-id-duplicate",
        {'id = "0"': 'id = "2"'},
        'id = "2"\ntitle = "坚持',
        "2",
        "id",
        'duplicate id "2": another [[sections]] has it',
    ),
    (
        "fact-section-unknown",
        {'section = "0"': 'section = "0.1"'},
        'section = "0.1"',
        "one-plus-x",
        "section",
        'unknown section "0.1"',
    ),
    (
        "fact-section-unknown-with-suggestion",
        {'section = "2"\n': 'section = "2.3"\n'},
        'section = "2.3"',
        "enterprise-partners",
        "section",
        'unknown section "2.3" (did you mean "2.2"?); no [[sections]] has this id',
    ),
    (
        "fact-source-unknown",
        {'tags = ["curriculum"]\nsource = "demo-source"': 'tags = ["curriculum"]\nsource = "demo"'},
        'source = "demo"',
        "one-plus-x",
        "source",
        'unknown source "demo"',
    ),
    (
        "fact-entity-unknown",
        {'entities = ["jiangjin-district"]': 'entities = ["jiangjin-distric"]'},
        'entities = ["jiangjin-distric"]',
        "dual-qualified-teachers",
        "entities",
        'unknown entity "jiangjin-distric" (did you mean "jiangjin-district"?)',
    ),
    (
        "section-parent-unknown",
        {'id = "2.2"': 'id = "3.2"', 'parent = "2"': 'parent = "3"'},
        'parent = "3"',
        "3.2",
        "parent",
        'unknown section "3"',
    ),
    (
        "section-parent-not-the-prefix",
        {'parent = "2"': 'parent = "0"'},
        'parent = "0"',
        "2.2",
        "parent",
        'parent "0" does not fit the number: "2.2" sits under "2"',
    ),
    (
        "section-parent-missing",
        {'parent = "2"\n': ""},
        '[[sections]]\nid = "2.2"',
        "2.2",
        None,
        'missing parent: section "2.2" sits under "2"; add parent = "2"',
    ),
    (
        "top-level-section-with-parent",
        {'title_en = "Quality first"': 'title_en = "Quality first"\nparent = "0"'},
        'parent = "0"',
        "2",
        "parent",
        'top-level section "2" must not have a parent (found "0")',
    ),
    (
        "value-not-in-quote",
        {"value = 2729": "value = 2728"},
        "value = 2728",
        "dual-qualified-teachers",
        "value",
        "value 2728 is not a number the quote writes (the quote has 2729)",
    ),
    (
        "value-not-in-base-units",
        {"value = 25000": "value = 2.5"},
        "value = 2.5",
        "training-attendances",
        "value",
        "value 2.5 is not a number the quote writes (the quote has 25000); "
        "values are in base units, so 2.5万 is 25000",
    ),
    (
        "tag-not-kebab-case",
        {'tags = ["curriculum"]': 'tags = ["Curriculum Design"]'},
        'tags = ["Curriculum',
        "one-plus-x",
        "tags",
        'tag "Curriculum Design" is not kebab-case',
    ),
    (
        "tag-listed-twice",
        {'tags = ["training", "teachers"]': 'tags = ["training", "teachers", "training"]'},
        'tags = ["training",',
        "training-attendances",
        "tags",
        '"training" is listed more than once',
    ),
    (
        "url-not-a-web-address",
        {'url = "https://example.org/jiangjin"': 'url = "example.org/jiangjin"'},
        "url =",
        "demo-source",
        "url",
        '"example.org/jiangjin" is not a web address',
    ),
]


@pytest.mark.parametrize(
    ("edits", "snippet", "record", "field", "message"),
    [pytest.param(*case[1:], id=case[0]) for case in RULE_CASES],
)
def test_rule(
    invoke: Invoke,
    write_base: WriteBase,
    edits: dict[str, str],
    snippet: str,
    record: str | None,
    field: str | None,
    message: str,
) -> None:
    written = write_base(edits)
    result = invoke("validate", written.path)

    assert result.exit_code == Exit.NO_MATCH, result.stdout + result.stderr
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    lines = error_lines(result)
    assert len(lines) >= 2
    where = f"jiangjin: {written.path}:{written.line(snippet)}:"
    what = f" {record}{'.' + field if field else ''}:" if record else ""
    expected_start = where + what + " "
    matching = [line for line in lines if line.startswith(expected_start) and message in line]
    assert matching, f"no line starts {expected_start!r} and has {message!r}:\n{result.stderr}"
    assert lines[-1].startswith(f"jiangjin: {written.path}: invalid: ")


def test_each_mistake_is_reported_once(invoke: Invoke, write_base: WriteBase) -> None:
    """A value of the wrong type is not also reported by the rules that read it."""
    written = write_base({"value = 2729": 'value = "2729"'})
    lines = error_lines(invoke("validate", written.path))
    assert len(lines) == 2, lines  # the problem and the count
    assert lines[-1].endswith("invalid: 1 problem")


def test_every_problem_is_reported_at_once_in_line_order(
    invoke: Invoke, write_base: WriteBase
) -> None:
    written = write_base(
        {
            "schema_version = 1\n": "schema_version = 3\n",
            'kind = "school"': 'kind = "college"',
            "value = 2729": "value = 1",
            'period = "per_year"': 'period = "daily"',
            'section = "0"': 'section = "9"',
        }
    )
    result = invoke("validate", written.path)
    assert result.exit_code == Exit.NO_MATCH
    problems = error_lines(result)[:-1]
    assert len(problems) == 5, problems
    lines = [int(line.split(":")[2]) for line in problems]
    assert lines == sorted(lines)
    assert error_lines(result)[-1] == f"jiangjin: {written.path}: invalid: 5 problems"


def test_records_without_an_id_are_named_by_their_place(
    invoke: Invoke, write_base: WriteBase
) -> None:
    written = write_base({'id = "enterprise-partners"\n': ""})
    lines = error_lines(invoke("validate", written.path))
    line = written.line('[[facts]]\nsection = "2"\n')
    expected = f'jiangjin: {written.path}:{line}: facts[1]: missing required field "id"'
    assert expected in lines


def test_kinds_must_be_arrays_of_tables(invoke: Invoke, write_base: WriteBase) -> None:
    text = 'schema_version = 1\nsources = "none"\n\n[sections]\nid = "1"\n'
    written = write_base(text=text)
    result = invoke("validate", written.path)
    assert result.exit_code == Exit.NO_MATCH
    stderr = result.stderr
    expected = f"{written.path}:2: sources: must be an array of tables, each written [[sources]]"
    assert f"{expected}, found a string" in stderr
    assert f"{written.path}:4: sections: must be an array of tables" in stderr
    assert "[[sections]], found a table" in stderr


def test_array_items_must_be_tables(invoke: Invoke, write_base: WriteBase) -> None:
    written = write_base(text="schema_version = 1\nfacts = [1, {}]\n")
    result = invoke("validate", written.path)
    assert result.exit_code == Exit.NO_MATCH
    assert f"{written.path}:2: facts[0]: must be a table written [[facts]]" in result.stderr
    assert f'{written.path}:2: facts[1]: missing required field "id"' in result.stderr


# --- warnings -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("escape", "name"),
    [
        ("\\u202e", "U+202E RIGHT-TO-LEFT OVERRIDE"),
        ("\\u2066", "U+2066 LEFT-TO-RIGHT ISOLATE"),
        ("\\u0007", "U+0007"),
        ("\\u0085", "U+0085"),
        ("\\u007f", "U+007F"),
        # Escapes other than \u, and the characters written as they are: the text is
        # scanned for either before the strings are.
        ("\\b", "U+0008"),
        ("\\f", "U+000C"),
        ("\u202e", "U+202E RIGHT-TO-LEFT OVERRIDE"),
        ("\u0085", "U+0085"),
    ],
)
def test_control_characters_are_warnings_not_errors(
    invoke: Invoke, write_base: WriteBase, escape: str, name: str
) -> None:
    written = write_base(
        {'"The district has trained': f'"The district{escape} has trained'},
    )
    result = invoke("validate", written.path)
    assert result.exit_code == Exit.OK, result.stderr
    assert result.stdout.startswith(f"{written.path}: valid: ")
    line = written.line("The district")
    prefix = f"jiangjin: warning: {written.path}:{line}: dual-qualified-teachers.statement_en:"
    assert error_lines(result) == [error_lines(result)[0]]
    assert error_lines(result)[0].startswith(prefix)
    assert name in result.stderr


def test_tabs_and_newlines_are_not_warned_about(invoke: Invoke, write_base: WriteBase) -> None:
    written = write_base({'"The district has trained': '"The\\tdistrict\\nhas trained'})
    result = invoke("validate", written.path)
    assert result.exit_code == Exit.OK
    assert result.stderr == ""


def test_warnings_are_shown_beside_errors(invoke: Invoke, write_base: WriteBase) -> None:
    written = write_base({'name = "江津区"': 'name = "江津\\u202e区"', "value = 2729": "value = 1"})
    result = invoke("validate", written.path)
    assert result.exit_code == Exit.NO_MATCH
    assert "jiangjin: warning: " in result.stderr
    assert "value 1 is not a number the quote writes" in result.stderr


# --- against the article text ---------------------------------------------------------------------


def test_source_text_with_every_quote_passes(
    invoke: Invoke, valid_base: Written, tmp_path: Path
) -> None:
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    result = invoke("validate", valid_base.path, "--source", f"demo-source={article}")
    assert result.exit_code == Exit.OK, result.stderr
    assert result.stdout.rstrip().endswith(f"; 4 quotes of demo-source found in {article}")


def test_source_text_missing_a_quote_lists_it(
    invoke: Invoke, valid_base: Written, tmp_path: Path
) -> None:
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE.replace("2729", "2,729").replace("开展合作", "开展\n合作"), "utf-8")
    result = invoke("validate", valid_base.path, "--source", f"demo-source={article}")
    assert result.exit_code == Exit.NO_MATCH
    assert result.stdout == ""
    lines = error_lines(result)
    teachers = valid_base.line('id = "dual-qualified-teachers"') - 1
    assert lines[0] == (
        f"jiangjin: {valid_base.path}:{teachers}: dual-qualified-teachers.quote: quote not found "
        "verbatim in the text of demo-source: “培养“双师型”教师2729名”"
    )
    assert lines[1].endswith("(it is there if whitespace and full-width forms are ignored)")
    assert lines[-1] == (f"jiangjin: {valid_base.path}: 2 problems against the source text")


def test_validate_against_text_checks_only_that_source(valid_base: Written) -> None:
    base = store.load(valid_base.path)
    assert validate_against_text(base, "demo-source", ARTICLE) == []
    assert validate_against_text(base, "another-source", "") == []
    missing = validate_against_text(base, "demo-source", ARTICLE.replace("“1+X”", "1+X"))
    assert [problem.record for problem in missing] == ["one-plus-x"]


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("demo-source", "expected ID=TEXTFILE"),
        ("=article.txt", "expected ID=TEXTFILE"),
        ("other-source=article.txt", "no source 'other-source'"),
    ],
)
def test_source_option_usage_errors(
    invoke: Invoke,
    valid_base: Written,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    spec: str,
    message: str,
) -> None:
    (tmp_path / "article.txt").write_text(ARTICLE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = invoke("validate", valid_base.path, "--source", spec)
    assert result.exit_code == Exit.USAGE
    assert message in usage_message(result.stderr, "validate")


def test_source_text_unreadable(invoke: Invoke, valid_base: Written, tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.txt"
    result = invoke("validate", valid_base.path, "--source", f"demo-source={missing}")
    assert result.exit_code == Exit.USAGE
    assert error_lines(result) == [f"jiangjin: {missing}: no such file"]


# --- files that cannot be used at all -------------------------------------------------------------

UNREADABLE: list[tuple[str, bytes | None, str]] = [
    ("empty", b"", "empty file; expected a TOML fact base"),
    ("blank", b"  \n\n", "empty file"),
    ("not-utf8", 'schema_version = 1\ntitle = "江'.encode("gb18030") + b'"\n', ":2:10: not UTF-8"),
    ("binary", b"schema_version = 1\n\x00\x01\x02", ":2:1: binary data (a NUL byte at offset 19)"),
    ("utf16", "schema_version = 1\n".encode("utf-16"), "UTF-16 text; save the file as UTF-8"),
    ("invalid-toml", b"schema_version = 1\n[[facts]\nid = 1\n", ":2:8: invalid TOML: Expected"),
    ("unclosed-string", b'schema_version = 1\nid = "abc\n', ":2:10: invalid TOML: "),
    ("duplicate-key", b"a = 1\na = 2\n", "invalid TOML: Cannot overwrite a value"),
    ("deep-nesting", b"a = " + b"[" * 5000 + b"]" * 5000 + b"\n", "nested too deeply"),
]


@pytest.mark.parametrize(
    ("data", "message"), [pytest.param(*case[1:], id=case[0]) for case in UNREADABLE]
)
def test_unreadable_file_exits_2_with_one_line(
    invoke: Invoke, write_base: WriteBase, data: bytes, message: str
) -> None:
    written = write_base(data=data)
    for args in (("validate", written.path), ("--facts", written.path, "export")):
        result = invoke(*args)
        assert result.exit_code == Exit.USAGE, result.stderr
        assert result.stdout == ""
        assert "Traceback" not in result.stderr
        lines = error_lines(result)
        assert len(lines) == 1, lines
        assert lines[0].startswith(f"jiangjin: {written.path}:")
        assert message in lines[0]


def test_missing_file(invoke: Invoke, tmp_path: Path) -> None:
    missing = tmp_path / "missing.toml"
    result = invoke("validate", missing)
    assert result.exit_code == Exit.USAGE
    assert error_lines(result) == [
        f"jiangjin: {missing}: no such file; give a fact base with --facts PATH or $JIANGJIN_FACTS"
    ]


def test_directory_without_toml_files(invoke: Invoke, tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("not a base\n", encoding="utf-8")
    result = invoke("--facts", tmp_path, "export")
    assert result.exit_code == Exit.USAGE
    assert error_lines(result) == [
        f"jiangjin: {tmp_path}: is a directory without *.toml files; "
        "a fact base is a TOML file or a directory of them"
    ]


def test_permission_denied(
    invoke: Invoke, valid_base: Written, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Root reads any file whatever its mode, so refuse the read the way the OS would.
    def refuse(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", refuse)
    result = invoke("validate", valid_base.path)
    assert result.exit_code == Exit.USAGE
    assert error_lines(result) == [
        f"jiangjin: {valid_base.path}: permission denied: cannot read the file"
    ]


def test_a_byte_order_mark_is_accepted(write_base: WriteBase) -> None:
    written = write_base(data=b"\xef\xbb\xbf" + VALID_TOML.encode())
    assert len(store.load(written.path).facts) == 4


def test_other_commands_refuse_an_invalid_base_with_exit_2(
    invoke: Invoke, write_base: WriteBase
) -> None:
    written = write_base({"value = 2729": "value = 2728"})
    result = invoke("--facts", written.path, "export")
    assert result.exit_code == Exit.USAGE
    assert result.stdout == ""
    lines = error_lines(result)
    assert "value 2728 is not a number the quote writes" in lines[0]
    assert lines[-1] == (
        f"jiangjin: {written.path}: cannot use an invalid fact base (1 problem); "
        "see `jiangjin validate`"
    )


# --- the library under the command ----------------------------------------------------------------


def test_load_raises_with_every_problem(write_base: WriteBase) -> None:
    written = write_base({"value = 2729": "value = 2728", 'kind = "place"': 'kind = "town"'})
    with pytest.raises(FactBaseError) as caught:
        store.load(written.path)
    assert not caught.value.unreadable
    assert {problem.field for problem in caught.value.problems} == {"value", "kind"}
    assert all(isinstance(problem, Problem) for problem in caught.value.problems)


def test_load_raises_unreadable(tmp_path: Path) -> None:
    with pytest.raises(FactBaseError) as caught:
        store.load(tmp_path / "nope.toml")
    assert caught.value.unreadable
    assert len(caught.value.problems) == 1


def test_resolve_paths_order(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("JIANGJIN_FACTS", raising=False)
    assert store.resolve_paths(None) == [store.default_path()]
    monkeypatch.setenv("JIANGJIN_FACTS", str(tmp_path / "env.toml"))
    assert store.resolve_paths(None) == [tmp_path / "env.toml"]
    assert store.resolve_paths(str(tmp_path / "opt.toml")) == [tmp_path / "opt.toml"]
    assert store.resolve_paths([tmp_path / "a.toml", tmp_path / "b"]) == [
        tmp_path / "a.toml",
        tmp_path / "b",
    ]
    both = os.pathsep.join([str(tmp_path / "a.toml"), "", str(tmp_path / "b.toml")])
    monkeypatch.setenv("JIANGJIN_FACTS", both)
    assert store.resolve_paths(None) == [tmp_path / "a.toml", tmp_path / "b.toml"]


def test_default_path_is_in_the_package_or_beside_it() -> None:
    package = Path(jiangjin_cli.__file__).resolve().parent
    path = store.default_path()
    assert path.name == "facts.toml"
    assert path.resolve().parent in {package, package.parent}


def test_locator_ignores_headers_inside_strings_and_arrays() -> None:
    text = (
        "schema_version = 1\n"
        "[[facts]]\n"
        'id = "a"\n'
        'quote = """\n'
        "[[facts]]\n"
        'id = "fake"\n'
        '"""\n'
        "tags = [\n"
        '  "x",\n'
        "]\n"
        "'section' = '1'\n"
        "[[facts]]  # the second\n"
        'id = "b"\n'
    )
    locator = Locator("f.toml", text)
    assert locator.record_line("facts", 0) == 2
    assert locator.record_line("facts", 1) == 12
    assert locator.field_line("facts", 0, "quote") == 4
    assert locator.field_line("facts", 0, "tags") == 8
    assert locator.field_line("facts", 0, "section") == 11
    assert locator.field_line("facts", 1, "id") == 13
    assert locator.field_line("facts", 1, "missing") == 12
    assert locator.key_line("schema_version") == 1
    assert locator.record_line("facts", 5) is None


def test_the_rules_are_the_ones_tested_here() -> None:
    """A new rule in validate.py needs a case above; this list is the reminder."""
    from jiangjin_cli.store import meaning, validate, warnings

    rules = (*validate.RULES, *warnings.WARNING_RULES, *meaning.MEANING_RULES)
    names = {rule.__name__ for rule in rules}
    assert names == {
        "check_top_level",
        "check_fields",
        "check_ids",
        "check_vocabularies",
        "check_value_companions",
        "check_references",
        "check_section_sources",  # with the bases of several files, in test_multi.py
        "check_section_parents",
        "check_value_in_quote",
        "check_lists",
        "check_urls",
        "check_control_characters",
        # The rules of meaning, run by check_meaning, tested in test_meaning.py.
        "check_meaning",
        "check_qualifier",
        "check_unit",
        "check_period",
        "check_statement",
    }


def test_edit_helper_refuses_a_missing_snippet() -> None:
    with pytest.raises(AssertionError):
        edit(VALID_TOML, {"not in the base": ""})


def test_locator_follows_strings_comments_and_nested_brackets() -> None:
    text = (
        "schema_version = 1  # [[facts]] in a comment\n"  # 1
        "[[facts]]\n"  # 2
        "quote = '''\n"  # 3
        "[[facts]]\n"  # 4: inside a literal multi-line string
        "'''\n"  # 5
        'statement_en = "say \\"[[facts]]\\" and ] and ["\n'  # 6
        "entities = [\n"  # 7
        '  "a]", # ] [\n'  # 8
        '  "b[",\n'  # 9
        "]\n"  # 10
        'note = """a \\""" b\n'  # 11: an escaped quote does not close it
        "[[facts]]\n"  # 12: still inside
        '"""\n'  # 13
        '"value" = 1\n'  # 14
        "[[facts]] # the second\n"  # 15
        "[[ sections ]]\n"  # 16
        "id = '1'\n"  # 17
    )
    locator = Locator("f.toml", text)
    assert [locator.record_line("facts", i) for i in range(3)] == [2, 15, None]
    assert locator.field_line("facts", 0, "statement_en") == 6
    assert locator.field_line("facts", 0, "entities") == 7
    assert locator.field_line("facts", 0, "note") == 11
    assert locator.field_line("facts", 0, "value") == 14
    assert locator.record_line("sections", 0) == 16
    assert locator.field_line("sections", 0, "id") == 17


# --- which file was checked -------------------------------------------------------------------


def test_validate_names_the_packaged_base_in_full_and_not_a_local_one(tmp_path: Path) -> None:
    """./facts.toml is never used by default: validate says which base it checked, in
    full, and how to check the local one instead."""
    shipped = store.default_path().read_text(encoding="utf-8")
    local = tmp_path / "facts.toml"
    local.write_text(shipped.replace("value = 2729", "value = 2728"), encoding="utf-8")

    checked = run_python(["-m", "jiangjin_cli", "validate"], cwd=tmp_path)
    assert checked.returncode == Exit.OK, checked.stderr
    assert checked.stdout.startswith(f"{store.default_path()} (the packaged fact base): valid: ")
    assert checked.stderr == (
        f"jiangjin: note: {local} was not checked (jiangjin reads the packaged base unless "
        "told); check it with `jiangjin validate facts.toml` or --facts facts.toml\n"
    )

    # The local file, named by its relative path, is reported by its full path.
    mine = run_python(["-m", "jiangjin_cli", "validate", "facts.toml"], cwd=tmp_path)
    assert mine.returncode == Exit.NO_MATCH
    lines = mine.stderr.splitlines()
    assert lines and all(line.startswith(f"jiangjin: {local}:") for line in lines), lines
    assert "value 2728 is not a number the quote writes" in mine.stderr

    # Every other command too reads the packaged base unless told, and names the one told.
    answered = run_python(["-m", "jiangjin_cli", "get", "dual-qualified-teachers"], cwd=tmp_path)
    assert answered.stdout == "2729\n"
    refused = run_python(["-m", "jiangjin_cli", "--facts", "facts.toml", "facts"], cwd=tmp_path)
    assert refused.returncode == Exit.USAGE
    assert refused.stderr.splitlines()[-1].startswith(f"jiangjin: {local}: cannot use")


def test_validate_without_a_local_base_adds_no_note(tmp_path: Path) -> None:
    checked = run_python(["-m", "jiangjin_cli", "validate"], cwd=tmp_path)
    assert checked.returncode == Exit.OK
    assert checked.stderr == ""


def test_validate_says_the_base_came_from_the_option_or_environment(
    invoke: Invoke, valid_base: Written
) -> None:
    result = invoke("validate", env={"JIANGJIN_FACTS": str(valid_base.path)})
    assert result.stdout.startswith(f"{valid_base.path} (from --facts or $JIANGJIN_FACTS): valid")


def test_a_valid_base_is_read_without_the_line_by_line_scan(
    valid_base: Written, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The scan locates reported problems; a valid base gets its record lines from
    its headers alone (the scan was most of a cold run on a large base)."""
    monkeypatch.setenv("JIANGJIN_NO_CACHE", "1")
    expected = store.load(valid_base.path)

    def no_scan(_text: str) -> object:
        raise AssertionError("the whole text was scanned")

    monkeypatch.setattr(locate, "_statement_lines", no_scan)
    again = store.load(valid_base.path)
    assert [f.line for f in again.facts] == [f.line for f in expected.facts]
    lines = valid_base.text.split("\n")
    assert all(lines[f.line - 1].strip() == "[[facts]]" for f in again.facts)


def test_a_header_inside_a_string_falls_back_to_the_scan() -> None:
    text = 'note = """\n[[facts]]\n"""\n[[facts]]\nid = "a"\n'
    locator = Locator("x.toml", text)
    assert locator.record_lines("facts", 1) == [4]
