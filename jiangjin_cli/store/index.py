"""The text index of a fact base: tokens and their statistics, no ranking.

Every fact, entity and section is one document (facts first, then entities, then
sections, each in file order) with the fields of ``FIELD_NAMES``. The index answers
what a ranking needs to know: how many documents hold a token, its postings (flat
``(doc, field, tf)`` triples sorted by doc), field lengths, which documents contain a
folded text verbatim, and which documents an id or name is the key of.

Two implementations give the same answers: :class:`MemoryIndex`, built from a
:class:`~jiangjin_cli.model.FactBase` (and written by :mod:`.compile` into the
database), and :class:`DatabaseIndex`, which reads the compiled database token by
token. Both are explicit objects with methods; the ranking lives in
:mod:`jiangjin_cli.query.search`.
"""

from __future__ import annotations

from array import array
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Literal, Protocol

from jiangjin_cli.model import PAST_YEARS, PERIODS, Entity, Fact, FactBase, Section
from jiangjin_cli.numbers import change_side
from jiangjin_cli.pinyin import index_tokens as pinyin_tokens
from jiangjin_cli.text import normalize
from jiangjin_cli.tokens import is_cjk, tokens_of_folded

if TYPE_CHECKING:
    import sqlite3

#: The fields of every document.
FIELD_NAMES: tuple[str, ...] = (
    "id",  # record id, split into words
    "name",  # entity name, English name, aliases; section title and English title
    "quote",  # fact quote (Chinese, verbatim)
    "statement",  # fact English statement
    "unit",  # fact unit, English unit, value, period, bound and change words
    "tags",  # fact tags; entity kind
    "entities",  # names of the entities a fact links to
    "section",  # titles of the fact's section path; a section's parent title
    "context",  # a short quote's: the quote of the fact before it in its section
)
F_ID, F_NAME, F_QUOTE, F_STATEMENT, F_UNIT, F_TAGS, F_ENTITIES, F_SECTION, F_CONTEXT = range(9)
_WIDTH = len(FIELD_NAMES)
#: A quote this short (创造产值3000万元以上) is a clause that leaves its subject to the
#: clause before it: the quote of the fact before it in its section is its context,
#: which the ranking counts toward a question's coverage but not the score (12 chosen on
#: the read evaluation sets: 10 and 11 gain less, 14 and more lose refusals).
SHORT_QUOTE = 12
# Postings and lengths are packed as 32-bit integers (documents, fields and counts fit).
_INT: Literal["i", "l"] = "i" if array("i").itemsize == 4 else "l"
_INT_SIZE = 4


class Index(Protocol):
    """What a ranking may ask of an index."""

    size: int
    avg_field_lengths: tuple[float, ...]
    longest_text: int

    def doc_freq(self, token: str) -> int: ...
    def postings(self, token: str) -> Sequence[int]: ...
    def field_lengths(self) -> Sequence[int]: ...
    def containing(self, needle: str, *, phrases: bool = False) -> list[int]: ...
    def id_docs(self, key: str) -> Sequence[int]: ...
    def name_docs(self, key: str) -> Sequence[int]: ...
    def names_containing(self, text: str) -> list[str]: ...
    def records(self, docs: Iterable[int]) -> dict[int, tuple[str, str, bool]]: ...


def _value_text(value: float | None) -> str:
    if value is None or isinstance(value, bool):
        return ""
    if isinstance(value, int):
        return str(value)
    if value.is_integer():
        return str(int(value))
    from decimal import Decimal  # a search never builds this: only an index build loads it

    return format(Decimal(repr(value)), "f")


#: 近N年 in digits, as a query reads 近三年 (numbers in words become digits there).
_PAST_DIGITS = {key: f"近{n}年" for n, key in PAST_YEARS.items()}
#: Words asking for the bound a qualifier gives: of a range (补助400元至1200元), the
#: highest is the at_most fact and the lowest the at_least one.
_BOUNDS = {
    "at_most": ("最高", "最多", "maximum", "highest", "largest"),
    "at_least": ("最低", "最少", "minimum", "lowest", "smallest"),
}


#: Words asking for one figure of a change its quote writes: the figure now, the one
#: before (由18%提高到31%), or the amount of the change (较2021年提高9.6个百分点).
CHANGE_WORDS = {
    "after": ("现在", "目前", "now", "current"),
    "before": ("原来", "此前", "previously", "before"),
    "by": ("幅度", "增幅", "change"),
}


def _fact_fields(base: FactBase, fact: Fact, before: Fact | None = None) -> list[list[str]]:
    fields: list[list[str]] = [[] for _ in FIELD_NAMES]
    if (
        before is not None
        and len(fact.quote) <= SHORT_QUOTE
        and (before.section, before.source) == (fact.section, fact.source)
    ):
        fields[F_CONTEXT].append(before.quote)
    fields[F_ID].append(fact.id)
    fields[F_QUOTE].append(fact.quote)
    fields[F_STATEMENT].append(fact.statement_en)
    unit = fields[F_UNIT]
    unit.extend(x for x in (fact.unit, fact.unit_en, _value_text(fact.value)) if x)
    if fact.period in PERIODS:
        unit.extend(PERIODS[fact.period])
        if fact.period in _PAST_DIGITS:
            unit.append(_PAST_DIGITS[fact.period])
    unit.extend(_BOUNDS.get(fact.qualifier or "", ()))
    if fact.value is not None:
        unit.extend(CHANGE_WORDS.get(change_side(fact.quote, fact.value) or "", ()))
    fields[F_TAGS].extend(fact.tags)
    for entity_id in fact.entities:
        entity = base.entity_by_id.get(entity_id)
        if entity is not None:
            fields[F_ENTITIES].extend((entity.name, entity.name_en, *entity.aliases))
    for section in base.section_path(fact.section, fact.source):
        fields[F_SECTION].extend((section.title, section.title_en))
    return fields


def _entity_fields(entity: Entity) -> list[list[str]]:
    fields: list[list[str]] = [[] for _ in FIELD_NAMES]
    fields[F_ID].append(entity.id)
    fields[F_NAME].extend((entity.name, entity.name_en, *entity.aliases))
    fields[F_TAGS].append(entity.kind)
    return fields


def _section_fields(base: FactBase, section: Section) -> list[list[str]]:
    fields: list[list[str]] = [[] for _ in FIELD_NAMES]
    fields[F_ID].append(section.id)
    fields[F_NAME].extend((section.title, section.title_en))
    parent = base.section(section.source, section.parent) if section.parent else None
    if parent is not None:
        fields[F_SECTION].extend((parent.title, parent.title_en))
    return fields


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() and not is_cjk(ch)


#: Letters a word typed in part needs to match the words it begins.
MIN_PREFIX = 3


def contains(text: str, needle: str) -> bool:
    """Whether folded ``text`` holds ``needle``; a Latin needle only at a word start, and
    a last word shorter than ``MIN_PREFIX`` only whole (voc is in "vocational", ab is not
    in "above")."""
    if not needle:
        return False
    tail = len(needle) - len(needle.rstrip("abcdefghijklmnopqrstuvwxyz0123456789"))
    at_start, at_end = _is_word_char(needle[0]), 0 < tail < MIN_PREFIX
    if not (at_start or at_end):
        return needle in text
    pos = text.find(needle)
    while pos != -1:
        end = pos + len(needle)
        if not (at_start and pos and _is_word_char(text[pos - 1])) and not (
            at_end and end < len(text) and _is_word_char(text[end])
        ):
            return True
        pos = text.find(needle, pos + 1)
    return False


class MemoryIndex:
    """The index of a base held in memory: built in one pass, linear in the base."""

    def __init__(self, base: FactBase) -> None:
        self.kinds: list[str] = []
        self.ids: list[str] = []
        self.numeric: list[bool] = []
        self.lengths = array(_INT)
        self.texts: list[str] = []
        self.phrases: list[str] = []
        self.token_postings: defaultdict[str, list[int]] = defaultdict(list)
        self.token_docs: Counter[str] = Counter()
        self.keys: dict[tuple[str, str], list[int]] = {}
        records: list[tuple[str, str, list[list[str]], list[str], list[str], bool]] = []
        before: Fact | None = None
        for fact in base.facts:
            texts = [fact.quote, fact.statement_en]
            fields = _fact_fields(base, fact, before)
            records.append(("fact", fact.id, fields, texts, [], fact.is_numeric))
            before = fact
        for entity in base.entities:
            names = [entity.name, entity.name_en, *entity.aliases]
            records.append(("entity", entity.id, _entity_fields(entity), names, names, False))
        for section in base.sections:
            titles = [section.title, section.title_en]
            fields = _section_fields(base, section)
            # A section's number is unique only within its source: the document is
            # named by both (Section.key), found by its number alone.
            records.append(("section", section.key, fields, titles, titles, False))

        # Entity names and section titles recur in many facts: fold and cut each once.
        folded: dict[str, str] = {}
        counted: dict[tuple[str, ...], tuple[int, list[tuple[str, int]], list[str]]] = {}

        def norm_of(text: str) -> str:
            found = folded.get(text)
            if found is None:
                found = folded[text] = normalize(text)
            return found

        for doc, (kind, rid, fields, phrase_parts, names, is_numeric) in enumerate(records):
            self.kinds.append(kind)
            self.ids.append(rid)
            self.numeric.append(is_numeric)
            bare = rid.rpartition("/")[2] if kind == "section" else rid
            self.keys.setdefault(("id", norm_of(bare)), []).append(doc)
            for name in names:
                key = norm_of(name)
                if key:
                    bucket = self.keys.setdefault(("name", key), [])
                    if not bucket or bucket[-1] != doc:
                        bucket.append(doc)
            seen: set[str] = set()
            for field_no, texts in enumerate(fields):
                together = tuple(texts)
                count = counted.get(together)
                if count is None:
                    tokens = [t for text in texts for t in tokens_of_folded(norm_of(text))]
                    # Pinyin pairs are other spellings of the field's Chinese pairs:
                    # they do not lengthen it.
                    length = len(tokens)
                    tokens.extend(t for text in texts for t in pinyin_tokens(norm_of(text)))
                    counts = Counter(tokens)
                    count = counted[together] = (length, list(counts.items()), list(counts))
                self.lengths.append(count[0])
                for token, tf in count[1]:
                    self.token_postings[token] += (doc, field_no, tf)
                seen.update(count[2])
            self.token_docs.update(seen)
            self.texts.append("\n".join(norm_of(t) for texts in fields for t in texts if t))
            self.phrases.append("\n".join(norm_of(t) for t in phrase_parts if t))
        self.size = len(self.ids)
        avg: list[float] = []
        for field_no in range(_WIDTH):
            used = [n for n in self.lengths[field_no::_WIDTH] if n]
            avg.append(sum(used) / len(used) if used else 1.0)
        self.avg_field_lengths = tuple(avg)
        self.longest_text = max((len(t) for t in self.texts), default=0)

    def doc_freq(self, token: str) -> int:
        return self.token_docs.get(token, 0)

    def postings(self, token: str) -> Sequence[int]:
        return self.token_postings.get(token, ())

    def field_lengths(self) -> Sequence[int]:
        """Each document's token count per field, flat: ``[doc * len(FIELD_NAMES) + field]``."""
        return self.lengths

    def containing(self, needle: str, *, phrases: bool = False) -> list[int]:
        texts = self.phrases if phrases else self.texts
        return [doc for doc, text in enumerate(texts) if contains(text, needle)]

    def id_docs(self, key: str) -> Sequence[int]:
        return self.keys.get(("id", key), ())

    def name_docs(self, key: str) -> Sequence[int]:
        return self.keys.get(("name", key), ())

    def names_containing(self, text: str) -> list[str]:
        return sorted(key for kind, key in self.keys if kind == "name" and text in key)

    def records(self, docs: Iterable[int]) -> dict[int, tuple[str, str, bool]]:
        return {d: (self.kinds[d], self.ids[d], self.numeric[d]) for d in docs}


def _ints(data: bytes) -> Sequence[int]:
    """The 32-bit integers packed in ``data``, read in place."""
    if len(data) % _INT_SIZE:
        raise ValueError("a packed integer cut short")
    return memoryview(data).cast(_INT)


class DatabaseIndex:
    """The index as :mod:`.compile` wrote it, read from the database token by token."""

    def __init__(self, db: sqlite3.Connection, meta: dict[str, object]) -> None:
        self._db = db
        size, longest, avg = meta["documents"], meta["longest_text"], meta["avg_field_lengths"]
        # Its own table: every command reads meta, only a search the lengths.
        (lengths,) = db.execute("SELECT data FROM field_lengths").fetchone()
        if not (type(size) is int and type(longest) is int):
            raise ValueError("document counts are not integers")
        if not (isinstance(avg, str) and isinstance(lengths, bytes)):
            raise ValueError("field lengths of the wrong type")
        self.size = size
        self.longest_text = longest
        self.avg_field_lengths = tuple(float(x) for x in avg.split())
        # Views of the bytes read, not copies: a search of 100,000 facts reads megabytes.
        self._lengths = _ints(lengths)
        self._read: dict[str, tuple[int, Sequence[int]]] = {}  # a query asks for a token often
        if len(self._lengths) != size * _WIDTH or len(self.avg_field_lengths) != _WIDTH:
            raise ValueError("field lengths do not match the documents")

    def _token(self, token: str) -> tuple[int, Sequence[int]]:
        """The document count and postings of ``token``, read once."""
        if token not in self._read:
            query = "SELECT documents, postings FROM tokens WHERE token = ?"
            df, data = self._db.execute(query, (token,)).fetchone() or (0, b"")
            if type(df) is not int or not isinstance(data, bytes) or len(data) % (3 * _INT_SIZE):
                raise ValueError(f"token {token!r}: damaged postings")
            self._read[token] = (df, _ints(data))
        return self._read[token]

    def doc_freq(self, token: str) -> int:
        return self._token(token)[0]

    def postings(self, token: str) -> Sequence[int]:
        return self._token(token)[1]

    def field_lengths(self) -> Sequence[int]:
        return self._lengths

    def containing(self, needle: str, *, phrases: bool = False) -> list[int]:
        column = "phrase" if phrases else "text"
        # A document holding a Chinese needle holds its characters and bigrams as tokens:
        # read only the texts of the documents that have them all.
        keys = sorted({t for t in tokens_of_folded(needle) if is_cjk(t[0])}, key=self.doc_freq)
        if keys:
            candidates = set(self.postings(keys[0])[::3])
            for key in keys[1:]:
                candidates.intersection_update(self.postings(key)[::3])
            rows = self._documents(candidates, column)
        else:
            query = f"SELECT doc, {column} FROM documents WHERE instr({column}, ?) > 0"
            rows = self._db.execute(query, (needle,))
        return sorted(doc for doc, text in rows if contains(text, needle))

    def _documents(self, docs: Iterable[int], columns: str) -> sqlite3.Cursor:
        """The rows of ``docs`` in ``documents``, in order: the doc, then ``columns``."""
        listed = "[" + ",".join(map(str, set(docs))) + "]"
        where = "doc IN (SELECT value FROM json_each(?)) ORDER BY doc"
        query = f"SELECT doc, {columns} FROM documents WHERE {where}"
        return self._db.execute(query, (listed,))

    def _keys(self, kind: str, key: str) -> list[int]:
        rows = self._db.execute(
            "SELECT doc FROM keys WHERE kind = ? AND key = ? ORDER BY doc", (kind, key)
        )
        return [doc for (doc,) in rows]

    def id_docs(self, key: str) -> Sequence[int]:
        return self._keys("id", key)

    def name_docs(self, key: str) -> Sequence[int]:
        return self._keys("name", key)

    def names_containing(self, text: str) -> list[str]:
        rows = self._db.execute(
            "SELECT DISTINCT key FROM keys WHERE kind = 'name' AND instr(key, ?) > 0", (text,)
        )
        return sorted(key for (key,) in rows)

    def records(self, docs: Iterable[int]) -> dict[int, tuple[str, str, bool]]:
        rows = self._documents(docs, "kind, id, numeric")
        return {doc: (kind, rid, bool(numeric)) for doc, kind, rid, numeric in rows}


def write(db: sqlite3.Connection, index: MemoryIndex) -> dict[str, object]:
    """Write ``index`` into the tables of ``db``; return its summary for the meta table."""
    db.execute(
        "CREATE TABLE documents (doc INTEGER PRIMARY KEY, kind TEXT NOT NULL, id TEXT NOT NULL,"
        " numeric INTEGER NOT NULL, text TEXT NOT NULL, phrase TEXT NOT NULL)"
    )
    db.executemany(
        "INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?)",
        zip(
            range(index.size),
            index.kinds,
            index.ids,
            map(int, index.numeric),
            index.texts,
            index.phrases,
            strict=True,
        ),
    )
    db.execute(
        "CREATE TABLE tokens (token TEXT PRIMARY KEY, documents INTEGER NOT NULL,"
        " postings BLOB NOT NULL) WITHOUT ROWID"
    )
    db.executemany(
        "INSERT INTO tokens VALUES (?, ?, ?)",
        (
            (t, index.token_docs[t], array(_INT, flat).tobytes())
            for t, flat in index.token_postings.items()
        ),
    )
    db.execute("CREATE TABLE field_lengths (data BLOB NOT NULL)")
    db.execute("INSERT INTO field_lengths VALUES (?)", (index.lengths.tobytes(),))
    db.execute("CREATE TABLE keys (kind TEXT NOT NULL, key TEXT NOT NULL, doc INTEGER NOT NULL)")
    db.executemany(
        "INSERT INTO keys VALUES (?, ?, ?)",
        ((kind, key, doc) for (kind, key), docs in index.keys.items() for doc in docs),
    )
    db.execute("CREATE INDEX keys_key ON keys (kind, key)")
    return {
        "documents": index.size,
        "longest_text": index.longest_text,
        "avg_field_lengths": " ".join(repr(x) for x in index.avg_field_lengths),
    }
