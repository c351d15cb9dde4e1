"""The time-based refund policy for a client's cancellation."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from fxorleans.domain.money import Money

Policy = Sequence[tuple[int, int]]  # (at least this many hours before start, refund percent)


def refund_percent(start: datetime, cancelled_at: datetime, policy: Policy) -> int:
    """The percent refunded when the client cancels at `cancelled_at` a session at `start`."""
    hours_before = (start - cancelled_at).total_seconds() / 3600
    for min_hours, pct in sorted(policy, key=lambda row: -row[0]):
        if hours_before >= min_hours:
            return pct
    return 0


def refund_for(paid: Money, start: datetime, cancelled_at: datetime, policy: Policy) -> Money:
    return paid.percent(refund_percent(start, cancelled_at, policy))


def describe(policy: Policy) -> list[str]:
    """Human-readable lines, e.g. '24 h or more before: 100 % refund'."""
    rows = sorted(policy, key=lambda row: -row[0])
    lines = []
    upper: int | None = None
    for min_hours, pct in rows:
        if upper is None:
            when = f"{min_hours} h or more before the start"
        elif min_hours == 0:
            when = f"less than {upper} h before the start"
        else:
            when = f"{min_hours} h to {upper} h before the start"
        lines.append(f"{when}: {pct} % refund" if pct else f"{when}: no refund")
        upper = min_hours
    if rows and rows[-1][0] > 0:
        lines.append(f"less than {rows[-1][0]} h before the start: no refund")
    return lines
