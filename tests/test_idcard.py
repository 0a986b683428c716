from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from twdesk.core.idcard import (
    birth_date_from_id,
    check_digit,
    gender_from_id,
    make_id_number,
    mask_id_number,
    mask_phone,
    normalize_id_number,
    validate_id_number,
)

# The standard's own worked example (GB 11643-1999 appendix): 11010519491231002X.
KNOWN_VALID = "11010519491231002X"


def test_known_number() -> None:
    assert check_digit(KNOWN_VALID[:17]) == "X"
    assert validate_id_number(KNOWN_VALID) == []
    assert validate_id_number(" 11010519491231002x ") == []
    assert birth_date_from_id(KNOWN_VALID) == date(1949, 12, 31)
    assert gender_from_id(KNOWN_VALID) == "女"


def test_problems_are_named() -> None:
    assert "校验位应为 X，实际为 1" in validate_id_number("110105194912310021")[0]
    assert "18 位" in validate_id_number("1101051949")[0]
    assert "不是有效日期" in validate_id_number("110105194902300021")[0]
    assert "今天之后" in validate_id_number(make_id_number("110105", date(2030, 1, 1), 1, "男"))[0]


def test_full_width_input() -> None:
    assert normalize_id_number("１１０１０５１９４９１２３１００２ｘ") == KNOWN_VALID


@given(
    st.dates(min_value=date(1950, 1, 1), max_value=date(2015, 12, 31)),
    st.integers(0, 99),
    st.sampled_from(["男", "女"]),
)
def test_made_numbers_round_trip(birth: date, seq: int, gender: str) -> None:
    number = make_id_number("511825", birth, seq, gender)
    assert validate_id_number(number) == []
    assert birth_date_from_id(number) == birth
    assert gender_from_id(number) == gender


@given(st.text(alphabet="0123456789X", min_size=0, max_size=20))
def test_masking_never_shows_the_middle(s: str) -> None:
    masked = mask_id_number(s)
    assert len(masked) == len(s)
    if len(s) >= 15:
        assert masked[6:-4] == "*" * (len(s) - 10)
    else:
        assert sum(c != "*" for c in masked) <= 2


def test_phone_masks() -> None:
    assert mask_phone("13812345678") == "138****5678"
    assert mask_phone("138 1234 5678") == "138****5678"
    assert mask_phone("0832-2345678") == "0832-*****78"
    assert mask_phone("010-87654321") == "010-******21"
    assert mask_phone("") == ""
    assert mask_id_number("511825199503072011") == "511825********2011"
