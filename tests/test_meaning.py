"""Rules of meaning (jiangjin_cli.meaning): qualifier, unit, period and statement_en
agree with the quote. Unit tests of each reading, facts that break and keep each
rule (from this article and plausible others of the genre), and the contradictions
of issue 10 made one at a time in a copy of the shipped base, through the CLI.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from jiangjin_cli import store
from jiangjin_cli.errors import Exit
from jiangjin_cli.numbers import quantities_in, same_number
from jiangjin_cli.store.meaning import (
    clause_periods,
    period_problem,
    period_problem_in_sentence,
    periods_at,
    qualifier_problem,
    qualifiers_at,
    sentence_of,
    statement_problems,
    unit_problem,
)

from conftest import Written

Invoke = Callable[..., Result]

# --- qualifier ------------------------------------------------------------------------------------


def _hedges(text: str, value: float) -> set[str]:
    quantity = next(q for q in quantities_in(text) if same_number(q.value, value))
    return qualifiers_at(text, quantity)[0]


@pytest.mark.parametrize(
    ("text", "value", "expected"),
    [
        ("培养“双师型”教师2729名", 2729, set()),
        ("促进区域内职业院校与450余家企业建立", 450, {"more_than"}),
        ("涉农培训12万余人次", 120_000, {"more_than"}),
        ("与100多家企业合作", 100, {"more_than"}),
        ("培训2万多人", 20_000, {"more_than"}),
        ("年生产性实训人次达2.5万以上", 25_000, {"at_least"}),
        ("“双师型”教师占比达80%以上", 80, {"at_least"}),
        ("年接收当地贫困学生2000人以上", 2000, {"at_least"}),
        ("创造产值3000万元以上", 30_000_000, {"at_least"}),
        ("培训1000人次及以上", 1000, {"at_least"}),
        ("受益学生不少于500名", 500, {"at_least"}),
        ("至少3所学校", 3, {"at_least"}),
        ("惠及超过2000户", 2000, {"more_than"}),
        ("约300名教师参加", 300, {"about"}),
        ("共约300名教师", 300, {"about"}),
        ("大约300名", 300, {"about"}),
        ("吸引近2000人参加", 2000, {"about"}),
        ("将近2000人", 2000, {"about"}),
        ("参训教师200人左右", 200, {"about"}),
        ("班额控制在45人以下", 45, {"at_most"}),
        ("误差在5%以内", 5, {"at_most"}),
        ("每班最多40人", 40, {"at_most"}),
        ("不超过30人", 30, {"more_than", "at_most"} - {"more_than"}),
        ("合格率不低于90%", 90, {"at_least"}),
        ("注册用户突破9.8万人", 98_000, {"more_than"}),
        ("班额不高于45人", 45, {"at_most"}),
        # A hedge of several characters governs a share of what stands between (…的15%).
        ("交流教师不少于符合条件教师总数的15%", 15, {"at_least"}),
        ("其中骨干教师不少于交流总数的20%", 20, {"at_least"}),
        ("受益学生超过全区学生的30%", 30, {"more_than"}),
        # ... but not across a clause, nor from a number of its own.
        ("不少于3所学校,覆盖全区的40%", 40, set()),
        ("不少于3所学校的40%", 40, set()),
        ("全区学生的30%", 30, set()),
        # A verb of one or two characters may stand between (至少掌握2项), but not 的.
        ("确保每名学生至少掌握2项运动技能", 2, {"at_least"}),
        ("至少是3所", 3, {"at_least"}),
        ("最多的是3所", 3, set()),
        # 以上 after a unit of several characters.
        ("近视率每年下降1个百分点以上", 1, {"at_least"}),
        ("投诉在5个工作日以内办结", 5, {"at_most"}),
        # 约 after 失 is a hedge: 失约 takes no number (损失约: a loss of about).
        ("挽回群众经济损失约930万元", 9_300_000, {"about"}),
        ("不足100人", 100, {"less_than"}),
        ("不到百分之十", 10, {"less_than"}),
        ("未满18周岁", 18, {"less_than"}),
        # Not hedges: words that end in 约 or 近, 以上 before a number, 多 with no number.
        ("与20家企业签约", 20, set()),
        ("覆盖近300个村", 300, {"about"}),
        ("签约20家企业", 20, set()),
        ("节约300万元", 3_000_000, set()),
        ("附近3个村", 3, set()),
        ("最近3个月", 3, set()),
        ("近三年,共开展社会培训项目42项", 3, set()),
        ("以上3个集团被教育部认定", 3, set()),
        ("建成市级以上技能大师工作室13个", 13, set()),
        ("与多家企业合作共建5个基地", 5, set()),
    ],
)
def test_qualifiers_at(text: str, value: float, expected: set[str]) -> None:
    assert _hedges(text, value) == expected


@pytest.mark.parametrize(
    ("quote", "value", "qualifier", "agrees"),
    [
        ("促进区域内职业院校与450余家企业建立", 450, "more_than", True),
        ("促进区域内职业院校与450余家企业建立", 450, "exact", False),
        ("“双师型”教师占比达80%以上", 80, "at_least", True),
        ("“双师型”教师占比达80%以上", 80, "more_than", False),
        ("培养“双师型”教师2729名", 2729, "exact", True),
        ("培养“双师型”教师2729名", 2729, "at_least", False),
        ("吸引近2000人参加", 2000, "about", True),
        ("吸引近2000人参加", 2000, "exact", False),
        ("不足100人", 100, "less_than", True),
        ("不足100人", 100, "at_most", False),
        # The value twice: it agrees if it fits either.
        ("去年50人,今年50余人", 50, "exact", True),
        ("去年50人,今年50余人", 50, "more_than", True),
        # A range: its low end is at_least, its high end at_most.
        ("新建园3至5年内达到示范园标准", 3, "at_least", True),
        ("新建园3至5年内达到示范园标准", 3, "exact", False),
        ("新建园3至5年内达到示范园标准", 5, "at_most", True),
        ("新建园3年到5年内达标", 5, "at_most", True),
        ("由12个增加到15个", 15, "exact", True),  # 到 after a word, not a number
        # Each end written with its scale and unit (200万元至1500万元, 5万人次到8万人次).
        ("每校投入200万元至1500万元不等", 15_000_000, "at_most", True),
        ("每校投入200万元至1500万元不等", 15_000_000, "exact", False),
        ("每校投入200万元至1500万元不等", 2_000_000, "at_least", True),
        ("年培训5万人次到8万人次", 80_000, "at_most", True),
        # A unit written as a symbol before 以上 (18℃以上, 5‰以下).
        ("教室温度保持在18℃以上", 18, "at_least", True),
        ("教室温度保持在18℃以上", 18, "exact", False),
        ("近视率控制在5‰以下", 5, "at_most", True),
        ("2019年至今", 2019, "exact", True),  # 至今 is no range
    ],
)
def test_qualifier_problem(quote: str, value: float, qualifier: str, agrees: bool) -> None:
    problem = qualifier_problem(quote, value, qualifier)
    assert (problem is None) is agrees, problem


def test_qualifier_problem_says_what_the_quote_writes() -> None:
    problem = qualifier_problem("与450余家企业建立", 450, "exact")
    assert problem is not None
    assert 'qualifier "exact"' in problem
    assert "450余家" in problem
    assert "more_than" in problem


# --- unit ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("quote", "value", "unit", "agrees"),
    [
        ("培养“双师型”教师2729名", 2729, "名", True),
        ("培养“双师型”教师2729名", 2729, "所", False),
        ("促进区域内职业院校与450余家企业建立", 450, "家", True),
        ("涉农培训12万余人次", 120_000, "人次", True),
        ("涉农培训12万余人次", 120_000, "人", False),  # 人 is not 人次
        ("年培训种植户、乡村工匠1万人次", 10_000, "人次", True),
        ("创造产值3000万元以上", 30_000_000, "元", True),
        ("创造产值3000万元以上", 30_000_000, "万元", False),  # values are in base units
        ("“双师型”教师占比达80%以上", 80, "%", True),
        ("“双师型”教师占比达80%以上", 80, "人", False),
        ("年生产性实训人次达2.5万以上", 25_000, "人次", True),  # the unit before the number
        ("年生产性实训人次达2.5万以上", 25_000, "名", False),
        ("中职学校国赛获28金64银41铜", 64, "银", True),
        ("中职学校国赛获28金64银41铜", 64, "金", False),
        ("建立覆盖区、镇、村三级农民教育网络", 3, "级", True),
        ("金牌数和奖牌数连续10年位居全市前列", 10, "年", True),
        ("新建园3至5年内达到示范园标准", 3, "年", True),  # the unit after the high end
        ("新建园3至5年内达到示范园标准", 3, "至", False),
        # The high end's scale is no part of the low end's unit (30万至50万元: 元).
        ("对引进博士每人给予30万至50万元安家补贴", 300_000, "元", True),
        ("每校投入200万元至1500万元不等", 2_000_000, "元", True),
        ("每校投入200万元至1500万元不等", 15_000_000, "元", True),
        ("对引进博士每人给予30万至50万元安家补贴", 300_000, "万元", False),
        # 个 is not 个百分点, 分 is not 分钟, 个 is not 个月.
        ("较上年提高2.1个百分点", 2.1, "个百分点", True),
        ("较上年提高2.1个百分点", 2.1, "个", False),
        ("作业完成时间不超过60分钟", 60, "分钟", True),
        ("作业完成时间不超过60分钟", 60, "分", False),
        ("跟岗学习3个月", 3, "个月", True),
        ("跟岗学习3个月", 3, "个", False),
        ("提前15个工作日报备", 15, "个工作日", True),
        ("提前15个工作日报备", 15, "个", False),
        ("教室温度保持在18℃以上", 18, "℃", True),
    ],
)
def test_unit_problem(quote: str, value: float, unit: str, agrees: bool) -> None:
    problem = unit_problem(quote, value, unit)
    assert (problem is None) is agrees, problem


def test_unit_problem_names_the_written_unit() -> None:
    problem = unit_problem("培养“双师型”教师2729名", 2729, "所")
    assert problem is not None and '"所"' in problem and "2729名" in problem


def test_a_problem_shows_a_unit_of_several_characters_whole() -> None:
    problem = qualifier_problem("作业完成时间不超过60分钟", 60, "exact")
    assert problem is not None and "不超过60分钟" in problem


# --- period -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        ("年培训种植户、乡村工匠1万人次", {"per_year"}),
        ("年接收当地贫困学生2000人以上", {"per_year"}),
        ("每年开展职业培训2.5万人次以上", {"per_year"}),
        ("学校每年培训教师300人", {"per_year"}),
        ("近三年", {"past_three_years"}),
        ("近两年共培训500人", {"past_two_years"}),
        ("近5年来新增专业12个", {"past_five_years"}),
        ("近四年累计投入资金3亿元", {"past_four_years"}),
        ("近十年来培养技能人才5万余名", {"past_ten_years"}),
        ("近一年新增合作企业30家", {"past_year"}),
        ("近10年共建基地8个", {"past_ten_years"}),
        ("金牌数和奖牌数连续10年位居全市前列", {"consecutive_years"}),
        ("连续三年获评优秀", {"consecutive_years"}),
        # Not periods.
        ("近年来培训教师300人", set()),
        ("2023年培训教师300人", set()),
        ("年底建成实训基地5个", set()),
        ("青年教师200名", set()),
        ("吸引近2000人参加", set()),
        ("培养“双师型”教师2729名", set()),
    ],
)
def test_clause_periods(clause: str, expected: set[str]) -> None:
    assert clause_periods(clause) == expected


SENTENCE = "近三年,共开展社会培训项目42项,涉农培训12万余人次,社区教育培训6万余人次"


def test_a_period_at_the_head_of_a_sentence_governs_its_clauses() -> None:
    assert periods_at(SENTENCE, SENTENCE.index("6万")) == {"past_three_years"}
    assert periods_at(SENTENCE, SENTENCE.index("42")) == {"past_three_years"}


def test_year_heading_one_clause_governs_only_that_clause() -> None:
    sentence = "学校利用产教融合基地,年生产性实训人次达2.5万以上,创造产值3000万元以上"
    assert periods_at(sentence, sentence.index("2.5万")) == {"per_year"}
    assert periods_at(sentence, sentence.index("3000")) == set()
    # Even at the head of the sentence, bare 年 governs only its clause.
    sentence = "年培训种植户1万人次,新建基地3个"
    assert periods_at(sentence, sentence.index("3个")) == set()


@pytest.mark.parametrize(
    ("quote", "value", "period", "agrees"),
    [
        ("年培训种植户、乡村工匠1万人次", 10_000, "per_year", True),
        ("年培训种植户、乡村工匠1万人次", 10_000, None, False),  # the clause says 年
        ("年培训种植户、乡村工匠1万人次", 10_000, "past_three_years", False),
        (SENTENCE, 60_000, "past_three_years", True),
        (SENTENCE, 60_000, None, False),
        (SENTENCE, 60_000, "per_year", False),
        ("培养“双师型”教师2729名", 2729, None, True),
        ("培养“双师型”教师2729名", 2729, "per_year", False),  # a period the quote lacks
        ("培养“双师型”教师2729名", 2729, "past_three_years", False),
        ("金牌数和奖牌数连续10年位居全市前列", 10, "consecutive_years", True),
        ("金牌数和奖牌数连续10年位居全市前列", 10, None, False),
        ("2023年培训教师300人", 300, None, True),
        ("近年来培训教师300人", 300, None, True),
        # A 年 no marker reads (学校年培训) lets per_year through rather than refuse it.
        ("江南职业学校年培训农民3000人", 3000, "per_year", True),
    ],
)
def test_period_problem(quote: str, value: float, period: str | None, agrees: bool) -> None:
    problem = period_problem(quote, value, period)
    assert (problem is None) is agrees, problem


def test_sentence_of_finds_the_whole_sentence() -> None:
    text = f"标题\n前言。{SENTENCE}。二是搭建培训平台。"
    found = sentence_of(text, "社区教育培训6万余人次")
    assert found is not None
    sentence, offset = found
    assert sentence == SENTENCE
    assert sentence[offset:].startswith("社区教育培训")
    assert sentence_of(text, "不在文中") is None


@pytest.mark.parametrize(
    ("quote", "period", "agrees"),
    [
        ("社区教育培训6万余人次", "past_three_years", True),
        ("社区教育培训6万余人次", None, False),  # the sentence head gives 近三年
        ("社区教育培训6万余人次", "per_year", False),
    ],
)
def test_period_problem_in_sentence(quote: str, period: str | None, agrees: bool) -> None:
    offset = SENTENCE.index(quote)
    problem = period_problem_in_sentence(SENTENCE, offset, quote, 60_000, period)
    assert (problem is None) is agrees, problem


# --- statement_en ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("statement", "quote", "value", "qualifier", "period"),
    [
        ("The district has trained 2,729 teachers.", "培养教师2729名", 2729, "exact", None),
        ("The district has trained 2729 teachers.", "培养教师2729名", 2729, "exact", None),
        ("At least 25,000 person-times a year.", "年实训人次达2.5万以上", 25000, "at_least", None),
        ("Output of at least 30 million yuan.", "创造产值3000万元以上", 3e7, "at_least", None),
        ("More than 450 enterprises.", "与450余家企业", 450, "more_than", None),
        ("Over 150 people were exchanged.", "互派150余人", 150, "more_than", None),
        ("450+ enterprises.", "与450余家企业", 450, "more_than", None),
        ("2,000 students or more each year.", "年接收学生2000人以上", 2000, "at_least", None),
        ("No fewer than 500 students.", "不少于500名", 500, "at_least", None),
        ("About 300 teachers took part.", "约300名教师参加", 300, "about", None),
        ("Nearly 2,000 people came.", "吸引近2000人参加", 2000, "about", None),
        ("Classes have at most 45 pupils.", "班额45人以下", 45, "at_most", None),
        ("Drivers aged 60 or under.", "驾驶员年龄60周岁以下", 60, "at_most", None),
        ("Classes of 45 pupils or below.", "班额45人以下", 45, "at_most", None),
        ("Rooms kept at 18℃ or above.", "教室温度保持在18℃以上", 18, "at_least", None),
        ("Fewer than 100 people.", "不足100人", 100, "less_than", None),
        ("A share not lower than 15%.", "不少于总数的15%", 15, "at_least", None),
        ("Classes no higher than 45.", "班额不高于45人", 45, "at_most", None),
        ("Users have passed the 98,000 mark.", "注册用户突破9.8万人", 98000, "more_than", None),
        ("Users surpassed 98,000.", "注册用户突破9.8万人", 98000, "more_than", None),
        ("A network of three levels.", "三级农民教育网络", 3, "exact", None),
        ("Two schools were built.", "建成学校2所", 2, "exact", None),
        # Other numbers the quote writes, names in quotation marks, compounds, years.
        ("14 schools in 6 cities and counties.", "6个市县14所职业学校", 14, "exact", None),
        ("23,000 people hold “1+X” certificates.", "2.3万人获取“1+X”证书", 23000, "exact", None),
        ("9 schools pilot “3+4” and “five-year” training.", "9所职业院校", 9, "exact", None),
        ("12 schools run 5G labs and two-way links.", "学校12所", 12, "exact", None),
        ("The 10-year plan trained 300 people.", "培训300人", 300, "exact", None),
        ("In 2024 the district trained 300 people.", "培训300人", 300, "exact", None),
        ("The district was among the first to train 300 people.", "培训300人", 300, "exact", None),
        ("This is more than a school: 300 people trained.", "培训300人", 300, "exact", None),
        ("One of the schools trained 300 people.", "培训300人", 300, "exact", None),
        ("42 projects in the past three years.", "近三年,共开展项目42项", 42, "exact", None),
        (
            "120,000 in the past three years.",
            "涉农培训12万人次",
            120000,
            "exact",
            "past_three_years",
        ),
        ("The “4599” model has 15 teams.", "“4599”模式15个", 15, "exact", None),
        ("The 4599 model has 15 teams.", "“4599”模式15个", 15, "exact", None),
        ("Since 2019 and in September 2024, 15 teams.", "建成15个团队", 15, "exact", None),
        ("Over the past three years, 42 projects.", "近三年,共开展项目42项", 42, "exact", None),
        # The number of a school's name (第一中学) is no amount.
        ("No. 1 Middle School has 42 classes.", "第一中学有42个班", 42, "exact", None),
        ("Heting No.1 Middle School has 42 classes.", "第一中学有42个班", 42, "exact", None),
        # The value joined to its unit: a 24-hour duty system, a three-level network.
        ("Staff are on a 24-hour duty system.", "实行24小时值班制度", 24, "exact", None),
        ("A three-level network covers the county.", "三级网络覆盖全县", 3, "exact", None),
        ("It built a 4,200-square-metre dormitory.", "新建宿舍4200平方米", 4200, "exact", None),
    ],
)
def test_statements_that_keep_the_rule(
    statement: str, quote: str, value: float, qualifier: str, period: str | None
) -> None:
    assert statement_problems(statement, quote, value, qualifier, period) == []


@pytest.mark.parametrize(
    ("statement", "quote", "value", "qualifier", "says"),
    [
        ("The district has trained 2,728 teachers.", "培养教师2729名", 2729, "exact", "2,728"),
        ("The district has trained teachers.", "培养教师2729名", 2729, "exact", "does not write"),
        ("It trained 2,729 teachers in 2,730 days.", "培养教师2729名", 2729, "exact", "2,730"),
        ("450 enterprises.", "与450余家企业", 450, "more_than", "drops the hedge"),
        ("More than 2,729 teachers.", "培养教师2729名", 2729, "exact", "more_than"),
        ("Over 2,729 teachers.", "培养教师2729名", 2729, "exact", "more_than"),
        ("At least 450 enterprises.", "与450余家企业", 450, "more_than", "at_least"),
        ("More than 80% of teachers.", "占比达80%以上", 80, "at_least", "more_than"),
        ("Two thousand teachers.", "培养教师2729名", 2729, "exact", "Two thousand"),
        ("30 million yuan.", "创造产值3000万元以上", 3e7, "at_least", "drops the hedge"),
        ("The 2028 teachers trained.", "培养教师2029名", 2029, "exact", "2028"),
        # Not the value's last digits: 4,200 is no 200.
        ("It built a 4,200-square-metre hall.", "新建200平方米", 200, "exact", "does not write"),
    ],
)
def test_statements_that_break_the_rule(
    statement: str, quote: str, value: float, qualifier: str, says: str
) -> None:
    problems = statement_problems(statement, quote, value, qualifier, None)
    assert problems, statement
    assert any(says in problem for problem in problems), problems


# --- the shipped base, and contradictions made in a copy of it ------------------------------------


def test_the_shipped_base_is_clean_under_every_rule(invoke: Invoke) -> None:
    result = invoke("validate")
    assert result.exit_code == Exit.OK, result.stderr
    assert "problem" not in result.stderr


def test_the_shipped_base_is_clean_against_its_own_sentences(
    invoke: Invoke, tmp_path: Path
) -> None:
    """--source with a text rebuilt from the base's own quotes, the sentence with a
    head period whole (the article itself is not read by the tests; checked by hand)."""
    base = store.load(store.default_path())
    quotes = list(dict.fromkeys(fact.quote for fact in base.facts))
    # A quote inside a longer one (a sentence quoted from its head) is that sentence.
    whole = [q for q in quotes if not any(q != other and q in other for other in quotes)]
    assert len(whole) < len(quotes)
    text = "。\n".join(whole) + "。\n"
    article = tmp_path / "article.txt"
    article.write_text(text, encoding="utf-8")
    source = base.sources[0].id
    result = invoke("validate", "--source", f"{source}={article}")
    assert result.exit_code == Exit.OK, result.stderr


def _shipped_copy(tmp_path: Path, old: str, new: str) -> Path:
    text = store.default_path().read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path = tmp_path / "facts.toml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def _fact_block(fact_id: str) -> str:
    text = store.default_path().read_text(encoding="utf-8")
    start = text.index(f'id = "{fact_id}"')
    return text[start : text.index("[[facts]]", start) if "[[facts]]" in text[start:] else None]


def _edit_fact(fact_id: str, old: str, new: str) -> tuple[str, str]:
    block = _fact_block(fact_id)
    assert block.count(old) == 1, (fact_id, old)
    return block, block.replace(old, new)


# Each contradiction of issue 10, one at a time: (fact, field, old text, new text).
CONTRADICTIONS = [
    ("partner-enterprises", "qualifier", 'qualifier = "more_than"', 'qualifier = "exact"'),
    (
        "dual-qualified-teacher-share",
        "qualifier",
        'qualifier = "at_least"',
        'qualifier = "more_than"',
    ),
    ("dual-qualified-teachers", "qualifier", 'qualifier = "exact"', 'qualifier = "at_least"'),
    ("dual-qualified-teachers", "unit", 'unit = "名"', 'unit = "所"'),
    ("dual-qualified-teachers", "statement_en", "2,729", "2,728"),
    ("partner-enterprises", "statement_en", "more than 450", "450"),
    ("dual-qualified-teachers", "statement_en", "trained 2,729", "trained more than 2,729"),
    (
        "dual-qualified-teachers",
        "period",
        'qualifier = "exact"',
        'qualifier = "exact"\nperiod = "per_year"',
    ),
    ("poor-students-received", "period", 'period = "per_year"\n', ""),
]
OTHER_COMMANDS = [
    ["facts"],
    ["show", "dual-qualified-teachers"],
    ["get", "dual-qualified-teachers"],
    ["search", "teachers"],
    ["sections"],
    ["entities"],
    ["sources"],
    ["chart"],
    ["export"],
    ["cite"],
]


@pytest.mark.parametrize(
    ("fact_id", "field", "old", "new"),
    CONTRADICTIONS,
    ids=[f"{case[0]}.{case[1]}" for case in CONTRADICTIONS],
)
def test_each_contradiction_is_caught_and_refused(
    invoke: Invoke, tmp_path: Path, fact_id: str, field: str, old: str, new: str
) -> None:
    before, after = _edit_fact(fact_id, old, new)
    path = _shipped_copy(tmp_path, before, after)
    result = invoke("validate", path)
    assert result.exit_code == Exit.NO_MATCH, result.stdout + result.stderr
    assert f"jiangjin: {path}:" in result.stderr
    problems = [line for line in result.stderr.splitlines() if f" {fact_id}" in line]
    assert problems, result.stderr
    label = f" {fact_id}.{field}:" if field != "period" or "period" in after else f" {fact_id}:"
    assert any(label in line for line in problems), result.stderr
    for command in OTHER_COMMANDS:
        refused: Result = invoke("--facts", path, *command)
        assert refused.exit_code == Exit.USAGE, (command, refused.stdout)
        assert refused.stdout == ""
        assert "cannot use an invalid fact base" in refused.stderr


@pytest.mark.parametrize(
    ("quote", "qualifier", "statement", "zh", "en"),
    [
        (
            "与约450家企业开展合作",
            "about",
            "Schools work with about 450 companies.",
            "约450家",
            "≈ 450",
        ),
        (
            "与450家以下企业开展合作",
            "at_most",
            "Schools work with at most 450 companies.",
            "450家以下",
            "≤ 450",
        ),
        (
            "与不足450家企业开展合作",
            "less_than",
            "Schools work with fewer than 450 companies.",
            "不足450家",
            "< 450",
        ),
    ],
)
def test_new_qualifiers_are_valid_and_rendered(
    invoke: Invoke,
    write_base: Callable[..., Written],
    quote: str,
    qualifier: str,
    statement: str,
    zh: str,
    en: str,
) -> None:
    written = write_base(
        {
            'quote = "与450余家企业开展合作"': f'quote = "{quote}"',
            'qualifier = "more_than"': f'qualifier = "{qualifier}"',
            '"Schools work with more than 450 companies."': f'"{statement}"',
        }
    )
    assert invoke("validate", written.path).exit_code == Exit.OK
    got = invoke("--facts", written.path, "get", "enterprise-partners", "--field", "qualifier")
    assert got.stdout == f"{qualifier}\n"
    shown = invoke(
        "--facts", written.path, "show", "enterprise-partners", "--lang", "zh", "-f", "table"
    )
    assert zh in shown.stdout
    shown = invoke(
        "--facts", written.path, "show", "enterprise-partners", "--lang", "en", "-f", "table"
    )
    assert en in shown.stdout


def test_source_text_catches_a_period_given_only_at_the_head_of_the_sentence(
    invoke: Invoke, tmp_path: Path
) -> None:
    """A quote cut down to its clause passes on its own, but --source reads the
    sentence, whose head (近三年) governs the clause."""
    block = _fact_block("community-education-person-times")
    cut = block.replace(
        'quote = "近三年,共开展社会培训项目42项,涉农培训12万余人次,社区教育培训6万余人次"',
        'quote = "社区教育培训6万余人次"',
    ).replace('period = "past_three_years"\n', "")
    cut = cut.replace("In the past three years, Jiangjin", "Jiangjin")
    path = _shipped_copy(tmp_path, block, cut)
    assert invoke("validate", path).exit_code == Exit.OK
    base = store.load(path)
    sentence = next(f.quote for f in base.facts if f.id == "agricultural-training-person-times")
    article = tmp_path / "article.txt"
    article.write_text(f"{sentence},社区教育培训6万余人次。二是搭建培训平台。\n", encoding="utf-8")
    source = base.sources[0].id
    result = invoke("validate", path, "--source", f"{source}={article}")
    assert result.exit_code == Exit.NO_MATCH, result.stdout
    line = next(x for x in result.stderr.splitlines() if "community-education-person-times" in x)
    assert line.startswith(f"jiangjin: {path}:")
    assert ".period: no period, but its sentence gives one (past_three_years)" in line


def test_copies_of_a_fact_each_report_their_own_problems(tmp_path: Path) -> None:
    """A reading is made once per distinct quote and fields in a validation, but each
    fact that has the problem reports it, at its own lines and under its own id; a copy
    whose fields differ is read on its own."""
    from jiangjin_cli.errors import FactBaseError

    text = store.default_path().read_text(encoding="utf-8").rstrip("\n") + "\n"
    block = "[[facts]]\n" + _fact_block("dual-qualified-teachers").rstrip("\n") + "\n"
    bad = block.replace('qualifier = "exact"', 'qualifier = "at_least"')
    bad = bad.replace('unit = "名"', 'unit = "所"').replace("trained 2,729", "trained 2,728")
    copies = {
        "copy-a": bad,
        "copy-b": bad,
        "copy-good": block,  # the same quote, fields that agree with it
        "copy-c": bad,
    }
    lines: dict[str, int] = {}
    for ident, copy in copies.items():
        lines[ident] = text.count("\n") + 2  # after the blank line
        text += "\n" + copy.replace('id = "dual-qualified-teachers"', f'id = "{ident}"')
    path = tmp_path / "facts.toml"
    path.write_text(text, encoding="utf-8")

    with pytest.raises(FactBaseError) as caught:
        store.load(path)
    problems = caught.value.problems
    assert {problem.record for problem in problems} == {"copy-a", "copy-b", "copy-c"}
    offsets = {"statement_en": 4, "unit": 6, "qualifier": 8}  # from the [[facts]] line
    for ident in ("copy-a", "copy-b", "copy-c"):
        own = [problem for problem in problems if problem.record == ident]
        # qualifier, unit, and statement_en twice (2,728 written, 2,729 not)
        assert [problem.field for problem in own] == [
            "statement_en",
            "statement_en",
            "unit",
            "qualifier",
        ]
        for problem in own:
            assert problem.line == lines[ident] + offsets[problem.field or ""]
    messages = {ident: [p.message for p in problems if p.record == ident] for ident in copies}
    assert messages["copy-a"] == messages["copy-b"] == messages["copy-c"]
