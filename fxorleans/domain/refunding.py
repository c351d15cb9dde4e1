"""Refunds of captured money, which an admin chooses: how much, and why. Pure.

A request is an event first (`RefundRequested`, numbered), so two admins at once cannot
refund more than was captured; the refund job then makes the provider's Refund under a key
derived from the request's number, and `PaymentRefunded` records it once.
"""

from __future__ import annotations

from datetime import datetime

from fxorleans.domain import booking as bk
from fxorleans.domain import events as ev
from fxorleans.domain import jobs
from fxorleans.domain.decision import NOTHING, Decision, accept, refuse

NOT_FOUND = "We cannot find this booking."
NOT_CAPTURED = ("Nothing was captured yet: cancel the booking instead, and its authorization "
                "is released.")
NO_REASON = "Say why: the reason is kept with the refund."
NOT_POSITIVE = "Enter an amount above zero."
REASON_MAX = 500


def refundable(b: bk.Booking) -> int:
    """What can still be refunded: the captured amount less every refund asked for."""
    return b.captured - b.refund_requested


def request(b: bk.Booking | None, admin_id: str, amount: int, reason: str, now: datetime
            ) -> Decision:
    if b is None:
        return refuse(NOT_FOUND)
    if not b.captured:
        return refuse(NOT_CAPTURED)
    reason = reason.strip()
    if not reason:
        return refuse(NO_REASON)
    if amount <= 0:
        return refuse(NOT_POSITIVE)
    left = refundable(b)
    if amount > left:
        return refuse(f"At most {b.money(left).format()} can still be refunded.")
    sequence, reason = b.refund_requests + 1, reason[:REASON_MAX]
    return accept(ev.RefundRequested(sequence=sequence, amount=amount, reason=reason,
                                     requested_by=admin_id, requested_at=now),
                  jobs=(jobs.refund(b.booking_id, sequence, amount, reason),))


def refunded(b: bk.Booking | None, sequence: int, refund_id: str, amount: int, reason: str,
             now: datetime) -> Decision:
    """The provider made the Refund of request `sequence`: recorded once."""
    if b is None or sequence in b.refunds_done:
        return NOTHING
    return accept(ev.PaymentRefunded(refund_id=refund_id, amount=amount, refunded_at=now,
                                     reason=reason, sequence=sequence))
