"""What the provider's record of an intent says our books may have missed. Pure.

The folding of an intent into its booking (a lost webhook, an authorization that a booking
that moved on must not keep) is `domain.payment.reconcile`, reused as it is; this module adds
what that one cannot see: an authorization whose booking does not exist at all, and money the
provider captured that our booking does not know of.
"""

from __future__ import annotations

from fxorleans.domain import booking as bk
from fxorleans.domain import jobs
from fxorleans.domain.decision import NOTHING, Decision
from fxorleans.domain.payment import Intent

ORPHAN = "orphan"  # the booking id used for an intent whose booking does not exist


def orphan(intent: Intent) -> Decision:
    """An authorization no booking knows of (a crash between the provider and our database):
    cancel it, so nobody is charged for nothing."""
    if intent.status in ("requires_capture", "requires_confirmation", "requires_action",
                         "requires_payment_method"):
        return Decision(jobs=(jobs.release(intent.booking_id or ORPHAN, intent.intent_id),))
    return NOTHING


def disagreement(b: bk.Booking, intent: Intent, amount_received: int) -> Decision:
    """Captured money our booking does not show (or shows differently): admins look."""
    if intent.intent_id != b.intent_id or intent.status != "succeeded":
        return NOTHING
    if b.captured == amount_received:
        return NOTHING
    if b.status in (bk.Status.COMPLETED, bk.Status.CANCELLED) and not b.captured:
        return NOTHING  # our capture job is on its way and records it
    return Decision(jobs=(jobs.alert(
        b.booking_id, f"reconcile-{intent.intent_id}",
        f"Stripe shows {amount_received} captured on {intent.intent_id} for booking "
        f"{b.booking_id}; our records show {b.captured} ({b.status.value}). Check it on the "
        "desk."),))
