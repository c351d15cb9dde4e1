"""Read-side queries over the projections, already filtered by who may see what."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import sqlalchemy as sa
from sqlmodel import col, select

from fxorleans.domain.availability import load_zone
from fxorleans.domain.money import Money, split
from fxorleans.store import db
from fxorleans.store.tables import BookingView, PartnerRow, PaymentView, User


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
    problem: str = ""
    rating: int | None = None
    rating_comment: str = ""
    completed_at: datetime | None = None
    no_show: bool = False
    problem_reported_at: datetime | None = None
    refund_amount: int = 0  # what a cancellation promised back


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
                           b.status, b.amount, b.currency, b.meeting_url, b.problem, b.rating,
                           b.rating_comment or "", b.completed_at, b.no_show,
                           b.problem_reported_at, b.refund_amount)
            for b, first, last, client in session.exec(query).all()
        ]


@dataclass(frozen=True)
class BookingFilter:
    """The admin list's search: every field optional."""

    status: str = ""  # a status label ("Paid"), or "" for all
    text: str = ""  # part of the client's or partner's name or e-mail, or of the booking id
    since: datetime | None = None  # sessions starting at or after
    until: datetime | None = None  # sessions starting before


def _like(text: str) -> str:
    escaped = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def search_bookings(f: BookingFilter, limit: int = 200) -> list[BookingSummary]:
    """Every booking matching `f`, newest session first (for admins only)."""
    where: list[sa.ColumnElement[bool]] = []
    if f.status:
        where.append(col(BookingView.status) == f.status)
    if f.text.strip():
        pattern = _like(f.text.strip())
        partner = sa.func.lower(PartnerRow.first_name + " " + PartnerRow.last_name)
        where.append(sa.or_(*(sa.func.lower(c).like(pattern, escape="\\") for c in (
            col(User.name), col(User.email), col(PartnerRow.email), col(BookingView.booking_id),
            col(BookingView.partner_id))), partner.like(pattern, escape="\\")))
    if f.since is not None:
        where.append(col(BookingView.start) >= f.since)
    if f.until is not None:
        where.append(col(BookingView.start) < f.until)
    return _summaries(sa.and_(*where) if where else None, limit)


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


def partner_zone(partner_id: str) -> str:
    """The zone the partner works in (their profile's), UTC when unknown."""
    with db.reading() as session:
        row = session.get(PartnerRow, partner_id)
        return row.timezone if row and row.timezone else "UTC"


@dataclass(frozen=True)
class Earnings:
    """The partner's own share, per currency: captured this month, in total, and the share
    of authorizations not captured yet."""

    this_month: tuple[Money, ...]
    total: tuple[Money, ...]
    pending: tuple[Money, ...]


def _month_bounds(now: datetime, tz: str) -> tuple[datetime, datetime]:
    """The calendar month holding `now` in `tz`, as UTC instants [start, end)."""
    zone = load_zone(tz)
    local = now.astimezone(zone)
    start = datetime(local.year, local.month, 1, tzinfo=zone)
    nxt = datetime(local.year + local.month // 12, local.month % 12 + 1, 1, tzinfo=zone)
    return start.astimezone(UTC), nxt.astimezone(UTC)


def _sums(items: list[Money]) -> tuple[Money, ...]:
    totals: dict[str, Money] = {}
    for m in items:
        totals[m.currency] = totals[m.currency] + m if m.currency in totals else m
    return tuple(totals[c] for c in sorted(totals))


def partner_earnings(partner_id: str, tz: str, now: datetime) -> Earnings:
    """From the payment projection: what the provider captured (net of refunds) is split
    80/20 there; a pending authorization is shown as the share it would bring."""
    start, end = _month_bounds(now, tz)
    with db.reading() as session:
        rows = session.exec(select(PaymentView)
                            .where(col(PaymentView.partner_id) == partner_id)).all()
    captured = [r for r in rows if r.captured_amount > 0]
    month = [r for r in captured if r.captured_at is not None and start <= r.captured_at < end]
    pending = [r for r in rows
               if r.status == "authorized" and r.authorized_amount > 0 and r.captured_amount == 0]
    return Earnings(
        this_month=_sums([Money(r.partner_share, r.currency) for r in month]),
        total=_sums([Money(r.partner_share, r.currency) for r in captured]),
        pending=_sums([split(Money(r.authorized_amount, r.currency)).partner for r in pending]),
    )
