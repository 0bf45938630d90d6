"""Hostile environments: pipes that close, Ctrl-C, narrow or ASCII-only terminals, no home.

These run the real program in a child process where the environment is the point
(a pipe into ``head``, a signal, an encoding chosen at start-up), and through
CliRunner where an environment variable is enough.
"""

from __future__ import annotations

import errno
import json
import os
import shlex
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner, Result

from jiangjin_cli import process
from jiangjin_cli.cli import app
from jiangjin_cli.errors import Exit

from conftest import (
    VALID_TOML,
    Written,
    default_sigint,
    python_env,
    run_in_terminal,
    usage_message,
)

WriteBase = Callable[..., Written]
JIANGJIN = [sys.executable, "-m", "jiangjin_cli"]


def child(
    args: list[str],
    env: Mapping[str, str] | None = None,
    drop: tuple[str, ...] = (),
    cwd: Path | None = None,
) -> subprocess.CompletedProcess[bytes]:
    """Run jiangjin in a child process; bytes out, so nothing is decoded for us."""
    full = python_env(env=env)
    for name in drop:
        full.pop(name, None)
    return subprocess.run(
        [*JIANGJIN, *args], env=full, capture_output=True, timeout=120, check=False, cwd=cwd
    )


@pytest.fixture(scope="module")
def big_base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small base plus 3,000 facts: far more output than a pipe buffers."""
    facts = "".join(
        f'\n[[facts]]\nid = "fact-{i}"\nsection = "0"\nquote = "第{i}条“资料”"\n'
        f'statement_en = "Statement number {i}."\nsource = "demo-source"\n'
        for i in range(3000)
    )
    path = tmp_path_factory.mktemp("big") / "big.toml"
    path.write_text(VALID_TOML + facts, encoding="utf-8")
    return path


# --- a closed pipe: `jiangjin ... | head -1` --------------------------------------------------

MANY_IDS = [f"fact-{i}" for i in range(3000)] * 2  # about 130 kB of statements


@pytest.mark.skipif(shutil.which("bash") is None or shutil.which("head") is None, reason="bash")
@pytest.mark.parametrize(
    ("args", "codes"),
    [
        (["facts"], {Exit.BROKEN_PIPE}),
        (["facts", "--format", "json"], {Exit.BROKEN_PIPE}),
        (["facts", "--format", "jsonl"], {Exit.BROKEN_PIPE}),
        (["facts", "--format", "csv"], {Exit.BROKEN_PIPE}),
        # 3,000 ids are about 27 kB, less than a pipe buffers: head may leave after all
        # of it was written, and then the run simply succeeded.
        (["facts", "--format", "plain"], {Exit.OK, Exit.BROKEN_PIPE}),
        (["export"], {Exit.BROKEN_PIPE}),
        (["export", "--format", "tsv"], {Exit.BROKEN_PIPE}),
        (["search", "资料"], {Exit.BROKEN_PIPE}),
        (["get", *MANY_IDS, "--field", "statement_en"], {Exit.BROKEN_PIPE}),
        # rich writes a table in one go: when the pipe took all of it before head left,
        # the run simply succeeded.
        (["facts", "--format", "table"], {Exit.OK, Exit.BROKEN_PIPE}),
        (["show", *MANY_IDS[:100], "--format", "table"], {Exit.OK, Exit.BROKEN_PIPE}),
        (["search", "资料", "--format", "table"], {Exit.OK, Exit.BROKEN_PIPE}),
    ],
    ids=lambda value: " ".join(value)[:40] if isinstance(value, list) else "",
)
def test_output_piped_into_head_ends_silently(
    big_base: Path, tmp_path: Path, args: list[str], codes: set[int]
) -> None:
    command = shlex.join([*JIANGJIN, "--facts", str(big_base), *args])
    errors = tmp_path / "stderr"
    script = f'{command} 2>"$1" | head -1 >"$2"; exit "${{PIPESTATUS[0]}}"'
    first = tmp_path / "first"
    done = subprocess.run(
        ["bash", "-c", script, "bash", str(errors), str(first)],
        env=python_env(),
        timeout=120,
        check=False,
    )
    assert done.returncode in codes
    assert errors.read_bytes() == b""
    assert first.read_bytes().strip()


# --- Ctrl-C -------------------------------------------------------------------------------------


def interrupt_while_loading(fifo: Path, args: list[str]) -> tuple[int, bytes, bytes]:
    """Start jiangjin on a named pipe, wait until it is reading it, and press Ctrl-C.

    Opening the pipe's write end succeeds only once jiangjin has opened it to read,
    so the signal arrives while the command runs, not while Python starts.
    """
    process = subprocess.Popen(
        [*JIANGJIN, "--facts", str(fifo), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=python_env(),
        preexec_fn=default_sigint,
    )
    deadline = time.monotonic() + 60
    writer = None
    try:
        while writer is None:
            try:
                writer = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
            except OSError as problem:
                if problem.errno != errno.ENXIO or process.poll() is not None:
                    raise
                assert time.monotonic() < deadline, "jiangjin never opened the fact base"
                time.sleep(0.01)
        os.write(writer, b"schema_version = 1\n")  # a start, and never an end
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=60)
    finally:
        if writer is not None:
            os.close(writer)
        if process.poll() is None:
            process.kill()
            process.wait()
    return process.returncode, out, err


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
@pytest.mark.parametrize(
    "args",
    [
        ["facts"],
        ["show", "one-plus-x", "--format", "table"],
        ["get", "one-plus-x"],
        ["search", "教师"],
        ["sections"],
        ["entities"],
        ["sources"],
        ["chart"],
        ["export"],
        ["validate"],
    ],
    ids=lambda args: args[0],
)
def test_ctrl_c_prints_one_line_and_exits_130(tmp_path: Path, args: list[str]) -> None:
    fifo = tmp_path / "facts.toml"
    os.mkfifo(fifo)
    code, out, err = interrupt_while_loading(fifo, args)
    assert code == Exit.INTERRUPTED
    assert out == b""
    assert err == b"jiangjin: interrupted\n"


def test_ctrl_c_while_drawing_a_table(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], write_base: WriteBase
) -> None:
    from jiangjin_cli.render import tables

    def interrupted(*_: object, **__: object) -> None:
        raise KeyboardInterrupt

    written = write_base()
    monkeypatch.setattr(tables, "facts_table", interrupted)
    argv = ["jiangjin", "--facts", str(written.path), "facts", "--format", "table"]
    monkeypatch.setattr(sys, "argv", argv)
    with pytest.raises(SystemExit) as stop:
        process.main()
    assert stop.value.code == Exit.INTERRUPTED
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == "jiangjin: interrupted\n"


# --- a stdout that cannot write Chinese -----------------------------------------------------------


def _ids(args: list[str]) -> str:
    return " ".join(args)


ASCII = {"PYTHONIOENCODING": "ascii"}
C_LOCALE = {"LC_ALL": "C", "LANG": "C"}
# Without coercion Python keeps the C locale's ASCII streams (with surrogateescape).
C_LOCALE_STRICT = {**C_LOCALE, "PYTHONCOERCECLOCALE": "0", "PYTHONUTF8": "0"}

TEXT_COMMANDS = [
    ["facts"],
    ["facts", "--format", "table"],
    ["facts", "--format", "csv"],
    ["facts", "--format", "tsv"],
    ["show", "dual-qualified-teachers", "--format", "table"],
    ["get", "dual-qualified-teachers", "--field", "quote"],
    ["search", "teachers"],
    ["search", "teachers", "--format", "table"],
    ["sections", "--format", "table"],
    ["entities", "--format", "table"],
    ["sources", "--format", "table"],
    ["chart", "--format", "table"],
    ["search", "--help"],
]
JSON_COMMANDS = [["facts", "--format", "json"], ["facts", "--format", "jsonl"], ["export"]]


@pytest.mark.parametrize(
    ("env", "drop", "args"),
    [
        *[pytest.param(ASCII, (), args, id="ascii " + _ids(args)) for args in TEXT_COMMANDS],
        *[
            pytest.param(C_LOCALE_STRICT, ("PYTHONIOENCODING",), args, id="C " + _ids(args))
            for args in TEXT_COMMANDS[1:6]
        ],
    ],
)
def test_ascii_stdout_degrades_to_question_marks(
    valid_base: Written, env: dict[str, str], drop: tuple[str, ...], args: list[str]
) -> None:
    result = child(["--facts", str(valid_base.path), *args], env=env, drop=drop)
    assert result.returncode == Exit.OK, result.stderr
    assert result.stderr == b""
    assert result.stdout.isascii()
    assert b"?" in result.stdout


def test_uncoerced_c_locale_takes_chinese_arguments_as_bytes(valid_base: Written) -> None:
    """With coercion and UTF-8 mode both turned off, Python cannot decode a Chinese argument.

    It arrives as escaped bytes: nothing matches it, and the error says so, escaped.
    """
    args = ["--facts", str(valid_base.path), "search", "教师"]
    result = child(args, env=C_LOCALE_STRICT, drop=("PYTHONIOENCODING",))
    assert result.returncode == Exit.NO_MATCH
    assert result.stdout == b""
    assert result.stderr == b"jiangjin: no match for '\\udce6\\udc95\\udc99\\udce5\\udcb8\\udc88'\n"


@pytest.mark.parametrize("args", JSON_COMMANDS, ids=_ids)
def test_ascii_stdout_gets_json_escapes_with_the_same_data(
    valid_base: Written, args: list[str]
) -> None:
    wide = child(["--facts", str(valid_base.path), *args])
    narrow = child(["--facts", str(valid_base.path), *args], env=ASCII)
    assert narrow.returncode == Exit.OK, narrow.stderr
    assert narrow.stderr == b""
    assert narrow.stdout.isascii()
    assert b"\\u57f9" in narrow.stdout  # 培
    lines = (wide.stdout.decode(), narrow.stdout.decode())
    if args[-1] == "jsonl":
        parsed = [[json.loads(line) for line in text.splitlines()] for text in lines]
    else:
        parsed = [json.loads(text) for text in lines]
    assert parsed[0] == parsed[1]


@pytest.mark.parametrize(
    ("args", "code", "start"),
    [
        (["show", "江津"], Exit.NO_MATCH, b"jiangjin: unknown fact id '"),
        (["facts", "--section", "第二"], Exit.NO_MATCH, b"jiangjin: unknown section '"),
        (["entities", "--kind", "学校"], Exit.USAGE, b"jiangjin: invalid value for '--kind'"),
        (["--facts", "/nonexistent/江津.toml", "facts"], Exit.USAGE, b"jiangjin: /nonexistent/"),
    ],
    ids=["show", "section", "kind", "path"],
)
def test_ascii_errors_with_chinese_on_stderr(
    valid_base: Written, args: list[str], code: int, start: bytes
) -> None:
    if args[0] != "--facts":
        args = ["--facts", str(valid_base.path), *args]
    result = child(args, env=ASCII)
    assert result.returncode == code
    assert result.stdout == b""
    assert result.stderr.startswith(start)
    assert b"Traceback" not in result.stderr


@pytest.mark.parametrize(
    "args",
    [["facts", "--format", "table"], ["search", "教师"], ["show", "one-plus-x"]],
    ids=_ids,
)
def test_the_c_locale_is_read_as_utf8(valid_base: Written, args: list[str]) -> None:
    normal = child(["--facts", str(valid_base.path), *args])
    c_locale = child(
        ["--facts", str(valid_base.path), *args], env=C_LOCALE, drop=("PYTHONIOENCODING",)
    )
    assert c_locale.returncode == Exit.OK, c_locale.stderr
    assert c_locale.stderr == b""
    assert c_locale.stdout == normal.stdout


# --- narrow and strange terminals -----------------------------------------------------------------

EVERY_TABLE = [
    ["facts"],
    ["facts", "--lang", "en"],
    ["show", "dual-qualified-teachers", "training-attendances"],
    ["show", "dual-qualified-teachers", "--lang", "en"],
    ["search", "教师"],
    ["search", "teachers", "--lang", "en"],
    ["sections"],
    ["sections", "2.2"],
    ["entities"],
    ["entities", "jiangjin-district"],
    ["sources"],
    ["sources", "--lang", "en"],
    ["chart"],
    ["chart", "--lang", "en"],
]


def runner_invoke(args: list[str], env: Mapping[str, str | None]) -> Result:
    runner = CliRunner(env={"JIANGJIN_FACTS": None, "JIANGJIN_LANG": None, **env})
    result = runner.invoke(app, args)
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result


@pytest.mark.parametrize("width", [20, 40])
@pytest.mark.parametrize("args", EVERY_TABLE, ids=_ids)
def test_narrow_terminal_tables_fit(valid_base: Written, args: list[str], width: int) -> None:
    result = runner_invoke(
        ["--facts", str(valid_base.path), *args, "--format", "table"], {"COLUMNS": str(width)}
    )
    assert result.exit_code == Exit.OK, result.stderr
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert lines
    # A URL is never broken by us: its line is the one the terminal may wrap.
    assert max(cell_len(line) for line in lines if "://" not in line) <= width


@pytest.mark.parametrize("width", [20, 40])
@pytest.mark.parametrize(
    "args", [["validate"], ["export", "--format", "csv"], ["--help"]], ids=_ids
)
def test_narrow_terminal_other_commands(valid_base: Written, args: list[str], width: int) -> None:
    if args[0] != "--help":
        args = ["--facts", str(valid_base.path), *args]
    result = runner_invoke(args, {"COLUMNS": str(width)})
    assert result.exit_code == Exit.OK, result.stderr
    assert result.stdout


@pytest.mark.parametrize("columns", ["0", "-3", "abc", ""])
def test_a_nonsense_width_still_draws(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    valid_base: Written,
    columns: str,
) -> None:
    monkeypatch.setenv("COLUMNS", columns)
    argv = ["jiangjin", "--facts", str(valid_base.path), "facts", "--format", "table"]
    monkeypatch.setattr(sys, "argv", argv)
    with pytest.raises(SystemExit) as stop:
        process.main()
    assert stop.value.code == Exit.OK
    out = capsys.readouterr().out
    assert "dual-qualified-teachers" in out.replace("\n", "")


@pytest.mark.parametrize("args", EVERY_TABLE[:6], ids=_ids)
def test_term_dumb_gets_no_escape_codes(valid_base: Written, args: list[str]) -> None:
    result = runner_invoke(
        ["--facts", str(valid_base.path), *args, "--format", "table"],
        {"TERM": "dumb", "FORCE_COLOR": None, "COLUMNS": "80"},
    )
    assert result.exit_code == Exit.OK
    assert "\x1b" not in result.stdout


def test_term_dumb_on_a_real_terminal(valid_base: Written) -> None:
    """Through a pseudo-terminal: a table is drawn, with no colour codes at all."""
    done = run_in_terminal(
        ["--facts", str(valid_base.path), "facts"], env={"TERM": "dumb", "COLUMNS": "80"}
    )
    shown = done.stdout
    assert done.returncode == 0, done.stderr
    assert "dual-qualified-teachers" in shown
    assert "─" in shown  # a table, since stdout is a terminal
    assert "\x1b" not in shown


# --- no home, no cache --------------------------------------------------------------------------


@pytest.fixture
def not_a_directory(tmp_path: Path) -> Path:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory\n", encoding="utf-8")
    return blocker


@pytest.mark.parametrize(
    "where",
    ["home-missing", "cache-missing", "cache-under-a-file", "cache-is-a-file", "cache-relative"],
)
@pytest.mark.parametrize("args", [["facts"], ["search", "教师"]], ids=_ids)
def test_no_writable_home_or_cache(
    valid_base: Written, not_a_directory: Path, where: str, args: list[str]
) -> None:
    env = {
        "home-missing": {"HOME": "/nonexistent", "XDG_CACHE_HOME": ""},
        "cache-missing": {"XDG_CACHE_HOME": "/nonexistent/cache"},
        "cache-under-a-file": {"XDG_CACHE_HOME": str(not_a_directory / "cache")},
        "cache-is-a-file": {"XDG_CACHE_HOME": str(not_a_directory.parent), "HOME": "/nonexistent"},
        "cache-relative": {"XDG_CACHE_HOME": "relative/cache", "HOME": "/nonexistent"},
    }[where]
    if where == "cache-is-a-file":
        (not_a_directory.parent / "jiangjin").write_text("in the way\n", encoding="utf-8")
    args = ["--facts", str(valid_base.path), *args]
    expected = runner_invoke(args, {"JIANGJIN_NO_CACHE": "1"}).stdout.encode()
    for _ in range(2):  # the second run would read a cache entry, had one been written
        result = child(args, env=env, cwd=not_a_directory.parent)
        assert result.returncode == Exit.OK, result.stderr
        assert result.stderr == b""
        assert result.stdout == expected


def test_a_damaged_cache_is_ignored(valid_base: Written, tmp_path: Path) -> None:
    """Whatever is in the cache directory, the answer comes from the fact base."""
    cache_home = tmp_path / "cache"
    env = {"XDG_CACHE_HOME": str(cache_home)}
    args = ["--facts", str(valid_base.path), "search", "教师"]
    first = child(args, env=env)
    assert first.returncode == Exit.OK, first.stderr
    entries = [path for path in cache_home.rglob("*") if path.is_file()]
    for damage in (b"", b"SQLite format 3\x00" + b"\xff" * 200, os.urandom(4096)):
        for entry in entries:
            entry.write_bytes(damage)
        again = child(args, env=env)
        assert again.returncode == Exit.OK, again.stderr
        assert again.stderr == b""
        assert again.stdout == first.stdout


# --- an output that cannot be written -------------------------------------------------------------

WRITERS = [
    ["facts"],
    ["facts", "--format", "table"],
    ["show", "one-plus-x", "--format", "json"],
    ["get", "one-plus-x", "--field", "quote"],
    ["export"],
    ["validate"],
    ["--version"],
    ["facts", "--help"],
]


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("args", WRITERS, ids=_ids)
def test_a_full_disk_is_one_line_and_exit_74(valid_base: Written, args: list[str]) -> None:
    with open("/dev/full", "wb") as full:
        done = subprocess.run(
            [*JIANGJIN, "--facts", str(valid_base.path), *args],
            stdout=full,
            stderr=subprocess.PIPE,
            env=python_env(),
            timeout=120,
            check=False,
        )
    assert done.returncode == Exit.CANNOT_WRITE == 74
    assert done.stderr == b"jiangjin: cannot write the output: No space left on device\n"


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash")
@pytest.mark.parametrize("args", WRITERS, ids=_ids)
def test_a_closed_stdout_writes_nowhere(valid_base: Written, args: list[str]) -> None:
    command = shlex.join([*JIANGJIN, "--facts", str(valid_base.path), *args])
    done = subprocess.run(
        ["bash", "-c", f"{command} >&-"],
        stderr=subprocess.PIPE,
        env=python_env(),
        timeout=120,
        check=False,
    )
    assert done.returncode == Exit.OK
    assert done.stderr == b""


# --- jiangjin's own environment variables, set to nonsense ----------------------------------------


def test_a_bad_language_in_the_environment_is_a_usage_error_naming_it() -> None:
    result = runner_invoke(["facts"], {"JIANGJIN_LANG": "fr", "COLUMNS": "200"})
    assert result.exit_code == Exit.USAGE
    assert result.stdout == ""
    message = usage_message(result.stderr, "facts")
    assert "(env var: 'JIANGJIN_LANG'): 'fr' is not one of 'zh', 'en'" in message


def test_an_upper_case_language_is_accepted() -> None:
    result = runner_invoke(["facts", "-n", "1", "-f", "plain"], {"JIANGJIN_LANG": "EN"})
    assert result.exit_code == Exit.OK
    assert result.stdout == "headline\n"


def test_an_empty_fact_base_variable_means_the_shipped_base() -> None:
    result = runner_invoke(["sources", "-f", "plain"], {"JIANGJIN_FACTS": ""})
    assert result.exit_code == Exit.OK
    assert result.stdout == "cqjw-2024-09-09-jiangjin\n"


def test_a_fact_base_variable_with_escapes_is_shown_escaped() -> None:
    runner = CliRunner(env={"JIANGJIN_FACTS": "\x1b]0;T\x07[/x]"})
    result = runner.invoke(app, ["sources"], color=True)
    assert result.exit_code == Exit.USAGE
    assert result.stderr == (
        f"jiangjin: {Path.cwd()}/\\x1b]0;T\\x07[/x]: no such file; "
        "give a fact base with --facts PATH or $JIANGJIN_FACTS\n"
    )
