"""Small fact bases built directly from the model, for the query and search tests.

The records imitate the real article (quotes with Chinese quotation marks, hedged
figures, English statements) but are written here, not read from facts.toml.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

from jiangjin_cli.model import Entity, Fact, FactBase, Section, Source

SOURCE_ID = "demo-source"

SOURCE = Source(
    id=SOURCE_ID,
    title="江津区高标准推进职业教育高质量发展",
    title_en="Jiangjin District advances vocational education",
    publisher="重庆市教育委员会",
    publisher_en="Chongqing Municipal Education Commission",
    url="https://example.org/jiangjin",
    published=dt.date(2024, 9, 9),
    language="zh",
)

SECTIONS: tuple[Section, ...] = (
    Section("0", "江津区高标准推进职业教育高质量发展", "Title and lead"),
    Section("1", "政府统筹,优化资源", "Government coordination, optimised resources"),
    Section("1.1", "深化产教融合", "Deepening industry-education integration", "1"),
    Section("2", "聚焦重点,发展内涵", "Focusing on priorities"),
    Section("2.1", "强化师资队伍建设", "Strengthening the teaching workforce", "2"),
    Section("2.2", "创新人才培养模式", "Innovating talent cultivation", "2"),
    Section("3", "高标准服务乡村振兴", "Serving rural revitalisation"),
    Section("3.1", "搭建培训平台", "Building training platforms", "3"),
)

ENTITIES: tuple[Entity, ...] = (
    Entity("jiangjin-district", "江津区", "Jiangjin District", "place"),
    Entity(
        "chongqing-industry-and-commerce-school",
        "重庆工商学校",
        "Chongqing Industry and Commerce School",
        "school",
        ("Chongqing Technology and Business School",),
    ),
    Entity("dual-qualified-teacher", "“双师型”教师", "dual-qualified teacher", "programme"),
    Entity("field-schools", "田间学校", "Field schools", "programme"),
    Entity(
        "national-skills-competition",
        "国赛",
        "national skills competition",
        "event",
        ("national competition",),
    ),
)


def fact(fact_id: str, section: str, quote: str, statement_en: str, **extra: Any) -> Fact:
    """A fact of the demo source; ``extra`` sets value, unit, entities, tags, ..."""
    if "entities" in extra:
        extra["entities"] = tuple(extra["entities"])
    if "tags" in extra:
        extra["tags"] = tuple(extra["tags"])
    return Fact(
        id=fact_id,
        section=section,
        quote=quote,
        statement_en=statement_en,
        source=SOURCE_ID,
        **extra,
    )


def number(
    fact_id: str,
    section: str,
    quote: str,
    statement_en: str,
    value: float,
    unit: str,
    unit_en: str,
    qualifier: str = "exact",
    **extra: Any,
) -> Fact:
    """A fact with a value."""
    return fact(
        fact_id,
        section,
        quote,
        statement_en,
        value=value,
        unit=unit,
        unit_en=unit_en,
        qualifier=qualifier,
        **extra,
    )


FACTS: tuple[Fact, ...] = (
    fact(
        "headline",
        "0",
        "江津区高标准推进职业教育高质量发展",
        "Jiangjin District promotes high-quality vocational education.",
        entities=["jiangjin-district"],
        tags=["overview"],
    ),
    number(
        "partner-enterprises",
        "1.1",
        "促进区域内职业院校与450余家企业建立“产学研”合作机制",
        "Vocational schools have set up cooperation with more than 450 enterprises.",
        450,
        "家",
        "enterprises",
        "more_than",
        tags=["enterprises", "cooperation"],
    ),
    number(
        "training-output-value",
        "1.1",
        "创造产值3000万元以上",
        "The training bases created output worth at least 30 million yuan.",
        30_000_000,
        "元",
        "yuan",
        "at_least",
        tags=["economy"],
    ),
    number(
        "dual-qualified-teachers",
        "2.1",
        "培养“双师型”教师2729名",
        "The district has trained 2,729 dual-qualified teachers.",
        2729,
        "名",
        "teachers",
        entities=["dual-qualified-teacher"],
        tags=["teachers"],
    ),
    number(
        "dual-qualified-teacher-share",
        "2.1",
        "“双师型”教师占比达80%以上",
        "Dual-qualified teachers make up at least 80% of the teaching staff.",
        80,
        "%",
        "percent",
        "at_least",
        entities=["dual-qualified-teacher"],
        tags=["teachers"],
    ),
    number(
        "national-competition-gold-medals",
        "2.2",
        "中职学校国赛获28金64银41铜",
        "Secondary vocational schools have won 28 gold medals in national competitions.",
        28,
        "金",
        "gold medals",
        entities=["national-skills-competition"],
        tags=["competitions", "medals"],
    ),
    number(
        "national-competition-silver-medals",
        "2.2",
        "中职学校国赛获28金64银41铜",
        "Secondary vocational schools have won 64 silver medals in national competitions.",
        64,
        "银",
        "silver medals",
        entities=["national-skills-competition"],
        tags=["competitions", "medals"],
    ),
    fact(
        "1-x-certificate-pilot",
        "2.2",
        "实施“1+X”证书制度试点",
        "The district runs a pilot of the '1+X' certificate system.",
        tags=["certificates"],
    ),
    fact(
        "one-school-one-brand-base",
        "2.2",
        "重庆工商学校被教育部评为“一校一品”文化品牌示范基地",
        "Chongqing Industry and Commerce School was named a 'one school, one brand' base.",
        entities=["chongqing-industry-and-commerce-school"],
        tags=["culture"],
    ),
    number(
        "agricultural-training-person-times",
        "3",
        "涉农培训12万余人次",
        "Agriculture-related training reached more than 120,000 person-times.",
        120_000,
        "人次",
        "person-times",
        "more_than",
        period="past_three_years",
        tags=["training", "rural"],
    ),
    number(
        "community-education-person-times",
        "3",
        "社区教育培训6万余人次",
        "Community education trained more than 60,000 person-times.",
        60_000,
        "人次",
        "person-times",
        "more_than",
        period="past_three_years",
        tags=["training", "community"],
    ),
    number(
        "field-schools",
        "3.1",
        "“田间学校”12所",
        "The district has set up 12 'field schools'.",
        12,
        "所",
        "schools",
        entities=["field-schools"],
        tags=["rural", "schools"],
    ),
    number(
        "science-demonstration-parks",
        "3.1",
        "与52个村(社)共建科普示范园81个",
        "Together with 52 villages (communities), 81 science demonstration parks were built.",
        81,
        "个",
        "parks",
        tags=["rural"],
    ),
    number(
        "productive-training-person-times",
        "3.1",
        "年生产性实训人次达2.5万以上",
        "Productive practical training reaches at least 25,000 person-times a year.",
        25_000.0,
        "人次",
        "person-times",
        "at_least",
        period="per_year",
        tags=["training"],
    ),
)


def build(
    facts: tuple[Fact, ...] = FACTS,
    entities: tuple[Entity, ...] = ENTITIES,
    sections: tuple[Section, ...] = SECTIONS,
) -> FactBase:
    """A FactBase of the demo records (or of the records given)."""
    return FactBase.build(
        path="<demo>",
        sources=(SOURCE,),
        # As reading a file of one source does, each section belongs to it.
        sections=tuple(replace(section, source=SOURCE_ID) for section in sections),
        entities=entities,
        facts=facts,
    )
