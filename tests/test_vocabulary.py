"""The generic vocabulary (jiangjin_cli/query/vocabulary.txt) on the shipped base: an
English paraphrase in words the article never uses is found through its concepts, and
a question about something the base lacks is still refused.

Through the query functions and the real CLI.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from typer.testing import Result

from jiangjin_cli.model import FactBase
from jiangjin_cli.query.refusal import unknown_words
from jiangjin_cli.store.index import Index

from conftest import PACKAGE_ROOT, top


@pytest.mark.parametrize(
    ("question", "fact_id"),
    [
        # workroom -> studio, craftsman -> master; renowned is known through famous
        ("how many workrooms do renowned craftsmen lead", "skill-master-studios"),
        # hamlet -> village
        ("how many hamlets helped build the science popularisation parks", "partner-villages"),
        # showcase -> demonstration
        ("how many showcase gardens were built", "science-demonstration-parks"),
        # revenue -> output value
        ("how much revenue do the training bases create", "training-output-value"),
        # accolade -> honour, pupil -> student
        ("what accolades did the pupils receive", "student-national-honours"),
    ],
)
def test_a_paraphrase_is_found_through_the_vocabulary(
    base: FactBase, index: Index, question: str, fact_id: str
) -> None:
    assert top(base, index, question) == f"fact:{fact_id}"


def test_a_paraphrase_word_is_not_named_as_lacking(index: Index) -> None:
    # Before these concepts, the refusal named them: no fact mentions workrooms.
    assert unknown_words(index, ["how many workrooms do renowned craftsmen lead"]) == []


@pytest.mark.parametrize(
    ("question", "missing"),
    [
        # household and income are concepts now; what the base lacks is an average.
        ("What is the average household income in Jiangjin?", "average"),
        ("How many undergraduate students study in Jiangjin?", "undergraduate"),
    ],
)
def test_a_question_the_base_cannot_answer_is_still_refused(
    invoke: Callable[..., Result], question: str, missing: str
) -> None:
    result = invoke("search", question)
    assert result.exit_code == 1, result.output
    assert result.stderr == f"jiangjin: no fact mentions {missing}\n"


def test_each_head_character_has_one_unit_word_and_its_pinyin() -> None:
    from jiangjin_cli.pinyin import syllables
    from jiangjin_cli.query.vocabulary import read_sections

    text = (PACKAGE_ROOT / "jiangjin_cli" / "query" / "vocabulary.txt").read_text("utf-8")
    for line in read_sections(text)["head_characters"]:
        char, word, pinyin = line.split()
        assert len(char) == 1 and word.isascii() and word.isalpha(), line
        assert syllables(pinyin) == (pinyin,), line  # one syllable: the character's


def test_pinyin_of_a_concept_is_the_pinyin_of_a_chinese_word_of_its_line() -> None:
    # The hand-written pinyin of the concept lines (jinpai ...) spells a Chinese word of
    # the same line, as pypinyin reads it: a typo or a word on the wrong line is counted
    # out. The medals' seven, and the places whose English name is their pinyin.
    from pypinyin import lazy_pinyin

    from jiangjin_cli.query.vocabulary import read_sections

    text = (PACKAGE_ROOT / "jiangjin_cli" / "query" / "vocabulary.txt").read_text("utf-8")
    spelled = set()
    for line in read_sections(text)["concepts"]:
        words = line.replace("|", " ").split()
        readings = {"".join(lazy_pinyin(w)) for w in words if not w.isascii()}
        spelled.update(w for w in words if w.isascii() and w in readings)
    medals = {"jiangpai", "jinpai", "guanjun", "yinpai", "yajun", "tongpai", "jijun"}
    assert spelled == medals | {"chongqing", "sichuan"}


def test_a_pinyin_medal_list_finds_the_medal_facts(invoke: Callable[..., Result]) -> None:
    # 28金64银41铜 writes no 金牌: jinpai reaches it through the medal concepts.
    result = invoke("search", "guosai jinpai yinpai tongpai", "--limit", "3", "--format", "plain")
    assert set(result.stdout.split()) == {
        "national-competition-gold-medals",
        "national-competition-silver-medals",
        "national-competition-bronze-medals",
    }


def test_related_words_are_the_lines_and_synonyms_the_segments_of_a_token() -> None:
    # Worked out per token on demand: the same words, in file order, as a table of every
    # token built at import would hold.
    from jiangjin_cli.query.reading import CONCEPTS, related_words, synonyms
    from jiangjin_cli.text import fold
    from jiangjin_cli.tokens import tokens_of_folded

    def token(word: str) -> str:
        folded = fold(word)
        return (
            folded
            if "\u4e00" <= folded[0] <= "\u9fff" and len(folded) <= 2
            else (tokens_of_folded(folded)[0])
        )

    related: dict[str, dict[str, None]] = {}
    same: dict[str, dict[str, None]] = {}
    for line in CONCEPTS:
        segments = [[token(word) for word in part.split()] for part in line.split("|")]
        everything = [t for tokens in segments for t in tokens]
        for tokens in segments:
            for t in tokens:
                related.setdefault(t, {}).update(dict.fromkeys(x for x in everything if x != t))
                same.setdefault(t, {}).update(dict.fromkeys(x for x in tokens if x != t))
    assert related
    for t in related:
        assert related_words(t) == tuple(related[t]), t
        assert synonyms(t) == tuple(same[t]), t
    assert related_words("no-such-token") == synonyms("no-such-token") == ()
