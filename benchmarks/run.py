"""How fast jiangjin answers, from the shipped base up to 100,000 facts.

Run it from a checkout (standard library plus the project and its dependencies):

    python benchmarks/run.py                 # shipped, 100, 1,000, 10,000, 100,000 facts
    python benchmarks/run.py --quick         # up to 10,000 facts, fewer runs
    python benchmarks/run.py --sizes 100,10000 --runs 9

For each size it writes a fact base (the shipped facts, replicated with new unique
ids until there are enough; sections, entities and the source are shared, so the
base stays valid, which ``jiangjin validate`` checks), the same data as JSON for jq,
and then runs every command as a real subprocess, interleaved round by round:

    get        jiangjin get ID                          (the last fact of the file)
    search     jiangjin search 双师型教师 --limit 10 --format tsv
    json       jiangjin facts --format json             (every fact)
    table      jiangjin facts --format table --limit 100
    cold get   the same get after deleting the base's cache entry (so it parses)

beside the floors they are measured against, in the same rounds:

    typer fl.  a one-command Typer app that prints a constant (issue 12's floor)
    floor      python -c "import typer, tomli" + parsing the file + printing one value
    table fl.  the floor + printing the same 100 rows with a plain rich.table.Table
    tomli      python -c "import tomli" + parsing the file (for the cold run)
    jq         jq on the JSON (get: select by id; search: quotes containing the text;
               json: .facts), when jq is installed

It prints, per size and command, the median wall time, the median peak resident
memory of the process (``ru_maxrss`` of that one child, through GNU ``time`` when it
is installed, else from ``os.wait4``), and the
ratios the targets of issue 5 are stated in; then each target, met or not.

The runs use a private cache directory (XDG_CACHE_HOME inside a temporary directory)
and let Python write bytecode, as an installed jiangjin has it; the first round of
each size warms both up and is not counted.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from report import machine, report, targets
from snapshots import snapshots

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "facts.toml"
QUERY = "双师型教师"
TABLE_ROWS = 100
SIZES = (100, 1_000, 10_000, 100_000)
QUICK_SIZES = (100, 1_000, 10_000)

LAUNCH = "import sys; from jiangjin_cli.process import main; sys.argv[0] = 'jiangjin'; main()"

SCRIPT_FLOOR = """\
import sys, typer, tomli
with open(sys.argv[1], "rb") as stream:
    doc = tomli.load(stream)
print(next(f.get("value", "") for f in doc["facts"] if f["id"] == sys.argv[2]))
"""

TABLE_FLOOR = """\
import sys, typer, tomli
from rich.console import Console
from rich.table import Table
with open(sys.argv[1], "rb") as stream:
    doc = tomli.load(stream)
table = Table()
for name in ("id", "value", "quote", "section"):
    table.add_column(name)
for fact in doc["facts"][: int(sys.argv[2])]:
    value = fact.get("value")
    shown = "" if value is None else f"{value} {fact.get('unit', '')}"
    table.add_row(fact["id"], shown, fact["quote"], fact["section"])
Console().print(table)
"""

# The floor no Typer CLI can beat (issue 12): one command that prints a constant.
TYPER_FLOOR = """\
import typer
app = typer.Typer()
@app.command()
def main() -> None:
    print(2729)
app()
"""

TOMLI_ONLY = """\
import sys, tomli
with open(sys.argv[1], "rb") as stream:
    tomli.load(stream)
"""


# --- building the bases ---------------------------------------------------------------------------

_FACT_HEADER = re.compile(r"(?m)^\[\[facts\]\][ \t]*$")
_ID_LINE = re.compile(r'(?m)^id\s*=\s*"([a-z0-9-]+)"')


def fact_blocks(text: str) -> tuple[str, list[str]]:
    """The text before the first ``[[facts]]`` and each ``[[facts]]`` record's text."""
    starts = [m.start() for m in _FACT_HEADER.finditer(text)]
    if not starts:
        raise SystemExit(f"{SHIPPED}: no [[facts]] records")
    head = text[: starts[0]]
    blocks = [text[a:z] for a, z in zip(starts, [*starts[1:], len(text)], strict=True)]
    return head, [b if b.endswith("\n") else b + "\n" for b in blocks]


def build_base(count: int, path: Path) -> str:
    """Write a base of ``count`` facts; return the id of its last fact."""
    text = SHIPPED.read_text(encoding="utf-8")
    head, blocks = fact_blocks(text)
    seen: set[str] = set()
    parts = [head]
    last = ""
    for i in range(count):
        block = blocks[i % len(blocks)]
        copy = i // len(blocks)
        match = _ID_LINE.search(block)
        if match is None:
            raise SystemExit("a [[facts]] record without an id line")
        ident = match.group(1) if copy == 0 else f"{match.group(1)}-r{copy}"
        if ident in seen:
            raise SystemExit(f"replicated id {ident} is not unique")
        seen.add(ident)
        parts.append(block[: match.start(1)] + ident + block[match.end(1) :])
        last = ident
    path.write_text("".join(parts), encoding="utf-8")
    return last


def write_json(toml_path: Path, json_path: Path) -> None:
    """The same data as one JSON document (dates as ISO strings), for jq."""
    import tomli

    with toml_path.open("rb") as stream:
        doc = tomli.load(stream)
    json_path.write_text(json.dumps(doc, ensure_ascii=False, default=str), encoding="utf-8")


# --- running --------------------------------------------------------------------------------------


@dataclass
class Command:
    name: str
    argv: list[str]
    before: object = None  # a callable run (untimed) before each run, e.g. clearing the cache
    times: list[float] = field(default_factory=list)
    peaks: list[int] = field(default_factory=list)

    @property
    def median_ms(self) -> float:
        return statistics.median(self.times) * 1000 if self.times else float("nan")

    @property
    def peak_mb(self) -> float:
        return statistics.median(self.peaks) / 1024 if self.peaks else float("nan")


TIME = shutil.which("time", path="/usr/bin:/bin") if os.name == "posix" else None


#: Where the children run: `python -c` puts its working directory first on sys.path, so
#: run from a checkout a child would import the checkout instead of the snapshot.
CHILD_CWD = tempfile.gettempdir()


def run_once(argv: Sequence[str], env: dict[str, str]) -> tuple[float, int]:
    """Wall seconds and peak resident memory (KiB) of one run of ``argv``.

    The peak comes from GNU time when there is one: the kernel's ``ru_maxrss`` of a
    child we fork ourselves also counts this (larger) Python process, which the child
    was a copy of until it ran the command. Without it, ``os.wait4`` gives that upper
    bound.
    """
    with tempfile.NamedTemporaryFile("r", suffix=".rss") as rss:
        full = [TIME, "-f", "%M", "-o", rss.name, *argv] if TIME else list(argv)
        start = time.perf_counter()
        process = subprocess.Popen(
            full,
            env=env,
            cwd=CHILD_CWD,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        assert process.stderr is not None
        errors = process.stderr.read()
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        process.stderr.close()
        if process.returncode != 0:
            shown = errors.decode(errors="replace")
            raise SystemExit(f"failed ({process.returncode}): {' '.join(argv)}\n{shown}")
        peak = usage.ru_maxrss
        if TIME:
            numbers = re.findall(r"^\d+$", rss.read(), re.MULTILINE)
            peak = int(numbers[-1]) if numbers else peak
    return elapsed, peak


def snapshot_code(work: Path) -> Path:
    """A copy of the package the children import, so that edits made to the checkout while
    the benchmark runs neither mix versions nor invalidate the cache (its entries record
    the modules they were written by)."""
    source = work / "src"
    shutil.rmtree(source, ignore_errors=True)
    shutil.copytree(
        ROOT / "jiangjin_cli", source / "jiangjin_cli", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copyfile(SHIPPED, source / "facts.toml")
    return source


def child_env(cache_home: Path, source: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JIANGJIN_", "PYTHON"))}
    env.update(
        XDG_CACHE_HOME=str(cache_home),
        PYTHONPATH=str(source),
        PYTHONIOENCODING="utf-8",
        COLUMNS="100",
        LC_ALL="C.UTF-8",
        LANG="C.UTF-8",
    )
    return env


def commands_for(base: Path, data: Path, last_id: str, jq: str | None) -> list[Command]:
    py = sys.executable
    jj = [py, "-c", LAUNCH, "--facts", str(base)]

    def drop_base_entry() -> None:
        from jiangjin_cli.store import database

        entry = database.database_path(base)  # this process has the children's XDG_CACHE_HOME
        if entry is not None:
            entry.unlink(missing_ok=True)

    found = [
        Command("get", [*jj, "get", last_id]),
        Command("search", [*jj, "search", QUERY, "--limit", "10", "--format", "tsv"]),
        Command("json", [*jj, "facts", "--format", "json"]),
        Command("table", [*jj, "facts", "--format", "table", "--limit", str(TABLE_ROWS)]),
        Command("cold get", [*jj, "get", last_id], before=drop_base_entry),
        Command("floor", [py, "-c", SCRIPT_FLOOR, str(base), last_id]),
        Command("table floor", [py, "-c", TABLE_FLOOR, str(base), str(TABLE_ROWS)]),
        Command("tomli", [py, "-c", TOMLI_ONLY, str(base)]),
        Command("typer floor", [py, "-c", TYPER_FLOOR]),
    ]
    if jq:
        found += [
            Command(
                "jq get",
                [
                    jq,
                    "-r",
                    "--arg",
                    "id",
                    last_id,
                    ".facts[] | select(.id == $id) | .value",
                    str(data),
                ],
            ),
            Command(
                "jq search",
                [
                    jq,
                    "-r",
                    "--arg",
                    "q",
                    QUERY,
                    "[.facts[] | select(.quote | contains($q)) | .id] | .[:10][]",
                    str(data),
                ],
            ),
            Command("jq json", [jq, ".facts", str(data)]),
        ]
    return found


def measure(commands: list[Command], env: dict[str, str], rounds: int, cold_rounds: int) -> None:
    """One warm-up round, then ``rounds`` rounds, each running every command once."""
    for round_no in range(rounds + 1):
        order = commands[round_no % len(commands) :] + commands[: round_no % len(commands)]
        for command in order:
            if command.name == "cold get" and not 0 < round_no <= cold_rounds:
                continue
            if callable(command.before):
                command.before()
            elapsed, peak = run_once(command.argv, env)
            if round_no > 0:
                command.times.append(elapsed)
                command.peaks.append(peak)
        print(".", end="", flush=True, file=sys.stderr)
    print(file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="sizes up to 10,000, 3 rounds")
    parser.add_argument("--sizes", help="comma-separated fact counts (default 100 to 100,000)")
    parser.add_argument("--runs", type=int, help="measured rounds per size (default 5; quick 3)")
    parser.add_argument("--cold-runs", type=int, default=2, help="cold runs per size (default 2)")
    parser.add_argument("--no-shipped", action="store_true", help="skip the shipped base")
    parser.add_argument("--keep", type=Path, help="build the bases in this directory, keep them")
    parser.add_argument(
        "--snapshots",
        action="store_true",
        help="also time reading the cached base against JSON and marshal snapshots",
    )
    args = parser.parse_args(argv)

    if args.sizes:
        sizes = tuple(int(s.replace("_", "").replace(",", "")) for s in args.sizes.split(","))
    else:
        sizes = QUICK_SIZES if args.quick else SIZES
    rounds = args.runs or (3 if args.quick else 5)
    jq = shutil.which("jq")

    work = (args.keep or Path(tempfile.mkdtemp(prefix="jiangjin-bench-"))).resolve()
    work.mkdir(parents=True, exist_ok=True)
    cache_home = work / "cache"
    source = snapshot_code(work)
    sys.path.insert(0, str(source))  # this process, too, uses the copy
    env = child_env(cache_home, source)
    # `python -c` puts the working directory first on the path: not the checkout's.
    os.chdir(work)
    os.environ["XDG_CACHE_HOME"] = str(cache_home)  # for database_path in this process
    print(f"# jiangjin benchmark\n\n{machine()}\n", flush=True)
    print(f"Command: python benchmarks/run.py {' '.join(sys.argv[1:] if argv is None else argv)}")
    print(f"Rounds: {rounds} (cold: {min(args.cold_runs, rounds)}); work directory: {work}\n")

    plan: list[tuple[str, Path, str]] = []
    if not args.no_shipped:
        _head, blocks = fact_blocks(SHIPPED.read_text(encoding="utf-8"))
        shipped_copy = work / "facts-shipped.toml"
        shutil.copyfile(SHIPPED, shipped_copy)
        last = _ID_LINE.search(blocks[-1])
        assert last is not None
        plan.append(("shipped", shipped_copy, last.group(1)))
    for size in sizes:
        path = work / f"facts-{size}.toml"
        plan.append((str(size), path, build_base(size, path)))
    for label, path, _ in plan:
        write_json(path, path.with_suffix(".json"))
        check = subprocess.run(
            [sys.executable, "-c", LAUNCH, "validate", str(path)],
            env=env,
            cwd=CHILD_CWD,
            capture_output=True,
            text=True,
            check=False,
        )
        print(f"- {label}: {path.stat().st_size / 1e6:.1f} MB; {check.stdout.strip()}", flush=True)
        if check.returncode != 0:
            raise SystemExit(check.stderr)
    time.sleep(2.1)  # so the bases are not "racily" new for the cache

    results: dict[str, dict[str, Command]] = {}
    for label, path, last_id in plan:
        print(f"measuring {label} ...", file=sys.stderr, flush=True)
        commands = commands_for(path, path.with_suffix(".json"), last_id, jq)
        measure(commands, env, rounds, min(args.cold_runs, rounds))
        results[label] = {command.name: command for command in commands}

    print("\n## Medians\n")
    print("\n".join(report(results, jq)))
    print("\n## Targets\n")
    print("\n".join(targets(results, jq)))
    if args.snapshots:
        print("\n## Reading the cached base: SQLite against snapshots (ms in-process)\n")
        print("| facts | read | median ms | file MB |\n|---:|---|---:|---:|")
        for label, path, last_id in plan:
            if label != "shipped":
                print("\n".join(snapshots(path, last_id, env)), flush=True)
    if args.keep is None:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
