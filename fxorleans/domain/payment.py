"""Payment decisions: what an intent's state means for a booking, and when to authorize again.

Pure: the application layer reads the intent back from the provider (never from the
browser), loads the booking and the facts, and commits what these functions return.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from fxorleans.domain import booking as bk
from fxorleans.domain import events as ev
from fxorleans.domain import jobs
from fxorleans.domain.decision import NOTHING, Decision, accept, refuse

# Declines allowed on one booking before it is closed: card testers try card after card.
MAX_DECLINES = 5

NOT_FOUND = "We cannot find this booking."
NOT_THIS_BOOKING = "This payment does not belong to this booking."
WRONG_AMOUNT = "The authorized amount does not match the price. It was released."
EXPIRED_HOLD = ("Your hold on this time expired before the payment went through. Nothing was "
                "charged. Please pick a time again.")
POLICY_FIRST = "Please accept the cancellation policy first. Nothing was charged."
TOO_MANY_DECLINES = ("This booking was closed after several declined cards, and nothing was "
                     "charged. Please check with your bank, then pick a time again.")


@dataclass(frozen=True)
class Intent:
    """What the provider says of one payment intent, as read back by the server."""

    intent_id: str
    status: str  # requires_payment_method | requires_capture | canceled | ...
    amount: int
    currency: str
    booking_id: str  # from the intent's metadata
    capture_before: datetime | None = None
    customer_id: str = ""
    payment_method_id: str = ""
    latest_charge_id: str = ""
    error_code: str = ""
    error_message: str = ""  # set when the last attempt failed
    cancellation_reason: str = ""


@dataclass(frozen=True)
class AuthorizationTerms:
    window: timedelta  # a later session is authorized again closer to it
    reauthorize_lead: timedelta  # how long before the session that happens
    # A session still uncovered this long before its start is cancelled.
    uncovered_lead: timedelta = timedelta(hours=24)


def beyond_window(b: bk.Booking, now: datetime, terms: AuthorizationTerms) -> bool:
    """A card authorization lasts 7 days: a later session needs a fresh one closer to it."""
    return b.start - now > terms.window


def reauthorize_at(b: bk.Booking, terms: AuthorizationTerms) -> datetime:
    return b.start - terms.reauthorize_lead


def _new_failure(b: bk.Booking, intent: Intent) -> bool:
    """Each decline leaves its own failed charge; without one, compare what was said."""
    if intent.latest_charge_id:
        return intent.latest_charge_id != b.last_failed_charge
    return (intent.intent_id, intent.error_message or None) != (b.intent_id, b.last_error)


def _authorized(b: bk.Booking, intent: Intent, now: datetime, slot_kept: bool,
                terms: AuthorizationTerms) -> Decision:
    if b.intent_id == intent.intent_id and b.is_authorized:
        return NOTHING
    release = jobs.release(b.booking_id, intent.intent_id)
    if (intent.amount, intent.currency) != (b.price.amount, b.price.currency):
        return refuse(WRONG_AMOUNT, release)
    # Late is fine while our reservation stands; once another client took the slot, the
    # money must go back.
    if b.status not in bk.OPEN or not slot_kept:
        return refuse(EXPIRED_HOLD, release)
    if b.policy_accepted_at is None:
        return refuse(POLICY_FIRST, release)
    follow_up = [jobs.schedule(b.booking_id), *_deadline(b, intent, now)]
    if beyond_window(b, now, terms) and intent.customer_id:
        follow_up += [jobs.reauthorize(b.booking_id, reauthorize_at(b, terms) - now),
                      jobs.uncovered(b.booking_id, b.start - terms.uncovered_lead - now)]
    return accept(ev.PaymentAuthorized(
        intent_id=intent.intent_id, amount=intent.amount, currency=intent.currency,
        authorized_at=now, capture_before=intent.capture_before,
        customer_id=intent.customer_id, payment_method_id=intent.payment_method_id),
        jobs=tuple(follow_up))


def _deadline(b: bk.Booking, intent: Intent, now: datetime) -> tuple[jobs.Job, ...]:
    if intent.capture_before is None:
        return ()
    due = intent.capture_before - jobs.DEADLINE_WARNING
    return (jobs.deadline(b.booking_id, intent.intent_id, due - now),)


def _failed(b: bk.Booking, intent: Intent, now: datetime) -> Decision:
    if b.status not in bk.OPEN or not _new_failure(b, intent):
        return NOTHING
    failed = ev.PaymentFailed(intent_id=intent.intent_id, code=intent.error_code,
                              message=intent.error_message, failed_at=now,
                              charge_id=intent.latest_charge_id)
    if b.failed_attempts + 1 < MAX_DECLINES:
        return accept(failed)
    closed = ev.BookingCancelled(cancelled_by="system", reason="too many declines",
                                 refund_amount=0, cancelled_at=now)
    return Decision((failed, closed), (jobs.release(b.booking_id, intent.intent_id),),
                    TOO_MANY_DECLINES)


def _covered_by_a_scheduled_authorization(b: bk.Booking, intent: Intent, now: datetime,
                                           terms: AuthorizationTerms) -> bool:
    """An authorization that lapses while the saved card waits for its scheduled off-session
    authorization is expected: the booking stays covered."""
    return intent.cancellation_reason == "expired" and bool(b.customer_id) and \
        bool(b.payment_method_id) and now < reauthorize_at(b, terms)


def _cancelled(b: bk.Booking, intent: Intent, now: datetime, terms: AuthorizationTerms
               ) -> Decision:
    if b.status == bk.Status.CANCELLED and b.authorized and not b.captured \
            and b.released < b.authorized:
        return accept(ev.AuthorizationReleased(b.authorized - b.released, now))
    if b.status == bk.Status.CONFIRMED and \
            not _covered_by_a_scheduled_authorization(b, intent, now, terms):
        reason = intent.cancellation_reason or "no reason"
        return Decision(jobs=(jobs.alert(
            b.booking_id, f"{intent.intent_id}-canceled",
            f"The card authorization {intent.intent_id} of a confirmed booking was cancelled "
            f"by Stripe ({reason}). The session is not paid for: contact the client."),))
    return NOTHING


def reconcile(b: bk.Booking | None, intent: Intent, now: datetime, *, slot_kept: bool,
              terms: AuthorizationTerms) -> Decision:
    """Fold what the provider says about an intent into the booking. Idempotent.

    `slot_kept`: the booking's slot reservation still stands (nobody took the slot over).
    """
    if b is None:
        return refuse(NOT_FOUND)
    if intent.booking_id != b.booking_id:
        return refuse(NOT_THIS_BOOKING)
    if b.is_authorized and intent.intent_id != b.intent_id:
        return NOTHING  # an authorization this booking replaced: history
    if intent.status == "requires_capture":
        return _authorized(b, intent, now, slot_kept, terms)
    if intent.status == "requires_payment_method" and intent.error_message:
        return _failed(b, intent, now)
    if intent.status == "canceled":
        return _cancelled(b, intent, now, terms)
    return NOTHING


def needs_reauthorization(b: bk.Booking | None) -> bool:
    """Still waiting for its session with an authorization that will lapse before it."""
    return b is not None and b.status == bk.Status.CONFIRMED and not b.captured


def reauthorized(b: bk.Booking | None, previous_intent_id: str, intent: Intent,
                 now: datetime) -> Decision:
    """The fresh authorization replaces the old one, which is then released."""
    if b is None or b.intent_id != previous_intent_id or not needs_reauthorization(b):
        # Moved on meanwhile: the new authorization is not needed either.
        return Decision(jobs=(jobs.release(b.booking_id, intent.intent_id),)) if b else NOTHING
    return accept(
        ev.PaymentReauthorized(intent_id=intent.intent_id, previous_intent_id=previous_intent_id,
                               authorized_at=now, capture_before=intent.capture_before),
        jobs=(jobs.release(b.booking_id, previous_intent_id), *_deadline(b, intent, now)))


def accept_policy(b: bk.Booking | None, client_id: str, policy: tuple[tuple[int, int], ...],
                  now: datetime) -> Decision:
    """The client accepted the cancellation policy shown with the payment form."""
    if b is None or b.client_id != client_id:
        return refuse(NOT_FOUND)
    if b.policy_accepted_at is not None:
        return NOTHING
    return accept(ev.CancellationPolicyAccepted(policy=[list(row) for row in policy],
                                                accepted_at=now))


def started(b: bk.Booking | None, intent_id: str, now: datetime) -> Decision:
    """The intent created for this booking, recorded once (a retry reuses the same one)."""
    if b is None or b.status not in bk.OPEN or b.intent_id == intent_id:
        return NOTHING
    if b.intent_id and b.is_authorized:
        return NOTHING
    return accept(ev.PaymentStarted(intent_id=intent_id, started_at=now))


UNCOVERED_REASON = "the card could not be authorized again before the session"


def cancel_uncovered(b: bk.Booking | None, now: datetime) -> Decision:
    """The session is near and no live authorization covers it (the off-session one failed):
    cancel it, release whatever is left, and tell both sides."""
    if b is None or b.status != bk.Status.CONFIRMED or b.captured:
        return NOTHING
    if b.capture_before is not None and b.capture_before >= b.end:
        return NOTHING  # covered (the fresh authorization went through)
    return accept(ev.BookingCancelled(cancelled_by="system", reason=UNCOVERED_REASON,
                                      refund_amount=b.authorized, cancelled_at=now),
                  jobs=(jobs.settle(b.booking_id), jobs.cancel_meeting(b.booking_id),
                        jobs.notify_cancelled(b.booking_id)))
