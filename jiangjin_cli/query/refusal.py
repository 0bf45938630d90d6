"""Why a question is refused, and what the refusal names. No I/O.

:func:`why_refused` gives the first rule that explains a refusal of the ranking
(:mod:`.search`) as a :class:`Refusal`: a part, the names or the parts of what a fact
only counts, a grade of prize, or else the things the question asks about that no
record holds (:func:`unknown_words`): a Chinese noun the base lacks (区长), jieba's words
the base lacks without the talk around them (设在, not the stretch 院设), English words
and numbers it lacks, the pinyin words whose syllables it lacks; then a stock of people,
an area, a distance, a place in an order, a year, a change, a ratio, or what no record
about an entity the question names holds (:func:`unanswered`).
:mod:`jiangjin_cli.render.answers` words it; docs/search.md explains each rule.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from jiangjin_cli.query.analysis import ORDINAL_ASKED, WHEN_ASKED, listed_numbers, parts_written
from jiangjin_cli.query.asked import lacking_attribute, mentioning, named_entities
from jiangjin_cli.query.change import compared_asked
from jiangjin_cli.query.partial import (
    area_asked,
    distance_asked,
    figure_names_asked,
    grades_lacking,
    measure_cues,
    people_stock_asked,
    per_unit_cue,
    ratio_asked,
)
from jiangjin_cli.query.reading import (
    base_lacks,
    held_word,
    pinyin_lacking,
    pinyin_of,
    prepared_terms,
    related_words,
)
from jiangjin_cli.query.talk import (
    CLAUSE_RE,
    english_talk,
    may_lack_words,
    unknown_topics,
    without_talk,
    words_of,
)
from jiangjin_cli.store.index import Index
from jiangjin_cli.text import normalize
from jiangjin_cli.tokens import EN_STOP, TOKEN_RE, is_cjk, split_stops, stem

__all__ = ["Reason", "Refusal", "unanswered", "unknown_words", "why_refused"]

#: The rules that explain a refusal, in the order :func:`why_refused` tries them.
Reason = Literal[
    "figure-parts",  # what 4599, 6个1 stand for: names, not numbers to break down
    "breakdown",  # a part of a number the base gives (how many of the 116 are enterprises)
    "unnamed",  # the names of what a fact only counts (那2所高职叫什么名字)
    "grade",  # a grade of prize no fact gives (二等奖, where the base counts 一等奖)
    "words",  # words no record holds: what makes the question unanswerable here
    "people",  # how many people a place has, where its facts tell what it did
    "area",  # the size of an area, where no fact gives one in 亩 or 平方米
    "distance",  # a distance, where no fact gives one in 公里 or 分钟
    "order",  # a place in an order (第几名), where no fact writes one (首批, 第一)
    "when",  # when something happened, where no fact about it writes a year
    "change",  # how much a figure changed against an earlier year, where none gives it
    "ratio",  # a ratio of two things no record holds together (student-to-teacher ratio)
    "about",  # what no record about an entity the question names holds
    "per-unit",  # a figure for each one, where the base gives totals or counts
    "no-match",  # nothing above explains it
]


@dataclass(frozen=True)
class Refusal:
    """Why a refused question has no answer: the first rule of :data:`Reason` that
    explains it, and what it names (numbers, words, a place and its people ...)."""

    reason: Reason
    names: tuple[str, ...] = ()


def why_refused(index: Index, query_terms: Sequence[str]) -> Refusal:
    """Why the ranking refused ``query_terms``: the first rule of :data:`Reason` that
    explains it. The words that ask an area or a distance (how far, 多少公里) are not
    named as words the base lacks, nor those that ask a change against an earlier year
    (比上年增长了多少): the area, the distance or the change is what it lacks."""
    prepared = " ".join(prepared_terms(index, query_terms))
    parts, listed, figures = _parts_asked(index, prepared)
    if figures:
        return Refusal("figure-parts", figures)
    if parts:
        return Refusal("breakdown", parts)
    if listed:
        return Refusal("unnamed", listed)
    grades = grades_lacking(index, prepared)
    if grades:
        return Refusal("grade", tuple(grades))
    whole = normalize(" ".join(query_terms))
    compared = compared_asked(whole)
    cues = f"{measure_cues(whole)} {compared}"
    missing = [
        w
        for w in unknown_words(index, query_terms)
        if not _asks_measure(w, cues) and ORDINAL_ASKED not in w
    ]
    if missing:
        return Refusal("words", tuple(missing))
    people = _people_asked(index, prepared, query_terms)
    if people is not None:
        return Refusal("people", people)
    if area_asked(whole):
        return Refusal("area")
    if distance_asked(whole):
        return Refusal("distance")
    if ORDINAL_ASKED in whole:
        return Refusal("order")
    if WHEN_ASKED.search(whole):
        return Refusal("when")
    if compared:
        return Refusal("change")
    compared_things = ratio_asked(whole)
    if compared_things:
        return Refusal("ratio", tuple(compared_things[:2]))
    about = unanswered(index, query_terms)
    if about is not None:
        return Refusal("about", (about[0], *about[1]))
    per_unit = per_unit_cue(whole)
    if per_unit:
        return Refusal("per-unit", (per_unit,))
    return Refusal("no-match", (" ".join(query_terms),))


def _asks_measure(word: str, cues: str) -> bool:
    """Whether ``word`` (as typed) is one of the words ``cues`` asks an area or a
    distance with (far of how far, 公里 of 多少公里)."""
    folded = normalize(word)
    if not folded:
        return False
    if is_cjk(folded[0]):
        return folded in cues
    return folded in cues.split()


def _parts_asked(
    index: Index, whole: str
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """The numbers a refused question asks a part of (how many of the 2,729 teachers are
    women: 2729), those whose things it asks to name (那2所高职叫什么名字: 2), and the names
    of figures whose parts it asks for (4599 ... stand for): the base gives the number
    or the name, not its breakdown, its things' names or its parts. ``whole``: the
    question's terms as the index has them (:func:`prepared_terms`), joined."""
    figures = figure_names_asked(whole, named_entities(index, whole))
    return parts_written(whole), listed_numbers(whole), tuple(figures)


def _people_asked(index: Index, whole: str, query_terms: Sequence[str]) -> tuple[str, str] | None:
    """For a refused question asking how many people a place has: the place as the
    question writes it ("" when it names none), and the people (瑞岭市交通职业学校有多少名
    教师 -> 瑞岭市交通职业学校, 教师); None for any other question."""
    asked = people_stock_asked(whole, named_entities(index, whole))
    if asked is None:
        return None
    written, people = asked
    return (_as_typed(written, query_terms) if written else ""), people


def unanswered(index: Index, query_terms: Sequence[str]) -> tuple[str, list[str]] | None:
    """For a refused question that names an entity of the base: that name as the question
    writes it, and the question's words that no record mentioning the entity holds
    (重庆工商学校有多少学生 -> 重庆工商学校, [学生]); None when it names none, or when
    those records hold every word. What a refusal says when the base lacks no word."""
    if isinstance(query_terms, str):
        query_terms = [query_terms]
    whole = " ".join(prepared_terms(index, query_terms))
    for names, written in named_entities(index, whole).values():
        docs = mentioning(index, names)

        def lacking(token: str, docs: set[int] = docs) -> bool:
            for t in (token, *related_words(token)):
                flat = index.postings(t)
                if any(flat[k] in docs for k in range(0, len(flat), 3)):
                    return False
            return True

        rest = whole.replace(written, " ")
        found: list[str] = []
        for match in TOKEN_RE.finditer(rest):
            piece = match.group()
            if match.lastgroup == "cjk":
                for part in split_stops(piece):
                    found.extend(_lacking_stretches(part, lacking))
            elif match.lastgroup == "word" and piece not in EN_STOP and lacking(stem(piece)):
                found.append(piece)
        if found:
            return _as_typed(written, query_terms), list(dict.fromkeys(found))
    return None


def _as_typed(name: str, query_terms: Sequence[str]) -> str:
    """A name as the question writes it (Chongqing Industry and Commerce School, not its
    folded form), or as given when folding changed more than its case."""
    typed = re.search(re.escape(name), " ".join(query_terms), re.IGNORECASE)
    return typed.group() if typed else name


def unknown_words(index: Index, query_terms: Sequence[str]) -> list[str]:
    """The words of a query that no record of ``index`` holds, as the query writes them.

    A Chinese word naming a thing the base lacks (:func:`unknown_topics`, outside the
    talk around the question) is named alone. Otherwise the Chinese words are jieba's
    words the base lacks, without the talk (设在 of 学院设在), or for a question whose
    every pair of characters the base holds, stretches of pairs it lacks; an English
    word is one whose stem and related words the index lacks; a pinyin word one whose
    syllables' pairs it lacks. Question words and particles are not words here.
    """
    if isinstance(query_terms, str):
        query_terms = [query_terms]
    terms = prepared_terms(index, query_terms)
    whole = " ".join(terms)
    if pinyin_of(index, whole):
        return pinyin_lacking(index, whole)
    # What "A的X是多少" asks for, as jieba cuts it (起薪, not a stretch such as 津职).
    asked_for = [w for w in lacking_attribute(index, whole) if is_cjk(w[0])]
    if asked_for:
        return asked_for
    read_by_words = may_lack_words(index, whole)
    plain = (without_talk(index, whole) or whole) if read_by_words else whole
    if read_by_words:
        # The things a question asks about that the base lacks, not the talk around it.
        # When the talk reading took the clause holding them for talk (我觉得区长好像姓王，
        # 叫什么), they are looked for in the whole question.
        topics = unknown_topics(index, plain)
        if not topics:
            topics = unknown_topics(index, whole)
        if topics:
            return topics
    # An English question names what it asks about, not the talk around it (um, do you
    # know): the words :func:`english_talk` keeps.
    asked: set[str] | None = None
    if not any(is_cjk(ch) for ch in whole):

        def known(token: str) -> bool:
            return not base_lacks(index, token)

        asked = {
            m.group()
            for clause in CLAUSE_RE.split(whole)
            for m in TOKEN_RE.finditer(english_talk(index, known, clause))
        }
    found: list[str] = []
    characters: list[str] = []
    if read_by_words:
        # The words of the question without its talk that the base lacks, as jieba cuts
        # them (设在, not the stretch 院设 of 学院设在); none when it holds every word.
        found, characters = _lacking_words(index, plain)

    lacking = functools.partial(base_lacks, index)
    for text in terms:
        for match in TOKEN_RE.finditer(text):
            piece = match.group()
            if match.lastgroup == "cjk":
                if may_lack_words(index, piece):
                    continue  # read word by word above
                for part in split_stops(piece):
                    found.extend(_lacking_stretches(part, lacking))
            elif (
                match.lastgroup == "word"
                and piece not in EN_STOP
                and lacking(stem(piece))
                and (asked is None or piece in asked)
            ) or (match.lastgroup == "num" and lacking(piece.replace(",", ""))):
                found.append(piece)
    return list(dict.fromkeys(found or characters))


def _lacking_words(index: Index, text: str) -> tuple[list[str], list[str]]:
    """The Chinese words of folded ``text`` (jieba's, the base's names whole) that the base
    lacks, and apart its lone characters that it lacks. Question words and particles are
    not words here."""
    words: list[str] = []
    characters: list[str] = []
    for word, _ in words_of(index, text):
        if not is_cjk(word[0]):
            continue
        parts = split_stops(word)
        if len(word) > 1 and parts and not held_word(index, word):
            words.append(word)  # 设在, although 在 alone is a particle
        elif len(word) == 1 and parts and base_lacks(index, word):
            characters.append(word)
    return list(dict.fromkeys(words)), list(dict.fromkeys(characters))


def _lacking_stretches(run: str, lacking: Callable[[str], bool]) -> list[str]:
    """Stretches of ``run`` made of character pairs the index lacks, less an edge
    character that a pair the index holds accounts for."""
    if len(run) == 1:
        return [run] if lacking(run) else []
    known = [not lacking(run[k : k + 2]) for k in range(len(run) - 1)]
    stretches: list[str] = []
    k = 0
    while k < len(known):
        if known[k]:
            k += 1
            continue
        end = k
        while end < len(known) and not known[end]:
            end += 1
        start, stop = k, end + 1  # characters run[start:stop]
        if start > 0 and stop - start > 2:
            start += 1  # its first character ends a known pair
        if end < len(known) and stop - start > 2:
            stop -= 1  # its last character starts one
        stretches.append(run[start:stop])
        k = end
    return stretches
