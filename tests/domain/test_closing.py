"""The refund of a cancellation, exactly at the policy's boundaries, at the grace period's
edge and across a daylight-saving change; who may cancel; what a no-show keeps."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from fxorleans.config import DEFAULT_REFUND_POLICY
from fxorleans.domain import booking as bk
from fxorleans.domain import closing, jobs
from fxorleans.domain import events as ev
from fxorleans.domain.money import Money

TERMS = closing.Terms(capture_delay=timedelta(minutes=30), grace=timedelta(minutes=10),
                      policy=DEFAULT_REFUND_POLICY)
START = datetime(2026, 12, 20, 15, 0, tzinfo=UTC)
PAID_AT = START - timedelta(days=5)


def _confirmed(start: datetime = START, paid_at: datetime = PAID_AT) -> bk.Booking:
    return bk.Booking(booking_id="b1", client_id="c1", partner_id="p1", start=start,
                      end=start + timedelta(hours=1), price=Money(80000, "USD"), problem="p",
                      hold_expires_at=paid_at + timedelta(minutes=15), client_timezone="UTC",
                      status=bk.Status.CONFIRMED, intent_id="pi_1", authorized=80000,
                      authorized_at=paid_at)


def _percent(b: bk.Booking, at: datetime, role: str = "client", who: str = "c1") -> int:
    offer = closing.quote(b, role, who, at, TERMS)
    assert isinstance(offer, closing.Quote), offer
    return offer.percent


@pytest.mark.parametrize(("before", "percent"), [
    (timedelta(hours=24), 100), (timedelta(hours=24) - timedelta(seconds=1), 50),
    (timedelta(hours=4), 50), (timedelta(hours=4) - timedelta(seconds=1), 25),
    (timedelta(hours=2), 25), (timedelta(hours=2) - timedelta(seconds=1), 0),
    (timedelta(seconds=1), 0),
])
def test_the_policy_at_its_boundaries(before: timedelta, percent: int) -> None:
    assert _percent(_confirmed(), START - before) == percent


def test_the_amount_follows_the_percent_in_minor_units() -> None:
    offer = closing.quote(_confirmed(), "client", "c1", START - timedelta(hours=3), TERMS)
    assert isinstance(offer, closing.Quote)
    assert (offer.refund, offer.percent) == (Money(20000, "USD"), 25)


def test_the_grace_period_refunds_in_full_up_to_its_edge() -> None:
    paid_at = START - timedelta(hours=3)
    b = _confirmed(paid_at=paid_at)
    assert _percent(b, paid_at + timedelta(minutes=10)) == 100
    assert _percent(b, paid_at + timedelta(minutes=10, seconds=1)) == 25


def test_hours_are_real_hours_across_a_daylight_saving_change() -> None:
    berlin = ZoneInfo("Europe/Berlin")
    start = datetime(2027, 3, 28, 12, 0, tzinfo=berlin)  # the day clocks go forward
    b = _confirmed(start=start.astimezone(UTC), paid_at=start - timedelta(days=5))
    same_wall_time_a_day_before = datetime(2027, 3, 27, 12, 0, tzinfo=berlin)
    assert start.astimezone(UTC) - same_wall_time_a_day_before.astimezone(UTC) == \
        timedelta(hours=23)
    assert _percent(b, same_wall_time_a_day_before.astimezone(UTC)) == 50
    assert _percent(b, (start - timedelta(hours=25)).astimezone(UTC)) == 100


def test_partners_and_admins_refund_in_full_and_strangers_are_refused() -> None:
    b = _confirmed()
    late = START - timedelta(minutes=30)
    assert _percent(b, late, "partner", "p1") == 100
    assert _percent(b, late, "admin", "a1") == 100
    assert closing.quote(b, "partner", "p2", late, TERMS) == closing.NOT_FOUND
    assert closing.quote(b, "client", "c2", late, TERMS) == closing.NOT_FOUND
    assert closing.quote(b, "client", "c1", START, TERMS) == closing.CLIENT_AFTER_START


def test_a_cancellation_asks_for_the_money_the_calendar_and_the_mail() -> None:
    d = closing.cancel(_confirmed(), "client", "c1", "", START - timedelta(hours=10), TERMS)
    cancelled, = d.events
    assert isinstance(cancelled, ev.BookingCancelled) and cancelled.refund_amount == 40000
    assert {j.kind for j in d.jobs} == {jobs.SETTLE, jobs.CANCEL_MEETING, jobs.NOTIFY_CANCELLED}
    after = bk.apply(_confirmed(), cancelled)
    assert closing.retained(after) == 40000 and closing.needs_settling(after)


def test_completion_schedules_the_capture_after_the_delay_or_at_once() -> None:
    b = _confirmed()
    d = closing.complete(b, "p1", b.end + timedelta(minutes=5), TERMS)
    assert d.jobs[0].kind == jobs.CAPTURE and d.jobs[0].delay == timedelta(minutes=25)
    d = closing.complete(b, "p1", b.end + timedelta(hours=2), TERMS)
    assert d.jobs[0].delay == timedelta(0)
    assert closing.complete(b, "p1", b.end - timedelta(seconds=1), TERMS).refusal == \
        closing.NOT_ENDED


def test_the_capture_never_takes_more_than_authorized() -> None:
    done = bk.apply(_confirmed(), ev.SessionCompleted(completed_at=START + timedelta(hours=2),
                                                      confirmed_by="p1"))
    with pytest.raises(bk.CaptureExceedsAuthorized):
        bk.apply(done, ev.PaymentCaptured(amount=80001, partner_share=64001,
                                          platform_share=16000, captured_at=START))
    captured, = closing.captured(done, START + timedelta(hours=3)).events
    assert isinstance(captured, ev.PaymentCaptured)
    assert (captured.amount, captured.partner_share, captured.platform_share) == \
        (80000, 64000, 16000)
    paid = bk.apply(done, captured)
    assert closing.captured(paid, START).events == () and not closing.may_capture(paid)


def test_a_no_show_keeps_the_last_tier() -> None:
    policy = ((24, 100), (0, 10))
    terms = replace(TERMS, policy=policy)
    marked, = closing.no_show(_confirmed(), "p1", START + timedelta(minutes=15), terms).events
    assert isinstance(marked, ev.ClientNoShowMarked) and marked.refund_amount == 8000
    after = bk.apply(_confirmed(), marked)
    assert closing.capture_amount(after) == 72000
    assert closing.no_show(_confirmed(), "p1", START - timedelta(seconds=1), terms).refusal == \
        closing.NOT_STARTED
