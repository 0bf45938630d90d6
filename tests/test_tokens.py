"""``tokens.is_cjk``, a test by code point, says what the ``CJK`` class says to ``re``."""

from __future__ import annotations

import re

from jiangjin_cli.tokens import CJK, has_cjk, is_cjk, stem


def test_is_cjk_agrees_with_the_cjk_class_on_every_code_point() -> None:
    cjk = re.compile(f"[{CJK}]")
    disagree = [
        code for code in range(0x110000) if is_cjk(chr(code)) != (cjk.match(chr(code)) is not None)
    ]
    assert not disagree, [hex(code) for code in disagree[:10]]


def test_is_cjk_reads_the_first_character_and_has_cjk_any() -> None:
    assert not is_cjk("")
    assert is_cjk("江津") and is_cjk("江a") and not is_cjk("a江")
    assert has_cjk("a江") and not has_cjk("abc") and not has_cjk("")


def test_a_double_l_of_a_longer_word_is_one() -> None:
    # British spellings double a final l (trialled, travelling); call and skill keep it.
    assert {stem(w) for w in ("trialling", "trialled", "trial", "trials")} == {"trial"}
    assert {stem(w) for w in ("travelled", "travelling", "travel", "traveled")} == {"travel"}
    assert stem("enroll") == stem("enrolled") == stem("enrol")
    assert stem("calling") == stem("call") == "call"
    assert stem("skills") == "skill"
