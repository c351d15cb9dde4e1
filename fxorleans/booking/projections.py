"""Read models folded from the log: written inline with the events, rebuildable from it."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, col, delete, select

from fxorleans import clock
from fxorleans.domain import booking as bk
from fxorleans.domain import events as ev
from fxorleans.domain.money import Money, split
from fxorleans.store import eventstore
from fxorleans.store.tables import BookingView, MatchRequestView, PaymentView, SlotReservation

BOOKING_PREFIX = "booking-"
MATCH_PREFIX = "match-"


def booking_stream(booking_id: str) -> str:
    return f"{BOOKING_PREFIX}{booking_id}"


def match_stream(request_id: str) -> str:
    return f"{MATCH_PREFIX}{request_id}"


def _payment_status(b: bk.Booking) -> str:
    if b.refunded:
        return "refunded" if b.refunded == b.captured else "partially_refunded"
    if b.captured:
        return "captured" if not b.released else "partially_captured"
    if b.released:
        return "released"
    if b.authorized:
        return "authorized"
    if b.last_error:
        return "failed"
    return "created"


def project_reservation(session: Session, b: bk.Booking, *, rebuilding: bool = False,
                        at: datetime | None = None) -> None:
    """The booking's claim on its slot: placed with the request, made permanent by the
    authorization, dropped when the booking is no longer live.

    The unique (partner_id, start) makes a second claim on a slot fail with IntegrityError,
    which the hold's use case reports as "taken". An open booking whose row is gone was
    taken over after its hold lapsed: it gets no new row (its authorization is refused).
    """
    row = session.exec(select(SlotReservation)
                       .where(col(SlotReservation.booking_id) == b.booking_id)).first()
    if b.status not in bk.LIVE:
        if row is not None:
            session.delete(row)
        return
    expires = b.hold_expires_at if b.status in bk.OPEN else None
    if row is None:
        if b.status in bk.OPEN and not (b.version == 1 or
                                        (rebuilding and at is not None and
                                         at < b.hold_expires_at)):
            return
        session.add(SlotReservation(partner_id=b.partner_id, start=b.start,
                                    booking_id=b.booking_id, expires_at=expires))
        session.flush()
    elif row.expires_at != expires:
        row.expires_at = expires
        session.add(row)


def project_booking(
    session: Session, b: bk.Booking, created_at: datetime, updated_at: datetime
) -> None:
    project_reservation(session, b)
    _project_views(session, b, created_at, updated_at)


def _project_views(session: Session, b: bk.Booking, created_at: datetime, updated_at: datetime
                   ) -> None:
    session.merge(BookingView(
        booking_id=b.booking_id, client_id=b.client_id, partner_id=b.partner_id,
        start=b.start, end=b.end, status=b.status.value, amount=b.price.amount,
        currency=b.price.currency, problem=b.problem, client_timezone=b.client_timezone,
        client_address=b.client_address, hold_expires_at=b.hold_expires_at,
        meeting_url=b.meeting_url, calendar_event_id=b.calendar_event_id, last_error=b.last_error,
        cancelled_by=b.cancelled_by, refund_amount=b.cancel_refund, completed_at=b.completed_at,
        no_show=b.no_show, problem_reported_at=b.problem_reported_at, rating=b.rating,
        rating_comment=b.rating_comment or None, version=b.version, updated_at=updated_at,
    ))
    existing = session.get(PaymentView, b.booking_id)
    shares = split(Money(b.captured - b.refunded, b.price.currency)) if b.captured else None
    session.merge(PaymentView(
        booking_id=b.booking_id, client_id=b.client_id, partner_id=b.partner_id,
        intent_id=b.intent_id, amount=b.price.amount, currency=b.price.currency,
        status=_payment_status(b), authorized_amount=b.authorized, captured_amount=b.captured,
        refunded_amount=b.refunded,
        partner_share=shares.partner.amount if shares else 0,
        platform_share=shares.platform.amount if shares else 0,
        created_at=existing.created_at if existing else created_at,
        authorized_at=b.authorized_at, captured_at=b.captured_at, refunded_at=b.refunded_at,
        capture_before=b.capture_before, scheduled_at=b.start, meeting_url=b.meeting_url,
        calendar_event_id=b.calendar_event_id,
    ))


def project_match(session: Session, events: list[ev.Event]) -> None:
    req = next(e for e in events if isinstance(e, ev.MatchRequested))
    ranking: list = []
    for e in events:
        if isinstance(e, ev.PartnersMatched):
            ranking = e.ranking
    session.merge(MatchRequestView(
        request_id=req.request_id, owner=req.owner, problem=req.problem,
        industry=req.industry, urgency=req.urgency, ranking=ranking, created_at=req.requested_at,
    ))


def rebuild(session: Session, at: datetime | None = None) -> dict[str, int]:
    """Drop every read model and fold them again from the log (`at`: now, for live holds)."""
    at = at or clock.now()
    for table in (BookingView, PaymentView, MatchRequestView, SlotReservation):
        session.execute(delete(table))
    counts = {"bookings": 0, "match_requests": 0}
    for stream_id in eventstore.stream_ids(session, BOOKING_PREFIX):
        stored = eventstore.read_stream(session, stream_id)
        booking = bk.fold([s.event for s in stored])
        project_reservation(session, booking, rebuilding=True, at=at)
        _project_views(session, booking, created_at=stored[0].recorded_at,
                       updated_at=stored[-1].recorded_at)
        counts["bookings"] += 1
    for stream_id in eventstore.stream_ids(session, MATCH_PREFIX):
        project_match(session, [s.event for s in eventstore.read_stream(session, stream_id)])
        counts["match_requests"] += 1
    return counts
