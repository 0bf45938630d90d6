"""Everyday use from scripts and terminals (issue 11): repeated filters, ids that go
back in, `show` on a pipe, the TOML back, CSV for Excel, listings, help, completion."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from jiangjin_cli import store
from jiangjin_cli.cli import app
from jiangjin_cli.model import PERIODS, QUALIFIERS

from conftest import python_env

Invoke = Callable[..., Result]


@pytest.fixture
def run() -> Invoke:
    runner = CliRunner(env={"JIANGJIN_FACTS": None, "JIANGJIN_LANG": None, "COLUMNS": "100"})

    def invoke(*args: str, env: dict[str, str | None] | None = None) -> Result:
        return runner.invoke(app, list(args), env=env)

    return invoke


@pytest.fixture(scope="module")
def exported() -> dict[str, list[dict[str, object]]]:
    result = CliRunner(env={"JIANGJIN_FACTS": None}).invoke(app, ["export", "--format", "json"])
    assert result.exit_code == 0
    document: dict[str, list[dict[str, object]]] = json.loads(result.stdout)
    return document


def plain_ids(result: Result) -> list[str]:
    assert result.exit_code == 0, result.output
    return result.stdout.split()


def in_section(section: object, wanted: str) -> bool:
    return section == wanted or str(section).startswith(wanted + ".")


# --- repeated filters: OR within an option, AND across options -----------------------------------


def test_repeated_tags_keep_facts_with_any_of_them(run: Invoke, exported: dict) -> None:
    got = plain_ids(run("facts", "--tag", "medals", "--tag", "teachers", "-f", "plain"))
    expected = [f["id"] for f in exported["facts"] if {"medals", "teachers"} & set(f["tags"])]
    assert got == expected
    only_medals = plain_ids(run("facts", "--tag", "medals", "-f", "plain"))
    assert set(only_medals) < set(got)


def test_repeated_sections_keep_facts_of_any_of_them(run: Invoke, exported: dict) -> None:
    got = plain_ids(run("facts", "-s", "2.2", "-s", "4", "-f", "plain"))
    expected = [
        f["id"]
        for f in exported["facts"]
        if in_section(f["section"], "2.2") or in_section(f["section"], "4")
    ]
    assert got == expected and len(expected) > 6


def test_repeated_entities_keep_facts_mentioning_any_of_them(run: Invoke, exported: dict) -> None:
    # One by id, one by its Chinese name.
    names = {e["name"]: e["id"] for e in exported["entities"]}
    got = plain_ids(
        run(
            "facts", "-e", "chongqing-industry-and-commerce-school", "-e", "田间学校", "-f", "plain"
        )
    )
    wanted = {"chongqing-industry-and-commerce-school", names["田间学校"]}
    expected = [f["id"] for f in exported["facts"] if wanted & set(f["entities"])]
    assert got == expected and len(expected) > 1


def test_different_filters_must_all_hold(run: Invoke, exported: dict) -> None:
    got = plain_ids(
        run("facts", "-t", "teachers", "-t", "medals", "-s", "2.2", "-s", "3", "-f", "plain")
    )
    expected = [
        f["id"]
        for f in exported["facts"]
        if {"teachers", "medals"} & set(f["tags"])
        and (in_section(f["section"], "2.2") or in_section(f["section"], "3"))
    ]
    assert got == expected and expected


def test_an_unknown_key_among_repeats_is_still_an_error(run: Invoke) -> None:
    result = run("facts", "--tag", "medals", "--tag", "medal-s")
    assert result.exit_code == 1
    assert result.stderr.startswith("jiangjin: unknown tag 'medal-s'; did you mean: medals")


@pytest.mark.parametrize("command", ["facts", "chart"])
def test_help_says_how_repeats_combine(run: Invoke, command: str) -> None:
    lines = run(command, "--help", env={"COLUMNS": "200"}).stdout.splitlines()
    text = " ".join(" ".join(line.strip(" │").split()) for line in lines)
    assert "a fact passes with any of them. Different filters must all hold." in text
    for option in ("--section", "--entity", "--tag", "--period", "--qualifier"):
        # The option's help: its row and the rows it wraps onto, up to the next option.
        start = next(i for i, line in enumerate(lines) if line.startswith(f"│ {option} "))
        end = next(
            (i for i in range(start + 1, len(lines)) if not lines[i].startswith("│   ")),
            len(lines),
        )
        assert "Repeatable" in " ".join(lines[start:end]), option


@pytest.mark.parametrize("period", list(PERIODS))
def test_period_filter(run: Invoke, exported: dict, period: str) -> None:
    expected = [f["id"] for f in exported["facts"] if f["period"] == period]
    result = run("facts", "--period", period, "-f", "plain")
    if expected:
        assert plain_ids(result) == expected
    else:
        assert result.exit_code == 1


@pytest.mark.parametrize("qualifier", list(QUALIFIERS))
def test_qualifier_filter_on_facts_and_chart(run: Invoke, exported: dict, qualifier: str) -> None:
    expected = [
        f["id"]
        for f in exported["facts"]
        if f["value"] is not None and (f["qualifier"] or "exact") == qualifier
    ]
    for command in ("facts", "chart"):
        result = run(command, "--qualifier", qualifier, "-f", "plain")
        if expected:
            assert plain_ids(result) == expected, command
        else:
            assert result.exit_code == 1


def test_period_and_qualifier_refuse_unknown_values(run: Invoke) -> None:
    result = run("chart", "--period", "weekly")
    assert result.exit_code == 2
    assert "per_year" in result.stderr


# --- listing what there is ------------------------------------------------------------------------


def test_tags_with_counts(run: Invoke, exported: dict) -> None:
    counts: dict[str, int] = {}
    for fact in exported["facts"]:
        for tag in set(fact["tags"]):
            counts[tag] = counts.get(tag, 0) + 1
    rows = json.loads(run("tags", "-f", "json").stdout)
    assert {row["tag"]: row["facts"] for row in rows} == counts
    assert [row["facts"] for row in rows] == sorted(counts.values(), reverse=True)
    table = run("tags", "-f", "table", "--lang", "en").stdout
    top = rows[0]
    assert re.search(rf"{re.escape(top['tag'])}\s+{top['facts']}\b", table)
    assert f"{len(counts)} tags" in table


def test_entities_sort_and_limit(run: Invoke, exported: dict) -> None:
    counts = {e["id"]: 0 for e in exported["entities"]}
    for fact in exported["facts"]:
        for ident in set(fact["entities"]):
            counts[ident] += 1
    got = json.loads(run("entities", "--sort", "facts", "--limit", "3", "-f", "json").stdout)
    assert len(got) == 3
    assert [row["facts"] for row in got] == sorted(counts.values(), reverse=True)[:3]
    by_id = plain_ids(run("entities", "--sort", "id", "-f", "plain"))
    assert by_id == sorted(counts)
    table = run("entities", "--limit", "2", "-f", "table", "--lang", "en").stdout
    assert f"Showing 2 of {len(counts)} entities" in table


# --- ids that go back in --------------------------------------------------------------------------


def test_search_plain_gives_fact_ids_only_unless_kind_says(run: Invoke) -> None:
    everything = json.loads(run("search", "华为", "-f", "json").stdout)
    assert {hit["kind"] for hit in everything} > {"fact"}  # entities match too
    facts = [hit["id"] for hit in everything if hit["kind"] == "fact"]
    assert plain_ids(run("search", "华为", "-f", "plain")) == facts
    entities = [hit["id"] for hit in everything if hit["kind"] == "entity"]
    assert plain_ids(run("search", "华为", "-f", "plain", "--kind", "entity")) == entities


@pytest.mark.skipif(sys.platform == "win32", reason="a POSIX shell pipeline")
def test_search_plain_feeds_get_through_xargs() -> None:
    env = python_env(env={"PYTHON": sys.executable})
    line = (
        '"$PYTHON" -m jiangjin_cli search 华为 -f plain'
        ' | xargs "$PYTHON" -m jiangjin_cli get -F quote'
    )
    result = subprocess.run(
        ["sh", "-c", line], env=env, capture_output=True, text=True, encoding="utf-8", check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert lines and all("华为" in line for line in lines)


# --- show on a pipe -------------------------------------------------------------------------------


def test_show_on_a_pipe_prints_field_lines(run: Invoke, exported: dict) -> None:
    result = run("show", "dual-qualified-teachers", "partner-enterprises")
    assert result.exit_code == 0
    cards = result.stdout.split("\n\n")
    assert len(cards) == 2
    fields = dict(line.split("\t", 1) for line in cards[0].splitlines())
    fact = next(f for f in exported["facts"] if f["id"] == "dual-qualified-teachers")
    source = exported["sources"][0]
    section = next(s for s in exported["sections"] if s["id"] == fact["section"])
    assert fields["id"] == fact["id"] and fields["quote"] == fact["quote"]
    assert fields["value"] == str(fact["value"])
    assert fields["source_publisher"] == source["publisher"]
    assert fields["source_published"] == source["published"]
    assert fields["source_url"] == source["url"]
    assert section["title"] in fields["section_title"]
    assert section["title_en"] in fields["section_title_en"]
    names = {e["id"]: e["name"] for e in exported["entities"]}
    assert fields["entity_names"] == ";".join(names[e] for e in fact["entities"])


def test_show_with_a_format_keeps_the_records(run: Invoke) -> None:
    tsv = run("show", "dual-qualified-teachers", "-f", "tsv").stdout.splitlines()
    assert tsv[0].startswith("id\tsection\tquote")
    assert len(tsv) == 2
    assert (
        json.loads(run("show", "dual-qualified-teachers", "-f", "json").stdout)[0]["value"] == 2729
    )


# --- the TOML back, CSV for Excel -----------------------------------------------------------------


def test_export_toml_is_the_file_byte_for_byte(run: Invoke, tmp_path: Path) -> None:
    result = run("export", "--format", "toml")
    assert result.exit_code == 0
    assert result.stdout_bytes == store.default_path().read_bytes()
    # The copy is a base of its own.
    copy = tmp_path / "mine.toml"
    copy.write_bytes(result.stdout_bytes)
    assert run("--facts", str(copy), "validate").exit_code == 0


def test_export_toml_of_another_base(run: Invoke, tmp_path: Path) -> None:
    source = store.default_path().read_bytes().replace(b"\n", b"\r\n")
    path = tmp_path / "crlf.toml"
    path.write_bytes(source)
    result = run("--facts", str(path), "export", "-f", "toml")
    assert result.exit_code == 0
    assert result.stdout_bytes == source


@pytest.mark.parametrize("command", [["export"], ["facts", "--tag", "medals"]])
def test_csv_excel_has_a_byte_order_mark(run: Invoke, command: list[str]) -> None:
    result = run(*command, "-f", "csv-excel")
    assert result.exit_code == 0
    data = result.stdout_bytes
    assert data.startswith(b"\xef\xbb\xbf")
    plain = run(*command, "-f", "csv").stdout_bytes
    assert data[3:] == plain.replace(b"\n", b"\r\n")
    assert "中职学校" in data.decode("utf-8-sig") or "江津" in data.decode("utf-8-sig")


# --- one "did you mean" --------------------------------------------------------------------------


def test_entities_and_facts_suggest_the_same(run: Invoke) -> None:
    typo = "Jiangnan Vocational Schol"
    one = run("entities", typo)
    two = run("facts", "--entity", typo)
    assert one.exit_code == two.exit_code == 1
    assert one.stderr == two.stderr
    assert "did you mean: " in one.stderr


# --- help -----------------------------------------------------------------------------------------


def test_top_level_help_has_examples(run: Invoke) -> None:
    text = run("--help", env={"COLUMNS": "120"}).stdout
    assert "Examples:" in text
    assert "jiangjin facts --tag medals" in text
    assert "jiangjin search 江津区有多少双师型教师" in text
    assert "| xargs jiangjin get" in text


def _params() -> list[tuple[str, object]]:
    import typer.main

    group = typer.main.get_command(app)
    ctx = group.make_context("jiangjin", ["facts"], resilient_parsing=True)
    found = []
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        found.extend((name, param) for param in command.params)
    return found


def test_every_positional_argument_has_help() -> None:
    arguments = [(name, p) for name, p in _params() if p.param_type_name == "argument"]
    assert len(arguments) >= 7
    for name, param in arguments:
        assert getattr(param, "help", None), f"{name} {param.name}"


def test_a_short_option_means_one_thing_everywhere() -> None:
    meaning: dict[str, set[str]] = {}
    for _, param in _params():
        longs = [o for o in param.opts if o.startswith("--")]
        for short in (o for o in param.opts if re.fullmatch(r"-\w", o)):
            meaning.setdefault(short, set()).update(longs)
    assert meaning, "no short options found"
    assert all(len(longs) == 1 for longs in meaning.values()), meaning


@pytest.mark.parametrize("command", ["cite", "export"])
def test_lang_help_says_what_it_changes(run: Invoke, command: str) -> None:
    text = " ".join(run(command, "--help", env={"COLUMNS": "200"}).stdout.split())
    default = "Language of tables and cards"
    assert "--lang" in text and default not in text


# --- completion -----------------------------------------------------------------------------------


def complete(words: str) -> list[str]:
    env = {
        "_JIANGJIN_COMPLETE": "complete_bash",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(words.split()) - (0 if words.endswith(" ") else 1)),
        "JIANGJIN_FACTS": None,
    }
    result = CliRunner().invoke(app, [], env=env)
    return result.stdout.split()


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("jiangjin get x --field quo", ["quote"]),
        ("jiangjin get x -F statement", ["statement_en"]),
        ("jiangjin search x --kind ", ["fact", "entity", "section"]),
        ("jiangjin entities --kind sch", ["school"]),
        ("jiangjin cite --style ", ["gbt7714", "apa", "bibtex", "text"]),
        ("jiangjin facts --format j", ["json", "jsonl"]),
        ("jiangjin export --format t", ["tsv", "toml"]),
        ("jiangjin facts --period per", ["per_year"]),
    ],
)
def test_choices_complete(words: str, expected: list[str]) -> None:
    assert complete(words) == expected


def test_entity_completes_chinese_names_and_ids() -> None:
    assert "重庆工商学校" in complete("jiangjin facts --entity 重庆工")
    assert "chongqing-industry-and-commerce-school" in complete("jiangjin facts -e chongqing-ind")
    assert "田间学校" in complete("jiangjin entities 田")


def test_completion_through_the_real_script() -> None:
    env = python_env(
        env={
            "_JIANGJIN_COMPLETE": "complete_bash",
            "COMP_WORDS": "jiangjin facts --entity 田间",
            "COMP_CWORD": "3",
        }
    )
    result = subprocess.run(
        [sys.executable, "-m", "jiangjin_cli"],
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert "田间学校" in result.stdout.split(), result.stderr


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_the_readme_completion_lines_give_a_script(shell: str) -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text("utf-8")
    assert f"_JIANGJIN_COMPLETE=source_{shell} jiangjin" in readme
    result = CliRunner().invoke(app, [], env={"_JIANGJIN_COMPLETE": f"source_{shell}"})
    assert result.exit_code == 0
    assert "_JIANGJIN_COMPLETE=complete_" in result.stdout
