"""Who asks: the speaker's story around a question. No I/O.

A question framed by the speaker's story (我是一名退休教师,... | 一共结对了多少个市县; I'm
writing a piece ... could you tell me | how many ...) is ranked on its asking clause
alone when the whole would be refused (:func:`asked_alone`); a clause saying who or where
the speaker is (我係香港做研究嘅, I am a teacher from Taiwan) names no topic of the
question (:func:`without_speaker`). docs/search.md explains each rule.
"""

from __future__ import annotations

import re

from jiangjin_cli.query.places import foreign_place
from jiangjin_cli.query.talk import (
    ASKS_RE,
    CLAUSE_RE,
    SPEAKER_EN_RE,
    SPEAKER_RE,
    clauses_of,
    lacks_a_topic,
)
from jiangjin_cli.store.index import Index
from jiangjin_cli.text import lazy_pattern
from jiangjin_cli.tokens import is_cjk

__all__ = ["asked_alone", "without_speaker"]


#: An English question word that starts what is asked (not "that": a statement).
_QUESTION_EN_RE = re.compile(r"\b(?:how|what|which|who|whom|whose|when|where)\b")


def asked_alone(text: str) -> str | None:
    """The question ``text`` (folded) asks when the speaker's story frames it: its last
    asking clause, from its question word on in English (I'm writing a piece ... could
    you tell me | how many ...), whole in Chinese (我是一名退休教师,... | 一共结对了多少个
    市县); None when nothing before it speaks of the speaker or the listener."""
    if any(is_cjk(ch) for ch in text):
        clauses = clauses_of(text)
        for number in range(len(clauses) - 1, 0, -1):
            if ASKS_RE.search(clauses[number]):
                framed = SPEAKER_RE().search("".join(clauses[:number]))
                return clauses[number].strip() if framed else None
        return None
    clauses = CLAUSE_RE.split(text)
    for number in range(len(clauses) - 1, -1, -1):
        ask = _QUESTION_EN_RE.search(clauses[number])
        if ask is not None:
            before = " ".join([*clauses[:number], clauses[number][: ask.start()]])
            return clauses[number][ask.start() :].strip() if SPEAKER_EN_RE.search(before) else None
    return None


#: A clause telling who or where the speaker is (我是香港做研究的, 我係, 本人来自, I am a
#: reporter in Hong Kong, we are from Berlin): it asks nothing.
_IDENTITY_RE = lazy_pattern(
    r"^.{0,4}?(?:我|俺|本人|笔者)们?(?:是|係|系|来自|住在|家在|正?在(?:写|做|准备|研究|整理))"
    r"|^(?:\w+ ){0,2}?(?:(?:i am|we are) (?:a|an|from|based|with|at|in|writing|preparing|putting"
    r"|researching|working|doing|studying|compiling|drafting)|(?:i|we) come from"
    r"|(?:i|we) (?:live|work) (?:at|for|in))\b"
)
#: A clause telling where the speaker is (我在香港, 本人在台湾从事...): it places the speaker
#: only when it names a place the base does not cover (我在江南职校读书 may name what
#: is asked about).
_LOCATED_RE = lazy_pattern(r"^.{0,4}?(?:我|俺|本人|笔者)们?在")


def _places_the_speaker(index: Index, clause: str) -> bool:
    """Whether ``clause`` says who or where the speaker is, naming what the base lacks."""
    if _IDENTITY_RE().search(clause):
        return foreign_place(index, clause) or lacks_a_topic(index, clause)
    return bool(_LOCATED_RE().search(clause)) and foreign_place(index, clause)


def without_speaker(index: Index, text: str) -> str:
    """``text`` (folded) with each clause before its question that says who or where the
    speaker is and names something the base lacks read as the speaker alone (我, i):
    我是香港做研究的 places the speaker in Hong Kong, it does not ask about Hong Kong. A
    clause naming only what the base holds stays (我是江津职教中心的老师: the school may
    be what is asked about)."""
    if not any(mark in text for mark in "我俺本笔") and not SPEAKER_EN_RE.search(text):
        return text  # compiles no pattern: most questions name no speaker
    clauses = clauses_of(text)
    asking = [n for n, clause in enumerate(clauses) if ASKS_RE.search(clause)]
    if not asking:
        return text
    # The speaker stays (我, i): it frames the question (:func:`asked_alone`).
    kept = [
        clause.strip()
        if n >= asking[-1] or not _places_the_speaker(index, clause.strip())
        else "我"
        if any(map(is_cjk, clause))
        else "i"
        for n, clause in enumerate(clauses)
    ]
    return text if kept == [c.strip() for c in clauses] else ",".join(kept)
