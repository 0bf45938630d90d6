"""Tests for the human renderers (rich) and the shared text helpers."""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata
from dataclasses import dataclass, replace

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from jiangjin_cli.model import Entity, Fact, FactBase, Section, Source
from jiangjin_cli.render import cards, charts, human, tables, tree
from jiangjin_cli.text import format_number, hedged_value, period_label, visible

# ---------------------------------------------------------------- builders
SOURCE_ID = "cqjw-2024-09-09-jiangjin"


def make_source(**overrides: object) -> Source:
    fields: dict[str, object] = {
        "id": SOURCE_ID,
        "title": "江津区高标准推进职业教育高质量发展",
        "title_en": "Jiangjin District advances high-quality vocational education",
        "publisher": "重庆市教育委员会",
        "publisher_en": "Chongqing Municipal Education Commission",
        "url": "http://jw.cq.gov.cn/example",
        "published": dt.date(2024, 9, 9),
        "language": "zh",
    }
    fields.update(overrides)
    return Source(**fields)  # type: ignore[arg-type]


SECTIONS = (
    Section("0", "江津区高标准推进职业教育高质量发展", "Title and lead"),
    Section("2", "聚焦重点，提升职业教育办学水平", "Focusing on priorities"),
    Section("2.2", "强化师资队伍建设", "Strengthening the teaching staff", parent="2"),
    Section("3", "深化产教融合", "Deepening industry-education integration"),
)

ENTITIES = (
    Entity(
        "chongqing-technology-and-business-school",
        "重庆工商学校",
        "Chongqing Technology and Business School",
        "school",
        aliases=("Chongqing Industry and Commerce School",),
    ),
    Entity("jiangjin-district", "江津区", "Jiangjin District", "place"),
)


def make_fact(fact_id: str, **overrides: object) -> Fact:
    fields: dict[str, object] = {
        "id": fact_id,
        "section": "2.2",
        "quote": "培养“双师型”教师2729名",
        "statement_en": "The district has trained 2,729 dual-qualified teachers.",
        "source": SOURCE_ID,
    }
    fields.update(overrides)
    return Fact(**fields)  # type: ignore[arg-type]


def make_teachers() -> Fact:
    return make_fact(
        "dual-qualified-teachers",
        value=2729,
        unit="名",
        unit_en="teachers",
        qualifier="exact",
        entities=("jiangjin-district", "chongqing-technology-and-business-school"),
        tags=("teachers",),
    )


def make_base(*facts: Fact, sections: tuple[Section, ...] = SECTIONS) -> FactBase:
    # As reading a file of one source does, each section belongs to it.
    return FactBase.build(
        path="test.toml",
        sources=(make_source(),),
        sections=tuple(replace(section, source=SOURCE_ID) for section in sections),
        entities=ENTITIES,
        facts=tuple(facts),
    )


WIDTHS = (20, 40, 80, 120)
LANGS = ("zh", "en")
MARKUP = "[bold]x a[/x]b [link=http://e]y[/link] [免责声明]"
LONG_QUOTE = (
    "江津区坚持把职业教育摆在经济社会发展的重要位置，深化产教融合与校企合作，"
    "构建中职高职本科贯通培养的现代职业教育体系，培养了大批高素质技术技能人才。"
)


def console_at(width: int = 80, color: bool = False) -> Console:
    return Console(
        file=io.StringIO(),
        width=width,
        color_system="truecolor" if color else None,
        force_terminal=color,
        highlight=False,
        soft_wrap=False,
        legacy_windows=False,
    )


def output(console: Console) -> str:
    file = console.file
    assert isinstance(file, io.StringIO)
    return file.getvalue()


def in_order(needle: str, haystack: str) -> bool:
    """Every non-space character of ``needle`` occurs in ``haystack``, in order."""
    rest = iter(haystack)
    return all(ch in rest for ch in needle if not ch.isspace())


def cjk_stream(text: str) -> str:
    return "".join(ch for ch in text if unicodedata.east_asian_width(ch) in ("W", "F"))


def medal(fact_id: str, value: int, **extra: object) -> Fact:
    fields: dict[str, object] = {
        "value": value,
        "unit": "枚",
        "unit_en": "medals",
        "qualifier": "exact",
    }
    fields.update(extra)
    return make_fact(fact_id, **fields)


def hostile() -> Fact:
    return make_fact(
        "hostile",
        quote=MARKUP + " \x1b[31mred\x1b[0m \u202eevil",
        statement_en=MARKUP + " \x1b[2J \u2066iso\u2069",
        value=3,
        unit="[b]个",
        unit_en="[b]units",
        qualifier="exact",
        tags=("[red]tag",),
    )


@dataclass(frozen=True)
class FakeHit:
    kind: str
    record: Fact | Entity | Section
    score: float
    matched_terms: tuple[str, ...] = ()


# ---------------------------------------------------------------- text.py


@pytest.mark.parametrize(
    ("fields", "lang", "expected"),
    [
        (
            {"value": 2729, "unit": "名", "unit_en": "teachers", "qualifier": "exact"},
            "zh",
            "2,729名",
        ),
        (
            {"value": 2729, "unit": "名", "unit_en": "teachers", "qualifier": "exact"},
            "en",
            "2,729 teachers",
        ),
        (
            {"value": 25000, "unit": "人", "unit_en": "people", "qualifier": "at_least"},
            "en",
            "≥ 25,000 people",
        ),
        (
            {"value": 25000, "unit": "人", "unit_en": "people", "qualifier": "at_least"},
            "zh",
            "25,000人以上",
        ),
        (
            {"value": 450, "unit": "家", "unit_en": "enterprises", "qualifier": "more_than"},
            "en",
            "450+ enterprises",
        ),
        (
            {"value": 450, "unit": "家", "unit_en": "enterprises", "qualifier": "more_than"},
            "zh",
            "450余家",
        ),
        ({"value": 80, "unit": "%", "unit_en": "%", "qualifier": "at_least"}, "zh", "80%以上"),
        ({"value": 80, "unit": "%", "unit_en": "percent", "qualifier": "at_least"}, "en", "≥ 80%"),
        ({"value": 95, "unit": "%", "unit_en": "%", "qualifier": "exact"}, "en", "95%"),
        (
            {"value": 30000000, "unit": "元", "unit_en": "yuan", "qualifier": "exact"},
            "en",
            "30,000,000 yuan",
        ),
        ({"value": 2.5, "unit": "倍", "unit_en": "times", "qualifier": "exact"}, "en", "2.5 times"),
        ({"value": 3.0, "unit": "级", "unit_en": "levels", "qualifier": "exact"}, "en", "3 levels"),
        (
            {"value": 2000, "unit": "人", "unit_en": "people", "qualifier": "about"},
            "zh",
            "约2,000人",
        ),
        (
            {"value": 2000, "unit": "人", "unit_en": "people", "qualifier": "about"},
            "en",
            "≈ 2,000 people",
        ),
        (
            {"value": 45, "unit": "人", "unit_en": "pupils", "qualifier": "at_most"},
            "zh",
            "45人以下",
        ),
        (
            {"value": 45, "unit": "人", "unit_en": "pupils", "qualifier": "at_most"},
            "en",
            "≤ 45 pupils",
        ),
        (
            {"value": 100, "unit": "人", "unit_en": "people", "qualifier": "less_than"},
            "zh",
            "不足100人",
        ),
        (
            {"value": 100, "unit": "人", "unit_en": "people", "qualifier": "less_than"},
            "en",
            "< 100 people",
        ),
        ({"value": 5, "unit": "%", "unit_en": "%", "qualifier": "at_most"}, "zh", "5%以下"),
        ({"value": 5, "unit": "%", "unit_en": "%", "qualifier": "less_than"}, "en", "< 5%"),
        ({}, "zh", "—"),
        ({}, "en", "—"),
    ],
)
def test_hedged_value(fields: dict[str, object], lang: str, expected: str) -> None:
    assert hedged_value(make_fact("f", **fields), lang) == expected


def test_format_number() -> None:
    assert format_number(2729) == "2,729"
    assert format_number(2.5) == "2.5"
    assert format_number(1234567.25) == "1,234,567.25"
    assert format_number(-40) == "-40"


def test_period_labels() -> None:
    assert period_label("past_two_years", "zh") == "近两年"
    assert period_label("past_five_years", "en") == "in the past five years"
    assert period_label("per_year", "en") == "per year"
    assert period_label("per_year", "zh") == "每年"
    assert period_label("past_three_years", "zh") == "近三年"
    assert period_label(None, "zh") == ""
    assert period_label("someday", "en") == "someday"


def test_visible_escapes_controls_and_bidi() -> None:
    assert visible("a\x1b[31mb") == "a\\x1b[31mb"
    assert visible("\x00\x07\x7f\x85\x9f") == "\\x00\\x07\\x7f\\x85\\x9f"
    assert visible("\r") == "\\x0d"
    assert visible("x\u202ey") == "x\\u202ey"
    for code in (0x061C, 0x200E, 0x200F, 0x202A, 0x202D, 0x2066, 0x2069):
        assert visible(chr(code)) == f"\\u{code:04x}"
    assert visible("line\nnext\tcell") == "line\nnext cell"
    assert visible("江津区 [bold]“双师型”") == "江津区 [bold]“双师型”"


DANGEROUS = {*range(0x20), 0x7F, *range(0x80, 0xA0), 0x061C, 0x200E, 0x200F}
DANGEROUS |= {*range(0x202A, 0x202F), *range(0x2066, 0x206A)}


@given(st.text())
def test_visible_never_lets_controls_through(text: str) -> None:
    shown = visible(text)
    assert all(ord(ch) not in DANGEROUS or ch == "\n" for ch in shown)
    assert shown.count("\n") == text.count("\n")


# ---------------------------------------------------------------- console


def test_make_console_does_not_highlight(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    console = human.make_console()
    assert not console.render_str("2729 http://e.cn 2024-09-09").spans
    assert console.soft_wrap is False


def test_make_console_respects_no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("NO_COLOR", "1")
    console = human.make_console()
    assert console.no_color
    console.file = io.StringIO()
    charts.chart(console, [medal("gold", 28)], "en")
    assert "\x1b[3" not in output(console)  # no foreground colours


def test_make_console_respects_force_color(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("FORCE_COLOR", "1")
    console = human.make_console(stderr=True)
    assert console.is_terminal
    assert console.color_system is not None


# ---------------------------------------------------------------- data is never markup


def every_renderer(console: Console, lang: str, fact: Fact) -> None:
    base = make_base(fact, make_teachers())
    tables.facts_table(console, base.facts, base, lang, title=MARKUP, highlight_terms=["x"])
    cards.fact_card(console, fact, base, lang)
    tree.sections_tree(console, base, {}, lang)
    tables.entities_table(console, base.entities, base, lang, {})
    cards.entity_card(console, base.entities[0], list(base.facts), base, lang)
    tables.sources_table(console, base.sources, {}, lang)
    hits = [FakeHit("fact", fact, 1.5, ("x",))]
    tables.search_table(console, hits, base, lang, ["x"], total=3)
    charts.chart(console, base.facts, lang)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("color", [False, True])
def test_markup_in_data_is_printed_literally(lang: str, color: bool) -> None:
    console = console_at(120, color=color)
    every_renderer(console, lang, hostile())
    text = output(console)
    for literal in ("[bold]x", "a[/x]b", "[link=http://e]y[/link]", "[免责声明]", "[red]tag"):
        assert literal in text
    assert "[b]" in text
    # No hyperlink escape was made from the data: the only links are the sources' URLs.
    targets = set(re.findall(r"\x1b\]8;[^;]*;([^\x1b]+)\x1b", text))
    assert targets <= {"http://jw.cq.gov.cn/example"}
    assert bool(targets) == color


@pytest.mark.parametrize("lang", LANGS)
def test_control_characters_are_shown_escaped(lang: str) -> None:
    console = console_at(120)
    every_renderer(console, lang, hostile())
    text = output(console)
    assert "\x1b" not in text
    assert "\u202e" not in text and "\u2066" not in text
    assert "\\x1b[31mred" in text or "\\x1b[2J" in text
    assert "\\u202e" in text or "\\u2066" in text


def test_control_characters_are_escaped_with_colour_on() -> None:
    console = console_at(120, color=True)
    base = make_base(hostile())
    cards.fact_card(console, hostile(), base, "zh")
    text = output(console)
    assert "\\x1b[31mred" in text
    assert "\x1b[31mred" not in text
    assert "\x1b[2J" not in text
    assert "\u202e" not in text


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", LANGS)
def test_every_renderer_fits_every_width(width: int, lang: str) -> None:
    console = console_at(width)
    long_one = make_fact(
        "a-very-long-fact-identifier-that-will-not-fit-anywhere",
        quote=LONG_QUOTE,
        value=30000000,
        unit="元",
        unit_en="yuan",
        qualifier="at_least",
        period="past_three_years",
    )
    every_renderer(console, lang, long_one)
    every_renderer(console, lang, hostile())
    for line in output(console).splitlines():
        # A URL is never broken by us: its line is the one the terminal may wrap.
        assert cell_len(line) <= width or "://" in line, line


# ---------------------------------------------------------------- facts


@pytest.mark.parametrize("lang", LANGS)
def test_chinese_wraps_at_40_without_losing_characters(lang: str) -> None:
    fact = make_fact("long", quote=LONG_QUOTE, statement_en="Long.")
    base = make_base(fact)
    console = console_at(40)
    tables.facts_table(console, [fact], base, "zh")
    text = output(console)
    lines = text.splitlines()
    assert sum(1 for line in lines if cjk_stream(line)) > 3  # it really wrapped
    assert all(cell_len(line) <= 40 for line in lines)
    assert cjk_stream(LONG_QUOTE) in cjk_stream(text)
    assert in_order(LONG_QUOTE, text)

    console = console_at(40)
    cards.fact_card(console, fact, base, lang)
    text = output(console)
    assert all(cell_len(line) <= 40 for line in text.splitlines())
    assert in_order(LONG_QUOTE, text)
    assert cjk_stream(LONG_QUOTE) in cjk_stream(text)


def test_facts_table_columns_and_hedges() -> None:
    facts = [
        make_teachers(),
        make_fact("students", value=25000, unit="人", unit_en="people", qualifier="at_least"),
        make_fact("firms", value=450, unit="家", unit_en="enterprises", qualifier="more_than"),
        make_fact("no-value"),
    ]
    base = make_base(*facts)
    console = console_at(120)
    tables.facts_table(console, facts, base, "en")
    text = output(console)
    for expected in ("2,729 teachers", "≥ 25,000 people", "450+ enterprises", "—", "2.2"):
        assert expected in text
    assert "The district has trained 2,729 dual-qualified teachers." in text
    assert "4 facts" in text

    console = console_at(120)
    tables.facts_table(console, facts, base, "zh")
    text = output(console)
    for expected in ("2,729名", "25,000人以上", "450余家", "培养“双师型”教师2729名"):
        assert expected in text
    assert "共 4 条事实" in text


def test_facts_table_caption_when_limited() -> None:
    base = make_base(make_teachers())
    console = console_at(80)
    tables.facts_table(console, [make_teachers()], base, "en", total=58)
    assert "Showing 1 of 58 facts" in output(console)
    console = console_at(80)
    tables.facts_table(console, [make_teachers()], base, "en")
    assert "1 fact" in output(console) and "1 facts" not in output(console)
    console = console_at(80)
    tables.facts_table(console, [make_teachers()], base, "zh", total=58)
    assert "显示 1 条，共 58 条事实" in output(console)


def test_facts_table_highlights_terms_case_insensitively() -> None:
    base = make_base(make_teachers())
    console = console_at(120, color=True)
    tables.facts_table(console, [make_teachers()], base, "en", highlight_terms=["TEACH"])
    text = output(console)
    assert text.count("\x1b[1;7mteach") >= 2  # in the id and in the statement


def test_fact_card_shows_everything() -> None:
    fact = make_fact(
        "silver",
        value=64,
        unit="枚",
        unit_en="medals",
        qualifier="more_than",
        period="per_year",
        entities=("jiangjin-district", "missing-entity"),
        tags=("skills", "competitions"),
    )
    base = make_base(fact)
    console = console_at(120)
    cards.fact_card(console, fact, base, "en")
    text = output(console)
    for expected in (
        "silver",
        "64+ medals",
        "per year",
        "培养“双师型”教师2729名",
        "The district has trained",
        "2 Focusing on priorities › 2.2 Strengthening the teaching staff",
        "Jiangjin District",
        "missing-entity",
        "skills, competitions",
        "Chongqing Municipal Education Commission",
        "2024-09-09",
        "http://jw.cq.gov.cn/example",
    ):
        assert expected in text
    assert text.index("The district has trained") < text.index("培养")

    console = console_at(120)
    cards.fact_card(console, fact, base, "zh")
    text = output(console)
    for expected in (
        "64余枚",
        "每年",
        "2 聚焦重点，提升职业教育办学水平 › 2.2 强化师资队伍建设",
        "江津区",
        "重庆市教育委员会",
        "江津区高标准推进职业教育高质量发展",
    ):
        assert expected in text
    assert text.index("培养") < text.index("The district has trained")


# ---------------------------------------------------------------- sections, entities, sources


def test_sections_tree_shows_outline_and_counts() -> None:
    base = make_base(make_teachers())
    counts = {
        (SOURCE_ID, key): value
        for key, value in {"0": (1, 1), "2": (0, 3), "2.2": (3, 3), "3": (0, 0)}.items()
    }
    console = console_at(100)
    tree.sections_tree(console, base, counts, "en")
    text = output(console)
    assert "2 Focusing on priorities  (0 own, 3 in all)" in text
    assert "2.2 Strengthening the teaching staff  (3 facts)" in text
    assert "0 Title and lead  (1 fact)" in text
    lines = text.splitlines()
    parent = next(i for i, line in enumerate(lines) if "Focusing" in line)
    child = next(i for i, line in enumerate(lines) if "Strengthening" in line)
    assert child == parent + 1
    assert lines[child].index("2.2") > lines[parent].index("2 Focusing")

    console = console_at(100)
    tree.sections_tree(console, base, counts, "zh")
    assert "本节 0 条，合计 3 条" in output(console)


def test_sections_tree_survives_a_parent_cycle() -> None:
    sections = (Section("1", "甲", "A", parent="2"), Section("2", "乙", "B", parent="1"))
    base = make_base(sections=sections)
    console = console_at(60)
    tree.sections_tree(console, base, {}, "en")
    text = output(console)
    assert "1 A" in text and "2 B" in text


def test_entities_table_and_card() -> None:
    base = make_base(make_teachers())
    console = console_at(140)
    tables.entities_table(
        console, base.entities, base, "en", {"chongqing-technology-and-business-school": 7}
    )
    text = output(console)
    assert "Chongqing Technology" in text
    assert "重庆工商学校" in text and "school" in text and "7" in text
    assert "2 entities" in text

    console = console_at(100)
    cards.entity_card(console, base.entities[0], [make_teachers()], base, "en")
    text = output(console)
    assert "Chongqing Industry and Commerce School" in text  # alias
    assert "dual-qualified-teachers" in text and "1 fact" in text


def test_sources_table() -> None:
    base = make_base(make_teachers())
    console = console_at(240)
    tables.sources_table(console, base.sources, {SOURCE_ID: 58}, "en")
    text = output(console)
    for expected in ("Chongqing Municipal Education Commission", "2024-09-09", "58", "1 source"):
        assert expected in text
    console = console_at(160)
    tables.sources_table(console, base.sources, {}, "zh")
    assert "重庆市教育委员会" in output(console)


# ---------------------------------------------------------------- search


def test_search_table_shows_matching_text_and_highlights() -> None:
    teachers = make_teachers()
    entity = ENTITIES[0]
    section = SECTIONS[2]
    base = make_base(teachers)
    hits = [
        FakeHit("fact", teachers, 3.25, ("teachers",)),
        FakeHit("entity", entity, 2.0, ("school",)),
        FakeHit("section", section, 1.0, ("staff",)),
    ]
    console = console_at(140)
    tables.search_table(console, hits, base, "zh", ["Teachers", "school", "staff"], total=9)
    text = output(console)
    # zh prefers Chinese text, but shows the English one when only it matched.
    assert "dual-qualified teachers." in text
    assert "Chongqing Technology" in text
    assert "Strengthening the teaching staff" in text
    assert "3.25" in text and "Showing 3 of 9" not in text
    assert "显示 3 条，共 9 条结果" in text

    console = console_at(140, color=True)
    tables.search_table(console, hits[:1], base, "en", ["Teachers"], total=1)
    text = output(console)
    assert "\x1b[1;7mteachers" in text
    assert "1 match" in text


def test_search_table_prefers_text_in_language() -> None:
    teachers = make_teachers()
    base = make_base(teachers)
    console = console_at(140)
    tables.search_table(console, [FakeHit("fact", teachers, 1.0)], base, "zh", ["双师"])
    text = output(console)
    assert "培养“双师型”教师2729名" in text
    assert "The district" not in text


def test_highlight_marks_every_occurrence() -> None:
    text = human.highlight(Text("Teach, teach, TEACH; 双师型 双师"), ["teach", "双师", ""])
    spans = [(s.start, s.end) for s in text.spans]
    assert (0, 5) in spans and (7, 12) in spans and (14, 19) in spans
    assert len(spans) == 5


# ---------------------------------------------------------------- chart


def bar_cells(line: str) -> float:
    partial = {"▏": 1, "▎": 2, "▍": 3, "▌": 4, "▋": 5, "▊": 6, "▉": 7}
    return line.count("█") + sum(partial.get(ch, 0) for ch in line) / 8


def chart_lines(text: str, label: str) -> str:
    return next(line for line in text.splitlines() if line.startswith(label + " "))


@pytest.mark.parametrize("lang", LANGS)
def test_chart_scales_one_unit_group_to_its_largest(lang: str) -> None:
    facts = [medal("gold", 28), medal("silver", 64), medal("bronze", 41)]
    console = console_at(80)
    charts.chart(console, facts, lang)
    text = output(console)
    heading = "单位：" if lang == "zh" else "Unit: "
    assert text.count(heading) == 1
    gold, silver, bronze = (bar_cells(chart_lines(text, n)) for n in ("gold", "silver", "bronze"))
    assert silver > bronze > gold > 0
    assert gold / silver == pytest.approx(28 / 64, abs=0.01)
    assert bronze / silver == pytest.approx(41 / 64, abs=0.01)
    assert all(cell_len(line) <= 80 for line in text.splitlines())
    assert ("28枚" if lang == "zh" else "28 medals") in text


def test_chart_never_mixes_units() -> None:
    facts = [
        make_fact("rate", value=80, unit="%", unit_en="%", qualifier="at_least"),
        make_fact("teachers", value=2729, unit="名", unit_en="teachers", qualifier="exact"),
        make_fact("text-only"),
    ]
    console = console_at(80)
    charts.chart(console, facts, "en")
    text = output(console)
    assert text.count("Unit: ") == 2
    assert "Unit: teachers (名)" in text and "Unit: %" in text
    # each group is scaled to its own largest value: both bars are full length
    assert bar_cells(chart_lines(text, "rate")) == bar_cells(chart_lines(text, "teachers"))
    assert bar_cells(chart_lines(text, "rate")) > 40
    assert "≥ 80%" in text and "2,729 teachers" in text
    assert "text-only" not in text


def test_chart_with_nothing_numeric_prints_nothing() -> None:
    console = console_at(80)
    charts.chart(console, [make_fact("words")], "en")
    assert output(console) == ""


def test_bar() -> None:
    assert charts.bar(64, 64, 10) == "█" * 10
    assert charts.bar(32, 64, 10) == "█" * 5
    assert charts.bar(28, 64, 8) == "███▌"
    assert charts.bar(1, 10_000, 10) == "▏"
    assert charts.bar(0, 64, 10) == ""
    assert charts.bar(5, 0, 10) == ""


@pytest.mark.parametrize("width", WIDTHS)
def test_chart_fits_width(width: int) -> None:
    facts = [medal("gold", 28), medal("silver", 64, qualifier="more_than"), medal("bronze", 41)]
    console = console_at(width)
    charts.chart(console, facts, "zh")
    for line in output(console).splitlines():
        assert cell_len(line) <= width
