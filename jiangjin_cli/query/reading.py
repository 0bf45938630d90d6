"""A query's words as the index has them, before any ranking. No I/O.

The generic vocabulary's related words as index tokens (:func:`related_words`), measure
words, the English cue of a quantity question, a query written in pinyin, and English
words one typing slip from a word of the index. Shared by the ranking
(:mod:`jiangjin_cli.query.search`) and the reading of talk and topics
(:mod:`jiangjin_cli.query.talk`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence

from jiangjin_cli.pinyin import query_tokens as pinyin_query_tokens
from jiangjin_cli.query.language import is_dictionary_word, prepare
from jiangjin_cli.query.vocabulary import vocabulary
from jiangjin_cli.store.index import Index
from jiangjin_cli.text import fold, normalize
from jiangjin_cli.tokens import MEASURE_WORDS, is_cjk, stem, tokens_of_folded

__all__ = [
    "ALT_FORMS",
    "ANSWER_WORDS",
    "CONCEPTS",
    "CONCEPT_TOKENS",
    "MAX_TYPO_LENGTH",
    "MEANINGFUL_UNIGRAMS",
    "MEASURE_WORDS",
    "MIN_TYPO_LENGTH",
    "QUANTITY_CUE_EN",
    "TALK_ZH",
    "VOCABULARY",
    "base_lacks",
    "docs_in_field",
    "held_word",
    "near_spellings",
    "pinyin_lacking",
    "pinyin_of",
    "prepared_terms",
    "related_words",
    "synonyms",
]


VOCABULARY = vocabulary()
#: Single characters that carry a meaning of their own (金, 银, 铜).
MEANINGFUL_UNIGRAMS: frozenset[str] = frozenset(VOCABULARY.meaningful_characters)
#: Chinese talk of the vocabulary (记得, 好像, 分成): the speaker's memory and framing, no
#: thing a question asks about.
TALK_ZH: frozenset[str] = frozenset(t for t in VOCABULARY.talk if is_cjk(t[0]))
#: Stems of the words for the form of an answer (name, figure, 名字, 成绩): a question
#: asks with them, a record need not hold them (a Chinese word is its own stem).
ANSWER_WORDS = frozenset(stem(word) for word in VOCABULARY.answer_words)
#: Lines of related words (vocabulary.txt explains them).
CONCEPTS: tuple[str, ...] = VOCABULARY.concepts

QUANTITY_CUE_EN = re.compile(r"\b(?:how (?:many|much)|(?:number|count|amount) of)\b")


def _concept_lines() -> tuple[
    list[list[list[str]]], dict[str, list[int]], dict[str, tuple[str, ...]]
]:
    """The concept lines as index tokens (line -> segment -> tokens), the lines of each
    token (in file order), and each token's forms to highlight."""
    lines: list[list[list[str]]] = []
    lines_of: dict[str, list[int]] = {}
    forms: dict[str, dict[str, None]] = {}
    for line in CONCEPTS:
        segments: list[list[str]] = []
        for segment in line.split("|"):
            tokens: list[str] = []
            for word in segment.split():
                folded = fold(word)
                found = tokens_of_folded(folded)
                if is_cjk(folded[0]) and len(folded) <= 2:
                    token = folded
                elif len(found) == 1:
                    token = found[0]
                else:
                    raise ValueError(f"concept word {word!r} is not one index token")
                tokens.append(token)
                forms.setdefault(token, {}).update(dict.fromkeys((folded, token)))
                numbers = lines_of.setdefault(token, [])
                if not numbers or numbers[-1] != len(lines):
                    numbers.append(len(lines))
            segments.append(tokens)
        lines.append(segments)
    return lines, lines_of, {token: tuple(f) for token, f in forms.items()}


_LINES, _LINES_OF, ALT_FORMS = _concept_lines()
#: Every token of the concept lines (本科, 学校, teacher).
CONCEPT_TOKENS = frozenset(_LINES_OF)


@functools.cache
def related_words(token: str) -> tuple[str, ...]:
    """The other tokens of the concept lines that hold ``token``, in file order. Worked
    out per token asked, not for every token at import: a line of n words has n * n
    pairs, and a question asks about a handful of tokens."""
    found: dict[str, None] = {}
    for number in _LINES_OF.get(token, ()):
        found.update(dict.fromkeys(t for tokens in _LINES[number] for t in tokens if t != token))
    return tuple(found)


@functools.cache
def synonyms(token: str) -> tuple[str, ...]:
    """The other tokens of the segments (the parts of a line between ``|``) that hold
    ``token``: its own sense, what a quantity question's counted word is matched with."""
    found: dict[str, None] = {}
    for number in _LINES_OF.get(token, ()):
        for tokens in _LINES[number]:
            if token in tokens:
                found.update(dict.fromkeys(t for t in tokens if t != token))
    return tuple(found)


#: Shortest English stem that typo tolerance corrects: shorter ones have too many
#: neighbours one edit away.
MIN_TYPO_LENGTH = 6
#: Longest: a word has about 54 * length neighbours one edit away, each as long as it
#: (a 20,000-letter "word" made a million of them, 18 GB).
MAX_TYPO_LENGTH = 40
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def near_spellings(index: Index, token: str, typed: str = "") -> tuple[str, ...]:
    """Tokens of ``index`` one edit (a letter deleted, inserted, replaced or two swapped)
    from an English ``token`` the index lacks: ``teachres`` finds ``teacher``; and, with
    ``typed`` (the word ``token`` is the stem of), the stems of the words one edit from
    it: the stem of ``jiangjing`` (jiangj) is two edits from ``jiangjin``, the word one."""
    near = _edits(token)
    if typed and typed != token:
        # An edit before the end the stemmer cut leaves that end to cut: the token's own
        # edits have it, unless the token is too short to correct (chonq of chonqing).
        start = 0 if len(token) < MIN_TYPO_LENGTH else len(token) - 1
        # Only stems long enough to correct: hearing -> hear is no typo of near or year.
        near |= {s for s in map(stem, _edits(typed, start)) if len(s) >= MIN_TYPO_LENGTH}
    near.discard(token)
    return tuple(sorted(e for e in near if index.doc_freq(e)))


def _edits(word: str, start: int = 0) -> set[str]:
    """The words one edit from an English ``word`` of a length typo tolerance corrects,
    the edit at ``start`` or after."""
    if not MIN_TYPO_LENGTH <= len(word) <= MAX_TYPO_LENGTH:
        return set()
    if not (word.isascii() and word.isalpha()):
        return set()
    splits = [(word[:k], word[k:]) for k in range(start, len(word) + 1)]
    edits = {a + b[1:] for a, b in splits if b}
    edits |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    edits |= {a + c + b[1:] for a, b in splits if b for c in _LETTERS}
    edits |= {a + c + b for a, b in splits for c in _LETTERS}
    edits.discard(word)
    return edits


_LATIN_WORD = re.compile(r"[^\W\d_]+")


def pinyin_of(index: Index, whole: str) -> list[str]:
    """The pinyin pair tokens of a query written all in pinyin whose pairs the base
    holds; [] for any other query (English, Chinese, digits)."""
    if any(is_cjk(ch) or ch.isdigit() for ch in whole):
        return []
    words = _LATIN_WORD.findall(whole)
    pairs = pinyin_query_tokens(words)
    if not pairs or not any(index.doc_freq(p) for p in pairs):
        return []
    # Syllables written apart are joined in pairs on a guess (gang ke sai zheng); a
    # guessed pair the base lacks is dropped, not counted as missing (shi na jia: 是哪家).
    inside = {p for word in words for p in pinyin_query_tokens([word]) or ()}
    return list(dict.fromkeys(p for p in pairs if p in inside or index.doc_freq(p)))


#: Question words in pinyin: a refusal does not name them.
_PINYIN_ASKING = frozenset(
    {"duoshao", "shenme", "naxie", "nage", "nali", "jige", "zenme", "ruhe", "duoda", "duojiu"}
)


def pinyin_lacking(index: Index, whole: str) -> list[str]:
    """The words of a pinyin query (as :func:`pinyin_of` reads it) holding a pair of
    syllables the base lacks (jiangjin quzhang shi shei: quzhang), question words aside."""
    return [
        word
        for word in _LATIN_WORD.findall(whole)
        if word not in _PINYIN_ASKING
        and any(not index.doc_freq(p) for p in pinyin_query_tokens([word]) or ())
    ]


def docs_in_field(index: Index, tokens: Iterable[str], field: int) -> set[int]:
    """The records whose ``field`` (``store.index.F_UNIT`` ...) holds one of ``tokens``."""
    docs: set[int] = set()
    for token in tokens:
        flat = index.postings(token)
        docs.update(flat[k] for k in range(0, len(flat), 3) if flat[k + 1] == field)
    return docs


def base_lacks(index: Index, token: str) -> bool:
    """Whether ``index`` holds neither ``token`` nor any word related to it."""
    if index.doc_freq(token):
        return False
    return not any(index.doc_freq(a) for a in related_words(token))


def _composed(index: Index, word: str) -> bool:
    """Whether the base holds ``word`` verbatim, through a related word, or as pieces
    of two characters or more that it holds (网络覆盖: 网络 + 覆盖); a word for the form
    of an answer (称号 of 荣誉称号) asks for what any record gives."""
    if word in ANSWER_WORDS or index.containing(word) or not base_lacks(index, word):
        return True
    if all(ch in MEANINGFUL_UNIGRAMS and index.doc_freq(ch) for ch in word):
        return True  # 金银: each a word of its own (28金64银)
    return any(
        _composed(index, word[:k]) and _composed(index, word[k:]) for k in range(2, len(word) - 1)
    )


def held_word(index: Index, word: str) -> bool:
    """Whether the base holds a Chinese word of two characters or more (see
    :func:`_composed`), with one more character at an end allowed (年产值: 产值)."""
    if _composed(index, word):
        return True
    # 率 makes a rate of what it ends (就业率): a base holding only 就业 gives none.
    return len(word) > 2 and (
        _composed(index, word[1:]) or (word[-1] != "率" and _composed(index, word[:-1]))
    )


def prepared_terms(index: Index, raw_terms: Sequence[str]) -> list[str]:
    """The query terms in the index's form (simplified, numbers in digits, folded), the
    empty ones dropped; a character converts only where the base lacks it."""
    prepared = (normalize(prepare(raw, lambda ch: bool(index.doc_freq(ch)))) for raw in raw_terms)
    return [_abbreviated(index, term) for term in prepared if term]


def _abbreviated(index: Index, text: str) -> str:
    """``text`` with each compound of four characters (a word of jieba's dictionary) that
    the base never writes, and half of which it lacks, cut to the abbreviation it
    writes (科学普及 -> 科普): the first character of each half, the way Chinese
    shortens a compound."""
    # Each window of four Chinese characters (a loop: a pattern of CJK ranges costs more
    # to compile than a question takes to read).
    windows = [text[k : k + 4] for k in range(len(text) - 3)]
    for long in (w for w in windows if all(map(is_cjk, w))):
        short = long[0] + long[2]
        if (
            long in text  # not already cut
            and not index.doc_freq(long[1:3])
            and not (index.doc_freq(long[:2]) and index.doc_freq(long[2:]))
            and index.doc_freq(short)
            and not index.containing(long)
            and is_dictionary_word(long)
        ):
            text = text.replace(long, short)
    return text
