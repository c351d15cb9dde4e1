from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fxorleans.domain import booking as bk
from fxorleans.domain import events as ev
from fxorleans.domain.money import split

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
START = T0 + timedelta(days=2)
END = START + timedelta(hours=1)
PRICE = 80000


def requested() -> ev.ConsultationRequested:
    return ev.ConsultationRequested(
        booking_id="b1", client_id="c1", partner_id="p1", start=START, end=END, amount=PRICE,
        currency="USD", problem="Our AWS bill doubled", hold_expires_at=T0 + timedelta(minutes=15))


def authorized(amount: int = PRICE) -> ev.PaymentAuthorized:
    return ev.PaymentAuthorized(intent_id="pi_1", amount=amount, currency="USD",
                                authorized_at=T0 + timedelta(minutes=3))


def completed(at: datetime = END) -> ev.SessionCompleted:
    return ev.SessionCompleted(completed_at=at, confirmed_by="p1")


def captured(amount: int = PRICE) -> ev.PaymentCaptured:
    s = split(bk.Money(amount, "USD"))
    return ev.PaymentCaptured(amount=amount, partner_share=s.partner.amount,
                              platform_share=s.platform.amount, captured_at=END)


def cancelled(refund: int = PRICE, by: str = "client") -> ev.BookingCancelled:
    return ev.BookingCancelled(cancelled_by=by, reason="", refund_amount=refund, cancelled_at=T0)


def test_happy_path_reaches_paid() -> None:
    b = bk.fold([requested(), authorized(),
                 ev.ConsultationScheduled("evt1", "https://meet.jit.si/x", T0),
                 ev.ConsultationConfirmed(T0), completed(), captured()])
    assert b.status == bk.Status.PAID
    assert (b.captured, b.meeting_url, b.version) == (PRICE, "https://meet.jit.si/x", 6)


@pytest.mark.parametrize(("history", "illegal", "error"), [
    ([requested(), authorized()], captured(), bk.CaptureBeforeCompletion),
    ([requested()], captured(), bk.CaptureBeforeCompletion),
    ([requested(), authorized(), completed()], completed(), bk.AlreadyCompleted),
    ([requested(), authorized()], completed(END - timedelta(minutes=1)), bk.CompletedTooEarly),
    ([requested(), cancelled(0)], cancelled(0), bk.AlreadyCancelled),
    ([requested(), authorized(), completed(), captured()],
     ev.PaymentRefunded("re_1", PRICE + 1, END), bk.RefundExceedsCaptured),
    ([requested(), authorized()], ev.PaymentRefunded("re_1", 100, END), bk.RefundExceedsCaptured),
    ([requested(), authorized(), completed(), captured()], captured(), bk.AlreadyCaptured),
    ([requested()], authorized(PRICE - 1), bk.PaymentNotAllowed),
    ([requested(), ev.HoldExpired(T0)], authorized(), bk.PaymentNotAllowed),
    ([requested()], requested(), bk.AlreadyRequested),
    ([], authorized(), bk.NotRequested),
    ([requested(), authorized(), completed()], cancelled(), bk.CannotCancel),
    ([requested(), authorized(), cancelled(PRICE)],
     ev.AuthorizationReleased(PRICE + 1, T0), bk.ReleaseExceedsAuthorized),
])
def test_illegal_transitions_are_named(history, illegal, error) -> None:  # type: ignore[no-untyped-def]
    b = bk.fold(history) if history else None
    with pytest.raises(error):
        bk.apply(b, illegal)


def test_partial_refund_of_uncaptured_payment_captures_the_retained_part() -> None:
    b = bk.fold([requested(), authorized(), cancelled(refund=PRICE // 2), captured(PRICE // 2)])
    assert b.status == bk.Status.REFUNDED
    assert (b.captured, b.released) == (PRICE // 2, PRICE // 2)
    with pytest.raises(bk.CaptureExceedsAuthorized):
        bk.fold([requested(), authorized(), cancelled(refund=PRICE // 2), captured(PRICE)])


def test_full_cancellation_releases_the_hold() -> None:
    b = bk.fold([requested(), authorized(), cancelled(), ev.AuthorizationReleased(PRICE, T0)])
    assert b.status == bk.Status.REFUNDED and b.released == PRICE


def test_failed_payment_can_be_retried() -> None:
    b = bk.fold([requested(), ev.PaymentFailed("pi_1", "insufficient_funds", "no", T0),
                 authorized()])
    assert b.status == bk.Status.CONFIRMED and b.last_error is None


def test_events_round_trip_through_data() -> None:
    for e in (requested(), authorized(), completed(), captured(), cancelled(),
              ev.HoldExpired(T0), ev.PaymentRefunded("re_1", 5, T0)):
        assert ev.from_data(e.type, e.to_data()) == e


ANY_EVENT = st.sampled_from([
    authorized(), ev.PaymentFailed("pi", "card_declined", "declined", T0),
    ev.ConsultationScheduled("e", "https://m/x", T0), ev.ConsultationConfirmed(T0), completed(),
    captured(), captured(PRICE // 4), cancelled(), cancelled(PRICE // 2), cancelled(0),
    ev.AuthorizationReleased(PRICE, T0), ev.AuthorizationReleased(PRICE // 2, T0),
    ev.PaymentRefunded("re", PRICE // 2, T0), ev.PaymentRefunded("re", PRICE, T0),
    ev.HoldExpired(T0),
])


@settings(max_examples=400)
@given(st.lists(ANY_EVENT, max_size=12))
def test_money_invariants_hold_for_any_accepted_history(seq: list[ev.Event]) -> None:
    b = bk.apply(None, requested())
    for e in seq:
        try:
            b = bk.apply(b, e)
        except bk.BookingError:
            continue  # rejected events change nothing
        assert 0 <= b.captured <= b.authorized <= PRICE
        assert 0 <= b.refunded <= b.captured
        assert b.captured + b.released <= b.authorized
        if b.status == bk.Status.PAID:
            assert b.completed_at is not None and b.captured > 0
        if b.captured and b.status not in (bk.Status.CANCELLED, bk.Status.REFUNDED):
            assert b.completed_at is not None


def test_reauthorization_replaces_only_the_current_uncaptured_intent() -> None:
    b = bk.fold([requested(), authorized()])
    later = T0 + timedelta(days=5)
    b = bk.apply(b, ev.PaymentReauthorized("pi_2", "pi_1", later, later + timedelta(days=4)))
    assert (b.intent_id, b.status, b.authorized) == ("pi_2", bk.Status.CONFIRMED, PRICE)
    with pytest.raises(bk.NotAuthorized):
        bk.apply(b, ev.PaymentReauthorized("pi_3", "pi_1", later))  # not the current one
    paid = bk.fold([requested(), authorized(), completed(), captured()])
    with pytest.raises(bk.NotAuthorized):
        bk.apply(paid, ev.PaymentReauthorized("pi_2", "pi_1", later))
    with pytest.raises(bk.NotAuthorized):
        bk.apply(bk.fold([requested()]), ev.PaymentReauthorized("pi_2", "pi_1", later))
