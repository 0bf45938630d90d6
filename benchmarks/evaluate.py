"""Score the search on a question file against its fact base.

    python benchmarks/evaluate.py QUESTIONS.toml [--facts FACTS.toml] [--misses]

A question file holds ``[[question]]`` tables with ``q``, ``kind`` and ``answers`` (fact
ids; ``[]`` when the base cannot answer). An answerable question is right when the first
hit of ``search`` is a fact listed in ``answers``; a question with ``answers = []`` is
right when the search gives no hit at all (a refusal). Prints one line per kind and the
totals; ``--misses`` also lists every miss. tests/test_evaluation.py runs the same code.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import tomli

from jiangjin_cli import store
from jiangjin_cli.query.search import search


@dataclass(frozen=True)
class Question:
    text: str
    kind: str
    answers: tuple[str, ...]

    @property
    def answerable(self) -> bool:
        return bool(self.answers)


@dataclass(frozen=True)
class Outcome:
    question: Question
    top: str  # "fact:<id>", "entity:<id>", "section:<id>" or "" for a refusal

    @property
    def right(self) -> bool:
        if not self.question.answerable:
            return self.top == ""
        return self.top.removeprefix("fact:") in self.question.answers and self.top.startswith(
            "fact:"
        )


@dataclass
class Report:
    outcomes: list[Outcome] = field(default_factory=list)

    def share(self, answerable: bool) -> tuple[int, int]:
        chosen = [o for o in self.outcomes if o.question.answerable == answerable]
        return sum(o.right for o in chosen), len(chosen)

    @property
    def misses(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.right]

    def lines(self) -> list[str]:
        by_kind: defaultdict[str, list[Outcome]] = defaultdict(list)
        for outcome in self.outcomes:
            by_kind[outcome.question.kind].append(outcome)
        out = [
            f"{kind:22} {sum(o.right for o in group):3}/{len(group):<3}"
            for kind, group in sorted(by_kind.items())
        ]
        right, total = self.share(True)
        refused, unanswerable = self.share(False)
        out.append(f"{'top-1 right':22} {right:3}/{total:<3} ({right / (total or 1):.0%})")
        out.append(
            f"{'refused':22} {refused:3}/{unanswerable:<3} ({refused / (unanswerable or 1):.0%})"
        )
        return out


def read_questions(path: Path) -> list[Question]:
    """The questions of ``path``; tests/questions.toml's own layout (``answer``, ``set``,
    ``[[unanswerable]]``) is read too."""
    data = tomli.loads(path.read_text(encoding="utf-8"))
    questions = [
        Question(
            q["q"],
            q.get("kind", q.get("set", "")),
            tuple(q["answers"]) if "answers" in q else (q["answer"],),
        )
        for q in data["question"]
    ]
    questions.extend(
        Question(q["q"], f"{q.get('set', '')} unanswerable", ())
        for q in data.get("unanswerable", ())
    )
    return questions


def evaluate(questions: Sequence[Question], facts: Path) -> Report:
    base = store.load(facts)
    index = store.index_of(base)
    report = Report()
    for question in questions:
        hits = search(base, index, [question.text], limit=1)
        top = f"{hits[0].kind}:{hits[0].record.id}" if hits else ""
        report.outcomes.append(Outcome(question, top))
    return report


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("questions", type=Path)
    parser.add_argument("--facts", type=Path, default=store.default_path())
    parser.add_argument("--misses", action="store_true", help="list every miss")
    args = parser.parse_args(argv)
    report = evaluate(read_questions(args.questions), args.facts)
    print("\n".join(report.lines()))
    if args.misses:
        for miss in report.misses:
            q = miss.question
            got, want = miss.top or "refusal", q.answers or "refusal"
            print(f"  [{q.kind}] {q.text!r}: got {got}, want {want}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
