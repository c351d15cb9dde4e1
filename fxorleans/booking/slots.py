"""Reading a partner's slots: what is offered, what is taken, and the booking behind a hold.

A reservation (`slot_reservation`, written by the booking's projection) is live while
`expires_at` is in the future, or for good when it is NULL (paid for). A lapsed one does not
block its slot even before the worker has expired its booking: readers ignore it.

Choice made here (DESIGN.md is silent on it): a browser time zone the server does not know
falls back to UTC rather than blocking the booking; every time shown names its zone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import sqlalchemy as sa
from sqlmodel import Session, col, select

from fxorleans import clock, config
from fxorleans.domain import availability
from fxorleans.domain import booking as bk
from fxorleans.domain.money import Money
from fxorleans.domain.partners import PartnerProfile
from fxorleans.store import db
from fxorleans.store.tables import BookingView, SlotReservation


@dataclass(frozen=True)
class Hold:
    booking_id: str
    partner_id: str
    start: datetime  # aware UTC
    end: datetime
    hold_expires_at: datetime
    price: Money  # from configuration, never from the browser
    client_id: str = ""
    status: str = bk.Status.HELD.value


def price() -> Money:
    """The price of one session, decided by the server's configuration."""
    settings = config.get()
    return Money.parse(settings.consultation_price, settings.currency)


def aware_now(now: datetime | None) -> datetime:
    if now is None:
        return clock.now()
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    return now.astimezone(UTC)


def live(now: datetime) -> sa.ColumnElement[bool]:
    expires = col(SlotReservation.expires_at)
    return sa.or_(expires.is_(None), expires > now)  # NULL = paid for: it never lapses


def taken_in(session: Session, partner_id: str, now: datetime) -> list[datetime]:
    rows = session.exec(
        select(SlotReservation.start)
        .where(col(SlotReservation.partner_id) == partner_id, live(now))
        .order_by(col(SlotReservation.start))
    ).all()
    return list(rows)


def unpaid_live(now: datetime) -> sa.ColumnElement[bool]:
    """A booking still on hold (not paid, not expired): what the hold limits count."""
    return sa.and_(col(BookingView.status).in_(bk.OPEN), col(BookingView.hold_expires_at) > now)


def client_holds(session: Session, client_id: str, now: datetime) -> list[tuple[str, str]]:
    """(booking_id, partner_id) of the client's live unpaid holds."""
    rows = session.exec(
        select(BookingView.booking_id, BookingView.partner_id)
        .where(col(BookingView.client_id) == client_id, unpaid_live(now))
        .order_by(col(BookingView.booking_id))
    ).all()
    return [(booking_id, partner_id) for booking_id, partner_id in rows]


def address_holds(session: Session, address: str, now: datetime) -> int:
    """Live unpaid holds placed from this (hashed) address, by any account."""
    return session.exec(
        select(sa.func.count()).select_from(BookingView)
        .where(col(BookingView.client_address) == address, unpaid_live(now))
    ).one()


def taken_by_others(partner_id: str, client_id: str, now: datetime | None = None
                    ) -> list[datetime]:
    """The partner's taken starts, except the client's own unpaid holds: a new hold with
    this partner moves those instead of being blocked by them."""
    at = aware_now(now)
    with db.reading() as session:
        mine = select(BookingView.booking_id).where(
            col(BookingView.client_id) == client_id, unpaid_live(at))
        rows = session.exec(
            select(SlotReservation.start)
            .where(col(SlotReservation.partner_id) == partner_id, live(at),
                   col(SlotReservation.booking_id).not_in(mine))
            .order_by(col(SlotReservation.start))
        ).all()
        return list(rows)


def taken_starts(partner_id: str, now: datetime | None = None) -> list[datetime]:
    """Starts (aware UTC, ascending) of the partner's live holds and bookings."""
    with db.reading() as session:
        return taken_in(session, partner_id, aware_now(now))


def _window() -> dict[str, int]:
    """The configured booking window, as the slot maths takes it."""
    settings = config.get()
    return {"horizon_days": settings.booking_horizon_days,
            "min_notice_hours": settings.min_notice_hours,
            "session_minutes": settings.session_minutes}


def is_bookable(partner: PartnerProfile, start: datetime, now: datetime,
                taken: list[datetime]) -> bool:
    return availability.is_bookable(start, partner.hours_by_day(), partner.timezone, now,
                                    taken=taken, days_off=partner.days_off, **_window())


def available_slots(partner: PartnerProfile, now: datetime | None = None) -> list[datetime]:
    """Every start a client may hold with `partner` now; none for an inactive partner."""
    if not partner.active:
        return []
    at = aware_now(now)
    return availability.bookable_slots(partner.hours_by_day(), partner.timezone, at,
                                       taken=taken_starts(partner.id, at),
                                       days_off=partner.days_off, **_window())


def next_available(partner: PartnerProfile, now: datetime | None = None) -> datetime | None:
    slots = available_slots(partner, now)
    return slots[0] if slots else None


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
        if view is None:
            return None
        return Hold(booking_id=view.booking_id, partner_id=view.partner_id, start=view.start,
                    end=view.end, hold_expires_at=view.hold_expires_at,
                    price=Money(view.amount, view.currency), client_id=view.client_id,
                    status=view.status)
