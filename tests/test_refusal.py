"""Principled refusal (issue 13): the talk around a question is neither content nor a
reason to refuse; a word naming a thing the base lacks makes a question unanswerable;
"how many X" is answered only by a number about X.

Through the real CLI on the shipped base, and through the query functions.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from typing import cast

import pytest
from typer.testing import Result

from jiangjin_cli import store
from jiangjin_cli.model import FactBase
from jiangjin_cli.query.analysis import analyse, part_numbers
from jiangjin_cli.query.asked import answering_docs, lacking_attribute
from jiangjin_cli.query.language import spell_out_clitics
from jiangjin_cli.query.reading import MAX_TYPO_LENGTH, near_spellings
from jiangjin_cli.query.refusal import Refusal, unanswered, unknown_words, why_refused
from jiangjin_cli.query.talk import unknown_topics, without_talk
from jiangjin_cli.store.index import Index
from jiangjin_cli.text import normalize
from jiangjin_cli.tokens import query_segments, split_stops, stem

from conftest import PACKAGE_ROOT, VALID_TOML, Written, top

# --------------------------------------------------------------------------- talk


@pytest.mark.parametrize(
    ("question", "fact_id"),
    [
        ("麻烦问一下，田间学校一共建了多少所来着", "field-schools"),
        ("哎你知道吗，社区教育培训了多少人次啊", "community-education-person-times"),
        ("对了顺便问问，那个双师型教师大概有多少名", "dual-qualified-teachers"),
        ("sorry to bother you, but how many gold medals did they win?", None),
        ("ok random question: how many field schools are there", "field-schools"),
        # Greetings and thanks, which jieba's dictionary tags as names or set phrases.
        ("田间学校有几所？谢谢", "field-schools"),
        ("你好，田间学校有几所", "field-schools"),
        ("劳驾，田间学校有几所", "field-schools"),
        ("hi, how many field schools? thanks!", "field-schools"),
        # Question phrases (怎么回事, 怎么样) and 一下 ask; they name nothing the base must hold.
        ("请问一下，4599师资建设模式到底是怎么回事呀", "4599-teacher-development-model"),
        ("4599模式是怎么回事", "4599-teacher-development-model"),
        ("田间学校建得怎么样，有几所", "field-schools"),
        # The speaker's memory is talk (I think, I remember, something called).
        (
            "I remember something called the 4599 model, what was it?",
            "4599-teacher-development-model",
        ),
        (
            "i guess there is something like a six ones model, what is it",
            "six-ones-moral-education-model",
        ),
        ("我记得江津好像建了一些田间学校，有几所", "field-schools"),
        ("听说江津有个4599模式，是什么", "4599-teacher-development-model"),
        ("印象中双师型教师有多少名", "dual-qualified-teachers"),
        # 一个 (a, one) and 什么样 (what kind of) ask; they name nothing.
        (
            "重庆工商学校牵头形成的是一个什么样的职教集团",
            "industry-and-commerce-school-group-members",
        ),
        ("江津有一个什么样的德育模式", "six-ones-moral-education-model"),
        # 级别 asks for the form of the answer (a level), which the base writes as 市级.
        ("麻烦问下，技能大师工作室是什么级别", "skill-master-studios"),
        # township is the generic vocabulary's town (镇).
        (
            "a farmer education system reaching down from district to township to village",
            "farmer-education-network-levels",
        ),
    ],
)
def test_a_question_wrapped_in_talk_is_answered(
    invoke: Callable[..., Result], question: str, fact_id: str | None
) -> None:
    result = invoke("search", question, "--limit", "1", "--format", "plain")
    assert result.exit_code == 0, result.output
    expected = fact_id or "national-competition-gold-medals"
    assert result.stdout == f"{expected}\n"


def test_without_talk_drops_clauses_and_function_words(index: Index) -> None:
    # A clause with no word the base knows and no question word goes; so do a pronoun
    # (那边), an adverb (大概) and particles the base never writes. The nouns stay.
    plain = without_talk(index, normalize("麻烦问一下，江津那边双高计划的高职大概有几所来着"))
    assert plain is not None
    assert "麻烦" not in plain and "那边" not in plain and "大概" not in plain
    assert "来着" not in plain
    for word in ("江津", "双高计划", "高职", "几所"):
        assert word in plain, plain
    # A set phrase (jieba's l: 您好) the base lacks, in a clause that names a thing (老师).
    plain = without_talk(index, normalize("老师您好，田间学校有几所"))
    assert plain is not None and "您好" not in plain and "老师" in plain, plain
    # English: a clause of talk.
    assert without_talk(index, "sorry for asking, how many field schools") == (
        "how many field schools"
    )


def test_a_question_without_talk_keeps_its_words(index: Index) -> None:
    assert without_talk(index, "how many field schools") is None
    # 有 is a question word already: what is left asks the same.
    assert without_talk(index, normalize("田间学校有几所")) in (None, "田间学校 几所")


def test_every_clause_being_talk_keeps_the_question(index: Index) -> None:
    # Nothing would be left: the question is not emptied, and it is refused as it is.
    assert without_talk(index, normalize("你好，打扰了")) is None


def test_a_clause_naming_a_place_is_not_talk(invoke: Callable[..., Result]) -> None:
    # No word the base knows and no question word, but a name: what the question is
    # about. A place the base lacks refuses it; one it holds answers it.
    result = invoke("search", "关于永川区，有多少职业院校")
    assert result.exit_code == 1, result.output
    assert result.stderr == "jiangjin: no fact mentions 永川\n"
    result = invoke("search", "说到泸州，江津和那边互派了多少干部教师", "--format", "plain")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == "exchanged-cadres-and-teachers"


def test_a_romanised_place_the_base_never_writes_is_somewhere_else(
    base: FactBase, index: Index, invoke: Callable[..., Result]
) -> None:
    # Each is answered, wrongly, when only the vocabulary's provinces and cities count.
    assert top(base, index, "how many dual-qualified teachers in bishan district") is None
    assert top(base, index, "How many vocational schools does Yongchuan District have?") is None
    result = invoke("search", "field schools in Fuling County")
    assert result.exit_code == 1, result.output
    assert result.stderr == "jiangjin: no fact mentions fuling\n"
    # A place the base writes, and an English word before "district", name no other place.
    assert top(base, index, "how many dual-qualified teachers does Jiangjin District have")
    assert top(base, index, "how many field schools across the whole district")
    assert top(base, index, "how many talents did Jiangjin and Luzhou City train jointly")


def test_a_title_naming_a_place_otherwise_does_not_make_it_the_subject(
    invoke: Callable[..., Result],
) -> None:
    # other8's section "Deepening Shanghai-Yunnan education cooperation" names Shanghai, an
    # alias of its partner Qingpu District, Shanghai: a question naming that district asks
    # about it, and Pulan County's meal subsidy is not about it.
    other8 = str(PACKAGE_ROOT / "tests" / "eval" / "other8-facts.toml")
    question = "What is the daily meal subsidy per student in Qingpu District, Shanghai?"
    result = invoke("search", question, "--facts", other8)
    assert result.exit_code == 1, result.output
    question = "What is the daily meal subsidy per student?"
    result = invoke("search", question, "--facts", other8, "--format", "plain")
    assert result.stdout.splitlines()[0] == "nutrition-meal-subsidy"


def test_english_words_the_base_lacks_weighing_half_a_question_refuse_it(
    base: FactBase, index: Index, invoke: Callable[..., Result]
) -> None:
    # aviation and maintenance: what it asks about; every other word the base holds
    # (Jiangjin, vocational school, programme), enough coverage to be answered before.
    question = "Is there an aviation maintenance programme at any Jiangjin vocational school?"
    result = invoke("search", question)
    assert result.exit_code == 1, result.output
    assert result.stderr == "jiangjin: no fact mentions aviation, maintenance\n"
    other18 = str(PACKAGE_ROOT / "tests" / "eval" / "other18-facts.toml")
    result = invoke(
        "search", "How many students in Yunxiu have food allergies?", "--facts", other18
    )
    assert result.exit_code == 1, result.output
    # A lacking word of less weight (bag), or a near spelling of a word it holds, is not.
    assert top(base, index, "how many gold medals did the schools bag") == (
        "fact:national-competition-gold-medals"
    )
    assert top(base, index, "What number of dual-qualified teachres are there") == (
        "fact:dual-qualified-teachers"
    )


def test_a_verb_that_may_be_asked_is_not_talk(base: FactBase, index: Index) -> None:
    # 下雪 is a verb of two characters: what the question asks, not talk around it.
    assert top(base, index, "明天重庆会下雪吗") is None


# --------------------------------------------------------------------- English talk


@pytest.mark.parametrize(
    ("question", "fact_id"),
    [
        # The frame before an embedded question names the speaker or the listener.
        (
            "By the way, do you happen to know how many field schools there are?",
            "field-schools",
        ),
        (
            "OK so, um, I think there was a figure for how many cadres and teachers "
            "Jiangjin and Luzhou exchanged, what was it again?",
            "exchanged-cadres-and-teachers",
        ),
        ("I would love to know how many field schools were built", "field-schools"),
        # A statement embedded in talk starts at "that"; the question asks about it.
        ("I heard that Jiangjin built field schools, how many?", "field-schools"),
        # Interjections and the adverbs a speaker hangs on a question.
        (
            "hmm, could you remind me how many gold medals they won again?",
            "national-competition-gold-medals",
        ),
    ],
)
def test_an_english_question_wrapped_in_talk_is_answered(
    invoke: Callable[..., Result], question: str, fact_id: str
) -> None:
    result = invoke("search", question, "--limit", "1", "--format", "plain")
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{fact_id}\n"


@pytest.mark.parametrize(
    ("question", "missing"),
    [
        ("By the way, do you happen to know how many dormitories Jiangjin has?", "dormitories"),
        ("um, can you tell me who the mayor of Jiangjin is, exactly?", "mayor"),
        # A question word after a noun starts a relative clause: the noun is the topic.
        ("Do you know the mayor who founded the field schools?", "know, mayor"),
        ("hey, do you know what the mayor's salary is?", "mayor, salary"),
    ],
)
def test_english_talk_never_takes_the_topic(
    invoke: Callable[..., Result], question: str, missing: str
) -> None:
    result = invoke("search", question)
    assert result.exit_code == 1, result.output
    assert result.stderr == f"jiangjin: no fact mentions {missing}\n"


def test_without_talk_drops_the_frame_of_an_embedded_question(index: Index) -> None:
    assert without_talk(index, "do you happen to know how many field schools there are") == (
        "how many field schools there are"
    )
    # A word of the frame that the base knows stays; one it lacks goes.
    assert without_talk(index, "i think the district built how many field schools") == (
        "district built how many field schools"
    )
    # No speaker or listener in the frame: no frame (the schools which ...).
    assert without_talk(index, "the schools which pair up how many") is None
    # Nothing asked after the question word: nothing taken.
    assert without_talk(index, "do you know what it is") is None
    # "by the way" is a phrase of talk although the base writes "way".
    assert index.doc_freq("way")
    assert without_talk(index, "by the way how many field schools") == "how many field schools"


def test_english_talk_the_base_writes_stays(write_base: Callable[..., Written]) -> None:
    path = write_base({"Schools work with more": "Schools actually work with more"}).path
    index = store.index_of(store.load(path))
    assert without_talk(index, "how many companies do schools actually work with again") == (
        "how many companies do schools actually work with"
    )


def test_a_refusal_names_the_english_topic_not_the_talk(index: Index) -> None:
    assert unknown_words(index, ["um, do you happen to know who the mayor is, actually?"]) == [
        "mayor"
    ]
    # Without talk, every word the base lacks is named, as before.
    assert unknown_words(index, ["what is the mayor's salary"]) == ["mayor", "salary"]


# --------------------------------------------------------------------------- topics


@pytest.mark.parametrize(
    ("question", "missing"),
    [
        ("江津区区长是谁", "区长"),
        ("重庆工商学校有多少在校生", "在校生"),
        ("乡村振兴学院的院长是谁", "院长"),
        # 率 makes a rate: a base writing 就业 (employment) but no 就业率 gives none.
        ("江津职业院校毕业生的就业率是多少", "就业率"),
    ],
)
def test_a_word_naming_a_thing_the_base_lacks_refuses_the_question(
    invoke: Callable[..., Result], question: str, missing: str
) -> None:
    result = invoke("search", question)
    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    assert result.stderr == f"jiangjin: no fact mentions {missing}\n"


@pytest.mark.parametrize(
    ("question", "missing"),
    [
        ("how many canteens does the Rural Revitalisation College run?", "canteens"),
        ("how many dormitories does Jiangnan Vocational School have?", "dormitories"),
    ],
)
def test_an_english_count_of_a_word_the_base_lacks_is_refused(
    invoke: Callable[..., Result], question: str, missing: str
) -> None:
    result = invoke("search", question)
    assert result.exit_code == 1, result.output
    assert result.stderr == f"jiangjin: no fact mentions {missing}\n"


def test_what_an_english_count_counts_ends_at_its_plural(base: FactBase, index: Index) -> None:
    # "teachers work at": the verb is not what is counted (work, and with it cooperate
    # and partner, let the schools paired with it answer "how many teachers").
    question = "How many teachers work at Chongqing Jiangnan Vocational School?"
    assert top(base, index, question) is None
    # The last plural is the head: skills training bases, not skills.
    question = "How many skills training bases were built with 128 agricultural enterprises?"
    assert top(base, index, question) == "fact:professional-skill-training-bases"


def test_an_english_count_of_a_misspelt_word_is_answered(base: FactBase, index: Index) -> None:
    assert top(base, index, "how many dual-qualified teachres") == "fact:dual-qualified-teachers"


def test_unknown_topics_are_nouns_the_base_lacks(index: Index) -> None:
    assert unknown_topics(index, "江津区区长是谁") == ["区长"]
    # A measure word after 多少 or 几 is the question's (多少项 + 奖), not part of a topic.
    assert unknown_topics(index, "文明风采竞赛获得多少项奖") == []
    # Held verbatim, as pieces it holds (网络 + 覆盖), or with one more character (年 产值).
    assert unknown_topics(index, "农民教育网络覆盖几级") == []
    assert unknown_topics(index, "年产值多少") == []
    # Question words and particles name nothing, whatever their tag (一共 is j).
    assert unknown_topics(index, "高职一共有几所") == []


def test_which_with_its_measure_word_is_a_question_word() -> None:
    # 哪一类 / 哪所 / 哪一年 ask as 哪 does: 一类, 所 and 一年 are no content.
    assert split_stops("哪一类专业") == ["专业"]
    assert split_stops("哪所学校") == ["学校"]
    assert split_stops("江津哪一年获评") == ["江津", "获评"]
    assert split_stops("哪里") == []


def test_a_measure_word_after_a_number_makes_no_pair_with_what_follows() -> None:
    segments = query_segments("36个指的是")
    assert ("个", ()) in segments and ("指", ()) in segments
    assert all("个指" not in run for run, _words in segments)
    # Alone after its number the measure word is one run, as before.
    assert query_segments("2729名") == [("", ("2729",)), ("名", ())]


def test_a_measure_word_after_a_number_is_no_part_of_a_topic(base: FactBase, index: Index) -> None:
    # jieba cuts 2729名指的是 as 2729 + 名指 (a noun): the measure word belongs to 2729.
    assert unknown_topics(index, "2729名指的是什么教师") == []
    assert top(base, index, "2729名指的是什么教师") == "fact:dual-qualified-teachers"


def test_a_refusal_names_the_topic_not_the_talk(index: Index) -> None:
    assert unknown_words(index, ["不好意思打扰下，江津区区长是谁来着"]) == ["区长"]


# --------------------------------------------------------------------------- counting


def test_how_many_is_answered_by_a_number(base: FactBase, index: Index) -> None:
    # The new farmer schools have no number in the article: the fact about them does
    # not answer "how many", and no other fact counts them.
    assert top(base, index, "新农学校有什么") == "fact:new-farmer-schools"
    assert top(base, index, "新农学校一共办了多少所") is None


def test_how_many_x_needs_a_record_naming_x(base: FactBase, index: Index) -> None:
    # 教师: some facts name teachers, the one about the group's members does not.
    assert top(base, index, "江南职业学校牵头的集团有多少教师") is None
    assert top(base, index, "江南职业学校牵头的集团有多少成员单位") == (
        "fact:jiangnan-training-group-members"
    )


def test_how_many_is_not_answered_by_a_share(base: FactBase, index: Index) -> None:
    # The article gives the share of graduates with a certificate, not their number.
    assert top(base, index, "what share of graduates hold skill certificates") == (
        "fact:certificate-holder-share"
    )
    assert top(base, index, "how many graduates got skill certificates") != (
        "fact:certificate-holder-share"
    )
    assert top(base, index, "拿证的毕业生有多少名") != "fact:certificate-holder-share"


def test_which_items_is_not_how_many(base: FactBase, index: Index) -> None:
    assert top(base, index, "组合式激励政策包括哪几项") == "fact:combined-incentive-policy"


# --------------------------------------------------------------------------- imports


def _loads_rjieba(*args: str) -> bool:
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "jiangjin_cli", *args],
        capture_output=True,
        text=True,
    )
    assert done.returncode in (0, 1), done.stderr[-500:]
    modules = {line.rsplit("|", 1)[-1].strip().split(".")[0] for line in done.stderr.splitlines()}
    return "rjieba" in modules


def test_a_plain_question_does_not_load_the_tagger() -> None:
    assert not _loads_rjieba("search", "江津区有多少双师型教师")
    assert not _loads_rjieba("search", "how many field schools")
    assert not _loads_rjieba("get", "dual-qualified-teachers")


def test_a_chatty_question_loads_the_tagger() -> None:
    # The check above could pass by never looking: this one shows it sees the import.
    assert _loads_rjieba("search", "麻烦问一下，田间学校一共建了多少所来着")


# --------------------------------------------------------------------------- when


@pytest.mark.parametrize(
    "question",
    ["when was Huawei founded", "田间学校是哪一年开始建的", "乡村振兴学院是什么时候成立的"],
)
def test_when_is_answered_only_by_a_record_that_writes_a_year(
    base: FactBase, index: Index, question: str
) -> None:
    # The article dates none of these: every word is in the base, no answer is.
    assert top(base, index, question) is None


def test_a_question_without_when_finds_the_same_record(base: FactBase, index: Index) -> None:
    assert top(base, index, "乡村振兴学院是谁成立的") is not None


# --------------------------------------------------------------------------- clitics


def test_english_contractions_are_their_stop_words(base: FactBase, index: Index) -> None:
    assert spell_out_clitics("what's the thing they're piloting? didn't") == (
        "what's the thing they are piloting? did not"
    )
    assert top(base, index, "hey, which certificates they're piloting") == top(
        base, index, "hey, which certificates they are piloting"
    )


@pytest.mark.parametrize(
    ("question", "fact_id"),
    [
        # Pinyin's -in/-ing, which the stemmer then cuts: jiangjing -> jiangj.
        ("how many Jiangjing teachers are dual-qualified", "dual-qualified-teachers"),
        ("how many jiangjing teachers", "dual-qualified-teachers"),
        # A stem too short to correct (chonq), from a word that is not.
        ("How many field schools in Chonqing", "field-schools"),
    ],
)
def test_a_typo_the_stemmer_cuts_is_corrected_from_the_word_typed(
    invoke: Callable[..., Result], question: str, fact_id: str
) -> None:
    result = invoke("search", question, "--limit", "1", "--format", "plain")
    assert result.stdout == f"{fact_id}\n", result.output


def test_near_spellings_of_the_word_typed_are_stems(index: Index) -> None:
    assert "jiangjin" not in near_spellings(index, stem("jiangjing"))
    assert "jiangjin" in near_spellings(index, stem("jiangjing"), "jiangjing")


# --------------------------------------------------------------------------- cost


def test_typo_tolerance_skips_words_too_long_to_be_words(index: Index) -> None:
    # Each of the ~54 * n neighbours of an n-letter word is n letters long: a
    # 20,000-letter query once made a million of them (18 GB, 90 s).
    assert "teacher" in near_spellings(index, stem("teachres"))
    looked_up: list[str] = []

    class Counting:
        def doc_freq(self, token: str) -> int:
            looked_up.append(token)
            return index.doc_freq(token)

    near_spellings(cast(Index, Counting()), "q" * MAX_TYPO_LENGTH)
    assert len(looked_up) > MAX_TYPO_LENGTH  # it looks, up to the longest word
    looked_up.clear()
    assert near_spellings(cast(Index, Counting()), "q" * (MAX_TYPO_LENGTH + 1)) == ()
    assert looked_up == []


# ------------------------------------------------------- what is named, what is asked


@pytest.mark.parametrize(
    ("question", "message"),
    [
        # The base knows the school and knows students, but no fact about the school
        # counts its students: the poor students received from Yunnan do not answer.
        (
            "How many students are enrolled at Chongqing Industry and Commerce School?",
            "no fact gives how many students Chongqing Industry and Commerce School has",
        ),
        ("重庆工商学校有多少学生", "no fact gives how many 学生 重庆工商学校 has"),
        (
            "Which students did Chongqing Industry and Commerce School send abroad?",
            "no fact about Chongqing Industry and Commerce School mentions students, send, abroad",
        ),
        # The entity is written "Revitalisation"; its words name it whatever the spelling
        # (the refusal names it as the base writes it).
        (
            "Which students are enrolled at the rural revitalization college?",
            "no fact about rural revitalisation college mentions students, enrolled",
        ),
        # What a "who is the X" question asks for, the base lacks.
        ("Who is the dean of the Rural Revitalisation College?", "no fact mentions dean"),
        # The same in Chinese: A的X是多少 asks for X, named as jieba cuts it.
        ("江津职业院校毕业生的平均起薪是多少", "no fact mentions 平均, 起薪"),
        # Asked again without its talk, the question still names the community, although
        # the talk reading cuts the 中 of its name.
        ("中—老职教共同体有多少成员单位", "no fact about 中—老职教共同体 mentions 成员单位"),
        # "What is A's X" asks for X: the possessive is read as typed (folding drops it).
        ("What was Jiangjin District's GDP last year?", "no fact mentions gdp"),
        (
            "What is Chongqing Industry and Commerce School's national ranking?",
            "no fact about Chongqing Industry and Commerce School mentions ranking",
        ),
        # "who won the X" asks about X.
        ("who won the football match", "no fact mentions football"),
        # "what X do ...": the noun before the verb is what is asked to name.
        ("What yearly fee do the group's member units pay?", "no fact mentions fee, pay"),
        (
            "Which tuition waivers are offered to rural pupils?",
            "no fact mentions tuition, waivers, offered",
        ),
    ],
)
def test_a_question_about_something_known_asking_what_the_base_lacks_is_refused(
    invoke: Callable[..., Result], question: str, message: str
) -> None:
    result = invoke("search", question)
    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    assert result.stderr == f"jiangjin: {message}\n"


@pytest.mark.parametrize(
    ("question", "number"),
    [
        ("How many of the 2,729 dual-qualified teachers are women?", "2729"),
        ("重庆工商学校职教集团的116家成员单位里有多少家是企业？", "116"),
        ("那450余家合作企业中有几家是外资企业", "450"),
        ("Which of the 450 or so partner firms are the largest?", "450"),
        # The whole first, the question after it.
        ("Of the 2,729 dual-qualified teachers, how many are women?", "2729"),
        ("Of the 116 member units, which are enterprises?", "116"),
        # 里面, 里头, a comma after 中; 好多 (多少 in the south-west); 万 as typed.
        ("13个技能大师工作室里面国家级的有几个?", "13"),
        ("450多家合作企业里头有好多家是制造业企业?", "450"),
        ("每年培训的1万人次里面,种植户和乡村工匠各好多?", "1万"),
        ("互派的150多名干部教师中,教师有多少人?", "150"),
    ],
)
def test_a_part_of_a_number_the_base_gives_is_refused(
    invoke: Callable[..., Result], question: str, number: str
) -> None:
    # The fact giving the number does not answer how many of its things are something.
    result = invoke("search", question)
    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    assert result.stderr == f"jiangjin: no fact breaks down {number}\n"


@pytest.mark.parametrize(
    ("question", "name"),
    [
        ("What do the four digits of the 4599 model represent?", "4599"),
        ("4599师资建设模式分别代表什么", "4599师资建设模式"),
        ("“6个1”指的是什么", "6个1"),
        ("What are the components of the 6 Ones moral education model?", "6 ones"),
        ('What are the six "ones" in Jiangjin\'s "6个1" moral education model?', "6个1"),
        ('List the six items of the "6个1" moral education model.', "6个1"),
    ],
)
def test_the_parts_of_a_name_of_figures_the_base_only_names_are_refused(
    invoke: Callable[..., Result], question: str, name: str
) -> None:
    # The article names its 4599 and 6个1 models and never says what their figures stand
    # for: the fact naming the model does not answer.
    result = invoke("search", question)
    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    assert result.stderr == f"jiangjin: no fact spells out the parts of {name}\n"


def test_the_parts_of_a_name_of_figures_come_from_the_record_writing_them_out(
    invoke: Callable[..., Result],
) -> None:
    # Yundu District's article writes its “1+3+N” system out (即区级统筹引领, ...): that
    # fact answers, and the one that only names the system does not.
    other15 = str(PACKAGE_ROOT / "tests" / "eval" / "other15-facts.toml")

    def first(question: str) -> str:
        result = invoke("search", question, "--facts", other15, "--limit", "1", "--format", "plain")
        assert result.exit_code == 0, result.output
        return result.stdout.strip()

    assert first("What does 1+3+N stand for in Yundu?") == "1-3-n-system-meaning"
    assert first("“1+3+N”学校体育工作体系是什么") == "1-3-n-school-sports-system"


_EVAL = PACKAGE_ROOT / "tests" / "eval"


@pytest.mark.parametrize(
    ("question", "facts", "message"),
    [
        ("瑞岭市交通职业学校现有多少名老师", "other7", "how many 老师 瑞岭市交通职业学校 has"),
        (
            "How many teachers are employed at Qinglan County Special Education School?",
            "other3",
            "how many teachers Qinglan County Special Education School has",
        ),
        ("青岚县特殊教育学校有多少名学生", "other3", "how many 学生 青岚县特殊教育学校 has"),
        (
            "How many teachers are there at Yunling Town Central Primary School?",
            "other10",
            "how many teachers Yunling Town Central Primary School has",
        ),
    ],
)
def test_how_many_people_a_named_place_has_needs_a_stock_of_them(
    invoke: Callable[..., Result], question: str, facts: str, message: str
) -> None:
    # The bases give what these schools did with teachers and children (互派干部教师120余人次,
    # 为42名残疾幼儿提供送教上门), never how many they have.
    result = invoke("search", question, "--facts", str(_EVAL / f"{facts}-facts.toml"))
    assert result.exit_code == 1, result.output
    assert result.stderr == f"jiangjin: no fact gives {message}\n"


def test_an_area_is_answered_by_a_figure_in_a_unit_of_area(invoke: Callable[..., Result]) -> None:
    # The base knows the school and, through 占地 and 平方米 elsewhere, what an area is;
    # no fact about the school gives one in 亩 or 平方米.
    for question in ("重庆江南职业学校占地面积多大", "重庆工程职业技术学院占地面积多大"):
        result = invoke("search", question)
        assert result.exit_code == 1, result.output
        assert result.stdout == ""
        assert result.stderr == (
            "jiangjin: no fact gives the area asked about (in mu or square metres)\n"
        )


def test_how_many_mu_asks_an_area_and_money_per_mu_is_none(invoke: Callable[..., Result]) -> None:
    # other40 gives the kiwifruit growers' income per mu (unit 元, "yuan per mu"), never
    # how many mu they grow.
    other40 = str(_EVAL / "other40-facts.toml")
    result = invoke("search", "青溪镇的猕猴桃一共种了多少亩", "--facts", other40)
    assert result.exit_code == 1, result.output
    assert result.stderr == (
        "jiangjin: no fact gives the area asked about (in mu or square metres)\n"
    )
    # A figure in square metres answers it.
    other20 = str(_EVAL / "other20-facts.toml")
    result = invoke("search", "心理辅导室每间多少平方米", "--facts", other20, "--format", "plain")
    assert result.stdout.splitlines()[:1] == ["counselling-room-area"]


def test_how_many_people_are_enrolled_or_employed_needs_a_stock_of_them(
    invoke: Callable[..., Result],
) -> None:
    # The article counts the students received each year and the teachers trained, never
    # how many study or teach in the district's schools.
    result = invoke("search", "How many teachers are employed by Jiangjin's vocational schools?")
    assert result.exit_code == 1, result.output
    assert result.stderr == "jiangjin: no fact gives how many teachers there are\n"
    studying = "How many pupils are studying in Jiangjin's secondary vocational schools now?"
    assert invoke("search", studying).exit_code == 1
    # "study at", and the people after a word of their kind (international students).
    foreign = invoke("search", "How many international students study at Jiangjin's colleges?")
    assert foreign.exit_code == 1, foreign.output
    assert foreign.stderr == "jiangjin: no fact gives how many students there are\n"
    # A rate makes it a flow the article gives: 年接收当地贫困学生2000人以上.
    yearly = invoke(
        "search",
        "How many students are enrolled each year from poor Yunnan families?",
        *("--limit", "1", "--format", "plain"),
    )
    assert yearly.stdout == "poor-students-received\n", yearly.output


@pytest.mark.parametrize(
    ("question", "facts", "fact_id"),
    [
        # 成员达160余人, 留学生规模稳定在400人左右: stocks of people, so answers.
        ("家庭教育讲师团有多少名成员", "other4", "family-education-lecturers"),
        (
            "How many international students does Weichuan University have?",
            "other5",
            "international-students",
        ),
    ],
)
def test_a_stock_of_a_named_places_people_answers(
    invoke: Callable[..., Result], question: str, facts: str, fact_id: str
) -> None:
    result = invoke(
        "search", question, "--facts", str(_EVAL / f"{facts}-facts.toml"), "--format", "plain"
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.split()[0] == fact_id


@pytest.mark.parametrize(
    ("question", "parts"),
    [
        ("how many of the 2,729 teachers are women", ("2729",)),
        ("which of the 450-plus enterprises are the biggest", ("450",)),
        ("116家成员单位里有多少家是企业", ("116",)),
        ("2729名教师中女性有多少", ("2729",)),
        ("涉农培训12万多人次里头,电商培训占了好多?", ("120000",)),
        ("1.5万名学生中有多少", ("15000",)),
        # Counts, not parts of one.
        ("江津有多少所中职学校", ()),
        ("how many of the schools are national", ()),
        ("培养了2729名教师", ()),
        ("13所中职学校一共有多少学生", ()),
    ],
)
def test_part_numbers(question: str, parts: tuple[str, ...]) -> None:
    assert part_numbers(question) == parts


def test_a_part_of_a_number_is_answered_by_a_record_writing_the_number(
    invoke: Callable[..., Result], write_base: Callable[..., Written]
) -> None:
    # The total and its breakdown, as a base records a clause and its 其中 clause.
    facts = """
[[facts]]
id = "rotated-teachers"
section = "2"
quote = "交流轮岗教师486名"
statement_en = "Jiangjin District rotated 486 teachers."
value = 486
unit = "名"
unit_en = "teachers"
qualifier = "exact"
source = "demo-source"

[[facts]]
id = "backbone-share"
section = "2"
quote = "交流轮岗教师486名,其中骨干教师占比约40%"
statement_en = "Of the 486 teachers Jiangjin District rotated, backbone teachers made up about 40%."
value = 40
unit = "%"
unit_en = "%"
qualifier = "about"
source = "demo-source"
"""
    written = write_base(text=VALID_TOML + facts)
    question = "How many of the 486 rotated teachers were backbone teachers?"
    result = invoke("search", question, "--facts", str(written.path), "--format", "plain")
    assert result.stdout.split() == ["backbone-share"], result.output


@pytest.mark.parametrize(
    "question",
    [
        # Asks which schools; the fact about the bases names none.
        "江津和泸州共建的实训基地分别设在哪些学校",
        # Asks for a rate of employment; the fact about the pilot schools gives neither.
        "What is the employment rate of graduates from the 9 pilot reform vocational schools?",
        "what's the employment rate of the pilot reform schools",
        # "What X does ..." asks which X: no fact about the college names majors.
        "What majors does the Rural Revitalization College offer?",
    ],
)
def test_what_a_question_asks_for_must_be_in_its_answer(
    invoke: Callable[..., Result], question: str
) -> None:
    result = invoke("search", question)
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith("jiangjin: no ")


@pytest.mark.parametrize(
    ("question", "fact_id"),
    [
        # A spelling of an alias the fact never writes still finds the fact linked to it.
        ("who set up the rural revitalization college", "rural-revitalisation-college"),
        # 江津区 is in the article's title: every fact is about it, whether it says so.
        ("江津区培养了多少个国家级教学创新团队", "national-teaching-innovation-teams"),
        # The fact writes all but one word of the entity's English name (industry-academia-
        # research service platforms, for industry-academia-research cooperation).
        ("产教融合基地和产学研平台创造了多少产值", "training-output-value"),
        # Which X: a record holding X answers.
        ("江津和泸州共建了几个实训基地", "joint-training-bases"),
        ("which companies do the schools train talent for", "overseas-local-talent"),
        # What is A's X called: X (called asks its name, no word a record must hold).
        (
            "What is Jiangjin's teacher team building model called?",
            "4599-teacher-development-model",
        ),
        # A的X是多少 where the base holds X: answered as before.
        ("双师型教师的占比是多少", "dual-qualified-teacher-share"),
        ("田间学校的数量是多少", "field-schools"),
        (
            "重庆工商学校牵头的职教集团的成员单位有多少家",
            "industry-and-commerce-school-group-members",
        ),
    ],
)
def test_a_question_naming_what_its_answer_mentions_is_answered(
    base: FactBase, index: Index, question: str, fact_id: str
) -> None:
    assert top(base, index, question) == f"fact:{fact_id}"


def test_the_word_a_mention_may_miss_is_not_the_names_rarest(
    invoke: Callable[..., Result],
) -> None:
    # "Tongling County adheres to the principles of integrating general and special
    # education ..." holds every word of Tongling County Special Education School but
    # "school", the rarest of them in the base: it does not mention the school (it did
    # while any one word could be missed, and answered "who is the principal").
    other17 = str(PACKAGE_ROOT / "tests" / "eval" / "other17-facts.toml")
    question = "Who is the principal of Tongling County Special Education School?"
    result = invoke("search", question, "--facts", other17)
    assert result.exit_code == 1, result.output


def test_a_chinese_numeral_with_its_noun_is_a_count_not_a_topic(
    base: FactBase, index: Index
) -> None:
    # jieba tags 两省 (two provinces) a noun; the base never writes it, and it asks nothing.
    assert unknown_topics(index, "四川贵州两省的结对学校有几所") == []
    assert top(base, index, "四川贵州两省的结对学校有几所") == "fact:paired-vocational-schools"
    assert unknown_topics(index, "江津区区长是谁") == ["区长"]


def test_a_measure_word_with_shu_is_a_count_not_a_topic(base: FactBase, index: Index) -> None:
    # 人数 (the number of people) is the count 多少人 asks; the base writes 2.3万人, not 人数.
    assert unknown_topics(index, "获得证书的人数占毕业生的比例") == []
    assert top(base, index, "获得证书的人数占毕业生的比例") == "fact:certificate-holder-share"
    assert unknown_topics(index, "获奖次数和学校个数") == []


def test_a_chinese_answer_word_the_base_never_writes_does_not_refuse(
    base: FactBase, index: Index
) -> None:
    # 成绩 (results) names the form of the answer, not a thing the base must hold.
    assert unknown_topics(index, "28金64银41铜是哪项比赛的成绩") == []
    assert top(base, index, "28金64银41铜是哪项比赛的成绩") in {
        f"fact:national-competition-{medal}-medals" for medal in ("gold", "silver", "bronze")
    }
    # A thing it does not write still refuses.
    assert unknown_topics(index, "江津区区长的名字是什么") == ["区长"]


def test_answer_words_ask_for_what_any_record_gives(index: Index) -> None:
    assert lacking_attribute(index, "who is the dean of the rural revitalisation college") == [
        "dean"
    ]
    # name, kind, figure: the form of the answer, not a thing the base must hold.
    assert lacking_attribute(index, "what is the name of the moral education model") == []
    assert lacking_attribute(index, "what is the kind of award they won") == []
    # Before its verb too: a status, a period, the form of what any record gives.
    assert lacking_attribute(index, "what status did the ministry give the school") == []
    assert lacking_attribute(index, "over what period was that") == []
    assert lacking_attribute(index, "what annual fee do members pay") == ["fee"]
    # A relative "which" (the schools which ...) asks nothing to be named.
    assert answering_docs(index, "the schools which pair up") == []


def test_a_refusal_names_the_entity_and_what_no_fact_about_it_holds(index: Index) -> None:
    assert unanswered(index, ["重庆工商学校有多少学生"]) == ("重庆工商学校", ["学生"])
    # Nothing named: nothing to say beyond the usual refusal.
    assert unanswered(index, ["how many dormitories"]) is None


def test_a_rate_the_base_writes_is_answered(invoke: Callable[..., Result]) -> None:
    other7 = str(PACKAGE_ROOT / "tests" / "eval" / "other7-facts.toml")
    result = invoke("search", "瑞岭的毕业生就业率是多少", "--facts", other7, "--format", "plain")
    assert result.stdout.split()[:1] == ["matched-employment-rate"], result.output


def test_a_count_of_things_is_not_answered_by_an_amount_of_money(
    invoke: Callable[..., Result],
) -> None:
    other10 = str(PACKAGE_ROOT / "tests" / "eval" / "other10-facts.toml")
    # The special funds for teacher exchange (万元) count no schools ...
    counted = invoke("search", "How many special schools does Chengyuan have?", "--facts", other10)
    assert counted.exit_code == 1, counted.output
    # ... and answer a question about money.
    for question in (
        "How much special funding does Chengyuan give teacher exchange each year?",
        "澄垣区每年安排多少万元交流专项经费",
    ):
        result = invoke("search", question, "--facts", other10, "--format", "plain")
        assert result.stdout.split()[:1] == ["exchange-special-funds"], result.output


def test_money_lent_or_given_is_asked_as_money(invoke: Callable[..., Result], index: Index) -> None:
    other33 = str(PACKAGE_ROOT / "tests" / "eval" / "other33-facts.toml")
    # 能贷多少 asks an amount of money: the loans' processing time in minutes is no answer,
    # also when the talk reading leaves the question as 贷 多少.
    result = invoke("search", "生源地信用助学贷款每个学生每年最多能贷多少", "--facts", other33)
    assert result.exit_code == 1, result.output
    # 资助了多少名学生 counts the students helped, not money.
    assert not analyse(index, ["春晖助学基金资助了多少名学生"]).money
    assert analyse(index, ["春晖助学基金一共募集了多少"]).money


def test_money_named_before_how_much_is_asked_as_money(invoke: Callable[..., Result]) -> None:
    # Fees named before "how much": the district's training in person-times is no answer.
    question = "Regarding tuition fees, how much does a Jiangjin vocational school charge per year?"
    result = invoke("search", question)
    assert result.exit_code == 1, result.output


@pytest.mark.parametrize(
    "question",
    [
        "In total, how much money has Jiangjin invested in vocational education?",
        "How much money did Jiangjin invest in vocational education overall?",
    ],
)
def test_money_for_one_act_is_not_the_amount_of_another(
    invoke: Callable[..., Result], question: str
) -> None:
    # The base writes investment (with no amount) and an output value created: the
    # output value does not say what was invested.
    assert invoke("search", question).exit_code == 1


def test_spending_is_investment(invoke: Callable[..., Result]) -> None:
    other2 = str(PACKAGE_ROOT / "tests" / "eval" / "other2-facts.toml")
    question = "How much has Fanchuan spent on rural teachers in the last three years?"
    result = invoke("search", question, "--facts", other2, "--format", "plain")
    assert result.stdout.split()[:1] == ["total-investment"], result.output


def test_what_an_answer_word_measures_is_asked_for(invoke: Callable[..., Result]) -> None:
    # "the average class size" asks about classes' average, not only for a size.
    other11 = str(PACKAGE_ROOT / "tests" / "eval" / "other11-facts.toml")
    question = "What is the average class size in Qitong's primary schools?"
    assert invoke("search", question, "--facts", other11).exit_code == 1


def test_asking_to_look_something_up_is_talk(invoke: Callable[..., Result]) -> None:
    # 查查 (look up) is the speaker's request, 啥 is 什么.
    result = invoke("search", "帮我查查 江津和德国有啥合作", "--format", "plain")
    assert result.stdout.split()[:1] == ["international-practice-bases"], result.output


def test_a_breakdown_by_each_of_a_number_is_refused(invoke: Callable[..., Result]) -> None:
    # The silver and bronze facts share the sentence that writes the 28 gold medals;
    # neither breaks them down.
    result = invoke("search", "28枚国赛金牌各学校分别拿了几枚")
    assert result.exit_code == 1, result.output
    assert result.stderr == "jiangjin: no fact breaks down 28\n"


def test_the_names_of_counted_things_come_from_a_record_writing_the_count(
    invoke: Callable[..., Result], write_base: Callable[..., Written]
) -> None:
    # The silver-medal fact shares the sentence of the 28 golds; it names no events.
    refused = invoke("search", "那28块国赛金牌分别是在哪些项目上拿的")
    assert refused.exit_code == 1, refused.output
    assert refused.stderr == "jiangjin: no fact names the 28\n"
    # A record naming the two colleges writes their count, here in words.
    facts = """
[[facts]]
id = "double-high-college-count"
section = "2"
quote = "国家双高计划高职院校2所"
statement_en = "Jiangjin District has 2 national Double High-Level Plan higher vocational colleges."
value = 2
unit = "所"
unit_en = "colleges"
qualifier = "exact"
source = "demo-source"

[[facts]]
id = "double-high-college-names"
section = "2"
quote = "国家双高计划高职院校2所,分别是重庆工程职业技术学院和重庆工商职业学院"
statement_en = "The two Double High-Level Plan colleges are the Vocational Institute of \
Engineering and the Technology and Business Institute."
source = "demo-source"
"""
    written = write_base(text=VALID_TOML + facts)
    question = "那2所双高计划高职分别叫什么名字"
    result = invoke("search", question, "--facts", str(written.path), "--format", "plain")
    assert result.stdout.split()[:1] == ["double-high-college-names"], result.output


def test_a_verbal_noun_the_base_lacks_is_a_topic(invoke: Callable[..., Result]) -> None:
    # 活跃 (active, jieba's vn) of 活跃用户: the base counts registered users only.
    other14 = str(PACKAGE_ROOT / "tests" / "eval" / "other14-facts.toml")
    result = invoke("search", "霁川学习在线平台每天有多少活跃用户", "--facts", other14)
    assert result.exit_code == 1, result.output


# --------------------------------------------------------------------------- each one


@pytest.mark.parametrize(
    ("question", "facts", "fact_id"),
    [
        # The base gives how many field schools there are, not what each one does.
        ("how many farmers does each field school train", "", None),
        ("平均每所新型职业农民学校培训多少人", "", None),
        # A base that writes a figure for each one answers it.
        (
            "农村学校营养改善计划每个学生每天补多少钱",
            "tests/eval/other11-facts.toml",
            "rural-meal-subsidy",
        ),
        (
            "How much is the per-child subsidy for inclusive private kindergartens?",
            "tests/eval/other13-facts.toml",
            "per-pupil-subsidy",
        ),
        # Each year, each other and 每年 ask no figure for each one.
        (
            "how many people does Jiangjin train in rural skills each year",
            "",
            "agricultural-training-person-times",
        ),
        (
            "How many cadres and teachers did Jiangjin and Luzhou send to each other?",
            "",
            "exchanged-cadres-and-teachers",
        ),
    ],
)
def test_a_figure_for_each_one_comes_from_a_record_that_writes_one(
    invoke: Callable[..., Result], question: str, facts: str, fact_id: str | None
) -> None:
    options = ("--facts", str(PACKAGE_ROOT / facts)) if facts else ()
    result = invoke("search", question, *options, "--limit", "1", "--format", "plain")
    if fact_id is None:
        assert result.exit_code == 1
        assert result.stdout == ""
    else:
        assert result.stdout.strip() == fact_id, result.output


def test_a_refusal_of_a_figure_for_each_one_says_so(invoke: Callable[..., Result]) -> None:
    result = invoke("search", "how many farmers does each field school train")
    assert result.exit_code == 1
    assert result.stderr == "jiangjin: no fact gives a figure for each one (each field\u2026)\n"


def test_a_character_inside_a_longer_noun_names_no_counted_thing(
    invoke: Callable[..., Result],
) -> None:
    # 在校生 counts students, not schools: 校 does not make every record naming a school
    # (学院) an answer to how many are enrolled.
    other7 = str(PACKAGE_ROOT / "tests" / "eval" / "other7-facts.toml")
    result = invoke("search", "瑞岭职业技术学院有多少在校生", "--facts", other7)
    assert result.exit_code == 1, result.output
    # 园 of 科普示范园 still counts parks, 村 of 村共建 villages.
    assert (
        invoke("search", "科普示范园共建了几个", "--format", "plain").stdout.splitlines()[0]
        == "science-demonstration-parks"
    )


@pytest.mark.parametrize(
    ("question", "fact_id"),
    [
        # 全市, 全国: a total over a wider area than the district's, which no fact gives.
        ("重庆工程职业技术学院在全国高职院校中排名第几？", None),
        ("江津中职学校国赛金牌数在全市具体排第几名?", None),
        # 全区: the district a section title names (江津区) is the article's own area.
        ("全区建了几所“田间学校”？", "fact:field-schools"),
    ],
)
def test_a_wider_area_taken_whole_needs_a_record_writing_it(
    base: FactBase, index: Index, question: str, fact_id: str | None
) -> None:
    assert top(base, index, question) == fact_id


@pytest.mark.parametrize(
    ("question", "fact_id"),
    [
        # 多少人 counts people: the college's group units (个) do not answer it.
        ("乡村振兴学院培训了多少人", None),
        # A figure in people (名, 人次) does, whichever of 人, 名, 位 the question uses.
        ("双师型教师培养了多少人", "fact:dual-qualified-teachers"),
        ("社区教育培训了多少人次", "fact:community-education-person-times"),
        ("有多少位教师获得全国优秀教育工作者等荣誉", "fact:teacher-national-honours"),
    ],
)
def test_a_count_of_people_is_answered_by_a_figure_in_people(
    base: FactBase, index: Index, question: str, fact_id: str | None
) -> None:
    assert top(base, index, question) == fact_id


@pytest.mark.parametrize(
    ("question", "fact_id"),
    [
        # 第几 asks a place in an order: 首批 gives one, 位居全市前列 (among the top) not.
        ("江津区是第几批国家级农村职业教育和成人教育示范县", "fact:national-demonstration-county"),
        ("江津中职学生国赛金牌数排全市第几名", None),
    ],
)
def test_a_place_in_an_order_is_answered_by_a_record_writing_one(
    base: FactBase, index: Index, question: str, fact_id: str | None
) -> None:
    assert top(base, index, question) == fact_id


@pytest.mark.parametrize(
    ("question", "fact_id"),
    [
        # "Which majors" asks to name what the 36 specialties count: the count names none.
        ("Which majors make up Jiangjin's 36 key and featured specialties?", None),
        # "Which city" is not what the 1,200 count, nor "which district" the teachers.
        ("Over 1,200 people were trained jointly with which city?", "fact:jointly-trained-talent"),
        (
            "Which district trained the 2,729 dual-qualified teachers?",
            "fact:dual-qualified-teachers",
        ),
    ],
)
def test_which_things_a_number_counts_is_not_answered_by_the_count(
    base: FactBase, index: Index, question: str, fact_id: str | None
) -> None:
    assert top(base, index, question) == fact_id


def test_things_asked_by_name_are_not_answered_by_their_count(
    invoke: Callable[..., Result],
) -> None:
    result = invoke("search", "Which 2 colleges are in the Double High plan, by name?")
    assert result.exit_code == 1, result.output
    assert result.stderr == "jiangjin: no fact names the 2\n"
    # Other ways of asking for the names: "which are the", "name some of", "list the", and
    # 甚麼 (Hong Kong and Taiwan), which OpenCC makes 甚么, a variant of 什么.
    for question, number in [
        ("Which are the 36 key and featured specialties?", "36"),
        ("Could you name some of the 450-plus partner enterprises?", "450"),
        ("Please list the 36 key and featured specialties", "36"),
        ("那36個重點專業叫甚麼名字", "36"),
        ("江津那两所双高学校叫啥子名字", "2"),
        ("国赛28枚金牌都是哪些项目拿的", "28"),
    ]:
        result = invoke("search", question)
        assert result.exit_code == 1, (question, result.output)
        assert result.stderr == f"jiangjin: no fact names the {number}\n"
    # Asked after the figure, the number is what is asked about, not a whole to break down.
    result = invoke("search", "How many dual-qualified teachers are there, of the 2,729 trained?")
    assert result.stdout.splitlines()[1].split("\t")[1] == "dual-qualified-teachers"


@pytest.mark.parametrize(
    ("question", "reason", "names"),
    [
        ("江津区的区长是谁", "words", ("区长",)),
        ("How many of the 2,729 dual-qualified teachers are women?", "breakdown", ("2729",)),
        ("江津离泸州多少公里", "distance", ()),
        ("重庆工商学校占地面积多大", "area", ()),
        ("江津中职学生国赛金牌数排全市第几名", "order", ()),
        ("重庆工商学校是什么时候获评一校一品示范基地的", "when", ()),
    ],
)
def test_why_a_question_is_refused_is_one_structured_reason(
    index: Index, question: str, reason: str, names: tuple[str, ...]
) -> None:
    assert why_refused(index, [question]) == Refusal(reason, names)


def test_every_reason_of_a_refusal_has_its_line() -> None:
    from typing import get_args

    from jiangjin_cli.query.refusal import Reason
    from jiangjin_cli.render.answers import refusal

    names = {"people": ("甲", "乙")}  # a place and its people
    lines = {
        reason: refusal(Refusal(reason, names.get(reason, ("甲", "乙", "丙"))))
        for reason in get_args(Reason)
    }
    assert all(line.startswith("no ") for line in lines.values()), lines
    assert lines["about"] == "no fact about 甲 mentions 乙, 丙"
    assert lines["ratio"] == "no fact gives a ratio of 甲 to 乙"
    assert lines["words"] == "no fact mentions 甲, 乙, 丙"
    assert refusal(Refusal("people", ("", "教师"))) == "no fact gives how many 教师 there are"
