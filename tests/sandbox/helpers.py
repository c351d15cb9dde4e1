"""Small shared helpers for the sandbox tests."""

from __future__ import annotations

from typing import Any

import httpx
import stripe

SECRET_KEY = "sk_test_sandbox_0123456789"
PUBLISHABLE_KEY = "pk_test_sandbox_0123456789"
WEBHOOK_SECRET = "whsec_sandbox_test"
NO_REDIRECTS = {"enabled": True, "allow_redirects": "never"}


def authorize(client: stripe.StripeClient, pm: str = "pm_card_visa", **extra: Any):
    """A confirmed manual-capture intent for 800.00 USD (raises CardError on a decline)."""
    params: dict[str, Any] = {"amount": 80000, "currency": "usd", "capture_method": "manual",
                              "payment_method": pm, "confirm": True,
                              "automatic_payment_methods": NO_REDIRECTS}
    params.update(extra)
    return client.v1.payment_intents.create(params=params)


def new_intent(client: stripe.StripeClient, **extra: Any):
    params: dict[str, Any] = {"amount": 80000, "currency": "usd", "capture_method": "manual",
                              "automatic_payment_methods": NO_REDIRECTS,
                              "metadata": {"booking_id": "bk_1"}}
    params.update(extra)
    return client.v1.payment_intents.create(params=params)


def browser_confirm(base: str, pk: str, intent_id: str, client_secret: str, number: str,
                    *, exp: tuple[str, str] = ("12", "34"), cvc: str = "123") -> httpx.Response:
    """Confirm the way our Stripe.js does: publishable key, client secret, card details."""
    return httpx.post(
        f"{base}/v1/payment_intents/{intent_id}/confirm",
        headers={"Authorization": f"Bearer {pk}"},
        data={"client_secret": client_secret, "use_stripe_sdk": "true",
              "expected_payment_method_type": "card",
              "payment_method_data[type]": "card",
              "payment_method_data[card][number]": number,
              "payment_method_data[card][exp_month]": exp[0],
              "payment_method_data[card][exp_year]": exp[1],
              "payment_method_data[card][cvc]": cvc,
              "payment_method_data[billing_details][address][postal_code]": "10001",
              "return_url": "https://example.test/done"},
    )


def authenticate(base: str, intent_id: str, client_secret: str, outcome: str) -> httpx.Response:
    """Answer the sandbox's 3-D Secure challenge as the modal's buttons do."""
    return httpx.post(f"{base}/v3/authenticate", data={
        "intent": intent_id, "client_secret": client_secret, "outcome": outcome})
