"""Payments: Stripe behind the `PaymentGateway` protocol; no `stripe.*` type leaves this package.

`fxorleans.bootstrap.payments()` picks the adapter from configuration:

* `STRIPE_SECRET_KEY` set: real Stripe (`STRIPE_PUBLISHABLE_KEY`, `STRIPE_WEBHOOK_SECRET`;
  `STRIPE_API_BASE` / `STRIPE_JS_URL` override Stripe's addresses).
* no keys (the embedded default): the same adapter pointed at the in-app sandbox mounted at
  `{PUBLIC_URL}/sandbox/stripe`, keys `sk_test_sandbox` / `pk_test_sandbox`. Its webhook
  secret is `whsec_sandbox_` + an HMAC of `FXO_SECRET_KEY` (so it is stable across restarts
  and not guessable in a shared demo), or `whsec_sandbox_dev_only` when `FXO_SECRET_KEY` is
  unset; `STRIPE_WEBHOOK_SECRET`, when set, wins. `FXO_SANDBOX_API_BASE` points the adapter
  at a sandbox elsewhere (tests run one on a free port).
"""

from __future__ import annotations

import hashlib
import hmac

from fxorleans import config
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
    "failure_from_exception", "failure_from_stripe_error", "sandbox_settings", "SANDBOX_PATH",
    "SANDBOX_SECRET_KEY", "STRIPE_JS_URL",
]

STRIPE_JS_URL = "https://js.stripe.com/v3/"
SANDBOX_SECRET_KEY = "sk_test_sandbox"
SANDBOX_PUBLISHABLE_KEY = "pk_test_sandbox"
SANDBOX_DEV_WEBHOOK_SECRET = "whsec_sandbox_dev_only"
SANDBOX_PATH = "/sandbox/stripe"

def _sandbox_api_base(settings: config.Settings) -> str:
    """Where the server reaches the sandbox."""
    return settings.sandbox_api_base or f"{settings.server_url}{SANDBOX_PATH}"


def _sandbox_webhook_secret(settings: config.Settings) -> str:
    if settings.stripe_webhook_secret:
        return settings.stripe_webhook_secret
    if not settings.secret_key:
        return SANDBOX_DEV_WEBHOOK_SECRET
    mac = hmac.new(settings.secret_key.encode(), b"fxorleans stripe sandbox webhook",
                   hashlib.sha256)
    return "whsec_sandbox_" + mac.hexdigest()[:32]


def sandbox_settings() -> tuple[str, str, str]:
    """(api_base, publishable_key, webhook_secret) of the embedded sandbox, so the app mounts
    it with the secret the gateway verifies with."""
    settings = config.get()
    return (_sandbox_api_base(settings), SANDBOX_PUBLISHABLE_KEY,
            _sandbox_webhook_secret(settings))
