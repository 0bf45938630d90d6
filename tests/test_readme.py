"""Every `$` line of the README's console blocks runs, and prints what the README shows.

Set JIANGJIN_UPDATE_README=1 to write the current outputs into README.md instead
(then read the diff: this is how a deliberate change of output is recorded).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import PACKAGE_ROOT, python_env

README = PACKAGE_ROOT / "README.md"
BLOCK = re.compile(r"^```console\n(.*?)^```\n", re.S | re.M)


@dataclass
class Example:
    command: str
    expected: str


def examples(text: str) -> list[Example]:
    found: list[Example] = []
    for block in BLOCK.finditer(text):
        for chunk in re.split(r"^(?=\$ )", block.group(1), flags=re.M):
            if chunk.startswith("$ "):
                command, _, output = chunk[2:].partition("\n")
                found.append(Example(command, output))
    return found


@pytest.fixture(scope="module")
def shell_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """An environment where `jiangjin` runs this checkout, at 80 columns, without colour."""
    bin_dir = tmp_path_factory.mktemp("bin")
    wrapper = bin_dir / "jiangjin"
    wrapper.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m jiangjin_cli "$@"\n')
    wrapper.chmod(0o755)
    env = python_env()
    for name in ("JIANGJIN_LANG", "FORCE_COLOR", "CLICOLOR_FORCE"):
        env.pop(name, None)
    env.update(
        PATH=f"{bin_dir}{os.pathsep}{env.get('PATH', '')}",
        COLUMNS="80",
        LINES="40",
        NO_COLOR="1",
        TERM="dumb",
        XDG_CACHE_HOME=str(tmp_path_factory.mktemp("cache")),
    )
    return env


def run(command: str, env: dict[str, str], cwd: Path) -> str:
    result = subprocess.run(
        ["bash", "-c", command + " 2>&1"],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    return result.stdout


def test_readme_has_examples_for_every_command() -> None:
    commands = " ".join(example.command for example in examples(README.read_text("utf-8")))
    for name in (
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
        "tags",
        "draft",
    ):
        assert f"jiangjin {name}" in commands, name


def test_readme_examples(shell_env: dict[str, str], tmp_path: Path) -> None:
    text = README.read_text("utf-8")
    found = examples(text)
    assert len(found) >= 20
    if os.environ.get("JIANGJIN_UPDATE_README"):
        for example in found:
            output = run(example.command, shell_env, tmp_path)
            old = f"$ {example.command}\n{example.expected}"
            text = text.replace(old, f"$ {example.command}\n{output}", 1)
        README.write_text(text, "utf-8")
        return
    for example in found:
        if "| jq" in example.command and shutil.which("jq") is None:
            continue  # jq is optional; the example shows how to use it
        assert run(example.command, shell_env, tmp_path) == example.expected, example.command
