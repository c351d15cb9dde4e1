"""The booking state machine: folds events, rejects illegal transitions by name."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from fxorleans.domain import events as ev
from fxorleans.domain.booking_errors import (  # noqa: F401 - re-exported as bk.*
    AlreadyCancelled,
    AlreadyCaptured,
    AlreadyCompleted,
    AlreadyRated,
    AlreadyRequested,
    BookingError,
    CannotCancel,
    CaptureBeforeCompletion,
    CaptureExceedsAuthorized,
    CompletedTooEarly,
    HoldNotLive,
    NotAuthorized,
    NotRequested,
    PaymentNotAllowed,
    ProblemPending,
    RefundExceedsCaptured,
    ReleaseExceedsAuthorized,
)
from fxorleans.domain.booking_state import LIVE, OPEN, Booking, Status  # noqa: F401 - bk.*
from fxorleans.domain.money import Money


def _start(e: ev.ConsultationRequested) -> Booking:
    return Booking(
        booking_id=e.booking_id,
        client_id=e.client_id,
        partner_id=e.partner_id,
        start=e.start,
        end=e.end,
        price=Money(e.amount, e.currency),
        problem=e.problem,
        hold_expires_at=e.hold_expires_at,
        client_timezone=e.client_timezone,
        status=Status.HELD,
        match_request_id=e.match_request_id,
        client_address=e.client_address,
    )


def apply(b: Booking | None, e: ev.Event) -> Booking:
    """The booking after `e`; raises a BookingError subclass if `e` is illegal now."""
    if isinstance(e, ev.ConsultationRequested):
        if b is not None:
            raise AlreadyRequested(f"booking {e.booking_id} already exists")
        return _start(e)
    if b is None:
        raise NotRequested(f"{e.type} before ConsultationRequested")
    nxt = _apply(b, e)
    return replace(nxt, version=b.version + 1)


def _apply(b: Booking, e: ev.Event) -> Booking:  # noqa: C901 - one branch per event reads best
    match e:
        case ev.CancellationPolicyAccepted():
            if b.status not in OPEN:
                raise PaymentNotAllowed(f"cannot accept the policy of a {b.status} booking")
            return replace(b, policy_accepted_at=e.accepted_at,
                           accepted_policy=tuple((int(h), int(p)) for h, p in e.policy))
        case ev.PaymentFailed():
            if b.status not in OPEN:
                raise PaymentNotAllowed(f"payment failure on a {b.status} booking")
            return replace(b, status=Status.AWAITING_PAYMENT, intent_id=e.intent_id,
                           last_error=e.message, failed_attempts=b.failed_attempts + 1,
                           last_failed_charge=e.charge_id)
        case ev.PaymentAuthorized():
            if b.status not in OPEN:
                raise PaymentNotAllowed(f"cannot authorize a {b.status} booking")
            if (e.amount, e.currency) != (b.price.amount, b.price.currency):
                raise PaymentNotAllowed("authorized amount differs from the booking's price")
            return replace(b, status=Status.CONFIRMED, intent_id=e.intent_id, authorized=e.amount,
                           authorized_at=e.authorized_at, capture_before=e.capture_before,
                           last_error=None, customer_id=e.customer_id,
                           payment_method_id=e.payment_method_id)
        case ev.PaymentReauthorized():
            if b.status not in (Status.CONFIRMED, Status.COMPLETED) or b.captured:
                raise NotAuthorized(f"cannot re-authorize a {b.status} booking")
            if e.previous_intent_id != b.intent_id:
                raise NotAuthorized("the replaced authorization is not the booking's own")
            return replace(b, intent_id=e.intent_id, authorized_at=e.authorized_at,
                           capture_before=e.capture_before)
        case ev.ConsultationScheduled():
            if b.status != Status.CONFIRMED:
                raise NotAuthorized(f"cannot schedule a {b.status} booking")
            return replace(b, meeting_url=e.meeting_url, calendar_event_id=e.calendar_event_id)
        case ev.ConsultationConfirmed():
            if b.status != Status.CONFIRMED:
                raise NotAuthorized(f"cannot confirm a {b.status} booking")
            return replace(b, confirmed_at=e.confirmed_at)
        case ev.SessionCompleted():
            if b.status == Status.COMPLETED or b.completed_at is not None:
                raise AlreadyCompleted("the session was already confirmed as completed")
            if b.status == Status.PROBLEM:
                raise ProblemPending("a problem was reported: an admin decides")
            if b.status != Status.CONFIRMED:
                raise NotAuthorized(f"cannot complete a {b.status} booking")
            if e.completed_at < b.end:
                raise CompletedTooEarly("a session can be completed only after it ends")
            return replace(b, status=Status.COMPLETED, completed_at=e.completed_at)
        case ev.PaymentCaptured():
            return _captured(b, e)
        case ev.BookingCancelled():
            if b.status in (Status.CANCELLED, Status.REFUNDED, Status.EXPIRED):
                raise AlreadyCancelled(f"the booking is already {b.status}")
            if b.status == Status.PAID or b.captured or (
                    b.status == Status.COMPLETED and e.cancelled_by != "admin"):
                raise CannotCancel("a completed session cannot be cancelled; refund it instead")
            if e.refund_amount > b.authorized:
                raise RefundExceedsCaptured("refund exceeds the authorized amount")
            return replace(b, status=Status.CANCELLED, cancelled_at=e.cancelled_at,
                           cancelled_by=e.cancelled_by, cancel_refund=e.refund_amount,
                           cancel_reason=e.reason)
        case ev.AuthorizationReleased():
            if b.status != Status.CANCELLED:
                raise NotAuthorized("an authorization is released only after a cancellation")
            if b.captured or e.amount + b.released > b.authorized:
                raise ReleaseExceedsAuthorized("release exceeds the uncaptured authorization")
            released = b.released + e.amount
            status = Status.REFUNDED if released + b.captured == b.authorized else b.status
            return replace(b, released=released, status=status)
        case ev.RefundRequested():
            if b.captured == 0:
                raise RefundExceedsCaptured("nothing was captured, so nothing can be refunded")
            if e.amount <= 0 or b.refund_requested + e.amount > b.captured:
                raise RefundExceedsCaptured(
                    f"refund of {e.amount} exceeds the {b.captured - b.refund_requested} left")
            if e.sequence != b.refund_requests + 1:
                raise RefundExceedsCaptured("refund requests are numbered one after another")
            return replace(b, refund_requested=b.refund_requested + e.amount,
                           refund_requests=e.sequence)
        case ev.PaymentRefunded():
            if b.captured == 0:
                raise RefundExceedsCaptured("nothing was captured, so nothing can be refunded")
            if e.amount <= 0 or b.refunded + e.amount > b.captured:
                raise RefundExceedsCaptured(
                    f"refund of {e.amount} exceeds the {b.captured - b.refunded} left")
            if e.sequence and e.sequence in b.refunds_done:
                raise RefundExceedsCaptured(f"refund request {e.sequence} was already refunded")
            return replace(b, refunded=b.refunded + e.amount, refunded_at=e.refunded_at,
                           status=Status.REFUNDED,
                           refunds_done=(*b.refunds_done, e.sequence) if e.sequence
                           else b.refunds_done)
        case ev.PaymentStarted():
            if b.status not in OPEN:
                raise PaymentNotAllowed(f"cannot start paying for a {b.status} booking")
            return replace(b, intent_id=e.intent_id)
        case ev.ClientNoShowMarked():
            if b.status != Status.CONFIRMED:
                raise NotAuthorized(f"cannot mark a no-show on a {b.status} booking")
            if e.marked_at < b.start:
                raise CompletedTooEarly("a no-show can be marked only after the start")
            if not 0 <= e.refund_amount <= b.authorized:
                raise RefundExceedsCaptured("the no-show refund exceeds the authorization")
            return replace(b, status=Status.COMPLETED, completed_at=e.marked_at, no_show=True,
                           no_show_refund=e.refund_amount)
        case ev.ProblemReported():
            if b.status not in (Status.CONFIRMED, Status.COMPLETED) or b.captured:
                raise NotAuthorized(f"cannot report a problem on a {b.status} booking")
            return replace(b, status=Status.PROBLEM, problem_reported_at=e.reported_at,
                           problem_text=e.text)
        case ev.ProblemResolved():
            if b.status != Status.PROBLEM:
                raise NotAuthorized(f"no problem is open on a {b.status} booking")
            if e.outcome == "capture":
                return replace(b, status=Status.COMPLETED,
                               completed_at=b.completed_at or e.resolved_at)
            return b  # the admin's cancellation, in the same decision, settles the money
        case ev.PaymentJobDismissed():
            return replace(b, flag=f"{e.kind}: {e.reason}")
        case ev.CaptureOrdered():
            if b.captured or b.status not in (Status.CONFIRMED, Status.COMPLETED):
                raise NotAuthorized(f"nothing held to capture on a {b.status} booking")
            if e.ordered_at < b.end:
                raise CompletedTooEarly("a session is captured only after it ends")
            return replace(b, status=Status.COMPLETED, completed_at=b.completed_at or e.ordered_at)
        case ev.AuthorizationLapsing():
            return replace(b, flag=b.flag or "Authorization lapses soon: nothing captured")
        case ev.DisputeOpened():
            return replace(b, flag=f"Disputed: {e.reason}", dispute_id=e.dispute_id,
                           dispute_status=e.status, dispute_reason=e.reason,
                           dispute_amount=e.amount, dispute_due_by=e.evidence_due_by)
        case ev.DisputeClosed():
            return replace(b, dispute_status=e.status)
        case ev.FlagResolved():
            if not b.flag:
                raise NotAuthorized("the booking is not flagged")
            return replace(b, flag="")
        case ev.SessionRated():
            if b.rating is not None:
                raise AlreadyRated("the session was already rated")
            if b.completed_at is None or b.no_show or not 1 <= e.stars <= 5:
                raise NotAuthorized("only a session that took place is rated, 1 to 5 stars")
            return replace(b, rating=e.stars, rating_comment=e.comment)
        case ev.HoldExpired():
            if b.status not in OPEN:
                raise HoldNotLive(f"a {b.status} booking has no hold to expire")
            return replace(b, status=Status.EXPIRED)
    raise BookingError(f"unknown event {e.type}")


def _captured(b: Booking, e: ev.PaymentCaptured) -> Booking:
    if b.captured:
        raise AlreadyCaptured("the payment was already captured")
    if e.partner_share + e.platform_share != e.amount:
        raise CaptureExceedsAuthorized("shares do not add up to the captured amount")
    if b.status == Status.CANCELLED:
        # A partial refund of an uncaptured payment captures only the retained part.
        retained = b.authorized - b.cancel_refund
        if e.amount != retained:
            raise CaptureExceedsAuthorized(f"after cancellation only {retained} may be captured")
        released = b.authorized - e.amount
        return replace(b, captured=e.amount, captured_at=e.captured_at, released=released,
                       status=Status.REFUNDED if released else b.status)
    if b.status != Status.COMPLETED:
        raise CaptureBeforeCompletion("capture is allowed only after the session is completed")
    if e.amount > b.authorized - b.no_show_refund or e.amount <= 0:
        raise CaptureExceedsAuthorized(f"cannot capture {e.amount} of {b.authorized}")
    return replace(b, status=Status.PAID, captured=e.amount, captured_at=e.captured_at,
                   released=b.authorized - e.amount)


def fold(events: list[ev.Event]) -> Booking:
    b: Booking | None = None
    for e in events:
        b = apply(b, e)
    if b is None:
        raise NotRequested("empty stream")
    return b


def is_hold_live(b: Booking, now: datetime) -> bool:
    return b.status in OPEN and now < b.hold_expires_at
