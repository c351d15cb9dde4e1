"""Payments: Stripe behind the `PaymentGateway` protocol; no `stripe.*` type leaves this package.

`fxorleans.bootstrap.payments()` picks the adapter from configuration:

* `STRIPE_SECRET_KEY` set: real Stripe (`STRIPE_PUBLISHABLE_KEY`, `STRIPE_WEBHOOK_SECRET`;
  `STRIPE_API_BASE` / `STRIPE_JS_URL` override Stripe's addresses).
* no keys (the embedded default, development only): the same adapter pointed at the in-app
  sandbox mounted at `{PUBLIC_URL}/sandbox/stripe`, with keys derived from `FXO_SECRET_KEY`
  or a stored random root (`fxorleans.sandbox.keys`; `fxorleans sandbox key` prints the
  secret key); `STRIPE_WEBHOOK_SECRET`, when set, is the signing secret. `FXO_SANDBOX_API_BASE`
  points the adapter at a sandbox elsewhere (tests run one on a free port).
"""

from __future__ import annotations

from fxorleans.services.payments.base import (
    Authorization,
    PaymentError,
    PaymentFailure,
    PaymentGateway,
    RefundResult,
    WebhookEvent,
    WebhookSignatureError,
)
from fxorleans.services.payments.errors import (
    MESSAGES,
    failure_from_exception,
    failure_from_stripe_error,
)
from fxorleans.services.payments.stripe_gateway import StripeGateway

__all__ = [
    "MESSAGES", "Authorization", "PaymentError", "PaymentFailure", "PaymentGateway",
    "RefundResult", "StripeGateway", "WebhookEvent", "WebhookSignatureError",
    "failure_from_exception", "failure_from_stripe_error", "SANDBOX_PATH", "STRIPE_JS_URL",
]

STRIPE_JS_URL = "https://js.stripe.com/v3/"
SANDBOX_PATH = "/sandbox/stripe"
