"""`PaymentGateway` on the official Stripe SDK: real Stripe, or the in-app sandbox.

Every mutating call carries an idempotency key derived from the booking (or client) and the
action, so the outbox worker may retry any of them without charging or refunding twice.
"""

from __future__ import annotations

import asyncio
import json
import weakref
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any, TypeVar

import stripe
from stripe.params import (
    CustomerCreateParams,
    PaymentIntentCancelParams,
    PaymentIntentCaptureParams,
    PaymentIntentCreateParams,
    PaymentIntentCreateParamsAutomaticPaymentMethods,
    PaymentIntentListParams,
    RefundCreateParams,
)

from fxorleans.domain.money import Money
from fxorleans.services.payments.base import (
    Authorization,
    PaymentFailure,
    RefundResult,
    WebhookEvent,
    WebhookSignatureError,
)
from fxorleans.services.payments.errors import failure_from_stripe_error, payment_error

T = TypeVar("T")

NO_REDIRECTS: PaymentIntentCreateParamsAutomaticPaymentMethods = {
    "enabled": True, "allow_redirects": "never"}
EXPAND_CHARGE = ["latest_charge"]


def _key(booking_id: str, action: str) -> stripe.RequestOptions:
    return {"idempotency_key": f"booking-{booking_id}-{action}"}


def _text(value: Any) -> str | None:
    """An id from a field that may be an id or an expanded object."""
    if isinstance(value, dict):
        return value.get("id")
    return value or None


def _capture_before(charge: Any) -> datetime | None:
    if not isinstance(charge, dict):
        return None
    card = (charge.get("payment_method_details") or {}).get("card") or {}
    stamp = card.get("capture_before")
    return datetime.fromtimestamp(int(stamp), UTC) if stamp else None


def _last_error(error: dict[str, Any] | None) -> PaymentFailure | None:
    if not error:
        return None
    return failure_from_stripe_error(error.get("code"), error.get("decline_code"))


def to_authorization(intent: stripe.PaymentIntent) -> Authorization:
    pi = intent.to_dict()
    return Authorization(
        intent_id=pi["id"],
        status=pi["status"],
        amount=int(pi["amount"]),
        currency=str(pi["currency"]).upper(),
        amount_capturable=int(pi.get("amount_capturable") or 0),
        amount_received=int(pi.get("amount_received") or 0),
        client_secret=pi.get("client_secret") or "",
        metadata={str(k): str(v) for k, v in (pi.get("metadata") or {}).items()},
        capture_before=_capture_before(pi.get("latest_charge")),
        cancellation_reason=pi.get("cancellation_reason"),
        last_error=_last_error(pi.get("last_payment_error")),
        customer_id=_text(pi.get("customer")),
        payment_method_id=_text(pi.get("payment_method")),
        latest_charge_id=_text(pi.get("latest_charge")) or "",
    )


def _intent_of_event(obj: dict[str, Any]) -> str | None:
    if obj.get("object") == "payment_intent":
        return obj.get("id")
    return _text(obj.get("payment_intent"))


class StripeGateway:
    def __init__(self, secret_key: str, publishable_key: str, webhook_secret: str,
                 api_base: str | None, js_url: str, *, tolerance: int = 300,
                 is_sandbox: bool = False) -> None:
        self.publishable_key = publishable_key
        self.js_url = js_url
        self.is_sandbox = is_sandbox
        self.tolerance = tolerance
        self._secret_key = secret_key
        self._api_base = api_base
        self._webhook_secret = webhook_secret
        # The SDK's async HTTP client pools connections bound to one event loop; the app, its
        # worker and the tests each run their own loop, so each loop gets its own client.
        self._clients: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop,
                                                 stripe.StripeClient] = weakref.WeakKeyDictionary()

    def __repr__(self) -> str:
        where = self._api_base or "api.stripe.com"
        return f"StripeGateway({where!r}, sandbox={self.is_sandbox})"

    def _client(self) -> stripe.StripeClient:
        loop = asyncio.get_running_loop()
        client = self._clients.get(loop)
        if client is None:
            client = stripe.StripeClient(
                self._secret_key,
                base_addresses={"api": self._api_base} if self._api_base else None,
                max_network_retries=2)
            self._clients[loop] = client
        return client

    async def _call(self, action: str, call: Callable[[stripe.StripeClient], Awaitable[T]]) -> T:
        try:
            return await call(self._client())
        except stripe.StripeError as exc:
            raise payment_error(exc, action) from None

    async def authorize(self, *, booking_id: str, client_id: str, partner_id: str,
                        amount: Money, description: str, receipt_email: str,
                        customer_id: str | None = None,
                        save_card: bool = False) -> Authorization:
        params: PaymentIntentCreateParams = {
            "amount": amount.amount, "currency": amount.currency.lower(),
            "capture_method": "manual", "automatic_payment_methods": NO_REDIRECTS,
            "metadata": {"booking_id": booking_id, "client_id": client_id,
                         "partner_id": partner_id},
            "description": description, "receipt_email": receipt_email,
        }
        if customer_id:
            params["customer"] = customer_id
        if save_card:
            if not customer_id:
                raise ValueError("save_card needs a customer_id")
            params["setup_future_usage"] = "off_session"
        intent = await self._call("authorize", lambda c: c.v1.payment_intents.create_async(
            params=params, options=_key(booking_id, "authorize")))
        return to_authorization(intent)

    async def recent(self, since: datetime, limit: int = 1000) -> list[Authorization]:
        """Every intent created since `since`, newest first, up to `limit`."""
        found: list[Authorization] = []
        params: PaymentIntentListParams = {"created": {"gte": int(since.timestamp())},
                                           "limit": 100}
        while len(found) < limit:
            page = await self._call("list", lambda c: c.v1.payment_intents.list_async(
                params=params))
            found += [to_authorization(pi) for pi in page.data]
            if not page.has_more or not page.data:
                break
            params["starting_after"] = page.data[-1].id
        return found[:limit]

    async def retrieve(self, intent_id: str) -> Authorization:
        intent = await self._call("retrieve", lambda c: c.v1.payment_intents.retrieve_async(
            intent_id, params={"expand": EXPAND_CHARGE}))
        return to_authorization(intent)

    async def capture(self, intent_id: str, *, booking_id: str,
                      amount: int | None = None) -> Authorization:
        params: PaymentIntentCaptureParams = {"expand": EXPAND_CHARGE}
        if amount is not None:
            params["amount_to_capture"] = amount
        intent = await self._call("capture", lambda c: c.v1.payment_intents.capture_async(
            intent_id, params=params, options=_key(booking_id, "capture")))
        return to_authorization(intent)

    async def cancel(self, intent_id: str, *, booking_id: str,
                     reason: str = "requested_by_customer") -> Authorization:
        params: PaymentIntentCancelParams = {"cancellation_reason": reason,
                                             "expand": EXPAND_CHARGE}
        intent = await self._call("cancel", lambda c: c.v1.payment_intents.cancel_async(
            intent_id, params=params, options=_key(booking_id, f"cancel-{intent_id}")))
        return to_authorization(intent)

    async def refund(self, intent_id: str, *, booking_id: str, amount: int,
                     key_suffix: str = "") -> RefundResult:
        params: RefundCreateParams = {"payment_intent": intent_id, "amount": amount,
                                      "metadata": {"booking_id": booking_id}}
        refund = await self._call("refund", lambda c: c.v1.refunds.create_async(
            params=params, options=_key(booking_id, f"refund-{amount}{key_suffix}")))
        return RefundResult(refund_id=refund.id, amount=int(refund.amount),
                            status=str(refund.status))

    async def create_customer(self, *, client_id: str, email: str, name: str) -> str:
        params: CustomerCreateParams = {"email": email, "name": name,
                                        "metadata": {"client_id": client_id}}
        customer = await self._call("create_customer", lambda c: c.v1.customers.create_async(
            params=params, options={"idempotency_key": f"client-{client_id}-customer"}))
        return customer.id

    async def authorize_off_session(self, *, booking_id: str, client_id: str, partner_id: str,
                                    amount: Money, customer_id: str, payment_method_id: str,
                                    description: str) -> Authorization:
        params: PaymentIntentCreateParams = {
            "amount": amount.amount, "currency": amount.currency.lower(),
            "capture_method": "manual", "automatic_payment_methods": NO_REDIRECTS,
            "customer": customer_id, "payment_method": payment_method_id,
            "off_session": True, "confirm": True,
            "metadata": {"booking_id": booking_id, "client_id": client_id,
                         "partner_id": partner_id},
            "description": description, "expand": EXPAND_CHARGE,
        }
        intent = await self._call(
            "authorize_off_session", lambda c: c.v1.payment_intents.create_async(
                params=params, options=_key(booking_id, "offsession-authorize")))
        return to_authorization(intent)

    def verify_webhook(self, payload: bytes, signature_header: str) -> WebhookEvent:
        """Signature and age, both judged by the SDK's own verifier (header parsing included).

        The age is measured on the wall clock, as Stripe signs: the test clock moves the
        app's business time, never the time a delivery was signed.
        """
        if not self._webhook_secret:
            raise WebhookSignatureError("no webhook secret is configured")
        try:
            stripe.WebhookSignature.verify_header(payload, signature_header,
                                                  self._webhook_secret, tolerance=self.tolerance)
        except stripe.SignatureVerificationError as exc:
            raise WebhookSignatureError(exc.user_message or "bad signature") from None
        try:
            event = json.loads(payload)
            obj = event["data"]["object"]
            if not isinstance(obj, dict):
                raise TypeError("data.object is not an object")
            return WebhookEvent(id=str(event["id"]), type=str(event["type"]),
                                intent_id=_intent_of_event(obj), object=obj)
        except (ValueError, KeyError, TypeError) as exc:
            raise WebhookSignatureError(f"not a Stripe event: {exc}") from None
