"""The Markdown fact sheet (jiangjin_cli.render.markdown).

The sheet must carry exactly the numbers and quotes of ``export --format json``,
keep the article's order, and render data literally however hostile it is. The
tables are read back here with a small reader; where markdown-it-py is installed
(rich depends on it) the hostile sheet is also rendered by a real CommonMark parser.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal
from typing import Any

import pytest

from jiangjin_cli import store
from jiangjin_cli.model import Fact, FactBase, Section, Source
from jiangjin_cli.render import machine
from jiangjin_cli.render.markdown import cell, escape, render_markdown
from jiangjin_cli.text import hedged_value, visible

ACCESSED = dt.date(2026, 11, 29)
URL = "http://jw.cq.gov.cn/zwxx_209/bmdt/qxxx/202409/t20240909_13607514.html"
TITLE = "江津区高标准推进职业教育高质量发展"
TITLE_EN = (
    "Jiangjin District promotes the high-quality development of vocational education"
    " to high standards"
)
PUBLISHER_EN = "Chongqing Municipal Education Commission"
LANGS = ("zh", "en")


@pytest.fixture(scope="module")
def shipped() -> FactBase:
    return store.load(store.default_path())


# --- reading the sheet back ------------------------------------------------------------------

_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def unescape(text: str) -> str:
    """What a Markdown renderer shows for a cell: escapes resolved, <br> as a line break."""
    return _ESCAPE.sub(r"\1", text.replace("<br>", "\n"))


def split_row(row: str) -> list[str]:
    """The cells of a table row, split on the pipes that are not escaped."""
    assert row.startswith("| ") and row.endswith(" |"), row
    cells: list[str] = []
    current, body, index = "", row[1:-1], 0
    while index < len(body):
        char = body[index]
        if char == "\\" and index + 1 < len(body):
            current += body[index : index + 2]
            index += 2
            continue
        if char == "|":
            cells.append(current.strip())
            current = ""
        else:
            current += char
        index += 1
    cells.append(current.strip())
    return cells


def fact_rows(markdown: str) -> list[list[str]]:
    """Every fact row of every table: id, value, then the two text columns."""
    rows = []
    for line in markdown.splitlines():
        if line.startswith("| ") and not line.startswith("| ---"):
            cells = split_row(line)
            if cells[0] in ("编号", "ID"):
                continue
            assert len(cells) == 4, line
            rows.append(cells)
    return rows


def row_id(text: str) -> str:
    return text[1:-1] if text.startswith("`") else unescape(text)


def exported(base: FactBase) -> dict[str, Any]:
    """What `export --format json` writes, parsed back."""
    document: dict[str, Any] = json.loads(json.dumps(machine.export_document(base)))
    return document


# --- the shipped base ------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_quotes_and_numbers_are_those_of_the_json_export(shipped: FactBase, lang: str) -> None:
    document = exported(shipped)
    rows = {
        row_id(cells[0]): cells for cells in fact_rows(render_markdown(shipped, ACCESSED, lang))
    }
    assert set(rows) == {fact["id"] for fact in document["facts"]}
    for fact in document["facts"]:
        _, value, first, second = rows[fact["id"]]
        quote, statement = (first, second) if lang == "zh" else (second, first)
        assert unescape(quote) == fact["quote"]
        assert unescape(statement) == fact["statement_en"]
        if fact["value"] is None:
            assert value == "—"
            continue
        number = re.search(r"\d[\d,]*(?:\.\d+)?", value)
        assert number is not None, value
        assert Decimal(number.group(0).replace(",", "")) == Decimal(str(fact["value"]))
        unit = fact["unit"] if lang == "zh" else fact["unit_en"]
        if unit.strip().lower() not in ("%", "％", "percent", "per cent"):
            assert unit in unescape(value)  # a percentage is written with its sign


@pytest.mark.parametrize("lang", LANGS)
def test_facts_follow_the_article(shipped: FactBase, lang: str) -> None:
    order = {section.id: index for index, section in enumerate(shipped.sections)}
    expected = [fact.id for fact in sorted(shipped.facts, key=lambda fact: order[fact.section])]
    rows = fact_rows(render_markdown(shipped, ACCESSED, lang))
    assert [row_id(cells[0]) for cells in rows] == expected


_HEADING = re.compile(r"^(#{2,6}) (\S+) (.+)$")


@pytest.mark.parametrize("lang", LANGS)
def test_sections_in_order_with_both_titles(shipped: FactBase, lang: str) -> None:
    lines = render_markdown(shipped, ACCESSED, lang).splitlines()
    seen = []
    for index, line in enumerate(lines):
        match = _HEADING.match(line)
        source = shipped.sources[0].id
        section = shipped.section(source, match.group(2)) if match else None
        if section is None:
            continue
        seen.append(section.id)
        assert len(match.group(1)) == 2 + section.depth  # points nested under parts
        primary, other = (
            (section.title, section.title_en) if lang == "zh" else (section.title_en, section.title)
        )
        assert match.group(3) == escape(primary)
        assert lines[index + 1] == ""
        assert lines[index + 2] == f"*{escape(other)}*"
    assert seen == [section.id for section in shipped.sections]


def test_the_chinese_sheet_opens_with_the_source_and_its_citations(shipped: FactBase) -> None:
    lines = render_markdown(shipped, ACCESSED, "zh").splitlines()
    link = f"<{URL}>"
    assert lines[:14] == [
        f"# {TITLE}",
        "",
        f"*{TITLE_EN}*",
        "",
        f"事实清单：共 {len(shipped.facts)} 条事实，按原文顺序排列。"
        "数值中“以上”表示不少于，“余”表示多于。",
        "",
        "## 来源",
        "",
        f"- 发布者：重庆市教育委员会（{PUBLISHER_EN}）",
        "- 发布日期：2024-09-09",
        f"- 网址：{link}",
        f"- GB/T 7714-2015：重庆市教育委员会. {TITLE}\\[EB/OL\\]. "
        f"(2024-09-09)\\[2026-11-29\\]. {link}.",
        f"- APA 第 7 版：重庆市教育委员会. (2024年9月9日). *{TITLE}*. {link}",
        "",
    ]
    assert lines[14] == f"## 0 {TITLE}"


def test_the_english_sheet_opens_with_the_source_and_its_citations(shipped: FactBase) -> None:
    lines = render_markdown(shipped, ACCESSED, "en").splitlines()
    link = f"<{URL}>"
    assert lines[:15] == [
        f"# {TITLE_EN}",
        "",
        f"*{TITLE}*",
        "",
        f"Fact sheet: {len(shipped.facts)} facts in the article's order. "
        "“≥” means at least (以上), “+” means more than (余).",
        "",
        "## Source",
        "",
        f"- Publisher: {PUBLISHER_EN} (重庆市教育委员会)",
        "- Published: 2024-09-09",
        f"- URL: {link}",
        f"- GB/T 7714-2015: 重庆市教育委员会. {TITLE}\\[EB/OL\\]. "
        f"(2024-09-09)\\[2026-11-29\\]. {link}.\\",
        f"  {PUBLISHER_EN}. {TITLE_EN}\\[EB/OL\\]. (2024-09-09)\\[2026-11-29\\]. {link}.",
        f"- APA 7: {PUBLISHER_EN}. (2024, September 9). *{TITLE}* \\[{TITLE_EN}\\]. {link}",
        "",
    ]


@pytest.mark.parametrize("lang", LANGS)
def test_the_sheet_is_tidy(shipped: FactBase, lang: str) -> None:
    text = render_markdown(shipped, ACCESSED, lang)
    assert text.endswith("\n") and not text.endswith("\n\n")
    assert "\n\n\n" not in text
    assert all(line == line.rstrip() for line in text.splitlines())


def test_values_carry_hedge_unit_and_period() -> None:
    fact = Fact(
        id="training",
        section="1",
        quote="年生产性实训人次达2.5万以上",
        statement_en="At least 25,000 person-times a year.",
        source="s",
        value=25_000,
        unit="人次",
        unit_en="person-times",
        qualifier="at_least",
        period="per_year",
    )
    base = _base(facts=(fact,))
    zh = fact_rows(render_markdown(base, ACCESSED, "zh"))[0][1]
    en = fact_rows(render_markdown(base, ACCESSED, "en"))[0][1]
    assert zh == cell(hedged_value(fact, "zh") + "（每年）")
    assert en == cell(hedged_value(fact, "en") + " (per year)")
    assert "25,000" in zh and "以上" in zh
    assert en.startswith("≥ 25,000")


def test_unknown_language() -> None:
    with pytest.raises(ValueError, match="unknown language"):
        render_markdown(_base(), ACCESSED, "fr")


# --- hostile data ----------------------------------------------------------------------------

HOSTILE_TITLE = "[bold] *star* _under_ <b>tag</b> {brace} % & &amp; #hash `tick` ~~del~~ $x$ @cite"
HOSTILE_QUOTE = "a | b \\| c\n第二行 [link](http://x.org) ![img](y.png) \x1b[31m red \u202e rlo"
HOSTILE_STATEMENT = "*not emphasis* and _not_ either; <script>alert(1)</script> 5% & more|"


def _base(
    facts: tuple[Fact, ...] = (),
    sources: tuple[Source, ...] | None = None,
    sections: tuple[Section, ...] | None = None,
) -> FactBase:
    source = Source(
        id="s",
        title=HOSTILE_TITLE,
        title_en="English *title* [x]",
        publisher="出版者 & {Co}",
        publisher_en="Publisher_Name <Ltd>",
        url="https://example.org/a_b?c=1&d=[2]",
        published=dt.date(2024, 9, 9),
        language="zh",
    )
    return FactBase.build(
        "<hostile>",
        sources if sources is not None else (source,),
        sections if sections is not None else (Section("1", "第一部分 *一*", "Part | one"),),
        (),
        facts,
    )


def _hostile_base() -> FactBase:
    fact = Fact(
        id="hostile-fact",
        section="1",
        quote=HOSTILE_QUOTE,
        statement_en=HOSTILE_STATEMENT,
        source="s",
        value=1234.5,
        unit="元 *",
        unit_en="yuan_|",
        qualifier="more_than",
    )
    return _base(facts=(fact,))


@pytest.mark.parametrize("lang", LANGS)
def test_hostile_cells_read_back_literally(lang: str) -> None:
    text = render_markdown(_hostile_base(), ACCESSED, lang)
    [row] = fact_rows(text)
    quote, statement = (row[2], row[3]) if lang == "zh" else (row[3], row[2])
    assert unescape(quote) == visible(HOSTILE_QUOTE)
    assert unescape(statement) == HOSTILE_STATEMENT
    assert "\x1b" not in text and "\u202e" not in text
    assert "\\\\x1b" in quote and "\\\\u202e" in quote
    assert "<br>" in quote  # the line break stays inside the cell
    assert "1,234.5" in row[1]
    # Nothing from the data may open a line (which could start a list, quote or heading).
    assert all(not line.startswith(("[", "*star", "<", "a |")) for line in text.splitlines())


@pytest.mark.parametrize("lang", LANGS)
def test_hostile_titles_are_escaped(lang: str) -> None:
    text = render_markdown(_hostile_base(), ACCESSED, lang)
    heading = text.splitlines()[0]
    if lang == "zh":
        assert heading == (
            "# \\[bold\\] \\*star\\* \\_under\\_ \\<b\\>tag\\</b\\> \\{brace\\} % & \\&amp; "
            "\\#hash \\`tick\\` \\~\\~del\\~\\~ \\$x\\$ \\@cite"
        )
    assert "## 1 " in text
    assert "Part \\| one" in text
    assert "第一部分 \\*一\\*" in text
    assert "<https://example.org/a_b?c=1&d=[2]>" in text  # a valid autolink is kept as is


@pytest.mark.parametrize("lang", LANGS)
def test_a_commonmark_parser_renders_the_data_literally(lang: str) -> None:
    markdown_it = pytest.importorskip("markdown_it")
    parser = markdown_it.MarkdownIt("commonmark").enable(["table", "strikethrough"])
    html = parser.render(render_markdown(_hostile_base(), ACCESSED, lang))
    for tag in ("<b>", "<script>", "<strong>", "<s>", "<del>", "<img", "<h3"):
        assert tag not in html
    # The only links are the source URL's autolinks; the only emphasis is the sheet's own.
    links = re.findall(r'<a href="([^"]*)"', html)
    assert set(links) == {"https://example.org/a_b?c=1&amp;d=%5B2%5D"}
    assert html.count("<em>") == 3  # the subtitle, the section's other title, the APA title
    assert "[bold] *star* _under_ &lt;b&gt;tag&lt;/b&gt; {brace} % &amp; &amp;amp; #hash" in html
    assert "`tick` ~~del~~ $x$ @cite" in html
    assert "*not emphasis* and _not_ either; &lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "a | b \\| c<br>第二行 [link](http://x.org) ![img](y.png) \\x1b[31m red \\u202e rlo" in (
        html
    )
    rows = re.findall(r"<tr>(.*?)</tr>", html, flags=re.DOTALL)
    assert len(rows) == 2
    assert all(row.count("<td>") + row.count("<th>") == 4 for row in rows)


def test_facts_of_an_unknown_section_come_last() -> None:
    fact = Fact(id="stray", section="9", quote="孤立", statement_en="Stray.", source="s")
    for lang, heading in (("zh", "## 其他"), ("en", "## Other")):
        text = render_markdown(_base(facts=(fact,)), ACCESSED, lang)
        assert heading in text
        assert text.index(heading) > text.index("## 1 ")
        assert [row_id(cells[0]) for cells in fact_rows(text)] == ["stray"]


def test_several_sources_get_a_generic_heading_and_one_block_each() -> None:
    base = _base()
    first = base.sources[0]
    second = Source(
        id="t",
        title="第二篇",
        title_en="Second",
        publisher="某局",
        publisher_en="Some Bureau",
        url="not a url <x>",
        published=dt.date(2023, 1, 1),
        language="zh",
    )
    text = render_markdown(_base(sources=(first, second)), ACCESSED, "en")
    assert text.startswith("# Fact sheet\n")
    assert "### Second" in text
    assert "- URL: not a url \\<x\\>" in text  # not a valid autolink: escaped text
