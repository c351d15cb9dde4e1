"""The desk's pure decisions: a dispute opens once and closes once; an admin's capture or
release of a held authorization follows the booking's state."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from fxorleans.domain import booking as bk
from fxorleans.domain import desk
from fxorleans.domain import events as ev
from tests.domain.test_closing import START, _confirmed

NOW = START + timedelta(hours=2)
DISPUTE = desk.Dispute("dp_1", 80000, "fraudulent", "needs_response",
                       datetime(2027, 1, 1, tzinfo=UTC))


def _after(b: bk.Booking, *events: ev.Event) -> bk.Booking:
    for e in events:
        b = bk.apply(b, e)
    return b


def test_a_dispute_opens_once_flags_and_closes_once() -> None:
    b = _confirmed()
    opened = desk.disputed(b, DISPUTE, NOW)
    assert [type(e) for e in opened.events] == [ev.DisputeOpened] and len(opened.jobs) == 1
    b = _after(b, *opened.events)
    assert (b.flag, b.dispute_id, b.dispute_amount) == ("Disputed: fraudulent", "dp_1", 80000)
    assert desk.disputed(b, DISPUTE, NOW).events == ()  # a repeat delivery
    won = desk.Dispute("dp_1", 80000, "fraudulent", "won", None)
    closed = desk.dispute_closed(b, won, NOW)
    b = _after(b, *closed.events)
    assert b.dispute_status == "won" and desk.dispute_closed(b, won, NOW).events == ()
    other = desk.Dispute("dp_2", 1, "general", "won", None)
    assert desk.dispute_closed(b, other, NOW).events == ()  # not this booking's dispute


def test_the_desk_captures_only_after_the_end_and_releases_any_time() -> None:
    b = _confirmed()
    before = START - timedelta(hours=1)
    assert desk.decide(b, "a1", 0, "x", before).refusal == desk.NOT_ENDED
    released = desk.decide(b, "a1", 80000, "ill", before)
    assert released.refusal is None
    assert _after(b, *released.events).status == bk.Status.CANCELLED
    captured = desk.decide(b, "a1", 0, "took place", NOW)
    assert [type(e) for e in captured.events] == [ev.CaptureOrdered]
    assert _after(b, *captured.events).status == bk.Status.COMPLETED
    assert desk.decide(b, "a1", 80001, "x", NOW).refusal is not None
    assert desk.decide(None, "a1", 0, "x", NOW).refusal == desk.NOT_FOUND


def test_a_completed_session_may_be_released_only_by_an_admin() -> None:
    b = _after(_confirmed(), ev.SessionCompleted(completed_at=NOW, confirmed_by="p1"))
    kept = desk.decide(b, "a1", 20000, "half lost", NOW)
    assert _after(b, *kept.events).cancel_refund == 20000
    by_client = ev.BookingCancelled(cancelled_by="client", reason="", refund_amount=0,
                                    cancelled_at=NOW)
    with pytest.raises(bk.CannotCancel):
        bk.apply(b, by_client)
