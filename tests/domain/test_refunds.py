from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from fxorleans.config import DEFAULT_REFUND_POLICY
from fxorleans.domain.money import Money
from fxorleans.domain.refunds import describe, refund_for, refund_percent

START = datetime(2026, 12, 10, 15, 0, tzinfo=UTC)


@pytest.mark.parametrize(("hours_before", "pct"), [
    (72, 100), (24, 100), (23.99, 50), (4, 50), (3.99, 25), (2, 25), (1.99, 0), (0, 0), (-1, 0),
])
def test_default_policy_table(hours_before: float, pct: int) -> None:
    at = START - timedelta(hours=hours_before)
    assert refund_percent(START, at, DEFAULT_REFUND_POLICY) == pct


def test_refund_amount_of_800() -> None:
    price = Money(80000, "USD")
    assert refund_for(price, START, START - timedelta(hours=5), DEFAULT_REFUND_POLICY) == \
        Money(40000, "USD")
    assert refund_for(price, START, START - timedelta(hours=3), DEFAULT_REFUND_POLICY) == \
        Money(20000, "USD")


def test_describe_reads_like_the_table() -> None:
    assert describe(DEFAULT_REFUND_POLICY) == [
        "24 h or more before the start: 100 % refund",
        "4 h to 24 h before the start: 50 % refund",
        "2 h to 4 h before the start: 25 % refund",
        "less than 2 h before the start: no refund",
    ]
