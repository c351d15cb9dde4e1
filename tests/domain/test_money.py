from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fxorleans.domain.money import Money, MoneyError, split


def test_parse_usd_price_to_cents() -> None:
    assert Money.parse("800.00", "usd") == Money(80000, "USD")
    assert Money.parse("800", "USD") == Money(80000, "USD")


def test_zero_decimal_currency_is_not_multiplied() -> None:
    assert Money.parse("8000", "JPY") == Money(8000, "JPY")
    assert Money(8000, "JPY").format() == "¥8,000"
    with pytest.raises(MoneyError):
        Money.parse("8000.5", "JPY")


def test_too_many_decimals_and_garbage_are_refused() -> None:
    with pytest.raises(MoneyError):
        Money.parse("800.001", "USD")
    for bad in ("abc", "NaN", "Infinity", ""):
        with pytest.raises(MoneyError):
            Money.parse(bad, "USD")


def test_floats_and_mixed_currencies_are_refused() -> None:
    with pytest.raises(MoneyError):
        Money(800.0, "USD")  # type: ignore[arg-type]
    with pytest.raises(MoneyError):
        Money(1, "USD") + Money(1, "EUR")


def test_format() -> None:
    assert Money(80000, "USD").format() == "$800.00"
    assert Money(123456, "CHF").format() == "CHF 1,234.56"
    assert Money(-500, "EUR").format() == "-€5.00"


def test_default_split_is_80_20() -> None:
    s = split(Money(80000, "USD"))
    assert (s.partner.amount, s.platform.amount) == (64000, 16000)


@given(st.integers(min_value=0, max_value=10**12), st.sampled_from(["USD", "JPY", "EUR"]))
def test_split_always_adds_up(amount: int, currency: str) -> None:
    s = split(Money(amount, currency))
    assert s.partner.amount + s.platform.amount == amount
    assert s.partner.amount >= 0 and s.platform.amount >= 0
    # the partner gets 80 % rounded down: never more, and at most one minor unit less
    assert s.partner.amount * 100 <= amount * 80 < (s.partner.amount + 1) * 100


@given(st.integers(min_value=0, max_value=10**12), st.integers(min_value=0, max_value=100))
def test_percent_is_bounded_and_rounds_half_up(amount: int, pct: int) -> None:
    part = Money(amount, "USD").percent(pct).amount
    assert 0 <= part <= amount
    assert abs(part * 100 - amount * pct) <= 50


@given(st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False))
def test_parse_round_trips(value) -> None:  # type: ignore[no-untyped-def]
    m = Money.parse(str(value), "USD")
    assert m.decimal == value
