"""Citations (jiangjin_cli.render.cite): exact strings for the shipped source, escaping
for hostile ones.

The BibTeX checks parse the output with a small reader written here (balanced
braces, ``name = {value}`` fields, nothing but ``%`` comments between entries), so
the tests do not need biber.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jiangjin_cli import store
from jiangjin_cli.model import Fact, FactBase, Section, Source
from jiangjin_cli.render import cite
from jiangjin_cli.text import visible

ACCESSED = dt.date(2026, 11, 29)
URL = "http://jw.cq.gov.cn/zwxx_209/bmdt/qxxx/202409/t20240909_13607514.html"
TITLE = "江津区高标准推进职业教育高质量发展"
TITLE_EN = (
    "Jiangjin District promotes the high-quality development of vocational education"
    " to high standards"
)
PUBLISHER_EN = "Chongqing Municipal Education Commission"

GBT_ZH = f"重庆市教育委员会. {TITLE}[EB/OL]. (2024-09-09)[2026-11-29]. {URL}."
GBT_EN = f"{PUBLISHER_EN}. {TITLE_EN}[EB/OL]. (2024-09-09)[2026-11-29]. {URL}."

EXPECTED: dict[tuple[str, str], str] = {
    ("gbt7714", "zh"): GBT_ZH,
    ("gbt7714", "en"): f"{GBT_ZH}\n{GBT_EN}",
    ("apa", "zh"): f"重庆市教育委员会. (2024年9月9日). {TITLE}. {URL}",
    ("apa", "en"): f"{PUBLISHER_EN}. (2024, September 9). {TITLE} [{TITLE_EN}]. {URL}",
    ("text", "zh"): f"重庆市教育委员会《{TITLE}》, 2024-09-09, {URL}",
    ("text", "en"): f'{PUBLISHER_EN}, "{TITLE_EN}" (in Chinese), 9 September 2024, {URL}',
    ("bibtex", "zh"): (
        "@online{cqjw-2024-09-09-jiangjin,\n"
        "  author   = {{重庆市教育委员会}},\n"
        f"  title    = {{{TITLE}}},\n"
        "  date     = {2024-09-09},\n"
        f"  url      = {{{URL}}},\n"
        "  urldate  = {2026-11-29},\n"
        "  language = {中文},\n"
        "}"
    ),
    ("bibtex", "en"): (
        "@online{cqjw-2024-09-09-jiangjin,\n"
        f"  author     = {{{{{PUBLISHER_EN}}}}},\n"
        f"  title      = {{{TITLE}}},\n"
        f"  titleaddon = {{[{TITLE_EN}]}},\n"
        "  date       = {2024-09-09},\n"
        f"  url        = {{{URL}}},\n"
        "  urldate    = {2026-11-29},\n"
        "  language   = {Chinese},\n"
        "}"
    ),
}


@pytest.fixture(scope="module")
def shipped() -> FactBase:
    return store.load(store.default_path())


@pytest.fixture(scope="module")
def source(shipped: FactBase) -> Source:
    return shipped.source_by_id["cqjw-2024-09-09-jiangjin"]


# --- a small BibTeX reader -------------------------------------------------------------------


@dataclass
class Entry:
    kind: str
    key: str
    fields: dict[str, str]


class BibError(AssertionError):
    pass


def read_bib(text: str) -> tuple[list[Entry], list[str]]:
    """The entries and the comment lines of a .bib text; BibError if it would not parse.

    Between entries only blank lines and ``%`` lines may appear (and they may not hold
    an ``@``, which BibTeX would take for the start of an entry). Inside an entry,
    every value is in braces and braces balance, counting escaped ones as BibTeX does.
    """
    entries: list[Entry] = []
    comments: list[str] = []
    pos = 0
    while pos < len(text):
        at = text.find("@", pos)
        between = text[pos:] if at < 0 else text[pos:at]
        for line in between.splitlines():
            if line.strip() and not line.startswith("%"):
                raise BibError(f"stray text between entries: {line!r}")
            if line.startswith("%"):
                comments.append(line)
        if at < 0:
            break
        if text.rfind("\n", 0, at) != at - 1 and at != 0:
            raise BibError("an @ inside a comment line would open an entry")
        head = re.compile(r"@([A-Za-z]+)\{([^\s,{}%#\"'()=~\\]+),\n").match(text, at)
        if head is None:
            raise BibError(f"bad entry head at {text[at : at + 40]!r}")
        kind, key = head.group(1), head.group(2)
        pos = head.end()
        fields: dict[str, str] = {}
        field = re.compile(r"\s*([a-z]+)\s*=\s*\{")
        while True:
            closing = re.compile(r"\s*\}").match(text, pos)
            if closing:
                pos = closing.end()
                break
            match = field.match(text, pos)
            if match is None:
                raise BibError(f"bad field at {text[pos : pos + 40]!r}")
            name = match.group(1)
            depth, start, pos = 1, match.end(), match.end()
            while depth:
                if pos >= len(text):
                    raise BibError(f"unbalanced braces in {name}")
                if text[pos] == "{":
                    depth += 1
                elif text[pos] == "}":
                    depth -= 1
                pos += 1
            if name in fields:
                raise BibError(f"field {name} twice")
            fields[name] = text[start : pos - 1]
            comma = re.compile(r"\s*,").match(text, pos)
            if comma:
                pos = comma.end()
        entries.append(Entry(kind, key, fields))
    return entries, comments


_UNLATEX = {
    r"\textbackslash{}": "\\",
    r"\textbraceleft{}": "{",
    r"\textbraceright{}": "}",
    r"\textasciitilde{}": "~",
    r"\textasciicircum{}": "^",
    r"\&": "&",
    r"\%": "%",
    r"\$": "$",
    r"\#": "#",
    r"\_": "_",
}
_UNLATEX_RE = re.compile("|".join(re.escape(key) for key in _UNLATEX))


def unlatex(value: str) -> str:
    """What LaTeX prints for an escaped value (only the escapes cite produces)."""
    bare = _UNLATEX_RE.sub("", value)
    assert not re.search(r"[\\{}&%$#_~^]", bare), f"unescaped special character in {value!r}"
    return _UNLATEX_RE.sub(lambda match: _UNLATEX[match.group(0)], value)


def test_the_reader_rejects_broken_bibtex() -> None:
    with pytest.raises(BibError):
        read_bib("@online{a,\n  title = {x \\{ y},\n}\n")  # a lone escaped brace
    with pytest.raises(BibError):
        read_bib("% see me@example.org\n@online{a,\n  title = {x},\n}\n")
    with pytest.raises(BibError):
        read_bib("stray\n@online{a,\n  title = {x},\n}\n")
    assert read_bib("% ok\n@online{a,\n  title = {{x}},\n}\n")[0][0].fields == {"title": "{x}"}


# --- the shipped source ----------------------------------------------------------------------


def test_gbt7714_reads_exactly_as_the_standard_form(source: Source) -> None:
    assert cite.cite_source(source, "gbt7714", "zh", ACCESSED) == (
        "重庆市教育委员会. 江津区高标准推进职业教育高质量发展[EB/OL]. (2024-09-09)[2026-11-29]. "
        "http://jw.cq.gov.cn/zwxx_209/bmdt/qxxx/202409/t20240909_13607514.html."
    )


@pytest.mark.parametrize(("style", "lang"), sorted(EXPECTED))
def test_each_style_and_language(source: Source, style: str, lang: str) -> None:
    assert cite.cite_source(source, style, lang, ACCESSED) == EXPECTED[(style, lang)]


@pytest.mark.parametrize("lang", cite.LANGS)
def test_the_shipped_bibtex_entry_parses(source: Source, lang: str) -> None:
    entries, comments = read_bib(cite.cite_source(source, "bibtex", lang, ACCESSED))
    assert comments == []
    [entry] = entries
    assert (entry.kind, entry.key) == ("online", "cqjw-2024-09-09-jiangjin")
    assert entry.fields["url"] == URL  # verbatim: the underscores are not escaped
    assert entry.fields["date"] == "2024-09-09"
    assert entry.fields["urldate"] == "2026-11-29"
    assert "langid" not in entry.fields


def test_the_access_date_is_used_by_gbt7714_and_bibtex_only(source: Source) -> None:
    other = dt.date(2027, 1, 5)
    for style in cite.STYLES:
        for lang in cite.LANGS:
            before = cite.cite_source(source, style, lang, ACCESSED)
            after = cite.cite_source(source, style, lang, other)
            if style in ("gbt7714", "bibtex"):
                assert "2027-01-05" in after
                assert after == before.replace("2026-11-29", "2027-01-05")
            else:
                assert after == before


def test_citation_lines_mark_the_apa_title_and_the_url(source: Source) -> None:
    [line] = cite.citation_lines(source, "apa", "en", ACCESSED)
    assert [segment.kind for segment in line] == ["text", "title", "text", "url"]
    assert line[1].text == TITLE
    assert line[3].text == URL
    assert cite.plain([line]) == EXPECTED[("apa", "en")]
    with pytest.raises(ValueError, match="bibtex_entry"):
        cite.citation_lines(source, "bibtex", "en", ACCESSED)


@pytest.mark.parametrize(("style", "lang"), [("mla", "zh"), ("apa", "fr"), ("", "")])
def test_unknown_style_or_language(source: Source, style: str, lang: str) -> None:
    with pytest.raises(ValueError, match="unknown"):
        cite.cite_source(source, style, lang, ACCESSED)


# --- facts -----------------------------------------------------------------------------------


@pytest.mark.parametrize("style", ["gbt7714", "apa", "text"])
def test_a_fact_in_chinese_is_its_quote_then_the_citation(shipped: FactBase, style: str) -> None:
    fact = shipped.fact_by_id["dual-qualified-teachers"]
    expected = f"原文：{fact.quote}\n{EXPECTED[(style, 'zh')]}"
    assert cite.cite_fact(fact, shipped, style, "zh", ACCESSED) == expected
    assert fact.quote == "培养“双师型”教师2729名"


@pytest.mark.parametrize("style", ["gbt7714", "apa", "text"])
def test_a_fact_in_english_is_statement_quote_citation(shipped: FactBase, style: str) -> None:
    fact = shipped.fact_by_id["dual-qualified-teachers"]
    expected = f"{fact.statement_en}\nQuote: {fact.quote}\n{EXPECTED[(style, 'en')]}"
    assert cite.cite_fact(fact, shipped, style, "en", ACCESSED) == expected


@pytest.mark.parametrize("lang", cite.LANGS)
def test_a_fact_in_bibtex_is_comments_then_the_entry(shipped: FactBase, lang: str) -> None:
    fact = shipped.fact_by_id["dual-qualified-teachers"]
    text = cite.cite_fact(fact, shipped, "bibtex", lang, ACCESSED)
    if lang == "zh":
        head = f"% dual-qualified-teachers: 原文：{fact.quote}\n"
    else:
        head = f"% dual-qualified-teachers: {fact.statement_en}\n%   Quote: {fact.quote}\n"
    assert text == head + EXPECTED[("bibtex", lang)]
    entries, comments = read_bib(text)
    assert len(entries) == 1
    assert len(comments) == head.count("\n")


def test_cite_many_without_facts_cites_every_source(shipped: FactBase) -> None:
    for style in cite.STYLES:
        for lang in cite.LANGS:
            many = cite.cite_many(shipped, style=style, lang=lang, accessed=ACCESSED)
            assert many == EXPECTED[(style, lang)]


def test_cite_many_gives_one_block_per_fact_and_drops_repeats(shipped: FactBase) -> None:
    first = shipped.fact_by_id["headline"]
    second = shipped.fact_by_id["dual-qualified-teachers"]
    text = cite.cite_many(
        shipped, [second, first, second], style="text", lang="zh", accessed=ACCESSED
    )
    blocks = text.split("\n\n")
    assert blocks == [
        cite.cite_fact(second, shipped, "text", "zh", ACCESSED),
        cite.cite_fact(first, shipped, "text", "zh", ACCESSED),
    ]


@pytest.mark.parametrize("lang", cite.LANGS)
def test_cite_many_in_bibtex_writes_each_source_once(shipped: FactBase, lang: str) -> None:
    facts = list(shipped.facts[:5])
    text = cite.cite_many(shipped, facts, style="bibtex", lang=lang, accessed=ACCESSED)
    entries, comments = read_bib(text)
    assert [entry.key for entry in entries] == ["cqjw-2024-09-09-jiangjin"]
    ids = [line.split(":")[0].removeprefix("% ") for line in comments if not line.startswith("%  ")]
    assert ids == [fact.id for fact in facts]
    assert text.endswith(EXPECTED[("bibtex", lang)])


# --- hostile metadata ------------------------------------------------------------------------

HOSTILE_TITLE = "{Evil} 50% & $5 #1 [bold] *x* _y_ ~^ \\end{document} @misc{x, } }}"
HOSTILE = Source(
    id="hostile source{1}",
    title=HOSTILE_TITLE,
    title_en="Un}bal{anced \\ title\nover two lines",
    publisher="Pub & Co {",
    publisher_en="P % \x1b[31m red and Sons",
    url="http://e.org/a_b%20c?x={y}&z#f",
    published=dt.date(2024, 1, 2),
    language="zh",
)


def hostile_base() -> FactBase:
    fact = Fact(
        id="evil-fact",
        section="1",
        quote="@misc{x} 100% {bad\nline",
        statement_en="See user@example.org\x1b[2J for 5% & more.",
        source=HOSTILE.id,
    )
    return FactBase.build("<hostile>", (HOSTILE,), (Section("1", "一", "One"),), (), (fact,))


@pytest.mark.parametrize("lang", cite.LANGS)
def test_bibtex_escapes_hostile_metadata(lang: str) -> None:
    base = hostile_base()
    text = cite.cite_many(base, base.facts, style="bibtex", lang=lang, accessed=ACCESSED)
    entries, comments = read_bib(text)
    [entry] = entries
    assert entry.key == "hostile-source-1"
    assert unlatex(entry.fields["title"]) == HOSTILE_TITLE
    author = entry.fields["author"]
    assert author.startswith("{") and author.endswith("}")
    if lang == "zh":
        assert unlatex(author[1:-1]) == "Pub & Co {"
        assert "titleaddon" not in entry.fields
    else:
        assert unlatex(author[1:-1]) == "P % \\x1b[31m red and Sons"
        assert unlatex(entry.fields["titleaddon"]) == "[Un}bal{anced \\ title over two lines]"
    # The URL stays a URL: only the braces are percent-encoded.
    assert entry.fields["url"] == "http://e.org/a_b%20c?x=%7By%7D&z#f"
    assert "\x1b" not in text
    assert all("@" not in line for line in comments)


def test_text_styles_make_controls_visible_and_keep_one_line_per_language() -> None:
    for style in ("gbt7714", "apa", "text"):
        for lang in cite.LANGS:
            text = cite.cite_source(HOSTILE, style, lang, ACCESSED)
            assert "\x1b" not in text
            expected_lines = 2 if (style, lang) == ("gbt7714", "en") else 1
            assert len(text.splitlines()) == expected_lines
    assert cite.cite_source(HOSTILE, "gbt7714", "zh", ACCESSED) == (
        f"Pub & Co {{. {HOSTILE_TITLE}[EB/OL]. (2024-01-02)[2026-11-29]. {HOSTILE.url}."
    )


def test_the_source_language_decides_the_translation() -> None:
    english = replace(HOSTILE, title="Plain title", title_en="Plain title", language="en")
    assert cite.cite_source(english, "apa", "en", ACCESSED) == (
        "P % \\x1b[31m red and Sons. (2024, January 2). Plain title. http://e.org/a_b%20c?x={y}&z#f"
    )
    assert len(cite.cite_source(english, "gbt7714", "en", ACCESSED).splitlines()) == 1
    assert "(in " not in cite.cite_source(english, "text", "en", ACCESSED)


def test_no_double_full_stops() -> None:
    odd = replace(HOSTILE, publisher_en="Example Inc.", title="Why?", title_en="Why?")
    assert cite.cite_source(odd, "apa", "en", ACCESSED).startswith("Example Inc. (2024, ")
    assert ". Why?[EB/OL]. " in cite.cite_source(odd, "gbt7714", "en", ACCESSED)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40), st.text(max_size=40))
def test_any_title_gives_a_parsable_entry(title: str, publisher: str) -> None:
    source = replace(HOSTILE, title=title, publisher=publisher, publisher_en=publisher)
    for lang in cite.LANGS:
        [entry] = read_bib(cite.bibtex_entry(source, lang, ACCESSED))[0]
        shown = " ".join(re.split(r"\s*[\n\u2028\u2029]+\s*", visible(title))).strip()
        assert unlatex(entry.fields.get("title", "")) == shown
