"""What the admin's booking page reads: the booking, its money, every event with who and when,
and the payment's live state at the provider. Callers check that the caller is an admin."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlmodel import col, select

from fxorleans import bootstrap
from fxorleans.booking import projections
from fxorleans.domain import booking as bk
from fxorleans.domain import refunding
from fxorleans.domain.money import Money
from fxorleans.store import db, eventstore
from fxorleans.store.tables import BookingView, PartnerRow, PaymentView, User

log = logging.getLogger(__name__)

SYSTEM = "system"


@dataclass(frozen=True)
class Entry:
    """One stored event: its name as stored, who appended it, when, and what it carried."""

    version: int
    name: str
    role: str  # client | partner | admin | system
    who: str  # "Avery Admin (admin@…)", or "system"
    at: datetime
    detail: str = ""  # "$200.00 · Half the hour was lost"


@dataclass(frozen=True)
class Ledger:
    """The money of one booking, in minor units of `currency`."""

    currency: str
    authorized: int
    captured: int
    refunded: int
    refundable: int  # captured less every refund asked for (done or on its way)
    status: str  # the payment projection's: authorized, captured, partially_refunded, …
    intent_id: str

    @property
    def net(self) -> int:
        return self.captured - self.refunded

    def money(self, amount: int) -> Money:
        return Money(amount, self.currency)


@dataclass(frozen=True)
class AdminBooking:
    booking_id: str
    client_name: str
    client_email: str
    partner_name: str
    start: datetime
    end: datetime
    status: str
    ledger: Ledger
    entries: tuple[Entry, ...]
    state: bk.Booking  # the folded booking: its flag, dispute, policy, meeting, completion


@dataclass(frozen=True)
class ProviderState:
    """The PaymentIntent as the provider reports it now."""

    status: str
    amount: Money
    capturable: Money
    received: Money


def _people(session: Any, stored: list[eventstore.StoredEvent]) -> dict[str, User]:
    ids = {str(s.metadata.get("actor", "")) for s in stored} - {"", SYSTEM}
    if not ids:
        return {}
    rows = session.exec(select(User).where(col(User.id).in_(ids))).all()
    return {u.id: u for u in rows}


def _who(meta: dict[str, Any], people: dict[str, User]) -> tuple[str, str]:
    """(role, name) of whoever appended an event; the worker and webhooks are "system"."""
    actor, role = str(meta.get("actor", "")), str(meta.get("role", "")) or SYSTEM
    if role == SYSTEM or not actor:
        return SYSTEM, SYSTEM
    user = people.get(actor)
    if user is None:
        return role, actor
    return role, f"{user.name} ({user.email})" if user.name else user.email


def _detail(event: Any, currency: str) -> str:
    """The amount and the reason an event carries, when it carries them."""
    parts = []
    amount = getattr(event, "amount", None)
    if isinstance(amount, int) and not isinstance(amount, bool):
        parts.append(Money(amount, currency).format())
    reason = getattr(event, "reason", None)
    if isinstance(reason, str) and reason.strip():
        parts.append(reason.strip())
    return " · ".join(parts)


def _ledger(b: bk.Booking, view: PaymentView | None) -> Ledger:
    currency = view.currency if view else b.price.currency
    if view is None:
        return Ledger(currency, 0, 0, 0, 0, "none", b.intent_id or "")
    return Ledger(currency, view.authorized_amount, view.captured_amount, view.refunded_amount,
                  max(0, refunding.refundable(b)), view.status, view.intent_id or "")


def admin_booking(booking_id: str) -> AdminBooking | None:
    """The booking with its money and its full history, or None if there is no such booking."""
    with db.reading() as session:
        stored = eventstore.read_stream(session, projections.booking_stream(booking_id))
        view = session.get(BookingView, booking_id)
        if not stored or view is None:
            return None
        payment = session.get(PaymentView, booking_id)
        partner = session.get(PartnerRow, view.partner_id)
        client = session.get(User, view.client_id)
        people = _people(session, stored)
    b = bk.fold([s.event for s in stored])
    ledger = _ledger(b, payment)
    entries = []
    for s in stored:
        role, who = _who(s.metadata, people)
        entries.append(Entry(s.version, s.event.type, role, who, s.recorded_at,
                             _detail(s.event, ledger.currency)))
    return AdminBooking(
        booking_id=view.booking_id,
        client_name=client.name if client else "",
        client_email=client.email if client else view.client_id,
        partner_name=f"{partner.first_name} {partner.last_name}" if partner else view.partner_id,
        start=view.start, end=view.end, status=view.status, ledger=ledger,
        entries=tuple(entries), state=b)


async def provider_state(intent_id: str) -> ProviderState | None:
    """The intent at the provider now, or None when it cannot be asked (shown "unavailable")."""
    if not intent_id:
        return None
    try:
        auth = await bootstrap.payments().retrieve(intent_id)
    except Exception:  # any failure of the provider only hides this panel
        log.warning("could not retrieve %s from the provider", intent_id, exc_info=True)
        return None
    return ProviderState(auth.status, auth.money, Money(auth.amount_capturable, auth.currency),
                         Money(auth.amount_received, auth.currency))
