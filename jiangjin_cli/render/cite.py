"""Citations: each source of a fact base, and facts with their source, ready to paste.

Four styles, each in Chinese (``zh``) or English (``en``):

``gbt7714``
    GB/T 7714-2015, the form for an online electronic resource ([EB/OL]):
    ``主要责任者. 题名[EB/OL]. (发表日期)[引用日期]. 获取和访问路径.`` The entry ends
    with a full stop after the URL, as every example in the standard does. The
    standard (clause 6.1) records a work in its own language and, when two
    languages are wanted, gives the original first and the other language after
    it; so ``zh`` is the original entry and ``en`` adds the English entry on a
    second line (for a source that is not already in English).
``apa``
    APA 7 for a web page by a group author: ``Author. (Year, Month Day). Title
    [English translation]. URL``. The site name is left out because the site
    belongs to the author; there is no retrieval date (APA gives one only for
    pages meant to change) and no full stop after the URL. The title is the
    italic part: :func:`citation_lines` marks it, plain text shows no markers.
    ``en`` uses the publisher's English name and, for a source in another
    language, the original title followed by its translation in square brackets.
    ``zh`` is the same order with the Chinese name, a Chinese date
    (``2024年9月9日``) and no translation. APA 7 also asks for titles in a
    non-Latin script to be romanised (pinyin for Chinese); the fact base holds no
    romanised title, so the original characters are given.
``bibtex``
    A biblatex ``@online`` entry keyed by the source id (see :func:`bibtex_entry`).
``text``
    A plain one-liner: ``重庆市教育委员会《题名》, 2024-09-09, URL`` or
    ``Publisher, "English title" (in Chinese), 9 September 2024, URL``.

Every piece of metadata comes from the :class:`~jiangjin_cli.model.Source` record;
nothing about a particular source lives here. Text from the base passes through
:func:`jiangjin_cli.text.visible` and has its line breaks turned into spaces, so a
citation is always one line per language and cannot carry terminal controls.

Standard library only; no I/O, no printing. The access date is a parameter (the
CLI passes today's date), so the same input always gives the same citation.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from jiangjin_cli.model import Fact, FactBase, Source
from jiangjin_cli.text import visible

__all__ = [
    "LANGS",
    "STYLES",
    "Line",
    "Segment",
    "bibtex_entry",
    "bibtex_escape",
    "bibtex_key",
    "citation_lines",
    "cite_fact",
    "cite_many",
    "cite_source",
    "plain",
]

#: The citation styles, in the order the CLI lists them.
STYLES: tuple[str, ...] = ("gbt7714", "apa", "bibtex", "text")
#: The languages a citation can be written in.
LANGS: tuple[str, ...] = ("zh", "en")

_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

# Names of the languages a source may be written in: (Chinese, English). An unknown
# code is shown as it is.
_LANGUAGE_NAMES: dict[str, tuple[str, str]] = {
    "zh": ("中文", "Chinese"),
    "en": ("英文", "English"),
    "ja": ("日文", "Japanese"),
    "ko": ("韩文", "Korean"),
    "fr": ("法文", "French"),
    "de": ("德文", "German"),
    "ru": ("俄文", "Russian"),
    "es": ("西班牙文", "Spanish"),
}

SegmentKind = Literal["text", "title", "url"]


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of a citation: plain ``text``, a ``title`` (italic in APA) or a ``url``."""

    text: str
    kind: SegmentKind = "text"


#: One line of a citation, as segments; a citation is one or more lines.
Line = tuple[Segment, ...]


# --- checks and small helpers ------------------------------------------------------------------


def _check(style: str, lang: str) -> None:
    if style not in STYLES:
        raise ValueError(f"unknown citation style {style!r}; expected one of {', '.join(STYLES)}")
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; expected one of {', '.join(LANGS)}")


_LINE_BREAKS = re.compile(r"\s*[\n\u2028\u2029]+\s*")


def _clean(text: str) -> str:
    """Metadata for a one-line citation: controls spelt out, line breaks as spaces."""
    return _LINE_BREAKS.sub(" ", visible(text)).strip()


def _prefer(first: str, fallback: str) -> str:
    """``first`` cleaned, or ``fallback`` cleaned when ``first`` is empty."""
    return _clean(first) or _clean(fallback)


def _stop(text: str) -> str:
    """``text`` followed by a full stop, unless it already ends with one (or ? or !)."""
    return text if text.endswith((".", "?", "!", "。", "？", "！")) else text + "."


def _in_english(source: Source) -> bool:
    code = source.language.strip().lower()
    return code in ("en", "eng", "english") or code.startswith("en-")


def _language_name(source: Source, lang: str) -> str:
    names = _LANGUAGE_NAMES.get(source.language.strip().lower())
    if names is None:
        return _clean(source.language)
    return names[0] if lang == "zh" else names[1]


def _translation(source: Source) -> str:
    """The English title when the source is not in English and it differs from the title."""
    english = _clean(source.title_en)
    if _in_english(source) or not english or english == _clean(source.title):
        return ""
    return english


def _english_date(day: dt.date) -> str:
    """``9 September 2024``."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


# --- GB/T 7714, APA and text, as lines of segments -------------------------------------------


def _gbt7714_line(author: str, title: str, source: Source, accessed: dt.date) -> Line:
    head = f"{_stop(author)} " if author else ""
    dates = f"({source.published.isoformat()})[{accessed.isoformat()}]."
    url = _clean(source.url)
    if not url:
        return (Segment(f"{head}{title}[EB/OL]. {dates}"),)
    return (
        Segment(f"{head}{title}[EB/OL]. {dates} "),
        Segment(url, "url"),
        Segment("" if url.endswith(".") else "."),
    )


def _gbt7714(source: Source, lang: str, accessed: dt.date) -> tuple[Line, ...]:
    original = _gbt7714_line(_clean(source.publisher), _clean(source.title), source, accessed)
    if lang == "zh" or _in_english(source):
        return (original,)
    english = _gbt7714_line(
        _prefer(source.publisher_en, source.publisher),
        _prefer(source.title_en, source.title),
        source,
        accessed,
    )
    return (original, english)


def _apa(source: Source, lang: str) -> tuple[Line, ...]:
    day = source.published
    if lang == "zh":
        author = _prefer(source.publisher, source.publisher_en)
        date = f"{day.year}年{day.month}月{day.day}日"
        translation = ""
    else:
        author = _prefer(source.publisher_en, source.publisher)
        date = f"{day.year}, {_MONTHS[day.month - 1]} {day.day}"
        translation = _translation(source)
    title = _clean(source.title)
    after_title = f" [{translation}]." if translation else ("" if _stop(title) == title else ".")
    return (
        (
            Segment(f"{_stop(author)} ({date}). "),
            Segment(title, "title"),
            Segment(after_title + " "),
            Segment(_clean(source.url), "url"),
        ),
    )


def _text(source: Source, lang: str) -> tuple[Line, ...]:
    url = _clean(source.url)
    if lang == "zh":
        author = _prefer(source.publisher, source.publisher_en)
        title = _clean(source.title)
        return (
            (
                Segment(f"{author}《{title}》, {source.published.isoformat()}, "),
                Segment(url, "url"),
            ),
        )
    author = _prefer(source.publisher_en, source.publisher)
    title = _prefer(source.title_en, source.title)
    language = "" if _in_english(source) else f" (in {_language_name(source, 'en')})"
    text = f'{author}, "{title}"{language}, {_english_date(source.published)}, '
    return ((Segment(text), Segment(url, "url")),)


def citation_lines(source: Source, style: str, lang: str, accessed: dt.date) -> tuple[Line, ...]:
    """The citation of ``source`` as lines of segments, for renderers that mark titles and URLs.

    ``style`` is ``gbt7714``, ``apa`` or ``text`` (BibTeX is not prose: use
    :func:`bibtex_entry`). Joining the segments' text gives :func:`cite_source`.
    """
    _check(style, lang)
    if style == "gbt7714":
        return _gbt7714(source, lang, accessed)
    if style == "apa":
        return _apa(source, lang)
    if style == "text":
        return _text(source, lang)
    raise ValueError("a BibTeX entry has no prose lines; use bibtex_entry()")


def plain(lines: Iterable[Line]) -> str:
    """Lines of segments as plain text: no italics markers, one line each."""
    return "\n".join("".join(segment.text for segment in line) for line in lines)


# --- BibTeX ----------------------------------------------------------------------------------

# Characters LaTeX would read as commands. Braces become \textbraceleft{} and
# \textbraceright{} rather than \{ and \}: BibTeX and biber count every brace in a
# field, escaped or not, so a lone \{ would unbalance the entry.
_LATEX = {
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_LATEX_TABLE = str.maketrans(_LATEX)


def bibtex_escape(text: str) -> str:
    """A field value that LaTeX prints literally and that keeps the entry's braces balanced.

    Control characters are spelt out first (``\\x1b``), then ``\\ { } & % $ # _ ~ ^``
    become their LaTeX forms; line breaks become spaces.
    """
    return _clean(text).translate(_LATEX_TABLE)


def _bibtex_url(url: str) -> str:
    """The URL as it is (biblatex reads ``url`` verbatim), with only what would break the file
    percent-encoded: braces, backslashes, whitespace and control characters."""
    out: list[str] = []
    for char in url.strip():
        if char in "{}\\" or char.isspace() or ord(char) < 0x20 or 0x7F <= ord(char) < 0xA0:
            out.append("".join(f"%{byte:02X}" for byte in char.encode("utf-8")))
        else:
            out.append(char)
    return "".join(out)


_KEY_UNSAFE = re.compile(r"[^A-Za-z0-9_.:+/-]+")


def bibtex_key(source: Source) -> str:
    """The entry key: the source id, with anything BibTeX or biber reject in a key replaced.

    A kebab-case id (``cqjw-2024-09-09-jiangjin``) is used unchanged.
    """
    return _KEY_UNSAFE.sub("-", source.id).strip("-") or "source"


def bibtex_entry(source: Source, lang: str, accessed: dt.date) -> str:
    """A biblatex ``@online`` entry for ``source``.

    Fields: ``author`` (the publisher as a group author, in double braces so it is
    never split into given and family names; Chinese or English name by ``lang``),
    ``title`` (always the original title), ``titleaddon`` (``en`` only, for a
    source not in English: the English title in square brackets, printed after the
    title as APA does), ``date`` and ``urldate`` (ISO 8601), ``url`` (verbatim) and
    ``language`` (the source's language as a word, which biblatex prints as given).
    Empty fields are left out.

    There is no ``langid``: it must name a language loaded with babel or
    polyglossia, biblatex has no Chinese localisation, and a name the document has
    not loaded breaks ``autolang``. Values are escaped with :func:`bibtex_escape`.
    """
    _check("bibtex", lang)
    if lang == "zh":
        author = _prefer(source.publisher, source.publisher_en)
        addon = ""
    else:
        author = _prefer(source.publisher_en, source.publisher)
        translation = _translation(source)
        addon = f"[{translation}]" if translation else ""
    candidates = [
        ("author", "{" + bibtex_escape(author) + "}" if author else ""),
        ("title", bibtex_escape(source.title)),
        ("titleaddon", bibtex_escape(addon)),
        ("date", source.published.isoformat()),
        ("url", _bibtex_url(source.url)),
        ("urldate", accessed.isoformat()),
        ("language", bibtex_escape(_language_name(source, lang))),
    ]
    fields = [(name, value) for name, value in candidates if value]
    width = max(len(name) for name, _ in fields)
    body = "".join(f"  {name.ljust(width)} = {{{value}}},\n" for name, value in fields)
    return f"@online{{{bibtex_key(source)},\n{body}}}"


def _comment(text: str) -> str:
    """Text for a ``%`` line outside any entry: one line, and no ``@`` (which would open one)."""
    return _clean(text).replace("@", "＠")


def _bibtex_fact_comments(fact: Fact, lang: str) -> list[str]:
    fact_id = _comment(fact.id)
    if lang == "zh":
        return [f"% {fact_id}: 原文：{_comment(fact.quote)}"]
    return [
        f"% {fact_id}: {_comment(fact.statement_en)}",
        f"%   Quote: {_comment(fact.quote)}",
    ]


# --- public entry points ---------------------------------------------------------------------


def cite_source(source: Source, style: str, lang: str, accessed: dt.date) -> str:
    """The citation of one source in ``style`` and ``lang``, without a final newline.

    ``gbt7714`` in ``en`` is two lines (original, then English); the other prose
    styles are one line; ``bibtex`` is one ``@online`` entry.
    """
    _check(style, lang)
    if style == "bibtex":
        return bibtex_entry(source, lang, accessed)
    return plain(citation_lines(source, style, lang, accessed))


def _statement_lines(fact: Fact, lang: str) -> list[str]:
    """zh: the quote is the statement, given once; en: statement, then quote.

    The quote is labelled, not put in quotation marks: it often holds “” itself.
    """
    quote = visible(fact.quote)
    if lang == "zh":
        return [f"原文：{quote}"]
    return [visible(fact.statement_en), f"Quote: {quote}"]


def cite_fact(fact: Fact, base: FactBase, style: str, lang: str, accessed: dt.date) -> str:
    """One fact ready to paste: its statement and verbatim quote, then its source's citation.

    ``zh``: ``原文：`` and the quote (in Chinese the quote *is* the statement),
    then the citation. ``en``: the English statement, ``Quote: ...``, then the
    citation. ``bibtex``: ``%`` comment lines with the fact id, statement and quote
    (ignored by BibTeX and biber), then the source's ``@online`` entry. The quote is
    verbatim except that control characters are spelt out.

    Raises KeyError if the fact's source is not in ``base``.
    """
    _check(style, lang)
    source = base.source_by_id[fact.source]
    if style == "bibtex":
        return "\n".join([*_bibtex_fact_comments(fact, lang), bibtex_entry(source, lang, accessed)])
    lines = _statement_lines(fact, lang)
    lines.append(plain(citation_lines(source, style, lang, accessed)))
    return "\n".join(lines)


def cite_many(
    base: FactBase,
    facts: Sequence[Fact] = (),
    *,
    style: str,
    lang: str,
    accessed: dt.date,
) -> str:
    """Citations for the ``cite`` command, blocks separated by a blank line, no final newline.

    With no facts: every source of the base, in file order. With facts (repeats
    dropped, order kept): one :func:`cite_fact` block each, except in ``bibtex``,
    where each source's entry is written once, after the comment lines of all the
    given facts that cite it, so the output is a valid .bib file.
    """
    _check(style, lang)
    if not facts:
        return "\n\n".join(cite_source(source, style, lang, accessed) for source in base.sources)
    unique = list({fact.id: fact for fact in facts}.values())  # first place, no repeats
    if style != "bibtex":
        return "\n\n".join(cite_fact(fact, base, style, lang, accessed) for fact in unique)
    by_source: dict[str, list[Fact]] = {}
    for fact in unique:
        by_source.setdefault(fact.source, []).append(fact)
    blocks: list[str] = []
    for source_id, cited in by_source.items():
        source = base.source_by_id[source_id]
        comments = [line for fact in cited for line in _bibtex_fact_comments(fact, lang)]
        blocks.append("\n".join([*comments, bibtex_entry(source, lang, accessed)]))
    return "\n\n".join(blocks)
