"""What an admin decides on the desk: a held authorization (capture it, release it, or keep
part), a dismissed job's flag, a dispute the bank opened. Pure.

Capturing as it stands completes the session and captures at once; refunding part or all is a
cancellation by the admin, settled like any other (cancel the authorization for a full
refund, capture only the retained part for a partial one). A decision on the money also
clears the booking's flag: it was the reason to look.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from fxorleans.domain import booking as bk
from fxorleans.domain import events as ev
from fxorleans.domain import jobs
from fxorleans.domain.decision import NOTHING, Decision, accept, refuse

NOT_FOUND = "We cannot find this booking."
NOTHING_HELD = "Nothing is held on this booking: refund what was captured instead."
NOT_ENDED = "The session has not ended: capture it afterwards, or release it now."
NO_REASON = "Say why: the reason is kept with the decision."
HELD = (bk.Status.CONFIRMED, bk.Status.COMPLETED, bk.Status.PROBLEM)


def holds(b: bk.Booking | None) -> bool:
    """Whether an authorization is held that an admin may capture or release."""
    return b is not None and b.status in HELD and b.authorized > 0 and not b.captured


def decide(b: bk.Booking | None, admin_id: str, refund: int, reason: str, now: datetime
           ) -> Decision:
    """Settle a held authorization: refund `refund` minor units of it (0 captures the
    session as it stands, the whole of it releases everything)."""
    if b is None:
        return refuse(NOT_FOUND)
    if not holds(b):
        return refuse(NOTHING_HELD)
    reason = reason.strip()[:500]
    if not reason:
        return refuse(NO_REASON)
    if not 0 <= refund <= b.authorized:
        return refuse(f"Refund between {b.money(0).format()} and "
                      f"{b.money(b.authorized).format()}.")
    problem = b.status == bk.Status.PROBLEM
    flag = (ev.FlagResolved(reason=reason, resolved_by=admin_id, resolved_at=now),) \
        if b.flag else ()
    if refund == 0:
        if now < b.end and not problem:  # a problem's capture is the admin's judgement
            return refuse(NOT_ENDED)
        decided: ev.Event = ev.ProblemResolved(
            outcome="capture", reason=reason, resolved_by=admin_id, resolved_at=now) \
            if problem else ev.CaptureOrdered(reason=reason, ordered_by=admin_id, ordered_at=now)
        # a key of its own: the first capture job may have failed or been dismissed
        return accept(decided, *flag, jobs=(jobs.capture(b.booking_id, timedelta(0),
                                                        attempt=f"desk-{b.version}"),))
    cancelled = ev.BookingCancelled(cancelled_by="admin", reason=reason, refund_amount=refund,
                                    cancelled_at=now)
    resolved = (ev.ProblemResolved(outcome="refund", reason=reason, resolved_by=admin_id,
                                   resolved_at=now),) if problem else ()
    meeting = (jobs.cancel_meeting(b.booking_id),) if now < b.start else ()
    return accept(*resolved, cancelled, *flag,
                  jobs=(jobs.settle(b.booking_id), *meeting,
                        jobs.notify_cancelled(b.booking_id)))


@dataclass(frozen=True)
class Dispute:
    """A dispute as the provider reports it."""

    dispute_id: str
    amount: int
    reason: str
    status: str
    evidence_due_by: datetime | None


def disputed(b: bk.Booking | None, d: Dispute, now: datetime) -> Decision:
    """The bank opened a dispute: the booking is flagged "Disputed" and every admin told."""
    if b is None or b.dispute_id == d.dispute_id:
        return NOTHING
    due = f" Evidence is due by {d.evidence_due_by:%Y-%m-%d %H:%M} UTC." \
        if d.evidence_due_by else ""
    return accept(
        ev.DisputeOpened(dispute_id=d.dispute_id, amount=d.amount, reason=d.reason,
                         status=d.status, evidence_due_by=d.evidence_due_by, opened_at=now),
        jobs=(jobs.alert(b.booking_id, f"dispute-{d.dispute_id}",
                         f"The client's bank disputes {b.money(d.amount).format()} of booking "
                         f"{b.booking_id} ({d.reason}).{due} The evidence is on the booking's "
                         "desk page."),))


def dispute_closed(b: bk.Booking | None, d: Dispute, now: datetime) -> Decision:
    if b is None or b.dispute_id != d.dispute_id or b.dispute_status == d.status:
        return NOTHING
    return accept(ev.DisputeClosed(dispute_id=d.dispute_id, status=d.status, closed_at=now))


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
