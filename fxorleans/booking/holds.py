"""Slot holds: a client reserves one partner slot for a few minutes while they pay.

One slot, one booking: the `slot_reservation` table's unique (partner_id, start) is the
arbiter, not a read-then-write check, so two clients racing for the same hour cannot both win
on either database. The reservation row, the booking's first event and its projections are
written in one transaction, so a refused hold leaves nothing behind.

A reservation is live while `expires_at` is in the future, or forever when it is NULL (the
payment code clears it once the card is authorized). A stale reservation does not block its
slot even before the worker has tidied it up: readers ignore it and `place_hold` deletes it in
the same transaction that takes the slot over.

Choices made here (DESIGN.md is silent on them):

- A client may hold at most MAX_OPEN_HOLDS unpaid slots at once, so one account cannot keep a
  partner's week blocked by re-holding every 15 minutes.
- A browser time zone the server does not know falls back to UTC rather than blocking the
  booking: every time shown to people names its zone, so nobody is misled.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from uuid import uuid4

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, delete, select

from fxorleans import clock, config
from fxorleans.booking import directory, uow
from fxorleans.domain import availability
from fxorleans.domain import booking as bk
from fxorleans.domain import events as ev
from fxorleans.domain.money import Money
from fxorleans.domain.partners import PartnerProfile
from fxorleans.domain.problem import ProblemInvalid, clean_problem
from fxorleans.store import db
from fxorleans.store.tables import BookingView, SlotReservation

log = logging.getLogger(__name__)

MAX_OPEN_HOLDS = 5
TAKEN_MESSAGE = "This slot was just taken. Please pick another time."

_OPEN_LABELS = tuple(s.value for s in bk.OPEN)


class SlotUnavailable(Exception):
    """The slot cannot be held; the message is safe to show to the client."""


class SlotTaken(SlotUnavailable):
    """Somebody else holds or booked the slot (possibly a moment ago)."""

    def __init__(self, message: str = TAKEN_MESSAGE) -> None:
        super().__init__(message)


@dataclass(frozen=True)
class Hold:
    booking_id: str
    partner_id: str
    start: datetime  # aware UTC
    end: datetime
    hold_expires_at: datetime
    price: Money  # from configuration, never from the browser
    # Trailing, defaulted additions: the /book page needs to check ownership and whether the
    # hold is still open without a second query.
    client_id: str = ""
    status: str = bk.Status.HELD.value


# --- reading ------------------------------------------------------------------------------


def price() -> Money:
    """The price of one session, decided by the server's configuration."""
    settings = config.get()
    return Money.parse(settings.consultation_price, settings.currency)


def _now(now: datetime | None) -> datetime:
    if now is None:
        return clock.now()
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    return now.astimezone(UTC)


def _live(now: datetime) -> sa.ColumnElement[bool]:
    # NULL = paid for: the reservation never lapses on its own.
    return sa.or_(SlotReservation.expires_at.is_(None),  # type: ignore[union-attr]
                  SlotReservation.expires_at > now)  # type: ignore[operator]


def _taken(session: Session, partner_id: str, now: datetime) -> list[datetime]:
    rows = session.exec(
        select(SlotReservation.start)
        .where(SlotReservation.partner_id == partner_id, _live(now))
        .order_by(SlotReservation.start)
    ).all()
    return list(rows)


def taken_starts(partner_id: str, now: datetime | None = None) -> list[datetime]:
    """Starts (aware UTC, ascending) of the partner's live holds and bookings."""
    with db.reading() as session:
        return _taken(session, partner_id, _now(now))


def _slots(partner: PartnerProfile, now: datetime, taken: list[datetime]) -> list[datetime]:
    settings = config.get()
    return availability.bookable_slots(
        partner.hours_by_day(), partner.timezone, now,
        horizon_days=settings.booking_horizon_days,
        min_notice_hours=settings.min_notice_hours,
        session_minutes=settings.session_minutes,
        taken=taken,
    )


def _bookable(partner: PartnerProfile, start: datetime, now: datetime,
              taken: list[datetime]) -> bool:
    settings = config.get()
    return availability.is_bookable(
        start, partner.hours_by_day(), partner.timezone, now,
        horizon_days=settings.booking_horizon_days,
        min_notice_hours=settings.min_notice_hours,
        session_minutes=settings.session_minutes,
        taken=taken,
    )


def available_slots(partner: PartnerProfile, now: datetime | None = None) -> list[datetime]:
    """Every start a client may hold with `partner` now; none for an inactive partner."""
    if not partner.active:
        return []
    at = _now(now)
    return _slots(partner, at, taken_starts(partner.id, at))


def next_available(partner: PartnerProfile, now: datetime | None = None) -> datetime | None:
    slots = available_slots(partner, now)
    return slots[0] if slots else None


def _hold_of(view: BookingView) -> Hold:
    return Hold(
        booking_id=view.booking_id, partner_id=view.partner_id, start=view.start, end=view.end,
        hold_expires_at=view.hold_expires_at, price=Money(view.amount, view.currency),
        client_id=view.client_id, status=view.status,
    )


def get_hold(booking_id: str) -> Hold | None:
    """The booking behind a hold, whatever became of it since; None if there is none.

    Callers check `client_id` against the signed-in user, and `status` / `hold_expires_at`
    before offering payment: an expired or confirmed booking is still returned so the page
    can say what happened instead of "not found".
    """
    if not booking_id:
        return None
    with db.reading() as session:
        view = session.get(BookingView, booking_id)
        return _hold_of(view) if view else None


# --- placing a hold -----------------------------------------------------------------------


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
    if not _bookable(partner, start, now, []):
        raise SlotUnavailable(
            "This time is not one of the partner's available slots. Please pick a time from "
            "the list.")
    return start


def _clean_problem(problem: str) -> str:
    try:
        return clean_problem(problem)
    except ProblemInvalid as exc:
        raise SlotUnavailable(str(exc)) from exc


def _open_holds(session: Session, client_id: str, now: datetime) -> int:
    return session.exec(
        select(sa.func.count()).select_from(BookingView).where(
            BookingView.client_id == client_id,
            BookingView.status.in_(_OPEN_LABELS),  # type: ignore[attr-defined]
            BookingView.hold_expires_at > now,  # type: ignore[operator]
        )
    ).one()


def _clashes(start: datetime, taken: list[datetime], session_len: timedelta) -> bool:
    return any(t < start + session_len and start < t + session_len for t in taken)


def place_hold(*, client_id: str, partner_id: str, start: datetime, problem: str,
               client_timezone: str, match_request_id: str | None = None) -> Hold:
    """Reserve `start` with `partner_id` for HOLD_MINUTES and open the booking stream.

    Raises SlotUnavailable (a message for the client) if the partner or the time cannot be
    booked, SlotTaken if another live hold or booking has the slot.
    """
    if not client_id:
        raise SlotUnavailable("Sign in to hold a slot.")
    now = clock.now()
    settings = config.get()
    partner = directory.get_partner(partner_id) if partner_id else None
    if partner is None or not partner.active:
        raise SlotUnavailable("This partner is not taking bookings.")
    start = _check_start(partner, start, now)
    text = _clean_problem(problem)
    zone = client_timezone if availability.valid_timezone(client_timezone) else "UTC"
    # Only a link back to the match page; a malformed one is dropped, not worth refusing for.
    if not (isinstance(match_request_id, str) and 0 < len(match_request_id) <= 40):
        match_request_id = None
    session_len = timedelta(minutes=settings.session_minutes)
    # Checked before the transaction too, so a slot taken long ago gets the same answer
    # without opening a write transaction.
    if not _bookable(partner, start, now, taken_starts(partner.id, now)):
        raise SlotTaken()

    amount = price()
    booking_id = uuid4().hex
    expires = now + timedelta(minutes=settings.hold_minutes)

    def decide(state: bk.Booking | None, session: Session) -> list[ev.Event]:
        if state is not None:  # a fresh uuid4: only a retry of our own transaction
            raise bk.AlreadyRequested(f"booking {booking_id} already exists")
        if _open_holds(session, client_id, now) >= MAX_OPEN_HOLDS:
            raise SlotUnavailable(
                f"You already hold {MAX_OPEN_HOLDS} unpaid slots. Pay for one or let it "
                "expire before holding another.")
        # The unique constraint only sees identical starts; a session at another start that
        # overlaps this hour (the partner moved their hours since) is caught here.
        if _clashes(start, [t for t in _taken(session, partner.id, now) if t != start],
                    session_len):
            raise SlotTaken()
        session.exec(delete(SlotReservation).where(  # type: ignore[call-overload]
            SlotReservation.partner_id == partner.id,
            SlotReservation.start == start,
            SlotReservation.expires_at.is_not(None),  # type: ignore[union-attr]
            SlotReservation.expires_at <= now,  # type: ignore[operator]
        ))
        try:
            with session.begin_nested():
                session.add(SlotReservation(partner_id=partner.id, start=start,
                                            booking_id=booking_id, expires_at=expires))
                session.flush()
        except IntegrityError as exc:
            raise SlotTaken() from exc
        return [ev.ConsultationRequested(
            booking_id=booking_id, client_id=client_id, partner_id=partner.id, start=start,
            end=start + session_len, amount=amount.amount, currency=amount.currency,
            problem=text, hold_expires_at=expires, client_timezone=zone,
            match_request_id=match_request_id,
        )]

    booking = uow.run(booking_id, decide, uow.Actor(client_id, "client"))
    return Hold(booking_id=booking.booking_id, partner_id=booking.partner_id,
                start=booking.start, end=booking.end, hold_expires_at=booking.hold_expires_at,
                price=booking.price, client_id=booking.client_id, status=booking.status.value)


# --- expiry -------------------------------------------------------------------------------


def _stale_booking_ids(now: datetime) -> list[str]:
    with db.reading() as session:
        open_views = session.exec(select(BookingView.booking_id).where(
            BookingView.status.in_(_OPEN_LABELS),  # type: ignore[attr-defined]
            BookingView.hold_expires_at <= now,  # type: ignore[operator]
        )).all()
        lapsed = session.exec(select(SlotReservation.booking_id).where(
            SlotReservation.expires_at.is_not(None),  # type: ignore[union-attr]
            SlotReservation.expires_at <= now,  # type: ignore[operator]
        )).all()
    return sorted(set(open_views) | set(lapsed))


def _drop_reservation(session: Session, booking_id: str) -> None:
    session.exec(delete(SlotReservation).where(  # type: ignore[call-overload]
        SlotReservation.booking_id == booking_id))


class _Orphan(Exception):
    """A reservation without a booking stream (written by hand, or a half-restored backup)."""


def _expire_one(booking_id: str, at: datetime) -> bool:
    """Expire one booking's hold if it is still open and stale; True if it was expired."""
    outcome = {"expired": False}

    def decide(state: bk.Booking | None, session: Session) -> list[ev.Event]:
        outcome["expired"] = False  # uow may call us again after a concurrent append
        if state is None:
            raise _Orphan(booking_id)
        if state.status in bk.OPEN and state.hold_expires_at <= at:
            _drop_reservation(session, booking_id)
            outcome["expired"] = True
            return [ev.HoldExpired(expired_at=at)]
        if state.status not in bk.LIVE:
            _drop_reservation(session, booking_id)
        elif state.status not in bk.OPEN:
            # Paid for, yet its reservation lapses: the payment code should have cleared
            # expires_at. Nobody else can have the slot while this row exists, so keep it
            # for good rather than let a paid session be double-booked.
            log.warning("booking %s is %s but its slot reservation had lapsed; keeping it",
                        booking_id, state.status)
            row = session.exec(select(SlotReservation).where(
                SlotReservation.booking_id == booking_id)).first()
            if row is not None:
                row.expires_at = None
                session.add(row)
        return []

    try:
        uow.run(booking_id, decide, uow.Actor.system())
    except _Orphan:
        with db.transaction() as session:
            _drop_reservation(session, booking_id)
        return False
    except bk.BookingError:
        return False  # it moved on between our read and the append; nothing to expire
    return outcome["expired"]


def release_hold(booking_id: str, client_id: str) -> None:
    """The client lets go of a hold before paying: the slot is free again at once."""

    def decide(state: bk.Booking | None, session: Session) -> list[ev.Event]:
        if state is None or state.client_id != client_id:
            raise SlotUnavailable("We cannot find this booking.")
        if state.status not in bk.OPEN:
            return []
        _drop_reservation(session, booking_id)
        return [ev.BookingCancelled(cancelled_by="client", reason="released before payment",
                                    refund_amount=0, cancelled_at=clock.now())]

    uow.run(booking_id, decide, uow.Actor(client_id, "client"))


def expire_holds(now: datetime | None = None) -> int:
    """Expire every hold past its time: append HoldExpired and free the slot.

    Returns how many bookings were expired. A booking that moved on meanwhile (paid,
    cancelled) keeps its reservation while it is live.
    """
    at = _now(now)
    return sum(_expire_one(booking_id, at) for booking_id in _stale_booking_ids(at))
