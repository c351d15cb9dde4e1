"""What an admin decides on a booking that waits for one: a reported problem. Pure.

Capturing as it stands completes the session and captures at once; refunding part or all
is a cancellation by the admin, settled like any other (cancel the authorization for a full
refund, capture only the retained part for a partial one).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from fxorleans.domain import booking as bk
from fxorleans.domain import events as ev
from fxorleans.domain import jobs
from fxorleans.domain.decision import Decision, accept, refuse

NOT_FOUND = "We cannot find this booking."
NO_PROBLEM = "No problem is open on this booking."
NO_REASON = "Say why: the reason is kept with the decision."


def resolve(b: bk.Booking | None, admin_id: str, refund: int, reason: str, now: datetime
            ) -> Decision:
    """Refund `refund` minor units of a booking with a reported problem (0: capture all)."""
    if b is None:
        return refuse(NOT_FOUND)
    if b.status != bk.Status.PROBLEM:
        return refuse(NO_PROBLEM)
    reason = reason.strip()[:500]
    if not reason:
        return refuse(NO_REASON)
    if not 0 <= refund <= b.authorized:
        return refuse(f"Refund between {b.money(0).format()} and "
                      f"{b.money(b.authorized).format()}.")
    if refund == 0:
        return accept(ev.ProblemResolved(outcome="capture", reason=reason, resolved_by=admin_id,
                                         resolved_at=now),
                      jobs=(jobs.capture(b.booking_id, timedelta(0)),))
    return accept(
        ev.ProblemResolved(outcome="refund", reason=reason, resolved_by=admin_id,
                           resolved_at=now),
        ev.BookingCancelled(cancelled_by="admin", reason=reason, refund_amount=refund,
                            cancelled_at=now),
        jobs=(jobs.settle(b.booking_id), jobs.notify_cancelled(b.booking_id)))


PAYMENT_KINDS = frozenset({jobs.CAPTURE, jobs.SETTLE, jobs.REFUND, jobs.RELEASE,
                           jobs.REAUTHORIZE, jobs.UNCOVERED, jobs.DEADLINE})
NOT_FLAGGED = "This booking is not flagged."


def job_dismissed(b: bk.Booking | None, kind: str, admin_id: str, reason: str, now: datetime
                  ) -> Decision:
    """A dismissed payment job leaves its booking flagged: money may be where it should not."""
    if b is None or kind not in PAYMENT_KINDS:
        return Decision()
    return accept(ev.PaymentJobDismissed(kind=kind, reason=reason, dismissed_by=admin_id,
                                         dismissed_at=now))


def resolve_flag(b: bk.Booking | None, admin_id: str, reason: str, now: datetime) -> Decision:
    if b is None:
        return refuse(NOT_FOUND)
    if not b.flag:
        return refuse(NOT_FLAGGED)
    reason = reason.strip()[:500]
    if not reason:
        return refuse(NO_REASON)
    return accept(ev.FlagResolved(reason=reason, resolved_by=admin_id, resolved_at=now))
