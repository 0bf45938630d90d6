"""Unusable fact bases, against every command: one clear message, the right exit, no traceback.

A base that cannot be read or parsed stops every command with exit 2 and one
``jiangjin: PATH[:LINE[:COLUMN]]: ...`` line. A base that parses but breaks the
rules stops every command with exit 2 too, after its problems; only `validate`
reports it as an answer, with exit 1.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from jiangjin_cli import store
from jiangjin_cli.errors import Exit

from conftest import VALID_TOML, Written, edit

Invoke = Callable[..., Result]
WriteBase = Callable[..., Written]

# Every command, with the arguments it needs to get as far as loading the base.
COMMANDS: dict[str, list[str]] = {
    "facts": ["facts"],
    "show": ["show", "dual-qualified-teachers"],
    "get": ["get", "dual-qualified-teachers"],
    "search": ["search", "教师"],
    "sections": ["sections"],
    "entities": ["entities"],
    "sources": ["sources"],
    "chart": ["chart"],
    "export": ["export"],
    "cite": ["cite"],
    "validate": ["validate"],
}

NO_FILE = "no such file; give a fact base with --facts PATH or $JIANGJIN_FACTS"
EMPTY = "empty file; expected a TOML fact base starting with schema_version = 1"


def _gb18030() -> tuple[bytes, str]:
    data = 'schema_version = 1\ntitle = "江津"\n'.encode("gb18030")
    offset = data.index("江".encode("gb18030"))
    byte = data[offset]
    return (
        data,
        f":2:10: not UTF-8 text (byte 0x{byte:02x} at offset {offset}); save the file as UTF-8",
    )


# (id, file contents, what the one error line says after "jiangjin: PATH"). Where tomli words
# the reason, only the start is ours: those end with "..." and are checked as a prefix.
UNREADABLE: list[tuple[str, bytes, str]] = [
    ("empty", b"", f": {EMPTY}"),
    ("blank", b"  \n\t\n\n", f": {EMPTY}"),
    ("bom-only", b"\xef\xbb\xbf\n", f": {EMPTY}"),
    ("not-utf8-gb18030", *_gb18030()),
    (
        "not-utf8-latin1",
        "schema_version = 1\n# café\n".encode("latin-1"),
        ":2:6: not UTF-8 text (byte 0xe9 at offset 24); save the file as UTF-8",
    ),
    (
        "binary-nul",
        b"schema_version = 1\n\x00\x01\x02",
        ":2:1: binary data (a NUL byte at offset 19); expected UTF-8 TOML text",
    ),
    (
        "binary-png",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        ":3:1: binary data (a NUL byte at offset 8); expected UTF-8 TOML text",
    ),
    ("utf16", "schema_version = 1\n".encode("utf-16"), ":1:1: UTF-16 text; save the file as UTF-8"),
    ("invalid-toml", b"schema_version = 1\n[[facts]\nid = 1\n", ":2:8: invalid TOML: ..."),
    ("unclosed-string", b'schema_version = 1\nid = "abc\n', ":2:10: invalid TOML: ..."),
    ("duplicate-key", b"a = 1\na = 2\n", ":2:6: invalid TOML: ..."),
    ("bare-words", b"this is not toml\n", ":1:6: invalid TOML: ..."),
    (
        "deep-arrays",
        b"a = " + b"[" * 5000 + b"]" * 5000 + b"\n",
        ": invalid TOML: arrays or inline tables nested too deeply",
    ),
    (
        "deep-inline-tables",
        b"a = " + b"{b = " * 3000 + b"1" + b"}" * 3000 + b"\n",
        ": invalid TOML: arrays or inline tables nested too deeply",
    ),
]


def error_lines(result: Result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.strip()]


def run(invoke: Invoke, base: Path | str, command: str) -> Result:
    return invoke("--facts", base, *COMMANDS[command])


def assert_one_line(result: Result, expected: str) -> None:
    """Exit 2, nothing on stdout, no traceback, and exactly ``expected`` as the one stderr line.

    An ``expected`` ending in "..." is a prefix.
    """
    assert result.exit_code == Exit.USAGE, result.stderr
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    lines = error_lines(result)
    assert len(lines) == 1, lines
    if expected.endswith("..."):
        assert lines[0].startswith(expected[:-3]), lines
        assert len(lines[0]) > len(expected), lines  # some reason follows
    else:
        assert lines[0] == expected


# --- files that cannot be read or parsed ----------------------------------------------------------


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize(
    ("data", "message"), [pytest.param(data, msg, id=name) for name, data, msg in UNREADABLE]
)
def test_unreadable_base(
    invoke: Invoke, write_base: WriteBase, command: str, data: bytes, message: str
) -> None:
    written = write_base(data=data)
    assert_one_line(run(invoke, written.path, command), f"jiangjin: {written.path}{message}")


@pytest.mark.parametrize("command", COMMANDS)
def test_missing_file(invoke: Invoke, tmp_path: Path, command: str) -> None:
    missing = tmp_path / "missing.toml"
    assert_one_line(run(invoke, missing, command), f"jiangjin: {missing}: {NO_FILE}")


@pytest.mark.parametrize("command", COMMANDS)
def test_missing_file_named_by_the_environment(
    invoke: Invoke, tmp_path: Path, command: str
) -> None:
    missing = tmp_path / "from-env.toml"
    result = invoke(*COMMANDS[command], env={"JIANGJIN_FACTS": str(missing)})
    assert_one_line(result, f"jiangjin: {missing}: {NO_FILE}")


@pytest.mark.parametrize("command", [name for name in COMMANDS if name != "validate"])
def test_missing_file_named_after_the_command(invoke: Invoke, tmp_path: Path, command: str) -> None:
    missing = tmp_path / "after.toml"
    result = invoke(*COMMANDS[command], "--facts", missing)
    assert_one_line(result, f"jiangjin: {missing}: {NO_FILE}")


def test_validate_names_the_file_given_as_its_argument(invoke: Invoke, tmp_path: Path) -> None:
    missing = tmp_path / "argument.toml"
    assert_one_line(invoke("validate", missing), f"jiangjin: {missing}: {NO_FILE}")


@pytest.mark.parametrize("command", COMMANDS)
def test_directory(invoke: Invoke, tmp_path: Path, command: str) -> None:
    expected = (
        f"jiangjin: {tmp_path}: is a directory without *.toml files; "
        "a fact base is a TOML file or a directory of them"
    )
    assert_one_line(run(invoke, tmp_path, command), expected)


@pytest.mark.parametrize("command", COMMANDS)
def test_permission_denied(
    invoke: Invoke, write_base: WriteBase, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    written = write_base()

    def refuse(self: Path) -> bytes:  # root reads any file, so refuse it as the OS would
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", refuse)
    expected = f"jiangjin: {written.path}: permission denied: cannot read the file"
    assert_one_line(run(invoke, written.path, command), expected)


@pytest.mark.parametrize("command", COMMANDS)
def test_a_very_large_file_is_refused_before_it_is_read(
    invoke: Invoke, tmp_path: Path, command: str
) -> None:
    huge = tmp_path / "huge.toml"
    with huge.open("wb") as handle:  # sparse: no disk space, no time
        handle.truncate(store.MAX_BYTES + 1)
    size, limit = f"{store.MAX_BYTES + 1:,}", store.MAX_BYTES // 2**20
    expected = f"jiangjin: {huge}: too large ({size} bytes); a fact base is at most {limit} MiB"
    assert_one_line(run(invoke, huge, command), expected)


@pytest.mark.skipif(
    not os.path.exists("/dev/zero") or not stat.S_ISCHR(os.stat("/dev/zero").st_mode),
    reason="needs /dev/zero",
)
@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null"])
@pytest.mark.parametrize("command", ["facts", "validate"])
def test_a_device_is_refused_not_read_forever(invoke: Invoke, device: str, command: str) -> None:
    expected = f"jiangjin: {device}: is a character device, not a TOML file"
    assert_one_line(run(invoke, device, command), expected)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_named_pipe_is_read_like_a_file(invoke: Invoke, tmp_path: Path) -> None:
    import threading

    fifo = tmp_path / "facts.fifo"
    os.mkfifo(fifo)

    def feed() -> None:
        with fifo.open("wb") as pipe:
            pipe.write(VALID_TOML.encode())

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    result = invoke("--facts", fifo, "sources", "--format", "plain")
    writer.join(timeout=30)
    assert result.exit_code == Exit.OK, result.stderr
    assert result.stdout == "demo-source\n"


# --- files that parse but break the rules ---------------------------------------------------------

# (id, edits to VALID_TOML, the snippet on the reported line, the problem after "LINE: ")
INVALID: list[tuple[str, dict[str, str], str, str]] = [
    (
        "wrong-type-value",
        {"value = 2729": 'value = "2729"'},
        'value = "2729"',
        "dual-qualified-teachers.value: must be a number (an integer or a float), "
        'found a string ("2729")',
    ),
    (
        "wrong-type-list",
        {'tags = ["curriculum"]': 'tags = "curriculum"'},
        'tags = "curriculum"',
        'one-plus-x.tags: must be an array of strings like ["a", "b"], '
        'found a string ("curriculum")',
    ),
    (
        "wrong-type-date",
        {"published = 2024-09-09": 'published = "2024-09-09"'},
        'published = "2024-09-09"',
        "demo-source.published: must be a date written without quotes, like 2024-09-09, "
        'found a string ("2024-09-09")',
    ),
    (
        "missing-field",
        {'statement_en = "A “1+X” curriculum is being built."\n': ""},
        'id = "one-plus-x"',
        'one-plus-x: missing required field "statement_en"',
    ),
    (
        "duplicate-id",
        {'id = "one-plus-x"': 'id = "enterprise-partners"'},
        'id = "enterprise-partners"\nsection = "0"',
        'enterprise-partners.id: duplicate id "enterprise-partners": another [[facts]] has it '
        "(first at line 55)",
    ),
    (
        "dangling-section",
        {'section = "0"\nquote = "构建': 'section = "9.9"\nquote = "构建'},
        'section = "9.9"',
        'one-plus-x.section: unknown section "9.9"; no [[sections]] has this id',
    ),
    (
        "dangling-entity",
        {'entities = ["jiangjin-district"]\n': 'entities = ["nowhere"]\n'},
        'entities = ["nowhere"]',
        'dual-qualified-teachers.entities: unknown entity "nowhere"; no [[entities]] has this id',
    ),
]


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize(
    ("edits", "snippet", "problem"),
    [pytest.param(*case[1:], id=case[0]) for case in INVALID],
)
def test_invalid_base(
    invoke: Invoke,
    write_base: WriteBase,
    command: str,
    edits: dict[str, str],
    snippet: str,
    problem: str,
) -> None:
    written = write_base(edits)
    # The line of a record-level problem is the record's header, just above its id.
    line = written.line(snippet)
    if problem.startswith("one-plus-x: missing"):
        line -= 1
    result = run(invoke, written.path, command)
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    first = f"jiangjin: {written.path}:{line}: {problem}"
    if command == "validate":
        assert result.exit_code == Exit.NO_MATCH
        chosen = "(from --facts or $JIANGJIN_FACTS)"  # run() passes the base with --facts
        last = f"jiangjin: {written.path} {chosen}: invalid: 1 problem"
        assert error_lines(result) == [first, last]
    else:
        assert result.exit_code == Exit.USAGE
        assert error_lines(result) == [
            first,
            f"jiangjin: {written.path}: cannot use an invalid fact base (1 problem); "
            "see `jiangjin validate`",
        ]


def test_the_invalid_cases_break_only_what_they_say(write_base: WriteBase) -> None:
    """Each edit above applies to VALID_TOML exactly once (edit() checks) and parses."""
    import tomli

    for _, edits, _, _ in INVALID:
        tomli.loads(edit(VALID_TOML, edits))


@pytest.mark.parametrize("command", COMMANDS)
def test_many_problems_are_all_reported_in_line_order(
    invoke: Invoke, write_base: WriteBase, command: str
) -> None:
    edits: dict[str, str] = {}
    for _, more, _, _ in INVALID[:3]:
        edits.update(more)
    written = write_base(edits)
    result = run(invoke, written.path, command)
    lines = error_lines(result)
    assert result.exit_code == (Exit.NO_MATCH if command == "validate" else Exit.USAGE)
    assert len(lines) == 4, lines
    numbers = [int(line.split(":")[2]) for line in lines[:3]]
    assert numbers == sorted(numbers)
    assert "3 problems" in lines[-1]
