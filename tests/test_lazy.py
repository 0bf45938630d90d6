"""Lazy command registration: a run converts only the command it invokes.

Help, completion and Click's "No such command" still see every command.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from typing import Any

import pytest
import typer
from typer.testing import Result

from jiangjin_cli.cli import core as cli

from conftest import Written


def _declared() -> list[str]:
    """Every command the command modules declare, in their order (all imported)."""
    for name in cli.COMMAND_MODULES:
        cli.declare(name)
    return [cli._command_name(info) for info in cli._commands.registered_commands]


def test_the_table_of_command_modules_names_every_command_where_it_is_declared() -> None:
    assert sorted(_declared()) == sorted(cli.COMMAND_MODULES)
    declared = {
        cli._command_name(info): info.callback.__module__
        for info in cli._commands.registered_commands
    }
    expected = {name: f"jiangjin_cli.cli.{module}" for name, module in cli.COMMAND_MODULES.items()}
    assert declared == expected


def test_a_run_imports_only_the_module_of_its_command() -> None:
    code = (
        "import sys\n"
        "from jiangjin_cli.process import main\n"
        "sys.argv = ['jiangjin', 'get', 'dual-qualified-teachers']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "cli = sorted(m for m in sys.modules if m.startswith('jiangjin_cli.cli.'))\n"
        "print(cli, file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.stdout == "2729\n", done.stderr
    modules = done.stderr.strip().splitlines()[-1]
    assert "jiangjin_cli.cli.lookup" in modules
    for other in ("validating", "outline", "writing"):
        assert f"jiangjin_cli.cli.{other}" not in modules, modules


def test_a_run_converts_only_the_command_it_invokes(
    monkeypatch: pytest.MonkeyPatch, valid_base: Written, invoke: Callable[..., Result]
) -> None:
    built: list[str] = []
    real = cli.get_command_from_info

    def counting(info: Any, **options: Any) -> Any:
        built.append(cli._command_name(info))
        return real(info, **options)

    monkeypatch.setattr(cli, "get_command_from_info", counting)
    result = invoke("--facts", valid_base.path, "get", "dual-qualified-teachers")
    assert result.exit_code == 0, result.output
    assert result.stdout == "2729\n"
    assert built == ["get"]


def test_help_lists_every_command_with_its_help_line(invoke: Callable[..., Result]) -> None:
    result = invoke("--help", env={"COLUMNS": "200"})
    assert result.exit_code == 0
    names = _declared()
    assert len(names) >= 10
    for name in names:
        info = next(i for i in cli._commands.registered_commands if cli._command_name(i) == name)
        first_line = (info.callback.__doc__ or "").strip().splitlines()[0]
        rows = [line for line in result.stdout.splitlines() if line.startswith(f"│ {name} ")]
        assert rows, f"{name} missing from --help"
        assert first_line[:30] in rows[0], (name, rows)


def test_command_names_complete(invoke: Callable[..., Result]) -> None:
    env = {"_JIANGJIN_COMPLETE": "complete_bash", "COMP_WORDS": "jiangjin s", "COMP_CWORD": "1"}
    result = invoke(env=env)
    offered = {line.split(",")[-1] for line in result.stdout.split()}
    assert offered == {name for name in _declared() if name.startswith("s")}


def test_an_unknown_command_gets_clicks_error(invoke: Callable[..., Result]) -> None:
    result = invoke("serach", "x")
    assert result.exit_code == 2
    assert result.stderr == (
        "jiangjin: no such command 'serach'; did you mean: search; see 'jiangjin -h'\n"
    )
    # Nothing close: no suggestion.
    assert invoke("xyzzy").stderr == "jiangjin: no such command 'xyzzy'; see 'jiangjin -h'\n"


def test_the_group_builds_lazily_and_once() -> None:
    group = typer.main.get_command(cli.app)
    assert isinstance(group, cli.LazyGroup)
    ctx = group.make_context("jiangjin", ["get", "x"], resilient_parsing=True)
    assert dict(group.commands) == {}
    first = group.get_command(ctx, "search")
    assert first is not None and list(group.commands) == ["search"]
    assert group.get_command(ctx, "search") is first
    assert group.get_command(ctx, "nope") is None
    # In the table's order, which --help keeps, whatever order the modules were imported in.
    assert group.list_commands(ctx) == list(cli.COMMAND_MODULES)
    assert sorted(group.list_commands(ctx)) == sorted(_declared())
