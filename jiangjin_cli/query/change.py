"""Which figure of a change a question asks. No I/O.

Reports of this genre write a change as two figures in one clause (录取率由上年的61%
提高到83%) or as the amount of it (较2021年提高4.2个百分点); the index holds each fact's side
(`numbers.change_side`, `store.index.CHANGE_WORDS`), and a question's cues say which
side it asks (docs/search.md, "Tokens").
"""

from __future__ import annotations

from jiangjin_cli.text import lazy_pattern

__all__ = ["change_asked", "compared_asked"]

#: Which figure of a change a question asks: the one it came to (提高到了多少, 现在, now,
#: rose to), the one it came from (由多少, 原来, previously), or the amount it changed by
#: (涨了多少, 比上年多了, by how much).
_CHANGE_ASKED = {
    "after": lazy_pattern(
        r"(?:提高|提升|增加|增长|上升|下降|降低|减少|压减|缩减|扩大|降|升|增)[到至]了?"
        r"[^,，。?？]{0,8}?(?:多少|几|什么|哪)|现在|目前|如今|当前|今年"
        r"|\b(?:now|currently|current|today|latest|this year)\b"
        r"|\b(?:raised|rose|risen|increased|grown|grew|climbed|fell|fallen|dropped|cut|reduced"
        r"|lowered|decreased|declined|went up|went down|gone up|gone down) to\b"
    ),
    "before": lazy_pattern(
        r"[由从](?:多少|几)|原来|原先|以前|之前|此前|起初|最初"
        r"|\b(?:previously|originally|formerly|before|earlier|used to be|from what)\b"
    ),
    "by": lazy_pattern(
        r"(?:提高|提升|增加|增长|上升|下降|降低|减少|缩减|扩大|降|升|增|涨|多|少)了(?:多少|几)"
        r"|[比较][^,，。?？]{1,10}?(?:多|少|高|低|增加|增长|提高|提升|上升|下降|降低|减少|涨)了"
        r"|增幅|涨幅|降幅|幅度|\bby how much\b|\bhow much (?:more|higher|lower|less)\b"
        r"|\b(?:rise|rose|risen|increase|increased|grow|grew|grown|fall|fell|fallen|drop|dropped"
        r"|decline|declined|improve|improved|go up|went up|gone up|come down|came down) by\b"
        r"|\bhow many (?:percentage )?points\b"
    ),
}


#: What each side's cues hold, one at least: a question holding none compiles no cue.
_CHANGE_KEYS = {
    "after": (
        "到",
        "至",
        "现在",
        "目前",
        "如今",
        "当前",
        "今年",
        "now",
        "current",
        "today",
        "latest",
        "this year",
        " to",
    ),
    "before": (
        "由",
        "从",
        "原",
        "以前",
        "之前",
        "此前",
        "起初",
        "最初",
        "previous",
        "original",
        "formerly",
        "before",
        "earlier",
        "used to",
        "from what",
    ),
    "by": ("了", "幅", "by", "how much", "how many"),
}


def change_asked(whole: str) -> str:
    """Which figure of a change folded question ``whole`` asks ("after", "before", "by"),
    or "" when it asks none or several."""
    asked = [
        side
        for side, cue in _CHANGE_ASKED.items()
        if any(key in whole for key in _CHANGE_KEYS[side]) and cue().search(whole)
    ]
    return asked[0] if len(asked) == 1 else ""


#: A change against an earlier time asked (比上年增长了多少, 较2021年提高了几个百分点, 增幅,
#: by how much, how much higher than): the amount of a change, which a plain figure of
#: the year (美育专项经费1200万元) does not give.
_COMPARED = lazy_pattern(
    r"[比较](?:上年|去年|上一年|前一年|同期|往年|[0-9]{4}年)[^,，。?？]{0,10}?(?:多少|几)"
    r"|增幅|涨幅|降幅|\bby how much\b|\bhow much (?:more|higher|lower|less)\b"
    r"|\bcompared (?:with|to) (?:last year|the (?:previous|year before)|[0-9]{4})\b"
)


def compared_asked(whole: str) -> str:
    """The words of folded question ``whole`` that ask how much something changed
    against an earlier time (比上年增长了多少), joined by spaces; "" when it asks no such
    change. Only a record giving a change (its amount, or the figures before and after)
    answers it."""
    return " ".join(m.group() for m in _COMPARED().finditer(whole))
