"""Start-up against the floor: ``jiangjin get`` and ``search`` on the shipped base
against a one-command Typer app that prints a constant.

Runs are interleaved (floor, get, search, floor, ...) so a busy machine slows all
of them alike; the ratios of the medians are what to read, not the times. Bytecode is
written (to a temporary folder) and reused, as an installed jiangjin has it, even when
the shell sets PYTHONDONTWRITEBYTECODE: without it every run would compile jiangjin's
modules from source, which the floor, all in site-packages, never does.

    python benchmarks/startup.py [RUNS] [--against TREE] [--instructions]

``--against TREE`` also runs the jiangjin of another source tree (``git archive main |
tar -x -C /tmp/main``) in the same loop, for before/after ratios from one run.
``--instructions`` counts the instructions of one run of each instead (valgrind's
cachegrind): slow, but the same on a busy machine as on an idle one.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FLOOR = """
import typer
app = typer.Typer()
@app.command()
def main() -> None:
    print(2729)
app()
"""
LAUNCH = "import sys; sys.argv[0] = 'jiangjin'; from jiangjin_cli.process import main; main()"
COMMANDS = {
    "get": ["get", "dual-qualified-teachers"],
    "search": ["search", "双师型", "--format", "plain"],
    "question": ["search", "双师型教师", "--format", "tsv"],
}
HERE = Path(__file__).resolve().parent.parent
VALGRIND = ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null"]

Case = tuple[list[str], dict[str, str]]


def environment(folder: Path, tree: Path) -> dict[str, str]:
    """The environment of a run of the jiangjin in ``tree``: its own cache and bytecode."""
    env = {**os.environ, "XDG_CACHE_HOME": str(folder / "cache"), "PYTHONHASHSEED": "0"}
    env.pop("JIANGJIN_FACTS", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(folder / "bytecode")
    env["PYTHONPATH"] = str(tree)
    return env


def cases(folder: Path, trees: dict[str, Path]) -> dict[str, Case]:
    found = {"floor": ([sys.executable, "-c", FLOOR], environment(folder / "floor", HERE))}
    for name, args in COMMANDS.items():
        for label, tree in trees.items():
            env = environment(folder / label, tree)
            found[f"{name} {label}".strip()] = ([sys.executable, "-c", LAUNCH, *args], env)
    return found


def instructions(command: list[str], env: dict[str, str], cwd: str) -> int:
    counted = subprocess.run(
        [*VALGRIND, *command],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        check=True,
    )
    found = re.search(r"I\s+refs:\s+([\d,]+)", counted.stderr)
    if found is None:
        raise SystemExit(f"no instruction count from valgrind:\n{counted.stderr}")
    return int(found.group(1).replace(",", ""))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("runs", nargs="?", type=int, default=20)
    parser.add_argument("--against", type=Path, metavar="TREE")
    parser.add_argument("--instructions", action="store_true")
    options = parser.parse_args()
    trees = {"": HERE} if options.against is None else {"before": options.against, "after": HERE}
    # The children run in a folder of their own: `python -c` puts the working directory
    # first on sys.path, and run in a checkout it would import that tree's jiangjin.
    with tempfile.TemporaryDirectory() as folder:
        measured = cases(Path(folder), trees)
        for command, env in measured.values():  # warm the cache and the bytecode
            subprocess.run(command, env=env, cwd=folder, capture_output=True, check=True)
        values: dict[str, float] = {}
        if options.instructions:
            values = {name: instructions(*case, folder) for name, case in measured.items()}
            unit, scale = "M instructions", 1e-6
        else:
            times: dict[str, list[float]] = {name: [] for name in measured}
            for _ in range(options.runs):
                for name, (command, env) in measured.items():
                    start = time.perf_counter()
                    subprocess.run(command, env=env, cwd=folder, capture_output=True, check=True)
                    times[name].append(time.perf_counter() - start)
            values = {name: statistics.median(runs) for name, runs in times.items()}
            unit, scale = "ms median", 1e3
    width = max(map(len, values))
    for name, value in values.items():
        ratio = value / values["floor"]
        print(f"{name:{width}} {value * scale:8.1f} {unit}   {ratio:.2f}x the floor")


if __name__ == "__main__":
    main()
