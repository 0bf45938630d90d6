"""Folding, highlighting and ranked search (jiangjin_cli.query.search)."""

from __future__ import annotations

import random
import re
from dataclasses import replace

import pytest

from jiangjin_cli import store
from jiangjin_cli.model import Entity, FactBase
from jiangjin_cli.query.places import place_holders
from jiangjin_cli.query.search import (
    CONCEPTS,
    Hit,
    fold,
    query_tokens,
    search,
    tokenize,
)
from jiangjin_cli.store import index_of as build_index
from jiangjin_cli.store.index import Index as SearchIndex
from jiangjin_cli.store.index import contains
from jiangjin_cli.text import normalize

try:
    from tests._builders import ENTITIES, FACTS, build
except ImportError:  # tests/ is not a package: pytest puts tests/ itself on sys.path
    from _builders import ENTITIES, FACTS, build


@pytest.fixture(scope="module")
def base() -> FactBase:
    return build()


@pytest.fixture(scope="module")
def index(base: FactBase) -> SearchIndex:
    return build_index(base)


def run(base: FactBase, index: SearchIndex, *terms: str) -> list[Hit]:
    return search(base, index, list(terms))


def top_fact(hits: list[Hit]) -> str | None:
    for hit in hits:
        if hit.kind == "fact":
            return hit.record.id
    return None


def keys(hits: list[Hit]) -> list[tuple[str, str]]:
    return [(h.kind, h.record.id) for h in hits]


# --------------------------------------------------------------------------- folding


def test_fold_full_width_and_case() -> None:
    assert fold("ＡＢＣ１２３") == "abc123"
    assert fold("ＤＵＡＬ－Ｑｕａｌｉｆｉｅｄ") == "dual-qualified"
    assert fold("Straße") == "strasse"
    assert fold("ﬁeld") == "field"


def test_fold_drops_quotation_marks() -> None:
    assert fold("“双师型”") == "双师型"
    assert fold("「田间学校」『新农学校』") == "田间学校新农学校"
    assert fold("\"1+X\" 'pilot'") == "1+x pilot"
    assert fold("＂ａ＂") == "a"


def test_fold_blanks_and_invisible_characters() -> None:
    assert fold("江津\u3000区") == "江津 区"
    assert fold("a\tb\nc") == "a b c"
    assert fold("双\u200b师型") == "双师型"


def test_fold_keeps_other_text() -> None:
    assert fold("中职学校国赛获28金64银41铜") == "中职学校国赛获28金64银41铜"
    assert fold("") == ""


# --------------------------------------------------------------------------- tokens


def test_tokenize_stems_and_numbers() -> None:
    tokens = tokenize("The district has trained 2,729 dual-qualified teachers; schools won.")
    for token in ("district", "train", "2729", "dual", "qualify", "teacher", "school", "win"):
        assert token in tokens
    assert "the" not in tokens
    assert "has" not in tokens


def test_tokenize_chinese_bigrams_and_characters() -> None:
    tokens = tokenize("培养“双师型”教师")
    assert "双师" in tokens
    assert "型教" in tokens
    assert "双" in tokens


def test_query_tokens_drop_question_words() -> None:
    tokens = query_tokens("江津区有多少双师型教师")
    assert "双师" in tokens
    assert "江津" in tokens
    assert not {"多少", "有", "区有", "少双", "多"} & set(tokens)
    assert query_tokens("how many of the") == []
    assert query_tokens("有限公司")[:0] == []
    assert "有限" in query_tokens("有限公司")


def test_stemming_gives_forms_one_stem() -> None:
    groups = [
        "create created creates creating",
        "agriculture agricultural",
        "organization organisation organisations",
        "revitalization revitalisation",
        "qualification qualified qualifies",
        "honor honour honours",
        "jointly joint",
        "came come",
    ]
    for group in groups:
        stems = {tuple(tokenize(word)) for word in group.split()}
        assert len(stems) == 1, (group, stems)


@pytest.mark.parametrize(
    ("query", "fact_id"),
    [
        ("how many dual-qualified teachres", "dual-qualified-teachers"),
        ("agricultrual training", "agricultural-training-person-times"),
    ],
)
def test_a_word_one_edit_from_the_base_is_read_as_that_word(query: str, fact_id: str) -> None:
    base = store.load(store.default_path())
    hits = search(base, store.index_of(base), [query], limit=1)
    assert [h.record.id for h in hits] == [fact_id]


def test_a_real_word_short_of_the_typo_length_is_not_corrected() -> None:
    base = store.load(store.default_path())
    # mayor is one edit from major, which the base holds.
    assert search(base, store.index_of(base), ["who is the mayor of Chongqing"]) == []


def test_possessive_and_percent_tokens() -> None:
    assert tokenize("Jiangjin's schools") == tokenize("Jiangjin schools")
    assert tokenize("Huawei’s") == ["huawei"]
    assert tokenize("80%") == ["80", "percent"]
    assert tokenize("８０％") == ["80", "percent"]
    assert query_tokens("80%") == ["80", "percent"]


def test_more_question_words_carry_no_weight() -> None:
    assert query_tokens("田间学校数量") == query_tokens("田间学校")
    assert query_tokens("金牌数") == query_tokens("金牌")
    assert query_tokens("谁牵头") == query_tokens("牵头")
    assert query_tokens("how many people got certificates between them") == [
        "person",
        "certificat",
    ]


def test_concept_words_are_single_tokens() -> None:
    # The map is built at import and raises on a word that is not one token; here
    # every line at least relates two tokens.
    for line in CONCEPTS:
        assert len(line.replace("|", " ").split()) >= 2, line


@pytest.mark.parametrize(
    ("question", "fact_id"),
    [
        ("how many companies work with the schools", "partner-enterprises"),
        ("有多少家公司参与合作", "partner-enterprises"),
        ("what proportion of the staff is dual-qualified", "dual-qualified-teacher-share"),
        ("双师型老师的比例", "dual-qualified-teacher-share"),
        ("how many farmers were trained", "agricultural-training-person-times"),
        ("how much money did the training bases make", "training-output-value"),
    ],
)
def test_related_words_bridge_paraphrases(
    base: FactBase, index: SearchIndex, question: str, fact_id: str
) -> None:
    assert top_fact(run(base, index, question)) == fact_id


def test_a_rare_synonym_does_not_outscore_the_word_asked(
    base: FactBase, index: SearchIndex
) -> None:
    # "enterprise" is in the base; "corporation" (a related word) is not. Scores of
    # a related token are capped at the asked token's own IDF.
    direct = run(base, index, "enterprises")
    related = run(base, index, "corporations")
    assert keys(related)[:1] == keys(direct)[:1] == [("fact", "partner-enterprises")]
    assert related[0].score <= direct[0].score


@pytest.mark.parametrize(
    ("question", "fact_id"),
    [
        ("how many gold medals", "national-competition-gold-medals"),
        ("how many silver medals", "national-competition-silver-medals"),
        ("金牌有几块", "national-competition-gold-medals"),
        ("拿了几块银牌", "national-competition-silver-medals"),
        ("国赛银牌数", "national-competition-silver-medals"),
        ("how many villages (communities)", "science-demonstration-parks"),
        ("how many teachers", "dual-qualified-teachers"),
        ("what share of teachers", "dual-qualified-teacher-share"),
    ],
)
def test_the_counted_thing_meets_the_unit(
    base: FactBase, index: SearchIndex, question: str, fact_id: str
) -> None:
    assert top_fact(run(base, index, question)) == fact_id


def test_how_many_is_not_answered_by_a_share(base: FactBase, index: SearchIndex) -> None:
    hits = run(base, index, "how many dual-qualified teachers")
    assert keys(hits)[0] == ("fact", "dual-qualified-teachers")


def test_a_place_the_base_lacks_is_refused(base: FactBase, index: SearchIndex) -> None:
    assert run(base, index, "北京有多少所中职学校") == []
    assert run(base, index, "how many dual-qualified teachers does Shanghai have") == []
    assert run(base, index, "江津区有多少双师型教师")


def test_a_place_inside_a_longer_name_needs_that_name() -> None:
    circle = Entity(
        "chengdu-chongqing",
        "成渝双城经济圈",
        "Chengdu-Chongqing economic circle",
        "place",
        ("Chengdu-Chongqing",),
    )
    base = build(entities=(*ENTITIES, circle))
    index = build_index(base)
    assert place_holders(index, "chengdu") == (
        "chengdu-chongqing",
        "chengdu-chongqing economic circle",
    )
    assert search(base, index, ["the Chengdu-Chongqing circle"])
    assert search(base, index, ["how many teachers does Chengdu have"]) == []


def test_a_missing_two_character_word_counts_against(base: FactBase, index: SearchIndex) -> None:
    # 区长 (district head) is a word of its own between question words; the base
    # lacks it, so 江津区 alone does not make the question answerable.
    assert run(base, index, "江津区的区长是谁") == []


# --------------------------------------------------------------------------- basic search


def test_quoted_query_finds_unquoted_text(base: FactBase, index: SearchIndex) -> None:
    hits = run(base, index, "“双师型”")
    assert top_fact(hits) in {"dual-qualified-teachers", "dual-qualified-teacher-share"}
    assert ("fact", "dual-qualified-teachers") in keys(hits)
    assert all(h.exact for h in hits)


def test_full_width_query(base: FactBase, index: SearchIndex) -> None:
    assert keys(run(base, index, "ＤＵＡＬ")) == keys(run(base, index, "dual"))
    assert run(base, index, "ＤＵＡＬ")


def test_search_covers_ids_names_aliases_tags_titles(base: FactBase, index: SearchIndex) -> None:
    assert ("fact", "partner-enterprises") in keys(run(base, index, "partner-enterprises"))
    assert ("entity", "chongqing-industry-and-commerce-school") in keys(
        run(base, index, "Technology and Business")
    )
    assert ("fact", "1-x-certificate-pilot") in keys(run(base, index, "certificates"))
    assert ("section", "3.1") in keys(run(base, index, "搭建培训平台"))
    assert ("section", "2.1") in keys(run(base, index, "workforce"))


def test_several_terms_all_matching_come_first(base: FactBase, index: SearchIndex) -> None:
    terms = ["schools", "medals"]
    hits = run(base, index, *terms)
    assert hits

    def matches_all(hit: Hit) -> bool:
        text = fold(" ".join(str(v) for v in vars_of(hit)))
        return all(t in text for t in terms)

    flags = [matches_all(h) for h in hits]
    assert flags[0]
    assert flags == sorted(flags, reverse=True)


def vars_of(hit: Hit) -> list[object]:
    record = hit.record
    return [getattr(record, name) for name in record.__slots__]  # type: ignore[union-attr]


def test_and_first_beats_a_stronger_single_term(base: FactBase, index: SearchIndex) -> None:
    hits = run(base, index, "dual-qualified", "2729")
    assert hits[0].record.id == "dual-qualified-teachers"
    assert "dual-qualified-teacher-share" in [h.record.id for h in hits[1:]]


def test_id_match_comes_first(base: FactBase, index: SearchIndex) -> None:
    hits = run(base, index, "dual-qualified-teachers")
    assert keys(hits)[0] == ("fact", "dual-qualified-teachers")
    assert hits[0].exact
    hits = run(base, index, "field-schools")
    assert set(keys(hits)[:2]) == {("fact", "field-schools"), ("entity", "field-schools")}


def test_name_match_comes_before_phrase_match(base: FactBase, index: SearchIndex) -> None:
    hits = run(base, index, "田间学校")
    assert keys(hits)[:2] == [("entity", "field-schools"), ("fact", "field-schools")]
    hits = run(base, index, "重庆工商学校")
    assert keys(hits)[0] == ("entity", "chongqing-industry-and-commerce-school")
    assert ("fact", "one-school-one-brand-base") in keys(hits)
    hits = run(base, index, "Field Schools")
    assert keys(hits)[0] == ("entity", "field-schools")


def test_exact_hits_outrank_partial(base: FactBase, index: SearchIndex) -> None:
    hits = run(base, index, "涉农培训")
    assert hits[0].record.id == "agricultural-training-person-times"
    assert hits[0].exact
    exact = [h.exact for h in hits]
    assert exact == sorted(exact, reverse=True)
    scores = [h.score for h in hits if h.exact]
    assert scores == sorted(scores, reverse=True)


def test_section_id_is_found(base: FactBase, index: SearchIndex) -> None:
    assert keys(run(base, index, "2.1"))[0] == ("section", "2.1")
    assert keys(run(base, index, "２.１"))[0] == ("section", "2.1")


def test_latin_terms_match_at_word_start(base: FactBase, index: SearchIndex) -> None:
    assert ("section", "2.1") in keys(run(base, index, "streng"))
    assert run(base, index, "rength") == []


def test_limit(base: FactBase, index: SearchIndex) -> None:
    assert len(search(base, index, ["双师型"], limit=1)) == 1
    assert search(base, index, ["双师型"], limit=0) == []
    assert len(search(base, index, ["双师型"], limit=None)) >= 2


def test_a_plain_string_is_one_term(base: FactBase, index: SearchIndex) -> None:
    assert keys(search(base, index, "田间学校")) == keys(run(base, index, "田间学校"))  # type: ignore[arg-type]


# --------------------------------------------------------------------------- questions


@pytest.mark.parametrize(
    ("question", "fact_id"),
    [
        ("江津区有多少双师型教师", "dual-qualified-teachers"),
        ("“双师型”教师占比是多少", "dual-qualified-teacher-share"),
        ("社区教育一共培训了多少人次", "community-education-person-times"),
        ("涉农培训多少人次", "agricultural-training-person-times"),
        ("田间学校有几所", "field-schools"),
        ("中职学校国赛获得了多少金", "national-competition-gold-medals"),
        ("多少银牌", "national-competition-silver-medals"),
        ("职业院校与多少家企业合作", "partner-enterprises"),
        ("科普示范园有几个", "science-demonstration-parks"),
    ],
)
def test_chinese_question_finds_the_fact(
    base: FactBase, index: SearchIndex, question: str, fact_id: str
) -> None:
    assert top_fact(run(base, index, question)) == fact_id


@pytest.mark.parametrize(
    ("question", "fact_id"),
    [
        ("how many field schools", "field-schools"),
        ("how many gold medals did the secondary schools win", "national-competition-gold-medals"),
        ("how many silver medals", "national-competition-silver-medals"),
        ("how many dual-qualified teachers are there", "dual-qualified-teachers"),
        ("How many enterprises cooperate with the schools?", "partner-enterprises"),
        ("how much output value was created", "training-output-value"),
        ("what share of teachers are dual qualified", "dual-qualified-teacher-share"),
    ],
)
def test_english_question_finds_the_fact(
    base: FactBase, index: SearchIndex, question: str, fact_id: str
) -> None:
    assert top_fact(run(base, index, question)) == fact_id


def test_a_name_inside_a_question_is_not_an_exact_match(base: FactBase, index: SearchIndex) -> None:
    question = "how many dual-qualified teachers does Jiangjin District have"
    hits = run(base, index, *question.split())
    assert keys(hits)[0] == ("fact", "dual-qualified-teachers")
    assert not hits[0].exact
    # A list of names is still a list of exact matches.
    hits = run(base, index, "田间学校", "江津区")
    assert set(keys(hits)[:2]) == {("entity", "field-schools"), ("entity", "jiangjin-district")}
    assert hits[0].exact and hits[1].exact


def test_words_apart_rank_as_words_together(base: FactBase, index: SearchIndex) -> None:
    for question in ("how many silver medals", "what share of teachers are dual qualified"):
        assert keys(run(base, index, *question.split())) == keys(run(base, index, question))


def test_question_split_into_words_still_works(base: FactBase, index: SearchIndex) -> None:
    hits = run(base, index, "how", "many", "field", "schools")
    assert keys(hits)[0] == ("fact", "field-schools")


def test_quantity_question_prefers_the_fact_over_the_entity(
    base: FactBase, index: SearchIndex
) -> None:
    assert keys(run(base, index, "how many field schools"))[0] == ("fact", "field-schools")
    assert keys(run(base, index, "江津区有多少双师型教师"))[0] == (
        "fact",
        "dual-qualified-teachers",
    )


@pytest.mark.parametrize(
    "question",
    [
        "明天天气预报下雨吗",
        "who won the football match",
        "今天股市行情怎么样",
        "what is the capital of France",
        "北京大学的校长是谁",
        "上海的人口有多少",
        "how to cook rice",
    ],
)
def test_unanswerable_question_has_no_hits(
    base: FactBase, index: SearchIndex, question: str
) -> None:
    assert run(base, index, question) == []


def test_hits_report_coverage(base: FactBase, index: SearchIndex) -> None:
    hits = run(base, index, "社区教育一共培训了多少人次")
    assert hits[0].coverage == pytest.approx(1.0)
    assert all(0.0 <= h.coverage <= 1.0 for h in hits)


# --------------------------------------------------------------------------- odd queries


@pytest.mark.parametrize(
    "terms", [[], [""], ["   "], ["\u3000"], ["多少"], ["how", "many"], ["的"]]
)
def test_empty_or_stop_word_query_has_no_hits(
    base: FactBase, index: SearchIndex, terms: list[str]
) -> None:
    assert search(base, index, terms) == []


@pytest.mark.parametrize("term", [".*", "(", "[", "\\", "^$", "?", "+", "|"])
def test_regex_metacharacters_match_nothing_here(
    base: FactBase, index: SearchIndex, term: str
) -> None:
    assert run(base, index, term) == []


def test_regex_metacharacters_are_literal(base: FactBase, index: SearchIndex) -> None:
    assert keys(run(base, index, "1+X"))[0] == ("fact", "1-x-certificate-pilot")
    hits = run(base, index, "村(社)")
    assert keys(hits) == [("fact", "science-demonstration-parks")]
    assert keys(run(base, index, "80%"))[0] == ("fact", "dual-qualified-teacher-share")
    assert keys(run(base, index, "2.5")) == [("fact", "productive-training-person-times")]
    # ".*" is not a wildcard: only the number 2.5 is content here.
    hits = run(base, index, "2.5.*")
    assert keys(hits) == [("fact", "productive-training-person-times")]
    assert not hits[0].exact


def test_a_very_long_query_is_ranked(base: FactBase, index: SearchIndex) -> None:
    # No timing here (a busy machine makes any bound flaky): benchmarks/ measure speed.
    rng = random.Random(7)
    alphabet = "双师型教师培训江津区学校明天天气abc 的(.*[ "
    long_query = "".join(rng.choice(alphabet) for _ in range(20_000))
    hits = run(base, index, long_query)
    repeated = run(base, index, "双" * 20_000)
    words = run(base, index, *(["teachers"] * 2_000))
    assert isinstance(hits, list)
    assert repeated == []
    assert words[0].record.id.startswith("dual-qualified")


# --------------------------------------------------------------------------- highlighting


def test_matched_terms_highlight_the_hit(base: FactBase, index: SearchIndex) -> None:
    for query in ("江津区有多少双师型教师", "how many field schools", "涉农培训", "ＤＵＡＬ"):
        for hit in run(base, index, query):
            assert hit.matched_terms
            assert all(t == fold(t) for t in hit.matched_terms)
            text = " ".join(str(v) for v in vars_of(hit))
            folded = normalize(text)
            assert any(contains(folded, t) for t in hit.matched_terms), (query, hit.record.id)


@pytest.mark.parametrize(
    ("needle", "held"),
    [
        ("above", True),  # a whole word
        ("abo", True),  # a word typed in part, long enough to mean it
        ("ab", False),  # two letters are no word of "above"
        ("b", False),
        ("ove", False),  # not at a word start
        ("1+x", True),
        ("1+", True),  # ends in no letter: no word to complete
        ("级以上", True),
    ],
)
def test_a_latin_needle_matches_whole_words_or_a_typed_start(needle: str, held: bool) -> None:
    assert contains("建成市级以上 built at municipal level or above 1+x", needle) is held


@pytest.mark.parametrize("query", ["ab", "b", "zq"])
def test_letters_that_begin_words_but_are_none_are_refused(
    base: FactBase, index: SearchIndex, query: str
) -> None:
    assert run(base, index, query) == []


def test_a_name_typed_in_part_is_still_found(base: FactBase, index: SearchIndex) -> None:
    hits = run(base, index, "dual-qual")
    assert hits
    assert "dual-qualified" in hits[0].record.id


# --------------------------------------------------------------------------- the index


def test_index_is_reusable(base: FactBase) -> None:
    index = build_index(base)
    first = run(base, index, "双师型")
    run(base, index, "how many field schools")
    assert run(base, index, "双师型") == first


def test_stale_index_skips_missing_records(base: FactBase, index: SearchIndex) -> None:
    smaller = build(facts=tuple(f for f in FACTS if f.id != "field-schools"))
    hits = search(smaller, index, ["田间学校"])
    assert ("fact", "field-schools") not in keys(hits)
    assert ("entity", "field-schools") in keys(hits)


def test_empty_base() -> None:
    empty = build(facts=(), entities=(), sections=())
    index = build_index(empty)
    assert search(empty, index, ["双师型"]) == []
    assert search(empty, index, ["how many teachers"]) == []


def test_a_large_base_is_indexed_and_searched() -> None:
    def base_of(n: int) -> FactBase:
        facts = tuple(
            replace(
                FACTS[i % len(FACTS)],
                id=f"fact-{i}",
                quote=f"{FACTS[i % len(FACTS)].quote}{i}",
            )
            for i in range(n)
        )
        return build(facts=facts)

    big = base_of(10_000)
    index = build_index(big)
    hits = search(big, index, ["江津区有多少双师型教师"], limit=10)
    assert len(hits) == 10
    assert all(h.record.id.startswith("fact-") or h.kind != "fact" for h in hits)


@pytest.mark.parametrize(
    "text",
    [
        "学生人数是多少",
        "数字经济",
        "总人数有几个",
        "数",
        "人数",
        "a人数",
        "学生人数x",
        "江津有多少名教师",
        "数量和总数",
        "哪几所",
        "老师人数多",
        "人次数",
    ],
)
def test_chinese_quantity_cues_are_read_by_code_point_as_by_the_cjk_class(text: str) -> None:
    # The cues once were one expression with a class of CJK ranges; checking 数's
    # neighbours by code point gives the same cues without compiling that class.
    from jiangjin_cli.query.counted import quantity_cues_zh
    from jiangjin_cli.tokens import CJK

    reference = re.compile(rf"(多少|几|数量|总数|(?<=[{CJK}]{{2}})数(?![{CJK}]))")
    expected = [(m.start(), m.group(1)) for m in reference.finditer(text)]
    assert [(m.start(), m.group(1)) for m in quantity_cues_zh(text)] == expected


@pytest.mark.parametrize(
    ("text", "cues"),
    [
        ("跑了好几个区县", []),
        ("读了十几年书", []),
        ("这几年", []),
        ("近几年", []),
        ("前几天看到", []),
        ("几乎所有学校", []),
        ("有几所学校", ["几"]),
        ("连续几年", ["几"]),
        ("跟几百家公司合作", ["几"]),
    ],
)
def test_ji_telling_a_few_asks_no_quantity(text: str, cues: list[str]) -> None:
    from jiangjin_cli.query.counted import quantity_cues_zh

    assert [m.group(1) for m in quantity_cues_zh(text)] == cues
