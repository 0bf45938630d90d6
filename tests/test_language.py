"""Query language from libraries: traditional characters, numbers in words, and what
`get` must never import."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable

import pytest
from typer.testing import Result

from jiangjin_cli.pinyin import index_tokens, query_tokens, syllables
from jiangjin_cli.query.language import (
    prepare,
    tagged_words,
    to_simplified,
    written_numbers_to_digits,
)

from conftest import PACKAGE_ROOT

#: Libraries of the search; a `get` must not pay for them.
SEARCH_LIBRARIES = ("opencc", "wordfreq", "Stemmer", "pypinyin", "rjieba")


@pytest.mark.parametrize(
    ("text", "simplified"),
    [
        ("田間學校有幾所", "田间学校有几所"),
        ("涉農培訓", "涉农培训"),
        ("重慶江南職業學校", "重庆江南职业学校"),
        ("乾隆 后来 面条", "乾隆 后来 面条"),  # already simplified: unchanged
        ("how many schools", "how many schools"),
        ("學校\udce6教師", "学校\udce6教师"),  # a byte a C locale could not decode
    ],
)
def test_traditional_characters_fold_to_simplified(text: str, simplified: str) -> None:
    assert to_simplified(text) == simplified


@pytest.mark.parametrize(
    ("text", "digits"),
    [
        ("培训了十二万人次", "培训了120000人次"),
        ("占比达到百分之八十", "占比达到80%"),
        ("两万三千人", "23000人"),
        ("那九所职业院校", "那9所职业院校"),
        ("一共建了几所", "一共建了几所"),
        ("一体化 统一", "一体化 统一"),
        ("十二点六亿元是投到哪里去了", "1260000000元是投到哪里去了"),
        ("比二〇二一年提高了", "比2021年提高了"),
        ("百分之三点五", "3.5%"),
        ("提高了几个百分点", "提高了几个百分点"),
        ("千万不要 3000万元", "千万不要 3000万元"),
        ("十所学校", "10所学校"),
        ("one hundred and sixteen members", "116 members"),
        ("twenty-five schools", "25 schools"),
        ("one of the schools", "one of the schools"),
        # A model's formula said in words: its parts are numbers or single letters.
        ("the one-plus-two-plus-four-plus-N layout", "the 1+2+4+N layout"),
        ("the one plus X certificate", "the 1+X certificate"),
        ("a three plus two programme", "a 3+2 programme"),
        ("a plus b", "a plus b"),
        ("a surplus of one", "a surplus of one"),
    ],
)
def test_numbers_written_in_words_become_digits(text: str, digits: str) -> None:
    assert written_numbers_to_digits(text) == digits


def test_text_the_base_can_read_is_not_folded() -> None:
    assert to_simplified("學校", known=lambda ch: True) == "學校"
    assert to_simplified("學校", known=lambda ch: ch == "校") == "学校"


def test_a_query_of_known_characters_does_not_load_opencc() -> None:
    assert "opencc" not in _imported_after("search", "双师型教师")


def test_prepare_folds_then_reads_numbers() -> None:
    assert prepare("培訓了十二萬人次") == "培训了120000人次"


def _imported_after(*args: str) -> set[str]:
    """Top-level modules a real run imports, from ``python -X importtime``."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "jiangjin_cli", *args],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr[-500:]
    modules = {line.rsplit("|", 1)[-1].strip().split(".")[0] for line in done.stderr.splitlines()}
    return modules & set(SEARCH_LIBRARIES)


def test_get_imports_no_search_library() -> None:
    assert _imported_after("get", "dual-qualified-teachers") == set()


def test_a_chinese_search_loads_opencc() -> None:
    # The check above could pass by never looking: this one shows it sees an import.
    assert "opencc" in _imported_after("search", "田間學校有幾所")


@pytest.mark.parametrize(
    ("word", "cut"),
    [
        ("chanjiao", ("chan", "jiao")),
        ("xiāngcūn", ("xiang", "cun")),
        ("yitihua", ("yi", "ti", "hua")),
        ("lüse", ("lv", "se")),
        ("schools", None),
        ("how", None),
    ],
)
def test_words_cut_into_pinyin_syllables(word: str, cut: tuple[str, ...] | None) -> None:
    assert syllables(word) == cut


def test_pinyin_pairs_of_index_and_query_meet() -> None:
    assert index_tokens("产教融合，重庆") == ["chanjiao", "jiaorong", "ronghe", "chongqing"]
    assert query_tokens(["chanjiao", "ronghe"]) == ["chanjiao", "ronghe"]
    assert query_tokens(["gang", "ke", "sai", "yitihua"]) == ["gangke", "kesai", "yiti", "tihua"]
    assert query_tokens(["how", "many"]) is None


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ("chanjiao ronghe", "产教融合"),
        ("xiāngcūn zhènxīng", "乡村振兴"),
        ("shuangshixing", "双师型"),
        # Question syllables written apart (shi na jia, jian le ji suo) join in pairs the
        # base lacks; they are dropped, not counted as missing words.
        ("xiangcun zhenxing xueyuan shi na jia xuexiao jian de", "乡村振兴学院"),
        ("tianjian xuexiao jian le ji suo", "田间学校"),
    ],
)
def test_a_pinyin_search_finds_the_chinese(
    invoke: Callable[..., Result], query: str, words: str
) -> None:
    result = invoke("search", *query.split(), "--format", "json", "--limit", "1")
    assert result.exit_code == 0, result.output
    (hit,) = json.loads(result.stdout)
    assert words in json.dumps(hit, ensure_ascii=False), hit


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("重庆有多少人口", "jiangjin: no fact mentions 人口\n"),
        # The clause naming them was taken for talk: they are named all the same.
        ("我觉得区长好像姓王，叫什么", "jiangjin: no fact mentions 区长, 姓王\n"),
        ("who is the mayor", "jiangjin: no fact mentions mayor\n"),
        # "how many hectares" asks an area: the land is what the base lacks.
        ("how many hectares of farmland", "jiangjin: no fact mentions farmland\n"),
        # altogether and right now are talk: what is counted is what the base lacks.
        (
            "How many dormitories does Jiangjin have right now?",
            "jiangjin: no fact mentions dormitories\n",
        ),
        (
            "How many dormitories does Jiangjin have altogether?",
            "jiangjin: no fact mentions dormitories\n",
        ),
    ],
)
def test_a_refusal_names_the_words_the_base_lacks(
    invoke: Callable[..., Result], query: str, message: str
) -> None:
    result = invoke("search", query)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == message


def test_pinyin_one_letter_off_is_another_word_not_a_typo(invoke: Callable[..., Result]) -> None:
    # quzhang (区长, district head) is one letter from quzheng (区政 of 区政府); the base
    # has no district head, so the question is refused rather than answered with the
    # district government.
    result = invoke("search", "jiangjin", "quzhang", "shi", "shei", "--format", "plain")
    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    # The refusal names the pinyin word whose syllables the base lacks.
    assert result.stderr == "jiangjin: no fact mentions quzhang\n"


def test_a_pinyin_refusal_names_no_question_word(invoke: Callable[..., Result]) -> None:
    result = invoke("search", "jiangjin renkou duoshao")
    assert result.exit_code == 1, result.output
    assert result.stderr == "jiangjin: no fact mentions renkou\n"


def test_a_particle_jieba_joins_to_the_word_before_stays_whole() -> None:
    # jieba cuts 多少钱来着 as 多少 + 钱来 (a verb) + 着: 来着 is the particle.
    words = [word for word, _ in tagged_words("一共花了多少钱来着")]
    assert words[-2:] == ["钱", "来着"]
    assert "".join(words) == "一共花了多少钱来着"


def test_a_place_character_before_li_is_the_place(invoke: Callable[..., Result]) -> None:
    # jieba's 县里 is one noun; 县 is the place and 里 the locative: no topic the base lacks.
    words = [word for word, _ in tagged_words("县里这三年给职教一共拨了多少钱")]
    assert words[:2] == ["县", "里"]
    assert "".join(words) == "县里这三年给职教一共拨了多少钱"
    other19 = str(PACKAGE_ROOT / "tests" / "eval" / "other19-facts.toml")
    result = invoke(
        "search", "县里这三年给职教一共拨了多少钱", "--facts", other19, "--format", "plain"
    )
    assert result.stdout.splitlines()[0] == "vocational-education-funding"


@pytest.mark.parametrize(
    ("question", "fact_id"),
    [
        # What a pinyin "how many" counts, by the last syllable before it (yuan: 园,
        # parks), tells apart two facts of one quote (52个村 / 81个园).
        ("kepu shifanyuan duoshao ge", "science-demonstration-parks"),
        # ... past a verb or a particle of one syllable, with tones, or run together.
        ("kepu shifanyuan jian le duoshao ge", "science-demonstration-parks"),
        ("jiangjin kepu shifanyuan you jige", "science-demonstration-parks"),
        ("kēpǔ shìfànyuán duōshao gè", "science-demonstration-parks"),
        ("kepushifanyuan duoshaoge", "science-demonstration-parks"),
        # What follows the cue is what it counts (jige shixun jidi: the bases).
        ("jiangjin he luzhou gongjian le jige shixun jidi", "joint-training-bases"),
        ("jiangjin zhongzhi guosai jinpai duoshao", "national-competition-gold-medals"),
        # A syllable of no head character (bi of zhanbi) asks no count of things.
        ("jiangjin shuangshixing jiaoshi zhanbi duoshao", "dual-qualified-teacher-share"),
    ],
)
def test_a_pinyin_count_counts_what_its_last_syllable_names(
    invoke: Callable[..., Result], question: str, fact_id: str
) -> None:
    result = invoke("search", question, "--format", "plain")
    assert result.stdout.splitlines()[0] == fact_id
