"""The search's generic vocabulary, read from the package's vocabulary.txt.

Related words (concepts), the unit words of Chinese head characters, the characters
that mean something alone, English talk (um, again), and the names of Chinese
provinces and large cities: language and geography, not any article's words (those
live in the article's fact base, as entity aliases). A plain line format, so that a
search imports no TOML parser.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

__all__ = ["Vocabulary", "read_sections", "vocabulary"]


@dataclass(frozen=True)
class Vocabulary:
    concepts: tuple[str, ...]
    head_characters: dict[str, str]
    #: The pinyin of a head character -> its unit word, for syllables of one character.
    head_pinyin: dict[str, str]
    places: frozenset[str]
    meaningful_characters: str
    #: English talk, words and phrases (lower case, one space apart).
    talk: tuple[str, ...] = ()
    #: English nouns for the form of an answer (name, figure, kind).
    answer_words: tuple[str, ...] = ()


def _head_pinyin(heads: list[list[str]]) -> dict[str, str]:
    """Syllable -> unit word of the head characters, without the syllables of several
    characters (shi: 师, 市, 室)."""
    words: dict[str, list[str]] = {}
    for _char, word, *syllables in heads:
        for syllable in syllables:
            words.setdefault(syllable, []).append(word)
    return {syllable: spelt[0] for syllable, spelt in words.items() if len(spelt) == 1}


def read_sections(text: str) -> dict[str, list[str]]:
    """The entries of each ``[section]`` of ``text``, comments (``#``) and blanks dropped."""
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], [])
        elif current is None:
            raise ValueError(f"line {number}: an entry before any [section]")
        else:
            current.append(line)
    return sections


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """The vocabulary shipped with the package (read once)."""
    text = Path(__file__).with_name("vocabulary.txt").read_text(encoding="utf-8")
    sections = read_sections(text)
    heads = [line.split() for line in sections["head_characters"]]
    return Vocabulary(
        concepts=tuple(sections["concepts"]),
        head_characters={char: word for char, word, *_ in heads},
        head_pinyin=_head_pinyin(heads),
        places=frozenset(word for line in sections["places"] for word in line.split()),
        meaningful_characters="".join(sections["meaningful_characters"]),
        talk=tuple(" ".join(line.split()) for line in sections["talk"]),
        answer_words=tuple(sections.get("answer_words", ())),
    )
