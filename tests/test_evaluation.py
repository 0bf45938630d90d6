"""Question files scored by benchmarks/evaluate.py, as regression checks.

Each file's floor is the score it had when its figures were last recorded in the README
(top-1 right answers, refusals of unanswerable questions); a change to the ranking that
loses ground fails here. The held-out files were run once, then tuned on: see
tests/eval/README.md.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from jiangjin_cli import store

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT / "tests" / "eval"


def _harness() -> ModuleType:
    spec = importlib.util.spec_from_file_location("evaluate", ROOT / "benchmarks" / "evaluate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["evaluate"] = module
    spec.loader.exec_module(module)
    return module


evaluate = _harness()

# (questions, facts, least right top-1 answers, least refusals)
FLOORS = [
    (ROOT / "tests" / "questions.toml", store.default_path(), 268, 38),
    (EVAL / "tuning.toml", store.default_path(), 40, 8),
    # Held out until run once (README.md, "Search quality, measured"); tuned on since
    # (issue 13's principled refusal), so these are floors, not held-out figures.
    (EVAL / "heldout.toml", store.default_path(), 89, 14),
    # Written 2026-12-06, after the sets above were tuned on; run once, then its misses
    # were read (README.md).
    (EVAL / "heldout2.toml", store.default_path(), 65, 16),
    # Written 2026-12-06; run three times, then its misses were read (README.md).
    (EVAL / "heldout3.toml", store.default_path(), 59, 17),
    # Written 2026-12-06 after all tuning; run on three days' code, then its misses were
    # read (README.md): a tuning set since.
    (EVAL / "heldout4.toml", store.default_path(), 52, 18),
    # Written 2026-12-06 in the evening; run on that evening's first and later code
    # (README.md), then its misses were read: a tuning set since.
    (EVAL / "heldout5.toml", store.default_path(), 65, 21),
    (EVAL / "other-questions.toml", EVAL / "other-facts.toml", 24, 5),
    # Written 2026-12-06 in the evening by readers of their articles only, run on that
    # evening's first and final code (README.md); their misses were read on 2026-12-07:
    # tuning sets since.
    (EVAL / "heldout6.toml", store.default_path(), 65, 27),
    # A fourth made-up article (Heting District, 双减), written blind on 2026-12-07 as a
    # tuning set for other articles: 26/40, 7/10 on that day's first code (b595be9).
    (EVAL / "other4-questions.toml", EVAL / "other4-facts.toml", 33, 9),
    (EVAL / "other2-questions.toml", EVAL / "other2-facts.toml", 30, 9),
    # Written blind on 2026-12-07 and run on that day's first code (56/71, 22/29 and
    # 21/31, 7/9) and on its code after the morning's tuning (59/71, 21/29 and 23/31,
    # 6/9); read only then (README.md): tuning sets since.
    # 70 until the seventh session listed the “双师双千” plan among the entities of the
    # 2,729 teachers' fact (+5 right on the read sets, 2 lost here and in heldout9: the
    # plan's name is asked and the 2,729 fact, which now names it, comes first).
    (EVAL / "heldout7.toml", store.default_path(), 70, 29),
    (EVAL / "other3-questions.toml", EVAL / "other3-facts.toml", 27, 8),
    # Written blind on 2026-12-07 after the morning's tuning; run on the day's first code
    # (61/71, 22/29 and 34/40, 6/10) and on its code of 01:30 (63/71, 21/29 and 35/40,
    # 6/10), then read (README.md): tuning sets since.
    (EVAL / "heldout8.toml", store.default_path(), 70, 27),
    (EVAL / "other5-questions.toml", EVAL / "other5-facts.toml", 36, 6),
    # Written blind on 2026-12-07 after the day's tuning to 01:40; run on the day's first
    # code (58/71, 23/29 and 32/40, 6/10) and on d9a50e6 (59/71, 22/29 and 37/40, 7/10),
    # then read (README.md): tuning sets since.
    # 64 for a while on 2026-12-07b, while verbal nouns were no topics (reverted).
    # 69 until the 2,729 teachers' fact listed the “双师双千” plan (see heldout7).
    (EVAL / "heldout9.toml", store.default_path(), 69, 25),
    (EVAL / "other6-questions.toml", EVAL / "other6-facts.toml", 39, 8),
    # Written blind on 2026-12-07; run on the day's first code (55/71, 23/29) and on
    # a55add0 (62/71, 23/29), then read (README.md): a tuning set since.
    (EVAL / "heldout10.toml", store.default_path(), 66, 29),
    # Written blind on 2026-12-07, run on that day's first code and on 76594a0
    # (README.md), then read: tuning sets since.
    (EVAL / "heldout11.toml", store.default_path(), 65, 28),
    (EVAL / "other7-questions.toml", EVAL / "other7-facts.toml", 39, 10),
    (EVAL / "other8-questions.toml", EVAL / "other8-facts.toml", 33, 7),
    # Written blind at the end of 2026-12-07 and run only on that day's first code and
    # on its final code (README.md); their misses are unread.
    (EVAL / "heldout12.toml", store.default_path(), 69, 29),
    (EVAL / "other9-questions.toml", EVAL / "other9-facts.toml", 40, 10),
    # Written blind in the second session of 2026-12-07, four pairs; each pair was run
    # on the session's first code (f123d19) and on the code of the moment, then read:
    # tuning sets since (heldout16 and other13 were run on f123d19, d93b174 and 2540694
    # before they were read).
    (EVAL / "heldout13.toml", store.default_path(), 69, 28),
    (EVAL / "other10-questions.toml", EVAL / "other10-facts.toml", 36, 10),
    (EVAL / "heldout14.toml", store.default_path(), 65, 29),
    (EVAL / "other11-questions.toml", EVAL / "other11-facts.toml", 36, 8),
    # 59 since a short quote's context (2026-12-07d): "hands-on workshops set up with
    # that Sichuan city" meets the fact after the 5 bases, whose context they are.
    (EVAL / "heldout15.toml", store.default_path(), 65, 28),
    (EVAL / "other12-questions.toml", EVAL / "other12-facts.toml", 38, 8),
    (EVAL / "heldout16.toml", store.default_path(), 68, 29),
    # 33 -> 32 on 2026-12-07e: 家长 (parents) now also looks for 父母, and 每年有多少家长从家庭教育
    # 讲座中受益 puts the lectures before the parents reached (the vocabulary's +27 elsewhere).
    (EVAL / "other13-questions.toml", EVAL / "other13-facts.toml", 33, 8),
    # Written blind at the session's end for its final measure: heldout17 unread then,
    # read at the start of the third session of 2026-12-07; other14 read after it.
    (EVAL / "heldout17.toml", store.default_path(), 62, 25),
    (EVAL / "other14-questions.toml", EVAL / "other14-facts.toml", 35, 7),
    # Third session of 2026-12-07: heldout18 and other15 written blind at its start, run
    # on its first code (4c1fff2) and on 8cd9391, then read; heldout19 and other16
    # written blind in its middle, run on 4c1fff2 and on its final code, read at the
    # start of the fourth session (README.md).
    (EVAL / "heldout18.toml", store.default_path(), 68, 26),
    (EVAL / "other15-questions.toml", EVAL / "other15-facts.toml", 32, 8),
    (EVAL / "heldout19.toml", store.default_path(), 68, 24),
    (EVAL / "other16-questions.toml", EVAL / "other16-facts.toml", 34, 7),
    # Fourth session of 2026-12-07: written blind at its start, run on its first code
    # (ce5d352: 63/71, 27/29 and 26/35, 9/15) and on 8be834f (63/71, 27/29 and 26/35,
    # 10/15), then read (README.md).
    (EVAL / "heldout20.toml", store.default_path(), 67, 28),
    (EVAL / "other17-questions.toml", EVAL / "other17-facts.toml", 28, 13),
    # Written blind in the fourth session's middle, run on its first code (ce5d352: 60/71,
    # 27/29 and 23/35, 11/15) and on its final code (bc2a737: 62/71, 27/29 and 23/35,
    # 11/15), read at the start of the fifth (README.md).
    # 67 -> 66 with UNKNOWN_SHARE: "Just checking something for my boss: ..." is refused
    # for its frame (four refusals of other sets gained, one chatty question regained);
    # 67 again in the sixth session (guosai jinpai yinpai tongpai, the medal pinyin).
    (EVAL / "heldout21.toml", store.default_path(), 68, 27),
    (EVAL / "other18-questions.toml", EVAL / "other18-facts.toml", 27, 13),
    # Fifth session of 2026-12-07: written blind at its start, run on its first code
    # (19276a0: 61/71, 21/29; 27/35, 11/15; 28/35, 9/15) and on c465d6f (63/71, 21/29;
    # 27/35, 11/15; 28/35, 9/15), then read (README.md).
    (EVAL / "heldout22.toml", store.default_path(), 69, 25),
    (EVAL / "other19-questions.toml", EVAL / "other19-facts.toml", 34, 12),
    (EVAL / "other20-questions.toml", EVAL / "other20-facts.toml", 33, 11),
    # Written blind in the fifth session's middle, run on its first code (19276a0: 55/71,
    # 20/29; 29/35, 9/15; 25/35, 13/15), on c465d6f (56/71, 22/29; 29/35, 10/15; 26/35,
    # 14/15) and on its final search code (c03bddb: 57/71, 22/29; 29/35, 10/15; 27/35,
    # 14/15), then read at the start of the sixth (README.md): tuning sets since.
    (EVAL / "heldout23.toml", store.default_path(), 65, 26),
    (EVAL / "other21-questions.toml", EVAL / "other21-facts.toml", 30, 11),
    (EVAL / "other22-questions.toml", EVAL / "other22-facts.toml", 28, 14),
    # Sixth session of 2026-12-07: written blind at its start, run on its first code
    # (c1593ff: 62/71, 23/29; 24/35, 15/15; 23/35, 10/15) and on bd9c8bd (63/71, 24/29;
    # 24/35, 14/15; 23/35, 10/15), then read (README.md): tuning sets since. other23 lost
    # a refusal to the session's first vocabulary batch (the read sets: +5, none lost).
    (EVAL / "heldout24.toml", store.default_path(), 66, 25),
    (EVAL / "other23-questions.toml", EVAL / "other23-facts.toml", 28, 14),
    (EVAL / "other24-questions.toml", EVAL / "other24-facts.toml", 27, 10),
    # Written blind in the sixth session's middle and run on its first code (c1593ff:
    # 60/71, 25/29; 22/35, 8/15; 26/35, 12/15) and on its last (6d3a6fb, the same), then
    # read at the start of the seventh (README.md): tuning sets since.
    (EVAL / "heldout25.toml", store.default_path(), 61, 26),
    (EVAL / "other25-questions.toml", EVAL / "other25-facts.toml", 30, 9),
    (EVAL / "other26-questions.toml", EVAL / "other26-facts.toml", 30, 12),
    # Written blind at the seventh session's start and run on its first code (6d3a6fb:
    # 55/71, 23/29; 19/35, 11/15; 23/35, 11/15) and on 161e882 (56/71, 23/29; the
    # others the same), then read (README.md): tuning sets since.
    (EVAL / "heldout26.toml", store.default_path(), 58, 28),
    (EVAL / "other27-questions.toml", EVAL / "other27-facts.toml", 24, 11),
    (EVAL / "other28-questions.toml", EVAL / "other28-facts.toml", 25, 13),
    # Written blind in the seventh session's middle and run on its first code (6d3a6fb:
    # 54/71, 21/29; 27/35, 11/15; 26/35, 12/15), on 161e882 (the same, but other30
    # 27/35) and on its last search code (be0312d: 54/71, 22/29; 27/35, 11/15; 27/35,
    # 12/15); the same on 066703b, then read at the start of the eighth (README.md):
    # tuning sets since.
    (EVAL / "heldout27.toml", store.default_path(), 59, 26),
    (EVAL / "other29-questions.toml", EVAL / "other29-facts.toml", 28, 11),
    (EVAL / "other30-questions.toml", EVAL / "other30-facts.toml", 27, 12),
    # Written blind at the seventh session's end and run on its first code (6d3a6fb:
    # 51/71, 24/29; 26/35, 11/15; 32/35, 11/15) and on its final code (dae0319: 56/71,
    # 24/29; the others the same); the same on 066703b, then read at the start of the
    # eighth (README.md): tuning sets since.
    (EVAL / "heldout28.toml", store.default_path(), 63, 26),
    (EVAL / "other31-questions.toml", EVAL / "other31-facts.toml", 30, 11),
    (EVAL / "other32-questions.toml", EVAL / "other32-facts.toml", 33, 12),
    # Written blind at the eighth session's start and run on its first code (066703b:
    # 58/71, 28/29; 25/35, 11/15; 23/35, 7/15), unread (README.md). other34 lost one
    # answer to 4582aa7 (a clause naming only what the base holds may be story; +3 right
    # on the read sets): 22; it gained two refusals with 989a020 (area and distance
    # asked in English) and heldout29 an answer with 4582aa7. The same on c9324eb, then
    # read at the start of the ninth (README.md): tuning sets since.
    (EVAL / "heldout29.toml", store.default_path(), 63, 28),
    (EVAL / "other33-questions.toml", EVAL / "other33-facts.toml", 28, 12),
    (EVAL / "other34-questions.toml", EVAL / "other34-facts.toml", 26, 9),
    # Written blind in the eighth session's middle and run on its first code (066703b:
    # 52/71, 21/29; 22/35, 12/15; 20/35, 12/15) and on 7358aa9 (53/71, 21/29; 23/35,
    # 12/15; 20/35, 12/15); a run of every set then showed their misses by a slip, so
    # they are read: tuning sets since (README.md).
    (EVAL / "heldout30.toml", store.default_path(), 58, 23),
    (EVAL / "other35-questions.toml", EVAL / "other35-facts.toml", 25, 12),
    (EVAL / "other36-questions.toml", EVAL / "other36-facts.toml", 23, 12),
    # Written blind at the eighth session's end and run on its first code (066703b:
    # 49/71, 22/29; 20/35, 12/15; 21/35, 11/15) and on its final search code (9c45147:
    # 51/71, 23/29; the others the same); the same on c9324eb, then read at the start of
    # the ninth (README.md): tuning sets since.
    # heldout31 lost one answer to 教学 on the teachers' line (+3 right, -1, on the read
    # sets): 55.
    (EVAL / "heldout31.toml", store.default_path(), 57, 24),
    (EVAL / "other37-questions.toml", EVAL / "other37-facts.toml", 21, 12),
    (EVAL / "other38-questions.toml", EVAL / "other38-facts.toml", 26, 11),
    # Written blind at the ninth session's start and run on its first code (c9324eb:
    # 60/71, 27/29; 20/35, 14/15; 24/35, 10/15); read at the tenth session's start, after
    # a run on its first code (6b7bb37) gave the floors below again. other39 lost two
    # answers to the rules of the speaker's own words and of 第几 (+13 right on the
    # read sets, no refusal lost): 18.
    (EVAL / "heldout32.toml", store.default_path(), 61, 27),
    (EVAL / "other39-questions.toml", EVAL / "other39-facts.toml", 20, 14),
    (EVAL / "other40-questions.toml", EVAL / "other40-facts.toml", 26, 12),
    # Written blind in the ninth session's middle and run on its first code (c9324eb:
    # 54/71, 27/29; 21/35, 12/15, with other41's 5个工作日以内 as that code's validation
    # wanted it, unit 个 and no hedge; 24/35, 14/15) and on 7c26a87 (56/71, 27/29; the
    # others the same); read at the tenth session's start, as above.
    (EVAL / "heldout33.toml", store.default_path(), 60, 28),
    (EVAL / "other41-questions.toml", EVAL / "other41-facts.toml", 23, 12),
    (EVAL / "other42-questions.toml", EVAL / "other42-facts.toml", 25, 14),
    # Written blind at the tenth session's start and run on its first code (3c9cd82:
    # 58/71, 23/29; 53/71, 24/29; 24/35, 11/15; 24/35, 10/15; 22/35, 13/15) and on its
    # final code (the same); read at the eleventh session's start: tuning sets since.
    (EVAL / "heldout34.toml", store.default_path(), 58, 24),
    (EVAL / "heldout35.toml", store.default_path(), 56, 27),
    (EVAL / "other43-questions.toml", EVAL / "other43-facts.toml", 24, 11),
    (EVAL / "other44-questions.toml", EVAL / "other44-facts.toml", 26, 10),
    (EVAL / "other45-questions.toml", EVAL / "other45-facts.toml", 23, 13),
    # Written blind at the eleventh session's start and run on its first code (04eccce:
    # the floors below, but other47 17/35 and heldout37 20/29) and on its final code (the
    # floors below), unread (README.md).
    (EVAL / "heldout36.toml", store.default_path(), 54, 24),
    (EVAL / "heldout37.toml", store.default_path(), 57, 21),
    (EVAL / "other46-questions.toml", EVAL / "other46-facts.toml", 19, 13),
    (EVAL / "other47-questions.toml", EVAL / "other47-facts.toml", 18, 13),
    (EVAL / "other48-questions.toml", EVAL / "other48-facts.toml", 21, 12),
]


@pytest.mark.parametrize(
    ("questions", "facts", "right", "refused"), FLOORS, ids=[f[0].name for f in FLOORS]
)
def test_question_file_keeps_its_score(
    questions: Path, facts: Path, right: int, refused: int
) -> None:
    report = evaluate.evaluate(evaluate.read_questions(questions), facts)
    print("\n".join(report.lines()))
    assert report.share(True)[0] >= right, [m.question.text for m in report.misses]
    assert report.share(False)[0] >= refused, [m.question.text for m in report.misses]


def test_every_listed_answer_is_a_record_of_its_base() -> None:
    # A fact, or an entity: the sets of 2026-12-07b list an entity where it answers too,
    # though evaluate.py counts only a fact first as right.
    for questions, facts, _right, _refused in FLOORS:
        base = store.load(facts)
        for question in evaluate.read_questions(questions):
            for answer in question.answers:
                assert answer in base.fact_by_id or answer in base.entity_by_id, (
                    questions.name,
                    question.text,
                    answer,
                )


def test_the_other_article_base_is_valid() -> None:
    assert store.load(EVAL / "other-facts.toml").facts


def test_every_quote_of_the_second_made_up_article_is_in_its_text() -> None:
    done = subprocess.run(
        [
            *(sys.executable, "-m", "jiangjin_cli", "--facts", str(EVAL / "other2-facts.toml")),
            *("validate", "--source"),
            f"gzjyt-2024-04-15-fanchuan={EVAL / 'other2-article.txt'}",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "63 quotes of gzjyt-2024-04-15-fanchuan found" in done.stdout


def test_a_miss_and_a_wrong_refusal_are_counted() -> None:
    q = evaluate.Question
    right = evaluate.Outcome(q("x", "plain-zh", ("a", "b")), "fact:b")
    entity = evaluate.Outcome(q("x", "plain-zh", ("a",)), "entity:a")
    refused = evaluate.Outcome(q("x", "unanswerable", ()), "")
    answered = evaluate.Outcome(q("x", "unanswerable", ()), "fact:a")
    assert [o.right for o in (right, entity, refused, answered)] == [True, False, True, False]


def test_the_harness_runs_as_a_script() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "evaluate.py"), str(EVAL / "tuning.toml")],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "top-1 right" in done.stdout
