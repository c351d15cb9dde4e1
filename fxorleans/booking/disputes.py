"""A dispute the client's bank opened or closed, from the provider's webhook: the booking is
flagged and the admins told (`domain.desk.disputed`)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from fxorleans import clock
from fxorleans.booking import uow
from fxorleans.domain import desk

OPENED = "charge.dispute.created"
CLOSED = "charge.dispute.closed"
TYPES = frozenset({OPENED, CLOSED})


def _dispute(obj: dict[str, Any]) -> desk.Dispute:
    due = (obj.get("evidence_details") or {}).get("due_by")
    return desk.Dispute(
        dispute_id=str(obj.get("id", "")), amount=int(obj.get("amount") or 0),
        reason=str(obj.get("reason") or "unknown"), status=str(obj.get("status") or ""),
        evidence_due_by=datetime.fromtimestamp(int(due), UTC) if due else None)


def record(event_type: str, booking_id: str, obj: dict[str, Any]) -> None:
    """Fold one dispute event into its booking; a repeat changes nothing."""
    dispute = _dispute(obj)
    decide = desk.disputed if event_type == OPENED else desk.dispute_closed
    uow.run(booking_id, lambda b, _s: decide(b, dispute, clock.now()),
            uow.Actor("stripe", "system"))
