"""How a question is read (issue 13, 2026-12-07): the grammar of what English and Chinese
questions ask, the speaker's frame, names, numbers and years, money, the bounds of a
range, and questions on made-up articles of the genre (tests/eval/other*-facts.toml).

Through the real CLI, and through the query functions for what a question is read as.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from typer.testing import Result

from jiangjin_cli import store
from jiangjin_cli.query.analysis import (
    COMMON_SHARE,
    analyse,
    english_names,
    listed_numbers,
)
from jiangjin_cli.query.scoring import bm25f, credited
from jiangjin_cli.query.talk import without_talk
from jiangjin_cli.store.index import F_CONTEXT, Index
from jiangjin_cli.tokens import stem

from conftest import PACKAGE_ROOT, Written

_OTHER2 = str(PACKAGE_ROOT / "tests" / "eval" / "other2-facts.toml")
_OTHER4 = str(PACKAGE_ROOT / "tests" / "eval" / "other4-facts.toml")
_OTHER17 = str(PACKAGE_ROOT / "tests" / "eval" / "other17-facts.toml")


def first(invoke: Callable[..., Result], question: str, *options: str) -> str:
    """The id of the first fact ``search`` gives for ``question`` ("" when refused)."""
    result = invoke("search", question, *options, "--limit", "1", "--format", "plain")
    assert result.exit_code in (0, 1), result.output
    return result.stdout.strip()


def test_an_english_word_the_base_lacks_weighs_less_unless_it_is_a_name(index: Index) -> None:
    # Paraphrase and talk are common words (forward); a topic the base lacks is a name.
    assert english_names(["How many medals did China win at the Olympics?"]) == {
        "china",
        stem("olympics"),
    }
    assert english_names(["What was Jiangjin's GDP? Tell me."]) == {"jiangjin", "gdp"}
    named = analyse(index, ["medals at the Olympics"]).unit_weight
    common = analyse(index, ["medals at the olympics"]).unit_weight
    olympics = stem("olympics")
    assert named[olympics] == pytest.approx(common[olympics] / COMMON_SHARE)
    assert named[stem("medals")] == common[stem("medals")]


@pytest.mark.parametrize(
    ("question", "fact_id"),
    [
        (
            "How many policy papers did the district put out to drive modern vocational"
            " schooling forward?",
            "policy-documents",
        ),
        (
            "What does the district do for impoverished students from a prefecture-level"
            " city in Yunnan?",
            "poor-students-received",
        ),
    ],
)
def test_an_english_paraphrase_with_common_words_the_base_lacks_is_answered(
    invoke: Callable[..., Result], question: str, fact_id: str
) -> None:
    assert first(invoke, question) == fact_id


def test_an_english_clause_of_story_around_the_question_is_talk(
    invoke: Callable[..., Result],
) -> None:
    # A clause that asks nothing and tells of things the base lacks (magazines, lifelong
    # learning) is the story around a question that asks about what the base knows.
    question = (
        "Magazines abroad rarely cover rural lifelong learning in China, so how many skill"
        " master studios has Jiangjin built?"
    )
    assert first(invoke, question) == "skill-master-studios"
    # ... but a question whose asking clause names nothing the base knows keeps it.
    result = invoke("search", "Magazines abroad rarely cover Jiangjin's dormitories, how many?")
    assert result.exit_code == 1, result.output


def test_an_english_question_framed_by_a_long_story_is_answered_alone(
    invoke: Callable[..., Result],
) -> None:
    # The speaker's story (my editor, deadline) frames the question after "could you tell
    # me": when the whole would be refused, the question is ranked alone ...
    question = (
        "Sorry for the long message, I'm writing up rural schooling in western China and my"
        " editor keeps pushing me before deadline — could you tell me how many social"
        " training projects Jiangjin ran?"
    )
    assert first(invoke, question) == "social-training-projects"
    # ... and what it asks the base cannot answer is still refused.
    for unanswerable in (
        "Sorry for the long message, my editor keeps pushing me — could you tell me who the"
        " mayor of Jiangjin is?",
        "Sorry for the long message, my editor keeps pushing me — could you tell me how"
        " many students Jiangnan Vocational School has?",
    ):
        result = invoke("search", unanswerable)
        assert result.exit_code == 1, result.output


def test_a_chinese_question_after_the_speakers_story_is_answered_alone(
    invoke: Callable[..., Result],
) -> None:
    # The story (我年轻时在山区教过几年书 ...) names what the base lacks (山区); the last
    # asking clause, read alone, asks what it holds ...
    question = (
        "您好,冒昧打扰。我年轻时在山区教过几年书,一直惦记那边的娃娃,前阵子看了篇报道很受触动。"
        "想请教一下,江津区一共结对了多少个市县"
    )
    assert first(invoke, question) == "paired-cities-and-counties"
    # 笔者 (the writer) and 俺 (dialect) are the speaker too.
    question = "笔者近来在写关于职教集团治理的论文,请问江津有几个国家级示范性职教集团培育单位"
    assert first(invoke, question) == "national-demonstration-group-units"
    # ... and a thing the base lacks asked there, or a figure it does not give about a
    # school the story names, is still refused.
    for unanswerable in (
        "您好,冒昧打扰。我年轻时在山区教过几年书,前阵子看了篇报道很受触动。想请教一下,江津区的区长是谁",
        "我儿子在重庆江南职业学校读书,老是跟我说学校好,我想问一下,这个学校有多少学生",
    ):
        result = invoke("search", unanswerable)
        assert result.exit_code == 1, result.output


def test_where_the_speaker_is_from_is_not_asked_about(invoke: Callable[..., Result]) -> None:
    # A clause saying who or where the speaker is (我係香港做研究嘅, I'm a reporter based
    # in Berlin, I'm writing a paper on ...) places the speaker, even when it names a
    # place or a thing the base lacks ...
    for question, fact_id in [
        (
            "唔該晒,我係香港做研究嘅,想問下江津區啲職業院校每年生產性實訓有幾多人次呀?",
            "productive-training-person-times",
        ),
        ("我是台湾的老师,江津开展了多少社会培训项目", "social-training-projects"),
        (
            "I am a teacher from Taiwan, and the social training projects Jiangjin ran, how"
            " many were there?",
            "social-training-projects",
        ),
        (
            "I'm writing a comparative paper on schooling in Taiwan and Japan, so: how many"
            " social training projects did Jiangjin run?",
            "social-training-projects",
        ),
    ]:
        assert first(invoke, question) == fact_id, question
    # Where the speaker is (我在, 本人在) places the speaker when it names a place the base
    # does not cover ...
    assert (
        first(invoke, "本人在台灣從事技職教育研究多年,想請教一下,江津開展了多少社會培訓項目")
        == "social-training-projects"
    )
    # ... but a place asked about, not the speaker's, is still refused, and so is a school
    # of the base the speaker is at, when the question asks what the base does not give.
    for unanswerable in (
        "我在重庆江南职业学校读书,想问问这个学校有多少学生",
        "我想了解香港的职业教育,有多少学校?",
        "I am a reporter. How many vocational schools does Hong Kong have?",
    ):
        result = invoke("search", unanswerable)
        assert result.exit_code == 1, result.output


def test_the_olympics_asked_about_by_name_is_refused(invoke: Callable[..., Result]) -> None:
    result = invoke("search", "how many medals did China win at the Olympics")
    assert result.exit_code == 1, result.output


@pytest.mark.parametrize(
    ("question", "fact_id"),
    [
        # A clause about the speaker that asks nothing frames the question another asks:
        # its noun (论文) is no topic the base must hold.
        (
            "你好,我在写一篇关于农村职教的论文,想确认一下,江津区这几年社区教育培训大概有多少人次来着?",
            "community-education-person-times",
        ),
        # An asking clause names what the base knows in a word jieba holds whole (网络覆盖:
        # 网络 + 覆盖), and the date of the report read is the story's, not the question's.
        (
            "我在写一篇县域职教的课程论文,读过教委2024年9月的报道,请问该网络覆盖哪几级",
            "farmer-education-network-levels",
        ),
        # ... unless the asking clause names nothing the base knows: then it holds the topic.
        (
            "I think there was something called the 4599 model... what was that about again?",
            "4599-teacher-development-model",
        ),
        # The base's own names are words: folding dropped the quotation marks that parted
        # 有个 from 新农学校, and jieba alone cuts 有 + 个新 + 农学校.
        (
            '嗯……我记得江津好像有个"新农学校",是谁跟谁一起办的来着?麻烦说一下',
            "new-farmer-schools",
        ),
        # 名字 names the form of the answer: no content the base must hold.
        ("江津区职业院校的德育工作模式叫什么名字?", "six-ones-moral-education-model"),
        # 教职(工) and 一起 are related words of the generic vocabulary.
        ("江津区有多少名教职工拿过全国优秀教育工作者这类表彰?", "teacher-national-honours"),
        # 称号 (title) names the form of the answer too.
        (
            "嗯……我记得江津好像是个什么国家级示范县来着,具体是哪个称号啊?",
            "national-demonstration-county",
        ),
        # 金银 is two words of their own (28金64银): a base holding both holds it.
        ("江津中职学校在国赛上一共拿了多少金银铜牌?", "national-competition-bronze-medals"),
        # 好几 tells a few, it asks nothing: the clause is the story around the question.
        ("老板托我跑了好几个区县,江津职业院校跟多少家企业建了产学研合作?", "partner-enterprises"),
        ("邻居家孩子读了好几年技校,江津一共有多少个技能大师工作室?", "skill-master-studios"),
        # A clause naming only what the base holds (江津职教) may still be the story.
        ("朋友圈都在转江津职教的新闻,想问江津建成了多少个技能大师工作室?", "skill-master-studios"),
        # Who asks, typed without a comma: the speaker's own (我闺女, 我们公司) and who the
        # speaker is (我是学生家长, 作为县政协委员) are not what is asked.
        ("我闺女在江津读职校她想知道江津建成了多少个技能大师工作室", "skill-master-studios"),
        ("我是学生家长想问江津建成了多少个技能大师工作室", "skill-master-studios"),
        ("作为县政协委员我想了解江津建成了多少个技能大师工作室", "skill-master-studios"),
        # A spoken question turns at 嗯, 那个, 就是 as at a comma: the hearsay before is story.
        (
            "嗯我外甥说江津那边职校挺好的那个到底江津建成了多少个技能大师工作室",
            "skill-master-studios",
        ),
        # A space between Chinese words parts clauses as a comma does (typed on a phone).
        (
            "刚在朋友圈刷到 说江津职校很厉害 江津一共建成了多少个技能大师工作室",
            "skill-master-studios",
        ),
        # 150多人: the hedge and the measure word of a number, not a word the base lacks.
        ("川渝两地互派的学校干部和教师有一百五十多人吗", "exchanged-cadres-and-teachers"),
        # 名堂 (what it is called), 时候 of 什么时候 ask for the form of the answer.
        ("江津区推行的师资建设模式叫什么名堂", "4599-teacher-development-model"),
    ],
)
def test_a_chinese_question_framed_by_its_speaker_is_answered(
    invoke: Callable[..., Result], question: str, fact_id: str
) -> None:
    assert first(invoke, question) == fact_id


@pytest.mark.parametrize(
    ("question", "message"),
    [
        # 我弟 is the speaker's own; the school's dormitory after it is what is asked, and
        # 有空调没 (is there air conditioning?) asks as 有没有 does.
        ("我弟那学校宿舍几个人一间啊 有空调没", "no fact mentions 宿舍, 空调"),
        ("我弟在江津读中职 他们学校有空调没", "no fact mentions 空调"),
    ],
)
def test_what_follows_the_speakers_own_is_still_asked(
    invoke: Callable[..., Result], question: str, message: str
) -> None:
    result = invoke("search", question)
    assert result.exit_code == 1, result.output
    assert result.stderr == f"jiangjin: {message}\n"


@pytest.mark.parametrize(
    "question", ["我在写一篇论文，江津区的区长是谁", "我儿子问江津区的区长是谁"]
)
def test_the_speaker_frame_never_takes_the_topic(
    invoke: Callable[..., Result], question: str
) -> None:
    result = invoke("search", question)
    assert result.exit_code == 1, result.output
    assert result.stderr == "jiangjin: no fact mentions 区长\n"


@pytest.mark.parametrize(
    ("question", "message"),
    [
        # jieba's words, not stretches of pairs the base lacks (院设 of 学院设在).
        ("德国5G国际学院设在哪个城市", "no fact mentions 设在"),
        # Every Chinese word is held: what no fact about the named event gives.
        ("川渝名师课博会是在哪座城市举办的?", "no fact about 川渝名师课博会 mentions 城市"),
        # A number the base lacks, not the lone character beside it (到 of 投到).
        ("十二点六亿元是投到哪里去了", "no fact mentions 1260000000"),
        # A yes-or-no question (有没有, 能不能) asks: it is no story before the next one.
        ("江津的中职学生实习期间有没有工资?标准是多少?", "no fact mentions 工资"),
        ("江津职校学生能不能免学费?标准是多少?", "no fact mentions 学费"),
    ],
)
def test_a_chinese_refusal_names_words(
    invoke: Callable[..., Result], question: str, message: str
) -> None:
    result = invoke("search", question)
    assert result.exit_code == 1, result.output
    assert result.stderr == f"jiangjin: {message}\n"


def test_the_speaker_s_wish_to_know_is_talk(index: Index) -> None:
    plain = without_talk(index, "请问一下,我想了解江津区每年大概拿出多少钱来发补助呢?")
    assert plain is not None
    assert "了解" not in plain
    assert "江津区" in plain


@pytest.mark.parametrize(
    ("question", "fact_id"),
    [
        # A range (每人每月补助400元至1200元) gives an at_least and an at_most fact: the
        # question's bound word picks one.
        ("乡村教师生活补助每人每月最高多少元", "monthly-subsidy-maximum"),
        ("乡村教师生活补助每人每月最低多少元", "monthly-subsidy-minimum"),
        (
            "What is the highest monthly living subsidy for a rural teacher?",
            "monthly-subsidy-maximum",
        ),
        (
            "What is the lowest monthly living subsidy for a rural teacher?",
            "monthly-subsidy-minimum",
        ),
        # 多少人 counts people as 1286名 does (not the 30 years of the same quote).
        ("任教三十年以上的教师有多少人获得荣誉证书", "long-service-teachers-honoured"),
        # practicum is a related word of 实习 in the generic vocabulary.
        (
            "How many trainee teachers come each year to do their practicum in village schools?",
            "student-teacher-placements",
        ),
    ],
)
def test_bounds_people_and_practice_are_read_on_another_article(
    invoke: Callable[..., Result], question: str, fact_id: str
) -> None:
    assert first(invoke, question, "--facts", _OTHER2) == fact_id


@pytest.mark.parametrize(
    ("question", "fact_id"),
    [
        # 多长时间 asks how long: a question word, not a word the base must hold.
        (
            "你好,我在写一篇关于双减的稿子,想确认一下,鹤汀区每天课后服务大概多长时间呀?谢谢",
            "after-school-daily-hours-minimum",
        ),
        # "for my report" is the speaker's frame.
        (
            "Hi there, quick one for my report: roughly how much did Heting spend on"
            " canteens and dormitories for rural schools? Thanks!",
            "canteen-dormitory-investment",
        ),
        # 教书 is a related word of teacher.
        ("城里的骨干老师被派到乡村学校教书的有多少", "teachers-sent-to-rural-schools"),
    ],
)
def test_a_fourth_article_s_questions_are_answered(
    invoke: Callable[..., Result], question: str, fact_id: str
) -> None:
    assert first(invoke, question, "--facts", _OTHER4) == fact_id


def test_how_much_money_is_answered_only_by_an_amount_of_money(
    invoke: Callable[..., Result],
) -> None:
    # The base names the platform, but gives no amount of money for it.
    result = invoke(
        "search",
        "How much did the Heting Smart Education Cloud Platform cost to build?",
        "--facts",
        _OTHER4,
    )
    assert result.exit_code == 1, result.output
    for question, fact_id in [
        ("How much money is spent on rural teacher subsidies each year?", "annual-subsidy-funding"),
        ("每年大概拿出多少钱来发乡村教师生活补助", "annual-subsidy-funding"),
    ]:
        result = invoke("search", question, "--facts", _OTHER2, "--limit", "1", "--format", "plain")
        assert result.stdout == f"{fact_id}\n", question


@pytest.mark.parametrize(
    ("question", "fact_id"),
    [
        # 近三年 reads as 近3年 in a query (numbers in words become digits): the index
        # holds a period in both forms.
        ("近三年江津区涉农培训达到多少人次？", "agricultural-training-person-times"),
        # 在…方面 frames a topic; 方面 is no topic itself.
        ("江津区在德育方面创新的是什么工作模式？", "six-ones-moral-education-model"),
        # 东西 (things) names the form of the answer, as name and kind do.
        ("嗯……重庆工程职业技术学院跟德国合作建了哪些东西来着？", "international-practice-bases"),
        # 村子 is a related word of 村.
        ("江津跟多少个村子一起搞了科普园？", "partner-villages"),
    ],
)
def test_more_chinese_questions_are_answered(
    invoke: Callable[..., Result], question: str, fact_id: str
) -> None:
    assert first(invoke, question) == fact_id


@pytest.mark.parametrize(
    "question",
    [
        # A year the question names must be in its answer: the article gives ten years'
        # medals, not 2023's.
        "How many gold medals did Jiangjin's secondary vocational schools win at the"
        " national contest in 2023 alone?",
        "江津中职学校2023年国赛获得多少金牌",
        # Earnings are money: no fact gives an amount in yuan about teachers.
        "How much does a vocational school teacher in Jiangjin earn per month?",
    ],
)
def test_a_year_or_money_the_answer_lacks_refuses(
    invoke: Callable[..., Result], question: str
) -> None:
    result = invoke("search", question)
    assert result.exit_code == 1, result.output


def test_a_count_is_no_year(invoke: Callable[..., Result]) -> None:
    # 2000人 counts people; only a number before 年 or after "in" is a year.
    result = invoke(
        "search", "每年接收2000人以上贫困学生的是哪里", "--limit", "1", "--format", "plain"
    )
    assert result.stdout == "poor-students-received\n"


def test_a_one_syllable_place_in_pinyin_is_pinyin(invoke: Callable[..., Result]) -> None:
    # xian is 西安 and also 县: a pinyin question about a county is not about Xi'an.
    other3 = str(PACKAGE_ROOT / "tests" / "eval" / "other3-facts.toml")
    result = invoke(
        "search",
        "qinglan xian ming yuanzhang gongzuoshi you ji ge",
        "--facts",
        other3,
        "--limit",
        "1",
        "--format",
        "plain",
    )
    assert result.stdout == "master-principal-studios\n", result.stderr
    # Written as a place, Xi'an is still one the base lacks.
    assert invoke("search", "西安有多少所学校").exit_code == 1


@pytest.mark.parametrize(
    ("question", "fact_id"),
    [
        # After a compound (cross-border, German-linked) any word of the phrase names
        # the kind asked for: the alliances fact writes neither cross nor border.
        (
            "Which cross-border groups does the district belong to, with Laos and Africa?",
            "international-alliances",
        ),
        (
            "Which German-linked platforms did the engineering institute help set up?",
            "international-practice-bases",
        ),
    ],
)
def test_which_and_a_compound_asks_for_any_word_of_its_phrase(
    invoke: Callable[..., Result], question: str, fact_id: str
) -> None:
    assert first(invoke, question) == fact_id


def test_which_city_is_answered_by_a_record_writing_shi(invoke: Callable[..., Result]) -> None:
    # 市 (of 昭通市) is a related word of city.
    result = invoke(
        "search",
        "Jiangjin runs a poverty-alleviation vocational education project with ten districts"
        " and counties of which city?",
        "--limit",
        "1",
        "--format",
        "plain",
    )
    assert result.stdout == "zhaotong-districts-and-counties\n", result.stderr


@pytest.mark.parametrize(
    "question",
    [
        # Asking the names of the things a fact only counts: the count names none.
        "那2所国家双高计划高职具体叫什么名字？",
        "36个重点（特色）专业具体都是哪些专业",
        "What are the names of the two Double High Plan higher vocational colleges in Jiangjin?",
        # 都有哪些 asks for names as 叫什么名字 does.
        "江津那9个文件都有哪些",
    ],
)
def test_asking_to_name_what_a_fact_only_counts_is_refused(
    invoke: Callable[..., Result], question: str
) -> None:
    result = invoke("search", question)
    assert result.exit_code == 1, result.output


@pytest.mark.parametrize(
    ("question", "fact_id"),
    [
        # 哪些 asks about the reforms, not the nine schools the question counts.
        ("九所职业院校开展了哪些人才培养改革试点？", "pilot-reform-schools"),
        # The article itself (文章) is the speaker's frame, not a topic.
        (
            "嗯……我记得文章里有个“金融+财政+土地+信用”的说法，那到底是啥来着？",
            "combined-incentive-policy",
        ),
        # A participle describes the noun asked for: "stated" is not asked for.
        (
            "What is Jiangjin's stated development goal for vocational education?",
            "development-goal",
        ),
    ],
)
def test_which_of_another_thing_the_article_and_participles(
    invoke: Callable[..., Result], question: str, fact_id: str
) -> None:
    assert first(invoke, question) == fact_id


def test_listed_numbers_are_those_of_the_things_asked_to_name() -> None:
    assert listed_numbers("那2所国家双高计划高职具体叫什么名字?") == ("2",)
    assert listed_numbers("36个重点(特色)专业具体都是哪些专业") == ("36",)
    assert listed_numbers("9所职业院校开展了哪些人才培养改革试点?") == ()
    assert listed_numbers("田间学校有几所") == ()
    assert listed_numbers("116家成员单位都有哪些") == ("116",)


def test_a_name_of_the_base_is_not_kept_whole_across_a_noun(invoke: Callable[..., Result]) -> None:
    # jieba reads 江津 + 区委书记; keeping the name 江津区 whole would leave 委书记, and
    # 书记 (of 习近平总书记) would answer.
    result = invoke("search", "江津区委书记是谁")
    assert result.exit_code == 1, result.output
    assert result.stderr == "jiangjin: no fact mentions 区委书记\n"


@pytest.mark.parametrize(
    ("question", "fact_id"),
    [
        (
            "How often has Jiangjin been honored as a top organizer in the national Wenming"
            " Fengcai contest?",
            "civility-and-style-organisation-awards",
        ),
        ("what is jinpinhui", "entrepreneurship-brands"),
    ],
)
def test_a_chinese_name_in_pinyin_inside_english(
    invoke: Callable[..., Result], question: str, fact_id: str
) -> None:
    assert first(invoke, question) == fact_id


def test_talk_inside_what_a_chinese_question_asks_for_is_not_asked_for(
    invoke: Callable[..., Result],
) -> None:
    # 的网络分成哪几级: 分成 (divided into, talk of the vocabulary) says how the network is
    # asked about; no record need hold it.
    assert first(invoke, "江津农民教育的网络分成哪几级") == "farmer-education-network-levels"


@pytest.mark.parametrize(
    ("question", "message"),
    [
        # An English word inside a Chinese question names a thing (jieba tags it eng).
        ("江津区去年的GDP是多少？", "no fact mentions gdp"),
        # "the 2023 national competition" names a year as "in 2023" does.
        (
            "How many gold medals did Jiangjin students win at the 2023 national competition"
            " alone?",
            "no fact mentions 2023, alone",
        ),
    ],
)
def test_a_year_or_an_english_attribute_the_base_lacks_refuses(
    invoke: Callable[..., Result], question: str, message: str
) -> None:
    result = invoke("search", question)
    assert result.exit_code == 1, result.output
    assert result.stderr == f"jiangjin: {message}\n"


_OTHER7 = str(PACKAGE_ROOT / "tests" / "eval" / "other7-facts.toml")
_OTHER8 = str(PACKAGE_ROOT / "tests" / "eval" / "other8-facts.toml")


def test_a_measure_word_after_a_hedged_number_is_the_number_s() -> None:
    # 一百多家规上企业: 100, 多家, then 规上企业: no pair 家规.
    from jiangjin_cli.tokens import query_segments

    assert query_segments("100多家规上企业") == [("", ("100",)), ("家", ()), ("规上企业", ())]


@pytest.mark.parametrize(
    ("question", "facts", "fact_id"),
    [
        ("一百多家规上企业加入了哪个联合体", _OTHER7, "consortium-large-enterprises"),
        # smallest asks for the low end of a range, as lowest does.
        (
            "What's the smallest living allowance a poor boarder can get per term?",
            _OTHER8,
            "boarder-living-allowance-minimum",
        ),
        # 职高 (vocational high school) is a school.
        (
            "嗯,我记得文章里提过,职高赴沪学习的学生累计有多少名来着",
            _OTHER8,
            "students-sent-to-shanghai",
        ),
    ],
)
def test_numbers_bounds_and_schools_on_other_articles(
    invoke: Callable[..., Result], question: str, facts: str, fact_id: str
) -> None:
    assert first(invoke, question, "--facts", facts) == fact_id


def test_straight_years_are_consecutive(invoke: Callable[..., Result]) -> None:
    assert (
        first(
            invoke,
            "For how many straight years have Jiangjin's secondary schools ranked near the top"
            " in Chongqing for national contest medals?",
        )
        == "medal-ranking-years"
    )


# --------------------------------------------------------- a short quote's context


def test_a_short_quote_has_the_clause_before_it_as_context(index: Index) -> None:
    # 创造产值3000万元以上 (12 characters) leaves its subject, the productive training,
    # to the fact before it in section 2.1; a longer quote has no context.
    def in_context(token: str) -> set[str]:
        flat = index.postings(token)
        docs = {flat[k] for k in range(0, len(flat), 3) if flat[k + 1] == F_CONTEXT}
        return {rid for _, rid, _ in index.records(docs).values()}

    assert "training-output-value" in in_context("生产")
    assert "productive-training-person-times" not in in_context("生产")


def test_context_lets_a_question_name_a_short_quotes_subject(
    invoke: Callable[..., Result],
) -> None:
    assert first(invoke, "生产性实训一年创造多少产值") == "training-output-value"


def test_context_counts_toward_coverage_not_the_score(index: Index) -> None:
    # 服务平台 is written only in the clause before 创造产值3000万元以上: it covers the
    # question's units for that fact, and adds nothing to its score.
    query = analyse(index, ["服务平台"])
    doc = next(
        d for d, r in index.records(range(index.size)).items() if r[1] == "training-output-value"
    )
    covered = [dict(group) for group, docs in credited(index, query).items() if doc in docs]
    assert covered and set(covered[0]) == set(query.unit_weight)
    scores, _found, _bits = bm25f(index, query, [doc])
    assert scores[doc] == 0.0


def test_the_value_of_a_thing_asks_for_an_amount(invoke: Callable[..., Result]) -> None:
    # "value" names the form of the answer (an amount), as "amount" does: a base that
    # writes "worth 3.2 million yuan" and never "value" answers it.
    question = "What was the value of the equipment the foundation gave the special school?"
    assert first(invoke, question, "--facts", _OTHER17) == "donated-rehabilitation-equipment"


@pytest.mark.parametrize(
    ("question", "fact_id"),
    [
        # Everyday words for the article's: 商量 (会商), 公家 / 私人 (公办 / 民办), 信誉 (信用).
        ("江津和泸州一起商量的是什么制度", "luzhou-joint-consultation"),
        ("私人办的职业院校和公家办的是什么格局", "vocational-school-system-pattern"),
        ("把钱和信誉放在一起的激励政策", "combined-incentive-policy"),
    ],
)
def test_everyday_chinese_words_meet_the_articles(
    invoke: Callable[..., Result], question: str, fact_id: str
) -> None:
    assert first(invoke, question) == fact_id


@pytest.mark.parametrize(
    ("question", "fact_id"),
    [
        # attendances (人次, person-times), neighbouring and mentor (结对 帮扶), prizes (medals)
        (
            "how many attendances did agricultural training draw in three years",
            "agricultural-training-person-times",
        ),
        (
            "which schools in neighbouring provinces does jiangjin mentor",
            "paired-vocational-schools",
        ),
        (
            "how many prizes did the secondary schools win at national contests",
            "national-competition-gold-medals",
        ),
    ],
)
def test_everyday_english_words_meet_the_articles(
    invoke: Callable[..., Result], question: str, fact_id: str
) -> None:
    assert first(invoke, question) == fact_id


def test_everyday_chinese_verbs_and_places_meet_the_articles(
    invoke: Callable[..., Result],
) -> None:
    # 砍掉 (cut) for 撤销 (revoke), 园子 (garden) for 示范园 (demonstration park).
    other5 = str(PACKAGE_ROOT / "tests" / "eval" / "other5-facts.toml")
    assert first(invoke, "就业差的专业一共砍掉了几个", "--facts", other5) == "cancelled-specialties"
    assert first(invoke, "江津和村社一起建了多少个科普园子") == "science-demonstration-parks"


_OTHER18 = str(PACKAGE_ROOT / "tests" / "eval" / "other18-facts.toml")
_OTHER19 = str(PACKAGE_ROOT / "tests" / "eval" / "other19-facts.toml")
_OTHER20 = str(PACKAGE_ROOT / "tests" / "eval" / "other20-facts.toml")


_OTHER21 = str(PACKAGE_ROOT / "tests" / "eval" / "other21-facts.toml")
_OTHER22 = str(PACKAGE_ROOT / "tests" / "eval" / "other22-facts.toml")
_OTHER23 = str(PACKAGE_ROOT / "tests" / "eval" / "other23-facts.toml")
_OTHER24 = str(PACKAGE_ROOT / "tests" / "eval" / "other24-facts.toml")
_OTHER25 = str(PACKAGE_ROOT / "tests" / "eval" / "other25-facts.toml")
_OTHER26 = str(PACKAGE_ROOT / "tests" / "eval" / "other26-facts.toml")
_OTHER11 = str(PACKAGE_ROOT / "tests" / "eval" / "other11-facts.toml")
_OTHER14 = str(PACKAGE_ROOT / "tests" / "eval" / "other14-facts.toml")
_OTHER16 = str(PACKAGE_ROOT / "tests" / "eval" / "other16-facts.toml")
_OTHER3 = str(PACKAGE_ROOT / "tests" / "eval" / "other3-facts.toml")
_OTHER13 = str(PACKAGE_ROOT / "tests" / "eval" / "other13-facts.toml")
_OTHER27 = str(PACKAGE_ROOT / "tests" / "eval" / "other27-facts.toml")
_OTHER31 = str(PACKAGE_ROOT / "tests" / "eval" / "other31-facts.toml")
_OTHER28 = str(PACKAGE_ROOT / "tests" / "eval" / "other28-facts.toml")
_OTHER40 = str(PACKAGE_ROOT / "tests" / "eval" / "other40-facts.toml")
_OTHER41 = str(PACKAGE_ROOT / "tests" / "eval" / "other41-facts.toml")


@pytest.mark.parametrize(
    ("question", "facts", "fact_id"),
    [
        # A verb said twice softens the ask (学学): talk, not a topic the base lacks.
        ("想学学江津近三年社区教育培训了多少人次", None, "community-education-person-times"),
        # arrangement, approach, mechanism: the form of an answer, as name and kind are.
        ("Which arrangement did Jiangjin set up with Luzhou?", None, "luzhou-joint-consultation"),
        (
            "What approach does Jiangjin take to moral education?",
            None,
            "six-ones-moral-education-model",
        ),
        ("By what mechanism do Jiangjin and Luzhou consult?", None, "luzhou-joint-consultation"),
        # 凭证 (a credential) for 证书, 课堂 (a classroom) for 学校.
        ("拿到技能凭证的毕业生占多少", None, "certificate-holder-share"),
        ("江津给农民开的田间课堂有几个", None, "field-schools"),
        # outdoor (田间, in the field), visits (人次, person-times).
        ("How many outdoor schools for farmers has Jiangjin set up?", None, "field-schools"),
        (
            "How many visits does productive training log each year?",
            None,
            "productive-training-person-times",
        ),
        # 面积 (area) for 占地 and square metres, 协议 (an agreement) for 签约; 近三年 is a
        # period, not a number whose part 普通高中 asks (中 of 高中 is no "among").
        ("柘溪县青少年劳动实践中心有多大面积", _OTHER23, "practice-centre-area"),
        ("多少家企业和县教育局签了合作协议", _OTHER23, "partner-enterprises"),
        ("近三年区财政为普通高中建设投入多少钱", _OTHER24, "construction-funding"),
        # 合伙 (go into partnership) for 合作.
        ("江津跟多少家农业企业合伙建了培训基地", None, "partner-agricultural-enterprises"),
        # behind, beyond, during: prepositions say where, they name nothing to hold.
        ("What is the aim behind Jiangjin's vocational education push?", None, "lead-aims"),
        # 线上 (online) for 网络; 年份 (which year) the form of an answer.
        ("线上教研一年搞多少次", _OTHER22, "online-teaching-research-activities"),
        ("力争建成100家产教融合型企业的年份", _OTHER21, "integration-enterprises-target"),
    ],
)
def test_everyday_talk_and_answer_forms_meet_the_articles(
    invoke: Callable[..., Result], question: str, facts: str | None, fact_id: str
) -> None:
    extra = ("--facts", facts) if facts else ()
    assert first(invoke, question, *extra) == fact_id


@pytest.mark.parametrize(
    ("question", "facts", "fact_id"),
    [
        # museums and galleries (场馆, venues), a committee (小组) of bodies (部门).
        (
            "How many museums and galleries signed agreements with Wugang's schools?",
            _OTHER25,
            "partner-venues",
        ),
        (
            "How many bodies sit on the committee steering Wugang's study travel?",
            _OTHER25,
            "participating-departments",
        ),
        # the treasury (财政) and trips (研学), costs waived (减免), volumes (册).
        (
            "How much did the treasury spend on school trips in three years?",
            _OTHER25,
            "municipal-special-funds",
        ),
        (
            "How many times were trip costs waived for poor students?",
            _OTHER25,
            "fee-waiver-beneficiaries",
        ),
        ("How many volumes does the course reader series have?", _OTHER25, "course-reader-volumes"),
        # an emergency (危机) of the mind (心理), speakers (讲师), a helpline's calls (热线, 来电).
        (
            "How quickly is an emergency about a pupil's mental state handled?",
            _OTHER26,
            "crisis-response-time",
        ),
        ("How many speakers are on the family education panel?", _OTHER26, "lecturer-team-size"),
        ("How many calls did the helpline answer last year?", _OTHER26, "hotline-calls"),
        # 参观 (visiting) for 接待, 听课 (attending a class) for 课程.
        ("学生们去基地参观一年多少人次", _OTHER26, "study-tour-visits"),
        ("家长去家长学校听课有多少人次", _OTHER26, "parent-school-attendance"),
        # 稿子 (the report) and 说法 (a term) are talk about the text; elements, the form of
        # an answer.
        ("我记得稿子里有个“1+2+4+N”的说法，指的是什么", None, "resource-layout-alignment"),
        (
            "What are the elements of Jiangjin's combination incentive policy?",
            None,
            "combined-incentive-policy",
        ),
        # 出海 and 国门 (going abroad), 援助 (aid), 车间 (the workshop floor), 练手 (practice),
        # 试行 (a trial), 层面 (a level), 榜样 (a model), 机器 (equipment).
        ("江津为重庆职教出海做了什么", None, "going-global-upgrade"),
        ("江津借助援助培训帮哪些企业", None, "overseas-local-talent"),
        ("江津的老师下车间实操的有多少名", None, "dual-qualified-teachers"),
        ("江津学生每年练手多少人次", None, "productive-training-person-times"),
        ("学徒制改革在几所学校试行", None, "pilot-reform-schools"),
        ("国家层面的教学创新团队江津有几支", None, "national-teaching-innovation-teams"),
        ("哪位居民成了全国学习榜样", _OTHER14, "zhang-xiulan-learning-star"),
        ("多少所学校装了取暖机器", _OTHER16, "heated-schools"),
        # 娃娃 (kids) are students; 教学 (teaching) is the teachers' line; 出来 of 改出来
        # (converted into) is a verb's complement, talk.
        ("江津的中职娃娃们在国赛上一共拿了多少块金牌", None, "national-competition-gold-medals"),
        ("江津和泸州一起搞过哪些教学交流活动", None, "joint-events"),
        ("哪家幼儿园是旧村小改出来的", _OTHER31, "shimen-village-kindergarten"),
        # TVET is vocational, 礼拜 a week, lending a loan (贷).
        (
            "How many TVET groups became national demonstration cultivation units?",
            None,
            "national-demonstration-group-units",
        ),
        ("留守娃一个礼拜最少跟爸妈视频几次", _OTHER41, "weekly-video-calls-minimum"),
        (
            "How many households took out the farmer lending product?",
            _OTHER40,
            "xinnongdai-households",
        ),
        # 产出 is output, 金额 an amount of money, 对象 the form of an answer.
        ("学生每年实训能产出多少钱", None, "training-output-value"),
        ("新农贷一共放出去多少金额", _OTHER40, "xinnongdai-issued"),
        ("江津有几个职教集团是国家示范性培育对象", None, "national-demonstration-group-units"),
        # 起码 (at the least) is the speaker's hedge, not a thing asked about.
        ("每所学校起码有几名营养指导员", _OTHER11, "nutrition-instructors-per-school"),
        # low (low-income: 贫困), elite (优质, 骨干), gym (体育), medics (医生), land (占地),
        # vacancies (岗位), elementary (小学), nurseries (幼儿), textbooks (读本), closest
        # (邻近), dedicated (专职), coaching (培训), headcount (the form of an answer).
        (
            "How many low-income students from Zhaotong does Jiangjin take each year?",
            None,
            "poor-students-received",
        ),
        (
            "How many elite secondary schools does Jiangjin have at city level?",
            None,
            "high-level-secondary-vocational-schools",
        ),
        ("How many gym classes a day do pupils have?", _OTHER11, "daily-pe-class"),
        ("Which hospitals send medics to schools?", _OTHER11, "health-vice-principals"),
        ("How much land does the new campus take up?", _OTHER7, "new-campus-area"),
        ("How many job vacancies did the alliance post?", _OTHER7, "job-postings"),
        (
            "How many elementary schools are paired with nurseries?",
            _OTHER3,
            "paired-primary-schools",
        ),
        ("How many textbook volumes are in the series?", _OTHER25, "course-reader-volumes"),
        ("How far is the closest practice base from a school?", _OTHER23, "travel-time-to-base"),
        (
            "What share of dedicated counsellors studied psychology?",
            _OTHER20,
            "psychology-background-share",
        ),
        (
            "How much coaching did farmers get in three years, in headcount?",
            None,
            "agricultural-training-person-times",
        ),
    ],
)
def test_words_of_the_vocabulary_meet_the_articles(
    invoke: Callable[..., Result], question: str, facts: str | None, fact_id: str
) -> None:
    extra = ("--facts", facts) if facts else ()
    assert first(invoke, question, *extra) == fact_id


@pytest.mark.parametrize(
    ("question", "facts"),
    [
        # A fee (费用) is not what a school charges (收费), a counsellor's room (辅导室) no
        # counsellor, employing no admitting: each of these related words cost a refusal.
        ("每间心理辅导室的建设费用是多少", _OTHER20),
        (
            "What is the ratio of students to full-time counsellors in Tinglan's middle schools?",
            _OTHER26,
        ),
        ("How many school psychologists does Qitong District employ?", _OTHER11),
    ],
)
def test_near_words_that_would_answer_the_unanswerable_are_not_related(
    invoke: Callable[..., Result], question: str, facts: str
) -> None:
    assert invoke("search", "--facts", facts, question).exit_code == 1


@pytest.mark.parametrize("question", ["全国一共有几所职业本科院校", "江津有没有职业本科院校呢"])
def test_a_noun_jieba_tags_a_pronoun_is_a_topic_the_base_lacks(
    invoke: Callable[..., Result], question: str
) -> None:
    # jieba tags 本科 (undergraduate) as a pronoun; the vocabulary's concepts name it.
    result = invoke("search", question)
    assert result.exit_code == 1
    assert "本科" in result.stderr


@pytest.mark.parametrize(
    ("question", "facts", "fact_id"),
    [
        ("普惠性幼儿园覆盖率2027年的目标是多少", _OTHER13, "inclusive-coverage-target-2027"),
        ("嵘川建成100家产教融合型企业的目标是哪一年", _OTHER21, "integration-enterprises-target"),
    ],
)
def test_a_target_is_the_form_of_an_answer(
    invoke: Callable[..., Result], question: str, facts: str, fact_id: str
) -> None:
    # 目标 (the target) names the figure asked for; a fact of a target need not write it.
    assert first(invoke, question, "--facts", facts) == fact_id


@pytest.mark.parametrize(
    ("question", "facts", "named"),
    [
        ("梧冈学生在省研学成果展评中拿了几个三等奖", _OTHER25, "三等奖"),
        (
            "How many third-place finishes did Wugang's pupils get at the provincial exhibition?",
            _OTHER25,
            "third-place",
        ),
        ("嵘川学生在全国职业院校技能大赛获得多少个二等奖", _OTHER21, "二等奖"),
    ],
)
def test_a_grade_of_prize_no_fact_gives_is_refused_and_named(
    invoke: Callable[..., Result], question: str, facts: str, named: str
) -> None:
    # The base counts first prizes (一等奖): that does not say how many of another grade.
    result = invoke("search", "--facts", facts, question)
    assert result.exit_code == 1
    assert result.stderr.strip().endswith(f"no fact gives {named}")


def test_the_grade_of_prize_asked_is_answered(invoke: Callable[..., Result]) -> None:
    question = "梧冈学生在省研学成果展评中拿了几个一等奖"
    assert first(invoke, question, "--facts", _OTHER25) == "exhibition-first-prizes"
    question = "How many second prizes did Wugang's schools take at the provincial exhibition?"
    assert first(invoke, question, "--facts", _OTHER25) == "exhibition-second-prizes"


@pytest.mark.parametrize(
    ("question", "facts", "fact_id"),
    [
        (
            "会议材料今天就要交,领导很关心这件事。请问护眼进万家家长课堂培训了多少家长?",
            _OTHER27,
            "parents-trained",
        ),
        (
            "唉,我外孙压力大,老是失眠,听说学校每学年都做心理健康测评,这个测评覆盖了多少学生",
            _OTHER28,
            "mental-health-assessment",
        ),
    ],
)
def test_a_story_around_a_question_is_talk(
    invoke: Callable[..., Result], question: str, facts: str, fact_id: str
) -> None:
    # A clause that asks nothing and tells of things the base lacks (领导, 失眠) is the
    # story around the question when another clause asks about what the base knows.
    assert first(invoke, question, "--facts", facts) == fact_id


def test_a_topic_before_a_bare_question_is_still_asked_about(
    invoke: Callable[..., Result],
) -> None:
    # 他叫什么 asks nothing the base knows: the clause before it holds the topic (区长).
    result = invoke("search", "我听说江津有个区长,他叫什么")
    assert result.exit_code == 1
    assert "区长" in result.stderr


def test_a_distance_is_answered_only_by_a_length_or_a_travel_time(
    invoke: Callable[..., Result],
) -> None:
    # 多远, how far, how long a drive: a count of schools or villages does not answer it.
    result = invoke("search", "江津的田间学校离村子有多远")
    assert result.exit_code == 1
    assert result.stderr == (
        "jiangjin: no fact gives the distance asked about (in kilometres or minutes)\n"
    )
    assert (
        invoke(
            "search", "How far is Jiangjin's rural revitalisation college from Luzhou?"
        ).exit_code
        == 1
    )
    question = "How long a drive is it from a school to the nearest practice base?"
    assert first(invoke, question, "--facts", _OTHER23) == "travel-time-to-base"
    assert (
        first(invoke, "学校到最近的实践基地要多少分钟", "--facts", _OTHER23)
        == "travel-time-to-base"
    )
    # How far ahead of an average asks a gap, not a distance.
    question = "How far ahead of the provincial average is Weichuan in placing its graduates?"
    assert (
        first(
            invoke, question, "--facts", str(PACKAGE_ROOT / "tests" / "eval" / "other5-facts.toml")
        )
        == "destination-rate-above-provincial-average"
    )


@pytest.mark.parametrize(
    ("question", "message"),
    [
        # The words that ask a distance are not what the base lacks: a place it lacks is.
        ("How far is Jiangjin from Beijing?", "no fact mentions beijing"),
        ("江津离重庆主城有多远", "no fact mentions 主城"),
        # 公里 asks the distance: the base lacks a distance, not the word.
        ("江津离泸州多少公里", "no fact gives the distance asked about (in kilometres or minutes)"),
        (
            "How many kilometres is it from Jiangjin to Luzhou?",
            "no fact gives the distance asked about (in kilometres or minutes)",
        ),
        # An area asked in English: the campus's size, in square metres.
        (
            "How big is the campus of Chongqing Industry and Commerce School?",
            "no fact gives the area asked about (in mu or square metres)",
        ),
        (
            "How many square metres does Chongqing Jiangnan Vocational School cover?",
            "no fact gives the area asked about (in mu or square metres)",
        ),
    ],
)
def test_a_refused_distance_or_area_names_the_place_not_the_question_word(
    invoke: Callable[..., Result], question: str, message: str
) -> None:
    result = invoke("search", question)
    assert result.exit_code == 1, result.output
    assert result.stderr == f"jiangjin: {message}\n"


@pytest.mark.parametrize(
    "question",
    [
        # The article gives the year's figure (3000万元, 2729名), never the change.
        "生产性实训产值比上年增长了多少",
        "江津的双师型教师比去年多了多少名",
    ],
)
def test_a_change_against_an_earlier_year_needs_a_record_of_a_change(
    invoke: Callable[..., Result], question: str
) -> None:
    result = invoke("search", question)
    assert result.exit_code == 1, result.output
    assert result.stderr == "jiangjin: no fact gives how much it changed against an earlier year\n"


def test_a_change_against_an_earlier_year_is_answered_by_one(
    invoke: Callable[..., Result],
) -> None:
    # 较上年增长12.5%: the amount of the change answers.
    other5 = str(PACKAGE_ROOT / "tests" / "eval" / "other5-facts.toml")
    assert first(invoke, "渭川高等教育专项经费比上年增长了多少", "--facts", other5) == (
        "special-funds-growth"
    )


def test_a_ratio_needs_a_record_holding_both_things(
    invoke: Callable[..., Result], write_base: Callable[..., Written]
) -> None:
    # The article counts teachers and, elsewhere, students: no record compares them.
    question = "What is the teacher-to-student ratio at Chongqing Jiangnan Vocational School?"
    result = invoke("search", question)
    assert result.exit_code == 1, result.output
    assert result.stderr == "jiangjin: no fact gives a ratio of teacher to student\n"
    # A record that gives the ratio answers it.
    base = write_base(
        {
            '"培养“双师型”教师2729名"': '"生师比为18:1"',
            '"The district has trained 2,729 dual-qualified teachers."': (
                '"The district\'s student-to-teacher ratio is 18 to 1."'
            ),
            "value = 2729\n": "",
            'unit = "名"\n': "",
            'unit_en = "teachers"\n': "",
            'qualifier = "exact"\n': "",
        }
    )
    ratio = "What is the ratio of students to teachers in the district?"
    assert first(invoke, ratio, "--facts", str(base.path)) == "dual-qualified-teachers"


def test_a_refused_question_opens_its_base_for_the_reason_once(
    invoke: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    # One query gives the reason: the base is not reopened for each rule tried.
    opened: list[object] = []
    real = store.open_searchable

    def counting(*args: Any, **kwargs: Any) -> Any:
        opened.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(store, "open_searchable", counting)
    result = invoke("search", "江津区的区长叫什么名字")
    assert result.exit_code == 1, result.output
    assert len(opened) == 2  # the search, then the reason


def test_a_body_is_a_department_not_any_institution(invoke: Callable[..., Result]) -> None:
    # 机构 (an institution: a training company) is no 部门 (a government department).
    result = invoke("search", "--facts", _OTHER26, "汀兰区关停了多少家校外培训机构")
    assert result.exit_code == 1
    assert "机构" in result.stderr


@pytest.mark.parametrize(
    ("question", "facts", "fact_id"),
    [
        # 讲台 (the lectern: teaching), 对子 (a pair), 牌子 (a medal), 样板 and 成年 (示范, 成人),
        # 全文 (the whole wording: the form of an answer), 对应 (corresponding: talk).
        ("江津的职校老师里，既能上讲台又懂企业实操的有多少人", None, "dual-qualified-teachers"),
        ("江津给外省帮扶的学校一共结了多少所对子", None, "paired-vocational-schools"),
        (
            "江津是不是最早一批被国家评为农村职业和成年人教育样板的县",
            None,
            "national-demonstration-county",
        ),
        ("江津区立足渝西南的发展目标全文是什么", None, "development-goal"),
        ("年产值三千万元以上,对应的生产性实训人次有多少", None, "productive-training-person-times"),
        # third (place) for bronze, tally for a count.
        (
            "How many third-place finishes at the national contests?",
            None,
            "national-competition-bronze-medals",
        ),
        # moms and dads (parents), phones, leftover, cooks and wages.
        (
            "Can moms and dads watch the cooking live on their phones?",
            _OTHER18,
            "sunshine-canteen-mini-program",
        ),
        (
            "Are the cooks' wages and the utility bills paid out of the children's food money?",
            _OTHER18,
            "subsidy-not-diverted",
        ),
        (
            "How much has leftover cafeteria waste shrunk since 2023?",
            _OTHER18,
            "kitchen-waste-reduction",
        ),
        # teenagers (students), 建设 (build: 师资建设模式), 时间段 (the form of an answer).
        (
            "How many teenagers from poor households in Yunnan does Jiangjin take in each year?",
            None,
            "poor-students-received",
        ),
        (
            "What is the name of Jiangjin's teacher team building model?",
            None,
            "4599-teacher-development-model",
        ),
        ("十二万余人次的涉农培训是什么时间段完成的", None, "agricultural-training-person-times"),
        # adjunct (兼职), typical (平均), operating (公用), 场所 (基地), 降到 (下降, 降至).
        (
            "How many adjunct instructors were recruited from industry?",
            _OTHER19,
            "part-time-teachers",
        ),
        (
            "What is the typical monthly pay of the college's alumni?",
            _OTHER19,
            "graduate-monthly-salary",
        ),
        ("省里认定的示范性实习实训场所有几个", _OTHER19, "provincial-demonstration-training-bases"),
        ("被帮扶的那所职业中学学生中途退学的比例降到多少了", _OTHER19, "hechuan-dropout-rate"),
        # credentials (qualified, 资格): the dual-qualified teachers, not certificate holders.
        (
            "What share of the teaching staff hold both classroom and industry credentials?",
            None,
            "dual-qualified-teacher-share",
        ),
        # wellbeing (健康).
        (
            "How much weight does wellbeing carry in the yearly school performance review?",
            _OTHER20,
            "assessment-weight",
        ),
    ],
)
def test_everyday_words_of_people_places_money_and_health_meet_the_articles(
    invoke: Callable[..., Result], question: str, facts: str | None, fact_id: str
) -> None:
    extra = ("--facts", facts) if facts else ()
    assert first(invoke, question, *extra) == fact_id


def test_a_guessed_word_of_verbs_asks_nothing_the_base_lacks(
    invoke: Callable[..., Result],
) -> None:
    # jieba's guesser joins 能 + 装 + 下 into a word no dictionary holds: its parts are
    # verbs, so it asks nothing the base lacks.
    assert first(invoke, "工业中专新校区能装下多少名学生", "--facts", _OTHER7) == (
        "new-campus-capacity"
    )
    # ... but a guessed word with a noun inside (特 + 岗) is still what is asked.
    result = invoke("search", "岚溪县有多少名特岗教师", "--facts", _OTHER16)
    assert result.exit_code == 1, result.output
    assert result.stderr == "jiangjin: no fact mentions 特岗\n"
