"""Start-up against the floor: ``jiangjin get`` and ``search`` on the shipped base
against a one-command Typer app that prints a constant.

Runs are interleaved (floor, get, search, floor, ...) so a busy machine slows all
of them alike; the ratios of the medians are what to read, not the times. Bytecode is
written (to a temporary folder) and reused, as an installed jiangjin has it, even when
the shell sets PYTHONDONTWRITEBYTECODE: without it every run would compile jiangjin's
modules from source, which the floor, all in site-packages, never does.

    python benchmarks/startup.py [RUNS]
"""

from __future__ import annotations

import os
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
CASES = {
    "floor": [sys.executable, "-c", FLOOR],
    "get": [sys.executable, "-c", LAUNCH, "get", "dual-qualified-teachers"],
    "search": [sys.executable, "-c", LAUNCH, "search", "双师型", "--format", "plain"],
    "question": [sys.executable, "-c", LAUNCH, "search", "双师型教师", "--format", "tsv"],
}


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "XDG_CACHE_HOME": cache}
        env.pop("JIANGJIN_FACTS", None)
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(Path(cache, "bytecode"))
        env["PYTHONPATH"] = str(Path(__file__).resolve().parent.parent)
        times: dict[str, list[float]] = {name: [] for name in CASES}
        for command in CASES.values():  # warm the cache and the page cache
            subprocess.run(command, env=env, capture_output=True, check=True)
        for _ in range(runs):
            for name, command in CASES.items():
                start = time.perf_counter()
                subprocess.run(command, env=env, capture_output=True, check=True)
                times[name].append(time.perf_counter() - start)
    medians = {name: statistics.median(values) for name, values in times.items()}
    for name, median in medians.items():
        ratio = median / medians["floor"]
        print(f"{name:8} median {median * 1000:7.1f} ms   {ratio:.2f}x the floor")


if __name__ == "__main__":
    main()
