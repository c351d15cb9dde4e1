"""Slot holds: a client reserves one partner slot for a few minutes while they pay.

One slot, one booking: the `slot_reservation` table's unique (partner_id, start) is the
arbiter, not a read-then-write check, so two clients racing for the same hour cannot both win
on either database. The reservation is part of the booking's inline projection: it is
written with the booking's first event and dropped with its last, in the same transaction,
so a refused hold leaves nothing behind. The decisions are in `fxorleans.domain.holds`.

The limits on holds (per account, per partner, per address) are counted in the transaction
that places the hold. On SQLite that transaction already holds the write lock; on PostgreSQL
it first takes advisory locks on the client and on the address, so two concurrent holds of
one client (or one address) take turns and cannot both pass a count meant for one.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from uuid import uuid4

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, delete, select

from fxorleans import clock, config
from fxorleans.accounts import ratelimit
from fxorleans.booking import directory, outbox, projections, uow
from fxorleans.booking.slots import (  # noqa: F401 - the reading side, re-exported for callers
    Hold,
    address_holds,
    available_slots,
    aware_now,
    client_holds,
    get_hold,
    is_bookable,
    next_available,
    price,
    taken_by_others,
    taken_in,
    taken_starts,
)
from fxorleans.domain import availability
from fxorleans.domain import booking as bk
from fxorleans.domain import events as ev
from fxorleans.domain import holds as rules
from fxorleans.domain.decision import Decision
from fxorleans.domain.partners import PartnerProfile
from fxorleans.domain.problem import ProblemInvalid, clean_problem
from fxorleans.store import db, eventstore
from fxorleans.store.tables import BookingView, SlotReservation, User

MAX_OPEN_HOLDS = rules.MAX_OPEN_HOLDS
TAKEN_MESSAGE = rules.TAKEN


class SlotUnavailable(Exception):
    """The slot cannot be held; the message is safe to show to the client."""


class SlotTaken(SlotUnavailable):
    """Somebody else holds or booked the slot (possibly a moment ago)."""

    def __init__(self, message: str = TAKEN_MESSAGE) -> None:
        super().__init__(message)


def _check_start(partner: PartnerProfile, start: datetime, now: datetime) -> datetime:
    """`start` in UTC if the partner offers it now (ignoring other bookings), else a reason."""
    if not isinstance(start, datetime) or start.tzinfo is None or start.utcoffset() is None:
        raise SlotUnavailable("Pick a time from the list of available slots.")
    start = start.astimezone(UTC)
    settings = config.get()
    if start <= now:
        raise SlotUnavailable("This time has already passed. Please pick another time.")
    if start < now + timedelta(hours=settings.min_notice_hours):
        raise SlotUnavailable(
            f"Sessions must be booked at least {settings.min_notice_hours} hours ahead. "
            "Please pick a later time.")
    if start > now + timedelta(days=settings.booking_horizon_days):
        raise SlotUnavailable(
            f"Sessions can be booked at most {settings.booking_horizon_days} days ahead. "
            "Please pick an earlier time.")
    if not is_bookable(partner, start, now, []):
        raise SlotUnavailable(
            "This time is not one of the partner's available slots. Please pick a time from "
            "the list.")
    return start


def _verified(session: Session, client_id: str) -> bool:
    verified_at = session.exec(select(User.email_verified_at)
                               .where(col(User.id) == client_id)).first()
    return verified_at is not None


def _facts(session: Session, request: ev.ConsultationRequested, now: datetime
           ) -> tuple[rules.HoldFacts, dict[str, list[eventstore.StoredEvent]]]:
    """The facts the hold is decided on, and the streams of the client's holds with this
    partner (folded here, so a release appends right after what was decided on)."""
    held = client_holds(session, request.client_id, now)
    streams = {booking_id: eventstore.read_stream(session, projections.booking_stream(booking_id))
               for booking_id, partner_id in held if partner_id == request.partner_id}
    address = request.client_address
    facts = rules.HoldFacts(
        open_holds=len(held), verified=_verified(session, request.client_id),
        address_limit=config.get().address_hold_limit,
        with_partner=tuple(bk.fold([s.event for s in stored]) for stored in streams.values()),
        taken=tuple(t for t in taken_in(session, request.partner_id, now) if t != request.start),
        address_holds=address_holds(session, address, now) if address else 0)
    return facts, streams


def _move_from(session: Session, old: bk.Booking, stored: list[eventstore.StoredEvent],
               now: datetime, meta: dict[str, str]) -> None:
    """Release the client's older hold with this partner, in the new hold's transaction."""
    decision = rules.release(old, old.client_id, now, rules.MOVED)
    if not decision.events:
        return
    state = old
    for e in decision.events:
        state = bk.apply(state, e)
    appended = eventstore.append(session, projections.booking_stream(old.booking_id),
                                 len(stored), list(decision.events), meta)
    projections.project_booking(session, state, created_at=stored[0].recorded_at,
                                updated_at=appended[-1].recorded_at)
    for job in decision.jobs:
        outbox.enqueue(session, job)


def _drop_lapsed(session: Session, partner_id: str, start: datetime, now: datetime) -> None:
    """A lapsed hold on this very slot gives way (its booking is expired by the worker)."""
    session.execute(delete(SlotReservation).where(
        col(SlotReservation.partner_id) == partner_id,
        col(SlotReservation.start) == start,
        col(SlotReservation.expires_at).is_not(None),
        col(SlotReservation.expires_at) <= now,
    ))


def place_hold(*, client_id: str, partner_id: str, start: datetime, problem: str,
               client_timezone: str, client_address: str,
               match_request_id: str | None = None) -> Hold:
    """Reserve `start` with `partner_id` for HOLD_MINUTES and open the booking stream.

    `client_address` is the caller's network address; only its keyed hash is stored. A hold
    with a partner the client already holds a time with moves that hold here.
    Raises SlotUnavailable (a message for the client) if the partner or the time cannot be
    booked or the client holds too many, SlotTaken if another live hold or booking has it.
    """
    if not client_id:
        raise SlotUnavailable("Sign in to hold a slot.")
    now = clock.now()
    settings = config.get()
    partner = directory.get_partner(partner_id) if partner_id else None
    if partner is None or not partner.active:
        raise SlotUnavailable("This partner is not taking bookings.")
    start = _check_start(partner, start, now)
    try:
        text = clean_problem(problem)
    except ProblemInvalid as exc:
        raise SlotUnavailable(str(exc)) from exc
    zone = client_timezone if availability.valid_timezone(client_timezone) else "UTC"
    # Only a link back to the match page; a malformed one is dropped, not worth refusing for.
    if not (isinstance(match_request_id, str) and 0 < len(match_request_id) <= 40):
        match_request_id = None
    session_len = timedelta(minutes=settings.session_minutes)
    # Checked before the transaction too, so a slot taken long ago gets the same answer
    # without opening a write transaction.
    if not is_bookable(partner, start, now, taken_by_others(partner.id, client_id, now)):
        raise SlotTaken()
    amount = price()
    booking_id = uuid4().hex
    request = ev.ConsultationRequested(
        booking_id=booking_id, client_id=client_id, partner_id=partner.id, start=start,
        end=start + session_len, amount=amount.amount, currency=amount.currency, problem=text,
        hold_expires_at=now + timedelta(minutes=settings.hold_minutes), client_timezone=zone,
        match_request_id=match_request_id,
        client_address=rules.hashed_address(client_address, settings.secret_key))
    correlation_id = uuid4().hex
    meta = {"actor": client_id, "role": "client", "correlation_id": correlation_id}

    def decide(state: bk.Booking | None, session: Session) -> Decision:
        ratelimit.lock(session, f"hold:client:{client_id}",
                       f"hold:address:{request.client_address or '-'}")
        facts, streams = _facts(session, request, now)
        plan = rules.place(state, request, facts)
        if not plan.decision.refusal:
            for old in plan.replaces:
                _move_from(session, old, streams[old.booking_id], now, meta)
            _drop_lapsed(session, partner.id, start, now)
        return plan.decision

    try:
        outcome = uow.run(booking_id, decide, uow.Actor(client_id, "client"),
                          correlation_id=correlation_id)
    except IntegrityError as exc:  # the projection's reservation lost the race for the slot
        raise SlotTaken() from exc
    if outcome.refusal or outcome.booking is None:
        raise SlotTaken() if outcome.refusal == rules.TAKEN else \
            SlotUnavailable(outcome.refusal or "This slot cannot be held.")
    b = outcome.booking
    return Hold(booking_id=b.booking_id, partner_id=b.partner_id, start=b.start, end=b.end,
                hold_expires_at=b.hold_expires_at, price=b.price, client_id=b.client_id,
                status=b.status.value)


def release_hold(booking_id: str, client_id: str) -> None:
    """The client lets go of a hold before paying: the slot is free again at once."""
    outcome = uow.run(booking_id, lambda b, _s: rules.release(b, client_id, clock.now()),
                      uow.Actor(client_id, "client"))
    if outcome.refusal:
        raise SlotUnavailable(outcome.refusal)


def _stale_booking_ids(now: datetime) -> list[str]:
    with db.reading() as session:
        return list(session.exec(select(BookingView.booking_id).where(
            col(BookingView.status).in_(bk.OPEN),
            col(BookingView.hold_expires_at) <= now,
        ).order_by(col(BookingView.booking_id))).all())


def expire_holds(now: datetime | None = None) -> int:
    """Expire every hold past its time: append HoldExpired, which frees the slot.

    Returns how many bookings were expired. A booking that moved on meanwhile (paid,
    cancelled) is left as it is.
    """
    at = aware_now(now)
    expired = 0
    for booking_id in _stale_booking_ids(at):
        try:
            outcome = uow.run(booking_id, lambda b, _s: rules.expire(b, at), uow.Actor.system())
        except bk.BookingError:
            continue  # it moved on between our read and the append; nothing to expire
        expired += bool(outcome.decision.events)
    return expired
