"""The two people behind a booking, as the jobs and e-mails need them."""

from __future__ import annotations

from fxorleans.booking import outbox
from fxorleans.domain import booking as bk
from fxorleans.store import db
from fxorleans.store.tables import PartnerRow, User


def partner_name(partner_id: str) -> str:
    with db.reading() as session:
        p = session.get(PartnerRow, partner_id)
        return f"{p.first_name} {p.last_name}" if p else partner_id


def of(b: bk.Booking) -> tuple[PartnerRow, User]:
    """The booking's partner and client; a job fails for good when either is gone."""
    with db.reading() as session:
        partner = session.get(PartnerRow, b.partner_id)
        client = session.get(User, b.client_id)
    if partner is None or client is None:
        raise outbox.PermanentError(f"booking {b.booking_id}: partner or client is gone")
    return partner, client
