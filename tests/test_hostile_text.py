"""Hostile text inside a valid fact base: markup and control characters are data.

rich markup (``[bold]``, ``[/x]``, ``[link=...]``, the article's own ``[免责声明]``)
is printed as written, never interpreted and never an error. Control and
bidirectional characters never reach a terminal raw: human output and error
messages show them escaped (``\\x1b``, ``\\u202e``); JSON keeps them as data.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from jiangjin_cli import store
from jiangjin_cli.cli import app
from jiangjin_cli.errors import Exit
from jiangjin_cli.render import answers
from jiangjin_cli.render.output import Format, emit, emit_lines

from conftest import VALID_TOML, Written, edit, usage_message

WriteBase = Callable[..., Written]

# Markup in every form rich would otherwise act on, and the article's own bracket.
MARKUP = "[bold]粗[/bold][/x][/][link=https://evil.example]链[/link][red on white][免责声明]"
MARKUP_PIECES = ("[bold]粗[/bold]", "[/x]", "[/]", "[link=https://evil.example]", "[免责声明]")

# Control characters as TOML escapes, and how a terminal must see each of them.
CONTROLS_TOML = r"\u001b]0;PWNED\u0007\u001b[2J\u009b31m\u202e\b\r\u007f\u2066"
CONTROLS = "\x1b]0;PWNED\x07\x1b[2J\x9b31m\u202e\b\r\x7f\u2066"
CONTROLS_SHOWN = r"\x1b]0;PWNED\x07\x1b[2J\x9b31m\u202e\x08\x0d\x7f\u2066"
HOSTILE_TOML = MARKUP + CONTROLS_TOML
HOSTILE = MARKUP + CONTROLS

# What must never reach a terminal from data: C0 but tab and newline, DEL, C1, bidi formatting.
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
SGR = re.compile("\x1b\\[[0-9;]*m")  # rich's own colours, when asked for


def hostile_toml() -> str:
    """VALID_TOML with markup and control characters in every free-text field."""

    def text(old: str) -> str:
        return old[:-1] + HOSTILE_TOML + '"'

    fields = [
        'title = "江津区高标准推进职业教育高质量发展"',
        'title_en = "Jiangjin District advances vocational education"',
        'publisher = "重庆市教育委员会"',
        'publisher_en = "Chongqing Municipal Education Commission"',
        'language = "zh"',
        'title = "标题与导语"',
        'title_en = "Title and lead"',
        'title = "强化师资队伍建设"',
        'title_en = "Strengthening the teaching staff"',
        'name = "江津区"',
        'name_en = "Jiangjin District"',
        'quote = "培养“双师型”教师2729名"',
        'statement_en = "The district has trained 2,729 dual-qualified teachers."',
        'unit = "名"',
        'unit_en = "teachers"',
        'quote = "构建“1+X”课程体系"',
        'statement_en = "A “1+X” curriculum is being built."',
    ]
    edits = {field: text(field) for field in fields}
    edits['url = "https://example.org/jiangjin"'] = f'url = "https://example.org/{HOSTILE_TOML}"'
    edits['aliases = ["Jiangjin"]'] = f'aliases = ["Jiangjin", "{HOSTILE_TOML}"]'
    return edit(VALID_TOML, edits)


@pytest.fixture
def hostile(write_base: WriteBase) -> Path:
    written: Written = write_base(text=hostile_toml(), name="hostile.toml")
    return written.path


def run(*args: str | Path, env: dict[str, str | None] | None = None, color: bool = False) -> Result:
    # Wide enough that no cell wraps, so every hostile string stays on one line.
    runner = CliRunner(env={"JIANGJIN_FACTS": None, "COLUMNS": "1000", **(env or {})})
    result = runner.invoke(app, [str(arg) for arg in args], color=color)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


def test_the_hostile_base_is_valid_with_warnings(hostile: Path) -> None:
    base, warnings = store.load_with_warnings(hostile)
    fact = base.fact_by_id["dual-qualified-teachers"]
    assert fact.quote == "培养“双师型”教师2729名" + HOSTILE
    assert fact.unit_en == "teachers" + HOSTILE
    assert base.sources[0].url == "https://example.org/" + HOSTILE
    assert len(warnings) == 19  # one per field holding a control character


def test_validate_warns_escaped_and_accepts(hostile: Path) -> None:
    result = run("validate", hostile, color=True)
    assert result.exit_code == Exit.OK
    assert result.stdout == f"{hostile}: valid: 4 facts, 2 entities, 3 sections, 1 source\n"
    lines = result.stderr.splitlines()
    assert len(lines) == 19
    assert not RAW.search(result.stderr)
    assert lines[0] == (
        f"jiangjin: warning: {hostile}:5: demo-source.title: contains the invisible control "
        "character U+001B and 8 more; remove it unless it is meant"
    )
    assert all(line.startswith(f"jiangjin: warning: {hostile}:") for line in lines)


# --- human output -------------------------------------------------------------------------------

HUMAN = [
    ["facts"],
    ["facts", "--section", "2.2"],
    ["show", "dual-qualified-teachers", "one-plus-x"],
    ["search", "粗"],
    ["search", "[bold]"],
    ["search", "[/x]", "教师"],
    ["search", "teachers"],
    ["sections"],
    ["sections", "2.2"],
    ["entities"],
    ["entities", "jiangjin-district"],
    ["sources"],
    ["chart"],
]


def _ids(args: list[str]) -> str:
    return "-".join(args)


def _clean(stdout: str) -> str:
    """The text a terminal shows: rich's own colour codes removed."""
    return SGR.sub("", stdout)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("args", HUMAN, ids=_ids)
def test_human_output_prints_markup_literally_and_escapes_controls(
    hostile: Path, args: list[str], lang: str
) -> None:
    result = run("--facts", hostile, *args, "--format", "table", "--lang", lang)
    assert result.exit_code == Exit.OK, result.stderr
    assert result.stderr == ""
    out = result.stdout
    assert not RAW.search(out), RAW.findall(out)
    for piece in MARKUP_PIECES:
        assert piece in out, piece
    assert CONTROLS_SHOWN in out


@pytest.mark.parametrize("args", HUMAN, ids=_ids)
def test_with_colour_only_rich_styles_reach_the_terminal(hostile: Path, args: list[str]) -> None:
    """With colour forced, every ESC is one of rich's SGR codes; none comes from the data."""
    env: dict[str, str | None] = {"FORCE_COLOR": "1", "NO_COLOR": None, "TERM": "xterm-256color"}
    result = run("--facts", hostile, *args, "--format", "table", env=env, color=True)
    assert result.exit_code == Exit.OK, result.stderr
    assert "\x1b[" in result.stdout  # colour is on
    shown = _clean(result.stdout)
    assert not RAW.search(shown), RAW.findall(shown)
    for piece in MARKUP_PIECES:
        assert piece in shown, piece
    assert CONTROLS_SHOWN in shown


def test_search_highlights_markup_terms_as_text(hostile: Path) -> None:
    env: dict[str, str | None] = {"FORCE_COLOR": "1", "NO_COLOR": None, "TERM": "xterm-256color"}
    result = run("--facts", hostile, "search", "[bold]", "-f", "table", env=env, color=True)
    assert result.exit_code == Exit.OK, result.stderr
    # The term is highlighted (rich's reverse video), and reads as written once coloured.
    assert re.search("\x1b\\[[0-9;]*7[0-9;]*m\\[", result.stdout), result.stdout
    assert "[bold]粗[/bold][/x]" in _clean(result.stdout)


@pytest.mark.parametrize("width", ["20", "40"])
@pytest.mark.parametrize("args", HUMAN, ids=_ids)
def test_narrow_terminals_wrap_but_never_split_an_escape_into_a_raw_one(
    hostile: Path, args: list[str], width: str
) -> None:
    result = run("--facts", hostile, *args, "--format", "table", env={"COLUMNS": width})
    assert result.exit_code == Exit.OK, result.stderr
    assert not RAW.search(result.stdout)


# --- machine output -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["facts", "--format", "json"],
        ["show", "dual-qualified-teachers", "--format", "json"],
        ["search", "教师", "--format", "json"],
        ["entities", "jiangjin-district", "--format", "json"],
        ["export"],
    ],
    ids=_ids,
)
def test_json_keeps_the_data_and_escapes_it_as_json(hostile: Path, args: list[str]) -> None:
    result = run("--facts", hostile, *args)
    assert result.exit_code == Exit.OK, result.stderr
    assert not RAW.search(result.stdout)  # JSON escapes even C1 and bidi characters
    document = json.loads(result.stdout)
    text = json.dumps(document, ensure_ascii=False)
    assert json.dumps("培养“双师型”教师2729名" + HOSTILE, ensure_ascii=False) in text


def test_jsonl_keeps_the_data(hostile: Path) -> None:
    result = run("--facts", hostile, "facts", "--format", "jsonl")
    assert not RAW.search(result.stdout)
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows[0]["quote"] == "培养“双师型”教师2729名" + HOSTILE
    assert rows[0]["unit"] == "名" + HOSTILE


@pytest.mark.parametrize("fmt", ["csv", "tsv", "plain"])
def test_row_formats_on_a_pipe_keep_the_data_as_is(hostile: Path, fmt: str) -> None:
    """Scripts get the bytes of the base: a pipe is not a terminal."""
    result = run("--facts", hostile, "entities", "--format", fmt)
    assert result.exit_code == Exit.OK
    if fmt == "plain":
        assert result.stdout == "jiangjin-district\nchongqing-technology-and-business-school\n"
    else:
        assert "江津区" + MARKUP + "\x1b]0;PWNED\x07" in result.stdout


def test_get_on_a_pipe_prints_the_field_as_is(hostile: Path) -> None:
    result = run("--facts", hostile, "get", "dual-qualified-teachers", "--field", "unit_en")
    assert result.exit_code == Exit.OK
    assert result.stdout == "teachers" + HOSTILE + "\n"


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("fmt", [Format.csv, Format.tsv, Format.plain])
def test_row_formats_on_a_terminal_escape_controls(hostile: Path, fmt: Format) -> None:
    base = store.load(hostile)
    out = FakeTerminal()
    emit(answers.entities(base, base.entities, "zh"), fmt, out)
    emit(answers.facts(base, base.facts, "zh"), fmt, out)
    assert not RAW.search(out.getvalue())
    if fmt is not Format.plain:
        assert "江津区" + MARKUP + CONTROLS_SHOWN in out.getvalue()


def test_get_on_a_terminal_escapes_controls() -> None:
    out = FakeTerminal()
    emit_lines(["teachers" + HOSTILE], out)
    assert out.getvalue() == "teachers" + MARKUP + CONTROLS_SHOWN + "\n"


# --- error messages -----------------------------------------------------------------------------

OSC_TITLE = "\x1b]0;PWNED\x07"  # an escape click does not strip from non-terminal output


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["show", "[/x]"], "jiangjin: unknown fact id '[/x]'\n"),
        (["show", "[bold]x[/bold]"], "jiangjin: unknown fact id '[bold]x[/bold]'\n"),
        (["show", OSC_TITLE], "jiangjin: unknown fact id '\\x1b]0;PWNED\\x07'\n"),
        (["get", "\u202eevil"], "jiangjin: unknown fact id '\\u202eevil'\n"),
        (["get", "a\nb"], "jiangjin: unknown fact id 'a\\nb'\n"),
        (
            ["facts", "--section", "[/x]" + OSC_TITLE],
            "jiangjin: unknown section '[/x]\\x1b]0;PWNED\\x07'\n",
        ),
        (["facts", "--entity", "[免责声明]"], "jiangjin: unknown entity '[免责声明]'\n"),
        (["facts", "--tag", "[link=x]\x9b"], "jiangjin: unknown tag '[link=x]\\x9b'\n"),
        (["entities", "[/x]\x1b[2J"], "jiangjin: unknown entity '[/x]\\x1b[2J'\n"),
        (["sections", "[/x]"], "jiangjin: unknown section '[/x]'\n"),
        # A refusal names the words the base lacks: the escape sequence is no word.
        (["search", "[/x]zzz" + OSC_TITLE], "jiangjin: no fact mentions zzz, pwned\n"),
    ],
    ids=lambda value: repr(value)[:40] if isinstance(value, list) else "",
)
def test_data_echoed_in_an_error_is_literal_and_escaped(
    write_base: WriteBase, args: list[str], expected: str
) -> None:
    written = write_base()
    result = run("--facts", written.path, *args, color=True)
    assert result.exit_code == Exit.NO_MATCH
    assert result.stdout == ""
    assert result.stderr == expected


def test_a_path_with_controls_is_escaped_in_the_error(tmp_path: Path) -> None:
    path = tmp_path / f"b{OSC_TITLE}[/x].toml"
    result = run("--facts", path, "facts", color=True)
    assert result.exit_code == Exit.USAGE
    assert not RAW.search(result.stderr)
    assert result.stderr == (
        f"jiangjin: {tmp_path}/b\\x1b]0;PWNED\\x07[/x].toml: no such file; "
        "give a fact base with --facts PATH or $JIANGJIN_FACTS\n"
    )


def test_problems_quoting_data_are_escaped(write_base: WriteBase) -> None:
    """A bad id holding an escape is quoted in the problem, escaped, on one line."""
    written = write_base({'id = "one-plus-x"': 'id = "one\\u001b]0;T\\u0007[/x]\\nx"'})
    for args in (["validate"], ["facts"]):
        result = run("--facts", written.path, *args, color=True)
        assert result.exit_code == (Exit.NO_MATCH if args == ["validate"] else Exit.USAGE)
        assert not RAW.search(result.stderr)
        at = written.line('id = "one')
        lines = [line for line in result.stderr.splitlines() if "kebab-case" in line]
        assert lines == [
            f"jiangjin: {written.path}:{at}: one\\x1b]0;T\\x07[/x]\\nx.id: "
            '"one\\x1b]0;T\\x07[/x]\\nx" is not kebab-case; expected lowercase letters and '
            'digits joined by single hyphens, like "dual-qualified-teachers"'
        ]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            ["facts", "--format", "[/x]" + OSC_TITLE],
            "invalid value for '--format' / '-f': '[/x]\\x1b]0;PWNED\\x07' is not one of",
        ),
        (["facts", "--bogus[/x]\u202e"], "no such option: --bogus[/x]\\u202e"),
        (["facts", "[link=x]extra\x1b"], "got unexpected extra argument(s) ([link=x]extra\\x1b)"),
        (["nope[/x]\u202e"], "no such command 'nope[/x]\\u202e'"),
        (
            ["entities", "--kind", "[免责声明]"],
            "invalid value for '--kind': unknown kind '[免责声明]'",
        ),
        (
            ["get", "x", "--field", "[/x]\x9b"],
            "invalid value for '--field': unknown field '[/x]\\x9b'",
        ),
    ],
    ids=lambda value: repr(value)[:40] if isinstance(value, list) else "",
)
def test_usage_errors_print_data_literally_and_escaped(
    write_base: WriteBase, args: list[str], expected: str
) -> None:
    written = write_base()
    if args[0] == "get":
        args = ["get", "dual-qualified-teachers", *args[2:]]
    result = run("--facts", written.path, *args, color=True)
    assert result.exit_code == Exit.USAGE
    assert result.stdout == ""
    assert not RAW.search(result.stderr)
    command = None if args[0].startswith("nope") else args[0]
    assert expected in usage_message(result.stderr, command)


def test_a_usage_error_naming_a_path_escapes_it(tmp_path: Path, write_base: WriteBase) -> None:
    path = tmp_path / f"v{OSC_TITLE}[x].toml"
    path.write_text(VALID_TOML, encoding="utf-8")
    result = run("validate", path, "--source", "nope=article.txt", color=True)
    assert result.exit_code == Exit.USAGE
    assert not RAW.search(result.stderr)
    message = usage_message(result.stderr, "validate")
    assert f"no source 'nope' in {tmp_path}/v\\x1b]0;PWNED\\x07[x].toml" in message
