"""Use cases after payment, for the pages: completion, no-show, cancellation (with its quote),
a reported problem, a rating. Each loads the booking, asks `domain.closing`, and commits; the
money itself moves in `booking.settlement`. Each returns None when done, or why it refused.

The caller's role is checked here as well as in the page state: a partner acts only on their
own sessions, a client only on their own bookings.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from fxorleans import bootstrap, clock, config
from fxorleans.accounts.users import UserDTO
from fxorleans.booking import notices, outbox, people, uow
from fxorleans.domain import booking as bk
from fxorleans.domain import closing as rules
from fxorleans.domain import desk, refunding
from fxorleans.domain.closing import Quote
from fxorleans.domain.money import Money, MoneyError

__all__ = ["Quote", "cancel", "confirm_completion", "mark_no_show", "quote_cancellation",
           "decide", "dismiss_job", "rate", "refund", "report_problem", "resolve_flag",
           "retry_job"]

FORBIDDEN = rules.NOT_FOUND  # the same answer as for a booking that does not exist


def terms(b: bk.Booking | None = None) -> rules.Terms:
    """The configured terms; the policy is the one the client accepted with the payment."""
    settings = config.get()
    policy = (b.accepted_policy if b is not None and b.accepted_policy
              else settings.refund_policy)
    return rules.Terms(capture_delay=timedelta(minutes=settings.capture_delay_minutes),
                       grace=timedelta(minutes=settings.cancel_grace_minutes), policy=policy)


def _actor(caller: UserDTO) -> uow.Actor:
    return uow.Actor(caller.id, caller.role)


def _acting_id(caller: UserDTO) -> str | None:
    """Whom the caller acts as: a partner by their partner id, others by their user id."""
    if caller.role == "partner":
        return caller.partner_id
    return caller.id if caller.role in ("client", "admin") else None


def _run(booking_id: str, caller: UserDTO, decide: Any) -> str | None:
    try:
        outcome = uow.run(booking_id, lambda b, _s: decide(b, clock.now()), _actor(caller))
    except bk.BookingError:  # moved on between the read and the decision
        return rules.ALREADY_CLOSED
    return outcome.refusal


def confirm_completion(booking_id: str, caller: UserDTO) -> str | None:
    if caller.role != "partner" or not caller.partner_id:
        return FORBIDDEN
    partner_id = caller.partner_id
    return _run(booking_id, caller,
                lambda b, now: rules.complete(b, partner_id, now, terms(b)))


def mark_no_show(booking_id: str, caller: UserDTO) -> str | None:
    if caller.role != "partner" or not caller.partner_id:
        return FORBIDDEN
    partner_id = caller.partner_id
    return _run(booking_id, caller, lambda b, now: rules.no_show(b, partner_id, now, terms(b)))


def quote_cancellation(booking_id: str, caller: UserDTO) -> Quote | str:
    acting = _acting_id(caller)
    if acting is None:
        return FORBIDDEN
    b = uow.load(booking_id)
    return rules.quote(b, caller.role, acting, clock.now(), terms(b))


def cancel(booking_id: str, caller: UserDTO, reason: str = "") -> str | None:
    """Cancel with the refund `quote_cancellation` showed; the money, the calendar and the
    e-mails follow as jobs."""
    acting = _acting_id(caller)
    if acting is None:
        return FORBIDDEN
    return _run(booking_id, caller,
                lambda b, now: rules.cancel(b, caller.role, acting, reason, now, terms(b)))


def report_problem(booking_id: str, caller: UserDTO, text: str) -> str | None:
    if caller.role != "client":
        return FORBIDDEN
    return _run(booking_id, caller,
                lambda b, now: rules.report_problem(b, caller.id, text, now))


def rate(booking_id: str, caller: UserDTO, stars: int, comment: str) -> str | None:
    if caller.role != "client":
        return FORBIDDEN
    return _run(booking_id, caller,
                lambda b, now: rules.rate(b, caller.id, stars, comment, now))


def _admin_amount(booking_id: str, caller: UserDTO, text: str) -> int | str:
    """An admin's amount in the booking's currency units ("200.00"), in minor units; a str
    says why not."""
    if caller.role != "admin":
        return FORBIDDEN
    b = uow.load(booking_id)
    if b is None:
        return FORBIDDEN
    try:
        return Money.parse(text, b.price.currency).amount
    except MoneyError:
        return f"Enter an amount such as 200.00 ({b.price.currency})."


def refund(booking_id: str, caller: UserDTO, amount: str, reason: str) -> str | None:
    """An admin refunds `amount` of a captured payment; the provider's Refund follows as a
    job."""
    minor = _admin_amount(booking_id, caller, amount)
    if isinstance(minor, str):
        return minor
    return _run(booking_id, caller,
                lambda state, now: refunding.request(state, caller.id, minor, reason, now))


def decide(booking_id: str, caller: UserDTO, refund: str, reason: str) -> str | None:
    """An admin settles a held authorization (a reported problem, a flagged or waiting
    booking): refund `refund` ("0" captures the session as it stands, the whole releases
    it)."""
    minor = _admin_amount(booking_id, caller, refund)
    if isinstance(minor, str):
        return minor
    return _run(booking_id, caller,
                lambda state, now: desk.decide(state, caller.id, minor, reason, now))


def retry_job(job_id: int, caller: UserDTO) -> str | None:
    if caller.role != "admin":
        return FORBIDDEN
    return None if outbox.retry(job_id) else "Only a failed job can be retried."


def dismiss_job(job_id: int, caller: UserDTO, reason: str) -> str | None:
    """Give up on a failed job, with a reason; a payment job's booking stays flagged."""
    if caller.role != "admin":
        return FORBIDDEN
    reason = reason.strip()[:500]
    if not reason:
        return desk.NO_REASON
    job = outbox.dismiss(job_id, reason)
    if job is None:
        return "Only a failed job can be dismissed."
    booking_id = str(job.payload.get("booking_id", ""))
    if booking_id and uow.load(booking_id) is not None:
        uow.run(booking_id, lambda b, _s: desk.job_dismissed(b, job.kind, caller.id, reason,
                                                             clock.now()), _actor(caller))
    return None


def resolve_flag(booking_id: str, caller: UserDTO, reason: str) -> str | None:
    if caller.role != "admin":
        return FORBIDDEN
    return _run(booking_id, caller,
                lambda b, now: desk.resolve_flag(b, caller.id, reason, now))


# --- the jobs a cancellation leaves ----------------------------------------------------------


def cancel_meeting(payload: dict[str, Any]) -> None:
    """The calendar event goes (idempotent at the provider)."""
    b = uow.load(payload["booking_id"])
    if b is not None and b.calendar_event_id and b.status in (bk.Status.CANCELLED,
                                                              bk.Status.REFUNDED):
        bootstrap.calendar().cancel(b.calendar_event_id)


def notify_cancelled(payload: dict[str, Any]) -> None:
    """Both sides are told who cancelled and what comes back."""
    b = uow.load(payload["booking_id"])
    if b is None or b.cancelled_at is None:
        return
    partner, client = people.of(b)
    notices.cancelled(b, partner, client)
