"""Questions in plain words against the shipped fact base (tests/questions.toml).

Each answerable question names the fact that answers it. The test prints top-1 and
top-3 accuracy per set and per language (``pytest -s`` shows them) and fails below
95% top-1 or 100% top-3, overall or in either language. Unanswerable questions must
get no hits at all. See the header of questions.toml for how the sets were made.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pytest
import tomli

from jiangjin_cli.model import FactBase
from jiangjin_cli.query.search import search
from jiangjin_cli.store.index import Index as SearchIndex

QUESTIONS = Path(__file__).with_name("questions.toml")
MIN_TOP1 = 0.95
MIN_TOP3 = 1.0

_CJK = re.compile(r"[\u3400-\u9fff]")


@dataclass(frozen=True)
class Question:
    set: str
    text: str
    answer: str = ""
    known_failure: str = ""

    @property
    def language(self) -> str:
        return "zh" if _CJK.search(self.text) else "en"


def _load() -> tuple[list[Question], list[Question]]:
    data = tomli.loads(QUESTIONS.read_text(encoding="utf-8"))
    answerable = [Question(q["set"], q["q"], q["answer"]) for q in data["question"]]
    unanswerable = [
        Question(q["set"], q["q"], known_failure=q.get("known_failure", ""))
        for q in data["unanswerable"]
    ]
    return answerable, unanswerable


ANSWERABLE, UNANSWERABLE = _load()


def rank_of(base: FactBase, index: SearchIndex, question: Question) -> int | None:
    """1-based rank of the answering fact among all hits (None if absent)."""
    hits = search(base, index, [question.text])
    for rank, hit in enumerate(hits, start=1):
        if hit.kind == "fact" and hit.record.id == question.answer:
            return rank
    return None


def test_question_file_is_sound(base: FactBase) -> None:
    assert len(ANSWERABLE) >= 70
    assert len(UNANSWERABLE) >= 10
    for question in ANSWERABLE:
        assert question.answer in base.fact_by_id, question
    texts = [q.text for q in ANSWERABLE + UNANSWERABLE]
    assert len(texts) == len(set(texts)), "a question is listed twice"
    languages = {q.language for q in ANSWERABLE}
    assert languages == {"zh", "en"}


def test_answers_rank_first(base: FactBase, index: SearchIndex) -> None:
    groups: defaultdict[str, list[int | None]] = defaultdict(list)
    misses: list[str] = []
    for question in ANSWERABLE:
        rank = rank_of(base, index, question)
        for group in ("all", question.set, question.language):
            groups[group].append(rank)
        if rank != 1:
            misses.append(f"  rank {rank}: {question.text!r} -> {question.answer}")

    def share(ranks: list[int | None], top: int) -> float:
        return sum(1 for r in ranks if r is not None and r <= top) / len(ranks)

    print()
    for group, ranks in sorted(groups.items()):
        print(
            f"{group:10} {len(ranks):4} questions  "
            f"top-1 {share(ranks, 1):7.2%}  top-3 {share(ranks, 3):7.2%}"
        )
    print("\n".join(misses) or "  no misses")
    for group in ("all", "zh", "en"):
        assert share(groups[group], 1) >= MIN_TOP1, (group, misses)
        assert share(groups[group], 3) >= MIN_TOP3, (group, misses)


@pytest.mark.parametrize(
    "question",
    [
        pytest.param(
            q,
            id=q.text,
            marks=[pytest.mark.xfail(reason=q.known_failure, strict=True)]
            if q.known_failure
            else [],
        )
        for q in UNANSWERABLE
    ],
)
def test_unanswerable_question_has_no_hits(
    base: FactBase, index: SearchIndex, question: Question
) -> None:
    assert search(base, index, [question.text]) == []


def test_words_given_apart_rank_as_the_whole_question(base: FactBase, index: SearchIndex) -> None:
    """``jiangjin search how many field schools`` (unquoted) asks the same question."""
    for question in ANSWERABLE:
        if question.language != "en":
            continue
        whole = search(base, index, [question.text], limit=3)
        apart = search(base, index, question.text.split(), limit=3)
        assert [(h.kind, h.record.id) for h in apart] == [(h.kind, h.record.id) for h in whole], (
            question.text
        )


@pytest.mark.parametrize(
    ("question", "fact_id"),
    [
        ("how many gold medals", "national-competition-gold-medals"),
        ("how many silver medals", "national-competition-silver-medals"),
        ("how many bronze medals", "national-competition-bronze-medals"),
        ("国赛拿了几块金牌", "national-competition-gold-medals"),
        ("中职学校拿了几块银牌", "national-competition-silver-medals"),
        ("铜牌有多少块", "national-competition-bronze-medals"),
        ("how many agricultural enterprises", "partner-agricultural-enterprises"),
        ("how many professional skill training bases", "professional-skill-training-bases"),
        ("和多少家农业企业合作", "partner-agricultural-enterprises"),
        ("共建了多少个专业技能培训基地", "professional-skill-training-bases"),
        ("how many villages (communities)", "partner-villages"),
        ("how many science popularisation demonstration parks", "science-demonstration-parks"),
        ("与多少个村社合作", "partner-villages"),
        ("科普示范园有多少个", "science-demonstration-parks"),
        ("how many cities and counties", "paired-cities-and-counties"),
        ("how many vocational schools were paired", "paired-vocational-schools"),
        ("结对了几个市县", "paired-cities-and-counties"),
        ("结对了几所职业学校", "paired-vocational-schools"),
    ],
)
def test_facts_sharing_a_quote_are_told_apart_by_unit(
    base: FactBase, index: SearchIndex, question: str, fact_id: str
) -> None:
    hits = search(base, index, [question], limit=1)
    assert [(h.kind, h.record.id) for h in hits] == [("fact", fact_id)]
