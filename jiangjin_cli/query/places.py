"""Where a question asks about: places the base does not cover, and areas wider than
its article's own. No I/O.

A Chinese province or large city of the vocabulary that the base never mentions (or
mentions only inside a longer name the question does not write), or a romanised place
name it never writes (qingpu district), makes the question about somewhere else
(:func:`foreign_place`). An area the question takes whole (全市, 全国) wider than the
kind of place its article is about must be written by the answer (:func:`wider_scopes`).
docs/search.md ("What is named, what is asked") has the measurements.
"""

from __future__ import annotations

import re

from jiangjin_cli.pinyin import syllables
from jiangjin_cli.query.reading import VOCABULARY, base_lacks
from jiangjin_cli.store.index import Index
from jiangjin_cli.text import lazy_pattern
from jiangjin_cli.tokens import tokens_of_folded

__all__ = ["PLACES", "foreign_place", "place_holders", "wider_scopes"]


#: Chinese provinces and large cities: a question naming one the base lacks is refused.
PLACES: frozenset[str] = VOCABULARY.places
_PLACES_RE = re.compile(
    "|".join(
        rf"\b{re.escape(p)}\b" if p.isascii() else re.escape(p)
        for p in sorted(PLACES, key=len, reverse=True)
    )
)


def place_holders(index: Index, place: str) -> tuple[str, ...] | None:
    """None when the base never mentions ``place``; else the longer names holding it
    (empty when the place is a name of its own)."""
    if not all(index.doc_freq(t) for t in tokens_of_folded(place)):
        return None
    if not place.isascii() and not index.containing(place):
        return None
    if index.name_docs(place):
        return ()
    return tuple(index.names_containing(place))


#: A romanised Chinese place name before the kind of place it is (qingpu district).
_ROMANISED_PLACE = lazy_pattern(
    r"\b([a-z]+)\s+(?:district|county|city|province|prefecture|township|town|village)s?\b"
)


def foreign_place(index: Index, text: str) -> bool:
    """Whether folded query ``text`` names a place the base does not cover: a province
    or large city of the vocabulary, or a place name of two pinyin syllables or more
    (qingpu district) that the base never writes."""
    for match in _PLACES_RE.finditer(text):
        if len(syllables(match.group()) or ()) == 1:
            continue  # xian (西安) is one syllable of pinyin too: 县 in qinglan xian
        holders = place_holders(index, match.group())
        if holders is None or (holders and not any(h in text for h in holders)):
            return True
    for match in _ROMANISED_PLACE().finditer(text):
        name = match.group(1)
        if len(syllables(name) or ()) >= 2 and base_lacks(index, name):
            return True
    return False


#: The whole of an area: the country, a province, a city, a county, a district.
_SCOPE = lazy_pattern(r"全[国省市县区]")


def wider_scopes(index: Index, whole: str) -> list[str]:
    """The areas folded question ``whole`` takes whole (全市) other than the kind of
    place a section title names (江津区 of 江津区高标准推进...: 全区 is the article's own)."""
    if "全" not in whole:
        return []  # compiles no pattern
    scopes = list(dict.fromkeys(m.group() for m in _SCOPE().finditer(whole)))
    if not scopes:
        return []
    titles: list[str] = []
    places: list[str] = []
    for name in index.names_containing(""):
        kinds = {record[0] for record in index.records(index.name_docs(name)).values()}
        if "section" in kinds:
            titles.append(name)
        if "entity" in kinds and name[-1:] in "国省市县区":
            places.append(name)
    own = {place[-1] for place in places if any(place in title for title in titles)}
    return [scope for scope in scopes if scope[-1] not in own]
