"""Property-based tests: whatever the fact base or the arguments, jiangjin never breaks.

Three generators, each run through the real Typer app:

- valid fact bases whose free text is random (markup, control and bidi characters,
  TOML syntax, emoji) with a random command and format: every run exits 0 or 1, text
  for people never carries a raw control character, JSON gives the data back;
- broken fact bases (a valid one with bytes deleted, inserted, replaced, lines
  duplicated or swapped, the file cut short): every command agrees with `validate`
  on whether the base is usable, and reports it in ``jiangjin:`` lines;
- argument lists drawn from the real options, values and junk: every run exits
  0, 1 or 2 with no traceback.

Example counts (``max_examples``): bases 100, broken bases 100, arguments 200; set
``JIANGJIN_PROPERTY_SCALE=20`` to multiply them for a longer hunt.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st
from typer.testing import CliRunner, Result

from jiangjin_cli.cli import app
from jiangjin_cli.errors import Exit
from jiangjin_cli.model import ENTITY_KINDS, PAST_YEARS, PERIODS, QUALIFIERS
from jiangjin_cli.text import visible

from conftest import VALID_TOML

SCALE = max(1, int(os.environ.get("JIANGJIN_PROPERTY_SCALE", "1") or "1"))
SETTINGS = settings(
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    print_blob=True,
)

# Never raw in text for people or in an error: C0 but tab and newline, DEL, C1, bidi.
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")

HOSTILE_PIECES = [
    "[bold]",
    "[/bold]",
    "[/x]",
    "[/]",
    "[link=https://evil.example]",
    "[免责声明]",
    "[red on white]",
    ":smile:",
    "\x1b]0;PWNED\x07",
    "\x1b[2J",
    "\x1b[31m",
    "\x9b31m",
    "\x07",
    "\x08",
    "\r",
    "\r\n",
    "\t",
    "\x00",
    "\x7f",
    "\u202e",
    "\u2066",
    "\u200f",
    "\u2028",
    "\\",
    '"',
    "'",
    '"""',
    "'''",
    "#",
    "=",
    "[[facts]]",
    "😀",
    "e\u0301",
    "江津区",
    "“双师型”",
    "2.5万",
    "%s",
    "{0}",
]

piece = st.one_of(st.text(max_size=6), st.sampled_from(HOSTILE_PIECES))
free_text = st.lists(piece, min_size=1, max_size=6).map("".join).filter(lambda text: text.strip())
kebab = st.lists(
    st.text("abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=5),
    min_size=1,
    max_size=3,
).map("-".join)


def toml_string(text: str) -> str:
    """A TOML basic string holding exactly ``text``."""
    out = ['"']
    for char in text:
        if char == '"':
            out.append('\\"')
        elif char == "\\":
            out.append("\\\\")
        elif (char < " " and char != "\t") or char == "\x7f":
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    out.append('"')
    return "".join(out)


def toml_value(value: Any) -> str:
    if isinstance(value, str):
        return toml_string(value)
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(item) for item in value) + "]"
    if isinstance(value, dt.date):
        return value.isoformat()
    return repr(value)


def toml_document(records: dict[str, list[dict[str, Any]]]) -> str:
    lines = ["schema_version = 1", ""]
    for kind, items in records.items():
        for item in items:
            lines.append(f"[[{kind}]]")
            lines.extend(f"{key} = {toml_value(value)}" for key, value in item.items())
            lines.append("")
    return "\n".join(lines)


SECTIONS = [("0", None), ("1", None), ("1.1", "1"), ("2", None), ("2.2", "2")]


# How a quote writes each hedge (before the number, after its unit) and the statement's words.
HEDGES = {
    "exact": ("", "", "", ""),
    "at_least": ("", "", "以上", "at least "),
    "more_than": ("", "余", "", "more than "),
    "about": ("约", "", "", "about "),
    "at_most": ("", "", "以下", "at most "),
    "less_than": ("不足", "", "", "fewer than "),
}
PERIOD_MARKS = {
    None: "",
    "per_year": "每年培训",
    **{key: f"{PERIODS[key][0]}培训" for key in PAST_YEARS.values()},
    "consecutive_years": "连续5年培训",
}


@st.composite
def fact_bases(draw: st.DrawFn) -> dict[str, list[dict[str, Any]]]:
    """The records of a valid fact base with random free text."""
    source = {
        "id": "demo-source",
        "title": draw(free_text),
        "title_en": draw(free_text),
        "publisher": draw(free_text),
        "publisher_en": draw(free_text),
        "url": "https://example.org/" + draw(free_text),
        "published": draw(st.dates(dt.date(1000, 1, 1), dt.date(9999, 12, 31))),
        "language": draw(free_text),
    }
    sections = []
    for ident, parent in SECTIONS:
        section = {"id": ident, "title": draw(free_text), "title_en": draw(free_text)}
        if parent:
            section["parent"] = parent
        sections.append(section)
    entity_ids = draw(st.lists(kebab, min_size=1, max_size=4, unique=True))
    entities = [
        {
            "id": ident,
            "name": draw(free_text),
            "name_en": draw(free_text),
            "kind": draw(st.sampled_from(ENTITY_KINDS)),
            "aliases": draw(st.lists(free_text, max_size=2, unique=True)),
        }
        for ident in entity_ids
    ]
    facts = []
    for ident in draw(st.lists(kebab, min_size=1, max_size=6, unique=True)):
        fact: dict[str, Any] = {
            "id": ident,
            "section": draw(st.sampled_from([section[0] for section in SECTIONS])),
            "statement_en": draw(free_text),
            "source": "demo-source",
            "entities": draw(st.lists(st.sampled_from(entity_ids), max_size=3, unique=True)),
            "tags": draw(st.lists(kebab, max_size=3, unique=True)),
        }
        value = draw(
            st.one_of(
                st.none(),
                st.integers(0, 10**12),
                st.integers(0, 10**6).map(lambda tenths: tenths / 10),
            )
        )
        if value is None:
            fact["quote"] = draw(free_text)
        else:
            # The rules of meaning hold: the quote writes the figure with its hedge, unit
            # and period, and the statement writes the value with the hedge's words.
            qualifier = draw(st.sampled_from(QUALIFIERS))
            before, middle, after, english = HEDGES[qualifier]
            period = draw(st.sampled_from([None, *sorted(PERIODS)]))
            fact["quote"] = f"{PERIOD_MARKS[period]}{before}{value}{middle}名{after}"
            fact["statement_en"] = f"{english}{value}"
            fact["value"] = value
            fact["unit"] = "名"
            fact["unit_en"] = draw(free_text)
            fact["qualifier"] = qualifier
            if period:
                fact["period"] = period
        facts.append(fact)
    return {"sources": [source], "sections": sections, "entities": entities, "facts": facts}


@pytest.fixture(scope="module")
def workdir() -> Iterator[Path]:
    """One directory for every example: the base, and a cache home of its own."""
    with tempfile.TemporaryDirectory(prefix="jiangjin-properties-") as name:
        yield Path(name)


def invoke(workdir: Path, args: list[str], **env: str | None) -> Result:
    runner = CliRunner(
        env={
            "JIANGJIN_FACTS": None,
            "JIANGJIN_LANG": None,
            "COLUMNS": "1000",
            "XDG_CACHE_HOME": str(workdir / "cache"),
            **env,
        }
    )
    result = runner.invoke(app, args)
    note(f"args={args!r} exit={result.exit_code}\nstdout={result.stdout[:2000]!r}")
    note(f"stderr={result.stderr[:2000]!r}")
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception  # a traceback: the test fails with it
    assert "Traceback" not in result.stdout + result.stderr
    return result


def assert_clean_stderr(result: Result) -> None:
    assert not RAW.search(result.stderr), result.stderr
    for line in result.stderr.splitlines():
        if line.strip():
            assert line.startswith("jiangjin: "), line


# --- valid bases with random text ----------------------------------------------------------------

FORMATS = ["table", "tsv", "csv", "json", "jsonl", "plain"]


@st.composite
def commands_for(draw: st.DrawFn, records: dict[str, list[dict[str, Any]]]) -> list[str]:
    fact_ids = [fact["id"] for fact in records["facts"]]
    entity = draw(st.sampled_from(records["entities"]))
    section = draw(st.sampled_from([ident for ident, _ in SECTIONS]))
    some_facts = draw(st.lists(st.sampled_from(fact_ids), min_size=1, max_size=3))
    words = draw(st.lists(free_text, min_size=1, max_size=3))
    fmt = ["--format", draw(st.sampled_from(FORMATS))]
    lang = ["--lang", draw(st.sampled_from(["zh", "en"]))]
    choices = [
        ["facts", *fmt, *lang],
        ["facts", "--section", section, "--sort", "value", *fmt, *lang],
        ["facts", "--entity", entity["id"], *fmt],
        ["facts", "--entity", entity["name"], *fmt],
        ["show", *some_facts, *fmt, *lang],
        ["get", *some_facts, "--field", draw(st.sampled_from(["quote", "value", "tags", "unit"]))],
        ["search", *fmt, *lang, "--", *words],
        ["search", *fmt, *lang, "--", entity["name"]],
        ["sections", *fmt, *lang],
        ["sections", section, *fmt, *lang],
        ["entities", *fmt, *lang],
        ["entities", entity["id"], *fmt, *lang],
        ["entities", *fmt, "--", draw(st.sampled_from([entity["name"], *entity["aliases"]]))],
        ["sources", *fmt, *lang],
        ["chart", *fmt, *lang],
        ["export", "--format", draw(st.sampled_from(["json", "jsonl", "csv", "markdown"]))],
        ["cite", *some_facts, "--style", draw(st.sampled_from(["gbt7714", "apa", "bibtex"]))],
        ["validate"],
    ]
    return [without_nul(arg) for arg in draw(st.sampled_from(choices))]


def without_nul(text: str) -> str:
    """A shell cannot pass a NUL byte in an argument; "x" if nothing else is left."""
    cleaned = text.replace("\x00", "")
    return cleaned if cleaned.strip() else "x"


@settings(SETTINGS, max_examples=100 * SCALE)
@given(data=st.data(), records=fact_bases())
def test_valid_bases_with_any_text_never_break(
    workdir: Path, data: st.DataObject, records: dict[str, list[dict[str, Any]]]
) -> None:
    path = workdir / "valid.toml"
    path.write_text(toml_document(records), encoding="utf-8")
    args = data.draw(commands_for(records))
    result = invoke(workdir, ["--facts", str(path), *args])
    assert result.exit_code in (Exit.OK, Exit.NO_MATCH), result.stderr
    assert_clean_stderr(result)
    if args[0] == "validate":
        assert result.exit_code == Exit.OK, "the generated base should be valid"
        return
    fmt = args[args.index("--format") + 1] if "--format" in args else "tsv"
    if result.exit_code != Exit.OK:
        assert result.stdout == ""
        return
    if fmt == "table":
        assert not RAW.search(result.stdout), result.stdout
        if args[0] == "show":
            # Every line of every quote is on the card, as written, escaped.
            for ident in args[1:]:
                if ident.startswith("--"):
                    break
                quote = next(f["quote"] for f in records["facts"] if f["id"] == ident)
                for line in visible(quote).split("\n"):
                    assert line.strip() in result.stdout
    elif fmt == "json":
        document = json.loads(result.stdout)
        if args[0] == "show":
            quotes = {f["id"]: f["quote"] for f in records["facts"]}
            assert [row["quote"] for row in document] == [quotes[row["id"]] for row in document]
    elif fmt == "jsonl":
        # One record a line, whatever line breaks str.splitlines() knows.
        lines = result.stdout.splitlines()
        assert len(lines) == result.stdout.count("\n")
        for line in lines:
            json.loads(line)


# --- broken bases ---------------------------------------------------------------------------------

VALID_BYTES = VALID_TOML.encode("utf-8")
junk = st.one_of(
    st.binary(max_size=12),
    st.text(max_size=12).map(lambda text: text.encode("utf-8")),
    st.sampled_from(
        [
            b"[",
            b"]",
            b"[[facts]]\n",
            b'"',
            b"'''",
            b"=",
            b"\n",
            b"\x00",
            b"\xff\xfe",
            b"\xef\xbb\xbf",
            b"\x1b[2J",
            b"value = nan\n",
            b'id = "dual-qualified-teachers"\n',
            b"[" * 3000,
            b"{a = " * 50,
        ]
    ),
)


@st.composite
def broken_bases(draw: st.DrawFn) -> bytes:
    data = VALID_BYTES
    for _ in range(draw(st.integers(1, 3))):
        size = len(data)
        start = draw(st.integers(0, size))
        end = draw(st.integers(start, min(size, start + 40)))
        how = draw(st.sampled_from(["delete", "insert", "replace", "duplicate", "swap", "cut"]))
        if how == "delete":
            data = data[:start] + data[end:]
        elif how == "insert":
            data = data[:start] + draw(junk) + data[start:]
        elif how == "replace":
            data = data[:start] + draw(junk) + data[end:]
        elif how == "cut":
            data = data[:start]
        else:
            lines = data.split(b"\n")
            i = draw(st.integers(0, len(lines) - 1))
            j = draw(st.integers(0, len(lines) - 1))
            if how == "duplicate":
                lines.insert(j, lines[i])
            else:
                lines[i], lines[j] = lines[j], lines[i]
            data = b"\n".join(lines)
    return data


EVERY_COMMAND = [
    ["facts"],
    ["facts", "--format", "table"],
    ["show", "dual-qualified-teachers", "--format", "table"],
    ["get", "training-attendances"],
    ["search", "教师", "--format", "table"],
    ["sections", "--format", "table"],
    ["entities", "--format", "json"],
    ["sources", "--format", "table"],
    ["chart", "--format", "table"],
    ["export"],
    ["export", "--format", "markdown"],
    ["cite", "--style", "bibtex"],
]


@settings(SETTINGS, max_examples=100 * SCALE)
@given(data=broken_bases(), args=st.sampled_from(EVERY_COMMAND))
def test_broken_bases_are_reported_never_raised(
    workdir: Path, data: bytes, args: list[str]
) -> None:
    # The same file, rewritten for each example, as a person editing it would.
    path = workdir / "broken.toml"
    path.write_bytes(data)
    verdict = invoke(workdir, ["validate", str(path)], JIANGJIN_NO_CACHE="1")
    assert verdict.exit_code in (Exit.OK, Exit.NO_MATCH, Exit.USAGE)
    assert_clean_stderr(verdict)
    result = invoke(workdir, ["--facts", str(path), *args])
    assert_clean_stderr(result)
    if verdict.exit_code == Exit.OK:
        assert result.exit_code in (Exit.OK, Exit.NO_MATCH)
    else:
        assert result.exit_code == Exit.USAGE
        assert result.stdout == ""
        assert result.stderr.startswith(f"jiangjin: {path}")
        if verdict.exit_code == Exit.USAGE:  # unreadable: one line, the same as validate's
            assert result.stderr == verdict.stderr
            assert result.stderr.count("\n") == 1


# --- arguments ----------------------------------------------------------------------------------

OPTIONS = [
    "--format",
    "-f",
    "--lang",
    "-l",
    "--section",
    "-s",
    "--entity",
    "-e",
    "--tag",
    "-t",
    "--numeric",
    "--min",
    "--max",
    "--limit",
    "-n",
    "--sort",
    "--kind",
    "-k",
    "--field",
    "-F",
    "--source",
    "--facts",
    "--",
    "-h",
    "--bogus",
    "-x",
]
VALUES = [
    "table",
    "json",
    "jsonl",
    "csv",
    "tsv",
    "plain",
    "auto",
    "zh",
    "en",
    "value",
    "id",
    "section",
    "fact",
    "entity",
    "school",
    "place",
    "0",
    "2",
    "2.2",
    "2.2.",
    "1",
    "-1",
    "3.5",
    "nan",
    "inf",
    "-inf",
    "1e999",
    "",
    " ",
    "dual-qualified-teachers",
    "one-plus-x",
    "training-attendances",
    "jiangjin-district",
    "江津区",
    "重庆工商学校",
    "Jiangjin",
    "teachers",
    "教师",
    "quote",
    "unit_en",
    "demo-source=article.txt",
    "../../etc/passwd",
    "/nonexistent/facts.toml",
]
COMMAND_NAMES = [
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
# A shell cannot pass a NUL byte in an argument.
argument_text = free_text.map(without_nul)
token = st.one_of(
    st.sampled_from(OPTIONS),
    st.sampled_from(VALUES),
    st.sampled_from(COMMAND_NAMES),
    argument_text,
)


@settings(SETTINGS, max_examples=200 * SCALE)
@given(
    command=st.one_of(st.sampled_from(COMMAND_NAMES), argument_text),
    rest=st.lists(token, max_size=8),
    before=st.lists(st.sampled_from(["--facts", "--version", "--bogus", "-h"]), max_size=1),
)
def test_any_arguments_end_in_0_1_or_2(
    workdir: Path, command: str, rest: list[str], before: list[str]
) -> None:
    path = workdir / "args.toml"
    if not path.exists():
        path.write_text(VALID_TOML, encoding="utf-8")
    args = ["--facts", str(path), *before, command, *rest]
    result = invoke(workdir, args, COLUMNS="80")
    assert result.exit_code in (Exit.OK, Exit.NO_MATCH, Exit.USAGE)
    # The base holds no control characters, so any on either stream would be an echoed argument.
    assert not RAW.search(result.stderr), result.stderr
    assert not RAW.search(result.stdout), result.stdout
    if result.exit_code == Exit.USAGE and result.stderr.endswith(" -h'\n"):
        assert result.stderr.count("\n") == 1, result.stderr  # a usage error: one line


def test_the_toml_writer_round_trips() -> None:
    """The generators' TOML writer writes exactly the text it is given."""
    import tomli

    text = "".join(HOSTILE_PIECES)
    assert tomli.loads("x = " + toml_string(text))["x"] == text
