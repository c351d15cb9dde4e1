"""Hold decisions: placing a hold on a slot, letting it go, and its expiry.

The slot itself is reserved by the booking's inline projection (one row per live booking,
unique per partner and start), so these functions only say what happened to the booking.

Holds cannot be used to squat a calendar:
- an account whose e-mail address is not verified holds one slot at a time, a verified one
  at most MAX_OPEN_HOLDS;
- a client holds one slot per partner: picking another time with the same partner moves the
  hold (the older one is released), unless the older one is already being paid for;
- one network address keeps at most `address_limit` live holds across all its accounts.
The booking flow stays as short as before: none of this asks for anything before paying.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
from dataclasses import dataclass
from datetime import datetime

from fxorleans.domain import availability, jobs
from fxorleans.domain import booking as bk
from fxorleans.domain import events as ev
from fxorleans.domain.decision import NOTHING, Decision, accept, refuse

# A verified client may hold this many unpaid slots at once, so one account cannot keep a
# partner's week blocked by re-holding every 15 minutes.
MAX_OPEN_HOLDS = 5
TAKEN = "This slot was just taken. Please pick another time."
NOT_FOUND = "We cannot find this booking."
UNVERIFIED_ONE = ("Finish or release your other booking first: unverified accounts can hold "
                  "one time at a time. Verify your e-mail address to hold more.")
PAYING_WITH_PARTNER = ("You are already paying for another time with this partner. Finish "
                       "that payment, or release it from My bookings, before picking a new time.")
ADDRESS_FULL = ("Too many times are being held from your network right now. Please finish or "
                "release a booking, or try again in a few minutes.")
RELEASED = "released before payment"
MOVED = "moved to another time"

# Used when FXO_SECRET_KEY is empty (development only: production requires a key).
DEVELOPMENT_ADDRESS_KEY = b"fxorleans development key for hold addresses"
_ADDRESS_CONTEXT = b"fxorleans hold address v1"


def _limit_reached(n: int) -> str:
    return (f"You already hold {n} unpaid slots. Pay for one or let it expire before holding "
            "another.")


@dataclass(frozen=True)
class HoldFacts:
    """What the application layer read in the transaction that places the hold."""

    open_holds: int  # the client's live unpaid holds, with every partner
    verified: bool  # the client's e-mail address is verified
    address_limit: int  # live holds one address may keep (MAX_HOLDS_PER_ADDRESS)
    with_partner: tuple[bk.Booking, ...] = ()  # the client's live unpaid holds with this partner
    taken: tuple[datetime, ...] = ()  # the partner's other live starts, ascending
    address_holds: int = 0  # live unpaid holds placed from the request's address, any account


@dataclass(frozen=True)
class HoldPlan:
    """The new booking's decision, and the client's older holds it moves away from."""

    decision: Decision
    replaces: tuple[bk.Booking, ...] = ()


def is_paying(b: bk.Booking) -> bool:
    """The client started paying (accepted the policy, tried a card) or paid: keep it."""
    return b.status != bk.Status.HELD or b.policy_accepted_at is not None


def place(b: bk.Booking | None, request: ev.ConsultationRequested, facts: HoldFacts
          ) -> HoldPlan:
    if b is not None:
        raise bk.AlreadyRequested(f"booking {request.booking_id} already exists")
    mine = [h for h in facts.with_partner if h.client_id == request.client_id]
    if any(is_paying(h) for h in mine):
        return HoldPlan(refuse(PAYING_WITH_PARTNER))
    held_elsewhere = facts.open_holds - len(mine)
    if not facts.verified and held_elsewhere >= 1:
        return HoldPlan(refuse(UNVERIFIED_ONE))
    if held_elsewhere >= MAX_OPEN_HOLDS:
        return HoldPlan(refuse(_limit_reached(MAX_OPEN_HOLDS)))
    if request.client_address is not None:
        moved_here = sum(h.client_address == request.client_address for h in mine)
        if facts.address_holds - moved_here >= facts.address_limit:
            return HoldPlan(refuse(ADDRESS_FULL))
    freed = {h.start for h in mine}
    busy = [t for t in facts.taken if t not in freed]
    if availability.clashes(request.start, request.end - request.start, busy):
        return HoldPlan(refuse(TAKEN))
    return HoldPlan(accept(request), tuple(mine))


def release(b: bk.Booking | None, client_id: str, now: datetime, reason: str = RELEASED
            ) -> Decision:
    """The client lets go of a hold before paying; a paid booking is not touched."""
    if b is None or b.client_id != client_id:
        return refuse(NOT_FOUND)
    if b.status not in bk.OPEN:
        return NOTHING
    return accept(ev.BookingCancelled(cancelled_by="client", reason=reason,
                                      refund_amount=0, cancelled_at=now),
                  jobs=_release_intent(b))


def expire(b: bk.Booking | None, now: datetime) -> Decision:
    """A hold past its time is expired; anything that moved on meanwhile is left alone."""
    if b is not None and b.status in bk.OPEN and b.hold_expires_at <= now:
        return accept(ev.HoldExpired(expired_at=now), jobs=_release_intent(b))
    return NOTHING


def _release_intent(b: bk.Booking) -> tuple[jobs.Job, ...]:
    """An unpaid hold that ends cancels the intent it started, if any: nothing may be
    authorized for it later."""
    return (jobs.release(b.booking_id, b.intent_id),) if b.intent_id else ()


# --- the address, as the log keeps it ------------------------------------------------------


def network_of(address: str) -> str | None:
    """The unit an address limit counts: an IPv4 address, an IPv6 /64 (what one subscriber
    usually gets), anything else as given; None when there is no address at all."""
    text = (address or "").strip().lower()
    if not text:
        return None
    try:
        ip = ipaddress.ip_address(text.split("%", 1)[0])
    except ValueError:
        return text
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.IPv6Network((ip, 64), strict=False))
    return str(ip)


def address_key(secret: str) -> bytes:
    """The key of the address hash, derived from FXO_SECRET_KEY for this purpose only."""
    if not secret:
        return DEVELOPMENT_ADDRESS_KEY
    return hmac.new(secret.encode(), _ADDRESS_CONTEXT, hashlib.sha256).digest()


def hashed_address(address: str, secret: str) -> str | None:
    """HMAC-SHA256 of the address's network (64 hex characters); never the address itself."""
    network = network_of(address)
    if network is None:
        return None
    return hmac.new(address_key(secret), network.encode(), hashlib.sha256).hexdigest()
