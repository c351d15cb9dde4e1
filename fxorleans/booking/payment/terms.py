"""What the payment use cases share: the refusal they raise and the configured terms."""

from __future__ import annotations

from datetime import timedelta

from fxorleans import config
from fxorleans.domain.payment import AuthorizationTerms
from fxorleans.services.payments import failure_from_stripe_error


class PaymentRefused(Exception):
    """A refusal the client can read."""


def terms() -> AuthorizationTerms:
    settings = config.get()
    return AuthorizationTerms(window=timedelta(days=settings.authorization_window_days),
                              reauthorize_lead=timedelta(days=settings.offsession_auth_lead_days),
                              uncovered_lead=timedelta(hours=settings.uncovered_cancel_hours))


def browser_error_message(code: str, decline_code: str) -> str:
    """What to tell the client about an error Stripe.js reported before reaching our server."""
    return failure_from_stripe_error(code, decline_code).message
