"""Dump full rankings, to check that a change to the search's speed changes no ranking.

    python benchmarks/ranking_dump.py > before.txt      # every question of the tests
    ... change the code ...
    python benchmarks/ranking_dump.py > after.txt && cmp before.txt after.txt

For every question of tests/questions.toml and tests/eval/*.toml (a made-up article's
NAME-questions.toml against its NAME-facts.toml, the rest against the shipped base) it prints the
whole ranked list, each record as kind, id and score rounded to 6 places, once over the
index built in memory and once over the compiled database (read token by token, as the
CLI reads it). ``--facts BASE --query Q ... --top N`` prints the first N of those
queries over BASE's compiled database instead (e.g. a 100,000-fact base of copies).

It uses a private cache directory (XDG_CACHE_HOME in a temporary directory) unless
``--cache DIR`` is given (to keep a large base's database between runs of one code).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TESTS = ROOT / "tests"


def question_files() -> Iterator[tuple[Path, Path]]:
    """(questions, base) pairs."""
    shipped = ROOT / "facts.toml"
    yield TESTS / "questions.toml", shipped
    for path in sorted((TESTS / "eval").glob("*.toml")):
        # A made-up article's questions (NAME-questions.toml) go with NAME-facts.toml.
        if path.name.endswith("-questions.toml"):
            yield path, path.with_name(path.name.replace("-questions.toml", "-facts.toml"))
        elif not path.name.endswith("-facts.toml"):
            yield path, shipped


def questions(path: Path) -> list[str]:
    import tomli

    data = tomli.loads(path.read_text(encoding="utf-8"))
    return [
        row["q"]
        for rows in data.values()
        if isinstance(rows, list)
        for row in rows
        if isinstance(row, dict) and "q" in row
    ]


def lines(index: object, query: str, top: int | None) -> Iterator[str]:
    from jiangjin_cli.query.search import rank

    ranked = rank(index, [query])  # type: ignore[arg-type]
    yield f"## {query}\t{len(ranked)}"
    for r in ranked[:top]:
        yield f"{r.kind}\t{r.id}\t{r.score:.6f}"


def compiled_index(base: Path) -> list[object]:
    """The compiled database's index of ``base`` (built and indexed first if need be),
    left open until the process ends."""
    from jiangjin_cli import store

    for _ in range(2):
        searchable = store.open_searchable(base)
        if type(searchable.index).__name__ == "DatabaseIndex":
            return [searchable.index]
        searchable.close()
    raise SystemExit(f"{base}: no compiled index")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--facts", type=Path)
    parser.add_argument("--query", action="append", default=[])
    parser.add_argument("--top", type=int)
    parser.add_argument("--cache", type=Path)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        os.environ["XDG_CACHE_HOME"] = str(args.cache or scratch)
        sys.path.append(str(ROOT))  # after PYTHONPATH: a snapshot of the code may come first
        from jiangjin_cli import store

        out: list[str] = []
        if args.facts:
            for index in compiled_index(args.facts):
                for query in args.query:
                    out.extend(lines(index, query, args.top))
        else:
            for path, base_path in question_files():
                asked = questions(path)
                out.append(f"# {path.relative_to(ROOT)} ({len(asked)} questions)")
                indexes = [store.index_of(store.load(base_path))]
                for index in indexes + list(compiled_index(base_path)):
                    out.append(f"# index: {type(index).__name__}")
                    for query in asked:
                        out.extend(lines(index, query, args.top))
        sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
