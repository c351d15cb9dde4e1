"""The booking's state as folded from its events: the status and every fact a decision reads."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime

from fxorleans.domain.money import Money


class Status(enum.StrEnum):
    HELD = "Held"
    AWAITING_PAYMENT = "Awaiting payment"
    CONFIRMED = "Confirmed"
    COMPLETED = "Completed"
    PROBLEM = "Problem reported"  # the capture waits for an admin
    PAID = "Paid"
    CANCELLED = "Cancelled"
    REFUNDED = "Refunded"
    EXPIRED = "Expired"


OPEN = (Status.HELD, Status.AWAITING_PAYMENT)
LIVE = (Status.HELD, Status.AWAITING_PAYMENT, Status.CONFIRMED, Status.COMPLETED, Status.PROBLEM,
        Status.PAID)


@dataclass(frozen=True)
class Booking:
    booking_id: str
    client_id: str
    partner_id: str
    start: datetime
    end: datetime
    price: Money
    problem: str
    hold_expires_at: datetime
    client_timezone: str
    status: Status
    version: int = 1
    intent_id: str | None = None
    authorized: int = 0
    authorized_at: datetime | None = None
    capture_before: datetime | None = None
    captured: int = 0
    captured_at: datetime | None = None
    released: int = 0
    refunded: int = 0
    refunded_at: datetime | None = None
    refund_requested: int = 0  # asked for by admins, refunded or on its way
    refund_requests: int = 0
    refunds_done: tuple[int, ...] = ()
    completed_at: datetime | None = None
    cancelled_at: datetime | None = None
    cancelled_by: str | None = None
    cancel_refund: int = 0
    cancel_reason: str = ""
    meeting_url: str | None = None
    calendar_event_id: str | None = None
    confirmed_at: datetime | None = None
    last_error: str | None = None
    failed_attempts: int = 0
    last_failed_charge: str = ""
    customer_id: str = ""
    payment_method_id: str = ""
    match_request_id: str | None = None
    policy_accepted_at: datetime | None = None
    accepted_policy: tuple[tuple[int, int], ...] = ()
    client_address: str | None = None  # keyed hash, see domain.holds.hashed_address
    no_show: bool = False
    no_show_refund: int = 0
    problem_reported_at: datetime | None = None
    problem_text: str = ""
    rating: int | None = None
    rating_comment: str = ""
    flag: str = ""  # why an admin must look, until one resolves it
    dispute_id: str = ""
    dispute_status: str = ""
    dispute_reason: str = ""
    dispute_amount: int = 0
    dispute_due_by: datetime | None = None

    @property
    def is_authorized(self) -> bool:
        return self.authorized > 0

    def money(self, amount: int) -> Money:
        return Money(amount, self.price.currency)
