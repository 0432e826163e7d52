from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from models.exchange.parsers import (
    choice_parser,
    float_to_decimal,
    parse_area,
    parse_bool,
    parse_date,
    parse_decimal,
    parse_int,
    parse_money,
    parse_month,
    parse_text,
    parse_uscc,
    parse_uscc_column,
    parse_year,
)
from models.exchange.spec import CellContext, CellError
from models.units import AreaUnit, MoneyUnit
from models.uscc import check_char

C = CellContext()
VALID_USCC = "91330112MA2H0ABC0X"


def _valid_uscc() -> str:
    from models.uscc import check_char

    return "91330112MA2H0ABC0" + check_char("91330112MA2H0ABC0")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1,234.5", Decimal("1234.5")),
        ("１２３．４", Decimal("123.4")),
        (" 12 ", Decimal("12")),
        ("１，２３４", Decimal("1234")),
        ("-3.50", Decimal("-3.50")),
        (0.1, Decimal("0.1")),
        (0.30000000000000004, Decimal("0.3")),
        (3.0, Decimal("3")),
        (7, Decimal("7")),
        (1e-05, Decimal("0.00001")),
        ("'42", Decimal("42")),
    ],
)
def test_parse_decimal(raw: object, expected: Decimal) -> None:
    assert parse_decimal(raw, C) == expected
    assert isinstance(parse_decimal(raw, C), Decimal)


@pytest.mark.parametrize("raw", ["abc", "1.2.3", "", "--1", True, float("nan")])
def test_parse_decimal_refuses(raw: object) -> None:
    with pytest.raises(CellError) as e:
        parse_decimal(raw, C)
    assert e.value.code == "exchange.not_a_number"


def test_a_percent_sign_is_a_ratio_only_in_a_ratio_column() -> None:
    assert parse_decimal("12%", CellContext(quantity="ratio")) == Decimal("0.12")
    with pytest.raises(CellError) as e:
        parse_decimal("12%", C)
    assert e.value.code == "exchange.percent_not_ratio"
    with pytest.raises(CellError) as e:
        parse_money("12%", C)
    assert e.value.code == "exchange.foreign_unit"


def test_float_binary_noise_is_removed_to_excel_precision() -> None:
    assert float_to_decimal(1 / 3) == Decimal("0.333333333333333")
    assert float_to_decimal(123456789012.34) == Decimal("123456789012.34")


def test_parse_int() -> None:
    assert parse_int("１２", C) == 12
    assert parse_int(5.0, C) == 5
    with pytest.raises(CellError) as e:
        parse_int("1.5", C)
    assert e.value.code == "exchange.not_an_integer"


def test_parse_area_converts_exactly() -> None:
    assert parse_area("15", CellContext(area_unit=AreaUnit.MU)) == Decimal("10000")
    assert parse_area("1", CellContext(area_unit=AreaUnit.MU)) == Decimal("666.6667")
    assert parse_area("1.5", CellContext(area_unit=AreaUnit.HA)) == Decimal("15000")
    assert parse_area("12.34", C) == Decimal("12.34")


def test_parse_money() -> None:
    assert parse_money("12,345", CellContext(money_unit=MoneyUnit.YUAN)) == Decimal("1.2345")
    assert parse_money("3.5", C) == Decimal("3.5")


@pytest.mark.parametrize(
    "raw",
    [
        "2024年3月15日",
        "2024.3.15",
        "2024/03/15",
        "2024-03-15",
        "20240315",
        45366,
        45366.0,
        dt.datetime(2024, 3, 15, 10, 0),
        dt.date(2024, 3, 15),
        "２０２４年３月１５日",
        "2024 年 3 月 15 日",
    ],
)
def test_parse_date(raw: object) -> None:
    assert parse_date(raw, C) == dt.date(2024, 3, 15)


@pytest.mark.parametrize("raw", ["2024-02-30", "明天", "13/2024", 0, "2024年"])
def test_parse_date_refuses(raw: object) -> None:
    with pytest.raises(CellError) as e:
        parse_date(raw, C)
    assert e.value.code == "exchange.not_a_date"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2025年1月", dt.date(2025, 1, 1)),
        ("2025-02", dt.date(2025, 2, 1)),
        ("2025/2", dt.date(2025, 2, 1)),
        ("202503", dt.date(2025, 3, 1)),
        (dt.date(2025, 4, 17), dt.date(2025, 4, 1)),
        (45772, dt.date(2025, 4, 1)),
    ],
)
def test_parse_month(raw: object, expected: dt.date) -> None:
    assert parse_month(raw, C) == expected


def test_parse_year() -> None:
    assert parse_year("2024年", C) == 2024
    assert parse_year(2024.0, C) == 2024
    assert parse_year("2024年度", C) == 2024
    with pytest.raises(CellError):
        parse_year("24", C)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("是", True),
        ("否", False),
        ("Y", True),
        ("n", False),
        ("√", True),
        ("×", False),
        (True, True),
        (0, False),
    ],
)
def test_parse_bool(raw: object, expected: bool) -> None:
    assert parse_bool(raw, C) is expected


def test_parse_bool_refuses() -> None:
    with pytest.raises(CellError) as e:
        parse_bool("也许", C)
    assert e.value.code == "exchange.not_a_bool"


def test_choice_parser_maps_labels_to_codes() -> None:
    parse = choice_parser({"出让": "transfer", "划拨": "allocation"})
    assert parse("划拨", C) == "allocation"
    with pytest.raises(CellError):
        parse("租赁", C)


def test_parse_text() -> None:
    ctx = CellContext()
    assert parse_text("  ＡＢＣ１２３ ", ctx) == "ＡＢＣ１２３"  # stored as written (issue 14)
    assert (
        parse_text("杭州（临安）科技有限公司：一期；二期，３栋①㎡", ctx)
        == "杭州（临安）科技有限公司：一期；二期，３栋①㎡"
    )
    assert parse_text("a\r\nb\rc", ctx) == "a\nb\nc"
    assert parse_text(123.0, ctx) == "123"
    assert ctx.warnings == []
    assert parse_text("a\x07b", ctx) == "ab"
    assert [w.code for w in ctx.warnings] == ["exchange.control_chars_removed"]
    with pytest.raises(CellError) as e:
        parse_text("x" * 32_768, ctx)
    assert e.value.code == "exchange.text_too_long"


def test_parse_uscc() -> None:
    good = _valid_uscc()
    assert parse_uscc(good.lower(), C) == good
    full_width = "".join(chr(ord(c) + 0xFEE0) for c in good)
    assert parse_uscc(full_width, C) == good
    bad = good[:17] + ("0" if good[17] != "0" else "1")
    with pytest.raises(CellError) as e:
        parse_uscc(bad, C)
    assert e.value.code == "uscc.bad_checksum"
    lenient = CellContext(options={"uscc_checksum_warning": True})
    assert parse_uscc(bad, lenient) == bad
    assert [w.code for w in lenient.warnings] == ["uscc.bad_checksum"]
    for wrong in ("123", good[:17] + "I"):
        with pytest.raises(CellError) as e:
            parse_uscc(wrong, lenient)
        assert e.value.code in ("uscc.bad_length", "uscc.bad_character")


def test_uscc_fast_path_agrees_with_the_reference() -> None:
    import random

    from models import uscc
    from models.exchange import parsers

    # the parser's own private aliases are what is checked here, not a public re-export
    assert parsers._USCC_ALPHABET == uscc.ALPHABET  # type: ignore[attr-defined]
    assert parsers._USCC_WEIGHTS == uscc.WEIGHTS  # type: ignore[attr-defined]
    rng = random.Random(3)
    for _ in range(2000):
        code = "".join(rng.choice(uscc.ALPHABET + "IOSVZ") for _ in range(18))
        try:
            got = parse_uscc(code, CellContext())
        except CellError as e:
            assert e.code == uscc.fault(uscc.normalize(code))
        else:
            assert uscc.fault(got) is None and got == code


def test_a_month_typed_as_the_number_yyyymm_is_not_an_excel_serial() -> None:
    import datetime as dt

    from models.exchange.parsers import parse_month
    from models.exchange.spec import CellContext

    assert parse_month(202506, CellContext()) == dt.date(2025, 6, 1)
    assert parse_month(202506.0, CellContext()) == dt.date(2025, 6, 1)
    assert parse_month(45809, CellContext()) == dt.date(2025, 6, 1)  # a real serial (2025-06-01)


def _clean(cells: list[str]) -> list[str] | None:
    """The per-cell outcome of a column: every value, or None when some cell errs or warns."""
    ctx = CellContext()
    out = []
    for c in cells:
        try:
            out.append(parse_uscc(c, ctx))
        except CellError:
            return None
        if ctx.warnings:
            return None
    return out


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.builds(
                lambda b, lower: (b + check_char(b)).lower() if lower else b + check_char(b),
                st.text(alphabet="0123456789ABCDEFGHJKLMNPQRTUWXY", min_size=17, max_size=17),
                st.booleans(),
            ),
            st.text(alphabet="0123456789ABCDEFGHJKLMNPQRTUWXYIOSVZ ab", min_size=16, max_size=19),
        ),
        min_size=1,
        max_size=8,
    )
)
def test_uscc_column_parser_agrees_with_the_cell_parser(cells: list[str]) -> None:
    """Whole column or cell by cell, the same codes; the column parser declines (None)
    whenever some cell would err or warn, and may decline more (then the reader goes by cell)."""
    got = parse_uscc_column(cells, CellContext())
    expected = _clean(cells)
    if got is not None:
        assert got == expected
    elif expected is not None:
        assert any(len(c) != 18 or not c.isalnum() for c in cells)  # declined only where it must look closer
