"""The limiter is exact under concurrency, whichever caller uses it: N racing attempts against
a limit of L admit exactly L. On PostgreSQL this rests on the limiter's own advisory lock."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import timedelta

import pytest
import sqlalchemy as sa
from sqlmodel import col, func, select

from fxorleans.accounts import ratelimit, throttle
from fxorleans.accounts import service as accounts
from fxorleans.accounts.sessions import account_key
from fxorleans.store import db
from fxorleans.store.tables import RateEvent

RACERS = 16


def race(attempt: Callable[[int], object]) -> dict[str, int]:
    """Run `attempt(i)` in RACERS threads released at once; count how each one ended."""
    outcomes: dict[str, int] = {}
    guard = threading.Lock()
    barrier = threading.Barrier(RACERS)

    def run(i: int) -> None:
        barrier.wait()
        try:
            attempt(i)
            outcome = "ok"
        except accounts.RateLimited:
            outcome = "limited"
        except accounts.AccountError:
            outcome = "refused"
        with guard:
            outcomes[outcome] = outcomes.get(outcome, 0) + 1

    threads = [threading.Thread(target=run, args=(i,)) for i in range(RACERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert sum(outcomes.values()) == RACERS, outcomes
    return outcomes


def hits(key: str) -> int:
    with db.reading() as s:
        return s.exec(select(func.count()).select_from(RateEvent)
                      .where(col(RateEvent.key) == key)).one()


@pytest.mark.postgres
@pytest.mark.parametrize("database", ["postgres"], indirect=True)
def test_racing_failed_logins_admit_exactly_the_free_failures(
        database: sa.Engine, frozen: object) -> None:
    accounts.register("kim@example.com", "correct horse battery", "Kim", "a")
    limit = throttle.FREE_FAILURES
    # One account from one address, the clock stopped: only the free failures get through.
    outcomes = race(lambda i: accounts.login("kim@example.com", f"wrong {i}", "10.1.0.1"))
    assert outcomes == {"refused": limit, "limited": RACERS - limit}
    assert hits(account_key("kim@example.com", "10.1.0.1")) == limit


@pytest.mark.postgres
@pytest.mark.parametrize("database", ["postgres"], indirect=True)
def test_racing_logins_from_one_address_admit_exactly_its_limit(database: sa.Engine) -> None:
    limit = 7
    key = "login-fail:addr:203.0.113.9"

    def attempt(_: int) -> None:
        with db.transaction() as session:
            if not ratelimit.allow(session, key, limit, timedelta(minutes=15)):
                raise accounts.RateLimited("limited")

    assert race(attempt) == {"ok": limit, "limited": RACERS - limit}
    assert hits(key) == limit


def test_racing_sign_ups_and_resets_admit_exactly_the_limit(database: sa.Engine) -> None:
    # Both backends: sign-up and reset get the same guarantee as login and match requests.
    outcomes = race(lambda i: accounts.request_password_reset(f"x{i}@example.com", "10.2.0.1"))
    assert outcomes == {"ok": accounts.RESETS_PER_ADDRESS,
                        "limited": RACERS - accounts.RESETS_PER_ADDRESS}
    outcomes = race(lambda i: accounts.register(f"new{i}@example.com", "correct horse battery",
                                                f"New {i}", "10.3.0.1"))
    assert outcomes == {"ok": accounts.REGISTRATIONS_PER_ADDRESS,
                        "limited": RACERS - accounts.REGISTRATIONS_PER_ADDRESS}
    assert hits("register:10.3.0.1") == accounts.REGISTRATIONS_PER_ADDRESS
