"""The `jiangjin` entry point: version, help, exit codes, pipes, Ctrl-C, lazy imports."""

from __future__ import annotations

import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from jiangjin_cli import __version__, process
from jiangjin_cli.errors import Exit
from jiangjin_cli.render import machine

from conftest import VALID_TOML, Written, default_sigint, python_env, run_python, usage_message

Invoke = Callable[..., Result]
WriteBase = Callable[..., Written]


def test_version(invoke: Invoke) -> None:
    result = invoke("--version")
    assert result.exit_code == Exit.OK
    assert result.stdout == f"jiangjin {__version__}\n"


def test_version_via_python_m() -> None:
    result = run_python(["-m", "jiangjin_cli", "--version"])
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"jiangjin {__version__}\n"


@pytest.mark.parametrize("flag", ["-h", "--help"])
def test_help_options(invoke: Invoke, flag: str) -> None:
    for args in ((flag,), ("validate", flag), ("export", flag)):
        result = invoke(*args)
        assert result.exit_code == Exit.OK
        assert "Usage:" in result.stdout


def test_no_arguments_shows_help(invoke: Invoke) -> None:
    result = invoke()
    assert "Usage:" in result.stdout + result.stderr
    assert "validate" in result.stdout + result.stderr


def test_unknown_option_is_a_usage_error(invoke: Invoke) -> None:
    result = invoke("export", "--bogus")
    assert result.exit_code == Exit.USAGE
    assert result.stdout == ""
    assert usage_message(result.stderr, "export") == "no such option: --bogus"


def test_main_maps_a_keyboard_interrupt_to_130(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], valid_base: Written
) -> None:
    def interrupted(*_: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(machine, "write_json", interrupted)
    monkeypatch.setattr(sys, "argv", ["jiangjin", "--facts", str(valid_base.path), "export"])
    with pytest.raises(SystemExit) as stop:
        process.main()
    assert stop.value.code == Exit.INTERRUPTED
    assert capsys.readouterr().err == "jiangjin: interrupted\n"


def test_main_passes_exit_codes_through(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], write_base: WriteBase
) -> None:
    broken = write_base({"value = 2729": "value = 1"})
    monkeypatch.setattr(sys, "argv", ["jiangjin", "validate", str(broken.path)])
    with pytest.raises(SystemExit) as stop:
        process.main()
    assert stop.value.code == Exit.NO_MATCH
    assert "Traceback" not in capsys.readouterr().err


def big_base(write_base: WriteBase, count: int = 3000) -> Written:
    facts = "".join(
        f'\n[[facts]]\nid = "fact-{i}"\nsection = "0"\nquote = "第{i}条"\n'
        f'statement_en = "Statement number {i}."\nsource = "demo-source"\n'
        for i in range(count)
    )
    written: Written = write_base(text=VALID_TOML + facts, name="big.toml")
    return written


def test_output_piped_into_head_ends_quietly(write_base: WriteBase) -> None:
    written = big_base(write_base)
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "jiangjin_cli",
            "--facts",
            str(written.path),
            "export",
            "-f",
            "jsonl",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=python_env(),
    )
    assert process.stdout is not None and process.stderr is not None
    first = process.stdout.readline()
    assert first.startswith(b'{"id":"dual-qualified-teachers"')
    process.stdout.close()  # as `head -1` does
    stderr = process.stderr.read()
    process.stderr.close()
    assert process.wait(timeout=60) == Exit.BROKEN_PIPE
    assert stderr == b""


def test_ctrl_c_prints_one_line_and_exits_130(write_base: WriteBase) -> None:
    written = big_base(write_base)
    process = subprocess.Popen(
        [sys.executable, "-m", "jiangjin_cli", "--facts", str(written.path), "export"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=python_env(),
        preexec_fn=default_sigint,
    )
    assert process.stdout is not None
    assert process.stdout.read(1) == b"{"  # the command is writing (and soon blocked)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == Exit.INTERRUPTED
    assert stderr == b"jiangjin: interrupted\n"


LAZY_CHECK = """
import sys
sys.argv = ["jiangjin", *sys.argv[1:]]
from jiangjin_cli.process import main
try:
    main()
except SystemExit as stop:
    code = stop.code
loaded = sorted({name.split(".")[0] for name in sys.modules} & {"rich", "pydantic"})
print(code, loaded, file=sys.stderr)
"""


@pytest.mark.parametrize(
    "args",
    [
        ["export"],
        ["export", "--format", "jsonl"],
        ["export", "--format", "csv"],
        ["export", "--format", "tsv"],
        ["validate"],
    ],
)
def test_machine_paths_never_import_rich(valid_base: Written, args: list[str]) -> None:
    result = run_python(["-c", LAZY_CHECK, "--facts", str(valid_base.path), *args])
    assert result.stderr.splitlines()[-1] == "0 []", result.stderr


def test_the_library_imports_neither_typer_nor_rich() -> None:
    code = (
        "import sys, jiangjin_cli.store, jiangjin_cli.store.validate, jiangjin_cli.render.machine\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'typer', 'rich', 'click'}))"
    )
    result = run_python(["-c", code])
    assert result.stdout.strip() == "[]", result.stderr


def test_python_m_runs_the_same_app(tmp_path: Path, valid_base: Written) -> None:
    result = run_python(["-m", "jiangjin_cli", "validate", str(valid_base.path)], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"{valid_base.path}: valid: ")


def test_ctrl_c_while_starting_up_is_one_line() -> None:
    """A Ctrl-C while Typer is being imported: exit 130 and one line, no traceback."""
    code = (
        "import sys\n"
        "class Interrupt:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'typer':\n"
        "            raise KeyboardInterrupt\n"
        "sys.meta_path.insert(0, Interrupt())\n"
        "from jiangjin_cli.__main__ import main\n"
        "main()\n"
    )
    result = run_python(["-c", code])
    assert result.returncode == 130
    assert result.stderr == "jiangjin: interrupted\n"
    assert result.stdout == ""
