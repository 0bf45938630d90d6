"""What a question is about, and the talk around it. No I/O.

A Chinese noun the base lacks (区长) makes a question unanswerable
(:func:`unknown_topics`); the talk around a question (麻烦问一下，... 来着; do you happen
to know ...) is not what it asks (:func:`without_talk`); :mod:`.refusal` names what a
refused question asks that the base lacks. Chinese words and their parts of speech come from
jieba's dictionary (:func:`jiangjin_cli.query.language.tagged_words`), loaded only when
a question holds Chinese its base never writes. docs/search.md explains each rule.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from jiangjin_cli.numbers import NUMERAL_CHARACTERS
from jiangjin_cli.query.asked import ANSWER_WORDS, names_in
from jiangjin_cli.query.counted import ASKING_JI
from jiangjin_cli.query.language import dictionary_pieces, tagged_words
from jiangjin_cli.query.reading import (
    CONCEPT_TOKENS,
    MEASURE_WORDS,
    QUANTITY_CUE_EN,
    TALK_ZH,
    VOCABULARY,
    base_lacks,
    held_word,
    near_spellings,
)
from jiangjin_cli.store.index import Index
from jiangjin_cli.text import lazy_pattern, normalize
from jiangjin_cli.tokens import EN_STOP, TOKEN_RE, is_cjk, split_stops, stem

__all__ = [
    "ASKS_RE",
    "CLAUSE_RE",
    "DISCOURSE_RE",
    "SPEAKER_EN_RE",
    "SPEAKER_RE",
    "clauses_of",
    "counted_word",
    "english_talk",
    "lacks_a_topic",
    "may_lack_words",
    "unknown_topics",
    "without_talk",
    "words_of",
]

#: Where a question's clauses part.
CLAUSE_RE = re.compile(r"(?:[,;:!?。…]|\.{2,}|\.(?=\s|$))+")
#: Interrogatives: a clause holding one asks something (grammar, not vocabulary). 几 asks
#: unless it tells a few (好几, 十几, 这几年, 前几天) or is 几乎 (almost); 第几 asks which
#: in order.
ASKS_RE = re.compile(
    rf"多少|{ASKING_JI}|第几|什么|啥|哪|谁|怎|如何|为何|何时|多大|多久|多长"
    r"|有没有|是不是|能不能|会不会|可不可以|吗$|没有?$"  # yes or no: 有没有薪水, 评过奖吗, 有空调没
    r"|\b(?:how|what|which|who|whom|whose|when|where|why)\b"
)
#: First letters of jieba's tags for words that name nothing: pronouns (r), adverbs (d),
#: conjunctions (c), prepositions (p), particles (u, y), interjections (e), onomatopoeia
#: (o), locatives (f), times (t), adjectives (a), verbs (v), prefixes and suffixes (h, k),
#: and bound morphemes (z). Verbal nouns (vn) name things.
_FUNCTION_TAGS = frozenset("rdcpuyeoftavhkzl")


def _names_nothing(word: str, flag: str) -> bool:
    # A verb of two characters or more may be what is asked (下雪, 成立): it stays.
    if flag == "eng":
        return False  # an English word (GDP) names what it names
    if flag[:1] == "v" and (flag == "vn" or len(word) > 1):
        return False
    return flag[:1] in _FUNCTION_TAGS


def counted_word(text: str) -> str:
    """The word an English quantity question counts (``how many hectares`` ->
    hectares), or "" when it asks no quantity or counts no word."""
    cue = QUANTITY_CUE_EN.search(text)
    if cue is None:
        return ""
    for match in TOKEN_RE.finditer(text, cue.end()):
        if match.lastgroup != "word" or match.group() not in EN_STOP:
            if match.lastgroup != "word" or match.group() in _TALK_EN_WORDS:
                return ""  # how many, pls: talk counts nothing
            return match.group()
    return ""


#: The Chinese words of the vocabulary's concepts (本科, 学校): each names a thing.
_CONCEPT_WORDS_ZH = frozenset(t for t in CONCEPT_TOKENS if is_cjk(t[0]))

#: jieba's tags for people's names: its dictionary gives them to greetings and thanks
#: too (谢谢, 多谢, 劳驾), so they name no thing here.
_PERSON_TAGS = frozenset({"nr", "nrt", "nrfg"})


def _names_a_thing(flag: str) -> bool:
    """Whether jieba's tag ``flag`` is of a word that names a thing: nouns, places,
    organisations (n, ns, nt, nz ...), verbal nouns (vn: 活跃 of 活跃用户), abbreviations
    (j). Set phrases (l, i) are mostly greetings and sayings (你好)."""
    return (flag[:1] == "n" and flag not in _PERSON_TAGS) or flag in ("vn", "j")


#: jieba's tags of names that a clause is about: places, organisations, other proper
#: names (not people's: see ``_PERSON_TAGS``).
_NAME_TAGS = frozenset({"ns", "nt", "nz"})


#: The speaker as a word of jieba's (我, 我家, 俺们, 咱们); 我孙 (jieba: a name) too.
_SPEAKER_WORD_RE = re.compile(r"(?:我|俺|咱)(?:们)?(?:家)?$|本人$|(?:我|俺)\w$")
#: What joins the speaker to what is theirs: 我的, 我家, 我那个, 俺这.
_OWNER_LINKS = frozenset({"的", "家", "那个", "这个", "那", "这", "个"})
#: What tells who the speaker is: 我是家长, 作为市人大代表.
_IDENTITY_VERBS = frozenset({"是", "作为", "身为", "当"})


def _speakers_own(words: Sequence[tuple[str, str]]) -> set[int]:
    """The positions in ``words`` (jieba's words of a clause and their tags) of the
    nouns that are the speaker's own or say who the speaker is: 我儿子, 我家小孩,
    我们公司, 俺孙子; 我是家长, 作为市人大代表, 我是石蚝村打鱼人家的. They tell who asks,
    not what is asked, whatever the article."""
    own: set[int] = set()
    k = 0
    while k < len(words):
        word, flag = words[k]
        if word != "作为" and not (flag[:1] in ("r", "n") and _SPEAKER_WORD_RE.match(word)):
            k += 1
            continue
        k += 1
        identity = word == "作为"
        # A noun of the speaker's own has come (我弟 is one word): 我弟 | 那学校宿舍, the
        # school's dormitory is what is asked.
        owned = len(word) == 2 and word[0] in "我俺" and word[1] not in "们家"
        while k < len(words):
            word, flag = words[k]
            if (flag[:1] == "n" and flag != "ns") or flag in ("zg", "j"):
                own.add(k)
                owned = True
            elif word in _OWNER_LINKS and (identity or not owned):
                pass  # 我那个孙娃儿, 我家小孩
            elif word in _IDENTITY_VERBS and not identity and not owned:
                identity = True
            elif identity and flag[:1] not in ("d", "r", "p", "y", "e", "u"):
                pass  # 我是石蚝村打鱼人家的: who the speaker is runs to an adverb or 的
            else:
                break
            k += 1
    return own


def _dictionary_words(index: Index, tagged: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """``tagged`` with each word that neither jieba's dictionary nor the base holds, which
    jieba's guesser made of dictionary words naming nothing (能领, 能装下: verbs, particles),
    parted into them: 能 + 领 asks nothing the base lacks. A word with a noun inside
    (特岗, 江金读) stays whole."""
    words: list[tuple[str, str]] = []
    for word, flag in tagged:
        pieces = (
            dictionary_pieces(word)
            if len(word) > 1 and is_cjk(word[0]) and not index.containing(word)
            else None
        )
        if pieces and any(f[:1] in ("n", "q") or f in ("zg", "j") for _, f in pieces):
            # 特岗 (特 + 岗): a noun inside may be what is asked; 哪座 (哪 + 座): a measure
            # word belongs to its question word or number.
            pieces = None
        words.extend(pieces or [(word, flag)])
    return words


def words_of(index: Index, text: str) -> list[tuple[str, str]]:
    """jieba's words of ``text`` and their parts of speech, the base's own Chinese names
    kept whole as proper nouns (有个新农学校 is 有个 + 新农学校, not 有 + 个新 + 农学校:
    folding took the quotation marks that parted them), unless keeping one whole would cut
    a noun of jieba's, two characters or more of it outside the name (江津 + 区委书记 is
    not 江津区 + 委书记); a word jieba's guesser made of verbs and particles is parted
    (:func:`_dictionary_words`)."""
    tagged = _dictionary_words(index, tagged_words(text))
    names = [normalize(n) for n in names_in(index, text) if len(n) > 1 and is_cjk(n[0])]
    if not names:
        return tagged
    nouns: list[tuple[int, int]] = []  # the spans of jieba's nouns
    at = 0
    for word, flag in tagged:
        if flag[:1] == "n":
            nouns.append((at, at + len(word)))
        at += len(word)

    def cuts_a_noun(begin: int, end: int) -> bool:
        return any(
            (a < begin < b and begin - a >= 2) or (a < end < b and b - end >= 2) for a, b in nouns
        )

    pattern = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    kept = [m for m in re.finditer(pattern, text) if not cuts_a_noun(m.start(), m.end())]
    if not kept:
        return tagged
    words: list[tuple[str, str]] = []
    start = 0
    for match in kept:
        if match.start() > start:
            words.extend(_dictionary_words(index, tagged_words(text[start : match.start()])))
        words.append((match.group(), "nz"))
        start = match.end()
    if start < len(text):
        words.extend(_dictionary_words(index, tagged_words(text[start:])))
    return words


def may_lack_words(index: Index, text: str) -> bool:
    """Whether folded ``text`` has Chinese the base may lack (a pair of characters it
    never writes): only then is the question read word by word."""
    for match in TOKEN_RE.finditer(text):
        if match.lastgroup == "cjk":
            for run in split_stops(match.group()):
                if any(base_lacks(index, run[k : k + 2]) for k in range(len(run) - 1)):
                    return True
    return False


def unknown_topics(index: Index, text: str) -> list[str]:
    """The Chinese words of folded ``text`` that name a thing (by their part of speech)
    and that no record holds (区长, 在校生): a question asking about one is unanswerable.
    Question words and particles (一共, 数量) name nothing."""
    if not any(is_cjk(ch) for ch in text):
        return []
    found: list[str] = []
    position = 0
    for word, flag in words_of(index, text):
        after_count = position > 0 and (
            text[position - 1].isdigit()
            or (text[position - 1] in "多余" and text[position - 2 : position - 1].isdigit())
            or text.endswith(("多少", "几"), 0, position)
        )
        position += len(word)
        if after_count and word[0] in "多余" and text[position - len(word) - 1].isdigit():
            word = word[1:]  # 150多人: the hedge of its number, then its measure word
        if after_count and word[:1] in MEASURE_WORDS:
            # A measure word belongs to its number or to 多少, 几: 2729名指的 is 2729名 +
            # 指的, not 名指; 多少项奖 is 多少项 + 奖.
            word = word[1:]
        if len(word) < 2 or not is_cjk(word[0]):
            continue
        if not _names_a_thing(flag) and not (flag == "r" and word in _CONCEPT_WORDS_ZH):
            # jieba tags 本科 (undergraduate) a pronoun; a word of the vocabulary's concepts
            # names a thing whatever its tag.
            continue
        if len(word) == 2 and word[0] in NUMERAL_CHARACTERS:
            continue  # 两省, 三县: a count of provinces, counties; one character names little
        if len(word) == 2 and word[1] == "数" and word[0] in MEASURE_WORDS:
            continue  # 人数, 次数: the count of what its measure word counts, as 多少人 asks
        for part in split_stops(word):
            if len(part) > 1 and part not in ANSWER_WORDS and not held_word(index, part):
                found.append(part)
    return list(dict.fromkeys(found))


#: Where a spoken question typed without punctuation turns (嗯, 那个, 就是, 然后, 请问,
#: or a space between Chinese words, as phones type it): a clause starts there as at a
#: comma.
DISCOURSE_RE = lazy_pattern(
    r"(?=嗯|呃|那个|就是|然后|所以|请问)|(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])"
)


def clauses_of(text: str) -> list[str]:
    """The clauses of folded ``text``, parted at punctuation and at the turns of a
    spoken question (:data:`DISCOURSE_RE`); blank ones dropped."""
    return [d for c in CLAUSE_RE.split(text) for d in DISCOURSE_RE().split(c) if d.strip()]


#: English talk of the generic vocabulary (um, again, by the way), longest first.
_TALK_EN_RE = re.compile(
    "|".join(
        rf"\b{re.escape(t)}\b"
        for t in sorted(VOCABULARY.talk, key=len, reverse=True)
        if not is_cjk(t[0])
    )
    or "(?!)"
)
#: English talk of one word (ok, pls).
_TALK_EN_WORDS = frozenset(t for t in VOCABULARY.talk if t.isascii() and " " not in t)
#: Where an English question, or a statement, embedded in talk starts: its question
#: word, or "that" (I read that ...).
_ASKS_EN_RE = re.compile(r"\b(?:how|what|which|who|whom|whose|when|where|why|whether|that)\b")
#: The speaker and the listener: a stretch naming one frames a question, it asks nothing.
SPEAKER_EN_RE = re.compile(r"\b(?:i|me|my|you|your|we|us)\b")
#: The speaker, in a clause: 我, 我们, 咱们, 本人; I, me, my, we, us, our.
SPEAKER_RE = lazy_pattern(r"我|俺|咱们|本人|笔者|\b(?:i|me|my|we|us|our)\b")
#: Words that start a noun phrase (the mayor, their school).
_DETERMINERS = frozenset(
    {"the", "a", "an", "this", "that", "these", "those", "my", "your", "his", "her", "its"}
    | {"our", "their"}
)


def _without_english_talk_words(index: Index, known: Callable[[str], bool], clause: str) -> str:
    """``clause`` without the entries of the vocabulary's English talk (um, ok, by the way)
    that the base does not know; a phrase is known when the base writes it verbatim."""

    def talk(match: re.Match[str]) -> str:
        entry = match.group()
        if " " in entry:
            held = bool(index.containing(entry))
        else:
            held = entry not in EN_STOP and known(stem(entry))
        return entry if held else " "

    return _TALK_EN_RE.sub(talk, clause)


def english_talk(index: Index, known: Callable[[str], bool], clause: str) -> str:
    """An English ``clause`` (folded) without its talk: entries of the vocabulary's talk
    (um, again; a phrase such as "by the way" unless the base writes it verbatim) that
    the base does not know, and the frame before an embedded question.

    A question embedded in talk starts at its question word (do you happen to know |
    how many ...), a statement at "that" (I think I read | that Jiangjin trained ...,
    how many?); the words before it, when they name the speaker or the listener (I,
    you, we ...), are the speaker's frame, and those of them the base does not know go
    (a word it knows stays). The question must still ask about something: its question
    word is followed by a word that is no stop word, and does not follow a noun (do you
    know the mayor who ...: a relative clause).
    """

    def word_known(word: str) -> bool:
        return word not in EN_STOP and known(stem(word))

    clause = _without_english_talk_words(index, known, clause)
    ask = _ASKS_EN_RE.search(clause)
    if ask is None or not SPEAKER_EN_RE.search(clause, 0, ask.start()):
        return " ".join(clause.split())
    rest = clause[ask.end() :]
    if not any(m.lastgroup != "word" or m.group() not in EN_STOP for m in TOKEN_RE.finditer(rest)):
        return " ".join(clause.split())
    before = list(TOKEN_RE.finditer(clause, 0, ask.start()))
    if (
        len(before) > 1
        and before[-2].group() in _DETERMINERS
        and before[-1].lastgroup == "word"
        and not word_known(before[-1].group())
        and before[-1].group() not in EN_STOP
    ):
        # A question word right after a noun (the mayor who ...) starts a relative
        # clause: the noun is what is asked about.
        return " ".join(clause.split())
    frame = [m.group() for m in before if m.lastgroup != "word" or word_known(m.group())]
    return " ".join([*frame, *clause[ask.start() :].split()])


def lacks_a_topic(index: Index, clause: str) -> bool:
    """Whether ``clause`` names a thing the base lacks: a Chinese noun
    (:func:`unknown_topics`), or an English word whose stem, related words and near
    spellings the base lacks (a paper on the role of VET alliances)."""
    if any(is_cjk(ch) for ch in clause):
        return bool(unknown_topics(index, clause))
    return any(
        m.lastgroup == "word"
        and m.group() not in EN_STOP
        and base_lacks(index, stem(m.group()))
        and not near_spellings(index, stem(m.group()), m.group())
        for m in TOKEN_RE.finditer(clause)
    )


def without_talk(index: Index, text: str) -> str | None:
    """``text`` (folded) without the talk around its question; None when it has none.

    A clause (between commas, colons ...; 、 lists, it does not part clauses) that holds
    no word the base knows, no name and no question word is talk (麻烦问一下, sorry if this is a
    dumb question), unless every clause is. An English clause loses the frame before an
    embedded question and its interjections (:func:`english_talk`). In the clauses
    kept, a Chinese word that names nothing by its part of speech (pronoun, adverb,
    particle, verb ...: 那边, 大概, 来着) is talk when the base holds neither it nor a
    pair of characters it shares with its neighbours. Words that name things (nouns,
    places, organisations) always stay: a question about something the base lacks must
    still be refused.
    """
    clauses = [clause.strip() for clause in clauses_of(text)]

    def known(token: str) -> bool:
        return not base_lacks(index, token)

    # (clause kept, whether it asks, whether it names something the base knows, whether
    # it speaks of the speaker, whether it tells of things without naming a place)
    read: list[tuple[str, bool, bool, bool, bool]] = []
    for clause in clauses:
        asks = bool(ASKS_RE.search(clause))
        speaker = bool(SPEAKER_RE().search(clause))
        if not any(is_cjk(ch) for ch in clause):
            clause = english_talk(index, known, clause)
            if not clause:
                continue
        elif re.search("[a-z]", clause):
            # English talk inside a Chinese clause (ok 对口帮扶 那些 schools ...).
            clause = _without_english_talk_words(index, known, clause)
        knows = False
        words = words_of(index, clause) if any(is_cjk(ch) for ch in clause) else [(clause, "x")]
        out: list[str] = []
        start = 0
        owned = _speakers_own(words)
        for position, (word, flag) in enumerate(words):
            end = start + len(word)
            if position in owned and not index.containing(word):
                out.append(" ")  # 我儿子, 我是家长: who asks, not what is asked
            elif is_cjk(word[0]):
                pairs = [
                    clause[k : k + 2]
                    for k in range(max(start - 1, 0), min(end, len(clause) - 1))
                    if is_cjk(clause[k]) and is_cjk(clause[k + 1])
                ]
                whole = len(word) > 1 and bool(index.containing(word))
                held = whole or any(known(p) for p in pairs)
                if word in TALK_ZH and not whole:
                    out.append(" ")  # 记得, 好像: the speaker's memory
                elif _names_nothing(word, flag) and not ASKS_RE.search(word):
                    out.append(word if held else " ")
                else:
                    out.append(word)
                    # A name (place, organisation) is a topic, known or not:
                    # 关于永川区，... is about 永川区. A word of three characters or more
                    # is known as words the base holds (网络覆盖: 网络 + 覆盖); not one of
                    # two (数字, held through a related word alone, is talk in 带个数字的).
                    knows = (
                        knows
                        or (len(word) > 1 and (whole or known(word) or flag in _NAME_TAGS))
                        or (len(word) > 2 and held_word(index, word))
                    )
            else:
                out.append(word)
                for match in TOKEN_RE.finditer(word):
                    piece = match.group()
                    if match.lastgroup == "word" and piece not in EN_STOP:
                        knows = knows or known(stem(piece))
                    elif match.lastgroup == "num":
                        knows = knows or known(piece.replace(",", ""))
            start = end
        if asks or knows:
            # 关于永川区: a place the base lacks is what the question is about; a clause
            # naming only things it holds (刷到新闻说那边培训搞出来好几个创业品牌) may be story.
            story = not any(flag in _NAME_TAGS and not index.containing(w) for w, flag in words)
            read.append((" ".join("".join(out).split()), asks, knows, speaker, story))
    # A clause about the speaker that asks nothing (我在写一篇关于农村职教的论文) frames
    # the question when another clause asks about something the base knows; so does one
    # that asks nothing and tells of things the base lacks (领导特别关心家长这一块: the
    # story around a question, not its topic).
    framed = any(asks and knows for _, asks, knows, _, _ in read)
    plain = " ".join(
        clause
        for clause, asks, _, speaker, story in read
        if clause
        and not (framed and not asks and (speaker or (story and lacks_a_topic(index, clause))))
    )
    if not plain or plain == text:
        return None
    return plain
