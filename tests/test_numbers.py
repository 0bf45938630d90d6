"""numbers_in: the quantities a Chinese clause writes, in base units."""

from __future__ import annotations

import math
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jiangjin_cli.numbers import change_side, numbers_in, same_number
from jiangjin_cli.text import plain_number as format_number


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("培养“双师型”教师2729名", [2729]),
        ("每年开展职业培训2.5万人次以上", [25000]),
        ("投入资金3000万元", [30_000_000]),
        ("总投资1.15亿元", [115_000_000]),
        ("产值3.5万亿", [3_500_000_000_000]),
        ("就业率达98.5%", [98.5]),
        ("就业率达８０％", [80]),
        ("与450余家企业合作", [450]),
        ("450余万元", [4_500_000]),
        ("30多万人", [300_000]),
        ("教师2,729名", [2729]),
        ("共1,234,567元", [1_234_567]),
        ("分别为1,2和3", [1, 2, 3]),
        ("第2,729, 名", [2729]),
        ("建成三级体系", [3]),
        ("十二个专业", [12]),
        ("二十所学校", [20]),
        ("两千名学生", [2000]),
        ("一百零五家", [105]),
        ("三万五千人", [35000]),
        ("五千万元", [50_000_000]),
        ("一亿二千万", [120_000_000]),
        # 百 before 分 is the word for percent, not a hundred.
        ("百分之八十", [80]),
        ("提高3个百分点", [3]),
        ("百分比", []),
        ("一百分", [100]),
        ("“十四五”时期", [14, 5]),
        ("二〇二四年", [2024, 2, 0, 2, 4]),
        ("连续3年获评", [3]),
        ("近三年", [3]),
        ("“6个1”", [6, 1]),
        ("“1+2+4+N”", [1, 2, 4]),
        ("5G基站", [5]),
        ("万州区", []),
        ("职业教育高质量发展", []),
        ("", []),
    ],
)
def test_numbers_in(text: str, expected: list[float]) -> None:
    assert numbers_in(text) == expected


def test_numbers_come_in_order_of_appearance() -> None:
    assert numbers_in("三所学校，2729名教师，两个园区") == [3, 2729, 2]


def to_chinese(number: int) -> str:
    """Write 1 <= number < 10^8 as Chinese numerals the usual way (105 一百零五, 12 十二)."""
    digits = "零一二三四五六七八九"

    def below_ten_thousand(part: int) -> str:
        out, zero = "", False
        for place, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
            digit = part // place % 10
            if digit:
                out += ("零" if zero else "") + digits[digit] + unit
                zero = False
            elif out:
                zero = True
        return out

    high, low = divmod(number, 10_000)
    text = below_ten_thousand(high) + "万" if high else ""
    if high and 0 < low < 1000:
        text += "零"
    text += below_ten_thousand(low) if low else ""
    return text[1:] if text.startswith("一十") else text


@pytest.mark.parametrize(
    ("number", "text"),
    [
        (12, "十二"),
        (105, "一百零五"),
        (1050, "一千零五十"),
        (10_005, "一万零五"),
        (200_000, "二十万"),
    ],
)
def test_to_chinese_helper(number: int, text: str) -> None:
    assert to_chinese(number) == text


@given(st.integers(min_value=1, max_value=99_999_999))
def test_chinese_numerals_read_back(number: int) -> None:
    assert numbers_in(f"共{to_chinese(number)}人") == [number]


@given(st.integers(min_value=0, max_value=10**15))
def test_arabic_integers_read_back(number: int) -> None:
    assert numbers_in(f"培养{number}名") == [number]


@given(
    st.decimals(min_value=0, max_value=100_000, places=2, allow_nan=False, allow_infinity=False),
    st.sampled_from([("万", 10**4), ("亿", 10**8), ("万元", 10**4), ("亿元", 10**8)]),
)
def test_scaled_decimals_read_back_in_base_units(amount: Decimal, scale: tuple[str, int]) -> None:
    word, factor = scale
    found = numbers_in(f"投入{amount}{word}")
    assert len(found) == 1
    assert same_number(found[0], float(amount * factor)) or found[0] == 0


@given(st.text(max_size=60))
def test_any_text_gives_finite_numbers(text: str) -> None:
    assert all(math.isfinite(number) for number in numbers_in(text))


def test_same_number_tolerance() -> None:
    assert same_number(25000, 25000.0)
    assert same_number(0.1 + 0.2, 0.3)
    assert same_number(0, 0)
    assert not same_number(2729, 2728)
    assert not same_number(1e-12, 0)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (2729, "2729"),
        (25000.0, "25000"),
        (2.5, "2.5"),
        (-3.0, "-3"),
        (0.1, "0.1"),
        (1e-05, "0.00001"),
        (1e20, "100000000000000000000"),
        (98.5, "98.5"),
    ],
)
def test_format_number(value: float, text: str) -> None:
    assert format_number(value) == text


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_format_number_round_trips(value: float) -> None:
    assert float(format_number(value)) == value


def test_format_number_refuses_booleans() -> None:
    with pytest.raises(TypeError):
        format_number(True)


# --- the quantity as the quote writes it ----------------------------------------------------------

from jiangjin_cli.numbers import quantity_spans, written_quantity  # noqa: E402


@pytest.mark.parametrize(
    ("quote", "value", "unit", "expected"),
    [
        ("创造产值3000万元以上", 30_000_000, "元", "3000万元以上"),
        ("年生产性实训人次达2.5万以上", 25_000, "人次", "2.5万人次以上"),
        ("与450余家企业建立合作", 450, "家", "450余家"),
        ("涉农培训12万余人次", 120_000, "人次", "12万余人次"),
        ("约2000人参加培训", 2000, "人", "约2,000人"),
        ("近200所学校", 200, "所", "近200所"),
        ("占比不足10%", 10, "%", "不足10%"),
        ("不到30个", 30, "个", "不到30个"),
        ("超过300家企业", 300, "家", "超过300家"),
        ("接收学生2000人左右", 2000, "人", "2,000人左右"),
        ("比例在5%以下", 5, "%", "5%以下"),
        ("“双师型”教师占比达80%以上", 80, "%", "80%以上"),
        ("培养“双师型”教师2729名", 2729, "名", "2,729名"),
        ("教师2,729名", 2729, "名", "2,729名"),
        ("中职学校国赛获28金64银41铜", 64, "银", "64银"),
        ("30多万人", 300_000, "人", "30多万人"),
        ("就业率达９８.５％", 98.5, "%", "９８.５％"),
        ("以上3个集团被认定", 3, "个", "3个"),
    ],
)
def test_written_quantity_keeps_number_unit_and_hedges(
    quote: str, value: float, unit: str, expected: str
) -> None:
    assert written_quantity(quote, value, unit) == expected


def test_written_quantity_is_none_when_the_quote_does_not_write_it() -> None:
    assert written_quantity("建立覆盖区、镇、村三级网络", 3, "级") is None
    assert written_quantity("培养教师2729名", 2728, "名") is None


def test_quantity_spans_never_start_inside_a_number() -> None:
    spans = quantity_spans("共1,234,567元和2.5万")
    assert [(s, e, v) for s, e, v in spans] == [(1, 10, 1_234_567.0), (12, 16, 25_000.0)]


@given(st.integers(min_value=1, max_value=10**9), st.sampled_from(["名", "家", "人次", "个"]))
def test_written_quantity_finds_any_count(value: int, unit: str) -> None:
    shown = written_quantity(f"共有{value}{unit}以上参加", value, unit)
    assert shown is not None
    assert shown.endswith(unit + "以上")
    assert numbers_in(shown) == [value]


@pytest.mark.parametrize(
    ("quote", "value", "side"),
    [
        ("骨干教师占比由2021年的18%提高到31%", 18, "before"),
        ("骨干教师占比由2021年的18%提高到31%", 31, "after"),
        ("骨干教师占比由2021年的18%提高到31%", 2021, "before"),  # a year inside the change
        ("流失率从6.2%下降到2023年的0.8%", 0.8, "after"),
        ("培训机构由“双减”前的87家压减到3家", 87, "before"),
        ("培训机构由“双减”前的87家压减到3家", 3, "after"),
        ("设备值由2310元提高至3260元", 3260, "after"),
        # The amount of a change: a figure right after its verb, without 到.
        ("入学率达98.6%，较2021年提高4.2个百分点", 4.2, "by"),
        ("入学率达98.6%，较2021年提高4.2个百分点", 98.6, None),
        ("同比增长近40%", 40, "by"),
        ("较上年增加320万元", 3200000, "by"),
        ("提高了22个百分点", 22, "by"),
        # No change: a range, a goal reached, a share up to a point.
        ("补助400元至1200元", 1200, None),
        ("到2025年建成10所", 10, None),
        ("培养“双师型”教师2729名", 2729, None),
        # The value is not a figure of the change.
        ("建成12所,入学率由80%提高到95%", 12, None),
    ],
)
def test_change_side_is_where_the_quote_writes_the_figure(
    quote: str, value: float, side: str | None
) -> None:
    assert change_side(quote, value) == side
