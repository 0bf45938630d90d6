"""Shared test helpers: a small valid fact base to break, and ways to run the CLI."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from typer.testing import CliRunner, Result

import jiangjin_cli
from jiangjin_cli.cli import app

if TYPE_CHECKING:
    from jiangjin_cli.model import FactBase
    from jiangjin_cli.store.index import Index

# A small fact base that passes every rule. Tests break one thing at a time with
# `edit` (each replaced snippet must occur exactly once, so an edit never silently
# does nothing).
VALID_TOML = """\
schema_version = 1

[[sources]]
id = "demo-source"
title = "江津区高标准推进职业教育高质量发展"
title_en = "Jiangjin District advances vocational education"
publisher = "重庆市教育委员会"
publisher_en = "Chongqing Municipal Education Commission"
url = "https://example.org/jiangjin"
published = 2024-09-09
language = "zh"

[[sections]]
id = "0"
title = "标题与导语"
title_en = "Title and lead"

[[sections]]
id = "2"
title = "坚持内涵发展"
title_en = "Quality first"

[[sections]]
id = "2.2"
title = "强化师资队伍建设"
title_en = "Strengthening the teaching staff"
parent = "2"

[[entities]]
id = "jiangjin-district"
name = "江津区"
name_en = "Jiangjin District"
kind = "place"
aliases = ["Jiangjin"]

[[entities]]
id = "chongqing-technology-and-business-school"
name = "重庆工商学校"
name_en = "Chongqing Technology and Business School"
kind = "school"

[[facts]]
id = "dual-qualified-teachers"
section = "2.2"
quote = "培养“双师型”教师2729名"
statement_en = "The district has trained 2,729 dual-qualified teachers."
value = 2729
unit = "名"
unit_en = "teachers"
qualifier = "exact"
entities = ["jiangjin-district"]
tags = ["teachers"]
source = "demo-source"

[[facts]]
id = "enterprise-partners"
section = "2"
quote = "与450余家企业开展合作"
statement_en = "Schools work with more than 450 companies."
value = 450
unit = "家"
unit_en = "companies"
qualifier = "more_than"
tags = ["companies"]
source = "demo-source"

[[facts]]
id = "training-attendances"
section = "2.2"
quote = "每年开展职业培训2.5万人次以上"
statement_en = "At least 25,000 training attendances a year."
value = 25000
unit = "人次"
unit_en = "training attendances"
qualifier = "at_least"
period = "per_year"
entities = ["jiangjin-district", "chongqing-technology-and-business-school"]
tags = ["training", "teachers"]
source = "demo-source"

[[facts]]
id = "one-plus-x"
section = "0"
quote = "构建“1+X”课程体系"
statement_en = "A “1+X” curriculum is being built."
tags = ["curriculum"]
source = "demo-source"
"""

# The article text the quotes above come from, for `validate --source`.
ARTICLE = (
    "江津区高标准推进职业教育高质量发展\n"
    "全区构建“1+X”课程体系。培养“双师型”教师2729名，与450余家企业开展合作，"
    "每年开展职业培训2.5万人次以上。\n"
)

RECORD_COUNTS = {"sources": 1, "sections": 3, "entities": 2, "facts": 4}


def edit(text: str, replacements: Mapping[str, str]) -> str:
    """``text`` with each key replaced by its value; every key must occur exactly once."""
    for old, new in replacements.items():
        count = text.count(old)
        assert count == 1, f"{old!r} occurs {count} times in the fact base"
        text = text.replace(old, new)
    return text


# Runs jiangjin (its arguments after -c's) in a pseudo-terminal: stdin, stdout and stderr
# are the terminal; what it showed goes to this process's stdout, its exit code is ours.
_IN_TERMINAL = (
    "import os, pty, sys\n"
    "out = []\n"
    "def read(fd):\n"
    "    data = os.read(fd, 65536)\n"
    "    out.append(data)\n"
    "    return data\n"
    "status = pty.spawn([sys.executable, '-m', 'jiangjin_cli', *sys.argv[1:]], read)\n"
    "sys.stdout.write(b''.join(out).decode('utf-8', 'replace'))\n"
    "sys.exit(os.waitstatus_to_exitcode(status))\n"
)


def run_in_terminal(
    args: Sequence[str], env: Mapping[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``jiangjin ARGS`` on a pseudo-terminal (skipped where there is none): its
    stdout is everything the terminal showed."""
    pytest.importorskip("pty")
    if not hasattr(os, "fork"):
        pytest.skip("needs fork")
    return run_python(["-c", _IN_TERMINAL, *args], env=env)


def usage_message(stderr: str, command: str | None = None) -> str:
    """The message of a usage error, checked to be the one line a script reads:
    ``jiangjin: <message>; see 'jiangjin <command> -h'``."""
    assert stderr.endswith("\n") and stderr.count("\n") == 1, stderr
    path = f"jiangjin {command}" if command else "jiangjin"
    line = stderr[:-1]
    assert line.startswith("jiangjin: "), stderr
    assert line.endswith(f"; see '{path} -h'"), stderr
    return line[len("jiangjin: ") : -len(f"; see '{path} -h'")]


def line_of(text: str, snippet: str) -> int:
    """The 1-based line where ``snippet`` first occurs in ``text``."""
    index = text.index(snippet)
    return text.count("\n", 0, index) + 1


@dataclass
class Written:
    path: Path
    text: str

    def line(self, snippet: str) -> int:
        return line_of(self.text, snippet)


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Point the fact base cache (jiangjin_cli.store.database) at a temporary directory.

    Every test, and every child process a test starts, then caches under it: the
    tests never read or write the real ~/.cache.
    """
    cache_home = tmp_path_factory.mktemp("xdg-cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(cache_home))
        patch.delenv("JIANGJIN_NO_CACHE", raising=False)
        yield cache_home


@pytest.fixture
def write_base(tmp_path: Path) -> Callable[..., Written]:
    """Write a fact base into tmp_path: VALID_TOML with edits, or any text or bytes."""

    def write(
        replacements: Mapping[str, str] | None = None,
        *,
        text: str | None = None,
        data: bytes | None = None,
        name: str = "facts.toml",
    ) -> Written:
        path = tmp_path / name
        if data is not None:
            path.write_bytes(data)
            return Written(path, data.decode("utf-8", errors="replace"))
        body = text if text is not None else edit(VALID_TOML, replacements or {})
        path.write_text(body, encoding="utf-8")
        return Written(path, body)

    return write


@pytest.fixture
def valid_base(write_base: Callable[..., Written]) -> Written:
    written: Written = write_base()
    return written


@pytest.fixture(scope="session")
def base() -> FactBase:
    """The shipped fact base (a module about a base of its own overrides ``base``)."""
    from jiangjin_cli import store

    return store.load(store.default_path())


@pytest.fixture(scope="session")
def index(base: FactBase) -> Index:
    """The text index of ``base``."""
    from jiangjin_cli import store

    return store.index_of(base)


def top(base: FactBase, index: Index, question: str) -> str | None:
    """``kind:id`` of the first hit of ``question``, or None when it is refused."""
    from jiangjin_cli.query.search import search

    hits = search(base, index, [question], limit=1)
    return f"{hits[0].kind}:{hits[0].record.id}" if hits else None


@pytest.fixture
def runner() -> CliRunner:
    # JIANGJIN_FACTS from the developer's shell must not leak into the tests.
    return CliRunner(env={"JIANGJIN_FACTS": None})


@pytest.fixture
def invoke(runner: CliRunner) -> Callable[..., Result]:
    def run(*args: str | os.PathLike[str], env: Mapping[str, str | None] | None = None) -> Result:
        return runner.invoke(app, [os.fspath(arg) for arg in args], env=env)

    return run


PACKAGE_ROOT = Path(jiangjin_cli.__file__).resolve().parent.parent


def default_sigint() -> None:
    """Give a child the default Ctrl-C handling, for tests that press it.

    A shell starts background jobs with SIGINT ignored, and a child inherits that:
    ``pytest &`` would otherwise see such tests fail for a reason of its own.
    """
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def python_env(
    extra_path: Path | None = None, env: Mapping[str, str] | None = None
) -> dict[str, str]:
    """An environment for a child Python that imports the jiangjin_cli under test.

    ``extra_path`` (an unpacked wheel, say) comes first on the path.
    """
    paths = [str(extra_path)] if extra_path else []
    paths.append(str(PACKAGE_ROOT))
    full_env = {key: value for key, value in os.environ.items() if key != "JIANGJIN_FACTS"}
    full_env["PYTHONPATH"] = os.pathsep.join(paths)
    full_env["PYTHONIOENCODING"] = "utf-8"
    full_env.update(env or {})
    return full_env


def run_python(
    args: Sequence[str],
    *,
    cwd: Path | None = None,
    extra_path: Path | None = None,
    env: Mapping[str, str] | None = None,
    timeout: float = 120,
) -> subprocess.CompletedProcess[str]:
    """Run ``python ARGS`` importing the same jiangjin_cli as the tests (or ``extra_path``)."""
    return subprocess.run(
        [sys.executable, *args],
        cwd=cwd,
        env=python_env(extra_path, env),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
        check=False,
    )
