"""What a question names and what it asks for: which records may answer it. No I/O.

A record that answers a question must be about what the question names and hold what
it asks for; covering most of its words is not enough (issue 13, "partial overlap").

- **Names.** A question naming an entity of the base, by any of its names or aliases,
  is answered only by a record that mentions that entity: one holding the words of one
  of its names (all of them, or all but one of a name of four words or more), in its
  id, names, quote, statement or linked entities. Names are matched token by token, so
  "rural revitalization" names the entity whose alias is written "revitalisation", and a
  fact linked to an entity holds all its names. An entity a section title names (江津区
  in the article's title) is what the whole article is about: it constrains nothing.
- **Which.** 哪些学校, 哪个称号, "which companies": the question asks to name a kind of
  thing, and only a record holding that word (or a related word) answers it.
- **What is the X.** "What is the employment rate of ...", "who is the dean of ...":
  the question asks for X. A record answers only if it holds every word of X that the
  base holds; a word of X that the base lacks altogether makes the question unanswerable
  (:func:`lacking_attribute`); so does the noun before the verb of "what annual fee
  do ...". Words naming the form of an answer (name, figure, kind:
  the vocabulary's ``[answer_words]``) ask for what any record gives. In Chinese
  (A的X是多少, A的X是谁), a word of X the base holds nowhere refuses the question.
- **Partial questions.** A figure for each one, the parts of a name of figures (4599),
  how many people a place has: what the answer must write is :mod:`.partial`'s.
- **Years and areas.** A year the question names must be in the answer, and so must an
  area it takes whole (全市, 全国) wider than the article's own (全区 of a district's
  article: :func:`jiangjin_cli.query.places.wider_scopes`). A place the base does not
  cover is :mod:`.places`' too.

docs/search.md ("What is named, what is asked") has the measurements.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from jiangjin_cli.numbers import number_words
from jiangjin_cli.query.analysis import listed_numbers, part_numbers
from jiangjin_cli.query.change import compared_asked
from jiangjin_cli.query.language import tagged_words
from jiangjin_cli.query.partial import (
    area_asked,
    distance_asked,
    figure_names_asked,
    giving_area,
    giving_distance,
    giving_stock,
    people_stock_asked,
    per_unit_cue,
    ratio_asked,
    spelling_out,
    writing_each,
)
from jiangjin_cli.query.places import wider_scopes
from jiangjin_cli.query.reading import (
    ANSWER_WORDS,
    MEASURE_WORDS,
    TALK_ZH,
    base_lacks,
    docs_in_field,
    held_word,
    near_spellings,
    related_words,
)
from jiangjin_cli.store.index import (
    CHANGE_WORDS,
    F_ENTITIES,
    F_ID,
    F_NAME,
    F_QUOTE,
    F_STATEMENT,
    F_UNIT,
    Index,
)
from jiangjin_cli.text import lazy_pattern, normalize
from jiangjin_cli.tokens import (
    CJK,
    CJK_RUN,
    EN_STOP,
    TOKEN_RE,
    is_cjk,
    split_stops,
    stem,
    tokens_of_folded,
)

__all__ = [
    "ANSWER_WORDS",
    "NAME_SLACK_FROM",
    "answering_docs",
    "lacking_attribute",
    "mentioning",
    "named_entities",
    "names_in",
]

#: A name of this many tokens or more is mentioned by a record holding all but one of them
#: ("industry-academia-research service platforms" for "industry-academia-research
#: cooperation"), the one missed not the rarest of them in the base (+1 refusal of the
#: read sets, 2026-12-07, fifth session, no answer lost).
NAME_SLACK_FROM = 4
#: Fields in which a record mentions a name (not its section's titles, tags or unit).
_MENTION_FIELDS = frozenset({F_ID, F_NAME, F_QUOTE, F_STATEMENT, F_ENTITIES})

_WHICH_ZH = re.compile(rf"哪(?:些|个|所|家|项|几|一)?[{''.join(sorted(MEASURE_WORDS))}]?")
#: "which X", and "what X" before its verb (what majors does ..., what status did ...).
_WHICH_EN = lazy_pattern(
    r"\bwhich\b|\bwhat(?= [\w-]+ (?:does|do|did|is|are|was|were|has|have|had|can|will)\b)"
)
#: "what is the", "who was their"; "what's the" is "what the" once folded (no 's).
#: "who won the X" asks about X too.
_ATTRIBUTE_EN = lazy_pattern(
    r"\b(?:what|who)(?: is| was| are| were)? (?:the|its|their|his|her) "
    r"|\bwho [a-z]+ (?:the|a|an) "
)
#: "what annual fee do ...", "which rankings are ...": the noun before the verb (the last
#: of up to three words) is what the question asks to name.
_WHAT_NOUN_EN = lazy_pattern(
    r"\b(?:what|which) (?:[a-z][\w-]* ){0,2}([a-z][\w-]*) "
    r"(?:does|do|did|is|are|was|were|has|have|had|can|will)\b"
)
#: "the X who ...": a noun a relative clause describes is what is asked about.
_RELATIVE_EN = lazy_pattern(r"\b(?:the|a|an|this|that) ([a-z][\w-]*) (?:who|whom|whose|which)\b")
#: "What is A's X", as typed (folding drops the possessive): X is what is asked for.
_ATTRIBUTE_OF_EN = lazy_pattern(
    r"\b(?:what|who)(?: is| was| are| were) (?:[\w-]+ ){0,6}?[\w-]+['’]s ", re.IGNORECASE
)
#: A year a question names: 2023年, in 2023, since 2020 (not the count 2000人).
_YEAR = lazy_pattern(
    r"(?<![\d.])((?:19|20)\d\d)(?=年)|\b(?:in|since|during|by|for|of|the)\s+((?:19|20)\d\d)\b"
)
#: Participles after X in "what is X called": they ask X's name, not for more of X.
_NAMING = frozenset({"called", "named", "termed", "known"})
#: Words that say which form of an answer word is wanted (the full name, the exact
#: figure), not what it is about (the average class size).
_FORM_WORDS = frozenset({"full", "exact", "complete", "whole", "entire", "official", "precise"})
#: The acts of money a "how much" question asks about (invested, spent, 投入).
_MONEY_ACT = lazy_pattern(
    r"\b(?:invest(?:s|ed|ing|ment|ments)?|spen[dt]|spending|costs?|budgets?|paid)\b"
    r"|投入|投资|花费|拨付|出资"
)
#: "A的X是多少", "A的X有几个", "A的X是什么": X is what the question asks for. X holds no
#: 是: in "A的X是一种什么样的Y" X is the subject and what follows 是 describes it.
_ATTRIBUTE_ZH = lazy_pattern(
    rf"的((?:(?!是)[{CJK}]){{2,8}}?|[a-z]+)(?:分别|一共|总共|大概|大约|到底)?(?:是|有|为)?"
    rf"(?:多少|几|什么|谁|哪)"
)


def _name_tokens(name: str) -> list[str]:
    """A name's tokens: its words, numbers and pairs of characters (no lone characters)."""
    return list(dict.fromkeys(t for t in tokens_of_folded(name) if not (len(t) == 1 and is_cjk(t))))


def names_in(index: Index, whole: str) -> list[str]:
    """The names of the base (entity names, aliases, section titles) that folded question
    ``whole`` holds, none inside a longer one it holds."""
    words = [t for t in tokens_of_folded(whole) if not is_cjk(t[0])]
    found: list[str] = []
    for name in index.names_containing(""):
        tokens = _name_tokens(name)
        if not tokens:
            continue
        if any(is_cjk(ch) for ch in name):
            if normalize(name) in whole:
                found.append(name)
        elif any(words[k : k + len(tokens)] == tokens for k in range(len(words) - len(tokens) + 1)):
            found.append(name)
    return [n for n in found if not any(n != other and n in other for other in found)]


def mentioning(index: Index, names: Iterable[str]) -> set[int]:
    """Records that mention one of ``names`` (see the module's doc)."""
    docs: set[int] = set()
    for name in names:
        tokens = _name_tokens(name)
        if not tokens:
            continue
        held: dict[int, int] = {}
        holding: dict[str, set[int]] = {}
        for token in tokens:
            flat = index.postings(token)
            holding[token] = {
                flat[k] for k in range(0, len(flat), 3) if flat[k + 1] in _MENTION_FIELDS
            }
            for doc in holding[token]:
                held[doc] = held.get(doc, 0) + 1
        if len(tokens) < NAME_SLACK_FROM:
            docs.update(doc for doc, count in held.items() if count == len(tokens))
            continue
        # The token one may miss is not the name's rarest: "Qingyi County's vocational
        # schools" does not mention Qingyi County Industrial School.
        rarest = holding[min(tokens, key=lambda t: len(holding[t]))]
        docs.update(
            doc
            for doc, count in held.items()
            if count == len(tokens) or (count == len(tokens) - 1 and doc in rarest)
        )
    return docs


def named_entities(index: Index, whole: str) -> dict[int, tuple[list[str], str]]:
    """The entities folded question ``whole`` names, less those a section title names:
    entity document -> (all its names, the name the question writes)."""
    matched = names_in(index, whole)
    if not matched:
        return {}
    written: dict[int, str] = {}
    for name in matched:
        docs = index.name_docs(name)
        for doc, record in index.records(docs).items():
            if record[0] == "entity":
                written.setdefault(doc, name)
    if not written:
        return {}
    names: dict[int, list[str]] = {doc: [] for doc in written}
    for name in index.names_containing(""):
        for doc in index.name_docs(name):
            if doc in names:
                names[doc].append(name)
    entities: dict[int, tuple[list[str], str]] = {}
    for doc, all_names in names.items():
        # A title holding one of its names is what the article is about (江津区...发展),
        # unless that name is only part of the name the question writes: a title naming
        # Shanghai is not about "Qingpu District, Shanghai".
        titled = [
            d
            for name in all_names
            if name == written[doc] or name not in written[doc]
            for t in index.names_containing(name)
            for d in index.name_docs(t)
        ]
        if not any(record[0] == "section" for record in index.records(titled).values()):
            entities[doc] = (all_names, written[doc])
    return entities


def _which_words(whole: str) -> list[tuple[str, ...]]:
    """What a which-question asks to name: 哪些学校 -> 学校, which companies -> company;
    after a compound (which cross-border alliances) any word of the phrase names it."""
    found: list[tuple[str, ...]] = []
    for cue in _WHICH_ZH.finditer(whole):
        after = CJK_RUN().match(whole, cue.end())
        runs = split_stops(after.group()) if after else []
        if runs and whole.startswith(runs[0], cue.end()) and len(runs[0]) > 1:
            found.append((runs[0][:2],))
    for cue in _WHICH_EN().finditer(whole) if "wh" in whole else ():
        before = [m for m in TOKEN_RE.finditer(whole, 0, cue.start())]
        if before and before[-1].lastgroup == "word" and before[-1].group() not in EN_STOP:
            continue  # the schools which ...: a relative clause
        words = [TOKEN_RE.search(whole, cue.end())]
        while words[-1] and whole.startswith("-", words[-1].end()):
            words.append(TOKEN_RE.search(whole, words[-1].end()))
        if len(words) > 1 and words[-1]:  # the noun after the compound
            words.append(TOKEN_RE.search(whole, words[-1].end()))
        stems = tuple(
            stem(w.group())
            for w in words
            if w and w.lastgroup == "word" and w.group() not in EN_STOP
        )
        if stems:
            found.append(stems)
    return [
        group for group in (tuple(w for w in g if w not in ANSWER_WORDS) for g in found) if group
    ]


def _attribute_words(whole: str, typed: str = "") -> list[tuple[str, ...]]:
    """What a "what is the X of" question (folded ``whole``) or a "what is A's X"
    question (as ``typed``) asks for: the stems of X, each a tuple of the stems a record
    may hold for it: one, or those of a list (the gold, silver and bronze: any of them;
    primary and junior secondary schools: any of the three, and schools)."""
    found: list[tuple[str, ...]] = []
    cues = (_ATTRIBUTE_EN, whole), (_ATTRIBUTE_OF_EN, typed)
    for pattern, text in ((p(), t) for p, t in cues if "wh" in t.lower()):
        for cue in pattern.finditer(text):
            words: list[str] = []
            listed = 0  # the words before the last "and" of a list in the phrase
            for match in TOKEN_RE.finditer(text.lower(), cue.end()):
                if match.group() in ("and", "or") and words:
                    listed = len(words)
                    continue
                word = match.group()
                if match.lastgroup != "word" or word in EN_STOP or word in _NAMING:
                    break  # what is A's X called: X
                words.append(match.group())
            if words and stem(words[-1]) in ANSWER_WORDS and _FORM_WORDS.issuperset(words[:-1]):
                continue  # the full name, the exact figure: the form of any answer
            if listed and len(words) - listed > 1:
                # A list modifying its noun (primary and junior secondary schools).
                found.extend((tuple(stem(w) for w in words[:-1]), (stem(words[-1]),)))
                continue
            if listed:  # a list of nouns (the gold, silver and bronze)
                found.append(tuple(stem(w) for w in words))
                continue
            # A participle before the noun describes it (the stated goal): not asked for.
            found.extend(
                (stem(w),)
                for k, w in enumerate(words)
                if k == len(words) - 1 or not w.endswith("ed")
            )
    return [g for g in found if g and not ANSWER_WORDS.intersection(g)]


def _lacking_attribute_zh(index: Index, whole: str) -> list[str]:
    """The words of X in "A的X是多少" that the base holds nowhere (平均起薪 -> 起薪)."""
    found: list[str] = []
    if "的" not in whole:
        return found  # the expression is compiled only for a question that may hold one
    for cue in _ATTRIBUTE_ZH().finditer(whole):
        word = cue.group(1)
        if word.isascii():  # 江津区的GDP是多少
            if base_lacks(index, stem(word)) and not near_spellings(index, stem(word)):
                found.append(word)
            continue
        for part in split_stops(word):
            if len(part) < 2 or held_word(index, part):
                continue
            found.extend(
                word
                for word, _ in tagged_words(part)
                if len(word) > 1
                and word not in ANSWER_WORDS
                and word not in TALK_ZH  # 网络分成哪几层: 分成 says how X is asked about
                and not held_word(index, word)
            )
    return found


def lacking_attribute(index: Index, whole: str, typed: str = "") -> list[str]:
    """The words of what a "what is the X" question asks for that the base lacks, with no
    related word and no spelling one edit away: "who is the dean of ..." -> dean,
    "what is Jiangjin's GDP" (``typed``: the question before folding) -> gdp,
    江津职业院校毕业生的平均起薪是多少 -> 起薪."""
    # The noun a relative clause describes (the mayor who ...) must be held, but a
    # record need not repeat it (the schools which pair up: the pairing facts).
    relatives = _RELATIVE_EN().finditer(whole) if "wh" in whole else ()
    described = [stem(m.group(1)) for m in relatives]
    named = _WHAT_NOUN_EN().finditer(whole) if "wh" in whole else ()
    described.extend(stem(m.group(1)) for m in named)

    def lacks(w: str) -> bool:
        return (
            w not in EN_STOP
            and w not in ANSWER_WORDS
            and base_lacks(index, w)
            and not near_spellings(index, w)
        )

    groups = [*_attribute_words(whole, typed), *((w,) for w in described)]
    english = [w for group in groups if all(map(lacks, group)) for w in group]
    return english + _lacking_attribute_zh(index, whole)


def _holding(index: Index, word: str) -> set[int]:
    docs: set[int] = set()
    for token in (word, *related_words(word)):
        flat = index.postings(token)
        docs.update(flat[k] for k in range(0, len(flat), 3))
    return docs


def answering_docs(
    index: Index, whole: str, typed: str = "", dated: str | None = None
) -> list[set[int]]:
    """For each thing folded question ``whole`` (``typed`` before folding) names or asks
    for, the records that may answer it: a record answers only if it is in every set.
    The years that date it are read from ``dated`` when given (the question without
    its talk: 我读了2024年9月的报道 dates the report, not what is asked)."""
    entities = named_entities(index, whole)
    required = [mentioning(index, names) for names, _ in entities.values()]
    # What the parts of a name of figures stand for (4599, 6个1, 1+3+N) is answered by a
    # record that writes them out (a list, 即 "that is"), not by one that only names it.
    if figure_names_asked(whole, entities):
        required.append(spelling_out(index))
    if area_asked(whole):  # 占地面积多大: a figure in 亩 or 平方米
        required.append(giving_area(index))
    if distance_asked(whole):  # 多远, how far: a figure in 公里 or 分钟
        required.append(giving_distance(index))
    # How much a figure changed against an earlier year (比上年增长了多少) is answered by a
    # record giving a change, not by the year's figure alone.
    if compared_asked(whole):
        sides = tuple(words[0] for words in CHANGE_WORDS.values())  # 现在, 原来, 幅度
        required.append(docs_in_field(index, sides, F_UNIT))
    required.extend(_holding(index, stem(word)) for word in ratio_asked(whole))
    # How many people a place has is answered by a record giving a stock of them.
    if people_stock_asked(whole, entities) is not None:
        required.append(giving_stock(index))
    # A year the question names (2023年, in 2023) dates what it asks: "how many gold medals
    # in 2023" is not answered by a total over ten years.
    dated = whole if dated is None else dated
    years = (a or b for a, b in (_YEAR().findall(dated) if any(map(str.isdigit, dated)) else ()))
    required.extend(_holding(index, year) for year in dict.fromkeys(years))
    # A total over a wider area (全市, 全国 in a district's article) is answered only by
    # a record that writes that area: the district's own count is not the city's.
    required.extend(_holding(index, scope) for scope in wider_scopes(index, whole))
    asked: list[str] = []
    for group in [*_which_words(whole), *_attribute_words(whole, typed)]:
        held = [w for w in group if not base_lacks(index, w)]
        if len(held) == 1:
            asked.append(held[0])
        elif held:  # a list or a compound phrase: a record holding any of it
            required.append(set().union(*(_holding(index, w) for w in held)))
    # How much was invested / spent: an amount the base gives for another act (output
    # created) does not answer, when the base writes the act asked about somewhere.
    if "much" in whole or "多少" in whole:
        asked.extend(
            word
            for word in (stem(m.group()) for m in _MONEY_ACT().finditer(whole))
            if not base_lacks(index, word)
        )
    required.extend(_holding(index, word) for word in dict.fromkeys(asked))
    # A figure for each one (每所田间学校培训多少, per pupil, on average) is answered by a
    # record whose quote writes one (每所, 每期, 每学年, 生均), not by a count of the things
    # (田间学校12所) or a figure for each year (年培训1万人次).
    if per_unit_cue(whole):
        required.append(writing_each(index))
    # A breakdown of a number, or the names of what it counts, says so: its statement
    # writes the number (of the 486 teachers rotated, ...; the two colleges are ...);
    # a fact that shares only the sentence does not.
    for number in (*part_numbers(whole), *listed_numbers(whole)):
        required.append(docs_in_field(index, (number, *number_words(number)), F_STATEMENT))
    return required
