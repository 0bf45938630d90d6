"""What a quantity question counts. No I/O.

The cues of a Chinese count (多少, 几, 总数 and the measure word after one), what an
English "how many" counts (its words up to the last plural), the unit words a Chinese
noun's head character names (园: parks) and the pinyin count's (shifanyuan duoshao).
:func:`jiangjin_cli.query.analysis.analyse` reads a question's focus with them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import groupby
from operator import itemgetter

from jiangjin_cli.pinyin import query_tokens as pinyin_query_tokens
from jiangjin_cli.pinyin import syllables
from jiangjin_cli.query.reading import (
    MEANINGFUL_UNIGRAMS,
    MEASURE_WORDS,
    QUANTITY_CUE_EN,
    VOCABULARY,
)
from jiangjin_cli.text import lazy_pattern
from jiangjin_cli.tokens import CJK, CJK_RUN, EN_STOP, PERCENT, TOKEN_RE, is_cjk, split_stops, stem

__all__ = [
    "ASKING_JI",
    "COUNT_EN",
    "PERSON_MEASURES",
    "counted_things",
    "pinyin_count",
    "quantity_cues_zh",
]

#: Last characters of a Chinese noun phrase and the English unit words they name.
_HEAD_CHARS: dict[str, str] = VOCABULARY.head_characters

COUNT_EN = re.compile(r"\bhow many\b|\b(?:number|count) of\b")
#: 几 that asks how many: not 好几, 十几, 这几年, 前几天 (a few, some), nor 几乎 (almost);
#: 第几 asks which in order (第几批: the first batch), not how many.
ASKING_JI = "(?<![好十这那前近第])几(?!乎)"
#: Chinese quantity cues and the measure word after one. A lone 数 is a cue only as the
#: last character of a Chinese word (人数, not 数字): :func:`quantity_cues_zh` checks it
#: by code point, as a class of CJK ranges costs each run about 2 ms to compile.
_QUANTITY_CUE_ZH = re.compile(
    rf"(多少|{ASKING_JI}|数量|总数|数)(人次|[{''.join(sorted(MEASURE_WORDS | {'级', '年'}))}])?"
)
_MAX_FOCUS_WORDS = 3


def quantity_cues_zh(text: str) -> Iterator[re.Match[str]]:
    """The Chinese quantity cues of ``text``: 多少, 几, 数量, 总数, and 数 after two
    Chinese characters and before none."""
    for cue in _QUANTITY_CUE_ZH.finditer(text):
        at = cue.start()
        if cue.group(1) != "数" or (
            at >= 2
            and is_cjk(text[at - 1])
            and is_cjk(text[at - 2])
            and not (at + 1 < len(text) and is_cjk(text[at + 1]))
        ):
            yield cue


#: Characters that make a noun of another thing of the character before them: 校 names
#: a school, 校生 (在校生) a student, 校长 a principal, 村民 a villager, 队员 a player.
_NOUN_ENDINGS = frozenset("生长民员")

#: Measure words that count people: each counts what the others do.
PERSON_MEASURES = ("人", "名", "位")


#: Plurals without an s that end what "how many" counts.
_PLURALS = frozenset({"people", "children", "men", "women", "staff", "personnel"})


def _is_plural(word: str) -> bool:
    """Whether ``word`` looks like a plural noun (teachers, people; not class)."""
    return word in _PLURALS or (len(word) > 3 and word.endswith("s") and not word.endswith("ss"))


#: "How many" in pinyin, as syllables: duoshao, jige (also run together: duoshaoge).
_PINYIN_COUNT = (("duo", "shao"), ("ji", "ge"))
_HEAD_PINYIN: dict[str, str] = VOCABULARY.head_pinyin


def _pinyin_counted(text: str) -> str | None:
    """For a question all in pinyin that asks how many (kepu shifanyuan duoshao ge), the
    last syllable of the word it counts (yuan); "" when it names none, None when it is no
    pinyin count. The counted word is the last after the cue (jige shixun jidi), or the
    nearest of two syllables or more before it: one syllable before it is a verb or a
    particle (kepu shifanyuan jian le duoshao ge, you jige)."""
    words = text.split()
    if pinyin_query_tokens(words) is None:
        return None
    spelled = [(k, syllable) for k, word in enumerate(words) for syllable in syllables(word) or ()]
    cue = next(
        (n for n in range(len(spelled) - 1) if (spelled[n][1], spelled[n + 1][1]) in _PINYIN_COUNT),
        None,
    )
    if cue is None:
        return None
    # The words after the cue (jige shixun jidi: the bases), past a measure word, else
    # those before it; each as its syllables (a word holding the cue, as
    # kepushifanyuanduoshao does, gives those on either side of it).
    after = [[s for _, s in group] for _, group in groupby(spelled[cue + 2 :], key=itemgetter(0))]
    while after and len(after[0]) < 2:
        after.pop(0)
    if after:
        return after[-1][-1]
    before = [[s for _, s in group] for _, group in groupby(spelled[:cue], key=itemgetter(0))]
    counted = next((word for word in reversed(before) if len(word) >= 2), None)
    return counted[-1] if counted else ""


def counted_things(text: str) -> tuple[set[str], set[str]]:
    """Tokens naming what a quantity question counts (``how many X``, ``多少家X``, ``X有几个``).

    Returns the measure words (Chinese: the one right after the cue) and the words.
    English words: up to three content words after the cue, to the last plural among
    them. Chinese words: the bigrams of the run after the cue (or, if none, of the run
    before it) and the unit words its characters name (``_HEAD_CHARS``), unless the
    next character makes them another noun (校 of 在校生); in pinyin, the unit word of
    the last syllable before duoshao or jige (yuan of shifanyuan: parks).
    """
    focus: set[str] = set()
    measures: set[str] = set()
    for cue in QUANTITY_CUE_EN.finditer(text):
        words = [m.group() for m in TOKEN_RE.finditer(text, cue.end()) if m.lastgroup != "cjk"]
        while words and words[0] in EN_STOP:
            words.pop(0)
        counted: list[str] = []
        for word in words[:_MAX_FOCUS_WORDS]:
            if word in EN_STOP:
                break
            counted.append(word)
        # The last plural is the head noun: how many teachers | work at ..., how many
        # skills training bases.
        plurals = [k for k, word in enumerate(counted) if _is_plural(word)]
        if plurals:
            del counted[plurals[-1] + 1 :]
        focus.update(PERCENT if word == "%" else stem(word) for word in counted)
    syllable = _pinyin_counted(text)
    if syllable in _HEAD_PINYIN:
        focus.add(stem(_HEAD_PINYIN[syllable]))
    for cue in quantity_cues_zh(text):
        if cue.group(2):
            measure = cue.group(2)
            # 多少人 counts people as 1286名 and 3位 do.
            measures.update(PERSON_MEASURES if measure in PERSON_MEASURES else (measure,))
        after = CJK_RUN().match(text, cue.end())
        runs = split_stops(after.group()) if after else []
        run = runs[0] if runs and after and text.startswith(runs[0], cue.end()) else ""
        if not run:
            before = _CJK_TAIL().search(text, 0, cue.start())
            parts = split_stops(before.group()) if before else []
            run = parts[-1] if parts else ""
        focus.update(run[k : k + 2] for k in range(len(run) - 1))
        focus.update(ch for ch in run if ch in MEANINGFUL_UNIGRAMS)
        focus.update(
            stem(_HEAD_CHARS[ch])
            for ch, after in zip(run, run[1:] + " ", strict=False)
            if ch in _HEAD_CHARS and after not in _NOUN_ENDINGS
        )
    return measures, focus


#: A run of Chinese characters ending where a search stops: compiled at first use.
_CJK_TAIL = lazy_pattern(rf"[{CJK}]+$")


def pinyin_count(text: str) -> bool:
    """Whether a question all in pinyin asks how many of a thing it names (shifanyuan
    duoshao: parks); zhanbi duoshao, chanzhi duoshao ask a share, an amount."""
    return _pinyin_counted(text) in _HEAD_PINYIN
