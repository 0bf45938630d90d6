"""The search's generic vocabulary, read from the package's vocabulary.toml.

Related words (concepts), the unit words of Chinese head characters, and the names of
Chinese provinces and large cities: language and geography, not any article's words
(those live in the article's fact base, as entity aliases).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import tomli

__all__ = ["Vocabulary", "vocabulary"]


@dataclass(frozen=True)
class Vocabulary:
    concepts: tuple[str, ...]
    head_characters: dict[str, str]
    places: frozenset[str]
    meaningful_characters: str


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """The vocabulary shipped with the package (read once)."""
    text = Path(__file__).with_name("vocabulary.toml").read_text(encoding="utf-8")
    data = tomli.loads(text)
    return Vocabulary(
        concepts=tuple(data["concepts"]),
        head_characters=dict(data["head_characters"]),
        places=frozenset(data["places"].split()),
        meaningful_characters=data["meaningful_characters"],
    )
