"""Builds every adapter from the settings: the one place that decides which provider runs.

| concern  | configured                       | embedded default (no keys)          |
|----------|----------------------------------|-------------------------------------|
| payments | Stripe (`STRIPE_SECRET_KEY`)     | the Stripe sandbox at /sandbox/stripe |
| calendar | Google (`GOOGLE_SERVICE_ACCOUNT_FILE`) | local calendar and video rooms |
| matcher  | the local ranker                 | the local ranker                    |
| mailer   | the stored outbox                | the stored outbox                   |

Adapters are built once per configuration (`config.reload()` gives new ones).
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from fxorleans import config
from fxorleans.services.calendar import CalendarProvider, LocalCalendar
from fxorleans.services.mailer import Mailer, StoredMailer
from fxorleans.services.matcher import LocalMatcher, Matcher
from fxorleans.services.payments import (
    SANDBOX_PATH,
    STRIPE_JS_URL,
    PaymentGateway,
    StripeGateway,
)

if TYPE_CHECKING:
    from fxorleans.sandbox.keys import Keys

_lock = threading.Lock()
_payments: tuple[config.Settings, PaymentGateway] | None = None
_matcher: LocalMatcher | None = None


def sandbox_api_base(settings: config.Settings) -> str:
    """Where the server reaches the sandbox: one elsewhere, or the in-app mount."""
    return settings.sandbox_api_base or f"{settings.server_url}{SANDBOX_PATH}"


def sandbox_keys() -> Keys:
    """The in-app sandbox's keys for this DATABASE_URL and FXO_SECRET_KEY (see sandbox.keys)."""
    from fxorleans.sandbox import keys

    settings = config.get()
    return keys.for_database(settings.database_url, settings.secret_key,
                             settings.stripe_webhook_secret)


def _build_payments(settings: config.Settings) -> PaymentGateway:
    if settings.uses_sandbox:
        if settings.production:
            raise RuntimeError("STRIPE_SECRET_KEY is required in production: the Stripe "
                               "sandbox exists only in development")
        keys = sandbox_keys()
        # The browser loads the in-app script from the public address (the server may use
        # 127.0.0.1); a sandbox elsewhere serves its own script.
        js_base = settings.sandbox_api_base or f"{settings.public_url}{SANDBOX_PATH}"
        return StripeGateway(keys.secret, keys.publishable, keys.webhook_secret,
                             sandbox_api_base(settings), f"{js_base}/v3/", is_sandbox=True)
    if not settings.stripe_publishable_key:
        raise RuntimeError("STRIPE_PUBLISHABLE_KEY must be set together with STRIPE_SECRET_KEY")
    return StripeGateway(settings.stripe_secret_key, settings.stripe_publishable_key,
                         settings.stripe_webhook_secret, settings.stripe_api_base or None,
                         settings.stripe_js_url or STRIPE_JS_URL)


def payments() -> PaymentGateway:
    """The configured gateway (one per configuration, shared by all callers)."""
    global _payments
    settings = config.get()
    with _lock:
        if _payments is None or _payments[0] != settings:
            _payments = (settings, _build_payments(settings))
        return _payments[1]


def calendar() -> CalendarProvider:
    """Google when GOOGLE_SERVICE_ACCOUNT_FILE is set, else the local calendar."""
    settings = config.get()
    if settings.google_service_account_file:
        from fxorleans.services.calendar import google

        return google.GoogleCalendar(service_account_file=settings.google_service_account_file)
    return LocalCalendar(settings.meeting_base_url)


def mailer() -> Mailer:
    return StoredMailer()


def matcher() -> Matcher:
    """The ranker the app matches with (its index is built once and reused)."""
    global _matcher
    with _lock:
        if _matcher is None:
            _matcher = LocalMatcher()
        return _matcher
