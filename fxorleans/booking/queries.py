"""Read-side queries over the projections, already filtered by who may see what."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlmodel import col, select

from fxorleans.store import db
from fxorleans.store.tables import BookingView, PartnerRow, User


@dataclass(frozen=True)
class BookingSummary:
    booking_id: str
    client_name: str
    partner_id: str
    partner_name: str
    start: datetime
    end: datetime
    status: str
    amount: int
    currency: str
    meeting_url: str | None


def _summaries(where: sa.ColumnElement[bool] | None, limit: int = 200) -> list[BookingSummary]:
    with db.reading() as session:
        query = (select(BookingView, PartnerRow.first_name, PartnerRow.last_name, User.name)
                 .join(PartnerRow, col(PartnerRow.id) == BookingView.partner_id, isouter=True)
                 .join(User, col(User.id) == BookingView.client_id, isouter=True)
                 .order_by(col(BookingView.start).desc()).limit(limit))
        if where is not None:
            query = query.where(where)
        return [
            BookingSummary(b.booking_id, client or "", b.partner_id,
                           f"{first or ''} {last or ''}".strip() or b.partner_id, b.start, b.end,
                           b.status, b.amount, b.currency, b.meeting_url)
            for b, first, last, client in session.exec(query).all()
        ]


def bookings_of_client(client_id: str) -> list[BookingSummary]:
    return _summaries(col(BookingView.client_id) == client_id)


def sessions_of_partner(partner_id: str) -> list[BookingSummary]:
    return _summaries(col(BookingView.partner_id) == partner_id)


def all_bookings() -> list[BookingSummary]:
    return _summaries(None)


@dataclass(frozen=True)
class BookingDetail:
    booking_id: str
    client_id: str
    partner_id: str
    partner_name: str
    partner_title: str
    start: datetime
    end: datetime
    status: str
    amount: int
    currency: str
    problem: str
    client_timezone: str
    hold_expires_at: datetime
    meeting_url: str | None


def booking_detail(booking_id: str) -> BookingDetail | None:
    """One booking; callers check that the caller may see it."""
    with db.reading() as session:
        row = session.exec(
            select(BookingView, PartnerRow)
            .join(PartnerRow, col(PartnerRow.id) == BookingView.partner_id, isouter=True)
            .where(BookingView.booking_id == booking_id)
        ).first()
        if row is None:
            return None
        b, p = row
        return BookingDetail(
            b.booking_id, b.client_id, b.partner_id,
            f"{p.first_name} {p.last_name}" if p else b.partner_id, p.title if p else "",
            b.start, b.end, b.status, b.amount, b.currency, b.problem, b.client_timezone,
            b.hold_expires_at, b.meeting_url,
        )
