"""Closing a booking: completion, a no-show, the capture, a cancellation and its refund, a
reported problem, a rating. Pure: each takes the booking, who acts, `now` and the terms, and
returns the events, the jobs and, when it refuses, why.

Who cancels decides the refund: the client by the policy (in full within the grace period
after booking), the partner always in full, an admin by choice (full by default).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from fxorleans.domain import booking as bk
from fxorleans.domain import events as ev
from fxorleans.domain import jobs
from fxorleans.domain.decision import NOTHING, Decision, accept, refuse
from fxorleans.domain.money import Money, split
from fxorleans.domain.refunds import Policy, refund_percent

NOT_FOUND = "We cannot find this booking."
NOT_ENDED = "The session has not ended yet: confirm its completion afterwards."
NOT_STARTED = "The session has not started yet."
ALREADY_CLOSED = "This booking is already closed."
PROBLEM_PENDING = "A problem was reported for this session: an admin will decide."
CLIENT_AFTER_START = ("The session has started, so it can no longer be cancelled. If something "
                      "went wrong, report a problem instead.")
NOT_PAID_YET = "This booking is not paid yet: release the hold instead."
NO_RATING_YET = "You can rate the session once it has taken place."
ALREADY_RATED = "You already rated this session. Thank you!"
BAD_STARS = "Choose 1 to 5 stars."
NO_PROBLEM_NOW = "A problem can be reported from the session's start until it is paid."
COMMENT_MAX = 2000
PROBLEM_MIN, PROBLEM_MAX = 10, 2000


@dataclass(frozen=True)
class Terms:
    capture_delay: timedelta  # after the end, the client's window to report a problem
    grace: timedelta  # after booking, a client's cancellation is refunded in full
    policy: Policy


@dataclass(frozen=True)
class Quote:
    refund: Money
    percent: int
    why: str


def _partner_may(b: bk.Booking | None, partner_id: str) -> bool:
    return b is not None and b.partner_id == partner_id


def capture_amount(b: bk.Booking) -> int:
    """What the capture takes: the authorization, less a no-show's policy refund."""
    return b.authorized - b.no_show_refund


def _capture_job(b: bk.Booking, now: datetime, terms: Terms) -> jobs.Job:
    due = max(b.end + terms.capture_delay, now)
    return jobs.capture(b.booking_id, due - now)


def complete(b: bk.Booking | None, partner_id: str, now: datetime, terms: Terms) -> Decision:
    """The partner confirms the session took place; the capture follows after the delay."""
    if b is None or not _partner_may(b, partner_id):
        return refuse(NOT_FOUND)
    if b.status == bk.Status.PROBLEM:
        return refuse(PROBLEM_PENDING)
    if b.status != bk.Status.CONFIRMED:
        return NOTHING if b.completed_at else refuse(ALREADY_CLOSED)
    if now < b.end:
        return refuse(NOT_ENDED)
    return accept(ev.SessionCompleted(completed_at=now, confirmed_by=partner_id),
                  jobs=(_capture_job(b, now, terms),))


def no_show(b: bk.Booking | None, partner_id: str, now: datetime, terms: Terms) -> Decision:
    """The client did not come: a late cancellation (the policy's last tier), captured the
    same way as a completed session."""
    if b is None or not _partner_may(b, partner_id):
        return refuse(NOT_FOUND)
    if b.status == bk.Status.PROBLEM:
        return refuse(PROBLEM_PENDING)
    if b.status != bk.Status.CONFIRMED:
        return NOTHING if b.no_show else refuse(ALREADY_CLOSED)
    if now < b.start:
        return refuse(NOT_STARTED)
    percent = refund_percent(b.start, b.start, terms.policy)  # the tier at the start itself
    refund = b.money(b.authorized).percent(percent).amount
    return accept(ev.ClientNoShowMarked(marked_by=partner_id, refund_amount=refund,
                                        marked_at=now),
                  jobs=(_capture_job(b, now, terms),))


def captured(b: bk.Booking | None, now: datetime) -> Decision:
    """After the provider captured `capture_amount(b)`: the shares, once."""
    if b is None or b.captured or b.status != bk.Status.COMPLETED:
        return NOTHING
    amount = b.money(capture_amount(b))
    shares = split(amount)
    return accept(ev.PaymentCaptured(amount=amount.amount, partner_share=shares.partner.amount,
                                     platform_share=shares.platform.amount, captured_at=now))


def may_capture(b: bk.Booking | None) -> bool:
    """The capture job goes ahead only for a completed, unpaid session without a problem."""
    return b is not None and b.status == bk.Status.COMPLETED and not b.captured \
        and capture_amount(b) > 0


# --- cancellation -------------------------------------------------------------------------


def quote(b: bk.Booking | None, role: str, actor_id: str, now: datetime, terms: Terms
          ) -> Quote | str:
    """What cancelling now refunds, for `role` (client | partner | admin); a str says why
    this caller cannot cancel."""
    if b is None or (role == "client" and b.client_id != actor_id) or \
            (role == "partner" and b.partner_id != actor_id):
        return NOT_FOUND
    if b.status in bk.OPEN:
        return NOT_PAID_YET
    if b.status != bk.Status.CONFIRMED or b.captured:
        return PROBLEM_PENDING if b.status == bk.Status.PROBLEM else ALREADY_CLOSED
    paid = b.money(b.authorized)
    if role != "client":
        who = "the partner" if role == "partner" else "an admin"
        return Quote(paid, 100, f"A cancellation by {who} refunds the client in full.")
    if now >= b.start:
        return CLIENT_AFTER_START
    if b.authorized_at is not None and now - b.authorized_at <= terms.grace:
        minutes = int(terms.grace.total_seconds() // 60)
        return Quote(paid, 100, f"Within {minutes} minutes of booking: a full refund, "
                                "whatever the policy says.")
    percent = refund_percent(b.start, now, terms.policy)
    return Quote(paid.percent(percent), percent,
                 f"{_ahead(b.start - now)} before the start: {percent} % back under the "
                 "cancellation policy you accepted.")


def _ahead(delta: timedelta) -> str:
    """'30 h', '3 h 20 min', '45 min': rounded down, never more than the truth."""
    minutes = int(delta.total_seconds() // 60)
    hours, rest = divmod(minutes, 60)
    if hours >= 10 or (hours and not rest):
        return f"{hours} h"
    return f"{hours} h {rest} min" if hours else f"{rest} min"


def cancel(b: bk.Booking | None, role: str, actor_id: str, reason: str, now: datetime,
           terms: Terms) -> Decision:
    """Cancel a paid booking; the refund follows `quote`, the settle job moves the money."""
    offer = quote(b, role, actor_id, now, terms)
    if isinstance(offer, str):
        return refuse(offer)
    assert b is not None
    cancelled = ev.BookingCancelled(cancelled_by=role, reason=reason.strip()[:500] or offer.why,
                                    refund_amount=offer.refund.amount, cancelled_at=now)
    return accept(cancelled, jobs=(jobs.settle(b.booking_id),
                                   jobs.cancel_meeting(b.booking_id),
                                   jobs.notify_cancelled(b.booking_id)))


# --- after the session ---------------------------------------------------------------------


def report_problem(b: bk.Booking | None, client_id: str, text: str, now: datetime
                   ) -> Decision:
    if b is None or b.client_id != client_id:
        return refuse(NOT_FOUND)
    if b.status == bk.Status.PROBLEM:
        return NOTHING
    if b.status not in (bk.Status.CONFIRMED, bk.Status.COMPLETED) or b.captured or \
            now < b.start:
        return refuse(NO_PROBLEM_NOW)
    text = text.strip()
    if not PROBLEM_MIN <= len(text) <= PROBLEM_MAX:
        return refuse(f"Tell us what went wrong in {PROBLEM_MIN} to {PROBLEM_MAX} characters.")
    return accept(ev.ProblemReported(reported_by=client_id, text=text, reported_at=now),
                  jobs=(jobs.alert(b.booking_id, "problem",
                                   f"The client reported a problem: {text}"),))


def rate(b: bk.Booking | None, client_id: str, stars: int, comment: str, now: datetime
         ) -> Decision:
    if b is None or b.client_id != client_id:
        return refuse(NOT_FOUND)
    if b.rating is not None:
        return refuse(ALREADY_RATED)
    if b.completed_at is None or b.no_show:
        return refuse(NO_RATING_YET)
    if not 1 <= stars <= 5:
        return refuse(BAD_STARS)
    return accept(ev.SessionRated(stars=stars, comment=comment.strip()[:COMMENT_MAX],
                                  rated_at=now))


# --- settling a cancellation (the settle job) ---------------------------------------------


def retained(b: bk.Booking) -> int:
    """What a cancelled booking keeps: the authorization less the refund it was promised."""
    return b.authorized - b.cancel_refund


def needs_settling(b: bk.Booking | None) -> bool:
    return b is not None and b.status == bk.Status.CANCELLED and b.authorized > 0 \
        and not b.captured and b.released < b.authorized


def released(b: bk.Booking | None, now: datetime) -> Decision:
    """The provider cancelled the authorization: the whole of it went back."""
    if not needs_settling(b):
        return NOTHING
    assert b is not None
    return accept(ev.AuthorizationReleased(amount=b.authorized - b.released, released_at=now))


def retained_captured(b: bk.Booking | None, now: datetime) -> Decision:
    """The provider captured only the retained part; the rest of the hold was released."""
    if not needs_settling(b):
        return NOTHING
    assert b is not None
    kept = b.money(retained(b))
    shares = split(kept)
    return accept(ev.PaymentCaptured(amount=kept.amount, partner_share=shares.partner.amount,
                                     platform_share=shares.platform.amount, captured_at=now))


def deadline_nears(b: bk.Booking | None, intent_id: str, now: datetime) -> Decision:
    """Shortly before an authorization lapses: if it still holds uncaptured money of a session
    that has begun, the admins must act (confirm it, resolve the problem, or refund). A session
    still ahead is covered by its off-session re-authorization, which alerts on failure."""
    if b is None or b.intent_id != intent_id or b.captured or now < b.start or \
            b.status not in (bk.Status.CONFIRMED, bk.Status.COMPLETED, bk.Status.PROBLEM):
        return NOTHING
    return accept(ev.AuthorizationLapsing(intent_id=intent_id, capture_before=b.capture_before,
                                          flagged_at=now), jobs=(jobs.alert(
        b.booking_id, f"deadline-{intent_id}",
        f"The card authorization {intent_id} of booking {b.booking_id} ({b.status.value}) "
        f"lapses within {int(jobs.DEADLINE_WARNING.total_seconds() // 3600)} h and nothing "
        "was captured: confirm the session, resolve the problem or refund it now."),))
