"""What the payment gateway promises: our own frozen types and the `PaymentGateway` protocol.

No vendor type crosses this line; the booking layer sees `Authorization`, `RefundResult`,
`WebhookEvent` and, on failure, a `PaymentError` carrying a `PaymentFailure`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from fxorleans.domain.money import Money

OUTCOMES = frozenset({
    "card_declined", "insufficient_funds", "expired_card", "incorrect_cvc", "processing_error",
    "authentication_failed", "authentication_required", "network", "failed",
})


@dataclass(frozen=True)
class PaymentFailure:
    outcome: str  # one of OUTCOMES
    message: str  # what the client reads; `code`/`decline_code` are for logs and admins only
    code: str = ""
    decline_code: str = ""


class PaymentError(Exception):
    """A gateway call failed; `failure.message` is safe to show to the client."""

    def __init__(self, failure: PaymentFailure, *, intent_id: str | None = None) -> None:
        super().__init__(failure.message)
        self.failure = failure
        # The intent a decline left behind (e.g. an off-session authorization that needs the
        # client to come back and confirm it), when the provider told us.
        self.intent_id = intent_id


@dataclass(frozen=True)
class Authorization:
    """Our view of a PaymentIntent."""

    intent_id: str
    status: str
    amount: int  # minor units
    currency: str  # upper-case ISO code
    amount_capturable: int
    amount_received: int
    client_secret: str = field(repr=False)
    metadata: dict[str, str]
    capture_before: datetime | None
    cancellation_reason: str | None
    last_error: PaymentFailure | None
    customer_id: str | None
    payment_method_id: str | None
    latest_charge_id: str = ""  # tells two declines with the same message apart

    @property
    def money(self) -> Money:
        return Money(self.amount, self.currency)

    @property
    def booking_id(self) -> str | None:
        return self.metadata.get("booking_id")


@dataclass(frozen=True)
class RefundResult:
    refund_id: str
    amount: int
    status: str


@dataclass(frozen=True)
class WebhookEvent:
    id: str
    type: str
    intent_id: str | None  # the PaymentIntent the event is about, when there is one
    object: dict[str, Any]  # the event's data.object as a plain dict


class WebhookSignatureError(Exception):
    """A webhook whose signature, secret or timestamp does not check out."""


class PaymentGateway(Protocol):
    publishable_key: str
    js_url: str
    is_sandbox: bool

    async def authorize(self, *, booking_id: str, client_id: str, partner_id: str,
                        amount: Money, description: str, receipt_email: str,
                        customer_id: str | None = None,
                        save_card: bool = False) -> Authorization:
        """Create the manual-capture intent; the browser confirms it."""
        ...

    async def retrieve(self, intent_id: str) -> Authorization: ...

    async def recent(self, since: datetime, limit: int = 1000) -> list[Authorization]:
        """Every intent created since `since` (for reconciliation)."""
        ...

    async def capture(self, intent_id: str, *, booking_id: str,
                      amount: int | None = None) -> Authorization:
        """Capture all of the authorization, or `amount` of it (the rest is released)."""
        ...

    async def cancel(self, intent_id: str, *, booking_id: str,
                     reason: str = "requested_by_customer") -> Authorization: ...

    async def refund(self, intent_id: str, *, booking_id: str, amount: int,
                     key_suffix: str = "") -> RefundResult:
        """Refund part or all of a captured payment; `key_suffix` tells apart two refunds of
        the same amount."""
        ...

    async def create_customer(self, *, client_id: str, email: str, name: str) -> str: ...

    async def authorize_off_session(self, *, booking_id: str, client_id: str, partner_id: str,
                                    amount: Money, customer_id: str, payment_method_id: str,
                                    description: str) -> Authorization:
        """Authorize a saved card without the client (raises PaymentError on a decline)."""
        ...

    def verify_webhook(self, payload: bytes, signature_header: str) -> WebhookEvent: ...
