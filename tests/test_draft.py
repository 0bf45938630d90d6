"""`jiangjin draft`: an article's text -> a draft fact base, and `validate --draft`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import tomli
from hypothesis import given, settings
from hypothesis import strategies as st
from shipped_article import ARTICLE

from jiangjin_cli.draft import NotAnArticle, decode, draft_of, sections_of
from jiangjin_cli.numbers import same_number

FACTS = Path(__file__).resolve().parent.parent / "facts.toml"
Invoke = Callable[..., Any]


def _draft(invoke: Invoke, tmp_path: Path, text: str | bytes, *extra: str) -> Any:
    article = tmp_path / "article.txt"
    if isinstance(text, str):
        article.write_text(text, encoding="utf-8", newline="")
    else:
        article.write_bytes(text)
    return invoke("draft", str(article), "--source", "new-article", *extra)


def _facts(output: str) -> list[dict[str, Any]]:
    return list(tomli.loads(output).get("facts", []))


# --- the shipped article -------------------------------------------------------------------------


def test_draft_recovers_every_numeric_fact_of_the_shipped_base(invoke: Invoke, tmp_path: Path):
    result = _draft(invoke, tmp_path, ARTICLE)
    assert result.exit_code == 0, result.output
    drafted = _facts(result.stdout)
    shipped = [f for f in tomli.loads(FACTS.read_text("utf-8"))["facts"] if "value" in f]
    assert len(shipped) == 43
    missed = []
    for fact in shipped:
        match = [
            d
            for d in drafted
            if same_number(d["value"], fact["value"])
            and d["qualifier"] == fact["qualifier"]
            and d.get("period") == fact.get("period")
            and d["unit"] == fact["unit"]
            and (d["quote"] in fact["quote"] or fact["quote"] in d["quote"])
        ]
        if not match:
            missed.append(fact["id"])
    assert missed == []
    # Every drafted figure is one of the base's: no date, ordinal or name taken for one.
    assert len(drafted) == len(shipped)


def test_draft_quotes_are_verbatim_and_the_draft_is_valid_but_for_its_english(
    invoke: Invoke, tmp_path: Path
):
    result = _draft(
        invoke,
        tmp_path,
        ARTICLE,
        "--published",
        "2024-09-09",
        "--url",
        "http://x.cn/a",
        "--publisher",
        "某委",
    )
    assert result.exit_code == 0
    doc = tomli.loads(result.stdout)
    assert all(f["quote"] in ARTICLE for f in doc["facts"])
    assert all(f["statement_en"] == "" and f["unit_en"] == "" for f in doc["facts"])
    assert [s["id"] for s in doc["sections"]][:5] == ["0", "1", "1.1", "1.2", "1.3"]
    assert doc["sections"][2]["title"] == "强化统筹保障"
    assert result.stdout.startswith("# DRAFT fact base")
    draft_file = tmp_path / "draft.toml"
    draft_file.write_text(result.stdout, encoding="utf-8")
    text_file = tmp_path / "article.txt"
    checked = invoke("validate", "--draft", str(draft_file), "--source", f"new-article={text_file}")
    assert checked.exit_code == 0, checked.output
    assert "valid as a draft" in checked.stdout
    refused = invoke("validate", str(draft_file))
    assert refused.exit_code == 1
    assert "statement_en: must not be empty" in refused.stderr
    assert "validate --draft" in refused.stderr


def test_validate_draft_still_reports_everything_else(invoke: Invoke, tmp_path: Path):
    result = _draft(
        invoke,
        tmp_path,
        ARTICLE,
        "--published",
        "2024-09-09",
        "--url",
        "http://x.cn/a",
        "--publisher",
        "某委",
    )
    broken = result.stdout.replace('qualifier = "more_than"', 'qualifier = "exact"', 1)
    broken = broken.replace('title_en = ""', "title_en = 3", 1)
    draft_file = tmp_path / "draft.toml"
    draft_file.write_text(broken, encoding="utf-8")
    checked = invoke("validate", "--draft", str(draft_file))
    assert checked.exit_code == 1
    assert 'qualifier "exact" disagrees with the quote, which writes 450余家' in checked.stderr
    assert "title_en: must be a string, found an integer (3)" in checked.stderr
    assert "must not be empty" not in checked.stderr


def test_a_draft_missing_its_date_says_so(invoke: Invoke, tmp_path: Path):
    result = _draft(invoke, tmp_path, ARTICLE)
    assert "Fill in the source's publisher, url, published" in result.stdout
    draft_file = tmp_path / "draft.toml"
    draft_file.write_text(result.stdout, encoding="utf-8")
    checked = invoke("validate", "--draft", str(draft_file))
    assert checked.exit_code == 1
    assert 'missing required field "published"' in checked.stderr


def test_draft_entity_candidates_cover_the_base(invoke: Invoke, tmp_path: Path):
    doc = tomli.loads(_draft(invoke, tmp_path, ARTICLE).stdout)
    proposed = {e["name"] for e in doc["entities"]}
    base = tomli.loads(FACTS.read_text("utf-8"))["entities"]
    found = [e["name"] for e in base if e["name"] in proposed or e["name"].strip("“”") in proposed]
    assert len(found) / len(base) >= 0.7
    fact = next(f for f in doc["facts"] if f["value"] == 116)
    linked = {e["id"]: e["name"] for e in doc["entities"] if e["id"] in fact["entities"]}
    assert "重庆工商学校" in linked.values()


# --- articles written for the tests --------------------------------------------------------------

SMALL = (
    "某县推进教育发展\r\n"
    "近年来，某县加强学校建设。2023年12月5日，第十届技能大赛在县职教中心举行。\r\n"
    "一、夯实基础。近五年，新建学校两所，投入资金1.2亿元，培训教师3000余人次。\r\n"
    "（一）强化师资。全县有“双师型”教师近300名，占比超过60%，年培训教师5000人次以上。\r\n"
    "（二）深化合作。与华为共建5G实验室，实施“1+X”证书制度，首批建设县级以上示范校3所。\r\n"
    "二、提升质量。学校连续6年获评先进，2,500名学生获证，统一规划。"
)


def test_small_article_traps(invoke: Invoke, tmp_path: Path):
    result = _draft(invoke, tmp_path, SMALL.encode("utf-8-sig"))
    assert result.exit_code == 0, result.output
    doc = tomli.loads(result.stdout)
    got = {(f["value"], f["unit"], f["qualifier"], f.get("period")) for f in doc["facts"]}
    assert got == {
        (2, "所", "exact", "past_five_years"),
        (120000000, "元", "exact", "past_five_years"),
        (3000, "人次", "more_than", "past_five_years"),
        (300, "名", "about", None),
        (60, "%", "more_than", None),
        (5000, "人次", "at_least", "per_year"),
        (3, "所", "exact", None),
        (6, "年", "exact", "consecutive_years"),
        (2500, "名", "exact", None),
    }
    assert all(f["quote"] in SMALL for f in doc["facts"])
    head = next(f for f in doc["facts"] if f["value"] == 3000)
    assert head["quote"] == "近五年，新建学校两所，投入资金1.2亿元，培训教师3000余人次"
    sections = {s["id"]: s["title"] for s in doc["sections"]}
    assert sections == {
        "0": "某县推进教育发展",
        "1": "夯实基础",
        "1.1": "强化师资",
        "1.2": "深化合作",
        "2": "提升质量",
    }


def test_no_quantity_still_gives_sections(invoke: Invoke, tmp_path: Path):
    text = "标题\n一、第一部分。一是加强领导。二是统一规划。\n二、第二部分。近年来成效显著。\n"
    result = _draft(invoke, tmp_path, text, "--title", "另一个标题")
    assert result.exit_code == 0
    doc = tomli.loads(result.stdout)
    assert "facts" not in doc
    assert [(s["id"], s["title"]) for s in doc["sections"]] == [
        ("0", "另一个标题"),
        ("1", "第一部分"),
        ("1.1", "加强领导"),
        ("1.2", "统一规划"),
        ("2", "第二部分"),
    ]
    assert "No quantity was found" in result.stdout


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty file"),
        (b"\xef\xbb\xbf  \n", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary file"),
        ("某县".encode("gbk") + b"\xff", "not UTF-8"),
    ],
)
def test_unusable_articles_exit_2(invoke: Invoke, tmp_path: Path, data: bytes, message: str):
    result = _draft(invoke, tmp_path, data)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("jiangjin: ")
    assert message in result.stderr
    assert result.stderr.count("\n") == 1


def test_a_file_too_large_for_an_article_exits_2(invoke: Invoke, tmp_path: Path):
    result = _draft(invoke, tmp_path, ("标题\n" + "正文" * 3_000_000).encode())
    assert result.exit_code == 2
    assert "too large for an article (over 8 MiB)" in result.stderr


def test_bad_options_exit_2(invoke: Invoke, tmp_path: Path):
    assert _draft(invoke, tmp_path, ARTICLE, "--published", "soon").exit_code == 2
    assert invoke("draft", str(tmp_path / "none.txt"), "--source", "a").exit_code == 2
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    assert invoke("draft", str(article), "--source", "Not Kebab").exit_code == 2


# --- small functions -----------------------------------------------------------------------------


def test_decode_keeps_crlf_and_drops_the_bom():
    assert decode("\ufeff标题\r\n正文".encode()) == "标题\r\n正文"
    with pytest.raises(NotAnArticle):
        decode(b"only ascii")


def test_points_need_a_sentence_start():
    _, sections = sections_of("题\n一、甲。工作统一是关键，一是丙。一是乙。\n")
    assert [(s.id, s.title) for s in sections] == [("0", "题"), ("1", "甲"), ("1.1", "乙")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("中职学校国赛获28金64银41铜。", [(28, "金"), (64, "银"), (41, "铜")]),
        ("推行“4599”模式，实施“3+4”培养，共建5G学院，第十届大赛，近三年成效好。", []),
        ("2023年以来，12月5日召开，首批试点，四川等地一体化发展，千家万户受益。", []),
        ("以上3所学校，县级以上示范校2个。", [(3, "所"), (2, "个")]),
        (
            "3至5年，十余个，百余家，十二个，2.5万人次以上。",
            [(3, "年"), (5, "年"), (10, "个"), (100, "家"), (12, "个"), (25000, "人次")],
        ),
    ],
)
def test_which_numbers_are_quantities(text: str, expected: list[tuple[float, str]]):
    draft = draft_of("标题\n" + text)
    assert [(f.value, f.unit) for f in draft.facts] == expected


def test_ranges_and_yearly_figures_agree_with_validate():
    draft = draft_of("标题\n新建园3至5年内达标，冠名班年培养学生1500人左右，2024届毕业生300人。")
    got = [(f.value, f.unit, f.qualifier, f.period) for f in draft.facts]
    assert got == [
        (3, "年", "at_least", None),
        (5, "年", "at_most", None),
        (1500, "人", "about", "per_year"),
        (300, "人", "exact", None),
    ]
    from jiangjin_cli.store.meaning import period_problem, qualifier_problem, unit_problem

    for fact in draft.facts:
        assert qualifier_problem(fact.quote, fact.value, fact.qualifier) is None
        assert unit_problem(fact.quote, fact.value, fact.unit) is None
        assert period_problem(fact.quote, fact.value, fact.period) is None


_PIECES = st.sampled_from(
    ["江津区", "培训", "学校", "2.5万", "450余", "家", "名", "人次", "以上", "近三年", "年", "每年",
     "第十", "“", "”", "《", "》", "、", "，", ",", "。", "\n", "\r\n", "一、", "一是", "（一）",
     "28金64银41铜", "3至5年", "2023年", "12月5日", "%", "\\", '"', "\x0b", "\u3000", "十余个"]
)  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(st.lists(_PIECES, min_size=1, max_size=40).map("".join))
def test_any_text_gives_valid_toml_with_verbatim_quotes(body: str):
    from jiangjin_cli.render.draft import SourceFields, draft_toml

    text = "标题\n" + body
    doc = tomli.loads(draft_toml(draft_of(text), SourceFields("a-b"), "x.txt"))
    assert doc["sections"][0]["id"] == "0"
    for fact in doc.get("facts", []):
        assert fact["quote"] in text
        assert fact["value"] > 0
