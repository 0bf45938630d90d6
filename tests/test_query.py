"""Filters, lookups, suggestions and bare field values (jiangjin_cli.query)."""

from __future__ import annotations

import dataclasses
from dataclasses import replace

import pytest

from jiangjin_cli.model import Fact, FactBase, Section
from jiangjin_cli.query import (
    FACT_FIELDS,
    FactFilter,
    UnknownFieldError,
    UnknownKeyError,
    all_tags,
    facts_mentioning,
    filter_facts,
    find_entity,
    get_field,
    section_fact_counts,
    suggest,
)

try:
    from tests._builders import FACTS, build, fact, number
except ImportError:  # tests/ is not a package: pytest puts tests/ itself on sys.path
    from _builders import FACTS, build, fact, number


@pytest.fixture(scope="module")
def base() -> FactBase:
    return build()


def ids(facts: list[Fact]) -> list[str]:
    return [f.id for f in facts]


# --------------------------------------------------------------------------- sections


def test_no_filter_keeps_every_fact_in_file_order(base: FactBase) -> None:
    assert ids(filter_facts(base, FactFilter())) == [f.id for f in FACTS]


def test_part_includes_its_points(base: FactBase) -> None:
    got = filter_facts(base, FactFilter(section="2"))
    assert {f.section for f in got} == {"2.1", "2.2"}
    assert ids(got) == [f.id for f in FACTS if f.section in ("2", "2.1", "2.2")]


def test_point_matches_only_itself(base: FactBase) -> None:
    got = filter_facts(base, FactFilter(section="2.1"))
    assert ids(got) == ["dual-qualified-teachers", "dual-qualified-teacher-share"]


def test_part_with_own_facts_and_points(base: FactBase) -> None:
    got = filter_facts(base, FactFilter(section="3"))
    assert {f.section for f in got} == {"3", "3.1"}


def test_section_zero_is_the_lead(base: FactBase) -> None:
    assert ids(filter_facts(base, FactFilter(section="0"))) == ["headline"]


def test_section_key_is_folded(base: FactBase) -> None:
    assert filter_facts(base, FactFilter(section="２.１")) == filter_facts(
        base, FactFilter(section="2.1")
    )
    assert filter_facts(base, FactFilter(section=" 2.1 ")) == filter_facts(
        base, FactFilter(section="2.1")
    )


def test_part_prefix_does_not_match_longer_number() -> None:
    sections = (*build().sections, Section("21", "二十一", "Twenty-one"))
    extra = fact("in-21", "21", "第二十一部分", "Part twenty-one.")
    base = build(facts=(*FACTS, extra), sections=sections)
    assert "in-21" not in ids(filter_facts(base, FactFilter(section="2")))
    assert ids(filter_facts(base, FactFilter(section="21"))) == ["in-21"]


def test_unknown_section_raises_with_suggestions(base: FactBase) -> None:
    with pytest.raises(UnknownKeyError) as info:
        filter_facts(base, FactFilter(section="2.9"))
    assert info.value.what == "section"
    assert info.value.key == "2.9"
    assert "unknown section '2.9'" in str(info.value)
    assert info.value.suggestions  # 2.1, 2.2 ... are close


# --------------------------------------------------------------------------- entities


@pytest.mark.parametrize(
    "key",
    [
        "field-schools",
        "FIELD-SCHOOLS",
        "田间学校",
        "“田间学校”",
        "Field schools",
        "field SCHOOLS",
    ],
)
def test_entity_filter_accepts_id_name_english_name(base: FactBase, key: str) -> None:
    assert ids(filter_facts(base, FactFilter(entity=key))) == ["field-schools"]


def test_entity_filter_accepts_alias(base: FactBase) -> None:
    got = filter_facts(base, FactFilter(entity="Chongqing Technology and Business School"))
    assert ids(got) == ["one-school-one-brand-base"]


def test_unknown_entity_raises_with_suggestions(base: FactBase) -> None:
    with pytest.raises(UnknownKeyError) as info:
        filter_facts(base, FactFilter(entity="field-school"))
    assert info.value.what == "entity"
    assert info.value.suggestions[0] == "field-schools"
    assert "did you mean: field-schools" in str(info.value)


def test_find_entity(base: FactBase) -> None:
    school = find_entity(base, "重庆工商学校")
    assert school is not None
    assert school.id == "chongqing-industry-and-commerce-school"
    assert find_entity(base, "chongqing industry and commerce school") == school
    assert find_entity(base, "ＣＨＯＮＧＱＩＮＧ  Technology and Business School") == school
    dual = find_entity(base, "双师型教师")
    assert dual is not None
    assert dual.id == "dual-qualified-teacher"
    assert find_entity(base, "nowhere") is None
    assert find_entity(base, "") is None
    assert find_entity(base, "   ") is None


def test_find_entity_prefers_id_over_name() -> None:
    base = build()
    clash = dataclasses.replace(base.entities[0], id="x-clash", name="field-schools")
    base = build(entities=(clash, *base.entities))
    found = find_entity(base, "field-schools")
    assert found is not None
    assert found.id == "field-schools"


def test_facts_mentioning(base: FactBase) -> None:
    assert ids(facts_mentioning(base, "dual-qualified-teacher")) == [
        "dual-qualified-teachers",
        "dual-qualified-teacher-share",
    ]
    assert facts_mentioning(base, "no-such-entity") == []


# --------------------------------------------------------------------------- tags, numbers


def test_tag_filter_is_case_insensitive(base: FactBase) -> None:
    got = filter_facts(base, FactFilter(tag="Medals"))
    assert ids(got) == ["national-competition-gold-medals", "national-competition-silver-medals"]


def test_unknown_tag_suggests(base: FactBase) -> None:
    with pytest.raises(UnknownKeyError) as info:
        filter_facts(base, FactFilter(tag="teacher"))
    assert info.value.what == "tag"
    assert "teachers" in info.value.suggestions


def test_numeric_keeps_facts_with_value(base: FactBase) -> None:
    got = filter_facts(base, FactFilter(numeric=True))
    assert got
    assert all(f.value is not None for f in got)
    assert len(got) == sum(1 for f in FACTS if f.value is not None)


def test_min_max_are_inclusive_and_drop_valueless(base: FactBase) -> None:
    got = filter_facts(base, FactFilter(min_value=80, max_value=2729))
    assert ids(got) == [
        "partner-enterprises",
        "dual-qualified-teachers",
        "dual-qualified-teacher-share",
        "science-demonstration-parks",
    ]
    assert all(f.value is not None for f in filter_facts(base, FactFilter(max_value=1e12)))
    assert filter_facts(base, FactFilter(min_value=1e12)) == []


def test_sort_by_value_is_descending_with_valueless_last(base: FactBase) -> None:
    got = filter_facts(base, FactFilter(sort="value"))
    values = [f.value for f in got]
    numbers = [v for v in values if v is not None]
    assert numbers == sorted(numbers, reverse=True)
    assert values[: len(numbers)] == numbers
    assert all(v is None for v in values[len(numbers) :])
    # Valueless facts keep file order.
    assert ids([f for f in got if f.value is None]) == [f.id for f in FACTS if f.value is None]


def test_sort_by_value_ties_keep_file_order() -> None:
    a = number("a", "2.1", "甲10名", "A: 10.", 10, "名", "people")
    b = number("b", "2.1", "乙10名", "B: 10.", 10.0, "名", "people")
    base = build(facts=(a, b))
    assert ids(filter_facts(base, FactFilter(sort="value"))) == ["a", "b"]


def test_sort_by_value_puts_the_largest_first(base: FactBase) -> None:
    top = filter_facts(base, FactFilter(sort="value"))[0]
    assert top.id == "training-output-value"


def test_filters_combine(base: FactBase) -> None:
    got = filter_facts(base, FactFilter(section="3", tag="training", min_value=70_000))
    assert ids(got) == ["agricultural-training-person-times"]


def test_a_bad_sort_raises(base: FactBase) -> None:
    with pytest.raises(ValueError, match="sort"):
        filter_facts(base, FactFilter(sort="size"))  # type: ignore[arg-type]


# --------------------------------------------------------------------------- sections


def test_section_fact_counts(base: FactBase) -> None:
    counts = {key[1]: value for key, value in section_fact_counts(base).items()}
    assert list(section_fact_counts(base)) == [(s.source, s.id) for s in base.sections]
    assert counts["0"] == (1, 1)
    assert counts["2"] == (0, 6)
    assert counts["2.1"] == (2, 2)
    assert counts["2.2"] == (4, 4)
    assert counts["3"] == (2, 5)
    assert counts["3.1"] == (3, 3)
    assert sum(own for own, _total in counts.values()) == len(FACTS)


# --------------------------------------------------------------------------- suggest


def test_suggest_finds_the_longer_id() -> None:
    candidates = [f.id for f in FACTS]
    got = suggest("dual-teachers", candidates)
    assert got[0] == "dual-qualified-teachers"
    assert len(got) <= 3


def test_suggest_handles_case_width_and_typos() -> None:
    candidates = ["field-schools", "partner-enterprises", "headline"]
    assert suggest("FIELD-SCHOOL", candidates) == ["field-schools"]
    assert suggest("ｆｉｅｌｄ-ｓｃｈｏｏｌｓ", candidates)[0] == "field-schools"
    assert suggest("partner-enterprizes", candidates)[0] == "partner-enterprises"
    assert suggest("headlin", candidates) == ["headline"]


def test_suggest_limits_and_refuses_far_keys() -> None:
    candidates = ["teachers-a", "teachers-b", "teachers-c", "teachers-d"]
    assert len(suggest("teachers", candidates, n=2)) == 2
    assert suggest("teachers", candidates, n=0) == []
    assert suggest("zzzz", ["field-schools", "headline"]) == []
    assert suggest("", candidates) == []
    assert suggest("x", []) == []


def test_suggest_chinese_names() -> None:
    names = ["田间学校", "重庆工商学校", "江津区"]
    assert suggest("田间学", names)[0] == "田间学校"
    assert suggest("工商学校", names)[0] == "重庆工商学校"


# --------------------------------------------------------------------------- fields


def test_fact_fields_are_the_export_names() -> None:
    assert FACT_FIELDS == (
        "id",
        "section",
        "quote",
        "statement_en",
        "value",
        "unit",
        "unit_en",
        "qualifier",
        "period",
        "entities",
        "tags",
        "source",
    )


def test_get_field_bare_text(base: FactBase) -> None:
    teachers = base.fact_by_id["dual-qualified-teachers"]
    assert get_field(teachers, "value") == "2729"
    assert get_field(teachers, "unit") == "名"
    assert get_field(teachers, "quote") == "培养“双师型”教师2729名"
    assert get_field(teachers, "entities") == "dual-qualified-teacher"
    assert get_field(teachers, "period") == ""
    assert get_field(teachers, "Statement-EN") == teachers.statement_en
    medals = base.fact_by_id["national-competition-gold-medals"]
    assert get_field(medals, "tags") == "competitions,medals"
    productive = base.fact_by_id["productive-training-person-times"]
    assert get_field(productive, "value") == "25000"  # stored as 25000.0
    assert get_field(productive, "period") == "per_year"
    headline = base.fact_by_id["headline"]
    assert get_field(headline, "value") == ""
    assert get_field(headline, "unit") == ""
    assert get_field(headline, "qualifier") == ""
    for name in FACT_FIELDS:
        assert isinstance(get_field(headline, name), str)


def test_get_field_unknown_names_valid_fields(base: FactBase) -> None:
    with pytest.raises(UnknownFieldError) as info:
        get_field(base.facts[0], "valeu")
    message = str(info.value)
    assert "valeu" in message
    for name in FACT_FIELDS:
        assert name in message
    assert info.value.suggestions[0] == "value"
    assert isinstance(info.value, ValueError)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (2729, "2729"),
        (2729.0, "2729"),
        (25000.0, "25000"),
        (30_000_000, "30000000"),
        (2.5, "2.5"),
        (0.1, "0.1"),
        (1e-05, "0.00001"),
        (1e16, "10000000000000000"),
        (-3.0, "-3"),
        (None, ""),
    ],
)
def test_get_field_value(base: FactBase, value: float | None, text: str) -> None:
    assert get_field(replace(base.facts[0], value=value), "value") == text


# --------------------------------------------------------------------------- completion


def test_all_tags(base: FactBase) -> None:
    tags = all_tags(base)
    assert tags == sorted(set(tags))
    assert "teachers" in tags
    assert "medals" in tags
