"""Hold decisions: placing a hold on a slot, letting it go, and its expiry.

The slot itself is reserved by the booking's inline projection (one row per live booking,
unique per partner and start), so these functions only say what happened to the booking.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from fxorleans.domain import booking as bk
from fxorleans.domain import events as ev
from fxorleans.domain.decision import NOTHING, Decision, accept, refuse

# A client may hold this many unpaid slots at once, so one account cannot keep a partner's
# week blocked by re-holding every 15 minutes.
MAX_OPEN_HOLDS = 5
TAKEN = "This slot was just taken. Please pick another time."
NOT_FOUND = "We cannot find this booking."


@dataclass(frozen=True)
class HoldFacts:
    """What the application layer read in the transaction that places the hold."""

    open_holds: int  # the client's live unpaid holds
    overlapping: bool  # a live booking of the partner overlaps this hour at another start


def place(b: bk.Booking | None, request: ev.ConsultationRequested, facts: HoldFacts
          ) -> Decision:
    if b is not None:
        raise bk.AlreadyRequested(f"booking {request.booking_id} already exists")
    if facts.open_holds >= MAX_OPEN_HOLDS:
        return refuse(f"You already hold {MAX_OPEN_HOLDS} unpaid slots. Pay for one or let it "
                      "expire before holding another.")
    if facts.overlapping:
        return refuse(TAKEN)
    return accept(request)


def release(b: bk.Booking | None, client_id: str, now: datetime) -> Decision:
    """The client lets go of a hold before paying; a paid booking is not touched."""
    if b is None or b.client_id != client_id:
        return refuse(NOT_FOUND)
    if b.status not in bk.OPEN:
        return NOTHING
    return accept(ev.BookingCancelled(cancelled_by="client", reason="released before payment",
                                      refund_amount=0, cancelled_at=now))


def expire(b: bk.Booking | None, now: datetime) -> Decision:
    """A hold past its time is expired; anything that moved on meanwhile is left alone."""
    if b is not None and b.status in bk.OPEN and b.hold_expires_at <= now:
        return accept(ev.HoldExpired(expired_at=now))
    return NOTHING
