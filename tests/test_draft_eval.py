"""Regression check of `jiangjin draft` on three articles whose gold lists were written,
before any run, by someone who never saw the rules (tests/eval/draft; README figures)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

EVAL = Path(__file__).resolve().parent / "eval" / "draft"
sys.path.insert(0, str(EVAL))
from score import score_all  # noqa: E402

ARTICLES = sorted(EVAL.glob("article-*.txt"))


def test_three_articles_with_gold_lists_are_here():
    assert [p.name for p in ARTICLES] == ["article-a.txt", "article-b.txt", "article-c.txt"]


def test_draft_meets_the_targets_on_articles_written_blind():
    scores = score_all(EVAL)
    gold = sum(s.gold for s in scores)
    assert gold == 106
    assert sum(s.found for s in scores) / gold >= 0.99
    assert sum(s.right for s in scores) / gold >= 0.95
    assert sum(s.real for s in scores) / sum(s.drafted for s in scores) >= 0.95
    assert all(s.right / s.gold >= 0.9 for s in scores)
    assert sum(s.traps_taken for s in scores) <= 2
    names = sum(s.entities for s in scores)
    assert sum(s.entities_proposed for s in scores) / names >= 0.75


@pytest.mark.parametrize("article", ARTICLES, ids=lambda p: p.stem)
def test_drafts_of_unseen_articles_pass_validate_draft(
    invoke: Callable[..., Any], tmp_path: Path, article: Path
):
    draft = invoke(
        "draft", str(article), "--source", "unseen", "--publisher", "某", "--url",
        "http://example.cn/a", "--published", "2024-01-01",
    )  # fmt: skip
    assert draft.exit_code == 0
    path = tmp_path / "draft.toml"
    path.write_text(draft.stdout, encoding="utf-8")
    checked = invoke("validate", "--draft", str(path), "--source", f"unseen={article}")
    assert checked.exit_code == 0, checked.stderr
