"""The shipped fact base itself: complete, consistent, hedged right.

These tests read only the shipped facts.toml. The article text is not part of
the project; `jiangjin validate --source ...` proves the quotes against it.
"""

from __future__ import annotations

import re
from collections import Counter

from shipped_article import ARTICLE

from jiangjin_cli.model import FactBase
from jiangjin_cli.numbers import numbers_in

# One line per section, so that a lost (or an invented) fact is caught at once.
FACTS_PER_SECTION = {
    "0": 3,
    "1": 3,
    "1.1": 3,
    "1.2": 5,
    "1.3": 6,
    "2": 1,
    "2.1": 4,
    "2.2": 6,
    "2.3": 10,
    "3": 1,
    "3.1": 6,
    "3.2": 6,
    "3.3": 6,
    "4": 2,
    "4.1": 6,
    "4.2": 5,
    "4.3": 4,
}

# Every number the article body states, as (fact id, value). 43 in all.
NUMBERS = {
    "policy-documents": 9,
    "double-high-plan-colleges": 2,
    "high-level-secondary-vocational-schools": 2,
    "key-specialties": 36,
    "partner-enterprises": 450,
    "skill-master-studios": 13,
    "productive-training-person-times": 25000,
    "training-output-value": 30000000,
    "civility-and-style-organisation-awards": 14,
    "student-national-honours": 20,
    "national-teaching-innovation-teams": 15,
    "teacher-national-honours": 20,
    "dual-qualified-teachers": 2729,
    "dual-qualified-teacher-share": 80,
    "certificate-holders": 23000,
    "certificate-holder-share": 90,
    "pilot-reform-schools": 9,
    "national-competition-gold-medals": 28,
    "national-competition-silver-medals": 64,
    "national-competition-bronze-medals": 41,
    "medal-ranking-years": 10,
    "farmer-education-network-levels": 3,
    "social-training-projects": 42,
    "agricultural-training-person-times": 120000,
    "community-education-person-times": 60000,
    "comprehensive-agricultural-training-bases": 6,
    "field-schools": 12,
    "partner-agricultural-enterprises": 128,
    "professional-skill-training-bases": 132,
    "partner-villages": 52,
    "science-demonstration-parks": 81,
    "industry-and-commerce-school-group-members": 116,
    "group-village-pairings": 15,
    "grower-and-craftsman-training": 10000,
    "jiangnan-training-group-members": 112,
    "national-demonstration-group-units": 3,
    "exchanged-cadres-and-teachers": 150,
    "joint-training-bases": 5,
    "jointly-trained-talent": 1200,
    "paired-cities-and-counties": 6,
    "paired-vocational-schools": 14,
    "zhaotong-districts-and-counties": 10,
    "poor-students-received": 2000,
}

HEDGED = {
    "at_least": {
        "productive-training-person-times",
        "training-output-value",
        "dual-qualified-teacher-share",
        "poor-students-received",
    },
    "more_than": {
        "partner-enterprises",
        "student-national-honours",
        "teacher-national-honours",
        "agricultural-training-person-times",
        "community-education-person-times",
        "exchanged-cadres-and-teachers",
        "jointly-trained-talent",
    },
}

PERIODS = {
    "productive-training-person-times": "per_year",
    "grower-and-craftsman-training": "per_year",
    "poor-students-received": "per_year",
    "social-training-projects": "past_three_years",
    "agricultural-training-person-times": "past_three_years",
    "community-education-person-times": "past_three_years",
    "medal-ranking-years": "consecutive_years",
}


def test_facts_per_section(base: FactBase) -> None:
    assert Counter(f.section for f in base.facts) == FACTS_PER_SECTION


def test_outline_has_four_parts_of_three_points_and_a_lead(base: FactBase) -> None:
    ids = [s.id for s in base.sections]
    parts = ["1", "2", "3", "4"]
    assert ids == ["0"] + [x for p in parts for x in (p, f"{p}.1", f"{p}.2", f"{p}.3")]
    for section in base.sections:
        if "." in section.id:
            assert section.parent == section.id.split(".")[0]
        else:
            assert section.parent is None


def test_every_number_of_the_article_is_a_fact(base: FactBase) -> None:
    numeric = {f.id: f.value for f in base.facts if f.value is not None}
    assert numeric == NUMBERS


def test_hedges(base: FactBase) -> None:
    for fact in base.facts:
        if fact.value is None:
            assert fact.qualifier is None, fact.id
            continue
        expected = next((q for q, ids in HEDGED.items() if fact.id in ids), "exact")
        assert fact.qualifier == expected, fact.id


def _written_hedge(quote: str, value: float) -> str:
    """Reads the hedge straight from the quote, independently of the stored qualifier.

    余 right after the number means "more than"; 以上 right after the number (and its
    multiplier and a unit of at most two characters) means "at least". 以上 anywhere
    else (市级以上, 以上3个集团) is no hedge.
    """
    for match in re.finditer(r"(\d+(?:\.\d+)?)(万|亿)?", quote):
        number = float(match.group(1)) * {"万": 1e4, "亿": 1e8, None: 1}[match.group(2)]
        if abs(number - value) > 1e-6:
            continue
        rest = quote[match.end() :]
        if rest.startswith("余"):
            return "more_than"
        if re.match(r"^[^\d,、。]{0,2}?以上", rest):
            return "at_least"
        return "exact"
    return "exact"  # a Chinese numeral (三级) is never hedged in this article


def test_hedges_agree_with_the_words_of_the_quote(base: FactBase) -> None:
    for fact in base.facts:
        if fact.value is not None:
            assert fact.qualifier == _written_hedge(fact.quote, fact.value), fact.id


def test_periods(base: FactBase) -> None:
    assert {f.id: f.period for f in base.facts if f.period} == PERIODS


def test_values_agree_with_their_quotes(base: FactBase) -> None:
    for fact in base.facts:
        if fact.value is not None:
            assert any(abs(n - fact.value) < 1e-9 for n in numbers_in(fact.quote)), fact.id


def test_numbers_in_names_are_not_quantities(base: FactBase) -> None:
    # “6个1”, “4599”, “1+X”, “3+4”, “1+2+4+N” and 5G are names: a value must be
    # written outside every quoted name and outside 5G.
    for fact in base.facts:
        if fact.value is not None:
            bare = re.sub(r"“[^”]*”|5G", "", fact.quote)
            assert any(abs(n - fact.value) < 1e-9 for n in numbers_in(bare)), fact.id


def test_every_entity_is_mentioned_by_a_fact(base: FactBase) -> None:
    mentioned = {e for f in base.facts for e in f.entities}
    assert {e.id for e in base.entities} <= mentioned


def test_a_fact_links_every_entity_its_quote_names(base: FactBase) -> None:
    # By Chinese name or alias, unless inside a longer name the quote writes (乡村振兴 in
    # 乡村振兴学院): `facts --entity` finds a fact by what its source clause names.
    names = [
        (entity.id, name)
        for entity in base.entities
        for name in (entity.name, *entity.aliases)
        if len(name) > 1 and not name.isascii()
    ]
    unlinked = []
    for fact in base.facts:
        written = [(eid, name) for eid, name in names if name in fact.quote]
        for eid, name in written:
            inside = any(name != other and name in other for oid, other in written if oid != eid)
            if not inside and eid not in fact.entities:
                unlinked.append((fact.id, eid))
    assert unlinked == []


def test_nothing_from_the_page_noise(base: FactBase) -> None:
    noise = ("免责声明", "原文链接", "版权", "最新加入", "热门资讯", "30日内")
    texts = [f.quote for f in base.facts] + [e.name for e in base.entities]
    for text in texts:
        assert not any(word in text for word in noise), text


def test_units_in_english_for_every_number(base: FactBase) -> None:
    for fact in base.facts:
        if fact.value is not None:
            assert fact.unit and fact.unit_en, fact.id


def test_source_record(base: FactBase) -> None:
    (source,) = base.sources
    assert source.publisher == "重庆市教育委员会"
    assert source.published.isoformat() == "2024-09-09"
    assert source.title == "江津区高标准推进职业教育高质量发展"
    assert source.url.endswith("t20240909_13607514.html")
    assert all(f.source == source.id for f in base.facts)


def test_quotes_are_verbatim_clauses(base: FactBase) -> None:
    # The article writes ASCII commas and parentheses; a full-width one would mean
    # the quote was retyped rather than copied.
    for fact in base.facts:
        assert "，" not in fact.quote and "（" not in fact.quote, fact.id
        assert fact.quote == fact.quote.strip(), fact.id
        assert not fact.quote.endswith(("。", ",", "、")), fact.id


# --- deliberate choices of issue 10 -------------------------------------------------------------


def test_every_statement_stands_alone(base: FactBase) -> None:
    # get, show and cite print one fact at a time: no statement may lean on another.
    leaning = re.compile(r"^(?:It|They|This|These|Together|Their|The district)\b")
    for fact in base.facts:
        assert not leaning.match(fact.statement_en), fact.id


def test_medal_units_keep_the_metal(base: FactBase) -> None:
    units = {f.id: (f.unit, f.unit_en) for f in base.facts if "medals" in f.id}
    assert units == {
        "national-competition-gold-medals": ("金", "gold medals"),
        "national-competition-silver-medals": ("银", "silver medals"),
        "national-competition-bronze-medals": ("铜", "bronze medals"),
    }


def test_entity_names_and_aliases(base: FactBase) -> None:
    entity = base.entity_by_id
    assert len(base.entities) == 78
    assert "全国职业院校技能大赛" in entity["national-skills-competition"].aliases
    assert entity["national-skills-competition"].name_en == (
        "National Vocational College Skills Competition"
    )
    assert entity["field-schools"].name_en == "Farmer Field Schools"
    assert "Double High-Level Plan" in entity["double-high-plan"].aliases
    assert entity["sichuan-chongqing-famous-teachers-course-expo"].name_en == (
        "Sichuan-Chongqing master teachers' lesson expo"
    )
    assert entity["chongqing-vocational-education-going-global"].kind == "programme"
    model = "government-industry-academia-research-application-competition-entrepreneurship"
    assert model in entity
    assert not any("innovation" in e.id and "entrepreneurship" in e.name_en for e in base.entities)


def test_the_recognised_groups_have_entities_linked_to_their_fact_and_lead_schools(
    base: FactBase,
) -> None:
    groups = {
        "industry-and-commerce-school-vocational-education-group": (
            "chongqing-industry-and-commerce-school",
            "industry-and-commerce-school-group-members",
        ),
        "jiangnan-farmer-employment-and-entrepreneurship-training-group": (
            "chongqing-jiangnan-vocational-school",
            "jiangnan-training-group-members",
        ),
    }
    recognised = base.fact_by_id["national-demonstration-group-units"]
    for group, (school, founding) in groups.items():
        assert base.entity_by_id[group].kind == "group"
        assert base.entity_by_id[group].name in base.fact_by_id[founding].quote
        assert {group, school} <= set(base.fact_by_id[founding].entities)
        assert {group, school} <= set(recognised.entities)
    # The third: the Rural Revitalisation College and the institute that founded it.
    assert {"rural-revitalisation-college", "chongqing-vocational-institute-of-engineering"} <= set(
        recognised.entities
    )


def test_the_output_value_has_no_period(base: FactBase) -> None:
    # 年 heads only the clause of the training figure before it, not 创造产值3000万元以上.
    fact = base.fact_by_id["training-output-value"]
    assert fact.period is None
    assert "a year" not in fact.statement_en and "per year" not in fact.statement_en


def test_the_2729_teachers_are_linked_to_the_plan_their_sentence_names(base: FactBase) -> None:
    # 实施“双师双千”行动计划,培养“双师型”教师2729名: one sentence, the plan first; so asking
    # what the plan trained finds the 2,729 teachers (as the recognised groups are linked
    # to the fact of their recognition).
    plan = base.fact_by_id["double-teacher-double-thousand-plan"]
    teachers = base.fact_by_id["dual-qualified-teachers"]
    assert f"{plan.quote},{teachers.quote}" in ARTICLE.replace("\n", "")
    assert "double-teacher-double-thousand-plan" in teachers.entities
