"""Stripe's errors as `PaymentFailure`s: an outcome for the code, a sentence for the client.

Lost, stolen, fraudulent and pick-up declines read as a plain decline: a fraudster must not
learn that the card is flagged. Messages never carry keys, secrets or Stripe's raw text.
"""

from __future__ import annotations

import logging

import stripe

from fxorleans.services.payments.base import PaymentError, PaymentFailure

log = logging.getLogger(__name__)

MESSAGES = {
    "card_declined": "Your card was declined. Please try a different payment method.",
    "insufficient_funds": "Insufficient funds. Please check your account balance.",
    "expired_card": "Your card has expired. Please use a different card.",
    "incorrect_cvc": "The security code (CVC) is incorrect. Please check it and try again.",
    "processing_error": "We could not process your card just now. Please try again in a moment.",
    "authentication_failed": "Your bank could not confirm this payment. "
                             "Please try again or use a different card.",
    "authentication_required": "Your bank needs you to confirm this payment. "
                               "Please come back and confirm it.",
    "network": "We could not reach the payment service. "
               "Your booking is kept; please try again in a moment.",
    "failed": "Payment processing failed. Please try again.",
}

# Codes (Stripe's `code` or `decline_code`) that get their own outcome; every other decline
# code -- generic_decline, do_not_honor, lost_card, stolen_card, fraudulent, pickup_card,
# ... -- is a plain card_declined.
_BY_CODE = {
    "authentication_required": "authentication_required",
    "payment_intent_authentication_failure": "authentication_failed",
    "setup_intent_authentication_failure": "authentication_failed",
    "insufficient_funds": "insufficient_funds",
    "expired_card": "expired_card",
    "incorrect_cvc": "incorrect_cvc",
    "invalid_cvc": "incorrect_cvc",
    "processing_error": "processing_error",
}


def failure(outcome: str, code: str = "", decline_code: str = "") -> PaymentFailure:
    return PaymentFailure(outcome, MESSAGES[outcome], code, decline_code)


def failure_from_stripe_error(code: str | None, decline_code: str | None) -> PaymentFailure:
    """Map a Stripe error's `code` / `decline_code` (API or Stripe.js) to a failure."""
    code, decline_code = code or "", decline_code or ""
    for key in (code, decline_code):
        if key in _BY_CODE:
            return failure(_BY_CODE[key], code, decline_code)
    if code == "card_declined" or decline_code:
        return failure("card_declined", code, decline_code)
    return failure("failed", code, decline_code)


def failure_from_exception(exc: stripe.StripeError) -> PaymentFailure:
    body = exc.json_body.get("error") if isinstance(exc.json_body, dict) else None
    details = body if isinstance(body, dict) else {}
    code = str(details.get("code") or exc.code or "")
    decline_code = str(details.get("decline_code") or "")
    if isinstance(exc, stripe.CardError):
        return failure_from_stripe_error(code, decline_code)
    if isinstance(exc, stripe.APIConnectionError | stripe.RateLimitError):
        return failure("network", code)
    if isinstance(exc, stripe.APIError) and (exc.http_status is None or exc.http_status >= 500):
        return failure("network", code)
    if code in _BY_CODE:  # e.g. a 400 payment_intent_authentication_failure
        return failure(_BY_CODE[code], code, decline_code)
    return failure("failed", code, decline_code)


def _intent_of(exc: stripe.StripeError) -> str | None:
    body = exc.json_body.get("error") if isinstance(exc.json_body, dict) else None
    intent = body.get("payment_intent") if isinstance(body, dict) else None
    if isinstance(intent, dict):
        return intent.get("id")
    return intent if isinstance(intent, str) else None


def payment_error(exc: stripe.StripeError, action: str) -> PaymentError:
    """Our error for `exc`, logged without secrets (type, status, codes, request id)."""
    found = failure_from_exception(exc)
    intent_id = _intent_of(exc)
    log.warning("stripe %s failed: %s (%s) status=%s code=%s decline_code=%s request=%s "
                "intent=%s", action, found.outcome, type(exc).__name__, exc.http_status,
                found.code, found.decline_code, exc.request_id, intent_id)
    return PaymentError(found, intent_id=intent_id)
