"""The pure deciders: what a booking's facts lead to, without a database."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from fxorleans.domain import booking as bk
from fxorleans.domain import events as ev
from fxorleans.domain import holds, jobs, meeting
from fxorleans.domain import payment as pay

NOW = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)
TERMS = pay.AuthorizationTerms(window=timedelta(days=6), reauthorize_lead=timedelta(days=3))


def _request(start: datetime = NOW + timedelta(days=1)) -> ev.ConsultationRequested:
    return ev.ConsultationRequested(
        booking_id="b1", client_id="c1", partner_id="p1", start=start,
        end=start + timedelta(hours=1), amount=80000, currency="USD", problem="x" * 30,
        hold_expires_at=NOW + timedelta(minutes=15))


def _held(*more: ev.Event, start: datetime = NOW + timedelta(days=1)) -> bk.Booking:
    return bk.fold([_request(start), *more])


def _accepted(start: datetime = NOW + timedelta(days=1)) -> bk.Booking:
    return _held(ev.CancellationPolicyAccepted([[24, 100]], NOW), start=start)


def _intent(**kw: object) -> pay.Intent:
    fields: dict = {"intent_id": "pi_1", "status": "requires_capture", "amount": 80000,
                    "currency": "USD", "booking_id": "b1"}
    fields.update(kw)
    return pay.Intent(**fields)


def test_an_authorization_confirms_and_schedules() -> None:
    d = pay.reconcile(_accepted(), _intent(), NOW, slot_kept=True, terms=TERMS)
    assert d.refusal is None
    assert [type(e) for e in d.events] == [ev.PaymentAuthorized]
    assert d.jobs == (jobs.schedule("b1"),)


@pytest.mark.parametrize(("booking", "intent", "slot_kept", "reason"), [
    (_accepted(), _intent(amount=100), True, pay.WRONG_AMOUNT),
    (_accepted(), _intent(), False, pay.EXPIRED_HOLD),
    (_held(), _intent(), True, pay.POLICY_FIRST),
])
def test_an_authorization_the_booking_cannot_keep_is_released(
        booking: bk.Booking, intent: pay.Intent, slot_kept: bool, reason: str) -> None:
    d = pay.reconcile(booking, intent, NOW, slot_kept=slot_kept, terms=TERMS)
    assert d.refusal == reason and d.events == ()
    assert d.jobs == (jobs.release("b1", "pi_1"),)


def test_a_payment_for_another_booking_or_none_is_refused_without_side_effects() -> None:
    other = pay.reconcile(_accepted(), _intent(booking_id="b2"), NOW, slot_kept=True, terms=TERMS)
    missing = pay.reconcile(None, _intent(), NOW, slot_kept=True, terms=TERMS)
    assert (other.refusal, other.jobs) == (pay.NOT_THIS_BOOKING, ())
    assert (missing.refusal, missing.jobs) == (pay.NOT_FOUND, ())


def test_reconciling_twice_changes_nothing() -> None:
    first = pay.reconcile(_accepted(), _intent(), NOW, slot_kept=True, terms=TERMS)
    confirmed = bk.apply(_accepted(), first.events[0])
    again = pay.reconcile(confirmed, _intent(), NOW, slot_kept=True, terms=TERMS)
    assert again.events == () and again.jobs == () and again.refusal is None


def test_a_far_session_schedules_its_reauthorization() -> None:
    start = NOW + timedelta(days=10)
    d = pay.reconcile(_accepted(start), _intent(customer_id="cus_1"), NOW, slot_kept=True,
                      terms=TERMS)
    assert d.jobs[0] == jobs.schedule("b1")
    assert jobs.reauthorize("b1", timedelta(days=7)) in d.jobs
    assert jobs.uncovered("b1", timedelta(days=9)) in d.jobs
    assert pay.reauthorize_at(_accepted(start), TERMS) == NOW + timedelta(days=7)


def test_the_fifth_decline_closes_the_booking_and_releases_the_intent() -> None:
    b = _accepted()
    for i in range(pay.MAX_DECLINES - 1):
        d = pay.reconcile(b, _intent(status="requires_payment_method", latest_charge_id=f"ch_{i}",
                                     error_code="card_declined", error_message="Declined"),
                          NOW, slot_kept=True, terms=TERMS)
        assert d.refusal is None and [type(e) for e in d.events] == [ev.PaymentFailed]
        b = bk.apply(b, d.events[0])
    d = pay.reconcile(b, _intent(status="requires_payment_method", latest_charge_id="ch_last",
                                 error_message="Declined"), NOW, slot_kept=True, terms=TERMS)
    assert [type(e) for e in d.events] == [ev.PaymentFailed, ev.BookingCancelled]
    assert d.refusal == pay.TOO_MANY_DECLINES and d.jobs == (jobs.release("b1", "pi_1"),)


def test_the_same_decline_seen_twice_is_recorded_once() -> None:
    declined = _intent(status="requires_payment_method", latest_charge_id="ch_1",
                       error_message="Declined")
    d = pay.reconcile(_accepted(), declined, NOW, slot_kept=True, terms=TERMS)
    b = bk.apply(_accepted(), d.events[0])
    assert pay.reconcile(b, declined, NOW, slot_kept=True, terms=TERMS).events == ()


def test_a_cancelled_authorization_of_a_confirmed_booking_alerts_the_admins() -> None:
    confirmed = bk.apply(_accepted(), ev.PaymentAuthorized("pi_1", 80000, "USD", NOW))
    d = pay.reconcile(confirmed, _intent(status="canceled", cancellation_reason="expired"), NOW,
                      slot_kept=True, terms=TERMS)
    assert d.events == () and [j.kind for j in d.jobs] == [jobs.ALERT]
    assert "expired" in d.jobs[0].payload["text"]


def test_a_replaced_authorization_is_history() -> None:
    confirmed = bk.apply(_accepted(), ev.PaymentAuthorized("pi_2", 80000, "USD", NOW))
    d = pay.reconcile(confirmed, _intent(status="canceled"), NOW, slot_kept=True, terms=TERMS)
    assert d.events == () and d.jobs == ()


def test_a_reauthorization_replaces_the_old_intent_and_releases_it() -> None:
    confirmed = bk.apply(_accepted(), ev.PaymentAuthorized("pi_1", 80000, "USD", NOW))
    d = pay.reauthorized(confirmed, "pi_1", _intent(intent_id="pi_2"), NOW)
    assert [type(e) for e in d.events] == [ev.PaymentReauthorized]
    assert d.jobs == (jobs.release("b1", "pi_1"),)
    # Cancelled meanwhile: the fresh authorization must not be left behind.
    cancelled = bk.apply(confirmed, ev.BookingCancelled("client", "", 80000, NOW))
    late = pay.reauthorized(cancelled, "pi_1", _intent(intent_id="pi_2"), NOW)
    assert late.events == () and late.jobs == (jobs.release("b1", "pi_2"),)


def test_only_a_lapsed_open_hold_expires() -> None:
    lapsed = NOW + timedelta(minutes=15)
    assert holds.expire(_held(), lapsed).events == (ev.HoldExpired(lapsed),)
    assert holds.expire(_held(), lapsed - timedelta(seconds=1)).events == ()
    paid = bk.apply(_accepted(), ev.PaymentAuthorized("pi_1", 80000, "USD", NOW))
    assert holds.expire(paid, lapsed).events == ()
    assert holds.expire(None, lapsed).events == ()


def test_release_is_for_the_holder_only_and_leaves_paid_bookings_alone() -> None:
    assert holds.release(_held(), "someone-else", NOW).refusal == holds.NOT_FOUND
    assert [type(e) for e in holds.release(_held(), "c1", NOW).events] == [ev.BookingCancelled]
    paid = bk.apply(_accepted(), ev.PaymentAuthorized("pi_1", 80000, "USD", NOW))
    assert holds.release(paid, "c1", NOW).events == ()


def test_a_meeting_is_recorded_once_and_never_for_a_cancelled_booking() -> None:
    confirmed = bk.apply(_accepted(), ev.PaymentAuthorized("pi_1", 80000, "USD", NOW))
    d = meeting.scheduled(confirmed, "evt1", "https://meet.example/r", NOW)
    assert [type(e) for e in d.events] == [ev.ConsultationScheduled, ev.ConsultationConfirmed]
    scheduled = bk.fold([_request(), ev.CancellationPolicyAccepted([[24, 100]], NOW),
                         ev.PaymentAuthorized("pi_1", 80000, "USD", NOW), *d.events])
    assert meeting.scheduled(scheduled, "evt2", "https://meet.example/s", NOW).events == ()
    cancelled = bk.apply(confirmed, ev.BookingCancelled("client", "", 80000, NOW))
    assert meeting.scheduled(cancelled, "evt1", "https://meet.example/r", NOW).events == ()


def test_an_expiry_under_a_scheduled_reauthorization_alerts_nobody() -> None:
    start = NOW + timedelta(days=12)
    confirmed = bk.apply(_accepted(start), ev.PaymentAuthorized(
        "pi_1", 80000, "USD", NOW, customer_id="cus_1", payment_method_id="pm_1"))
    lapsed = _intent(status="canceled", cancellation_reason="expired")
    on_day_7 = NOW + timedelta(days=7, minutes=1)  # the re-authorization is due on day 9
    assert pay.reconcile(confirmed, lapsed, on_day_7, slot_kept=True, terms=TERMS).jobs == ()
    after_it_was_due = NOW + timedelta(days=9, minutes=1)
    late = pay.reconcile(confirmed, lapsed, after_it_was_due, slot_kept=True, terms=TERMS)
    assert [j.kind for j in late.jobs] == [jobs.ALERT]
