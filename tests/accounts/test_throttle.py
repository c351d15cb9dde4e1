"""The slow-down decision and the client-address rule: pure functions, no database."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from fxorleans.accounts import throttle
from fxorleans.accounts.addresses import client_address

T0 = datetime(2026, 12, 7, 8, 0, tzinfo=UTC)


def test_the_first_failures_are_free_then_the_wait_doubles_up_to_a_cap() -> None:
    assert [throttle.delay_after(n).total_seconds() for n in range(7)] == [0, 0, 0, 1, 2, 4, 8]
    assert throttle.delay_after(12) == timedelta(seconds=512)
    assert throttle.delay_after(13) == throttle.MAX_DELAY  # 1024 s is past the 15-minute cap
    assert throttle.delay_after(10_000) == throttle.MAX_DELAY


def _times(*seconds_ago: float) -> list[datetime]:
    return [T0 - timedelta(seconds=s) for s in seconds_ago]


def test_the_wait_runs_from_the_last_failure() -> None:
    assert throttle.wait_before_next(_times(0, 1), T0) == timedelta(0)
    assert throttle.wait_before_next(_times(1, 2, 3, 4, 5), T0) == timedelta(seconds=3)
    assert throttle.wait_before_next(_times(4, 5, 6, 7, 8), T0) == timedelta(0)
    assert throttle.wait_before_next([], T0) == timedelta(0)


def test_a_quiet_cool_down_ends_the_run_but_pacing_at_the_cap_does_not() -> None:
    hour = throttle.COOL_DOWN.total_seconds()
    assert throttle.failures_in_run(_times(hour, hour + 1, hour + 2), T0) == 0
    assert throttle.failures_in_run(_times(10, 20, hour + 30, hour + 31), T0) == 2
    paced = _times(*(i * throttle.MAX_DELAY.total_seconds() for i in range(1, 20)))
    assert throttle.failures_in_run(paced, T0) == 19
    assert throttle.wait_before_next(paced, T0) == timedelta(0)
    assert throttle.wait_before_next(_times(0, *(i * 900 for i in range(1, 20))), T0) \
        == throttle.MAX_DELAY


@pytest.mark.parametrize(("wait", "words"), [
    (timedelta(seconds=0.2), "1 second "), (timedelta(seconds=8), "8 seconds"),
    (timedelta(seconds=61), "2 minutes"), (timedelta(seconds=60), "1 minute "),
])
def test_the_message_says_how_long_to_wait(wait: timedelta, words: str) -> None:
    assert words in throttle.wait_message(wait)


def test_without_trusted_proxies_the_peer_is_the_address_and_the_header_is_ignored() -> None:
    assert client_address("198.51.100.4", "203.0.113.66", 0) == "198.51.100.4"
    assert client_address("", "203.0.113.66", 0) == "unknown"


def test_trusted_proxies_count_from_the_right_of_header_and_peer() -> None:
    xff = "6.6.6.6, 203.0.113.5, 10.0.0.2"
    # peer 10.0.0.3 is the inner proxy; 10.0.0.2 the outer one; the client is 203.0.113.5.
    assert client_address("10.0.0.3", xff, 1) == "10.0.0.2"
    assert client_address("10.0.0.3", xff, 2) == "203.0.113.5"
    # a spoofed entry to the left of what the proxies wrote is never believed
    assert client_address("10.0.0.1", "6.6.6.6, 203.0.113.5", 1) == "203.0.113.5"


def test_never_more_hops_are_trusted_than_are_present() -> None:
    assert client_address("10.0.0.1", "203.0.113.5", 5) == "203.0.113.5"
    assert client_address("10.0.0.1", "", 2) == "10.0.0.1"
    assert client_address("10.0.0.1", " , ,", 1) == "10.0.0.1"
