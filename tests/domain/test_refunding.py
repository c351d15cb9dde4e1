"""Refund requests of captured money: the remainder, the numbering, no double refund."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from fxorleans.domain import booking as bk
from fxorleans.domain import events as ev
from fxorleans.domain import jobs, refunding
from fxorleans.domain.money import Money

NOW = datetime(2026, 12, 20, 18, 0, tzinfo=UTC)


def _paid() -> bk.Booking:
    start = NOW - timedelta(hours=5)
    b = bk.Booking(booking_id="b1", client_id="c1", partner_id="p1", start=start,
                   end=start + timedelta(hours=1), price=Money(80000, "USD"), problem="p",
                   hold_expires_at=start - timedelta(days=2), client_timezone="UTC",
                   status=bk.Status.CONFIRMED, intent_id="pi_1", authorized=80000,
                   authorized_at=start - timedelta(days=2))
    b = bk.apply(b, ev.SessionCompleted(completed_at=b.end, confirmed_by="p1"))
    return bk.apply(b, ev.PaymentCaptured(amount=80000, partner_share=64000,
                                          platform_share=16000, captured_at=b.end))


def test_requests_are_numbered_and_count_against_the_remainder() -> None:
    b = _paid()
    first = refunding.request(b, "a1", 20000, " goodwill ", NOW)
    requested, = first.events
    assert isinstance(requested, ev.RefundRequested)
    assert (requested.sequence, requested.amount, requested.reason) == (1, 20000, "goodwill")
    assert first.jobs[0].kind == jobs.REFUND and first.jobs[0].key == "booking-b1-refund-1"
    b = bk.apply(b, requested)
    assert refunding.refundable(b) == 60000  # pending counts before Stripe answers
    assert refunding.request(b, "a1", 60001, "more", NOW).refusal == \
        "At most $600.00 can still be refunded."
    second, = refunding.request(b, "a1", 60000, "rest", NOW).events
    assert isinstance(second, ev.RefundRequested) and second.sequence == 2


def test_a_refund_is_recorded_once_per_request() -> None:
    b = bk.apply(_paid(), refunding.request(_paid(), "a1", 20000, "x", NOW).events[0])
    done, = refunding.refunded(b, 1, "re_1", 20000, "x", NOW).events
    b = bk.apply(b, done)
    assert (b.refunded, b.refunds_done, b.status) == (20000, (1,), bk.Status.REFUNDED)
    assert refunding.refunded(b, 1, "re_1", 20000, "x", NOW).events == ()
    with pytest.raises(bk.RefundExceedsCaptured):
        bk.apply(b, done)


def test_nothing_captured_nothing_to_refund_and_a_reason_is_required() -> None:
    b = _paid()
    assert refunding.request(b, "a1", 100, "  ", NOW).refusal == refunding.NO_REASON
    assert refunding.request(b, "a1", 0, "x", NOW).refusal == refunding.NOT_POSITIVE
    with pytest.raises(bk.RefundExceedsCaptured):
        bk.apply(b, ev.RefundRequested(sequence=1, amount=80001, reason="x",
                                       requested_by="a1", requested_at=NOW))
    with pytest.raises(bk.RefundExceedsCaptured):
        bk.apply(b, ev.RefundRequested(sequence=2, amount=100, reason="x",
                                       requested_by="a1", requested_at=NOW))
