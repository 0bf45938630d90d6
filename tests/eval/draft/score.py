"""Score `jiangjin draft` against gold lists written by someone who never saw its rules.

Each ``article-X.txt`` here has an ``article-X.gold.toml`` (quantities with their whole
clause, value, unit, qualifier and period; not_quantity traps; entity names). A gold
quantity is *found* when a draft fact states the same value at a place inside the gold
clause; it is *right* when that fact also has the gold qualifier and period and its quote
is verbatim in the article and holds the gold clause (the draft quotes a period written at
the sentence head from the head, as `validate` asks). Precision is the share of draft
facts that are gold quantities.

Run: python tests/eval/draft/score.py
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tomli

from jiangjin_cli.draft import DraftFact, decode, draft_of
from jiangjin_cli.numbers import same_number

HERE = Path(__file__).resolve().parent
# The gold lists name two periods by number.
PERIOD_NAMES = {"": None, "past_3_years": "past_three_years", "past_5_years": "past_five_years"}


@dataclass
class Score:
    name: str
    gold: int = 0
    found: int = 0
    right: int = 0
    exact_quote: int = 0
    unit: int = 0
    drafted: int = 0
    real: int = 0
    traps_taken: int = 0
    entities: int = 0
    entities_proposed: int = 0
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)


def score_article(text_path: Path, gold_path: Path) -> Score:
    text = decode(text_path.read_bytes())
    gold = tomli.loads(gold_path.read_text("utf-8"))
    draft = draft_of(text)
    result = Score(text_path.stem, gold=len(gold["quantity"]), drafted=len(draft.facts))
    used: set[int] = set()
    for quantity in gold["quantity"]:
        start = text.index(quantity["quote"])
        end = start + len(quantity["quote"])
        written_at = start + quantity["quote"].find(quantity["written"])
        candidates = [
            (abs(fact.start - written_at), index, fact)
            for index, fact in enumerate(draft.facts)
            if index not in used
            and start <= fact.start < end
            and same_number(fact.value, float(quantity["value"]))
        ]
        if not candidates:
            result.misses.append(_shown(quantity, "not drafted"))
            continue
        _, index, fact = min(candidates, key=lambda c: (c[0], c[1]))
        used.add(index)
        result.found += 1
        result.unit += fact.unit == quantity["unit"]
        result.exact_quote += fact.quote == quantity["quote"]
        problems = _disagreements(fact, quantity, text)
        if problems:
            result.misses.append(_shown(quantity, "; ".join(problems)))
        else:
            result.right += 1
    result.real = len(used)
    traps = [t["text"] for t in gold.get("not_quantity", [])]
    for index, fact in enumerate(draft.facts):
        if index in used:
            continue
        result.extras.append(f"{fact.written} in “{fact.quote}”")
        around = text[max(0, fact.start - 12) : fact.start + 12]
        result.traps_taken += any(trap in around for trap in traps)
    proposed = {entity.name for entity in draft.entities}
    names = [entity["name"] for entity in gold.get("entity", [])]
    result.entities = len(names)
    result.entities_proposed = sum(name in proposed or f"“{name}”" in proposed for name in names)
    return result


def _disagreements(fact: DraftFact, quantity: dict[str, Any], text: str) -> list[str]:
    problems = []
    if fact.qualifier != quantity["qualifier"]:
        problems.append(f"qualifier {fact.qualifier}")
    if fact.period != PERIOD_NAMES.get(quantity["period"], quantity["period"]):
        problems.append(f"period {fact.period}")
    if fact.quote not in text or quantity["quote"] not in fact.quote:
        problems.append(f"quote “{fact.quote}”")
    return problems


def _shown(quantity: dict[str, Any], why: str) -> str:
    return f"{quantity['written']} ({quantity['qualifier']}, {quantity['period'] or '-'}): {why}"


def score_all(directory: Path = HERE) -> list[Score]:
    return [
        score_article(path, path.with_name(path.stem + ".gold.toml"))
        for path in sorted(directory.glob("article-*.txt"))
    ]


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "-"


def report(scores: list[Score]) -> str:
    lines = ["article    gold  found  right  right%  drafted  real%  units  clause=quote  entities"]
    total = Score("all")
    for s in scores:
        for name in ("gold", "found", "right", "exact_quote", "unit", "drafted", "real"):
            setattr(total, name, getattr(total, name) + getattr(s, name))
        total.entities += s.entities
        total.entities_proposed += s.entities_proposed
    for s in [*scores, total]:
        lines.append(
            f"{s.name:<10} {s.gold:>4} {s.found:>6} {s.right:>6} {_percent(s.right, s.gold):>7}"
            f" {s.drafted:>8} {_percent(s.real, s.drafted):>6} {_percent(s.unit, s.found):>6}"
            f" {_percent(s.exact_quote, s.found):>13}"
            f" {s.entities_proposed:>4}/{s.entities:<4}"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    paths = [arg for arg in sys.argv[1:] if arg != "-v"]
    results = score_all(Path(paths[0]) if paths else HERE)
    print(report(results))
    if "-v" in sys.argv:
        for s in results:
            for miss in s.misses:
                print(f"{s.name} miss: {miss}")
            for extra in s.extras:
                print(f"{s.name} extra: {extra}")
