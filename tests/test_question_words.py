"""Question words, talk, answer words and generic vocabulary found in the second and third
sessions of 2026-12-07 (issue 13): each row a question a blind reader's set showed the search
misread, rephrased here, and the record it must find first. Through the real CLI, on the
shipped base and on made-up articles of the genre (tests/eval/other*-facts.toml).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from typer.testing import Result

from jiangjin_cli.query.analysis import more_than_numbers
from jiangjin_cli.tokens import query_segments, split_stops

from conftest import PACKAGE_ROOT

SHIPPED = ""
OTHER10 = str(PACKAGE_ROOT / "tests" / "eval" / "other10-facts.toml")
OTHER11 = str(PACKAGE_ROOT / "tests" / "eval" / "other11-facts.toml")
OTHER13 = str(PACKAGE_ROOT / "tests" / "eval" / "other13-facts.toml")
OTHER = PACKAGE_ROOT / "tests" / "eval"


@pytest.mark.parametrize(
    ("question", "facts", "fact_id"),
    [
        # 是一种什么样的 describes what the subject is: a count of one (一种) names nothing,
        # and the X of "A的X是什么" ends before 是.
        ("江津的“4599”是一种什么样的培养模式", SHIPPED, "4599-teacher-development-model"),
        ("“6个1”是一种什么样的育人模式", SHIPPED, "six-ones-moral-education-model"),
        # 关于 ("about") asks what a thing is about; "quick one" is talk.
        ("hey quick one: 江津那个 田间学校 是关于什么的", SHIPPED, "field-schools"),
        # English talk inside a Chinese clause goes as in an English one; "how many"
        # followed by talk counts nothing.
        ("ok 田间学校 一共 how many pls", SHIPPED, "field-schools"),
        # Place, slogan, phrase, activity, 工作 name the form of the answer, as name
        # does; "the full phrase" with its modifier too.
        ("结对帮扶的职业学校 are in which places?", SHIPPED, "paired-cities-and-counties"),
        ("what is the exact slogan for 江津制造", SHIPPED, "manufacturing-upgrade"),
        ("江津 work focus, what's the full phrase of 聚焦内涵发展", SHIPPED, "quality-focus"),
        (
            "Which activity brought in over 30 million yuan of output value?",
            SHIPPED,
            "training-output-value",
        ),
        ("江津哪项工作创造了3000万元产值", SHIPPED, "training-output-value"),
        # 荣誉称号 = 荣誉 + 称号 (an answer word): the base writes 荣誉 only.
        ("栖桐区得过哪些全省荣誉称号", OTHER11, "provincial-honours"),
        # "what else" asks; a combo is a combination.
        (
            "the incentive policy combo: finance and what else?",
            SHIPPED,
            "combined-incentive-policy",
        ),
        # A model's formula said in words.
        (
            "What is the one-plus-two-plus-four-plus-N layout mentioned for Jiangjin?",
            SHIPPED,
            "resource-layout-alignment",
        ),
        # A round number said with "more than" stands for 2701 to 2799: 2,729.
        ("江津培养了两千七百多名老师吗", SHIPPED, "dual-qualified-teachers"),
        ("两千七百多名", SHIPPED, "dual-qualified-teachers"),
        ("which figure is over 2,700 teachers", SHIPPED, "dual-qualified-teachers"),
        # Generic vocabulary: agencies are departments (部门); a shift is a move (转型);
        # 孩子 are students; technical schooling is vocational; attrition is turnover
        # (流失); 乡下 is rural and 及格 passes; roving is itinerant (走教).
        (
            "Which government agencies back vocational schooling in Jiangjin?",
            SHIPPED,
            "department-coordination",
        ),
        ("江津制造要转型成什么", SHIPPED, "manufacturing-upgrade"),
        ("江津每年给昭通招收多少个困难家庭的孩子", SHIPPED, "poor-students-received"),
        (
            "How many papers did the local authorities put out for technical schooling?",
            SHIPPED,
            "policy-documents",
        ),
        (
            "How high is teacher attrition in rural Chengyuan?",
            OTHER10,
            "rural-teacher-turnover-rate",
        ),
        ("跟2021年比,乡下娃的学业测评及格率涨了几个点", OTHER10, "pass-rate-increase"),
        ("How many roving teacher teams does Chengyuan have?", OTHER10, "itinerant-teaching-teams"),
        # 外省 are provinces; 成果 asks for what any record gives; 手艺(人) are craftsmen.
        ("江津结对帮扶了外省几所职业学校", SHIPPED, "paired-vocational-schools"),
        ("“双师双千”行动计划有啥成果", SHIPPED, "double-teacher-double-thousand-plan"),
        ("每年培训多少农村手艺人", SHIPPED, "grower-and-craftsman-training"),
        # A nursery is a kindergarten.
        (
            "How many nursery care workers were added through purchased services?",
            OTHER13,
            "childcare-workers-added",
        ),
        # 问问 (asking) is talk; a neighbourhood is a community (社区); youngsters are
        # students (third session of 2026-12-07, from heldout17).
        ("想问问社区教育培训了多少人次呀", SHIPPED, "community-education-person-times"),
        (
            "How many people joined neighbourhood learning in the past three years?",
            SHIPPED,
            "community-education-person-times",
        ),
        (
            "How many youngsters from poor families does Jiangjin take in each year?",
            SHIPPED,
            "poor-students-received",
        ),
        # 全称 (the full name), 功能 (which functions) and 单位 (which organisation) ask for
        # the form of the answer;
        # 技工 (technician) schools are vocational (from heldout18).
        ("那份职业教育实施方案的全称是什么", SHIPPED, "policy-documents"),
        (
            "综合性涉农培训基地集哪些功能于一体",
            SHIPPED,
            "comprehensive-agricultural-training-bases",
        ),
        ("技工类学校一年的生产性实训有多少人次", SHIPPED, "productive-training-person-times"),
        # 哪家单位 asks which organisation, as 哪家 alone does.
        ("江津中华职教社和哪个单位一起建了乡村振兴学院", SHIPPED, "rural-revitalisation-college"),
        # An organisation is a body as an association is (eleventh session, heldout35).
        (
            "Which organisation jointly built the Rural Revitalisation College?",
            SHIPPED,
            "rural-revitalisation-college",
        ),
        # A total asked (overall, 总共) comes before a figure for each year (eleventh
        # session, other44 and other29).
        (
            "How many students have taken part in the study tours overall?",
            str(OTHER / "other44-facts.toml"),
            "exchange-students-total",
        ),
        (
            "县里给乡村老师盖周转房总共花了多少钱",
            str(OTHER / "other29-facts.toml"),
            "housing-investment",
        ),
        # 今年 (this year) asks the figure a change came to, as 现在 does (other24).
        (
            "中考前1000名学生留在本区读高中的比例今年到了多少",
            str(OTHER / "other24-facts.toml"),
            "top-students-retention-now",
        ),
        # 问 that jieba leaves alone (想问一下) asks, it names nothing (other44).
        (
            "我心里有点没底,想问一下他们那边支教一般要待多久啊",
            str(OTHER / "other44-facts.toml"),
            "teaching-term-minimum",
        ),
        # A compound the base writes abbreviated: 科学普及 is 科普 (eleventh session).
        ("江津在乡下跟村里一起搞的科学普及园子有多少个", SHIPPED, "science-demonstration-parks"),
        # The unit that holds more of what is counted: weak schools, not school places
        # (the one quote writes both; eleventh session, other45).
        (
            "How many weak schools has Qinglan County improved in the past three years?",
            str(OTHER / "other45-facts.toml"),
            "weak-schools-improved",
        ),
        # Knowledge of the article: the 双师型 entity's English alias says what it means.
        (
            "How many instructors with both classroom and industry credentials are there?",
            SHIPPED,
            "dual-qualified-teachers",
        ),
    ],
)
def test_the_question_finds_its_record(
    invoke: Callable[..., Result], question: str, facts: str, fact_id: str
) -> None:
    options = ("--facts", facts) if facts else ()
    result = invoke("search", question, *options, "--limit", "1", "--format", "plain")
    assert result.stdout.strip() == fact_id, result.output


def test_a_count_of_one_is_cut_but_not_an_ordinal_or_a_larger_number() -> None:
    assert split_stops("是一种什么样的育人模式") == ["育人模式"]
    assert split_stops("第一批学校") == ["第一批学校"]
    assert split_stops("十一所学校") == ["十一所学校"]


def test_a_hedge_and_measure_word_after_a_number_are_the_numbers() -> None:
    assert query_segments("2700多名") == [("", ("2700",)), ("名", ())]
    assert query_segments("100多家规上") == [("", ("100",)), ("家", ()), ("规上", ())]
    assert query_segments("2700多") == [("", ("2700",))]


def test_more_than_numbers() -> None:
    assert more_than_numbers("2700多名")["2700"][:2] == ("2701", "2702")
    assert more_than_numbers("over 2,700 teachers")["2700"][-1] == "2799"
    assert more_than_numbers("450余家") == {"450": tuple(str(n) for n in range(451, 460))}
    # Too round to stand for a range (12万余 is 120000 as the article writes it), or
    # not round at all.
    assert more_than_numbers("120000余人次") == {}
    assert more_than_numbers("2729多名") == {}


@pytest.mark.parametrize(
    ("question", "facts", "fact_id"),
    [
        # Two facts share a quote writing a change (由61%提高到83%): 提高到了多少, now and
        # "rose to" ask the figure after it; 原来, 之前, previously the one before; "rise
        # by" the amount of the change.
        ("霁川老年大学的报名录取率提高到了多少", "other14", "admission-rate"),
        ("霁川老年大学报名录取率目前是多少", "other14", "admission-rate"),
        ("霁川老年大学报名录取率原来是多少", "other14", "admission-rate-previous-year"),
        ("特殊教育津贴标准原来是基本工资的多少", "other12", "allowance-previous-rate"),
        ("What is the special education allowance now?", "other12", "allowance-new-rate"),
        ("双减之前学科类校外培训机构有多少家", "other4", "tutoring-institutions-before"),
        ("学科类校外培训机构压减到了几家", "other4", "tutoring-institutions-after"),
        ("What was the rural teacher attrition rate previously?", "other2", "attrition-rate-2020"),
        ("The rural teacher attrition rate fell to what?", "other2", "attrition-rate-2023"),
        # The amount a figure changed by (较2021年提高4.2个百分点), not the figure.
        (
            "How much did the enrolment rate of disabled children rise by?",
            "other12",
            "enrolment-rate-increase",
        ),
    ],
)
def test_the_figure_of_a_change_the_question_asks_comes_first(
    invoke: Callable[..., Result], question: str, facts: str, fact_id: str
) -> None:
    base = OTHER / f"{facts}-facts.toml"
    result = invoke("search", question, "--facts", base, "--limit", "1", "--format", "plain")
    assert result.stdout.strip() == fact_id, result.output


@pytest.mark.parametrize(
    ("question", "facts", "fact_ids"),
    [
        # "What is the X" with a list in X asks any of the list: each medal fact answers.
        (
            "what were the gold, silver and bronze totals at national contests?",
            SHIPPED,
            {
                "national-competition-gold-medals",
                "national-competition-silver-medals",
                "national-competition-bronze-medals",
            },
        ),
        # A list modifying its noun: a record holding none of the list does not answer.
        (
            "What are the inter-school difference coefficients of Heting's primary and "
            "junior secondary schools?",
            str(OTHER / "other4-facts.toml"),
            set(),
        ),
    ],
)
def test_a_list_in_what_is_asked_asks_any_of_it(
    invoke: Callable[..., Result], question: str, facts: str, fact_ids: set[str]
) -> None:
    options = ("--facts", facts) if facts else ()
    result = invoke("search", question, *options, "--limit", "1", "--format", "plain")
    if fact_ids:
        assert result.stdout.strip() in fact_ids, result.output
    else:
        assert result.exit_code == 1, result.output
