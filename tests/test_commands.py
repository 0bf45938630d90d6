"""The lookup commands on the shipped base, as a person (table) and a script (pipe) use them."""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Callable

import pytest
from typer.testing import CliRunner, Result

from jiangjin_cli.cli import app
from jiangjin_cli.render.machine import FACT_FIELDS

from conftest import run_in_terminal, run_python, usage_message

Invoke = Callable[..., Result]
BOX = set("─│┌┐└┘├┤┬┴┼╭╮╯╰━┃")


@pytest.fixture
def run() -> Invoke:
    runner = CliRunner(env={"JIANGJIN_FACTS": None, "JIANGJIN_LANG": None, "COLUMNS": "100"})

    def invoke(*args: str, env: dict[str, str | None] | None = None) -> Result:
        return runner.invoke(app, list(args), env=env)

    return invoke


def export_facts(run: Invoke) -> list[dict[str, object]]:
    result = run("export", "--format", "json")
    assert result.exit_code == 0
    facts: list[dict[str, object]] = json.loads(result.stdout)["facts"]
    return facts


def tsv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE))


def ids_of(result: Result) -> list[str]:
    return [row["id"] for row in tsv_rows(result.stdout)]


# --- facts ----------------------------------------------------------------------------------------


def test_facts_piped_is_tab_separated_with_a_header_and_no_decoration(run: Invoke) -> None:
    result = run("facts")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split("\t") == list(FACT_FIELDS)
    assert len(lines) == 1 + 77
    assert "\x1b" not in result.stdout
    assert not BOX & set(result.stdout)
    assert result.stderr == ""


def test_facts_table_for_people(run: Invoke) -> None:
    result = run("facts", "--section", "2.2", "--format", "table")
    assert result.exit_code == 0
    assert "编号" in result.stdout and "原文" in result.stdout
    assert "2,729名" in result.stdout
    assert "80%以上" in result.stdout
    assert "共 6 条事实" in result.stdout
    english = run("facts", "--section", "2.2", "--format", "table", "--lang", "en")
    assert "Statement" in english.stdout and "≥ 80%" in english.stdout
    assert "2,729 teachers" in english.stdout


def test_language_from_the_environment(run: Invoke) -> None:
    result = run("facts", "-s", "1.3", "-f", "table", env={"JIANGJIN_LANG": "en"})
    assert "450+ enterprises" in result.stdout


@pytest.mark.parametrize(
    ("args", "count"),
    [
        (["--section", "2"], 21),
        (["--section", "2.2"], 6),
        (["--section", "0"], 3),
        (["--entity", "重庆工商学校"], 8),
        (["--entity", "chongqing-industry-and-commerce-school"], 8),
        (["--entity", "Huawei"], 1),
        (["--tag", "medals"], 4),
        (["--numeric"], 43),
        (["--numeric", "--section", "3"], 15),
        (["--min", "100", "--max", "1000"], 6),
        (["--tag", "medals", "--min", "40"], 2),
        (["--limit", "3"], 3),
    ],
)
def test_facts_filters_combine(run: Invoke, args: list[str], count: int) -> None:
    result = run("facts", *args)
    assert result.exit_code == 0, result.stderr
    assert len(ids_of(result)) == count


def test_facts_sorting(run: Invoke) -> None:
    by_value = ids_of(run("facts", "--numeric", "--sort", "value", "--limit", "2"))
    assert by_value == ["training-output-value", "agricultural-training-person-times"]
    by_id = ids_of(run("facts", "--sort", "id"))
    assert by_id == sorted(by_id)
    in_order = ids_of(run("facts", "--section", "2.3", "--tag", "medals"))
    assert in_order[:3] == [
        "national-competition-gold-medals",
        "national-competition-silver-medals",
        "national-competition-bronze-medals",
    ]


def test_limit_says_how_many_were_left_out(run: Invoke) -> None:
    result = run("facts", "--limit", "5", "--format", "table", "--lang", "en")
    assert "Showing 5 of 77 facts" in result.stdout


def test_facts_nothing_matches_exits_1(run: Invoke) -> None:
    result = run("facts", "--min", "1000000000")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == "jiangjin: no facts match\n"


def test_unknown_section_suggests(run: Invoke) -> None:
    result = run("facts", "--section", "2.9")
    assert result.exit_code == 1
    assert result.stderr.startswith("jiangjin: unknown section '2.9'; did you mean:")


def test_unknown_tag_suggests(run: Invoke) -> None:
    result = run("facts", "--tag", "medal")
    assert result.exit_code == 1
    assert "did you mean: medals" in result.stderr


def test_bad_number_is_a_usage_error(run: Invoke) -> None:
    result = run("facts", "--min", "abc")
    assert result.exit_code == 2
    assert "'abc' is not a valid float" in usage_message(result.stderr, "facts")
    assert "Traceback" not in result.stderr + result.stdout


@pytest.mark.parametrize("fmt", ["csv", "tsv", "jsonl", "json"])
def test_machine_formats_parse_back_to_the_export(run: Invoke, fmt: str) -> None:
    result = run("facts", "--format", fmt)
    assert result.exit_code == 0
    exported = export_facts(run)
    if fmt == "json":
        assert json.loads(result.stdout) == exported
        return
    if fmt == "jsonl":
        assert [json.loads(line) for line in result.stdout.splitlines()] == exported
        return
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(result.stdout)))
    else:
        rows = tsv_rows(result.stdout)
    assert [row["id"] for row in rows] == [f["id"] for f in exported]
    for row, fact in zip(rows, exported, strict=True):
        assert row["quote"] == fact["quote"]
        assert row["value"] == ("" if fact["value"] is None else str(fact["value"]))
        assert row["entities"].split(";") == (fact["entities"] or [""])


def test_json_keeps_chinese_readable(run: Invoke) -> None:
    result = run("facts", "--section", "2.2", "--format", "json")
    assert "双师型" in result.stdout
    assert "\\u" not in result.stdout


def test_plain_is_one_id_a_line(run: Invoke) -> None:
    result = run("facts", "--tag", "medals", "--format", "plain")
    assert result.stdout.splitlines() == [
        "national-competition-gold-medals",
        "national-competition-silver-medals",
        "national-competition-bronze-medals",
        "medal-ranking-years",
    ]


# --- show and get ---------------------------------------------------------------------------------


def test_show_card(run: Invoke) -> None:
    result = run("show", "productive-training-person-times", "--format", "table", "--lang", "en")
    assert result.exit_code == 0
    out = " ".join(result.stdout.split())
    for expected in (
        "≥ 25,000 person-times",
        "per year",
        "年生产性实训人次达2.5万以上",
        "1.3 Deepening the integration of industry and education",
        "Chongqing Municipal Education Commission",
        "2024-09-09",
        "t20240909_13607514",
    ):
        assert expected in out.replace("│ ", "").replace(" │", ""), expected


def test_show_several_and_as_json(run: Invoke) -> None:
    result = run("show", "dual-qualified-teachers", "field-schools", "--format", "json")
    assert [fact["id"] for fact in json.loads(result.stdout)] == [
        "dual-qualified-teachers",
        "field-schools",
    ]


def test_show_unknown_id(run: Invoke) -> None:
    result = run("show", "dual-teachers")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "unknown fact id 'dual-teachers'; did you mean: dual-qualified-teachers" in (
        result.stderr
    )


def test_get_prints_the_bare_value(run: Invoke) -> None:
    result = run("get", "dual-qualified-teachers")
    assert result.exit_code == 0
    assert result.stdout == "2729\n"
    assert result.stderr == ""


def test_get_several_ids_and_fields(run: Invoke) -> None:
    result = run("get", "productive-training-person-times", "training-output-value")
    assert result.stdout == "25000\n30000000\n"
    assert run("get", "partner-enterprises", "--field", "qualifier").stdout == "more_than\n"
    assert run("get", "dual-qualified-teacher-share", "-F", "unit").stdout == "%\n"
    assert run("get", "field-schools", "--field", "quote").stdout == "“田间学校”12所\n"
    assert run("get", "headline", "--field", "value").stdout == "\n"


def test_get_unknown_field_lists_the_fields(run: Invoke) -> None:
    result = run("get", "field-schools", "--field", "colour")
    assert result.exit_code == 2
    assert "valid fields: id, section, quote" in result.stderr


def test_get_names_the_unknown_ids_and_prints_the_rest(run: Invoke) -> None:
    result = run("get", "dual-teacher", "field-schools", "no-such-fact", "partner-enterprises")
    assert result.exit_code == 1
    assert result.stdout == "12\n450\n"
    lines = result.stderr.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("jiangjin: unknown fact id 'dual-teacher'; did you mean: ")
    assert lines[1] == "jiangjin: unknown fact id 'no-such-fact'"


def test_get_with_only_unknown_ids_prints_nothing(run: Invoke) -> None:
    result = run("get", "dual-teacher")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "did you mean" in result.stderr


# --- search ---------------------------------------------------------------------------------------


def test_search_finds_the_2729_fact_in_json(run: Invoke) -> None:
    result = run("search", "双师型", "--format", "json")
    assert result.exit_code == 0
    hits = json.loads(result.stdout)
    assert {hit["kind"] for hit in hits} <= {"fact", "entity", "section"}
    facts = [hit for hit in hits if hit["kind"] == "fact"]
    assert facts[0]["id"] in {"dual-qualified-teachers", "dual-qualified-teacher-share"}
    assert any(hit["id"] == "dual-qualified-teachers" and hit["value"] == 2729 for hit in hits)
    assert all(isinstance(hit["score"], float) for hit in hits)


def test_search_folds_quote_marks_and_width(run: Invoke) -> None:
    plain = run("search", "双师型", "--kind", "fact", "--format", "plain").stdout
    assert run("search", "“双师型”", "--kind", "fact", "--format", "plain").stdout == plain
    assert "field-schools" in run("search", "ＦＩＥＬＤ", "--format", "plain").stdout


def test_search_table_highlights(run: Invoke) -> None:
    result = run("search", "田间学校", "--format", "table", env={"FORCE_COLOR": "1"})
    assert result.exit_code == 0
    assert "\x1b[1;7m田" in result.stdout  # the matched words stand out


def test_search_no_match(run: Invoke) -> None:
    result = run("search", "football")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == "jiangjin: no fact mentions football\n"


def test_search_empty_query_is_a_usage_error(run: Invoke) -> None:
    assert run("search", "  ").exit_code == 2


def test_search_csv_columns(run: Invoke) -> None:
    rows = list(csv.DictReader(io.StringIO(run("search", "华为", "--format", "csv").stdout)))
    assert list(rows[0]) == ["kind", "id", "score", "text", "text_en"]


# --- sections, entities, sources, chart -------------------------------------------------------


def test_sections_tree(run: Invoke) -> None:
    result = run("sections", "--format", "table")
    assert result.exit_code == 0
    assert "2.2 强化师资队伍建设" in result.stdout
    assert "├──" in result.stdout


def test_sections_piped(run: Invoke) -> None:
    rows = tsv_rows(run("sections").stdout)
    assert [row["id"] for row in rows][:3] == ["0", "1", "1.1"]
    counts = {row["id"]: int(row["facts"]) for row in rows}
    assert counts["2"] == 21 and counts["2.3"] == 10


def test_section_facts(run: Invoke) -> None:
    result = run("sections", "3.2", "--format", "table", "--lang", "en")
    assert "3.2 Building training platforms" in result.stdout
    assert len(ids_of(run("sections", "3.2"))) == 6
    unknown = run("sections", "7")
    assert unknown.exit_code == 1 and "unknown section '7'" in unknown.stderr


def test_entities_list_and_kind(run: Invoke) -> None:
    schools = tsv_rows(run("entities", "--kind", "school").stdout)
    assert "chongqing-vocational-institute-of-engineering" in [row["id"] for row in schools]
    assert {row["kind"] for row in schools} == {"school"}
    bad = run("entities", "--kind", "planet")
    assert bad.exit_code == 2 and "valid kinds:" in bad.stderr


def test_entity_card_and_facts(run: Invoke) -> None:
    result = run("entities", "重庆工商学校", "--format", "table")
    assert "Chongqing Industry and Commerce School" in result.stdout
    assert "共 8 条事实" in result.stdout
    document = json.loads(run("entities", "Huawei", "--format", "json").stdout)
    assert document["id"] == "huawei"
    assert [fact["id"] for fact in document["facts"]] == ["overseas-local-talent"]


def test_unknown_entity(run: Invoke) -> None:
    result = run("entities", "重庆工商大学")
    assert result.exit_code == 1
    assert "unknown entity" in result.stderr


def test_sources(run: Invoke) -> None:
    (source,) = json.loads(run("sources", "--format", "json").stdout)
    assert source["publisher"] == "重庆市教育委员会"
    assert source["facts"] == 77
    table = run("sources", "--format", "table", "--lang", "en").stdout
    assert "Municipal" in table and "Commission" in table


def test_a_chart_heading_names_the_unit_its_facts_share(run: Invoke) -> None:
    result = run("chart", "--tag", "vocational-education-groups", "-f", "table", "--lang", "en")
    assert result.exit_code == 0, result.stderr
    assert "Unit: member units (家)" in result.stdout
    villages = run("chart", "--section", "3.2", "-f", "table", "--lang", "en").stdout
    assert "Unit: villages (个)" in villages


def test_chart_draws_one_chart_per_unit(run: Invoke) -> None:
    result = run("chart", "--tag", "medals", "--format", "table", "--lang", "en")
    assert result.exit_code == 0
    out = result.stdout
    # 28金64银41铜 share one chart of medals; the years of ranking get their own.
    assert "Unit: medals (金, 银, 铜)" in out
    assert "Unit: years (年)" in out
    medals = out.split("Unit: years")[0]
    assert "28 gold medals" in medals and "64 silver medals" in medals
    assert "41 bronze medals" in medals
    assert "█" in out
    people = run("chart", "--section", "3.1", "--format", "table").stdout
    assert "人次" in people and "项" in people


def test_chart_machine_formats_are_the_facts(run: Invoke) -> None:
    rows = tsv_rows(run("chart", "--section", "2.3").stdout)
    assert [row["id"] for row in rows][:3] == [
        "certificate-holders",
        "certificate-holder-share",
        "pilot-reform-schools",
    ]
    assert run("chart", "--section", "0").exit_code == 1


# --- help, version, completion ------------------------------------------------------------------


COMMANDS = [
    "facts",
    "show",
    "get",
    "search",
    "sections",
    "entities",
    "sources",
    "chart",
    "validate",
    "export",
    "cite",
]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(run: Invoke, command: str) -> None:
    result = run(command, "-h")
    assert result.exit_code == 0
    assert "Example" in result.stdout
    assert f"jiangjin {command}" in result.stdout


def _complete(words: str) -> list[str]:
    env = {
        "_JIANGJIN_COMPLETE": "complete_bash",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(words.split()) - (0 if words.endswith(" ") else 1)),
    }
    result = run_python(["-m", "jiangjin_cli", *[]], env=env)
    return result.stdout.split()


@pytest.mark.skipif(sys.platform == "win32", reason="bash completion")
def test_completion_of_ids_and_tags() -> None:
    assert "dual-qualified-teachers" in _complete("jiangjin get dual-q")
    assert _complete("jiangjin facts --section 2.")[:3] == ["2.1", "2.2", "2.3"]
    assert "chongqing-vocational-institute-of-engineering" in _complete(
        "jiangjin entities chongqing-v"
    )
    assert _complete("jiangjin facts --tag med") == ["medals"]


def test_terminal_default_is_a_table() -> None:
    """Through a real pseudo-terminal, no --format gives the rich table."""
    result = run_in_terminal(["facts", "-s", "2.2"], env={"COLUMNS": "100", "NO_COLOR": "1"})
    assert "编号" in result.stdout
    assert BOX & set(result.stdout)


# --- cite and the Markdown fact sheet -------------------------------------------------------------

URL = "http://jw.cq.gov.cn/zwxx_209/bmdt/qxxx/202409/t20240909_13607514.html"
GBT = (
    f"重庆市教育委员会. 江津区高标准推进职业教育高质量发展[EB/OL]. (2024-09-09)[2026-11-29]. {URL}."
)


def test_cite_the_source_by_gbt7714(run: Invoke) -> None:
    result = run("cite", "--accessed", "2026-11-29")
    assert result.exit_code == 0
    assert result.stdout == GBT + "\n"


def test_cite_a_fact_for_a_chinese_paper(run: Invoke) -> None:
    result = run(
        "cite", "dual-qualified-teachers", "--style", "gbt7714", "--accessed", "2026-11-29"
    )
    assert result.stdout == f"原文：培养“双师型”教师2729名\n{GBT}\n"


def test_cite_a_fact_in_apa(run: Invoke) -> None:
    result = run("cite", "dual-qualified-teachers", "--style", "apa", "--lang", "en")
    assert result.stdout == (
        "Jiangjin District has trained 2,729 “dual-qualified” teachers.\n"
        "Quote: 培养“双师型”教师2729名\n"
        "Chongqing Municipal Education Commission. (2024, September 9). "
        "江津区高标准推进职业教育高质量发展 [Jiangjin District promotes the high-quality "
        f"development of vocational education to high standards]. {URL}\n"
    )


def test_cite_bibtex_names_the_source_once(run: Invoke) -> None:
    result = run(
        "cite", "field-schools", "partner-villages", "--style", "bibtex", "--accessed", "2026-11-01"
    )
    assert result.stdout.count("@online{cqjw-2024-09-09-jiangjin,") == 1
    assert "urldate  = {2026-11-01}," in result.stdout
    assert result.stdout.startswith("% field-schools: 原文：“田间学校”12所\n")


def test_cite_accessed_defaults_to_today(run: Invoke) -> None:
    import datetime

    assert f"[{datetime.date.today().isoformat()}]" in run("cite").stdout


def test_cite_errors(run: Invoke) -> None:
    bad_date = run("cite", "--accessed", "yesterday")
    assert bad_date.exit_code == 2 and "--accessed" in bad_date.stderr
    assert run("cite", "--style", "mla").exit_code == 2
    unknown = run("cite", "dual-teachers")
    assert unknown.exit_code == 1 and "did you mean" in unknown.stderr


def test_markdown_sheet_matches_the_export(run: Invoke) -> None:
    sheet = run("export", "--format", "markdown", "--accessed", "2026-11-29").stdout
    assert sheet.startswith("# 江津区高标准推进职业教育高质量发展\n")
    assert "2026-11-29" in sheet
    position = 0
    for fact in export_facts(run):
        assert f"`{fact['id']}`" in sheet
        found = sheet.find(f"`{fact['id']}`", position)
        assert found > position, f"{fact['id']} out of the article's order"
        position = found
    english = run("export", "--format", "markdown", "--lang", "en").stdout
    assert "## 2.2 Strengthening the teaching workforce" in english.replace("### ", "## ")
