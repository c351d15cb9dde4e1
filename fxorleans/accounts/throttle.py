"""How long a failed sign-in makes the next attempt wait: pure, no I/O.

Failures are keyed on the account *and* the address they came from, so someone hammering an
account from one network slows only themselves: the owner signing in from elsewhere is not
locked out. The first few failures are free (typos); after that each one doubles the wait,
up to a cap. Failures count as one run until a quiet spell of COOL_DOWN: pacing attempts at
the cap keeps the run going, while an owner's forgotten typos are forgotten an hour later.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import datetime, timedelta

FREE_FAILURES = 3
MAX_DELAY = timedelta(minutes=15)
COOL_DOWN = timedelta(hours=1)
# Past this many failures in a run the wait is at its cap anyway: no need to read further back.
LOOKBACK = 32


def delay_after(failures: int) -> timedelta:
    """The wait owed after `failures` recent failures: none for the first few, then doubling."""
    if failures < FREE_FAILURES:
        return timedelta(0)
    # 2^(n-3) seconds: 1 s after the 3rd failure, 2 s after the 4th ... up to the cap.
    exponent = failures - FREE_FAILURES
    if exponent >= 20:  # far past the cap already; avoid huge integers
        return MAX_DELAY
    return min(timedelta(seconds=2 ** exponent), MAX_DELAY)


def failures_in_run(failures: Sequence[datetime], now: datetime) -> int:
    """How many of `failures` (newest first) belong to the run still going on at `now`."""
    run, later = 0, now
    for at in failures:
        if later - at >= COOL_DOWN:
            break
        run, later = run + 1, at
    return run


def wait_before_next(failures: Sequence[datetime], now: datetime) -> timedelta:
    """How long from `now` until another attempt is allowed (zero: go ahead).

    `failures` are the times of the latest failures, newest first (LOOKBACK of them suffice).
    """
    run = failures_in_run(failures, now)
    if run == 0:
        return timedelta(0)
    return max(failures[0] + delay_after(run) - now, timedelta(0))


def wait_message(wait: timedelta) -> str:
    """The refusal a person reads, with the wait in seconds or minutes."""
    seconds = max(1, math.ceil(wait.total_seconds()))
    if seconds < 60:
        unit = "second" if seconds == 1 else "seconds"
        amount = f"{seconds} {unit}"
    else:
        minutes = math.ceil(seconds / 60)
        amount = f"{minutes} minute" + ("" if minutes == 1 else "s")
    return (f"Too many failed attempts. Wait {amount} before trying again, "
            "or reset your password.")
