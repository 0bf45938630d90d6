"""Line breaking for CJK and English cells, and column widths that never drop a column."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jiangjin_cli.numbers import numbers_in
from jiangjin_cli.render.layout import (
    CLOSING,
    OPENING,
    Column,
    break_lines,
    cell_len,
    fit_widths,
    measure,
)

QUOTES = [
    "学校利用产教融合基地、产学研服务平台,年生产性实训人次达2.5万以上",
    "“双师型”教师占比达80%以上，创造产值3000万元以上。",
    "中职学校国赛获28金64银41铜",
    "与市内外农科院和128家农业企业合作共建132个专业技能培训基地",
    "The district has trained 2,729 “dual-qualified” teachers (about 80%).",
]


@pytest.mark.parametrize("text", QUOTES)
@pytest.mark.parametrize("width", range(7, 30))
def test_lines_fit_keep_numbers_whole_and_never_start_with_a_closing_mark(
    text: str, width: int
) -> None:
    lines = break_lines(text, width)
    assert all(cell_len(line) <= width for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    for line in lines[1:]:
        assert line[0] not in CLOSING, lines
    for line in lines[:-1]:
        assert line[-1] not in OPENING, lines
    # Every number of the text is found whole on one line.
    assert sorted(v for line in lines for v in numbers_in(line)) == sorted(numbers_in(text))


def test_a_number_is_never_split_at_its_point() -> None:
    assert any(line.startswith("2.5万") for line in break_lines("人次达2.5万以上", 8))
    assert not any(line.endswith("2.") for line in break_lines("人次达2.5万以上", 5))


def test_english_breaks_at_spaces_and_ids_after_hyphens() -> None:
    assert break_lines("at least 25,000 person-times", 10) == [
        "at least",
        "25,000",
        "person-",
        "times",
    ]
    assert break_lines("dual-qualified-teacher-share", 15) == ["dual-qualified-", "teacher-share"]


def test_only_a_unit_wider_than_the_line_is_folded() -> None:
    url = "http://jw.cq.gov.cn/zwxx_209/t20240909_13607514.html"
    lines = break_lines(url, 20)
    assert "".join(lines) == url and all(cell_len(line) <= 20 for line in lines)


@given(st.text(alphabet="江津区学校教师2.5万%、，。“”abc -", max_size=60), st.integers(2, 40))
def test_breaking_any_text_keeps_every_character(text: str, width: int) -> None:
    lines = break_lines(text, width)
    assert all(cell_len(line) <= width for line in lines)
    assert re.sub(r"\s", "", "".join(lines)) == re.sub(r"\s", "", text)


def test_widths_fit_and_narrow_the_widest_first() -> None:
    columns = [
        measure("编号", ["dual-qualified-teachers"]),
        measure("数值", ["2,729名"], wrap=False),
        measure("原文", [QUOTES[0]]),
        measure("章节", ["2.2"]),
    ]
    widths = fit_widths(columns, 60)
    assert sum(widths) + 2 * 3 <= 60
    assert widths[1] == cell_len("2,729名")  # the value never wraps
    assert widths[3] == cell_len("章节")
    assert widths[2] > widths[0]


@given(
    st.lists(
        st.tuples(st.integers(1, 80), st.integers(1, 30), st.integers(1, 8)), min_size=1, max_size=7
    ),
    st.integers(60, 200),
)
def test_no_column_goes_below_its_floor(specs: list[tuple[int, int, int]], total: int) -> None:
    columns = [Column(max(n, m, f), max(min(m, n), f), f) for n, m, f in specs]
    widths = fit_widths(columns, total)
    assert all(w >= c.floor for w, c in zip(widths, columns, strict=True))
    if sum(c.floor for c in columns) + 2 * (len(columns) - 1) <= total:
        assert sum(widths) + 2 * (len(columns) - 1) <= total


def test_spaces_kept_inside_a_line_count_towards_its_width() -> None:
    # Found by Hypothesis: two spaces between units were counted as one.
    lines = break_lines("22222  、、、、、、", 18)
    assert lines == ["22222", "、、、、、、"]
