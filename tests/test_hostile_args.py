"""Hostile arguments: unknown options, bad numbers, empty and huge queries, odd ids.

A usage error exits 2 with one ``jiangjin:`` line on stderr (the message, then where help
is; Typer's box of usage and error when stderr is a terminal); a well-formed question
with no answer exits 1 with one ``jiangjin:`` line.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable

import pytest
from typer.testing import CliRunner, Result

from jiangjin_cli.cli import app
from jiangjin_cli.errors import Exit

from conftest import Written, run_in_terminal, usage_message

COMMANDS = [
    "facts",
    "show",
    "get",
    "search",
    "sections",
    "entities",
    "sources",
    "chart",
    "export",
    "cite",
    "validate",
]

Run = Callable[..., Result]

# Never raw on a terminal: C0 but tab and newline, DEL, C1, bidi formatting, line separators.
RAW = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]"
)


@pytest.fixture
def run(valid_base: Written) -> Run:
    """Run jiangjin on the small valid base, wide enough that no error box wraps."""
    runner = CliRunner(env={"JIANGJIN_FACTS": None, "JIANGJIN_LANG": None, "COLUMNS": "200"})

    def invoke(*args: str) -> Result:
        result = runner.invoke(app, ["--facts", str(valid_base.path), *args])
        assert result.exception is None or isinstance(result.exception, SystemExit)
        assert "Traceback" not in result.stderr
        return result

    return invoke


def assert_usage_error(result: Result, command: str | None, message: str) -> None:
    """A usage error: exit 2, nothing on stdout, one line on stderr holding click's
    ``message`` (its first letter in lower case, no final full stop)."""
    assert result.exit_code == Exit.USAGE, result.stdout + result.stderr
    assert result.stdout == ""
    expected = (message[:1].lower() + message[1:]).rstrip(".")
    assert expected in usage_message(result.stderr, command)


def tsv_ids(result: Result) -> list[str]:
    rows = csv.DictReader(io.StringIO(result.stdout), delimiter="\t", quoting=csv.QUOTE_NONE)
    return [row["id"] for row in rows]


# --- unknown options and missing values -----------------------------------------------------------

NEEDS = {"show": ["one-plus-x"], "get": ["one-plus-x"], "search": ["教师"]}


@pytest.mark.parametrize("command", COMMANDS)
def test_unknown_option(run: Run, command: str) -> None:
    result = run(command, *NEEDS.get(command, []), "--bogus")
    assert_usage_error(result, command, "No such option: --bogus")


def test_a_usage_error_on_a_terminal_is_typers_box() -> None:
    """A person at a terminal gets the usage line, where help is, and the boxed message."""
    result = run_in_terminal(["search"], env={"COLUMNS": "100", "NO_COLOR": "1"})
    assert result.returncode == Exit.USAGE
    shown = re.sub(r"\x1b\[[0-9;]*m", "", result.stdout)  # bold and dim stay without colour
    assert "Usage: jiangjin search" in shown
    assert "Try 'jiangjin search -h' for help." in shown
    assert "Missing argument 'TEXT...'." in shown
    assert "╭" in shown


def test_unknown_option_before_the_command(run: Run) -> None:
    assert_usage_error(run("--bogus", "facts"), None, "No such option: --bogus")


def test_unknown_command(run: Run) -> None:
    assert_usage_error(run("fact"), None, "No such command 'fact'.")


def test_a_close_option_is_suggested(run: Run) -> None:
    assert_usage_error(
        run("facts", "--limt", "3"), "facts", "No such option: --limt (Possible options: --limit)"
    )


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (["facts", "--limit"], "--limit"),
        (["facts", "-n"], "-n"),
        (["facts", "--section"], "--section"),
        (["chart", "--min"], "--min"),
        (["show", "one-plus-x", "--format"], "--format"),
        (["get", "one-plus-x", "--field"], "--field"),
        (["search", "教师", "--kind"], "--kind"),
        (["entities", "--kind"], "--kind"),
        (["validate", "--source"], "--source"),
        (["export", "-f"], "-f"),
    ],
    ids=lambda value: " ".join(value) if isinstance(value, list) else "",
)
def test_an_option_without_its_value_shows_the_usage(
    run: Run, args: list[str], option: str
) -> None:
    assert_usage_error(run(*args), args[0], f"Option '{option}' requires an argument.")


def test_the_global_facts_option_without_its_value(valid_base: Written) -> None:
    result = CliRunner(env={"COLUMNS": "200"}).invoke(app, ["--facts"])
    assert_usage_error(result, None, "Option '--facts' requires an argument.")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["show"], "Missing argument 'ID...'."),
        (["get"], "Missing argument 'ID...'."),
        (["search"], "Missing argument 'TEXT...'."),
        (["facts", "extra"], "Got unexpected extra argument(s) (extra)"),
        (["sources", "extra"], "Got unexpected extra argument(s) (extra)"),
        (["export", "extra"], "Got unexpected extra argument(s) (extra)"),
        (["sections", "2", "3"], "Got unexpected extra argument(s) (3)"),
    ],
    ids=lambda value: " ".join(value) if isinstance(value, list) else "",
)
def test_missing_and_extra_arguments(run: Run, args: list[str], message: str) -> None:
    assert_usage_error(run(*args), args[0], message)


# --- numbers ------------------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["facts", "chart"])
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--min", "abc"], "Invalid value for '--min': 'abc' is not a valid float."),
        (["--max", "12abc"], "Invalid value for '--max': '12abc' is not a valid float."),
        (["--min", ""], "Invalid value for '--min': '' is not a valid float."),
        (["--min", "nan"], "Invalid value for '--min': expected a finite number, got nan"),
        (["--max", "NaN"], "Invalid value for '--max': expected a finite number, got nan"),
        (["--min", "inf"], "Invalid value for '--min': expected a finite number, got inf"),
        (["--max", "-Infinity"], "Invalid value for '--max': expected a finite number, got -inf"),
        (["--min", "1e999"], "Invalid value for '--min': expected a finite number, got inf"),
        (["--limit", "-1"], "Invalid value for '--limit' / '-n': -1 is not in the range x>=1."),
        (["--limit", "0"], "Invalid value for '--limit' / '-n': 0 is not in the range x>=1."),
        (["-n", "0"], "Invalid value for '--limit' / '-n': 0 is not in the range x>=1."),
        (["--limit", "abc"], "Invalid value for '--limit' / '-n': 'abc' is not a valid"),
        (["--limit", "2.5"], "Invalid value for '--limit' / '-n': '2.5' is not a valid"),
        (["--sort", "size"], "Invalid value for '--sort': 'size' is not one of"),
    ],
    ids=lambda value: " ".join(value) if isinstance(value, list) else "",
)
def test_bad_numbers_are_usage_errors(
    run: Run, command: str, args: list[str], message: str
) -> None:
    assert_usage_error(run(command, *args), command, message)


@pytest.mark.parametrize(
    ("args", "count"),
    [
        (["--limit", "99999999999999999999999999"], 4),
        (["--min", "-1e308", "--max", "1e308"], 3),
        (["--min", "2729", "--max", "2729"], 1),
        (["--min", "0x10"], None),
        (["--min", "1_000"], 2),
        (["--min", "  450  "], 3),
    ],
    ids=lambda value: " ".join(value) if isinstance(value, list) else "",
)
def test_odd_but_valid_numbers(run: Run, args: list[str], count: int | None) -> None:
    result = run("facts", *args)
    if count is None:  # not a float to Python: a usage error like any other
        assert_usage_error(result, "facts", "is not a valid float")
        return
    assert result.exit_code == Exit.OK, result.stderr
    assert len(tsv_ids(result)) == count


def test_min_above_max_matches_nothing(run: Run) -> None:
    result = run("facts", "--min", "5", "--max", "1")
    assert result.exit_code == Exit.NO_MATCH
    assert result.stderr == "jiangjin: no facts match\n"


# --- queries ------------------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["", "   ", "\t", "\n"], ids=repr)
def test_an_empty_query_is_a_usage_error(run: Run, query: str) -> None:
    assert_usage_error(run("search", query), "search", "give at least one word to search for")


def test_several_empty_words_are_still_empty(run: Run) -> None:
    result = run("search", "", " ", "")
    assert_usage_error(result, "search", "give at least one word to search for")


@pytest.mark.parametrize("fmt", ["tsv", "table", "json"])
def test_a_20000_character_query_that_matches(run: Run, fmt: str) -> None:
    result = run("search", "教师" * 10000, "--format", fmt)
    assert result.exit_code == Exit.OK, result.stderr
    assert "dual-qualified-teachers" in result.stdout


@pytest.mark.parametrize("fmt", ["tsv", "table"])
def test_a_20000_character_query_that_does_not_match(run: Run, fmt: str) -> None:
    query = "q" * 20000
    result = run("search", query, "--format", fmt)
    assert result.exit_code == Exit.NO_MATCH
    assert result.stdout == ""
    assert result.stderr == f"jiangjin: no fact mentions {query}\n"


def test_many_words(run: Run) -> None:
    result = run("search", *(["教师", "zz"] * 2000))
    assert result.exit_code in (Exit.OK, Exit.NO_MATCH)


METACHARACTERS = [
    ".*",
    ".",
    "(",
    ")",
    "[",
    "]",
    "[]",
    "\\",
    "\\d+",
    "a|b",
    "^$",
    "^",
    "$",
    "*",
    "+",
    "?",
    "{1,2}",
    "(?i)",
    "(?P<x>",
    "%s%n",
    "{0}",
    "$(rm -rf /)",
    "`id`",
    "'; DROP TABLE facts; --",
    "1+X",
    "“双师型",
]


@pytest.mark.parametrize("fmt", ["tsv", "table"])
@pytest.mark.parametrize("query", METACHARACTERS)
def test_metacharacters_are_searched_as_text(run: Run, query: str, fmt: str) -> None:
    result = run("search", query, "--format", fmt)
    assert result.exit_code in (Exit.OK, Exit.NO_MATCH), result.stderr
    if result.exit_code == Exit.NO_MATCH:
        assert result.stdout == ""
        # Either the query as given, or the words of it the base lacks.
        assert result.stderr == f"jiangjin: no match for {query!r}\n" or (
            result.stderr.startswith("jiangjin: no fact mentions ")
            and result.stderr.count("\n") == 1
        ), result.stderr
    else:
        assert result.stderr == ""
        if fmt == "tsv":
            assert result.stdout.startswith("kind\tid\tscore\ttext\ttext_en\n")


def test_a_quoted_phrase_finds_its_fact(run: Run) -> None:
    result = run("search", "1+X", "--format", "plain")
    assert result.exit_code == Exit.OK
    assert "one-plus-x" in result.stdout.split()


# --- ids that look like something else ------------------------------------------------------------

PATHLIKE = ["../../etc/passwd", "/etc/passwd", "/tmp/x", "./facts.toml", "~", "C:\\x", "-"]


@pytest.mark.parametrize("ident", PATHLIKE)
@pytest.mark.parametrize("command", ["show", "get"])
def test_ids_that_look_like_paths_are_only_unknown_ids(run: Run, command: str, ident: str) -> None:
    result = run(command, ident)
    assert result.exit_code == Exit.NO_MATCH
    assert result.stdout == ""
    assert result.stderr.startswith(f"jiangjin: unknown fact id {ident!r}")
    assert result.stderr.count("\n") == 1


@pytest.mark.parametrize("ident", PATHLIKE)
def test_entities_and_sections_that_look_like_paths(run: Run, ident: str) -> None:
    for command, what in (("entities", "entity"), ("sections", "section")):
        result = run(command, ident)
        assert result.exit_code == Exit.NO_MATCH
        assert result.stderr.startswith(f"jiangjin: unknown {what} {ident!r}")


def test_an_id_after_double_dash_is_an_id(run: Run) -> None:
    result = run("show", "--", "-h")
    assert result.exit_code == Exit.NO_MATCH
    assert result.stderr == "jiangjin: unknown fact id '-h'\n"


WEIRD = [
    "\u200b",  # zero-width space
    "\ufeff",  # byte order mark
    "😀",
    "e\u0301",  # combining accent
    "مرحبا",  # right-to-left script
    "\u2028",  # line separator
    "Ｄｕａｌ－ｑｕａｌｉｆｉｅｄ",  # full-width Latin
    "\udcff",  # an undecodable byte from argv
    "a" * 5000,
]


@pytest.mark.parametrize("text", WEIRD, ids=lambda text: repr(text)[:20])
@pytest.mark.parametrize(
    "command",
    [
        ["show"],
        ["get"],
        ["search"],
        ["entities"],
        ["sections"],
        ["facts", "--section"],
        ["facts", "--entity"],
        ["facts", "--tag"],
        ["get", "one-plus-x", "--field"],
        ["entities", "--kind"],
    ],
    ids=" ".join,
)
def test_weird_unicode_never_breaks(run: Run, command: list[str], text: str) -> None:
    for fmt in ([], ["--format", "table"]) if command[0] in ("search", "entities") else ([],):
        result = run(*command, text, *fmt)
        assert result.exit_code in (Exit.OK, Exit.NO_MATCH, Exit.USAGE)
        assert not RAW.search(result.stderr), result.stderr
        if result.exit_code == Exit.NO_MATCH:
            assert result.stderr.startswith("jiangjin: ")
            assert result.stderr.count("\n") == 1  # even U+2028 stays on one line
            assert "\u2028" not in result.stderr


def test_full_width_section_numbers_are_read(run: Run) -> None:
    result = run("facts", "--section", "２.２", "--format", "plain")
    assert result.exit_code == Exit.OK
    assert result.stdout.split() == ["dual-qualified-teachers", "training-attendances"]


# --- options given twice: the last one wins -----------------------------------------------------


def test_repeated_limit(run: Run) -> None:
    result = run("facts", "--limit", "1", "--limit", "3", "--format", "plain")
    assert result.stdout.split() == [
        "dual-qualified-teachers",
        "enterprise-partners",
        "training-attendances",
    ]


def test_repeated_format(run: Run) -> None:
    result = run("facts", "-f", "json", "--format", "plain", "-n", "1")
    assert result.stdout == "dual-qualified-teachers\n"


def test_repeated_section(run: Run) -> None:
    result = run("facts", "--section", "2.2", "--section", "9")
    assert result.exit_code == Exit.NO_MATCH
    assert result.stderr.startswith("jiangjin: unknown section '9'")


def test_repeated_lang(run: Run) -> None:
    result = run("show", "one-plus-x", "--lang", "en", "--lang", "zh", "-f", "table")
    assert result.stdout.index("原文") < result.stdout.index("陈述")


def test_repeated_global_facts_are_one_base(valid_base: Written) -> None:
    """Every --facts is read (issue 14: the last one alone used to win, silently)."""
    runner = CliRunner(env={"JIANGJIN_FACTS": None})
    args = ["--facts", "/nonexistent.toml", "--facts", str(valid_base.path), "sources"]
    result = runner.invoke(app, [*args, "-f", "plain"])
    assert result.exit_code == Exit.USAGE
    assert result.stdout == ""
    assert result.stderr.startswith("jiangjin: /nonexistent.toml: no such file")
    again = [*args[2:4], "--facts", str(valid_base.path), "sources", "-f", "plain"]
    assert runner.invoke(app, again).stdout == "demo-source\n"  # a file named twice is one


def test_an_empty_facts_path_is_a_usage_error(valid_base: Written) -> None:
    runner = CliRunner(env={"JIANGJIN_FACTS": None})
    for args in (
        ["--facts", "", "sources"],
        ["sources", "--facts", str(valid_base.path), "--facts", ""],
    ):
        result = runner.invoke(app, args)
        assert result.exit_code == Exit.USAGE
        assert "expected a path, got an empty string" in result.stderr


def test_facts_before_and_after_the_command(valid_base: Written) -> None:
    """The command's own --facts wins over the global one."""
    runner = CliRunner(env={"JIANGJIN_FACTS": None})
    args = [
        "--facts",
        "/nonexistent.toml",
        "sources",
        "--facts",
        str(valid_base.path),
        "-f",
        "plain",
    ]
    result = runner.invoke(app, args)
    assert result.exit_code == Exit.OK
    assert result.stdout == "demo-source\n"


def test_repeated_ids_are_shown_each_time(run: Run) -> None:
    result = run("get", "one-plus-x", "one-plus-x", "--field", "id")
    assert result.stdout == "one-plus-x\none-plus-x\n"


def test_each_repeated_source_is_checked(run: Run) -> None:
    result = run("validate", "--source", "x", "--source", "demo-source")
    assert_usage_error(result, "validate", "expected ID=TEXTFILE")
